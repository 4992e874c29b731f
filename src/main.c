/* main: the CLI. Options, files, atomic -o, messages and exit statuses; nothing else.
 * Exit status: 0 ok, 1 runtime or input error, 2 usage or configuration error. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pipeline.h"

enum {
  OPT_COLUMNS = 256,
  OPT_HEADER,
  OPT_KEEP_BOILERPLATE,
  OPT_BOILERPLATE,
  OPT_REJECTED,
  OPT_ABBREVIATIONS,
  OPT_SPLIT_QUOTES,
  OPT_RAW_ICU,
  OPT_STRICT,
  OPT_STATS,
  OPT_TARGET,
  OPT_PRESEGMENTED,
  OPT_UNALIGNED,
};

#define MAX_THREADS 64

/* The one option table: getopt, --help and the README/man page follow it. */
static const struct {
  const char *name;
  int val;
  int has_arg;
  const char *arg;
  const char *help;
} options[] = {
    {"glossary", 'g', 1, "FILE", "YAML term glossary (repeatable; files merge in order)"},
    {"columns", OPT_COLUMNS, 1, "LIST", "output columns, comma-separated (default " SEG_DEFAULT_COLUMNS ")"},
    {"header", OPT_HEADER, 0, NULL, "write a first row with the column names"},
    {"output", 'o', 1, "FILE", "write to FILE atomically (temporary file, then rename)"},
    {"keep-boilerplate", OPT_KEEP_BOILERPLATE, 0, NULL, "no cleanup filters (Unicode normalization only)"},
    {"boilerplate", OPT_BOILERPLATE, 1, "FILE", "extra boilerplate lexicon (YAML; repeatable)"},
    {"rejected", OPT_REJECTED, 1, "FILE", "write every dropped line as TSV: doc, line, reason, text"},
    {"abbreviations", OPT_ABBREVIATIONS, 1, "FILE", "abbreviation list replacing the built-in one (YAML)"},
    {"split-quotes", OPT_SPLIT_QUOTES, 0, NULL, "also break inside quotations followed by an attribution"},
    {"raw-icu", OPT_RAW_ICU, 0, NULL, "ICU sentence boundaries only, without Indonesian rules"},
    {"strict", OPT_STRICT, 0, NULL, "invalid UTF-8 is an error (exit 1) instead of a warning"},
    {"stats", OPT_STATS, 0, NULL, "print one summary line on stderr"},
    {"target", OPT_TARGET, 1, "EN_FILE", "align with this English translation (repeatable: one per FILE, in order)"},
    {"presegmented", OPT_PRESEGMENTED, 0, NULL, "with --target: inputs hold one sentence per line (no cleanup/segmentation)"},
    {"unaligned", OPT_UNALIGNED, 0, NULL, "with --target: also write unaligned sentences (other side empty)"},
    {"jobs", 'j', 1, "N", "process paragraph batches on N threads (output identical to -j 1)"},
    {"quiet", 'q', 0, NULL, "no warnings (errors are still printed)"},
    {"help", 'h', 0, NULL, "show this help and exit"},
    {"version", 'V', 0, NULL, "show the version and exit"},
};
#define NOPTIONS (sizeof options / sizeof options[0])

static void usage(FILE *f) {
  fputs("Usage: segment [OPTIONS] [FILE...]\n"
        "Turn Indonesian text into clean sentence-per-row TSV. Each FILE is one document;\n"
        "no FILE or '-' reads standard input.\n\nOptions:\n",
        f);
  for (size_t i = 0; i < NOPTIONS; i++) {
    char left[64];
    if (options[i].val < 256)
      snprintf(left, sizeof left, "-%c, --%s%s%s", options[i].val, options[i].name,
               options[i].arg ? " " : "", options[i].arg ? options[i].arg : "");
    else
      snprintf(left, sizeof left, "    --%s%s%s", options[i].name, options[i].arg ? " " : "",
               options[i].arg ? options[i].arg : "");
    fprintf(f, "  %-26s %s\n", left, options[i].help);
  }
  fputs("\nColumns:\n", f);
  for (int c = 0; c < SEG_COL_COUNT; c++)
    if (seg_columns_info[c].bilingual != 1)
      fprintf(f, "  %-8s %s\n", seg_columns_info[c].name, seg_columns_info[c].help);
  fputs("\nColumns with --target (default " SEG_DEFAULT_PAIR_COLUMNS "):\n", f);
  for (int c = 0; c < SEG_COL_COUNT; c++)
    if (seg_columns_info[c].bilingual != 0)
      fprintf(f, "  %-8s %s\n", seg_columns_info[c].name, seg_columns_info[c].help);
  fputs("\nExit status: 0 success, 1 runtime or input error, 2 usage or configuration error.\n",
        f);
}

/* ---------- diagnostics ---------- */

static int quiet;

static void print_error(const seg_error *e) {
  if (e->file[0] && e->line)
    fprintf(stderr, "segment: %s:%zu:%zu: %s\n", e->file, e->line, e->col ? e->col : 1, e->msg);
  else if (e->file[0])
    fprintf(stderr, "segment: %s: %s\n", e->file, e->msg);
  else
    fprintf(stderr, "segment: %s\n", e->msg);
}

static void on_warn(void *ctx, const char *doc, size_t line, size_t col, const char *msg) {
  (void)ctx;
  if (quiet) return;
  if (line)
    fprintf(stderr, "segment: %s:%zu:%zu: %s\n", doc, line, col, msg);
  else
    fprintf(stderr, "segment: %s: %s\n", doc, msg);
}

static int usage_error(const char *fmt, const char *arg) {
  fputs("segment: ", stderr);
  fprintf(stderr, fmt, arg);
  fputs("\nTry 'segment --help' for more information.\n", stderr);
  return 2;
}

/* ---------- atomic output ---------- */

static volatile sig_atomic_t have_tmp;
static char tmp_path[4096];

static void on_signal(int sig) {
  if (have_tmp) unlink(tmp_path);
  signal(sig, SIG_DFL);
  raise(sig);
}

static FILE *open_atomic(const char *target) {
  const char *slash = strrchr(target, '/');
  int n = slash ? snprintf(tmp_path, sizeof tmp_path, "%.*s/.%s.XXXXXX", (int)(slash - target),
                           target, slash + 1)
                : snprintf(tmp_path, sizeof tmp_path, ".%s.XXXXXX", target);
  if (n < 0 || (size_t)n >= sizeof tmp_path) {
    errno = ENAMETOOLONG;
    return NULL;
  }
  int fd = mkstemp(tmp_path);
  if (fd < 0) return NULL;
  have_tmp = 1;
  mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, 0666 & ~mask);
  FILE *f = fdopen(fd, "wb");
  if (!f) {
    close(fd);
    unlink(tmp_path);
    have_tmp = 0;
  }
  return f;
}

static void discard_atomic(FILE *f) {
  if (f) fclose(f);
  if (have_tmp) unlink(tmp_path);
  have_tmp = 0;
}

static int commit_atomic(FILE *f, const char *target) {
  int bad = fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0;
  int saved = errno;
  if (fclose(f) != 0 && !bad) {
    bad = 1;
    saved = errno;
  }
  if (!bad && rename(tmp_path, target) != 0) {
    bad = 1;
    saved = errno;
  }
  if (bad) {
    unlink(tmp_path);
    errno = saved;
  }
  have_tmp = 0;
  return bad ? -1 : 0;
}

static int file_write(void *ctx, const char *bytes, size_t len) {
  FILE *f = ctx;
  if (fwrite(bytes, 1, len, f) != len) return -1;
  return 0;
}

/* ---------- main ---------- */

static int cli(int argc, char **argv, const char **glossaries, const char **lexicons,
               const char **targets);

int main(int argc, char **argv) {
  /* option lists hold at most argc entries; owned here so every exit path frees them */
  const char **glossaries = calloc((size_t)argc + 1, sizeof *glossaries);
  const char **lexicons = calloc((size_t)argc + 1, sizeof *lexicons);
  const char **targets = calloc((size_t)argc + 1, sizeof *targets);
  if (!glossaries || !lexicons || !targets) {
    fputs("segment: out of memory\n", stderr);
    return 1;
  }
  int status = cli(argc, argv, glossaries, lexicons, targets);
  free(glossaries);
  free(lexicons);
  free(targets);
  return status;
}

static int cli(int argc, char **argv, const char **glossaries, const char **lexicons,
               const char **targets) {
  struct option longopts[NOPTIONS + 1];
  char shortopts[64] = ":";
  size_t sp = 1;
  for (size_t i = 0; i < NOPTIONS; i++) {
    longopts[i] = (struct option){options[i].name, options[i].has_arg ? required_argument : no_argument,
                                  NULL, options[i].val};
    if (options[i].val < 256) {
      shortopts[sp++] = (char)options[i].val;
      if (options[i].has_arg) shortopts[sp++] = ':';
    }
  }
  shortopts[sp] = '\0';
  memset(&longopts[NOPTIONS], 0, sizeof longopts[NOPTIONS]);

  size_t nglossaries = 0, nlexicons = 0, ntargets = 0;
  int presegmented = 0, unaligned = 0;
  const char *columns = NULL, *output = NULL, *rejected = NULL, *abbrev = NULL;
  int threads = 1;
  int header = 0, keep = 0, split_quotes = 0, raw_icu = 0, strict = 0, stats = 0;
  opterr = 0;
  int c;
  while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
    switch (c) {
    case 'g': glossaries[nglossaries++] = optarg; break;
    case OPT_COLUMNS: columns = optarg; break;
    case OPT_HEADER: header = 1; break;
    case 'o': output = optarg; break;
    case OPT_KEEP_BOILERPLATE: keep = 1; break;
    case OPT_BOILERPLATE: lexicons[nlexicons++] = optarg; break;
    case OPT_REJECTED: rejected = optarg; break;
    case OPT_ABBREVIATIONS: abbrev = optarg; break;
    case OPT_SPLIT_QUOTES: split_quotes = 1; break;
    case OPT_RAW_ICU: raw_icu = 1; break;
    case OPT_STRICT: strict = 1; break;
    case OPT_STATS: stats = 1; break;
    case OPT_TARGET: targets[ntargets++] = optarg; break;
    case OPT_PRESEGMENTED: presegmented = 1; break;
    case OPT_UNALIGNED: unaligned = 1; break;
    case 'q': quiet = 1; break;
    case 'j': {
      char *end;
      long v = strtol(optarg, &end, 10);
      if (*end || v < 1 || v > MAX_THREADS)
        return usage_error("-j needs a number of threads from 1 to 64, not '%s'", optarg);
      threads = (int)v;
      break;
    }
    case 'h':
      usage(stdout);
      return fflush(stdout) || ferror(stdout) ? 1 : 0;
    case 'V':
      printf("segment %s\n", SEGMENT_VERSION);
      return fflush(stdout) || ferror(stdout) ? 1 : 0;
    case ':': {
      const char *opt = argv[optind - 1];
      return usage_error("option '%s' needs an argument", opt);
    }
    default: {
      const char *opt = argv[optind - 1];
      return usage_error("unknown option '%s'", opt);
    }
    }
  }

  seg_error err = {0};
  seg_config cfg = {0};
  int bilingual = ntargets > 0;
  if (!columns) columns = bilingual ? SEG_DEFAULT_PAIR_COLUMNS : SEG_DEFAULT_COLUMNS;
  if (seg_columns_parse(columns, bilingual, &cfg.columns, &err)) {
    print_error(&err);
    return 2;
  }
  int nfiles = argc - optind;
  if (bilingual && (size_t)nfiles != ntargets) {
    fprintf(stderr, "segment: %zu --target file(s) need as many Indonesian FILEs, got %d\n"
            "Try 'segment --help' for more information.\n", ntargets, nfiles);
    return 2;
  }
  if (!bilingual && (presegmented || unaligned))
    return usage_error("%s needs --target", presegmented ? "--presegmented" : "--unaligned");
  cfg.presegmented = presegmented;
  cfg.threads = threads;
  cfg.split_quotes = split_quotes;
  cfg.raw_icu = raw_icu;
  cfg.strict = strict;
  cfg.rejected = rejected != NULL;
  cfg.max_warnings = quiet ? 0 : 10;

  seg_resources res;
  if (seg_resources_load(&res, keep, lexicons, abbrev, glossaries, &err)) {
    print_error(&err);
    return seg_status_exit(err.code);
  }
  if (bilingual && seg_resources_load_bilingual(&res, &err)) {
    print_error(&err);
    seg_resources_free(&res);
    return seg_status_exit(err.code);
  }
  seg_pipeline *pl = seg_pipeline_new(&res, &cfg, &err), *pl_en = NULL;
  seg_resources res_en = {res.lexicon, res.abbrevs_en, res.no_glossary, NULL, NULL, NULL};
  if (pl && bilingual) {
    seg_config cfg_en = cfg;
    cfg_en.locale = "en";
    pl_en = seg_pipeline_new(&res_en, &cfg_en, &err);
  }
  if (!pl || (bilingual && !pl_en)) {
    print_error(&err);
    seg_pipeline_free(pl);
    seg_resources_free(&res);
    return seg_status_exit(err.code);
  }
  seg_pipeline_set_warn(pl, on_warn, NULL);

  signal(SIGINT, on_signal);
  signal(SIGTERM, on_signal);
  signal(SIGHUP, on_signal);
  signal(SIGPIPE, SIG_IGN); /* a closed pipe is a write error, reported with exit 1 */

  int status = 0;
  FILE *out = stdout, *rej = NULL;
  if (output && !(out = open_atomic(output))) {
    fprintf(stderr, "segment: %s: cannot create a temporary file: %s\n", output, strerror(errno));
    status = 1;
    goto done;
  }
  if (rejected && !(rej = fopen(rejected, "wb"))) {
    fprintf(stderr, "segment: %s: cannot open: %s\n", rejected, strerror(errno));
    status = 1;
    goto done;
  }
  seg_sink out_sink = {file_write, out}, rej_sink = {file_write, rej};
  if (header) {
    seg_buf h = {0};
    seg_tsv_header(&h, &cfg.columns);
    file_write(out, h.data, h.len);
    seg_buf_free(&h);
  }
  for (int i = 0; bilingual && i < nfiles && !status; i++) {
    const char *name = argv[optind + i], *tname = targets[i];
    FILE *in = strcmp(name, "-") ? fopen(name, "rb") : stdin;
    FILE *tin = in ? fopen(tname, "rb") : NULL;
    if (!in || !tin) {
      fprintf(stderr, "segment: %s: cannot open: %s\n", in ? tname : name, strerror(errno));
      if (in && in != stdin) fclose(in);
      status = 1;
      break;
    }
    seg_reader *rd = seg_reader_open_file(in, name), *trd = seg_reader_open_file(tin, tname);
    memset(&err, 0, sizeof err);
    if (seg_align_documents(pl, pl_en, res.dict, rd, name, trd, tname, &cfg.columns, unaligned,
                            &out_sink, &err)) {
      print_error(&err);
      status = seg_status_exit(err.code);
    }
    seg_reader_free(rd);
    seg_reader_free(trd);
    if (in != stdin) fclose(in);
    fclose(tin);
  }
  for (int i = 0; !bilingual && i < (nfiles ? nfiles : 1) && !status; i++) {
    const char *name = nfiles ? argv[optind + i] : "-";
    FILE *in = strcmp(name, "-") ? fopen(name, "rb") : stdin;
    if (!in) {
      fprintf(stderr, "segment: %s: cannot open: %s\n", name, strerror(errno));
      status = 1;
      break;
    }
    seg_reader *rd = seg_reader_open_file(in, name);
    memset(&err, 0, sizeof err);
    if (seg_pipeline_run(pl, rd, name, &out_sink, rej ? &rej_sink : NULL, &err)) {
      print_error(&err);
      status = seg_status_exit(err.code);
    }
    seg_reader_free(rd);
    if (in != stdin) fclose(in);
  }
  if (stats) {
    seg_stats st;
    seg_pipeline_stats(pl, &st);
    fprintf(stderr,
            "segment: stats: documents=%zu paragraphs=%zu sentences=%zu dropped=%zu joined=%zu "
            "normalized=%zu replacements=%zu invalid_bytes=%zu",
            st.documents, st.clean.paragraphs, st.sentences, st.clean.dropped, st.clean.joined,
            st.clean.normalized, st.replacements, st.clean.invalid_bytes);
    for (size_t i = 0; i < st.clean.nreasons; i++)
      fprintf(stderr, "%s%s=%zu", i ? " " : " (", st.clean.reasons[i].reason,
              st.clean.reasons[i].count);
    fputs(st.clean.nreasons ? ")\n" : "\n", stderr);
  }
  if (rej && (fflush(rej) || ferror(rej)) && !status) {
    fprintf(stderr, "segment: %s: write error: %s\n", rejected, strerror(errno));
    status = 1;
  }
done:
  if (rej) fclose(rej);
  if (output && out) {
    if (status) {
      discard_atomic(out);
    } else if (commit_atomic(out, output)) {
      fprintf(stderr, "segment: %s: write error: %s\n", output, strerror(errno));
      status = 1;
    }
  } else if (!status && (fflush(stdout) || ferror(stdout))) {
    fprintf(stderr, "segment: -: write error: %s\n", strerror(errno));
    status = 1;
  }
  seg_pipeline_free(pl);
  seg_pipeline_free(pl_en);
  seg_resources_free(&res);
  return status;
}
