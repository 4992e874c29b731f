/* Test helpers: run the built `segment` binary and capture stdout, stderr and exit status;
 * read and write small files. Test-only code. */
#ifndef SEG_TEST_HELPERS_H
#define SEG_TEST_HELPERS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct {
  char *out, *err;
  size_t out_len, err_len;
  int status; /* exit status, or 128+signal */
} run_result;

static inline char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 4096, n = 0, k;
  char *b = malloc(cap + 1);
  while ((k = fread(b + n, 1, cap - n, f)) > 0) {
    n += k;
    if (n == cap) b = realloc(b, (cap *= 2) + 1);
  }
  fclose(f);
  b[n] = '\0';
  if (len) *len = n;
  return b;
}

static inline void spit(const char *path, const char *bytes, size_t len) {
  FILE *f = fopen(path, "wb");
  if (!f) abort();
  fwrite(bytes, 1, len, f);
  fclose(f);
}

/* A fresh temporary directory per call (the name lives until the next call). */
static inline char *temp_dir(void) {
  static char d[32];
  strcpy(d, "/tmp/segtest.XXXXXX");
  if (!mkdtemp(d)) abort();
  return d;
}

/* Runs `segment ARGS` inside `dir` (stdin from `in` when non-NULL, else /dev/null; stdout to
 * `out` when non-NULL, else captured). */
static inline run_result run_to(const char *dir, const char *args, const char *in,
                                const char *out) {
  run_result r = {0};
  char *cmd;
  if (asprintf(&cmd, "cd '%s' && '%s' %s <%s >'%s%s' 2>'%s/.err'", dir, SEGMENT_BIN, args,
               in ? in : "/dev/null", out ? out : dir, out ? "" : "/.out", dir) < 0)
    abort();
  int st = system(cmd);
  free(cmd);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
  char *p;
  if (asprintf(&p, "%s/.out", dir) < 0) abort();
  r.out = slurp(p, &r.out_len);
  free(p);
  if (asprintf(&p, "%s/.err", dir) < 0) abort();
  r.err = slurp(p, &r.err_len);
  free(p);
  return r;
}

/* Runs `segment ARGS` inside `dir`, stdout captured. */
static inline run_result run_in(const char *dir, const char *args, const char *in) {
  return run_to(dir, args, in, NULL);
}

static inline void run_free(run_result *r) {
  free(r->out);
  free(r->err);
}

#endif
