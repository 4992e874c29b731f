/* stage: the unit of the design for rows. A row stage takes one row at a time (a sentence, or
 * an aligned pair) and either passes it on — possibly rewriting its text — or rejects it with
 * a reason, which goes to the one reject writer. Stages never know which stage comes next:
 * the registry in stage.c lists them in pipeline order, and a chain holds the instances one
 * thread uses. A stage instance belongs to one thread (the -j workers each build a chain), so
 * a stage's `take` may keep scratch memory but must not depend on rows it saw before (order-
 * dependent work, such as deduplication, belongs to an ordered step, not to a stage).
 *
 * Adding a stage: one file with a `const seg_stage` (name, row kinds, new/take/stats/free),
 * its line in the registry in stage.c, and its test. */
#ifndef SEG_STAGE_H
#define SEG_STAGE_H

#include "resources.h"
#include "segment.h"
#include "writer.h"

/* What a stage may look at when it is built (borrowed for the chain's life). */
typedef struct {
  const seg_config *cfg;
  const seg_side *side;
  int want_terms; /* a terms column is written: build the terms string */
  int want_lang;  /* a lang column is written: detect the language of each row */
  int want_missing; /* a term_missing column is written: term QA of each pair */
  int aligning;   /* the sentences feed the aligner (judged later, as pairs) */
  seg_error *err; /* a stage that cannot be built says why here (its create returns NULL) */
} seg_stage_env;

typedef struct {
  const char *name;
  unsigned rows; /* seg_row_kind bits: the kinds of row it takes */
  /* An instance for this configuration, or NULL when the stage is off in it. */
  void *(*create)(const seg_stage_env *env);
  /* Passes the row on (NULL) or rejects it (a static reason). Rewritten text points into the
   * instance's memory, valid until its next take. */
  const char *(*take)(void *self, seg_row *row);
  void (*add_stats)(const void *self, seg_stats *into); /* may be NULL */
  void (*destroy)(void *self);
} seg_stage;

typedef struct seg_chain seg_chain;

/* The instances of every registered stage for rows of kind `rows` that are on in `env`; NULL
 * with env->err set when one could not be built. */
seg_chain *seg_chain_new(const seg_stage_env *env, seg_row_kind rows);
/* Runs the row through the chain: NULL when every stage passed it, else the reason. */
const char *seg_chain_take(seg_chain *c, seg_row *row);
/* Adds the chain's counts (rejections per reason, the stages' own) into `into`. */
void seg_chain_stats(const seg_chain *c, seg_stats *into);
/* Adds n to the count of `reason` (a static string) in the per-reason totals. */
void seg_stats_add_reason(seg_stats *into, const char *reason, size_t n);
void seg_chain_free(seg_chain *c);

/* The registered stages (stage_*.c). */
extern const seg_stage seg_stage_terms, seg_stage_pair_terms;
extern const seg_stage seg_stage_sentence_filter, seg_stage_pair_filter;

#endif
