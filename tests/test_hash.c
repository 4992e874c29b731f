/* hash: the open-addressing table (tags beside values, growth from the slots alone), the set of
 * 64-bit hashes and the byte-string keys on top of it. */
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

/* A put after a finished probe leaves the very table seg_hash_put makes, across growth and with
 * many hashes sharing a tag. */
Test(hash, a_put_after_a_probe_is_a_put) {
  seg_hash_table a = {0}, b = {0};
  for (uint32_t v = 0; v < 5000; v++) {
    uint64_t h = v % 3 ? mix(v) : mix(v % 50) | v; /* a third share 50 tags */
    seg_hash_put(&a, h, v);
    seg_hash_probe p = seg_hash_probe_start(&b, h);
    while (seg_hash_probe_next(&p) != SEG_HASH_NONE) {
    }
    seg_hash_put_probed(&b, &p, h, v);
    cr_assert_eq(a.n, b.n);
    cr_assert_eq(a.cap, b.cap);
    cr_assert(!memcmp(a.slots, b.slots, a.cap * sizeof *a.slots), "the same slots after %u", v);
  }
  seg_hash_table_free(&a);
  seg_hash_table_free(&b);
}

/* ---------- sets of 64-bit hashes ---------- */

/* Values at the edges of a slot: all-zero and all-one halves, the one low half a slot's value
 * cannot hold (all ones) beside its neighbour, halves shared with other members. */
static const uint64_t edge_members[] = {
    0,
    1,
    UINT64_MAX,
    UINT64_MAX - 1,
    0xFFFFFFFFull,               /* tag 0, low half all ones */
    0xFFFFFFFEull,               /* its neighbour below */
    0x12345678FFFFFFFFull,       /* another tag, low half all ones */
    0x12345678FFFFFFFEull,
    0x1234567800000000ull,       /* the same tag, low half 0 */
    0x8765432100000000ull | 0x12345678ull, /* another tag, a low half shared ... */
    0x0000000012345678ull,                 /* ... with a member of tag 0 */
    1ull << 32,
    1ull << 63,
};
#define NEDGE (sizeof edge_members / sizeof edge_members[0])

static int is_edge_member(uint64_t h) {
  for (size_t i = 0; i < NEDGE; i++)
    if (edge_members[i] == h) return 1;
  return 0;
}

Test(hash_set, edge_values_are_members_exactly) {
  seg_hash_set s = {0};
  for (size_t i = 0; i < NEDGE; i++) {
    cr_assert_eq(seg_hash_set_has(&s, edge_members[i]), 0, "member %zu before it is added", i);
    cr_assert_eq(seg_hash_set_add(&s, edge_members[i]), 1, "member %zu is new", i);
    cr_assert_eq(seg_hash_set_has(&s, edge_members[i]), 1, "member %zu after", i);
  }
  cr_assert_eq(seg_hash_set_count(&s), NEDGE);
  for (size_t i = 0; i < NEDGE; i++) {
    uint64_t h = edge_members[i];
    cr_expect_eq(seg_hash_set_add(&s, h), 0, "member %zu added twice", i);
    /* one bit away in either half, or one step: members only if listed themselves */
    const uint64_t near[] = {h ^ 1, h ^ (1ull << 31), h ^ (1ull << 32), h ^ (1ull << 63), h + 1, h - 1};
    for (size_t k = 0; k < sizeof near / sizeof near[0]; k++)
      cr_expect_eq(seg_hash_set_has(&s, near[k]), is_edge_member(near[k]),
                   "%016llx near member %zu", (unsigned long long)near[k], i);
  }
  cr_assert_eq(seg_hash_set_count(&s), NEDGE, "adding twice adds nothing");
  seg_hash_set_free(&s);
  cr_assert_eq(seg_hash_set_count(&s), 0);
  for (size_t i = 0; i < NEDGE; i++) cr_assert_eq(seg_hash_set_has(&s, edge_members[i]), 0);
  seg_hash_set_free(&s); /* twice: still empty */
}

Test(hash_set, many_members_across_growth) {
  seg_hash_set s = {0};
  const uint64_t n = 100000;
  for (uint64_t v = 0; v < n; v++) cr_assert_eq(seg_hash_set_add(&s, mix(v)), 1);
  for (uint64_t v = 0; v < n; v++) cr_assert_eq(seg_hash_set_add(&s, mix(v)), 0);
  cr_assert_eq(seg_hash_set_count(&s), n);
  cr_assert_leq(s.low.cap, 4 * n, "one slot a member, at most 4 slots each");
  for (uint64_t v = 0; v < n; v++) {
    cr_assert_eq(seg_hash_set_has(&s, mix(v)), 1);
    cr_assert_eq(seg_hash_set_has(&s, mix(v + n)), 0);
  }
  seg_hash_set_free(&s);
}

Test(hash_set, a_cleared_set_is_empty_and_usable) {
  seg_hash_set s = {0};
  for (uint64_t round = 0; round < 3; round++) {
    for (uint64_t v = 0; v < 1000; v++) seg_hash_set_add(&s, mix(v + 1000 * round));
    seg_hash_set_add(&s, (round << 32) | 0xFFFFFFFFull);
    cr_assert_eq(seg_hash_set_count(&s), 1001);
    seg_hash_set_clear(&s);
    cr_assert_eq(seg_hash_set_count(&s), 0, "round %llu", (unsigned long long)round);
    for (uint64_t v = 0; v < 1000; v++) cr_assert_eq(seg_hash_set_has(&s, mix(v + 1000 * round)), 0);
    cr_assert_eq(seg_hash_set_has(&s, (round << 32) | 0xFFFFFFFFull), 0);
  }
  seg_hash_set_free(&s);
}

/* Clearing keeps the slots for a table about as full as before, frees those of a table far
 * larger than its entries needed (a clear must not cost more than the entries did). */
Test(hash, clear_keeps_slots_in_proportion) {
  seg_hash_table t = {0};
  for (uint32_t v = 0; v < 1000; v++) seg_hash_put(&t, mix(v), v);
  size_t cap = t.cap;
  seg_hash_table_clear(&t);
  cr_assert_eq(t.n, 0);
  cr_assert_eq(t.cap, cap, "as full as it grew: kept");
  uint32_t out[4];
  cr_assert_eq(candidates(&t, mix(5), out, 4), 0, "no entry is left");
  for (uint32_t v = 0; v < 10; v++) seg_hash_put(&t, mix(v), v);
  seg_hash_table_clear(&t);
  cr_assert_eq(t.cap, 0, "ten entries in a table grown for a thousand: freed");
  cr_assert_eq(candidates(&t, mix(5), out, 4), 0);
  seg_hash_put(&t, mix(5), 5);
  cr_assert_eq(candidates(&t, mix(5), out, 4), 1, "usable again");
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
