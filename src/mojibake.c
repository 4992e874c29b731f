/* mojibake: see mojibake.h. A mis-decoded UTF-8 character shows up as a Latin-1 letter from
 * U+00C2..U+00F4 (the lead byte) followed by one to three characters whose Windows-1252 (or
 * Latin-1) bytes are continuation bytes. Every such lead letter is encoded as 0xC3 0x82..0xB4,
 * so text without a 0xC3 byte is clean at the cost of one memchr. */
#include "mojibake.h"

#include <stdint.h>
#include <string.h>

/* Windows-1252 bytes 0x80..0x9F: their code points (0 where the code page defines none; those
 * bytes survive a Latin-1 decoding as U+0080..U+009F, which byte_of maps back directly). */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

/* The byte a code point came from under Windows-1252/Latin-1, or -1. */
static int byte_of(long cp) {
  if (cp < 0) return -1;
  if (cp <= 0xFF) return (int)cp;
  for (int i = 0; i < 32; i++)
    if (cp1252_high[i] == cp) return 0x80 + i;
  return -1;
}

/* Continuation bytes a lead byte needs (0: not a lead). */
static int lead_needs(int b) {
  if (b >= 0xC2 && b <= 0xDF) return 1;
  if (b >= 0xE0 && b <= 0xEF) return 2;
  if (b >= 0xF0 && b <= 0xF4) return 3;
  return 0;
}

/* The code point bits a lead byte needing `need` continuation bytes carries. */
static long lead_bits(int b, int need) { return b & (need == 1 ? 0x1F : need == 2 ? 0x0F : 0x07); }

/* Decodes one UTF-8 character at s[0..n) (n >= 1): its code point, or -1 for an invalid byte
 * (then *len is 1). */
static long decode(const unsigned char *s, size_t n, size_t *len) {
  *len = 1;
  if (s[0] < 0x80) return s[0];
  int need = lead_needs(s[0]);
  if (!need || n < (size_t)need + 1) return -1;
  long cp = lead_bits(s[0], need);
  for (int k = 1; k <= need; k++) {
    if ((s[k] & 0xC0) != 0x80) return -1;
    cp = (cp << 6) | (s[k] & 0x3F);
  }
  if ((need == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
      (need == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
    return -1;
  *len = (size_t)need + 1;
  return cp;
}

/* The valid range of the first continuation byte after lead `b` (no overlong forms, no
 * surrogates, nothing past U+10FFFF). */
static int second_ok(int b, int c) {
  if (b == 0xE0) return c >= 0xA0;
  if (b == 0xED) return c <= 0x9F;
  if (b == 0xF0) return c >= 0x90;
  if (b == 0xF4) return c <= 0x8F;
  return 1;
}

typedef struct {
  size_t seqs, remnants;
} scan_counts;

/* Looks for a mis-decoded character starting at s[i]: returns its source length in bytes of
 * `s` and sets *cp when the mapped bytes decode; returns 0 otherwise, setting *remnant when
 * the start looks like mojibake but does not decode. */
static size_t match_at(const unsigned char *s, size_t len, size_t i, long lead_cp, size_t lead_len,
                       long *cp, int *remnant) {
  *remnant = 0;
  int b0 = byte_of(lead_cp);
  int need = lead_needs(b0);
  if (lead_cp < 0xC2 || !need) return 0;
  size_t j = i + lead_len;
  long out = lead_bits(b0, need);
  for (int k = 0; k < need; k++) {
    if (j >= len) {
      *remnant = k > 0;
      return 0;
    }
    size_t cl;
    long c = decode(s + j, len - j, &cl);
    if (c == 0xFFFD) { /* a byte the first decoder could not map: lost, so ambiguous */
      *remnant = 1;
      return 0;
    }
    int b = byte_of(c);
    if (b < 0x80 || b > 0xBF || (k == 0 && !second_ok(b0, b))) {
      *remnant = k > 0;
      return 0;
    }
    out = (out << 6) | (b & 0x3F);
    j += cl;
  }
  *cp = out;
  return j - i;
}

/* One pass: counts sequences and remnants; when `out` is non-NULL appends the repaired text. */
static scan_counts scan(const char *text, size_t len, seg_buf *out) {
  const unsigned char *s = (const unsigned char *)text;
  scan_counts sc = {0, 0};
  size_t i = 0, copied = 0;
  while (i < len) {
    const unsigned char *hit = memchr(s + i, 0xC3, len - i);
    if (!hit) break;
    i = (size_t)(hit - s);
    size_t cl;
    long lead = decode(s + i, len - i, &cl);
    long cp = 0;
    int remnant;
    size_t m = match_at(s, len, i, lead, cl, &cp, &remnant);
    if (m) {
      sc.seqs++;
      if (out) {
        seg_buf_append(out, text + copied, i - copied);
        seg_buf_put_utf8(out, (unsigned int)cp);
        copied = i + m;
      }
      i += m;
    } else {
      sc.remnants += (size_t)remnant;
      i += cl;
    }
  }
  if (out) seg_buf_append(out, text + copied, len - copied);
  return sc;
}

size_t seg_mojibake_count(const char *text, size_t len) {
  scan_counts sc = scan(text, len, NULL);
  return sc.seqs + sc.remnants;
}

seg_mojibake_result seg_mojibake_repair(const char *text, size_t len, seg_buf *out) {
  scan_counts sc = scan(text, len, NULL);
  if (sc.remnants) return SEG_MOJIBAKE_UNREPAIRABLE;
  if (!sc.seqs) return SEG_MOJIBAKE_CLEAN;
  seg_buf cur = {0}, next = {0};
  scan(text, len, &cur);
  for (int round = 1; round < 3; round++) { /* text mis-decoded twice or three times */
    sc = scan(cur.data, cur.len, NULL);
    if (sc.remnants) {
      seg_buf_free(&cur);
      return SEG_MOJIBAKE_UNREPAIRABLE;
    }
    if (!sc.seqs) break;
    seg_buf_clear(&next);
    scan(cur.data, cur.len, &next);
    seg_buf tmp = cur;
    cur = next;
    next = tmp;
  }
  seg_buf_clear(out);
  seg_buf_append(out, cur.data, cur.len);
  seg_buf_free(&cur);
  seg_buf_free(&next);
  return SEG_MOJIBAKE_REPAIRED;
}
