/* affix: see affix.h. Every test is a few byte comparisons at the ends of the line, plus one
 * search for the line's first 32 bytes (a caption glued to its own copy).
 * Must never: look at anything but the one line. */
#include "affix.h"

#include <stdint.h>
#include <string.h>

#include "scan.h"

/* Bullets a list puts before its items, UTF-8. */
static const char *const bullets[] = {"\xE2\x80\xA2",
                                      /* • */ "\xC2\xB7",
                                      /* · */ "\xE2\x96\xAA",
                                      /* ▪ */ "\xE2\x96\xBA", /* ► */
                                      "\xE2\x97\x8F",
                                      /* ● */ "\xE2\x97\xA6",
                                      /* ◦ */ "\xE2\x96\xA0",
                                      /* ■ */ "\xE2\x80\xA3", /* ‣ */
                                      "\xE2\x96\xB8",
                                      /* ▸ */ "\xE2\x80\xBA",
                                      /* › */ "*",
                                      NULL};

/* Does s[from, n) hold a letter (ASCII, or any non-ASCII character)? */
static int has_letter(const char *s, size_t from, size_t n) {
  for (size_t i = from; i < n; i++)
    if (((unsigned)(s[i] | 0x20) - 'a' < 26u) || (unsigned char)s[i] >= 0x80) return 1;
  return 0;
}

size_t seg_affix_bullet(const char *s, size_t n) {
  for (const char *const *b = bullets; n && *b; b++) {
    if (**b != s[0]) continue; /* most lines start with no bullet's first byte */
    size_t bl = strlen(*b);
    if (n > bl + 1 && !memcmp(s, *b, bl) && s[bl] == ' ')
      return has_letter(s, bl + 1, n) ? bl + 1 : 0; /* "• 8" is a counter, not an item */
  }
  /* a counter: one or two digits, '.' or ')', a space, then an item (not "2. 000") */
  size_t d = 0;
  while (d < n && d < 3 && s[d] >= '0' && s[d] <= '9')
    d++;
  if (d >= 1 && d <= 2 && d + 2 < n && (s[d] == '.' || s[d] == ')') && s[d + 1] == ' ' &&
      s[d + 2] != ' ')
    return d + 2;
  return 0;
}

/* Does s[k, e) end in an image file's extension (ASCII case ignored)? */
static int image_name(const char *s, size_t k, size_t e) {
  static const char *const exts[] = {".jpg", ".jpeg", ".png", ".gif", ".webp", NULL};
  for (const char *const *x = exts; *x; x++) {
    size_t l = strlen(*x);
    if (e - k <= l) continue;
    size_t i = 0;
    while (i < l && (s[e - l + i] | 0x20) == (*x)[i])
      i++;
    if (i == l) return 1;
  }
  return 0;
}

size_t seg_affix_spaced_url(const char *s, size_t n) {
  size_t k;
  if (n > 6 && !memcmp(s, "http: ", 6)) k = 6;
  else if (n > 7 && !memcmp(s, "https: ", 7)) k = 7;
  else return 0;
  while (k < n) {
    size_t e = k;
    while (e < n && s[e] != ' ')
      e++;
    if (image_name(s, k, e)) {
      while (e < n && s[e] == ' ')
        e++;
      return e < n ? e : 0;
    }
    k = e + 1;
  }
  return 0;
}

/* Does s[0, end) end a sentence, once spaces are skipped (. ! ? … possibly in quotes)? */
static int sentence_before(const char *s, size_t end) {
  while (end && s[end - 1] == ' ')
    end--;
  while (end) {
    unsigned char c = (unsigned char)s[end - 1];
    if (c == '.' || c == '!' || c == '?') return 1;
    if (end >= 3 && !memcmp(s + end - 3, "\xE2\x80\xA6", 3)) return 1; /* … */
    if (c == '"' || c == ')') {
      end--;
      continue;
    }
    if (end >= 3 &&
        (!memcmp(s + end - 3, "\xE2\x80\x9D", 3) || !memcmp(s + end - 3, "\xE2\x80\x99", 3))) {
      end -= 3; /* ” ’ */
      continue;
    }
    return 0;
  }
  return 0;
}

/* Is the byte before s[at] a letter (so a capital at `at` is not its group's first)? */
static int group_goes_on(const char *s, size_t at) {
  char c = at ? s[at - 1] : 0;
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Staff initials closing a news item: "(mkj/mkj)", "(ant)", "(ADI/YUS)", "(Jul)": up to four
 * groups split by '/', each two to five letters, all of one case or a capital then lower
 * case, after a finished sentence. */
static size_t staff_initials(const char *s, size_t from, size_t n) {
  if (n < from + 4 || s[n - 1] != ')') return n;
  size_t i = n - 1, group = 0, groups = 1;
  int upper = 0; /* the case of the group's letters after its first */
  while (i > from) {
    char c = s[i - 1];
    int lo = c >= 'a' && c <= 'z', up = c >= 'A' && c <= 'Z';
    if ((lo || up) && (!group || up == upper || (up && !upper && !group_goes_on(s, i - 1)))) {
      if (++group > 5) return n;
      if (group == 1) upper = up;
    } else if (c == '/' && group >= 2 && groups < 4) {
      group = 0;
      groups++;
    } else {
      break;
    }
    i--;
  }
  if (i == from || s[i - 1] != '(' || group < 2) return n;
  size_t open = i - 1;
  return open > from && sentence_before(s, open) ? open : n;
}

/* A photo or source credit in parentheses after the last sentence: capitalized words split
 * by '/' ("... sepekan. (Biro Adpim/Humas)", "(Dok. Pemkab/Rina)", "(JUM/Tim Liputan 6
 * SCTV)": a word after the first may be a number), at most CREDIT_WORDS
 * words and CREDIT_MAX bytes, or a reporter's name, two to CREDIT_NAME_WORDS capitalized
 * words of letters ("... berulang-ulang. (Rina Wati Sulastri)"). Returns where its '(' is,
 * or n. */
#define CREDIT_NAME_WORDS 4
#define CREDIT_WORDS 5
#define CREDIT_MAX 48
static size_t credit_group(const char *s, size_t from, size_t n) {
  if (n < from + 6 || s[n - 1] != ')') return n;
  size_t open = n - 1;
  while (open > from && s[open - 1] != '(' && n - open < CREDIT_MAX)
    open--;
  if (open == from || s[open - 1] != '(') return n;
  open--;
  size_t words = 0, slashes = 0;
  int letters = 1; /* every word of letters only */
  for (size_t i = open + 1; i < n - 1;) {
    char c = s[i];
    if (c == ' ') {
      i++;
      continue;
    }
    if (c == '/') {
      slashes++;
      i++;
      continue;
    }
    /* a capital starts each word, or after the first a digit ("(JUM/Tim Liputan 6 SCTV)";
     * a date "(5/5)" is none) */
    if (!((c >= 'A' && c <= 'Z') || (words && c >= '0' && c <= '9')) || ++words > CREDIT_WORDS)
      return n;
    while (i < n - 1 && s[i] != ' ' && s[i] != '/') {
      char d = s[i];
      if (!((d >= 'A' && d <= 'Z') || (d >= 'a' && d <= 'z') || (d >= '0' && d <= '9') ||
            d == '.' || d == '-'))
        return n;
      letters &= (d >= 'A' && d <= 'Z') || (d >= 'a' && d <= 'z');
      i++;
    }
  }
  int name = letters && words <= CREDIT_NAME_WORDS;
  return (slashes || name) && words >= 2 && open > from && sentence_before(s, open) ? open : n;
}

/* A caption the scraper glued to its own copy ("Warga panik. KOMPAS.com/JunaediWarga
 * panik."): from some point on, the line is its own beginning again, to its end, and its
 * beginning does not recur before its second half (so a periodic line is not a copy), and a
 * credit stands between the two (a sentence said twice is left alone). The copy starts at the
 * token holding it (the credit glued to it goes too). Returns where the copy starts, or n. */
#define REPEAT_KEY 32
static size_t repeated_copy(const char *s, size_t from, size_t n) {
  if (n - from < 3 * REPEAT_KEY) return n;
  const char *key = s + from;
  size_t half = from + (n - from) / 2;
  const char *hit = seg_find_str(s + from + 1, n - from - 1, key, REPEAT_KEY);
  if (!hit || (size_t)(hit - s) < half) return n; /* the first recurrence: in the second half */
  size_t copy = (size_t)(hit - s), len = n - copy, at = copy;
  if (memcmp(hit, key, len)) return n; /* not a copy to the end */
  while (at > from && s[at - 1] != ' ')
    at--; /* back to the token's start */
  /* a credit between the two: glued to the copy, or a token, and short */
  int credit = (at < copy || at > from + len + 1) && copy - (from + len) <= 64;
  return credit && at > from ? at : n;
}

/* Does s[from, n) hold a sentence's end with more after it ("Judul. Kalimat")? */
static int sentence_inside(const char *s, size_t from, size_t n) {
  for (size_t i = from; i + 2 < n; i++)
    if ((s[i] == '.' || s[i] == '!' || s[i] == '?') && s[i + 1] == ' ') return 1;
  return 0;
}

#define BARE_LABEL_MAX 24 /* bytes from a sentence's end to a bare aside's ':' */

/* An aside in parentheses after the last sentence, running to the end of the line (closed
 * there, or cut off by the page), that the lexicon knows ("(Baca juga: ...)", "(Foto: ...)");
 * or the same without brackets. */
static size_t aside(seg_lexicon_matcher *m, const char *s, size_t from, size_t n,
                    const char **why) {
  for (const char *p = memchr(s + from, '(', n - from); p;
       p = p + 1 < s + n ? memchr(p + 1, '(', n - (size_t)(p + 1 - s)) : NULL) {
    size_t at = (size_t)(p - s);
    if (at == from || !sentence_before(s, at)) continue;
    const char *close = memchr(p, ')', n - at);
    if (close && close != s + n - 1) continue;
    if ((*why = seg_lexicon_aside(m, p, n - at, 0))) return at;
  }
  /* the same aside without its brackets, its label ending in ':' after a sentence and a title
   * after it to the line's end: "... per kilogram. Baca juga: Judul Lain" */
  for (const char *p = memchr(s + from, ':', n - from); p;
       p = p + 1 < s + n ? memchr(p + 1, ':', n - (size_t)(p + 1 - s)) : NULL) {
    size_t colon = (size_t)(p - s), q = colon;
    while (q > from && colon - q < BARE_LABEL_MAX && s[q - 1] != '.' && s[q - 1] != '!' &&
           s[q - 1] != '?')
      q--;
    if (q == from || colon - q >= BARE_LABEL_MAX || s[q] != ' ' || !sentence_before(s, q)) continue;
    q++;
    if (sentence_inside(s, colon, n)) return n; /* a sentence after the label: not a title */
    if ((*why = seg_lexicon_aside(m, s + q, n - q, 1))) return q;
  }
  return n;
}

size_t seg_affix_suffix(seg_lexicon_matcher *m, const char *s, size_t from, size_t n,
                        const char **reason) {
  size_t best = n;
  size_t at = staff_initials(s, from, n);
  if (at < best) {
    best = at;
    *reason = "staff-initials";
  }
  at = credit_group(s, from, n);
  if (at < best) {
    best = at;
    *reason = "credit";
  }
  at = repeated_copy(s, from, n);
  if (at < n && !sentence_before(s, at)) {
    *reason = "repeated-line"; /* no sentence before the copy: all of it is a caption */
    return from;
  }
  if (at < best) {
    best = at;
    *reason = "repeated-line";
  }
  const char *why = NULL;
  at = m ? aside(m, s, from, n, &why) : n;
  if (at < best) {
    best = at;
    *reason = why;
  }
  at = m ? seg_lexicon_line_end(m, s + from, n - from, &why) + from : n;
  if (at == from) {
    *reason = why; /* the mark alone on its line */
    return from;
  }
  if (at < best) {
    best = at;
    *reason = why;
  }
  while (best < n && best > from && s[best - 1] == ' ')
    best--;
  return best;
}

/* Fields in a short line: " · ", " • ", " / ", " › ", " » ", " > " between them (a
 * metadata line, a breadcrumb). Returns the separator's bytes after the space at s[i], its
 * space after included, or 0. */
#define SOFT_LINE_MAX 160
#define MENU_ITEM_WORDS 3 /* words of the longest item of a menu split by two spaces */
#define PAIR_WORDS 4      /* words of the longer side of a label's two fields ("Paparan Topik |
                           * Sepakbola Nasional", "Login | Daftar"): a page title is longer */
#define FIELD_WORDS 6     /* words of the longest field of a breadcrumb or metadata line: a
                           * sentence with a credit glued to it ("... meliput.(Situs / Nama)")
                           * is longer */
static size_t soft_separator(const char *s, size_t n, size_t i) {
  static const struct {
    const char *sep;
    size_t len;
  } seps[] = {{"\xC2\xB7", 2}, {"\xE2\x80\xA2", 3}, {"/", 1},
              {"\xE2\x80\xBA", 3}, {"\xC2\xBB", 2}, {">", 1}};
  unsigned char b = (unsigned char)s[i + 1 < n ? i + 1 : i];
  if (b != '/' && b != '>' && b != 0xC2 && b != 0xE2) return 0;
  for (size_t k = 0; k < sizeof seps / sizeof *seps; k++) {
    size_t len = seps[k].len;
    if (i + len + 2 <= n && s[i + len + 1] == ' ' && !memcmp(s + i + 1, seps[k].sep, len))
      return len + 1;
  }
  return 0;
}

int seg_affix_table_row(const char *s, size_t n, unsigned max_words) {
  static const seg_byteset field_bytes = {{'/', '>'}, 2, 1};
  /* separators of fields are looked for in short lines only */
  int soft = n <= SOFT_LINE_MAX && seg_scan(s, n, 0, &field_bytes) < n;
  int pairs_ok = n <= SOFT_LINE_MAX && seg_find_str(s, n, "  ", 2); /* a menu: "A  B  C" */
  size_t i = 0, cells = 0, ended = 0, tabs = 0, bars = 0, fields = 0, pairs = 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t'))
    i++; /* indentation is not a cell's end */
  /* a wiki table's header row ("! No !! Nama !! Alamat"): its '!' separate cells as '|' do */
  int bangs = i < n && s[i] == '!' && seg_find_str(s + i, n - i, "!!", 2);
  if (!max_words || (!soft && !pairs_ok && !bangs && !memchr(s, '\t', n) && !memchr(s, '|', n) &&
                     !seg_find_str(s, n, "   ", 3)))
    return 0;
  unsigned widest = 0;
  unsigned words = 0;
  int in_word = 0;
  char last = 0; /* the cell's last byte that is not a space */
  for (; i <= n; i++) {
    char ch = i < n ? s[i] : '\t';
    if (bangs && ch == '!') ch = '|';
    size_t sep = 0;
    if (ch == ' ' && soft && words && (sep = soft_separator(s, n, i)) != 0) {
      ch = '|';
      i += sep;
    } else if (ch == ' ') { /* a run of spaces, read once: three or more separate cells */
      size_t run = 1;
      while (i + run < n && s[i + run] == ' ')
        run++;
      if (run >= 3 && i + run < n) ch = '\t';
      if (run == 2 && pairs_ok && i + run < n) ch = '\t', sep = SIZE_MAX; /* two spaces */
      i += run - 1;
    }
    if (ch == '\t' || ch == '|') {
      cells += words > 0;
      ended += words > 0 && (last == '.' || last == '!' || last == '?');
      tabs += i < n && ch == '\t' && sep != SIZE_MAX; /* (three spaces count as one) */
      pairs += sep == SIZE_MAX;
      bars += ch == '|' && !sep;
      fields += sep != 0 && sep != SIZE_MAX;
      if (words > widest) widest = words;
      words = 0;
      in_word = 0;
      last = 0;
    } else if (ch == ' ' || ch == '\r' || ch == '\v' || ch == '\f') {
      in_word = 0;
    } else {
      last = ch == '"' || ch == '\'' || ch == ')' ? last : ch;
      if (!in_word) {
        in_word = 1;
        if (++words > max_words) return 0;
        if (words == 1 && cells && ch >= 'a' && ch <= 'z') return 0; /* a sentence goes on */
      }
    }
  }
  /* cells that each end like a sentence are sentences side by side, not a table's row */
  return ended < cells &&
         ((tabs && cells >= 2) || (bars >= 2 && cells >= 3) ||
          (fields && cells >= 2 && widest <= FIELD_WORDS) ||
          (bars == 1 && cells == 2 && !ended && widest <= PAIR_WORDS) ||
          (pairs >= 3 && widest <= MENU_ITEM_WORDS));
}
