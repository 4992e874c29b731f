/* docalign: the bilingual path. Both sides of a document pair run through their own flow into
 * collected sentences, the aligner links them, and every link becomes a pair row that goes
 * through the pair stages to the writer. Memory: one document pair. */
#ifndef SEG_DOCALIGN_H
#define SEG_DOCALIGN_H

#include "align.h"
#include "dedup.h"
#include "flow.h"
#include "stage.h"
#include "writer.h"

typedef struct {
  seg_flow *src, *tgt;   /* the Indonesian and the English side (borrowed) */
  const seg_dict *dict;  /* borrowed */
  seg_chain *pairs;      /* pair stages (borrowed) */
  int unaligned;         /* also write links with an empty side */
  seg_warn_fn warn;      /* may be NULL */
  void *warn_ctx;
  seg_dedup *dedup;      /* run-wide duplicate pairs (borrowed; NULL: off) */
  seg_dedup_mode dedup_mode;
  int want_hash;         /* a hash column is written */
} seg_docalign;

/* Aligns one document pair and writes its pair rows to `rows` (rejected pairs to `rejects`,
 * may be NULL). `tgt` may be NULL: a document without its translation (every sentence
 * unaligned). Counts target sentences, pairs and duplicates into `stats`. A translation without a sentence
 * (an empty file) is warned about: nothing of the document can be aligned. A missing one (a
 * JSONL document without its target key, under --unaligned) is not. */
seg_status seg_docalign_run(const seg_docalign *a, seg_reader *src, seg_reader *tgt,
                            const char *doc, const char *tgt_doc, seg_writer *rows,
                            seg_writer *rejects, seg_stats *stats, seg_error *err);

#endif
