/* End-to-end: the built binary on fixture files; whole outputs, stderr and exit codes for
 * every CLI contract point, and the lossless property on every fixture. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <string.h>
#include <unicode/utf8.h>

#include "helpers.h"

#define FX FIXTURES "/"
#define E2E SOURCE_DIR "/tests/e2e/"

static void expect_file_eq(const char *got, size_t got_len, const char *expected_path) {
  size_t n = 0;
  char *want = slurp(expected_path, &n);
  cr_assert_not_null(want, "missing expected file %s", expected_path);
  cr_expect_eq(got_len, n, "length differs from %s", expected_path);
  cr_expect_str_eq(got, want, "output differs from %s", expected_path);
  free(want);
}

/* --- whole outputs --- */
Test(e2e, debris_fixture_whole_output) {
  char *d = temp_dir();
  run_result r = run_in(d, "-g " FX "terms.yaml --header --rejected rej.tsv " FX "debris.txt", NULL);
  cr_expect_eq(r.status, 0, "%s", r.err);
  /* the doc column holds the path as given: strip the fixture dir for a portable comparison */
  cr_assert_not_null(strstr(r.out, FX "debris.txt"));
  char *cmd;
  cr_assert(asprintf(&cmd, "cd '%s' && sed 's#%s##' .out > out.tsv && sed 's#%s##' rej.tsv > rej2.tsv", d, FX, FX) > 0);
  cr_assert_eq(system(cmd), 0);
  free(cmd);
  char path[512];
  size_t n = 0;
  snprintf(path, sizeof path, "%s/out.tsv", d);
  char *out = slurp(path, &n);
  expect_file_eq(out, n, E2E "debris.tsv");
  free(out);
  snprintf(path, sizeof path, "%s/rej2.tsv", d);
  char *rej = slurp(path, &n);
  expect_file_eq(rej, n, E2E "debris.rejected.tsv");
  free(rej);
  cr_expect_str_eq(r.err, "");
  run_free(&r);
}

Test(e2e, example_text_with_bundled_glossary) {
  char *d = temp_dir();
  run_result r = run_in(d, "-g " SOURCE_DIR "/glossary/id-en.yaml --columns para,sent,text,terms "
                        SOURCE_DIR "/examples/berita.txt", NULL);
  cr_expect_eq(r.status, 0, "%s", r.err);
  expect_file_eq(r.out, r.out_len, E2E "berita.tsv");
  run_free(&r);
}

Test(e2e, stats_line) {
  char *d = temp_dir();
  run_result r = run_in(d, "--stats -g " FX "terms.yaml " FX "debris.txt", NULL);
  cr_expect_eq(r.status, 0);
  cr_expect_str_eq(r.err,
                   "segment: stats: documents=1 paragraphs=16 sentences=7 dropped=10 joined=1 "
                   "normalized=4 replacements=2 invalid_bytes=0 (advert=2 navigation=3 byline=1 "
                   "duplicate=1 related-list=1 comment=2)\n");
  run_free(&r);
}

/* --- input handling --- */
Test(e2e, invalid_utf8_replaced_with_warning_naming_offset) {
  char *d = temp_dir();
  run_result r = run_in(d, "--columns start,end,text " FX "unicode.txt", NULL);
  cr_expect_eq(r.status, 0);
  expect_file_eq(r.out, r.out_len, E2E "unicode.tsv");
  cr_expect(strstr(r.err, "unicode.txt:2:12: warning: invalid UTF-8 byte 0xFF at byte offset 66 "
                          "replaced by U+FFFD\n"), "%s", r.err);
  cr_expect(strstr(r.err, "byte 0xE2 at byte offset 83"), "%s", r.err);
  run_free(&r);
}

Test(e2e, strict_makes_invalid_utf8_an_error) {
  char *d = temp_dir();
  run_result r = run_in(d, "--strict -o out.tsv " FX "unicode.txt", NULL);
  cr_expect_eq(r.status, 1);
  cr_expect(strstr(r.err, "segment: " FX "unicode.txt:2:12: invalid UTF-8 byte 0xFF at byte offset 66\n"),
            "%s", r.err);
  char p[512];
  snprintf(p, sizeof p, "%s/out.tsv", d);
  cr_expect_eq(access(p, F_OK), -1, "no output file on failure");
  run_free(&r);
}

Test(e2e, quiet_silences_warnings) {
  char *d = temp_dir();
  run_result r = run_in(d, "-q " FX "unicode.txt", NULL);
  cr_expect_eq(r.status, 0);
  cr_expect_str_eq(r.err, "");
  run_free(&r);
}

Test(e2e, bom_and_crlf_give_same_text_as_lf) {
  char *d = temp_dir();
  run_result a = run_in(d, "--columns para,sent,text " FX "bom_crlf.txt", NULL);
  run_result b = run_in(d, "--columns para,sent,text " FX "lf.txt", NULL);
  cr_expect_eq(a.status, 0);
  cr_expect_str_eq(a.out, b.out);
  cr_expect_str_eq(a.out, "1\t1\tBaris pertama.\n1\t2\tKalimat kedua.\n2\t3\tParagraf kedua dengan Dr. Budi.\n");
  run_result c = run_in(d, "--columns start,end " FX "bom_crlf.txt", NULL);
  cr_expect_str_eq(c.out, "3\t17\n18\t32\n36\t67\n", "offsets count the BOM and CRs");
  run_free(&a);
  run_free(&b);
  run_free(&c);
}

Test(e2e, stdin_dash_and_no_file) {
  char *d = temp_dir();
  run_result a = run_in(d, "--columns doc,text", FX "lf.txt");
  run_result b = run_in(d, "--columns doc,text -", FX "lf.txt");
  cr_expect_eq(a.status, 0);
  cr_expect_str_eq(a.out, "-\tBaris pertama.\n-\tKalimat kedua.\n-\tParagraf kedua dengan Dr. Budi.\n");
  cr_expect_str_eq(a.out, b.out);
  run_free(&a);
  run_free(&b);
}

Test(e2e, several_files_are_several_documents) {
  char *d = temp_dir();
  spit(strcat(strcpy((char[512]){0}, d), "/a.txt"), "Satu. Dua.\n", 11);
  spit(strcat(strcpy((char[512]){0}, d), "/b.txt"), "Tiga.\n", 6);
  run_result r = run_in(d, "--columns doc,para,sent,text a.txt b.txt", NULL);
  cr_expect_str_eq(r.out, "a.txt\t1\t1\tSatu.\na.txt\t1\t2\tDua.\nb.txt\t1\t1\tTiga.\n");
  run_free(&r);
}

Test(e2e, empty_input_and_only_newlines) {
  char *d = temp_dir();
  spit(strcat(strcpy((char[512]){0}, d), "/e.txt"), "", 0);
  spit(strcat(strcpy((char[512]){0}, d), "/n.txt"), "\n\n\r\n\n", 5);
  run_result r = run_in(d, "e.txt n.txt", NULL);
  cr_expect_eq(r.status, 0);
  cr_expect_str_eq(r.out, "");
  cr_expect_str_eq(r.err, "");
  run_free(&r);
}

Test(e2e, header_row_only_with_option) {
  char *d = temp_dir();
  run_result a = run_in(d, "--header --columns sent,text", FX "lf.txt");
  cr_expect(!strncmp(a.out, "sent\ttext\n1\tBaris pertama.\n", 26), "%s", a.out);
  run_result b = run_in(d, "--columns sent,text", FX "lf.txt");
  cr_expect(!strncmp(b.out, "1\tBaris pertama.\n", 17));
  run_free(&a);
  run_free(&b);
}

Test(e2e, fields_never_contain_tabs) {
  char *d = temp_dir();
  spit(strcat(strcpy((char[512]){0}, d), "/t.txt"), "Satu\tdua\ttiga. Empat\x0b lima.\n", 28);
  run_result r = run_in(d, "--columns text,orig t.txt", NULL);
  cr_expect_str_eq(r.out, "Satu dua tiga.\tSatu dua tiga.\nEmpat lima.\tEmpat\x0b lima.\n");
  run_free(&r);
}

/* --- output --- */
Test(e2e, atomic_output_success) {
  char *d = temp_dir();
  run_result r = run_in(d, "-o out.tsv --columns text " FX "lf.txt", NULL);
  cr_expect_eq(r.status, 0);
  cr_expect_str_eq(r.out, "", "nothing on stdout with -o");
  char p[512];
  snprintf(p, sizeof p, "%s/out.tsv", d);
  size_t n = 0;
  char *got = slurp(p, &n);
  cr_assert_not_null(got);
  cr_expect_str_eq(got, "Baris pertama.\nKalimat kedua.\nParagraf kedua dengan Dr. Budi.\n");
  struct stat st;
  stat(p, &st);
  cr_expect((st.st_mode & 0044) == 0044, "normal permissions, not mkstemp's 0600");
  free(got);
  run_free(&r);
}

static int count_entries(const char *dir) {
  DIR *dd = opendir(dir);
  int n = 0;
  struct dirent *e;
  while ((e = readdir(dd)))
    if (e->d_name[0] != '.' || (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
                                strcmp(e->d_name, ".out") && strcmp(e->d_name, ".err")))
      n++;
  closedir(dd);
  return n;
}

Test(e2e, atomic_output_failure_leaves_target_untouched) {
  char *d = temp_dir();
  char p[512];
  snprintf(p, sizeof p, "%s/out.tsv", d);
  spit(p, "OLD\n", 4);
  run_result r = run_in(d, "-o out.tsv " FX "lf.txt missing.txt", NULL);
  cr_expect_eq(r.status, 1);
  cr_expect_str_eq(r.err, "segment: missing.txt: cannot open: No such file or directory\n");
  size_t n = 0;
  char *got = slurp(p, &n);
  cr_expect_str_eq(got, "OLD\n");
  cr_expect_eq(count_entries(d), 1, "no temporary file remains");
  free(got);
  run_free(&r);
}

/* A write error in the middle of a long run (past the 64 KiB output buffer) names the output,
 * with one thread and with two. */
Test(e2e, write_error_mid_run_names_the_output) {
  char *d = temp_dir();
  char in[512];
  snprintf(in, sizeof in, "%s/long.txt", d);
  FILE *f = fopen(in, "w");
  cr_assert_not_null(f);
  for (int i = 0; i < 20000; i++) fprintf(f, "Kalimat nomor %d berakhir di sini. Lalu satu lagi.\n", i);
  fclose(f);
  for (int j = 1; j <= 2; j++) {
    char args[32];
    snprintf(args, sizeof args, "-j %d long.txt", j);
    run_result r = run_to(d, args, NULL, "/dev/full");
    cr_expect_eq(r.status, 1, "-j %d", j);
    cr_expect_str_eq(r.err, "segment: -: write error: No space left on device\n", "-j %d", j);
    run_free(&r);
  }
}

Test(e2e, write_error_is_exit_1) {
  run_result r = run_to(temp_dir(), FX "lf.txt", NULL, "/dev/full");
  cr_expect_eq(r.status, 1);
  cr_expect_str_eq(r.err, "segment: -: write error: No space left on device\n");
  run_free(&r);
}

Test(e2e, output_directory_missing_is_exit_1) {
  char *d = temp_dir();
  run_result r = run_in(d, "-o no/such/dir/out.tsv " FX "lf.txt", NULL);
  cr_expect_eq(r.status, 1);
  cr_expect(strstr(r.err, "segment: no/such/dir/out.tsv: cannot create a temporary file"), "%s", r.err);
  run_free(&r);
}

/* --- usage and configuration errors --- */
Test(e2e, unknown_option_is_exit_2) {
  char *d = temp_dir();
  run_result r = run_in(d, "--bogus", NULL);
  cr_expect_eq(r.status, 2);
  cr_expect_str_eq(r.err, "segment: unknown option '--bogus'\nTry 'segment --help' for more information.\n");
  run_free(&r);
}

Test(e2e, missing_argument_is_exit_2) {
  char *d = temp_dir();
  run_result r = run_in(d, "--columns", NULL);
  cr_expect_eq(r.status, 2);
  cr_expect(strstr(r.err, "needs an argument"), "%s", r.err);
  run_free(&r);
}

Test(e2e, unknown_column_is_exit_2) {
  char *d = temp_dir();
  run_result r = run_in(d, "--columns text,nope", FX "lf.txt");
  cr_expect_eq(r.status, 2);
  cr_expect(strstr(r.err, "unknown column 'nope'"), "%s", r.err);
  run_free(&r);
}

Test(e2e, bad_glossary_is_exit_2_with_position_and_no_output) {
  char *d = temp_dir();
  char p[512];
  snprintf(p, sizeof p, "%s/terms.yaml", d);
  const char *y = "terms:\n  - canonical: Arab Saudi\n    variants: [AS]\n"
                  "  - canonical: Amerika Serikat\n    variants: [AS]\n";
  spit(p, y, strlen(y));
  snprintf(p, sizeof p, "%s/out.tsv", d);
  spit(p, "OLD\n", 4);
  run_result r = run_in(d, "-g terms.yaml -o out.tsv " FX "lf.txt", NULL);
  cr_expect_eq(r.status, 2);
  cr_expect_str_eq(r.err, "segment: terms.yaml:5:16: variant 'AS' of 'Amerika Serikat' is already "
                          "claimed by 'Arab Saudi' (line 3)\n");
  size_t n = 0;
  char *got = slurp(p, &n);
  cr_expect_str_eq(got, "OLD\n");
  free(got);
  run_free(&r);
}

Test(e2e, missing_glossary_names_file) {
  char *d = temp_dir();
  run_result r = run_in(d, "-g nope.yaml " FX "lf.txt", NULL);
  cr_expect_eq(r.status, 2);
  cr_expect_str_eq(r.err, "segment: nope.yaml: cannot open: No such file or directory\n");
  cr_expect_str_eq(r.out, "");
  run_free(&r);
}

Test(e2e, help_and_version) {
  char *d = temp_dir();
  run_result h = run_in(d, "--help", NULL);
  cr_expect_eq(h.status, 0);
  cr_expect(!strncmp(h.out, "Usage: segment [OPTIONS] [FILE...]", 34));
  cr_expect(strstr(h.out, "--glossary FILE"));
  cr_expect(strstr(h.out, "Exit status: 0 success"));
  run_result v = run_in(d, "-V", NULL);
  cr_expect_eq(v.status, 0);
  cr_expect(!strncmp(v.out, "segment ", 8));
  run_free(&h);
  run_free(&v);
}

Test(e2e, keep_boilerplate_disables_filters) {
  char *d = temp_dir();
  run_result r = run_in(d, "--keep-boilerplate --columns text " FX "debris.txt", NULL);
  cr_expect_eq(r.status, 0);
  cr_expect(strstr(r.out, "banner 970x90\n"));
  cr_expect(strstr(r.out, "Leave a Reply\n"));
  run_free(&r);
}

Test(e2e, extra_boilerplate_file) {
  char *d = temp_dir();
  char p[512];
  snprintf(p, sizeof p, "%s/bp.yaml", d);
  const char *y = "rules:\n  - reason: house\n    exact: [Kalimat kedua]\n";
  spit(p, y, strlen(y));
  spit(strcat(strcpy((char[512]){0}, d), "/in.txt"), "Satu.\nKalimat kedua.\n", 21);
  run_result r = run_in(d, "--boilerplate bp.yaml --columns text --rejected rej.tsv in.txt", NULL);
  cr_expect_str_eq(r.out, "Satu.\n");
  snprintf(p, sizeof p, "%s/rej.tsv", d);
  size_t n = 0;
  char *rej = slurp(p, &n);
  cr_expect_str_eq(rej, "in.txt\t2\thouse\tKalimat kedua.\n");
  free(rej);
  run_free(&r);
}

/* --- offsets slice back to orig, and nothing is lost --- */

static int is_space_at(const unsigned char *s, size_t n, size_t i, size_t *w) {
  *w = 1;
  if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n' || s[i] == '\v' || s[i] == '\f')
    return 1;
  if (i + 1 < n && s[i] == 0xC2 && s[i + 1] == 0xA0) return *w = 2, 1;
  if (i + 2 < n && s[i] == 0xE2 && s[i + 1] == 0x80 && (s[i + 2] <= 0x8B || s[i + 2] == 0xAF))
    return *w = 3, 1;
  if (i + 2 < n && s[i] == 0xEF && s[i + 1] == 0xBB && s[i + 2] == 0xBF) return *w = 3, 1;
  return 0;
}

/* The input as the orig column shows it (TAB/CR/LF/NUL as spaces, invalid UTF-8 as U+FFFD),
 * with the input offset of each of its bytes: rejected sentences are found in it. */
static char *as_orig(const unsigned char *in, size_t n, size_t **from, size_t *len) {
  char *o = malloc(3 * n + 1);
  *from = malloc((3 * n + 1) * sizeof **from);
  size_t k = 0;
  for (size_t i = 0; i < n;) {
    size_t start = i;
    int32_t c;
    U8_NEXT(in, i, n, c);
    if (c < 0) {
      memcpy(o + k, "\xEF\xBF\xBD", 3);
      for (int j = 0; j < 3; j++) (*from)[k + j] = start;
      k += 3;
      continue;
    }
    for (size_t j = start; j < i; j++, k++) {
      o[k] = (c == '\t' || c == '\r' || c == '\n' || c == 0) ? ' ' : (char)in[j];
      (*from)[k] = j;
    }
  }
  o[k] = '\0';
  *len = k;
  return o;
}

/* Checks, for one input file, that every row's orig equals its input bytes [start,end) and
 * that every non-space input byte is inside a row's span or on a rejected line. */
static void check_lossless(const char *input_path) {
  char *d = temp_dir();
  char *args;
  cr_assert(asprintf(&args, "-q --columns start,end,orig --rejected rej.tsv '%s'", input_path) > 0);
  run_result r = run_in(d, args, NULL);
  free(args);
  cr_assert_eq(r.status, 0, "%s", r.err);
  size_t n = 0;
  unsigned char *in = (unsigned char *)slurp(input_path, &n);
  char *covered = calloc(n + 1, 1);
  /* rows */
  for (char *line = r.out; line && *line;) {
    char *nl = strchr(line, '\n');
    size_t start, end;
    int off = 0;
    cr_assert_eq(sscanf(line, "%zu\t%zu\t%n", &start, &end, &off), 2);
    cr_assert_leq(end, n);
    const char *orig = line + off;
    size_t olen = (size_t)(nl - orig);
    /* orig is the input bytes with TAB/CR/LF/NUL as spaces (valid-UTF-8 input assumed here
     * unless the input has invalid bytes: then compare lengths only up to replacement) */
    int valid = 1;
    for (size_t i = start; i < end; i++)
      if (in[i] >= 0x80) valid = 0;
    if (valid) {
      cr_assert_eq(olen, end - start, "orig length for [%zu,%zu)", start, end);
      for (size_t i = 0; i < olen; i++) {
        unsigned char want = in[start + i];
        if (want == '\t' || want == '\r' || want == '\n' || want == 0) want = ' ';
        cr_assert_eq((unsigned char)orig[i], want, "orig byte %zu of [%zu,%zu)", i, start, end);
      }
    }
    memset(covered + start, 1, end - start);
    line = nl ? nl + 1 : NULL;
  }
  /* rejected lines: doc, line number, reason, text */
  char p[512];
  snprintf(p, sizeof p, "%s/rej.tsv", d);
  char *rej = slurp(p, NULL);
  size_t lineno = 1, pos = 0;
  size_t *line_start = calloc(n + 2, sizeof *line_start);
  line_start[1] = 0;
  for (size_t i = 0; i < n; i++)
    if (in[i] == '\n') line_start[++lineno] = i + 1;
  size_t nlines = lineno, olen_all = 0, *from = NULL;
  char *shown = as_orig(in, n, &from, &olen_all);
  for (char *line = rej; line && *line;) {
    char *nl = strchr(line, '\n');
    char *t1 = strchr(line, '\t');
    size_t ln = strtoul(t1 + 1, NULL, 10);
    cr_assert(ln >= 1 && ln <= nlines);
    size_t a = line_start[ln], b = ln < nlines ? line_start[ln + 1] : n;
    /* a rejected line, prefix or suffix: its line; a rejected sentence (part of a paragraph,
     * maybe over several lines): its bytes, found from the start of its line */
    char *t3 = strchr(strchr(t1 + 1, '\t') + 1, '\t') + 1;
    size_t olen = (size_t)((nl ? nl : t3 + strlen(t3)) - t3), sa = 0;
    while (sa < olen_all && from[sa] < a) sa++;
    char *at = olen ? memmem(shown + sa, olen_all - sa, t3, olen) : NULL;
    if (at) {
      size_t first = from[at - shown], last = from[at - shown + olen - 1];
      memset(covered + first, 1, last + 1 - first);
    }
    memset(covered + a, 1, b - a);
    line = nl ? nl + 1 : NULL;
  }
  for (pos = 0; pos < n;) {
    size_t w;
    if (is_space_at(in, n, pos, &w)) {
      pos += w;
      continue;
    }
    cr_assert(covered[pos], "%s: byte %zu (0x%02X) is neither in a row nor rejected", input_path,
              pos, in[pos]);
    pos++;
  }
  free(line_start);
  free(shown);
  free(from);
  free(rej);
  free(covered);
  free(in);
  run_free(&r);
}

Test(e2e, lossless_on_every_fixture) {
  const char *files[] = {FX "debris.txt", FX "unicode.txt", FX "bom_crlf.txt", FX "lf.txt",
                         SOURCE_DIR "/examples/berita.txt"};
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) check_lossless(files[i]);
}

Test(e2e, lossless_on_random_inputs) {
  /* random mixes of words, debris lines, punctuation, odd spaces and invalid bytes */
  static const char *const parts[] = {"Kata ", "Dr. ", "dll. ", "banner 1x1\n", "\n", "\n\n",
                                      ", ", ". ", "\xC2\xA0", "\xE2\x80\x8B", "\xFF", "\"",
                                      "\xE2\x80\x9C", "\xE2\x80\x9D", "Baca juga: x\n", "A.S. ",
                                      "10.30 ", "e\xCC\x81", "\t", "\r\n", "...", "? ", "(", ")",
                                      "Selain itu\n\n, lanjut", "Loading\n", "ADVERTISEMENT\n",
                                      "\n<b></b>", "\n\xE2\x80\x9C\xE2\x80\x9DKata "};
  char *d = temp_dir();
  unsigned seed = 12345;
  for (int round = 0; round < 20; round++) {
    char p[512];
    snprintf(p, sizeof p, "%s/rand%d.txt", d, round);
    FILE *f = fopen(p, "wb");
    for (int k = 0; k < 400; k++) {
      seed = seed * 1103515245u + 12345u;
      const char *s = parts[(seed >> 16) % (sizeof parts / sizeof parts[0])];
      fputs(s, f);
    }
    fclose(f);
    check_lossless(p);
  }
}

/* What normalization removes before a line's first character (an empty quote pair, tags left
 * by HTML-to-text) belongs to the line's first row: its start, its orig. */
Test(e2e, lossless_when_a_line_starts_with_removed_bytes) {
  char *d = temp_dir();
  static const char text[] = "Budi pergi ke pasar membeli sayur dan buah.\n"
                             "<span></span>Ani datang ke rumah kami pada pagi hari.\n\n"
                             "\xE2\x80\x9C\xE2\x80\x9D Siti menulis surat untuk ibunya.\n";
  char p[512];
  snprintf(p, sizeof p, "%s/starts.txt", d);
  spit(p, text, sizeof text - 1);
  run_result r = run_in(d, "-q --columns start,end,orig,text starts.txt", NULL);
  cr_expect_eq(r.status, 0, "%s", r.err);
  cr_expect_str_eq(r.out,
      "0\t43\tBudi pergi ke pasar membeli sayur dan buah.\tBudi pergi ke pasar membeli sayur dan buah.\n"
      "44\t97\t<span></span>Ani datang ke rumah kami pada pagi hari.\tAni datang ke rumah kami pada pagi hari.\n"
      "99\t138\t\xE2\x80\x9C\xE2\x80\x9D Siti menulis surat untuk ibunya.\tSiti menulis surat untuk ibunya.\n");
  run_free(&r);
  check_lossless(p);
}

/* --- bilingual alignment --- */
Test(e2e, aligned_pairs_from_raw_documents) {
  char *d = temp_dir();
  run_result r = run_in(d, "-g " SOURCE_DIR "/glossary/id-en.yaml --columns src_ids,tgt_ids,src,tgt "
                        "--target " FX "para.en.txt " FX "para.id.txt", NULL);
  cr_expect_eq(r.status, 0, "%s", r.err);
  cr_expect_str_eq(r.out,
      "1\t1\tPemerintah Indonesia mengirim bantuan ke Turki setelah gempa.\tThe Indonesian government sent aid to Turkey after the earthquake.\n"
      "2\t2\tBantuan itu berupa obat-obatan dan tenda.\tThe aid consisted of medicines and tents.\n"
      "3\t3\tSebanyak 120 relawan ikut berangkat dari Jakarta.\tA total of 120 volunteers departed from Jakarta.\n"
      "4\t4\tMereka akan bertugas selama dua minggu.\tThey will serve for two weeks.\n"
      "5\t5\tDuta Besar Indonesia di Ankara menyambut rombongan di bandara.\tThe Indonesian Ambassador in Ankara welcomed the group at the airport.\n");
  run_free(&r);
}

Test(e2e, presegmented_pairs_with_unaligned_junk) {
  char *d = temp_dir();
  run_result r = run_in(d, "--presegmented --unaligned --columns src_ids,tgt_ids --target "
                        FX "para.en.txt " FX "para.id.txt", NULL);
  cr_expect_eq(r.status, 0, "%s", r.err);
  /* id line 1 holds two sentences (2 English lines), line 2 and en line 4 are junk,
   * en line 3 holds two Indonesian lines */
  cr_expect_str_eq(r.out, "1\t1,2\n2\t\n3,4\t3\n\t4\n5\t5\n");
  run_result plain = run_in(d, "--presegmented --target " FX "para.en.txt " FX "para.id.txt", NULL);
  cr_expect(!strstr(plain.out, "Baca juga"), "unaligned rows only with --unaligned");
  cr_expect(!strncmp(plain.out, "Pemerintah Indonesia mengirim", 29), "default columns src,tgt");
  run_free(&r);
  run_free(&plain);
}

Test(e2e, target_count_must_match_files) {
  char *d = temp_dir();
  run_result r = run_in(d, "--target " FX "para.en.txt " FX "para.id.txt " FX "lf.txt", NULL);
  cr_expect_eq(r.status, 2);
  cr_expect(!strncmp(r.err, "segment: 1 --target file(s) need as many Indonesian FILEs, got 2\n", 64), "%s", r.err);
  run_result u = run_in(d, "--unaligned " FX "lf.txt", NULL);
  cr_expect_eq(u.status, 2);
  cr_expect(strstr(u.err, "--unaligned needs --target"), "%s", u.err);
  run_free(&r);
  run_free(&u);
}

/* --- -j N --- */
Test(e2e, threads_give_identical_output) {
  char *d = temp_dir();
  /* a document larger than one batch, with debris, joins, duplicates and invalid bytes */
  char p[512];
  snprintf(p, sizeof p, "%s/big.txt", d);
  FILE *f = fopen(p, "wb");
  size_t fx_len = 0;
  char *fx = slurp(FX "debris.txt", &fx_len);
  for (int k = 0; k < 3000; k++) {
    fprintf(f, "Paragraf %d. Dr. Budi tiba pukul 10.%02d WIB. \"Kami siap. Ayo,\" katanya.\n\n", k, k % 60);
    if (k % 7 == 0) fwrite(fx, 1, fx_len, f); /* rejected rows at many batch ends */
    if (k % 333 == 0) fputs("Baris \xFF rusak\n", f);
  }
  fclose(f);
  free(fx);
  /* rejected rows too: a batch's are held while the next batch is decided */
  run_result a = run_in(d, "-q -g " FX "terms.yaml --stats --rejected rej1.txt big.txt", NULL);
  snprintf(p, sizeof p, "%s/rej1.txt", d);
  size_t rej1_len = 0;
  char *rej1 = slurp(p, &rej1_len);
  cr_assert(rej1_len > 0);
  for (int j = 2; j <= 4; j++) {
    char args[160];
    snprintf(args, sizeof args, "-q -j %d -g %sterms.yaml --stats --rejected rej%d.txt big.txt", j,
             FX, j);
    run_result b = run_in(d, args, NULL);
    cr_expect_eq(b.status, 0);
    cr_expect_eq(a.out_len, b.out_len, "-j %d", j);
    cr_expect(a.out_len == b.out_len && !memcmp(a.out, b.out, a.out_len), "-j %d output differs", j);
    cr_expect_str_eq(a.err, b.err, "-j %d stats differ", j);
    snprintf(p, sizeof p, "%s/rej%d.txt", d, j);
    size_t rej_len = 0;
    char *rej = slurp(p, &rej_len);
    cr_expect(rej_len == rej1_len && !memcmp(rej, rej1, rej1_len), "-j %d rejected rows differ", j);
    free(rej);
    run_free(&b);
  }
  free(rej1);
  run_result bad = run_in(d, "-j 0 big.txt", NULL);
  cr_expect_eq(bad.status, 2);
  run_free(&a);
  run_free(&bad);
}

/* -j 1/2/3/8 in every input mode: text, JSONL, text + --target, JSONL + --target-key. With
 * a translation, -j 2 and more used to drop the last paragraph of the Indonesian side. */
Test(e2e, jobs_identical_in_every_mode) {
  char *d = temp_dir();
  char p[512];
  snprintf(p, sizeof p, "%s/c.jsonl", d);
  FILE *f = fopen(p, "wb");
  for (int k = 0; k < 40; k++)
    fprintf(f, "{\"id\": \"d%d\", \"text\": \"Dokumen %d. Dr. Budi tiba pukul 10.%02d WIB.\\n\\n"
               "Baca juga: Berita lain\\nParagraf terakhir %d selesai.\", "
               "\"en\": \"Document %d. Dr. Budi arrived at 10.%02d am.\\n\\nLast paragraph %d done.\"}\n",
            k, k, k % 60, k, k, k % 60, k);
  fclose(f);
  const char *modes[] = {
      FX "debris.txt",
      "--input-format jsonl c.jsonl",
      "--target " FX "para.en.txt " FX "para.id.txt",
      "--unaligned --columns doc,src_ids,tgt_ids,src,tgt --input-format jsonl --target-key en c.jsonl",
  };
  for (size_t m = 0; m < sizeof modes / sizeof modes[0]; m++) {
    char args[512];
    snprintf(args, sizeof args, "-q --stats %s", modes[m]);
    run_result one = run_in(d, args, NULL);
    cr_assert_eq(one.status, 0, "%s: %s", modes[m], one.err);
    cr_assert(one.out_len > 0, "%s", modes[m]);
    int jobs[] = {2, 3, 8};
    for (size_t k = 0; k < 3; k++) {
      snprintf(args, sizeof args, "-q --stats -j %d %s", jobs[k], modes[m]);
      run_result many = run_in(d, args, NULL);
      cr_expect_eq(many.status, 0);
      cr_expect_str_eq(many.out, one.out, "-j %d %s", jobs[k], modes[m]);
      cr_expect_str_eq(many.err, one.err, "-j %d %s: stats", jobs[k], modes[m]);
      run_free(&many);
    }
    run_free(&one);
  }
  /* the last paragraph survives: a one-paragraph document pair gives its pair at -j 2 */
  snprintf(p, sizeof p, "%s/one.id", d);
  spit(p, "Satu kalimat saja.\n", 19);
  snprintf(p, sizeof p, "%s/one.en", d);
  spit(p, "Just one sentence.\n", 19);
  run_result r = run_in(d, "-j 2 --target one.en one.id", NULL);
  cr_expect_eq(r.status, 0);
  cr_expect_str_eq(r.out, "Satu kalimat saja.\tJust one sentence.\n");
  run_free(&r);
}

/* --- small workflow items --- */
Test(e2e, doc_id_names_standard_input) {
  char *d = temp_dir();
  run_result r = run_in(d, "--doc-id berita-7 --columns doc,sent,text", FX "lf.txt");
  cr_expect_eq(r.status, 0);
  cr_expect_str_eq(r.out, "berita-7\t1\tBaris pertama.\nberita-7\t2\tKalimat kedua.\n"
                          "berita-7\t3\tParagraf kedua dengan Dr. Budi.\n");
  run_result f = run_in(d, "--doc-id x --columns doc " FX "lf.txt", NULL);
  cr_expect(!strncmp(f.out, FX "lf.txt\t", 0) && strstr(f.out, "lf.txt"), "a file keeps its path: %s", f.out);
  run_free(&r);
  run_free(&f);
}

Test(e2e, target_from_standard_input_and_empty_translation) {
  char *d = temp_dir();
  run_result r = run_in(d, "--columns src_ids,tgt_ids --target - " FX "para.id.txt", FX "para.en.txt");
  run_result f = run_in(d, "--columns src_ids,tgt_ids --target " FX "para.en.txt " FX "para.id.txt", NULL);
  cr_expect_eq(r.status, 0, "%s", r.err);
  cr_expect_str_eq(r.out, f.out, "--target - reads the translation from stdin");
  run_result both = run_in(d, "--target - -", FX "para.en.txt");
  cr_expect_eq(both.status, 2);
  cr_expect(strstr(both.err, "cannot both be standard input"), "%s", both.err);
  char p[512];
  snprintf(p, sizeof p, "%s/empty.en", d);
  spit(p, "", 0);
  run_result e = run_in(d, "--target empty.en " FX "para.id.txt", NULL);
  cr_expect_eq(e.status, 0);
  cr_expect_str_eq(e.out, "");
  cr_expect_str_eq(e.err, "segment: empty.en: warning: the translation holds no sentence; "
                          "nothing of the document is aligned\n");
  run_free(&r);
  run_free(&f);
  run_free(&both);
  run_free(&e);
}

/* --- existing sentence pairs --- */
Test(e2e, pairs_input_tab_separated_and_two_files) {
  char *d = temp_dir();
  char p[512];
  snprintf(p, sizeof p, "%s/p.tsv", d);
  const char tsv[] = "Terima kasih.\tThank you.\nbaris tanpa tab\n\nKapal  KIA ditangkap.\tForeign vessel seized.\tcatatan\n";
  spit(p, tsv, sizeof tsv - 1);
  run_result r = run_in(d, "--input-format pairs --columns line,src,tgt --rejected rej.tsv -g "
                        FX "terms.yaml p.tsv", NULL);
  cr_expect_eq(r.status, 0, "%s", r.err);
  cr_expect_str_eq(r.out, "1\tTerima kasih.\tThank you.\n4\tKapal kapal ikan asing ditangkap.\tForeign vessel seized.\n");
  cr_expect_str_eq(r.err, "segment: p.tsv:2:1: warning: expected source<TAB>target; line skipped\n");
  snprintf(p, sizeof p, "%s/rej.tsv", d);
  char *rej = slurp(p, NULL);
  cr_expect_str_eq(rej, "p.tsv\t2\tmalformed-pair\tbaris tanpa tab\n");
  free(rej);
  run_result s = run_in(d, "--strict --input-format pairs p.tsv", NULL);
  cr_expect_eq(s.status, 1);
  cr_expect_str_eq(s.err, "segment: p.tsv:2:1: expected source<TAB>target\n");
  snprintf(p, sizeof p, "%s/a.id", d);
  spit(p, "Satu.\nDua.\n", 11);
  snprintf(p, sizeof p, "%s/a.en", d);
  spit(p, "One.\nTwo.\n", 10);
  run_result m = run_in(d, "--input-format pairs --columns line,src,tgt --target a.en a.id", NULL);
  cr_expect_eq(m.status, 0, "%s", m.err);
  cr_expect_str_eq(m.out, "1\tSatu.\tOne.\n2\tDua.\tTwo.\n");
  run_result u = run_in(d, "--input-format pairs --unaligned p.tsv", NULL);
  cr_expect_eq(u.status, 2);
  run_free(&r);
  run_free(&s);
  run_free(&m);
  run_free(&u);
}

/* --- terminology on pairs: QA, annotation, the English side, the dump --- */
Test(e2e, term_qa_annotation_and_english_side) {
  char *d = temp_dir();
  char p[512];
  snprintf(p, sizeof p, "%s/tq.tsv", d);
  const char tsv[] = "AS dan PBB bertemu di Jakarta kemarin.\tThe US and the UN met in Jakarta yesterday.\n"
                     "AS mengirim bantuan kemanusiaan.\tWashington sent humanitarian aid.\n";
  spit(p, tsv, sizeof tsv - 1);
  run_result a = run_in(d, "-g " FX "terms/qa.yaml --input-format pairs --no-filters --columns "
                        "src,tgt,term_missing,factors --annotate-terms append --normalize-target tq.tsv", NULL);
  cr_expect_eq(a.status, 0, "%s", a.err);
  cr_expect_str_eq(a.out,
      "<t> Amerika Serikat </t> <tt> United States </tt> dan <t> Perserikatan Bangsa-Bangsa </t> "
      "<tt> United Nations </tt> bertemu di Jakarta kemarin.\tThe United States and the United Nations "
      "met in Jakarta yesterday.\t\t1 1 1 1 2 2 2 2 0 1 1 1 1 2 2 2 2 0 0 0 0\n"
      "<t> Amerika Serikat </t> <tt> United States </tt> mengirim bantuan kemanusiaan.\tWashington "
      "sent humanitarian aid.\tUnited States\t1 1 1 1 2 2 2 2 0 0 0\n");
  run_result r = run_in(d, "-g " FX "terms/qa.yaml --input-format pairs --no-filters --require-terms "
                        "--rejected rej.tsv --stats tq.tsv", NULL);
  cr_expect_str_eq(r.out, "Amerika Serikat dan Perserikatan Bangsa-Bangsa bertemu di Jakarta kemarin.\t"
                          "The US and the UN met in Jakarta yesterday.\n");
  cr_expect(strstr(r.err, "terms_checked=3 terms_missing=1 (term-missing=1)"), "%s", r.err);
  run_result s = run_in(d, "-g " FX "terms/qa.yaml --annotate-terms replace --columns text,factors",
                        FX "lf.txt");
  cr_expect_eq(s.status, 0);
  run_result bad = run_in(d, "--annotate-terms bogus " FX "lf.txt", NULL);
  cr_expect_eq(bad.status, 2);
  cr_expect(strstr(bad.err, "'bogus' is neither 'append' nor 'replace'"), "%s", bad.err);
  run_result dump = run_in(d, "-g " FX "terms/qa.yaml --dump-glossary", NULL);
  cr_expect_eq(dump.status, 0);
  cr_expect(strstr(dump.out, "target_variants: [\"US\", \"USA\"]"), "%s", dump.out);
  run_free(&a);
  run_free(&r);
  run_free(&s);
  run_free(&bad);
  run_free(&dump);
}
