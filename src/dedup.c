/* dedup: see dedup.h. Keys are built with ICU's character properties and simple case folding;
 * the hashes seen are a seg_hash_set (hash.h). */
#include "dedup.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "hash.h"

static const char *const mode_names[] = {"fold", "letters_only", "exact"};

int seg_dedup_mode_parse(const char *name) {
  for (int i = 0; i < 3; i++)
    if (!strcmp(name, mode_names[i])) return i;
  return -1;
}

const char *seg_dedup_mode_name(seg_dedup_mode mode) {
  return mode_names[mode <= SEG_DEDUP_EXACT ? mode : 0];
}

void seg_dedup_key(seg_dedup_mode mode, const char *text, size_t len, seg_buf *key) {
  if (mode == SEG_DEDUP_EXACT) {
    seg_buf_append(key, text, len);
    return;
  }
  const uint8_t *s = (const uint8_t *)text;
  uint32_t keep = U_GC_L_MASK | U_GC_M_MASK | (mode == SEG_DEDUP_FOLD ? U_GC_N_MASK : 0);
  for (size_t i = 0; i < len;) {
    unsigned char c = s[i];
    if (c < 0x80) { /* ASCII fast path */
      i++;
      if (c >= 'A' && c <= 'Z') seg_buf_putc(key, (char)(c + 32));
      else if ((c >= 'a' && c <= 'z') || (mode == SEG_DEDUP_FOLD && c >= '0' && c <= '9'))
        seg_buf_putc(key, (char)c);
      continue;
    }
    size_t start = i;
    UChar32 cp;
    U8_NEXT(s, i, len, cp);
    if (cp < 0) {
      seg_buf_append(key, text + start, i - start);
      continue;
    }
    if (U_GET_GC_MASK(cp) & keep) seg_buf_put_utf8(key, (unsigned int)u_foldCase(cp, U_FOLD_CASE_DEFAULT));
  }
}

static inline uint64_t rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

static inline uint64_t load64le(const unsigned char *p, size_t n) {
  uint64_t w = 0;
  for (size_t k = 0; k < n; k++) w |= (uint64_t)p[k] << (8 * k);
  return w;
}

#define K1 0x9E3779B97F4A7C15ull
#define K2 0xC2B2AE3D27D4EB4Full

uint64_t seg_dedup_hash64(const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  uint64_t h = 0x243F6A8885A308D3ull ^ ((uint64_t)n * K1);
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w = load64le(p + i, 8) * K2;
    h ^= rotl(w, 31) * K1;
    h = rotl(h, 27) * 5 + 0x52DCE729u;
  }
  if (i < n) {
    uint64_t w = load64le(p + i, n - i) * K2;
    h ^= rotl(w, 31) * K1;
  }
  h ^= h >> 33; /* the SplitMix64 / MurmurHash3 finalizer: every input bit reaches every bit */
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ull;
  h ^= h >> 33;
  return h ? h : 1;
}

uint64_t seg_dedup_hash(seg_dedup_mode mode, const char *src, size_t slen, const char *tgt,
                        size_t tlen, seg_buf *scratch) {
  seg_buf_clear(scratch);
  seg_dedup_key(mode, src, slen, scratch);
  if (tgt) {
    seg_buf_putc(scratch, '\t'); /* never part of a key: TAB is spacing, or (exact) not in a
                                    field */
    seg_dedup_key(mode, tgt, tlen, scratch);
  }
  return seg_dedup_hash64(scratch->data ? scratch->data : "", scratch->len);
}

struct seg_dedup {
  seg_hash_set seen;
  size_t max, unrecorded;
};

seg_dedup *seg_dedup_new(size_t max_entries) {
  seg_dedup *d = seg_xcalloc(1, sizeof *d);
  d->max = max_entries ? max_entries : SEG_DEDUP_DEFAULT_MAX;
  return d;
}

void seg_dedup_free(seg_dedup *d) {
  if (!d) return;
  seg_hash_set_free(&d->seen);
  free(d);
}

int seg_dedup_check(seg_dedup *d, uint64_t h) {
  if (!h) h = 1; /* 0 is not a hash seg_dedup_hash makes: kept as 1, as it always was */
  if (seg_hash_set_has(&d->seen, h)) return 1;
  if (seg_hash_set_count(&d->seen) >= d->max) {
    d->unrecorded++;
    return 0;
  }
  seg_hash_set_add(&d->seen, h);
  return 0;
}

size_t seg_dedup_size(const seg_dedup *d) { return seg_hash_set_count(&d->seen); }
size_t seg_dedup_unrecorded(const seg_dedup *d) { return d->unrecorded; }
