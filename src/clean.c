/* clean: see clean.h. The paragraph state machine. decide() takes the lines in order:
 *  1. a line the lexicon knows, a duplicate or a related-list item is rejected whole;
 *     a dateline, a bullet or debris glued to the end goes as a rejected prefix or suffix;
 *  2. the joiner puts back together the lines a scraper broke a paragraph into (join.h);
 *  3. each finished block is classified (classify.h); good and bad blocks are settled at once,
 *     short and near-good ones wait (a bounded window) for the next good-or-bad neighbour;
 *  4. items leave the queue in input order: rejects to the callback, kept blocks to the caller.
 * The queue holds every item (rejects too) from the oldest undecided one on, so rejects are
 * reported in input order and a paragraph is released only when all before it are settled.
 * Must never: drop a byte without mapping or rejecting it, or hold more than the window. */
#include "clean.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "affix.h"
#include "join.h"
#include "scan.h"
#include "unorm.h"

#define DUP_SLOTS 8192u /* recent-line window for duplicate detection (bounded memory) */
#define GAP_MAX (64u * 1024u)
/* A dateline opens the body, which comes after a headline, standfirst, byline and captions. */
#define DATELINE_WINDOW 8

typedef struct {
  uint64_t hash;
  uint64_t doc;
} dup_slot;

typedef enum { ITEM_FREE, ITEM_REJECT, ITEM_BLOCK } item_kind;
/* A block is open while lines may join it, closed once classified, then kept or dropped;
 * "tentative" is a drop in a document that has shown no good block yet (kept if none comes). */
typedef enum { BLOCK_OPEN, BLOCK_CLOSED, BLOCK_TENTATIVE, BLOCK_KEEP, BLOCK_DROP } block_state;

/* The input bytes [from, to) of one line's text in a block, rejected with it if it goes. */
typedef struct {
  size_t lineno, from, to;
} line_span;

typedef struct {
  item_kind kind;
  /* ITEM_REJECT: a line, prefix or suffix already decided */
  const char *reason;
  size_t lineno, offset;
  seg_buf bytes;
  int context; /* counts as a bad neighbour for the classifier */
  /* ITEM_BLOCK: a paragraph in the making */
  block_state state;
  seg_para para;
  seg_line_features f;
  seg_verdict v;
  line_span *spans;
  size_t nspans, spans_cap;
  seg_buf pregap; /* a held fragment: input bytes between the kept line before and its text */
} item;

struct seg_cleaner {
  const seg_lexicon *lex;
  seg_lexicon_matcher *match;  /* NULL without a lexicon */
  const seg_classifier *model; /* NULL without a lexicon, or for text in another language */
  seg_unorm *unorm;
  seg_clean_callbacks cb;
  seg_clean_stats stats;
  seg_line_info own; /* analysis of the current line (sequential use) */
  seg_line_pieces pieces; /* the current line's, cut by decide (sequential use) */
  /* the queue: a ring of items; an item is named by its sequence number in the document */
  item *q;
  size_t cap, head, count, head_seq;
  size_t scan;      /* first item the context pass has not seen */
  size_t wait_from; /* first item after the last good-or-bad neighbour */
  size_t waiting, waiting_bytes;
  seg_class anchor; /* that neighbour's class (bad at the document's start) */
  int no_good_yet;  /* the document's blocks so far are all doubtful: drops are tentative */
  size_t wait_doc;  /* sequence number of the document's first item */
  /* headings past a bad neighbour, still kept if a good block starts within their distance */
  struct pending_heading {
    size_t seq;
    size_t budget; /* bytes left */
  } * pend;
  size_t npend, pend_cap;
  size_t pend_items; /* items met since the oldest pending heading (bounded by the window) */
  /* the joiner */
  int have_open;
  size_t open_seq; /* the block lines may still join */
  size_t *frags;   /* held fragments, in order */
  size_t nfrags, frags_cap;
  seg_buf gap;     /* input bytes after the last kept line */
  size_t last_end; /* offset just past the previous line's content */
  /* the document */
  size_t para_count;
  int in_list; /* in a list after its heading: 1 + the items taken */
  int list_refs; /* the list is one of references: a citation of any length is an item */
  int in_signature; /* after a forum signature's rule line: 1 + the lines taken */
  int after_role;   /* the line before was a credit's role alone ("Editor:"): its value next */
  size_t dup_lead;  /* bytes of the judged line's core its first, copied sentences take */
  size_t kept_lines; /* lines kept so far in this document */
  int dateline_seen; /* one dateline per document, within the first lines */
  int dash_next;     /* a dateline stood alone: its dash may start the next line */
  int masthead;      /* the document's first line was short enough for a site's name */
  dup_slot *dups;
  uint64_t doc_gen;
};

/* ---------- set-up ---------- */

seg_cleaner *seg_cleaner_new(const seg_lexicon *lex, const seg_classifier *model, seg_error *err) {
  seg_cleaner *c = seg_xcalloc(1, sizeof *c);
  c->lex = lex;
  c->unorm = seg_unorm_new(err);
  if (!c->unorm) goto fail;
  if (lex) {
    c->match = seg_lexicon_matcher_new(lex, err);
    if (!c->match) goto fail;
    c->model = model;
    c->dups = seg_xcalloc(DUP_SLOTS, sizeof *c->dups);
  }
  return c;
fail:
  seg_cleaner_free(c);
  return NULL;
}

static void item_free(item *it) {
  seg_buf_free(&it->bytes);
  seg_buf_free(&it->para.raw);
  seg_buf_free(&it->para.text);
  seg_offmap_free(&it->para.map);
  seg_buf_free(&it->pregap);
  free(it->spans);
}

void seg_cleaner_free(seg_cleaner *c) {
  if (!c) return;
  seg_lexicon_matcher_free(c->match);
  seg_unorm_free(c->unorm);
  for (size_t i = 0; i < c->cap; i++)
    item_free(&c->q[i]);
  free(c->q);
  free(c->frags);
  free(c->pend);
  seg_line_info_free(&c->own);
  seg_buf_free(&c->gap);
  free(c->dups);
  free(c);
}

const seg_clean_stats *seg_cleaner_stats(const seg_cleaner *c) {
  return &c->stats;
}

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

/* ---------- normalization and analysis ---------- */

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

/* The lexicon's verdict, the affixes and the features of a normalized line (`raw`: the line
 * as read, for the table test). */
static void judge_line(seg_cleaner *c, const seg_line *raw, seg_line_info *li) {
  const char *t = li->text.data;
  size_t n = li->text.len;
  li->reason = seg_lexicon_match(c->match, t, n, &li->list_header);
  if (!li->reason && c->model &&
      seg_affix_table_row(raw->bytes, raw->len, seg_classifier_limits(c->model)->table_cell_max_words))
    li->reason = "table";
  if (!li->reason) {
    size_t b = seg_affix_bullet(t, n);
    const char *why = "bullet";
    if (!b && (b = seg_lexicon_field_prefix(c->lex, t, n))) why = "metadata";
    if (!b && (b = seg_affix_spaced_url(t, n))) why = "image-url";
    if (!b && n && ((t[0] >= '0' && t[0] <= '9') || memchr(t, '|', n < 48 ? n : 48)) &&
        (b = seg_lexicon_date_prefix(c->match, t, n)))
      why = "byline";
    if (b) {
      li->core_from = b;
      li->prefix_reason = why;
      li->reason = seg_lexicon_match(c->match, t + b, n - b, &li->list_header);
    }
  }
  if (!li->reason) {
    const char *why = NULL;
    size_t e = seg_affix_suffix(c->match, t, li->core_from, n, &why);
    if (e == li->core_from && why)
      li->reason = why; /* a doubled caption: the line goes whole */
    else if (e < n && e > li->core_from) {
      li->core_to = e;
      li->suffix_reason = why;
    }
  }
}

#define PIECE_MIN 24 /* bytes of the shortest sentence remembered for the duplicate check */

static int is_lower_ascii(char ch) {
  return ch >= 'a' && ch <= 'z';
}

/* Does the sentence piece ending at t[i] ('.', '!' or '?') end a sentence for sure: '!', '?',
 * or '.' after a lower-case word of at least four letters (not "Kab.", "Prof.", "dll.")? */
static int sure_end(const char *t, size_t i) {
  if (t[i] != '.') return 1;
  size_t k = i;
  while (k && is_lower_ascii(t[k - 1]))
    k--;
  return i - k >= 4;
}

/* The next sentence cut at or after t[i] of t[0, n) (as sentences_seen below cuts): the
 * index of its '.', '!' or '?', or n; *next_at is where the next sentence starts. */
static size_t next_cut(const char *t, size_t n, size_t i, size_t *next_at) {
  static const seg_byteset ends = {{'.', '!', '?'}, 3, 0};
  for (i = seg_scan(t, n, i, &ends); i < n; i = seg_scan(t, n, i + 1, &ends)) {
    if (i + 2 >= n) continue;
    *next_at = i + 2;
    if (t[i + 1] != ' ') {
      if (!(t[i + 1] >= 'A' && t[i + 1] <= 'Z' && is_lower_ascii(t[i + 2]) && i &&
            is_lower_ascii(t[i - 1])))
        continue;
      *next_at = i + 1; /* "korban.Mereka" */
    } else {
      unsigned char next = (unsigned char)t[i + 2];
      if (!((next >= 'A' && next <= 'Z') || (next >= '0' && next <= '9') || next == '"' ||
            next >= 0x80))
        continue;
    }
    return i;
  }
  return n;
}

/* PIECE_LEAD: no unheld piece before; PIECE_GLUED: the next sentence starts right after the
 * terminator ("korban.Mereka"), not after a space */
enum { PIECE_TAIL = 1, PIECE_LEAD = 2, PIECE_GLUED = 4 };

/* The sentence pieces of a core t[0, n) (cut after '.', '!' or '?' and a space before a
 * capital, a digit or a quote, or with no space between a lower-case word and a capitalized
 * one: "korban.Mereka"), hashed for the copy check when they are long enough and there is
 * room: a piece cut at a terminator keeps where it is (whether it surely ends a sentence is
 * asked only of a copy) and where the next sentence starts; the rest after the last cut is
 * the tail. */
static void cut_pieces(const char *t, size_t n, seg_line_pieces *lp) {
  size_t np = 0, a = 0, over = 0, next_at = 0;
  int lead = PIECE_LEAD, cut = 0;
  for (size_t i = next_cut(t, n, 0, &next_at); i < n; i = next_cut(t, n, i + 1, &next_at)) {
    cut = 1;
    if (i + 1 - a >= PIECE_MIN && np < SEG_LINE_PIECES) {
      lp->hash[np] = seg_hash(t + a, i + 1 - a);
      lp->end[np] = i;
      lp->flags[np++] = (unsigned char)(lead | (next_at == i + 1 ? PIECE_GLUED : 0));
    } else {
      over += i + 1 - a >= PIECE_MIN;
      lead = 0;
    }
    a = next_at;
  }
  if (cut && n - a >= PIECE_MIN) {
    if (np < SEG_LINE_PIECES) {
      lp->hash[np] = seg_hash(t + a, n - a);
      lp->end[np] = n;
      lp->flags[np++] = PIECE_TAIL;
    } else {
      over++;
    }
  }
  lp->n = (unsigned char)np;
  lp->cut = (unsigned char)cut;
  lp->over = (unsigned char)(over > 255 ? 255 : over);
  lp->ready = 1;
}

/* The duplicate hash, the classifier's features and the sentence pieces of a judged line's
 * core. */
static void line_features(seg_cleaner *c, seg_line_info *li, int pieces) {
  const char *t = li->text.data + li->core_from;
  size_t n = li->core_to - li->core_from;
  li->hash = seg_hash(t, n);
  seg_classify_features(c->model, t, n, &li->features);
  li->pieces.ready = 0;
  if (pieces && !li->reason && li->features.alpha) cut_pieces(t, n, &li->pieces);
}

static void normalize_line(seg_cleaner *c, const seg_line *line, seg_line_info *li) {
  seg_buf_clear(&li->text);
  seg_offmap_clear(&li->map);
  li->ninvalid = 0;
  li->reason = li->prefix_reason = li->suffix_reason = NULL;
  li->list_header = 0;
  seg_unorm_counts counts = {0, 0};
  seg_unorm_line(c->unorm, line->bytes, line->len, line->offset, line->lineno, &li->text, &li->map,
                 &counts, record_invalid, li);
  c->stats.normalized += counts.normalized;
  c->stats.invalid_bytes += counts.invalid;
  li->core_from = 0;
  li->core_to = li->text.len;
  memset(&li->features, 0, sizeof li->features);
}

/* Each step runs over all n lines before the next starts: a line is short work for each, and
 * a step's code stays in the instruction cache for the next line instead of being replaced
 * by the other steps' code at every line. */
static void analyze_lines(seg_cleaner *c, const seg_line *lines, seg_line_info *li, size_t n,
                          int pieces) {
  for (size_t i = 0; i < n; i++)
    normalize_line(c, &lines[i], &li[i]);
  if (!c->lex) return;
  for (size_t i = 0; i < n; i++)
    if (li[i].text.len) judge_line(c, &lines[i], &li[i]);
  for (size_t i = 0; i < n; i++)
    if (li[i].text.len) line_features(c, &li[i], pieces);
}

void seg_cleaner_analyze_lines(seg_cleaner *c, const seg_line *lines, seg_line_info *li, size_t n) {
  analyze_lines(c, lines, li, n, 1);
}

void seg_cleaner_analyze(seg_cleaner *c, const seg_line *line, seg_line_info *li) {
  analyze_lines(c, line, li, 1, 1);
}

void seg_line_info_free(seg_line_info *li) {
  seg_buf_free(&li->text);
  seg_offmap_free(&li->map);
  free(li->invalid);
  memset(li, 0, sizeof *li);
}

/* ---------- the queue ---------- */

static item *item_at(seg_cleaner *c, size_t seq) {
  return &c->q[(c->head + (seq - c->head_seq)) & (c->cap - 1)];
}

/* Appends a cleared item (its buffers kept from earlier use); returns its sequence number. */
static size_t push_item(seg_cleaner *c, item_kind kind) {
  if (c->count == c->cap) { /* grow, oldest first */
    size_t ncap = c->cap ? c->cap * 2 : 64;
    item *nq = seg_xcalloc(ncap, sizeof *nq);
    for (size_t i = 0; i < c->cap; i++)
      nq[i] = c->q[(c->head + i) & (c->cap - 1)];
    free(c->q);
    c->q = nq;
    c->cap = ncap;
    c->head = 0;
  }
  size_t seq = c->head_seq + c->count++;
  item *it = item_at(c, seq);
  it->kind = kind;
  it->reason = NULL;
  it->context = 0;
  it->state = BLOCK_OPEN;
  seg_buf_clear(&it->bytes);
  seg_buf_clear(&it->para.raw);
  seg_buf_clear(&it->para.text);
  seg_offmap_clear(&it->para.map);
  seg_buf_clear(&it->pregap);
  it->nspans = 0;
  return seq;
}

static void push_reject(seg_cleaner *c, size_t lineno, size_t offset, const char *reason,
                        const char *bytes, size_t len, int context) {
  item *it = item_at(c, push_item(c, ITEM_REJECT));
  it->reason = reason;
  it->lineno = lineno;
  it->offset = offset;
  it->context = context;
  seg_buf_append(&it->bytes, bytes, len);
}

/* Drops a block the classifier does not keep, tentatively while the document has shown no
 * good block: a page with no prose at all (a single line, a short list) is kept whole, since
 * there is nothing to tell its debris from its content by. */
static void forget_sentences(seg_cleaner *c, const item *it);

static void set_kept(seg_cleaner *c, item *it, int keep) {
  it->state = keep ? BLOCK_KEEP : c->no_good_yet ? BLOCK_TENTATIVE : BLOCK_DROP;
  if (!keep) forget_sentences(c, it);
}

/* Ends the tentative state: its blocks become `state`. */
static void end_tentative(seg_cleaner *c, block_state state) {
  for (size_t s = c->head_seq; s < c->head_seq + c->count; s++) {
    item *it = item_at(c, s);
    if (it->kind == ITEM_BLOCK && it->state == BLOCK_TENTATIVE) it->state = state;
  }
  c->no_good_yet = 0;
}

/* Settles the blocks waiting before sequence number `until`, whose next good-or-bad
 * neighbour has class `next`. Backwards, so a heading knows how many bytes lie between it and
 * the good block after it; a heading that a bad neighbour follows waits on (pending) while
 * its distance lasts. */
static void settle(seg_cleaner *c, size_t until, seg_class next) {
  const seg_classify_limits *lim = seg_classifier_limits(c->model);
  size_t dist = 0;
  item *after = NULL; /* the block after this one, when it is a title */
  for (size_t s = until; s-- > c->wait_from;) {
    item *it = item_at(c, s);
    if (it->kind != ITEM_BLOCK || it->state != BLOCK_CLOSED) continue;
    int title = it->v.cls == SEG_CLASS_NEAR && it->v.heading && lim->related_title_min_words &&
                it->f.words >= lim->related_title_min_words;
    /* long titles in a row inside an article: other articles' headlines, not a subheading */
    if (title && after && next == SEG_CLASS_GOOD && c->anchor == SEG_CLASS_GOOD &&
        !c->no_good_yet) {
      it->v.reason = after->v.reason = "related-list";
      set_kept(c, after, 0);
      set_kept(c, it, 0);
      dist += it->para.text.len;
      continue;
    }
    after = title ? it : NULL;
    int keep = seg_classify_keep(&it->v, c->anchor, next) ||
               (next == SEG_CLASS_GOOD && it->v.heading && dist <= lim->heading_distance);
    if (!keep && it->v.heading && next == SEG_CLASS_BAD && dist <= lim->heading_distance) {
      SEG_GROW(c->pend, c->pend_cap, c->npend + 1);
      c->pend[c->npend++] = (struct pending_heading){s, lim->heading_distance - dist};
    } else {
      set_kept(c, it, keep);
    }
    dist += it->para.text.len;
  }
  c->anchor = next;
  c->wait_from = until;
  c->waiting = c->waiting_bytes = 0;
}

/* The pending headings meet item `it`: a good block keeps them all, a duplicate (a listing's
 * repeated headline) drops them all, another block uses up their distance by its length (a
 * rejected line does not: bylines and ads often stand between a headline and its text). */
static void pending_meet(seg_cleaner *c, const item *it, int cls) {
  size_t len = it->kind == ITEM_BLOCK ? it->para.text.len : 0;
  int all = cls == SEG_CLASS_GOOD                                         ? BLOCK_KEEP
            : it->kind == ITEM_REJECT && !strcmp(it->reason, "duplicate") ? BLOCK_DROP
                                                                          : -1;
  if (++c->pend_items > seg_classifier_limits(c->model)->window_blocks) all = BLOCK_DROP;
  size_t k = 0;
  for (size_t i = 0; i < c->npend; i++) {
    item *h = item_at(c, c->pend[i].seq);
    if (all >= 0 || c->pend[i].budget < len) {
      set_kept(c, h, all == BLOCK_KEEP);
    } else {
      c->pend[i].budget -= len;
      c->pend[k++] = c->pend[i];
    }
  }
  c->npend = k;
  if (!k) c->pend_items = 0;
}

static void pending_drop(seg_cleaner *c) {
  for (size_t i = 0; i < c->npend; i++)
    set_kept(c, item_at(c, c->pend[i].seq), 0);
  c->npend = c->pend_items = 0;
}

/* The class an item gives its neighbours: good or bad (-1: it waits, or does not count). */
static int anchor_class(const item *it) {
  if (it->kind == ITEM_REJECT) return it->context ? SEG_CLASS_BAD : -1;
  if (it->kind != ITEM_BLOCK) return -1;
  return it->v.cls == SEG_CLASS_GOOD || it->v.cls == SEG_CLASS_BAD ? (int)it->v.cls : -1;
}

/* The context pass: every item up to the first open block, in order. A good or bad block,
 * or a rejected line that counts, settles the blocks waiting before it; the window bounds
 * how many may wait. */
static void context_pass(seg_cleaner *c) {
  const seg_classify_limits *lim = c->model ? seg_classifier_limits(c->model) : NULL;
  for (; c->scan < c->head_seq + c->count; c->scan++) {
    item *it = item_at(c, c->scan);
    if (it->kind == ITEM_BLOCK && it->state == BLOCK_OPEN) break;
    if (!lim || it->kind == ITEM_FREE) continue; /* no filters: blocks are kept as they close */
    int cls = anchor_class(it);
    if (cls == SEG_CLASS_GOOD && c->no_good_yet) end_tentative(c, BLOCK_DROP);
    if (cls >= 0) settle(c, c->scan, (seg_class)cls);
    if (c->npend) pending_meet(c, it, cls);
    if (c->no_good_yet && c->scan - c->wait_doc >= lim->window_blocks)
      end_tentative(c, BLOCK_DROP); /* too long to be a page without prose */
    if (cls >= 0) {
      c->wait_from = c->scan + 1;
      if (it->kind == ITEM_BLOCK) set_kept(c, it, cls == SEG_CLASS_GOOD);
      continue;
    }
    c->waiting++;
    if (it->kind == ITEM_BLOCK) c->waiting_bytes += it->para.text.len;
    if (c->waiting > lim->window_blocks || c->waiting_bytes > lim->window_bytes)
      settle(c, c->scan + 1, SEG_CLASS_BAD); /* as if the document ended here */
  }
}

/* Pops settled items from the head: rejects go to the callback, a kept block is returned
 * (valid until the next call), NULL when the head waits or the queue is empty. */
static seg_para *release(seg_cleaner *c) {
  while (c->count && c->head_seq < c->scan) {
    item *it = item_at(c, c->head_seq);
    if (it->kind == ITEM_BLOCK && (it->state == BLOCK_CLOSED || it->state == BLOCK_TENTATIVE))
      break;
    c->head = (c->head + 1) & (c->cap - 1);
    c->head_seq++;
    c->count--;
    if (it->kind == ITEM_REJECT) {
      reject(c, it->lineno, it->offset, it->reason, it->bytes.data, it->bytes.len);
    } else if (it->kind == ITEM_BLOCK && it->state == BLOCK_DROP) {
      for (size_t k = 0; k < it->nspans; k++) {
        const line_span *sp = &it->spans[k];
        reject(c, sp->lineno, sp->from, it->v.reason,
               it->para.raw.data + (sp->from - it->para.raw_off), sp->to - sp->from);
      }
    } else if (it->kind == ITEM_BLOCK) {
      return &it->para;
    }
  }
  return NULL;
}

seg_para *seg_cleaner_next(seg_cleaner *c) {
  return release(c);
}

/* ---------- blocks and the joiner ---------- */

static size_t src_start(const seg_line_info *li, size_t i) {
  return i < li->text.len ? seg_offmap_start(&li->map, i) : seg_offmap_end(&li->map, i);
}

static void add_span(item *b, size_t lineno, size_t from, size_t to) {
  SEG_GROW(b->spans, b->spans_cap, b->nspans + 1);
  b->spans[b->nspans++] = (line_span){lineno, from, to};
}

/* Where a block opened by text[from, ...) of a line starts in the input: at its first text
 * byte, or, for a line's whole text, at the line's first byte that is not blank, so what
 * normalization removed before the first character (an empty quote pair, a tag) stays inside
 * the block's first row instead of in nothing (a prefix the cleaner cut is a rejected row). */
static size_t block_start(const seg_line *line, const seg_line_info *li, size_t from) {
  size_t start = src_start(li, from);
  if (from) return start;
  const unsigned char *s = (const unsigned char *)line->bytes;
  size_t i = 0, n = start - line->offset;
  while (i < n) {
    int32_t cp;
    size_t k = seg_unorm_decode(s, n, i, &cp);
    if (cp < 0 || !seg_unorm_is_blank(cp)) break;
    i += k;
  }
  return line->offset + i;
}

/* A new open block from text[from, to) of a line. */
static size_t new_block(seg_cleaner *c, const seg_line *line, const seg_line_info *li, size_t from,
                        size_t to, const seg_line_features *f) {
  size_t seq = push_item(c, ITEM_BLOCK);
  item *b = item_at(c, seq);
  seg_para *p = &b->para;
  p->raw_off = block_start(line, li, from);
  seg_buf_append(&p->raw, line->bytes + (p->raw_off - line->offset),
                 line->len - (p->raw_off - line->offset));
  seg_buf_append(&p->text, li->text.data + from, to - from);
  seg_offmap_append_slice(&p->map, &li->map, from, to);
  p->para_no = c->para_count;
  p->lineno = line->lineno;
  if (f) b->f = *f;
  add_span(b, line->lineno, p->raw_off, seg_offmap_end(&li->map, to));
  return seq;
}

static void close_block(seg_cleaner *c, size_t seq) {
  item *b = item_at(c, seq);
  if (c->model) seg_classify_block(c->model, &b->f, &b->v);
  b->state = c->model ? BLOCK_CLOSED : BLOCK_KEEP;
}

/* Closes the open block and the held fragments (each a block of its own). */
static void flush_joiner(seg_cleaner *c) {
  if (c->have_open) close_block(c, c->open_seq);
  for (size_t k = 0; k < c->nfrags; k++)
    close_block(c, c->frags[k]);
  c->have_open = 0;
  c->nfrags = 0;
  seg_buf_clear(&c->gap);
}

/* Appends text[from, to) of a line to the open block, `how` joined. */
static void merge_line(seg_cleaner *c, const seg_line *line, const seg_line_info *li, size_t from,
                       size_t to, const seg_line_features *f, int how) {
  item *b = item_at(c, c->open_seq);
  size_t start = src_start(li, from);
  seg_buf_append(&c->gap, line->bytes, start - line->offset); /* indentation, a prefix */
  seg_join_append(&b->para, c->gap.data, c->gap.len, line->bytes + (start - line->offset),
                  line->len - (start - line->offset), li->text.data + from, to - from, &li->map,
                  from, how);
  add_span(b, line->lineno, start, seg_offmap_end(&li->map, to));
  seg_classify_merge(c->model, &b->f, f);
  seg_buf_clear(&c->gap);
  c->stats.joined++;
}

/* Moves the held fragments into the open block (their items become free). */
static void merge_fragments(seg_cleaner *c) {
  item *b = item_at(c, c->open_seq);
  for (size_t k = 0; k < c->nfrags; k++) {
    item *fr = item_at(c, c->frags[k]);
    seg_join_append(&b->para, fr->pregap.data, fr->pregap.len, fr->para.raw.data, fr->para.raw.len,
                    fr->para.text.data, fr->para.text.len, &fr->para.map, 0,
                    seg_join_fragment_how(&b->f, &fr->f));
    for (size_t s = 0; s < fr->nspans; s++)
      add_span(b, fr->spans[s].lineno, fr->spans[s].from, fr->spans[s].to);
    seg_classify_merge(c->model, &b->f, &fr->f);
    fr->kind = ITEM_FREE;
    c->stats.joined++;
  }
  c->nfrags = 0;
}

/* Holds a line as a fragment: the text of a link, perhaps continued after it. */
static void hold_fragment(seg_cleaner *c, const seg_line *line, const seg_line_info *li,
                          size_t from, size_t to, const seg_line_features *f) {
  size_t seq = new_block(c, line, li, from, to, f);
  item *fr = item_at(c, seq);
  seg_buf_append(&fr->pregap, c->gap.data, c->gap.len);
  seg_buf_append(&fr->pregap, line->bytes, fr->para.raw_off - line->offset);
  seg_buf_clear(&c->gap);
  SEG_GROW(c->frags, c->frags_cap, c->nfrags + 1);
  c->frags[c->nfrags++] = seq;
}

/* Does the line being joined follow the open block's last line directly (the gap between them
 * one line break: no blank line, nothing rejected)? */
static int adjacent_line(const seg_cleaner *c) {
  return (c->gap.len == 1 && c->gap.data[0] == '\n') ||
         (c->gap.len == 2 && c->gap.data[0] == '\r' && c->gap.data[1] == '\n');
}

/* Are the held fragments each a name in capitals or title case ("Badan Penanggulangan Bencana
 * Daerah (BPBD)"), each on the line right after the one before it? */
static int names_held(seg_cleaner *c) {
  for (size_t k = 0; k < c->nfrags; k++) {
    const item *fr = item_at(c, c->frags[k]);
    size_t breaks = 0;
    for (size_t i = 0; i < fr->pregap.len; i++) {
      char ch = fr->pregap.data[i];
      if (ch == '\n') breaks++;
      else if (ch != ' ' && ch != '\t' && ch != '\r') return 0;
    }
    if (breaks != 1 || !fr->f.words || fr->f.title != fr->f.words) return 0;
  }
  return 1;
}

/* Does t[0, n) end in a dotted abbreviation of capitals ("S.H., M.H.", "M.Si.", "Ph.D."), a
 * name's degree that may end a sentence or be the end of a link's text before ", mengatakan"?
 * Such a block stays open for one more line, which goes on it if it starts with punctuation. */
static int degree_end(const char *t, size_t n) {
  if (n < 4 || t[n - 1] != '.') return 0;
  size_t i = n - 1, dots = 0;
  while (i > 0 && t[i - 1] != ' ' && n - i < 10) {
    i--;
    dots += t[i] == '.';
  }
  return (i == 0 || t[i - 1] == ' ') && dots >= 1 && t[i] >= 'A' && t[i] <= 'Z' &&
         !memchr(t + i, ',', n - i);
}

/* Does the line text t[0, n) end the open block's sentence, so the block is closed now? */
static int ends_block(const seg_line_features *f, const char *t, size_t n) {
  return f->terminal && !degree_end(t, n);
}

/* The joiner: text[from, to) of a kept line continues the open block, waits as a fragment,
 * or starts a block of its own. */
static void join_line(seg_cleaner *c, const seg_line *line, const seg_line_info *li, size_t from,
                      size_t to, const seg_line_features *f) {
  if (c->lex && c->have_open) {
    const item *before = item_at(c, c->nfrags ? c->frags[c->nfrags - 1] : c->open_seq);
    unsigned lead = adjacent_line(c) && seg_join_name_may_go_on(c->model, &before->f)
                        ? seg_classify_lead_words(li->text.data + from, to - from)
                        : 0;
    int how = c->gap.len <= GAP_MAX ? seg_join_how(c->model, &before->f, f, lead) : SEG_JOIN_NO;
    /* a block held open after a name's degrees takes a line of punctuation right below it */
    if (!how && before->f.terminal && f->start == SEG_START_CLOSE && adjacent_line(c))
      how = SEG_JOIN_GLUED;
    /* after held fragments, a line going on in lower case right below them continues the
     * block they continue, though the last of them would be a headline on its own: a name a
     * link set on its own line ("... telah memerintahkan" / "Badan Penanggulangan Bencana
     * Daerah (BPBD)" / "menyiapkan tiga titik ...") */
    if (!how && c->nfrags && f->start == SEG_START_LOWER && f->first_word && adjacent_line(c) &&
        names_held(c))
      how = seg_join_how(c->model, &item_at(c, c->open_seq)->f, f, 0);
    /* across a blank line, a comma at a block's end goes on only in a line that cannot open a
     * paragraph (a paragraph typed with a comma at its end: "... Senin (4/3/2024)," / "" /
     * "Pelaku, kata dia, ...") */
    if (how && !adjacent_line(c) && f->start == SEG_START_OTHER && !before->f.open_quote &&
        before->f.parens <= 0 && before->para.text.len &&
        before->para.text.data[before->para.text.len - 1] == ',')
      how = SEG_JOIN_NO;
    /* a name held after a headline-like block goes on only in a line of a sentence */
    if (how && c->nfrags && seg_join_headline(c->model, &item_at(c, c->open_seq)->f) &&
        !(f->stop && f->words >= 2))
      how = SEG_JOIN_NO;
    if (!how && adjacent_line(c) && seg_join_closer(c->model, &item_at(c, c->open_seq)->f, f))
      how = SEG_JOIN_SPACE;
    /* a quotation the block opened at a line's end closes in this line: its words were links
     * ("... lagu \"" / "Bayar" / "Bayar Bayar\" yang telah ...") */
    int closes = item_at(c, c->open_seq)->f.quote_open && adjacent_line(c) &&
                 seg_classify_has_quote(li->text.data + from, to - from);
    if (!how && closes && seg_join_quoted(c->model, &item_at(c, c->open_seq)->f, f))
      how = SEG_JOIN_SPACE;
    if (how) {
      merge_fragments(c);
      merge_line(c, line, li, from, to, f, how);
      if (closes) item_at(c, c->open_seq)->f.quote_open = 0;
      if (ends_block(f, li->text.data + from, to - from)) flush_joiner(c);
      return;
    }
    if (c->model && c->nfrags < seg_classifier_limits(c->model)->max_fragments &&
        seg_join_fragment(c->model, &before->f, f)) {
      hold_fragment(c, line, li, from, to, f);
      return;
    }
    flush_joiner(c);
  }
  c->open_seq = new_block(c, line, li, from, to, f);
  c->have_open = 1;
  seg_buf_clear(&c->gap);
  if (!c->lex || ends_block(f, li->text.data + from, to - from)) flush_joiner(c);
}

/* ---------- decisions ---------- */

static int dup_seen(const seg_cleaner *c, uint64_t h) {
  const dup_slot *s = &c->dups[h & (DUP_SLOTS - 1)];
  return s->doc == c->doc_gen && s->hash == h;
}

static void dup_put(seg_cleaner *c, uint64_t h) {
  dup_slot *s = &c->dups[h & (DUP_SLOTS - 1)];
  s->doc = c->doc_gen;
  s->hash = h;
}

/* A block the classifier and its context drop (or will drop, once the page shows a good
 * block) is no source of copies: a teaser the page cut off mid-sentence, rejected, leaves the
 * article's first sentence, said again after the dateline, in its place. Its sentences are
 * forgotten; its own hash stays (a listing's repeated headline is a copy still). */
static void forget_sentences(seg_cleaner *c, const item *it) {
  if (!c->lex || !it->f.alpha) return;
  seg_line_pieces lp;
  cut_pieces(it->para.text.data, it->para.text.len, &lp);
  for (size_t k = 0; k < lp.n; k++) {
    dup_slot *s = &c->dups[lp.hash[k] & (DUP_SLOTS - 1)];
    if (s->doc == c->doc_gen && s->hash == lp.hash[k]) s->doc = 0;
  }
}

static int is_duplicate(seg_cleaner *c, uint64_t h) {
  if (dup_seen(c, h)) return 1;
  dup_put(c, h);
  return 0;
}

/* Where the second sentence of t[0, n) starts when the first, surely ended, was seen in the
 * document, else 0, the first remembered (the text after a dateline, whose later sentences
 * its own line has remembered already). */
static size_t first_seen(seg_cleaner *c, const char *t, size_t n) {
  size_t next_at = 0, i = next_cut(t, n, 0, &next_at);
  if (i == n || i + 1 < PIECE_MIN) return 0;
  uint64_t h = seg_hash(t, i + 1);
  if (sure_end(t, i) && dup_seen(c, h)) return next_at;
  dup_put(c, h);
  return 0;
}

/* The sentences of a line (its pieces, cut_pieces) are remembered; a line of two or more
 * that were all seen before in the document is a copy (a forum post quoting sentences of an
 * earlier one), as a line that is one earlier sentence is by its own hash. Otherwise *lead is
 * where the line's first unseen sentence starts when the ones before it were seen and surely
 * ended (a teaser under the headline said again as a paragraph's first sentence), else 0. */
static int sentences_seen(seg_cleaner *c, const seg_line_info *li, size_t *lead) {
  const char *t = li->text.data + li->core_from;
  const seg_line_pieces *lp = &li->pieces;
  if (!lp->ready) { /* one line at a time: cut here */
    cut_pieces(t, li->core_to - li->core_from, &c->pieces);
    lp = &c->pieces;
  }
  size_t np = lp->n, seen = 0;
  int leading = 1; /* every piece so far was seen */
  *lead = 0;
  if (!lp->cut) return 0; /* one sentence: the line's own hash stands for it */
  for (size_t k = 0; k < np; k++) {
    unsigned fl = lp->flags[k];
    int was = dup_seen(c, lp->hash[k]);
    seen += (size_t)was;
    if (fl & PIECE_TAIL) continue;
    if (leading && (fl & PIECE_LEAD) && was && sure_end(t, lp->end[k]))
      *lead = lp->end[k] + (fl & PIECE_GLUED ? 1 : 2);
    else
      leading = 0;
  }
  if (np && seen == np && !lp->over) {
    *lead = 0;
    return 1; /* (a longer line is not judged, only remembered) */
  }
  for (size_t k = 0; k < np; k++)
    dup_put(c, lp->hash[k]);
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

static void gap_add_terminator(seg_cleaner *c, const seg_line *line) {
  if (!c->have_open || line->offset < c->last_end) return;
  size_t t = line->offset - c->last_end;
  if (t == 1)
    seg_buf_putc(&c->gap, '\n');
  else if (t == 2)
    seg_buf_append(&c->gap, "\r\n", 2);
  else
    for (size_t i = 0; i < t; i++)
      seg_buf_putc(&c->gap, '\n');
}

void seg_cleaner_begin(seg_cleaner *c, const seg_clean_callbacks *cb) {
  if (cb)
    c->cb = *cb;
  else
    memset(&c->cb, 0, sizeof c->cb);
  c->head_seq += c->count; /* a document left unfinished: drop what it left */
  c->head = (c->head + c->count) & (c->cap ? c->cap - 1 : 0);
  c->count = 0;
  c->scan = c->wait_from = c->head_seq;
  c->waiting = c->waiting_bytes = 0;
  c->anchor = SEG_CLASS_BAD;
  c->no_good_yet = c->model != NULL;
  c->wait_doc = c->head_seq;
  c->npend = c->pend_items = 0;
  c->have_open = 0;
  c->nfrags = 0;
  seg_buf_clear(&c->gap);
  c->last_end = 0;
  c->para_count = 0;
  c->in_list = 0;
  c->in_signature = 0;
  c->after_role = 0;
  c->kept_lines = 0;
  c->dateline_seen = 0;
  c->dash_next = 0;
  c->masthead = 0;
  c->doc_gen++;
}

seg_para *seg_cleaner_push(seg_cleaner *c, const seg_line *line) {
  analyze_lines(c, line, &c->own, 1, 0); /* decide cuts the pieces it needs */
  return seg_cleaner_decide(c, line, &c->own);
}

/* A line rejected whole (the lexicon, a duplicate, a list item). */
static void reject_line(seg_cleaner *c, const seg_line *line, const char *reason, int context) {
  if (c->nfrags) flush_joiner(c);
  push_reject(c, line->lineno, line->offset, reason, line->bytes, line->len, context);
  if (c->have_open) {
    seg_buf_append(&c->gap, line->bytes, line->len);
    if (c->gap.len > GAP_MAX) flush_joiner(c);
  }
}

/* Is the line a rule of one repeated '_' or '-' at least min bytes long (0: never), as forum
 * software puts above a post's signature? */
static int signature_rule(const char *s, size_t n, uint32_t min) {
  if (!min || n < min || (s[0] != '_' && s[0] != '-')) return 0;
  for (size_t i = 1; i < n; i++)
    if (s[i] != s[0]) return 0;
  return 1;
}

#define REFERENCE_MAX 600 /* bytes of the longest citation a reference list's run takes */

/* Does a line read like a citation: a year in parentheses ("Kemenkes RI. (2023). Judul."),
 * an access date or a DOI? */
static int citation_like(const char *s, size_t n) {
  for (size_t i = 0; i + 6 <= n; i++)
    if (s[i] == '(' && (s[i + 1] == '1' || s[i + 1] == '2') && s[i + 2] >= '0' &&
        s[i + 2] <= '9' && s[i + 3] >= '0' && s[i + 3] <= '9' && s[i + 4] >= '0' &&
        s[i + 4] <= '9' && s[i + 5] == ')')
      return 1;
  return seg_find_str(s, n, "iakses", 6) || seg_find_str(s, n, "doi:", 4) ||
         seg_find_str(s, n, "Retrieved", 9);
}

/* The lexicon's and the document's verdict on a non-blank line; NULL: it is kept. */
static const char *line_reason(seg_cleaner *c, const seg_line_info *li) {
  const char *reason = li->reason;
  int after_role = c->after_role;
  c->after_role = 0;
  size_t n = li->text.len;
  if (c->in_signature && !reason && n <= seg_lexicon_list_item_max(c->lex) &&
      (uint32_t)c->in_signature <= seg_classifier_limits(c->model)->signature_max_lines) {
    c->in_signature++;
    return "signature";
  }
  c->in_signature = 0; /* a paragraph, a post's header: what follows is judged again */
  if (c->model &&
      signature_rule(li->text.data, n, seg_classifier_limits(c->model)->signature_rule_min)) {
    c->in_signature = 1;
    return reason ? reason : "signature";
  }
  if (!reason && c->in_list && c->list_refs && n <= REFERENCE_MAX &&
      citation_like(li->text.data, n)) {
    reason = "reference";
    c->in_list++;
  } else if (!reason && c->in_list) {
    /* an item is a title: not a sentence's end, nor a line that opens a list of its own (":")
     * or goes on from the line before (a lower-case or punctuation start) */
    const seg_line_features *f = &li->features;
    /* prose without its end (a link broke it) is not a title: a line scored good, or a long
     * one with stopwords in sentence case ("Kepala BPBD Sintang, Budi, mengatakan tim sudah
     * menyiapkan perahu untuk ..." before a lone "."), as a title's words are capitalized */
    int prose = 0;
    if (c->model && !f->terminal) {
      seg_verdict v;
      seg_classify_block(c->model, f, &v);
      prose = v.cls == SEG_CLASS_GOOD ||
              (f->stop && f->words >= seg_classifier_limits(c->model)->broken_min_words &&
               !seg_classify_headline(c->model, f));
    }
    if (n <= seg_lexicon_list_item_max(c->lex) && !seg_classify_period_end(li->text.data, n) &&
        li->text.data[n - 1] != ':' && f->start != SEG_START_LOWER && f->start != SEG_START_CLOSE &&
        !prose) {
      reason = "related-list";
      c->in_list++;
    } else {
      c->in_list = 0;
    }
  }
  /* a title after a bullet sign (not a number: "1. Judul Bagian" is a subheading), no
   * sentence and no list item's ';' or ',': a link to another article ("• Judul Lain") */
  if (!reason && c->model && li->prefix_reason && !strcmp(li->prefix_reason, "bullet") &&
      !(li->text.data[0] >= '0' && li->text.data[0] <= '9') && !li->features.terminal &&
      !li->features.open_end && li->text.data[li->core_to - 1] != ';' &&
      seg_classify_headline(c->model, &li->features)) {
    reason = "related-list";
    dup_put(c, li->hash); /* its copies without the bullet (a listing page) are copies still */
  }
  /* (a lone "." a link break left is glued back, not a copy of an earlier one) */
  c->dup_lead = 0;
  if (!reason && li->features.alpha &&
      (is_duplicate(c, li->hash) || sentences_seen(c, li, &c->dup_lead)))
    reason = "duplicate";
  if (reason && li->list_header) {
    c->in_list = 1;
    c->list_refs = !strcmp(reason, "reference");
  }
  /* a credit's role alone on its line ("Editor:", "Penulis :") has its value on the next one,
   * names the classifier may not know as such ("Sri Wahyuni, budi_s"): short, no sentence */
  const seg_line_features *f = &li->features;
  int role_value = after_role && c->model && !f->terminal && f->words &&
                   f->words <= seg_classifier_limits(c->model)->fragment_max_words;
  if (!reason && role_value) reason = "byline";
  c->after_role = reason && !role_value && !strcmp(reason, "byline") && f->words <= 2 &&
                  li->text.data[li->text.len - 1] == ':';
  return reason;
}

/* Bytes of the dash (and the spaces after it) that starts a line. */
static size_t dash_len(const char *t, size_t from, size_t to) {
  size_t k = from;
  while (k < to && t[k] != ' ')
    k++;
  while (k < to && t[k] == ' ')
    k++;
  return k - from;
}

/* A dateline at the start of a kept line's text[*from, to) (in the first lines of a
 * document), or the dash of one that stood alone on the line before: rejected as a prefix,
 * *from moved past it and *f recomputed for what remains. */
static void dateline_prefix(seg_cleaner *c, const seg_line *line, const seg_line_info *li, int dash,
                            int window, size_t *from, seg_line_features *f) {
  const char *t = li->text.data;
  size_t to = li->core_to, drop = 0;
  if (dash && f->start == SEG_START_DASH)
    drop = dash_len(t, *from, to);
  else if (window)
    drop = seg_lexicon_dateline(c->match, t + *from, to - *from);
  if (!drop || *from + drop >= to) return;
  c->dateline_seen = 1;
  size_t start = *from ? src_start(li, *from) : line->offset, end = src_start(li, *from + drop);
  push_reject(c, line->lineno, start, "dateline", line->bytes + (start - line->offset), end - start,
              0);
  *from += drop;
  seg_classify_features(c->model, t + *from, to - *from, f);
}

/* Rejects text[*from, *from + n) of a kept line as a copy of what the document said before;
 * *f is recomputed for what remains (if anything). */
static void cut_copy(seg_cleaner *c, const seg_line *line, const seg_line_info *li, size_t *from,
                     size_t to, size_t n, seg_line_features *f) {
  size_t start = src_start(li, *from);
  size_t end = *from + n < to ? src_start(li, *from + n) : seg_offmap_end(&li->map, to);
  push_reject(c, line->lineno, start, "duplicate", line->bytes + (start - line->offset),
              end - start, 0);
  *from += n;
  if (*from < to) seg_classify_features(c->model, li->text.data + *from, to - *from, f);
}

/* A kept line with filters on: a dateline alone, or prefix, the joiner, suffix. */
static void keep_line(seg_cleaner *c, const seg_line *line, const seg_line_info *li) {
  size_t from = li->core_from, to = li->core_to;
  seg_line_features f = li->features;
  int dash = c->dash_next;
  int window = !c->dateline_seen && c->kept_lines < DATELINE_WINDOW;
  c->dash_next = 0;
  /* (a dateline of one word, "KOMPAS.com", may be a link's text in a sentence instead: it
   * must not go on an unfinished line directly) */
  if (window &&
      (f.words > 1 || !c->have_open || item_at(c, c->open_seq)->f.terminal ||
       !adjacent_line(c)) &&
      seg_lexicon_dateline_line(c->match, li->text.data + from, to - from)) {
    reject_line(c, line, "dateline", 0); /* its dash may start the next line */
    c->dash_next = 1;
    c->dateline_seen = f.words > 1; /* a site's name alone (a masthead) is one only with its dash */
    c->kept_lines++;
    return;
  }
  if (li->prefix_reason) {
    size_t end = src_start(li, from);
    push_reject(c, line->lineno, line->offset, li->prefix_reason, line->bytes, end - line->offset,
                0);
  }
  if (c->dup_lead) /* the line's first sentences are copies */
    cut_copy(c, line, li, &from, to, c->dup_lead, &f);
  size_t before = from;
  dateline_prefix(c, line, li, dash, window, &from, &f);
  int copy = 0;
  if (from != before) { /* what the dateline opened, judged as a line: a subtitle said again */
    /* the body starts here: what stood open before it is settled first, so a teaser that
     * context drops is no source of copies (forget_sentences) */
    flush_joiner(c);
    context_pass(c);
    const char *r = li->text.data + from;
    size_t lead = 0;
    copy = is_duplicate(c, seg_hash(r, to - from)); /* (its line's own pieces are not copies) */
    if (copy)
      cut_copy(c, line, li, &from, to, to - from, &f);
    else if ((lead = first_seen(c, r, to - from)))
      cut_copy(c, line, li, &from, to, lead, &f);
  }
  if (!copy) join_line(c, line, li, from, to, &f);
  /* a city's name alone in capitals among the first lines may be a dateline whose dash opens
   * the next line ("PELALAWAN" / "– Kebakaran lahan ..."): that dash goes as its prefix */
  if (window && f.words == 1 && f.caps == 1 && f.alpha == 1 && !f.terminal) c->dash_next = 1;
  if (li->suffix_reason) {
    size_t start = seg_offmap_end(&li->map, to);
    push_reject(c, line->lineno, start, li->suffix_reason, line->bytes + (start - line->offset),
                line->offset + line->len - start, 0);
  }
  c->kept_lines++;
}

/* Does a line look like a site's name: one word that is a domain or joins capitalized words
 * ("BaliKini.com", "GadgetBanua"), or words all in capitals ("SMA NEGERI 3 SUKAMAJU")? (A
 * category's label, "Opini", "Berita Regional", is none of these.) */
static int site_name(const seg_line_info *li) {
  const seg_line_features *f = &li->features;
  if (f->alpha && f->caps == f->alpha) return 1;
  if (f->words != 1) return 0;
  const char *t = li->text.data + li->core_from;
  size_t n = li->core_to - li->core_from;
  for (size_t i = 1; i + 1 < n; i++)
    if (t[i] == '.' || (t[i] >= 'A' && t[i] <= 'Z' && t[i - 1] >= 'a' && t[i - 1] <= 'z'))
      return 1;
  return 0;
}

/* Is the line a site's tagline, right under its name on the page's first line ("BaliKini.com"
 * / "Kabar Pulau Dewata, Setiap Saat")? Notes whether this line could be the name. */
static int tagline(seg_cleaner *c, const seg_line_info *li) {
  if (!c->model) return 0;
  const seg_classify_limits *lim = seg_classifier_limits(c->model);
  const seg_line_features *f = &li->features;
  int second = c->para_count == 2 && c->masthead;
  c->masthead = c->para_count == 1 && f->words && f->words <= lim->masthead_max_words &&
                !f->terminal && !f->open_end && site_name(li);
  return second && f->words >= 2 && f->words <= lim->tagline_max_words && f->alpha &&
         !f->terminal && !f->open_end && f->start == SEG_START_OTHER && !f->digit_start;
}

seg_para *seg_cleaner_decide(seg_cleaner *c, const seg_line *line, const seg_line_info *li) {
  for (size_t k = 0; k < li->ninvalid; k++) /* replayed here, in input order, on one thread */
    if (c->cb.invalid)
      c->cb.invalid(c->cb.ctx, line->lineno, li->invalid[k].col, li->invalid[k].offset,
                    li->invalid[k].byte);
  gap_add_terminator(c, line);
  c->last_end = line->offset + line->len;
  if (!li->text.len) { /* blank: a separator, unless invisible characters were all it held */
    if (c->nfrags) flush_joiner(c);
    if (c->in_list > 1) c->in_list = 0; /* a list ends at the blank line after its items */
    c->masthead = 0;
    c->in_signature = 0;
    c->after_role = 0;
    if (!only_whitespace(line->bytes, line->len)) /* tags alone: a line HTML's breaks cut */
      push_reject(c, line->lineno, line->offset,
                  memchr(line->bytes, '<', line->len) ? "markup" : "invisible", line->bytes,
                  line->len, 0);
    if (c->have_open) {
      seg_buf_append(&c->gap, line->bytes, line->len);
      if (c->gap.len > GAP_MAX) flush_joiner(c);
    }
  } else {
    c->para_count++;
    c->stats.paragraphs++;
    const char *reason = c->lex ? line_reason(c, li) : NULL;
    if (c->lex && tagline(c, li) && !reason) reason = "tagline";
    if (reason)
      reject_line(c, line, reason, !c->model || !seg_classifier_transparent(c->model, reason));
    else if (c->lex)
      keep_line(c, line, li);
    else
      join_line(c, line, li, 0, li->text.len, &li->features);
  }
  context_pass(c);
  return release(c);
}

seg_para *seg_cleaner_finish(seg_cleaner *c) {
  flush_joiner(c);
  context_pass(c);
  if (c->model) { /* the document's end */
    settle(c, c->scan, SEG_CLASS_BAD);
    pending_drop(c);
    if (c->no_good_yet) end_tentative(c, BLOCK_KEEP);
  }
  return release(c);
}
