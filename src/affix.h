/* affix: debris glued to the start or the end of an otherwise good line, found on the
 * normalized text: a list bullet or counter before it ("• ", "2. "), and after its last
 * sentence a teaser or photo credit in parentheses (the lexicon's `suffixes`), staff initials
 * ("(mkj/mkj)", "(ADI/YUS)") or a second copy of the caption glued on by the scraper, and
 * at the end of any line a mark of the lexicon's `ends` (a wiki's "[sunting]" edit link). The
 * cleaner rejects what these return as a prefix or suffix, so nothing is lost; a caption said
 * twice around its credit with no sentence in it is rejected whole. Also the one test made on
 * the raw line: is it a table's row?
 * Must never: return an affix that would leave nothing of the line (but for that whole-line
 * verdict), or change the text. */
#ifndef SEG_AFFIX_H
#define SEG_AFFIX_H
#include <stddef.h>

#include "lexicon.h"

/* Bytes of a bullet or counter (and the space after it) before an item with a letter in it
 * at the start of s[0, n), or 0. */
size_t seg_affix_bullet(const char *s, size_t n);
/* Bytes of an image's address written with spaces for its slashes at the start of a line,
 * its spaces after included ("https: img.situs.com content 2021 06 foto-1a.jpg Caption"):
 * "http: " or "https: " up to the first token ending in an image's extension, when text
 * follows; else 0. */
size_t seg_affix_spaced_url(const char *s, size_t n);
/* Where debris glued to the end of s[from, n) starts, or n; *reason (static or the lexicon's)
 * says what it is. `from` itself when all of it is debris: a caption or title said twice
 * around its credit, no sentence in it ("Warga Mengungsi Malam HariKOMPAS.COM/RINA Warga
 * Mengungsi Malam Hari"). `m` may be NULL (no lexicon suffix rules then). */
size_t seg_affix_suffix(seg_lexicon_matcher *m, const char *s, size_t from, size_t n,
                        const char **reason);
/* Is the raw line s[0, n) (before normalization: tabs kept) a row of a table the scraper
 * flattened, an infobox's `Label<TAB>value`, `a | b | c` or a menu in columns? Cells split by
 * tabs or runs of three spaces or more (two cells at least) or by '|' (three at least; the '!'
 * of a wiki table's header row, "! No !! Nama", count as '|'), none of more than max_words
 * words (0: never), not all
 * ending like a sentence, none but the first starting in lower case. A sentence is longer
 * than a cell or goes on in lower case after a tab ("Satu<TAB>dua tiga."), so a tab inside
 * one leaves it alone; short sentences side by side ("Satu.<TAB>Dua.") are not a row either. */
int seg_affix_table_row(const char *s, size_t n, unsigned max_words);

#endif
