/* Sums (a region's total) and cell-by-cell differences. Sums use checked arithmetic and
 * never turn a blank into a zero. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

static int64_t cell_limit(int kind)
{
    return kind == XXGK_KIND_AMOUNT ? XX_MAX_SAFE * 1000 : XX_MAX_SAFE;
}

int xxgk_report_add(xxgk_report *acc, const xxgk_report *r)
{
    if (!acc || !r)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "accumulator and report are required");
    const xxgk_template *t = acc->t;
    if (r->t != t)
        return xx_error(XXGK_ETEMPLATE, 0, 0, -1, NULL,
                        "cannot add a report of template %s to a sum of template %s", r->t->id, t->id);
    if (!acc->sum_counts) {
        acc->sum_counts = xx_calloc(t->ncells_all, sizeof *acc->sum_counts);
        if (!acc->sum_counts)
            return xx_oom();
        for (size_t id = 0; id < t->ncells_all; id++)
            acc->sum_counts[id] = acc->cells[id].state == XXGK_CELL_NUMBER;
        acc->sum_inputs = acc->year ? 1 : 0;
    }
    /* first make sure nothing overflows, so that a failure leaves acc unchanged */
    for (size_t id = 0; id < t->ncells_all; id++) {
        if (r->cells[id].state != XXGK_CELL_NUMBER || acc->cells[id].state != XXGK_CELL_NUMBER)
            continue;
        int64_t s, lim = cell_limit(t->cells[id].kind);
        if (__builtin_add_overflow(acc->cells[id].v, r->cells[id].v, &s) || s > lim || s < -lim)
            return xx_error(XXGK_EOVERFLOW, 0, 0, -1, t->cells[id].path, "%s: the sum overflows the cell's range",
                            t->cells[id].path);
    }
    for (size_t id = 0; id < t->ncells_all; id++) {
        const xcell *c = &r->cells[id];
        if (c->state != XXGK_CELL_NUMBER)
            continue;
        if (acc->cells[id].state == XXGK_CELL_NUMBER) {
            acc->cells[id].v += c->v;
        } else {
            xxgk_report_set_blank(acc, id);
            acc->cells[id].state = XXGK_CELL_NUMBER;
            acc->cells[id].v = c->v;
        }
        acc->sum_counts[id]++;
    }
    if (acc->sum_inputs == 0)
        acc->year = r->year;
    else if (acc->year != r->year) {
        acc->year = 0;
        acc->sum_year_mixed = 1;
    }
    acc->sum_inputs++;
    return 0;
}

int xxgk_report_sum_finish(xxgk_report *acc)
{
    if (!acc)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "accumulator is required");
    if (!acc->sum_counts)
        return 0;
    const xxgk_template *t = acc->t;
    for (size_t id = 0; id < t->ncells_all; id++) {
        uint32_t k = acc->sum_counts[id];
        if (k == 0 || k == acc->sum_inputs)
            continue;
        int rc = xx_diagf(acc, "SUM.PARTIAL", XXGK_SEVERITY_WARNING, 0, 0, t->cells[id].path,
                          "%s: %u 份报告中只有 %u 份此项为数字，合计未含其余 %u 份（空白或非数字）",
                          "%s: of %u reports only %u give a number here; the sum leaves out the other %u (blank or "
                          "not a number)",
                          t->cells[id].path, acc->sum_inputs, k, acc->sum_inputs - k);
        if (rc)
            return xx_oom();
    }
    xx_free(acc->sum_counts);
    acc->sum_counts = NULL;
    acc->sum_inputs = 0;
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
    xxgk_report *acc;
    int rc = xxgk_report_new(&acc, reports[0]->t);
    if (rc)
        return rc;
    for (size_t i = 0; i < n && !rc; i++)
        rc = xxgk_report_add(acc, reports[i]);
    if (!rc)
        rc = xxgk_report_sum_finish(acc);
    if (rc) {
        xxgk_report_free(acc);
        return rc;
    }
    *out = acc;
    return 0;
}

/* ---- differences ---- */

static void cell_text(char *buf, size_t size, const xxgk_report *r, size_t id)
{
    if (r->cells[id].state == XXGK_CELL_NUMBER)
        xx_format_number(buf, r->cells[id].v, r->t->cells[id].kind);
    else if (r->cells[id].state == XXGK_CELL_TOKEN)
        snprintf(buf, size, "%s", r->tokens[id]);
    else
        buf[0] = '\0';
}

static int same_cell(const xxgk_report *a, size_t ia, const xxgk_report *b, size_t ib)
{
    const xcell *x = &a->cells[ia], *y = &b->cells[ib];
    if (x->state != y->state)
        return 0;
    if (x->state == XXGK_CELL_NUMBER)
        return x->v == y->v && a->t->cells[ia].kind == b->t->cells[ib].kind;
    if (x->state == XXGK_CELL_TOKEN)
        return strcmp(a->tokens[ia], b->tokens[ib]) == 0;
    return 1;
}

static int add_diff(xxgk_findings *f, const char *rule, const char *path, const char *va, const char *vb)
{
    char zh[1024], en[1024];
    snprintf(zh, sizeof zh, "%s: A 为“%s”，B 为“%s”", path, *va ? va : "（空）", *vb ? vb : "（空）");
    snprintf(en, sizeof en, "%s: A has \"%s\", B has \"%s\"", path, *va ? va : "(blank)", *vb ? vb : "(blank)");
    const char *cells[1] = { path };
    return xx_findings_add(f, rule, XXGK_SEVERITY_INFO, cells, 1, va, vb, zh, en, 0, 0);
}

static const char *str_or_empty(const char *s) { return s ? s : ""; }

int xxgk_report_diff(xxgk_findings **out, const xxgk_report *a, const xxgk_report *b)
{
    if (!out)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "out is required");
    *out = NULL;
    if (!a || !b)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "two reports are required");
    xxgk_findings *f;
    int rc = xxgk_findings_new(&f);
    if (rc)
        return rc;
    char ya[16] = "", yb[16] = "";
    if (a->year) snprintf(ya, sizeof ya, "%d", a->year);
    if (b->year) snprintf(yb, sizeof yb, "%d", b->year);
    if ((a->t != b->t && (rc = add_diff(f, "DIFF.META", "meta.template", a->t->id, b->t->id))) ||
        (a->year != b->year && (rc = add_diff(f, "DIFF.META", "meta.year", ya, yb))) ||
        (strcmp(xxgk_report_agency(a), xxgk_report_agency(b)) &&
         (rc = add_diff(f, "DIFF.META", "meta.agency", xxgk_report_agency(a), xxgk_report_agency(b)))) ||
        (strcmp(xxgk_report_title(a), xxgk_report_title(b)) &&
         (rc = add_diff(f, "DIFF.META", "meta.title", xxgk_report_title(a), xxgk_report_title(b)))))
        goto fail;
    for (size_t i = 0; i < a->t->nsections; i++) {
        int j = xx_section_index(b->t, a->t->sections[i].code);
        const char *sa = str_or_empty(a->sections[i]), *sb = j >= 0 ? str_or_empty(b->sections[j]) : "";
        if (strcmp(sa, sb) != 0) {
            char zh[256], en[256], path[64];
            snprintf(path, sizeof path, "section.%s", a->t->sections[i].code);
            snprintf(zh, sizeof zh, "%s: 两份报告的这一部分文字不同", path);
            snprintf(en, sizeof en, "%s: the two reports' texts differ", path);
            const char *cells[1] = { a->t->sections[i].code };
            if ((rc = xx_findings_add(f, "DIFF.SECTION", XXGK_SEVERITY_INFO, cells, 1, "", "", zh, en, 0, 0)))
                goto fail;
        }
    }
    char va[512], vb[512];
    for (size_t ia = 0; ia < a->t->ncells_all; ia++) {
        size_t ib;
        const char *path = a->t->cells[ia].path;
        int in_b = xx_lookup(b->t, path, &ib) == 0;
        if (in_b && same_cell(a, ia, b, ib))
            continue;
        cell_text(va, sizeof va, a, ia);
        if (in_b)
            cell_text(vb, sizeof vb, b, ib);
        else
            vb[0] = '\0';
        if (!in_b && !va[0])
            continue;
        if ((rc = add_diff(f, "DIFF.CELL", path, va, vb)))
            goto fail;
    }
    for (size_t ib = 0; ib < b->t->ncells_all; ib++) {
        size_t ia;
        const char *path = b->t->cells[ib].path;
        if (xx_lookup(a->t, path, &ia) == 0)
            continue;
        cell_text(vb, sizeof vb, b, ib);
        if (vb[0] && (rc = add_diff(f, "DIFF.CELL", path, "", vb)))
            goto fail;
    }
    *out = f;
    return 0;
fail:
    xxgk_findings_free(f);
    return xx_oom();
}
