/* SPDX-License-Identifier: MIT */
/* The findings list: one array of entries, one array of cell paths and one string arena,
 * all reused across xxgk_check_into() calls so that checking does not allocate per rule. */
#include "internal.h"

#include <string.h>

int xxgk_findings_new(xxgk_findings **out)
{
    if (!out)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "out is required");
    *out = xx_calloc(1, sizeof **out);
    return *out ? 0 : xx_oom();
}

void xxgk_findings_free(xxgk_findings *f)
{
    if (!f)
        return;
    xx_free(f->items);
    xx_free(f->cellv);
    xx_free(f->arena);
    xx_free(f);
}

void xx_findings_reset(xxgk_findings *f)
{
    f->n = 0;
    f->ncellv = 0;
    f->alen = 0;
}

static int arena_add(xxgk_findings *f, const char *s, size_t *off)
{
    size_t n = strlen(s ? s : "") + 1;
    if (f->alen + n > f->acap) {
        size_t cap = f->acap ? f->acap : 1024;
        while (cap < f->alen + n)
            cap *= 2;
        char *p = xx_realloc(f->arena, cap);
        if (!p)
            return XXGK_ENOMEM;
        f->arena = p;
        f->acap = cap;
    }
    memcpy(f->arena + f->alen, s ? s : "", n);
    *off = f->alen;
    f->alen += n;
    return 0;
}

int xx_findings_add(xxgk_findings *f, const char *rule, int severity, const char *const *cells, size_t ncells,
                    const char *expected, const char *actual, const char *msg, const char *msg_en, long line,
                    long col)
{
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 16;
        xfinding *p = xx_realloc(f->items, cap * sizeof *p);
        if (!p)
            return xx_oom();
        f->items = p;
        f->cap = cap;
    }
    if (f->ncellv + ncells > f->capcellv) {
        size_t cap = f->capcellv ? f->capcellv : 64;
        while (cap < f->ncellv + ncells)
            cap *= 2;
        const char **p = xx_realloc((void *)f->cellv, cap * sizeof *p);
        if (!p)
            return xx_oom();
        f->cellv = p;
        f->capcellv = cap;
    }
    xfinding *x = &f->items[f->n];
    size_t alen = f->alen;
    if (arena_add(f, expected, &x->expected) || arena_add(f, actual, &x->actual) || arena_add(f, msg, &x->msg) ||
        arena_add(f, msg_en, &x->msg_en)) {
        f->alen = alen;
        return xx_oom();
    }
    x->rule = rule;
    x->severity = (uint8_t)severity;
    x->cells = f->ncellv;
    x->ncells = ncells;
    for (size_t i = 0; i < ncells; i++)
        f->cellv[f->ncellv++] = cells[i];
    x->line = line;
    x->col = col;
    f->n++;
    return 0;
}

int xx_findings_append(xxgk_findings *dst, const xxgk_findings *src)
{
    for (size_t i = 0; i < src->n; i++) {
        const xfinding *x = &src->items[i];
        /* no cells: cellv may be NULL, and NULL + 0 is undefined */
        int rc = xx_findings_add(dst, x->rule, x->severity, x->ncells ? src->cellv + x->cells : NULL, x->ncells,
                                 src->arena + x->expected, src->arena + x->actual, src->arena + x->msg,
                                 src->arena + x->msg_en, x->line, x->col);
        if (rc)
            return rc;
    }
    return 0;
}

static const xfinding *at(const xxgk_findings *f, size_t i)
{
    return f && i < f->n ? &f->items[i] : NULL;
}

size_t xxgk_findings_count(const xxgk_findings *f) { return f ? f->n : 0; }

size_t xxgk_findings_count_severity(const xxgk_findings *f, int severity)
{
    size_t c = 0;
    for (size_t i = 0; f && i < f->n; i++)
        c += f->items[i].severity == severity;
    return c;
}

const char *xxgk_finding_rule(const xxgk_findings *f, size_t i)
{
    const xfinding *x = at(f, i);
    return x ? x->rule : NULL;
}

int xxgk_finding_severity(const xxgk_findings *f, size_t i)
{
    const xfinding *x = at(f, i);
    return x ? x->severity : 0;
}

size_t xxgk_finding_cell_count(const xxgk_findings *f, size_t i)
{
    const xfinding *x = at(f, i);
    return x ? x->ncells : 0;
}

const char *xxgk_finding_cell(const xxgk_findings *f, size_t i, size_t j)
{
    const xfinding *x = at(f, i);
    return x && j < x->ncells ? f->cellv[x->cells + j] : NULL;
}

const char *xxgk_finding_expected(const xxgk_findings *f, size_t i)
{
    const xfinding *x = at(f, i);
    return x ? f->arena + x->expected : NULL;
}

const char *xxgk_finding_actual(const xxgk_findings *f, size_t i)
{
    const xfinding *x = at(f, i);
    return x ? f->arena + x->actual : NULL;
}

const char *xxgk_finding_message(const xxgk_findings *f, size_t i)
{
    const xfinding *x = at(f, i);
    return x ? f->arena + x->msg : NULL;
}

const char *xxgk_finding_message_en(const xxgk_findings *f, size_t i)
{
    const xfinding *x = at(f, i);
    return x ? f->arena + x->msg_en : NULL;
}

long xxgk_finding_line(const xxgk_findings *f, size_t i)
{
    const xfinding *x = at(f, i);
    return x ? x->line : 0;
}

long xxgk_finding_column(const xxgk_findings *f, size_t i)
{
    const xfinding *x = at(f, i);
    return x ? x->col : 0;
}
