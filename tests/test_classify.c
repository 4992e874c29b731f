/* classify: the features of a line, the class of a block and the context rule, against the
 * embedded model (glossary/id/classifier.yaml, stopwords.yaml). */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <string.h>

#include "buf.h"
#include "classify.h"

static seg_classifier *model(void) {
  seg_error err = {0};
  seg_classifier *m = seg_classifier_default(&err);
  cr_assert_not_null(m, "%s", err.msg);
  return m;
}

static seg_line_features features(const seg_classifier *m, const char *s) {
  seg_line_features f;
  seg_classify_features(m, s, strlen(s), &f);
  return f;
}

/* --- features --- */

typedef struct {
  const char *text;
  unsigned words, stop, title;
  int terminal, start, open_end, open_quote, name, first_word;
} feat_case;

static const feat_case feat_cases[] = {
    /* prose: stopwords counted whatever their case, punctuation peeled off */
    {"Warga yang tinggal di tepi sungai itu mengungsi.", 8, 3, 1, 1, SEG_START_OTHER, 0, 0, 0, 1},
    /* a headline: no terminal, mostly capitals */
    {"Harga Cabai Naik Jelang Lebaran", 5, 0, 5, 0, SEG_START_OTHER, 0, 0, 0, 1},
    /* a continuation after a link: lower-case start */
    {"di lokasi, Senin (29/12/2025).", 4, 1, 1, 1, SEG_START_LOWER, 0, 0, 0, 1},
    /* glued punctuation starts: comma, period, closing quote */
    {", kata dia kepada wartawan.", 4, 3, 0, 1, SEG_START_CLOSE, 0, 0, 0, 0},
    {". Ini kabar baik.", 3, 2, 1, 1, SEG_START_CLOSE, 0, 0, 0, 0},
    {"\xE2\x80\x9D pada label", 2, 1, 0, 0, SEG_START_CLOSE, 0, 0, 0, 0},
    /* ends where a sentence cannot: an opening quote, a comma, a continuing word */
    {"Ketua panitia menjelaskan, keterangan \xE2\x80\x9C", 4, 0, 1, 0, SEG_START_OTHER, 1, 1, 0, 1},
    {"Menurut Budi,", 2, 1, 2, 0, SEG_START_OTHER, 1, 0, 0, 1},
    {"Bantuan itu diberikan kepada", 4, 2, 1, 0, SEG_START_OTHER, 1, 0, 0, 1},
    /* but a continuing word alone: in lower case a link's piece, capitalized a button ("Top") */
    {"di", 1, 1, 0, 0, SEG_START_LOWER, 1, 0, 0, 1},
    {"Atas", 1, 1, 1, 0, SEG_START_OTHER, 0, 0, 0, 1},
    /* an aside after a finished sentence still ends it */
    {"Banjir merendam rumah warga. (ANTARA/Rina)", 5, 0, 2, 1, SEG_START_OTHER, 0, 0, 0, 1},
    /* names alone, with an initial, with a trailing comma, as "Name - Site" */
    {"Rahmat Hidayat", 2, 0, 2, 0, SEG_START_OTHER, 0, 0, 1, 1},
    {"Dewi K. Lestari,", 3, 0, 3, 0, SEG_START_OTHER, 1, 0, 1, 1},
    {"Yusuf Maulana - wartakita", 3, 0, 2, 0, SEG_START_OTHER, 0, 0, 1, 1},
    /* not names: a stopword, a digit, too many words */
    {"Warga di Desa", 3, 1, 2, 0, SEG_START_OTHER, 0, 0, 0, 1},
    {"Pos 2 Cibodas", 3, 0, 2, 0, SEG_START_OTHER, 0, 0, 0, 1},
    {"Satu Dua Empat Lima Enam", 5, 4, 5, 0, SEG_START_OTHER, 0, 0, 0, 1},
    /* a dash and a space: a dateline's dash, a list item */
    {"\xE2\x80\x93 Hujan deras turun.", 3, 0, 1, 1, SEG_START_DASH, 0, 0, 0, 0},
    /* a handle is not a word */
    {"rina_88", 1, 0, 0, 0, SEG_START_LOWER, 0, 0, 0, 0},
    /* symbols only */
    {"|-", 0, 0, 0, 0, SEG_START_OTHER, 0, 0, 0, 0},
};

#define NFEAT (sizeof feat_cases / sizeof *feat_cases)

ParameterizedTestParameters(classify, features) {
  static size_t idx[NFEAT];
  for (size_t i = 0; i < NFEAT; i++)
    idx[i] = i;
  return cr_make_param_array(size_t, idx, NFEAT);
}

ParameterizedTest(size_t *i, classify, features) {
  const feat_case *c = &feat_cases[*i];
  seg_classifier *m = model();
  seg_line_features f = features(m, c->text);
  cr_expect_eq(f.words, c->words, "'%s' words %u", c->text, f.words);
  cr_expect_eq(f.stop, c->stop, "'%s' stopwords %u", c->text, f.stop);
  cr_expect_eq(f.title, c->title, "'%s' capitalized %u", c->text, f.title);
  cr_expect_eq(f.terminal, c->terminal, "'%s' terminal", c->text);
  cr_expect_eq(f.start, c->start, "'%s' start %d", c->text, f.start);
  cr_expect_eq(f.open_end, c->open_end, "'%s' open end", c->text);
  cr_expect_eq(f.open_quote, c->open_quote, "'%s' open quote", c->text);
  cr_expect_eq(f.name, c->name, "'%s' name", c->text);
  cr_expect_eq(f.first_word, c->first_word, "'%s' first word", c->text);
  seg_classifier_free(m);
}

Test(classify, foreign_words_but_not_acronyms) {
  seg_classifier *m = model();
  seg_line_features f = features(m, "Your email address will not be published.");
  cr_expect_geq(f.foreign, 3);
  cr_expect_eq(f.stop, 0);
  f = features(m, "AS dan IT menjadi isu utama di DPR.");
  cr_expect_eq(f.foreign, 0, "AS and IT are acronyms");
  seg_classifier_free(m);
}

Test(classify, merged_counts_add_up_ends_come_from_the_last_line) {
  seg_classifier *m = model();
  seg_line_features a = features(m, "Kepala dinas itu mengatakan,");
  seg_line_features b = features(m, "anggaran sudah cair.");
  seg_classify_merge(m, &a, &b);
  cr_expect_eq(a.words, 7);
  cr_expect_eq(a.stop, 3, "itu, mengatakan, sudah");
  cr_expect(a.terminal && !a.open_end, "ends as the last line ends");
  cr_expect_eq(a.start, SEG_START_OTHER, "starts as the first line starts");
  seg_classifier_free(m);
}

/* --- classes --- */

typedef struct {
  const char *text;
  seg_class cls;
  const char *reason; /* NULL: good */
  int heading;
} class_case;

static const class_case class_cases[] = {
    {"Pemerintah daerah akan memperbaiki jalan yang rusak akibat banjir pekan lalu.",
     SEG_CLASS_GOOD, NULL, 0},
    /* a news lead full of names is still prose */
    {"Bupati Sukamaju Ahmad Fauzi meresmikan Pasar Induk Cibeureum di Kecamatan Sukaraja, "
     "Senin (4/3/2024).",
     SEG_CLASS_GOOD, NULL, 0},
    {"Warga Bantaran Kali Sunter Mengungsi ke Masjid Terdekat", SEG_CLASS_NEAR, "no-terminal", 1},
    {"Ahmad Fauzi", SEG_CLASS_SHORT, "byline", 0},
    {"Tim Redaksi", SEG_CLASS_SHORT, "byline", 0},
    {"Berita Daerah", SEG_CLASS_SHORT, "byline", 0},
    {"Lainnya", SEG_CLASS_SHORT, "short-debris", 0},
    {"Kamis, 07/03/2024 10:46 WIB", SEG_CLASS_BAD, "symbols", 0},
    {"\xE2\x80\xA2 8", SEG_CLASS_BAD, "symbols", 0},
    {"|", SEG_CLASS_BAD, "symbols", 0},
    {"Nurhayati Sekar Ayu Pramesti - Wartakita", SEG_CLASS_BAD, "byline", 0},
    {"Click here to read the full story on our website.", SEG_CLASS_BAD, "foreign", 0},
    {"Produk Unggulan Promo Spesial Gratis Ongkir Diskon", SEG_CLASS_NEAR, "no-terminal", 1},
    /* a masthead or letterhead all in capitals: no heading, however short or long */
    {"PEMERINTAH KABUPATEN SUKAMAJU", SEG_CLASS_BAD, "capitals", 0},
    {"PORTAL BERITA RESMI DINAS KOMUNIKASI DAN INFORMATIKA KOTA SUKAMAJU", SEG_CLASS_BAD,
     "capitals", 0},
    {"SIARAN PERS", SEG_CLASS_BAD, "capitals", 0},
    {"KEMENTERIAN KELAUTAN DAN PERIKANAN", SEG_CLASS_BAD, "capitals", 0},
    /* one word in capitals is a short line; capitals with a sentence end are scored */
    {"PENGUMUMAN", SEG_CLASS_SHORT, "short-debris", 0},
    {"JALAN DESA SUKAMAJU RUSAK BERAT SETELAH BANJIR.", SEG_CLASS_GOOD, NULL, 0},
};

#define NCLASS (sizeof class_cases / sizeof *class_cases)

ParameterizedTestParameters(classify, classes) {
  static size_t idx[NCLASS];
  for (size_t i = 0; i < NCLASS; i++)
    idx[i] = i;
  return cr_make_param_array(size_t, idx, NCLASS);
}

ParameterizedTest(size_t *i, classify, classes) {
  const class_case *c = &class_cases[*i];
  seg_classifier *m = model();
  seg_line_features f = features(m, c->text);
  seg_verdict v;
  seg_classify_block(m, &f, &v);
  cr_expect_eq(v.cls, c->cls, "'%s': class %d (score %.2f), want %d", c->text, v.cls, v.score,
               c->cls);
  if (c->reason)
    cr_expect(v.reason && !strcmp(v.reason, c->reason), "'%s': reason %s", c->text,
              v.reason ? v.reason : "none");
  cr_expect_eq(v.heading, c->heading, "'%s': heading", c->text);
  seg_classifier_free(m);
}

/* --- the context rule --- */

Test(classify, context_rule) {
  seg_verdict near = {SEG_CLASS_NEAR, 0, "no-terminal", 1.0, 0};
  seg_verdict heading = {SEG_CLASS_NEAR, 1, "no-terminal", 1.0, 0};
  seg_verdict shortv = {SEG_CLASS_SHORT, 0, "short-debris", 0, 0};
  seg_verdict good = {SEG_CLASS_GOOD, 0, NULL, 3, 0};
  seg_verdict bad = {SEG_CLASS_BAD, 0, "symbols", 0, 0};
  const seg_class G = SEG_CLASS_GOOD, B = SEG_CLASS_BAD;
  cr_expect(seg_classify_keep(&good, B, B), "good stays");
  cr_expect(!seg_classify_keep(&bad, G, G), "bad goes");
  cr_expect(seg_classify_keep(&shortv, G, G), "short between good ones");
  cr_expect(!seg_classify_keep(&shortv, G, B) && !seg_classify_keep(&shortv, B, G),
            "short next to debris");
  cr_expect(seg_classify_keep(&near, B, G) && seg_classify_keep(&near, G, B), "near next to good");
  cr_expect(!seg_classify_keep(&near, B, B), "near among debris");
  cr_expect(seg_classify_keep(&heading, G, G) && !seg_classify_keep(&heading, B, G),
            "a heading needs good on both sides (or the heading rule)");
}

/* A line of one or two words with no sentence end (a button, a menu item, a one-word
 * heading) is never kept by context; with a stop, or with three words, it is. */
Test(classify, too_small_for_context) {
  seg_classifier *m = model();
  const seg_class G = SEG_CLASS_GOOD;
  static const struct {
    const char *text;
    int kept;
  } cases[] = {{"Ya", 0}, {"Geografi", 0}, {"Tentang Kami", 0}, {"Ya.", 1}, {"Sudah selesai.", 1},
               {"Kabar dari desa", 1}};
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    seg_line_features f = features(m, cases[i].text);
    seg_verdict v;
    seg_classify_block(m, &f, &v);
    cr_expect_eq(v.cls, SEG_CLASS_SHORT, "'%s' is short", cases[i].text);
    cr_expect_eq(seg_classify_keep(&v, G, G), cases[i].kept, "'%s' between good lines",
                 cases[i].text);
  }
  seg_classifier_free(m);
}

/* --- the model file --- */

Test(classify, settings_and_errors) {
  seg_classifier *m = model();
  seg_error err = {0};
  const char *ok = "window_blocks: 8\nheading:\n  distance: 10\nstopwords: [Gan]\n";
  cr_assert_eq(seg_classifier_add_yaml(m, ok, strlen(ok), "u.yaml", &err), SEG_OK, "%s", err.msg);
  cr_expect_eq(seg_classifier_limits(m)->window_blocks, 8);
  cr_expect_eq(seg_classifier_limits(m)->heading_distance, 10);
  seg_line_features f = features(m, "gan");
  cr_expect_eq(f.stop, 1, "words are lower-cased when loaded");
  const char *bad_key = "weights:\n  titel: 1\n";
  cr_expect_eq(seg_classifier_add_yaml(m, bad_key, strlen(bad_key), "u.yaml", &err),
               SEG_ERR_CONFIG);
  cr_expect_eq(err.line, 2);
  cr_expect(strstr(err.msg, "titel"), "%s", err.msg);
  const char *bad_num = "good: lots\n";
  cr_expect_eq(seg_classifier_add_yaml(m, bad_num, strlen(bad_num), "u.yaml", &err),
               SEG_ERR_CONFIG);
  cr_expect(strstr(err.msg, "good must be a non-negative number"), "%s", err.msg);
  const char *bad_word = "stopwords: ['dua kata']\n";
  cr_expect_eq(seg_classifier_add_yaml(m, bad_word, strlen(bad_word), "u.yaml", &err),
               SEG_ERR_CONFIG);
  cr_expect(seg_classifier_transparent(m, "advert") && !seg_classifier_transparent(m, "footer"));
  seg_classifier_free(m);
}

/* --- the feature pass: counted the same wherever a token falls --- */

/* One unit of prose: 10 tokens, 9 of them words (not "-"), 8 starting with a letter (not "12"),
 * 5 stopwords (yang, DI, dan, itu, kali), 3 capitalized; 37 characters ('é' is one, of two bytes), 6
 * of them not letters. */
static const char unit[] = "Warga yang DI Sungai, dan (itu) 12 kali caf\xC3\xA9 - ";

Test(classify, long_lines_count_every_token) {
  seg_classifier *m = model();
  char line[64 * sizeof unit];
  for (size_t reps = 1; reps <= 60; reps++) {
    line[0] = '\0';
    for (size_t r = 0; r < reps; r++)
      strcat(line, unit);
    line[strlen(line) - 1] = '\0'; /* no trailing space */
    seg_line_features f = features(m, line);
    cr_assert_eq(f.words, 9 * reps, "%zu units: %u words", reps, f.words);
    cr_assert_eq(f.stop, 5 * reps, "%zu units: %u stopwords", reps, f.stop);
    cr_assert_eq(f.title, 3 * reps, "%zu units: %u capitalized", reps, f.title);
    cr_assert_eq(f.alpha, 8 * reps, "%zu units: %u alpha", reps, f.alpha);
    cr_assert_eq(f.chars, 37 * reps, "%zu units: %u characters", reps, f.chars);
    cr_assert_eq(f.symbols, 6 * reps, "%zu units: %u symbols", reps, f.symbols);
    cr_assert_eq(f.parens, 0);
  }
  seg_classifier_free(m);
}

/* Shifting a line by whole tokens ("a " before it) moves every token to another place in the
 * blocks the pass reads: the counts must move only by what the prefix adds. */
Test(classify, counts_do_not_depend_on_where_a_token_falls) {
  static const char *lines[] = {
      "Pemerintah menyatakan bahwa program itu akan dilanjutkan pada tahun depan (2026).",
      ("Menurut dia, harga \xE2\x80\x9C" /* a hex escape ends here: 'b' would continue it */
       "beras\xE2\x80\x9D naik di pasar yang ramai itu"),
      "Baca juga: Warga yang mengungsi dan para relawan di lokasi bencana",
      "yang", "YANG dan", "itu,", "x (yang)", "Caf\xC3\xA9 yang di \xC3\xA9t\xC3\xA9 dan itu.",
  };
  seg_classifier *m = model();
  char buf[512];
  for (size_t l = 0; l < sizeof lines / sizeof *lines; l++) {
    seg_line_features base = features(m, lines[l]);
    for (size_t k = 1; k <= 40; k++) {
      buf[0] = '\0';
      for (size_t j = 0; j < k; j++)
        strcat(buf, "a ");
      strcat(buf, lines[l]);
      seg_line_features f = features(m, buf);
      cr_assert_eq(f.words, base.words + k, "'%s' after %zu tokens", lines[l], k);
      cr_assert_eq(f.alpha, base.alpha + k, "'%s' after %zu tokens", lines[l], k);
      cr_assert_eq(f.chars, base.chars + k, "'%s' after %zu tokens", lines[l], k);
      cr_assert_eq(f.stop, base.stop, "'%s' after %zu tokens", lines[l], k);
      cr_assert_eq(f.title, base.title, "'%s' after %zu tokens", lines[l], k);
      cr_assert_eq(f.symbols, base.symbols, "'%s' after %zu tokens", lines[l], k);
      cr_assert_eq(f.parens, base.parens);
      cr_assert_eq(f.foreign, base.foreign);
      cr_assert_eq(f.terminal, base.terminal);
      cr_assert_eq(f.open_end, base.open_end, "'%s' after %zu tokens", lines[l], k);
    }
  }
  seg_classifier_free(m);
}

/* Words of 8, 16, 17 and 24 bytes in a list, found in any case, at the end of a line (fewer than
 * 16 bytes left) or before more text. */
Test(classify, list_words_of_every_length) {
  seg_classifier *m = model();
  seg_error err = {0};
  const char *yaml = "stopwords: [abcdefgh, abcdefghijklmnop, abcdefghijklmnopq,\n"
                     "  abcdefghijklmnopqrstuvwx]\ncontinuing: [abcdefghijklmnop]\n";
  cr_assert_eq(seg_classifier_add_yaml(m, yaml, strlen(yaml), "u.yaml", &err), SEG_OK, "%s",
               err.msg);
  static const struct {
    const char *text;
    unsigned stop;
    int open_end;
  } cases[] = {
      {"abcdefgh", 1, 0},
      {"abcdefg abcdefghi ABCDEFGH", 1, 0},
      {"x ABCDEFGHIJKLMNOP", 1, 1},
      {"x abcdefghijklmnop", 1, 1},
      {"abcdefghijklmnop dan pohon pohon pohon", 2, 0},
      {"abcdefghijklmno abcdefghijklmnopq.", 1, 0},
      {"AbcdefghijklmnopqrstuvwX pohon pohon pohon pohon", 1, 0},
      {"abcdefghijklmnopqrstuvwxy abcdefghijklmnopqrstuvw", 0, 0},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    seg_line_features f = features(m, cases[i].text);
    cr_expect_eq(f.stop, cases[i].stop, "'%s': %u stopwords", cases[i].text, f.stop);
    cr_expect_eq(f.open_end, cases[i].open_end, "'%s' open end", cases[i].text);
  }
  seg_classifier_free(m);
}

/* More short words than the short-word table has slots (a large list of one's own): every one is
 * still found, the first and the last loaded alike. */
Test(classify, many_short_list_words) {
  seg_classifier *m = model();
  seg_error err = {0};
  seg_buf yaml = {0};
  seg_buf_append(&yaml, "stopwords: [", 12);
  for (int i = 0; i < 2100; i++) {
    char w[8] = {'q', (char)('a' + i / 676), (char)('a' + i / 26 % 26), (char)('a' + i % 26),
                 i + 1 < 2100 ? ',' : ']', '\n', 0};
    seg_buf_append(&yaml, w, strlen(w));
  }
  cr_assert_eq(seg_classifier_add_yaml(m, yaml.data, yaml.len, "u.yaml", &err), SEG_OK, "%s",
               err.msg);
  seg_line_features f = features(m, "Qaaa pohon qbtd qbte pohon QDCT x");
  cr_expect_eq(f.stop, 4, "%u stopwords", f.stop);
  seg_buf_free(&yaml);
  seg_classifier_free(m);
}

/* --- what the joiner asks of a line's ends, and names over two lines --- */

Test(classify, ends_of_a_line_for_the_joiner) {
  seg_classifier *m = model();
  cr_expect(features(m, "truk itu terguling saat melintas di Jalan Raya").end_title);
  cr_expect(!features(m, "truk itu terguling saat melintas di jalan raya").end_title);
  cr_expect(!features(m, "truk itu terguling di Jalan Raya -").end_title, "punctuation last");
  cr_expect(features(m, "Desa ini berpenduduk sekitar lima ribu jiwa.[2][3]").terminal,
            "citation marks after the stop");
  cr_expect(features(m, "Desa ini dibangun pada masa Belanda.[butuh rujukan]").terminal);
  cr_expect(!features(m, "Banjir Rendam Tiga Desa [VIDEO]").terminal, "no stop before the mark");
  cr_expect(!features(m, "Lihat pula[1]").terminal);
  cr_expect(seg_classify_period_end("jiwa.[2][3]", 11) && !seg_classify_period_end("jiwa?[2]", 8));
  cr_expect(features(m, "Pindang berasal dari Palembang.\xC2\xB9").terminal, "a superscript mark");
  cr_expect(features(m, "Pindang berasal dari Palembang.\xC2\xB2,\xC2\xB3").terminal);
  cr_expect(!features(m, "Luas wilayah 12 km\xC2\xB2").terminal, "a square, no stop");
  seg_classifier_free(m);
}

static unsigned lead(const char *s) {
  return seg_classify_lead_words(s, strlen(s));
}

Test(classify, words_before_the_first_sentence_end) {
  cr_expect_eq(lead("Cikaret-Sukamaju. Sopir truk selamat."), 1);
  cr_expect_eq(lead("Cikaret Sukamaju Barat! Sopir truk selamat."), 3);
  cr_expect_eq(lead("Sopir truk itu selamat."), 0, "one sentence: no lead");
  cr_expect_eq(lead("Harga naik 14.30 persen"), 0, "a decimal point");
  cr_expect_eq(lead("Ya? Ya"), 1, "a short line");
  cr_expect_eq(lead("Ya. "), 0, "nothing after the space");
  cr_expect_eq(lead("Ada . titik"), 0, "a mark after a space");
  /* the mark at byte 62 counts, at byte 63 not (a line of 70 bytes) */
  char l[71];
  memset(l, 'a', 70);
  l[70] = 0;
  l[10] = ' ';
  l[62] = '.';
  l[63] = ' ';
  cr_expect_eq(lead(l), 2);
  l[62] = 'a';
  l[63] = '.';
  l[64] = ' ';
  cr_expect_eq(lead(l), 0);
}

Test(classify, a_name_split_over_two_lines_is_a_name) {
  seg_classifier *m = model();
  seg_line_features a = features(m, "Rahmat,"), b = features(m, "Dewi Lestari");
  cr_expect(!a.name, "one word is not a name");
  seg_classify_merge(m, &a, &b);
  cr_expect(a.name, "Rahmat, Dewi Lestari");
  a = features(m, "Rahmat,");
  b = features(m, "Dewi Lestari Putri Ayu");
  seg_classify_merge(m, &a, &b);
  cr_expect(!a.name, "five words: more than name_max_words");
  a = features(m, "Rahmat,");
  b = features(m, "dan kawan-kawan");
  seg_classify_merge(m, &a, &b);
  cr_expect(!a.name, "lower case, a stopword");
  seg_classifier_free(m);
}
