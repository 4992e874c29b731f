/* glossary: every matching rule (positive and negative) and every error message. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <string.h>

#include "glossary.h"

static const char *const YAML =
    "language: id\n"
    "target_language: en\n"
    "terms:\n"
    "  - canonical: Amerika Serikat\n"
    "    variants: [AS, A.S., Amrik]\n"
    "    target: United States\n"
    "  - canonical: PBB\n"
    "    variants: [Perserikatan Bangsa-Bangsa, UN]\n"
    "    target: United Nations\n"
    "  - canonical: Dewan Keamanan PBB\n"
    "    variants: [DK PBB]\n"
    "    target: UN Security Council\n"
    "  - canonical: pesawat nirawak\n"
    "    variants: [drone]\n"
    "    target: drone\n"
    "    case_sensitive: false\n"
    "  - canonical: Uni Eropa\n"
    "    variants: [UE]\n"
    "  - canonical: Kemenlu\n"
    "    variants: []\n"
    "    target: Foreign Ministry\n"
    "  - canonical: Istana \xC3\x89lys\xC3\xA9" "e\n"
    "    variants: [\"\xC3\x89lys\xC3\xA9" "e\"]\n";

typedef struct {
  const char *in, *want, *terms;
} gcase;

/* clang-format off */
static const gcase gcases[] = {
  /* rule 2: whole words; hyphen and punctuation are boundaries */
  {"AS menolak.", "Amerika Serikat menolak.", "AS=Amerika Serikat=United States"},
  {"Hubungan AS-Meksiko memburuk.", "Hubungan Amerika Serikat-Meksiko memburuk.", "AS=Amerika Serikat=United States"},
  {"Negara ASEAN bertemu.", "Negara ASEAN bertemu.", ""},
  {"KASAU hadir.", "KASAU hadir.", ""},
  {"Ia bekerja keras as usual.", "Ia bekerja keras as usual.", ""},
  {"Pasukan A.S. tiba.", "Pasukan Amerika Serikat tiba.", "A.S.=Amerika Serikat=United States"},
  {"Produk (AS) dan (UE).", "Produk (Amerika Serikat) dan (Uni Eropa).", "AS=Amerika Serikat=United States;UE=Uni Eropa="},
  {"Kata BASA bukan AS2.", "Kata BASA bukan AS2.", ""},
  {"\xC3\x89" "AS bukan.", "\xC3\x89" "AS bukan.", ""},
  /* long lines: terms past the first 16 bytes, words across 16-byte blocks, non-ASCII words */
  {"Kalimat pembuka yang cukup panjang ini berakhir sebelum AS menjawab.",
   "Kalimat pembuka yang cukup panjang ini berakhir sebelum Amerika Serikat menjawab.",
   "AS=Amerika Serikat=United States"},
  {"Kalimat yang cukup panjang sekaliAS tidak berubah sama sekali.",
   "Kalimat yang cukup panjang sekaliAS tidak berubah sama sekali.", ""},
  {"Presiden Prancis menyambut tamu di \xC3\x89lys\xC3\xA9" "e kemarin.",
   "Presiden Prancis menyambut tamu di Istana \xC3\x89lys\xC3\xA9" "e kemarin.",
   "\xC3\x89lys\xC3\xA9" "e=Istana \xC3\x89lys\xC3\xA9" "e="},
  {"Kata yang panjang sekali seperti ca\xC3\x89lys\xC3\xA9" "e bukan istilah.",
   "Kata yang panjang sekali seperti ca\xC3\x89lys\xC3\xA9" "e bukan istilah.", ""},
  {"Kata yang panjang sekali \xE2\x80\x9C" "AS\xE2\x80\x9D dan \xC3\xA9" "AS bukan sama sekali.",
   "Kata yang panjang sekali \xE2\x80\x9C" "Amerika Serikat\xE2\x80\x9D dan \xC3\xA9" "AS bukan sama sekali.",
   "AS=Amerika Serikat=United States"},
  /* rule 3: leftmost-longest, no re-scanning */
  {"DK PBB bersidang.", "Dewan Keamanan PBB bersidang.", "DK PBB=Dewan Keamanan PBB=UN Security Council"},
  {"Sidang PBB dibuka.", "Sidang PBB dibuka.", "PBB=PBB=United Nations"},
  {"Kantor Perserikatan Bangsa-Bangsa.", "Kantor PBB.", "Perserikatan Bangsa-Bangsa=PBB=United Nations"},
  /* rule 4: canonical recognized and unchanged */
  {"Amerika Serikat dan Dewan Keamanan PBB.", "Amerika Serikat dan Dewan Keamanan PBB.",
   "Amerika Serikat=Amerika Serikat=United States;Dewan Keamanan PBB=Dewan Keamanan PBB=UN Security Council"},
  /* rule 5: URLs, e-mail, handles untouched */
  {"Lihat https://example.com/AS/UN dan AS.", "Lihat https://example.com/AS/UN dan Amerika Serikat.", "AS=Amerika Serikat=United States"},
  {"Surel ke AS@kedubes.go.id atau @AS.", "Surel ke AS@kedubes.go.id atau @AS.", ""},
  {"Situs www.AS.com ditutup.", "Situs www.AS.com ditutup.", ""},
  /* ... also as the sentence's last token, its final stop after it */
  {"Kabar dari AS di situs AS.com.", "Kabar dari Amerika Serikat di situs AS.com.", "AS=Amerika Serikat=United States"},
  {"Tulis ke humas@AS.go.id.", "Tulis ke humas@AS.go.id.", ""},
  {"Buka http://AS.", "Buka http://AS.", ""},
  /* rule 6: case-insensitive at sentence start keeps the capital */
  {"Drone buatan Iran jatuh.", "Pesawat nirawak buatan Iran jatuh.", "Drone=pesawat nirawak=drone"},
  {"\"Drone itu milik Iran,\" katanya.", "\"Pesawat nirawak itu milik Iran,\" katanya.", "Drone=pesawat nirawak=drone"},
  {"Serangan DRONE dan drone lain.", "Serangan pesawat nirawak dan pesawat nirawak lain.", "DRONE=pesawat nirawak=drone;drone=pesawat nirawak=drone"},
  {"Ratusan drones tiba.", "Ratusan drones tiba.", ""},
  /* rule 7: long form (SHORT) collapses when both share a canonical */
  {"Perserikatan Bangsa-Bangsa (PBB) bersidang.", "PBB bersidang.", "Perserikatan Bangsa-Bangsa (PBB)=PBB=United Nations"},
  {"Amerika Serikat (AS) menolak.", "Amerika Serikat menolak.", "Amerika Serikat (AS)=Amerika Serikat=United States"},
  {"Amerika Serikat (UE) menolak.", "Amerika Serikat (Uni Eropa) menolak.", "Amerika Serikat=Amerika Serikat=United States;UE=Uni Eropa="},
  /* no match at all leaves the sentence untouched */
  {"Hujan turun di Bogor.", "Hujan turun di Bogor.", ""},
  {"Kemenlu menjawab.", "Kemenlu menjawab.", "Kemenlu=Kemenlu=Foreign Ministry"},
};
/* clang-format on */
#define NG (sizeof gcases / sizeof gcases[0])

static seg_glossary *load(const char *y, seg_error *err) {
  seg_glossary *g = seg_glossary_new();
  if (seg_glossary_add_yaml(g, y, strlen(y), "terms.yaml", err)) {
    seg_glossary_free(g);
    return NULL;
  }
  return g;
}

/* A glossary loaded from YAML with its matcher, and the result of the last apply. */
typedef struct {
  seg_glossary *g;
  seg_terms *n;
  seg_buf terms;
  const char *out;
  size_t len, rewrites;
} norm_run;

static void norm_open(norm_run *r, const char *yaml) {
  seg_error err = {0};
  memset(r, 0, sizeof *r);
  r->g = load(yaml, &err);
  cr_assert_not_null(r->g, "%s", err.msg);
  r->n = seg_terms_new(r->g);
}

static void norm_apply(norm_run *r, const char *in) {
  r->rewrites = seg_terms_apply(r->n, in, strlen(in), &r->out, &r->len, &r->terms);
}

static void norm_close(norm_run *r) {
  seg_buf_free(&r->terms);
  seg_terms_free(r->n);
  seg_glossary_free(r->g);
}

ParameterizedTestParameters(glossary, rules) {
  static size_t idx[NG];
  for (size_t i = 0; i < NG; i++) idx[i] = i;
  return cr_make_param_array(size_t, idx, NG);
}

ParameterizedTest(size_t *i, glossary, rules) {
  const gcase *c = &gcases[*i];
  norm_run r;
  norm_open(&r, YAML);
  norm_apply(&r, c->in);
  cr_expect_eq(r.len, strlen(c->want), "input: %s -> %.*s", c->in, (int)r.len, r.out);
  cr_expect(!strncmp(r.out, c->want, r.len), "input: %s -> %.*s (want %s)", c->in, (int)r.len,
            r.out, c->want);
  cr_expect_str_eq(r.terms.data ? r.terms.data : "", c->terms, "input: %s", c->in);
  /* without a terms buffer (no terms column): the same text and count */
  const char *out;
  size_t len;
  size_t rewrites = seg_terms_apply(r.n, c->in, strlen(c->in), &out, &len, NULL);
  cr_expect_eq(rewrites, r.rewrites, "input: %s", c->in);
  cr_expect(len == strlen(c->want) && !strncmp(out, c->want, len), "input: %s -> %.*s", c->in,
            (int)len, out);
  norm_close(&r);
}

/* ---------- randomized: the matcher against a plain search over every key ----------
 * Keys are one to three short words over a, b, A, B, e-acute and E-acute joined by a space or a
 * hyphen, so they share prefixes and differ in case; each term is case-sensitive or not at
 * random, and the same letters may be a case-sensitive key of one term and a folded key of
 * another (the case-sensitive one wins a tie). Texts are the same words between spaces, commas
 * and hyphens. The plain search tries every key at every word start and non-word character. */

typedef struct {
  char s[24];
  int cs, term;
} rkey;

static unsigned rnd_next(unsigned *st) {
  *st = *st * 1103515245u + 12345u;
  return (*st >> 16) & 0x7FFF;
}

/* Folds one byte of the alphabet: A, B and the second byte of E-acute (0x89 -> 0xA9). */
static char rfold(char c) {
  return c == 'A' ? 'a' : c == 'B' ? 'b' : (unsigned char)c == 0x89 ? (char)0xA9 : c;
}

static int rword_byte(const char *t, size_t j) { /* a letter of the alphabet (or its 2nd byte) */
  return t[j] && t[j] != ' ' && t[j] != ',' && t[j] != '-';
}

/* A word of one to three letters. Kind 0: a, b, A, B and the two-byte e-acute letters; kind 1:
 * a, b, A, B only; kind 2: those or c, d, C, D (letters no key has, so most words are passed
 * over and whole lines cross the matcher's 60-byte blocks of ASCII text). */
static void rword(unsigned *st, char *out, int kind) {
  static const char *const letters[] = {"a", "b", "A", "B", "\xC3\xA9", "\xC3\x89"};
  static const char *const plain[] = {"a", "b", "A", "B", "c", "d", "C", "D"};
  size_t n = 1 + rnd_next(st) % 3;
  for (size_t i = 0; i < n; i++)
    strcat(out, kind == 0 ? letters[rnd_next(st) % 6] : plain[rnd_next(st) % (kind == 1 ? 4 : 8)]);
}

/* End of the longest key matching t at i with a boundary after it, 0 if none. */
static size_t rmatch(const rkey *keys, size_t nk, const char *t, size_t i, const rkey **hit) {
  size_t best = 0;
  for (size_t k = 0; k < nk; k++) {
    size_t n = strlen(keys[k].s), q = 0;
    while (q < n && t[i + q] &&
           (keys[k].cs ? t[i + q] == keys[k].s[q] : rfold(t[i + q]) == rfold(keys[k].s[q])))
      q++;
    if (q < n || rword_byte(t, i + n)) continue;
    if (i + n > best || (i + n == best && keys[k].cs && !(*hit)->cs)) {
      best = i + n;
      *hit = &keys[k];
    }
  }
  return best;
}

Test(glossary, random_keys_match_like_a_plain_search) {
  unsigned st = 7;
  for (int round = 0; round < 200; round++) {
    int ascii = round % 2; /* odd rounds: ASCII letters only, lines up to ~400 bytes */
    rkey keys[160];
    size_t nk = 0;
    char yaml[16384] = "terms:\n";
    for (int term = 0; term < 40; term++) {
      int cs = rnd_next(&st) % 2;
      char line[128];
      snprintf(line, sizeof line, "  - canonical: \"Z%d\"\n    case_sensitive: %s\n    variants: [",
               term, cs ? "true" : "false");
      strcat(yaml, line);
      int nv = 1 + rnd_next(&st) % 3, emitted = 0;
      for (int v = 0; v < nv; v++) {
        rkey k = {"", cs, term};
        int words = 1 + rnd_next(&st) % 3;
        for (int w = 0; w < words; w++) {
          if (w) strcat(k.s, rnd_next(&st) % 2 ? " " : "-");
          rword(&st, k.s, ascii);
        }
        int taken = 0; /* one definition per key of a kind (a second would be a conflict) */
        for (size_t q = 0; q < nk && !taken; q++) {
          if (keys[q].cs != cs || strlen(keys[q].s) != strlen(k.s)) continue;
          size_t m = 0;
          while (k.s[m] && (cs ? keys[q].s[m] == k.s[m] : rfold(keys[q].s[m]) == rfold(k.s[m]))) m++;
          taken = !k.s[m];
        }
        if (taken) continue;
        keys[nk++] = k;
        snprintf(line, sizeof line, "%s\"%s\"", emitted++ ? ", " : "", k.s);
        strcat(yaml, line);
      }
      strcat(yaml, "]\n");
    }
    norm_run r;
    norm_open(&r, yaml);
    for (int text = 0; text < 40; text++) {
      char t[512] = "";
      int tokens = 1 + rnd_next(&st) % (ascii ? 80 : 40);
      for (int k = 0; k < tokens; k++) {
        if (k) strcat(t, (const char *const[]){" ", " ", ", ", "-"}[rnd_next(&st) % 4]);
        rword(&st, t, ascii ? 2 : 0);
      }
      char want[4096] = "";
      for (size_t i = 0; t[i];) {
        const rkey *hit = NULL;
        size_t end = rmatch(keys, nk, t, i, &hit);
        size_t next = i + 1;
        if (rword_byte(t, i))
          while (rword_byte(t, next)) next++;
        if (!end) {
          i = next;
          continue;
        }
        char one[128];
        snprintf(one, sizeof one, "%s%.*s=Z%d=", *want ? ";" : "", (int)(end - i), t + i,
                 hit->term);
        strcat(want, one);
        i = end;
      }
      norm_apply(&r, t);
      cr_assert_str_eq(r.terms.data ? r.terms.data : "", want, "round %d text '%s'", round, t);
    }
    norm_close(&r);
  }
}

/* A long key and a word ending in it at every offset of a long ASCII line: found whole at
 * every place, never inside the longer word (the block scan tests each word's first four
 * bytes; words may start or straddle anywhere around its 60-byte steps). */
Test(glossary, long_key_at_every_offset) {
  norm_run r;
  norm_open(&r, "terms:\n  - canonical: \"Z\"\n    variants: [\"kabupaten\", \"paten\"]\n");
  for (size_t off = 0; off < 280; off++) {
    char t[256];
    size_t n = 0, whole = off % 2;
    for (; n < off / 2; n++) t[n] = n % 7 == 6 ? ' ' : 'x';
    strcpy(t + n, whole ? " kabupaten ok" : " sekabupaten ok");
    norm_apply(&r, t);
    cr_assert_str_eq(r.terms.data ? r.terms.data : "", whole ? "kabupaten=Z=" : "",
                     "offset %zu: %s", off / 2, t);
  }
  norm_close(&r);
}

/* Variants that start with punctuation only (no word to filter on), in a long line. */
Test(glossary, variants_starting_with_punctuation) {
  norm_run r;
  norm_open(&r, "terms:\n  - canonical: \"#tagar\"\n    variants: [\"#hashtag\"]\n");
  const char *in = "Ini #hashtag dan tagar biasa di kalimat yang cukup panjang sekali.";
  norm_apply(&r, in);
  cr_expect_eq(r.len, strlen(in) - 2);
  cr_expect(!strncmp(r.out, "Ini #tagar dan tagar biasa", 26), "%.*s", (int)r.len, r.out);
  cr_expect_str_eq(r.terms.data, "#hashtag=#tagar=");
  norm_close(&r);
}

Test(glossary, case_sensitive_default_and_override) {
  norm_run r;
  norm_open(&r, "case_sensitive: false\nterms:\n  - canonical: Inggris\n    variants: [UK]\n"
                "  - canonical: PBB\n    variants: [UN]\n    case_sensitive: true\n");
  norm_apply(&r, "Di uk dan un.");
  cr_expect_eq(r.len, strlen("Di Inggris dan un."));
  cr_expect(!strncmp(r.out, "Di Inggris dan un.", r.len));
  norm_close(&r);
}

Test(glossary, nfc_on_both_sides) {
  norm_run r;
  /* glossary written decomposed (e + U+0301), text precomposed */
  norm_open(&r, "terms:\n  - canonical: \"Caf\\u00e9 Nusantara\"\n    variants: [\"Cafe\\u0301\"]\n");
  norm_apply(&r, "Di Caf\xC3\xA9 itu.");
  cr_expect_eq(r.rewrites, 1);
  norm_close(&r);
}

Test(glossary, dotted_variants_feed_the_segmenter) {
  seg_error err = {0};
  seg_glossary *g = load(YAML, &err);
  size_t count = 0;
  void count_fn(void *ctx, const char *s, size_t l);
  seg_glossary_each_dotted(g, count_fn, &count);
  cr_expect_eq(count, 1, "A.S. is the one dotted variant");
  seg_glossary_free(g);
}
void count_fn(void *ctx, const char *s, size_t l) {
  (void)s;
  (void)l;
  (*(size_t *)ctx)++;
}

Test(glossary, files_merge_and_same_canonical_merges) {
  seg_error err = {0};
  seg_glossary *g = seg_glossary_new();
  const char *a = "terms:\n  - canonical: Rusia\n    variants: [Federasi Rusia]\n";
  const char *b = "terms:\n  - canonical: Rusia\n    variants: [Russia]\n    target: Russia\n";
  cr_assert_eq(seg_glossary_add_yaml(g, a, strlen(a), "a.yaml", &err), SEG_OK, "%s", err.msg);
  cr_assert_eq(seg_glossary_add_yaml(g, b, strlen(b), "b.yaml", &err), SEG_OK, "%s", err.msg);
  cr_expect_eq(seg_glossary_terms(g), 1);
  seg_glossary_free(g);
}

/* --- errors: exact text, line and column --- */
typedef struct {
  const char *yaml;
  size_t line, col;
  const char *msg;
} ecase;

/* clang-format off */
static const ecase ecases[] = {
  {"terms:\n  - canonical: AS\n    variants: [A\n", 4, 1, "did not find expected ',' or ']' while parsing a flow sequence"},
  {"terms:\n  - variants: [AS]\n", 2, 5, "term has no 'canonical'"},
  {"terms:\n  - canonical: Amerika Serikat\n", 2, 5, "term has no 'variants' (use [] for none)"},
  {"terms:\n  - canonical: Amerika Serikat\n    variants: AS\n", 3, 15, "variants must be a list, not a string"},
  {"terms:\n  - canonical: [a]\n    variants: []\n", 2, 16, "canonical must be a string, not a list"},
  {"terms:\n  - canonical: ''\n    variants: []\n", 2, 16, "canonical must not be empty"},
  {"terms:\n  - canonical: X\n    variants: ['']\n", 3, 16, "a variant must not be empty"},
  {"terms:\n  - canonical: X\n    variants: []\n    taget: Y\n", 4, 5, "unknown key 'taget' (expected one of: canonical, variants, target, case_sensitive, target_variants)"},
  {"term:\n  - canonical: X\n", 1, 1, "unknown key 'term' (expected one of: language, target_language, case_sensitive, terms)"},
  {"terms:\n  - canonical: X\n    variants: []\n    case_sensitive: maybe\n", 4, 21, "case_sensitive must be true or false"},
  {"terms:\n  - canonical: Arab Saudi\n    variants: [AS]\n  - canonical: Amerika Serikat\n    variants: [AS]\n", 5, 16,
   "variant 'AS' of 'Amerika Serikat' is already claimed by 'Arab Saudi' (line 3)"},
  {"case_sensitive: false\nterms:\n  - canonical: Inggris\n    variants: [uk]\n  - canonical: Ukraina\n    variants: [UK]\n", 6, 16,
   "variant 'UK' of 'Ukraina' is already claimed by 'Inggris' (line 4)"},
  {"terms:\n  - canonical: A;B\n    variants: []\n", 2, 16, "canonical 'A;B' contains ';', which the terms column reserves"},
  {"terms: 5\n", 1, 8, "terms must be a list, not a string"},
  {"language: id\n", 1, 1, "glossary has no 'terms'"},
  {"terms:\n  - &a {canonical: X, variants: []}\n  - *a\n", 3, 5, "YAML aliases are not supported"},
};
/* clang-format on */
#define NE (sizeof ecases / sizeof ecases[0])

ParameterizedTestParameters(glossary, errors) {
  static size_t idx[NE];
  for (size_t i = 0; i < NE; i++) idx[i] = i;
  return cr_make_param_array(size_t, idx, NE);
}

ParameterizedTest(size_t *i, glossary, errors) {
  const ecase *e = &ecases[*i];
  seg_error err = {0};
  cr_assert_null(load(e->yaml, &err), "should fail: %s", e->yaml);
  cr_expect_eq(err.code, SEG_ERR_CONFIG);
  cr_expect_str_eq(err.file, "terms.yaml");
  cr_expect_str_eq(err.msg, e->msg);
  cr_expect_eq(err.line, e->line, "%s", e->msg);
  cr_expect_eq(err.col, e->col, "%s", e->msg);
}

Test(glossary, conflict_across_files_names_both) {
  seg_error err = {0};
  seg_glossary *g = seg_glossary_new();
  const char *a = "terms:\n  - canonical: Arab Saudi\n    variants: [AS]\n";
  const char *b = "terms:\n  - canonical: Amerika Serikat\n    variants: [AS]\n";
  cr_assert_eq(seg_glossary_add_yaml(g, a, strlen(a), "a.yaml", &err), SEG_OK);
  cr_assert_eq(seg_glossary_add_yaml(g, b, strlen(b), "b.yaml", &err), SEG_ERR_CONFIG);
  cr_expect_str_eq(err.msg, "variant 'AS' of 'Amerika Serikat' is already claimed by 'Arab Saudi' (a.yaml:3)");
  cr_expect_str_eq(err.file, "b.yaml");
  seg_glossary_free(g);
}

Test(glossary, conflicting_targets_across_files) {
  seg_error err = {0};
  seg_glossary *g = seg_glossary_new();
  const char *a = "terms:\n  - canonical: Rusia\n    variants: []\n    target: Russia\n";
  const char *b = "terms:\n  - canonical: Rusia\n    variants: []\n    target: Russian Federation\n";
  seg_glossary_add_yaml(g, a, strlen(a), "a.yaml", &err);
  cr_assert_eq(seg_glossary_add_yaml(g, b, strlen(b), "b.yaml", &err), SEG_ERR_CONFIG);
  cr_expect_str_eq(err.msg, "canonical 'Rusia' has target 'Russian Federation' here but 'Russia' at a.yaml:2");
  seg_glossary_free(g);
}

Test(glossary, missing_file) {
  seg_error err = {0};
  seg_glossary *g = seg_glossary_new();
  cr_expect_eq(seg_glossary_add_file(g, "/nonexistent/terms.yaml", &err), SEG_ERR_CONFIG);
  cr_expect_str_eq(err.file, "/nonexistent/terms.yaml");
  cr_expect_str_eq(err.msg, "cannot open: No such file or directory");
  seg_glossary_free(g);
}

Test(glossary, default_glossary_is_large_and_valid) {
  seg_error err = {0};
  seg_glossary *g = seg_glossary_new();
  cr_assert_eq(seg_glossary_add_file(g, SOURCE_DIR "/glossary/id-en.yaml", &err), SEG_OK,
               "%s:%zu: %s", err.file, err.line, err.msg);
  cr_expect_geq(seg_glossary_terms(g), 300);
  seg_glossary_free(g);
}

/* ---------- the first-word filters with many names ----------
 * 3,000 case-sensitive names of two capitalized words built from syllables (and a second
 * two-word variant each), against text made of their pieces that starts no name: a name's
 * first word followed by a word in lower case, the first word in lower case, and the first
 * word with its last letter changed. Every such word shares its first four letters and its
 * length with a name's first word (the cheap filters' keys), so only the filters on the whole
 * first word, its case and what follows it keep the matcher from looking these up. */

static void syllables(char *out, unsigned v, int n, int capital) {
  static const char onset[] = "bdgkmprst", vowel[] = "aiu";
  for (int q = 0; q < n; q++, v /= 27) {
    *out++ = (char)(q == 0 && capital ? onset[v % 27 / 3] - 32 : onset[v % 27 / 3]);
    *out++ = vowel[v % 3];
  }
  *out = '\0';
}

/* A matcher over n such names (case-sensitive, each with a second two-word variant). */
static void names_open(norm_run *r, unsigned n) {
  char *yaml = malloc((size_t)n * 96 + 16);
  cr_assert_not_null(yaml);
  size_t at = (size_t)sprintf(yaml, "terms:\n");
  char w1[8], w2[8], w3[8], w4[8];
  for (unsigned i = 0; i < n; i++) {
    syllables(w1, i, 3, 1);
    syllables(w2, (i * 7919u + 13) % 19683, 3, 1);
    syllables(w3, i % 729, 2, 1);
    syllables(w4, (i * 4001u + 5) % 19683, 3, 1);
    at += (size_t)sprintf(yaml + at, "  - canonical: \"%s %s\"\n    variants: [\"%s %s\"]\n", w1,
                          w2, w3, w4);
  }
  norm_open(r, yaml);
  free(yaml);
}

/* Applies a line of pieces of each of n names that start no name, and checks that none is
 * rewritten; returns the number of such pieces. With `after_words` the line is a name's first
 * word followed by its second word in lower case, the first word with its last letter changed
 * and the first word at the end; else those and the first word in lower case. */
static size_t apply_name_pieces(norm_run *r, unsigned n, int after_words) {
  size_t words = 0;
  for (unsigned i = 0; i < n; i++) {
    char t[96], w1[8], lw1[8], lw2[8], m1[8];
    syllables(w1, i, 3, 1);
    syllables(lw1, i, 3, 0);
    syllables(lw2, (i * 7919u + 13) % 19683, 3, 0);
    strcpy(m1, w1);
    m1[5] = m1[5] == 'a' ? 'o' : 'a'; /* a vowel no syllable has, or another one */
    if (after_words) snprintf(t, sizeof t, "Ini %s %s dan %s lagi, lalu %s.", w1, lw2, m1, w1);
    else snprintf(t, sizeof t, "%s %s, %s %s.", w1, lw2, lw1, m1);
    norm_apply(r, t);
    cr_assert_eq(r->rewrites, 0, "%s", t);
    words += after_words ? 3 : 4;
  }
  return words;
}

/* Over 3,000 names, their pieces are rarely looked up (`after_words`: the block scan rarely
 * stops for them). */
static void check_name_pieces(int after_words) {
  enum { N = 3000 };
  norm_run r;
  names_open(&r, N);
  size_t words = apply_name_pieces(&r, N, after_words);
  size_t tried = after_words ? seg_terms_stops(r.n) : seg_terms_candidates(r.n);
  cr_expect_leq(tried, words / 20, "%zu of %zu words were %s", tried, words,
                after_words ? "stopped at" : "looked up");
  /* the names themselves are still found */
  norm_apply(&r, "Bababa Mibaba dan Baba Dubaba.");
  cr_expect_str_eq(r.terms.data, "Bababa Mibaba=Bababa Mibaba=;Baba Dubaba=Bababa Mibaba=");
  norm_close(&r);
}

Test(glossary, names_pieces_are_not_candidates) { check_name_pieces(0); }

/* A name's first word followed by another word (`Presiden Joko` against the name `Presiden
 * Kalimo`), and the first word with its last letter changed: the block scan decides them
 * itself (the whole short word and the two bytes after it), without stopping for the matcher
 * and classifying the text again after it. */
Test(glossary, names_first_words_do_not_stop_the_scan) { check_name_pieces(1); }

/* First words of 1 to 17 bytes (the scan hashes those of up to seven from their prefix, longer
 * ones from the text), at every offset of a line, so they cross the scan's blocks and end the
 * text: each is found, and the same word followed by something else is not. */
Test(glossary, first_words_of_every_length_at_every_offset) {
  static const char *const firsts[] = {"K",
                                       "Ka",
                                       "Kalimant",
                                       "Kalimanta",
                                       "Kalimantn",
                                       "Kalimantanbara",
                                       "Kalimantanbarat",
                                       "Kalimantanbaratx",
                                       "Kalimantanbaratxy"};
  enum { NF = sizeof firsts / sizeof *firsts };
  char yaml[2048] = "terms:\n";
  for (size_t f = 0; f < NF; f++) {
    char line[160];
    snprintf(line, sizeof line, "  - canonical: \"Z%zu\"\n    variants: [\"%s Raya\", \"%s%zu\"]\n",
             f, firsts[f], firsts[f], f);
    strcat(yaml, line);
  }
  norm_run r;
  norm_open(&r, yaml);
  for (size_t f = 0; f < NF; f++)
    for (size_t off = 0; off < 140; off++) {
      char t[256], want[64];
      for (size_t q = 0; q < off; q++)
        t[q] = q % 4 == 3 || q + 1 == off ? ' ' : 'x';
      snprintf(t + off, sizeof t - off, "%s Raya", firsts[f]);
      norm_apply(&r, t);
      snprintf(want, sizeof want, "%s Raya=Z%zu=", firsts[f], f);
      cr_assert_str_eq(r.terms.data ? r.terms.data : "", want, "%s", t);
      snprintf(t + off, sizeof t - off, "%s%zu", firsts[f], f);
      norm_apply(&r, t);
      cr_assert_eq(r.rewrites, 1, "%s", t);
      snprintf(t + off, sizeof t - off, "%s Rayu %s", firsts[f], firsts[f]);
      norm_apply(&r, t);
      cr_assert_eq(r.rewrites, 0, "%s", t);
    }
  norm_close(&r);
}

/* Terms are added as they are read: a file-wide default after them that would change them is
 * an error naming it; one that changes nothing, or one before them, is not. */
Test(glossary, case_sensitive_after_the_terms) {
  seg_error err = {0};
  seg_glossary *g = load("terms:\n  - canonical: Inggris\n    variants: [UK]\ncase_sensitive: false\n",
                         &err);
  cr_expect_null(g);
  cr_expect_eq(err.line, 4);
  cr_expect_eq(err.col, 17, "at the value");
  cr_expect_str_eq(err.msg,
                   "case_sensitive must come before 'terms' (it is the default of every term)");
  g = load("terms:\n  - canonical: Inggris\n    variants: [UK]\ncase_sensitive: true\n", &err);
  cr_expect_not_null(g);
  seg_glossary_free(g);
  g = load("terms: []\ncase_sensitive: false\n", &err);
  cr_expect_not_null(g, "no term was read before it");
  seg_glossary_free(g);
  g = load("case_sensitive: false\nterms:\n  - canonical: Inggris\n    variants: [UK]\n", &err);
  cr_expect_not_null(g);
  seg_glossary_free(g);
}

/* A bad term is reported where it stands, the terms before it read. */
Test(glossary, a_bad_term_in_a_streamed_file) {
  seg_error err = {0};
  seg_glossary *g = load("language: id\nterms:\n  - canonical: A\n    variants: []\n  - canonical: B\n"
                         "    variants: x\n",
                         &err);
  cr_expect_null(g);
  cr_expect_eq(err.line, 6);
  cr_expect_str_eq(err.msg, "variants must be a list, not a string");
  g = load("bogus: 1\nterms:\n  - canonical: A\n    variants: []\n", &err);
  cr_expect_null(g);
  cr_expect_eq(err.line, 1, "a setting before the terms is checked at the first term");
  cr_expect(strstr(err.msg, "unknown key 'bogus'"), "%s", err.msg);
}
