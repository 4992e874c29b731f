/* resources: see resources.h. Loading only; nothing here runs per line. */
#include "resources.h"

#include <string.h>

#include "bundled.h"

/* A loader's failure: its code (every loader sets one; configuration error if not). */
static seg_status failed(const seg_error *err) { return err->code ? err->code : SEG_ERR_CONFIG; }

static void add_dotted(void *ctx, const char *tok, size_t len) {
  seg_abbrevs_add(ctx, tok, len, SEG_ABBR_ACRONYM);
}

static void add_target_pair(void *ctx, const char *canonical, const char *target) {
  seg_dict_add_phrase(ctx, canonical, strlen(canonical), target, strlen(target));
}

static seg_status load_monolingual(seg_resources *res, const seg_config *cfg, seg_error *err) {
  if (!cfg->keep_boilerplate) {
    if (!(res->lexicon = seg_lexicon_default(err))) return failed(err);
    if (!(res->classifier = seg_classifier_default(err))) return failed(err);
    for (const char *const *f = cfg->boilerplate; f && *f; f++)
      if (seg_lexicon_add_file(res->lexicon, *f, err)) return failed(err);
  }
  if (cfg->abbreviations) {
    res->abbrevs = seg_abbrevs_new();
    if (seg_abbrevs_add_file(res->abbrevs, cfg->abbreviations, err)) return failed(err);
  } else if (!(res->abbrevs = seg_abbrevs_default("id", err))) {
    return failed(err);
  }
  res->glossary = seg_glossary_new();
  for (const char *const *f = cfg->glossaries; f && *f; f++)
    if (seg_bundled_add_glossary(res->glossary, *f, err)) return failed(err);
  seg_glossary_each_dotted(res->glossary, add_dotted, res->abbrevs);
  return SEG_OK;
}

/* What alignment adds: English abbreviations and the bilingual dictionary. */
static seg_status load_bilingual(seg_resources *res, seg_error *err) {
  if (!(res->abbrevs_en = seg_abbrevs_default("en", err))) return failed(err);
  if (!(res->dict = seg_dict_default(err))) return failed(err);
  res->no_glossary = seg_glossary_new();
  seg_glossary_each_target(res->glossary, add_target_pair, res->dict);
  return SEG_OK;
}

/* The filter configuration: the embedded defaults, then the user's file. */
static seg_status load_filters(seg_resources *res, const seg_config *cfg, seg_error *err) {
  if (!(res->filters = seg_filter_config_default(err))) return failed(err);
  if (cfg->filters && seg_filter_config_add_file(res->filters, cfg->filters, err)) return failed(err);
  if (cfg->no_filters) memset(res->filters->on, 0, sizeof res->filters->on);
  return SEG_OK;
}

seg_status seg_resources_load(seg_resources *res, const seg_config *cfg, seg_error *err) {
  memset(res, 0, sizeof *res);
  seg_status rc = load_monolingual(res, cfg, err);
  if (!rc) rc = load_filters(res, cfg, err);
  if (!rc && (cfg->bilingual || cfg->target_key || cfg->input_format == SEG_INPUT_PAIRS))
    rc = load_bilingual(res, err);
  if (rc) seg_resources_free(res);
  return rc;
}

seg_side seg_resources_side(const seg_resources *res, int english) {
  if (english) return (seg_side){res->lexicon, NULL, res->abbrevs_en, res->no_glossary, "en", res};
  return (seg_side){res->lexicon, res->classifier, res->abbrevs, res->glossary, "id", res};
}

void seg_resources_free(seg_resources *res) {
  seg_abbrevs_free(res->abbrevs_en);
  seg_glossary_free(res->no_glossary);
  seg_dict_free(res->dict);
  seg_lexicon_free(res->lexicon);
  seg_classifier_free(res->classifier);
  seg_abbrevs_free(res->abbrevs);
  seg_glossary_free(res->glossary);
  seg_filter_config_free(res->filters);
  memset(res, 0, sizeof *res);
}
