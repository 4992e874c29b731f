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
  int target_optional; /* a document without target_key has an empty target (--unaligned) */
} seg_jsonl_keys;

typedef struct {
  seg_buf id;         /* the id as text: a string's value; an integer's digits exactly as in the
                       * input (any size); the line number when the id key is absent or null */
  seg_buf text;       /* document text (may hold NUL bytes) */
  seg_buf target;     /* target text, with target_key */
  int target_missing; /* target_optional and the object has no string target_key: target empty */
  int id_from_line;   /* the id is the line number (no id key, or null) */
  size_t lineno;      /* input line of the object */
} seg_jsonl_doc;

/* Reads the next document from `r`. Returns 1 with *doc filled, 0 at the end of input, or a
 * negative status: SEG_ERR_INPUT for a line that is not a usable object (err names line and
 * column; the caller skips it or stops under --strict), SEG_ERR_IO for a read error (and the
 * reader's decoding errors). An id that is neither a string nor an integer (nor absent or null)
 * and a text (or, unless target_optional, a target) that is not a string are SEG_ERR_INPUT. */
int seg_jsonl_next(seg_reader *r, const char *file, const seg_jsonl_keys *keys,
                   seg_jsonl_doc *doc, seg_error *err);
void seg_jsonl_doc_free(seg_jsonl_doc *doc);

#endif
