/* ydoc: loads one YAML document into a small tree with line/column marks, using libyaml's event
 * API. Untrusted input is bounded here, once, for every YAML file the tool reads: aliases are
 * rejected (no "billion laughs"), nesting depth, scalar size and node count are capped. */
#ifndef SEG_YDOC_H
#define SEG_YDOC_H
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "error.h"

typedef enum { SEG_Y_SCALAR, SEG_Y_SEQ, SEG_Y_MAP } seg_ykind;

typedef struct seg_ynode {
  char *str;               /* SCALAR: value (NUL-terminated, lives as long as the tree) */
  struct seg_ynode **kids; /* SEQ: items; MAP: key0, value0, key1, value1, ... */
  uint32_t len;            /* SCALAR: bytes; SEQ: items; MAP: keys (bounded by the limits) */
  uint32_t line, col;      /* 1-based start mark */
  unsigned char kind;      /* a seg_ykind */
  unsigned char plain;     /* SCALAR: unquoted (so `true` is a boolean, `"true"` a string);
                            * SEQ: its items were streamed (seg_ydoc_stream_into), none held */
} seg_ynode; /* 32 bytes: a 10,000-term glossary is ~100,000 of them (the root, which owns the
              * tree's memory, is kept apart with it) */

#define SEG_YAML_MAX_DEPTH 32
#define SEG_YAML_MAX_SCALAR (64u * 1024u)
#define SEG_YAML_MAX_NODES 2000000u

/* Parses `bytes` (a whole file's content) named `file` for messages. Returns the root node
 * (owned by the caller; seg_ynode_free on it frees the whole tree) or NULL with `err` set
 * (SEG_ERR_CONFIG).
 * An empty document gives an empty mapping. */
seg_ynode *seg_ydoc_parse(const char *bytes, size_t len, const char *file, seg_error *err);
/* Reads a whole configuration file (at most 256 MiB) into `out`; SEG_ERR_CONFIG naming the
 * file when it cannot be read. */
seg_status seg_ydoc_read_file(const char *path, seg_buf *out, seg_error *err);
/* Builds `obj` from a parsed document and frees the tree (each data module's loader). */
typedef seg_status (*seg_ytree_loader)(void *obj, seg_ynode *root, const char *name,
                                       seg_error *err);
/* The two ways a YAML data file reaches its module, both through the module's one tree loader.
 * seg_ydoc_load_into reads and parses `path`, frees its text, then hands the tree to `add` with
 * the path as the name for messages (a large file's text and what is built from it are never in
 * memory together); an unreadable file is SEG_ERR_CONFIG naming it. seg_ydoc_parse_into does the
 * same for text already in memory (an embedded default), named `name`; the text stays the
 * caller's. Neither calls `add` when the document does not parse. */
seg_status seg_ydoc_load_into(const char *path, seg_ytree_loader add, void *obj, seg_error *err);
seg_status seg_ydoc_parse_into(const char *bytes, size_t len, const char *name,
                               seg_ytree_loader add, void *obj, seg_error *err);
/* The same for a document too large to hold as a tree (a glossary of many terms): when its
 * root is a mapping, the items of the list under `key` are read one at a time, each built,
 * handed to `item` with the mapping as far as it has been read (its keys before `key`, whose
 * list node is empty), and freed, so memory grows with one item, not with the list. That list
 * node stays in the root `add` gets, empty, with `plain` set to tell it was streamed (a second
 * `key`, or one whose value is no list, is built as usual). Any other document reaches `add`
 * as seg_ydoc_parse_into gives it. An `item` that fails stops the reading; `add` is not called
 * then. seg_ydoc_stream_file reads `path` first (the file's text is held while it is read). */
typedef seg_status (*seg_yitem_fn)(void *obj, const seg_ynode *root, const seg_ynode *item,
                                   const char *name, seg_error *err);
seg_status seg_ydoc_stream_into(const char *bytes, size_t len, const char *name, const char *key,
                                seg_yitem_fn item, seg_ytree_loader add, void *obj,
                                seg_error *err);
seg_status seg_ydoc_stream_file(const char *path, const char *key, seg_yitem_fn item,
                                seg_ytree_loader add, void *obj, seg_error *err);
/* Frees a tree given its root (other nodes are freed with their root, never alone). */
void seg_ynode_free(seg_ynode *n);

/* Schema helpers: each sets `err` (file:line:col of the node) and returns nonzero on mismatch. */
int seg_ynode_expect(const seg_ynode *n, seg_ykind kind, const char *what, const char *file,
                     seg_error *err);
/* Parses a plain true/false scalar into *out. */
int seg_ynode_bool(const seg_ynode *n, int *out, const char *what, const char *file,
                   seg_error *err);
/* Looks up key `k` in a mapping node; NULL when absent. */
const seg_ynode *seg_ynode_get(const seg_ynode *map, const char *k);
/* Checks that every key of `map` is in the NULL-terminated list `allowed`. */
int seg_ynode_keys_allowed(const seg_ynode *map, const char *const *allowed, const char *file,
                           seg_error *err);

#endif
