/* SPDX-License-Identifier: MIT */
/* Text reader: a row label to a template row (exact, without ordinal, containment, a small
 * unambiguous edit distance). */
#include "text_read.h"
#include "normalize.h"

#include <stdio.h>
#include <string.h>

int tx_has(const char *hay, const char *needle)
{
    return strstr(hay, needle) != NULL;
}

/* xn_label plus the word forms of zh-TW text (资讯 for 信息, 专案 for 项目), folded. */
size_t tx_label_norm(char *out, size_t cap, const char *in, size_t len)
{
    size_t n = xn_label(out, cap, in, len);
    if (n < cap && memchr(out, '*', n)) {
        /* Markdown emphasis around a label (**规章**) */
        size_t o = 0;
        for (size_t i = 0; i < n; i++)
            if (out[i] != '*')
                out[o++] = out[i];
        out[o] = '\0';
        n = o;
    }
    if (n < cap) {
        static const char *const from[] = { "资讯", "专案" };
        static const char *const to[] = { "信息", "项目" };
        for (size_t w = 0; w < 2; w++) {
            char *hit = out;
            while ((hit = strstr(hit, from[w])) != NULL) {
                memcpy(hit, to[w], 6);
                hit += 6;
            }
        }
    }
    return n;
}

static size_t cp_len(const char *s)
{
    return xn_utf8_count(s, strlen(s));
}

int tx_row_has_cells(const xt_row *rw)
{
    return (rw->flags & XT_ROW_CELLS) != 0 && rw->first_cell >= 0;
}

static int in_group(const xt_table *tb, int row, int grp)
{
    if (grp < 0)
        return 0;
    for (int p = tb->rows[row].parent; p >= 0; p = tb->rows[p].parent)
        if (p == grp)
            return 1;
    return 0;
}

/* Match a label to a row of table tb. Returns the row, -1 for no match, or -2 when two rows
 * match equally well (*amb1 and *amb2 name them). */
int tx_match_label(const xt_table *tb, const char *s, size_t n, int ctx, int loose, int *amb1, int *amb2)
{
    char norm[512];
    size_t nl = tx_label_norm(norm, sizeof norm, s, n);
    if (nl == 0 || nl >= sizeof norm)
        return -1;
    const char *bare = norm + xn_ordinal_len(norm);
    size_t bare_cp = cp_len(bare);
    if (!*bare)
        return -1;
    int found[64], nf = 0;
    /* 1. exact */
    for (int i = 0; i < tb->nrows && nf < 64; i++) {
        const xt_row *rw = &tb->rows[i];
        int ok = !strcmp(norm, rw->norm);
        for (int a = 0; !ok && a < rw->naliases; a++)
            ok = !strcmp(norm, rw->aliases[a]);
        if (ok)
            found[nf++] = i;
    }
    /* 2. without ordinal prefix; short labels ("其他", "总计") only inside their group */
    if (nf == 0) {
        for (int i = 0; i < tb->nrows && nf < 64; i++) {
            const xt_row *rw = &tb->rows[i];
            int ok = !strcmp(bare, rw->norm_bare);
            for (int a = 0; !ok && a < rw->naliases; a++)
                ok = !strcmp(bare, rw->aliases[a] + xn_ordinal_len(rw->aliases[a]));
            if (ok && (bare_cp >= 3 || in_group(tb, i, ctx)))
                found[nf++] = i;
        }
    }
    /* 3. containment: the label holds a row's label and something more (a gloss) */
    if (nf == 0 && bare_cp >= 4 && loose) {
        size_t best = 0;
        for (int i = 0; i < tb->nrows; i++) {
            const xt_row *rw = &tb->rows[i];
            const char *cands[17];
            int nc = 0;
            cands[nc++] = rw->norm_bare;
            for (int a = 0; a < rw->naliases && nc < 17; a++)
                cands[nc++] = rw->aliases[a] + xn_ordinal_len(rw->aliases[a]);
            for (int c = 0; c < nc; c++) {
                size_t l = cp_len(cands[c]);
                if (l < 4 || l > bare_cp || bare_cp > 2 * l + 8 || !tx_has(bare, cands[c]))
                    continue;
                if (l > best) {
                    best = l;
                    nf = 0;
                }
                if (l == best && (nf == 0 || found[nf - 1] != i) && nf < 64)
                    found[nf++] = i;
            }
        }
    }
    /* 4. a small edit distance (at most a quarter of the row's label), clearly better than
     * any other row */
    if (nf == 0 && bare_cp >= 4 && loose) {
        unsigned bestd = 1000, second = 1000;
        int bi = -1, bj = -1;
        /* distances beyond cap are only needed as "too far": cap is above every row's
         * limit plus the required margin */
        unsigned cap = 12;
        for (int i = 0; i < tb->nrows; i++) {
            unsigned l = (unsigned)(cp_len(tb->rows[i].norm_bare) / 4) + 2;
            if (l > cap)
                cap = l;
        }
        for (int i = 0; i < tb->nrows; i++) {
            const xt_row *rw = &tb->rows[i];
            size_t rl = cp_len(rw->norm_bare);
            unsigned limit = (unsigned)(rl / 4);
            unsigned d = xn_edit_distance(bare, rw->norm_bare, cap);
            if (d <= limit && d < bestd) {
                if (bi >= 0 && bestd < second) { second = bestd; bj = bi; }
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
    if (nf == 1)
        return found[0];
    if (nf > 1) {
        int in = -1, nin = 0;
        for (int k = 0; k < nf; k++)
            if (in_group(tb, found[k], ctx)) {
                in = found[k];
                nin++;
            }
        if (nin == 1)
            return in;
        *amb1 = found[0];
        *amb2 = found[1];
        return -2;
    }
    return -1;
}
