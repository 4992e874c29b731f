/* decode: compressed and transcoded inputs through the reader give the lines and offsets of
 * the same text in plain UTF-8; corrupt input is an error; memory stays bounded; the
 * legacy-encoding guess. Compressed inputs are made here with the libraries themselves. */
#include <criterion/criterion.h>
#include <string.h>
#include <sys/resource.h>
#include <zstd.h>

#include "buf.h"
#include "compress.h"
#include "decode.h"
#include "helpers.h"
#include "reader.h"

/* A text of about `size` bytes of varied lines (ASCII, Indonesian, 4-byte UTF-8). */
static void sample_text(seg_buf *b, size_t size) {
  static const char *words[] = {"Harga", "beras", "naik", "di", "Jakarta", "café", "“kutipan”",
                                "😀", "ﬁ", "Presiden", "AS", "tiba.", "Rp10.000", "pukul"};
  unsigned x = 7;
  while (b->len < size) {
    x = x * 1103515245u + 12345u;
    seg_buf_append(b, words[(x >> 16) % 14], strlen(words[(x >> 16) % 14]));
    seg_buf_putc(b, (x >> 8) % 9 == 0 ? '\n' : ' ');
  }
  seg_buf_putc(b, '\n');
}

/* ---------- reading back ---------- */

typedef struct {
  seg_buf text; /* lines joined by '\n', then "@offset" per line */
  int rc;
  seg_error err;
  int decoded;
  char decoding[64];
} readback;

static readback read_all(const char *bytes, size_t len, const char *encoding) {
  readback rb = {0};
  FILE *f = fmemopen((void *)bytes, len, "rb");
  cr_assert_not_null(f);
  seg_reader *r = seg_reader_open_file(f, "in");
  seg_reader_set_encoding(r, encoding);
  seg_line l;
  while ((rb.rc = seg_reader_next(r, &l, &rb.err)) > 0) {
    char off[32];
    snprintf(off, sizeof off, "@%zu\n", l.offset);
    seg_buf_append(&rb.text, l.bytes, l.len);
    seg_buf_append(&rb.text, off, strlen(off));
  }
  rb.decoded = seg_reader_decoded(r);
  if (seg_reader_decoding(r)) snprintf(rb.decoding, sizeof rb.decoding, "%s", seg_reader_decoding(r));
  seg_reader_free(r);
  fclose(f);
  return rb;
}

static void expect_same_as_plain(const seg_buf *input, const seg_buf *plain, const char *encoding,
                                 const char *decoding, const char *what) {
  readback want = read_all(plain->data, plain->len, NULL);
  readback got = read_all(input->data, input->len, encoding);
  cr_expect_eq(got.rc, 0, "%s: %s", what, got.err.msg);
  cr_expect_eq(got.text.len, want.text.len, "%s", what);
  cr_expect(got.text.len == want.text.len && !memcmp(got.text.data, want.text.data, want.text.len),
            "%s: lines or offsets differ", what);
  cr_expect_eq(got.decoded, decoding != NULL, "%s", what);
  if (decoding) cr_expect_str_eq(got.decoding, decoding, "%s", what);
  seg_buf_free(&want.text);
  seg_buf_free(&got.text);
}

/* ---------- tests ---------- */

Test(decode, needed_only_for_magic_numbers_and_wide_boms) {
  static const struct {
    const char *head;
    size_t len;
    int needed;
  } cases[] = {
      {"\x1f\x8b\x08\0", 4, 1},       {"\x28\xb5\x2f\xfd", 4, 1}, {"\xfd" "7zXZ\0", 6, 1},
      {"\xff\xfeH\0", 4, 1},          {"\xfe\xff\0H", 4, 1},      {"\xff\xfe\0\0", 4, 1},
      {"\0\0\xfe\xff", 4, 1},         {"\xef\xbb\xbfHa", 5, 0},   {"Halo", 4, 0},
      {"\x1f", 1, 0},                 {"\xfd" "7zX", 4, 0},       {"", 0, 0},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    cr_expect_eq(seg_decode_needed(cases[i].head, cases[i].len), cases[i].needed, "case %zu", i);
}

Test(decode, compressed_inputs_read_like_the_plain_text) {
  static const struct {
    compress_fn fn;
    const char *name;
  } kinds[] = {{gzip_into, "gzip"}, {zstd_into, "zstd"}, {xz_into, "xz"}};
  seg_buf plain = {0};
  sample_text(&plain, 300000); /* several 64 KiB chunks */
  for (size_t k = 0; k < 3; k++) {
    seg_buf z = {0};
    kinds[k].fn(&z, plain.data, plain.len);
    expect_same_as_plain(&z, &plain, NULL, kinds[k].name, kinds[k].name);
    /* concatenated members / frames / streams: the texts one after the other */
    seg_buf twice = {0}, cat = {0};
    seg_buf_append(&twice, plain.data, plain.len);
    seg_buf_append(&twice, "Tambahan.\n", 10);
    kinds[k].fn(&cat, plain.data, plain.len);
    kinds[k].fn(&cat, "Tambahan.\n", 10);
    expect_same_as_plain(&cat, &twice, NULL, kinds[k].name, kinds[k].name);
    seg_buf_free(&z);
    seg_buf_free(&twice);
    seg_buf_free(&cat);
  }
  seg_buf_free(&plain);
}

Test(decode, truncated_or_trailing_garbage_is_an_input_error) {
  static const struct {
    compress_fn fn;
    const char *msg;
  } kinds[] = {{gzip_into, "gzip input: truncated"},
               {zstd_into, "zstd input: truncated"},
               {xz_into, "xz input: truncated"}};
  seg_buf plain = {0};
  sample_text(&plain, 100000);
  for (size_t k = 0; k < 3; k++) {
    seg_buf z = {0};
    kinds[k].fn(&z, plain.data, plain.len);
    readback rb = read_all(z.data, z.len / 2, NULL);
    cr_expect_lt(rb.rc, 0, "%s", kinds[k].msg);
    cr_expect_eq(rb.err.code, SEG_ERR_INPUT, "%s", kinds[k].msg);
    cr_expect(!strncmp(rb.err.msg, kinds[k].msg, strlen(kinds[k].msg)), "got '%s'", rb.err.msg);
    cr_expect_str_eq(rb.err.file, "in");
    seg_buf_free(&rb.text);
    seg_buf_free(&z);
  }
  seg_buf z = {0};
  gzip_into(&z, "Halo.\n", 6);
  seg_buf_append(&z, "junk", 4);
  readback rb = read_all(z.data, z.len, NULL);
  cr_expect_lt(rb.rc, 0);
  cr_expect_eq(rb.err.code, SEG_ERR_INPUT);
  cr_expect_str_eq(rb.err.msg, "gzip input: trailing garbage after the compressed data");
  seg_buf_free(&rb.text);
  seg_buf_free(&z);
  seg_buf_free(&plain);
}

/* A UTF-16/32 file with a BOM reads exactly like its UTF-8 transcoding with a UTF-8 BOM:
 * same lines, same offsets (decoded UTF-8 bytes, the BOM's three included). */
Test(decode, wide_encodings_with_a_bom_read_like_utf8_with_a_bom) {
  static const char *encodings[] = {"UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"};
  seg_buf plain = {0};
  seg_buf_append(&plain, "\xEF\xBB\xBF", 3);
  sample_text(&plain, 150000);
  for (size_t e = 0; e < 4; e++) {
    seg_buf wide = {0}, zipped = {0};
    transcode_into(&wide, encodings[e], plain.data, plain.len);
    expect_same_as_plain(&wide, &plain, NULL, encodings[e], encodings[e]);
    gzip_into(&zipped, wide.data, wide.len);
    char both[32];
    snprintf(both, sizeof both, "gzip+%s", encodings[e]);
    expect_same_as_plain(&zipped, &plain, NULL, both, both);
    seg_buf_free(&wide);
    seg_buf_free(&zipped);
  }
  seg_buf_free(&plain);
}

Test(decode, forced_legacy_encodings) {
  static const struct {
    const char *encoding, *raw, *utf8;
  } cases[] = {
      {"windows-1252", "Caf\xe9 \x93naik\x94 \x80 5\n", "Café “naik” € 5\n"},
      {"iso-8859-1", "Caf\xe9 d\xe9j\xe0\n", "Café déjà\n"},
      {"ISO-8859-15", "\xa4 10\n", "€ 10\n"},
      {"UTF-8", "Caf\xc3\xa9\n", "Café\n"}, /* no transcoding at all */
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    seg_buf in = {0}, want = {0};
    seg_buf_append(&in, cases[i].raw, strlen(cases[i].raw));
    seg_buf_append(&want, cases[i].utf8, strlen(cases[i].utf8));
    expect_same_as_plain(&in, &want, cases[i].encoding, i < 3 ? cases[i].encoding : NULL,
                         cases[i].encoding);
    seg_buf_free(&in);
    seg_buf_free(&want);
  }
}

Test(decode, unknown_encoding_names_are_config_errors) {
  static const char *bad[] = {"nope", "", "windows-99999"};
  for (size_t i = 0; i < 3; i++) {
    seg_error err = {0};
    cr_expect_eq(seg_decode_check_encoding(bad[i], &err), SEG_ERR_CONFIG, "'%s'", bad[i]);
    cr_expect(strstr(err.msg, "unknown encoding"), "%s", err.msg);
    cr_expect(strstr(err.msg, "windows-1252"), "the message names valid examples: %s", err.msg);
  }
  static const char *good[] = {"windows-1252", "cp1252", "latin1", "UTF-16LE", "utf-8"};
  for (size_t i = 0; i < 5; i++) {
    seg_error err = {0};
    cr_expect_eq(seg_decode_check_encoding(good[i], &err), SEG_OK, "'%s': %s", good[i], err.msg);
  }
  cr_expect(seg_decode_is_utf8("utf8"));
  cr_expect(!seg_decode_is_utf8("latin1"));
}

/* 64 MiB of lines, compressed piece by piece (the plain text never exists whole), read back:
 * the peak RSS grows by far less than the input. */
Test(decode, memory_is_bounded_by_chunks_not_by_the_input) {
  size_t piece = 1u << 20, pieces = 64;
  char *text = malloc(piece);
  cr_assert_not_null(text);
  for (size_t i = 0; i < piece; i++) text[i] = i % 64 == 63 ? '\n' : (char)('a' + i % 26);
  ZSTD_CCtx *cc = ZSTD_createCCtx();
  seg_buf z = {0};
  for (size_t p = 0; p < pieces; p++) {
    ZSTD_inBuffer ib = {text, piece, 0};
    ZSTD_EndDirective mode = p + 1 == pieces ? ZSTD_e_end : ZSTD_e_continue;
    size_t left;
    do {
      seg_buf_reserve(&z, 1u << 16);
      ZSTD_outBuffer ob = {z.data + z.len, z.cap - z.len - 1, 0};
      left = ZSTD_compressStream2(cc, &ob, &ib, mode);
      cr_assert(!ZSTD_isError(left));
      z.len += ob.pos;
    } while (mode == ZSTD_e_end ? left != 0 : ib.pos < ib.size);
  }
  ZSTD_freeCCtx(cc);
  free(text);
  struct rusage before, after;
  getrusage(RUSAGE_SELF, &before);
  FILE *f = fmemopen(z.data, z.len, "rb");
  seg_reader *r = seg_reader_open_file(f, "big");
  seg_line l;
  seg_error err = {0};
  size_t lines = 0;
  while (seg_reader_next(r, &l, &err) > 0) lines++;
  cr_expect_eq(lines, piece * pieces / 64);
  cr_expect_eq(seg_reader_bytes(r), piece * pieces);
  seg_reader_free(r);
  fclose(f);
  getrusage(RUSAGE_SELF, &after);
  long grew_kib = after.ru_maxrss - before.ru_maxrss;
  cr_expect_lt(grew_kib, 16 * 1024, "peak RSS grew by %ld KiB for 64 MiB of input", grew_kib);
  seg_buf_free(&z);
}

Test(decode, legacy_guess) {
  static const struct {
    const char *bytes, *want;
  } cases[] = {
      {"Caf\xe9 di Jakarta, harga \x93naik\x94 lagi.\n", "windows-1252"},
      {"Se\xf1or L\xf3pez fue a la caf\xe9teria.", "windows-1252"},
      {"Caf\xc3\xa9 di Jakarta, harga \xe2\x80\x9cnaik\xe2\x80\x9d lagi.\n", NULL}, /* UTF-8 */
      {"Harga beras naik.\n", NULL},                                              /* ASCII */
      {"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 satu \xff salah", NULL}, /* mostly UTF-8 */
      {"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\xff\xfe\x80", NULL},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const char *got = seg_decode_guess_legacy(cases[i].bytes, strlen(cases[i].bytes));
    if (cases[i].want) cr_expect(got && !strcmp(got, cases[i].want), "case %zu", i);
    else cr_expect_null(got, "case %zu", i);
  }
}
