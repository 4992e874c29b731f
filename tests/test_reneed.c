/* reneed: the bytes every match of a regular expression must hold. Exact answers for small
 * patterns, "nothing known" for syntax the analysis does not read, and a soundness check
 * against ICU itself: random patterns, random strings, and whenever ICU matches, the string
 * holds a byte of every set. */
#include <criterion/criterion.h>
#include <string.h>
#include <unicode/uregex.h>
#include <unicode/ustring.h>

#include "buf.h"
#include "reneed.h"

static seg_bytemask mask_of(const char *bytes) {
  seg_bytemask m = {{0, 0, 0, 0}};
  for (const unsigned char *b = (const unsigned char *)bytes; *b; b++) seg_bytemask_add(&m, *b);
  return m;
}

static int mask_eq(seg_bytemask a, seg_bytemask b) { return !memcmp(&a, &b, sizeof a); }

/* The single (rarest) need of pattern p equals the bytes listed. */
static void expect_need(const char *p, const char *bytes) {
  seg_bytemask need[SEG_RENEED_MAX];
  int n = seg_reneed(p, need, 1, NULL);
  cr_assert_eq(n, 1, "pattern '%s' has a need", p);
  cr_expect(mask_eq(need[0], mask_of(bytes)), "pattern '%s' needs one of '%s'", p, bytes);
}

static void expect_nothing(const char *p) {
  seg_bytemask need[SEG_RENEED_MAX];
  cr_expect_eq(seg_reneed(p, need, SEG_RENEED_MAX, NULL), 0, "pattern '%s' tells nothing", p);
}

Test(reneed, literals_classes_and_alternations) {
  expect_need("abc", "c"); /* the rarest of three mandatory letters */
  expect_need("a|b", "ab");
  expect_need("x?y", "y");
  expect_need("a{0,3}b", "b");
  expect_need("(ab){2,}", "b");
  expect_need("[a-c]", "abc");
  expect_need("[\\.,]+", ".,");
  expect_need("\\.", ".");
  expect_need("(?:ka|ki)", "k"); /* each branch's rarest need, together */
  expect_need("\xC2\xBB", "\xBB"); /* » by the last byte of its UTF-8 form */
  expect_need("[>\xC2\xBB\xE2\x80\xBA]", ">\xBB\xBA");
  seg_bytemask need[SEG_RENEED_MAX];
  cr_assert_eq(seg_reneed("\\d+", need, 1, NULL), 1);
  seg_bytemask digits = mask_of("0123456789");
  for (int b = 0x80; b < 0x100; b++) seg_bytemask_add(&digits, (unsigned char)b);
  cr_expect(mask_eq(need[0], digits), "\\d: ASCII digits and any non-ASCII byte");
  cr_expect_eq(seg_reneed("oleh\\s+x", need, SEG_RENEED_MAX, NULL), SEG_RENEED_MAX, "rarest four of six");
}

Test(reneed, bytemask_of_every_byte) {
  char all[256];
  for (int b = 0; b < 256; b++) all[b] = (char)(255 - b);
  seg_bytemask m;
  seg_bytemask_of(all, 256, &m);
  for (int w = 0; w < 4; w++) cr_expect_eq(m.w[w], ~(uint64_t)0);
  seg_bytemask_of(all + 1, 1, &m); /* byte 254 only */
  cr_expect(m.w[3] == (uint64_t)1 << 62 && !m.w[0] && !m.w[1] && !m.w[2]);
}

static void expect_strings(const char *p, const char *want) {
  seg_strneed s;
  seg_reneed(p, NULL, 0, &s);
  char got[256] = "";
  for (int i = 0; i < s.n; i++) {
    if (i) strcat(got, "|");
    strncat(got, s.s[i], s.len[i]);
  }
  cr_expect_str_eq(got, want, "strings of '%s'", p);
}

Test(reneed, literal_strings) {
  expect_strings("banner\\s*\\d+", "banner");
  expect_strings("(\\d+\\s*)?(menit|jam|hari)\\s+(yang\\s+)?lalu", "lalu");
  expect_strings("x.{0,9}(google news|whatsapp|tiktok)\\b.*", "google news|whatsapp|tiktok");
  expect_strings("ab+c", "ab"); /* "ab" and "bc" are there, "abc" need not be */
  expect_strings("abx?c", "ab");
  expect_strings("(ab|c)d", ""); /* "c" is too short to tell */
  expect_strings("\\.com|\\.id", ".com|.id");
  expect_strings("(foo)*bar", "bar");
  expect_strings("a(?=b)", "");
  seg_bytemask none = {{0, 0, 0, 0}};
  cr_assert(seg_strneed_met(&(seg_strneed){0}, "", 0, &none), "no strings: always met");
}

Test(reneed, optional_or_unknown_parts_need_nothing) {
  expect_nothing("(ab)*");
  expect_nothing("a?");
  expect_nothing("[^a]");
  expect_nothing(".*");
  expect_nothing("(a|)");
  expect_nothing("\\b");
  expect_nothing("(?=a)a"); /* lookaround: not analysed at all */
  expect_nothing("(?i)a");
  expect_nothing("\\p{L}");
  expect_nothing("[[a]]");
  expect_nothing("\\1a");
  expect_nothing("a(");
  expect_nothing("a)");
  expect_nothing("*a");
  expect_nothing("a{x}");
  /* nesting deeper than the analysis goes: nothing known, and no deep recursion */
  char deep[20002];
  for (int i = 0; i < 10000; i++) {
    deep[i] = '(';
    deep[10001 + i] = ')';
  }
  deep[10000] = 'a';
  deep[20001] = '\0';
  expect_nothing(deep);
  seg_strneed s;
  seg_reneed(deep, NULL, 0, &s);
  cr_expect_eq(s.n, 0);
}

/* Random patterns over a tiny alphabet, so ICU matches random strings often. */
static unsigned long long rng = 0x5851F42D4C957F2Dull;
static unsigned next(unsigned n) {
  rng = rng * 6364136223846793005ull + 1442695040888963407ull;
  return (unsigned)(rng >> 33) % n;
}

static void gen(seg_buf *p, int depth) {
  static const char *const atoms[] = {"a", "b", "c", "1", "\xC2\xBB", ".", "\\d", "\\s", "\\w",
                                      "[ab]", "[^a]", "[a-c1]", "[\\d\xC2\xBB]", "\\b", "^", " "};
  static const char *const quants[] = {"", "", "", "?", "*", "+", "{2}", "{0,2}", "{1,3}", "+?"};
  int parts = 1 + (int)next(3);
  for (int i = 0; i < parts; i++) {
    if (depth < 3 && next(4) == 0) {
      const char *open = next(2) ? "(" : "(?:";
      seg_buf_append(p, open, strlen(open));
      gen(p, depth + 1);
      if (next(2)) {
        seg_buf_putc(p, '|');
        gen(p, depth + 1);
      }
      seg_buf_putc(p, ')');
    } else {
      const char *a = atoms[next(sizeof atoms / sizeof *atoms)];
      seg_buf_append(p, a, strlen(a));
    }
    const char *q = quants[next(sizeof quants / sizeof *quants)];
    if (p->data[p->len - 1] != 'b' || p->len < 2 || p->data[p->len - 2] != '\\')
      seg_buf_append(p, q, strlen(q)); /* no quantifier on \b */
  }
}

Test(reneed, sound_against_icu) {
  static const char *const chars[] = {"a", "b", "c", "1", " ", "\xC2\xBB", "x"};
  seg_buf pat = {0}, s = {0};
  UChar u[64];
  size_t patterns = 0, matches = 0, known = 0, known_strs = 0;
  for (int round = 0; round < 3000; round++) {
    seg_buf_clear(&pat);
    gen(&pat, 0);
    if (next(3) == 0) {
      seg_buf_putc(&pat, '|');
      gen(&pat, 0);
    }
    seg_buf_putc(&pat, '\0');
    UErrorCode st = U_ZERO_ERROR;
    UParseError pe;
    URegularExpression *re = uregex_openC(pat.data, UREGEX_UWORD, &pe, &st);
    if (U_FAILURE(st)) continue;
    uregex_setTimeLimit(re, 1, &st); /* some random patterns loop on empty matches */
    patterns++;
    seg_bytemask need[SEG_RENEED_MAX];
    seg_strneed strs;
    int nneed = seg_reneed(pat.data, need, SEG_RENEED_MAX, &strs);
    known += nneed > 0;
    known_strs += strs.n > 0;
    for (int t = 0; t < 60; t++) {
      seg_buf_clear(&s);
      int len = (int)next(7);
      for (int k = 0; k < len; k++) {
        const char *c = chars[next(sizeof chars / sizeof *chars)];
        seg_buf_append(&s, c, strlen(c));
      }
      int32_t ulen = 0;
      st = U_ZERO_ERROR;
      u_strFromUTF8(u, 64, &ulen, s.data ? s.data : "", (int32_t)s.len, &st);
      uregex_setText(re, u, ulen, &st);
      if (!uregex_matches(re, 0, &st) || U_FAILURE(st)) continue;
      matches++;
      seg_bytemask has = {{0, 0, 0, 0}};
      for (size_t k = 0; k < s.len; k++) seg_bytemask_add(&has, (unsigned char)s.data[k]);
      seg_bytemask of;
      seg_bytemask_of(s.data ? s.data : "", s.len, &of);
      cr_assert(mask_eq(has, of), "seg_bytemask_of agrees with adding byte by byte");
      cr_assert(seg_strneed_met(&strs, s.data ? s.data : "", s.len, &of),
                "'%s' matches '%.*s' without one of its %d strings", pat.data, (int)s.len,
                s.data ? s.data : "", strs.n);
      for (int q = 0; q < nneed; q++)
        cr_assert(seg_bytemask_meets(&need[q], &has), "'%s' matches '%.*s' but need %d fails",
                  pat.data, (int)s.len, s.data ? s.data : "", q);
    }
    uregex_close(re);
  }
  cr_expect_gt(patterns, 2500, "most random patterns compile (%zu)", patterns);
  cr_expect_gt(matches, 5000, "ICU matched often (%zu)", matches);
  cr_expect_gt(known, 1000, "and the analysis knew something for many (%zu)", known);
  cr_expect_gt(known_strs, 150, "strings too (%zu)", known_strs);
  seg_buf_free(&pat);
  seg_buf_free(&s);
}
