/* SPDX-License-Identifier: MIT */
/* HTML reader: a web page (as saved from a browser, a piece of one, or one inside a
 * JavaScript string) into a report. The page becomes a flow of paragraphs and tables
 * (html_dom.c); the report is what its headings, title and tables say:
 * - each table is a grid read by the one placer (grid_place.c), under the table heading
 *   before it when its labels are that table's, else as the table its row labels name;
 * - the article is the smallest element holding every heading and every table read, so the
 *   site's menus and footers around it are not narrative;
 * - the title is the page's ArticleTitle metadata, else its first paragraph that reads as a
 *   title, else its <title>; the narrative is the article's paragraphs under each section
 *   heading, the preamble those before the first heading.
 * Values are read as published (value.c); what cannot be placed stays blank, with a
 * diagnostic. */
#include "html_read.h"
#include "match.h"
#include "normalize.h"
#include "title.h"
#include "value.h"

#include <stdio.h>
#include <string.h>

/* A heading is a short paragraph, and so is a title. */
#define HEADING_MAX 160
#define TITLE_MAX 240

enum { ROLE_NONE, ROLE_SECTION, ROLE_TABLE, ROLE_GRID };

typedef struct hctx {
    hflow f;
    const struct xxgk_parse_options *o;
    xxgk_report *r;
    xg_placer pl;
    uint8_t *role;           /* per block */
    int16_t *which;          /* per block: the section or table it heads */
    const void *article;     /* the element holding the report */
} hctx;

static const char *btext(const hctx *c, const hblock *b)
{
    return c->f.text.p + b->text;
}

/* ---- raw input ---- */

int xx_html_markup(const char *s, size_t n)
{
    /* run on every text input and each of its lines: memchr finds the next '<' */
    for (size_t i = 0; i + 3 < n; i++) {
        const char *lt = memchr(s + i, '<', n - 3 - i);
        if (!lt)
            break;
        i = (size_t)(lt - s);
        const char *p = s + i + 1;
        size_t m = n - i - 1;
        if (m >= 6 && !strncmp(p, "table", 5) && (p[5] == '>' || p[5] == ' ' || p[5] == '\n'))
            return (int)i + 1;
        if (m >= 6 && !strncmp(p, "TABLE", 5) && (p[5] == '>' || p[5] == ' ' || p[5] == '\n'))
            return (int)i + 1;
        if ((p[0] == 't' || p[0] == 'T') && (p[1] == 'r' || p[1] == 'd' || p[1] == 'R' || p[1] == 'D') &&
            (p[2] == '>' || p[2] == ' '))
            return (int)i + 1;
    }
    return 0;
}

static int lower(int ch)
{
    return ch >= 'A' && ch <= 'Z' ? ch + 32 : ch;
}

static const char *find_ci(const char *s, const char *end, const char *word)
{
    size_t k = strlen(word);
    for (; s + k <= end; s++) {
        size_t j = 0;
        while (j < k && lower((unsigned char)s[j]) == word[j])
            j++;
        if (j == k)
            return s;
    }
    return NULL;
}

void xx_html_charset(const char *buf, size_t len, char *out, size_t cap)
{
    const char *end = buf + (len < 4096 ? len : 4096);
    out[0] = '\0';
    for (const char *m = buf; (m = find_ci(m, end, "<meta")) != NULL; m += 5) {
        const char *close = memchr(m, '>', (size_t)(end - m));
        const char *tag_end = close ? close : end;
        const char *cs = find_ci(m, tag_end, "charset");
        if (!cs)
            continue;
        cs += 7;
        while (cs < tag_end && (*cs == ' ' || *cs == '='))
            cs++;
        while (cs < tag_end && (*cs == '"' || *cs == '\'' || *cs == '\\'))
            cs++;
        size_t k = 0;
        while (cs < tag_end && k + 1 < cap &&
               ((*cs >= 'a' && *cs <= 'z') || (*cs >= 'A' && *cs <= 'Z') || (*cs >= '0' && *cs <= '9') ||
                *cs == '-' || *cs == '_' || *cs == '.' || *cs == ':'))
            out[k++] = (char)lower((unsigned char)*cs++);
        out[k] = '\0';
        if (k)
            return;
    }
}

/* A page inside a JavaScript string: its markup has escaped quotes (<td colspan=\"3\">). */
static int js_escaped(const char *s, size_t n)
{
    int hits = 0;
    for (size_t i = 0; i + 2 < n && hits < 2; i++)
        if (s[i] == '=' && s[i + 1] == '\\' && s[i + 2] == '"')
            hits++;
    return hits >= 2;
}

static void put_utf8(xbuf *b, uint32_t cp)
{
    char tmp[4];
    xb_put(b, tmp, xn_utf8_encode(cp, tmp));
}

/* The string's text: \" \' \/ \\ and \uXXXX decoded; \n \r \t are white space (a line of
 * the source stays a line). */
static int js_unescape(const char *s, size_t n, char **out, size_t *outlen)
{
    xbuf b = { 0 };
    xb_reserve(&b, n + 1);
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\\' || i + 1 >= n) {
            xb_putc(&b, s[i]);
            continue;
        }
        char e = s[++i];
        uint32_t cp = 0;
        size_t k = 0;
        switch (e) {
        case 'n': case 'r': case 't': xb_putc(&b, ' '); break;
        case 'u':
            while (k < 4 && i + 1 + k < n) {
                char h = s[i + 1 + k];
                int d = h >= '0' && h <= '9' ? h - '0' : lower((unsigned char)h) >= 'a' && lower((unsigned char)h) <= 'f' ? lower((unsigned char)h) - 'a' + 10 : -1;
                if (d < 0)
                    break;
                cp = cp * 16 + (uint32_t)d;
                k++;
            }
            if (k == 4 && !(cp >= 0xD800 && cp <= 0xDFFF) && cp) {
                put_utf8(&b, cp);
                i += 4;
            } else {
                xb_putc(&b, '\\');
                xb_putc(&b, e);
            }
            break;
        default: xb_putc(&b, e); break;
        }
    }
    return xb_finish(&b, out, outlen);
}

/* ---- which blocks are what ---- */

static int heading(const hctx *c, const hblock *b, int *which)
{
    char x[XM_NORM_CAP];
    if (b->kind != HB_TEXT || b->len > HEADING_MAX || xm_norm(x, sizeof x, btext(c, b), b->len) >= sizeof x)
        return ROLE_NONE;
    if ((*which = xm_section(c->r->t, x)) >= 0)
        return ROLE_SECTION;
    if ((*which = xm_table(c->r->t, x)) >= 0)
        return ROLE_TABLE;
    return ROLE_NONE;
}

/* Whether a cell of grid g is a label of table tb (a row, a column, a block caption, the
 * corner or the heading). */
static int grid_fits(const xx_grid *g, const xxgk_template *t, const xt_table *tb)
{
    for (size_t i = 0; i < g->ncells; i++) {
        const char *x = xg_norm(g, &g->cells[i]);
        int a, b;
        if (x && *x &&
            (xm_row(tb, x, -1, 0, &a, &b) >= 0 || xm_is_col_label(tb, x) || xm_caption(tb, x) >= 0 ||
             xm_is_corner(tb, x) || xm_table(t, x) == (int)(tb - t->tables)))
            return 1;
    }
    return 0;
}

static int published_value(xg_placer *pl, size_t id, const xx_grid *g, const xg_cell *c)
{
    return xx_value_set_text(pl->r, id, xg_text(g, c), c->len, c->line, c->column);
}

/* Give each text block its role: a section heading, or a table heading when the first table
 * after it (before another heading) is that table's: "（一）主动公开政府信息情况" in the
 * narrative is a sub-heading of 总体情况, not table 二's heading. */
static void headings(hctx *c)
{
    const xxgk_template *t = c->r->t;
    for (size_t i = 0; i < c->f.nb; i++) {
        int which = -1;
        if (c->f.b[i].kind == HB_TEXT) {
            c->role[i] = (uint8_t)heading(c, &c->f.b[i], &which);
            c->which[i] = (int16_t)which;
        }
    }
    for (size_t i = 0; i < c->f.nb; i++) {
        if (c->role[i] != ROLE_TABLE)
            continue;
        const xt_table *tb = &t->tables[c->which[i]];
        size_t k = i + 1;
        while (k < c->f.nb && c->f.b[k].kind != HB_GRID && c->role[k] == ROLE_NONE)
            k++;
        int table_follows = k < c->f.nb && c->f.b[k].kind == HB_GRID && grid_fits(&c->f.grids[c->f.b[k].grid], t, tb);
        if (!table_follows)
            c->role[i] = ROLE_NONE;
    }
}

/* Place every table, under the table heading before it when its labels are that table's. */
static int read_blocks(hctx *c)
{
    const xxgk_template *t = c->r->t;
    const xt_table *cur = NULL;
    headings(c);
    for (size_t i = 0; i < c->f.nb; i++) {
        const hblock *b = &c->f.b[i];
        if (b->kind == HB_TEXT) {
            if (c->role[i] == ROLE_TABLE)
                cur = &t->tables[c->which[i]];
            else if (c->role[i] == ROLE_SECTION)
                cur = NULL;
            continue;
        }
        xx_grid *g = &c->f.grids[b->grid];
        size_t placed = c->pl.placed;
        int rc = xg_place(&c->pl, g, cur && grid_fits(g, t, cur) ? cur : NULL);
        if (rc < 0)
            return rc;
        if (c->pl.placed > placed)
            c->role[i] = ROLE_GRID;
    }
    return 0;
}

/* The element holding every heading and every table read. */
static void find_article(hctx *c)
{
    const void *a = NULL;
    int any = 0;
    for (size_t i = 0; i < c->f.nb; i++)
        if (c->role[i] != ROLE_NONE) {
            a = any ? xx_html_common(a, c->f.b[i].node) : c->f.b[i].node;
            any = 1;
        }
    c->article = a;
}

/* ---- title and narrative ---- */

/* The segment of the page's <title> that reads as a report's title (titles name the site
 * after a separator: "report_column_site"). */
static int title_segment(const char *s, const char **seg, size_t *n)
{
    const char *p = s;
    while (*p) {
        size_t k = strcspn(p, "_|");
        const char *dash = strstr(p, " - ");
        if (dash && (size_t)(dash - p) < k)
            k = (size_t)(dash - p);
        size_t m = k;
        const char *t = xn_trim(p, &m);
        if (xx_title_is(t, m)) {
            *seg = t;
            *n = m;
            return 1;
        }
        p += k;
        while (*p == '_' || *p == '|' || *p == ' ' || *p == '-')
            p++;
    }
    return 0;
}

/* The block that is the title: the article's first paragraph when it is the title the page
 * names or reads as one (a title is short: a sentence that names the report is not one). */
static size_t title_block(const hctx *c)
{
    const char *meta = c->f.meta[HM_ARTICLE_TITLE], *doc = c->f.meta[HM_TITLE];
    for (size_t i = 0; i < c->f.nb; i++) {
        const hblock *b = &c->f.b[i];
        if (b->kind != HB_TEXT || !xx_html_inside(b->node, c->article))
            continue;
        const char *s = btext(c, b);
        if (c->role[i] == ROLE_NONE && ((meta && *meta && !strcmp(s, meta)) || (doc && !strcmp(s, doc)) ||
                                        (b->len <= TITLE_MAX && xx_title_is(s, b->len))))
            return i;
        return SIZE_MAX;
    }
    return SIZE_MAX;
}

/* Title, agency and year: the page's ArticleTitle, else its title paragraph, else the part of
 * its <title> that reads as a title; the project's own pages also say year and agency. */
static int read_title(hctx *c, size_t tb)
{
    const char *meta = c->f.meta[HM_ARTICLE_TITLE], *doc = c->f.meta[HM_TITLE];
    int rc = 0;
    const char *seg;
    size_t n;
    if (meta && *meta)
        rc = xx_title_set(c->r, meta, strlen(meta));
    else if (tb != SIZE_MAX && xx_title_is(btext(c, &c->f.b[tb]), c->f.b[tb].len))
        rc = xx_title_set(c->r, btext(c, &c->f.b[tb]), c->f.b[tb].len);
    else if (doc && title_segment(doc, &seg, &n))
        rc = xx_title_set(c->r, seg, n);
    if (rc)
        return rc;
    if (c->f.meta[HM_YEAR]) {
        const char *y = c->f.meta[HM_YEAR];
        int v = 0;
        size_t k = 0;
        for (; y[k] >= '0' && y[k] <= '9' && k < 4; k++)
            v = v * 10 + (y[k] - '0');
        c->r->year = !y[k] && k == 4 && v >= 1949 ? v : 0;
    }
    if (c->f.meta[HM_AGENCY])
        rc = xx_set_string(&c->r->agency, c->f.meta[HM_AGENCY], strlen(c->f.meta[HM_AGENCY]));
    return rc;
}

static int append(xbuf *b, const char *s, size_t n)
{
    if (b->len)
        xb_putc(b, '\n');
    xb_put(b, s, n);
    return b->failed ? xx_oom() : 0;
}

static int read_narrative(hctx *c, size_t title_block)
{
    const xxgk_template *t = c->r->t;
    xbuf sec[XX_MAX_SECTIONS];
    memset(sec, 0, sizeof sec);
    int cur = 0; /* the preamble: the section without a heading */
    for (size_t i = 0; i < t->nsections; i++)
        if (!t->sections[i].heading[0]) {
            cur = (int)i;
            break;
        }
    int rc = 0;
    for (size_t i = title_block == SIZE_MAX ? 0 : title_block + 1; i < c->f.nb && !rc; i++) {
        const hblock *b = &c->f.b[i];
        if (!xx_html_inside(b->node, c->article))
            continue;
        if (c->role[i] == ROLE_SECTION)
            cur = c->which[i];
        else if (c->role[i] == ROLE_TABLE)
            cur = -1; /* what follows a table heading belongs to the table */
        else if (b->kind == HB_TEXT && cur >= 0 && cur < XX_MAX_SECTIONS)
            rc = append(&sec[cur], btext(c, b), b->len);
    }
    for (size_t i = 0; i < t->nsections && i < XX_MAX_SECTIONS; i++) {
        if (!rc && sec[i].len)
            rc = xx_set_string(&c->r->sections[i], sec[i].p, sec[i].len);
        xb_free(&sec[i]);
    }
    return rc;
}

/* ---- the template ---- */

static const xxgk_template *choose_template(const hctx *c)
{
    if (c->o->tpl)
        return c->o->tpl;
    if (c->f.meta[HM_TEMPLATE] && xxgk_template_get(c->f.meta[HM_TEMPLATE]))
        return xxgk_template_get(c->f.meta[HM_TEMPLATE]);
    int s2019 = 0, s2021 = 0;
    char x[XM_NORM_CAP];
    for (size_t i = 0; i < c->f.ngrids; i++) {
        const xx_grid *g = &c->f.grids[i];
        for (size_t k = 0; k < g->ncells; k++)
            if (xg_norm(g, &g->cells[k]))
                xm_template_words(xg_norm(g, &g->cells[k]), &s2019, &s2021);
    }
    if (s2019 != s2021)
        return xxgk_template_get(s2019 > s2021 ? "2019" : "2021");
    /* undecided: the newest template in force in the year the title names */
    const char *title = c->f.meta[HM_ARTICLE_TITLE] ? c->f.meta[HM_ARTICLE_TITLE] : c->f.meta[HM_TITLE];
    size_t at;
    int year = title ? xx_title_year(title, strlen(title), &at, NULL) : 0;
    for (size_t i = 0; i < c->f.nb && !year; i++)
        if (c->f.b[i].kind == HB_TEXT && xm_norm(x, sizeof x, btext(c, &c->f.b[i]), c->f.b[i].len) < sizeof x &&
            xx_title_is(btext(c, &c->f.b[i]), c->f.b[i].len))
            year = xx_title_year(btext(c, &c->f.b[i]), c->f.b[i].len, &at, NULL);
    const xxgk_template *best = NULL;
    for (size_t i = 0; year && i < xxgk_template_count(); i++) {
        const xxgk_template *k = xxgk_template_at(i);
        if (xxgk_template_first_year(k) <= year && (!best || xxgk_template_first_year(k) > best->first_year))
            best = k;
    }
    return best ? best : xxgk_template_default();
}

/* ---- the reader ---- */

static int missing_tables(hctx *c)
{
    const xxgk_template *t = c->r->t;
    for (size_t i = 0; i < t->ntables && i < 64; i++) {
        int found = 0;
        const xt_table *tb = &t->tables[i];
        for (size_t k = tb->first_cell; k < tb->first_cell + tb->ncells && !found; k++)
            found = c->pl.seen[k] != 0;
        if (!found) {
            int rc = xx_diagf(c->r, "READ.MISSING", XXGK_SEVERITY_WARNING, 0, 0, NULL, "未找到表%s（%s）",
                              "table %s (%s) not found", tb->number, tb->heading);
            if (rc)
                return rc;
        }
    }
    return 0;
}

static int read_page(hctx *c)
{
    int rc = xx_report_new_read(&c->r, choose_template(c)); /* a cell the page does not give is not read */
    if (rc)
        return rc;
    if ((rc = xg_placer_init(&c->pl, c->r, 0)) != 0)
        return rc;
    c->pl.set_value = published_value;
    c->role = xx_calloc(c->f.nb + 1, 1);
    c->which = xx_calloc(c->f.nb + 1, sizeof *c->which);
    if (!c->role || !c->which)
        return xx_oom();
    if ((rc = read_blocks(c)) != 0)
        return rc;
    find_article(c);
    if (!c->article)
        return xx_error(XXGK_EEMPTY, 1, 1, 0, NULL,
                        "no report found in the page: no section heading, no table heading and no table of the "
                        "report");
    size_t tb = title_block(c);
    if ((rc = read_title(c, tb)) != 0 || (rc = read_narrative(c, tb)) != 0)
        return rc;
    return missing_tables(c);
}

int xx_html_read(xxgk_report **out, const char *buf, size_t len, const struct xxgk_parse_options *o)
{
    *out = NULL;
    char *unescaped = NULL;
    size_t ulen;
    int rc = 0;
    if (js_escaped(buf, len)) {
        if ((rc = js_unescape(buf, len, &unescaped, &ulen)) != 0)
            return rc;
        buf = unescaped;
        len = ulen;
    }
    hctx c;
    memset(&c, 0, sizeof c);
    c.o = o;
    rc = xx_html_flow(&c.f, buf, len);
    if (!rc)
        rc = read_page(&c);
    xg_placer_free(&c.pl);
    xx_free(c.role);
    xx_free(c.which);
    xx_html_flow_free(&c.f);
    xx_free(unescaped);
    if (rc) {
        xxgk_report_free(c.r);
        return rc;
    }
    xx_diag_sort(c.r);
    *out = c.r;
    return 0;
}
