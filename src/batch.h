/* batch: the -j worker pool, one path for every mode. A phase's items (lines, paragraphs) are
 * cut into up to SEG_CHUNKS chunks of about equal weight; the pool's threads and the calling
 * thread take chunks in turn, and the calling thread hands each finished chunk, in chunk
 * order, to the phase's `consume` as soon as it and those before it are done. The pool knows
 * nothing of text: the caller says what a chunk's work is. Threads wait on a condition
 * variable between phases (after a short spin) and never outnumber the online cores. */
#ifndef SEG_BATCH_H
#define SEG_BATCH_H
#include <stddef.h>

#define SEG_CHUNKS 64

typedef struct {
  void *ctx;
  /* weight of item i (e.g. its bytes + 1) */
  size_t (*weight)(void *ctx, size_t i);
  /* runs items [from, to) of chunk `chunk` on worker `worker` (0: the calling thread) */
  void (*work)(void *ctx, size_t worker, size_t chunk, size_t from, size_t to);
  /* optional, calling thread only: chunk `chunk` and all before it are done */
  void (*consume)(void *ctx, size_t chunk);
  /* optional, calling thread only: other work to do while chunks run elsewhere; returns 1
   * when it has none left (then it is not called again in this phase) */
  int (*idle)(void *ctx);
} seg_phase;

typedef struct seg_pool seg_pool;

/* A pool of `workers` threads in all, the calling thread included (at least 1; more than the
 * online cores are not started). Threads start on the first phase. */
seg_pool *seg_pool_new(size_t workers);
/* The number of workers a phase's work may be called with (worker index < this). */
size_t seg_pool_workers(const seg_pool *p);
/* Runs one phase over items [0, n) and returns when every chunk is done and consumed. */
void seg_pool_run(seg_pool *p, size_t n, const seg_phase *ph);
/* The bounds of chunk c of the phase that ran last: items [from[c], from[c + 1]). */
const size_t *seg_pool_chunks(const seg_pool *p, size_t *nchunks);
void seg_pool_free(seg_pool *p);

#endif
