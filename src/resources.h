/* resources: the language data a run needs, loaded once from the embedded defaults plus the
 * configured files, then read-only (shared by every thread). A side (the Indonesian text, or
 * the English translation when aligning) is the subset one text flow works with. */
#ifndef SEG_RESOURCES_H
#define SEG_RESOURCES_H

#include "align.h"
#include "classify.h"
#include "clean.h"
#include "filter.h"
#include "glossary.h"
#include "segment.h"
#include "splitter.h"

typedef struct {
  seg_lexicon *lexicon;   /* NULL: keep_boilerplate (Unicode normalization only) */
  seg_abbrevs *abbrevs;   /* Indonesian (or configured) list, plus dotted glossary terms */
  seg_glossary *glossary; /* empty without glossaries */
  /* bilingual runs only */
  seg_abbrevs *abbrevs_en;
  seg_glossary *no_glossary; /* the English side is not normalized */
  seg_dict *dict;            /* word list plus the glossary's canonical/target pairs */
  seg_filter_config *filters; /* rule switches and thresholds (every rule off: no_filters) */
  /* the cleaner's line classifier (Indonesian; NULL with keep_boilerplate) */
  seg_classifier *classifier;
} seg_resources;

/* What one text flow reads: borrowed from a seg_resources, valid as long as it is. */
typedef struct {
  const seg_lexicon *lexicon;
  const seg_classifier *classifier; /* NULL: lexicon filters only (the English side) */
  const seg_abbrevs *abbrevs;
  const seg_glossary *glossary;
  const char *locale; /* ICU locale: "id" or "en" */
  const seg_resources *res; /* everything else (filters, dictionary) */
} seg_side;

/* Loads everything `cfg` asks for. On error returns SEG_ERR_CONFIG (or the loader's code)
 * with err naming the file, line and column; `res` is then empty. */
seg_status seg_resources_load(seg_resources *res, const seg_config *cfg, seg_error *err);
/* The Indonesian side (english = 0) or the English side of a bilingual run. */
seg_side seg_resources_side(const seg_resources *res, int english);
void seg_resources_free(seg_resources *res);

#endif
