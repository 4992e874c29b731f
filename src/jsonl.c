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

static size_t skip_ws(const char *s, size_t i, size_t n) {
  while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) i++;
  return i;
}

/* Index just past the string literal opening at s[i] (the line is valid JSON). */
static size_t skip_string(const char *s, size_t i, size_t n) {
  for (i++; i < n && s[i] != '"'; i++)
    if (s[i] == '\\') i++;
  return i + 1;
}

/* Index just past the value starting at s[i]. */
static size_t skip_value(const char *s, size_t i, size_t n) {
  if (s[i] == '"') return skip_string(s, i, n);
  if (s[i] == '{' || s[i] == '[') {
    size_t depth = 0;
    for (; i < n; i++) {
      if (s[i] == '"') i = skip_string(s, i, n) - 1;
      else if (s[i] == '{' || s[i] == '[') depth++;
      else if ((s[i] == '}' || s[i] == ']') && --depth == 0) return i + 1;
    }
    return n;
  }
  while (i < n && !strchr(",}] \t\r\n", s[i])) i++;
  return i;
}

static int key_equals(const char *lit, size_t len, const char *key) {
  if (!memchr(lit, '\\', len)) return len - 2 == strlen(key) && !memcmp(lit + 1, key, len - 2);
  json_t *k = json_loadb(lit, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL); /* escaped key */
  int eq = json_is_string(k) && json_string_length(k) == strlen(key) &&
           !memcmp(json_string_value(k), key, strlen(key));
  json_decref(k);
  return eq;
}

/* The raw text of member `key` of the top-level object of a line jansson has accepted, so an
 * integer keeps its digits whatever its size. 1 with (*val, *vlen) inside `s`, else 0. */
static int raw_member(const char *s, size_t n, const char *key, const char **val, size_t *vlen) {
  size_t i = skip_ws(s, 0, n);
  if (i >= n || s[i] != '{') return 0;
  for (i = skip_ws(s, i + 1, n); i < n && s[i] == '"';) {
    size_t k0 = i;
    i = skip_string(s, i, n);
    int match = key_equals(s + k0, i - k0, key);
    i = skip_ws(s, i, n); /* ':' */
    size_t v0 = skip_ws(s, i + 1, n);
    i = skip_value(s, v0, n);
    if (match) {
      *val = s + v0;
      *vlen = i - v0;
      return 1;
    }
    i = skip_ws(s, i, n);
    if (i < n && s[i] == ',') i = skip_ws(s, i + 1, n);
  }
  return 0;
}

/* -?(0|[1-9][0-9]*): a JSON integer, of any size. */
static int integer_lexeme(const char *s, size_t n) {
  size_t i = n && s[0] == '-';
  if (i >= n || (s[i] == '0' && n - i > 1)) return 0;
  for (; i < n; i++)
    if (s[i] < '0' || s[i] > '9') return 0;
  return 1;
}

/* The id member: a string, an integer's digits, or (absent or null) the line number.
 * 0, or -1 when it is of another type. */
static int read_id(json_t *obj, const seg_line *line, const char *key, seg_jsonl_doc *doc) {
  json_t *v = json_object_get(obj, key);
  seg_buf_clear(&doc->id);
  doc->id_from_line = 0;
  if (json_is_string(v)) {
    seg_buf_append(&doc->id, json_string_value(v), json_string_length(v));
    return 0;
  }
  if (!v || json_is_null(v)) {
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%zu", line->lineno);
    seg_buf_append(&doc->id, digits, (size_t)len);
    doc->id_from_line = 1;
    return 0;
  }
  const char *raw;
  size_t rawlen;
  if (json_is_number(v) && raw_member(line->bytes, line->len, key, &raw, &rawlen) &&
      integer_lexeme(raw, rawlen)) {
    seg_buf_append(&doc->id, raw, rawlen);
    return 0;
  }
  return -1;
}

/* Copies a string member into out: 1, or 0 if absent or of another type. */
static int member_text(json_t *obj, const char *key, seg_buf *out) {
  json_t *v = json_object_get(obj, key);
  seg_buf_clear(out);
  if (!json_is_string(v)) return 0;
  seg_buf_append(out, json_string_value(v), json_string_length(v));
  return 1;
}

int seg_jsonl_next(seg_reader *r, const char *file, const seg_jsonl_keys *keys,
                   seg_jsonl_doc *doc, seg_error *err) {
  seg_line line;
  int rc;
  while ((rc = seg_reader_next(r, &line, err)) > 0 && only_space(line.bytes, line.len)) {
  }
  if (rc <= 0) return rc;
  doc->lineno = line.lineno;
  doc->target_missing = 0;
  json_error_t je;
  /* integers as reals: a 20-digit id must not fail the line; read_id takes its digits */
  json_t *obj = json_loadb(line.bytes, line.len,
                           JSON_ALLOW_NUL | JSON_REJECT_DUPLICATES | JSON_DECODE_INT_AS_REAL, &je);
  if (!obj)
    return seg_error_set(err, SEG_ERR_INPUT, file, line.lineno, (size_t)(je.column > 0 ? je.column : 1),
                         "invalid JSON: %s", je.text);
  int ok = json_is_object(obj);
  const char *missing = NULL;
  int bad_id = ok && read_id(obj, &line, keys->id_key, doc) != 0;
  if (bad_id) missing = keys->id_key;
  else if (ok && !member_text(obj, keys->text_key, &doc->text)) missing = keys->text_key;
  else if (ok && keys->target_key && !member_text(obj, keys->target_key, &doc->target)) {
    json_t *t = json_object_get(obj, keys->target_key);
    if (keys->target_optional && (!t || json_is_null(t))) doc->target_missing = 1;
    else missing = keys->target_key;
  }
  json_decref(obj);
  if (!ok)
    return seg_error_set(err, SEG_ERR_INPUT, file, line.lineno, 1,
                         "invalid JSON: a line must hold one object");
  if (bad_id)
    return seg_error_set(err, SEG_ERR_INPUT, file, line.lineno, 1,
                         "key '%s' is not a string or an integer", missing);
  if (missing)
    return seg_error_set(err, SEG_ERR_INPUT, file, line.lineno, 1,
                         "key '%s' is missing or not a string", missing);
  return 1;
}

void seg_jsonl_doc_free(seg_jsonl_doc *doc) {
  seg_buf_free(&doc->id);
  seg_buf_free(&doc->text);
  seg_buf_free(&doc->target);
}
