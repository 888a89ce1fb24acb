/* SPDX-License-Identifier: MIT */
/* HTML writer: one self-contained page (inline CSS, no script, no external resource) with
 * the report's title, narrative sections and the three tables in the official layout. The
 * layout is read from the template: blocks and their captions, the header tree, the row
 * tree (groups become rowspans), the corner text. Every piece of text is escaped. */
#include "internal.h"

#include <string.h>

static const char css[] =
    "body{font-family:\"SimSun\",\"Songti SC\",\"Noto Serif CJK SC\",serif;max-width:64em;margin:2em auto;"
    "padding:0 1em;line-height:1.7;color:#000;background:#fff}\n"
    "h1{text-align:center;font-size:1.5em;margin:0 0 1em}\n"
    "h2{font-size:1.15em;margin:1.4em 0 .5em}\n"
    "p{text-indent:2em;margin:.2em 0}\n"
    "table{border-collapse:collapse;width:100%;margin:.5em 0 1em;font-size:.9em}\n"
    "th,td{border:1px solid #000;padding:.3em .4em;text-align:center;vertical-align:middle}\n"
    "th{font-weight:normal}\n"
    "th.row{text-align:left}\n"
    "th.block{text-align:left;font-weight:bold}\n"
    "th.corner{font-size:.85em}\n"
    "td{min-width:2.5em}\n"
    "td.error{background:#fdd;outline:2px solid #c00;outline-offset:-2px}\n"
    "td.warning{background:#ffc;outline:2px solid #c90;outline-offset:-2px}\n"
    "td.unread{background:repeating-linear-gradient(45deg,#fff,#fff 4px,#eee 4px,#eee 8px)}\n"
    "aside.findings{border:1px solid #c00;padding:.5em 1em;margin:1em 0}\n"
    "aside.findings li.error{color:#900}\n"
    "aside.findings li.warning{color:#750}\n"
    "@media print{@page{size:A4;margin:2cm 1.6cm}body{max-width:none;margin:0;padding:0;font-size:10.5pt}"
    "table{font-size:9pt;page-break-inside:auto}tr{page-break-inside:avoid}h2{page-break-after:avoid}"
    "td.error,td.warning{outline:none}}\n";

static void esc(xbuf *b, const char *s, size_t n)
{
    const char *run = s, *end = s + n;
    for (; s < end; s++) {
        const char *rep;
        switch (*s) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
        }
        xb_put(b, run, (size_t)(s - run));
        xb_puts(b, rep);
        run = s + 1;
    }
    xb_put(b, run, (size_t)(s - run));
}

static void escs(xbuf *b, const char *s)
{
    esc(b, s, strlen(s));
}

/* One <p> per non-empty line. */
static void paragraphs(xbuf *b, const char *text)
{
    while (*text) {
        const char *nl = strchr(text, '\n');
        size_t n = nl ? (size_t)(nl - text) : strlen(text);
        size_t s = 0, e = n;
        while (s < e && (text[s] == ' ' || text[s] == '\t' || text[s] == '\r'))
            s++;
        while (e > s && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == '\r'))
            e--;
        if (e > s) {
            xb_puts(b, "<p>");
            esc(b, text + s, e - s);
            xb_puts(b, "</p>\n");
        }
        text += n;
        if (*text)
            text++;
    }
}

/* The highest severity (warning or error) of the findings naming cell `path`, and their
 * messages in the title attribute. */
static int cell_severity(const xxgk_findings *f, const char *path)
{
    int sev = 0;
    for (size_t i = 0; f && i < f->n; i++) {
        const xfinding *it = &f->items[i];
        if (it->severity < XXGK_SEVERITY_WARNING || it->severity <= sev)
            continue;
        for (size_t j = 0; j < it->ncells; j++)
            if (!strcmp(f->cellv[it->cells + j], path)) {
                sev = it->severity;
                break;
            }
    }
    return sev;
}

static void cell_title(xbuf *b, const xxgk_findings *f, const char *path, int en)
{
    int first = 1;
    for (size_t i = 0; i < f->n; i++) {
        const char *msg;
        const xfinding *it = &f->items[i];
        if (it->severity < XXGK_SEVERITY_WARNING)
            continue;
        for (size_t j = 0; j < it->ncells; j++)
            if (!strcmp(f->cellv[it->cells + j], path)) {
                if (!(msg = en ? xxgk_finding_message_en(f, i) : xxgk_finding_message(f, i))) {
                    b->failed = 1;
                    return;
                }
                if (!first)
                    xb_puts(b, "&#10;");
                first = 0;
                escs(b, msg);
                break;
            }
    }
}

static void td(xbuf *b, const xxgk_report *r, size_t id, int colspan, const struct xxgk_write_options *o)
{
    const xt_cell *cell = &r->t->cells[id];
    xb_puts(b, "<td");
    if (colspan > 1)
        xb_printf(b, " colspan=\"%d\"", colspan);
    int sev = o->findings ? cell_severity(o->findings, cell->path) : 0;
    if (sev) {
        xb_puts(b, sev == XXGK_SEVERITY_ERROR ? " class=\"error\" title=\"" : " class=\"warning\" title=\"");
        cell_title(b, o->findings, cell->path, o->lang_en);
        xb_putc(b, '"');
    } else if (r->cells[id].state == XXGK_CELL_UNREAD) {
        /* not read (an excerpt's row cut short): marked, so that it reads back not read */
        xb_puts(b, " class=\"unread\"");
    }
    xb_puts(b, " data-path=\"");
    escs(b, cell->path);
    xb_puts(b, "\">");
    const xcell *c = &r->cells[id];
    if (c->state == XXGK_CELL_NUMBER) {
        char tmp[32];
        xx_format_number(tmp, c->v, cell->kind);
        xb_puts(b, tmp);
    } else if (c->state == XXGK_CELL_TOKEN) {
        escs(b, r->tokens[id]);
    }
    xb_puts(b, "</td>");
}

static void th(xbuf *b, const char *cls, int rowspan, int colspan, const char *label)
{
    xb_puts(b, "<th");
    if (cls)
        xb_printf(b, " class=\"%s\"", cls);
    if (rowspan > 1)
        xb_printf(b, " rowspan=\"%d\"", rowspan);
    if (colspan > 1)
        xb_printf(b, " colspan=\"%d\"", colspan);
    xb_putc(b, '>');
    escs(b, label);
    xb_puts(b, "</th>");
}

static int any_filled(const xxgk_report *r, const xt_table *tb, const xt_row *rw)
{
    for (int j = 0; j < tb->blocks[rw->block].ncols; j++)
        if (r->cells[rw->first_cell + j].state != XXGK_CELL_BLANK)
            return 1;
    return 0;
}

/* Rows printed as table rows: every row that is not a group, and a group whose optional
 * subtotal is filled (some reports print （六）其他处理 as one row): it gets a row of its own
 * above its sub-rows. */
static int printed(const xxgk_report *r, const xt_table *tb, int k)
{
    const xt_row *rw = &tb->rows[k];
    if (!(rw->flags & XT_ROW_GROUP))
        return !r || !xx_row_unread(r, tb, rw); /* a row not read is left out: it reads back not read */
    return r && (rw->flags & XT_ROW_CELLS) && rw->first_cell >= 0 && any_filled(r, tb, rw);
}

/* The first printed row below group g, and how many there are. */
static int first_printed(const xxgk_report *r, const xt_table *tb, int g)
{
    for (int k = g + 1; k <= tb->rows[g].last_desc && k < tb->nrows; k++)
        if (printed(r, tb, k))
            return k;
    return -1;
}

static int count_printed(const xxgk_report *r, const xt_table *tb, int g)
{
    int n = 0;
    for (int k = g + 1; k <= tb->rows[g].last_desc && k < tb->nrows; k++)
        n += printed(r, tb, k);
    return n;
}

static int leaf_width(const xt_table *tb, int g)
{
    if (!(tb->rows[g].flags & XT_ROW_GROUP))
        return tb->blocks[tb->rows[g].block].ncols;
    int w = 0;
    for (int k = g + 1; k <= tb->rows[g].last_desc && k < tb->nrows; k++)
        if (!(tb->rows[k].flags & XT_ROW_GROUP))
            w += tb->blocks[tb->rows[k].block].ncols;
    return w;
}

/* A table whose rows sit side by side (table 四): row labels over their columns. */
static void inline_table(xbuf *b, const xxgk_report *r, const xt_table *tb, const struct xxgk_write_options *o)
{
    int D = xx_table_label_depth(tb);
    for (int lv = 0; lv <= D; lv++) {
        xb_puts(b, "<tr>");
        for (int k = 0; k < tb->nrows; k++) {
            const xt_row *rw = &tb->rows[k];
            if (rw->depth == lv)
                th(b, NULL, 1, leaf_width(tb, k), rw->label);
            else if (!(rw->flags & XT_ROW_GROUP) && rw->depth == lv - 1) {
                const xt_block *bk = &tb->blocks[rw->block];
                for (int j = 0; j < bk->ncols; j++)
                    th(b, NULL, D + 1 - lv, 1, tb->cols[bk->first_col + j].label);
            }
        }
        xb_puts(b, "</tr>\n");
    }
    xb_puts(b, "<tr>");
    for (int k = 0; k < tb->nrows; k++) {
        const xt_row *rw = &tb->rows[k];
        if (rw->flags & XT_ROW_GROUP)
            continue;
        for (int j = 0; j < tb->blocks[rw->block].ncols; j++)
            td(b, r, (size_t)rw->first_cell + (size_t)j, 1, o);
    }
    xb_puts(b, "</tr>\n");
}

static void data_row(xbuf *b, const xxgk_report *r, const xt_table *tb, int k, int L,
                     const struct xxgk_write_options *o)
{
    const xt_row *rw = &tb->rows[k];
    const xt_block *bk = &tb->blocks[rw->block];
    xb_puts(b, "<tr>");
    /* the groups whose first printed row this is, outermost first */
    int chain[16], n = 0;
    for (int q = rw->parent; q >= 0 && n < 16; q = tb->rows[q].parent)
        chain[n++] = q;
    while (n-- > 0) {
        int g = chain[n];
        if (first_printed(r, tb, g) != k)
            continue;
        /* a group printed as a row of its own leaves an empty cell beside its sub-rows */
        th(b, "row", count_printed(r, tb, g), 1, printed(r, tb, g) ? "" : tb->rows[g].label);
    }
    th(b, "row", 1, L - rw->depth, rw->label);
    for (int j = 0; j < bk->ncols; j++)
        td(b, r, (size_t)rw->first_cell + (size_t)j, j == bk->ncols - 1 ? tb->width - bk->ncols + 1 : 1, o);
    xb_puts(b, "</tr>\n");
}

static void table(xbuf *b, const xxgk_report *r, const xt_table *tb, const struct xxgk_write_options *o)
{
    xb_printf(b, "<table class=\"t-%s\">\n", tb->code);
    if (tb->inline_layout) {
        inline_table(b, r, tb, o);
        xb_puts(b, "</table>\n");
        return;
    }
    int L = xx_table_label_depth(tb);
    int captions = tb->nblocks > 1 || tb->blocks[0].caption[0];
    if (!captions) {
        for (int lv = 0; lv < tb->hdr_levels; lv++) {
            xb_puts(b, "<tr>");
            if (lv == 0)
                th(b, "corner", tb->hdr_levels, L, tb->corner);
            for (int h = 0; h < tb->nhdr; h++)
                if (tb->hdr[h].level == lv)
                    th(b, NULL, tb->hdr[h].depth, tb->hdr[h].span, tb->hdr[h].label);
            xb_puts(b, "</tr>\n");
        }
    }
    int cur = -1;
    for (int k = 0; k < tb->nrows; k++) {
        const xt_row *rw = &tb->rows[k];
        if (!printed(r, tb, k))
            continue;
        if (captions && rw->block != cur) {
            const xt_block *bk = &tb->blocks[rw->block];
            cur = rw->block;
            xb_puts(b, "<tr>");
            th(b, "block", 1, L + tb->width, bk->caption);
            xb_puts(b, "</tr>\n<tr>");
            th(b, "corner", 1, L, tb->corner);
            for (int j = 0; j < bk->ncols; j++)
                th(b, NULL, 1, j == bk->ncols - 1 ? tb->width - bk->ncols + 1 : 1, tb->cols[bk->first_col + j].label);
            xb_puts(b, "</tr>\n");
        }
        data_row(b, r, tb, k, L, o);
    }
    xb_puts(b, "</table>\n");
}

static void findings_list(xbuf *b, const xxgk_findings *f, int en)
{
    /* an aside: remarks on the report, not part of it (the HTML reader skips them) */
    xb_puts(b, en ? "<aside class=\"findings\">\n<h2>Findings</h2>\n<ul>\n"
                  : "<aside class=\"findings\">\n<h2>检查发现的问题</h2>\n<ul>\n");
    for (size_t i = 0; i < f->n; i++) {
        const xfinding *it = &f->items[i];
        const char *sev = xxgk_severity_name(it->severity);
        const char *msg = en ? xxgk_finding_message_en(f, i) : xxgk_finding_message(f, i);
        if (!msg) {
            b->failed = 1;
            return;
        }
        xb_printf(b, "<li class=\"%s\">[", sev ? sev : "info");
        escs(b, it->rule);
        xb_puts(b, "] ");
        escs(b, msg);
        xb_puts(b, "</li>\n");
    }
    xb_puts(b, "</ul>\n</aside>\n");
}

static const char *const numerals[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十" };

static void section(xbuf *b, const xxgk_report *r, size_t i, int *num)
{
    const xt_section *s = &r->t->sections[i];
    if (s->heading[0]) {
        xb_puts(b, "<h2>");
        if (*num < 10)
            xb_printf(b, "%s、", numerals[*num]);
        escs(b, s->heading);
        xb_puts(b, "</h2>\n");
        (*num)++;
    }
    paragraphs(b, r->sections[i] ? r->sections[i] : "");
}

/* What the page's text cannot say for sure, for the HTML reader: the title as CMS pages give
 * it (ArticleTitle), and the template, year and agency as they are in the report. */
static void metadata(xbuf *b, const xxgk_report *r)
{
    const char *title = xxgk_report_title(r);
    xb_puts(b, "<meta name=\"generator\" content=\"xxgk\">\n");
    if (title[0]) {
        xb_puts(b, "<meta name=\"ArticleTitle\" content=\"");
        escs(b, title);
        xb_puts(b, "\">\n");
    }
    xb_puts(b, "<meta name=\"xxgk:template\" content=\"");
    escs(b, r->t->id);
    xb_puts(b, "\">\n<meta name=\"xxgk:year\" content=\"");
    if (r->year)
        xb_printf(b, "%d", r->year);
    xb_puts(b, "\">\n<meta name=\"xxgk:agency\" content=\"");
    escs(b, xxgk_report_agency(r));
    xb_puts(b, "\">\n");
}

int xx_html_write(xbuf *b, const xxgk_report *r, const struct xxgk_write_options *o)
{
    const xxgk_template *t = r->t;
    const char *title = xxgk_report_title(r);
    xb_puts(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    metadata(b, r);
    xb_puts(b, "<title>");
    escs(b, title[0] ? title : "政府信息公开工作年度报告");
    xb_puts(b, "</title>\n<style>\n");
    xb_puts(b, css);
    xb_puts(b, "</style>\n</head>\n<body>\n<h1>");
    escs(b, title[0] ? title : "政府信息公开工作年度报告");
    xb_puts(b, "</h1>\n");
    if (o->findings && o->findings->n)
        findings_list(b, o->findings, o->lang_en);
    /* print order: the sections up to 总体情况, the tables, then the rest */
    int num = 0;
    size_t i = 0;
    for (; i < t->nsections && i < 2; i++)
        section(b, r, i, &num);
    for (size_t k = 0; k < t->ntables; k++) {
        const xt_table *tb = &t->tables[k];
        if (xx_table_unread(r, tb)) {
            num++; /* a table not read is left out (as from the text and CSV writers); its number stays */
            continue;
        }
        xb_puts(b, "<h2>");
        escs(b, tb->number);
        xb_puts(b, "、");
        escs(b, tb->heading);
        xb_puts(b, "</h2>\n");
        table(b, r, tb, o);
        num++;
    }
    for (; i < t->nsections; i++)
        section(b, r, i, &num);
    xb_puts(b, "</body>\n</html>\n");
    return b->failed ? xx_oom() : 0;
}
