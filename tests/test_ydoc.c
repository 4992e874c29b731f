/* ydoc: YAML tree, marks and limits for untrusted input. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "ydoc.h"

static seg_ynode *parse(const char *y, seg_error *err) {
  return seg_ydoc_parse(y, strlen(y), "t.yaml", err);
}

/* Writes `text` to a new file named from the mkstemp template `path`. */
static void temp_file(char *path, const char *text) {
  int fd = mkstemp(path);
  cr_assert_geq(fd, 0);
  cr_assert_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
  close(fd);
}

Test(ydoc, tree_and_marks) {
  seg_error err = {0};
  seg_ynode *r = parse("a: 1\nb:\n  - x\n  - 'true'\n", &err);
  cr_assert_not_null(r, "%s", err.msg);
  cr_expect_eq(r->kind, SEG_Y_MAP);
  const seg_ynode *b = seg_ynode_get(r, "b");
  cr_assert_not_null(b);
  cr_expect_eq(b->kind, SEG_Y_SEQ);
  cr_expect_eq(b->len, 2);
  cr_expect_eq(b->kids[1]->line, 4);
  cr_expect_eq(b->kids[1]->col, 5);
  cr_expect_not(b->kids[1]->plain);
  seg_ynode_free(r);
}

Test(ydoc, syntax_error_has_position) {
  seg_error err = {0};
  cr_expect_null(parse("a: [1, 2\nb: 3\n", &err));
  cr_expect_eq(err.code, SEG_ERR_CONFIG);
  cr_expect_str_eq(err.file, "t.yaml");
  cr_expect_gt(err.line, 0);
}

Test(ydoc, aliases_rejected) {
  seg_error err = {0};
  cr_expect_null(parse("a: &x [1, 2]\nb: *x\n", &err));
  cr_expect(strstr(err.msg, "aliases are not supported"), "%s", err.msg);
  cr_expect_eq(err.line, 2);
}

Test(ydoc, deep_nesting_rejected) {
  seg_buf b = {0};
  for (int i = 0; i < 100; i++) seg_buf_putc(&b, '[');
  for (int i = 0; i < 100; i++) seg_buf_putc(&b, ']');
  seg_error err = {0};
  cr_expect_null(parse(b.data, &err));
  cr_expect(strstr(err.msg, "nested too deeply"), "%s", err.msg);
  seg_buf_free(&b);
}

Test(ydoc, huge_scalar_rejected) {
  size_t n = SEG_YAML_MAX_SCALAR + 10;
  char *y = malloc(n + 8);
  memcpy(y, "a: ", 3);
  memset(y + 3, 'x', n);
  y[n + 3] = '\0';
  seg_error err = {0};
  cr_expect_null(parse(y, &err));
  cr_expect(strstr(err.msg, "scalar too long"), "%s", err.msg);
  free(y);
}

Test(ydoc, unknown_and_duplicate_keys) {
  seg_error err = {0};
  seg_ynode *r = parse("a: 1\nc: 2\n", &err);
  static const char *const allowed[] = {"a", "b", NULL};
  cr_expect_neq(seg_ynode_keys_allowed(r, allowed, "t.yaml", &err), 0);
  cr_expect_str_eq(err.msg, "unknown key 'c' (expected one of: a, b)");
  cr_expect_eq(err.line, 2);
  seg_ynode_free(r);
  r = parse("a: 1\na: 2\n", &err);
  cr_expect_neq(seg_ynode_keys_allowed(r, allowed, "t.yaml", &err), 0);
  cr_expect(strstr(err.msg, "duplicate key 'a'"), "%s", err.msg);
  seg_ynode_free(r);
}

Test(ydoc, empty_document_is_empty_map) {
  seg_error err = {0};
  seg_ynode *r = parse("", &err);
  cr_assert_not_null(r);
  cr_expect_eq(r->kind, SEG_Y_MAP);
  cr_expect_eq(r->len, 0);
  seg_ynode_free(r);
}

/* A tree loader that records what it was given (and frees the tree, as loaders do). */
typedef struct {
  int calls;
  char name[64];
  char first_key[16];
} loaded;

static seg_status record_tree(void *obj, seg_ynode *root, const char *name, seg_error *err) {
  (void)err;
  loaded *l = obj;
  l->calls++;
  snprintf(l->name, sizeof l->name, "%s", name);
  if (root->kind == SEG_Y_MAP && root->len)
    snprintf(l->first_key, sizeof l->first_key, "%s", root->kids[0]->str);
  seg_ynode_free(root);
  return SEG_OK;
}

Test(ydoc, missing_file_names_it) {
  seg_error err = {0};
  loaded l = {0};
  cr_expect_eq(seg_ydoc_load_into("/nonexistent/x.yaml", record_tree, &l, &err), SEG_ERR_CONFIG);
  cr_expect_eq(l.calls, 0, "no tree, no loader");
  cr_expect_str_eq(err.file, "/nonexistent/x.yaml");
  cr_expect(strstr(err.msg, "cannot open"));
}

Test(ydoc, a_file_and_a_text_reach_the_same_loader) {
  char path[] = "/tmp/seg_ydoc_XXXXXX";
  const char *text = "first: 1\nsecond: [a, b]\n";
  temp_file(path, text);
  seg_error err = {0};
  loaded from_file = {0}, from_text = {0};
  cr_assert_eq(seg_ydoc_load_into(path, record_tree, &from_file, &err), SEG_OK, "%s", err.msg);
  unlink(path);
  cr_assert_eq(seg_ydoc_parse_into(text, strlen(text), "<embedded>/t.yaml", record_tree,
                                   &from_text, &err),
               SEG_OK, "%s", err.msg);
  cr_expect_eq(from_file.calls, 1);
  cr_expect_eq(from_text.calls, 1);
  cr_expect_str_eq(from_file.name, path, "messages name the file");
  cr_expect_str_eq(from_text.name, "<embedded>/t.yaml");
  cr_expect_str_eq(from_file.first_key, "first");
  cr_expect_str_eq(from_text.first_key, "first");
}

Test(ydoc, a_text_that_does_not_parse_reaches_no_loader) {
  seg_error err = {0};
  loaded l = {0};
  const char *text = "a: [1, 2\nb: 3\n";
  cr_expect_eq(seg_ydoc_parse_into(text, strlen(text), "bad.yaml", record_tree, &l, &err),
               SEG_ERR_CONFIG);
  cr_expect_eq(l.calls, 0);
  cr_expect_str_eq(err.file, "bad.yaml");
  cr_expect_gt(err.line, 0, "a position");
}

/* What a streamed document hands out: each item with the keys read before the list. */
typedef struct {
  size_t items, adds, keys_at_first, fail_at;
  char seen[64];
  int plain, list_len, after_key;
  size_t heap_first, heap_last;
} streamed;

#include <malloc.h>

static size_t heap_in_use(void) {
  struct mallinfo2 mi = mallinfo2();
  return mi.uordblks + mi.hblkhd;
}

static seg_status record_item(void *obj, const seg_ynode *root, const seg_ynode *item,
                              const char *name, seg_error *err) {
  streamed *s = obj;
  if (!s->items) s->keys_at_first = root->len;
  s->items++;
  if (s->items == 2) s->heap_first = heap_in_use();
  s->heap_last = heap_in_use();
  if (item->kind == SEG_Y_SCALAR && strlen(s->seen) + item->len < sizeof s->seen - 1)
    strcat(s->seen, item->str);
  if (s->fail_at && s->items == s->fail_at)
    return seg_error_set(err, SEG_ERR_CONFIG, name, item->line, item->col, "item refused");
  return SEG_OK;
}

static seg_status record_root(void *obj, seg_ynode *root, const char *name, seg_error *err) {
  (void)name, (void)err;
  streamed *s = obj;
  s->adds++;
  const seg_ynode *list = seg_ynode_get(root, "terms");
  s->plain = list ? list->plain : -1;
  s->list_len = list ? (int)list->len : -1;
  s->after_key = seg_ynode_get(root, "after") != NULL;
  seg_ynode_free(root);
  return SEG_OK;
}

Test(ydoc, a_streamed_list_arrives_item_by_item) {
  seg_error err = {0};
  streamed s = {0};
  const char *y = "before: 1\nterms: [a, b, c]\nafter: 2\n";
  cr_assert_eq(seg_ydoc_stream_into(y, strlen(y), "t.yaml", "terms", record_item, record_root, &s,
                                    &err),
               SEG_OK, "%s", err.msg);
  cr_expect_eq(s.items, 3);
  cr_expect_str_eq(s.seen, "abc", "in order");
  cr_expect_eq(s.keys_at_first, 2, "`before` and the list itself, not `after`");
  cr_expect_eq(s.adds, 1);
  cr_expect_eq(s.plain, 1, "the root's list says it was streamed");
  cr_expect_eq(s.list_len, 0, "and holds nothing");
  cr_expect(s.after_key, "keys after the list reach the root");
}

Test(ydoc, what_is_not_a_streamed_list_is_built_as_usual) {
  seg_error err = {0};
  streamed s = {0};
  const char *y = "terms: {a: 1}\n";
  cr_assert_eq(seg_ydoc_stream_into(y, strlen(y), "t.yaml", "terms", record_item, record_root, &s,
                                    &err),
               SEG_OK);
  cr_expect_eq(s.items, 0);
  cr_expect_eq(s.adds, 1);
  cr_expect_eq(s.plain, 0, "a mapping under the key is a tree");
  streamed l = {0};
  y = "- a\n- b\n";
  cr_assert_eq(seg_ydoc_stream_into(y, strlen(y), "t.yaml", "terms", record_item, record_root, &l,
                                    &err),
               SEG_OK);
  cr_expect_eq(l.items, 0, "a root that is a list is no mapping: nothing streamed");
  cr_expect_eq(l.adds, 1);
}

Test(ydoc, a_refused_item_stops_the_stream) {
  seg_error err = {0};
  streamed s = {.fail_at = 2};
  const char *y = "terms:\n  - a\n  - b\n  - c\n";
  cr_expect_eq(seg_ydoc_stream_into(y, strlen(y), "t.yaml", "terms", record_item, record_root, &s,
                                    &err),
               SEG_ERR_CONFIG);
  cr_expect_eq(s.items, 2);
  cr_expect_eq(s.adds, 0, "no root after a failure");
  cr_expect_str_eq(err.msg, "item refused");
  cr_expect_eq(err.line, 3);
  streamed bad = {0};
  y = "terms:\n  - a\n  - [b\n";
  cr_expect_eq(seg_ydoc_stream_into(y, strlen(y), "t.yaml", "terms", record_item, record_root,
                                    &bad, &err),
               SEG_ERR_CONFIG);
  cr_expect_eq(bad.adds, 0, "a syntax error inside the list");
  cr_expect_gt(err.line, 0);
}

/* Memory grows with one item, not with the list: 20,000 items of ~100 bytes each (a tree of
 * them holds megabytes) leave the heap where the second item found it. (Under a sanitizer the
 * allocator is not glibc's and this measures nothing.) */
Test(ydoc, a_streamed_list_is_freed_item_by_item) {
  seg_buf y = {0};
  seg_buf_append(&y, "terms:\n", 7);
  for (int i = 0; i < 20000; i++) {
    char line[160];
    int n = snprintf(line, sizeof line,
                     "  - {canonical: \"Istilah nomor %d\", variants: [\"varian %d\", \"V%d\"], "
                     "target: \"Term number %d\"}\n",
                     i, i, i, i);
    seg_buf_append(&y, line, (size_t)n);
  }
  seg_error err = {0};
  streamed s = {0};
  cr_assert_eq(seg_ydoc_stream_into(y.data, y.len, "big.yaml", "terms", record_item, record_root,
                                    &s, &err),
               SEG_OK, "%s", err.msg);
  seg_buf_free(&y);
  cr_expect_eq(s.items, 20000);
  cr_expect_lt(s.heap_last, s.heap_first + 256 * 1024, "heap %zu bytes at item 2, %zu at the last",
               s.heap_first, s.heap_last);
}

Test(ydoc, a_streamed_file_names_itself) {
  char path[] = "/tmp/seg_ydoc_XXXXXX";
  const char *text = "terms:\n  - x\n  - [y\n";
  temp_file(path, text);
  seg_error err = {0};
  streamed s = {0};
  cr_expect_eq(seg_ydoc_stream_file(path, "terms", record_item, record_root, &s, &err),
               SEG_ERR_CONFIG);
  unlink(path);
  cr_expect_eq(s.items, 1);
  cr_expect_str_eq(err.file, path);
  streamed m = {0};
  cr_expect_eq(seg_ydoc_stream_file("/nonexistent/t.yaml", "terms", record_item, record_root, &m,
                                    &err),
               SEG_ERR_CONFIG);
  cr_expect(strstr(err.msg, "cannot open"));
}
