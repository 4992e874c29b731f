/* error: filling the one error type of the library (seg_error, in segment.h). Stages fill
 * it with seg_error_set; only main.c prints it. */
#ifndef SEG_ERROR_H
#define SEG_ERROR_H
#include <stddef.h>

#include "segment.h"

/* Sets every field of `err` (if non-NULL) and returns `code`. */
seg_status seg_error_set(seg_error *err, seg_status code, const char *file, size_t line,
                         size_t col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

#endif
