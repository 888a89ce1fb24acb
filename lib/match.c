/* SPDX-License-Identifier: MIT */
/* The one label matcher (see match.h). */
#include "match.h"
#include "normalize.h"

#include <string.h>

/* s[0..n) if it is a label as the templates print it (tplgen's table), or NULL. */
static const xt_printed_label *printed(const char *s, size_t n)
{
    uint32_t h = xn_hash_n(s, n);
    for (uint32_t i = h & xt_printed.mask;; i = (i + 1) & xt_printed.mask) {
        unsigned k = xt_printed.slots[i];
        if (!k)
            return NULL;
        const xt_printed_label *l = &xt_printed.labels[k - 1];
        if (l->hash == h && l->len == n && !memcmp(l->text, s, n))
            return l;
    }
}

/* Whether s[0..n) is printable ASCII that normalizing keeps as it is (no blank, quote or
 * emphasis mark; no Chinese character for a gloss to follow): a number, most cells of every
 * table. Its normalized form is itself. */
static int ascii_as_is(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x21 || c > 0x7E || c == '"' || c == '\'' || c == '`' || c == '*')
            return 0;
    }
    return 1;
}

size_t xm_norm_hashed(char *out, size_t cap, const char *s, size_t n, uint32_t *hash)
{
    size_t len;
    if (n < cap && ascii_as_is(s, n)) {
        memcpy(out, s, n);
        out[n] = '\0';
        len = n;
    } else {
        /* a printed label's form (and its hash) is known; text shorter than two Chinese
         * characters (a number) is quicker to normalize than to look up */
        const xt_printed_label *l = n >= 6 ? printed(s, n) : NULL;
        if (l && l->norm_len < cap) {
            memcpy(out, l->norm, l->norm_len + 1);
            if (hash)
                *hash = l->norm_hash;
            return l->norm_len;
        }
        len = xn_label_read(out, cap, s, n);
    }
    if (hash && len < cap)
        *hash = xn_hash_n(out, len); /* no NUL inside a normalized label: xn_hash(out) */
    return len;
}

size_t xm_norm(char *out, size_t cap, const char *s, size_t n)
{
    return xm_norm_hashed(out, cap, s, n, NULL);
}

const char *xm_bare(const char *norm)
{
    return norm + xn_ordinal_len(norm);
}

static size_t cp_len(const char *s)
{
    return xn_utf8_count(s, strlen(s));
}

/* ---- the label index (template_def.h) ---- */

/* What the normalized label x names in index ix: [*end - n, *end) of its refs, by kind then
 * index; none (NULL) if it is not a label there. */
static const xt_lref *lookup_hashed(const xt_index *ix, const char *x, uint32_t h, const xt_lref **end)
{
    for (uint32_t i = h & ix->mask;; i = (i + 1) & ix->mask) {
        unsigned s = ix->slots[i];
        if (!s)
            break;
        const xt_label *l = &ix->labels[s - 1];
        if (l->hash == h && !strcmp(l->norm, x)) {
            *end = ix->refs + l->first + l->n;
            return ix->refs + l->first;
        }
    }
    *end = NULL;
    return NULL;
}

static const xt_lref *lookup(const xt_index *ix, const char *x, const xt_lref **end)
{
    return lookup_hashed(ix, x, xn_hash(x), end);
}

/* The smallest index of kind `kind` among what x and y name in ix (y may be NULL), or -1. */
static int first_named(const xt_index *ix, const char *x, const char *y, unsigned kind)
{
    int best = -1;
    for (int k = 0; k < 2; k++) {
        const xt_lref *e, *r = k == 0 ? lookup(ix, x, &e) : y ? lookup(ix, y, &e) : NULL;
        for (; r && r < e; r++)
            if (r->kind == kind && (best < 0 || r->index < best)) {
                best = r->index;
                break; /* by index within a kind */
            }
    }
    return best;
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

/* The first table (or section) whose heading or a variant of it is x, or x without what
 * may surround a heading. */
int xm_table(const xxgk_template *t, const char *x)
{
    char core[XM_NORM_CAP];
    if (!heading_core(x, core, sizeof core))
        return -1;
    return first_named(t->headings, core, x, XT_L_TABLE);
}

int xm_section(const xxgk_template *t, const char *x)
{
    char core[XM_NORM_CAP];
    if (!heading_core(x, core, sizeof core))
        return -1;
    return first_named(t->headings, core, x, XT_L_SECTION);
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

/* The rows whose label or a variant of it is x (its hash h), in order. */
static void exact(const xt_table *tb, const char *x, uint32_t h, int ctx, unsigned flags, found *f)
{
    const xt_lref *e, *r = lookup_hashed(tb->labels, x, h, &e);
    for (; r && r < e; r++)
        if (r->kind == XT_L_ROW && candidate(tb, r->index, ctx, flags))
            add(f, r->index);
}

/* Without ordinal prefixes; short labels ("其他", "总计") only inside their group. */
static void unordered(const xt_table *tb, const char *bare, int ctx, unsigned flags, found *f)
{
    size_t bare_cp = cp_len(bare);
    const xt_lref *e, *r = lookup(tb->labels, bare, &e);
    for (; r && r < e; r++)
        if (r->kind == XT_L_ROW_BARE && candidate(tb, r->index, ctx, flags) &&
            (bare_cp >= 3 || xm_inside(tb, ctx, r->index)))
            add(f, r->index);
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
            size_t l = c == 0 ? rw->bare_cp : cp_len(cands[c]);
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
     * plus the required margin (a best distance is at most its row's limit, and another
     * row matters only within one of it) */
    unsigned cap = 0;
    for (int i = 0; i < tb->nrows; i++) {
        unsigned l = (unsigned)(tb->rows[i].bare_cp / 4) + 2;
        if (l > cap)
            cap = l;
    }
    /* the label decoded once; a row whose length alone puts it beyond cap is not decoded */
    uint32_t ca[XN_EDIT_MAX];
    size_t na = xn_edit_cps(ca, bare);
    for (int i = 0; i < tb->nrows; i++) {
        const xt_row *rw = &tb->rows[i];
        if (!candidate(tb, i, ctx, flags))
            continue;
        unsigned limit = (unsigned)(rw->bare_cp / 4);
        size_t nb = rw->bare_cp < XN_EDIT_MAX ? rw->bare_cp : XN_EDIT_MAX;
        unsigned d = (na > nb ? na - nb : nb - na) > cap ? cap + 1 : xn_edit_distance_cps(ca, na, rw->norm_bare, cap);
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
    return xm_row_hashed(tb, x, xn_hash(x), ctx, flags, amb1, amb2);
}

int xm_row_hashed(const xt_table *tb, const char *x, uint32_t hash, int ctx, unsigned flags, int *amb1, int *amb2)
{
    const char *bare = xm_bare(x);
    if (!*bare)
        return -1;
    found f;
    f.n = 0; /* the rows are written as they are found: not cleared on every label */
    exact(tb, x, hash, ctx, flags, &f);
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

/* A column is named by its label, or by its label without the unit (本年收费金额 for
 * 本年收费金额(单位:万元)). */
static int col_kind(unsigned kind)
{
    return kind == XT_L_COL || kind == XT_L_COL_BASE;
}

int xm_col(const xt_table *tb, const xt_block *bk, const char *x)
{
    int best = -1;
    const xt_lref *e, *r = lookup(tb->labels, x, &e);
    for (; r && r < e; r++)
        if (col_kind(r->kind) && r->index >= bk->first_col && r->index < bk->first_col + bk->ncols &&
            (best < 0 || r->index - bk->first_col < best))
            best = r->index - bk->first_col;
    return best;
}

int xm_is_col_label(const xt_table *tb, const char *x)
{
    const xt_lref *e, *r = lookup(tb->labels, x, &e);
    for (; r && r < e; r++)
        if (col_kind(r->kind) || r->kind == XT_L_HDR)
            return 1;
    return 0;
}

int xm_caption(const xt_table *tb, const char *x)
{
    return first_named(tb->labels, x, NULL, XT_L_CAPTION);
}

int xm_is_corner(const xt_table *tb, const char *x)
{
    char c[XM_NORM_CAP];
    return tb->corner[0] && xm_norm(c, sizeof c, tb->corner, strlen(tb->corner)) < sizeof c && !strcmp(c, x);
}

/* ---- templates ---- */

void xm_template_words(const char *norm, int *s2019, int *s2021)
{
    /* the first N2019 are the 2019 template's words, the others the 2021 template's */
    static const char *const words[] = { "制作数量", "新公开数量", "对外公开总数量", "上一年项目数量",
                                         "本年增/减", "其他对外管理服务事项", "政府集中采购", "采购项目数量",
                                         "采购总金额",
                                         "制发件数", "废止件数", "现行有效件数", "收费金额",
                                         "逾期不补正", "缴纳费用" };
    enum { N2019 = 9, NW = sizeof words / sizeof *words };
    /* one pass over the text (run on table lines before the template is known), not one
     * strstr a word: a word can start only where the low six bits of the next two bytes are
     * in `second` and `third` (its first character's); each word counts once, as strstr
     * found it */
    uint64_t second = 0, third = 0;
    for (size_t w = 0; w < NW; w++) {
        second |= 1ULL << ((unsigned char)words[w][1] & 63);
        third |= 1ULL << ((unsigned char)words[w][2] & 63);
    }
    uint32_t seen = 0;
    for (const unsigned char *p = (const unsigned char *)norm; *p; p++) {
        if (*p < 0xE0 || !p[1] || !(second >> (p[1] & 63) & 1) || !(third >> (p[2] & 63) & 1))
            continue;
        for (size_t w = 0; w < NW; w++) {
            const unsigned char *q = (const unsigned char *)words[w];
            if (q[0] == p[0] && q[1] == p[1] && q[2] == p[2] && !(seen >> w & 1) &&
                !strncmp((const char *)p, words[w], strlen(words[w])))
                seen |= 1u << w;
        }
    }
    for (size_t w = 0; w < NW; w++)
        if (seen >> w & 1)
            (*(w < N2019 ? s2019 : s2021))++;
}
