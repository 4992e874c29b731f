/* offmap: maps byte offsets of cleaned text back to byte offsets of the input document.
 * Stored as runs, so an untouched paragraph costs one entry whatever its length. A run is
 * either an identity copy (clean bytes == input bytes) or a replacement (all its clean bytes
 * stand for the whole input range, e.g. U+FFFD for an invalid byte, a space for NBSP). */
#ifndef SEG_OFFMAP_H
#define SEG_OFFMAP_H
#include <stddef.h>

typedef struct {
  size_t clean;    /* first clean byte of the run */
  size_t src;      /* first input byte of the run */
  size_t src_len;  /* input bytes covered */
  int identity;    /* 1: clean byte clean+k is input byte src+k */
} seg_offrun;

typedef struct {
  seg_offrun *runs;
  size_t n, cap;
  size_t clean_len; /* total clean bytes mapped */
} seg_offmap;

void seg_offmap_clear(seg_offmap *m);
void seg_offmap_free(seg_offmap *m);
/* Records that the next `clean_len` clean bytes come from input [src, src+src_len). */
void seg_offmap_add(seg_offmap *m, size_t clean_len, size_t src, size_t src_len, int identity);
/* Input offset where clean byte `i` starts (i < clean_len). */
size_t seg_offmap_start(const seg_offmap *m, size_t i);
/* Input offset just past the input bytes behind clean byte `i - 1` (0 < i <= clean_len). */
size_t seg_offmap_end(const seg_offmap *m, size_t i);
/* Appends the clean bytes [from, to) of `other` to `m` (their clean offsets shifted to follow
 * m->clean_len; input offsets unchanged). */
void seg_offmap_append_slice(seg_offmap *m, const seg_offmap *other, size_t from, size_t to);

#endif
