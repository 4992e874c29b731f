/* mojibake: finds and repairs UTF-8 text that was once decoded as Windows-1252 or Latin-1 and
 * re-encoded ("â€œ" for U+201C, "Ã©" for U+00E9, "Â²" for U+00B2). Owns the byte mapping of
 * those two code pages and the repair decision; it never judges anything else about the text,
 * never prints; its scratch memory is bounded by the text.
 *
 * Run it on the raw text, before Unicode normalization: normalization turns U+00A0 into a space
 * and drops C1 control characters, and both are parts of mojibake sequences ("Â" + U+00A0 is a
 * mis-decoded no-break space). */
#ifndef SEG_MOJIBAKE_H
#define SEG_MOJIBAKE_H
#include <stddef.h>

#include "buf.h"

typedef enum {
  SEG_MOJIBAKE_CLEAN = 0,        /* nothing suspicious; `out` untouched */
  SEG_MOJIBAKE_REPAIRED = 1,     /* every suspicious sequence decoded; `out` holds the result */
  SEG_MOJIBAKE_UNREPAIRABLE = 2, /* suspicious sequences that do not decode (for instance
                                    "â€" + U+FFFD, where the lost byte could be one of five):
                                    the text should be dropped; `out` untouched */
} seg_mojibake_result;

/* Repairs `text[0..len)` when that is unambiguous: each suspicious sequence, mapped back to
 * bytes through Windows-1252 (Latin-1 for the five bytes Windows-1252 leaves undefined), forms
 * one valid UTF-8 character, and no suspicious remnant is left (up to three rounds, for text
 * mis-decoded twice). On REPAIRED, `out` is cleared and filled (owned by the caller). Invalid
 * UTF-8 bytes in `text` are copied through unchanged. Pure: safe from any thread. */
seg_mojibake_result seg_mojibake_repair(const char *text, size_t len, seg_buf *out);

/* Number of suspicious sequences in `text` (decodable ones and remnants). */
size_t seg_mojibake_count(const char *text, size_t len);

#endif
