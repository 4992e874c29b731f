/* pipeline: glue between the stages; owns output buffering (rows are formatted into one
 * buffer and handed to the sink in 64 KiB blocks, never one printf per field). */
#include "pipeline.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FLUSH_AT (64u * 1024u)

struct seg_pipeline {
  const seg_resources *res;
  seg_config cfg;
  seg_cleaner *cleaner;
  seg_splitter *splitter;
  seg_normalizer *norm;
  seg_buf out, rej, terms;
  const seg_sink *out_sink, *rej_sink;
  const char *doc;
  size_t sent_no;
  seg_stats stats;
  seg_warn_fn warn;
  void *warn_ctx;
  int doc_warnings;
  size_t doc_invalid;
  seg_error *err;
  seg_status failed;
};

seg_pipeline *seg_pipeline_new(const seg_resources *res, const seg_config *cfg, seg_error *err) {
  seg_pipeline *p = seg_xcalloc(1, sizeof *p);
  p->res = res;
  p->cfg = *cfg;
  p->cleaner = seg_cleaner_new(res->lexicon, err);
  seg_splitter_opts so = {"id", cfg->split_quotes, cfg->raw_icu};
  p->splitter = p->cleaner ? seg_splitter_new(res->abbrevs, &so, err) : NULL;
  p->norm = seg_normalizer_new(res->glossary);
  if (!p->cleaner || !p->splitter) {
    seg_pipeline_free(p);
    return NULL;
  }
  return p;
}

void seg_pipeline_free(seg_pipeline *p) {
  if (!p) return;
  seg_cleaner_free(p->cleaner);
  seg_splitter_free(p->splitter);
  seg_normalizer_free(p->norm);
  seg_buf_free(&p->out);
  seg_buf_free(&p->rej);
  seg_buf_free(&p->terms);
  free(p);
}

void seg_pipeline_set_warn(seg_pipeline *p, seg_warn_fn fn, void *ctx) {
  p->warn = fn;
  p->warn_ctx = ctx;
}

void seg_pipeline_stats(const seg_pipeline *p, seg_stats *out) {
  *out = p->stats;
  out->clean = *seg_cleaner_stats(p->cleaner);
}

static int flush(seg_pipeline *p, seg_buf *b, const seg_sink *sink, int force) {
  if (!sink || !b->len || (!force && b->len < FLUSH_AT)) return 0;
  if (sink->write(sink->ctx, b->data, b->len)) {
    if (!p->failed)
      p->failed = seg_error_set(p->err, SEG_ERR_IO, NULL, 0, 0, "write error: %s",
                                strerror(errno));
    return -1;
  }
  seg_buf_clear(b);
  return 0;
}

static void on_reject(void *ctx, size_t lineno, size_t offset, const char *reason,
                      const char *text, size_t len) {
  (void)offset;
  seg_pipeline *p = ctx;
  if (!p->rej_sink) return;
  seg_tsv_field(&p->rej, p->doc, strlen(p->doc));
  seg_buf_putc(&p->rej, '\t');
  seg_tsv_uint(&p->rej, lineno);
  seg_buf_putc(&p->rej, '\t');
  seg_tsv_field(&p->rej, reason, strlen(reason));
  seg_buf_putc(&p->rej, '\t');
  seg_tsv_field_raw(&p->rej, text, len);
  seg_buf_putc(&p->rej, '\n');
  flush(p, &p->rej, p->rej_sink, 0);
}

static void on_invalid(void *ctx, size_t lineno, size_t col, size_t offset, unsigned char byte) {
  seg_pipeline *p = ctx;
  p->doc_invalid++;
  if (p->cfg.strict) {
    if (!p->failed)
      p->failed = seg_error_set(p->err, SEG_ERR_INPUT, p->doc, lineno, col,
                                "invalid UTF-8 byte 0x%02X at byte offset %zu", byte, offset);
    return;
  }
  if (p->warn && p->doc_warnings < p->cfg.max_warnings) {
    char msg[160];
    snprintf(msg, sizeof msg,
             "warning: invalid UTF-8 byte 0x%02X at byte offset %zu replaced by U+FFFD", byte,
             offset);
    p->warn(p->warn_ctx, p->doc, lineno, col, msg);
  }
  p->doc_warnings++;
}

static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

static void put_sep(seg_buf *b, size_t i) {
  if (i) seg_buf_putc(b, '\t');
}

static void emit_paragraph(seg_pipeline *p, const seg_para *para) {
  const seg_span *spans;
  long n = seg_splitter_split(p->splitter, para->text.data, para->text.len, &spans, p->err);
  if (n < 0) {
    if (!p->failed) p->failed = (seg_status)n;
    return;
  }
  const seg_columns *cols = &p->cfg.columns;
  /* Sentence spans in input bytes tile the paragraph: each reaches back to the end of the
   * previous one (or the paragraph start) and forward to the next, less whitespace, so bytes
   * the cleaner removed between sentences (an empty quote pair, a zero-width character) stay
   * inside some row's [start, end). */
  const char *raw = para->raw.data;
  size_t raw_end = para->raw_off + para->raw.len;
  size_t next_start = para->raw_off;
  while (next_start < raw_end && is_blank(raw[next_start - para->raw_off])) next_start++;
  for (long k = 0; k < n; k++) {
    const char *s = para->text.data + spans[k].start;
    size_t slen = spans[k].end - spans[k].start;
    const char *text;
    size_t tlen;
    p->stats.replacements += seg_normalizer_apply(p->norm, s, slen, &text, &tlen, &p->terms);
    size_t start = next_start;
    size_t end = k + 1 < n ? seg_offmap_start(&para->map, spans[k + 1].start) : raw_end;
    next_start = end;
    while (end > start && is_blank(raw[end - 1 - para->raw_off])) end--;
    size_t min_end = seg_offmap_end(&para->map, spans[k].end);
    if (end < min_end) end = min_end;
    p->sent_no++;
    p->stats.sentences++;
    seg_buf *o = &p->out;
    for (size_t c = 0; c < cols->n; c++) {
      put_sep(o, c);
      switch (cols->col[c]) {
      case SEG_COL_DOC: seg_tsv_field(o, p->doc, strlen(p->doc)); break;
      case SEG_COL_PARA: seg_tsv_uint(o, para->para_no); break;
      case SEG_COL_SENT: seg_tsv_uint(o, p->sent_no); break;
      case SEG_COL_TEXT: seg_tsv_field(o, text, tlen); break;
      case SEG_COL_ORIG:
        seg_tsv_field_raw(o, para->raw.data + (start - para->raw_off), end - start);
        break;
      case SEG_COL_START: seg_tsv_uint(o, start); break;
      case SEG_COL_END: seg_tsv_uint(o, end); break;
      case SEG_COL_TERMS: seg_tsv_field(o, p->terms.data ? p->terms.data : "", p->terms.len); break;
      default: break; /* bilingual columns are rejected by the parser */
      }
    }
    seg_buf_putc(o, '\n');
  }
  flush(p, &p->out, p->out_sink, 0);
}

seg_status seg_pipeline_run(seg_pipeline *p, seg_reader *in, const char *doc, const seg_sink *out,
                            const seg_sink *rejected, seg_error *err) {
  p->doc = doc;
  p->out_sink = out;
  p->rej_sink = p->cfg.rejected ? rejected : NULL;
  p->err = err;
  p->failed = SEG_OK;
  p->sent_no = 0;
  p->doc_warnings = 0;
  p->doc_invalid = 0;
  p->stats.documents++;
  seg_clean_sink sink = {on_reject, on_invalid, p};
  seg_cleaner_begin(p->cleaner, &sink);
  seg_line line;
  int rc = 0;
  while (!p->failed && (rc = seg_reader_next(in, &line, err)) > 0) {
    const seg_para *para = seg_cleaner_push(p->cleaner, &line);
    if (para && !p->failed) emit_paragraph(p, para);
  }
  if (!p->failed && rc < 0) p->failed = err->code;
  const seg_para *last = seg_cleaner_finish(p->cleaner);
  if (last && !p->failed) emit_paragraph(p, last);
  if (!p->failed && p->warn && p->doc_warnings > p->cfg.max_warnings && p->cfg.max_warnings) {
    char msg[160];
    snprintf(msg, sizeof msg, "warning: %d more invalid UTF-8 sequences not shown (%zu in all)",
             p->doc_warnings - p->cfg.max_warnings, p->doc_invalid);
    p->warn(p->warn_ctx, p->doc, 0, 0, msg);
  }
  flush(p, &p->out, p->out_sink, 1);
  flush(p, &p->rej, p->rej_sink, 1);
  if (p->failed && !err->file[0] && doc) snprintf(err->file, sizeof err->file, "%s", doc);
  return p->failed;
}

/* ---------- resources ---------- */

static void add_dotted(void *ctx, const char *tok, size_t len) {
  seg_abbrevs_add(ctx, tok, len, SEG_ABBR_ACRONYM);
}

seg_status seg_resources_load(seg_resources *res, int keep_boilerplate,
                              const char *const *boilerplate_files, const char *abbrev_file,
                              const char *const *glossary_files, seg_error *err) {
  memset(res, 0, sizeof *res);
  if (!keep_boilerplate) {
    res->lexicon = seg_lexicon_default(err);
    if (!res->lexicon) goto fail;
    for (const char *const *f = boilerplate_files; f && *f; f++)
      if (seg_lexicon_add_file(res->lexicon, *f, err)) goto fail;
  }
  if (abbrev_file) {
    res->abbrevs = seg_abbrevs_new();
    if (seg_abbrevs_add_file(res->abbrevs, abbrev_file, err)) goto fail;
  } else if (!(res->abbrevs = seg_abbrevs_default("id", err))) {
    goto fail;
  }
  res->glossary = seg_glossary_new();
  for (const char *const *f = glossary_files; f && *f; f++)
    if (seg_glossary_add_file(res->glossary, *f, err)) goto fail;
  seg_glossary_each_dotted(res->glossary, add_dotted, res->abbrevs);
  return SEG_OK;
fail:
  seg_resources_free(res);
  return err->code ? err->code : SEG_ERR_CONFIG;
}

void seg_resources_free(seg_resources *res) {
  seg_lexicon_free(res->lexicon);
  seg_abbrevs_free(res->abbrevs);
  seg_glossary_free(res->glossary);
  memset(res, 0, sizeof *res);
}
