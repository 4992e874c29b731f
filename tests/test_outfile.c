/* outfile: atomic replacement (mode, owner, symlinks), in-place writes (FIFOs, device nodes,
 * descriptor aliases), discard and signals, and the same-file check. Device nodes and FIFOs are
 * made inside a fresh temporary directory: no test points an output at a real device. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"
#include "outfile.h"

static char *path_in(const char *dir, const char *name) {
  char *p;
  cr_assert(asprintf(&p, "%s/%s", dir, name) > 0);
  return p;
}

/* Entries of dir other than . and .. */
static int entries(const char *dir) {
  DIR *d = opendir(dir);
  cr_assert_not_null(d);
  int n = 0;
  for (struct dirent *e; (e = readdir(d));)
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) n++;
  closedir(d);
  return n;
}

static void write_commit(const char *path, const char *text) {
  seg_error err = {0};
  seg_outfile *o = seg_outfile_open(path, &err);
  cr_assert_not_null(o, "%s: %s", path, err.msg);
  cr_assert_eq(seg_outfile_write(o, text, strlen(text)), 0);
  cr_assert_eq(seg_outfile_commit(o, &err), SEG_OK, "%s", err.msg);
}

static void expect_content(const char *path, const char *want) {
  char *got = slurp(path, NULL);
  cr_assert_not_null(got, "%s missing", path);
  cr_expect_str_eq(got, want, "%s", path);
  free(got);
}

Test(outfile, new_file_appears_only_on_commit_with_umask_mode) {
  char *d = temp_dir(), *p = path_in(d, "out.tsv");
  mode_t old = umask(027);
  seg_error err = {0};
  seg_outfile *o = seg_outfile_open(p, &err);
  cr_assert_not_null(o, "%s", err.msg);
  cr_expect_eq(seg_outfile_kind_of(o), SEG_OUTFILE_ATOMIC);
  seg_outfile_write(o, "row\n", 4);
  cr_expect_eq(access(p, F_OK), -1, "not there before the commit");
  cr_expect_eq(entries(d), 1, "one temporary file beside it");
  cr_assert_eq(seg_outfile_commit(o, &err), SEG_OK);
  umask(old);
  expect_content(p, "row\n");
  struct stat st;
  cr_assert_eq(stat(p, &st), 0);
  cr_expect_eq(st.st_mode & 07777, 0640, "0666 less the umask 027, got %o", st.st_mode & 07777);
  cr_expect_eq(entries(d), 1, "no temporary file left");
  free(p);
}

Test(outfile, replacing_keeps_mode_and_owner) {
  char *d = temp_dir(), *p = path_in(d, "out.tsv");
  spit(p, "OLD\n", 4);
  cr_assert_eq(chmod(p, 0640), 0);
  int root = geteuid() == 0;
  if (root) cr_assert_eq(chown(p, 1234, 5678), 0);
  struct stat before, after;
  cr_assert_eq(stat(p, &before), 0);
  write_commit(p, "NEW\n");
  expect_content(p, "NEW\n");
  cr_assert_eq(stat(p, &after), 0);
  cr_expect_neq(after.st_ino, before.st_ino, "replaced by rename, not rewritten");
  cr_expect_eq(after.st_mode & 07777, 0640, "mode kept, got %o", after.st_mode & 07777);
  if (root) {
    cr_expect_eq(after.st_uid, 1234, "owner kept");
    cr_expect_eq(after.st_gid, 5678, "group kept");
  }
  free(p);
}

Test(outfile, discard_leaves_the_old_file_and_no_temporary) {
  char *d = temp_dir(), *p = path_in(d, "out.tsv");
  spit(p, "OLD\n", 4);
  seg_error err = {0};
  seg_outfile *o = seg_outfile_open(p, &err);
  cr_assert_not_null(o);
  seg_outfile_write(o, "half a ro", 9);
  seg_outfile_discard(o);
  expect_content(p, "OLD\n");
  cr_expect_eq(entries(d), 1);
  seg_outfile_discard(NULL);
  free(p);
}

Test(outfile, symlinks_are_followed_to_the_file_they_name) {
  char *d = temp_dir();
  char *sub = path_in(d, "real"), *target = path_in(d, "real/data.tsv");
  char *link1 = path_in(d, "link1"), *link2 = path_in(d, "link2"), *dangling = path_in(d, "new");
  cr_assert_eq(mkdir(sub, 0755), 0);
  spit(target, "OLD\n", 4);
  cr_assert_eq(chmod(target, 0600), 0);
  cr_assert_eq(symlink("real/data.tsv", link1), 0); /* relative to the link's directory */
  cr_assert_eq(symlink(link1, link2), 0);           /* a chain */
  write_commit(link2, "NEW\n");
  struct stat st;
  cr_assert_eq(lstat(link1, &st), 0);
  cr_expect(S_ISLNK(st.st_mode), "link1 is still a symlink");
  cr_assert_eq(lstat(link2, &st), 0);
  cr_expect(S_ISLNK(st.st_mode), "link2 is still a symlink");
  expect_content(target, "NEW\n");
  cr_assert_eq(stat(target, &st), 0);
  cr_expect_eq(st.st_mode & 07777, 0600);
  cr_expect_eq(entries(sub), 1, "the temporary file was beside the target");
  cr_assert_eq(symlink("real/fresh.tsv", dangling), 0);
  write_commit(dangling, "FRESH\n");
  char *fresh = path_in(d, "real/fresh.tsv");
  expect_content(fresh, "FRESH\n");
  free(sub), free(target), free(link1), free(link2), free(dangling), free(fresh);
}

Test(outfile, fifo_is_written_in_place) {
  char *d = temp_dir(), *p = path_in(d, "pipe");
  cr_assert_eq(mkfifo(p, 0644), 0);
  int rd = open(p, O_RDONLY | O_NONBLOCK); /* a reader first, so opening for writing won't block */
  cr_assert_geq(rd, 0);
  seg_error err = {0};
  seg_outfile *o = seg_outfile_open(p, &err);
  cr_assert_not_null(o, "%s", err.msg);
  cr_expect_eq(seg_outfile_kind_of(o), SEG_OUTFILE_DIRECT);
  seg_outfile_write(o, "via fifo\n", 9);
  cr_assert_eq(seg_outfile_commit(o, &err), SEG_OK, "%s", err.msg);
  char buf[32] = {0};
  cr_expect_eq(read(rd, buf, sizeof buf - 1), 9);
  cr_expect_str_eq(buf, "via fifo\n");
  close(rd);
  struct stat st;
  cr_assert_eq(lstat(p, &st), 0);
  cr_expect(S_ISFIFO(st.st_mode), "still a FIFO");
  cr_expect_eq(entries(d), 1);
  free(p);
}

/* A node with /dev/null's numbers, made in the temporary directory (needs root). */
Test(outfile, device_node_is_never_replaced) {
  char *d = temp_dir(), *p = path_in(d, "null");
  if (mknod(p, S_IFCHR | 0666, makedev(1, 3)) != 0) {
    cr_log_warn("mknod not permitted; skipped");
    free(p);
    return;
  }
  struct stat before, after;
  cr_assert_eq(lstat(p, &before), 0);
  write_commit(p, "discarded by the device\n");
  cr_assert_eq(lstat(p, &after), 0);
  cr_expect(S_ISCHR(after.st_mode), "still a character device");
  cr_expect_eq(after.st_ino, before.st_ino);
  cr_expect_eq(after.st_rdev, makedev(1, 3));
  cr_expect_eq(entries(d), 1);
  free(p);
}

Test(outfile, descriptor_aliases_write_into_the_descriptor) {
  char *d = temp_dir(), *p = path_in(d, "redirected.tsv");
  spit(p, "", 0);
  int fd = open(p, O_WRONLY | O_APPEND);
  cr_assert_geq(fd, 0);
  cr_assert_eq(write(fd, "first\n", 6), 6);
  struct stat before, after;
  cr_assert_eq(fstat(fd, &before), 0);
  const char *forms[] = {"/dev/fd/%d", "/proc/self/fd/%d"};
  for (int i = 0; i < 2; i++) {
    char alias[64];
    snprintf(alias, sizeof alias, forms[i], fd);
    seg_error err = {0};
    seg_outfile *o = seg_outfile_open(alias, &err);
    cr_assert_not_null(o, "%s: %s", alias, err.msg);
    cr_expect_eq(seg_outfile_kind_of(o), SEG_OUTFILE_DIRECT, "%s", alias);
    seg_outfile_write(o, "more\n", 5);
    cr_assert_eq(seg_outfile_commit(o, &err), SEG_OK);
  }
  close(fd);
  cr_assert_eq(stat(p, &after), 0);
  cr_expect_eq(after.st_ino, before.st_ino, "the file behind the descriptor was not replaced");
  expect_content(p, "first\nmore\nmore\n");
  cr_expect_eq(entries(d), 1);
  free(p);
}

Test(outfile, dash_is_standard_output) {
  seg_error err = {0};
  seg_outfile *o = seg_outfile_open("-", &err);
  cr_assert_not_null(o);
  cr_expect_eq(seg_outfile_kind_of(o), SEG_OUTFILE_STDOUT);
  cr_expect_eq(seg_outfile_stream(o), stdout);
  cr_expect_eq(seg_outfile_commit(o, &err), SEG_OK);
}

Test(outfile, errors_name_the_path) {
  char *d = temp_dir(), *missing = path_in(d, "no/such/out.tsv");
  seg_error err = {0};
  cr_expect_null(seg_outfile_open(d, &err));
  cr_expect_eq(err.code, SEG_ERR_IO);
  cr_expect_str_eq(err.msg, "cannot open: Is a directory");
  cr_expect_null(seg_outfile_open(missing, &err));
  cr_expect_str_eq(err.file, missing);
  cr_expect_str_eq(err.msg, "cannot create a temporary file: No such file or directory");
  free(missing);
}

/* The handler removes the temporaries of every open output and dies of the same signal. */
Test(outfile, signal_removes_every_temporary) {
  char *d = temp_dir(), *a = path_in(d, "a.tsv"), *b = path_in(d, "b.tsv");
  spit(a, "OLD A\n", 6);
  int ready[2];
  cr_assert_eq(pipe(ready), 0);
  pid_t pid = fork();
  cr_assert_geq(pid, 0);
  if (pid == 0) {
    seg_outfile_catch_signals();
    seg_error err = {0};
    seg_outfile *oa = seg_outfile_open(a, &err), *ob = seg_outfile_open(b, &err);
    if (!oa || !ob) _exit(3);
    seg_outfile_write(oa, "partial", 7);
    fflush(seg_outfile_stream(oa));
    if (write(ready[1], "x", 1) != 1) _exit(4);
    for (;;) pause();
  }
  char c;
  cr_assert_eq(read(ready[0], &c, 1), 1);
  cr_expect_eq(entries(d), 3, "a.tsv and two temporaries");
  kill(pid, SIGTERM);
  int st;
  cr_assert_eq(waitpid(pid, &st, 0), pid);
  cr_expect(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM, "died of SIGTERM");
  cr_expect_eq(entries(d), 1, "only a.tsv remains");
  expect_content(a, "OLD A\n");
  free(a), free(b);
}

/* --- same-file check --- */
Test(outfile, same_file_check) {
  char *d = temp_dir();
  char *in = path_in(d, "in.txt"), *other = path_in(d, "other.txt"), *sym = path_in(d, "link");
  char *hard = path_in(d, "hard"), *fresh = path_in(d, "fresh.tsv"), *dev = path_in(d, "null");
  char *fresh2;
  cr_assert(asprintf(&fresh2, "%s/./fresh.tsv", d) > 0);
  spit(in, "x\n", 2);
  spit(other, "y\n", 2);
  cr_assert_eq(symlink(in, sym), 0);
  cr_assert_eq(link(in, hard), 0);
  int have_dev = mknod(dev, S_IFCHR | 0666, makedev(1, 3)) == 0;
  const char *inputs[] = {other, in, NULL};
  static const struct {
    int out1, out2; /* indexes into outs, -1: none */
    int clash;
    const char *msg;
  } cases[] = {
      {0, -1, 1, "the output is also the input '%s'; nothing was read or written"},
      {1, -1, 1, "the output is also the input '%s'; nothing was read or written"},
      {2, -1, 1, "the output is also the input '%s'; nothing was read or written"},
      {3, -1, 0, NULL},
      {3, 4, 1, "the output is the same file as the output '%s'; nothing was read or written"},
      {-1, 3, 0, NULL},
      {5, 5, 0, NULL}, /* a device never clashes */
      {6, 6, 1, "the output is the same file as the output '%s'; nothing was read or written"},
  };
  const char *outs[] = {in, sym, hard, fresh, fresh2, have_dev ? dev : "/dev/null", "-"};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const char *o[2] = {cases[i].out1 >= 0 ? outs[cases[i].out1] : NULL,
                        cases[i].out2 >= 0 ? outs[cases[i].out2] : NULL};
    seg_error err = {0};
    seg_status rc = seg_outfile_check_paths(o, 2, inputs, 3, &err);
    cr_expect_eq(rc, cases[i].clash ? SEG_ERR_CONFIG : SEG_OK, "case %zu: %s", i, err.msg);
    if (cases[i].clash) {
      char want[1024];
      snprintf(want, sizeof want, cases[i].msg,
               cases[i].out2 < 0 ? in : cases[i].out1 == 6 ? "-" : fresh);
      cr_expect_str_eq(err.msg, want, "case %zu", i);
      cr_expect_eq(seg_status_exit(rc), 2);
    }
  }
  cr_expect_eq(access(fresh, F_OK), -1, "the check creates nothing");
  free(in), free(other), free(sym), free(hard), free(fresh), free(fresh2), free(dev);
}
