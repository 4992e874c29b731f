/* annotate: see annotate.h. The annotated text is built with a class byte per byte ('0', '1',
 * '2'), then cut into tokens at White_Space: a token's factor is the class of its first byte,
 * and since a term and its annotation are always set off by spaces, every token is of one
 * class. Work and memory are linear in the sentence. */
#include "annotate.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

enum { TAG_OPEN, TAG_CLOSE, TAG_TOPEN, TAG_TCLOSE, NTAGS };

struct seg_annotator {
  const seg_glossary *g;
  seg_annotate_mode mode;
  char *tag[NTAGS]; /* owned; "" = none */
  seg_buf cls;      /* class of each byte of the annotated text */
};

seg_status seg_annotate_parse_mode(const char *s, seg_annotate_mode *mode, seg_error *err) {
  if (!strcmp(s, "append")) *mode = SEG_ANNOTATE_APPEND;
  else if (!strcmp(s, "replace")) *mode = SEG_ANNOTATE_REPLACE;
  else
    return seg_error_set(err, SEG_ERR_CONFIG, "", 0, 0,
                         "--annotate-terms: '%s' is neither 'append' nor 'replace'", s);
  return SEG_OK;
}

/* Length of the White_Space character at s[i] (i < n), or 0. */
static size_t space_at(const char *s, size_t n, size_t i) {
  unsigned char b = (unsigned char)s[i];
  if (b < 0x80) return b == ' ' || (b >= '\t' && b <= '\r');
  size_t k = i;
  int32_t c;
  U8_NEXT((const uint8_t *)s, k, n, c);
  return c >= 0 && u_isUWhiteSpace(c) ? k - i : 0;
}

/* Length of the White_Space character ending at s[n) (n > 0), or 0. */
static size_t space_before(const char *s, size_t n) {
  size_t k = n - 1;
  while (k > 0 && n - k < 4 && ((unsigned char)s[k] & 0xC0) == 0x80) k--;
  size_t w = space_at(s, n, k);
  return k + w == n ? w : 0;
}

/* A tag is one token: valid UTF-8 without White_Space, controls or ';'. */
static int tag_ok(const char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    int32_t c;
    U8_NEXT((const uint8_t *)s, i, n, c);
    if (c < 0x20 || c == 0x7F || c == ';' || u_isUWhiteSpace(c) || (c >= 0x80 && c < 0xA0))
      return 0;
  }
  return 1;
}

seg_annotator *seg_annotate_new(const seg_glossary *g, seg_annotate_mode mode, const char *tags,
                                seg_error *err) {
  if (!tags) tags = SEG_ANNOTATE_DEFAULT_TAGS;
  seg_annotator *a = seg_xcalloc(1, sizeof *a);
  a->g = g;
  a->mode = mode;
  int none = !strcmp(tags, "none");
  const char *p = tags;
  for (int k = 0; k < NTAGS; k++) {
    size_t n = none ? 0 : strcspn(p, ",");
    a->tag[k] = seg_xstrndup(p, n);
    if (!none && ((p[n] != ',') != (k == NTAGS - 1) || !tag_ok(p, n))) {
      seg_error_set(err, SEG_ERR_CONFIG, "", 0, 0,
                    "--term-tags: '%s' is not four comma-separated tags without spaces, "
                    "controls or ';' (or 'none')",
                    tags);
      seg_annotate_free(a);
      return NULL;
    }
    p += n + (p[n] == ',');
  }
  return a;
}

void seg_annotate_free(seg_annotator *a) {
  if (!a) return;
  for (int k = 0; k < NTAGS; k++) free(a->tag[k]);
  seg_buf_free(&a->cls);
  free(a);
}

static void put(seg_annotator *a, seg_buf *out, const char *s, size_t n, char cls) {
  seg_buf_append(out, s, n);
  seg_buf_reserve(&a->cls, n);
  memset(a->cls.data + a->cls.len, cls, n);
  a->cls.len += n;
  a->cls.data[a->cls.len] = '\0';
}

/* A space unless out is empty or already ends in one. */
static void gap(seg_annotator *a, seg_buf *out) {
  if (out->len && !space_before(out->data, out->len)) put(a, out, " ", 1, '0');
}

/* s wrapped in tags open and close (either may be empty), all of class cls. */
static void wrapped(seg_annotator *a, seg_buf *out, const char *open, const char *s, size_t n,
                    const char *close, char cls) {
  gap(a, out);
  if (*open) {
    put(a, out, open, strlen(open), cls);
    put(a, out, " ", 1, cls);
  }
  put(a, out, s, n, cls);
  if (*close) {
    put(a, out, " ", 1, cls);
    put(a, out, close, strlen(close), cls);
  }
}

/* Plain text s[0, n), set off by a space from an annotation just before it. */
static void plain(seg_annotator *a, seg_buf *out, const char *s, size_t n, int after_term) {
  if (!n) return;
  if (after_term && !space_at(s, n, 0)) put(a, out, " ", 1, '0');
  put(a, out, s, n, '0');
}

static void factors_of(const seg_annotator *a, const seg_buf *out, seg_buf *factors) {
  seg_buf_clear(factors);
  for (size_t i = 0; i < out->len;) {
    size_t w = space_at(out->data, out->len, i);
    if (w) {
      i += w;
      continue;
    }
    if (factors->len) seg_buf_putc(factors, ' ');
    seg_buf_putc(factors, a->cls.data[i]);
    while (i < out->len && !space_at(out->data, out->len, i)) i++;
  }
}

void seg_annotate_sentence(seg_annotator *a, const char *text, size_t len,
                           const seg_glossary_match *m, size_t n, seg_buf *out, seg_buf *factors) {
  seg_buf_clear(out);
  seg_buf_clear(&a->cls);
  size_t copied = 0;
  int after_term = 0;
  for (size_t i = 0; i < n; i++) {
    const char *target = seg_glossary_target(a->g, m[i].term);
    if (!target || m[i].out_start < copied || m[i].out_end > len) continue;
    plain(a, out, text + copied, m[i].out_start - copied, after_term);
    if (a->mode == SEG_ANNOTATE_APPEND)
      wrapped(a, out, a->tag[TAG_OPEN], text + m[i].out_start, m[i].out_end - m[i].out_start,
              a->tag[TAG_CLOSE], '1');
    wrapped(a, out, a->tag[TAG_TOPEN], target, strlen(target), a->tag[TAG_TCLOSE], '2');
    copied = m[i].out_end;
    after_term = 1;
  }
  plain(a, out, text + copied, len - copied, after_term);
  if (factors) factors_of(a, out, factors);
}
