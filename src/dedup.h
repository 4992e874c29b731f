/* dedup: duplicate rows across a whole run. Owns the normalized key of a sentence or pair, its
 * stable 64-bit hash (the `hash` column) and a bounded table of the hashes seen so far. It never
 * sees row numbers or output, and never prints. The table is not thread-safe: keys and hashes
 * are pure (compute them on any thread), the table check must see rows in input order. */
#ifndef SEG_DEDUP_H
#define SEG_DEDUP_H
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

typedef enum {
  SEG_DEDUP_FOLD = 0,    /* default: ignore case, punctuation, symbols and spacing */
  SEG_DEDUP_LETTERS = 1, /* letters_only: ignore digits too (rows differing in a number are
                            duplicates) */
  SEG_DEDUP_EXACT = 2,   /* exact: the bytes as they are */
} seg_dedup_mode;

/* Parses "fold", "letters_only" or "exact"; returns -1 for anything else. */
int seg_dedup_mode_parse(const char *name);
/* The name of a mode ("fold", ...); static storage. */
const char *seg_dedup_mode_name(seg_dedup_mode mode);

/* Appends the normalized key of text[0..len) to `key` (Unicode simple case folding; letters,
 * combining marks and, except for LETTERS, digits kept). Invalid UTF-8 bytes are kept as is. */
void seg_dedup_key(seg_dedup_mode mode, const char *text, size_t len, seg_buf *key);

/* Stable 64-bit hash of n bytes: the same value on every platform and version (little-endian
 * loads, fixed constants), never 0. Documented so a `hash` column can be compared across runs
 * and shards. */
uint64_t seg_dedup_hash64(const char *s, size_t n);

/* Hash of a sentence (tgt == NULL) or of a pair: the hash of key(src) TAB key(tgt), so "a b"+"c"
 * and "a"+"b c" differ. `scratch` is caller-owned working memory (cleared here). */
uint64_t seg_dedup_hash(seg_dedup_mode mode, const char *src, size_t slen, const char *tgt,
                        size_t tlen, seg_buf *scratch);

/* The set of hashes seen (a seg_hash_set). Memory: 8 bytes per slot, 2 to 4 slots per
 * distinct row (the table doubles when half full), so 16-32 bytes per distinct row; nothing
 * before the first row, 512 bytes at least after it (1 KiB once a hash whose low 32 bits are
 * all ones is seen: those few have their own table); `max_entries` (0: the default,
 * SEG_DEDUP_DEFAULT_MAX = 2^24 rows, a table of at most 2^25 slots = 256 MiB) caps it. At the
 * cap the table is saturated: it still recognizes every hash it holds, but records no new one, so a row first
 * seen after saturation is kept and so are its later copies. */
#define SEG_DEDUP_DEFAULT_MAX ((size_t)1 << 24)
typedef struct seg_dedup seg_dedup;

seg_dedup *seg_dedup_new(size_t max_entries); /* owned by the caller: seg_dedup_free */
void seg_dedup_free(seg_dedup *d);
/* 1 when `h` was seen before (a duplicate), else 0 (and `h` is recorded unless saturated). */
int seg_dedup_check(seg_dedup *d, uint64_t h);
size_t seg_dedup_size(const seg_dedup *d);       /* distinct hashes held */
size_t seg_dedup_unrecorded(const seg_dedup *d); /* new rows not recorded since saturation */

#endif
