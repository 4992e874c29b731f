/* Fuzz target: bytes -> two documents (split at the first NUL byte, lines are sentences) ->
 * aligner. The links must cover both sides exactly once, in order. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "align.h"

static seg_dict *dict;

static size_t lines(const char *s, size_t n, seg_sentence **out) {
  size_t cap = 16, k = 0;
  seg_sentence *v = malloc(cap * sizeof *v);
  for (size_t i = 0; i < n;) {
    const char *nl = memchr(s + i, '\n', n - i);
    size_t len = nl ? (size_t)(nl - (s + i)) : n - i;
    if (k == cap) v = realloc(v, (cap *= 2) * sizeof *v);
    v[k++] = (seg_sentence){s + i, len, len && s[i] == '#'};
    i += len + 1;
  }
  *out = v;
  return k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  seg_error err = {0};
  if (!dict && !(dict = seg_dict_default(&err))) abort();
  const char *s = (const char *)data;
  const char *nul = memchr(s, 0, size);
  size_t a = nul ? (size_t)(nul - s) : size;
  seg_sentence *src, *tgt;
  size_t n = lines(s, a, &src);
  size_t m = lines(nul ? nul + 1 : s + size, nul ? size - a - 1 : 0, &tgt);
  seg_link *links;
  size_t nl;
  if (seg_align(dict, src, n, tgt, m, NULL, &links, &nl, &err) != SEG_OK) abort();
  size_t i = 0, j = 0;
  for (size_t k = 0; k < nl; k++) {
    if (links[k].src != i || links[k].tgt != j || links[k].nsrc > 2 || links[k].ntgt > 2) abort();
    if (!links[k].nsrc && !links[k].ntgt) abort();
    i += links[k].nsrc;
    j += links[k].ntgt;
  }
  if (i != n || j != m) abort();
  free(links);
  free(src);
  free(tgt);
  return 0;
}
