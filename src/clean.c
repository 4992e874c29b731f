/* clean: see clean.h. The paragraph state machine: normalized lines (unorm.c) are judged by
 * the lexicon (lexicon.c), duplicates, related-article lists and datelines, and a line that
 * continues the pending paragraph is joined to it.
 * Must never: drop a byte without mapping or rejecting it, or look further back than the one
 * pending paragraph (streaming). */
#include "clean.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "unorm.h"


#define DUP_SLOTS 8192u /* recent-line window for duplicate detection (bounded memory) */

typedef struct {
  uint64_t hash;
  uint64_t doc;
} dup_slot;

struct seg_cleaner {
  const seg_lexicon *lex;
  seg_lexicon_matcher *match; /* NULL without a lexicon */
  seg_unorm *unorm;
  seg_clean_callbacks cb;
  seg_clean_stats stats;
  seg_line_info own;     /* analysis of the current line (sequential use) */
  seg_para paras[2];
  seg_para *pending;
  int have_pending;
  seg_buf gap;       /* input bytes after the pending paragraph, for a join */
  size_t last_end;   /* offset just past the previous line's content */
  size_t para_count;
  int in_list;
  size_t kept_lines; /* lines kept so far in this document */
  int dateline_seen; /* one dateline per document, within the first lines */
  dup_slot *dups;
  uint64_t doc_gen;
};

seg_cleaner *seg_cleaner_new(const seg_lexicon *lex, seg_error *err) {
  seg_cleaner *c = seg_xcalloc(1, sizeof *c);
  c->lex = lex;
  c->unorm = seg_unorm_new(err);
  if (!c->unorm) goto fail;
  if (lex) {
    c->match = seg_lexicon_matcher_new(lex, err);
    if (!c->match) goto fail;
    c->dups = seg_xcalloc(DUP_SLOTS, sizeof *c->dups);
  }
  return c;
fail:
  seg_cleaner_free(c);
  return NULL;
}

void seg_cleaner_free(seg_cleaner *c) {
  if (!c) return;
  seg_lexicon_matcher_free(c->match);
  seg_unorm_free(c->unorm);
  for (int i = 0; i < 2; i++) {
    seg_buf_free(&c->paras[i].raw);
    seg_buf_free(&c->paras[i].text);
    seg_offmap_free(&c->paras[i].map);
  }
  seg_line_info_free(&c->own);
  seg_buf_free(&c->gap);
  free(c->dups);
  free(c);
}

const seg_clean_stats *seg_cleaner_stats(const seg_cleaner *c) { return &c->stats; }

static void count_reason(seg_clean_stats *s, const char *reason, size_t n) {
  for (size_t i = 0; i < s->nreasons; i++)
    if (!strcmp(s->reasons[i].reason, reason)) {
      s->reasons[i].count += n;
      return;
    }
  if (s->nreasons < sizeof s->reasons / sizeof s->reasons[0]) {
    s->reasons[s->nreasons].reason = reason;
    s->reasons[s->nreasons++].count = n;
  }
}

void seg_clean_stats_add(seg_clean_stats *into, const seg_clean_stats *from) {
  into->paragraphs += from->paragraphs;
  into->dropped += from->dropped;
  into->joined += from->joined;
  into->invalid_bytes += from->invalid_bytes;
  into->normalized += from->normalized;
  for (size_t i = 0; i < from->nreasons; i++)
    count_reason(into, from->reasons[i].reason, from->reasons[i].count);
}

/* --- filters --- */

static void reject(seg_cleaner *c, size_t lineno, size_t offset, const char *reason,
                   const char *bytes, size_t len) {
  c->stats.dropped++;
  count_reason(&c->stats, reason, 1);
  if (c->cb.reject) c->cb.reject(c->cb.ctx, lineno, offset, reason, bytes, len);
}

const char *seg_cleaner_boilerplate(seg_cleaner *c, const char *text, size_t len) {
  int list_header;
  return c->lex && len ? seg_lexicon_match(c->match, text, len, &list_header) : NULL;
}

static int is_duplicate(seg_cleaner *c, uint64_t h) {
  dup_slot *s = &c->dups[h & (DUP_SLOTS - 1)];
  if (s->doc == c->doc_gen && s->hash == h) return 1;
  s->doc = c->doc_gen;
  s->hash = h;
  return 0;
}

static int32_t last_cp(const char *s, size_t n) {
  if (!n) return 0;
  size_t j = n - 1;
  while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80) j--;
  int32_t cp;
  seg_unorm_decode((const unsigned char *)s, n, j, &cp);
  return cp;
}

static int is_closing(int32_t c) {
  return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 ||
         c == 0xBB || c == 0x203A;
}

/* Does the text end like a finished sentence (., !, ?, … or a closing quote after one)? */
static int ends_sentence(const char *s, size_t n) {
  while (n) {
    int32_t c = last_cp(s, n);
    if (c == '.' || c == '!' || c == '?' || c == 0x2026 || c == ':') return 1;
    if (!is_closing(c)) return 0;
    n -= (size_t)U8_LENGTH(c);
  }
  return 0;
}

/* Does this line continue the previous one (scraper cut the paragraph)? 0 no, 1 with a space,
 * 2 without a space. */
static int continues(const char *s, size_t n) {
  int32_t c;
  seg_unorm_decode((const unsigned char *)s, n, 0, &c);
  if (c == ',' || c == ';' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 || c == '.')
    return 2;
  if (c > 0 && u_islower(c)) return 1;
  return 0;
}

/* Only spaces of any kind (so a blank line, not text that normalization removed)? */
static int only_whitespace(const char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    int32_t cp;
    i += seg_unorm_decode((const unsigned char *)s, n, i, &cp);
    if (!(cp == ' ' || seg_unorm_is_odd_space(cp))) return 0;
  }
  return 1;
}

/* Records an invalid sequence met while analyzing, for decide to replay in order. */
static void record_invalid(void *ctx, size_t lineno, size_t col, size_t offset,
                           unsigned char byte) {
  (void)lineno;
  seg_line_info *li = ctx;
  SEG_GROW(li->invalid, li->invalid_cap, li->ninvalid + 1);
  li->invalid[li->ninvalid++] = (seg_invalid_byte){offset, col, byte};
}

/* Forwards an invalid sequence to the callbacks at once. */
static void forward_invalid(void *ctx, size_t lineno, size_t col, size_t offset,
                            unsigned char byte) {
  seg_cleaner *c = ctx;
  if (c->cb.invalid) c->cb.invalid(c->cb.ctx, lineno, col, offset, byte);
}

void seg_clean_normalize(seg_cleaner *c, const char *bytes, size_t len, size_t offset,
                         size_t lineno, seg_buf *text, seg_offmap *map) {
  seg_unorm_counts counts = {0, 0};
  seg_unorm_line(c->unorm, bytes, len, offset, lineno, text, map, &counts, forward_invalid, c);
  c->stats.normalized += counts.normalized;
  c->stats.invalid_bytes += counts.invalid;
}

static void gap_add_terminator(seg_cleaner *c, const seg_line *line) {
  if (!c->have_pending || line->offset < c->last_end) return;
  size_t t = line->offset - c->last_end;
  if (t == 1) seg_buf_putc(&c->gap, '\n');
  else if (t == 2) seg_buf_append(&c->gap, "\r\n", 2);
  else for (size_t i = 0; i < t; i++) seg_buf_putc(&c->gap, '\n');
}

void seg_cleaner_begin(seg_cleaner *c, const seg_clean_callbacks *cb) {
  if (cb) c->cb = *cb;
  else memset(&c->cb, 0, sizeof c->cb);
  c->have_pending = 0;
  c->pending = &c->paras[0];
  seg_buf_clear(&c->gap);
  c->last_end = 0;
  c->para_count = 0;
  c->in_list = 0;
  c->kept_lines = 0;
  c->dateline_seen = 0;
  c->doc_gen++;
}

#define GAP_MAX (64u * 1024u)
/* A dateline opens the body, which comes after a headline, standfirst, byline and captions. */
#define DATELINE_WINDOW 8

void seg_cleaner_analyze(seg_cleaner *c, const seg_line *line, seg_line_info *li) {
  seg_buf_clear(&li->text);
  seg_offmap_clear(&li->map);
  li->ninvalid = 0;
  li->reason = NULL;
  li->list_header = 0;
  seg_unorm_counts counts = {0, 0};
  seg_unorm_line(c->unorm, line->bytes, line->len, line->offset, line->lineno, &li->text,
                 &li->map, &counts, record_invalid, li);
  c->stats.normalized += counts.normalized;
  c->stats.invalid_bytes += counts.invalid;
  if (li->text.len && c->lex) {
    li->reason = seg_lexicon_match(c->match, li->text.data, li->text.len, &li->list_header);
    li->hash = seg_hash(li->text.data, li->text.len);
  }
}

void seg_line_info_free(seg_line_info *li) {
  seg_buf_free(&li->text);
  seg_offmap_free(&li->map);
  free(li->invalid);
  memset(li, 0, sizeof *li);
}

seg_para *seg_cleaner_push(seg_cleaner *c, const seg_line *line) {
  seg_cleaner_analyze(c, line, &c->own);
  return seg_cleaner_decide(c, line, &c->own);
}

seg_para *seg_cleaner_decide(seg_cleaner *c, const seg_line *line, const seg_line_info *li) {
  for (size_t k = 0; k < li->ninvalid; k++) /* replayed here, in input order, on one thread */
    if (c->cb.invalid)
      c->cb.invalid(c->cb.ctx, line->lineno, li->invalid[k].col, li->invalid[k].offset,
                      li->invalid[k].byte);
  gap_add_terminator(c, line);
  c->last_end = line->offset + line->len;
  const char *t = li->text.data;
  size_t n = li->text.len;
  const seg_offmap *line_map = &li->map;
  if (!n) { /* blank: a paragraph separator, unless invisible characters were all it held */
    if (!only_whitespace(line->bytes, line->len))
      reject(c, line->lineno, line->offset, "invisible", line->bytes, line->len);
    if (c->have_pending) seg_buf_append(&c->gap, line->bytes, line->len);
    return NULL;
  }
  c->para_count++;
  c->stats.paragraphs++;
  size_t drop = 0; /* bytes of a dateline prefix to drop */
  if (c->lex) {
    int list_header = li->list_header;
    const char *reason = li->reason;
    if (!reason && c->in_list) {
      if (n <= seg_lexicon_list_item_max(c->lex) && !(t[n - 1] == '.')) reason = "related-list";
      else c->in_list = 0;
    }
    if (!reason && is_duplicate(c, li->hash)) reason = "duplicate";
    if (reason) {
      if (list_header) c->in_list = 1;
      reject(c, line->lineno, line->offset, reason, line->bytes, line->len);
      if (c->have_pending) seg_buf_append(&c->gap, line->bytes, line->len);
      return NULL;
    }
    if (c->kept_lines < DATELINE_WINDOW && !c->dateline_seen) {
      drop = seg_lexicon_dateline(c->match, t, n);
      if (drop) {
        size_t src_end = seg_offmap_start(line_map, drop);
        reject(c, line->lineno, line->offset, "dateline", line->bytes, src_end - line->offset);
        c->dateline_seen = 1;
      }
    }
    c->kept_lines++;
  }
  /* Join a continuation to the pending paragraph. */
  int how = c->lex && c->have_pending && !drop
                ? continues(t, n) : 0;
  seg_para *p = c->pending;
  if (how && !ends_sentence(p->text.data, p->text.len) && c->gap.len <= GAP_MAX) {
    size_t gap_src = p->raw_off + p->raw.len;
    seg_buf_append(&p->raw, c->gap.data, c->gap.len);
    seg_buf_append(&p->raw, line->bytes, line->len);
    if (how == 1) {
      seg_buf_putc(&p->text, ' ');
      seg_offmap_add(&p->map, 1, gap_src, line->offset - gap_src, 0);
    }
    seg_buf_append(&p->text, t, n);
    seg_offmap_append_slice(&p->map, line_map, 0, n);
    seg_buf_clear(&c->gap);
    c->stats.joined++;
    return NULL;
  }
  seg_para *ready = c->have_pending ? p : NULL;
  seg_para *q = p == &c->paras[0] ? &c->paras[1] : &c->paras[0];
  seg_buf_clear(&q->raw);
  seg_buf_clear(&q->text);
  seg_offmap_clear(&q->map);
  q->raw_off = line->offset + (drop ? seg_offmap_start(line_map, drop) - line->offset : 0);
  seg_buf_append(&q->raw, line->bytes + (q->raw_off - line->offset),
                 line->len - (q->raw_off - line->offset));
  seg_buf_append(&q->text, t + drop, n - drop);
  seg_offmap_append_slice(&q->map, line_map, drop, n);
  q->para_no = c->para_count;
  q->lineno = line->lineno;
  c->pending = q;
  c->have_pending = 1;
  seg_buf_clear(&c->gap);
  return ready;
}

seg_para *seg_cleaner_finish(seg_cleaner *c) {
  seg_para *p = c->have_pending ? c->pending : NULL;
  c->have_pending = 0;
  seg_buf_clear(&c->gap);
  return p;
}
