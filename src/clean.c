/* clean: see clean.h. Two layers:
 *  1. normalize(): one pass over the bytes of a line, emitting clean UTF-8 plus an offset map;
 *     a fast path copies lines of plain printable ASCII unchanged.
 *  2. the filters (lexicon, duplicates, datelines, related lists, paragraph repair), applied to
 *     normalized lines only when a lexicon is given.
 * Must never: drop a byte without mapping or rejecting it, or look further back than the one
 * pending paragraph (streaming). */
#include "clean.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ucasemap.h>
#include <unicode/unorm2.h>
#include <unicode/uregex.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>

#include "reneed.h"
#include "scan.h"
#include "ydoc.h"

extern const unsigned char seg_data_id_boilerplate[];
extern const size_t seg_data_id_boilerplate_len;

/* ---------- lexicon ---------- */

typedef struct {
  char *reason;
  size_t max_chars; /* 0: any length */
  int list_header;
} lex_rule;

typedef struct {
  char *key;
  size_t rule;
  size_t anchor; /* contains: index of the key's rarest pair of bytes, searched for first */
  size_t len;    /* strlen(key) */
} lex_entry;

typedef struct {
  URegularExpression *re;
  size_t rule;
  unsigned char first[256]; /* 1: a folded line starting with this byte may match */
  seg_bytemask need[SEG_RENEED_MAX]; /* a matching line holds a byte of each */
  int nneed;
  seg_strneed strs; /* and one of these strings */
} lex_pattern;

/* Can a match of `re` start with code point cp? Matching the one-character string tells: a
 * pattern that needs another first character fails without reading to the end of the input;
 * one that could go on "hits the end". */
static int may_start_with(URegularExpression *re, int32_t cp) {
  UChar u[2];
  int32_t n = 0;
  U16_APPEND_UNSAFE(u, n, cp);
  UErrorCode st = U_ZERO_ERROR;
  uregex_setText(re, u, n, &st);
  UBool m = uregex_lookingAt(re, 0, &st);
  UBool end = uregex_hitEnd(re, &st);
  return !U_SUCCESS(st) || m || end;
}

/* Which first bytes can a match start with? Lead bytes of non-ASCII characters are all
 * allowed (the cleaner asks about those characters one by one, see first_cp). */
static void first_bytes(URegularExpression *re, unsigned char *first) {
  memset(first, 1, 256);
  for (int b = 1; b < 0x80; b++) first[b] = (unsigned char)may_start_with(re, b);
}

struct seg_lexicon {
  lex_rule *rules;
  size_t nrules, rules_cap;
  lex_entry *exact; /* open addressing table, power-of-two size */
  size_t exact_n, exact_cap;
  lex_entry *prefix;
  size_t nprefix, prefix_cap;
  lex_entry *contains; /* folded substrings, any position */
  size_t ncontains, contains_cap;
  size_t max_prefix;   /* longest prefix key, bytes */
  size_t prefix_max[256]; /* longest prefix key by first byte */
  size_t *by_first;    /* prefix indices grouped by first key byte: [first[b], first[b+1]) */
  size_t first[257];
  size_t max_exact;    /* longest line an exact rule can match */
  size_t max_contains; /* longest line a contains rule can match */
  size_t max_exact_key; /* longest exact phrase key, bytes */
  lex_pattern *patterns;
  size_t npatterns, patterns_cap;
  URegularExpression **datelines;
  size_t ndatelines, datelines_cap;
  size_t max_pattern;              /* longest line any pattern rule applies to */
  size_t list_item_max;
  UCaseMap *fold;
};

/* Decodes one valid-or-not UTF-8 sequence at s[i]. Returns bytes consumed (>= 1) and sets *cp
 * to the code point, or to -1 for an invalid sequence (maximal subpart consumed). */
static size_t utf8_decode(const unsigned char *s, size_t n, size_t i, int32_t *cp) {
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

/* Largest n' <= n that does not cut a UTF-8 sequence. */
static size_t utf8_floor(const char *s, size_t n) {
  while (n && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
  return n;
}


/* Index of the first of the two adjacent bytes of `key` least frequent in Indonesian text
 * (letters ranked by a usual frequency order; anything else counts as rare), 0 for a one-byte
 * key: first_contained looks for that pair, which seldom occurs, rather than the first letter. */
static size_t rarest_pair(const char *key, size_t n) {
  static const char common[] = " anekiutrsmgldpbhoycjwfzvqx"; /* most frequent first */
  size_t best = 0, best_rank = 0;
  for (size_t i = 0; i + 1 < n; i++) {
    size_t rank = 0;
    for (size_t k = i; k < i + 2; k++) {
      const char *at = key[k] ? strchr(common, key[k]) : NULL;
      rank += at ? (size_t)(at - common) : sizeof common; /* not listed: rarest */
    }
    if (!i || rank > best_rank) {
      best = i;
      best_rank = rank;
    }
  }
  return best;
}

/* Folded comparison key: case folded, spaces collapsed, no space before ':' — so "Baca Juga :"
 * and "baca juga:" meet. With `strip`, leading/trailing non-alphanumerics go too (exact
 * phrases: "Lanjutkan Membaca ↓" = "lanjutkan membaca"); prefixes keep them ("©", "Foto:"). */
static void make_key(UCaseMap *fold, const char *s, size_t n, int strip, seg_buf *out) {
  seg_buf_clear(out);
  size_t ascii = 0;
#if defined(__SSE2__)
  while (ascii + 16 <= n &&
         !_mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + ascii))))
    ascii += 16;
#endif
  while (ascii < n && (unsigned char)s[ascii] < 0x80) ascii++;
  if (ascii == n) { /* the common case: lower-case ASCII, collapse spaces */
    seg_buf_reserve(out, n);
    int space = 0;
    size_t a = 0, b = n;
    if (strip) {
      while (a < b && !seg_ascii_alnum((unsigned char)s[a])) a++;
      while (b > a && !seg_ascii_alnum((unsigned char)s[b - 1])) b--;
    }
    char *d = out->data; /* locals: stores through char* would reload out->len each time */
    size_t k = 0, i = a;
#if defined(__SSE2__)
    /* 16 bytes at a time while no space needs dropping (none at the ends, no "  " or " :"):
     * then the key is the text in lower case */
    if (a < b && s[a] != ' ' && s[b - 1] != ' ') {
      const __m128i sp = _mm_set1_epi8(' '), colon = _mm_set1_epi8(':');
      const __m128i A1 = _mm_set1_epi8('A' - 1), Z1 = _mm_set1_epi8('Z' + 1), low = _mm_set1_epi8(32);
      for (; i + 17 <= b; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i w = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 1));
        __m128i drop = _mm_and_si128(_mm_cmpeq_epi8(v, sp),
                                     _mm_or_si128(_mm_cmpeq_epi8(w, sp), _mm_cmpeq_epi8(w, colon)));
        if (_mm_movemask_epi8(drop)) break; /* the byte loop takes over from here */
        __m128i up = _mm_and_si128(_mm_cmpgt_epi8(v, A1), _mm_cmplt_epi8(v, Z1));
        _mm_storeu_si128((__m128i *)(void *)(d + k), _mm_add_epi8(v, _mm_and_si128(up, low)));
        k += 16;
      }
    }
#endif
    for (; i < b; i++) {
      char ch = s[i];
      if (ch == ' ') {
        space = 1;
        continue;
      }
      if (space && ch != ':' && k) d[k++] = ' ';
      space = 0;
      d[k++] = (ch >= 'A' && ch <= 'Z') ? (char)(ch + 32) : ch;
    }
    d[k] = '\0';
    out->len = k;
    return;
  }
  UErrorCode st = U_ZERO_ERROR;
  char stack[1024]; /* lines short enough for a key fold here without an allocation */
  char *fb = stack;
  int32_t len = ucasemap_utf8FoldCase(fold, fb, (int32_t)sizeof stack, s, (int32_t)n, &st);
  if (st == U_BUFFER_OVERFLOW_ERROR) {
    st = U_ZERO_ERROR;
    fb = seg_xmalloc((size_t)len + 1);
    len = ucasemap_utf8FoldCase(fold, fb, len + 1, s, (int32_t)n, &st);
  }
  if (U_FAILURE(st)) len = 0;
  const unsigned char *f = (const unsigned char *)fb;
  size_t i = 0, end = (size_t)len;
  /* strip leading non-alnum */
  while (strip && i < end) {
    int32_t c;
    size_t k = utf8_decode(f, end, i, &c);
    if (c >= 0 && u_isalnum(c)) break;
    i += k;
  }
  /* strip trailing non-alnum (walk back over continuation bytes) */
  while (strip && end > i) {
    size_t j = end - 1;
    while (j > i && (f[j] & 0xC0) == 0x80) j--;
    int32_t c;
    utf8_decode(f, end, j, &c);
    if (c >= 0 && u_isalnum(c)) break;
    end = j;
  }
  int space = 0;
  for (; i < end; i++) {
    char ch = (char)f[i];
    if (ch == ' ') {
      space = 1;
      continue;
    }
    if (space && ch != ':' && out->len) seg_buf_putc(out, ' ');
    space = 0;
    seg_buf_putc(out, ch);
  }
  if (fb != stack) free(fb);
}

static void exact_insert(seg_lexicon *lex, char *key, size_t rule) {
  if ((lex->exact_n + 1) * 2 > lex->exact_cap) {
    size_t ncap = lex->exact_cap ? lex->exact_cap * 2 : 256;
    lex_entry *t = seg_xcalloc(ncap, sizeof *t);
    for (size_t i = 0; i < lex->exact_cap; i++) {
      if (!lex->exact[i].key) continue;
      size_t h = seg_hash(lex->exact[i].key, lex->exact[i].len) & (ncap - 1);
      while (t[h].key) h = (h + 1) & (ncap - 1);
      t[h] = lex->exact[i];
    }
    free(lex->exact);
    lex->exact = t;
    lex->exact_cap = ncap;
  }
  size_t h = seg_hash(key, strlen(key)) & (lex->exact_cap - 1);
  while (lex->exact[h].key) {
    if (!strcmp(lex->exact[h].key, key)) { /* first rule wins */
      free(key);
      return;
    }
    h = (h + 1) & (lex->exact_cap - 1);
  }
  lex->exact[h] = (lex_entry){key, rule, 0, strlen(key)};
  lex->exact_n++;
}

static const lex_entry *exact_find(const seg_lexicon *lex, const char *key, size_t n) {
  if (!lex->exact_cap) return NULL;
  size_t h = seg_hash(key, n) & (lex->exact_cap - 1);
  while (lex->exact[h].key) {
    if (lex->exact[h].len == n && !memcmp(lex->exact[h].key, key, n))
      return &lex->exact[h];
    h = (h + 1) & (lex->exact_cap - 1);
  }
  return NULL;
}

static URegularExpression *compile_re(const seg_ynode *n, int icase, const char *file,
                                      seg_error *err) {
  UErrorCode st = U_ZERO_ERROR;
  UParseError pe;
  URegularExpression *re =
      uregex_openC(n->str, (icase ? UREGEX_CASE_INSENSITIVE : 0) | UREGEX_UWORD, &pe, &st);
  if (U_FAILURE(st)) {
    seg_error_set(err, SEG_ERR_CONFIG, file, n->line, n->col,
                  "invalid pattern '%s' at offset %d: %s", n->str, (int)pe.offset,
                  u_errorName(st));
    return NULL;
  }
  return re;
}

static seg_status string_list(const seg_ynode *list, const char *what, const char *file,
                              seg_error *err) {
  if (seg_ynode_expect(list, SEG_Y_SEQ, what, file, err)) return SEG_ERR_CONFIG;
  for (size_t i = 0; i < list->len; i++) {
    const seg_ynode *s = list->kids[i];
    if (seg_ynode_expect(s, SEG_Y_SCALAR, what, file, err)) return SEG_ERR_CONFIG;
    if (!s->len)
      return seg_error_set(err, SEG_ERR_CONFIG, file, s->line, s->col, "empty string in %s",
                           what);
  }
  return SEG_OK;
}

/* Adds the rules of a parsed lexicon document; frees the tree. */
static seg_status add_tree(void *obj, seg_ynode *root, const char *name, seg_error *err) {
  seg_lexicon *lex = obj;
  static const char *const top_keys[] = {"rules", "datelines", "list_item_max_chars", NULL};
  static const char *const rule_keys[] = {"reason", "max_chars", "list_header", "exact",
                                          "prefix", "contains", "pattern", NULL};
  seg_status rc = SEG_ERR_CONFIG;
  seg_buf key = {0};
  if (seg_ynode_expect(root, SEG_Y_MAP, "a boilerplate lexicon", name, err) ||
      seg_ynode_keys_allowed(root, top_keys, name, err))
    goto done;
  const seg_ynode *lim = seg_ynode_get(root, "list_item_max_chars");
  if (lim) {
    char *endp;
    if (lim->kind != SEG_Y_SCALAR || (lex->list_item_max = strtoul(lim->str, &endp, 10), *endp)) {
      seg_error_set(err, SEG_ERR_CONFIG, name, lim->line, lim->col,
                    "list_item_max_chars must be a number");
      goto done;
    }
  }
  const seg_ynode *dl = seg_ynode_get(root, "datelines");
  if (dl) {
    if (string_list(dl, "datelines", name, err)) goto done;
    for (size_t i = 0; i < dl->len; i++) {
      URegularExpression *re = compile_re(dl->kids[i], 0, name, err);
      if (!re) goto done;
      SEG_GROW(lex->datelines, lex->datelines_cap, lex->ndatelines + 1);
      lex->datelines[lex->ndatelines++] = re;
    }
  }
  const seg_ynode *rules = seg_ynode_get(root, "rules");
  if (rules) {
    if (seg_ynode_expect(rules, SEG_Y_SEQ, "rules", name, err)) goto done;
    for (size_t r = 0; r < rules->len; r++) {
      const seg_ynode *rule = rules->kids[r];
      if (seg_ynode_expect(rule, SEG_Y_MAP, "a rule", name, err) ||
          seg_ynode_keys_allowed(rule, rule_keys, name, err))
        goto done;
      const seg_ynode *reason = seg_ynode_get(rule, "reason");
      if (!reason || reason->kind != SEG_Y_SCALAR || !reason->len) {
        seg_error_set(err, SEG_ERR_CONFIG, name, rule->line, rule->col,
                      "a rule needs a non-empty 'reason'");
        goto done;
      }
      lex_rule lr = {seg_xstrndup(reason->str, reason->len), 200, 0};
      const seg_ynode *mc = seg_ynode_get(rule, "max_chars");
      if (mc) {
        char *endp;
        if (mc->kind != SEG_Y_SCALAR || (lr.max_chars = strtoul(mc->str, &endp, 10), *endp)) {
          free(lr.reason);
          seg_error_set(err, SEG_ERR_CONFIG, name, mc->line, mc->col,
                        "max_chars must be a number");
          goto done;
        }
      }
      const seg_ynode *lh = seg_ynode_get(rule, "list_header");
      if (lh && seg_ynode_bool(lh, &lr.list_header, "list_header", name, err)) {
        free(lr.reason);
        goto done;
      }
      size_t ri = lex->nrules;
      SEG_GROW(lex->rules, lex->rules_cap, ri + 1);
      lex->rules[lex->nrules++] = lr;
      const seg_ynode *ex = seg_ynode_get(rule, "exact");
      if (ex) {
        if (!lr.max_chars || lr.max_chars > lex->max_exact)
          lex->max_exact = lr.max_chars ? lr.max_chars : SIZE_MAX;
        if (string_list(ex, "exact", name, err)) goto done;
        for (size_t i = 0; i < ex->len; i++) {
          make_key(lex->fold, ex->kids[i]->str, ex->kids[i]->len, 1, &key);
          if (key.len > lex->max_exact_key) lex->max_exact_key = key.len;
          exact_insert(lex, seg_xstrndup(key.data ? key.data : "", key.len), ri);
        }
      }
      const seg_ynode *px = seg_ynode_get(rule, "prefix");
      if (px) {
        if (string_list(px, "prefix", name, err)) goto done;
        for (size_t i = 0; i < px->len; i++) {
          make_key(lex->fold, px->kids[i]->str, px->kids[i]->len, 0, &key);
          if (!key.len) {
            seg_error_set(err, SEG_ERR_CONFIG, name, px->kids[i]->line, px->kids[i]->col,
                          "empty prefix");
            goto done;
          }
          SEG_GROW(lex->prefix, lex->prefix_cap, lex->nprefix + 1);
          lex->prefix[lex->nprefix++] =
              (lex_entry){seg_xstrndup(key.data ? key.data : "", key.len), ri, 0, key.len};
          if (key.len > lex->max_prefix) lex->max_prefix = key.len;
        }
      }
      const seg_ynode *ct = seg_ynode_get(rule, "contains");
      if (ct) {
        if (string_list(ct, "contains", name, err)) goto done;
        for (size_t i = 0; i < ct->len; i++) {
          make_key(lex->fold, ct->kids[i]->str, ct->kids[i]->len, 0, &key);
          if (!key.len) {
            seg_error_set(err, SEG_ERR_CONFIG, name, ct->kids[i]->line, ct->kids[i]->col,
                          "empty substring");
            goto done;
          }
          if (!lr.max_chars || lr.max_chars > lex->max_contains)
            lex->max_contains = lr.max_chars ? lr.max_chars : SIZE_MAX;
          SEG_GROW(lex->contains, lex->contains_cap, lex->ncontains + 1);
          lex->contains[lex->ncontains++] =
              (lex_entry){seg_xstrndup(key.data, key.len), ri, rarest_pair(key.data, key.len),
                          key.len};
        }
      }
      const seg_ynode *pt = seg_ynode_get(rule, "pattern");
      if (pt) {
        if (string_list(pt, "pattern", name, err)) goto done;
        for (size_t i = 0; i < pt->len; i++) {
          /* matched against the folded line (lower case, single spaces): case folding once
           * per line is far cheaper than ICU's case-insensitive matching per pattern */
          URegularExpression *re = compile_re(pt->kids[i], 0, name, err);
          if (!re) goto done;
          SEG_GROW(lex->patterns, lex->patterns_cap, lex->npatterns + 1);
          lex_pattern *lp = &lex->patterns[lex->npatterns++];
          lp->re = re;
          lp->rule = ri;
          first_bytes(re, lp->first);
          lp->nneed = seg_reneed(pt->kids[i]->str, lp->need, SEG_RENEED_MAX, &lp->strs);
          if (!lr.max_chars || lr.max_chars > lex->max_pattern)
            lex->max_pattern = lr.max_chars ? lr.max_chars : SIZE_MAX;
        }
      }
    }
  }
  /* group prefixes by their first byte, so a line is compared with a handful, not all */
  free(lex->by_first);
  lex->by_first = seg_xmalloc((lex->nprefix + 1) * sizeof *lex->by_first);
  memset(lex->first, 0, sizeof lex->first);
  memset(lex->prefix_max, 0, sizeof lex->prefix_max);
  for (size_t i = 0; i < lex->nprefix; i++) {
    unsigned char f = (unsigned char)lex->prefix[i].key[0];
    size_t pl = lex->prefix[i].len;
    lex->first[f + 1]++;
    if (pl > lex->prefix_max[f]) lex->prefix_max[f] = pl;
  }
  for (size_t b = 1; b < 257; b++) lex->first[b] += lex->first[b - 1];
  {
    size_t fill[256];
    memcpy(fill, lex->first, sizeof fill);
    for (size_t i = 0; i < lex->nprefix; i++)
      lex->by_first[fill[(unsigned char)lex->prefix[i].key[0]]++] = i;
  }
  rc = SEG_OK;
done:
  seg_buf_free(&key);
  seg_ynode_free(root);
  return rc;
}

seg_status seg_lexicon_add_yaml(seg_lexicon *lex, const char *yaml, size_t len, const char *name,
                                seg_error *err) {
  seg_ynode *root = seg_ydoc_parse(yaml, len, name, err);
  return root ? add_tree(lex, root, name, err) : SEG_ERR_CONFIG;
}

static seg_lexicon *lexicon_new(seg_error *err) {
  seg_lexicon *lex = seg_xcalloc(1, sizeof *lex);
  UErrorCode st = U_ZERO_ERROR;
  lex->fold = ucasemap_open("", U_FOLD_CASE_DEFAULT, &st);
  lex->list_item_max = 200;
  if (U_FAILURE(st)) {
    seg_error_set(err, SEG_ERR_ICU, NULL, 0, 0, "ucasemap_open: %s", u_errorName(st));
    free(lex);
    return NULL;
  }
  return lex;
}

seg_lexicon *seg_lexicon_default(seg_error *err) {
  seg_lexicon *lex = lexicon_new(err);
  if (!lex) return NULL;
  if (seg_lexicon_add_yaml(lex, (const char *)seg_data_id_boilerplate,
                           seg_data_id_boilerplate_len, "<embedded>/id/boilerplate.yaml", err)) {
    seg_lexicon_free(lex);
    return NULL;
  }
  return lex;
}

seg_status seg_lexicon_add_file(seg_lexicon *lex, const char *path, seg_error *err) {
  return seg_ydoc_load_into(path, add_tree, lex, err);
}

void seg_lexicon_free(seg_lexicon *lex) {
  if (!lex) return;
  for (size_t i = 0; i < lex->nrules; i++) free(lex->rules[i].reason);
  free(lex->rules);
  for (size_t i = 0; i < lex->exact_cap; i++) free(lex->exact[i].key);
  free(lex->exact);
  for (size_t i = 0; i < lex->nprefix; i++) free(lex->prefix[i].key);
  free(lex->prefix);
  free(lex->by_first);
  for (size_t i = 0; i < lex->ncontains; i++) free(lex->contains[i].key);
  free(lex->contains);
  for (size_t i = 0; i < lex->npatterns; i++) uregex_close(lex->patterns[i].re);
  free(lex->patterns);
  for (size_t i = 0; i < lex->ndatelines; i++) uregex_close(lex->datelines[i]);
  free(lex->datelines);
  ucasemap_close(lex->fold);
  free(lex);
}

/* ---------- cleaner ---------- */

#define DUP_SLOTS 8192u /* recent-line window for duplicate detection (bounded memory) */

typedef struct {
  uint64_t hash;
  uint64_t doc;
} dup_slot;

#define FIRST_CP_SLOTS 64

struct seg_cleaner {
  const seg_lexicon *lex;
  URegularExpression **patterns;  /* per-cleaner clones (ICU regexes are not thread-safe) */
  URegularExpression **datelines;
  UCaseMap *fold;
  UChar *pat16; /* the folded line in UTF-16, for the patterns */
  size_t pat16_cap;
  /* which patterns a line starting with a non-ASCII code point may match (the lexicon's
   * first[] only knows ASCII first bytes): probed once per code point, direct-mapped */
  struct first_cp {
    int32_t cp; /* -1: empty */
    unsigned char *ok; /* one byte per pattern */
  } first_cp[FIRST_CP_SLOTS];
  const UNormalizer2 *nfc;
  UText *ut;
  seg_clean_callbacks sink;
  seg_clean_stats stats;
  /* normalize() state */
  seg_buf *out;
  seg_offmap *map;
  int space_pending, space_plain;
  size_t space_src, space_src_len;
  UChar *seg16;
  size_t seg16_len, seg16_cap, seg_cps, seg_src, seg_src_len;
  int32_t seg_first;
  int next_digit; /* the byte after the current character is a digit (" .5" keeps its space) */
  /* filters */
  seg_line_info own;     /* analysis of the current line (sequential use) */
  seg_line_info *record; /* where normalize records invalid bytes, while analyzing */
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
  seg_buf key;
};

seg_cleaner *seg_cleaner_new(const seg_lexicon *lex, seg_error *err) {
  seg_cleaner *c = seg_xcalloc(1, sizeof *c);
  UErrorCode st = U_ZERO_ERROR;
  c->lex = lex;
  c->nfc = unorm2_getNFCInstance(&st);
  c->fold = ucasemap_open("", U_FOLD_CASE_DEFAULT, &st);
  if (lex) {
    c->patterns = seg_xcalloc(lex->npatterns + 1, sizeof *c->patterns);
    for (size_t k = 0; k < FIRST_CP_SLOTS; k++) c->first_cp[k].cp = -1;
    for (size_t i = 0; i < lex->npatterns && U_SUCCESS(st); i++)
      c->patterns[i] = uregex_clone(lex->patterns[i].re, &st);
    c->datelines = seg_xcalloc(lex->ndatelines + 1, sizeof *c->datelines);
    for (size_t i = 0; i < lex->ndatelines && U_SUCCESS(st); i++)
      c->datelines[i] = uregex_clone(lex->datelines[i], &st);
    c->dups = seg_xcalloc(DUP_SLOTS, sizeof *c->dups);
  }
  if (U_FAILURE(st)) {
    seg_error_set(err, SEG_ERR_ICU, NULL, 0, 0, "cannot set up the cleaner: %s",
                  u_errorName(st));
    seg_cleaner_free(c);
    return NULL;
  }
  return c;
}

void seg_cleaner_free(seg_cleaner *c) {
  if (!c) return;
  if (c->lex) {
    for (size_t i = 0; i < c->lex->npatterns; i++) uregex_close(c->patterns[i]);
    for (size_t i = 0; i < c->lex->ndatelines; i++) uregex_close(c->datelines[i]);
  }
  free(c->patterns);
  for (size_t k = 0; k < FIRST_CP_SLOTS; k++) free(c->first_cp[k].ok);
  free(c->datelines);
  ucasemap_close(c->fold);
  utext_close(c->ut);
  free(c->seg16);
  free(c->pat16);
  for (int i = 0; i < 2; i++) {
    seg_buf_free(&c->paras[i].raw);
    seg_buf_free(&c->paras[i].text);
    seg_offmap_free(&c->paras[i].map);
  }
  seg_line_info_free(&c->own);
  seg_buf_free(&c->gap);
  seg_buf_free(&c->key);
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

/* --- normalize --- */

static int is_odd_space(int32_t c) {
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

static int ends_with(const seg_buf *b, const char *s, size_t n) {
  return b->len >= n && !memcmp(b->data + b->len - n, s, n);
}

static void truncate_out(seg_cleaner *c, size_t n) {
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

static void emit_space(seg_cleaner *c) {
  if (!c->space_pending) return;
  c->space_pending = 0;
  if (!c->out->len || c->out->data[c->out->len - 1] == ' ') return;
  seg_buf_putc(c->out, ' ');
  seg_offmap_add(c->map, 1, c->space_src, c->space_src_len, c->space_plain);
}

/* Emits clean bytes standing for input [src, src+src_len); `cp` is the code point when the
 * bytes are one character (for the artifact rules), else 0. */
static void emit(seg_cleaner *c, int32_t cp, const char *bytes, size_t n, size_t src,
                 size_t src_len, int identity) {
  if (cp == ',' || cp == ';' || ((cp == '.' || cp == ':' || cp == '!' || cp == '?') && !c->next_digit)) {
    if (c->space_pending) { /* "sebagai , selama": space before punctuation */
      c->space_pending = 0;
      c->stats.normalized++;
    }
    if (c->out->len && c->out->data[c->out->len - 1] == ' ' && (cp == ',' || cp == ';')) {
      truncate_out(c, 1);
      c->stats.normalized++;
    }
    if (cp == ',' && ends_with(c->out, ",", 1)) { /* "2024, , ketika" */
      c->stats.normalized++;
      return;
    }
  } else if (cp == 0x201D && ends_with(c->out, "\xE2\x80\x9C", 3)) { /* empty “” */
    truncate_out(c, 3);
    c->stats.normalized++;
    return;
  } else if (cp == '"' && ends_with(c->out, "\"", 1) &&
             (c->out->len == 1 || c->out->data[c->out->len - 2] == ' ') && !c->space_pending) {
    truncate_out(c, 1); /* empty "" */
    c->stats.normalized++;
    return;
  }
  emit_space(c);
  seg_buf_append(c->out, bytes, n);
  seg_offmap_add(c->map, n, src, src_len, identity);
}

/* Flushes the pending NFC segment (a starter plus the characters that may combine with it). */
static void flush_segment(seg_cleaner *c, const char *line, size_t line_off) {
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
      if (!same) c->stats.normalized++;
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

static void segment_add(seg_cleaner *c, int32_t cp, size_t src, size_t n) {
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
 * not printable ASCII, or a space, '"' or ',' followed by what line_clean rejects after it. */
static size_t plain_run(const char *s, size_t n, size_t i) {
#if defined(__SSE2__)
  const __m128i sp = _mm_set1_epi8(' '), q = _mm_set1_epi8('"'), cm = _mm_set1_epi8(',');
  const __m128i ctl = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7F);
  const __m128i semi = _mm_set1_epi8(';'), dot = _mm_set1_epi8('.'), col = _mm_set1_epi8(':');
  const __m128i exc = _mm_set1_epi8('!'), que = _mm_set1_epi8('?');
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
 * characters, single spaces, no artifacts. Most news lines are; they are copied as they are. */
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
      i++;
      continue;
    }
    int32_t cp;
    size_t k = utf8_decode((const unsigned char *)s, n, i, &cp);
    if (cp < 0 || is_odd_space(cp) || is_droppable(cp)) return 0;
    if (cp >= 0x300 && (u_getCombiningClass(cp) ||
                        u_getIntPropertyValue(cp, UCHAR_NFC_QUICK_CHECK) != UNORM_YES))
      return 0;
    if (cp == 0x201C && i + k + 3 <= n && !memcmp(s + i + k, "\xE2\x80\x9D", 3)) return 0;
    i += k;
  }
  return 1;
}

void seg_clean_normalize(seg_cleaner *c, const char *bytes, size_t len, size_t offset,
                         size_t lineno, seg_buf *text, seg_offmap *map) {
  if (line_clean(bytes, len)) { /* the common case: nothing to do */
    seg_buf_append(text, bytes, len);
    seg_offmap_add(map, len, offset, len, 1);
    return;
  }
  c->out = text;
  c->map = map;
  c->space_pending = 0;
  c->seg_cps = 0;
  c->seg16_len = 0;
  size_t start_len = text->len;
  const unsigned char *s = (const unsigned char *)bytes;
  size_t col = 1;
  for (size_t i = 0; i < len; col++) {
    int32_t cp;
    size_t k = utf8_decode(s, len, i, &cp);
    size_t src = offset + i;
    if (cp < 0) {
      flush_segment(c, bytes, offset);
      c->stats.invalid_bytes++;
      if (c->record) {
        seg_line_info *li = c->record;
        SEG_GROW(li->invalid, li->invalid_cap, li->ninvalid + 1);
        li->invalid[li->ninvalid++] = (seg_invalid_byte){src, col, s[i]};
      } else if (c->sink.invalid) {
        c->sink.invalid(c->sink.ctx, lineno, col, src, s[i]);
      }
      emit(c, 0xFFFD, "\xEF\xBF\xBD", 3, src, k, 0);
    } else if (cp == ' ' || is_odd_space(cp)) {
      flush_segment(c, bytes, offset);
      if (!c->space_pending) {
        c->space_pending = 1;
        c->space_src = src;
        c->space_plain = cp == ' ';
        if (cp != ' ') c->stats.normalized++;
      } else {
        c->space_plain = 0;
      }
      c->space_src_len = src + k - c->space_src;
    } else if (is_droppable(cp)) {
      c->stats.normalized++;
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

/* --- filters --- */

static void reject(seg_cleaner *c, size_t lineno, size_t offset, const char *reason,
                   const char *bytes, size_t len) {
  c->stats.dropped++;
  count_reason(&c->stats, reason, 1);
  if (c->sink.reject) c->sink.reject(c->sink.ctx, lineno, offset, reason, bytes, len);
}

/* Does text hold the contains key `e` at `start` (folded: lower case, single spaces),
 * ignoring ASCII case? Keys with non-ASCII letters compare those bytes exactly. */
static int key_at(const char *text, size_t n, size_t start, const lex_entry *e) {
  if (start + e->len > n) return 0;
  for (size_t k = 0; k < e->len; k++) {
    char a = text[start + k];
    if (a >= 'A' && a <= 'Z') a = (char)(a + 32);
    if (a != e->key[k]) return 0;
  }
  return 1;
}

/* Does contains key `e` sit at `at`? Its pair (bytes anchor, anchor+1, or the one byte of a
 * one-byte key) is compared first, with bit 0x20 set on both sides (ASCII folded to lower case;
 * it never makes two bytes equal that the exact comparison keeps apart), then the whole key. */
static int key_hit(const char *text, size_t n, size_t at, const lex_entry *e) {
  if (at < e->anchor) return 0;
  if (((unsigned char)text[at] | 0x20) != ((unsigned char)e->key[e->anchor] | 0x20)) return 0;
  if (e->len > 1 && (at + 1 >= n || ((unsigned char)text[at + 1] | 0x20) !=
                                        ((unsigned char)e->key[e->anchor + 1] | 0x20)))
    return 0;
  return key_at(text, n, at - e->anchor, e);
}

#define PAIR_GROUP 4

/* Index of the first contains rule entry (in lexicon order) that holds for the line, or
 * ncontains. One pass over the line per group of four keys finds each place where a key's
 * two rarest adjacent bytes occur (case-folded); the keys are compared only there. */
static size_t first_contained(const seg_lexicon *lex, const char *text, size_t n) {
  size_t best = lex->ncontains;
  for (size_t g = 0; g < lex->ncontains && best > g; g += PAIR_GROUP) {
    size_t ng = lex->ncontains - g < PAIR_GROUP ? lex->ncontains - g : PAIR_GROUP;
    const lex_entry *e = &lex->contains[g];
    size_t kl[PAIR_GROUP];
    int live = 0;
    for (size_t k = 0; k < ng; k++) {
      const lex_rule *r = &lex->rules[e[k].rule];
      kl[k] = e[k].len;
      if (kl[k] > n || (r->max_chars && n > r->max_chars)) kl[k] = 0; /* cannot match */
      else live = 1;
    }
    if (!live) continue;
    size_t p = 0;
#if defined(__SSE2__)
    __m128i va[PAIR_GROUP], vb[PAIR_GROUP], any[PAIR_GROUP];
    const __m128i low = _mm_set1_epi8(0x20);
    for (size_t k = 0; k < PAIR_GROUP; k++) {
      size_t j = k < ng && kl[k] ? k : 0; /* unused slots repeat a key: same hits */
      while (!kl[j]) j++;
      unsigned char a = (unsigned char)e[j].key[e[j].anchor] | 0x20;
      unsigned char b = kl[j] > 1 ? (unsigned char)e[j].key[e[j].anchor + 1] | 0x20 : 0;
      va[k] = _mm_set1_epi8((char)a);
      vb[k] = _mm_set1_epi8((char)b);
      any[k] = kl[j] > 1 ? _mm_setzero_si128() : _mm_set1_epi8(-1);
    }
    /* blocks of 16 positions (17 bytes read); the last, short one from a zero-padded copy */
    char tail[32];
    while (p < n && best > g) {
      const char *blk = text + p;
      unsigned valid = 0xFFFF;
      if (p + 17 > n) {
        memset(tail, 0, sizeof tail);
        memcpy(tail, text + p, n - p);
        blk = tail;
        valid = (1u << (n - p)) - 1; /* n - p <= 16 */
      }
      __m128i f = _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)blk), low);
      __m128i f2 = _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(blk + 1)), low);
      __m128i m = _mm_setzero_si128();
      for (size_t k = 0; k < PAIR_GROUP; k++)
        m = _mm_or_si128(m, _mm_and_si128(_mm_cmpeq_epi8(f, va[k]),
                                          _mm_or_si128(_mm_cmpeq_epi8(f2, vb[k]), any[k])));
      unsigned bits = (unsigned)_mm_movemask_epi8(m) & valid;
      while (bits) {
        size_t at = p + (size_t)__builtin_ctz(bits);
        bits &= bits - 1;
        for (size_t k = 0; k < ng && g + k < best; k++)
          if (kl[k] && key_hit(text, n, at, &e[k])) best = g + k;
      }
      p += 16;
    }
#else
    for (; p < n && best > g; p++)
      for (size_t k = 0; k < ng && g + k < best; k++)
        if (kl[k] && key_hit(text, n, p, &e[k])) best = g + k;
#endif
  }
  return best;
}

/* For a folded line starting with a non-ASCII character: one byte per pattern, 1 if a match
 * can start with that character (NULL: not a valid character, every pattern may). */
static const unsigned char *patterns_for_first_cp(seg_cleaner *c, const unsigned char *k,
                                                  size_t n) {
  size_t q = 0;
  int32_t cp;
  U8_NEXT(k, q, n, cp);
  if (cp < 0) return NULL;
  struct first_cp *slot = &c->first_cp[cp % FIRST_CP_SLOTS];
  if (slot->cp != cp) {
    if (!slot->ok) slot->ok = seg_xmalloc(c->lex->npatterns);
    for (size_t i = 0; i < c->lex->npatterns; i++)
      slot->ok[i] = (unsigned char)may_start_with(c->patterns[i], cp);
    slot->cp = cp;
  }
  return slot->ok;
}

/* The reason a normalized line is boilerplate, or NULL. */
static const char *lexicon_reason(seg_cleaner *c, const char *text, size_t n, int *list_header) {
  const seg_lexicon *lex = c->lex;
  *list_header = 0;
  /* an exact phrase can only match a line not much longer than the phrase (symbols around
   * it are ignored; folding may grow a character) */
  if (n <= lex->max_exact && n <= 2 * lex->max_exact_key + 32) {
    make_key(c->fold, text, n, 1, &c->key);
    const lex_entry *e = exact_find(lex, c->key.data ? c->key.data : "", c->key.len);
    if (e && (!lex->rules[e->rule].max_chars || n <= lex->rules[e->rule].max_chars)) {
      *list_header = lex->rules[e->rule].list_header;
      return lex->rules[e->rule].reason;
    }
  }
  /* a prefix needs only the start of the line, folded (case folding can grow a character,
   * so fold a little more than the longest prefix) */
  size_t head = 16; /* enough for the first byte of the key; then as much as its prefixes need */
  make_key(c->fold, text, n < head ? n : utf8_floor(text, head), 0, &c->key);
  unsigned char k0 = c->key.len ? (unsigned char)c->key.data[0] : 0;
  size_t need = (c->key.len ? lex->prefix_max[k0] : lex->max_prefix) * 2 + 16;
  if (need > head && n > head && c->key.len) {
    /* the key of a longer head starts with this one: fold more only for a prefix that agrees
     * with it so far and is not decided by it */
    int open = 0;
    for (size_t q = lex->first[k0]; q < lex->first[k0 + 1] && !open; q++) {
      const char *pk = lex->prefix[lex->by_first[q]].key;
      size_t pl = lex->prefix[lex->by_first[q]].len;
      open = pl >= c->key.len && !memcmp(pk, c->key.data, c->key.len);
    }
    if (!open) need = head;
  }
  if (need > head && n > head) {
    head = need;
    make_key(c->fold, text, n < head ? n : utf8_floor(text, head), 0, &c->key);
    k0 = c->key.len ? (unsigned char)c->key.data[0] : 0;
  }
  for (size_t q = lex->first[k0]; c->key.len && q < lex->first[k0 + 1]; q++) {
    const lex_entry *p = &lex->prefix[lex->by_first[q]];
    const lex_rule *r = &lex->rules[p->rule];
    if (r->max_chars && n > r->max_chars) continue;
    size_t pl = p->len;
    if (c->key.len < pl || memcmp(c->key.data, p->key, pl)) continue;
    unsigned char next = c->key.len > pl ? (unsigned char)c->key.data[pl] : ' ';
    unsigned char lastp = (unsigned char)p->key[pl - 1];
    int word_end = lastp >= 0x80 || (lastp >= '0' && lastp <= '9') || (lastp >= 'a' && lastp <= 'z');
    if (word_end && (next >= 0x80 || (next >= '0' && next <= '9') || (next >= 'a' && next <= 'z')))
      continue; /* "berita" is not a prefix of "beritanya" */
    *list_header = r->list_header;
    return r->reason;
  }
  if (lex->ncontains && n <= lex->max_contains) {
    size_t i = first_contained(lex, text, n);
    if (i < lex->ncontains) {
      const lex_rule *r = &lex->rules[lex->contains[i].rule];
      *list_header = r->list_header;
      return r->reason;
    }
  }
  if (lex->npatterns && n <= lex->max_pattern) {
    make_key(c->fold, text, n, 0, &c->key);
    const unsigned char *k = (const unsigned char *)(c->key.data ? c->key.data : "");
    unsigned char f = c->key.len ? k[0] : 0;
    seg_bytemask has; /* the bytes of the folded line, once a pattern needs them */
    int has_known = 0;
    const unsigned char *cp_ok = f >= 0x80 ? patterns_for_first_cp(c, k, c->key.len) : NULL;
    int32_t ulen = -1; /* the line in UTF-16, made for the first regex that runs */
    UErrorCode st = U_ZERO_ERROR;
    for (size_t i = 0; i < lex->npatterns && U_SUCCESS(st); i++) {
      const lex_pattern *lp = &lex->patterns[i];
      const lex_rule *r = &lex->rules[lp->rule];
      if ((r->max_chars && n > r->max_chars) || !lp->first[f] || (cp_ok && !cp_ok[i])) continue;
      if ((lp->nneed || lp->strs.n) && !has_known) {
        seg_bytemask_of((const char *)k, c->key.len, &has);
        has_known = 1;
      }
      int met = 1;
      for (int q = 0; q < lp->nneed && met; q++) met = seg_bytemask_meets(&lp->need[q], &has);
      if (!met || !seg_strneed_met(&lp->strs, (const char *)k, c->key.len, &has)) continue;
      if (ulen < 0) {
        SEG_GROW(c->pat16, c->pat16_cap, c->key.len + 1);
        u_strFromUTF8(c->pat16, (int32_t)c->pat16_cap, &ulen, (const char *)k,
                      (int32_t)c->key.len, &st);
        if (U_FAILURE(st)) break;
      }
      uregex_setText(c->patterns[i], c->pat16, ulen, &st);
      if (U_SUCCESS(st) && uregex_matches(c->patterns[i], 0, &st) && U_SUCCESS(st)) {
        *list_header = r->list_header;
        return r->reason;
      }
    }
  }
  return NULL;
}

const char *seg_cleaner_boilerplate(seg_cleaner *c, const char *text, size_t len) {
  int list_header;
  return c->lex && len ? lexicon_reason(c, text, len, &list_header) : NULL;
}

static int is_duplicate(seg_cleaner *c, uint64_t h) {
  dup_slot *s = &c->dups[h & (DUP_SLOTS - 1)];
  if (s->doc == c->doc_gen && s->hash == h) return 1;
  s->doc = c->doc_gen;
  s->hash = h;
  return 0;
}

/* Length of a dateline ("JAKARTA, KOMPAS.com - ") at the start of `text`, or 0. */
static size_t dateline_len(seg_cleaner *c, const char *text, size_t n) {
  UErrorCode st = U_ZERO_ERROR;
  c->ut = utext_openUTF8(c->ut, text, (int64_t)n, &st);
  for (size_t i = 0; i < c->lex->ndatelines && U_SUCCESS(st); i++) {
    uregex_setUText(c->datelines[i], c->ut, &st);
    if (U_SUCCESS(st) && uregex_lookingAt(c->datelines[i], 0, &st) && U_SUCCESS(st)) {
      int64_t end = uregex_end64(c->datelines[i], 0, &st);
      if (U_SUCCESS(st) && end > 0 && (size_t)end < n) return (size_t)end;
    }
  }
  return 0;
}

static int32_t last_cp(const char *s, size_t n) {
  if (!n) return 0;
  size_t j = n - 1;
  while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80) j--;
  int32_t cp;
  utf8_decode((const unsigned char *)s, n, j, &cp);
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
  utf8_decode((const unsigned char *)s, n, 0, &c);
  if (c == ',' || c == ';' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 || c == '.')
    return 2;
  if (c > 0 && u_islower(c)) return 1;
  return 0;
}

/* Only spaces of any kind (so a blank line, not text that normalization removed)? */
static int only_whitespace(const char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    int32_t cp;
    i += utf8_decode((const unsigned char *)s, n, i, &cp);
    if (!(cp == ' ' || is_odd_space(cp))) return 0;
  }
  return 1;
}

static void gap_add_terminator(seg_cleaner *c, const seg_line *line) {
  if (!c->have_pending || line->offset < c->last_end) return;
  size_t t = line->offset - c->last_end;
  if (t == 1) seg_buf_putc(&c->gap, '\n');
  else if (t == 2) seg_buf_append(&c->gap, "\r\n", 2);
  else for (size_t i = 0; i < t; i++) seg_buf_putc(&c->gap, '\n');
}

void seg_cleaner_begin(seg_cleaner *c, const seg_clean_callbacks *sink) {
  if (sink) c->sink = *sink;
  else memset(&c->sink, 0, sizeof c->sink);
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
  c->record = li;
  seg_clean_normalize(c, line->bytes, line->len, line->offset, line->lineno, &li->text, &li->map);
  c->record = NULL;
  if (li->text.len && c->lex) {
    li->reason = lexicon_reason(c, li->text.data, li->text.len, &li->list_header);
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
    if (c->sink.invalid)
      c->sink.invalid(c->sink.ctx, line->lineno, li->invalid[k].col, li->invalid[k].offset,
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
      if (n <= c->lex->list_item_max && !(t[n - 1] == '.')) reason = "related-list";
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
      drop = dateline_len(c, t, n);
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
