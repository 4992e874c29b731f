/* classify: the cleaner's line classifier (jusText-style, Pomikálek 2011, with C4/Gopher line
 * rules). Owns the model (stopwords and continuing words from glossary/id/stopwords.yaml,
 * weights and thresholds from glossary/id/classifier.yaml), the per-line features (computed
 * in one pass over a normalized line, no regex), the class of a block from its features and
 * the context rule that settles short and near-good blocks between their neighbours.
 * Must never: see more than one line at a time when computing features (that part runs on
 * worker threads), or keep document state (the cleaner keeps the window of blocks). */
#ifndef SEG_CLASSIFY_H
#define SEG_CLASSIFY_H
#include <stddef.h>
#include <stdint.h>

#include "error.h"

typedef struct seg_classifier seg_classifier;

/* Loads the embedded model (stopwords.yaml + classifier.yaml). Owned by the caller. */
seg_classifier *seg_classifier_default(seg_error *err);
/* Replaces settings and adds words from a YAML file in the schema of either file. */
seg_status seg_classifier_add_yaml(seg_classifier *m, const char *yaml, size_t len,
                                   const char *name, seg_error *err);
void seg_classifier_free(seg_classifier *m);

/* How a line starts, for the joiner. */
enum {
  SEG_START_OTHER, /* a capital, a digit, a symbol */
  SEG_START_LOWER, /* a lower-case letter: continues a sentence */
  SEG_START_CLOSE, /* , ; : . ) ] ” ’ : glued to what came before */
  SEG_START_OPEN,  /* ( : an aside after what came before */
  SEG_START_DASH,  /* - – — then a space: a dateline's dash, a list item */
  SEG_START_ITEM,  /* a list's marker: "a. ", "b) ", "1. ", "12) " (never a continuation) */
};

/* What a line (or a block of lines) is made of. Counts add up when lines are joined. */
typedef struct {
  uint32_t words;     /* space-separated tokens holding a letter or digit */
  uint32_t alpha;     /* tokens starting with a letter */
  uint32_t stop;      /* tokens that are stopwords */
  uint32_t foreign;   /* tokens that are English function words */
  uint32_t title;     /* tokens starting with a capital letter */
  uint32_t caps;      /* of them, tokens starting with two ("AS", "PENGUMUMAN") */
  uint32_t chars;     /* non-space characters */
  uint32_t symbols;   /* of them, digits and symbols (not letters) */
  int32_t parens;     /* '(' minus ')' */
  uint8_t terminal;   /* ends like a sentence */
  uint8_t start;      /* SEG_START_* of the first character */
  uint8_t open_end;   /* ends where a sentence cannot: an opening bracket or quote, a comma
                       * or a continuing word (and holds a word; a continuing word alone
                       * and capitalized, "Atas", is a button: not open) */
  uint8_t open_quote; /* ends with an opening bracket or quote (the next line is glued) */
  uint8_t name;       /* a person's name alone, or "Name - Site" */
  uint8_t first_word; /* the first token is a word (letters, '-' or '\''), not a handle */
  uint8_t digit_start; /* the first character is a digit (and no list item's marker) */
  uint8_t rtl_start;   /* the first character is of a right-to-left script (an Arabic verse) */
  uint8_t end_title;  /* the last word starts with a capital ("... di Jalan Raya") */
  uint8_t end_lower;  /* the last word starts with a lower-case ASCII letter ("... sempat
                       * menerapkan") */
  uint8_t joined;     /* a block of lines the joiner put together, not one line */
  uint8_t quote_open; /* a quotation opened at a line's end and not yet closed: a straight or
                       * closing double quote after a space and a word ("... lagu \"",
                       * "... lagu ”"), the quoted words on the next lines */
  uint32_t name_words; /* words when every one is a capitalized name word (no stopword,
                        * digit or dash), else 0: what a joined byline sums */
} seg_line_features;

/* Features of a normalized line. Pure: a function of the text and the model (NULL: no word
 * lists, so no stopwords, continuing words or names). */
void seg_classify_features(const seg_classifier *m, const char *text, size_t n,
                           seg_line_features *f);
/* Words up to the first sentence end in the first 63 bytes of a normalized line (". ! ?"
 * after a non-space, then a space and more text: "Labuan-Pandeglang. Seorang ..." gives 1),
 * 0 when there is none. Not a feature: the joiner asks for it only where it may join. */
uint8_t seg_classify_lead_words(const char *text, size_t n);
/* Does a normalized line hold a double quotation mark (" “ ” „)? Not a feature either: asked
 * only of a line that may close a block's open quotation. */
int seg_classify_has_quote(const char *text, size_t n);
/* Does s[0, n) end with a period, perhaps before citation marks ("... jiwa.[2][3]")? */
int seg_classify_period_end(const char *s, size_t n);
/* Adds the counts of `next` to `into`, as when the lines are joined (ends from `next`); the
 * joined block is a name when both parts are name words and they are few enough
 * ("Junaedi," + "Abba Gabrillin"). */
void seg_classify_merge(const seg_classifier *m, seg_line_features *into,
                        const seg_line_features *next);

typedef enum { SEG_CLASS_BAD, SEG_CLASS_SHORT, SEG_CLASS_NEAR, SEG_CLASS_GOOD } seg_class;

typedef struct {
  seg_class cls;
  int heading;        /* may be kept as the heading of a good block that follows */
  const char *reason; /* reject reason should context drop it (static string) */
  double score;
  int tiny;           /* too few words to be kept by context alone (short_keep_min_words) */
} seg_verdict;

void seg_classify_block(const seg_classifier *m, const seg_line_features *f, seg_verdict *v);

/* The context rule: is a block kept, given the nearest good-or-bad blocks before and after
 * it (short and near-good ones skipped; a document's edge counts as bad)? Good: always; bad:
 * never; near-good: next to a good one; short, and a heading: between good ones (a heading
 * also by the cleaner's heading rule, see classifier.yaml), but never a short one too small
 * for it (fewer than short_keep_min_words words and no sentence end: "Ya", "Geografi"). */
int seg_classify_keep(const seg_verdict *v, seg_class prev, seg_class next);

/* Model settings the cleaner's window and joiner need. */
typedef struct {
  size_t heading_distance;
  size_t window_blocks, window_bytes;
  uint32_t fragment_max_words;
  size_t max_fragments;
  uint32_t broken_min_words, broken_lead_max; /* a sentence broken inside a name */
  uint32_t table_cell_max_words;              /* a table's row: no longer cell (0: off) */
  uint32_t closer_max_words;                  /* a name that ends a broken sentence */
  uint32_t signature_rule_min;                /* a signature's rule line: bytes (0: off) */
  uint32_t signature_max_lines;               /* lines a signature takes after its rule */
  uint32_t tag_max_words; /* two lines this short, no stopword: tags, never joined (0: off) */
  uint32_t masthead_max_words; /* a page's first line this short: a site's name (0: off) */
  uint32_t tagline_max_words;  /* the line right under it this short: the site's tagline */
  uint32_t related_title_min_words; /* titles this long in a row in an article: links (0: off) */
} seg_classify_limits;

const seg_classify_limits *seg_classifier_limits(const seg_classifier *m);
/* 1 if rejected lines of this lexicon reason do not count as context. */
int seg_classifier_transparent(const seg_classifier *m, const char *reason);
/* Is the block a headline (so nothing is glued to it)? */
int seg_classify_headline(const seg_classifier *m, const seg_line_features *f);
/* Mostly digits and symbols, though it holds a word: what the class of a block calls
 * "symbols" ("Nomor: 800/1245/BKPSDM/2025", "Senin, 12/3/2025 09:15"). */
int seg_classify_symbolic(const seg_classifier *m, const seg_line_features *f);

#endif
