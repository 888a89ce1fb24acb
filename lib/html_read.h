/* SPDX-License-Identifier: MIT */
/* The HTML reader's parts (nothing here is API):
 *
 *   html_dom.c   libxml2's HTML parser, and the page as a flow of blocks: paragraphs of text
 *                and tables (each a grid), with the page's metadata
 *   html_read.c  the reader: which blocks are the report (its title, headings, narrative
 *                and tables), the template, the values placed through the grid placer */
#ifndef XXGK_HTML_READ_H
#define XXGK_HTML_READ_H

#include "grid.h"
#include "internal.h"

#include <stddef.h>
#include <stdint.h>

enum { HB_TEXT, HB_GRID };

/* Metadata of the page: <meta name=…> and <title>. */
enum { HM_ARTICLE_TITLE, HM_TEMPLATE, HM_YEAR, HM_AGENCY, HM_TITLE, HM_COUNT };

typedef struct hblock {
    uint8_t kind;          /* HB_* */
    uint32_t text, len;    /* HB_TEXT: its text in the flow's text buffer */
    uint32_t grid;         /* HB_GRID: index into the flow's grids */
    long line, col;        /* where it starts in the page */
    const void *node;      /* its element (an xmlNode of the flow's document) */
} hblock;

typedef struct hflow {
    hblock *b;
    size_t nb, capb;
    xbuf text;
    xx_grid *grids;
    size_t ngrids, capgrids;
    char *meta[HM_COUNT];  /* NULL: the page does not have it */
    void *doc;             /* the parsed document (xmlDoc), kept for the blocks' nodes */
} hflow;

/* Parse buf[0..len) (UTF-8) and make the flow of blocks. 0 or XXGK_ENOMEM, XXGK_ELIMIT,
 * XXGK_EPARSE (not a page). Free with xx_html_flow_free either way. */
int xx_html_flow(hflow *f, const char *buf, size_t len);
void xx_html_flow_free(hflow *f);

/* The element of the flow's document that contains both nodes (NULL if none). */
const void *xx_html_common(const void *a, const void *b);
/* Whether node lies inside the element `in`. */
int xx_html_inside(const void *node, const void *in);

/* Whether s[0..n) holds HTML table markup (<table, <tr, <td): a page, or a piece of one,
 * saved as text. */
int xx_html_markup(const char *s, size_t n);

/* The character set a page declares (<meta charset>, or http-equiv Content-Type) in its
 * first 4 KiB, lower case, into out (cap bytes); "" if none. */
void xx_html_charset(const char *buf, size_t len, char *out, size_t cap);

#endif
