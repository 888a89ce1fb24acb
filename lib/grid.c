/* SPDX-License-Identifier: MIT */
/* A table as a grid of cells (see grid.h). */
#include "grid.h"
#include "match.h"

#include <string.h>

/* Far above any report table, low enough that a hostile span cannot exhaust memory. */
#define XG_MAX_PLACES ((size_t)1 << 18)
#define XG_MAX_SPAN 1000u
/* Longer text is not a label: it is not normalized. */
#define XG_MAX_LABEL (4 * XM_NORM_CAP)

void xg_init(xx_grid *g)
{
    memset(g, 0, sizeof *g);
}

void xg_free(xx_grid *g)
{
    xx_free(g->cells);
    xb_free(&g->text);
    xx_free(g->at);
    xx_free(g->down);
    xx_free(g->row_line);
    xg_init(g);
}

void xg_reset(xx_grid *g)
{
    g->ncells = 0;
    g->text.len = 0;
    g->text.failed = 0;
    g->nrows = g->ncols = 0;
    xx_free(g->at);
    g->at = NULL;
    xx_free(g->row_line);
    g->row_line = NULL;
    if (g->down)
        memset(g->down, 0, g->capdown * sizeof *g->down);
}

static int add(xx_grid *g, uint32_t row, uint32_t col, uint32_t rowspan, uint32_t colspan, const char *s, size_t n,
               const xg_src *src)
{
    if (n >= UINT32_MAX / 2 || g->text.len + n + 1 >= UINT32_MAX / 2)
        return xx_error(XXGK_ELIMIT, src ? src->line : 0, src ? src->column : 0, src ? src->off : -1, NULL,
                        "table text longer than the limit of 2 GiB");
    if (g->ncells == g->capcells) {
        size_t cap = g->capcells ? g->capcells * 2 : 256; /* a report table holds about 300 */
        xg_cell *nc = xx_realloc(g->cells, cap * sizeof *nc);
        if (!nc)
            return xx_oom();
        g->cells = nc;
        g->capcells = cap;
    }
    xg_cell *c = &g->cells[g->ncells];
    memset(c, 0, sizeof *c);
    c->row = row;
    c->col = col;
    c->rowspan = rowspan ? rowspan : 1;
    c->colspan = colspan ? colspan : 1;
    c->text = (uint32_t)g->text.len;
    c->len = (uint32_t)n;
    c->norm = XG_NONE;
    c->line = src ? src->line : 0;
    c->column = src ? src->column : 0;
    c->off = src ? src->off : -1;
    c->quoted = src && src->quoted;
    c->absent = src && src->absent;
    xb_put(&g->text, s, n);
    xb_putc(&g->text, '\0');
    if (src && src->norm && n < XG_MAX_LABEL) {
        c->norm = (uint32_t)g->text.len;
        xb_puts(&g->text, src->norm);
        xb_putc(&g->text, '\0');
    }
    if (g->text.failed)
        return xx_oom();
    g->ncells++;
    if (row + 1 > g->nrows)
        g->nrows = row + 1; /* rows a span reaches below the last row do not exist */
    if (col + c->colspan > g->ncols)
        g->ncols = col + c->colspan;
    if ((size_t)g->nrows * g->ncols > XG_MAX_PLACES)
        return xx_error(XXGK_ELIMIT, c->line, c->column, c->off, NULL,
                        "table of %u rows and %u columns exceeds the limit of %zu places", g->nrows, g->ncols,
                        XG_MAX_PLACES);
    return 0;
}

int xg_put(xx_grid *g, uint32_t row, uint32_t col, const char *s, size_t n, const xg_src *src)
{
    return add(g, row, col, 1, 1, s, n, src);
}

int xg_put_next(xx_grid *g, uint32_t row, uint32_t *col, uint32_t rowspan, uint32_t colspan, const char *s,
                size_t n, const xg_src *src)
{
    if (rowspan == 0 || rowspan > XG_MAX_SPAN)
        rowspan = rowspan ? XG_MAX_SPAN : 1;
    if (colspan == 0 || colspan > XG_MAX_SPAN)
        colspan = colspan ? XG_MAX_SPAN : 1;
    uint32_t c = *col;
    while (c < g->capdown && g->down[c] > row)
        c++;
    if ((size_t)c + colspan > XG_MAX_PLACES)
        return xx_error(XXGK_ELIMIT, src ? src->line : 0, src ? src->column : 0, src ? src->off : -1, NULL,
                        "table wider than the limit of %zu columns", XG_MAX_PLACES);
    if (c + colspan > g->capdown) {
        size_t cap = g->capdown ? g->capdown : 16;
        while (cap < c + colspan)
            cap *= 2;
        uint32_t *nd = xx_realloc(g->down, cap * sizeof *nd);
        if (!nd)
            return xx_oom();
        memset(nd + g->capdown, 0, (cap - g->capdown) * sizeof *nd);
        g->down = nd;
        g->capdown = cap;
    }
    int rc = add(g, row, c, rowspan, colspan, s, n, src);
    if (rc)
        return rc;
    for (uint32_t k = 0; k < colspan; k++)
        g->down[c + k] = row + rowspan;
    *col = c + colspan;
    return 0;
}

/* The normalized label of cell c, unless its producer gave it: the one of the cell above
 * when that holds the same text (a group label repeated on every line), else made here. */
static void norm_cell(xx_grid *g, xg_cell *c)
{
    if (c->norm != XG_NONE)
        return;
    int32_t up = c->row > 0 ? g->at[(size_t)(c->row - 1) * g->ncols + c->col] : -1;
    if (up >= 0) {
        const xg_cell *u = &g->cells[up];
        if (u->norm != XG_NONE && u->len == c->len && !memcmp(xg_text(g, u), xg_text(g, c), c->len)) {
            c->norm = u->norm;
            return;
        }
    }
    char x[XM_NORM_CAP];
    size_t n;
    if (c->len < XG_MAX_LABEL && (n = xm_norm(x, sizeof x, xg_text(g, c), c->len)) < sizeof x) {
        c->norm = (uint32_t)g->text.len;
        xb_put(&g->text, x, n + 1); /* with its NUL */
    }
}

int xg_finish(xx_grid *g)
{
    size_t places = (size_t)g->nrows * g->ncols;
    xx_free(g->at);
    xx_free(g->row_line);
    g->at = NULL;
    g->row_line = NULL;
    if (!g->nrows)
        return 0;
    g->at = xx_malloc((places ? places : 1) * sizeof *g->at);
    g->row_line = xx_calloc(g->nrows, sizeof *g->row_line);
    if (!g->at || !g->row_line)
        return xx_oom();
    for (size_t k = 0; k < places; k++)
        g->at[k] = -1;
    for (size_t i = 0; i < g->ncells; i++) {
        xg_cell *c = &g->cells[i];
        norm_cell(g, c);
        if (!g->row_line[c->row])
            g->row_line[c->row] = c->line;
        for (uint32_t r = c->row; r < c->row + c->rowspan && r < g->nrows; r++)
            for (uint32_t k = c->col; k < c->col + c->colspan && k < g->ncols; k++)
                g->at[(size_t)r * g->ncols + k] = (int32_t)i;
    }
    return g->text.failed ? xx_oom() : 0;
}

const char *xg_norm(const xx_grid *g, const xg_cell *c)
{
    return c->norm == XG_NONE ? NULL : g->text.p + c->norm;
}
