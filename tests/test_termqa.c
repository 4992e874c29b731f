/* termqa: a pair's English side has, lacks, or has in another case each target of the terms
 * matched on its Indonesian side: exactly the lacking ones are flagged. One case per rule. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <string.h>

#include "glossary.h"
#include "tbx.h"
#include "termqa.h"

static const char *const YAML =
    "terms:\n"
    "  - canonical: Amerika Serikat\n"
    "    variants: [AS]\n"
    "    target: United States\n"
    "    target_variants: [US, U.S.]\n"
    "  - canonical: PBB\n"
    "    variants: [Perserikatan Bangsa-Bangsa]\n"
    "    target: United Nations\n"
    "  - canonical: pesawat nirawak\n"
    "    variants: [drone]\n"
    "    target: drone\n"
    "    case_sensitive: false\n"
    "  - canonical: Uni Eropa\n"
    "    variants: [UE]\n"
    "  - canonical: Istana \xC3\x89lys\xC3\xA9" "e\n"
    "    variants: []\n"
    "    target: \xC3\x89lys\xC3\xA9" "e Palace\n"
    "  - canonical: Amerika\n"
    "    variants: []\n"
    "    target: United States\n";

typedef struct {
  const char *why, *id, *en, *missing;
} qa_case;

/* clang-format off */
static const qa_case cases[] = {
  {"has the target", "AS menolak.", "The United States refused.", ""},
  {"lacks the target", "AS menolak.", "Washington refused.", "United States"},
  {"has it in another case", "AS menolak.", "THE UNITED STATES REFUSED; the united states too.", ""},
  {"has it in mixed case", "PBB bersidang.", "The united Nations met.", ""},
  {"a target variant counts", "AS menolak.", "The US refused.", ""},
  {"a target variant in another case counts", "AS menolak.", "The u.s. refused.", ""},
  {"whole words only: a longer word is not it", "Drone jatuh.", "Drones fell.", "drone"},
  {"whole words only: inside an acronym is not it", "AS menolak.", "USAID refused.", "United States"},
  {"hyphen and punctuation are boundaries", "Drone jatuh.", "A drone-maker (drone) fell.", ""},
  {"a word touching a digit is not it", "Drone jatuh.", "Model drone2 fell.", "drone"},
  {"several terms: the lacking ones in match order", "PBB dan AS serta drone.",
   "Only the drone came.", "United Nations;United States"},
  {"each term once", "AS, AS dan AS.", "Nobody.", "United States"},
  {"the canonical matched too", "Amerika Serikat dan Perserikatan Bangsa-Bangsa.",
   "The United States and the UN.", "United Nations"},
  {"a term without target is not checked", "Uni Eropa dan UE.", "Brussels.", ""},
  {"non-ASCII case folding", "Di Istana \xC3\x89lys\xC3\xA9" "e.", "At the \xC3\xA9LYS\xC3\x89" "E palace.", ""},
  {"non-ASCII lacking", "Di Istana \xC3\x89lys\xC3\xA9" "e.", "At the Elysee Palace.", "\xC3\x89lys\xC3\xA9" "e Palace"},
  {"a non-ASCII letter is a word character", "AS menolak.", "\xC3\xA9United States refused.", "United States"},
  {"two terms, one target: both checked, both present", "Amerika dan AS.", "The United States.", ""},
  {"no term matched", "Tidak ada istilah.", "No term.", ""},
  {"empty English side", "AS menolak.", "", "United States"},
};
/* clang-format on */

#define NCASES (sizeof cases / sizeof *cases)

static seg_glossary *glossary(void) {
  seg_glossary *g = seg_glossary_new();
  seg_error err = {0};
  cr_assert_eq(seg_glossary_add_yaml(g, YAML, strlen(YAML), "qa.yaml", &err), SEG_OK, "%s",
               err.msg);
  return g;
}

/* Matches the Indonesian side, checks the pair; returns the count, fills missing. */
static size_t check(seg_terms *n, seg_termqa *q, const char *id, const char *en,
                    seg_buf *missing) {
  const char *t;
  size_t tl, nm;
  seg_terms_record(n, 1);
  seg_terms_apply(n, id, strlen(id), &t, &tl, NULL);
  const seg_glossary_match *m = seg_terms_matches(n, &nm);
  return seg_termqa_check(q, m, nm, en, strlen(en), missing);
}

ParameterizedTestParameters(termqa, rules) {
  static size_t idx[NCASES];
  for (size_t i = 0; i < NCASES; i++) idx[i] = i;
  return cr_make_param_array(size_t, idx, NCASES);
}

ParameterizedTest(size_t *i, termqa, rules) {
  const qa_case *c = &cases[*i];
  seg_glossary *g = glossary();
  seg_terms *n = seg_terms_new(g);
  seg_termqa *q = seg_termqa_new(g);
  seg_buf missing = {0};
  size_t k = check(n, q, c->id, c->en, &missing);
  cr_expect_str_eq(missing.data ? missing.data : "", c->missing, "%s: %s | %s", c->why, c->id,
                   c->en);
  size_t want = 0;
  for (const char *p = c->missing; *p; p++) want += *p == ';';
  cr_expect_eq(k, *c->missing ? want + 1 : 0, "%s", c->why);
  seg_buf_free(&missing);
  seg_termqa_free(q);
  seg_terms_free(n);
  seg_glossary_free(g);
}

/* --stats: pairs with a checked term, distinct terms checked, targets missing, pairs lacking. */
Test(termqa, counts) {
  seg_glossary *g = glossary();
  seg_terms *n = seg_terms_new(g);
  seg_termqa *q = seg_termqa_new(g);
  seg_buf missing = {0};
  check(n, q, "AS dan PBB.", "The US and the UN.", &missing);  /* 2 checked, 1 missing */
  check(n, q, "AS dan AS.", "The United States.", &missing);   /* 1 checked */
  check(n, q, "Uni Eropa.", "The EU.", &missing);              /* nothing to check */
  check(n, q, "Drone AS.", "A plane.", NULL);                  /* 2 checked, 2 missing */
  const seg_termqa_counts *c = seg_termqa_totals(q);
  cr_expect_eq(c->pairs, 3);
  cr_expect_eq(c->checked, 5);
  cr_expect_eq(c->missing, 3);
  cr_expect_eq(c->pairs_missing, 2);
  seg_termqa_counts sum = {1, 1, 1, 1};
  seg_termqa_counts_add(&sum, c);
  cr_expect_eq(sum.checked, 6);
  seg_buf_free(&missing);
  seg_termqa_free(q);
  seg_terms_free(n);
  seg_glossary_free(g);
}

/* TBX: the entry's other English terms count as present. */
Test(termqa, tbx_other_english_terms) {
  seg_glossary *g = seg_glossary_new();
  seg_error err = {0};
  cr_assert_eq(seg_tbx_add_glossary_file(g, FIXTURES "/terms/basic.tbx", &err), SEG_OK, "%s",
               err.msg);
  seg_terms *n = seg_terms_new(g);
  seg_termqa *q = seg_termqa_new(g);
  seg_buf missing = {0};
  cr_expect_eq(check(n, q, "Kemlu dan AS.", "The foreign ministry and the USA.", &missing), 0);
  cr_expect_eq(check(n, q, "Kemlu dan AS.", "The ministry and America.", &missing), 2);
  cr_expect_str_eq(missing.data, "Ministry of Foreign Affairs;United States");
  seg_buf_free(&missing);
  seg_termqa_free(q);
  seg_terms_free(n);
  seg_glossary_free(g);
}

/* The match record: off by default; spans in the input and in the output. */
Test(termqa, match_record) {
  seg_glossary *g = glossary();
  seg_terms *n = seg_terms_new(g);
  const char *in = "Kata AS dan Perserikatan Bangsa-Bangsa (PBB) lalu PBB.", *t;
  size_t tl, nm;
  seg_terms_apply(n, in, strlen(in), &t, &tl, NULL);
  seg_terms_matches(n, &nm);
  cr_expect_eq(nm, 0);
  seg_terms_record(n, 1);
  seg_terms_apply(n, in, strlen(in), &t, &tl, NULL);
  const seg_glossary_match *m = seg_terms_matches(n, &nm);
  cr_assert_eq(nm, 3);
  const char *want[] = {"Amerika Serikat", "PBB", "PBB"};
  const char *src[] = {"AS", "Perserikatan Bangsa-Bangsa (PBB)", "PBB"};
  for (size_t k = 0; k < 3; k++) {
    cr_expect_eq(m[k].out_end - m[k].out_start, strlen(want[k]));
    cr_expect(!memcmp(t + m[k].out_start, want[k], strlen(want[k])), "%zu", k);
    cr_expect_eq(m[k].end - m[k].start, strlen(src[k]));
    cr_expect(!memcmp(in + m[k].start, src[k], strlen(src[k])), "%zu", k);
  }
  cr_expect_str_eq(seg_glossary_canonical(g, m[0].term), "Amerika Serikat");
  /* nothing rewritten: the output is the input, spans equal */
  const char *same = "PBB dan Amerika Serikat.";
  seg_terms_apply(n, same, strlen(same), &t, &tl, NULL);
  m = seg_terms_matches(n, &nm);
  cr_assert_eq(nm, 2);
  cr_expect_eq(t, same);
  cr_expect_eq(m[1].start, m[1].out_start);
  cr_expect_eq(m[1].end, m[1].out_end);
  seg_terms_free(n);
  seg_glossary_free(g);
}

/* The default glossary: "bahasa X" is a language, not the country X, so a faithful English side
 * is not flagged for lacking the country's name (the data fix of glossary/id-en.yaml). */
Test(termqa, default_glossary_languages_are_not_countries) {
  static const struct {
    const char *id, *en, *missing;
  } pairs[] = {
      {"Ia belajar bahasa Inggris di Inggris.", "She studies English in the United Kingdom.", ""},
      {"Bahasa Indonesia dan bahasa Perancis.", "Indonesian and French.", ""},
      {"Ia fasih berbahasa Inggris.", "He is fluent in English.", "English-speaking"},
      {"Timnas Inggris menang.", "The England national team won.", ""},
      {"Ia belajar bahasa Inggris.", "She studies the language.", "English"},
  };
  seg_glossary *g = seg_glossary_new();
  seg_error err = {0};
  cr_assert_eq(seg_tbx_add_glossary_file(g, SOURCE_DIR "/glossary/id-en.yaml", &err), SEG_OK,
               "%s", err.msg);
  seg_terms *n = seg_terms_new(g);
  seg_termqa *q = seg_termqa_new(g);
  seg_buf missing = {0};
  for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
    check(n, q, pairs[i].id, pairs[i].en, &missing);
    cr_expect_str_eq(missing.data ? missing.data : "", pairs[i].missing, "%s", pairs[i].id);
  }
  seg_buf_free(&missing);
  seg_termqa_free(q);
  seg_terms_free(n);
  seg_glossary_free(g);
}
