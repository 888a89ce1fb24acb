/* SPDX-License-Identifier: MIT */
/* Sums (a region's total): an explicit accumulator, checked arithmetic, and a blank is never
 * turned into a zero. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

struct xxgk_sum {
    const xxgk_template *t; /* NULL until the first report when not given */
    xxgk_report *acc;       /* the running total */
    uint32_t *counts;       /* numeric inputs per cell */
    uint32_t inputs;        /* reports added */
};

static int64_t cell_limit(int kind)
{
    return kind == XXGK_KIND_AMOUNT ? XX_MAX_SAFE * 1000 : XX_MAX_SAFE;
}

static int sum_start(xxgk_sum *s, const xxgk_template *t)
{
    int rc = xx_report_new_read(&s->acc, t); /* a cell no input read stays not read */
    if (rc)
        return rc;
    s->counts = xx_calloc(t->ncells_all, sizeof *s->counts);
    if (!s->counts) {
        xxgk_report_free(s->acc);
        s->acc = NULL;
        return xx_oom();
    }
    s->t = t;
    return 0;
}

int xxgk_sum_new(xxgk_sum **out, const xxgk_template *t)
{
    if (!out)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "out is required");
    *out = NULL;
    xxgk_sum *s = xx_calloc(1, sizeof *s);
    if (!s)
        return xx_oom();
    if (t) {
        int rc = sum_start(s, t);
        if (rc) {
            xx_free(s);
            return rc;
        }
    }
    *out = s;
    return 0;
}

void xxgk_sum_free(xxgk_sum *s)
{
    if (!s)
        return;
    xxgk_report_free(s->acc);
    xx_free(s->counts);
    xx_free(s);
}

size_t xxgk_sum_count(const xxgk_sum *s)
{
    return s ? s->inputs : 0;
}

int xxgk_sum_add(xxgk_sum *s, const xxgk_report *r)
{
    if (!s || !r)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "a sum and a report are required");
    if (!s->t) {
        int rc = sum_start(s, r->t);
        if (rc)
            return rc;
    }
    const xxgk_template *t = s->t;
    xxgk_report *acc = s->acc;
    if (r->t != t)
        return xx_error(XXGK_ETEMPLATE, 0, 0, -1, NULL,
                        "cannot add a report of template %s to a sum of template %s", r->t->id, t->id);
    /* first make sure nothing overflows, so that a failure leaves the sum unchanged */
    for (size_t id = 0; id < t->ncells_all; id++) {
        if (r->cells[id].state != XXGK_CELL_NUMBER || acc->cells[id].state != XXGK_CELL_NUMBER)
            continue;
        int64_t v, lim = cell_limit(t->cells[id].kind);
        if (__builtin_add_overflow(acc->cells[id].v, r->cells[id].v, &v) || v > lim || v < -lim)
            return xx_error(XXGK_EOVERFLOW, 0, 0, -1, t->cells[id].path, "%s: the sum overflows the cell's range",
                            t->cells[id].path);
    }
    for (size_t id = 0; id < t->ncells_all; id++) {
        const xcell *c = &r->cells[id];
        if (c->state != XXGK_CELL_NUMBER) {
            if (c->state != XXGK_CELL_UNREAD && acc->cells[id].state == XXGK_CELL_UNREAD)
                acc->cells[id].state = XXGK_CELL_BLANK; /* read somewhere: blank until a number */
            continue;
        }
        if (acc->cells[id].state == XXGK_CELL_NUMBER)
            acc->cells[id].v += c->v;
        else
            xx_set_number(acc, id, c->v, 0, 0);
        s->counts[id]++;
    }
    if (s->inputs == 0)
        acc->year = r->year;
    else if (acc->year != r->year)
        acc->year = 0;
    s->inputs++;
    return 0;
}

int xxgk_sum_finish(xxgk_report **out, const xxgk_sum *s)
{
    if (!out)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "out is required");
    *out = NULL;
    if (!s || !s->inputs)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "at least one report is required");
    const xxgk_template *t = s->t;
    xxgk_report *total;
    int rc = xxgk_report_clone(&total, s->acc);
    if (rc)
        return rc;
    for (size_t id = 0; id < t->ncells_all; id++) {
        uint32_t k = s->counts[id];
        if (k == 0 || k == s->inputs)
            continue;
        char zh[768], en[768];
        snprintf(zh, sizeof zh, "%s：%u 份报告中只有 %u 份此项为数字，合计未含其余 %u 份（空白、非数字或未读到）",
                 t->cells[id].name, s->inputs, k, s->inputs - k);
        snprintf(en, sizeof en,
                 "%s: of %u reports only %u give a number here; the sum leaves out the other %u (blank, not a "
                 "number, or not read)",
                 t->cells[id].name_en, s->inputs, k, s->inputs - k);
        rc = xx_diag(total, "SUM.PARTIAL", XXGK_SEVERITY_WARNING, 0, 0, t->cells[id].path, zh, en);
        if (rc) {
            xxgk_report_free(total);
            return xx_oom();
        }
    }
    *out = total;
    return 0;
}

int xxgk_report_sum(xxgk_report **out, const xxgk_report *const *reports, size_t n)
{
    if (!out)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "out is required");
    *out = NULL;
    if (!reports || n == 0)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "at least one report is required");
    for (size_t i = 0; i < n; i++)
        if (!reports[i])
            return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "report %zu is NULL", i);
    xxgk_sum *s;
    int rc = xxgk_sum_new(&s, reports[0]->t);
    for (size_t i = 0; i < n && !rc; i++)
        rc = xxgk_sum_add(s, reports[i]);
    if (!rc)
        rc = xxgk_sum_finish(out, s);
    xxgk_sum_free(s);
    return rc;
}
