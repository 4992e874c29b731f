/* tbx: TBX 2 and TBX 3 termbases load to the same glossary as the same terms in YAML (compared
 * through the YAML dump and through matching), the dump loads back to itself, detection by
 * content, every error with its place. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <string.h>

#include "glossary.h"
#include "helpers.h"
#include "tbx.h"

#define TERMS FIXTURES "/terms/"

static seg_glossary *load(const char *path) {
  seg_glossary *g = seg_glossary_new();
  seg_error err = {0};
  seg_status st = seg_tbx_add_glossary_file(g, path, &err);
  cr_assert_eq(st, SEG_OK, "%s: %s:%zu:%zu: %s", path, err.file, err.line, err.col, err.msg);
  return g;
}

static char *dump(const seg_glossary *g) {
  seg_buf b = {0};
  seg_glossary_dump_yaml(g, &b);
  return b.data;
}

/* Each sentence normalized, then its terms column, one line each. */
static char *match_all(const seg_glossary *g) {
  static const char *const sentences[] = {
      ("AS dan PBB bertemu di \xC3\x89lys\xC3\xA9" "e."),
      "DK PBB mengecam Amrik, bukan Amerika Serikat.",
      "Kemenlu dan Kemlu sama; Uni Eropa (UE) setuju.",
      "Perserikatan Bangsa-Bangsa (PBB) bersidang di Bank Dunia.",
      "Kementerian Pekerjaan Umum & Perumahan Rakyat membangun jalan.",
      "US dan UN bukan istilah Indonesia; Bank  Dunia bukan Bank Dunia.",
  };
  seg_terms *n = seg_terms_new(g);
  seg_buf out = {0}, terms = {0};
  for (size_t i = 0; i < sizeof sentences / sizeof *sentences; i++) {
    const char *t;
    size_t tl;
    seg_terms_apply(n, sentences[i], strlen(sentences[i]), &t, &tl, &terms);
    seg_buf_append(&out, t, tl);
    seg_buf_putc(&out, '\t');
    seg_buf_append(&out, terms.data ? terms.data : "", terms.len);
    seg_buf_putc(&out, '\n');
  }
  seg_buf_free(&terms);
  seg_terms_free(n);
  return out.data;
}

Test(tbx, basic_and_tbx3_equal_yaml) {
  seg_glossary *y = load(TERMS "same.yaml"), *b = load(TERMS "basic.tbx"),
               *t3 = load(TERMS "tbx3.tbx");
  char *dy = dump(y), *db = dump(b), *d3 = dump(t3);
  cr_expect_str_eq(db, dy);
  cr_expect_str_eq(d3, dy);
  char *my = match_all(y), *mb = match_all(b), *m3 = match_all(t3);
  cr_expect_str_eq(mb, my);
  cr_expect_str_eq(m3, my);
  /* and the matching is what the glossary says (so equal is not equally empty) */
  cr_expect(strstr(my, "AS=Amerika Serikat=United States;PBB=PBB=United Nations"), "%s", my);
  cr_expect(strstr(my, "Kementerian Luar Negeri dan Kementerian Luar Negeri sama"), "%s", my);
  cr_expect_eq(seg_glossary_terms(b), 8);
  free(dy), free(db), free(d3), free(my), free(mb), free(m3);
  seg_glossary_free(y), seg_glossary_free(b), seg_glossary_free(t3);
}

/* The mapping, term by term: preferred term canonical (else the first), other terms variants,
 * first English term target, other English terms target variants, other languages ignored. */
Test(tbx, mapping) {
  seg_glossary *g = load(TERMS "basic.tbx");
  cr_assert_str_eq(seg_glossary_canonical(g, 0), "Amerika Serikat");
  cr_expect_str_eq(seg_glossary_target(g, 0), "United States");
  const char *const *tv;
  cr_assert_eq(seg_glossary_target_variants(g, 0, &tv), 2);
  cr_expect_str_eq(tv[0], "US");
  cr_expect_str_eq(tv[1], "USA");
  cr_expect_str_eq(seg_glossary_canonical(g, 1), "PBB"); /* no status: the first */
  cr_expect_str_eq(seg_glossary_canonical(g, 4), "Kementerian Luar Negeri");
  cr_expect_eq(seg_glossary_target(g, 3), NULL);          /* no English section */
  cr_expect_str_eq(seg_glossary_canonical(g, 5), "Bank Dunia"); /* blanks collapsed */
  cr_expect_str_eq(seg_glossary_target(g, 5), "World Bank");    /* CDATA */
  cr_expect_eq(seg_glossary_target_variants(g, 2, &tv), 0);
  seg_glossary_free(g);
}

Test(tbx, dump_loads_back_to_itself) {
  /* case-insensitive terms, merged files, target variants of both kinds */
  static const char *const yaml =
      "terms:\n"
      "  - canonical: pesawat nirawak\n"
      "    variants: [Drone, UAV]\n"
      "    target: drone\n"
      "    target_variants: [UAV, unmanned aerial vehicle]\n"
      "    case_sensitive: false\n"
      "  - canonical: \"Kata \\\"kutip\\\" \\\\ miring\"\n"
      "    variants: [\"\\x01ctl\", \"pisah\\u2028baris\"]\n"
      "  - canonical: Amerika Serikat\n"
      "    variants: [AS]\n"
      "    target: United States\n"
      "    target_variants: [US]\n";
  static const char *const more =
      "terms:\n"
      "  - canonical: Amerika Serikat\n"
      "    variants: [amrik]\n"
      "    target_variants: [u.s.]\n"
      "    case_sensitive: false\n";
  seg_glossary *g = seg_glossary_new();
  seg_error err = {0};
  cr_assert_eq(seg_glossary_add_yaml(g, yaml, strlen(yaml), "a.yaml", &err), SEG_OK, "%s", err.msg);
  cr_assert_eq(seg_glossary_add_yaml(g, more, strlen(more), "b.yaml", &err), SEG_OK, "%s", err.msg);
  char *d1 = dump(g);
  seg_glossary *h = seg_glossary_new();
  cr_assert_eq(seg_glossary_add_yaml(h, d1, strlen(d1), "dump.yaml", &err), SEG_OK,
               "%zu:%zu: %s\n%s", err.line, err.col, err.msg, d1);
  char *d2 = dump(h);
  cr_expect_str_eq(d2, d1);
  cr_expect(strstr(d1, "variants: [\"drone\", \"uav\"]"), "%s", d1); /* folded forms */
  cr_expect(strstr(d1, "\"\\u0001ctl\", \"pisah\\u2028baris\""), "%s", d1);
  cr_expect(strstr(d1, "  - canonical: \"Amerika Serikat\"\n    variants: [\"amrik\"]\n"
                       "    target: \"United States\"\n    target_variants: [\"u.s.\"]\n"
                       "    case_sensitive: false\n"), "%s", d1);
  const char *const *tv;
  cr_expect_eq(seg_glossary_target_variants(h, 2, &tv), 2);
  free(d1), free(d2);
  seg_glossary_free(g), seg_glossary_free(h);
}

/* By content, not by name: TBX in a .yaml file, YAML in a .tbx file; UTF-16 TBX. */
Test(tbx, detected_by_content) {
  char *dir = temp_dir(), path[256];
  size_t len = 0;
  char *tbx = slurp(TERMS "basic.tbx", &len);
  cr_assert_not_null(tbx);
  snprintf(path, sizeof path, "%s/looks.yaml", dir);
  spit(path, tbx, len);
  seg_glossary *a = load(path);
  cr_expect_eq(seg_glossary_terms(a), 8);
  char *yaml = slurp(TERMS "same.yaml", &len);
  cr_assert_not_null(yaml);
  snprintf(path, sizeof path, "%s/looks.tbx", dir);
  spit(path, yaml, len);
  seg_glossary *b = load(path);
  cr_expect_eq(seg_glossary_terms(b), 8);
  seg_glossary_free(a), seg_glossary_free(b);
  free(tbx), free(yaml);
  static const char u16[] = "\xFF\xFE<\0m\0a\0r\0t\0i\0f\0>\0<\0/\0m\0a\0r\0t\0i\0f\0>\0";
  cr_expect(seg_tbx_is_xml(u16, sizeof u16 - 1));
  cr_expect(seg_tbx_is_xml("\xEF\xBB\xBF\n  <?xml", 10));
  cr_expect(!seg_tbx_is_xml("# <martif>\nterms: []\n", 20));
  seg_glossary *c = seg_glossary_new();
  seg_error err = {0};
  cr_expect_eq(seg_tbx_add_memory(c, u16, sizeof u16 - 1, "u16.tbx", &err), SEG_OK, "%s", err.msg);
  seg_glossary_free(c);
}

/* YAML and TBX files mix: the same canonical merges, a variant claimed in the other file is an
 * error naming it. */
Test(tbx, mixed_with_yaml) {
  static const char *const yaml = "terms:\n  - canonical: Amerika Serikat\n    variants: [Amrik]\n"
                                  "  - canonical: Arab Saudi\n    variants: [KSA]\n";
  static const char *const tbx =
      "<martif><text><body>\n"
      "<termEntry><langSet xml:lang='id'><tig><term>Amerika Serikat</term></tig>"
      "<tig><term>AS</term></tig></langSet>"
      "<langSet xml:lang='en'><tig><term>United States</term></tig></langSet></termEntry>\n"
      "<termEntry><langSet xml:lang='id'><tig><term>Arab</term></tig>"
      "<tig><term>KSA</term></tig></langSet></termEntry>\n"
      "</body></text></martif>\n";
  seg_glossary *g = seg_glossary_new();
  seg_error err = {0};
  cr_assert_eq(seg_glossary_add_yaml(g, yaml, strlen(yaml), "a.yaml", &err), SEG_OK);
  cr_expect_eq(seg_tbx_add_memory(g, tbx, strlen(tbx), "b.tbx", &err), SEG_ERR_CONFIG);
  cr_expect_str_eq(err.msg, "variant 'KSA' of 'Arab' is already claimed by 'Arab Saudi' (a.yaml:5)");
  cr_expect_eq(err.line, 3);
  cr_expect_eq(err.col, 68);
  cr_expect_eq(seg_glossary_terms(g), 3); /* the first entry merged into the YAML term */
  cr_expect_str_eq(seg_glossary_target(g, 0), "United States");
  seg_glossary_free(g);
}

typedef struct {
  const char *tbx;
  size_t line, col;
  const char *msg;
} tbx_error_case;

/* clang-format off */
static const tbx_error_case error_cases[] = {
  {"<martif><text><body>\n<termEntry><langSet xml:lang=\"id\"><tig><term>AS</tig>\n",
   2, 54, "XML: Opening and ending tag mismatch: term line 2 and tig"},
  {"<martif><text><body>\n  <termEntry id='x'>\n"
   "    <langSet xml:lang='en'><tig><term>United States</term></tig></langSet>\n"
   "  </termEntry></body></text></martif>\n",
   2, 3, "entry has no Indonesian term (a language section with xml:lang 'id')"},
  {"<martif><text><body>\n"
   "<termEntry><langSet xml:lang='id'><tig><term>Amerika Serikat</term></tig><tig><term>AS</term></tig></langSet></termEntry>\n"
   "<termEntry><langSet xml:lang='id'><tig><term>Arab Saudi</term></tig><tig><term>AS</term></tig></langSet></termEntry>\n"
   "</body></text></martif>\n",
   3, 74, "variant 'AS' of 'Arab Saudi' is already claimed by 'Amerika Serikat' (line 2)"},
  {"<html><body/></html>", 1, 1,
   "not a TBX document: the root element is <html> (expected <martif> or <tbx>)"},
  {"<tbx><text><body><conceptEntry>\n <langSec><termSec><term>X</term></termSec></langSec>\n"
   "</conceptEntry></body></text></tbx>", 2, 2, "<langSec> has no xml:lang"},
  {"<martif><text><body><termEntry>\n<langSet xml:lang='id'><tig><term/></tig></langSet>\n"
   "</termEntry></body></text></martif>", 2, 29, "canonical must not be empty"},
  {"<martif><text><body><termEntry>\n<langSet xml:lang='id'><tig><term>A;B</term></tig></langSet>\n"
   "</termEntry></body></text></martif>", 2, 29,
   "canonical 'A;B' contains ';', which the terms column reserves"},
  {"<martif><text><body><termEntry><langSet xml:lang='id'><tig><term>Rusia</term></tig></langSet>"
   "<langSet xml:lang='en'><tig><term>Russia</term></tig></langSet></termEntry>\n"
   "<termEntry><langSet xml:lang='id'><tig><term>Rusia</term></tig></langSet>\n"
   "  <langSet xml:lang='en'><tig><term>Russian Federation</term></tig></langSet></termEntry>\n"
   "</body></text></martif>", 3, 31,
   "canonical 'Rusia' has target 'Russian Federation' here but 'Russia' at e.tbx:1"},
  {"<!DOCTYPE martif [<!ENTITY x \"AS\">]>\n<martif><text><body><termEntry>"
   "<langSet xml:lang='id'><tig><term>&x;</term></tig></langSet></termEntry></body></text></martif>",
   2, 60, "entity reference &x; in a term (not supported)"},
  {"<martif><text><body><termEntry><termEntry/></termEntry></body></text></martif>", 1, 32,
   "<termEntry> inside another entry"},
  {" \n", 0, 0, "not a TBX document: no XML element"},
  {"<martif>", 1, 9, "XML: Extra content at the end of the document"},
  /* errors of libxml2's tree builder, which the parser alone does not raise */
  {"<martif><text><body>\n<termEntry xml:id='1a'><langSet xml:lang='id'><tig><term>A</term>"
   "</tig></langSet></termEntry></body></text></martif>\n", 2, 23,
   "XML: xml:id : attribute value 1a is not an NCName"},
  {"<martif><text><body>\n<termEntry xml:id='a'><langSet xml:lang='id'><tig><term>A</term></tig>"
   "</langSet></termEntry>\n<termEntry xml:id='a'><langSet xml:lang='id'><tig><term>B</term></tig>"
   "</langSet></termEntry></body></text></martif>\n", 3, 22, "XML: ID a already defined"},
  {"<!DOCTYPE martif [<!ATTLIST termEntry id ID #IMPLIED>]>\n<martif><text><body>\n"
   "<termEntry id='a'><langSet xml:lang='id'><tig><term>A</term></tig></langSet></termEntry>\n"
   "<termEntry id='a'><langSet xml:lang='id'><tig><term>B</term></tig></langSet></termEntry>"
   "</body></text></martif>\n", 4, 18, "XML: ID a already defined"},
  /* namespace errors (which the namespace-unaware first pass leaves to the aware one) */
  {"<martif><text><body><termEntry><langSet xml:lang='id'><a:tig><term>A</term></a:tig>"
   "</langSet></termEntry></body></text></martif>", 1, 61,
   "XML: Namespace prefix a on tig is not defined"},
  {"<martif xmlns:a=''><text><body><termEntry><langSet xml:lang='id'><tig><term>A</term></tig>"
   "</langSet></termEntry></body></text></martif>", 1, 19,
   "XML: xmlns:a: Empty XML namespace is not allowed"},
  /* the first error in document order, though malformed XML follows closely */
  {"<martif><text><body><termEntry><langSet xml:lang='en'><tig><term>X</term></tig></langSet>"
   "</termEntry>\n<termEntry><langSet xml:lang='id'><tig><term>Y</tig>\n", 1, 21,
   "entry has no Indonesian term (a language section with xml:lang 'id')"},
};
/* clang-format on */

#define NERR (sizeof error_cases / sizeof *error_cases)

/* Indices, not the cases: the test runs in a process of its own, where pointers would not hold */
ParameterizedTestParameters(tbx, errors) {
  static size_t idx[NERR];
  for (size_t i = 0; i < NERR; i++) idx[i] = i;
  return cr_make_param_array(size_t, idx, NERR);
}

ParameterizedTest(size_t *i, tbx, errors) {
  const tbx_error_case *c = &error_cases[*i];
  seg_glossary *g = seg_glossary_new();
  seg_error err = {0};
  cr_assert_eq(seg_tbx_add_memory(g, c->tbx, strlen(c->tbx), "e.tbx", &err), SEG_ERR_CONFIG,
               "%s", c->tbx);
  cr_expect_str_eq(err.msg, c->msg);
  cr_expect_str_eq(err.file, "e.tbx");
  cr_expect_eq(err.line, c->line, "%s: line %zu", c->msg, err.line);
  cr_expect_eq(err.col, c->col, "%s: col %zu", c->msg, err.col);
  seg_glossary_free(g);
}

/* Errors from generated documents: more elements open than libxml2 allows (a tree builder's
 * limit), and an entry past line 65,535 (exact, though a tree node stores 16-bit lines). */
Test(tbx, errors_generated) {
  seg_buf doc = {0};
  const char *head = "<martif><text><body><termEntry><langSet xml:lang='id'><tig><term>";
  seg_buf_append(&doc, head, strlen(head));
  for (int i = 0; i < 300; i++) seg_buf_append(&doc, "<hi>", 4);
  seg_glossary *g = seg_glossary_new();
  seg_error err = {0};
  cr_expect_eq(seg_tbx_add_memory(g, doc.data, doc.len, "deep.tbx", &err), SEG_ERR_CONFIG);
  cr_expect_str_eq(err.msg, "XML: Excessive depth in document: 256 use XML_PARSE_HUGE option");
  cr_expect_eq(err.line, 1);
  cr_expect_eq(err.col, 1069, "col %zu", err.col); /* past the 252nd <hi>, where libxml2 stops */
  seg_glossary_free(g);
  seg_buf_clear(&doc);
  seg_buf_append(&doc, "<martif><text><body>\n", 21);
  for (int i = 0; i < 70000; i++) seg_buf_append(&doc, "<p/>\n", 5);
  const char *entry = "<termEntry>\n<langSet xml:lang='en'><tig><term>X</term></tig></langSet>\n"
                      "</termEntry></body></text></martif>\n";
  seg_buf_append(&doc, entry, strlen(entry));
  g = seg_glossary_new();
  cr_expect_eq(seg_tbx_add_memory(g, doc.data, doc.len, "big.tbx", &err), SEG_ERR_CONFIG);
  cr_expect_str_eq(err.msg, "entry has no Indonesian term (a language section with xml:lang 'id')");
  cr_expect_eq(err.line, 70002, "line %zu", err.line);
  cr_expect_eq(err.col, 1);
  seg_glossary_free(g);
  seg_buf_free(&doc);
}

/* The same place from a file (read again from disk for the column). */
Test(tbx, error_place_in_file) {
  char *dir = temp_dir(), path[256];
  snprintf(path, sizeof path, "%s/dup.tbx", dir);
  const char *t = error_cases[2].tbx;
  spit(path, t, strlen(t));
  seg_glossary *g = seg_glossary_new();
  seg_error err = {0};
  cr_assert_eq(seg_tbx_add_glossary_file(g, path, &err), SEG_ERR_CONFIG);
  cr_expect_str_eq(err.msg, error_cases[2].msg);
  cr_expect_eq(err.line, 3);
  cr_expect_eq(err.col, 74);
  seg_glossary_free(g);
  g = seg_glossary_new();
  cr_expect_eq(seg_tbx_add_glossary_file(g, "/nonexistent/x.tbx", &err), SEG_ERR_CONFIG);
  cr_expect_str_eq(err.msg, "cannot open: No such file or directory");
  seg_glossary_free(g);
}

/* The English side's glossary: target variants rewritten to their targets by the same
 * matcher. */
Test(tbx, target_side_normalizes_english) {
  seg_glossary *g = load(TERMS "basic.tbx");
  const seg_glossary *en = seg_glossary_target_side(g);
  cr_assert_not_null(en);
  seg_terms *n = seg_terms_new(en);
  seg_buf terms = {0};
  const char *in = "The US and the UN met the Foreign Ministry; USA-made, not USAID.";
  const char *t;
  size_t tl;
  cr_expect_eq(seg_terms_apply(n, in, strlen(in), &t, &tl, &terms), 4);
  cr_expect_eq(strlen("The United States and the United Nations met the Ministry of Foreign "
                      "Affairs; United States-made, not USAID."), tl);
  cr_expect(!memcmp(t, "The United States and the United Nations met the Ministry of Foreign "
                       "Affairs; United States-made, not USAID.", tl), "%.*s", (int)tl, t);
  seg_buf_free(&terms);
  seg_terms_free(n);
  seg_glossary_free(g);
  seg_glossary *y = seg_glossary_new();
  cr_expect_null(seg_glossary_target_side(y));
  seg_glossary_free(y);
}

/* target_variants need a target; each is a glossary string. */
Test(tbx, yaml_target_variant_errors) {
  static const struct {
    const char *yaml, *msg;
    size_t line, col;
  } cases[] = {
      {"terms:\n  - canonical: X\n    variants: []\n    target_variants: [Y]\n",
       "target_variants need a target", 4, 23},
      {"terms:\n  - canonical: X\n    variants: []\n    target: Z\n    target_variants: Y\n",
       "target_variants must be a list, not a string", 5, 22},
      {"terms:\n  - canonical: X\n    variants: []\n    target: Z\n    target_variants: [\"\"]\n",
       "a target variant must not be empty", 5, 23},
      {"terms:\n  - canonical: X\n    variants: []\n    target: Z\n    target_variants: [U]\n"
       "  - canonical: W\n    variants: []\n    target: V\n    target_variants: [U]\n",
       "variant 'U' of 'V' is already claimed by 'Z' (line 5)", 9, 23},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    seg_glossary *g = seg_glossary_new();
    seg_error err = {0};
    cr_expect_eq(seg_glossary_add_yaml(g, cases[i].yaml, strlen(cases[i].yaml), "t.yaml", &err),
                 SEG_ERR_CONFIG);
    cr_expect_str_eq(err.msg, cases[i].msg);
    cr_expect_eq(err.line, cases[i].line, "%s", cases[i].msg);
    cr_expect_eq(err.col, cases[i].col, "%s", cases[i].msg);
    seg_glossary_free(g);
  }
}

/* A target's variants are listed once each, whichever term or file gives them; terms with the
 * same target share them. */
Test(tbx, target_variants_listed_once) {
  static const char *const a = "terms:\n  - canonical: Amerika Serikat\n    variants: [AS]\n"
                               "    target: United States\n"
                               "    target_variants: [US, US, United States]\n";
  static const char *const b = "terms:\n  - canonical: Amerika\n    variants: []\n"
                               "    target: United States\n    target_variants: [U.S., US]\n";
  seg_glossary *g = seg_glossary_new();
  seg_error err = {0};
  cr_assert_eq(seg_glossary_add_yaml(g, a, strlen(a), "a.yaml", &err), SEG_OK, "%s", err.msg);
  cr_assert_eq(seg_glossary_add_yaml(g, b, strlen(b), "b.yaml", &err), SEG_OK, "%s", err.msg);
  const char *const *tv;
  cr_assert_eq(seg_glossary_target_variants(g, 0, &tv), 2);
  cr_expect_str_eq(tv[0], "US");
  cr_expect_str_eq(tv[1], "U.S.");
  cr_expect_eq(seg_glossary_target_variants(g, 1, &tv), 2);
  seg_glossary_free(g);
}

/* Language tags: id, id-ID, ID, ind and the withdrawn 'in' are Indonesian, en-*, eng English;
 * MARTIF's plain 'lang' attribute too; other languages are skipped. */
Test(tbx, language_tags) {
  static const char *const tbx =
      "<martif><text><body>\n"
      "<termEntry><langSet lang='ID'><tig><term>Rusia</term></tig></langSet>"
      "<langSet xml:lang='de'><tig><term>Russland</term></tig></langSet>"
      "<langSet lang='EN-gb'><tig><term>Russia</term></tig></langSet></termEntry>\n"
      "<termEntry><langSet xml:lang='in'><tig><term>Jepang</term></tig></langSet>"
      "<langSet xml:lang='eng'><tig><term>Japan</term></tig></langSet>"
      "<langSet xml:lang='en_US'><tig><term>Nippon</term></tig></langSet></termEntry>\n"
      "<termEntry><langSet xml:lang='ind'><tig><term>Korea</term></tig></langSet></termEntry>\n"
      "<termEntry><langSet xml:lang='ms'><tig><term>Jepun</term></tig></langSet></termEntry>\n"
      "</body></text></martif>\n";
  seg_glossary *g = seg_glossary_new();
  seg_error err = {0};
  cr_expect_eq(seg_tbx_add_memory(g, tbx, strlen(tbx), "l.tbx", &err), SEG_ERR_CONFIG);
  cr_expect_str_eq(err.msg, "entry has no Indonesian term (a language section with xml:lang 'id')");
  cr_expect_eq(err.line, 5); /* Malay is not Indonesian */
  cr_assert_eq(seg_glossary_terms(g), 3);
  cr_expect_str_eq(seg_glossary_canonical(g, 0), "Rusia");
  cr_expect_str_eq(seg_glossary_target(g, 0), "Russia");
  cr_expect_str_eq(seg_glossary_target(g, 1), "Japan");
  const char *const *tv;
  cr_assert_eq(seg_glossary_target_variants(g, 1, &tv), 1);
  cr_expect_str_eq(tv[0], "Nippon");
  cr_expect_str_eq(seg_glossary_canonical(g, 2), "Korea");
  seg_glossary_free(g);
}

/* Documents the namespace-unaware first pass leaves to the namespace-aware one (see also the
 * namespace errors among error_cases), read as that parser and the tree builder read them:
 * their term's canonical and first variant. */
Test(tbx, namespaces_and_dtds) {
  static const struct {
    const char *tbx, *canonical, *variant;
  } cases[] = {
      /* a prefixed element, its prefix declared: read by its local name */
      {"<martif xmlns:b='http://b'><text><body><termEntry><langSet xml:lang='id'>"
       "<b:tig><term>A</term></b:tig><tig><term>B</term></tig></langSet></termEntry></body>"
       "</text></martif>",
       "A", "B"},
      /* a DTD declaring xml:lang an NMTOKEN: its value is normalized */
      {"<!DOCTYPE martif [<!ATTLIST langSet xml:lang NMTOKEN #IMPLIED>]><martif><text><body>"
       "<termEntry><langSet xml:lang=' id '><tig><term>A</term></tig><tig><term>B</term></tig>"
       "</langSet></termEntry></body></text></martif>",
       "A", "B"},
      /* blank text between two child elements of a term: dropped, as the tree builder drops it */
      {"<martif><text><body><termEntry><langSet xml:lang='id'><tig><term><hi>A</hi> <hi>S</hi>"
       "</term></tig><tig><term>B</term></tig></langSet></termEntry></body></text></martif>",
       "AS", "B"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    seg_glossary *g = seg_glossary_new();
    seg_error err = {0};
    cr_assert_eq(seg_tbx_add_memory(g, cases[i].tbx, strlen(cases[i].tbx), "ns.tbx", &err), SEG_OK,
                 "%s: %s", cases[i].tbx, err.msg);
    cr_assert_eq(seg_glossary_terms(g), 1);
    cr_expect_str_eq(seg_glossary_canonical(g, 0), cases[i].canonical);
    char *d = dump(g), want[64];
    snprintf(want, sizeof want, "variants: [\"%s\"]", cases[i].variant);
    cr_expect(strstr(d, want) != NULL, "%s", d);
    free(d);
    seg_glossary_free(g);
  }
}
