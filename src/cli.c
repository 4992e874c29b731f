/* cli: see cli.h. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include "bundled.h"
#include "decode.h"
#include "outfile.h"

#include <getopt.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
  OPT_DOC_ID,
  OPT_ENCODING,
  OPT_FILTERS,
  OPT_NO_FILTERS,
  OPT_ANNOTATE_TERMS,
  OPT_TERM_TAGS,
  OPT_REQUIRE_TERMS,
  OPT_NORMALIZE_TARGET,
  OPT_DUMP_GLOSSARY,
};

#define MAX_JOBS 64

/* The one option table: getopt, --help and the man page follow it. */
static const struct {
  const char *name;
  int val;
  int has_arg;
  const char *arg;
  const char *help;
} options[] = {
    {"glossary", 'g', 1, "FILE", "YAML term glossary, or a bundled one by NAME (repeatable; merged in order)"},
    {"columns", OPT_COLUMNS, 1, "LIST", "output columns, comma-separated (default " SEG_DEFAULT_COLUMNS ")"},
    {"annotate-terms", OPT_ANNOTATE_TERMS, 1, "MODE", "append: each matched term's target inline after it; replace: the target instead of the term (text, src; factors column)"},
    {"term-tags", OPT_TERM_TAGS, 1, "TAGS", "the four tags around an annotated term and its target (default <t>,</t>,<tt>,</tt>; none: no tags)"},
    {"require-terms", OPT_REQUIRE_TERMS, 0, NULL, "reject a pair whose English side lacks a matched term's target (term-missing)"},
    {"normalize-target", OPT_NORMALIZE_TARGET, 0, NULL, "pairs: rewrite the English side's target variants to their targets (UN -> United Nations)"},
    {"dump-glossary", OPT_DUMP_GLOSSARY, 0, NULL, "write the merged glossary (YAML and TBX files) as YAML on stdout and exit"},
    {"header", OPT_HEADER, 0, NULL, "write a first row with the column names"},
    {"output", 'o', 1, "FILE", "write to FILE, replaced atomically on success (a FIFO or device: in place; - is stdout)"},
    {"keep-boilerplate", OPT_KEEP_BOILERPLATE, 0, NULL, "no cleanup filters (Unicode normalization only)"},
    {"boilerplate", OPT_BOILERPLATE, 1, "FILE", "extra boilerplate lexicon (YAML; repeatable)"},
    {"rejected", OPT_REJECTED, 1, "FILE", "write every dropped line: doc, line, reason, orig (written like -o)"},
    {"abbreviations", OPT_ABBREVIATIONS, 1, "FILE", "abbreviation list replacing the built-in one (YAML)"},
    {"split-quotes", OPT_SPLIT_QUOTES, 0, NULL, "also break inside quotations (default: a closed quotation of a few sentences stays one unit)"},
    {"raw-icu", OPT_RAW_ICU, 0, NULL, "ICU sentence boundaries only, without Indonesian rules"},
    {"icu-full", OPT_ICU_FULL, 0, NULL, "ICU reads whole paragraphs, not only windows around terminators (same output, slower; for checking)"},
    {"encoding", OPT_ENCODING, 1, "NAME", "inputs are in encoding NAME (an ICU converter name: windows-1252, iso-8859-1, UTF-16LE, ...), not UTF-8; gzip, zstd, xz and UTF-16/32 with a BOM are recognized without it"},
    {"filters", OPT_FILTERS, 1, "FILE", "filter rules and thresholds (YAML, overrides glossary/filters.yaml key by key)"},
    {"no-filters", OPT_NO_FILTERS, 0, NULL, "no sentence or pair rules, no deduplication of pairs"},
    {"strict", OPT_STRICT, 0, NULL, "invalid UTF-8 is an error (exit 1) instead of a warning"},
    {"stats", OPT_STATS, 0, NULL, "print one summary line on stderr"},
    {"target", OPT_TARGET, 1, "EN_FILE", "align with this English translation (repeatable: one per FILE, in order)"},
    {"presegmented", OPT_PRESEGMENTED, 0, NULL, "with --target: inputs hold one sentence per line (no cleanup/segmentation)"},
    {"unaligned", OPT_UNALIGNED, 0, NULL, "with --target: also write unaligned sentences (other side empty)"},
    {"input-format", OPT_INPUT_FORMAT, 1, "FMT", "text (default: each FILE one document), jsonl (one JSON document per line) or pairs (src<TAB>tgt per line; with --target, line-parallel files)"},
    {"id-key", OPT_ID_KEY, 1, "KEY", "jsonl: key of the document id, the doc column (default id)"},
    {"text-key", OPT_TEXT_KEY, 1, "KEY", "jsonl: key of the document text (default text)"},
    {"target-key", OPT_TARGET_KEY, 1, "KEY", "jsonl: key of the English text; aligns each document with it"},
    {"doc-id", OPT_DOC_ID, 1, "NAME", "the doc column of standard input's document (default -)"},
    {"output-format", OPT_OUTPUT_FORMAT, 1, "FMT", "tsv (default) or jsonl (one JSON object per row, lossless text)"},
    {"jobs", 'j', 1, "N", "process paragraph batches on N threads (output identical to -j 1)"},
    {"quiet", 'q', 0, NULL, "no warnings (errors are still printed)"},
    {"help", 'h', 0, NULL, "show this help and exit"},
    {"version", 'V', 0, NULL, "show the version and exit"},
    {"man", OPT_MAN, 0, NULL, "print the man page (roff) and exit"},
};
#define NOPTIONS (sizeof options / sizeof options[0])

int cli_usage_error(const char *fmt, const char *arg) {
  fputs("segment: ", stderr);
  fprintf(stderr, fmt, arg);
  fputs("\nTry 'segment --help' for more information.\n", stderr);
  return 2;
}

static void option_left(char *left, size_t n, size_t i) {
  const char *arg = options[i].arg ? options[i].arg : "";
  const char *sep = options[i].arg ? " " : "";
  if (options[i].val < 256)
    snprintf(left, n, "-%c, --%s%s%s", options[i].val, options[i].name, sep, arg);
  else
    snprintf(left, n, "    --%s%s%s", options[i].name, sep, arg);
}

static void list_columns(FILE *f, seg_row_kind rows) {
  const char *help, *name;
  for (size_t i = 0; (name = seg_column(rows, i, &help)); i++) fprintf(f, "  %-8s %s\n", name, help);
}

static void usage(FILE *f) {
  fputs("Usage: segment [OPTIONS] [FILE...]\n"
        "Turn Indonesian text into clean sentence-per-row TSV. Each FILE is one document;\n"
        "no FILE or '-' reads standard input.\n\nOptions:\n",
        f);
  for (size_t i = 0; i < NOPTIONS; i++) {
    char left[64];
    option_left(left, sizeof left, i);
    fprintf(f, "  %-26s %s\n", left, options[i].help);
  }
  fputs("\nBundled glossaries (--glossary NAME, from any directory):\n", f);
  for (size_t i = 0; i < seg_bundled_count(); i++)
    fprintf(f, "  %-8s %s\n", seg_bundled_get(i)->name, seg_bundled_get(i)->help);
  fputs("\nColumns:\n", f);
  list_columns(f, SEG_ROWS_SENTENCE);
  fputs("\nColumns with --target (default " SEG_DEFAULT_PAIR_COLUMNS "):\n", f);
  list_columns(f, SEG_ROWS_PAIR);
  fputs("\nExit status: 0 success, 1 runtime or input error, 2 usage or configuration error.\n",
        f);
}

static void man_escape(FILE *f, const char *s) {
  for (; *s; s++) {
    if (*s == '-' || *s == '\\') fputc('\\', f);
    fputc(*s, f);
  }
}

static void man_options(FILE *f) {
  for (size_t i = 0; i < NOPTIONS; i++) {
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
}

static void man_columns(FILE *f) {
  const char *help, *name;
  for (size_t i = 0; (name = seg_column(SEG_ROWS_SENTENCE | SEG_ROWS_PAIR | SEG_ROWS_REJECT, i, &help)); i++) {
    fprintf(f, ".TP\n.B %s\n", name);
    man_escape(f, help);
    fputc('\n', f);
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
  man_options(f);
  fputs(".SH COLUMNS\nDefault \\fB" SEG_DEFAULT_COLUMNS "\\fR; with \\fB\\-\\-target\\fR, \\fB"
        SEG_DEFAULT_PAIR_COLUMNS "\\fR; \\fB\\-\\-rejected\\fR rows: \\fB" SEG_REJECT_COLUMNS
        "\\fR. Fields never contain TAB, CR or LF.\n", f);
  man_columns(f);
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
        ".SH INPUT\nUTF\\-8, or gzip, zstd or xz (recognized by their first bytes), or UTF\\-16/UTF\\-32 "
        "with a BOM, or any ICU encoding with \\fB\\-\\-encoding\\fR; offsets count bytes of the decoded "
        "UTF\\-8 text.\n"
        ".SH OUTPUT\nA regular file (or a symlink to one) named by \\fB\\-o\\fR or \\fB\\-\\-rejected\\fR "
        "is replaced atomically when the run succeeds, keeping its mode; a FIFO or device is written "
        "in place; \\fB\\-\\fR is standard output. An output that is also an input is a usage error.\n"
        ".SH EXAMPLES\n.nf\n"
        "segment \\-\\-glossary id\\-en \\-o news.tsv news.txt\n"
        "segment \\-\\-columns doc,sent,text \\-\\-rejected dropped.tsv *.txt > corpus.tsv\n"
        "segment \\-\\-target berita.en.txt berita.id.txt > pairs.tsv\n"
        "segment \\-\\-input\\-format jsonl \\-j 2 corpus.jsonl.zst > corpus.tsv\n"
        "segment \\-\\-input\\-format pairs \\-\\-columns line,src,tgt corpus.tsv > kept.tsv\n"
        "parallel \\-\\-pipe \\-k \\-\\-block 10M segment \\-\\-input\\-format jsonl < corpus.jsonl > corpus.tsv\n"
        ".fi\n.SH FILES\n" SEGMENT_DATADIR "/ \\- the language data built into the binary (glossary "
        "id\\-en.yaml, abbreviation lists, boilerplate lexicon), to copy and extend; bundled glossaries "
        "need no file: \\fB\\-\\-glossary id\\-en\\fR.\n", f);
}

static int print_and_exit(int which) {
  if (which == 'h') usage(stdout);
  else if (which == 'V') printf("segment %s\n", SEGMENT_VERSION);
  else print_man(stdout);
  return fflush(stdout) || ferror(stdout) ? 1 : 0;
}

static void build_getopt(struct option *longopts, char *shortopts) {
  size_t sp = 0;
  shortopts[sp++] = ':';
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
}

/* One option into `a`: 0, or the exit status to stop with (-1: none, go on). */
static int take_option(int c, const char *arg, cli_args *a) {
  seg_config *cfg = &a->cfg;
  switch (c) {
  case 'g': a->glossaries[a->nglossaries++] = arg; break;
  case OPT_COLUMNS: cfg->columns = arg; break;
  case OPT_HEADER: cfg->header = 1; break;
  case 'o': a->output = arg; break;
  case OPT_KEEP_BOILERPLATE: cfg->keep_boilerplate = 1; break;
  case OPT_BOILERPLATE: a->boilerplate[a->nboilerplate++] = arg; break;
  case OPT_REJECTED: a->rejected = arg; break;
  case OPT_ABBREVIATIONS: cfg->abbreviations = arg; break;
  case OPT_SPLIT_QUOTES: cfg->split_quotes = 1; break;
  case OPT_RAW_ICU: cfg->raw_icu = 1; break;
  case OPT_ICU_FULL: cfg->icu_full = 1; break;
  case OPT_STRICT: cfg->strict = 1; break;
  case OPT_STATS: a->stats = 1; break;
  case OPT_TARGET: a->targets[a->ntargets++] = arg; break;
  case OPT_PRESEGMENTED: cfg->presegmented = 1; break;
  case OPT_UNALIGNED: cfg->unaligned = 1; break;
  case OPT_INPUT_FORMAT:
    if (!strcmp(arg, "jsonl")) cfg->input_format = SEG_INPUT_JSONL;
    else if (!strcmp(arg, "text")) cfg->input_format = SEG_INPUT_TEXT;
    else if (!strcmp(arg, "pairs")) cfg->input_format = SEG_INPUT_PAIRS;
    else return cli_usage_error("--input-format is text, jsonl or pairs, not '%s'", arg);
    break;
  case OPT_OUTPUT_FORMAT:
    if (!strcmp(arg, "jsonl")) cfg->output_format = SEG_OUTPUT_JSONL;
    else if (!strcmp(arg, "tsv")) cfg->output_format = SEG_OUTPUT_TSV;
    else return cli_usage_error("--output-format is tsv or jsonl, not '%s'", arg);
    break;
  case OPT_ID_KEY: cfg->id_key = arg; break;
  case OPT_TEXT_KEY: cfg->text_key = arg; break;
  case OPT_TARGET_KEY: cfg->target_key = arg; break;
  case OPT_DOC_ID: a->doc_id = arg; break;
  case OPT_ENCODING: cfg->encoding = arg; break;
  case OPT_FILTERS: cfg->filters = arg; break;
  case OPT_NO_FILTERS: cfg->no_filters = 1; break;
  case OPT_ANNOTATE_TERMS: cfg->annotate_terms = arg; break;
  case OPT_TERM_TAGS: cfg->term_tags = arg; break;
  case OPT_REQUIRE_TERMS: cfg->require_terms = 1; break;
  case OPT_NORMALIZE_TARGET: cfg->normalize_target = 1; break;
  case OPT_DUMP_GLOSSARY: a->dump_glossary = 1; break;
  case 'q': a->quiet = 1; break;
  case 'j': {
    char *end;
    long v = strtol(arg, &end, 10);
    if (*end || v < 1 || v > MAX_JOBS)
      return cli_usage_error("-j needs a number of threads from 1 to 64, not '%s'", arg);
    cfg->jobs = (int)v;
    break;
  }
  default: return -2;
  }
  return -1;
}

static void print_usage_error(const seg_error *e) {
  if (e->file[0]) fprintf(stderr, "segment: %s: %s\n", e->file, e->msg);
  else fprintf(stderr, "segment: %s\n", e->msg);
  fputs("Try 'segment --help' for more information.\n", stderr);
}

/* Same-file check before anything is opened: an output that is an input (FILE, --target,
 * glossary, lexicon, abbreviation file) or the other output. */
static int check_outputs(const cli_args *a, seg_error *err) {
  const char *outputs[2] = {a->output ? a->output : "-", a->rejected};
  size_t cap = a->nfiles + a->ntargets + a->nglossaries + a->nboilerplate + 3, n = 0;
  const char **inputs = calloc(cap, sizeof *inputs);
  if (!inputs) return 1;
  for (size_t i = 0; i < a->nfiles; i++) inputs[n++] = a->files[i];
  if (!a->nfiles) inputs[n++] = "-";
  for (size_t i = 0; i < a->ntargets; i++) inputs[n++] = a->targets[i];
  for (size_t i = 0; i < a->nglossaries; i++)
    if (!seg_bundled_is_name(a->glossaries[i]) || access(a->glossaries[i], F_OK) == 0)
      inputs[n++] = a->glossaries[i];
  for (size_t i = 0; i < a->nboilerplate; i++) inputs[n++] = a->boilerplate[i];
  inputs[n++] = a->cfg.abbreviations;
  inputs[n++] = a->cfg.filters;
  int bad = seg_outfile_check_paths(outputs, 2, inputs, n, err) != SEG_OK;
  free(inputs);
  return bad;
}

/* What the options say together. */
static int check_combination(cli_args *a) {
  seg_config *cfg = &a->cfg;
  if (cfg->target_key && cfg->input_format != SEG_INPUT_JSONL)
    return cli_usage_error("%s needs --input-format jsonl", "--target-key");
  if (cfg->target_key && a->ntargets)
    return cli_usage_error("%s", "--target and --target-key exclude each other");
  cfg->bilingual = a->ntargets > 0;
  for (size_t i = 0; i < a->ntargets; i++)
    if (!strcmp(a->targets[i], "-") && (!a->nfiles || !strcmp(a->files[i], "-")))
      return cli_usage_error("%s", "a FILE and its --target cannot both be standard input");
  if (a->ntargets && a->nfiles != a->ntargets) {
    fprintf(stderr, "segment: %zu --target file(s) need as many Indonesian FILEs, got %zu\n"
            "Try 'segment --help' for more information.\n", a->ntargets, a->nfiles);
    return 2;
  }
  const char *align_opt = cfg->presegmented ? "--presegmented" : cfg->unaligned ? "--unaligned" : NULL;
  if (align_opt && cfg->input_format == SEG_INPUT_PAIRS)
    return cli_usage_error("%s does not apply to --input-format pairs", align_opt);
  if (align_opt && !cfg->bilingual && !cfg->target_key)
    return cli_usage_error("%s needs --target", align_opt);
  cfg->glossaries = a->glossaries;
  cfg->boilerplate = a->boilerplate;
  cfg->max_warnings = a->quiet ? 0 : 10;
  seg_error err = {0};
  if ((cfg->encoding && seg_decode_check_encoding(cfg->encoding, &err)) || check_outputs(a, &err)) {
    print_usage_error(&err);
    return 2;
  }
  return -1;
}

int cli_parse(int argc, char **argv, cli_args *a, int *status) {
  memset(a, 0, sizeof *a);
  seg_config_init(&a->cfg);
  a->glossaries = calloc((size_t)argc + 1, sizeof *a->glossaries);
  a->boilerplate = calloc((size_t)argc + 1, sizeof *a->boilerplate);
  a->targets = calloc((size_t)argc + 1, sizeof *a->targets);
  if (!a->glossaries || !a->boilerplate || !a->targets) {
    fputs("segment: out of memory\n", stderr);
    *status = 1;
    return 0;
  }
  struct option longopts[NOPTIONS + 1];
  char shortopts[2 * NOPTIONS + 2];
  build_getopt(longopts, shortopts);
  opterr = 0;
  int c, man = 0;
  while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
    if (c == 'h' || c == 'V') return *status = print_and_exit(c), 0;
    if (c == OPT_MAN) man = 1;
    else if (c == ':') return *status = cli_usage_error("option '%s' needs an argument", argv[optind - 1]), 0;
    else if (c == '?') return *status = cli_usage_error("unknown option '%s'", argv[optind - 1]), 0;
    else if ((*status = take_option(c, optarg, a)) != -1) return 0;
  }
  if (man) return *status = print_and_exit(OPT_MAN), 0;
  a->files = (const char *const *)argv + optind;
  a->nfiles = (size_t)(argc - optind);
  return (*status = check_combination(a)) == -1;
}

void cli_args_free(cli_args *a) {
  free(a->glossaries);
  free(a->boilerplate);
  free(a->targets);
}
