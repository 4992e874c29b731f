/* writer_jsonl: the JSON Lines format: one object per row, keys are the column names, text
 * kept losslessly (tabs and newlines escaped, not replaced); invalid UTF-8 becomes U+FFFD. */
#include "writer.h"

#include "scan.h"

#include <stdint.h>
#include <string.h>
#include <unicode/utf8.h>

void seg_json_string(seg_buf *out, const char *s, size_t n) {
  static const char hex[] = "0123456789abcdef";
  seg_buf_putc(out, '"');
  const uint8_t *u = (const uint8_t *)s;
  for (size_t i = 0; i < n;) {
    size_t run = seg_scan_plain(s, n, i, '"', '\\');
    if (run > i) seg_buf_append(out, s + i, run - i);
    i = run;
    if (i >= n) break;
    unsigned char c = u[i];
    if (c == '"' || c == '\\') {
      char esc[2] = {'\\', (char)c};
      seg_buf_append(out, esc, 2);
      i++;
    } else if (c < 0x20) {
      const char *named = c == '\n' ? "\\n" : c == '\t' ? "\\t" : c == '\r' ? "\\r" : NULL;
      if (named) {
        seg_buf_append(out, named, 2);
      } else {
        char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
        seg_buf_append(out, esc, 6);
      }
      i++;
    } else {
      size_t start = i;
      int32_t cp;
      U8_NEXT(u, i, n, cp);
      if (cp < 0) seg_buf_append(out, "\xEF\xBF\xBD", 3);
      else seg_buf_append(out, s + start, i - start);
    }
  }
  seg_buf_putc(out, '"');
}

/* '{"name":' or ',"name":', written with one reserve */
static void jsonl_field(seg_buf *o, size_t i, const char *name) {
  size_t n = strlen(name);
  seg_buf_reserve(o, n + 4);
  char *d = o->data + o->len;
  d[0] = i ? ',' : '{';
  d[1] = '"';
  memcpy(d + 2, name, n);
  d[n + 2] = '"';
  d[n + 3] = ':';
  d[n + 4] = '\0';
  o->len += n + 4;
}

static void jsonl_ids(seg_buf *o) { seg_buf_putc(o, '"'); }

static void jsonl_row_end(seg_buf *o) {
  seg_buf_putc(o, '}');
  seg_buf_putc(o, '\n');
}

const seg_format seg_format_jsonl = {jsonl_field, seg_json_string, seg_json_string, jsonl_ids,
                                     jsonl_row_end, 0};
