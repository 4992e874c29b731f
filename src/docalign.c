/* docalign: see docalign.h. */
#include "docalign.h"

#include <stdlib.h>
#include <string.h>

#include "stage.h"

/* Sentences [first, first + count) of v joined by a space (into `scratch`). */
static seg_str joined(seg_buf *scratch, const seg_textvec *v, size_t first, size_t count) {
  seg_buf_clear(scratch);
  for (size_t k = 0; k < count; k++) {
    if (k) seg_buf_putc(scratch, ' ');
    size_t a = v->off[first + k], b = v->off[first + k + 1];
    seg_buf_append(scratch, v->text.data + a, b - a);
  }
  return (seg_str){scratch->data ? scratch->data : "", scratch->len};
}

static seg_status align_sides(const seg_docalign *a, const seg_textvec *sv, const seg_textvec *tv,
                              seg_link **links, size_t *nl, seg_error *err) {
  seg_sentence *ss = seg_xcalloc(sv->n + 1, sizeof *ss), *ts = seg_xcalloc(tv->n + 1, sizeof *ts);
  for (size_t i = 0; i < sv->n; i++)
    ss[i] = (seg_sentence){sv->text.data + sv->off[i], sv->off[i + 1] - sv->off[i], sv->junk[i]};
  for (size_t j = 0; j < tv->n; j++)
    ts[j] = (seg_sentence){tv->text.data + tv->off[j], tv->off[j + 1] - tv->off[j], tv->junk[j]};
  seg_status rc = seg_align(a->dict, ss, sv->n, ts, tv->n, NULL, links, nl, err);
  free(ss);
  free(ts);
  return rc;
}

static seg_status write_links(const seg_docalign *a, const seg_textvec *sv, const seg_textvec *tv,
                              const seg_link *links, size_t nl, const char *doc,
                              seg_writer *rows, seg_writer *rejects, seg_stats *stats,
                              seg_error *err) {
  seg_buf sbuf = {0}, tbuf = {0}, hbuf = {0};
  seg_status rc = SEG_OK;
  for (size_t k = 0; k < nl && !rc; k++) {
    const seg_link *l = &links[k];
    if ((!l->nsrc || !l->ntgt) && !a->unaligned) continue;
    seg_row row = {.doc = {doc, strlen(doc)},
                   .src = joined(&sbuf, sv, l->src, l->nsrc),
                   .tgt = joined(&tbuf, tv, l->tgt, l->ntgt),
                   .src_first = l->src, .src_count = l->nsrc,
                   .tgt_first = l->tgt, .tgt_count = l->ntgt,
                   .line = l->nsrc ? sv->line[l->src] : 0,
                   .score = l->score};
    int linked = l->nsrc && l->ntgt; /* an unaligned sentence is written as it is, if asked for */
    const char *reason = linked ? seg_chain_take(a->pairs, &row) : NULL;
    if (!reason && (a->dedup || a->want_hash) && linked) {
      row.hash = seg_dedup_hash(a->dedup_mode, row.src.s, row.src.n, row.tgt.s, row.tgt.n, &hbuf);
      if (a->dedup && seg_dedup_check(a->dedup, row.hash)) {
        reason = "duplicate";
        stats->dropped++;
        seg_stats_add_reason(stats, reason, 1);
      }
    }
    if (reason) {
      if (rejects) {
        row.reason = (seg_str){reason, strlen(reason)};
        row.orig = row.src;
        seg_writer_row(rejects, &row);
        rc = seg_writer_pending(rejects, 0, err);
      }
      continue;
    }
    stats->pairs++;
    seg_writer_row(rows, &row);
    rc = seg_writer_pending(rows, 0, err);
  }
  seg_buf_free(&sbuf);
  seg_buf_free(&tbuf);
  seg_buf_free(&hbuf);
  return rc;
}

seg_status seg_docalign_run(const seg_docalign *a, seg_reader *src, seg_reader *tgt,
                            const char *doc, const char *tgt_doc, seg_writer *rows,
                            seg_writer *rejects, seg_stats *stats, seg_error *err) {
  seg_textvec sv = {0}, tv = {0};
  seg_link *links = NULL;
  size_t nl = 0;
  seg_flow_out so = {NULL, &sv, rejects}, to = {NULL, &tv, rejects};
  seg_status rc = seg_flow_run(a->src, src, doc, &so, err);
  if (!rc && tgt) rc = seg_flow_run(a->tgt, tgt, tgt_doc, &to, err);
  stats->target_sentences += tv.n;
  if (!rc && a->warn && tgt && sv.n && !tv.n)
    a->warn(a->warn_ctx, tgt_doc, 0, 0,
            "warning: the translation holds no sentence; nothing of the document is aligned");
  if (!rc) rc = align_sides(a, &sv, &tv, &links, &nl, err);
  if (!rc) rc = write_links(a, &sv, &tv, links, nl, doc, rows, rejects, stats, err);
  free(links);
  seg_textvec_free(&sv);
  seg_textvec_free(&tv);
  return rc;
}
