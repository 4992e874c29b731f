/* flow: one document's text through read -> clean -> segment -> row stages, into sentence rows
 * or into a list of sentences (for alignment). A flow holds the per-thread state (cleaner, ICU
 * iterator, stage chains, buffers) over one side's read-only language data; with jobs > 1 it
 * runs the same functions on a worker pool (batch.h), so its output is byte-identical to one
 * thread's in every mode. */
#ifndef SEG_FLOW_H
#define SEG_FLOW_H
#include <stddef.h>

#include "buf.h"
#include "reader.h"
#include "resources.h"
#include "segment.h"
#include "writer.h"

/* Sentences collected in memory (for alignment): text i is text.data[off[i], off[i+1]). */
typedef struct {
  seg_buf text;
  size_t *off;
  size_t *line;        /* input line each sentence starts on */
  unsigned char *junk; /* 1: boilerplate line (presegmented input only) */
  size_t n, cap, meta_cap;
} seg_textvec;

void seg_textvec_push(seg_textvec *v, const char *s, size_t n, size_t line, int junk);
/* Appends every sentence of `from` to `to` and empties `from`. */
void seg_textvec_move(seg_textvec *to, seg_textvec *from);
void seg_textvec_free(seg_textvec *v);

typedef struct {
  const seg_config *cfg;   /* borrowed for the flow's life */
  const seg_side *side;    /* borrowed for the flow's life */
  const seg_columns *cols; /* sentence columns (NULL when the flow only collects) */
  int presegmented;        /* each non-empty line is one sentence */
  size_t jobs;             /* workers (1: the calling thread only) */
} seg_flow_opts;

/* Where a document's results go. Exactly one of rows / collect is set. */
typedef struct {
  seg_writer *rows;      /* sentence rows */
  seg_textvec *collect;  /* sentences, for alignment */
  seg_writer *rejects;   /* dropped lines with their reason (NULL: not written) */
} seg_flow_out;

typedef struct seg_flow seg_flow;

seg_flow *seg_flow_new(const seg_flow_opts *o, seg_error *err);
void seg_flow_set_warn(seg_flow *f, seg_warn_fn fn, void *ctx);
/* Called now and then inside a long document with the bytes of it read so far. */
void seg_flow_set_progress(seg_flow *f, seg_progress_fn fn, void *ctx);
/* Runs one document (`doc` names it in rows and messages). Returns SEG_OK or an error. */
seg_status seg_flow_run(seg_flow *f, seg_reader *in, const char *doc, const seg_flow_out *out,
                        seg_error *err);
/* Adds the flow's totals (cleaner counters included) into `into`. */
void seg_flow_stats(const seg_flow *f, seg_stats *into);
void seg_flow_free(seg_flow *f);

#endif
