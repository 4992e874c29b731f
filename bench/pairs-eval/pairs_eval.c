/* pairs-eval: the pair-filter evaluation driver. Reads `src<TAB>tgt` lines and writes
 * `line<TAB>src<TAB>tgt` for the pairs it keeps, in the order of the eventual
 * `segment --input-format pairs` stage: per side mojibake repair (on the raw bytes) -> HTML
 * entity/tag decoding (a stand-in for the cleaner's, driver only) -> seg_clean_normalize ->
 * the boilerplate lexicon -> sentence and pair rules -> run-wide dedup. Dedup hashes each side
 * as read (a row with markup or mojibake and its clean twin are not duplicates), or with
 * --dedup-clean the text after repair, decoding and normalization. Not part of the library;
 * measurement only.
 *
 * usage: pairs_eval [--filters FILE] [--rejected FILE] [--features] [--no-lexicon]
 *                   [--dedup-clean] [--stats] PAIRS.tsv > KEPT.tsv */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "align.h"
#include "clean.h"
#include "dedup.h"
#include "filter.h"
#include "langid.h"

typedef struct {
  const char *reason;
  size_t count;
} reason_count;

static void count_reason(reason_count *rc, size_t *n, const char *reason) {
  for (size_t i = 0; i < *n; i++)
    if (!strcmp(rc[i].reason, reason)) {
      rc[i].count++;
      return;
    }
  rc[*n].reason = reason;
  rc[(*n)++].count = 1;
}

/* Decodes &amp; &quot; &apos; &lt; &gt; &nbsp; &#NNN; &#xHH; and removes tags <...>. */
static void html_decode(const char *s, size_t n, seg_buf *out) {
  static const struct {
    const char *name;
    unsigned cp;
  } ents[] = {{"amp", '&'}, {"quot", '"'}, {"apos", '\''}, {"lt", '<'}, {"gt", '>'},
              {"nbsp", 0xA0}};
  seg_buf_clear(out);
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '<' && i + 1 < n &&
        (s[i + 1] == '/' || ((s[i + 1] | 0x20) >= 'a' && (s[i + 1] | 0x20) <= 'z'))) {
      const char *gt = memchr(s + i, '>', n - i);
      if (gt) {
        seg_buf_putc(out, ' ');
        i = (size_t)(gt - s);
        continue;
      }
    }
    if (s[i] == '&') {
      const char *semi = memchr(s + i, ';', n - i < 12 ? n - i : 12);
      if (semi) {
        size_t k = (size_t)(semi - s) - i - 1;
        const char *e = s + i + 1;
        unsigned cp = 0;
        if (k >= 2 && e[0] == '#') {
          char *end;
          unsigned long v = (e[1] == 'x' || e[1] == 'X') ? strtoul(e + 2, &end, 16)
                                                          : strtoul(e + 1, &end, 10);
          if (end == semi && v > 0 && v < 0x110000) cp = (unsigned)v;
        } else {
          for (size_t j = 0; j < sizeof ents / sizeof ents[0]; j++)
            if (strlen(ents[j].name) == k && !memcmp(e, ents[j].name, k)) cp = ents[j].cp;
        }
        if (cp) {
          seg_buf_put_utf8(out, cp);
          i = (size_t)(semi - s);
          continue;
        }
      }
    }
    seg_buf_putc(out, s[i]);
  }
}

typedef struct {
  seg_cleaner *cleaner;
  seg_filters *filters;
  seg_buf fixed, html, text[2], key[2];
  seg_offmap map;
  int use_lexicon;
} side_tools;

/* One side through repair, decoding and normalization; returns a reject reason or NULL. */
static const char *prepare(side_tools *t, int side, const char *raw, size_t n, int *repaired) {
  seg_buf_clear(&t->key[side]); /* the dedup key: the text as read */
  seg_buf_append(&t->key[side], raw, n);
  const char *r = seg_filters_repair(t->filters, raw, n, &t->fixed, repaired);
  if (r) return r;
  if (*repaired) raw = t->fixed.data, n = t->fixed.len;
  html_decode(raw, n, &t->html);
  if (t->html.len && memchr(t->html.data, '&', t->html.len)) { /* "&amp;nbsp;": encoded twice */
    seg_buf_clear(&t->fixed);
    seg_buf_append(&t->fixed, t->html.data, t->html.len);
    html_decode(t->fixed.data, t->fixed.len, &t->html);
  }
  seg_buf_clear(&t->text[side]);
  seg_offmap_clear(&t->map);
  seg_clean_normalize(t->cleaner, t->html.data ? t->html.data : "", t->html.len, 0, 1,
                      &t->text[side], &t->map);
  if (t->use_lexicon && seg_cleaner_boilerplate(t->cleaner, t->text[side].data, t->text[side].len))
    return "boilerplate";
  return NULL;
}

static void print_features(seg_filters *f, size_t line, const char *reason, const seg_buf *s,
                           const seg_buf *t) {
  seg_pair_features pf;
  seg_filters_pair_features(f, s->data ? s->data : "", s->len, t->data ? t->data : "", t->len,
                            &pf);
  double conf_s = 0, conf_t = 0;
  const char *ls = "-", *lt = "-";
  seg_langid *lid = seg_filters_langid(f);
  if (lid) {
    ls = seg_langid_detect(lid, s->data ? s->data : "", s->len, &conf_s);
    lt = seg_langid_detect(lid, t->data ? t->data : "", t->len, &conf_t);
  }
  printf("%zu\t%s\tcr=%.3f\twr=%.3f\tsup=%.3f\ttok=%zu\tcopy=%.3f\tsents=%zu/%zu\tnum=%d\t"
         "lang=%s:%.3f/%s:%.3f\tchars=%zu/%zu\n",
         line, reason ? reason : "keep", pf.char_ratio, pf.word_ratio, pf.support,
         pf.support_tokens, pf.copy_overlap, pf.src_sents, pf.tgt_sents, pf.numbers_ok, ls,
         conf_s, lt, conf_t, pf.src_chars, pf.tgt_chars);
}

static int usage(void) {
  fprintf(stderr, "usage: pairs_eval [--filters FILE] [--rejected FILE] [--features] "
                  "[--no-lexicon] [--dedup-clean] [--stats] PAIRS.tsv\n");
  return 2;
}

static int die(const seg_error *e) {
  if (e->line) fprintf(stderr, "pairs_eval: %s:%zu:%zu: %s\n", e->file, e->line, e->col, e->msg);
  else fprintf(stderr, "pairs_eval: %s%s%s\n", e->file, *e->file ? ": " : "", e->msg);
  return seg_status_exit(e->code);
}

int main(int argc, char **argv) {
  const char *path = NULL, *filters_file = NULL, *rejected_path = NULL;
  int features = 0, stats = 0, lexicon = 1, dedup_clean = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--filters") && i + 1 < argc) filters_file = argv[++i];
    else if (!strcmp(argv[i], "--rejected") && i + 1 < argc) rejected_path = argv[++i];
    else if (!strcmp(argv[i], "--features")) features = 1;
    else if (!strcmp(argv[i], "--stats")) stats = 1;
    else if (!strcmp(argv[i], "--no-lexicon")) lexicon = 0;
    else if (!strcmp(argv[i], "--dedup-clean")) dedup_clean = 1;
    else if (argv[i][0] == '-' && argv[i][1]) return usage();
    else path = argv[i];
  }
  if (!path) return usage();
  seg_error err = {0};
  seg_filter_config *cfg = seg_filter_config_default(&err);
  if (!cfg || (filters_file && seg_filter_config_add_file(cfg, filters_file, &err))) return die(&err);
  seg_dict *dict = seg_dict_default(&err);
  seg_lexicon *lex = dict ? seg_lexicon_default(&err) : NULL;
  side_tools t = {0};
  t.use_lexicon = lexicon;
  if (!lex || !(t.cleaner = seg_cleaner_new(lex, &err)) ||
      !(t.filters = seg_filters_new(cfg, dict, &err)))
    return die(&err);
  seg_dedup *dd = cfg->on[SEG_RULE_DUPLICATE] ? seg_dedup_new(cfg->dedup_max_entries) : NULL;
  FILE *in = strcmp(path, "-") ? fopen(path, "rb") : stdin;
  FILE *rej = rejected_path ? fopen(rejected_path, "w") : NULL;
  if (!in || (rejected_path && !rej)) {
    perror(in ? rejected_path : path);
    return 1;
  }
  char *line = NULL;
  size_t cap = 0, lineno = 0, bytes = 0, kept = 0, repaired_rows = 0, nreasons = 0;
  reason_count reasons[64];
  seg_buf key = {0};
  ssize_t got;
  struct timespec t0, t1, c0, c1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
  while ((got = getline(&line, &cap, in)) >= 0) {
    size_t n = (size_t)got;
    bytes += n;
    lineno++;
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r')) n--;
    char *tab = memchr(line, '\t', n);
    size_t slen = tab ? (size_t)(tab - line) : n;
    const char *tgt = tab ? tab + 1 : line + n;
    size_t tlen = tab ? n - slen - 1 : 0;
    int rep_s = 0, rep_t = 0;
    const char *reason = prepare(&t, 0, line, slen, &rep_s);
    if (!reason) reason = prepare(&t, 1, tgt, tlen, &rep_t);
    if (!reason)
      reason = seg_filters_pair(t.filters, t.text[0].data ? t.text[0].data : "", t.text[0].len,
                                t.text[1].data ? t.text[1].data : "", t.text[1].len);
    const seg_buf *ks = dedup_clean ? &t.text[0] : &t.key[0];
    const seg_buf *kt = dedup_clean ? &t.text[1] : &t.key[1];
    if (!reason && dd &&
        seg_dedup_check(dd, seg_dedup_hash(cfg->dedup_mode, ks->data ? ks->data : "", ks->len,
                                           kt->data ? kt->data : "", kt->len, &key)))
      reason = seg_filter_rule_name(SEG_RULE_DUPLICATE);
    if (features) {
      print_features(t.filters, lineno, reason, &t.text[0], &t.text[1]);
    } else if (!reason) {
      printf("%zu\t%s\t%s\n", lineno, t.text[0].data ? t.text[0].data : "",
             t.text[1].data ? t.text[1].data : "");
    }
    if (reason) {
      count_reason(reasons, &nreasons, reason);
      if (rej) fprintf(rej, "%zu\t%s\t%.*s\n", lineno, reason, (int)n, line);
    } else {
      kept++;
      repaired_rows += (size_t)(rep_s || rep_t);
    }
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
  double secs = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
  double cpu = (double)(c1.tv_sec - c0.tv_sec) + 1e-9 * (double)(c1.tv_nsec - c0.tv_nsec);
  if (stats) {
    fprintf(stderr,
            "rows %zu, kept %zu (%zu repaired), %.1f MB in %.3f s = %.2f MB/s (CPU %.3f s = "
            "%.2f MB/s)\n",
            lineno, kept, repaired_rows, (double)bytes / 1e6, secs, (double)bytes / 1e6 / secs, cpu,
            (double)bytes / 1e6 / cpu);
    for (size_t i = 0; i < nreasons; i++)
      fprintf(stderr, "  %-16s %zu\n", reasons[i].reason, reasons[i].count);
    seg_langid *lid = seg_filters_langid(t.filters);
    if (lid) {
      seg_langid_stats ls = seg_langid_get_stats(lid);
      fprintf(stderr, "language check: %zu by stopwords, %zu by n-grams, %zu undetermined\n",
              ls.by_stopwords, ls.by_ngrams, ls.undetermined);
    }
  }
  free(line);
  seg_buf_free(&key);
  seg_buf_free(&t.fixed);
  seg_buf_free(&t.html);
  seg_buf_free(&t.text[0]);
  seg_buf_free(&t.text[1]);
  seg_buf_free(&t.key[0]);
  seg_buf_free(&t.key[1]);
  seg_offmap_free(&t.map);
  seg_dedup_free(dd);
  seg_filters_free(t.filters);
  seg_cleaner_free(t.cleaner);
  seg_lexicon_free(lex);
  seg_dict_free(dict);
  seg_filter_config_free(cfg);
  if (in != stdin) fclose(in);
  if (rej) fclose(rej);
  return 0;
}
