/* SPDX-License-Identifier: MIT */
/* Text reader: the title (with agency and year) and the narrative sections. */
#include "text_read.h"
#include "normalize.h"

#include <stdio.h>
#include <string.h>

static int find_year(const char *s, size_t n, size_t *at)
{
    for (size_t i = 0; i + 7 <= n; i++) {
        if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
            continue;
        size_t k = 0;
        while (k < 4 && s[i + k] >= '0' && s[i + k] <= '9')
            k++;
        if (k == 4 && !memcmp(s + i + 4, "年", 3)) {
            int y = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
            if (y >= 1949) {
                *at = i;
                return y;
            }
        }
    }
    return 0;
}

static int is_title(const char *s, size_t n)
{
    char norm[600];
    if (n > 400)
        return 0;
    size_t nl = tx_label_norm(norm, sizeof norm, s, n);
    if (nl >= sizeof norm)
        return 0;
    size_t at;
    return tx_has(norm, "年度报告") && tx_has(norm, "政府信息公开") && find_year(s, n, &at) != 0;
}

static int set_title(reader *rd, const char *s, size_t n)
{
    int rc = xx_set_string(&rd->r->title, s, n);
    if (rc)
        return rc;
    size_t at = 0;
    int y = find_year(s, n, &at);
    if (y > 9999)
        y = 0;
    rd->r->year = y;
    uint32_t ao = (uint32_t)0, al = (uint32_t)at;
    tx_trim(s, &ao, &al);
    if (al == 0) {
        /* 2023年度XX局政府信息公开工作年度报告: the agency follows the year */
        size_t st = at + 7;
        if (st + 3 <= n && !memcmp(s + st, "度", 3))
            st += 3;
        const char *e = NULL;
        for (size_t i = st; i + 15 <= n; i++)
            if (!memcmp(s + i, "政府信息公", 15)) { e = s + i; break; }
        ao = (uint32_t)st;
        al = e ? (uint32_t)(e - s - (ptrdiff_t)st) : 0;
        tx_trim(s, &ao, &al);
    }
    return xx_set_string(&rd->r->agency, s + ao, al);
}

static int join_lines(reader *rd, int region, size_t from, char **field)
{
    xbuf b = { 0 };
    for (size_t li = from; li < rd->nlines; li++) {
        const tline *ln = &rd->lines[li];
        if (ln->region != region || ln->heading || ln->skip || ln->len == 0)
            continue;
        if (b.len)
            xb_putc(&b, '\n');
        xb_put(&b, rd->buf + ln->off, ln->len);
    }
    if (b.failed) {
        xb_free(&b);
        return xx_oom();
    }
    int rc = xx_set_string(field, b.p ? b.p : "", b.len);
    xb_free(&b);
    return rc;
}

/* The title: the first line before any heading (without a Markdown "#"), or the first two
 * joined when the second is the title's end ("年度报告"). *pre_from is the first line after it. */
static int read_title(reader *rd, size_t *pre_from)
{
    int rc;
    size_t a = SIZE_MAX, b = SIZE_MAX;
    *pre_from = 0;
    for (size_t li = 0; li < rd->nlines; li++) {
        const tline *ln = &rd->lines[li];
        if (ln->region != REG_PRE || ln->heading)
            break;
        if (!ln->len)
            continue;
        if (a == SIZE_MAX) a = li;
        else { b = li; break; }
    }
    if (a == SIZE_MAX)
        return 0;
    tline mdt = rd->lines[a]; /* a Markdown title: "# ..." */
    if (rd->buf[mdt.off] == '#') {
        while (mdt.len && rd->buf[mdt.off] == '#') { mdt.off++; mdt.len--; }
        tx_trim(rd->buf, &mdt.off, &mdt.len);
    }
    const tline *la = &mdt;
    if (is_title(rd->buf + la->off, la->len)) {
        if ((rc = set_title(rd, rd->buf + la->off, la->len)) != 0)
            return rc;
        *pre_from = a + 1;
    } else if (b != SIZE_MAX && la->len + rd->lines[b].len < 400) {
        char j[420];
        const tline *lb = &rd->lines[b];
        memcpy(j, rd->buf + la->off, la->len);
        memcpy(j + la->len, rd->buf + lb->off, lb->len);
        char nb[100];
        size_t nbl = tx_label_norm(nb, sizeof nb, rd->buf + lb->off, lb->len);
        if (nbl < 40 && !strncmp(nb, "年度报告", 12) && is_title(j, la->len + lb->len)) {
            if ((rc = set_title(rd, j, la->len + lb->len)) != 0)
                return rc;
            *pre_from = b + 1;
        }
    }
    return 0;
}

int tx_read_meta(reader *rd)
{
    size_t pre_from;
    int rc = read_title(rd, &pre_from);
    if (rc)
        return rc;
    if ((rc = join_lines(rd, REG_PRE, pre_from, &rd->r->sections[0])) != 0)
        return rc;
    for (size_t i = 1; i < rd->t->nsections && i < XX_MAX_SECTIONS; i++)
        if ((rc = join_lines(rd, REG_SEC + (int)i, 0, &rd->r->sections[i])) != 0)
            return rc;
    return 0;
}
