/* writer: the column table and parsing, the header, field sanitizing, and whole rows in both
 * formats. */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "writer.h"

Test(tsv, parse_columns_in_order) {
  seg_columns c;
  seg_error err = {0};
  cr_assert_eq(seg_columns_parse("text,doc,sent", SEG_ROWS_SENTENCE, &c, &err), SEG_OK);
  cr_expect_eq(c.n, 3);
  cr_expect_eq(c.col[0], SEG_COL_TEXT);
  cr_expect_eq(c.col[2], SEG_COL_SENT);
  cr_assert_eq(seg_columns_parse(SEG_DEFAULT_COLUMNS, SEG_ROWS_SENTENCE, &c, &err), SEG_OK);
  cr_expect_eq(c.n, 8);
}

Test(tsv, unknown_and_wrong_mode_columns) {
  seg_columns c;
  seg_error err = {0};
  cr_expect_eq(seg_columns_parse("text,bogus", SEG_ROWS_SENTENCE, &c, &err), SEG_ERR_CONFIG);
  cr_expect(strstr(err.msg, "unknown column 'bogus'"), "%s", err.msg);
  cr_expect_eq(seg_columns_parse("src", SEG_ROWS_SENTENCE, &c, &err), SEG_ERR_CONFIG);
  cr_expect_eq(seg_columns_parse("src,tgt,doc", SEG_ROWS_PAIR, &c, &err), SEG_OK);
  cr_expect_eq(seg_columns_parse("", SEG_ROWS_SENTENCE, &c, &err), SEG_ERR_CONFIG);
}

static int buf_write(void *ctx, const char *bytes, size_t len) {
  seg_buf_append(ctx, bytes, len);
  return 0;
}

Test(tsv, header_row) {
  seg_columns c;
  seg_error err = {0};
  seg_columns_parse("doc,text", SEG_ROWS_SENTENCE, &c, &err);
  seg_buf b = {0};
  seg_sink sink = {buf_write, &b, "mem"};
  seg_writer *w = seg_writer_new(&seg_format_tsv, &c, &sink);
  seg_writer_header(w);
  cr_expect_eq(seg_writer_pending(w, 1, &err), SEG_OK);
  cr_expect_str_eq(b.data, "doc\ttext\n");
  seg_writer_free(w);
  w = seg_writer_new(&seg_format_jsonl, &c, &sink);
  seg_writer_header(w); /* JSON Lines has no header row */
  seg_writer_pending(w, 1, &err);
  cr_expect_str_eq(b.data, "doc\ttext\n");
  seg_writer_free(w);
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

/* Control bytes other than tab, CR and LF pass through a text field unchanged, at every
 * place of fields long and short (the copy flags them for the exact scan, which keeps them). */
Test(tsv, field_keeps_other_control_bytes) {
  const char ctl[] = {0x01, 0x08, 0x0B, 0x0C, 0x00, 0x1F};
  for (size_t n = 1; n <= 40; n++)
    for (size_t at = 0; at < n; at++) {
      char in[48];
      for (size_t i = 0; i < n; i++) in[i] = (char)('a' + i % 26);
      in[at] = ctl[(n + at) % sizeof ctl];
      seg_buf b = {0};
      seg_tsv_field(&b, in, n);
      cr_assert_eq(b.len, n);
      cr_assert(!memcmp(b.data, in, n), "length %zu, control byte at %zu", n, at);
      seg_buf_free(&b);
    }
}

/* seg_tsv_uint writes what printf's %zu writes: every power of ten and its neighbours, every
 * value below 1000, and the largest size_t; appended after what the buffer holds. */
Test(tsv, uint_like_printf) {
  size_t vals[3000], nv = 0;
  for (size_t v = 0; v < 1000; v++) vals[nv++] = v;
  for (size_t p = 1000;; p *= 10) {
    vals[nv++] = p - 1;
    vals[nv++] = p;
    vals[nv++] = p + 1;
    vals[nv++] = p * 7 + 42;
    if (p > SIZE_MAX / 10) break;
  }
  vals[nv++] = SIZE_MAX;
  vals[nv++] = SIZE_MAX - 1;
  for (size_t k = 0; k < nv; k++) {
    char want[40];
    snprintf(want, sizeof want, "x%zu", vals[k]);
    seg_buf b = {0};
    seg_buf_putc(&b, 'x');
    seg_tsv_uint(&b, vals[k]);
    cr_assert_str_eq(b.data, want);
    cr_assert_eq(b.len, strlen(want));
    seg_buf_free(&b);
  }
}

/* The error for an unknown column lists the allowed ones, generated from the table. */
Test(writer, unknown_column_lists_the_allowed_ones) {
  seg_columns c;
  seg_error err = {0};
  cr_expect_eq(seg_columns_parse("text,score", SEG_ROWS_SENTENCE, &c, &err), SEG_ERR_CONFIG);
  cr_expect_str_eq(err.msg, "--columns: unknown column 'score' "
                            "(doc,para,sent,line,text,orig,start,end,terms,lang,hash,factors)");
  cr_expect_eq(seg_columns_parse("src,para", SEG_ROWS_PAIR, &c, &err), SEG_ERR_CONFIG);
  cr_expect_str_eq(err.msg, "--columns: unknown column 'para' for aligned output "
                            "(doc,line,src,tgt,src_ids,tgt_ids,score,lang,hash,term_missing,factors)");
}

/* One row, every sentence column, in both formats: TSV sanitizes, JSONL escapes. */
Test(writer, one_row_in_both_formats) {
  seg_columns c;
  seg_error err = {0};
  cr_assert_eq(seg_columns_parse("doc,para,sent,line,start,end,text,orig,terms", SEG_ROWS_SENTENCE,
                                 &c, &err), SEG_OK);
  seg_row row = {.doc = {"d\"1", 3}, .para = 2, .sent = 3, .line = 4, .start = 5, .end = 9,
                 .text = {"a\tb", 3}, .orig = {"a\tb\xFF", 4}, .terms = {"AS=Amerika Serikat=", 19}};
  seg_buf b = {0};
  seg_row_format(&b, &seg_format_tsv, &c, &row, NULL);
  cr_expect_str_eq(b.data, "d\"1\t2\t3\t4\t5\t9\ta b\ta b\xEF\xBF\xBD\tAS=Amerika Serikat=\n");
  seg_buf_clear(&b);
  seg_row_format(&b, &seg_format_jsonl, &c, &row, NULL);
  cr_expect_str_eq(b.data, "{\"doc\":\"d\\\"1\",\"para\":2,\"sent\":3,\"line\":4,\"start\":5,"
                           "\"end\":9,\"text\":\"a\\tb\",\"orig\":\"a\\tb\xEF\xBF\xBD\","
                           "\"terms\":\"AS=Amerika Serikat=\"}\n");
  seg_buf_free(&b);
}

/* Pair rows: sentence numbers are 1-based lists, quoted in JSON; the score has 3 decimals. */
Test(writer, pair_row_ids_and_score) {
  seg_columns c;
  seg_error err = {0};
  cr_assert_eq(seg_columns_parse("src_ids,tgt_ids,score", SEG_ROWS_PAIR, &c, &err), SEG_OK);
  seg_row row = {.src_first = 3, .src_count = 2, .tgt_first = 0, .tgt_count = 0, .score = 0.5};
  seg_buf b = {0};
  seg_row_format(&b, &seg_format_tsv, &c, &row, NULL);
  cr_expect_str_eq(b.data, "4,5\t\t0.500\n");
  seg_buf_clear(&b);
  seg_row_format(&b, &seg_format_jsonl, &c, &row, NULL);
  cr_expect_str_eq(b.data, "{\"src_ids\":\"4,5\",\"tgt_ids\":\"\",\"score\":0.500}\n");
  seg_buf_free(&b);
}

/* With holes, the sent column is left out and its place recorded. */
Test(writer, sentence_number_holes) {
  seg_columns c;
  seg_error err = {0};
  cr_assert_eq(seg_columns_parse("sent,text", SEG_ROWS_SENTENCE, &c, &err), SEG_OK);
  seg_holes h = {0};
  seg_buf b = {0};
  seg_row row = {.sent = 7, .text = {"x", 1}};
  seg_row_format(&b, &seg_format_tsv, &c, &row, &h);
  cr_expect_str_eq(b.data, "\tx\n");
  cr_expect_eq(h.n, 1);
  cr_expect_eq(h.v[0].pos, 0);
  cr_expect_eq(h.v[0].rel, 7);
  free(h.v);
  seg_buf_free(&b);
}

/* A sink that fails: the writer reports a write error naming it, once, and writes nothing
 * after. */
static int failing_write(void *ctx, const char *bytes, size_t len) {
  (void)ctx, (void)bytes, (void)len;
  errno = ENOSPC;
  return -1;
}

Test(writer, write_error_names_the_sink) {
  seg_columns c;
  seg_error err = {0};
  seg_columns_parse("text", SEG_ROWS_SENTENCE, &c, &err);
  seg_sink sink = {failing_write, NULL, "full.tsv"};
  seg_writer *w = seg_writer_new(&seg_format_tsv, &c, &sink);
  seg_row row = {.text = {"x", 1}};
  seg_writer_row(w, &row);
  cr_expect_eq(seg_writer_pending(w, 1, &err), SEG_ERR_IO);
  cr_expect_str_eq(err.file, "full.tsv");
  cr_expect(strstr(err.msg, "write error: "), "%s", err.msg);
  seg_writer_free(w);
}
