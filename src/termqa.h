/* termqa: term QA of a sentence pair. Given the terms the glossary matched in the Indonesian
 * sentence, reports the targets the English side lacks: whole words, ignoring case (the simple
 * case folding of the glossary's case-insensitive terms); a target counts as present when it or
 * one of its target variants (for TBX: the entry's other English terms) is there. Reads both
 * sides, rewrites neither, never prints. */
#ifndef SEG_TERMQA_H
#define SEG_TERMQA_H
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "glossary.h"

/* The reject reason of a pair lacking a target under --require-terms. */
#define SEG_TERMQA_REASON "term-missing"

typedef struct {
  uint64_t pairs;         /* pairs with at least one matched term that has a target */
  uint64_t checked;       /* distinct matched terms with a target, over all pairs */
  uint64_t missing;       /* of those, targets the English side lacked */
  uint64_t pairs_missing; /* pairs lacking at least one */
} seg_termqa_counts;

/* Per-thread checker over a loaded (read-only) glossary, which must outlive it. */
typedef struct seg_termqa seg_termqa;

seg_termqa *seg_termqa_new(const seg_glossary *g);
/* Checks one pair: the n matches of the Indonesian sentence (seg_terms_matches) against
 * the English text en[0, len) (NFC, as the cleaner leaves it). Each distinct term with a target
 * is checked once. `missing` (cleared first, unless NULL) receives the lacking targets in match
 * order joined by ';' (the term_missing column; targets never hold ';'). Returns how many. */
size_t seg_termqa_check(seg_termqa *q, const seg_glossary_match *m, size_t n, const char *en,
                        size_t len, seg_buf *missing);
/* Counts since seg_termqa_new (owned by q); seg_termqa_counts_add sums workers' counts. */
const seg_termqa_counts *seg_termqa_totals(const seg_termqa *q);
void seg_termqa_counts_add(seg_termqa_counts *sum, const seg_termqa_counts *c);
void seg_termqa_free(seg_termqa *q);

#endif
