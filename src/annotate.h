/* annotate: the source side annotated with its terms' targets, for training MT that applies
 * terminology constraints (Dinu et al., ACL 2019, "Training Neural Machine Translation to Apply
 * Terminology Constraints"): `append` writes each matched term followed by its target, `replace`
 * writes the target instead of the term, each wrapped in configurable tags; and the source-
 * factor string of the annotated text, one factor per whitespace token (0 plain, 1 source
 * term, 2 inserted target). Uses the glossary's matches as they are (leftmost-longest, never
 * overlapping); terms without a target stay plain. Never rewrites anything else, never prints. */
#ifndef SEG_ANNOTATE_H
#define SEG_ANNOTATE_H
#include <stddef.h>

#include "buf.h"
#include "error.h"
#include "glossary.h"

typedef enum { SEG_ANNOTATE_APPEND, SEG_ANNOTATE_REPLACE } seg_annotate_mode;

/* --term-tags: source open, source close, target open, target close, comma-separated; any may
 * be empty; "none" = no tags (factors alone mark the terms). No whitespace, control character
 * or ';' inside a tag (a tag is one token; TSV and JSONL carry it unchanged). */
#define SEG_ANNOTATE_DEFAULT_TAGS "<t>,</t>,<tt>,</tt>"

/* Parses "append" or "replace" (--annotate-terms); SEG_ERR_CONFIG otherwise. */
seg_status seg_annotate_parse_mode(const char *s, seg_annotate_mode *mode, seg_error *err);

/* Per-thread annotator over a loaded glossary (which must outlive it). `tags` is a --term-tags
 * value (NULL: SEG_ANNOTATE_DEFAULT_TAGS). NULL with err set (SEG_ERR_CONFIG) on bad tags. */
typedef struct seg_annotator seg_annotator;
seg_annotator *seg_annotate_new(const seg_glossary *g, seg_annotate_mode mode, const char *tags,
                                seg_error *err);
/* Annotates text[0, len), the output of the seg_terms_apply whose n matches m are
 * (seg_terms_matches): writes the annotated text to `out` and, unless NULL, its factors
 * (space-separated digits, one per token: a maximal run of non-White_Space characters) to
 * `factors`; both cleared first. A term and its annotation are always separate tokens: a space
 * is put between them and text they touch ("(AS)" -> "( <t> Amerika Serikat </t> ... )"). Tags
 * take the factor of what they enclose. */
void seg_annotate_sentence(seg_annotator *a, const char *text, size_t len,
                           const seg_glossary_match *m, size_t n, seg_buf *out, seg_buf *factors);
void seg_annotate_free(seg_annotator *a);

#endif
