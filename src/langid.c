/* langid: see langid.h. The n-gram side uses libexttextcat's fingerprint API (fp_*), which is
 * what textcat_Classify does per category, so only the two fingerprints we need are loaded and
 * no configuration file has to be written: textcat_Init would need a conf file on disk listing
 * "id.lm id--utf8" and "en.lm en--utf8" (its format: fingerprint file name, whitespace, a
 * label; '#' starts a comment), read relative to a prefix directory. */
#include "langid.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fingerprint.h>

#include "buf.h"
#include "hash.h"
#include "ydoc.h"

#ifndef SEGMENT_TEXTCAT_DIR
#define SEGMENT_TEXTCAT_DIR "/usr/share/libexttextcat"
#endif

/* libexttextcat's own limits: fingerprints hold 400 n-grams; a few hundred bytes of text are
 * enough to classify, more only costs time. */
#define NGRAMS 400
#define MAX_SAMPLE 600

extern const unsigned char seg_data_id_langid_words[];
extern const size_t seg_data_id_langid_words_len;
extern const unsigned char seg_data_en_stopwords[];
extern const size_t seg_data_en_stopwords_len;

enum { W_ID = 1, W_EN = 2 };

struct seg_langid {
  seg_langid_opts opts;
  seg_hash_keys words;  /* every stopword, of either list */
  unsigned char *flags; /* flags[i]: W_ID | W_EN, the lists word i is in */
  size_t flags_cap;
  void *fp_id, *fp_en;
  seg_buf sample;
  seg_langid_stats stats;
};

seg_langid_opts seg_langid_opts_default(void) {
  return (seg_langid_opts){NULL, 2, 3.0, 12};
}

static void word_add(seg_langid *l, const char *w, size_t n, unsigned flag) {
  int added;
  uint32_t i = seg_hash_keys_add(&l->words, w, n, &added);
  if (added) {
    SEG_GROW(l->flags, l->flags_cap, (size_t)i + 1);
    l->flags[i] = 0;
  }
  l->flags[i] |= (unsigned char)flag;
}

/* The lists word w[0, n) is in (0: none). */
static unsigned word_flags(const seg_langid *l, const char *w, size_t n) {
  uint32_t i = seg_hash_keys_find(&l->words, w, n);
  return i == SEG_HASH_NONE ? 0 : l->flags[i];
}

static unsigned lang_flag(const char *lang) {
  return !strcmp(lang, "id") ? W_ID : !strcmp(lang, "en") ? W_EN : 0;
}

typedef struct {
  seg_langid *l;
  unsigned flag;
} stop_ctx;

static seg_status add_tree(void *obj, seg_ynode *root, const char *name, seg_error *err) {
  stop_ctx *c = obj;
  static const char *const keys[] = {"stopwords", NULL};
  seg_status rc = SEG_ERR_CONFIG;
  const seg_ynode *list;
  if (seg_ynode_expect(root, SEG_Y_MAP, "a stopword list", name, err) ||
      seg_ynode_keys_allowed(root, keys, name, err))
    goto done;
  list = seg_ynode_get(root, "stopwords");
  if (!list) {
    seg_error_set(err, SEG_ERR_CONFIG, name, root->line, root->col, "missing key 'stopwords'");
    goto done;
  }
  if (seg_ynode_expect(list, SEG_Y_SEQ, "stopwords", name, err)) goto done;
  for (size_t i = 0; i < list->len; i++) {
    const seg_ynode *e = list->kids[i];
    if (seg_ynode_expect(e, SEG_Y_SCALAR, "a stopword", name, err)) goto done;
    for (size_t k = 0; k < e->len; k++) {
      char ch = e->str[k];
      if (ch < 'a' || ch > 'z') {
        seg_error_set(err, SEG_ERR_CONFIG, name, e->line, e->col,
                      "stopword '%s' must be one lower-case word of letters a-z", e->str);
        goto done;
      }
    }
    if (!e->len) {
      seg_error_set(err, SEG_ERR_CONFIG, name, e->line, e->col, "empty stopword");
      goto done;
    }
    word_add(c->l, e->str, e->len, c->flag);
  }
  rc = SEG_OK;
done:
  seg_ynode_free(root);
  return rc;
}

static seg_status bad_lang(const char *lang, seg_error *err) {
  return seg_error_set(err, SEG_ERR_CONFIG, "", 0, 0,
                       "stopword language must be 'id' or 'en', not '%s'", lang);
}

seg_status seg_langid_add_stopwords_yaml(seg_langid *l, const char *lang, const char *yaml,
                                         size_t len, const char *name, seg_error *err) {
  stop_ctx c = {l, lang_flag(lang)};
  if (!c.flag) return bad_lang(lang, err);
  return seg_ydoc_parse_into(yaml, len, name, add_tree, &c, err);
}

seg_status seg_langid_add_stopwords_file(seg_langid *l, const char *lang, const char *path,
                                         seg_error *err) {
  stop_ctx c = {l, lang_flag(lang)};
  if (!c.flag) return bad_lang(lang, err);
  return seg_ydoc_load_into(path, add_tree, &c, err);
}

static void *load_fingerprint(const char *dir, const char *lang, seg_error *err) {
  seg_buf path = {0};
  seg_buf_append(&path, dir, strlen(dir));
  seg_buf_putc(&path, '/');
  seg_buf_append(&path, lang, strlen(lang));
  seg_buf_append(&path, ".lm", 3);
  /* checked here first: a Debian build of the library prints its own message when it cannot
   * open the file, and this library never prints */
  FILE *probe = fopen(path.data, "r");
  void *fp = probe ? fp_Init(lang) : NULL;
  if (probe) fclose(probe);
  if (!fp || !fp_Read(fp, path.data, NGRAMS)) {
    seg_error_set(err, SEG_ERR_CONFIG, path.data, 0, 0,
                  "cannot read the language fingerprint (install libexttextcat-data, or set "
                  "wrong-language: fingerprints: DIR)");
    if (fp) fp_Done(fp);
    fp = NULL;
  }
  seg_buf_free(&path);
  return fp;
}

seg_langid *seg_langid_new(const seg_langid_opts *opts, seg_error *err) {
  seg_langid *l = seg_xcalloc(1, sizeof *l);
  l->opts = opts ? *opts : seg_langid_opts_default();
  const char *dir = l->opts.fingerprints ? l->opts.fingerprints : SEGMENT_TEXTCAT_DIR;
  l->opts.fingerprints = NULL; /* borrowed only during construction */
  if (seg_langid_add_stopwords_yaml(l, "id", (const char *)seg_data_id_langid_words,
                                    seg_data_id_langid_words_len, "<embedded>/id/langid.yaml",
                                    err) ||
      seg_langid_add_stopwords_yaml(l, "en", (const char *)seg_data_en_stopwords,
                                    seg_data_en_stopwords_len, "<embedded>/en/stopwords.yaml",
                                    err) ||
      !(l->fp_id = load_fingerprint(dir, "id", err)) ||
      !(l->fp_en = load_fingerprint(dir, "en", err))) {
    seg_langid_free(l);
    return NULL;
  }
  return l;
}

void seg_langid_free(seg_langid *l) {
  if (!l) return;
  if (l->fp_id) fp_Done(l->fp_id);
  if (l->fp_en) fp_Done(l->fp_en);
  seg_hash_keys_free(&l->words);
  free(l->flags);
  seg_buf_free(&l->sample);
  free(l);
}

static int ascii_letter(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

/* Counts stopword hits and letters. A token is a run of letters (ASCII or not); only ASCII
 * tokens in lower case, or capitalized as the first word, are looked up. */
static void count_words(const seg_langid *l, const char *text, size_t len, size_t *id, size_t *en,
                        size_t *letters) {
  char low[32];
  int seen_word = 0;
  *id = *en = *letters = 0;
  for (size_t i = 0; i < len;) {
    unsigned char c = (unsigned char)text[i];
    if (!ascii_letter(c) && c < 0x80) {
      i++;
      continue;
    }
    size_t a = i;
    int ascii = 1, upper_after_first = 0;
    while (i < len && (ascii_letter((unsigned char)text[i]) || (unsigned char)text[i] >= 0x80)) {
      unsigned char d = (unsigned char)text[i];
      if (d >= 0x80) ascii = 0;
      else if (i > a && d <= 'Z') upper_after_first = 1;
      if (d < 0x80 || (d & 0xC0) != 0x80) (*letters)++;
      i++;
    }
    size_t n = i - a;
    int initial = !seen_word;
    seen_word = 1;
    if (!ascii || upper_after_first || n >= sizeof low) continue;
    /* capitalized only as the first word: inside a sentence "The", "Of" are titles ("Lord of
     * the Rings" in an Indonesian sentence), "A", "I" initials as often as words */
    if (text[a] <= 'Z' && (!initial || n == 1)) continue;
    for (size_t k = 0; k < n; k++) low[k] = (char)(text[a + k] | 0x20);
    unsigned flags = word_flags(l, low, n);
    if (flags == W_ID) (*id)++;
    else if (flags == W_EN) (*en)++;
  }
}

void seg_langid_stopwords(const seg_langid *l, const char *text, size_t len, size_t *id,
                          size_t *en) {
  size_t letters;
  count_words(l, text, len, id, en, &letters);
}

/* The n-gram verdict: the fingerprint with the lower rank distance wins; the confidence is its
 * relative margin over the other. */
static const char *by_ngrams(seg_langid *l, const char *text, size_t len, double *conf) {
  size_t n = len < MAX_SAMPLE ? len : MAX_SAMPLE;
  while (n < len && n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80) n--; /* whole chars */
  seg_buf_clear(&l->sample);
  seg_buf_append(&l->sample, text, n); /* NUL-terminated: the library scans to the NUL */
  void *unknown = fp_Init(NULL);
  const char *lang = "und";
  *conf = 0;
  if (unknown && fp_Create(unknown, l->sample.data, (uint4)l->sample.len, NGRAMS)) {
    double sid = fp_Compare(l->fp_id, unknown, INT_MAX);
    double sen = fp_Compare(l->fp_en, unknown, INT_MAX);
    if (sid != sen) {
      lang = sid < sen ? "id" : "en";
      double worse = sid < sen ? sen : sid;
      *conf = worse > 0 ? (worse - (sid < sen ? sid : sen)) / worse : 0;
    }
  }
  if (unknown) fp_Done(unknown);
  return lang;
}

const char *seg_langid_detect(seg_langid *l, const char *text, size_t len, double *confidence) {
  size_t id, en, letters;
  double conf = 0;
  const char *lang;
  count_words(l, text, len, &id, &en, &letters);
  double mh = l->opts.min_hits, r = l->opts.ratio;
  if (id >= mh && (double)id >= mh + r * (double)en) {
    lang = "id";
    conf = 1.0 - (double)(en + 1) / (double)(id + 2);
    l->stats.by_stopwords++;
  } else if (en >= mh && (double)en >= mh + r * (double)id) {
    lang = "en";
    conf = 1.0 - (double)(id + 1) / (double)(en + 2);
    l->stats.by_stopwords++;
  } else if (letters < l->opts.min_letters) {
    lang = "und";
    l->stats.undetermined++;
  } else {
    lang = by_ngrams(l, text, len, &conf);
    if (strcmp(lang, "und")) l->stats.by_ngrams++;
    else l->stats.undetermined++;
  }
  if (confidence) *confidence = conf;
  return lang;
}

seg_langid_stats seg_langid_get_stats(const seg_langid *l) { return l->stats; }
