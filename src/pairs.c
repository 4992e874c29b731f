/* pairs: see pairs.h. */
#include "pairs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clean.h"
#include "dedup.h"
#include "error.h"
#include "filter.h"
#include "stage.h"

struct seg_pairs {
  const seg_config *cfg;
  const seg_filter_config *rules;
  seg_cleaner *cleaner; /* Unicode normalization, the boilerplate lexicon's verdict */
  seg_filters *repair;  /* mojibake repair of the raw sides (NULL: the rule is off) */
  seg_chain *sentence, *pair;
  seg_dedup *dedup;     /* borrowed: run-wide (NULL: off) */
  int want_hash;
  seg_buf fixed, scratch;
  seg_warn_fn warn;
  void *warn_ctx;
  seg_buf src, tgt;
  seg_offmap src_map, tgt_map;
  size_t documents, pairs, malformed, invalid, boilerplate, mojibake, duplicates;
  /* the running input */
  const char *doc;
  seg_error *err;
  seg_status failed;
};

seg_pairs *seg_pairs_new(const seg_config *cfg, const seg_side *src, const seg_columns *cols,
                         seg_dedup *dedup, seg_error *err) {
  seg_pairs *p = seg_xcalloc(1, sizeof *p);
  p->cfg = cfg;
  p->rules = src->res->filters;
  p->dedup = dedup;
  p->want_hash = seg_columns_want(cols, SEG_COL_HASH);
  seg_stage_env env = {.cfg = cfg,
                       .side = src,
                       .want_lang = seg_columns_want(cols, SEG_COL_LANG),
                       .want_missing = seg_columns_want(cols, SEG_COL_TERM_MISSING),
                       .err = err};
  seg_filter_config only_repair = *p->rules;
  for (int r = 0; r < SEG_RULE_COUNT; r++) only_repair.on[r] = r == SEG_RULE_MOJIBAKE && p->rules->on[r];
  int ok = (p->cleaner = seg_cleaner_new(src->lexicon, NULL, err)) != NULL &&
           (!only_repair.on[SEG_RULE_MOJIBAKE] || (p->repair = seg_filters_new(&only_repair, NULL, err))) &&
           (p->sentence = seg_chain_new(&env, SEG_ROWS_SENTENCE)) &&
           (p->pair = seg_chain_new(&env, SEG_ROWS_PAIR));
  if (!ok) {
    seg_pairs_free(p);
    return NULL;
  }
  return p;
}

void seg_pairs_free(seg_pairs *p) {
  if (!p) return;
  seg_cleaner_free(p->cleaner);
  seg_filters_free(p->repair);
  seg_buf_free(&p->fixed);
  seg_buf_free(&p->scratch);
  seg_chain_free(p->sentence);
  seg_chain_free(p->pair);
  seg_buf_free(&p->src);
  seg_buf_free(&p->tgt);
  seg_offmap_free(&p->src_map);
  seg_offmap_free(&p->tgt_map);
  free(p);
}

void seg_pairs_set_warn(seg_pairs *p, seg_warn_fn fn, void *ctx) {
  p->warn = fn;
  p->warn_ctx = ctx;
}

void seg_pairs_stats(const seg_pairs *p, seg_stats *into) {
  into->documents += p->documents;
  into->pairs += p->pairs;
  into->invalid_bytes += p->invalid;
  into->normalized += seg_cleaner_stats(p->cleaner)->normalized;
  into->dropped += p->malformed + p->boilerplate + p->mojibake + p->duplicates;
  if (p->malformed) seg_stats_add_reason(into, "malformed-pair", p->malformed);
  if (p->mojibake) seg_stats_add_reason(into, "mojibake", p->mojibake);
  if (p->boilerplate) seg_stats_add_reason(into, "boilerplate", p->boilerplate);
  seg_chain_stats(p->sentence, into);
  seg_chain_stats(p->pair, into);
  if (p->duplicates) seg_stats_add_reason(into, "duplicate", p->duplicates);
}

static void on_invalid(void *ctx, size_t lineno, size_t col, size_t offset, unsigned char byte) {
  seg_pairs *p = ctx;
  p->invalid++;
  if (p->cfg->strict && !p->failed)
    p->failed = seg_error_set(p->err, SEG_ERR_INPUT, p->doc, lineno, col,
                              "invalid UTF-8 byte 0x%02X at byte offset %zu", byte, offset);
}

static void reject(seg_pairs *p, seg_writer *rejects, size_t lineno, const char *reason,
                   const char *text, size_t len) {
  if (!rejects) return;
  seg_row row = {.doc = {p->doc, strlen(p->doc)}, .line = lineno,
                 .reason = {reason, strlen(reason)}, .orig = {text, len}};
  seg_writer_row(rejects, &row);
}

/* A line that holds no pair: a warning (an error in strict mode) and a rejected row. */
static void malformed(seg_pairs *p, seg_writer *rejects, const seg_line *line, const char *why) {
  p->malformed++;
  if (p->cfg->strict) {
    if (!p->failed) p->failed = seg_error_set(p->err, SEG_ERR_INPUT, p->doc, line->lineno, 1, "%s", why);
    return;
  }
  if (p->warn) {
    char msg[200];
    snprintf(msg, sizeof msg, "warning: %s; line skipped", why);
    p->warn(p->warn_ctx, p->doc, line->lineno, 1, msg);
  }
  reject(p, rejects, line->lineno, "malformed-pair", line->bytes, line->len);
}

/* The mojibake repair of one raw side: NULL (clean, or repaired into p->fixed and *s moved
 * there), or "mojibake" when it cannot be repaired. */
static const char *repair(seg_pairs *p, const char **s, size_t *n, seg_buf *keep) {
  if (!p->repair) return NULL;
  int repaired = 0;
  const char *reason = seg_filters_repair(p->repair, *s, *n, &p->fixed, &repaired);
  if (!reason && repaired) {
    seg_buf_clear(keep);
    seg_buf_append(keep, p->fixed.data, p->fixed.len);
    *s = keep->data;
    *n = keep->len;
  }
  return reason;
}

/* Repairs and cleans both sides; NULL, or why the pair goes. */
static const char *clean_sides(seg_pairs *p, const seg_line *line, const char *s, size_t slen,
                               size_t soff, const char *t, size_t tlen, size_t toff) {
  seg_buf_clear(&p->src);
  seg_buf_clear(&p->tgt);
  seg_offmap_clear(&p->src_map);
  seg_offmap_clear(&p->tgt_map);
  seg_buf raw_s = {0}, raw_t = {0};
  const char *reason = repair(p, &s, &slen, &raw_s);
  if (!reason) reason = repair(p, &t, &tlen, &raw_t);
  if (reason) p->mojibake++;
  if (!reason) {
    seg_clean_normalize(p->cleaner, s, slen, soff, line->lineno, &p->src, &p->src_map);
    seg_clean_normalize(p->cleaner, t, tlen, toff, line->lineno, &p->tgt, &p->tgt_map);
  }
  seg_buf_free(&raw_s);
  seg_buf_free(&raw_t);
  if (!reason && (seg_cleaner_boilerplate(p->cleaner, p->src.data ? p->src.data : "", p->src.len) ||
                  seg_cleaner_boilerplate(p->cleaner, p->tgt.data ? p->tgt.data : "", p->tgt.len))) {
    p->boilerplate++;
    reason = "boilerplate";
  }
  return reason;
}

/* Cleans both sides and runs the stages, then the run-wide duplicate check (on the sides as
 * read: a pair and its twin with markup or mojibake are kept both, the repaired one being the
 * better training row only after repair); writes the pair or its rejection. */
static void one_pair(seg_pairs *p, const seg_line *line, const char *s, size_t slen,
                     size_t soff, const char *t, size_t tlen, size_t toff, seg_writer *rows,
                     seg_writer *rejects) {
  const char *reason = clean_sides(p, line, s, slen, soff, t, tlen, toff);
  seg_row row = {.doc = {p->doc, strlen(p->doc)}, .line = line->lineno,
                 .src = {p->src.data ? p->src.data : "", p->src.len},
                 .tgt = {p->tgt.data ? p->tgt.data : "", p->tgt.len}};
  if (!reason) reason = seg_chain_take(p->pair, &row);
  if (!reason) { /* the sentence stages (term normalization) rewrite the source side */
    row.text = row.src;
    reason = seg_chain_take(p->sentence, &row);
    row.src = row.text;
  }
  if (!reason && (p->dedup || p->want_hash)) {
    row.hash = seg_dedup_hash(p->rules->dedup_mode, s, slen, t, tlen, &p->scratch);
    if (p->dedup && seg_dedup_check(p->dedup, row.hash)) {
      p->duplicates++;
      reason = "duplicate";
    }
  }
  if (reason) {
    reject(p, rejects, line->lineno, reason, line->bytes, line->len);
    return;
  }
  p->pairs++;
  seg_writer_row(rows, &row);
}

static int next_line(seg_reader *r, seg_line *line, seg_error *err, int *eof) {
  if (*eof) return 0;
  int rc = seg_reader_next(r, line, err);
  if (rc == 0) *eof = 1;
  return rc;
}

seg_status seg_pairs_run(seg_pairs *p, seg_reader *in, seg_reader *tgt_in, const char *doc,
                         const char *tgt_doc, seg_writer *rows, seg_writer *rejects,
                         seg_error *err) {
  p->doc = doc;
  p->err = err;
  p->failed = SEG_OK;
  p->documents++;
  seg_clean_callbacks cb = {NULL, on_invalid, p};
  seg_cleaner_begin(p->cleaner, &cb);
  seg_line line, tline = {0};
  int eof = 0, teof = 0;
  for (;;) {
    int rc = next_line(in, &line, err, &eof);
    int trc = tgt_in ? next_line(tgt_in, &tline, err, &teof) : 0;
    if (rc < 0 || trc < 0) return rc < 0 ? rc : trc;
    if (!rc && !trc) break;
    if (tgt_in && rc != trc) { /* one file ended before the other */
      const seg_line *l = rc ? &line : &tline;
      p->doc = rc ? doc : tgt_doc;
      malformed(p, rejects, l, "the two pair files have different line counts");
      p->doc = doc;
    } else if (tgt_in) {
      one_pair(p, &line, line.bytes, line.len, line.offset, tline.bytes, tline.len, tline.offset,
               rows, rejects);
    } else {
      const char *tab = memchr(line.bytes, '\t', line.len);
      size_t slen = tab ? (size_t)(tab - line.bytes) : 0;
      const char *t = tab ? tab + 1 : NULL;
      const char *tab2 = t ? memchr(t, '\t', line.len - slen - 1) : NULL; /* further fields: ignored */
      size_t tlen = t ? (size_t)((tab2 ? tab2 : line.bytes + line.len) - t) : 0;
      if (!tab && line.len == 0) continue; /* an empty line holds nothing */
      if (!tab) malformed(p, rejects, &line, "expected source<TAB>target");
      else one_pair(p, &line, line.bytes, slen, line.offset, t, tlen, line.offset + slen + 1, rows,
                    rejects);
    }
    if (p->failed) return p->failed;
    if (seg_writer_pending(rows, 0, err) || (rejects && seg_writer_pending(rejects, 0, err)))
      return SEG_ERR_IO;
  }
  return p->failed;
}
