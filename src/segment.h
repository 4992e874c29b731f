/* segment.h — the public API of libsegcore, the library behind the `segment` tool.
 *
 * Raw Indonesian text (web pages as scrapers extract them, JSONL corpora, sentence pairs) goes
 * in; clean sentence rows, or aligned and filtered Indonesian–English pairs, come out as TSV or
 * JSON Lines. One run is: inputs (sources) -> stages -> one writer:
 *
 *   seg_config cfg;
 *   seg_config_init(&cfg);
 *   cfg.glossaries = (const char *[]){"terms.yaml", NULL};
 *   seg_error err = {0};
 *   seg_engine *e = seg_engine_new(&cfg, &err);          // loads and checks all language data
 *   seg_input in = {.path = "berita.txt"};
 *   seg_sink out = {my_write, my_ctx, "out.tsv"};
 *   if (!e || seg_engine_run(e, &in, 1, &out, NULL, &err)) report(&err);
 *   seg_engine_free(e);
 *
 * Ownership: whoever creates an object frees it with the matching _free (NULL is a no-op).
 * Strings in seg_config and seg_input are borrowed: they must stay valid until seg_engine_new
 * (config) or seg_engine_run (inputs) returns, unless a field says otherwise. The library
 * never prints and never exits: problems come back as a seg_error, warnings through the
 * callback set with seg_engine_set_warn. An engine is used by one thread at a time (with
 * cfg.jobs > 1 it runs worker threads of its own). */
#ifndef SEGMENT_H
#define SEGMENT_H
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------- errors ---------- */

typedef enum {
  SEG_OK = 0,
  SEG_ERR_IO = -1,     /* unreadable input, write failure: exit status 1 */
  SEG_ERR_INPUT = -2,  /* bad input data under strict mode: exit status 1 */
  SEG_ERR_CONFIG = -3, /* bad glossary / lexicon / option value: exit status 2 */
  SEG_ERR_ICU = -4,    /* ICU reported a failure: exit status 1 */
} seg_status;

/* An error: what went wrong and where (libyaml's "mark" style). */
typedef struct {
  seg_status code;
  char file[512]; /* the file the problem is in ("" when none) */
  size_t line;    /* 1-based; 0 when unknown */
  size_t col;     /* 1-based; 0 when unknown */
  char msg[512];
} seg_error;

/* The exit status for a code: 0, 1 or 2. */
int seg_status_exit(seg_status code);

/* ---------- configuration ---------- */

typedef enum {
  SEG_INPUT_TEXT = 0, /* each input is one document */
  SEG_INPUT_JSONL,    /* each line of an input is one JSON object holding a document */
  SEG_INPUT_PAIRS,    /* each line one sentence pair `src<TAB>tgt`; with a target file, line i
                         of the input and line i of the target are a pair */
} seg_input_format;

typedef enum { SEG_OUTPUT_TSV = 0, SEG_OUTPUT_JSONL } seg_output_format;

typedef struct {
  /* language data: NULL-terminated lists of files (NULL: none) */
  const char *const *glossaries;  /* YAML term glossaries, merged in order */
  const char *const *boilerplate; /* extra boilerplate lexicons */
  const char *abbreviations;      /* replaces the built-in Indonesian list (NULL: built-in) */
  int keep_boilerplate;           /* no cleanup filters (Unicode normalization only) */
  /* segmentation */
  int split_quotes; /* also break inside quotations */
  int raw_icu;      /* ICU's boundaries only, no Indonesian rules */
  int icu_full;     /* ICU reads whole paragraphs (same output, slower) */
  /* input */
  seg_input_format input_format;
  const char *id_key, *text_key; /* JSONL keys of the document id and text ("id", "text") */
  const char *target_key;        /* JSONL key of the English text: align with it (NULL: none) */
  int bilingual;    /* inputs come with their English translation (seg_input.target); with
                       SEG_INPUT_PAIRS: the target file of line-parallel pairs */
  int presegmented; /* bilingual: both sides hold one sentence per line */
  int unaligned;    /* bilingual: also write sentences without a counterpart */
  int strict;       /* invalid UTF-8 and unusable JSONL lines are errors, not warnings */
  const char *encoding; /* ICU converter name of every input (NULL: UTF-8, or what a BOM says;
                           gzip, zstd and xz are recognized by their first bytes either way) */
  /* filters (sentence and pair rules, run-wide deduplication of pairs) */
  const char *filters; /* YAML overriding glossary/filters.yaml key by key (NULL: none) */
  int no_filters;      /* every rule off */
  /* terminology (glossary/README.md) */
  const char *annotate_terms; /* "append" or "replace": the term's target inline (NULL: off) */
  const char *term_tags;      /* the four tags of annotated terms (NULL: "<t>,</t>,<tt>,</tt>") */
  int require_terms;    /* a pair whose English side lacks a matched term's target is rejected */
  int normalize_target; /* the English side's target variants become their targets */
  /* output */
  const char *columns; /* comma-separated column names (NULL: the default for the rows) */
  seg_output_format output_format;
  int header;       /* a first row with the column names (TSV only) */
  int jobs;         /* worker threads (1: all on the calling thread; capped by the cores) */
  int max_warnings; /* invalid-byte warnings printed per document (0: none) */
} seg_config;

/* Fills `cfg` with the defaults (every field above at its documented default). */
void seg_config_init(seg_config *cfg);

/* ---------- inputs and outputs ---------- */

/* One input: a file (path, "-" for standard input) or bytes in memory (bytes != NULL). With
 * cfg.bilingual, `target` / `target_bytes` is its English translation. */
typedef struct {
  const char *path;
  const char *name; /* document id for the doc column (NULL: the path, "-" for stdin) */
  const char *bytes;
  size_t len;
  const char *target;
  const char *target_bytes;
  size_t target_len;
} seg_input;

/* A byte writer: write returns 0, or -1 with errno set. `name` is what a write error names. */
typedef struct {
  int (*write)(void *ctx, const char *bytes, size_t len);
  void *ctx;
  const char *name;
} seg_sink;

/* ---------- running ---------- */

typedef struct {
  const char *reason; /* static string */
  size_t count;
} seg_reason_count;

typedef struct {
  size_t documents, paragraphs, sentences, dropped, joined, normalized, replacements;
  size_t invalid_bytes;
  size_t target_sentences, pairs; /* bilingual runs */
  size_t terms_checked, terms_missing; /* term QA of pairs: targets checked, lacking */
  seg_reason_count reasons[32];   /* dropped lines per reason, in first-seen order */
  size_t nreasons;
} seg_stats;

/* A warning (never an error): `file` and `line`/`col` (0 when unknown) say where. */
typedef void (*seg_warn_fn)(void *ctx, const char *file, size_t line, size_t col,
                            const char *msg);
/* Called now and then with the input bytes read so far in this run. */
typedef void (*seg_progress_fn)(void *ctx, size_t bytes);

typedef struct seg_engine seg_engine;

/* Loads and checks every piece of language data the configuration names (the built-in
 * defaults plus the files). Returns NULL with err set (SEG_ERR_CONFIG naming file, line and
 * column for bad data or option values). */
seg_engine *seg_engine_new(const seg_config *cfg, seg_error *err);
void seg_engine_set_warn(seg_engine *e, seg_warn_fn fn, void *ctx);
void seg_engine_set_progress(seg_engine *e, seg_progress_fn fn, void *ctx);
/* Runs inputs[0..n) in order into `out`, and every dropped line into `rejected` (NULL: not
 * written). Writes the header first when configured. Stops at the first error. The sinks are
 * borrowed for the call. */
seg_status seg_engine_run(seg_engine *e, const seg_input *inputs, size_t n, const seg_sink *out,
                          const seg_sink *rejected, seg_error *err);
/* Writes the merged glossary (every --glossary, YAML and TBX) as YAML to `out`: what was
 * loaded, for review; loading it again gives the same glossary. */
seg_status seg_engine_dump_glossary(const seg_engine *e, const seg_sink *out, seg_error *err);
/* Totals over every run of this engine so far. */
void seg_engine_stats(const seg_engine *e, seg_stats *out);
void seg_engine_free(seg_engine *e);

/* ---------- columns ---------- */

/* The kinds of row; a column belongs to some of them (a bit set). */
typedef enum { SEG_ROWS_SENTENCE = 1, SEG_ROWS_PAIR = 2, SEG_ROWS_REJECT = 4 } seg_row_kind;

#define SEG_DEFAULT_COLUMNS "doc,para,sent,start,end,text,orig,terms"
#define SEG_DEFAULT_PAIR_COLUMNS "src,tgt"
#define SEG_REJECT_COLUMNS "doc,line,reason,orig"

/* The i-th column (0-based, table order) that rows of kind `rows` carry: returns its name and
 * sets *help (static strings), or returns NULL past the last. For --help and man pages. */
const char *seg_column(seg_row_kind rows, size_t i, const char **help);

#ifdef __cplusplus
}
#endif
#endif
