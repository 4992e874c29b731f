/* source: see source.h. */
#include "source.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "jsonl.h"

struct seg_source {
  const seg_input *in;
  const seg_config *cfg;
  seg_warn_fn warn;
  void *warn_ctx;
  const char *name; /* the input's name in messages */
  FILE *file, *target_file;
  seg_reader *reader, *target_reader;
  int done;
  /* JSONL */
  seg_jsonl_keys keys;
  seg_jsonl_doc jd;
  seg_reader *doc_text, *doc_target;
};

static FILE *open_path(const char *path, seg_error *err) {
  FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
  if (!f) seg_error_set(err, SEG_ERR_IO, path, 0, 0, "cannot open: %s", strerror(errno));
  return f;
}

/* A reader over the input's main text, or over its translation. */
static seg_reader *open_side(seg_source *s, int target, seg_error *err) {
  const seg_input *in = s->in;
  const char *bytes = target ? in->target_bytes : in->bytes;
  const char *path = target ? in->target : in->path;
  const char *name = path ? path : (in->name ? in->name : "-");
  if (bytes) return seg_reader_open_mem(bytes, target ? in->target_len : in->len, name);
  FILE *f = open_path(path ? path : "-", err);
  if (!f) return NULL;
  if (target) s->target_file = f;
  else s->file = f;
  seg_reader *r = seg_reader_open_file(f, name);
  seg_reader_set_encoding(r, s->cfg->encoding);
  return r;
}

seg_source *seg_source_open(const seg_input *in, const seg_config *cfg, seg_warn_fn warn,
                            void *warn_ctx, seg_error *err) {
  seg_source *s = seg_xcalloc(1, sizeof *s);
  s->in = in;
  s->cfg = cfg;
  s->warn = warn;
  s->warn_ctx = warn_ctx;
  s->name = in->path ? in->path : (in->name ? in->name : "-");
  s->keys = (seg_jsonl_keys){.id_key = cfg->id_key ? cfg->id_key : "id",
                             .text_key = cfg->text_key ? cfg->text_key : "text",
                             .target_key = cfg->target_key,
                             .target_optional = cfg->unaligned};
  s->reader = open_side(s, 0, err);
  int two_files = cfg->bilingual && cfg->input_format != SEG_INPUT_JSONL;
  if (s->reader && two_files) s->target_reader = open_side(s, 1, err);
  if (!s->reader || (two_files && !s->target_reader)) {
    seg_source_free(s);
    return NULL;
  }
  return s;
}

static int next_text(seg_source *s, seg_document *doc) {
  if (s->done) return 0;
  s->done = 1;
  const seg_input *in = s->in;
  *doc = (seg_document){.id = in->name ? in->name : s->name,
                        .text = s->reader,
                        .target = s->target_reader,
                        .target_id = in->target ? in->target : "-"};
  return 1;
}

static void warn_skipped(seg_source *s, const seg_error *e) {
  if (!s->warn) return;
  char msg[600];
  snprintf(msg, sizeof msg, "warning: %s; line skipped", e->msg);
  s->warn(s->warn_ctx, s->name, e->line, e->col, msg);
}

static int next_jsonl(seg_source *s, seg_document *doc, seg_error *err) {
  seg_reader_free(s->doc_text);
  seg_reader_free(s->doc_target);
  s->doc_text = s->doc_target = NULL;
  int rc;
  while ((rc = seg_jsonl_next(s->reader, s->name, &s->keys, &s->jd, err)) == SEG_ERR_INPUT &&
         !s->cfg->strict) {
    warn_skipped(s, err); /* a bad line is reported and skipped */
    memset(err, 0, sizeof *err);
  }
  if (rc <= 0) return rc;
  const char *id = s->jd.id.data ? s->jd.id.data : "";
  s->doc_text = seg_reader_open_mem(s->jd.text.data ? s->jd.text.data : "", s->jd.text.len, id);
  if (s->keys.target_key && !s->jd.target_missing)
    s->doc_target = seg_reader_open_mem(s->jd.target.data ? s->jd.target.data : "",
                                        s->jd.target.len, id);
  *doc = (seg_document){.id = id, .text = s->doc_text, .target = s->doc_target,
                        .target_id = id, .lineno = s->jd.lineno};
  return 1;
}

int seg_source_next(seg_source *s, seg_document *doc, seg_error *err) {
  return s->cfg->input_format == SEG_INPUT_JSONL ? next_jsonl(s, doc, err) : next_text(s, doc);
}

size_t seg_source_bytes(const seg_source *s) { return seg_reader_bytes(s->reader); }

void seg_source_locate(const seg_source *s, const seg_document *doc, seg_error *err) {
  if (s->cfg->input_format != SEG_INPUT_JSONL || !err->line || strcmp(err->file, doc->id)) return;
  char where[sizeof err->file];
  snprintf(where, sizeof where, "%s:%zu: document %s", s->name, doc->lineno, doc->id);
  memcpy(err->file, where, sizeof where);
}

void seg_source_free(seg_source *s) {
  if (!s) return;
  seg_reader_free(s->doc_text);
  seg_reader_free(s->doc_target);
  seg_jsonl_doc_free(&s->jd);
  seg_reader_free(s->reader);
  seg_reader_free(s->target_reader);
  if (s->file && s->file != stdin) fclose(s->file);
  if (s->target_file && s->target_file != stdin) fclose(s->target_file);
  free(s);
}
