/* End-to-end: segment is safe in every workflow. Outputs never destroy what they must not
 * (devices, FIFOs, inputs, symlinks, modes; --rejected commits only on success; signals leave
 * no temporaries); compressed and UTF-16/legacy inputs decode; bundled glossaries by name; the
 * installed pkg-config file and the example Makefile work from anywhere; JSONL ids and missing
 * targets. Device nodes and FIFOs are made inside temporary directories: no test points an
 * output at a real device. SEGMENT_BIN in the environment overrides the built binary (to check
 * that a test fails on an older build). */
#include <criterion/criterion.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *seg_bin(void) {
  const char *env = getenv("SEGMENT_BIN");
  return env && *env ? env : SEGMENT_BIN;
}
#undef SEGMENT_BIN
#define SEGMENT_BIN seg_bin()

#include "buf.h"
#include "compress.h"
#include "helpers.h"

#define FX FIXTURES "/"

static char *in_dir(const char *dir, const char *name) {
  char *p;
  cr_assert(asprintf(&p, "%s/%s", dir, name) > 0);
  return p;
}

static void put(const char *dir, const char *name, const char *bytes, size_t len) {
  char *p = in_dir(dir, name);
  spit(p, bytes, len);
  free(p);
}

static void puts_file(const char *dir, const char *name, const char *text) {
  put(dir, name, text, strlen(text));
}

static char *get(const char *dir, const char *name) {
  char *p = in_dir(dir, name);
  char *s = slurp(p, NULL);
  free(p);
  return s;
}

/* Entries of dir other than ., .., and the runner's .out/.err. */
static int entries(const char *dir) {
  DIR *d = opendir(dir);
  cr_assert_not_null(d);
  int n = 0;
  for (struct dirent *e; (e = readdir(d));)
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && strcmp(e->d_name, ".out") &&
        strcmp(e->d_name, ".err"))
      n++;
  closedir(d);
  return n;
}

static int sh(const char *fmt, const char *a, const char *b) {
  char *cmd;
  cr_assert(asprintf(&cmd, fmt, a, b) > 0);
  int st = system(cmd);
  free(cmd);
  return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

static const char *SAMPLE = "Harga beras naik lagi di Jakarta. Presiden AS tiba pukul 10.30 WIB.\n"
                            "Dr. Budi berkata pasar ramai.\n";

/* ---------- 1. outputs ---------- */

/* `-o NODE` where NODE has /dev/null's numbers: written into, never replaced (needs root). */
Test(workflow, output_to_a_device_node_is_never_replaced) {
  char *d = temp_dir(), *node = in_dir(d, "null");
  if (mknod(node, S_IFCHR | 0666, makedev(1, 3)) != 0) {
    cr_log_warn("mknod not permitted; skipped");
    free(node);
    return;
  }
  puts_file(d, "x.txt", SAMPLE);
  run_result r = run_in(d, "-o null --rejected null x.txt", NULL);
  cr_expect_eq(r.status, 0, "%s", r.err);
  struct stat st;
  cr_assert_eq(lstat(node, &st), 0);
  cr_expect(S_ISCHR(st.st_mode), "still a character device");
  cr_expect_eq(st.st_rdev, makedev(1, 3));
  cr_expect_eq(entries(d), 2, "no temporary file");
  run_free(&r);
  free(node);
}

/* `-o -`, `-o /dev/fd/1` and a symlink to /proc/self/fd/1 all write standard output (here a
 * file) in place. /dev/stdout itself is not used: run against an older build, it would be
 * replaced on the machine. */
Test(workflow, output_to_dash_and_descriptor_aliases_write_standard_output) {
  char *d = temp_dir(), *alias = in_dir(d, "mystdout");
  puts_file(d, "x.txt", SAMPLE);
  cr_assert_eq(symlink("/proc/self/fd/1", alias), 0);
  run_result want = run_in(d, "--columns text x.txt", NULL);
  static const char *args[] = {"--columns text -o - x.txt", "--columns text -o /dev/fd/1 x.txt",
                               "--columns text -o mystdout x.txt"};
  for (size_t i = 0; i < 3; i++) {
    run_result r = run_in(d, args[i], NULL);
    cr_expect_eq(r.status, 0, "%s: %s", args[i], r.err);
    cr_expect_str_eq(r.out, want.out, "%s", args[i]);
    run_free(&r);
  }
  char *dash = in_dir(d, "-");
  cr_expect_eq(access(dash, F_OK), -1, "no file named '-'");
  struct stat st;
  cr_assert_eq(lstat(alias, &st), 0);
  cr_expect(S_ISLNK(st.st_mode), "the symlink to the descriptor was not replaced");
  cr_expect_eq(entries(d), 2);
  free(dash), free(alias);
  run_free(&want);
}

Test(workflow, output_that_is_an_input_is_a_usage_error_and_nothing_is_touched) {
  static const char *args[] = {
      "--rejected victim.txt victim.txt", "-o victim.txt victim.txt", "-o alias.txt victim.txt",
      "-o hard.txt victim.txt", "-o out.tsv --rejected ./out.tsv victim.txt",
      "-o victim.txt -g victim.txt other.txt", "-o victim.txt --target victim.txt other.txt", "--rejected - victim.txt"};
  for (size_t i = 0; i < sizeof args / sizeof args[0]; i++) {
    char *d = temp_dir();
    puts_file(d, "victim.txt", SAMPLE);
    puts_file(d, "other.txt", "Lain.\n");
    char *victim = in_dir(d, "victim.txt"), *alias = in_dir(d, "alias.txt"), *hard = in_dir(d, "hard.txt");
    cr_assert_eq(symlink("victim.txt", alias), 0);
    cr_assert_eq(link(victim, hard), 0);
    run_result r = run_in(d, args[i], NULL);
    cr_expect_eq(r.status, 2, "%s: %s", args[i], r.err);
    cr_expect(strstr(r.err, "nothing was read or written"), "%s: %s", args[i], r.err);
    char *got = get(d, "victim.txt");
    cr_expect_str_eq(got, SAMPLE, "%s: the input is intact", args[i]);
    cr_expect_eq(entries(d), 4, "%s: nothing created", args[i]);
    cr_expect_str_eq(r.out, "");
    free(got), free(victim), free(alias), free(hard);
    run_free(&r);
  }
}

Test(workflow, replacing_an_output_keeps_its_mode_and_follows_symlinks) {
  char *d = temp_dir();
  puts_file(d, "x.txt", SAMPLE);
  puts_file(d, "out.tsv", "OLD\n");
  char *out = in_dir(d, "out.tsv"), *link = in_dir(d, "link.tsv");
  cr_assert_eq(chmod(out, 0640), 0);
  cr_assert_eq(symlink("out.tsv", link), 0);
  run_result r = run_in(d, "--columns text -o link.tsv x.txt", NULL);
  cr_expect_eq(r.status, 0, "%s", r.err);
  struct stat st;
  cr_assert_eq(lstat(link, &st), 0);
  cr_expect(S_ISLNK(st.st_mode), "the symlink stays a symlink");
  cr_assert_eq(stat(out, &st), 0);
  cr_expect_eq(st.st_mode & 07777, 0640, "mode kept: %o", st.st_mode & 07777);
  char *got = get(d, "out.tsv");
  cr_expect(strstr(got, "Harga beras naik lagi di Jakarta."), "%s", got);
  cr_expect_eq(entries(d), 3);
  free(got), free(out), free(link);
  run_free(&r);
}

Test(workflow, output_into_a_fifo) {
  char *d = temp_dir(), *fifo = in_dir(d, "pipe");
  puts_file(d, "x.txt", SAMPLE);
  cr_assert_eq(mkfifo(fifo, 0644), 0);
  cr_expect_eq(sh("cd '%s' && { timeout 20 cat pipe > got.tsv & '%s' --columns text -o pipe x.txt; wait; }", d,
                  seg_bin()), 0);
  char *got = get(d, "got.tsv");
  cr_expect_str_eq(got, "Harga beras naik lagi di Jakarta.\nPresiden AS tiba pukul 10.30 WIB.\n"
                        "Dr. Budi berkata pasar ramai.\n");
  struct stat st;
  cr_assert_eq(lstat(fifo, &st), 0);
  cr_expect(S_ISFIFO(st.st_mode), "still a FIFO");
  free(got), free(fifo);
}

/* --rejected is atomic: a failed run leaves the old file; a good run replaces it. */
Test(workflow, rejected_commits_only_when_the_run_succeeds) {
  char *d = temp_dir();
  puts_file(d, "bad.txt", "ADVERTISEMENT\nKalimat \xff rusak.\n");
  puts_file(d, "good.txt", "ADVERTISEMENT\nKalimat baik.\n");
  puts_file(d, "rej.tsv", "OLD\n");
  run_result r = run_in(d, "--strict --rejected rej.tsv -o out.tsv bad.txt", NULL);
  cr_expect_eq(r.status, 1, "%s", r.err);
  char *got = get(d, "rej.tsv");
  cr_expect_str_eq(got, "OLD\n", "the old --rejected file survives a failed run");
  free(got);
  cr_expect_eq(entries(d), 3, "no out.tsv, no temporary file");
  run_free(&r);
  r = run_in(d, "--rejected rej.tsv good.txt", NULL);
  cr_expect_eq(r.status, 0);
  got = get(d, "rej.tsv");
  cr_expect_str_eq(got, "good.txt\t1\tadvert\tADVERTISEMENT\n");
  free(got);
  run_free(&r);
}

/* SIGINT, SIGTERM or SIGHUP while both outputs are open: both old files intact, no temporary. */
Test(workflow, a_signal_mid_run_removes_every_temporary) {
  static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
  for (size_t s = 0; s < 3; s++) {
    char *d = temp_dir();
    puts_file(d, "out.tsv", "OLD OUT\n");
    puts_file(d, "rej.tsv", "OLD REJ\n");
    int in[2];
    cr_assert_eq(pipe(in), 0);
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
      dup2(in[0], 0);
      close(in[1]);
      if (chdir(d) != 0) _exit(126);
      int devnull = open("/dev/null", O_WRONLY);
      dup2(devnull, 2);
      execl(seg_bin(), "segment", "-o", "out.tsv", "--rejected", "rej.tsv", "-", (char *)NULL);
      _exit(127);
    }
    close(in[0]);
    const char *part = "ADVERTISEMENT\nSatu kalimat yang belum selesai";
    cr_assert_eq(write(in[1], part, strlen(part)), (ssize_t)strlen(part));
    int waited = 0;
    while (entries(d) < 4 && waited++ < 1000) nanosleep(&(struct timespec){0, 10000000}, NULL);
    cr_expect_eq(entries(d), 4, "both temporaries appeared");
    kill(pid, sigs[s]);
    int st;
    cr_assert_eq(waitpid(pid, &st, 0), pid);
    close(in[1]);
    cr_expect(WIFSIGNALED(st) && WTERMSIG(st) == sigs[s], "died of signal %d", sigs[s]);
    cr_expect_eq(entries(d), 2, "signal %d: temporaries removed", sigs[s]);
    char *o = get(d, "out.tsv"), *rj = get(d, "rej.tsv");
    cr_expect_str_eq(o, "OLD OUT\n");
    cr_expect_str_eq(rj, "OLD REJ\n", "signal %d: --rejected untouched", sigs[s]);
    free(o), free(rj);
  }
}

/* ---------- 2. input decoding ---------- */

static void put_buf(const char *dir, const char *name, const seg_buf *b) { put(dir, name, b->data, b->len); }

Test(workflow, compressed_inputs_give_the_plain_output) {
  char *d = temp_dir();
  seg_buf plain = {0};
  for (int i = 0; i < 3000; i++) {
    char line[128];
    int n = snprintf(line, sizeof line, "Kalimat nomor %d di Jakarta. Presiden AS tiba.\n", i);
    seg_buf_append(&plain, line, (size_t)n);
  }
  put_buf(d, "a.txt", &plain);
  seg_buf gz = {0}, zst = {0}, xz = {0}, two = {0};
  gzip_into(&gz, plain.data, plain.len);
  zstd_into(&zst, plain.data, plain.len);
  xz_into(&xz, plain.data, plain.len);
  put_buf(d, "a.gz", &gz);
  put_buf(d, "a.zst", &zst);
  put_buf(d, "a.data", &xz); /* the magic bytes decide, not the name */
  size_t half = plain.len / 2;
  while (plain.data[half - 1] != '\n') half++;
  gzip_into(&two, plain.data, half);
  gzip_into(&two, plain.data + half, plain.len - half);
  put_buf(d, "two.gz", &two);
  run_result want = run_in(d, "-g id-en --columns para,sent,start,end,text,terms a.txt", NULL);
  cr_assert_eq(want.status, 0, "%s", want.err);
  static const char *files[] = {"a.gz", "a.zst", "a.data", "two.gz", "-"};
  char *gz_path = in_dir(d, "a.gz");
  for (size_t i = 0; i < 5; i++) {
    char args[128];
    snprintf(args, sizeof args, "-g id-en --columns para,sent,start,end,text,terms %s", files[i]);
    run_result got = run_in(d, args, i == 4 ? gz_path : NULL); /* "-": standard input */
    cr_expect_eq(got.status, 0, "%s: %s", files[i], got.err);
    cr_expect_str_eq(got.err, "", "%s", files[i]);
    cr_expect(got.out_len == want.out_len && !strcmp(got.out, want.out), "%s differs", files[i]);
    run_free(&got);
  }
  seg_buf trunc = {0};
  seg_buf_append(&trunc, gz.data, gz.len / 2);
  put_buf(d, "cut.gz", &trunc);
  run_result bad = run_in(d, "-o out.tsv cut.gz", NULL);
  cr_expect_eq(bad.status, 1);
  cr_expect_str_eq(bad.err, "segment: cut.gz: gzip input: truncated (unexpected end of file)\n");
  run_free(&bad);
  run_free(&want);
  free(gz_path);
  seg_buf_free(&plain), seg_buf_free(&gz), seg_buf_free(&zst), seg_buf_free(&xz);
  seg_buf_free(&two), seg_buf_free(&trunc);
}

Test(workflow, jsonl_corpus_compressed) {
  char *d = temp_dir();
  const char *jl = "{\"id\":\"a\",\"text\":\"Satu kalimat. Dua kalimat.\"}\n{\"id\":\"b\",\"text\":\"Tiga.\"}\n";
  puts_file(d, "c.jsonl", jl);
  seg_buf z = {0};
  zstd_into(&z, jl, strlen(jl));
  put_buf(d, "c.jsonl.zst", &z);
  run_result a = run_in(d, "--input-format jsonl c.jsonl", NULL);
  run_result b = run_in(d, "--input-format jsonl c.jsonl.zst", NULL);
  cr_expect_eq(b.status, 0, "%s", b.err);
  cr_expect_str_eq(a.out, b.out);
  run_free(&a), run_free(&b);
  seg_buf_free(&z);
}

/* A UTF-16 (or UTF-32) file with a BOM gives exactly the rows of its UTF-8 transcoding with a
 * UTF-8 BOM: offsets count decoded UTF-8 bytes, the BOM's three included. */
Test(workflow, utf16_and_utf32_with_a_bom) {
  char *d = temp_dir();
  const char *text = "\xEF\xBB\xBF" "Café “baru” dibuka di Jakarta. Harganya Rp10.000 😀.\r\n"
                     "Presiden AS tiba.\r\n";
  puts_file(d, "u8.txt", text);
  static const char *encs[] = {"UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"};
  run_result want = run_in(d, "-g id-en u8.txt", NULL);
  cr_assert_eq(want.status, 0);
  cr_expect(strstr(want.out, "\t3\t"), "starts after the BOM: %s", want.out);
  for (size_t e = 0; e < 4; e++) {
    seg_buf w = {0};
    transcode_into(&w, encs[e], text, strlen(text));
    put_buf(d, "u8.txt.wide", &w);
    run_result a = run_in(d, "-g id-en --columns para,sent,start,end,text,orig,terms u8.txt.wide", NULL);
    run_result b = run_in(d, "-g id-en --columns para,sent,start,end,text,orig,terms u8.txt", NULL);
    cr_expect_eq(a.status, 0, "%s: %s", encs[e], a.err);
    cr_expect_str_eq(a.err, "", "%s", encs[e]);
    cr_expect_str_eq(a.out, b.out, "%s", encs[e]);
    run_free(&a), run_free(&b);
    seg_buf_free(&w);
  }
  run_free(&want);
}

Test(workflow, windows_1252_hint_and_encoding_option) {
  char *d = temp_dir();
  puts_file(d, "w.txt", "Caf\xe9 di Jakarta sangat ramai. Harga \x93naik\x94 lagi.\n");
  run_result a = run_in(d, "--columns text w.txt", NULL);
  cr_expect_eq(a.status, 0);
  cr_expect(strstr(a.err, "segment: w.txt:1:4: warning: invalid UTF-8 byte 0xE9 at byte offset 3 "
                          "replaced by U+FFFD; the input looks like Windows-1252: try --encoding "
                          "windows-1252\n"),
            "%s", a.err);
  char *second = strstr(a.err, "0x93");
  cr_expect(second && !strstr(second, "Windows-1252"), "only the first warning has the hint");
  run_result b = run_in(d, "--columns start,end,text --encoding windows-1252 w.txt", NULL);
  cr_expect_eq(b.status, 0);
  cr_expect_str_eq(b.err, "");
  cr_expect_str_eq(b.out, "0\t30\tCafé di Jakarta sangat ramai.\n31\t53\tHarga “naik” lagi.\n",
                   "offsets count decoded UTF-8 bytes");
  run_result c = run_in(d, "--encoding klingon w.txt", NULL);
  cr_expect_eq(c.status, 2);
  cr_expect(strstr(c.err, "segment: --encoding: unknown encoding 'klingon'"), "%s", c.err);
  cr_expect(strstr(c.err, "windows-1252"), "names valid examples: %s", c.err);
  run_result u = run_in(d, "--columns text " FX "unicode.txt", NULL);
  cr_expect(!strstr(u.err, "Windows-1252"), "UTF-8 with a few bad bytes gets no hint: %s", u.err);
  run_free(&a), run_free(&b), run_free(&c), run_free(&u);
}

/* ---------- 3. bundled data, install ---------- */

Test(workflow, bundled_glossary_by_name_from_any_directory) {
  char *d = temp_dir();
  puts_file(d, "x.txt", SAMPLE);
  run_result a = run_in(d, "-g id-en --columns text,terms x.txt", NULL);
  run_result b = run_in(d, "-g " SOURCE_DIR "/glossary/id-en.yaml --columns text,terms x.txt", NULL);
  cr_expect_eq(a.status, 0, "%s", a.err);
  cr_expect(strstr(a.out, "Presiden Amerika Serikat tiba"), "%s", a.out);
  cr_expect_str_eq(a.out, b.out);
  run_result c = run_in(d, "-g id-xx x.txt", NULL);
  cr_expect_eq(c.status, 2);
  cr_expect_str_eq(c.err, "segment: id-xx: cannot open: No such file or directory; bundled "
                          "glossaries: id-en\n");
  puts_file(d, "mine", "terms:\n  - canonical: Beras Putih\n    variants: [beras]\n");
  run_result m = run_in(d, "-g mine --columns text x.txt", NULL);
  cr_expect_eq(m.status, 0, "a file named like a bundled name still loads: %s", m.err);
  cr_expect(strstr(m.out, "Beras Putih"), "%s", m.out);
  run_result h = run_in(d, "--help", NULL);
  cr_expect(strstr(h.out, "Bundled glossaries"), "%s", h.out);
  cr_expect(strstr(h.out, "  id-en "), "%s", h.out);
  cr_expect(strstr(h.out, "--encoding NAME"), "%s", h.out);
  run_free(&a), run_free(&b), run_free(&c), run_free(&m), run_free(&h);
}

Test(workflow, pkg_config_follows_the_install_prefix) {
  char *d = temp_dir(), *prefix = in_dir(d, "prefix");
  cr_assert_eq(sh("cmake --install '%s' --prefix '%s' > /dev/null", BUILD_DIR, prefix), 0);
  char *cmd;
  cr_assert(asprintf(&cmd, "PKG_CONFIG_PATH='%s/lib/pkgconfig' pkg-config --variable=prefix segment > '%s/prefix.txt'",
                     prefix, d) > 0);
  cr_assert_eq(system(cmd), 0);
  free(cmd);
  char *got = get(d, "prefix.txt");
  char want[600];
  snprintf(want, sizeof want, "%s\n", prefix);
  cr_expect_str_eq(got, want);
  free(got);
  free(prefix);
}

/* The example Makefile, copied alone next to a text, with segment found on PATH. */
Test(workflow, example_makefile_runs_anywhere_with_segment_on_path) {
  char *d = temp_dir();
  cr_assert_eq(sh("cp '%s/examples/Makefile' '%s/'", SOURCE_DIR, d), 0);
  puts_file(d, "kabar.txt", SAMPLE);
  char *bindir = seg_xstrndup(seg_bin(), strrchr(seg_bin(), '/') - seg_bin());
  char *cmd;
  cr_assert(asprintf(&cmd, "cd '%s' && PATH='%s':/usr/bin:/bin make -s -j2 > make.log 2>&1", d, bindir) > 0);
  int st = system(cmd);
  free(cmd);
  char *log = get(d, "make.log");
  cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 0, "make failed: %s", log);
  char *corpus = get(d, "corpus.tsv");
  cr_assert_not_null(corpus, "no corpus.tsv: %s", log);
  cr_expect(!strncmp(corpus, "doc\tpara\tsent\ttext\tterms\n", 25), "%s", corpus);
  cr_expect(strstr(corpus, "kabar.txt\t1\t2\tPresiden Amerika Serikat tiba pukul 10.30 WIB.\t"
                           "AS=Amerika Serikat=United States"), "%s", corpus);
  free(corpus), free(log), free(bindir);
}

/* ---------- 5. JSONL ---------- */

Test(workflow, jsonl_ids_and_missing_targets) {
  char *d = temp_dir();
  puts_file(d, "c.jsonl", "{\"text\":\"Tanpa id.\"}\n"
                          "{\"id\":12345678901234567890,\"text\":\"Id besar.\"}\n"
                          "{\"id\":7,\"text\":\"Id kecil.\"}\n");
  run_result a = run_in(d, "--input-format jsonl --columns doc,text c.jsonl", NULL);
  cr_expect_eq(a.status, 0, "%s", a.err);
  cr_expect_str_eq(a.out, "1\tTanpa id.\n12345678901234567890\tId besar.\n7\tId kecil.\n");
  cr_expect_str_eq(a.err, "");
  puts_file(d, "p.jsonl", "{\"id\":\"a\",\"text\":\"Halo dunia.\",\"en\":\"Hello world.\"}\n"
                          "{\"id\":\"b\",\"text\":\"Tanpa terjemahan.\"}\n");
  run_result b = run_in(d, "--input-format jsonl --target-key en --unaligned --columns doc,src,tgt p.jsonl", NULL);
  cr_expect_eq(b.status, 0, "%s", b.err);
  cr_expect_str_eq(b.out, "a\tHalo dunia.\tHello world.\nb\tTanpa terjemahan.\t\n");
  cr_expect_str_eq(b.err, "");
  run_result c = run_in(d, "--input-format jsonl --target-key en --columns doc,src,tgt p.jsonl", NULL);
  cr_expect_str_eq(c.out, "a\tHalo dunia.\tHello world.\n");
  cr_expect(strstr(c.err, "key 'en' is missing or not a string; line skipped"), "%s", c.err);
  run_free(&a), run_free(&b), run_free(&c);
}
