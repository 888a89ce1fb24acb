/* SPDX-License-Identifier: MIT */
/* Wide CSV read: metadata lines, then the tables as printed (a heading line, header lines,
 * one line per row). Each table's lines become a grid that the one placer (grid_place.c)
 * reads. */
#include "csv.h"
#include "grid.h"
#include "match.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

const char *const xx_wide_keys[WK_COUNT] = { "模板", "年度", "机关", "标题", "前言" };

static int is_blank_record(const csvp *p)
{
    for (size_t k = 0; k < p->nf; k++)
        if (p->f[k].slen)
            return 0;
    return 1;
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

typedef struct wctx {
    csvp p;
    xxgk_report *r;
    const xxgk_template *tpl;
    const struct xxgk_parse_options *o;
    xg_placer pl;          /* once the report exists */
    unsigned char meta_seen[WK_COUNT + XX_MAX_SECTIONS];
    /* the current record's first field, normalized once (n0ok: non-empty and not too long);
     * raw0: that field as read, when short (nraw0 its length, else SIZE_MAX), so that a group
     * label repeated on every line is normalized once */
    char n0[XM_NORM_CAP];
    int n0ok;
    char raw0[256];
    size_t nraw0;
    /* what meta_key said of n0 (meta_ok), under template meta_t */
    int meta_ok, meta_k, meta_s;
    const xxgk_template *meta_t;
    /* the lines of the current table */
    const xt_table *tb;
    xx_grid g;
    /* where a spreadsheet shows each line of the grid: its row (a record, however many
     * lines its quoted fields span) */
    uint32_t *sheet_row;
    size_t cap_rows;
    long rec_row;          /* the current record's */
    long inner_lines;      /* line breaks inside the quoted fields of the records before it */
} wctx;

/* A value of the grid: spaces around a value typed by hand go; a quoted one is kept. The
 * cell remembers its spreadsheet place (D54) for messages. */
static int wide_value(xg_placer *pl, size_t id, const xx_grid *g, const xg_cell *c)
{
    const wctx *w = (const wctx *)(const void *)((const char *)pl - offsetof(wctx, pl));
    cfield f = { .off = (size_t)c->off, .line = c->line, .col = c->column };
    size_t n = c->len;
    const char *s = xg_text(g, c);
    if (!c->quoted)
        s = trim(s, &n);
    int rc = xx_csv_set_value(pl->r, id, &f, s, n);
    if (rc == 0 && c->row < w->cap_rows && c->col < UINT16_MAX)
        xx_set_grid(pl->r, id, w->sheet_row[c->row], (uint16_t)(c->col + 1));
    return rc;
}

/* Keep the current record as a line of the current table. */
static int grid_line(wctx *c)
{
    csvp *p = &c->p;
    uint32_t row = c->g.nrows;
    if (row >= c->cap_rows) {
        size_t cap = c->cap_rows ? c->cap_rows * 2 : 64;
        uint32_t *q = xx_realloc(c->sheet_row, cap * sizeof *q);
        if (!q)
            return xx_oom();
        c->sheet_row = q;
        c->cap_rows = cap;
    }
    c->sheet_row[row] = c->rec_row > 0 ? (uint32_t)c->rec_row : 0;
    for (size_t k = 0; k < p->nf; k++) {
        const cfield *f = &p->f[k];
        xg_src src = { .line = f->line, .column = f->col, .off = (long long)f->off, .quoted = f->quoted };
        if (k == 0 && c->n0ok)
            src.norm = c->n0;
        int rc = xg_put(&c->g, row, (uint32_t)k, f->s, f->slen, &src);
        if (rc)
            return rc;
    }
    return 0;
}

/* Normalize the current record's first field into c->n0, unless it is the one before. */
static void norm_first(wctx *c)
{
    const cfield *f = &c->p.f[0];
    if (f->slen == c->nraw0 && !memcmp(f->s, c->raw0, f->slen))
        return;
    c->n0ok = f->slen && xm_norm(c->n0, sizeof c->n0, f->s, f->slen) < sizeof c->n0;
    c->meta_ok = 0;
    c->nraw0 = f->slen < sizeof c->raw0 ? f->slen : SIZE_MAX;
    if (c->nraw0 != SIZE_MAX)
        memcpy(c->raw0, f->s, f->slen);
}

/* Place the lines of the current table. */
static int flush_table(wctx *c)
{
    if (!c->tb)
        return 0;
    int rc = xg_finish(&c->g);
    if (!rc)
        rc = xg_place(&c->pl, &c->g, c->tb);
    xg_reset(&c->g);
    c->tb = NULL;
    return rc;
}

/* The table whose heading line the record is (n0: its first field, normalized; NULL if
 * empty). */
static const xt_table *heading_line(const xxgk_template *t, const csvp *p, const char *n0)
{
    if (!n0)
        return NULL;
    for (size_t k = 1; k < p->nf; k++)
        if (p->f[k].slen)
            return NULL;
    int ti = xm_table(t, n0);
    return ti < 0 ? NULL : &t->tables[ti];
}

static int wide_create(wctx *c, size_t off)
{
    if (c->r)
        return 0;
    const xxgk_template *t = c->tpl ? c->tpl : c->o->tpl;
    if (!t)
        return xx_csv_err(&c->p, XXGK_ETEMPLATE, off, "expected '模板,2021' (or 2019) before the first table");
    int rc = xx_report_new_read(&c->r, t);
    if (rc)
        return rc;
    if ((rc = xg_placer_init(&c->pl, c->r, 1)) != 0)
        return rc;
    c->pl.set_value = wide_value;
    return 0;
}

/* Which metadata key (WK_*) or section heading the first field of the record names; 0 if
 * none. */
static int meta_key(wctx *c, int *key, int *sec)
{
    const char *x = c->n0;
    const xxgk_template *t = c->r ? c->r->t : c->tpl ? c->tpl : c->o->tpl;
    /* asked of every line of a table: the answer for the first field of the line before
     * (a group label repeated on every line) holds while the template is the same */
    if (!c->meta_ok || c->meta_t != t) {
        c->meta_k = c->meta_s = -1;
        for (int i = 0; c->n0ok && i < WK_COUNT; i++)
            if (!strcmp(x, xx_wide_keys[i]))
                c->meta_k = i;
        if (c->n0ok && c->meta_k < 0 && t)
            c->meta_s = xm_section(t, x);
        c->meta_ok = 1;
        c->meta_t = t;
    }
    *key = c->meta_k;
    *sec = c->meta_s;
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
    int rc;
    wctx c;
    memset(&c, 0, sizeof c);
    c.o = o;
    c.nraw0 = SIZE_MAX;
    xg_init(&c.g);
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
    while ((rc = xx_csv_next(p)) == 1) {
        /* the record's spreadsheet row, then the line breaks its quoted fields hold (an
         * unquoted field ends at a line break) */
        c.rec_row = p->rec_line - c.inner_lines;
        for (size_t k = 0; k < p->nf; k++) {
            const char *s = p->f[k].s, *e = s + p->f[k].slen;
            while (p->f[k].quoted && (s = memchr(s, '\n', (size_t)(e - s))) != NULL) {
                c.inner_lines++;
                s++;
            }
        }
        if (is_blank_record(p)) {
            /* in an inline table (表四), a line of exactly its cells, all empty, is its data
             * line printed blank: the placer reads it as such */
            if (c.tb && c.tb->inline_layout && p->nf == c.tb->ncells && (rc = grid_line(&c)) != 0)
                goto done;
            continue;
        }
        norm_first(&c);
        const char *n0 = c.n0ok ? c.n0 : NULL;
        const xxgk_template *t = c.r ? c.r->t : c.tpl ? c.tpl : o->tpl;
        if (!t && heading_line(xxgk_template_default(), p, n0)) {
            rc = xx_csv_err(p, XXGK_ETEMPLATE, p->f[0].off, "expected '模板,2021' (or 2019) before the first table");
            goto done;
        }
        const xt_table *nt = t ? heading_line(t, p, n0) : NULL;
        int key, sec;
        if (nt || (c.tb && n0 && meta_key(&c, &key, &sec) && key != WK_TEMPLATE)) {
            /* a table's lines end at the next heading, or at a section or metadata line (sections
             * 五 and 六 follow the tables in print) */
            if ((rc = flush_table(&c)) != 0)
                goto done;
        }
        if (nt) {
            if ((rc = wide_create(&c, p->f[0].off)) != 0)
                goto done;
            c.tb = nt;
            continue;
        }
        if (!c.tb) {
            if ((rc = wide_meta(&c)) != 0)
                goto done;
            continue;
        }
        if ((rc = grid_line(&c)) != 0)
            goto done;
    }
    if (rc < 0)
        goto done;
    if ((rc = flush_table(&c)) != 0)
        goto done;
    if ((rc = wide_create(&c, len)) != 0)
        goto done;
    /* a table left out of the file is not read: say so, as the text reader does */
    for (size_t i = 0; i < c.r->t->ntables && i < sizeof c.pl.tables_seen && !rc; i++)
        if (!c.pl.tables_seen[i])
            rc = xx_diagf(c.r, "READ.MISSING", XXGK_SEVERITY_WARNING, p->line, 1, NULL, "未找到表%s（%s）",
                          "table %s (%s) not found", c.r->t->tables[i].number, c.r->t->tables[i].heading);
done:
    xx_free(c.sheet_row);
    xg_free(&c.g);
    xg_placer_free(&c.pl);
    xx_csv_scanner_free(&c.p);
    if (rc) {
        xxgk_report_free(c.r);
        return rc;
    }
    *out = c.r;
    return 0;
}
