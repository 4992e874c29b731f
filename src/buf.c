/* buf: growable buffers. Every size computation is checked for overflow. */
#include "buf.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(void) {
  fputs("segment: out of memory\n", stderr);
  abort();
}

uint64_t seg_hash(const char *s, size_t n) {
  /* eight bytes per step: a multiply and a shift mix each word into the state */
  uint64_t h = 0x9E3779B97F4A7C15ull ^ (uint64_t)n;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    h = (h ^ w) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 32;
  }
  uint64_t w = 0; /* the last n - i bytes, as memcpy(&w, s + i, n - i) would give them */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  if (n >= 8) { /* the string's last eight bytes, the rest shifted out (none left: all) */
    uint64_t last;
    memcpy(&last, s + n - 8, 8);
    w = (last >> 1) >> (63 - 8 * (n - i));
  } else if (n >= 4) { /* two overlapping four-byte loads */
    uint32_t lo, hi;
    memcpy(&lo, s, 4);
    memcpy(&hi, s + n - 4, 4);
    w = lo | (uint64_t)hi >> (8 * (8 - n)) << 32;
  } else if (n) { /* first, middle, last byte (some the same) */
    const unsigned char *u = (const unsigned char *)s;
    w = u[0] | (uint64_t)u[n / 2] << (8 * (n / 2)) | (uint64_t)u[n - 1] << (8 * (n - 1));
  }
#else
  if (i < n) memcpy(&w, s + i, n - i);
#endif
  h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
  return h ^ (h >> 29);
}

void *seg_xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) out_of_memory();
  return p;
}

void *seg_xcalloc(size_t n, size_t elem) {
  void *p = calloc(n ? n : 1, elem ? elem : 1);
  if (!p) out_of_memory();
  return p;
}

void *seg_xrealloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (!q) out_of_memory();
  return q;
}

char *seg_xstrndup(const char *s, size_t n) {
  if (n == SIZE_MAX) out_of_memory();
  char *d = seg_xmalloc(n + 1);
  memcpy(d, s, n);
  d[n] = '\0';
  return d;
}

struct seg_arena_block {
  seg_arena_block *next;
  size_t used, cap;
  max_align_t data[]; /* cap bytes */
};

void *seg_arena_alloc(seg_arena *a, size_t n, size_t align) {
  seg_arena_block *b = a->head;
  size_t pad = b ? (align - b->used % align) % align : 0;
  if (!b || b->cap - b->used < n || b->cap - b->used - n < pad) {
    size_t cap = n > 64 * 1024 ? n : 64 * 1024;
    if (cap > SIZE_MAX - sizeof *b) out_of_memory();
    seg_arena_block *nb = seg_xmalloc(sizeof *nb + cap);
    nb->next = b;
    nb->used = 0;
    nb->cap = cap;
    a->head = b = nb;
    pad = 0; /* data is max_align_t-aligned */
  }
  void *r = (char *)b->data + b->used + pad;
  b->used += pad + n;
  return r;
}

char *seg_arena_strndup(seg_arena *a, const char *s, size_t n) {
  if (n == SIZE_MAX) out_of_memory();
  char *d = seg_arena_alloc(a, n + 1, 1);
  memcpy(d, s, n);
  d[n] = '\0';
  return d;
}

void seg_arena_free(seg_arena *a) {
  for (seg_arena_block *b = a->head, *next; b; b = next) {
    next = b->next;
    free(b);
  }
  a->head = NULL;
}

void seg_array_grow(void **ptr, size_t *cap, size_t need, size_t elem) {
  if (need <= *cap) return;
  size_t ncap = *cap ? *cap : 16;
  while (ncap < need) {
    if (ncap > SIZE_MAX / 2) out_of_memory();
    ncap *= 2;
  }
  if (ncap > SIZE_MAX / elem) out_of_memory();
  *ptr = seg_xrealloc(*ptr, ncap * elem);
  *cap = ncap;
}

void seg_buf_grow(seg_buf *b, size_t extra) {
  if (extra > SIZE_MAX - b->len - 1) out_of_memory();
  size_t need = b->len + extra + 1;
  if (need > b->cap) seg_array_grow((void **)&b->data, &b->cap, need, 1);
}

void seg_buf_put_utf8(seg_buf *b, unsigned int c) {
  char s[4];
  size_t n;
  if (c < 0x80) {
    s[0] = (char)c;
    n = 1;
  } else if (c < 0x800) {
    s[0] = (char)(0xC0 | (c >> 6));
    s[1] = (char)(0x80 | (c & 0x3F));
    n = 2;
  } else if (c < 0x10000) {
    s[0] = (char)(0xE0 | (c >> 12));
    s[1] = (char)(0x80 | ((c >> 6) & 0x3F));
    s[2] = (char)(0x80 | (c & 0x3F));
    n = 3;
  } else {
    s[0] = (char)(0xF0 | (c >> 18));
    s[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    s[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    s[3] = (char)(0x80 | (c & 0x3F));
    n = 4;
  }
  seg_buf_append(b, s, n);
}

void seg_buf_clear(seg_buf *b) {
  b->len = 0;
  if (b->data) b->data[0] = '\0';
}

void seg_buf_free(seg_buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}
