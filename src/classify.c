/* classify: see classify.h. A line's features come from one pass over its tokens (split at
 * the single spaces normalization leaves): punctuation around a token is peeled off, the rest
 * is looked up in the set of stopwords (the project's hash table; lower-cased, no allocation)
 * and its first letter's case counted; characters are counted as letters or not on the way.
 * Must never: allocate per line, or look at anything but the one line. */
#include "classify.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "buf.h"
#include "hash.h"
#include "scan.h"
#include "unorm.h"
#include "ydoc.h"

extern const unsigned char seg_data_id_stopwords[];
extern const size_t seg_data_id_stopwords_len;
extern const unsigned char seg_data_id_classifier[];
extern const size_t seg_data_id_classifier_len;

/* ---------- word sets ---------- */

#define WORD_MAX 24 /* longer tokens are never looked up */

/* The three word lists share one table: a word is held packed (lower-cased, zero-padded into
 * three 64-bit words), so a lookup compares three words and a length, never calls memcmp, and
 * one lookup answers for all three lists. */
enum { WORD_STOP = 1, WORD_CONT = 2, WORD_FOREIGN = 4, WORD_NAME_TITLE = 8 };

typedef struct {
  uint64_t w[3];
  uint32_t len, flags;
} packed_word;

/* Words of at most 8 bytes are also held whole in one 64-bit key each (their bytes, zero-padded,
 * as a little-endian load of the word reads them) in a small table of their own: a token of 8
 * bytes or fewer (nearly all of them) is answered by one multiply and, mostly, one probe,
 * without the filter or the general table. */
#define SHORT_BITS 11
#define SHORT_SLOTS (1u << SHORT_BITS) /* at least 4 slots per short word, or short_off */

typedef struct {
  seg_hash_table index; /* hash.h: word_hash of a packed word -> words[] */
  packed_word *words;
  size_t n, cap;
  size_t max_len; /* of the longest word: longer tokens are not looked up */
  uint64_t filter[1024]; /* bit word_sketch(w) set for every word w: most tokens fail it */
  uint64_t short_key[SHORT_SLOTS]; /* 0: empty */
  uint8_t short_flags[SHORT_SLOTS];
  size_t nshort;
  int short_off; /* a short word the key cannot hold (a zero byte) or too many: not used */
} word_table;

static inline size_t short_slot(uint64_t key) {
  return (size_t)((key * 0x9E3779B97F4A7C15ull) >> (64 - SHORT_BITS));
}

/* Adds flag to the short word low[0, n) (1 <= n <= 8). */
static void short_insert(word_table *t, const unsigned char *low, size_t n, uint32_t flag) {
  if (memchr(low, 0, n) || t->nshort >= SHORT_SLOTS / 4) {
    t->short_off = 1;
    return;
  }
  uint64_t key = 0;
  for (size_t k = 0; k < n; k++) /* byte k at bits 8k: the little-endian layout of a load */
    key |= (uint64_t)low[k] << (8 * k);
  size_t i = short_slot(key);
  while (t->short_key[i] && t->short_key[i] != key)
    i = (i + 1) & (SHORT_SLOTS - 1);
  if (!t->short_key[i]) t->nshort++;
  t->short_key[i] = key;
  t->short_flags[i] |= (uint8_t)flag;
}

/* The flags of the short word whose key (lower-cased) is `key`, 0 when it is in no list. */
static inline uint32_t short_flags(const word_table *t, uint64_t key) {
  size_t i = short_slot(key);
  for (uint64_t k; (k = t->short_key[i]) != 0; i = (i + 1) & (SHORT_SLOTS - 1))
    if (k == key) return t->short_flags[i];
  return 0;
}

/* 16 bits from a word's first, second and last byte and its length, the same in any case of
 * its ASCII letters. */
static inline unsigned word_sketch(const char *w, size_t n) {
  unsigned a = (unsigned char)w[0] & 31, b = (unsigned char)w[n > 1] & 31;
  unsigned z = (unsigned char)w[n - 1] & 31;
  return a << 11 | b << 6 | z << 1 | (unsigned)(n & 1);
}

static inline int filter_may_hold(const word_table *t, const char *w, size_t n) {
  unsigned k = word_sketch(w, n);
  return (int)(t->filter[k >> 6] >> (k & 63)) & 1;
}

/* Any 64-bit mix of the whole packed word does (hash.h places an entry by its top bits). */
static inline uint64_t word_hash(const uint64_t w[3], uint32_t len) {
  uint64_t x = w[0] ^ (w[1] * 0xC2B2AE3D27D4EB4Full) ^ (w[2] * 0x165667B19E3779F9ull) ^ len;
  x *= 0x9E3779B97F4A7C15ull;
  x ^= x >> 32;
  return x * 0xFF51AFD7ED558CCDull;
}

/* Packs low[0, n) (n <= WORD_MAX). */
static inline void word_pack(uint64_t w[3], const unsigned char *low, size_t n) {
  unsigned char b[3 * sizeof(uint64_t)] = {0};
  memcpy(b, low, n);
  memcpy(w, b, sizeof b);
}

/* The entry of the word w (packed, len bytes, hashed to h), or NULL; *p is left where a new
 * entry would go. */
static inline packed_word *table_find(const word_table *t, const uint64_t w[3], uint32_t len,
                                      uint64_t h, seg_hash_probe *p) {
  *p = seg_hash_probe_start(&t->index, h);
  for (uint32_t i; (i = seg_hash_probe_next(p)) != SEG_HASH_NONE;) {
    packed_word *e = &t->words[i];
    if (e->len == len && e->w[0] == w[0] && e->w[1] == w[1] && e->w[2] == w[2]) return e;
  }
  return NULL;
}

/* The flags of the word w (packed, len bytes), 0 when it is in no list. */
static inline uint32_t table_flags(const word_table *t, const uint64_t w[3], uint32_t len) {
  seg_hash_probe p;
  const packed_word *e = table_find(t, w, len, word_hash(w, len), &p);
  return e ? e->flags : 0;
}

static void table_insert(word_table *t, const unsigned char *low, size_t n, uint32_t flag) {
  uint64_t w[3];
  word_pack(w, low, n);
  uint64_t h = word_hash(w, (uint32_t)n);
  seg_hash_probe p;
  packed_word *e = table_find(t, w, (uint32_t)n, h, &p);
  if (n <= 8) short_insert(t, low, n, flag);
  if (e) {
    e->flags |= flag;
    return;
  }
  SEG_GROW(t->words, t->cap, t->n + 1);
  if (n > t->max_len) t->max_len = n;
  unsigned k = word_sketch((const char *)low, n);
  t->filter[k >> 6] |= 1ull << (k & 63);
  t->words[t->n] = (packed_word){{w[0], w[1], w[2]}, (uint32_t)n, flag};
  seg_hash_put_probed(&t->index, &p, h, (uint32_t)t->n++);
}

static void table_free(word_table *t) {
  seg_hash_table_free(&t->index);
  free(t->words);
}

/* ASCII bytes by class, for the feature pass: a constant, not a table filled on first use,
 * since the classifier runs on several threads at once with -j. */
enum { C_LETTER = 1, C_UPPER = 2, C_DIGIT = 4, C_ALNUM = 8 };
#define L (C_LETTER | C_ALNUM)
#define U (C_LETTER | C_UPPER | C_ALNUM)
#define D (C_DIGIT | C_ALNUM)
static const uint8_t ascii_class[128] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x00 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x10 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x20 */
    D, D, D, D, D, D, D, D, D, D, 0, 0, 0, 0, 0, 0, /* 0x30 */
    0, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, /* 0x40 */
    U, U, U, U, U, U, U, U, U, U, U, 0, 0, 0, 0, 0, /* 0x50 */
    0, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, /* 0x60 */
    L, L, L, L, L, L, L, L, L, L, L, 0, 0, 0, 0, 0, /* 0x70 */
};
#undef L
#undef U
#undef D

/* ---------- model ---------- */

struct seg_classifier {
  word_table words; /* stopwords, continuing and foreign words, by flag */
  uint32_t short_max_words, name_max_words;
  uint32_t capitals_min; /* words of a line all in capitals without a sentence end: bad */
  uint32_t short_keep_min; /* words a short line needs to be kept by context (or a sentence end) */
  double symbols_max;
  double w_terminal, w_stop, w_length, w_title, w_title_terminal, w_symbols;
  double stop_full, length_full, good, near, low_stop;
  uint32_t heading_min, heading_max;
  double heading_title;
  seg_classify_limits lim;
  char **transparent;
  size_t ntransparent, transparent_cap;
};

typedef struct {
  const char *key;
  int kind;   /* 0 double, 1 uint32, 2 size_t */
  size_t off; /* offsetof in seg_classifier */
} setting;

#define SET_D(k, f)                                                                                \
  { k, 0, offsetof(seg_classifier, f) }
#define SET_U(k, f)                                                                                \
  { k, 1, offsetof(seg_classifier, f) }
#define SET_Z(k, f)                                                                                \
  { k, 2, offsetof(seg_classifier, f) }

static const setting top_settings[] = {SET_U("short_max_words", short_max_words),
                                       SET_U("short_keep_min_words", short_keep_min),
                                       SET_D("symbols_max_ratio", symbols_max),
                                       SET_D("stopwords_full", stop_full),
                                       SET_D("length_full", length_full),
                                       SET_D("good", good),
                                       SET_D("near_good", near),
                                       SET_D("low_stopwords", low_stop),
                                       SET_U("name_max_words", name_max_words),
                                       SET_U("capitals_min_words", capitals_min),
                                       SET_Z("window_blocks", lim.window_blocks),
                                       SET_Z("window_bytes", lim.window_bytes),
                                       SET_U("fragment_max_words", lim.fragment_max_words),
                                       SET_Z("max_fragments", lim.max_fragments),
                                       SET_U("broken_min_words", lim.broken_min_words),
                                       SET_U("broken_lead_max", lim.broken_lead_max),
                                       SET_U("table_cell_max_words", lim.table_cell_max_words),
                                       SET_U("closer_max_words", lim.closer_max_words),
                                       SET_U("signature_rule_min", lim.signature_rule_min),
                                       SET_U("signature_max_lines", lim.signature_max_lines),
                                       SET_U("tag_max_words", lim.tag_max_words),
                                       SET_U("masthead_max_words", lim.masthead_max_words),
                                       SET_U("tagline_max_words", lim.tagline_max_words),
                                       SET_U("related_title_min_words",
                                             lim.related_title_min_words),
                                       {NULL, 0, 0}};
static const setting weight_settings[] = {SET_D("terminal", w_terminal),
                                          SET_D("stopwords", w_stop),
                                          SET_D("length", w_length),
                                          SET_D("titlecase", w_title),
                                          SET_D("titlecase_terminal", w_title_terminal),
                                          SET_D("symbols", w_symbols),
                                          {NULL, 0, 0}};
static const setting heading_settings[] = {SET_U("min_words", heading_min),
                                           SET_U("max_words", heading_max),
                                           SET_D("min_titlecase", heading_title),
                                           SET_Z("distance", lim.heading_distance),
                                           {NULL, 0, 0}};

/* Sets the fields of `m` named in the mapping `map` by the table `tab`; other keys are left
 * for the caller (who checks the whole key list). */
static seg_status read_settings(seg_classifier *m, const seg_ynode *map, const setting *tab,
                                const char *name, seg_error *err) {
  for (const setting *s = tab; s->key; s++) {
    const seg_ynode *v = seg_ynode_get(map, s->key);
    if (!v) continue;
    char *endp = NULL;
    char *field = (char *)m + s->off;
    if (v->kind == SEG_Y_SCALAR && v->len) {
      if (s->kind == 0) {
        double d = strtod(v->str, &endp);
        if (!*endp && d >= 0) {
          memcpy(field, &d, sizeof d);
          continue;
        }
      } else {
        unsigned long u = strtoul(v->str, &endp, 10);
        if (!*endp && v->str[0] != '-' && u <= UINT32_MAX) {
          if (s->kind == 1) {
            uint32_t w = (uint32_t)u;
            memcpy(field, &w, sizeof w);
          } else {
            size_t z = (size_t)u;
            memcpy(field, &z, sizeof z);
          }
          continue;
        }
      }
    }
    return seg_error_set(err, SEG_ERR_CONFIG, name, v->line, v->col,
                         "%s must be a non-negative number", s->key);
  }
  return SEG_OK;
}

/* Adds the words of a list to a set, lower-cased (ASCII). */
static seg_status read_words(word_table *set, uint32_t flag, const seg_ynode *list,
                             const char *what, const char *name, seg_error *err) {
  if (seg_ynode_expect(list, SEG_Y_SEQ, what, name, err)) return SEG_ERR_CONFIG;
  unsigned char low[WORD_MAX + 1];
  for (size_t i = 0; i < list->len; i++) {
    const seg_ynode *w = list->kids[i];
    if (seg_ynode_expect(w, SEG_Y_SCALAR, what, name, err)) return SEG_ERR_CONFIG;
    if (!w->len || w->len > WORD_MAX || strchr(w->str, ' '))
      return seg_error_set(err, SEG_ERR_CONFIG, name, w->line, w->col,
                           "a word in %s must be 1-%d bytes without spaces", what, WORD_MAX);
    for (size_t k = 0; k < w->len; k++)
      low[k] = (unsigned char)(w->str[k] >= 'A' && w->str[k] <= 'Z' ? w->str[k] + 32 : w->str[k]);
    table_insert(set, low, w->len, flag);
  }
  return SEG_OK;
}

static seg_status read_transparent(seg_classifier *m, const seg_ynode *list, const char *name,
                                   seg_error *err) {
  if (seg_ynode_expect(list, SEG_Y_SEQ, "transparent", name, err)) return SEG_ERR_CONFIG;
  for (size_t i = 0; i < list->len; i++) {
    if (seg_ynode_expect(list->kids[i], SEG_Y_SCALAR, "transparent", name, err))
      return SEG_ERR_CONFIG;
    SEG_GROW(m->transparent, m->transparent_cap, m->ntransparent + 1);
    m->transparent[m->ntransparent++] = seg_xstrndup(list->kids[i]->str, list->kids[i]->len);
  }
  return SEG_OK;
}

/* Loads one parsed document (either schema); frees the tree. */
static seg_status add_tree(seg_classifier *m, seg_ynode *root, const char *name, seg_error *err) {
  static const char *const keys[] = {"stopwords",
                                     "continuing",
                                     "foreign",
                                     "name_titles",
                                     "short_max_words",
                                     "short_keep_min_words",
                                     "symbols_max_ratio",
                                     "weights",
                                     "stopwords_full",
                                     "length_full",
                                     "good",
                                     "near_good",
                                     "low_stopwords",
                                     "heading",
                                     "name_max_words",
                                     "capitals_min_words",
                                     "window_blocks",
                                     "window_bytes",
                                     "transparent",
                                     "fragment_max_words",
                                     "max_fragments",
                                     "broken_min_words",
                                     "broken_lead_max",
                                     "table_cell_max_words",
                                     "closer_max_words",
                                     "signature_rule_min",
                                     "signature_max_lines",
                                     "tag_max_words",
                                     "masthead_max_words",
                                     "tagline_max_words",
                                     "related_title_min_words",
                                     NULL};
  static const char *const weight_keys[] = {
      "terminal", "stopwords", "length", "titlecase", "titlecase_terminal", "symbols", NULL};
  static const char *const heading_keys[] = {"min_words", "max_words", "min_titlecase", "distance",
                                             NULL};
  seg_status rc = SEG_ERR_CONFIG;
  const seg_ynode *w = NULL, *h = NULL, *list;
  if (seg_ynode_expect(root, SEG_Y_MAP, "a classifier file", name, err) ||
      seg_ynode_keys_allowed(root, keys, name, err) ||
      read_settings(m, root, top_settings, name, err))
    goto done;
  if ((w = seg_ynode_get(root, "weights")) &&
      (seg_ynode_expect(w, SEG_Y_MAP, "weights", name, err) ||
       seg_ynode_keys_allowed(w, weight_keys, name, err) ||
       read_settings(m, w, weight_settings, name, err)))
    goto done;
  if ((h = seg_ynode_get(root, "heading")) &&
      (seg_ynode_expect(h, SEG_Y_MAP, "heading", name, err) ||
       seg_ynode_keys_allowed(h, heading_keys, name, err) ||
       read_settings(m, h, heading_settings, name, err)))
    goto done;
  if ((list = seg_ynode_get(root, "stopwords")) &&
      read_words(&m->words, WORD_STOP, list, "stopwords", name, err))
    goto done;
  if ((list = seg_ynode_get(root, "continuing")) &&
      read_words(&m->words, WORD_CONT, list, "continuing", name, err))
    goto done;
  if ((list = seg_ynode_get(root, "foreign")) &&
      read_words(&m->words, WORD_FOREIGN, list, "foreign", name, err))
    goto done;
  if ((list = seg_ynode_get(root, "name_titles")) &&
      read_words(&m->words, WORD_NAME_TITLE, list, "name_titles", name, err))
    goto done;
  if ((list = seg_ynode_get(root, "transparent")) && read_transparent(m, list, name, err))
    goto done;
  rc = SEG_OK;
done:
  seg_ynode_free(root);
  return rc;
}

seg_status seg_classifier_add_yaml(seg_classifier *m, const char *yaml, size_t len,
                                   const char *name, seg_error *err) {
  seg_ynode *root = seg_ydoc_parse(yaml, len, name, err);
  return root ? add_tree(m, root, name, err) : SEG_ERR_CONFIG;
}

seg_classifier *seg_classifier_default(seg_error *err) {
  seg_classifier *m = seg_xcalloc(1, sizeof *m);
  if (seg_classifier_add_yaml(m, (const char *)seg_data_id_stopwords, seg_data_id_stopwords_len,
                              "<embedded>/id/stopwords.yaml", err) ||
      seg_classifier_add_yaml(m, (const char *)seg_data_id_classifier, seg_data_id_classifier_len,
                              "<embedded>/id/classifier.yaml", err)) {
    seg_classifier_free(m);
    return NULL;
  }
  return m;
}

void seg_classifier_free(seg_classifier *m) {
  if (!m) return;
  table_free(&m->words);
  for (size_t i = 0; i < m->ntransparent; i++)
    free(m->transparent[i]);
  free(m->transparent);
  free(m);
}

const seg_classify_limits *seg_classifier_limits(const seg_classifier *m) {
  return &m->lim;
}

int seg_classifier_transparent(const seg_classifier *m, const char *reason) {
  for (size_t i = 0; i < m->ntransparent; i++)
    if (!strcmp(m->transparent[i], reason)) return 1;
  return 0;
}

/* ---------- features ---------- */

static int is_letter(int32_t cp) {
  return cp < 0x80 ? ((unsigned)(cp | 0x20) - 'a' < 26u) : u_isalpha(cp);
}

static int is_alnum(int32_t cp) {
  return cp < 0x80 ? ((unsigned)(cp | 0x20) - 'a' < 26u) || ((unsigned)cp - '0' < 10u)
                   : u_isalnum(cp);
}

static int32_t cp_at(const char *s, size_t n, size_t i, size_t *len) {
  int32_t cp;
  *len = seg_unorm_decode((const unsigned char *)s, n, i, &cp);
  return cp;
}

/* The code point ending at s[n) (n > 0) and where it starts. */
static int32_t cp_before(const char *s, size_t n, size_t *start) {
  size_t j = n - 1;
  while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80)
    j--;
  size_t len;
  *start = j;
  return cp_at(s, n, j, &len);
}

static int is_closer(int32_t c) {
  return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 || c == 0xBB ||
         c == 0x203A;
}

static int is_opener(int32_t c) {
  return c == '(' || c == '[' || c == 0x201C || c == 0x2018 || c == 0xAB;
}

#define CITE_MAX 32 /* the longest citation mark's content ("[butuh rujukan]") */

/* Where a run of citation marks ending s[0, n) starts ("... undang-undang.[2][3]", "[butuh
 * rujukan]", superscript digits "... kemerdekaan.¹" or "²,³"), or n. */
static size_t cites_start(const char *s, size_t n) {
  size_t at = seg_sup_run_start(s, 0, n);
  while (at && s[at - 1] == ']') {
    size_t k = at - 1;
    while (k && s[k - 1] != '[' && s[k - 1] != ']' && at - k <= CITE_MAX)
      k--;
    if (!k || s[k - 1] != '[' || k == at - 1) break;
    at = k - 1;
  }
  return at;
}

int seg_classify_period_end(const char *s, size_t n) {
  size_t at = cites_start(s, n);
  return at && s[at - 1] == '.';
}

/* Ends like a sentence: . ! ? … : possibly followed by closing quotes and brackets, or by
 * citation marks (a wiki copy: "... Indonesia.[1]"), or by an aside in parentheses after such
 * an end ("... 2022. (Roman Chop/AP)"). */
static int ends_sentence(const char *s, size_t n) {
  size_t cites = cites_start(s, n);
  if (cites && cites < n) n = cites;
  int aside = n && s[n - 1] == ')';
  while (n) {
    size_t at;
    int32_t c = cp_before(s, n, &at);
    if (c == '.' || c == '!' || c == '?' || c == 0x2026 || c == ':') return 1;
    if (!is_closer(c)) break;
    n = at;
  }
  if (!aside) return 0;
  const char *open = NULL;
  for (size_t i = n; i-- > 0;)
    if (s[i] == '(') {
      open = s + i;
      break;
    }
  if (!open) return 0;
  size_t k = (size_t)(open - s);
  while (k && s[k - 1] == ' ')
    k--;
  return k && k < (size_t)(open - s) && ends_sentence(s, k) && s[k - 1] != ')';
}

static uint8_t start_kind(const char *s, size_t n) {
  size_t len;
  int32_t c = cp_at(s, n, 0, &len);
  if (c == ',' || c == ';' || c == ':' || c == '.' || c == ')' || c == ']' || c == 0x201D ||
      c == 0x2019)
    return SEG_START_CLOSE;
  if (c == '(') return SEG_START_OPEN;
  if ((c == '-' || c == 0x2013 || c == 0x2014) && len < n) {
    size_t k = len;
    while (k < n && (s[k] == '-'))
      k++;
    if (k < n && s[k] == ' ') return SEG_START_DASH;
  }
  /* a list item's marker: one lower-case letter or one or two digits, '.' or ')', a space */
  size_t d = 0;
  while (d < n && d < 3 && s[d] >= '0' && s[d] <= '9')
    d++;
  size_t m = d ? d : (c >= 'a' && c <= 'z');
  if (m && (d <= 2) && m + 1 < n && (s[m] == '.' || s[m] == ')') && s[m + 1] == ' ')
    return SEG_START_ITEM;
  if (c > 0 && u_islower(c)) return SEG_START_LOWER;
  return SEG_START_OTHER;
}

typedef struct {
  uint32_t lead_title; /* capitalized tokens before a dash (for "Name - Site") */
  uint32_t after_dash; /* tokens after it */
  int dash, broken;    /* saw a dash token; a token that cannot be in a name */
} name_state;

/* The list flags of the token core s[0, n) lower-cased (ASCII letters only), 0 if too long. */
static uint32_t word_flags(const seg_classifier *m, const char *s, size_t n) {
  if (!m || n > m->words.max_len) return 0;
  unsigned char low[WORD_MAX];
  for (size_t k = 0; k < n; k++) {
    unsigned char ch = (unsigned char)s[k];
    low[k] = (unsigned char)(ch + (((unsigned)ch - 'A' < 26u) << 5));
  }
  uint64_t w[3];
  word_pack(w, low, n);
  return table_flags(&m->words, w, (uint32_t)n);
}

/* What a word's list flags add to f and to the name state: `title` when it starts with a
 * capital, `caps` when with two (an acronym, never an English word). A title written in lower
 * case before a name ("dr. Nadia Putri") counts as a capitalized word when it comes first. */
SEG_SCAN_INLINE void count_lists(seg_line_features *f, name_state *ns, uint32_t fl, int title,
                                 int caps) {
  int stop = (fl & WORD_STOP) != 0;
  f->foreign += (uint32_t)(!stop && !caps && (fl & WORD_FOREIGN));
  f->stop += (uint32_t)stop;
  if (ns->dash)
    ns->after_dash++;
  else if ((title || ((fl & WORD_NAME_TITLE) && f->words == 1)) && !stop)
    ns->lead_title++;
  else
    ns->broken = 1;
}

/* The last token of the line so far: its core (punctuation around it peeled off) and, when the
 * core is not empty, its list flags and whether it is capitalized, for the line's ends
 * (open_end, end_title). */
typedef struct {
  const char *core;
  size_t len;
  uint32_t flags;
  int title;
} last_word;

/* Counts a token whose core s[i, e) is not empty: c is its first code point. */
static void count_word(const seg_classifier *m, const char *s, size_t i, size_t e, int32_t c,
                       seg_line_features *f, name_state *ns, last_word *last) {
  f->words++;
  int title = 0;
  if (is_letter(c)) {
    f->alpha++;
    title = c < 0x80 ? (c >= 'A' && c <= 'Z') : u_isupper(c) || u_istitle(c);
    f->title += (uint32_t)title;
  }
  size_t wl = e - i;
  /* an all-capitals token is an acronym ("AS", "IT"), not an English word */
  int caps = wl > 1 && s[i] >= 'A' && s[i] <= 'Z' && s[i + 1] >= 'A' && s[i + 1] <= 'Z';
  f->caps += (uint32_t)caps;
  uint32_t fl = word_flags(m, s + i, wl);
  count_lists(f, ns, fl, title, caps);
  last->flags = fl;
  last->title = title;
}

/* A token of punctuation only ("-", "|", "•"), b bytes long. */
static void count_punct(size_t b, name_state *ns) {
  if (ns->dash || b > 3)
    ns->broken = 1;
  else
    ns->dash = 1;
}

/* One token s[a, b) holding a byte >= 0x80: the same, code point by code point. */
static void token(const seg_classifier *m, const char *s, size_t a, size_t b, seg_line_features *f,
                  name_state *ns, last_word *last) {
  size_t len, i = a, e = b;
  while (i < e && !is_alnum(cp_at(s, e, i, &len)))
    i += len;
  while (e > i) {
    size_t at;
    if (is_alnum(cp_before(s, e, &at))) break;
    e = at;
  }
  last->core = s + i;
  last->len = e - i;
  if (i == e)
    count_punct(b - a, ns);
  else
    count_word(m, s, i, e, cp_at(s, e, i, &len), f, ns, last);
}

static int is_digit_or_symbol(int32_t cp) {
  return !is_letter(cp);
}

/* Is the line's first token a word (letters, '-' and '\'', then perhaps punctuation), not a
 * handle or a number ("budi_88", "#2")? */
static int first_is_word(const char *s, size_t n) {
  const char *sp = memchr(s, ' ', n);
  size_t e = sp ? (size_t)(sp - s) : n, len;
  while (e && strchr(",.;:!?)\"", s[e - 1]))
    e--;
  for (size_t k = 0; k < e; k += len) {
    int32_t w = cp_at(s, e, k, &len);
    if (!(is_letter(w) || w == '-' || w == '\'' || w == 0x2019)) return 0;
  }
  return e > 0;
}

/* Bytes 0x41-0x5A of x (ASCII bytes only) lower-cased, eight at a time. */
static inline uint64_t lower8(uint64_t x) {
  const uint64_t ones = 0x0101010101010101ull;
  uint64_t ge_a = x + ones * (0x80 - 'A'), gt_z = x + ones * (0x80 - 'Z' - 1);
  return x | ((ge_a & ~gt_z & ones * 0x80) >> 2);
}

/* word_flags for a core of ASCII bytes s[0, n) that passed the filter, with `room` bytes of
 * the line from s on: with 16 or more, two loads instead of a copy (on a little-endian CPU,
 * where a word's first byte is its lowest, as word_pack lays it out). */
SEG_SCAN_INLINE uint32_t lookup_ascii(const seg_classifier *m, const char *s, size_t n, size_t room) {
#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
  (void)room;
  return word_flags(m, s, n);
#else
  if (n > 16 || room < 16) return word_flags(m, s, n);
  uint64_t w[3] = {0, 0, 0};
  memcpy(&w[0], s, 8);
  memcpy(&w[1], s + 8, 8);
  if (n <= 8) {
    w[0] &= n == 8 ? ~0ull : (1ull << (8 * n)) - 1;
    w[1] = 0;
  } else {
    w[1] &= n == 16 ? ~0ull : (1ull << (8 * (n - 8))) - 1;
  }
  w[0] = lower8(w[0]);
  w[1] = lower8(w[1]);
  return table_flags(&m->words, w, (uint32_t)n);
#endif
}

SEG_SCAN_INLINE uint32_t word_flags_ascii(const seg_classifier *m, const char *s, size_t n,
                                          size_t room) {
  if (!m || n > m->words.max_len) return 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  if (n <= 8 && !m->words.short_off) {
    uint64_t key = 0;
    if (room >= 8) {
      memcpy(&key, s, 8);
      key &= ~0ull >> (64 - 8 * n);
    } else {
      memcpy(&key, s, n);
    }
    return short_flags(&m->words, lower8(key));
  }
#endif
  if (!filter_may_hold(&m->words, s, n)) return 0;
  return lookup_ascii(m, s, n, room);
}

/* The feature pass over one line. It is a value (no pointer to it escapes the inlined hot
 * path), so the compiler keeps its counters in registers. */
typedef struct {
  const seg_classifier *m;
  const char *s;
  size_t n;
  seg_line_features f;
  name_state ns;
  last_word last;
  size_t tok;      /* where the current token starts */
  int high, digit; /* the token has a byte >= 0x80; the line has a digit */
} feature_pass;

/* token() for the pass, taking and returning it whole. */
static feature_pass token_slow(feature_pass p, size_t a, size_t b) {
  token(p.m, p.s, a, b, &p.f, &p.ns, &p.last);
  return p;
}

/* One token s[a, b) of ASCII bytes only, counted into f and kept as the last word. */
SEG_SCAN_INLINE void token_ascii(feature_pass *p, size_t a, size_t b) {
  const uint8_t *cls = ascii_class;
  const char *s = p->s;
  size_t i = a, e = b;
  while (i < e && !(cls[(unsigned char)s[i]] & C_ALNUM))
    i++;
  while (e > i && !(cls[(unsigned char)s[e - 1]] & C_ALNUM))
    e--;
  p->last.core = s + i; /* flags and title are read only when len > 0: set below then */
  p->last.len = e - i;
  if (i == e) {
    count_punct(b - a, &p->ns);
    return;
  }
  seg_line_features *f = &p->f;
  uint8_t c = cls[(unsigned char)s[i]];
  int title = (c & C_UPPER) != 0;
  f->words++;
  f->alpha += (c & C_LETTER) != 0;
  f->title += (uint32_t)title;
  size_t wl = e - i;
  int caps = wl > 1 && title && (cls[(unsigned char)s[i + 1]] & C_UPPER);
  f->caps += (uint32_t)caps;
  uint32_t fl = word_flags_ascii(p->m, s + i, wl, p->n - i);
  count_lists(f, &p->ns, fl, title, caps);
  p->last.flags = fl;
  p->last.title = title;
}

/* A space (or the line's end) at `at`: the token before it, if any, is counted. */
SEG_SCAN_INLINE void token_end(feature_pass *p, size_t at) {
  if (at > p->tok) {
    if (p->high)
      *p = token_slow(*p, p->tok, at);
    else
      token_ascii(p, p->tok, at);
  }
  p->tok = at + 1;
  p->high = 0;
}

/* The character at s[i], counted; returns where the next one starts. */
SEG_SCAN_INLINE size_t count_char(feature_pass *p, size_t i) {
  unsigned char b = (unsigned char)p->s[i];
  seg_line_features *f = &p->f;
  if (b == ' ') {
    token_end(p, i);
    return i + 1;
  }
  f->chars++;
  if (b < 0x80) {
    uint8_t c = ascii_class[b];
    f->symbols += !(c & C_LETTER);
    p->digit |= c & C_DIGIT;
    f->parens += (b == '(') - (b == ')');
    return i + 1;
  }
  /* never a digit or a bracket: a lead byte decodes to U+0080 or above, anything else to -1 */
  size_t len;
  int32_t cp = cp_at(p->s, p->n, i, &len);
  p->high = 1;
  f->symbols += (uint32_t)is_digit_or_symbol(cp);
  return i + len;
}

#if defined(__SSE2__)
/* Counts of ASCII blocks: per-lane byte counters (each block subtracts its 0xFF lanes, so at
 * most 255 blocks before they are summed) and the lanes where a digit was seen. */
typedef struct {
  __m128i spaces, letters, opens, closes, digits;
} block_counts;

/* Counts the lanes of `keep` in the ASCII block v, read at base; its spaces end tokens. */
SEG_SCAN_INLINE void count_block(feature_pass *p, __m128i v, __m128i keep, size_t base,
                                 block_counts *c) {
  __m128i is_sp = _mm_and_si128(keep, _mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
  c->spaces = _mm_sub_epi8(c->spaces, is_sp);
  c->letters = _mm_sub_epi8(c->letters, _mm_and_si128(keep, seg_letter_bytes(v)));
  c->opens = _mm_sub_epi8(c->opens, _mm_and_si128(keep, _mm_cmpeq_epi8(v, _mm_set1_epi8('('))));
  c->closes = _mm_sub_epi8(c->closes, _mm_and_si128(keep, _mm_cmpeq_epi8(v, _mm_set1_epi8(')'))));
  c->digits = _mm_or_si128(c->digits, _mm_and_si128(keep, seg_digit_bytes(v)));
  for (unsigned bits = (unsigned)_mm_movemask_epi8(is_sp); bits; bits &= bits - 1)
    token_end(p, base + (size_t)__builtin_ctz(bits));
}

/* Adds the counters to the features (`bytes`: how many bytes the blocks held). */
SEG_SCAN_INLINE void add_counts(feature_pass *p, const block_counts *c, size_t bytes) {
  uint64_t spaces = seg_sum_bytes(c->spaces), letters = seg_sum_bytes(c->letters);
  p->f.chars += (uint32_t)(bytes - spaces);
  p->f.symbols += (uint32_t)(bytes - spaces - letters);
  p->f.parens += (int32_t)seg_sum_bytes(c->opens) - (int32_t)seg_sum_bytes(c->closes);
  p->digit |= _mm_movemask_epi8(c->digits) != 0;
}
#endif

/* The byte counts and tokens of a line. Where the CPU has SSE2, blocks of 16 ASCII bytes are
 * counted at once (spaces, letters, brackets, digits) and only their spaces visited, the last
 * bytes of the line as one more block; a block with a byte >= 0x80 is read character by
 * character. */
SEG_SCAN_INLINE void count_line(feature_pass *p) {
  const char *s = p->s;
  size_t n = p->n, i = 0;
#if defined(__SSE2__)
  const __m128i all = _mm_set1_epi8(-1);
  while (i + 16 <= n) {
    block_counts c = {_mm_setzero_si128(), _mm_setzero_si128(), _mm_setzero_si128(),
                      _mm_setzero_si128(), _mm_setzero_si128()};
    size_t bytes = 0;
    for (int round = 0; round < 255 && i + 16 <= n; round++) {
      __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
      if (_mm_movemask_epi8(v)) {
        for (size_t end = i + 16; i < end;)
          i = count_char(p, i);
        continue;
      }
      count_block(p, v, all, i, &c);
      bytes += 16;
      i += 16;
    }
    add_counts(p, &c, bytes);
  }
  if (i < n) {
    __m128i keep, v = seg_tail_block(s, n, i, &keep);
    if (!_mm_movemask_epi8(_mm_and_si128(v, keep))) { /* an ASCII end */
      block_counts c = {_mm_setzero_si128(), _mm_setzero_si128(), _mm_setzero_si128(),
                        _mm_setzero_si128(), _mm_setzero_si128()};
      count_block(p, v, keep, n >= 16 ? n - 16 : i, &c);
      add_counts(p, &c, n - i);
      i = n;
    }
  }
#endif
  while (i < n)
    i = count_char(p, i);
  token_end(p, n);
}

/* Words enough and few enough for a person's name. */
static int name_size(const seg_classifier *m, uint32_t words) {
  return words >= 2 && words <= m->name_max_words;
}

#define LEAD_SCAN 64

uint8_t seg_classify_lead_words(const char *s, size_t n) {
  size_t words = 1;
  for (size_t i = 1; i + 2 < n && i < LEAD_SCAN - 1; i++) {
    char c = s[i];
    if (c == ' ') words++;
    else if ((c == '.' || c == '!' || c == '?') && s[i + 1] == ' ' && s[i - 1] != ' ')
      return (uint8_t)words;
  }
  return 0;
}

int seg_classify_has_quote(const char *s, size_t n) {
  if (memchr(s, '"', n)) return 1;
  for (const char *p = s; (p = memchr(p, 0xE2, n - (size_t)(p - s))) && n - (size_t)(p - s) >= 3;
       p++)
    if ((unsigned char)p[1] == 0x80 && (unsigned char)p[2] >= 0x9C && (unsigned char)p[2] <= 0x9E)
      return 1; /* U+201C, U+201D, U+201E */
  return 0;
}

void seg_classify_features(const seg_classifier *m, const char *s, size_t n, seg_line_features *out) {
  memset(out, 0, sizeof *out);
  if (!n) return;
  feature_pass p = {m, s, n, *out, {0, 0, 0, 0}, {NULL, 0, 0, 0}, 0, 0, 0};
  count_line(&p);
  seg_line_features *f = &p.f;
  name_state ns = p.ns;
  if (p.digit) ns.broken = 1;
  f->terminal = (uint8_t)ends_sentence(s, n);
  f->start = start_kind(s, n);
  f->first_word = (uint8_t)first_is_word(s, n);
  f->digit_start = (uint8_t)(f->start == SEG_START_OTHER && s[0] >= '0' && s[0] <= '9');
  if ((unsigned char)s[0] >= 0xD6 && (unsigned char)s[0] <= 0xE0) { /* U+0590 .. U+08FF */
    size_t len;
    int32_t first = cp_at(s, n, 0, &len);
    f->rtl_start = (uint8_t)(first >= 0x590 && first <= 0x8FF);
  }
  size_t at;
  int32_t last = cp_before(s, n, &at);
  f->open_quote = (uint8_t)is_opener(last);
  /* a closing or straight double quote after a space that follows a word opens a quotation
   * the writer typed the wrong way round ("menghapus lagu ”") */
  if ((last == '"' || last == 0x201D) && at >= 2 && s[at - 1] == ' ') {
    size_t w;
    f->quote_open = (uint8_t)is_alnum(cp_before(s, at - 1, &w));
  }
  /* (a continuing word alone and capitalized is a button or a label, "Atas", not a sentence
   * left open) */
  int cont = p.last.len && p.last.core + p.last.len == s + n && (p.last.flags & WORD_CONT) &&
             !(f->words == 1 && p.last.title);
  f->open_end = (uint8_t)(f->words && (f->open_quote || f->quote_open || last == ',' || cont));
  uint32_t lead = ns.lead_title;
  int name_like = m && !ns.broken && !f->stop; /* capitalized words, no stopword, no digit */
  f->name_words = name_like && !ns.dash && lead == f->words ? lead : 0;
  f->name = (uint8_t)(name_like && (ns.dash ? ns.after_dash == 1 && name_size(m, lead)
                                            : name_size(m, f->name_words)));
  f->end_title = (uint8_t)(p.last.len && p.last.title);
  f->end_lower = (uint8_t)(p.last.len && p.last.core[0] >= 'a' && p.last.core[0] <= 'z');
  *out = *f;
}

void seg_classify_merge(const seg_classifier *m, seg_line_features *into,
                        const seg_line_features *next) {
  into->name_words = into->name_words && next->name_words ? into->name_words + next->name_words : 0;
  into->end_title = next->end_title;
  into->end_lower = next->end_lower;
  into->joined = 1;
  into->words += next->words;
  into->alpha += next->alpha;
  into->stop += next->stop;
  into->foreign += next->foreign;
  into->title += next->title;
  into->caps += next->caps;
  into->chars += next->chars;
  into->symbols += next->symbols;
  into->parens += next->parens;
  into->terminal = next->terminal;
  into->open_end = next->open_end;
  into->open_quote = next->open_quote;
  into->quote_open |= next->quote_open; /* the joiner closes it (seg_classify_has_quote) */
  into->name = (uint8_t)(m && name_size(m, into->name_words));
}

/* ---------- classes ---------- */

int seg_classify_headline(const seg_classifier *m, const seg_line_features *f) {
  return m && !f->terminal && !f->name && f->words >= m->heading_min &&
         f->words <= m->heading_max && f->alpha &&
         (double)f->title >= m->heading_title * (double)f->alpha;
}

int seg_classify_symbolic(const seg_classifier *m, const seg_line_features *f) {
  return f->chars && (double)f->symbols > m->symbols_max * (double)f->chars;
}

static double clamp1(double x) {
  return x > 1 ? 1 : x;
}

void seg_classify_block(const seg_classifier *m, const seg_line_features *f, seg_verdict *v) {
  v->heading = 0;
  v->score = 0;
  v->tiny = f->words < m->short_keep_min && !f->terminal;
  if (!f->words || seg_classify_symbolic(m, f)) {
    v->cls = SEG_CLASS_BAD;
    v->reason = "symbols";
    return;
  }
  /* a masthead or an agency's letterhead ("PEMERINTAH KABUPATEN SUKAMAJU", "SIARAN PERS"),
   * never a heading either: no sentence, and no text to train on */
  if (m->capitals_min && !f->terminal && f->alpha >= m->capitals_min && f->caps == f->alpha) {
    v->cls = SEG_CLASS_BAD;
    v->reason = "capitals";
    return;
  }
  double words = f->words;
  double stop = (double)f->stop / words;
  double title = f->alpha ? (double)f->title / (double)f->alpha : 0;
  double sym = f->chars ? (double)f->symbols / (double)f->chars : 0;
  v->score = m->w_terminal * f->terminal +
             m->w_stop * clamp1(m->stop_full > 0 ? stop / m->stop_full : 1) +
             m->w_length * clamp1(m->length_full > 0 ? words / m->length_full : 1) -
             (f->terminal ? m->w_title_terminal : m->w_title) * title - m->w_symbols * sym;
  /* kept as a heading: a headline of `min_words` words with letters ("date 2024-03-29
   * Advertisement" is not one; it still takes nothing glued to it) */
  v->heading = seg_classify_headline(m, f) && f->alpha >= m->heading_min;
  if (f->words <= m->short_max_words) {
    v->cls = SEG_CLASS_SHORT;
    v->reason = f->name ? "byline" : "short-debris";
  } else if (f->name) {
    v->cls = SEG_CLASS_BAD;
    v->reason = "byline";
  } else if (f->foreign >= 2 && f->foreign > f->stop) {
    v->cls = SEG_CLASS_BAD;
    v->reason = "foreign";
  } else if (v->score >= m->good) {
    v->cls = SEG_CLASS_GOOD;
    v->reason = NULL;
  } else if (v->score >= m->near || v->heading) {
    v->cls = SEG_CLASS_NEAR;
    v->reason = f->terminal ? "isolated" : "no-terminal";
  } else {
    v->cls = SEG_CLASS_BAD;
    v->reason = stop < m->low_stop ? "low-stopwords" : f->terminal ? "low-score" : "no-terminal";
  }
}

int seg_classify_keep(const seg_verdict *v, seg_class prev, seg_class next) {
  switch (v->cls) {
  case SEG_CLASS_GOOD:
    return 1;
  case SEG_CLASS_NEAR: /* a heading is kept between good blocks, or by the heading rule */
    return v->heading ? prev == SEG_CLASS_GOOD && next == SEG_CLASS_GOOD
                      : prev == SEG_CLASS_GOOD || next == SEG_CLASS_GOOD;
  case SEG_CLASS_SHORT:
    return !v->tiny && prev == SEG_CLASS_GOOD && next == SEG_CLASS_GOOD;
  default:
    return 0;
  }
}
