/* tbx: TBX termbases (TBX-Basic / TBX 2 <martif>, TBX 3 <tbx>) read into a glossary with
 * libxml2's SAX2 push parser, so memory holds one entry's terms whatever the file's size; and
 * the choice between TBX and YAML for a --glossary file by its content. Each entry becomes one
 * seg_glossary_add_entry call, so matching, merging and conflicts are exactly the YAML
 * glossary's (mapping in glossary/README.md). Never builds a document tree, never loads a DTD
 * or anything from the network, never expands entities, never prints. */
#ifndef SEG_TBX_H
#define SEG_TBX_H
#include <stddef.h>

#include "error.h"
#include "glossary.h"

/* Adds the entries of the TBX file `path` (Indonesian terms -> English targets) to g. Errors
 * are SEG_ERR_CONFIG at the file's line and column: malformed XML, a root other than <martif>
 * or <tbx>, an entry without an Indonesian term, a variant claimed by two canonicals... */
seg_status seg_tbx_add_file(seg_glossary *g, const char *path, seg_error *err);
/* The same for a TBX document in memory (borrowed for the call), `name` naming it. */
seg_status seg_tbx_add_memory(seg_glossary *g, const char *bytes, size_t len, const char *name,
                              seg_error *err);
/* Does a document starting with these bytes look like XML (its first character, after a
 * byte-order mark and blanks, is '<'; UTF-8 or UTF-16)? A YAML glossary never does. */
int seg_tbx_is_xml(const char *bytes, size_t len);
/* Adds a --glossary file of either kind, told apart by its first bytes (seg_tbx_is_xml): TBX
 * through seg_tbx_add_file, else YAML through seg_glossary_add_file. */
seg_status seg_tbx_add_glossary_file(seg_glossary *g, const char *path, seg_error *err);

#endif
