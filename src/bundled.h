/* bundled: the language data built into the binary, found by name. `--glossary id-en` (a name
 * without '/' and without a .yaml/.yml ending) means the bundled glossary of that name from any
 * directory; everything else is a path. Owns the table of names; never reads files itself
 * (seg_bundled_add_glossary hands paths to the glossary loader), never prints. */
#ifndef SEG_BUNDLED_H
#define SEG_BUNDLED_H
#include <stddef.h>

#include "error.h"
#include "glossary.h"

typedef struct {
  const char *name; /* what --glossary takes: "id-en" */
  const char *file; /* its source under glossary/ and under the installed share/segment/ */
  const char *help; /* one line for --help */
} seg_bundled_info;

/* 1 if `arg` has the shape of a bundled name (no '/', no .yaml/.yml ending), 0 if a path. */
int seg_bundled_is_name(const char *arg);
/* 1 with (*bytes, *len) = the embedded YAML of bundled glossary `name` (static, not
 * NUL-terminated for the caller's purposes); 0 (outputs untouched) when there is none. */
int seg_bundled_find(const char *name, const char **bytes, size_t *len);
/* The bundled glossaries, for --help and error messages: i in [0, seg_bundled_count()). The
 * entries are static. */
size_t seg_bundled_count(void);
const seg_bundled_info *seg_bundled_get(size_t i);

/* What --glossary ARG loads into g: the bundled glossary named ARG when there is one (errors
 * name it "<embedded>/FILE"), else the file ARG; a name-shaped ARG that is neither gets
 * "cannot open: ...; bundled glossaries: id-en" (SEG_ERR_CONFIG). */
seg_status seg_bundled_add_glossary(seg_glossary *g, const char *arg, seg_error *err);

#endif
