/* Hostile inputs, each with a defined result (exit status, rows, warning), and the bounded
 * memory of a long streamed input, measured from here with wait4's rusage. They test the
 * segmenter, so the sentence filters are off (--no-filters). */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <string.h>
#include <sys/resource.h>

#include "helpers.h"

#ifndef SEGMENT_SANITIZED
#define BIG 1 /* full-size inputs; sanitizer builds use smaller ones (same code paths) */
#else
#define BIG 0
#endif

static char path_buf[512];
static const char *write_input(const char *dir, const char *name, const char *bytes, size_t n) {
  snprintf(path_buf, sizeof path_buf, "%s/%s", dir, name);
  spit(path_buf, bytes, n);
  return path_buf;
}

static size_t count_lines(const char *s) {
  size_t n = 0;
  for (; s && *s; s++) n += *s == '\n';
  return n;
}

Test(hostile, invalid_utf8_kinds) {
  char *d = temp_dir();
  /* stray continuation, truncated 3-byte, overlong '/', encoded surrogate, > U+10FFFF */
  const char in[] = "a\x80 b\xE2\x82 c\xC0\xAF d\xED\xA0\x80 e\xF4\x90\x80\x80.\n";
  write_input(d, "bad.txt", in, sizeof in - 1);
  run_result r = run_in(d, "--no-filters --columns text bad.txt", NULL);
  cr_expect_eq(r.status, 0);
  cr_expect_str_eq(r.out, "a\xEF\xBF\xBD b\xEF\xBF\xBD c\xEF\xBF\xBD\xEF\xBF\xBD d\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD "
                          "e\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD.\n");
  cr_expect(strstr(r.err, "bad.txt:1:2: warning: invalid UTF-8 byte 0x80 at byte offset 1"), "%s", r.err);
  cr_expect(strstr(r.err, "1 more invalid UTF-8 sequences not shown (11 in all)"), "%s", r.err);
  run_result s = run_in(d, "--strict bad.txt", NULL);
  cr_expect_eq(s.status, 1);
  cr_expect_str_eq(s.err, "segment: bad.txt:1:2: invalid UTF-8 byte 0x80 at byte offset 1\n");
  run_free(&r);
  run_free(&s);
}

/* A NUL stands between words ("Halo\0dunia" is two words, as a browser shows it). */
Test(hostile, nul_bytes_become_spaces_inside_the_span) {
  char *d = temp_dir();
  write_input(d, "nul.txt", "Sa\0tu. Du\0a.\n", 13);
  run_result r = run_in(d, "--no-filters --columns start,end,text,orig nul.txt", NULL);
  cr_expect_eq(r.status, 0);
  cr_expect_str_eq(r.out, "0\t6\tSa tu.\tSa tu.\n7\t12\tDu a.\tDu a.\n");
  run_free(&r);
}

Test(hostile, only_punctuation_and_only_newlines) {
  char *d = temp_dir();
  write_input(d, "p.txt", "...!!!???\n.\n\"\"\n", 15);
  run_result r = run_in(d, "--no-filters --columns text p.txt", NULL);
  cr_expect_eq(r.status, 0);
  cr_expect_str_eq(r.out, "...!!!???\n.\n");
  write_input(d, "n.txt", "\n\n\n\r\n", 5);
  run_result e = run_in(d, "n.txt", NULL);
  cr_expect_eq(e.status, 0);
  cr_expect_str_eq(e.out, "");
  run_free(&r);
  run_free(&e);
}

Test(hostile, random_bytes) {
  char *d = temp_dir();
  size_t n = 1 << 20;
  char *buf = malloc(n);
  unsigned x = 99;
  for (size_t i = 0; i < n; i++) buf[i] = (char)((x = x * 1103515245u + 12345u) >> 16);
  write_input(d, "r.bin", buf, n);
  /* the classifier drops nearly all of it as debris (it is); without filters it all goes
   * through the splitter */
  run_result f = run_in(d, "-q --columns start,end r.bin", NULL);
  cr_expect_eq(f.status, 0);
  run_result r = run_in(d, "-q --keep-boilerplate --no-filters --columns start,end r.bin", NULL);
  cr_expect_eq(r.status, 0);
  cr_expect_gt(count_lines(r.out), 100);
  free(buf);
  run_free(&f);
  run_free(&r);
}

Test(hostile, nested_quotes_are_linear) {
  char *d = temp_dir();
  size_t n = 100000;
  char *buf = malloc(n * 6 + 16);
  size_t k = 0;
  for (size_t i = 0; i < n; i++) memcpy(buf + k, "\xE2\x80\x9C", 3), k += 3;
  memcpy(buf + k, "Isi. Lagi. ", 11), k += 11;
  for (size_t i = 0; i < n; i++) memcpy(buf + k, "\xE2\x80\x9D", 3), k += 3;
  buf[k++] = '\n';
  write_input(d, "q.txt", buf, k);
  run_result r = run_in(d, "--no-filters --columns text q.txt", NULL);
  cr_expect_eq(r.status, 0);
  cr_expect_eq(count_lines(r.out), 1, "one quotation, two short sentences: one unit");
  free(buf);
  run_free(&r);
}

Test(hostile, long_line_and_long_token) {
  char *d = temp_dir();
  size_t n = BIG ? 20u << 20 : 2u << 20;
  char *buf = malloc(n + 2);
  for (size_t i = 0; i < n; i++) buf[i] = "Kata kata. "[i % 11];
  buf[n] = '\n';
  write_input(d, "line.txt", buf, n + 1);
  run_result r = run_in(d, "--no-filters --columns sent line.txt", NULL);
  cr_expect_eq(r.status, 0);
  cr_expect_eq(count_lines(r.out), (n + 10) / 11, "one row per sentence of a %zu-byte line", n);
  memset(buf, 'x', n);
  size_t t = BIG ? 8u << 20 : 1u << 20;
  memcpy(buf + t, ".\n", 2);
  write_input(d, "token.txt", buf, t + 2);
  run_result s = run_in(d, "--no-filters --columns start,end token.txt", NULL);
  cr_expect_eq(s.status, 0);
  char want[64];
  snprintf(want, sizeof want, "0\t%zu\n", t + 1);
  cr_expect_str_eq(s.out, want);
  free(buf);
  run_free(&r);
  run_free(&s);
}

Test(hostile, many_tiny_lines) {
  char *d = temp_dir();
  size_t n = 500000;
  char *buf = malloc(n * 8);
  size_t k = 0;
  for (size_t i = 0; i < n; i++) k += (size_t)sprintf(buf + k, "%zu.\n", i);
  write_input(d, "tiny.txt", buf, k);
  /* counters alone ("17.") are list debris to the classifier: without filters, one row each */
  run_result r = run_in(d, "--keep-boilerplate --no-filters --columns sent tiny.txt", NULL);
  cr_expect_eq(r.status, 0);
  cr_expect_eq(count_lines(r.out), n);
  free(buf);
  run_free(&r);
}

Test(hostile, bom_crlf_and_empty) {
  char *d = temp_dir();
  write_input(d, "b.txt", "\xEF\xBB\xBF\r\n\r\nA.\r\n", 10);
  run_result r = run_in(d, "--no-filters --columns start,end,text b.txt", NULL);
  cr_expect_str_eq(r.out, "7\t9\tA.\n");
  write_input(d, "e.txt", "", 0);
  run_result e = run_in(d, "e.txt", NULL);
  cr_expect_eq(e.status, 0);
  cr_expect_str_eq(e.out, "");
  run_free(&r);
  run_free(&e);
}

Test(hostile, glossary_bombs_are_rejected) {
  char *d = temp_dir();
  const char *bomb = "a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
                     "terms: [*b, *b, *b, *b, *b, *b, *b, *b]\n";
  write_input(d, "bomb.yaml", bomb, strlen(bomb));
  run_result r = run_in(d, "-g bomb.yaml", NULL);
  cr_expect_eq(r.status, 2);
  cr_expect_str_eq(r.err, "segment: bomb.yaml:2:8: YAML aliases are not supported\n");
  size_t n = 200;
  char *deep = malloc(2 * n + 16);
  memcpy(deep, "terms: ", 7);
  memset(deep + 7, '[', n);
  memset(deep + 7 + n, ']', n);
  deep[7 + 2 * n] = '\0';
  write_input(d, "deep.yaml", deep, strlen(deep));
  run_result s = run_in(d, "-g deep.yaml", NULL);
  cr_expect_eq(s.status, 2);
  cr_expect(strstr(s.err, "YAML nested too deeply (limit 32)"), "%s", s.err);
  free(deep);
  run_free(&r);
  run_free(&s);
}

/* Streams a long generated input through a pipe and checks the child's peak RSS. */
Test(hostile, memory_stays_bounded_on_a_long_stream) {
  size_t total = BIG ? 200u << 20 : 16u << 20;
  int fds[2];
  cr_assert_eq(pipe(fds), 0);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[0], 0);
    close(fds[1]);
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    execl(SEGMENT_BIN, "segment", "--columns", "doc,sent,text", (char *)NULL);
    _exit(127);
  }
  close(fds[0]);
  static const char *const para[] = {
      "Pemerintah mengumumkan anggaran baru pada hari Senin. Dana itu dipakai untuk jalan, "
      "jembatan, dll. di Kab. Bogor.\n\n",
      "\"Kami siap bekerja. Tidak ada yang tertinggal,\" kata Dr. Budi kepada wartawan pukul "
      "10.30 WIB.\n\n",
      "Harga beras naik 2,5 persen menurut BPS. Inflasi tetap terkendali.\n\n"};
  char chunk[65536];
  size_t sent = 0, k = 0, seq = 0;
  while (sent < total) {
    size_t used = 0;
    while (used + 400 < sizeof chunk) {
      /* a counter keeps lines unique (the duplicate filter stays out of the way) */
      used += (size_t)snprintf(chunk + used, sizeof chunk - used, "%zu. %s", seq++, para[k++ % 3]);
    }
    if (write(fds[1], chunk, used) != (ssize_t)used) break;
    sent += used;
  }
  close(fds[1]);
  int status;
  struct rusage ru;
  cr_assert_eq(wait4(pid, &status, 0, &ru), pid);
  cr_expect(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  long limit_kb = BIG ? 16 * 1024 : 256 * 1024; /* sanitizers add their own shadow memory */
  cr_expect_leq(ru.ru_maxrss, limit_kb, "peak RSS %ld KiB after %zu MiB", ru.ru_maxrss, sent >> 20);
}
