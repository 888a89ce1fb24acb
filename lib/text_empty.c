/* SPDX-License-Identifier: MIT */
/* Text reader: rows printed empty. A form filled in with nothing (or a table left empty)
 * prints its row labels and no value; such a row was read, blank, and is not "not found".
 * Emptiness is proven, never presumed: every value of the text's tables was placed in some
 * cell (so none can be this row's, wherever the extractor put it), no line outside the
 * tables is a bare value, and after the label the text goes on - to a later row's label or
 * a heading - with no value in between. A label the text ends on stays not read. */
#include "text_read.h"

#include <string.h>

int tx_note_empty(reader *rd, int table, int row, uint32_t cell)
{
    if (cell == UINT32_MAX)
        return 0;
    if (tx_grow((void **)&rd->empties, &rd->capempties, rd->nempties + 1, sizeof(tempty)))
        return XXGK_ENOMEM;
    rd->empties[rd->nempties++] = (tempty){ .table = table, .row = row, .cell = cell };
    return 0;
}

static int is_table(const reader *rd, int region)
{
    return region >= 0 && (size_t)region < rd->t->ntables;
}

static int is_value(uint8_t v)
{
    return v == V_NUMBER || v == V_TOKEN || v == V_RUN;
}

/* Whether every value the text gives for its tables is in a cell of the report, and no line
 * elsewhere is a bare value that an extractor may have moved out of a table. */
static int all_values_placed(const reader *rd)
{
    for (size_t li = 0; li < rd->nlines; li++) {
        const tline *ln = &rd->lines[li];
        if (ln->runon)
            return 0; /* run-together text: its runs are split, not placed cell by cell */
        if (!is_table(rd, ln->region) || ln->heading) {
            vparse vp;
            if (is_value((uint8_t)tx_value_class(rd->buf + ln->off, ln->len, &vp)))
                return 0;
            continue;
        }
        for (uint32_t k = ln->raw_c0; k < ln->c0 + ln->nc; k++)
            if (is_value(rd->cells[k].value) && !rd->cells[k].placed)
                return 0;
    }
    return 1;
}

/* Whether, after label cell `cell` of row `row`, the text goes on to a heading or to the
 * label of a later row of table ti without a value in between. */
static int goes_on(const reader *rd, int ti, int row, uint32_t cell)
{
    const xt_table *tb = &rd->t->tables[ti];
    uint32_t li = rd->cells[cell].line;
    for (size_t l = li; l < rd->nlines; l++) {
        const tline *ln = &rd->lines[l];
        if (l > li && (ln->heading || ln->region != ti))
            return 1;
        if (ln->skip)
            continue;
        for (uint32_t k = l == li ? cell + 1 : ln->raw_c0; k < ln->c0 + ln->nc; k++) {
            const tcell *c = &rd->cells[k];
            if (is_value(c->value))
                return 0;
            int a, b;
            if (c->value == V_TEXT && tx_match_label(tb, rd->buf + c->off, c->len, -1, 1, &a, &b) > row)
                return 1;
        }
    }
    return 0;
}

/* A table printed side by side with one line of values (表四): its header is printed, no
 * value is, and a heading follows. */
static int inline_empty(const reader *rd, int ti, long *line)
{
    const xt_table *tb = &rd->t->tables[ti];
    int labels = 0;
    size_t last = SIZE_MAX;
    for (size_t l = 0; l < rd->nlines; l++) {
        const tline *ln = &rd->lines[l];
        if (ln->region != ti)
            continue;
        last = l;
        for (uint32_t k = ln->raw_c0; k < ln->c0 + ln->nc && !ln->heading; k++) {
            const tcell *c = &rd->cells[k];
            int a, b;
            if (is_value(c->value))
                return 0;
            if (c->value == V_TEXT && !labels && tx_match_label(tb, rd->buf + c->off, c->len, -1, 1, &a, &b) != -1) {
                labels = 1;
                *line = (long)ln->no;
            }
        }
    }
    return labels && last + 1 < rd->nlines && rd->lines[last + 1].heading;
}

static int rows_read_blank(reader *rd, int ti, int nrows, long line)
{
    const xt_table *tb = &rd->t->tables[ti];
    if (tb->inline_layout)
        return xx_diagf(rd->r, "READ.EMPTY", XXGK_SEVERITY_INFO, line, 1, NULL,
                        "第%ld行：表%s只印出表头、没有数值，读作空白",
                        "line %ld: table %s prints its header and no value: read blank", line, tb->number);
    return xx_diagf(rd->r, "READ.EMPTY", XXGK_SEVERITY_INFO, line, 1, NULL,
                    "第%ld行：表%s有 %d 行只印出行标签、没有数值，读作空白",
                    "line %ld: table %s prints %d rows with their labels and no value: read blank", line, tb->number,
                    nrows);
}

int tx_printed_empty(reader *rd, int ti, int *seen)
{
    const xt_table *tb = &rd->t->tables[ti];
    int n = 0, placed = -1; /* all_values_placed, once asked */
    long first = 0;
    if (tb->inline_layout) {
        if (!xx_table_unread(rd->r, tb) || !inline_empty(rd, ti, &first) || !all_values_placed(rd))
            return 0;
        for (int k = 0; k < tb->nrows; k++)
            if (tb->rows[k].flags & XT_ROW_CELLS) {
                xx_row_read(rd->r, tb, &tb->rows[k]);
                seen[k] = 1;
                n++;
            }
    }
    for (size_t e = 0; e < rd->nempties && !tb->inline_layout; e++) {
        const tempty *em = &rd->empties[e];
        const xt_row *rw = &tb->rows[em->row];
        if (em->table != ti || !xx_row_unread(rd->r, tb, rw) || !goes_on(rd, ti, em->row, em->cell))
            continue;
        if (placed < 0)
            placed = all_values_placed(rd);
        if (!placed)
            return 0;
        xx_row_read(rd->r, tb, rw);
        seen[em->row] = 1;
        if (!n++)
            first = tx_lno(rd, rd->cells[em->cell].line);
    }
    return n ? rows_read_blank(rd, ti, n, first) : 0;
}
