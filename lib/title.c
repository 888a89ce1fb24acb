/* SPDX-License-Identifier: MIT */
/* A report's title (see title.h). */
#include "title.h"
#include "match.h"
#include "normalize.h"

#include <string.h>

/* White space between a year's digits and its 年 ("2025 年"): ASCII blanks, U+3000. */
static size_t gap_at(const char *s, size_t n)
{
    if (n >= 1 && (s[0] == ' ' || s[0] == '\t'))
        return 1;
    if (n >= 3 && !memcmp(s, "\xE3\x80\x80", 3))
        return 3;
    return 0;
}

int xx_title_year(const char *s, size_t n, size_t *at, size_t *end)
{
    for (size_t i = 0; i + 7 <= n; i++) {
        if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
            continue;
        size_t k = 0;
        while (k < 4 && s[i + k] >= '0' && s[i + k] <= '9')
            k++;
        if (k != 4)
            continue;
        size_t e = i + 4, g;
        while (e < n && (g = gap_at(s + e, n - e)) != 0)
            e += g;
        if (e + 3 > n || memcmp(s + e, "年", 3) != 0)
            continue;
        int y = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
        if (y >= 1949 && y <= 9999) {
            *at = i;
            if (end)
                *end = e + 3;
            return y;
        }
    }
    return 0;
}

static const char *find_bytes(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (!memcmp(s + i, needle, k))
            return s + i;
    return NULL;
}

int xx_period_year(const char *s, size_t n, size_t *at, size_t *end)
{
    static const char jan1[] = "1月1日", dec31[] = "12月31日";
    int year = 0;
    size_t pos = 0, a, e;
    int y;
    while (pos < n && (y = xx_title_year(s + pos, n - pos, &a, &e)) != 0) {
        const char *p = s + pos + e;
        size_t rest = n - pos - e, start = pos + a;
        pos += e;
        if (rest < sizeof jan1 - 1 || memcmp(p, jan1, sizeof jan1 - 1) != 0)
            continue;
        size_t win = rest < 60 ? rest : 60, a2, e2;
        const char *dec = find_bytes(p + sizeof jan1 - 1, win - (sizeof jan1 - 1), dec31);
        if (!dec)
            continue;
        int y2 = xx_title_year(p, (size_t)(dec - p), &a2, &e2);
        if (y2 && y2 != y)
            continue;
        if (year && year != y)
            return 0;
        if (!year) {
            if (at)
                *at = start;
            if (end)
                *end = (size_t)(dec - s) + sizeof dec31 - 1;
        }
        year = y;
    }
    return year;
}

int xx_title_score(const char *s, size_t n)
{
    char norm[600];
    /* a sentence that names the report is not its title: said before normalizing it */
    if (n > 400 || find_bytes(s, n, "。") || find_bytes(s, n, "，"))
        return 0;
    size_t nl = xm_norm(norm, sizeof norm, s, n);
    if (nl >= sizeof norm)
        return 0;
    int report = strstr(norm, "年度报告") || strstr(norm, "年报");
    if (report && strstr(norm, "政府信息公开"))
        return 2;
    return report && strstr(norm, "信息公开") ? 1 : 0;
}

int xx_title_is(const char *s, size_t n)
{
    size_t at;
    return xx_title_score(s, n) == 2 && xx_title_year(s, n, &at, NULL) != 0;
}

/* The endings of an organization's name, longest first where one ends another. */
static const char *const org_suffix[] = {
    "街道办事处", "人民政府", "委员会", "办公室", "管理局", "管委会", "办事处", "政府", "中心", "园区",
    "街道", "局", "委", "办", "厅", "署", "院", "所", "站", "馆", "队", "镇", "乡", "区", "县", "市",
};

/* Characters a sentence has and a name has not. */
static int sentence_char(int32_t cp)
{
    static const int32_t marks[] = { 0xFF0C, 0x3002, ',', '.', 0xFF1A, ':', 0xFF1B, ';', 0xFF01, '!', 0xFF1F,
                                     '?', 0x300A, 0x300B, 0x201C, 0x201D, '"', 0x3001, 0x3010, 0x3011, '[',
                                     ']', '|', '_', '/' };
    if (cp == ' ' || cp == '\t' || (cp >= '0' && cp <= '9') || cp == 0x3000)
        return 1;
    for (size_t k = 0; k < sizeof marks / sizeof *marks; k++)
        if (cp == marks[k])
            return 1;
    return 0;
}

int xx_agency_ok(const char *s, size_t n)
{
    size_t cps = 0, i = 0;
    while (i < n) {
        size_t adv;
        int32_t cp = xn_utf8_decode((const unsigned char *)s + i, n - i, &adv);
        if (cp < 0 || sentence_char(cp))
            return 0;
        i += adv;
        cps++;
    }
    if (cps < 2 || cps > 40)
        return 0;
    static const char *const verbs[] = { "根据", "根據", "按照", "公布", "发布", "编制", "我" };
    for (size_t k = 0; k < sizeof verbs / sizeof *verbs; k++)
        if (find_bytes(s, n, verbs[k]))
            return 0; /* a sentence: "现公布区统计局" */
    char norm[200];
    size_t nl = xm_norm(norm, sizeof norm, s, n); /* 街道辦事處 as 街道办事处 */
    if (nl >= sizeof norm)
        return 0;
    for (size_t k = 0; k < sizeof org_suffix / sizeof *org_suffix; k++) {
        size_t l = strlen(org_suffix[k]);
        if (nl > l && !memcmp(norm + nl - l, org_suffix[k], l))
            return 1;
    }
    return 0;
}

/* s[0..*n) without white space and the words around a name in a title ("关于", "《"). */
static const char *strip_name(const char *s, size_t *n)
{
    static const char *const words[] = { "关于", "關於", "《" };
    s = xn_trim(s, n);
    for (size_t k = 0; k < sizeof words / sizeof *words; k++) {
        size_t l = strlen(words[k]);
        if (*n >= l && !memcmp(s, words[k], l)) {
            s += l;
            *n -= l;
            s = xn_trim(s, n);
        }
        if (*n >= l && !memcmp(s + *n - l, words[k], l)) {
            *n -= l;
            s = xn_trim(s, n);
        }
    }
    return s;
}

const char *xx_title_agency(const char *s, size_t n, size_t *len)
{
    static const char *const stops[] = { "政府信息公开", "政府信息公開", "信息公开", "信息公開",
                                         "年度报告", "年度報告", "年報", "年报" };
    size_t at = 0, end = 0, al = 0, st = 0;
    const char *a = NULL;
    *len = 0;
    if (xx_title_year(s, n, &at, &end)) {
        al = at;
        a = strip_name(s, &al);
        st = end; /* 2023年度XX局政府信息公开工作年度报告: the name follows the year */
        if (st + 3 <= n && !memcmp(s + st, "度", 3))
            st += 3;
    }
    if (al == 0) {
        /* the name up to the title's words (also in a title without a year) */
        const char *e = NULL;
        for (size_t k = 0; k < sizeof stops / sizeof *stops && !e; k++)
            e = find_bytes(s + st, n - st, stops[k]);
        if (!e)
            return NULL;
        al = (size_t)(e - (s + st));
        a = strip_name(s + st, &al);
    }
    if (!xx_agency_ok(a, al))
        return NULL;
    *len = al;
    return a;
}

/* A character of CJK text: Han, CJK punctuation, full-width forms. */
static int wide(int32_t cp)
{
    return (cp >= 0x3001 && cp <= 0x303F) || (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFF01 && cp <= 0xFF60) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

static int digit(int32_t cp)
{
    return cp >= '0' && cp <= '9';
}

/* Whether white space between a and b is the extractor's: none is written between CJK
 * characters, nor between them and a number; letter-spaced digits ("2 0 2 3 年": a and b
 * each a digit standing alone) are one number. */
static int stray_gap(int32_t a, int a_alone, int32_t b, int b_alone)
{
    if (wide(a))
        return wide(b) || digit(b);
    return digit(a) && (wide(b) || (digit(b) && a_alone && b_alone));
}

size_t xx_title_tidy(char *s, size_t n)
{
    size_t o = 0, i = 0, adv;
    int32_t prev = -1;  /* the last character kept */
    int prev_alone = 0; /* it had no digit just before it */
    int gap = 1;        /* white space (or the start) just before i */
    while (i < n) {
        size_t w, e = i;
        while (e < n && (w = xn_space_at(s + e, n - e)) != 0)
            e += w;
        if (e > i) {
            int32_t next = e < n ? xn_utf8_decode((const unsigned char *)s + e, n - e, &adv) : -1;
            int next_alone = e + 1 >= n || !digit((unsigned char)s[e + 1]);
            if (prev < 0 || next < 0 || !stray_gap(prev, prev_alone, next, next_alone)) {
                memmove(s + o, s + i, e - i);
                o += e - i;
            }
            i = e;
            gap = 1;
            continue;
        }
        int32_t cp = xn_utf8_decode((const unsigned char *)s + i, n - i, &adv);
        prev_alone = gap || !digit(prev);
        prev = cp;
        gap = 0;
        memmove(s + o, s + i, adv);
        o += adv;
        i += adv;
    }
    return o;
}

int xx_title_set(xxgk_report *r, const char *s, size_t n)
{
    int rc = xx_set_string(&r->title, s, n);
    if (rc)
        return rc;
    size_t at = 0, al = 0;
    r->year = xx_title_year(s, n, &at, NULL);
    const char *a = xx_title_agency(s, n, &al);
    return xx_set_string(&r->agency, a ? a : "", al);
}
