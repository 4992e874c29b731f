/* outfile: where results go, written the way `sort -o` and `sponge` do it. A path is resolved
 * once, at open:
 *   - "-"                                  standard output;
 *   - a regular file, a new name, or a symlink to either (followed to the file it resolves to)
 *                                          a temporary file beside that final file, fsynced and
 *                                          renamed over it on commit; the old file's mode (and,
 *                                          where permitted, owner and group) is kept;
 *   - a FIFO, a character or block device, a socket, or a descriptor alias (/dev/stdout,
 *     /dev/stderr, /dev/fd/N, /proc/self/fd/N)
 *                                          written in place, never renamed over.
 * A temporary file is removed on discard and, once seg_outfile_catch_signals was called, when
 * SIGINT, SIGTERM or SIGHUP ends the process. The module never prints and never exits. */
#ifndef SEG_OUTFILE_H
#define SEG_OUTFILE_H
#include <stddef.h>
#include <stdio.h>

#include "error.h"

typedef struct seg_outfile seg_outfile;

typedef enum {
  SEG_OUTFILE_STDOUT, /* "-" */
  SEG_OUTFILE_ATOMIC, /* temporary file + rename on commit */
  SEG_OUTFILE_DIRECT, /* FIFO, device, descriptor alias: written in place */
} seg_outfile_kind;

/* Opens the output `path` (borrowed; must outlive the object). Returns an object owned by the
 * caller, to be ended by exactly one seg_outfile_commit or seg_outfile_discard; NULL on
 * failure with err set (SEG_ERR_IO, err->file = path; message "cannot create a temporary file:
 * ...", "cannot open: ..." or "is a directory"). Opening a FIFO blocks until it has a reader. */
seg_outfile *seg_outfile_open(const char *path, seg_error *err);
/* The stream to write to (borrowed; valid until commit or discard). */
FILE *seg_outfile_stream(seg_outfile *o);
/* seg_sink-compatible write: ctx is a seg_outfile *. Returns 0, or -1 with errno set. */
int seg_outfile_write(void *ctx, const char *bytes, size_t len);
seg_outfile_kind seg_outfile_kind_of(const seg_outfile *o);
/* The path the caller gave (borrowed). */
const char *seg_outfile_name(const seg_outfile *o);
/* The file a commit replaces: the resolved final path for SEG_OUTFILE_ATOMIC (owned by o),
 * the path as given otherwise. */
const char *seg_outfile_target(const seg_outfile *o);
/* Flushes and fsyncs; ATOMIC: renames the temporary file over the target (then fsyncs the
 * directory); DIRECT: closes its descriptor; STDOUT: flushes stdout. Frees o in every case.
 * On failure the target is untouched (ATOMIC), the temporary file is gone, and SEG_ERR_IO is
 * returned with err naming the path ("write error: ..."). */
seg_status seg_outfile_commit(seg_outfile *o, seg_error *err);
/* Closes without committing: ATOMIC removes the temporary file and leaves the target as it
 * was. Frees o; NULL is a no-op. */
void seg_outfile_discard(seg_outfile *o);

/* Installs handlers for SIGINT, SIGTERM and SIGHUP (a signal that is ignored, as under nohup,
 * stays ignored) that remove the temporary files of every open output, then end the process
 * by the same signal. Async-signal-safe: the handler only calls unlink, signal and raise. */
void seg_outfile_catch_signals(void);

/* Same-file check, before anything is opened or written: reports the first output (NULL
 * entries are skipped; "-" is standard output) that is the same regular file as an input
 * ("-" is standard input) -- same st_dev and st_ino after following symlinks -- or that names
 * the same file (or the same FIFO or pipe) as an earlier output ("-" twice always clashes:
 * rows and rejects would interleave on standard output). Returns SEG_OK, or
 * SEG_ERR_CONFIG (exit status 2) with err->file = the output path and a message naming the
 * input or the other output. Devices (/dev/null, terminals) never clash. Nothing is created. */
seg_status seg_outfile_check_paths(const char *const *outputs, size_t noutputs,
                                   const char *const *inputs, size_t ninputs, seg_error *err);

#endif
