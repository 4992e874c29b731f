/* clean: input lines -> clean paragraphs. The paragraph state machine: each line is
 * normalized (unorm.h) and, when filtering is on, judged by the boilerplate lexicon
 * (lexicon.h), stripped of debris glued to its ends (affix.h), checked for duplicates,
 * related-article lists and datelines, joined with the lines a scraper broke it into (join.h),
 * classified with its neighbours as context (classify.h). It never loses text silently: every
 * dropped line, prefix or suffix goes to the reject callback, and every kept byte stays mapped
 * to its input offset. */
#ifndef SEG_CLEAN_H
#define SEG_CLEAN_H
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "classify.h"
#include "error.h"
#include "lexicon.h"
#include "offmap.h"
#include "reader.h"

/* A clean paragraph. All pointers are owned by the cleaner and valid until the next
 * seg_cleaner_push / _decide / _next / _finish call. A caller may exchange the paragraph's
 * buffers (raw, text, map) for buffers of its own instead of copying them: the
 * cleaner clears a paragraph before it reuses it. */
typedef struct {
  seg_buf raw;     /* input bytes [raw_off, raw_off + raw.len) of the paragraph's lines */
  size_t raw_off;
  seg_buf text;    /* clean UTF-8: NFC, single spaces, no leading/trailing space */
  seg_offmap map;  /* text byte -> input document byte */
  size_t para_no;  /* 1-based number of the input paragraph (non-empty line) it starts in */
  size_t lineno;   /* input line it starts on */
} seg_para;

typedef struct {
  /* Called for every dropped line, prefix or suffix, in input order; `text` is the input
   * bytes. */
  void (*reject)(void *ctx, size_t lineno, size_t offset, const char *reason, const char *text,
                 size_t len);
  /* Called for every invalid UTF-8 sequence (before it becomes U+FFFD). */
  void (*invalid)(void *ctx, size_t lineno, size_t col, size_t offset, unsigned char byte);
  void *ctx;
} seg_clean_callbacks;

typedef struct {
  size_t paragraphs;    /* input paragraphs (non-empty lines) */
  size_t dropped;       /* lines (or prefixes) dropped */
  size_t joined;        /* broken paragraphs repaired */
  size_t invalid_bytes; /* invalid UTF-8 sequences replaced by U+FFFD */
  size_t normalized;    /* NFC changes, odd spaces, zero-width/control characters, artifacts */
  /* Per-reason counts, in first-seen order. */
  struct { const char *reason; size_t count; } reasons[32];
  size_t nreasons;
} seg_clean_stats;

typedef struct seg_cleaner seg_cleaner;

/* `lex` (borrowed; NULL disables every filter, keeping only Unicode normalization) and
 * `model` (borrowed; the line classifier, used only with a lexicon; NULL: lexicon filters and
 * simple joins only, for text in another language). Both must outlive the cleaner. */
seg_cleaner *seg_cleaner_new(const seg_lexicon *lex, const seg_classifier *model,
                             seg_error *err);
void seg_cleaner_free(seg_cleaner *c);
/* Starts a document. */
void seg_cleaner_begin(seg_cleaner *c, const seg_clean_callbacks *cb);
/* Feeds one line; returns a finished paragraph or NULL. Same as analyze + decide. A line may
 * settle several paragraphs at once (context decides a few lines late): after a paragraph,
 * call seg_cleaner_next until it returns NULL before feeding the next line. */
seg_para *seg_cleaner_push(seg_cleaner *c, const seg_line *line);
/* The next paragraph the last push / decide / finish settled, or NULL. */
seg_para *seg_cleaner_next(seg_cleaner *c);

/* The two halves of push, for -j: analyze is a pure function of the line (any cleaner built
 * on the same lexicon gives the same result, so worker threads each use their own); decide
 * carries the document state (pending paragraph, duplicates, lists, datelines) and must see
 * the lines in order on one cleaner. */
typedef struct {
  size_t offset, col;
  unsigned char byte;
} seg_invalid_byte;

#define SEG_LINE_PIECES 8

/* A line's first sentence pieces for the copy check: each piece's hash, where it ends, and
 * its flags (clean.c). Cut and hashed by seg_cleaner_analyze_lines, so on
 * the workers with -j, and only looked up by decide; one line at a time (seg_cleaner_push),
 * decide cuts them itself, and only for a line that may be a copy. */
typedef struct {
  uint64_t hash[SEG_LINE_PIECES];
  size_t end[SEG_LINE_PIECES];
  unsigned char flags[SEG_LINE_PIECES];
  unsigned char n, cut, over, ready; /* pieces held; the core has a cut; pieces long enough
                                      * past the room; the rest is set */
} seg_line_pieces;

typedef struct {
  seg_buf text;         /* normalized line */
  seg_offmap map;
  const char *reason;   /* lexicon verdict (NULL: not boilerplate, or no lexicon) */
  int list_header;
  uint64_t hash;        /* of the core, for the duplicate filter */
  size_t core_from, core_to; /* text[core_from, core_to): the line without its affixes */
  const char *prefix_reason, *suffix_reason; /* what the affixes are (NULL: none) */
  seg_line_features features; /* of the core */
  seg_line_pieces pieces; /* of the core, when `ready` */
  seg_invalid_byte *invalid; /* invalid sequences, replayed to the callbacks by decide */
  size_t ninvalid, invalid_cap;
} seg_line_info;

void seg_cleaner_analyze(seg_cleaner *c, const seg_line *line, seg_line_info *out);
/* The same for lines[0, n) into out[0, n). */
void seg_cleaner_analyze_lines(seg_cleaner *c, const seg_line *lines, seg_line_info *out,
                               size_t n);
/* Returns the first paragraph settled (more: seg_cleaner_next), or NULL. */
seg_para *seg_cleaner_decide(seg_cleaner *c, const seg_line *line, const seg_line_info *info);
void seg_line_info_free(seg_line_info *li);
/* Ends the document; returns the first of the paragraphs still waiting (more:
 * seg_cleaner_next), or NULL. */
seg_para *seg_cleaner_finish(seg_cleaner *c);
/* Running totals over all documents. */
const seg_clean_stats *seg_cleaner_stats(const seg_cleaner *c);
/* Adds `from` into `into` (for -j). */
void seg_clean_stats_add(seg_clean_stats *into, const seg_clean_stats *from);

/* The lexicon reason if a normalized line is boilerplate, else NULL (NULL too without a
 * lexicon). Used for presegmented input and the aligner's junk lines. */
const char *seg_cleaner_boilerplate(seg_cleaner *c, const char *text, size_t len);

/* Normalizes one line without any filter (exposed for tests and the aligner):
 * appends clean text to `text` and its mapping (offsets from `offset`) to `map`. */
void seg_clean_normalize(seg_cleaner *c, const char *bytes, size_t len, size_t offset,
                         size_t lineno, seg_buf *text, seg_offmap *map);

#endif
