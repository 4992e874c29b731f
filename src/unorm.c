/* unorm: see unorm.h. One pass over the bytes of a line emits clean UTF-8 plus an offset map;
 * a fast path copies a line with nothing to normalize (most news lines) unchanged. Characters
 * are gathered into NFC segments (a starter plus what may combine with it), and only a segment
 * that is not already NFC by the quick check goes through ICU.
 * Must never: drop a byte without mapping it (a dropped character's bytes fall between two
 * mapped runs, a replaced one is a run of its own). */
#include "unorm.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

struct seg_unorm {
  const UNormalizer2 *nfc;
  seg_buf *out; /* the line being written */
  seg_offmap *map;
  seg_unorm_counts *counts;
  int space_pending, space_plain;
  size_t space_src, space_src_len;
  UChar *seg16; /* the pending NFC segment in UTF-16 */
  size_t seg16_len, seg16_cap, seg_cps, seg_src, seg_src_len;
  int32_t seg_first;
  int next_digit; /* the byte after the current character is a digit (" .5" keeps its space) */
};

seg_unorm *seg_unorm_new(seg_error *err) {
  seg_unorm *u = seg_xcalloc(1, sizeof *u);
  UErrorCode st = U_ZERO_ERROR;
  u->nfc = unorm2_getNFCInstance(&st);
  if (U_FAILURE(st)) {
    seg_error_set(err, SEG_ERR_ICU, NULL, 0, 0, "unorm2_getNFCInstance: %s", u_errorName(st));
    free(u);
    return NULL;
  }
  return u;
}

void seg_unorm_free(seg_unorm *u) {
  if (!u) return;
  free(u->seg16);
  free(u);
}

/* Decodes one valid-or-not UTF-8 sequence at s[i]. Returns bytes consumed (>= 1) and sets *cp
 * to the code point, or to -1 for an invalid sequence (maximal subpart consumed). */
size_t seg_unorm_decode(const unsigned char *s, size_t n, size_t i, int32_t *cp) {
  unsigned char b = s[i];
  if (b < 0x80) {
    *cp = b;
    return 1;
  }
  size_t need;
  int32_t c;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b >= 0xC2 && b <= 0xDF) {
    need = 1;
    c = b & 0x1F;
  } else if (b >= 0xE0 && b <= 0xEF) {
    need = 2;
    c = b & 0x0F;
    if (b == 0xE0) lo = 0xA0;
    if (b == 0xED) hi = 0x9F; /* no surrogates */
  } else if (b >= 0xF0 && b <= 0xF4) {
    need = 3;
    c = b & 0x07;
    if (b == 0xF0) lo = 0x90;
    if (b == 0xF4) hi = 0x8F;
  } else {
    *cp = -1;
    return 1;
  }
  size_t k = 1;
  for (; k <= need; k++) {
    if (i + k >= n) break;
    unsigned char t = s[i + k];
    if (k == 1 ? (t < lo || t > hi) : (t < 0x80 || t > 0xBF)) break;
    c = (c << 6) | (t & 0x3F);
  }
  if (k <= need) {
    *cp = -1;
    return k; /* the valid prefix of a truncated sequence is one error */
  }
  *cp = c;
  return need + 1;
}


int seg_unorm_is_odd_space(int32_t c) {
  return c == 0x09 || c == 0x0A || c == 0x0B || c == 0x0C || c == 0x0D || c == 0x85 ||
         c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

/* Invisible characters that carry no text: zero-width and bidi controls, soft hyphen, BOM,
 * C0/C1 controls. ZWJ/ZWNJ stay (emoji sequences, some scripts). */
static int is_droppable(int32_t c) {
  return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0xAD || c == 0x200B ||
         c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2060 && c <= 0x2064) || (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF;
}

int seg_unorm_is_blank(int32_t c) {
  return c == ' ' || seg_unorm_is_odd_space(c) || is_droppable(c);
}

/* ---------- HTML residue ---------- */

/* The named character references scrapers leave behind (HTML's full table is 2,000 names;
 * these are the ones met in news text). Sorted for bsearch. */
static const struct html_name {
  const char *name;
  int32_t cp;
} html_names[] = {
    {"amp", '&'},      {"apos", '\''},    {"bull", 0x2022},  {"copy", 0xA9},
    {"deg", 0xB0},     {"eacute", 0xE9},  {"euro", 0x20AC},  {"gt", '>'},
    {"hellip", 0x2026}, {"laquo", 0xAB},  {"ldquo", 0x201C}, {"lsquo", 0x2018},
    {"lt", '<'},       {"mdash", 0x2014}, {"middot", 0xB7},  {"nbsp", 0xA0},
    {"ndash", 0x2013}, {"quot", '"'},     {"raquo", 0xBB},   {"rdquo", 0x201D},
    {"reg", 0xAE},     {"rsquo", 0x2019}, {"shy", 0xAD},     {"thinsp", 0x2009},
    {"times", 0xD7},   {"trade", 0x2122}, {"zwj", 0x200D},   {"zwnj", 0x200C},
};

static int html_name_cmp(const void *key, const void *elem) {
  return strcmp(key, ((const struct html_name *)elem)->name);
}

/* Length of a character reference's body at s[j] (what follows its '&', up to and with the
 * ';'), 0 if there is none; *cp its character. Numeric (#8220; #x201C;) or named. */
static size_t entity_body(const char *s, size_t n, size_t j, int32_t *cp) {
  size_t from = j;
  if (j < n && s[j] == '#') {
    int hex = j + 1 < n && (s[j + 1] == 'x' || s[j + 1] == 'X');
    j += 1 + (size_t)hex;
    int32_t v = 0;
    size_t digits = 0;
    for (; j < n && digits < 8; j++, digits++) {
      int lc = s[j] | 0x20;
      int d = s[j] >= '0' && s[j] <= '9'          ? s[j] - '0'
              : hex && lc >= 'a' && lc <= 'f' ? lc - 'a' + 10
                                              : -1;
      if (d < 0) break;
      v = v * (hex ? 16 : 10) + d;
    }
    if (!digits || j >= n || s[j] != ';' || v <= 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
      return 0;
    *cp = v;
    return j + 1 - from;
  }
  char name[8];
  size_t k = 0;
  while (j < n && k < sizeof name - 1 && (s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'z')
    name[k++] = s[j++];
  if (!k || j >= n || s[j] != ';') return 0;
  name[k] = '\0';
  const struct html_name *e = bsearch(name, html_names, sizeof html_names / sizeof *html_names,
                                      sizeof *html_names, html_name_cmp);
  if (!e) return 0;
  *cp = e->cp;
  return j + 1 - from;
}

/* Length of the character reference at s[i] ('&'), 0 if there is none; *cp its character.
 * Always with its ';' ("&amp" alone is text). "&amp;nbsp;" (escaped twice) is one reference. */
static size_t html_entity(const char *s, size_t n, size_t i, int32_t *cp) {
  size_t len = entity_body(s, n, i + 1, cp);
  if (!len) return 0;
  int32_t inner;
  size_t twice = *cp == '&' ? entity_body(s, n, i + 1 + len, &inner) : 0;
  if (twice) *cp = inner;
  return 1 + len + twice;
}

/* Tag names whose tags stand for a break between words (the rest are inline: dropped). */
static const char *const html_block_tags[] = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "nav", "ol",
    "p", "section", "table", "tbody", "td", "th", "thead", "tr", "ul", NULL};
static const char *const html_inline_tags[] = {
    "a", "abbr", "b", "big", "cite", "code", "del", "em", "font", "i", "iframe", "img", "ins",
    "link", "mark", "meta", "picture", "q", "s", "small", "source", "span", "strong", "sub",
    "sup", "time", "u", "wbr", NULL};

static int tag_in(const char *name, const char *const *list) {
  for (; *list; list++)
    if (!strcmp(name, *list)) return 1;
  return 0;
}

/* Length of the HTML tag at s[i] ('<') left in the text (<br>, </p>, <a href="...">), 0 if
 * this is not one (a '<' of the text: "x < 5", "<<"); *is_break is 1 for a block tag. Only
 * known tag names count, and the tag must close on the line within 512 bytes. */
static size_t html_tag(const char *s, size_t n, size_t i, int *is_break) {
  size_t j = i + 1;
  if (j < n && s[j] == '/') j++;
  char name[12];
  size_t k = 0;
  while (j < n && k < sizeof name - 1 &&
         (((s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'z') || (k && s[j] >= '1' && s[j] <= '6')))
    name[k++] = (char)(s[j++] | 0x20);
  if (!k || j >= n) return 0;
  name[k] = '\0';
  if (s[j] != '>' && s[j] != ' ' && s[j] != '/' && s[j] != '\t') return 0;
  int block = tag_in(name, html_block_tags);
  if (!block && !tag_in(name, html_inline_tags)) return 0;
  for (size_t end = j; end < n && end - i < 512; end++) {
    if (s[end] == '<') return 0;
    if (s[end] == '>') {
      *is_break = block;
      return end + 1 - i;
    }
  }
  return 0;
}

size_t seg_unorm_html_break(const char *s, size_t n, size_t *len) {
  for (const char *p = s; (p = memchr(p, '<', n - (size_t)(p - s))); p++) {
    int brk = 0;
    size_t i = (size_t)(p - s), k = html_tag(s, n, i, &brk);
    if (k && brk) {
      *len = k;
      return i;
    }
  }
  return n;
}

static int ends_with(const seg_buf *b, const char *s, size_t n) {
  return b->len >= n && !memcmp(b->data + b->len - n, s, n);
}

static void truncate_out(seg_unorm *c, size_t n) {
  seg_offmap *m = c->map;
  size_t newlen = c->out->len - n;
  c->out->len = newlen;
  c->out->data[newlen] = '\0';
  while (m->n && m->runs[m->n - 1].clean >= newlen) m->n--;
  if (m->n) {
    seg_offrun *r = &m->runs[m->n - 1];
    if (r->identity && r->clean + r->src_len > newlen) r->src_len = newlen - r->clean;
  }
  m->clean_len = newlen;
}

static void emit_space(seg_unorm *c) {
  if (!c->space_pending) return;
  c->space_pending = 0;
  if (!c->out->len || c->out->data[c->out->len - 1] == ' ') return;
  seg_buf_putc(c->out, ' ');
  seg_offmap_add(c->map, 1, c->space_src, c->space_src_len, c->space_plain);
}

/* Emits clean bytes standing for input [src, src+src_len); `cp` is the code point when the
 * bytes are one character (for the artifact rules), else 0. */
static void emit(seg_unorm *c, int32_t cp, const char *bytes, size_t n, size_t src,
                 size_t src_len, int identity) {
  if (cp == ',' || cp == ';' || ((cp == '.' || cp == ':' || cp == '!' || cp == '?') && !c->next_digit)) {
    if (c->space_pending) { /* "sebagai , selama": space before punctuation */
      c->space_pending = 0;
      c->counts->normalized++;
    }
    if (c->out->len && c->out->data[c->out->len - 1] == ' ' && (cp == ',' || cp == ';')) {
      truncate_out(c, 1);
      c->counts->normalized++;
    }
    if (cp == ',' && ends_with(c->out, ",", 1)) { /* "2024, , ketika" */
      c->counts->normalized++;
      return;
    }
  } else if (cp == 0x201D && ends_with(c->out, "\xE2\x80\x9C", 3)) { /* empty “” */
    truncate_out(c, 3);
    c->counts->normalized++;
    return;
  } else if (cp == '"' && ends_with(c->out, "\"", 1) &&
             (c->out->len == 1 || c->out->data[c->out->len - 2] == ' ') && !c->space_pending) {
    truncate_out(c, 1); /* empty "" */
    c->counts->normalized++;
    return;
  }
  emit_space(c);
  seg_buf_append(c->out, bytes, n);
  seg_offmap_add(c->map, n, src, src_len, identity);
}

/* Flushes the pending NFC segment (a starter plus the characters that may combine with it). */
static void flush_segment(seg_unorm *c, const char *line, size_t line_off) {
  if (!c->seg_cps) return;
  const char *src = line + (c->seg_src - line_off);
  int simple = c->seg_cps == 1 &&
               (c->seg_first < 0x300 ||
                u_getIntPropertyValue(c->seg_first, UCHAR_NFC_QUICK_CHECK) == UNORM_YES);
  if (simple) {
    emit(c, c->seg_first, src, c->seg_src_len, c->seg_src, c->seg_src_len, 1);
  } else {
    UErrorCode st = U_ZERO_ERROR;
    UChar tmp[64];
    UChar *norm = tmp;
    int32_t nlen = unorm2_normalize(c->nfc, c->seg16, (int32_t)c->seg16_len, tmp, 64, &st);
    if (st == U_BUFFER_OVERFLOW_ERROR) {
      st = U_ZERO_ERROR;
      norm = seg_xmalloc(sizeof(UChar) * ((size_t)nlen + 1));
      nlen = unorm2_normalize(c->nfc, c->seg16, (int32_t)c->seg16_len, norm, nlen + 1, &st);
    }
    if (U_FAILURE(st)) { /* cannot happen for valid input; keep the text unchanged */
      emit(c, 0, src, c->seg_src_len, c->seg_src, c->seg_src_len, 1);
    } else {
      seg_buf u8 = {0};
      for (int32_t i = 0; i < nlen;) {
        UChar32 cp;
        U16_NEXT(norm, i, nlen, cp);
        seg_buf_put_utf8(&u8, (unsigned)cp);
      }
      int same = u8.len == c->seg_src_len && !memcmp(u8.data, src, u8.len);
      if (!same) c->counts->normalized++;
      int32_t first = 0;
      if (nlen) {
        int32_t i = 0;
        U16_NEXT(norm, i, nlen, first);
      }
      emit(c, u8.len && nlen == U16_LENGTH(first) ? first : 0, u8.data ? u8.data : "", u8.len,
           c->seg_src, c->seg_src_len, same);
      seg_buf_free(&u8);
    }
    if (norm != tmp) free(norm);
  }
  c->seg_cps = 0;
  c->seg16_len = 0;
}

static void segment_add(seg_unorm *c, int32_t cp, size_t src, size_t n) {
  if (!c->seg_cps) {
    c->seg_src = src;
    c->seg_src_len = 0;
    c->seg_first = cp;
  }
  SEG_GROW(c->seg16, c->seg16_cap, c->seg16_len + 2);
  U16_APPEND_UNSAFE(c->seg16, c->seg16_len, cp);
  c->seg_cps++;
  c->seg_src_len = src + n - c->seg_src;
}


/* First index >= i where line_clean must look closer (never later than needed): a byte that is
 * not printable ASCII, '&' or '<', or a space, '"' or ',' followed by what line_clean rejects
 * after it. */
static size_t plain_run(const char *s, size_t n, size_t i) {
#if defined(__SSE2__)
  const __m128i sp = _mm_set1_epi8(' '), q = _mm_set1_epi8('"'), cm = _mm_set1_epi8(',');
  const __m128i ctl = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7F);
  const __m128i semi = _mm_set1_epi8(';'), dot = _mm_set1_epi8('.'), col = _mm_set1_epi8(':');
  const __m128i exc = _mm_set1_epi8('!'), que = _mm_set1_epi8('?');
  const __m128i amp = _mm_set1_epi8('&'), lt = _mm_set1_epi8('<');
  while (i + 17 <= n) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
    __m128i w = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 1)); /* next bytes */
    __m128i bad = _mm_or_si128(_mm_cmplt_epi8(v, ctl), _mm_cmpeq_epi8(v, del));
    __m128i after = _mm_or_si128(
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(w, sp), _mm_cmpeq_epi8(w, cm)),
                     _mm_or_si128(_mm_cmpeq_epi8(w, semi), _mm_cmpeq_epi8(w, dot))),
        _mm_or_si128(_mm_cmpeq_epi8(w, col),
                     _mm_or_si128(_mm_cmpeq_epi8(w, exc), _mm_cmpeq_epi8(w, que))));
    bad = _mm_or_si128(bad, _mm_and_si128(_mm_cmpeq_epi8(v, sp), after));
    bad = _mm_or_si128(bad, _mm_and_si128(_mm_cmpeq_epi8(v, q), _mm_cmpeq_epi8(w, q)));
    bad = _mm_or_si128(bad, _mm_and_si128(_mm_cmpeq_epi8(v, cm), _mm_cmpeq_epi8(w, cm)));
    bad = _mm_or_si128(bad, _mm_or_si128(_mm_cmpeq_epi8(v, amp), _mm_cmpeq_epi8(v, lt)));
    unsigned bits = (unsigned)_mm_movemask_epi8(bad);
    if (bits) return i + (size_t)__builtin_ctz(bits);
    i += 16;
  }
#endif
  (void)s;
  (void)n;
  return i;
}

/* A line with nothing to normalize: valid UTF-8, no odd spaces, invisible or non-NFC
 * characters, single spaces, no artifacts, no HTML residue. Most news lines are; they are
 * copied as they are. */
static int line_clean(const char *s, size_t n) {
  if (!n || s[0] == ' ' || s[n - 1] == ' ') return 0;
  for (size_t i = 0; i < n;) {
    i = plain_run(s, n, i);
    if (i >= n) break;
    unsigned char b = (unsigned char)s[i];
    if (b < 0x80) {
      if (b < 0x20 || b == 0x7F) return 0;
      if (b == ' ' || b == '"' || b == ',') {
        static const unsigned char after_space[128] = {[' '] = 1, [','] = 1, [';'] = 1, ['.'] = 1,
                                                       [':'] = 1, ['!'] = 1, ['?'] = 1};
        unsigned char nb = (unsigned char)s[i + 1]; /* in bounds: s[n-1] is not a space */
        if (b == ' ' && nb < 0x80 && after_space[nb]) return 0;
        if (b != ' ' && i + 1 < n && nb == b) return 0;
      }
      int32_t ecp;
      int brk;
      if (b == '&' && html_entity(s, n, i, &ecp)) return 0;
      if (b == '<' && html_tag(s, n, i, &brk)) return 0;
      i++;
      continue;
    }
    int32_t cp;
    size_t k = seg_unorm_decode((const unsigned char *)s, n, i, &cp);
    if (cp < 0 || seg_unorm_is_odd_space(cp) || is_droppable(cp)) return 0;
    if (cp >= 0x300 && (u_getCombiningClass(cp) ||
                        u_getIntPropertyValue(cp, UCHAR_NFC_QUICK_CHECK) != UNORM_YES))
      return 0;
    if (cp == 0x201C && i + k + 3 <= n && !memcmp(s + i + k, "\xE2\x80\x9D", 3)) return 0;
    i += k;
  }
  return 1;
}

/* Input [src, src+n) is white space: it joins the pending space (one space stands for a run;
 * `plain` when it is exactly one U+0020). */
static void add_space(seg_unorm *c, size_t src, size_t n, int plain) {
  if (!c->space_pending) {
    c->space_pending = 1;
    c->space_src = src;
    c->space_plain = plain;
  } else {
    c->space_plain = 0;
  }
  c->space_src_len = src + n - c->space_src;
}

static size_t utf8_encode(int32_t cp, char *out) {
  if (cp < 0x80) {
    out[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = (char)(0xC0 | (cp >> 6));
    out[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (cp >> 18));
  out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  out[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

/* A NUL byte, an HTML character reference or a stray tag at line[i]: handled, returning the
 * bytes consumed, or 0 (ordinary text). A NUL and a block tag are a space between words
 * ("Halo\0dunia", "turun.<br>Ini"), an inline tag is nothing, a reference is its character
 * (a space-like one a space, an invisible one nothing), mapped to the whole reference. */
static size_t residue(seg_unorm *c, const char *line, size_t len, size_t off, size_t i) {
  size_t src = off + i;
  if (!line[i]) {
    flush_segment(c, line, off);
    c->counts->normalized++;
    add_space(c, src, 1, 0);
    return 1;
  }
  if (line[i] == '<') {
    int brk;
    size_t k = html_tag(line, len, i, &brk);
    if (!k) return 0;
    flush_segment(c, line, off);
    c->counts->normalized++;
    if (brk) add_space(c, src, k, 0);
    return k;
  }
  int32_t cp;
  size_t k = html_entity(line, len, i, &cp);
  if (!k) return 0;
  flush_segment(c, line, off);
  c->counts->normalized++;
  if (cp == ' ' || seg_unorm_is_odd_space(cp)) {
    add_space(c, src, k, 0);
  } else if (!is_droppable(cp)) {
    char u8[4];
    size_t n = utf8_encode(cp, u8);
    c->next_digit = i + k < len && line[i + k] >= '0' && line[i + k] <= '9';
    emit(c, cp, u8, n, src, k, 0);
  }
  return k;
}

void seg_unorm_line(seg_unorm *c, const char *bytes, size_t len, size_t offset, size_t lineno,
                    seg_buf *text, seg_offmap *map, seg_unorm_counts *counts,
                    seg_unorm_invalid_fn on_invalid, void *ctx) {
  if (line_clean(bytes, len)) { /* the common case: nothing to do */
    seg_buf_append(text, bytes, len);
    seg_offmap_add(map, len, offset, len, 1);
    return;
  }
  c->out = text;
  c->map = map;
  c->counts = counts;
  c->space_pending = 0;
  c->seg_cps = 0;
  c->seg16_len = 0;
  size_t start_len = text->len;
  const unsigned char *s = (const unsigned char *)bytes;
  size_t col = 1;
  for (size_t i = 0; i < len; col++) {
    if (s[i] == '&' || s[i] == '<' || !s[i]) {
      size_t r = residue(c, bytes, len, offset, i);
      if (r) {
        i += r;
        col += r - 1; /* ASCII: one column per byte */
        continue;
      }
    }
    int32_t cp;
    size_t k = seg_unorm_decode(s, len, i, &cp);
    size_t src = offset + i;
    if (cp < 0) {
      flush_segment(c, bytes, offset);
      c->counts->invalid++;
      if (on_invalid) on_invalid(ctx, lineno, col, src, s[i]);
      emit(c, 0xFFFD, "\xEF\xBF\xBD", 3, src, k, 0);
    } else if (cp == ' ' || seg_unorm_is_odd_space(cp)) {
      flush_segment(c, bytes, offset);
      if (cp != ' ') c->counts->normalized++;
      add_space(c, src, k, cp == ' ');
    } else if (is_droppable(cp)) {
      c->counts->normalized++;
    } else {
      if (cp < 0x300 || unorm2_hasBoundaryBefore(c->nfc, cp)) flush_segment(c, bytes, offset);
      c->next_digit = i + k < len && s[i + k] >= '0' && s[i + k] <= '9';
      segment_add(c, cp, src, k);
    }
    i += k;
  }
  flush_segment(c, bytes, offset);
  c->space_pending = 0;
  if (text->len > start_len && text->data[text->len - 1] == ' ') truncate_out(c, 1);
}
