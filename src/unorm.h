/* unorm: Unicode normalization of one line. Owns UTF-8 decoding (U+FFFD for invalid bytes),
 * NFC via ICU's quick check, odd spaces, zero-width and control characters, whitespace
 * collapse, HTML residue a scraper left in the text (character references such as &nbsp;
 * &amp; &#8220; &#x201C;, and stray tags such as <br> </p>), and the cut-link artifacts
 * (", ,", empty quotes, a space before a comma). Every clean byte stays mapped to the input
 * bytes it stands for.
 * Must never: decide whether a line is kept (that is the cleaner's), or look at more than the
 * one line it is given. */
#ifndef SEG_UNORM_H
#define SEG_UNORM_H
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "error.h"
#include "offmap.h"

typedef struct seg_unorm seg_unorm;

/* Running counts, added to by seg_unorm_line. */
typedef struct {
  size_t normalized; /* NFC changes, odd spaces, invisible characters, artifacts, HTML residue */
  size_t invalid;    /* invalid UTF-8 sequences replaced by U+FFFD */
} seg_unorm_counts;

/* Called for every invalid UTF-8 sequence (before it becomes U+FFFD), in input order. */
typedef void (*seg_unorm_invalid_fn)(void *ctx, size_t lineno, size_t col, size_t offset,
                                     unsigned char byte);

/* Owned by the caller (seg_unorm_free); one per thread. */
seg_unorm *seg_unorm_new(seg_error *err);
void seg_unorm_free(seg_unorm *u);

/* Normalizes the line `bytes[0, len)` (at input offset `offset`, line `lineno`): appends the
 * clean text to `text` and its mapping to `map`; `on_invalid` (may be NULL) hears of invalid
 * sequences; counts go to `counts`. */
void seg_unorm_line(seg_unorm *u, const char *bytes, size_t len, size_t offset, size_t lineno,
                    seg_buf *text, seg_offmap *map, seg_unorm_counts *counts,
                    seg_unorm_invalid_fn on_invalid, void *ctx);

/* Where the line s[0, n) breaks as HTML would: the start of its first block tag left in the
 * text (`<br />`, `</p>`, `<div class="x">`: the tags normalization turns into a space), its
 * length in *len; n when there is none. */
size_t seg_unorm_html_break(const char *s, size_t n, size_t *len);

/* Decodes one valid-or-not UTF-8 sequence at s[i]. Returns bytes consumed (>= 1) and sets *cp
 * to the code point, or to -1 for an invalid sequence (maximal subpart consumed). */
size_t seg_unorm_decode(const unsigned char *s, size_t n, size_t i, int32_t *cp);
/* A space other than U+0020 that normalization turns into one (tab, NBSP, thin space...). */
int seg_unorm_is_odd_space(int32_t cp);
/* A character normalization turns into a space or drops unseen: a space of any kind, a
 * zero-width or bidi control, a soft hyphen, a BOM, a control character. */
int seg_unorm_is_blank(int32_t cp);

#endif
