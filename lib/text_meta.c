/* SPDX-License-Identifier: MIT */
/* Text reader: the title (with agency and year) and the narrative sections. */
#include "text_read.h"
#include "title.h"
#include "text_escape.h"
#include "normalize.h"

#include <stdio.h>
#include <string.h>

/* The 1-based column (in characters) of byte off on its line. */
static uint32_t column_of(const char *buf, uint32_t off)
{
    uint32_t i = off, col = 1;
    while (i > 0 && buf[i - 1] != '\n')
        i--;
    for (; i < off; i++)
        col += ((unsigned char)buf[i] & 0xC0) != 0x80;
    return col;
}

/* Section sec's text: the lines of its region, one per line, each line's place kept in the
 * model (so that a finding about the narrative can name it). */
static int join_lines(reader *rd, int region, size_t from, size_t sec)
{
    xbuf b = { 0 };
    int rc = 0;
    xx_section_forget(rd->r, sec);
    for (size_t li = from; li < rd->nlines && !rc; li++) {
        const tline *ln = &rd->lines[li];
        if (ln->region != region || ln->heading || ln->skip || ln->len == 0)
            continue;
        if (b.len)
            xb_putc(&b, '\n');
        if (rd->md)
            xx_md_decode(&b, rd->buf + ln->off, ln->len);
        else
            xb_put(&b, rd->buf + ln->off, ln->len);
        rc = xx_section_line(rd->r, sec, ln->no, column_of(rd->buf, ln->off));
    }
    if (b.failed || rc) {
        xb_free(&b);
        return xx_oom();
    }
    rc = xx_set_string(&rd->r->sections[sec], b.p ? b.p : "", b.len);
    xb_free(&b);
    return rc;
}

enum { TITLE_LINES = 8 };

/* A crawler's header line "KEY: value": narrow [*off, *off+*len) to the value and return 1
 * when the line has that key. */
static int after_key(const char *buf, const char *key, uint32_t *off, uint32_t *len)
{
    size_t k = strlen(key);
    const char *s = buf + *off;
    if (*len < k + 1 || memcmp(s, key, k) != 0)
        return 0;
    size_t c = s[k] == ':' ? 1 : *len >= k + 3 && !memcmp(s + k, "：", 3) ? 3 : 0;
    if (!c)
        return 0;
    *off += (uint32_t)(k + c);
    *len -= (uint32_t)(k + c);
    tx_trim(buf, off, len);
    return 1;
}

/* A line of the first ones without what surrounds a title on pages: a Markdown "#", a
 * flipbook's "Page 8 - ". */
static void title_text(const reader *rd, const tline *ln, uint32_t *off, uint32_t *len)
{
    *off = ln->off;
    *len = ln->len;
    const char *s = rd->buf + *off;
    if (*len > 5 && !memcmp(s, "Page ", 5)) {
        uint32_t k = 5;
        while (k < *len && s[k] >= '0' && s[k] <= '9')
            k++;
        if (k > 5 && k + 2 < *len && s[k] == ' ' && s[k + 1] == '-') {
            *off += k + 2;
            *len -= k + 2;
        }
    }
    while (*len && rd->buf[*off] == '#') {
        (*off)++;
        (*len)--;
    }
    tx_trim(rd->buf, off, len);
    after_key(rd->buf, "标题", off, len);
}

/* The first lines before any heading, as title_text gives them: how many. */
static size_t first_lines(const reader *rd, size_t *idx, uint32_t *off, uint32_t *len)
{
    size_t n = 0;
    for (size_t li = 0; li < rd->nlines && n < TITLE_LINES; li++) {
        const tline *ln = &rd->lines[li];
        if (ln->region != REG_PRE || ln->heading || ln->len > 300)
            break;
        idx[n] = li;
        title_text(rd, ln, &off[n], &len[n]);
        n++;
    }
    return n;
}

/* The organization named alone on line k of the first lines (a title's agency line; in a
 * PDF's text, as xx_title_tidy leaves it). */
static int agency_line(reader *rd, const uint32_t *off, const uint32_t *len, size_t k)
{
    size_t at, n = len[k];
    char *a = rd->meta.agency;
    if (n >= sizeof rd->meta.agency)
        return 0;
    memcpy(a, rd->buf + off[k], n);
    if (rd->pdf)
        n = xx_title_tidy(a, n);
    if (xx_title_year(a, n, &at, NULL) || !xx_agency_ok(a, n))
        return 0;
    rd->meta.agency_len = n;
    return 1;
}

static void set_title(reader *rd, const char *s, size_t n)
{
    size_t at, al;
    if (rd->md && memchr(s, '&', n)) {
        xbuf d = { 0 };
        xx_md_decode(&d, s, n);
        if (!d.failed && d.len < sizeof rd->meta.title) {
            memcpy(rd->meta.title, d.p, d.len);
            n = d.len;
        } else {
            memmove(rd->meta.title, s, n);
        }
        xb_free(&d);
        s = rd->meta.title;
    } else {
        memmove(rd->meta.title, s, n);
    }
    if (rd->pdf) /* pdftotext puts spaces where the font changes or the type is spaced */
        n = xx_title_tidy(rd->meta.title, n);
    s = rd->meta.title;
    rd->meta.title_len = n;
    rd->meta.year = xx_title_year(s, n, &at, NULL);
    const char *a = xx_title_agency(rd->meta.title, n, &al);
    if (a && al < sizeof rd->meta.agency) {
        memcpy(rd->meta.agency, a, al);
        rd->meta.agency_len = al;
    }
}

/* The title printed without its agency, which stands on a line of its own: the report's
 * name is both ("桃江县松木塘镇人民政府" + "2022年政府信息公开工作年度报告"). */
static void name_title(reader *rd)
{
    tmeta *m = &rd->meta;
    if (m->agency_len + m->title_len >= sizeof m->title)
        return;
    memmove(m->title + m->agency_len, m->title, m->title_len);
    memcpy(m->title, m->agency, m->agency_len);
    m->title_len += m->agency_len;
}

/* The title: the plainest title line among the first lines (a site's chrome may come
 * first), or two lines joined when only together they are one ("…政府信息公开" ⏎ "年度报告");
 * its agency, when the title does not name it, from a line of only an organization's name
 * just before or after it. */
static void find_title(reader *rd)
{
    size_t idx[TITLE_LINES];
    uint32_t off[TITLE_LINES], len[TITLE_LINES];
    size_t n = first_lines(rd, idx, off, len), best = SIZE_MAX, last;
    char *j = rd->meta.title;
    int score = 0;
    for (size_t k = 0; k < n; k++) {
        int sc = len[k] < sizeof rd->meta.title ? xx_title_score(rd->buf + off[k], len[k]) : 0;
        if (sc > score) {
            score = sc;
            best = k;
        }
    }
    if (best != SIZE_MAX) {
        set_title(rd, rd->buf + off[best], len[best]);
        last = best;
    } else {
        for (size_t k = 0; k + 1 < n && best == SIZE_MAX; k++) {
            if (len[k] + len[k + 1] >= sizeof rd->meta.title)
                continue;
            memcpy(j, rd->buf + off[k], len[k]);
            memcpy(j + len[k], rd->buf + off[k + 1], len[k + 1]);
            if (xx_title_score(j, len[k] + len[k + 1]))
                best = k;
        }
        if (best == SIZE_MAX)
            return;
        set_title(rd, j, len[best] + len[best + 1]);
        last = best + 1;
    }
    rd->meta.pre_from = idx[last] + 1;
    if (!rd->meta.agency_len && best > 0 && agency_line(rd, off, len, best - 1))
        name_title(rd);
    if (!rd->meta.agency_len && last + 1 < n && agency_line(rd, off, len, last + 1)) {
        name_title(rd);
        rd->meta.pre_from = idx[last + 1] + 1;
    }
    for (size_t k = 0; k < n && !rd->meta.agency_len; k++) {
        uint32_t o = rd->lines[idx[k]].off, l = rd->lines[idx[k]].len;
        if (after_key(rd->buf, "发布机构", &o, &l))
            agency_line(rd, &o, &l, 0);
    }
}

/* Whether a line belongs to the narrative (the preamble or a section). */
static int narrative(const tline *ln)
{
    return !ln->heading && (ln->region == REG_PRE || ln->region >= REG_SEC);
}

/* The year of the reporting period ("统计期限为2020年1月1日至2020年12月31日",
 * "自2023年1月1日起至12月31日止"), 0 if none or two disagree. */
static int period_year(const reader *rd)
{
    int year = 0;
    for (size_t li = 0; li < rd->nlines; li++) {
        const tline *ln = &rd->lines[li];
        if (!narrative(ln))
            continue;
        int y = xx_period_year(rd->buf + ln->off, ln->len, NULL, NULL);
        if (!y)
            continue;
        if (year && year != y)
            return 0;
        year = y;
    }
    return year;
}

/* The year that paragraphs of the narrative start with ("2019年，我局…", "2020年度我街办"),
 * when they all name the same one; a sentence about plans ("2021年，我局将…") is not the
 * report's year. */
static int narrative_year(const reader *rd)
{
    int year = 0;
    for (size_t li = 0; li < rd->nlines; li++) {
        const tline *ln = &rd->lines[li];
        const char *s = rd->buf + ln->off;
        size_t n = ln->len, at, end;
        if (!narrative(ln) || li < rd->meta.pre_from)
            continue;
        int y = xx_title_year(s, n, &at, &end);
        if (!y || at != 0 || (end < n && s[end] >= '0' && s[end] <= '9'))
            continue;
        size_t e = end;
        while (e < n && s[e] != ',' && memcmp(s + e, "，", 3) != 0 && memcmp(s + e, "。", 3) != 0)
            e++;
        int plan = 0;
        for (size_t k = end; k + 3 <= n && k < e + 24 && !plan; k++)
            plan = !memcmp(s + k, "将", 3) || !memcmp(s + k, "將", 3);
        if (plan)
            continue;
        if (year && year != y)
            return 0;
        year = y;
    }
    return year;
}

void tx_find_meta(reader *rd)
{
    find_title(rd);
    if (!rd->meta.year)
        rd->meta.year = period_year(rd);
    if (!rd->meta.year)
        rd->meta.year = narrative_year(rd);
}

int tx_read_meta(reader *rd)
{
    int rc;
    if ((rc = xx_set_string(&rd->r->title, rd->meta.title, rd->meta.title_len)) != 0 ||
        (rc = xx_set_string(&rd->r->agency, rd->meta.agency, rd->meta.agency_len)) != 0)
        return rc;
    rd->r->year = rd->meta.year;
    if ((rc = join_lines(rd, REG_PRE, rd->meta.pre_from, 0)) != 0)
        return rc;
    for (size_t i = 1; i < rd->t->nsections && i < XX_MAX_SECTIONS; i++)
        if ((rc = join_lines(rd, REG_SEC + (int)i, 0, i)) != 0)
            return rc;
    return 0;
}
