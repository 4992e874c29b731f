/* termqa: see termqa.h. The English side is case-folded once per pair (only when some matched
 * term has a target) and every target and target variant is looked for in it as a whole word,
 * so a pair costs its length times the few terms its source matched; the glossary is only
 * read. */
#include "termqa.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

struct seg_termqa {
  const seg_glossary *g;
  uint32_t *seen; /* per term: the stamp of the last pair that checked it */
  uint32_t stamp;
  size_t nterms;
  seg_buf hay, needle; /* folded English side, folded target */
  seg_termqa_counts c;
};

seg_termqa *seg_termqa_new(const seg_glossary *g) {
  seg_termqa *q = seg_xcalloc(1, sizeof *q);
  q->g = g;
  q->nterms = seg_glossary_terms(g);
  q->seen = seg_xcalloc(q->nterms + 1, sizeof *q->seen);
  return q;
}

void seg_termqa_free(seg_termqa *q) {
  if (!q) return;
  free(q->seen);
  seg_buf_free(&q->hay);
  seg_buf_free(&q->needle);
  free(q);
}

const seg_termqa_counts *seg_termqa_totals(const seg_termqa *q) { return &q->c; }

void seg_termqa_counts_add(seg_termqa_counts *sum, const seg_termqa_counts *c) {
  sum->pairs += c->pairs;
  sum->checked += c->checked;
  sum->missing += c->missing;
  sum->pairs_missing += c->pairs_missing;
}

/* A letter, mark or digit: what a whole-word match may not touch (the glossary's rule). */
static int is_word_cp(int32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  return (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_M_MASK | U_GC_ND_MASK)) != 0;
}

/* s[0, n) simple-case-folded code point by code point into b (cleared first); invalid bytes
 * become U+FFFD. */
static void fold_into(seg_buf *b, const char *s, size_t n) {
  seg_buf_clear(b);
  seg_buf_reserve(b, 2 * n + 4); /* simple folding grows a character by at most one byte */
  uint8_t *w = (uint8_t *)b->data;
  size_t at = 0;
  for (size_t i = 0; i < n;) {
    int32_t c = (unsigned char)s[i];
    if (c < 0x80) {
      i++;
      if (c >= 'A' && c <= 'Z') c += 32;
    } else {
      U8_NEXT((const uint8_t *)s, i, n, c);
      c = c < 0 ? 0xFFFD : (int32_t)u_foldCase(c, U_FOLD_CASE_DEFAULT);
    }
    U8_APPEND_UNSAFE(w, at, c);
  }
  b->len = at;
  b->data[at] = '\0';
}

/* Is the folded needle in the folded haystack, touching no letter, mark or digit? */
static int has_word(const seg_buf *hay, const seg_buf *needle) {
  size_t n = needle->len, len = hay->len;
  if (!n || n > len) return 0;
  const char *h = hay->data, *p = h;
  while ((p = memchr(p, needle->data[0], (size_t)(h + len - p))) && (size_t)(h + len - p) >= n) {
    size_t a = (size_t)(p - h), b = a + n;
    p++;
    if (memcmp(h + a, needle->data, n)) continue;
    int32_t before = -1, after = -1;
    if (a > 0) { /* back to the lead byte of the character before (hay is valid UTF-8) */
      size_t k = a - 1;
      while (k > 0 && a - k < 4 && ((unsigned char)h[k] & 0xC0) == 0x80) k--;
      U8_NEXT((const uint8_t *)h, k, a, before);
    }
    if (b < len) {
      size_t k = b;
      U8_NEXT((const uint8_t *)h, k, len, after);
    }
    if (!is_word_cp(before) && !is_word_cp(after)) return 1;
  }
  return 0;
}

static int present(seg_termqa *q, const char *s) {
  fold_into(&q->needle, s, strlen(s));
  return has_word(&q->hay, &q->needle);
}

/* Is term t's target, or one of its target variants, on the (folded) English side? */
static int target_present(seg_termqa *q, size_t t, const char *target) {
  if (present(q, target)) return 1;
  const char *const *tv;
  size_t ntv = seg_glossary_target_variants(q->g, t, &tv);
  for (size_t k = 0; k < ntv; k++)
    if (present(q, tv[k])) return 1;
  return 0;
}

size_t seg_termqa_check(seg_termqa *q, const seg_glossary_match *m, size_t n, const char *en,
                        size_t len, seg_buf *missing) {
  if (missing) seg_buf_clear(missing);
  if (++q->stamp == 0) { /* wrapped: forget every stamp */
    memset(q->seen, 0, (q->nterms + 1) * sizeof *q->seen);
    q->stamp = 1;
  }
  size_t checked = 0, lacking = 0;
  for (size_t i = 0; i < n; i++) {
    size_t t = m[i].term;
    const char *target = t < q->nterms ? seg_glossary_target(q->g, t) : NULL;
    if (!target || q->seen[t] == q->stamp) continue;
    q->seen[t] = q->stamp;
    if (!checked++) fold_into(&q->hay, en, len);
    if (target_present(q, t, target)) continue;
    lacking++;
    if (missing) {
      if (missing->len) seg_buf_putc(missing, ';');
      seg_buf_append(missing, target, strlen(target));
    }
  }
  if (checked) {
    q->c.pairs++;
    q->c.checked += checked;
    q->c.missing += lacking;
    q->c.pairs_missing += lacking > 0;
  }
  return lacking;
}
