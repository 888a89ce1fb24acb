/* SPDX-License-Identifier: MIT */
/* The xxgk command: shared declarations of its subcommands. Uses the public API only. */
#ifndef XXGK_CLI_H
#define XXGK_CLI_H

#include <stdio.h>
#include <xxgk.h>

#include "opt.h"
#include "strbuf.h"

#define EXIT_CLEAN 0
#define EXIT_FINDINGS 1
#define EXIT_TROUBLE 2

#define CLI_MAX_JOBS 256
/* Input read into memory stops a little beyond the library's default limit (64 MiB). */
#define CLI_MAX_INPUT ((size_t)64 << 20)

/* Languages of messages (the index of --lang's values). */
enum { LANG_ZH = 0, LANG_EN = 1 };

/* ---- files (files.c) ---- */

/* Why something could not be read: a message, and its place in the input when known. */
typedef struct {
    char msg[768];
    long line, column;
    int code; /* the library's XXGK_E* (XXGK_EIO for a system error) */
    long page; /* in a PDF's text: the page (line is the line within it), else 0 */
} cli_failure;
/* The last library error, without a leading "FILE: " (the I/O messages name it). */
void cli_failure_from_lib(cli_failure *f, const char *file, int lang);
/* A system error (errno) on `file`: "No such file or directory". */
void cli_failure_from_errno(cli_failure *f, int err);
/* "FILE:LINE:COLUMN: message\n" (or "FILE: message\n") into b. */
void cli_failure_line(strbuf *b, const char *file, const cli_failure *f);
/* Name the report of a file of many that f is about, before its message: "report 'ID': "
 * (报告 ID：); nothing when id is empty. */
void cli_failure_name_report(cli_failure *f, const char *id, int lang);
/* The file holds no report (id NULL), or none with that id, in lang: code XXGK_EEMPTY, no place. */
void cli_failure_no_report(cli_failure *f, const char *id, int lang);

/* Open a file for reading, also when its path is longer than PATH_MAX (opened one
 * directory at a time). A file descriptor, or -1 with errno. */
int cli_open_read(const char *path);
/* Read a whole file into memory (give it back with cli_slurp_release(buf, *owned): it may
 * be the thread's reusable buffer, *owned CLI_LENT) or standard input ("-": read once and
 * kept for the whole run, *owned 0); at most a little more than CLI_MAX_INPUT bytes, so
 * that the reader can say it is too long. 0, or -1 with errno (EISDIR for a directory). */
enum { CLI_LENT = 2 };
int cli_slurp(const char *path, char **buf, size_t *len, int *owned);
void cli_slurp_release(char *buf, int owned);
/* Whether `output` names one of the inputs: the same path, the same file, or the
 * file behind standard input when an input is "-". */
int cli_same_file(const char *output, const char *input);

/* Output to a file that replaces the old one only when it is complete: written to a
 * temporary file in the same directory, synced, then renamed over `path`. On any
 * failure the temporary file is removed and the old file is left as it was. */
typedef struct {
    FILE *fp;       /* standard output when path is NULL or "-" */
    char *path, *tmp;
    int err;        /* the first errno of a failed write */
} cli_outfile;
/* 0, or -1 (reported, naming cmd). */
int cli_outfile_open(cli_outfile *o, const char *path, const char *cmd);
void cli_outfile_write(cli_outfile *o, const char *s, size_t n);
/* Finish: 0, or -1 (reported; the old file kept). */
int cli_outfile_commit(cli_outfile *o, const char *cmd);
/* Give up: the old file is kept. */
void cli_outfile_abort(cli_outfile *o);
/* Write len bytes to `output` (NULL or "-": standard output) as above. 0 or -1. */
int cli_write_output(const char *output, const char *text, size_t len, const char *cmd);
/* Write to standard output; a failure is remembered and reported at exit. */
void cli_stdout_put(const char *s, size_t n);
/* The errno of the first failed write to standard output, or 0. */
int cli_stdout_errno(void);

/* ---- reading reports (source.c) ---- */

/* Parse options for every input: a file's format from --from, else from its name. */
typedef struct {
    xxgk_parse_options *by_format[16]; /* XXGK_FORMAT_* -> options; AUTO sniffs */
    int from;                         /* --from's format, or XXGK_FORMAT_AUTO */
    int lang;                         /* of the library's error messages (LANG_ZH, LANG_EN) */
} cli_readopts;
/* 0, or -1 (reported) when out of memory. */
int cli_readopts_init(cli_readopts *o, const cli_args *a);
void cli_readopts_free(cli_readopts *o);

/* ---- PDF (pdf.c) ---- */

/* Whether buf starts as a PDF file does ("%PDF-"). */
int cli_is_pdf(const char *buf, size_t len);
/* The text of the PDF at path ("-": the bytes buf[0..len) through a pipe) from poppler's
 * pdftotext -raw: 0 and *text (free()) or -1 with *why, in lang (LANG_ZH, LANG_EN):
 * pdftotext missing (names the package), too slow, failing, or a PDF without text (scanned
 * pages). */
int cli_pdf_text(const char *path, const char *buf, size_t len, int lang, char **text, size_t *tlen,
                 cli_failure *why);

/* The reports of one input, one at a time (a long CSV may hold many). */
typedef struct {
    char *buf;
    size_t len;
    int owned;      /* buf is ours to free (not standard input's) */
    xxgk_reader *rd;
    size_t read;    /* reports returned so far */
    int lang;       /* of its errors */
} cli_source;
/* 0, or -1 with *why filled (a system error, or the library's). */
int cli_source_open(cli_source *s, const char *path, const cli_readopts *o, cli_failure *why);
/* 0 and *out (the caller's), 1 at the end, or -1 with *why filled. */
int cli_source_next(cli_source *s, xxgk_report **out, const char *path, cli_failure *why);
/* The `report` column's value of the report last returned (or that failed), or "". */
const char *cli_source_report_id(const cli_source *s);
void cli_source_close(cli_source *s);
/* One report from a file: on failure print FILE[:LINE:COLUMN]: message and return -1.
 * A file of several reports is refused, naming the option that picks one (--report). */
int cli_read_one(xxgk_report **out, const char *path, const cli_readopts *o);

/* ---- inputs (inputs.c) ---- */

/* FILE arguments expanded into files. */
typedef struct {
    char *path;
    char *error;   /* why it cannot be read (a directory that cannot be opened), or NULL */
    int walked;    /* found in a directory (not named): skipped when it is not a report */
} cli_input;
typedef struct {
    cli_input *items;
    size_t count, cap;
    size_t skipped; /* files in the directories that are not reports (by name) */
} cli_inputs;
/* 0, or -1 (reported) when out of memory or when the directories hold no report file. */
int cli_inputs_expand(cli_inputs *in, char **args, size_t nargs, const cli_strlist *exclude);
void cli_inputs_free(cli_inputs *in);
/* Whether `code` (a failed read of a walked file) means it is not a report at all. */
int cli_not_a_report(const cli_input *in, int code);

/* ---- findings as text and JSON (util.c) ---- */

/* The severity's name in the language ("error" / "错误"). */
const char *cli_severity(int severity, int lang);
/* The i-th finding's message in lang (LANG_ZH, LANG_EN) into b, as text or (json) as a JSON
 * string. Never NULL's fault: formatted with xxgk_finding_format; out of memory shows as
 * b->failed, as for every other write to b. */
void cli_finding_message(strbuf *b, const xxgk_findings *f, size_t i, int lang, int json);
/* One finding as a line: FILE[:LINE[:COLUMN]]: severity RULE: message\n, the severity
 * coloured when `color`. */
void cli_finding_line(strbuf *b, const char *file, const xxgk_findings *f, size_t i, int lang,
                      int color);
/* One finding as a JSON object. */
void cli_finding_json(strbuf *b, const xxgk_findings *f, size_t i);
/* Whether the finding is shown under --severity. */
int cli_shown(const cli_args *a, const xxgk_findings *f, size_t i);

/* ---- parallel work (pool.c) and progress (progress.c) ---- */

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
void progress_start(cli_progress *p, size_t total, int quiet);
void progress_step(cli_progress *p);
void progress_clear(cli_progress *p);

#endif
