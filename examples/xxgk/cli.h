/* The xxgk command: shared declarations of its subcommands. Uses the public API only. */
#ifndef XXGK_CLI_H
#define XXGK_CLI_H

#include <stdio.h>
#include <xxgk.h>

#define EXIT_CLEAN 0
#define EXIT_FINDINGS 1
#define EXIT_TROUBLE 2

int cmd_paths(int argc, char **argv);
int cmd_convert(int argc, char **argv);

/* Read a file ("-" = standard input) into a report; on failure print
 * "FILE:LINE:COLUMN: message" to stderr and return the library's code. */
int cli_read(xxgk_report **out, const char *path, const xxgk_parse_options *opts);
/* Read a whole stream or file into memory (caller frees with free()). */
int cli_slurp(const char *path, char **buf, size_t *len);
/* Print the last library error for `file` as FILE:LINE:COLUMN: message. */
void cli_error(const char *file);
/* Whether a and b name the same existing file. */
int cli_same_file(const char *a, const char *b);

#endif
