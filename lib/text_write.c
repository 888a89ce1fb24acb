/* SPDX-License-Identifier: MIT */
/* The published plain-text form and Markdown: writers.
 *
 * Text: the reference form (title line, preamble, the six headings, section text, tables as
 * `|` rows with their captions and header rows, a row label split over two cells at the
 * first row of a group). Markdown: the same with `#` headings and proper tables. What
 * xx_text_read reads from either gives back the report (cells, title, sections). */
#include "internal.h"
#include "text_escape.h"

#include <string.h>

static const char *const cn_num[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十" };

/* Write a cell's text so that the reader gives it back (text_escape.h): a token that would
 * read as something else quoted, and for Markdown what a renderer would run escaped. */
static void put_cell(xbuf *b, const xxgk_report *r, size_t id, int md)
{
    const xcell *c = &r->cells[id];
    if (c->state == XXGK_CELL_NUMBER) {
        char num[32];
        size_t n = xx_format_number(num, c->v, r->t->cells[id].kind);
        xb_put(b, num, n);
    } else if (c->state == XXGK_CELL_TOKEN && r->tokens && r->tokens[id]) {
        if (!md) {
            xx_text_put_token(b, r->tokens[id]);
            return;
        }
        xbuf t = { 0 };
        xx_text_put_token(&t, r->tokens[id]);
        if (t.failed)
            b->failed = 1;
        else
            xx_md_put(b, t.p, t.len);
        xb_free(&t);
    }
}

/* Text from the report (title, agency, narrative): as it is, or escaped for Markdown. */
static void put_text(xbuf *b, const char *s, size_t n, int md)
{
    if (md)
        xx_md_put(b, s, n);
    else
        xb_put(b, s, n);
}

static void put_lines(xbuf *b, const char *s, int md)
{
    if (!s || !*s)
        return;
    const char *p = s;
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n) {
            put_text(b, p, n, md);
            xb_puts(b, md ? "\n\n" : "\n");
        }
        p += n;
        if (*p == '\n')
            p++;
    }
}

static int row_filled(const xxgk_report *r, const xt_table *tb, const xt_row *rw)
{
    if (rw->first_cell < 0)
        return 0;
    unsigned w = tb->blocks[rw->block].ncols;
    for (unsigned k = 0; k < w; k++)
        if (r->cells[(size_t)rw->first_cell + k].state == XXGK_CELL_NUMBER ||
            r->cells[(size_t)rw->first_cell + k].state == XXGK_CELL_TOKEN)
            return 1;
    return 0;
}

/* The group label to print before row i (the group of which it is the first printed
 * child), or NULL. */
static const char *lead_label(const xt_table *tb, int i, const int *printed)
{
    const xt_row *rw = &tb->rows[i];
    if (rw->parent < 0)
        return NULL;
    /* the innermost group whose first printed descendant is i */
    int p = rw->parent;
    const char *lab = NULL;
    while (p >= 0) {
        int first = -1;
        for (int k = p + 1; k <= tb->rows[p].last_desc; k++)
            if (printed[k]) { first = k; break; }
        if (first != i || printed[p])
            break;
        lab = tb->rows[p].label;
        if (tb->rows[p].parent < 0)
            break;
        /* prefer the innermost group: stop at the first one */
        break;
    }
    return lab;
}

static void write_table(xbuf *b, const xxgk_report *r, const xt_table *tb, int md)
{
    /* which rows get a line: every row with cells; an optional subtotal only when filled */
    int printed[256];
    memset(printed, 0, sizeof printed);
    for (int i = 0; i < tb->nrows && i < 256; i++) {
        const xt_row *rw = &tb->rows[i];
        if (!(rw->flags & XT_ROW_CELLS))
            continue;
        /* a row not read is left out: read back, it is not read again */
        printed[i] = (rw->flags & XT_ROW_OPTIONAL) ? row_filled(r, tb, rw) : !xx_row_unread(r, tb, rw);
    }
    if (xx_table_unread(r, tb))
        return; /* nothing of it was read: the heading alone */
    if (tb->inline_layout && md) {
        /* one Markdown table of all cells, as the text form's one line */
        int first = 1;
        for (int i = 0; i < tb->nrows; i++) {
            const xt_row *rw = &tb->rows[i];
            if (!(rw->flags & XT_ROW_CELLS))
                continue;
            const xt_block *bk = &tb->blocks[rw->block];
            xb_printf(b, "%s%s（第%u–%u列）", first ? "" : "；", rw->label, (unsigned)(rw->first_cell - (int)tb->first_cell + 1),
                      (unsigned)(rw->first_cell - (int)tb->first_cell + (int)bk->ncols));
            first = 0;
        }
        xb_puts(b, "\n\n|");
        for (int i = 0; i < tb->nrows; i++) {
            if (!(tb->rows[i].flags & XT_ROW_CELLS))
                continue;
            const xt_block *bk = &tb->blocks[tb->rows[i].block];
            for (unsigned k = 0; k < bk->ncols; k++) {
                xb_putc(b, ' ');
                xb_puts(b, tb->cols[bk->first_col + k].label);
                xb_puts(b, " |");
            }
        }
        xb_puts(b, "\n|");
        for (uint32_t k = 0; k < tb->ncells; k++)
            xb_puts(b, "---|");
        xb_puts(b, "\n|");
        for (uint32_t k = 0; k < tb->ncells; k++) {
            xb_putc(b, ' ');
            put_cell(b, r, tb->first_cell + k, md);
            xb_puts(b, " |");
        }
        xb_puts(b, "\n\n");
        return;
    }
    if (tb->inline_layout && !md) {
        /* header: rows side by side, then one line of all cells */
        for (int i = 0; i < tb->nrows; i++)
            if (tb->rows[i].depth == 0) {
                xb_puts(b, tb->rows[i].label);
                xb_puts(b, " | ");
            }
        xb_putc(b, '\n');
        for (int i = 0; i < tb->nrows; i++) {
            if (!(tb->rows[i].flags & XT_ROW_CELLS))
                continue;
            if (tb->rows[i].depth > 0) {
                xb_puts(b, tb->rows[i].label);
                xb_puts(b, " | ");
            }
        }
        xb_putc(b, '\n');
        for (int i = 0; i < tb->nrows; i++) {
            if (!(tb->rows[i].flags & XT_ROW_CELLS))
                continue;
            const xt_block *bk = &tb->blocks[tb->rows[i].block];
            for (unsigned k = 0; k < bk->ncols; k++) {
                xb_puts(b, tb->cols[bk->first_col + k].label);
                xb_puts(b, " | ");
            }
        }
        xb_putc(b, '\n');
        xb_puts(b, "|");
        for (uint32_t k = 0; k < tb->ncells; k++) {
            xb_putc(b, ' ');
            put_cell(b, r, tb->first_cell + k, md);
            xb_puts(b, " |");
        }
        xb_putc(b, '\n');
        return;
    }
    int two = 0; /* two label columns (groups) */
    for (int i = 0; i < tb->nrows; i++)
        if (tb->rows[i].parent >= 0)
            two = 1;
    for (uint16_t bi = 0; bi < tb->nblocks; bi++) {
        const xt_block *bk = &tb->blocks[bi];
        if (bk->caption && bk->caption[0]) {
            xb_puts(b, bk->caption);
            xb_puts(b, md ? "\n\n" : " |\n");
        }
        /* header */
        if (md) {
            xb_puts(b, "| ");
            xb_puts(b, tb->corner && tb->corner[0] ? tb->corner : " ");
            xb_puts(b, " |");
            if (two)
                xb_puts(b, "  |");
            for (unsigned k = 0; k < bk->ncols; k++) {
                xb_putc(b, ' ');
                xb_puts(b, tb->cols[bk->first_col + k].label);
                xb_puts(b, " |");
            }
            xb_puts(b, "\n|");
            for (unsigned k = 0; k < bk->ncols + 1u + (two ? 1u : 0u); k++)
                xb_puts(b, "---|");
            xb_putc(b, '\n');
        } else if (tb->nblocks == 1 && tb->hdr_levels > 1) {
            for (unsigned lv = 0; lv < tb->hdr_levels; lv++) {
                int any = 0;
                if (lv == 0 && tb->corner && tb->corner[0]) {
                    xb_puts(b, tb->corner);
                    xb_puts(b, " | ");
                    any = 1;
                }
                for (uint16_t h = 0; h < tb->nhdr; h++) {
                    if (tb->hdr[h].level != lv)
                        continue;
                    xb_puts(b, tb->hdr[h].label);
                    xb_puts(b, " |");
                    if (h + 1 < tb->nhdr && tb->hdr[h + 1].level == lv)
                        xb_putc(b, ' ');
                    any = 1;
                }
                if (any)
                    xb_putc(b, '\n');
            }
        } else {
            xb_puts(b, tb->corner && tb->corner[0] ? tb->corner : "");
            for (unsigned k = 0; k < bk->ncols; k++) {
                xb_puts(b, " | ");
                xb_puts(b, tb->cols[bk->first_col + k].label);
            }
            xb_puts(b, " |\n");
        }
        /* rows */
        for (int i = 0; i < tb->nrows && i < 256; i++) {
            const xt_row *rw = &tb->rows[i];
            if (!printed[i] || rw->block != bi)
                continue;
            const char *lead = lead_label(tb, i, printed);
            if (md) {
                xb_puts(b, "| ");
                if (two) {
                    xb_puts(b, lead ? lead : "");
                    xb_puts(b, " | ");
                }
                xb_puts(b, rw->label);
                xb_puts(b, " |");
            } else {
                if (lead) {
                    xb_puts(b, lead);
                    xb_puts(b, " | ");
                }
                xb_puts(b, rw->label);
                xb_puts(b, " |");
            }
            for (unsigned k = 0; k < bk->ncols; k++) {
                xb_putc(b, ' ');
                put_cell(b, r, (size_t)rw->first_cell + k, md);
                xb_puts(b, " |");
            }
            xb_putc(b, '\n');
        }
        if (md)
            xb_putc(b, '\n');
    }
}

static int write_doc(xbuf *b, const xxgk_report *r, int md)
{
    const xxgk_template *t = r->t;
    const char *title = xxgk_report_title(r);
    if (title[0]) {
        if (md)
            xb_puts(b, "# ");
        put_text(b, title, strlen(title), md);
        xb_puts(b, md ? "\n\n" : "\n");
    } else if (r->year > 0) {
        /* no title but an agency and year: the title line that carries them */
        if (md)
            xb_puts(b, "# ");
        put_text(b, xxgk_report_agency(r), strlen(xxgk_report_agency(r)), md);
        xb_printf(b, "%d年政府信息公开工作年度报告", r->year);
        xb_puts(b, md ? "\n\n" : "\n");
    }
    put_lines(b, r->sections[0], md);
    /* the six parts in order: sections and tables interleaved as published */
    int part = 0;
    size_t ti = 0;
    for (size_t si = 1; si <= t->nsections; si++) {
        if (si == 2) {
            for (; ti < t->ntables; ti++) {
                const xt_table *tb = &t->tables[ti];
                if (md)
                    xb_puts(b, "## ");
                xb_puts(b, cn_num[part++ % 10]);
                xb_puts(b, "、");
                xb_puts(b, tb->heading);
                xb_puts(b, md ? "\n\n" : "\n");
                write_table(b, r, tb, md);
            }
        }
        if (si == t->nsections)
            break;
        if (md)
            xb_puts(b, "## ");
        xb_puts(b, cn_num[part++ % 10]);
        xb_puts(b, "、");
        xb_puts(b, t->sections[si].heading);
        xb_puts(b, md ? "\n\n" : "\n");
        put_lines(b, r->sections[si], md);
    }
    return b->failed ? xx_oom() : 0;
}

int xx_text_write(xbuf *b, const xxgk_report *r, const struct xxgk_write_options *o)
{
    (void)o;
    return write_doc(b, r, 0);
}

int xx_markdown_write(xbuf *b, const xxgk_report *r, const struct xxgk_write_options *o)
{
    (void)o;
    return write_doc(b, r, 1);
}
