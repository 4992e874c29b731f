/* align: the DP on small hand-made documents, one case per link type, the dictionary, and
 * whole translated documents with gold links (tests/fixtures/align/). */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "buf.h"

static const char *const ID[] = {
    "Presiden Joko Widodo mengunjungi Surabaya pada hari Senin.",
    "Ia meresmikan jembatan baru sepanjang 800 meter.",
    "Warga menyambut kedatangan presiden dengan gembira.",
    "Jembatan itu dibangun selama tiga tahun dengan biaya Rp 1,2 triliun.",
    "Pemerintah berharap jembatan mengurangi kemacetan di kota.",
    "Gubernur Jawa Timur juga hadir dalam acara tersebut.",
};
static const char *const EN[] = {
    "President Joko Widodo visited Surabaya on Monday.",
    "He inaugurated a new bridge 800 meters long.",
    "Residents welcomed the president's arrival happily.",
    "The bridge was built over three years at a cost of Rp 1.2 trillion.",
    "The government hopes the bridge will reduce congestion in the city.",
    "The Governor of East Java also attended the event.",
};

/* Builds sentence arrays from index lists (-1 separates nothing; a merged sentence is given as
 * two indices joined by the caller). */
static seg_sentence sent(const char *s) { return (seg_sentence){s, strlen(s), 0}; }

static char *describe(const seg_link *l, size_t n) {
  seg_buf b = {0};
  for (size_t k = 0; k < n; k++) {
    char tmp[64];
    int len = snprintf(tmp, sizeof tmp, "%s%zu:%zu-%zu:%zu", k ? " " : "", l[k].src, l[k].nsrc,
                       l[k].tgt, l[k].ntgt);
    seg_buf_append(&b, tmp, (size_t)len);
  }
  return b.data ? b.data : strdup("");
}

/* Aligns with dictionary d (or, if NULL, the embedded one) and describes the links. */
static char *run_with(const seg_dict *dict, const seg_sentence *s, size_t n,
                      const seg_sentence *t, size_t m) {
  seg_error err = {0};
  seg_dict *d = dict ? NULL : seg_dict_default(&err);
  if (!dict) cr_assert_not_null(d, "%s", err.msg);
  if (!dict) dict = d;
  seg_link *links;
  size_t nl;
  cr_assert_eq(seg_align(dict, s, n, t, m, NULL, &links, &nl, &err), SEG_OK);
  /* links cover both sides exactly once, in order */
  size_t i = 0, j = 0;
  for (size_t k = 0; k < nl; k++) {
    cr_assert_eq(links[k].src, i);
    cr_assert_eq(links[k].tgt, j);
    i += links[k].nsrc;
    j += links[k].ntgt;
  }
  cr_assert_eq(i, n);
  cr_assert_eq(j, m);
  char *got = describe(links, nl);
  free(links);
  seg_dict_free(d);
  return got;
}

static char *run(const seg_sentence *s, size_t n, const seg_sentence *t, size_t m) {
  return run_with(NULL, s, n, t, m);
}

Test(align, one_to_one) {
  seg_sentence s[6], t[6];
  for (int k = 0; k < 6; k++) s[k] = sent(ID[k]), t[k] = sent(EN[k]);
  char *got = run(s, 6, t, 6);
  cr_expect_str_eq(got, "0:1-0:1 1:1-1:1 2:1-2:1 3:1-3:1 4:1-4:1 5:1-5:1");
  free(got);
}

Test(align, merged_target_is_one_to_two) {
  seg_sentence s[6], t[5];
  for (int k = 0; k < 6; k++) s[k] = sent(ID[k]);
  char merged[512];
  snprintf(merged, sizeof merged, "%s %s", EN[1], EN[2]);
  t[0] = sent(EN[0]);
  t[1] = sent(merged);
  for (int k = 3; k < 6; k++) t[k - 1] = sent(EN[k]);
  char *got = run(s, 6, t, 5);
  cr_expect_str_eq(got, "0:1-0:1 1:2-1:1 3:1-2:1 4:1-3:1 5:1-4:1");
  free(got);
}

Test(align, merged_source_is_two_to_one) {
  seg_sentence s[5], t[6];
  char merged[512];
  snprintf(merged, sizeof merged, "%s %s", ID[3], ID[4]);
  for (int k = 0; k < 3; k++) s[k] = sent(ID[k]);
  s[3] = sent(merged);
  s[4] = sent(ID[5]);
  for (int k = 0; k < 6; k++) t[k] = sent(EN[k]);
  char *got = run(s, 5, t, 6);
  cr_expect_str_eq(got, "0:1-0:1 1:1-1:1 2:1-2:1 3:1-3:2 4:1-5:1");
  free(got);
}

Test(align, missing_target_leaves_source_unaligned) {
  seg_sentence s[6], t[5];
  for (int k = 0; k < 6; k++) s[k] = sent(ID[k]);
  for (int k = 0, j = 0; k < 6; k++)
    if (k != 2) t[j++] = sent(EN[k]);
  char *got = run(s, 6, t, 5);
  cr_expect_str_eq(got, "0:1-0:1 1:1-1:1 2:1-2:0 3:1-2:1 4:1-3:1 5:1-4:1");
  free(got);
}

Test(align, missing_source_leaves_target_unaligned) {
  seg_sentence s[5], t[6];
  for (int k = 0, i = 0; k < 6; k++)
    if (k != 4) s[i++] = sent(ID[k]);
  for (int k = 0; k < 6; k++) t[k] = sent(EN[k]);
  char *got = run(s, 5, t, 6);
  cr_expect_str_eq(got, "0:1-0:1 1:1-1:1 2:1-2:1 3:1-3:1 4:0-4:1 4:1-5:1");
  free(got);
}

Test(align, junk_lines_stay_unaligned) {
  seg_sentence s[7], t[7];
  for (int k = 0; k < 6; k++) s[k + (k >= 3)] = sent(ID[k]), t[k + (k >= 1)] = sent(EN[k]);
  s[3] = (seg_sentence){"Baca juga: Harga cabai naik", 27, 1};
  t[1] = (seg_sentence){"Advertisement", 13, 1};
  char *got = run(s, 7, t, 7);
  cr_expect_str_eq(got, "0:1-0:1 1:0-1:1 1:1-2:1 2:1-3:1 3:1-4:0 4:1-4:1 5:1-5:1 6:1-6:1");
  free(got);
}

Test(align, empty_sides) {
  seg_sentence s[2] = {sent(ID[0]), sent(ID[1])};
  char *got = run(s, 2, NULL, 0);
  cr_expect_str_eq(got, "0:1-0:0 1:1-0:0");
  free(got);
  got = run(NULL, 0, NULL, 0);
  cr_expect_str_eq(got, "");
  free(got);
}

Test(align, long_documents_use_a_band) {
  /* 3,000 sentences per side: bounded by the band, and still diagonal */
  enum { N = 3000 };
  static seg_sentence s[N], t[N];
  static char sb[N][96], tb[N][96];
  for (int k = 0; k < N; k++) {
    snprintf(sb[k], sizeof sb[k], "Kalimat nomor %d tentang kota %d dan tahun %d.", k, k * 7, 1900 + k % 100);
    snprintf(tb[k], sizeof tb[k], "Sentence number %d about city %d and year %d.", k, k * 7, 1900 + k % 100);
    s[k] = sent(sb[k]);
    t[k] = sent(tb[k]);
  }
  seg_error err = {0};
  seg_dict *d = seg_dict_default(&err);
  seg_link *links;
  size_t nl;
  cr_assert_eq(seg_align(d, s, N, t, N, NULL, &links, &nl, &err), SEG_OK);
  cr_expect_eq(nl, N);
  for (size_t k = 0; k < nl; k++) cr_assert(links[k].nsrc == 1 && links[k].ntgt == 1 && links[k].src == k);
  free(links);
  seg_dict_free(d);
}

Test(dict, tsv_and_errors) {
  seg_error err = {0};
  seg_dict *d = seg_dict_default(&err);
  cr_assert_not_null(d);
  cr_expect_geq(seg_dict_size(d), 400);
  const char *bad = "# comment\nkata word\n";
  cr_expect_eq(seg_dict_add_tsv(d, bad, strlen(bad), "d.tsv", &err), SEG_ERR_CONFIG);
  cr_expect_eq(err.line, 2);
  seg_dict_free(d);
}

/* Two consecutive pairs that are each well supported on their own (the English of the first
 * is much longer, that of the second much shorter): two 1-1 links, never one 2-2 link. */
Test(align, well_supported_pairs_are_not_merged) {
  seg_sentence s[] = {
      sent("Menurut WHO, 2 juta orang meninggal pada tahun 2020."),
      sent("Sebagian besar kematian terjadi di negara berkembang di Afrika dan Asia Selatan, "
           "terutama di daerah desa yang jauh dari rumah sakit dan dokter."),
  };
  seg_sentence t[] = {
      sent("According to the World Health Organization (WHO), a United Nations agency, 2 million "
           "people died in 2020."),
      sent("Most deaths were in Africa and South Asia."),
  };
  char *got = run(s, 2, t, 2);
  cr_expect_str_eq(got, "0:1-0:1 1:1-1:1");
  free(got);
}

/* ---------- whole documents translated 1-1 (medical and encyclopedic text, written for these
 * tests): tests/fixtures/align/NAME/{doc.id.txt,doc.en.txt,gold.tsv}, gold as in the dev sets
 * ("0,1<TAB>0" = source lines 0 and 1 with target line 0, 0-based) ---------- */

/* fixtures/align/NAME/FILE (NAME may be ""), whole; owned by the caller. */
static char *slurp(const char *name, const char *file, size_t *len) {
  char path[512];
  snprintf(path, sizeof path, "%s/align/%s%s%s", FIXTURES, name, *name ? "/" : "", file);
  FILE *f = fopen(path, "rb");
  cr_assert_not_null(f, "cannot open %s", path);
  seg_buf b = {0};
  char chunk[4096];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) seg_buf_append(&b, chunk, n);
  fclose(f);
  *len = b.len;
  return b.data ? b.data : strdup("");
}

/* The lines of text (borrowed) as sentences; *n gets their count. */
static seg_sentence *lines(const char *text, size_t len, size_t *n) {
  seg_sentence *v = NULL;
  size_t cap = 0;
  *n = 0;
  for (size_t i = 0; i < len;) {
    const char *nl = memchr(text + i, '\n', len - i);
    size_t end = nl ? (size_t)(nl - text) : len;
    SEG_GROW(v, cap, *n + 1);
    v[(*n)++] = (seg_sentence){text + i, end - i, 0};
    i = end + 1;
  }
  return v;
}

/* Links in gold.tsv's format. */
static char *as_gold(const seg_link *l, size_t n) {
  seg_buf b = {0};
  for (size_t k = 0; k < n; k++) {
    char tmp[128];
    int len = 0;
    for (size_t a = 0; a < l[k].nsrc; a++)
      len += snprintf(tmp + len, sizeof tmp - (size_t)len, "%s%zu", a ? "," : "", l[k].src + a);
    len += snprintf(tmp + len, sizeof tmp - (size_t)len, "\t");
    for (size_t a = 0; a < l[k].ntgt; a++)
      len += snprintf(tmp + len, sizeof tmp - (size_t)len, "%s%zu", a ? "," : "", l[k].tgt + a);
    len += snprintf(tmp + len, sizeof tmp - (size_t)len, "\n");
    seg_buf_append(&b, tmp, (size_t)len);
  }
  return b.data ? b.data : strdup("");
}

/* The first line of got that differs from want (*len bytes), for the failure message. */
static const char *first_difference(const char *got, const char *want, int *len) {
  const char *line = got;
  for (size_t k = 0; got[k] && got[k] == want[k]; k++)
    if (got[k] == '\n') line = got + k + 1;
  const char *nl = strchr(line, '\n');
  *len = nl ? (int)(nl - line) : (int)strlen(line);
  return line;
}

/* Each exercises: consecutive sentences sharing most of their words ("Penyakit ini menyerang
 * anak-anak. Penyakit ini juga menyerang orang dewasa."), which must stay 1-1, and a short
 * sentence a translator split off (1-2) or two sentences a translator joined (2-1). Each is
 * aligned with the embedded word list and with a frozen one (fixtures/align/dictionary.tsv),
 * whose coverage does not grow with the embedded list's. */
static const char *const DOCS[] = {"dengue", "diabetes", "imunisasi", "tatasurya", "tbc", "toba"};
#define NDOCS (sizeof DOCS / sizeof DOCS[0])

ParameterizedTestParameters(align, documents) {
  static size_t idx[2 * NDOCS];
  for (size_t i = 0; i < 2 * NDOCS; i++) idx[i] = i;
  return cr_make_param_array(size_t, idx, 2 * NDOCS);
}

ParameterizedTest(size_t *param, align, documents) {
  const char *name = DOCS[*param % NDOCS];
  int frozen = *param >= NDOCS;
  size_t ilen, elen, glen, n, m;
  char *id = slurp(name, "doc.id.txt", &ilen), *en = slurp(name, "doc.en.txt", &elen);
  char *want = slurp(name, "gold.tsv", &glen);
  seg_sentence *s = lines(id, ilen, &n), *t = lines(en, elen, &m);
  seg_error err = {0};
  seg_dict *d;
  if (frozen) {
    size_t dlen;
    char *tsv = slurp("", "dictionary.tsv", &dlen);
    d = seg_dict_new();
    cr_assert_eq(seg_dict_add_tsv(d, tsv, dlen, "dictionary.tsv", &err), SEG_OK, "%s", err.msg);
    free(tsv);
  } else {
    d = seg_dict_default(&err);
  }
  cr_assert_not_null(d, "%s", err.msg);
  seg_link *links;
  size_t nl;
  cr_assert_eq(seg_align(d, s, n, t, m, NULL, &links, &nl, &err), SEG_OK);
  char *got = as_gold(links, nl);
  int len;
  const char *wrong = first_difference(got, want, &len);
  cr_expect_str_eq(got, want, "%s (%s word list): first wrong link \"%.*s\"", name,
                   frozen ? "frozen" : "embedded", len, wrong);
  free(got);
  free(links);
  seg_dict_free(d);
  free(s);
  free(t);
  free(id);
  free(en);
  free(want);
}
