/* reneed: required bytes of a regular expression (see reneed.h).
 * A recursive descent over the pattern: a literal needs its byte (a non-ASCII character the
 * last byte of its UTF-8 form); a class needs one of its members' bytes (\d, \s and \w
 * also any byte >= 0x80); a concatenation needs what each of its mandatory parts needs; an
 * alternation needs one of its branches' rarest needs; anything optional ("?", "*", "{0,n}"),
 * "." and negated classes need nothing. Lookarounds, flags, \p{...}, back references and set
 * operations make the whole answer "nothing known". */
#include "reneed.h"
#include "scan.h"

#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define KEEP 8

typedef struct {
  int n; /* 0: nothing needed (or known) */
  seg_bytemask set[KEEP];
  unsigned wt[KEEP]; /* weight of each set */
  seg_strneed str;   /* strings one of which every match holds */
  unsigned char lit[4]; /* the atom is one literal character: its UTF-8 bytes */
  int lit_len;
} req;

typedef struct {
  const unsigned char *p;
  int fail;
  int depth; /* of nested groups: deeper patterns are not analysed (bounded stack) */
} parser;

#define MAX_DEPTH 32

/* A rough cost of testing a set: how often its bytes occur in folded Indonesian text. */
static unsigned weight(const seg_bytemask *m) {
  unsigned w = 0;
  for (int q = 0; q < 4; q++) {
    for (uint64_t bits = m->w[q]; bits; bits &= bits - 1) {
      int b = q * 64 + __builtin_ctzll(bits);
      if (b == ' ') w += 16;
      else if (b == 'a' || b == 'e' || b == 'i' || b == 'n' || b == 'u') w += 10;
      else if (b >= 'a' && b <= 'z') w += strchr("qxzvfwjyc", b) ? 1 : 5;
      else if (b >= '0' && b <= '9') w += 2;
      else w += 1;
    }
  }
  return w;
}

/* Adds set m to the conjunction r (once), keeping the KEEP rarest. */
static void need(req *r, const seg_bytemask *m) {
  for (int i = 0; i < r->n; i++)
    if (!memcmp(&r->set[i], m, sizeof *m)) return; /* already needed */
  unsigned w = weight(m);
  if (r->n < KEEP) {
    r->wt[r->n] = w;
    r->set[r->n++] = *m;
    return;
  }
  int worst = 0;
  for (int i = 1; i < KEEP; i++)
    if (r->wt[i] > r->wt[worst]) worst = i;
  if (w < r->wt[worst]) {
    r->set[worst] = *m;
    r->wt[worst] = w;
  }
}

static int best(const req *r) {
  int b = 0;
  for (int i = 1; i < r->n; i++)
    if (r->wt[i] < r->wt[b]) b = i;
  return b;
}

static void add_range(seg_bytemask *m, int lo, int hi) {
  for (int b = lo; b <= hi; b++) seg_bytemask_add(m, (unsigned char)b);
}

static void add_high(seg_bytemask *m) { add_range(m, 0x80, 0xFF); }

/* One UTF-8 character at p->p: returns it as ASCII (< 0x80) or 0x100 + its last byte. */
static int take_char(parser *p) {
  unsigned char c = *p->p++;
  if (c < 0x80) return c;
  unsigned char last = c;
  while ((*p->p & 0xC0) == 0x80) last = *p->p++;
  return 0x100 + last;
}

/* \d, \s, \w into m (1), an escaped literal into *lit (2), a zero-width or unknown escape
 * (0: nothing known about it; p->fail set when the escape's syntax is not understood). */
static int escape(parser *p, seg_bytemask *m, int *lit, int in_class) {
  unsigned char c = *p->p;
  if (!c) {
    p->fail = 1;
    return 0;
  }
  p->p++;
  switch (c) {
  case 'd': add_range(m, '0', '9'); add_high(m); return 1;
  case 's': add_range(m, 0x09, 0x0D); add_range(m, 0x1C, 0x20); add_high(m); return 1;
  case 'w':
    add_range(m, '0', '9');
    add_range(m, 'a', 'z');
    add_range(m, 'A', 'Z');
    seg_bytemask_add(m, '_');
    add_high(m);
    return 1;
  case 't': *lit = '\t'; return 2;
  case 'n': *lit = '\n'; return 2;
  case 'r': *lit = '\r'; return 2;
  case 'f': *lit = '\f'; return 2;
  case 'b': case 'B': case 'A': case 'z': case 'Z': case 'G':
    if (in_class) p->fail = 1; /* \b in a class is a backspace: not worth knowing */
    return 0;
  default:
    if (c < 0x80 && !(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z')) {
      *lit = c; /* an escaped punctuation character is itself */
      return 2;
    }
    p->fail = 1; /* \D \S \W \p \x \u \N \Q \1 ...: not analysed */
    return 0;
  }
}

/* A class after '[': sets *m, or returns 0 when it tells nothing (negated). */
static int char_class(parser *p, seg_bytemask *m) {
  memset(m, 0, sizeof *m);
  int negated = 0;
  if (*p->p == '^') {
    negated = 1;
    p->p++;
  }
  if (*p->p == ']') { /* "[]...]": rare, and ICU's reading of it is not worth guessing */
    p->fail = 1;
    return 0;
  }
  while (*p->p && *p->p != ']' && !p->fail) {
    if (*p->p == '[' || (*p->p == '&' && p->p[1] == '&') || (*p->p == '-' && p->p[1] == '-')) {
      p->fail = 1; /* nested sets, set operations */
      return 0;
    }
    int c;
    if (*p->p == '\\') {
      p->p++;
      int lit = 0;
      int k = escape(p, m, &lit, 1);
      if (k != 2) continue;
      c = lit;
    } else {
      c = take_char(p);
    }
    if (*p->p == '-' && p->p[1] && p->p[1] != ']') { /* a range */
      p->p++;
      int hi = *p->p == '\\' ? -1 : take_char(p);
      if (c >= 0x80 || hi < 0 || hi >= 0x80 || hi < c) {
        p->fail = 1;
        return 0;
      }
      add_range(m, c, hi);
      continue;
    }
    seg_bytemask_add(m, (unsigned char)(c & 0xFF));
  }
  if (*p->p != ']') {
    p->fail = 1;
    return 0;
  }
  p->p++;
  return !negated;
}

/* The least number of times the quantifier after an atom repeats it (1 without one). */
static long quantifier(parser *p) {
  long min = 1;
  unsigned char c = *p->p;
  if (c == '*' || c == '?') {
    min = 0;
    p->p++;
  } else if (c == '+') {
    p->p++;
  } else if (c == '{') {
    p->p++;
    if (*p->p < '0' || *p->p > '9') {
      p->fail = 1;
      return 0;
    }
    min = 0;
    while (*p->p >= '0' && *p->p <= '9') min = min * 10 + (*p->p++ - '0');
    if (*p->p == ',') {
      p->p++;
      while (*p->p >= '0' && *p->p <= '9') p->p++;
    }
    if (*p->p != '}') {
      p->fail = 1;
      return 0;
    }
    p->p++;
  } else {
    return 1;
  }
  if (*p->p == '?' || *p->p == '+') p->p++; /* lazy, possessive */
  if (*p->p == '*' || *p->p == '+' || *p->p == '?' || *p->p == '{') p->fail = 1;
  return min;
}

static void alternation(parser *p, req *out);

/* One atom into `a` (a.n = 0: it needs nothing). */
static void atom(parser *p, req *a) {
  a->n = 0;
  a->str.n = 0;
  a->lit_len = 0;
  seg_bytemask m;
  memset(&m, 0, sizeof m);
  unsigned char c = *p->p;
  if (c == '(') {
    p->p++;
    if (++p->depth > MAX_DEPTH) {
      p->fail = 1;
      return;
    }
    if (*p->p == '?') {
      if (p->p[1] != ':' && p->p[1] != '>') { /* lookaround, flags, comments, named */
        p->fail = 1;
        return;
      }
      p->p += 2;
    }
    alternation(p, a);
    p->depth--;
    if (*p->p != ')') {
      p->fail = 1;
      return;
    }
    p->p++;
  } else if (c == '[') {
    p->p++;
    if (char_class(p, &m)) need(a, &m);
  } else if (c == '\\') {
    p->p++;
    int lit = 0;
    int k = escape(p, &m, &lit, 0);
    if (k == 2) {
      seg_bytemask_add(&m, (unsigned char)lit);
      a->lit[0] = (unsigned char)lit;
      a->lit_len = 1;
    }
    if (k) need(a, &m);
  } else if (c == '.' || c == '^' || c == '$') {
    p->p++;
  } else if (c == '*' || c == '+' || c == '?' || c == '{' || c == '|' || c == ')' || !c) {
    p->fail = 1;
  } else {
    const unsigned char *start = p->p;
    seg_bytemask_add(&m, (unsigned char)(take_char(p) & 0xFF));
    need(a, &m);
    if (p->p - start <= 4) {
      a->lit_len = (int)(p->p - start);
      memcpy(a->lit, start, (size_t)a->lit_len);
    }
  }
}

/* The shortest string of a set: sets with longer ones are rarer in text. */
static size_t shortest(const seg_strneed *s) {
  size_t m = SIZE_MAX;
  for (int i = 0; i < s->n; i++)
    if (s->len[i] < m) m = s->len[i];
  return m;
}

/* Keeps candidate c in *best if it is the better requirement. */
static void better_strings(seg_strneed *best, const seg_strneed *c) {
  if (!c->n) return;
  size_t a = shortest(c), b = best->n ? shortest(best) : 0;
  if (!best->n || a > b || (a == b && c->n < best->n)) *best = *c;
}

/* A run of literal bytes (at least two) as a candidate. */
static void run_candidate(seg_strneed *best, const char *run, size_t rl) {
  if (rl < 2) return;
  seg_strneed c;
  c.n = 1;
  c.len[0] = (unsigned char)rl;
  memcpy(c.s[0], run, rl);
  better_strings(best, &c);
}

static void concatenation(parser *p, req *out) {
  out->n = 0;
  out->str.n = 0;
  char run[SEG_RENEED_STRLEN]; /* literal characters each present exactly once, in a row */
  size_t rl = 0;
  while (*p->p && *p->p != '|' && *p->p != ')' && !p->fail) {
    req a;
    atom(p, &a);
    if (p->fail) return;
    const unsigned char *q = p->p;
    long min = quantifier(p);
    int once = p->p == q; /* no quantifier */
    if (a.lit_len) {
      if (min == 0 || rl + (size_t)a.lit_len >= SEG_RENEED_STRLEN) {
        run_candidate(&out->str, run, rl);
        rl = 0;
      }
      if (min > 0) {
        memcpy(run + rl, a.lit, (size_t)a.lit_len);
        rl += (size_t)a.lit_len;
        if (!once) { /* "ab+c": "ab" and "bc" are there, "abc" need not be */
          run_candidate(&out->str, run, rl);
          memcpy(run, a.lit, (size_t)a.lit_len);
          rl = (size_t)a.lit_len;
        }
      }
    } else {
      run_candidate(&out->str, run, rl);
      rl = 0;
      if (min > 0) better_strings(&out->str, &a.str);
    }
    if (min == 0) continue; /* optional: needs nothing */
    for (int i = 0; i < a.n; i++) need(out, &a.set[i]);
  }
  run_candidate(&out->str, run, rl);
}

static void alternation(parser *p, req *out) {
  concatenation(p, out);
  if (*p->p != '|') return;
  seg_bytemask any; /* one of the branches' rarest needs */
  memset(&any, 0, sizeof any);
  int known = out->n > 0;
  if (known) any = out->set[best(out)];
  seg_strneed strs = out->str; /* one of the branches' strings */
  while (*p->p == '|' && !p->fail) {
    p->p++;
    req b;
    concatenation(p, &b);
    if (!b.n) known = 0;
    for (int w = 0; known && w < 4; w++) any.w[w] |= b.set[best(&b)].w[w];
    if (!b.str.n || strs.n + b.str.n > SEG_RENEED_STRS) {
      strs.n = 0;
    } else if (strs.n) {
      memcpy(strs.len + strs.n, b.str.len, (size_t)b.str.n);
      memcpy(strs.s + strs.n, b.str.s, (size_t)b.str.n * sizeof *b.str.s);
      strs.n += b.str.n;
    }
  }
  out->n = 0;
  if (known) need(out, &any);
  out->str = strs;
}

int seg_reneed(const char *pattern, seg_bytemask *out, int max, seg_strneed *strs) {
  parser p = {(const unsigned char *)pattern, 0, 0};
  req r;
  alternation(&p, &r);
  if (p.fail || *p.p) r.n = r.str.n = 0;
  if (strs) {
    *strs = r.str;
    for (int i = 0; i < strs->n; i++) {
      seg_bytemask m;
      seg_bytemask_of(strs->s[i], strs->len[i], &m);
      memcpy(strs->bytes[i], m.w, sizeof m.w);
    }
  }
  int n = 0;
  while (n < max && r.n) { /* the rarest first */
    int b = best(&r);
    out[n++] = r.set[b];
    r.n--;
    r.set[b] = r.set[r.n];
    r.wt[b] = r.wt[r.n];
  }
  return n;
}

void seg_bytemask_of(const char *s, size_t n, seg_bytemask *out) {
  /* one store per byte into a table, then the table folded into bits: no chain of
   * read-modify-writes on the same four words */
  unsigned char seen[256];
  memset(seen, 0, sizeof seen);
  size_t i = 0;
  for (; i + 4 <= n; i += 4) { /* unrolled: the loop's own compare and branch cost as much */
    seen[(unsigned char)s[i]] = 0x80;
    seen[(unsigned char)s[i + 1]] = 0x80;
    seen[(unsigned char)s[i + 2]] = 0x80;
    seen[(unsigned char)s[i + 3]] = 0x80;
  }
  for (; i < n; i++) seen[(unsigned char)s[i]] = 0x80;
  memset(out, 0, sizeof *out);
#if defined(__SSE2__)
  for (int c = 0; c < 16; c++) {
    unsigned bits =
        (unsigned)_mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(const void *)(seen + 16 * c)));
    out->w[c >> 2] |= (uint64_t)bits << (16 * (c & 3));
  }
#else
  for (int b = 0; b < 256; b++)
    if (seen[b]) seg_bytemask_add(out, (unsigned char)b);
#endif
}

int seg_strneed_met(const seg_strneed *need, const char *s, size_t n, const seg_bytemask *has) {
  if (!need->n) return 1;
  for (int i = 0; i < need->n; i++) {
    const uint64_t *b = need->bytes[i];
    if ((b[0] & ~has->w[0]) | (b[1] & ~has->w[1]) | (b[2] & ~has->w[2]) | (b[3] & ~has->w[3]))
      continue;
    if (seg_find_str(s, n, need->s[i], need->len[i])) return 1;
  }
  return 0;
}
