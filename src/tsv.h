/* tsv: column names (one table, shared by the parser, the header and the help text) and field
 * writing. A field never contains TAB, CR or LF (each becomes a space); `orig` fields are also
 * made valid UTF-8 (invalid bytes become U+FFFD) and NUL becomes a space. */
#ifndef SEG_TSV_H
#define SEG_TSV_H
#include <stddef.h>

#include "buf.h"
#include "error.h"

typedef enum {
  SEG_COL_DOC,
  SEG_COL_PARA,
  SEG_COL_SENT,
  SEG_COL_TEXT,
  SEG_COL_ORIG,
  SEG_COL_START,
  SEG_COL_END,
  SEG_COL_TERMS,
  SEG_COL_SRC,
  SEG_COL_TGT,
  SEG_COL_SRC_IDS,
  SEG_COL_TGT_IDS,
  SEG_COL_SCORE,
  SEG_COL_COUNT
} seg_col;

typedef struct {
  const char *name;
  int bilingual; /* 0: per-sentence rows, 1: aligned pairs, 2: both */
  const char *help;
} seg_col_info;

extern const seg_col_info seg_columns_info[SEG_COL_COUNT];

#define SEG_MAX_COLUMNS 64
typedef struct {
  seg_col col[SEG_MAX_COLUMNS];
  size_t n;
} seg_columns;

#define SEG_DEFAULT_COLUMNS "doc,para,sent,start,end,text,orig,terms"
#define SEG_DEFAULT_PAIR_COLUMNS "src,tgt"

/* Parses a comma-separated list; `bilingual` selects which names are allowed. */
seg_status seg_columns_parse(const char *list, int bilingual, seg_columns *out, seg_error *err);
/* Does the set contain `c`? */
int seg_columns_has(const seg_columns *cols, seg_col c);
void seg_tsv_header(seg_buf *out, const seg_columns *cols);
/* Appends a field with TAB/CR/LF replaced by spaces. */
void seg_tsv_field(seg_buf *out, const char *s, size_t n);
/* Appends input bytes as a field: TAB/CR/LF/NUL -> space, invalid UTF-8 -> U+FFFD. */
void seg_tsv_field_raw(seg_buf *out, const char *s, size_t n);
void seg_tsv_uint(seg_buf *out, size_t v);

/* Rows in either output format: TSV (fields sanitized as above) or JSON Lines (one object per
 * row, keys are the column names, text kept losslessly). Call seg_row_field before each
 * field (i = 0, 1, ...), then write the value with one of the value functions. */
typedef enum { SEG_OUT_TSV = 0, SEG_OUT_JSONL } seg_outfmt;

void seg_row_field(seg_buf *o, seg_outfmt f, size_t i, seg_col c);
void seg_row_end(seg_buf *o, seg_outfmt f);
void seg_row_text(seg_buf *o, seg_outfmt f, const char *s, size_t n);
/* Input bytes (orig): TSV as seg_tsv_field_raw, JSONL as a string (invalid UTF-8 -> U+FFFD). */
void seg_row_raw(seg_buf *o, seg_outfmt f, const char *s, size_t n);
void seg_row_uint(seg_buf *o, size_t v);

#endif
