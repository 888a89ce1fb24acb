/* SPDX-License-Identifier: MIT */
/* HTML writer: one self-contained page (inline CSS, no script, no external resource) with
 * the report's title, narrative sections and the three tables in the official layout. The
 * layout is read from the template: blocks and their captions, the header tree, the row
 * tree (groups become rowspans), the corner text. Every piece of text is escaped. */
#include "internal.h"

#include <string.h>

/* The official typefaces of 党政机关公文 (GB/T 9704) first: the title in 方正小标宋, headings
 * in 黑体, the text in 仿宋; then the faces a system without them has (Noto CJK). */
static const char css[] =
    "body{font-family:\"仿宋_GB2312\",\"仿宋\",\"FangSong\",\"STFangsong\",\"Noto Serif CJK SC\",\"Noto Serif SC\","
    "\"Songti SC\",serif;max-width:64em;margin:2em auto;padding:0 1em;line-height:1.7;color:#000;background:#fff}\n"
    "h1{font-family:\"方正小标宋简体\",\"方正小标宋_GBK\",\"FZXiaoBiaoSong-B05S\",\"黑体\",\"SimHei\",\"Noto Serif CJK SC\","
    "\"Noto Sans CJK SC\",serif;font-weight:normal;text-align:center;font-size:1.6em;margin:0 0 1em}\n"
    "h2{font-family:\"黑体\",\"SimHei\",\"Heiti SC\",\"Noto Sans CJK SC\",\"Noto Sans SC\",sans-serif;font-weight:normal;"
    "font-size:1.15em;margin:1.4em 0 .5em}\n"
    "p{text-indent:2em;margin:.2em 0}\n"
    "table{border-collapse:collapse;width:100%;margin:.5em 0 1em;font-size:.9em}\n"
    "th,td{border:1px solid #000;padding:.3em .4em;text-align:center;vertical-align:middle}\n"
    "th{font-weight:normal;word-break:keep-all}\n"
    "th.col{white-space:nowrap}\n"
    "th.row{text-align:left}\n"
    "th.block{text-align:left;font-weight:bold}\n"
    "th.corner{font-size:.85em}\n"
    "td{min-width:2.5em;white-space:nowrap}\n"
    "td a{color:inherit;text-decoration:none}\n"
    "td.error{background:#fdd;outline:2px solid #c00;outline-offset:-2px}\n"
    "td.warning{background:#ffc;outline:2px solid #c90;outline-offset:-2px}\n"
    "td[data-mark]::after{content:attr(data-mark);vertical-align:super;font-size:.7em;font-weight:bold;"
    "margin-left:.15em;color:#c00}\n"
    "td.warning[data-mark]::after{color:#960}\n"
    "td.unread{background:repeating-linear-gradient(45deg,#fff,#fff 4px,#eee 4px,#eee 8px)}\n"
    "aside.findings{border:1px solid #c00;padding:.5em 1em;margin:1em 0}\n"
    "aside.findings ol{list-style:none;padding-left:0}\n"
    "aside.findings li.error{color:#900}\n"
    "aside.findings li.warning{color:#750}\n"
    "aside.findings a.mark{display:inline-block;min-width:1.6em;font-weight:bold;color:inherit}\n"
    "aside.findings details{margin-top:.5em}\n"
    "@media print{@page{size:A4;margin:2cm 1.6cm}body{max-width:none;margin:0;padding:0;font-size:10.5pt}"
    "table{font-size:9pt;page-break-inside:auto}thead{display:table-header-group}"
    "tr{page-break-inside:avoid;break-inside:avoid}h2{page-break-after:avoid;break-after:avoid}"
    /* the last row never alone at the top of a page */
    "tbody tr:nth-last-child(2){page-break-after:avoid;break-after:avoid}"
    "td.error,td.warning{outline:none;border-width:2px;-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    "a{color:inherit;text-decoration:none}}\n";

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

/* What the findings say about the cells, worked out once per page: the warnings and errors
 * are numbered in list order; each marks the one cell it blames (its subject, the cell its
 * message names), never every cell of its identity. */
typedef struct {
    const xxgk_findings *f;
    uint8_t *sev;        /* per cell id: the worst severity blaming it, 0 none */
    uint32_t *number;    /* per finding: its number, 0 for info */
    int32_t *subject;    /* per finding: the id of the cell it blames in the report, -1 */
} marks;

static int marks_make(marks *m, const xxgk_report *r, const xxgk_findings *f)
{
    memset(m, 0, sizeof *m);
    m->f = f;
    if (!f || !f->n)
        return 0;
    m->sev = xx_calloc(r->t->ncells_all, 1);
    m->number = xx_calloc(f->n, sizeof *m->number);
    m->subject = xx_calloc(f->n, sizeof *m->subject);
    if (!m->sev || !m->number || !m->subject)
        return xx_oom();
    uint32_t k = 0;
    for (size_t i = 0; i < f->n; i++) {
        const xfinding *x = &f->items[i];
        const char *path = xxgk_finding_subject(f, i);
        size_t id;
        m->subject[i] = path && xx_lookup(r->t, path, &id) == 0 ? (int32_t)id : -1;
        if (x->severity < XXGK_SEVERITY_WARNING)
            continue;
        m->number[i] = ++k;
        if (m->subject[i] >= 0 && x->severity > m->sev[m->subject[i]])
            m->sev[m->subject[i]] = x->severity;
    }
    return 0;
}

static void marks_free(marks *m)
{
    xx_free(m->sev);
    xx_free(m->number);
    xx_free(m->subject);
}

/* Whether finding i blames cell id. */
static int blames(const marks *m, size_t i, size_t id)
{
    return m->number[i] && m->subject[i] == (int32_t)id;
}

/* The marked cell's attributes: its id, its numbers, the messages as its tooltip. */
static void cell_marks(xbuf *b, const marks *m, const xxgk_report *r, size_t id, int en)
{
    xb_puts(b, " id=\"c-");
    escs(b, r->t->cells[id].path);
    xb_puts(b, "\" data-mark=\"");
    const char *sep = "";
    for (size_t i = 0; i < m->f->n; i++)
        if (blames(m, i, id)) {
            xb_printf(b, "%s%u", sep, m->number[i]);
            sep = ",";
        }
    xb_puts(b, "\" title=\"");
    sep = "";
    for (size_t i = 0; i < m->f->n; i++)
        if (blames(m, i, id)) {
            const char *msg = en ? xxgk_finding_message_en(m->f, i) : xxgk_finding_message(m->f, i);
            if (!msg) {
                b->failed = 1;
                return;
            }
            xb_puts(b, sep);
            escs(b, msg);
            sep = "&#10;";
        }
    xb_putc(b, '"');
}

/* The number of the first finding that blames cell id (the one its value links to). */
static uint32_t first_mark(const marks *m, size_t id)
{
    for (size_t i = 0; i < m->f->n; i++)
        if (blames(m, i, id))
            return m->number[i];
    return 0;
}

static void td(xbuf *b, const xxgk_report *r, size_t id, int colspan, const struct xxgk_write_options *o,
               const marks *m)
{
    const xt_cell *cell = &r->t->cells[id];
    xb_puts(b, "<td");
    if (colspan > 1)
        xb_printf(b, " colspan=\"%d\"", colspan);
    int sev = m->sev ? m->sev[id] : 0;
    if (sev) {
        xb_puts(b, sev == XXGK_SEVERITY_ERROR ? " class=\"error\"" : " class=\"warning\"");
        cell_marks(b, m, r, id, o->lang_en);
    } else if (r->cells[id].state == XXGK_CELL_UNREAD) {
        /* not read (an excerpt's row cut short): marked, so that it reads back not read */
        xb_puts(b, " class=\"unread\"");
    }
    xb_puts(b, " data-path=\"");
    escs(b, cell->path);
    xb_puts(b, "\">");
    if (sev) /* the value links to its finding in the list, which links back */
        xb_printf(b, "<a href=\"#f-%u\">", first_mark(m, id));
    const xcell *c = &r->cells[id];
    if (c->state == XXGK_CELL_NUMBER) {
        char tmp[32];
        xx_format_number(tmp, c->v, cell->kind);
        xb_puts(b, tmp);
    } else if (c->state == XXGK_CELL_TOKEN) {
        escs(b, r->tokens[id]);
    }
    xb_puts(b, sev ? "</a></td>" : "</td>");
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
static void inline_table(xbuf *b, const xxgk_report *r, const xt_table *tb, const struct xxgk_write_options *o,
                         const marks *m)
{
    int D = xx_table_label_depth(tb);
    xb_puts(b, "<thead>\n");
    for (int lv = 0; lv <= D; lv++) {
        xb_puts(b, "<tr>");
        for (int k = 0; k < tb->nrows; k++) {
            const xt_row *rw = &tb->rows[k];
            if (rw->depth == lv)
                th(b, "col", 1, leaf_width(tb, k), rw->label);
            else if (!(rw->flags & XT_ROW_GROUP) && rw->depth == lv - 1) {
                const xt_block *bk = &tb->blocks[rw->block];
                for (int j = 0; j < bk->ncols; j++)
                    th(b, "col", D + 1 - lv, 1, tb->cols[bk->first_col + j].label);
            }
        }
        xb_puts(b, "</tr>\n");
    }
    xb_puts(b, "</thead>\n<tbody>\n<tr>");
    for (int k = 0; k < tb->nrows; k++) {
        const xt_row *rw = &tb->rows[k];
        if (rw->flags & XT_ROW_GROUP)
            continue;
        for (int j = 0; j < tb->blocks[rw->block].ncols; j++)
            td(b, r, (size_t)rw->first_cell + (size_t)j, 1, o, m);
    }
    xb_puts(b, "</tr>\n</tbody>\n");
}

static void data_row(xbuf *b, const xxgk_report *r, const xt_table *tb, int k, int L,
                     const struct xxgk_write_options *o, const marks *m)
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
        td(b, r, (size_t)rw->first_cell + (size_t)j, j == bk->ncols - 1 ? tb->width - bk->ncols + 1 : 1, o, m);
    xb_puts(b, "</tr>\n");
}

/* The header lines of a table without block captions, in <thead>: printed, they repeat at
 * the top of every page the table runs onto. */
static void thead(xbuf *b, const xt_table *tb, int L)
{
    xb_puts(b, "<thead>\n");
    for (int lv = 0; lv < tb->hdr_levels; lv++) {
        xb_puts(b, "<tr>");
        if (lv == 0)
            th(b, "corner", tb->hdr_levels, L, tb->corner);
        for (int h = 0; h < tb->nhdr; h++)
            if (tb->hdr[h].level == lv)
                th(b, "col", tb->hdr[h].depth, tb->hdr[h].span, tb->hdr[h].label);
        xb_puts(b, "</tr>\n");
    }
    xb_puts(b, "</thead>\n");
}

static void table(xbuf *b, const xxgk_report *r, const xt_table *tb, const struct xxgk_write_options *o,
                  const marks *m)
{
    xb_printf(b, "<table class=\"t-%s\">\n", tb->code);
    if (tb->inline_layout) {
        inline_table(b, r, tb, o, m);
        xb_puts(b, "</table>\n");
        return;
    }
    int L = xx_table_label_depth(tb);
    int captions = tb->nblocks > 1 || tb->blocks[0].caption[0];
    if (!captions)
        thead(b, tb, L);
    xb_puts(b, "<tbody>\n");
    int cur = -1;
    for (int k = 0; k < tb->nrows; k++) {
        const xt_row *rw = &tb->rows[k];
        if (!printed(r, tb, k))
            continue;
        if (captions && rw->block != cur) { /* each block's caption and header lines */
            const xt_block *bk = &tb->blocks[rw->block];
            cur = rw->block;
            xb_puts(b, "<tr>");
            th(b, "block", 1, L + tb->width, bk->caption);
            xb_puts(b, "</tr>\n<tr>");
            th(b, "corner", 1, L, tb->corner);
            for (int j = 0; j < bk->ncols; j++)
                th(b, "col", 1, j == bk->ncols - 1 ? tb->width - bk->ncols + 1 : 1, tb->cols[bk->first_col + j].label);
            xb_puts(b, "</tr>\n");
        }
        data_row(b, r, tb, k, L, o, m);
    }
    xb_puts(b, "</tbody>\n</table>\n");
}

static void finding_item(xbuf *b, const marks *m, const xxgk_report *r, size_t i, int en)
{
    const xfinding *x = &m->f->items[i];
    const char *sev = xxgk_severity_name(x->severity);
    const char *msg = en ? xxgk_finding_message_en(m->f, i) : xxgk_finding_message(m->f, i);
    if (!msg) {
        b->failed = 1;
        return;
    }
    xb_printf(b, "<li class=\"%s\"", sev ? sev : "info");
    if (m->number[i]) {
        /* its number, as in the cell it blames; a link to that cell when the page shows it */
        xb_printf(b, " id=\"f-%u\">", m->number[i]);
        if (m->subject[i] >= 0 && m->sev[m->subject[i]]) {
            xb_puts(b, "<a class=\"mark\" href=\"#c-");
            escs(b, r->t->cells[m->subject[i]].path);
            xb_printf(b, "\">%u</a> ", m->number[i]);
        } else {
            xb_printf(b, "<a class=\"mark\">%u</a> ", m->number[i]);
        }
    } else {
        xb_putc(b, '>');
    }
    xb_putc(b, '[');
    escs(b, x->rule);
    xb_puts(b, "] ");
    escs(b, msg);
    xb_puts(b, "</li>\n");
}

/* The findings above the tables: errors and warnings numbered as the cells they blame; the
 * info findings (identities that could not be checked, what the reader interpreted) folded
 * away. An aside: remarks on the report, not part of it (the HTML reader skips it). */
static void findings_list(xbuf *b, const marks *m, const xxgk_report *r, int en)
{
    size_t numbered = 0;
    for (size_t i = 0; i < m->f->n; i++)
        numbered += m->number[i] != 0;
    xb_puts(b, en ? "<aside class=\"findings\">\n<h2>Findings</h2>\n"
                  : "<aside class=\"findings\">\n<h2>检查发现的问题</h2>\n");
    if (numbered) {
        xb_puts(b, "<ol>\n");
        for (size_t i = 0; i < m->f->n; i++)
            if (m->number[i])
                finding_item(b, m, r, i, en);
        xb_puts(b, "</ol>\n");
    }
    if (numbered < m->f->n) {
        xb_printf(b, en ? "<details>\n<summary>%zu notes</summary>\n<ul>\n"
                        : "<details>\n<summary>提示 %zu 条</summary>\n<ul>\n", m->f->n - numbered);
        for (size_t i = 0; i < m->f->n; i++)
            if (!m->number[i])
                finding_item(b, m, r, i, en);
        xb_puts(b, "</ul>\n</details>\n");
    }
    xb_puts(b, "</aside>\n");
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
    marks m;
    if (marks_make(&m, r, o->findings) != 0) {
        marks_free(&m);
        return XXGK_ENOMEM;
    }
    if (o->findings && o->findings->n)
        findings_list(b, &m, r, o->lang_en);
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
        table(b, r, tb, o, &m);
        num++;
    }
    for (; i < t->nsections; i++)
        section(b, r, i, &num);
    xb_puts(b, "</body>\n</html>\n");
    marks_free(&m);
    return b->failed ? xx_oom() : 0;
}
