/* hash: the project's one hash table, open addressing with linear probing over 8-byte slots.
 * A slot holds the top 32 bits of an entry's 64-bit hash (its tag) beside a 32-bit value (an
 * index into the caller's own array of entries, which may hold pointers), so a probe reads an
 * entry only when the tags agree, and the table grows from its slots alone. The hash comes from
 * the caller: seg_hash (buf.h) for byte strings, or any other well-mixed 64-bit hash (the
 * glossary's per-code-point key hash). seg_hash_set is a set of 64-bit hashes held whole in the
 * slots; seg_hash_keys adds owned byte-string keys on top, numbered densely in insertion
 * order. Owns memory only; knows nothing about text, never prints, never removes one entry (a
 * table is only emptied whole). */
#ifndef SEG_HASH_H
#define SEG_HASH_H
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* The value meaning "none": values are below it. */
#define SEG_HASH_NONE UINT32_MAX
/* The most entries a table holds (its tags address at most 2^32 slots). */
#define SEG_HASH_MAX_ENTRIES ((size_t)1 << 31)

typedef struct {
  uint64_t *slots; /* owned; tag << 32 | (value + 1), 0 = empty */
  size_t n;        /* entries */
  size_t cap;      /* slots: 0 or a power of two, at least twice n */
} seg_hash_table;

/* Adds value (< SEG_HASH_NONE) under hash h. Does not look for an equal entry first: callers
 * that keep the first of equal keys probe before they put. Aborts (like an allocation failure)
 * past SEG_HASH_MAX_ENTRIES. A zeroed table is empty; the table grows by itself. */
void seg_hash_put(seg_hash_table *t, uint64_t h, uint32_t value);
/* Frees the slots; the table is empty (and usable) again. */
void seg_hash_table_free(seg_hash_table *t);
/* Empties the table for reuse: keeps its slots, unless they are more than four times what its
 * entries needed (then frees them), so clearing costs at most in proportion to what was put. */
void seg_hash_table_clear(seg_hash_table *t);

/* A lookup in progress: see seg_hash_probe_next. */
typedef struct {
  const uint64_t *slots;
  size_t mask, at;
  uint32_t tag;
} seg_hash_probe;

/* The slots of an empty table: one empty slot, so a probe needs no test of its own for it. */
extern const uint64_t seg_hash_no_slots[1];

/* Starts a lookup of hash h. The probe borrows t's slots: valid until the next put. */
static inline seg_hash_probe seg_hash_probe_start(const seg_hash_table *t, uint64_t h) {
  uint32_t tag = (uint32_t)(h >> 32);
  size_t mask = t->cap ? t->cap - 1 : 0;
  return (seg_hash_probe){t->cap ? t->slots : seg_hash_no_slots, mask, tag & mask, tag};
}

/* The next value whose slot carries h's tag, in probe order, or SEG_HASH_NONE when there is no
 * more (and again on every later call): the caller compares its entry with the key it looks
 * for. */
static inline uint32_t seg_hash_probe_next(seg_hash_probe *p) {
  for (uint64_t s; (s = p->slots[p->at]) != 0;) {
    p->at = (p->at + 1) & p->mask;
    if ((uint32_t)(s >> 32) == p->tag) return (uint32_t)s - 1;
  }
  return SEG_HASH_NONE;
}

/* The slot of value under hash h: its tag beside value + 1 (internal to hash.h and hash.c). */
static inline uint64_t seg_hash_slot_(uint64_t h, uint32_t value) {
  return (h >> 32) << 32 | ((uint64_t)value + 1);
}

/* seg_hash_put(t, h, value) after a probe p of h in t that has run to its end (returned
 * SEG_HASH_NONE), with no put since: the entry goes into the empty slot where p stopped, which
 * is where seg_hash_put would put it, so the table is the same without a second probe (unless
 * it must grow first: then seg_hash_put does it all). */
static inline void seg_hash_put_probed(seg_hash_table *t, const seg_hash_probe *p, uint64_t h,
                                       uint32_t value) {
  if ((t->n + 1) * 2 > t->cap || value == SEG_HASH_NONE) {
    seg_hash_put(t, h, value); /* grows, or aborts as it does */
    return;
  }
  t->slots[p->at] = seg_hash_slot_(h, value);
  t->n++;
}

/* ---------- sets of 64-bit hashes ---------- */

/* A set of 64-bit values (well-mixed hashes: the top 32 bits place them), each held whole in
 * one slot, its top 32 bits as the tag and its low 32 bits as the value, so a member costs one
 * 8-byte slot (2 to 4 slots at the table's load) and nothing else. The one low half a value
 * cannot hold (SEG_HASH_NONE) goes to a second table, where the tag alone is the member. Every
 * 64-bit value is a possible member, 0 included. A zeroed seg_hash_set is empty. */
typedef struct {
  seg_hash_table low;  /* members whose low 32 bits are below SEG_HASH_NONE */
  seg_hash_table ones; /* members whose low 32 bits are all ones (value 0) */
} seg_hash_set;

/* Looks for value under h in t, leaving p where the probe stopped (internal to the set). */
static inline int seg_hash_set_probe_(const seg_hash_table *t, uint64_t h, uint32_t value,
                                      seg_hash_probe *p) {
  *p = seg_hash_probe_start(t, h);
  for (uint32_t v; (v = seg_hash_probe_next(p)) != SEG_HASH_NONE;)
    if (v == value) return 1;
  return 0;
}

/* 1 when h is a member, else 0. */
static inline int seg_hash_set_has(const seg_hash_set *s, uint64_t h) {
  int ones = (uint32_t)h == SEG_HASH_NONE;
  seg_hash_probe p;
  return seg_hash_set_probe_(ones ? &s->ones : &s->low, h, ones ? 0 : (uint32_t)h, &p);
}

/* Adds h unless present: 1 when it was new, 0 when it was a member already (one probe). */
static inline int seg_hash_set_add(seg_hash_set *s, uint64_t h) {
  int ones = (uint32_t)h == SEG_HASH_NONE;
  seg_hash_table *t = ones ? &s->ones : &s->low;
  uint32_t value = ones ? 0 : (uint32_t)h;
  seg_hash_probe p;
  if (seg_hash_set_probe_(t, h, value, &p)) return 0;
  seg_hash_put_probed(t, &p, h, value);
  return 1;
}

static inline size_t seg_hash_set_count(const seg_hash_set *s) { return s->low.n + s->ones.n; }
/* Empties the set for reuse (seg_hash_table_clear on its tables). */
void seg_hash_set_clear(seg_hash_set *s);
/* Frees the set's memory; it is empty (and usable) again. */
void seg_hash_set_free(seg_hash_set *s);

/* ---------- byte-string keys ---------- */

/* Where a key's bytes are in seg_hash_keys.bytes. */
typedef struct {
  size_t off, len;
} seg_hash_key;

typedef struct {
  seg_hash_table table; /* indices into keys[], by seg_hash of the key */
  seg_buf bytes;        /* every key, each followed by a NUL */
  seg_hash_key *keys;   /* owned; key i is bytes[off, off + len) */
  size_t n, cap;
} seg_hash_keys;

/* Index of key s[0, n) (0 .. count - 1, in the order keys were added), or SEG_HASH_NONE. */
uint32_t seg_hash_keys_find(const seg_hash_keys *k, const char *s, size_t n);
/* Index of key s[0, n), added (a copy) unless present; *added (if non-NULL) says which. Keys
 * may be empty and may hold NUL bytes. A zeroed seg_hash_keys is empty. */
uint32_t seg_hash_keys_add(seg_hash_keys *k, const char *s, size_t n, int *added);
/* Key i (NUL-terminated, borrowed: valid until the next add); its length in *len if non-NULL. */
static inline const char *seg_hash_keys_get(const seg_hash_keys *k, uint32_t i, size_t *len) {
  if (len) *len = k->keys[i].len;
  return k->bytes.data + k->keys[i].off;
}
static inline size_t seg_hash_keys_count(const seg_hash_keys *k) { return k->n; }
/* Frees every key; k is empty (and usable) again. */
void seg_hash_keys_free(seg_hash_keys *k);

#endif
