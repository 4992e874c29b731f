/* jsonl: JSON Lines corpora, in and out. Input: each line one JSON object holding a document
 * id and its text (and, for alignment, the target text), parsed with jansson. (Writing JSON
 * needs no parser: see writer_jsonl.c.) */
#ifndef SEG_JSONL_H
#define SEG_JSONL_H
#include <stddef.h>

#include "buf.h"
#include "error.h"
#include "reader.h"

typedef struct {
  const char *id_key, *text_key, *target_key; /* target_key NULL: no target text */
} seg_jsonl_keys;

typedef struct {
  seg_buf id;     /* the id as text (numbers are written as in the input) */
  seg_buf text;   /* document text (may hold NUL bytes) */
  seg_buf target; /* target text, with target_key */
  size_t lineno;  /* input line of the object */
} seg_jsonl_doc;

/* Reads the next document from `r`. Returns 1 with *doc filled, 0 at the end of input, or a
 * negative status: SEG_ERR_INPUT for a line that is not a usable object (err names line and
 * column; the caller skips it or stops under --strict), SEG_ERR_IO for a read error. */
int seg_jsonl_next(seg_reader *r, const char *file, const seg_jsonl_keys *keys,
                   seg_jsonl_doc *doc, seg_error *err);
void seg_jsonl_doc_free(seg_jsonl_doc *doc);

#endif
