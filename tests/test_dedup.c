/* dedup: the three key modes, the stable hash (pinned values: a change of the algorithm breaks
 * every stored `hash` column, so it must be deliberate), pair separation, and the bounded table
 * including what happens at its cap. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <string.h>

#include "buf.h"
#include "dedup.h"

typedef struct {
  seg_dedup_mode mode;
  const char *a, *b;
  int same;
} key_case;

static const key_case key_cases[] = {
    {SEG_DEDUP_FOLD, "Harga naik, kata dia.", "harga naik kata dia", 1},
    {SEG_DEDUP_FOLD, "HARGA  NAIK!", "Harga naik", 1},
    {SEG_DEDUP_FOLD, "«Ekonomi» tumbuh 5%", "ekonomi tumbuh 5", 1},
    {SEG_DEDUP_FOLD, "ÉCOLE à Paris", "école À paris", 1},
    {SEG_DEDUP_FOLD, "Tumbuh 5 persen", "Tumbuh 6 persen", 0},
    {SEG_DEDUP_FOLD, "kata dia", "kata mereka", 0},
    {SEG_DEDUP_LETTERS, "Tumbuh 5 persen", "Tumbuh 6 persen", 1},
    {SEG_DEDUP_LETTERS, "Pada 2020.", "pada", 1},
    {SEG_DEDUP_LETTERS, "kata dia", "kata mereka", 0},
    {SEG_DEDUP_EXACT, "Harga naik.", "Harga naik.", 1},
    {SEG_DEDUP_EXACT, "Harga naik.", "harga naik.", 0},
    {SEG_DEDUP_EXACT, "Harga naik.", "Harga naik", 0},
};

ParameterizedTestParameters(dedup, keys) {
  static size_t idx[sizeof key_cases / sizeof key_cases[0]];
  for (size_t i = 0; i < sizeof idx / sizeof idx[0]; i++) idx[i] = i;
  return cr_make_param_array(size_t, idx, sizeof idx / sizeof idx[0]);
}

ParameterizedTest(size_t *pi, dedup, keys) {
  const key_case *c = &key_cases[*pi];
  seg_buf ka = {0}, kb = {0}, scratch = {0};
  seg_dedup_key(c->mode, c->a, strlen(c->a), &ka);
  seg_dedup_key(c->mode, c->b, strlen(c->b), &kb);
  int same = ka.len == kb.len && !memcmp(ka.data, kb.data, ka.len);
  cr_expect_eq(same, c->same, "%s: '%s' vs '%s'", seg_dedup_mode_name(c->mode), c->a, c->b);
  uint64_t ha = seg_dedup_hash(c->mode, c->a, strlen(c->a), NULL, 0, &scratch);
  uint64_t hb = seg_dedup_hash(c->mode, c->b, strlen(c->b), NULL, 0, &scratch);
  cr_expect_eq(ha == hb, c->same, "hashes agree with keys");
  seg_buf_free(&ka);
  seg_buf_free(&kb);
  seg_buf_free(&scratch);
}

Test(dedup, mode_names) {
  cr_expect_eq(seg_dedup_mode_parse("fold"), SEG_DEDUP_FOLD);
  cr_expect_eq(seg_dedup_mode_parse("letters_only"), SEG_DEDUP_LETTERS);
  cr_expect_eq(seg_dedup_mode_parse("exact"), SEG_DEDUP_EXACT);
  cr_expect_eq(seg_dedup_mode_parse("Fold"), -1);
  cr_expect_eq(seg_dedup_mode_parse(""), -1);
  cr_expect_str_eq(seg_dedup_mode_name(SEG_DEDUP_LETTERS), "letters_only");
}

Test(dedup, hash_is_pinned) {
  /* values of this version's algorithm; a `hash` column written today must match tomorrow */
  cr_expect_eq(seg_dedup_hash64("", 0), 0x7acdbb98b1344213ull);
  cr_expect_eq(seg_dedup_hash64("segment", 7), 0x27f94601e18bdb5cull);
  cr_expect_eq(seg_dedup_hash64("harga beras naik lagi", 21), 0x2f6fbc1525adaaf2ull);
  cr_expect_neq(seg_dedup_hash64("a", 1), seg_dedup_hash64("b", 1));
  cr_expect_neq(seg_dedup_hash64("ab", 2), seg_dedup_hash64("ba", 2));
  cr_expect_neq(seg_dedup_hash64("abcdefgh", 8), seg_dedup_hash64("abcdefgh\0", 9));
}

Test(dedup, pair_sides_do_not_run_together) {
  seg_buf s = {0};
  uint64_t a = seg_dedup_hash(SEG_DEDUP_FOLD, "satu dua", 8, "tiga", 4, &s);
  uint64_t b = seg_dedup_hash(SEG_DEDUP_FOLD, "satu", 4, "dua tiga", 8, &s);
  uint64_t c = seg_dedup_hash(SEG_DEDUP_FOLD, "Satu, dua!", 10, "TIGA", 4, &s);
  cr_expect_neq(a, b);
  cr_expect_eq(a, c);
  uint64_t sent = seg_dedup_hash(SEG_DEDUP_FOLD, "satu dua", 8, NULL, 0, &s);
  uint64_t pair = seg_dedup_hash(SEG_DEDUP_FOLD, "satu dua", 8, "", 0, &s);
  cr_expect_neq(sent, pair, "a sentence and a pair with an empty side differ");
  seg_buf_free(&s);
}

Test(dedup, first_copy_kept_across_growth) {
  seg_dedup *d = seg_dedup_new(0);
  for (uint64_t i = 1; i <= 50000; i++) cr_assert_eq(seg_dedup_check(d, i * 0x9E3779B97F4A7C15ull), 0);
  for (uint64_t i = 1; i <= 50000; i++) cr_assert_eq(seg_dedup_check(d, i * 0x9E3779B97F4A7C15ull), 1);
  cr_expect_eq(seg_dedup_size(d), 50000);
  cr_expect_eq(seg_dedup_check(d, 0), 0, "hash 0 is stored as 1, not as an empty slot");
  cr_expect_eq(seg_dedup_check(d, 1), 1);
  seg_dedup_free(d);
  seg_dedup_free(NULL);
}

/* Hashes one bit apart, in either half and at the edges of a half, are different rows. */
Test(dedup, hashes_one_bit_apart_are_different_rows) {
  static const uint64_t h[] = {0x00000000FFFFFFFFull, 0x00000000FFFFFFFEull, 0xABCDEF01FFFFFFFFull,
                               0xABCDEF01FFFFFFFEull, 0xABCDEF0100000001ull, 0xABCDEF0000000001ull,
                               UINT64_MAX, UINT64_MAX ^ (1ull << 32), 2, 3};
  const size_t n = sizeof h / sizeof h[0];
  seg_dedup *d = seg_dedup_new(0);
  for (size_t i = 0; i < n; i++) cr_expect_eq(seg_dedup_check(d, h[i]), 0, "row %zu is new", i);
  for (size_t i = 0; i < n; i++) cr_expect_eq(seg_dedup_check(d, h[i]), 1, "row %zu again", i);
  cr_expect_eq(seg_dedup_size(d), n);
  seg_dedup_free(d);
}

Test(dedup, saturation_keeps_checking_but_records_nothing) {
  seg_dedup *d = seg_dedup_new(3);
  cr_expect_eq(seg_dedup_check(d, 11), 0);
  cr_expect_eq(seg_dedup_check(d, 22), 0);
  cr_expect_eq(seg_dedup_check(d, 33), 0);
  cr_expect_eq(seg_dedup_check(d, 44), 0, "new after the cap: kept");
  cr_expect_eq(seg_dedup_check(d, 44), 0, "and not recorded, so its copy is kept too");
  cr_expect_eq(seg_dedup_check(d, 22), 1, "rows recorded before the cap are still found");
  cr_expect_eq(seg_dedup_size(d), 3);
  cr_expect_eq(seg_dedup_unrecorded(d), 2);
  seg_dedup_free(d);
}
