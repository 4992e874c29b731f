/* reader: chunked input -> lines with byte offsets. Skips a leading UTF-8 BOM, strips the LF
 * and a CR before it. Never interprets the bytes otherwise (decoding is the cleaner's job).
 * Memory: one chunk plus the longest line. */
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
/* 1: a line was read; 0: end of input; negative: read error (err set, SEG_ERR_IO). */
int seg_reader_next(seg_reader *r, seg_line *line, seg_error *err);
/* Total bytes consumed so far (the document size once 0 was returned). */
size_t seg_reader_bytes(const seg_reader *r);
/* 1 if the document started with a BOM (skipped; offsets still count it). */
int seg_reader_had_bom(const seg_reader *r);
void seg_reader_free(seg_reader *r);

#endif
