/* writer: the column table, the one function that turns a seg_row into a formatted row, and
 * the buffered writer. Knows nothing of where rows come from; never prints. */
#include "writer.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S SEG_ROWS_SENTENCE
#define P SEG_ROWS_PAIR
#define R SEG_ROWS_REJECT

const seg_col_info seg_columns_info[SEG_COL_COUNT] = {
    [SEG_COL_DOC] = {"doc", S | P | R, "document id: the file path as given, '-' for stdin"},
    [SEG_COL_PARA] = {"para", S, "1-based input paragraph (non-empty line) the sentence starts in"},
    [SEG_COL_SENT] = {"sent", S, "1-based sentence number within the document"},
    [SEG_COL_LINE] = {"line", S | P | R, "1-based input line the sentence (pair, dropped line) starts on"},
    [SEG_COL_TEXT] = {"text", S, "the sentence after cleanup, NFC and term normalization"},
    [SEG_COL_ORIG] = {"orig", S | R, "the input bytes [start,end) (TAB/CR/LF/NUL shown as spaces)"},
    [SEG_COL_START] = {"start", S, "byte offset of the sentence in the input document"},
    [SEG_COL_END] = {"end", S, "byte offset just past the sentence"},
    [SEG_COL_TERMS] = {"terms", S, "glossary matches: surface=canonical=target;..."},
    [SEG_COL_SRC] = {"src", P, "source-side text of an aligned pair"},
    [SEG_COL_TGT] = {"tgt", P, "target-side text of an aligned pair"},
    [SEG_COL_SRC_IDS] = {"src_ids", P, "1-based source sentence numbers, comma-separated"},
    [SEG_COL_TGT_IDS] = {"tgt_ids", P, "1-based target sentence numbers, comma-separated"},
    [SEG_COL_SCORE] = {"score", P, "alignment score of the pair (higher is better)"},
    [SEG_COL_REASON] = {"reason", R, "why the line was dropped (rejected rows)"},
    [SEG_COL_LANG] = {"lang", S | P, "detected language: id, en or und (pairs: source-target, e.g. id-en)"},
    [SEG_COL_HASH] = {"hash", S | P, "64-bit hash of the row's deduplication key, 16 hex digits"},
    [SEG_COL_TERM_MISSING] = {"term_missing", P, "targets of matched terms the English side lacks, ';'-joined"},
    [SEG_COL_FACTORS] = {"factors", S | P, "one source factor per token of text (src): 0 plain, 1 term, 2 inserted target"},
};

#undef S
#undef P
#undef R

const char *seg_column(seg_row_kind rows, size_t i, const char **help) {
  for (int c = 0; c < SEG_COL_COUNT; c++) {
    if (!(seg_columns_info[c].rows & (unsigned)rows)) continue;
    if (i-- == 0) {
      *help = seg_columns_info[c].help;
      return seg_columns_info[c].name;
    }
  }
  return NULL;
}

int seg_columns_want(const seg_columns *cols, seg_col col) {
  for (size_t c = 0; cols && c < cols->n; c++)
    if (cols->col[c] == col) return 1;
  return 0;
}

void seg_columns_names(seg_buf *out, unsigned rows) {
  size_t before = out->len;
  for (int c = 0; c < SEG_COL_COUNT; c++) {
    if (!(seg_columns_info[c].rows & rows)) continue;
    if (out->len > before) seg_buf_putc(out, ',');
    seg_buf_append(out, seg_columns_info[c].name, strlen(seg_columns_info[c].name));
  }
}

static int find_column(const char *name, size_t n, unsigned rows) {
  for (int c = 0; c < SEG_COL_COUNT; c++) {
    const seg_col_info *ci = &seg_columns_info[c];
    if (strlen(ci->name) == n && !strncmp(ci->name, name, n) && (ci->rows & rows)) return c;
  }
  return -1;
}

seg_status seg_columns_parse(const char *list, unsigned rows, seg_columns *out, seg_error *err) {
  out->n = 0;
  for (const char *p = list;;) {
    const char *comma = strchr(p, ',');
    size_t n = comma ? (size_t)(comma - p) : strlen(p);
    int found = find_column(p, n, rows);
    if (found < 0) {
      seg_buf names = {0};
      seg_columns_names(&names, rows);
      seg_error_set(err, SEG_ERR_CONFIG, NULL, 0, 0, "--columns: unknown column '%.*s'%s (%s)",
                    (int)n, p, rows == SEG_ROWS_PAIR ? " for aligned output" : "", names.data);
      seg_buf_free(&names);
      return SEG_ERR_CONFIG;
    }
    if (out->n == SEG_MAX_COLUMNS)
      return seg_error_set(err, SEG_ERR_CONFIG, NULL, 0, 0, "--columns: too many columns");
    out->col[out->n++] = (seg_col)found;
    if (!comma) break;
    p = comma + 1;
  }
  return SEG_OK;
}

void seg_row_uint(seg_buf *o, size_t v) { seg_tsv_uint(o, v); }

static void put_ids(seg_buf *o, const seg_format *f, size_t first, size_t count) {
  f->ids_open(o);
  for (size_t k = 0; k < count; k++) {
    if (k) seg_buf_putc(o, ',');
    seg_tsv_uint(o, first + k + 1);
  }
  f->ids_open(o);
}

static void put_value(seg_buf *o, const seg_format *f, seg_col c, const seg_row *r,
                      seg_holes *holes) {
  switch (c) {
  case SEG_COL_DOC: f->text(o, r->doc.s, r->doc.n); break;
  case SEG_COL_PARA: seg_tsv_uint(o, r->para); break;
  case SEG_COL_SENT:
    if (holes) {
      SEG_GROW(holes->v, holes->cap, holes->n + 1);
      holes->v[holes->n++] = (seg_hole){o->len, r->sent};
    } else {
      seg_tsv_uint(o, r->sent);
    }
    break;
  case SEG_COL_LINE: seg_tsv_uint(o, r->line); break;
  case SEG_COL_TEXT: f->text(o, r->text.s, r->text.n); break;
  case SEG_COL_ORIG: f->raw(o, r->orig.s, r->orig.n); break;
  case SEG_COL_START: seg_tsv_uint(o, r->start); break;
  case SEG_COL_END: seg_tsv_uint(o, r->end); break;
  case SEG_COL_TERMS: f->text(o, r->terms.s, r->terms.n); break;
  case SEG_COL_SRC: f->text(o, r->src.s, r->src.n); break;
  case SEG_COL_TGT: f->text(o, r->tgt.s, r->tgt.n); break;
  case SEG_COL_SRC_IDS: put_ids(o, f, r->src_first, r->src_count); break;
  case SEG_COL_TGT_IDS: put_ids(o, f, r->tgt_first, r->tgt_count); break;
  case SEG_COL_SCORE: {
    char num[32];
    int len = snprintf(num, sizeof num, "%.3f", r->score);
    seg_buf_append(o, num, (size_t)len);
    break;
  }
  case SEG_COL_REASON: f->text(o, r->reason.s, r->reason.n); break;
  case SEG_COL_TERM_MISSING: f->text(o, r->term_missing.s ? r->term_missing.s : "", r->term_missing.n); break;
  case SEG_COL_FACTORS: f->text(o, r->factors.s ? r->factors.s : "", r->factors.n); break;
  case SEG_COL_LANG: f->text(o, r->lang.s ? r->lang.s : "", r->lang.n); break;
  case SEG_COL_HASH: {
    static const char hex[] = "0123456789abcdef";
    char h[16];
    for (int k = 0; k < 16; k++) h[k] = hex[(r->hash >> (60 - 4 * k)) & 15];
    f->text(o, h, 16);
    break;
  }
  case SEG_COL_COUNT: break;
  }
}

void seg_row_format(seg_buf *o, const seg_format *f, const seg_columns *cols, const seg_row *row,
                    seg_holes *holes) {
  for (size_t i = 0; i < cols->n; i++) {
    f->field(o, i, seg_columns_info[cols->col[i]].name);
    put_value(o, f, cols->col[i], row, holes);
  }
  f->row_end(o);
}

const seg_format *seg_format_get(seg_output_format f) {
  return f == SEG_OUTPUT_JSONL ? &seg_format_jsonl : &seg_format_tsv;
}

struct seg_writer {
  const seg_format *fmt;
  seg_columns cols;
  const seg_sink *sink;
  seg_buf buf;
  seg_status failed;
  int saved_errno;
};

seg_writer *seg_writer_new(const seg_format *fmt, const seg_columns *cols, const seg_sink *sink) {
  seg_writer *w = seg_xcalloc(1, sizeof *w);
  w->fmt = fmt;
  w->cols = *cols;
  w->sink = sink;
  return w;
}

void seg_writer_free(seg_writer *w) {
  if (!w) return;
  seg_buf_free(&w->buf);
  free(w);
}

const seg_columns *seg_writer_columns(const seg_writer *w) { return &w->cols; }
const seg_format *seg_writer_format(const seg_writer *w) { return w->fmt; }
seg_buf *seg_writer_buf(seg_writer *w) { return &w->buf; }

void seg_writer_header(seg_writer *w) {
  if (!w->fmt->has_header) return;
  for (size_t i = 0; i < w->cols.n; i++) {
    if (i) seg_buf_putc(&w->buf, '\t');
    const char *name = seg_columns_info[w->cols.col[i]].name;
    seg_buf_append(&w->buf, name, strlen(name));
  }
  seg_buf_putc(&w->buf, '\n');
}

void seg_writer_row(seg_writer *w, const seg_row *row) {
  seg_row_format(&w->buf, w->fmt, &w->cols, row, NULL);
  if (w->buf.len >= SEG_WRITER_BLOCK) seg_writer_pending(w, 0, NULL);
}

seg_status seg_writer_pending(seg_writer *w, int force, seg_error *err) {
  if (!w->failed && w->buf.len && (force || w->buf.len >= SEG_WRITER_BLOCK)) {
    if (!w->sink || w->sink->write(w->sink->ctx, w->buf.data, w->buf.len) == 0) {
      seg_buf_clear(&w->buf);
    } else {
      w->failed = SEG_ERR_IO;
      w->saved_errno = errno;
    }
  }
  if (w->failed) {
    seg_buf_clear(&w->buf); /* nothing more is written after a failure */
    if (err && !err->code)
      seg_error_set(err, SEG_ERR_IO, w->sink->name, 0, 0, "write error: %s",
                    strerror(w->saved_errno));
  }
  return w->failed;
}
