/* SPDX-License-Identifier: MIT */
/* The findings list: one array of entries, one array of cell paths and one string arena,
 * all reused across xxgk_check_into() calls so that checking does not allocate per rule.
 * An entry keeps its rule, cells and numbers; the message text is formatted when it is
 * asked for (findings_text.c), and kept here once formatted. */
#include "internal.h"

#include <string.h>

/* Messages formatted on request: text[i] holds finding i's "zh\0en\0", or NULL. */
struct xmsgcache {
    char **text;
    size_t cap;
};

int xxgk_findings_new(xxgk_findings **out)
{
    if (!out)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "out is required");
    *out = xx_calloc(1, sizeof **out);
    if (!*out)
        return xx_oom();
    (*out)->cache = xx_calloc(1, sizeof *(*out)->cache);
    if (!(*out)->cache) {
        xx_free(*out);
        *out = NULL;
        return xx_oom();
    }
    return 0;
}

static void cache_clear(struct xmsgcache *c)
{
    for (size_t i = 0; c && i < c->cap; i++) {
        xx_free(c->text[i]);
        c->text[i] = NULL;
    }
}

void xxgk_findings_free(xxgk_findings *f)
{
    if (!f)
        return;
    if (f->cache) {
        cache_clear(f->cache);
        xx_free(f->cache->text);
        xx_free(f->cache);
    }
    xx_free(f->items);
    xx_free(f->cellv);
    xx_free(f->arena);
    xx_free(f);
}

void xx_findings_reset(xxgk_findings *f)
{
    if (f->cache && f->n) {
        size_t n = f->n < f->cache->cap ? f->n : f->cache->cap;
        for (size_t i = 0; i < n; i++) {
            xx_free(f->cache->text[i]);
            f->cache->text[i] = NULL;
        }
    }
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

/* The offset of "" in the arena, adding it on first use: items without values share it. */
static int arena_empty(xxgk_findings *f, size_t *off)
{
    if (f->alen == 0)
        return arena_add(f, "", off);
    *off = 0; /* the arena always starts with "" (see above) */
    return 0;
}

int xx_findings_new_item(xxgk_findings *f, xfinding **out, const char *rule, int kind, int severity,
                         const xxgk_report *r, int32_t subject)
{
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 16;
        xfinding *p = xx_realloc(f->items, cap * sizeof *p);
        if (!p)
            return xx_oom();
        f->items = p;
        f->cap = cap;
    }
    size_t empty;
    if (arena_empty(f, &empty))
        return xx_oom();
    xfinding *x = &f->items[f->n];
    memset(x, 0, sizeof *x);
    x->rule = rule;
    x->kind = (uint8_t)kind;
    x->severity = (uint8_t)severity;
    x->t = r ? r->t : NULL;
    x->cells = f->ncellv;
    x->expected = x->actual = x->msg = x->msg_en = empty;
    x->subject = subject;
    if (r && subject >= 0) {
        const xcell *c = &r->cells[subject];
        x->line = (long)c->line;
        x->col = (long)c->col;
        x->grid_rec = c->grid_rec;
        x->grid_field = c->grid_field;
        x->page = xx_page_of(r, x->line, &x->line);
    }
    f->n++;
    *out = x;
    return 0;
}

int xx_finding_set_text(xxgk_findings *f, xfinding *x, const char *msg, const char *msg_en)
{
    return arena_add(f, msg, &x->msg) || arena_add(f, msg_en, &x->msg_en) ? xx_oom() : 0;
}

int xx_finding_set_quote(xxgk_findings *f, xfinding *x, const char *quote)
{
    return quote && *quote && arena_add(f, quote, &x->msg) ? xx_oom() : 0;
}

void xx_findings_drop_last(xxgk_findings *f)
{
    if (f->n) {
        f->n--;
        f->ncellv = f->items[f->n].cells;
    }
}

int xx_finding_set_values(xxgk_findings *f, xfinding *x, const char *expected, const char *actual)
{
    if ((expected && *expected && arena_add(f, expected, &x->expected)) ||
        (actual && *actual && arena_add(f, actual, &x->actual)))
        return xx_oom();
    return 0;
}

int xx_finding_add_cells(xxgk_findings *f, xfinding *x, const char *const *paths, size_t n)
{
    if (f->ncellv + n > f->capcellv) {
        size_t cap = f->capcellv ? f->capcellv : 64;
        while (cap < f->ncellv + n)
            cap *= 2;
        const char **p = xx_realloc((void *)f->cellv, cap * sizeof *p);
        if (!p)
            return xx_oom();
        f->cellv = p;
        f->capcellv = cap;
    }
    for (size_t i = 0; i < n; i++)
        f->cellv[f->ncellv++] = paths[i];
    x->ncells += n;
    return 0;
}

int xx_findings_add(xxgk_findings *f, const char *rule, int severity, const char *const *cells, size_t ncells,
                    const char *expected, const char *actual, const char *msg, const char *msg_en, long line,
                    long col)
{
    xfinding *x = NULL;
    int rc = xx_findings_new_item(f, &x, rule, XF_TEXT, severity, NULL, -1);
    if (rc)
        return rc;
    if (xx_finding_set_values(f, x, expected, actual) || arena_add(f, msg, &x->msg) ||
        arena_add(f, msg_en, &x->msg_en) || xx_finding_add_cells(f, x, cells, ncells)) {
        xx_findings_drop_last(f);
        return xx_oom();
    }
    x->line = line;
    x->col = col;
    return 0;
}

int xx_findings_append(xxgk_findings *dst, const xxgk_findings *src)
{
    for (size_t i = 0; i < src->n; i++) {
        const xfinding *s = &src->items[i];
        xfinding *x = NULL;
        int rc = xx_findings_new_item(dst, &x, s->rule, s->kind, s->severity, NULL, -1);
        if (rc)
            return rc;
        size_t cells = x->cells, empty = x->expected;
        *x = *s;
        x->cells = cells;
        x->ncells = 0;
        x->expected = x->actual = x->msg = x->msg_en = empty;
        /* no cells: cellv may be NULL, and NULL + 0 is undefined */
        if (xx_finding_set_values(dst, x, src->arena + s->expected, src->arena + s->actual) ||
            (s->kind == XF_TEXT &&
             (arena_add(dst, src->arena + s->msg, &x->msg) || arena_add(dst, src->arena + s->msg_en, &x->msg_en))) ||
            xx_finding_add_cells(dst, x, s->ncells ? src->cellv + s->cells : NULL, s->ncells)) {
            xx_findings_drop_last(dst);
            return xx_oom();
        }
    }
    return 0;
}

static int before(const xfinding *a, const xfinding *b)
{
    return a->line < b->line || (a->line == b->line && a->col < b->col);
}

void xx_findings_sort(xxgk_findings *f)
{
    /* insertion sort in place (no allocation): the list is short and mostly in order
     * (readers report in reading order, rules run in template order); the place is found
     * by binary search after the last equal one (stable), the rest moved in one block */
    xfinding *it = f->items;
    for (size_t i = 1; i < f->n; i++) {
        if (!before(&it[i], &it[i - 1]))
            continue;
        xfinding x = it[i];
        size_t lo = 0, hi = i - 1;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (before(&x, &it[mid]))
                hi = mid;
            else
                lo = mid + 1;
        }
        memmove(&it[lo + 1], &it[lo], (i - lo) * sizeof *it);
        it[lo] = x;
    }
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

const char *xxgk_finding_subject(const xxgk_findings *f, size_t i)
{
    const xfinding *x = at(f, i);
    if (!x)
        return NULL;
    if (x->t && x->subject >= 0)
        return x->t->cells[x->subject].path;
    /* a finding made of text (a reader's diagnostic): its first cell is the one it is about */
    return x->kind == XF_TEXT && x->ncells ? f->cellv[x->cells] : NULL;
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

int xxgk_finding_format(char *buf, size_t size, const xxgk_findings *f, size_t i, int lang)
{
    if (!at(f, i) || (lang != XXGK_LANG_ZH && lang != XXGK_LANG_EN))
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "no finding %zu, or an unknown language %d", i, lang);
    size_t n = xx_finding_text(buf, size, f, i, lang == XXGK_LANG_EN);
    return n > (size_t)INT32_MAX ? XXGK_ERANGE : (int)n;
}

/* The message, formatted on first use and kept until the list changes. */
static const char *message(const xxgk_findings *f, size_t i, int en)
{
    const xfinding *x = at(f, i);
    if (!x)
        return NULL;
    if (x->kind == XF_TEXT)
        return f->arena + (en ? x->msg_en : x->msg);
    struct xmsgcache *c = f->cache;
    if (i >= c->cap) {
        size_t cap = c->cap ? c->cap : 16;
        while (cap <= i)
            cap *= 2;
        char **p = xx_realloc(c->text, cap * sizeof *p);
        if (!p) {
            xx_oom();
            return NULL;
        }
        memset(p + c->cap, 0, (cap - c->cap) * sizeof *p);
        c->text = p;
        c->cap = cap;
    }
    if (!c->text[i]) {
        char zh[1024], tx[1024];
        size_t nz = xx_finding_text(zh, sizeof zh, f, i, 0), ne = xx_finding_text(tx, sizeof tx, f, i, 1);
        char *s = xx_malloc(nz + ne + 2);
        if (!s) {
            xx_oom();
            return NULL;
        }
        if (nz < sizeof zh)
            memcpy(s, zh, nz + 1);
        else
            xx_finding_text(s, nz + 1, f, i, 0);
        if (ne < sizeof tx)
            memcpy(s + nz + 1, tx, ne + 1);
        else
            xx_finding_text(s + nz + 1, ne + 1, f, i, 1);
        c->text[i] = s;
    }
    return en ? c->text[i] + strlen(c->text[i]) + 1 : c->text[i];
}

const char *xxgk_finding_message(const xxgk_findings *f, size_t i) { return message(f, i, 0); }
const char *xxgk_finding_message_en(const xxgk_findings *f, size_t i) { return message(f, i, 1); }

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

long xxgk_finding_page(const xxgk_findings *f, size_t i)
{
    const xfinding *x = at(f, i);
    return x ? (long)x->page : 0;
}
