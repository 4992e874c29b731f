/* splitter: paragraph -> sentence spans. ICU's sentence break iterator proposes boundaries;
 * language data (abbreviations by kind, sentence starters) decides which to keep, and a few
 * rules add what ICU misses (an ellipsis before a capital, a stop glued to a capitalized word)
 * or misplaces (citation marks after a terminator). Works on clean UTF-8 and returns
 * byte spans, so callers map them back to input offsets. */
#ifndef SEG_SPLITTER_H
#define SEG_SPLITTER_H
#include <stddef.h>

#include "error.h"

/* Abbreviation kinds (YAML keys in glossary/<lang>/abbreviations.yaml). */
typedef enum {
  SEG_ABBR_TITLE = 1, /* Dr. Prof. Tn.: a name follows, never a sentence end */
  SEG_ABBR_ALWAYS,    /* Jl. PT. a.l.: never a sentence end */
  SEG_ABBR_FINAL_OK,  /* dll. dsb.: may end a sentence; ICU's decision stands */
  SEG_ABBR_NUMERIC,   /* No. Hal. Vol.: non-breaking only before a number */
  SEG_ABBR_ACRONYM,   /* A.S. R.I.: non-breaking unless a sentence starter follows */
  SEG_ABBR_DEGREE,    /* S.T. M.Eng.: as an acronym, but after a name's comma a capitalized
                       * word with a lower-case word after it starts a sentence */
} seg_abbr_kind;

typedef struct seg_abbrevs seg_abbrevs;

/* The embedded list for `lang` ("id" or "en"). */
seg_abbrevs *seg_abbrevs_default(const char *lang, seg_error *err);
/* An empty table. */
seg_abbrevs *seg_abbrevs_new(void);
/* Loads a YAML file (replacing nothing: entries are added). */
seg_status seg_abbrevs_add_file(seg_abbrevs *a, const char *path, seg_error *err);
seg_status seg_abbrevs_add_yaml(seg_abbrevs *a, const char *yaml, size_t len, const char *name,
                                seg_error *err);
/* Adds one token (must end in '.'); later additions do not override earlier kinds. */
void seg_abbrevs_add(seg_abbrevs *a, const char *token, size_t len, seg_abbr_kind kind);
/* Kind of `token` (with its final period), or 0. */
seg_abbr_kind seg_abbrevs_find(const seg_abbrevs *a, const char *token, size_t len);
size_t seg_abbrevs_count(const seg_abbrevs *a);
void seg_abbrevs_free(seg_abbrevs *a);

typedef struct {
  size_t start, end; /* byte span [start, end) in the paragraph text, trimmed */
} seg_span;

typedef struct seg_splitter seg_splitter;

typedef struct {
  const char *locale;  /* ICU locale, e.g. "id" */
  int split_quotes;    /* 1: break inside quotations too (--split-quotes) */
  int raw;             /* 1: ICU's boundaries only, no language rules */
  int icu_full;        /* 1: ICU reads whole paragraphs, not only windows around terminators
                          (same boundaries, slower; for tests and benchmarks) */
} seg_splitter_opts;

/* `abbr` is borrowed and must outlive the splitter. */
seg_splitter *seg_splitter_new(const seg_abbrevs *abbr, const seg_splitter_opts *opts,
                               seg_error *err);
/* Splits `text` (valid UTF-8); spans are valid until the next call. Returns their count or a
 * negative status with `err` set. */
long seg_splitter_split(seg_splitter *s, const char *text, size_t len, const seg_span **spans,
                        seg_error *err);
/* The boundaries (UTF-8 offsets, 0 < b < len, ascending) the last split kept, before spans were
 * trimmed; with opts.raw these are exactly ICU's. Valid until the next split. */
size_t seg_splitter_boundaries(const seg_splitter *s, const size_t **out);
void seg_splitter_free(seg_splitter *s);

#endif
