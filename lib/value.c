/* SPDX-License-Identifier: MIT */
/* A cell's value from its published text (see value.h). */
#include "value.h"
#include "text_read.h"

#include <stdio.h>
#include <string.h>

/* The decimal vp->num in micros: a plain integer of up to twelve digits (what cells hold)
 * directly, anything else through xx_parse_decimal, with the same result. */
static int micros_of(const vparse *vp, int64_t *micros, int *integral)
{
    int64_t u = 0;
    size_t i = 0;
    for (; i < vp->n && i < 12 && vp->num[i] >= '0' && vp->num[i] <= '9'; i++)
        u = u * 10 + (vp->num[i] - '0');
    if (i == 0 || i != vp->n)
        return xx_parse_decimal(vp->num, vp->n, 0, micros, integral);
    *micros = u * XX_MICROS;
    *integral = 1;
    return 0;
}

/* xx_value_number of text already classified as a number (vp). */
static int number_of(const xxgk_template *t, size_t id, const vparse *vp, int64_t *v, int *note)
{
    const xt_cell *xc = &t->cells[id];
    const xt_col *col = &t->tables[xc->table].cols[xc->col];
    *note = 0;
    int64_t micros;
    int integral;
    int rc = micros_of(vp, &micros, &integral);
    if (rc == 0 && vp->word_sign) {
        if (xc->kind != XXGK_KIND_SIGNED_COUNT)
            return XXGK_EPARSE;
        if (vp->word_sign < 0)
            micros = -micros;
        *note = 2;
    }
    if (rc == 0 && vp->unit == 3) {
        if (strcmp(col->unit, "万元") != 0) {
            rc = strcmp(col->unit, "元") == 0 ? 0 : XXGK_EPARSE;
        } else if (micros % 10000 != 0) {
            rc = XXGK_EKIND;
        } else {
            micros /= 10000;
            integral = micros % XX_MICROS == 0;
            *note = 1;
        }
    } else if (rc == 0 && vp->unit == 2 && strcmp(col->unit, "万元") != 0) {
        rc = XXGK_EPARSE;
    }
    return rc ? rc : xx_value_for_kind(micros, integral, xc->kind, v);
}

int xx_value_number(const xxgk_template *t, size_t id, const char *s, size_t n, int64_t *v, int *note)
{
    vparse vp;
    *note = 0;
    if (tx_value_class(s, n, &vp) != V_NUMBER)
        return XXGK_EPARSE;
    return number_of(t, id, &vp, v, note);
}

int xx_value_set_text(xxgk_report *r, size_t id, const char *s, size_t n, long line_no, long col)
{
    const xt_cell *xc = &r->t->cells[id];
    vparse vp;
    int cls = tx_value_class(s, n, &vp);
    uint32_t line = (uint32_t)line_no;
    if (cls == V_BLANK) {
        r->cells[id].state = XXGK_CELL_BLANK;
        return 0;
    }
    if (cls == V_NUMBER) {
        int64_t v = 0;
        int note, rc = number_of(r->t, id, &vp, &v, &note);
        if (rc == 0) {
            xx_set_number(r, id, v, line, (uint32_t)col);
            if (note == 0)
                return 0;
            if (note == 1)
                xx_note_unit(r, id); /* read in 元, converted: a plausibility to verify */
            char txt[32];
            xx_format_number(txt, v, xc->kind);
            if (note == 1)
                return xx_diagf(r, "READ.NOTE", XXGK_SEVERITY_INFO, line_no, col, xc->path,
                                "%s：“%.*s”按元换算为 %s 万元", "%s: '%.*s' converted from yuan to %s (10,000 yuan)",
                                xc->path, (int)n, s, txt);
            if (note == 2)
                return xx_diagf(r, "READ.NOTE", XXGK_SEVERITY_INFO, line_no, col, xc->path,
                                "%s：“%.*s”读作 %s", "%s: '%.*s' read as %s", xc->path, (int)n, s, txt);
            return 0;
        }
        /* a number this cell cannot hold (a fraction in a count, too many decimals, out of
         * range, 减 in an unsigned cell): kept as a token when its text cannot be mistaken
         * for a number ("0.123456789元"), else the cell is not read; the diagnostic names it */
        if (!xx_is_plain_decimal(s, n)) {
            if ((rc = xx_set_token(r, id, s, n, line, (uint32_t)col)) != 0)
                return rc;
            return xx_diagf(r, "READ.VALUE", XXGK_SEVERITY_WARNING, line_no, col, xc->path,
                            "%s：“%.*s”不是该单元格可用的数值，按原文保留",
                            "%s: '%.*s' is not a valid value for this cell; kept as written", xc->path, (int)n,
                            s);
        }
        r->cells[id].state = XXGK_CELL_UNREAD;
        return xx_diagf(r, "READ.VALUE", XXGK_SEVERITY_WARNING, line_no, col, xc->path,
                        "%s：“%.*s”不是该单元格可用的数值，该单元格未读入",
                        "%s: '%.*s' is not a valid value for this cell; the cell is not read", xc->path, (int)n,
                        s);
    }
    {
        /* text that is a number after all (too long to be read as one here): it cannot be
         * kept as a token either, which would read as a number elsewhere */
        if (xx_is_plain_decimal(s, n)) {
            r->cells[id].state = XXGK_CELL_UNREAD;
            return xx_diagf(r, "READ.VALUE", XXGK_SEVERITY_WARNING, line_no, col, xc->path,
                            "%s：“%.*s”不是该单元格可用的数值，该单元格未读入",
                            "%s: '%.*s' is not a valid value for this cell; the cell is not read", xc->path,
                            (int)(n > 80 ? 80 : n), s);
        }
    }
    return xx_set_token(r, id, s, n, line, (uint32_t)col);
}

