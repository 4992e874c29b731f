/* jsonl: reading documents from JSON Lines and writing JSON strings. */
#include <criterion/criterion.h>
#include <string.h>

#include "jsonl.h"
#include "writer.h"

static const seg_jsonl_keys KEYS = {.id_key = "id", .text_key = "text"};

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
  seg_jsonl_keys k = {.id_key = "url", .text_key = "body", .target_key = "en"};
  seg_reader *r = seg_reader_open_mem(in, strlen(in), "c.jsonl");
  seg_jsonl_doc d = {0};
  seg_error err = {0};
  cr_assert_eq(seg_jsonl_next(r, "c.jsonl", &k, &d, &err), 1, "%s", err.msg);
  cr_expect_str_eq(d.id.data, "u1");
  cr_expect_str_eq(d.target.data, "Hello.");
  seg_jsonl_doc_free(&d);
  seg_reader_free(r);
}

/* Ids: strings as they are, integers of any size as their digits, absent or null ids become
 * the line number; other types are errors. */
static const struct {
  const char *line, *id; /* id NULL: an error */
  int from_line;
} id_cases[] = {
    {"{\"id\":\"kompas-1\",\"text\":\"x\"}", "kompas-1", 0},
    {"{\"id\":12345678901234567890,\"text\":\"x\"}", "12345678901234567890", 0},
    {"{\"text\":\"x\", \"id\" : -98765432109876543210987 }", "-98765432109876543210987", 0},
    {"{\"meta\":{\"id\":1,\"s\":\"}\\\"\"},\"id\":7,\"text\":\"x\"}", "7", 0},
    {"{\"i\\u0064\":99,\"text\":\"x\"}", "99", 0},
    {"{\"id\":0,\"text\":\"x\"}", "0", 0},
    {"{\"text\":\"x\"}", "1", 1},
    {"{\"id\":null,\"text\":\"x\"}", "1", 1},
    {"{\"id\":1.5,\"text\":\"x\"}", NULL, 0},
    {"{\"id\":1e3,\"text\":\"x\"}", NULL, 0},
    {"{\"id\":[1],\"text\":\"x\"}", NULL, 0},
    {"{\"id\":true,\"text\":\"x\"}", NULL, 0},
};

Test(jsonl, ids_strings_big_integers_and_line_numbers) {
  for (size_t i = 0; i < sizeof id_cases / sizeof id_cases[0]; i++) {
    const char *in = id_cases[i].line;
    seg_reader *r = seg_reader_open_mem(in, strlen(in), "c.jsonl");
    seg_jsonl_doc d = {0};
    seg_error err = {0};
    int rc = seg_jsonl_next(r, "c.jsonl", &KEYS, &d, &err);
    if (id_cases[i].id) {
      cr_expect_eq(rc, 1, "%s: %s", in, err.msg);
      cr_expect_str_eq(d.id.data, id_cases[i].id, "%s", in);
      cr_expect_eq(d.id_from_line, id_cases[i].from_line, "%s", in);
    } else {
      cr_expect_eq(rc, SEG_ERR_INPUT, "%s", in);
      cr_expect_str_eq(err.msg, "key 'id' is not a string or an integer", "%s", in);
    }
    seg_jsonl_doc_free(&d);
    seg_reader_free(r);
  }
}

Test(jsonl, line_number_id_counts_blank_lines) {
  const char *in = "\n{\"text\":\"a\"}\n\n{\"text\":\"b\"}\n";
  seg_reader *r = seg_reader_open_mem(in, strlen(in), "c.jsonl");
  seg_jsonl_doc d = {0};
  seg_error err = {0};
  cr_assert_eq(seg_jsonl_next(r, "c.jsonl", &KEYS, &d, &err), 1);
  cr_expect_str_eq(d.id.data, "2");
  cr_assert_eq(seg_jsonl_next(r, "c.jsonl", &KEYS, &d, &err), 1);
  cr_expect_str_eq(d.id.data, "4");
  seg_jsonl_doc_free(&d);
  seg_reader_free(r);
}

Test(jsonl, missing_target_is_an_error_unless_optional) {
  const char *in = "{\"id\":\"a\",\"text\":\"Halo.\"}\n{\"id\":\"b\",\"text\":\"Halo.\",\"en\":null}\n"
                   "{\"id\":\"c\",\"text\":\"Halo.\",\"en\":5}\n{\"id\":\"d\",\"text\":\"Halo.\",\"en\":\"Hi.\"}\n";
  for (int optional = 0; optional <= 1; optional++) {
    seg_jsonl_keys k = {.id_key = "id", .text_key = "text", .target_key = "en",
                        .target_optional = optional};
    seg_reader *r = seg_reader_open_mem(in, strlen(in), "c.jsonl");
    seg_jsonl_doc d = {0};
    seg_error err = {0};
    for (int doc = 0; doc < 2; doc++) {
      int rc = seg_jsonl_next(r, "c.jsonl", &k, &d, &err);
      cr_expect_eq(rc, optional ? 1 : SEG_ERR_INPUT, "doc %d optional %d", doc, optional);
      if (optional) {
        cr_expect(d.target_missing);
        cr_expect_eq(d.target.len, 0);
      } else {
        cr_expect_str_eq(err.msg, "key 'en' is missing or not a string");
      }
    }
    cr_expect_eq(seg_jsonl_next(r, "c.jsonl", &k, &d, &err), SEG_ERR_INPUT, "a number is no text");
    cr_assert_eq(seg_jsonl_next(r, "c.jsonl", &k, &d, &err), 1);
    cr_expect(!d.target_missing);
    cr_expect_str_eq(d.target.data, "Hi.");
    seg_jsonl_doc_free(&d);
    seg_reader_free(r);
  }
}

Test(jsonl, string_escaping) {
  seg_buf b = {0};
  seg_json_string(&b, "a\"b\\c\td\ne\x01\xC3\xA9\xFF", 13);
  cr_expect_str_eq(b.data, "\"a\\\"b\\\\c\\td\\ne\\u0001\xC3\xA9\xEF\xBF\xBD\"");
  seg_buf_free(&b);
}
