/* SPDX-License-Identifier: MIT */
/* JSON writer: the canonical form (fixed key order, amounts without float noise), so that
 * write after read is the identity. */
#include "internal.h"

static void put_json_string(xbuf *b, const char *s)
{
    xb_putc(b, '"');
    const char *run = s;
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch >= 0x20 && ch != '"' && ch != '\\')
            continue;
        xb_put(b, run, (size_t)(s - run));
        run = s + 1;
        switch (ch) {
        case '"': xb_puts(b, "\\\""); break;
        case '\\': xb_puts(b, "\\\\"); break;
        case '\n': xb_puts(b, "\\n"); break;
        case '\r': xb_puts(b, "\\r"); break;
        case '\t': xb_puts(b, "\\t"); break;
        case '\b': xb_puts(b, "\\b"); break;
        case '\f': xb_puts(b, "\\f"); break;
        default: xb_printf(b, "\\u%04x", ch); break;
        }
    }
    xb_put(b, run, (size_t)(s - run));
    xb_putc(b, '"');
}

static void put_cell(xbuf *b, const xxgk_report *r, size_t id)
{
    const xcell *c = &r->cells[id];
    if (c->state == XXGK_CELL_NUMBER) {
        char tmp[32];
        xb_put(b, tmp, xx_format_number(tmp, c->v, r->t->cells[id].kind));
    } else if (c->state == XXGK_CELL_TOKEN) {
        put_json_string(b, r->tokens[id]);
    } else {
        xb_puts(b, "null");
    }
}

static void indent(xbuf *b, int n)
{
    for (int i = 0; i < n; i++)
        xb_puts(b, "  ");
}

/* A cell is written when it was read: a cell not read is an absent key (null is blank). */
static int is_read(const xxgk_report *r, size_t id) { return r->cells[id].state != XXGK_CELL_UNREAD; }

/* The read cells of a row as `"col": v, ...`, on one line or one per line. */
static void put_cols(xbuf *b, const xxgk_report *r, const xt_table *tb, const xt_row *row, int per_line, int ind)
{
    const xt_block *bk = &tb->blocks[row->block];
    int first = 1;
    for (int k = 0; k < bk->ncols; k++) {
        if (!is_read(r, (size_t)row->first_cell + (size_t)k))
            continue;
        if (per_line) {
            if (!first)
                xb_puts(b, ",\n");
            indent(b, ind);
        } else if (!first) {
            xb_puts(b, ", ");
        }
        first = 0;
        xb_putc(b, '"');
        xb_puts(b, tb->cols[bk->first_col + k].code);
        xb_puts(b, "\": ");
        put_cell(b, r, (size_t)row->first_cell + (size_t)k);
    }
}

/* Whether a row's own cells are written: an optional subtotal when filled, any other row
 * when a cell was read. */
static int own_cells(const xxgk_report *r, const xt_table *tb, const xt_row *row)
{
    if (!(row->flags & XT_ROW_CELLS))
        return 0;
    const xt_block *bk = &tb->blocks[row->block];
    for (int k = 0; k < bk->ncols; k++) {
        int st = r->cells[row->first_cell + k].state;
        if (st == XXGK_CELL_NUMBER || st == XXGK_CELL_TOKEN || (st == XXGK_CELL_BLANK && !(row->flags & XT_ROW_OPTIONAL)))
            return 1;
    }
    return 0;
}

/* Whether anything of row k (its cells or its sub-rows) is written. */
static int row_written(const xxgk_report *r, const xt_table *tb, int k)
{
    const xt_row *row = &tb->rows[k];
    if (own_cells(r, tb, row))
        return 1;
    if (row->flags & XT_ROW_GROUP)
        for (int j = k + 1; j <= row->last_desc; j++)
            if (tb->rows[j].jparent == k && tb->rows[j].key[0] && row_written(r, tb, j))
                return 1;
    return 0;
}

static void put_rows(xbuf *b, const xxgk_report *r, const xt_table *tb, int parent, int ind, int first)
{
    for (int k = 0; k < tb->nrows; k++) {
        const xt_row *row = &tb->rows[k];
        if (row->jparent != parent || !row->key[0] || !row_written(r, tb, k))
            continue;
        if (!first)
            xb_puts(b, ",\n");
        first = 0;
        indent(b, ind);
        xb_putc(b, '"');
        xb_puts(b, row->key);
        xb_puts(b, "\": {");
        if (row->flags & XT_ROW_GROUP) {
            xb_putc(b, '\n');
            int sub_first = 1;
            if (own_cells(r, tb, row)) {
                put_cols(b, r, tb, row, 1, ind + 1);
                sub_first = 0;
            }
            put_rows(b, r, tb, k, ind + 1, sub_first);
            xb_putc(b, '\n');
            indent(b, ind);
            xb_putc(b, '}');
        } else {
            put_cols(b, r, tb, row, 0, 0);
            xb_putc(b, '}');
        }
    }
}

int xx_json_write(xbuf *b, const xxgk_report *r, const struct xxgk_write_options *o)
{
    (void)o;
    const xxgk_template *t = r->t;
    xb_puts(b, "{\n  \"xxgk\": 1,\n  \"template\": ");
    put_json_string(b, t->id);
    xb_puts(b, ",\n  \"year\": ");
    if (r->year)
        xb_printf(b, "%d", r->year);
    else
        xb_puts(b, "null");
    xb_puts(b, ",\n  \"agency\": ");
    put_json_string(b, xxgk_report_agency(r));
    xb_puts(b, ",\n  \"title\": ");
    put_json_string(b, xxgk_report_title(r));
    xb_puts(b, ",\n  \"sections\": {\n");
    for (size_t i = 0; i < t->nsections; i++) {
        xb_puts(b, i ? ",\n    \"" : "    \"");
        xb_puts(b, t->sections[i].code);
        xb_puts(b, "\": ");
        put_json_string(b, r->sections[i] ? r->sections[i] : "");
    }
    xb_puts(b, "\n  }");
    for (size_t i = 0; i < t->ntables; i++) {
        const xt_table *tb = &t->tables[i];
        xb_puts(b, ",\n  \"");
        xb_puts(b, tb->code);
        int any = 0;
        for (int k = 0; k < tb->nrows && !any; k++)
            any = tb->rows[k].jparent == -1 && tb->rows[k].key[0] && row_written(r, tb, k);
        if (!any) {
            xb_puts(b, "\": {}"); /* nothing of the table was read */
            continue;
        }
        xb_puts(b, "\": {\n");
        put_rows(b, r, tb, -1, 2, 1);
        xb_puts(b, "\n  }");
    }
    xb_puts(b, "\n}\n");
    return b->failed ? xx_oom() : 0;
}
