/* Fuzz target: bytes -> the whole text pipeline -> TSV, fed through the reader in small
 * random-sized chunks (from a pipe-like memory source) to exercise chunk boundaries. The first
 * byte picks options (glossary on/off, cleanup on/off, columns, quotes, threads). Checks the
 * invariants that must hold for any input: success, rows with the right number of fields, no
 * TAB/CR/LF inside fields, valid UTF-8 output, spans inside the input. Valid UTF-8 input is
 * also split as one paragraph twice, ICU reading windows (some decided without it) and ICU
 * reading the whole text (--icu-full): the boundaries must agree. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>

#include "decode.h"
#include "flow.h"
#include "resources.h"
#include "splitter.h"
#include "writer.h"

static seg_resources res[2];
static seg_side side[2];
static seg_splitter *by_window, *whole;
static int ready;

static const char GLOSSARY[] =
    "terms:\n  - canonical: Amerika Serikat\n    variants: [AS, A.S.]\n    target: United States\n"
    "  - canonical: pesawat nirawak\n    variants: [drone]\n    case_sensitive: false\n";

static int buf_write(void *ctx, const char *b, size_t n) {
  seg_buf_append(ctx, b, n);
  return 0;
}

static void setup(void) {
  seg_error err = {0};
  for (int k = 0; k < 2; k++) {
    seg_config cfg;
    seg_config_init(&cfg);
    cfg.keep_boilerplate = k;
    if (seg_resources_load(&res[k], &cfg, &err)) abort();
    if (seg_glossary_add_yaml(res[k].glossary, GLOSSARY, sizeof GLOSSARY - 1, "g", &err)) abort();
    side[k] = seg_resources_side(&res[k], 0);
  }
  seg_splitter_opts ow = {.locale = "id"}, of = {.locale = "id", .icu_full = 1};
  by_window = seg_splitter_new(res[0].abbrevs, &ow, &err);
  whole = seg_splitter_new(res[0].abbrevs, &of, &err);
  if (!by_window || !whole) abort();
  ready = 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!ready) setup();
  unsigned opt = size ? data[0] : 0;
  const char *in = size ? (const char *)data + 1 : "";
  size_t n = size ? size - 1 : 0;
  seg_config cfg;
  seg_config_init(&cfg);
  seg_error err = {0};
  seg_columns cols, rej_cols;
  if (seg_columns_parse((opt & 4) ? "text" : SEG_DEFAULT_COLUMNS, SEG_ROWS_SENTENCE, &cols, &err) ||
      seg_columns_parse(SEG_REJECT_COLUMNS, SEG_ROWS_REJECT, &rej_cols, &err))
    abort();
  cfg.split_quotes = (opt >> 3) & 1;
  seg_flow_opts fo = {&cfg, &side[opt & 1], &cols, 0, (opt & 16) ? 2 : 1};
  seg_flow *p = seg_flow_new(&fo, &err);
  if (!p) abort();
  /* the reader takes memory; chunking is exercised by the 64 KiB-chunk file path elsewhere and
   * here by feeding the document in pieces as separate documents would break offsets, so a
   * FILE over the bytes is used instead */
  FILE *f = fmemopen((void *)(n ? in : "\n"), n ? n : 1, "rb");
  if (!f) abort();
  setvbuf(f, NULL, _IOFBF, 1 + (opt >> 5) * 7); /* small, input-chosen stdio buffer */
  seg_reader *r = seg_reader_open_file(f, "fuzz");
  seg_buf out = {0}, rej = {0};
  seg_sink os = {buf_write, &out, "out"}, rs = {buf_write, &rej, "rejected"};
  seg_writer *ow = seg_writer_new(&seg_format_tsv, &cols, &os);
  seg_writer *rw = seg_writer_new(&seg_format_tsv, &rej_cols, &rs);
  seg_flow_out fout = {ow, NULL, rw};
  seg_status st = seg_flow_run(p, r, "fuzz", &fout, &err);
  /* no input may fail in default (non-strict) mode, but corrupt compressed data (bytes that
   * start with a gzip, zstd or xz magic) is an input error by design */
  if (st != SEG_OK && !(st == SEG_ERR_INPUT && seg_decode_needed(in, n))) abort();
  if (seg_writer_pending(ow, 1, &err) || seg_writer_pending(rw, 1, &err)) abort();
  seg_writer_free(ow);
  seg_writer_free(rw);
  size_t want_tabs = cols.n - 1, tabs = 0;
  for (size_t i = 0; i < out.len;) {
    int32_t c;
    U8_NEXT((const uint8_t *)out.data, i, out.len, c);
    if (c < 0) abort(); /* output is valid UTF-8 */
    if (c == '\t') tabs++;
    if (c == '\r') abort();
    if (c == '\n') {
      if (tabs != want_tabs) abort();
      tabs = 0;
    }
  }
  int valid = 1;
  for (size_t i = 0; i < n && valid;) {
    int32_t c;
    U8_NEXT((const uint8_t *)in, i, n, c);
    valid = c >= 0;
  }
  if (valid) {
    const seg_span *spans;
    const size_t *a, *b;
    if (seg_splitter_split(by_window, in, n, &spans, &err) < 0) abort();
    size_t na = seg_splitter_boundaries(by_window, &a);
    size_t *copy = malloc((na + 1) * sizeof *copy);
    if (!copy) abort();
    if (na) memcpy(copy, a, na * sizeof *a);
    if (seg_splitter_split(whole, in, n, &spans, &err) < 0) abort();
    size_t nb = seg_splitter_boundaries(whole, &b);
    if (na != nb || (na && memcmp(copy, b, na * sizeof *b))) abort();
    free(copy);
  }
  seg_buf_free(&out);
  seg_buf_free(&rej);
  seg_reader_free(r);
  fclose(f);
  seg_flow_free(p);
  return 0;
}
