/* SPDX-License-Identifier: MIT */
/* Internal declarations shared by the library's files. Nothing here is API. */
#ifndef XXGK_INTERNAL_H
#define XXGK_INTERNAL_H

#include "xxgk.h"
#include "template_def.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define XXGK_HIDDEN __attribute__((visibility("hidden")))

#define XX_MAX_SECTIONS 8
#define XX_DEFAULT_MAX_SIZE ((size_t)64 << 20)
#define XX_DEFAULT_MAX_DEPTH 32u
#define XX_DEFAULT_MAX_LINE ((size_t)1 << 20)
#define XX_MAX_SAFE ((int64_t)9007199254740991) /* 2^53 - 1 */
#define XX_MICROS 1000000

/* ---- allocation: every allocation goes through here so tests can fail the n-th one ---- */
void *xx_malloc(size_t n);
void *xx_calloc(size_t n, size_t size);
void *xx_realloc(void *p, size_t n);
void xx_free(void *p);
/* A zeroed block of n bytes, as xx_calloc(1, n), taken from this thread's spare when it has
 * that size; xx_spare_give frees p (n bytes) or keeps it as the spare. For the report's one
 * large block, which a malloc or free would make glibc reshuffle every small chunk for. */
void *xx_spare_take(size_t n);
void xx_spare_give(void *p, size_t n);
char *xx_strdup(const char *s);
char *xx_strndup(const char *s, size_t n);
/* Test hook (not exported from the shared library): make the n-th allocation from now in
 * this thread fail (n >= 1), or disable with 0. Returns how many allocations were made since
 * the last call. */
XXGK_HIDDEN long xx_alloc_fail_at(long n);
XXGK_HIDDEN long xx_alloc_count(void);

/* ---- error detail (thread-local) ---- */
/* Set the error of this thread and return `code`. Any of line/col/off may be 0/-1. The
 * format is a literal that lib/error_zh.c translates (the Chinese message is formatted from
 * the same arguments); arguments are data (numbers, paths, the input's text), never English
 * words - choose another literal instead (tests/shell/test_error_zh.sh holds this). */
int xx_error(int code, long line, long col, long long off, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* The same for a function that forwards its own literal format (registered in
 * tests/shell/error_formats.py). */
int xx_verror(int code, long line, long col, long long off, const char *path, const char *fmt, va_list ap)
    __attribute__((format(printf, 6, 0)));
/* The same with both messages made by the caller (one built from parts in each language). */
int xx_error_texts(int code, long line, long col, long long off, const char *path, const char *zh, const char *en);
/* The error's place is line `line` of page `page` of a paged source. */
void xx_error_set_page(long page, long line);
int xx_oom(void);
/* The Chinese form of an xx_error format (error_zh.c), or NULL. */
const char *xx_error_zh(const char *fmt);

/* ---- growable byte buffer ---- */
typedef struct xbuf {
    char *p;
    size_t len, cap;
    int failed; /* an allocation failed: further appends are ignored */
} xbuf;
int xb_reserve(xbuf *b, size_t extra);
void xb_puts(xbuf *b, const char *s);
/* Appends are on every reader's and writer's path: inline, the buffer grown only when full. */
static inline void xb_put(xbuf *b, const char *s, size_t n)
{
    if (b->failed || (b->len + n + 1 > b->cap && xb_reserve(b, n) != 0))
        return;
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}
static inline void xb_putc(xbuf *b, char c)
{
    if (b->failed || (b->len + 2 > b->cap && xb_reserve(b, 1) != 0))
        return;
    b->p[b->len++] = c;
    b->p[b->len] = '\0';
}
void xb_printf(xbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Finish: on success hand over a NUL-terminated buffer; on failure free and return
 * XXGK_ENOMEM. */
int xb_finish(xbuf *b, char **out, size_t *len);
void xb_free(xbuf *b);

/* ---- numbers ---- */
/* Format a value: counts as integers, amounts (micros) as a decimal without trailing
 * zeros. buf needs 32 bytes. Returns the length. */
size_t xx_format_number(char *buf, int64_t v, int kind);
/* Parse exact decimal text s[0..n): optional sign, digits, optional fraction, optional
 * exponent (JSON style when json != 0, which also forbids leading zeros and "+"). Stores
 * the value scaled by 10^6 in *micros. Returns 0, XXGK_EPARSE (not a number), XXGK_ERANGE
 * (too large) or XXGK_EKIND (more than 6 decimals). */
int xx_parse_decimal(const char *s, size_t n, int json, int64_t *micros, int *is_integral);
/* Whether s[0..n) is a plain decimal ("-12", "7730.28"): the one grammar by which text in
 * a string or CSV field counts as a number rather than a token ("1e3" is a token). */
int xx_is_plain_decimal(const char *s, size_t n);
/* Parse a count exactly over its whole range +-(2^53-1), JSON number syntax (a fraction or
 * exponent is fine when the value is integral). Returns 0, XXGK_EPARSE, XXGK_EKIND (not an
 * integer) or XXGK_ERANGE. */
int xx_parse_count(const char *s, size_t n, int64_t *value);
/* The usual count, read on every cell: an optional '-' and at most 15 digits (< 2^53). 1
 * and *value, or 0 when s[0..n) is anything else (then xx_parse_count decides). */
static inline int xx_plain_count(const char *s, size_t n, int64_t *value)
{
    size_t sign = n && s[0] == '-', k = sign;
    uint64_t v = 0;
    if (n <= sign || n - sign > 15)
        return 0;
    for (; k < n && s[k] >= '0' && s[k] <= '9'; k++)
        v = v * 10 + (uint64_t)(s[k] - '0');
    if (k < n)
        return 0;
    *value = sign ? -(int64_t)v : (int64_t)v;
    return 1;
}
/* Convert a parsed decimal into a cell's value per its kind: counts must be integral and
 * within +-(2^53-1). Returns 0, XXGK_EKIND (fraction in a count), XXGK_ERANGE. */
int xx_value_for_kind(int64_t micros, int is_integral, int kind, int64_t *value);

/* ---- the model ---- */
typedef struct xcell {
    int64_t v;          /* count, or micros for amounts */
    uint32_t line, col;
    uint32_t grid_rec;  /* spreadsheet row (record) it was read from (wide CSV), 0 when none */
    uint16_t grid_field; /* its spreadsheet column, 1-based (A = 1) */
    uint8_t state;      /* XXGK_CELL_* */
    uint8_t note;       /* XX_NOTE_*: what the reader had to interpret */
} xcell;

enum { XX_NOTE_UNIT = 1 /* the value's text carried a unit its column does not use (converted) */ };

/* Where a line of a narrative section was read: 1-based line and column in the source. */
typedef struct xlinepos {
    uint32_t line, col;
} xlinepos;

struct xxgk_report {
    const xxgk_template *t;
    int year;
    char *agency, *title;
    char *sections[XX_MAX_SECTIONS];
    char **tokens;            /* lazily allocated, one per cell */
    xxgk_findings *diag;      /* reader diagnostics, lazily allocated */
    xlinepos *sec_pos[XX_MAX_SECTIONS]; /* per section, the source place of each of its lines */
    uint32_t sec_npos[XX_MAX_SECTIONS], sec_cap[XX_MAX_SECTIONS];
    uint32_t notes;           /* cells with a note (XX_NOTE_*) */
    uint32_t *pages;          /* a paged source: the first line of pages 2, 3, …; NULL */
    uint32_t npages;          /* entries of pages (the number of pages - 1) */
    xcell cells[];            /* t->ncells_all */
};

/* A report for a reader to fill: every printed cell not read (XXGK_CELL_UNREAD) until the
 * reader sets it, optional cells blank. Errors as xxgk_report_new. */
int xx_report_new_read(xxgk_report **out, const xxgk_template *t);
const xt_cell *xx_cell(const xxgk_template *t, size_t id);
/* "Did you mean": of the candidates tried, the one nearest to `what` by edit distance in
 * characters, when near enough to be a slip (at most a third of the longer, at least 1, and
 * not equal); xx_nearest_best gives what was shown for it, or NULL. */
typedef struct xx_nearest {
    uint32_t w[64];
    size_t nw;
    const char *best;
    size_t dist;
} xx_nearest;
void xx_nearest_init(xx_nearest *n, const char *what);
void xx_nearest_try(xx_nearest *n, const char *cand, const char *shown);
const char *xx_nearest_best(const xx_nearest *n);
/* The template's word list of that name (town_suffix, fillers…), or NULL. */
const xt_list *xx_list(const xxgk_template *t, const char *name);
/* Look a path up without touching the error detail: 0 and *id, or -1. */
int xx_lookup(const xxgk_template *t, const char *path, size_t *id);
int xx_section_index(const xxgk_template *t, const char *code);
/* How many label columns a table's rows take as printed: the depth of its row tree. */
int xx_table_label_depth(const xt_table *tb);
/* Set a cell to a number with its source position. No checks. */
void xx_set_number(xxgk_report *r, size_t id, int64_t v, uint32_t line, uint32_t col);
/* The same, inline, for a cell that holds no token (a reader's first write). */
static inline void xx_set_number_fresh(xxgk_report *r, size_t id, int64_t v, uint32_t line, uint32_t col)
{
    if (r->tokens) {
        xx_set_number(r, id, v, line, col);
        return;
    }
    r->cells[id].state = XXGK_CELL_NUMBER;
    r->cells[id].v = v;
    r->cells[id].line = line;
    r->cells[id].col = col;
}
/* A row of tb found in the source: its cells not read so far become blank (the values found
 * are set after). */
void xx_row_read(xxgk_report *r, const xt_table *tb, const xt_row *row);
/* Whether every cell of a row, or of a table, is not read (a writer for people leaves it out,
 * so that reading the output back gives it not read again). */
int xx_row_unread(const xxgk_report *r, const xt_table *tb, const xt_row *row);
int xx_table_unread(const xxgk_report *r, const xt_table *tb);
/* Remember where the next line of section `sec`'s text was read (a reader appends one entry
 * per line it joins into the section, in order), so that a finding about the narrative can
 * name its place. 0 or XXGK_ENOMEM. */
int xx_section_line(xxgk_report *r, size_t sec, uint32_t line, uint32_t col);
/* Forget section sec's places (its text was set by other means). */
void xx_section_forget(xxgk_report *r, size_t sec);
/* Note that cell id was read from a value in a unit its column does not use, converted. */
void xx_note_unit(xxgk_report *r, size_t id);
/* Remember the spreadsheet cell (record, 1-based field) a cell was read from, so that
 * messages can name it as a spreadsheet does (D54). */
void xx_set_grid(xxgk_report *r, size_t id, uint32_t record, uint16_t field);
/* Set a cell to a token (copied). */
int xx_set_token(xxgk_report *r, size_t id, const char *s, size_t n, uint32_t line, uint32_t col);
/* Set a string field (agency, title, section) from s[0..n), validating UTF-8. */
int xx_set_string(char **field, const char *s, size_t n);
/* The same for text already known to be valid UTF-8 without NUL (what a reader took from
 * its checked input), without checking it again. */
int xx_set_text(char **field, const char *s, size_t n);
/* Add a reader diagnostic. */
int xx_diag(xxgk_report *r, const char *rule, int severity, long line, long col, const char *cell_path,
            const char *msg_zh, const char *msg_en);
int xx_diagf(xxgk_report *r, const char *rule, int severity, long line, long col, const char *cell_path,
             const char *fmt_zh, const char *fmt_en, ...);
/* Put the reader diagnostics in reading order (stable: by line only). */
void xx_diag_sort(xxgk_report *r);
/* The pages of a paged source (pages.c): record where each page of text[0..len) starts (a
 * form feed ends a page) and give the reader's diagnostics their page. 0 or XXGK_ENOMEM. */
int xx_paginate(xxgk_report *r, const char *text, size_t len);
/* The page of line `line` of r's source (1-based; 0 when the source has no pages) and, in
 * *in_page, its line within that page. */
uint32_t xx_page_of(const xxgk_report *r, long line, long *in_page);
/* The error just set while reading the paged text[0..len) is at a page: give its page and
 * its line within it (xxgk_error_page). */
void xx_error_paginate(const char *text, size_t len);

/* ---- findings ----
 * A finding keeps its rule, cells and numbers; its message text is formatted only when it is
 * asked for (findings_text.c), so that checking a report allocates and formats nothing per
 * finding beyond these records. */
enum {
    XF_TEXT = 0,      /* literal messages in the arena (reader diagnostics, sums, diffs) */
    XF_IDENTITY,      /* a rule's own message (tr->msg): an identity that does not hold, a
                       * plausibility, a narrative figure; subject, expected, actual, the quote
                       * in msg, and for a figure a = figure, b = the alternative named */
    XF_UNCHECKABLE,   /* an identity with blank or non-numeric operands: tr, the cells */
    XF_OVERFLOW,      /* an identity whose sum overflows: tr, subject */
    XF_CELL_RULE,     /* a per-cell rule (CELL.NONNEG, CELL.AMOUNT): tr, subject, actual */
    XF_TABLE_EMPTY,   /* a table without any number: a = table */
    XF_ROW_BLANK,     /* blank cells in a row: a = table, b = row; the cells */
    XF_TOKEN,         /* a token in a number cell: subject, actual = the token */
    XF_OUTDATED,      /* the old template for the year: a = newer template's index, b = year */
    XF_UNREAD         /* identities not evaluated for cells not read: a = table, b = how many */
};

typedef struct xfinding {
    const char *rule;         /* static */
    const xxgk_template *t;   /* the template whose cells and rules it names (NULL: XF_TEXT) */
    const xt_rule *tr;        /* its rule, where it has one */
    size_t cells, ncells;     /* into f->cellv */
    size_t expected, actual;  /* offsets into f->arena */
    size_t msg, msg_en;       /* XF_TEXT: offsets of the messages into f->arena */
    long line, col;
    int32_t subject;          /* the cell the message is about, -1 */
    int32_t a, b;             /* kind-specific, see XF_* */
    uint32_t grid_rec;        /* spreadsheet row of the subject (wide CSV), 0 when none */
    uint32_t page;            /* a paged source: the page of line (then within the page), 0 none */
    uint16_t grid_field;      /* its spreadsheet column, 1-based */
    uint8_t severity, kind;
} xfinding;

struct xxgk_findings {
    xfinding *items;
    size_t n, cap;
    const char **cellv;       /* static paths */
    size_t ncellv, capcellv;
    char *arena;
    size_t alen, acap;
    struct xmsgcache *cache;  /* formatted messages, filled when asked for (NULL: none kept) */
};
void xx_findings_reset(xxgk_findings *f);
/* Append a finding with literal messages; strings are copied into the arena. Returns 0 or
 * XXGK_ENOMEM. */
int xx_findings_add(xxgk_findings *f, const char *rule, int severity, const char *const *cells, size_t ncells,
                    const char *expected, const char *actual, const char *msg, const char *msg_en, long line,
                    long col);
/* Append a finding whose message is formatted when asked for: *out receives it, with its
 * rule, template, kind and severity set, no cells, empty expected/actual, the position and
 * the spreadsheet cell of `subject` (a cell of r, or -1). Fill the rest with the helpers
 * below. Returns 0 or XXGK_ENOMEM. */
int xx_findings_new_item(xxgk_findings *f, xfinding **out, const char *rule, int kind, int severity,
                         const xxgk_report *r, int32_t subject);
/* Set the item's expected / actual text (copied). 0 or XXGK_ENOMEM. */
int xx_finding_set_values(xxgk_findings *f, xfinding *x, const char *expected, const char *actual);
/* Append cells to the item (the last one added). 0 or XXGK_ENOMEM. */
int xx_finding_add_cells(xxgk_findings *f, xfinding *x, const char *const *paths, size_t n);
/* Set the text a rule's message quotes ({quote}: a sentence, an agency); copied. 0 or
 * XXGK_ENOMEM. */
int xx_finding_set_quote(xxgk_findings *f, xfinding *x, const char *quote);
/* Drop the last item (after a failed fill). */
void xx_findings_drop_last(xxgk_findings *f);
/* Append all findings of src to dst. */
/* Replace the messages of a literal finding (XF_TEXT). 0 or XXGK_ENOMEM. */
int xx_finding_set_text(xxgk_findings *f, xfinding *x, const char *msg, const char *msg_en);
int xx_findings_append(xxgk_findings *dst, const xxgk_findings *src);
/* Order the findings as the report reads: by line and column, those without a place first,
 * ties kept in the order they were found. */
void xx_findings_sort(xxgk_findings *f);
/* Format finding i's message (en: English) into buf (size bytes, NUL-terminated, truncated);
 * returns the length the whole text needs. No allocation. */
size_t xx_finding_text(char *buf, size_t size, const xxgk_findings *f, size_t i, int en);

/* ---- checks of the narrative and plausibility (check_text.c, check_plaus.c) ---- */
/* digits: the sections (bit i) that hold a digit; only those are read. */
int xx_check_text(xxgk_findings *f, const xxgk_report *r, const xt_rule *ru, unsigned digits);
int xx_check_town(xxgk_findings *f, const xxgk_report *r, const xt_rule *ru);
int xx_check_period(xxgk_findings *f, const xxgk_report *r, const xt_rule *ru, unsigned digits);
int xx_check_unit(xxgk_findings *f, const xxgk_report *r, const xt_rule *ru);

/* ---- options ---- */
struct xxgk_parse_options {
    int format, strict;
    const xxgk_template *tpl;
    size_t max_size, max_line;
    unsigned max_depth;
    char *source;
};
struct xxgk_check_options {
    int blank_as_zero, diagnostics, copy_threshold;
};
struct xxgk_write_options {
    int format, lang_en, header;
    char *report_id;
    const xxgk_findings *findings;
    int bom; /* wide CSV starts with a UTF-8 byte order mark */
};
/* Effective options (defaults when o is NULL). */
void xx_parse_defaults(struct xxgk_parse_options *o, const xxgk_parse_options *user);

/* ---- positions in a buffer ---- */
/* Line (1-based) and column (1-based, in code points) of byte offset `off` in buf. */
void xx_position(const char *buf, size_t len, size_t off, long *line, long *col);

/* ---- formats ---- */
int xx_json_read(xxgk_report **out, const char *buf, size_t len, const struct xxgk_parse_options *o);
int xx_json_write(xbuf *b, const xxgk_report *r, const struct xxgk_write_options *o);
/* Optional readers and writers (other files). They return XXGK_EFORMAT when absent. */
int xx_text_read(xxgk_report **out, const char *buf, size_t len, const struct xxgk_parse_options *o);
int xx_text_write(xbuf *b, const xxgk_report *r, const struct xxgk_write_options *o);
int xx_markdown_write(xbuf *b, const xxgk_report *r, const struct xxgk_write_options *o);
int xx_csv_read(xxgk_report **out, const char *buf, size_t len, const struct xxgk_parse_options *o);
int xx_csv_write(xbuf *b, const xxgk_report *r, const struct xxgk_write_options *o);
int xx_csv_wide_read(xxgk_report **out, const char *buf, size_t len, const struct xxgk_parse_options *o);
int xx_csv_wide_write(xbuf *b, const xxgk_report *r, const struct xxgk_write_options *o);
int xx_html_write(xbuf *b, const xxgk_report *r, const struct xxgk_write_options *o);
/* Read one report from buf[0..len), already UTF-8 (xx_decode_input done), in the format of
 * o (sniffed when AUTO), with o's strictness: xxgk_report_parse after its checks and the
 * decoding. */
int xx_parse_decoded(xxgk_report **out, const char *buf, size_t len, const struct xxgk_parse_options *o);
/* Strict reading: XXGK_ESTRICT, the error naming the first diagnostic of r that is a warning
 * or worse (its place, its message in both languages), or 0 when there is none. */
int xx_strict_error(const xxgk_report *r);
/* Turn the input into UTF-8 (encoding.c) for a reader of `format` (0: sniffed): a web page,
 * or text holding HTML table markup, by the character set it declares. */
int xx_decode_report(const char **buf, size_t *len, char **decoded, int format);
int xx_html_read(xxgk_report **out, const char *buf, size_t len, const struct xxgk_parse_options *o);
/* Guess the format of buf (XXGK_FORMAT_*), from the content alone. */
int xx_sniff(const char *buf, size_t len);

#endif
