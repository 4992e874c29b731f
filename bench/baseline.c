/* The bare ICU program of the performance issue: read paragraphs (lines), convert to UTF-16,
 * walk ICU's sentence iterator (opened once, setText per paragraph), write each sentence.
 * Boundaries are mapped back to UTF-8 offsets and the input bytes are written (the cheaper of
 * the two ways to write a sentence). Usage: baseline < in > out */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>

int main(void) {
  UErrorCode st = U_ZERO_ERROR;
  UBreakIterator *bi = ubrk_open(UBRK_SENTENCE, "id", NULL, 0, &st);
  if (U_FAILURE(st)) return 1;
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  UChar *u = NULL;
  size_t ucap = 0;
  static char obuf[1 << 16];
  setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
  while ((n = getline(&line, &cap, stdin)) > 0) {
    if (line[n - 1] == '\n') n--;
    if (!n) continue;
    if ((size_t)n + 1 > ucap) {
      ucap = (size_t)n + 1;
      u = realloc(u, ucap * sizeof *u);
    }
    int32_t ulen = 0;
    st = U_ZERO_ERROR;
    u_strFromUTF8WithSub(u, (int32_t)ucap, &ulen, line, (int32_t)n, 0xFFFD, NULL, &st);
    ubrk_setText(bi, u, ulen, &st);
    if (U_FAILURE(st)) return 1;
    int32_t prev16 = 0, pos16 = 0;
    size_t prev8 = 0, pos8 = 0;
    for (int32_t b = ubrk_next(bi); b != UBRK_DONE; b = ubrk_next(bi)) {
      while (pos16 < b && pos8 < (size_t)n) {
        unsigned char c = (unsigned char)line[pos8];
        size_t k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        pos16 += k == 4 ? 2 : 1;
        pos8 += k;
      }
      fwrite(line + prev8, 1, pos8 - prev8, stdout);
      fputc('\n', stdout);
      prev8 = pos8;
      prev16 = pos16;
    }
    (void)prev16;
  }
  free(line);
  free(u);
  ubrk_close(bi);
  return fflush(stdout) != 0;
}
