/* reader: chunked input -> lines with byte offsets. A file input is decoded first when its
 * first bytes ask for it (gzip, zstd, xz; a UTF-16/32 BOM) or --encoding names a legacy
 * encoding (decode.h); offsets are then offsets into the decoded UTF-8 text. Skips a leading
 * UTF-8 BOM, strips the LF and a CR before it. Never validates UTF-8 (the cleaner does).
 * Memory: one chunk plus the longest line (plus the decoder's fixed buffers). */
#ifndef SEG_READER_H
#define SEG_READER_H
#include <stddef.h>
#include <stdio.h>

#include "error.h"

typedef struct seg_reader seg_reader;

typedef struct {
  const char *bytes; /* borrowed: valid until the next seg_reader_next call */
  size_t len;        /* without the line terminator */
  size_t offset;     /* byte offset of bytes[0] in the input document */
  size_t lineno;     /* 1-based */
} seg_line;

/* Reads from `f` (borrowed, not closed); `name` is used in error messages. */
seg_reader *seg_reader_open_file(FILE *f, const char *name);
/* Reads from memory (borrowed; must outlive the reader). */
seg_reader *seg_reader_open_mem(const char *bytes, size_t len, const char *name);
/* Decodes a file input from `encoding` (an ICU converter name, checked with
 * seg_decode_check_encoding; borrowed) instead of guessing; call before the first
 * seg_reader_next. UTF-8 names keep the bytes as they are. No effect on memory readers. */
void seg_reader_set_encoding(seg_reader *r, const char *encoding);
/* 1: a line was read; 0: end of input; negative: read error (err set: SEG_ERR_IO), corrupt
 * compressed input (SEG_ERR_INPUT) or a converter failure (SEG_ERR_ICU). */
int seg_reader_next(seg_reader *r, seg_line *line, seg_error *err);
/* Total bytes consumed so far (the document size once 0 was returned). */
size_t seg_reader_bytes(const seg_reader *r);
/* 1 if the document started with a BOM (skipped; offsets still count it). */
int seg_reader_had_bom(const seg_reader *r);
/* 1 once the input was found to be decompressed or transcoded (known after the first
 * seg_reader_next): offsets then count decoded UTF-8 bytes, not the bytes of the file. */
int seg_reader_decoded(const seg_reader *r);
/* What was decoded: "gzip", "zstd", "xz", an ICU encoding name, or both joined by '+'
 * ("gzip+UTF-16LE"); NULL when nothing was (borrowed; valid until seg_reader_free). */
const char *seg_reader_decoding(const seg_reader *r);
/* seg_decode_guess_legacy of the first chunk of an input read as UTF-8 ("windows-1252" or
 * NULL; static): the hint for the first invalid-byte warning. Known after the first
 * seg_reader_next; memory readers guess from their first 64 KiB when asked. */
const char *seg_reader_legacy_hint(seg_reader *r);
void seg_reader_free(seg_reader *r);

#endif
