/* SPDX-License-Identifier: MIT */
/* Wide CSV read: the tables as printed (a heading line, header lines, one line per row),
 * matched through the template's normalized labels. */
#include "csv.h"
#include "normalize.h"

#include <stdio.h>
#include <string.h>

#define NORM_CAP 1024
const char *const xx_wide_keys[WK_COUNT] = { "模板", "年度", "机关", "标题", "前言" };

static int is_blank_record(const csvp *p)
{
    for (size_t k = 0; k < p->nf; k++)
        if (p->f[k].slen)
            return 0;
    return 1;
}

/* Normalize a label; 0 if it does not fit. */
static int norm_label(char *out, const char *s, size_t n)
{
    return xn_label(out, NORM_CAP, s, n) < NORM_CAP;
}

static const char *bare(const char *norm)
{
    return norm + xn_ordinal_len(norm);
}

/* How well the normalized label x (xb: without its ordinal) names row rw: 2 exactly, 1
 * without ordinals, 0 not. */
static int row_score(const xt_row *rw, const char *x, const char *xb)
{
    if (!strcmp(rw->norm, x))
        return 2;
    for (int a = 0; a < rw->naliases; a++)
        if (!strcmp(rw->aliases[a], x))
            return 2;
    if (!*xb)
        return 0;
    if (!strcmp(rw->norm_bare, xb))
        return 1;
    for (int a = 0; a < rw->naliases; a++)
        if (!strcmp(bare(rw->aliases[a]), xb))
            return 1;
    return 0;
}

static int is_ancestor(const xt_table *tb, int anc, int k)
{
    for (int q = tb->rows[k].parent; q >= 0; q = tb->rows[q].parent)
        if (q == anc)
            return 1;
    return 0;
}

/* The row of tb named by x, below `anc` when anc >= 0. -1 (none) or -2 (ambiguous). */
static int find_row(const xt_table *tb, const char *x, int anc)
{
    int best = 0, found = -1, ties = 0;
    const char *xb = bare(x);
    for (int k = 0; k < tb->nrows; k++) {
        if (anc >= 0 && !is_ancestor(tb, anc, k))
            continue;
        int s = row_score(&tb->rows[k], x, xb);
        if (s > best) {
            best = s;
            found = k;
            ties = 0;
        } else if (s && s == best) {
            ties++;
        }
    }
    return ties ? -2 : found;
}

static int col_match(const xt_col *c, const char *x)
{
    if (!strcmp(c->norm, x))
        return 1;
    const char *paren = strchr(c->norm, '(');
    size_t n = strlen(x);
    return paren && n && (size_t)(paren - c->norm) == n && !memcmp(c->norm, x, n);
}

static int is_col_label(const xt_table *tb, const char *x)
{
    for (int k = 0; k < tb->ncols; k++)
        if (col_match(&tb->cols[k], x))
            return 1;
    for (int k = 0; k < tb->nhdr; k++)
        if (!strcmp(tb->hdr[k].norm, x))
            return 1;
    return 0;
}

static const xt_table *find_table(const xxgk_template *t, const char *x)
{
    const char *xb = bare(x);
    for (size_t i = 0; i < t->ntables; i++) {
        const xt_table *tb = &t->tables[i];
        if (!strcmp(tb->norm, xb) || !strcmp(tb->norm, x))
            return tb;
        for (int a = 0; a < tb->naliases; a++)
            if (!strcmp(tb->aliases[a], xb) || !strcmp(tb->aliases[a], x))
                return tb;
    }
    return NULL;
}

/* The table whose heading the record is (n0: its first field, normalized; NULL if empty). */
static const xt_table *heading_line(const xxgk_template *t, const csvp *p, const char *n0)
{
    if (!n0)
        return NULL;
    for (size_t k = 1; k < p->nf; k++)
        if (p->f[k].slen)
            return NULL;
    return find_table(t, n0);
}

/* Trim ASCII spaces and tabs around a value typed by hand. */
static const char *trim(const char *s, size_t *n)
{
    while (*n && (*s == ' ' || *s == '\t'))
        s++, (*n)--;
    while (*n && (s[*n - 1] == ' ' || s[*n - 1] == '\t'))
        (*n)--;
    return s;
}

typedef struct hcell {
    char *norm;            /* NULL: empty */
    size_t off;
} hcell;

typedef struct wctx {
    csvp p;
    xxgk_report *r;
    const xxgk_template *tpl;
    const struct xxgk_parse_options *o;
    unsigned char *seen;   /* per cell */
    unsigned char meta_seen[WK_COUNT + XX_MAX_SECTIONS];
    /* the current record's first field, normalized once (n0ok: non-empty and not too long),
     * and the current table's corner text */
    char n0[NORM_CAP], corner[NORM_CAP];
    int n0ok;
    unsigned char tables_seen[64]; /* table i has its heading in the file */
    /* header lines of the current table: nh lines of width hw */
    hcell *h;
    size_t nh, hw, hcap;
} wctx;

static void h_clear(wctx *c)
{
    for (size_t k = 0; k < c->nh * c->hw; k++)
        xx_free(c->h[k].norm);
    c->nh = 0;
    c->hw = 0;
}

#define MAX_HEADER_LINES 8

/* Keep the current record as a header line. */
static int h_add(wctx *c)
{
    csvp *p = &c->p;
    if (c->nh == MAX_HEADER_LINES)
        return xx_csv_err(p, XXGK_ELIMIT, p->f[0].off, "more than %d header lines in a table", MAX_HEADER_LINES);
    size_t w = p->nf > c->hw ? p->nf : c->hw;
    size_t need = (c->nh + 1) * w;
    if (w != c->hw || need > c->hcap) {
        hcell *nh = xx_calloc(need, sizeof *nh);
        if (!nh)
            return xx_oom();
        for (size_t l = 0; l < c->nh; l++)
            for (size_t k = 0; k < c->hw; k++)
                nh[l * w + k] = c->h[l * c->hw + k];
        xx_free(c->h);
        c->h = nh;
        c->hcap = need;
        c->hw = w;
    }
    hcell *line = &c->h[c->nh * w];
    memset(line, 0, w * sizeof *line);
    c->nh++;
    for (size_t k = 0; k < p->nf; k++) {
        line[k].off = p->f[k].off;
        if (!p->f[k].slen)
            continue;
        char x[NORM_CAP];
        if (!norm_label(x, p->f[k].s, p->f[k].slen))
            return xx_csv_err(p, XXGK_ESCHEMA, p->f[k].off, "label too long");
        line[k].norm = xx_strdup(x);
        if (!line[k].norm)
            return xx_oom();
    }
    return 0;
}

static int mark_cell(wctx *c, size_t id, const cfield *f)
{
    if (c->seen[id])
        return xx_csv_errp(&c->p, XXGK_ESCHEMA, f->off, c->r->t->cells[id].path, "cell '%s' is given twice",
                       c->r->t->cells[id].path);
    c->seen[id] = 1;
    return 0;
}

static int wide_value(wctx *c, size_t id, const cfield *f)
{
    int rc = mark_cell(c, id, f);
    if (rc)
        return rc;
    size_t n = f->slen;
    /* spaces around a value typed by hand go; a quoted value is kept as written */
    const char *s = f->quoted ? f->s : trim(f->s, &n);
    return xx_csv_set_value(&c->p, c->r, id, f, s, n);
}

static void list_cols(char *out, size_t cap, const xt_table *tb, const xt_block *bk)
{
    size_t len = 0;
    out[0] = '\0';
    for (int k = 0; k < bk->ncols && len + 4 < cap; k++) {
        int n = snprintf(out + len, cap - len, "%s%s", k ? ", " : "", tb->cols[bk->first_col + k].label);
        if (n < 0 || (size_t)n >= cap - len)
            break;
        len += (size_t)n;
    }
}

/* The column of row rw that the header label h names. */
static int header_col(wctx *c, const xt_table *tb, const xt_row *rw, const hcell *h, int *col)
{
    const xt_block *bk = &tb->blocks[rw->block];
    for (int k = 0; k < bk->ncols; k++)
        if (col_match(&tb->cols[bk->first_col + k], h->norm)) {
            *col = k;
            return 0;
        }
    char exp[512];
    list_cols(exp, sizeof exp, tb, bk);
    return xx_csv_err(&c->p, XXGK_ESCHEMA, h->off, "column '%s' is not a column of row '%s' (expected %s)", h->norm,
                  rw->label, exp);
}

/* A data line of a table printed with row labels in its first L columns. */
static int wide_row(wctx *c, const xt_table *tb, int L)
{
    csvp *p = &c->p;
    char x[NORM_CAP];
    int row = -1, last = -1;
    for (int k = 0; k < L && (size_t)k < p->nf; k++)
        if (p->f[k].slen)
            last = k;
    if (last < 0)
        return xx_csv_err(p, XXGK_ESCHEMA, p->f[0].off, "expected a row label of table %s in the first %d column%s",
                      tb->number, L, L > 1 ? "s" : "");
    for (int k = 0; k <= last; k++) {
        if (!p->f[k].slen)
            continue;
        if (!norm_label(x, p->f[k].s, p->f[k].slen))
            return xx_csv_err(p, XXGK_ESCHEMA, p->f[k].off, "label too long");
        int found = find_row(tb, x, row);
        if (found == -2)
            return xx_csv_err(p, XXGK_EAMBIGUOUS, p->f[k].off, "row label '%s' matches several rows of table %s",
                          p->f[k].s, tb->number);
        if (found < 0 && row >= 0)
            return xx_csv_err(p, XXGK_ESCHEMA, p->f[k].off, "unknown row label '%s' under '%s' in table %s", p->f[k].s,
                          tb->rows[row].label, tb->number);
        if (found < 0)
            return xx_csv_err(p, XXGK_ESCHEMA, p->f[k].off, "unknown row label '%s' in table %s", p->f[k].s, tb->number);
        row = found;
    }
    const xt_row *rw = &tb->rows[row];
    if (!(rw->flags & XT_ROW_CELLS) || rw->first_cell < 0)
        return xx_csv_err(p, XXGK_ESCHEMA, p->f[last].off, "row '%s' has no cells of its own: give its sub-rows",
                      p->f[last].s);
    const xt_block *bk = &tb->blocks[rw->block];
    for (size_t j = (size_t)L; j < p->nf; j++) {
        const cfield *f = &p->f[j];
        /* the deepest header label above column j */
        const hcell *hl = NULL;
        for (size_t l = 0; l < c->nh; l++)
            if (j < c->hw && c->h[l * c->hw + j].norm)
                hl = &c->h[l * c->hw + j];
        int col = -1;
        if (c->nh) {
            if (!hl) {
                if (!f->slen)
                    continue;
                return xx_csv_err(p, XXGK_ESCHEMA, f->off, "value '%s' in a column without a column label", f->s);
            }
            int rc = header_col(c, tb, rw, hl, &col);
            if (rc)
                return rc;
        } else {
            if (j - (size_t)L >= bk->ncols) {
                if (!f->slen)
                    continue;
                return xx_csv_err(p, XXGK_ESCHEMA, f->off, "unexpected value '%s': row '%s' has %d column%s", f->s,
                              rw->label, bk->ncols, bk->ncols > 1 ? "s" : "");
            }
            col = (int)(j - (size_t)L);
        }
        int rc = wide_value(c, (size_t)rw->first_cell + (size_t)col, f);
        if (rc)
            return rc;
    }
    return 0;
}

/* Are the non-empty fields of the record row or column labels of tb: 1 all of them, 0 none,
 * -1 some (*bad: the first that is not). */
static int all_labels(const xt_table *tb, const csvp *p, size_t *bad)
{
    char x[NORM_CAP];
    int labels = 0, others = 0;
    for (size_t k = 0; k < p->nf; k++) {
        if (!p->f[k].slen)
            continue;
        if (norm_label(x, p->f[k].s, p->f[k].slen) && (is_col_label(tb, x) || find_row(tb, x, -1) != -1)) {
            labels++;
        } else if (!others++) {
            *bad = k;
        }
    }
    return !labels ? 0 : others ? -1 : 1;
}

/* The data line of an inline table (rows side by side under row-label header lines and a
 * line of column labels). */
static int wide_inline(wctx *c, const xt_table *tb)
{
    csvp *p = &c->p;
    if (c->nh < 2)
        return xx_csv_err(p, XXGK_ESCHEMA, p->f[0].off, "expected row labels and column labels above the data of "
                      "table %s", tb->number);
    size_t last = c->nh - 1;
    /* a row label carries to the right until the next label on its line */
    const hcell *carry[MAX_HEADER_LINES] = { 0 };
    int carry_row[MAX_HEADER_LINES];
    for (size_t j = 0; j < p->nf; j++) {
        const cfield *f = &p->f[j];
        int row = -1;
        const hcell *rowlab = NULL;
        for (size_t l = 0; l < last; l++) {
            const hcell *hc = j < c->hw ? &c->h[l * c->hw + j] : NULL;
            if (hc && hc->norm) {
                int found = find_row(tb, hc->norm, -1);
                if (found < 0) {
                    long line, cl;
                    xx_position(p->buf, p->len, hc->off, &line, &cl);
                    return xx_error(found == -2 ? XXGK_EAMBIGUOUS : XXGK_ESCHEMA, line, cl, (long long)hc->off,
                                    NULL, found == -2 ? "row label '%s' matches several rows of table %s"
                                                      : "unknown row label '%s' in table %s",
                                    hc->norm, tb->number);
                }
                carry[l] = hc;
                carry_row[l] = found;
            }
            if (!carry[l])
                continue;
            int found = carry_row[l];
            if (row >= 0 && !is_ancestor(tb, row, found)) {
                long line, cl;
                xx_position(p->buf, p->len, carry[l]->off, &line, &cl);
                return xx_error(XXGK_ESCHEMA, line, cl, (long long)carry[l]->off, NULL,
                                "row label '%s' does not belong under '%s'",
                                tb->rows[found].label, tb->rows[row].label);
            }
            row = found;
            rowlab = carry[l];
        }
        const hcell *cl = j < c->hw ? &c->h[last * c->hw + j] : NULL;
        if (!cl || !cl->norm || row < 0) {
            if (!f->slen)
                continue;
            return xx_csv_err(p, XXGK_ESCHEMA, f->off, "value '%s' in a column without %s label", f->s,
                          row < 0 ? "a row" : "a column");
        }
        const xt_row *rw = &tb->rows[row];
        if (!(rw->flags & XT_ROW_CELLS) || rw->first_cell < 0) {
            long line, co;
            xx_position(p->buf, p->len, rowlab->off, &line, &co);
            return xx_error(XXGK_ESCHEMA, line, co, (long long)rowlab->off, NULL,
                            "'%s' has no cells of its own: give its sub-rows", rw->label);
        }
        int col, rc = header_col(c, tb, rw, cl, &col);
        if (rc)
            return rc;
        rc = wide_value(c, (size_t)rw->first_cell + (size_t)col, f);
        if (rc)
            return rc;
    }
    return 0;
}

static int wide_create(wctx *c, size_t off)
{
    if (c->r)
        return 0;
    const xxgk_template *t = c->tpl ? c->tpl : c->o->tpl;
    if (!t)
        return xx_csv_err(&c->p, XXGK_ETEMPLATE, off, "expected '模板,2021' (or 2019) before the first table");
    int rc = xxgk_report_new(&c->r, t);
    if (rc)
        return rc;
    c->seen = xx_calloc(t->ncells_all, 1);
    return c->seen ? 0 : xx_oom();
}

/* Which metadata key (WK_*) or section heading the first field of the record names; 0 if
 * none. */
static int meta_key(const wctx *c, int *key, int *sec)
{
    const char *x = c->n0;
    *key = *sec = -1;
    if (!c->n0ok)
        return 0;
    for (int i = 0; i < WK_COUNT; i++)
        if (!strcmp(x, xx_wide_keys[i]))
            *key = i;
    const xxgk_template *t = c->r ? c->r->t : c->tpl ? c->tpl : c->o->tpl;
    if (*key < 0 && t) {
        for (size_t i = 0; i < t->nsections && *sec < 0; i++) {
            const xt_section *s = &t->sections[i];
            if (s->norm[0] && (!strcmp(s->norm, bare(x)) || !strcmp(s->norm, x)))
                *sec = (int)i;
            for (int a = 0; a < s->naliases; a++)
                if (!strcmp(s->aliases[a], bare(x)) || !strcmp(s->aliases[a], x))
                    *sec = (int)i;
        }
    }
    return *key >= 0 || *sec >= 0;
}

static int wide_meta(wctx *c)
{
    csvp *p = &c->p;
    const cfield *k = &p->f[0];
    int key, sec;
    if (!meta_key(c, &key, &sec))
        return xx_csv_err(p, XXGK_ESCHEMA, k->off,
                      "unknown line '%s' (expected 模板, 年度, 机关, 标题, 前言, a section heading or a table "
                      "heading)", k->s);
    for (size_t i = 2; i < p->nf; i++)
        if (p->f[i].slen)
            return xx_csv_err(p, XXGK_ESCHEMA, p->f[i].off, "unexpected third field after '%s'", k->s);
    cfield none = { .off = k->off + k->slen, .line = k->line, .col = k->col, .s = "" };
    const cfield *v = p->nf > 1 ? &p->f[1] : &none;
    if (key == WK_TEMPLATE) {
        const xxgk_template *nt = xxgk_template_get(v->s);
        if (!nt)
            return xx_csv_err(p, XXGK_ESCHEMA, p->nf > 1 ? v->off : k->off, "unknown template '%s' (known: 2019, 2021)",
                          v->s);
        if (c->meta_seen[WK_TEMPLATE] || c->r)
            return xx_csv_err(p, XXGK_ESCHEMA, k->off, "模板 must come once, before everything else");
        if (c->o->tpl && c->o->tpl != nt)
            return xx_csv_err(p, XXGK_ETEMPLATE, v->off, "template '%s' is not the required '%s'", v->s, c->o->tpl->id);
        c->tpl = nt;
        c->meta_seen[WK_TEMPLATE] = 1;
        return 0;
    }
    if (!c->r && !c->tpl && !c->o->tpl)
        return xx_csv_err(p, XXGK_ETEMPLATE, k->off, "expected '模板,2021' (or 2019) before '%s'", k->s);
    int rc = wide_create(c, k->off);
    if (rc)
        return rc;
    if (key == WK_PREAMBLE) {
        /* the section printed without a heading */
        for (size_t i = 0; i < c->r->t->nsections && sec < 0; i++)
            if (!c->r->t->sections[i].heading[0])
                sec = (int)i;
        if (sec < 0)
            return xx_csv_err(p, XXGK_ESCHEMA, k->off, "template %s has no preamble", c->r->t->id);
    }
    size_t slot = sec >= 0 ? WK_COUNT + (size_t)sec : (size_t)key;
    if (c->meta_seen[slot])
        return xx_csv_err(p, XXGK_ESCHEMA, k->off, "'%s' is given twice", k->s);
    c->meta_seen[slot] = 1;
    if (key == WK_YEAR) {
        size_t n = v->slen;
        const char *s = trim(v->s, &n);
        return xx_csv_set_year(p, c->r, v, s, n);
    }
    char **field = key == WK_AGENCY ? &c->r->agency : key == WK_TITLE ? &c->r->title : &c->r->sections[sec];
    return xx_set_string(field, v->s, v->slen);
}

int xx_csv_wide_read(xxgk_report **out, const char *buf, size_t len, const struct xxgk_parse_options *o)
{
    *out = NULL;
    int rc = xx_csv_check_utf8(buf, len);
    if (rc)
        return rc;
    wctx c;
    memset(&c, 0, sizeof c);
    c.o = o;
    xx_csv_init(&c.p, buf, len, o->max_line);
    csvp *p = &c.p;
    rc = xx_csv_next(p);
    if (rc <= 0) {
        if (rc == 0)
            rc = xx_error(XXGK_EEMPTY, 1, 1, 0, NULL, "empty input: expected the first line 'xxgk,1'");
        goto done;
    }
    if (p->nf < 2 || strcmp(p->f[0].s, "xxgk") != 0 || strcmp(p->f[1].s, "1") != 0) {
        rc = xx_csv_err(p, XXGK_ESCHEMA, p->f[0].off, "expected the first line 'xxgk,1' (a wide xxgk CSV, version 1)");
        goto done;
    }
    for (size_t k = 2; k < p->nf; k++)
        if (p->f[k].slen) {
            rc = xx_csv_err(p, XXGK_ESCHEMA, p->f[k].off, "expected nothing after 'xxgk,1'");
            goto done;
        }
    const xt_table *tb = NULL;
    int L = 0, data_done = 0, in_header = 0;
    while ((rc = xx_csv_next(p)) == 1) {
        if (is_blank_record(p))
            continue;
        c.n0ok = p->f[0].slen && norm_label(c.n0, p->f[0].s, p->f[0].slen);
        const char *n0 = c.n0ok ? c.n0 : NULL;
        const xxgk_template *t = c.r ? c.r->t : c.tpl ? c.tpl : o->tpl;
        if (!t && heading_line(xxgk_template_default(), p, n0)) {
            rc = xx_csv_err(p, XXGK_ETEMPLATE, p->f[0].off, "expected '模板,2021' (or 2019) before the first table");
            goto done;
        }
        const xt_table *nt = t ? heading_line(t, p, n0) : NULL;
        if (nt) {
            if ((rc = wide_create(&c, p->f[0].off)) != 0)
                goto done;
            tb = nt;
            if (tb - c.r->t->tables < (ptrdiff_t)sizeof c.tables_seen)
                c.tables_seen[tb - c.r->t->tables] = 1;
            L = tb->inline_layout ? 0 : xx_table_label_depth(tb);
            if (!norm_label(c.corner, tb->corner, strlen(tb->corner)))
                c.corner[0] = '\0';
            h_clear(&c);
            data_done = 0;
            in_header = 0;
            continue;
        }
        if (!tb) {
            if ((rc = wide_meta(&c)) != 0)
                goto done;
            continue;
        }
        int key, sec;
        if (n0 && meta_key(&c, &key, &sec) && key != WK_TEMPLATE) {
            /* a section or metadata line after the tables (sections 五 and 六 follow them in print) */
            if ((rc = wide_meta(&c)) != 0)
                goto done;
            tb = NULL;
            continue;
        }
        char x[NORM_CAP];
        if (tb->inline_layout) {
            if (data_done) {
                rc = xx_csv_err(p, XXGK_ESCHEMA, p->f[0].off, "unexpected line after the data of table %s (expected a "
                            "table heading)", tb->number);
                goto done;
            }
            size_t bad = 0;
            int kind = all_labels(tb, p, &bad);
            if (kind < 0) {
                rc = xx_csv_err(p, XXGK_ESCHEMA, p->f[bad].off, "unknown label '%s' in the header of table %s",
                            p->f[bad].s, tb->number);
                goto done;
            }
            if (kind > 0) {
                if ((rc = h_add(&c)) != 0)
                    goto done;
                continue;
            }
            if ((rc = wide_inline(&c, tb)) != 0)
                goto done;
            data_done = 1;
            continue;
        }
        /* a block caption */
        if (n0) {
            int caption = -1;
            for (int k = 0; k < tb->nblocks; k++)
                if (tb->blocks[k].norm[0] && !strcmp(tb->blocks[k].norm, n0))
                    caption = k;
            int rest = 0;
            for (size_t k = 1; k < p->nf; k++)
                rest |= p->f[k].slen != 0;
            if (caption >= 0 && !rest) {
                h_clear(&c);
                in_header = 0;
                continue;
            }
        }
        /* a header line: the corner in the first column, or empty label columns */
        int header = 1;
        if (p->f[0].slen) {
            header = n0 && c.corner[0] && !strcmp(n0, c.corner);
        } else {
            for (int k = 1; k < L && (size_t)k < p->nf; k++)
                if (p->f[k].slen)
                    header = 0;
        }
        if (header) {
            if (!in_header)
                h_clear(&c);
            in_header = 1;
            for (size_t k = (size_t)L; k < p->nf; k++) {
                if (!p->f[k].slen)
                    continue;
                if (!norm_label(x, p->f[k].s, p->f[k].slen) || !is_col_label(tb, x)) {
                    rc = xx_csv_err(p, XXGK_ESCHEMA, p->f[k].off, "unknown column label '%s' in table %s", p->f[k].s,
                                tb->number);
                    goto done;
                }
            }
            if ((rc = h_add(&c)) != 0)
                goto done;
            continue;
        }
        in_header = 0;
        if ((rc = wide_row(&c, tb, L)) != 0)
            goto done;
    }
    if (rc < 0)
        goto done;
    if ((rc = wide_create(&c, len)) != 0)
        goto done;
    /* a table left out of the file is blank: say so, as the text reader does */
    for (size_t i = 0; i < c.r->t->ntables && i < sizeof c.tables_seen && !rc; i++)
        if (!c.tables_seen[i])
            rc = xx_diagf(c.r, "READ.MISSING", XXGK_SEVERITY_WARNING, p->line, 1, NULL, "未找到表%s（%s）",
                          "table %s (%s) not found", c.r->t->tables[i].number, c.r->t->tables[i].heading);
done:
    h_clear(&c);
    xx_free(c.h);
    xx_free(c.seen);
    xx_csv_scanner_free(&c.p);
    if (rc) {
        xxgk_report_free(c.r);
        return rc;
    }
    *out = c.r;
    return 0;
}
