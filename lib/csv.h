/* SPDX-License-Identifier: MIT */
/* The CSV readers' shared parts: the RFC 4180 record scanner (csv_record.c), a cell's value
 * from a field (csv_value.c), and the long form read report by report (csv_long.c), which the
 * multi-report reader (reader.c) and xxgk_report_parse both use. */
#ifndef XXGK_CSV_H
#define XXGK_CSV_H

#include "internal.h"

#include <stddef.h>

/* ---- records (csv_record.c) ---- */

typedef struct cfield {
    size_t off;            /* byte offset of the field in the input */
    size_t soff, slen;     /* decoded text in the scratch buffer */
    long line, col;
    const char *s;         /* NUL-terminated decoded text (valid after the record is read) */
    int quoted;
} cfield;

typedef struct csvp {
    const char *buf;
    size_t len, pos;
    long line;             /* line at pos */
    size_t line_start;
    size_t cpos;           /* column cache: column ccol at byte cpos */
    long ccol;
    size_t max_line;
    xbuf scratch;
    cfield *f;
    size_t nf, capf;
    long rec_line;
} csvp;

void xx_csv_init(csvp *p, const char *buf, size_t len, size_t max_line);
void xx_csv_scanner_free(csvp *p);
/* Read the next record into p->f. Returns 1 (a record), 0 (end of input) or a negative
 * code. Lines that are entirely empty are skipped. */
int xx_csv_next(csvp *p);
/* Go on reading at byte `off`, the start of line `line`. */
void xx_csv_seek(csvp *p, size_t off, long line);
/* After xx_csv_next failed on a record: its first field when it was read whole (the
 * record's report id in a long CSV), else NULL. The record started at p->f[0].off, on line
 * p->rec_line. */
const char *xx_csv_failed_id(const csvp *p);
/* An error at byte `off` of the input (line and column are derived from it). */
int xx_csv_err(csvp *p, int code, size_t off, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* The same, about a cell. */
int xx_csv_errp(csvp *p, int code, size_t off, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Quote a field when it needs it. */
void xx_csv_put_field(xbuf *b, const char *s);
/* The same for text from a report (agency, sections, tokens, report ids): text that a
 * spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return,
 * after any apostrophes) gets a leading apostrophe, as OWASP recommends; the scanner takes
 * it off again, so the text reads back unchanged. */
void xx_csv_put_text(xbuf *b, const char *s);

/* ---- values (csv_value.c) ---- */

/* Set cell `id` from s[0..n): empty is blank, a plain decimal is a number, anything else a
 * token kept as written. Errors are placed at f. */
int xx_csv_set_value(xxgk_report *r, size_t id, const cfield *f, const char *s, size_t n);
/* The year from s[0..n): empty is no year. */
int xx_csv_set_year(csvp *p, xxgk_report *r, const cfield *f, const char *s, size_t n);

/* ---- the long form, report by report (csv_long.c) ---- */

typedef struct csv_long {
    csvp p;
    struct xxgk_parse_options o;
    const xxgk_template *tpl; /* from the current report's meta.template */
    int has_id, pending;      /* a `report` column; a record read but not yet applied */
    int skip;                 /* the rows left of a report that failed are to be skipped */
    int broken;               /* a malformed record: nothing after it can be read */
    int many;                 /* read by xxgk_reader: report by report */
    int resume;               /* after a malformed record: the next report starts at */
    size_t resume_off;        /* resume_off, on line resume_line */
    long resume_line;
    char *id;                 /* the id of the report last returned, or that failed */
    unsigned char *seen;      /* per cell and per metadata field: already given */
} csv_long;

/* Read the header and the first record (buf is UTF-8: xx_decode_input). 0 or a negative
 * code; free with xx_csv_long_free either way. */
int xx_csv_long_open(csv_long *l, const char *buf, size_t len, const struct xxgk_parse_options *o);
/* The report that starts with the pending record: 0, 1 at the end, or a negative code.
 * After a failure in a report's rows (of a file with a `report` column) the next call
 * goes on with the report after it. After a malformed record, read report by report
 * (l->many), the next call goes on at the next line that begins another report (a line
 * whose report id cannot be read belongs to the report before it), and the message says
 * where; else (l->broken) nothing more is read. */
int xx_csv_long_next(xxgk_report **out, csv_long *l);
void xx_csv_long_free(csv_long *l);

/* ---- the wide form (csv_wide.c, csv_wide_write.c) ---- */

/* the metadata keys of a wide CSV, in this order */
enum { WK_TEMPLATE, WK_YEAR, WK_AGENCY, WK_TITLE, WK_PREAMBLE, WK_COUNT };
extern const char *const xx_wide_keys[WK_COUNT];

#endif
