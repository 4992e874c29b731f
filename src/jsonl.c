/* jsonl: see jsonl.h. One jansson parse per line; nothing is kept between lines. */
#include "jsonl.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <unicode/utf8.h>

static int only_space(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r') return 0;
  return 1;
}

/* Copies a string or number member into out; 0 if absent or of another type. */
static int member_text(json_t *obj, const char *key, seg_buf *out, int numbers_ok) {
  json_t *v = json_object_get(obj, key);
  seg_buf_clear(out);
  if (json_is_string(v)) {
    seg_buf_append(out, json_string_value(v), json_string_length(v));
    return 1;
  }
  if (numbers_ok && json_is_integer(v)) {
    char tmp[32];
    int len = snprintf(tmp, sizeof tmp, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    seg_buf_append(out, tmp, (size_t)len);
    return 1;
  }
  return 0;
}

int seg_jsonl_next(seg_reader *r, const char *file, const seg_jsonl_keys *keys,
                   seg_jsonl_doc *doc, seg_error *err) {
  seg_line line;
  int rc;
  while ((rc = seg_reader_next(r, &line, err)) > 0 && only_space(line.bytes, line.len)) {
  }
  if (rc <= 0) return rc;
  doc->lineno = line.lineno;
  json_error_t je;
  json_t *obj = json_loadb(line.bytes, line.len, JSON_ALLOW_NUL | JSON_REJECT_DUPLICATES, &je);
  if (!obj)
    return seg_error_set(err, SEG_ERR_INPUT, file, line.lineno, (size_t)(je.column > 0 ? je.column : 1),
                         "invalid JSON: %s", je.text);
  int ok = json_is_object(obj);
  const char *missing = NULL;
  if (ok && !member_text(obj, keys->id_key, &doc->id, 1)) missing = keys->id_key;
  else if (ok && !member_text(obj, keys->text_key, &doc->text, 0)) missing = keys->text_key;
  else if (ok && keys->target_key && !member_text(obj, keys->target_key, &doc->target, 0))
    missing = keys->target_key;
  json_decref(obj);
  if (!ok)
    return seg_error_set(err, SEG_ERR_INPUT, file, line.lineno, 1,
                         "invalid JSON: a line must hold one object");
  if (missing)
    return seg_error_set(err, SEG_ERR_INPUT, file, line.lineno, 1,
                         "key '%s' is missing or not a string%s", missing,
                         missing == keys->id_key ? " or integer" : "");
  return 1;
}

void seg_jsonl_doc_free(seg_jsonl_doc *doc) {
  seg_buf_free(&doc->id);
  seg_buf_free(&doc->text);
  seg_buf_free(&doc->target);
}
