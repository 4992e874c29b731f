/* outfile: see outfile.h. Resolution walks the symlinks of the output path itself, one hop at a
 * time, with the directory of each hop canonicalized: a hop whose directory is under /proc (the
 * magic links of /dev/stdout, /dev/fd/N) is a descriptor alias and is written in place; the
 * first hop that is no symlink decides between a temporary file beside it and writing in place.
 * Temporary paths live in a static table the signal handler can read without locks. */
#define _XOPEN_SOURCE 700
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"

#define MAX_OPEN 16 /* outputs open at once (a run has two: -o and --rejected) */
#define MAX_HOPS 40 /* symlinks followed, as the kernel's limit */

struct seg_outfile {
  const char *name; /* as given */
  seg_outfile_kind kind;
  FILE *stream;
  char *target; /* ATOMIC: the resolved final path */
  char *temp;   /* ATOMIC: the temporary file beside it */
  int slot;     /* ATOMIC: index in temp_paths */
};

/* Read by the signal handler: a slot's path is stored before it is marked used, and unmarked
 * before it is freed. */
static char *volatile temp_paths[MAX_OPEN];
static volatile sig_atomic_t temp_used[MAX_OPEN];

typedef struct {
  seg_outfile_kind kind;
  int alias_fd;  /* DIRECT: descriptor to duplicate, or -1 to open the path */
  char *target;  /* ATOMIC: final path (owned) */
  char *dir;     /* ATOMIC: its canonical directory (owned) */
  const char *base;
  int exists;
  struct stat st; /* ATOMIC with exists: the old file */
} resolution;

static void resolution_free(resolution *r) {
  free(r->target);
  free(r->dir);
}

/* /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N: the descriptor; else -1. */
static int fd_alias(const char *path) {
  if (!strcmp(path, "/dev/stdout")) return 1;
  if (!strcmp(path, "/dev/stderr")) return 2;
  const char *digits = NULL;
  if (!strncmp(path, "/dev/fd/", 8)) digits = path + 8;
  else if (!strncmp(path, "/proc/self/fd/", 14)) digits = path + 14;
  if (!digits || !*digits) return -1;
  long v = 0;
  for (const char *p = digits; *p; p++) {
    if (*p < '0' || *p > '9' || v > INT_MAX / 10) return -1;
    v = v * 10 + (*p - '0');
  }
  return (int)v;
}

static char *join(const char *dir, const char *base) {
  seg_buf b = {0};
  seg_buf_append(&b, dir, strlen(dir));
  if (!b.len || b.data[b.len - 1] != '/') seg_buf_putc(&b, '/');
  seg_buf_append(&b, base, strlen(base));
  return b.data;
}

/* readlink into a new string (owned by the caller); NULL with errno set. */
static char *read_link(const char *path, size_t hint) {
  size_t cap = hint + 2 > 256 ? hint + 2 : 256;
  for (;;) {
    char *b = seg_xmalloc(cap);
    ssize_t n = readlink(path, b, cap);
    if (n < 0) {
      free(b);
      return NULL;
    }
    if ((size_t)n < cap) {
      b[n] = '\0';
      return b;
    }
    free(b);
    cap *= 2;
  }
}

static int is_proc(const char *canon) { return !strncmp(canon, "/proc/", 6) || !strcmp(canon, "/proc"); }

/* Decides how `path` is written. 0, or -1 with errno set and *what naming the failing step. */
static int resolve(const char *path, resolution *r, const char **what) {
  memset(r, 0, sizeof *r);
  r->alias_fd = -1;
  *what = "cannot open";
  if (!strcmp(path, "-")) {
    r->kind = SEG_OUTFILE_STDOUT;
    return 0;
  }
  if ((r->alias_fd = fd_alias(path)) >= 0) {
    r->kind = SEG_OUTFILE_DIRECT;
    return 0;
  }
  char *cur = seg_xstrndup(path, strlen(path));
  for (int hop = 0;; hop++) {
    char *slash = strrchr(cur, '/');
    const char *base = slash ? slash + 1 : cur;
    if (!*base || hop > MAX_HOPS) {
      errno = *base ? ELOOP : EISDIR;
      break;
    }
    char *dir_given = slash ? seg_xstrndup(cur, slash == cur ? 1 : (size_t)(slash - cur))
                            : seg_xstrndup(".", 1);
    char *dir = realpath(dir_given, NULL);
    free(dir_given);
    if (!dir) {
      *what = "cannot create a temporary file";
      break;
    }
    if (is_proc(dir)) { /* a descriptor's magic link: never follow it to a file */
      free(dir);
      free(cur);
      r->kind = SEG_OUTFILE_DIRECT;
      return 0;
    }
    char *full = join(dir, base);
    struct stat st;
    int exists = lstat(full, &st) == 0;
    if (!exists && errno != ENOENT) {
      free(dir);
      free(full);
      break;
    }
    if (exists && S_ISLNK(st.st_mode)) {
      char *link = read_link(full, (size_t)st.st_size);
      free(full);
      if (!link) {
        free(dir);
        break;
      }
      free(cur);
      cur = link[0] == '/' ? link : join(dir, link);
      if (cur != link) free(link);
      free(dir);
      continue;
    }
    free(cur);
    if (exists && S_ISDIR(st.st_mode)) {
      free(dir);
      free(full);
      errno = EISDIR;
      return -1;
    }
    if (exists && !S_ISREG(st.st_mode)) { /* FIFO, device, socket: in place */
      free(dir);
      free(full);
      r->kind = SEG_OUTFILE_DIRECT;
      return 0;
    }
    r->kind = SEG_OUTFILE_ATOMIC;
    r->target = full;
    r->dir = dir;
    r->base = strrchr(full, '/') + 1;
    r->exists = exists;
    r->st = st;
    return 0;
  }
  int saved = errno;
  free(cur);
  errno = saved;
  return -1;
}

static int take_slot(char *temp) {
  for (int i = 0; i < MAX_OPEN; i++)
    if (!temp_used[i]) {
      temp_paths[i] = temp;
      temp_used[i] = 1;
      return i;
    }
  return -1;
}

static void release_slot(int slot) {
  if (slot < 0) return;
  temp_used[slot] = 0;
  temp_paths[slot] = NULL;
}

/* The temporary file beside r->target, with the old file's owner and mode (new file: 0666
 * less the umask). Returns the descriptor, or -1 with errno set. */
static int make_temp(const resolution *r, char **temp_out) {
  seg_buf t = {0};
  seg_buf_append(&t, r->dir, strlen(r->dir));
  if (t.data[t.len - 1] != '/') seg_buf_putc(&t, '/');
  seg_buf_putc(&t, '.');
  seg_buf_append(&t, r->base, strlen(r->base));
  seg_buf_append(&t, ".XXXXXX", 7);
  int fd = mkstemp(t.data);
  if (fd < 0) {
    int saved = errno;
    seg_buf_free(&t);
    errno = saved;
    return -1;
  }
  mode_t mode;
  if (r->exists) {
    /* owner first: chown clears set-id bits. Not permitted (not root, foreign owner): keep
     * ours, then try the group alone. */
    if (fchown(fd, r->st.st_uid, r->st.st_gid) != 0) {
      if (fchown(fd, (uid_t)-1, r->st.st_gid) != 0) { /* EPERM: the group stays ours */
      }
    }
    mode = r->st.st_mode & 07777;
  } else {
    mode_t mask = umask(0);
    umask(mask);
    mode = 0666 & ~mask;
  }
  if (fchmod(fd, mode) != 0) { /* a filesystem without modes: keep mkstemp's */
  }
  *temp_out = t.data;
  return fd;
}

static seg_outfile *open_failed(const char *path, const char *what, seg_error *err) {
  seg_error_set(err, SEG_ERR_IO, path, 0, 0, "%s: %s", what, strerror(errno));
  return NULL;
}

seg_outfile *seg_outfile_open(const char *path, seg_error *err) {
  resolution r;
  const char *what;
  if (resolve(path, &r, &what) != 0) return open_failed(path, what, err);
  seg_outfile *o = seg_xcalloc(1, sizeof *o);
  o->name = path;
  o->kind = r.kind;
  o->slot = -1;
  if (r.kind == SEG_OUTFILE_STDOUT) {
    o->stream = stdout;
    return o;
  }
  int fd;
  if (r.kind == SEG_OUTFILE_DIRECT) {
    fd = r.alias_fd >= 0 ? fcntl(r.alias_fd, F_DUPFD_CLOEXEC, 3)
                         : open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    what = "cannot open";
  } else if (r.exists && access(r.target, W_OK) != 0) {
    fd = -1; /* like sort -o: a file we may not write is not replaced either */
    what = "cannot open";
  } else {
    /* the fatal signals wait while the temporary exists but is not yet in a slot, where
     * their handler would not find it to remove it */
    sigset_t fatal, old;
    sigemptyset(&fatal);
    sigaddset(&fatal, SIGINT);
    sigaddset(&fatal, SIGTERM);
    sigaddset(&fatal, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &fatal, &old);
    fd = make_temp(&r, &o->temp);
    what = "cannot create a temporary file";
    if (fd >= 0 && (o->slot = take_slot(o->temp)) < 0) {
      unlink(o->temp);
      close(fd);
      fd = -1;
      errno = EMFILE;
    }
    int saved = errno;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    errno = saved;
  }
  if (fd < 0 || !(o->stream = fdopen(fd, "wb"))) {
    int saved = errno;
    if (fd >= 0) close(fd);
    if (o->temp && o->slot >= 0) unlink(o->temp);
    release_slot(o->slot);
    free(o->temp);
    free(o);
    resolution_free(&r);
    errno = saved;
    return open_failed(path, what, err);
  }
  o->target = r.target;
  r.target = NULL;
  resolution_free(&r);
  return o;
}

FILE *seg_outfile_stream(seg_outfile *o) { return o->stream; }
seg_outfile_kind seg_outfile_kind_of(const seg_outfile *o) { return o->kind; }
const char *seg_outfile_name(const seg_outfile *o) { return o->name; }
const char *seg_outfile_target(const seg_outfile *o) { return o->target ? o->target : o->name; }

int seg_outfile_write(void *ctx, const char *bytes, size_t len) {
  seg_outfile *o = ctx;
  return fwrite(bytes, 1, len, o->stream) == len ? 0 : -1;
}

static void outfile_free(seg_outfile *o) {
  release_slot(o->slot);
  free(o->temp);
  free(o->target);
  free(o);
}

/* fsync of the directory makes the rename itself durable; a failure there is not reported
 * (the data is already safe, and some filesystems refuse fsync on directories). */
static void sync_dir_of(const char *target) {
  const char *slash = strrchr(target, '/');
  char *dir = seg_xstrndup(target, slash == target ? 1 : (size_t)(slash - target));
  int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    if (fsync(fd) != 0) { /* see above */
    }
    close(fd);
  }
  free(dir);
}

seg_status seg_outfile_commit(seg_outfile *o, seg_error *err) {
  int bad = fflush(o->stream) != 0 || ferror(o->stream);
  int saved = errno;
  if (o->kind == SEG_OUTFILE_STDOUT) {
    outfile_free(o);
    if (bad) return seg_error_set(err, SEG_ERR_IO, "-", 0, 0, "write error: %s", strerror(saved));
    return SEG_OK;
  }
  if (!bad && o->kind == SEG_OUTFILE_ATOMIC && fsync(fileno(o->stream)) != 0) {
    bad = 1;
    saved = errno;
  }
  if (fclose(o->stream) != 0 && !bad) {
    bad = 1;
    saved = errno;
  }
  if (o->kind == SEG_OUTFILE_ATOMIC) {
    if (!bad && rename(o->temp, o->target) != 0) {
      bad = 1;
      saved = errno;
    }
    if (bad) unlink(o->temp);
    else sync_dir_of(o->target);
  }
  seg_status rc = SEG_OK;
  if (bad) rc = seg_error_set(err, SEG_ERR_IO, o->name, 0, 0, "write error: %s", strerror(saved));
  outfile_free(o);
  return rc;
}

void seg_outfile_discard(seg_outfile *o) {
  if (!o) return;
  if (o->kind == SEG_OUTFILE_STDOUT) {
    fflush(stdout);
  } else {
    fclose(o->stream);
    if (o->temp) unlink(o->temp);
  }
  outfile_free(o);
}

static void on_fatal_signal(int sig) {
  for (int i = 0; i < MAX_OPEN; i++)
    if (temp_used[i]) unlink(temp_paths[i]);
  signal(sig, SIG_DFL);
  raise(sig);
}

void seg_outfile_catch_signals(void) {
  static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
  for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
    struct sigaction old, sa;
    if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN) continue;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_fatal_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t j = 0; j < sizeof sigs / sizeof sigs[0]; j++) sigaddset(&sa.sa_mask, sigs[j]);
    sigaction(sigs[i], &sa, NULL);
  }
}

/* ---------- same-file check ---------- */

typedef struct {
  int exists;
  struct stat st;
  char *canon; /* an output that does not exist yet: the path it would get */
} identity;

static void identify(const char *path, int output, identity *id) {
  memset(id, 0, sizeof *id);
  if (!strcmp(path, "-")) {
    id->exists = fstat(output ? STDOUT_FILENO : STDIN_FILENO, &id->st) == 0;
    return;
  }
  if (stat(path, &id->st) == 0) {
    id->exists = 1;
    return;
  }
  resolution r;
  const char *what;
  if (output && resolve(path, &r, &what) == 0) {
    if (r.kind == SEG_OUTFILE_ATOMIC) {
      id->canon = r.target;
      r.target = NULL;
    }
    resolution_free(&r);
  }
}

static int same_inode(const identity *a, const identity *b) {
  return a->exists && b->exists && a->st.st_dev == b->st.st_dev && a->st.st_ino == b->st.st_ino;
}

static int is_device(const struct stat *st) { return S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode); }

seg_status seg_outfile_check_paths(const char *const *outputs, size_t noutputs,
                                   const char *const *inputs, size_t ninputs, seg_error *err) {
  identity *outs = seg_xcalloc(noutputs + 1, sizeof *outs);
  seg_status rc = SEG_OK;
  for (size_t i = 0; i < noutputs && !rc; i++) {
    if (!outputs[i]) continue;
    identify(outputs[i], 1, &outs[i]);
    for (size_t k = 0; k < i && !rc; k++) {
      if (!outputs[k]) continue;
      int same = !strcmp(outputs[i], "-") && !strcmp(outputs[k], "-");
      if (!same && same_inode(&outs[i], &outs[k])) same = !is_device(&outs[i].st);
      else if (!same) same = outs[i].canon && outs[k].canon && !strcmp(outs[i].canon, outs[k].canon);
      if (same)
        rc = seg_error_set(err, SEG_ERR_CONFIG, outputs[i], 0, 0,
                           "the output is the same file as the output '%s'; nothing was read "
                           "or written", outputs[k]);
    }
    if (!outs[i].exists || !S_ISREG(outs[i].st.st_mode)) continue;
    for (size_t k = 0; k < ninputs && !rc; k++) {
      if (!inputs[k]) continue;
      identity in;
      identify(inputs[k], 0, &in);
      if (same_inode(&outs[i], &in))
        rc = seg_error_set(err, SEG_ERR_CONFIG, outputs[i], 0, 0,
                           "the output is also the input '%s'; nothing was read or written",
                           inputs[k]);
      free(in.canon);
    }
  }
  for (size_t i = 0; i < noutputs; i++) free(outs[i].canon);
  free(outs);
  return rc;
}
