/* pipeline: one document through read -> clean -> segment -> normalize -> write. Shared
 * language data lives in seg_resources (read-only once built, safe to share between threads);
 * each seg_pipeline holds the per-thread state (cleaner, ICU iterator, buffers). */
#ifndef SEG_PIPELINE_H
#define SEG_PIPELINE_H
#include <stddef.h>

#include "buf.h"
#include "clean.h"
#include "error.h"
#include "glossary.h"
#include "reader.h"
#include "splitter.h"
#include "tsv.h"

typedef struct {
  seg_lexicon *lexicon;   /* NULL: --keep-boilerplate (Unicode normalization only) */
  seg_abbrevs *abbrevs;   /* Indonesian (or --abbreviations) list, plus dotted glossary terms */
  seg_glossary *glossary; /* empty when no --glossary */
} seg_resources;

typedef struct {
  seg_columns columns;
  int split_quotes;
  int raw_icu;   /* --raw-icu: ICU boundaries only (conformance, comparisons) */
  int strict;    /* invalid UTF-8 is an error */
  int rejected;  /* collect rejected lines */
  int max_warnings; /* per document; 0: none printed */
} seg_config;

/* A byte sink: returns 0, or -1 with errno set. */
typedef struct {
  int (*write)(void *ctx, const char *bytes, size_t len);
  void *ctx;
} seg_sink;

/* Warnings (never errors): the caller prints them. */
typedef void (*seg_warn_fn)(void *ctx, const char *doc, size_t line, size_t col,
                            const char *msg);

typedef struct {
  size_t documents, sentences, replacements;
  seg_clean_stats clean;
} seg_stats;

typedef struct seg_pipeline seg_pipeline;

seg_pipeline *seg_pipeline_new(const seg_resources *res, const seg_config *cfg, seg_error *err);
void seg_pipeline_set_warn(seg_pipeline *p, seg_warn_fn fn, void *ctx);
/* Runs one document. `out` receives TSV rows, `rejected` (may be NULL) receives
 * doc, line, reason, text rows. Returns SEG_OK or an error (err set). */
seg_status seg_pipeline_run(seg_pipeline *p, seg_reader *in, const char *doc, const seg_sink *out,
                            const seg_sink *rejected, seg_error *err);
/* Totals so far (cleaner counters included). */
void seg_pipeline_stats(const seg_pipeline *p, seg_stats *out);
void seg_pipeline_free(seg_pipeline *p);

/* Builds resources from the embedded defaults plus the given files; NULL-terminated lists.
 * On error returns SEG_ERR_CONFIG with err naming the file, line and column. */
seg_status seg_resources_load(seg_resources *res, int keep_boilerplate,
                              const char *const *boilerplate_files, const char *abbrev_file,
                              const char *const *glossary_files, seg_error *err);
void seg_resources_free(seg_resources *res);

#endif
