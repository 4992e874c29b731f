/* tbx: see tbx.h. libxml2's SAX2 pull parser walks the document once, reading it a few KiB at
 * a time (a wrong document is walked again by its push parser: see load); its callbacks keep
 * only the current entry: the terms of its Indonesian and English language sections (text,
 * place, preferred or not) in a pool cleared per entry. An entry's terms become scalar nodes
 * for seg_glossary_add_entry. No tree is built: memory is the parser's input buffer, its
 * element stack and one entry.
 *
 * Places: an element's line is the parser's line when it reports the element start (what a
 * tree node's line would be, XML_PARSE_BIG_LINES past 65,535); for its column the callbacks
 * count which element start it is on its line, and only when an error names it is that line of
 * the document read again to find the column. Nodes handed to the glossary carry that ordinal
 * + 1 as their column; an error coming back has it replaced by the real column.
 *
 * Blank text: the text of a term is read as libxml2's tree builder would keep it with
 * XML_PARSE_NOBLANKS, whose rule (parser.c, areBlanks) drops a blank-only run of character
 * data before a tag when the element's last child so far is not text and neither is its
 * first. Without a tree the parser cannot apply it, so the callbacks keep the shape it looks at
 * (open_el) and apply it themselves; likewise for the few errors only the tree builder raises
 * (tree_checks, the huge-text limit in text).
 *
 * Errors: the first in document order is the load's, libxml2's or ours; after it the callbacks
 * do nothing and no more of the document is read. */
#include "tbx.h"

#include <errno.h>
#include <libxml/SAX2.h>
#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/valid.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "scan.h"
#include "ydoc.h"

/* The languages of a glossary: its text's and its targets'. Tags match by their primary
 * subtag, case-insensitively (id, id-ID, ID; en, en-US, en-GB); `in` is the code ISO 639
 * withdrew for Indonesian, still found in older termbases, `ind` and `eng` the three-letter
 * codes some tools write. */
static const char *const source_langs[] = {"id", "in", "ind", NULL};
static const char *const target_langs[] = {"en", "eng", NULL};

enum { LANG_NONE, LANG_SOURCE, LANG_TARGET, LANG_OTHER };
/* What an element is to the reader (EL_NS: a prefixed name, left to the namespace-aware pass),
 * and an attribute (AT_NS: a namespace declaration or a prefix other than xml:, likewise). */
enum { EL_OTHER, EL_ROOT, EL_ENTRY, EL_LANG, EL_GROUP, EL_TERM, EL_NOTE, EL_STATUS, EL_NS };
enum { AT_OTHER, AT_LANG, AT_XML_LANG, AT_TYPE, AT_XML_ID, AT_NS };
/* The passes over a document (see load): namespace-unaware and pulled, namespace-aware and
 * pulled, namespace-aware and pushed. */
enum { PASS_FAST, PASS_PULL, PASS_PUSH };

/* What the reader has learnt of a name the parser handed over, by its interned pointer. */
typedef struct {
  const xmlChar *name; /* NULL: a free slot */
  unsigned char kind;  /* EL_* as an element's name */
  unsigned char attr;  /* AT_* as an attribute's name in the fast pass */
} name_info;

enum { NAME_SLOTS = 64 }; /* a power of two, filled to three quarters at most */

/* The handlers of an event, copied into each callback that runs them: a callback per event and
 * no call below it, so no register saves (a 10,000-entry termbase is 600,000 events). */
#define TBX_INLINE SEG_SCAN_INLINE

typedef struct {
  size_t off, len;    /* text in the entry's pool (NUL-terminated there) */
  uint32_t line, ord; /* the <term> element: its line and which element start on that line */
  int preferred;
} tbx_term;

typedef struct {
  tbx_term *v;
  size_t n, cap;
} term_list;

/* An open element, as much of it as the blank rule (see the top) looks at, and its EL_*. */
typedef struct {
  const xmlChar *name; /* local name, interned in the parser's dictionary */
  unsigned char shape; /* SHAPE_* of its children so far */
  unsigned char kind;
  size_t run;          /* bytes of its last child when that is text */
} open_el;

enum { SHAPE_CHILD = 1, SHAPE_FIRST_TEXT = 2, SHAPE_LAST_TEXT = 4 };

typedef struct {
  seg_glossary *g;
  const char *name; /* for messages */
  FILE *file;       /* the document, read again only to find a column (or NULL) */
  const char *bytes;
  size_t len, at; /* the document in memory, and how much of it the parser has been given */
  xmlParserCtxtPtr ctxt;
  int pass;         /* PASS_* */
  const xmlChar *names[12]; /* element_names as interned in the parser's dictionary */
  /* the attribute names, likewise: lang, type, id (local names) and xml:lang, xml:id (the
   * fast pass's qualified ones) */
  const xmlChar *lang_name, *type_name, *id_name, *xml_lang_name, *xml_id_name;
  name_info seen[NAME_SLOTS]; /* the names met so far */
  size_t nseen;
  name_info unseen;           /* a name met when `seen` is full */
  seg_error *err;
  int failed;       /* err is set (or the fast pass gave up: bailed) */
  int bailed;       /* the fast pass met what only a namespace-aware pass reads right */
  int root;         /* an element start was seen */
  size_t entries;   /* entries read so far */
  size_t skip;      /* the first `skip` entries were added by an earlier pass */
  /* the element's place */
  uint32_t line, ord;
  /* the elements open, the innermost last (the fast pass only counts them) */
  open_el *open;
  size_t nopen, open_cap;
  /* the fast pass's account of the open element's text: bytes of its last child, when that is
   * text (last_text) */
  size_t run;
  int last_text;
  /* the attributes of the element starting: libxml2's five pointers each (defaults left out),
   * or in the fast pass name and value pairs, NULL-terminated */
  const xmlChar **attrs;
  int nattrs;
  xmlHashTablePtr ids; /* the IDs given so far (see tree_checks), or NULL */
  /* the entry being read */
  int in_entry;
  uint32_t entry_line, entry_ord;
  int lang;         /* LANG_* of the language section we are in */
  int in_group, group_pref, group_lang;
  long group_term;  /* index in the group's language list, -1 before its <term> */
  int in_term, in_status;
  uint32_t term_line, term_ord;
  seg_buf text, status;
  seg_buf pool;
  term_list terms[2]; /* source, target */
  seg_ynode *nodes;
  size_t nodes_cap;
  seg_ynode **ptrs;
  size_t ptrs_cap;
} tbx_reader;

/* ---------- places ---------- */

/* Reads byte k of the document (file or memory) in order; -1 at the end. */
static int next_byte(tbx_reader *t, size_t *k) {
  if (t->file) return getc(t->file);
  return *k < t->len ? (unsigned char)t->bytes[(*k)++] : -1;
}

/* The 1-based column (in characters) of the ord-th element start tag ('<' before a name) on
 * line `line`; 0 when it cannot be found (a start tag spanning lines). */
static size_t column_of(tbx_reader *t, size_t line, size_t ord) {
  size_t k = 0, cur = 1, col = 0, seen = 0;
  if (t->file && fseek(t->file, 0, SEEK_SET)) return 0;
  int c = next_byte(t, &k);
  while (c >= 0 && cur < line) {
    if (c == '\n') cur++;
    c = next_byte(t, &k);
  }
  while (c >= 0 && c != '\n') {
    if ((c & 0xC0) != 0x80) col++;
    int d = next_byte(t, &k);
    if (c == '<' && d >= 0 && d != '/' && d != '!' && d != '?' && seen++ == ord) return col;
    c = d;
  }
  return 0;
}

static seg_status fail_at(tbx_reader *t, uint32_t line, uint32_t ord, const char *fmt,
                          const char *arg) {
  /* (the fast pass's errors are told again by the push pass: no line is read again for them) */
  size_t col = t->pass == PASS_FAST ? 0 : column_of(t, line, ord);
  seg_error_set(t->err, SEG_ERR_CONFIG, t->name, line, col, fmt, arg);
  t->failed = 1;
  return SEG_ERR_CONFIG;
}

/* libxml2's first error (or fatal error) is the load's; warnings are ignored. */
#if LIBXML_VERSION >= 21200
static void on_xml_error(void *ctx, const xmlError *e) {
#else
static void on_xml_error(void *ctx, xmlErrorPtr e) {
#endif
  xmlParserCtxtPtr c = ctx; /* the parser's user data is itself; ours is its _private */
  tbx_reader *t = c ? c->_private : NULL;
  if (!t || t->failed || !e || e->level < XML_ERR_ERROR) return;
  char msg[400];
  snprintf(msg, sizeof msg, "%s", e->message ? e->message : "malformed XML");
  size_t n = strlen(msg);
  while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) msg[--n] = '\0';
  seg_error_set(t->err, SEG_ERR_CONFIG, t->name, e->line > 0 ? (size_t)e->line : 0,
                e->int2 > 0 ? (size_t)e->int2 : 0, "XML: %s", msg);
  t->failed = 1;
}

/* libxml2 reports some problems (an unreadable encoding...) through its generic handler,
 * which prints by default: swallowed while we read (the structured handler gets the ones that
 * matter). */
static void quiet(void *ctx, const char *fmt, ...) {
  (void)ctx;
  (void)fmt;
}

/* ---------- the entry ---------- */

/* Is the language tag tag[0, len) one of codes (by its primary subtag)? */
static int lang_in(const char *tag, size_t len, const char *const *codes) {
  size_t n = 0;
  while (n < len && tag[n] != '-' && tag[n] != '_') n++;
  for (const char *const *c = codes; *c; c++) {
    size_t i = 0;
    while (i < n && (*c)[i] && ((unsigned char)tag[i] | 0x20) == (unsigned char)(*c)[i]) i++;
    if (i == n && !(*c)[i]) return 1;
  }
  return 0;
}

static void entry_clear(tbx_reader *t) {
  t->terms[0].n = t->terms[1].n = 0;
  seg_buf_clear(&t->pool);
  t->lang = LANG_NONE;
  t->in_group = t->in_term = t->in_status = 0;
}

/* (one compare for a byte that is not one: they are all at most ' ') */
static int is_blank(char c) {
  return (unsigned char)c <= ' ' && (c == ' ' || c == '\t' || c == '\n' || c == '\r');
}

/* The text of the <term> just closed: XML blanks collapsed to one space, trimmed. */
static void term_done(tbx_reader *t) {
  term_list *l = &t->terms[t->lang == LANG_TARGET];
  SEG_GROW(l->v, l->cap, l->n + 1);
  tbx_term *tm = &l->v[l->n];
  tm->off = t->pool.len;
  tm->line = t->term_line;
  tm->ord = t->term_ord;
  tm->preferred = 0;
  const char *x = t->text.data;
  size_t n = t->text.len;
  size_t plain = 0; /* the common case: single spaces between words, nothing to collapse */
  while (plain < n && ((unsigned char)x[plain] > ' ' ||
                       (x[plain] == ' ' && plain && plain + 1 < n && x[plain - 1] != ' ')))
    plain++;
  if (plain == n) {
    seg_buf_append(&t->pool, x, n);
    n = 0;
  }
  for (size_t i = 0; i < n;) { /* one run of non-blanks at a time */
    while (i < n && is_blank(x[i])) i++;
    size_t j = i;
    while (j < n && !is_blank(x[j])) j++;
    if (j == i) break;
    if (t->pool.len > tm->off) seg_buf_putc(&t->pool, ' ');
    seg_buf_append(&t->pool, x + i, j - i);
    i = j;
  }
  tm->len = t->pool.len - tm->off;
  seg_buf_putc(&t->pool, '\0');
  if (t->in_group) {
    t->group_term = (long)l->n;
    t->group_lang = t->lang;
  }
  l->n++;
}

static int is_preferred(const seg_buf *status) {
  size_t a = 0, b = status->len;
  while (a < b && is_blank(status->data[a])) a++;
  while (b > a && is_blank(status->data[b - 1])) b--;
  static const struct {
    const char *s;
    size_t n;
  } values[] = {{"preferredTerm-admn-sts", 22}, {"preferredTerm", 13}, {"preferred", 9}};
  for (size_t v = 0; v < sizeof values / sizeof *values; v++)
    if (values[v].n == b - a && !memcmp(status->data + a, values[v].s, b - a)) return 1;
  return 0;
}

/* The preferred term of a list, else its first. */
static size_t main_term(const term_list *l) {
  for (size_t i = 0; i < l->n; i++)
    if (l->v[i].preferred) return i;
  return 0;
}

/* Fills nodes[at...] with the terms of l, the main one first; returns how many. */
static size_t put_nodes(tbx_reader *t, const term_list *l, size_t at) {
  size_t m = main_term(l);
  for (size_t k = 0; k < l->n; k++) {
    const tbx_term *tm = &l->v[k == 0 ? m : k <= m ? k - 1 : k];
    t->nodes[at + k] = (seg_ynode){.str = t->pool.data + tm->off, .len = (uint32_t)tm->len,
                                   .line = tm->line, .col = tm->ord + 1, .kind = SEG_Y_SCALAR};
    t->ptrs[at + k] = &t->nodes[at + k];
  }
  return l->n;
}

/* The entry just closed, as one glossary term. */
static seg_status entry_done(tbx_reader *t) {
  if (t->entries++ < t->skip) return SEG_OK; /* an earlier pass added it */
  const term_list *src = &t->terms[0], *tgt = &t->terms[1];
  if (!src->n)
    return fail_at(t, t->entry_line, t->entry_ord,
                   "entry has no Indonesian term (a language section with xml:lang '%s')",
                   source_langs[0]);
  size_t total = src->n + tgt->n;
  SEG_GROW(t->nodes, t->nodes_cap, total);
  SEG_GROW(t->ptrs, t->ptrs_cap, total);
  put_nodes(t, src, 0);
  put_nodes(t, tgt, src->n);
  seg_glossary_entry e = {.canonical = t->ptrs[0],
                          .variants = t->ptrs + 1,
                          .nvariants = src->n - 1,
                          .target = tgt->n ? t->ptrs[src->n] : NULL,
                          .target_variants = tgt->n ? t->ptrs + src->n + 1 : NULL,
                          .ntarget_variants = tgt->n ? tgt->n - 1 : 0,
                          .case_sensitive = 1,
                          .line = t->entry_line};
  if (seg_glossary_add_entry(t->g, &e, t->name, t->err)) {
    t->failed = 1;
    if (t->err && t->err->col && t->pass != PASS_FAST)
      t->err->col = column_of(t, t->err->line, t->err->col - 1);
    return SEG_ERR_CONFIG;
  }
  return SEG_OK;
}

/* ---------- elements ---------- */

/* The elements that matter, by local name (any namespace), the most frequent first. */
static const struct {
  const char *name;
  int kind;
} element_names[] = {
    {"term", EL_TERM},          {"tig", EL_GROUP},     {"termNote", EL_NOTE},
    {"langSet", EL_LANG},       {"termEntry", EL_ENTRY}, {"ntig", EL_GROUP},
    {"termSec", EL_GROUP},      {"langSec", EL_LANG},  {"conceptEntry", EL_ENTRY},
    {"administrativeStatus", EL_STATUS}, {"martif", EL_ROOT}, {"tbx", EL_ROOT},
};
#define NNAMES (sizeof element_names / sizeof *element_names)
_Static_assert(NNAMES == sizeof ((tbx_reader *)0)->names / sizeof(xmlChar *), "one slot a name");

/* The names as the parser's dictionary holds them: the parser hands every element's and
 * attribute's name over from that dictionary, so it is one of them exactly when it is the same
 * pointer, and telling names apart costs no string compare. */
static void intern_names(tbx_reader *t) {
  xmlDictPtr d = t->ctxt->dict;
  for (size_t i = 0; i < NNAMES; i++)
    t->names[i] = xmlDictLookup(d, (const xmlChar *)element_names[i].name, -1);
  t->lang_name = xmlDictLookup(d, (const xmlChar *)"lang", -1);
  t->type_name = xmlDictLookup(d, (const xmlChar *)"type", -1);
  t->id_name = xmlDictLookup(d, (const xmlChar *)"id", -1);
  t->xml_lang_name = xmlDictLookup(d, (const xmlChar *)"xml:lang", -1);
  t->xml_id_name = xmlDictLookup(d, (const xmlChar *)"xml:id", -1);
}

/* Is name an attribute the fast pass reads as the namespace-aware parser does: unprefixed, or
 * xml: and an ASCII NCName (the xml prefix is always bound, to the XML namespace)? */
static int plain_attribute(const char *name) {
  const char *colon = strchr(name, ':');
  if (!colon) return strcmp(name, "xmlns") != 0;
  if (colon - name != 3 || memcmp(name, "xml", 3)) return 0;
  const unsigned char *u = (const unsigned char *)colon + 1;
  if ((unsigned)(*u | 0x20) - 'a' >= 26u && *u != '_') return 0; /* a letter or '_' first */
  for (u++; *u; u++)
    if (!seg_ascii_alnum(*u) && *u != '_' && *u != '-' && *u != '.') return 0;
  return 1;
}

/* (out of line: met once a name, it would make name_of's every call save registers) */
#if defined(__GNUC__)
__attribute__((noinline, cold))
#endif
static name_info classify(const tbx_reader *t, const xmlChar *name) {
  name_info info = {name, EL_OTHER, AT_OTHER};
  for (size_t i = 0; i < NNAMES; i++)
    if (name == t->names[i]) info.kind = (unsigned char)element_names[i].kind;
  if (info.kind == EL_OTHER && strchr((const char *)name, ':')) info.kind = EL_NS;
  info.attr = name == t->lang_name       ? AT_LANG
              : name == t->xml_lang_name ? AT_XML_LANG
              : name == t->type_name     ? AT_TYPE
              : name == t->xml_id_name   ? AT_XML_ID
              : plain_attribute((const char *)name) ? AT_OTHER
                                                    : AT_NS;
  return info;
}

/* What the reader knows of name, learnt on its first meeting. */
static inline const name_info *name_of(tbx_reader *t, const xmlChar *name) {
  size_t h = (size_t)(((uint64_t)(uintptr_t)name >> 3) * 0x9E3779B97F4A7C15ull >> 58);
  for (;; h = (h + 1) & (NAME_SLOTS - 1)) {
    if (t->seen[h].name == name) return &t->seen[h];
    if (!t->seen[h].name) break;
  }
  name_info *slot = t->nseen < NAME_SLOTS * 3 / 4 ? &t->seen[h] : &t->unseen;
  *slot = classify(t, name);
  t->nseen += slot != &t->unseen;
  return slot;
}

/* The value of the starting element's attribute of kind `which` (AT_XML_LANG, AT_LANG,
 * AT_TYPE: lang in the XML namespace, lang or type in none); *len its length, without a copy;
 * NULL when absent. The namespace-aware passes tell the names and the XML namespace
 * (ctxt->str_xml_ns) by their interned pointers. The parser leaves an entity or character
 * reference in a value as written: such a value is resolved as the tree builder would
 * (xmlStringLenGetNodeList), into a copy *owned receives for the caller to xmlFree. */
static const char *resolved(tbx_reader *t, const xmlChar *v, size_t *len, xmlChar **owned);

static const char *attribute(tbx_reader *t, int which, size_t *len, xmlChar **owned) {
  const xmlChar *v = NULL;
  if (t->pass == PASS_FAST) {
    for (const xmlChar **a = t->attrs; a && *a; a += 2)
      if (name_of(t, a[0])->attr == which) { /* a value of its own: NUL-terminated */
        v = a[1];
        *len = strlen((const char *)v);
        break;
      }
  } else {
    const xmlChar *local = which == AT_TYPE ? t->type_name : t->lang_name;
    for (int i = 0; i < t->nattrs && !v; i++) {
      const xmlChar *const *a = t->attrs + 5 * i; /* local name, prefix, URI, value, end */
      if (a[0] == local && (which == AT_XML_LANG ? a[2] == t->ctxt->str_xml_ns : !a[1] && !a[2])) {
        v = a[3];
        *len = (size_t)(a[4] - a[3]);
      }
    }
  }
  return !v || !memchr(v, '&', *len) ? (const char *)v : resolved(t, v, len, owned);
}

/* The attribute value v[0, len), which holds a reference, resolved into *owned; its length in
 * *len. */
static const char *resolved(tbx_reader *t, const xmlChar *v, size_t *len, xmlChar **owned) {
  xmlNodePtr list = xmlStringLenGetNodeList(t->ctxt->myDoc, v, (int)*len);
  if (list && list->type == XML_TEXT_NODE && !list->next)
    *owned = xmlStrdup(list->content);
  else if (list)
    *owned = xmlNodeListGetString(t->ctxt->myDoc, list, 1);
  xmlFreeNodeList(list);
  if (!*owned) *owned = xmlStrdup((const xmlChar *)"");
  *len = strlen((const char *)*owned);
  return (const char *)*owned;
}

TBX_INLINE seg_status element_start(tbx_reader *t, int kind, const char *name) {
  if (kind == EL_ENTRY) {
    if (t->in_entry) return fail_at(t, t->line, t->ord, "<%s> inside another entry", name);
    entry_clear(t);
    t->in_entry = 1;
    t->entry_line = t->line;
    t->entry_ord = t->ord;
    return SEG_OK;
  }
  if (!t->in_entry) return SEG_OK; /* header, back matter */
  if (kind == EL_LANG) {
    xmlChar *owned = NULL;
    size_t n = 0;
    const char *lang = attribute(t, AT_XML_LANG, &n, &owned);
    if (!lang) lang = attribute(t, AT_LANG, &n, &owned); /* MARTIF's plain lang */
    if (!lang) return fail_at(t, t->line, t->ord, "<%s> has no xml:lang", name);
    t->lang = lang_in(lang, n, source_langs)   ? LANG_SOURCE
              : lang_in(lang, n, target_langs) ? LANG_TARGET
                                               : LANG_OTHER;
    xmlFree(owned);
  } else if (t->lang != LANG_SOURCE && t->lang != LANG_TARGET) {
    return SEG_OK;
  } else if (kind == EL_GROUP) {
    t->in_group = 1;
    t->group_pref = 0;
    t->group_term = -1;
  } else if (kind == EL_TERM && !t->in_term) {
    t->in_term = 1;
    t->term_line = t->line;
    t->term_ord = t->ord;
    seg_buf_clear(&t->text);
  } else if ((kind == EL_NOTE || kind == EL_STATUS) && t->in_group && !t->in_term &&
             !t->in_status) {
    int status = kind == EL_STATUS; /* TBX 3, DCT style */
    if (!status) {
      xmlChar *owned = NULL;
      size_t n = 0;
      const char *type = attribute(t, AT_TYPE, &n, &owned);
      status = type && n == 20 && !memcmp(type, "administrativeStatus", 20);
      xmlFree(owned);
    }
    if (status) {
      t->in_status = 1;
      seg_buf_clear(&t->status);
    }
  }
  return SEG_OK;
}

TBX_INLINE seg_status element_end(tbx_reader *t, int kind) {
  if (!t->in_entry) return SEG_OK;
  if (kind == EL_TERM && t->in_term) {
    term_done(t);
    t->in_term = 0;
  } else if ((kind == EL_NOTE || kind == EL_STATUS) && t->in_status) {
    t->in_status = 0;
    if (is_preferred(&t->status)) t->group_pref = 1;
  } else if (kind == EL_GROUP && t->in_group) {
    if (t->group_pref && t->group_term >= 0)
      t->terms[t->group_lang == LANG_TARGET].v[t->group_term].preferred = 1;
    t->in_group = 0;
  } else if (kind == EL_LANG) {
    t->lang = LANG_NONE;
  } else if (kind == EL_ENTRY) {
    t->in_entry = 0;
    return entry_done(t);
  }
  return SEG_OK;
}

/* ---------- the parser's callbacks ---------- */

/* An error of libxml2's tree builder, which the callbacks raise in its stead: "XML: " and its
 * message at the parser's place, as on_xml_error would report it. */
static void xml_fail(tbx_reader *t, const char *fmt, const char *arg) {
  char msg[400];
  snprintf(msg, sizeof msg, fmt, arg);
  int line = t->ctxt->input->line, col = t->ctxt->input->col;
  seg_error_set(t->err, SEG_ERR_CONFIG, t->name, line > 0 ? (size_t)line : 0,
                col > 0 ? (size_t)col : 0, "XML: %s", msg);
  t->failed = 1;
}

/* The reader of a callback's context; NULL once the load has failed, and for the callbacks of
 * an entity's replacement text, which libxml2 parses with a context of its own (its text is
 * not read: a reference in a term is an error, elsewhere it is skipped). */
static tbx_reader *reader_of(void *ctx) {
  xmlParserCtxtPtr c = ctx;
  tbx_reader *t = c->_private;
  return t && t->ctxt == c && !t->failed ? t : NULL;
}

/* The fast pass stops, leaving the document to a namespace-aware pass. */
static void bail(tbx_reader *t) { t->bailed = t->failed = 1; }

/* A child other than text (element, comment, processing instruction) in the open element. */
static void child_other(tbx_reader *t) {
  if (t->pass == PASS_FAST)
    t->last_text = 0;
  else if (t->nopen)
    t->open[t->nopen - 1].shape =
        (t->open[t->nopen - 1].shape | SHAPE_CHILD) & (unsigned char)~SHAPE_LAST_TEXT;
}

/* Is text[0, n), just reported as character data, blank text that the tree builder drops?
 * parser.c's areBlanks on the open element's shape: not under xml:space="preserve", only
 * blanks, not from a reference (the parser stands past its ';'), before a tag, and then
 * dropped unless the element is declared mixed, or has no child yet and the tag closes it, or
 * its last or first child is text. */
static int blank_dropped(const tbx_reader *t, const xmlChar *text, int n) {
  xmlParserCtxtPtr c = t->ctxt;
  if (!c->space || *c->space == 1 || *c->space == -2 || !t->nopen) return 0;
  for (int i = 0; i < n; i++)
    if (!is_blank((char)text[i])) return 0;
  const xmlChar *at = c->input->cur;
  if (at > c->input->base && at[-1] == ';') return 0;
  const open_el *el = &t->open[t->nopen - 1];
  if (c->myDoc && c->myDoc->intSubset) {
    int mixed = xmlIsMixedElement(c->myDoc, el->name);
    if (mixed == 0) return 1;
    if (mixed == 1) return 0;
  }
  if (at[0] != '<' && at[0] != '\r') return 0;
  if (!(el->shape & SHAPE_CHILD)) return !(at[0] == '<' && at[1] == '/');
  return !(el->shape & (SHAPE_LAST_TEXT | SHAPE_FIRST_TEXT));
}

/* A text node of *run bytes so far (none when it does not continue) grows by n: false when
 * that passes the tree builder's limit. */
static int text_run(tbx_reader *t, size_t *run, int continues, int n) {
  if (!continues) {
    *run = 0;
  } else if (*run + (size_t)n > XML_MAX_TEXT_LENGTH) {
    xml_fail(t, "%s", "xmlSAX2Characters: huge text node");
    return 0;
  }
  *run += (size_t)n;
  return 1;
}

/* Text of the open element (character data when `data`, else a CDATA section). The fast pass
 * keeps no stack of open elements (see its callbacks) and leaves blank character data in a
 * term or status to the blank rule of a namespace-aware pass. */
TBX_INLINE void text(tbx_reader *t, const xmlChar *ch, int n, int data) {
  seg_buf *b = t->in_term ? &t->text : t->in_status ? &t->status : NULL;
  if (n <= 0) return;
  if (t->pass == PASS_FAST) {
    if (data && b) {
      int i = 0;
      while (i < n && is_blank((char)ch[i])) i++;
      if (i == n) {
        bail(t);
        return;
      }
    }
    if (t->nopen && !text_run(t, &t->run, t->last_text, n)) return;
    t->last_text = 1;
  } else {
    if (data && b && blank_dropped(t, ch, n)) return;
    if (t->nopen) {
      open_el *el = &t->open[t->nopen - 1];
      if (!text_run(t, &el->run, el->shape & SHAPE_LAST_TEXT, n)) return;
      if (!(el->shape & SHAPE_CHILD)) el->shape |= SHAPE_FIRST_TEXT;
      el->shape |= SHAPE_CHILD | SHAPE_LAST_TEXT;
    }
  }
  if (!b) return;
  seg_buf_append(b, ch, (size_t)n);
  if (b->len > SEG_YAML_MAX_SCALAR)
    fail_at(t, t->term_line, t->term_ord, "term too long (limit %s bytes)", "65536");
}

static void on_characters(void *ctx, const xmlChar *ch, int n) {
  tbx_reader *t = reader_of(ctx);
  if (t) text(t, ch, n, 1);
}

/* Never called (without a tree the parser takes no blank for ignorable) but distinct from
 * on_characters: only then does the parser report character data from past its end, where
 * blank_dropped looks for the next tag. */
static void on_blanks(void *ctx, const xmlChar *ch, int n) { on_characters(ctx, ch, n); }

static void on_cdata(void *ctx, const xmlChar *ch, int n) {
  tbx_reader *t = reader_of(ctx);
  if (t) text(t, ch, n, 0);
}

static void on_other(void *ctx, const xmlChar *a, const xmlChar *b) {
  (void)a;
  (void)b;
  tbx_reader *t = reader_of(ctx);
  if (t) child_other(t);
}

static void on_comment(void *ctx, const xmlChar *value) { on_other(ctx, value, NULL); }

static void on_reference(void *ctx, const xmlChar *name) {
  tbx_reader *t = reader_of(ctx);
  if (!t) return;
  if (t->in_term || t->in_status)
    fail_at(t, t->term_line, t->term_ord, "entity reference &%s; in a term (not supported)",
            (const char *)name);
  child_other(t);
}

/* The tree builder's depth limit: more than xmlParserMaxDepth elements open. False when hit. */
static int depth_ok(tbx_reader *t) {
  if (t->nopen <= xmlParserMaxDepth) return 1;
  xml_fail(t, "Excessive depth in document: %s use XML_PARSE_HUGE option", "256");
  return 0;
}

/* The tree builder's checks of an ID's value v[0, len) (an xml:id when xml_id): an xml:id
 * must be an NCName, and an ID is given once. False when one fails. */
static int id_ok(tbx_reader *t, const xmlChar *v, size_t len, int xml_id) {
  xmlChar *value = xmlStrndup(v, (int)len);
  if (xml_id && xmlValidateNCName(value, 1)) {
    xml_fail(t, "xml:id : attribute value %s is not an NCName", (const char *)value);
  } else if (*value) {
    if (!t->ids) t->ids = xmlHashCreate(0);
    if (xmlHashAddEntry(t->ids, value, t->ids))
      xml_fail(t, "ID %s already defined", (const char *)value);
  }
  xmlFree(value);
  return !t->failed;
}

/* The errors libxml2's tree builder adds to the parser's, raised where it would raise them
 * (the parser's place when it reports the element): more than xmlParserMaxDepth elements
 * open, an xml:id that is not an NCName, an ID (xml:id, or declared so in the internal
 * subset) given twice. False when one is raised. */
static int tree_checks(tbx_reader *t, const xmlChar *local, const xmlChar *prefix, int nattrs,
                       const xmlChar **attrs) {
  if (!depth_ok(t)) return 0;
  xmlDtdPtr dtd = t->ctxt->myDoc ? t->ctxt->myDoc->intSubset : NULL;
  if (dtd && !dtd->attributes) dtd = NULL; /* a DOCTYPE that declares no attribute: no ID type */
  for (int i = 0; i < nattrs; i++) {
    const xmlChar *const *a = attrs + 5 * i; /* local name, prefix, URI, value, end */
    /* as xmlSAX2AttributeNs tells it: the prefix is the interned "xml" */
    int xml_id = a[0] == t->id_name && a[1] == t->ctxt->str_xml;
    if (!xml_id && !dtd) continue;
    int is_id = xml_id;
    if (!xml_id) {
      xmlChar el[64], at[64];
      xmlChar *en = prefix ? xmlBuildQName(local, prefix, el, sizeof el) : (xmlChar *)local;
      xmlChar *an = a[1] ? xmlBuildQName(a[0], a[1], at, sizeof at) : (xmlChar *)a[0];
      xmlAttributePtr decl = en && an ? xmlGetDtdAttrDesc(dtd, en, an) : NULL;
      is_id = decl && decl->atype == XML_ATTRIBUTE_ID;
      if (en != el && en != local) xmlFree(en);
      if (an != at && an != a[0]) xmlFree(an);
    }
    if (is_id && !id_ok(t, a[3], (size_t)(a[4] - a[3]), xml_id)) return 0;
  }
  return 1;
}

/* tree_checks for the fast pass (no DTD declares anything: see on_subset), which also gives up
 * at a namespace declaration or prefix. */
static int fast_checks(tbx_reader *t, const xmlChar **atts) {
  if (!depth_ok(t)) return 0;
  for (const xmlChar **a = atts; a && *a; a += 2) {
    int attr = name_of(t, a[0])->attr;
    if (attr == AT_NS) {
      bail(t);
      return 0;
    }
    if (attr == AT_XML_ID && !id_ok(t, a[1], strlen((const char *)a[1]), 1)) return 0;
  }
  return 1;
}

/* Is the element starting (of kind EL_*) the first, and not a TBX root? Then the load fails. */
static int root_ok(tbx_reader *t, int kind, const xmlChar *local) {
  if (t->root) return 1;
  t->root = 1;
  if (kind == EL_ROOT) return 1;
  fail_at(t, t->line, t->ord,
          "not a TBX document: the root element is <%s> (expected <martif> or <tbx>)",
          (const char *)local);
  return 0;
}

/* An element start (its local name, of kind EL_*), its attributes in t->attrs. */
static void element_open(tbx_reader *t, const xmlChar *local, int kind) {
  child_other(t);
  SEG_GROW(t->open, t->open_cap, t->nopen + 1);
  t->open[t->nopen++] = (open_el){local, 0, (unsigned char)kind, 0};
  /* the place: exact line, and the element's rank among the element starts of that line */
  int line = t->ctxt->input->line;
  uint32_t l = line > 0 ? (uint32_t)line : 0;
  t->ord = l == t->line ? t->ord + 1 : 0;
  t->line = l;
  if (root_ok(t, kind, local)) element_start(t, kind, (const char *)local);
}

static void on_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                     int nns, const xmlChar **ns, int nattrs, int ndefaulted,
                     const xmlChar **attrs) {
  (void)uri;
  (void)nns;
  (void)ns;
  tbx_reader *t = reader_of(ctx);
  if (!t || !tree_checks(t, local, prefix, nattrs - ndefaulted, attrs)) return;
  t->attrs = attrs;
  t->nattrs = nattrs - ndefaulted; /* attributes the DTD defaults are not the element's */
  element_open(t, local, name_of(t, local)->kind);
}

/* The innermost open element ends (a mismatched end tag is an error first). */
static void element_close(tbx_reader *t) {
  if (t->nopen) element_end(t, t->open[--t->nopen].kind);
}

static void on_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri) {
  (void)local;
  (void)prefix;
  (void)uri;
  tbx_reader *t = reader_of(ctx);
  if (t) element_close(t);
}

/* ---------- the fast pass's callbacks ----------
 * The namespace-unaware pass keeps no stack of open elements: a text node is the run of text
 * since the last other event (an element's start or end, a comment, a processing
 * instruction, a reference), which is all the huge-text limit looks at, and an element's end
 * tag names it as its start did. The blank rule needs the open element's children so far:
 * blank-only character data in a term or status is rare, and leaves the document to the
 * namespace-aware pass, which applies the rule. */

/* An element start: its qualified name, its attributes as name, value pairs. */
static void fast_start(void *ctx, const xmlChar *name, const xmlChar **atts) {
  tbx_reader *t = reader_of(ctx);
  if (!t) return;
  int kind = name_of(t, name)->kind;
  if (kind == EL_NS) {
    bail(t);
    return;
  }
  if (!fast_checks(t, atts)) return;
  child_other(t);
  t->nopen++;
  int line = t->ctxt->input->line;
  t->line = line > 0 ? (uint32_t)line : 0;
  t->ord = 0; /* (columns are the push pass's) */
  if (root_ok(t, kind, name) && kind != EL_OTHER) {
    t->attrs = atts;
    element_start(t, kind, (const char *)name);
  }
}

static void fast_end(void *ctx, const xmlChar *name) {
  tbx_reader *t = reader_of(ctx);
  if (!t) return;
  int kind = name_of(t, name)->kind;
  t->nopen--;
  child_other(t);
  if (kind != EL_OTHER) element_end(t, kind);
}

/* The fast pass's DOCTYPE: an internal subset may declare entities, attribute types, defaults
 * (namespace declarations too): left to the namespace-aware pass, which reads them as the tree
 * builder does. An external subset is never loaded. */
static void on_subset(void *ctx, const xmlChar *name, const xmlChar *external_id,
                      const xmlChar *system_id) {
  xmlSAX2InternalSubset(ctx, name, external_id, system_id);
  tbx_reader *t = reader_of(ctx);
  if (t && *t->ctxt->input->cur == '[') bail(t);
}

/* The fast pass's errors (the namespace-unaware parser reports them unstructured): the load
 * fails, and a namespace-aware pass tells why. */
static void on_fast_error(void *ctx, const char *fmt, ...) {
  (void)fmt;
  tbx_reader *t = reader_of(ctx);
  if (!t) return;
  seg_error_set(t->err, SEG_ERR_CONFIG, t->name, 0, 0, "XML: malformed document");
  t->failed = 1;
}

/* ---------- the document ---------- */

/* XML_PARSE_NONET: nothing from the network; no NOENT/DTDLOAD: no entity expansion, no DTD. */
enum { PARSE_OPTIONS = XML_PARSE_NONET | XML_PARSE_BIG_LINES };
enum { CHUNK = 4096 }; /* bytes fed to the push parser at a time (fewer instructions than 512 or 64 KiB) */

/* The pull parser's input: up to len more bytes of the document (file or memory); 0 at its
 * end and once the load has failed (the rest is not read), -1 when the file cannot be read.
 * The parser asks for a few KiB at a time and drops what it has parsed. */
static int read_input(void *ctx, char *buf, int len) {
  tbx_reader *t = ctx;
  if (t->failed || len <= 0) return 0;
  size_t n;
  if (t->file) {
    n = fread(buf, 1, (size_t)len, t->file);
    if (ferror(t->file)) {
      seg_error_set(t->err, SEG_ERR_CONFIG, t->name, 0, 0, "cannot read: %s", strerror(errno));
      t->failed = 1;
      return -1;
    }
  } else {
    n = t->len - t->at < (size_t)len ? t->len - t->at : (size_t)len;
    memcpy(buf, t->bytes + t->at, n);
    t->at += n;
  }
  return (int)n;
}

/* Feeds the rest of the document to the push parser, a chunk at a time (read_input), then its
 * end. */
static void feed(tbx_reader *t, char *buf) {
  int n;
  while ((n = read_input(t, buf, CHUNK)) > 0) {
    xmlParseChunk(t->ctxt, buf, n, 0);
    if (t->failed || t->ctxt->disableSAX) return;
  }
  if (!n && !t->failed) xmlParseChunk(t->ctxt, NULL, 0, 1);
}

static int close_input(void *ctx) {
  (void)ctx;
  return 0;
}

/* The parser for one pass over the document (file f, else bytes), its input set up as
 * xmlCreatePushParserCtxt sets it up for a file name (for the pull parser too); NULL when it
 * cannot be made. The push parser starts as libxml2's own reader starts it: with the first four
 * bytes, which tell the encoding (none when the document is shorter). */
static xmlParserCtxtPtr new_parser(tbx_reader *t, xmlSAXHandler *sax, int push, char *buf) {
  if (!push) {
    xmlParserCtxtPtr c =
        xmlCreateIOParserCtxt(sax, NULL, read_input, close_input, t, XML_CHAR_ENCODING_NONE);
    if (c && c->input && !c->input->filename) {
      c->input->filename = (char *)xmlCanonicPath((const xmlChar *)t->name);
      if (!c->directory) c->directory = xmlParserGetDirectory(t->name);
    }
    return c;
  }
  size_t head = t->file ? fread(buf, 1, 4, t->file) : t->len;
  if (head < 4 && t->file) rewind(t->file); /* fed from its start */
  head = head < 4 ? 0 : 4;
  t->at = head;
  return xmlCreatePushParserCtxt(sax, NULL, head ? (t->file ? buf : t->bytes) : NULL, (int)head,
                                 t->name);
}

/* What a pass is given and gives back. */
typedef struct {
  int pass;       /* PASS_* */
  size_t skip;    /* entries an earlier pass added: read, not added again */
  size_t entries; /* out: entries read */
  int bailed;     /* out: the fast pass gave up (see load) */
} pass_run;

/* One pass over the document (file f, else bytes) into g. */
static seg_status parse(seg_glossary *g, FILE *f, const char *bytes, size_t len, const char *name,
                        seg_error *err, pass_run *run) {
  int push = run->pass == PASS_PUSH;
  tbx_reader t = {.g = g, .name = name, .file = f, .bytes = bytes, .len = len, .err = err,
                  .pass = run->pass, .skip = run->skip};
  int fast = run->pass == PASS_FAST;
  xmlSAXHandler sax;
  memset(&sax, 0, sizeof sax);
  /* the tree builder's handlers for the DTD: entities stay declared; SAX1 for the fast pass
   * (names as written, no namespaces), SAX2 else */
  xmlSAXVersion(&sax, fast ? 1 : 2);
  sax.characters = on_characters;
  sax.ignorableWhitespace = on_blanks;
  sax.cdataBlock = on_cdata;
  sax.reference = on_reference;
  sax.comment = on_comment;
  sax.processingInstruction = on_other;
  sax.warning = NULL;
  if (fast) {
    sax.startElement = fast_start;
    sax.endElement = fast_end;
    sax.internalSubset = on_subset;
    sax.error = sax.fatalError = on_fast_error; /* SAX1 has no structured errors */
  } else {
    sax.startElementNs = on_start;
    sax.endElementNs = on_end;
    sax.error = NULL;
    sax.serror = on_xml_error;
  }
  char *buf = push ? seg_xmalloc(CHUNK) : NULL;
  t.ctxt = new_parser(&t, &sax, push, buf);
  seg_status st = SEG_OK;
  if (!t.ctxt) {
    st = seg_error_set(err, SEG_ERR_CONFIG, name, 0, 0, "XML: cannot start the parser");
  } else {
    t.ctxt->_private = &t;
    xmlCtxtUseOptions(t.ctxt, PARSE_OPTIONS);
    intern_names(&t);
    if (push)
      feed(&t, buf);
    else
      xmlParseDocument(t.ctxt);
    if (t.failed)
      st = SEG_ERR_CONFIG;
    else if (!t.ctxt->wellFormed || (fast && !t.ctxt->nsWellFormed))
      st = seg_error_set(err, SEG_ERR_CONFIG, name, 0, 0, "XML: malformed document");
    else if (!t.root)
      st = seg_error_set(err, SEG_ERR_CONFIG, name, 0, 0, "XML: empty document");
    xmlFreeDoc(t.ctxt->myDoc); /* the DTD's declarations; no elements */
    xmlHashFree(t.ids, NULL);
    xmlFreeParserCtxt(t.ctxt);
  }
  free(buf);
  free(t.open);
  seg_buf_free(&t.text);
  seg_buf_free(&t.status);
  seg_buf_free(&t.pool);
  free(t.terms[0].v);
  free(t.terms[1].v);
  free(t.nodes);
  free(t.ptrs);
  run->entries = t.entries;
  run->bailed = t.bailed;
  return st;
}

/* Reads the document (file f, else bytes) into g; closes nothing. First with libxml2's SAX1
 * pull parser, which reads names as written and knows no namespaces (a tenth fewer of its
 * instructions than its namespace-aware SAX2 one): that reads a document without namespace
 * declarations, prefixes (but xml:) or an internal DTD subset as SAX2 does, and gives up at
 * the first of those; the SAX2 pull parser then reads the document again, the entries the
 * first pass added skipped. Both pull parsers read in fewer instructions than the push parser,
 * but where the document is wrong they can tell it differently (the push parser: "Extra
 * content at the end of the document" for a truncated one, its own places past a bad start
 * tag, the depth limit after the tag). So a document a pull parser finds wrong, for whatever
 * reason, is read again from its start with the SAX2 push parser, whose first error is the
 * load's: the message and place it always was. An entry read again is added again as the
 * same terms, keys and targets (only a key ending in '.' is listed once more among the dotted
 * ones, as when a glossary gives it twice); the glossary keeps what any pass added before its
 * error. */
static seg_status load(seg_glossary *g, FILE *f, const char *bytes, size_t len, const char *name,
                       seg_error *err) {
  xmlInitParser();
  xmlGenericErrorFunc old = xmlGenericError;
  void *old_ctx = xmlGenericErrorContext;
  xmlSetGenericErrorFunc(NULL, quiet);
  seg_error before = err ? *err : (seg_error){0};
  pass_run run = {.pass = PASS_FAST};
  seg_status st = parse(g, f, bytes, len, name, err, &run);
  if (run.bailed && f && fseek(f, 0, SEEK_SET)) {
    st = seg_error_set(err, SEG_ERR_CONFIG, name, 0, 0, "cannot read: %s", strerror(errno));
  } else if (run.bailed) {
    if (err) *err = before;
    run = (pass_run){.pass = PASS_PULL, .skip = run.entries};
    st = parse(g, f, bytes, len, name, err, &run);
  }
  if (st && (!f || !fseek(f, 0, SEEK_SET))) {
    if (err) *err = before;
    run = (pass_run){.pass = PASS_PUSH};
    st = parse(g, f, bytes, len, name, err, &run);
  }
  xmlSetGenericErrorFunc(old_ctx, old);
  seg_glossary_end_file(g); /* also after an error: the terms added so far match */
  return st;
}

seg_status seg_tbx_add_memory(seg_glossary *g, const char *bytes, size_t len, const char *name,
                              seg_error *err) {
  if (len > INT32_MAX)
    return seg_error_set(err, SEG_ERR_CONFIG, name, 0, 0, "document too large (limit 2 GiB)");
  if (!seg_tbx_is_xml(bytes, len))
    return seg_error_set(err, SEG_ERR_CONFIG, name, 0, 0, "not a TBX document: no XML element");
  return load(g, NULL, bytes, len, name, err);
}

/* Opens path and reads its first bytes into head (*n of them), the file rewound. */
static FILE *open_head(const char *path, char *head, size_t cap, size_t *n, seg_error *err) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    seg_error_set(err, SEG_ERR_CONFIG, path, 0, 0, "cannot open: %s", strerror(errno));
    return NULL;
  }
  *n = fread(head, 1, cap, f);
  if (ferror(f) || fseek(f, 0, SEEK_SET)) {
    seg_error_set(err, SEG_ERR_CONFIG, path, 0, 0, "cannot read: %s", strerror(errno));
    fclose(f);
    return NULL;
  }
  return f;
}

seg_status seg_tbx_add_file(seg_glossary *g, const char *path, seg_error *err) {
  char head[512];
  size_t n;
  FILE *f = open_head(path, head, sizeof head, &n, err);
  if (!f) return SEG_ERR_CONFIG;
  seg_status st = seg_tbx_is_xml(head, n)
                      ? load(g, f, NULL, 0, path, err)
                      : seg_error_set(err, SEG_ERR_CONFIG, path, 0, 0,
                                      "not a TBX document: no XML element");
  fclose(f);
  return st;
}

int seg_tbx_is_xml(const char *bytes, size_t len) {
  const unsigned char *u = (const unsigned char *)bytes;
  size_t i = 0;
  if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
    int lo = u[0] == 0xFF; /* UTF-16: the first non-blank code unit */
    for (i = 2; i + 1 < len; i += 2) {
      unsigned c = lo ? u[i] | (unsigned)u[i + 1] << 8 : (unsigned)u[i] << 8 | u[i + 1];
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return c == '<';
    }
    return 0;
  }
  if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) i = 3;
  while (i < len && (u[i] == ' ' || u[i] == '\t' || u[i] == '\r' || u[i] == '\n')) i++;
  return i < len && u[i] == '<';
}

seg_status seg_tbx_add_glossary_file(seg_glossary *g, const char *path, seg_error *err) {
  char head[512];
  size_t n;
  FILE *f = open_head(path, head, sizeof head, &n, err);
  if (!f) return SEG_ERR_CONFIG;
  if (seg_tbx_is_xml(head, n)) {
    seg_status st = load(g, f, NULL, 0, path, err);
    fclose(f);
    return st;
  }
  fclose(f);
  return seg_glossary_add_file(g, path, err);
}
