/* decode: see decode.h. Stage 1 (decompress) fills its caller's buffer from a raw input chunk;
 * stage 2 (ICU, with its own pivot buffer) pulls stage 1 into a middle chunk and converts that.
 * Without a converter, stage 1 writes straight into the reader's buffer. */
#define _POSIX_C_SOURCE 200809L
#include "decode.h"

#include <errno.h>
#include <lzma.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucnv.h>
#include <unicode/utf8.h>
#include <zlib.h>
#include <zstd.h>

#include "buf.h"

#define CHUNK (64u * 1024u)
#define PIVOT 4096u /* UTF-16 units between the source converter and UTF-8 */

typedef enum { COMP_NONE, COMP_GZIP, COMP_ZSTD, COMP_XZ } compression;

struct seg_decoder {
  FILE *f;
  const char *name;
  /* raw input */
  char *in;
  size_t in_pos, in_len;
  int in_eof;
  /* stage 1 */
  compression comp;
  z_stream z;
  int z_ready, z_member_done;
  ZSTD_DCtx *zstd;
  int zstd_frame_open;
  lzma_stream xz;
  int xz_ready, xz_done;
  /* stage 2 */
  const char *forced;  /* --encoding, or NULL */
  int sniffed;         /* the BOM check (or the forced converter) is done */
  UConverter *src, *utf8;
  UChar *pivot, *pivot_src, *pivot_tgt;
  char *mid;
  size_t mid_pos, mid_len;
  int mid_eof, flushed;
  const char *src_name;
};

static const unsigned char GZIP_MAGIC[] = {0x1f, 0x8b};
static const unsigned char ZSTD_MAGIC[] = {0x28, 0xb5, 0x2f, 0xfd};
static const unsigned char XZ_MAGIC[] = {0xfd, '7', 'z', 'X', 'Z', 0x00};

static int starts(const char *s, size_t n, const unsigned char *magic, size_t m) {
  return n >= m && !memcmp(s, magic, m);
}

static compression sniff_compression(const char *s, size_t n) {
  if (starts(s, n, GZIP_MAGIC, 2)) return COMP_GZIP;
  if (starts(s, n, ZSTD_MAGIC, 4)) return COMP_ZSTD;
  if (starts(s, n, XZ_MAGIC, 6)) return COMP_XZ;
  return COMP_NONE;
}

/* ICU converter for a UTF-16/32 BOM at s, or NULL. UTF-32LE's BOM starts like UTF-16LE's. */
static const char *sniff_bom(const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  if (n >= 4 && u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 && u[3] == 0) return "UTF-32LE";
  if (n >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xFE && u[3] == 0xFF) return "UTF-32BE";
  if (n >= 2 && u[0] == 0xFF && u[1] == 0xFE) return "UTF-16LE";
  if (n >= 2 && u[0] == 0xFE && u[1] == 0xFF) return "UTF-16BE";
  return NULL;
}

int seg_decode_needed(const char *head, size_t len) {
  return sniff_compression(head, len) != COMP_NONE || sniff_bom(head, len) != NULL;
}

int seg_decode_is_utf8(const char *name) {
  UErrorCode ue = U_ZERO_ERROR;
  if (!name || !*name) return 0;
  UConverter *c = ucnv_open(name, &ue);
  if (U_FAILURE(ue)) return 0;
  int yes = !strcmp(ucnv_getName(c, &ue), "UTF-8");
  ucnv_close(c);
  return yes;
}

seg_status seg_decode_check_encoding(const char *name, seg_error *err) {
  UErrorCode ue = U_ZERO_ERROR;
  UConverter *c = name && *name ? ucnv_open(name, &ue) : NULL;
  if (c && U_SUCCESS(ue)) {
    ucnv_close(c);
    return SEG_OK;
  }
  return seg_error_set(err, SEG_ERR_CONFIG, "", 0, 0,
                       "--encoding: unknown encoding '%s' (ICU: %s); use an ICU converter name "
                       "such as windows-1252, iso-8859-1, iso-8859-15, UTF-16LE or Shift_JIS",
                       name ? name : "", name && *name ? u_errorName(ue) : "empty name");
}

/* ---------- raw input ---------- */

/* Keeps the unread tail, reads more behind it. 1: new bytes; 0: end of input; -1: error. */
static int raw_more(seg_decoder *d, seg_error *err) {
  if (d->in_eof) return 0;
  size_t keep = d->in_len - d->in_pos;
  memmove(d->in, d->in + d->in_pos, keep);
  d->in_pos = 0;
  d->in_len = keep;
  size_t n = fread(d->in + keep, 1, CHUNK - keep, d->f);
  d->in_len += n;
  if (n == 0) {
    if (ferror(d->f)) {
      seg_error_set(err, SEG_ERR_IO, d->name, 0, 0, "read error: %s", strerror(errno));
      return -1;
    }
    d->in_eof = 1;
    return 0;
  }
  return 1;
}

static ssize_t corrupt(seg_decoder *d, seg_error *err, const char *what, const char *detail) {
  seg_error_set(err, SEG_ERR_INPUT, d->name, 0, 0, "%s input: %s", what, detail);
  return -1;
}

/* ---------- stage 1: decompression ---------- */

static ssize_t read_plain(seg_decoder *d, char *out, size_t cap, seg_error *err) {
  size_t got = 0;
  while (got < cap) {
    if (d->in_pos == d->in_len) {
      int rc = raw_more(d, err);
      if (rc < 0) return -1;
      if (rc == 0) break;
    }
    size_t take = d->in_len - d->in_pos < cap - got ? d->in_len - d->in_pos : cap - got;
    memcpy(out + got, d->in + d->in_pos, take);
    d->in_pos += take;
    got += take;
  }
  return (ssize_t)got;
}

/* Between gzip members: another member, or the end. 1: go on; 0: end; -1: error. */
static int gzip_next_member(seg_decoder *d, seg_error *err) {
  while (d->in_len - d->in_pos < 2) {
    int rc = raw_more(d, err);
    if (rc < 0) return -1;
    if (rc == 0) break;
  }
  size_t left = d->in_len - d->in_pos;
  if (left == 0) return 0;
  if (left < 2 || memcmp(d->in + d->in_pos, GZIP_MAGIC, 2)) {
    corrupt(d, err, "gzip", "trailing garbage after the compressed data");
    return -1;
  }
  inflateReset(&d->z);
  d->z_member_done = 0;
  return 1;
}

static ssize_t read_gzip(seg_decoder *d, char *out, size_t cap, seg_error *err) {
  d->z.next_out = (Bytef *)out;
  d->z.avail_out = (uInt)cap;
  while (d->z.avail_out > 0) {
    if (d->z_member_done) {
      int rc = gzip_next_member(d, err);
      if (rc < 0) return -1;
      if (rc == 0) break;
    }
    if (d->in_pos == d->in_len && raw_more(d, err) < 0) return -1;
    /* at the end of the input inflate still runs once: its window may hold pending output */
    d->z.next_in = (Bytef *)d->in + d->in_pos;
    d->z.avail_in = (uInt)(d->in_len - d->in_pos);
    int zrc = inflate(&d->z, Z_NO_FLUSH);
    d->in_pos = d->in_len - d->z.avail_in;
    if (zrc == Z_STREAM_END) d->z_member_done = 1;
    else if (zrc == Z_BUF_ERROR && d->in_eof) /* no progress and no more input */
      return corrupt(d, err, "gzip", "truncated (unexpected end of file)");
    else if (zrc != Z_OK && zrc != Z_BUF_ERROR)
      return corrupt(d, err, "gzip", d->z.msg ? d->z.msg : zError(zrc));
  }
  return (ssize_t)(cap - d->z.avail_out);
}

static ssize_t read_zstd(seg_decoder *d, char *out, size_t cap, seg_error *err) {
  ZSTD_outBuffer ob = {out, cap, 0};
  while (ob.pos < cap) {
    if (d->in_pos == d->in_len && raw_more(d, err) < 0) return -1;
    ZSTD_inBuffer ib = {d->in + d->in_pos, d->in_len - d->in_pos, 0};
    size_t before = ob.pos;
    size_t r = ZSTD_decompressStream(d->zstd, &ob, &ib);
    if (ZSTD_isError(r)) return corrupt(d, err, "zstd", ZSTD_getErrorName(r));
    d->in_pos += ib.pos;
    int progress = ib.pos > 0 || ob.pos > before;
    if (progress) d->zstd_frame_open = r != 0; /* between frames r is the next header's size */
    if (!progress && d->in_eof && d->in_pos == d->in_len) {
      if (d->zstd_frame_open) return corrupt(d, err, "zstd", "truncated (unexpected end of file)");
      break;
    }
  }
  return (ssize_t)ob.pos;
}

static ssize_t read_xz(seg_decoder *d, char *out, size_t cap, seg_error *err) {
  d->xz.next_out = (uint8_t *)out;
  d->xz.avail_out = cap;
  while (d->xz.avail_out > 0 && !d->xz_done) {
    if (d->in_pos == d->in_len && raw_more(d, err) < 0) return -1;
    d->xz.next_in = (const uint8_t *)d->in + d->in_pos;
    d->xz.avail_in = d->in_len - d->in_pos;
    lzma_ret r = lzma_code(&d->xz, d->in_eof ? LZMA_FINISH : LZMA_RUN);
    d->in_pos = d->in_len - d->xz.avail_in;
    if (r == LZMA_STREAM_END) d->xz_done = 1;
    else if (r == LZMA_MEMLIMIT_ERROR)
      return corrupt(d, err, "xz", "needs more than the 256 MiB memory limit to decompress");
    else if (r == LZMA_BUF_ERROR)
      return corrupt(d, err, "xz", "truncated (unexpected end of file)");
    else if (r != LZMA_OK)
      return corrupt(d, err, "xz", r == LZMA_FORMAT_ERROR ? "not in the .xz format"
                                   : r == LZMA_DATA_ERROR ? "compressed data is corrupt"
                                   : "decoder error");
  }
  return (ssize_t)(cap - d->xz.avail_out);
}

static ssize_t stage1(seg_decoder *d, char *out, size_t cap, seg_error *err) {
  switch (d->comp) {
  case COMP_GZIP: return read_gzip(d, out, cap, err);
  case COMP_ZSTD: return read_zstd(d, out, cap, err);
  case COMP_XZ: return read_xz(d, out, cap, err);
  default: return read_plain(d, out, cap, err);
  }
}

/* ---------- stage 2: transcoding ---------- */

static int open_converters(seg_decoder *d, const char *encoding, seg_error *err) {
  UErrorCode ue = U_ZERO_ERROR;
  d->src = ucnv_open(encoding, &ue);
  if (U_FAILURE(ue)) {
    d->src = NULL;
    seg_error_set(err, SEG_ERR_ICU, d->name, 0, 0, "cannot open the %s converter: %s", encoding,
                  u_errorName(ue));
    return -1;
  }
  d->utf8 = ucnv_open("UTF-8", &ue);
  if (U_FAILURE(ue)) {
    d->utf8 = NULL;
    seg_error_set(err, SEG_ERR_ICU, d->name, 0, 0, "cannot open the UTF-8 converter: %s",
                  u_errorName(ue));
    return -1;
  }
  d->src_name = d->forced ? d->forced : ucnv_getName(d->src, &ue);
  d->pivot = seg_xmalloc(PIVOT * sizeof *d->pivot);
  d->pivot_src = d->pivot_tgt = d->pivot;
  return 0;
}

/* Loads the first middle chunk and picks the converter: the forced one, a BOM's, or none. */
static int sniff_encoding(seg_decoder *d, seg_error *err) {
  d->sniffed = 1;
  d->mid = seg_xmalloc(CHUNK);
  ssize_t n = stage1(d, d->mid, CHUNK, err);
  if (n < 0) return -1;
  d->mid_len = (size_t)n;
  d->mid_eof = n == 0;
  const char *enc = d->forced ? d->forced : sniff_bom(d->mid, d->mid_len);
  if (enc && seg_decode_is_utf8(enc)) enc = NULL;
  return enc ? open_converters(d, enc, err) : 0;
}

static ssize_t convert(seg_decoder *d, char *out, size_t cap, seg_error *err) {
  char *t = out, *tlim = out + cap;
  while (t < tlim && !d->flushed) {
    if (d->mid_pos == d->mid_len && !d->mid_eof) {
      ssize_t n = stage1(d, d->mid, CHUNK, err);
      if (n < 0) return -1;
      d->mid_pos = 0;
      d->mid_len = (size_t)n;
      d->mid_eof = n == 0;
    }
    const char *s = d->mid + d->mid_pos;
    UErrorCode ue = U_ZERO_ERROR;
    ucnv_convertEx(d->utf8, d->src, &t, tlim, &s, d->mid + d->mid_len, d->pivot, &d->pivot_src,
                   &d->pivot_tgt, d->pivot + PIVOT, 0, (UBool)d->mid_eof, &ue);
    d->mid_pos = (size_t)(s - d->mid);
    if (ue == U_BUFFER_OVERFLOW_ERROR) break; /* out is full; the pivot keeps the rest */
    if (U_FAILURE(ue)) {
      seg_error_set(err, SEG_ERR_ICU, d->name, 0, 0, "cannot convert from %s: %s", d->src_name,
                    u_errorName(ue));
      return -1;
    }
    if (d->mid_eof) d->flushed = 1;
  }
  return (ssize_t)(t - out);
}

/* Serves what sniff_encoding already read when no converter is needed. */
static ssize_t pass_mid(seg_decoder *d, char *out, size_t cap, seg_error *err) {
  size_t got = 0;
  if (d->mid_pos < d->mid_len) {
    got = d->mid_len - d->mid_pos < cap ? d->mid_len - d->mid_pos : cap;
    memcpy(out, d->mid + d->mid_pos, got);
    d->mid_pos += got;
  }
  if (got < cap && !d->mid_eof) {
    ssize_t n = stage1(d, out + got, cap - got, err);
    if (n < 0) return -1;
    got += (size_t)n;
  }
  return (ssize_t)got;
}

ssize_t seg_decoder_read(seg_decoder *d, char *buf, size_t cap, seg_error *err) {
  if (!d->sniffed && sniff_encoding(d, err)) return -1;
  return d->src ? convert(d, buf, cap, err) : pass_mid(d, buf, cap, err);
}

/* ---------- open / free ---------- */

static int start_decompressor(seg_decoder *d, seg_error *err) {
  switch (d->comp) {
  case COMP_GZIP:
    if (inflateInit2(&d->z, 15 + 16) != Z_OK) break; /* 16: gzip wrapper only */
    d->z_ready = 1;
    return 0;
  case COMP_ZSTD:
    if (!(d->zstd = ZSTD_createDCtx())) break;
    return 0;
  case COMP_XZ:
    if (lzma_stream_decoder(&d->xz, SEG_DECODE_XZ_MEMLIMIT, LZMA_CONCATENATED) != LZMA_OK) break;
    d->xz_ready = 1;
    return 0;
  default: return 0;
  }
  seg_error_set(err, SEG_ERR_IO, d->name, 0, 0, "cannot start the decompressor: out of memory");
  return -1;
}

seg_decoder *seg_decoder_open(FILE *f, const char *name, const char *head, size_t len,
                              const char *encoding, seg_error *err) {
  if (encoding && seg_decode_check_encoding(encoding, err)) return NULL;
  seg_decoder *d = seg_xcalloc(1, sizeof *d);
  static const lzma_stream xz_init = LZMA_STREAM_INIT;
  d->xz = xz_init;
  d->f = f;
  d->name = name;
  d->forced = encoding;
  d->in = seg_xmalloc(CHUNK);
  if (len > CHUNK) len = CHUNK;
  memcpy(d->in, head, len);
  d->in_len = len;
  d->comp = sniff_compression(head, len);
  if (start_decompressor(d, err)) {
    seg_decoder_free(d);
    return NULL;
  }
  return d;
}

const char *seg_decoder_compression(const seg_decoder *d) {
  static const char *const names[] = {NULL, "gzip", "zstd", "xz"};
  return names[d->comp];
}

const char *seg_decoder_encoding(const seg_decoder *d) { return d->src ? d->src_name : NULL; }

void seg_decoder_free(seg_decoder *d) {
  if (!d) return;
  if (d->z_ready) inflateEnd(&d->z);
  ZSTD_freeDCtx(d->zstd);
  if (d->xz_ready) lzma_end(&d->xz);
  if (d->src) ucnv_close(d->src);
  if (d->utf8) ucnv_close(d->utf8);
  free(d->pivot);
  free(d->mid);
  free(d->in);
  free(d);
}

/* ---------- legacy-encoding guess ---------- */

static int ascii_word_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int ascii_context(unsigned char c) {
  return ascii_word_char(c) || c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '"' ||
         c == '\'' || c == '(' || c == ')' || c == ',' || c == '.' || c == '-' || c == ':';
}

/* Bytes 0x80-0x9F that windows-1252 leaves undefined: seeing them argues against it. */
static int cp1252_hole(unsigned char c) {
  return c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D;
}

const char *seg_decode_guess_legacy(const char *bytes, size_t len) {
  const uint8_t *u = (const uint8_t *)bytes;
  size_t multi = 0, bad = 0, latin = 0, controls = 0;
  for (size_t i = 0; i < len;) {
    if (i + 8 <= len) { /* skip ASCII eight bytes at a time */
      uint64_t w;
      memcpy(&w, u + i, 8);
      if (!(w & 0x8080808080808080ull)) {
        for (size_t k = 0; k < 8; k++)
          if (u[i + k] < 0x20 && u[i + k] != '\n' && u[i + k] != '\r' && u[i + k] != '\t')
            controls++;
        i += 8;
        continue;
      }
    }
    if (u[i] < 0x80) {
      if (u[i] < 0x20 && u[i] != '\n' && u[i] != '\r' && u[i] != '\t') controls++;
      i++;
      continue;
    }
    size_t start = i;
    int32_t cp;
    U8_NEXT(u, i, len, cp);
    if (cp >= 0) {
      multi++;
      continue;
    }
    /* one invalid sequence: windows-1252 text has lone high bytes between ASCII */
    bad++;
    unsigned char c = u[start];
    unsigned char prev = start ? u[start - 1] : ' ', next = start + 1 < len ? u[start + 1] : ' ';
    if (!cp1252_hole(c) && (ascii_context(prev) || ascii_context(next))) latin++;
    i = start + 1;
  }
  if (!bad || controls * 20 > len) return NULL; /* valid UTF-8, or binary */
  if (multi * 4 > bad) return NULL;            /* mostly UTF-8 with a few stray bytes */
  return latin * 5 >= bad * 4 ? "windows-1252" : NULL;
}
