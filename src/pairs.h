/* pairs: sentence pairs a user already has, one pair per line: `src<TAB>tgt` (the Marian /
 * Bicleaner convention), or two line-parallel files (the Moses convention: line i of the
 * source file with line i of the target file). Each pair gets the mojibake repair and
 * Unicode cleanup of both sides, the boilerplate lexicon's verdict, the pair stages (the
 * sentence rules on both sides, then the pair rules), the sentence stages on its source side
 * (term normalization), the run-wide duplicate check, and the writer. A line without a TAB (or one file ending before the other) is reported with its
 * line number and rejected, an error in strict mode. Memory: one line of each file. */
#ifndef SEG_PAIRS_H
#define SEG_PAIRS_H

#include "reader.h"
#include "resources.h"
#include "segment.h"
#include "dedup.h"
#include "writer.h"

typedef struct seg_pairs seg_pairs;

/* `cfg`, `src` (the source side's data), `cols` and `dedup` (the run-wide duplicate table,
 * NULL: off) are borrowed for the flow's life. */
seg_pairs *seg_pairs_new(const seg_config *cfg, const seg_side *src, const seg_columns *cols,
                         seg_dedup *dedup, seg_error *err);
void seg_pairs_set_warn(seg_pairs *p, seg_warn_fn fn, void *ctx);
/* Runs one input: `in` holds `src<TAB>tgt` lines, or only source lines when `tgt_in` (the
 * target file) is given. `doc` names it in rows and messages, `tgt_doc` the target file. */
seg_status seg_pairs_run(seg_pairs *p, seg_reader *in, seg_reader *tgt_in, const char *doc,
                         const char *tgt_doc, seg_writer *rows, seg_writer *rejects,
                         seg_error *err);
void seg_pairs_stats(const seg_pairs *p, seg_stats *into);
void seg_pairs_free(seg_pairs *p);

#endif
