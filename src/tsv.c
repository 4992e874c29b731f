/* tsv: column table and field sanitizing. */
#include "tsv.h"

#include "jsonl.h"
#include "scan.h"

#include <string.h>
#include <unicode/utf8.h>

const seg_col_info seg_columns_info[SEG_COL_COUNT] = {
    [SEG_COL_DOC] = {"doc", 2, "document id: the file path as given, '-' for stdin"},
    [SEG_COL_PARA] = {"para", 0, "1-based input paragraph (non-empty line) the sentence starts in"},
    [SEG_COL_SENT] = {"sent", 0, "1-based sentence number within the document"},
    [SEG_COL_TEXT] = {"text", 0, "the sentence after cleanup, NFC and term normalization"},
    [SEG_COL_ORIG] = {"orig", 0, "the input bytes [start,end) (TAB/CR/LF/NUL shown as spaces)"},
    [SEG_COL_START] = {"start", 0, "byte offset of the sentence in the input document"},
    [SEG_COL_END] = {"end", 0, "byte offset just past the sentence"},
    [SEG_COL_TERMS] = {"terms", 0, "glossary matches: surface=canonical=target;..."},
    [SEG_COL_SRC] = {"src", 1, "source-side text of an aligned pair"},
    [SEG_COL_TGT] = {"tgt", 1, "target-side text of an aligned pair"},
    [SEG_COL_SRC_IDS] = {"src_ids", 1, "1-based source sentence numbers, comma-separated"},
    [SEG_COL_TGT_IDS] = {"tgt_ids", 1, "1-based target sentence numbers, comma-separated"},
    [SEG_COL_SCORE] = {"score", 1, "alignment score of the pair (higher is better)"},
};

seg_status seg_columns_parse(const char *list, int bilingual, seg_columns *out, seg_error *err) {
  out->n = 0;
  const char *p = list;
  for (;;) {
    const char *comma = strchr(p, ',');
    size_t n = comma ? (size_t)(comma - p) : strlen(p);
    int found = -1;
    for (int c = 0; c < SEG_COL_COUNT; c++) {
      const seg_col_info *ci = &seg_columns_info[c];
      if (strlen(ci->name) == n && !strncmp(ci->name, p, n) &&
          (ci->bilingual == 2 || ci->bilingual == bilingual))
        found = c;
    }
    if (found < 0)
      return seg_error_set(err, SEG_ERR_CONFIG, NULL, 0, 0,
                           "--columns: unknown column '%.*s'%s", (int)n, p,
                           bilingual ? " for aligned output (src,tgt,src_ids,tgt_ids,score,doc)"
                                     : " (doc,para,sent,text,orig,start,end,terms)");
    if (out->n == SEG_MAX_COLUMNS)
      return seg_error_set(err, SEG_ERR_CONFIG, NULL, 0, 0, "--columns: too many columns");
    out->col[out->n++] = (seg_col)found;
    if (!comma) break;
    p = comma + 1;
  }
  return SEG_OK;
}

int seg_columns_has(const seg_columns *cols, seg_col c) {
  for (size_t i = 0; i < cols->n; i++)
    if (cols->col[i] == c) return 1;
  return 0;
}

void seg_tsv_header(seg_buf *out, const seg_columns *cols) {
  for (size_t i = 0; i < cols->n; i++) {
    if (i) seg_buf_putc(out, '\t');
    const char *name = seg_columns_info[cols->col[i]].name;
    seg_buf_append(out, name, strlen(name));
  }
  seg_buf_putc(out, '\n');
}

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

void seg_row_field(seg_buf *o, seg_outfmt f, size_t i, seg_col c) {
  if (f == SEG_OUT_TSV) {
    if (i) seg_buf_putc(o, '\t');
    return;
  }
  seg_buf_putc(o, i ? ',' : '{');
  seg_buf_putc(o, '"');
  seg_buf_append(o, seg_columns_info[c].name, strlen(seg_columns_info[c].name));
  seg_buf_append(o, "\":", 2);
}

void seg_row_end(seg_buf *o, seg_outfmt f) {
  if (f == SEG_OUT_JSONL) seg_buf_putc(o, '}');
  seg_buf_putc(o, '\n');
}

void seg_row_text(seg_buf *o, seg_outfmt f, const char *s, size_t n) {
  if (f == SEG_OUT_TSV) seg_tsv_field(o, s, n);
  else seg_json_string(o, s, n);
}

void seg_row_raw(seg_buf *o, seg_outfmt f, const char *s, size_t n) {
  if (f == SEG_OUT_TSV) seg_tsv_field_raw(o, s, n);
  else seg_json_string(o, s, n);
}

void seg_row_uint(seg_buf *o, size_t v) { seg_tsv_uint(o, v); }
