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
#include "align.h"
#include "splitter.h"
#include "tsv.h"

typedef struct {
  seg_lexicon *lexicon;   /* NULL: --keep-boilerplate (Unicode normalization only) */
  seg_abbrevs *abbrevs;   /* Indonesian (or --abbreviations) list, plus dotted glossary terms */
  seg_glossary *glossary; /* empty when no --glossary */
  /* bilingual mode only (seg_resources_load_bilingual) */
  seg_abbrevs *abbrevs_en;
  seg_glossary *no_glossary; /* the English side is not normalized */
  seg_dict *dict;            /* word list plus the glossary's canonical/target pairs */
  /* the cleaner's line classifier (Indonesian; NULL: lexicon filters only, as for the English
   * side of a pair or --keep-boilerplate) */
  seg_classifier *classifier;
} seg_resources;

typedef struct {
  seg_columns columns;
  const char *locale; /* ICU locale of the text ("id" default; "en" for the target side) */
  int presegmented;   /* each non-empty line is one sentence: no cleanup, no segmentation */
  int split_quotes;
  int raw_icu;   /* --raw-icu: ICU boundaries only (conformance, comparisons) */
  int icu_full;  /* --icu-full: ICU reads whole paragraphs (same boundaries, slower) */
  int strict;    /* invalid UTF-8 is an error */
  int rejected;  /* collect rejected lines */
  int max_warnings; /* per document; 0: none printed */
  int threads;      /* -j N: worker threads (1: all on the calling thread) */
  seg_outfmt outfmt; /* TSV or JSON Lines rows */
} seg_config;

/* A byte sink: write returns 0, or -1 with errno set. `name` (the output file, "-" for
 * stdout) is what a write error message names. */
typedef struct {
  int (*write)(void *ctx, const char *bytes, size_t len);
  void *ctx;
  const char *name;
} seg_sink;

/* Warnings (never errors): the caller prints them. */
typedef void (*seg_warn_fn)(void *ctx, const char *doc, size_t line, size_t col,
                            const char *msg);

typedef struct {
  size_t documents, sentences, replacements;
  seg_clean_stats clean;
} seg_stats;

typedef struct seg_pipeline seg_pipeline;

/* Sentences collected in memory (for alignment): text i is text.data[off[i], off[i+1]). */
typedef struct {
  seg_buf text;
  size_t *off;
  unsigned char *junk; /* 1: boilerplate line (presegmented input only) */
  size_t n, cap, junk_cap;
} seg_textvec;

void seg_textvec_clear(seg_textvec *v);
void seg_textvec_free(seg_textvec *v);

seg_pipeline *seg_pipeline_new(const seg_resources *res, const seg_config *cfg, seg_error *err);
void seg_pipeline_set_warn(seg_pipeline *p, seg_warn_fn fn, void *ctx);
/* Called now and then inside a long document with the bytes of it read so far. */
void seg_pipeline_set_progress(seg_pipeline *p, void (*fn)(void *ctx, size_t doc_bytes), void *ctx);
/* Runs one document. `out` receives TSV rows, `rejected` (may be NULL) receives
 * doc, line, reason, text rows. Returns SEG_OK or an error (err set). */
seg_status seg_pipeline_run(seg_pipeline *p, seg_reader *in, const char *doc, const seg_sink *out,
                            const seg_sink *rejected, seg_error *err);
/* Runs one document and collects its sentences (normalized text) instead of writing rows. */
seg_status seg_pipeline_collect(seg_pipeline *p, seg_reader *in, const char *doc,
                                seg_textvec *out, seg_error *err);
/* Totals so far (cleaner counters included). */
void seg_pipeline_stats(const seg_pipeline *p, seg_stats *out);
void seg_pipeline_free(seg_pipeline *p);

/* Builds resources from the embedded defaults plus the given files; NULL-terminated lists.
 * On error returns SEG_ERR_CONFIG with err naming the file, line and column. */
seg_status seg_resources_load(seg_resources *res, int keep_boilerplate,
                              const char *const *boilerplate_files, const char *abbrev_file,
                              const char *const *glossary_files, seg_error *err);
/* Adds what alignment needs: English abbreviations and the bilingual dictionary. */
seg_status seg_resources_load_bilingual(seg_resources *res, seg_error *err);
void seg_resources_free(seg_resources *res);

/* Aligns one document pair: `src` runs through `src_p` (Indonesian), `tgt` through `tgt_p`
 * (English, built on the English resources); writes one row per link to `out` with the
 * bilingual columns of `cols` (unaligned sentences only with `unaligned`). */
seg_status seg_align_documents(seg_pipeline *src_p, seg_pipeline *tgt_p, const seg_dict *dict,
                               seg_reader *src, const char *src_doc, seg_reader *tgt,
                               const char *tgt_doc, const seg_columns *cols, int unaligned,
                               const seg_sink *out, seg_error *err);

#endif
