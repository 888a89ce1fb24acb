/* SPDX-License-Identifier: MIT */
/* A cell's value and the year from a CSV field, the same for the long and the wide form. */
#include "csv.h"

#include <string.h>

/* Set cell `id` from s[0..n): empty is blank, a plain decimal is a number, anything else a
 * token kept as written. */
int xx_csv_set_value(xxgk_report *r, size_t id, const cfield *f, const char *s, size_t n)
{
    const xt_cell *cell = &r->t->cells[id];
    uint32_t line = (uint32_t)f->line, col = (uint32_t)f->col;
    if (n == 0) {
        xxgk_report_cell_set_blank(r, id);
        r->cells[id].line = line;
        r->cells[id].col = col;
        return 0;
    }
    if (!xx_is_plain_decimal(s, n))
        return xx_set_token(r, id, s, n, line, col) ? xx_oom() : 0;
    int64_t micros, v;
    int integral;
    if (cell->kind != XXGK_KIND_AMOUNT && !memchr(s, '.', n)) {
        /* an integer count: read directly, so that all of +-(2^53-1) fits */
        uint64_t u = 0;
        size_t i = s[0] == '-';
        for (; i < n; i++) {
            u = u * 10 + (uint64_t)(s[i] - '0');
            if (u > (uint64_t)XX_MAX_SAFE)
                return xx_error(XXGK_ERANGE, f->line, f->col, (long long)f->off, cell->path, "%s: %.*s is beyond +-(2^53-1)", cell->path,
                               (int)n, s);
        }
        xx_set_number(r, id, s[0] == '-' ? -(int64_t)u : (int64_t)u, line, col);
        return 0;
    }
    int rc = xx_parse_decimal(s, n, 0, &micros, &integral);
    if (rc == XXGK_EKIND)
        return xx_error(XXGK_ERANGE, f->line, f->col, (long long)f->off, cell->path, "%s: '%.*s' has more than 6 decimal places", cell->path, (int)n, s);
    if (rc)
        return xx_error(XXGK_ERANGE, f->line, f->col, (long long)f->off, cell->path, "%s: number '%.*s' is out of range", cell->path, (int)n, s);
    rc = xx_value_for_kind(micros, integral, cell->kind, &v);
    if (rc == XXGK_EKIND)
        return xx_error(XXGK_ESCHEMA, f->line, f->col, (long long)f->off, cell->path, "%s: expected an integer count, found %.*s", cell->path, (int)n, s);
    if (rc)
        return xx_error(XXGK_ERANGE, f->line, f->col, (long long)f->off, cell->path, "%s: %.*s is beyond +-(2^53-1)", cell->path, (int)n, s);
    xx_set_number(r, id, v, line, col);
    return 0;
}

int xx_csv_set_year(csvp *p, xxgk_report *r, const cfield *f, const char *s, size_t n)
{
    if (n == 0) {
        r->year = 0;
        return 0;
    }
    int y = 0;
    size_t i = 0;
    for (; i < n && i < 5 && s[i] >= '0' && s[i] <= '9'; i++)
        y = y * 10 + (s[i] - '0');
    if (i != n || n > 4 || y < 1949)
        return xx_csv_err(p, XXGK_ESCHEMA, f->off, "expected a year (1949..9999) or nothing, found '%.*s'", (int)n, s);
    r->year = y;
    return 0;
}
