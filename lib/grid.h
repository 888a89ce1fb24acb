/* SPDX-License-Identifier: MIT */
/* A table as a grid of cells, and the one placer that reads every grid.
 *
 * Every tabular source (a wide CSV's lines, an HTML <table>, a PDF's positioned words)
 * becomes a grid: cells with their text, their place (row, column, rowspan, colspan) and
 * where they came from in the source. The placer (grid_place.c) finds in a grid the
 * template's headings, block captions, header rows and row labels through match.c and
 * places the values. */
#ifndef XXGK_GRID_H
#define XXGK_GRID_H

#include "internal.h"

#include <stddef.h>
#include <stdint.h>

#define XG_NONE UINT32_MAX

typedef struct xg_cell {
    uint32_t row, col, rowspan, colspan;
    uint32_t text, len;   /* text: offset into the grid's text (NUL-terminated) */
    uint32_t norm;        /* after xg_finish: its normalized label, offset into the text; XG_NONE: too long */
    long line, column;    /* source place, 1-based (0: unknown) */
    long long off;        /* source byte offset (-1: unknown) */
    uint8_t quoted;       /* kept as written: spaces around it are part of the value */
    uint8_t absent;       /* the source marks it as not given: no value is placed from it */
} xg_cell;

/* Where a cell came from. */
typedef struct xg_src {
    long line, column;
    long long off;
    int quoted, absent;
    const char *norm;     /* its normalized label (xm_norm) if the producer made it; NULL */
} xg_src;

typedef struct xx_grid {
    xg_cell *cells;
    size_t ncells, capcells;
    xbuf text;
    uint32_t nrows, ncols;
    int32_t *at;          /* after xg_finish: nrows x ncols, the cell covering each place, -1 */
    uint32_t *down;       /* while building: per column, the first row not covered by a rowspan */
    size_t capdown;
    long *row_line;       /* after xg_finish: per row, the source line of its first cell */
} xx_grid;

void xg_init(xx_grid *g);
void xg_free(xx_grid *g);
/* Empty the grid for reuse (keeps its memory). */
void xg_reset(xx_grid *g);

/* Add a cell at (row, col). Rows are added in order. 0 or XXGK_ENOMEM/XXGK_ELIMIT. */
int xg_put(xx_grid *g, uint32_t row, uint32_t col, const char *s, size_t n, const xg_src *src);

/* Add a cell to row `row` at the first column not covered from above (the HTML table
 * model), with its spans. *col receives the column it took. */
int xg_put_next(xx_grid *g, uint32_t row, uint32_t *col, uint32_t rowspan, uint32_t colspan, const char *s,
                size_t n, const xg_src *src);

/* Build the place index (rowspans are cut at the last row). 0 or XXGK_ENOMEM/XXGK_ELIMIT. */
int xg_finish(xx_grid *g);

/* The cell covering (row, col), or NULL. */
static inline const xg_cell *xg_at(const xx_grid *g, uint32_t row, uint32_t col)
{
    if (row >= g->nrows || col >= g->ncols || !g->at)
        return NULL;
    int32_t i = g->at[(size_t)row * g->ncols + col];
    return i < 0 ? NULL : &g->cells[i];
}
static inline const char *xg_text(const xx_grid *g, const xg_cell *c) { return g->text.p + c->text; }
/* The cell's normalized label (after xg_finish), or NULL when it is too long to be one. */
const char *xg_norm(const xx_grid *g, const xg_cell *c);

/* ---- the placer (grid_place.c) ---- */

typedef struct xg_placer {
    xxgk_report *r;
    unsigned char *seen;            /* per cell id: already given */
    unsigned char tables_seen[64];  /* table i had a heading or rows in a grid */
    int strict;        /* an unknown label or a bad value is an error; else a diagnostic */
    size_t placed;     /* values placed so far */
    /* how a value's text becomes the cell's: the placer trims nothing, the producer knows */
    int (*set_value)(struct xg_placer *pl, size_t id, const xx_grid *g, const xg_cell *c);
} xg_placer;

/* Prepare a placer for report r (whose template is known). 0 or XXGK_ENOMEM. */
int xg_placer_init(xg_placer *pl, xxgk_report *r, int strict);
void xg_placer_free(xg_placer *pl);

/* Place the values of grid g into the report. tb: the table the grid's first rows belong to
 * (NULL: a heading row in the grid names it, or, when not strict, its row labels). 0 or a
 * negative code (strict: the first unknown label or bad value). */
int xg_place(xg_placer *pl, xx_grid *g, const xt_table *tb);

#endif
