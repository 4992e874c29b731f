/* engine: the run API of segment.h. Builds the stages a configuration asks for once (language
 * data, flows, stage chains), then runs inputs through them: source -> flow(s) [-> align ->
 * pair stages] -> one writer, with one reject writer beside it. Runs no stage itself. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "docalign.h"
#include "error.h"
#include "dedup.h"
#include "flow.h"
#include "pairs.h"
#include "resources.h"
#include "source.h"
#include "stage.h"
#include "writer.h"

struct seg_engine {
  seg_config cfg;
  int bilingual;
  seg_resources res;
  seg_side side_id, side_en;
  seg_columns cols, rej_cols;
  seg_flow *src, *tgt;
  seg_pairs *pairs; /* SEG_INPUT_PAIRS */
  seg_chain *pair_stages;
  seg_dedup *dedup; /* run-wide duplicate pairs (NULL: the rule is off) */
  seg_stats pair_stats; /* target sentences and pairs */
  seg_warn_fn warn;
  void *warn_ctx;
  seg_progress_fn progress;
  void *progress_ctx;
  size_t done_bytes; /* input bytes of the inputs finished in this run */
};

void seg_config_init(seg_config *cfg) {
  memset(cfg, 0, sizeof *cfg);
  cfg->id_key = "id";
  cfg->text_key = "text";
  cfg->jobs = 1;
  cfg->max_warnings = 10;
}

static seg_status build_flows(seg_engine *e, seg_error *err) {
  const seg_filter_config *rules = e->res.filters;
  if (e->bilingual && rules->on[SEG_RULE_DUPLICATE]) e->dedup = seg_dedup_new(rules->dedup_max_entries);
  if (e->cfg.input_format == SEG_INPUT_PAIRS) {
    e->pairs = seg_pairs_new(&e->cfg, &e->side_id, &e->cols, e->dedup, err);
    return e->pairs ? SEG_OK : err->code ? err->code : SEG_ERR_ICU;
  }
  seg_flow_opts src = {&e->cfg, &e->side_id, e->bilingual ? NULL : &e->cols,
                       e->bilingual && e->cfg.presegmented, (size_t)e->cfg.jobs};
  if (!(e->src = seg_flow_new(&src, err))) return err->code ? err->code : SEG_ERR_ICU;
  if (!e->bilingual) return SEG_OK;
  seg_flow_opts tgt = src;
  tgt.side = &e->side_en;
  if (!(e->tgt = seg_flow_new(&tgt, err))) return err->code ? err->code : SEG_ERR_ICU;
  seg_stage_env env = {.cfg = &e->cfg,
                       .side = &e->side_id,
                       .want_lang = seg_columns_want(&e->cols, SEG_COL_LANG),
                       .want_missing = seg_columns_want(&e->cols, SEG_COL_TERM_MISSING),
                       .err = err};
  if (!(e->pair_stages = seg_chain_new(&env, SEG_ROWS_PAIR))) return err->code;
  return SEG_OK;
}

seg_engine *seg_engine_new(const seg_config *cfg, seg_error *err) {
  seg_engine *e = seg_xcalloc(1, sizeof *e);
  e->cfg = *cfg;
  if (e->cfg.jobs < 1) e->cfg.jobs = 1;
  e->bilingual = cfg->bilingual || cfg->target_key || cfg->input_format == SEG_INPUT_PAIRS;
  const char *cols = cfg->columns ? cfg->columns
                                  : e->bilingual ? SEG_DEFAULT_PAIR_COLUMNS : SEG_DEFAULT_COLUMNS;
  seg_status rc = seg_columns_parse(cols, e->bilingual ? SEG_ROWS_PAIR : SEG_ROWS_SENTENCE,
                                    &e->cols, err);
  if (!rc) rc = seg_columns_parse(SEG_REJECT_COLUMNS, SEG_ROWS_REJECT, &e->rej_cols, err);
  if (!rc) rc = seg_resources_load(&e->res, &e->cfg, err);
  if (!rc) {
    e->side_id = seg_resources_side(&e->res, 0);
    e->side_en = seg_resources_side(&e->res, 1);
    rc = build_flows(e, err);
  }
  if (rc) {
    seg_engine_free(e);
    return NULL;
  }
  return e;
}

void seg_engine_free(seg_engine *e) {
  if (!e) return;
  seg_pairs_free(e->pairs);
  seg_flow_free(e->src);
  seg_flow_free(e->tgt);
  seg_chain_free(e->pair_stages);
  seg_dedup_free(e->dedup);
  seg_resources_free(&e->res);
  free(e);
}

void seg_engine_set_warn(seg_engine *e, seg_warn_fn fn, void *ctx) {
  e->warn = fn;
  e->warn_ctx = ctx;
  if (e->pairs) seg_pairs_set_warn(e->pairs, fn, ctx);
  if (e->src) seg_flow_set_warn(e->src, fn, ctx);
  if (e->tgt) seg_flow_set_warn(e->tgt, fn, ctx);
}

static void on_flow_progress(void *ctx, size_t doc_bytes) {
  seg_engine *e = ctx;
  e->progress(e->progress_ctx, e->done_bytes + doc_bytes);
}

void seg_engine_set_progress(seg_engine *e, seg_progress_fn fn, void *ctx) {
  e->progress = fn;
  e->progress_ctx = ctx;
  if (e->src) seg_flow_set_progress(e->src, fn ? on_flow_progress : NULL, e);
}

seg_status seg_engine_dump_glossary(const seg_engine *e, const seg_sink *out, seg_error *err) {
  seg_buf yaml = {0};
  seg_glossary_dump_yaml(e->res.glossary, &yaml);
  int bad = yaml.len && out->write(out->ctx, yaml.data, yaml.len);
  seg_buf_free(&yaml);
  if (bad) return seg_error_set(err, SEG_ERR_IO, out->name, 0, 0, "write error: %s", strerror(errno));
  return SEG_OK;
}

void seg_engine_stats(const seg_engine *e, seg_stats *out) {
  memset(out, 0, sizeof *out);
  if (e->pairs) {
    seg_pairs_stats(e->pairs, out);
    return;
  }
  seg_flow_stats(e->src, out);
  out->target_sentences = e->pair_stats.target_sentences;
  out->pairs = e->pair_stats.pairs;
  if (e->pair_stages) seg_chain_stats(e->pair_stages, out);
  out->dropped += e->pair_stats.dropped;
  for (size_t i = 0; i < e->pair_stats.nreasons; i++)
    seg_stats_add_reason(out, e->pair_stats.reasons[i].reason, e->pair_stats.reasons[i].count);
}

/* One document into the writers. */
static seg_status run_document(seg_engine *e, const seg_document *d, seg_writer *rows,
                               seg_writer *rejects, seg_error *err) {
  if (e->pairs)
    return seg_pairs_run(e->pairs, d->text, d->target, d->id, d->target_id, rows, rejects, err);
  if (!e->bilingual) {
    seg_flow_out out = {rows, NULL, rejects};
    return seg_flow_run(e->src, d->text, d->id, &out, err);
  }
  seg_docalign a = {e->src, e->tgt, e->res.dict, e->pair_stages, e->cfg.unaligned, e->warn,
                    e->warn_ctx, e->dedup, e->res.filters->dedup_mode,
                    seg_columns_want(&e->cols, SEG_COL_HASH)};
  return seg_docalign_run(&a, d->text, d->target, d->id, d->target_id, rows, rejects,
                          &e->pair_stats, err);
}

static seg_status run_input(seg_engine *e, const seg_input *in, seg_writer *rows,
                            seg_writer *rejects, seg_error *err) {
  seg_source *s = seg_source_open(in, &e->cfg, e->warn, e->warn_ctx, err);
  if (!s) return err->code;
  seg_document d;
  int rc;
  seg_status st = SEG_OK;
  while (!st && (rc = seg_source_next(s, &d, err)) != 0) {
    if (rc < 0) {
      st = (seg_status)rc;
      break;
    }
    st = run_document(e, &d, rows, rejects, err);
    if (st) seg_source_locate(s, &d, err);
    if (e->progress) e->progress(e->progress_ctx, e->done_bytes + seg_source_bytes(s));
  }
  e->done_bytes += seg_source_bytes(s);
  seg_source_free(s);
  return st;
}

seg_status seg_engine_run(seg_engine *e, const seg_input *inputs, size_t n, const seg_sink *out,
                          const seg_sink *rejected, seg_error *err) {
  const seg_format *fmt = seg_format_get(e->cfg.output_format);
  seg_writer *rows = seg_writer_new(fmt, &e->cols, out);
  seg_writer *rejects = rejected ? seg_writer_new(fmt, &e->rej_cols, rejected) : NULL;
  if (e->cfg.header) seg_writer_header(rows);
  seg_status st = SEG_OK;
  for (size_t i = 0; i < n && !st; i++) st = run_input(e, &inputs[i], rows, rejects, err);
  /* rows written before an error still go out (an atomic output discards them itself) */
  seg_error werr = {0};
  seg_status w1 = seg_writer_pending(rows, 1, &werr);
  seg_status w2 = rejects ? seg_writer_pending(rejects, 1, &werr) : SEG_OK;
  if (!st && (w1 || w2)) {
    *err = werr;
    st = SEG_ERR_IO;
  }
  seg_writer_free(rows);
  seg_writer_free(rejects);
  return st;
}
