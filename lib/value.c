/* SPDX-License-Identifier: MIT */
/* A cell's value from its published text (see value.h). */
#include "value.h"
#include "text_read.h"

#include <string.h>

static int unusable(xxgk_report *r, size_t id, const char *s, size_t n, long line, long col)
{
    const char *path = r->t->cells[id].path;
    /* text that is a number after all cannot be kept as a token: it would read as a
     * number elsewhere */
    if (xx_is_plain_decimal(s, n)) {
        r->cells[id].state = XXGK_CELL_BLANK;
        return xx_diagf(r, "READ.VALUE", XXGK_SEVERITY_WARNING, line, col, path,
                        "%s：“%.*s”不是该单元格可用的数值，该单元格留空",
                        "%s: '%.*s' is not a valid value for this cell; the cell is left blank", path,
                        (int)(n > 80 ? 80 : n), s);
    }
    int rc = xx_set_token(r, id, s, n, (uint32_t)line, (uint32_t)col);
    if (rc)
        return rc;
    return xx_diagf(r, "READ.VALUE", XXGK_SEVERITY_WARNING, line, col, path,
                    "%s：“%.*s”不是该单元格可用的数值，按原文保留",
                    "%s: '%.*s' is not a valid value for this cell; kept as written", path, (int)(n > 80 ? 80 : n), s);
}

/* The number vp holds as cell id's value: 0 and *v (*note: 1 converted from 元, 2 a sign
 * word), or a nonzero code when the cell cannot hold it. */
static int number(const xxgk_template *t, size_t id, const vparse *vp, int64_t *v, int *note)
{
    const xt_cell *xc = &t->cells[id];
    const xt_col *col = &t->tables[xc->table].cols[xc->col];
    int64_t micros;
    int integral;
    *note = 0;
    int rc = xx_parse_decimal(vp->num, vp->n, 0, &micros, &integral);
    if (rc)
        return rc;
    if (vp->word_sign) {
        if (xc->kind != XXGK_KIND_SIGNED_COUNT)
            return XXGK_EPARSE;
        if (vp->word_sign < 0)
            micros = -micros;
        *note = 2;
    }
    if (vp->unit == 3) {
        if (strcmp(col->unit, "万元") == 0) {
            if (micros % 10000 != 0)
                return XXGK_EKIND;
            micros /= 10000;
            integral = micros % XX_MICROS == 0;
            *note = 1;
        } else if (strcmp(col->unit, "元") != 0) {
            return XXGK_EPARSE;
        }
    } else if (vp->unit == 2 && strcmp(col->unit, "万元") != 0) {
        return XXGK_EPARSE;
    }
    return xx_value_for_kind(micros, integral, xc->kind, v);
}

int xx_value_set_text(xxgk_report *r, size_t id, const char *s, size_t n, long line, long col)
{
    const char *path = r->t->cells[id].path;
    vparse vp;
    int cls = tx_value_class(s, n, &vp);
    if (cls == V_BLANK) {
        xxgk_report_cell_set_blank(r, id);
        r->cells[id].line = (uint32_t)line;
        r->cells[id].col = (uint32_t)col;
        return 0;
    }
    if (cls != V_NUMBER) /* a token, or text too long to be read as a number here */
        return xx_is_plain_decimal(s, n) ? unusable(r, id, s, n, line, col)
                                         : xx_set_token(r, id, s, n, (uint32_t)line, (uint32_t)col);
    int64_t v;
    int note;
    if (number(r->t, id, &vp, &v, &note) != 0)
        return unusable(r, id, s, n, line, col);
    xx_set_number(r, id, v, (uint32_t)line, (uint32_t)col);
    if (note == 1) {
        char txt[32];
        xx_format_number(txt, v, XXGK_KIND_AMOUNT);
        return xx_diagf(r, "READ.NOTE", XXGK_SEVERITY_INFO, line, col, path, "%s：“%.*s”按元换算为 %s 万元",
                        "%s: '%.*s' converted from yuan to %s (10,000 yuan)", path, (int)n, s, txt);
    }
    if (note == 2)
        return xx_diagf(r, "READ.NOTE", XXGK_SEVERITY_INFO, line, col, path, "%s：“%.*s”读作 %lld",
                        "%s: '%.*s' read as %lld", path, (int)n, s, (long long)v);
    return 0;
}
