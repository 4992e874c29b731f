/* engine: the library's run API (segment.h) without the binary: in-memory inputs in every
 * input mode, whole outputs, rejected rows, stats, warnings and errors; and -j N giving the
 * same bytes as -j 1 in every mode. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "segment.h"

static const char BERITA[] =
    "Baca juga: Harga cabai naik lagi\n"
    "JAKARTA, KOMPAS.com - Pemerintah kota menambah armada bus listrik. Warga menyambut baik "
    "rencana itu.\n"
    "\n"
    "Dr. Budi Santoso dari Dinas Perhubungan mengatakan bus baru tiba pukul 10.30 WIB.\n"
    "ADVERTISEMENT\n"
    "Tarifnya tetap Rp 3.500 per perjalanan. Rute baru dibuka bulan depan.\n";

static const char NEWS[] =
    "The city government is adding electric buses. Residents welcomed the plan.\n"
    "\n"
    "Dr. Budi Santoso of the transport agency said the new buses arrive at 10.30 am.\n"
    "The fare stays at Rp 3,500 per trip. New routes open next month.\n";

typedef struct {
  seg_buf out, rej, warnings;
  seg_stats stats;
  seg_status status;
  seg_error err;
} result;

static int buf_write(void *ctx, const char *bytes, size_t len) {
  seg_buf_append(ctx, bytes, len);
  return 0;
}

static void on_warn(void *ctx, const char *file, size_t line, size_t col, const char *msg) {
  seg_buf *b = ctx;
  char head[600];
  int n = snprintf(head, sizeof head, "%s:%zu:%zu: %s\n", file, line, col, msg);
  seg_buf_append(b, head, (size_t)n);
}

/* Runs `n` inputs with `cfg`; rejects are collected when want_rej. */
static result run(seg_config *cfg, const seg_input *in, size_t n, int want_rej) {
  result r = {0};
  seg_engine *e = seg_engine_new(cfg, &r.err);
  cr_assert_not_null(e, "%s", r.err.msg);
  seg_engine_set_warn(e, on_warn, &r.warnings);
  seg_sink out = {buf_write, &r.out, "out"}, rej = {buf_write, &r.rej, "rej"};
  r.status = seg_engine_run(e, in, n, &out, want_rej ? &rej : NULL, &r.err);
  seg_engine_stats(e, &r.stats);
  seg_engine_free(e);
  return r;
}

static void result_free(result *r) {
  seg_buf_free(&r->out);
  seg_buf_free(&r->rej);
  seg_buf_free(&r->warnings);
}

static const char *str(const seg_buf *b) { return b->data ? b->data : ""; }

Test(engine, text_in_memory_rows_rejects_and_stats) {
  seg_config cfg;
  seg_config_init(&cfg);
  cfg.columns = "doc,para,sent,text";
  seg_input in = {.name = "berita", .bytes = BERITA, .len = sizeof BERITA - 1};
  result r = run(&cfg, &in, 1, 1);
  cr_expect_eq(r.status, SEG_OK, "%s", r.err.msg);
  cr_expect_str_eq(str(&r.out),
                   "berita\t2\t1\tPemerintah kota menambah armada bus listrik.\n"
                   "berita\t2\t2\tWarga menyambut baik rencana itu.\n"
                   "berita\t3\t3\tDr. Budi Santoso dari Dinas Perhubungan mengatakan bus baru tiba "
                   "pukul 10.30 WIB.\n"
                   "berita\t5\t4\tTarifnya tetap Rp 3.500 per perjalanan.\n"
                   "berita\t5\t5\tRute baru dibuka bulan depan.\n");
  cr_expect_str_eq(str(&r.rej), "berita\t1\tteaser\tBaca juga: Harga cabai naik lagi\n"
                                "berita\t2\tdateline\tJAKARTA, KOMPAS.com - \n"
                                "berita\t5\tadvert\tADVERTISEMENT\n");
  cr_expect_eq(r.stats.documents, 1);
  cr_expect_eq(r.stats.sentences, 5);
  cr_expect_eq(r.stats.dropped, 3);
  cr_expect_eq(r.stats.nreasons, 3);
  result_free(&r);
}

Test(engine, header_and_jsonl_output) {
  seg_config cfg;
  seg_config_init(&cfg);
  cfg.columns = "sent,text";
  cfg.header = 1;
  seg_input in = {.name = "x", .bytes = "Satu.\tDua \"tiga\".\n", .len = 18};
  result r = run(&cfg, &in, 1, 0);
  cr_expect_str_eq(str(&r.out), "sent\ttext\n1\tSatu.\n2\tDua \"tiga\".\n");
  result_free(&r);
  cfg.output_format = SEG_OUTPUT_JSONL;
  r = run(&cfg, &in, 1, 0);
  cr_expect_str_eq(str(&r.out), "{\"sent\":1,\"text\":\"Satu.\"}\n"
                                "{\"sent\":2,\"text\":\"Dua \\\"tiga\\\".\"}\n");
  result_free(&r);
}

Test(engine, several_inputs_number_their_own_sentences) {
  seg_config cfg;
  seg_config_init(&cfg);
  cfg.columns = "doc,sent,text";
  seg_input in[2] = {{.name = "a", .bytes = "Satu. Dua.", .len = 10},
                     {.name = "b", .bytes = "Tiga.", .len = 5}};
  result r = run(&cfg, in, 2, 0);
  cr_expect_str_eq(str(&r.out), "a\t1\tSatu.\na\t2\tDua.\nb\t1\tTiga.\n");
  cr_expect_eq(r.stats.documents, 2);
  result_free(&r);
}

Test(engine, missing_file_is_an_io_error_naming_it) {
  seg_config cfg;
  seg_config_init(&cfg);
  seg_input in = {.path = "/nonexistent/berita.txt"};
  result r = run(&cfg, &in, 1, 0);
  cr_expect_eq(r.status, SEG_ERR_IO);
  cr_expect_str_eq(r.err.file, "/nonexistent/berita.txt");
  cr_expect(strstr(r.err.msg, "cannot open: "), "%s", r.err.msg);
  result_free(&r);
}

Test(engine, bad_column_is_a_config_error) {
  seg_config cfg;
  seg_config_init(&cfg);
  cfg.columns = "text,src";
  seg_error err = {0};
  cr_expect_null(seg_engine_new(&cfg, &err));
  cr_expect_eq(err.code, SEG_ERR_CONFIG);
  cr_expect(strstr(err.msg, "unknown column 'src'"), "%s", err.msg);
}

static const char JSONL[] =
    "{\"id\": \"d1\", \"text\": \"Satu dua. Tiga empat.\"}\n"
    "not json\n"
    "{\"id\": 7, \"text\": \"Lima.\\n\\nEnam tujuh.\"}\n";

Test(engine, jsonl_bad_line_warned_and_skipped_error_when_strict) {
  seg_config cfg;
  seg_config_init(&cfg);
  cfg.input_format = SEG_INPUT_JSONL;
  cfg.columns = "doc,sent,text";
  seg_input in = {.name = "c.jsonl", .bytes = JSONL, .len = sizeof JSONL - 1};
  result r = run(&cfg, &in, 1, 0);
  cr_expect_eq(r.status, SEG_OK);
  cr_expect_str_eq(str(&r.out), "d1\t1\tSatu dua.\nd1\t2\tTiga empat.\n7\t1\tLima.\n7\t2\tEnam tujuh.\n");
  cr_expect(strstr(str(&r.warnings), "c.jsonl:2:3: warning: invalid JSON: "), "%s", str(&r.warnings));
  cr_expect(strstr(str(&r.warnings), "; line skipped\n"), "%s", str(&r.warnings));
  result_free(&r);
  cfg.strict = 1;
  r = run(&cfg, &in, 1, 0);
  cr_expect_eq(r.status, SEG_ERR_INPUT);
  cr_expect_eq(r.err.line, 2);
  result_free(&r);
}

Test(engine, bilingual_pairs_in_memory) {
  seg_config cfg;
  seg_config_init(&cfg);
  cfg.bilingual = 1;
  cfg.columns = "src_ids,tgt_ids,src,tgt";
  seg_input in = {.name = "b", .bytes = BERITA, .len = sizeof BERITA - 1, .target_bytes = NEWS,
                  .target_len = sizeof NEWS - 1};
  result r = run(&cfg, &in, 1, 1);
  cr_expect_eq(r.status, SEG_OK, "%s", r.err.msg);
  cr_expect_str_eq(str(&r.out),
                   "1\t1\tPemerintah kota menambah armada bus listrik.\tThe city government is "
                   "adding electric buses.\n"
                   "2\t2\tWarga menyambut baik rencana itu.\tResidents welcomed the plan.\n"
                   "3\t3\tDr. Budi Santoso dari Dinas Perhubungan mengatakan bus baru tiba pukul "
                   "10.30 WIB.\tDr. Budi Santoso of the transport agency said the new buses "
                   "arrive at 10.30 am.\n"
                   "4\t4\tTarifnya tetap Rp 3.500 per perjalanan.\tThe fare stays at Rp 3,500 per "
                   "trip.\n"
                   "5\t5\tRute baru dibuka bulan depan.\tNew routes open next month.\n");
  cr_expect_eq(r.stats.sentences, 5);
  cr_expect_eq(r.stats.target_sentences, 5);
  cr_expect_eq(r.stats.pairs, 5);
  cr_expect(strstr(str(&r.rej), "\tadvert\tADVERTISEMENT\n"), "rejects of the source side: %s",
            str(&r.rej));
  result_free(&r);
}

/* -j N against -j 1, in every mode; the last paragraph of every document must survive (it
 * was lost with -j 2 and a translation). */
static void same_at_every_jobs(seg_config *cfg, const seg_input *in, size_t n) {
  cfg->jobs = 1;
  result one = run(cfg, in, n, 1);
  cr_assert_eq(one.status, SEG_OK, "%s", one.err.msg);
  cr_assert(one.out.len > 0);
  int jobs[] = {2, 3, 8};
  for (size_t k = 0; k < sizeof jobs / sizeof jobs[0]; k++) {
    cfg->jobs = jobs[k];
    result many = run(cfg, in, n, 1);
    cr_expect_eq(many.status, SEG_OK);
    cr_expect_str_eq(str(&many.out), str(&one.out), "-j %d output", jobs[k]);
    cr_expect_str_eq(str(&many.rej), str(&one.rej), "-j %d rejected", jobs[k]);
    cr_expect_eq(many.stats.sentences, one.stats.sentences);
    result_free(&many);
  }
  result_free(&one);
}

Test(engine, jobs_identical_text) {
  seg_config cfg;
  seg_config_init(&cfg);
  seg_input in = {.name = "b", .bytes = BERITA, .len = sizeof BERITA - 1};
  same_at_every_jobs(&cfg, &in, 1);
}

Test(engine, jobs_identical_text_with_target) {
  seg_config cfg;
  seg_config_init(&cfg);
  cfg.bilingual = 1;
  seg_input in = {.name = "b", .bytes = BERITA, .len = sizeof BERITA - 1, .target_bytes = NEWS,
                  .target_len = sizeof NEWS - 1};
  same_at_every_jobs(&cfg, &in, 1);
  /* one paragraph on each side: the only paragraph is the last one */
  seg_input one = {.name = "p", .bytes = "Satu. Dua.", .len = 10, .target_bytes = "One. Two.",
                   .target_len = 9};
  cfg.jobs = 2;
  result r = run(&cfg, &one, 1, 0);
  cr_expect_str_eq(str(&r.out), "Satu.\tOne.\nDua.\tTwo.\n");
  result_free(&r);
}

static const char JSONL_PAIRS[] =
    "{\"id\": \"a\", \"text\": \"Satu. Dua.\\nTiga.\", \"en\": \"One. Two.\\nThree.\"}\n"
    "{\"id\": \"b\", \"text\": \"Empat.\", \"en\": \"Four.\"}\n";

Test(engine, jobs_identical_jsonl_and_jsonl_with_target_key) {
  seg_config cfg;
  seg_config_init(&cfg);
  cfg.input_format = SEG_INPUT_JSONL;
  seg_input in = {.name = "c", .bytes = JSONL, .len = sizeof JSONL - 1};
  same_at_every_jobs(&cfg, &in, 1);
  cfg.target_key = "en";
  seg_input pairs = {.name = "p", .bytes = JSONL_PAIRS, .len = sizeof JSONL_PAIRS - 1};
  same_at_every_jobs(&cfg, &pairs, 1);
  cfg.jobs = 2;
  cfg.columns = "doc,src,tgt";
  result r = run(&cfg, &pairs, 1, 0);
  cr_expect_str_eq(str(&r.out), "a\tSatu.\tOne.\na\tDua.\tTwo.\na\tTiga.\tThree.\nb\tEmpat.\tFour.\n");
  result_free(&r);
}

/* A long document crosses many batches of the -j path; its rejected rows mix whole lines (the
 * cleaner's, decided in order) and sentences (the placeholder rule, judged on the workers), which
 * must come out in -j 1's order. */
Test(engine, jobs_identical_on_a_long_document) {
  seg_buf text = {0};
  for (int i = 0; i < 20000; i++) {
    char line[160];
    int n = snprintf(line, sizeof line,
                     "Paragraf %d memuat kalimat pertama. Kalimat kedua ada di sini, kata Dr. Ani.%s\n%s",
                     i, i % 7 ? "" : " Sistem mencatat %s pengguna baru.", i % 50 ? "" : "Baca juga: Berita lain\n");
    seg_buf_append(&text, line, (size_t)n);
  }
  seg_config cfg;
  seg_config_init(&cfg);
  seg_input in = {.name = "long", .bytes = text.data, .len = text.len};
  same_at_every_jobs(&cfg, &in, 1);
  seg_buf_free(&text);
}

/* The sentence rules' quick pass counts 16 bytes at a time: a placeholder anywhere in a
 * sentence, its last bytes included, must still reach the full rules. Each sentence is a line
 * of its own ("Kalimat ... selesai." padded to every length from 20 to 60 bytes), with "{{" at
 * every position after the first word up to the final period. */
Test(engine, placeholders_found_at_every_position) {
  seg_config cfg;
  seg_config_init(&cfg);
  cfg.columns = "text";
  cfg.keep_boilerplate = 1; /* the sentence rules only: made-up words are no prose */
  for (size_t len = 20; len <= 60; len++) {
    seg_buf text = {0}, want = {0};
    size_t rows = 0;
    for (size_t at = 8; at + 3 <= len; at++) {
      char line[80];
      memset(line, 'a', len);
      memcpy(line, "Kalimat ", 8);
      for (size_t k = 12; k + 10 < len; k += 6) line[k] = ' ';
      memcpy(line + len - 9, " selesai.", 9);
      seg_buf_append(&want, line, len); /* the same line without the placeholder is kept */
      seg_buf_putc(&want, '\n');
      seg_buf_append(&text, line, len);
      seg_buf_append(&text, "\n\n", 2);
      line[at] = '{';
      line[at + 1] = '{';
      seg_buf_append(&text, line, len);
      seg_buf_append(&text, "\n\n", 2);
      rows++;
    }
    seg_input in = {.name = "p", .bytes = text.data, .len = text.len};
    result r = run(&cfg, &in, 1, 1);
    cr_assert_str_eq(str(&r.out), str(&want), "sentences of %zu bytes", len);
    size_t rejected = 0;
    for (const char *p = str(&r.rej); (p = strstr(p, "\tplaceholder\t")); p++) rejected++;
    cr_assert_eq(rejected, rows, "sentences of %zu bytes: %zu of %zu rejected", len, rejected, rows);
    result_free(&r);
    seg_buf_free(&text);
    seg_buf_free(&want);
  }
}
