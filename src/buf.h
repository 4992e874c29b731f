/* buf: growable byte buffers and arrays with checked growth. Owns memory only; knows nothing
 * about text. Allocation failure aborts with a message (the only sane reaction in a CLI filter;
 * the library never continues with a half-written buffer). */
#ifndef SEG_BUF_H
#define SEG_BUF_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct {
  char *data; /* owned; NUL-terminated after every append (not counted in len) */
  size_t len;
  size_t cap;
} seg_buf;

/* Grows b to hold `extra` more bytes (+1 for the terminator); seg_buf_reserve's slow path. */
void seg_buf_grow(seg_buf *b, size_t extra);

/* Ensures room for `extra` more bytes (+1 for the terminator). */
static inline void seg_buf_reserve(seg_buf *b, size_t extra) {
  if (extra >= b->cap - b->len) seg_buf_grow(b, extra); /* also when cap == 0 */
}

static inline void seg_buf_append(seg_buf *b, const void *bytes, size_t n) {
  seg_buf_reserve(b, n);
  if (n) memcpy(b->data + b->len, bytes, n);
  b->len += n;
  b->data[b->len] = '\0';
}

static inline void seg_buf_putc(seg_buf *b, char c) {
  seg_buf_reserve(b, 1);
  b->data[b->len++] = c;
  b->data[b->len] = '\0';
}
/* Appends code point `c` encoded as UTF-8. */
void seg_buf_put_utf8(seg_buf *b, unsigned int c);
void seg_buf_clear(seg_buf *b);
void seg_buf_free(seg_buf *b);

/* 64-bit hash of n bytes (eight at a time): the one hash for the project's tables and the
 * duplicate-line filter. Not stable across versions; never stored. */
uint64_t seg_hash(const char *s, size_t n);

/* Grows an array `*ptr` of `*cap` elements of `elem` bytes to hold at least `need`. */
void seg_array_grow(void **ptr, size_t *cap, size_t need, size_t elem);
/* malloc/realloc/strdup that abort on failure. */
void *seg_xmalloc(size_t n);
void *seg_xcalloc(size_t n, size_t elem);
void *seg_xrealloc(void *p, size_t n);
char *seg_xstrndup(const char *s, size_t n);

/* An arena: allocations from a chain of blocks (64 KiB, or one the size of a larger request)
 * that are only freed together, for many small objects that live as long as their owner: no
 * malloc and free each, no per-allocation overhead. A zeroed arena is empty. */
typedef struct seg_arena_block seg_arena_block;
typedef struct {
  seg_arena_block *head; /* the block allocated from, the older ones chained behind it */
} seg_arena;

/* n bytes aligned to `align` (a power of two; 1 for strings, so they are packed), valid until
 * seg_arena_free. */
void *seg_arena_alloc(seg_arena *a, size_t n, size_t align);
/* A NUL-terminated copy of s[0, n) in the arena. */
char *seg_arena_strndup(seg_arena *a, const char *s, size_t n);
/* Frees every block; the arena is empty (and usable) again. */
void seg_arena_free(seg_arena *a);

static inline void seg_array_reserve(void **ptr, size_t *cap, size_t need, size_t elem) {
  if (need > *cap) seg_array_grow(ptr, cap, need, elem);
}
#define SEG_GROW(arr, cap, need) seg_array_reserve((void **)&(arr), &(cap), (need), sizeof *(arr))

#endif
