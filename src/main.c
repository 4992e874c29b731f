/* main: the CLI. Options, files, atomic -o, messages and exit statuses; nothing else.
 * Exit status: 0 ok, 1 runtime or input error, 2 usage or configuration error. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "jsonl.h"
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
  OPT_ICU_FULL,
  OPT_STRICT,
  OPT_STATS,
  OPT_TARGET,
  OPT_PRESEGMENTED,
  OPT_UNALIGNED,
  OPT_INPUT_FORMAT,
  OPT_OUTPUT_FORMAT,
  OPT_ID_KEY,
  OPT_TEXT_KEY,
  OPT_TARGET_KEY,
  OPT_MAN,
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
    {"split-quotes", OPT_SPLIT_QUOTES, 0, NULL, "also break inside quotations (default: a closed quotation of a few sentences stays one unit)"},
    {"raw-icu", OPT_RAW_ICU, 0, NULL, "ICU sentence boundaries only, without Indonesian rules"},
    {"icu-full", OPT_ICU_FULL, 0, NULL, "ICU reads whole paragraphs, not only windows around terminators (same output, slower; for checking)"},
    {"strict", OPT_STRICT, 0, NULL, "invalid UTF-8 is an error (exit 1) instead of a warning"},
    {"stats", OPT_STATS, 0, NULL, "print one summary line on stderr"},
    {"target", OPT_TARGET, 1, "EN_FILE", "align with this English translation (repeatable: one per FILE, in order)"},
    {"presegmented", OPT_PRESEGMENTED, 0, NULL, "with --target: inputs hold one sentence per line (no cleanup/segmentation)"},
    {"unaligned", OPT_UNALIGNED, 0, NULL, "with --target: also write unaligned sentences (other side empty)"},
    {"input-format", OPT_INPUT_FORMAT, 1, "FMT", "text (default: each FILE one document) or jsonl (one JSON document per line)"},
    {"id-key", OPT_ID_KEY, 1, "KEY", "jsonl: key of the document id, the doc column (default id)"},
    {"text-key", OPT_TEXT_KEY, 1, "KEY", "jsonl: key of the document text (default text)"},
    {"target-key", OPT_TARGET_KEY, 1, "KEY", "jsonl: key of the English text; aligns each document with it"},
    {"output-format", OPT_OUTPUT_FORMAT, 1, "FMT", "tsv (default) or jsonl (one JSON object per row, lossless text)"},
    {"jobs", 'j', 1, "N", "process paragraph batches on N threads (output identical to -j 1)"},
    {"quiet", 'q', 0, NULL, "no warnings (errors are still printed)"},
    {"help", 'h', 0, NULL, "show this help and exit"},
    {"version", 'V', 0, NULL, "show the version and exit"},
    {"man", OPT_MAN, 0, NULL, NULL}, /* hidden: prints the man page (built from this table) */
};
#define NOPTIONS (sizeof options / sizeof options[0])

static void usage(FILE *f) {
  fputs("Usage: segment [OPTIONS] [FILE...]\n"
        "Turn Indonesian text into clean sentence-per-row TSV. Each FILE is one document;\n"
        "no FILE or '-' reads standard input.\n\nOptions:\n",
        f);
  for (size_t i = 0; i < NOPTIONS; i++) {
    if (!options[i].help) continue;
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

/* ---------- progress (stderr, only when it is a terminal) ---------- */

typedef struct {
  int on;
  seg_pipeline *pipeline;
  double t0, last;
  size_t done_bytes, doc_bytes_seen;
} progress_state;

static progress_state progress;

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void progress_print(progress_state *ps, size_t bytes) {
  seg_stats st;
  seg_pipeline_stats(ps->pipeline, &st);
  double el = now() - ps->t0;
  fprintf(stderr, "\rsegment: %.1f MB, %zu documents, %zu sentences, %.1f MB/s   ",
          (double)bytes / 1e6, st.documents, st.sentences, el > 0 ? (double)bytes / 1e6 / el : 0);
}

static void progress_tick(progress_state *ps, size_t bytes) {
  ps->done_bytes += bytes;
  if (!ps->on) return;
  double t = now();
  if (t - ps->last < 0.5) return;
  ps->last = t;
  progress_print(ps, ps->done_bytes);
}

/* Called by the pipeline inside a long document with the bytes read so far in it. */
static void on_progress(void *ctx, size_t doc_bytes) {
  progress_state *ps = ctx;
  if (!ps->on) return;
  double t = now();
  if (t - ps->last < 0.5) return;
  ps->last = t;
  progress_print(ps, ps->done_bytes + doc_bytes);
}

static void progress_end(progress_state *ps) {
  if (ps->on) { /* a final line on terminals, however short the run */
    progress_print(ps, ps->done_bytes);
    fputc('\n', stderr);
  }
}

/* ---------- man page, from the same tables as --help ---------- */

static void man_escape(FILE *f, const char *s) {
  for (; *s; s++) {
    if (*s == '-' || *s == '\\') fputc('\\', f);
    fputc(*s, f);
  }
}

static void print_man(FILE *f) {
  fputs(".TH SEGMENT 1 \"2026\" \"segment " SEGMENT_VERSION "\" \"User Commands\"\n"
        ".SH NAME\nsegment \\- Indonesian text to clean sentence\\-per\\-row TSV for machine translation\n"
        ".SH SYNOPSIS\n.B segment\n[\\fIOPTIONS\\fR] [\\fIFILE\\fR...]\n"
        ".br\n.B segment\n[\\fIOPTIONS\\fR] \\fB\\-\\-target\\fR \\fIEN_FILE\\fR \\fIID_FILE\\fR\n"
        ".SH DESCRIPTION\nReads UTF\\-8 text (each FILE one document; no FILE or \\fB\\-\\fR reads standard "
        "input), drops web boilerplate, repairs broken paragraphs and Unicode, splits paragraphs into "
        "sentences with ICU's sentence break iterator taught Indonesian abbreviations, normalizes "
        "terms with a YAML glossary and writes one row per sentence. Given the English translation "
        "of a document, writes sentence\\-aligned Indonesian\\-English pairs instead.\n"
        ".SH OPTIONS\n", f);
  for (size_t i = 0; i < NOPTIONS; i++) {
    if (!options[i].help) continue;
    fputs(".TP\n", f);
    if (options[i].val < 256) fprintf(f, "\\fB\\-%c\\fR, ", options[i].val);
    fputs("\\fB\\-\\-", f);
    man_escape(f, options[i].name);
    fputs("\\fR", f);
    if (options[i].arg) fprintf(f, " \\fI%s\\fR", options[i].arg);
    fputc('\n', f);
    man_escape(f, options[i].help);
    fputc('\n', f);
  }
  fputs(".SH COLUMNS\nDefault \\fB" SEG_DEFAULT_COLUMNS "\\fR; with \\fB\\-\\-target\\fR, \\fB"
        SEG_DEFAULT_PAIR_COLUMNS "\\fR. Fields never contain TAB, CR or LF.\n", f);
  for (int c = 0; c < SEG_COL_COUNT; c++) {
    fprintf(f, ".TP\n.B %s\n", seg_columns_info[c].name);
    man_escape(f, seg_columns_info[c].help);
    fputc('\n', f);
  }
  fputs(".SH GLOSSARY FORMAT\n.nf\n"
        "language: id              # optional\n"
        "target_language: en       # optional\n"
        "case_sensitive: true      # optional default for all terms\n"
        "terms:\n"
        "  \\- canonical: Amerika Serikat      # required: the form written to text\n"
        "    variants: [AS, A.S., Amrik]     # required list (may be empty)\n"
        "    target: United States           # optional translation\n"
        "    case_sensitive: true            # optional per\\-term override\n"
        ".fi\nVariants become the canonical form at word boundaries, longest match first, never "
        "inside URLs, e\\-mail addresses or @handles. Unknown keys, wrong types, empty strings and a "
        "variant claimed by two canonicals are errors that name the file, line and column.\n"
        ".SH EXIT STATUS\n.TP\n0\nsuccess\n.TP\n1\nruntime or input error (unreadable input, write "
        "failure, invalid UTF\\-8 under \\fB\\-\\-strict\\fR)\n.TP\n2\nusage or configuration error "
        "(unknown option, bad column, bad glossary or lexicon)\n"
        ".SH EXAMPLES\n.nf\n"
        "segment \\-\\-glossary /usr/share/segment/id\\-en.yaml \\-o news.tsv news.txt\n"
        "segment \\-\\-columns doc,sent,text \\-\\-rejected dropped.tsv *.txt > corpus.tsv\n"
        "segment \\-\\-target berita.en.txt berita.id.txt > pairs.tsv\n"
        "segment \\-\\-input\\-format jsonl \\-j 2 < corpus.jsonl > corpus.tsv\n"
        "parallel \\-\\-pipe \\-k \\-N 1000 segment \\-\\-input\\-format jsonl < corpus.jsonl > corpus.tsv\n"
        ".fi\n.SH FILES\n/usr/share/segment/ \\- the language data built into the binary "
        "(glossary, abbreviation lists, boilerplate lexicon), to copy and extend.\n", f);
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
  int presegmented = 0, unaligned = 0, jsonl_in = 0, man = 0;
  seg_outfmt outfmt = SEG_OUT_TSV;
  seg_jsonl_keys keys = {"id", "text", NULL};
  const char *columns = NULL, *output = NULL, *rejected = NULL, *abbrev = NULL;
  int threads = 1;
  int header = 0, keep = 0, split_quotes = 0, raw_icu = 0, icu_full = 0, strict = 0, stats = 0;
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
    case OPT_ICU_FULL: icu_full = 1; break;
    case OPT_STRICT: strict = 1; break;
    case OPT_STATS: stats = 1; break;
    case OPT_TARGET: targets[ntargets++] = optarg; break;
    case OPT_PRESEGMENTED: presegmented = 1; break;
    case OPT_UNALIGNED: unaligned = 1; break;
    case OPT_INPUT_FORMAT:
      if (!strcmp(optarg, "jsonl")) jsonl_in = 1;
      else if (strcmp(optarg, "text")) return usage_error("--input-format is text or jsonl, not '%s'", optarg);
      break;
    case OPT_OUTPUT_FORMAT:
      if (!strcmp(optarg, "jsonl")) outfmt = SEG_OUT_JSONL;
      else if (strcmp(optarg, "tsv")) return usage_error("--output-format is tsv or jsonl, not '%s'", optarg);
      break;
    case OPT_ID_KEY: keys.id_key = optarg; break;
    case OPT_TEXT_KEY: keys.text_key = optarg; break;
    case OPT_TARGET_KEY: keys.target_key = optarg; break;
    case OPT_MAN: man = 1; break;
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

  if (man) {
    print_man(stdout);
    return fflush(stdout) || ferror(stdout) ? 1 : 0;
  }
  seg_error err = {0};
  seg_config cfg = {0};
  if (keys.target_key && !jsonl_in) return usage_error("%s needs --input-format jsonl", "--target-key");
  if (keys.target_key && ntargets) return usage_error("%s", "--target and --target-key exclude each other");
  int bilingual = ntargets > 0 || keys.target_key;
  if (!columns) columns = bilingual ? SEG_DEFAULT_PAIR_COLUMNS : SEG_DEFAULT_COLUMNS;
  if (seg_columns_parse(columns, bilingual, &cfg.columns, &err)) {
    print_error(&err);
    return 2;
  }
  int nfiles = argc - optind;
  if (ntargets && (size_t)nfiles != ntargets) {
    fprintf(stderr, "segment: %zu --target file(s) need as many Indonesian FILEs, got %d\n"
            "Try 'segment --help' for more information.\n", ntargets, nfiles);
    return 2;
  }
  if (!bilingual && (presegmented || unaligned))
    return usage_error("%s needs --target", presegmented ? "--presegmented" : "--unaligned");
  cfg.presegmented = presegmented;
  cfg.outfmt = outfmt;
  cfg.threads = threads;
  cfg.split_quotes = split_quotes;
  cfg.raw_icu = raw_icu;
  cfg.icu_full = icu_full;
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
#ifdef __GLIBC__
  malloc_trim(0); /* loading parsed whole YAML trees: give that memory back before the run */
#endif
  seg_pipeline *pl = seg_pipeline_new(&res, &cfg, &err), *pl_en = NULL;
  seg_resources res_en = {res.lexicon, res.abbrevs_en, res.no_glossary, NULL, NULL, NULL, NULL};
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
  progress.on = isatty(2) && !quiet;
  progress.pipeline = pl;
  progress.t0 = progress.last = now();
  seg_pipeline_set_progress(pl, on_progress, &progress);

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
  seg_sink out_sink = {file_write, out, output ? output : "-"};
  seg_sink rej_sink = {file_write, rej, rejected};
  if (header && outfmt == SEG_OUT_TSV) {
    seg_buf h = {0};
    seg_tsv_header(&h, &cfg.columns);
    file_write(out, h.data, h.len);
    seg_buf_free(&h);
  }
  for (int i = 0; ntargets && i < nfiles && !status; i++) {
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
  for (int i = 0; !ntargets && i < (nfiles ? nfiles : 1) && !status; i++) {
    const char *name = nfiles ? argv[optind + i] : "-";
    FILE *in = strcmp(name, "-") ? fopen(name, "rb") : stdin;
    if (!in) {
      fprintf(stderr, "segment: %s: cannot open: %s\n", name, strerror(errno));
      status = 1;
      break;
    }
    seg_reader *rd = seg_reader_open_file(in, name);
    memset(&err, 0, sizeof err);
    if (!jsonl_in) {
      if (seg_pipeline_run(pl, rd, name, &out_sink, rej ? &rej_sink : NULL, &err)) {
        print_error(&err);
        status = seg_status_exit(err.code);
      }
      progress.done_bytes += seg_reader_bytes(rd);
    } else {
      seg_jsonl_doc jd = {0};
      int rc;
      while (!status && (rc = seg_jsonl_next(rd, name, &keys, &jd, &err)) != 0) {
        if (rc == SEG_ERR_INPUT && !strict) { /* a bad line is reported and skipped */
          if (!quiet) {
            char msg[600];
            snprintf(msg, sizeof msg, "warning: %s; line skipped", err.msg);
            on_warn(NULL, name, err.line, err.col, msg);
          }
          memset(&err, 0, sizeof err);
          continue;
        }
        if (rc < 0) {
          print_error(&err);
          status = seg_status_exit(err.code);
          break;
        }
        const char *doc = jd.id.data ? jd.id.data : "";
        seg_reader *mrd = seg_reader_open_mem(jd.text.data ? jd.text.data : "", jd.text.len, doc);
        seg_status st;
        if (keys.target_key) {
          seg_reader *trd = seg_reader_open_mem(jd.target.data ? jd.target.data : "", jd.target.len, doc);
          st = seg_align_documents(pl, pl_en, res.dict, mrd, doc, trd, doc, &cfg.columns, unaligned,
                                   &out_sink, &err);
          seg_reader_free(trd);
        } else {
          st = seg_pipeline_run(pl, mrd, doc, &out_sink, rej ? &rej_sink : NULL, &err);
        }
        seg_reader_free(mrd);
        if (st) {
          if (err.line && !strcmp(err.file, doc)) /* positions inside a document: name the line */
            snprintf(err.file, sizeof err.file, "%s:%zu: document %s", name, jd.lineno, doc);
          print_error(&err);
          status = seg_status_exit(err.code);
        }
        progress_tick(&progress, seg_reader_bytes(rd) - progress.doc_bytes_seen);
        progress.doc_bytes_seen = seg_reader_bytes(rd);
      }
      progress.doc_bytes_seen = 0;
      seg_jsonl_doc_free(&jd);
    }
    seg_reader_free(rd);
    if (in != stdin) fclose(in);
  }
  progress_end(&progress);
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
