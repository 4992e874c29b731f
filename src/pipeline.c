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
  seg_textvec *collect; /* non-NULL: sentences go here instead of rows */
  seg_buf line_text;    /* presegmented input: one normalized line */
  seg_offmap line_map;
};

void seg_textvec_clear(seg_textvec *v) {
  seg_buf_clear(&v->text);
  v->n = 0;
}

void seg_textvec_free(seg_textvec *v) {
  seg_buf_free(&v->text);
  free(v->off);
  free(v->junk);
  memset(v, 0, sizeof *v);
}

static void textvec_push(seg_textvec *v, const char *s, size_t n, int junk) {
  SEG_GROW(v->off, v->cap, v->n + 2);
  SEG_GROW(v->junk, v->junk_cap, v->n + 1);
  if (!v->n) v->off[0] = v->text.len;
  seg_buf_append(&v->text, s, n);
  v->junk[v->n] = (unsigned char)junk;
  v->off[++v->n] = v->text.len;
}

seg_pipeline *seg_pipeline_new(const seg_resources *res, const seg_config *cfg, seg_error *err) {
  seg_pipeline *p = seg_xcalloc(1, sizeof *p);
  p->res = res;
  p->cfg = *cfg;
  p->cleaner = seg_cleaner_new(res->lexicon, err);
  seg_splitter_opts so = {cfg->locale ? cfg->locale : "id", cfg->split_quotes, cfg->raw_icu};
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
  seg_buf_free(&p->line_text);
  seg_offmap_free(&p->line_map);
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

/* Presegmented input: each non-empty line is one sentence (Unicode normalization and the
 * glossary still apply; boilerplate lines are flagged, not dropped). */
static void emit_line(seg_pipeline *p, const seg_line *line) {
  seg_buf_clear(&p->line_text);
  seg_offmap_clear(&p->line_map);
  seg_clean_normalize(p->cleaner, line->bytes, line->len, line->offset, line->lineno,
                      &p->line_text, &p->line_map);
  if (!p->line_text.len) return;
  const char *text;
  size_t tlen;
  p->stats.replacements += seg_normalizer_apply(p->norm, p->line_text.data, p->line_text.len,
                                                &text, &tlen, &p->terms);
  p->sent_no++;
  p->stats.sentences++;
  int junk = seg_cleaner_boilerplate(p->cleaner, p->line_text.data, p->line_text.len) != NULL;
  textvec_push(p->collect, text, tlen, junk);
}

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
    if (p->collect) {
      p->sent_no++;
      p->stats.sentences++;
      textvec_push(p->collect, text, tlen, 0);
      continue;
    }
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

seg_status seg_pipeline_collect(seg_pipeline *p, seg_reader *in, const char *doc,
                                seg_textvec *out, seg_error *err) {
  p->collect = out;
  seg_status rc = seg_pipeline_run(p, in, doc, NULL, NULL, err);
  p->collect = NULL;
  return rc;
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
    if (p->cfg.presegmented && p->collect) {
      emit_line(p, &line);
      continue;
    }
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

static void add_target_pair(void *ctx, const char *canonical, const char *target) {
  seg_dict_add_phrase(ctx, canonical, strlen(canonical), target, strlen(target));
}

seg_status seg_resources_load_bilingual(seg_resources *res, seg_error *err) {
  if (!(res->abbrevs_en = seg_abbrevs_default("en", err))) return err->code;
  if (!(res->dict = seg_dict_default(err))) return err->code;
  res->no_glossary = seg_glossary_new();
  seg_glossary_each_target(res->glossary, add_target_pair, res->dict);
  return SEG_OK;
}

static void put_ids(seg_buf *o, size_t first, size_t count) {
  for (size_t k = 0; k < count; k++) {
    if (k) seg_buf_putc(o, ',');
    seg_tsv_uint(o, first + k + 1);
  }
}

static void put_texts(seg_buf *o, const seg_textvec *v, size_t first, size_t count) {
  for (size_t k = 0; k < count; k++) {
    if (k) seg_buf_putc(o, ' ');
    size_t a = v->off[first + k], b = v->off[first + k + 1];
    seg_tsv_field(o, v->text.data + a, b - a);
  }
}

seg_status seg_align_documents(seg_pipeline *src_p, seg_pipeline *tgt_p, const seg_dict *dict,
                               seg_reader *src, const char *src_doc, seg_reader *tgt,
                               const char *tgt_doc, const seg_columns *cols, int unaligned,
                               const seg_sink *out, seg_error *err) {
  seg_textvec sv = {0}, tv = {0};
  seg_link *links = NULL;
  size_t nl = 0;
  seg_buf o = {0};
  seg_status rc = seg_pipeline_collect(src_p, src, src_doc, &sv, err);
  if (!rc) rc = seg_pipeline_collect(tgt_p, tgt, tgt_doc, &tv, err);
  if (!rc) {
    seg_sentence *ss = seg_xcalloc(sv.n + 1, sizeof *ss), *ts = seg_xcalloc(tv.n + 1, sizeof *ts);
    for (size_t i = 0; i < sv.n; i++)
      ss[i] = (seg_sentence){sv.text.data + sv.off[i], sv.off[i + 1] - sv.off[i], sv.junk[i]};
    for (size_t j = 0; j < tv.n; j++)
      ts[j] = (seg_sentence){tv.text.data + tv.off[j], tv.off[j + 1] - tv.off[j], tv.junk[j]};
    rc = seg_align(dict, ss, sv.n, ts, tv.n, NULL, &links, &nl, err);
    free(ss);
    free(ts);
  }
  for (size_t k = 0; !rc && k < nl; k++) {
    const seg_link *l = &links[k];
    if ((!l->nsrc || !l->ntgt) && !unaligned) continue;
    for (size_t c = 0; c < cols->n; c++) {
      if (c) seg_buf_putc(&o, '\t');
      switch (cols->col[c]) {
      case SEG_COL_DOC: seg_tsv_field(&o, src_doc, strlen(src_doc)); break;
      case SEG_COL_SRC: put_texts(&o, &sv, l->src, l->nsrc); break;
      case SEG_COL_TGT: put_texts(&o, &tv, l->tgt, l->ntgt); break;
      case SEG_COL_SRC_IDS: put_ids(&o, l->src, l->nsrc); break;
      case SEG_COL_TGT_IDS: put_ids(&o, l->tgt, l->ntgt); break;
      case SEG_COL_SCORE: {
        char num[32];
        int len = snprintf(num, sizeof num, "%.3f", l->score);
        seg_buf_append(&o, num, (size_t)len);
        break;
      }
      default: break;
      }
    }
    seg_buf_putc(&o, '\n');
    if (o.len >= FLUSH_AT || k + 1 == nl) {
      if (o.len && out->write(out->ctx, o.data, o.len)) {
        rc = seg_error_set(err, SEG_ERR_IO, NULL, 0, 0, "write error: %s", strerror(errno));
        break;
      }
      seg_buf_clear(&o);
    }
  }
  if (!rc && o.len && out->write(out->ctx, o.data, o.len))
    rc = seg_error_set(err, SEG_ERR_IO, NULL, 0, 0, "write error: %s", strerror(errno));
  free(links);
  seg_buf_free(&o);
  seg_textvec_free(&sv);
  seg_textvec_free(&tv);
  return rc;
}

void seg_resources_free(seg_resources *res) {
  seg_abbrevs_free(res->abbrevs_en);
  seg_glossary_free(res->no_glossary);
  seg_dict_free(res->dict);
  seg_lexicon_free(res->lexicon);
  seg_abbrevs_free(res->abbrevs);
  seg_glossary_free(res->glossary);
  memset(res, 0, sizeof *res);
}
