/* glossary: the YAML term glossary (schema in glossary/README.md) and its matcher (seg_terms).
 * Loading validates everything and builds one table of keys (case-sensitive and folded) once;
 * matching walks them from each word start: leftmost-longest, whole words, never inside URLs,
 * e-mail addresses or @handles, so its cost does not depend on the number of terms. */
#ifndef SEG_GLOSSARY_H
#define SEG_GLOSSARY_H
#include <stddef.h>

#include "buf.h"
#include "error.h"
#include "ydoc.h"

typedef struct seg_glossary seg_glossary;

seg_glossary *seg_glossary_new(void);
/* Adds the terms of a YAML file; conflicts with terms already loaded are errors. */
seg_status seg_glossary_add_file(seg_glossary *g, const char *path, seg_error *err);
seg_status seg_glossary_add_yaml(seg_glossary *g, const char *yaml, size_t len, const char *name,
                                 seg_error *err);
/* Number of distinct canonical terms. */
size_t seg_glossary_terms(const seg_glossary *g);
/* Calls fn for every variant or canonical that ends in '.' (the segmenter keeps them whole). */
void seg_glossary_each_dotted(const seg_glossary *g, void (*fn)(void *, const char *, size_t),
                              void *ctx);
/* Calls fn for every term that has a target (the aligner's phrase pairs). */
void seg_glossary_each_target(const seg_glossary *g,
                              void (*fn)(void *, const char *canonical, const char *target),
                              void *ctx);
void seg_glossary_free(seg_glossary *g);

/* Per-thread matching state over a loaded (then read-only) glossary: finds the terms of a
 * sentence and rewrites them to their canonical forms. Owned by the caller (seg_terms_free);
 * the glossary must outlive it. */
typedef struct seg_terms seg_terms;

seg_terms *seg_terms_new(const seg_glossary *g);
/* Rewrites the terms of one sentence to their canonicals. On return (*out, *out_len) is the
 * rewritten text (pointing either into `text` when nothing changed, or into the matcher's
 * buffer, valid until the next call); `terms` receives the terms column (cleared first),
 * unless it is NULL. Returns the number of rewrites. */
size_t seg_terms_apply(seg_terms *m, const char *text, size_t len, const char **out,
                       size_t *out_len, seg_buf *terms);
void seg_terms_free(seg_terms *m);

/* ---------- one term at a time, target variants, accessors, recorded matches ----------
 * For the terminology modules (tbx.h, termqa.h, annotate.h). Term indices run from 0 to
 * seg_glossary_terms(g) - 1 in the order canonicals were first defined. */

/* One term to add: what a YAML term or a TBX entry becomes. Each string is a scalar node whose
 * line and column place messages about it (a caller without a YAML tree fills nodes itself:
 * str, len, line, col, kind SEG_Y_SCALAR). Everything is borrowed for the call. */
typedef struct {
  const seg_ynode *canonical;         /* required */
  seg_ynode *const *variants;         /* nvariants of them (may be 0) */
  size_t nvariants;
  const seg_ynode *target;            /* NULL: none (an earlier file may give it) */
  seg_ynode *const *target_variants;  /* other English forms: need a target */
  size_t ntarget_variants;
  int case_sensitive;                 /* for the variants and the target variants */
  size_t line;                        /* the term's own line, for messages about it */
} seg_glossary_entry;

/* Adds one term with the rules of a YAML term (same canonical merges, a different target or a
 * variant claimed by another canonical is SEG_ERR_CONFIG naming both places); `file` names
 * it. After the last term of a file, call seg_glossary_end_file before matching. */
seg_status seg_glossary_add_entry(seg_glossary *g, const seg_glossary_entry *e, const char *file,
                                  seg_error *err);
/* Rebuilds the matcher's prefix tables after terms were added (seg_glossary_add_file and
 * seg_glossary_add_yaml call it themselves). */
void seg_glossary_end_file(seg_glossary *g);

/* The canonical and target (NULL when none) of term `term`; owned by the glossary. */
const char *seg_glossary_canonical(const seg_glossary *g, size_t term);
const char *seg_glossary_target(const seg_glossary *g, size_t term);
/* The target variants of term `term`'s target (every term with that target shares them), in
 * the order given; *list points into the glossary. Returns how many (0 when none). */
size_t seg_glossary_target_variants(const seg_glossary *g, size_t term, const char *const **list);
/* The glossary that rewrites target variants to their targets (the English side's: canonical =
 * target, variants = target variants), owned by `g`; NULL when no term has target variants. */
const seg_glossary *seg_glossary_target_side(const seg_glossary *g);
/* Writes every term as a glossary YAML document that loads back to the same glossary
 * (appended to `out`): canonicals in order, each with its variants in the order they were
 * added (case-insensitive ones in their folded, matched form), target and target variants. */
void seg_glossary_dump_yaml(const seg_glossary *g, seg_buf *out);

/* A match of the last seg_terms_apply. */
typedef struct {
  size_t start, end;         /* bytes of the text given to apply ("Long (SHORT)" included) */
  size_t out_start, out_end; /* what it became in apply's output */
  size_t term;               /* the term's index (seg_glossary_canonical, _target, ...) */
} seg_glossary_match;

/* Off by default, so plain matching does no extra work: when `on`, every following apply keeps
 * its matches. */
void seg_terms_record(seg_terms *n, int on);
/* The matches of the last apply in text order (*count of them); owned by the normalizer, valid
 * until its next apply. None unless recording. */
const seg_glossary_match *seg_terms_matches(const seg_terms *n, size_t *count);
/* The positions at which a match was looked up (the first-word filters let them through),
 * over every apply since seg_terms_new: how precise the filters are, for tests. */
size_t seg_terms_candidates(const seg_terms *n);
/* The positions at which the scan over blocks of ASCII text stopped for the matcher, over every
 * apply since seg_terms_new: a stop costs a new classification of the text, for tests. */
size_t seg_terms_stops(const seg_terms *n);

#endif
