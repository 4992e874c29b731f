/* pipeline: glue between the stages; owns output buffering (rows are formatted into one
 * buffer and handed to the sink in 64 KiB blocks, never one printf per field). */
#include "pipeline.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define FLUSH_AT (64u * 1024u)
#define MAX_WORKERS 64
#define CHUNKS 64

/* A sentence number a worker left out of its rows: it goes at byte `pos` of the chunk's rows
 * and is the chunk's first number plus `rel` (the chunk does not know where it starts). */
typedef struct {
  size_t pos, rel;
} seg_hole;

typedef struct {
  seg_hole *v;
  size_t n, cap;
} seg_holes;

/* Lines and paragraphs of one -j batch. */
typedef struct {
  seg_buf bytes;        /* line bytes (arena) */
  seg_line *lines;      /* .bytes holds an offset into `bytes` */
  size_t nlines, lines_cap;
  seg_line_info *infos;
  size_t infos_cap;
  seg_para *paras;
  size_t npara, paras_cap;
  /* A phase's items are cut into up to CHUNKS chunks of about equal weight, which threads
   * take one at a time (a thread on a busy CPU takes fewer); results stay per chunk and are
   * put together in chunk order. */
  size_t chunk_from[CHUNKS + 1];
  size_t nchunks;
  seg_buf cout[CHUNKS];     /* phase 2: rows of each chunk, sentence numbers left out */
  seg_holes holes[CHUNKS];  /* where each left-out number goes */
  size_t nsent[CHUNKS];     /* sentences of each chunk */
  unsigned char cfailed[CHUNKS]; /* the chunk stopped at a paragraph the splitter refused */
  int stop_writing;              /* a chunk failed: later rows are not written (as with -j 1) */
  atomic_uchar ready[CHUNKS]; /* 1: the chunk is done (its results may be consumed) */
} seg_batch;

static void batch_free(seg_batch *b);
static void pool_stop(struct seg_pipeline *p);
static int feed_lines(struct seg_pipeline *p, size_t max);


/* Per-thread state for the paragraph stages (work[0] is the calling thread's). */
typedef struct {
  struct seg_pipeline *pipeline;
  pthread_t thread;
  int running;
  seg_cleaner *cleaner; /* analysis only, for workers 1.. (work[0] uses the pipeline's) */
  seg_splitter *splitter;
  seg_normalizer *norm;
  seg_buf out, terms;
  seg_holes holes; /* -j phase 2: the running chunk's, handed to the batch when it is done */
  size_t sentences, replacements;
  seg_status failed;
  seg_error err;
} worker;

struct seg_pipeline {
  const seg_resources *res;
  seg_config cfg;
  seg_cleaner *cleaner;
  worker *work;
  size_t nwork;
  seg_buf rej;
  const seg_sink *out_sink, *rej_sink;
  const char *doc;
  size_t sent_no;
  seg_stats stats;
  seg_warn_fn warn;
  void *warn_ctx;
  int doc_warnings;
  size_t doc_invalid;
  seg_error *err;
  seg_status failed;
  seg_textvec *collect; /* non-NULL: sentences go here instead of rows */
  seg_batch batch;      /* -j N */
  void (*progress)(void *, size_t);
  void *progress_ctx;
  pthread_mutex_t mu;
  pthread_cond_t go;
  atomic_ulong generation;     /* of the running phase; workers wake when it changes */
  atomic_uint_least64_t ticket; /* generation (24 bits), chunks (8), next chunk to take (32) */
  atomic_size_t chunks_done;   /* chunks of the running phase finished */
  int phase;                   /* of the running phase: 1 analyze, 2 split and format */
  size_t nthreads;
  atomic_int stopping;
  int pool_up;
  seg_buf rows;         /* -j: a chunk's rows with their sentence numbers */
  seg_reader *in;       /* -j: the input, read ahead while workers run phase 2 */
  seg_error *in_err;
  int in_rc;            /* the reader's last result: 1 more lines may follow, 0 end, < 0 error */
  int feeding;          /* phase 2 of a batch that is not the last: read the next one meanwhile */
  seg_buf line_text;    /* presegmented input: one normalized line */
  seg_offmap line_map;
};

void seg_textvec_clear(seg_textvec *v) {
  seg_buf_clear(&v->text);
  v->n = 0;
}

void seg_textvec_free(seg_textvec *v) {
  seg_buf_free(&v->text);
  free(v->off);
  free(v->junk);
  memset(v, 0, sizeof *v);
}

static void textvec_push(seg_textvec *v, const char *s, size_t n, int junk) {
  SEG_GROW(v->off, v->cap, v->n + 2);
  SEG_GROW(v->junk, v->junk_cap, v->n + 1);
  if (!v->n) v->off[0] = v->text.len;
  seg_buf_append(&v->text, s, n);
  v->junk[v->n] = (unsigned char)junk;
  v->off[++v->n] = v->text.len;
}

seg_pipeline *seg_pipeline_new(const seg_resources *res, const seg_config *cfg, seg_error *err) {
  seg_pipeline *p = seg_xcalloc(1, sizeof *p);
  p->res = res;
  p->cfg = *cfg;
  p->cleaner = seg_cleaner_new(res->lexicon, res->classifier, err);
  seg_splitter_opts so = {.locale = cfg->locale ? cfg->locale : "id",
                          .split_quotes = cfg->split_quotes,
                          .raw = cfg->raw_icu,
                          .icu_full = cfg->icu_full};
  p->nwork = cfg->threads > 1 ? (size_t)cfg->threads : 1;
  if (p->nwork > MAX_WORKERS) p->nwork = MAX_WORKERS;
  p->work = seg_xcalloc(p->nwork, sizeof *p->work);
  int ok = p->cleaner != NULL;
  for (size_t k = 0; k < p->nwork && ok; k++) {
    worker *w = &p->work[k];
    w->splitter = seg_splitter_new(res->abbrevs, &so, err);
    w->norm = seg_normalizer_new(res->glossary);
    if (k) w->cleaner = seg_cleaner_new(res->lexicon, res->classifier, err);
    ok = w->splitter && (!k || w->cleaner);
  }
  if (!ok) {
    seg_pipeline_free(p);
    return NULL;
  }
  return p;
}

void seg_pipeline_free(seg_pipeline *p) {
  if (!p) return;
  pool_stop(p);
  seg_cleaner_free(p->cleaner);
  for (size_t k = 0; k < p->nwork; k++) {
    worker *w = &p->work[k];
    seg_cleaner_free(w->cleaner);
    seg_splitter_free(w->splitter);
    seg_normalizer_free(w->norm);
    seg_buf_free(&w->out);
    seg_buf_free(&w->terms);
    free(w->holes.v);
  }
  free(p->work);
  batch_free(&p->batch);
  seg_buf_free(&p->rej);
  seg_buf_free(&p->rows);
  seg_buf_free(&p->line_text);
  seg_offmap_free(&p->line_map);
  free(p);
}

void seg_pipeline_set_progress(seg_pipeline *p, void (*fn)(void *, size_t), void *ctx) {
  p->progress = fn;
  p->progress_ctx = ctx;
}

void seg_pipeline_set_warn(seg_pipeline *p, seg_warn_fn fn, void *ctx) {
  p->warn = fn;
  p->warn_ctx = ctx;
}

void seg_pipeline_stats(const seg_pipeline *p, seg_stats *out) {
  *out = p->stats;
  out->clean = *seg_cleaner_stats(p->cleaner);
  for (size_t k = 0; k < p->nwork; k++) {
    out->sentences += p->work[k].sentences;
    out->replacements += p->work[k].replacements;
    if (p->work[k].cleaner) seg_clean_stats_add(&out->clean, seg_cleaner_stats(p->work[k].cleaner));
  }
}

static int flush(seg_pipeline *p, seg_buf *b, const seg_sink *sink, int force) {
  if (!sink || !b->len || (!force && b->len < FLUSH_AT)) return 0;
  if (sink->write(sink->ctx, b->data, b->len)) {
    if (!p->failed)
      p->failed = seg_error_set(p->err, SEG_ERR_IO, sink->name, 0, 0, "write error: %s",
                                strerror(errno));
    return -1;
  }
  seg_buf_clear(b);
  return 0;
}

static void on_reject(void *ctx, size_t lineno, size_t offset, const char *reason,
                      const char *text, size_t len) {
  (void)offset;
  seg_pipeline *p = ctx;
  if (!p->rej_sink) return;
  seg_tsv_field(&p->rej, p->doc, strlen(p->doc));
  seg_buf_putc(&p->rej, '\t');
  seg_tsv_uint(&p->rej, lineno);
  seg_buf_putc(&p->rej, '\t');
  seg_tsv_field(&p->rej, reason, strlen(reason));
  seg_buf_putc(&p->rej, '\t');
  seg_tsv_field_raw(&p->rej, text, len);
  seg_buf_putc(&p->rej, '\n');
  flush(p, &p->rej, p->rej_sink, 0);
}

static void on_invalid(void *ctx, size_t lineno, size_t col, size_t offset, unsigned char byte) {
  seg_pipeline *p = ctx;
  p->doc_invalid++;
  if (p->cfg.strict) {
    if (!p->failed)
      p->failed = seg_error_set(p->err, SEG_ERR_INPUT, p->doc, lineno, col,
                                "invalid UTF-8 byte 0x%02X at byte offset %zu", byte, offset);
    return;
  }
  if (p->warn && p->doc_warnings < p->cfg.max_warnings) {
    char msg[160];
    snprintf(msg, sizeof msg,
             "warning: invalid UTF-8 byte 0x%02X at byte offset %zu replaced by U+FFFD", byte,
             offset);
    p->warn(p->warn_ctx, p->doc, lineno, col, msg);
  }
  p->doc_warnings++;
}

static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/* Presegmented input: each non-empty line is one sentence (Unicode normalization and the
 * glossary still apply; boilerplate lines are flagged, not dropped). */
static void emit_line(seg_pipeline *p, const seg_line *line) {
  seg_buf_clear(&p->line_text);
  seg_offmap_clear(&p->line_map);
  seg_clean_normalize(p->cleaner, line->bytes, line->len, line->offset, line->lineno,
                      &p->line_text, &p->line_map);
  if (!p->line_text.len) return;
  const char *text;
  size_t tlen;
  worker *w = &p->work[0];
  w->replacements += seg_normalizer_apply(w->norm, p->line_text.data, p->line_text.len, &text,
                                          &tlen, &w->terms);
  p->sent_no++;
  w->sentences++;
  int junk = seg_cleaner_boilerplate(p->cleaner, p->line_text.data, p->line_text.len) != NULL;
  textvec_push(p->collect, text, tlen, junk);
}

/* Writes the rows of one paragraph (sentence numbers from first_sent) into w->out, or
 * collects the sentences. With `holes`, the sent column is left empty and its place and
 * number (first_sent + k, relative to the caller's start) are recorded there instead. */
static void format_rows(worker *w, const seg_config *cfg, const char *doc, const seg_para *para,
                        const seg_span *spans, long n, size_t first_sent, seg_textvec *collect,
                        seg_holes *holes) {
  const seg_columns *cols = &cfg->columns;
  /* Sentence spans in input bytes tile the paragraph: each reaches back to the end of the
   * previous one (or the paragraph start) and forward to the next, less whitespace, so bytes
   * the cleaner removed between sentences (an empty quote pair, a zero-width character) stay
   * inside some row's [start, end). */
  const char *raw = para->raw.data;
  size_t raw_end = para->raw_off + para->raw.len;
  size_t next_start = para->raw_off;
  size_t doc_len = strlen(doc);
  int offsets = 0, terms = 0; /* a column needs the input span, the matched terms */
  for (size_t c = 0; c < cols->n; c++) {
    offsets |= cols->col[c] == SEG_COL_START || cols->col[c] == SEG_COL_END || cols->col[c] == SEG_COL_ORIG;
    terms |= cols->col[c] == SEG_COL_TERMS;
  }
  while (offsets && next_start < raw_end && is_blank(raw[next_start - para->raw_off])) next_start++;
  for (long k = 0; k < n; k++) {
    const char *s = para->text.data + spans[k].start;
    size_t slen = spans[k].end - spans[k].start;
    const char *text;
    size_t tlen;
    w->replacements +=
        seg_normalizer_apply(w->norm, s, slen, &text, &tlen, terms && !collect ? &w->terms : NULL);
    w->sentences++;
    if (collect) {
      textvec_push(collect, text, tlen, 0);
      continue;
    }
    size_t start = next_start, end = raw_end;
    if (offsets) {
      end = k + 1 < n ? seg_offmap_start(&para->map, spans[k + 1].start) : raw_end;
      next_start = end;
      while (end > start && is_blank(raw[end - 1 - para->raw_off])) end--;
      size_t min_end = seg_offmap_end(&para->map, spans[k].end);
      if (end < min_end) end = min_end;
    }
    seg_buf *o = &w->out;
    seg_outfmt f = cfg->outfmt;
    for (size_t c = 0; c < cols->n; c++) {
      seg_row_field(o, f, c, cols->col[c]);
      switch (cols->col[c]) {
      case SEG_COL_DOC: seg_row_text(o, f, doc, doc_len); break;
      case SEG_COL_PARA: seg_row_uint(o, para->para_no); break;
      case SEG_COL_SENT:
        if (holes) {
          SEG_GROW(holes->v, holes->cap, holes->n + 1);
          holes->v[holes->n++] = (seg_hole){o->len, first_sent + (size_t)k};
        } else {
          seg_row_uint(o, first_sent + (size_t)k);
        }
        break;
      case SEG_COL_TEXT: seg_row_text(o, f, text, tlen); break;
      case SEG_COL_ORIG: seg_row_raw(o, f, para->raw.data + (start - para->raw_off), end - start); break;
      case SEG_COL_START: seg_row_uint(o, start); break;
      case SEG_COL_END: seg_row_uint(o, end); break;
      case SEG_COL_TERMS: seg_row_text(o, f, w->terms.data ? w->terms.data : "", w->terms.len); break;
      default: break; /* bilingual columns are rejected by the parser */
      }
    }
    seg_row_end(o, f);
  }
}

static void emit_paragraph(seg_pipeline *p, const seg_para *para) {
  worker *w = &p->work[0];
  const seg_span *spans;
  long n = seg_splitter_split(w->splitter, para->text.data, para->text.len, &spans, p->err);
  if (n < 0) {
    if (!p->failed) p->failed = (seg_status)n;
    return;
  }
  format_rows(w, &p->cfg, p->doc, para, spans, n, p->sent_no + 1, p->collect, NULL);
  p->sent_no += (size_t)n;
  flush(p, &w->out, p->out_sink, 0);
}

/* ---------- -j N: batches of lines through threads ----------
 * Per batch, two phases. Phase 1: workers analyze lines (normalization + lexicon, a pure
 * function of the line) while this thread makes the ordered decisions (joins, duplicates,
 * lists, datelines) chunk by chunk and takes the finished paragraphs. Phase 2: workers split
 * paragraphs, normalize terms and format rows into per-chunk buffers, leaving out the sentence
 * numbers (a chunk does not know how many sentences come before it), while this thread writes
 * the finished chunks in order, numbers put in. Every step runs the same functions as -j 1,
 * so the output is byte-identical. */

#define BATCH_BYTES (192u * 1024u)
#define BATCH_LINES 8192u

static void batch_free(seg_batch *b) {
  seg_buf_free(&b->bytes);
  free(b->lines);
  for (size_t i = 0; i < b->infos_cap; i++) seg_line_info_free(&b->infos[i]);
  free(b->infos);
  for (size_t i = 0; i < b->paras_cap; i++) {
    seg_buf_free(&b->paras[i].raw);
    seg_buf_free(&b->paras[i].text);
    seg_offmap_free(&b->paras[i].map);
  }
  free(b->paras);
  for (size_t c = 0; c < CHUNKS; c++) {
    free(b->holes[c].v);
    seg_buf_free(&b->cout[c]);
  }
}

/* Moves a paragraph the cleaner handed over into the batch by exchanging buffers (the
 * cleaner clears a paragraph before reusing it), so no text is copied on this serial path. */
static void take_para(seg_batch *b, seg_para *src) {
  if (b->npara == b->paras_cap) {
    size_t old = b->paras_cap;
    SEG_GROW(b->paras, b->paras_cap, b->npara + 1);
    memset(b->paras + old, 0, (b->paras_cap - old) * sizeof *b->paras);
  }
  seg_para *d = &b->paras[b->npara++];
  seg_para mine = *d;
  *d = *src;
  src->raw = mine.raw;
  src->text = mine.text;
  src->map = mine.map;
  seg_buf_clear(&src->raw);
  seg_buf_clear(&src->text);
  seg_offmap_clear(&src->map);
}

/* Takes the next chunk of generation `gen` into *c; 0 when none is left (or a later
 * generation has begun: then this one is finished). A chunk is taken by advancing the ticket,
 * so a worker that wakes late never touches another phase's data. */
static int take_chunk(seg_pipeline *p, unsigned long gen, size_t *c) {
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

/* Runs chunk c of the current phase on worker k. */
static void do_chunk(seg_pipeline *p, size_t k, size_t c) {
  seg_batch *b = &p->batch;
  worker *w = &p->work[k];
  seg_cleaner *cl = k ? w->cleaner : p->cleaner;
  int phase = p->phase;
  /* phase 2 counts and records in the worker's own memory, not in the batch's per-chunk
   * arrays: neighbouring chunks' entries share cache lines, and a write per row there would
   * bounce those lines between the cores */
  size_t nsent = 0;
  w->holes.n = 0;
  for (size_t i = b->chunk_from[c]; i < b->chunk_from[c + 1]; i++) {
    if (phase == 1) {
      seg_line line = b->lines[i];
      line.bytes = b->bytes.data + (size_t)(uintptr_t)line.bytes;
      seg_cleaner_analyze(cl, &line, &b->infos[i]);
    } else {
      const seg_span *sp;
      long n = seg_splitter_split(w->splitter, b->paras[i].text.data, b->paras[i].text.len,
                                  &sp, &w->err);
      if (n < 0) {
        w->failed = (seg_status)n;
        b->cfailed[c] = 1;
        break;
      }
      format_rows(w, &p->cfg, p->doc, &b->paras[i], sp, n, nsent, NULL, &w->holes);
      nsent += (size_t)n;
    }
  }
  if (phase == 2) { /* the chunk's rows and number holes become the chunk's */
    seg_buf rows = b->cout[c];
    b->cout[c] = w->out;
    w->out = rows;
    seg_buf_clear(&w->out);
    seg_holes hs = b->holes[c];
    b->holes[c] = w->holes;
    w->holes = hs;
    b->nsent[c] = nsent;
  }
  atomic_store_explicit(&b->ready[c], 1, memory_order_release);
  atomic_fetch_add_explicit(&p->chunks_done, 1, memory_order_release); /* last: see run_phase */
}

/* A worker's part of generation `gen`: chunks until none is left. */
static void run_job(seg_pipeline *p, size_t k, unsigned long gen) {
  size_t c;
  while (take_chunk(p, gen, &c)) do_chunk(p, k, c);
}

/* A persistent pool: workers 1..N-1 wait for a new generation (phase) and take its chunks
 * with the calling thread, which never waits for a worker to wake up: it only waits for the
 * chunks already taken to finish. Threads start with the first batch and end with the
 * pipeline. Between phases a worker spins (about a millisecond) before it sleeps: the gap
 * between two phases is usually shorter, and waking a sleeping thread on a virtual machine
 * can cost as much, time the worker would then miss from the next phase. */
#define SPIN 500000

/* Spin-wait loops tell the CPU they are waiting (x86 `pause`), the usual courtesy to a
 * sibling hyper-thread; no speed difference was measured here (bench/RESULTS.md). */
static inline void spin_pause(void) {
#if defined(__SSE2__)
  _mm_pause();
#endif
}

static void *pool_main(void *arg) {
  worker *w = arg;
  seg_pipeline *p = w->pipeline;
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
    run_job(p, (size_t)(w - p->work), g);
  }
}

static void pool_start(seg_pipeline *p) {
  if (p->pool_up) return;
  pthread_mutex_init(&p->mu, NULL);
  pthread_cond_init(&p->go, NULL);
  p->nthreads = 0;
  for (size_t k = 1; k < p->nwork; k++) {
    p->work[k].pipeline = p;
    if (pthread_create(&p->work[k].thread, NULL, pool_main, &p->work[k])) break;
    p->work[k].running = 1;
    p->nthreads++;
  }
  p->pool_up = 1;
}

static void pool_stop(seg_pipeline *p) {
  if (!p->pool_up) return;
  pthread_mutex_lock(&p->mu);
  atomic_store(&p->stopping, 1);
  pthread_cond_broadcast(&p->go);
  pthread_mutex_unlock(&p->mu);
  for (size_t k = 1; k < p->nwork; k++)
    if (p->work[k].running) pthread_join(p->work[k].thread, NULL);
  pthread_mutex_destroy(&p->mu);
  pthread_cond_destroy(&p->go);
  p->pool_up = 0;
}

/* Runs phase over items [0, n) on all workers: the items are cut into chunks of about equal
 * weight (weights: bytes of each item, from `weight`) that the threads take in turn. This
 * thread also hands each finished chunk, in chunk order, to `consume` (if any) as soon as it
 * and those before it are done, so ordered work overlaps the others' chunks. */
static void run_phase(seg_pipeline *p, int phase, size_t n, size_t (*weight)(seg_batch *, size_t),
                      void (*consume)(seg_pipeline *, size_t chunk)) {
  pool_start(p);
  seg_batch *b = &p->batch;
  size_t total = 0;
  for (size_t i = 0; i < n; i++) total += weight(b, i);
  size_t i = 0, acc = 0, c = 0;
  b->chunk_from[0] = 0;
  while (i < n) {
    size_t goal = total / CHUNKS * (c + 1);
    while (i < n && (c + 1 == CHUNKS || acc < goal || i == b->chunk_from[c]))
      acc += weight(b, i++);
    b->chunk_from[++c] = i;
  }
  b->nchunks = c;
  p->phase = phase;
  atomic_store_explicit(&p->chunks_done, 0, memory_order_relaxed);
  for (size_t k = 0; k < c; k++) atomic_store_explicit(&b->ready[k], 0, memory_order_relaxed);
  unsigned long gen = atomic_load(&p->generation) + 1;
  uint_least64_t first = (uint_least64_t)(gen & 0xFFFFFFu) << 40 | (uint_least64_t)c << 32;
  atomic_store_explicit(&p->ticket, first, memory_order_release);
  pthread_mutex_lock(&p->mu);
  atomic_store_explicit(&p->generation, gen, memory_order_release);
  pthread_cond_broadcast(&p->go);
  pthread_mutex_unlock(&p->mu);
  size_t next = 0; /* the next chunk to consume */
  for (;;) {
    while (consume && next < b->nchunks &&
           atomic_load_explicit(&b->ready[next], memory_order_acquire))
      consume(p, next++);
    if (p->feeding) { /* read ahead in slices, writing finished chunks in between */
      if (feed_lines(p, 64)) p->feeding = 0;
      continue;
    }
    size_t k;
    if (take_chunk(p, gen, &k)) {
      do_chunk(p, 0, k);
      continue;
    }
    /* nothing left to take: wait for the chunks still running elsewhere (one per thread).
     * The phase ends when every chunk has counted itself done, a worker's last touch of the
     * phase (after its `ready` flag), so nothing of it lands in the next phase. */
    if ((!consume || next == b->nchunks) &&
        atomic_load_explicit(&p->chunks_done, memory_order_acquire) == b->nchunks)
      break;
    spin_pause();
  }
}

static size_t line_weight(seg_batch *b, size_t i) { return b->lines[i].len + 1; }
static size_t para_weight(seg_batch *b, size_t i) { return b->paras[i].text.len + 1; }

/* Phase 1's ordered part: the cleaner's decisions for the lines of chunk c. */
static void decide_chunk(seg_pipeline *p, size_t c) {
  seg_batch *b = &p->batch;
  for (size_t i = b->chunk_from[c]; i < b->chunk_from[c + 1] && !p->failed; i++) {
    seg_line line = b->lines[i];
    line.bytes = b->bytes.data + (size_t)(uintptr_t)line.bytes;
    for (seg_para *para = seg_cleaner_decide(p->cleaner, &line, &b->infos[i]); para;
         para = seg_cleaner_next(p->cleaner))
      take_para(b, para);
  }
}

/* Phase 2's ordered part: the rows of chunk c to the output buffer, sentence numbers put in;
 * written out in blocks of FLUSH_AT bytes as with -j 1 (seg_pipeline_run writes the rest). */
static void write_chunk(seg_pipeline *p, size_t c) {
  seg_batch *b = &p->batch;
  if (b->stop_writing) return;
  b->stop_writing = b->cfailed[c];
  size_t first = p->sent_no + 1;
  p->sent_no += b->nsent[c];
  const seg_holes *hs = &b->holes[c];
  const char *rows = b->cout[c].data;
  size_t at = 0;
  for (size_t h = 0; h < hs->n; h++) {
    seg_buf_append(&p->rows, rows + at, hs->v[h].pos - at);
    seg_row_uint(&p->rows, first + hs->v[h].rel);
    at = hs->v[h].pos;
  }
  seg_buf_append(&p->rows, rows + at, b->cout[c].len - at);
  seg_buf_clear(&b->cout[c]);
  flush(p, &p->rows, p->out_sink, 0);
}

/* Reads lines into the batch until it is full or the input ends (then returns 1), or until
 * `max` lines (0: no limit) were read (then returns 0). */
static int feed_lines(seg_pipeline *p, size_t max) {
  seg_batch *b = &p->batch;
  for (size_t k = 0; !max || k < max; k++) {
    if (p->in_rc <= 0 || b->bytes.len >= BATCH_BYTES || b->nlines >= BATCH_LINES) return 1;
    seg_line line;
    int rc = seg_reader_next(p->in, &line, p->in_err);
    if (rc <= 0) {
      p->in_rc = rc;
      return 1;
    }
    SEG_GROW(b->lines, b->lines_cap, b->nlines + 1);
    seg_line copy = line;
    copy.bytes = (const char *)(uintptr_t)b->bytes.len; /* offset into the arena, fixed later */
    seg_buf_append(&b->bytes, line.bytes, line.len);
    b->lines[b->nlines++] = copy;
  }
  return 0;
}

/* Processes the lines gathered in the batch (and, at the end, the cleaner's last paragraph).
 * Phase 1 is the last use of the lines: during phase 2 this thread reads the next batch's
 * lines into the same arrays (between writing chunks) unless this batch is the last. */
static void run_batch(seg_pipeline *p, int last) {
  seg_batch *b = &p->batch;
  if (b->infos_cap < b->nlines) {
    size_t old = b->infos_cap;
    SEG_GROW(b->infos, b->infos_cap, b->nlines);
    memset(b->infos + old, 0, (b->infos_cap - old) * sizeof *b->infos);
  }
  b->npara = 0;
  run_phase(p, 1, b->nlines, line_weight, decide_chunk);
  b->nlines = 0;
  seg_buf_clear(&b->bytes);
  if (last && !p->failed) {
    for (seg_para *para = seg_cleaner_finish(p->cleaner); para; para = seg_cleaner_next(p->cleaner))
      take_para(b, para);
  }
  if (!p->failed && b->npara) {
    for (size_t c = 0; c < CHUNKS; c++) b->holes[c].n = b->nsent[c] = b->cfailed[c] = 0;
    p->feeding = !last;
    run_phase(p, 2, b->npara, para_weight, write_chunk);
    p->feeding = 0;
    for (size_t k = 0; k < p->nwork; k++)
      if (p->work[k].failed && !p->failed) {
        *p->err = p->work[k].err;
        p->failed = p->work[k].failed;
      }
  }
  if (!last && !p->failed) feed_lines(p, 0); /* the rest of the next batch */
}

static void run_threaded(seg_pipeline *p, seg_reader *in, seg_error *err) {
  seg_batch *b = &p->batch;
  b->nlines = 0;
  b->stop_writing = 0;
  seg_buf_clear(&b->bytes);
  p->in = in;
  p->in_err = err;
  p->in_rc = 1;
  feed_lines(p, 0);
  for (;;) {
    if (p->in_rc < 0) { /* as when reading one batch at a time: the batch read so far is lost */
      if (!p->failed) p->failed = err->code;
      break;
    }
    int last = p->in_rc == 0;
    run_batch(p, last);
    if (last || p->failed) break;
    if (p->progress) p->progress(p->progress_ctx, seg_reader_bytes(in));
  }
}

seg_status seg_pipeline_collect(seg_pipeline *p, seg_reader *in, const char *doc,
                                seg_textvec *out, seg_error *err) {
  p->collect = out;
  seg_status rc = seg_pipeline_run(p, in, doc, NULL, NULL, err);
  p->collect = NULL;
  return rc;
}

seg_status seg_pipeline_run(seg_pipeline *p, seg_reader *in, const char *doc, const seg_sink *out,
                            const seg_sink *rejected, seg_error *err) {
  p->doc = doc;
  p->out_sink = out;
  p->rej_sink = p->cfg.rejected ? rejected : NULL;
  p->err = err;
  p->failed = SEG_OK;
  p->sent_no = 0;
  p->doc_warnings = 0;
  p->doc_invalid = 0;
  p->stats.documents++;
  seg_clean_callbacks sink = {on_reject, on_invalid, p};
  seg_cleaner_begin(p->cleaner, &sink);
  seg_line line;
  int rc = 0;
  if (p->nwork > 1 && !p->collect) {
    run_threaded(p, in, err);
    rc = 1;
  }
  while (!p->failed && rc == 0 && (rc = seg_reader_next(in, &line, err)) > 0) {
    rc = 0;
    if (p->cfg.presegmented && p->collect) {
      emit_line(p, &line);
      continue;
    }
    for (const seg_para *para = seg_cleaner_push(p->cleaner, &line); para && !p->failed;
         para = seg_cleaner_next(p->cleaner))
      emit_paragraph(p, para);
    if (p->progress && (line.lineno & 4095) == 0) p->progress(p->progress_ctx, seg_reader_bytes(in));
  }
  if (!p->failed && rc < 0) p->failed = err->code;
  for (const seg_para *last = seg_cleaner_finish(p->cleaner); last && !p->failed && p->nwork == 1;
       last = seg_cleaner_next(p->cleaner))
    emit_paragraph(p, last);
  if (!p->failed && p->warn && p->doc_warnings > p->cfg.max_warnings && p->cfg.max_warnings) {
    char msg[160];
    snprintf(msg, sizeof msg, "warning: %d more invalid UTF-8 sequences not shown (%zu in all)",
             p->doc_warnings - p->cfg.max_warnings, p->doc_invalid);
    p->warn(p->warn_ctx, p->doc, 0, 0, msg);
  }
  flush(p, &p->rows, p->out_sink, 1); /* -j: rows written in order, not yet out */
  flush(p, &p->work[0].out, p->out_sink, 1);
  flush(p, &p->rej, p->rej_sink, 1);
  if (p->failed && !err->file[0] && doc) snprintf(err->file, sizeof err->file, "%s", doc);
  return p->failed;
}

/* ---------- resources ---------- */

static void add_dotted(void *ctx, const char *tok, size_t len) {
  seg_abbrevs_add(ctx, tok, len, SEG_ABBR_ACRONYM);
}

seg_status seg_resources_load(seg_resources *res, int keep_boilerplate,
                              const char *const *boilerplate_files, const char *abbrev_file,
                              const char *const *glossary_files, seg_error *err) {
  memset(res, 0, sizeof *res);
  if (!keep_boilerplate) {
    res->lexicon = seg_lexicon_default(err);
    if (!res->lexicon) goto fail;
    res->classifier = seg_classifier_default(err);
    if (!res->classifier) goto fail;
    for (const char *const *f = boilerplate_files; f && *f; f++)
      if (seg_lexicon_add_file(res->lexicon, *f, err)) goto fail;
  }
  if (abbrev_file) {
    res->abbrevs = seg_abbrevs_new();
    if (seg_abbrevs_add_file(res->abbrevs, abbrev_file, err)) goto fail;
  } else if (!(res->abbrevs = seg_abbrevs_default("id", err))) {
    goto fail;
  }
  res->glossary = seg_glossary_new();
  for (const char *const *f = glossary_files; f && *f; f++)
    if (seg_glossary_add_file(res->glossary, *f, err)) goto fail;
  seg_glossary_each_dotted(res->glossary, add_dotted, res->abbrevs);
  return SEG_OK;
fail:
  seg_resources_free(res);
  return err->code ? err->code : SEG_ERR_CONFIG;
}

static void add_target_pair(void *ctx, const char *canonical, const char *target) {
  seg_dict_add_phrase(ctx, canonical, strlen(canonical), target, strlen(target));
}

seg_status seg_resources_load_bilingual(seg_resources *res, seg_error *err) {
  if (!(res->abbrevs_en = seg_abbrevs_default("en", err))) return err->code;
  if (!(res->dict = seg_dict_default(err))) return err->code;
  res->no_glossary = seg_glossary_new();
  seg_glossary_each_target(res->glossary, add_target_pair, res->dict);
  return SEG_OK;
}

static void put_ids(seg_buf *o, seg_outfmt f, size_t first, size_t count) {
  if (f == SEG_OUT_JSONL) seg_buf_putc(o, '"');
  for (size_t k = 0; k < count; k++) {
    if (k) seg_buf_putc(o, ',');
    seg_tsv_uint(o, first + k + 1);
  }
  if (f == SEG_OUT_JSONL) seg_buf_putc(o, '"');
}

static void put_texts(seg_buf *o, seg_outfmt f, const seg_textvec *v, size_t first, size_t count) {
  seg_buf joined = {0};
  for (size_t k = 0; k < count; k++) {
    if (k) seg_buf_putc(&joined, ' ');
    size_t a = v->off[first + k], b = v->off[first + k + 1];
    seg_buf_append(&joined, v->text.data + a, b - a);
  }
  seg_row_text(o, f, joined.data ? joined.data : "", joined.len);
  seg_buf_free(&joined);
}

seg_status seg_align_documents(seg_pipeline *src_p, seg_pipeline *tgt_p, const seg_dict *dict,
                               seg_reader *src, const char *src_doc, seg_reader *tgt,
                               const char *tgt_doc, const seg_columns *cols, int unaligned,
                               const seg_sink *out, seg_error *err) {
  seg_textvec sv = {0}, tv = {0};
  seg_link *links = NULL;
  size_t nl = 0;
  seg_buf o = {0};
  seg_status rc = seg_pipeline_collect(src_p, src, src_doc, &sv, err);
  if (!rc) rc = seg_pipeline_collect(tgt_p, tgt, tgt_doc, &tv, err);
  if (!rc) {
    seg_sentence *ss = seg_xcalloc(sv.n + 1, sizeof *ss), *ts = seg_xcalloc(tv.n + 1, sizeof *ts);
    for (size_t i = 0; i < sv.n; i++)
      ss[i] = (seg_sentence){sv.text.data + sv.off[i], sv.off[i + 1] - sv.off[i], sv.junk[i]};
    for (size_t j = 0; j < tv.n; j++)
      ts[j] = (seg_sentence){tv.text.data + tv.off[j], tv.off[j + 1] - tv.off[j], tv.junk[j]};
    rc = seg_align(dict, ss, sv.n, ts, tv.n, NULL, &links, &nl, err);
    free(ss);
    free(ts);
  }
  for (size_t k = 0; !rc && k < nl; k++) {
    const seg_link *l = &links[k];
    if ((!l->nsrc || !l->ntgt) && !unaligned) continue;
    seg_outfmt f = src_p->cfg.outfmt;
    for (size_t c = 0; c < cols->n; c++) {
      seg_row_field(&o, f, c, cols->col[c]);
      switch (cols->col[c]) {
      case SEG_COL_DOC: seg_row_text(&o, f, src_doc, strlen(src_doc)); break;
      case SEG_COL_SRC: put_texts(&o, f, &sv, l->src, l->nsrc); break;
      case SEG_COL_TGT: put_texts(&o, f, &tv, l->tgt, l->ntgt); break;
      case SEG_COL_SRC_IDS: put_ids(&o, f, l->src, l->nsrc); break;
      case SEG_COL_TGT_IDS: put_ids(&o, f, l->tgt, l->ntgt); break;
      case SEG_COL_SCORE: {
        char num[32];
        int len = snprintf(num, sizeof num, "%.3f", l->score);
        seg_buf_append(&o, num, (size_t)len);
        break;
      }
      default: break;
      }
    }
    seg_row_end(&o, f);
    if (o.len >= FLUSH_AT) {
      if (o.len && out->write(out->ctx, o.data, o.len)) {
        rc = seg_error_set(err, SEG_ERR_IO, out->name, 0, 0, "write error: %s", strerror(errno));
        break;
      }
      seg_buf_clear(&o);
    }
  }
  if (!rc && o.len && out->write(out->ctx, o.data, o.len))
    rc = seg_error_set(err, SEG_ERR_IO, out->name, 0, 0, "write error: %s", strerror(errno));
  free(links);
  seg_buf_free(&o);
  seg_textvec_free(&sv);
  seg_textvec_free(&tv);
  return rc;
}

void seg_resources_free(seg_resources *res) {
  seg_abbrevs_free(res->abbrevs_en);
  seg_glossary_free(res->no_glossary);
  seg_dict_free(res->dict);
  seg_lexicon_free(res->lexicon);
  seg_classifier_free(res->classifier);
  seg_abbrevs_free(res->abbrevs);
  seg_glossary_free(res->glossary);
  memset(res, 0, sizeof *res);
}
