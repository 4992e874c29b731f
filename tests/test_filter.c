/* filter: each rule rejects what it is for and keeps the look-alikes it must not touch (a
 * table of pairs in this file's own words, run with the default configuration), the sentence
 * API with and without a language, and the configuration schema and its errors. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <string.h>

#include "align.h"
#include "filter.h"

typedef struct {
  const char *src, *tgt;
  const char *want; /* NULL: kept */
} pair_case;

#define LONG_ID                                                                                  \
  "Pemerintah daerah berjanji memperbaiki jalan desa yang rusak sebelum musim hujan tiba. "
#define LONG_EN "The regional government promised to repair the damaged village roads before the rainy season. "

static const pair_case cases[] = {
    /* ordinary pairs, short ones too */
    {"Terima kasih.", "Thank you.", NULL},
    {"Selamat pagi, Bu Ani.", "Good morning, Mrs. Ani.", NULL},
    {"Harga gabah di tingkat petani naik menjadi Rp5.200 per kilogram.",
     "The price of unhusked rice at the farmer level rose to Rp5,200 per kilogram.", NULL},
    {"Jembatan itu adalah salah satu yang tertua di provinsi ini.",
     "The bridge is one of the oldest in this province.", NULL},
    /* empty */
    {"", "Nothing on the left.", "empty"},
    {"Tidak ada terjemahan.", "   ", "empty"},
    /* too-long: 1,024 characters or 200 words */
    {LONG_ID LONG_ID LONG_ID LONG_ID LONG_ID LONG_ID LONG_ID LONG_ID LONG_ID LONG_ID LONG_ID LONG_ID,
     LONG_EN LONG_EN LONG_EN LONG_EN LONG_EN LONG_EN LONG_EN LONG_EN LONG_EN LONG_EN LONG_EN LONG_EN,
     "too-long"},
    /* symbols and numbers only */
    {"12.400 | 15.800 | 9.100", "12,400 | 15,800 | 9,100", "symbols"},
    {"=== *** ===", "--- ... ---", "symbols"},
    {"Skor akhir 3-1.", "Final score 3-1.", NULL},
    /* URL or e-mail only */
    {"https://contoh.co.id/berita/123", "https://contoh.co.id/berita/123", "url-only"},
    {"redaksi@contoh.co.id", "redaksi@contoh.co.id", "url-only"},
    {"#APBNKita #Sukamaju", "#APBNKita #Sukamaju", "url-only"},
    {"@dispar_kota", "@dispar_kota", "url-only"},
    {"Tagar #APBNKita ramai dibahas.", "The hashtag #APBNKita was widely discussed.", NULL},
    {"Kirim surat ke redaksi@contoh.co.id hari ini.",
     "Send a letter to redaksi@contoh.co.id today.", NULL},
    /* template placeholders */
    {"Halo {nama}, pesanan Anda sudah dikirim.", "Hello {nama}, your order has been shipped.",
     "placeholder"},
    {"File %s tidak ditemukan.", "File %s was not found.", "placeholder"},
    {"Klik {{tombol}} untuk lanjut.", "Click {{tombol}} to continue.", "placeholder"},
    {"Halaman $1 telah dipindahkan ke $2.", "Page $1 has been moved to $2.", "placeholder"},
    {"Inflasi 5% sesuai perkiraan.", "Inflation of 5% was as expected.", NULL},
    {"Harganya US$5 per unit.", "It costs US$5 per unit.", NULL},
    /* degenerate repetition, but not "adalah salah satu" */
    {"Baru baru baru baru baru baru", "New new new new new new", "repeated"},
    {"Sapi itu makan rumput di ladang. Sapi itu makan rumput di ladang. Sapi itu makan rumput "
     "di ladang.",
     "The cow eats grass in the field.", "repeated"},
    {"Dia adalah salah satu dari sedikit orang yang tahu jalan itu.",
     "He is one of the few people who know that road.", NULL},
    /* wrong language on either side */
    {"The farmers said the harvest was better than last year.",
     "Farmers in the valley reported a good season.", "wrong-language"},
    {"Para petani mengatakan panen tahun ini lebih baik.",
     "Kata mereka, musim ini hujan turun tepat waktu.", "wrong-language"},
    {"Dia menulis nama kota itu: Zürich.", "He wrote the name of the city: Zürich.", NULL},
    {"Pasar itu ramai sekali pagi ini.", "\xe5\xb8\x82\xe5\x9c\xba\xe4\xbb\x8a\xe5\xa4\xa9\xe6\x97\xa9\xe4\xb8\x8a\xe5\xbe\x88\xe7\x83\xad\xe9\x97\xb9\xe3\x80\x82",
     "wrong-language"},
    {"Dia belajar kata \xd0\xbf\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82 dari temannya.",
     "She learned the word \xd0\xbf\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82 from her friend.", NULL},
    /* copies; names and numbers alone translate as themselves */
    {"Dia pergi ke pasar untuk membeli sayur.", "Dia pergi ke pasar untuk membeli sayur!", "copy"},
    {"Persija Jakarta 2 - 1 Persib Bandung", "Persija Jakarta 2 - 1 Persib Bandung", NULL},
    /* case: one side lower-cased or upper-cased, the other not */
    {"Gubernur meresmikan pasar baru di Medan pada hari Senin.",
     "the governor inaugurated a new market in medan on monday.", "case-mismatch"},
    {"Pasar itu diresmikan pada hari Senin oleh gubernur.",
     "the market was opened on monday by the governor.", "case-mismatch"},
    {"PASAR BARU DIRESMIKAN", "NEW MARKET OPENED", NULL},
    {"Dua puluh lima siswa lulus ujian kesembilan.", "25 students passed the 9th exam.", NULL},
    /* URLs must agree */
    {"Daftar di www.contoh.go.id sebelum Jumat.", "Register at www.lain.org before Friday.",
     "url-mismatch"},
    {"Daftar di www.contoh.go.id sebelum Jumat.", "Register at http://contoh.go.id before Friday.",
     NULL},
    /* numbers: Indonesian and English forms agree, a changed number does not */
    {"Produksi naik 1.250,5 ton pada 17/8/2025.",
     "Production rose by 1,250.5 tons on 8/17/2025.", NULL},
    {"Nilainya Rp 5 juta atau 50 persen dari target.",
     "It is worth Rp 5 million or 50% of the target.", NULL},
    {"Rapat digelar pada 17 Agustus 2025.", "The meeting was held on 8/17/2025.", NULL},
    {"Dua puluh lima siswa lulus ujian kesembilan.", "25 students passed the 9th exam.", NULL},
    {"Mereka tiba pada pukul 10.30 pagi.", "They arrived at 10:30 in the morning.", NULL},
    {"Produksi naik 1.250 ton pada 2024.", "Production rose by 1,350 tons in 2024.",
     "number-mismatch"},
    {"Sebanyak 40 rumah rusak akibat banjir.", "As many as 46 houses were damaged by the flood.",
     "number-mismatch"},
    {"Jangan lupa hati2 di jalan ya.", "Do not forget to be careful on the road.", NULL},
    /* partial: one side holds extra sentences */
    {"Hujan turun sejak pagi.",
     "It has been raining since morning. Several roads in the city were flooded. Schools sent "
     "their pupils home early.",
     "partial"},
    /* length ratio, with slack for short rows */
    {"Ya.", "Yes, that is right.", NULL},
    {"Pertemuan itu ditunda sampai pekan depan karena banyak anggota yang sakit.", "Postponed.",
     "length-ratio"},
    /* misaligned: no lexical evidence at all */
    {"Nelayan di pesisir utara kesulitan mencari ikan karena gelombang tinggi.",
     "The orchestra rehearsed the symphony twice before the premiere last night.", "misaligned"},
    {"Inflasi tahunan diperkirakan tetap terkendali menurut bank sentral.",
     "Annual inflation is expected to remain under control according to the central bank.", NULL},
};

static seg_filter_config *cfg;
static seg_dict *dict;
static seg_filters *filters;

static void setup(void) {
  seg_error err = {0};
  cfg = seg_filter_config_default(&err);
  cr_assert(cfg, "%s", err.msg);
  dict = seg_dict_default(&err);
  filters = seg_filters_new(cfg, dict, &err);
  cr_assert(filters, "%s", err.msg);
}

static void teardown(void) {
  seg_filters_free(filters);
  seg_dict_free(dict);
  seg_filter_config_free(cfg);
}

ParameterizedTestParameters(filter, rules) {
  static size_t idx[sizeof cases / sizeof cases[0]];
  for (size_t i = 0; i < sizeof idx / sizeof idx[0]; i++) idx[i] = i;
  return cr_make_param_array(size_t, idx, sizeof idx / sizeof idx[0]);
}

ParameterizedTest(size_t *pi, filter, rules, .init = setup, .fini = teardown) {
  const pair_case *c = &cases[*pi];
  const char *got = seg_filters_pair(filters, c->src, strlen(c->src), c->tgt, strlen(c->tgt));
  if (c->want) cr_expect(got && !strcmp(got, c->want), "'%s' | '%s': want %s, got %s", c->src, c->tgt, c->want, got ? got : "keep");
  else cr_expect_null(got, "'%s' | '%s': want keep, got %s", c->src, c->tgt, got);
}

Test(filter, dictionary_support) {
  seg_error err = {0};
  seg_dict *d = seg_dict_default(&err);
  cr_assert(d);
  seg_dict_support ds;
  const char *s = "Rumah itu baru", *t = "The house is new";
  seg_dict_pair_support(NULL, s, strlen(s), t, strlen(t), &ds);
  cr_expect_eq(ds.src_tokens, 3);
  cr_expect_eq(ds.src_supported, 0, "no dictionary, no identical token");
  seg_dict_add_phrase(d, "rumah", 5, "house", 5);
  seg_dict_pair_support(d, s, strlen(s), t, strlen(t), &ds);
  cr_expect_eq(ds.tgt_tokens, 4);
  cr_expect_geq(ds.src_supported, 2, "rumah -> house, itu -> the (default list)");
  cr_expect_geq(ds.tgt_supported, 2);
  const char *a = "Jokowi ke Surabaya", *b = "Jokowi to Surabaya";
  seg_dict_pair_support(NULL, a, strlen(a), b, strlen(b), &ds);
  cr_expect_eq(ds.src_supported, 2, "names are identical tokens");
  cr_expect_eq(ds.tgt_supported, 2);
  seg_dict_free(d);
}

Test(filter, rule_names_are_kebab_case) {
  for (int r = 0; r < SEG_RULE_COUNT; r++) {
    const char *n = seg_filter_rule_name((seg_filter_rule)r);
    for (const char *p = n; *p; p++) cr_expect((*p >= 'a' && *p <= 'z') || *p == '-', "%s", n);
  }
  cr_expect_str_eq(seg_filter_rule_name(SEG_RULE_NUMBER_MISMATCH), "number-mismatch");
}

Test(filter, sentence_api, .init = setup, .fini = teardown) {
  const char *en = "The river flooded the lower part of the town again.";
  cr_expect_null(seg_filters_sentence(filters, en, strlen(en), NULL), "no language: kept");
  cr_expect_null(seg_filters_sentence(filters, en, strlen(en), "en"));
  cr_expect_str_eq(seg_filters_sentence(filters, en, strlen(en), "id"), "wrong-language");
  cr_expect_str_eq(seg_filters_sentence(filters, "", 0, "id"), "empty");
  cr_expect_str_eq(seg_filters_sentence(filters, "%d %s", 5, NULL), "placeholder");
}

Test(filter, repair_step, .init = setup, .fini = teardown) {
  seg_buf out = {0};
  int repaired = -1;
  const char *ok = "Kafe itu bernama \xc3\x83\xc2\xa9toile."; /* "Ã©" for é */
  cr_expect_null(seg_filters_repair(filters, ok, strlen(ok), &out, &repaired));
  cr_expect_eq(repaired, 1);
  cr_expect_str_eq(out.data, "Kafe itu bernama \xc3\xa9toile.");
  const char *lost = "Dia berkata \xc3\xa2\xe2\x82\xac\xef\xbf\xbd cukup."; /* â€ + U+FFFD */
  cr_expect_str_eq(seg_filters_repair(filters, lost, strlen(lost), &out, &repaired), "mojibake");
  cr_expect_null(seg_filters_repair(filters, "biasa", 5, &out, &repaired));
  cr_expect_eq(repaired, 0);
  seg_buf_free(&out);
}

/* ---------- configuration ---------- */

static seg_filter_config *with(const char *yaml, seg_error *err) {
  seg_filter_config *c = seg_filter_config_default(err);
  cr_assert(c);
  if (seg_filter_config_add_yaml(c, yaml, strlen(yaml), "my.yaml", err)) {
    seg_filter_config_free(c);
    return NULL;
  }
  return c;
}

Test(filter, defaults_from_the_embedded_yaml) {
  seg_error err = {0};
  seg_filter_config *c = seg_filter_config_default(&err);
  cr_assert(c);
  for (int r = 0; r < SEG_RULE_COUNT; r++) cr_expect(c->on[r], "%s on", seg_filter_rule_name((seg_filter_rule)r));
  cr_expect_eq(c->max_chars, 1024);
  cr_expect_eq(c->max_words, 200);
  cr_expect_str_eq(c->source_lang, "id");
  cr_expect_str_eq(c->target_lang, "en");
  cr_expect_eq(c->dedup_mode, SEG_DEDUP_FOLD);
  seg_filter_config_free(c);
}

Test(filter, switches_and_parameters) {
  seg_error err = {0};
  seg_filter_config *c = with("rules:\n  copy: false\n  wrong-language: false\n"
                              "  too-long: {max-chars: 50}\n"
                              "  partial: {enabled: false, min-ratio: 3}\n"
                              "  duplicate: {mode: letters_only, max-entries: 10}\n"
                              "languages: {source: en, target: id}\n",
                              &err);
  cr_assert(c, "%s", err.msg);
  cr_expect_eq(c->on[SEG_RULE_COPY], 0);
  cr_expect_eq(c->on[SEG_RULE_TOO_LONG], 1);
  cr_expect_eq(c->max_chars, 50);
  cr_expect_eq(c->max_words, 200, "untouched keys keep their defaults");
  cr_expect_eq(c->on[SEG_RULE_PARTIAL], 0);
  cr_expect(c->partial_min_ratio == 3);
  cr_expect_eq(c->dedup_mode, SEG_DEDUP_LETTERS);
  cr_expect_eq(c->dedup_max_entries, 10);
  cr_expect_str_eq(c->source_lang, "en");
  /* a copy is now kept, a 60-character row is too long */
  seg_filters *f = seg_filters_new(c, NULL, &err);
  cr_assert(f);
  const char *s = "Dia pergi ke pasar untuk membeli sayur.";
  cr_expect_null(seg_filters_pair(f, s, strlen(s), s, strlen(s)), "copy off: kept");
  cr_expect_null(seg_filters_langid(f), "wrong-language off: no language check loaded");
  const char *l = "Kalimat ini agak panjang, lebih dari lima puluh huruf isinya.";
  cr_expect_str_eq(seg_filters_sentence(f, l, strlen(l), NULL), "too-long");
  seg_filters_free(f);
  seg_filter_config_free(c);
}

typedef struct {
  const char *yaml;
  size_t line, col;
  const char *msg;
} error_case;

static const error_case errors[] = {
    {"rulez: {}\n", 1, 1, "unknown key 'rulez'"},
    {"rules:\n  too-loong: true\n", 2, 3, "unknown key 'too-loong'"},
    {"rules:\n  too-long: {max-chars: many}\n", 2, 25, "'max-chars' must be a non-negative integer"},
    {"rules:\n  too-long: {max-char: 5}\n", 2, 14, "unknown key 'max-char'"},
    {"rules:\n  copy: maybe\n", 2, 9, "must be true or false"},
    {"rules:\n  symbols: {min-letter-share: -1}\n", 2, 31, "non-negative number"},
    {"rules:\n  duplicate: {mode: fuzzy}\n", 2, 21, "fold, letters_only or exact"},
    {"languages: {source: ms}\n", 1, 21, "id or en"},
    {"rules: [copy]\n", 1, 8, "rules must be"},
};

ParameterizedTestParameters(filter, config_errors) {
  static size_t idx[sizeof errors / sizeof errors[0]];
  for (size_t i = 0; i < sizeof idx / sizeof idx[0]; i++) idx[i] = i;
  return cr_make_param_array(size_t, idx, sizeof idx / sizeof idx[0]);
}

ParameterizedTest(size_t *pi, filter, config_errors) {
  const error_case *e = &errors[*pi];
  seg_error err = {0};
  cr_expect_null(with(e->yaml, &err));
  cr_expect_eq(err.code, SEG_ERR_CONFIG);
  cr_expect_str_eq(err.file, "my.yaml");
  cr_expect_eq(err.line, e->line, "%s: line %zu", e->yaml, err.line);
  cr_expect_eq(err.col, e->col, "%s: col %zu", e->yaml, err.col);
  cr_expect(strstr(err.msg, e->msg), "'%s' in '%s'", e->msg, err.msg);
}

Test(filter, config_file_errors_name_the_file) {
  seg_error err = {0};
  seg_filter_config *c = seg_filter_config_default(&err);
  cr_assert(c);
  cr_expect_eq(seg_filter_config_add_file(c, "/nonexistent/filters.yaml", &err), SEG_ERR_CONFIG);
  cr_expect(strstr(err.file, "/nonexistent/filters.yaml"));
  char path[] = "/tmp/segfilt.XXXXXX";
  int fd = mkstemp(path);
  cr_assert(fd >= 0);
  FILE *fp = fdopen(fd, "w");
  fputs("rules:\n  empty: false\n", fp);
  fclose(fp);
  cr_expect_eq(seg_filter_config_add_file(c, path, &err), SEG_OK);
  cr_expect_eq(c->on[SEG_RULE_EMPTY], 0);
  remove(path);
  seg_filter_config_free(c);
}
