/* main: the `segment` executable. Options -> configuration -> one run of the library ->
 * messages and exit status; nothing else (the option table is in cli.c, the work in the
 * library behind segment.h). Exit status: 0 ok, 1 runtime or input error, 2 usage or
 * configuration error. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h> /* first: it says whether this is glibc */
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "outfile.h"
#include "segment.h"

/* What the callbacks need: set up in main, read by the library's warning and progress calls. */
typedef struct {
  int quiet, progress_on;
  seg_engine *engine;
  double t0, last;
  size_t bytes; /* input bytes read so far */
} report;

static void print_error(const seg_error *e) {
  if (e->file[0] && e->line)
    fprintf(stderr, "segment: %s:%zu:%zu: %s\n", e->file, e->line, e->col ? e->col : 1, e->msg);
  else if (e->file[0])
    fprintf(stderr, "segment: %s: %s\n", e->file, e->msg);
  else
    fprintf(stderr, "segment: %s\n", e->msg);
}

static void on_warn(void *ctx, const char *doc, size_t line, size_t col, const char *msg) {
  if (((report *)ctx)->quiet) return;
  if (line)
    fprintf(stderr, "segment: %s:%zu:%zu: %s\n", doc, line, col, msg);
  else
    fprintf(stderr, "segment: %s: %s\n", doc, msg);
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* A progress line on stderr (only when it is a terminal), at most twice a second. */
static void progress_line(report *r, size_t bytes, int final) {
  double t = now();
  if (!final && t - r->last < 0.5) return;
  r->last = t;
  seg_stats st;
  seg_engine_stats(r->engine, &st);
  double el = t - r->t0;
  fprintf(stderr, "\rsegment: %.1f MB, %zu documents, %zu sentences, %.1f MB/s   %s",
          (double)bytes / 1e6, st.documents, st.sentences, el > 0 ? (double)bytes / 1e6 / el : 0,
          final ? "\n" : "");
}

static void on_progress(void *ctx, size_t bytes) {
  ((report *)ctx)->bytes = bytes;
  progress_line(ctx, bytes, 0);
}

static void print_stats(const seg_engine *e, int bilingual) {
  seg_stats st;
  seg_engine_stats(e, &st);
  fprintf(stderr,
          "segment: stats: documents=%zu paragraphs=%zu sentences=%zu dropped=%zu joined=%zu "
          "normalized=%zu replacements=%zu invalid_bytes=%zu",
          st.documents, st.paragraphs, st.sentences, st.dropped, st.joined, st.normalized,
          st.replacements, st.invalid_bytes);
  if (bilingual) fprintf(stderr, " target_sentences=%zu pairs=%zu", st.target_sentences, st.pairs);
  if (st.terms_checked)
    fprintf(stderr, " terms_checked=%zu terms_missing=%zu", st.terms_checked, st.terms_missing);
  for (size_t i = 0; i < st.nreasons; i++)
    fprintf(stderr, "%s%s=%zu", i ? " " : " (", st.reasons[i].reason, st.reasons[i].count);
  fputs(st.nreasons ? ")\n" : "\n", stderr);
}

/* ---------- main ---------- */

static int stdout_write(void *ctx, const char *bytes, size_t len) {
  (void)ctx;
  return fwrite(bytes, 1, len, stdout) == len ? 0 : -1;
}

/* Opens the outputs, runs the inputs through the engine and commits the outputs only when
 * the run succeeded (rows first); on any failure neither output is replaced. */
static int run(cli_args *a, seg_engine *e) {
  size_t n = a->nfiles ? a->nfiles : 1;
  seg_input *in = calloc(n, sizeof *in);
  if (!in) return fputs("segment: out of memory\n", stderr), 1;
  for (size_t i = 0; i < n; i++)
    in[i] = (seg_input){.path = a->nfiles ? a->files[i] : "-", .target = a->targets[i]};
  for (size_t i = 0; i < n && a->doc_id; i++)
    if (!strcmp(in[i].path, "-")) in[i].name = a->doc_id;
  seg_error err = {0};
  int status = 0;
  seg_outfile *out = seg_outfile_open(a->output ? a->output : "-", &err), *rej = NULL;
  if (!out || (a->rejected && !(rej = seg_outfile_open(a->rejected, &err)))) {
    print_error(&err);
    status = 1;
  }
  seg_sink out_sink = {seg_outfile_write, out, a->output ? a->output : "-"};
  seg_sink rej_sink = {seg_outfile_write, rej, a->rejected};
  if (!status && seg_engine_run(e, in, n, &out_sink, rej ? &rej_sink : NULL, &err)) {
    print_error(&err);
    status = seg_status_exit(err.code);
  }
  free(in);
  if (!status && seg_outfile_commit(out, &err)) {
    print_error(&err);
    status = 1;
  } else if (status) {
    seg_outfile_discard(out);
  }
  if (!status && rej && seg_outfile_commit(rej, &err)) {
    print_error(&err);
    status = 1;
  } else if (status || !rej) {
    seg_outfile_discard(rej);
  }
  return status;
}

int main(int argc, char **argv) {
  cli_args a;
  int status;
  if (!cli_parse(argc, argv, &a, &status)) {
    cli_args_free(&a);
    return status;
  }
  seg_error err = {0};
  seg_engine *e = seg_engine_new(&a.cfg, &err);
  if (!e) {
    print_error(&err);
    cli_args_free(&a);
    return seg_status_exit(err.code);
  }
#ifdef __GLIBC__
  malloc_trim(0); /* loading parsed whole YAML trees: give that memory back before the run */
#endif
  if (a.dump_glossary) {
    seg_sink out = {stdout_write, NULL, "-"};
    status = seg_engine_dump_glossary(e, &out, &err) || fflush(stdout) ? 1 : 0;
    if (status) print_error(&err);
    seg_engine_free(e);
    cli_args_free(&a);
    return status;
  }
  report r = {a.quiet, isatty(2) && !a.quiet, e, now(), now(), 0};
  seg_engine_set_warn(e, on_warn, &r);
  if (r.progress_on) seg_engine_set_progress(e, on_progress, &r);
  seg_outfile_catch_signals(); /* temporary outputs are removed on SIGINT, SIGTERM, SIGHUP */
  signal(SIGPIPE, SIG_IGN); /* a closed pipe is a write error, reported with exit 1 */
  status = run(&a, e);
  if (r.progress_on) progress_line(&r, r.bytes, 1);
  if (a.stats) print_stats(e, a.cfg.bilingual || a.cfg.target_key);
  seg_engine_free(e);
  cli_args_free(&a);
  return status;
}
