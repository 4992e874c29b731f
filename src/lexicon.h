/* lexicon: the boilerplate lexicon (YAML, see glossary/id/boilerplate.yaml): loading its rules
 * (exact phrases, prefixes, substrings, patterns, datelines) and matching one normalized line
 * against them. Knows nothing about documents, neighbours or paragraphs (the cleaner's job),
 * and never changes text: it only answers "which rule, if any". */
#ifndef SEG_LEXICON_H
#define SEG_LEXICON_H
#include <stddef.h>

#include "error.h"

typedef struct seg_lexicon seg_lexicon;

/* Loads the embedded default lexicon. Owned by the caller (seg_lexicon_free). */
seg_lexicon *seg_lexicon_default(seg_error *err);
/* Adds the rules of the YAML file `path` to `lex`. */
seg_status seg_lexicon_add_file(seg_lexicon *lex, const char *path, seg_error *err);
/* Adds rules from YAML text (`name` for messages). */
seg_status seg_lexicon_add_yaml(seg_lexicon *lex, const char *yaml, size_t len, const char *name,
                                seg_error *err);
void seg_lexicon_free(seg_lexicon *lex);
/* Longest line (bytes) that can still be an item of a related-articles list. */
size_t seg_lexicon_list_item_max(const seg_lexicon *lex);

/* Matching state for one thread (ICU regexes and case maps are not thread-safe): any number
 * of matchers may share one lexicon, which must outlive them. Owned by the caller. */
typedef struct seg_lexicon_matcher seg_lexicon_matcher;

seg_lexicon_matcher *seg_lexicon_matcher_new(const seg_lexicon *lex, seg_error *err);
void seg_lexicon_matcher_free(seg_lexicon_matcher *m);
/* The reason (owned by the lexicon) a normalized line is boilerplate, or NULL. *list_header is
 * set to 1 when the rule opens a related-articles list. */
const char *seg_lexicon_match(seg_lexicon_matcher *m, const char *text, size_t n,
                              int *list_header);
/* Length of a dateline ("JAKARTA, KOMPAS.com - ") at the start of `text` with text after
 * it, or 0. */
size_t seg_lexicon_dateline(seg_lexicon_matcher *m, const char *text, size_t n);
/* Length of a scraper's field glued before the text of a line, its name one of the lexicon's
 * `field_prefixes` and its value one token with a digit ("date 2023-02 HASIL ..."), the
 * spaces after it included; 0 when none or nothing follows. */
size_t seg_lexicon_field_prefix(const seg_lexicon *lex, const char *text, size_t n);
/* Length of a date and time a page glued before a line's text ("Berita daerah | 28 Agustus
 * 2020, 11:10 WIBJEMBER, ...") at the start of `text` with text after it, or 0: the
 * lexicon's `date_prefixes`. */
size_t seg_lexicon_date_prefix(seg_lexicon_matcher *m, const char *text, size_t n);
/* 1 if the whole line is a dateline standing on its own line, its dash perhaps on the next
 * ("BEKASI, KOMPAS.com", "KOMPAS.com -"): the lexicon's `dateline_lines`. */
int seg_lexicon_dateline_line(seg_lexicon_matcher *m, const char *text, size_t n);

/* The reason (owned by the lexicon) if s[0, n) starts like an aside of the lexicon's
 * `suffixes` ("(Baca juga", "(Foto:"), compared ignoring ASCII case; else NULL. `bare`: an
 * aside written without its bracket ("Baca juga: ..." for "(Baca juga"). */
const char *seg_lexicon_aside(seg_lexicon_matcher *m, const char *s, size_t n, int bare);
/* Where a mark of the lexicon's `suffixes` `ends` that ends s[0, n) starts ("[sunting]",
 * compared ignoring ASCII case), with its reason in *reason; n when none does. */
size_t seg_lexicon_line_end(seg_lexicon_matcher *m, const char *s, size_t n, const char **reason);

#endif
