/* tbx: see tbx.h. The reader walks the document once, keeping only the current entry: the
 * terms of its Indonesian and English language sections (text, place, preferred or not) in a
 * pool cleared per entry. An entry's terms become scalar nodes for seg_glossary_add_entry.
 *
 * Places: libxml2's parser runs up to a chunk ahead of the node the reader returns, so the
 * parser's line and column are not the node's. An element's line is exact (xmlGetLineNo, with
 * XML_PARSE_BIG_LINES past 65,535); for its column the reader counts which element start it is
 * on its line, and only when an error names it is that line of the document read again to
 * find the column. Nodes handed to the glossary carry that ordinal + 1 as their column; an
 * error coming back has it replaced by the real column. */
#include "tbx.h"

#include <errno.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "ydoc.h"

/* The languages of a glossary: its text's and its targets'. Tags match by their primary
 * subtag, case-insensitively (id, id-ID, ID; en, en-US, en-GB); `in` is the code ISO 639
 * withdrew for Indonesian, still found in older termbases, `ind` and `eng` the three-letter
 * codes some tools write. */
static const char *const source_langs[] = {"id", "in", "ind", NULL};
static const char *const target_langs[] = {"en", "eng", NULL};

enum { LANG_NONE, LANG_SOURCE, LANG_TARGET, LANG_OTHER };
enum { EL_OTHER, EL_ROOT, EL_ENTRY, EL_LANG, EL_GROUP, EL_TERM, EL_NOTE, EL_STATUS };

typedef struct {
  size_t off, len;    /* text in the entry's pool (NUL-terminated there) */
  uint32_t line, ord; /* the <term> element: its line and which element start on that line */
  int preferred;
} tbx_term;

typedef struct {
  tbx_term *v;
  size_t n, cap;
} term_list;

typedef struct {
  seg_glossary *g;
  const char *name; /* for messages */
  FILE *file;       /* the document, read again only to find a column (or NULL) */
  const char *bytes;
  size_t len;
  xmlTextReaderPtr r;
  const xmlChar *names[12]; /* element_names as interned by the reader */
  seg_error *err;
  int failed;       /* err is set */
  /* the element's place */
  uint32_t line, ord;
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
  size_t col = column_of(t, line, ord);
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
  tbx_reader *t = ctx;
  if (t->failed || !e || e->level < XML_ERR_ERROR) return;
  char msg[400];
  snprintf(msg, sizeof msg, "%s", e->message ? e->message : "malformed XML");
  size_t n = strlen(msg);
  while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) msg[--n] = '\0';
  seg_error_set(t->err, SEG_ERR_CONFIG, t->name, e->line > 0 ? (size_t)e->line : 0,
                e->int2 > 0 ? (size_t)e->int2 : 0, "XML: %s", msg);
  t->failed = 1;
}

/* libxml2 reports some problems (an unreadable encoding...) through its generic handler,
 * which prints by default: swallowed while we read (the reader's structured handler gets the
 * ones that matter). */
static void quiet(void *ctx, const char *fmt, ...) {
  (void)ctx;
  (void)fmt;
}

/* ---------- the entry ---------- */

static int lang_in(const char *tag, const char *const *codes) {
  size_t n = strcspn(tag, "-_");
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

static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

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
  while (a < b && strchr(" \t\r\n", status->data[a])) a++;
  while (b > a && strchr(" \t\r\n", status->data[b - 1])) b--;
  static const char *const values[] = {"preferredTerm-admn-sts", "preferredTerm", "preferred", NULL};
  for (const char *const *v = values; *v; v++)
    if (strlen(*v) == b - a && !memcmp(status->data + a, *v, b - a)) return 1;
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
    if (t->err && t->err->col) t->err->col = column_of(t, t->err->line, t->err->col - 1);
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

/* The names as the reader's dictionary holds them: an element's local name is one of them
 * exactly when it is the same pointer, so telling elements apart costs no string compare. */
static void intern_names(tbx_reader *t) {
  for (size_t i = 0; i < NNAMES; i++)
    t->names[i] = xmlTextReaderConstString(t->r, (const xmlChar *)element_names[i].name);
}

static int kind_of(const tbx_reader *t, const xmlChar *name) {
  for (size_t i = 0; i < NNAMES; i++)
    if (name == t->names[i]) return element_names[i].kind;
  return EL_OTHER;
}

/* The value of the element's attribute `local` (in the XML namespace when `xml_ns`, else in
 * none), read from the node the reader built, without a copy; NULL when absent. A value made
 * of several nodes (an entity in it) is left to xmlTextReaderGetAttribute, whose copy *owned
 * receives (for the caller to xmlFree). */
static const char *attribute(tbx_reader *t, const char *local, int xml_ns, xmlChar **owned) {
  xmlNodePtr node = xmlTextReaderCurrentNode(t->r);
  for (xmlAttrPtr a = node ? node->properties : NULL; a; a = a->next) {
    int ns_ok = xml_ns ? a->ns && a->ns->href && !strcmp((const char *)a->ns->href,
                                                           (const char *)XML_XML_NAMESPACE)
                       : !a->ns;
    if (!ns_ok || strcmp((const char *)a->name, local)) continue;
    xmlNodePtr v = a->children;
    if (!v) return "";
    if (v->type == XML_TEXT_NODE && !v->next && v->content) return (const char *)v->content;
    *owned = xml_ns ? xmlTextReaderGetAttributeNs(t->r, (const xmlChar *)local, XML_XML_NAMESPACE)
                    : xmlTextReaderGetAttribute(t->r, (const xmlChar *)local);
    return (const char *)*owned;
  }
  return NULL;
}

static seg_status element_start(tbx_reader *t, int kind, const char *name) {
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
    const char *lang = attribute(t, "lang", 1, &owned);
    if (!lang) lang = attribute(t, "lang", 0, &owned); /* MARTIF's plain lang */
    if (!lang) return fail_at(t, t->line, t->ord, "<%s> has no xml:lang", name);
    t->lang = lang_in(lang, source_langs)   ? LANG_SOURCE
              : lang_in(lang, target_langs) ? LANG_TARGET
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
      const char *type = attribute(t, "type", 0, &owned);
      status = type && !strcmp(type, "administrativeStatus");
      xmlFree(owned);
    }
    if (status) {
      t->in_status = 1;
      seg_buf_clear(&t->status);
    }
  }
  return SEG_OK;
}

static seg_status element_end(tbx_reader *t, int kind) {
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

static seg_status text_node(tbx_reader *t) {
  seg_buf *b = t->in_term ? &t->text : t->in_status ? &t->status : NULL;
  if (!b) return SEG_OK;
  const char *v = (const char *)xmlTextReaderConstValue(t->r);
  if (v) seg_buf_append(b, v, strlen(v));
  if (b->len > SEG_YAML_MAX_SCALAR)
    return fail_at(t, t->term_line, t->term_ord, "term too long (limit %s bytes)", "65536");
  return SEG_OK;
}

/* The element's place: exact line, and its rank among the element starts of that line. */
static void place(tbx_reader *t) {
  long line = xmlGetLineNo(xmlTextReaderCurrentNode(t->r));
  uint32_t l = line > 0 ? (uint32_t)line : 0;
  t->ord = l == t->line ? t->ord + 1 : 0;
  t->line = l;
}

static seg_status read_nodes(tbx_reader *t) {
  int rc, root = 0;
  intern_names(t);
  while ((rc = xmlTextReaderRead(t->r)) == 1 && !t->failed) {
    int type = xmlTextReaderNodeType(t->r);
    seg_status st = SEG_OK;
    if (type == XML_READER_TYPE_ELEMENT) {
      const xmlChar *name = xmlTextReaderConstLocalName(t->r);
      int kind = kind_of(t, name);
      place(t);
      if (!root++ && kind != EL_ROOT)
        return fail_at(t, t->line, t->ord,
                       "not a TBX document: the root element is <%s> (expected <martif> or <tbx>)",
                       (const char *)name);
      st = element_start(t, kind, (const char *)name);
      if (!st && xmlTextReaderIsEmptyElement(t->r)) st = element_end(t, kind);
    } else if (type == XML_READER_TYPE_END_ELEMENT) {
      st = element_end(t, kind_of(t, xmlTextReaderConstLocalName(t->r)));
    } else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
               type == XML_READER_TYPE_WHITESPACE ||
               type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
      st = text_node(t);
    } else if (type == XML_READER_TYPE_ENTITY_REFERENCE && (t->in_term || t->in_status)) {
      st = fail_at(t, t->term_line, t->term_ord, "entity reference &%s; in a term (not supported)",
                   (const char *)xmlTextReaderConstLocalName(t->r));
    }
    if (st) return st;
  }
  if (t->failed) return SEG_ERR_CONFIG;
  if (rc < 0)
    return seg_error_set(t->err, SEG_ERR_CONFIG, t->name, 0, 0, "XML: malformed document");
  if (!root) return seg_error_set(t->err, SEG_ERR_CONFIG, t->name, 0, 0, "XML: empty document");
  return SEG_OK;
}

/* XML_PARSE_NONET: nothing from the network; no NOENT/DTDLOAD: no entity expansion, no DTD. */
enum { READ_OPTIONS = XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA | XML_PARSE_NOBLANKS };

static int read_file(void *ctx, char *buf, int len) {
  size_t n = fread(buf, 1, (size_t)len, ctx);
  return n == 0 && ferror((FILE *)ctx) ? -1 : (int)n;
}

/* Reads the document (file f, else bytes) into g; closes nothing. */
static seg_status load(seg_glossary *g, FILE *f, const char *bytes, size_t len, const char *name,
                       seg_error *err) {
  xmlInitParser();
  tbx_reader t = {.g = g, .name = name, .file = f, .bytes = bytes, .len = len, .err = err};
  xmlGenericErrorFunc old = xmlGenericError;
  void *old_ctx = xmlGenericErrorContext;
  xmlSetGenericErrorFunc(NULL, quiet);
  t.r = f ? xmlReaderForIO(read_file, NULL, f, name, NULL, READ_OPTIONS)
          : xmlReaderForMemory(bytes, (int)len, name, NULL, READ_OPTIONS);
  seg_status st;
  if (!t.r) {
    st = seg_error_set(err, SEG_ERR_CONFIG, name, 0, 0, "XML: cannot start the reader");
  } else {
    xmlTextReaderSetStructuredErrorHandler(t.r, on_xml_error, &t);
    st = read_nodes(&t);
    xmlFreeTextReader(t.r);
  }
  xmlSetGenericErrorFunc(old_ctx, old);
  seg_glossary_end_file(g); /* also after an error: the terms added so far match */
  seg_buf_free(&t.text);
  seg_buf_free(&t.status);
  seg_buf_free(&t.pool);
  free(t.terms[0].v);
  free(t.terms[1].v);
  free(t.nodes);
  free(t.ptrs);
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
