/* SPDX-License-Identifier: MIT */
/* The published plain-text form (and Markdown): reader.
 *
 * Policy: a number is placed only where the text proves it belongs. A row label is matched
 * to a template row through the normalized labels (exact, without ordinal, containment,
 * a small unambiguous edit distance); column positions come from the row's cells in
 * reading order. Rows whose label is missing are placed by order only between two matched
 * anchors with exactly as many template rows between them; everything else stays blank and
 * is named in a diagnostic.
 *
 * One pass splits the text into lines, finds the title, the headings (which give each line
 * a region: preamble, a narrative section or a table) and the cells of table lines; a
 * second pass matches labels and builds the rows of each table; a third places them. The
 * passes live in the files text_read.h lists; this file runs them. */
#include "text_read.h"

#include <string.h>

static void reader_free(reader *rd)
{
    xx_free(rd->lines);
    xx_free(rd->cells);
    xx_free(rd->rows);
    xx_free(rd->vals);
    xx_free(rd->empties);
}

/* Whether table ti's lines hold whole rows (else one cell per line). */
static int row_per_line(const reader *rd, int ti, int *found, long *end_line)
{
    int rowmode = 0, anyvalue = 0, wordrows = 0;
    *found = 0;
    *end_line = 0;
    for (size_t li = 0; li < rd->nlines; li++) {
        const tline *ln = &rd->lines[li];
        if (ln->region != ti)
            continue;
        *found = 1;
        *end_line = (long)ln->no;
        if (ln->heading || ln->skip || !ln->nc)
            continue;
        uint32_t nc = ln->nc, nonblank = 0;
        while (nc > ln->nlab && rd->cells[ln->c0 + nc - 1].value == V_BLANK)
            nc--; /* " 0  | ||": trailing empty cells of merged columns */
        uint32_t nv = nc - ln->nlab;
        if (ln->nfilled && (ln->nlab > 0 || nv >= 2))
            rowmode = 1;
        if (ln->nfilled)
            anyvalue = 1;
        /* a `|` line of two or more cells: in a table without any number, rows are lines */
        for (uint32_t k = 0; ln->pipe && k < ln->nc; k++)
            nonblank += rd->cells[ln->c0 + k].value != V_BLANK;
        if (nonblank >= 2)
            wordrows = 1;
    }
    return rowmode || (!anyvalue && wordrows);
}

/* The state of one table between placing it and naming what was not found. */
typedef struct tstate {
    int found, skip;
    long end_line;
    int seen[256];
} tstate;

static int read_table(reader *rd, size_t ti, tstate *ts)
{
    const xt_table *tb = &rd->t->tables[ti];
    int rowmode = row_per_line(rd, (int)ti, &ts->found, &ts->end_line), rc;
    size_t r0;
    rd->stream = !rowmode;
    rd->need_proof = 0;
    if (tx_table_is_runon(rd, (int)ti))
        rc = tx_build_rows_runon(rd, (int)ti, &r0);
    else
        rc = rowmode ? tx_build_rows_rowmode(rd, (int)ti, &r0) : tx_build_rows_stream(rd, (int)ti, &r0);
    if (rc == 1) {
        ts->skip = 1; /* unreadable (diagnosed) */
        return 0;
    }
    if (rc)
        return rc;
    if (tb->nrows > 256)
        return xx_error(XXGK_ETEMPLATE, 0, 0, -1, NULL, "template table too large");
    return tx_place_table(rd, (int)ti, r0, rd->nrows, ts->seen);
}

static int read_tables(reader *rd)
{
    int rc = 0;
    size_t nt = rd->t->ntables;
    tstate *ts = xx_calloc(nt ? nt : 1, sizeof *ts);
    if (!ts)
        return xx_oom();
    for (size_t ti = 0; ti < nt && rc == 0; ti++)
        rc = read_table(rd, ti, &ts[ti]);
    /* rows printed empty are proven only once every table's values are placed */
    for (size_t ti = 0; ti < nt && rc == 0; ti++)
        rc = ts[ti].skip ? 0 : tx_printed_empty(rd, (int)ti, ts[ti].seen);
    for (size_t ti = 0; ti < nt && rc == 0; ti++)
        if (!ts[ti].skip)
            rc = tx_missing(rd, (int)ti, ts[ti].seen, ts[ti].found, ts[ti].found ? ts[ti].end_line : rd->last_line);
    xx_free(ts);
    return rc;
}

static int read_text(reader *rd, const struct xxgk_parse_options *o)
{
    int rc;
    if ((rc = tx_scan_lines(rd, o)) != 0)
        return rc;
    tx_find_meta(rd);
    if ((rc = tx_choose_template(rd, o)) != 0 ||
        (rc = tx_read_meta(rd)) != 0)
        return rc;
    return read_tables(rd);
}


int xx_text_read(xxgk_report **out, const char *buf, size_t len, const struct xxgk_parse_options *o)
{
    *out = NULL;
    if (len >= UINT32_MAX)
        return xx_error(XXGK_ELIMIT, 0, 0, -1, NULL, "text input of %zu bytes is too large", len);
    /* the input is valid UTF-8 here (encoding.c); invalid bytes would only be read as
     * U+FFFD by the normalizer */
    reader rd;
    memset(&rd, 0, sizeof rd);
    rd.col_line = SIZE_MAX;
    rd.buf = buf;
    rd.len = len;
    rd.md = o->format == XXGK_FORMAT_MARKDOWN;
    rd.pdf = o->format == XXGK_FORMAT_PDFTEXT;
    int rc = read_text(&rd, o);
    if (rc == 0) {
        int anything = 0;
        for (size_t i = 0; i < rd.nlines && !anything; i++)
            anything = rd.lines[i].heading || (rd.lines[i].region >= 0 && rd.lines[i].region < REG_SEC);
        if (!anything && rd.r && !xxgk_report_title(rd.r)[0]) {
            rc = xx_error(XXGK_EEMPTY, 1, 1, 0, NULL,
                          "no report found in the text: no title, no section heading and no table heading");
        }
    }
    reader_free(&rd);
    if (rc == 0)
        xx_diag_sort(rd.r);
    if (rc) {
        xxgk_report_free(rd.r);
        return rc;
    }
    *out = rd.r;
    return 0;
}
