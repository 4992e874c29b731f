/* reneed: what every match of a regular expression must contain, as sets of UTF-8 bytes, so
 * the cleaner can skip an ICU regex on a line that lacks one of them ("[>»›]" twice needs a
 * '>' or the last byte of '»' or '›'; "\d+ menit" needs a digit). The analysis is
 * conservative: syntax it does not know yields no requirement, never a wrong one. */
#ifndef SEG_RENEED_H
#define SEG_RENEED_H
#include <stddef.h>
#include <stdint.h>

typedef struct {
  uint64_t w[4]; /* bit b: byte b */
} seg_bytemask;

#define SEG_RENEED_MAX 4

/* Strings of which every match holds one (literal runs such as "lalu", or an alternation of
 * them such as "(google news|whatsapp)"); n = 0: nothing known. */
#define SEG_RENEED_STRS 16
#define SEG_RENEED_STRLEN 32
typedef struct {
  int n;
  unsigned char len[SEG_RENEED_STRS];
  char s[SEG_RENEED_STRS][SEG_RENEED_STRLEN];
  uint64_t bytes[SEG_RENEED_STRS][4]; /* the set of bytes of each string */
} seg_strneed;

/* Fills need[0..return) with sets such that every match of the ICU pattern `pattern` (UTF-8,
 * flags: none but UREGEX_UWORD) holds a byte of each set; at most `max` sets, the rarest
 * first (0: nothing is known). With `strs`, also the strings one of which every match holds. */
int seg_reneed(const char *pattern, seg_bytemask *need, int max, seg_strneed *strs);

/* Does s[0, n), whose set of bytes is `has`, hold one of the strings (or is nothing known)?
 * A string with a byte the text lacks is not searched for. */
int seg_strneed_met(const seg_strneed *need, const char *s, size_t n, const seg_bytemask *has);

/* The set of bytes of s[0, n). */
void seg_bytemask_of(const char *s, size_t n, seg_bytemask *out);

static inline void seg_bytemask_add(seg_bytemask *m, unsigned char b) {
  m->w[b >> 6] |= (uint64_t)1 << (b & 63);
}

/* Do a and b share a byte? */
static inline int seg_bytemask_meets(const seg_bytemask *a, const seg_bytemask *b) {
  return ((a->w[0] & b->w[0]) | (a->w[1] & b->w[1]) | (a->w[2] & b->w[2]) |
          (a->w[3] & b->w[3])) != 0;
}

#endif
