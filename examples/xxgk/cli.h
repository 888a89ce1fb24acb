/* SPDX-License-Identifier: MIT */
/* The xxgk command: shared declarations of its subcommands. Uses the public API only. */
#ifndef XXGK_CLI_H
#define XXGK_CLI_H

#include <stdio.h>
#include <xxgk.h>

#include "strbuf.h"

#define EXIT_CLEAN 0
#define EXIT_FINDINGS 1
#define EXIT_TROUBLE 2

#define CLI_MAX_JOBS 256
/* Input read into memory stops a little beyond the library's default limit (64 MiB). */
#define CLI_MAX_INPUT ((size_t)64 << 20)

int cmd_paths(int argc, char **argv);
int cmd_convert(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_sum(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_template(int argc, char **argv);

/* Read a file ("-" = standard input) into a report; on failure print
 * "FILE:LINE:COLUMN: message" to stderr and return the library's code. */
int cli_read(xxgk_report **out, const char *path, const xxgk_parse_options *opts);
/* The same without printing: the detail stays in xxgk_error_*() (for "-", a
 * failed read of standard input sets *errno_out, else it is 0). */
int cli_read_quiet(xxgk_report **out, const char *path, const xxgk_parse_options *opts,
                   int *errno_out);
/* Read a whole stream or file into memory (caller frees with free()). */
int cli_slurp(const char *path, char **buf, size_t *len);
/* Print the last library error for `file` as FILE:LINE:COLUMN: message. */
void cli_error(const char *file);
/* msg without a leading "FILE: " (the library's I/O messages name the file). */
const char *cli_strip_file(const char *msg, const char *file);
/* Format the same into b (with a newline). */
void cli_error_sb(strbuf *b, const char *file);
/* Whether a and b name the same existing file. */
int cli_same_file(const char *a, const char *b);
/* Write len bytes to `output` (NULL or "-": standard output). 0 or -1 (reported). */
int cli_write_output(const char *output, const char *text, size_t len, const char *cmd);

/* Whether argv[*i] is the option `name` with a value: "--name VALUE", "--name=VALUE", or
 * for a short option "-n VALUE" and "-nVALUE". 1 (and *value; *i advanced past a separate
 * value), 0 if it is another argument, -1 if the value is missing (reported, naming cmd). */
int cli_opt(int argc, char **argv, int *i, const char *name, const char **value, const char *cmd);

/* The rest of a command line of FILE arguments: -h/--help (CLI_ARG_HELP), "--" (what
 * follows are files), an unknown option (reported, -1), else a file (appended; files has
 * room for argc entries). 0 when the argument was taken. */
#define CLI_ARG_HELP 1
int cli_file_arg(int argc, char **argv, int *i, char **files, size_t *nfiles, const char *cmd);

/* Languages of messages. */
enum { LANG_ZH = 0, LANG_EN = 1 };
/* Parse "zh" or "en"; -1 (reported, naming cmd) otherwise. */
int cli_parse_lang(const char *s, const char *cmd);
/* Parse a -j value (1..CLI_MAX_JOBS); -1 (reported) otherwise. */
int cli_parse_jobs(const char *s, const char *cmd);
/* The severity's name in the language ("error" / "错误"). */
const char *cli_severity(int severity, int lang);
/* One finding as a line: FILE[:LINE[:COLUMN]]: severity RULE: message\n */
void cli_finding_line(strbuf *b, const char *file, const xxgk_findings *f, size_t i, int lang);
/* One finding as a JSON object. */
void cli_finding_json(strbuf *b, const xxgk_findings *f, size_t i);

/* The reports of one input, one at a time (a long CSV may hold many). open: 0 or a
 * library code with the detail in xxgk_error_*() (*errno_out set when standard input
 * could not be read); next: 0 and *out (the caller's), 1 at the end, or a library code. */
typedef struct {
    char *buf;
    xxgk_reader *rd;
    xxgk_report *single;
} cli_source;
int cli_source_open(cli_source *s, const char *path, int *errno_out);
int cli_source_next(cli_source *s, xxgk_report **out);
/* The `report` column's value of the report last returned, or "". */
const char *cli_source_report_id(const cli_source *s);
void cli_source_close(cli_source *s);

/* FILE arguments expanded into files. */
typedef struct {
    char *path;
    char *error; /* why it cannot be read (a directory that cannot be opened), or NULL */
} cli_input;
typedef struct {
    cli_input *items;
    size_t count, cap;
} cli_inputs;
/* 0, or -1 (reported) when out of memory or when the directories hold no report file. */
int cli_inputs_expand(cli_inputs *in, char **args, size_t nargs);
void cli_inputs_free(cli_inputs *in);

/* Ordered parallel work: work(ctx, worker, i) runs on worker threads (worker is
 * 0..jobs-1, for per-worker state); emit(ctx, i, result) runs on the calling thread
 * in order i = 0..n-1. */
typedef void *(*cli_work_fn)(void *ctx, int worker, size_t i);
typedef void (*cli_emit_fn)(void *ctx, size_t i, void *result);
int cli_run_ordered(size_t n, int jobs, cli_work_fn work, cli_emit_fn emit, void *ctx);
int cli_default_jobs(void);

/* Progress bar on standard error. */
typedef struct {
    size_t total, done;
    int on, shown;
    double start, last;
} cli_progress;
void progress_start(cli_progress *p, size_t total);
void progress_step(cli_progress *p);
void progress_clear(cli_progress *p);

#endif
