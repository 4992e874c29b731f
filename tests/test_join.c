/* join: which line continues which block, which may wait as a fragment, and how a joined
 * paragraph stays mapped to its input. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <string.h>

#include "join.h"

typedef struct {
  const char *block, *line;
  int how, fragment;
  int blank; /* a blank line between them (else the line follows the block directly) */
} join_rule;

/* a long sentence that ends in a name in progress */
#define BROKEN                                                                                     \
  "Sementara itu di Sukamaju sebuah truk pengangkut pasir terguling ke sungai saat melintas di "    \
  "Jalan Raya"

/* a block joined from two lines (a continuing word ended the first), a name in progress */
#define JOINED "Program itu dikelola oleh\nDinas Pendidikan dan Kebudayaan"

static const join_rule rules[] = {
    /* a finished sentence is never continued */
    {"Harga beras naik.", "lalu turun lagi.", SEG_JOIN_NO, 0, 0},
    {"Harga beras naik.", ", kata dia.", SEG_JOIN_NO, 0, 0},
    /* glued: a closing mark starts the line, or the block ends with an opening quote */
    {"anggota DPRD Kota Sukamaju", ", Agus Rohadi, meminta warga bersabar.", SEG_JOIN_GLUED, 0, 0},
    {"kami memberikan labeling", ". Ini sesuai aturan.", SEG_JOIN_GLUED, 0, 0},
    {"menjelaskan, keterangan \xE2\x80\x9C", "air pegunungan", SEG_JOIN_GLUED, 1, 0},
    {"keterangan \xE2\x80\x9C"
     "air pegunungan",
     "\xE2\x80\x9D pada label", SEG_JOIN_GLUED, 1, 0},
    /* with a space: lower case, an aside, a comma, a continuing word, an open parenthesis */
    {"kata Yani saat ditemui", "di lokasi, Senin.", SEG_JOIN_SPACE, 0, 0},
    {"dan pembelian air conditioner", "(AC) yang tak kunjung dipasang.", SEG_JOIN_SPACE, 0, 0},
    {"Menurut Kepala Dinas Pendidikan,", "Sekolah Akan Dibuka Pekan Depan", SEG_JOIN_SPACE, 0, 0},
    {"Bantuan itu diserahkan kepada", "Kepala Desa Sukamaju.", SEG_JOIN_SPACE, 0, 0},
    {"Dewan Perwakilan Rakyat (DPR", "RI), Senin (10/11/2025).", SEG_JOIN_SPACE, 0, 0},
    /* nothing else continues a headline */
    {"Banjir Besar Melanda Tiga Kecamatan", "banjir setinggi satu meter merendam rumah.",
     SEG_JOIN_NO, 0, 0},
    {"Banjir Besar Melanda Tiga Kecamatan", "Warga", SEG_JOIN_NO, 0, 0},
    /* a handle, a list of names, symbols are not sentences */
    {"Motor matik mati di lampu merah", "budi_88", SEG_JOIN_NO, 1, 0},
    {"Tri Wulan Sari,", "Gilang K. Pratama", SEG_JOIN_NO, 1, 0},
    {"|-", "lalu turun.", SEG_JOIN_NO, 0, 0},
    /* fragments: short, unfinished, with a letter, after a block that may go on */
    {"Kepala", "BPOM", SEG_JOIN_NO, 1, 0},
    {"Kepala", "#2", SEG_JOIN_NO, 0, 0},
    {"Kepala", "\xE2\x80\x93 Gubernur Jawa Barat", SEG_JOIN_NO, 0, 0},
    {"Kepala", "Satu dua tiga empat lima enam tujuh delapan sembilan", SEG_JOIN_NO, 0, 0},
    /* a long sentence broken inside a name, the rest of it opening the next line */
    {BROKEN, "Cikaret-Sukamaju. Sopir truk selamat.", SEG_JOIN_SPACE, 0, 0},
    {BROKEN, "Cikaret Sukamaju Barat. Sopir truk selamat.", SEG_JOIN_SPACE, 0, 0},
    {BROKEN, "Cikaret-Sukamaju. Sopir truk selamat.", SEG_JOIN_NO, 0, 1}, /* a blank between */
    {BROKEN, "Cikaret Sukamaju Barat Daya. Sopir truk selamat.", SEG_JOIN_NO, 0, 0}, /* 4 words */
    {BROKEN, "Sopir truk itu selamat.", SEG_JOIN_NO, 0, 0},          /* a sentence of its own */
    {BROKEN, "Cikaret-Sukamaju.", SEG_JOIN_NO, 0, 0},                /* nothing after it */
    {"Sementara itu di Sukamaju sebuah truk pengangkut pasir terguling ke sungai saat melintas di "
     "jalan raya",
     "Cikaret-Sukamaju. Sopir truk selamat.", SEG_JOIN_NO, 0, 0}, /* not a name in progress */
    {"Truk terguling di Jalan Raya", "Cikaret-Sukamaju. Sopir truk selamat.", SEG_JOIN_NO, 0, 0},
    {"Truk Pengangkut Pasir Terguling ke Sungai Saat Melintas di Jalan Raya Cikaret Sukamaju Barat",
     "Cikaret-Sukamaju. Sopir truk selamat.", SEG_JOIN_NO, 0, 0}, /* a headline */
    /* the rest of a name ends the sentence of a block links broke already ('\n': the lines
     * the block was joined from) */
    {JOINED, "Sukamaju dan dibuka mulai pekan depan.", SEG_JOIN_SPACE, 0, 0},
    {"Bantuan dibagikan di kantor desa di\nKecamatan", "Cikaret pada akhir pekan.", SEG_JOIN_SPACE,
     0, 0},
    {"Program itu dikelola oleh Dinas Pendidikan dan Kebudayaan", /* one line: a headline */
     "Sukamaju dan dibuka mulai pekan depan.", SEG_JOIN_NO, 0, 0},
    {JOINED, "Warga Sukamaju diminta mendaftar.", SEG_JOIN_NO, 0, 0}, /* a sentence of its own */
    {JOINED, "Sukamaju dan dibuka mulai", SEG_JOIN_NO, 1, 0}, /* no end of its own: may wait */
    /* a block the joiner built is a sentence in progress, however capitalized */
    {"Dua anggota polisi dari\nDirektorat Reserse Siber Polda Sukamaju", "telah diperiksa Propam.",
     SEG_JOIN_SPACE, 0, 0},
    {"Dua Anggota Polisi Direktorat Reserse Siber Polda Sukamaju", "telah diperiksa Propam.",
     SEG_JOIN_NO, 0, 0}, /* one line: a headline */
    /* a letter's number joins nothing and nothing waits after it; a sentence's end of mostly
     * numbers still goes on a block */
    {"PENGUMUMAN", "Nomor: 800/12/BKD/2025", SEG_JOIN_NO, 0, 0},
    {"Nomor: 800/12/BKD/2025", "Tentang", SEG_JOIN_NO, 0, 0},
    {"Nomor: 800/12/BKD/2025", "tentang seleksi pegawai", SEG_JOIN_NO, 0, 0},
    {"Pada penutupan perdagangan sore ini, indeks di bursa Singapura itu ditutup turun",
     "5,17 poin (0,47%).", SEG_JOIN_SPACE, 0, 0},
    /* a name may wait after a headline-like title of office; a date may not */
    {"Kepala Dinas Pekerjaan Umum dan Penataan Ruang", "Rina Wati", SEG_JOIN_NO, 1, 0},
    {"Kepala Dinas Pekerjaan Umum dan Penataan Ruang", "3 Maret 2025", SEG_JOIN_NO, 0, 0},
};

#define NRULES (sizeof rules / sizeof *rules)

ParameterizedTestParameters(join, rules) {
  static size_t idx[NRULES];
  for (size_t i = 0; i < NRULES; i++)
    idx[i] = i;
  return cr_make_param_array(size_t, idx, NRULES);
}

ParameterizedTest(size_t *i, join, rules) {
  const join_rule *r = &rules[*i];
  seg_error err = {0};
  seg_classifier *m = seg_classifier_default(&err);
  cr_assert_not_null(m, "%s", err.msg);
  seg_line_features b, l;
  const char *nl = strchr(r->block, '\n'); /* a block joined from two lines */
  seg_classify_features(m, r->block, nl ? (size_t)(nl - r->block) : strlen(r->block), &b);
  if (nl) {
    seg_classify_features(m, nl + 1, strlen(nl + 1), &l);
    seg_classify_merge(m, &b, &l);
  }
  seg_classify_features(m, r->line, strlen(r->line), &l);
  unsigned lead = !r->blank && seg_join_name_may_go_on(m, &b)
                      ? seg_classify_lead_words(r->line, strlen(r->line))
                      : 0;
  cr_expect_eq(seg_join_how(m, &b, &l, lead), r->how, "'%s' + '%s'", r->block, r->line);
  cr_expect_eq(seg_join_fragment(m, &b, &l), r->fragment, "'%s' then fragment '%s'", r->block,
               r->line);
  seg_classifier_free(m);
}

/* A paragraph joined over a blank line: the space stands for the gap, the line's own map is
 * kept, raw holds every input byte in between. */
Test(join, append_keeps_the_map) {
  seg_para p = {0};
  const char *in = "Selain itu\n\nkata dia."; /* offsets 0..10, gap 10..12, line 12.. */
  seg_buf_append(&p.raw, in, 10);
  seg_buf_append(&p.text, in, 10);
  seg_offmap_add(&p.map, 10, 0, 10, 1);
  seg_offmap line = {0};
  seg_offmap_add(&line, 9, 12, 9, 1);
  seg_join_append(&p, "\n\n", 2, in + 12, 9, in + 12, 9, &line, 0, SEG_JOIN_SPACE);
  cr_expect_str_eq(p.text.data, "Selain itu kata dia.");
  cr_expect_eq(p.raw.len, strlen(in));
  cr_expect(!memcmp(p.raw.data, in, p.raw.len));
  cr_expect_eq(seg_offmap_start(&p.map, 10), 10, "the space is the gap");
  cr_expect_eq(seg_offmap_end(&p.map, 11), 12);
  cr_expect_eq(seg_offmap_start(&p.map, 11), 12, "'k'");
  cr_expect_eq(seg_offmap_end(&p.map, p.text.len), strlen(in));
  seg_buf_free(&p.raw);
  seg_buf_free(&p.text);
  seg_offmap_free(&p.map);
  seg_offmap_free(&line);
}
