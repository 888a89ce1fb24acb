/* SPDX-License-Identifier: MIT */
/* The one label matcher: which table a heading names, which row a row label names, which
 * column a column label names. Every reader asks these questions here, so that each has one
 * answer in the code. Labels are compared in their normalized form (xm_norm). */
#ifndef XXGK_MATCH_H
#define XXGK_MATCH_H

#include "internal.h"

#include <stddef.h>

#define XM_NORM_CAP 1024

/* The normalized form of a label (xn_label_read; a label printed as the templates print it
 * is found in their table of printed labels instead). Returns the length of the full form;
 * >= cap: it was cut. */
size_t xm_norm(char *out, size_t cap, const char *s, size_t n);
/* xm_norm, and when the form fits in cap, its xn_hash in *hash (NULL: not wanted), from the
 * printed labels' table when the label is one: for xm_row_hashed. */
size_t xm_norm_hashed(char *out, size_t cap, const char *s, size_t n, uint32_t *hash);

/* The normalized label without its ordinal prefix ("(三)", "1.", "一."). */
const char *xm_bare(const char *norm);

/* The table whose heading the normalized text x is ("三、收到和处理…", "表三：…",
 * "## 三、…", a known variant), or -1. */
int xm_table(const xxgk_template *t, const char *x);

/* The narrative section whose heading x is, or -1. */
int xm_section(const xxgk_template *t, const char *x);

/* Row matching. ctx: the group row the label is read under (-1: none). */
enum {
    XM_UNDER = 1, /* only rows inside ctx (a label to the right of its group's label) */
    XM_LOOSE = 2  /* also a label holding a row's label and a gloss, or a small misspelling */
};

/* The row of tb that the normalized label x names: exactly or through a variant, then
 * without ordinals (a label shorter than three characters only inside ctx), then, with
 * XM_LOOSE, by containment or a small edit distance. Several rows: the one inside ctx.
 * Returns the row, -1 (none) or -2 (two rows equally: *amb1, *amb2 name them). */
int xm_row(const xt_table *tb, const char *x, int ctx, unsigned flags, int *amb1, int *amb2);
/* xm_row with hash = xn_hash(x) already known (xm_norm_hashed). */
int xm_row_hashed(const xt_table *tb, const char *x, uint32_t hash, int ctx, unsigned flags, int *amb1, int *amb2);

/* Whether row k of tb lies inside group row anc. */
int xm_inside(const xt_table *tb, int anc, int k);

/* Whether row rw has cells of its own. */
int xm_row_has_cells(const xt_row *rw);

/* The column of block bk that the normalized label x names (the label, or the label
 * without its unit in brackets): its index within the block, or -1. */
int xm_col(const xt_table *tb, const xt_block *bk, const char *x);

/* Whether x is a column label of tb or a label of its column header tree. */
int xm_is_col_label(const xt_table *tb, const char *x);

/* The block of tb whose caption x is ("第二十条第（一）项"), or -1. */
int xm_caption(const xt_table *tb, const char *x);

/* Whether x is the corner text of tb (the header cell above its row labels). */
int xm_is_corner(const xt_table *tb, const char *x);

/* Count in the normalized text the label words that only the 2019 template has (*s2019)
 * and those only the 2021 template has (*s2021). */
void xm_template_words(const char *norm, int *s2019, int *s2021);

#endif
