/* langid: tells Indonesian from English. Clear cases are decided from stopword counts (YAML lists
 * glossary/id/stopwords.yaml and glossary/en/stopwords.yaml, embedded); the rest go to
 * libexttextcat's n-gram fingerprints (Debian's libexttextcat-data), restricted to the two
 * languages. Neither source tells Malay from Indonesian: Malay text is reported as "id".
 * A handle is not thread-safe: use one per thread. It never prints. */
#ifndef SEG_LANGID_H
#define SEG_LANGID_H
#include <stddef.h>

#include "error.h"

typedef struct {
  const char *fingerprints; /* directory holding id.lm and en.lm (NULL: the directory
                               libexttextcat-data installs, found by pkg-config at build time,
                               /usr/share/libexttextcat on Debian) */
  unsigned min_hits;        /* stopwords decide alone with >= this many of one language ... */
  double ratio;             /* ... and more than `ratio` times those of the other (+1) */
  size_t min_letters;       /* fewer letters and no stopword decision: "und" (n-grams of a
                               few letters are noise) */
} seg_langid_opts;

/* The defaults: min_hits 2, ratio 3, min_letters 12. */
seg_langid_opts seg_langid_opts_default(void);

typedef struct seg_langid seg_langid;

/* Loads the embedded stopword lists and the two fingerprints (`opts` NULL: defaults). NULL with
 * SEG_ERR_CONFIG when a fingerprint file cannot be read. Owned by the caller: seg_langid_free. */
seg_langid *seg_langid_new(const seg_langid_opts *opts, seg_error *err);
void seg_langid_free(seg_langid *l);
/* Adds the words of a stopword file (YAML `stopwords: [ ... ]`) to language "id" or "en". */
seg_status seg_langid_add_stopwords_file(seg_langid *l, const char *lang, const char *path,
                                         seg_error *err);
seg_status seg_langid_add_stopwords_yaml(seg_langid *l, const char *lang, const char *yaml,
                                         size_t len, const char *name, seg_error *err);

/* The language of text[0..len): "id", "en" or "und" (static strings), with a confidence in
 * [0, 1] in *confidence when non-NULL (0 for "und"). */
const char *seg_langid_detect(seg_langid *l, const char *text, size_t len, double *confidence);

/* Stopword hits of each language in text[0..len) (a word in both lists counts for neither). */
void seg_langid_stopwords(const seg_langid *l, const char *text, size_t len, size_t *id,
                          size_t *en);

typedef struct {
  size_t by_stopwords, by_ngrams, undetermined;
} seg_langid_stats;
/* Counts of the decisions made so far by this handle. */
seg_langid_stats seg_langid_get_stats(const seg_langid *l);

#endif
