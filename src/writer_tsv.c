/* writer_tsv: the TSV format (the MT convention: one row per line, no header unless asked,
 * no quoting). A field never contains TAB, CR or LF (each becomes a space); input bytes
 * (`orig`) are also made valid UTF-8 (invalid bytes become U+FFFD) and NUL becomes a space. */
#include "writer.h"

#include "scan.h"

#include <string.h>
#include <unicode/utf8.h>

/* Copies n bytes of s to d; 0 when none of them is a tab, CR or LF (known only for 16 bytes or
 * more, checked in the same pass, the last block overlapping), else 1. */
static int copy_may_break(char *d, const char *s, size_t n) {
#if defined(__SSE2__)
  if (n >= 16) {
    const __m128i tab = _mm_set1_epi8('\t'), nl = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
    __m128i any = _mm_setzero_si128();
    for (size_t i = 0;; i += 16) {
      if (i + 16 > n) i = n - 16;
      __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
      _mm_storeu_si128((__m128i *)(void *)(d + i), v);
      any = _mm_or_si128(any, _mm_or_si128(_mm_cmpeq_epi8(v, tab),
                                           _mm_or_si128(_mm_cmpeq_epi8(v, nl), _mm_cmpeq_epi8(v, cr))));
      if (i + 16 == n) break;
    }
    return _mm_movemask_epi8(any) != 0;
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
    size_t run = i;
    while (run < n && u[run] >= 0x20 && u[run] < 0x80) run++;
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

void seg_tsv_uint(seg_buf *out, size_t v) {
  char tmp[24];
  size_t k = sizeof tmp;
  do {
    tmp[--k] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  seg_buf_append(out, tmp + k, sizeof tmp - k);
}

static void tsv_field(seg_buf *o, size_t i, const char *name) {
  (void)name;
  if (i) seg_buf_putc(o, '\t');
}

static void tsv_ids(seg_buf *o) { (void)o; }
static void tsv_row_end(seg_buf *o) { seg_buf_putc(o, '\n'); }

const seg_format seg_format_tsv = {tsv_field, seg_tsv_field, seg_tsv_field_raw, tsv_ids,
                                   tsv_row_end, 1};
