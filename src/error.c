/* error: filling errors and mapping them to exit statuses. Never prints. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

seg_status seg_error_set(seg_error *err, seg_status code, const char *file, size_t line,
                         size_t col, const char *fmt, ...) {
  if (!err) return code;
  err->code = code;
  snprintf(err->file, sizeof err->file, "%s", file ? file : "");
  err->line = line;
  err->col = col;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->msg, sizeof err->msg, fmt, ap);
  va_end(ap);
  return code;
}

int seg_status_exit(seg_status code) {
  if (code == SEG_OK) return 0;
  return code == SEG_ERR_CONFIG ? 2 : 1;
}
