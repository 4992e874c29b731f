/* batch: see batch.h. A persistent pool: workers 1..N-1 wait for a new generation (phase) and
 * take its chunks with the calling thread (worker 0), which never waits for a worker to wake
 * up: it only waits for chunks already taken to finish. Between phases a worker spins briefly
 * before it sleeps (the gap between two phases is usually shorter than waking a sleeping
 * thread on a virtual machine), about a thousand pauses; so does the calling thread waiting
 * for the last chunks. Past the spin both block, so a busy machine never runs a pool that
 * only burns time. */
#include "batch.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "buf.h"

#define MAX_WORKERS 64
#define SPIN 1000

typedef struct {
  struct seg_pool *pool;
  pthread_t thread;
  size_t index;
  int running;
} pool_thread;

struct seg_pool {
  size_t nwork; /* workers, the calling thread included */
  pool_thread threads[MAX_WORKERS];
  int up;
  pthread_mutex_t mu;
  pthread_cond_t go;   /* a new generation, or stopping */
  pthread_cond_t done; /* a chunk finished while the calling thread sleeps */
  atomic_ulong generation;      /* of the running phase; workers wake when it changes */
  atomic_uint_least64_t ticket; /* generation (24 bits), chunks (8), next chunk to take (32) */
  atomic_size_t chunks_done;    /* chunks of the running phase finished */
  atomic_int waiting;           /* the calling thread sleeps on `done` */
  atomic_int stopping;
  const seg_phase *phase;
  size_t chunk_from[SEG_CHUNKS + 1];
  size_t nchunks;
  atomic_uchar ready[SEG_CHUNKS]; /* 1: the chunk is done (its results may be consumed) */
};

/* Spin-wait loops tell the CPU they are waiting (x86 `pause`). */
static inline void spin_pause(void) {
#if defined(__SSE2__)
  _mm_pause();
#endif
}

static size_t online_cores(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? (size_t)n : 1;
}

seg_pool *seg_pool_new(size_t workers) {
  seg_pool *p = seg_xcalloc(1, sizeof *p);
  size_t cores = online_cores();
  if (workers < 1) workers = 1;
  if (workers > cores) workers = cores;
  if (workers > MAX_WORKERS) workers = MAX_WORKERS;
  p->nwork = workers;
  return p;
}

size_t seg_pool_workers(const seg_pool *p) { return p->nwork; }

const size_t *seg_pool_chunks(const seg_pool *p, size_t *nchunks) {
  *nchunks = p->nchunks;
  return p->chunk_from;
}

/* Takes the next chunk of generation `gen` into *c; 0 when none is left (or a later
 * generation has begun: then this one is finished). A chunk is taken by advancing the ticket,
 * so a worker that wakes late never touches another phase's data. */
static int take_chunk(seg_pool *p, unsigned long gen, size_t *c) {
  for (;;) {
    uint_least64_t t = atomic_load_explicit(&p->ticket, memory_order_acquire);
    if ((t >> 40) != (gen & 0xFFFFFFu) || (t & 0xFFFFFFFFu) >= ((t >> 32) & 0xFFu)) return 0;
    if (atomic_compare_exchange_weak_explicit(&p->ticket, &t, t + 1, memory_order_acq_rel,
                                              memory_order_acquire)) {
      *c = (size_t)(t & 0xFFFFFFFFu);
      return 1;
    }
  }
}

static void do_chunk(seg_pool *p, size_t worker, size_t c) {
  const seg_phase *ph = p->phase;
  ph->work(ph->ctx, worker, c, p->chunk_from[c], p->chunk_from[c + 1]);
  atomic_store_explicit(&p->ready[c], 1, memory_order_release);
  /* last touch of the phase (see seg_pool_run); sequentially consistent with the load of
   * `waiting` so that either this thread sees the sleeper or the sleeper sees the count */
  atomic_fetch_add(&p->chunks_done, 1);
  if (atomic_load(&p->waiting)) {
    pthread_mutex_lock(&p->mu);
    pthread_cond_signal(&p->done);
    pthread_mutex_unlock(&p->mu);
  }
}

static void *pool_main(void *arg) {
  pool_thread *t = arg;
  seg_pool *p = t->pool;
  unsigned long seen = 0;
  for (;;) {
    unsigned long g = seen;
    for (int k = 0; k < SPIN && g == seen && !atomic_load(&p->stopping); k++) {
      spin_pause();
      g = atomic_load_explicit(&p->generation, memory_order_acquire);
    }
    if (g == seen) {
      pthread_mutex_lock(&p->mu);
      while ((g = atomic_load(&p->generation)) == seen && !atomic_load(&p->stopping))
        pthread_cond_wait(&p->go, &p->mu);
      pthread_mutex_unlock(&p->mu);
    }
    if (atomic_load(&p->stopping)) return NULL;
    seen = g;
    size_t c;
    while (take_chunk(p, g, &c)) do_chunk(p, t->index, c);
  }
}

static void pool_start(seg_pool *p) {
  if (p->up) return;
  pthread_mutex_init(&p->mu, NULL);
  pthread_cond_init(&p->go, NULL);
  pthread_cond_init(&p->done, NULL);
  for (size_t k = 1; k < p->nwork; k++) {
    p->threads[k] = (pool_thread){.pool = p, .index = k};
    if (pthread_create(&p->threads[k].thread, NULL, pool_main, &p->threads[k])) break;
    p->threads[k].running = 1;
  }
  p->up = 1;
}

void seg_pool_free(seg_pool *p) {
  if (!p) return;
  if (p->up) {
    pthread_mutex_lock(&p->mu);
    atomic_store(&p->stopping, 1);
    pthread_cond_broadcast(&p->go);
    pthread_mutex_unlock(&p->mu);
    for (size_t k = 1; k < p->nwork; k++)
      if (p->threads[k].running) pthread_join(p->threads[k].thread, NULL);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->go);
    pthread_cond_destroy(&p->done);
  }
  free(p);
}

/* Cuts items [0, n) into chunks of about equal weight. */
static void cut_chunks(seg_pool *p, size_t n, const seg_phase *ph) {
  size_t total = 0;
  for (size_t i = 0; i < n; i++) total += ph->weight(ph->ctx, i);
  size_t i = 0, acc = 0, c = 0;
  p->chunk_from[0] = 0;
  while (i < n) {
    size_t goal = total / SEG_CHUNKS * (c + 1);
    while (i < n && (c + 1 == SEG_CHUNKS || acc < goal || i == p->chunk_from[c]))
      acc += ph->weight(ph->ctx, i++);
    p->chunk_from[++c] = i;
  }
  p->nchunks = c;
}

/* The calling thread has nothing left to take: wait until a chunk finishes. */
static void wait_for_chunk(seg_pool *p, size_t done_before) {
  for (int k = 0; k < SPIN; k++) {
    if (atomic_load_explicit(&p->chunks_done, memory_order_acquire) != done_before) return;
    spin_pause();
  }
  pthread_mutex_lock(&p->mu);
  atomic_store(&p->waiting, 1);
  while (atomic_load(&p->chunks_done) == done_before) pthread_cond_wait(&p->done, &p->mu);
  atomic_store(&p->waiting, 0);
  pthread_mutex_unlock(&p->mu);
}

void seg_pool_run(seg_pool *p, size_t n, const seg_phase *ph) {
  pool_start(p);
  cut_chunks(p, n, ph);
  p->phase = ph;
  size_t nchunks = p->nchunks;
  atomic_store_explicit(&p->chunks_done, 0, memory_order_relaxed);
  for (size_t k = 0; k < nchunks; k++) atomic_store_explicit(&p->ready[k], 0, memory_order_relaxed);
  unsigned long gen = atomic_load(&p->generation) + 1;
  uint_least64_t first = (uint_least64_t)(gen & 0xFFFFFFu) << 40 | (uint_least64_t)nchunks << 32;
  atomic_store_explicit(&p->ticket, first, memory_order_release);
  pthread_mutex_lock(&p->mu);
  atomic_store_explicit(&p->generation, gen, memory_order_release);
  pthread_cond_broadcast(&p->go);
  pthread_mutex_unlock(&p->mu);
  size_t next = 0; /* the next chunk to consume */
  int idle = ph->idle != NULL;
  for (;;) {
    while (ph->consume && next < nchunks &&
           atomic_load_explicit(&p->ready[next], memory_order_acquire))
      ph->consume(ph->ctx, next++);
    if (idle) { /* other work in slices, consuming finished chunks in between */
      if (ph->idle(ph->ctx)) idle = 0;
      continue;
    }
    size_t c;
    if (take_chunk(p, gen, &c)) {
      do_chunk(p, 0, c);
      continue;
    }
    /* The phase ends when every chunk has counted itself done, a worker's last touch of the
     * phase (after its `ready` flag), so nothing of it lands in the next phase. */
    size_t done = atomic_load_explicit(&p->chunks_done, memory_order_acquire);
    if (done == nchunks) {
      if (!ph->consume || next == nchunks) break;
      continue; /* ready flags are set before the count: consume what is left */
    }
    wait_for_chunk(p, done);
  }
}
