/* SPDX-License-Identifier: MIT */
/* Small shared pieces: the growable buffer, exact decimal numbers, positions. */
#include "internal.h"
#include "normalize.h"

#include <stdio.h>
#include <string.h>

int xb_reserve(xbuf *b, size_t extra)
{
    if (b->failed)
        return XXGK_ENOMEM;
    if (b->len + extra + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1) {
        if (cap > SIZE_MAX / 2) {
            b->failed = 1;
            return XXGK_ENOMEM;
        }
        cap *= 2;
    }
    char *p = xx_realloc(b->p, cap);
    if (!p) {
        b->failed = 1;
        return XXGK_ENOMEM;
    }
    b->p = p;
    b->cap = cap;
    return 0;
}

void xb_puts(xbuf *b, const char *s)
{
    xb_put(b, s, strlen(s));
}

void xb_printf(xbuf *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof tmp) {
        xb_put(b, tmp, (size_t)n);
        return;
    }
    if (xb_reserve(b, (size_t)n) != 0)
        return;
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

int xb_finish(xbuf *b, char **out, size_t *len)
{
    if (!b->failed && xb_reserve(b, 0) != 0)
        b->failed = 1;
    if (b->failed) {
        xb_free(b);
        *out = NULL;
        if (len)
            *len = 0;
        return xx_oom();
    }
    *out = b->p;
    if (len)
        *len = b->len;
    b->p = NULL;
    b->len = b->cap = 0;
    return 0;
}

void xb_free(xbuf *b)
{
    xx_free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

/* Decimal digits of u into buf (no sign, no NUL); returns how many. */
static size_t put_digits(char *buf, uint64_t u)
{
    char tmp[20];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    for (size_t i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    return n;
}

size_t xx_format_number(char *buf, int64_t v, int kind)
{
    /* without printf: findings format their numbers as they are found */
    uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    size_t n = 0;
    if (v < 0)
        buf[n++] = '-';
    if (kind != XXGK_KIND_AMOUNT) {
        n += put_digits(buf + n, a);
    } else {
        uint64_t fp = a % XX_MICROS;
        n += put_digits(buf + n, a / XX_MICROS);
        if (fp) {
            buf[n++] = '.';
            for (uint64_t d = XX_MICROS / 10; fp; d /= 10) {
                buf[n++] = (char)('0' + fp / d);
                fp %= d;
            }
        }
    }
    buf[n] = '\0';
    return n;
}

int xx_parse_decimal(const char *s, size_t n, int json, int64_t *micros, int *is_integral)
{
    size_t i = 0;
    int neg = 0;
    if (i < n && (s[i] == '-' || (!json && s[i] == '+'))) {
        neg = s[i] == '-';
        i++;
    }
    /* digits of the mantissa, as an integer with `scale` digits after the point */
    uint64_t mant = 0;
    int frac = 0, big = 0, int_digits = 0;
    size_t start = i;
    while (i < n && s[i] >= '0' && s[i] <= '9') {
        if (mant > (UINT64_MAX - 9) / 10)
            big = 1;
        else
            mant = mant * 10 + (uint64_t)(s[i] - '0');
        i++;
        int_digits++;
    }
    if (int_digits == 0 && !(i < n && s[i] == '.' && !json))
        return XXGK_EPARSE;
    if (json && int_digits > 1 && s[start] == '0')
        return XXGK_EPARSE;
    if (i < n && s[i] == '.') {
        i++;
        size_t fs = i;
        while (i < n && s[i] >= '0' && s[i] <= '9') {
            if (mant > (UINT64_MAX - 9) / 10)
                big = 1;
            else
                mant = mant * 10 + (uint64_t)(s[i] - '0');
            frac++;
            i++;
        }
        if (i == fs)
            return XXGK_EPARSE;
    }
    if (int_digits == 0 && frac == 0)
        return XXGK_EPARSE;
    long exp = 0;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        int eneg = 0;
        if (i < n && (s[i] == '+' || s[i] == '-')) {
            eneg = s[i] == '-';
            i++;
        }
        size_t es = i;
        while (i < n && s[i] >= '0' && s[i] <= '9') {
            if (exp < 100000)
                exp = exp * 10 + (s[i] - '0');
            i++;
        }
        if (i == es)
            return XXGK_EPARSE;
        if (eneg)
            exp = -exp;
    }
    if (i != n)
        return XXGK_EPARSE;
    if (big)
        return XXGK_ERANGE;
    /* value = mant * 10^(exp - frac); we want value * 10^6 */
    long shift = exp - frac + 6;
    if (mant == 0) {
        *micros = 0;
        *is_integral = 1;
        return 0;
    }
    while (shift < 0) {
        if (mant % 10 != 0)
            return XXGK_EKIND; /* more than 6 decimals */
        mant /= 10;
        shift++;
    }
    while (shift > 0) {
        if (mant > (uint64_t)INT64_MAX / 10)
            return XXGK_ERANGE;
        mant *= 10;
        shift--;
    }
    if (mant > (uint64_t)INT64_MAX)
        return XXGK_ERANGE;
    *micros = neg ? -(int64_t)mant : (int64_t)mant;
    *is_integral = (mant % XX_MICROS) == 0;
    return 0;
}

int xx_value_for_kind(int64_t micros, int is_integral, int kind, int64_t *value)
{
    if (kind == XXGK_KIND_AMOUNT) {
        if (micros > XX_MAX_SAFE * 1000 || micros < -XX_MAX_SAFE * 1000)
            return XXGK_ERANGE;
        *value = micros;
        return 0;
    }
    if (!is_integral)
        return XXGK_EKIND;
    int64_t v = micros / XX_MICROS;
    if (v > XX_MAX_SAFE || v < -XX_MAX_SAFE)
        return XXGK_ERANGE;
    *value = v;
    return 0;
}

void xx_position(const char *buf, size_t len, size_t off, long *line, long *col)
{
    if (off > len)
        off = len;
    long ln = 1;
    size_t ls = 0;
    for (const char *p = buf; (p = memchr(p, '\n', (size_t)(buf + off - p))) != NULL; p++) {
        ln++;
        ls = (size_t)(p - buf) + 1;
    }
    *line = ln;
    *col = (long)xn_utf8_count(buf + ls, off - ls) + 1;
}

/* Read the JSON number s[0..n) as an exact integer count. Returns 0, XXGK_EPARSE (not a
 * JSON number), XXGK_EKIND (not an integer) or XXGK_ERANGE (beyond +-(2^53-1)). Unlike
 * xx_parse_decimal it does not scale by 10^6, so the whole range of a count is readable. */
int xx_parse_count(const char *s, size_t n, int64_t *value)
{
    size_t i = 0;
    int neg = 0;
    if (xx_plain_count(s, n, value))
        return 0;
    if (i < n && s[i] == '-') {
        neg = 1;
        i++;
    }
    char digits[24];
    size_t nd = 0, nint = 0, nfrac = 0;
    long zeros = 0; /* trailing zeros not stored in digits */
    int big = 0;
    for (int part = 0; part < 2; part++) {
        while (i < n && s[i] >= '0' && s[i] <= '9') {
            if (s[i] == '0' && nd == 0) {
                /* a leading zero: nothing to store */
            } else if (s[i] == '0') {
                zeros++;
            } else {
                for (; zeros > 0; zeros--) {
                    if (nd < sizeof digits) digits[nd++] = '0'; else big = 1;
                }
                if (nd < sizeof digits) digits[nd++] = s[i]; else big = 1;
            }
            if (part == 0) nint++; else nfrac++;
            i++;
        }
        if (part == 0) {
            if (nint == 0)
                return XXGK_EPARSE;
            if (i < n && s[i] == '.') {
                i++;
                if (i >= n || s[i] < '0' || s[i] > '9')
                    return XXGK_EPARSE;
            } else {
                break;
            }
        }
    }
    long exp = 0;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        int eneg = 0;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            eneg = s[i++] == '-';
        if (i >= n || s[i] < '0' || s[i] > '9')
            return XXGK_EPARSE;
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
            if (exp < 1000000)
                exp = exp * 10 + (s[i] - '0');
        if (eneg)
            exp = -exp;
    }
    if (i != n)
        return XXGK_EPARSE;
    if (nd == 0) {
        *value = 0;
        return 0;
    }
    /* value = digits * 10^(zeros + exp - nfrac) */
    long e = zeros + exp - (long)nfrac;
    if (e < 0)
        return XXGK_EKIND;
    if (big || (long)nd + e > 16)
        return XXGK_ERANGE;
    uint64_t v = 0;
    for (size_t k = 0; k < nd; k++)
        v = v * 10 + (uint64_t)(digits[k] - '0');
    for (; e > 0; e--)
        v *= 10;
    if (v > (uint64_t)XX_MAX_SAFE)
        return XXGK_ERANGE;
    *value = neg ? -(int64_t)v : (int64_t)v;
    return 0;
}

int xx_is_plain_decimal(const char *s, size_t n)
{
    size_t i = 0, d = 0;
    if (i < n && s[i] == '-')
        i++;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++, d++;
    if (d == 0)
        return 0;
    if (i < n && s[i] == '.') {
        size_t f = ++i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == f)
            return 0;
    }
    return i == n;
}
