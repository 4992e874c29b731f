/* reader: 64 KiB chunks, memchr for line ends; a line that spans chunks is assembled in one
 * growable buffer, so the only per-input cost is the longest line. */
#include "reader.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "decode.h"

#define CHUNK (64u * 1024u)

struct seg_reader {
  FILE *file;
  const char *mem;
  size_t mem_len, mem_pos;
  const char *name;
  char *chunk;
  size_t chunk_len, chunk_pos;
  size_t chunk_offset; /* document offset of chunk[0] */
  seg_buf line;
  size_t lineno;
  int eof, started, bom;
  /* decoding (file inputs) */
  const char *encoding; /* --encoding, or NULL: guess from the first bytes */
  int sniffed;          /* the first chunk was looked at */
  seg_decoder *dec;
  seg_buf decoding;     /* seg_reader_decoding's text */
  const char *legacy;   /* seg_decode_guess_legacy of the first chunk */
  int legacy_done;
};

static seg_reader *new_reader(const char *name) {
  seg_reader *r = seg_xcalloc(1, sizeof *r);
  r->name = name;
  return r;
}

seg_reader *seg_reader_open_file(FILE *f, const char *name) {
  seg_reader *r = new_reader(name);
  r->file = f;
  r->chunk = seg_xmalloc(CHUNK);
  return r;
}

seg_reader *seg_reader_open_mem(const char *bytes, size_t len, const char *name) {
  seg_reader *r = new_reader(name);
  r->mem = bytes;
  r->mem_len = len;
  return r;
}

void seg_reader_free(seg_reader *r) {
  if (!r) return;
  if (r->file) free(r->chunk);
  seg_decoder_free(r->dec);
  seg_buf_free(&r->decoding);
  seg_buf_free(&r->line);
  free(r);
}

void seg_reader_set_encoding(seg_reader *r, const char *encoding) {
  r->encoding = encoding && !seg_decode_is_utf8(encoding) ? encoding : NULL;
}

int seg_reader_decoded(const seg_reader *r) { return r->decoding.len > 0; }
const char *seg_reader_decoding(const seg_reader *r) { return r->decoding.len ? r->decoding.data : NULL; }

const char *seg_reader_legacy_hint(seg_reader *r) {
  if (!r->legacy_done && !r->file && !r->dec) {
    size_t n = r->mem_len < CHUNK ? r->mem_len : CHUNK;
    r->legacy = seg_decode_guess_legacy(r->mem, n);
    r->legacy_done = 1;
  }
  return r->legacy;
}

/* The first chunk of a file decides: decode it (and serve the decoded bytes instead) or read
 * it as it is. 1 on data, 0 on EOF, -1 on error. */
static int first_chunk(seg_reader *r, seg_error *err) {
  r->sniffed = 1;
  size_t n = r->chunk_len;
  if (!r->encoding && !seg_decode_needed(r->chunk, n)) {
    r->legacy = seg_decode_guess_legacy(r->chunk, n);
    r->legacy_done = 1;
    return n > 0;
  }
  r->legacy_done = 1;
  if (!(r->dec = seg_decoder_open(r->file, r->name, r->chunk, n, r->encoding, err))) return -1;
  ssize_t got = seg_decoder_read(r->dec, r->chunk, CHUNK, err);
  if (got < 0) return -1;
  const char *comp = seg_decoder_compression(r->dec), *enc = seg_decoder_encoding(r->dec);
  if (comp) seg_buf_append(&r->decoding, comp, strlen(comp));
  if (comp && enc) seg_buf_putc(&r->decoding, '+');
  if (enc) seg_buf_append(&r->decoding, enc, strlen(enc));
  r->chunk_len = (size_t)got;
  if (got == 0) r->eof = 1;
  return got > 0;
}

size_t seg_reader_bytes(const seg_reader *r) { return r->chunk_offset + r->chunk_pos; }
int seg_reader_had_bom(const seg_reader *r) { return r->bom; }

/* Refills the chunk; 1 on data, 0 on EOF, -1 on error. */
static int refill(seg_reader *r, seg_error *err) {
  r->chunk_offset += r->chunk_len;
  r->chunk_pos = r->chunk_len = 0;
  if (r->eof) return 0;
  if (!r->file) {
    if (r->mem_pos >= r->mem_len) {
      r->eof = 1;
      return 0;
    }
    /* Memory input is served whole as one chunk: no copy. */
    r->chunk = (char *)r->mem + r->mem_pos;
    r->chunk_len = r->mem_len - r->mem_pos;
    r->mem_pos = r->mem_len;
    return 1;
  }
  if (r->dec) {
    ssize_t got = seg_decoder_read(r->dec, r->chunk, CHUNK, err);
    if (got <= 0) {
      if (got == 0) r->eof = 1;
      return got < 0 ? -1 : 0;
    }
    r->chunk_len = (size_t)got;
    return 1;
  }
  size_t n = fread(r->chunk, 1, CHUNK, r->file);
  if (!r->sniffed && (n > 0 || !ferror(r->file))) {
    r->chunk_len = n;
    int rc = first_chunk(r, err);
    if (rc <= 0) {
      if (rc == 0) r->eof = 1;
      r->chunk_len = 0;
    }
    return rc;
  }
  if (n == 0) {
    if (ferror(r->file)) {
      seg_error_set(err, SEG_ERR_IO, r->name, 0, 0, "read error: %s", strerror(errno));
      return -1;
    }
    r->eof = 1;
    return 0;
  }
  r->chunk_len = n;
  return 1;
}

int seg_reader_next(seg_reader *r, seg_line *out, seg_error *err) {
  seg_buf_clear(&r->line);
  size_t start = seg_reader_bytes(r);
  int have = 0; /* bytes seen for this line (even an empty line ending in LF) */
  for (;;) {
    if (r->chunk_pos >= r->chunk_len) {
      int rc = refill(r, err);
      if (rc < 0) return -1;
      if (rc == 0) break;
    }
    if (!r->started) {
      r->started = 1;
      /* A BOM can straddle a chunk only if the chunk is < 3 bytes; file chunks are 64 KiB and
       * a short file's first read holds the whole BOM, so checking the first chunk suffices. */
      if (r->chunk_len - r->chunk_pos >= 3 && !memcmp(r->chunk + r->chunk_pos, "\xEF\xBB\xBF", 3)) {
        r->chunk_pos += 3;
        r->bom = 1;
        start = seg_reader_bytes(r);
      }
    }
    const char *p = r->chunk + r->chunk_pos;
    size_t avail = r->chunk_len - r->chunk_pos;
    const char *nl = memchr(p, '\n', avail);
    size_t take = nl ? (size_t)(nl - p) : avail;
    have = 1;
    /* Fast path: a whole line inside the chunk with nothing buffered needs no copy. */
    if (nl && r->line.len == 0) {
      r->chunk_pos += take + 1;
      size_t len = take;
      if (len && p[len - 1] == '\r') len--;
      out->bytes = p;
      out->len = len;
      out->offset = start;
      out->lineno = ++r->lineno;
      return 1;
    }
    seg_buf_append(&r->line, p, take);
    r->chunk_pos += take + (nl ? 1 : 0);
    if (nl) break;
  }
  if (!have) return 0;
  size_t len = r->line.len;
  if (len && r->line.data[len - 1] == '\r') len--;
  out->bytes = r->line.data ? r->line.data : "";
  out->len = len;
  out->offset = start;
  out->lineno = ++r->lineno;
  return 1;
}
