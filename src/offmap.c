/* offmap: run-length offset maps with binary-search lookup. */
#include "offmap.h"

#include <stdlib.h>

#include "buf.h"

void seg_offmap_clear(seg_offmap *m) {
  m->n = 0;
  m->clean_len = 0;
}

void seg_offmap_free(seg_offmap *m) {
  free(m->runs);
  m->runs = NULL;
  m->n = m->cap = m->clean_len = 0;
}

void seg_offmap_add(seg_offmap *m, size_t clean_len, size_t src, size_t src_len, int identity) {
  if (clean_len == 0) return;
  if (identity && m->n) {
    seg_offrun *last = &m->runs[m->n - 1];
    if (last->identity && last->src + last->src_len == src &&
        last->clean + last->src_len == m->clean_len) {
      last->src_len += src_len;
      m->clean_len += clean_len;
      return;
    }
  }
  SEG_GROW(m->runs, m->cap, m->n + 1);
  m->runs[m->n++] = (seg_offrun){m->clean_len, src, src_len, identity};
  m->clean_len += clean_len;
}

static const seg_offrun *find(const seg_offmap *m, size_t i) {
  size_t lo = 0, hi = m->n;
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (m->runs[mid].clean <= i) lo = mid;
    else hi = mid;
  }
  return &m->runs[lo];
}

size_t seg_offmap_start(const seg_offmap *m, size_t i) {
  if (!m->n) return 0;
  const seg_offrun *r = find(m, i);
  return r->identity ? r->src + (i - r->clean) : r->src;
}

size_t seg_offmap_end(const seg_offmap *m, size_t i) {
  if (!m->n || i == 0) return m->n ? m->runs[0].src : 0;
  const seg_offrun *r = find(m, i - 1);
  return r->identity ? r->src + (i - r->clean) : r->src + r->src_len;
}

void seg_offmap_append_slice(seg_offmap *m, const seg_offmap *other, size_t from, size_t to) {
  for (size_t k = 0; k < other->n; k++) {
    const seg_offrun *r = &other->runs[k];
    size_t next = k + 1 < other->n ? other->runs[k + 1].clean : other->clean_len;
    size_t a = r->clean > from ? r->clean : from, b = next < to ? next : to;
    if (a >= b) continue;
    if (r->identity)
      seg_offmap_add(m, b - a, r->src + (a - r->clean), b - a, 1);
    else
      seg_offmap_add(m, b - a, r->src, r->src_len, 0);
  }
}
