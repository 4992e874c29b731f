/* tsv: column parsing and field sanitizing. */
#include <criterion/criterion.h>
#include <string.h>

#include "tsv.h"

Test(tsv, parse_columns_in_order) {
  seg_columns c;
  seg_error err = {0};
  cr_assert_eq(seg_columns_parse("text,doc,sent", 0, &c, &err), SEG_OK);
  cr_expect_eq(c.n, 3);
  cr_expect_eq(c.col[0], SEG_COL_TEXT);
  cr_expect_eq(c.col[2], SEG_COL_SENT);
  cr_assert_eq(seg_columns_parse(SEG_DEFAULT_COLUMNS, 0, &c, &err), SEG_OK);
  cr_expect_eq(c.n, 8);
}

Test(tsv, unknown_and_wrong_mode_columns) {
  seg_columns c;
  seg_error err = {0};
  cr_expect_eq(seg_columns_parse("text,bogus", 0, &c, &err), SEG_ERR_CONFIG);
  cr_expect(strstr(err.msg, "unknown column 'bogus'"), "%s", err.msg);
  cr_expect_eq(seg_columns_parse("src", 0, &c, &err), SEG_ERR_CONFIG);
  cr_expect_eq(seg_columns_parse("src,tgt,doc", 1, &c, &err), SEG_OK);
  cr_expect_eq(seg_columns_parse("", 0, &c, &err), SEG_ERR_CONFIG);
}

Test(tsv, header_row) {
  seg_columns c;
  seg_error err = {0};
  seg_columns_parse("doc,text", 0, &c, &err);
  seg_buf b = {0};
  seg_tsv_header(&b, &c);
  cr_expect_str_eq(b.data, "doc\ttext\n");
  seg_buf_free(&b);
}

Test(tsv, fields_never_hold_tab_cr_lf) {
  seg_buf b = {0};
  seg_tsv_field(&b, "a\tb\rc\nd", 7);
  cr_expect_str_eq(b.data, "a b c d");
  seg_buf_clear(&b);
  seg_tsv_field_raw(&b, "x\ty\0z\xFF\xC3\xA9", 8);
  cr_expect_str_eq(b.data, "x y z\xEF\xBF\xBD\xC3\xA9");
  seg_buf_clear(&b);
  seg_tsv_uint(&b, 0);
  seg_tsv_uint(&b, 1234567);
  cr_expect_str_eq(b.data, "01234567");
  seg_buf_free(&b);
}

/* Every length up to 70 with a tab, CR or LF at every place (and none), appended after some
 * text already in the buffer: the field is the input with those bytes made spaces, and
 * nothing before it changes. */
Test(tsv, field_of_every_length_and_break_place) {
  const char brk[] = "\t\r\n";
  for (size_t n = 0; n <= 70; n++)
    for (size_t at = 0; at <= n; at++) {
      char in[80], want[96];
      for (size_t i = 0; i < n; i++) in[i] = (char)('a' + i % 26);
      if (at < n) in[at] = brk[(n + at) % 3];
      memcpy(want, "id\t", 3);
      for (size_t i = 0; i < n; i++) want[3 + i] = i == at ? ' ' : in[i];
      want[3 + n] = '\0';
      seg_buf b = {0};
      seg_buf_append(&b, "id\t", 3);
      seg_tsv_field(&b, in, n);
      cr_assert_eq(b.len, 3 + n);
      cr_assert_str_eq(b.data, want, "length %zu, break at %zu", n, at);
      seg_buf_free(&b);
    }
}
