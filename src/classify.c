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
#include "unorm.h"
#include "ydoc.h"

extern const unsigned char seg_data_id_stopwords[];
extern const size_t seg_data_id_stopwords_len;
extern const unsigned char seg_data_id_classifier[];
extern const size_t seg_data_id_classifier_len;

/* ---------- word sets ---------- */

#define WORD_MAX 24 /* longer tokens are never looked up */

typedef struct {
  seg_hash_keys words; /* hash.h */
  size_t max_len;      /* longer tokens are not looked up */
} word_set;

static void set_insert(word_set *s, const char *w, size_t n) {
  seg_hash_keys_add(&s->words, w, n, NULL);
  if (n > s->max_len) s->max_len = n;
}

static int set_has(const word_set *s, const char *w, size_t n) {
  return n <= s->max_len && seg_hash_keys_find(&s->words, w, n) != SEG_HASH_NONE;
}

static void set_free(word_set *s) {
  seg_hash_keys_free(&s->words);
}

/* ---------- model ---------- */

struct seg_classifier {
  word_set stop, cont, foreign;
  uint32_t short_max_words, name_max_words;
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
                                       SET_D("symbols_max_ratio", symbols_max),
                                       SET_D("stopwords_full", stop_full),
                                       SET_D("length_full", length_full),
                                       SET_D("good", good),
                                       SET_D("near_good", near),
                                       SET_D("low_stopwords", low_stop),
                                       SET_U("name_max_words", name_max_words),
                                       SET_Z("window_blocks", lim.window_blocks),
                                       SET_Z("window_bytes", lim.window_bytes),
                                       SET_U("fragment_max_words", lim.fragment_max_words),
                                       SET_Z("max_fragments", lim.max_fragments),
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
static seg_status read_words(word_set *set, const seg_ynode *list, const char *what,
                             const char *name, seg_error *err) {
  if (seg_ynode_expect(list, SEG_Y_SEQ, what, name, err)) return SEG_ERR_CONFIG;
  char low[WORD_MAX + 1];
  for (size_t i = 0; i < list->len; i++) {
    const seg_ynode *w = list->kids[i];
    if (seg_ynode_expect(w, SEG_Y_SCALAR, what, name, err)) return SEG_ERR_CONFIG;
    if (!w->len || w->len > WORD_MAX || strchr(w->str, ' '))
      return seg_error_set(err, SEG_ERR_CONFIG, name, w->line, w->col,
                           "a word in %s must be 1-%d bytes without spaces", what, WORD_MAX);
    for (size_t k = 0; k < w->len; k++)
      low[k] = (char)(w->str[k] >= 'A' && w->str[k] <= 'Z' ? w->str[k] + 32 : w->str[k]);
    set_insert(set, low, w->len);
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
                                     "short_max_words",
                                     "symbols_max_ratio",
                                     "weights",
                                     "stopwords_full",
                                     "length_full",
                                     "good",
                                     "near_good",
                                     "low_stopwords",
                                     "heading",
                                     "name_max_words",
                                     "window_blocks",
                                     "window_bytes",
                                     "transparent",
                                     "fragment_max_words",
                                     "max_fragments",
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
      read_words(&m->stop, list, "stopwords", name, err))
    goto done;
  if ((list = seg_ynode_get(root, "continuing")) &&
      read_words(&m->cont, list, "continuing", name, err))
    goto done;
  if ((list = seg_ynode_get(root, "foreign")) &&
      read_words(&m->foreign, list, "foreign", name, err))
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
  set_free(&m->stop);
  set_free(&m->cont);
  set_free(&m->foreign);
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

/* Ends like a sentence: . ! ? … : possibly followed by closing quotes and brackets, or by
 * an aside in parentheses after such an end ("... 2022. (Roman Chop/AP)"). */
static int ends_sentence(const char *s, size_t n) {
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
  if (c > 0 && u_islower(c)) return SEG_START_LOWER;
  return SEG_START_OTHER;
}

typedef struct {
  uint32_t lead_title; /* capitalized tokens before a dash (for "Name - Site") */
  uint32_t after_dash; /* tokens after it */
  int dash, broken;    /* saw a dash token; a token that cannot be in a name */
} name_state;

/* One token s[a, b): counted into f; *last_core gets its core for the continuing-word test. */
static void token(const seg_classifier *m, const char *s, size_t a, size_t b, seg_line_features *f,
                  name_state *ns, const char **core, size_t *core_len) {
  size_t len, i = a, e = b;
  while (i < e && !is_alnum(cp_at(s, e, i, &len)))
    i += len;
  while (e > i) {
    size_t at;
    if (is_alnum(cp_before(s, e, &at))) break;
    e = at;
  }
  *core = s + i;
  *core_len = e - i;

  if (i == e) { /* punctuation only: "-", "|", "•" */
    if (ns->dash || b - a > 3)
      ns->broken = 1;
    else
      ns->dash = 1;
    return;
  }
  f->words++;
  int32_t c = cp_at(s, e, i, &len);
  int title = 0;
  if (is_letter(c)) {
    f->alpha++;
    title = c < 0x80 ? (c >= 'A' && c <= 'Z') : u_isupper(c) || u_istitle(c);
    f->title += (uint32_t)title;
  }
  char low[WORD_MAX];
  size_t wl = e - i;
  int stop = 0;
  if (wl <= WORD_MAX) {
    for (size_t k = 0; k < wl; k++) {
      char ch = s[i + k];
      low[k] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
    }
    stop = m && set_has(&m->stop, low, wl);
    /* an all-capitals token is an acronym ("AS", "IT"), not an English word */
    int caps = wl > 1 && s[i] >= 'A' && s[i] <= 'Z' && s[i + 1] >= 'A' && s[i + 1] <= 'Z';
    f->foreign += (uint32_t)(m && !stop && !caps && set_has(&m->foreign, low, wl));
  }
  f->stop += (uint32_t)stop;
  if (ns->dash)
    ns->after_dash++;
  else if (title && !stop)
    ns->lead_title++;
  else
    ns->broken = 1;
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

void seg_classify_features(const seg_classifier *m, const char *s, size_t n, seg_line_features *f) {
  memset(f, 0, sizeof *f);
  if (!n) return;
  name_state ns = {0, 0, 0, 0};
  const char *core = NULL;
  size_t core_len = 0, tok = 0;
  for (size_t i = 0; i < n;) {
    unsigned char b = (unsigned char)s[i];
    size_t len = 1;
    if (b == ' ') {
      if (i > tok) token(m, s, tok, i, f, &ns, &core, &core_len);
      tok = i + 1;
    } else {
      int32_t cp = b < 0x80 ? b : cp_at(s, n, i, &len);
      f->chars++;
      if (is_digit_or_symbol(cp)) f->symbols++;
      if (cp >= '0' && cp <= '9') ns.broken = 1;
      f->parens += (cp == '(') - (cp == ')');
    }
    i += len;
  }
  if (n > tok) token(m, s, tok, n, f, &ns, &core, &core_len);
  f->terminal = (uint8_t)ends_sentence(s, n);
  f->start = start_kind(s, n);
  f->first_word = (uint8_t)first_is_word(s, n);
  size_t at;
  int32_t last = cp_before(s, n, &at);
  f->open_quote = (uint8_t)is_opener(last);
  char low[WORD_MAX];
  int cont = 0;
  if (core && core_len && core_len <= WORD_MAX && core + core_len == s + n) {
    for (size_t k = 0; k < core_len; k++)
      low[k] = (char)(core[k] >= 'A' && core[k] <= 'Z' ? core[k] + 32 : core[k]);
    cont = m && set_has(&m->cont, low, core_len);
  }
  f->open_end = (uint8_t)(f->words && (f->open_quote || last == ',' || cont));
  uint32_t lead = ns.lead_title;
  f->name = (uint8_t)(m && !ns.broken && !f->stop && lead >= 2 && lead <= m->name_max_words &&
                      (ns.dash ? ns.after_dash == 1 : lead == f->words));
}

void seg_classify_merge(seg_line_features *into, const seg_line_features *next) {
  into->words += next->words;
  into->alpha += next->alpha;
  into->stop += next->stop;
  into->foreign += next->foreign;
  into->title += next->title;
  into->chars += next->chars;
  into->symbols += next->symbols;
  into->parens += next->parens;
  into->terminal = next->terminal;
  into->open_end = next->open_end;
  into->open_quote = next->open_quote;
  into->name = 0;
}

/* ---------- classes ---------- */

int seg_classify_headline(const seg_classifier *m, const seg_line_features *f) {
  return m && !f->terminal && !f->name && f->words >= m->heading_min &&
         f->words <= m->heading_max && f->alpha &&
         (double)f->title >= m->heading_title * (double)f->alpha;
}

static double clamp1(double x) {
  return x > 1 ? 1 : x;
}

void seg_classify_block(const seg_classifier *m, const seg_line_features *f, seg_verdict *v) {
  v->heading = 0;
  v->score = 0;
  if (!f->words || (f->chars && (double)f->symbols > m->symbols_max * (double)f->chars)) {
    v->cls = SEG_CLASS_BAD;
    v->reason = "symbols";
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
  v->heading = seg_classify_headline(m, f);
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
    return prev == SEG_CLASS_GOOD && next == SEG_CLASS_GOOD;
  default:
    return 0;
  }
}
