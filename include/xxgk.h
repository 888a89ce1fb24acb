/* SPDX-License-Identifier: MIT */
/*
 * xxgk — 政府信息公开工作年度报告 (annual reports on government information
 * disclosure): model, readers, writers and consistency checks.
 *
 * This header is the whole public API. Nothing that is not declared here is
 * part of the API; every type is opaque; every symbol starts with xxgk_ or
 * XXGK_. The ABI only grows: functions are added, never changed; enum values
 * are never reused.
 *
 * Conventions
 * - Functions that can fail return 0 (XXGK_OK) or a negative XXGK_E* code.
 *   After a failure, the detail (message, line, column, byte offset, JSON or
 *   cell path) is available from xxgk_error_*() in the same thread until the
 *   next failing call in that thread. Error detail is per thread: the library
 *   keeps no mutable global state.
 * - The output parameter comes first. Objects returned through `**out` are
 *   owned by the caller and released with the matching _free() function,
 *   which accepts NULL. On failure `*out` is set to NULL.
 * - A `const char *` returned by an accessor is borrowed from its parent
 *   object and valid until the parent is modified or freed.
 * - Memory returned as `char *` is released with xxgk_free().
 * - All strings are UTF-8. Lines and columns are 1-based; columns count
 *   characters (code points), byte offsets count bytes from 0.
 *
 * Reading order: the five calls most programs need come first
 * (xxgk_report_parse, xxgk_check, xxgk_report_write, the accessors, the
 * _free functions), then the template, the model in detail, and the rest.
 */
#ifndef XXGK_H
#define XXGK_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) && defined(XXGK_SHARED)
#  ifdef XXGK_BUILDING
#    define XXGK_API __declspec(dllexport)
#  else
#    define XXGK_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__) && defined(XXGK_BUILDING)
#  define XXGK_API __attribute__((visibility("default")))
#else
#  define XXGK_API
#endif

/* ------------------------------------------------------------------------ */
/* Version                                                                  */
/* ------------------------------------------------------------------------ */

#define XXGK_VERSION_MAJOR 0
#define XXGK_VERSION_MINOR 1
#define XXGK_VERSION_PATCH 0
#define XXGK_VERSION_STRING "0.1.0"
/* MAJOR*10000 + MINOR*100 + PATCH */
#define XXGK_VERSION_NUMBER \
    (XXGK_VERSION_MAJOR * 10000 + XXGK_VERSION_MINOR * 100 + XXGK_VERSION_PATCH)

/* The version of the library actually loaded, e.g. "0.1.0" (static). */
XXGK_API const char *xxgk_version(void);
/* The same as a number, comparable with XXGK_VERSION_NUMBER. */
XXGK_API int xxgk_version_number(void);

/* ------------------------------------------------------------------------ */
/* Status codes (values are fixed forever and never reused)                 */
/* ------------------------------------------------------------------------ */

#define XXGK_OK            0
#define XXGK_EINVAL      (-1)  /* invalid argument (NULL, unknown option value) */
#define XXGK_ENOMEM      (-2)  /* out of memory */
#define XXGK_EPARSE      (-3)  /* malformed input: a syntax error */
#define XXGK_ESCHEMA     (-4)  /* well-formed input that is not a report document:
                                  unknown key or label, wrong type, missing field */
#define XXGK_ERANGE      (-5)  /* a number beyond the range of its cell */
#define XXGK_ENOTFOUND   (-6)  /* unknown template, path, section or rule */
#define XXGK_EKIND       (-7)  /* the cell is of another kind (count vs amount) */
#define XXGK_EENCODING   (-8)  /* invalid UTF-8 or an unsupported encoding */
#define XXGK_EIO         (-9)  /* a file could not be read or written */
#define XXGK_ELIMIT     (-10)  /* input exceeds a configured limit */
#define XXGK_EOVERFLOW  (-11)  /* checked arithmetic overflowed (sums) */
#define XXGK_ETEMPLATE  (-12)  /* reports of different templates where one is needed,
                                  or the template cannot be determined */
#define XXGK_EFORMAT    (-13)  /* unknown, unsupported or undetectable format */
#define XXGK_EAMBIGUOUS (-14)  /* a label matches two template rows equally well */
#define XXGK_ESTRICT    (-15)  /* strict reading: the reader had diagnostics */
#define XXGK_EEMPTY     (-16)  /* no report found in the input */

/* Static English text for a status code ("out of memory"); never NULL. */
XXGK_API const char *xxgk_strerror(int code);

/* ------------------------------------------------------------------------ */
/* Error detail of the last failed call in this thread                      */
/* ------------------------------------------------------------------------ */

/* The status code of the last failure in this thread (0 if none). */
XXGK_API int xxgk_error_code(void);
/* A message naming what was expected and where, e.g.
 * "applications.new.total: expected an integer count, found 1.5".
 * Never NULL ("" if no detail). Valid until the next failing call in this
 * thread. */
XXGK_API const char *xxgk_error_message(void);
/* The same message in Chinese (findings and reader diagnostics speak Chinese first too:
 * xxgk_finding_message), e.g. "文本中有 NUL 字节". A message passed through from elsewhere
 * without a Chinese form is given as it was written. Never NULL; valid as long as
 * xxgk_error_message(). */
XXGK_API const char *xxgk_error_message_zh(void);
/* Line and column (1-based, columns in characters) of the failure in the
 * input, or 0 when there is no place. For a paged source (XXGK_FORMAT_PDFTEXT)
 * the line is the line within the page xxgk_error_page() gives, as findings
 * give it (xxgk_finding_page). */
XXGK_API long xxgk_error_line(void);
XXGK_API long xxgk_error_column(void);
/* The page of the failure, 1-based, when the input is a paged source
 * (XXGK_FORMAT_PDFTEXT: pages end in a form feed, as pdftotext writes them)
 * and the failure has a line; 0 otherwise. A reader's message does not name
 * its place (a caller prints FILE#page=P:LINE:COLUMN, as xxgk does); the
 * message of a XXGK_ESTRICT failure is its finding's, which does. */
XXGK_API long xxgk_error_page(void);
/* Byte offset of the failure in the input, or -1. */
XXGK_API long long xxgk_error_offset(void);
/* The JSON path ("$.applications.new.total") or cell path of the failure,
 * or "" when there is none. */
XXGK_API const char *xxgk_error_path(void);
/* Forget the error detail of this thread. */
XXGK_API void xxgk_error_clear(void);

/* Free memory that the library handed to the caller as `char *`. NULL-safe. */
XXGK_API void xxgk_free(void *p);

/* ------------------------------------------------------------------------ */
/* Opaque types                                                             */
/* ------------------------------------------------------------------------ */

typedef struct xxgk_template xxgk_template;         /* static, never freed */
typedef struct xxgk_report xxgk_report;
typedef struct xxgk_findings xxgk_findings;
typedef struct xxgk_parse_options xxgk_parse_options;
typedef struct xxgk_check_options xxgk_check_options;
typedef struct xxgk_write_options xxgk_write_options;
typedef struct xxgk_reader xxgk_reader;
typedef struct xxgk_sum xxgk_sum;

/* Formats (values fixed forever). */
#define XXGK_FORMAT_AUTO      0  /* reading: sniffed from the content */
#define XXGK_FORMAT_JSON      1
#define XXGK_FORMAT_CSV       2  /* long CSV: path,value */
#define XXGK_FORMAT_CSV_WIDE  3  /* tables as printed */
#define XXGK_FORMAT_TEXT      4  /* the published plain-text form */
#define XXGK_FORMAT_MARKDOWN  5
#define XXGK_FORMAT_HTML      6
#define XXGK_FORMAT_PDFTEXT   7  /* reading: the text poppler's `pdftotext -raw` makes of a
                                  * PDF (pages end in a form feed); read as text, and the
                                  * findings give the page (xxgk_finding_page) and the line
                                  * within it. The library does not read PDF files: the xxgk
                                  * command and the Python binding run pdftotext. */

/* Parse a format name ("json", "csv", "csv-wide", "text", "markdown",
 * "html", "pdftext", "auto") into *format. XXGK_ENOTFOUND if unknown. */
XXGK_API int xxgk_format_from_name(int *format, const char *name);
/* The name of a format, or NULL if unknown (static). */
XXGK_API const char *xxgk_format_name(int format);
/* The format a file's name stands for, as xxgk_report_read_file() reads it:
 * .json, .txt (text), .md (Markdown), .html and .htm; XXGK_FORMAT_AUTO (the
 * content decides) for .csv (long or wide) and any other name. Lets a program
 * that reads files itself read them as the library would. Errors: XXGK_EINVAL
 * (NULL). */
XXGK_API int xxgk_format_from_path(int *format, const char *path);

/* ------------------------------------------------------------------------ */
/* The essentials                                                           */
/* ------------------------------------------------------------------------ */

/*
 * Read one report from `len` bytes at `buf` (need not be NUL-terminated).
 * The format is given by the options or sniffed (XXGK_FORMAT_AUTO).
 * `opts` may be NULL for the defaults.
 *
 * Encodings: UTF-8 (a byte-order mark is skipped), UTF-16 LE/BE with a
 * byte-order mark, and GB18030/GBK (input that is not UTF-8, has no UTF-8
 * text before its first non-UTF-8 byte and is valid GB18030 as a whole) are
 * converted to UTF-8 before reading. Line, column, offset and path of any
 * later error refer to the converted UTF-8 text. Anything else fails with
 * XXGK_EENCODING naming the encoding (UTF-32, UTF-16 without a byte-order
 * mark) or the byte offset, line and column of the first invalid byte.
 *
 * Readers never guess: a blank stays blank, a non-numeric token stays a
 * token, and what cannot be placed is reported as a diagnostic
 * (xxgk_report_diagnostics). With xxgk_parse_options_set_strict() any
 * diagnostic of severity warning or above makes the call fail with
 * XXGK_ESTRICT.
 *
 * Errors: XXGK_EINVAL, XXGK_ENOMEM, XXGK_EPARSE, XXGK_ESCHEMA, XXGK_ERANGE,
 * XXGK_EENCODING, XXGK_ELIMIT, XXGK_EFORMAT, XXGK_ETEMPLATE,
 * XXGK_EAMBIGUOUS, XXGK_ESTRICT, XXGK_EEMPTY; the place is in
 * xxgk_error_*(). On success the caller owns *out (xxgk_report_free).
 */
XXGK_API int xxgk_report_parse(xxgk_report **out, const char *buf, size_t len,
                               const xxgk_parse_options *opts);

/* Read one report from a file ("-" is not special here). The format comes
 * from the options, else from the file name's extension (.json, .csv, .txt,
 * .md, .html), else from the content. Errors as xxgk_report_parse, plus
 * XXGK_EIO. */
XXGK_API int xxgk_report_read_file(xxgk_report **out, const char *path,
                                   const xxgk_parse_options *opts);

/* Free a report. NULL-safe. */
XXGK_API void xxgk_report_free(xxgk_report *r);

/*
 * Check a report's consistency rules (勾稽关系) and structure. The caller
 * owns *out (xxgk_findings_free). A report without findings yields an empty
 * list. `opts` may be NULL.
 * Errors: XXGK_EINVAL, XXGK_ENOMEM.
 */
XXGK_API int xxgk_check(xxgk_findings **out, const xxgk_report *r,
                        const xxgk_check_options *opts);

/*
 * Write a report. *out receives a NUL-terminated buffer of *len bytes (len
 * may be NULL) that the caller frees with xxgk_free(). The format comes from
 * the options (default JSON).
 * Errors: XXGK_EINVAL, XXGK_ENOMEM, XXGK_EFORMAT.
 */
XXGK_API int xxgk_report_write(char **out, size_t *len, const xxgk_report *r,
                               const xxgk_write_options *opts);

/* Write a report to a file, created or replaced. The file is replaced only
 * once the whole report is written: the bytes go to a temporary file in the
 * same directory, which is synced and renamed over `path` (the old file's
 * permissions are kept; a symbolic link is followed and stays; a device or
 * pipe is written directly). On failure the old file is left as it was and no
 * temporary file remains. Errors as xxgk_report_write, plus XXGK_EIO naming
 * the file and the reason ("No space left on device"). */
XXGK_API int xxgk_report_write_file(const char *path, const xxgk_report *r,
                                    const xxgk_write_options *opts);

/* ------------------------------------------------------------------------ */
/* Templates: the official formats, as data                                 */
/* ------------------------------------------------------------------------ */

/* Cell kinds (values fixed forever). */
#define XXGK_KIND_COUNT         1  /* a non-negative integer number of items */
#define XXGK_KIND_SIGNED_COUNT  2  /* an integer that may be negative (2019 本年增/减) */
#define XXGK_KIND_AMOUNT        3  /* an exact decimal, up to 6 decimal places */

/* Cell flags. */
#define XXGK_CELL_FLAG_OPTIONAL 0x1  /* an optional cell beyond the template's printed
                                   cells, e.g. a group subtotal that some
                                   reports print instead of its sub-rows */

/* The number of templates compiled into the library, and the i-th one
 * (in ascending order of id; NULL if i is out of range). */
XXGK_API size_t xxgk_template_count(void);
XXGK_API const xxgk_template *xxgk_template_at(size_t i);
/* A template by id ("2021", "2019"), or NULL. */
XXGK_API const xxgk_template *xxgk_template_get(const char *id);
/* The newest template (the default for new reports). */
XXGK_API const xxgk_template *xxgk_template_default(void);
/* Its id ("2021"). */
XXGK_API const char *xxgk_template_id(const xxgk_template *t);
/* The notice that defines it, in Chinese, e.g. "国办公开办函〔2021〕30号". */
XXGK_API const char *xxgk_template_name(const xxgk_template *t);
/* The first report year it applies to (2021 for "2021"). */
XXGK_API int xxgk_template_first_year(const xxgk_template *t);

/* The number of the template's cells: its printed cells, in template order
 * (2021: 200, 2019: 198). Cell ids 0..count-1. */
XXGK_API size_t xxgk_template_cell_count(const xxgk_template *t);
/* The number of all cell ids, optional ones included (>= cell_count). Ids
 * from cell_count to cell_count_all-1 are optional cells. */
XXGK_API size_t xxgk_template_cell_count_all(const xxgk_template *t);
/* The cell's path ("applications.denied.state_secret.natural_person"), or
 * NULL if id is out of range. */
XXGK_API const char *xxgk_template_cell_path(const xxgk_template *t, size_t id);
/* The cell's Chinese label: its row labels and column labels as printed,
 * e.g. "（三）不予公开 1.属于国家秘密 / 自然人". NULL if out of range. */
XXGK_API const char *xxgk_template_cell_label(const xxgk_template *t, size_t id);
/* The same in English. */
XXGK_API const char *xxgk_template_cell_label_en(const xxgk_template *t, size_t id);
/* The cell's unit ("件", "万元", "元" or "" where the template states none). */
XXGK_API const char *xxgk_template_cell_unit(const xxgk_template *t, size_t id);
/* The cell's kind (XXGK_KIND_*), or 0 if out of range. */
XXGK_API int xxgk_template_cell_kind(const xxgk_template *t, size_t id);
/* The cell's flags (XXGK_CELL_*). */
XXGK_API unsigned xxgk_template_cell_flags(const xxgk_template *t, size_t id);
/* Look a path up: *id receives the cell id. XXGK_ENOTFOUND if the template
 * has no such cell (error detail names the path). */
XXGK_API int xxgk_template_lookup(size_t *id, const xxgk_template *t,
                                  const char *path);

/* Tables: count, code ("applications"), number ("三"), heading
 * ("收到和处理政府信息公开申请情况"), English heading, first cell id and
 * number of printed cells. */
XXGK_API size_t xxgk_template_table_count(const xxgk_template *t);
XXGK_API const char *xxgk_template_table_code(const xxgk_template *t, size_t i);
XXGK_API const char *xxgk_template_table_number(const xxgk_template *t, size_t i);
XXGK_API const char *xxgk_template_table_heading(const xxgk_template *t, size_t i);
XXGK_API const char *xxgk_template_table_heading_en(const xxgk_template *t, size_t i);
XXGK_API size_t xxgk_template_table_first_cell(const xxgk_template *t, size_t i);
XXGK_API size_t xxgk_template_table_cell_count(const xxgk_template *t, size_t i);

/* Narrative sections: count, code ("preamble", "overview", "problems",
 * "other"), heading ("总体情况"; "" for the preamble), English name. */
XXGK_API size_t xxgk_template_section_count(const xxgk_template *t);
XXGK_API const char *xxgk_template_section_code(const xxgk_template *t, size_t i);
XXGK_API const char *xxgk_template_section_heading(const xxgk_template *t, size_t i);
XXGK_API const char *xxgk_template_section_heading_en(const xxgk_template *t, size_t i);

/* Severities (values fixed forever). */
#define XXGK_SEVERITY_INFO    1
#define XXGK_SEVERITY_WARNING 2
#define XXGK_SEVERITY_ERROR   3

/* "error", "warning", "info" (static), or NULL. */
XXGK_API const char *xxgk_severity_name(int severity);

/* Rules (勾稽关系) of a template, as data, expanded per column or per row:
 * one entry per identity. Each has a stable id ("T3.BALANCE"; the
 * expansions of one rule share it), a severity, a description in Chinese
 * and English, and its cells with their coefficients (lhs cells +1, rhs
 * cells -1: the identity is sum(coefficient * cell) = 0). Per-cell rules
 * (CELL.NONNEG, CELL.AMOUNT) have one entry with no cells listed: they apply
 * to every cell of their kind. Rules that compare with the previous year's
 * report (YOY.*) list this year's cells; xxgk_template_rule_cell_previous()
 * tells which of them are read from the previous report. */
XXGK_API size_t xxgk_template_rule_count(const xxgk_template *t);
XXGK_API const char *xxgk_template_rule_id(const xxgk_template *t, size_t i);
XXGK_API int xxgk_template_rule_severity(const xxgk_template *t, size_t i);
XXGK_API const char *xxgk_template_rule_description(const xxgk_template *t, size_t i);
XXGK_API const char *xxgk_template_rule_description_en(const xxgk_template *t, size_t i);
/* The column or row the expansion is for ("自然人"), or "". */
XXGK_API const char *xxgk_template_rule_scope(const xxgk_template *t, size_t i);
XXGK_API size_t xxgk_template_rule_cell_count(const xxgk_template *t, size_t i);
/* The j-th cell's path, or NULL if out of range. */
XXGK_API const char *xxgk_template_rule_cell(const xxgk_template *t, size_t i, size_t j);
/* Its coefficient (+1 or -1; 0 if out of range). */
XXGK_API int xxgk_template_rule_coefficient(const xxgk_template *t, size_t i, size_t j);
/* 1 if the j-th cell is read from the previous year's report, else 0. */
XXGK_API int xxgk_template_rule_cell_previous(const xxgk_template *t, size_t i, size_t j);

/* How a rule's cells relate (values fixed forever). */
#define XXGK_RELATION_EQUAL            1 /* sum(coefficient * cell) = 0: an identity */
#define XXGK_RELATION_AT_LEAST         2 /* sum(coefficient * cell) >= 0: the +1 side is at
                                          * least the -1 side (PLAUS.PUBLISHED_TOTAL) */
#define XXGK_RELATION_EACH_NONNEGATIVE 3 /* every cell of its kind is >= 0; no cells listed
                                          * (CELL.NONNEG, CELL.AMOUNT) */
#define XXGK_RELATION_NONE             4 /* no relation over listed cells: the description
                                          * says what is compared (the narrative's figures with
                                          * the cells, the title's year, a township's 规章, the
                                          * template for the year) */
/* The i-th rule's relation (XXGK_RELATION_*), or 0 if i is out of range. */
XXGK_API int xxgk_template_rule_relation(const xxgk_template *t, size_t i);
/* "equal", "at_least", "each_nonnegative", "none" (static), or NULL for
 * another value. */
XXGK_API const char *xxgk_relation_name(int relation);

/* ------------------------------------------------------------------------ */
/* The report model                                                         */
/* ------------------------------------------------------------------------ */

/* Cell states (values fixed forever). */
#define XXGK_CELL_BLANK  0   /* the source shows it empty (never the same as zero) */
#define XXGK_CELL_NUMBER 1
#define XXGK_CELL_TOKEN  2   /* a non-numeric token, kept as written ("-", "/", "无") */
#define XXGK_CELL_UNREAD 3   /* not read: the source does not contain the cell (an
                                excerpt, an absent key or row) or the reader could
                                not place it. Never blamed on the publisher: no
                                blank-cell or empty-table finding, and identities
                                over it are not evaluated (CHECK.UNREAD says how
                                many, once per table). In JSON an absent key, in
                                long CSV an absent row; text, wide CSV, Markdown
                                and HTML print it as an empty cell. */

/* A new report of template `t` (NULL: the default template), every cell
 * blank, year 0 (unknown), empty strings. Errors: XXGK_ENOMEM. */
XXGK_API int xxgk_report_new(xxgk_report **out, const xxgk_template *t);
/* A deep copy. Errors: XXGK_EINVAL, XXGK_ENOMEM. */
XXGK_API int xxgk_report_clone(xxgk_report **out, const xxgk_report *r);

XXGK_API const xxgk_template *xxgk_report_template(const xxgk_report *r);
/* The report year, 0 when unknown. */
XXGK_API int xxgk_report_year(const xxgk_report *r);
/* Set the year (0 = unknown; else 1949..9999). XXGK_ERANGE otherwise. */
XXGK_API int xxgk_report_set_year(xxgk_report *r, int year);
/* Agency and title; never NULL ("" when unknown). */
XXGK_API const char *xxgk_report_agency(const xxgk_report *r);
XXGK_API const char *xxgk_report_title(const xxgk_report *r);
/* Set them (a copy is kept; NULL clears). Errors: XXGK_EINVAL,
 * XXGK_EENCODING (invalid UTF-8), XXGK_ENOMEM. */
XXGK_API int xxgk_report_set_agency(xxgk_report *r, const char *agency);
XXGK_API int xxgk_report_set_title(xxgk_report *r, const char *title);

/* A narrative section's text by code ("preamble", "overview", "problems",
 * "other"); "" when empty; NULL when the code is unknown. */
XXGK_API const char *xxgk_report_section(const xxgk_report *r, const char *code);
/* Set a section's text (copied; NULL or "" empties it). Errors: XXGK_EINVAL,
 * XXGK_ENOTFOUND, XXGK_EENCODING, XXGK_ENOMEM. */
XXGK_API int xxgk_report_set_section(xxgk_report *r, const char *code,
                                     const char *text);

/* Look up a cell id by path in the report's template (as
 * xxgk_template_lookup). */
XXGK_API int xxgk_report_cell_id(size_t *id, const xxgk_report *r, const char *path);

/* The cell's state (XXGK_CELL_*), or -1 (XXGK_EINVAL) if id is out of
 * range. */
XXGK_API int xxgk_report_cell_state(const xxgk_report *r, size_t id);
/* A count cell's value. Errors: XXGK_EINVAL (bad id), XXGK_EKIND (an amount
 * cell), XXGK_ENOTFOUND (the cell is blank, a token or not read). */
XXGK_API int xxgk_report_cell_get_count(int64_t *value, const xxgk_report *r, size_t id);
/* Any number cell's value scaled by 10^6 (a count of 5 gives 5000000, an
 * amount of 7730.28 gives 7730280000). Errors as xxgk_report_cell_get_count
 * (XXGK_ERANGE if a count is too large to scale). */
XXGK_API int xxgk_report_cell_get_micros(int64_t *value, const xxgk_report *r, size_t id);
/* Every cell at once (for bindings that would otherwise cross into C once
 * per cell): for ids 0..n-1 (n at most xxgk_template_cell_count_all),
 * states[id] receives the cell's XXGK_CELL_* state and values[id] its number
 * (a count as it is, an amount in micros, as xxgk_report_cell_get_count and
 * _get_micros give them; 0 when the cell is not a number). The caller owns
 * both arrays. Errors: XXGK_EINVAL (NULL arguments, n beyond the template). */
XXGK_API int xxgk_report_cell_get_all(unsigned char *states, int64_t *values, size_t n,
                                      const xxgk_report *r);
/* The raw text of a token cell, or NULL if the cell is not a token. */
XXGK_API const char *xxgk_report_cell_token(const xxgk_report *r, size_t id);
/* Format the cell into buf (size bytes, NUL-terminated, truncated if too
 * small): a number as canonical decimal text ("12", "-4", "7730.28"), a
 * token as written, a blank as "". Returns the length the full text needs
 * (excluding the NUL), or a negative code (XXGK_EINVAL). */
XXGK_API int xxgk_report_cell_format(char *buf, size_t size, const xxgk_report *r,
                                     size_t id);
/* Line and column where the cell's value was read (0 if not from a file). */
XXGK_API long xxgk_report_cell_line(const xxgk_report *r, size_t id);
XXGK_API long xxgk_report_cell_column(const xxgk_report *r, size_t id);

/* Set a count cell. Errors: XXGK_EINVAL, XXGK_EKIND (amount cell),
 * XXGK_ERANGE (beyond +-(2^53-1); a negative value is stored, the checks
 * report it). */
XXGK_API int xxgk_report_cell_set_count(xxgk_report *r, size_t id, int64_t value);
/* Set an amount cell from a value scaled by 10^6. Errors: XXGK_EINVAL,
 * XXGK_EKIND (count cell), XXGK_ERANGE. */
XXGK_API int xxgk_report_cell_set_micros(xxgk_report *r, size_t id, int64_t micros);
/* Set any number cell from decimal text ("12", "-4", "7730.28"): integers
 * for counts, up to 6 decimals for amounts. The text must be exactly a
 * number: nothing is coerced. Errors: XXGK_EINVAL, XXGK_EPARSE (not a
 * number), XXGK_ERANGE, XXGK_EKIND (a fraction in a count). */
XXGK_API int xxgk_report_cell_set_number_text(xxgk_report *r, size_t id, const char *text);
/* Make a cell blank. */
XXGK_API int xxgk_report_cell_set_blank(xxgk_report *r, size_t id);
/* Mark a cell not read (XXGK_CELL_UNREAD). An optional cell
 * (XXGK_CELL_FLAG_OPTIONAL), present only when filled, becomes blank. */
XXGK_API int xxgk_report_cell_set_unread(xxgk_report *r, size_t id);
/* Make a cell a non-numeric token (copied, non-empty, valid UTF-8).
 * Errors: XXGK_EINVAL, XXGK_EENCODING, XXGK_ENOMEM. */
XXGK_API int xxgk_report_cell_set_token(xxgk_report *r, size_t id, const char *token);

/* Reader diagnostics: what a reader could not place or had to interpret
 * (a row with too few cells, 元 converted to 万元, a missing table...). A
 * borrowed list (never NULL), valid while the report lives; each entry is a
 * finding with a rule id such as "READ.ROW_INCOMPLETE". The text reader's,
 * in reading order (line:column in xxgk_finding_line/_column):
 *   READ.ROW_INCOMPLETE / READ.ROW_EXTRA (warning) a row with fewer / more
 *     cells than its columns: the whole row left blank;
 *   READ.UNPLACED (warning) value rows without a label that cannot be placed
 *     (no matched labels around them, or not as many as the template's rows);
 *   READ.UNMATCHED (warning) a row label that matches no template row;
 *   READ.MISSING (warning) a table or rows not found (an excerpt);
 *   READ.VALUE (warning) a value the cell cannot hold;
 *   READ.SCRAMBLED (error) rows or columns out of the template's order:
 *     the table is not read;
 *   READ.ORDER, READ.SUBTOTAL, READ.NOTE, READ.IGNORED, READ.TEMPLATE (info)
 *     a row placed by its position between two labels, （六）其他处理 read as
 *     one row, 减4 or 元 interpreted, a lone value ignored, the template not
 *     evident from the labels. */
XXGK_API const xxgk_findings *xxgk_report_diagnostics(const xxgk_report *r);

/* ------------------------------------------------------------------------ */
/* Parse options                                                            */
/* ------------------------------------------------------------------------ */

XXGK_API int xxgk_parse_options_new(xxgk_parse_options **out);
XXGK_API void xxgk_parse_options_free(xxgk_parse_options *o);
/* XXGK_FORMAT_*; default XXGK_FORMAT_AUTO. */
XXGK_API int xxgk_parse_options_set_format(xxgk_parse_options *o, int format);
/* Strict: any reader diagnostic of severity warning or above fails the
 * read with XXGK_ESTRICT. Default 0. */
XXGK_API int xxgk_parse_options_set_strict(xxgk_parse_options *o, int strict);
/* Force a template instead of detecting it (NULL: detect). */
XXGK_API int xxgk_parse_options_set_template(xxgk_parse_options *o,
                                             const xxgk_template *t);
/* Largest input accepted, in bytes (default 64 MiB; 0 = the default). */
XXGK_API int xxgk_parse_options_set_max_size(xxgk_parse_options *o, size_t bytes);
/* Deepest JSON nesting accepted (default 32). */
XXGK_API int xxgk_parse_options_set_max_depth(xxgk_parse_options *o, unsigned depth);
/* Longest line accepted in text and CSV input, in bytes (default 1 MiB). */
XXGK_API int xxgk_parse_options_set_max_line(xxgk_parse_options *o, size_t bytes);
/* A name for the input used in messages (e.g. the file name); copied. */
XXGK_API int xxgk_parse_options_set_source_name(xxgk_parse_options *o, const char *name);

/* ------------------------------------------------------------------------ */
/* Multi-report input (long CSV with a `report` column)                     */
/* ------------------------------------------------------------------------ */

/* Open a reader over `len` bytes at `buf`, which must stay valid and
 * unchanged while the reader lives. Reports are read one at a time: only
 * the current one is held. In long CSV with a leading `report` column, each
 * run of consecutive rows with the same `report` value is one report, in
 * file order; any other input (JSON, wide CSV, text...) is one report.
 * Errors as xxgk_report_parse. */
XXGK_API int xxgk_reader_open(xxgk_reader **out, const char *buf, size_t len,
                              const xxgk_parse_options *opts);
/* The next report: 0 and *out set; 1 and *out NULL at the end; or a
 * negative code (error detail as xxgk_report_parse). Each returned report is
 * the caller's. After a failure in one report's rows of a long CSV with a
 * `report` column (an unknown path, a value its cell cannot hold...), the
 * next call goes on with the report after it, so one bad report does not hide
 * the others. After a malformed CSV record (a stray or unclosed quote, a NUL...)
 * that report fails, and the next call goes on at the next line that begins
 * another report (a line whose report id cannot be read belongs to the report
 * before it); the message says at which line. In any other input a failure
 * ends the reader. */
XXGK_API int xxgk_reader_next(xxgk_report **out, xxgk_reader *rd);
/* The report id (the `report` column's value) of the report last returned,
 * or of the one whose reading failed last; "" when the input has no such
 * column. */
XXGK_API const char *xxgk_reader_report_id(const xxgk_reader *rd);
XXGK_API void xxgk_reader_free(xxgk_reader *rd);

/* ------------------------------------------------------------------------ */
/* Checks and findings                                                      */
/* ------------------------------------------------------------------------ */

XXGK_API int xxgk_check_options_new(xxgk_check_options **out);
XXGK_API void xxgk_check_options_free(xxgk_check_options *o);
/* Read blank cells as zero, so that identities with blanks are evaluated.
 * Default 0: an identity with a blank or token operand is not evaluated; an
 * info finding lists the cells that made it uncheckable. */
XXGK_API int xxgk_check_options_set_blank_as_zero(xxgk_check_options *o, int on);
/* Include the reader's diagnostics in the findings (default 1). */
XXGK_API int xxgk_check_options_set_diagnostics(xxgk_check_options *o, int on);
/* Similarity (0..100 percent) from which a narrative section counts as
 * copied from the previous year's report (default 90). */
XXGK_API int xxgk_check_options_set_copy_threshold(xxgk_check_options *o, int percent);

/* An empty findings list, to be filled by xxgk_check_into(). */
XXGK_API int xxgk_findings_new(xxgk_findings **out);
/* Check `r` into `f`, replacing its contents and reusing its memory: a
 * consistent report is checked without allocating. */
XXGK_API int xxgk_check_into(xxgk_findings *f, const xxgk_report *r,
                             const xxgk_check_options *opts);
/* Year over year: check `r` against the previous year's report `prev`
 * (YOY.* rules: carry-over per column, in-force roll-forward, consecutive
 * years, narrative copied from last year). Templates may differ (2019 ->
 * 2021). The caller owns *out. Errors: XXGK_EINVAL, XXGK_ENOMEM. */
XXGK_API int xxgk_check_previous(xxgk_findings **out, const xxgk_report *r,
                                 const xxgk_report *prev,
                                 const xxgk_check_options *opts);
XXGK_API void xxgk_findings_free(xxgk_findings *f);

XXGK_API size_t xxgk_findings_count(const xxgk_findings *f);
/* How many findings have the given severity. */
XXGK_API size_t xxgk_findings_count_severity(const xxgk_findings *f, int severity);
/* The i-th finding's rule id ("T3.TOTAL_ROW"), or NULL if out of range. */
XXGK_API const char *xxgk_finding_rule(const xxgk_findings *f, size_t i);
/* Its severity (XXGK_SEVERITY_*), 0 if out of range. */
XXGK_API int xxgk_finding_severity(const xxgk_findings *f, size_t i);
/* The cells involved: count and paths, in the rule's order (for an identity:
 * the terms of the expected side, then those of the actual side; for an
 * uncheckable identity, the blank or non-numeric cells). */
XXGK_API size_t xxgk_finding_cell_count(const xxgk_findings *f, size_t i);
XXGK_API const char *xxgk_finding_cell(const xxgk_findings *f, size_t i, size_t j);
/* The path of the cell the finding is about, the one to mark: the cell its
 * message names and its line and column point at (for an identity, the cell
 * of the actual side that does not add up; for a year-over-year finding, this
 * year's cell; for a reader's diagnostic, its first cell); NULL when it is
 * about no one cell (a table, a section). */
XXGK_API const char *xxgk_finding_subject(const xxgk_findings *f, size_t i);
/* Expected and actual value as decimal text ("767", "766"); "" when the
 * finding has none. */
XXGK_API const char *xxgk_finding_expected(const xxgk_findings *f, size_t i);
XXGK_API const char *xxgk_finding_actual(const xxgk_findings *f, size_t i);
/* The message in Chinese and in English, naming the cells as the printed
 * table does (Chinese: 表三“（七）总计”行“自然人”列; English: table 3, row
 * "(7) Total", column "Natural persons"; for a cell read from a wide CSV
 * also its spreadsheet cell, e.g. （D54）) and both numbers, e.g.
 * "表三“（七）总计”行“自然人”列：（七）总计应为 767（各办理结果之和），实为 766".
 * Cell paths are in xxgk_finding_cell, never in the Chinese text.
 * The text is formatted on the first call and kept with the list until the
 * list changes (xxgk_check_into refills it): the first call for a finding
 * allocates, so a list must not be read from two threads at once through
 * these two functions (xxgk_finding_format is safe). NULL if i is out of
 * range or memory runs out (XXGK_ENOMEM as the thread's error). */
XXGK_API const char *xxgk_finding_message(const xxgk_findings *f, size_t i);
XXGK_API const char *xxgk_finding_message_en(const xxgk_findings *f, size_t i);
/* Languages of messages (values fixed forever). */
#define XXGK_LANG_ZH 1
#define XXGK_LANG_EN 2
/* Format the i-th finding's message in `lang` (XXGK_LANG_*) into buf (size
 * bytes, NUL-terminated, truncated if too small; buf may be NULL when size
 * is 0). Allocates nothing and changes nothing: safe from any thread.
 * Returns the length the whole text needs (excluding the NUL), or
 * XXGK_EINVAL (i out of range, unknown lang). */
XXGK_API int xxgk_finding_format(char *buf, size_t size, const xxgk_findings *f, size_t i,
                                 int lang);
/* Where the cell the message names (or the diagnosed text) was read, 0 when
 * unknown. */
XXGK_API long xxgk_finding_line(const xxgk_findings *f, size_t i);
XXGK_API long xxgk_finding_column(const xxgk_findings *f, size_t i);
/* The page of that place, 1-based, for a report read from a paged source
 * (XXGK_FORMAT_PDFTEXT; its line is then the line within the page); 0 for
 * other sources or when the place is unknown. */
XXGK_API long xxgk_finding_page(const xxgk_findings *f, size_t i);

/* ------------------------------------------------------------------------ */
/* Many files at once                                                       */
/* ------------------------------------------------------------------------ */

typedef struct xxgk_results xxgk_results;

/*
 * Read and check n files in parallel, in `jobs` threads of the library's own
 * (0: one per core; 1: all in the calling thread; where threads cannot be
 * started, the calling thread does the work). Each file is read as
 * xxgk_report_read_file reads it (`popts`, which may be NULL, may force a
 * format; its limits apply to each file) and checked as xxgk_check checks it
 * (`copts`, may be NULL). The results are in input order whatever `jobs`: one
 * entry per report, so a long CSV with a `report` column gives one per report
 * (a report that cannot be read gives an entry with its error, and the
 * reports after it follow); a file that cannot be read gives one entry with
 * its error. All results are held until freed. The caller owns *out
 * (xxgk_results_free). Errors: XXGK_EINVAL (NULL arguments), XXGK_ENOMEM; a
 * file's own failure is its entry's, not the call's.
 */
XXGK_API int xxgk_check_files(xxgk_results **out, const char *const *paths, size_t n, int jobs,
                              const xxgk_parse_options *popts,
                              const xxgk_check_options *copts);
/* The number of entries. */
XXGK_API size_t xxgk_results_count(const xxgk_results *res);
/* Entry i's file: its index in `paths` (SIZE_MAX if i is out of range). */
XXGK_API size_t xxgk_results_file(const xxgk_results *res, size_t i);
/* Its report id (the `report` column's value), "" when the file has none;
 * NULL if i is out of range. Borrowed from res, as every string here. */
XXGK_API const char *xxgk_results_report_id(const xxgk_results *res, size_t i);
/* 0 when the report was read and checked, else the failure's code, with its
 * message ("" when none), line and column (0 when unknown). */
XXGK_API int xxgk_results_error(const xxgk_results *res, size_t i);
XXGK_API const char *xxgk_results_error_message(const xxgk_results *res, size_t i);
XXGK_API long xxgk_results_error_line(const xxgk_results *res, size_t i);
XXGK_API long xxgk_results_error_column(const xxgk_results *res, size_t i);
/* The failure's page, as xxgk_error_page() gives it: in a paged source
 * (XXGK_FORMAT_PDFTEXT) the page of its line, which is then the line within
 * that page; 0 otherwise or when i is out of range. */
XXGK_API long xxgk_results_error_page(const xxgk_results *res, size_t i);
/* The report's template id ("" when unreadable), year (0 when unknown) and
 * agency (""). */
XXGK_API const char *xxgk_results_template(const xxgk_results *res, size_t i);
XXGK_API int xxgk_results_year(const xxgk_results *res, size_t i);
XXGK_API const char *xxgk_results_agency(const xxgk_results *res, size_t i);
/* Its findings, as xxgk_check's (an empty list when unreadable); borrowed. */
XXGK_API const xxgk_findings *xxgk_results_findings(const xxgk_results *res, size_t i);
/* Free the results. NULL-safe. */
XXGK_API void xxgk_results_free(xxgk_results *res);

/* ------------------------------------------------------------------------ */
/* Sums and differences                                                     */
/* ------------------------------------------------------------------------ */

/* Add `n` reports of one template into a new report (a region's total).
 * Checked arithmetic: an overflow fails with XXGK_EOVERFLOW naming the
 * cell. A cell blank in every input stays blank; tokens and blanks add
 * nothing, and each cell that some inputs left blank or gave as a token is
 * named in the result's diagnostics (rule SUM.PARTIAL) with the count.
 * Metadata: the year when all inputs agree (else 0); agency and title
 * empty. Errors: XXGK_EINVAL (n == 0), XXGK_ETEMPLATE (templates differ),
 * XXGK_EOVERFLOW, XXGK_ENOMEM. */
XXGK_API int xxgk_report_sum(xxgk_report **out, const xxgk_report *const *reports,
                             size_t n);

/* A running sum, for adding reports one at a time without holding them
 * (same rules as xxgk_report_sum). `t` fixes the template; NULL takes the
 * template of the first report added. Free with xxgk_sum_free (NULL-safe).
 * Errors: XXGK_EINVAL, XXGK_ENOMEM. */
XXGK_API int xxgk_sum_new(xxgk_sum **out, const xxgk_template *t);
/* Add `r`. On failure (XXGK_ETEMPLATE, XXGK_EOVERFLOW naming the cell,
 * XXGK_ENOMEM) the sum is unchanged. */
XXGK_API int xxgk_sum_add(xxgk_sum *s, const xxgk_report *r);
/* The number of reports added so far. */
XXGK_API size_t xxgk_sum_count(const xxgk_sum *s);
/* The total so far as a new report that the caller owns, with the
 * SUM.PARTIAL diagnostics; the sum stays usable. Errors: XXGK_EINVAL
 * (nothing added), XXGK_ENOMEM. */
XXGK_API int xxgk_sum_finish(xxgk_report **out, const xxgk_sum *s);
XXGK_API void xxgk_sum_free(xxgk_sum *s);

/* Compare two reports cell by cell (templates may differ: cells are matched
 * by path; a cell in only one template is compared with blank). Each
 * difference is a finding: rule DIFF.CELL (or DIFF.META for metadata,
 * DIFF.SECTION for a narrative section), severity info, the cell, A's value
 * as expected, B's as actual. Errors: XXGK_EINVAL, XXGK_ENOMEM. */
XXGK_API int xxgk_report_diff(xxgk_findings **out, const xxgk_report *a,
                              const xxgk_report *b);

/* ------------------------------------------------------------------------ */
/* Write options                                                            */
/* ------------------------------------------------------------------------ */

XXGK_API int xxgk_write_options_new(xxgk_write_options **out);
XXGK_API void xxgk_write_options_free(xxgk_write_options *o);
/* XXGK_FORMAT_* (not AUTO); default XXGK_FORMAT_JSON. */
XXGK_API int xxgk_write_options_set_format(xxgk_write_options *o, int format);
/* Language of generated words where a writer has any ("zh" default, "en"). */
XXGK_API int xxgk_write_options_set_lang(xxgk_write_options *o, const char *lang);
/* Long CSV: write this report id in a leading `report` column (NULL: no
 * such column), and whether to write the header line (default 1) — so many
 * reports can be written to one file one after another. Copied. */
XXGK_API int xxgk_write_options_set_report_id(xxgk_write_options *o, const char *id);
XXGK_API int xxgk_write_options_set_header(xxgk_write_options *o, int on);
/* Wide CSV: start with a UTF-8 byte order mark (default 1), so that a
 * spreadsheet opening the file reads its Chinese as UTF-8 rather than in the
 * local code page; 0 leaves it out. The other formats never have one (the
 * long CSV is for machines). Every reader accepts a byte order mark. */
XXGK_API int xxgk_write_options_set_bom(xxgk_write_options *o, int on);
/* HTML: highlight the cells named by these findings, with their messages
 * (borrowed: must outlive the write calls; NULL: none). */
XXGK_API int xxgk_write_options_set_findings(xxgk_write_options *o,
                                             const xxgk_findings *f);

#ifdef __cplusplus
}
#endif

#endif /* XXGK_H */
