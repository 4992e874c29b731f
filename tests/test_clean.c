/* clean: Unicode normalization, artifacts, boilerplate, duplicates, datelines, related lists,
 * paragraph repair, and the offset map that keeps every kept byte tied to the input. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "affix.h"
#include "buf.h"
#include "clean.h"

typedef struct {
  seg_buf paras;   /* paragraph texts, one per line */
  seg_buf rejects; /* "reason:text" per line */
  size_t invalid;
} collected;

static void on_reject(void *ctx, size_t lineno, size_t offset, const char *reason,
                      const char *text, size_t len) {
  (void)lineno;
  (void)offset;
  collected *c = ctx;
  seg_buf_append(&c->rejects, reason, strlen(reason));
  seg_buf_putc(&c->rejects, ':');
  seg_buf_append(&c->rejects, text, len);
  seg_buf_putc(&c->rejects, '\n');
}

static void on_invalid(void *ctx, size_t lineno, size_t col, size_t offset, unsigned char b) {
  (void)lineno;
  (void)col;
  (void)offset;
  (void)b;
  ((collected *)ctx)->invalid++;
}

static void take(collected *c, const seg_para *p, const char *input) {
  if (!p) return;
  seg_buf_append(&c->paras, p->text.data, p->text.len);
  seg_buf_putc(&c->paras, '\n');
  /* every paragraph maps back into the input */
  size_t s = seg_offmap_start(&p->map, 0), e = seg_offmap_end(&p->map, p->text.len);
  cr_assert_leq(e, strlen(input));
  cr_assert_leq(s, e);
  cr_assert_eq(p->raw_off, s);
}

/* Cleans `input` (lines separated by \n) with the default lexicon, or none when !filter. */
static collected clean_text(const char *input, int filter) {
  seg_error err = {0};
  seg_lexicon *lex = filter ? seg_lexicon_default(&err) : NULL;
  if (filter) cr_assert_not_null(lex, "%s", err.msg);
  seg_classifier *model = filter ? seg_classifier_default(&err) : NULL;
  if (filter) cr_assert_not_null(model, "%s", err.msg);
  seg_cleaner *cl = seg_cleaner_new(lex, model, &err);
  collected c = {0};
  seg_clean_callbacks sink = {on_reject, on_invalid, &c};
  seg_cleaner_begin(cl, &sink);
  seg_reader *r = seg_reader_open_mem(input, strlen(input), "t");
  seg_line l;
  while (seg_reader_next(r, &l, &err) > 0)
    for (seg_para *p = seg_cleaner_push(cl, &l); p; p = seg_cleaner_next(cl)) take(&c, p, input);
  for (seg_para *p = seg_cleaner_finish(cl); p; p = seg_cleaner_next(cl)) take(&c, p, input);
  seg_reader_free(r);
  seg_cleaner_free(cl);
  seg_classifier_free(model);
  seg_lexicon_free(lex);
  if (!c.paras.data) seg_buf_append(&c.paras, "", 0);
  if (!c.rejects.data) seg_buf_append(&c.rejects, "", 0);
  return c;
}

static void done(collected *c) {
  seg_buf_free(&c->paras);
  seg_buf_free(&c->rejects);
}

#define EXPECT_CLEAN(in, filter, want_paras, want_rejects)                         \
  do {                                                                             \
    collected c_ = clean_text(in, filter);                                         \
    cr_expect_str_eq(c_.paras.data, want_paras, "paragraphs of: %s", in);          \
    cr_expect_str_eq(c_.rejects.data, want_rejects, "rejected of: %s", in);        \
    done(&c_);                                                                     \
  } while (0)

/* --- Unicode --- */
Test(clean, nbsp_and_odd_spaces_become_one_space) {
  EXPECT_CLEAN("Satu\xC2\xA0\xC2\xA0" "dua\xE2\x80\x89tiga \t empat\n", 0, "Satu dua tiga empat\n", "");
}

Test(clean, zero_width_and_controls_dropped) {
  EXPECT_CLEAN("In\xE2\x80\x8B" "do\xC2\xAD" "nesia\x01 raya\xEF\xBB\xBF\n", 0, "Indonesia raya\n", "");
}

Test(clean, nfc_composes) {
  EXPECT_CLEAN("Cafe\xCC\x81 e\xCC\x81 \xC3\xA9\n", 0, "Caf\xC3\xA9 \xC3\xA9 \xC3\xA9\n", "");
}

Test(clean, invalid_bytes_become_replacement_character) {
  collected c = clean_text("ab\xFF" "cd\xE2\x82 ef\xC0\xAF\n", 0);
  cr_expect_str_eq(c.paras.data, "ab\xEF\xBF\xBD" "cd\xEF\xBF\xBD ef\xEF\xBF\xBD\xEF\xBF\xBD\n");
  cr_expect_eq(c.invalid, 4, "FF, truncated E2 82, overlong C0 AF (2)");
  done(&c);
}

Test(clean, surrogates_are_invalid) {
  collected c = clean_text("x\xED\xA0\x80y\n", 0);
  cr_expect_eq(c.invalid, 3);
  done(&c);
}

Test(clean, line_of_only_nbsp_is_blank) {
  EXPECT_CLEAN("Satu.\n\xC2\xA0\nDua.\n", 1, "Satu.\nDua.\n", "");
}

Test(clean, invisible_only_line_is_accounted) {
  EXPECT_CLEAN("Satu.\n\xE2\x80\x8B\x01\nDua.\n", 1, "Satu.\nDua.\n", "invisible:\xE2\x80\x8B\x01\n");
}

/* --- cut-link artifacts --- */
Test(clean, doubled_comma) {
  EXPECT_CLEAN("pada April dan September 2024, , ketika Iran\n", 0,
               "pada April dan September 2024, ketika Iran\n", "");
}

Test(clean, empty_curly_quotes) {
  EXPECT_CLEAN("setelah menandatangani \xE2\x80\x9C\xE2\x80\x9D selama 20 tahun\n", 0,
               "setelah menandatangani selama 20 tahun\n", "");
}

Test(clean, empty_straight_quotes_and_space_before_comma) {
  EXPECT_CLEAN("dikenal sebagai \"\" , selama masa jabatan\n", 0,
               "dikenal sebagai, selama masa jabatan\n", "");
}

Test(clean, real_quotes_kept) {
  EXPECT_CLEAN("Ia berkata \"ya\" dan \xE2\x80\x9Ctidak\xE2\x80\x9D.\n", 0,
               "Ia berkata \"ya\" dan \xE2\x80\x9Ctidak\xE2\x80\x9D.\n", "");
}

/* --- boilerplate categories --- */
Test(clean, banners_and_ads) {
  EXPECT_CLEAN("banner 728x250\nIsi berita pertama.\nADVERTISEMENT\nSCROLL TO CONTINUE WITH CONTENT\n", 1,
               "Isi berita pertama.\n",
               "advert:banner 728x250\nadvert:ADVERTISEMENT\nadvert:SCROLL TO CONTINUE WITH CONTENT\n");
}

Test(clean, teasers_any_spacing_and_case) {
  EXPECT_CLEAN("Kalimat awal.\nBaca juga: Harga cabai naik lagi\nBACA JUGA : Banjir di Bekasi\nKalimat akhir.\n", 1,
               "Kalimat awal.\nKalimat akhir.\n",
               "teaser:Baca juga: Harga cabai naik lagi\nteaser:BACA JUGA : Banjir di Bekasi\n");
}

Test(clean, comment_widget) {
  EXPECT_CLEAN("Isi.\nLeave a Reply\nYour email address will not be published. Required fields are marked *\n", 1,
               "Isi.\n",
               "comment:Leave a Reply\ncomment:Your email address will not be published. Required fields are marked *\n");
}

Test(clean, navigation_and_related_list) {
  EXPECT_CLEAN("Isi berita.\nLanjutkan Membaca \xE2\x86\x93\nLoading\nMore Stories\n"
               "Harga minyak dunia turun tajam\nApa kata pakar soal inflasi?\n", 1,
               "Isi berita.\n",
               "navigation:Lanjutkan Membaca \xE2\x86\x93\nnavigation:Loading\n"
               "related-list:More Stories\nrelated-list:Harga minyak dunia turun tajam\n"
               "related-list:Apa kata pakar soal inflasi?\n");
}

Test(clean, related_list_ends_at_a_real_paragraph) {
  EXPECT_CLEAN("Berita Terkait\nJudul satu\nIni paragraf biasa yang panjang dan diakhiri titik.\n", 1,
               "Ini paragraf biasa yang panjang dan diakhiri titik.\n",
               "related-list:Berita Terkait\nrelated-list:Judul satu\n");
}

Test(clean, bylines_timestamps_tags_footer) {
  EXPECT_CLEAN("oleh Hariz Barak diperbarui 10 Des 2022, 13:00 WIB\nDiterbitkan 10 Des 2022, 13:00 WIB\n"
               "Isi.\nSumber: Reuters\nTags: Rusia, Iran\n\xC2\xA9 2024 Media Nusantara. All rights reserved.\n", 1,
               "Isi.\n",
               "byline:oleh Hariz Barak diperbarui 10 Des 2022, 13:00 WIB\n"
               "byline:Diterbitkan 10 Des 2022, 13:00 WIB\nbyline:Sumber: Reuters\ntags:Tags: Rusia, Iran\n"
               "footer:\xC2\xA9 2024 Media Nusantara. All rights reserved.\n");
}

Test(clean, contains_rules_anywhere_in_the_line_any_case) {
  EXPECT_CLEAN("Isi berita yang sebenarnya ada di sini.\n"
               "Konten milik Media Nusantara. ALL RIGHTS Reserved oleh penerbit.\n"
               "Layanan ini bagian dari Press Release Distribution jaringan kami\n"
               "Semua hak dijaga dan reserved untuk rights holder.\n", 1,
               "Isi berita yang sebenarnya ada di sini.\nSemua hak dijaga dan reserved untuk rights holder.\n",
               "footer:Konten milik Media Nusantara. ALL RIGHTS Reserved oleh penerbit.\n"
               "footer:Layanan ini bagian dari Press Release Distribution jaringan kami\n");
}

/* A cleaner with the default lexicon plus the rules of `yaml`; *lex is freed by the caller
 * after the cleaner. */
static seg_cleaner *cleaner_with(const char *yaml, size_t len, seg_lexicon **lex) {
  seg_error err = {0};
  *lex = seg_lexicon_default(&err);
  cr_assert_not_null(*lex, "%s", err.msg);
  cr_assert_eq(seg_lexicon_add_yaml(*lex, yaml, len, "extra.yaml", &err), SEG_OK, "%s", err.msg);
  seg_cleaner *cl = seg_cleaner_new(*lex, NULL, &err);
  cr_assert_not_null(cl, "%s", err.msg);
  return cl;
}

/* Contains rules against a plain search: random lines over a small alphabet (upper and lower
 * case, a rare '#', an 'é' whose capital differs from it only in bit 0x20 of its last byte),
 * keys planted at random places and in random case, lines of 1-300 bytes so keys fall across
 * the 16-byte blocks and at both ends. The first rule (in file order) holding must win. */
static const char *const contains_keys[] = {"zq", "#", "kaba zak", "aqa", "b#b", "zzkz",
                                            "\xC3\xA9k"};

static const char *plain_contains(const char *line, size_t n) {
  static const char *const reasons[] = {"c0", "c1", "c2", "c3", "c4", "c5", "c6"};
  for (size_t k = 0; k < sizeof contains_keys / sizeof *contains_keys; k++) {
    size_t kl = strlen(contains_keys[k]);
    for (size_t at = 0; at + kl <= n; at++) {
      size_t j = 0;
      while (j < kl) {
        char a = line[at + j];
        if (a >= 'A' && a <= 'Z') a = (char)(a + 32);
        if (a != contains_keys[k][j]) break;
        j++;
      }
      if (j == kl) return reasons[k];
    }
  }
  return NULL;
}

Test(clean, contains_rules_agree_with_a_plain_search) {
  seg_buf y = {0};
  seg_buf_append(&y, "rules:\n", 7);
  for (size_t k = 0; k < sizeof contains_keys / sizeof *contains_keys; k++) {
    char rule[128];
    int len = snprintf(rule, sizeof rule, "  - reason: c%zu\n    max_chars: 0\n    contains: ['%s']\n",
                       k, contains_keys[k]);
    seg_buf_append(&y, rule, (size_t)len);
  }
  seg_lexicon *lex;
  seg_cleaner *cl = cleaner_with(y.data, y.len, &lex);
  static const char *const alphabet[] = {"a", "b", "k", "q", "z", "A", "B", "K", "Q", "Z", " ",
                                         "a", "k", "z", " ", "\xC3\xA9", "\xC3\x89"};
  unsigned long long rng = 0x243F6A8885A308D3ull;
  seg_buf line = {0};
  size_t matched = 0;
  for (int round = 0; round < 20000; round++) {
    seg_buf_clear(&line);
    rng = rng * 6364136223846793005ull + 1442695040888963407ull;
    size_t n = 1 + (size_t)(rng >> 33) % 300;
    while (line.len < n) {
      rng = rng * 6364136223846793005ull + 1442695040888963407ull;
      unsigned r = (unsigned)(rng >> 40);
      if (r % 200 == 0) {
        seg_buf_putc(&line, '#');
      } else if (r % 50 == 1) { /* plant a key, in random case */
        const char *key = contains_keys[(r >> 8) % (sizeof contains_keys / sizeof *contains_keys)];
        for (size_t j = 0; key[j]; j++) {
          char ch = key[j];
          if (ch >= 'a' && ch <= 'z' && ((r >> (12 + j % 16)) & 1)) ch = (char)(ch - 32);
          seg_buf_putc(&line, ch);
        }
      } else {
        const char *a = alphabet[(r >> 8) % (sizeof alphabet / sizeof *alphabet)];
        seg_buf_append(&line, a, strlen(a));
      }
    }
    const char *want = plain_contains(line.data, line.len);
    const char *got = seg_cleaner_boilerplate(cl, line.data, line.len);
    matched += want != NULL;
    cr_assert((!want && !got) || (want && got && !strcmp(want, got)), "line '%.*s': want %s, got %s",
              (int)line.len, line.data, want ? want : "none", got ? got : "none");
  }
  cr_expect_gt(matched, 5000, "keys were planted often enough (%zu lines matched)", matched);
  cr_expect_lt(matched, 19000, "and many lines hold none (%zu matched)", matched);
  seg_buf_free(&line);
  seg_buf_free(&y);
  seg_cleaner_free(cl);
  seg_lexicon_free(lex);
}

/* A pattern may start with a non-ASCII character: which ones can start it is probed per code
 * point and cached in 64 slots; « (U+00AB) and ë (U+00EB) share a slot. */
Test(clean, patterns_starting_with_non_ascii_characters) {
  const char *y = "rules:\n  - reason: promo\n    pattern: ['\xC2\xAB\\s*promo \\d+']\n"
                  "  - reason: tanda\n    pattern: ['\xC3\xAB+ tanda']\n";
  seg_lexicon *lex;
  seg_cleaner *cl = cleaner_with(y, strlen(y), &lex);
  for (int round = 0; round < 2; round++) {
    const char *r = seg_cleaner_boilerplate(cl, "\xC2\xAB Promo 12", 10);
    cr_expect(r && !strcmp(r, "promo"), "round %d: %s", round, r ? r : "none");
    cr_expect_null(seg_cleaner_boilerplate(cl, "\xC3\xAB Promo 12", 10), "ë does not start it");
    r = seg_cleaner_boilerplate(cl, "\xC3\xAB\xC3\xAB tanda", 10);
    cr_expect(r && !strcmp(r, "tanda"), "round %d: %s", round, r ? r : "none");
    cr_expect_null(seg_cleaner_boilerplate(cl, "\xE2\x80\x9C Promo 12", 11), "nor does a quote");
  }
  seg_cleaner_free(cl);
  seg_lexicon_free(lex);
}

/* Exact phrases meet a line whatever its spacing and case: random spacing (1-3 spaces, some
 * at the ends), random case, long enough for the 16-byte key path and its fallback. */
/* Table rows, and a line of megabytes of spaces after its cells read in one pass (a loop that
 * went back over a run of spaces at each of its bytes would never finish here). */
Test(clean, table_rows_and_long_space_runs) {
  cr_expect(seg_affix_table_row("Kecamatan\tSukamaju", 18, 8));
  cr_expect(seg_affix_table_row("Beranda   Profil   Kontak", 25, 8));
  cr_expect(!seg_affix_table_row("Satu.\tDua.", 10, 8), "sentences side by side");
  cr_expect(!seg_affix_table_row("Satu\tdua tiga.", 14, 8), "a sentence goes on");
  cr_expect(!seg_affix_table_row("Kecamatan\tSukamaju", 18, 0), "off");
  const char *head = "! No !! Nama Sekolah !! Alamat";
  cr_expect(seg_affix_table_row(head, strlen(head), 8), "a wiki table's header row");
  const char *wow = "Luar biasa!! Saya tidak menyangka hasilnya";
  cr_expect(!seg_affix_table_row(wow, strlen(wow), 8), "'!!' in a sentence is no header");
  size_t n = (size_t)8 << 20;
  char *big = malloc(n);
  cr_assert(big);
  memcpy(big, "Kecamatan\tSukamaju", 18);
  memset(big + 18, ' ', n - 18);
  cr_expect(seg_affix_table_row(big, n, 8), "trailing spaces are no cell");
  memset(big + 18, ' ', n - 18);
  big[n - 1] = 'X';
  cr_expect(seg_affix_table_row(big, n, 8), "a last cell after the run");
  free(big);
}

Test(clean, exact_phrases_any_spacing_and_case_long_lines) {
  const char *y = "rules:\n  - reason: simpan\n    max_chars: 0\n"
                  "    exact: ['Simpan artikel ini untuk dibaca nanti di aplikasi kami']\n";
  seg_lexicon *lex;
  seg_cleaner *cl = cleaner_with(y, strlen(y), &lex);
  static const char *const words[] = {"Simpan", "artikel", "ini", "untuk", "dibaca", "nanti",
                                      "di", "aplikasi", "kami"};
  unsigned long long rng = 0x2545F4914F6CDD1Dull;
  seg_buf line = {0};
  for (int round = 0; round < 2000; round++) {
    seg_buf_clear(&line);
    rng = rng * 6364136223846793005ull + 1442695040888963407ull;
    int spoil = (rng >> 60) == 0; /* one in 16 lines has a letter changed: no match */
    size_t spoil_at = (size_t)(rng >> 40) % 9;
    if ((rng >> 20) & 1) seg_buf_append(&line, "  ", 1 + ((rng >> 21) & 1));
    for (size_t w = 0; w < 9; w++) {
      if (w) {
        rng = rng * 6364136223846793005ull + 1442695040888963407ull;
        seg_buf_append(&line, "   ", 1 + (size_t)(rng >> 62) % 3);
      }
      for (size_t k = 0; words[w][k]; k++) {
        rng = rng * 6364136223846793005ull + 1442695040888963407ull;
        char ch = words[w][k];
        if ((rng >> 63) && ch >= 'a' && ch <= 'z') ch = (char)(ch - 32);
        if (spoil && w == spoil_at && k == 0) ch = 'X';
        seg_buf_putc(&line, ch);
      }
    }
    if ((rng >> 30) & 1) seg_buf_append(&line, " .", 2);
    const char *r = seg_cleaner_boilerplate(cl, line.data, line.len);
    if (spoil) cr_assert_null(r, "spoiled line '%s' matched", line.data);
    else cr_assert(r && !strcmp(r, "simpan"), "line '%s' did not match", line.data);
  }
  seg_buf_free(&line);
  seg_cleaner_free(cl);
  seg_lexicon_free(lex);
}

Test(clean, share_bar_app_promo_pagination_breadcrumb) {
  EXPECT_CLEAN("Home > Berita > Internasional\nIsi.\nFacebook Twitter WhatsApp\n"
               "Simak berita terkini di Google News\nHalaman 2 dari 3\n", 1,
               "Isi.\n",
               "navigation:Home > Berita > Internasional\nshare:Facebook Twitter WhatsApp\n"
               "app-promo:Simak berita terkini di Google News\nnavigation:Halaman 2 dari 3\n");
}

Test(clean, headlines_and_subheadings_are_kept) {
  EXPECT_CLEAN("Inggris: Mereka Mengancam Keamanan Global\nUkraina Tuduh Iran Bantu Rusia\nBerita Duka dari Kota Kecil\n", 1,
               "Inggris: Mereka Mengancam Keamanan Global\nUkraina Tuduh Iran Bantu Rusia\nBerita Duka dari Kota Kecil\n", "");
}

Test(clean, sentences_mentioning_chrome_words_are_kept) {
  EXPECT_CLEAN("Iklan rokok dilarang tayang di televisi sebelum pukul 21.30.\n"
               "Komentar presiden itu memicu perdebatan di media sosial.\n", 1,
               "Iklan rokok dilarang tayang di televisi sebelum pukul 21.30.\n"
               "Komentar presiden itu memicu perdebatan di media sosial.\n", "");
}

/* --- duplicates --- */
Test(clean, exact_duplicate_line_dropped_first_kept) {
  EXPECT_CLEAN("Foto: Reuters\nKeterangan foto berita.\nKeterangan foto berita.\n", 1,
               "Keterangan foto berita.\n",
               "credit:Foto: Reuters\nduplicate:Keterangan foto berita.\n");
}

Test(clean, photo_caption_is_kept_credit_is_not) {
  EXPECT_CLEAN("Foto: Panel surya di atap gedung kementerian. (ANTARA/Rizky)\nFoto: ANTARA/Rizky\n", 1,
               "Foto: Panel surya di atap gedung kementerian.\n",
               "credit: (ANTARA/Rizky)\ncredit:Foto: ANTARA/Rizky\n");
}

Test(clean, duplicates_are_per_document_and_off_without_filter) {
  EXPECT_CLEAN("Sama.\nSama.\n", 0, "Sama.\nSama.\n", "");
}

/* --- datelines --- */
Test(clean, datelines_of_several_styles) {
  EXPECT_CLEAN("JAKARTA, KOMPAS.com - Harga beras naik.\n", 1, "Harga beras naik.\n",
               "dateline:JAKARTA, KOMPAS.com - \n");
  EXPECT_CLEAN("Liputan6.com, Jakarta - Hubungan kedua negara menghangat.\n", 1,
               "Hubungan kedua negara menghangat.\n", "dateline:Liputan6.com, Jakarta - \n");
  EXPECT_CLEAN("SURABAYA (ANTARA) - Hujan deras turun.\n", 1, "Hujan deras turun.\n",
               "dateline:SURABAYA (ANTARA) - \n");
  EXPECT_CLEAN("(SeaPRwire) \xE2\x80\x93 \xC2\xA0Pakar rudal Rusia datang.\n", 1,
               "Pakar rudal Rusia datang.\n", "dateline:(SeaPRwire) \xE2\x80\x93 \xC2\xA0\n");
}

Test(clean, no_dateline_in_ordinary_sentence) {
  EXPECT_CLEAN("AS, UE, dan Inggris mengeluarkan aturan baru.\n", 1,
               "AS, UE, dan Inggris mengeluarkan aturan baru.\n", "");
  /* a site's dateline without its dash: the hyphen of "Baru-baru" is none */
  EXPECT_CLEAN("WartaKita.com, Jakarta Baru-baru ini harga beras naik lagi.\n", 1,
               "WartaKita.com, Jakarta Baru-baru ini harga beras naik lagi.\n", "");
}

/* --- paragraph repair --- */
Test(clean, broken_paragraph_joined_across_blank_and_chrome) {
  EXPECT_CLEAN("AS akan terus memberlakukan sanksi. Selain itu\n\nbanner 325x300\n, AS juga berupaya.\n", 1,
               "AS akan terus memberlakukan sanksi. Selain itu, AS juga berupaya.\n",
               "advert:banner 325x300\n");
}

Test(clean, lowercase_continuation_joined_with_space) {
  EXPECT_CLEAN("Pemerintah menyatakan bahwa\nharga akan turun.\n", 1,
               "Pemerintah menyatakan bahwa harga akan turun.\n", "");
}

Test(clean, finished_sentence_not_joined) {
  EXPECT_CLEAN("Harga naik.\nlalu turun lagi.\n", 1, "Harga naik.\nlalu turun lagi.\n", "");
}

Test(clean, headline_not_joined_to_capitalized_line) {
  EXPECT_CLEAN("Judul Berita Hari Ini\nIsi berita dimulai di sini.\n", 1,
               "Judul Berita Hari Ini\nIsi berita dimulai di sini.\n", "");
}

/* --- offsets of a joined paragraph --- */
Test(clean, joined_paragraph_maps_to_input) {
  const char *in = "Selain itu\r\n\r\n, AS juga.\r\n";
  seg_error err = {0};
  seg_lexicon *lex = seg_lexicon_default(&err);
  seg_cleaner *cl = seg_cleaner_new(lex, NULL, &err);
  seg_cleaner_begin(cl, NULL);
  seg_reader *r = seg_reader_open_mem(in, strlen(in), "t");
  seg_line l;
  const seg_para *p = NULL;
  size_t got = 0;
  while (seg_reader_next(r, &l, &err) > 0)
    for (const seg_para *q = seg_cleaner_push(cl, &l); q; q = seg_cleaner_next(cl)) p = q, got++;
  if (!p) p = seg_cleaner_finish(cl), got += p != NULL;
  cr_assert_eq(got, 1, "one paragraph");
  cr_expect_str_eq(p->text.data, "Selain itu, AS juga.");
  cr_expect_eq(p->raw_off, 0);
  cr_expect_eq(p->raw.len, 24);
  cr_expect(!memcmp(p->raw.data, in, 24), "raw holds the input bytes, separators included");
  cr_expect_eq(seg_offmap_start(&p->map, 10), 14, "the comma");
  cr_expect_eq(seg_offmap_end(&p->map, p->text.len), 24);
  seg_reader_free(r);
  seg_cleaner_free(cl);
  seg_lexicon_free(lex);
}

Test(clean, stats_count_reasons) {
  seg_error err = {0};
  seg_lexicon *lex = seg_lexicon_default(&err);
  seg_cleaner *cl = seg_cleaner_new(lex, NULL, &err);
  seg_cleaner_begin(cl, NULL);
  const char *in = "banner 1x1\nbanner 2x2\nIsi.\nIsi.\n";
  seg_reader *r = seg_reader_open_mem(in, strlen(in), "t");
  seg_line l;
  while (seg_reader_next(r, &l, &err) > 0) seg_cleaner_push(cl, &l);
  seg_cleaner_finish(cl);
  const seg_clean_stats *st = seg_cleaner_stats(cl);
  cr_expect_eq(st->paragraphs, 4);
  cr_expect_eq(st->dropped, 3);
  cr_expect_eq(st->nreasons, 2);
  cr_expect_str_eq(st->reasons[0].reason, "advert");
  cr_expect_eq(st->reasons[0].count, 2);
  seg_reader_free(r);
  seg_cleaner_free(cl);
  seg_lexicon_free(lex);
}

/* --- lexicon loading --- */
Test(lexicon, user_rules_extend_default) {
  seg_error err = {0};
  seg_lexicon *lex = seg_lexicon_default(&err);
  const char *y = "rules:\n  - reason: promo\n    exact: [Promo Spesial Hari Ini]\n";
  cr_assert_eq(seg_lexicon_add_yaml(lex, y, strlen(y), "u.yaml", &err), SEG_OK, "%s", err.msg);
  seg_lexicon_free(lex);
}

Test(lexicon, errors_have_positions) {
  seg_error err = {0};
  seg_lexicon *lex = seg_lexicon_default(&err);
  const char *bad_key = "rules:\n  - reason: x\n    exakt: [a]\n";
  cr_expect_eq(seg_lexicon_add_yaml(lex, bad_key, strlen(bad_key), "u.yaml", &err), SEG_ERR_CONFIG);
  cr_expect_eq(err.line, 3);
  cr_expect(strstr(err.msg, "unknown key 'exakt'"), "%s", err.msg);
  const char *bad_re = "rules:\n  - reason: x\n    pattern: ['(unclosed']\n";
  cr_expect_eq(seg_lexicon_add_yaml(lex, bad_re, strlen(bad_re), "u.yaml", &err), SEG_ERR_CONFIG);
  cr_expect(strstr(err.msg, "invalid pattern"), "%s", err.msg);
  const char *no_reason = "rules:\n  - exact: [a]\n";
  cr_expect_eq(seg_lexicon_add_yaml(lex, no_reason, strlen(no_reason), "u.yaml", &err), SEG_ERR_CONFIG);
  cr_expect(strstr(err.msg, "needs a non-empty 'reason'"), "%s", err.msg);
  seg_lexicon_free(lex);
}

/* The lexicon's verdicts where its shortcuts decide (a prefix known from the first bytes of the
 * line's key, contains keys found by sampling the line or, with a short key, by scanning it,
 * folding kept characters by copying): one line each, with the default lexicon or with rules
 * added that turn the sampling off and need ICU's folding. */
typedef struct {
  int extra;        /* 1: with lexicon_extra */
  const char *line;
  const char *want; /* NULL: kept */
} lex_case;

static const char lexicon_extra[] = "rules:\n"
                                    "  - reason: t-kelvin\n"
                                    "    prefix: ['kabar kilat']\n"
                                    "  - reason: t-short\n"
                                    "    contains: ['qzq']\n"
                                    "    max_chars: 0\n"
                                    "  - reason: t-sharp\n"
                                    "    pattern: ['ss\\d+']\n"
                                    "    max_chars: 20\n";

static const lex_case lex_cases[] = {
    {0, "Baca juga: Harga cabai naik lagi", "teaser"},
    {0, "BACA   JUGA : Harga cabai naik lagi", "teaser"}, /* case, spaces, " :" */
    {0, "Re : Tanya soal pajak", "comment"},              /* the key's ':' among its first bytes */
    {0, "Reporter: Andi", "byline"},
    {0, "zoom-in Banjir Rendam Tiga Desa di Sukamaju", "gallery"},
    {0, "Tag Archives: banjir sukamaju", "tags"},
    {0, "Arsip Kategori: Berita Daerah", "tags"},
    {0, "Berkomentarlah dengan sopan. Komentar menjadi tanggung jawab penulisnya.", "comment"},
    {0, "Tulis komentarmu dan menangkan hadiah menarik!", "comment"},
    {0, "Let's block ads! (Why?)", "widget"},
    {0, "from Kabar Sukamaju Terkini https://ift.tt/3aBcD9e", "widget"},
    {0, "Nikmati berita interaktif dan laporan langsung 24 jam hanya di WartaKita TV", "widget"},
    {0, "Oleh Rina Wati pada 3 Mei 2024, 10:15 WIB", "byline"},
    {0, "Baca di App", "app-promo"},
    {0, "Berita terkini lainnya di Googlenews WartaKita.com", "app-promo"},
    {0, "Ikuti berita pilihan kami di Google News", "app-promo"},
    {0, "Oleh karena itu rapat digelar pada 3 Mei 2024.", NULL},
    {0, "WartaKita.com, 3 Mei 2024, 10:15 WIB", "byline"},
    {0, "Saksikan kabar terkini di program \"Kabar Petang\" WartaTV yang tayang setiap hari pukul "
        "18.00 WIB", "widget"},
    {0, "Sampaikan pendapat Anda tentang berita ini di kolom komentar di bawah.", "comment"},
    {0, "Fakta atau Hoaks? Untuk mengetahui kebenaran informasi yang beredar, hubungi nomor kami.",
     "widget"},
    {0, "Bantuan itu hanya di berikan kepada warga yang terdampak banjir.", NULL},
    {0, "(Klik ini untuk ikuti survei WartaKita tentang calon bupati)", "teaser"},
    {0, "Klik tautan berikut untuk membaca berita lainnya", "teaser"},
    {0, "Reportase kami dari lapangan berlanjut besok pagi.", NULL},
    {0, "\xC2\xA9 2024 Kompas Gramedia", "footer"}, /* a prefix of a non-ASCII character */
    {1, "\xE2\x84\xAA" "abar kilat: banjir di Bekasi", "t-kelvin"}, /* KELVIN SIGN folds to k */
    {1, "Kabar kilatnya belum ada hari ini.", NULL},
    {0, "ALL RIGHTS RESERVED", "footer"},
    {0, "Isi situs ini: all rights reserved", "footer"},  /* the key at the line's end */
    {0, "Isi situs ini: all rights reserve", NULL},
    {1, "Isi situs ini: All Rights Reserved 2024", "footer"}, /* found by the scan */
    {1, "Kode abcQZQdef di akhir baris ini tidak biasa.", "t-short"},
    {0, "Halaman 2 dari 5 \xC2\xBB", "navigation"}, /* folded by copying: '»' stays */
    {1, "\xE1\xBA\x9E" "12", "t-sharp"},                 /* CAPITAL SHARP S folds to ss */
};
#define NLEX_CASES (sizeof lex_cases / sizeof *lex_cases)

Test(lexicon, verdicts) {
  seg_error err = {0};
  seg_lexicon *lex[2] = {seg_lexicon_default(&err), seg_lexicon_default(&err)};
  cr_assert_eq(seg_lexicon_add_yaml(lex[1], lexicon_extra, strlen(lexicon_extra), "t.yaml", &err),
               SEG_OK, "%s", err.msg);
  seg_lexicon_matcher *m[2] = {seg_lexicon_matcher_new(lex[0], &err),
                               seg_lexicon_matcher_new(lex[1], &err)};
  for (size_t i = 0; i < NLEX_CASES; i++) {
    const lex_case *c = &lex_cases[i];
    int list_header = 0;
    const char *got = seg_lexicon_match(m[c->extra], c->line, strlen(c->line), &list_header);
    cr_expect_str_eq(got ? got : "(kept)", c->want ? c->want : "(kept)", "'%s'", c->line);
  }
  for (int k = 0; k < 2; k++) {
    seg_lexicon_matcher_free(m[k]);
    seg_lexicon_free(lex[k]);
  }
}

/* A contains key is found wherever it starts, whichever bytes of the line are sampled. */
Test(lexicon, contains_at_every_offset) {
  seg_error err = {0};
  seg_lexicon *lex = seg_lexicon_default(&err);
  seg_lexicon_matcher *m = seg_lexicon_matcher_new(lex, &err);
  const char *lead = "Seluruh isi situs berita daerah ini dilindungi, ";
  static const char *const keys[] = {"all rights reserved", "hak cipta dilindungi undang-undang"};
  seg_buf line = {0};
  for (size_t k = 0; k < 2; k++)
    for (size_t off = 0; off <= strlen(lead); off++)
      for (size_t cut = 0; cut <= 1; cut++) { /* cut: the key without its first byte */
        seg_buf_clear(&line);
        seg_buf_append(&line, lead + strlen(lead) - off, off);
        seg_buf_append(&line, keys[k] + cut, strlen(keys[k]) - cut);
        seg_buf_append(&line, ".", 1);
        int lh = 0;
        const char *got = seg_lexicon_match(m, line.data, line.len, &lh);
        cr_expect_str_eq(got ? got : "(kept)", cut ? "(kept)" : "footer", "'%s'", line.data);
      }
  seg_buf_free(&line);
  seg_lexicon_matcher_free(m);
  seg_lexicon_free(lex);
}

/* An `ends` mark is cut off only where it ends the line, in any ASCII case. */
Test(lexicon, line_end_marks) {
  seg_error err = {0};
  seg_lexicon *lex = seg_lexicon_default(&err);
  seg_lexicon_matcher *m = seg_lexicon_matcher_new(lex, &err);
  const char *why = NULL;
  cr_expect_eq(seg_lexicon_line_end(m, "Sejarah[Sunting]", 16, &why), 7);
  cr_expect_str_eq(why ? why : "", "edit-link");
  cr_expect_eq(seg_lexicon_line_end(m, "Sejarah[sunting] lagi", 21, &why), 21);
  cr_expect_eq(seg_lexicon_line_end(m, "", 0, &why), 0);
  seg_lexicon_matcher_free(m);
  seg_lexicon_free(lex);
}

/* --- web pages from any site: debris kinds, the joiner, context (own fixtures) --- */

#define EIGHT "Kalimat pertama tentang jalan desa. Kalimat kedua tentang pompa air baru. Kalimat ketiga tentang musim hujan. Kalimat keempat tentang balai warga. Kalimat kelima tentang jembatan kayu. Kalimat keenam tentang sawah di utara. Kalimat ketujuh tentang pasar pagi. Kalimat kedelapan tentang sekolah dasar."
#define G1 "Pemerintah daerah akan memperbaiki jalan yang rusak akibat banjir pekan lalu."
#define G2 "Warga berharap perbaikan selesai sebelum musim hujan berikutnya tiba di desa mereka."
#define G3 "Dinas terkait juga menyiapkan pompa air di titik yang sering tergenang."
#define WIKI                                                                                       \
  "Sukamaju adalah sebuah desa di Kabupaten Contoh yang terkenal dengan sawahnya.[1] Desa ini "     \
  "berpenduduk sekitar lima ribu jiwa.[2][3]"

typedef struct {
  const char *name, *in, *paras, *rejects;
} web_case;

static const web_case web_cases[] = {
    {"dateline over two lines",
     "BANDUNG, WARTAKITA.com\n\xE2\x80\x93 Hujan deras yang turun sejak sore membuat sejumlah ruas "
     "jalan di kota itu tergenang.\n" G2 "\n",
     "Hujan deras yang turun sejak sore membuat sejumlah ruas jalan di kota itu tergenang.\n" G2 "\n",
     "dateline:BANDUNG, WARTAKITA.com\ndateline:\xE2\x80\x93 \n"},
    {"site and dash alone on a line", "WartaKita.com \xE2\x80\x93\n" G1 "\n" G2 "\n",
     G1 "\n" G2 "\n", "dateline:WartaKita.com \xE2\x80\x93\n"},
    {"agency dateline, city in any case", "Sukamaju (ANTARA) \xE2\x80\x93 " G1 "\n" G2 "\n",
     G1 "\n" G2 "\n", "dateline:Sukamaju (ANTARA) \xE2\x80\x93 \n"},
    {"bylines and staff credits",
     "Tim Redaksi\nPenulis\nRahmat Hidayat\n" G1 "\n" G2 "\nPewarta: Dewi Lestari\nRedaktur: Budi\n",
     G1 "\n" G2 "\n",
     "byline:Tim Redaksi\nbyline:Penulis\nbyline:Rahmat Hidayat\nbyline:Pewarta: Dewi Lestari\n"
     "byline:Redaktur: Budi\n"},
    {"names listed with commas stay apart", "Tri Wulan Sari,\nGilang K. Pratama\n" G1 "\n" G2 "\n",
     G1 "\n" G2 "\n", "byline:Tri Wulan Sari,\nbyline:Gilang K. Pratama\n"},
    {"staff initials glued to the last sentence", G1 "\n" G2 " (abc/xyz)\n", G1 "\n" G2 "\n",
     "staff-initials: (abc/xyz)\n"},
    {"a date and time alone", "Selasa, 12/03/2024 14:05 WIB\n" G1 "\n" G2 "\n", G1 "\n" G2 "\n",
     "symbols:Selasa, 12/03/2024 14:05 WIB\n"},
    {"bullets and counters", "\xE2\x80\xA2 8\n1.\n" G1 "\n2. " G2 "\n", G1 "\n" G2 "\n",
     "symbols:\xE2\x80\xA2 8\nsymbols:1.\nbullet:2. \n"},
    {"a headline repeated on a listing page",
     "\xE2\x80\xA2 Jalan Rusak di Sukamaju Segera Diperbaiki Pemerintah\n"
     "Jalan Rusak di Sukamaju Segera Diperbaiki Pemerintah\n"
     "Jalan Rusak di Sukamaju Segera Diperbaiki Pemerintah\n" G1 "\n" G2 "\n",
     G1 "\n" G2 "\n",
     "related-list:\xE2\x80\xA2 Jalan Rusak di Sukamaju Segera Diperbaiki Pemerintah\n"
     "duplicate:Jalan Rusak di Sukamaju Segera Diperbaiki Pemerintah\n"
     "duplicate:Jalan Rusak di Sukamaju Segera Diperbaiki Pemerintah\n"},
    {"category and author headers, share bar, table residue",
     "Category: Berita Daerah\nAuthor: Redaksi WartaKita\nShare to:\n" G1 "\n" G2 "\n|\n|-\n",
     G1 "\n" G2 "\n",
     "tags:Category: Berita Daerah\nbyline:Author: Redaksi WartaKita\nshare:Share to:\n"
     "symbols:|\nsymbols:|-\n"},
    {"widgets",
     G1 "\nView this post on Instagram\nA post shared by Dinas Pariwisata (@dispar.kota)\n" G2
     "\nBaca berita tanpa iklan. Gabung WartaKita+\nUntuk info lowongan terbaru, klik di sini\n"
     "Image of jalan utama yang tergenang\n",
     G1 "\n" G2 "\n",
     "widget:View this post on Instagram\nwidget:A post shared by Dinas Pariwisata (@dispar.kota)\n"
     "widget:Baca berita tanpa iklan. Gabung WartaKita+\n"
     "widget:Untuk info lowongan terbaru, klik di sini\nwidget:Image of jalan utama yang tergenang\n"},
    {"English UI text", G1 "\n" G2 "\nWe are sorry but this page is not available in your region.\n",
     G1 "\n" G2 "\n", "foreign:We are sorry but this page is not available in your region.\n"},
    {"a cookie banner and its consent line",
     G1 "\nSitus ini menggunakan cookie agar Anda mendapat pengalaman terbaik.\nDengan melanjutkan, "
     "Anda menyetujui kebijakan privasi kami.\n" G2 "\nWe use cookies to improve your visit.\n",
     G1 "\n" G2 "\n",
     "notice:Situs ini menggunakan cookie agar Anda mendapat pengalaman terbaik.\n"
     "notice:Dengan melanjutkan, Anda menyetujui kebijakan privasi kami.\n"
     "notice:We use cookies to improve your visit.\n"},
    {"a wiki copy's hatnote, maintenance and stub notices",
     "Untuk kegunaan lain, lihat Sukamaju (disambiguasi).\nArtikel ini membutuhkan rujukan tambahan "
     "agar kualitasnya dapat dipastikan.\n" WIKI "\n" G1 "\nArtikel bertopik desa di Jawa Barat ini "
     "adalah sebuah rintisan. Anda dapat membantu Wikipedia dengan mengembangkannya.\n",
     WIKI "\n" G1 "\n",
     "notice:Untuk kegunaan lain, lihat Sukamaju (disambiguasi).\n"
     "notice:Artikel ini membutuhkan rujukan tambahan agar kualitasnya dapat dipastikan.\n"
     "notice:Artikel bertopik desa di Jawa Barat ini adalah sebuah rintisan. Anda dapat membantu "
     "Wikipedia dengan mengembangkannya.\n"},
    {"a wiki section's edit links after its heading, or alone",
     G1 "\nSejarah Desa Sukamaju[sunting | sunting sumber]\n" G2 "\n[sunting]\n" G3 "\n",
     G1 "\nSejarah Desa Sukamaju\n" G2 "\n" G3 "\n",
     "edit-link:[sunting | sunting sumber]\nedit-link:[sunting]\n"},
    {"table rows: an infobox's label and value, cells between bars",
     G1 "\nKecamatan\tSukamaju\n \xE2\x80\xA2 Total\t48,62 km2\nJenis bibit | Jumlah | Lokasi\n"
     "Nila | 1.500 | Kolam A\n" G2 "\n",
     G1 "\n" G2 "\n",
     "table:Kecamatan\tSukamaju\ntable: \xE2\x80\xA2 Total\t48,62 km2\n"
     "table:Jenis bibit | Jumlah | Lokasi\ntable:Nila | 1.500 | Kolam A\n"},
    {"a feedback widget's question and its buttons",
     G1 "\n" G2 "\nApakah artikel ini bermanfaat?\nYa\nTidak\n\n" G3 "\n",
     G1 "\n" G2 "\n" G3 "\n",
     "widget:Apakah artikel ini bermanfaat?\nrelated-list:Ya\nrelated-list:Tidak\n"},
    {"a health site's reviewer note, metadata line, consultation prompt, video prompt",
     "Oleh dr. Rina Wati, Sp.A | 2 Maret 2025 | Dibaca 1.234 kali\n" G1 "\n"
     "Artikel ini telah ditinjau oleh Tim Medis Klinik Sehat.\n" G2 "\n"
     "Butuh konsultasi dengan dokter anak?\nSaksikan selengkapnya dalam video di atas.\n"
     "Perlu konsultasi? Tanya dokter gigi kami sekarang juga\n",
     G1 "\n" G2 "\n",
     "byline:Oleh dr. Rina Wati, Sp.A | 2 Maret 2025 | Dibaca 1.234 kali\n"
     "byline:Artikel ini telah ditinjau oleh Tim Medis Klinik Sehat.\n"
     "widget:Butuh konsultasi dengan dokter anak?\n"
     "widget:Saksikan selengkapnya dalam video di atas.\n"
     "widget:Perlu konsultasi? Tanya dokter gigi kami sekarang juga\n"},
    {"forum software: counters, post and comment headers, quotes, signature, return link",
     "12 pesan \xE2\x80\xA2 Halaman 1 dari 2\noleh warga_88 \xC2\xBB Sen Mar 03, 2025 8:47 pm\n"
     G1 "\n__________________\nServis panggilan area Sukamaju.\nWA di profil.\n\n"
     "Original Posted By warga_88\n" G2 "\nAnonim 17 Februari 2025 pukul 08.02\n" G3 "\n"
     "Kembali ke \xE2\x80\x9CJalan Desa\xE2\x80\x9D\n",
     G1 "\n" G2 "\n" G3 "\n",
     "navigation:12 pesan \xE2\x80\xA2 Halaman 1 dari 2\n"
     "byline:oleh warga_88 \xC2\xBB Sen Mar 03, 2025 8:47 pm\n"
     "signature:__________________\nsignature:Servis panggilan area Sukamaju.\n"
     "signature:WA di profil.\ncomment:Original Posted By warga_88\n"
     "byline:Anonim 17 Februari 2025 pukul 08.02\n"
     "comment:Kembali ke \xE2\x80\x9CJalan Desa\xE2\x80\x9D\n"},
    {"a rule line before a paragraph: the paragraph is not a signature",
     G1 "\n--------------------\n" G2 " " G3 " Semua pompa itu sudah diuji sebelum musim hujan.\n",
     G1 "\n" G2 " " G3 " Semua pompa itu sudah diuji sebelum musim hujan.\n",
     "signature:--------------------\n"},
    {"a blog's share options and pager, a forum's toolbar, a list named by its last word",
     G1 "\nBerbagi ke Facebook\nKirimkan Ini lewat Email\nPosting Lebih Baru Posting Lama Beranda\n"
     "Thread Tools  Cari di Thread ini\nHalaman 1 dari 2 1 2 >\n" G2 "\nSiaran Pers Lainnya\n"
     "\xE2\x80\xBA Jalan Desa Sukamaju Diperbaiki\n\n" G3 "\n",
     G1 "\n" G2 "\n" G3 "\n",
     "share:Berbagi ke Facebook\nshare:Kirimkan Ini lewat Email\n"
     "navigation:Posting Lebih Baru Posting Lama Beranda\nnavigation:Thread Tools  Cari di Thread ini\n"
     "navigation:Halaman 1 dari 2 1 2 >\nrelated-list:Siaran Pers Lainnya\n"
     "related-list:\xE2\x80\xBA Jalan Desa Sukamaju Diperbaiki\n"},
    {"a menu laid out in columns, a doctor's name alone, a Q&A header",
     "  Terkini   Sukamaju   Nasional   Gaya Hidup\n" G1 "\ndr. Rina Wati Lestari\n"
     "Ditanyakan oleh: Ibu R., 41 tahun\n" G2 "\n",
     G1 "\n" G2 "\n",
     "table:  Terkini   Sukamaju   Nasional   Gaya Hidup\nbyline:dr. Rina Wati Lestari\n"
     "byline:Ditanyakan oleh: Ibu R., 41 tahun\n"},
    {"forum software's login box, clock and closed-topic notes; ratings and calls to action; "
     "a hatnote, a blog's theme credit, a medical disclaimer",
     "Selamat datang, Tamu.\nSilakan login atau daftar.\nUntuk tokoh lain bernama Rina, lihat Rina "
     "(disambiguasi).\n" G1 "\nTopik ini otomatis ditutup 3 hari setelah balasan terakhir.\n"
     "Berikan penilaian Anda terhadap layanan kami.\nPunya keluhan serupa?\nBuat janji dengan "
     "dokter kami\n" G2 "\nInformasi ini bukan pengganti pemeriksaan langsung oleh dokter.\n"
     "Waktu menunjukkan GMT +7.\nTema Sederhana. Diberdayakan oleh Blogger.\n",
     G1 "\n" G2 "\n",
     "comment:Selamat datang, Tamu.\ncomment:Silakan login atau daftar.\n"
     "notice:Untuk tokoh lain bernama Rina, lihat Rina (disambiguasi).\n"
     "comment:Topik ini otomatis ditutup 3 hari setelah balasan terakhir.\n"
     "widget:Berikan penilaian Anda terhadap layanan kami.\nwidget:Punya keluhan serupa?\n"
     "widget:Buat janji dengan dokter kami\n"
     "footer:Informasi ini bukan pengganti pemeriksaan langsung oleh dokter.\n"
     "comment:Waktu menunjukkan GMT +7.\nfooter:Tema Sederhana. Diberdayakan oleh Blogger.\n"},
    {"a menu of known words on one line, a poll and its question, forum chrome, an ad and a "
     "contact line, a labelled disclaimer, a search box, a date and an office, a credit alone",
     "Beranda Profil Berita Agenda Galeri Kontak\nJajak Pendapat\nApakah jalan di desa Anda "
     "sudah layak?\n" G1 "\nDiskusi di 'Motor Matic' dimulai oleh warga_88, 3 Feb 2024.\n"
     "1 orang menyukai ini.\nPasang iklan Anda di sini!\nHubungi 0812-5678-9012\n" G2 "\n"
     "Penafian: Artikel ini hanya bersifat informatif.\nCari penyakit, obat, atau gejala...\n"
     "Kamis, 21 Maret 2024 - Biro Humas\n(WartaKita/Rina)\n" G3 "\n",
     G1 "\n" G2 "\n" G3 "\n",
     "navigation:Beranda Profil Berita Agenda Galeri Kontak\nwidget:Jajak Pendapat\n"
     "related-list:Apakah jalan di desa Anda sudah layak?\n"
     "comment:Diskusi di 'Motor Matic' dimulai oleh warga_88, 3 Feb 2024.\n"
     "comment:1 orang menyukai ini.\nadvert:Pasang iklan Anda di sini!\n"
     "footer:Hubungi 0812-5678-9012\nfooter:Penafian: Artikel ini hanya bersifat informatif.\n"
     "widget:Cari penyakit, obat, atau gejala...\nbyline:Kamis, 21 Maret 2024 - Biro Humas\n"
     "credit:(WartaKita/Rina)\n"},
    {"bylines Rep:/Red: and a name with its update time, a read counter said as a sentence, a "
     "comment list's heading, a sponsored box, a share bar of several phrases, a network footer, "
     "a breadcrumb after 'Anda berada di', a related post's category",
     "Anda berada di: Beranda \xE2\x80\xBA Berita\nRep: Rina Wati  Red: Budi Santoso\n"
     "Rina Wati - Diperbarui 10 Oktober 2024, 16:30\n" G1 "\nKonten Bersponsor\nTabungan Emas "
     "untuk Keluarga Muda\nPelajari Lebih Lanjut\n\n" G2 "\nTulisan ini telah dibaca 2.317 kali\n"
     "Kirimkan Ini lewat Email BlogThis! Berbagi ke Twitter Berbagi ke Facebook\n"
     "Dalam \"Berita Daerah\"\n14 tanggapan untuk \"Jalan Desa Rusak\"\n" G3 "\n"
     "WartaKita.com adalah bagian dari jaringan Media Kita Grup.\n",
     G1 "\n" G2 "\n" G3 "\n",
     "navigation:Anda berada di: Beranda \xE2\x80\xBA Berita\n"
     "byline:Rep: Rina Wati  Red: Budi Santoso\nbyline:Rina Wati - Diperbarui 10 Oktober 2024, 16:30\n"
     "advert:Konten Bersponsor\nrelated-list:Tabungan Emas untuk Keluarga Muda\n"
     "widget:Pelajari Lebih Lanjut\nbyline:Tulisan ini telah dibaca 2.317 kali\n"
     "share:Kirimkan Ini lewat Email BlogThis! Berbagi ke Twitter Berbagi ke Facebook\n"
     "tags:Dalam \"Berita Daerah\"\ncomment:14 tanggapan untuk \"Jalan Desa Rusak\"\n"
     "footer:WartaKita.com adalah bagian dari jaringan Media Kita Grup.\n"},
    {"a list ends at the blank line after its items, and at a line that goes on",
     G1 "\nBaca Juga:\nJalan Desa Sukamaju Diperbaiki\nPompa Air Disiapkan di Tiga Titik\n\n"
     "Pelaksana Tugas Kepala\nBPBD Sukamaju\n, Rina Wati, menyebut pihaknya telah menyiapkan perahu "
     "karet di lokasi.\n" G2 "\nBerita Terkait\nJudul Berita Lain di Sukamaju\n"
     "Agar tetap aman saat banjir, lakukan beberapa hal berikut:\n" G3 "\n",
     G1 "\nPelaksana Tugas Kepala BPBD Sukamaju, Rina Wati, menyebut pihaknya telah menyiapkan "
     "perahu karet di lokasi.\n" G2 "\nAgar tetap aman saat banjir, lakukan beberapa hal berikut:\n"
     G3 "\n",
     "related-list:Baca Juga:\nrelated-list:Jalan Desa Sukamaju Diperbaiki\n"
     "related-list:Pompa Air Disiapkan di Tiga Titik\nrelated-list:Berita Terkait\n"
     "related-list:Judul Berita Lain di Sukamaju\n"},
    {"a list ends at a line of prose whose end a link broke off",
     G1 "\nBerita Terkait\nJalan Desa Sukamaju Diperbaiki\nPompa Air Disiapkan di Tiga Titik\n"
     "Menurut Rina, petugas masih memeriksa tanggul yang jebol di dekat\nSungai Cisadane\n.\n"
     G2 "\n",
     G1 "\nMenurut Rina, petugas masih memeriksa tanggul yang jebol di dekat Sungai Cisadane.\n"
     G2 "\n",
     "related-list:Berita Terkait\nrelated-list:Jalan Desa Sukamaju Diperbaiki\n"
     "related-list:Pompa Air Disiapkan di Tiga Titik\n"},
    {"a list ends at a long line in sentence case with stopwords, its stop on the next line",
     G1 "\nBaca Juga\nJalan Desa Sukamaju Diperbaiki\nPompa Air Disiapkan di Tiga Titik\n"
     "Kepala Dinas Sosial Sukamaju, Rina Wati, mengatakan bantuan sudah dikirim ke dua desa untuk "
     "warga yang mengungsi\n.\n" G2 "\n",
     G1 "\nKepala Dinas Sosial Sukamaju, Rina Wati, mengatakan bantuan sudah dikirim ke dua desa "
     "untuk warga yang mengungsi.\n" G2 "\n",
     "related-list:Baca Juga\nrelated-list:Jalan Desa Sukamaju Diperbaiki\n"
     "related-list:Pompa Air Disiapkan di Tiga Titik\n"},
    {"a teaser's label alone heads a list; an English one too",
     G1 "\nTonton juga:\nBanjir Rendam Tiga Desa di Sukamaju\nFestival Layang-Layang Kembali Digelar"
     "\n\n" G2 "\nRelated\nSoto Ayam Paling Enak di Sukamaju, Sudah Coba?\nSarapan Pagi di Alun-Alun\n\n"
     G3 "\n",
     G1 "\n" G2 "\n" G3 "\n",
     "related-list:Tonton juga:\nrelated-list:Banjir Rendam Tiga Desa di Sukamaju\n"
     "related-list:Festival Layang-Layang Kembali Digelar\nrelated-list:Related\n"
     "related-list:Soto Ayam Paling Enak di Sukamaju, Sudah Coba?\n"
     "related-list:Sarapan Pagi di Alun-Alun\n"},
    {"fields between middle dots or slashes: a user's rank, a breadcrumb, dates and reading time",
     G1 "\nLevel 5 \xC2\xB7 Anggota Aktif\nLayanan Publik / Perizinan Usaha Mikro\n"
     "Terakhir diperbarui: 3 Mei 2025 \xC2\xB7 Waktu baca 4 menit\n" G2 "\n"
     "Harga cabai naik / turun setiap pekan di pasar desa Sukamaju menurut pedagang.\n",
     G1 "\n" G2 "\nHarga cabai naik / turun setiap pekan di pasar desa Sukamaju menurut pedagang.\n",
     "table:Level 5 \xC2\xB7 Anggota Aktif\ntable:Layanan Publik / Perizinan Usaha Mikro\n"
     "byline:Terakhir diperbarui: 3 Mei 2025 \xC2\xB7 Waktu baca 4 menit\n"},
    {"a name and a date between bars, a time ago, a reading time, a staff credit with the site's "
     "name, a search box with it",
     "Rina Wati | 2 Mei 2025, 09:15 WIB\n" G1 "\nDibalas 3 hari yang lalu\n6 menit baca\n"
     G2 "\nTim Redaksi WartaKita\nCari di WartaKita\n" G3 "\n",
     G1 "\n" G2 "\n" G3 "\n",
     "byline:Rina Wati | 2 Mei 2025, 09:15 WIB\nbyline:Dibalas 3 hari yang lalu\n"
     "byline:6 menit baca\nbyline:Tim Redaksi WartaKita\nwidget:Cari di WartaKita\n"},
    {"disclosures and disclaimers, a site's word about its comments, a donation box, a contact "
     "line with its verb",
     G1 "\nDisclosure: perangkat ini dipinjamkan oleh produsennya.\nArtikel ini dapat memuat tautan "
     "afiliasi.\nKeputusan investasi sepenuhnya ada di tangan pembaca.\n" G2 "\n"
     "Kami sedang memperbaiki layanan komentar.\nTerima kasih atas kesabaran Anda.\n"
     "Salurkan bantuan Anda melalui rekening Bank Desa 1234 5678 90 a.n. Yayasan Peduli Sukamaju.\n"
     "Konfirmasi via WA 0812-3456-7890.\n" G3 "\n",
     G1 "\n" G2 "\n" G3 "\n",
     "footer:Disclosure: perangkat ini dipinjamkan oleh produsennya.\n"
     "footer:Artikel ini dapat memuat tautan afiliasi.\n"
     "footer:Keputusan investasi sepenuhnya ada di tangan pembaca.\n"
     "notice:Kami sedang memperbaiki layanan komentar.\nnotice:Terima kasih atas kesabaran Anda.\n"
     "advert:Salurkan bantuan Anda melalui rekening Bank Desa 1234 5678 90 a.n. Yayasan Peduli "
     "Sukamaju.\nfooter:Konfirmasi via WA 0812-3456-7890.\n"},
    {"a reference list's citations of any length, after its heading",
     G1 "\n" G2 "\nReferensi\nDinas Kesehatan Sukamaju. (2023). Panduan Menjaga Kesehatan Saat "
     "Banjir dan Sesudahnya.\nRina Wati. Air Bersih untuk Desa. Diakses 3 Mei 2025.\n\n" G3 "\n",
     G1 "\n" G2 "\n" G3 "\n",
     "reference:Referensi\nreference:Dinas Kesehatan Sukamaju. (2023). Panduan Menjaga Kesehatan "
     "Saat Banjir dan Sesudahnya.\nreference:Rina Wati. Air Bersih untuk Desa. Diakses 3 Mei 2025.\n"},
    {"a signature ends after its lines, and at the next post's header",
     G1 "\n__________________\nServis AC panggilan.\nWA di profil.\nJoin Date: Jan 2020\n"
     "Setau saya jalan itu milik kota, jadi laporannya ke dinas kota saja.\n"
     "Nanti saya coba lapor lagi ke akun resmi dinas pekerjaan umum.\n",
     G1 "\nSetau saya jalan itu milik kota, jadi laporannya ke dinas kota saja.\n"
     "Nanti saya coba lapor lagi ke akun resmi dinas pekerjaan umum.\n",
     "signature:__________________\nsignature:Servis AC panggilan.\nsignature:WA di profil.\n"
     "comment:Join Date: Jan 2020\n"},
    {"a lone period a link break left is glued back each time, not taken for a copy",
     "Pemerintah desa menyalurkan bantuan kepada warga pada tahun anggaran 2024\n.\n"
     "Bantuan itu berupa beras dan minyak goreng untuk setiap kepala keluarga di\nSukamaju\n.\n",
     "Pemerintah desa menyalurkan bantuan kepada warga pada tahun anggaran 2024.\n"
     "Bantuan itu berupa beras dan minyak goreng untuk setiap kepala keluarga di Sukamaju.\n",
     ""},
    {"a lower-case word goes on a long block that its capitals make look like a headline",
     "Balai Besar Pelaksanaan Jalan Nasional (BPJN) Kalimantan Barat Menyiagakan Alat Berat di Titik "
     "Rawan Longsor\ndi sepanjang ruas tersebut.\n" G1 "\n",
     "Balai Besar Pelaksanaan Jalan Nasional (BPJN) Kalimantan Barat Menyiagakan Alat Berat di Titik "
     "Rawan Longsor di sepanjang ruas tersebut.\n" G1 "\n",
     ""},
    {"a pager's label and its title, a video's label and its title; a comment form's prompts; a "
     "shop's button; a call to watch 'di sini'; an affiliate disclosure",
     G1 "\nArtikel Sebelumnya\nJalan Desa Sukamaju Diperbaiki\n\nTonton Video\nDetik-detik Banjir "
     "Rendam Desa Sukamaju\n\n" G2 "\nSilakan masukkan komentar Anda!\nAnda telah memasukkan alamat "
     "email yang salah!\nCek Harga di TokoKita\nSaksikan siaran langsung WartaKita TV di sini\n"
     "Postingan ini mengandung tautan afiliasi.\n" G3 "\n",
     G1 "\n" G2 "\n" G3 "\n",
     "related-list:Artikel Sebelumnya\nrelated-list:Jalan Desa Sukamaju Diperbaiki\n"
     "related-list:Tonton Video\nrelated-list:Detik-detik Banjir Rendam Desa Sukamaju\n"
     "comment:Silakan masukkan komentar Anda!\n"
     "comment:Anda telah memasukkan alamat email yang salah!\nwidget:Cek Harga di TokoKita\n"
     "widget:Saksikan siaran langsung WartaKita TV di sini\n"
     "footer:Postingan ini mengandung tautan afiliasi.\n"},
    {"a source credit of words in parentheses after the last sentence",
     G1 " (Biro Humas/Rina)\n" G2 " (Dok. Pemkab Sukamaju/Rina)\n" G3 " (dua/tiga kali lipat)\n",
     G1 "\n" G2 "\n" G3 " (dua/tiga kali lipat)\n",
     "credit: (Biro Humas/Rina)\ncredit: (Dok. Pemkab Sukamaju/Rina)\n"},
    {"a reporter's name in parentheses after the last sentence; an aside inside one, a longer one "
     "and one with a number stay",
     G1 " (Rina Wati Sulastri)\n" G2 " (Rapat Paripurna Dewan Perwakilan Rakyat Daerah)\n"
     "Jalan itu (Jalan Raya Sukamaju) rusak berat sejak banjir melanda kawasan itu.\n"
     G3 " (Tahap 2)\n",
     G1 "\n" G2 " (Rapat Paripurna Dewan Perwakilan Rakyat Daerah)\n"
     "Jalan itu (Jalan Raya Sukamaju) rusak berat sejak banjir melanda kawasan itu.\n"
     G3 " (Tahap 2)\n",
     "credit: (Rina Wati Sulastri)\n"},
    {"an official letter's heading lines in capitals are not joined as link breaks",
     G1 "\nPENGUMUMAN\nNOMOR : 800/12/BKD/2025\nTENTANG\nHASIL SELEKSI ADMINISTRASI PEGAWAI\n\n" G2 "\n",
     G1 "\n" G2 "\n",
     "short-debris:PENGUMUMAN\nsymbols:NOMOR : 800/12/BKD/2025\nshort-debris:TENTANG\n"
     "capitals:HASIL SELEKSI ADMINISTRASI PEGAWAI\n"},
    {"a writer and a date after a dash, a contents box's toggle, a login prompt, a blog's labels, "
     "a wiki stub notice, a footnote's line, a broadcaster's promotion",
     "Oleh Redaksi Kabar Pagi - Oktober 16, 2025\nDaftar Isi [tampilkan]\n" G1
     "\nSilakan login untuk menulis komentar.\nLabels: banjir, Sukamaju, jalan desa\n" G2
     "\nArtikel ini perlu dikembangkan agar dapat memenuhi kriteria sebagai entri Wikipedia.\n"
     "[3] Pasal 5 ayat (2) UU Nomor 11 Tahun 2008.\nSaksikan laporan lengkapnya di program Kabar "
     "Malam pukul 19.00 WIB, hanya di TVKita.\n" G3 "\n",
     G1 "\n" G2 "\n" G3 "\n",
     "byline:Oleh Redaksi Kabar Pagi - Oktober 16, 2025\nbyline:Daftar Isi\n"
     "navigation: [tampilkan]\ncomment:Silakan login untuk menulis komentar.\n"
     "tags:Labels: banjir, Sukamaju, jalan desa\n"
     "notice:Artikel ini perlu dikembangkan agar dapat memenuhi kriteria sebagai entri Wikipedia.\n"
     "reference:[3] Pasal 5 ayat (2) UU Nomor 11 Tahun 2008.\n"
     "widget:Saksikan laporan lengkapnya di program Kabar Malam pukul 19.00 WIB, hanya di TVKita.\n"},
    {"a portal's consultation offer goes; an article's advice to see a doctor stays",
     G1 "\nKonsultasikan dengan dokter spesialis anak melalui fitur Chat Dokter, tersedia 24 jam.\n"
     "Konsultasikan dengan dokter jika demam anak tidak turun setelah tiga hari.\n" G2 "\n",
     G1 "\nKonsultasikan dengan dokter jika demam anak tidak turun setelah tiga hari.\n" G2 "\n",
     "widget:Konsultasikan dengan dokter spesialis anak melalui fitur Chat Dokter, tersedia 24 jam.\n"},
    {"a site's tagline under its name on the page's first line goes",
     "KabarSukamaju.com\nKabar Desa Sukamaju, Setiap Saat\n\n" G1 "\n" G2 "\n",
     G1 "\n" G2 "\n",
     "dateline:KabarSukamaju.com\ntagline:Kabar Desa Sukamaju, Setiap Saat\n"},
    {"a headline under a category's label is no tagline",
     "Opini\nJalan Desa yang Tak Kunjung Diperbaiki\n\n" G1 "\n" G2 "\n",
     "Jalan Desa yang Tak Kunjung Diperbaiki\n" G1 "\n" G2 "\n",
     "navigation:Opini\n"},
    {"a dateline of a city's name alone in capitals, its dash opening the next line",
     "Banjir Rendam Tiga Desa\n\nSUKAMAJU\n\xE2\x80\x93 Hujan deras sejak Senin malam membuat sungai di "
     "Sukamaju meluap hingga merendam tiga desa.\n" G1 "\n",
     "Banjir Rendam Tiga Desa\nHujan deras sejak Senin malam membuat sungai di Sukamaju meluap "
     "hingga merendam tiga desa.\n" G1 "\n",
     "short-debris:SUKAMAJU\ndateline:\xE2\x80\x93 \n"},
    {"a wiki copy's page title with the site's name after it: the name goes, the title stays a "
     "line of its own",
     "Waduk Sukamaju - Wikipedia bahasa Indonesia, ensiklopedia bebas\n" G1 "\n" G2 "\n",
     G1 "\n" G2 "\n",
     "byline:Waduk Sukamaju\nnavigation: - Wikipedia bahasa Indonesia, ensiklopedia bebas\n"},
    {"an affiliate disclosure worded any way; a comment box's placeholder; a rating widget; a "
     "comment's author and date after a dash",
     G1 "\nBeberapa tautan di halaman ini adalah tautan afiliasi; kami bisa memperoleh komisi.\n"
     G2 "\nKetikkan komentar di sini...\n\xE2\x98\x85\xE2\x98\x85\xE2\x98\x85\xE2\x98\x85 4,8 dari 31 ulasan\n"
     "Rating: 4.5/5 (120 reviews)\n  Rina Wati  \xE2\x80\x94  15 Agustus 2025\n" G3
     "\nSkor akhir 3 dari 5 suara dalam rapat itu membuat usulan warga diterima.\n",
     G1 "\n" G2 "\n" G3 "\nSkor akhir 3 dari 5 suara dalam rapat itu membuat usulan warga diterima.\n",
     "footer:Beberapa tautan di halaman ini adalah tautan afiliasi; kami bisa memperoleh komisi.\n"
     "comment:Ketikkan komentar di sini...\nwidget:\xE2\x98\x85\xE2\x98\x85\xE2\x98\x85\xE2\x98\x85 4,8 dari 31 ulasan\n"
     "widget:Rating: 4.5/5 (120 reviews)\nbyline:  Rina Wati  \xE2\x80\x94  15 Agustus 2025\n"},
    {"an official letter's signature: its mark",
     G1 "\n\nSukamaju, 27 Oktober 2025\nKEPALA DINAS PERHUBUNGAN\nKOTA SUKAMAJU,\n\nttd\n\n"
     "Drs. H. BUDI SANTOSO, M.Si.\nPembina Utama Muda (IV/c)\n\n" G2 "\n",
     G1 "\n" G2 "\n",
     "low-stopwords:Sukamaju, 27 Oktober 2025\ncapitals:KEPALA DINAS PERHUBUNGAN\n"
     "capitals:KOTA SUKAMAJU,\nbyline:ttd\nisolated:Drs. H. BUDI SANTOSO, M.Si.\n"
     "byline:Pembina Utama Muda (IV/c)\n"},
    {"an official letter's number in title case is not a link's text: nothing joins it",
     G1 "\nPENGUMUMAN\nNomor: 800/12/BKD/2025\nTentang\nHasil Seleksi Administrasi Pegawai\n\n" G2 "\n",
     G1 "\n" G2 "\n",
     "short-debris:PENGUMUMAN\nsymbols:Nomor: 800/12/BKD/2025\nshort-debris:Tentang\n"
     "byline:Hasil Seleksi Administrasi Pegawai\n"},
    {"a title of office, the name a link broke off, the sentence's rest; a headline's byline is "
     "not a name to go on",
     G1 "\nKepala Dinas Pekerjaan Umum dan Penataan Ruang\nRina Wati\nmengatakan, perbaikan jalan "
     "dimulai pekan depan di tiga desa.\nBanjir Rendam Tiga Desa di Sukamaju\nBudi Santoso\n"
     "detikNews\n" G2 "\n",
     G1 "\nKepala Dinas Pekerjaan Umum dan Penataan Ruang Rina Wati mengatakan, perbaikan jalan "
     "dimulai pekan depan di tiga desa.\nBanjir Rendam Tiga Desa di Sukamaju\n" G2 "\n",
     "byline:Budi Santoso\nshort-debris:detikNews\n"},
    {"a credit's role alone has its value on the next line; a widget's error message",
     G1 "\nEditor:\nSri Wahyuni, budi_s\nTerjadi galat saat memproses permintaan.\n" G2
     "\nPenulis:\nWarga Sukamaju kini bisa mengurus akta kelahiran di kantor desa.\n",
     G1 "\n" G2 "\nWarga Sukamaju kini bisa mengurus akta kelahiran di kantor desa.\n",
     "byline:Editor:\nbyline:Sri Wahyuni, budi_s\nwidget:Terjadi galat saat memproses permintaan.\n"
     "byline:Penulis:\n"},
    {"a forum's edit note, a comment box's placeholder, a theme's category line, a broadcaster's "
     "call to listen",
     G1 "\nDiubah oleh warga_88 12-04-2025 21:32\nTulis komentar Anda di sini...\nin Nusantara\n" G2
     "\nDengarkan berita selengkapnya di Radio Sukamaju 97,1 FM.\n" G3 "\n",
     G1 "\n" G2 "\n" G3 "\n",
     "byline:Diubah oleh warga_88 12-04-2025 21:32\ncomment:Tulis komentar Anda di sini...\n"
     "tags:in Nusantara\nwidget:Dengarkan berita selengkapnya di Radio Sukamaju 97,1 FM.\n"},
    {"a forum post quoting sentences of an earlier one: a copy; one sentence alone is too",
     "Motor saya brebet kalau pagi hari. Busi sudah ganti baru, filter udara juga sudah dibersihkan. "
     "Apa lagi yang harus dicek?\n\nQuote:\nBusi sudah ganti baru, filter udara juga sudah dibersihkan.\n"
     "Coba cek karburatornya, biasanya kotor kalau jarang dipakai.\n\n"
     "Motor saya brebet kalau pagi hari. Apa lagi yang harus dicek?\n",
     "Motor saya brebet kalau pagi hari. Busi sudah ganti baru, filter udara juga sudah dibersihkan. "
     "Apa lagi yang harus dicek?\nCoba cek karburatornya, biasanya kotor kalau jarang dipakai.\n",
     "comment:Quote:\nduplicate:Busi sudah ganti baru, filter udara juga sudah dibersihkan.\n"
     "duplicate:Motor saya brebet kalau pagi hari. Apa lagi yang harus dicek?\n"},
    {"a line of more sentences than the memory holds is not judged a copy whole: only its first "
     "sentences, the copied ones, go",
     EIGHT "\n\n" EIGHT " Kalimat kesembilan ini baru dan belum ada.\n",
     EIGHT "\nKalimat kesembilan ini baru dan belum ada.\n",
     "duplicate:" EIGHT " \n"},
    {"a counter alone before a broken sentence is not its head; a bare 'Baca:' heads a list; a "
     "pager with bars; a consultation prompt; a comment box's login line; a forum's thread starter "
     "and edit note",
     "  0\nHarga cabai di pasar desa Sukamaju naik tajam dalam sepekan terakhir menurut para\npedagang.\n"
     "Baca:\nPompa Air Disiapkan di Tiga Titik Rawan Banjir\n\n" G1 "\nHalaman 1 dari 3 | 1 2 3 Next \xE2\x80\xBA\n"
     "Butuh konsultasi?\nUntuk berkomentar silakan masuk terlebih dahulu.\n" G2 "\n"
     "Thread Starter: warga_88 | 14-02-2025 21:07\nPost ini telah diedit oleh warga_88 13-01-2024 21:20\n"
     G3 "\n",
     "Harga cabai di pasar desa Sukamaju naik tajam dalam sepekan terakhir menurut para pedagang.\n"
     G1 "\n" G2 "\n" G3 "\n",
     "symbols:0\nrelated-list:Baca:\nrelated-list:Pompa Air Disiapkan di Tiga Titik Rawan Banjir\n"
     "navigation:Halaman 1 dari 3 | 1 2 3 Next \xE2\x80\xBA\nwidget:Butuh konsultasi?\n"
     "comment:Untuk berkomentar silakan masuk terlebih dahulu.\n"
     "comment:Thread Starter: warga_88 | 14-02-2025 21:07\n"
     "byline:Post ini telah diedit oleh warga_88 13-01-2024 21:20\n"},
    {"tag lines in lower case are not joined; a menu split by two spaces; a post's neighbours; a "
     "Drupal byline; a credit alone; a wiki's pointer to its main article; opening hours",
     G1 " (abc/xyz)\nbanjir rob\npompa air\ndesa sukamaju\n\nBeranda  Profil  Layanan  Unduhan  Kontak\n"
     G2 "\n\xC2\xAB Sebelumnya: Jalan Desa Sukamaju Diperbaiki\nSelanjutnya: Pompa Air Disiapkan "
     "\xC2\xBB\nDikirim oleh admin pada Sab, 08/06/2024 - 09:30\nDok. Humas Sukamaju\n"
     "Artikel utama: Banjir di Sukamaju\nSenin \xE2\x80\x93 Kamis : 08.00 \xE2\x80\x93 15.00 WIB\n" G3 "\n",
     G1 "\n" G2 "\n" G3 "\n",
     "staff-initials: (abc/xyz)\nshort-debris:banjir rob\nshort-debris:pompa air\n"
     "short-debris:desa sukamaju\ntable:Beranda  Profil  Layanan  Unduhan  Kontak\n"
     "navigation:\xC2\xAB Sebelumnya: Jalan Desa Sukamaju Diperbaiki\n"
     "navigation:Selanjutnya: Pompa Air Disiapkan \xC2\xBB\n"
     "byline:Dikirim oleh admin pada Sab, 08/06/2024 - 09:30\ncredit:Dok. Humas Sukamaju\n"
     "notice:Artikel utama: Banjir di Sukamaju\n"
     "footer:Senin \xE2\x80\x93 Kamis : 08.00 \xE2\x80\x93 15.00 WIB\n"},
    {"a menu of sections with '&'; a newsletter's call; a station's call to listen; a shop's "
     "call with its arrow",
     G1 "\nHome Pemerintahan Hukum & Kriminal Pendidikan Kuliner Sport\n" G2
     "\nDapatkan ringkasan berita desa setiap pagi.\nDengarkan siaran langsung Radio Sukamaju 97,5 FM "
     "setiap hari.\nCek harga terbaru di sini \xF0\x9F\x91\x89 Beli di TokoKita\n" G3 "\n",
     G1 "\n" G2 "\n" G3 "\n",
     "navigation:Home Pemerintahan Hukum & Kriminal Pendidikan Kuliner Sport\n"
     "app-promo:Dapatkan ringkasan berita desa setiap pagi.\n"
     "widget:Dengarkan siaran langsung Radio Sukamaju 97,5 FM setiap hari.\n"
     "widget:Cek harga terbaru di sini \xF0\x9F\x91\x89 Beli di TokoKita\n"},
    {"a teaser or a credit without brackets after the last sentence",
     G1 " Baca juga: Banjir Rendam Tiga Desa\n" G2 " Foto: WartaKita/Rina\n"
     G3 " Baca juga: kalimat ini. Lalu kalimat lain menyusul di sini.\n",
     G1 "\n" G2 "\n" G3 " Baca juga: kalimat ini. Lalu kalimat lain menyusul di sini.\n",
     "teaser: Baca juga: Banjir Rendam Tiga Desa\ncredit: Foto: WartaKita/Rina\n"},
    {"teaser and photo credit glued after the last sentence",
     G1 " (Baca juga: Banjir Rendam Tiga Desa)\n" G2 " (Foto: WartaKita/Rina)\n", G1 "\n" G2 "\n",
     "teaser: (Baca juga: Banjir Rendam Tiga Desa)\ncredit: (Foto: WartaKita/Rina)\n"},
    {"a caption glued to its own copy",
     "Petugas memompa air yang menggenangi jalan di depan kantor kecamatan. "
     "WARTAKITA/RinaPetugas memompa air yang menggenangi jalan di depan kantor kecamatan.\n" G1 "\n",
     "Petugas memompa air yang menggenangi jalan di depan kantor kecamatan.\n" G1 "\n",
     "repeated-line: WARTAKITA/RinaPetugas memompa air yang menggenangi jalan di depan kantor "
     "kecamatan.\n"},
    {"staff initials in capitals or a capital then lower case",
     G1 " (RIN/DWI)\n" G2 " (Rin)\n", G1 "\n" G2 "\n",
     "staff-initials: (RIN/DWI)\nstaff-initials: (Rin)\n"},
    {"a byline of two names over two lines", "Rahmat,\nDewi Lestari\n" G1 "\n" G2 "\n",
     G1 "\n" G2 "\n", "byline:Rahmat,\nbyline:Dewi Lestari\n"},
    {"a byline after 'Oleh:' naming several people",
     "Oleh: Rahmat Hidayat, Dewi Lestari, & Budi Santoso\n" G1 "\n" G2 "\n", G1 "\n" G2 "\n",
     "byline:Oleh: Rahmat Hidayat, Dewi Lestari, & Budi Santoso\n"},
    {"a sentence broken inside a street name",
     G1 "\nSementara itu di Sukamaju sebuah truk pengangkut pasir terguling ke sungai saat "
     "melintas di Jalan Raya\nCikaret-Sukamaju. Sopir truk itu selamat dan dibawa ke puskesmas.\n",
     G1 "\nSementara itu di Sukamaju sebuah truk pengangkut pasir terguling ke sungai saat melintas "
     "di Jalan Raya Cikaret-Sukamaju. Sopir truk itu selamat dan dibawa ke puskesmas.\n",
     ""},
    {"a caption said twice around its credit",
     G1 "\nPetugas Memompa Air di Depan Kantor Kecamatan SukamajuWARTAKITA/RINA Petugas Memompa "
     "Air di Depan Kantor Kecamatan Sukamaju\n" G2 "\n",
     G1 "\n" G2 "\n",
     "repeated-line:Petugas Memompa Air di Depan Kantor Kecamatan SukamajuWARTAKITA/RINA Petugas "
     "Memompa Air di Depan Kantor Kecamatan Sukamaju\n"},
    {"a promotion paragraph of several sentences",
     G1 "\nSimak breaking news dan berita pilihan WartaKita langsung di ponselmu. Pilih saluran "
     "favoritmu untuk mengakses berita WartaKita lewat WhatsApp Channel: "
     "https://www.whatsapp.com/channel/0123abc. Jangan lupa pasang aplikasi WhatsApp di ponselmu.\n"
     G2 "\n",
     G1 "\n" G2 "\n",
     "app-promo:Simak breaking news dan berita pilihan WartaKita langsung di ponselmu. Pilih saluran "
     "favoritmu untuk mengakses berita WartaKita lewat WhatsApp Channel: "
     "https://www.whatsapp.com/channel/0123abc. Jangan lupa pasang aplikasi WhatsApp di ponselmu.\n"},
    {"a date and an ad word above the headline are not a headline (the ad word is the lexicon's, "
     "after the date field)",
     "date 2025-11-02 Sponsored\n" G1 "\n" G2 "\n", G1 "\n" G2 "\n",
     "advert:date 2025-11-02 Sponsored\n"},
    {"a wiki paragraph ending in citation marks ends a sentence and a contents list",
     G1 "\n" G2 "\nDaftar isi\n1 Sejarah\n" WIKI "\nPranala luar\nSitus resmi\n",
     G1 "\n" G2 "\n" WIKI "\n",
     "related-list:Daftar isi\nrelated-list:1 Sejarah\nreference:Pranala luar\n"
     "related-list:Situs resmi\n"},
    {"a welcome banner, a forum post's header and card, a wiki reference",
     "Selamat Datang di Website Resmi Pemerintah Desa Sukamaju\nRe: Jalan desa rusak parah sejak "
     "musim hujan\nOriginally Posted by warga_88\nJoin Date: Mei 2020\nPosts: 1.234\nLike Reply\n"
     "Joined: Sen Jan 10, 2024 9:02 am\n" G1 "\n" G2 "\n^ \"Profil Desa\". Pemerintah Desa Sukamaju. Diakses tanggal 2 Februari 2021.\n",
     G1 "\n" G2 "\n",
     "navigation:Selamat Datang di Website Resmi Pemerintah Desa Sukamaju\n"
     "comment:Re: Jalan desa rusak parah sejak musim hujan\ncomment:Originally Posted by warga_88\n"
     "comment:Join Date: Mei 2020\ncomment:Posts: 1.234\ncomment:Like Reply\n"
     "comment:Joined: Sen Jan 10, 2024 9:02 am\nreference:^ \"Profil Desa\". Pemerintah Desa Sukamaju. Diakses tanggal 2 Februari 2021.\n"},
    {"a teaser's sentences said again in the article: whole lines and a paragraph's first sentence "
     "(no space after the teaser's first stop); an abbreviation never ends a copy",
     "Lima orang menjadi korban kecelakaan itu.Mereka kini dirawat di rumah sakit daerah.\n" G1
     "\nLima orang menjadi korban kecelakaan itu.\nMereka kini dirawat di rumah sakit daerah. "
     "Polisi masih menyelidiki penyebab kecelakaan tersebut.\nKepala Dinas Kesehatan Kab. "
     "Sukamaju meminta warga waspada.\nKepala Dinas Kesehatan Kab. Sukamaju juga membuka posko.\n",
     "Lima orang menjadi korban kecelakaan itu.Mereka kini dirawat di rumah sakit daerah.\n" G1
     "\nPolisi masih menyelidiki penyebab kecelakaan tersebut.\nKepala Dinas Kesehatan Kab. "
     "Sukamaju meminta warga waspada.\nKepala Dinas Kesehatan Kab. Sukamaju juga membuka posko.\n",
     "duplicate:Lima orang menjadi korban kecelakaan itu.\n"
     "duplicate:Mereka kini dirawat di rumah sakit daerah. \n"},
    {"a site's name alone as a dateline, its dash on the next line; not when it is a link's "
     "text in a sentence",
     "WartaKita.com\n\xE2\x80\x93 " G1 "\nWarga ditemui\nKabarDesa.com\ndi balai desa, Senin.\n",
     G1 "\nWarga ditemui KabarDesa.com di balai desa, Senin.\n",
     "dateline:WartaKita.com\ndateline:\xE2\x80\x93 \n"},
    {"a title after a bullet sign between an article's sentences is a link to another article; "
     "a list item after one is not",
     G1 "\n\xE2\x80\xA2 Bupati Sukamaju Resmikan Jembatan Baru di Desa Cibening\n" G2
     "\n\xE2\x80\xA2 warga membawa fotokopi kartu keluarga dan surat pengantar dari desa;\n",
     G1 "\n" G2 "\nwarga membawa fotokopi kartu keluarga dan surat pengantar dari desa;\n",
     "related-list:\xE2\x80\xA2 Bupati Sukamaju Resmikan Jembatan Baru di Desa Cibening\n"
     "bullet:\xE2\x80\xA2 \n"},
    {"a scraper's date field glued before the first sentence; a word before a number is not one",
     "date 2025-03-02 " G1 "\ndatang 2 kali ke desa, warga akhirnya menerima bantuan dari dinas sosial.\n",
     G1 "\ndatang 2 kali ke desa, warga akhirnya menerima bantuan dari dinas sosial.\n",
     "metadata:date 2025-03-02 \n"},
    {"long titles in a row between an article's paragraphs are other articles' headlines; a "
     "subheading and a short list item are kept",
     G1 "\n\nHarga Cabai di Pasar Sukamaju Naik Tajam, Pedagang Mengeluh Sepinya Pembeli\n\n"
     "Bupati Sukamaju Resmikan Jembatan Baru di Desa Cibening, Warga Sambut Gembira\n\n" G2
     "\n\nJadwal Perbaikan Jalan\n\nDesa Cibening: 3-5 Maret\n\n" G3 "\n",
     G1 "\n" G2 "\nJadwal Perbaikan Jalan\nDesa Cibening: 3-5 Maret\n" G3 "\n",
     "related-list:Harga Cabai di Pasar Sukamaju Naik Tajam, Pedagang Mengeluh Sepinya Pembeli\n"
     "related-list:Bupati Sukamaju Resmikan Jembatan Baru di Desa Cibening, Warga Sambut Gembira\n"},
    {"an article's first sentence said again later is a copy though a dateline opened the first",
     "SUKAMAJU, WartaKita.com - " G1 " " G2 "\n" G3 "\n" G1 "\n",
     G1 " " G2 "\n" G3 "\n",
     "dateline:SUKAMAJU, WartaKita.com - \nduplicate:" G1 "\n"},
    {"an image's address written with spaces for slashes, glued before its caption",
     G1 "\nhttps: img.wartakita.com content 2025 03 02 banjir-sukamaju-1aB2c.JPG Banjir di Sukamaju "
     "(Foto: Rina/WartaKita)\n" G2 "\nhttps: wartakita.com berita banjir\n",
     G1 "\nBanjir di Sukamaju (Foto: Rina/WartaKita)\n" G2 "\n",
     "image-url:https: img.wartakita.com content 2025 03 02 banjir-sukamaju-1aB2c.JPG \n"
     "low-stopwords:https: wartakita.com berita banjir\n"},
    {"a category and the date glued before the dateline; a sentence that opens with a date",
     "Berita daerah | 3 Mei 2024, 10:15 WIBSUKAMAJU, WartaKita.com - " G1 "\n"
     "3 Mei 2024, 10:15 WIB warga berkumpul di balai desa untuk rapat.\n",
     G1 "\n3 Mei 2024, 10:15 WIB warga berkumpul di balai desa untuk rapat.\n",
     "byline:Berita daerah | 3 Mei 2024, 10:15 WIB\ndateline:SUKAMAJU, WartaKita.com - \n"},
    {"a staff credit glued after the last sentence, a number among its words; a date is none",
     G1 "(RIN/Tim Warta 7 TV)\n" G2 " Rapat digelar Senin (5/5)\n",
     G1 "\n" G2 " Rapat digelar Senin (5/5)\n", "credit:(RIN/Tim Warta 7 TV)\n"},
    {"a sentence with a credit glued to it is no breadcrumb, though a ' / ' splits it",
     G1 "\nMomen itu kemudian diabadikan oleh wartawan yang meliput.(WartaKita.com / Rina Wati)\n" G2
     "\n",
     G1 "\nMomen itu kemudian diabadikan oleh wartawan yang meliput.\n" G2 "\n",
     "credit:(WartaKita.com / Rina Wati)\n"},
    {"a subtitle said again after the dateline that opens the article is a copy; so is a teaser's "
     "sentence that opens it",
     "Inilah lima berita terpopuler di WartaKita pada Rabu (11/10/2017).\n"
     "SUKAMAJU, WartaKita.com - Inilah lima berita terpopuler di WartaKita pada Rabu (11/10/2017).\n"
     G1 "\n",
     "Inilah lima berita terpopuler di WartaKita pada Rabu (11/10/2017).\n" G1 "\n",
     "dateline:SUKAMAJU, WartaKita.com - \n"
     "duplicate:Inilah lima berita terpopuler di WartaKita pada Rabu (11/10/2017).\n"},
    {"a teaser's first sentence said again after the dateline, the rest kept",
     G2 " Ini belum selesai\nSUKAMAJU, WartaKita.com - " G2 " " G1 "\n",
     G2 " Ini belum selesai\n" G1 "\n",
     "dateline:SUKAMAJU, WartaKita.com - \nduplicate:" G2 " \n"},
    {"a teaser cut off mid-sentence that context drops is no source of copies: the article's first "
     "sentence after the dateline, said in it, stays",
     "Harga Beras di Sukamaju Naik Lagi\nHarga beras di pasar Sukamaju terus naik sepekan "
     "terakhir. Pantauan WartaKita, saat ini harganya\nPenulis: Rina Wati | Editor: Budi\n"
     "SUKAMAJU, WartaKita.com - Harga beras di pasar Sukamaju terus naik sepekan terakhir.\n" G1 "\n",
     "Harga beras di pasar Sukamaju terus naik sepekan terakhir.\n" G1 "\n",
     "no-terminal:Harga Beras di Sukamaju Naik Lagi\nno-terminal:Harga beras di pasar Sukamaju "
     "terus naik sepekan terakhir. Pantauan WartaKita, saat ini harganya\nbyline:Penulis: Rina "
     "Wati | Editor: Budi\ndateline:SUKAMAJU, WartaKita.com - \n"},
    {"a label of two short fields split by one '|' is a table's row; a page title with its site "
     "and two sentences side by side are not",
     "Paparan Topik | Banjir Sukamaju\n" G1 "\nBanjir Rendam Tiga Desa di Sukamaju Sejak Senin Malam | "
     "WartaKita\nWarga mengungsi. | Air mulai surut.\n" G2 "\n",
     G1 "\nBanjir Rendam Tiga Desa di Sukamaju Sejak Senin Malam | WartaKita\nWarga mengungsi. | Air "
     "mulai surut.\n" G2 "\n",
     "table:Paparan Topik | Banjir Sukamaju\n"},
    {"a dateline naming the site in words, an embed marker",
     "Sukamaju, Warta Kita -- " G1 "\n[Gambas:Video Warta]\n" G2 "\n", G1 "\n" G2 "\n",
     "dateline:Sukamaju, Warta Kita -- \nwidget:[Gambas:Video Warta]\n"},
    {"a video prompt", G1 "\nSaksikan video pilihan di bawah ini:\n" G2 "\n", G1 "\n" G2 "\n",
     "widget:Saksikan video pilihan di bawah ini:\n"},
    {"HTML residue", "Air turun.&nbsp;Ini kabar &quot;baik&quot;<br>bagi petani &amp; nelayan di desa.\n" G1 "\n",
     "Air turun. Ini kabar \"baik\" bagi petani & nelayan di desa.\n" G1 "\n", ""},
};

#define NWEB (sizeof web_cases / sizeof *web_cases)

ParameterizedTestParameters(clean, web_debris) {
  static size_t idx[NWEB];
  for (size_t i = 0; i < NWEB; i++) idx[i] = i;
  return cr_make_param_array(size_t, idx, NWEB);
}

ParameterizedTest(size_t *i, clean, web_debris) {
  const web_case *w = &web_cases[*i];
  collected c = clean_text(w->in, 1);
  cr_expect_str_eq(c.paras.data, w->paras, "%s: paragraphs", w->name);
  cr_expect_str_eq(c.rejects.data, w->rejects, "%s: rejected", w->name);
  done(&c);
}

typedef struct {
  const char *name, *in, *paras;
} join_case;

static const join_case join_cases[] = {
    {"a lettered list's items are never joined, whatever the line before ends with",
     G1 "\nPenerima bantuan harus memenuhi syarat berikut:\na. kelompok tani yang terdaftar di "
     "dinas;\nb. memiliki lahan paling sedikit satu hektare; dan\nc. bersedia mengikuti "
     "pendampingan.\n",
     G1 "\nPenerima bantuan harus memenuhi syarat berikut:\na. kelompok tani yang terdaftar di "
     "dinas;\nb. memiliki lahan paling sedikit satu hektare; dan\nc. bersedia mengikuti "
     "pendampingan.\n"},
    {"a name that ends the sentence on its own line, link text before it",
     G1 "\n\"Air masuk tengah malam dan kami tidak sempat menyelamatkan barang,\" kata Rina, warga "
     "Sukamaju, kepada tim\nKabar Sore\nWartaTV.\n" G2 "\n",
     G1 "\n\"Air masuk tengah malam dan kami tidak sempat menyelamatkan barang,\" kata Rina, warga "
     "Sukamaju, kepada tim Kabar Sore WartaTV.\n" G2 "\n"},
    {"link text on its own lines, then the sentence goes on",
     G1 "\n    Kepala\n    BPOM\n    RI Taruna Wijaya menjelaskan, keterangan \xE2\x80\x9C\n"
     "    air pegunungan\n    \xE2\x80\x9D pada label\n    AMDK\n"
     "    bukan sekadar klaim produsen.\n",
     G1 "\nKepala BPOM RI Taruna Wijaya menjelaskan, keterangan \xE2\x80\x9C" "air pegunungan"
     "\xE2\x80\x9D pada label AMDK bukan sekadar klaim produsen.\n"},
    {"a site name between two halves of a sentence",
     G1 "\n\"Sudah tiga hari air belum surut,\" kata Yani saat ditemui\nWartaKita.com\n"
     "di lokasi, Senin (29/12/2025).\n",
     G1 "\n\"Sudah tiga hari air belum surut,\" kata Yani saat ditemui WartaKita.com di lokasi, "
     "Senin (29/12/2025).\n"},
    {"a comma or period that starts the next line",
     G1 "\nanggota DPRD Kota Sukamaju\n, Agus Rohadi, meminta warga bersabar.\n"
     "Jadi, kami memberikan\nlabeling\n. Ini sudah sesuai aturan yang berlaku.\n",
     G1 "\nanggota DPRD Kota Sukamaju, Agus Rohadi, meminta warga bersabar.\n"
     "Jadi, kami memberikan labeling. Ini sudah sesuai aturan yang berlaku.\n"},
    {"a quotation typed the wrong way round at a line's end, its words links, closes later",
     G1 "\nWarga kecewa karena panitia tiba-tiba membatalkan acara \xE2\x80\x9D\nPesta\n"
     "Pesta Rakyat\xE2\x80\x9D yang sudah mereka tunggu sejak tahun lalu.\n"
     "Panitia juga menunda lomba \"\nBalap\nBalap Karung\" sampai pekan depan.\n",
     G1 "\nWarga kecewa karena panitia tiba-tiba membatalkan acara \xE2\x80\x9D Pesta Pesta "
     "Rakyat\xE2\x80\x9D yang sudah mereka tunggu sejak tahun lalu.\n"
     "Panitia juga menunda lomba \" Balap Balap Karung\" sampai pekan depan.\n"},
    {"a long line wrapped by hand before a number goes on in it; a counter of digits alone does not",
     G1 "\nIndeks harga saham gabungan di bursa efek pada sesi pertama hari ini tercatat turun\n"
     "5,17 poin atau 0,47 persen menjadi 3.225,27.\n"
     "Warga bilang harga cabai di pasar naik terus sejak awal bulan ini dan belum turun juga\n9 0\n",
     G1 "\nIndeks harga saham gabungan di bursa efek pada sesi pertama hari ini tercatat turun "
     "5,17 poin atau 0,47 persen menjadi 3.225,27.\n"
     "Warga bilang harga cabai di pasar naik terus sejak awal bulan ini dan belum turun juga\n"},
    {"an Arabic verse is not joined to the Latin sentence that ends in a comma before it",
     G1 "\nHal itu juga disebut dalam surah Ar Rum ayat 21 yang sering dibacakan di acara "
     "pernikahan,\n\n\xd9\x88\xd9\x8e\xd9\x85\xd9\x90\xd9\x86\xd9\x92 \xd8\xa1\xd9\x8e\xd8\xa7"
     "\xd9\x8a\xd9\x8e\xd9\xb0\xd8\xaa\xd9\x90\xd9\x87\xd9\x90\n" G2 "\n",
     G1 "\nHal itu juga disebut dalam surah Ar Rum ayat 21 yang sering dibacakan di acara "
     "pernikahan,\n" G2 "\n"},
    {"a short line with capitals that ends in a lower-case word is a sentence a link broke, "
     "no headline",
     G1 "\nMenurut Rina, pemasangan\nCCTV\nhingga ke gang kecil merupakan langkah yang tepat "
     "untuk warga.\nOleh sebab itu, Dinas Perhubungan Kota Sukamaju sempat memberlakukan\n"
     "sistem satu arah\nselama perbaikan jembatan berlangsung.\n",
     G1 "\nMenurut Rina, pemasangan CCTV hingga ke gang kecil merupakan langkah yang tepat "
     "untuk warga.\nOleh sebab itu, Dinas Perhubungan Kota Sukamaju sempat memberlakukan "
     "sistem satu arah selama perbaikan jembatan berlangsung.\n"},
    {"a paragraph typed with a comma at its end does not go on past a blank line in a capital; "
     "a link's text after a comma does",
     "\"Motor itu dibawa lari saat saya tidur,\" kata Rina, warga Sukamaju, Senin (4/3/2024),\n\n"
     "Pelaku, kata dia, kemudian kabur ke arah pasar.\nWarga yang melihat kejadian itu, "
     "\n\nkemudian melapor ke polisi.\n",
     "\"Motor itu dibawa lari saat saya tidur,\" kata Rina, warga Sukamaju, Senin (4/3/2024),\n"
     "Pelaku, kata dia, kemudian kabur ke arah pasar.\nWarga yang melihat kejadian itu, "
     "kemudian melapor ke polisi.\n"},
    {"an open parenthesis goes on in the next lines",
     G1 "\nRapat digelar bersama Dewan Perwakilan Rakyat (\nDPR\nRI), Senin (10/11/2025).\n",
     G1 "\nRapat digelar bersama Dewan Perwakilan Rakyat (DPR RI), Senin (10/11/2025).\n"},
    {"an aside in parentheses continues a line left open",
     G1 "\nWarga mempersoalkan pembelian\nair conditioner\n(AC) yang tak kunjung dipasang di kelas.\n",
     G1 "\nWarga mempersoalkan pembelian air conditioner (AC) yang tak kunjung dipasang di kelas.\n"},
    {"a headline is never glued to what follows",
     "Banjir Besar Melanda Tiga Kecamatan di Sukamaju\nbanjir setinggi satu meter merendam "
     "ratusan rumah warga di tiga kecamatan.\n" G1 "\n",
     "Banjir Besar Melanda Tiga Kecamatan di Sukamaju\nbanjir setinggi satu meter merendam "
     "ratusan rumah warga di tiga kecamatan.\n" G1 "\n"},
    {"an agency's name a link set on its own line, a headline on its own, then the sentence "
     "goes on in lower case",
     G1 "\nBupati Sukamaju, Rina Wati, telah memerintahkan\nBadan Penanggulangan Bencana Daerah "
     "(BPBD)\n menyiapkan tiga titik pengungsian di balai desa\n. Warga diminta tetap tenang.\n",
     G1 "\nBupati Sukamaju, Rina Wati, telah memerintahkan Badan Penanggulangan Bencana Daerah "
     "(BPBD) menyiapkan tiga titik pengungsian di balai desa. Warga diminta tetap tenang.\n"},
    {"a comment's handle and time after a blank line are no name a link broke off",
     G1 "\nTerima kasih infonya, sangat membantu sekali untuk kami warga desa \xF0\x9F\x91\x8D\n\n"
     "budi_88\n3 Maret 2024 pukul 13:27\napakah ada jadwal pengambilan bantuan berikutnya?\n",
     G1 "\nTerima kasih infonya, sangat membantu sekali untuk kami warga desa \xF0\x9F\x91\x8D\n"
     "apakah ada jadwal pengambilan bantuan berikutnya?\n"},
    {"a name's degrees end a line that a link broke; the comma on the next line goes on it",
     G1 "\nMenurut Kepala Dinas Sosial Sukamaju Rina Wati, S.H., M.H.\n, bantuan sudah dikirim ke "
     "dua desa.\nBantuan itu diterima Ketua RT Budi Santoso, S.Pd.\nWarga menyambutnya dengan "
     "gembira.\n",
     G1 "\nMenurut Kepala Dinas Sosial Sukamaju Rina Wati, S.H., M.H., bantuan sudah dikirim ke "
     "dua desa.\nBantuan itu diterima Ketua RT Budi Santoso, S.Pd.\nWarga menyambutnya dengan "
     "gembira.\n"},
    {"a list of quantities (a recipe's ingredients) is items, not a sentence links broke",
     G1 "\nBumbu halus:\n  10 butir bawang merah\n  2 cm kunyit\n  1 sdt terasi bakar\n"
     "  garam secukupnya\n" G2 "\n",
     G1 "\n" G2 "\n"},
    {"fragments without a continuation stay apart (kept, as short lines between good ones, "
     "when they have three words)",
     G1 "\nRumah warga terendam\nFoto Istimewa\nSUKAMAJU \xE2\x80\x93 " G2 "\n",
     G1 "\nRumah warga terendam\n" G2 "\n"},
};

#define NJOIN (sizeof join_cases / sizeof *join_cases)

ParameterizedTestParameters(clean, joiner) {
  static size_t idx[NJOIN];
  for (size_t i = 0; i < NJOIN; i++) idx[i] = i;
  return cr_make_param_array(size_t, idx, NJOIN);
}

ParameterizedTest(size_t *i, clean, joiner) {
  const join_case *j = &join_cases[*i];
  collected c = clean_text(j->in, 1);
  cr_expect_str_eq(c.paras.data, j->paras, "%s", j->name);
  done(&c);
}

/* --- context --- */

Test(clean, short_and_near_good_between_good_blocks_are_kept) {
  EXPECT_CLEAN(G1 "\nKronologi Kejadian Banjir\n" G2 "\nGempa susulan terasa.\n" G3 "\n", 1,
               G1 "\nKronologi Kejadian Banjir\n" G2 "\nGempa susulan terasa.\n" G3 "\n", "");
  /* but not one of fewer than three words without a sentence end: a button, a menu item */
  EXPECT_CLEAN(G1 "\nKronologi Kejadian\n" G2 "\nYa\n" G3 "\n", 1, G1 "\n" G2 "\n" G3 "\n",
               "byline:Kronologi Kejadian\nshort-debris:Ya\n");
}

Test(clean, debris_between_debris_is_dropped) {
  EXPECT_CLEAN(G1 "\n" G2 "\nKirim Komentar\nBerita Populer Lainnya\nIndeks Berita\nLainnya\n", 1,
               G1 "\n" G2 "\n",
               "comment:Kirim Komentar\nrelated-list:Berita Populer Lainnya\n"
               "navigation:Indeks Berita\nrelated-list:Lainnya\n");
}

Test(clean, a_headline_before_its_text_is_kept_through_bylines) {
  EXPECT_CLEAN("Beranda\nJalan Rusak di Sukamaju Segera Diperbaiki Pemerintah\nPenulis: Rahmat\n"
               "Editor: Dewi\n" G1 "\n" G2 "\n", 1,
               "Jalan Rusak di Sukamaju Segera Diperbaiki Pemerintah\n" G1 "\n" G2 "\n",
               "navigation:Beranda\nbyline:Penulis: Rahmat\nbyline:Editor: Dewi\n");
}

Test(clean, ads_and_teasers_inside_an_article_are_not_context) {
  EXPECT_CLEAN(G1 "\nADVERTISEMENT\nTinggi air sekitar satu meter.\nBaca juga: Banjir Lagi\n" G2 "\n", 1,
               G1 "\nTinggi air sekitar satu meter.\n" G2 "\n",
               "advert:ADVERTISEMENT\nteaser:Baca juga: Banjir Lagi\n");
}

Test(clean, a_page_without_prose_is_kept_whole) {
  EXPECT_CLEAN("Satu.\nDua tiga.\n", 1, "Satu.\nDua tiga.\n", "");
}

Test(clean, keep_boilerplate_turns_every_filter_off) {
  const char *in = "Tim Redaksi\n\xE2\x80\xA2 8\nBANDUNG, WARTAKITA.com\n" G1 " (abc/xyz)\n" G1
                   " (abc/xyz)\nView this post on Instagram\n";
  EXPECT_CLEAN(in, 0,
               "Tim Redaksi\n\xE2\x80\xA2 8\nBANDUNG, WARTAKITA.com\n" G1 " (abc/xyz)\n" G1
               " (abc/xyz)\nView this post on Instagram\n", "");
}

/* Context settles a few lines late: one line can release several paragraphs, in order. */
Test(clean, one_line_releases_the_paragraphs_waiting_before_it) {
  seg_error err = {0};
  seg_lexicon *lex = seg_lexicon_default(&err);
  seg_classifier *m = seg_classifier_default(&err);
  seg_cleaner *cl = seg_cleaner_new(lex, m, &err);
  seg_cleaner_begin(cl, NULL);
  const char *in = G1 "\nSingkat saja.\nJuga singkat.\n" G2 "\n";
  seg_reader *r = seg_reader_open_mem(in, strlen(in), "t");
  seg_line l;
  size_t per_line[8] = {0}, k = 0;
  while (seg_reader_next(r, &l, &err) > 0 && k < 8) {
    for (seg_para *p = seg_cleaner_push(cl, &l); p; p = seg_cleaner_next(cl)) per_line[k]++;
    k++;
  }
  for (seg_para *p = seg_cleaner_finish(cl); p; p = seg_cleaner_next(cl)) per_line[k]++;
  cr_expect_eq(per_line[0], 1, "a good line goes at once");
  cr_expect_eq(per_line[1] + per_line[2], 0, "short lines wait for their next neighbour");
  cr_expect_eq(per_line[3], 3, "which releases them and itself");
  seg_reader_free(r);
  seg_cleaner_free(cl);
  seg_classifier_free(m);
  seg_lexicon_free(lex);
}

Test(clean, stats_count_classifier_reasons) {
  seg_error err = {0};
  seg_lexicon *lex = seg_lexicon_default(&err);
  seg_classifier *m = seg_classifier_default(&err);
  seg_cleaner *cl = seg_cleaner_new(lex, m, &err);
  seg_cleaner_begin(cl, NULL);
  const char *in = "|\n|-\nRahmat Hidayat\n" G1 "\n" G2 " (abc/xyz)\n";
  seg_reader *r = seg_reader_open_mem(in, strlen(in), "t");
  seg_line l;
  while (seg_reader_next(r, &l, &err) > 0)
    for (seg_para *p = seg_cleaner_push(cl, &l); p; p = seg_cleaner_next(cl)) {}
  for (seg_para *p = seg_cleaner_finish(cl); p; p = seg_cleaner_next(cl)) {}
  const seg_clean_stats *st = seg_cleaner_stats(cl);
  cr_expect_eq(st->dropped, 4);
  size_t symbols = 0, byline = 0, staff = 0;
  for (size_t i = 0; i < st->nreasons; i++) {
    if (!strcmp(st->reasons[i].reason, "symbols")) symbols = st->reasons[i].count;
    if (!strcmp(st->reasons[i].reason, "byline")) byline = st->reasons[i].count;
    if (!strcmp(st->reasons[i].reason, "staff-initials")) staff = st->reasons[i].count;
  }
  cr_expect_eq(symbols, 2);
  cr_expect_eq(byline, 1);
  cr_expect_eq(staff, 1);
  seg_reader_free(r);
  seg_cleaner_free(cl);
  seg_classifier_free(m);
  seg_lexicon_free(lex);
}
