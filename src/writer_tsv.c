/* writer_tsv: the TSV format (the MT convention: one row per line, no header unless asked,
 * no quoting). A field never contains TAB, CR or LF (each becomes a space); input bytes
 * (`orig`) are also made valid UTF-8 (invalid bytes become U+FFFD) and NUL becomes a space. */
#include "writer.h"

#include "scan.h"

#include <string.h>
#include <unicode/utf8.h>

/* Copies n bytes of s to d; 0 when none of them is a tab, CR or LF (known only for 16 bytes or
 * more, checked in the same pass, the last block overlapping), else 1. The check is one
 * unsigned compare, byte <= '\r': it also catches the other control bytes below 14, which
 * (rare in text) only cost the exact scan the caller then runs. */
static int copy_may_break(char *d, const char *s, size_t n) {
#if defined(__SSE2__)
  if (n >= 16) {
    const __m128i cr = _mm_set1_epi8('\r');
    __m128i low = _mm_setzero_si128(), v;
    for (size_t i = 0; i + 16 < n; i += 16) {
      v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
      _mm_storeu_si128((__m128i *)(void *)(d + i), v);
      low = _mm_or_si128(low, _mm_cmpeq_epi8(_mm_min_epu8(v, cr), v));
    }
    v = _mm_loadu_si128((const __m128i *)(const void *)(s + n - 16));
    _mm_storeu_si128((__m128i *)(void *)(d + n - 16), v);
    low = _mm_or_si128(low, _mm_cmpeq_epi8(_mm_min_epu8(v, cr), v));
    return _mm_movemask_epi8(low) != 0;
  }
#endif
  memcpy(d, s, n);
  return 1;
}

void seg_tsv_field(seg_buf *out, const char *s, size_t n) {
  static const seg_byteset breaks = {{'\t', '\n', '\r'}, 3, 0};
  seg_buf_reserve(out, n);
  char *d = out->data + out->len;
  if (copy_may_break(d, s, n))
    for (size_t i = seg_scan(s, n, 0, &breaks); i < n; i = seg_scan(s, n, i + 1, &breaks))
      d[i] = ' ';
  out->len += n;
  out->data[out->len] = '\0';
}

void seg_tsv_field_raw(seg_buf *out, const char *s, size_t n) {
  const uint8_t *u = (const uint8_t *)s;
  size_t i = 0;
  while (i < n) {
    size_t run = seg_scan_plain(s, n, i, 0, 0);
    if (run > i) seg_buf_append(out, s + i, run - i);
    i = run;
    if (i >= n) break;
    if (u[i] < 0x20) {
      unsigned char c = u[i];
      seg_buf_putc(out, (c == '\t' || c == '\n' || c == '\r' || c == 0) ? ' ' : (char)c);
      i++;
      continue;
    }
    size_t start = i;
    int32_t cp;
    U8_NEXT(u, i, n, cp);
    if (cp < 0) seg_buf_append(out, "\xEF\xBF\xBD", 3);
    else seg_buf_append(out, s + start, i - start);
  }
}

/* Decimal digits of v: counted against powers of ten, then written two at a time from the
 * end straight into the buffer (no scratch copy, half the divisions). */
void seg_tsv_uint(seg_buf *out, size_t v) {
  static const char pairs[] = "00010203040506070809101112131415161718192021222324252627282930313233"
                              "34353637383940414243444546474849505152535455565758596061626364656667"
                              "6869707172737475767778798081828384858687888990919293949596979899";
  static const uint64_t pow10[20] = {1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull,
      1000000ull, 10000000ull, 100000000ull, 1000000000ull, 10000000000ull, 100000000000ull,
      1000000000000ull, 10000000000000ull, 100000000000000ull, 1000000000000000ull,
      10000000000000000ull, 100000000000000000ull, 1000000000000000000ull,
      10000000000000000000ull};
  size_t n = 1;
#if defined(__GNUC__)
  /* from the bit length: 1233 / 4096 is just above log10(2), so t is the digit count or one
   * more, decided by one compare */
  unsigned bits = 64u - (unsigned)__builtin_clzll((unsigned long long)v | 1u);
  size_t t = (bits * 1233u) >> 12;
  n = t + 1 - (v < pow10[t]);
  if (!n) n = 1;
#else
  while (n < 20 && v >= pow10[n]) n++;
#endif
  seg_buf_reserve(out, n);
  char *d = out->data + out->len + n;
  out->len += n;
  *d = '\0';
  while (v >= 100) {
    size_t r = v % 100;
    v /= 100;
    *--d = pairs[2 * r + 1];
    *--d = pairs[2 * r];
  }
  if (v >= 10) {
    *--d = pairs[2 * v + 1];
    *--d = pairs[2 * v];
  } else {
    *--d = (char)('0' + v);
  }
}

static void tsv_field(seg_buf *o, size_t i, const char *name) {
  (void)name;
  if (i) seg_buf_putc(o, '\t');
}

static void tsv_ids(seg_buf *o) { (void)o; }
static void tsv_row_end(seg_buf *o) { seg_buf_putc(o, '\n'); }

const seg_format seg_format_tsv = {tsv_field, seg_tsv_field, seg_tsv_field_raw, tsv_ids,
                                   tsv_row_end, 1};
