/* writer: every row the tool writes — sentence rows, aligned pairs, rejected lines — is a
 * seg_row written through one seg_writer. The column table (name, help, which rows have the
 * column) is defined once, in writer.c; the parser, the header, --help, the man page and the
 * error messages are all generated from it. The two output formats live in their own files
 * (writer_tsv.c, writer_jsonl.c) behind seg_format. A writer buffers rows and hands them to a
 * seg_sink in blocks of SEG_WRITER_BLOCK bytes; it never writes one field at a time. */
#ifndef SEG_WRITER_H
#define SEG_WRITER_H
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "error.h"
#include "segment.h"

typedef enum {
  SEG_COL_DOC,
  SEG_COL_PARA,
  SEG_COL_SENT,
  SEG_COL_LINE,
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
  SEG_COL_REASON,
  SEG_COL_LANG,
  SEG_COL_HASH,
  SEG_COL_TERM_MISSING,
  SEG_COL_FACTORS,
  SEG_COL_COUNT
} seg_col;

typedef struct {
  const char *name;
  unsigned rows; /* seg_row_kind bits */
  const char *help;
} seg_col_info;

extern const seg_col_info seg_columns_info[SEG_COL_COUNT];

#define SEG_MAX_COLUMNS 64
typedef struct {
  seg_col col[SEG_MAX_COLUMNS];
  size_t n;
} seg_columns;

/* Parses a comma-separated list of the columns that rows of kind `rows` (one SEG_ROWS_* bit)
 * carry. The error names the bad column and lists the allowed ones (from the table). */
seg_status seg_columns_parse(const char *list, unsigned rows, seg_columns *out, seg_error *err);
/* Does the list hold `col`? (NULL: no list, no.) */
int seg_columns_want(const seg_columns *cols, seg_col col);
/* Appends the names of the columns rows of kind `rows` carry, comma-separated. */
void seg_columns_names(seg_buf *out, unsigned rows);

typedef struct {
  const char *s; /* borrowed; need not be NUL-terminated */
  size_t n;
} seg_str;

/* One row: every column's value. A producer fills what its kind of row has; the writer reads
 * only the selected columns. All strings are borrowed for the duration of the call. */
typedef struct {
  seg_str doc;
  size_t para, sent, line, start, end;
  seg_str text, orig, terms, src, tgt, reason, lang, term_missing, factors;
  uint64_t hash;
  size_t src_first, src_count, tgt_first, tgt_count; /* 0-based first sentence, count */
  double score;
} seg_row;

/* A sentence number left out of formatted rows (-j): it belongs at byte `pos` of the rows and
 * is `rel` plus the first number of the rows' batch, known only when the batch is written. */
typedef struct {
  size_t pos, rel;
} seg_hole;

typedef struct {
  seg_hole *v;
  size_t n, cap;
} seg_holes;

/* An output format: how a row's fields are delimited and its values written. */
typedef struct {
  void (*field)(seg_buf *o, size_t i, const char *name); /* before field i */
  void (*text)(seg_buf *o, const char *s, size_t n);     /* normalized text */
  void (*raw)(seg_buf *o, const char *s, size_t n);      /* input bytes (orig) */
  void (*ids_open)(seg_buf *o);                          /* around a list of numbers */
  void (*row_end)(seg_buf *o);
  int has_header;
} seg_format;

extern const seg_format seg_format_tsv, seg_format_jsonl;
const seg_format *seg_format_get(seg_output_format f);

/* Formats one row into `o`. With `holes`, the sent column is left empty and recorded there
 * (relative number row->sent). */
void seg_row_format(seg_buf *o, const seg_format *f, const seg_columns *cols, const seg_row *row,
                    seg_holes *holes);
/* Writes the sentence number `v`. */
void seg_row_uint(seg_buf *o, size_t v);

#define SEG_WRITER_BLOCK (64u * 1024u)

typedef struct seg_writer seg_writer;

/* A writer of `cols` rows in format `fmt` to `sink` (borrowed; must outlive the writer; NULL:
 * rows are formatted and dropped). */
seg_writer *seg_writer_new(const seg_format *fmt, const seg_columns *cols, const seg_sink *sink);
void seg_writer_free(seg_writer *w);
const seg_columns *seg_writer_columns(const seg_writer *w);
const seg_format *seg_writer_format(const seg_writer *w);
/* The header row (TSV only; nothing for formats without one). */
void seg_writer_header(seg_writer *w);
void seg_writer_row(seg_writer *w, const seg_row *row);
/* The writer's buffer, for callers that append rows formatted elsewhere (-j); call
 * seg_writer_pending after appending. */
seg_buf *seg_writer_buf(seg_writer *w);
/* Hands the buffer to the sink once it holds a block (all of it with `force`). Returns
 * SEG_OK, or SEG_ERR_IO with err naming the sink (the first failure sticks). */
seg_status seg_writer_pending(seg_writer *w, int force, seg_error *err);

/* Field sanitizers of the TSV format (exposed for tests and the JSONL escaper's callers). */
void seg_tsv_field(seg_buf *out, const char *s, size_t n);
void seg_tsv_field_raw(seg_buf *out, const char *s, size_t n);
void seg_tsv_uint(seg_buf *out, size_t v);
/* Appends s as a JSON string literal (quotes included); invalid UTF-8 becomes U+FFFD. */
void seg_json_string(seg_buf *out, const char *s, size_t n);

#endif
