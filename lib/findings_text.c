/* SPDX-License-Identifier: MIT */
/* A finding's message, in Chinese or English, formatted from what the finding keeps (its
 * rule, cells and numbers) when it is asked for. Cells are named as the clerk reads the
 * printed table (表三“一、本年新收政府信息公开申请数量”行“自然人”列), never by their path; the
 * path stays in the finding's cell list. Formatting writes into the caller's buffer and
 * allocates nothing. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

/* A bounded output: writes what fits (always NUL-terminated), counts the whole length. */
typedef struct {
    char *p;
    size_t cap, len;
} sink;

static void sput(sink *s, const char *t, size_t n)
{
    if (s->cap && s->len < s->cap - 1) {
        size_t room = s->cap - 1 - s->len, k = n < room ? n : room;
        memcpy(s->p + s->len, t, k);
        s->p[s->len + k] = '\0';
    }
    s->len += n;
}

static void sputs(sink *s, const char *t) { sput(s, t, strlen(t)); }

static void sputu(sink *s, size_t v)
{
    char b[24];
    int n = snprintf(b, sizeof b, "%zu", v);
    sput(s, b, (size_t)n);
}

/* The spreadsheet name of a cell: column letters (1 = A, 27 = AA), then the row. */
static void sheet_ref(sink *s, uint32_t rec, uint16_t field)
{
    char col[8];
    size_t n = 0;
    for (unsigned f = field; f > 0 && n < sizeof col; f = (f - 1) / 26)
        col[n++] = (char)('A' + (f - 1) % 26);
    while (n)
        sput(s, &col[--n], 1);
    sputu(s, rec);
}

/* A cell as the clerk names it; the subject also by its spreadsheet cell when read from one. */
static void cell_name(sink *s, const xfinding *x, int32_t id, int en)
{
    const xt_cell *c = &x->t->cells[id];
    sputs(s, en ? c->name_en : c->name);
    if (id == x->subject && x->grid_rec && x->grid_field) {
        sputs(s, en ? " (" : "（");
        sheet_ref(s, x->grid_rec, x->grid_field);
        sputs(s, en ? ")" : "）");
    }
}

static void cell_name_path(sink *s, const xfinding *x, const char *path, int en)
{
    size_t id;
    if (xx_lookup(x->t, path, &id) == 0)
        cell_name(s, x, (int32_t)id, en);
    else
        sputs(s, path);
}

/* "subject: " before a message about one cell, in the language's punctuation. */
static void subject(sink *s, const xfinding *x, int en)
{
    if (x->subject >= 0) {
        cell_name(s, x, x->subject, en);
        sputs(s, en ? ": " : "：");
    }
}

/* The cells of the figure's alternative b: one cell by its name, several as their sum. */
static void figure_cells(sink *s, const xfinding *x, int en)
{
    const xt_figure *fg = &x->t->figures[x->a];
    size_t i = 0;
    for (int32_t k = 0; k < x->b; k++)
        i += 1 + (size_t)fg->alts[i];
    int32_t n = fg->alts[i];
    if (n > 1)
        sputs(s, en ? "the sum of " : "");
    for (int32_t j = 0; j < n; j++) {
        if (j)
            sputs(s, en ? (j + 1 == n ? " and " : ", ") : "与");
        cell_name(s, x, fg->alts[i + 1 + (size_t)j], en);
    }
    if (n > 1 && !en)
        sputs(s, "之和");
}

/* Expand a rule's message: {cell} {expected} {actual} {scope} {scope_en}, and {quote} {what}
 * {cells} (a narrative figure) {unit} (the subject's column's). */
static void expand(sink *s, const xxgk_findings *f, const xfinding *x, int en)
{
    const char *tpl = en ? x->tr->msg_en : x->tr->msg;
    for (const char *p = tpl; *p;) {
        const char *brace = strchr(p, '{');
        if (!brace) {
            sputs(s, p);
            break;
        }
        sput(s, p, (size_t)(brace - p));
        p = brace;
        if (!strncmp(p, "{cell}", 6)) {
            if (x->subject >= 0)
                cell_name(s, x, x->subject, en);
            p += 6;
        } else if (!strncmp(p, "{expected}", 10)) {
            sputs(s, f->arena + x->expected);
            p += 10;
        } else if (!strncmp(p, "{actual}", 8)) {
            sputs(s, f->arena + x->actual);
            p += 8;
        } else if (!strncmp(p, "{scope}", 7)) {
            sputs(s, x->tr->scope);
            p += 7;
        } else if (!strncmp(p, "{scope_en}", 10)) {
            sputs(s, x->tr->scope_en);
            p += 10;
        } else if (!strncmp(p, "{quote}", 7)) {
            sputs(s, f->arena + x->msg);
            p += 7;
        } else if (!strncmp(p, "{what}", 6)) {
            if (x->tr->kind == XT_RULE_TEXT)
                sputs(s, en ? x->t->figures[x->a].what_en : x->t->figures[x->a].what);
            p += 6;
        } else if (!strncmp(p, "{cells}", 7)) {
            if (x->tr->kind == XT_RULE_TEXT)
                figure_cells(s, x, en);
            p += 7;
        } else if (!strncmp(p, "{unit}", 6)) {
            if (x->subject >= 0) {
                const xt_cell *c = &x->t->cells[x->subject];
                sputs(s, x->t->tables[c->table].cols[c->col].unit);
            }
            p += 6;
        } else {
            sput(s, p++, 1);
        }
    }
}

/* Up to three cells of the finding by name, then how many more. */
static void cell_list(sink *s, const xxgk_findings *f, const xfinding *x, int en)
{
    size_t show = x->ncells < 4 ? x->ncells : 3;
    for (size_t k = 0; k < show; k++) {
        if (k)
            sputs(s, en ? "; " : "；");
        cell_name_path(s, x, f->cellv[x->cells + k], en);
    }
    if (show < x->ncells) {
        sputs(s, en ? "; … (+" : "；…（另 ");
        sputu(s, x->ncells - show);
        sputs(s, en ? ")" : " 个）");
    }
}

static void uncheckable(sink *s, const xxgk_findings *f, const xfinding *x, int en)
{
    subject(s, x, en);
    sputs(s, en ? "cannot check \"" : "无法核对“");
    sputs(s, en ? x->tr->desc_en : x->tr->desc);
    sputs(s, en ? "\": " : "”：");
    sputu(s, x->ncells);
    sputs(s, en ? " cell(s) blank or not a number (" : " 个单元格为空或非数字（");
    cell_list(s, f, x, en);
    sputs(s, en ? ")" : "）");
}

static void overflow(sink *s, const xfinding *x, int en)
{
    subject(s, x, en);
    sputs(s, en ? "the sum overflows; cannot check \"" : "求和溢出，无法核对“");
    sputs(s, en ? x->tr->desc_en : x->tr->desc);
    sputs(s, en ? "\"" : "”");
}

static void table_empty(sink *s, const xfinding *x, int en)
{
    const xt_table *tb = &x->t->tables[x->a];
    sputs(s, en ? "table " : "表");
    sputs(s, en ? tb->number_en : tb->number);
    sputs(s, en ? " (" : "（");
    sputs(s, en ? tb->heading_en : tb->heading);
    sputs(s, en ? ") has no number at all" : "）没有任何数字");
}

static void row_blank(sink *s, const xxgk_findings *f, const xfinding *x, int en)
{
    const xt_table *tb = &x->t->tables[x->a];
    const xt_row *row = &tb->rows[x->b];
    sputs(s, en ? row->name_en : row->name);
    if (x->ncells == tb->blocks[row->block].ncols) {
        sputs(s, en ? " is blank" : "全部为空");
        return;
    }
    sputs(s, en ? ": " : "有 ");
    sputu(s, x->ncells);
    sputs(s, en ? " blank cell(s): " : " 个空单元格：");
    for (size_t k = 0; k < x->ncells; k++) {
        size_t id;
        if (xx_lookup(x->t, f->cellv[x->cells + k], &id) != 0)
            continue;
        const xt_col *c = &tb->cols[x->t->cells[id].col];
        if (k)
            sputs(s, en ? ", " : "、");
        sputs(s, en ? "\"" : "“");
        sputs(s, en ? c->label_en : c->label);
        sputs(s, en ? "\"" : "”");
    }
}

static void token(sink *s, const xxgk_findings *f, const xfinding *x, int en)
{
    subject(s, x, en);
    sputs(s, en ? "a number cell holds the non-numeric text \"" : "数字单元格中为非数字内容“");
    sputs(s, f->arena + x->actual);
    sputs(s, en ? "\"" : "”");
}

static void outdated(sink *s, const xfinding *x, int en)
{
    const xxgk_template *newer = xt_templates[x->a];
    char b[512];
    int n;
    if (en)
        n = snprintf(b, sizeof b, "the %d report uses the old %s template (%s); reports for %d on use %s (%s)", x->b,
                     x->t->id, x->t->name_en, newer->first_year, newer->id, newer->name_en);
    else
        n = snprintf(b, sizeof b, "%d 年度报告使用了 %s 的旧格式（%s 模板）；%d 年度起应使用 %s 的格式", x->b, x->t->name,
                     x->t->id, newer->first_year, newer->name);
    sput(s, b, n < 0 ? 0 : (size_t)n < sizeof b ? (size_t)n : sizeof b - 1);
}

static void unread(sink *s, const xfinding *x, int en)
{
    const xt_table *tb = &x->t->tables[x->a];
    sputs(s, en ? "table " : "表");
    sputs(s, en ? tb->number_en : tb->number);
    sputs(s, en ? ": " : "：");
    sputu(s, (size_t)x->b);
    sputs(s, en ? " identities not checked: some of their cells were not read (not in the source, or not placed)"
                : " 条勾稽关系未核对：其中有单元格未读到（原文未包含或无法定位）");
}

size_t xx_finding_text(char *buf, size_t size, const xxgk_findings *f, size_t i, int en)
{
    sink s = { buf, size, 0 };
    if (size)
        buf[0] = '\0';
    const xfinding *x = &f->items[i];
    switch (x->kind) {
    case XF_IDENTITY:
    case XF_CELL_RULE: expand(&s, f, x, en); break;
    case XF_UNCHECKABLE: uncheckable(&s, f, x, en); break;
    case XF_OVERFLOW: overflow(&s, x, en); break;
    case XF_TABLE_EMPTY: table_empty(&s, x, en); break;
    case XF_ROW_BLANK: row_blank(&s, f, x, en); break;
    case XF_TOKEN: token(&s, f, x, en); break;
    case XF_OUTDATED: outdated(&s, x, en); break;
    case XF_UNREAD: unread(&s, x, en); break;
    default: sputs(&s, f->arena + (en ? x->msg_en : x->msg)); break;
    }
    return s.len;
}
