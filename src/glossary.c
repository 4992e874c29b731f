/* glossary: see glossary.h. Every key (variant or canonical) is stored once, in the form it is
 * matched in (case-insensitive keys folded code point by code point with ICU's default simple
 * case folding, the function the matcher applies to the text), and found by a hash of its code
 * points computed one code point at a time. A bit set of the hashes of every key prefix stops
 * the matcher's walk as soon as no key can continue; a full hash that is in the key table is
 * then checked against the key's bytes. Memory and load time grow with the number of keys, not
 * with their characters. Every string is NFC-normalized on load. */
#include "glossary.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "hash.h"
#include "scan.h"
#include "ydoc.h"

typedef struct {
  char *canonical, *target; /* NFC, in the glossary's arena; target may be NULL */
  uint32_t file;            /* where it was defined: index into the file names */
  size_t line;
} term;

/* One key in its matched form: pool[off, off + len) (UTF-8, folded when case-insensitive). */
typedef struct {
  uint64_t hash;  /* key_step over its code points from the seed of its kind */
  uint32_t off, len;
  int32_t term;
  uint32_t line;  /* where it was defined, for messages */
  uint32_t file;  /* index into the file names */
  int folded;
} gkey;

/* A set of hashed keys as a bit set (a Bloom filter with two probes): no false negatives. The
 * keys are kept so the bits can be rebuilt when the set doubles to keep `per_key` bits a key.
 * A probe is the top bits of the key times an odd constant, which depend on all its bits (an
 * eight-byte prefix is a key as it is); the second probe is only computed when the first bit
 * is set, so a set that mostly says no costs one multiply and one load a test. Keys are only
 * collected while terms are added; keyset_build sets their bits once a file is done (the sets
 * are read only by the matcher), so each key's bits are set once however often the set grows
 * on the way. */
typedef struct {
  uint64_t *bits;
  size_t nbits;   /* 0 or a power of two */
  unsigned shift; /* 64 - log2(nbits) */
  uint64_t *keys;
  size_t n, cap;
  size_t built;   /* keys[0, built) have their bits set */
} keyset;

/* Bytes of a first word the prefix filter holds (see prefixes below). */
enum { PREFIX_BYTES = 8 };

static const uint64_t probe_mul[2] = {0x9E3779B97F4A7C15ull, 0xC2B2AE3D27D4EB4Full};

static inline int keyset_probe(const keyset *s, uint64_t h, int q) {
  uint64_t b = (h * probe_mul[q]) >> s->shift;
  return (s->bits[b >> 6] >> (b & 63)) & 1;
}

/* Is h in a set that has bits (nbits > 0)? */
static inline int keyset_has(const keyset *s, uint64_t h) {
  return keyset_probe(s, h, 0) && keyset_probe(s, h, 1);
}

static inline int keyset_test(const keyset *s, uint64_t h) {
  return s->nbits && keyset_has(s, h); /* empty: no */
}

static void keyset_set(keyset *s, uint64_t h) {
  for (int q = 0; q < 2; q++) {
    uint64_t b = (h * probe_mul[q]) >> s->shift;
    s->bits[b >> 6] |= 1ull << (b & 63);
  }
}

/* Adds key h (its bits wait for keyset_build). */
static inline void keyset_add(keyset *s, uint64_t h) {
  SEG_GROW(s->keys, s->cap, s->n + 1);
  s->keys[s->n++] = h;
}

/* Sets the bits of the keys added since the last build, the set first grown (and every key's
 * bits set again) to keep per_key bits a key, up to max_bits: the bits the set would have had
 * had each key's been set as it came. */
static void keyset_build(keyset *s, size_t per_key, size_t max_bits) {
  size_t from = s->built;
  if (s->n * per_key > s->nbits && s->nbits < max_bits) {
    size_t nb = s->nbits ? s->nbits : 4096;
    while (s->n * per_key > nb && nb < max_bits) nb *= 2;
    free(s->bits);
    s->bits = seg_xcalloc(nb / 64, sizeof *s->bits);
    s->nbits = nb;
    s->shift = 64;
    for (size_t b = nb; b > 1; b >>= 1) s->shift--;
    from = 0;
  }
  for (size_t q = from; q < s->n; q++) keyset_set(s, s->keys[q]);
  s->built = s->n;
}

static void keyset_free(keyset *s) {
  free(s->bits);
  free(s->keys);
}

struct seg_glossary {
  term *terms;
  size_t nterms, terms_cap;
  char **files;
  size_t nfiles, files_cap;
  gkey *keys;
  size_t nkeys, keys_cap;
  size_t nkeys_of[2];   /* case-sensitive, folded */
  seg_buf pool;         /* the keys' bytes */
  seg_hash_table index; /* key indices by mix(key hash): a probe reads a key only when the
                         * top 32 bits of the hashes agree */
  uint64_t *stems;      /* bit set of the hashes of every key prefix (see key_stem) */
  size_t stems_bits;    /* power of two */
  /* Filter of first words: a match can only start at a word that is the first word of a key
   * (see fw_key), or at a non-word character some variant starts with. */
  keyset first_words;
  /* Of each such key, its first word continued by the (at most two) code points after it. */
  keyset follows;
  unsigned char first_nonword_ascii[128];
  int first_nonword_other, any_nonword_ascii;
  /* Coarser and cheaper: the first eight ASCII bytes (zero past the word's end; lower-cased
   * for folded keys) of every first word made of ASCII letters and digits, so most words of
   * up to eight letters are told from every first word there is, however many first words
   * share their first letters (the text's capitalized words and the names' first syllables).
   * Lets whole blocks of ASCII text be passed over (see skip_ascii). At most 2^18 bits
   * (32 KiB, so it stays in the L1 cache it is read from for every word). */
  keyset prefixes;
  char **dotted;           /* in `strings` */
  size_t ndotted, dotted_cap;
  seg_arena strings;       /* canonicals, targets, dotted keys, target variants */
  struct tvars *tvars; /* target variants (see the end of the file); NULL when none */
};

static void tvars_free(struct tvars *t);

static uint64_t mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  return x;
}

static inline int32_t fold_cp(int32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  return (int32_t)u_foldCase(c, U_FOLD_CASE_DEFAULT);
}

static inline int is_word_cp(int32_t c) {
  if (c < 0x80) return c >= 0 && seg_ascii_alnum((unsigned char)c);
  return (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_M_MASK | U_GC_ND_MASK)) != 0;
}

/* ---------- the key table ---------- */

/* Hash of a key's (folded) code points, one step per code point from the seed of its kind:
 * the matcher extends it as it reads the text. */
static const uint64_t key_seed[2] = {0x243F6A8885A308D3ull, 0x13198A2E03707344ull};

static inline uint64_t key_step(uint64_t h, int32_t cp) {
  h = (h ^ (uint32_t)cp) * 0x9E3779B97F4A7C15ull;
  return (h << 27) | (h >> 37);
}

/* Hash of s[0, n) (valid UTF-8) as a key of kind `folded`; its matched form is appended to
 * `form` unless NULL (simple case folding at most grows a character from two bytes to three). */
static uint64_t key_hash(const char *s, size_t n, int folded, seg_buf *form) {
  uint64_t h = key_seed[folded];
  uint8_t *w = NULL;
  size_t at = 0;
  if (form) {
    seg_buf_reserve(form, 2 * n + 4);
    w = (uint8_t *)form->data;
    at = form->len;
  }
  size_t i = 0;
  /* ASCII first, without the general loop's branches (folding is adding 32 to A-Z) */
  unsigned fold = folded ? 32u : 0u;
  if (w) {
    for (unsigned c; i < n && (c = (unsigned char)s[i]) < 0x80; i++) {
      c += c - 'A' < 26u ? fold : 0u;
      h = key_step(h, (int32_t)c);
      w[at++] = (uint8_t)c;
    }
  } else {
    for (unsigned c; i < n && (c = (unsigned char)s[i]) < 0x80; i++)
      h = key_step(h, (int32_t)(c + (c - 'A' < 26u ? fold : 0u)));
  }
  while (i < n) {
    int32_t c = (unsigned char)s[i];
    if (c < 0x80) {
      i++;
      if (folded && c >= 'A' && c <= 'Z') c += 32;
    } else {
      U8_NEXT((const uint8_t *)s, i, n, c);
      if (c < 0) c = 0xFFFD; /* not reached: keys are validated */
      if (folded) c = fold_cp(c);
    }
    h = key_step(h, c);
    if (w) U8_APPEND_UNSAFE(w, at, c);
  }
  if (form) {
    form->len = at;
    form->data[at] = '\0';
  }
  return h;
}

/* key_is for a folded key: code point by code point. */
static int key_is_folded(const seg_glossary *g, const gkey *k, const char *s, size_t n) {
  const char *f = g->pool.data + k->off;
  size_t i = 0, a = 0;
  while (i < n && a < k->len) {
    int32_t c, d;
    U8_NEXT((const uint8_t *)s, i, n, c);
    U8_NEXT((const uint8_t *)f, a, k->len, d);
    if (c < 0 || fold_cp(c) != d) return 0;
  }
  return i == n && a == k->len;
}

/* Does s[0, n) read as key k? A case-sensitive key is its bytes. */
SEG_SCAN_INLINE int key_is(const seg_glossary *g, const gkey *k, const char *s, size_t n) {
  if (!k->folded) return k->len == n && !memcmp(g->pool.data + k->off, s, n);
  return key_is_folded(g, k, s, n);
}

/* Index of the key of kind `folded` with hash h that s[0, n) reads as, or -1. The index is
 * keyed by mix(h): key_step leaves the product's low bits in the hash's top ones. */
SEG_SCAN_INLINE int32_t key_probe(const seg_glossary *g, uint64_t h, int folded, const char *s,
                                  size_t n, seg_hash_probe *p) {
  *p = seg_hash_probe_start(&g->index, mix(h));
  for (uint32_t e; (e = seg_hash_probe_next(p)) != SEG_HASH_NONE;) {
    const gkey *k = &g->keys[e];
    if (k->hash == h && k->folded == folded && key_is(g, k, s, n)) return (int32_t)e;
  }
  return -1;
}

/* key_probe without its probe (inlined in the matchers). */
SEG_SCAN_INLINE int32_t key_find(const seg_glossary *g, uint64_t h, int folded, const char *s,
                                 size_t n) {
  seg_hash_probe p;
  return key_probe(g, h, folded, s, n, &p);
}

/* Appends a key (its form already at the end of the pool, from k.off) where the probe p that
 * did not find it stopped. */
static void key_add(seg_glossary *g, gkey k, const seg_hash_probe *p) {
  SEG_GROW(g->keys, g->keys_cap, g->nkeys + 1);
  g->keys[g->nkeys] = k;
  g->nkeys_of[k.folded]++;
  seg_hash_put_probed(&g->index, p, mix(k.hash), (uint32_t)g->nkeys++);
}

/* The bit of the prefix with hash h in the prefix bit set: key_step leaves the product's well
 * mixed high bits in the hash's low ones, folded with the rest. */
static inline size_t stem_bit(uint64_t h, size_t bits) {
  return (size_t)(h ^ (h >> 32)) & (bits - 1);
}

/* May a key of that kind continue from the prefix with hash h? (no false "no") */
static inline int key_stem(const seg_glossary *g, uint64_t h) {
  size_t b = stem_bit(h, g->stems_bits);
  return (g->stems[b >> 6] >> (b & 63)) & 1;
}

/* Rebuilds the prefix bit set from every key: about eight bits per prefix, so a walk that no key
 * continues stops at the next code point seven times in eight. */
static void stems_build(seg_glossary *g) {
  size_t total = 0;
  for (size_t q = 0; q < g->nkeys; q++) total += g->keys[q].len; /* >= its code points */
  size_t bits = 4096;
  while (bits < total * 8) bits *= 2;
  free(g->stems);
  g->stems = seg_xcalloc(bits / 64, sizeof *g->stems);
  g->stems_bits = bits;
  uint64_t *stems = g->stems;
  for (size_t q = 0; q < g->nkeys; q++) {
    const gkey *k = &g->keys[q];
    const uint8_t *f = (const uint8_t *)g->pool.data + k->off;
    uint64_t h = key_seed[k->folded];
    for (size_t i = 0, n = k->len; i < n;) {
      int32_t c = f[i];
      if (c < 0x80) /* (forms are valid UTF-8) */
        i++;
      else
        U8_NEXT(f, i, n, c);
      h = key_step(h, c);
      size_t b = stem_bit(h, bits);
      stems[b >> 6] |= 1ull << (b & 63);
    }
  }
}

/* ---------- first-word filter ----------
 * A variant can match at position i only if the text's word at i (a maximal run of letters,
 * marks and digits) is the variant's first word: the same characters (for a folded key, the
 * same after folding), as a match ends at a word boundary. The key of a word in the set is a
 * hash of its matched form (fw_key), so a word that is the first word of no key passes
 * only by the set's false positives, however many first words share its first letters (real
 * glossaries are mostly names: `Dimapu`, `Dimas`, `Dimasa`, ..., and the text's `Dimana`).
 * The cheaper prefix set holds the first eight bytes of every ASCII first word, exact for
 * case-sensitive keys and lower-cased for folded ones, so with case-sensitive names the text's
 * words in lower case pass it whatever the names begin with. */

/* End of the word starting at t[i] (a word character). */
static size_t word_end(const char *t, size_t len, size_t i) {
  while (i < len) {
    size_t j = i;
    int32_t c;
    U8_NEXT((const uint8_t *)t, j, len, c);
    if (c < 0 || !is_word_cp(c)) break;
    i = j;
  }
  return i;
}

/* The first-word key hashes a word's matched form (UTF-8, folded code point by code point for
 * a folded key) eight bytes at a time, little-endian, the last eight zero-padded, then its
 * length in bytes: one multiply per eight bytes, and a word of ASCII letters and digits is
 * hashed from loads (the prefix the skip loop has already read, for a word of up to seven). */
static inline uint64_t fw_step8(uint64_t h, uint64_t w) {
  h = (h ^ w) * 0x9E3779B97F4A7C15ull;
  return h ^ (h >> 29);
}

/* The first-word key of a word of n < 8 bytes (ASCII) whose matched form is `form`. */
static inline uint64_t fw_key_short(uint64_t form, size_t n, int folded) {
  return fw_step8(fw_step8(key_seed[folded], form), n);
}

/* Key of the word t[i, j) in the first-word set, as the first word of a key of kind `folded`. */
static uint64_t fw_key(const char *t, size_t i, size_t j, int folded) {
  uint64_t h = key_seed[folded], acc = 0;
  unsigned fill = 0;
  size_t n = 0;
  while (i < j) {
    int32_t c;
    U8_NEXT((const uint8_t *)t, i, j, c);
    if (c < 0) c = 0xFFFD; /* not reached: words end before invalid bytes, keys are valid */
    if (folded) c = fold_cp(c);
    uint8_t b[4];
    size_t m = 0;
    U8_APPEND_UNSAFE(b, m, c);
    for (size_t q = 0; q < m; q++, n++) {
      acc |= (uint64_t)b[q] << (8 * fill);
      if (++fill == 8) {
        h = fw_step8(h, acc);
        acc = 0;
        fill = 0;
      }
    }
  }
  if (fill) h = fw_step8(h, acc);
  return fw_step8(h, n);
}

/* fw_key of a word of ASCII letters and digits (their folded form is the byte | 0x20). */
static inline uint64_t fw_key_ascii(const unsigned char *u, size_t i, size_t j, int folded) {
  uint64_t h = key_seed[folded], lower = folded ? 0x2020202020202020ull : 0, w;
  size_t n = j - i;
  for (; i + 8 <= j; i += 8) {
    memcpy(&w, u + i, 8);
    h = fw_step8(h, w | lower);
  }
  if (i < j) { /* the last 1 to 7 bytes: from the eight that end there when the text has them */
    unsigned rest = (unsigned)(j - i);
    if (j >= 8) {
      memcpy(&w, u + j - 8, 8);
      w >>= 8 * (8 - rest);
    } else {
      w = 0;
      for (unsigned q = 0; q < rest; q++) w |= (uint64_t)u[i + q] << (8 * q);
    }
    h = fw_step8(h, (w | lower) & (~0ull >> (8 * (8 - rest))));
  }
  return fw_step8(h, n);
}

/* fw_key of a first word continued by the code point c (folded for a folded key). */
static inline uint64_t fw_follow(uint64_t h, int32_t c, int folded) {
  return key_step(h, folded ? fold_cp(c) : c);
}

/* May a key of a kind the glossary has start at the word t[i, j) (of ASCII letters and digits
 * when `ascii`)? Its first word must be the word, and what follows the key's first word (none,
 * one or the first two code points) must follow the word: names share their first words with
 * the text's capitalized words (`Presiden Kalimo`, `Bank Mandiri`), rarely the next letter. */
static inline int fw_has(const seg_glossary *g, const char *t, size_t len, size_t i, size_t j,
                         int ascii) {
  const unsigned char *u = (const unsigned char *)t;
  for (int f = 0; f < 2; f++) {
    if (!g->nkeys_of[f]) continue;
    uint64_t h = ascii ? fw_key_ascii(u, i, j, f) : fw_key(t, i, j, f);
    if (!keyset_test(&g->first_words, h)) continue;
    if (keyset_has(&g->follows, h)) return 1;
    for (size_t k = j, q = 0; q < 2 && k < len; q++) {
      int32_t c;
      U8_NEXT(u, k, len, c);
      if (c < 0) break;
      if (keyset_has(&g->follows, h = fw_follow(h, c, f))) return 1;
    }
  }
  return 0;
}

/* fw_has of the word p[k, e) of ASCII letters and digits followed by the ASCII bytes p[e] and
 * p[e + 1], for keys of kind `folded`; `form` is the word's first eight bytes (zero past its
 * end) in their matched form. A zero for a byte past the text's end only adds a test (a
 * needless candidate, never a missed one). */
SEG_SCAN_INLINE int fw_has_run(const seg_glossary *g, const unsigned char *p, unsigned k,
                               unsigned e, uint64_t form, int folded) {
  uint64_t h = e - k < 8 ? fw_key_short(form, e - k, folded) : fw_key_ascii(p, k, e, folded);
  if (!keyset_has(&g->first_words, h)) return 0;
  unsigned c1 = p[e], c2 = p[e + 1];
  if (folded) {
    c1 += c1 - 'A' < 26u ? 32u : 0u;
    c2 += c2 - 'A' < 26u ? 32u : 0u;
  }
  uint64_t h1 = key_step(h, (int32_t)c1);
  return keyset_has(&g->follows, h) || keyset_has(&g->follows, h1) ||
         keyset_has(&g->follows, key_step(h1, (int32_t)c2));
}

/* Records the first word of key `key` of kind `folded` in the filters. */
static void fw_add(seg_glossary *g, const char *key, size_t len, int folded) {
  const unsigned char *u = (const unsigned char *)key;
  size_t wend = 0; /* an ASCII first word, the common case, is read once */
  while (wend < len && seg_ascii_alnum(u[wend])) wend++;
  if (wend && (wend == len || u[wend] < 0x80)) {
    uint64_t prefix = 0, fold = folded ? 0x20u : 0u;
    for (size_t q = 0; q < PREFIX_BYTES && q < wend; q++)
      prefix |= (uint64_t)(u[q] | ((unsigned)u[q] - 'A' < 26u ? fold : 0u)) << (8 * q);
    keyset_add(&g->prefixes, prefix);
    uint64_t h = fw_key_ascii(u, 0, wend, folded); /* (not key_hash, even for a one-word key) */
    keyset_add(&g->first_words, h);
    for (int q = 0; q < 2 && wend < len; q++) {
      int32_t d;
      U8_NEXT(u, wend, len, d);
      h = fw_follow(h, d, folded);
    }
    keyset_add(&g->follows, h);
    return;
  }
  size_t i = 0;
  int32_t c;
  U8_NEXT((const uint8_t *)key, i, len, c);
  if (c < 0 || !is_word_cp(c)) {
    if (c >= 0 && c < 0x80) g->first_nonword_ascii[c] = g->any_nonword_ascii = 1;
    else g->first_nonword_other = 1;
    return;
  }
  if (c < 0x80) { /* the prefix filter: a non-ASCII character among the first eight passes it */
    uint64_t prefix = (uint64_t)(folded ? fold_cp(c) : c);
    int ascii = 1;
    for (int q = 1; q < PREFIX_BYTES && i < len && ascii; q++) {
      int32_t d;
      U8_NEXT((const uint8_t *)key, i, len, d);
      if (d >= 0x80 || d < 0) ascii = 0;
      else if (!is_word_cp(d)) break;
      else prefix |= (uint64_t)(folded ? fold_cp(d) : d) << (8 * q);
    }
    if (ascii) keyset_add(&g->prefixes, prefix);
  }
  size_t end = word_end(key, len, 0);
  uint64_t h = fw_key(key, 0, end, folded);
  keyset_add(&g->first_words, h);
  for (int q = 0; q < 2 && end < len; q++) {
    int32_t d;
    U8_NEXT((const uint8_t *)key, end, len, d);
    h = fw_follow(h, d, folded);
  }
  keyset_add(&g->follows, h);
}

/* ---------- loading ---------- */

seg_glossary *seg_glossary_new(void) {
  return seg_xcalloc(1, sizeof(seg_glossary));
}

void seg_glossary_free(seg_glossary *g) {
  if (!g) return;
  free(g->terms);
  for (size_t i = 0; i < g->nfiles; i++) free(g->files[i]);
  free(g->files);
  free(g->dotted);
  free(g->keys);
  seg_hash_table_free(&g->index);
  free(g->stems);
  seg_buf_free(&g->pool);
  tvars_free(g->tvars);
  keyset_free(&g->first_words);
  keyset_free(&g->follows);
  keyset_free(&g->prefixes);
  seg_arena_free(&g->strings);
  free(g);
}

size_t seg_glossary_terms(const seg_glossary *g) { return g->nterms; }

void seg_glossary_each_dotted(const seg_glossary *g, void (*fn)(void *, const char *, size_t),
                              void *ctx) {
  for (size_t i = 0; i < g->ndotted; i++) fn(ctx, g->dotted[i], strlen(g->dotted[i]));
}

void seg_glossary_each_target(const seg_glossary *g,
                              void (*fn)(void *, const char *canonical, const char *target),
                              void *ctx) {
  for (size_t i = 0; i < g->nterms; i++)
    if (g->terms[i].target) fn(ctx, g->terms[i].canonical, g->terms[i].target);
}

/* NFC of a UTF-8 string; NULL (with err) if it is not valid UTF-8. */
static char *nfc_dup(const seg_ynode *n, const char *file, seg_error *err) {
  UErrorCode st = U_ZERO_ERROR;
  int32_t ulen = 0;
  u_strFromUTF8(NULL, 0, &ulen, n->str, (int32_t)n->len, &st);
  if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st)) goto bad;
  st = U_ZERO_ERROR;
  UChar *u = seg_xmalloc(sizeof(UChar) * ((size_t)ulen + 1));
  u_strFromUTF8(u, ulen + 1, NULL, n->str, (int32_t)n->len, &st);
  const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
  int32_t cap = ulen * 3 + 16;
  UChar *v = seg_xmalloc(sizeof(UChar) * (size_t)cap);
  int32_t vlen = U_SUCCESS(st) ? unorm2_normalize(nfc, u, ulen, v, cap, &st) : 0;
  free(u);
  if (U_FAILURE(st)) {
    free(v);
    goto bad;
  }
  int32_t blen = 0;
  st = U_ZERO_ERROR;
  u_strToUTF8(NULL, 0, &blen, v, vlen, &st);
  st = U_ZERO_ERROR;
  char *out = seg_xmalloc((size_t)blen + 1);
  u_strToUTF8(out, blen + 1, NULL, v, vlen, &st);
  free(v);
  return out;
bad:
  seg_error_set(err, SEG_ERR_CONFIG, file, n->line, n->col, "not valid UTF-8");
  return NULL;
}

/* A glossary string: non-empty scalar, NFC, without the characters that structure the TSV and
 * the terms column. Returns it, *len its bytes, or NULL: the node's own bytes (trimmed, so not
 * NUL-terminated) when they are already NFC, else an NFC copy, also in *owned (else NULL) for
 * the caller to free. */
static const char *term_view(const seg_ynode *n, const char *what, const char *file,
                             seg_error *err, size_t *len, char **owned) {
  *owned = NULL;
  if (seg_ynode_expect(n, SEG_Y_SCALAR, what, file, err)) return NULL;
  size_t a = 0, b = n->len;
  while (a < b && n->str[a] == ' ') a++;
  while (b > a && n->str[b - 1] == ' ') b--;
  if (a == b) {
    seg_error_set(err, SEG_ERR_CONFIG, file, n->line, n->col, "%s must not be empty", what);
    return NULL;
  }
  /* the reserved characters, and (on a first pass) any byte that is not ASCII */
  static const seg_byteset reserved = {{';', '=', '\t', '\n', '\r'}, 5, 0};
  static const seg_byteset reserved_or_high = {{';', '=', '\t', '\n', '\r'}, 5, 1};
  size_t i = seg_scan(n->str, n->len, 0, &reserved_or_high);
  int high = i < n->len && (unsigned char)n->str[i] >= 0x80;
  if (high) i = seg_scan(n->str, n->len, i, &reserved);
  if (i < n->len) {
    char c = n->str[i];
    seg_error_set(err, SEG_ERR_CONFIG, file, n->line, n->col,
                  "%s '%s' contains %s, which the terms column reserves", what, n->str,
                  c == ';' ? "';'" : c == '=' ? "'='" : "a tab or line break");
    return NULL;
  }
  /* (the trimmed blanks are ASCII, so the whole string's bytes tell the trimmed one's) */
  if (!high) { /* ASCII is already NFC */
    *len = b - a;
    return n->str + a;
  }
  seg_ynode trimmed = *n;
  trimmed.str = n->str + a;
  trimmed.len = b - a;
  if (!(*owned = nfc_dup(&trimmed, file, err))) return NULL;
  *len = strlen(*owned);
  return *owned;
}

/* term_view of a string the glossary keeps as a C string (a canonical, a target, a target
 * variant): it ends at its first NUL, if any, as its copy reads. */
static const char *term_cview(const seg_ynode *n, const char *what, const char *file,
                              seg_error *err, size_t *len, char **owned) {
  const char *s = term_view(n, what, file, err, len, owned);
  const char *nul = s ? memchr(s, '\0', *len) : NULL;
  if (nul) *len = (size_t)(nul - s);
  return s;
}

/* Is the C string c exactly s[0, n) (which holds no NUL)? */
static int cstr_is(const char *c, const char *s, size_t n) {
  return !strncmp(c, s, n) && !c[n];
}

/* The file an entry comes from: its name (for messages) and its index in the file names. */
typedef struct {
  const char *name;
  uint32_t index;
} file_ref;

static uint32_t file_index(seg_glossary *g, const char *file) {
  for (size_t i = 0; i < g->nfiles; i++)
    if (!strcmp(g->files[i], file)) return i;
  SEG_GROW(g->files, g->files_cap, g->nfiles + 1);
  g->files[g->nfiles] = seg_xstrndup(file, strlen(file));
  return (uint32_t)g->nfiles++;
}

/* Adds key[0, len) (not NUL-terminated) of term term_idx; `hash` is its key_hash when known
 * (the canonical's, from find_canonical), else NULL. */
static seg_status insert_key(seg_glossary *g, const char *key, size_t len, int cs,
                             int32_t term_idx, const uint64_t *hash, const seg_ynode *at,
                             file_ref src, seg_error *err) {
  const char *file = src.name;
  int folded = !cs;
  size_t off = g->pool.len;
  uint64_t h; /* its matched form goes to the pool, kept if it is new */
  if (hash && !folded) { /* the form is the key itself */
    seg_buf_append(&g->pool, key, len);
    h = *hash;
  } else {
    h = key_hash(key, len, folded, &g->pool);
  }
  seg_hash_probe probe;
  int32_t e = key_probe(g, h, folded, key, len, &probe);
  if (e < 0) fw_add(g, key, len, folded); /* a key seen before has its first word's bits */
  if (e >= 0) { /* the first definition stays */
    g->pool.len = off;
    g->pool.data[off] = '\0';
    const gkey *k = &g->keys[e];
    if (k->term != term_idx &&
        strcmp(g->terms[k->term].canonical, g->terms[term_idx].canonical)) {
      const char *other = g->terms[k->term].canonical, *ofile = g->files[k->file];
      if (!strcmp(ofile, file))
        return seg_error_set(err, SEG_ERR_CONFIG, file, at->line, at->col,
                             "variant '%.*s' of '%s' is already claimed by '%s' (line %u)",
                             (int)len, key, g->terms[term_idx].canonical, other, k->line);
      return seg_error_set(err, SEG_ERR_CONFIG, file, at->line, at->col,
                           "variant '%.*s' of '%s' is already claimed by '%s' (%s:%u)", (int)len,
                           key, g->terms[term_idx].canonical, other, ofile, k->line);
    }
  } else {
    if (g->pool.len > UINT32_MAX || g->nkeys >= SEG_HASH_MAX_ENTRIES) /* 32-bit fields */
      return seg_error_set(err, SEG_ERR_CONFIG, file, at->line, at->col,
                           "glossaries too large (over 4 GiB of variants)");
    key_add(g, (gkey){h, (uint32_t)off, (uint32_t)(g->pool.len - off), term_idx,
                      (uint32_t)at->line, src.index, folded},
            &probe);
  }
  if (len > 1 && key[len - 1] == '.' && !memchr(key, ' ', len)) {
    SEG_GROW(g->dotted, g->dotted_cap, g->ndotted + 1);
    g->dotted[g->ndotted++] = seg_arena_strndup(&g->strings, key, len);
  }
  return SEG_OK;
}

/* The term whose canonical is exactly canonical[0, len) (no NUL in it), or -1 (canonicals are
 * keys of the term); *hash receives its key_hash as a key of kind `folded`. */
static int32_t find_canonical(const seg_glossary *g, const char *canonical, size_t len,
                              int folded, uint64_t *hash) {
  *hash = key_hash(canonical, len, folded, NULL);
  for (int f = 0; f < 2; f++) {
    if (!g->nkeys_of[f]) continue; /* no key of that kind */
    uint64_t h = f == folded ? *hash : key_hash(canonical, len, f, NULL);
    int32_t e = key_find(g, h, f, canonical, len);
    if (e >= 0 && cstr_is(g->terms[g->keys[e].term].canonical, canonical, len))
      return g->keys[e].term;
  }
  return -1;
}

/* A glossary file as it is read: its terms arrive one at a time (seg_ydoc_stream_into), the
 * file's settings before them. */
typedef struct {
  seg_glossary *g;
  int file_cs;   /* the file's case_sensitive, as the terms read so far took it */
  size_t nterms; /* terms read (the settings before them were checked at the first) */
} glossary_file;

static const char *const top_keys[] = {"language", "target_language", "case_sensitive", "terms",
                                       NULL};

/* Checks a glossary's top mapping (its keys, settings and `terms` list, as far as read) and
 * reads its case_sensitive into *file_cs. Nonzero on an error. */
static int check_settings(const seg_ynode *root, const char *name, int *file_cs, seg_error *err) {
  if (seg_ynode_expect(root, SEG_Y_MAP, "a glossary", name, err) ||
      seg_ynode_keys_allowed(root, top_keys, name, err))
    return -1;
  for (const char *const *k = top_keys; k < top_keys + 2; k++) {
    const seg_ynode *v = seg_ynode_get(root, *k);
    if (v && (seg_ynode_expect(v, SEG_Y_SCALAR, *k, name, err) || !v->len)) {
      if (v->kind == SEG_Y_SCALAR)
        seg_error_set(err, SEG_ERR_CONFIG, name, v->line, v->col, "%s must not be empty", *k);
      return -1;
    }
  }
  *file_cs = 1;
  const seg_ynode *fcs = seg_ynode_get(root, "case_sensitive");
  if (fcs && seg_ynode_bool(fcs, file_cs, "case_sensitive", name, err)) return -1;
  const seg_ynode *terms = seg_ynode_get(root, "terms");
  if (!terms) {
    seg_error_set(err, SEG_ERR_CONFIG, name, root->line, root->col, "glossary has no 'terms'");
    return -1;
  }
  return seg_ynode_expect(terms, SEG_Y_SEQ, "terms", name, err);
}

/* Adds one item of `terms`. */
static seg_status add_term(seg_glossary *g, const seg_ynode *tn, int file_cs, const char *name,
                           seg_error *err) {
  static const char *const term_keys[] = {"canonical", "variants", "target", "case_sensitive",
                                          "target_variants", NULL};
  if (seg_ynode_expect(tn, SEG_Y_MAP, "a term", name, err) ||
      seg_ynode_keys_allowed(tn, term_keys, name, err))
    return SEG_ERR_CONFIG;
  const seg_ynode *cn = seg_ynode_get(tn, "canonical");
  const seg_ynode *vn = seg_ynode_get(tn, "variants");
  const seg_ynode *tg = seg_ynode_get(tn, "target");
  const seg_ynode *csn = seg_ynode_get(tn, "case_sensitive");
  if (!cn)
    return seg_error_set(err, SEG_ERR_CONFIG, name, tn->line, tn->col, "term has no 'canonical'");
  if (!vn)
    return seg_error_set(err, SEG_ERR_CONFIG, name, tn->line, tn->col,
                         "term has no 'variants' (use [] for none)");
  if (seg_ynode_expect(vn, SEG_Y_SEQ, "variants", name, err)) return SEG_ERR_CONFIG;
  const seg_ynode *tvn = seg_ynode_get(tn, "target_variants");
  if (tvn && seg_ynode_expect(tvn, SEG_Y_SEQ, "target_variants", name, err)) return SEG_ERR_CONFIG;
  int cs = file_cs;
  if (csn && seg_ynode_bool(csn, &cs, "case_sensitive", name, err)) return SEG_ERR_CONFIG;
  seg_glossary_entry e = {.canonical = cn,
                          .variants = vn->kids,
                          .nvariants = vn->len,
                          .target = tg,
                          .target_variants = tvn ? tvn->kids : NULL,
                          .ntarget_variants = tvn ? tvn->len : 0,
                          .case_sensitive = cs,
                          .line = tn->line};
  return seg_glossary_add_entry(g, &e, name, err);
}

/* One streamed term: the settings written before `terms` are checked at the first. */
static seg_status glossary_item(void *obj, const seg_ynode *root, const seg_ynode *item,
                                const char *name, seg_error *err) {
  glossary_file *gf = obj;
  if (!gf->nterms && check_settings(root, name, &gf->file_cs, err)) return SEG_ERR_CONFIG;
  gf->nterms++;
  return add_term(gf->g, item, gf->file_cs, name, err);
}

/* The whole top mapping, its streamed terms already added (a `terms` that was not streamed is
 * added here); frees the tree. A case_sensitive after the terms that would have changed them
 * is an error: the terms are added as they are read. */
static seg_status glossary_root(void *obj, seg_ynode *root, const char *name, seg_error *err) {
  glossary_file *gf = obj;
  seg_status rc = SEG_ERR_CONFIG;
  int file_cs;
  if (check_settings(root, name, &file_cs, err)) goto done;
  const seg_ynode *terms = seg_ynode_get(root, "terms");
  if (terms->plain && gf->nterms && file_cs != gf->file_cs) {
    const seg_ynode *fcs = seg_ynode_get(root, "case_sensitive");
    seg_error_set(err, SEG_ERR_CONFIG, name, fcs->line, fcs->col,
                  "case_sensitive must come before 'terms' (it is the default of every term)");
    goto done;
  }
  for (size_t i = 0; i < terms->len; i++)
    if (add_term(gf->g, terms->kids[i], file_cs, name, err)) goto done;
  rc = SEG_OK;
done:
  seg_ynode_free(root);
  return rc;
}

seg_status seg_glossary_add_yaml(seg_glossary *g, const char *yaml, size_t len, const char *name,
                                 seg_error *err) {
  glossary_file gf = {g, 1, 0};
  seg_status rc = seg_ydoc_stream_into(yaml, len, name, "terms", glossary_item, glossary_root,
                                       &gf, err);
  seg_glossary_end_file(g); /* also after an error: the keys added so far match */
  return rc;
}

seg_status seg_glossary_add_file(seg_glossary *g, const char *path, seg_error *err) {
  glossary_file gf = {g, 1, 0};
  seg_status rc = seg_ydoc_stream_file(path, "terms", glossary_item, glossary_root, &gf, err);
  seg_glossary_end_file(g);
  return rc;
}

/* ---------- matching ---------- */

struct seg_terms {
  const seg_glossary *g;
  seg_buf out;
  int record; /* keep the matches (seg_terms_record) */
  size_t candidates, stops;
  seg_glossary_match *matches;
  size_t nmatches, matches_cap;
};

static void record_match(seg_terms *m, size_t start, size_t end, size_t out_start,
                         size_t out_len, int32_t term);

seg_terms *seg_terms_new(const seg_glossary *g) {
  seg_terms *m = seg_xcalloc(1, sizeof *m);
  m->g = g;
  return m;
}

void seg_terms_free(seg_terms *m) {
  if (!m) return;
  seg_buf_free(&m->out);
  free(m->matches);
  free(m);
}

static int is_tld(const char *s, size_t n) {
  static const struct {
    const char *s;
    size_t n;
  } tlds[] = {{"com", 3}, {"id", 2},   {"org", 3},  {"net", 3}, {"co", 2},  {"go", 2},
              {"ac", 2},  {"info", 4}, {"io", 2},   {"gov", 3}, {"edu", 3}, {"int", 3},
              {"uk", 2},  {"au", 2},   {"sg", 2},   {"my", 2},  {"news", 4}, {"tv", 2},
              {"html", 4}, {"php", 3}, {"htm", 3},  {"asp", 3}, {"aspx", 4}};
  if (n < 2 || n > 4) return 0;
  for (size_t i = 0; i < sizeof tlds / sizeof *tlds; i++)
    if (tlds[i].n == n && !memcmp(tlds[i].s, s, n)) return 1;
  return 0;
}

/* Is the space-delimited token [a, b) a URL, e-mail address, @handle or domain name? */
static int is_protected_token(const char *t, size_t a, size_t b) {
  size_t n = b - a;
  const char *s = t + a;
  if (memchr(s, '@', n)) return 1;
  for (size_t i = 0; i + 3 <= n; i++)
    if (s[i] == ':' && s[i + 1] == '/' && s[i + 2] == '/') return 1;
  if (n > 4 && !strncmp(s, "www.", 4)) return 1;
  /* domain: letters/digits, a '.', then a known TLD (ignoring trailing punctuation) */
  while (n && (s[n - 1] == '.' || s[n - 1] == ',' || s[n - 1] == ')' || s[n - 1] == '"')) n--;
  for (size_t i = n; i > 1; i--) {
    if (s[i - 1] == '.') {
      size_t tl = n;
      for (size_t k = i; k < n; k++)
        if (s[k] == '/') {
          tl = k;
          break;
        }
      if (i - 1 > 0 && is_word_cp((unsigned char)s[i - 2]) && is_tld(s + i, tl - i)) return 1;
      break;
    }
  }
  return 0;
}

/* End of the run of ASCII letters and digits from j. */
static inline size_t alnum_end(const unsigned char *u, size_t j, size_t len) {
#if defined(__SSE2__)
  while (j + 16 <= len) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + j));
    unsigned bits = ~seg_alnum_mask16(v) & 0xFFFFu;
    if (bits) return j + (size_t)__builtin_ctz(bits);
    j += 16;
  }
#endif
  while (j < len && seg_ascii_alnum(u[j])) j++;
  return j;
}

/* The start of the ASCII word holding position h-1 (h itself when u[h-1] is not a letter or
 * digit), not below `floor`. */
static size_t word_start(const unsigned char *u, size_t h, size_t floor) {
  while (h > floor && seg_ascii_alnum(u[h - 1])) h--;
  return h;
}

#if defined(__SSE2__)
/* seg_alnum_mask16 in fewer instructions, for the classification of every byte matched: each
 * range is moved to the bottom of the signed bytes (-128 up), where one signed compare with
 * its top decides it. */
static inline unsigned alnum_bits16(__m128i v) {
  __m128i x = _mm_add_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8((char)(0x80 - 'a')));
  __m128i y = _mm_add_epi8(v, _mm_set1_epi8((char)(0x80 - '0')));
  __m128i letter = _mm_cmpgt_epi8(_mm_set1_epi8(-128 + 26), x);
  __m128i digit = _mm_cmpgt_epi8(_mm_set1_epi8(-128 + 10), y);
  return (unsigned)_mm_movemask_epi8(_mm_or_si128(letter, digit));
}

/* Bit k set: byte k of the 64 at p is an ASCII letter or digit (*al), non-ASCII (*hi). */
SEG_SCAN_INLINE void classify64(const unsigned char *p, uint64_t *al, uint64_t *hi) {
  /* unrolled by hand: -O2 keeps a loop of four, a counted branch per 64 bytes */
  __m128i v0 = _mm_loadu_si128((const __m128i *)(const void *)p);
  __m128i v1 = _mm_loadu_si128((const __m128i *)(const void *)(p + 16));
  __m128i v2 = _mm_loadu_si128((const __m128i *)(const void *)(p + 32));
  __m128i v3 = _mm_loadu_si128((const __m128i *)(const void *)(p + 48));
  *al = (uint64_t)alnum_bits16(v0) | (uint64_t)alnum_bits16(v1) << 16 |
        (uint64_t)alnum_bits16(v2) << 32 | (uint64_t)alnum_bits16(v3) << 48;
  /* most blocks are all ASCII: one test says so */
  *hi = 0;
  if (_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(v0, v1), _mm_or_si128(v2, v3))))
    *hi = (uint64_t)(unsigned)_mm_movemask_epi8(v0) |
          (uint64_t)(unsigned)_mm_movemask_epi8(v1) << 16 |
          (uint64_t)(unsigned)_mm_movemask_epi8(v2) << 32 |
          (uint64_t)(unsigned)_mm_movemask_epi8(v3) << 48;
}

/* For the letter/digit bits of eight bytes, the mask keeping the bytes of the word starting
 * at the first (the leading run of ones), zero past its end: a table, as computing it from
 * the run's length costs more than the rest of a word's test. */
#define RUN_ONES(x)                                                                            \
  (((x)&1) + (((x)&3) == 3) + (((x)&7) == 7) + (((x)&15) == 15) + (((x)&31) == 31) +          \
   (((x)&63) == 63) + (((x)&127) == 127) + ((x) == 255))
#define RUN_MASK(x) (((1ull << (4 * RUN_ONES(x))) << (4 * RUN_ONES(x))) - 1)
#define RUN_MASK4(x) RUN_MASK(x), RUN_MASK(x + 1), RUN_MASK(x + 2), RUN_MASK(x + 3)
#define RUN_MASK16(x) RUN_MASK4(x), RUN_MASK4(x + 4), RUN_MASK4(x + 8), RUN_MASK4(x + 12)
#define RUN_MASK64(x) RUN_MASK16(x), RUN_MASK16(x + 16), RUN_MASK16(x + 32), RUN_MASK16(x + 48)
static const uint64_t run_bytes[256] = {RUN_MASK64(0), RUN_MASK64(64), RUN_MASK64(128),
                                        RUN_MASK64(192)};

enum { CHUNK = 64 - PREFIX_BYTES }; /* positions decided per 64 bytes classified: a word's
                                     * first eight bytes are always among them */
#endif

/* From i0 (a word start or a non-word character), the first position the matcher must look
 * at: a word start whose folded first eight bytes pass the prefix filter, or, before that, the
 * start of the word holding the first non-ASCII byte (or that byte); len when there is none.
 * Only used when no variant starts with an ASCII non-word character. Text is classified 64
 * bytes at a time and every word start among the first 56 is tested, so the loop over words
 * runs once per 56 bytes rather than per word, and the rare stop costs one classification. */
SEG_SCAN_INLINE size_t skip_ascii_kinds(const seg_glossary *g, const unsigned char *u, size_t len,
                                        size_t i0, size_t *wend, int both, int kind) {
  size_t i = i0;
#if defined(__SSE2__)
  uint64_t prev = 0; /* u[i-1] is a letter or digit (never at i0: it starts a word or is none) */
  /* the prefix as the keys have it: exact when some keys are case-sensitive (and, with `both`,
   * also lower-cased for the folded ones), else lower-cased */
  uint64_t fold = !both && kind ? 0x2020202020202020ull : 0;
  /* the first probe of the prefix set, from locals: the loop over words holds few values */
  const uint64_t *pbits = g->prefixes.bits;
  const unsigned pshift = g->prefixes.shift;
  while (i < len) {
    size_t avail = len - i;
    const unsigned char *p = u + i;
    unsigned char pad[80];
    uint64_t al, hi;
    if (avail > 64) {
      classify64(p, &al, &hi);
    } else if (len >= 64) { /* the tail: the text's last 64 bytes, shifted down, then zeros */
      unsigned sh = (unsigned)(64 - avail);
      for (int q = 0; q < 4; q++)
        _mm_storeu_si128((__m128i *)(void *)(pad + 16 * q),
                         _mm_loadu_si128((const __m128i *)(const void *)(u + len - 64 + 16 * q)));
      _mm_storeu_si128((__m128i *)(void *)(pad + 64), _mm_setzero_si128());
      classify64(pad, &al, &hi);
      al >>= sh;
      hi >>= sh;
      p = pad + sh;
    } else { /* a short text, zero-padded: a zero ends a word like the end of the text */
      memset(pad, 0, sizeof pad);
      memcpy(pad, p, avail);
      classify64(pad, &al, &hi);
      p = pad;
    }
    /* the last block, whose bytes past the text are zeros, decides all of its positions */
    unsigned n = avail <= 64 ? (unsigned)avail : CHUNK;
    uint64_t live = ~0ull >> (64 - n);
    uint64_t starts = al & ~((al << 1) | prev) & live;
    uint64_t high = hi & live;
    starts &= (high & (0 - high)) - 1; /* up to the first non-ASCII byte (all when none) */
    while (starts) {
      size_t k = (size_t)__builtin_ctzll(starts);
      uint64_t w; /* x86 (SSE2) is little-endian: byte q of the word lands at bits 8q */
      memcpy(&w, p + k, PREFIX_BYTES);
      uint64_t run = run_bytes[(al >> k) & 255], prefix = (w | fold) & run;
      /* with `both`, the folded keys' prefix, lower-cased (0x20 leaves a digit as it is) */
      uint64_t lower = both ? (w | 0x2020202020202020ull) & run : prefix;
      uint64_t b = (prefix * probe_mul[0]) >> pshift, bl = (lower * probe_mul[0]) >> pshift;
      if ((((pbits[b >> 6] >> (b & 63)) & 1) && keyset_probe(&g->prefixes, prefix, 1)) ||
          (both && lower != prefix && ((pbits[bl >> 6] >> (bl & 63)) & 1) &&
           keyset_probe(&g->prefixes, lower, 1))) {
        /* a word followed by two ASCII bytes among the 64: the first-word filters here, not
         * the matcher's after a new classification, as names' first words are often the
         * text's capitalized words */
        unsigned e = (unsigned)k + (unsigned)__builtin_ctzll(~(al >> k));
        if (e >= 63 || ((hi >> e) & 3)) return i + k;
        if (both ? fw_has_run(g, p, (unsigned)k, e, prefix, 0) ||
                       fw_has_run(g, p, (unsigned)k, e, lower, 1)
                 : fw_has_run(g, p, (unsigned)k, e, prefix, kind)) {
          *wend = i + e;
          return i + k;
        }
      }
      starts &= starts - 1;
    }
    /* a word running into a non-ASCII byte is decided by the matcher from its start */
    if (high) return word_start(u, i + (size_t)__builtin_ctzll(high), i0);
    prev = (al >> (CHUNK - 1)) & 1;
    i += n;
  }
  return len;
#else
  (void)g;
  (void)len;
  (void)wend;
  (void)both;
  (void)kind;
  return word_start(u, i, i0);
#endif
}

/* skip_ascii_kinds, its loop without the second test when the keys are of one kind. */
static size_t skip_ascii(const seg_glossary *g, const unsigned char *u, size_t len, size_t i0,
                         size_t *wend) {
  if (g->nkeys_of[0] && g->nkeys_of[1]) return skip_ascii_kinds(g, u, len, i0, wend, 1, 0);
  if (g->nkeys_of[0]) return skip_ascii_kinds(g, u, len, i0, wend, 0, 0);
  return skip_ascii_kinds(g, u, len, i0, wend, 0, 1);
}

/* If t[i] (not a space) lies in a space-delimited token that is a URL, e-mail address, @handle
 * or domain name, the token's end (> i), else 0. Asked only where a match could start, so a
 * sentence without candidates is never scanned for them. */
static size_t protected_end(const char *t, size_t len, size_t i) {
  size_t a = i, b;
  while (a > 0 && t[a - 1] != ' ') a--;
#if defined(__SSE2__)
  if (a + 16 <= len) { /* 16 bytes from the token: its end, and whether it holds @ : or . */
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(t + a));
    unsigned sp = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
    __m128i marks = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('@')),
                                 _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(':')),
                                              _mm_cmpeq_epi8(v, _mm_set1_epi8('.'))));
    if (sp) { /* none of them: not a URL, address, handle or domain */
      b = a + (size_t)__builtin_ctz(sp);
      if (!((unsigned)_mm_movemask_epi8(marks) & ((sp & (0 - sp)) - 1))) return 0;
      return is_protected_token(t, a, b) ? b : 0;
    }
  }
#endif
  b = i;
  while (b < len && t[b] != ' ') b++;
  return is_protected_token(t, a, b) ? b : 0;
}

/* Does a word character start at u[j] (j < len)? */
SEG_SCAN_INLINE int word_at(const unsigned char *u, size_t len, size_t j) {
  if (u[j] < 0x80) return seg_ascii_alnum(u[j]);
  int32_t d;
  U8_NEXT(u, j, len, d);
  return is_word_cp(d);
}

/* match_at of a glossary whose keys are all of kind f: one hash, and its prefix bits from
 * locals (the walk's steps are the cost of a match of a few words). */
SEG_SCAN_INLINE size_t match_one_kind(const seg_glossary *g, const char *t, size_t len, size_t i,
                                      int32_t *term, int *cs, int f) {
  const unsigned char *u = (const unsigned char *)t;
  const uint64_t *stems = g->stems;
  const size_t stems_bits = g->stems_bits;
  uint64_t h = key_seed[f];
  size_t best = 0, j = i;
  while (j < len) {
    int32_t c = u[j];
    if (c < 0x80) {
      j++;
      if (f && (unsigned)c - 'A' < 26u) c += 32;
    } else {
      U8_NEXT(u, j, len, c);
      if (c < 0) break;
      if (f) c = fold_cp(c);
    }
    h = key_step(h, c);
    size_t b = stem_bit(h, stems_bits);
    if (!((stems[b >> 6] >> (b & 63)) & 1)) break;
    if (j < len && word_at(u, len, j)) continue; /* looked up only at a word boundary */
    int32_t e = key_find(g, h, f, t + i, j - i);
    if (e >= 0) {
      best = j;
      *cs = !f;
      *term = g->keys[e].term;
    }
  }
  return best;
}

/* Longest whole-word match starting at i; returns its end (0 if none), term in *term. Walks
 * both kinds of keys (case-sensitive, folded) while some key may continue; at a word boundary
 * looks the text so far up; case-sensitive keys win a tie. */
static size_t match_at(const seg_glossary *g, const char *t, size_t len, size_t i, int32_t *term,
                       int *cs) {
  if (!g->nkeys_of[1]) return match_one_kind(g, t, len, i, term, cs, 0);
  if (!g->nkeys_of[0]) return match_one_kind(g, t, len, i, term, cs, 1);
  int on[2] = {1, 1};
  uint64_t h[2] = {key_seed[0], key_seed[1]};
  size_t best = 0, j = i;
  const unsigned char *u = (const unsigned char *)t;
  while (j < len) {
    int32_t c = u[j];
    if (c < 0x80) { /* ASCII, as most of the text: no decoding */
      j++;
    } else {
      U8_NEXT(u, j, len, c);
      if (c < 0) break;
    }
    if (on[0]) on[0] = key_stem(g, h[0] = key_step(h[0], c));
    if (on[1]) on[1] = key_stem(g, h[1] = key_step(h[1], fold_cp(c)));
    if (!on[0] && !on[1]) break;
    if (j < len && word_at(u, len, j)) continue; /* looked up only at a word boundary */
    for (int f = 0; f < 2; f++) {
      int32_t e = on[f] ? key_find(g, h[f], f, t + i, j - i) : -1;
      if (e >= 0) {
        best = j;
        *cs = !f;
        *term = g->keys[e].term;
        break;
      }
    }
  }
  return best;
}

/* Where the sentence's first word starts: after opening punctuation (ASCII, “ or ‘). */
static size_t sentence_start(const char *t, size_t len) {
  size_t first = 0;
  while (first < len && (t[first] == '"' || t[first] == '\'' || t[first] == '(' || t[first] == '['))
    first++;
  if (len - first >= 3 && (unsigned char)t[first] == 0xE2 && (unsigned char)t[first + 1] == 0x80 &&
      ((unsigned char)t[first + 2] == 0x9C || (unsigned char)t[first + 2] == 0x98))
    first += 3;
  return first;
}

/* May a match start at u[i] (a word start or a non-word character)? Asks the first-word
 * filters; *wend is set past the word (or the character) at i. */
SEG_SCAN_INLINE int may_start_at(const seg_glossary *g, const unsigned char *u, size_t len,
                                 size_t i, size_t *wend) {
  const char *t = (const char *)u;
  if (seg_ascii_alnum(u[i])) {
    size_t j = alnum_end(u, i + 1, len);
    int ascii = j >= len || u[j] < 0x80;
    if (!ascii) j = word_end(t, len, i);
    *wend = j;
    return fw_has(g, t, len, i, j, ascii);
  }
  if (u[i] < 0x80) {
    *wend = i + 1;
    return g->first_nonword_ascii[u[i]];
  }
  size_t k = i;
  int32_t cp;
  U8_NEXT(u, k, len, cp);
  if (cp >= 0 && is_word_cp(cp)) {
    *wend = word_end(t, len, i);
    return fw_has(g, t, len, i, *wend, 0);
  }
  *wend = k;
  return g->first_nonword_other;
}

/* The end of the match [i, end) of term tm, taking in a following "(SHORT)" of the same
 * canonical: "Long form (SHORT)" collapses to the canonical once. */
static size_t with_short_form(const seg_glossary *g, const char *t, size_t len, size_t end,
                              const term *tm) {
  size_t k = end;
  while (k < len && t[k] == ' ') k++;
  if (k >= len || t[k] != '(') return end;
  int32_t idx = -1;
  int cs = 0;
  size_t e = match_at(g, t, len, k + 1, &idx, &cs);
  if (e && e < len && t[e] == ')' && !strcmp(g->terms[idx].canonical, tm->canonical))
    return e + 1;
  return end;
}

/* Appends the canonical of tm in place of the match at t[i]; with `capitalize`, an upper-case
 * first letter of the match stays upper case (when its capital has the same UTF-8 length). */
static void put_canonical(seg_buf *out, const char *t, size_t len, size_t i, const term *tm,
                          size_t clen, int capitalize) {
  size_t at = out->len;
  seg_buf_append(out, tm->canonical, clen);
  if (!capitalize) return;
  int32_t s0, c0;
  size_t a = i, b = 0;
  U8_NEXT((const uint8_t *)t, a, len, s0);
  U8_NEXT((const uint8_t *)tm->canonical, b, clen, c0);
  if (!u_isupper(s0) || !u_islower(c0)) return;
  int32_t up = u_toupper(c0);
  if (U8_LENGTH(up) != (int)b) return;
  size_t w = 0;
  char cap[4];
  U8_APPEND_UNSAFE((uint8_t *)cap, w, up);
  memcpy(out->data + at, cap, w);
}

/* Appends one entry surface=canonical=target to the terms column. */
static void put_term(seg_buf *terms, const char *surface, size_t n, const term *tm, size_t clen) {
  if (terms->len) seg_buf_putc(terms, ';');
  seg_buf_append(terms, surface, n);
  seg_buf_putc(terms, '=');
  seg_buf_append(terms, tm->canonical, clen);
  seg_buf_putc(terms, '=');
  if (tm->target) seg_buf_append(terms, tm->target, strlen(tm->target));
}

size_t seg_terms_apply(seg_terms *m, const char *t, size_t len, const char **out,
                       size_t *out_len, seg_buf *terms) {
  const seg_glossary *g = m->g;
  if (terms) seg_buf_clear(terms);
  m->nmatches = 0;
  *out = t;
  *out_len = len;
  if (!g || !g->nkeys) return 0;
  m->out.len = 0; /* (read only after an append, which ends it) */
  size_t copied = 0, rewrites = 0;
  const unsigned char *u = (const unsigned char *)t;
  /* i is always at a word start or at a non-word character: words are taken whole */
  for (size_t i = 0; i < len;) {
    size_t wend = 0; /* set by skip_ascii when the first-word filters passed the word at i */
    if (!g->any_nonword_ascii && g->prefixes.nbits) {
      i = skip_ascii(g, u, len, i, &wend);
      if (i >= len) break;
      m->stops++;
    }
    if (!wend && !may_start_at(g, u, len, i, &wend)) {
      i = wend;
      continue;
    }
    m->candidates++;
    size_t pend = protected_end(t, len, i);
    if (pend) { /* inside a URL/e-mail/handle: skip it */
      i = pend;
      continue;
    }
    int32_t idx = -1;
    int cs = 0;
    size_t end = match_at(g, t, len, i, &idx, &cs);
    if (!end) {
      i = wend;
      continue;
    }
    const term *tm = &g->terms[idx];
    size_t clen = strlen(tm->canonical);
    size_t span_end = with_short_form(g, t, len, end, tm);
    if (m->record) record_match(m, i, span_end, m->out.len + (i - copied), clen, idx);
    if (span_end != end || end - i != clen || memcmp(t + i, tm->canonical, clen)) {
      seg_buf_append(&m->out, t + copied, i - copied);
      put_canonical(&m->out, t, len, i, tm, clen, !cs && i == sentence_start(t, len));
      copied = span_end;
      rewrites++;
    }
    if (terms) put_term(terms, t + i, span_end - i, tm, clen);
    i = span_end;
  }
  if (!rewrites) return 0;
  seg_buf_append(&m->out, t + copied, len - copied);
  *out = m->out.data;
  *out_len = m->out.len;
  return rewrites;
}

/* ---------- one term at a time, target variants, accessors, recorded matches ----------
 * Appended for the terminology modules (tbx, termqa, annotate). Target variants live beside
 * the terms: `side` is a glossary of its own (canonical = a target, variants = its target
 * variants) built by the same seg_glossary_add_entry, so the English side is matched by the
 * same matcher under the same conflict rules; `of` keeps each side term's variants as given
 * (NFC), in order, for term QA and the dump. */

/* The target variants of one side term: vs[at, at + n) of struct tvars, with room for cap. */
typedef struct {
  size_t at, n, cap;
} tv_list;

struct tvars {
  seg_glossary *side;
  tv_list *of; /* indexed by side term */
  size_t n, cap;
  /* every list's variants (in the glossary's arena) and case-sensitive flags, each list's
   * contiguous: a list grows in place at the end, else moves there with room to double */
  char **vs;
  unsigned char *cs;
  size_t nvs, vs_cap, cs_cap;
};

static void tvars_free(struct tvars *t) {
  if (!t) return;
  free(t->of);
  free(t->vs);
  free(t->cs);
  seg_glossary_free(t->side);
  free(t);
}

/* The list of side term s, created (empty) when new. */
static tv_list *tv_list_of(struct tvars *t, size_t s) {
  if (s >= t->n) {
    SEG_GROW(t->of, t->cap, s + 1);
    memset(t->of + t->n, 0, (s + 1 - t->n) * sizeof *t->of);
    t->n = s + 1;
  }
  return &t->of[s];
}

/* Appends variant v (case-sensitive or not) to list l. */
static void tv_list_add(struct tvars *t, tv_list *l, char *v, int cs) {
  if (l->n == l->cap) {
    size_t room = l->at + l->cap == t->nvs ? 1 : l->n ? l->n : 1; /* at the end: one more */
    SEG_GROW(t->vs, t->vs_cap, t->nvs + l->n + room);
    SEG_GROW(t->cs, t->cs_cap, t->nvs + l->n + room);
    if (l->at + l->cap != t->nvs || !l->cap) { /* moves to the end */
      memcpy(t->vs + t->nvs, t->vs + l->at, l->n * sizeof *t->vs);
      memcpy(t->cs + t->nvs, t->cs + l->at, l->n);
      l->at = t->nvs;
      l->cap = l->n;
      t->nvs += l->n;
    }
    l->cap += room;
    t->nvs += room;
  }
  t->vs[l->at + l->n] = v;
  t->cs[l->at + l->n++] = (unsigned char)cs;
}

static seg_status add_entry(seg_glossary *g, const seg_glossary_entry *e, const char *name,
                            int32_t *term_idx, seg_error *err);

/* Adds the target variants of entry e, whose term is idx, to the side glossary under the
 * term's target (the side term added like any term, each variant a key of it, so conflicts
 * are reported as for variants). A target variant already there is not listed twice. */
static seg_status add_target_variants(seg_glossary *g, int32_t idx, const seg_glossary_entry *e,
                                      const char *file, seg_error *err) {
  const char *target = g->terms[idx].target;
  const seg_ynode *first = e->target_variants[0];
  if (!target)
    return seg_error_set(err, SEG_ERR_CONFIG, file, first->line, first->col,
                         "target_variants need a target");
  if (!g->tvars) g->tvars = seg_xcalloc(1, sizeof *g->tvars);
  struct tvars *t = g->tvars;
  if (!t->side) t->side = seg_glossary_new();
  seg_glossary *side = t->side;
  /* the side term's canonical, placed where the target is given (else at its first variant) */
  seg_ynode tnode = e->target ? *e->target : *first;
  tnode.str = (char *)target;
  tnode.len = (uint32_t)strlen(target);
  tnode.kind = SEG_Y_SCALAR;
  seg_glossary_entry se = {.canonical = &tnode, .case_sensitive = e->case_sensitive,
                           .line = e->line};
  int32_t sidx;
  if (add_entry(side, &se, file, &sidx, err)) return SEG_ERR_CONFIG;
  file_ref src = {file, file_index(side, file)};
  tv_list_of(t, (size_t)sidx);
  for (size_t k = 0; k < e->ntarget_variants; k++) {
    const seg_ynode *vn = e->target_variants[k];
    size_t len;
    char *owned;
    const char *tv = term_cview(vn, "a target variant", file, err, &len, &owned);
    size_t before = side->nkeys;
    if (!tv || insert_key(side, tv, len, e->case_sensitive, sidx, NULL, vn, src, err)) {
      free(owned);
      return SEG_ERR_CONFIG;
    }
    if (side->nkeys != before) /* else already a key of this target */
      tv_list_add(t, &t->of[sidx], seg_arena_strndup(&g->strings, tv, len), e->case_sensitive);
    free(owned);
  }
  return SEG_OK;
}

seg_status seg_glossary_add_entry(seg_glossary *g, const seg_glossary_entry *e, const char *name,
                                  seg_error *err) {
  int32_t idx;
  return add_entry(g, e, name, &idx, err);
}

/* seg_glossary_add_entry, the term's index in *term_idx. Strings are read in place (term_view)
 * and copied into the arena only when kept. */
static seg_status add_entry(seg_glossary *g, const seg_glossary_entry *e, const char *name,
                            int32_t *term_idx, seg_error *err) {
  seg_status rc = SEG_ERR_CONFIG;
  const seg_ynode *cn = e->canonical, *tg = e->target;
  int cs = e->case_sensitive;
  char *cowned = NULL, *towned = NULL, *variant = NULL;
  size_t clen, tlen = 0;
  const char *canonical = term_cview(cn, "canonical", name, err, &clen, &cowned), *target = NULL;
  if (!canonical) goto done;
  if (tg && !(target = term_cview(tg, "target", name, err, &tlen, &towned))) goto done;
  uint64_t chash;
  int32_t idx = find_canonical(g, canonical, clen, !cs, &chash);
  file_ref src = {name, 0};
  if (idx >= 0) {
    term *old = &g->terms[idx];
    if (target && old->target && !cstr_is(old->target, target, tlen)) {
      seg_error_set(err, SEG_ERR_CONFIG, name, tg->line, tg->col,
                    "canonical '%s' has target '%.*s' here but '%s' at %s:%zu", old->canonical,
                    (int)tlen, target, old->target, g->files[old->file], old->line);
      goto done;
    }
    if (target && !old->target) old->target = seg_arena_strndup(&g->strings, target, tlen);
    src.index = file_index(g, name);
  } else {
    src.index = file_index(g, name);
    SEG_GROW(g->terms, g->terms_cap, g->nterms + 1);
    idx = (int32_t)g->nterms++;
    g->terms[idx] = (term){seg_arena_strndup(&g->strings, canonical, clen),
                           target ? seg_arena_strndup(&g->strings, target, tlen) : NULL,
                           src.index, e->line};
  }
  *term_idx = idx;
  if (insert_key(g, g->terms[idx].canonical, clen, cs, idx, &chash, cn, src, err)) goto done;
  for (size_t v = 0; v < e->nvariants; v++) { /* no copy of a variant (unless it needs NFC) */
    size_t vlen;
    const char *vs = term_view(e->variants[v], "a variant", name, err, &vlen, &variant);
    if (!vs || insert_key(g, vs, vlen, cs, idx, NULL, e->variants[v], src, err)) goto done;
    free(variant);
    variant = NULL;
  }
  if (e->ntarget_variants && add_target_variants(g, idx, e, name, err)) goto done;
  rc = SEG_OK;
done:
  free(cowned);
  free(towned);
  free(variant);
  return rc;
}

/* The matcher's filters over every key added so far: the prefix bit set and the first-word
 * sets' bits (16 bits a key; the eight-byte prefixes 32, at most 2^18 bits: see `prefixes`). */
static void filters_build(seg_glossary *g) {
  stems_build(g);
  keyset_build(&g->first_words, 16, SIZE_MAX);
  keyset_build(&g->follows, 16, SIZE_MAX);
  keyset_build(&g->prefixes, 32, (size_t)1 << 18);
}

void seg_glossary_end_file(seg_glossary *g) {
  filters_build(g);
  if (g->tvars && g->tvars->side) filters_build(g->tvars->side);
}

const char *seg_glossary_canonical(const seg_glossary *g, size_t term) {
  return g->terms[term].canonical;
}

const char *seg_glossary_target(const seg_glossary *g, size_t term) {
  return g->terms[term].target;
}

/* The side term of term `term`'s target, or -1. */
static int32_t side_term(const seg_glossary *g, size_t term) {
  const char *target = g->terms[term].target;
  if (!target || !g->tvars || !g->tvars->side) return -1;
  uint64_t h;
  return find_canonical(g->tvars->side, target, strlen(target), 0, &h);
}

size_t seg_glossary_target_variants(const seg_glossary *g, size_t term, const char *const **list) {
  int32_t s = side_term(g, term);
  if (s < 0 || (size_t)s >= g->tvars->n) {
    *list = NULL;
    return 0;
  }
  *list = (const char *const *)g->tvars->vs + g->tvars->of[s].at;
  return g->tvars->of[s].n;
}

const seg_glossary *seg_glossary_target_side(const seg_glossary *g) {
  return g->tvars ? g->tvars->side : NULL;
}

/* ---------- the dump ---------- */

/* A YAML double-quoted scalar. Characters YAML would not read back as themselves (C0 and C1
 * controls, its line separators U+0085, U+2028 and U+2029, the byte-order mark) are escaped. */
static void put_quoted(seg_buf *o, const char *s) {
  seg_buf_putc(o, '"');
  size_t n = strlen(s);
  for (size_t i = 0; i < n;) {
    size_t at = i;
    int32_t c;
    U8_NEXT((const uint8_t *)s, i, n, c);
    if (c == '"' || c == '\\') {
      seg_buf_putc(o, '\\');
      seg_buf_putc(o, (char)c);
    } else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == 0x2028 || c == 0x2029 ||
               c == 0xFEFF) {
      char esc[16];
      snprintf(esc, sizeof esc, "\\u%04X", (unsigned)(c < 0 ? 0xFFFD : c));
      seg_buf_append(o, esc, strlen(esc));
    } else {
      seg_buf_append(o, s + at, i - at);
    }
  }
  seg_buf_putc(o, '"');
}

/* One term's entry for the keys of one kind (order[from, to) are its keys). `emitted` marks
 * the side terms whose target variants of this kind are already written. */
static void dump_group(const seg_glossary *g, size_t t, int folded, const uint32_t *order,
                       size_t from, size_t to, unsigned char *emitted, seg_buf *o) {
  const term *tm = &g->terms[t];
  size_t clen = strlen(tm->canonical);
  seg_buf_append(o, "  - canonical: ", 15);
  put_quoted(o, tm->canonical);
  seg_buf_append(o, "\n    variants: [", 16);
  int first = 1;
  for (size_t q = from; q < to; q++) {
    const gkey *k = &g->keys[order[q]];
    if (k->folded != folded || key_is(g, k, tm->canonical, clen)) continue;
    char *form = seg_xstrndup(g->pool.data + k->off, k->len);
    if (!first) seg_buf_append(o, ", ", 2);
    put_quoted(o, form);
    free(form);
    first = 0;
  }
  seg_buf_append(o, "]\n", 2);
  if (tm->target) {
    seg_buf_append(o, "    target: ", 12);
    put_quoted(o, tm->target);
    seg_buf_putc(o, '\n');
  }
  int32_t s = side_term(g, t);
  if (s >= 0 && (size_t)s < g->tvars->n && !(emitted[s] & (1 << folded))) {
    const tv_list *l = &g->tvars->of[s];
    first = 1;
    for (size_t q = l->at; q < l->at + l->n; q++) {
      if (g->tvars->cs[q] == folded) continue; /* cs 1 is kind 0 */
      seg_buf_append(o, first ? "    target_variants: [" : ", ", first ? 22 : 2);
      put_quoted(o, g->tvars->vs[q]);
      first = 0;
    }
    if (!first) seg_buf_append(o, "]\n", 2);
    emitted[s] |= (unsigned char)(1 << folded);
  }
  seg_buf_append(o, folded ? "    case_sensitive: false\n" : "    case_sensitive: true\n",
                 folded ? 26 : 25);
}

void seg_glossary_dump_yaml(const seg_glossary *g, seg_buf *o) {
  size_t nt = g->nterms;
  /* the keys grouped by term, each term's in the order they were added (a counting sort) */
  size_t *at = seg_xcalloc(nt + 1, sizeof *at);
  for (size_t q = 0; q < g->nkeys; q++) at[g->keys[q].term + 1]++;
  for (size_t t = 0; t < nt; t++) at[t + 1] += at[t];
  uint32_t *order = seg_xmalloc((g->nkeys + 1) * sizeof *order);
  size_t *fill = seg_xmalloc((nt + 1) * sizeof *fill);
  memcpy(fill, at, (nt + 1) * sizeof *fill);
  for (size_t q = 0; q < g->nkeys; q++) order[fill[g->keys[q].term]++] = (uint32_t)q;
  free(fill);
  size_t nside = g->tvars ? g->tvars->n : 0;
  unsigned char *emitted = seg_xcalloc(nside + 1, 1);
  char head[96];
  snprintf(head, sizeof head, "# segment glossary: %zu terms\nterms:\n", nt);
  seg_buf_append(o, head, strlen(head));
  for (size_t t = 0; t < nt; t++)
    for (int folded = 0; folded < 2; folded++) {
      int any = 0;
      for (size_t q = at[t]; q < at[t + 1] && !any; q++) any = g->keys[order[q]].folded == folded;
      if (any) dump_group(g, t, folded, order, at[t], at[t + 1], emitted, o);
    }
  if (!nt) seg_buf_append(o, "  []\n", 5);
  free(emitted);
  free(order);
  free(at);
}

/* ---------- recorded matches ---------- */

void seg_terms_record(seg_terms *n, int on) { n->record = on; }

size_t seg_terms_candidates(const seg_terms *n) { return n->candidates; }

size_t seg_terms_stops(const seg_terms *n) { return n->stops; }

const seg_glossary_match *seg_terms_matches(const seg_terms *n, size_t *count) {
  *count = n->nmatches;
  return n->matches;
}

static void record_match(seg_terms *n, size_t start, size_t end, size_t out_start,
                         size_t out_len, int32_t term) {
  SEG_GROW(n->matches, n->matches_cap, n->nmatches + 1);
  n->matches[n->nmatches++] =
      (seg_glossary_match){start, end, out_start, out_start + out_len, (size_t)term};
}
