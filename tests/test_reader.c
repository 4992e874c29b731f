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
