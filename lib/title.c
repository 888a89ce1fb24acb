/* SPDX-License-Identifier: MIT */
/* A report's title (see title.h). */
#include "title.h"
#include "match.h"
#include "normalize.h"

#include <string.h>

int xx_title_year(const char *s, size_t n, size_t *at)
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

int xx_title_is(const char *s, size_t n)
{
    char norm[600];
    if (n > 400)
        return 0;
    size_t nl = xm_norm(norm, sizeof norm, s, n);
    if (nl >= sizeof norm)
        return 0;
    size_t at;
    return strstr(norm, "年度报告") && strstr(norm, "政府信息公开") && xx_title_year(s, n, &at) != 0;
}

int xx_title_set(xxgk_report *r, const char *s, size_t n)
{
    int rc = xx_set_string(&r->title, s, n);
    if (rc)
        return rc;
    size_t at = 0;
    int y = xx_title_year(s, n, &at);
    if (y > 9999)
        y = 0;
    r->year = y;
    size_t al = at;
    const char *a = xn_trim(s, &al);
    if (al == 0) {
        /* 2023年度XX局政府信息公开工作年度报告: the agency follows the year */
        size_t st = at + 7;
        if (st + 3 <= n && !memcmp(s + st, "度", 3))
            st += 3;
        const char *e = NULL;
        for (size_t i = st; i + 15 <= n; i++)
            if (!memcmp(s + i, "政府信息公", 15)) { e = s + i; break; }
        al = e ? (size_t)(e - s) - st : 0;
        a = xn_trim(s + st, &al);
    }
    return xx_set_string(&r->agency, a, al);
}

