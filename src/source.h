/* source: documents in. One seg_input (a file, standard input, or bytes in memory) opened by
 * the configured input format yields documents: a text input is one document (with its
 * translation's text when aligning); a JSONL input one document per line, its id, text and
 * (with a target key) translation taken from the object. A source owns the JSONL policy for
 * unusable lines: reported through the warning callback and skipped, an error in strict mode.
 * Memory: one chunk of input plus one document (JSONL) or one line (text). */
#ifndef SEG_SOURCE_H
#define SEG_SOURCE_H
#include <stddef.h>

#include "reader.h"
#include "segment.h"

/* A document; every pointer is owned by the source and valid until the next call. */
typedef struct {
  const char *id;        /* the doc column */
  seg_reader *text;      /* the document's text */
  seg_reader *target;    /* its translation (NULL: none) */
  const char *target_id; /* what messages about the translation name */
  size_t lineno;         /* JSONL: the object's input line (0 otherwise) */
} seg_document;

typedef struct seg_source seg_source;

/* Opens `in` (borrowed; must outlive the source) as `cfg` says. NULL with err set when a file
 * cannot be opened (SEG_ERR_IO: "FILE: cannot open: reason"). */
seg_source *seg_source_open(const seg_input *in, const seg_config *cfg, seg_warn_fn warn,
                            void *warn_ctx, seg_error *err);
/* 1: *doc holds the next document; 0: no more; negative: an error (err set). */
int seg_source_next(seg_source *s, seg_document *doc, seg_error *err);
/* Input bytes consumed so far. */
size_t seg_source_bytes(const seg_source *s);
/* Rewrites an error positioned inside document `doc` to name where the document is (a JSONL
 * line: "FILE:LINE: document ID"). */
void seg_source_locate(const seg_source *s, const seg_document *doc, seg_error *err);
void seg_source_free(seg_source *s);

#endif
