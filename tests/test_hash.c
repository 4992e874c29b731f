/* hash: the open-addressing table (tags beside values, growth from the slots alone) and the
 * byte-string keys on top of it. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <string.h>

#include "hash.h"

/* Every value put under h, in probe order, into out[]; returns how many. */
static size_t candidates(const seg_hash_table *t, uint64_t h, uint32_t *out, size_t max) {
  seg_hash_probe p = seg_hash_probe_start(t, h);
  size_t n = 0;
  for (uint32_t v; (v = seg_hash_probe_next(&p)) != SEG_HASH_NONE && n < max;) out[n++] = v;
  return n;
}

Test(hash, an_empty_table_has_no_candidates) {
  seg_hash_table t = {0};
  uint32_t out[1];
  cr_assert_eq(candidates(&t, 0, out, 1), 0);
  cr_assert_eq(candidates(&t, UINT64_MAX, out, 1), 0);
  seg_hash_probe p = seg_hash_probe_start(&t, 42);
  cr_assert_eq(seg_hash_probe_next(&p), SEG_HASH_NONE);
  cr_assert_eq(seg_hash_probe_next(&p), SEG_HASH_NONE, "a finished probe stays finished");
  seg_hash_table_free(&t);
  seg_hash_table_free(&t); /* twice: still empty */
}

/* Hashes that share a tag (top 32 bits) all come back, whatever their low bits; hashes that
 * differ in the tag never do, even where they share the position. */
Test(hash, a_probe_returns_exactly_the_values_with_the_tag) {
  seg_hash_table t = {0};
  const uint64_t tag = 0x12345678ull << 32;
  for (uint32_t v = 0; v < 5; v++) seg_hash_put(&t, tag | v, v);
  /* same low bits of the tag (same position in a small table), other tags */
  for (uint32_t v = 5; v < 10; v++) seg_hash_put(&t, tag + ((uint64_t)v << 48), v);
  uint32_t out[16];
  size_t n = candidates(&t, tag | 99, out, 16);
  cr_assert_eq(n, 5);
  for (uint32_t v = 0; v < 5; v++) cr_expect_eq(out[v], v, "put order is probe order");
  n = candidates(&t, tag + (7ull << 48), out, 16);
  cr_assert_eq(n, 1);
  cr_expect_eq(out[0], 7);
  cr_assert_eq(candidates(&t, tag + (11ull << 48), out, 16), 0);
  seg_hash_table_free(&t);
}

/* A cheap well-mixed hash of an integer, for tests. */
static uint64_t mix(uint64_t x) {
  x = (x ^ (x >> 31)) * 0x9E3779B97F4A7C15ull;
  return x ^ (x >> 29);
}

Test(hash, growth_keeps_every_entry_and_half_the_slots_free) {
  seg_hash_table t = {0};
  const uint32_t n = 100000;
  for (uint32_t v = 0; v < n; v++) {
    seg_hash_put(&t, mix(v), v);
    cr_assert_geq(t.cap, 2 * t.n, "after %u entries", v + 1);
  }
  cr_assert_eq(t.n, n);
  cr_assert_eq(t.cap & (t.cap - 1), 0, "a power of two");
  for (uint32_t v = 0; v < n; v++) {
    uint32_t out[8];
    size_t k = candidates(&t, mix(v), out, 8), hit = 0;
    for (size_t q = 0; q < k; q++) hit += out[q] == v;
    cr_assert_eq(hit, 1, "value %u", v);
  }
  seg_hash_table_free(&t);
  cr_assert_eq(t.cap, 0);
  cr_assert_null(t.slots);
}

Test(hash, the_largest_value_is_kept) {
  seg_hash_table t = {0};
  seg_hash_put(&t, mix(1), SEG_HASH_NONE - 1);
  uint32_t out[2];
  cr_assert_eq(candidates(&t, mix(1), out, 2), 1);
  cr_assert_eq(out[0], SEG_HASH_NONE - 1);
  seg_hash_table_free(&t);
}

/* ---------- byte-string keys ---------- */

/* The bytes inline: Criterion runs each parameter in a fresh process, where a pointer to a
 * string literal of the parent would not be valid. */
typedef struct {
  char s[40];
  size_t n;
} key_case;

ParameterizedTestParameters(hash, keys_of_every_shape) {
  static key_case cases[] = {
      {"", 0},                                        /* empty */
      {"a", 1},                                       /* one byte */
      {"a\0b", 3},                                    /* an inner NUL */
      {"a\0c", 3},                                    /* differs after the NUL */
      {"Dr.", 3},                                     /* an abbreviation */
      {"dr.", 3},                                     /* the same folded: another key */
      {"seven77", 7},                                 /* below a word */
      {"eight888", 8},                                /* one word */
      {"ninebytes", 9},                               /* a word and a byte */
      {"\xc3\xa9t\xc3\xa9", 5},                       /* UTF-8 */
      {"a long key of more than sixteen bytes", 37}, /* several words */
  };
  return cr_make_param_array(key_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(key_case *c, hash, keys_of_every_shape) {
  seg_hash_keys k = {0};
  cr_assert_eq(seg_hash_keys_find(&k, c->s, c->n), SEG_HASH_NONE, "empty set");
  /* some neighbours first, so the key is not alone in the table */
  char other[32];
  for (int i = 0; i < 50; i++) {
    int len = snprintf(other, sizeof other, "k%d", i);
    seg_hash_keys_add(&k, other, (size_t)len, NULL);
  }
  int added = -1;
  uint32_t i = seg_hash_keys_add(&k, c->s, c->n, &added);
  cr_assert_eq(added, 1);
  cr_assert_eq(i, 50, "dense, in insertion order");
  cr_assert_eq(seg_hash_keys_find(&k, c->s, c->n), i);
  cr_assert_eq(seg_hash_keys_add(&k, c->s, c->n, &added), i, "the same key, the same index");
  cr_assert_eq(added, 0);
  cr_assert_eq(seg_hash_keys_count(&k), 51);
  size_t len = 99;
  const char *got = seg_hash_keys_get(&k, i, &len);
  cr_assert_eq(len, c->n);
  cr_assert(!memcmp(got, c->s, c->n));
  cr_assert_eq(got[len], '\0', "NUL-terminated");
  /* a prefix, an extension and a one-byte change are other keys */
  if (c->n) cr_expect_eq(seg_hash_keys_find(&k, c->s, c->n - 1), SEG_HASH_NONE);
  char longer[64];
  memcpy(longer, c->s, c->n);
  longer[c->n] = 'x';
  cr_expect_eq(seg_hash_keys_find(&k, longer, c->n + 1), SEG_HASH_NONE);
  if (c->n) {
    longer[c->n - 1] ^= 1;
    cr_expect_eq(seg_hash_keys_find(&k, longer, c->n), SEG_HASH_NONE);
  }
  seg_hash_keys_free(&k);
  cr_assert_eq(seg_hash_keys_count(&k), 0);
  cr_assert_eq(seg_hash_keys_find(&k, c->s, c->n), SEG_HASH_NONE, "empty again");
}

Test(hash, many_keys_keep_their_indices_across_growth) {
  seg_hash_keys k = {0};
  char key[32];
  const int n = 20000;
  for (int i = 0; i < n; i++) {
    int len = snprintf(key, sizeof key, "key-%d", i * 7919);
    int added = 0;
    cr_assert_eq(seg_hash_keys_add(&k, key, (size_t)len, &added), (uint32_t)i);
    cr_assert_eq(added, 1);
  }
  for (int i = 0; i < n; i++) {
    int len = snprintf(key, sizeof key, "key-%d", i * 7919);
    cr_assert_eq(seg_hash_keys_find(&k, key, (size_t)len), (uint32_t)i, "key %s", key);
    cr_assert_str_eq(seg_hash_keys_get(&k, (uint32_t)i, NULL), key);
  }
  cr_assert_eq(seg_hash_keys_find(&k, "key-1", 5), SEG_HASH_NONE);
  seg_hash_keys_free(&k);
}
