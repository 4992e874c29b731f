/* stage_terms: term normalization as a row stage. Rewrites a sentence's text with the
 * glossary's canonical forms and fills its terms column (only when one is written). Never
 * rejects. */
#include <stdlib.h>

#include "buf.h"
#include "glossary.h"
#include "stage.h"

typedef struct {
  seg_terms *norm;
  seg_buf terms;
  int want_terms;
  size_t replacements;
} terms_stage;

static void *terms_create(const seg_stage_env *env) {
  terms_stage *t = seg_xcalloc(1, sizeof *t);
  t->norm = seg_terms_new(env->side->glossary);
  t->want_terms = env->want_terms;
  return t;
}

static const char *terms_take(void *self, seg_row *row) {
  terms_stage *t = self;
  t->replacements += seg_terms_apply(t->norm, row->text.s, row->text.n, &row->text.s,
                                          &row->text.n, t->want_terms ? &t->terms : NULL);
  if (t->want_terms) row->terms = (seg_str){t->terms.data ? t->terms.data : "", t->terms.len};
  return NULL;
}

static void terms_stats(const void *self, seg_stats *into) {
  into->replacements += ((const terms_stage *)self)->replacements;
}

static void terms_destroy(void *self) {
  terms_stage *t = self;
  seg_terms_free(t->norm);
  seg_buf_free(&t->terms);
  free(t);
}

const seg_stage seg_stage_terms = {"terms", SEG_ROWS_SENTENCE, terms_create, terms_take,
                                   terms_stats, terms_destroy};
