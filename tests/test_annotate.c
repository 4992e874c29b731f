/* annotate: append and replace on sentences with several and overlapping terms, tags, and
 * factors that align with the whitespace tokens of the annotated text. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <string.h>

#include "annotate.h"
#include "glossary.h"

static const char *const YAML =
    "terms:\n"
    "  - canonical: Amerika Serikat\n"
    "    variants: [AS]\n"
    "    target: United States\n"
    "  - canonical: PBB\n"
    "    variants: [Perserikatan Bangsa-Bangsa]\n"
    "    target: United Nations\n"
    "  - canonical: Dewan Keamanan PBB\n"
    "    variants: [DK PBB]\n"
    "    target: UN Security Council\n"
    "  - canonical: Uni Eropa\n"
    "    variants: [UE]\n"
    "  - canonical: pesawat nirawak\n"
    "    variants: [drone]\n"
    "    target: drone\n"
    "    case_sensitive: false\n";

typedef struct {
  const char *why;
  seg_annotate_mode mode;
  const char *tags, *in, *want, *factors;
} an_case;

#define A SEG_ANNOTATE_APPEND
#define R SEG_ANNOTATE_REPLACE

/* clang-format off */
static const an_case cases[] = {
  {"append, two terms", A, NULL, "AS dan PBB bertemu.",
   "<t> Amerika Serikat </t> <tt> United States </tt> dan <t> PBB </t> <tt> United Nations </tt> bertemu.",
   "1 1 1 1 2 2 2 2 0 1 1 1 2 2 2 2 0"},
  {"replace, two terms", R, NULL, "AS dan PBB bertemu.",
   "<tt> United States </tt> dan <tt> United Nations </tt> bertemu.",
   "2 2 2 2 0 2 2 2 2 0"},
  {"overlapping variants: the longest match, then the short one", A, NULL, "DK PBB dan PBB.",
   "<t> Dewan Keamanan PBB </t> <tt> UN Security Council </tt> dan <t> PBB </t> <tt> United Nations </tt> .",
   "1 1 1 1 1 2 2 2 2 2 0 1 1 1 2 2 2 2 0"},
  {"overlapping, replace", R, NULL, "Dewan Keamanan PBB dan PBB.",
   "<tt> UN Security Council </tt> dan <tt> United Nations </tt> .",
   "2 2 2 2 2 0 2 2 2 2 0"},
  {"adjacent terms", A, "none", "AS PBB", "Amerika Serikat United States PBB United Nations",
   "1 1 2 2 1 2 2"},
  {"terms glued to punctuation and hyphens are set off", A, NULL, "(AS) dan AS-Meksiko.",
   "( <t> Amerika Serikat </t> <tt> United States </tt> ) dan <t> Amerika Serikat </t> <tt> United States </tt> -Meksiko.",
   "0 1 1 1 1 2 2 2 2 0 0 1 1 1 1 2 2 2 2 0"},
  {"a term without target stays plain", A, NULL, "Uni Eropa dan UE menyambut AS.",
   "Uni Eropa dan Uni Eropa menyambut <t> Amerika Serikat </t> <tt> United States </tt> .",
   "0 0 0 0 0 0 1 1 1 1 2 2 2 2 0"},
  {"no tags: factors alone", A, "none", "AS dan PBB.",
   "Amerika Serikat United States dan PBB United Nations .", "1 1 2 2 0 1 2 2 0"},
  {"no tags, replace", R, "none", "AS dan PBB.", "United States dan United Nations .",
   "2 2 0 2 2 0"},
  {"custom tags", A, "[s],[/s],[t],[/t]", "Kata AS.",
   "Kata [s] Amerika Serikat [/s] [t] United States [/t] .", "0 1 1 1 1 2 2 2 2 0"},
  {"only opening tags", A, "<t>,,<tt>,", "Kata AS.",
   "Kata <t> Amerika Serikat <tt> United States .", "0 1 1 1 2 2 2 0"},
  {"the sentence-start capital kept", A, NULL, "Drone jatuh.",
   "<t> Pesawat nirawak </t> <tt> drone </tt> jatuh.", "1 1 1 1 2 2 2 0"},
  {"long form (SHORT) collapsed: one term", A, NULL, "Perserikatan Bangsa-Bangsa (PBB) bersidang.",
   "<t> PBB </t> <tt> United Nations </tt> bersidang.", "1 1 1 2 2 2 2 0"},
  {"a no-break space is whitespace", A, NULL, "AS\xC2\xA0" "dan\xC2\xA0PBB",
   "<t> Amerika Serikat </t> <tt> United States </tt>\xC2\xA0" "dan\xC2\xA0<t> PBB </t> <tt> United Nations </tt>",
   "1 1 1 1 2 2 2 2 0 1 1 1 2 2 2 2"},
  {"no term", A, NULL, "Tidak ada  istilah di sini.", "Tidak ada  istilah di sini.", "0 0 0 0 0"},
  {"empty", A, NULL, "", "", ""},
};
/* clang-format on */

#define NCASES (sizeof cases / sizeof *cases)

static seg_glossary *glossary(void) {
  seg_glossary *g = seg_glossary_new();
  seg_error err = {0};
  cr_assert_eq(seg_glossary_add_yaml(g, YAML, strlen(YAML), "an.yaml", &err), SEG_OK, "%s",
               err.msg);
  return g;
}

/* Tokens split at ASCII blanks and U+00A0, the only White_Space the cases hold: an independent
 * count to hold the factors against. */
static size_t tokens(const char *s) {
  size_t n = 0;
  int in = 0;
  for (size_t i = 0; s[i];) {
    int sp = s[i] == ' ' || s[i] == '\t';
    size_t w = 1;
    if ((unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0) sp = 1, w = 2;
    if (!sp && !in) n++;
    in = !sp;
    i += w;
  }
  return n;
}

ParameterizedTestParameters(annotate, cases) {
  static size_t idx[NCASES];
  for (size_t i = 0; i < NCASES; i++) idx[i] = i;
  return cr_make_param_array(size_t, idx, NCASES);
}

ParameterizedTest(size_t *i, annotate, cases) {
  const an_case *c = &cases[*i];
  seg_glossary *g = glossary();
  seg_terms *n = seg_terms_new(g);
  seg_terms_record(n, 1);
  seg_error err = {0};
  seg_annotator *a = seg_annotate_new(g, c->mode, c->tags, &err);
  cr_assert_not_null(a, "%s", err.msg);
  const char *t;
  size_t tl, nm;
  seg_terms_apply(n, c->in, strlen(c->in), &t, &tl, NULL);
  const seg_glossary_match *m = seg_terms_matches(n, &nm);
  seg_buf out = {0}, factors = {0};
  seg_annotate_sentence(a, t, tl, m, nm, &out, &factors);
  const char *o = out.data ? out.data : "", *f = factors.data ? factors.data : "";
  cr_expect_str_eq(o, c->want, "%s", c->why);
  cr_expect_str_eq(f, c->factors, "%s", c->why);
  size_t nf = *f ? 1 : 0;
  for (const char *p = f; *p; p++) nf += *p == ' ';
  cr_expect_eq(nf, tokens(o), "%s: %zu factors, %zu tokens", c->why, nf, tokens(o));
  cr_expect(!strchr(o, '\t') && !strchr(o, '\n'));
  /* the same without the factors */
  seg_annotate_sentence(a, t, tl, m, nm, &out, NULL);
  cr_expect_str_eq(out.data ? out.data : "", c->want);
  seg_buf_free(&out);
  seg_buf_free(&factors);
  seg_annotate_free(a);
  seg_terms_free(n);
  seg_glossary_free(g);
}

Test(annotate, bad_options) {
  static const char *const bad[] = {"<t>,</t>,<tt>", "a,b,c,d,e", "a b,c,d,e", "a\tb,c,d,e",
                                    "a;b,c,d,e",     "",          "\xC2\xA0,b,c,d", "a,b,c,\x01"};
  seg_glossary *g = glossary();
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    seg_error err = {0};
    cr_expect_null(seg_annotate_new(g, SEG_ANNOTATE_APPEND, bad[i], &err), "%s", bad[i]);
    cr_expect_eq(err.code, SEG_ERR_CONFIG, "%s", bad[i]);
    cr_expect(strstr(err.msg, "--term-tags: "), "%s", err.msg);
  }
  seg_annotate_mode mode = SEG_ANNOTATE_APPEND;
  seg_error err = {0};
  cr_expect_eq(seg_annotate_parse_mode("replace", &mode, &err), SEG_OK);
  cr_expect_eq(mode, SEG_ANNOTATE_REPLACE);
  cr_expect_eq(seg_annotate_parse_mode("inline", &mode, &err), SEG_ERR_CONFIG);
  cr_expect_str_eq(err.msg, "--annotate-terms: 'inline' is neither 'append' nor 'replace'");
  seg_glossary_free(g);
}
