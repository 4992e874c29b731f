/* batch: the worker pool. Every item of a phase is worked exactly once, chunks are consumed
 * in order on the calling thread, the idle hook runs until it says it is done, and the pool
 * never starts more threads than there are cores. */
#include <criterion/criterion.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"

#define N 5000

typedef struct {
  atomic_int worked[N];
  size_t consumed[SEG_CHUNKS];
  size_t nconsumed;
  int order_ok;
  seg_pool *pool;
  int idle_calls, idle_left;
  atomic_size_t max_worker;
} phase_state;

static size_t weight(void *ctx, size_t i) {
  (void)ctx;
  return 1 + i % 7;
}

static void work(void *ctx, size_t worker, size_t chunk, size_t from, size_t to) {
  (void)chunk;
  phase_state *s = ctx;
  size_t seen = atomic_load(&s->max_worker);
  while (worker > seen && !atomic_compare_exchange_weak(&s->max_worker, &seen, worker)) {
  }
  for (size_t i = from; i < to; i++) atomic_fetch_add(&s->worked[i], 1);
}

static void consume(void *ctx, size_t chunk) {
  phase_state *s = ctx;
  if (chunk != s->nconsumed) s->order_ok = 0;
  size_t n;
  const size_t *from = seg_pool_chunks(s->pool, &n);
  for (size_t i = from[chunk]; i < from[chunk + 1]; i++)
    if (atomic_load(&s->worked[i]) != 1) s->order_ok = 0; /* consumed before it was done */
  s->consumed[s->nconsumed++] = chunk;
}

static int idle(void *ctx) {
  phase_state *s = ctx;
  s->idle_calls++;
  return --s->idle_left <= 0;
}

static void run_phases(size_t workers, size_t n) {
  seg_pool *p = seg_pool_new(workers);
  for (int round = 0; round < 20; round++) {
    phase_state *s = calloc(1, sizeof *s);
    s->order_ok = 1;
    s->pool = p;
    s->idle_left = round % 3 ? 5 : 0;
    seg_phase ph = {s, weight, work, consume, s->idle_left ? idle : NULL};
    seg_pool_run(p, n, &ph);
    size_t nchunks;
    seg_pool_chunks(p, &nchunks);
    cr_assert(nchunks <= SEG_CHUNKS);
    cr_assert(n == 0 || nchunks >= 1);
    cr_expect_eq(s->nconsumed, nchunks, "every chunk consumed once");
    cr_expect(s->order_ok, "chunks consumed in order, after they were done");
    for (size_t i = 0; i < n; i++) cr_assert_eq(atomic_load(&s->worked[i]), 1, "item %zu", i);
    if (s->idle_left > 0 || (round % 3 && s->idle_calls != 5))
      cr_expect_eq(s->idle_calls, 5, "idle runs until it is done");
    cr_expect(atomic_load(&s->max_worker) < seg_pool_workers(p));
    free(s);
  }
  seg_pool_free(p);
}

Test(batch, one_worker_runs_everything_in_order) { run_phases(1, N); }
Test(batch, two_workers) { run_phases(2, N); }
Test(batch, many_requested_workers_and_tiny_phases) {
  run_phases(64, 3);
  run_phases(64, 0);
  run_phases(8, N);
}

Test(batch, never_more_workers_than_cores) {
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  seg_pool *p = seg_pool_new(64);
  cr_expect_eq(seg_pool_workers(p), (size_t)(cores < 64 ? cores : 64));
  seg_pool_free(p);
  p = seg_pool_new(0);
  cr_expect_eq(seg_pool_workers(p), 1);
  seg_pool_free(p);
}
