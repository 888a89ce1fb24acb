/* SPDX-License-Identifier: MIT */
/* The one label matcher (see match.h). */
#include "match.h"
#include "normalize.h"

#include <string.h>

size_t xm_norm(char *out, size_t cap, const char *s, size_t n)
{
    size_t len = xn_label(out, cap, s, n);
    if (len < cap && memchr(out, '*', len)) {
        /* Markdown emphasis around a label (**规章**) */
        size_t o = 0;
        for (size_t i = 0; i < len; i++)
            if (out[i] != '*')
                out[o++] = out[i];
        out[o] = '\0';
        len = o;
    }
    if (len < cap) {
        static const char *const from[] = { "资讯", "专案" };
        static const char *const to[] = { "信息", "项目" };
        for (size_t w = 0; w < 2; w++)
            xn_replace_word(out, len, from[w], to[w]);
    }
    return len;
}

const char *xm_bare(const char *norm)
{
    return norm + xn_ordinal_len(norm);
}

static size_t cp_len(const char *s)
{
    return xn_utf8_count(s, strlen(s));
}

/* ---- headings ---- */

/* The heading without what may precede or follow it: "##", "表三：", an ordinal, a colon. */
static size_t heading_core(const char *x, char *out, size_t cap)
{
    const char *p = x;
    while (*p == '#')
        p++;
    if (!strncmp(p, "表", 3)) {
        size_t o = xn_ordinal_len(p + 3);
        if (o == 0) {
            /* 表二: the numeral without a following dot */
            static const char *const nums[] = { "一", "二", "三", "四", "五", "六" };
            for (size_t k = 0; k < 6; k++)
                if (!strncmp(p + 3, nums[k], 3)) {
                    o = 3;
                    break;
                }
            if (o) {
                p += 3 + o;
                if (*p == ':' || *p == '.')
                    p++;
            }
        } else {
            p += 3 + o;
        }
    }
    p += xn_ordinal_len(p);
    size_t n = strlen(p);
    while (n && (p[n - 1] == ':' || p[n - 1] == '.'))
        n--;
    if (n >= cap)
        return 0;
    memcpy(out, p, n);
    out[n] = '\0';
    return n;
}

static int names(const char *norm, const char *const *aliases, size_t naliases, const char *x, const char *core)
{
    if (norm[0] && (!strcmp(norm, core) || !strcmp(norm, x)))
        return 1;
    for (size_t a = 0; a < naliases; a++)
        if (!strcmp(aliases[a], core) || !strcmp(aliases[a], x))
            return 1;
    return 0;
}

int xm_table(const xxgk_template *t, const char *x)
{
    char core[XM_NORM_CAP];
    if (!heading_core(x, core, sizeof core))
        return -1;
    for (size_t i = 0; i < t->ntables; i++) {
        const xt_table *tb = &t->tables[i];
        if (names(tb->norm, tb->aliases, tb->naliases, x, core))
            return (int)i;
    }
    return -1;
}

int xm_section(const xxgk_template *t, const char *x)
{
    char core[XM_NORM_CAP];
    if (!heading_core(x, core, sizeof core))
        return -1;
    for (size_t i = 0; i < t->nsections; i++) {
        const xt_section *s = &t->sections[i];
        if (s->norm[0] && names(s->norm, s->aliases, s->naliases, x, core))
            return (int)i;
    }
    return -1;
}

/* ---- rows ---- */

int xm_row_has_cells(const xt_row *rw)
{
    return (rw->flags & XT_ROW_CELLS) != 0 && rw->first_cell >= 0;
}

int xm_inside(const xt_table *tb, int anc, int k)
{
    if (anc < 0)
        return 0;
    for (int q = tb->rows[k].parent; q >= 0; q = tb->rows[q].parent)
        if (q == anc)
            return 1;
    return 0;
}

typedef struct found {
    int row[64];
    int n;
} found;

static void add(found *f, int row)
{
    if (f->n < 64 && (f->n == 0 || f->row[f->n - 1] != row))
        f->row[f->n++] = row;
}

static int candidate(const xt_table *tb, int k, int ctx, unsigned flags)
{
    return !(flags & XM_UNDER) || ctx < 0 || xm_inside(tb, ctx, k);
}

static void exact(const xt_table *tb, const char *x, int ctx, unsigned flags, found *f)
{
    for (int i = 0; i < tb->nrows; i++) {
        const xt_row *rw = &tb->rows[i];
        if (!candidate(tb, i, ctx, flags))
            continue;
        int ok = !strcmp(x, rw->norm);
        for (int a = 0; !ok && a < rw->naliases; a++)
            ok = !strcmp(x, rw->aliases[a]);
        if (ok)
            add(f, i);
    }
}

/* Without ordinal prefixes; short labels ("其他", "总计") only inside their group. */
static void unordered(const xt_table *tb, const char *bare, int ctx, unsigned flags, found *f)
{
    size_t bare_cp = cp_len(bare);
    for (int i = 0; i < tb->nrows; i++) {
        const xt_row *rw = &tb->rows[i];
        if (!candidate(tb, i, ctx, flags))
            continue;
        int ok = !strcmp(bare, rw->norm_bare);
        for (int a = 0; !ok && a < rw->naliases; a++)
            ok = !strcmp(bare, xm_bare(rw->aliases[a]));
        if (ok && (bare_cp >= 3 || xm_inside(tb, ctx, i)))
            add(f, i);
    }
}

/* The label holds a row's label and something more (a gloss): the longest such row. */
static void containing(const xt_table *tb, const char *bare, int ctx, unsigned flags, found *f)
{
    size_t bare_cp = cp_len(bare), best = 0;
    for (int i = 0; i < tb->nrows; i++) {
        const xt_row *rw = &tb->rows[i];
        if (!candidate(tb, i, ctx, flags))
            continue;
        const char *cands[17];
        int nc = 0;
        cands[nc++] = rw->norm_bare;
        for (int a = 0; a < rw->naliases && nc < 17; a++)
            cands[nc++] = xm_bare(rw->aliases[a]);
        for (int c = 0; c < nc; c++) {
            size_t l = cp_len(cands[c]);
            if (l < 4 || l > bare_cp || bare_cp > 2 * l + 8 || !strstr(bare, cands[c]))
                continue;
            if (l > best) {
                best = l;
                f->n = 0;
            }
            if (l == best)
                add(f, i);
        }
    }
}

/* A small edit distance (at most a quarter of the row's label), clearly better than any
 * other row. */
static int misspelt(const xt_table *tb, const char *bare, int ctx, unsigned flags, int *amb1, int *amb2)
{
    unsigned bestd = 1000, second = 1000;
    int bi = -1, bj = -1;
    /* distances beyond cap are only needed as "too far": cap is above every row's limit
     * plus the required margin */
    unsigned cap = 12;
    for (int i = 0; i < tb->nrows; i++) {
        unsigned l = (unsigned)(cp_len(tb->rows[i].norm_bare) / 4) + 2;
        if (l > cap)
            cap = l;
    }
    for (int i = 0; i < tb->nrows; i++) {
        const xt_row *rw = &tb->rows[i];
        if (!candidate(tb, i, ctx, flags))
            continue;
        unsigned limit = (unsigned)(cp_len(rw->norm_bare) / 4);
        unsigned d = xn_edit_distance(bare, rw->norm_bare, cap);
        if (d <= limit && d < bestd) {
            if (bi >= 0 && bestd < second) {
                second = bestd;
                bj = bi;
            }
            bestd = d;
            bi = i;
        } else if (d < second) {
            second = d;
            bj = i;
        }
    }
    if (bi < 0)
        return -1;
    if (second == bestd) {
        *amb1 = bi;
        *amb2 = bj;
        return -2;
    }
    return second >= bestd + 2 ? bi : -1;
}

int xm_row(const xt_table *tb, const char *x, int ctx, unsigned flags, int *amb1, int *amb2)
{
    const char *bare = xm_bare(x);
    if (!*bare)
        return -1;
    found f = { .n = 0 };
    exact(tb, x, ctx, flags, &f);
    if (f.n == 0)
        unordered(tb, bare, ctx, flags, &f);
    if (f.n == 0 && (flags & XM_LOOSE) && cp_len(bare) >= 4) {
        containing(tb, bare, ctx, flags, &f);
        if (f.n == 0)
            return misspelt(tb, bare, ctx, flags, amb1, amb2);
    }
    if (f.n == 1)
        return f.row[0];
    if (f.n == 0)
        return -1;
    int in = -1, nin = 0;
    for (int k = 0; k < f.n; k++)
        if (xm_inside(tb, ctx, f.row[k])) {
            in = f.row[k];
            nin++;
        }
    if (nin == 1)
        return in;
    *amb1 = f.row[0];
    *amb2 = f.row[1];
    return -2;
}

/* ---- columns ---- */

static int col_named(const xt_col *c, const char *x)
{
    if (!strcmp(c->norm, x))
        return 1;
    /* the unit left off: 本年收费金额 for 本年收费金额(单位:万元) */
    const char *paren = strchr(c->norm, '(');
    size_t n = strlen(x);
    return paren && n && (size_t)(paren - c->norm) == n && !memcmp(c->norm, x, n);
}

int xm_col(const xt_table *tb, const xt_block *bk, const char *x)
{
    for (int k = 0; k < bk->ncols; k++)
        if (col_named(&tb->cols[bk->first_col + k], x))
            return k;
    return -1;
}

int xm_is_col_label(const xt_table *tb, const char *x)
{
    for (int k = 0; k < tb->ncols; k++)
        if (col_named(&tb->cols[k], x))
            return 1;
    for (int k = 0; k < tb->nhdr; k++)
        if (!strcmp(tb->hdr[k].norm, x))
            return 1;
    return 0;
}

int xm_caption(const xt_table *tb, const char *x)
{
    for (int k = 0; k < tb->nblocks; k++)
        if (tb->blocks[k].norm[0] && !strcmp(tb->blocks[k].norm, x))
            return k;
    return -1;
}

int xm_is_corner(const xt_table *tb, const char *x)
{
    char c[XM_NORM_CAP];
    return tb->corner[0] && xm_norm(c, sizeof c, tb->corner, strlen(tb->corner)) < sizeof c && !strcmp(c, x);
}

/* ---- templates ---- */

void xm_template_words(const char *norm, int *s2019, int *s2021)
{
    static const char *const w2019[] = { "制作数量", "新公开数量", "对外公开总数量", "上一年项目数量",
                                         "本年增/减", "其他对外管理服务事项", "政府集中采购", "采购项目数量",
                                         "采购总金额" };
    static const char *const w2021[] = { "制发件数", "废止件数", "现行有效件数", "收费金额",
                                         "逾期不补正", "缴纳费用" };
    for (size_t i = 0; i < sizeof w2019 / sizeof *w2019; i++)
        if (strstr(norm, w2019[i]))
            (*s2019)++;
    for (size_t i = 0; i < sizeof w2021 / sizeof *w2021; i++)
        if (strstr(norm, w2021[i]))
            (*s2021)++;
}
