/* A tiny driver for the glossary load benchmark (bench/tbx_load.sh) and the tbx_10k test: loads
 * every FILE (TBX or YAML, by content) into one glossary, prints the number of terms and the
 * load time on stderr; with --dump writes the merged glossary as YAML on stdout. Exit status 2
 * with FILE:LINE:COL: message on a bad file. Test and benchmark code, not installed. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "glossary.h"
#include "tbx.h"

int main(int argc, char **argv) {
  int dump = 0;
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  seg_glossary *g = seg_glossary_new();
  seg_error err = {0};
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--dump")) {
      dump = 1;
      continue;
    }
    if (seg_tbx_add_glossary_file(g, argv[i], &err)) {
      fprintf(stderr, "load_glossary: %s:%zu:%zu: %s\n", err.file, err.line, err.col, err.msg);
      seg_glossary_free(g);
      return 2;
    }
  }
  clock_gettime(CLOCK_MONOTONIC, &b);
  fprintf(stderr, "%zu terms in %.1f ms\n", seg_glossary_terms(g),
          (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6);
  if (dump) {
    seg_buf out = {0};
    seg_glossary_dump_yaml(g, &out);
    fwrite(out.data, 1, out.len, stdout);
    seg_buf_free(&out);
  }
  seg_glossary_free(g);
  return 0;
}
