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
 * match equally well (*amb1 and *amb2 name them). A label printed as the template prints it
 * is not normalized again (xm_norm), and rows are found through the template's label index
 * (xm_row) with the hash its normalized form has in the printed labels' table. */
int tx_match_label(const xt_table *tb, const char *s, size_t n, int ctx, int loose, int *amb1, int *amb2)
{
    char norm[512];
    uint32_t h;
    size_t nl = xm_norm_hashed(norm, sizeof norm, s, n, &h);
    if (nl == 0 || nl >= sizeof norm)
        return -1;
    return xm_row_hashed(tb, norm, h, ctx, loose ? XM_LOOSE : 0, amb1, amb2);
}
