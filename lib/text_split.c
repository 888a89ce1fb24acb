/* SPDX-License-Identifier: MIT */
/* Text reader: a run of digits split into a row's cells ("417" → 4 | 1 | 7,
 * "2100000 21" → 21 | 0 | 0 | 0 | 0 | 0 | 21). A blank between digits always separates
 * cells. A split is taken only when it is proven: it is the only one whose cells have a
 * number's form (no leading zeros, a fraction only where the cell takes one), or the only one
 * of those whose values the template's identities accept — within the row first, then with
 * the rows already read. Otherwise the row stays blank and the diagnostic names the
 * candidates. */
#include "text_read.h"
#include "value.h"
#include "normalize.h"

#include <stdio.h>
#include <string.h>

enum { MAXW = 16, KEEP = 8, BUDGET = 200000 };

typedef struct part {
    uint32_t off, len; /* its text (the group's unit included when it ends the group) */
    int64_t v;
} part;

typedef struct split {
    part p[MAXW];
} split;

typedef struct search {
    reader *rd;
    size_t first;            /* the first cell of the row */
    uint32_t width;
    const tcell *g[MAXW];    /* the groups of digits (cells between blanks) */
    uint32_t glen[MAXW];     /* their lengths without a unit */
    uint32_t ng;
    part cur[MAXW];
    split keep[KEEP];        /* the first splits the identities accept */
    int forms, proven;       /* splits of a number's form; of those, the ones proven */
    split first_form;        /* the first split of a number's form */
    long budget;
    int local;               /* identities among the row's own cells only */
} search;

static const char *const units[] = { "万元", "元", "件", "项" };

static uint32_t unit_len(const char *s, uint32_t n)
{
    for (size_t u = 0; u < sizeof units / sizeof *units; u++) {
        uint32_t l = (uint32_t)strlen(units[u]);
        if (n > l && !memcmp(s + n - l, units[u], l))
            return l;
    }
    return 0;
}

/* Whether s[0..n) has a number's form in a run: an optional sign, then "0" or digits
 * without a leading zero, then optionally a fraction. */
static int number_form(const char *s, uint32_t n)
{
    uint32_t i = n && (s[0] == '-' || s[0] == '+');
    if (i >= n || s[i] < '0' || s[i] > '9')
        return 0;
    if (s[i] == '0' && i + 1 < n && s[i + 1] != '.')
        return 0;
    return s[n - 1] != '.';
}

static void found(search *st)
{
    int checked;
    size_t ids[MAXW];
    int64_t v[MAXW];
    for (uint32_t k = 0; k < st->width; k++) {
        ids[k] = st->first + k;
        v[k] = st->cur[k].v;
    }
    if (st->forms++ == 0)
        memcpy(st->first_form.p, st->cur, sizeof st->cur);
    if (!tx_prove(st->rd->r, ids, v, st->width, st->local, &checked))
        return;
    if (st->proven < KEEP)
        memcpy(st->keep[st->proven].p, st->cur, sizeof st->cur);
    st->proven++;
}

/* Splits of groups gi.. (from byte a of group gi) into cells k..width-1. */
static void enumerate(search *st, uint32_t gi, uint32_t a, uint32_t k)
{
    if (--st->budget < 0)
        return;
    if (gi == st->ng) {
        if (k == st->width)
            found(st);
        return;
    }
    uint32_t left = st->glen[gi] - a, groups_after = st->ng - gi - 1;
    if (k + 1 + groups_after > st->width)
        return; /* every group needs a cell */
    const tcell *g = st->g[gi];
    const char *s = st->rd->buf + g->off + a;
    for (uint32_t l = 1; l <= left && st->budget >= 0; l++) {
        int last = l == left;
        uint32_t len = last ? g->len - a : l; /* the unit goes with the group's last cell */
        if (!number_form(s, l))
            continue;
        int note;
        if (xx_value_number(st->rd->t, st->first + k, s, len, &st->cur[k].v, &note) != 0)
            continue;
        st->cur[k].off = g->off + a;
        st->cur[k].len = len;
        if (last)
            enumerate(st, gi + 1, 0, k + 1);
        else if (k + 1 < st->width)
            enumerate(st, gi, a + l, k + 1);
    }
}

/* The row's runs and where its cells are. 0, or 1 when it cannot be split (too wide). */
static int setup(search *st, reader *rd, const xt_table *tb, const trow *w, int local)
{
    memset(st, 0, sizeof *st);
    st->rd = rd;
    st->local = local;
    if (w->row >= 0) {
        st->first = (size_t)tb->rows[w->row].first_cell;
        st->width = tb->blocks[tb->rows[w->row].block].ncols;
    } else {
        st->first = tb->first_cell;
        st->width = tb->ncells;
    }
    if (st->width > MAXW || w->nv > MAXW || w->nv == 0)
        return 1;
    st->ng = w->nv;
    for (uint32_t k = 0; k < w->nv; k++) {
        st->g[k] = &rd->cells[rd->vals[w->v0 + k]];
        st->glen[k] = st->g[k]->len - unit_len(rd->buf + st->g[k]->off, st->g[k]->len);
    }
    st->budget = BUDGET;
    enumerate(st, 0, 0, 0);
    return 0;
}

/* Put split sp into the row's cells: each part becomes a cell of the text. */
static int put_split(reader *rd, const search *st, const split *sp, uint32_t li)
{
    for (uint32_t k = 0; k < st->width; k++) {
        if (tx_grow((void **)&rd->cells, &rd->capcells, rd->ncells + 1, sizeof(tcell)))
            return XXGK_ENOMEM;
        const tline *ln = &rd->lines[li];
        tcell *c = &rd->cells[rd->ncells++];
        c->off = sp->p[k].off;
        c->len = sp->p[k].len;
        c->line = li;
        c->col = ln->col0 + (uint32_t)xn_utf8_count(rd->buf + ln->off, c->off - ln->off);
        c->value = V_NUMBER;
        c->placed = 0;
        int rc = tx_put_value(rd, st->first + k, (uint32_t)(rd->ncells - 1));
        if (rc)
            return rc;
    }
    return 0;
}

static void split_text(char *out, size_t cap, const reader *rd, const split *sp, uint32_t width)
{
    size_t o = 0;
    out[0] = '\0';
    for (uint32_t k = 0; k < width && o + 1 < cap; k++)
        o += (size_t)snprintf(out + o, cap - o, "%s%.*s", k ? " | " : "", (int)sp->p[k].len, rd->buf + sp->p[k].off);
    if (o >= cap)
        out[cap - 1] = '\0';
}

static const char *row_label(const xt_table *tb, const trow *w)
{
    return w->row >= 0 ? tb->rows[w->row].label : tb->heading;
}

/* The text of the row's runs, as printed. */
static void runs_text(const reader *rd, const trow *w, const char **s, int *n)
{
    const tcell *a = &rd->cells[rd->vals[w->v0]], *b = &rd->cells[rd->vals[w->v0 + w->nv - 1]];
    *s = rd->buf + a->off;
    *n = (int)(b->off + b->len - a->off);
    if (*n > 120)
        *n = 120;
}

static int note_split(reader *rd, const xt_table *tb, const trow *w, const search *st, const split *sp, int by_ids)
{
    int wide = 0;
    for (uint32_t k = 0; k < st->width; k++)
        wide |= sp->p[k].len - unit_len(rd->buf + sp->p[k].off, sp->p[k].len) > 1;
    if (st->ng == st->width || !wide)
        return 0; /* one cell per group, or one digit per cell: the count of digits decides */
    char cells[400], zh[700], en[700];
    const char *s;
    int n;
    long line = tx_lno(rd, w->line);
    split_text(cells, sizeof cells, rd, sp, st->width);
    runs_text(rd, w, &s, &n);
    snprintf(zh, sizeof zh, "第%ld行：表%s“%s”的数字连写为“%.*s”，%s：%s", line, tb->number, row_label(tb, w), n, s,
             by_ids ? "只有一种拆分符合单元格的格式和表格的勾稽关系" : "只有一种拆分符合单元格的格式", cells);
    snprintf(en, sizeof en, "line %ld: table %s row '%s': the digits '%.*s' run together; %s: %s", line, tb->number,
             row_label(tb, w), n, s,
             by_ids ? "only one split fits the cells' form and the table's identities" : "only one split fits the cells' form",
             cells);
    return xx_diag(rd->r, "READ.SPLIT", XXGK_SEVERITY_INFO, line, (long)w->col, rd->t->cells[st->first].path, zh, en);
}

static int unsplit(reader *rd, const xt_table *tb, const trow *w, const search *st)
{
    char zh[900], en[900], cands[600] = "";
    const char *s;
    int n;
    long line = tx_lno(rd, w->line);
    runs_text(rd, w, &s, &n);
    int shown = st->proven < 3 ? st->proven : 3;
    size_t o = 0;
    for (int k = 0; k < shown && o + 1 < sizeof cands; k++) {
        char one[200];
        split_text(one, sizeof one, rd, &st->keep[k], st->width);
        o += (size_t)snprintf(cands + o, sizeof cands - o, "%s“%s”", k ? "、" : "", one);
    }
    if (o >= sizeof cands)
        cands[sizeof cands - 1] = '\0';
    if (st->proven == 0 || st->budget < 0) {
        snprintf(zh, sizeof zh, "第%ld行：表%s“%s”的数字连写为“%.*s”，%s；该行未读入", line, tb->number, row_label(tb, w), n,
                 s, st->budget < 0 ? "可能的拆分过多" : "没有符合单元格格式与勾稽关系的拆分");
        snprintf(en, sizeof en, "line %ld: table %s row '%s': the digits '%.*s' run together and %s; the row is not read",
                 line, tb->number, row_label(tb, w), n, s,
                 st->budget < 0 ? "have too many splits" : "no split fits the cells' form and the identities");
    } else {
        snprintf(zh, sizeof zh, "第%ld行：表%s“%s”的数字连写为“%.*s”，可拆分为%s等 %d 种，无法确定；该行未读入", line,
                 tb->number, row_label(tb, w), n, s, cands, st->proven);
        snprintf(en, sizeof en,
                 "line %ld: table %s row '%s': the digits '%.*s' run together and split %d ways (%s); the row is not read",
                 line, tb->number, row_label(tb, w), n, s, st->proven, cands);
    }
    return xx_diag(rd->r, "READ.SPLIT", XXGK_SEVERITY_WARNING, line, (long)w->col, rd->t->cells[st->first].path, zh, en);
}

/* Decide row w: *sp the split proven (NULL: none yet). With `local`, identities among the
 * row's own cells only; else with every number read. */
static void decide(reader *rd, const xt_table *tb, const trow *w, int local, search *st, const split **sp,
                   int *by_ids)
{
    *sp = NULL;
    *by_ids = 0;
    if (setup(st, rd, tb, w, local) || st->budget < 0)
        return;
    if (st->forms == 1)
        *sp = &st->first_form; /* the one split of a number's form, as published */
    else if (st->proven == 1)
        *sp = &st->keep[0], *by_ids = 1;
}

typedef struct decision {
    search st;
    const split *sp;
    int by_ids;
} decision;

/* One round: decide every open row against the same numbers, then place the decided. */
static int split_round(reader *rd, const xt_table *tb, size_t r0, size_t n, unsigned char *done, decision *dec, int local,
                 int *placed)
{
    int rc;
    *placed = 0;
    for (size_t i = 0; i < n; i++)
        if (!done[i])
            decide(rd, tb, &rd->rows[r0 + i], local, &dec[i].st, &dec[i].sp, &dec[i].by_ids);
    for (size_t i = 0; i < n; i++) {
        if (done[i] || !dec[i].sp)
            continue;
        const trow *w = &rd->rows[r0 + i];
        if ((rc = put_split(rd, &dec[i].st, dec[i].sp, w->line)) != 0 ||
            (rc = note_split(rd, tb, w, &dec[i].st, dec[i].sp, dec[i].by_ids)) != 0)
            return rc;
        done[i] = 1;
        (*placed)++;
    }
    return 0;
}

int tx_place_runon(reader *rd, int ti, size_t r0, size_t r1, int *seen)
{
    const xt_table *tb = &rd->t->tables[ti];
    size_t n = r1 - r0;
    int rc = 0, placed = 1;
    if (n == 0)
        return 0;
    unsigned char *done = xx_calloc(n, 1);
    decision *dec = xx_malloc(n * sizeof *dec);
    if (!done || !dec) {
        xx_free(done);
        xx_free(dec);
        return xx_oom();
    }
    for (size_t i = 0; i < n; i++) {
        const trow *w = &rd->rows[r0 + i];
        if (w->row >= 0)
            seen[w->row] = 1;
        else
            for (int k = 0; k < tb->nrows; k++)
                seen[k] = 1;
    }
    /* the rows their own cells decide first, then those the numbers read since decide */
    rc = split_round(rd, tb, r0, n, done, dec, 1, &placed);
    while (rc == 0 && placed)
        rc = split_round(rd, tb, r0, n, done, dec, 0, &placed);
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (done[i])
            continue;
        search *st = &dec[i].st;
        if (setup(st, rd, tb, &rd->rows[r0 + i], 0))
            st->proven = 0;
        rc = unsplit(rd, tb, &rd->rows[r0 + i], st);
    }
    xx_free(done);
    xx_free(dec);
    return rc;
}
