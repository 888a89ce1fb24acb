/* SPDX-License-Identifier: MIT */
/* Text reader: values whose order is not the rows' order. An extractor that reads a PDF
 * without its layout (pdftotext without -layout) prints a table column by column, or two
 * rows' cells alternately; the blank lines between its blocks of values show it. Values are
 * placed row by row only when every block boundary falls on a row boundary. */
#include "text_read.h"

/* Whether a blank line separates lines a < b (the lines between them are not stored). */
static int blank_between(const reader *rd, uint32_t a, uint32_t b)
{
    for (uint32_t k = a; k < b; k++)
        if (rd->lines[k].no + 1 != rd->lines[k + 1].no)
            return 1;
    return 0;
}

/* The lines around line li printed without a blank line between them. */
static size_t block_lines(const reader *rd, uint32_t li)
{
    size_t a = li, e = li;
    while (a > 0 && rd->lines[a - 1].no + 1 == rd->lines[a].no)
        a--;
    while (e + 1 < rd->nlines && rd->lines[e].no + 1 == rd->lines[e + 1].no)
        e++;
    return e - a + 1;
}

int tx_layout_breaks(const reader *rd, uint32_t a, uint32_t b)
{
    return a < b && blank_between(rd, a, b) && block_lines(rd, a) != block_lines(rd, b);
}

int tx_rows_in_order(const reader *rd, size_t r0, size_t r1, uint32_t width)
{
    if (r0 >= r1 || width == 0)
        return 1;
    uint32_t v0 = rd->rows[r0].v0, ve = rd->rows[r1 - 1].v0 + rd->rows[r1 - 1].nv;
    int singles = 1, aligned = 1;
    uint32_t start = v0; /* first value of the current block */
    for (uint32_t v = v0 + 1; v <= ve; v++) {
        if (v < ve && !blank_between(rd, rd->cells[rd->vals[v - 1]].line, rd->cells[rd->vals[v]].line))
            continue;
        if (v - start != 1)
            singles = 0;
        if (v < ve && (v - v0) % width != 0)
            aligned = 0;
        start = v;
    }
    return singles || aligned;
}
