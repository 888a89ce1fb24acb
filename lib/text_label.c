/* SPDX-License-Identifier: MIT */
/* Text reader: a row label to a template row, asked of the one label matcher (match.c). */
#include "text_read.h"
#include "match.h"

#include <string.h>

int tx_has(const char *hay, const char *needle)
{
    return strstr(hay, needle) != NULL;
}

size_t tx_label_norm(char *out, size_t cap, const char *in, size_t len)
{
    return xm_norm(out, cap, in, len);
}

int tx_row_has_cells(const xt_row *rw)
{
    return xm_row_has_cells(rw);
}

/* Match a label to a row of table tb. Returns the row, -1 for no match, or -2 when two rows
 * match equally well (*amb1 and *amb2 name them). */
/* Whether row i of tb is the only row whose normalized label or variant is `norm`. */
static int only_row(const xt_table *tb, int i, const char *norm)
{
    for (int j = 0; j < tb->nrows; j++) {
        if (j == i)
            continue;
        const xt_row *rw = &tb->rows[j];
        if (!strcmp(rw->norm, norm))
            return 0;
        for (int a = 0; a < rw->naliases; a++)
            if (!strcmp(rw->aliases[a], norm))
                return 0;
    }
    return 1;
}

/* The row whose label is printed exactly as the template prints it, when no other row has
 * that label: what the matcher would answer, without normalizing the text (most labels are
 * printed so). -1 otherwise. */
static int printed_label(const xt_table *tb, const char *s, size_t n)
{
    for (int i = 0; i < tb->nrows; i++) {
        const char *l = tb->rows[i].label;
        if (l[0] == s[0] && !strncmp(l, s, n) && l[n] == '\0')
            return only_row(tb, i, tb->rows[i].norm) ? i : -1;
    }
    return -1;
}

int tx_match_label(const xt_table *tb, const char *s, size_t n, int ctx, int loose, int *amb1, int *amb2)
{
    if (n > 0) {
        int m = printed_label(tb, s, n);
        if (m >= 0)
            return m;
    }
    char norm[512];
    size_t nl = xm_norm(norm, sizeof norm, s, n);
    if (nl == 0 || nl >= sizeof norm)
        return -1;
    return xm_row(tb, norm, ctx, loose ? XM_LOOSE : 0, amb1, amb2);
}
