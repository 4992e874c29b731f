/* Test helpers: compressed and transcoded inputs made with the libraries themselves (no
 * command-line tools needed), appended to a seg_buf. Test-only code. */
#ifndef SEG_TEST_COMPRESS_H
#define SEG_TEST_COMPRESS_H

#include <criterion/criterion.h>
#include <lzma.h>
#include <string.h>
#include <unicode/ucnv.h>
#include <zlib.h>
#include <zstd.h>

#include "buf.h"

static inline void gzip_into(seg_buf *out, const char *s, size_t n) {
  z_stream z = {0};
  cr_assert_eq(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  size_t cap = deflateBound(&z, n);
  seg_buf_reserve(out, cap);
  z.next_in = (Bytef *)s;
  z.avail_in = (uInt)n;
  z.next_out = (Bytef *)out->data + out->len;
  z.avail_out = (uInt)cap;
  cr_assert_eq(deflate(&z, Z_FINISH), Z_STREAM_END);
  out->len += cap - z.avail_out;
  deflateEnd(&z);
}

static inline void zstd_into(seg_buf *out, const char *s, size_t n) {
  size_t cap = ZSTD_compressBound(n);
  seg_buf_reserve(out, cap);
  size_t r = ZSTD_compress(out->data + out->len, cap, s, n, 3);
  cr_assert(!ZSTD_isError(r));
  out->len += r;
}

static inline void xz_into(seg_buf *out, const char *s, size_t n) {
  size_t cap = lzma_stream_buffer_bound(n), pos = 0;
  seg_buf_reserve(out, cap);
  cr_assert_eq(lzma_easy_buffer_encode(1, LZMA_CHECK_CRC64, NULL, (const uint8_t *)s, n,
                                       (uint8_t *)out->data + out->len, &pos, cap),
               LZMA_OK);
  out->len += pos;
}

typedef void (*compress_fn)(seg_buf *, const char *, size_t);

/* UTF-8 -> `encoding` with ICU (the BOM, if any, is part of s). */
static inline void transcode_into(seg_buf *out, const char *encoding, const char *s, size_t n) {
  UErrorCode ue = U_ZERO_ERROR;
  int32_t need = ucnv_convert(encoding, "UTF-8", NULL, 0, s, (int32_t)n, &ue);
  ue = U_ZERO_ERROR;
  seg_buf_reserve(out, (size_t)need + 1);
  ucnv_convert(encoding, "UTF-8", out->data + out->len, need + 1, s, (int32_t)n, &ue);
  cr_assert(U_SUCCESS(ue), "%s", u_errorName(ue));
  out->len += (size_t)need;
}

#endif
