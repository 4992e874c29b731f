/* ydoc: libyaml events -> bounded tree. The only place that talks to libyaml. */
#include "ydoc.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "buf.h"

/* Every node, string and child array of one document comes from one arena freed together with
 * the root: a 10,000-term glossary is ~100,000 nodes, and one malloc and free each would cost
 * more than libyaml's parsing. */
typedef struct {
  const char *file;
  seg_error *err;
  size_t nodes;
  seg_arena arena;
  seg_ynode **kids; /* children of the open collections, innermost last */
  size_t nkids, kids_cap;
} loader;

static seg_ynode *new_node(loader *ld, seg_ykind kind, yaml_mark_t m) {
  seg_ynode *n = seg_arena_alloc(&ld->arena, sizeof *n, _Alignof(seg_ynode));
  memset(n, 0, sizeof *n);
  n->kind = (unsigned char)kind;
  n->line = (uint32_t)(m.line + 1); /* a file is at most 256 MiB */
  n->col = (uint32_t)(m.column + 1);
  return n;
}

/* A root: the node with the blocks holding the whole tree (the other nodes need no such field). */
typedef struct {
  seg_ynode node;
  seg_arena arena;
} yroot;

void seg_ynode_free(seg_ynode *n) {
  if (!n) return;
  yroot *r = (yroot *)(void *)((char *)n - offsetof(yroot, node));
  seg_arena_free(&r->arena);
  free(r);
}

static int parser_error(loader *ld, yaml_parser_t *p) {
  yaml_mark_t m = p->problem_mark;
  const char *problem = p->problem ? p->problem : "invalid YAML";
  if (p->context)
    seg_error_set(ld->err, SEG_ERR_CONFIG, ld->file, m.line + 1, m.column + 1, "%s %s", problem,
                  p->context);
  else
    seg_error_set(ld->err, SEG_ERR_CONFIG, ld->file, m.line + 1, m.column + 1, "%s", problem);
  return -1;
}

/* What a document's root mapping streams: the items of the list under `key`, each built in
 * `scratch` (emptied after each) and handed to `item`. */
typedef struct {
  const char *key;
  seg_yitem_fn item;
  void *obj;
  seg_arena scratch;
  seg_ynode **kids; /* the scratch loader's child stack, kept from item to item */
  size_t kids_cap;
} streamer;

static int stream_items(loader *ld, yaml_parser_t *p, streamer *st, const seg_ynode *root);

/* Parses the node whose first event is `ev` (already taken); a mapping given a streamer streams
 * the list under its key (the list's node left empty, `plain` set). */
static seg_ynode *parse_node(loader *ld, yaml_parser_t *p, yaml_event_t *ev, int depth,
                             streamer *st) {
  if (++ld->nodes > SEG_YAML_MAX_NODES) {
    seg_error_set(ld->err, SEG_ERR_CONFIG, ld->file, ev->start_mark.line + 1,
                  ev->start_mark.column + 1, "too many YAML nodes (limit %u)", SEG_YAML_MAX_NODES);
    return NULL;
  }
  if (depth > SEG_YAML_MAX_DEPTH) {
    seg_error_set(ld->err, SEG_ERR_CONFIG, ld->file, ev->start_mark.line + 1,
                  ev->start_mark.column + 1, "YAML nested too deeply (limit %d)",
                  SEG_YAML_MAX_DEPTH);
    return NULL;
  }
  switch (ev->type) {
  case YAML_ALIAS_EVENT:
    seg_error_set(ld->err, SEG_ERR_CONFIG, ld->file, ev->start_mark.line + 1,
                  ev->start_mark.column + 1, "YAML aliases are not supported");
    return NULL;
  case YAML_SCALAR_EVENT: {
    if (ev->data.scalar.length > SEG_YAML_MAX_SCALAR) {
      seg_error_set(ld->err, SEG_ERR_CONFIG, ld->file, ev->start_mark.line + 1,
                    ev->start_mark.column + 1, "YAML scalar too long (%zu bytes, limit %u)",
                    (size_t)ev->data.scalar.length, SEG_YAML_MAX_SCALAR);
      return NULL;
    }
    seg_ynode *n = new_node(ld, SEG_Y_SCALAR, ev->start_mark);
    n->str = seg_arena_alloc(&ld->arena, ev->data.scalar.length + 1, 1);
    memcpy(n->str, ev->data.scalar.value, ev->data.scalar.length);
    n->str[ev->data.scalar.length] = '\0';
    n->len = (uint32_t)ev->data.scalar.length; /* <= SEG_YAML_MAX_SCALAR */
    n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    return n;
  }
  case YAML_SEQUENCE_START_EVENT:
  case YAML_MAPPING_START_EVENT: {
    int is_map = ev->type == YAML_MAPPING_START_EVENT;
    yaml_event_type_t end = is_map ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT;
    seg_ynode *n = new_node(ld, is_map ? SEG_Y_MAP : SEG_Y_SEQ, ev->start_mark);
    size_t base = ld->nkids;
    for (;;) {
      yaml_event_t kid;
      if (!yaml_parser_parse(p, &kid)) {
        parser_error(ld, p);
        return NULL;
      }
      if (kid.type == end) {
        yaml_event_delete(&kid);
        break;
      }
      seg_ynode *k;
      const seg_ynode *key = (ld->nkids - base) % 2 ? ld->kids[ld->nkids - 1] : NULL;
      if (st && is_map && key && kid.type == YAML_SEQUENCE_START_EVENT &&
          key->kind == SEG_Y_SCALAR && !strcmp(key->str, st->key)) {
        k = new_node(ld, SEG_Y_SEQ, kid.start_mark);
        k->plain = 1;
        SEG_GROW(ld->kids, ld->kids_cap, ld->nkids + 1);
        ld->kids[ld->nkids++] = k; /* the mapping so far, for the callback */
        n->kids = ld->kids + base;
        n->len = (uint32_t)((ld->nkids - base) / 2);
        int bad = stream_items(ld, p, st, n);
        n->kids = NULL;
        ld->nkids--;
        st = NULL; /* one list only: a second key of that name is built (and refused) */
        if (bad) k = NULL;
      } else {
        k = parse_node(ld, p, &kid, depth + 1, NULL);
      }
      yaml_event_delete(&kid);
      if (!k) return NULL;
      SEG_GROW(ld->kids, ld->kids_cap, ld->nkids + 1);
      ld->kids[ld->nkids++] = k;
    }
    size_t count = ld->nkids - base;
    if (count) {
      n->kids = seg_arena_alloc(&ld->arena, count * sizeof *n->kids, _Alignof(seg_ynode *));
      memcpy(n->kids, ld->kids + base, count * sizeof *n->kids);
    }
    ld->nkids = base;
    n->len = (uint32_t)(is_map ? count / 2 : count); /* <= SEG_YAML_MAX_NODES */
    return n;
  }
  default:
    seg_error_set(ld->err, SEG_ERR_CONFIG, ld->file, ev->start_mark.line + 1,
                  ev->start_mark.column + 1, "unexpected YAML event");
    return NULL;
  }
}

/* The items of a list whose start event was taken, each parsed into the scratch arena and
 * handed to the streamer's callback with `root`, the mapping read so far. Returns nonzero on
 * an error (err set). */
static int stream_items(loader *ld, yaml_parser_t *p, streamer *st, const seg_ynode *root) {
  for (;;) {
    yaml_event_t ev;
    if (!yaml_parser_parse(p, &ev)) return parser_error(ld, p);
    if (ev.type == YAML_SEQUENCE_END_EVENT) {
      yaml_event_delete(&ev);
      return 0;
    }
    loader il = {ld->file, ld->err, ld->nodes, st->scratch, st->kids, 0, st->kids_cap};
    seg_ynode *item = parse_node(&il, p, &ev, 3, NULL);
    yaml_event_delete(&ev);
    ld->nodes = il.nodes;
    st->kids = il.kids;
    st->kids_cap = il.kids_cap;
    st->scratch = il.arena;
    int bad = !item || st->item(st->obj, root, item, ld->file, ld->err) != SEG_OK;
    seg_arena_free(&st->scratch);
    if (bad) return -1;
  }
}

/* seg_ydoc_parse, streaming the root mapping's list under st->key when st is not NULL. */
static seg_ynode *parse_doc(const char *bytes, size_t len, const char *file, streamer *st,
                            seg_error *err) {
  loader ld = {file, err, 0, {NULL}, NULL, 0, 0};
  yaml_parser_t p;
  if (!yaml_parser_initialize(&p)) {
    seg_error_set(err, SEG_ERR_CONFIG, file, 0, 0, "cannot initialize the YAML parser");
    return NULL;
  }
  yaml_parser_set_input_string(&p, (const unsigned char *)bytes, len);
  seg_ynode *root = NULL;
  int failed = 0, docs = 0;
  for (;;) {
    yaml_event_t ev;
    if (!yaml_parser_parse(&p, &ev)) {
      parser_error(&ld, &p);
      failed = 1;
      break;
    }
    yaml_event_type_t t = ev.type;
    if (t == YAML_STREAM_END_EVENT) {
      yaml_event_delete(&ev);
      break;
    }
    if (t == YAML_DOCUMENT_START_EVENT && ++docs > 1) {
      seg_error_set(err, SEG_ERR_CONFIG, file, ev.start_mark.line + 1, ev.start_mark.column + 1,
                    "only one YAML document is allowed");
      yaml_event_delete(&ev);
      failed = 1;
      break;
    }
    if (t == YAML_SCALAR_EVENT || t == YAML_SEQUENCE_START_EVENT ||
        t == YAML_MAPPING_START_EVENT || t == YAML_ALIAS_EVENT) {
      root = parse_node(&ld, &p, &ev, 1, st);
      yaml_event_delete(&ev);
      if (!root) {
        failed = 1;
        break;
      }
      continue;
    }
    yaml_event_delete(&ev);
  }
  yaml_parser_delete(&p);
  free(ld.kids);
  if (failed) {
    seg_arena_free(&ld.arena);
    return NULL;
  }
  if (!root) {
    yaml_mark_t m = {0, 0, 0};
    root = new_node(&ld, SEG_Y_MAP, m);
  }
  yroot *r = seg_xmalloc(sizeof *r);
  r->node = *root; /* nodes point only to their children: the copy stands in for it */
  r->arena = ld.arena;
  return &r->node;
}

seg_ynode *seg_ydoc_parse(const char *bytes, size_t len, const char *file, seg_error *err) {
  return parse_doc(bytes, len, file, NULL, err);
}

seg_status seg_ydoc_read_file(const char *path, seg_buf *out, seg_error *err) {
  FILE *f = fopen(path, "rb");
  if (!f) return seg_error_set(err, SEG_ERR_CONFIG, path, 0, 0, "cannot open: %s", strerror(errno));
  char chunk[65536];
  size_t n;
  int too_big = 0;
  while (!too_big && (n = fread(chunk, 1, sizeof chunk, f)) > 0) {
    seg_buf_append(out, chunk, n);
    too_big = out->len > 256u * 1024u * 1024u;
  }
  int bad = ferror(f);
  int saved = errno;
  fclose(f);
  if (bad) return seg_error_set(err, SEG_ERR_CONFIG, path, 0, 0, "cannot read: %s", strerror(saved));
  if (too_big) return seg_error_set(err, SEG_ERR_CONFIG, path, 0, 0, "file too large (limit 256 MiB)");
  return SEG_OK;
}

seg_status seg_ydoc_load_into(const char *path, seg_ytree_loader add, void *obj, seg_error *err) {
  seg_buf b = {0};
  seg_ynode *root = NULL;
  if (!seg_ydoc_read_file(path, &b, err)) root = seg_ydoc_parse(b.data ? b.data : "", b.len, path, err);
  seg_buf_free(&b);
  return root ? add(obj, root, path, err) : SEG_ERR_CONFIG;
}

seg_status seg_ydoc_parse_into(const char *bytes, size_t len, const char *name,
                               seg_ytree_loader add, void *obj, seg_error *err) {
  seg_ynode *root = seg_ydoc_parse(bytes, len, name, err);
  return root ? add(obj, root, name, err) : SEG_ERR_CONFIG;
}

seg_status seg_ydoc_stream_into(const char *bytes, size_t len, const char *name, const char *key,
                                seg_yitem_fn item, seg_ytree_loader add, void *obj,
                                seg_error *err) {
  streamer st = {key, item, obj, {NULL}, NULL, 0};
  seg_ynode *root = parse_doc(bytes, len, name, &st, err);
  seg_arena_free(&st.scratch);
  free(st.kids);
  return root ? add(obj, root, name, err) : SEG_ERR_CONFIG;
}

seg_status seg_ydoc_stream_file(const char *path, const char *key, seg_yitem_fn item,
                                seg_ytree_loader add, void *obj, seg_error *err) {
  seg_buf b = {0};
  seg_status rc = seg_ydoc_read_file(path, &b, err);
  if (!rc) rc = seg_ydoc_stream_into(b.data ? b.data : "", b.len, path, key, item, add, obj, err);
  seg_buf_free(&b);
  return rc;
}

static const char *kind_name(seg_ykind k) {
  return k == SEG_Y_SCALAR ? "a string" : k == SEG_Y_SEQ ? "a list" : "a mapping";
}

int seg_ynode_expect(const seg_ynode *n, seg_ykind kind, const char *what, const char *file,
                     seg_error *err) {
  if (n->kind == kind) return 0;
  seg_error_set(err, SEG_ERR_CONFIG, file, n->line, n->col, "%s must be %s, not %s", what,
                kind_name(kind), kind_name(n->kind));
  return -1;
}

int seg_ynode_bool(const seg_ynode *n, int *out, const char *what, const char *file,
                   seg_error *err) {
  if (n->kind == SEG_Y_SCALAR && n->plain) {
    if (!strcmp(n->str, "true") || !strcmp(n->str, "True") || !strcmp(n->str, "yes")) {
      *out = 1;
      return 0;
    }
    if (!strcmp(n->str, "false") || !strcmp(n->str, "False") || !strcmp(n->str, "no")) {
      *out = 0;
      return 0;
    }
  }
  seg_error_set(err, SEG_ERR_CONFIG, file, n->line, n->col, "%s must be true or false", what);
  return -1;
}

const seg_ynode *seg_ynode_get(const seg_ynode *map, const char *k) {
  if (!map || map->kind != SEG_Y_MAP) return NULL;
  for (size_t i = 0; i < map->len; i++) {
    const seg_ynode *key = map->kids[2 * i];
    if (key->kind == SEG_Y_SCALAR && !strcmp(key->str, k)) return map->kids[2 * i + 1];
  }
  return NULL;
}

int seg_ynode_keys_allowed(const seg_ynode *map, const char *const *allowed, const char *file,
                           seg_error *err) {
  for (size_t i = 0; i < map->len; i++) {
    const seg_ynode *key = map->kids[2 * i];
    if (key->kind != SEG_Y_SCALAR) {
      seg_error_set(err, SEG_ERR_CONFIG, file, key->line, key->col, "keys must be strings");
      return -1;
    }
    int ok = 0;
    for (const char *const *a = allowed; *a; a++)
      if (!strcmp(key->str, *a)) ok = 1;
    if (!ok) {
      seg_buf list = {0};
      for (const char *const *a = allowed; *a; a++) {
        if (list.len) seg_buf_append(&list, ", ", 2);
        seg_buf_append(&list, *a, strlen(*a));
      }
      seg_error_set(err, SEG_ERR_CONFIG, file, key->line, key->col,
                    "unknown key '%s' (expected one of: %s)", key->str, list.data);
      seg_buf_free(&list);
      return -1;
    }
    for (size_t j = 0; j < i; j++) {
      const seg_ynode *prev = map->kids[2 * j];
      if (prev->kind == SEG_Y_SCALAR && !strcmp(prev->str, key->str)) {
        seg_error_set(err, SEG_ERR_CONFIG, file, key->line, key->col,
                      "duplicate key '%s' (first at line %u)", key->str, prev->line);
        return -1;
      }
    }
  }
  return 0;
}
