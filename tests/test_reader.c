/* reader: lines, offsets, BOM, CRLF, chunk boundaries. */
#include <criterion/criterion.h>
#include <string.h>

#include "helpers.h"
#include "reader.h"

static int next(seg_reader *r, seg_line *l) {
  seg_error err = {0};
  return seg_reader_next(r, l, &err);
}

Test(reader, lines_and_offsets) {
  const char *in = "ab\ncd\r\n\nlast";
  seg_reader *r = seg_reader_open_mem(in, strlen(in), "m");
  seg_line l;
  cr_assert_eq(next(r, &l), 1);
  cr_expect_eq(l.len, 2);
  cr_expect_eq(l.offset, 0);
  cr_assert_eq(next(r, &l), 1);
  cr_expect_eq(l.len, 2, "CR before LF is stripped");
  cr_expect_eq(l.offset, 3);
  cr_assert_eq(next(r, &l), 1);
  cr_expect_eq(l.len, 0);
  cr_expect_eq(l.lineno, 3);
  cr_assert_eq(next(r, &l), 1);
  cr_expect_eq(l.len, 4);
  cr_expect_eq(l.offset, 8);
  cr_expect(!memcmp(l.bytes, "last", 4));
  cr_expect_eq(next(r, &l), 0);
  cr_expect_eq(next(r, &l), 0);
  seg_reader_free(r);
}

Test(reader, bom_is_skipped_but_counted) {
  const char *in = "\xEF\xBB\xBFHalo\n";
  seg_reader *r = seg_reader_open_mem(in, strlen(in), "m");
  seg_line l;
  cr_assert_eq(next(r, &l), 1);
  cr_expect_eq(l.offset, 3);
  cr_expect_eq(l.len, 4);
  cr_expect(seg_reader_had_bom(r));
  seg_reader_free(r);
}

Test(reader, long_line_across_chunks_from_file) {
  char *dir = temp_dir();
  char path[256];
  snprintf(path, sizeof path, "%s/long.txt", dir);
  size_t n = 200000;
  char *buf = malloc(n + 3);
  memset(buf, 'a', n);
  memcpy(buf + n, "\nb", 2);
  spit(path, buf, n + 2);
  FILE *f = fopen(path, "rb");
  seg_reader *r = seg_reader_open_file(f, path);
  seg_line l;
  cr_assert_eq(next(r, &l), 1);
  cr_expect_eq(l.len, n);
  cr_assert_eq(next(r, &l), 1);
  cr_expect_eq(l.offset, n + 1);
  cr_expect_eq(l.len, 1);
  cr_expect_eq(next(r, &l), 0);
  cr_expect_eq(seg_reader_bytes(r), n + 2);
  seg_reader_free(r);
  fclose(f);
  free(buf);
}

Test(reader, empty_input) {
  seg_reader *r = seg_reader_open_mem("", 0, "m");
  seg_line l;
  cr_expect_eq(next(r, &l), 0);
  seg_reader_free(r);
}

/* Decoding is visible: plain input is not decoded; a gzip'd file is, with offsets into the
 * decompressed text; the legacy hint comes from the first chunk. */
Test(reader, exposes_decoding_and_the_legacy_hint) {
  char *dir = temp_dir();
  char plain[256], zipped[256], legacy[256], cmd[1024];
  snprintf(plain, sizeof plain, "%s/a.txt", dir);
  snprintf(zipped, sizeof zipped, "%s/a.txt.gz", dir);
  snprintf(legacy, sizeof legacy, "%s/w.txt", dir);
  spit(plain, "Satu.\nDua.\n", 11);
  spit(legacy, "Caf\xe9 \x93kopi\x94.\n", 13);
  snprintf(cmd, sizeof cmd, "gzip -c '%s' > '%s'", plain, zipped);
  cr_assert_eq(system(cmd), 0);
  static const struct {
    const char *path;
    int decoded;
    const char *decoding, *hint;
  } cases[] = {{NULL, 0, NULL, NULL}, {NULL, 1, "gzip", NULL}, {NULL, 0, NULL, "windows-1252"}};
  const char *paths[] = {plain, zipped, legacy};
  for (int i = 0; i < 3; i++) {
    FILE *f = fopen(paths[i], "rb");
    cr_assert_not_null(f);
    seg_reader *r = seg_reader_open_file(f, paths[i]);
    seg_line l;
    cr_assert_eq(next(r, &l), 1);
    cr_expect_eq(seg_reader_decoded(r), cases[i].decoded, "%s", paths[i]);
    if (cases[i].decoding) cr_expect_str_eq(seg_reader_decoding(r), cases[i].decoding);
    else cr_expect_null(seg_reader_decoding(r));
    if (cases[i].hint) cr_expect_str_eq(seg_reader_legacy_hint(r), cases[i].hint);
    else cr_expect_null(seg_reader_legacy_hint(r));
    if (i == 1) {
      cr_assert_eq(next(r, &l), 1);
      cr_expect_eq(l.offset, 6, "offsets count decompressed bytes");
    }
    seg_reader_free(r);
    fclose(f);
  }
  const char *mem = "Caf\xe9 \x93kopi\x94.\n";
  seg_reader *m = seg_reader_open_mem(mem, strlen(mem), "m");
  cr_expect_str_eq(seg_reader_legacy_hint(m), "windows-1252", "memory readers guess when asked");
  seg_reader_free(m);
}
