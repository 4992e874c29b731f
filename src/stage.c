/* stage: the registry of row stages, in pipeline order, and the chain that runs them. */
#include "stage.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"

/* Pipeline order for sentence rows: the sentence filters first (they judge the sentence as
 * segmented), then term normalization and annotation (which rewrite it). Pair rows: the pair
 * filters, then term QA, annotation and the English side's normalization. */
static const seg_stage *const registry[] = {
    &seg_stage_sentence_filter,
    &seg_stage_terms,
    &seg_stage_pair_filter,
    &seg_stage_pair_terms,
};
#define NSTAGES (sizeof registry / sizeof registry[0])

#define MAX_REASONS 32

struct seg_chain {
  const seg_stage *stage[NSTAGES];
  void *self[NSTAGES];
  size_t n;
  seg_reason_count reasons[MAX_REASONS]; /* rows rejected, per reason (static strings) */
  size_t nreasons, rejected;
};

static void count(seg_chain *c, const char *reason) {
  c->rejected++;
  for (size_t i = 0; i < c->nreasons; i++)
    if (c->reasons[i].reason == reason || !strcmp(c->reasons[i].reason, reason)) {
      c->reasons[i].count++;
      return;
    }
  if (c->nreasons < MAX_REASONS) c->reasons[c->nreasons++] = (seg_reason_count){reason, 1};
}

seg_chain *seg_chain_new(const seg_stage_env *env, seg_row_kind rows) {
  seg_chain *c = seg_xcalloc(1, sizeof *c);
  for (size_t i = 0; i < NSTAGES; i++) {
    if (!(registry[i]->rows & (unsigned)rows)) continue;
    void *self = registry[i]->create(env);
    if (!self && env->err && env->err->code) {
      seg_chain_free(c);
      return NULL;
    }
    if (!self) continue;
    c->stage[c->n] = registry[i];
    c->self[c->n++] = self;
  }
  return c;
}

const char *seg_chain_take(seg_chain *c, seg_row *row) {
  for (size_t i = 0; i < c->n; i++) {
    const char *reason = c->stage[i]->take(c->self[i], row);
    if (reason) {
      count(c, reason);
      return reason;
    }
  }
  return NULL;
}

void seg_stats_add_reason(seg_stats *into, const char *reason, size_t n) {
  size_t k = 0;
  while (k < into->nreasons && strcmp(into->reasons[k].reason, reason)) k++;
  if (k == into->nreasons) {
    if (k == sizeof into->reasons / sizeof into->reasons[0]) return;
    into->reasons[into->nreasons++] = (seg_reason_count){reason, 0};
  }
  into->reasons[k].count += n;
}

void seg_chain_stats(const seg_chain *c, seg_stats *into) {
  into->dropped += c->rejected;
  for (size_t i = 0; i < c->nreasons; i++)
    seg_stats_add_reason(into, c->reasons[i].reason, c->reasons[i].count);
  for (size_t i = 0; i < c->n; i++)
    if (c->stage[i]->add_stats) c->stage[i]->add_stats(c->self[i], into);
}

void seg_chain_free(seg_chain *c) {
  if (!c) return;
  for (size_t i = 0; i < c->n; i++) c->stage[i]->destroy(c->self[i]);
  free(c);
}
