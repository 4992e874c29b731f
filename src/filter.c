/* filter: see filter.h. This file holds the configuration (a table of keys -> fields of
 * seg_filter_config, so the YAML schema, its checks and the defaults cannot drift apart), the
 * sentence rules and the pair rules. Number words, months and stopwords are data
 * (glossary/<lang>/numbers.yaml, stopwords.yaml); thresholds are data (glossary/filters.yaml).
 * Memory: a handle's scratch grows with the longest row it has seen, nothing else. */
#include "filter.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "hash.h"
#include "langid.h"
#include "mojibake.h"
#include "splitter.h"
#include "ydoc.h"

extern const unsigned char seg_data_filters[];
extern const size_t seg_data_filters_len;
extern const unsigned char seg_data_id_numbers[];
extern const size_t seg_data_id_numbers_len;
extern const unsigned char seg_data_en_numbers[];
extern const size_t seg_data_en_numbers_len;
extern const unsigned char seg_data_id_en_cognates[];
extern const size_t seg_data_id_en_cognates_len;

static const char *const rule_names[SEG_RULE_COUNT + 1] = {
    "empty",  "mojibake",      "too-long",        "symbols", "url-only",     "placeholder",
    "repeated", "wrong-language", "copy", "case-mismatch", "url-mismatch", "number-mismatch",
    "partial", "length-ratio",  "misaligned",      "duplicate", NULL};

const char *seg_filter_rule_name(seg_filter_rule r) {
  return r < SEG_RULE_COUNT ? rule_names[r] : "unknown";
}

/* ---------- configuration ---------- */

typedef enum { P_SIZE, P_DOUBLE, P_BOOL, P_PATH, P_MODE, P_LANG } ptype;

typedef struct {
  seg_filter_rule rule; /* SEG_RULE_COUNT: the `languages` section */
  const char *key;
  ptype type;
  size_t off;
} param_desc;

#define F(field) offsetof(seg_filter_config, field)
static const param_desc params[] = {
    {SEG_RULE_COUNT, "source", P_LANG, F(source_lang)},
    {SEG_RULE_COUNT, "target", P_LANG, F(target_lang)},
    {SEG_RULE_TOO_LONG, "max-chars", P_SIZE, F(max_chars)},
    {SEG_RULE_TOO_LONG, "max-words", P_SIZE, F(max_words)},
    {SEG_RULE_SYMBOLS, "min-letter-share", P_DOUBLE, F(min_letter_share)},
    {SEG_RULE_REPEATED, "max-run", P_SIZE, F(max_run)},
    {SEG_RULE_REPEATED, "min-tokens", P_SIZE, F(repeat_min_tokens)},
    {SEG_RULE_REPEATED, "max-token-share", P_DOUBLE, F(max_token_share)},
    {SEG_RULE_REPEATED, "max-ngram-share", P_DOUBLE, F(max_ngram_share)},
    {SEG_RULE_WRONG_LANGUAGE, "min-confidence", P_DOUBLE, F(min_confidence)},
    {SEG_RULE_WRONG_LANGUAGE, "min-letters", P_SIZE, F(lang_min_letters)},
    {SEG_RULE_WRONG_LANGUAGE, "stopword-min-hits", P_SIZE, F(lang_min_hits)},
    {SEG_RULE_WRONG_LANGUAGE, "stopword-ratio", P_DOUBLE, F(lang_ratio)},
    {SEG_RULE_WRONG_LANGUAGE, "fingerprints", P_PATH, F(fingerprints)},
    {SEG_RULE_COPY, "max-overlap", P_DOUBLE, F(max_copy_overlap)},
    {SEG_RULE_CASE_MISMATCH, "min-letters", P_SIZE, F(case_min_letters)},
    {SEG_RULE_LENGTH_RATIO, "max-char-ratio", P_DOUBLE, F(max_char_ratio)},
    {SEG_RULE_LENGTH_RATIO, "max-word-ratio", P_DOUBLE, F(max_word_ratio)},
    {SEG_RULE_LENGTH_RATIO, "slack-chars", P_SIZE, F(ratio_slack_chars)},
    {SEG_RULE_LENGTH_RATIO, "slack-words", P_SIZE, F(ratio_slack_words)},
    {SEG_RULE_NUMBER_MISMATCH, "ignore-unmatched-one", P_BOOL, F(ignore_unmatched_one)},
    {SEG_RULE_PARTIAL, "min-extra-sentences", P_SIZE, F(partial_min_extra)},
    {SEG_RULE_PARTIAL, "min-ratio", P_DOUBLE, F(partial_min_ratio)},
    {SEG_RULE_MISALIGNED, "min-support", P_DOUBLE, F(min_support)},
    {SEG_RULE_MISALIGNED, "min-tokens", P_SIZE, F(misaligned_min_tokens)},
    {SEG_RULE_DUPLICATE, "mode", P_MODE, F(dedup_mode)},
    {SEG_RULE_DUPLICATE, "max-entries", P_SIZE, F(dedup_max_entries)},
};
#undef F
#define NPARAMS (sizeof params / sizeof params[0])

static seg_status bad_value(const seg_ynode *n, const char *name, const char *key,
                            const char *what, seg_error *err) {
  return seg_error_set(err, SEG_ERR_CONFIG, name, n->line, n->col, "'%s' must be %s", key, what);
}

/* Parses scalar `v` of type `type` for key `key` into *dst. */
static seg_status set_value(ptype type, const char *key, void *dst, const seg_ynode *v,
                            const char *name, seg_error *err) {
  char *base = dst;
  param_desc pd = {SEG_RULE_COUNT, key, type, 0}, *p = &pd;
  if (v->kind != SEG_Y_SCALAR) return bad_value(v, name, p->key, "a scalar", err);
  char *end = NULL;
  switch (p->type) {
  case P_SIZE: {
    unsigned long long x = v->plain && v->len && v->str[0] != '-' ? strtoull(v->str, &end, 10) : 0;
    if (!end || *end) return bad_value(v, name, p->key, "a non-negative integer", err);
    *(size_t *)base = (size_t)x;
    return SEG_OK;
  }
  case P_DOUBLE: {
    double x = v->plain && v->len ? strtod(v->str, &end) : 0;
    if (!end || *end || !(x >= 0) || isinf(x))
      return bad_value(v, name, p->key, "a non-negative number", err);
    *(double *)base = x;
    return SEG_OK;
  }
  case P_BOOL:
    return seg_ynode_bool(v, (int *)base, p->key, name, err) ? SEG_ERR_CONFIG : SEG_OK;
  case P_PATH: {
    char **s = (char **)base;
    free(*s);
    *s = v->len ? seg_xstrndup(v->str, v->len) : NULL;
    return SEG_OK;
  }
  case P_MODE: {
    int m = seg_dedup_mode_parse(v->str);
    if (m < 0) return bad_value(v, name, p->key, "fold, letters_only or exact", err);
    *(seg_dedup_mode *)base = (seg_dedup_mode)m;
    return SEG_OK;
  }
  case P_LANG:
    if (strcmp(v->str, "id") && strcmp(v->str, "en"))
      return bad_value(v, name, p->key, "id or en", err);
    strcpy(base, v->str);
    return SEG_OK;
  }
  return SEG_OK;
}

static seg_status set_param(seg_filter_config *cfg, const param_desc *p, const seg_ynode *v,
                            const char *name, seg_error *err) {
  return set_value(p->type, p->key, (char *)cfg + p->off, v, name, err);
}

/* A mapping of parameters for `rule` (SEG_RULE_COUNT: languages), plus `enabled` for rules. */
static seg_status set_params(seg_filter_config *cfg, seg_filter_rule rule, const seg_ynode *map,
                             const char *name, seg_error *err) {
  const char *keys[16];
  size_t nk = 0;
  if (rule != SEG_RULE_COUNT) keys[nk++] = "enabled";
  for (size_t i = 0; i < NPARAMS; i++)
    if (params[i].rule == rule) keys[nk++] = params[i].key;
  keys[nk] = NULL;
  if (seg_ynode_keys_allowed(map, keys, name, err)) return SEG_ERR_CONFIG;
  for (size_t k = 0; k < map->len; k++) {
    const seg_ynode *key = map->kids[2 * k], *val = map->kids[2 * k + 1];
    if (!strcmp(key->str, "enabled")) {
      int on;
      if (seg_ynode_bool(val, &on, "enabled", name, err)) return SEG_ERR_CONFIG;
      cfg->on[rule] = (unsigned char)on;
      continue;
    }
    for (size_t i = 0; i < NPARAMS; i++)
      if (params[i].rule == rule && !strcmp(params[i].key, key->str) &&
          set_param(cfg, &params[i], val, name, err))
        return SEG_ERR_CONFIG;
  }
  return SEG_OK;
}

static seg_status set_rules(seg_filter_config *cfg, const seg_ynode *rules, const char *name,
                            seg_error *err) {
  if (seg_ynode_expect(rules, SEG_Y_MAP, "rules", name, err) ||
      seg_ynode_keys_allowed(rules, rule_names, name, err))
    return SEG_ERR_CONFIG;
  for (size_t k = 0; k < rules->len; k++) {
    const seg_ynode *key = rules->kids[2 * k], *val = rules->kids[2 * k + 1];
    seg_filter_rule r = 0;
    while (strcmp(rule_names[r], key->str)) r++;
    if (val->kind == SEG_Y_MAP) {
      cfg->on[r] = 1; /* a mapping of parameters turns the rule on unless enabled: false */
      if (set_params(cfg, r, val, name, err)) return SEG_ERR_CONFIG;
    } else {
      int on;
      if (seg_ynode_bool(val, &on, key->str, name, err)) return SEG_ERR_CONFIG;
      cfg->on[r] = (unsigned char)on;
    }
  }
  return SEG_OK;
}

static seg_status config_tree(void *obj, seg_ynode *root, const char *name, seg_error *err) {
  seg_filter_config *cfg = obj;
  static const char *const keys[] = {"languages", "rules", NULL};
  seg_status rc = SEG_ERR_CONFIG;
  if (seg_ynode_expect(root, SEG_Y_MAP, "a filter configuration", name, err) ||
      seg_ynode_keys_allowed(root, keys, name, err))
    goto done;
  const seg_ynode *langs = seg_ynode_get(root, "languages");
  if (langs && (seg_ynode_expect(langs, SEG_Y_MAP, "languages", name, err) ||
                set_params(cfg, SEG_RULE_COUNT, langs, name, err)))
    goto done;
  const seg_ynode *rules = seg_ynode_get(root, "rules");
  if (rules && set_rules(cfg, rules, name, err)) goto done;
  rc = SEG_OK;
done:
  seg_ynode_free(root);
  return rc;
}

seg_status seg_filter_config_add_yaml(seg_filter_config *cfg, const char *yaml, size_t len,
                                      const char *name, seg_error *err) {
  return seg_ydoc_parse_into(yaml, len, name, config_tree, cfg, err);
}

seg_status seg_filter_config_add_file(seg_filter_config *cfg, const char *path, seg_error *err) {
  return seg_ydoc_load_into(path, config_tree, cfg, err);
}

seg_filter_config *seg_filter_config_default(seg_error *err) {
  seg_filter_config *cfg = seg_xcalloc(1, sizeof *cfg);
  strcpy(cfg->source_lang, "id");
  strcpy(cfg->target_lang, "en");
  if (seg_filter_config_add_yaml(cfg, (const char *)seg_data_filters, seg_data_filters_len,
                                 "<embedded>/filters.yaml", err)) {
    seg_filter_config_free(cfg);
    return NULL;
  }
  return cfg;
}

void seg_filter_config_free(seg_filter_config *cfg) {
  if (!cfg) return;
  free(cfg->fingerprints);
  free(cfg);
}

/* ---------- number words (glossary/<lang>/numbers.yaml) ---------- */

enum { NW_NUMBER = 1, NW_MULT, NW_ADD, NW_ORDINAL, NW_MONTH, NW_PREFIX };

typedef struct {
  unsigned char kind;
  double value;
} numword;

typedef struct {
  seg_hash_keys words; /* lower-case words; words[i]'s entry is v[i] */
  numword *v;
  size_t cap;
  size_t prefix_max; /* no ordinal prefix is longer */
  int redup;         /* a "2" glued to a word marks reduplication */
} numlex;

/* Number words are ASCII words under 64 bytes, looked up in lower case: their lower-case form
 * in low[], or 0 when the word is too long to be one. */
#define NUMWORD_MAX 64
static int numword_lower(const char *w, size_t n, char low[NUMWORD_MAX]) {
  if (n >= NUMWORD_MAX) return 0;
  for (size_t i = 0; i < n; i++) low[i] = (char)((w[i] >= 'A' && w[i] <= 'Z') ? w[i] + 32 : w[i]);
  return 1;
}

/* A later entry for the same word replaces the earlier one. */
static void numlex_add(numlex *x, const char *w, size_t n, unsigned char kind, double value) {
  char low[NUMWORD_MAX];
  if (!numword_lower(w, n, low)) return;
  uint32_t i = seg_hash_keys_add(&x->words, low, n, NULL);
  SEG_GROW(x->v, x->cap, (size_t)i + 1);
  x->v[i] = (numword){kind, value};
  if (kind == NW_PREFIX && n > x->prefix_max) x->prefix_max = n;
}

static const numword *numlex_find(const numlex *lex, const char *t, size_t n) {
  char low[NUMWORD_MAX];
  if (!numword_lower(t, n, low)) return NULL;
  uint32_t i = seg_hash_keys_find(&lex->words, low, n);
  return i == SEG_HASH_NONE ? NULL : &lex->v[i];
}

static seg_status numlex_map(numlex *x, const seg_ynode *map, unsigned char kind,
                             const char *what, const char *name, seg_error *err) {
  if (seg_ynode_expect(map, SEG_Y_MAP, what, name, err)) return SEG_ERR_CONFIG;
  for (size_t k = 0; k < map->len; k++) {
    const seg_ynode *key = map->kids[2 * k], *val = map->kids[2 * k + 1];
    char *end = NULL;
    double v = val->kind == SEG_Y_SCALAR ? strtod(val->str, &end) : 0;
    if (!end || *end || !(v >= 0))
      return bad_value(val, name, key->str, "a non-negative number", err);
    numlex_add(x, key->str, key->len, kind, v);
  }
  return SEG_OK;
}

static seg_status numlex_list(numlex *x, const seg_ynode *seq, unsigned char kind, int nested,
                              const char *name, seg_error *err) {
  if (seg_ynode_expect(seq, SEG_Y_SEQ, nested ? "months" : "ordinal_prefixes", name, err))
    return SEG_ERR_CONFIG;
  for (size_t i = 0; i < seq->len; i++) {
    const seg_ynode *e = seq->kids[i];
    if (!nested) {
      if (seg_ynode_expect(e, SEG_Y_SCALAR, "a prefix", name, err)) return SEG_ERR_CONFIG;
      numlex_add(x, e->str, e->len, kind, 0);
      continue;
    }
    if (seg_ynode_expect(e, SEG_Y_SEQ, "a month (a list of its names)", name, err))
      return SEG_ERR_CONFIG;
    for (size_t j = 0; j < e->len; j++) {
      if (seg_ynode_expect(e->kids[j], SEG_Y_SCALAR, "a month name", name, err))
        return SEG_ERR_CONFIG;
      numlex_add(x, e->kids[j]->str, e->kids[j]->len, kind, (double)(i + 1));
    }
  }
  return SEG_OK;
}

static seg_status numlex_tree(void *obj, seg_ynode *root, const char *name, seg_error *err) {
  numlex *x = obj;
  static const char *const keys[] = {"numbers", "multipliers", "adders", "ordinals",
                                     "ordinal_prefixes", "months", "reduplication", NULL};
  static const struct {
    const char *key;
    unsigned char kind;
  } maps[] = {{"numbers", NW_NUMBER}, {"multipliers", NW_MULT}, {"adders", NW_ADD},
              {"ordinals", NW_ORDINAL}};
  seg_status rc = SEG_ERR_CONFIG;
  if (seg_ynode_expect(root, SEG_Y_MAP, "a number-word list", name, err) ||
      seg_ynode_keys_allowed(root, keys, name, err))
    goto done;
  for (size_t i = 0; i < sizeof maps / sizeof maps[0]; i++) {
    const seg_ynode *m = seg_ynode_get(root, maps[i].key);
    if (m && numlex_map(x, m, maps[i].kind, maps[i].key, name, err)) goto done;
  }
  const seg_ynode *p = seg_ynode_get(root, "ordinal_prefixes");
  if (p && numlex_list(x, p, NW_PREFIX, 0, name, err)) goto done;
  const seg_ynode *mo = seg_ynode_get(root, "months");
  if (mo && numlex_list(x, mo, NW_MONTH, 1, name, err)) goto done;
  const seg_ynode *rd = seg_ynode_get(root, "reduplication");
  if (rd && seg_ynode_bool(rd, &x->redup, "reduplication", name, err)) goto done;
  rc = SEG_OK;
done:
  seg_ynode_free(root);
  return rc;
}

static seg_status numlex_load(numlex *x, const char *lang, seg_error *err) {
  int en = !strcmp(lang, "en");
  const char *yaml = (const char *)(en ? seg_data_en_numbers : seg_data_id_numbers);
  size_t len = en ? seg_data_en_numbers_len : seg_data_id_numbers_len;
  const char *name = en ? "<embedded>/en/numbers.yaml" : "<embedded>/id/numbers.yaml";
  return seg_ydoc_parse_into(yaml, len, name, numlex_tree, x, err);
}

/* ---------- cognates (glossary/id-en/cognates.yaml) ---------- */

typedef struct {
  char from[8], to[8];
  size_t flen, tlen;
} rewrite;

typedef struct {
  rewrite *r[2]; /* [0] Indonesian, [1] English; sorted by first letter */
  size_t n[2];
  size_t first[2][256]; /* index of the first rule starting with a byte (n when none) */
  size_t min_prefix;
  double min_share;
} cognates;

static int cmp_rewrite(const void *a, const void *b) {
  return (unsigned char)((const rewrite *)a)->from[0] - (unsigned char)((const rewrite *)b)->from[0];
}

static void index_rewrites(cognates *cg, int side) {
  if (cg->n[side]) qsort(cg->r[side], cg->n[side], sizeof(rewrite), cmp_rewrite);
  for (int c = 0; c < 256; c++) cg->first[side][c] = cg->n[side];
  for (size_t k = cg->n[side]; k-- > 0;) cg->first[side][(unsigned char)cg->r[side][k].from[0]] = k;
}

static seg_status cognate_rules(cognates *cg, int side, const seg_ynode *seq, const char *name,
                                seg_error *err) {
  if (seg_ynode_expect(seq, SEG_Y_SEQ, "a list of rewrites", name, err)) return SEG_ERR_CONFIG;
  cg->r[side] = seg_xcalloc(seq->len + 1, sizeof(rewrite));
  for (size_t i = 0; i < seq->len; i++) {
    const seg_ynode *e = seq->kids[i];
    if (e->kind != SEG_Y_SEQ || e->len != 2 || e->kids[0]->kind != SEG_Y_SCALAR ||
        e->kids[1]->kind != SEG_Y_SCALAR || !e->kids[0]->len || e->kids[0]->len >= 8 ||
        e->kids[1]->len >= 8)
      return seg_error_set(err, SEG_ERR_CONFIG, name, e->line, e->col,
                           "a rewrite must be [from, to], each under 8 letters");
    rewrite *r = &cg->r[side][cg->n[side]++];
    memcpy(r->from, e->kids[0]->str, e->kids[0]->len);
    memcpy(r->to, e->kids[1]->str, e->kids[1]->len);
    r->flen = e->kids[0]->len;
    r->tlen = e->kids[1]->len;
  }
  return SEG_OK;
}

static seg_status cognates_tree(void *obj, seg_ynode *root, const char *name, seg_error *err) {
  cognates *cg = obj;
  static const char *const keys[] = {"min_prefix", "min_share", "id", "en", NULL};
  seg_status rc = SEG_ERR_CONFIG;
  if (seg_ynode_expect(root, SEG_Y_MAP, "a cognate list", name, err) ||
      seg_ynode_keys_allowed(root, keys, name, err))
    goto done;
  const seg_ynode *v;
  if ((v = seg_ynode_get(root, "min_prefix")) &&
      set_value(P_SIZE, "min_prefix", &cg->min_prefix, v, name, err))
    goto done;
  if ((v = seg_ynode_get(root, "min_share")) &&
      set_value(P_DOUBLE, "min_share", &cg->min_share, v, name, err))
    goto done;
  for (int side = 0; side < 2; side++) {
    if ((v = seg_ynode_get(root, side ? "en" : "id")) && cognate_rules(cg, side, v, name, err))
      goto done;
    index_rewrites(cg, side);
  }
  rc = SEG_OK;
done:
  seg_ynode_free(root);
  return rc;
}

/* Rewrites a lower-case word: at each position the longest matching `from` (only the rules
 * whose `from` starts with the letter at hand are tried). */
static void rewrite_word(const cognates *cg, int side, const char *w, size_t n, seg_buf *out) {
  for (size_t i = 0; i < n;) {
    const rewrite *best = NULL;
    unsigned char c = (unsigned char)w[i];
    for (size_t k = cg->first[side][c]; k < cg->n[side] && (unsigned char)cg->r[side][k].from[0] == c; k++) {
      const rewrite *r = &cg->r[side][k];
      size_t m = 1;
      while (m < r->flen && i + m < n && r->from[m] == w[i + m]) m++;
      if (m == r->flen && (!best || r->flen > best->flen)) best = r;
    }
    if (best) {
      seg_buf_append(out, best->to, best->tlen);
      i += best->flen;
    } else seg_buf_putc(out, w[i++]);
  }
}

/* ---------- the handle ---------- */

typedef struct {
  uint64_t *v;
  size_t n, cap;
} u64vec;

static void u64_push(u64vec *x, uint64_t h) {
  SEG_GROW(x->v, x->cap, x->n + 1);
  x->v[x->n++] = h;
}

typedef struct {
  size_t chars, nonspace, letters, words, upper, lower;
  size_t inner_upper; /* capitals after the first letter (names, acronyms) */
  size_t latin;       /* letters of the Latin script */
  int starts_lower;   /* the first letter or digit is a small letter */
} text_counts;

struct seg_filters {
  seg_filter_config cfg;
  const seg_dict *dict;
  seg_langid *lid;
  numlex num[2]; /* [0] Indonesian, [1] English */
  seg_abbrevs *abbr[2];
  seg_splitter *split[2];
  cognates cog;
  struct token_list { struct token { size_t off, len; uint64_t h; int url; } *v; size_t n, cap;
                      int ready; } tl[2];
  text_counts counts[2]; /* of each side of the current row */
  seg_buf scratch, forms[2];
  u64vec toks, tok_count, hard[2], soft[2], urls[2];
  seg_hash_table tok_first; /* repeated: each token's first position in toks, by its hash */
  seg_hash_set ngrams;      /* repeated: the 4-grams seen */
  seg_hash_set distinct[2]; /* copy: the distinct tokens of each side */
  struct form { size_t off, len; uint64_t raw; const char *p; } *fv[2];
  size_t nf[2], fcap[2];
};

static int lang_index(const char *lang) { return lang && !strcmp(lang, "en"); }

seg_filters *seg_filters_new(const seg_filter_config *cfg, const seg_dict *dict, seg_error *err) {
  seg_filters *f = seg_xcalloc(1, sizeof *f);
  f->cfg = *cfg;
  f->cfg.fingerprints = NULL; /* used below, never kept */
  f->dict = dict;
  static const char *const langs[2] = {"id", "en"};
  for (int i = 0; i < 2; i++) {
    if (numlex_load(&f->num[i], langs[i], err)) goto fail;
    if (!(f->abbr[i] = seg_abbrevs_default(langs[i], err))) goto fail;
    seg_splitter_opts so = {langs[i], 0, 0, 0};
    if (!(f->split[i] = seg_splitter_new(f->abbr[i], &so, err))) goto fail;
  }
  f->cog.min_prefix = 5;
  f->cog.min_share = 0.7;
  if (seg_ydoc_parse_into((const char *)seg_data_id_en_cognates, seg_data_id_en_cognates_len,
                          "<embedded>/id-en/cognates.yaml", cognates_tree, &f->cog, err))
    goto fail;
  if (cfg->on[SEG_RULE_WRONG_LANGUAGE]) {
    seg_langid_opts lo = seg_langid_opts_default();
    lo.fingerprints = cfg->fingerprints;
    lo.min_hits = (unsigned)cfg->lang_min_hits;
    lo.ratio = cfg->lang_ratio;
    lo.min_letters = cfg->lang_min_letters;
    if (!(f->lid = seg_langid_new(&lo, err))) goto fail;
  }
  return f;
fail:
  seg_filters_free(f);
  return NULL;
}

void seg_filters_free(seg_filters *f) {
  if (!f) return;
  seg_langid_free(f->lid);
  for (int i = 0; i < 2; i++) {
    seg_hash_keys_free(&f->num[i].words);
    free(f->num[i].v);
    seg_splitter_free(f->split[i]);
    seg_abbrevs_free(f->abbr[i]);
    free(f->hard[i].v);
    free(f->soft[i].v);
    free(f->urls[i].v);
    free(f->cog.r[i]);
    free(f->fv[i]);
    free(f->tl[i].v);
    seg_buf_free(&f->forms[i]);
  }
  seg_buf_free(&f->scratch);
  free(f->toks.v);
  free(f->tok_count.v);
  seg_hash_table_free(&f->tok_first);
  seg_hash_set_free(&f->ngrams);
  seg_hash_set_free(&f->distinct[0]);
  seg_hash_set_free(&f->distinct[1]);
  free(f);
}

struct seg_langid *seg_filters_langid(seg_filters *f) { return f->lid; }

const char *seg_filters_repair(seg_filters *f, const char *text, size_t len, seg_buf *out,
                               int *repaired) {
  *repaired = 0;
  if (!f->cfg.on[SEG_RULE_MOJIBAKE]) return NULL;
  seg_mojibake_result r = seg_mojibake_repair(text, len, out);
  if (r == SEG_MOJIBAKE_UNREPAIRABLE) return rule_names[SEG_RULE_MOJIBAKE];
  *repaired = r == SEG_MOJIBAKE_REPAIRED;
  return NULL;
}

/* ---------- text helpers ---------- */


static int lower_ascii(unsigned char c) { return c >= 'a' && c <= 'z'; }
static int digit_ascii(unsigned char c) { return c >= '0' && c <= '9'; }
static int letter_ascii(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

static int is_space_cp(UChar32 c) {
  return c < 0x80 ? (c == ' ' || c == '\t') : u_isUWhiteSpace(c);
}

static int alnum_cp(UChar32 c) {
  if (c < 0x80) return digit_ascii((unsigned char)c) || letter_ascii((unsigned char)c);
  return c > 0 && u_isalnum(c);
}

static text_counts count_text(const char *text, size_t len) {
  text_counts tc = {0, 0, 0, 0, 0, 0, 0, 0, -1};
  const uint8_t *s = (const uint8_t *)text;
  int in_word = 0;
  for (size_t i = 0; i < len;) {
    UChar32 c;
    if (s[i] < 0x80) c = s[i++];
    else U8_NEXT(s, i, len, c);
    tc.chars++;
    if (c >= 0 && is_space_cp(c)) {
      in_word = 0;
      continue;
    }
    tc.nonspace++;
    if (!in_word) tc.words++;
    in_word = 1;
    if (tc.starts_lower < 0 && alnum_cp(c)) tc.starts_lower = u_islower(c) != 0;
    if (c < 0x80) {
      if (c >= 'a' && c <= 'z') tc.letters++, tc.lower++, tc.latin++;
      else if (c >= 'A' && c <= 'Z')
        tc.inner_upper += tc.letters > 0, tc.letters++, tc.upper++, tc.latin++;
    } else if (c > 0 && u_isalpha(c)) {
      UErrorCode st = U_ZERO_ERROR;
      tc.latin += (size_t)(uscript_getScript(c, &st) == USCRIPT_LATIN);
      int up = u_isupper(c) != 0;
      tc.inner_upper += (size_t)(up && tc.letters > 0);
      tc.letters++;
      tc.upper += (size_t)up;
      tc.lower += (size_t)(u_islower(c) != 0);
    }
  }
  return tc;
}


/* Calls fn for each whitespace-separated token with leading and trailing non-alphanumeric
 * characters removed (tokens with no letter or digit are skipped). */
typedef void (*token_fn)(void *ctx, const char *tok, size_t n);

static void for_tokens(const char *text, size_t len, token_fn fn, void *ctx) {
  const uint8_t *s = (const uint8_t *)text;
  for (size_t i = 0; i < len;) {
    while (i < len && (s[i] == ' ' || s[i] == '\t')) i++;
    size_t a = i;
    while (i < len && s[i] != ' ' && s[i] != '\t') i++;
    size_t b = i, first = b, last = a;
    for (size_t k = a; k < b;) { /* first and last alphanumeric code points */
      size_t at = k;
      UChar32 c;
      if (s[k] < 0x80) c = s[k++];
      else U8_NEXT(s, k, b, c);
      if (alnum_cp(c)) {
        if (first == b) first = at;
        last = k;
      }
    }
    if (first < last) fn(ctx, text + first, last - first);
  }
}

static uint64_t fold_hash(const char *t, size_t n) {
  uint64_t h = 0xCBF29CE484222325ull;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)t[i];
    if (c >= 'A' && c <= 'Z') c += 32;
    h = (h ^ c) * 0x100000001B3ull;
  }
  return h ? h : 1;
}

typedef struct {
  struct token_list *tl;
  const char *base;
} token_ctx;

static int urlish(const char *t, size_t n);

static void push_token(void *ctx, const char *tok, size_t n) {
  token_ctx *c = ctx;
  struct token_list *tl = c->tl;
  SEG_GROW(tl->v, tl->cap, tl->n + 1);
  int maybe_url = memchr(tok, '.', n) || memchr(tok, '@', n);
  tl->v[tl->n++] = (struct token){(size_t)(tok - c->base), n, fold_hash(tok, n),
                                  maybe_url && urlish(tok, n)};
}

/* The tokens of one side, computed once per row and shared by the rules. */
static struct token_list *side_tokens(seg_filters *f, int side, const char *text, size_t len) {
  struct token_list *tl = &f->tl[side];
  if (!tl->ready) {
    tl->n = 0;
    token_ctx c = {tl, text};
    for_tokens(text, len, push_token, &c);
    tl->ready = 1;
  }
  return tl;
}

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

/* Rows hold a few dozen numbers or words: insertion sort below 32, qsort above. */
static void sort_u64(uint64_t *v, size_t n) {
  if (n > 32) {
    qsort(v, n, sizeof *v, cmp_u64);
    return;
  }
  for (size_t i = 1; i < n; i++) {
    uint64_t x = v[i];
    size_t j = i;
    while (j && v[j - 1] > x) v[j] = v[j - 1], j--;
    v[j] = x;
  }
}

/* ---------- sentence rules ---------- */


/* A URL, e-mail address or bare lower-case domain ("contoh.co.id/x"): the token as given, with
 * trailing punctuation already stripped by for_tokens. */
static int contains(const char *t, size_t n, const char *needle) {
  size_t m = strlen(needle);
  for (size_t i = 0; i + m <= n; i++)
    if (!memcmp(t + i, needle, m)) return 1;
  return 0;
}

static int urlish(const char *t, size_t n) {
  if (n >= 4 && (contains(t, n, "://") || !strncmp(t, "www.", 4) || !strncmp(t, "WWW.", 4)))
    return 1;
  const char *at = memchr(t, '@', n);
  if (at && at > t && memchr(at, '.', n - (size_t)(at - t))) return 1;
  /* domain: labels of [a-z0-9-] separated by dots, the last 2-6 letters, then optionally a
   * path */
  size_t end = n;
  const char *slash = memchr(t, '/', n);
  if (slash) end = (size_t)(slash - t);
  size_t labels = 0, lab_len = 0, lab_letters = 0;
  for (size_t i = 0; i <= end; i++) {
    if (i == end || t[i] == '.') {
      if (!lab_len) return 0;
      labels++;
      if (i == end) return labels >= 2 && lab_len == lab_letters && lab_len >= 2 && lab_len <= 6;
      lab_len = lab_letters = 0;
      continue;
    }
    unsigned char c = (unsigned char)t[i];
    if (lower_ascii(c)) lab_letters++;
    else if (!digit_ascii(c) && c != '-') return 0;
    lab_len++;
  }
  return 0;
}

/* Is the token at text[off] (its core: for_tokens strips punctuation) a hashtag or a handle,
 * "#APBNKita", "@dispar_kota": a '#' or '@' right before it, at the start of its word? */
static int tag_token(const char *text, size_t off) {
  return off && (text[off - 1] == '#' || text[off - 1] == '@') &&
         (off == 1 || text[off - 2] == ' ' || text[off - 2] == '\t');
}

/* At least one URL (or hashtag or handle: what an embedded post leaves) and, besides, nothing
 * but numbers. */
static int url_only(const struct token_list *tl, const char *text) {
  size_t urls = 0;
  for (size_t k = 0; k < tl->n; k++) {
    if (tl->v[k].url || tag_token(text, tl->v[k].off)) {
      urls++;
      continue;
    }
    for (size_t i = 0; i < tl->v[k].len; i++)
      if (!digit_ascii((unsigned char)text[tl->v[k].off + i])) return 0;
  }
  return urls > 0;
}

/* printf-style conversion at s[i] == '%': "%s", "%d", "%1$s", "%-5.2f", "%@" ... followed by a
 * non-letter. No space flag: "5% saham" is a percentage. */
static int printf_spec(const char *s, size_t len, size_t i) {
  size_t k = i + 1;
  while (k < len && digit_ascii((unsigned char)s[k])) k++;
  if (k > i + 1 && k < len && s[k] == '$') k++;
  else k = i + 1;
  while (k < len && strchr("-+#0", s[k]) && s[k]) k++;
  while (k < len && digit_ascii((unsigned char)s[k])) k++;
  if (k < len && s[k] == '.') {
    k++;
    while (k < len && digit_ascii((unsigned char)s[k])) k++;
  }
  while (k < len && s[k] && strchr("hlLqjzt", s[k])) k++;
  if (k >= len || !s[k] || !strchr("sdiufFeEgGxXocp@", s[k])) return 0;
  k++;
  return k >= len || !letter_ascii((unsigned char)s[k]);
}

/* "{name}", "{0}", "{{x}}", "${x}", "%s"; "$1" when it cannot be money: followed by a letter, a
 * quote or the end, or when two different $N appear ("$1 moved to $2"). */
static int has_placeholder(const char *s, size_t len) {
  int dollar_seen = -1;
  for (size_t i = 0; i < len; i++) {
    char c = s[i];
    if (c == '{') {
      size_t k = i + 1;
      if (k < len && s[k] == '{') return 1;
      while (k < len && (alnum_cp((unsigned char)s[k]) || strchr("_.:-", s[k])) && s[k]) k++;
      if (k > i + 1 && k < len && s[k] == '}') return 1;
    } else if (c == '%') {
      if (printf_spec(s, len, i)) return 1;
    } else if (c == '$' && i + 1 < len) {
      if (s[i + 1] == '{') return 1;
      int prev_alnum = i > 0 && alnum_cp((unsigned char)s[i - 1]);
      if (prev_alnum || !digit_ascii((unsigned char)s[i + 1])) continue;
      size_t k = i + 2;
      if (k < len && (digit_ascii((unsigned char)s[k]) ||
                      ((s[k] == '.' || s[k] == ',') && k + 1 < len &&
                       digit_ascii((unsigned char)s[k + 1]))))
        continue; /* $12, $1.5, $1,000: money */
      if (k >= len || strchr("\"'}", s[k]) || letter_ascii((unsigned char)s[k]))
        return 1;
      if (dollar_seen >= 0 && dollar_seen != s[i + 1]) return 1;
      dollar_seen = s[i + 1];
    }
  }
  return 0;
}

/* How often the most frequent of the n token hashes t[] occurs. */
static size_t most_frequent(seg_filters *f, const uint64_t *t, size_t n) {
  seg_hash_table_clear(&f->tok_first);
  SEG_GROW(f->tok_count.v, f->tok_count.cap, n);
  uint64_t *count = f->tok_count.v; /* count[i]: occurrences of the token first seen at i */
  size_t best = 0;
  for (size_t i = 0; i < n; i++) {
    uint32_t first = SEG_HASH_NONE;
    seg_hash_probe p = seg_hash_probe_start(&f->tok_first, t[i]);
    for (uint32_t k; (k = seg_hash_probe_next(&p)) != SEG_HASH_NONE;)
      if (t[k] == t[i]) {
        first = k;
        break;
      }
    if (first == SEG_HASH_NONE) {
      first = (uint32_t)i;
      count[i] = 0;
      seg_hash_put_probed(&f->tok_first, &p, t[i], first);
    }
    if (++count[first] > best) best = (size_t)count[first];
  }
  return best;
}

/* Degenerate repetition: one token many times in a row, one token most of the row, or a
 * sequence of four tokens that recurs (the row is a phrase said several times). */
static int repeated(seg_filters *f, const struct token_list *tl) {
  const seg_filter_config *c = &f->cfg;
  f->toks.n = 0;
  for (size_t k = 0; k < tl->n; k++) u64_push(&f->toks, tl->v[k].h);
  size_t n = f->toks.n;
  const uint64_t *t = f->toks.v;
  size_t run = 1;
  for (size_t i = 1; i < n; i++) {
    run = t[i] == t[i - 1] ? run + 1 : 1;
    if (c->max_run && run >= c->max_run) return 1;
  }
  if (n < c->repeat_min_tokens || n < 4) return 0;
  if ((double)most_frequent(f, t, n) > c->max_token_share * (double)n) return 1;
  seg_hash_set_clear(&f->ngrams);
  size_t again = 0;
  for (size_t i = 0; i + 4 <= n; i++) {
    uint64_t h = t[i];
    for (size_t k = 1; k < 4; k++) h = (h ^ (h >> 29)) * 0x9E3779B97F4A7C15ull + t[i + k];
    again += (size_t)!seg_hash_set_add(&f->ngrams, h);
  }
  return (double)again > c->max_ngram_share * (double)(n - 3);
}

/* The sentence rules but the language check (language_rule), which a pair runs after the
 * copy check. */
static const char *sentence_rules(seg_filters *f, int side, const char *text, size_t len) {
  const seg_filter_config *c = &f->cfg;
  const unsigned char *on = c->on;
  text_counts tc = f->counts[side] = count_text(text, len);
  if (on[SEG_RULE_EMPTY] && !tc.nonspace) return rule_names[SEG_RULE_EMPTY];
  if (on[SEG_RULE_TOO_LONG] &&
      ((c->max_chars && tc.chars > c->max_chars) || (c->max_words && tc.words > c->max_words)))
    return rule_names[SEG_RULE_TOO_LONG];
  if (on[SEG_RULE_SYMBOLS] && tc.nonspace &&
      (!tc.letters || (double)tc.letters < c->min_letter_share * (double)tc.nonspace))
    return rule_names[SEG_RULE_SYMBOLS];
  if (on[SEG_RULE_URL_ONLY] && url_only(side_tokens(f, side, text, len), text))
    return rule_names[SEG_RULE_URL_ONLY];
  if (on[SEG_RULE_PLACEHOLDER] && has_placeholder(text, len))
    return rule_names[SEG_RULE_PLACEHOLDER];
  if (on[SEG_RULE_REPEATED] && repeated(f, side_tokens(f, side, text, len)))
    return rule_names[SEG_RULE_REPEATED];
  return NULL;
}

/* Indonesian and English are written in Latin letters: a side whose letters are mostly of
 * another script is in another language, whatever the n-grams of two Latin languages say. */
static const char *language_rule(seg_filters *f, int side, const char *text, size_t len,
                                 const char *lang) {
  if (!f->cfg.on[SEG_RULE_WRONG_LANGUAGE] || !lang) return NULL;
  const text_counts *tc = &f->counts[side];
  if (tc->letters >= 3 && 2 * tc->latin < tc->letters) return rule_names[SEG_RULE_WRONG_LANGUAGE];
  if (!f->lid) return NULL;
  double conf;
  const char *got = seg_langid_detect(f->lid, text, len, &conf);
  if (strcmp(got, "und") && strcmp(got, lang) && conf >= f->cfg.min_confidence)
    return rule_names[SEG_RULE_WRONG_LANGUAGE];
  return NULL;
}

const char *seg_filters_sentence(seg_filters *f, const char *text, size_t len, const char *lang) {
  f->tl[0].ready = 0;
  const char *r = sentence_rules(f, 0, text, len);
  return r ? r : language_rule(f, 0, text, len, lang);
}

/* ---------- numbers ---------- */

/* The comparable form of a number: its digits without separators, leading and trailing zeros
 * ("1.000,5" = "1,000.5" = "10005"; "5 juta" = "5,000,000" = "5"; "0,79" = "0.79" = "79"), so
 * Indonesian and English separators and scale words never matter; a changed digit does. */
static uint64_t digits_key(const char *d, size_t n) {
  size_t a = 0, b = n;
  while (a < b && d[a] == '0') a++;
  while (b > a && d[b - 1] == '0') b--;
  if (a == b) return fold_hash("0", 1);
  return fold_hash(d + a, b - a);
}

static uint64_t value_key(double v) {
  char buf[64];
  if (v >= 1e15) return 0;
  if (v == floor(v)) snprintf(buf, sizeof buf, "%.0f", v);
  else {
    snprintf(buf, sizeof buf, "%.6f", v);
    char *dot = strchr(buf, '.');
    if (dot) memmove(dot, dot + 1, strlen(dot));
  }
  return digits_key(buf, strlen(buf));
}

static size_t digit_run(const char *s, size_t len, size_t i) {
  size_t k = i;
  while (k < len && digit_ascii((unsigned char)s[k])) k++;
  return k - i;
}

/* Digits: runs of digits joined by '.', ',' or ':' between digits ("1.000,5", "10:30"), also
 * with one space before at most two digits ("43. 5", "23: 40": machine-translated text spaces
 * separators out); '/' and '-' separate numbers (dates "17/8/2025", ranges "6-6,5"). With
 * `redup`, a "2" glued to a word of three lower-case letters or more is the Indonesian
 * reduplication mark ("kira2" = kira-kira), not a number. */
static void hard_numbers(seg_filters *f, const char *s, size_t len, int redup, u64vec *out) {
  for (size_t i = 0; i < len;) {
    if (!digit_ascii((unsigned char)s[i])) {
      i++;
      continue;
    }
    if (redup && s[i] == '2' && i >= 3 && lower_ascii((unsigned char)s[i - 1]) &&
        lower_ascii((unsigned char)s[i - 2]) && lower_ascii((unsigned char)s[i - 3]) &&
        (i + 1 == len || !alnum_cp((unsigned char)s[i + 1]))) {
      i++;
      continue;
    }
    seg_buf_clear(&f->scratch);
    while (i < len) {
      if (digit_ascii((unsigned char)s[i])) {
        seg_buf_putc(&f->scratch, s[i++]);
        continue;
      }
      int sep = s[i] == '.' || s[i] == ',' || s[i] == ':';
      if (sep && i + 1 < len && digit_ascii((unsigned char)s[i + 1])) i++;
      else if (sep && i + 2 < len && s[i + 1] == ' ' && digit_ascii((unsigned char)s[i + 2]) &&
               digit_run(s, len, i + 2) <= 2)
        i += 2;
      else break;
    }
    u64_push(out, digits_key(f->scratch.data, f->scratch.len));
  }
}

/* Number words: each word's value, each compound's value ("dua puluh lima" = 25), ordinals
 * (with a prefix: "kesembilan" = 9) and months (a date's month). A multiplier right after
 * digits ("5 juta") is part of that number and adds nothing. */
typedef struct {
  seg_filters *f;
  const numlex *lex;
  u64vec *out;
  double cur;
  int in_compound, after_digits;
} words_ctx;

static void flush_compound(words_ctx *w) {
  if (w->in_compound) u64_push(w->out, value_key(w->cur));
  w->in_compound = 0;
  w->cur = 0;
}

static void number_word(words_ctx *w, const char *t, size_t n) {
  const numword *e = numlex_find(w->lex, t, n);
  if (!e) {
    /* ordinal prefix + number word */
    for (size_t p = 1; p + 1 < n && p <= w->lex->prefix_max && !e; p++) {
      const numword *pre = numlex_find(w->lex, t, p);
      if (pre && pre->kind == NW_PREFIX) {
        const numword *num = numlex_find(w->lex, t + p, n - p);
        if (num && num->kind == NW_NUMBER) e = num;
      }
    }
    if (e) {
      flush_compound(w);
      u64_push(w->out, value_key(e->value));
      return;
    }
    flush_compound(w);
    return;
  }
  switch (e->kind) {
  case NW_NUMBER:
    if (w->in_compound && w->cur >= 1 && e->value >= w->cur) flush_compound(w);
    u64_push(w->out, value_key(e->value));
    w->cur += e->value;
    w->in_compound = 1;
    break;
  case NW_MULT:
    if (w->after_digits && !w->in_compound) break;
    u64_push(w->out, value_key(e->value));
    w->cur = (w->in_compound && w->cur > 0 ? w->cur : 1) * e->value;
    w->in_compound = 1;
    break;
  case NW_ADD:
    if (w->in_compound) w->cur += e->value;
    break;
  case NW_ORDINAL:
  case NW_MONTH:
    flush_compound(w);
    u64_push(w->out, value_key(e->value));
    break;
  default:
    flush_compound(w);
  }
}

static void soft_numbers(seg_filters *f, const char *s, size_t len, int lang, u64vec *out) {
  words_ctx w = {f, &f->num[lang], out, 0, 0, 0};
  for (size_t i = 0; i < len;) {
    unsigned char c = (unsigned char)s[i];
    if (letter_ascii(c)) {
      size_t a = i;
      while (i < len && letter_ascii((unsigned char)s[i])) i++;
      number_word(&w, s + a, i - a);
      w.after_digits = 0;
    } else if (digit_ascii(c)) {
      flush_compound(&w);
      while (i < len && (digit_ascii((unsigned char)s[i]) || s[i] == '.' || s[i] == ',')) i++;
      w.after_digits = 1;
    } else {
      if (c != ' ' && c != '-') flush_compound(&w), w.after_digits = 0;
      i++;
    }
  }
  flush_compound(&w);
}

/* Removes from `need` (sorted) every element found in `have` (sorted), consuming matches. */
static size_t unmatched(uint64_t *need, size_t nn, const uint64_t *have, size_t nh) {
  size_t i = 0, j = 0, k = 0;
  while (i < nn) {
    while (j < nh && have[j] < need[i]) j++;
    if (j < nh && have[j] == need[i]) {
      i++;
      j++;
    } else need[k++] = need[i++];
  }
  return k;
}

static int numbers_match(seg_filters *f, const char *src, size_t slen, const char *tgt,
                         size_t tlen) {
  int li[2] = {lang_index(f->cfg.source_lang), lang_index(f->cfg.target_lang)};
  const char *txt[2] = {src, tgt};
  size_t len[2] = {slen, tlen};
  for (int s = 0; s < 2; s++) {
    f->hard[s].n = f->soft[s].n = 0;
    hard_numbers(f, txt[s], len[s], f->num[li[s]].redup, &f->hard[s]);
  }
  if (!f->hard[0].n && !f->hard[1].n) return 1;
  for (int s = 0; s < 2; s++) {
    soft_numbers(f, txt[s], len[s], li[s], &f->soft[s]);
    sort_u64(f->hard[s].v, f->hard[s].n);
    sort_u64(f->soft[s].v, f->soft[s].n);
  }
  /* hard against hard: what is left on each side */
  size_t i = 0, j = 0, ka = 0, kb = 0;
  uint64_t *a = f->hard[0].v, *b = f->hard[1].v;
  size_t na = f->hard[0].n, nb = f->hard[1].n;
  while (i < na || j < nb) {
    if (j >= nb || (i < na && a[i] < b[j])) a[ka++] = a[i++];
    else if (i >= na || b[j] < a[i]) b[kb++] = b[j++];
    else i++, j++;
  }
  /* what is left must be spelled out on the other side */
  ka = unmatched(a, ka, f->soft[1].v, f->soft[1].n);
  kb = unmatched(b, kb, f->soft[0].v, f->soft[0].n);
  uint64_t one = digits_key("1", 1);
  for (size_t k = 0; k < ka; k++)
    if (!(f->cfg.ignore_unmatched_one && a[k] == one)) return 0;
  for (size_t k = 0; k < kb; k++)
    if (!(f->cfg.ignore_unmatched_one && b[k] == one)) return 0;
  return 1;
}

/* ---------- pair rules ---------- */

/* URLs compared without scheme, "www." and case. */
static void collect_url(u64vec *out, const char *tok, size_t n) {
  const char *p = tok;
  size_t m = n;
  for (size_t i = 0; i + 3 <= m; i++)
    if (!memcmp(p + i, "://", 3)) {
      p += i + 3;
      m -= i + 3;
      break;
    }
  if (m > 4 && !strncmp(p, "www.", 4)) p += 4, m -= 4;
  while (m && p[m - 1] == '/') m--;
  u64_push(out, fold_hash(p, m));
}

static int urls_match(seg_filters *f, const char *src, size_t slen, const char *tgt,
                      size_t tlen) {
  for (int s = 0; s < 2; s++) {
    f->urls[s].n = 0;
    const char *text = s ? tgt : src;
    const struct token_list *tl = side_tokens(f, s, text, s ? tlen : slen);
    for (size_t k = 0; k < tl->n; k++)
      if (tl->v[k].url) collect_url(&f->urls[s], text + tl->v[k].off, tl->v[k].len);
    sort_u64(f->urls[s].v, f->urls[s].n);
  }
  if (f->urls[0].n != f->urls[1].n) return 0;
  for (size_t i = 0; i < f->urls[0].n; i++)
    if (f->urls[0].v[i] != f->urls[1].v[i]) return 0;
  return 1;
}

/* Share of distinct tokens the two sides have in common (Jaccard), after case folding and
 * without the punctuation around words. */
static double copy_overlap(seg_filters *f, const char *src, size_t slen, const char *tgt,
                           size_t tlen) {
  const struct token_list *ta = side_tokens(f, 0, src, slen), *tb = side_tokens(f, 1, tgt, tlen);
  seg_hash_set_clear(&f->distinct[0]);
  seg_hash_set_clear(&f->distinct[1]);
  size_t ns = 0, nt = 0, common = 0;
  for (size_t k = 0; k < ta->n; k++) ns += (size_t)seg_hash_set_add(&f->distinct[0], ta->v[k].h);
  for (size_t k = 0; k < tb->n; k++) {
    uint64_t h = tb->v[k].h;
    if (!seg_hash_set_add(&f->distinct[1], h)) continue; /* a repeat */
    nt++;
    common += (size_t)seg_hash_set_has(&f->distinct[0], h);
  }
  size_t uni = ns + nt - common;
  return uni ? (double)common / (double)uni : 0;
}

/* A word that starts with a small letter (two letters at least): running text has them, a row
 * of names, acronyms and numbers ("Home United 27 14 4") does not. */
static int has_lower_word(const char *s, size_t len) {
  for (size_t i = 0; i + 1 < len; i++)
    if ((i == 0 || !alnum_cp((unsigned char)s[i - 1])) && lower_ascii((unsigned char)s[i]) &&
        ((unsigned char)s[i + 1] >= 0x80 || lower_ascii((unsigned char)s[i + 1])))
      return 1;
  return 0;
}

static double ratio(size_t a, size_t b) {
  size_t lo = a < b ? a : b, hi = a < b ? b : a;
  return (double)hi / (double)(lo ? lo : 1);
}

static long sentence_count(seg_filters *f, int lang, const char *text, size_t len) {
  const seg_span *spans;
  seg_error err;
  long n = seg_splitter_split(f->split[lang], text, len, &spans, &err);
  return n < 0 ? 1 : n;
}

/* The rewritten forms of a side's words of min_prefix letters or more, sorted. */
static int cmp_form(const void *a, const void *b) {
  const struct form *x = a, *y = b;
  size_t n = x->len < y->len ? x->len : y->len;
  int c = memcmp(x->p, y->p, n);
  return c ? c : (x->len > y->len) - (x->len < y->len);
}

static void collect_forms(seg_filters *f, int side, int lang, const char *s, size_t len) {
  seg_buf *arena = &f->forms[side];
  char low[64];
  seg_buf_clear(arena);
  f->nf[side] = 0;
  for (size_t i = 0; i < len;) {
    if (!letter_ascii((unsigned char)s[i])) {
      i++;
      continue;
    }
    size_t a = i;
    while (i < len && letter_ascii((unsigned char)s[i])) i++;
    size_t n = i - a;
    if (n < f->cog.min_prefix || n >= sizeof low || (i < len && (unsigned char)s[i] >= 0x80))
      continue;
    for (size_t k = 0; k < n; k++) low[k] = (char)(s[a + k] | 0x20);
    SEG_GROW(f->fv[side], f->fcap[side], f->nf[side] + 1);
    struct form *fm = &f->fv[side][f->nf[side]++];
    fm->off = arena->len;
    rewrite_word(&f->cog, lang, low, n, arena);
    fm->len = arena->len - fm->off;
    fm->raw = fold_hash(low, n);
  }
  struct form *v = f->fv[side];
  size_t n = f->nf[side];
  for (size_t k = 0; k < n; k++) v[k].p = arena->data + v[k].off;
  if (n > 32) qsort(v, n, sizeof *v, cmp_form);
  else
    for (size_t i = 1; i < n; i++) {
      struct form x = v[i];
      size_t j = i;
      while (j && cmp_form(&v[j - 1], &x) > 0) v[j] = v[j - 1], j--;
      v[j] = x;
    }
}

/* Words of side `a` (all of them, or distinct ones) with a cognate on side `b` that is not the
 * same word (identical words are the dictionary support's). */
static size_t cognate_hits(const seg_filters *f, int a, int b, int distinct) {
  const struct form *fa = f->fv[a], *fb = f->fv[b];
  const char *sa = f->forms[a].data, *sb = f->forms[b].data;
  size_t hits = 0, mp = f->cog.min_prefix;
  for (size_t i = 0; i < f->nf[a]; i++) {
    if (distinct && i && fa[i].len == fa[i - 1].len &&
        !memcmp(sa + fa[i].off, sa + fa[i - 1].off, fa[i].len))
      continue;
    size_t lo = 0, hi = f->nf[b]; /* first form of b whose first mp letters are >= ours */
    while (lo < hi) {
      size_t mid = lo + (hi - lo) / 2, n = fb[mid].len < mp ? fb[mid].len : mp;
      int c = memcmp(sb + fb[mid].off, sa + fa[i].off, n);
      if (c < 0 || (c == 0 && n < mp)) lo = mid + 1;
      else hi = mid;
    }
    for (size_t j = lo; j < f->nf[b] && fb[j].len >= mp && !memcmp(sb + fb[j].off, sa + fa[i].off, mp); j++) {
      if (fb[j].raw == fa[i].raw) break; /* the same word: already counted */
      size_t common = mp, m = fa[i].len < fb[j].len ? fa[i].len : fb[j].len;
      while (common < m && sa[fa[i].off + common] == sb[fb[j].off + common]) common++;
      if ((double)common >= f->cog.min_share * (double)m) {
        hits++;
        break;
      }
    }
  }
  return hits;
}

/* Lexical support: dictionary and identical tokens (align.h), plus cognates when the
 * dictionary alone stays under `enough` (the misaligned rule only asks whether it is below). */
static double support(seg_filters *f, const char *src, size_t slen, const char *tgt, size_t tlen,
                      size_t *tokens, double enough) {
  seg_dict_support ds;
  seg_dict_pair_support(f->dict, src, slen, tgt, tlen, &ds);
  *tokens = ds.src_tokens < ds.tgt_tokens ? ds.src_tokens : ds.tgt_tokens;
  double dict_only = 0.5 * ((ds.src_tokens ? (double)ds.src_supported / (double)ds.src_tokens : 0) +
                            (ds.tgt_tokens ? (double)ds.tgt_supported / (double)ds.tgt_tokens : 0));
  if (dict_only >= enough) return dict_only;
  collect_forms(f, 0, lang_index(f->cfg.source_lang), src, slen);
  collect_forms(f, 1, lang_index(f->cfg.target_lang), tgt, tlen);
  size_t cs = cognate_hits(f, 0, 1, 0), ct = cognate_hits(f, 1, 0, 1);
  double a = ds.src_tokens ? (double)(ds.src_supported + cs) / (double)ds.src_tokens : 0;
  double b = ds.tgt_tokens ? (double)(ds.tgt_supported + ct) / (double)ds.tgt_tokens : 0;
  return 0.5 * ((a > 1 ? 1 : a) + (b > 1 ? 1 : b));
}

void seg_filters_pair_features(seg_filters *f, const char *src, size_t slen, const char *tgt,
                               size_t tlen, seg_pair_features *out) {
  f->tl[0].ready = f->tl[1].ready = 0;
  text_counts a = count_text(src, slen), b = count_text(tgt, tlen);
  out->src_chars = a.nonspace;
  out->tgt_chars = b.nonspace;
  out->src_words = a.words;
  out->tgt_words = b.words;
  out->char_ratio = ratio(a.nonspace, b.nonspace);
  out->word_ratio = ratio(a.words, b.words);
  out->copy_overlap = copy_overlap(f, src, slen, tgt, tlen);
  out->src_sents = (size_t)sentence_count(f, lang_index(f->cfg.source_lang), src, slen);
  out->tgt_sents = (size_t)sentence_count(f, lang_index(f->cfg.target_lang), tgt, tlen);
  out->support = support(f, src, slen, tgt, tlen, &out->support_tokens, 2.0);
  out->numbers_ok = numbers_match(f, src, slen, tgt, tlen);
}

static int too_far(double r, double max, size_t a, size_t b, size_t slack) {
  size_t diff = a > b ? a - b : b - a;
  return max > 0 && r > max && diff > slack;
}

/* A copy: the target repeats the source; names and numbers alone translate as themselves. */
static int is_copy(seg_filters *f, const char *src, size_t slen, const char *tgt, size_t tlen) {
  return copy_overlap(f, src, slen, tgt, tlen) >= f->cfg.max_copy_overlap &&
         (has_lower_word(src, slen) || has_lower_word(tgt, tlen));
}

/* -1: too few letters to tell, 0: mixed case, 1: no capital at all, 2: no small letter. */
static int case_shape(const text_counts *tc, size_t min_letters) {
  if (tc->letters < min_letters) return -1;
  return !tc->upper ? 1 : !tc->lower ? 2 : 0;
}

/* One side lower-cased (it starts with a small letter, or the other side has capitals inside:
 * names, acronyms), or one side in capitals while the other is not: the row went through a case
 * conversion. A sentence that merely starts with a digit ("25 students ...") has no capital and
 * is no mismatch. */
static int case_mismatch(const text_counts *a, const text_counts *b, size_t min_letters) {
  int sa = case_shape(a, min_letters), sb = case_shape(b, min_letters);
  if (sa < 0 || sb < 0 || sa == sb) return 0;
  if (sa == 1 && !b->inner_upper && a->starts_lower != 1) return 0;
  if (sb == 1 && !a->inner_upper && b->starts_lower != 1) return 0;
  return 1;
}

static const char *pair_rules(seg_filters *f, const char *src, size_t slen, const char *tgt,
                              size_t tlen) {
  const seg_filter_config *c = &f->cfg;
  const unsigned char *on = c->on;
  if (on[SEG_RULE_URL_MISMATCH] && !urls_match(f, src, slen, tgt, tlen))
    return rule_names[SEG_RULE_URL_MISMATCH];
  if (on[SEG_RULE_NUMBER_MISMATCH] && !numbers_match(f, src, slen, tgt, tlen))
    return rule_names[SEG_RULE_NUMBER_MISMATCH];
  text_counts a = f->counts[0], b = f->counts[1]; /* from the sentence rules */
  if (on[SEG_RULE_CASE_MISMATCH] && case_mismatch(&a, &b, c->case_min_letters))
    return rule_names[SEG_RULE_CASE_MISMATCH];
  double cr = ratio(a.nonspace, b.nonspace), wr = ratio(a.words, b.words);
  if (on[SEG_RULE_PARTIAL] && cr >= c->partial_min_ratio) {
    long ns = sentence_count(f, lang_index(c->source_lang), src, slen);
    long nt = sentence_count(f, lang_index(c->target_lang), tgt, tlen);
    long extra = ns > nt ? ns - nt : nt - ns;
    /* the longer side must be the one with more sentences */
    if (extra >= (long)c->partial_min_extra && ((ns > nt) == (a.nonspace > b.nonspace)))
      return rule_names[SEG_RULE_PARTIAL];
  }
  if (on[SEG_RULE_LENGTH_RATIO] &&
      (too_far(cr, c->max_char_ratio, a.nonspace, b.nonspace, c->ratio_slack_chars) ||
       too_far(wr, c->max_word_ratio, a.words, b.words, c->ratio_slack_words)))
    return rule_names[SEG_RULE_LENGTH_RATIO];
  if (on[SEG_RULE_MISALIGNED]) {
    size_t tokens;
    double sup = support(f, src, slen, tgt, tlen, &tokens, c->min_support);
    if (tokens >= c->misaligned_min_tokens && sup < c->min_support)
      return rule_names[SEG_RULE_MISALIGNED];
  }
  return NULL;
}

const char *seg_filters_pair(seg_filters *f, const char *src, size_t slen, const char *tgt,
                             size_t tlen) {
  f->tl[0].ready = f->tl[1].ready = 0;
  const char *r = sentence_rules(f, 0, src, slen);
  if (!r) r = sentence_rules(f, 1, tgt, tlen);
  /* a copy is reported as such, before the language check that would also reject it */
  if (!r && f->cfg.on[SEG_RULE_COPY] && is_copy(f, src, slen, tgt, tlen)) r = rule_names[SEG_RULE_COPY];
  if (!r) r = language_rule(f, 0, src, slen, f->cfg.source_lang);
  if (!r) r = language_rule(f, 1, tgt, tlen, f->cfg.target_lang);
  if (!r) r = pair_rules(f, src, slen, tgt, tlen);
  return r;
}
