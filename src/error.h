/* error: the one error type of the library. Stages fill it; only main.c prints it. */
#ifndef SEG_ERROR_H
#define SEG_ERROR_H
#include <stddef.h>

typedef enum {
  SEG_OK = 0,
  SEG_ERR_IO = -1,       /* unreadable input, write failure: exit status 1 */
  SEG_ERR_INPUT = -2,    /* bad input data under --strict: exit status 1 */
  SEG_ERR_CONFIG = -3,   /* bad glossary / lexicon / option value: exit status 2 */
  SEG_ERR_ICU = -4,      /* ICU reported a failure: exit status 1 */
} seg_status;

typedef struct {
  seg_status code;
  char file[512];  /* file the problem is in ("" when none) */
  size_t line;     /* 1-based; 0 when unknown */
  size_t col;      /* 1-based; 0 when unknown */
  char msg[512];
} seg_error;

/* Sets every field of `err` (if non-NULL) and returns `code`. */
seg_status seg_error_set(seg_error *err, seg_status code, const char *file, size_t line,
                         size_t col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* Exit status for a code: 0, 1 or 2. */
int seg_status_exit(seg_status code);

#endif
