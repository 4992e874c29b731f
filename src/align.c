/* align: see align.h. Tokens are hashed once per sentence; the support counts of a cell of
 * the band (sentence vs sentence, sentence vs the union of two neighbours) are computed once
 * and cached, so a document costs O((n + m) * band * tokens). Never counts one token twice
 * for a 2-sentence group. */
#include "align.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "hash.h"

extern const unsigned char seg_data_id_en_dictionary[];
extern const size_t seg_data_id_en_dictionary_len;

/* ---------- tokens ---------- */

static int tok_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* Calls fn for each lower-cased token; English tokens lose a plural/possessive "s" and
 * Indonesian ones the clitics -nya/-lah/-kah, so inflected forms meet their list entries. */
typedef void (*tok_fn)(void *ctx, const char *tok, size_t n);

static void tokenize(const char *s, size_t len, int english, tok_fn fn, void *ctx) {
  char buf[64];
  for (size_t i = 0; i < len;) {
    while (i < len && !tok_byte((unsigned char)s[i])) i++;
    size_t a = i;
    while (i < len && (tok_byte((unsigned char)s[i]) ||
                       (s[i] == '-' && i + 1 < len && tok_byte((unsigned char)s[i + 1]))))
      i++;
    size_t n = i - a;
    if (!n) continue;
    if (n > sizeof buf) n = sizeof buf;
    for (size_t k = 0; k < n; k++) {
      char c = s[a + k];
      buf[k] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    if (english) {
      if (n > 3 && buf[n - 1] == 's' && buf[n - 2] != 's') n--;
    } else if (n > 5 && (!memcmp(buf + n - 3, "nya", 3) || !memcmp(buf + n - 3, "lah", 3) ||
                         !memcmp(buf + n - 3, "kah", 3))) {
      fn(ctx, buf, n); /* both the full form and the stem */
      n -= 3;
    }
    fn(ctx, buf, n);
  }
}

/* ---------- dictionary: source token hash -> list of target token hashes ---------- */

typedef struct {
  uint64_t key;        /* the source token's hash */
  size_t first, count; /* its targets: a chain through tg[] from index+1 `first` (0: none) */
} dict_src;

typedef struct {
  uint64_t tgt;
  size_t next; /* index+1 of the next target of the same key, 0 = end */
} dict_tgt;

struct seg_dict {
  seg_hash_table index; /* srcs[] by key (token hashes are seg_hash values) */
  dict_src *srcs;
  size_t n, srcs_cap;
  dict_tgt *tg;
  size_t ntg, tg_cap;
};

static const dict_src *dict_find(const seg_dict *d, uint64_t key) {
  seg_hash_probe p = seg_hash_probe_start(&d->index, key);
  for (uint32_t i; (i = seg_hash_probe_next(&p)) != SEG_HASH_NONE;)
    if (d->srcs[i].key == key) return &d->srcs[i];
  return NULL;
}

static dict_src *dict_find_or_add(seg_dict *d, uint64_t key) {
  dict_src *s = (dict_src *)dict_find(d, key);
  if (s) return s;
  SEG_GROW(d->srcs, d->srcs_cap, d->n + 1);
  d->srcs[d->n] = (dict_src){key, 0, 0};
  seg_hash_put(&d->index, key, (uint32_t)d->n);
  return &d->srcs[d->n++];
}

static void dict_add(seg_dict *d, uint64_t src, uint64_t tgt) {
  dict_src *s = dict_find_or_add(d, src);
  for (size_t k = s->first; k; k = d->tg[k - 1].next)
    if (d->tg[k - 1].tgt == tgt) return;
  SEG_GROW(d->tg, d->tg_cap, d->ntg + 1);
  d->tg[d->ntg] = (dict_tgt){tgt, s->first};
  s->first = ++d->ntg;
  s->count++;
}

typedef struct {
  uint64_t *h;
  size_t n, cap;
} hvec;

static void hvec_push(void *ctx, const char *tok, size_t n) {
  hvec *v = ctx;
  SEG_GROW(v->h, v->cap, v->n + 1);
  v->h[v->n++] = seg_hash(tok, n);
}

void seg_dict_add_phrase(seg_dict *d, const char *src, size_t slen, const char *tgt, size_t tlen) {
  hvec s = {0}, t = {0};
  tokenize(src, slen, 0, hvec_push, &s);
  tokenize(tgt, tlen, 1, hvec_push, &t);
  for (size_t i = 0; i < s.n; i++)
    for (size_t j = 0; j < t.n; j++) dict_add(d, s.h[i], t.h[j]);
  free(s.h);
  free(t.h);
}

seg_status seg_dict_add_tsv(seg_dict *d, const char *tsv, size_t len, const char *name,
                            seg_error *err) {
  size_t lineno = 0;
  for (size_t i = 0; i < len;) {
    const char *line = tsv + i;
    const char *nl = memchr(line, '\n', len - i);
    size_t n = nl ? (size_t)(nl - line) : len - i;
    i += n + 1;
    lineno++;
    if (!n || line[0] == '#') continue;
    const char *tab = memchr(line, '\t', n);
    if (!tab)
      return seg_error_set(err, SEG_ERR_CONFIG, name, lineno, 1,
                           "dictionary line needs 'word<TAB>translation[|translation...]'");
    const char *p = tab + 1, *end = line + n;
    while (p < end) {
      const char *bar = memchr(p, '|', (size_t)(end - p));
      const char *q = bar ? bar : end;
      seg_dict_add_phrase(d, line, (size_t)(tab - line), p, (size_t)(q - p));
      p = q + 1;
    }
  }
  return SEG_OK;
}

seg_dict *seg_dict_new(void) { return seg_xcalloc(1, sizeof(seg_dict)); }

seg_dict *seg_dict_default(seg_error *err) {
  seg_dict *d = seg_dict_new();
  if (seg_dict_add_tsv(d, (const char *)seg_data_id_en_dictionary, seg_data_id_en_dictionary_len,
                       "<embedded>/id-en/dictionary.tsv", err)) {
    seg_dict_free(d);
    return NULL;
  }
  return d;
}

size_t seg_dict_size(const seg_dict *d) { return d->n; }

void seg_dict_free(seg_dict *d) {
  if (!d) return;
  seg_hash_table_free(&d->index);
  free(d->srcs);
  free(d->tg);
  free(d);
}

/* ---------- per-sentence features ---------- */

typedef struct {
  uint64_t *own;     /* source: token hashes; target: sorted unique token hashes */
  size_t nown;
  uint64_t *exp;     /* source only: sorted unique hashes of tokens and their translations */
  size_t nexp;
  size_t *cand_off;  /* source only: per token, offset into cand[] (n+1 entries) */
  uint64_t *cand;    /* source only: each token's own hash followed by its translations */
  size_t chars;      /* non-space bytes */
  int junk;
} feats;

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

static size_t sort_unique(uint64_t *v, size_t n) {
  if (!n) return 0;
  qsort(v, n, sizeof *v, cmp_u64);
  size_t k = 1;
  for (size_t i = 1; i < n; i++)
    if (v[i] != v[k - 1]) v[k++] = v[i];
  return k;
}

static int has(const uint64_t *v, size_t n, uint64_t x) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (v[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo < n && v[lo] == x;
}

static size_t count_chars(const char *s, size_t n) {
  size_t c = 0;
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ' && ((unsigned char)s[i] & 0xC0) != 0x80) c++;
  return c;
}

static void feats_source(const seg_dict *d, const seg_sentence *s, feats *f) {
  hvec toks = {0};
  tokenize(s->text, s->len, 0, hvec_push, &toks);
  f->own = toks.h;
  f->nown = toks.n;
  f->cand_off = seg_xmalloc((toks.n + 1) * sizeof *f->cand_off);
  hvec cand = {0};
  for (size_t i = 0; i < toks.n; i++) {
    f->cand_off[i] = cand.n;
    SEG_GROW(cand.h, cand.cap, cand.n + 1);
    cand.h[cand.n++] = toks.h[i];
    const dict_src *sl = dict_find(d, toks.h[i]);
    for (size_t k = sl ? sl->first : 0; k; k = d->tg[k - 1].next) {
      SEG_GROW(cand.h, cand.cap, cand.n + 1);
      cand.h[cand.n++] = d->tg[k - 1].tgt;
    }
  }
  f->cand_off[toks.n] = cand.n;
  f->cand = cand.h;
  f->exp = seg_xmalloc((cand.n + 1) * sizeof *f->exp);
  if (cand.n) memcpy(f->exp, cand.h, cand.n * sizeof *f->exp);
  f->nexp = sort_unique(f->exp, cand.n);
  f->chars = count_chars(s->text, s->len);
  f->junk = s->junk;
}

static void feats_target(const seg_sentence *s, feats *f) {
  hvec toks = {0};
  tokenize(s->text, s->len, 1, hvec_push, &toks);
  f->nown = sort_unique(toks.h, toks.n);
  f->own = toks.h;
  f->chars = count_chars(s->text, s->len);
  f->junk = s->junk;
}

static void feats_free(feats *f) {
  free(f->own);
  free(f->exp);
  free(f->cand_off);
  free(f->cand);
}

static uint16_t clamp16(size_t v) { return (uint16_t)(v > 65534 ? 65534 : v); }

/* Source tokens of s with support in t or (if t2) t2: a token counts once however many target
 * sentences support it, so a group never scores higher than the evidence it holds. */
static uint16_t source_support(const feats *s, const feats *t, const feats *t2) {
  size_t a = 0;
  for (size_t i = 0; i < s->nown; i++)
    for (size_t k = s->cand_off[i]; k < s->cand_off[i + 1]; k++)
      if (has(t->own, t->nown, s->cand[k]) || (t2 && has(t2->own, t2->nown, s->cand[k]))) {
        a++;
        break;
      }
  return clamp16(a);
}

/* Target tokens of t with support in s or (if s2) s2, each counted once. */
static uint16_t target_support(const feats *t, const feats *s, const feats *s2) {
  size_t b = 0;
  for (size_t j = 0; j < t->nown; j++)
    if (has(s->exp, s->nexp, t->own[j]) || (s2 && has(s2->exp, s2->nexp, t->own[j]))) b++;
  return clamp16(b);
}

/* ---------- the DP ---------- */

/* Costs, chosen on the development sets from a broad plateau (every setting within
 * W_LEN .09-.16, NULL_COST .55-.62, MERGE_COST .28-.32 scores strict F1 >= .99 there); see
 * docs/alignment.md. A link costs its size times its lexical dissimilarity plus the weighted
 * length deviation plus a penalty for merged sentences. */
#define W_LEN 0.12         /* weight of the squared Gale-Church deviation */
#define LEN_VAR 6.8        /* Gale-Church variance per character */
#define NULL_COST 0.58     /* leaving one sentence unaligned */
#define JUNK_COST 0.02     /* leaving a boilerplate line unaligned */
#define MERGE_COST 0.30    /* extra cost of a 1-2 or 2-1 link */
#define MERGE22_COST 0.80  /* extra cost of a 2-2 link */
#define MARGIN22 0.25      /* a 2-2 link must cost this much less than its two 1-1 links */
#define WELL_SUPPORTED 0.5 /* a 1-1 link scoring this is never merged into a 2-2 link */
#define INF 1e30

typedef struct {
  const feats *fs, *ft;
  size_t n, m, band;
  double ratio; /* target chars per source char */
  /* per band cell (i, j), UNSET until computed: source i's tokens supported by target j
   * (ps) or by targets j and j+1 (us); target j's tokens supported by source i (pt) or by
   * sources i and i+1 (ut) */
  uint16_t *ps, *pt, *us, *ut;
} ctx;

#define UNSET UINT16_MAX

static inline long band_lo(const ctx *c, size_t i) {
  long center = c->n ? (long)((double)i * (double)c->m / (double)c->n) : 0;
  return center - (long)c->band;
}

/* Cell index of (i, j) in the band, or -1 if outside. i in [0, n], j in [0, m]. */
static inline long cell(const ctx *c, size_t i, size_t j) {
  long lo = band_lo(c, i);
  long k = (long)j - lo;
  if (k < 0 || k > 2 * (long)c->band) return -1;
  return (long)i * (2 * (long)c->band + 1) + k;
}

enum { PS, PT, US, UT };

/* One support count of cell (i, j) (see ctx), cached when the cell is in the band. */
static size_t support(ctx *c, int kind, size_t i, size_t j) {
  const feats *s = &c->fs[i], *t = &c->ft[j];
  const feats *s2 = kind == UT ? &c->fs[i + 1] : NULL, *t2 = kind == US ? &c->ft[j + 1] : NULL;
  uint16_t *slot = NULL;
  long k = cell(c, i, j);
  if (k >= 0) {
    uint16_t *arr[] = {c->ps, c->pt, c->us, c->ut};
    slot = &arr[kind][k];
    if (*slot != UNSET) return *slot;
  }
  uint16_t v = kind == PS || kind == US ? source_support(s, t, t2) : target_support(t, s, s2);
  if (slot) *slot = v;
  return v;
}

/* Supported source (*ms) and target (*mt) tokens of the group source [i, i+ns) x target
 * [j, j+nt), ns, nt in 1..2: every token counted once against the whole other side. */
static void group_support(ctx *c, size_t i, size_t ns, size_t j, size_t nt, size_t *ms,
                          size_t *mt) {
  *ms = *mt = 0;
  for (size_t a = 0; a < ns; a++)
    *ms += nt == 2 ? support(c, US, i + a, j) : support(c, PS, i + a, j);
  for (size_t b = 0; b < nt; b++)
    *mt += ns == 2 ? support(c, UT, i, j + b) : support(c, PT, i, j + b);
}

/* Evidence (0..1) that sentence k of the 2-side of a 1-2/2-1 link belongs to it: the share
 * of its tokens matched both ways, i.e. the smaller of its own tokens supported by the 1-side
 * (own) and the 1-side's tokens that it supports and its companion does not (both - other). */
static double evidence(size_t own, size_t both, size_t other, size_t mass) {
  size_t gain = both > other ? both - other : 0;
  size_t ev = own < gain ? own : gain;
  return mass ? (ev >= mass ? 1.0 : (double)ev / (double)mass) : 0.0;
}

/* Evidence that both sentences of the 2-side of a 1-2 (ns 1) or 2-1 (ns 2) link belong to it:
 * the smaller of the two. A sentence a translator split off (or merged in) has both kinds of
 * support; a neighbour that only repeats its companion's words, or an untranslated line, has
 * next to none. */
static double merge_evidence(ctx *c, size_t i, size_t ns, size_t j) {
  double e0, e1;
  if (ns == 1) { /* source i with targets j, j+1 */
    size_t both = support(c, US, i, j), s0 = support(c, PS, i, j), s1 = support(c, PS, i, j + 1);
    e0 = evidence(support(c, PT, i, j), both, s1, c->ft[j].nown);
    e1 = evidence(support(c, PT, i, j + 1), both, s0, c->ft[j + 1].nown);
  } else { /* sources i, i+1 with target j */
    size_t both = support(c, UT, i, j), t0 = support(c, PT, i, j), t1 = support(c, PT, i + 1, j);
    e0 = evidence(support(c, PS, i, j), both, t1, c->fs[i].nown);
    e1 = evidence(support(c, PS, i + 1, j), both, t0, c->fs[i + 1].nown);
  }
  return e0 < e1 ? e0 : e1;
}

/* Cost of linking source [i, i+ns) with target [j, j+nt), ns, nt in 1..2; *score gets the
 * link's score, *support_out (if not NULL) its lexical similarity alone. */
static double link_cost(ctx *c, size_t i, size_t ns, size_t j, size_t nt, double *score,
                        double *support_out) {
  size_t ls = 0, lt = 0, ts = 0, tt = 0, ms = 0, mt = 0;
  for (size_t a = 0; a < ns; a++) {
    if (c->fs[i + a].junk) return INF;
    ls += c->fs[i + a].chars;
    ts += c->fs[i + a].nown;
  }
  for (size_t b = 0; b < nt; b++) {
    if (c->ft[j + b].junk) return INF;
    lt += c->ft[j + b].chars;
    tt += c->ft[j + b].nown;
  }
  group_support(c, i, ns, j, nt, &ms, &mt);
  if (ms > ts) ms = ts;
  if (mt > tt) mt = tt;
  double sim = 0.5 * ((ts ? (double)ms / (double)ts : 0) + (tt ? (double)mt / (double)tt : 0));
  double mean = 0.5 * ((double)ls * c->ratio + (double)lt) + 1.0;
  double delta = ((double)lt - (double)ls * c->ratio) / sqrt(LEN_VAR * mean);
  double len_cost = 0.5 * delta * delta;
  if (len_cost > 8) len_cost = 8;
  *score = sim * exp(-0.25 * len_cost);
  if (support_out) *support_out = sim;
  /* each sentence weighs half; the third sentence of a 1-2/2-1 link weighs less as far as
   * the evidence shows that both sentences of its 2-side belong */
  double size = 0.5 * (double)(ns + nt);
  if (ns + nt == 3) size -= 0.5 * merge_evidence(c, i, ns, j);
  double cost = size * (1.0 - sim) + W_LEN * len_cost;
  if (ns + nt == 3) cost += MERGE_COST;
  if (ns + nt == 4) cost += MERGE22_COST;
  return cost;
}

/* Cost of the 2-2 link source [i, i+2) x target [j, j+2), or INF when it is not clearly
 * better than its two 1-1 links (the more specific hypothesis): it must beat them by
 * MARGIN22, and never merges two pairs that are each well supported on their own. */
static double link22_cost(ctx *c, size_t i, size_t j) {
  double score, sim1, sim2;
  double c22 = link_cost(c, i, 2, j, 2, &score, NULL);
  if (c22 >= INF) return INF;
  double c1 = link_cost(c, i, 1, j, 1, &score, &sim1);
  double c2 = link_cost(c, i + 1, 1, j + 1, 1, &score, &sim2);
  if (sim1 >= WELL_SUPPORTED && sim2 >= WELL_SUPPORTED) return INF;
  return c22 + MARGIN22 < c1 + c2 ? c22 : INF;
}

/* link types: (ns, nt) */
static const unsigned char types[][2] = {{1, 1}, {1, 0}, {0, 1}, {2, 1}, {1, 2}, {2, 2}};
enum { NTYPES = sizeof types / sizeof types[0] };

/* Fills cost[] and back[] (the best link type into each cell) over the band. */
static void fill(ctx *c, double *cost, unsigned char *back) {
  for (size_t i = 0; i <= c->n; i++) {
    long lo = band_lo(c, i);
    for (long jj = lo < 0 ? 0 : lo; jj <= lo + 2 * (long)c->band && jj <= (long)c->m; jj++) {
      size_t j = (size_t)jj;
      long here = cell(c, i, j);
      if (i == 0 && j == 0) {
        cost[here] = 0;
        continue;
      }
      double best = INF;
      unsigned char arg = 0;
      for (unsigned char t = 0; t < NTYPES; t++) {
        size_t ns = types[t][0], nt = types[t][1];
        if (ns > i || nt > j) continue;
        long prev = cell(c, i - ns, j - nt);
        if (prev < 0 || cost[prev] >= INF) continue;
        double lc, sc;
        if (!nt) lc = c->fs[i - 1].junk ? JUNK_COST : NULL_COST;
        else if (!ns) lc = c->ft[j - 1].junk ? JUNK_COST : NULL_COST;
        else if (ns + nt == 4) lc = link22_cost(c, i - 2, j - 2);
        else lc = link_cost(c, i - ns, ns, j - nt, nt, &sc, NULL);
        if (lc < INF && cost[prev] + lc < best) {
          best = cost[prev] + lc;
          arg = t;
        }
      }
      cost[here] = best;
      back[here] = arg;
    }
  }
}

/* The links of the best path ending at (n, m), in document order (owned by the caller). */
static seg_link *trace(ctx *c, const double *cost, const unsigned char *back, size_t *nl) {
  seg_link *links = NULL;
  size_t cap = 0;
  size_t n = c->n, m = c->m;
  *nl = 0;
  long end = cell(c, n, m);
  if (end < 0 || cost[end] >= INF) { /* cannot happen: the band always holds (n, m) */
    for (size_t i = 0; i < n; i++) {
      SEG_GROW(links, cap, *nl + 1);
      links[(*nl)++] = (seg_link){i, 1, m, 0, 0};
    }
    for (size_t j = 0; j < m; j++) {
      SEG_GROW(links, cap, *nl + 1);
      links[(*nl)++] = (seg_link){n, 0, j, 1, 0};
    }
    return links;
  }
  size_t i = n, j = m;
  while (i || j) {
    long here = cell(c, i, j);
    size_t ns = types[back[here]][0], nt = types[back[here]][1];
    double sc = 0;
    if (ns && nt) link_cost(c, i - ns, ns, j - nt, nt, &sc, NULL);
    SEG_GROW(links, cap, *nl + 1);
    links[(*nl)++] = (seg_link){i - ns, ns, j - nt, nt, sc};
    i -= ns;
    j -= nt;
  }
  for (size_t a = 0, b = *nl ? *nl - 1 : 0; a < b; a++, b--) {
    seg_link tmp = links[a];
    links[a] = links[b];
    links[b] = tmp;
  }
  return links;
}

seg_status seg_align(const seg_dict *dict, const seg_sentence *src, size_t n,
                     const seg_sentence *tgt, size_t m, const seg_align_opts *opts,
                     seg_link **links_out, size_t *nlinks_out, seg_error *err) {
  (void)err;
  feats *fs = seg_xcalloc(n + 1, sizeof *fs), *ft = seg_xcalloc(m + 1, sizeof *ft);
  size_t cs = 0, ct = 0;
  for (size_t i = 0; i < n; i++) {
    feats_source(dict, &src[i], &fs[i]);
    if (!fs[i].junk) cs += fs[i].chars;
  }
  for (size_t j = 0; j < m; j++) {
    feats_target(&tgt[j], &ft[j]);
    if (!ft[j].junk) ct += ft[j].chars;
  }
  ctx c = {fs, ft, n, m, 0, cs && ct ? (double)ct / (double)cs : 1.0, NULL, NULL, NULL, NULL};
  size_t diff = n > m ? n - m : m - n;
  c.band = opts && opts->band ? opts->band : (n + m <= 800 ? (n > m ? n : m) + 2 : 3 * diff + 60);
  size_t width = 2 * c.band + 1, cells = (n + 1) * width;
  double *cost = seg_xmalloc(cells * sizeof *cost);
  unsigned char *back = seg_xmalloc(cells);
  uint16_t *support_cache = seg_xmalloc(4 * cells * sizeof *support_cache);
  c.ps = support_cache;
  c.pt = c.ps + cells;
  c.us = c.pt + cells;
  c.ut = c.us + cells;
  for (size_t k = 0; k < cells; k++) cost[k] = INF;
  for (size_t k = 0; k < 4 * cells; k++) support_cache[k] = UNSET;
  fill(&c, cost, back);
  *links_out = trace(&c, cost, back, nlinks_out);
  for (size_t i = 0; i < n; i++) feats_free(&fs[i]);
  for (size_t j = 0; j < m; j++) feats_free(&ft[j]);
  free(fs);
  free(ft);
  free(cost);
  free(back);
  free(support_cache);
  return SEG_OK;
}

/* ---------- read-only lexical support for pair filters ---------- */

static void hvec_add(hvec *v, uint64_t h) {
  SEG_GROW(v->h, v->cap, v->n + 1);
  v->h[v->n++] = h;
}

/* The same counts as pair_stats over feats_source/feats_target, with hash sets instead of
 * sorted arrays (a filter asks once per pair, the aligner once per band cell). */
void seg_dict_pair_support(const seg_dict *dict, const char *src, size_t slen, const char *tgt,
                           size_t tlen, seg_dict_support *out) {
  hvec s = {0}, t = {0}, exp = {0};
  tokenize(src, slen, 0, hvec_push, &s);
  tokenize(tgt, tlen, 1, hvec_push, &t);
  seg_hash_set ts = {0}, es = {0}; /* the target's tokens, the source's with their translations */
  hvec tu = {0};                    /* the target's distinct tokens */
  for (size_t j = 0; j < t.n; j++)
    if (seg_hash_set_add(&ts, t.h[j])) hvec_add(&tu, t.h[j]);
  size_t ms = 0;
  for (size_t i = 0; i < s.n; i++) {
    hvec_add(&exp, s.h[i]);
    int hit = seg_hash_set_has(&ts, s.h[i]);
    const dict_src *sl = dict ? dict_find(dict, s.h[i]) : NULL;
    for (size_t k = sl ? sl->first : 0; k; k = dict->tg[k - 1].next) {
      hvec_add(&exp, dict->tg[k - 1].tgt);
      hit = hit || seg_hash_set_has(&ts, dict->tg[k - 1].tgt);
    }
    ms += (size_t)hit;
  }
  for (size_t k = 0; k < exp.n; k++) seg_hash_set_add(&es, exp.h[k]);
  size_t mt = 0;
  for (size_t k = 0; k < tu.n; k++) mt += (size_t)seg_hash_set_has(&es, tu.h[k]);
  out->src_tokens = s.n;
  out->src_supported = ms;
  out->tgt_tokens = tu.n;
  out->tgt_supported = mt;
  free(s.h);
  free(t.h);
  free(exp.h);
  free(tu.h);
  seg_hash_set_free(&ts);
  seg_hash_set_free(&es);
}
