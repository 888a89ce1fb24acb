/* SPDX-License-Identifier: MIT */
/* Text reader, pass 2: the rows of one table, from lines that hold whole rows or from a
 * stream of one cell per line. */
#include "text_read.h"
#include "match.h"
#include "normalize.h"

#include <stdio.h>
#include <string.h>

long tx_lno(const reader *rd, uint32_t li)
{
    return (long)rd->lines[li].no;
}

int tx_new_row(reader *rd, int row, uint32_t li, uint32_t col, uint32_t lab)
{
    if (tx_grow((void **)&rd->rows, &rd->caprows, rd->nrows + 1, sizeof(trow)))
        return XXGK_ENOMEM;
    trow *w = &rd->rows[rd->nrows++];
    w->row = row;
    w->line = li;
    w->col = col;
    w->v0 = (uint32_t)rd->nvals;
    w->nv = 0;
    w->lab = lab;
    w->bad = 0;
    w->cont = 0;
    w->last_only = 0;
    w->runon = 0;
    return 0;
}

int tx_add_val(reader *rd, uint32_t cell)
{
    if (tx_grow((void **)&rd->vals, &rd->capvals, rd->nvals + 1, sizeof(uint32_t)))
        return XXGK_ENOMEM;
    rd->vals[rd->nvals++] = cell;
    rd->rows[rd->nrows - 1].nv++;
    return 0;
}

static int ambiguous(reader *rd, const xt_table *tb, uint32_t li, const tcell *c, int a, int b)
{
    return xx_error(XXGK_EAMBIGUOUS, tx_lno(rd, li), (long)c->col, (long long)c->off, tb->rows[a].code,
                    "the label '%.*s' matches two rows of table %s equally well: '%s' and '%s'", (int)(c->len > 200 ? 200 : c->len), rd->buf + c->off,
                    tb->number, tb->rows[a].label, tb->rows[b].label);
}

/* Match the label cells of a line (left to right; groups set the context). Returns the
 * template row of the last label that names a row with cells, -1 if none, or an error. */
static int match_line_labels(reader *rd, const xt_table *tb, const tline *ln, int loose, int *ctx, int *row,
                             uint32_t *labcell, uint32_t *lastany)
{
    *row = -1;
    *labcell = UINT32_MAX;
    *lastany = UINT32_MAX;
    for (uint32_t k = 0; k < ln->nlab; k++) {
        const tcell *c = &rd->cells[ln->c0 + k];
        int a = -1, b = -1;
        int m = tx_match_label(tb, rd->buf + c->off, c->len, *ctx, loose, &a, &b);
        if (m == -2 && ln->nfilled > 0)
            return ambiguous(rd, tb, (uint32_t)(ln - rd->lines), c, a, b);
        if (m < 0)
            continue;
        *lastany = ln->c0 + k;
        if (tb->rows[m].flags & XT_ROW_GROUP)
            *ctx = m;
        else if (tb->rows[m].parent >= 0)
            *ctx = tb->rows[m].parent;
        if (tx_row_has_cells(&tb->rows[m]) || (tb->rows[m].flags & XT_ROW_CELLS)) {
            *row = m;
            *labcell = ln->c0 + k;
        }
    }
    if (*row < 0 && ln->nlab > 1) {
        /* the label split over cells: try them joined */
        const tcell *c0 = &rd->cells[ln->c0];
        char joined[512];
        size_t jl = 0;
        for (uint32_t k = 0; k < ln->nlab; k++) {
            const tcell *c = &rd->cells[ln->c0 + k];
            if (jl + c->len >= sizeof joined)
                return 0;
            memcpy(joined + jl, rd->buf + c->off, c->len);
            jl += c->len;
        }
        int a = -1, b = -1;
        int m = tx_match_label(tb, joined, jl, *ctx, loose, &a, &b);
        if (m == -2 && ln->nfilled > 0)
            return ambiguous(rd, tb, (uint32_t)(ln - rd->lines), c0, a, b);
        if (m >= 0 && (tb->rows[m].flags & XT_ROW_CELLS)) {
            *row = m;
            *labcell = ln->c0;
        }
    }
    return 0;
}

/* A header line whose column labels come in another order than the template's: the values
 * below it cannot be placed by position. Returns 1 (and names it) when so. */
static int is_col_label(const reader *rd, const xt_table *tb, const tcell *c)
{
    char norm[XM_NORM_CAP];
    size_t nl = xm_norm(norm, sizeof norm, rd->buf + c->off, c->len);
    return nl > 0 && nl < sizeof norm && xm_is_col_label(tb, norm);
}

/* How many of the label cells of ln are column labels of tb. */
static uint32_t known_cols(const reader *rd, const xt_table *tb, const tline *ln)
{
    uint32_t n = 0;
    for (uint32_t k = 0; k < ln->nlab; k++) {
        n += (uint32_t)is_col_label(rd, tb, &rd->cells[ln->c0 + k]);
    }
    return n;
}

static int columns_out_of_order(reader *rd, const xt_table *tb, const tline *ln, int *rc)
{
    int last = -1, known = 0;
    *rc = 0;
    if (ln->nlab < 2)
        return 0;
    int ncols = tb->blocks[0].ncols;
    for (uint32_t k = 0; k < ln->nlab; k++) {
        const tcell *c = &rd->cells[ln->c0 + k];
        char norm[256];
        size_t nl = tx_label_norm(norm, sizeof norm, rd->buf + c->off, c->len);
        if (nl == 0 || nl >= sizeof norm)
            continue;
        int pos = -1;
        for (uint16_t b = 0; b < tb->nblocks && pos < 0; b++)
            pos = xm_col(tb, &tb->blocks[b], norm);
        if (pos < 0)
            continue;
        known++;
        /* the inline table repeats its columns once per row: a new run starts at the first
         * column right after the last one, and never with the total */
        int bad = pos <= last;
        if (tb->inline_layout) {
            int start = last < 0 || (pos == 0 && last == ncols - 1);
            bad = (pos <= last && !start) || (start && pos == ncols - 1 && k + 1 < ln->nlab);
        }
        if (bad && tb->inline_layout && known_cols(rd, tb, ln) < ln->nlab) {
            /* a converter's fragment of the header ("维持 | 纠正 | 结果 | 审结 | 总计 | 总计"):
             * it tells nothing about the order; the values must prove themselves */
            rd->need_proof = 1;
            long line = (long)ln->no;
            *rc = xx_diagf(rd->r, "READ.HEADER", XXGK_SEVERITY_INFO, line, (long)c->col, NULL,
                           "第%ld行：表%s的表头是不完整的残片，其数值仅在整行完整且各项总计成立时读入",
                           "line %ld: table %s: the header is a fragment; its values are read only when the row is "
                           "complete and its totals hold",
                           line, tb->number);
            return 0;
        }
        if (bad) {
            long line = (long)ln->no;
            *rc = xx_diagf(rd->r, "READ.SCRAMBLED", XXGK_SEVERITY_ERROR, line, (long)c->col, NULL,
                           "第%ld行：表%s的列“%.*s”与格式的列顺序不符，该表未读入",
                           "line %ld: table %s: the column '%.*s' is out of the template's order; the table is not read",
                           line, tb->number, (int)(c->len > 60 ? 60 : c->len), rd->buf + c->off);
            return 1;
        }
        last = pos;
    }
    return 0;
}

/* The state of the row-per-line builder. */
typedef struct rowmode {
    const xt_table *tb;
    size_t first_row;
    int ctx;
    int pending;        /* a row named by a label alone on its line (a group heading), -1 */
    size_t pending_li;  /* that line */
    int pending_md;     /* it is a Markdown heading ("### 行政复议") */
    int frag;           /* lines frag_first..frag_li hold words alone (a label's first lines?) */
    size_t frag_first, frag_li;
    int sub_of;         /* a row label alone on its line, whose sub-items may follow, -1 */
    uint32_t sub_li;    /* its line */
    int nsub;           /* labeled lines below it that name no row (items the form lacks) */
    size_t sublen;
    char subs[200];     /* their labels */
} rowmode;

/* The items printed under a row of the template that the template does not have ("其他对外
 * 管理服务事项" ⏎ "行政检查 | 1 | 0 | 1" ⏎ "行政确认 | …"): named once; the row is found but
 * not read (its figure is not printed, only its items'). */
static int flush_subrows(reader *rd, rowmode *st)
{
    int rc = 0, row = st->sub_of;
    st->sub_of = -1;
    if (st->nsub == 0 || row < 0)
        return 0;
    const tline *ln = &rd->lines[st->sub_li];
    long line = (long)ln->no;
    if ((rc = tx_new_row(rd, row, st->sub_li, ln->col0, UINT32_MAX)) != 0)
        return rc;
    rd->rows[rd->nrows - 1].bad = 1;
    rc = xx_diagf(rd->r, "READ.SUBROWS", XXGK_SEVERITY_WARNING, line, (long)ln->col0,
                  rd->t->cells[st->tb->rows[row].first_cell].path,
                  "第%ld行：表%s“%s”下列有格式中没有的子项（%s），其数值未读入",
                  "line %ld: table %s row '%s' is followed by items the template does not have (%s); their values "
                  "are not read",
                  line, st->tb->number, st->tb->rows[row].label, st->subs);
    st->nsub = 0;
    st->sublen = 0;
    st->subs[0] = '\0';
    return rc;
}

/* A labeled line under a row label alone on its line, naming no row: an item of that row. */
static void add_subrow(rowmode *st, const reader *rd, const tline *ln)
{
    const tcell *c = &rd->cells[ln->c0 + ln->nlab - 1];
    int n = (int)(c->len > 40 ? 40 : c->len);
    if (st->sublen + (size_t)n + 8 < sizeof st->subs) {
        int w = snprintf(st->subs + st->sublen, sizeof st->subs - st->sublen, "%s%.*s", st->nsub ? "、" : "", n,
                         rd->buf + c->off);
        st->sublen += w > 0 ? (size_t)w : 0;
    }
    st->nsub++;
}

static int add_vals(reader *rd, uint32_t from, uint32_t to)
{
    int rc = 0;
    for (uint32_t k = from; k < to && rc == 0; k++)
        rc = tx_add_val(rd, k);
    return rc;
}

/* The inline table's one line of all its cells, whatever the first ones hold. 1 when so. */
static int inline_line(reader *rd, const xt_table *tb, const tline *ln, size_t li, int *rc)
{
    *rc = 0;
    if (!tb->inline_layout || !ln->pipe || ln->c0 + ln->nc - ln->raw_c0 != tb->ncells)
        return 0;
    uint32_t any = 0, blank = 0;
    for (uint32_t k = ln->raw_c0; k < ln->c0 + ln->nc; k++) {
        any += rd->cells[k].value == V_NUMBER || rd->cells[k].value == V_TOKEN;
        blank += rd->cells[k].value == V_BLANK;
    }
    if (!any && blank != tb->ncells)
        return 0; /* all empty is the line printed blank: read */
    if ((*rc = tx_new_row(rd, -1, (uint32_t)li, rd->cells[ln->raw_c0].col, UINT32_MAX)) == 0)
        *rc = add_vals(rd, ln->raw_c0, ln->c0 + ln->nc);
    return 1;
}

/* The inline table's one line printed with all its cells empty and nothing but bars
 * ("|  |  | … |", skipped as a filler), before any of its rows: read, blank (its one empty
 * cell stands for each place). */
static int blank_inline_line(reader *rd, const xt_table *tb, const tline *ln, size_t li, size_t first_row, int *rc)
{
    *rc = 0;
    if (!ln->skip || !tb->inline_layout || ln->bars != tb->ncells + 1 || rd->nrows != first_row)
        return 0;
    if ((*rc = tx_new_row(rd, -1, (uint32_t)li, rd->cells[ln->c0].col, UINT32_MAX)) != 0)
        return 1;
    for (uint32_t k = 0; k < tb->ncells && !*rc; k++)
        *rc = tx_add_val(rd, ln->c0);
    return 1;
}

/* A row label alone on its line ("### 行政复议", "行政诉讼（未经复议直接起诉）"): the row whose
 * values the next unlabeled line holds, or -1. */
static int label_alone(reader *rd, rowmode *st, const tline *ln, size_t li)
{
    if (ln->nc != 1 || ln->nlab != 1)
        return -1;
    const tcell *c = &rd->cells[ln->c0];
    uint32_t off = c->off, len = c->len;
    while (len && rd->buf[off] == '#') {
        off++;
        len--;
    }
    int md = len < c->len;
    tx_trim(rd->buf, &off, &len);
    int a, b, m = tx_match_label(st->tb, rd->buf + off, len, st->ctx, 1, &a, &b);
    if (m < 0 || !(st->tb->rows[m].flags & XT_ROW_CELLS))
        return -1;
    st->pending_li = li;
    st->pending_md = md;
    return m;
}

/* Whether every cell of line ln is a column label of tb (a header line). */
static int header_line(const reader *rd, const xt_table *tb, const tline *ln)
{
    if (ln->nc == 0)
        return 0;
    for (uint32_t k = 0; k < ln->nc; k++)
        if (!is_col_label(rd, tb, &rd->cells[ln->c0 + k]))
            return 0;
    return 1;
}

/* The label alone on a line names the values on line li when only header lines stand
 * between them, and at least one unless the label is a Markdown heading: a sub-table under
 * its group heading. A label torn from its row elsewhere proves nothing. */
static int pending_names(const reader *rd, const rowmode *st, size_t li)
{
    size_t headers = 0;
    for (size_t k = st->pending_li + 1; k < li; k++) {
        const tline *ln = &rd->lines[k];
        if (ln->skip)
            continue;
        if (!header_line(rd, st->tb, ln))
            return 0;
        headers++;
    }
    return headers > 0 || st->pending_md;
}

/* The line before li that is not skipped, or SIZE_MAX. */
static size_t prev_line(const reader *rd, size_t li)
{
    while (li > 0 && rd->lines[li - 1].skip)
        li--;
    return li > 0 ? li - 1 : SIZE_MAX;
}

/* A line without values: a header (its columns must come in the template's order), a label
 * alone, or a row whose values are all words ("行政许可 | 不适用"). 1: the table is
 * unreadable (diagnosed). */
static int words_line(reader *rd, rowmode *st, const tline *ln, size_t li, int *rc)
{
    const xt_table *tb = st->tb;
    int row = -1;
    uint32_t lab, lastany;
    if (columns_out_of_order(rd, tb, ln, rc))
        return 1;
    if ((*rc = match_line_labels(rd, tb, ln, 0, &st->ctx, &row, &lab, &lastany)) != 0)
        return 0;
    if (row < 0) {
        int alone = label_alone(rd, st, ln, li);
        if (alone >= 0)
            st->pending = alone;
        if (ln->nc == 1 && ln->nlab == 1) {
            if (!st->frag || st->frag_li != prev_line(rd, li))
                st->frag_first = li;
            st->frag = 1;
            st->frag_li = li;
        }
        return 0;
    }
    st->pending = -1;
    if ((*rc = flush_subrows(rd, st)) != 0)
        return 0;
    if (lastany == lab && lab + 1 == ln->c0 + ln->nc && (tb->rows[row].flags & XT_ROW_CELLS)) {
        st->sub_of = row; /* alone on its line: its items may follow */
        st->sub_li = (uint32_t)li;
        return 0;
    }
    /* a matched row label followed by exactly its number of cells, none of them a label */
    if (lastany != lab || tb->inline_layout ||
        ln->c0 + ln->nc - (lab + 1) != (uint32_t)tb->blocks[tb->rows[row].block].ncols)
        return 0;
    int words = 0;
    for (uint32_t k = lab + 1; k < ln->c0 + ln->nc; k++)
        words += rd->cells[k].value == V_TEXT;
    /* ... or, between bars, a row printed blank ("规章 |  |  |  |"): read, not absent */
    if ((words || ln->pipe) && (*rc = tx_new_row(rd, row, (uint32_t)li, rd->cells[lab].col, lab)) == 0)
        *rc = add_vals(rd, lab + 1, ln->c0 + ln->nc);
    return 0;
}

static int lone_value(reader *rd, const xt_table *tb, const tline *ln, size_t li)
{
    const tcell *c = &rd->cells[ln->c0];
    int cl = (int)(c->len > 60 ? 60 : c->len);
    return xx_diagf(rd->r, "READ.IGNORED", XXGK_SEVERITY_INFO, tx_lno(rd, (uint32_t)li), (long)c->col, NULL,
                    "第%ld行：表%s中孤立的数值“%.*s”不在任何表格行中，已忽略",
                    "line %ld: table %s: the lone value '%.*s' is not part of a table row; ignored",
                    tx_lno(rd, (uint32_t)li), tb->number, cl, rd->buf + c->off);
}

static int unmatched(reader *rd, const xt_table *tb, const tline *ln, size_t li)
{
    const tcell *c = &rd->cells[ln->c0 + ln->nlab - 1];
    int cl = (int)(c->len > 120 ? 120 : c->len);
    /* the row it may have meant */
    char norm[XM_NORM_CAP];
    xx_nearest near;
    const char *best = NULL;
    if (xm_norm(norm, sizeof norm, rd->buf + c->off, c->len) < sizeof norm) {
        xx_nearest_init(&near, norm);
        for (int r = 0; r < tb->nrows; r++)
            if (tb->rows[r].flags & XT_ROW_CELLS)
                xx_nearest_try(&near, tb->rows[r].norm, tb->rows[r].label);
        best = xx_nearest_best(&near);
    }
    char zh[512], en[512];
    snprintf(zh, sizeof zh, "第%ld行：行标签“%.*s”与表%s的任何行都不对应%s%s%s", tx_lno(rd, (uint32_t)li), cl,
             rd->buf + c->off, tb->number, best ? "（是否为“" : "", best ? best : "", best ? "”？）" : "");
    snprintf(en, sizeof en, "line %ld: the row label '%.*s' matches no row of table %s%s%s%s", tx_lno(rd, (uint32_t)li),
             cl, rd->buf + c->off, tb->number, best ? " (did you mean '" : "", best ? best : "", best ? "'?)" : "");
    return xx_diag(rd->r, "READ.UNMATCHED", XXGK_SEVERITY_WARNING, tx_lno(rd, (uint32_t)li), (long)c->col, NULL, zh, en);
}

/* Lines from..to of words alone (skipped lines left out), then line ln's label when it has
 * one (NULL: none), joined into joined[0..*jl). 0 when they do not fit. */
static int join_words(const reader *rd, size_t from, size_t to, const tline *ln, char *joined, size_t cap,
                      size_t *jl)
{
    *jl = 0;
    for (size_t k = from; k <= to + (ln ? ln->nlab : 0); k++) {
        if (k <= to && rd->lines[k].skip)
            continue;
        const tcell *c = &rd->cells[k <= to ? rd->lines[k].c0 : ln->c0];
        if (*jl + c->len >= cap)
            return 0;
        memcpy(joined + *jl, rd->buf + c->off, c->len);
        *jl += c->len;
    }
    return 1;
}

/* A label wrapped over the lines of words alone just before line li, which holds the rest
 * of it and the values or only the values, as pdftotext prints a cell's lines
 * ("（二）部分公开（区分处理的，只计这一情形，" ⏎ "不计其他情形） 4 0 0 0 0 0 4"; "2.申请人逾期未按收费通知要"
 * ⏎ "求缴纳费用、行政机关不再处" ⏎ "理其政府信息公开申请" ⏎ "0 0 0 0 0 0 0"): the row that those lines
 * since the last row (at most three, after its group's label wrapped the same way: "（六）" ⏎
 * "其他处" ⏎ "理") and li's label name together, exactly; else *row stays -1. Other words left
 * over (labels a converter put out of order) prove nothing. */
static void wrapped_label(const reader *rd, rowmode *st, const tline *ln, size_t li, int *row)
{
    const xt_table *tb = st->tb;
    size_t last = prev_line(rd, li), jl;
    if (!st->frag || last == SIZE_MAX || st->frag_li != last || last - st->frag_first > 5 || ln->nlab > 1)
        return;
    char joined[512];
    for (size_t from = last > st->frag_first + 2 ? last - 2 : st->frag_first; from <= last; from++) {
        int g = -1, x, y;
        if (from > st->frag_first) { /* the words before: the group's label */
            if (!join_words(rd, st->frag_first, from - 1, NULL, joined, sizeof joined, &jl))
                continue;
            g = tx_match_label(tb, joined, jl, st->ctx, 0, &x, &y);
            if (g < 0 || !(tb->rows[g].flags & XT_ROW_GROUP))
                continue;
        }
        if (!join_words(rd, from, last, ln, joined, sizeof joined, &jl))
            continue;
        int m = tx_match_label(tb, joined, jl, g >= 0 ? g : st->ctx, 0, &x, &y);
        if (m < 0 || !(tb->rows[m].flags & XT_ROW_CELLS) || (g >= 0 && tb->rows[m].parent != g))
            continue;
        if (tb->rows[m].parent >= 0)
            st->ctx = tb->rows[m].parent;
        *row = m;
        return;
    }
}

/* A line with values: a row, labeled or not. */
static int values_line(reader *rd, rowmode *st, const tline *ln, size_t li)
{
    const xt_table *tb = st->tb;
    int row = -1, rc;
    uint32_t lab, lastany;
    if ((rc = match_line_labels(rd, tb, ln, 1, &st->ctx, &row, &lab, &lastany)) != 0)
        return rc;
    if (row < 0 && ln->nlab == 1) {
        wrapped_label(rd, st, ln, li, &row);
        lab = row >= 0 ? ln->c0 : lab;
    }
    if (row >= 0 && lab + 1 < ln->c0 + ln->nlab) {
        /* words after the matched label: the row's values (tokens) when they make
         * exactly its cells; with more cells than that, the first is a label that matched
         * nothing ("（六）其他处理 | 1.申请人无正当理由逾 | 1 | ..."), perhaps torn from
         * another row: the row is not known */
        uint32_t after = ln->c0 + ln->nc - (lab + 1);
        uint32_t w = (uint32_t)tb->blocks[tb->rows[row].block].ncols;
        while (after > w && rd->cells[lab + after].value == V_BLANK)
            after--;
        if (after > w)
            row = -1;
    }
    /* the values follow the matched label (a text cell after it is a token) */
    uint32_t v0 = row >= 0 ? lab + 1 : ln->c0 + ln->nlab, ve = ln->c0 + ln->nc;
    uint32_t filled = 0;
    for (uint32_t k = v0; k < ve; k++)
        if (rd->cells[k].value == V_NUMBER || rd->cells[k].value == V_TOKEN)
            filled++;
    if (filled == 0)
        return 0; /* a header or a label fragment */
    int pending = st->pending;
    st->pending = -1;
    if (ln->nlab == 0 && !ln->pipe && ve - v0 == 1)
        return lone_value(rd, tb, ln, li);
    if (row < 0 && ln->nlab == 0) {
        wrapped_label(rd, st, ln, li, &row); /* the values of a label wrapped over the lines before */
        if (row >= 0 && ve - v0 != (uint32_t)tb->blocks[tb->rows[row].block].ncols)
            row = -1;
        lab = UINT32_MAX;
    }
    if (row < 0 && ln->nlab == 0 && pending >= 0 && ve - v0 == tb->blocks[tb->rows[pending].block].ncols &&
        pending_names(rd, st, li)) {
        row = pending; /* the values of the label alone on the line before */
        lab = UINT32_MAX;
    }
    if (row >= 0 && (rc = flush_subrows(rd, st)) != 0)
        return rc;
    if (row < 0 && ln->nlab > 0 && st->sub_of >= 0) {
        add_subrow(st, rd, ln);
        return 0;
    }
    if (ln->nlab > 0 && row < 0 && (rc = unmatched(rd, tb, ln, li)) != 0)
        return rc;
    uint32_t col = lab != UINT32_MAX && row >= 0 ? rd->cells[lab].col : rd->cells[ln->c0].col;
    if ((rc = tx_new_row(rd, row, (uint32_t)li, col, row >= 0 ? lab : UINT32_MAX)) != 0)
        return rc;
    return add_vals(rd, v0, ve);
}

int tx_build_rows_rowmode(reader *rd, int ti, size_t *first_row)
{
    rowmode st = { .tb = &rd->t->tables[ti], .first_row = rd->nrows, .ctx = -1, .pending = -1, .sub_of = -1 };
    int rc = 0;
    *first_row = rd->nrows;
    for (size_t li = 0; li < rd->nlines; li++) {
        const tline *ln = &rd->lines[li];
        if (ln->region == ti && blank_inline_line(rd, st.tb, ln, li, *first_row, &rc)) {
            if (rc)
                return rc;
            continue;
        }
        if (ln->region != ti || ln->heading || ln->skip || ln->nc == 0)
            continue;
        if (inline_line(rd, st.tb, ln, li, &rc)) {
            if (rc)
                return rc;
        } else if (ln->nfilled == 0) {
            if (words_line(rd, &st, ln, li, &rc)) {
                rd->nrows = *first_row;
                return rc ? rc : 1;
            }
            if (rc)
                return rc;
        } else if ((rc = values_line(rd, &st, ln, li)) != 0) {
            return rc;
        }
    }
    return flush_subrows(rd, &st);
}

/* Close a run of rows read without a label between them (a labeled row and the unlabeled
 * rows its surplus values form): unless its values divide into whole rows, a cell may have
 * been left out somewhere and no value of the run can be placed by position. */
static int close_run(reader *rd, const xt_table *tb, size_t run0, uint32_t width)
{
    if (run0 == SIZE_MAX || rd->nrows - run0 < 2 || width == 0)
        return 0;
    size_t total = 0;
    for (size_t k = run0; k < rd->nrows; k++)
        total += rd->rows[k].nv;
    if (total % width == 0)
        return 0;
    for (size_t k = run0; k < rd->nrows; k++)
        rd->rows[k].bad = 1;
    const trow *a = &rd->rows[run0], *b = &rd->rows[rd->nrows - 1];
    long l1 = tx_lno(rd, a->line), l2 = tx_lno(rd, rd->cells[rd->vals[b->v0 + b->nv - 1]].line);
    return xx_diagf(rd->r, "READ.UNPLACED", XXGK_SEVERITY_WARNING, l1, (long)a->col, NULL,
                    "第%ld–%ld行：表%s中这 %zu 个数值不能分成每行 %u 个的整行（可能漏了单元格），均未读入",
                    "lines %ld-%ld: table %s: these %zu values do not make whole rows of %u cells (a cell may be "
                    "missing); none is placed",
                    l1, l2, tb->number, total, width);
}

/* The state of the stream builder. */
typedef struct stream {
    const xt_table *tb;
    size_t first_row;
    int ctx;
    int open;                /* a row is open (rows[nrows-1]) */
    uint32_t width;          /* its width */
    uint32_t prev[3];        /* the text cells just before (the last one last) */
    int nprev;
    size_t run0;             /* first row of the current run */
    uint32_t runw;
    uint32_t amb;            /* a label naming two rows equally well, no label since, or UINT32_MAX */
    size_t amb_li;
    int amb_a, amb_b;
} stream;

static trow *open_row(reader *rd)
{
    return &rd->rows[rd->nrows - 1];
}

/* A lone `|` line is an empty cell where every cell line ends with its own `|` ("0 |"): the
 * bar closes a cell that holds nothing. Elsewhere (a value line, then a `|` line) it only
 * separates. */
static int bars_are_cells(const reader *rd, int ti)
{
    size_t closed = 0, other = 0;
    for (size_t li = 0; li < rd->nlines; li++) {
        const tline *ln = &rd->lines[li];
        if (ln->region != ti || ln->heading || ln->skip || ln->nc != 1)
            continue;
        const char *s = rd->buf + ln->off;
        if (s[0] != '|' && s[ln->len - 1] == '|')
            closed++;
        else
            other++;
    }
    return closed >= 3 && closed > other;
}

/* A labeled row of one value in a layout of one paragraph per cell, where the label is
 * followed by as many blank lines as the row's empty cells need and the value by no more
 * than one: only its last cell (总计) is printed. */
static void mark_last_only(reader *rd, const stream *st)
{
    trow *w = open_row(rd);
    if (rd->nrows <= st->first_row || w->row < 0 || w->nv != 1 || st->width < 2)
        return;
    uint32_t vl = rd->cells[rd->vals[w->v0]].line;
    if (vl != w->line + 1)
        return;
    uint32_t before = rd->lines[vl].no - rd->lines[w->line].no - 1;
    uint32_t after = vl + 1 < rd->nlines ? rd->lines[vl + 1].no - rd->lines[vl].no - 1 : 0;
    if (after <= 1 && before >= st->width - 1 + after)
        w->last_only = 1;
}

static int stream_close_run(reader *rd, stream *st)
{
    int rc = close_run(rd, st->tb, st->run0, st->runw);
    st->run0 = SIZE_MAX;
    return rc;
}

/* Close the open row: a label without values is a header mention, or a row printed empty
 * (text_empty.c decides which). */
static int close_open(reader *rd, stream *st)
{
    int open = st->open;
    st->open = 0;
    if (!open)
        return 0;
    trow *w = open_row(rd);
    if (w->nv > 0) {
        mark_last_only(rd, st);
        return 0;
    }
    rd->nrows--;
    return w->row >= 0 ? tx_note_empty(rd, (int)(st->tb - rd->t->tables), w->row, w->lab) : 0;
}

/* A label broken over two to four cells ("2.其他法律行政法规禁" / "止公开"): the text cells
 * just before cell ci and ci, joined, must match exactly (or without the ordinal). The row,
 * with *c its first piece, or -1. */
static int joined_label(const reader *rd, const stream *st, uint32_t ci, const tcell **c)
{
    for (int k = st->nprev; k >= 1; k--) {
        char joined[512];
        size_t n = 0;
        int fits = 1;
        for (int j = st->nprev - k; j <= st->nprev && fits; j++) {
            const tcell *p = &rd->cells[j < st->nprev ? st->prev[j] : ci];
            fits = n + p->len < sizeof joined;
            if (fits) {
                memcpy(joined + n, rd->buf + p->off, p->len);
                n += p->len;
            }
        }
        int a, b, m = fits ? tx_match_label(st->tb, joined, n, st->ctx, 0, &a, &b) : -1;
        if (m >= 0) {
            *c = &rd->cells[st->prev[st->nprev - k]];
            return m;
        }
    }
    return -1;
}

/* A text cell: a row label opens its row; text among a row's values is a token. */
static int stream_text(reader *rd, stream *st, size_t li, uint32_t ci)
{
    const xt_table *tb = st->tb;
    const tcell *c = &rd->cells[ci];
    int a = -1, b = -1, rc;
    int m = tx_match_label(tb, rd->buf + c->off, c->len, st->ctx, 1, &a, &b);
    if (m == -2 && (tb->inline_layout || !st->open || open_row(rd)->nv == 0 || open_row(rd)->nv >= st->width)) {
        /* a header's words ("行政复议 行政诉讼"): an error only when values follow it */
        if (!tb->inline_layout) {
            st->amb = ci;
            st->amb_li = li;
            st->amb_a = a;
            st->amb_b = b;
        }
        m = -1;
    }
    if (m == -2)
        return ambiguous(rd, tb, (uint32_t)li, c, a, b);
    if (m < 0 && (m = joined_label(rd, st, ci, &c)) >= 0 && st->open && open_row(rd)->nv == 0 &&
        open_row(rd)->lab >= (uint32_t)(c - rd->cells)) {
        rd->nrows--; /* a row its first piece seemed to name: the whole label names another */
        st->open = 0;
    }
    if (m < 0 && is_col_label(rd, tb, c)) {
        /* a column's label between a row label and its values, or among them (a header
         * printed where the extractor found it): not a cell; in the middle of a row the
         * values must prove their order */
        st->nprev = 0;
        if (st->open && open_row(rd)->nv > 0)
            rd->need_proof = 1;
        return 0;
    }
    if (st->nprev == 3)
        memmove(st->prev, st->prev + 1, 2 * sizeof *st->prev);
    st->prev[st->nprev < 3 ? st->nprev++ : 2] = ci;
    if (m < 0 && st->open && open_row(rd)->nv > 0 && open_row(rd)->nv < st->width)
        return tx_add_val(rd, ci); /* text among the values: a token */
    if ((rc = close_open(rd, st)) != 0)
        return rc;
    if (m >= 0)
        st->amb = UINT32_MAX;
    if ((rc = stream_close_run(rd, st)) != 0 || m < 0)
        return rc;
    if (tb->rows[m].flags & XT_ROW_GROUP)
        st->ctx = m;
    else if (tb->rows[m].parent >= 0)
        st->ctx = tb->rows[m].parent;
    if (!(tb->rows[m].flags & XT_ROW_CELLS))
        return 0;
    if ((rc = tx_new_row(rd, m, (uint32_t)li, c->col, ci)) != 0)
        return rc;
    st->open = 1;
    st->width = tb->blocks[tb->rows[m].block].ncols;
    st->run0 = rd->nrows - 1;
    st->runw = st->width;
    return 0;
}

/* A value: it fills the open row; beyond its width it opens an unlabeled row as wide as the
 * row it follows (or the table). */
static int stream_value(reader *rd, stream *st, size_t li, uint32_t ci)
{
    const xt_table *tb = st->tb;
    int rc;
    st->nprev = 0;
    if (st->amb != UINT32_MAX)
        return ambiguous(rd, tb, (uint32_t)st->amb_li, &rd->cells[st->amb], st->amb_a, st->amb_b);
    if (st->open && open_row(rd)->nv >= st->width) {
        st->open = 0;
        const trow *full = open_row(rd);
        uint32_t last = rd->cells[rd->vals[full->v0 + full->nv - 1]].line;
        if (tx_layout_breaks(rd, last, (uint32_t)li) && (rc = stream_close_run(rd, st)) != 0)
            return rc;
    }
    if (!st->open) {
        uint32_t w = tb->inline_layout ? tb->ncells : tb->width;
        if (rd->nrows > st->first_row) {
            const trow *pw = open_row(rd);
            w = pw->row >= 0 ? (uint32_t)tb->blocks[tb->rows[pw->row].block].ncols : st->width;
        }
        if (tb->inline_layout)
            w = (uint32_t)tb->ncells;
        if ((rc = tx_new_row(rd, -1, (uint32_t)li, rd->cells[ci].col, UINT32_MAX)) != 0)
            return rc;
        st->open = 1;
        st->width = w;
        if (st->run0 == SIZE_MAX) {
            st->run0 = rd->nrows - 1;
            st->runw = w;
        } else {
            open_row(rd)->cont = 1;
        }
    }
    return tx_add_val(rd, ci);
}

/* A lone `|` line: an empty cell of the open row until the row is full; after that, and
 * always for a run of bars (`||||`, a merged filler), it ends the row. */
static int stream_bars(reader *rd, stream *st, const tline *ln)
{
    if (!st->open)
        return 0;
    if (ln->bars > 1 || open_row(rd)->nv >= st->width) {
        st->open = 0;
        return 0;
    }
    return tx_add_val(rd, ln->c0);
}

/* Stream layouts: one cell per line. A label opens a row, the values that follow fill it;
 * values beyond its width form unlabeled rows of the same width. */
int tx_build_rows_stream(reader *rd, int ti, size_t *first_row)
{
    stream st = { .tb = &rd->t->tables[ti], .first_row = rd->nrows, .ctx = -1,
                  .run0 = SIZE_MAX, .amb = UINT32_MAX };
    int bars = bars_are_cells(rd, ti), rc = 0;
    *first_row = rd->nrows;
    for (size_t li = 0; li < rd->nlines; li++) {
        const tline *ln = &rd->lines[li];
        if (ln->region != ti || ln->heading)
            continue;
        if (ln->skip) {
            if (bars && ln->bars && (rc = stream_bars(rd, &st, ln)) != 0)
                return rc;
            continue;
        }
        for (uint32_t k = 0; k < ln->nc && rc == 0; k++) {
            uint32_t ci = ln->c0 + k;
            uint8_t v = rd->cells[ci].value;
            if (v == V_TEXT)
                rc = stream_text(rd, &st, li, ci);
            else if (v != V_BLANK)
                rc = stream_value(rd, &st, li, ci);
        }
        if (rc)
            return rc;
    }
    if ((rc = close_open(rd, &st)) != 0)
        return rc;
    if (st.run0 != SIZE_MAX && st.run0 < rd->nrows)
        return close_run(rd, st.tb, st.run0, st.runw);
    return 0;
}
