/* join: see join.h. The rules, in order: nothing continues a finished sentence, a block
 * without letters ("|-", a counter "0") or a name before another name ("Ani," / "Budi"), and
 * a list's item never continues anything ("a. ...;" / "b. ..."), nor does a line all in
 * capitals continue another (an official letter's heading), nor does anything continue or
 * wait after a line of mostly digits and symbols without a sentence's end, or such a line
 * continue anything (a letter's number, "Nomor: 800/12/2024"); an opening quote or bracket at
 * the end of the block, or a closing mark at the start of the line, glues them; a block
 * ending in a comma or a continuing word ("dan", "yang"), or with a parenthesis open, goes on
 * in the line (a space between); a lower-case word goes on a long block with a stopword,
 * and so does a number when the block ends in a lower-case word;
 * so does a short sentence's end, its first word alone capitalized, on a block ending in a
 * name that links broke already ("... oleh" / "Dinas Pendidikan" / "Kaltim dan dibuka pekan
 * depan."); nothing else continues a headline (a block the joiner built is none, nor one
 * ending in a lower-case word, "Menurut Rina, pemasangan": a sentence a link broke; and a
 * person's name may wait after one as a fragment); two short lines without a stopword are tags,
 * never joined; a lower-case word (not a handle such as "budi_88") or an aside in parentheses
 * joins with a space; so does, right after a long block ending in a capitalized word, a line
 * whose first sentence is the rest of that name ("... di Jalan Raya" / "Labuan-Pandeglang.
 * Seorang ..."); and a short name that ends the sentence of a long block ("... kepada tim" /
 * "NusaTV."), link fragments between; and a line that closes a quotation the block opened
 * at a line's end ("... lagu \"" / "Bayar" / "Bayar Bayar\" yang ...").
 * Text in a right-to-left script never joins text in another (a verse under its sentence).
 * Must never: look at the text itself (only at features), or keep state. */
#include "join.h"

/* A headline, as far as joining goes: headline-like by its capitals (seg_classify_headline),
 * but not a block the joiner built, which is a sentence in progress ("Dua anggota polisi
 * dari" / "Direktorat Reserse Siber Polda Jawa Tengah" / "telah diperiksa ..."), nor one that
 * ends in a lower-case word (a title-case headline ends in a capitalized one: "Oleh sebab
 * itu, Dinas Perhubungan ... sempat memberlakukan" / "sistem satu arah" / "selama ..."). */
int seg_join_headline(const seg_classifier *m, const seg_line_features *f) {
  return !f->joined && !f->end_lower && seg_classify_headline(m, f);
}

int seg_join_name_may_go_on(const seg_classifier *m, const seg_line_features *block) {
  return m && !block->terminal && block->words >= seg_classifier_limits(m)->broken_min_words &&
         block->stop && block->end_title;
}

/* Every word with letters in capitals: a heading line ("PENGUMUMAN", "NOMOR : 800/12/2024",
 * "TENTANG"), not a link's text. */
static int in_capitals(const seg_line_features *f) {
  return f->alpha && f->caps == f->alpha;
}

/* A letter's reference number or a date-time alone ("Nomor: 800/1245/BKPSDM/2025"), not the
 * end of a sentence wrapped by hand ("5,17 poin (0,47%)."). */
static int code_line(const seg_classifier *m, const seg_line_features *f) {
  return m && !f->terminal && seg_classify_symbolic(m, f);
}

/* Lines of an official letter's heading, which nothing joins: both in capitals, or either one
 * its number ("PENGUMUMAN" / "NOMOR : 800/12/2024" / "TENTANG", "Nomor: 800/12/2024"). */
static int letter_heading(const seg_classifier *m, const seg_line_features *block,
                          const seg_line_features *line) {
  return (in_capitals(block) && in_capitals(line)) || code_line(m, block) || code_line(m, line);
}

/* A list's item that opens with a number and names what it counts, no stopword and no
 * sentence end ("2 cm kunyit", "200 ml air", "3 kamar tidur"): the next line is an item too. */
static int quantity_item(const seg_classifier *m, const seg_line_features *f) {
  return m && f->digit_start && f->alpha && !f->stop && !f->terminal && !f->joined &&
         f->words <= seg_classifier_limits(m)->fragment_max_words;
}

int seg_join_how(const seg_classifier *m, const seg_line_features *block,
                 const seg_line_features *line, unsigned lead) {
  if (block->terminal || !block->alpha ||   /* "|-", "0" */
      block->rtl_start != line->rtl_start || /* an Arabic verse after its Latin text */
      (block->name && line->name) ||         /* "Ani," "Budi" */
      line->start == SEG_START_ITEM ||       /* "a. ...;" / "b. ..." */
      letter_heading(m, block, line))
    return SEG_JOIN_NO;
  if (block->open_quote || line->start == SEG_START_CLOSE) return SEG_JOIN_GLUED;
  if (block->open_end || block->parens > 0) return SEG_JOIN_SPACE;
  if (quantity_item(m, block)) return SEG_JOIN_NO; /* "2 cm kunyit" / "garam secukupnya" */
  /* a lower-case word goes on a block longer than a headline's usual length even if its
   * capitals ("Balai ... (BPJN) ... Kalimantan Barat") make it look like one */
  if (line->start == SEG_START_LOWER && line->first_word && m &&
      block->words >= seg_classifier_limits(m)->broken_min_words && block->stop)
    return SEG_JOIN_SPACE;
  /* so does a number after such a block ending in a lower-case word: a line wrapped by hand
   * ("... Indeks Straits Times turun" / "5,17 poin atau 0,47 persen ...") */
  if (line->digit_start && line->alpha && m &&
      block->words >= seg_classifier_limits(m)->broken_min_words &&
      block->stop && !block->end_title && !seg_classify_headline(m, block))
    return SEG_JOIN_SPACE;
  /* the rest of a name, ending the sentence, after a block links broke already: "... dikelola
   * oleh" / "Dinas Pendidikan dan Kebudayaan" / "Kaltim dan dibuka mulai pekan depan." (its
   * first word alone capitalized; such a block without its end is a sentence unfinished) */
  if (m && block->joined && block->end_title && block->stop && line->start == SEG_START_OTHER &&
      line->first_word && line->terminal && line->title == 1 && line->words >= 2 &&
      line->words <= seg_classifier_limits(m)->fragment_max_words)
    return SEG_JOIN_SPACE;
  if (seg_join_headline(m, block)) return SEG_JOIN_NO;
  /* two short lines of words and no stopword, no sentence end, are tags or a menu
   * ("swasembada pangan" / "petani jagung"), not a sentence a link broke */
  uint32_t tag = m ? seg_classifier_limits(m)->tag_max_words : 0;
  if (block->words <= tag && !block->stop && line->words <= tag && !line->stop && !line->terminal)
    return SEG_JOIN_NO;
  if ((line->start == SEG_START_LOWER && line->first_word) || line->start == SEG_START_OPEN)
    return SEG_JOIN_SPACE; /* not a handle: "budi_88" */
  return lead && lead <= seg_classifier_limits(m)->broken_lead_max &&
                 seg_join_name_may_go_on(m, block) && line->start == SEG_START_OTHER &&
                 line->first_word
             ? SEG_JOIN_SPACE
             : SEG_JOIN_NO;
}

int seg_join_closer(const seg_classifier *m, const seg_line_features *block,
                    const seg_line_features *line) {
  if (!m) return 0;
  const seg_classify_limits *lim = seg_classifier_limits(m);
  return !block->terminal && block->words >= lim->broken_min_words && block->stop &&
         !seg_join_headline(m, block) && line->terminal && line->words &&
         line->words <= lim->closer_max_words && !line->stop && line->title == line->words &&
         line->start == SEG_START_OTHER;
}

int seg_join_quoted(const seg_classifier *m, const seg_line_features *block,
                    const seg_line_features *line) {
  return m && !block->terminal && block->stop && !seg_join_headline(m, block) && line->alpha &&
         line->start != SEG_START_DASH && line->start != SEG_START_ITEM;
}

int seg_join_fragment(const seg_classifier *m, const seg_line_features *block,
                      const seg_line_features *line) {
  const seg_classify_limits *lim = seg_classifier_limits(m);
  return !block->terminal && (!seg_join_headline(m, block) || line->name) && line->alpha &&
         block->rtl_start == line->rtl_start &&
         block->alpha && !letter_heading(m, block, line) && !quantity_item(m, block) &&
         line->words <= lim->fragment_max_words && !line->terminal && line->start != SEG_START_DASH &&
         line->start != SEG_START_ITEM;
}

int seg_join_fragment_how(const seg_line_features *before, const seg_line_features *frag) {
  return before->open_quote || frag->start == SEG_START_CLOSE ? SEG_JOIN_GLUED : SEG_JOIN_SPACE;
}

void seg_join_append(seg_para *p, const char *gap, size_t gap_len, const char *raw, size_t raw_len,
                     const char *text, size_t n, const seg_offmap *map, size_t from, int how) {
  size_t gap_src = p->raw_off + p->raw.len;
  seg_buf_append(&p->raw, gap, gap_len);
  size_t line_src = p->raw_off + p->raw.len;
  seg_buf_append(&p->raw, raw, raw_len);
  if (how == SEG_JOIN_SPACE && p->text.len) {
    seg_buf_putc(&p->text, ' ');
    seg_offmap_add(&p->map, 1, gap_src, line_src - gap_src, 0);
  }
  seg_buf_append(&p->text, text, n);
  seg_offmap_append_slice(&p->map, map, from, from + n);
}
