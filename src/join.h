/* join: putting back together a paragraph the scraper broke into lines. HTML-to-text puts
 * the text of each link on its own line ("Kepala" / "BPOM" / "RI Taruna Ikrar menjelaskan,
 * ..."), and a comma or period after a link starts the next line. This module decides, from
 * the features of the lines (classify.h), whether a line continues the block before it, or
 * may be a fragment between it and a continuation, and appends a line's text, map and input
 * bytes to a paragraph.
 * Must never: glue anything to a headline, or continue a block that ends a sentence. */
#ifndef SEG_JOIN_H
#define SEG_JOIN_H
#include <stddef.h>

#include "classify.h"
#include "clean.h"

enum { SEG_JOIN_NO, SEG_JOIN_SPACE, SEG_JOIN_GLUED };

/* How `line` continues the block `block` ends with: SEG_JOIN_NO, or joined with a space or
 * glued (", AS juga", "“" + "air pegunungan"). `lead`: 0, or, when the line follows the block
 * directly (no blank line) and seg_join_name_may_go_on holds, seg_classify_lead_words of the
 * line (a sentence broken inside a name, "... di Jalan Raya" / "Labuan-Pandeglang. Seorang
 * ...", is joined only then). */
int seg_join_how(const seg_classifier *m, const seg_line_features *block,
                 const seg_line_features *line, unsigned lead);
/* Is `block` a long sentence that stops on a capitalized word, a name the next line may
 * finish? */
int seg_join_name_may_go_on(const seg_classifier *m, const seg_line_features *block);
/* Does the line close the open block's sentence: a name of a few capitalized words ending it
 * ("... kata Suparni kepada tim" / "Kabar Petang" / "NusaTV."), after a long block with
 * stopwords and no sentence end (not a headline), directly or after link fragments? */
int seg_join_closer(const seg_classifier *m, const seg_line_features *block,
                    const seg_line_features *line);
/* May `line`, which holds a quotation mark, close the quotation the block opened at a line's
 * end (feature quote_open)? A block of a sentence (stopwords, no end, not a headline) and a
 * line of words that is no list item or dash; the caller checks the mark. */
int seg_join_quoted(const seg_classifier *m, const seg_line_features *block,
                    const seg_line_features *line);
/* May `line` wait as a fragment after `block` (the text of a link, in a sentence that goes
 * on after it)? Only after a block that may go on, or a person's name after a headline-like
 * block (a title of office: "Wakil Menteri Dalam Negeri" / "Bima Arya" / "mengatakan, ..."),
 * and only short lines that do not end a sentence. */
int seg_join_fragment(const seg_classifier *m, const seg_line_features *block,
                      const seg_line_features *line);
/* Is the block a headline as far as joining goes (seg_classify_headline, not a block the
 * joiner built, not ending in a lower-case word)? Fragments after one join only with a line of at least two words with a
 * stopword (the caller's check). */
int seg_join_headline(const seg_classifier *m, const seg_line_features *block);
/* How a held fragment is joined to the text before it: with a space, or glued. */
int seg_join_fragment_how(const seg_line_features *before, const seg_line_features *frag);

/* Appends to `p` the input bytes `gap` (what lies between its last line and the new one) and
 * `raw`, and the clean text `text[0, n)` mapped by `map` (slice [from, from + n) of it),
 * joined as `how` says (a space stands for the gap). */
void seg_join_append(seg_para *p, const char *gap, size_t gap_len, const char *raw, size_t raw_len,
                     const char *text, size_t n, const seg_offmap *map, size_t from, int how);

#endif
