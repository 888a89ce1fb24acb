/* SPDX-License-Identifier: MIT */
/* A paged source (the text pdftotext makes of a PDF: each page ends in a form feed): where
 * each page starts, so that a place in the text is given as a page and a line within it. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

/* The page of line `line` in a page table (the first line of pages 2, 3, …) and, in *in_page,
 * its line within that page. */
static uint32_t page_in(const uint32_t *pages, uint32_t npages, long line, long *in_page)
{
    *in_page = line;
    if (!pages || line <= 0)
        return 0;
    uint32_t page = 1, first = 1;
    for (uint32_t k = 0; k < npages && pages[k] <= (uint32_t)line; k++) {
        page = k + 2;
        first = pages[k];
    }
    *in_page = line - (long)first + 1;
    return page;
}

uint32_t xx_page_of(const xxgk_report *r, long line, long *in_page)
{
    return page_in(r->pages, r->npages, line, in_page);
}

/* "第P页第L行" / "page P, line L" for line `line` of the text. */
static void place(const xxgk_report *r, long line, char *zh, size_t zcap, char *en, size_t ecap)
{
    long in;
    uint32_t p = xx_page_of(r, line, &in);
    snprintf(zh, zcap, "第%u页第%ld行", p, in);
    snprintf(en, ecap, "page %u, line %ld", p, in);
}

/* A message that starts with the line (or lines) it is about ("第41行：…", "line 41: …",
 * "第44–45行：…", "lines 44-45: …") names the page and the line within it instead. */
static int paged_messages(xxgk_report *r, xfinding *x)
{
    const char *zh = r->diag->arena + x->msg, *en = r->diag->arena + x->msg_en;
    long a, b = 0, c, d = 0;
    int za = 0, ea = 0;
    if (!((sscanf(zh, "第%ld行：%n", &a, &za) == 1 && za) || (sscanf(zh, "第%ld–%ld行：%n", &a, &b, &za) == 2 && za)))
        return 0;
    if (!((sscanf(en, "line %ld: %n", &c, &ea) == 1 && ea) || (sscanf(en, "lines %ld-%ld: %n", &c, &d, &ea) == 2 && ea)))
        return 0;
    char pz[64], pe[64], qz[64], qe[64], nzh[1100], nen[1100];
    place(r, a, pz, sizeof pz, pe, sizeof pe);
    if (b) {
        place(r, b, qz, sizeof qz, qe, sizeof qe);
        snprintf(nzh, sizeof nzh, "%s至%s：%s", pz, qz, zh + za);
        snprintf(nen, sizeof nen, "%s to %s: %s", pe, qe, en + ea);
    } else {
        snprintf(nzh, sizeof nzh, "%s：%s", pz, zh + za);
        snprintf(nen, sizeof nen, "%s: %s", pe, en + ea);
    }
    return xx_finding_set_text(r->diag, x, nzh, nen);
}

/* The page table of text[0..len): where each page after the first starts (a form feed starts
 * the next page on its own line, as pdftotext writes it; one at the very end closes the last
 * page). One page: a table of one entry no line reaches. 0 or XXGK_ENOMEM. */
static int page_table(const char *text, size_t len, uint32_t **out, uint32_t *nout)
{
    uint32_t n = 0, line = 1, cap = 0;
    uint32_t *pages = NULL;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\n') {
            line++;
        } else if (text[i] == '\f' && i + 1 < len) {
            if (n == cap) {
                cap = cap ? cap * 2 : 16;
                uint32_t *p = xx_realloc(pages, cap * sizeof *p);
                if (!p) {
                    xx_free(pages);
                    return XXGK_ENOMEM;
                }
                pages = p;
            }
            pages[n++] = line;
        }
    }
    if (!n && !(pages = xx_malloc(sizeof *pages)))
        return XXGK_ENOMEM;
    if (!n)
        pages[n++] = UINT32_MAX;
    *out = pages;
    *nout = n;
    return 0;
}

int xx_paginate(xxgk_report *r, const char *text, size_t len)
{
    uint32_t *pages, n;
    if (page_table(text, len, &pages, &n) != 0)
        return xx_oom();
    xx_free(r->pages);
    r->pages = pages;
    r->npages = n;
    for (size_t i = 0; r->diag && i < r->diag->n; i++) {
        xfinding *x = &r->diag->items[i];
        x->page = xx_page_of(r, x->line, &x->line);
        int rc = x->kind == XF_TEXT ? paged_messages(r, x) : 0;
        if (rc)
            return rc;
    }
    return 0;
}

void xx_error_paginate(const char *text, size_t len)
{
    long line = xxgk_error_line(), in;
    uint32_t *pages, n;
    if (line <= 0 || page_table(text, len, &pages, &n) != 0)
        return; /* no place, or no memory to say the page: the line in the text stays */
    uint32_t page = page_in(pages, n, line, &in);
    xx_free(pages);
    xx_error_set_page(page, in);
}
