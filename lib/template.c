/* SPDX-License-Identifier: MIT */
/* The public face of the compiled templates (lib/templates/NAME.tpl). */
#include "internal.h"
#include "normalize.h"

#include <stdint.h>
#include <string.h>

size_t xxgk_template_count(void) { return xt_ntemplates; }

const xxgk_template *xxgk_template_at(size_t i)
{
    return i < xt_ntemplates ? xt_templates[i] : NULL;
}

const xxgk_template *xxgk_template_get(const char *id)
{
    if (!id)
        return NULL;
    for (size_t i = 0; i < xt_ntemplates; i++)
        if (strcmp(xt_templates[i]->id, id) == 0)
            return xt_templates[i];
    return NULL;
}

const xxgk_template *xxgk_template_default(void)
{
    const xxgk_template *best = xt_templates[0];
    for (size_t i = 1; i < xt_ntemplates; i++)
        if (xt_templates[i]->first_year > best->first_year)
            best = xt_templates[i];
    return best;
}

const char *xxgk_template_id(const xxgk_template *t) { return t ? t->id : NULL; }
const char *xxgk_template_name(const xxgk_template *t) { return t ? t->name : NULL; }
int xxgk_template_first_year(const xxgk_template *t) { return t ? t->first_year : 0; }
size_t xxgk_template_cell_count(const xxgk_template *t) { return t ? t->ncells : 0; }
size_t xxgk_template_cell_count_all(const xxgk_template *t) { return t ? t->ncells_all : 0; }

/* s decoded into at most cap code points; SIZE_MAX when longer or not UTF-8. */
static size_t code_points(const char *s, uint32_t *out, size_t cap)
{
    size_t n = 0, len = strlen(s);
    for (size_t i = 0; i < len;) {
        size_t adv;
        int32_t c = xn_utf8_decode((const unsigned char *)s + i, len - i, &adv);
        if (c < 0 || n == cap)
            return SIZE_MAX;
        out[n++] = (uint32_t)c;
        i += adv;
    }
    return n;
}

void xx_nearest_init(xx_nearest *n, const char *what)
{
    n->nw = code_points(what ? what : "", n->w, sizeof n->w / sizeof n->w[0]);
    n->best = NULL;
    n->dist = SIZE_MAX;
}

void xx_nearest_try(xx_nearest *n, const char *cand, const char *shown)
{
    uint32_t c[64];
    size_t nc = code_points(cand, c, 64);
    if (n->nw == SIZE_MAX || nc == SIZE_MAX)
        return;
    size_t longer = n->nw > nc ? n->nw : nc, limit = longer / 3 ? longer / 3 : 1;
    if ((n->nw > nc ? n->nw - nc : nc - n->nw) > limit)
        return;
    /* edit distance with adjacent transpositions (nwe -> new is one slip), by rows */
    size_t rows[3][65], *pp = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= nc; j++)
        prev[j] = j;
    for (size_t i = 1; i <= n->nw; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= nc; j++) {
            size_t best = prev[j - 1] + (n->w[i - 1] != c[j - 1]);
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            if (i > 1 && j > 1 && n->w[i - 1] == c[j - 2] && n->w[i - 2] == c[j - 1] && pp[j - 2] + 1 < best)
                best = pp[j - 2] + 1;
            cur[j] = best;
        }
        size_t *t = pp;
        pp = prev;
        prev = cur;
        cur = t;
    }
    size_t d = prev[nc];
    if (d > 0 && d <= limit && d < n->dist) {
        n->dist = d;
        n->best = shown;
    }
}

const char *xx_nearest_best(const xx_nearest *n) { return n->best; }

const xt_list *xx_list(const xxgk_template *t, const char *name)
{
    for (size_t i = 0; i < t->nlists; i++)
        if (!strcmp(t->lists[i].name, name))
            return &t->lists[i];
    return NULL;
}

const xt_cell *xx_cell(const xxgk_template *t, size_t id)
{
    return t && id < t->ncells_all ? &t->cells[id] : NULL;
}

const char *xxgk_template_cell_path(const xxgk_template *t, size_t id)
{
    const xt_cell *c = xx_cell(t, id);
    return c ? c->path : NULL;
}

const char *xxgk_template_cell_label(const xxgk_template *t, size_t id)
{
    const xt_cell *c = xx_cell(t, id);
    return c ? c->label : NULL;
}

const char *xxgk_template_cell_label_en(const xxgk_template *t, size_t id)
{
    const xt_cell *c = xx_cell(t, id);
    return c ? c->label_en : NULL;
}

const char *xxgk_template_cell_unit(const xxgk_template *t, size_t id)
{
    const xt_cell *c = xx_cell(t, id);
    return c ? t->tables[c->table].cols[c->col].unit : NULL;
}

int xxgk_template_cell_kind(const xxgk_template *t, size_t id)
{
    const xt_cell *c = xx_cell(t, id);
    return c ? c->kind : 0;
}

unsigned xxgk_template_cell_flags(const xxgk_template *t, size_t id)
{
    const xt_cell *c = xx_cell(t, id);
    return c ? c->flags : 0u;
}

int xx_lookup(const xxgk_template *t, const char *path, size_t *id)
{
    size_t lo = 0, hi = t->ncells_all;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(t->cells[t->by_path[mid]].path, path);
        if (c == 0) {
            *id = t->by_path[mid];
            return 0;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

int xxgk_template_lookup(size_t *id, const xxgk_template *t, const char *path)
{
    if (!id || !t || !path)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "template and path are required");
    if (xx_lookup(t, path, id) == 0)
        return 0;
    return xx_error(XXGK_ENOTFOUND, 0, 0, -1, path, "%s: no such cell in template %s", path, t->id);
}

size_t xxgk_template_table_count(const xxgk_template *t) { return t ? t->ntables : 0; }

static const xt_table *table_at(const xxgk_template *t, size_t i)
{
    return t && i < t->ntables ? &t->tables[i] : NULL;
}

const char *xxgk_template_table_code(const xxgk_template *t, size_t i)
{
    const xt_table *tb = table_at(t, i);
    return tb ? tb->code : NULL;
}

const char *xxgk_template_table_number(const xxgk_template *t, size_t i)
{
    const xt_table *tb = table_at(t, i);
    return tb ? tb->number : NULL;
}

const char *xxgk_template_table_heading(const xxgk_template *t, size_t i)
{
    const xt_table *tb = table_at(t, i);
    return tb ? tb->heading : NULL;
}

const char *xxgk_template_table_heading_en(const xxgk_template *t, size_t i)
{
    const xt_table *tb = table_at(t, i);
    return tb ? tb->heading_en : NULL;
}

size_t xxgk_template_table_first_cell(const xxgk_template *t, size_t i)
{
    const xt_table *tb = table_at(t, i);
    return tb ? tb->first_cell : 0;
}

size_t xxgk_template_table_cell_count(const xxgk_template *t, size_t i)
{
    const xt_table *tb = table_at(t, i);
    return tb ? tb->ncells : 0;
}

size_t xxgk_template_section_count(const xxgk_template *t) { return t ? t->nsections : 0; }

const char *xxgk_template_section_code(const xxgk_template *t, size_t i)
{
    return t && i < t->nsections ? t->sections[i].code : NULL;
}

const char *xxgk_template_section_heading(const xxgk_template *t, size_t i)
{
    return t && i < t->nsections ? t->sections[i].heading : NULL;
}

const char *xxgk_template_section_heading_en(const xxgk_template *t, size_t i)
{
    return t && i < t->nsections ? t->sections[i].heading_en : NULL;
}

int xx_table_label_depth(const xt_table *tb)
{
    int d = 0;
    for (int k = 0; k < tb->nrows; k++)
        if (tb->rows[k].depth > d)
            d = tb->rows[k].depth;
    return d + 1;
}

int xx_section_index(const xxgk_template *t, const char *code)
{
    if (!code)
        return -1;
    for (size_t i = 0; i < t->nsections; i++)
        if (strcmp(t->sections[i].code, code) == 0)
            return (int)i;
    return -1;
}

const char *xxgk_severity_name(int severity)
{
    switch (severity) {
    case XXGK_SEVERITY_INFO: return "info";
    case XXGK_SEVERITY_WARNING: return "warning";
    case XXGK_SEVERITY_ERROR: return "error";
    default: return NULL;
    }
}

static const xt_rule *rule_at(const xxgk_template *t, size_t i)
{
    return t && i < t->nrules ? &t->rules[i] : NULL;
}

size_t xxgk_template_rule_count(const xxgk_template *t) { return t ? t->nrules : 0; }

const char *xxgk_template_rule_id(const xxgk_template *t, size_t i)
{
    const xt_rule *r = rule_at(t, i);
    return r ? r->id : NULL;
}

int xxgk_template_rule_severity(const xxgk_template *t, size_t i)
{
    const xt_rule *r = rule_at(t, i);
    return r ? r->severity : 0;
}

const char *xxgk_template_rule_description(const xxgk_template *t, size_t i)
{
    const xt_rule *r = rule_at(t, i);
    return r ? r->desc : NULL;
}

const char *xxgk_template_rule_description_en(const xxgk_template *t, size_t i)
{
    const xt_rule *r = rule_at(t, i);
    return r ? r->desc_en : NULL;
}

const char *xxgk_template_rule_scope(const xxgk_template *t, size_t i)
{
    const xt_rule *r = rule_at(t, i);
    return r ? r->scope : NULL;
}

size_t xxgk_template_rule_cell_count(const xxgk_template *t, size_t i)
{
    const xt_rule *r = rule_at(t, i);
    return r ? r->nterms : 0;
}

static const xt_term *term_at(const xxgk_template *t, size_t i, size_t j)
{
    const xt_rule *r = rule_at(t, i);
    return r && j < r->nterms ? &t->terms[r->first_term + j] : NULL;
}

const char *xxgk_template_rule_cell(const xxgk_template *t, size_t i, size_t j)
{
    const xt_term *tm = term_at(t, i, j);
    return tm ? t->cells[tm->cell].path : NULL;
}

int xxgk_template_rule_coefficient(const xxgk_template *t, size_t i, size_t j)
{
    const xt_term *tm = term_at(t, i, j);
    return tm ? tm->coef : 0;
}

int xxgk_template_rule_cell_previous(const xxgk_template *t, size_t i, size_t j)
{
    const xt_term *tm = term_at(t, i, j);
    return tm ? tm->prev : 0;
}

int xxgk_template_rule_relation(const xxgk_template *t, size_t i)
{
    const xt_rule *r = rule_at(t, i);
    if (!r)
        return 0;
    switch (r->kind) {
    case XT_RULE_LINEAR:
    case XT_RULE_YOY: return XXGK_RELATION_EQUAL;
    case XT_RULE_ATLEAST: return XXGK_RELATION_AT_LEAST;
    case XT_RULE_NONNEG:
    case XT_RULE_AMOUNT: return XXGK_RELATION_EACH_NONNEGATIVE;
    default: return XXGK_RELATION_NONE;
    }
}

const char *xxgk_relation_name(int relation)
{
    static const char *const names[] = { NULL, "equal", "at_least", "each_nonnegative", "none" };
    return relation >= 1 && relation <= XXGK_RELATION_NONE ? names[relation] : NULL;
}

static const char *const format_names[] = { "auto", "json", "csv", "csv-wide", "text", "markdown", "html",
                                            "pdftext" };

int xxgk_format_from_name(int *format, const char *name)
{
    if (!format || !name)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "format and name are required");
    for (int i = 0; i < (int)(sizeof format_names / sizeof format_names[0]); i++)
        if (strcmp(format_names[i], name) == 0) {
            *format = i;
            return 0;
        }
    if (strcmp(name, "txt") == 0) { *format = XXGK_FORMAT_TEXT; return 0; }
    if (strcmp(name, "md") == 0) { *format = XXGK_FORMAT_MARKDOWN; return 0; }
    return xx_error(XXGK_ENOTFOUND, 0, 0, -1, NULL,
                    "unknown format '%s' (expected json, csv, csv-wide, text, markdown, html or pdftext)", name);
}

const char *xxgk_format_name(int format)
{
    if (format < 0 || format >= (int)(sizeof format_names / sizeof format_names[0]))
        return NULL;
    return format_names[format];
}
