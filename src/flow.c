/* flow: see flow.h. Owns the order of a document's paragraph stages and, with jobs > 1, how
 * they are spread over the pool. Batches of lines take two steps: analysis (normalization and
 * lexicon, a pure function of the line, on every worker) while this thread makes the ordered
 * decisions (joins, duplicates, lists, datelines) chunk by chunk; then splitting, the row
 * stages and formatting per chunk, leaving out the sentence numbers (a chunk does not know how
 * many sentences come before it), while this thread writes the finished chunks in order,
 * numbers put in. One pool phase runs the second step of batch k and the first of batch k+1
 * together, and this thread reads batch k+2 meanwhile, so the pool meets once per batch and
 * the tail of one step overlaps the other. */
#include "flow.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "clean.h"
#include "splitter.h"
#include "stage.h"
#include "unorm.h"

/* Two batches are in memory at once (one split while the other is analyzed): half of what
 * one batch was allowed when the two steps ran as separate phases, the same memory. */
#define BATCH_BYTES (96u * 1024u)
#define BATCH_LINES 8192u

/* ---------- collected sentences ---------- */

void seg_textvec_push(seg_textvec *v, const char *s, size_t n, size_t line, int junk) {
  SEG_GROW(v->off, v->cap, v->n + 2);
  if (v->meta_cap < v->n + 1) {
    size_t cap = v->meta_cap;
    SEG_GROW(v->junk, cap, v->n + 1);
    SEG_GROW(v->line, v->meta_cap, v->n + 1);
  }
  if (!v->n) v->off[0] = v->text.len;
  seg_buf_append(&v->text, s, n);
  v->junk[v->n] = (unsigned char)junk;
  v->line[v->n] = line;
  v->off[++v->n] = v->text.len;
}

void seg_textvec_move(seg_textvec *to, seg_textvec *from) {
  for (size_t i = 0; i < from->n; i++)
    seg_textvec_push(to, from->text.data + from->off[i], from->off[i + 1] - from->off[i],
                     from->line[i], from->junk[i]);
  seg_buf_clear(&from->text);
  from->n = 0;
}

void seg_textvec_free(seg_textvec *v) {
  seg_buf_free(&v->text);
  free(v->off);
  free(v->junk);
  free(v->line);
  memset(v, 0, sizeof *v);
}

/* ---------- state ---------- */

/* Per-thread state for the paragraph stages (work[0] is the calling thread's). */
typedef struct {
  seg_cleaner *cleaner; /* analysis only, for workers 1.. (work[0] uses the flow's) */
  seg_splitter *splitter;
  seg_chain *chain;
  seg_buf out, rej;     /* -j phase 2: the running chunk's rows and rejected rows */
  seg_holes holes;      /* -j phase 2: the running chunk's sentence-number holes */
  seg_textvec vec;      /* -j phase 2: the running chunk's collected sentences */
  size_t sentences;
  seg_status failed;
  seg_error err;
} worker;

/* Lines and paragraphs of one -j batch. */
typedef struct {
  seg_buf bytes;   /* line bytes (arena) */
  seg_line *lines; /* .bytes holds an offset into `bytes` */
  size_t nlines, lines_cap;
  seg_line_info *infos;
  size_t infos_cap;
  seg_para *paras;
  size_t npara, paras_cap;
  /* rejected rows in -j 1's order: the cleaner's (while deciding) are held in `lrej`;
   * paragraph i's sentence rejections (while splitting) go in after lrej[0, rejpos[i]), the
   * place -j 1 writes them */
  seg_buf lrej;
  size_t *rejpos, *rej_end; /* per paragraph; rej_end: end of its rows in its chunk's crej */
  size_t rejpos_cap, lrej_done;
} batch;

/* The per-chunk results of splitting in the running phase. */
typedef struct {
  seg_buf cout[SEG_CHUNKS], crej[SEG_CHUNKS];
  seg_holes holes[SEG_CHUNKS];
  seg_textvec cvec[SEG_CHUNKS];
  size_t nsent[SEG_CHUNKS];
  unsigned char cfailed[SEG_CHUNKS]; /* the chunk stopped at a paragraph the splitter refused */
} split_results;

struct seg_flow {
  seg_flow_opts o;
  int span_columns; /* a start, end or orig column is written: sentences need input spans */
  seg_cleaner *cleaner;
  seg_pool *pool;
  worker *work;
  size_t nwork;
  batch b[2];        /* -j: one batch's paragraphs are split while the other's lines are analyzed */
  split_results sr;
  batch *split, *analyze, *reading; /* the running phase's batches (see run_phase) */
  size_t nsplit;                    /* items [0, nsplit) of the running phase are paragraphs */
  int stop_writing;                 /* a chunk failed: later rows are not written (as -j 1) */
  seg_warn_fn warn;
  void *warn_ctx;
  seg_progress_fn progress;
  void *progress_ctx;
  size_t documents;
  /* the running document */
  const char *doc;
  const seg_flow_out *out;
  seg_error *err;
  seg_status failed;
  size_t sent_no;
  int doc_warnings;
  size_t doc_invalid;
  seg_reader *in; /* the document's input */
  seg_line rest;  /* the rest of the input line after an HTML break (next_line) */
  int have_rest;
  int in_rc;   /* the reader's last result: 1 more lines may follow, 0 end, < 0 error */
  seg_buf *held_rej; /* -j phase 1: the cleaner's rejected rows go here, not to the writer */
  seg_buf line_text; /* presegmented input: one normalized line */
  seg_offmap line_map;
};


seg_flow *seg_flow_new(const seg_flow_opts *o, seg_error *err) {
  seg_flow *f = seg_xcalloc(1, sizeof *f);
  f->o = *o;
  f->span_columns = seg_columns_want(o->cols, SEG_COL_START) ||
                    seg_columns_want(o->cols, SEG_COL_END) || seg_columns_want(o->cols, SEG_COL_ORIG);
  f->cleaner = seg_cleaner_new(o->side->lexicon, o->side->classifier, err);
  seg_splitter_opts so = {.locale = o->side->locale,
                          .split_quotes = o->cfg->split_quotes,
                          .raw = o->cfg->raw_icu,
                          .icu_full = o->cfg->icu_full};
  seg_stage_env env = {.cfg = o->cfg,
                       .side = o->side,
                       .want_terms = seg_columns_want(o->cols, SEG_COL_TERMS),
                       .want_lang = seg_columns_want(o->cols, SEG_COL_LANG),
                       .aligning = o->cols == NULL,
                       .err = err};
  f->pool = seg_pool_new(o->presegmented ? 1 : o->jobs);
  f->nwork = seg_pool_workers(f->pool);
  f->work = seg_xcalloc(f->nwork, sizeof *f->work);
  int ok = f->cleaner != NULL;
  for (size_t k = 0; k < f->nwork && ok; k++) {
    worker *w = &f->work[k];
    w->splitter = seg_splitter_new(o->side->abbrevs, &so, err);
    w->chain = seg_chain_new(&env, SEG_ROWS_SENTENCE);
    if (k) w->cleaner = seg_cleaner_new(o->side->lexicon, o->side->classifier, err);
    ok = w->splitter && w->chain && (!k || w->cleaner);
  }
  if (!ok) {
    seg_flow_free(f);
    return NULL;
  }
  return f;
}

static void batch_free(batch *b) {
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
  seg_buf_free(&b->lrej);
  free(b->rejpos);
  free(b->rej_end);
}

static void split_results_free(split_results *r) {
  for (size_t c = 0; c < SEG_CHUNKS; c++) {
    free(r->holes[c].v);
    seg_buf_free(&r->cout[c]);
    seg_buf_free(&r->crej[c]);
    seg_textvec_free(&r->cvec[c]);
  }
}

void seg_flow_free(seg_flow *f) {
  if (!f) return;
  seg_pool_free(f->pool);
  seg_cleaner_free(f->cleaner);
  for (size_t k = 0; k < f->nwork; k++) {
    worker *w = &f->work[k];
    seg_cleaner_free(w->cleaner);
    seg_splitter_free(w->splitter);
    seg_chain_free(w->chain);
    seg_buf_free(&w->out);
    seg_buf_free(&w->rej);
    seg_textvec_free(&w->vec);
    free(w->holes.v);
  }
  free(f->work);
  batch_free(&f->b[0]);
  batch_free(&f->b[1]);
  split_results_free(&f->sr);
  seg_buf_free(&f->line_text);
  seg_offmap_free(&f->line_map);
  free(f);
}

void seg_flow_set_warn(seg_flow *f, seg_warn_fn fn, void *ctx) {
  f->warn = fn;
  f->warn_ctx = ctx;
}

void seg_flow_set_progress(seg_flow *f, seg_progress_fn fn, void *ctx) {
  f->progress = fn;
  f->progress_ctx = ctx;
}

static void add_clean_stats(seg_stats *into, const seg_clean_stats *cs) {
  into->paragraphs += cs->paragraphs;
  into->dropped += cs->dropped;
  into->joined += cs->joined;
  into->invalid_bytes += cs->invalid_bytes;
  into->normalized += cs->normalized;
  for (size_t i = 0; i < cs->nreasons; i++)
    seg_stats_add_reason(into, cs->reasons[i].reason, cs->reasons[i].count);
}

void seg_flow_stats(const seg_flow *f, seg_stats *into) {
  into->documents += f->documents;
  add_clean_stats(into, seg_cleaner_stats(f->cleaner));
  for (size_t k = 0; k < f->nwork; k++) {
    into->sentences += f->work[k].sentences;
    seg_chain_stats(f->work[k].chain, into);
    if (f->work[k].cleaner) add_clean_stats(into, seg_cleaner_stats(f->work[k].cleaner));
  }
}

static void pending(seg_flow *f, seg_writer *w);

/* ---------- callbacks from the cleaner ---------- */

static void reject_row(seg_buf *o, const seg_writer *w, const char *doc, size_t lineno,
                       const char *reason, const char *text, size_t len) {
  seg_row row = {.doc = {doc, strlen(doc)},
                 .line = lineno,
                 .reason = {reason, strlen(reason)},
                 .orig = {text, len}};
  seg_row_format(o, seg_writer_format(w), seg_writer_columns(w), &row, NULL);
}

static void on_reject(void *ctx, size_t lineno, size_t offset, const char *reason,
                      const char *text, size_t len) {
  (void)offset;
  seg_flow *f = ctx;
  seg_writer *w = f->out->rejects;
  if (!w) return;
  if (f->held_rej) {
    reject_row(f->held_rej, w, f->doc, lineno, reason, text, len);
    return;
  }
  reject_row(seg_writer_buf(w), w, f->doc, lineno, reason, text, len);
  pending(f, w);
}

static void on_invalid(void *ctx, size_t lineno, size_t col, size_t offset, unsigned char byte) {
  seg_flow *f = ctx;
  f->doc_invalid++;
  if (f->o.cfg->strict) {
    if (!f->failed)
      f->failed = seg_error_set(f->err, SEG_ERR_INPUT, f->doc, lineno, col,
                                "invalid UTF-8 byte 0x%02X at byte offset %zu", byte, offset);
    return;
  }
  if (f->warn && f->doc_warnings < f->o.cfg->max_warnings) {
    /* the first warning of a document says when the bytes look like a legacy encoding */
    const char *legacy = f->doc_warnings ? NULL : seg_reader_legacy_hint(f->in);
    char msg[256];
    snprintf(msg, sizeof msg,
             "warning: invalid UTF-8 byte 0x%02X at byte offset %zu replaced by U+FFFD%s%s", byte,
             offset, legacy ? "; the input looks like Windows-1252: try --encoding " : "",
             legacy ? legacy : "");
    f->warn(f->warn_ctx, f->doc, lineno, col, msg);
  }
  f->doc_warnings++;
}

/* ---------- sentences of a paragraph ---------- */

static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/* The input line that byte `at` of the paragraph's input is on. */
static size_t line_of(const seg_para *para, size_t at) {
  size_t line = para->lineno;
  for (size_t i = 0; i + para->raw_off < at && i < para->raw.len; i++) line += para->raw.data[i] == '\n';
  return line;
}

/* Where a paragraph's sentences go: rows (with number holes on workers), collected
 * sentences, and rejected rows. */
typedef struct {
  seg_buf *rows;
  seg_holes *holes;
  seg_textvec *collect;
  seg_buf *rej;
} para_out;

/* Runs the sentences spans[0..n) of `para` through the row stages into `po`; sentence numbers
 * from first_sent. Sentence spans in input bytes tile the paragraph: each reaches back to the
 * end of the previous one (or the paragraph start) and forward to the next, less whitespace,
 * so bytes the cleaner removed between sentences (an empty quote pair, a zero-width
 * character) stay inside some row's [start, end). */
static void para_sentences(const seg_flow *f, worker *w, const seg_para *para,
                           const seg_span *spans, long n, size_t first_sent, const para_out *po) {
  const seg_columns *cols = f->o.cols;
  const seg_writer *rows_w = f->out->rows;
  const char *raw = para->raw.data;
  size_t raw_end = para->raw_off + para->raw.len;
  size_t next_start = para->raw_off;
  /* input spans: for the columns that show them, and for rejected sentences' bytes and line */
  int offsets = !po->collect && (f->span_columns || f->out->rejects);
  while (offsets && next_start < raw_end && is_blank(raw[next_start - para->raw_off])) next_start++;
  seg_row row = {.doc = {f->doc, strlen(f->doc)}, .para = para->para_no, .line = para->lineno};
  w->sentences += (size_t)n;
  for (long k = 0; k < n; k++) {
    row.text = (seg_str){para->text.data + spans[k].start, spans[k].end - spans[k].start};
    row.sent = first_sent + (size_t)k;
    row.start = next_start;
    row.end = raw_end;
    if (offsets) {
      row.end = k + 1 < n ? seg_offmap_start(&para->map, spans[k + 1].start) : raw_end;
      next_start = row.end;
      while (row.end > row.start && is_blank(raw[row.end - 1 - para->raw_off])) row.end--;
      size_t min_end = seg_offmap_end(&para->map, spans[k].end);
      if (row.end < min_end) row.end = min_end;
      row.orig = (seg_str){raw + (row.start - para->raw_off), row.end - row.start};
    }
    seg_str sentence = offsets ? row.orig : row.text;
    const char *reason = seg_chain_take(w->chain, &row);
    if (reason) {
      if (po->rej && f->out->rejects)
        reject_row(po->rej, f->out->rejects, f->doc, line_of(para, row.start), reason, sentence.s,
                   sentence.n);
    } else if (po->collect) {
      seg_textvec_push(po->collect, row.text.s, row.text.n, para->lineno, 0);
    } else {
      seg_row_format(po->rows, seg_writer_format(rows_w), cols, &row, po->holes);
    }
  }
}

static void fail(seg_flow *f, seg_status st) {
  if (!f->failed) f->failed = st;
}

/* Hands a writer's full blocks to its sink; a write error stops the document. */
static void pending(seg_flow *f, seg_writer *w) {
  if (w && seg_writer_pending(w, 0, f->err)) fail(f, SEG_ERR_IO);
}

/* One paragraph on this thread (jobs = 1). */
static void emit_paragraph(seg_flow *f, const seg_para *para) {
  worker *w = &f->work[0];
  const seg_span *spans;
  long n = seg_splitter_split(w->splitter, para->text.data, para->text.len, &spans, f->err);
  if (n < 0) {
    fail(f, (seg_status)n);
    return;
  }
  seg_writer *rw = f->out->rows, *jw = f->out->rejects;
  para_out po = {rw ? seg_writer_buf(rw) : NULL, NULL, f->out->collect,
                 jw ? seg_writer_buf(jw) : NULL};
  para_sentences(f, w, para, spans, n, f->sent_no + 1, &po);
  f->sent_no += (size_t)n;
  pending(f, rw);
  pending(f, jw);
}

/* Presegmented input: each non-empty line is one sentence (Unicode normalization and the
 * row stages still apply; boilerplate lines are flagged, not dropped). */
static void emit_line(seg_flow *f, const seg_line *line) {
  seg_buf_clear(&f->line_text);
  seg_offmap_clear(&f->line_map);
  seg_clean_normalize(f->cleaner, line->bytes, line->len, line->offset, line->lineno,
                      &f->line_text, &f->line_map);
  if (!f->line_text.len) return;
  seg_row row = {.doc = {f->doc, strlen(f->doc)}, .line = line->lineno,
                 .sent = ++f->sent_no, .text = {f->line_text.data, f->line_text.len}};
  f->work[0].sentences++;
  if (seg_chain_take(f->work[0].chain, &row)) return;
  int junk = seg_cleaner_boilerplate(f->cleaner, f->line_text.data, f->line_text.len) != NULL;
  seg_textvec_push(f->out->collect, row.text.s, row.text.n, line->lineno, junk);
}

/* The next line of the document. A line that holds HTML's line breaks as markup ("...
 * sebelumnya. <br /> <br />Seperti ...", a scraper that kept the tags) is cut around each
 * block tag, as a browser shows it: the text before a tag, the tag, the text after it are
 * lines of their own, with the same line number (the tag alone is left empty by normalization
 * and rejected whole as `markup`); nothing lies between the pieces. Presegmented input is read
 * as it is: a line is a sentence there. */
static int next_line(seg_flow *f, seg_reader *in, seg_line *line) {
  int rc = 1;
  if (f->have_rest) {
    *line = f->rest;
    f->have_rest = 0;
  } else if ((rc = seg_reader_next(in, line, f->err)) <= 0 || f->o.presegmented) {
    return rc;
  }
  size_t tag = 0, at = line->len && memchr(line->bytes, '<', line->len)
                             ? seg_unorm_html_break(line->bytes, line->len, &tag)
                             : line->len;
  size_t cut = at ? at : tag; /* the text before the tag, or the tag itself */
  if (at < line->len && cut < line->len) {
    f->rest = (seg_line){line->bytes + cut, line->len - cut, line->offset + cut, line->lineno};
    f->have_rest = 1;
    line->len = cut;
  }
  return rc;
}

/* ---------- jobs > 1: batches of lines through the pool ---------- */

/* Moves a paragraph the cleaner handed over into the batch by exchanging buffers (the
 * cleaner clears a paragraph before reusing it), so no text is copied on this serial path. */
static void take_para(batch *b, seg_para *src) {
  if (b->npara == b->paras_cap) {
    size_t old = b->paras_cap;
    SEG_GROW(b->paras, b->paras_cap, b->npara + 1);
    memset(b->paras + old, 0, (b->paras_cap - old) * sizeof *b->paras);
  }
  if (b->npara == b->rejpos_cap) {
    size_t cap = b->rejpos_cap;
    SEG_GROW(b->rejpos, cap, b->npara + 1);
    SEG_GROW(b->rej_end, b->rejpos_cap, b->npara + 1);
  }
  b->rejpos[b->npara] = b->lrej.len;
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

/* A phase's items: the paragraphs of the batch being split, [0, nsplit), then the lines of
 * the batch being analyzed. */
static size_t item_weight(void *ctx, size_t i) {
  const seg_flow *f = ctx;
  if (i < f->nsplit) return f->split->paras[i].text.len + 1;
  return f->analyze->lines[i - f->nsplit].len + 1;
}

static seg_line batch_line(const batch *b, size_t i) {
  seg_line line = b->lines[i];
  line.bytes = b->bytes.data + (size_t)(uintptr_t)line.bytes;
  return line;
}

/* On a worker: analyze lines [from, to) of the batch being analyzed. */
static void analyze_lines(seg_flow *f, size_t k, size_t from, size_t to) {
  seg_cleaner *cl = k ? f->work[k].cleaner : f->cleaner;
  batch *b = f->analyze;
  enum { BLOCK = 32 }; /* lines analyzed step by step together (seg_cleaner_analyze_lines) */
  seg_line lines[BLOCK];
  for (size_t i = from; i < to; i += BLOCK) {
    size_t n = to - i < BLOCK ? to - i : BLOCK;
    for (size_t k = 0; k < n; k++)
      lines[k] = batch_line(b, i + k);
    seg_cleaner_analyze_lines(cl, lines, &b->infos[i], n);
  }
}

/* Ordered, on this thread: the cleaner's decisions for lines [from, to). A chunk of the
 * split batch that failed ends the document there, so later lines are not decided. */
static void decide_lines(seg_flow *f, size_t from, size_t to) {
  batch *b = f->analyze;
  for (size_t i = from; i < to && !f->failed && !f->stop_writing; i++) {
    seg_line line = batch_line(b, i);
    for (seg_para *para = seg_cleaner_decide(f->cleaner, &line, &b->infos[i]); para;
         para = seg_cleaner_next(f->cleaner))
      take_para(b, para);
  }
}

/* On a worker: the rows of paragraphs [from, to) of chunk c into the worker's own memory (the
 * per-chunk entries share cache lines, and a write per row there would bounce them between
 * the cores), handed to the chunk when it is done. */
static void split_paras(seg_flow *f, size_t k, size_t c, size_t from, size_t to) {
  batch *b = f->split;
  split_results *r = &f->sr;
  worker *w = &f->work[k];
  size_t nsent = 0;
  w->holes.n = 0;
  para_out po = {&w->out, &w->holes, f->out->collect ? &w->vec : NULL, &w->rej};
  for (size_t i = from; i < to; i++) {
    const seg_span *sp;
    long n = seg_splitter_split(w->splitter, b->paras[i].text.data, b->paras[i].text.len, &sp,
                                &w->err);
    if (n < 0) {
      w->failed = (seg_status)n;
      r->cfailed[c] = 1;
      for (size_t j = i; j < to; j++) /* put_rejects reads every paragraph's end: none more */
        b->rej_end[j] = w->rej.len;
      break;
    }
    para_sentences(f, w, &b->paras[i], sp, n, nsent, &po);
    b->rej_end[i] = w->rej.len;
    nsent += (size_t)n;
  }
  seg_buf rows = r->cout[c], rej = r->crej[c];
  r->cout[c] = w->out;
  w->out = rows;
  seg_buf_clear(&w->out);
  r->crej[c] = w->rej;
  w->rej = rej;
  seg_buf_clear(&w->rej);
  seg_holes hs = r->holes[c];
  r->holes[c] = w->holes;
  w->holes = hs;
  seg_textvec vec = r->cvec[c];
  r->cvec[c] = w->vec;
  w->vec = vec;
  r->nsent[c] = nsent;
}

static void phase_work(void *ctx, size_t k, size_t c, size_t from, size_t to) {
  seg_flow *f = ctx;
  size_t np = f->nsplit;
  if (from < np) split_paras(f, k, c, from, to < np ? to : np);
  if (to > np) analyze_lines(f, k, from > np ? from - np : 0, to - np);
}

static void put_rows(seg_flow *f, seg_writer *w, const seg_buf *rows, const seg_holes *hs,
                     size_t first) {
  seg_buf *o = seg_writer_buf(w);
  size_t at = 0;
  for (size_t h = 0; h < hs->n; h++) { /* (rows->data is NULL while rows is empty) */
    if (hs->v[h].pos > at) seg_buf_append(o, rows->data + at, hs->v[h].pos - at);
    seg_row_uint(o, first + hs->v[h].rel);
    at = hs->v[h].pos;
  }
  if (rows->len > at) seg_buf_append(o, rows->data + at, rows->len - at);
  pending(f, w);
}

/* The split batch's held rejected rows up to paragraph `upto`'s place (all at SIZE_MAX). */
static void put_held_rejects(seg_flow *f, batch *b, size_t upto) {
  size_t to = upto == SIZE_MAX ? b->lrej.len : b->rejpos[upto];
  if (to > b->lrej_done)
    seg_buf_append(seg_writer_buf(f->out->rejects), b->lrej.data + b->lrej_done, to - b->lrej_done);
  b->lrej_done = to;
}

/* Chunk c's rejected rows (paragraphs [from, to)), each paragraph's after the cleaner's rows
 * that come before it. */
static void put_rejects(seg_flow *f, size_t c, size_t from, size_t to) {
  batch *b = f->split;
  const seg_buf *crej = &f->sr.crej[c];
  size_t at = 0;
  for (size_t i = from; i < to; i++) {
    put_held_rejects(f, b, i);
    if (b->rej_end[i] > at)
      seg_buf_append(seg_writer_buf(f->out->rejects), crej->data + at, b->rej_end[i] - at);
    at = b->rej_end[i];
  }
  pending(f, f->out->rejects);
}

/* Ordered, on this thread: the results of paragraphs [from, to) of chunk c to the document,
 * sentence numbers put in. */
static void write_paras(seg_flow *f, size_t c, size_t from, size_t to) {
  split_results *r = &f->sr;
  if (f->stop_writing) return;
  f->stop_writing = r->cfailed[c];
  size_t first = f->sent_no + 1;
  f->sent_no += r->nsent[c];
  if (f->out->rejects) put_rejects(f, c, from, to);
  seg_buf_clear(&r->crej[c]);
  if (f->out->collect) seg_textvec_move(f->out->collect, &r->cvec[c]);
  else put_rows(f, f->out->rows, &r->cout[c], &r->holes[c], first);
  seg_buf_clear(&r->cout[c]);
}

/* The split batch's rejected rows that come after its last paragraph. */
static void end_split(seg_flow *f) {
  if (!f->out->rejects) return;
  put_held_rejects(f, f->split, SIZE_MAX);
  pending(f, f->out->rejects);
}

/* Chunk c and all before it are done: its paragraphs written, then its lines decided. */
static void phase_consume(void *ctx, size_t c) {
  seg_flow *f = ctx;
  size_t nchunks, np = f->nsplit;
  const size_t *from = seg_pool_chunks(f->pool, &nchunks);
  if (from[c] < np) {
    write_paras(f, c, from[c], from[c + 1] < np ? from[c + 1] : np);
    if (from[c + 1] >= np) end_split(f);
  }
  if (from[c + 1] > np) decide_lines(f, from[c] > np ? from[c] - np : 0, from[c + 1] - np);
}

/* Reads lines into batch b until it is full or the input ends (then returns 1), or until
 * `max` lines (0: no limit) were read (then returns 0). */
static int feed_lines(seg_flow *f, batch *b, size_t max) {
  for (size_t k = 0; !max || k < max; k++) {
    if (f->in_rc <= 0 || b->bytes.len >= BATCH_BYTES || b->nlines >= BATCH_LINES) return 1;
    seg_line line;
    int rc = next_line(f, f->in, &line);
    if (rc <= 0) {
      f->in_rc = rc;
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

/* While a phase runs, this thread reads ahead in slices, writing and deciding finished
 * chunks between. */
static int feed_some(void *ctx) {
  seg_flow *f = ctx;
  return feed_lines(f, f->reading, 64);
}

/* One phase of the pool: the paragraphs of `split` (NULL: none) are split and written while
 * the lines of `analyze` (NULL: none) are analyzed and decided into its paragraphs, and this
 * thread reads the next lines into `reading` (NULL: none; the lines of `split` are no longer
 * needed, so it reads into that batch). So the tail of one batch's splitting overlaps the
 * next batch's analysis, and the pool meets once per batch. With `finish`, the cleaner's last
 * paragraph goes into `analyze` afterwards. */
static void run_phase(seg_flow *f, batch *split, batch *analyze, batch *reading, int finish) {
  f->split = split;
  f->analyze = analyze;
  f->reading = reading;
  f->nsplit = split ? split->npara : 0;
  size_t nlines = analyze ? analyze->nlines : 0;
  if (analyze) {
    if (analyze->infos_cap < nlines) {
      size_t old = analyze->infos_cap;
      SEG_GROW(analyze->infos, analyze->infos_cap, nlines);
      memset(analyze->infos + old, 0, (analyze->infos_cap - old) * sizeof *analyze->infos);
    }
    analyze->npara = 0;
    seg_buf_clear(&analyze->lrej);
    analyze->lrej_done = 0;
  }
  f->held_rej = analyze && f->out->rejects ? &analyze->lrej : NULL;
  for (size_t c = 0; c < SEG_CHUNKS; c++) f->sr.holes[c].n = f->sr.nsent[c] = f->sr.cfailed[c] = 0;
  seg_phase ph = {f, item_weight, phase_work, phase_consume, reading ? feed_some : NULL};
  if (f->nsplit + nlines) seg_pool_run(f->pool, f->nsplit + nlines, &ph);
  if (analyze) {
    analyze->nlines = 0;
    seg_buf_clear(&analyze->bytes);
  }
  for (size_t k = 0; k < f->nwork; k++)
    if (f->work[k].failed && !f->failed) {
      *f->err = f->work[k].err;
      f->failed = f->work[k].failed;
    }
  if (split) end_split(f);
  if (finish && !f->failed) {
    for (seg_para *para = seg_cleaner_finish(f->cleaner); para; para = seg_cleaner_next(f->cleaner))
      take_para(analyze, para);
  }
  f->held_rej = NULL;
  if (analyze && f->failed && f->out->rejects) { /* as -j 1 until the failure */
    f->split = analyze;
    end_split(f);
  }
  f->split = f->analyze = f->reading = NULL;
}

static void reset_batch(batch *b) {
  b->nlines = b->npara = b->lrej_done = 0;
  seg_buf_clear(&b->bytes);
  seg_buf_clear(&b->lrej);
}

/* Batches alternate between the two slots: while one's paragraphs are split, the other's
 * lines are analyzed, and the next lines are read into the first. */
static void run_threaded(seg_flow *f, seg_reader *in) {
  batch *lines = &f->b[0], *paras = &f->b[1];
  reset_batch(lines);
  reset_batch(paras);
  f->stop_writing = 0;
  f->in = in;
  f->in_rc = 1;
  f->have_rest = 0;
  feed_lines(f, lines, 0);
  for (;;) {
    if (f->in_rc < 0) { /* as when reading one batch at a time: the batch read so far is lost */
      run_phase(f, paras, NULL, NULL, 0);
      fail(f, f->err->code);
      break;
    }
    int last = f->in_rc == 0;
    run_phase(f, paras, lines, last ? NULL : paras, last);
    if (f->failed) break;
    if (last) {
      run_phase(f, lines, NULL, NULL, 0);
      break;
    }
    feed_lines(f, paras, 0); /* the rest of the next batch */
    if (f->progress) f->progress(f->progress_ctx, seg_reader_bytes(in));
    batch *t = lines;
    lines = paras;
    paras = t;
  }
}

/* jobs = 1 (and presegmented input): line by line on this thread. */
static void run_sequential(seg_flow *f, seg_reader *in) {
  seg_line line;
  int rc = 0;
  f->have_rest = 0;
  while (!f->failed && (rc = next_line(f, in, &line)) > 0) {
    if (f->o.presegmented) {
      emit_line(f, &line);
      continue;
    }
    for (const seg_para *para = seg_cleaner_push(f->cleaner, &line); para && !f->failed;
         para = seg_cleaner_next(f->cleaner))
      emit_paragraph(f, para);
    if (f->progress && (line.lineno & 4095) == 0) f->progress(f->progress_ctx, seg_reader_bytes(in));
  }
  if (!f->failed && rc < 0) fail(f, f->err->code);
  for (const seg_para *last = seg_cleaner_finish(f->cleaner); last && !f->failed;
       last = seg_cleaner_next(f->cleaner))
    emit_paragraph(f, last);
}

seg_status seg_flow_run(seg_flow *f, seg_reader *in, const char *doc, const seg_flow_out *out,
                        seg_error *err) {
  f->doc = doc;
  f->out = out;
  f->err = err;
  f->in = in;
  f->failed = SEG_OK;
  f->sent_no = 0;
  f->doc_warnings = 0;
  f->doc_invalid = 0;
  f->documents++;
  seg_clean_callbacks cb = {on_reject, on_invalid, f};
  seg_cleaner_begin(f->cleaner, &cb);
  if (f->nwork > 1) run_threaded(f, in);
  else run_sequential(f, in);
  int max = f->o.cfg->max_warnings;
  if (!f->failed && f->warn && max && f->doc_warnings > max) {
    char msg[160];
    snprintf(msg, sizeof msg, "warning: %d more invalid UTF-8 sequences not shown (%zu in all)",
             f->doc_warnings - max, f->doc_invalid);
    f->warn(f->warn_ctx, doc, 0, 0, msg);
  }
  if (f->failed && !err->file[0] && doc) snprintf(err->file, sizeof err->file, "%s", doc);
  return f->failed;
}
