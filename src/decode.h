/* decode: input bytes -> UTF-8, streamed in chunks under the reader. Two stages, each optional:
 *   1. decompression, chosen by the magic bytes (never the file name): gzip (zlib; concatenated
 *      members too), zstd (libzstd; concatenated frames), xz (liblzma; concatenated streams);
 *   2. transcoding to UTF-8 with an ICU converter: UTF-16/UTF-32 (LE/BE) chosen by their BOM,
 *      or any ICU converter named by --encoding. The BOM is transcoded too (U+FEFF becomes
 *      EF BB BF), so the reader skips it and counts it like a UTF-8 BOM.
 * Memory: a few fixed-size chunks plus the decompressor's window (zstd's default window limit,
 * 128 MiB; xz's memory limit below); never the whole input.
 * Never prints; never validates UTF-8 (the cleaner does). */
#ifndef SEG_DECODE_H
#define SEG_DECODE_H
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "error.h"

typedef struct seg_decoder seg_decoder;

/* Bytes of input a caller should pass to seg_decode_needed (fewer if the input is shorter). */
#define SEG_DECODE_SNIFF 6
/* liblzma's memory limit for one xz stream (xz -9 needs 65 MiB to decompress). */
#define SEG_DECODE_XZ_MEMLIMIT (256u * 1024u * 1024u)

/* 1 when the first bytes of an input need a decoder: a gzip, zstd or xz magic number, or a
 * UTF-16 or UTF-32 BOM; 0 otherwise (plain bytes, UTF-8 BOM included). */
int seg_decode_needed(const char *head, size_t len);

/* SEG_OK if `name` is an ICU converter name (or alias) usable with --encoding; else
 * SEG_ERR_CONFIG with a message naming the problem and examples of valid names. */
seg_status seg_decode_check_encoding(const char *name, seg_error *err);
/* 1 if `name` is an ICU name of UTF-8 (no transcoding needed); 0 otherwise. */
int seg_decode_is_utf8(const char *name);

/* Opens a decoder over `f` (borrowed, not closed) whose first `len` bytes (len <= 64 KiB) were
 * already read into `head` (copied). `encoding`: an ICU converter name forced by --encoding, or
 * NULL (UTF-8 unless the decompressed bytes start with a UTF-16/32 BOM). `name` (borrowed)
 * names the input in errors. Returns an object owned by the caller (seg_decoder_free), or NULL
 * with err set (SEG_ERR_CONFIG: unknown encoding; SEG_ERR_ICU: converter failure). */
seg_decoder *seg_decoder_open(FILE *f, const char *name, const char *head, size_t len,
                              const char *encoding, seg_error *err);
/* Fills buf with up to cap decoded bytes; fewer only at the end of the input. Returns the
 * count, 0 at the end, or -1 with err set: SEG_ERR_IO (read error), SEG_ERR_INPUT (corrupt or
 * truncated compressed data, trailing garbage after gzip data), SEG_ERR_ICU. */
ssize_t seg_decoder_read(seg_decoder *d, char *buf, size_t cap, seg_error *err);
/* "gzip", "zstd", "xz", or NULL when the input is not compressed (borrowed, static). */
const char *seg_decoder_compression(const seg_decoder *d);
/* The encoding transcoded from: the --encoding name as given, or the BOM's ("UTF-16LE",
 * "UTF-32BE", ...); NULL when the bytes are passed through as UTF-8. Known once the first
 * seg_decoder_read returned (borrowed, valid until seg_decoder_free). */
const char *seg_decoder_encoding(const seg_decoder *d);
void seg_decoder_free(seg_decoder *d);

/* Guesses whether bytes that are not valid UTF-8 are a legacy single-byte text: returns
 * "windows-1252" (static) when the invalid bytes are mostly lone bytes 0x80-0xFF in Latin-1-like
 * patterns (next to ASCII letters or spaces) and valid UTF-8 multibyte sequences are few; NULL
 * for valid UTF-8, for binary-looking data and for UTF-8 with a few stray bytes. Meant for the
 * first chunk of a document (cost: one pass, ASCII runs skipped eight bytes at a time). */
const char *seg_decode_guess_legacy(const char *bytes, size_t len);

#endif
