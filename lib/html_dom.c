/* SPDX-License-Identifier: MIT */
/* A web page as a flow of blocks (see html_read.h), through libxml2's HTML parser: it
 * recovers from tag soup as browsers do and decodes entities. The parser runs without
 * network access and reports nothing: its errors go to a handler of this parse only (no
 * process-wide hook), and the library is initialized once, thread-safely. */
#include "html_read.h"
#include "normalize.h"

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>

/* Far deeper than any page; a deeper element is read as if it were empty. */
#define MAX_DEPTH 256

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static void init_parser(void)
{
    xmlInitParser();
}

/* The parse's errors: nothing to report, the page is read as far as it goes. */
static void quiet(void *data, xmlErrorPtr err)
{
    (void)data;
    (void)err;
}

/* libxml2 records a node's line, not its column: the column where its start tag ends is
 * kept in the node's _private field as it is built. */
static void start_element(void *ctx, const xmlChar *name, const xmlChar **atts)
{
    xmlParserCtxtPtr ctxt = ctx;
    xmlSAX2StartElement(ctx, name, atts);
    if (ctxt->node && ctxt->input && ctxt->input->col > 0)
        ctxt->node->_private = (void *)(uintptr_t)ctxt->input->col;
}

static int is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->name && !strcmp((const char *)n->name, name);
}

static int in_list(const xmlNode *n, const char *const *names)
{
    if (n->type != XML_ELEMENT_NODE || !n->name)
        return 0;
    for (; *names; names++)
        if (!strcmp((const char *)n->name, *names))
            return 1;
    return 0;
}

static const char *const skipped[] = { "head", "script", "style", "noscript", "template", "select", "option",
                                       "textarea", "button", "input", "iframe", "frame", "object", "embed", "svg",
                                       "math", "canvas", "audio", "video", "map", "nav", "aside", NULL };
static const char *const blocks[] = { "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt",
                                      "dd", "section", "article", "header", "footer", "main", "blockquote", "pre",
                                      "center", "form", "fieldset", "address", "figure", "figcaption", "caption",
                                      "hr", "body", "html", "table", "tbody", "thead", "tfoot", "tr", "td", "th",
                                      "menu", "details", "summary", "legend", NULL };

/* An element the reader does not see: not content, or hidden. */
static int hidden(const xmlNode *n)
{
    if (in_list(n, skipped))
        return 1;
    if (n->type != XML_ELEMENT_NODE)
        return 0;
    if (xmlHasProp((xmlNodePtr)n, (const xmlChar *)"hidden"))
        return 1;
    xmlChar *style = xmlGetProp(n, (const xmlChar *)"style");
    int none = 0;
    if (style) {
        char squeezed[256];
        size_t k = 0;
        for (const xmlChar *p = style; *p && k + 1 < sizeof squeezed; p++)
            if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
                squeezed[k++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
        squeezed[k] = '\0';
        none = strstr(squeezed, "display:none") != NULL || strstr(squeezed, "visibility:hidden") != NULL;
        xmlFree(style);
    }
    return none;
}

static long col_of(const xmlNode *n)
{
    for (; n; n = n->parent)
        if (n->type == XML_ELEMENT_NODE && n->_private)
            return (long)(uintptr_t)n->_private;
    return 0;
}

static const xmlNode *element_of(const xmlNode *n)
{
    while (n && n->type != XML_ELEMENT_NODE)
        n = n->parent;
    return n;
}

/* Append a text node's content: white space that breaks a line in the source is one space
 * (the page's layout, not its text); other spaces are kept as written. */
static void put_text(xbuf *b, const char *s)
{
    while (*s) {
        if (*s == '\n' || *s == '\r' || *s == '\t') {
            while (*s == '\n' || *s == '\r' || *s == '\t' || *s == ' ')
                s++;
            if (b->len && b->p[b->len - 1] != ' ' && b->p[b->len - 1] != '\n')
                xb_putc(b, ' ');
            continue;
        }
        const char *e = s;
        while (*e && *e != '\n' && *e != '\r' && *e != '\t')
            e++;
        xb_put(b, s, (size_t)(e - s));
        s = e;
    }
}

static void put_break(xbuf *b)
{
    if (b->len && b->p[b->len - 1] != '\n')
        xb_putc(b, '\n');
}

/* The text of a table cell: its lines (a <br>, a paragraph or another block ends one). */
static void cell_text(xbuf *b, const xmlNode *n, int depth)
{
    for (const xmlNode *c = n->children; c && depth < MAX_DEPTH; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content)
                put_text(b, (const char *)c->content);
        } else if (c->type == XML_ELEMENT_NODE && !hidden(c)) {
            int blk = is(c, "br") || in_list(c, blocks);
            if (blk)
                put_break(b);
            cell_text(b, c, depth + 1);
            if (blk)
                put_break(b);
        }
    }
}

/* ---- the flow ---- */

typedef struct walk {
    hflow *f;
    xbuf para;              /* the paragraph being collected */
    long line, col;         /* where it starts */
    const xmlNode *node;    /* the block it belongs to */
    int failed;             /* an error code, once one happened */
} walk;

static int add_block(hflow *f, const hblock *b)
{
    if (f->nb == f->capb) {
        size_t cap = f->capb ? f->capb * 2 : 64;
        hblock *nb = xx_realloc(f->b, cap * sizeof *nb);
        if (!nb)
            return xx_oom();
        f->b = nb;
        f->capb = cap;
    }
    f->b[f->nb++] = *b;
    return 0;
}

/* End the paragraph being collected: one text block per line. */
static void flush(walk *w)
{
    xbuf *p = &w->para;
    if (w->failed || p->failed) {
        w->failed = w->failed ? w->failed : xx_oom();
        p->len = 0;
        return;
    }
    size_t at = 0;
    long line = w->line;
    while (at < p->len) {
        const char *s = p->p + at;
        const char *nl = memchr(s, '\n', p->len - at);
        size_t n = nl ? (size_t)(nl - s) : p->len - at;
        at += n + (nl != NULL);
        const char *t = xn_trim(s, &n);
        if (!n)
            continue;
        if (w->f->text.len + n >= UINT32_MAX / 2) {
            w->failed = xx_error(XXGK_ELIMIT, line, 0, -1, NULL, "page text longer than the limit of 2 GiB");
            break;
        }
        hblock b = { .kind = HB_TEXT, .text = (uint32_t)w->f->text.len, .len = (uint32_t)n, .line = line,
                     .col = w->col, .node = w->node };
        xb_put(&w->f->text, t, n);
        xb_putc(&w->f->text, '\0');
        int rc = w->f->text.failed ? xx_oom() : add_block(w->f, &b);
        if (rc) {
            w->failed = rc;
            break;
        }
    }
    p->len = 0;
}

static int new_grid(hflow *f, xx_grid **g)
{
    if (f->ngrids == f->capgrids) {
        size_t cap = f->capgrids ? f->capgrids * 2 : 8;
        xx_grid *ng = xx_realloc(f->grids, cap * sizeof *ng);
        if (!ng)
            return xx_oom();
        f->grids = ng;
        f->capgrids = cap;
    }
    *g = &f->grids[f->ngrids++];
    xg_init(*g);
    return 0;
}

static unsigned span(const xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    unsigned k = 0;
    if (v) {
        const xmlChar *p = v;
        while (*p && (*p < '0' || *p > '9'))
            p++; /* a JavaScript-escaped quote or a space before the number */
        for (; *p >= '0' && *p <= '9' && k < 100000; p++)
            k = k * 10 + (unsigned)(*p - '0');
        xmlFree(v);
    }
    return k ? k : 1;
}

/* A cell the page marks as not read (class "unread", as the HTML writer marks the cells of an
 * excerpt's row that the source cut short). */
static int unread(const xmlNode *n)
{
    xmlChar *cls = xmlGetProp(n, (const xmlChar *)"class");
    int yes = 0;
    if (cls) {
        for (const char *p = (const char *)cls; (p = strstr(p, "unread")) != NULL; p += 6)
            if ((p == (const char *)cls || p[-1] == ' ') && (p[6] == '\0' || p[6] == ' '))
                yes = 1;
        xmlFree(cls);
    }
    return yes;
}

/* One row of a grid: its td and th cells. */
static int grid_row(xx_grid *g, uint32_t r, const xmlNode *tr, xbuf *tmp)
{
    uint32_t col = 0;
    for (const xmlNode *c = tr->children; c; c = c->next) {
        if (!(is(c, "td") || is(c, "th")) || hidden(c))
            continue;
        tmp->len = 0;
        cell_text(tmp, c, 0);
        if (tmp->failed)
            return xx_oom();
        size_t n = tmp->len;
        const char *s = tmp->p ? xn_trim(tmp->p, &n) : "";
        /* each line trimmed: "&nbsp;1" is 1 */
        xbuf one = { 0 };
        for (size_t at = 0; at < n;) {
            const char *ls = s + at, *nl = memchr(ls, '\n', n - at);
            size_t k = nl ? (size_t)(nl - ls) : n - at;
            at += k + (nl != NULL);
            const char *t = xn_trim(ls, &k);
            if (k) {
                if (one.len)
                    xb_putc(&one, '\n');
                xb_put(&one, t, k);
            }
        }
        xg_src src = { .line = xmlGetLineNo((xmlNodePtr)c), .column = col_of(c), .off = -1, .absent = unread(c) };
        int rc = one.failed ? xx_oom()
                            : xg_put_next(g, r, &col, span(c, "rowspan"), span(c, "colspan"), one.p ? one.p : "",
                                          one.len, &src);
        xb_free(&one);
        if (rc)
            return rc;
    }
    return 0;
}

/* The rows of a table (those of a nested table excepted: a data table has none). */
static int table_rows(xx_grid *g, const xmlNode *n, uint32_t *r, xbuf *tmp, int depth)
{
    for (const xmlNode *c = n->children; c && depth < MAX_DEPTH; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || hidden(c) || is(c, "table"))
            continue;
        int rc = is(c, "tr") ? grid_row(g, (*r)++, c, tmp) : table_rows(g, c, r, tmp, depth + 1);
        if (rc)
            return rc;
    }
    return 0;
}

static int has_table(const xmlNode *n, int depth)
{
    for (const xmlNode *c = n->children; c && depth < MAX_DEPTH; c = c->next)
        if (c->type == XML_ELEMENT_NODE && (is(c, "table") || has_table(c, depth + 1)))
            return 1;
    return 0;
}

/* A data table (or a run of <tr> rows outside any table: a piece of a page) as a grid. */
static void grid_block(walk *w, const xmlNode *first, int run)
{
    flush(w);
    if (w->failed)
        return;
    xx_grid *g = NULL;
    int rc = new_grid(w->f, &g);
    xbuf tmp = { 0 };
    uint32_t r = 0;
    if (!rc && run) {
        for (const xmlNode *c = first; c && !rc; c = c->next) {
            if (is(c, "tr")) {
                if (!hidden(c))
                    rc = grid_row(g, r++, c, &tmp);
            } else if (c->type == XML_ELEMENT_NODE) {
                break;
            }
        }
    } else if (!rc) {
        rc = table_rows(g, first, &r, &tmp, 0);
    }
    xb_free(&tmp);
    if (!rc)
        rc = xg_finish(g);
    hblock b = { .kind = HB_GRID, .grid = rc ? 0 : (uint32_t)(w->f->ngrids - 1),
                 .line = xmlGetLineNo((xmlNodePtr)first), .col = col_of(first),
                 .node = run ? first->parent : first };
    if (!rc)
        rc = add_block(w->f, &b);
    if (rc)
        w->failed = rc;
}

static void walk_children(walk *w, const xmlNode *n, int depth);

static void walk_node(walk *w, const xmlNode *c, int depth)
{
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
        if (!c->content)
            return;
        if (!w->para.len) {
            w->line = xmlGetLineNo((xmlNodePtr)c);
            w->col = col_of(c);
            w->node = element_of(c);
        }
        put_text(&w->para, (const char *)c->content);
        return;
    }
    if (c->type != XML_ELEMENT_NODE || hidden(c) || depth >= MAX_DEPTH)
        return;
    if (is(c, "br")) {
        put_break(&w->para);
        return;
    }
    if (is(c, "table") && !has_table(c, 0)) {
        grid_block(w, c, 0);
        return;
    }
    int blk = in_list(c, blocks);
    if (blk)
        flush(w);
    walk_children(w, c, depth + 1);
    if (blk)
        flush(w);
}

static void walk_children(walk *w, const xmlNode *n, int depth)
{
    for (const xmlNode *c = n->children; c && !w->failed; c = c->next) {
        if (is(c, "tr") && !is(n, "table") && !is(n, "tbody") && !is(n, "thead") && !is(n, "tfoot")) {
            /* rows without their table: one grid of the run */
            grid_block(w, c, 1);
            while (c->next && (is(c->next, "tr") || c->next->type != XML_ELEMENT_NODE))
                c = c->next;
            continue;
        }
        walk_node(w, c, depth);
    }
}

/* ---- metadata ---- */

static int set_meta(hflow *f, int k, const xmlChar *v)
{
    if (f->meta[k])
        return 0; /* the first one counts */
    f->meta[k] = xx_strdup(v ? (const char *)v : "");
    return f->meta[k] ? 0 : xx_oom();
}

static int read_meta(hflow *f, const xmlNode *n, int depth)
{
    static const char *const names[] = { "articletitle", "xxgk:template", "xxgk:year", "xxgk:agency" };
    int rc = 0;
    for (const xmlNode *c = n; c && !rc && depth < MAX_DEPTH; c = c->next) {
        if (is(c, "body"))
            continue; /* metadata is in the head (a meta in the body is page content) */
        if (is(c, "meta")) {
            xmlChar *name = xmlGetProp(c, (const xmlChar *)"name");
            if (name) {
                for (xmlChar *p = name; *p; p++)
                    if (*p >= 'A' && *p <= 'Z')
                        *p = (xmlChar)(*p + 32);
                for (int k = 0; k < 4 && !rc; k++)
                    if (!strcmp((const char *)name, names[k])) {
                        xmlChar *v = xmlGetProp(c, (const xmlChar *)"content");
                        rc = set_meta(f, k, v);
                        xmlFree(v);
                    }
                xmlFree(name);
            }
        } else if (is(c, "title") && !f->meta[HM_TITLE]) {
            xbuf b = { 0 };
            cell_text(&b, c, 0);
            size_t len = b.len;
            const char *s = b.p ? xn_trim(b.p, &len) : "";
            f->meta[HM_TITLE] = b.failed ? NULL : xx_strndup(s, len);
            xb_free(&b);
            rc = f->meta[HM_TITLE] ? 0 : xx_oom();
        } else if (c->type == XML_ELEMENT_NODE) {
            rc = read_meta(f, c->children, depth + 1);
        }
    }
    return rc;
}

int xx_html_flow(hflow *f, const char *buf, size_t len)
{
    memset(f, 0, sizeof *f);
    if (len > INT32_MAX)
        return xx_error(XXGK_ELIMIT, 0, 0, -1, NULL, "page of %zu bytes is too large for the HTML parser", len);
    pthread_once(&init_once, init_parser);
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (!ctxt)
        return xx_oom();
    if (ctxt->sax) {
        ctxt->sax->serror = quiet;
        ctxt->sax->initialized = XML_SAX2_MAGIC;
        ctxt->sax->startElement = start_element;
    }
    int opts = HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER |
               HTML_PARSE_IGNORE_ENC | HTML_PARSE_NODEFDTD;
    xmlDocPtr doc = htmlCtxtReadMemory(ctxt, buf, (int)len, NULL, "UTF-8", opts);
    htmlFreeParserCtxt(ctxt);
    if (!doc)
        return xx_error(XXGK_EPARSE, 1, 1, 0, NULL, "not an HTML page: nothing the HTML parser could read");
    f->doc = doc;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (!root)
        return xx_error(XXGK_EPARSE, 1, 1, 0, NULL, "not an HTML page: no element");
    int rc = read_meta(f, root, 0);
    if (rc)
        return rc;
    walk w;
    memset(&w, 0, sizeof w);
    w.f = f;
    walk_children(&w, root->parent ? root->parent : root, 0);
    flush(&w);
    xb_free(&w.para);
    return w.failed;
}

void xx_html_flow_free(hflow *f)
{
    xx_free(f->b);
    xb_free(&f->text);
    for (size_t i = 0; i < f->ngrids; i++)
        xg_free(&f->grids[i]);
    xx_free(f->grids);
    for (int k = 0; k < HM_COUNT; k++)
        xx_free(f->meta[k]);
    if (f->doc)
        xmlFreeDoc(f->doc);
    memset(f, 0, sizeof *f);
}

int xx_html_inside(const void *node, const void *in)
{
    for (const xmlNode *n = node; n; n = n->parent)
        if (n == in)
            return 1;
    return 0;
}

const void *xx_html_common(const void *a, const void *b)
{
    if (!a)
        return b;
    for (const xmlNode *n = a; n; n = n->parent)
        if (xx_html_inside(b, n))
            return n;
    return NULL;
}
