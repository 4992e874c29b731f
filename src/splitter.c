/* splitter: see splitter.h. One ICU break iterator per splitter, opened once; setText per
 * paragraph. Boundaries are mapped from UTF-16 to UTF-8 offsets by one forward walk.
 * Every rule looks at a bounded window around a boundary, so a paragraph costs linear time. */
#include "splitter.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "buf.h"
#include "hash.h"
#include "scan.h"
#include "ydoc.h"

extern const unsigned char seg_data_id_abbreviations[];
extern const size_t seg_data_id_abbreviations_len;
extern const unsigned char seg_data_en_abbreviations[];
extern const size_t seg_data_en_abbreviations_len;

/* ---------- abbreviation table ---------- */

/* A set of tokens (seg_hash_keys) with a small value each (the kind; 1 for starters). */
typedef struct {
  seg_hash_keys toks;
  seg_abbr_kind *kinds; /* kinds[i]: of token i */
  size_t kinds_cap;
  /* Bit set over (length, first byte, last two bytes) of every token (see tok_sig): most words
   * the splitter asks about (a sentence's last word, the next one's first) are rejected by one
   * bit test, inlined, instead of a call, a hash and a probe. */
  uint64_t *sig;
} tokset;

#define TOK_SIG_BITS 65536u

static inline size_t tok_sig(const char *tok, size_t len) {
  size_t l = len < 15 ? len : 15;
  /* the byte before the last too: an abbreviation's last byte is always '.' */
  unsigned end = (unsigned char)tok[len - 1] ^ (unsigned char)tok[len > 1 ? len - 2 : 0] * 5u;
  return l << 12 | ((unsigned char)tok[0] & 63u) << 6 | (end & 63u);
}

struct seg_abbrevs {
  tokset abbr;     /* abbreviations with their kinds */
  tokset starters; /* sentence starters: 1, or 2 for one in lower case ("detikcom") */
  tokset numbered; /* words a Roman numeral follows ("sesi I."): 1 */
  size_t nlower;   /* starters in lower case */
  uint64_t lower2[(26 * 26 + 63) / 64]; /* their first two letters (case-folded), see pair26 */
};

/* The index of two ASCII letters, the second case-folded ("iN" = "in"); -1 if not both are. */
static int pair26(const char *w) {
  unsigned a = (unsigned)((unsigned char)w[0] - 'a'), b = (unsigned)(((unsigned char)w[1] | 0x20) - 'a');
  return a < 26u && b < 26u ? (int)(a * 26 + b) : -1;
}

seg_abbrevs *seg_abbrevs_new(void) { return seg_xcalloc(1, sizeof(seg_abbrevs)); }

size_t seg_abbrevs_count(const seg_abbrevs *a) { return seg_hash_keys_count(&a->abbr.toks); }

static void tokset_free(tokset *t) {
  seg_hash_keys_free(&t->toks);
  free(t->kinds);
  free(t->sig);
}

void seg_abbrevs_free(seg_abbrevs *a) {
  if (!a) return;
  tokset_free(&a->abbr);
  tokset_free(&a->starters);
  tokset_free(&a->numbered);
  free(a);
}

static seg_abbr_kind tokset_probe(const tokset *t, const char *tok, size_t len) {
  uint32_t i = seg_hash_keys_find(&t->toks, tok, len);
  return i == SEG_HASH_NONE ? 0 : t->kinds[i];
}

SEG_SCAN_INLINE seg_abbr_kind tokset_find(const tokset *t, const char *tok, size_t len) {
  if (!t->sig || !len) return 0; /* tokens are never empty */
  size_t sg = tok_sig(tok, len);
  if (!(t->sig[sg >> 6] >> (sg & 63) & 1)) return 0;
  return tokset_probe(t, tok, len);
}

/* Adds tok unless present (an earlier kind stands). */
static void tokset_add(tokset *t, const char *tok, size_t len, seg_abbr_kind kind) {
  if (!len) return; /* an empty token is no token */
  int added = 0;
  uint32_t i = seg_hash_keys_add(&t->toks, tok, len, &added);
  if (!added) return;
  SEG_GROW(t->kinds, t->kinds_cap, (size_t)i + 1);
  t->kinds[i] = kind;
  if (!t->sig) t->sig = seg_xcalloc(TOK_SIG_BITS / 64, sizeof *t->sig);
  size_t sg = tok_sig(tok, len);
  t->sig[sg >> 6] |= 1ull << (sg & 63);
}

seg_abbr_kind seg_abbrevs_find(const seg_abbrevs *a, const char *tok, size_t len) {
  return tokset_find(&a->abbr, tok, len);
}

void seg_abbrevs_add(seg_abbrevs *a, const char *tok, size_t len, seg_abbr_kind kind) {
  tokset_add(&a->abbr, tok, len, kind);
}

static int is_starter(const seg_abbrevs *a, const char *w, size_t n) {
  return n && tokset_find(&a->starters, w, n) != 0;
}

/* A sentence starter in lower case: a sentence may begin with it after '.', '!' or '?'. */
static int is_lower_starter(const seg_abbrevs *a, const char *w, size_t n) {
  return a->nlower && n && (unsigned)(w[0] - 'a') < 26u && tokset_find(&a->starters, w, n) == 2;
}

static const struct {
  const char *key;
  seg_abbr_kind kind;
} kinds[] = {{"title", SEG_ABBR_TITLE},       {"always", SEG_ABBR_ALWAYS},
             {"final_ok", SEG_ABBR_FINAL_OK}, {"numeric", SEG_ABBR_NUMERIC},
             {"acronym", SEG_ABBR_ACRONYM},   {"degree", SEG_ABBR_DEGREE}};

/* Checks that `list` (under `key`) is a sequence of single words of at most 63 bytes (`what`:
 * what an entry is, `called`: its name in the message). */
static seg_status word_list(const seg_ynode *list, const char *key, const char *what,
                            const char *called, const char *name, seg_error *err) {
  if (seg_ynode_expect(list, SEG_Y_SEQ, key, name, err)) return SEG_ERR_CONFIG;
  for (size_t i = 0; i < list->len; i++) {
    const seg_ynode *e = list->kids[i];
    if (seg_ynode_expect(e, SEG_Y_SCALAR, what, name, err)) return SEG_ERR_CONFIG;
    if (!e->len || e->len > 63 || memchr(e->str, ' ', e->len))
      return seg_error_set(err, SEG_ERR_CONFIG, name, e->line, e->col,
                           "%s '%s' must be one word of at most 63 bytes", called, e->str);
  }
  return SEG_OK;
}

/* Adds the lists of a parsed abbreviation document; frees the tree. */
static seg_status load_abbrev_tree(void *obj, seg_ynode *root, const char *name, seg_error *err) {
  seg_abbrevs *a = obj;
  static const char *const keys[] = {"language", "title", "always", "final_ok", "numeric",
                                     "acronym", "degree", "sentence_starters", "numbered",
                                     NULL};
  seg_status rc = SEG_ERR_CONFIG;
  if (seg_ynode_expect(root, SEG_Y_MAP, "an abbreviation list", name, err) ||
      seg_ynode_keys_allowed(root, keys, name, err))
    goto done;
  for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
    const seg_ynode *list = seg_ynode_get(root, kinds[k].key);
    if (!list) continue;
    if (seg_ynode_expect(list, SEG_Y_SEQ, kinds[k].key, name, err)) goto done;
    for (size_t i = 0; i < list->len; i++) {
      const seg_ynode *e = list->kids[i];
      if (seg_ynode_expect(e, SEG_Y_SCALAR, "an abbreviation", name, err)) goto done;
      const char *s = e->str;
      size_t n = e->len;
      while (n && (*s == ' ' || *s == '\t')) s++, n--; /* trim */
      while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
      if (!n || s[n - 1] != '.' || memchr(s, ' ', n) || n > 40) {
        seg_error_set(err, SEG_ERR_CONFIG, name, e->line, e->col,
                      "abbreviation '%s' must be one token ending in '.' (at most 40 bytes)",
                      e->str);
        goto done;
      }
      seg_abbrevs_add(a, s, n, kinds[k].kind);
    }
  }
  const seg_ynode *nb = seg_ynode_get(root, "numbered");
  if (nb) {
    if (word_list(nb, "numbered", "a numbered word", "numbered word", name, err)) goto done;
    for (size_t i = 0; i < nb->len; i++)
      tokset_add(&a->numbered, nb->kids[i]->str, nb->kids[i]->len, 1);
  }
  const seg_ynode *st = seg_ynode_get(root, "sentence_starters");
  if (st) {
    if (word_list(st, "sentence_starters", "a sentence starter", "sentence starter", name, err))
      goto done;
    for (size_t i = 0; i < st->len; i++) {
      const seg_ynode *e = st->kids[i];
      int lower = (unsigned)(e->str[0] - 'a') < 26u, pair = e->len >= 2 ? pair26(e->str) : -1;
      if (lower && pair < 0) {
        seg_error_set(err, SEG_ERR_CONFIG, name, e->line, e->col,
                      "sentence starter '%s' in lower case must begin with two ASCII letters",
                      e->str);
        goto done;
      }
      if (lower && !tokset_find(&a->starters, e->str, e->len)) {
        a->nlower++;
        a->lower2[pair >> 6] |= 1ull << (pair & 63);
      }
      tokset_add(&a->starters, e->str, e->len, lower ? 2 : 1);
    }
  }
  rc = SEG_OK;
done:
  seg_ynode_free(root);
  return rc;
}

seg_status seg_abbrevs_add_yaml(seg_abbrevs *a, const char *yaml, size_t len, const char *name,
                                seg_error *err) {
  return seg_ydoc_parse_into(yaml, len, name, load_abbrev_tree, a, err);
}

seg_status seg_abbrevs_add_file(seg_abbrevs *a, const char *path, seg_error *err) {
  return seg_ydoc_load_into(path, load_abbrev_tree, a, err);
}

seg_abbrevs *seg_abbrevs_default(const char *lang, seg_error *err) {
  seg_abbrevs *a = seg_abbrevs_new();
  const char *data = (const char *)seg_data_id_abbreviations;
  size_t len = seg_data_id_abbreviations_len;
  const char *name = "<embedded>/id/abbreviations.yaml";
  if (lang && !strcmp(lang, "en")) {
    data = (const char *)seg_data_en_abbreviations;
    len = seg_data_en_abbreviations_len;
    name = "<embedded>/en/abbreviations.yaml";
  }
  if (seg_abbrevs_add_yaml(a, data, len, name, err)) {
    seg_abbrevs_free(a);
    return NULL;
  }
  return a;
}

/* ---------- splitter ---------- */

struct seg_splitter {
  const seg_abbrevs *abbr;
  seg_splitter_opts opts;
  UBreakIterator *bi;
  UChar *u16;
  size_t u16_cap;
  size_t *cand; /* candidate boundaries (UTF-8 offsets) */
  size_t ncand, cand_cap;
  size_t *kept; /* boundaries kept by the last split */
  size_t nkept, kept_cap;
  seg_span *spans;
  size_t nspans, spans_cap;
  size_t *qopen, *qclose; /* outermost quotation intervals */
  unsigned char *qattr;   /* 1: the quotation is followed by an attribution */
  size_t nq, q_cap, q_cap2, q_cap3;
  size_t *stack;
  size_t stack_cap;
  struct window {
    size_t u8, u8end;     /* the window in the paragraph */
    int32_t u16, u16end;  /* and in the text given to ICU */
  } *win;
  size_t nwin, win_cap;
  size_t *fast; /* boundaries of the windows decided without ICU */
  size_t nfast, fast_cap;
  size_t *marks; /* what mark_breaks looks at: position << 1 | MARK_GLUED (the stop) or
                    MARK_CITE (the '[' or superscript digit) */
  size_t nmarks, marks_cap;
  size_t *cand2; /* mark_breaks' new candidate list (swapped with cand) */
  size_t cand2_cap;
  unsigned char *cls; /* plain_window: class of each byte (0xFF: inside a character) */
  size_t cls_cap;
  unsigned char sb_ascii[128]; /* Sentence_Break class of each ASCII character */
  unsigned char props[128];    /* ICU's letter-case and digit answers for each, see cp_is */
  seg_byteset terminators;     /* ASCII ATerm, STerm, Sep, CR, LF, and every non-ASCII byte */
  int usual_terminators;       /* they are Unicode 15's: find_windows scans for a constant set */
};

/* The ASCII terminators of Unicode 15 (ICU 72-74), in code point order, and every non-ASCII
 * byte: a constant set lets the compiler unroll the scan. */
static const seg_byteset usual_terminators = {{'\n', '\r', '!', '.', '?'}, 5, 1};

static int sb_letter(int cls) { return cls == U_SB_UPPER || cls == U_SB_LOWER || cls == U_SB_OLETTER; }
static int sb_sep(int cls) { return cls == U_SB_SEP || cls == U_SB_CR || cls == U_SB_LF; }

/* Properties the rules ask of the code point after a boundary; for ASCII they come from
 * s->props, filled from ICU's own functions when the splitter is made (so the answers are
 * ICU's), which spares a library call for nearly every question. */
enum { CP_UPPER = 1, CP_LOWER = 2, CP_DIGIT = 4, CP_ALPHA = 8 };

static int cp_is_icu(int32_t c, unsigned prop) {
  switch (prop) {
  case CP_UPPER: return u_isupper(c) != 0;
  case CP_LOWER: return u_islower(c) != 0;
  case CP_DIGIT: return u_isdigit(c) != 0;
  default: return u_isalpha(c) != 0;
  }
}

static inline int cp_is(const seg_splitter *s, int32_t c, unsigned prop) {
  if ((uint32_t)c < 128) return (s->props[c] & prop) != 0;
  return cp_is_icu(c, prop);
}

seg_splitter *seg_splitter_new(const seg_abbrevs *abbr, const seg_splitter_opts *opts,
                               seg_error *err) {
  seg_splitter *s = seg_xcalloc(1, sizeof *s);
  s->abbr = abbr;
  if (opts) s->opts = *opts;
  if (!s->opts.locale) s->opts.locale = "id";
  UErrorCode st = U_ZERO_ERROR;
  s->bi = ubrk_open(UBRK_SENTENCE, s->opts.locale, NULL, 0, &st);
  if (U_FAILURE(st)) {
    seg_error_set(err, SEG_ERR_ICU, NULL, 0, 0, "ubrk_open(%s): %s", s->opts.locale,
                  u_errorName(st));
    free(s);
    return NULL;
  }
  for (int c = 0; c < 128; c++) {
    for (unsigned prop = CP_UPPER; prop <= CP_ALPHA; prop <<= 1)
      if (cp_is_icu(c, prop)) s->props[c] |= (unsigned char)prop;
    int cls = u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK);
    s->sb_ascii[c] = (unsigned char)cls;
    if (cls == U_SB_ATERM || cls == U_SB_STERM || sb_sep(cls)) {
      if (s->terminators.nbytes == 8) { /* Unicode 15 has five: . ! ? CR LF */
        seg_error_set(err, SEG_ERR_ICU, NULL, 0, 0, "ICU data: too many ASCII sentence terminators");
        seg_splitter_free(s);
        return NULL;
      }
      s->terminators.bytes[s->terminators.nbytes++] = (unsigned char)c;
    }
  }
  s->terminators.high = 1;
  s->usual_terminators = !memcmp(&s->terminators, &usual_terminators, sizeof usual_terminators);
  return s;
}

void seg_splitter_free(seg_splitter *s) {
  if (!s) return;
  ubrk_close(s->bi);
  free(s->fast);
  free(s->marks);
  free(s->cand2);
  free(s->cls);
  free(s->u16);
  free(s->cand);
  free(s->kept);
  free(s->spans);
  free(s->qopen);
  free(s->qclose);
  free(s->qattr);
  free(s->stack);
  free(s->win);
  free(s);
}

static int32_t cp_at(const char *t, size_t len, size_t i) {
  int32_t c;
  U8_NEXT((const uint8_t *)t, i, len, c);
  return c;
}

static int32_t cp_before(const char *t, size_t i, size_t *start) {
  size_t j = i - 1;
  while (j > 0 && i - j < 4 && ((unsigned char)t[j] & 0xC0) == 0x80) j--;
  if (start) *start = j;
  return cp_at(t, i, j);
}

static int is_space_cp(int32_t c) { return c == ' ' || c == '\t' || c == 0xA0; }

static int is_open_punct(int32_t c) {
  return c == '"' || c == '\'' || c == '(' || c == '[' || c == 0x201C || c == 0x2018 ||
         c == 0xAB || c == 0x2039 || c == '{';
}

static int is_close_punct(int32_t c) {
  return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 ||
         c == 0xBB || c == 0x203A || c == '}';
}

/* Where the first word after boundary b starts: spaces and opening punctuation skipped. Most
 * rules ask only for its first character; word_end finds the rest when one needs it. */
static size_t word_start(const char *t, size_t len, size_t b) {
  static const unsigned char skip_before[128] = {[' '] = 1, ['\t'] = 1, ['"'] = 1, ['\''] = 1,
                                                 ['('] = 1, ['['] = 1, ['{'] = 1};
  size_t i = b;
  while (i < len) {
    unsigned char ch = (unsigned char)t[i];
    if (ch < 0x80) { /* is_space_cp or is_open_punct, by table */
      if (!skip_before[ch]) break;
      i++;
      continue;
    }
    int32_t c = cp_at(t, len, i);
    if (!is_space_cp(c) && !is_open_punct(c)) break;
    U8_FWD_1((const uint8_t *)t, i, len);
  }
  return i;
}

/* Where the word starting at i ends: ASCII letters, digits, '-' and '\'', other alphanumeric
 * characters. */
static size_t word_end(const char *t, size_t len, size_t i) {
#if defined(__SSE2__)
  /* 16 bytes at a time: the word ends at the first byte that is not an ASCII letter, digit,
   * '-' or '\''; a non-ASCII one is left to the loop below */
  while (i + 16 <= len) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
    unsigned word = seg_alnum_mask16(v) |
                    (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('-'))) |
                    (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('\'')));
    unsigned stop = ~word & 0xFFFFu;
    if (!stop) {
      i += 16;
      continue;
    }
    i += (size_t)__builtin_ctz(stop);
    if ((unsigned char)t[i] < 0x80) return i;
    break;
  }
#endif
  while (i < len) {
    unsigned char ch = (unsigned char)t[i];
    if (ch < 0x80) { /* ASCII without a property lookup */
      if (!(seg_ascii_alnum(ch) || ch == '-' || ch == '\'')) break;
      i++;
      continue;
    }
    int32_t c = cp_at(t, len, i);
    if (!u_isalnum(c)) break;
    U8_FWD_1((const uint8_t *)t, i, len);
  }
  return i;
}

/* The first word after boundary b: [*ws, *we). */
static void next_word(const char *t, size_t len, size_t b, size_t *ws, size_t *we) {
  *ws = word_start(t, len, b);
  *we = word_end(t, len, *ws);
}

/* Token ending just before boundary b: trailing spaces and closing punctuation skipped.
 * Sets [ts, te) to the token (te after its final punctuation). Returns the final code point.
 * ASCII bytes are classified directly; other characters through their code points. */
static int32_t prev_token(const char *t, size_t b, size_t lo, size_t *ts, size_t *te) {
  static const unsigned char skip_after[128] = {[' '] = 1, ['\t'] = 1, ['"'] = 1, ['\''] = 1,
                                                [')'] = 1, [']'] = 1, ['}'] = 1};
  static const unsigned char token_edge[128] = {[' '] = 1, ['\t'] = 1, ['"'] = 1, ['\''] = 1,
                                                ['('] = 1, ['['] = 1, ['{'] = 1, ['/'] = 1};
  size_t i = b;
  while (i > lo) {
    unsigned char ch = (unsigned char)t[i - 1];
    if (ch < 0x80) {
      if (!skip_after[ch]) break;
      i--;
      continue;
    }
    size_t j;
    int32_t c = cp_before(t, i, &j);
    if (!is_space_cp(c) && !is_close_punct(c)) break;
    i = j;
  }
  *te = i;
  if (i == lo) return 0;
  size_t j = i;
#if defined(__SSE2__)
  /* 16 bytes at a time: the token starts after the last edge byte; a non-ASCII byte is left
   * to the loop below (the character it ends is the last one before j) */
  while (j >= lo + 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(t + j - 16));
    __m128i m = _mm_setzero_si128();
    static const char edges[] = " \t\"'([{/";
    SEG_UNROLL_BYTESET
    for (size_t k = 0; k < sizeof edges - 1; k++)
      m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8(edges[k])));
    unsigned edge = (unsigned)_mm_movemask_epi8(_mm_or_si128(m, v));
    if (!edge) {
      j -= 16;
      continue;
    }
    size_t at = j - 16 + (size_t)(31 - __builtin_clz(edge));
    j = at + 1;
    if ((unsigned char)t[at] < 0x80) goto found;
    break;
  }
#endif
  while (j > lo) {
    unsigned char ch = (unsigned char)t[j - 1];
    if (ch < 0x80) {
      if (token_edge[ch]) break;
      j--;
      continue;
    }
    size_t k;
    int32_t d = cp_before(t, j, &k);
    if (is_space_cp(d) || is_open_punct(d)) break;
    j = k;
  }
#if defined(__SSE2__)
found:
#endif
  *ts = j;
  unsigned char last = (unsigned char)t[i - 1];
  return last < 0x80 ? last : cp_before(t, i, NULL);
}

static int is_ascii_term(char c) { return c == '.' || c == '!' || c == '?'; }

/* Does a citation mark start at t[i]: a '[' or a superscript digit? */
static int cite_char(const char *t, size_t len, size_t i) {
  return t[i] == '[' || seg_sup_digit(t, len, i);
}

/* A '[' at q directly after a terminator, or after a terminator and one closing quote or
 * parenthesis ('."[1]', '.”[1]', '.)[1]'): where a run of citation marks may start. */
static int cite_opens(const char *t, size_t q) {
  if (!q) return 0;
  if (is_ascii_term(t[q - 1])) return 1;
  const unsigned char *u = (const unsigned char *)t;
  size_t k; /* where the closing mark before q starts */
  if (u[q - 1] == '"' || u[q - 1] == '\'' || u[q - 1] == ')') k = q - 1;
  else if (q >= 3 && u[q - 3] == 0xE2 && u[q - 2] == 0x80 && (u[q - 1] == 0x9D || u[q - 1] == 0x99))
    k = q - 3; /* ” ’ */
  else if (q >= 2 && u[q - 2] == 0xC2 && u[q - 1] == 0xBB) k = q - 2; /* » */
  else return 0;
  return k > 0 && is_ascii_term(t[k - 1]);
}

/* Terminators mark_breaks looks at beside ICU: a stop glued to a capital ("kota.Warga": SB7
 * keeps it, but forum and blog text often drops the space), a stop before a sentence starter
 * in lower case ("sendiri. detikcom": SB8 keeps it; marked MARK_GLUED too, told apart by the
 * space after the stop) and citation marks after a terminator ("undang.[1] Pemerintah": ICU
 * breaks inside the mark, or not at all). */
enum { MARK_CITE = 0, MARK_GLUED = 1 };

/* "a. detikcom": a stop after an ASCII letter, one space, then a sentence starter in lower
 * case. Only a stop right after a letter: find_windows visits each of those. */
static int is_lower_mark(const seg_splitter *s, const char *t, size_t len, size_t i) {
  if (t[i] != '.' || !i || i + 3 >= len || t[i + 1] != ' ' ||
      (unsigned)((t[i - 1] | 0x20) - 'a') >= 26u)
    return 0;
  int k = pair26(t + i + 2); /* a lower-case letter first, as every such starter has */
  if (k < 0 || !(s->abbr->lower2[k >> 6] >> (k & 63) & 1)) return 0;
  size_t ws, we;
  next_word(t, len, i + 2, &ws, &we);
  return is_lower_starter(s->abbr, t + ws, we - ws);
}

/* "a.W": a stop between an ASCII lower-case and an upper-case letter. */
static int is_glued(const char *t, size_t len, size_t i) {
  return t[i] == '.' && i > 0 && i + 1 < len && (unsigned)(t[i - 1] - 'a') < 26u &&
         (unsigned)(t[i + 1] - 'A') < 26u;
}

/* Longest content of one citation mark ("[butuh rujukan]", "[catatan 12]"). */
#define CITE_MAX 32

/* Content bytes of a mark: letters, digits, spaces, '-', '?', non-ASCII (letters of other
 * scripts); no '.', ':' or brackets, so a bracketed sentence or a teaser is not a mark. */
static int cite_byte(unsigned char c) {
  return seg_ascii_alnum(c) || c == ' ' || c == '-' || c == '?' || c >= 0x80;
}

/* The end of the run of citation marks ("[1]", "[2][3]", "[a]", "[butuh rujukan]", or
 * superscript digits "¹", "²,³" before them) starting at q (q itself if there is none). A mark starts with a lower-case letter, a digit or a
 * non-ASCII byte, or is one capital ("[A]"): "[Video]" or "[Baca juga ...]" is no mark. */
static size_t cite_run_end(const char *t, size_t len, size_t q) {
  size_t e = q;
  for (;;) {
    size_t d = seg_sup_digit(t, len, e); /* superscript digits, perhaps with commas between */
    if (!d && e > q && t[e] == ',' && e + 1 < len && seg_sup_digit(t, len, e + 1)) d = 1;
    if (!d) break;
    e += d;
  }
  while (e + 2 < len && t[e] == '[') {
    unsigned char first = (unsigned char)t[e + 1];
    size_t k = e + 1, lim = e + 1 + CITE_MAX;
    while (k < len && k < lim && cite_byte((unsigned char)t[k])) k++;
    if (k == e + 1 || k >= len || t[k] != ']') break;
    if ((unsigned)(first - 'A') < 26u && k != e + 2) break;
    if (first == ' ' || first == '-' || first == '?') break;
    e = k + 1;
  }
  return e;
}

/* Where the token before boundary b ends: b, or the first citation mark when only marks and
 * spaces stand between it and a terminator ("undang-undang.[1] |", '"Siap."[2] |'), so the
 * rules see the terminator and the word before it. A few byte tests unless b follows a ']'. */
static size_t before_cites(const char *t, size_t lo, size_t b) {
  size_t j = b;
  while (j > lo && t[j - 1] == ' ') j--;
  if (j == lo) return b;
  size_t end = j;
  j = seg_sup_run_start(t, lo, end);
  if (j < end) return j > lo && cite_opens(t, j) && cite_run_end(t, end, j) == end ? j : b;
  if (t[j - 1] != ']') return b;
  while (j > lo && t[j - 1] == ']') { /* back to the '[' of each mark */
    size_t k = j - 1;
    while (k > lo && k + CITE_MAX >= j && cite_byte((unsigned char)t[k - 1])) k--;
    if (k == lo || t[k - 1] != '[') break;
    j = k - 1;
  }
  if (j == end || j == lo || !cite_opens(t, j) || cite_run_end(t, end, j) != end) return b;
  return j;
}

/* "A.", "S.", "R." — a single capital letter as an initial. */
static int is_initial(const seg_splitter *s, const char *t, size_t ts, size_t te) {
  if (te - ts < 2 || t[te - 1] != '.') return 0;
  int32_t c = cp_at(t, te, ts);
  return cp_is(s, c, CP_UPPER) && (size_t)U8_LENGTH(c) + 1 == te - ts;
}

/* "A.S.", "a.l.", "S.H.", "Ph.D.", "M.Hum.": short letter groups, each followed by '.'. */
static int is_dotted(const char *t, size_t ts, size_t te) {
  /* two groups or more ("a.b." at least): another '.' one to four letters before the last
   * (most tokens have none) */
  size_t n = te - ts;
  if (n < 4) return 0;
  const char *p = t + te - 3;
  int dot = (p[0] == '.') | (p[-1] == '.');
  if (!dot && n >= 5) dot = p[-2] == '.' || (n >= 6 && p[-3] == '.');
  if (!dot) return 0;
  size_t groups = 0, run = 0;
  for (size_t i = ts; i < te; i++) {
    unsigned char ch = (unsigned char)t[i];
    if (ch == '.') {
      if (!run) return 0;
      groups++;
      run = 0;
    } else if ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') {
      if (++run > 4) return 0;
    } else {
      return 0;
    }
  }
  return groups >= 2 && run == 0;
}

/* Is the word before the token at ts one a Roman numeral numbers ("sesi", "tahap")? */
static int numbered_before(const seg_abbrevs *a, const char *t, size_t from, size_t ts) {
  size_t ps, pe;
  return prev_token(t, ts, from, &ps, &pe) && tokset_find(&a->numbered, t + ps, pe - ps) != 0;
}

/* Roman numerals as numbers after "No." (No. XI): I V X L C D M only, at most 7. */
static int is_roman(const char *w, size_t n) {
  if (!n || n > 7) return 0;
  for (size_t i = 0; i < n; i++)
    if (!strchr("IVXLCDM", w[i])) return 0;
  return 1;
}

/* Two letters or more before the final '.', all ASCII capitals ("TN.", "AKBP."). */
static int all_caps(const char *t, size_t ts, size_t te) {
  if (te - ts < 3) return 0;
  for (size_t i = ts; i + 1 < te; i++)
    if ((unsigned)(t[i] - 'A') >= 26u) return 0;
  return 1;
}

/* Exact lookup, then the capitalized form of an all-caps token ("JL." -> "Jl.", "KEL." ->
 * "Kel."), so site styles in capitals need no second list. */
static seg_abbr_kind find_kind(const seg_abbrevs *a, const char *tok, size_t n) {
  seg_abbr_kind k = tokset_find(&a->abbr, tok, n);
  if (k || n < 3 || n > 16) return k;
  char buf[16];
  int caps = 0;
  for (size_t i = 0; i < n; i++) {
    char c = tok[i];
    if (c >= 'a' && c <= 'z') return 0;
    if (c >= 'A' && c <= 'Z') caps++;
    buf[i] = (char)(i && c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  if (caps < 2) return 0;
  k = tokset_find(&a->abbr, buf, n);
  return k == SEG_ABBR_ACRONYM || k == SEG_ABBR_DEGREE ? 0 : k;
}

/* Does a comma come before the token at ts ("Rudi Hartanto, S.T., M.Eng."), across the
 * degrees before it? */
static int after_name_comma(const seg_abbrevs *a, const char *t, size_t from, size_t ts) {
  size_t ps, pe;
  while (prev_token(t, ts, from, &ps, &pe) && t[pe - 1] == ',') {
    if (tokset_find(&a->abbr, t + ps, pe - 1 - ps) != SEG_ABBR_DEGREE) return 1;
    ts = ps; /* another degree: the name's comma is further back */
  }
  return 0;
}

/* Is the word at ws a sentence starter? Its end goes to *we. */
static int starter_at(const seg_abbrevs *a, const char *t, size_t len, size_t ws, size_t *we) {
  *we = word_end(t, len, ws);
  return *we > ws && is_starter(a, t + ws, *we - ws);
}

/* Keep the candidate boundary b (start of the next sentence)? prev is the previous kept
 * boundary. */
static int keep_boundary(seg_splitter *s, const char *t, size_t len, size_t prev, size_t b) {
  size_t ts = 0, te = 0;
  /* only a paragraph with marks can hold a citation before b */
  int32_t last = prev_token(t, s->nmarks ? before_cites(t, prev, b) : b, prev, &ts, &te);
  if (!last) return 0;
  /* the next word's first character decides most cases; its end (we) is found only for the
   * rules that look at the whole word (a starter, a Roman numeral, an abbreviation) */
  size_t ws = word_start(t, len, b), we;
  int32_t next = ws < len ? cp_at(t, len, ws) : 0;
  if (last == '?' || last == '!' || last == 0x2026) {
    /* "Mengapa?" tanya dia. — an attribution in lower case continues the sentence, but for a
     * word that begins sentences in lower case ("detikcom") */
    /* a mark glued to the next word inside a capitalized word is a brand's ("Let's
     * Go!Travel", "Yahoo!News"), where ICU (UAX #29 SB11) breaks after any '!' or '?' */
    if (last != 0x2026 && ws == b && b == te && (unsigned)(t[ts] - 'A') < 26u &&
        next > 0 && cp_is(s, next, CP_UPPER))
      return starter_at(s->abbr, t, len, ws, &we); /* but "Semau!Sudah dari ...": a starter */
    if (!(next > 0 && cp_is(s, next, CP_LOWER))) return 1;
    we = word_end(t, len, ws);
    return is_lower_starter(s->abbr, t + ws, we - ws);
  }
  if (last != '.') return 1;
  /* a run of periods is an ellipsis: ICU's break stands */
  if (te - ts >= 2 && t[te - 2] == '.') return 1;
  seg_abbr_kind kind = find_kind(s->abbr, t + ts, te - ts);
  switch (kind) {
  case SEG_ABBR_TITLE:
    /* in capitals a title is also a person's initials ("berinisial TN. Berdasarkan ...",
     * "DR. Budi"): a sentence starter after it decides, as after a dotted acronym */
    if (all_caps(t, ts, te)) return starter_at(s->abbr, t, len, ws, &we);
    return 0;
  case SEG_ABBR_ALWAYS:
    return 0;
  case SEG_ABBR_NUMERIC: /* (a phone number may start with '+') */
    if (next > 0 && (cp_is(s, next, CP_DIGIT) || next == '+')) return 0;
    we = word_end(t, len, ws);
    return !(next > 0 && is_roman(t + ws, we - ws));
  case SEG_ABBR_FINAL_OK:
    /* "Pte. Ltd. (SPA) menjual": a parenthesis or another abbreviation continues */
    if (ws > b && t[ws - 1] == '(') return 0;
    we = word_end(t, len, ws);
    if (we < len && t[we] == '.' && find_kind(s->abbr, t + ws, we - ws + 1)) return 0;
    return 1;
  case SEG_ABBR_ACRONYM:
    return starter_at(s->abbr, t, len, ws, &we);
  case SEG_ABBR_DEGREE: {
    /* a name's degrees end a sentence before "Persiapan dilakukan", not before "Universitas
     * Gadjah Mada": a capitalized word, then a word in lower case */
    int starter = starter_at(s->abbr, t, len, ws, &we);
    if (starter || !after_name_comma(s->abbr, t, prev, ts) || we >= len || next <= 0 ||
        !cp_is(s, next, CP_UPPER))
      return starter;
    size_t ws2, we2;
    next_word(t, len, we, &ws2, &we2);
    return we2 > ws2 && cp_is(s, cp_at(t, len, ws2), CP_LOWER);
  }
  default:
    break;
  }
  /* a Roman numeral after a word it numbers ends a sentence: "... pada akhir sesi I. Investor" */
  if (te - ts == 2 && (t[ts] == 'I' || t[ts] == 'V' || t[ts] == 'X') &&
      numbered_before(s->abbr, t, prev, ts))
    return 1;
  /* Joko S. Widodo, golongan B. 02 */
  if (is_initial(s, t, ts, te)) return starter_at(s->abbr, t, len, ws, &we);
  /* Indonesian style does not start a sentence with digits ("kaliber. 50 M2"). */
  if (next > 0 && cp_is(s, next, CP_DIGIT) && ws == b) return 0;
  if (is_dotted(t, ts, te)) return starter_at(s->abbr, t, len, ws, &we);
  return 1;
}

/* Finds quotations: outermost “…”, «…» and (…) pairs (nesting across kinds is treated as one
 * depth, which is all the rule needs) and "…" pairs, and whether each is followed by an
 * attribution (a comma inside before the close, or a lower-case word after it). */
static void find_quotes(seg_splitter *s, const char *t, size_t len) {
  s->nq = 0;
  size_t depth = 0, straight_open = SIZE_MAX;
  for (size_t i = 0; i < len;) {
    /* only '"', '(', ')' and the lead bytes of « » “ ” can matter: skip everything else */
    static const seg_byteset interesting = {{'"', '(', ')'}, 3, 1};
    i = seg_scan(t, len, i, &interesting);
    if (i >= len) break;
    unsigned char lead = (unsigned char)t[i];
    if (lead >= 0x80 && lead != 0xC2 && lead != 0xE2) {
      i++;
      continue;
    }
    size_t at = i;
    int32_t c;
    U8_NEXT((const uint8_t *)t, i, len, c);
    size_t open = SIZE_MAX;
    if (c == 0x201C || c == 0xAB || c == '(') {
      SEG_GROW(s->stack, s->stack_cap, depth + 1);
      s->stack[depth++] = at;
      continue;
    }
    if ((c == 0x201D || c == 0xBB || c == ')') && depth) {
      open = s->stack[--depth];
      if (depth) continue;
    } else if (c == '"' && !depth) {
      if (straight_open == SIZE_MAX) {
        straight_open = at;
        continue;
      }
      open = straight_open;
      straight_open = SIZE_MAX;
    } else {
      continue;
    }
    /* [open, at] is an outermost quotation */
    size_t before;
    int32_t inner = cp_before(t, at, &before);
    size_t ws = word_start(t, len, i);
    int32_t after = ws < len ? cp_at(t, len, ws) : 0;
    int attr = inner == ',' || (after > 0 && cp_is(s, after, CP_LOWER));
    SEG_GROW(s->qopen, s->q_cap, s->nq + 1);
    SEG_GROW(s->qclose, s->q_cap2, s->nq + 1);
    SEG_GROW(s->qattr, s->q_cap3, s->nq + 1);
    s->qopen[s->nq] = open;
    s->qclose[s->nq] = at;
    s->qattr[s->nq] = (unsigned char)attr;
    s->nq++;
  }
}

/* Sentences a quotation may hold and still stay one unit (more: breaks as usual). */
#define QUOTE_MAX 4
#define QUOTE_MAX_ATTRIBUTED 8

static void add_cand(seg_splitter *s, size_t b) {
  SEG_GROW(s->cand, s->cand_cap, s->ncand + 1);
  s->cand[s->ncand++] = b;
}

/* ICU does not break after "…" (it is not a sentence terminator there); a capital after it
 * starts a new sentence. Inserts such boundaries in order. */
static void ellipsis_breaks(seg_splitter *s, const char *t, size_t len) {
  const char *p = t, *end = t + len;
  size_t orig = s->ncand;
  while ((p = memchr(p, 0xE2, (size_t)(end - p))) != NULL) {
    if (end - p >= 3 && (unsigned char)p[1] == 0x80 && (unsigned char)p[2] == 0xA6) {
      size_t i = (size_t)(p - t) + 3;
      while (i < len) {
        int32_t c = cp_at(t, len, i);
        if (!is_close_punct(c)) break;
        U8_FWD_1((const uint8_t *)t, i, len);
      }
      if (i < len && t[i] == ' ') {
        size_t b = i;
        while (b < len && t[b] == ' ') b++;
        size_t ws = word_start(t, len, b);
        if (ws < len && cp_is(s, cp_at(t, len, ws), CP_UPPER)) add_cand(s, b);
      }
    }
    p++;
  }
  if (s->ncand == orig) return;
  /* merge the new (sorted) tail into the sorted head, dropping duplicates */
  size_t n = s->ncand;
  size_t *tmp = seg_xmalloc(n * sizeof *tmp);
  size_t a = 0, b = orig, k = 0;
  while (a < orig || b < n) {
    size_t v = (b >= n || (a < orig && s->cand[a] <= s->cand[b])) ? s->cand[a++] : s->cand[b++];
    if (!k || tmp[k - 1] != v) tmp[k++] = v;
  }
  memcpy(s->cand, tmp, k * sizeof *tmp);
  s->ncand = k;
  free(tmp);
}

/* "kota.Warga" (a MARK_GLUED stop at p): a sentence ends there when both pieces are words,
 * the left of letters only (no digit, '.', '@', '/' or ':' of a number, domain, URL, e-mail
 * or file name) and the right one capitalized ("Warga", not "PDF" or "Com.id"); a right piece
 * of three letters or fewer only when it is a sentence starter or said twice ("rumah.Ia",
 * "gan.Ijo-ijo", not "detik.Com").
 * Abbreviations ("Dr.Andi", "Jl.Sudirman") are left to keep_boundary. */
static int glued_ends_sentence(const seg_splitter *s, const char *t, size_t len, size_t p) {
  size_t r = p + 2;
  while (r < len && (unsigned)(t[r] - 'a') < 26u) r++;
  if (r == p + 2) return 0; /* "Ph.D.", "Sp.OG." */
  if (r < len) {
    unsigned char c = (unsigned char)t[r];
    if (seg_ascii_alnum(c) || c == '_' || c == '/' || c == '@' || c == '\\') return 0;
    if ((c == '.' || c == ':') && r + 1 < len && seg_ascii_alnum((unsigned char)t[r + 1])) return 0;
    if (c >= 0x80 && u_isalpha(cp_at(t, len, r))) return 0;
  }
  /* (a word said twice is a longer word: "gan.Ijo-ijo meluncur", not "detik.Com-news") */
  size_t n1 = r - (p + 1);
  int twice = r + 1 + n1 <= len && t[r] == '-';
  for (size_t k = 0; twice && k < n1; k++)
    twice = (t[p + 1 + k] | 0x20) == (t[r + 1 + k] | 0x20);
  if (n1 <= 3 && !twice && !is_starter(s->abbr, t + p + 1, n1)) return 0;
  size_t l = p;
  while (l > 0 && (seg_ascii_alnum((unsigned char)t[l - 1]) || t[l - 1] == '-' ||
                   (unsigned char)t[l - 1] >= 0x80)) {
    if ((unsigned)(t[l - 1] - '0') < 10u) return 0;
    l--;
  }
  if (p - l < 2) return 0;
  return !l || t[l - 1] == ' ' || t[l - 1] == '\t' || t[l - 1] == '(' || t[l - 1] == '"' ||
         t[l - 1] == '\'';
}

/* After a run of citation marks ending at e: the next sentence's start (past the spaces), or
 * 0 when none starts there (the text ends, or a lower-case word or punctuation follows; glued
 * to the mark only a capital starts one). */
static size_t after_cites(const seg_splitter *s, const char *t, size_t len, size_t e) {
  size_t f = e;
  while (f < len && t[f] == ' ') f++;
  size_t ws = word_start(t, len, f);
  if (ws >= len) return 0;
  int32_t c = cp_at(t, len, ws);
  if (cp_is(s, c, CP_UPPER) ||
      (f > e && (cp_is(s, c, CP_DIGIT) || (cp_is(s, c, CP_ALPHA) && !cp_is(s, c, CP_LOWER)))))
    return f;
  return 0;
}

/* Rewrites the candidates around the marks of find_windows / find_marks_whole (both lists are
 * in order): a glued stop that ends a sentence gets a boundary after it; a run of citation
 * marks after a terminator belongs to the sentence before, so ICU's boundaries inside it go
 * and one follows it when a sentence starts there (keep_boundary still decides both). */
static void mark_breaks(seg_splitter *s, const char *t, size_t len) {
  SEG_GROW(s->cand2, s->cand2_cap, s->ncand + s->nmarks);
  size_t n = 0, c = 0;
  for (size_t m = 0; m < s->nmarks; m++) {
    size_t p = s->marks[m] >> 1, drop = p, add = 0;
    if ((s->marks[m] & MARK_GLUED) && t[p + 1] == ' ') {
      add = p + 2; /* before a sentence starter in lower case */
    } else if (s->marks[m] & MARK_GLUED) {
      if (glued_ends_sentence(s, t, len, p)) add = p + 1;
    } else { /* p: the '[' (ICU's boundaries are after it) or a superscript digit (before it) */
      size_t e = cite_run_end(t, len, p);
      if (e == p) continue;
      drop = e;
      add = after_cites(s, t, len, e);
      if (t[p] != '[') p--; /* a boundary right before the digit goes too */
    }
    while (c < s->ncand && s->cand[c] <= p) s->cand2[n++] = s->cand[c++];
    while (c < s->ncand && s->cand[c] <= drop) c++;
    if (!add) continue;
    while (c < s->ncand && s->cand[c] < add) s->cand2[n++] = s->cand[c++];
    if (c == s->ncand || s->cand[c] != add) s->cand2[n++] = add;
  }
  while (c < s->ncand) s->cand2[n++] = s->cand[c++];
  size_t *old = s->cand, cap = s->cand_cap;
  s->cand = s->cand2;
  s->cand_cap = s->cand2_cap;
  s->cand2 = old;
  s->cand2_cap = cap;
  s->ncand = n;
}

static void add_span(seg_splitter *s, const char *t, size_t a, size_t b) {
  while (a < b && t[a] == ' ') a++;
  while (b > a && t[b - 1] == ' ') b--;
  if (a == b) return;
  SEG_GROW(s->spans, s->spans_cap, s->nspans + 1);
  s->spans[s->nspans++] = (seg_span){a, b};
}

/* ---------- ICU, consulted around sentence terminators only ----------
 *
 * Under ICU's sentence rules (UAX #29 SB1-SB12) a boundary can only follow a terminator
 * (Sentence_Break ATerm or STerm, then Close* Sp*) or a separator (Sep, CR, LF). Whether one does
 * depends on little context: the letter before an ATerm (SB7) and what follows the terminator
 * up to the first letter (SB6, SB8, SB8a, SB9-11). After a letter the rules carry no state from
 * earlier text. So ICU gets, for each terminator, a window from the nearest letter before it
 * to one code point past the first letter after it; overlapping windows merge. Windows without
 * Sep, CR, LF, Extend or Format are decided here by SB6-SB11 (plain_window); the others go to
 * ICU in one text, separated by U+2029 (a Sep: SB4 breaks after it and every window starts
 * afresh), and ICU's boundaries strictly inside a window are the paragraph's boundaries there.
 * Paragraphs with no terminator never reach ICU, nor does an ATerm directly followed by a
 * digit or a lower-case letter (SB6, SB8: never a boundary). Text holding Sep/CR/LF (the
 * cleaner turns them into spaces, but the splitter takes any text) and opts.icu_full take the
 * plain path: the whole paragraph through ICU. tests/test_splitter.c checks both paths agree. */

static int sb_class_other(const char *t, size_t len, size_t i, size_t *next) {
  int32_t c;
  U8_NEXT((const uint8_t *)t, i, len, c);
  *next = i;
  return c < 0 ? U_SB_OTHER : u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK);
}

/* Inlined at its many call sites for ASCII (a table); other characters through ICU. */
SEG_SCAN_INLINE int sb_class(const seg_splitter *s, const char *t, size_t len, size_t i,
                             size_t *next) {
  unsigned char b = (unsigned char)t[i];
  if (b < 0x80) {
    *next = i + 1;
    return s->sb_ascii[b];
  }
  return sb_class_other(t, len, i, next);
}

static void add_window(seg_splitter *s, size_t a, size_t b) {
  SEG_GROW(s->win, s->win_cap, s->nwin + 1);
  s->win[s->nwin].u8 = a;
  s->win[s->nwin].u8end = b;
  s->nwin++;
}

static void add_fast(seg_splitter *s, size_t b) {
  SEG_GROW(s->fast, s->fast_cap, s->nfast + 1);
  s->fast[s->nfast++] = b;
}

static int plain_window(seg_splitter *s, const char *t, size_t len, size_t a, size_t e);

static void add_mark(seg_splitter *s, size_t at, size_t kind) {
  SEG_GROW(s->marks, s->marks_cap, s->nmarks + 1);
  s->marks[s->nmarks++] = at << 1 | kind;
}

/* The marks of a paragraph ICU reads whole (opts.icu_full, or a separator inside), found as
 * find_windows finds them: every terminator directly after a letter is one it visits, and so
 * is every byte from a terminator it visits to the next letter. */
static void find_marks_whole(seg_splitter *s, const char *t, size_t len) {
  s->nmarks = 0;
  for (size_t i = 1; i < len; i++) {
    if (cite_char(t, len, i) && cite_opens(t, i)) add_mark(s, i, MARK_CITE);
    else if (t[i] == '.' && is_glued(t, len, i)) add_mark(s, i, MARK_GLUED);
    else if (s->abbr->nlower && is_lower_mark(s, t, len, i)) add_mark(s, i, MARK_GLUED);
  }
}

/* A window find_windows has closed: decided there (1: no boundary, 2: one at a + 3), or by
 * plain_window, or kept for ICU. */
static void close_window(seg_splitter *s, const char *t, size_t len, size_t a, size_t b,
                         int decided) {
  if (decided) { /* written either way, counted only for a boundary: no branch on which */
    SEG_GROW(s->fast, s->fast_cap, s->nfast + 1);
    s->fast[s->nfast] = a + 3;
    s->nfast += (size_t)decided >> 1;
  } else if (!plain_window(s, t, len, a, b)) {
    add_window(s, a, b);
  }
}

/* Finds the windows around terminators, in order: the boundaries of those decided without ICU
 * go to s->fast, the others to s->win. Returns 0 when the paragraph holds a separator (ICU
 * must read all of it). */
static int find_windows(seg_splitter *s, const char *t, size_t len) {
  s->nwin = 0;
  s->nfast = 0;
  size_t i = 0, wend = 0, ws = 0;
  int open = 0, decided = 0; /* decided: the open window's, see close_window */
  while (i < len) {
    i = s->usual_terminators ? seg_scan(t, len, i, &usual_terminators)
                             : seg_scan(t, len, i, &s->terminators);
    if (i >= len) break;
    size_t nx;
    int cls = sb_class(s, t, len, i, &nx);
    if (sb_sep(cls)) return 0;
    if (cls != U_SB_ATERM && cls != U_SB_STERM) {
      i = nx;
      continue;
    }
    /* An ATerm directly before a digit (SB6: "10.30", "5.000") or a lower-case letter (SB8 with
     * nothing between: "kompas.com") is never a boundary: no window needed. */
    if (cls == U_SB_ATERM && nx < len && (unsigned char)t[nx] < 0x80) {
      int next = s->sb_ascii[(unsigned char)t[nx]];
      if (next == U_SB_NUMERIC || next == U_SB_LOWER) {
        i = nx;
        continue;
      }
      if (next == U_SB_UPPER && is_glued(t, len, i)) add_mark(s, i, MARK_GLUED);
      else if (next == U_SB_SP && nx + 1 < len && (unsigned)(t[nx + 1] - 'a') < 26u &&
               s->abbr->nlower && is_lower_mark(s, t, len, i))
        add_mark(s, i, MARK_GLUED); /* the cheap tests inline: a capital follows most stops */
    }
    /* The two common shapes after an ASCII character that is no terminator or separator, away
     * from any open window (it may start where one ends), are decided here as plain_window
     * would decide their windows: "that character, terminator, space, letter, one more ASCII
     * character (not a separator)" has a boundary before the letter unless the terminator is
     * an ATerm and the letter lower case (SB8), window [i-1, i+4); a terminator ending the text
     * has none, window [i-1, len). Only SB7 looks before the terminator, and only at a letter;
     * a terminator before the window has a letter after it inside its own window, so its
     * Close* Sp* run cannot reach this one. A later window may still merge into it (then
     * undecided). One branch on all the conditions: each alone is often true or false. */
    if (i > 0) {
      const unsigned char *b = (const unsigned char *)t + i - 1;
      const unsigned letter = 1u << U_SB_UPPER | 1u << U_SB_LOWER | 1u << U_SB_OLETTER;
      const unsigned sep = 1u << U_SB_SEP | 1u << U_SB_CR | 1u << U_SB_LF;
      const unsigned before = letter | 1u << U_SB_OTHER | 1u << U_SB_CLOSE | 1u << U_SB_NUMERIC |
                              1u << U_SB_SP | 1u << U_SB_SCONTINUE;
      unsigned lead = (b[0] < 0x80) & (before >> s->sb_ascii[b[0] & 0x7F]) &
                      (!open | (i - 1 >= wend));
      unsigned mid = 0, end = lead & (i + 1 == len);
      if (i + 3 < len) {
        unsigned c2 = s->sb_ascii[b[2] & 0x7F], c3 = s->sb_ascii[b[3] & 0x7F];
        unsigned c4 = s->sb_ascii[b[4] & 0x7F];
        mid = lead & ((b[2] | b[3] | b[4]) < 0x80) & (letter >> c3) & (c2 == U_SB_SP) &
              ~(sep >> c4);
      }
      if ((mid | end) & 1) {
        if (open) close_window(s, t, len, ws, wend, decided);
        ws = i - 1;
        open = 1;
        if (end & 1) {
          wend = len;
          decided = 1;
          i = len;
        } else {
          wend = i + 4;
          decided = cls == U_SB_ATERM && s->sb_ascii[b[3]] == U_SB_LOWER ? 1 : 2;
          i += 3;
        }
        continue;
      }
    }
    /* left: back to the nearest letter (or the start, or into the open window) */
    size_t L = i;
    while (L > wend) {
      size_t p = L, q;
      U8_BACK_1((const uint8_t *)t, 0, p);
      L = p;
      if (sb_letter(sb_class(s, t, len, p, &q))) break;
    }
    /* right: terminators, closing punctuation, spaces and other non-letters, then the first
     * letter with its Extend/Format marks and one more code point */
    size_t j = nx, resume = len;
    while (j < len) {
      cls = sb_class(s, t, len, j, &nx);
      if (sb_sep(cls)) return 0;
      if (sb_letter(cls)) break;
      if (cite_char(t, len, j) && cite_opens(t, j)) add_mark(s, j, MARK_CITE);
      j = nx;
    }
    if (j < len) {
      j = nx;
      while (j < len) {
        cls = sb_class(s, t, len, j, &nx);
        if (cls != U_SB_EXTEND && cls != U_SB_FORMAT) break;
        j = nx;
      }
      resume = j;
      if (j < len) {
        if (sb_sep(sb_class(s, t, len, j, &nx))) return 0;
        j = nx;
      }
    }
    if (open && L <= wend) {
      if (j > wend) wend = j;
      decided = 0;
    } else {
      if (open) close_window(s, t, len, ws, wend, decided);
      ws = L;
      wend = j;
      open = 1;
      decided = 0;
    }
    i = resume;
  }
  if (open) close_window(s, t, len, ws, wend, decided);
  return 1;
}

/* UTF-8 [a, b) appended to s->u16 at *at (capacity is ensured by the caller). */
static int widen(seg_splitter *s, const char *t, size_t a, size_t b, int32_t *at) {
  size_t k = a;
  while (k < b && (unsigned char)t[k] < 0x80) s->u16[(*at)++] = (UChar)(unsigned char)t[k++];
  if (k == b) return 0;
  UErrorCode st = U_ZERO_ERROR;
  int32_t n = 0;
  u_strFromUTF8WithSub(s->u16 + *at, (int32_t)(s->u16_cap - (size_t)*at), &n, t + k,
                       (int32_t)(b - k), 0xFFFD, NULL, &st);
  if (U_FAILURE(st)) return -1;
  *at += n;
  return 1;
}

/* Maps UTF-16 position `to` (from `*u16` at UTF-8 offset `*u8`) forward; returns the offset. */
static size_t map_forward(const char *t, size_t len, size_t *u8, int32_t *u16, int32_t to) {
  while (*u16 < to && *u8 < len) {
    unsigned char lead = (unsigned char)t[*u8];
    size_t k = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    *u16 += k == 4 ? 2 : 1;
    *u8 += k;
  }
  return *u8;
}

static seg_status icu_fail(seg_error *err, UErrorCode st) {
  seg_error_set(err, SEG_ERR_ICU, NULL, 0, 0, "ICU sentence break: %s", u_errorName(st));
  return SEG_ERR_ICU;
}

/* Most windows ("x. Y", "A.S. di", "(5/5). “Ia", "x." at the end) hold no Sep, CR, LF,
 * Extend or Format character; there UAX #29 reduces to SB6-SB11 and is decided here, without
 * ICU: a boundary can only fall after a run of terminators, each followed by Close* Sp*
 * (SB8a joins them, and keeps an SContinue after them); it falls there (SB11) unless the last terminator is an ATerm and either
 * SB6/SB7 hold (a Numeric, or an Upper after a letter, right after it) or SB8 does (a Lower
 * comes before any letter or terminator). Appends the window's boundaries to s->fast and
 * returns 1, or returns 0 (nothing appended): ICU must read it. Classes come from ICU. */
static int plain_window(seg_splitter *s, const char *t, size_t len, size_t a, size_t e) {
  /* find_windows starts every window at a letter or at the text's start, so nothing before
   * it matters */
  size_t limit = e, nx;
  if (a >= e) return 0;
  /* the window's last code point, after a letter, is past every rule's reach */
  size_t q = e - 1;
  while (q > a && ((unsigned char)t[q] & 0xC0) == 0x80) q--;
  if (q > a) {
    size_t p = q, r;
    U8_BACK_1((const uint8_t *)t, a, p);
    if (sb_letter(sb_class(s, t, len, p, &r))) limit = q;
  }
  /* classes of [a, limit), checked once */
  SEG_GROW(s->cls, s->cls_cap, limit - a + 1);
  const unsigned bad = 1u << U_SB_SEP | 1u << U_SB_CR | 1u << U_SB_LF | 1u << U_SB_EXTEND |
                       1u << U_SB_FORMAT;
  for (size_t i = a; i < limit; i = nx) {
    int c = sb_class(s, t, len, i, &nx);
    s->cls[i - a] = (unsigned char)c;
    for (size_t k = i + 1; k < nx && k < limit; k++) s->cls[k - a] = 0xFF; /* continuation */
    if (c < 32 && (bad >> c & 1)) return 0;
  }
#define CLS(i) (s->cls[(i) - a])
  size_t mark = s->nfast;
  for (size_t i = a; i < limit;) {
    int c = CLS(i);
    if (c != U_SB_ATERM && c != U_SB_STERM) {
      i++;
      continue;
    }
    size_t last = i, j;
    for (;;) { /* the run: terminators, each with Close* Sp* */
      j = last + 1;
      while (j < limit && CLS(j) == 0xFF) j++;
      while (j < limit && (CLS(j) == U_SB_CLOSE || CLS(j) == 0xFF)) j++;
      while (j < limit && (CLS(j) == U_SB_SP || CLS(j) == 0xFF)) j++;
      if (j < limit && (CLS(j) == U_SB_ATERM || CLS(j) == U_SB_STERM)) {
        last = j;
        continue;
      }
      break;
    }
    if (j >= limit) {
      if (j == len) break; /* the end of the text: no boundary inside */
      s->nfast = mark;
      return 0;
    }
    int brk = CLS(j) != U_SB_SCONTINUE; /* SB8a */
    if (brk && CLS(last) == U_SB_ATERM) {
      size_t after = last + 1;
      while (after < limit && CLS(after) == 0xFF) after++;
      int next = CLS(j);
      if (j == after && next == U_SB_NUMERIC) brk = 0; /* SB6 */
      if (j == after && next == U_SB_UPPER && last > a) { /* SB7 */
        size_t p = last;
        U8_BACK_1((const uint8_t *)t, a, p);
        if (CLS(p) == U_SB_UPPER || CLS(p) == U_SB_LOWER) brk = 0;
      }
      size_t k = j; /* SB8 */
      while (k < limit && (CLS(k) == 0xFF || (!sb_letter(CLS(k)) && CLS(k) != U_SB_ATERM &&
                                                  CLS(k) != U_SB_STERM)))
        k++;
      if (k < limit && CLS(k) == U_SB_LOWER) brk = 0;
      if (k >= limit && limit != len) {
        s->nfast = mark;
        return 0;
      }
    }
    if (brk) add_fast(s, j);
    i = j;
  }
#undef CLS
  return 1;
}

/* ICU's boundaries inside the windows s->win into s->cand (joined by U+2029 when `joined`;
 * else the one window is the whole text), with the boundaries of s->fast before them merged
 * in order (*f: the next one). */
static seg_status icu_windows(seg_splitter *s, const char *t, size_t len, int joined, size_t *f,
                              seg_error *err) {
  UErrorCode st = U_ZERO_ERROR;
  size_t need = len + s->nwin + 1;
  SEG_GROW(s->u16, s->u16_cap, need);
  int32_t at = 0;
  int wide = 0;
  for (size_t w = 0; w < s->nwin; w++) {
    s->win[w].u16 = at;
    int r = widen(s, t, s->win[w].u8, s->win[w].u8end, &at);
    if (r < 0) return icu_fail(err, U_INVALID_CHAR_FOUND);
    wide |= r;
    s->win[w].u16end = at;
    if (joined) s->u16[at++] = 0x2029;
  }
  ubrk_setText(s->bi, s->u16, at, &st);
  if (U_FAILURE(st)) return icu_fail(err, st);
  size_t w = 0, u8 = s->win[0].u8;
  int32_t u16 = s->win[0].u16;
  for (int32_t b = ubrk_next(s->bi); b != UBRK_DONE; b = ubrk_next(s->bi)) {
    while (w < s->nwin && b >= s->win[w].u16end) {
      w++;
      u8 = w < s->nwin ? s->win[w].u8 : 0;
      u16 = w < s->nwin ? s->win[w].u16 : 0;
    }
    if (w == s->nwin) break;
    if (b <= s->win[w].u16) continue;
    size_t at8 = wide ? map_forward(t, len, &u8, &u16, b) : s->win[w].u8 + (size_t)(b - s->win[w].u16);
    while (*f < s->nfast && s->fast[*f] < at8) add_cand(s, s->fast[(*f)++]);
    add_cand(s, at8);
  }
  return SEG_OK;
}

/* Candidate boundaries (0 < b < len) into s->cand: those of the plain windows, decided here,
 * and ICU's for the rest. */
static seg_status icu_candidates(seg_splitter *s, const char *t, size_t len, seg_error *err) {
  s->nmarks = 0;
  int windows = !s->opts.icu_full && find_windows(s, t, len);
  if (!windows) {
    s->nfast = 0;
    s->nwin = 0;
    add_window(s, 0, len);
    if (!s->opts.raw) find_marks_whole(s, t, len);
  }
  if (!s->nwin) { /* every window decided here: s->fast is the list (s->cand is empty) */
    size_t *cand = s->cand, cap = s->cand_cap;
    s->cand = s->fast;
    s->cand_cap = s->fast_cap;
    s->ncand = s->nfast;
    s->fast = cand;
    s->fast_cap = cap;
    s->nfast = 0;
    return SEG_OK;
  }
  size_t f = 0; /* the next boundary from s->fast to merge in, in order */
  if (icu_windows(s, t, len, windows, &f, err)) return SEG_ERR_ICU;
  while (f < s->nfast) add_cand(s, s->fast[f++]);
  return SEG_OK;
}

size_t seg_splitter_boundaries(const seg_splitter *s, const size_t **out) {
  *out = s->kept;
  return s->nkept;
}

long seg_splitter_split(seg_splitter *s, const char *t, size_t len, const seg_span **spans,
                        seg_error *err) {
  s->nspans = 0;
  s->ncand = 0;
  s->nkept = 0;
  *spans = s->spans;
  if (!len) return 0;
  if (len > INT32_MAX / 2) {
    seg_error_set(err, SEG_ERR_INPUT, NULL, 0, 0, "paragraph too long (%zu bytes)", len);
    return SEG_ERR_INPUT;
  }
  if (icu_candidates(s, t, len, err)) return SEG_ERR_ICU;
  if (!s->opts.raw) ellipsis_breaks(s, t, len);
  if (!s->opts.raw && s->nmarks) mark_breaks(s, t, len);
  /* without a candidate no quotation can hold one: the scan is spared */
  if (!s->opts.raw && !s->opts.split_quotes && s->ncand) find_quotes(s, t, len);
  else s->nq = 0;
  /* Count the candidates inside each quotation: a closed quotation holding a few sentences
   * stays one unit (quoted speech); one holding many is more likely a stray quote mark. */
  for (size_t q = 0, i = 0; q < s->nq; q++) {
    size_t inner = 0;
    while (i < s->ncand && s->cand[i] <= s->qopen[q]) i++;
    for (size_t j = i; j < s->ncand && s->cand[j] <= s->qclose[q]; j++) inner++;
    size_t limit = s->qattr[q] ? QUOTE_MAX_ATTRIBUTED : QUOTE_MAX;
    s->qattr[q] = inner <= limit;
  }
  size_t prev = 0, q = 0;
  for (size_t i = 0; i < s->ncand; i++) {
    size_t b = s->cand[i];
    if (!s->opts.raw) {
      if (!keep_boundary(s, t, len, prev, b)) continue;
      while (q < s->nq && s->qclose[q] < b) q++;
      if (q < s->nq && s->qopen[q] < b && b <= s->qclose[q] && s->qattr[q]) continue;
    }
    add_span(s, t, prev, b);
    SEG_GROW(s->kept, s->kept_cap, s->nkept + 1);
    s->kept[s->nkept++] = b;
    prev = b;
  }
  add_span(s, t, prev, len);
  *spans = s->spans;
  return (long)s->nspans;
}
