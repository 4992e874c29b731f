/* glossary: the YAML term glossary (schema in glossary/README.md) and its matcher (seg_terms).
 * Loading validates everything and builds one table of keys (case-sensitive and folded) once;
 * matching walks them from each word start: leftmost-longest, whole words, never inside URLs,
 * e-mail addresses or @handles, so its cost does not depend on the number of terms. */
#ifndef SEG_GLOSSARY_H
#define SEG_GLOSSARY_H
#include <stddef.h>

#include "buf.h"
#include "error.h"

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

#endif
