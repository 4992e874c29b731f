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
  int fd = mkstemp(path);
  cr_assert_geq(fd, 0);
  const char *text = "first: 1\nsecond: [a, b]\n";
  cr_assert_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
  close(fd);
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
