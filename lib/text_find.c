/* SPDX-License-Identifier: MIT */
/* Text reader: which table or section a heading starts, the table a row without its heading
 * belongs to, and which template the labels tell. */
#include "text_read.h"
#include "match.h"
#include "normalize.h"

#include <stdio.h>
#include <string.h>

/* A heading: the region it starts (a table index or REG_SEC + section), or -2. */
/* The last character of s[0..n) that a heading's name could end with (past closing
 * marks: ":", "：", ".", "。", "*", "#" and blanks), folded; 0 if none. */
static uint32_t last_char(const char *s, size_t n)
{
    while (n > 0) {
        size_t k = n - 1;
        while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
            k--;
        size_t adv;
        int32_t cp = xn_utf8_decode((const unsigned char *)s + k, n - k, &adv);
        uint32_t f = cp < 0 ? 0 : xn_fold((uint32_t)cp);
        if (f && f != ':' && f != '.' && f != '*' && f != '#')
            return f;
        n = k;
    }
    return 0;
}

static int ends_with(const char *norm, uint32_t cp)
{
    size_t n = strlen(norm);
    return n && last_char(norm, n) == cp;
}

/* Whether a heading of t (a section's or a table's, or a variant) ends with cp: most lines
 * are no heading, and this says so without normalizing them. */
static int may_be_heading(const xxgk_template *t, uint32_t cp)
{
    for (size_t i = 0; i < t->nsections; i++) {
        const xt_section *sc = &t->sections[i];
        if (sc->norm[0] && ends_with(sc->norm, cp))
            return 1;
        for (size_t a = 0; a < sc->naliases; a++)
            if (ends_with(sc->aliases[a], cp))
                return 1;
    }
    for (size_t i = 0; i < t->ntables; i++) {
        const xt_table *tb = &t->tables[i];
        if (ends_with(tb->norm, cp))
            return 1;
        for (size_t a = 0; a < tb->naliases; a++)
            if (ends_with(tb->aliases[a], cp))
                return 1;
    }
    return 0;
}

int tx_heading_of(const xxgk_template *t, const char *s, size_t n)
{
    char norm[400];
    /* headings are short lines without cell separators */
    if (n > 160 || memchr(s, '|', n) || memchr(s, '\t', n) || !may_be_heading(t, last_char(s, n)))
        return -2;
    size_t nl = tx_label_norm(norm, sizeof norm, s, n);
    if (nl == 0 || nl >= sizeof norm)
        return -2;
    int i = xm_section(t, norm);
    if (i >= 0)
        return REG_SEC + i;
    i = xm_table(t, norm);
    return i >= 0 ? i : -2;
}

/* The table whose row a line before any heading is: a row label matched exactly (in either
 * template) followed by values. -1 if none. */
int tx_headless_table(reader *rd, const tline *ln)
{
    if (ln->nfilled == 0 || ln->nlab == 0)
        return -1;
    for (size_t k = 0; k < xt_ntemplates; k++) {
        const xxgk_template *t = xt_templates[k];
        for (size_t ti = 0; ti < t->ntables; ti++)
            for (uint32_t c = 0; c < ln->nlab; c++) {
                const tcell *cell = &rd->cells[ln->c0 + c];
                int a, b;
                int m = tx_match_label(&t->tables[ti], rd->buf + cell->off, cell->len, -1, 0, &a, &b);
                if (m >= 0 && (t->tables[ti].rows[m].flags & XT_ROW_CELLS))
                    return (int)ti;
            }
    }
    return -1;
}

void tx_detect_words(const char *norm, int *s2019, int *s2021)
{
    xm_template_words(norm, s2019, s2021);
}

/* The template in force for a report year: the one with the latest first year not after
 * it, or NULL. */
static const xxgk_template *template_of_year(int year)
{
    const xxgk_template *best = NULL;
    for (size_t k = 0; k < xt_ntemplates; k++) {
        const xxgk_template *t = xt_templates[k];
        if (t->first_year <= year && (!best || t->first_year > best->first_year))
            best = t;
    }
    return best;
}

/* The template: the caller's, else the one whose own label words the tables use more, else
 * the one in force for the report's year; a diagnostic says when the labels do not decide. */
int tx_choose_template(reader *rd, const struct xxgk_parse_options *o)
{
    int rc, by_year = 0;
    const xxgk_template *t = o->tpl;
    int undecided = !t && (rd->s2019 > 0) == (rd->s2021 > 0);
    if (!t && undecided && !rd->s2019 && rd->meta.year && (t = template_of_year(rd->meta.year)) != NULL)
        by_year = 1;
    if (!t)
        t = xxgk_template_get(rd->s2019 > rd->s2021 ? "2019" : "2021");
    if (!t)
        t = xxgk_template_default();
    rd->t = t;
    if ((rc = xx_report_new_read(&rd->r, t)) != 0)
        return rc;
    long first_table = 0;
    for (size_t li = 0; li < rd->nlines && !first_table; li++)
        if (rd->lines[li].region >= 0 && rd->lines[li].region < REG_SEC)
            first_table = (long)rd->lines[li].no;
    if (!undecided || !first_table)
        return 0;
    if (by_year) {
        char zh[200], en[200];
        snprintf(zh, sizeof zh, "表格标签不足以判断格式版本，按报告年度（%d年）适用的%s年版读取", rd->meta.year, t->id);
        snprintf(en, sizeof en, "the table labels do not tell the template; read as %s, the one in force in %d", t->id,
                 rd->meta.year);
        return xx_diag(rd->r, "READ.TEMPLATE", XXGK_SEVERITY_INFO, first_table, 1, NULL, zh, en);
    }
    return xx_diagf(rd->r, "READ.TEMPLATE", XXGK_SEVERITY_INFO, first_table, 1, NULL,
                    rd->s2019 ? "表格标签同时含有2019年版和2021年版的特征（%d:%d），按%s年版读取"
                              : "表格标签不足以判断格式版本（%d:%d），报告年度也不明，按%s年版读取",
                    rd->s2019 ? "the table labels have features of both the 2019 and 2021 templates "
                                "(%d:%d); read as %s"
                              : "the table labels do not tell the template (%d:%d) nor is the report year known; "
                                "read as %s",
                    rd->s2019, rd->s2021, t->id);
}
