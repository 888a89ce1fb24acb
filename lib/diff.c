/* SPDX-License-Identifier: MIT */
/* Cell-by-cell differences between two reports. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

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

/* A side of a difference as the message shows it: the value, or what stands for none. */
static const char *shown(const char *v, int unread, int en)
{
    if (*v)
        return v;
    if (unread)
        return en ? "(not read)" : "（未读到）";
    return en ? "(blank)" : "（空）";
}

/* A difference named as the clerk knows the place (name, name_en), its path in the cells. */
static int add_diff(xxgk_findings *f, const char *rule, const char *path, const char *name, const char *name_en,
                    const char *va, int ua, const char *vb, int ub)
{
    char zh[1024], en[1024];
    snprintf(zh, sizeof zh, "%s：A 为“%s”，B 为“%s”", name, shown(va, ua, 0), shown(vb, ub, 0));
    snprintf(en, sizeof en, "%s: A has \"%s\", B has \"%s\"", name_en, shown(va, ua, 1), shown(vb, ub, 1));
    const char *cells[1] = { path };
    return xx_findings_add(f, rule, XXGK_SEVERITY_INFO, cells, 1, va, vb, zh, en, 0, 0);
}

static int add_meta(xxgk_findings *f, const char *path, const char *name, const char *name_en, const char *va,
                    const char *vb)
{
    return add_diff(f, "DIFF.META", path, name, name_en, va, 0, vb, 0);
}

static int is_unread(const xxgk_report *r, size_t id) { return r->cells[id].state == XXGK_CELL_UNREAD; }

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
    if ((a->t != b->t && (rc = add_meta(f, "meta.template", "模板", "template", a->t->id, b->t->id))) ||
        (a->year != b->year && (rc = add_meta(f, "meta.year", "年度", "year", ya, yb))) ||
        (strcmp(xxgk_report_agency(a), xxgk_report_agency(b)) &&
         (rc = add_meta(f, "meta.agency", "机关", "agency", xxgk_report_agency(a), xxgk_report_agency(b)))) ||
        (strcmp(xxgk_report_title(a), xxgk_report_title(b)) &&
         (rc = add_meta(f, "meta.title", "标题", "title", xxgk_report_title(a), xxgk_report_title(b)))))
        goto fail;
    for (size_t i = 0; i < a->t->nsections; i++) {
        int j = xx_section_index(b->t, a->t->sections[i].code);
        const char *sa = str_or_empty(a->sections[i]), *sb = j >= 0 ? str_or_empty(b->sections[j]) : "";
        if (strcmp(sa, sb) != 0) {
            char zh[256], en[256];
            const xt_section *se = &a->t->sections[i];
            snprintf(zh, sizeof zh, "“%s”部分：两份报告的文字不同", se->heading[0] ? se->heading : "前言");
            snprintf(en, sizeof en, "section \"%s\": the two reports' texts differ", se->heading_en);
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
        const xt_cell *c = &a->t->cells[ia];
        if ((rc = add_diff(f, "DIFF.CELL", path, c->name, c->name_en, va, is_unread(a, ia), vb,
                           in_b && is_unread(b, ib))))
            goto fail;
    }
    for (size_t ib = 0; ib < b->t->ncells_all; ib++) {
        size_t ia;
        const char *path = b->t->cells[ib].path;
        if (xx_lookup(a->t, path, &ia) == 0)
            continue;
        cell_text(vb, sizeof vb, b, ib);
        if (vb[0] && (rc = add_diff(f, "DIFF.CELL", path, b->t->cells[ib].name, b->t->cells[ib].name_en, "", 0, vb, 0)))
            goto fail;
    }
    *out = f;
    return 0;
fail:
    xxgk_findings_free(f);
    return xx_oom();
}
