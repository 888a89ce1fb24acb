/* SPDX-License-Identifier: MIT */
/* The one placer: reads a grid (grid.h) row by row as a table is printed — a heading, block
 * captions, header rows, rows with their labels on the left, or (a table printed inline)
 * row labels above a line of column labels above one line of values — and places each value
 * in the cell its labels name. A value is placed only where its row and column labels say;
 * what cannot be placed is an error (strict) or a diagnostic and a blank cell. */
#include "grid.h"
#include "match.h"

#include <stdio.h>
#include <string.h>

#define MAX_HEADER_LINES 8
#define MEMO_COLS 32

/* What the placer knows about the table it is in. */
typedef struct tstate {
    const xt_table *tb;
    int L;                        /* label columns */
    uint32_t hdr[MAX_HEADER_LINES];
    size_t nh;                    /* header rows of the current block */
    int in_header, data_done;
    char corner[XM_NORM_CAP];
    /* by grid column: the column that header cell memo_h names in block memo_block (the
     * same for every data row below it) */
    const xg_cell *memo_h[MEMO_COLS];
    uint16_t memo_block[MEMO_COLS];
    int memo_col[MEMO_COLS];
} tstate;

int xg_placer_init(xg_placer *pl, xxgk_report *r, int strict)
{
    memset(pl, 0, sizeof *pl);
    pl->r = r;
    pl->strict = strict;
    pl->seen = xx_calloc(r->t->ncells_all, 1);
    return pl->seen ? 0 : xx_oom();
}

void xg_placer_free(xg_placer *pl)
{
    xx_free(pl->seen);
    pl->seen = NULL;
}

/* Something that cannot be placed: strict, the error (a negative code); otherwise a
 * diagnostic (1, or XXGK_ENOMEM). */
static int fail(xg_placer *pl, int code, const xg_cell *c, const char *path, const char *fmt_zh, const char *fmt_en,
                ...) __attribute__((format(printf, 6, 7)));
static int fail(xg_placer *pl, int code, const xg_cell *c, const char *path, const char *fmt_zh, const char *fmt_en,
                ...)
{
    char zh[768], en[768];
    va_list ap, ap2;
    va_start(ap, fmt_en);
    va_copy(ap2, ap);
    vsnprintf(en, sizeof en, fmt_en, ap);
    vsnprintf(zh, sizeof zh, fmt_zh, ap2);
    va_end(ap2);
    va_end(ap);
    long line = c ? c->line : 0, col = c ? c->column : 0;
    if (pl->strict)
        return xx_error_texts(code, line, col, c ? c->off : -1, path, zh, en);
    int rc = xx_diag(pl->r, "READ.UNMATCHED", XXGK_SEVERITY_WARNING, line, col, path, zh, en);
    return rc ? rc : 1;
}

static int empty(const xg_cell *c)
{
    return !c || c->len == 0;
}

static const char *text(const xx_grid *g, const xg_cell *c)
{
    return c ? xg_text(g, c) : "";
}

/* The first cell of row r (for a message about the whole row). */
static const xg_cell *row_cell(const xx_grid *g, uint32_t r)
{
    for (uint32_t k = 0; k < g->ncols; k++)
        if (xg_at(g, r, k))
            return xg_at(g, r, k);
    return NULL;
}

/* Whether row r holds, besides the cell at its first place, another cell with text. */
static int has_more(const xx_grid *g, uint32_t r)
{
    const xg_cell *first = xg_at(g, r, 0);
    for (uint32_t k = 1; k < g->ncols; k++) {
        const xg_cell *c = xg_at(g, r, k);
        if (!empty(c) && c != first && c->row == r)
            return 1;
    }
    return 0;
}

static int blank_row(const xx_grid *g, uint32_t r)
{
    for (uint32_t k = 0; k < g->ncols; k++) {
        const xg_cell *c = xg_at(g, r, k);
        if (!empty(c) && c->row == r)
            return 0;
    }
    return 1;
}

/* How many cells row r has (empty ones included). */
static uint32_t row_cells(const xx_grid *g, uint32_t r)
{
    uint32_t n = 0;
    for (uint32_t k = 0; k < g->ncols; k++) {
        const xg_cell *c = xg_at(g, r, k);
        n += c && c->row == r;
    }
    return n;
}

/* The table whose heading row r is, or NULL. */
static const xt_table *heading_row(const xg_placer *pl, const xx_grid *g, uint32_t r)
{
    const xg_cell *c = xg_at(g, r, 0);
    if (empty(c) || !xg_norm(g, c) || has_more(g, r))
        return NULL;
    int ti = xm_table(pl->r->t, xg_norm(g, c));
    return ti < 0 ? NULL : &pl->r->t->tables[ti];
}

static void enter(xg_placer *pl, tstate *ts, const xt_table *tb)
{
    memset(ts, 0, sizeof *ts);
    ts->tb = tb;
    ts->L = tb->inline_layout ? 0 : xx_table_label_depth(tb);
    if (xm_norm(ts->corner, sizeof ts->corner, tb->corner, strlen(tb->corner)) >= sizeof ts->corner)
        ts->corner[0] = '\0';
    size_t ti = (size_t)(tb - pl->r->t->tables);
    if (ti < sizeof pl->tables_seen)
        pl->tables_seen[ti] = 1;
}

/* ---- values ---- */

static int put(xg_placer *pl, const xx_grid *g, size_t id, const xg_cell *c)
{
    const char *path = pl->r->t->cells[id].path;
    if (c->absent) {
        xxgk_report_cell_set_unread(pl->r, id); /* its row is read, this cell is not */
        return 0;
    }
    if (pl->seen[id] && pl->strict)
        return xx_error(XXGK_ESCHEMA, c->line, c->column, c->off, path, "cell '%s' is given twice", path);
    if (pl->seen[id] == 2)
        return 0; /* two different values seen already: stays not read */
    if (!pl->seen[id]) {
        pl->seen[id] = 1;
        pl->placed++;
        return pl->set_value(pl, id, g, c);
    }
    /* the same cell again (a table printed twice): the same value is fine, another one
     * leaves the cell blank */
    xcell before = pl->r->cells[id];
    char *tok = pl->r->tokens ? pl->r->tokens[id] : NULL;
    if (pl->r->tokens)
        pl->r->tokens[id] = NULL;
    int rc = pl->set_value(pl, id, g, c);
    xcell after = pl->r->cells[id];
    char *tok2 = pl->r->tokens ? pl->r->tokens[id] : NULL;
    int same = rc == 0 && before.state == after.state && before.v == after.v &&
               (!tok || !tok2 || !strcmp(tok, tok2));
    if (pl->r->tokens && tok2 != tok)
        xx_free(tok2);
    if (pl->r->tokens)
        pl->r->tokens[id] = tok;
    pl->r->cells[id] = before;
    if (rc < 0)
        return rc;
    if (same)
        return 0;
    pl->seen[id] = 2;
    xxgk_report_cell_set_unread(pl->r, id);
    return xx_diagf(pl->r, "READ.CONFLICT", XXGK_SEVERITY_WARNING, c->line, c->column, path,
                    "%s：表格中同一单元格有两个不同的值，该单元格未读入",
                    "%s: the tables give this cell two different values; the cell is not read", path);
}

static void list_cols(char *out, size_t cap, const xt_table *tb, const xt_block *bk)
{
    size_t len = 0;
    out[0] = '\0';
    for (int k = 0; k < bk->ncols && len + 4 < cap; k++) {
        int n = snprintf(out + len, cap - len, "%s%s", k ? ", " : "", tb->cols[bk->first_col + k].label);
        if (n < 0 || (size_t)n >= cap - len)
            break;
        len += (size_t)n;
    }
}

/* The column of row rw that the header cell h names: 0 and *col, or fail(). */
static int header_col(xg_placer *pl, const xx_grid *g, const xt_table *tb, const xt_row *rw, const xg_cell *h,
                      int *col)
{
    const xt_block *bk = &tb->blocks[rw->block];
    *col = xm_col(tb, bk, xg_norm(g, h));
    if (*col >= 0)
        return 0;
    char exp[512];
    list_cols(exp, sizeof exp, tb, bk);
    return fail(pl, XXGK_ESCHEMA, h, NULL, "“%s”不是行“%s”的列（应为 %s）",
                "column '%s' is not a column of row '%s' (expected %s)", xg_norm(g, h), rw->label, exp);
}

/* A row label that names no row of tb (under row `under`, or -1): fail(), with the row it
 * may have meant ("did you mean"). */
static int unknown_row(xg_placer *pl, const xg_cell *c, const char *label, const char *norm, const xt_table *tb,
                       int under)
{
    xx_nearest near;
    xx_nearest_init(&near, norm);
    for (int r = 0; r < tb->nrows; r++)
        if (tb->rows[r].flags & XT_ROW_CELLS)
            xx_nearest_try(&near, tb->rows[r].norm, tb->rows[r].label);
    const char *best = xx_nearest_best(&near);
    char where[256] = "", where_en[256] = "", zh[1024], en[1024];
    if (under >= 0) {
        snprintf(where, sizeof where, "“%s”下", tb->rows[under].label);
        snprintf(where_en, sizeof where_en, " under '%s'", tb->rows[under].label);
    }
    snprintf(zh, sizeof zh, "表%s中%s没有行“%s”%s%s%s", tb->number, where, label, best ? "（是否为“" : "",
             best ? best : "", best ? "”？）" : "");
    snprintf(en, sizeof en, "unknown row label '%s'%s in table %s%s%s%s", label, where_en, tb->number,
             best ? " (did you mean '" : "", best ? best : "", best ? "'?)" : "");
    return fail(pl, XXGK_ESCHEMA, c, NULL, "%s%.0s", "%.0s%s", zh, en);
}

/* ---- a table printed with row labels ---- */

/* The template row that the label cells of row r name: 0 and *row (-1: none to place), or
 * an error. *last: the last label cell. */
static int row_labels(xg_placer *pl, const xx_grid *g, const tstate *ts, uint32_t r, int *row,
                      const xg_cell **last)
{
    const xt_table *tb = ts->tb;
    int L = ts->L;
    *row = -1;
    *last = NULL;
    for (int k = 0; k < L && (uint32_t)k < g->ncols; k++)
        if (!empty(xg_at(g, r, (uint32_t)k)))
            *last = xg_at(g, r, (uint32_t)k);
    if (!*last) {
        int rc = fail(pl, XXGK_ESCHEMA, row_cell(g, r), NULL, "表%s的行标签应在前 %d 列",
                      "expected a row label of table %s in the first %d column%s", tb->number, L, L > 1 ? "s" : "");
        return rc > 0 ? 0 : rc;
    }
    const xg_cell *prev = NULL;
    int found = -1;
    for (int k = 0; k < L && (uint32_t)k < g->ncols; k++) {
        const xg_cell *c = xg_at(g, r, (uint32_t)k);
        if (empty(c) || c == prev)
            continue;
        prev = c;
        const char *x = xg_norm(g, c);
        if (!x) {
            int rc = fail(pl, XXGK_ESCHEMA, c, NULL, "标签过长", "label too long");
            return rc > 0 ? 0 : rc;
        }
        int a = -1, b = -1;
        unsigned flags = (found >= 0 ? XM_UNDER : 0) | (pl->strict ? 0 : XM_LOOSE);
        int m = xm_row(tb, x, found, flags, &a, &b);
        int rc = 0;
        if (m == -2)
            rc = fail(pl, XXGK_EAMBIGUOUS, c, NULL, "行标签“%s”与表%s的多行相符", "row label '%s' matches several rows of table %s",
                      text(g, c), tb->number);
        else if (m < 0 && !pl->strict && c != *last)
            continue; /* a label that names no row: the next one may */
        else if (m < 0)
            rc = unknown_row(pl, c, text(g, c), x, tb, found);
        if (rc)
            return rc > 0 ? 0 : rc;
        found = m;
    }
    const xt_row *rw = &tb->rows[found];
    if (!xm_row_has_cells(rw)) {
        int rc = fail(pl, XXGK_ESCHEMA, *last, NULL, "行“%s”本身没有单元格，应填其下各行",
                      "row '%s' has no cells of its own: give its sub-rows", text(g, *last));
        return rc > 0 ? 0 : rc;
    }
    *row = found;
    return 0;
}

/* A data row of a table printed with row labels in its first L columns. */
static int data_row(xg_placer *pl, const xx_grid *g, tstate *ts, uint32_t r)
{
    const xt_table *tb = ts->tb;
    int row;
    const xg_cell *lab;
    int rc = row_labels(pl, g, ts, r, &row, &lab);
    if (rc || row < 0)
        return rc;
    const xt_row *rw = &tb->rows[row];
    const xt_block *bk = &tb->blocks[rw->block];
    const xg_cell *prev = NULL;
    int pos = 0;
    for (uint32_t j = (uint32_t)ts->L; j < g->ncols; j++) {
        const xg_cell *c = xg_at(g, r, j);
        if (!c || c == prev || c->row != r)
            continue; /* no cell, or the rest of a merged one */
        prev = c;
        /* the deepest header label above column j */
        const xg_cell *hl = NULL;
        for (size_t l = 0; l < ts->nh; l++)
            if (!empty(xg_at(g, ts->hdr[l], j)))
                hl = xg_at(g, ts->hdr[l], j);
        int col = -1;
        if (ts->nh) {
            if (!hl) {
                if (empty(c))
                    continue;
                rc = fail(pl, XXGK_ESCHEMA, c, NULL, "数值“%s”所在的列没有列标签", "value '%s' in a column without a column label",
                          text(g, c));
                if (rc < 0)
                    return rc;
                continue;
            }
            if (j < MEMO_COLS && ts->memo_h[j] == hl && ts->memo_block[j] == rw->block) {
                col = ts->memo_col[j];
            } else if ((rc = header_col(pl, g, tb, rw, hl, &col)) != 0) {
                if (rc < 0)
                    return rc;
                continue;
            } else if (j < MEMO_COLS) {
                ts->memo_h[j] = hl;
                ts->memo_block[j] = rw->block;
                ts->memo_col[j] = col;
            }
        } else {
            if (pos >= bk->ncols) {
                pos++;
                if (empty(c))
                    continue;
                rc = fail(pl, XXGK_ESCHEMA, c, NULL, "多余的数值“%s”：行“%s”只有 %d 列",
                          "unexpected value '%s': row '%s' has %d column%s", text(g, c), rw->label, bk->ncols,
                          bk->ncols > 1 ? "s" : "");
                if (rc < 0)
                    return rc;
                continue;
            }
            col = pos++;
        }
        if ((rc = put(pl, g, (size_t)rw->first_cell + (size_t)col, c)) < 0)
            return rc;
    }
    return 0;
}

/* Keep row r as a header row of the current block. */
static int add_header(xg_placer *pl, const xx_grid *g, tstate *ts, uint32_t r)
{
    if (ts->nh == MAX_HEADER_LINES) {
        int rc = fail(pl, XXGK_ELIMIT, row_cell(g, r), NULL, "表头超过 %d 行", "more than %d header lines in a table",
                      MAX_HEADER_LINES);
        return rc > 0 ? 0 : rc;
    }
    for (uint32_t k = 0; k < g->ncols; k++) {
        const xg_cell *c = xg_at(g, r, k);
        if (!empty(c) && !xg_norm(g, c)) {
            int rc = fail(pl, XXGK_ESCHEMA, c, NULL, "标签过长", "label too long");
            return rc > 0 ? 0 : rc;
        }
    }
    ts->hdr[ts->nh++] = r;
    return 0;
}

/* Whether row r is a header row: its label columns empty or holding the corner text; when
 * not strict, also a row of column labels above the first data row whatever its corner. */
static int is_header(const xg_placer *pl, const xx_grid *g, const tstate *ts, uint32_t r)
{
    const xg_cell *c0 = xg_at(g, r, 0);
    if (!empty(c0)) {
        const char *n0 = xg_norm(g, c0);
        if (n0 && ts->corner[0] && !strcmp(n0, ts->corner))
            return 1;
    } else {
        int header = 1;
        for (int k = 1; k < ts->L && (uint32_t)k < g->ncols; k++)
            if (!empty(xg_at(g, r, (uint32_t)k)))
                header = 0;
        if (header)
            return 1;
    }
    if (pl->strict)
        return 0;
    int labels = 0;
    for (uint32_t k = (uint32_t)ts->L; k < g->ncols; k++) {
        const xg_cell *c = xg_at(g, r, k);
        if (empty(c))
            continue;
        if (!xg_norm(g, c) || !xm_is_col_label(ts->tb, xg_norm(g, c)))
            return 0;
        labels++;
    }
    return labels > 0;
}

static int header_row(xg_placer *pl, const xx_grid *g, tstate *ts, uint32_t r)
{
    if (!ts->in_header)
        ts->nh = 0;
    ts->in_header = 1;
    const xg_cell *prev = NULL;
    for (uint32_t k = (uint32_t)ts->L; k < g->ncols; k++) {
        const xg_cell *c = xg_at(g, r, k);
        if (empty(c) || c == prev)
            continue;
        prev = c;
        const char *x = xg_norm(g, c);
        if (!x || !xm_is_col_label(ts->tb, x)) {
            int rc = fail(pl, XXGK_ESCHEMA, c, NULL, "表%2$s中没有列“%1$s”", "unknown column label '%s' in table %s",
                          text(g, c), ts->tb->number);
            if (rc < 0)
                return rc;
        }
    }
    return add_header(pl, g, ts, r);
}

static int labeled_row(xg_placer *pl, const xx_grid *g, tstate *ts, uint32_t r)
{
    const xg_cell *c0 = xg_at(g, r, 0);
    const char *n0 = empty(c0) ? NULL : xg_norm(g, c0);
    if (n0 && xm_caption(ts->tb, n0) >= 0 && !has_more(g, r)) {
        ts->nh = 0;
        ts->in_header = 0;
        return 0;
    }
    if (is_header(pl, g, ts, r))
        return header_row(pl, g, ts, r);
    ts->in_header = 0;
    return data_row(pl, g, ts, r);
}

/* ---- a table printed inline: row labels above column labels above one line of values ---- */

/* Whether the cells of row r are row or column labels of tb: 1 all, 0 none, -1 some (*bad:
 * the first that is not). */
static int all_labels(const xx_grid *g, const xt_table *tb, uint32_t r, const xg_cell **bad)
{
    int labels = 0, others = 0;
    const xg_cell *prev = NULL;
    for (uint32_t k = 0; k < g->ncols; k++) {
        const xg_cell *c = xg_at(g, r, k);
        if (empty(c) || c == prev)
            continue;
        prev = c;
        const char *x = xg_norm(g, c);
        int a, b;
        if (x && (xm_is_col_label(tb, x) || xm_row(tb, x, -1, 0, &a, &b) != -1))
            labels++;
        else if (!others++)
            *bad = c;
    }
    return !labels ? 0 : others ? -1 : 1;
}

/* The row named by the row labels above column j (carried to the right like a merged
 * cell): 0 and *row (-1 none), or fail(). */
static int inline_row(xg_placer *pl, const xx_grid *g, const tstate *ts, uint32_t j, const xg_cell **carry,
                      int *carry_row, int *row, const xg_cell **rowlab)
{
    const xt_table *tb = ts->tb;
    uint32_t last = ts->hdr[ts->nh - 1];
    *row = -1;
    for (size_t l = 0; l + 1 < ts->nh; l++) {
        const xg_cell *hc = xg_at(g, ts->hdr[l], j);
        /* a cell reaching down to the line of column labels is a column label */
        if (!empty(hc) && hc != carry[l] && hc->row + hc->rowspan <= last) {
            int a, b, found = xm_row(tb, xg_norm(g, hc), -1, 0, &a, &b);
            if (found < 0) {
                carry[l] = NULL;
                if (found != -2)
                    return unknown_row(pl, hc, xg_norm(g, hc), xg_norm(g, hc), tb, -1);
                return fail(pl, XXGK_EAMBIGUOUS, hc, NULL, "行标签“%s”与表%s的多行相符",
                            "row label '%s' matches several rows of table %s", xg_norm(g, hc), tb->number);
            }
            carry[l] = hc;
            carry_row[l] = found;
        }
        if (!carry[l])
            continue;
        if (*row >= 0 && !xm_inside(tb, *row, carry_row[l]))
            return fail(pl, XXGK_ESCHEMA, carry[l], NULL, "行标签“%s”不属于“%s”",
                        "row label '%s' does not belong under '%s'", tb->rows[carry_row[l]].label,
                        tb->rows[*row].label);
        *row = carry_row[l];
        *rowlab = carry[l];
    }
    return 0;
}

static int inline_data(xg_placer *pl, const xx_grid *g, const tstate *ts, uint32_t r)
{
    const xt_table *tb = ts->tb;
    if (ts->nh < 2) {
        int rc = fail(pl, XXGK_ESCHEMA, row_cell(g, r), NULL, "表%s的数据上方应有行标签和列标签",
                      "expected row labels and column labels above the data of table %s", tb->number);
        return rc > 0 ? 0 : rc;
    }
    uint32_t last = ts->hdr[ts->nh - 1], end = 0;
    for (uint32_t j = 0; j < g->ncols; j++)
        if (xg_at(g, r, j))
            end = j + 1;
    const xg_cell *carry[MAX_HEADER_LINES] = { 0 }, *prev = NULL;
    int carry_row[MAX_HEADER_LINES];
    for (uint32_t j = 0; j < end; j++) {
        const xg_cell *c = xg_at(g, r, j);
        int row = -1, rc;
        const xg_cell *rowlab = NULL;
        if ((rc = inline_row(pl, g, ts, j, carry, carry_row, &row, &rowlab)) < 0)
            return rc;
        if (rc || !c || c == prev || c->row != r)
            continue;
        prev = c;
        const xg_cell *cl = xg_at(g, last, j);
        if (empty(cl) || row < 0) {
            if (empty(c))
                continue;
            if ((rc = fail(pl, XXGK_ESCHEMA, c, NULL, row < 0 ? "数值“%s”所在的列没有行标签" : "数值“%s”所在的列没有列标签",
                           row < 0 ? "value '%s' in a column without a row label" : "value '%s' in a column without a column label",
                           text(g, c))) < 0)
                return rc;
            continue;
        }
        const xt_row *rw = &tb->rows[row];
        if (!xm_row_has_cells(rw)) {
            if ((rc = fail(pl, XXGK_ESCHEMA, rowlab, NULL, "“%s”本身没有单元格，应填其下各行",
                           "'%s' has no cells of its own: give its sub-rows", rw->label)) < 0)
                return rc;
            continue;
        }
        int col;
        if ((rc = header_col(pl, g, tb, rw, cl, &col)) != 0) {
            if (rc < 0)
                return rc;
            continue;
        }
        if ((rc = put(pl, g, (size_t)rw->first_cell + (size_t)col, c)) < 0)
            return rc;
    }
    return 0;
}

static int inline_row_any(xg_placer *pl, const xx_grid *g, tstate *ts, uint32_t r)
{
    if (ts->data_done) {
        int rc = fail(pl, XXGK_ESCHEMA, row_cell(g, r), NULL, "表%s的数据之后出现多余的行（应为表标题）",
                      "unexpected line after the data of table %s (expected a table heading)", ts->tb->number);
        return rc > 0 ? 0 : rc;
    }
    const xg_cell *bad = NULL;
    int kind = all_labels(g, ts->tb, r, &bad);
    if (kind < 0) {
        int rc = fail(pl, XXGK_ESCHEMA, bad, NULL, "表%2$s的表头中有未知标签“%1$s”",
                      "unknown label '%s' in the header of table %s", text(g, bad), ts->tb->number);
        if (rc < 0)
            return rc;
    }
    if (kind != 0)
        return add_header(pl, g, ts, r);
    ts->data_done = 1;
    return inline_data(pl, g, ts, r);
}

/* ---- the grid ---- */

/* When no heading names the table: the table most of whose row labels the grid holds (at
 * least two, and more than any other table's). */
static const xt_table *table_by_labels(const xg_placer *pl, const xx_grid *g)
{
    const xxgk_template *t = pl->r->t;
    int best = -1, bestn = 0, tie = 0;
    for (size_t ti = 0; ti < t->ntables; ti++) {
        int n = 0;
        for (size_t i = 0; i < g->ncells; i++) {
            const char *x = xg_norm(g, &g->cells[i]);
            int a, b;
            if (x && g->cells[i].len && xm_row(&t->tables[ti], x, -1, 0, &a, &b) >= 0)
                n++;
        }
        if (n > bestn) {
            best = (int)ti;
            bestn = n;
            tie = 0;
        } else if (n == bestn) {
            tie = 1;
        }
    }
    return best >= 0 && bestn >= 2 && !tie ? &t->tables[best] : NULL;
}

int xg_place(xg_placer *pl, xx_grid *g, const xt_table *tb)
{
    tstate ts;
    memset(&ts, 0, sizeof ts);
    if (!tb && !pl->strict)
        tb = table_by_labels(pl, g);
    if (tb)
        enter(pl, &ts, tb);
    for (uint32_t r = 0; r < g->nrows; r++) {
        if (blank_row(g, r)) {
            /* the inline table's data line printed with every cell empty (a form): read,
             * blank */
            if (ts.tb && ts.tb->inline_layout && ts.nh >= 2 && !ts.data_done && row_cells(g, r) == ts.tb->ncells) {
                ts.data_done = 1;
                for (int k = 0; k < ts.tb->nrows; k++)
                    xx_row_read(pl->r, ts.tb, &ts.tb->rows[k]);
            }
            continue;
        }
        const xt_table *nt = heading_row(pl, g, r);
        if (nt) {
            enter(pl, &ts, nt);
            continue;
        }
        if (!ts.tb)
            continue;
        int rc = ts.tb->inline_layout ? inline_row_any(pl, g, &ts, r) : labeled_row(pl, g, &ts, r);
        if (rc < 0)
            return rc;
    }
    return 0;
}
