/* SPDX-License-Identifier: MIT */
/* Text reader: a report whose text is run together on one line, as crawlers render pages
 * ("…二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数…规章000行政规范性文件417…").
 * Pass 1 cuts the line at its headings (a heading needs its ordinal: "二、", "（三）"); pass 2
 * finds, in a table's text, the template's labels and the runs of digits after the row
 * labels; text_split.c splits the runs. */
#include "text_read.h"
#include "match.h"
#include "normalize.h"

#include <stdlib.h>
#include <string.h>

enum { RUNON_MIN = 300 }; /* shorter lines are never a whole report */

/* The normalized text of buf[off, off+len), with, for each of its bytes, the offset in buf
 * of the character it comes from (src[len] is the end). */
typedef struct nmap {
    char *n;
    uint32_t *src;
    size_t len;
} nmap;

static void nmap_free(nmap *m)
{
    xx_free(m->n);
    xx_free(m->src);
}

static int nmap_build(nmap *m, const char *buf, uint32_t off, uint32_t len)
{
    const unsigned char *p = (const unsigned char *)buf;
    size_t cap = (size_t)len * 2 + 8, o = 0;
    m->n = xx_malloc(cap);
    m->src = xx_malloc(cap * sizeof *m->src);
    if (!m->n || !m->src) {
        nmap_free(m);
        return xx_oom();
    }
    for (size_t i = off, e = (size_t)off + len; i < e;) {
        size_t adv;
        int32_t cp = xn_utf8_decode(p + i, e - i, &adv);
        uint32_t f = xn_fold(cp < 0 ? 0xFFFD : (uint32_t)cp);
        char tmp[4];
        size_t k = f ? xn_utf8_encode(f, tmp) : 0;
        for (size_t j = 0; j < k && o + 1 < cap; j++, o++) {
            m->n[o] = tmp[j];
            m->src[o] = (uint32_t)i;
        }
        i += adv;
    }
    m->n[o] = '\0';
    m->src[o] = off + len;
    m->len = o;
    return 0;
}

/* A label found in normalized text: [s, e), its kind and index. */
enum { K_TABLE, K_SECTION, K_ROW, K_HEADER, K_INLINE };
typedef struct hit {
    uint32_t s, e;
    int kind, idx;
} hit;

typedef struct hits {
    hit *h;
    size_t n, cap;
} hits;

static int add_hit(hits *hs, uint32_t s, uint32_t e, int kind, int idx)
{
    if (tx_grow((void **)&hs->h, &hs->cap, hs->n + 1, sizeof *hs->h))
        return XXGK_ENOMEM;
    hs->h[hs->n++] = (hit){ s, e, kind, idx };
    return 0;
}

/* Where the ordinal before position p of m starts ("二." or "(三)" right before it), or -1. */
static long ordinal_before(const nmap *m, size_t p)
{
    for (size_t k = 2; k <= 16 && k <= p; k++)
        if (xn_ordinal_len(m->n + p - k) == k)
            return (long)(p - k);
    return -1;
}

/* Every occurrence of needle in m: a hit of kind/idx (headings only after their ordinal). */
static int find_all(const nmap *m, const char *needle, int kind, int idx, hits *hs)
{
    size_t k = strlen(needle);
    if (k == 0)
        return 0;
    for (const char *q = m->n; (q = strstr(q, needle)) != NULL; q++) {
        size_t p = (size_t)(q - m->n);
        long s = (long)p;
        if ((kind == K_TABLE || kind == K_SECTION) && (s = ordinal_before(m, p)) < 0)
            continue;
        if (add_hit(hs, (uint32_t)s, (uint32_t)(p + k), kind, idx))
            return XXGK_ENOMEM;
    }
    return 0;
}

static int by_start(const void *a, const void *b)
{
    const hit *x = a, *y = b;
    if (x->s != y->s)
        return x->s < y->s ? -1 : 1;
    return x->e > y->e ? -1 : x->e < y->e; /* the longer first */
}

/* Sort and keep the hits that do not overlap one before them. */
static void settle(hits *hs)
{
    if (hs->n == 0)
        return;
    qsort(hs->h, hs->n, sizeof *hs->h, by_start);
    size_t o = 0;
    for (size_t i = 0; i < hs->n; i++)
        if (o == 0 || hs->h[i].s >= hs->h[o - 1].e)
            hs->h[o++] = hs->h[i];
    hs->n = o;
}

/* A table heading with a slip of the pen ("行政法复议"): after an ordinal of Chinese numerals,
 * text within two edits of the heading. */
static int fuzzy_heading(const nmap *m, const xt_table *tb, int ti, hits *hs)
{
    size_t hl = xn_utf8_count(tb->norm, strlen(tb->norm));
    if (hl < 10)
        return 0;
    size_t fl;
    xn_utf8_decode((const unsigned char *)tb->norm, strlen(tb->norm), &fl);
    for (size_t q = 0; q < m->len; q++) {
        size_t ol = xn_ordinal_len(m->n + q);
        if (ol == 0 || (unsigned char)m->n[q] < 0x80 || memcmp(m->n + q + ol, tb->norm, fl) != 0)
            continue; /* a heading after a numeral's ordinal, its first character right */
        char cand[256];
        size_t c = 0, cps = 0, best_e = 0;
        unsigned best = 3;
        for (size_t i = q + ol; i < m->len && cps < hl + 2 && c + 4 < sizeof cand;) {
            size_t adv;
            xn_utf8_decode((const unsigned char *)m->n + i, m->len - i, &adv);
            memcpy(cand + c, m->n + i, adv);
            c += adv;
            i += adv;
            cand[c] = '\0';
            if (++cps + 2 >= hl) {
                unsigned d = xn_edit_distance(cand, tb->norm, 2);
                if (d < best) {
                    best = d;
                    best_e = i;
                }
            }
        }
        if (best <= 2 && add_hit(hs, (uint32_t)q, (uint32_t)best_e, K_TABLE, ti))
            return XXGK_ENOMEM;
    }
    return 0;
}

static int heading_hits(const nmap *m, const xxgk_template *t, hits *hs)
{
    int rc = 0, missing = 0;
    for (size_t i = 0; i < t->nsections && rc == 0; i++) {
        const xt_section *sc = &t->sections[i];
        if (!sc->norm[0])
            continue;
        rc = find_all(m, sc->norm, K_SECTION, (int)i, hs);
        for (size_t a = 0; a < sc->naliases && rc == 0; a++)
            rc = find_all(m, sc->aliases[a], K_SECTION, (int)i, hs);
    }
    for (size_t i = 0; i < t->ntables && rc == 0; i++) {
        const xt_table *tb = &t->tables[i];
        size_t before = hs->n;
        rc = find_all(m, tb->norm, K_TABLE, (int)i, hs);
        for (size_t a = 0; a < tb->naliases && rc == 0; a++)
            rc = find_all(m, tb->aliases[a], K_TABLE, (int)i, hs);
        if (rc == 0 && hs->n == before)
            missing = 1;
    }
    for (size_t i = 0; i < t->ntables && rc == 0 && missing && hs->n; i++) {
        size_t k = 0;
        while (k < hs->n && !(hs->h[k].kind == K_TABLE && hs->h[k].idx == (int)i))
            k++;
        if (k == hs->n) /* the other tables' headings were found: look for this one misspelt */
            rc = fuzzy_heading(m, &t->tables[i], (int)i, hs);
    }
    return rc;
}

static int has_digit(const nmap *m, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (m->n[i] >= '0' && m->n[i] <= '9')
            return 1;
    return 0;
}

static uint32_t col_of(const reader *rd, uint32_t line_off, uint32_t off)
{
    return 1 + (uint32_t)xn_utf8_count(rd->buf + line_off, off - line_off);
}

/* A segment [a, b) of m as a line of its own. */
static int emit(reader *rd, const tline *whole, uint32_t line_off, const nmap *m, size_t a, size_t b, int region,
                int heading)
{
    uint32_t off = m->src[a], len = m->src[b] - off;
    tx_trim(rd->buf, &off, &len);
    if (len == 0)
        return 0;
    if (tx_grow((void **)&rd->lines, &rd->caplines, rd->nlines + 1, sizeof(tline)))
        return XXGK_ENOMEM;
    tline *ln = &rd->lines[rd->nlines++];
    memset(ln, 0, sizeof *ln);
    ln->no = whole->no;
    ln->off = off;
    ln->len = len;
    ln->region = (int16_t)region;
    ln->heading = (uint8_t)heading;
    ln->runon = !heading && region >= 0 && region < REG_SEC;
    ln->col0 = col_of(rd, line_off, off);
    if (ln->runon) {
        char *norm = xx_malloc(b - a + 1);
        if (!norm)
            return xx_oom();
        memcpy(norm, m->n + a, b - a);
        norm[b - a] = '\0';
        tx_detect_words(norm, &rd->s2019, &rd->s2021);
        xx_free(norm);
    }
    return 0;
}

int tx_runon_line(reader *rd, const xxgk_template *ht, const tline *ln, uint32_t line_off, int *region)
{
    if (ln->len < RUNON_MIN)
        return 0;
    tline whole = *ln;
    nmap m;
    hits hs = { 0 };
    int rc = nmap_build(&m, rd->buf, whole.off, whole.len);
    if (rc)
        return rc;
    if ((rc = heading_hits(&m, ht, &hs)) == 0) {
        settle(&hs);
        size_t tables = 0, pos = 0;
        for (size_t i = 0; i < hs.n; i++)
            if (hs.h[i].kind == K_TABLE && has_digit(&m, hs.h[i].e, i + 1 < hs.n ? hs.h[i + 1].s : m.len))
                tables++; /* a table's heading with its figures after it */
        for (size_t i = 0; tables && i < hs.n && rc == 0; i++) {
            const hit *h = &hs.h[i];
            int next = h->kind == K_TABLE ? h->idx : REG_SEC + h->idx;
            if ((rc = emit(rd, &whole, line_off, &m, pos, h->s, *region, 0)) == 0)
                rc = emit(rd, &whole, line_off, &m, h->s, h->e, next, 1);
            *region = next;
            pos = h->e;
        }
        if (tables && rc == 0)
            rc = emit(rd, &whole, line_off, &m, pos, m.len, *region, 0);
        if (rc == 0)
            rc = tables ? 1 : 0;
    }
    xx_free(hs.h);
    nmap_free(&m);
    return rc;
}

/* ------------------------------------------------------------------------ */
/* pass 2: rows                                                             */
/* ------------------------------------------------------------------------ */

int tx_table_is_runon(const reader *rd, int ti)
{
    for (size_t li = 0; li < rd->nlines; li++)
        if (rd->lines[li].region == ti && rd->lines[li].runon)
            return 1;
    return 0;
}

static int label_hits(const nmap *m, const xt_table *tb, hits *hs)
{
    int rc = 0;
    for (int r = 0; r < tb->nrows && rc == 0; r++) {
        const xt_row *rw = &tb->rows[r];
        rc = find_all(m, rw->norm, K_ROW, r, hs);
        for (int a = 0; a < rw->naliases && rc == 0; a++)
            rc = find_all(m, rw->aliases[a], K_ROW, r, hs);
    }
    for (int k = 0; k < tb->ncols && rc == 0; k++)
        rc = find_all(m, tb->cols[k].norm, K_HEADER, k, hs);
    for (int k = 0; k < tb->nhdr && rc == 0; k++)
        rc = find_all(m, tb->hdr[k].norm, K_HEADER, k, hs);
    for (int b = 0; b < tb->nblocks && rc == 0; b++)
        if (tb->blocks[b].norm)
            rc = find_all(m, tb->blocks[b].norm, K_HEADER, b, hs);
    if (rc == 0 && tb->corner && tb->corner[0]) {
        char norm[XM_NORM_CAP];
        size_t n = xm_norm(norm, sizeof norm, tb->corner, strlen(tb->corner));
        if (n > 0 && n < sizeof norm)
            rc = find_all(m, norm, K_HEADER, 0, hs);
    }
    return rc;
}

/* Whether buf[off, off+len) is a run of values: digits (with signs, decimal points, blanks
 * between groups and a unit after a group), at least one digit. */
static int value_run(const char *s, size_t n)
{
    static const char *const units[] = { "万元", "元", "件", "项" };
    int digits = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c >= '0' && c <= '9') {
            digits = 1;
            i++;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '.' || c == '-' || c == '+') {
            i++;
            continue;
        }
        if (n - i >= 3 && !memcmp(s + i, "\xE3\x80\x80", 3)) {
            i += 3;
            continue;
        }
        size_t k = 0;
        for (size_t u = 0; u < sizeof units / sizeof *units && !k; u++) {
            size_t l = strlen(units[u]);
            if (n - i >= l && !memcmp(s + i, units[u], l) && (i + l == n || s[i + l] == ' '))
                k = l;
        }
        if (!k)
            return 0;
        i += k;
    }
    return digits;
}

static int new_cell(reader *rd, uint32_t li, uint32_t off, uint32_t len, uint8_t value, uint32_t *id)
{
    if (tx_grow((void **)&rd->cells, &rd->capcells, rd->ncells + 1, sizeof(tcell)))
        return XXGK_ENOMEM;
    const tline *ln = &rd->lines[li];
    tcell *c = &rd->cells[rd->ncells];
    c->off = off;
    c->len = len;
    c->col = ln->col0 + (uint32_t)xn_utf8_count(rd->buf + ln->off, off - ln->off);
    c->line = li;
    c->value = value;
    c->placed = 0;
    *id = (uint32_t)rd->ncells++;
    return 0;
}

static int add_run_row(reader *rd, uint32_t li, int row, uint32_t lab_off, uint32_t lab_len, uint32_t off,
                       uint32_t len)
{
    uint32_t lab, ci;
    int rc;
    if ((rc = new_cell(rd, li, lab_off, lab_len, V_TEXT, &lab)) != 0 ||
        (rc = tx_new_row(rd, row, li, rd->cells[lab].col, row >= 0 ? lab : UINT32_MAX)) != 0)
        return rc;
    rd->rows[rd->nrows - 1].runon = 1;
    const char *s = rd->buf;
    for (uint32_t i = off, e = off + len; i < e;) {
        size_t w;
        while (i < e && (w = xn_space_at(s + i, e - i)) != 0)
            i += (uint32_t)w;
        uint32_t st = i;
        while (i < e && xn_space_at(s + i, e - i) == 0)
            i++;
        if (i > st && ((rc = new_cell(rd, li, st, i - st, V_RUN, &ci)) != 0 || (rc = tx_add_val(rd, ci)) != 0))
            return rc;
    }
    return 0;
}

/* The rows of one run-together line of table tb: a row label, then a run of values; in
 * the inline table also a run after its header. Rows count only after the table's header
 * began (a label in a sentence before the table is no row). */
static int runon_rows(reader *rd, const xt_table *tb, uint32_t li, const nmap *m, const hits *hs)
{
    int header = 0, rc = 0;
    for (size_t i = 0; i < hs->n && rc == 0; i++) {
        const hit *h = &hs->h[i];
        size_t gap_e = i + 1 < hs->n ? hs->h[i + 1].s : m->len;
        uint32_t off = m->src[h->e], len = m->src[gap_e] - off;
        tx_trim(rd->buf, &off, &len);
        if (h->kind == K_HEADER)
            header = 1;
        if (!header || len == 0 || !value_run(rd->buf + off, len))
            continue;
        int row = -2;
        if (h->kind == K_ROW && (tb->rows[h->idx].flags & XT_ROW_CELLS))
            row = h->idx;
        else if (h->kind == K_HEADER && tb->inline_layout)
            row = -1;
        if (row == -2)
            continue;
        rc = add_run_row(rd, li, row, m->src[h->s], m->src[h->e] - m->src[h->s], off, len);
    }
    return rc;
}

int tx_build_rows_runon(reader *rd, int ti, size_t *first_row)
{
    const xt_table *tb = &rd->t->tables[ti];
    int rc = 0;
    *first_row = rd->nrows;
    for (size_t li = 0; li < rd->nlines && rc == 0; li++) {
        const tline *ln = &rd->lines[li];
        if (ln->region != ti || !ln->runon)
            continue;
        nmap m;
        hits hs = { 0 };
        if ((rc = nmap_build(&m, rd->buf, ln->off, ln->len)) != 0)
            return rc;
        if ((rc = label_hits(&m, tb, &hs)) == 0) {
            settle(&hs);
            rc = runon_rows(rd, tb, (uint32_t)li, &m, &hs);
        }
        xx_free(hs.h);
        nmap_free(&m);
    }
    return rc;
}
