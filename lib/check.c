/* SPDX-License-Identifier: MIT */
/* The checker: one generic loop over the template's rules (Σ coefficient × cell = 0), plus
 * structural checks that hold for every template. It knows nothing about what a rule means:
 * ids, messages and cells all come from the template data. */
#include "internal.h"
#include "normalize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TERMS 64

static const struct xxgk_check_options default_check = { 0, 1, 90 };

static const struct xxgk_check_options *opts_or_default(const xxgk_check_options *o)
{
    return o ? o : &default_check;
}

/* Whether an identity over this report's own cells holds with every term a number: the
 * common case, decided without a branch per term. Blanks and tokens hold 0 in v, so the
 * sum is defined either way; values are within +-2^53 and terms few, so it cannot overflow. */
static int holds(const xcell *cells, const xt_term *tm, size_t n)
{
    int64_t d = 0;
    unsigned other = 0;
    for (size_t k = 0; k < n; k++) {
        const xcell *c = &cells[tm[k].cell];
        other |= (unsigned)(c->state ^ XXGK_CELL_NUMBER);
        d += tm[k].coef * c->v;
    }
    return other == 0 && d == 0;
}

/* A cell of a sub-row whose group printed its own (optional) subtotal instead: the report
 * gives the group as one figure, so the sub-row's blank is expected, not a gap. */
static int covered_by_subtotal(const xxgk_report *r, size_t id)
{
    const xt_cell *c = &r->t->cells[id];
    const xt_table *tb = &r->t->tables[c->table];
    int p = tb->rows[c->row].parent;
    if (p < 0 || !(tb->rows[p].flags & XT_ROW_OPTIONAL))
        return 0;
    size_t k = (size_t)(c->col - tb->blocks[tb->rows[c->row].block].first_col);
    return r->cells[(size_t)tb->rows[p].first_cell + k].state == XXGK_CELL_NUMBER;
}

/* Record a finding about an identity: kind XF_IDENTITY, XF_UNCHECKABLE or XF_OVERFLOW. */
static int add_rule_finding(xxgk_findings *f, const xxgk_report *r, const xt_rule *ru, int kind, int severity,
                            const char *const *cells, size_t ncells, const char *exp, const char *act)
{
    xfinding *x;
    int rc = xx_findings_new_item(f, &x, ru->id, kind, severity, r, ru->subject);
    if (rc)
        return rc;
    x->tr = ru;
    if (xx_finding_set_values(f, x, exp, act) || xx_finding_add_cells(f, x, cells, ncells)) {
        xx_findings_drop_last(f);
        return xx_oom();
    }
    return 0;
}

/* Identities not evaluated because a cell was not read, counted per table and said once
 * per table (CHECK.UNREAD): a reader's limits are not the publisher's fault. And the tables
 * said to be empty (TABLE.EMPTY): that one finding stands for their identities too. */
typedef struct {
    uint32_t n[16];
    uint32_t empty; /* bit ti: table ti has no number */
} unread_tally;

static int say_unread(xxgk_findings *f, const xxgk_report *r, const unread_tally *u)
{
    for (size_t ti = 0; ti < r->t->ntables && ti < 16; ti++) {
        if (!u->n[ti])
            continue;
        xfinding *x;
        int rc = xx_findings_new_item(f, &x, "CHECK.UNREAD", XF_UNREAD, XXGK_SEVERITY_INFO, r, -1);
        if (rc)
            return rc;
        x->a = (int32_t)ti;
        x->b = (int32_t)u->n[ti];
    }
    return 0;
}

/* A rule that does not hold between its two sides: its own message with both sums. */
static int add_sides(xxgk_findings *f, const xxgk_report *r, const xt_rule *ru, const char *const *paths,
                     int64_t lhs, int64_t rhs)
{
    char exp[32], act[32];
    xx_format_number(exp, lhs, XXGK_KIND_COUNT);
    xx_format_number(act, rhs, XXGK_KIND_COUNT);
    return add_rule_finding(f, r, ru, XF_IDENTITY, ru->severity, paths, ru->nterms, exp, act);
}

/* Evaluate one identity. `r` holds this year's cells, `prev` (may be NULL) last year's;
 * an identity over a cell not read is only counted in `u`. */
static int eval_rule(xxgk_findings *f, const xxgk_report *r, const xxgk_report *prev, const xt_rule *ru,
                     const struct xxgk_check_options *o, unread_tally *u)
{
    const xxgk_template *t = r->t;
    const xt_term *terms = &t->terms[ru->first_term];
    const char *paths[MAX_TERMS];
    const char *unchk[MAX_TERMS];
    size_t nunchk = 0;
    int64_t lhs = 0, rhs = 0;
    int overflow = 0;
    if (ru->nterms > MAX_TERMS)
        return 0;
    /* operands that are not numbers: those the group's printed subtotal stands for do not
     * count; one not read makes the identity unread, else it is uncheckable */
    size_t uncovered = 0, unread = 0;
    for (size_t k = 0; k < ru->nterms; k++) {
        const xt_term *tm = &terms[k];
        const xxgk_report *src = r;
        size_t id = (size_t)tm->cell;
        paths[k] = t->cells[id].path;
        if (tm->prev) {
            if (!prev || xx_lookup(prev->t, t->cells[id].path, &id) != 0)
                return 0; /* last year's template has no such cell: nothing to compare */
            src = prev;
        }
        const xcell *c = &src->cells[id];
        if ((src->t->cells[id].flags & XXGK_CELL_FLAG_OPTIONAL) && c->state == XXGK_CELL_BLANK)
            return 0; /* an identity over an optional cell applies only when it is filled */
        int64_t v;
        if (c->state == XXGK_CELL_NUMBER) {
            v = c->v;
        } else if (c->state == XXGK_CELL_BLANK && o->blank_as_zero) {
            v = 0;
        } else {
            unchk[nunchk++] = paths[k];
            if (tm->prev || !covered_by_subtotal(r, id)) {
                uncovered++;
                unread += c->state == XXGK_CELL_UNREAD;
            }
            continue;
        }
        int64_t *side = k < ru->nlhs ? &lhs : &rhs;
        int64_t term = tm->coef * (k < ru->nlhs ? 1 : -1) < 0 ? -v : v;
        if (__builtin_add_overflow(*side, term, side))
            overflow = 1;
    }
    if (nunchk) {
        if (!uncovered)
            return 0; /* the group's subtotal stands for these cells; its own identity applies */
        if (unread) {
            if (ru->table < 16)
                u->n[ru->table]++;
            return 0;
        }
        if (ru->table < 16 && (u->empty >> ru->table & 1))
            return 0; /* a blank form: "table 三 has no number", not one finding per identity */
        return add_rule_finding(f, r, ru, XF_UNCHECKABLE, XXGK_SEVERITY_INFO, unchk, nunchk, "", "");
    }
    if (overflow)
        return add_rule_finding(f, r, ru, XF_OVERFLOW, XXGK_SEVERITY_ERROR, paths, ru->nterms, "", "");
    if (lhs == rhs)
        return 0;
    return add_sides(f, r, ru, paths, lhs, rhs);
}

/* Per-cell rules: a predicate on every number cell of a kind. */
static int eval_cells(xxgk_findings *f, const xxgk_report *r, const xt_rule *ru)
{
    const xxgk_template *t = r->t;
    for (size_t id = 0; id < t->ncells_all; id++) {
        const xcell *v = &r->cells[id];
        if (v->state != XXGK_CELL_NUMBER || v->v >= 0)
            continue; /* first the test that is nearly always true, on the report's own cells */
        const xt_cell *c = &t->cells[id];
        int applies = ru->kind == XT_RULE_NONNEG ? c->kind == XXGK_KIND_COUNT : c->kind == XXGK_KIND_AMOUNT;
        if (!applies)
            continue;
        char act[32];
        xx_format_number(act, v->v, c->kind);
        xfinding *x;
        int rc = xx_findings_new_item(f, &x, ru->id, XF_CELL_RULE, ru->severity, r, (int32_t)id);
        if (rc)
            return rc;
        x->tr = ru;
        if (xx_finding_set_values(f, x, "0", act) || xx_finding_add_cells(f, x, &c->path, 1)) {
            xx_findings_drop_last(f);
            return xx_oom();
        }
    }
    return 0;
}

/* A plausibility between two sides: expected >= actual, when every cell is a number. */
static int eval_atleast(xxgk_findings *f, const xxgk_report *r, const xt_rule *ru)
{
    const xt_term *tm = &r->t->terms[ru->first_term];
    int64_t lhs = 0, rhs = 0;
    const char *paths[MAX_TERMS];
    if (ru->nterms > MAX_TERMS)
        return 0;
    for (size_t k = 0; k < ru->nterms; k++) {
        const xcell *c = &r->cells[tm[k].cell];
        if (c->state != XXGK_CELL_NUMBER)
            return 0; /* a plausibility is not said about what is not there */
        *(k < ru->nlhs ? &lhs : &rhs) += c->v;
        paths[k] = r->t->cells[tm[k].cell].path;
    }
    if (lhs >= rhs)
        return 0;
    return add_sides(f, r, ru, paths, lhs, rhs);
}

/* A newer template applies to the report's year: the old format was used. */
static int check_template(xxgk_findings *f, const xxgk_report *r, const xt_rule *ru)
{
    size_t newer = xt_ntemplates;
    for (size_t i = 0; i < xt_ntemplates; i++) {
        const xxgk_template *t = xt_templates[i];
        if (t->first_year > r->t->first_year && r->year >= t->first_year &&
            (newer == xt_ntemplates || t->first_year > xt_templates[newer]->first_year))
            newer = i;
    }
    if (newer == xt_ntemplates)
        return 0;
    xfinding *x;
    int rc = xx_findings_new_item(f, &x, ru->id, XF_OUTDATED, ru->severity, r, -1);
    if (rc)
        return rc;
    x->a = (int32_t)newer;
    x->b = r->year;
    if (xx_finding_set_values(f, x, xt_templates[newer]->id, r->t->id)) {
        xx_findings_drop_last(f);
        return xx_oom();
    }
    return 0;
}

/* A finding about a table or row of the report: kind XF_TABLE_EMPTY or XF_ROW_BLANK. */
static int add_place_finding(xxgk_findings *f, const xxgk_report *r, const char *rule, int kind, size_t table,
                             size_t row, const char *const *cells, size_t ncells, int32_t where)
{
    xfinding *x;
    int rc = xx_findings_new_item(f, &x, rule, kind, kind == XF_TABLE_EMPTY ? XXGK_SEVERITY_ERROR
                                                                            : XXGK_SEVERITY_WARNING, r, where);
    if (rc)
        return rc;
    x->subject = -1; /* the place is the table or row, named by a and b */
    x->a = (int32_t)table;
    x->b = (int32_t)row;
    if (xx_finding_add_cells(f, x, cells, ncells)) {
        xx_findings_drop_last(f);
        return xx_oom();
    }
    return 0;
}

static int check_token(xxgk_findings *f, const xxgk_report *r, size_t id)
{
    xfinding *x;
    int rc = xx_findings_new_item(f, &x, "CELL.TOKEN", XF_TOKEN, XXGK_SEVERITY_WARNING, r, (int32_t)id);
    if (rc)
        return rc;
    if (xx_finding_set_values(f, x, "", r->tokens[id]) || xx_finding_add_cells(f, x, &r->t->cells[id].path, 1)) {
        xx_findings_drop_last(f);
        return xx_oom();
    }
    return 0;
}

static int check_row(xxgk_findings *f, const xxgk_report *r, size_t ti, size_t ri)
{
    const xxgk_template *t = r->t;
    const xt_table *tb = &t->tables[ti];
    const xt_row *row = &tb->rows[ri];
    const char *blank[64];
    size_t nb = 0, ncols = tb->blocks[row->block].ncols;
    int32_t first = -1;
    int rc;
    for (size_t k = 0; k < ncols && nb < 64; k++) {
        size_t id = (size_t)row->first_cell + k;
        if (r->cells[id].state == XXGK_CELL_BLANK) {
            if (first < 0)
                first = (int32_t)id;
            blank[nb++] = t->cells[id].path;
        } else if (r->cells[id].state == XXGK_CELL_TOKEN && (rc = check_token(f, r, id))) {
            return rc;
        }
    }
    return nb ? add_place_finding(f, r, "CELL.BLANK", XF_ROW_BLANK, ti, ri, blank, nb, first) : 0;
}

static int check_structure(xxgk_findings *f, const xxgk_report *r, unread_tally *u)
{
    const xxgk_template *t = r->t;
    int rc;
    for (size_t ti = 0; ti < t->ntables; ti++) {
        const xt_table *tb = &t->tables[ti];
        int any = 0, read = 0;
        int32_t first_read = -1;
        for (size_t id = tb->first_cell; id < tb->first_cell + tb->ncells && !any; id++) {
            any = r->cells[id].state == XXGK_CELL_NUMBER;
            if (r->cells[id].state != XXGK_CELL_UNREAD && !read++)
                first_read = (int32_t)id;
        }
        if (!read)
            continue; /* not in the source: the reader says so; nothing here is the publisher's */
        if (!any) {
            /* its blank cells are said by this one finding */
            if ((rc = add_place_finding(f, r, "TABLE.EMPTY", XF_TABLE_EMPTY, ti, 0, NULL, 0, first_read)))
                return rc;
            if (ti < 16)
                u->empty |= 1u << ti;
            continue;
        }
        for (size_t ri = 0; ri < tb->nrows; ri++) {
            const xt_row *row = &tb->rows[ri];
            if (!(row->flags & XT_ROW_CELLS) || (row->flags & XT_ROW_OPTIONAL) ||
                covered_by_subtotal(r, (size_t)row->first_cell))
                continue;
            if ((rc = check_row(f, r, ti, ri)))
                return rc;
        }
    }
    return 0;
}

/* The linear identities of a report whose printed cells are all numbers (most reports): one
 * pass over the template's flat program, each identity a sum over the cell array; only one
 * that does not hold, or whose optional cell is not a plain number, takes the full
 * evaluation. */
static int run_fast(xxgk_findings *f, const xxgk_report *r, const struct xxgk_check_options *o, int optgaps,
                    unread_tally *u)
{
    const xxgk_template *t = r->t;
    const xcell *cells = r->cells;
    const uint16_t *p = t->fast, *end = t->fast + t->nfast;
    while (p < end) {
        const xt_rule *ru = &t->rules[p[0]];
        unsigned opt = p[1], npos = p[2], nneg = p[3];
        const uint16_t *ids = p + 4;
        p = ids + npos + nneg;
        if (opt && cells[opt - 1].state != XXGK_CELL_NUMBER) {
            if (cells[opt - 1].state == XXGK_CELL_BLANK)
                continue; /* an identity over an optional cell applies only when it is filled */
        } else if (!(opt && optgaps)) {
            int64_t d = 0;
            for (unsigned k = 0; k < npos; k++)
                d += cells[ids[k]].v;
            for (unsigned k = npos; k < npos + nneg; k++)
                d -= cells[ids[k]].v;
            if (d == 0)
                continue;
        }
        int rc = eval_rule(f, r, NULL, ru, o, u);
        if (rc)
            return rc;
    }
    return 0;
}

/* The template's rules over this report: the identities, then the per-cell rules, the
 * narrative and the plausibility rules. `digits`: the sections (bit i) that hold a digit. */
static int check_rules(xxgk_findings *f, const xxgk_report *r, const struct xxgk_check_options *o, int gaps,
                       int optgaps, int negative, unsigned digits, unread_tally *u)
{
    const xxgk_template *t = r->t;
    int rc = gaps ? 0 : run_fast(f, r, o, optgaps, u);
    for (size_t i = 0; i < t->nrules && !rc; i++) {
        const xt_rule *ru = &t->rules[i];
        switch (ru->kind) {
        case XT_RULE_LINEAR:
            if (gaps && !holds(r->cells, &t->terms[ru->first_term], ru->nterms))
                rc = eval_rule(f, r, NULL, ru, o, u);
            break;
        case XT_RULE_NONNEG:
        case XT_RULE_AMOUNT: rc = negative ? eval_cells(f, r, ru) : 0; break;
        case XT_RULE_ATLEAST: rc = eval_atleast(f, r, ru); break;
        case XT_RULE_TEXT: rc = digits ? xx_check_text(f, r, ru, digits) : 0; break;
        case XT_RULE_TOWN: rc = xx_check_town(f, r, ru); break;
        case XT_RULE_PERIOD: rc = digits ? xx_check_period(f, r, ru, digits) : 0; break;
        case XT_RULE_UNIT: rc = r->notes ? xx_check_unit(f, r, ru) : 0; break;
        case XT_RULE_OUTDATED: rc = check_template(f, r, ru); break;
        default: break; /* year-over-year rules need the previous report */
        }
    }
    return rc ? rc : gaps ? say_unread(f, r, u) : 0;
}

int xxgk_check_into(xxgk_findings *f, const xxgk_report *r, const xxgk_check_options *user)
{
    if (!f || !r)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "findings and report are required");
    const struct xxgk_check_options *o = opts_or_default(user);
    xx_findings_reset(f);
    int rc = 0;
    if (o->diagnostics && r->diag && (rc = xx_findings_append(f, r->diag)))
        return rc;
    const xxgk_template *t = r->t;
    /* One pass over the cells tells whether the structural and per-cell checks can find
     * anything at all: in a complete report without negative numbers they cannot. */
    unsigned gaps = 0, optgaps = 0;
    int64_t sign = 0;
    for (size_t id = 0; id < t->ncells; id++) {
        gaps |= r->cells[id].state ^ XXGK_CELL_NUMBER;
        sign |= r->cells[id].v;
    }
    for (size_t id = t->ncells; id < t->ncells_all; id++) {
        optgaps |= r->cells[id].state ^ XXGK_CELL_NUMBER;
        sign |= r->cells[id].v;
    }
    unsigned digits = 0; /* which sections hold a digit: only those can state a figure */
    for (size_t i = 0; i < t->nsections && i < XX_MAX_SECTIONS; i++)
        if (r->sections[i] && strpbrk(r->sections[i], "0123456789"))
            digits |= 1u << i;
    unread_tally u = { { 0 }, 0 };
    if ((gaps && (rc = check_structure(f, r, &u))) ||
        (rc = check_rules(f, r, o, gaps != 0, optgaps != 0, sign < 0, digits, &u)))
        return rc;
    xx_findings_sort(f);
    return 0;
}

int xxgk_check(xxgk_findings **out, const xxgk_report *r, const xxgk_check_options *opts)
{
    if (!out)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "out is required");
    *out = NULL;
    xxgk_findings *f;
    int rc = xxgk_findings_new(&f);
    if (rc)
        return rc;
    if ((rc = xxgk_check_into(f, r, opts)) != 0) {
        xxgk_findings_free(f);
        return rc;
    }
    *out = f;
    return 0;
}

/* ---- narrative similarity ----
 * Jaccard similarity of the sets of character trigrams, after keeping only letters,
 * CJK characters and digits (every digit read as 0, so that a copy with the years and
 * figures updated still counts as a copy). */

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static int trigrams(const char *s, uint64_t **out, size_t *n)
{
    size_t len = strlen(s), cap = len + 1, k = 0, cps = 0;
    uint32_t *cp = xx_malloc(cap * sizeof *cp);
    if (!cp)
        return XXGK_ENOMEM;
    for (size_t i = 0; i < len;) {
        size_t adv;
        int32_t c = xn_utf8_decode((const unsigned char *)s + i, len - i, &adv);
        i += adv;
        if (c < 0)
            continue;
        uint32_t f = xn_fold((uint32_t)c);
        if (f >= '0' && f <= '9')
            f = '0';
        else if (!((f >= 'a' && f <= 'z') || (f >= 'A' && f <= 'Z') || (f >= 0x3400 && f <= 0x9FFF)))
            continue;
        cp[cps++] = f;
    }
    uint64_t *g = xx_malloc((cps > 2 ? cps - 2 : 1) * sizeof *g);
    if (!g) {
        xx_free(cp);
        return XXGK_ENOMEM;
    }
    for (size_t i = 0; i + 2 < cps; i++)
        g[k++] = ((uint64_t)cp[i] << 42) | ((uint64_t)cp[i + 1] << 21) | cp[i + 2];
    xx_free(cp);
    qsort(g, k, sizeof *g, cmp_u64);
    size_t u = 0;
    for (size_t i = 0; i < k; i++)
        if (u == 0 || g[u - 1] != g[i])
            g[u++] = g[i];
    *out = g;
    *n = u;
    return 0;
}

/* Similarity in percent (0..100), or -1 when a text is too short to judge. */
static int similarity(const char *a, const char *b, int *pct)
{
    uint64_t *ga = NULL, *gb = NULL;
    size_t na = 0, nb = 0;
    int rc = trigrams(a, &ga, &na);
    if (!rc)
        rc = trigrams(b, &gb, &nb);
    if (rc) {
        xx_free(ga);
        xx_free(gb);
        return rc;
    }
    *pct = -1;
    if (na >= 20 && nb >= 20) {
        size_t i = 0, j = 0, both = 0;
        while (i < na && j < nb) {
            if (ga[i] == gb[j]) { both++; i++; j++; }
            else if (ga[i] < gb[j]) i++;
            else j++;
        }
        size_t uni = na + nb - both;
        *pct = (int)((both * 100) / uni);
    }
    xx_free(ga);
    xx_free(gb);
    return 0;
}

int xxgk_check_previous(xxgk_findings **out, const xxgk_report *r, const xxgk_report *prev,
                        const xxgk_check_options *user)
{
    if (!out)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "out is required");
    *out = NULL;
    if (!r || !prev)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "report and previous report are required");
    const struct xxgk_check_options *o = opts_or_default(user);
    xxgk_findings *f;
    int rc = xxgk_findings_new(&f);
    if (rc)
        return rc;
    char zh[1024], en[1024];
    if (r->year && prev->year && r->year != prev->year + 1) {
        char exp[16], act[16];
        snprintf(exp, sizeof exp, "%d", prev->year + 1);
        snprintf(act, sizeof act, "%d", r->year);
        snprintf(zh, sizeof zh, "上年报告为 %d 年度，本报告应为 %d 年度，实为 %d 年度：年度不连续", prev->year, prev->year + 1,
                 r->year);
        snprintf(en, sizeof en, "the previous report is for %d, so this one should be for %d, but it is for %d",
                 prev->year, prev->year + 1, r->year);
        if ((rc = xx_findings_add(f, "YOY.YEAR", XXGK_SEVERITY_ERROR, NULL, 0, exp, act, zh, en, 0, 0)))
            goto fail;
    } else if (!r->year || !prev->year) {
        snprintf(zh, sizeof zh, "报告年度未知，无法确认两份报告年度相连");
        snprintf(en, sizeof en, "a report year is unknown: cannot confirm that the years are consecutive");
        if ((rc = xx_findings_add(f, "YOY.YEAR", XXGK_SEVERITY_INFO, NULL, 0, "", "", zh, en, 0, 0)))
            goto fail;
    }
    unread_tally u = { { 0 }, 0 };
    for (size_t i = 0; i < r->t->nrules; i++)
        if (r->t->rules[i].kind == XT_RULE_YOY && (rc = eval_rule(f, r, prev, &r->t->rules[i], o, &u)))
            goto fail;
    if ((rc = say_unread(f, r, &u)))
        goto fail;
    for (size_t i = 0; i < r->t->nsections; i++) {
        const char *code = r->t->sections[i].code;
        const char *a = r->sections[i];
        int pi = xx_section_index(prev->t, code);
        const char *b = pi >= 0 ? prev->sections[pi] : NULL;
        if (!a || !b)
            continue;
        int pct;
        if ((rc = similarity(a, b, &pct)))
            goto fail;
        if (pct >= 0 && pct >= o->copy_threshold) {
            char act[16], exp[16];
            snprintf(act, sizeof act, "%d%%", pct);
            snprintf(exp, sizeof exp, "<%d%%", o->copy_threshold);
            const xt_section *se = &r->t->sections[i];
            snprintf(zh, sizeof zh, "“%s”部分：与上年报告的同一部分高度雷同（字符三元组相似度 %d%%）",
                     se->heading[0] ? se->heading : "前言", pct);
            snprintf(en, sizeof en,
                     "section \"%s\": nearly identical to last year's report (character-trigram similarity %d%%)",
                     se->heading_en, pct);
            if ((rc = xx_findings_add(f, "YOY.COPY", XXGK_SEVERITY_WARNING, NULL, 0, exp, act, zh, en, 0, 0)))
                goto fail;
        }
    }
    xx_findings_sort(f);
    *out = f;
    return 0;
fail:
    xxgk_findings_free(f);
    return rc == XXGK_ENOMEM ? xx_oom() : rc;
}
