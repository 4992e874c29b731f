/* scan: finding the next interesting byte, 16 bytes at a time where the CPU has SSE2 (every
 * x86-64), one at a time elsewhere. The hot loops of the cleaner, splitter, glossary and TSV
 * writer skip ordinary text with these instead of testing byte by byte. */
#ifndef SEG_SCAN_H
#define SEG_SCAN_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* The scans are meant to be inlined into their callers, where a constant set folds away. */
#if defined(__GNUC__)
#define SEG_SCAN_INLINE static inline __attribute__((always_inline))
#else
#define SEG_SCAN_INLINE static inline
#endif

/* Loops over a byte set's bytes are unrolled: -O2 keeps them as loops even for a constant
 * set, which then costs a compare-and-branch per byte of the set per 16 bytes scanned. */
#if defined(__clang__)
#define SEG_UNROLL_BYTESET _Pragma("unroll 8")
#elif defined(__GNUC__)
#define SEG_UNROLL_BYTESET _Pragma("GCC unroll 8")
#else
#define SEG_UNROLL_BYTESET
#endif

/* A set of bytes: up to 8 listed bytes, plus optionally every byte >= 0x80. */
typedef struct {
  unsigned char bytes[8];
  int nbytes;
  int high; /* 1: bytes >= 0x80 belong to the set */
} seg_byteset;

/* An ASCII letter or digit (two unsigned range checks, no branch: words and punctuation
 * alternate too irregularly to predict). */
static inline int seg_ascii_alnum(unsigned char c) {
  return ((unsigned)(c | 0x20) - 'a' < 26u) | ((unsigned)c - '0' < 10u);
}

#if defined(__SSE2__)
/* 0xFF in each byte of v that is an ASCII letter, 0 elsewhere. Signed compares: bytes >= 0x80
 * are negative, never in range. */
static inline __m128i seg_letter_bytes(__m128i v) {
  const __m128i bit = _mm_set1_epi8(0x20), a = _mm_set1_epi8('a' - 1), z = _mm_set1_epi8('z' + 1);
  __m128i x = _mm_or_si128(v, bit);
  return _mm_and_si128(_mm_cmpgt_epi8(x, a), _mm_cmplt_epi8(x, z));
}

/* 0xFF in each byte of v that is an ASCII digit, 0 elsewhere. */
static inline __m128i seg_digit_bytes(__m128i v) {
  const __m128i d0 = _mm_set1_epi8('0' - 1), d9 = _mm_set1_epi8('9' + 1);
  return _mm_and_si128(_mm_cmpgt_epi8(v, d0), _mm_cmplt_epi8(v, d9));
}

/* Bit k set: byte k of v is an ASCII letter or digit. */
static inline unsigned seg_alnum_mask16(__m128i v) {
  return (unsigned)_mm_movemask_epi8(_mm_or_si128(seg_letter_bytes(v), seg_digit_bytes(v)));
}

/* The last bytes of s[0, n) from i on (n - i < 16), as a block: *keep has 0xFF in the lanes
 * that hold them, 0 in the others (whose bytes are zero or were seen before). */
static inline __m128i seg_tail_block(const char *s, size_t n, size_t i, __m128i *keep) {
  static const unsigned char ramp[32] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                         0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                         0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
  if (n >= 16) {
    *keep = _mm_loadu_si128((const __m128i *)(const void *)(ramp + (n - i)));
    return _mm_loadu_si128((const __m128i *)(const void *)(s + n - 16));
  }
  char tail[16] = {0};
  memcpy(tail, s + i, n - i);
  *keep = _mm_loadu_si128((const __m128i *)(const void *)(ramp + 16));
  return _mm_loadu_si128((const __m128i *)(const void *)tail);
}

/* The sum of the 16 byte counters in c. Counting 16 bytes at a time: subtract each block's
 * comparison (0xFF = -1) from a counter vector, and add it up here at least every 255 blocks. */
static inline uint64_t seg_sum_bytes(__m128i c) {
  __m128i t = _mm_sad_epu8(c, _mm_setzero_si128());
  return (uint64_t)_mm_cvtsi128_si32(t) + (uint64_t)_mm_cvtsi128_si32(_mm_srli_si128(t, 8));
}
#endif

static inline int seg_byteset_has(const seg_byteset *set, unsigned char b) {
  if (b >= 0x80) return set->high;
  for (int k = 0; k < set->nbytes; k++)
    if (set->bytes[k] == b) return 1;
  return 0;
}

#if defined(__SSE2__)
/* Bits of the 16 bytes at p that are in `set` (eq: its bytes, each in all 16 lanes). */
SEG_SCAN_INLINE unsigned seg_scan_block(const char *p, const __m128i *eq, const seg_byteset *set) {
  __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
  __m128i m = _mm_setzero_si128();
  SEG_UNROLL_BYTESET
  for (int k = 0; k < set->nbytes; k++) m = _mm_or_si128(m, _mm_cmpeq_epi8(v, eq[k]));
  unsigned bits = (unsigned)_mm_movemask_epi8(m);
  if (set->high) bits |= (unsigned)_mm_movemask_epi8(v);
  return bits;
}
#endif

/* Index of the first byte of s[i, n) in `set`, or n. With a constant set (a static const
 * one, inlined) the compiler unrolls the comparisons. */
SEG_SCAN_INLINE size_t seg_scan(const char *s, size_t n, size_t i, const seg_byteset *set) {
#if defined(__SSE2__)
  __m128i eq[8];
  for (int k = 0; k < set->nbytes; k++) eq[k] = _mm_set1_epi8((char)set->bytes[k]);
  for (; i + 16 <= n; i += 16) {
    unsigned bits = seg_scan_block(s + i, eq, set);
    if (bits) return i + (size_t)__builtin_ctz(bits);
  }
  if (i < n) {
    unsigned bits;
    if (n >= 16) { /* the last 16 bytes of s, positions before i shifted out */
      bits = seg_scan_block(s + n - 16, eq, set) >> (16 - (n - i));
    } else { /* a short string: from a zero-padded copy */
      char tail[16] = {0};
      memcpy(tail, s + i, n - i);
      bits = seg_scan_block(tail, eq, set) & ((1u << (n - i)) - 1);
    }
    return bits ? i + (size_t)__builtin_ctz(bits) : n;
  }
  return n;
#else
  while (i < n && !seg_byteset_has(set, (unsigned char)s[i])) i++;
  return i;
#endif
}

/* Index of the first byte of s[i, n) that is a control byte (< 0x20), non-ASCII (>= 0x80),
 * `a` or `b`, or n: the end of a run a writer copies as it is. 16 bytes at a time: signed,
 * bytes >= 0x80 are below 0x20 too. */
SEG_SCAN_INLINE size_t seg_scan_plain(const char *s, size_t n, size_t i, char a, char b) {
#if defined(__SSE2__)
  const __m128i lim = _mm_set1_epi8(0x20), va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b);
  for (; i + 16 <= n; i += 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
    __m128i m = _mm_or_si128(_mm_cmplt_epi8(v, lim),
                             _mm_or_si128(_mm_cmpeq_epi8(v, va), _mm_cmpeq_epi8(v, vb)));
    unsigned bits = (unsigned)_mm_movemask_epi8(m);
    if (bits) return i + (size_t)__builtin_ctz(bits);
  }
#endif
  while (i < n) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x20 || c >= 0x80 || c == (unsigned char)a || c == (unsigned char)b) break;
    i++;
  }
  return i;
}

/* The first occurrence of needle[0, nl) in s[0, n), or NULL. Candidates are the places
 * where the needle's first two bytes match, found 16 at a time (far fewer than the places of
 * its first byte alone). */
static inline const char *seg_find_str(const char *s, size_t n, const char *needle, size_t nl) {
  if (!nl || nl > n) return nl ? NULL : s;
  if (nl == 1) return memchr(s, needle[0], n);
  size_t last = n - nl, i = 0; /* the last place it can start */
#if defined(__SSE2__)
  const __m128i a = _mm_set1_epi8(needle[0]), b = _mm_set1_epi8(needle[1]);
  for (; i + 17 <= n && i <= last; i += 16) {
    __m128i x = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + i)), a);
    __m128i y = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + i + 1)), b);
    unsigned bits = (unsigned)_mm_movemask_epi8(_mm_and_si128(x, y));
    if (last - i < 15) bits &= (2u << (last - i)) - 1;
    while (bits) {
      size_t at = i + (size_t)__builtin_ctz(bits);
      if (!memcmp(s + at + 2, needle + 2, nl - 2)) return s + at;
      bits &= bits - 1;
    }
  }
#endif
  for (; i <= last; i++)
    if (s[i] == needle[0] && !memcmp(s + i + 1, needle + 1, nl - 1)) return s + i;
  return NULL;
}

/* Bytes of a superscript digit at t[i] (¹ ² ³ ⁰ ⁴-⁹: a wiki copy's footnote marks, "...
 * kemerdekaan.¹ Ia ..."), or 0. */
static inline size_t seg_sup_digit(const char *t, size_t len, size_t i) {
  const unsigned char *u = (const unsigned char *)t + i;
  if (i + 1 < len && u[0] == 0xC2 && (u[1] == 0xB9 || u[1] == 0xB2 || u[1] == 0xB3)) return 2;
  if (i + 2 < len && u[0] == 0xE2 && u[1] == 0x81 && (u[2] == 0xB0 || (u[2] >= 0xB4 && u[2] <= 0xB9)))
    return 3;
  return 0;
}

/* Where a run of superscript digits (commas between them: "²,³") ending at t[end] starts, not
 * before lo; end when none ends there. */
static inline size_t seg_sup_run_start(const char *t, size_t lo, size_t end) {
  size_t j = end;
  for (;;) {
    if (j >= lo + 2 && seg_sup_digit(t, end, j - 2) == 2) j -= 2;
    else if (j >= lo + 3 && seg_sup_digit(t, end, j - 3) == 3) j -= 3;
    else if (j > lo + 1 && j < end && t[j - 1] == ',') j--;
    else break;
  }
  if (j < end && t[j] == ',') j++; /* a comma is only ever between two */
  return j;
}

#endif
