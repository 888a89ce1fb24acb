/* SPDX-License-Identifier: MIT */
/* Plausibility (warnings): what cannot be proven wrong but is unlikely. A township or street
 * office reporting 规章 (PLAUS.TOWN_REGULATIONS), a title year other than the reporting
 * period's (PLAUS.PERIOD_YEAR), a value read in a unit its column does not use (PLAUS.UNIT).
 * The words these look for are the template's lists (town_suffix, town_self); the cells are
 * the rule's. */
#include "internal.h"
#include "title.h"

#include <stdio.h>
#include <string.h>

/* Whether s[0..n) ends with one of the list's words. */
static int ends_with_one(const char *s, size_t n, const xt_list *l)
{
    for (size_t k = 0; l && k < l->n; k++) {
        size_t w = l->lens[k];
        if (w <= n && s[n - 1] == l->words[k][w - 1] && !memcmp(s + n - w, l->words[k], w))
            return 1;
    }
    return 0;
}

/* What shows the report is a township's or street office's: its agency (or the agency its
 * title names) ends as theirs do (…镇人民政府, …街道办事处), or its narrative speaks of itself
 * as one (我镇, 本街道). Copied into q; 0 when nothing does. */
static int town_evidence(const xxgk_report *r, char *q, size_t cap)
{
    const xt_list *suffix = xx_list(r->t, "town_suffix"), *self = xx_list(r->t, "town_self");
    const char *agency = xxgk_report_agency(r);
    size_t n = strlen(agency);
    if (!n)
        agency = xx_title_agency(xxgk_report_title(r), strlen(xxgk_report_title(r)), &n);
    if (agency && n) {
        /* the agency's own name decides; the narrative is asked only when it is unknown */
        if (n >= cap || !ends_with_one(agency, n, suffix))
            return 0;
        memcpy(q, agency, n);
        q[n] = '\0';
        return 1;
    }
    for (size_t i = 0; self && i < r->t->nsections && i < XX_MAX_SECTIONS; i++)
        for (size_t k = 0; r->sections[i] && k < self->n; k++)
            if (strstr(r->sections[i], self->words[k])) {
                snprintf(q, cap, "“%s”", self->words[k]);
                return 1;
            }
    return 0;
}

/* Whether cell id holds a number above zero. */
static int above_zero(const xxgk_report *r, size_t id)
{
    return r->cells[id].state == XXGK_CELL_NUMBER && r->cells[id].v > 0;
}

int xx_check_town(xxgk_findings *f, const xxgk_report *r, const xt_rule *ru)
{
    /* the cells of the rule's row: from its subject, the row's first cell */
    const xt_cell *c0 = &r->t->cells[ru->subject];
    const xt_table *tb = &r->t->tables[c0->table];
    size_t id0 = (size_t)ru->subject, n = tb->blocks[tb->rows[c0->row].block].ncols;
    int32_t first = -1;
    for (size_t k = 0; k < n && first < 0; k++)
        if (above_zero(r, id0 + k))
            first = (int32_t)(id0 + k);
    char q[256];
    if (first < 0 || !town_evidence(r, q, sizeof q))
        return 0;
    char act[32];
    xx_format_number(act, r->cells[first].v, XXGK_KIND_COUNT);
    xfinding *x;
    int rc = xx_findings_new_item(f, &x, ru->id, XF_IDENTITY, ru->severity, r, first);
    if (rc)
        return rc;
    x->tr = ru;
    int bad = xx_finding_set_values(f, x, "0", act) || xx_finding_set_quote(f, x, q);
    for (size_t k = 0; k < n && !bad; k++)
        if (above_zero(r, id0 + k))
            bad = xx_finding_add_cells(f, x, &r->t->cells[id0 + k].path, 1);
    if (bad) {
        xx_findings_drop_last(f);
        return xx_oom();
    }
    return 0;
}

int xx_check_period(xxgk_findings *f, const xxgk_report *r, const xt_rule *ru, unsigned digits)
{
    const char *title = xxgk_report_title(r);
    size_t at, end;
    int ty = xx_title_year(title, strlen(title), &at, &end);
    if (!ty)
        return 0;
    for (size_t i = 0; i < r->t->nsections && i < XX_MAX_SECTIONS; i++) {
        const char *s = r->sections[i];
        if (!(digits >> i & 1))
            continue;
        int py = xx_period_year(s, strlen(s), &at, &end);
        if (!py)
            continue;
        if (py == ty)
            return 0;
        char exp[16], act[16], q[160];
        snprintf(exp, sizeof exp, "%d", ty);
        snprintf(act, sizeof act, "%d", py);
        size_t n = end - at < sizeof q - 1 ? end - at : sizeof q - 1;
        memcpy(q, s + at, n);
        q[n] = '\0';
        xfinding *x;
        int rc = xx_findings_new_item(f, &x, ru->id, XF_IDENTITY, ru->severity, r, -1);
        if (rc)
            return rc;
        x->tr = ru;
        /* the period's place: where its line was read */
        size_t li = 0;
        for (size_t k = 0; k < at; k++)
            li += s[k] == '\n';
        if (li < r->sec_npos[i]) {
            x->line = (long)r->sec_pos[i][li].line;
            x->col = (long)r->sec_pos[i][li].col;
        }
        if (xx_finding_set_values(f, x, exp, act) || xx_finding_set_quote(f, x, q)) {
            xx_findings_drop_last(f);
            return xx_oom();
        }
        return 0;
    }
    return 0;
}

int xx_check_unit(xxgk_findings *f, const xxgk_report *r, const xt_rule *ru)
{
    if (!r->notes)
        return 0;
    for (size_t id = 0; id < r->t->ncells_all; id++) {
        const xcell *c = &r->cells[id];
        if (!(c->note & XX_NOTE_UNIT) || c->state != XXGK_CELL_NUMBER)
            continue;
        char act[32];
        xx_format_number(act, c->v, r->t->cells[id].kind);
        xfinding *x;
        int rc = xx_findings_new_item(f, &x, ru->id, XF_IDENTITY, ru->severity, r, (int32_t)id);
        if (rc)
            return rc;
        x->tr = ru;
        if (xx_finding_set_values(f, x, "", act) || xx_finding_add_cells(f, x, &r->t->cells[id].path, 1)) {
            xx_findings_drop_last(f);
            return xx_oom();
        }
    }
    return 0;
}
