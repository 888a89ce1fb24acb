/* SPDX-License-Identifier: MIT */
/* The plain-text and Markdown reader's shared state and passes (see text_read.c for the
 * policy). Nothing here is API.
 *
 *   text_scan.c   pass 1: lines, cells, value classes
 *   text_find.c   headings, a table without its heading, which template
 *   text_label.c  a row label to a template row
 *   text_rows.c   pass 2: the rows of one table (one row per line, or one cell per line)
 *   text_runon.c  a page's text run together on one line: headings, labels, runs
 *   text_split.c  a run of digits split into cells, only when proven
 *   text_interleave.c  values printed in another order than the rows'
 *   text_prove.c  the template's identities as proof of a reading
 *   text_place.c  pass 3: values into template cells, rows not found
 *   text_empty.c  rows the text proves printed empty (labels without values)
 *   text_meta.c   title, agency, year, narrative sections
 *   text_read.c   the driver */
#ifndef XXGK_TEXT_READ_H
#define XXGK_TEXT_READ_H

#include "internal.h"

#include <stddef.h>
#include <stdint.h>

enum { REG_PRE = -1, REG_SEC = 100 }; /* tables 0..ntables-1; sections REG_SEC + i */

enum { V_BLANK, V_NUMBER, V_TOKEN, V_TEXT, V_RUN }; /* V_RUN: digits of several cells run together */

typedef struct tcell {
    uint32_t off, len; /* trimmed text in buf */
    uint32_t col;      /* 1-based column in characters */
    uint32_t line;     /* 0-based line index */
    uint8_t value;     /* V_* */
    uint8_t placed;    /* its text was put into a report cell (tx_put_value) */
} tcell;

typedef struct tline {
    uint32_t no;         /* line number (1-based); blank lines are not stored */
    uint32_t off, len;   /* trimmed content */
    uint32_t c0, nc;     /* cells (table lines only) */
    uint32_t raw_c0;     /* first cell before leading blanks were dropped */
    uint32_t nlab;       /* leading label cells */
    uint32_t nfilled;    /* non-empty value cells */
    int16_t region;
    uint8_t pipe, heading, skip;
    uint8_t bars;        /* a line of only `|` in a table: how many (its blank cell at c0) */
    uint8_t runon;       /* a table's text run together on one line (cells split in pass 2) */
    uint32_t col0;       /* column of its first character (segments of a run-together line) */
} tline;

typedef struct trow {
    int row;             /* template row, -1 unlabeled */
    uint32_t line;       /* index of its line (0-based) */
    uint32_t col;
    uint32_t v0, nv;     /* value cells: indices into rd->vals (cell indices) */
    uint32_t lab;        /* cell index of its label (UINT32_MAX: none) */
    uint8_t bad;         /* its values cannot be told apart from the next row's (diagnosed) */
    uint8_t cont;        /* unlabeled: its values run on from the row before without a break */
    uint8_t last_only;   /* its one value is its last cell, the others printed empty */
    uint8_t runon;       /* its values are runs of digits to split (text_split.c) */
} trow;

/* What the text says about itself: title, agency, year (found before the template is chosen). */
typedef struct tmeta {
    char title[820];
    size_t title_len;
    char agency[256];
    size_t agency_len;
    int year;
    size_t pre_from;       /* the first line of the preamble (after the title) */
} tmeta;

/* A row label the text prints with no value after it (the next thing is another label): its
 * cells are printed empty when text_empty.c proves it. */
typedef struct tempty {
    int table, row;
    uint32_t cell;       /* its label cell */
} tempty;

typedef struct reader {
    const char *buf;
    size_t len;
    const xxgk_template *t;
    xxgk_report *r;
    tline *lines;
    size_t nlines, caplines;
    tcell *cells;
    size_t ncells, capcells;
    trow *rows;
    size_t nrows, caprows;
    uint32_t *vals;
    size_t nvals, capvals;
    tempty *empties;
    size_t nempties, capempties;
    size_t col_line;       /* column cache for add_cell */
    uint32_t col_off, col_val;
    long last_line;        /* number of the text's last line */
    int s2019, s2021;      /* label words seen that only one template has */
    int stream;            /* the table being read has one cell per line */
    int need_proof;        /* its values are placed only when its identities hold */
    int md;                /* Markdown: entities (&lt;) stand for their characters */
    int pdf;               /* pdftotext's text of a PDF: spaces in a title are its own */
    tmeta meta;
} reader;

typedef struct vparse {
    char num[64];   /* ASCII number text */
    size_t n;
    int word_sign;  /* -1 for 减, +1 for 增, 0 none */
    int unit;       /* 0 none, 1 件/项/个, 2 万元, 3 元 */
} vparse;

/* ---- text_scan.c ---- */
/* Grow *p (an array of *cap elements of `size` bytes) to hold `need`. 0 or XXGK_ENOMEM. */
int tx_grow(void **p, size_t *cap, size_t need, size_t size);
/* Narrow buf[*off..*off+*len) to its content without surrounding white space. */
void tx_trim(const char *buf, uint32_t *off, uint32_t *len);
/* Parse value text into vp. Returns V_BLANK, V_NUMBER, V_TOKEN (a standard
 * not-applicable token) or V_TEXT. */
int tx_value_class(const char *s, size_t n, vparse *vp);
/* Pass 1: split rd->buf into lines, give each its region, split table lines into cells. */
int tx_scan_lines(reader *rd, const struct xxgk_parse_options *o);

/* ---- text_runon.c ---- */
/* A line that holds a whole report run together ("…二、主动公开政府信息情况第二十条第（一）项
 * 信息内容…规章000行政规范性文件417…"): split at its headings into lines of their own
 * (tables' text flagged runon). 0: not such a line; 1: done (lines added); or an error. */
int tx_runon_line(reader *rd, const xxgk_template *ht, const tline *ln, uint32_t line_off, int *region);
/* Pass 2 for a table read from run-together text: each row label followed by a run of
 * digits is a row whose cells the splitter finds. */
int tx_build_rows_runon(reader *rd, int ti, size_t *first_row);
/* Whether table ti's text was run together. */
int tx_table_is_runon(const reader *rd, int ti);

/* ---- text_split.c ---- */
/* Pass 3 for a run-together table: split every row's runs into its cells where exactly one
 * split fits their form and the template's identities; the rest stay blank, diagnosed. */
int tx_place_runon(reader *rd, int ti, size_t r0, size_t r1, int *seen);

/* ---- text_find.c ---- */
/* A heading: the region it starts (a table index or REG_SEC + section), or -2. */
int tx_heading_of(const xxgk_template *t, const char *s, size_t n);
/* The table whose row a line before any heading is, or -1. */
int tx_headless_table(reader *rd, const tline *ln);
/* Count the words of normalized text that only one template's labels have. */
void tx_detect_words(const char *norm, int *s2019, int *s2021);
/* Set rd->t (o->tpl, else the one the labels tell) and create rd->r. */
int tx_choose_template(reader *rd, const struct xxgk_parse_options *o);

/* ---- text_label.c ---- */
int tx_has(const char *hay, const char *needle);
/* xn_label plus the word forms of zh-TW text, folded. */
size_t tx_label_norm(char *out, size_t cap, const char *in, size_t len);
int tx_row_has_cells(const xt_row *rw);
/* Match a label to a row of table tb. Returns the row, -1 for no match, or -2 when two rows
 * match equally well (*amb1 and *amb2 name them). */
int tx_match_label(const xt_table *tb, const char *s, size_t n, int ctx, int loose, int *amb1, int *amb2);

/* ---- text_rows.c ---- */
long tx_lno(const reader *rd, uint32_t li);
/* Open a row (template row `row`, -1 unlabeled) read on line li, its label cell lab
 * (UINT32_MAX: none), and add a value cell to the last row. 0 or XXGK_ENOMEM. */
int tx_new_row(reader *rd, int row, uint32_t li, uint32_t col, uint32_t lab);
int tx_add_val(reader *rd, uint32_t cell);
/* Pass 2 for table ti, rows from *first_row on: 0, 1 (the table is unreadable; diagnosed)
 * or an error. */
int tx_build_rows_rowmode(reader *rd, int ti, size_t *first_row);
int tx_build_rows_stream(reader *rd, int ti, size_t *first_row);

/* ---- text_interleave.c ---- */
/* A full row's last value on line a, the next value on line b: the text changes its layout
 * between them (a blank line, and blocks of another size: "9 ⏎⏎ 0 ⏎ 0 ⏎ 1 ⏎ …"), so the values
 * that follow do not run on from that row. */
int tx_layout_breaks(const reader *rd, uint32_t a, uint32_t b);
/* Whether the values of rows r0..r1 (contiguous in rd->vals), `width` to a row, are printed
 * in the rows' order: one value per paragraph, or blocks that end where a row ends. */
int tx_rows_in_order(const reader *rd, size_t r0, size_t r1, uint32_t width);

/* ---- text_prove.c ---- */
/* Whether the template's identities hold for candidate values vals[k] of cells ids[k] (with
 * the numbers already read, unless `local`: then only among the candidates): 0 when one
 * that involves a candidate and whose every cell is known fails, else 1; *checked counts
 * those that were evaluated. Values are as stored (counts, or micros for amounts). */
int tx_prove(const xxgk_report *r, const size_t *ids, const int64_t *vals, size_t n, int local, int *checked);

/* ---- text_place.c ---- */
/* Put the value text of text cell ci into report cell id (a number, a token or blank,
 * diagnosed when it is not a value this cell takes): xx_value_set_text; the text cell is
 * marked placed. 0 or an error. */
int tx_put_value(reader *rd, size_t id, uint32_t ci);
/* Pass 3: place rows r0..r1 of table ti; seen[row] is set for every row read. */
int tx_place_table(reader *rd, int ti, size_t r0, size_t r1, int *seen);
/* Name the rows of table ti not seen (or the table when not found). */
int tx_missing(reader *rd, int ti, const int *seen, int table_found, long end_line);

/* ---- text_empty.c ---- */
/* Remember that the label in cell `cell` names row `row` of table `table` and no value
 * follows it. 0 or XXGK_ENOMEM. */
int tx_note_empty(reader *rd, int table, int row, uint32_t cell);
/* After every table is placed: the rows of table ti the text proves printed empty are read
 * blank (and seen). 0 or an error. */
int tx_printed_empty(reader *rd, int ti, int *seen);

/* ---- text_meta.c ---- */
/* Find the title, agency and year (rd->meta): the title among the first lines, the year
 * from it, else from the reporting period, else from the narrative when it is plain. */
void tx_find_meta(reader *rd);
/* Give the report its title, agency, year and narrative sections. */
int tx_read_meta(reader *rd);

#endif
