/* hash: see hash.h. A slot's position is its tag modulo the capacity, so growing moves slots
 * without asking the caller for hashes; the tag limits the capacity to 2^32 slots, hence at
 * most 2^31 entries. */
#include "hash.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIRST_CAP 64

const uint64_t seg_hash_no_slots[1] = {0};

static void table_full(void) {
  fputs("segment: out of memory (hash table over 2^31 entries)\n", stderr);
  abort();
}

/* Puts a slot into a table with room for it (no counting, no growth). */
static void slot_put(uint64_t *slots, size_t mask, uint64_t slot) {
  size_t q = (size_t)(slot >> 32) & mask;
  while (slots[q]) q = (q + 1) & mask;
  slots[q] = slot;
}

static void table_grow(seg_hash_table *t) {
  size_t cap = t->cap ? t->cap * 2 : FIRST_CAP;
  uint64_t *slots = seg_xcalloc(cap, sizeof *slots);
  for (size_t q = 0; q < t->cap; q++)
    if (t->slots[q]) slot_put(slots, cap - 1, t->slots[q]);
  free(t->slots);
  t->slots = slots;
  t->cap = cap;
}

void seg_hash_put(seg_hash_table *t, uint64_t h, uint32_t value) {
  if (t->n >= SEG_HASH_MAX_ENTRIES || value == SEG_HASH_NONE) table_full();
  if ((t->n + 1) * 2 > t->cap) table_grow(t);
  slot_put(t->slots, t->cap - 1, seg_hash_slot_(h, value));
  t->n++;
}

void seg_hash_table_free(seg_hash_table *t) {
  free(t->slots);
  *t = (seg_hash_table){0};
}

void seg_hash_table_clear(seg_hash_table *t) {
  if (t->cap > FIRST_CAP && t->n * 8 < t->cap) seg_hash_table_free(t);
  else if (t->cap) memset(t->slots, 0, t->cap * sizeof *t->slots);
  t->n = 0;
}

void seg_hash_set_clear(seg_hash_set *s) {
  seg_hash_table_clear(&s->low);
  seg_hash_table_clear(&s->ones);
}

void seg_hash_set_free(seg_hash_set *s) {
  seg_hash_table_free(&s->low);
  seg_hash_table_free(&s->ones);
}

uint32_t seg_hash_keys_find(const seg_hash_keys *k, const char *s, size_t n) {
  seg_hash_probe p = seg_hash_probe_start(&k->table, seg_hash(s, n));
  for (uint32_t i; (i = seg_hash_probe_next(&p)) != SEG_HASH_NONE;)
    if (k->keys[i].len == n && !memcmp(k->bytes.data + k->keys[i].off, s, n)) return i;
  return SEG_HASH_NONE;
}

uint32_t seg_hash_keys_add(seg_hash_keys *k, const char *s, size_t n, int *added) {
  uint64_t h = seg_hash(s, n);
  seg_hash_probe p = seg_hash_probe_start(&k->table, h);
  for (uint32_t i; (i = seg_hash_probe_next(&p)) != SEG_HASH_NONE;)
    if (k->keys[i].len == n && !memcmp(k->bytes.data + k->keys[i].off, s, n)) {
      if (added) *added = 0;
      return i;
    }
  SEG_GROW(k->keys, k->cap, k->n + 1);
  k->keys[k->n] = (seg_hash_key){k->bytes.len, n};
  seg_buf_append(&k->bytes, s, n);
  seg_buf_putc(&k->bytes, '\0');
  seg_hash_put(&k->table, h, (uint32_t)k->n);
  if (added) *added = 1;
  return (uint32_t)k->n++;
}

void seg_hash_keys_free(seg_hash_keys *k) {
  seg_hash_table_free(&k->table);
  seg_buf_free(&k->bytes);
  free(k->keys);
  *k = (seg_hash_keys){0};
}
