/* stage_filter: the sentence and pair rules of filter.c as row stages. Sentence rows of a
 * monolingual run get the character-level sentence rules (empty, too-long, symbols,
 * placeholder), without the token-level ones (url-only, repeated: the line classifier already
 * drops such debris lines) and without the language check (a page may quote another language;
 * the check is for pairs); most sentences are cleared by one byte scan that can only err on the
 * side of asking the full rules. Sentences collected for alignment are judged later, as
 * pairs; pair rows (aligned links with both sides, existing pairs) get the sentence rules on
 * both sides with the language check, then the pair rules. The stage also fills the lang
 * column when one is written. Judges only: never rewrites a row's text. */
#include <stdlib.h>
#include <string.h>

#include "filter.h"
#include "langid.h"
#include "scan.h"
#include "stage.h"

typedef struct {
  seg_filters *f;
  int want_lang;
  size_t max_chars, max_words; /* 0: no limit */
  double min_letter_share;
  char lang[16];
} filter_stage;

static void *create(const seg_stage_env *env, int pairs) {
  const seg_filter_config *cfg = env->side->res->filters;
  seg_filter_config copy = *cfg;
  if (!pairs) { /* the character-level rules; the language check's handle only for lang */
    copy.on[SEG_RULE_WRONG_LANGUAGE] = env->want_lang;
    copy.on[SEG_RULE_URL_ONLY] = copy.on[SEG_RULE_REPEATED] = 0;
  }
  int any = 0;
  for (int r = 0; r < SEG_RULE_DUPLICATE; r++) any |= copy.on[r];
  if (!any && !env->want_lang) return NULL;
  filter_stage *s = seg_xcalloc(1, sizeof *s);
  s->f = seg_filters_new(&copy, env->side->res->dict, env->err);
  s->want_lang = env->want_lang;
  s->max_chars = copy.on[SEG_RULE_TOO_LONG] ? copy.max_chars : 0;
  s->max_words = copy.on[SEG_RULE_TOO_LONG] ? copy.max_words : 0;
  s->min_letter_share = copy.on[SEG_RULE_SYMBOLS] ? copy.min_letter_share : 0;
  if (!s->f) { /* the configuration was checked on load: the fingerprints can fail */
    free(s);
    return NULL;
  }
  return s;
}

static void *create_sentence(const seg_stage_env *env) {
  if (env->aligning || env->cfg->input_format == SEG_INPUT_PAIRS) return NULL;
  return create(env, 0);
}

static void *create_pair(const seg_stage_env *env) { return create(env, 1); }

static seg_str detect(filter_stage *s, const char *text, size_t len, char *to, size_t cap) {
  seg_langid *l = seg_filters_langid(s->f);
  const char *code = l ? seg_langid_detect(l, text, len, NULL) : "und";
  size_t n = strlen(code) < cap ? strlen(code) : cap - 1;
  memcpy(to, code, n);
  to[n] = '\0';
  return (seg_str){to, n};
}

/* Can the character-level rules pass this text without a closer look? Bytes bound characters
 * from above, spaces bound words, ASCII letters bound letters from below: a yes here is a yes
 * of the full rules (a no only means: ask them). */
#if defined(__SSE2__)
/* 0xFF in the bytes of v where a placeholder may start: '{', '%' or '$'. */
static inline __m128i placeholder_bytes(__m128i v) {
  return _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('{')),
                      _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('%')),
                                   _mm_cmpeq_epi8(v, _mm_set1_epi8('$'))));
}
#endif

#if defined(__SSE2__)
/* Adds the lanes of `keep` in block v to the byte counters of spaces and ASCII letters, and
 * its placeholder starts to `seen`. */
static inline void census(__m128i v, __m128i keep, __m128i *spaces, __m128i *letters,
                          __m128i *seen) {
  *spaces = _mm_sub_epi8(*spaces, _mm_and_si128(keep, _mm_cmpeq_epi8(v, _mm_set1_epi8(' '))));
  *letters = _mm_sub_epi8(*letters, _mm_and_si128(keep, seg_letter_bytes(v)));
  *seen = _mm_or_si128(*seen, _mm_and_si128(keep, placeholder_bytes(v)));
}
#endif

static int plainly_fine(const filter_stage *s, const char *t, size_t n) {
  if (s->max_chars && n > s->max_chars) return 0;
  uint64_t spaces = 0, letters = 0;
  size_t i = 0;
  int odd = 0; /* a placeholder may start here: '{', '%' or '$' */
#if defined(__SSE2__)
  const __m128i zero = _mm_setzero_si128(), all = _mm_set1_epi8(-1);
  __m128i seen = zero;
  while (i < n) { /* counters below 256: 254 blocks, then perhaps the last bytes as one more */
    __m128i c_sp = zero, c_let = zero;
    for (int round = 0; round < 254 && i + 16 <= n; round++, i += 16)
      census(_mm_loadu_si128((const __m128i *)(const void *)(t + i)), all, &c_sp, &c_let, &seen);
    if (i < n && i + 16 > n) {
      __m128i keep, v = seg_tail_block(t, n, i, &keep);
      census(v, keep, &c_sp, &c_let, &seen);
      i = n;
    }
    spaces += seg_sum_bytes(c_sp);
    letters += seg_sum_bytes(c_let);
  }
  odd = _mm_movemask_epi8(seen) != 0;
#else
  for (; i < n; i++) {
    unsigned char c = (unsigned char)t[i];
    odd |= c == '{' || c == '%' || c == '$';
    spaces += c == ' ';
    letters += (unsigned char)((c | 0x20) - 'a') < 26;
  }
#endif
  if (odd || !letters) return 0;
  if (s->max_words && spaces + 1 > s->max_words) return 0;
  return (double)letters >= s->min_letter_share * (double)(n - spaces);
}

static const char *take_sentence(void *self, seg_row *row) {
  filter_stage *s = self;
  if (!s->want_lang && plainly_fine(s, row->text.s, row->text.n)) return NULL;
  const char *reason = seg_filters_sentence(s->f, row->text.s, row->text.n, NULL);
  if (!reason && s->want_lang) row->lang = detect(s, row->text.s, row->text.n, s->lang, sizeof s->lang);
  return reason;
}

static const char *take_pair(void *self, seg_row *row) {
  filter_stage *s = self;
  const char *reason = seg_filters_pair(s->f, row->src.s, row->src.n, row->tgt.s, row->tgt.n);
  if (!reason && s->want_lang) {
    seg_str a = detect(s, row->src.s, row->src.n, s->lang, 7);
    s->lang[a.n] = '-';
    seg_str b = detect(s, row->tgt.s, row->tgt.n, s->lang + a.n + 1, 7);
    row->lang = (seg_str){s->lang, a.n + 1 + b.n};
  }
  return reason;
}

static void destroy(void *self) {
  filter_stage *s = self;
  seg_filters_free(s->f);
  free(s);
}

const seg_stage seg_stage_sentence_filter = {"sentence-filter", SEG_ROWS_SENTENCE, create_sentence,
                                             take_sentence, NULL, destroy};
const seg_stage seg_stage_pair_filter = {"pair-filter", SEG_ROWS_PAIR, create_pair, take_pair,
                                         NULL, destroy};
