/* langid: Indonesian vs English by stopwords for clear cases and by libexttextcat's n-grams for
 * the rest; short or symbol-only text is "und"; stopword lists load with the usual YAML
 * errors; a missing fingerprint directory is a configuration error. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <string.h>

#include "langid.h"

typedef struct {
  const char *text, *lang;
} lang_case;

static const lang_case cases[] = {
    /* clear by stopwords */
    {"Pemerintah akan membangun jembatan baru di kota itu tahun depan.", "id"},
    {"Dia bilang bahwa harga cabai sudah turun sejak minggu lalu.", "id"},
    {"The committee said that the new bridge will open next year.", "en"},
    {"Prices of rice have fallen since the harvest began in the north.", "en"},
    /* a title in English inside an Indonesian sentence */
    {"Penyanyi itu membawakan lagu Bridge over Troubled Water di panggung utama.", "id"},
    /* no stopword: the n-grams decide */
    {"Pengunjung memadati pameran kerajinan rotan.", "id"},
    {"Visitors crowded the rattan crafts exhibition downtown.", "en"},
    /* too short or nothing to read */
    {"OK.", "und"},
    {"12.500 | 13.000", "und"},
    {"", "und"},
};

ParameterizedTestParameters(langid, detect) {
  static size_t idx[sizeof cases / sizeof cases[0]];
  for (size_t i = 0; i < sizeof idx / sizeof idx[0]; i++) idx[i] = i;
  return cr_make_param_array(size_t, idx, sizeof idx / sizeof idx[0]);
}

ParameterizedTest(size_t *pi, langid, detect) {
  const lang_case *c = &cases[*pi];
  seg_error err = {0};
  seg_langid *l = seg_langid_new(NULL, &err);
  cr_assert(l, "%s", err.msg);
  double conf = -1;
  const char *got = seg_langid_detect(l, c->text, strlen(c->text), &conf);
  cr_expect_str_eq(got, c->lang, "'%s'", c->text);
  cr_expect(conf >= 0 && conf <= 1, "confidence %f in [0, 1]", conf);
  if (!strcmp(c->lang, "und")) cr_expect_eq(conf, 0);
  seg_langid_free(l);
}

Test(langid, stopword_counts) {
  seg_error err = {0};
  seg_langid *l = seg_langid_new(NULL, &err);
  cr_assert(l);
  size_t id, en;
  seg_langid_stopwords(l, "Dia dan saya pergi ke pasar.", 28, &id, &en);
  cr_expect_eq(id, 4, "Dia, dan, saya, ke: got %zu", id);
  cr_expect_eq(en, 0);
  /* ALL-CAPS tokens are acronyms: AS (Amerika Serikat) is not English "as" */
  seg_langid_stopwords(l, "Presiden AS IT OR THE", 21, &id, &en);
  cr_expect_eq(en, 0);
  /* a capitalized stopword counts only as the first word */
  seg_langid_stopwords(l, "The cat", 7, &id, &en);
  cr_expect_eq(en, 1);
  seg_langid_stopwords(l, "Film The Best Of The Year", 25, &id, &en);
  cr_expect_eq(en, 0);
  seg_langid_free(l);
}

Test(langid, decisions_are_counted) {
  seg_error err = {0};
  seg_langid *l = seg_langid_new(NULL, &err);
  cr_assert(l);
  seg_langid_detect(l, "Dia dan saya pergi ke pasar itu.", 32, NULL);
  seg_langid_detect(l, "Pengunjung memadati pameran rotan.", 34, NULL);
  seg_langid_detect(l, "OK.", 3, NULL);
  seg_langid_stats st = seg_langid_get_stats(l);
  cr_expect_eq(st.by_stopwords, 1);
  cr_expect_eq(st.by_ngrams, 1);
  cr_expect_eq(st.undetermined, 1);
  seg_langid_free(l);
}

Test(langid, missing_fingerprints) {
  seg_error err = {0};
  seg_langid_opts o = seg_langid_opts_default();
  o.fingerprints = "/nonexistent/textcat";
  cr_expect_null(seg_langid_new(&o, &err));
  cr_expect_eq(err.code, SEG_ERR_CONFIG);
  cr_expect(strstr(err.file, "/nonexistent/textcat/id.lm"), "names the file: %s", err.file);
}

Test(langid, extra_stopwords_and_errors) {
  seg_error err = {0};
  seg_langid *l = seg_langid_new(NULL, &err);
  cr_assert(l);
  size_t id, en;
  seg_langid_stopwords(l, "gue lo banget", 13, &id, &en);
  cr_expect_eq(id, 0);
  const char *y = "stopwords: [gue, lo, banget]\n";
  cr_assert_eq(seg_langid_add_stopwords_yaml(l, "id", y, strlen(y), "slang.yaml", &err), SEG_OK);
  seg_langid_stopwords(l, "gue lo banget", 13, &id, &en);
  cr_expect_eq(id, 3);
  const char *bad_key = "stopword: [a]\n";
  cr_expect_eq(seg_langid_add_stopwords_yaml(l, "id", bad_key, strlen(bad_key), "x.yaml", &err),
               SEG_ERR_CONFIG);
  cr_expect_eq(err.line, 1);
  cr_expect_eq(err.col, 1);
  const char *upper = "stopwords: [ok, Nah]\n";
  cr_expect_eq(seg_langid_add_stopwords_yaml(l, "en", upper, strlen(upper), "x.yaml", &err),
               SEG_ERR_CONFIG);
  cr_expect_eq(err.col, 17, "col %zu", err.col);
  cr_expect_eq(seg_langid_add_stopwords_yaml(l, "ms", y, strlen(y), "x.yaml", &err),
               SEG_ERR_CONFIG);
  /* a word in both lists counts for neither */
  const char *both = "stopwords: [dan]\n";
  cr_assert_eq(seg_langid_add_stopwords_yaml(l, "en", both, strlen(both), "b.yaml", &err), SEG_OK);
  seg_langid_stopwords(l, "dan", 3, &id, &en);
  cr_expect_eq(id + en, 0);
  seg_langid_free(l);
}
