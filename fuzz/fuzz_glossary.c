/* Fuzz target: bytes -> YAML -> glossary (and, when it loads, a match over a fixed text).
 * Any input must either load or fail with a configuration error that has a message. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "glossary.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  seg_error err = {0};
  seg_glossary *g = seg_glossary_new();
  seg_status st = seg_glossary_add_yaml(g, (const char *)data, size, "fuzz.yaml", &err);
  if (st != SEG_OK) {
    if (st != SEG_ERR_CONFIG || !err.msg[0]) abort();
  } else {
    static const char text[] = "AS dan Perserikatan Bangsa-Bangsa (PBB) di www.x.com, drone.";
    seg_terms *n = seg_terms_new(g);
    seg_buf terms = {0};
    const char *out;
    size_t len;
    seg_terms_apply(n, text, sizeof text - 1, &out, &len, &terms);
    seg_buf_free(&terms);
    seg_terms_free(n);
  }
  seg_glossary_free(g);
  return 0;
}
