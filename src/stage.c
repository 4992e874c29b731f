/* stage: the registry of row stages, in pipeline order, and the chain that runs them. */
#include "stage.h"

#include <stdlib.h>

#include "buf.h"

/* Pipeline order for sentence rows: the sentence filters' slot comes first (they judge the
 * sentence as segmented), then term normalization (which rewrites it). Pair rows: the pair
 * filters' slot. */
static const seg_stage *const registry[] = {
    &seg_stage_terms,
};
#define NSTAGES (sizeof registry / sizeof registry[0])

struct seg_chain {
  const seg_stage *stage[NSTAGES];
  void *self[NSTAGES];
  size_t n;
};

seg_chain *seg_chain_new(const seg_stage_env *env, seg_row_kind rows) {
  seg_chain *c = seg_xcalloc(1, sizeof *c);
  for (size_t i = 0; i < NSTAGES; i++) {
    if (!(registry[i]->rows & (unsigned)rows)) continue;
    void *self = registry[i]->create(env);
    if (!self) continue;
    c->stage[c->n] = registry[i];
    c->self[c->n++] = self;
  }
  return c;
}

const char *seg_chain_take(seg_chain *c, seg_row *row) {
  for (size_t i = 0; i < c->n; i++) {
    const char *reason = c->stage[i]->take(c->self[i], row);
    if (reason) return reason;
  }
  return NULL;
}

void seg_chain_stats(const seg_chain *c, seg_stats *into) {
  for (size_t i = 0; i < c->n; i++)
    if (c->stage[i]->add_stats) c->stage[i]->add_stats(c->self[i], into);
}

void seg_chain_free(seg_chain *c) {
  if (!c) return;
  for (size_t i = 0; i < c->n; i++) c->stage[i]->destroy(c->self[i]);
  free(c);
}
