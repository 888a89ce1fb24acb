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

/* Expand a message template: {cell} {expected} {actual} {scope} {scope_en}. */
static void expand(char *out, size_t cap, const char *tpl, const char *cell, const char *expected,
                   const char *actual, const char *scope, const char *scope_en)
{
    size_t o = 0;
    for (const char *p = tpl; *p && o + 1 < cap; p++) {
        const char *v = NULL;
        size_t skip = 0;
        if (*p == '{') {
            if (!strncmp(p, "{cell}", 6)) { v = cell; skip = 6; }
            else if (!strncmp(p, "{expected}", 10)) { v = expected; skip = 10; }
            else if (!strncmp(p, "{actual}", 8)) { v = actual; skip = 8; }
            else if (!strncmp(p, "{scope}", 7)) { v = scope; skip = 7; }
            else if (!strncmp(p, "{scope_en}", 10)) { v = scope_en; skip = 10; }
        }
        if (v) {
            size_t n = strlen(v);
            if (n > cap - 1 - o)
                n = cap - 1 - o;
            memcpy(out + o, v, n);
            o += n;
            p += skip - 1;
        } else {
            out[o++] = *p;
        }
    }
    out[o] = '\0';
}

static long cell_line(const xxgk_report *r, size_t id) { return (long)r->cells[id].line; }

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
static long cell_col(const xxgk_report *r, size_t id) { return (long)r->cells[id].col; }

/* Evaluate one identity. `cur` holds this year's cells, `prev` (may be NULL) last year's;
 * prev_ids maps the rule's previous-year terms to prev's cell ids. */
static int eval_rule(xxgk_findings *f, const xxgk_report *r, const xxgk_report *prev, const xt_rule *ru,
                     const struct xxgk_check_options *o)
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
    /* The common case first, touching nothing but the cells: every term a number of this
     * report and the identity holds. Cell values are within +-2^53 and there are at most
     * MAX_TERMS terms, so this sum cannot overflow. Anything else takes the full path. */
    size_t fast = 0;
    int64_t diff = 0;
    for (; fast < ru->nterms; fast++) {
        const xt_term *tm = &terms[fast];
        const xcell *c = &r->cells[tm->cell];
        if (tm->prev || c->state != XXGK_CELL_NUMBER) {
            /* a blank optional cell makes the full path return 0 as well, whatever else */
            if (!tm->prev && c->state == XXGK_CELL_BLANK && (t->cells[tm->cell].flags & XXGK_CELL_FLAG_OPTIONAL))
                return 0;
            break;
        }
        diff += tm->coef * c->v; /* the identity is sum(coef * cell) = 0 */
    }
    if (fast == ru->nterms && diff == 0)
        return 0;
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
            continue;
        }
        int64_t *side = k < ru->nlhs ? &lhs : &rhs;
        int64_t term = tm->coef * (k < ru->nlhs ? 1 : -1) < 0 ? -v : v;
        if (__builtin_add_overflow(*side, term, side))
            overflow = 1;
    }
    const char *subject = ru->subject >= 0 ? t->cells[ru->subject].path : paths[0];
    long line = ru->subject >= 0 ? cell_line(r, (size_t)ru->subject) : 0;
    long col = ru->subject >= 0 ? cell_col(r, (size_t)ru->subject) : 0;
    char zh[1536], en[1536];
    if (nunchk) {
        size_t covered = 0;
        for (size_t k = 0; k < ru->nterms; k++) {
            size_t id = (size_t)terms[k].cell;
            if (!terms[k].prev && r->cells[id].state != XXGK_CELL_NUMBER && covered_by_subtotal(r, id))
                covered++;
        }
        if (covered == nunchk)
            return 0; /* the group's subtotal stands for these cells; its own identity applies */
        char list[768] = "";
        size_t show = nunchk < 4 ? nunchk : 3;
        for (size_t k = 0; k < show; k++) {
            strncat(list, k ? ", " : "", sizeof list - strlen(list) - 1);
            strncat(list, unchk[k], sizeof list - strlen(list) - 1);
        }
        if (show < nunchk)
            snprintf(list + strlen(list), sizeof list - strlen(list), " … (+%zu)", nunchk - show);
        snprintf(zh, sizeof zh, "%s: 无法核对“%s”：%zu 个单元格为空或非数字（%s）", subject, ru->desc, nunchk, list);
        snprintf(en, sizeof en, "%s: cannot check \"%s\": %zu cell(s) blank or not a number (%s)", subject,
                 ru->desc_en, nunchk, list);
        return xx_findings_add(f, ru->id, XXGK_SEVERITY_INFO, unchk, nunchk, "", "", zh, en, line, col);
    }
    if (overflow) {
        snprintf(zh, sizeof zh, "%s: 求和溢出，无法核对“%s”", subject, ru->desc);
        snprintf(en, sizeof en, "%s: the sum overflows; cannot check \"%s\"", subject, ru->desc_en);
        return xx_findings_add(f, ru->id, XXGK_SEVERITY_ERROR, paths, ru->nterms, "", "", zh, en, line, col);
    }
    if (lhs == rhs)
        return 0;
    char exp[32], act[32];
    snprintf(exp, sizeof exp, "%lld", (long long)lhs);
    snprintf(act, sizeof act, "%lld", (long long)rhs);
    expand(zh, sizeof zh, ru->msg, subject, exp, act, ru->scope, ru->scope_en);
    expand(en, sizeof en, ru->msg_en, subject, exp, act, ru->scope, ru->scope_en);
    return xx_findings_add(f, ru->id, ru->severity, paths, ru->nterms, exp, act, zh, en, line, col);
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
        char act[32], zh[512], en[512];
        xx_format_number(act, v->v, c->kind);
        expand(zh, sizeof zh, ru->msg, c->path, "", act, "", "");
        expand(en, sizeof en, ru->msg_en, c->path, "", act, "", "");
        const char *cells[1] = { c->path };
        int rc = xx_findings_add(f, ru->id, ru->severity, cells, 1, "0", act, zh, en, cell_line(r, id),
                                 cell_col(r, id));
        if (rc)
            return rc;
    }
    return 0;
}

/* A newer template applies to the report's year: the old format was used. */
static int check_template(xxgk_findings *f, const xxgk_report *r)
{
    const xxgk_template *newer = NULL;
    for (size_t i = 0; i < xt_ntemplates; i++) {
        const xxgk_template *t = xt_templates[i];
        if (t->first_year > r->t->first_year && r->year >= t->first_year &&
            (!newer || t->first_year > newer->first_year))
            newer = t;
    }
    if (!newer)
        return 0;
    char zh[512], en[512];
    snprintf(zh, sizeof zh, "%d 年度报告使用了 %s 的旧格式（%s 模板）；%d 年度起应使用 %s 的格式", r->year, r->t->name,
             r->t->id, newer->first_year, newer->name);
    snprintf(en, sizeof en, "the %d report uses the old %s template (%s); reports for %d on use %s (%s)", r->year,
             r->t->id, r->t->name_en, newer->first_year, newer->id, newer->name_en);
    return xx_findings_add(f, "TEMPLATE.OUTDATED", XXGK_SEVERITY_WARNING, NULL, 0, newer->id, r->t->id, zh, en, 0,
                           0);
}

static int check_structure(xxgk_findings *f, const xxgk_report *r)
{
    const xxgk_template *t = r->t;
    int rc;
    for (size_t ti = 0; ti < t->ntables; ti++) {
        const xt_table *tb = &t->tables[ti];
        int any = 0;
        for (size_t id = tb->first_cell; id < tb->first_cell + tb->ncells; id++)
            if (r->cells[id].state == XXGK_CELL_NUMBER) {
                any = 1;
                break;
            }
        if (!any) {
            char zh[512], en[512];
            snprintf(zh, sizeof zh, "表%s（%s）没有任何数字", tb->number, tb->heading);
            snprintf(en, sizeof en, "table %s (%s) has no number at all", tb->number, tb->heading_en);
            if ((rc = xx_findings_add(f, "TABLE.EMPTY", XXGK_SEVERITY_ERROR, NULL, 0, "", "", zh, en, 0, 0)))
                return rc;
            continue; /* its blank cells are said by this one finding */
        }
        for (size_t ri = 0; ri < tb->nrows; ri++) {
            const xt_row *row = &tb->rows[ri];
            if (!(row->flags & XT_ROW_CELLS) || (row->flags & XT_ROW_OPTIONAL) ||
                covered_by_subtotal(r, (size_t)row->first_cell))
                continue;
            const char *blank[32];
            size_t nb = 0, ncols = tb->blocks[row->block].ncols;
            for (size_t k = 0; k < ncols && nb < 32; k++) {
                size_t id = (size_t)row->first_cell + k;
                if (r->cells[id].state == XXGK_CELL_BLANK)
                    blank[nb++] = t->cells[id].path;
                else if (r->cells[id].state == XXGK_CELL_TOKEN) {
                    char zh[768], en[768];
                    snprintf(zh, sizeof zh, "%s: 数字单元格中为非数字内容“%s”", t->cells[id].path, r->tokens[id]);
                    snprintf(en, sizeof en, "%s: a number cell holds the non-numeric text \"%s\"", t->cells[id].path,
                             r->tokens[id]);
                    const char *cells[1] = { t->cells[id].path };
                    if ((rc = xx_findings_add(f, "CELL.TOKEN", XXGK_SEVERITY_WARNING, cells, 1, "", r->tokens[id], zh,
                                              en, cell_line(r, id), cell_col(r, id))))
                        return rc;
                }
            }
            if (nb) {
                char zh[768], en[768];
                if (nb == ncols) {
                    snprintf(zh, sizeof zh, "%s: “%s”一行全部为空", blank[0], row->label);
                    snprintf(en, sizeof en, "%s: the row \"%s\" is blank", blank[0], row->label_en);
                } else {
                    snprintf(zh, sizeof zh, "%s: “%s”一行有 %zu 个空单元格", blank[0], row->label, nb);
                    snprintf(en, sizeof en, "%s: %zu blank cell(s) in the row \"%s\"", blank[0], nb, row->label_en);
                }
                if ((rc = xx_findings_add(f, "CELL.BLANK", XXGK_SEVERITY_WARNING, blank, nb, "", "", zh, en, 0, 0)))
                    return rc;
            }
        }
    }
    return 0;
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
    int gaps = 0, negative = 0;
    for (size_t id = 0; id < t->ncells_all; id++) {
        const xcell *c = &r->cells[id];
        if (c->state != XXGK_CELL_NUMBER)
            gaps |= id < t->ncells;
        else if (c->v < 0)
            negative = 1;
    }
    if ((rc = check_template(f, r)) || (gaps && (rc = check_structure(f, r))))
        return rc;
    for (size_t i = 0; i < t->nrules; i++) {
        const xt_rule *ru = &t->rules[i];
        switch (ru->kind) {
        case XT_RULE_LINEAR:
            rc = holds(r->cells, &t->terms[ru->first_term], ru->nterms) ? 0 : eval_rule(f, r, NULL, ru, o);
            break;
        case XT_RULE_NONNEG:
        case XT_RULE_AMOUNT: rc = negative ? eval_cells(f, r, ru) : 0; break;
        default: rc = 0; break; /* year-over-year rules need the previous report */
        }
        if (rc)
            return rc;
    }
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
    for (size_t i = 0; i < r->t->nrules; i++)
        if (r->t->rules[i].kind == XT_RULE_YOY && (rc = eval_rule(f, r, prev, &r->t->rules[i], o)))
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
            snprintf(zh, sizeof zh, "%s: 与上年报告的同一部分高度雷同（字符三元组相似度 %d%%）", code, pct);
            snprintf(en, sizeof en, "%s: nearly identical to last year's report (character-trigram similarity %d%%)",
                     code, pct);
            if ((rc = xx_findings_add(f, "YOY.COPY", XXGK_SEVERITY_WARNING, NULL, 0, exp, act, zh, en, 0, 0)))
                goto fail;
        }
    }
    *out = f;
    return 0;
fail:
    xxgk_findings_free(f);
    return rc == XXGK_ENOMEM ? xx_oom() : rc;
}
