/* filter: sentence rules (a monolingual row, or each side of a pair) and pair rules that decide
 * whether a row is fit for MT training, driven by a configuration (glossary/filters.yaml is the
 * embedded default; --filters FILE overrides it key by key). Every rule has a kebab-case name,
 * which is also the reason a row is rejected for. The module only judges: it never changes the
 * text (the mojibake repair is a helper the caller applies first), never deduplicates (that is
 * dedup.h, across the run), never prints. A seg_filters handle holds scratch memory and a
 * language-check handle: one per thread. */
#ifndef SEG_FILTER_H
#define SEG_FILTER_H
#include <stddef.h>

#include "align.h"
#include "buf.h"
#include "dedup.h"
#include "error.h"

typedef enum {
  /* sentence rules, in the order they run */
  SEG_RULE_EMPTY,
  SEG_RULE_MOJIBAKE,
  SEG_RULE_TOO_LONG,
  SEG_RULE_SYMBOLS,
  SEG_RULE_URL_ONLY,
  SEG_RULE_PLACEHOLDER,
  SEG_RULE_REPEATED,
  SEG_RULE_WRONG_LANGUAGE,
  /* pair rules */
  SEG_RULE_COPY,
  SEG_RULE_CASE_MISMATCH,
  SEG_RULE_URL_MISMATCH,
  SEG_RULE_NUMBER_MISMATCH,
  SEG_RULE_PARTIAL,
  SEG_RULE_LENGTH_RATIO,
  SEG_RULE_MISALIGNED,
  /* run-wide, applied by the caller with dedup.h */
  SEG_RULE_DUPLICATE,
  SEG_RULE_COUNT
} seg_filter_rule;

/* The rule's name ("too-long", ...): static storage. */
const char *seg_filter_rule_name(seg_filter_rule r);

typedef struct {
  unsigned char on[SEG_RULE_COUNT]; /* 1: the rule runs */
  char source_lang[8], target_lang[8]; /* expected languages of a pair's sides ("id", "en") */
  /* too-long */
  size_t max_chars, max_words;
  /* symbols */
  double min_letter_share;
  /* repeated */
  size_t max_run, repeat_min_tokens;
  double max_token_share, max_ngram_share;
  /* wrong-language */
  double min_confidence;
  size_t lang_min_letters, lang_min_hits;
  double lang_ratio;
  char *fingerprints; /* owned; NULL: the default directory */
  /* copy */
  double max_copy_overlap;
  /* case-mismatch */
  size_t case_min_letters;
  /* length-ratio */
  double max_char_ratio, max_word_ratio;
  size_t ratio_slack_chars, ratio_slack_words;
  /* number-mismatch */
  int ignore_unmatched_one;
  /* partial */
  size_t partial_min_extra;
  double partial_min_ratio;
  /* misaligned */
  double min_support;
  size_t misaligned_min_tokens;
  /* duplicate */
  seg_dedup_mode dedup_mode;
  size_t dedup_max_entries;
} seg_filter_config;

/* The embedded default configuration. Owned by the caller: seg_filter_config_free. */
seg_filter_config *seg_filter_config_default(seg_error *err);
/* Overrides the keys a YAML file sets (schema: glossary/filters.yaml). Unknown keys and wrong
 * types are SEG_ERR_CONFIG with file, line and column. */
seg_status seg_filter_config_add_file(seg_filter_config *cfg, const char *path, seg_error *err);
seg_status seg_filter_config_add_yaml(seg_filter_config *cfg, const char *yaml, size_t len,
                                      const char *name, seg_error *err);
void seg_filter_config_free(seg_filter_config *cfg);

typedef struct seg_filters seg_filters;

/* A handle for one thread. `cfg` is copied; `dict` (borrowed, may be NULL: identical tokens
 * only) must outlive the handle. Loads the language check only when wrong-language is on. */
seg_filters *seg_filters_new(const seg_filter_config *cfg, const seg_dict *dict, seg_error *err);
void seg_filters_free(seg_filters *f);

/* Sentence rules on text[0..len) (normalized UTF-8) expected in `lang` ("id", "en", or NULL:
 * no language check). Returns NULL to keep, else the name of the first rule that rejects. */
const char *seg_filters_sentence(seg_filters *f, const char *text, size_t len, const char *lang);
/* Sentence rules on both sides (languages from the configuration), then the pair rules.
 * NULL: keep; else the rule name. */
const char *seg_filters_pair(seg_filters *f, const char *src, size_t slen, const char *tgt,
                             size_t tlen);

/* The mojibake step for one side, run on the raw text before normalization: NULL when the text
 * is clean or was repaired (then *repaired is 1 and `out` holds the repair), "mojibake" when it
 * cannot be repaired (the row should be dropped). With the rule off: always NULL, no repair. */
const char *seg_filters_repair(seg_filters *f, const char *text, size_t len, seg_buf *out,
                               int *repaired);

/* The language-check handle (NULL when wrong-language is off): for a `lang` column. */
struct seg_langid *seg_filters_langid(seg_filters *f);

/* Features of a pair the rules use, for calibration and tests. */
typedef struct {
  double char_ratio, word_ratio, support, copy_overlap;
  size_t src_chars, tgt_chars, src_words, tgt_words, src_sents, tgt_sents;
  size_t support_tokens;
  int numbers_ok;
} seg_pair_features;
void seg_filters_pair_features(seg_filters *f, const char *src, size_t slen, const char *tgt,
                               size_t tlen, seg_pair_features *out);

#endif
