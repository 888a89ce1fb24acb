/* SPDX-License-Identifier: MIT */
/* Wide CSV write: the label columns and the header lines of each table as printed. */
#include "csv.h"

#include <stdio.h>
#include <string.h>

static int has_captions(const xt_table *tb)
{
    return tb->nblocks > 1 || tb->blocks[0].caption[0];
}

static void put_cell_text(xbuf *b, const xxgk_report *r, size_t id)
{
    const xcell *c = &r->cells[id];
    if (c->state == XXGK_CELL_NUMBER) {
        char tmp[32];
        xx_format_number(tmp, c->v, r->t->cells[id].kind);
        xb_puts(b, tmp);
    } else if (c->state == XXGK_CELL_TOKEN) {
        xx_csv_put_text(b, r->tokens[id]);
    }
}

static void put_commas(xbuf *b, int n)
{
    for (int i = 0; i < n; i++)
        xb_putc(b, ',');
}

static int row_filled(const xxgk_report *r, const xt_table *tb, const xt_row *rw)
{
    const xt_block *bk = &tb->blocks[rw->block];
    for (int k = 0; k < bk->ncols; k++)
        if (r->cells[rw->first_cell + k].state == XXGK_CELL_NUMBER ||
            r->cells[rw->first_cell + k].state == XXGK_CELL_TOKEN)
            return 1;
    return 0;
}

static void wide_table(xbuf *b, const xxgk_report *r, const xt_table *tb)
{
    xb_puts(b, tb->number);
    xb_puts(b, "、");
    xx_csv_put_field(b, tb->heading);
    xb_putc(b, '\n');
    if (tb->inline_layout) {
        int D = xx_table_label_depth(tb);
        for (int lv = 0; lv < D; lv++) {
            int pos = 0;
            for (int k = 0; k < tb->nrows; k++) {
                const xt_row *rw = &tb->rows[k];
                if (rw->flags & XT_ROW_GROUP)
                    continue;
                /* the label of the row or its ancestor at this level, above its first leaf */
                int q = k;
                while (q >= 0 && tb->rows[q].depth > lv)
                    q = tb->rows[q].parent;
                int first_leaf = q;
                while (first_leaf >= 0 && first_leaf < tb->nrows && (tb->rows[first_leaf].flags & XT_ROW_GROUP))
                    first_leaf++;
                for (int j = 0; j < tb->blocks[rw->block].ncols; j++) {
                    if (pos++)
                        xb_putc(b, ',');
                    if (j == 0 && q >= 0 && tb->rows[q].depth == lv && first_leaf == k)
                        xx_csv_put_field(b, tb->rows[q].label);
                }
            }
            xb_putc(b, '\n');
        }
        /* the column labels, then the values, of all rows side by side */
        for (int line = 0; line < 2; line++) {
            int pos = 0;
            for (int k = 0; k < tb->nrows; k++) {
                const xt_row *rw = &tb->rows[k];
                if (rw->flags & XT_ROW_GROUP)
                    continue;
                const xt_block *bk = &tb->blocks[rw->block];
                for (int j = 0; j < bk->ncols; j++) {
                    if (pos++)
                        xb_putc(b, ',');
                    if (line == 0)
                        xx_csv_put_field(b, tb->cols[bk->first_col + j].label);
                    else
                        put_cell_text(b, r, (size_t)rw->first_cell + (size_t)j);
                }
            }
            xb_putc(b, '\n');
        }
        return;
    }
    int L = xx_table_label_depth(tb);
    int cur_block = -1;
    for (int k = 0; k < tb->nrows; k++) {
        const xt_row *rw = &tb->rows[k];
        if (!(rw->flags & XT_ROW_CELLS))
            continue;
        if (((rw->flags & XT_ROW_OPTIONAL) && !row_filled(r, tb, rw)) || xx_row_unread(r, tb, rw))
            continue; /* a row not read is left out: read back, it is not read again */
        const xt_block *bk = &tb->blocks[rw->block];
        if (rw->block != cur_block && (cur_block < 0 || has_captions(tb))) {
            cur_block = rw->block;
            if (has_captions(tb)) {
                xx_csv_put_field(b, bk->caption);
                xb_putc(b, '\n');
                xx_csv_put_field(b, tb->corner);
                put_commas(b, L - 1);
                for (int j = 0; j < bk->ncols; j++) {
                    xb_putc(b, ',');
                    xx_csv_put_field(b, tb->cols[bk->first_col + j].label);
                }
                xb_putc(b, '\n');
            } else {
                for (int lv = 0; lv < tb->hdr_levels; lv++) {
                    if (lv == 0)
                        xx_csv_put_field(b, tb->corner);
                    put_commas(b, L - 1);
                    int pos = 0;
                    for (int h = 0; h < tb->nhdr; h++) {
                        const xt_hdr *hd = &tb->hdr[h];
                        if (hd->level != lv)
                            continue;
                        put_commas(b, hd->first - pos + 1);
                        xx_csv_put_field(b, hd->label);
                        pos = hd->first + 1;
                    }
                    put_commas(b, tb->width - pos);
                    xb_putc(b, '\n');
                }
            }
        }
        /* the labels: ancestors, then the row's own */
        int chain[8], n = 0;
        for (int q = k; q >= 0 && n < 8; q = tb->rows[q].parent)
            chain[n++] = q;
        for (int i = n - 1, col = 0; col < L; col++) {
            if (col)
                xb_putc(b, ',');
            if (i >= 0 && tb->rows[chain[i]].depth == col)
                xx_csv_put_field(b, tb->rows[chain[i--]].label);
        }
        /* trailing cells not read are left off the line: read back, they are not read again */
        int last = bk->ncols;
        while (last > 0 && r->cells[(size_t)rw->first_cell + (size_t)last - 1].state == XXGK_CELL_UNREAD)
            last--;
        for (int j = 0; j < last; j++) {
            xb_putc(b, ',');
            put_cell_text(b, r, (size_t)rw->first_cell + (size_t)j);
        }
        xb_putc(b, '\n');
    }
}

int xx_csv_wide_write(xbuf *b, const xxgk_report *r, const struct xxgk_write_options *o)
{
    const xxgk_template *t = r->t;
    if (o->bom) /* for the spreadsheets that take a file without it for the local code page */
        xb_puts(b, "\xEF\xBB\xBF");
    xb_puts(b, "xxgk,1\n");
    xb_printf(b, "%s,%s\n", xx_wide_keys[WK_TEMPLATE], t->id);
    if (r->year)
        xb_printf(b, "%s,%d\n", xx_wide_keys[WK_YEAR], r->year);
    else
        xb_printf(b, "%s,\n", xx_wide_keys[WK_YEAR]);
    xb_printf(b, "%s,", xx_wide_keys[WK_AGENCY]);
    xx_csv_put_text(b, xxgk_report_agency(r));
    xb_printf(b, "\n%s,", xx_wide_keys[WK_TITLE]);
    xx_csv_put_text(b, xxgk_report_title(r));
    xb_putc(b, '\n');
    for (size_t i = 0; i < t->nsections; i++) {
        xx_csv_put_field(b, t->sections[i].heading[0] ? t->sections[i].heading : xx_wide_keys[WK_PREAMBLE]);
        xb_putc(b, ',');
        xx_csv_put_text(b, r->sections[i] ? r->sections[i] : "");
        xb_putc(b, '\n');
    }
    for (size_t i = 0; i < t->ntables; i++) {
        if (xx_table_unread(r, &t->tables[i]))
            continue; /* a table not read is left out */
        xb_putc(b, '\n');
        wide_table(b, r, &t->tables[i]);
    }
    return b->failed ? xx_oom() : 0;
}
