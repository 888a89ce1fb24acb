/* SPDX-License-Identifier: MIT */
/* Text reader, pass 3: the values of each row into template cells (unlabeled rows only
 * between two matched anchors), and the rows not found. */
#include "text_read.h"
#include "value.h"
#include "text_escape.h"
#include "normalize.h"

#include <stdio.h>
#include <string.h>

static const char *short_label(const xt_row *rw)
{
    return rw->label;
}

/* Whether s[0..n) holds a backslash, or in Markdown an '&': text that may be escaped. One
 * loop over a cell (most are a few digits) rather than a libc search for each byte. */
static int may_be_escaped(const char *s, size_t n, int md)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\\' || (md && s[i] == '&'))
            return 1;
    return 0;
}

int tx_put_value(reader *rd, size_t id, uint32_t ci)
{
    tcell *c = &rd->cells[ci];
    c->placed = 1;
    const char *s = rd->buf + c->off;
    long line = tx_lno(rd, c->line);
    int quoted = xx_text_quoted(s, c->len);
    if (!quoted && !may_be_escaped(s, c->len, rd->md))
        return xx_value_set_text(rd->r, id, s, c->len, line, (long)c->col);
    /* written escaped (text_escape.h): a quoted token is a token whatever it holds */
    xbuf b = { 0 };
    xx_text_unescape(&b, s, c->len, rd->md);
    if (b.failed) {
        xb_free(&b);
        return xx_oom();
    }
    int rc = quoted && b.len ? xx_set_token(rd->r, id, b.p, b.len, (uint32_t)line, c->col)
                             : xx_value_set_text(rd->r, id, b.p ? b.p : "", b.len, line, (long)c->col);
    xb_free(&b);
    return rc;
}

static int row_width(const xt_table *tb, int row)
{
    return tb->blocks[tb->rows[row].block].ncols;
}

/* Whether the last cell of line li is closed by its separator ("| 0 | 0 |", "0\t"). */
static int closed_line(const reader *rd, uint32_t li)
{
    const tline *ln = &rd->lines[li];
    char last = rd->buf[ln->off + ln->len - 1];
    return last == '|' || last == '\t';
}

/* Whether most `|` lines of region end with a `|`. */
static int bars_close_lines(const reader *rd, int region)
{
    size_t closed = 0, open = 0;
    for (uint32_t li = 0; li < rd->nlines; li++)
        if (rd->lines[li].region == region && rd->lines[li].pipe)
            closed_line(rd, li) ? closed++ : open++;
    return closed > open;
}

/* The text ends inside row w (an excerpt cut off): how many of its first values are whole,
 * each closed by the separator after it; -1 when the row is not cut. */
static int cut_cells(const reader *rd, const trow *w, uint32_t v0, uint32_t nv, uint32_t width)
{
    if (nv == 0)
        return -1;
    uint32_t li = rd->cells[rd->vals[v0 + nv - 1]].line;
    if (li + 1 != rd->nlines)
        return -1;
    int closed = closed_line(rd, li);
    if (nv < width)
        return (int)(closed ? nv : nv - 1);
    if (nv == width && !closed && rd->lines[li].pipe && bars_close_lines(rd, rd->lines[w->line].region))
        return (int)(nv - 1);
    return -1;
}

/* A row cut by the end of the text: its first `keep` values are read, the rest stay not read. */
static int place_cut(reader *rd, const xt_table *tb, const trow *w, int row, uint32_t v0, uint32_t keep,
                     int *placed)
{
    const xt_row *rw = &tb->rows[row];
    uint32_t width = (uint32_t)row_width(tb, row);
    int rc = 0;
    *placed = 1;
    for (uint32_t k = 0; k < keep && k < width && rc == 0; k++)
        rc = tx_put_value(rd, (size_t)rw->first_cell + k, rd->vals[v0 + k]);
    if (rc)
        return rc;
    long line = tx_lno(rd, w->line);
    return xx_diagf(rd->r, "READ.ROW_CUT", XXGK_SEVERITY_WARNING, line, (long)w->col,
                    rd->t->cells[rw->first_cell].path,
                    "第%ld行：文本在表%s“%s”中间结束，只读入其前 %u 个完整的单元格（共 %u 个）",
                    "line %ld: the text ends inside table %s row '%s': only its first %u whole cells of %u are read",
                    line, tb->number, short_label(rw), keep, width);
}

static int place_last_only(reader *rd, const xt_table *tb, const trow *w, int row, int *placed)
{
    const xt_row *rw = &tb->rows[row];
    uint32_t width = (uint32_t)row_width(tb, row);
    *placed = 1;
    for (uint32_t k = 0; k + 1 < width; k++)
        rd->r->cells[(size_t)rw->first_cell + k].state = XXGK_CELL_BLANK;
    int rc = tx_put_value(rd, (size_t)rw->first_cell + width - 1, rd->vals[w->v0]);
    if (rc)
        return rc;
    long line = tx_lno(rd, w->line);
    return xx_diagf(rd->r, "READ.ORDER", XXGK_SEVERITY_INFO, line, (long)w->col,
                    rd->t->cells[(size_t)rw->first_cell + width - 1].path,
                    "第%ld行：表%s“%s”只有一个数值，前面的空行留出了其余 %u 个空单元格：读作最后一列（%s）",
                    "line %ld: table %s row '%s' has one value after blank lines for its other %u empty cells: "
                    "read as its last column (%s)",
                    line, tb->number, short_label(rw), width - 1, tb->cols[tb->blocks[rw->block].first_col + width - 1].label);
}

/* Place row w's values in template row `row`. */
static int place_row(reader *rd, const xt_table *tb, const trow *w, int row, int *placed)
{
    uint32_t nv = w->nv, v0 = w->v0;
    uint32_t width = (uint32_t)row_width(tb, row);
    const xt_row *rw = &tb->rows[row];
    while (nv > width && rd->cells[rd->vals[v0 + nv - 1]].value == V_BLANK)
        nv--;
    /* an unlabeled row keeps an empty label column ("| | 4 | 0 |..."): too many cells by
     * leading blanks only */
    while (w->lab == UINT32_MAX && nv > width && rd->cells[rd->vals[v0]].value == V_BLANK) {
        v0++;
        nv--;
    }
    long line = tx_lno(rd, w->line);
    if (w->last_only)
        return place_last_only(rd, tb, w, row, placed);
    int cut = cut_cells(rd, w, v0, nv, width);
    if (cut >= 0)
        return place_cut(rd, tb, w, row, v0, (uint32_t)cut, placed);
    if (nv != width) {
        *placed = 0;
        return xx_diagf(rd->r, nv < width ? "READ.ROW_INCOMPLETE" : "READ.ROW_EXTRA", XXGK_SEVERITY_WARNING, line,
                        (long)w->col, tb->rows[row].first_cell >= 0 ? rd->t->cells[rw->first_cell].path : NULL,
                        "第%ld行：表%s“%s”应有 %u 个单元格，实有 %u 个；该行未读入",
                        "line %ld: table %s row '%s' needs %u cells, the text has %u; the row is not read",
                        line, tb->number, short_label(rw), width, nv);
    }
    *placed = 1;
    for (uint32_t k = 0; k < width; k++) {
        int rc = tx_put_value(rd, (size_t)rw->first_cell + k, rd->vals[v0 + k]);
        if (rc)
            return rc;
    }
    return 0;
}

static int unplaced(reader *rd, const xt_table *tb, const trow *a, const trow *b, const char *why_zh,
                    const char *why_en)
{
    long l1 = tx_lno(rd, a->line), l2 = tx_lno(rd, b->nv ? rd->cells[rd->vals[b->v0 + b->nv - 1]].line : b->line);
    char zh[512], en[512];
    snprintf(zh, sizeof zh, "第%ld–%ld行：表%s中没有行标签的数值行未读入（%s）", l1, l2, tb->number, why_zh);
    snprintf(en, sizeof en, "lines %ld-%ld: unlabeled value rows of table %s not read (%s)", l1, l2, tb->number,
             why_en);
    return xx_diag(rd->r, "READ.UNPLACED", XXGK_SEVERITY_WARNING, l1, (long)a->col, NULL, zh, en);
}

/* Reading order: a row printed twice, or rows out of the template's order when some rows are
 * placed by order (unlabeled), make the table unreadable. 1 (diagnosed in *rc) when so. */
static int scrambled(reader *rd, const xt_table *tb, size_t r0, size_t r1, int *rc)
{
    int last = -1, unlabeled = 0;
    unsigned char twice[256];
    memset(twice, 0, sizeof twice);
    *rc = 0;
    for (size_t i = r0; i < r1; i++)
        if (rd->rows[i].row < 0)
            unlabeled = 1;
    for (size_t i = r0; i < r1; i++) {
        const trow *w = &rd->rows[i];
        if (w->row < 0)
            continue;
        if (twice[w->row] || (unlabeled && w->row <= last)) {
            long line = tx_lno(rd, w->line);
            const char *prevl = last >= 0 ? tb->rows[last].label : tb->rows[w->row].label;
            *rc = xx_diagf(rd->r, "READ.SCRAMBLED", XXGK_SEVERITY_ERROR, line, (long)w->col, NULL,
                           "第%ld行：表%s的行顺序与格式不符（“%s”出现在“%s”之后），该表未读入",
                           "line %ld: the rows of table %s are out of order ('%s' after '%s'); the table is not read",
                           line, tb->number, tb->rows[w->row].label, prevl);
            return 1;
        }
        twice[w->row] = 1;
        last = w->row;
    }
    return 0;
}

/* The template rows an unlabeled run i..j may fill: those with cells between the matched
 * rows around it (the table's heading counts as the anchor before the first row). Returns
 * 1 when they are exactly as many as the run's rows. */
typedef struct slots {
    int prev, next;      /* anchors: template rows, -1 none; prev = -2 for the heading */
    int row[64], n;
} slots;

static int run_slots(const reader *rd, const xt_table *tb, size_t r0, size_t r1, size_t i, size_t j, int headed,
                     slots *sl)
{
    sl->prev = sl->next = -1;
    sl->n = 0;
    for (size_t k = i; k-- > r0;)
        if (rd->rows[k].row >= 0) { sl->prev = rd->rows[k].row; break; }
    if (sl->prev < 0 && headed)
        sl->prev = -2;
    if (j < r1)
        sl->next = rd->rows[j].row;
    if (sl->prev == -1 || sl->next < 0)
        return 0;
    for (int k = sl->prev < 0 ? 0 : sl->prev + 1; k < sl->next && sl->n < 64; k++)
        if ((tb->rows[k].flags & XT_ROW_CELLS) && !(tb->rows[k].flags & XT_ROW_OPTIONAL))
            sl->row[sl->n++] = k;
    return (size_t)sl->n == j - i;
}

/* A labeled row (or a run of rows, when a subtotal row stands for its items). */
static int place_labeled(reader *rd, const xt_table *tb, size_t r0, size_t r1, size_t i, int *seen)
{
    const trow *w = &rd->rows[i];
    int placed, rc;
    if ((rc = place_row(rd, tb, w, w->row, &placed)) != 0)
        return rc;
    seen[w->row] = 1;
    int items = 0;
    for (size_t k = r0; k < r1; k++)
        if (rd->rows[k].row > w->row && rd->rows[k].row <= tb->rows[w->row].last_desc)
            items = 1;
    if (!placed || items || !(tb->rows[w->row].flags & XT_ROW_OPTIONAL))
        return 0;
    long line = tx_lno(rd, w->line);
    for (int k = w->row + 1; k <= tb->rows[w->row].last_desc; k++)
        seen[k] = 1;
    return xx_diagf(rd->r, "READ.SUBTOTAL", XXGK_SEVERITY_INFO, line, (long)w->col,
                    rd->t->cells[tb->rows[w->row].first_cell].path,
                    "第%ld行：“%s”按一行填报，读入其合计单元格，其各子项未列出",
                    "line %ld: '%s' is printed as one row: read into its subtotal cells, its items are not printed", line,
                    tb->rows[w->row].label);
}

static int in_order(const reader *rd, size_t r0, size_t r1, uint32_t width)
{
    return !rd->stream || tx_rows_in_order(rd, r0, r1, width);
}

/* A labeled row whose values run on into rows that cannot be placed: its own cells are only
 * the first of a longer run of numbers, which proves nothing. 1 (diagnosed) when so. */
static int runs_on(reader *rd, const xt_table *tb, size_t r0, size_t r1, size_t i, int headed, int *rc)
{
    const trow *w = &rd->rows[i];
    *rc = 0;
    if (i + 1 >= r1 || rd->rows[i + 1].row >= 0 || !rd->rows[i + 1].cont)
        return 0;
    size_t j = i + 1;
    uint32_t more = 0;
    while (j < r1 && rd->rows[j].row < 0)
        more += rd->rows[j++].nv;
    slots sl;
    if (run_slots(rd, tb, r0, r1, i + 1, j, headed, &sl) && in_order(rd, i, j, w->nv))
        return 0;
    long line = tx_lno(rd, w->line);
    *rc = xx_diagf(rd->r, "READ.UNPLACED", XXGK_SEVERITY_WARNING, line, (long)w->col,
                   rd->t->cells[tb->rows[w->row].first_cell].path,
                   "第%ld行：表%s“%s”的数值后面紧接着另有 %u 个数值，无法确定哪些属于该行；该行未读入",
                   "line %ld: table %s row '%s': its values run on into %u more values that no row label "
                   "places, so which belong to it is not proven; the row is not read",
                   line, tb->number, tb->rows[w->row].label, more);
    return 1;
}

/* Whether values cells[vals[k]] in cells first..first+n are all numbers and the identities
 * they enter hold (at least one). */
static int proven(const reader *rd, size_t first, const uint32_t *vals, uint32_t n)
{
    size_t ids[64];
    int64_t v[64];
    if (n > 64)
        return 0;
    for (uint32_t k = 0; k < n; k++) {
        const tcell *c = &rd->cells[vals[k]];
        int note;
        ids[k] = first + k;
        if (xx_value_number(rd->t, first + k, rd->buf + c->off, c->len, &v[k], &note) != 0)
            return 0;
    }
    int checked;
    return tx_prove(rd->r, ids, v, n, 0, &checked) && checked > 0;
}

/* The inline table's one row of all its cells. 1 when placed. */
static int place_inline(reader *rd, const xt_table *tb, const trow *a, int *seen, int *rc)
{
    uint32_t nv = a->nv;
    *rc = 0;
    while (nv > tb->ncells && rd->cells[rd->vals[a->v0 + nv - 1]].value == V_BLANK)
        nv--;
    if (nv != tb->ncells)
        return 0;
    if (rd->need_proof && !proven(rd, tb->first_cell, &rd->vals[a->v0], nv))
        return 0;
    for (uint32_t k = 0; k < nv; k++)
        if ((*rc = tx_put_value(rd, tb->first_cell + k, rd->vals[a->v0 + k])) != 0)
            return 1;
    for (int k = 0; k < tb->nrows; k++)
        seen[k] = 1;
    return 1;
}

/* A run i..j of unlabeled rows: placed by position when the rows around it prove it. */
static int place_run(reader *rd, const xt_table *tb, size_t r0, size_t r1, size_t i, size_t j, int headed,
                     int *seen)
{
    const trow *a = &rd->rows[i], *b = &rd->rows[j - 1];
    int rc;
    for (size_t k = i; k < j; k++)
        if (rd->rows[k].bad)
            return 0;
    if (tb->inline_layout && j - i == 1 && a->nv >= tb->ncells && place_inline(rd, tb, a, seen, &rc))
        return rc;
    uint32_t width = 0;
    for (size_t k = i; k < j; k++)
        width = rd->rows[k].nv > width ? rd->rows[k].nv : width;
    if (!in_order(rd, i, j, width))
        return unplaced(rd, tb, a, b, "数值分块排列，块的边界与行的边界不一致（可能是按列而非按行提取的文本）",
                        "the values come in blocks that do not end where rows end (text extracted by column, "
                        "not by row)");
    slots sl;
    if (!run_slots(rd, tb, r0, r1, i, j, headed, &sl)) {
        if (sl.prev == -1 || sl.next < 0)
            return unplaced(rd, tb, a, b, sl.prev == -1 ? "前面没有可对应的行标签" : "后面没有可对应的行标签",
                            sl.prev == -1 ? "no matched row label before them" : "no matched row label after them");
        char zh[160], en[160];
        snprintf(zh, sizeof zh, "%zu 行数值，而两侧行标签之间有 %d 个格式行", j - i, sl.n);
        snprintf(en, sizeof en, "%zu value rows where the template has %d rows between the labels around them",
                 j - i, sl.n);
        return unplaced(rd, tb, a, b, zh, en);
    }
    const char *before = sl.prev >= 0 ? tb->rows[sl.prev].label : NULL;
    for (size_t k = i; k < j; k++) {
        int placed, row = sl.row[k - i];
        const trow *u = &rd->rows[k];
        if ((rc = place_row(rd, tb, u, row, &placed)) != 0)
            return rc;
        seen[row] = 1;
        if (!placed)
            continue;
        long line = tx_lno(rd, u->line);
        char zh[512], en[512];
        snprintf(zh, sizeof zh, "第%ld行：没有行标签的数值行按位置（“%s”与“%s”之间）读作“%s”", line,
                 before ? before : "表头", tb->rows[sl.next].label, tb->rows[row].label);
        snprintf(en, sizeof en, "line %ld: an unlabeled value row read by its position (between %s%s%s and '%s') as '%s'",
                 line, before ? "'" : "", before ? before : "the table's heading", before ? "'" : "",
                 tb->rows[sl.next].label, tb->rows[row].label);
        if ((rc = xx_diag(rd->r, "READ.ORDER", XXGK_SEVERITY_INFO, line, (long)u->col,
                          rd->t->cells[tb->rows[row].first_cell].path, zh, en)) != 0)
            return rc;
    }
    return 0;
}

/* Whether table ti starts with its own heading (an excerpt may start inside it). */
static int has_heading(const reader *rd, int ti)
{
    for (size_t li = 0; li < rd->nlines; li++)
        if (rd->lines[li].region == ti)
            return rd->lines[li].heading;
    return 0;
}

int tx_place_table(reader *rd, int ti, size_t r0, size_t r1, int *seen)
{
    const xt_table *tb = &rd->t->tables[ti];
    int rc, headed = has_heading(rd, ti);
    if (scrambled(rd, tb, r0, r1, &rc))
        return rc;
    if (r0 < r1 && rd->rows[r0].runon)
        return tx_place_runon(rd, ti, r0, r1, seen);
    for (size_t i = r0; i < r1;) {
        const trow *w = &rd->rows[i];
        if (w->row >= 0) {
            seen[w->row] = 1;
            if (!w->bad && !runs_on(rd, tb, r0, r1, i, headed, &rc))
                rc = place_labeled(rd, tb, r0, r1, i, seen);
            if (rc)
                return rc;
            i++;
            continue;
        }
        size_t j = i;
        while (j < r1 && rd->rows[j].row < 0)
            j++;
        if ((rc = place_run(rd, tb, r0, r1, i, j, headed, seen)) != 0)
            return rc;
        i = j;
    }
    return 0;
}

int tx_missing(reader *rd, int ti, const int *seen, int table_found, long end_line)
{
    const xt_table *tb = &rd->t->tables[ti];
    if (!table_found)
        return xx_diagf(rd->r, "READ.MISSING", XXGK_SEVERITY_WARNING, end_line, 1, NULL,
                        "未找到表%s（%s）", "table %s (%s) not found", tb->number, tb->heading);
    for (int k = 0; k < tb->nrows;) {
        if (seen[k] || !(tb->rows[k].flags & XT_ROW_CELLS) || (tb->rows[k].flags & XT_ROW_OPTIONAL)) {
            k++;
            continue;
        }
        int e = k;
        for (int m = k + 1; m < tb->nrows; m++) {
            if (seen[m])
                break;
            if ((tb->rows[m].flags & XT_ROW_CELLS) && !(tb->rows[m].flags & XT_ROW_OPTIONAL))
                e = m;
        }
        int rc;
        if (e == k)
            rc = xx_diagf(rd->r, "READ.MISSING", XXGK_SEVERITY_WARNING, end_line, 1,
                          rd->t->cells[tb->rows[k].first_cell].path, "表%s未找到“%s”行", "table %s: row '%s' not found",
                          tb->number, tb->rows[k].label);
        else
            rc = xx_diagf(rd->r, "READ.MISSING", XXGK_SEVERITY_WARNING, end_line, 1,
                          rd->t->cells[tb->rows[k].first_cell].path, "表%s未找到“%s”至“%s”各行",
                          "table %s: rows '%s' to '%s' not found", tb->number, tb->rows[k].label, tb->rows[e].label);
        if (rc)
            return rc;
        k = e + 1;
    }
    return 0;
}
