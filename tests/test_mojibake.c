/* mojibake: repair of UTF-8 text that went through a Windows-1252 / Latin-1 decoder once or
 * twice, the ambiguous cases that must be left to the caller (dropped), and clean text that
 * must never be touched. Inputs are built by mis-decoding correct text here, byte by byte. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <string.h>

#include "buf.h"
#include "mojibake.h"

/* Windows-1252 for 0x80..0x9F (0: undefined). */
static const unsigned cp1252[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

/* What a Windows-1252 decoder makes of UTF-8 `s`: each byte >= 0x80 becomes one character;
 * an undefined byte becomes U+FFFD when `lossy`, else its Latin-1 control character. */
static void misdecode(const char *s, int lossy, seg_buf *out) {
  seg_buf_clear(out);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    unsigned c = *p;
    if (c >= 0x80 && c <= 0x9F) c = cp1252[c - 0x80] ? cp1252[c - 0x80] : (lossy ? 0xFFFD : c);
    seg_buf_put_utf8(out, c);
  }
}

typedef struct {
  const char *text;
  seg_mojibake_result want;
} clean_case;

/* Correct text with Latin letters, symbols and other scripts: never suspicious. */
static const clean_case clean_cases[] = {
    {"Harga beras naik lagi minggu ini.", SEG_MOJIBAKE_CLEAN},
    {"Kafe di Paris itu bernama Café Lutèce.", SEG_MOJIBAKE_CLEAN},
    {"Tim dari São Paulo dan JOÃO menang 2–1 pada 5 °C.", SEG_MOJIBAKE_CLEAN},
    {"Luasnya 40 m² atau ½ hektare, kata Günther Straße.", SEG_MOJIBAKE_CLEAN},
    {"Kata Arab \xd8\xa7\xd9\x84\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 berarti damai.", SEG_MOJIBAKE_CLEAN},
    {"“Kutipan” dan ‘kutipan’ — serta … tanda elipsis.", SEG_MOJIBAKE_CLEAN},
    {"", SEG_MOJIBAKE_CLEAN},
};

ParameterizedTestParameters(mojibake, clean_text_untouched) {
  static size_t idx[sizeof clean_cases / sizeof clean_cases[0]];
  for (size_t i = 0; i < sizeof idx / sizeof idx[0]; i++) idx[i] = i;
  return cr_make_param_array(size_t, idx, sizeof idx / sizeof idx[0]);
}

ParameterizedTest(size_t *pi, mojibake, clean_text_untouched) {
  const clean_case *c = &clean_cases[*pi];
  seg_buf out = {0};
  seg_buf_append(&out, "sentinel", 8);
  cr_expect_eq(seg_mojibake_repair(c->text, strlen(c->text), &out), c->want, "%s", c->text);
  cr_expect_str_eq(out.data, "sentinel", "out untouched for clean text");
  cr_expect_eq(seg_mojibake_count(c->text, strlen(c->text)), 0);
  seg_buf_free(&out);
}

/* Text mis-decoded once (or twice) is repaired to exactly the original. */
static const char *const originals[] = {
    "“Kami siap,” katanya.",
    "Nama Latinnya Lutèce, bukan Lutetia.",
    "Luasnya 53 m² dan suhunya 30 °C.",
    "Ia bilang: ‘tidak’ — lalu pergi…",
    "Bahasa Arab: \xd8\xa7\xd9\x84\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85.",
    "Harga € 5 dan emoji \xf0\x9f\x98\x80 di akhir.",
};

ParameterizedTestParameters(mojibake, once_and_twice_repaired) {
  static size_t idx[sizeof originals / sizeof originals[0]];
  for (size_t i = 0; i < sizeof idx / sizeof idx[0]; i++) idx[i] = i;
  return cr_make_param_array(size_t, idx, sizeof idx / sizeof idx[0]);
}

ParameterizedTest(size_t *pi, mojibake, once_and_twice_repaired) {
  const char *const *orig = &originals[*pi];
  seg_buf bad = {0}, worse = {0}, out = {0};
  misdecode(*orig, 0, &bad);
  cr_assert_neq(strcmp(bad.data, *orig), 0, "the test input really is mis-decoded");
  cr_expect_gt(seg_mojibake_count(bad.data, bad.len), 0);
  cr_assert_eq(seg_mojibake_repair(bad.data, bad.len, &out), SEG_MOJIBAKE_REPAIRED, "%s", bad.data);
  cr_expect_str_eq(out.data, *orig);
  misdecode(bad.data, 0, &worse);
  cr_assert_eq(seg_mojibake_repair(worse.data, worse.len, &out), SEG_MOJIBAKE_REPAIRED);
  cr_expect_str_eq(out.data, *orig, "twice mis-decoded");
  seg_buf_free(&bad);
  seg_buf_free(&worse);
  seg_buf_free(&out);
}

Test(mojibake, lost_byte_is_ambiguous) {
  /* U+201D is E2 80 9D; 0x9D is undefined in Windows-1252, so a decoder wrote U+FFFD: the
   * byte could have been any of five, and the row cannot be repaired */
  seg_buf bad = {0}, out = {0};
  misdecode("Dia berkata “cukup”.", 1, &bad);
  cr_assert(strstr(bad.data, "\xef\xbf\xbd"), "the closing quote lost a byte");
  cr_expect_eq(seg_mojibake_repair(bad.data, bad.len, &out), SEG_MOJIBAKE_UNREPAIRABLE);
  cr_expect_eq(out.len, 0, "out untouched");
  /* the same text decoded as Latin-1 keeps the byte (U+009D) and is repaired */
  misdecode("Dia berkata “cukup”.", 0, &bad);
  cr_expect_eq(seg_mojibake_repair(bad.data, bad.len, &out), SEG_MOJIBAKE_REPAIRED);
  cr_expect_str_eq(out.data, "Dia berkata “cukup”.");
  seg_buf_free(&bad);
  seg_buf_free(&out);
}

Test(mojibake, truncated_sequence_is_a_remnant) {
  seg_buf out = {0};
  const char *cut = "Akhir kalimat â€"; /* E2 80 without its third byte */
  cr_expect_eq(seg_mojibake_repair(cut, strlen(cut), &out), SEG_MOJIBAKE_UNREPAIRABLE);
  cr_expect_eq(seg_mojibake_count(cut, strlen(cut)), 1);
  seg_buf_free(&out);
}

Test(mojibake, invalid_bytes_pass_through) {
  seg_buf out = {0};
  const char in[] = "rusak \xff lalu Ã© di sini";
  cr_assert_eq(seg_mojibake_repair(in, sizeof in - 1, &out), SEG_MOJIBAKE_REPAIRED);
  cr_expect_str_eq(out.data, "rusak \xff lalu \xc3\xa9 di sini");
  seg_buf_free(&out);
}
