/* jsonl: reading documents from JSON Lines and writing JSON strings. */
#include <criterion/criterion.h>
#include <string.h>

#include "jsonl.h"
#include "writer.h"

static const seg_jsonl_keys KEYS = {"id", "text", NULL};

Test(jsonl, documents_and_errors_in_order) {
  const char *in = "{\"id\":\"a\",\"text\":\"Satu.\\nDua.\"}\n"
                   "\n"
                   "{\"id\":42,\"text\":\"x\\u0000y\"}\n"
                   "[1,2]\n"
                   "{\"id\":\"b\"}\n"
                   "{\"id\":\"c\",\"text\":\"ok\"\n";
  seg_reader *r = seg_reader_open_mem(in, strlen(in), "c.jsonl");
  seg_jsonl_doc d = {0};
  seg_error err = {0};
  cr_assert_eq(seg_jsonl_next(r, "c.jsonl", &KEYS, &d, &err), 1);
  cr_expect_str_eq(d.id.data, "a");
  cr_expect_eq(d.text.len, 10);
  cr_expect(!memcmp(d.text.data, "Satu.\nDua.", 10));
  cr_assert_eq(seg_jsonl_next(r, "c.jsonl", &KEYS, &d, &err), 1, "blank lines are skipped");
  cr_expect_str_eq(d.id.data, "42", "integer ids are written as in the input");
  cr_expect_eq(d.text.len, 3, "NUL inside a string is kept");
  cr_expect_eq(d.lineno, 3);
  cr_expect_eq(seg_jsonl_next(r, "c.jsonl", &KEYS, &d, &err), SEG_ERR_INPUT);
  cr_expect_str_eq(err.msg, "invalid JSON: a line must hold one object");
  cr_expect_eq(err.line, 4);
  cr_expect_eq(seg_jsonl_next(r, "c.jsonl", &KEYS, &d, &err), SEG_ERR_INPUT);
  cr_expect_str_eq(err.msg, "key 'text' is missing or not a string");
  cr_expect_eq(seg_jsonl_next(r, "c.jsonl", &KEYS, &d, &err), SEG_ERR_INPUT);
  cr_expect(!strncmp(err.msg, "invalid JSON: ", 14), "%s", err.msg);
  cr_expect_eq(err.line, 6);
  cr_expect_eq(seg_jsonl_next(r, "c.jsonl", &KEYS, &d, &err), 0);
  seg_jsonl_doc_free(&d);
  seg_reader_free(r);
}

Test(jsonl, custom_keys_and_target) {
  const char *in = "{\"url\":\"u1\",\"body\":\"Halo.\",\"en\":\"Hello.\"}\n";
  seg_jsonl_keys k = {"url", "body", "en"};
  seg_reader *r = seg_reader_open_mem(in, strlen(in), "c.jsonl");
  seg_jsonl_doc d = {0};
  seg_error err = {0};
  cr_assert_eq(seg_jsonl_next(r, "c.jsonl", &k, &d, &err), 1, "%s", err.msg);
  cr_expect_str_eq(d.id.data, "u1");
  cr_expect_str_eq(d.target.data, "Hello.");
  seg_jsonl_doc_free(&d);
  seg_reader_free(r);
}

Test(jsonl, string_escaping) {
  seg_buf b = {0};
  seg_json_string(&b, "a\"b\\c\td\ne\x01\xC3\xA9\xFF", 13);
  cr_expect_str_eq(b.data, "\"a\\\"b\\\\c\\td\\ne\\u0001\xC3\xA9\xEF\xBF\xBD\"");
  seg_buf_free(&b);
}
