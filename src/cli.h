/* cli: the command line of the `segment` executable (not part of the library): the one
 * option table, from which getopt's tables, --help and the man page are all generated, and
 * the checks of what the options say together. Prints only usage text and usage errors. */
#ifndef SEG_CLI_H
#define SEG_CLI_H
#include <stddef.h>

#include "segment.h"

typedef struct {
  seg_config cfg;
  /* lists of at most argc entries, NULL-terminated, owned by the caller (cli_args_free) */
  const char **glossaries, **boilerplate, **targets;
  size_t nglossaries, nboilerplate, ntargets;
  const char *const *files; /* the FILE operands (argv's); nfiles may be 0 */
  size_t nfiles;
  const char *output, *rejected;
  const char *doc_id; /* --doc-id: the doc column of standard input */
  int stats, quiet;
  int dump_glossary; /* --dump-glossary: write the merged glossary and exit */
} cli_args;

/* Parses argv into `a`. Returns 1 when the run should go on; otherwise 0 with *status set:
 * after --help, --version or --man (0, or 1 if stdout failed), or after printing a usage error
 * (2). */
int cli_parse(int argc, char **argv, cli_args *a, int *status);
void cli_args_free(cli_args *a);
/* Prints a usage error ("segment: MESSAGE" and the --help hint) and returns 2. */
int cli_usage_error(const char *fmt, const char *arg);

#endif
