/* buf: byte buffers and the project's one hash. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "scan.h"

/* The hash as defined: eight-byte words, then the rest zero-padded (what seg_hash computes
 * with word loads instead of a copy of the tail). */
static uint64_t ref_hash(const char *s, size_t n) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ (uint64_t)n;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    h = (h ^ w) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 32;
  }
  uint64_t w = 0;
  if (i < n) memcpy(&w, s + i, n - i);
  h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
  return h ^ (h >> 29);
}

Test(buf, hash_of_every_length_and_alignment) {
  char text[96];
  for (size_t i = 0; i < sizeof text; i++) text[i] = (char)(i * 37 + 11);
  for (size_t off = 0; off < 8; off++)
    for (size_t n = 0; off + n <= sizeof text; n++) {
      /* a copy of exactly n bytes on the heap: ASan sees any read past the end */
      char *s = seg_xmalloc(n);
      memcpy(s, text + off, n);
      cr_assert_eq(seg_hash(s, n), ref_hash(text + off, n), "offset %zu length %zu", off, n);
      free(s);
    }
}

Test(buf, hash_sees_every_byte) {
  char a[24], b[24];
  for (size_t n = 1; n <= sizeof a; n++)
    for (size_t k = 0; k < n; k++) {
      memset(a, 'x', n);
      memcpy(b, a, n);
      b[k] = 'y';
      cr_expect_neq(seg_hash(a, n), seg_hash(b, n), "length %zu byte %zu", n, k);
    }
}

Test(buf, append_keeps_a_terminator) {
  seg_buf b = {0};
  for (int i = 0; i < 1000; i++) {
    seg_buf_append(&b, "ab", 2);
    seg_buf_putc(&b, 'c');
  }
  cr_assert_eq(b.len, 3000);
  cr_assert_eq(b.data[b.len], '\0');
  cr_assert(!memcmp(b.data + 2997, "abc", 3));
  seg_buf_clear(&b);
  cr_assert_eq(b.len, 0);
  cr_assert_str_eq(b.data, "");
  seg_buf_free(&b);
}

/* seg_find_str (scan.h) against a plain search: haystacks of every length up to 70 on exact-size
 * heap copies (ASan sees any read past the end), over a three-letter alphabet so that first
 * bytes and first pairs recur, with needles of one to five bytes. */
Test(buf, find_str_like_a_plain_search) {
  unsigned st = 1;
  for (int round = 0; round < 4000; round++) {
    st = st * 1103515245u + 12345u;
    size_t n = (st >> 16) % 71, nl = 1 + (st >> 8) % 5;
    char *s = seg_xmalloc(n ? n : 1), needle[8];
    for (size_t i = 0; i < n; i++) {
      st = st * 1103515245u + 12345u;
      s[i] = "abc"[(st >> 16) % 3];
    }
    for (size_t i = 0; i < nl; i++) {
      st = st * 1103515245u + 12345u;
      needle[i] = "abc"[(st >> 16) % 3];
    }
    const char *want = NULL;
    for (size_t i = 0; !want && i + nl <= n; i++)
      if (!memcmp(s + i, needle, nl)) want = s + i;
    const char *got = seg_find_str(s, n, needle, nl);
    cr_assert_eq(got, want, "round %d: n %zu, needle %.*s: at %td, want %td", round, n, (int)nl,
                 needle, got ? got - s : -1, want ? want - s : -1);
    free(s);
  }
}

/* seg_scan_plain (scan.h) against a byte loop: every length up to 40 on exact-size heap copies,
 * every start, one stop byte (a control byte, a non-ASCII one, either extra byte, or none:
 * ' ', '~' and DEL do not stop) at every place. */
Test(buf, scan_plain_like_a_byte_loop) {
  const unsigned char probes[] = {0x00, 0x09, 0x1F, 0x80, 0xC3, 0xFF, '"', '\\', ' ', '~', 0x7F};
  for (size_t n = 0; n <= 40; n++)
    for (size_t at = 0; at <= n; at++)
      for (size_t p = 0; p < sizeof probes; p++) {
        char *s = seg_xmalloc(n ? n : 1);
        for (size_t i = 0; i < n; i++) s[i] = (char)('a' + i % 26);
        if (at < n) s[at] = (char)probes[p];
        for (size_t from = 0; from <= n; from++) {
          size_t want = from;
          while (want < n) {
            unsigned char c = (unsigned char)s[want];
            if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') break;
            want++;
          }
          cr_assert_eq(seg_scan_plain(s, n, from, '"', '\\'), want,
                       "n %zu, byte 0x%02X at %zu, from %zu", n, probes[p], at, from);
        }
        free(s);
      }
}

Test(buf, arena_keeps_every_allocation_aligned_and_intact) {
  seg_arena a = {0};
  enum { N = 5000 };
  char *s[N];
  double *d[N];
  for (int i = 0; i < N; i++) { /* strings packed, doubles aligned, past several blocks */
    char text[32];
    int n = snprintf(text, sizeof text, "term %d", i);
    s[i] = seg_arena_strndup(&a, text, (size_t)n);
    d[i] = seg_arena_alloc(&a, sizeof **d, _Alignof(double));
    cr_assert_eq((uintptr_t)d[i] % _Alignof(double), 0);
    *d[i] = i * 0.5;
  }
  char *big = seg_arena_alloc(&a, 200 * 1024, 1); /* larger than a block: one of its own */
  memset(big, 'x', 200 * 1024);
  for (int i = 0; i < N; i++) {
    char text[32];
    snprintf(text, sizeof text, "term %d", i);
    cr_assert_str_eq(s[i], text);
    cr_assert_eq(*d[i], i * 0.5);
  }
  seg_arena_free(&a);
  cr_assert_null(a.head);
  cr_assert_str_eq(seg_arena_strndup(&a, "again", 5), "again"); /* usable after a free */
  seg_arena_free(&a);
}
