/* Without libFuzzer, each fuzz target is this driver: it replays every file of the corpus
 * directories (or files) given on the command line through LLVMFuzzerTestOneInput, so the
 * targets always build and the corpus and regression files run in CI. */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return -1;
  size_t cap = 1 << 16, n = 0, k;
  uint8_t *buf = malloc(cap);
  while ((k = fread(buf + n, 1, cap - n, f)) > 0)
    if ((n += k) == cap) buf = realloc(buf, cap *= 2);
  fclose(f);
  LLVMFuzzerTestOneInput(buf, n);
  free(buf);
  return 0;
}

int main(int argc, char **argv) {
  size_t runs = 0;
  for (int a = 1; a < argc; a++) {
    struct stat st;
    if (stat(argv[a], &st)) {
      fprintf(stderr, "replay: %s: not found\n", argv[a]);
      return 1;
    }
    if (!S_ISDIR(st.st_mode)) {
      runs += run_file(argv[a]) == 0;
      continue;
    }
    DIR *d = opendir(argv[a]);
    struct dirent *e;
    while ((e = readdir(d))) {
      if (e->d_name[0] == '.') continue;
      char path[4096];
      snprintf(path, sizeof path, "%s/%s", argv[a], e->d_name);
      runs += run_file(path) == 0;
    }
    closedir(d);
  }
  printf("replayed %zu inputs\n", runs);
  return runs ? 0 : 1;
}
