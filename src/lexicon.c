/* lexicon: see lexicon.h. A rule is found by the cheapest test that can decide it: exact
 * phrases through the project's hash table (hash.h), prefixes grouped by their first byte
 * (after a hashed set of their first bytes says a line may start with one), substrings by
 * sampling the line every (shortest key - 3) bytes for a 4-byte gram of a key (or, with a
 * short key, a 16-byte scan for their rarest pair of bytes), patterns (ICU regexes over the
 * folded line) only when the line holds the bytes every match needs.
 * Must never: change text, or keep state about lines (each answer is about one line). */
#include "lexicon.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ucasemap.h>
#include <unicode/uregex.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>

#include "buf.h"
#include "hash.h"
#include "reneed.h"
#include "scan.h"
#include "unorm.h"
#include "ydoc.h"

extern const unsigned char seg_data_id_boilerplate[];
extern const size_t seg_data_id_boilerplate_len;


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


/* The prefixes' first bytes, hashed into a bit set: a line whose folded key starts with
 * none of them is done with the prefixes without folding its head. */
#define START_BYTES 4
#define START_BITS 16

/* The bit of a key's first l (1..START_BYTES) bytes, v = k[0] << 8 (l - 1) | ... | k[l - 1]. */
static size_t start_bit(uint64_t v, size_t l) {
  return (size_t)(((v << 3 | l) * 0x9E3779B97F4A7C15u) >> (64 - START_BITS));
}

/* A 4-byte gram of a contains key: the key holds it at `off`. */
typedef struct {
  uint32_t gram; /* gram_of the bytes */
  uint32_t key;  /* index into contains */
  uint32_t off;
} lex_gram;

#define GRAM_KEY_MIN 8
#define GRAM_BITS 16

/* Four bytes with bit 0x20 set on each (ASCII folded to lower case, as key_hit compares). */
static uint32_t gram_of(const char *s) {
  uint32_t v;
  memcpy(&v, s, 4);
  return v | 0x20202020u;
}

static size_t gram_bit(uint32_t gram) { return (size_t)((gram * 0x9E3779B1u) >> (32 - GRAM_BITS)); }

#define FOLD_SLOTS 64

/* ICU's case folding for keys, with a cache of the characters it keeps as they are. */
typedef struct {
  UCaseMap *map;
  struct {
    int32_t cp; /* -1: empty */
    int same;
  } kept[FOLD_SLOTS];
} key_fold;

typedef struct {
  char *start; /* as written; compared ignoring ASCII case */
  size_t len;
  size_t rule;
} lex_suffix;

/* Regular expressions of one list of the lexicon. */
typedef struct {
  URegularExpression **re;
  size_t n, cap;
} regex_list;

struct seg_lexicon {
  lex_rule *rules;
  size_t nrules, rules_cap;
  seg_hash_keys exact;  /* folded exact phrases (hash.h), numbered in the order added */
  size_t *exact_rule;   /* the rule of phrase i (the first rule that lists it) */
  size_t exact_rule_cap;
  lex_entry *prefix;
  size_t nprefix, prefix_cap;
  lex_entry *contains; /* folded substrings, any position */
  size_t ncontains, contains_cap;
  /* contains keys all GRAM_KEY_MIN bytes or longer: their 4-byte grams (gram_of), sorted, and
   * the same hashed into a bit set; 0 grams: first_contained scans for rare pairs instead */
  lex_gram *grams;
  size_t ngrams;
  size_t gram_stride; /* the shortest key's length - 3: one sample per stride meets every key */
  uint64_t gram_bits[(1u << GRAM_BITS) / 64];
  size_t max_prefix;   /* longest prefix key, bytes */
  size_t prefix_max[256]; /* longest prefix key by first byte */
  size_t *by_first;    /* prefix indices grouped by first key byte: [first[b], first[b+1]) */
  size_t first[257];
  uint64_t prefix_starts[(1u << START_BITS) / 64]; /* start_bit of every prefix key */
  size_t max_exact;    /* longest line an exact rule can match */
  size_t max_contains; /* longest line a contains rule can match */
  size_t max_exact_key; /* longest exact phrase key, bytes */
  lex_pattern *patterns;
  size_t npatterns, patterns_cap;
  regex_list datelines;
  regex_list dateline_lines; /* a dateline alone on its line (matched whole) */
  regex_list date_prefixes;  /* a date a page glued before a line's text */
  char **fields; /* names of a scraper's fields glued before a line's text ("date 2023-02 ") */
  size_t nfields, fields_cap;
  lex_suffix *suffixes; /* asides glued after a line's last sentence: "(Baca juga: ...)" */
  size_t nsuffixes, suffixes_cap;
  lex_suffix *ends; /* marks that end a line, sentence or not: "[sunting | sunting sumber]" */
  size_t nends, ends_cap;
  seg_bytemask ends_last; /* their last bytes, ASCII in lower case */
  size_t max_pattern;              /* longest line any pattern rule applies to */
  size_t list_item_max;
  size_t menu_min_words; /* a menu on one line: this many capitalized words at least (0: off) */
  key_fold fold;
};

static unsigned char ascii_lower(unsigned char c) {
  return (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
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

static void key_fold_open(key_fold *kf, UErrorCode *st) {
  kf->map = ucasemap_open("", U_FOLD_CASE_DEFAULT, st);
  for (size_t k = 0; k < FOLD_SLOTS; k++) kf->kept[k].cp = -1;
}

/* Does case folding keep the character cp, s[0, len), as it is? Folding maps each character
 * on its own, so ICU is asked once per character (direct-mapped cache). */
static int fold_keeps(key_fold *kf, int32_t cp, const char *s, size_t len) {
  if (kf->kept[cp % FOLD_SLOTS].cp != cp) {
    char out[16];
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = ucasemap_utf8FoldCase(kf->map, out, (int32_t)sizeof out, s, (int32_t)len, &st);
    kf->kept[cp % FOLD_SLOTS].cp = cp;
    kf->kept[cp % FOLD_SLOTS].same = U_SUCCESS(st) && (size_t)n == len && !memcmp(out, s, len);
  }
  return kf->kept[cp % FOLD_SLOTS].same;
}

/* The case folding of s[0, n) into out[0, n) when it keeps every non-ASCII character (ASCII
 * goes to lower case): 1; else 0 (ICU folds the line). */
static int fold_copy(key_fold *kf, const char *s, size_t n, char *out) {
  const unsigned char *u = (const unsigned char *)s;
  for (size_t i = 0; i < n;) {
    if (u[i] < 0x80) {
      out[i] = (char)(u[i] >= 'A' && u[i] <= 'Z' ? u[i] + 32 : u[i]);
      i++;
      continue;
    }
    size_t a = i;
    int32_t cp;
    U8_NEXT(u, i, n, cp);
    if (cp < 0 || !fold_keeps(kf, cp, s + a, i - a)) return 0;
    memcpy(out + a, s + a, i - a);
  }
  return 1;
}

/* Appends s[i, end) to d[0, k) with runs of spaces made one, none before ':' or at the start,
 * ASCII in lower case: the new length. */
static size_t collapse(const char *s, size_t i, size_t end, char *d, size_t k) {
  int space = 0;
  for (; i < end; i++) {
    char ch = s[i];
    if (ch == ' ') {
      space = 1;
      continue;
    }
    if (space && ch != ':' && k) d[k++] = ' ';
    space = 0;
    d[k++] = (ch >= 'A' && ch <= 'Z') ? (char)(ch + 32) : ch;
  }
  return k;
}

/* Folded comparison key: case folded, spaces collapsed, no space before ':' — so "Baca Juga :"
 * and "baca juga:" meet. With `strip`, leading/trailing non-alphanumerics go too (exact
 * phrases: "Lanjutkan Membaca ↓" = "lanjutkan membaca"); prefixes keep them ("©", "Foto:").
 * Returns 1 when nothing was stripped (the key is the one without `strip` too). */
static int make_key(key_fold *fold, const char *s, size_t n, int strip, seg_buf *out) {
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
    k = collapse(s, i, b, d, k);
    d[k] = '\0';
    out->len = k;
    return a == 0 && b == n;
  }
  UErrorCode st = U_ZERO_ERROR;
  char stack[1024]; /* lines short enough for a key fold here without an allocation */
  char *fb = stack;
  int32_t len = (int32_t)n;
  if (n > sizeof stack || !fold_copy(fold, s, n, fb))
    len = ucasemap_utf8FoldCase(fold->map, fb, (int32_t)sizeof stack, s, (int32_t)n, &st);
  if (st == U_BUFFER_OVERFLOW_ERROR) {
    st = U_ZERO_ERROR;
    fb = seg_xmalloc((size_t)len + 1);
    len = ucasemap_utf8FoldCase(fold->map, fb, len + 1, s, (int32_t)n, &st);
  }
  if (U_FAILURE(st)) len = 0;
  const unsigned char *f = (const unsigned char *)fb;
  size_t i = 0, end = (size_t)len;
  /* strip leading non-alnum */
  while (strip && i < end) {
    int32_t c;
    size_t k = seg_unorm_decode(f, end, i, &c);
    if (c >= 0 && u_isalnum(c)) break;
    i += k;
  }
  /* strip trailing non-alnum (walk back over continuation bytes) */
  while (strip && end > i) {
    size_t j = end - 1;
    while (j > i && (f[j] & 0xC0) == 0x80) j--;
    int32_t c;
    seg_unorm_decode(f, end, j, &c);
    if (c >= 0 && u_isalnum(c)) break;
    end = j;
  }
  int whole = i == 0 && end == (size_t)len;
  seg_buf_reserve(out, end - i);
  out->len = collapse(fb, i, end, out->data, 0); /* folded: no ASCII capital left to lower */
  out->data[out->len] = '\0';
  if (fb != stack) free(fb);
  return whole;
}

/* Adds a folded exact phrase for `rule`; a phrase already listed keeps its first rule. */
static void exact_insert(seg_lexicon *lex, const char *key, size_t n, size_t rule) {
  int added;
  uint32_t i = seg_hash_keys_add(&lex->exact, key, n, &added);
  if (!added) return;
  SEG_GROW(lex->exact_rule, lex->exact_rule_cap, (size_t)i + 1);
  lex->exact_rule[i] = rule;
}

/* The rule of a folded exact phrase, or SIZE_MAX. */
static size_t exact_find(const seg_lexicon *lex, const char *key, size_t n) {
  uint32_t i = seg_hash_keys_find(&lex->exact, key, n);
  return i == SEG_HASH_NONE ? SIZE_MAX : lex->exact_rule[i];
}

#define MENU_MAX_CHARS 160

/* A menu laid out on one line with single spaces ("Beranda Profil Berita Agenda Kontak"): at
 * least menu_min_words words, each starting with an ASCII capital, no sentence end, and at
 * least half of them one-word phrases of the lexicon's `exact` lists (Beranda, Berita, ...). */
static int menu_line(const seg_lexicon *lex, const char *s, size_t n) {
  if (!lex->menu_min_words || !n || n > MENU_MAX_CHARS || (unsigned)(s[0] - 'A') >= 26u ||
      s[n - 1] == '.' || s[n - 1] == '!' || s[n - 1] == '?' || s[n - 1] == ':')
    return 0;
  size_t words = 0, known = 0;
  char low[24]; /* a longer word is no menu item */
  for (size_t i = 0; i < n;) {
    while (i < n && s[i] == ' ')
      i++;
    size_t a = i;
    while (i < n && s[i] != ' ')
      i++;
    if (a == i) break;
    if (i - a == 1 && s[a] == '&') continue; /* "Hukum & Kriminal": one menu item */
    if ((unsigned)(s[a] - 'A') >= 26u) return 0;
    words++;
    size_t len = i - a;
    if (len > sizeof low) continue;
    for (size_t k = 0; k < len; k++)
      low[k] = (char)((unsigned)(s[a + k] - 'A') < 26u ? s[a + k] + 32 : s[a + k]);
    known += exact_find(lex, low, len) != SIZE_MAX;
  }
  return words >= lex->menu_min_words && 2 * known >= words;
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

/* Parses a non-negative number scalar into *out. */
static seg_status number(const seg_ynode *n, size_t *out, const char *what, const char *file,
                         seg_error *err) {
  char *endp;
  if (n->kind != SEG_Y_SCALAR || (*out = strtoul(n->str, &endp, 10), *endp))
    return seg_error_set(err, SEG_ERR_CONFIG, file, n->line, n->col, "%s must be a number",
                         what);
  return SEG_OK;
}

/* Compiles a list of patterns into *res (grown as needed). */
/* Adds the document's list `what` (if any) to `into`. */
static seg_status add_regexes(const seg_ynode *root, const char *what, regex_list *into,
                              const char *name, seg_error *err) {
  const seg_ynode *list = seg_ynode_get(root, what);
  if (!list) return SEG_OK;
  if (string_list(list, what, name, err)) return SEG_ERR_CONFIG;
  for (size_t i = 0; i < list->len; i++) {
    URegularExpression *re = compile_re(list->kids[i], 0, name, err);
    if (!re) return SEG_ERR_CONFIG;
    SEG_GROW(into->re, into->cap, into->n + 1);
    into->re[into->n++] = re;
  }
  return SEG_OK;
}

static void close_regexes(regex_list *l) {
  for (size_t i = 0; i < l->n; i++) uregex_close(l->re[i]);
  free(l->re);
}

/* A matcher's own copies of a lexicon's list (n + 1 slots, NULL-padded). */
static URegularExpression **clone_regexes(const regex_list *l, UErrorCode *st) {
  URegularExpression **c = seg_xcalloc(l->n + 1, sizeof *c);
  for (size_t i = 0; i < l->n && U_SUCCESS(*st); i++) c[i] = uregex_clone(l->re[i], st);
  return c;
}

static void close_clones(URegularExpression **c, size_t n) {
  for (size_t i = 0; i < n; i++) uregex_close(c[i]);
  free(c);
}

/* Folded keys of a rule's `prefix` or `contains` list into `into` (grown as needed). */
static seg_status add_keys(seg_lexicon *lex, const seg_ynode *list, size_t ri, int contains,
                           seg_buf *key, const char *name, seg_error *err) {
  if (string_list(list, contains ? "contains" : "prefix", name, err)) return SEG_ERR_CONFIG;
  size_t max_chars = lex->rules[ri].max_chars;
  for (size_t i = 0; i < list->len; i++) {
    make_key(&lex->fold, list->kids[i]->str, list->kids[i]->len, 0, key);
    if (!key->len)
      return seg_error_set(err, SEG_ERR_CONFIG, name, list->kids[i]->line, list->kids[i]->col,
                           contains ? "empty substring" : "empty prefix");
    lex_entry e = {seg_xstrndup(key->data, key->len), ri, 0, key->len};
    if (contains) {
      if (!max_chars || max_chars > lex->max_contains)
        lex->max_contains = max_chars ? max_chars : SIZE_MAX;
      e.anchor = rarest_pair(key->data, key->len);
      SEG_GROW(lex->contains, lex->contains_cap, lex->ncontains + 1);
      lex->contains[lex->ncontains++] = e;
    } else {
      SEG_GROW(lex->prefix, lex->prefix_cap, lex->nprefix + 1);
      lex->prefix[lex->nprefix++] = e;
      if (key->len > lex->max_prefix) lex->max_prefix = key->len;
    }
  }
  return SEG_OK;
}

/* A rule's `pattern` list: matched against the folded line (lower case, single spaces), since
 * case folding once per line is far cheaper than ICU's case-insensitive matching per pattern. */
static seg_status add_patterns(seg_lexicon *lex, const seg_ynode *pt, size_t ri, const char *name,
                               seg_error *err) {
  if (string_list(pt, "pattern", name, err)) return SEG_ERR_CONFIG;
  size_t max_chars = lex->rules[ri].max_chars;
  for (size_t i = 0; i < pt->len; i++) {
    URegularExpression *re = compile_re(pt->kids[i], 0, name, err);
    if (!re) return SEG_ERR_CONFIG;
    SEG_GROW(lex->patterns, lex->patterns_cap, lex->npatterns + 1);
    lex_pattern *lp = &lex->patterns[lex->npatterns++];
    lp->re = re;
    lp->rule = ri;
    lp->nneed = seg_reneed(pt->kids[i]->str, lp->need, SEG_RENEED_MAX, &lp->strs);
    if (!max_chars || max_chars > lex->max_pattern)
      lex->max_pattern = max_chars ? max_chars : SIZE_MAX;
  }
  return SEG_OK;
}

/* Adds one rule (a mapping) of a lexicon document. */
static seg_status add_rule(seg_lexicon *lex, const seg_ynode *rule, seg_buf *key,
                           const char *name, seg_error *err) {
  static const char *const rule_keys[] = {"reason", "max_chars", "list_header", "exact",
                                          "prefix", "contains", "pattern", NULL};
  if (seg_ynode_expect(rule, SEG_Y_MAP, "a rule", name, err) ||
      seg_ynode_keys_allowed(rule, rule_keys, name, err))
    return SEG_ERR_CONFIG;
  const seg_ynode *reason = seg_ynode_get(rule, "reason");
  if (!reason || reason->kind != SEG_Y_SCALAR || !reason->len)
    return seg_error_set(err, SEG_ERR_CONFIG, name, rule->line, rule->col,
                         "a rule needs a non-empty 'reason'");
  lex_rule lr = {NULL, 200, 0};
  const seg_ynode *mc = seg_ynode_get(rule, "max_chars");
  if (mc && number(mc, &lr.max_chars, "max_chars", name, err)) return SEG_ERR_CONFIG;
  const seg_ynode *lh = seg_ynode_get(rule, "list_header");
  if (lh && seg_ynode_bool(lh, &lr.list_header, "list_header", name, err)) return SEG_ERR_CONFIG;
  lr.reason = seg_xstrndup(reason->str, reason->len);
  size_t ri = lex->nrules;
  SEG_GROW(lex->rules, lex->rules_cap, ri + 1);
  lex->rules[lex->nrules++] = lr;
  const seg_ynode *ex = seg_ynode_get(rule, "exact");
  if (ex) {
    if (!lr.max_chars || lr.max_chars > lex->max_exact)
      lex->max_exact = lr.max_chars ? lr.max_chars : SIZE_MAX;
    if (string_list(ex, "exact", name, err)) return SEG_ERR_CONFIG;
    for (size_t i = 0; i < ex->len; i++) {
      make_key(&lex->fold, ex->kids[i]->str, ex->kids[i]->len, 1, key);
      if (key->len > lex->max_exact_key) lex->max_exact_key = key->len;
      exact_insert(lex, key->data ? key->data : "", key->len, ri);
    }
  }
  const seg_ynode *px = seg_ynode_get(rule, "prefix");
  if (px && add_keys(lex, px, ri, 0, key, name, err)) return SEG_ERR_CONFIG;
  const seg_ynode *ct = seg_ynode_get(rule, "contains");
  if (ct && add_keys(lex, ct, ri, 1, key, name, err)) return SEG_ERR_CONFIG;
  const seg_ynode *pt = seg_ynode_get(rule, "pattern");
  if (pt && add_patterns(lex, pt, ri, name, err)) return SEG_ERR_CONFIG;
  return SEG_OK;
}

/* A `suffixes` entry: a reason and the strings an aside starts with ("(Baca juga"). */
static seg_status add_suffix_rule(seg_lexicon *lex, const seg_ynode *rule, const char *name,
                                  seg_error *err) {
  static const char *const keys[] = {"reason", "starts", "ends", NULL};
  if (seg_ynode_expect(rule, SEG_Y_MAP, "a suffix rule", name, err) ||
      seg_ynode_keys_allowed(rule, keys, name, err))
    return SEG_ERR_CONFIG;
  const seg_ynode *reason = seg_ynode_get(rule, "reason");
  const seg_ynode *starts = seg_ynode_get(rule, "starts");
  const seg_ynode *ends = seg_ynode_get(rule, "ends");
  if (!reason || reason->kind != SEG_Y_SCALAR || !reason->len || (!starts && !ends))
    return seg_error_set(err, SEG_ERR_CONFIG, name, rule->line, rule->col,
                         "a suffix rule needs a non-empty 'reason' and 'starts' or 'ends'");
  if ((starts && string_list(starts, "starts", name, err)) ||
      (ends && string_list(ends, "ends", name, err)))
    return SEG_ERR_CONFIG;
  size_t ri = lex->nrules;
  SEG_GROW(lex->rules, lex->rules_cap, ri + 1);
  lex->rules[lex->nrules++] = (lex_rule){seg_xstrndup(reason->str, reason->len), 0, 0};
  for (size_t i = 0; starts && i < starts->len; i++) {
    const seg_ynode *st = starts->kids[i];
    if (st->str[0] != '(')
      return seg_error_set(err, SEG_ERR_CONFIG, name, st->line, st->col,
                           "a suffix starts with '(' (an aside in parentheses)");
    SEG_GROW(lex->suffixes, lex->suffixes_cap, lex->nsuffixes + 1);
    lex->suffixes[lex->nsuffixes++] = (lex_suffix){seg_xstrndup(st->str, st->len), st->len, ri};
  }
  for (size_t i = 0; ends && i < ends->len; i++) {
    const seg_ynode *st = ends->kids[i];
    SEG_GROW(lex->ends, lex->ends_cap, lex->nends + 1);
    lex->ends[lex->nends++] = (lex_suffix){seg_xstrndup(st->str, st->len), st->len, ri};
    seg_bytemask_add(&lex->ends_last, ascii_lower((unsigned char)st->str[st->len - 1]));
  }
  return SEG_OK;
}

/* Groups the prefixes by their first byte, so a line is compared with a handful, not all. */
static void index_prefixes(seg_lexicon *lex) {
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
  memset(lex->prefix_starts, 0, sizeof lex->prefix_starts);
  for (size_t i = 0; i < lex->nprefix; i++) {
    const lex_entry *p = &lex->prefix[i];
    uint64_t v = 0;
    size_t l = 0;
    for (; l < p->len && l < START_BYTES; l++) v = v << 8 | (unsigned char)p->key[l];
    size_t bit = start_bit(v, l);
    lex->prefix_starts[bit / 64] |= (uint64_t)1 << (bit % 64);
  }
  size_t fill[256];
  memcpy(fill, lex->first, sizeof fill);
  for (size_t i = 0; i < lex->nprefix; i++)
    lex->by_first[fill[(unsigned char)lex->prefix[i].key[0]]++] = i;
}

static int gram_cmp(const void *a, const void *b) {
  const lex_gram *x = a, *y = b;
  if (x->gram != y->gram) return x->gram < y->gram ? -1 : 1;
  return x->key != y->key ? (x->key < y->key ? -1 : 1) : (x->off > y->off) - (x->off < y->off);
}

/* Every 4-byte gram of every contains key, when no key is shorter than GRAM_KEY_MIN. */
static void index_contains(seg_lexicon *lex) {
  free(lex->grams);
  lex->grams = NULL;
  lex->ngrams = 0;
  memset(lex->gram_bits, 0, sizeof lex->gram_bits);
  size_t shortest = SIZE_MAX, total = 0;
  for (size_t i = 0; i < lex->ncontains; i++) {
    if (lex->contains[i].len < shortest) shortest = lex->contains[i].len;
    total += lex->contains[i].len - 3;
  }
  if (!lex->ncontains || shortest < GRAM_KEY_MIN || lex->ncontains > UINT32_MAX) return;
  lex->grams = seg_xmalloc(total * sizeof *lex->grams);
  for (size_t i = 0; i < lex->ncontains; i++)
    for (size_t o = 0; o + 4 <= lex->contains[i].len; o++) {
      uint32_t g = gram_of(lex->contains[i].key + o);
      lex->grams[lex->ngrams++] = (lex_gram){g, (uint32_t)i, (uint32_t)o};
      lex->gram_bits[gram_bit(g) / 64] |= (uint64_t)1 << (gram_bit(g) % 64);
    }
  qsort(lex->grams, lex->ngrams, sizeof *lex->grams, gram_cmp);
  lex->gram_stride = shortest - 3;
}

/* Adds the rules of a parsed lexicon document; frees the tree. */
static seg_status add_tree(void *obj, seg_ynode *root, const char *name, seg_error *err) {
  seg_lexicon *lex = obj;
  static const char *const top_keys[] = {"rules",          "datelines", "dateline_lines",
                                         "date_prefixes",  "field_prefixes", "suffixes",
                                         "list_item_max_chars", "menu_min_words", NULL};
  seg_status rc = SEG_ERR_CONFIG;
  seg_buf key = {0};
  if (seg_ynode_expect(root, SEG_Y_MAP, "a boilerplate lexicon", name, err) ||
      seg_ynode_keys_allowed(root, top_keys, name, err))
    goto done;
  const seg_ynode *lim = seg_ynode_get(root, "list_item_max_chars");
  if (lim && number(lim, &lex->list_item_max, "list_item_max_chars", name, err)) goto done;
  const seg_ynode *mw = seg_ynode_get(root, "menu_min_words");
  if (mw && number(mw, &lex->menu_min_words, "menu_min_words", name, err)) goto done;
  if (add_regexes(root, "datelines", &lex->datelines, name, err) ||
      add_regexes(root, "dateline_lines", &lex->dateline_lines, name, err) ||
      add_regexes(root, "date_prefixes", &lex->date_prefixes, name, err))
    goto done;
  const seg_ynode *fl = seg_ynode_get(root, "field_prefixes");
  if (fl) {
    if (string_list(fl, "field_prefixes", name, err)) goto done;
    for (size_t i = 0; i < fl->len; i++) {
      SEG_GROW(lex->fields, lex->fields_cap, lex->nfields + 1);
      lex->fields[lex->nfields++] = seg_xstrndup(fl->kids[i]->str, fl->kids[i]->len);
    }
  }
  const seg_ynode *sx = seg_ynode_get(root, "suffixes");
  if (sx) {
    if (seg_ynode_expect(sx, SEG_Y_SEQ, "suffixes", name, err)) goto done;
    for (size_t r = 0; r < sx->len; r++)
      if (add_suffix_rule(lex, sx->kids[r], name, err)) goto done;
  }
  const seg_ynode *rules = seg_ynode_get(root, "rules");
  if (rules) {
    if (seg_ynode_expect(rules, SEG_Y_SEQ, "rules", name, err)) goto done;
    for (size_t r = 0; r < rules->len; r++)
      if (add_rule(lex, rules->kids[r], &key, name, err)) goto done;
  }
  index_prefixes(lex);
  index_contains(lex);
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
  key_fold_open(&lex->fold, &st);
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
  seg_hash_keys_free(&lex->exact);
  free(lex->exact_rule);
  for (size_t i = 0; i < lex->nprefix; i++) free(lex->prefix[i].key);
  free(lex->prefix);
  free(lex->by_first);
  for (size_t i = 0; i < lex->ncontains; i++) free(lex->contains[i].key);
  free(lex->contains);
  free(lex->grams);
  for (size_t i = 0; i < lex->npatterns; i++) uregex_close(lex->patterns[i].re);
  free(lex->patterns);
  close_regexes(&lex->datelines);
  close_regexes(&lex->dateline_lines);
  close_regexes(&lex->date_prefixes);
  for (size_t i = 0; i < lex->nfields; i++) free(lex->fields[i]);
  free(lex->fields);
  for (size_t i = 0; i < lex->nsuffixes; i++) free(lex->suffixes[i].start);
  free(lex->suffixes);
  for (size_t i = 0; i < lex->nends; i++) free(lex->ends[i].start);
  free(lex->ends);
  ucasemap_close(lex->fold.map);
  free(lex);
}


/* ---------- matching ---------- */

#define FIRST_CP_SLOTS 64

struct seg_lexicon_matcher {
  const seg_lexicon *lex;
  URegularExpression **patterns; /* clones of the lexicon's (ICU regexes are not thread-safe) */
  URegularExpression **datelines;
  URegularExpression **dateline_lines;
  URegularExpression **date_prefixes;
  key_fold fold;
  UChar *pat16; /* the folded line in UTF-16, for the patterns */
  size_t pat16_cap;
  /* the patterns a folded line starting with a character may match, probed the first time a
   * line starts with it (a line starts with few of them): by byte for ASCII, direct-mapped
   * for the others; `all` for a line whose first character is none (empty, NUL, invalid) */
  struct first_set {
    int32_t cp; /* -1: empty */
    size_t n;
    size_t *idx; /* pattern indices, in lexicon order */
  } first_ascii[128], first_cp[FIRST_CP_SLOTS], all;
  UText *ut;
  seg_buf key;
};

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

/* first_contained with the keys' grams: a key of length L at s holds the line's 4 bytes at
 * some multiple of the stride (<= L - 3) in [s, s + L - 4], so the line is sampled there only
 * and a key is compared only where a sample is one of its grams. */
static size_t first_contained_sampled(const seg_lexicon *lex, const char *text, size_t n) {
  size_t best = lex->ncontains;
  for (size_t p = 0; p + 4 <= n && best; p += lex->gram_stride) {
    uint32_t g = gram_of(text + p);
    size_t bit = gram_bit(g);
    if (!(lex->gram_bits[bit / 64] >> (bit % 64) & 1)) continue;
    size_t lo = 0, hi = lex->ngrams; /* the first gram >= g */
    while (lo < hi) {
      size_t mid = lo + (hi - lo) / 2;
      if (lex->grams[mid].gram < g) lo = mid + 1;
      else hi = mid;
    }
    for (; lo < lex->ngrams && lex->grams[lo].gram == g; lo++) {
      const lex_gram *e = &lex->grams[lo];
      const lex_entry *k = &lex->contains[e->key];
      const lex_rule *r = &lex->rules[k->rule];
      if (e->key < best && p >= e->off && (!r->max_chars || n <= r->max_chars) &&
          key_at(text, n, p - e->off, k))
        best = e->key;
    }
  }
  return best;
}

#define PAIR_GROUP 4

/* Index of the first contains rule entry (in lexicon order) that holds for the line, or
 * ncontains. One pass over the line per group of four keys finds each place where a key's
 * two rarest adjacent bytes occur (case-folded); the keys are compared only there. */
static size_t first_contained(const seg_lexicon *lex, const char *text, size_t n) {
  if (lex->ngrams) return first_contained_sampled(lex, text, n);
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

/* The patterns a match of which can start like the folded line k[0, n). */
static const struct first_set *patterns_for_first(seg_lexicon_matcher *m, const unsigned char *k,
                                                  size_t n) {
  if (!n || !k[0]) return &m->all;
  size_t q = 0;
  int32_t cp;
  U8_NEXT(k, q, n, cp);
  if (cp < 0) return &m->all;
  struct first_set *slot = cp < 0x80 ? &m->first_ascii[cp] : &m->first_cp[cp % FIRST_CP_SLOTS];
  if (slot->cp != cp) {
    if (!slot->idx) slot->idx = seg_xmalloc((m->lex->npatterns + 1) * sizeof *slot->idx);
    slot->n = 0;
    for (size_t i = 0; i < m->lex->npatterns; i++)
      if (may_start_with(m->patterns[i], cp)) slot->idx[slot->n++] = i;
    slot->cp = cp;
  }
  return slot;
}

/* Can a prefix match the line? The first bytes of its folded key (make_key's rules: ASCII
 * lower-cased, spaces collapsed, none before ':') are worked out from its leading ASCII bytes
 * alone; a prefix the key starts with has its first START_BYTES bytes, or all of its bytes, in
 * prefix_starts. The key of any head of the line starts like the whole line's, so this holds
 * for the head prefix_reason folds too. A non-ASCII byte first: maybe. */
static int prefix_may_start(const seg_lexicon *lex, const char *s, size_t n) {
  unsigned char k[START_BYTES];
  size_t kn = 0;
  int space = 0;
  for (size_t i = 0; i < n && kn < START_BYTES; i++) {
    unsigned char ch = (unsigned char)s[i];
    if (ch >= 0x80) return 1;
    if (ch == ' ') {
      space = 1;
      continue;
    }
    if (space && ch != ':' && kn) k[kn++] = ' ';
    space = 0;
    if (kn < START_BYTES) k[kn++] = (unsigned char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
  }
  uint64_t v = 0;
  for (size_t l = 1; l <= kn; l++) {
    v = v << 8 | k[l - 1];
    size_t bit = start_bit(v, l);
    if (lex->prefix_starts[bit / 64] >> (bit % 64) & 1) return 1;
  }
  return 0;
}

/* The reason of the first prefix (in lexicon order) the line starts with, or NULL. */
static const char *prefix_reason(seg_lexicon_matcher *m, const char *text, size_t n,
                                 int *list_header) {
  const seg_lexicon *lex = m->lex;
  /* a prefix needs only the start of the line, folded (case folding can grow a character,
   * so fold a little more than the longest prefix) */
  size_t head = 16; /* enough for the first byte of the key; then as much as its prefixes need */
  make_key(&m->fold, text, n < head ? n : utf8_floor(text, head), 0, &m->key);
  unsigned char k0 = m->key.len ? (unsigned char)m->key.data[0] : 0;
  size_t need = (m->key.len ? lex->prefix_max[k0] : lex->max_prefix) * 2 + 16;
  if (need > head && n > head && m->key.len) {
    /* the key of a longer head starts with this one: fold more only for a prefix that agrees
     * with it so far and is not decided by it */
    int open = 0;
    for (size_t q = lex->first[k0]; q < lex->first[k0 + 1] && !open; q++) {
      const char *pk = lex->prefix[lex->by_first[q]].key;
      size_t pl = lex->prefix[lex->by_first[q]].len;
      open = pl >= m->key.len && !memcmp(pk, m->key.data, m->key.len);
    }
    if (!open) need = head;
  }
  if (need > head && n > head) {
    head = need;
    make_key(&m->fold, text, n < head ? n : utf8_floor(text, head), 0, &m->key);
    k0 = m->key.len ? (unsigned char)m->key.data[0] : 0;
  }
  for (size_t q = lex->first[k0]; m->key.len && q < lex->first[k0 + 1]; q++) {
    const lex_entry *p = &lex->prefix[lex->by_first[q]];
    const lex_rule *r = &lex->rules[p->rule];
    if (r->max_chars && n > r->max_chars) continue;
    size_t pl = p->len;
    if (m->key.len < pl || memcmp(m->key.data, p->key, pl)) continue;
    unsigned char next = m->key.len > pl ? (unsigned char)m->key.data[pl] : ' ';
    unsigned char lastp = (unsigned char)p->key[pl - 1];
    int word_end = lastp >= 0x80 || (lastp >= '0' && lastp <= '9') || (lastp >= 'a' && lastp <= 'z');
    if (word_end && (next >= 0x80 || (next >= '0' && next <= '9') || (next >= 'a' && next <= 'z')))
      continue; /* "berita" is not a prefix of "beritanya" */
    *list_header = r->list_header;
    return r->reason;
  }
  return NULL;
}

/* The folded line k[0, n) in UTF-16 into m->pat16, its length: ASCII widened here, the rest
 * converted by ICU. */
static int32_t key_utf16(seg_lexicon_matcher *m, const unsigned char *k, size_t n, UErrorCode *st) {
  SEG_GROW(m->pat16, m->pat16_cap, n + 1);
  UChar *u = m->pat16;
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i zero = _mm_setzero_si128();
  for (; i + 16 <= n; i += 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(k + i));
    if (_mm_movemask_epi8(v)) break;
    _mm_storeu_si128((__m128i *)(void *)(u + i), _mm_unpacklo_epi8(v, zero));
    _mm_storeu_si128((__m128i *)(void *)(u + i + 8), _mm_unpackhi_epi8(v, zero));
  }
#endif
  for (; i < n && k[i] < 0x80; i++) u[i] = k[i];
  if (i == n) return (int32_t)n;
  int32_t len = 0;
  u_strFromUTF8(u, (int32_t)m->pat16_cap, &len, (const char *)k, (int32_t)n, st);
  return len;
}

/* The reason a normalized line is boilerplate, or NULL. */
static const char *lexicon_reason(seg_lexicon_matcher *m, const char *text, size_t n,
                                  int *list_header) {
  const seg_lexicon *lex = m->lex;
  *list_header = 0;
  int whole = 0; /* m->key holds the line's key without strip */
  /* an exact phrase can only match a line not much longer than the phrase (symbols around
   * it are ignored; folding may grow a character) */
  if (n <= lex->max_exact && n <= 2 * lex->max_exact_key + 32) {
    whole = make_key(&m->fold, text, n, 1, &m->key);
    size_t ri = exact_find(lex, m->key.data ? m->key.data : "", m->key.len);
    if (ri != SIZE_MAX && (!lex->rules[ri].max_chars || n <= lex->rules[ri].max_chars)) {
      *list_header = lex->rules[ri].list_header;
      return lex->rules[ri].reason;
    }
  }
  if (lex->nprefix && prefix_may_start(lex, text, n)) {
    whole = 0; /* m->key is the head's */
    const char *reason = prefix_reason(m, text, n, list_header);
    if (reason) return reason;
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
    if (!whole) make_key(&m->fold, text, n, 0, &m->key);
    const unsigned char *k = (const unsigned char *)(m->key.data ? m->key.data : "");
    seg_bytemask has; /* the bytes of the folded line, once a pattern needs them */
    int has_known = 0;
    const struct first_set *may = patterns_for_first(m, k, m->key.len);
    int32_t ulen = -1; /* the line in UTF-16, made for the first regex that runs */
    UErrorCode st = U_ZERO_ERROR;
    for (size_t q = 0; q < may->n && U_SUCCESS(st); q++) {
      size_t i = may->idx[q];
      const lex_pattern *lp = &lex->patterns[i];
      const lex_rule *r = &lex->rules[lp->rule];
      if (r->max_chars && n > r->max_chars) continue;
      if ((lp->nneed || lp->strs.n) && !has_known) {
        seg_bytemask_of((const char *)k, m->key.len, &has);
        has_known = 1;
      }
      int met = 1;
      for (int q = 0; q < lp->nneed && met; q++) met = seg_bytemask_meets(&lp->need[q], &has);
      if (!met || !seg_strneed_met(&lp->strs, (const char *)k, m->key.len, &has)) continue;
      if (ulen < 0) {
        ulen = key_utf16(m, k, m->key.len, &st);
        if (U_FAILURE(st)) break;
      }
      uregex_setText(m->patterns[i], m->pat16, ulen, &st);
      if (U_SUCCESS(st) && uregex_matches(m->patterns[i], 0, &st) && U_SUCCESS(st)) {
        *list_header = r->list_header;
        return r->reason;
      }
    }
  }
  return menu_line(lex, text, n) ? "navigation" : NULL;
}


/* Length of the first of res[0, nres) to match at the start of text[0, n) with text after
 * it, or 0. */
static size_t looking_at(seg_lexicon_matcher *m, URegularExpression **res, size_t nres,
                         const char *text, size_t n) {
  UErrorCode st = U_ZERO_ERROR;
  m->ut = utext_openUTF8(m->ut, text, (int64_t)n, &st);
  for (size_t i = 0; i < nres && U_SUCCESS(st); i++) {
    uregex_setUText(res[i], m->ut, &st);
    if (U_SUCCESS(st) && uregex_lookingAt(res[i], 0, &st) && U_SUCCESS(st)) {
      int64_t end = uregex_end64(res[i], 0, &st);
      if (U_SUCCESS(st) && end > 0 && (size_t)end < n) return (size_t)end;
    }
  }
  return 0;
}

size_t seg_lexicon_dateline(seg_lexicon_matcher *m, const char *text, size_t n) {
  return looking_at(m, m->datelines, m->lex->datelines.n, text, n);
}

size_t seg_lexicon_date_prefix(seg_lexicon_matcher *m, const char *text, size_t n) {
  return looking_at(m, m->date_prefixes, m->lex->date_prefixes.n, text, n);
}

size_t seg_lexicon_field_prefix(const seg_lexicon *lex, const char *text, size_t n) {
  for (size_t f = 0; f < lex->nfields; f++) {
    size_t k = strlen(lex->fields[f]);
    if (n <= k + 1 || text[k] != ' ' || memcmp(text, lex->fields[f], k)) continue;
    size_t v = k + 1, digits = 0; /* the value: one token with a digit */
    for (; v < n && text[v] != ' '; v++)
      digits += text[v] >= '0' && text[v] <= '9';
    if (!digits || v + 1 >= n) continue;
    while (v < n && text[v] == ' ')
      v++;
    return v < n ? v : 0;
  }
  return 0;
}

int seg_lexicon_dateline_line(seg_lexicon_matcher *m, const char *text, size_t n) {
  UErrorCode st = U_ZERO_ERROR;
  m->ut = utext_openUTF8(m->ut, text, (int64_t)n, &st);
  for (size_t i = 0; i < m->lex->dateline_lines.n && U_SUCCESS(st); i++) {
    uregex_setUText(m->dateline_lines[i], m->ut, &st);
    if (U_SUCCESS(st) && uregex_matches(m->dateline_lines[i], 0, &st) && U_SUCCESS(st)) return 1;
  }
  return 0;
}

const char *seg_lexicon_match(seg_lexicon_matcher *m, const char *text, size_t n,
                              int *list_header) {
  *list_header = 0;
  return n ? lexicon_reason(m, text, n, list_header) : NULL;
}

size_t seg_lexicon_list_item_max(const seg_lexicon *lex) { return lex->list_item_max; }

static int ascii_ieq(const char *a, const char *b, size_t n) {
  for (size_t k = 0; k < n; k++) {
    char x = a[k], y = b[k];
    if (x >= 'A' && x <= 'Z') x = (char)(x + 32);
    if (y >= 'A' && y <= 'Z') y = (char)(y + 32);
    if (x != y) return 0;
  }
  return 1;
}

size_t seg_lexicon_line_end(seg_lexicon_matcher *m, const char *s, size_t n, const char **reason) {
  const seg_lexicon *lex = m->lex;
  unsigned char last = n ? ascii_lower((unsigned char)s[n - 1]) : 0;
  if (!n || !(lex->ends_last.w[last >> 6] >> (last & 63) & 1)) return n; /* no mark ends so */
  for (size_t i = 0; i < lex->nends; i++) {
    const lex_suffix *x = &lex->ends[i];
    if (x->len <= n && ascii_ieq(s + n - x->len, x->start, x->len)) {
      *reason = lex->rules[x->rule].reason;
      return n - x->len;
    }
  }
  return n;
}

const char *seg_lexicon_aside(seg_lexicon_matcher *m, const char *s, size_t n, int bare) {
  const seg_lexicon *lex = m->lex;
  for (size_t i = 0; i < lex->nsuffixes; i++) {
    const lex_suffix *x = &lex->suffixes[i];
    size_t skip = bare && x->start[0] == '('; /* "Baca juga: ..." for "(Baca juga" */
    if (bare && !skip) continue;
    if (x->len - skip <= n && ascii_ieq(s, x->start + skip, x->len - skip))
      return lex->rules[x->rule].reason;
  }
  return NULL;
}

seg_lexicon_matcher *seg_lexicon_matcher_new(const seg_lexicon *lex, seg_error *err) {
  seg_lexicon_matcher *m = seg_xcalloc(1, sizeof *m);
  UErrorCode st = U_ZERO_ERROR;
  m->lex = lex;
  key_fold_open(&m->fold, &st);
  for (size_t k = 0; k < 128; k++) m->first_ascii[k].cp = -1;
  for (size_t k = 0; k < FIRST_CP_SLOTS; k++) m->first_cp[k].cp = -1;
  m->all.idx = seg_xmalloc((lex->npatterns + 1) * sizeof *m->all.idx);
  for (m->all.n = 0; m->all.n < lex->npatterns; m->all.n++) m->all.idx[m->all.n] = m->all.n;
  m->patterns = seg_xcalloc(lex->npatterns + 1, sizeof *m->patterns);
  for (size_t i = 0; i < lex->npatterns && U_SUCCESS(st); i++)
    m->patterns[i] = uregex_clone(lex->patterns[i].re, &st);
  m->datelines = clone_regexes(&lex->datelines, &st);
  m->dateline_lines = clone_regexes(&lex->dateline_lines, &st);
  m->date_prefixes = clone_regexes(&lex->date_prefixes, &st);
  if (U_FAILURE(st)) {
    seg_error_set(err, SEG_ERR_ICU, NULL, 0, 0, "cannot set up the lexicon: %s",
                  u_errorName(st));
    seg_lexicon_matcher_free(m);
    return NULL;
  }
  return m;
}

void seg_lexicon_matcher_free(seg_lexicon_matcher *m) {
  if (!m) return;
  for (size_t i = 0; i < m->lex->npatterns; i++) uregex_close(m->patterns[i]);
  free(m->patterns);
  close_clones(m->datelines, m->lex->datelines.n);
  close_clones(m->dateline_lines, m->lex->dateline_lines.n);
  close_clones(m->date_prefixes, m->lex->date_prefixes.n);
  for (size_t k = 0; k < 128; k++) free(m->first_ascii[k].idx);
  for (size_t k = 0; k < FIRST_CP_SLOTS; k++) free(m->first_cp[k].idx);
  free(m->all.idx);
  ucasemap_close(m->fold.map);
  utext_close(m->ut);
  free(m->pat16);
  seg_buf_free(&m->key);
  free(m);
}
