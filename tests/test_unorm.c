/* unorm: HTML residue (character references, stray tags), NUL bytes, and the offset map that
 * ties each clean byte to the input bytes it stands for. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <string.h>

#include "unorm.h"

typedef struct {
  const char *in;
  size_t in_len; /* 0: strlen(in) */
  const char *want;
} norm_case;

static void normalize(const char *in, size_t n, seg_buf *text, seg_offmap *map,
                      seg_unorm_counts *counts) {
  seg_error err = {0};
  seg_unorm *u = seg_unorm_new(&err);
  cr_assert_not_null(u, "%s", err.msg);
  seg_unorm_line(u, in, n, 0, 1, text, map, counts, NULL, NULL);
  seg_unorm_free(u);
}

static norm_case residue_cases[] = {
    {"turun.&nbsp;Ini", 0, "turun. Ini"},
    {"Ali &amp; Ani", 0, "Ali & Ani"},
    {"kata &quot;ya&quot; lalu", 0, "kata \"ya\" lalu"},
    {"&#8220;Kami siap,&#8221; ujarnya", 0, "\xE2\x80\x9CKami siap,\xE2\x80\x9D ujarnya"},
    {"&#x201C;Hex&#X201d; juga", 0, "\xE2\x80\x9CHex\xE2\x80\x9D juga"},
    {"dua kali &amp;nbsp;di-escape", 0, "dua kali di-escape"},
    {"&lt;tag&gt; sebagai teks", 0, "<tag> sebagai teks"},
    {"lembut&shy;nya", 0, "lembutnya"},
    {"baris satu<br>baris dua", 0, "baris satu baris dua"},
    {"akhir paragraf.</p><p>Awal berikutnya.", 0, "akhir paragraf. Awal berikutnya."},
    {"kata <b>tebal</b> dan <a href=\"https://x.id/a?b=1\">tautan</a>.", 0,
     "kata tebal dan tautan."},
    {"Lihat <link> di sini", 0, "Lihat di sini"},
    {"<br/>", 0, ""},
    /* not residue: text that only looks a little like it */
    {"x < 5 dan y > 3", 0, "x < 5 dan y > 3"},
    {"a<b dan <<kutip>>", 0, "a<b dan <<kutip>>"},
    {"<tidak> dikenal", 0, "<tidak> dikenal"},
    {"Tom &amp Jerry", 0, "Tom &amp Jerry"},
    {"&foo; &#; &#xZZ; &#0; &#55296;", 0, "&foo; &#; &#xZZ; &#0; &#55296;"},
    {"<a href=\"tanpa akhir", 0, "<a href=\"tanpa akhir"},
    /* NUL stands between words */
    {"Halo\0dunia.", 11, "Halo dunia."},
    {"\0\0awal", 6, "awal"},
};

#define NRESIDUE (sizeof residue_cases / sizeof *residue_cases)

/* Indices, not the cases themselves: a parameter is copied into the test's process. */
ParameterizedTestParameters(unorm, html_residue_and_nul) {
  static size_t idx[NRESIDUE];
  for (size_t i = 0; i < NRESIDUE; i++)
    idx[i] = i;
  return cr_make_param_array(size_t, idx, NRESIDUE);
}

ParameterizedTest(size_t *i, unorm, html_residue_and_nul) {
  const norm_case *c = &residue_cases[*i];
  size_t n = c->in_len ? c->in_len : strlen(c->in);
  seg_buf text = {0};
  seg_offmap map = {0};
  seg_unorm_counts counts = {0, 0};
  normalize(c->in, n, &text, &map, &counts);
  cr_expect_eq(text.len, strlen(c->want), "length of '%s' -> '%s'", c->in,
               text.data ? text.data : "");
  cr_expect(text.len == strlen(c->want) && !memcmp(text.data ? text.data : "", c->want, text.len),
            "'%s' -> '%s', want '%s'", c->in, text.data ? text.data : "", c->want);
  seg_buf_free(&text);
  seg_offmap_free(&map);
}

/* The space standing for "&nbsp;" maps to all six bytes, so "Ini" still maps to itself, and
 * splitting "turun. Ini" gives the same input spans as "turun.&nbsp;Ini" would on screen. */
Test(unorm, entity_offsets_map_to_the_whole_reference) {
  const char *in = "turun.&nbsp;Ini &amp; itu";
  seg_buf text = {0};
  seg_offmap map = {0};
  seg_unorm_counts counts = {0, 0};
  normalize(in, strlen(in), &text, &map, &counts);
  cr_assert_str_eq(text.data, "turun. Ini & itu");
  cr_expect_eq(seg_offmap_start(&map, 6), 6, "the space starts at '&'");
  cr_expect_eq(seg_offmap_end(&map, 7), 12, "and ends after ';'");
  cr_expect_eq(seg_offmap_start(&map, 7), 12, "'I'");
  cr_expect_eq(seg_offmap_start(&map, 11), 16, "'&' of &amp;");
  cr_expect_eq(seg_offmap_end(&map, 12), 21, "the whole reference");
  cr_expect_eq(seg_offmap_start(&map, 13), 22, "'i' of itu");
  cr_expect_eq(seg_offmap_end(&map, text.len), strlen(in));
  cr_expect_geq(counts.normalized, 2);
  seg_buf_free(&text);
  seg_offmap_free(&map);
}

Test(unorm, tag_offsets_skip_the_tag) {
  const char *in = "satu<br>dua <i>tiga</i>";
  seg_buf text = {0};
  seg_offmap map = {0};
  seg_unorm_counts counts = {0, 0};
  normalize(in, strlen(in), &text, &map, &counts);
  cr_assert_str_eq(text.data, "satu dua tiga");
  cr_expect_eq(seg_offmap_start(&map, 4), 4, "the break's space is the tag");
  cr_expect_eq(seg_offmap_start(&map, 5), 8, "'d'");
  cr_expect_eq(seg_offmap_start(&map, 9), 15, "'t' after <i>");
  cr_expect_eq(seg_offmap_end(&map, text.len), 19, "the text ends before </i>");
  seg_buf_free(&text);
  seg_offmap_free(&map);
}

/* Normalizing twice is normalizing once (residue included: "&amp;amp;" is decoded twice at
 * most in one pass, and what comes out holds no reference that a second pass would decode). */
Test(unorm, idempotent_on_residue) {
  for (size_t i = 0; i < sizeof residue_cases / sizeof *residue_cases; i++) {
    const char *w = residue_cases[i].want;
    seg_buf text = {0};
    seg_offmap map = {0};
    seg_unorm_counts counts = {0, 0};
    normalize(w, strlen(w), &text, &map, &counts);
    cr_expect_str_eq(text.data ? text.data : "", w, "second pass over '%s'", w);
    seg_buf_free(&text);
    seg_offmap_free(&map);
  }
}
