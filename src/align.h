/* align: bilingual sentence alignment (Indonesian source, English target) by dynamic
 * programming over link types 1-1, 1-2, 2-1, 2-2, 1-0 and 0-1 inside a band around the
 * diagonal. A link's cost combines a Gale-Church length term with lexical support: identical
 * tokens (numbers, names, acronyms) and translations from a bilingual word list (and from the
 * glossary's canonical/target pairs). Lines the boilerplate lexicon recognizes can only be
 * left unaligned. Memory: the two documents plus O(n * band) cells. */
#ifndef SEG_ALIGN_H
#define SEG_ALIGN_H
#include <stddef.h>

#include "error.h"

/* A bilingual word list (source word -> target words). */
typedef struct seg_dict seg_dict;

/* An empty list (owned by the caller: seg_dict_free). */
seg_dict *seg_dict_new(void);
/* The embedded Indonesian-English list (glossary/id-en/dictionary.tsv); owned by the caller,
 * NULL (err filled) if the embedded data does not parse. */
seg_dict *seg_dict_default(seg_error *err);
/* Adds pairs from TSV text: `word<TAB>tr1|tr2|...`; '#' lines are comments. */
seg_status seg_dict_add_tsv(seg_dict *d, const char *tsv, size_t len, const char *name,
                            seg_error *err);
/* Adds one phrase pair; every source token maps to every target token. */
void seg_dict_add_phrase(seg_dict *d, const char *src, size_t slen, const char *tgt, size_t tlen);
size_t seg_dict_size(const seg_dict *d);
void seg_dict_free(seg_dict *d);

typedef struct {
  const char *text; /* borrowed */
  size_t len;
  int junk;         /* boilerplate: may only be left unaligned */
} seg_sentence;

typedef struct {
  size_t src, nsrc; /* 0-based first source sentence and count (0..2) */
  size_t tgt, ntgt; /* 0-based first target sentence and count (0..2) */
  double score;     /* 0..1: lexical and length agreement; 0 for unaligned sentences */
} seg_link;

typedef struct {
  size_t band; /* half-width of the search band, in sentences (0: automatic) */
} seg_align_opts;

/* Aligns src[0..n) with tgt[0..m). On success *links (owned by the caller, free()) holds the
 * monotone links covering every sentence of both sides exactly once. */
seg_status seg_align(const seg_dict *dict, const seg_sentence *src, size_t n,
                     const seg_sentence *tgt, size_t m, const seg_align_opts *opts,
                     seg_link **links, size_t *nlinks, seg_error *err);

/* Lexical support of a sentence pair, as the aligner measures it: source tokens (with
 * repeats) that meet their own form or a translation among the target tokens, and distinct
 * target tokens met by a source token or one of its translations. */
typedef struct {
  size_t src_tokens, src_supported;
  size_t tgt_tokens, tgt_supported;
} seg_dict_support;
/* Read-only: safe from any thread while nothing adds to `dict` (NULL: identical tokens only). */
void seg_dict_pair_support(const seg_dict *dict, const char *src, size_t slen, const char *tgt,
                           size_t tlen, seg_dict_support *out);

#endif
