/* stage_terms: the glossary as row stages. For sentence rows: term normalization (the text
 * with the glossary's canonical forms, the terms column when one is written) and, with
 * --annotate-terms, each matched term's target inline (Dinu et al. 2019) with its source
 * factors. For pair rows: the annotation of an aligned pair's source (its sentences were
 * normalized before alignment, unannotated, so the aligner never sees the tags), term QA (the
 * targets the English side lacks; --require-terms rejects such a pair) and, with
 * --normalize-target, the English side's target variants rewritten to their targets. */
#include <stdlib.h>
#include <string.h>

#include "annotate.h"
#include "buf.h"
#include "glossary.h"
#include "stage.h"
#include "termqa.h"

typedef struct {
  seg_terms *norm;
  seg_annotator *annotate; /* NULL: no annotation */
  seg_termqa *qa;          /* pair rows: term QA (NULL: off) */
  seg_terms *target;       /* pair rows: the English side's normalizer (NULL: off) */
  seg_buf terms, out, factors, missing;
  int want_terms, want_factors, require;
  size_t replacements;
} terms_stage;

static terms_stage *stage_new(const seg_stage_env *env, int annotate) {
  terms_stage *t = seg_xcalloc(1, sizeof *t);
  t->norm = seg_terms_new(env->side->glossary);
  t->want_terms = env->want_terms;
  seg_annotate_mode mode;
  if (annotate && env->cfg->annotate_terms) {
    if (!seg_annotate_parse_mode(env->cfg->annotate_terms, &mode, env->err))
      t->annotate = seg_annotate_new(env->side->glossary, mode, env->cfg->term_tags, env->err);
    if (!t->annotate) {
      seg_terms_free(t->norm);
      free(t);
      return NULL;
    }
    seg_terms_record(t->norm, 1);
    t->want_factors = 1;
  }
  return t;
}

/* Normalizes (and annotates) *text in place; the terms column when asked. */
static void normalize(terms_stage *t, seg_str *text, seg_str *terms, seg_str *factors) {
  t->replacements += seg_terms_apply(t->norm, text->s, text->n, &text->s, &text->n,
                                     t->want_terms ? &t->terms : NULL);
  if (t->want_terms && terms) *terms = (seg_str){t->terms.data ? t->terms.data : "", t->terms.len};
  if (!t->annotate) return;
  size_t nm;
  const seg_glossary_match *m = seg_terms_matches(t->norm, &nm);
  seg_annotate_sentence(t->annotate, text->s, text->n, m, nm, &t->out, &t->factors);
  *text = (seg_str){t->out.data ? t->out.data : "", t->out.len};
  *factors = (seg_str){t->factors.data ? t->factors.data : "", t->factors.len};
}

static void *sentence_create(const seg_stage_env *env) {
  terms_stage *t = stage_new(env, !env->aligning);
  if (!t && env->err && env->err->code) return NULL;
  return t;
}

static const char *sentence_take(void *self, seg_row *row) {
  normalize(self, &row->text, &row->terms, &row->factors);
  return NULL;
}

static void *pair_create(const seg_stage_env *env) {
  const seg_config *cfg = env->cfg;
  int annotate = cfg->annotate_terms && cfg->input_format != SEG_INPUT_PAIRS; /* pairs: above */
  int qa = cfg->require_terms || env->want_missing;
  if (!annotate && !qa && !cfg->normalize_target) return NULL;
  terms_stage *t = stage_new(env, annotate);
  if (!t) return NULL;
  if (qa) {
    t->qa = seg_termqa_new(env->side->glossary);
    seg_terms_record(t->norm, 1);
  }
  t->require = cfg->require_terms;
  if (cfg->normalize_target) t->target = seg_terms_new(seg_glossary_target_side(env->side->glossary));
  t->want_terms = 0;
  return t;
}

static const char *pair_take(void *self, seg_row *row) {
  terms_stage *t = self;
  if (t->qa || t->annotate) {
    /* the source is normalized already: matching it again finds its canonical forms */
    seg_str src = row->src;
    seg_terms_apply(t->norm, src.s, src.n, &src.s, &src.n, NULL);
    size_t nm;
    const seg_glossary_match *m = seg_terms_matches(t->norm, &nm);
    if (t->qa) {
      size_t lacking = seg_termqa_check(t->qa, m, nm, row->tgt.s, row->tgt.n, &t->missing);
      row->term_missing = (seg_str){t->missing.data ? t->missing.data : "", t->missing.len};
      if (lacking && t->require) return SEG_TERMQA_REASON;
    }
    if (t->annotate) {
      seg_annotate_sentence(t->annotate, src.s, src.n, m, nm, &t->out, &t->factors);
      row->src = (seg_str){t->out.data ? t->out.data : "", t->out.len};
      row->factors = (seg_str){t->factors.data ? t->factors.data : "", t->factors.len};
    }
  }
  if (t->target) seg_terms_apply(t->target, row->tgt.s, row->tgt.n, &row->tgt.s, &row->tgt.n, NULL);
  return NULL;
}

static void terms_stats(const void *self, seg_stats *into) {
  const terms_stage *t = self;
  into->replacements += t->replacements;
  if (t->qa) {
    into->terms_checked += seg_termqa_totals(t->qa)->checked;
    into->terms_missing += seg_termqa_totals(t->qa)->missing;
  }
}

static void terms_destroy(void *self) {
  terms_stage *t = self;
  seg_terms_free(t->norm);
  seg_terms_free(t->target);
  seg_annotate_free(t->annotate);
  seg_termqa_free(t->qa);
  seg_buf_free(&t->terms);
  seg_buf_free(&t->out);
  seg_buf_free(&t->factors);
  seg_buf_free(&t->missing);
  free(t);
}

const seg_stage seg_stage_terms = {"terms", SEG_ROWS_SENTENCE, sentence_create, sentence_take,
                                   terms_stats, terms_destroy};
const seg_stage seg_stage_pair_terms = {"pair-terms", SEG_ROWS_PAIR, pair_create, pair_take,
                                        terms_stats, terms_destroy};
