/* SPDX-License-Identifier: MIT */
/* A growable output string for the command: results are formatted into one
 * before they are printed, so that parallel workers can hand them over whole. */
#include "strbuf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int sb_reserve(strbuf *b, size_t extra)
{
    if (b->failed)
        return -1;
    if (b->len + extra + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1) {
        if (cap > SIZE_MAX / 2) {
            b->failed = 1;
            return -1;
        }
        cap *= 2;
    }
    char *p = realloc(b->s, cap);
    if (!p) {
        b->failed = 1;
        return -1;
    }
    b->s = p;
    b->cap = cap;
    return 0;
}

void sb_putn(strbuf *b, const char *s, size_t n)
{
    if (sb_reserve(b, n) != 0)
        return;
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void sb_puts(strbuf *b, const char *s)
{
    sb_putn(b, s, strlen(s));
}

void sb_printf(strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[256];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = 1;
        return;
    }
    if ((size_t)n < sizeof tmp) {
        sb_putn(b, tmp, (size_t)n);
        return;
    }
    if (sb_reserve(b, (size_t)n) != 0)
        return;
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* Length of the valid UTF-8 sequence at s (lead byte >= 0x80), or 0. */
static size_t utf8_len(const unsigned char *s)
{
    size_t n;
    unsigned min;
    unsigned cp;
    if (s[0] >= 0xc2 && s[0] <= 0xdf) { n = 2; cp = s[0] & 0x1fu; min = 0x80; }
    else if (s[0] >= 0xe0 && s[0] <= 0xef) { n = 3; cp = s[0] & 0x0fu; min = 0x800; }
    else if (s[0] >= 0xf0 && s[0] <= 0xf4) { n = 4; cp = s[0] & 0x07u; min = 0x10000; }
    else return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3fu);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return n;
}

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

/* Length of the prefix of s[0..n) that a JSON string holds as it is: ASCII other than
 * control characters, '"' and '\\', and valid UTF-8. Eight ASCII bytes at a time, and the
 * three-byte characters of Chinese text (most of a finding's message) checked inline. */
static size_t plain_prefix(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (i + 8 <= n) {
            uint64_t w, q, k;
            memcpy(&w, s + i, 8);
            q = w ^ (ONES * '"');
            k = w ^ (ONES * '\\');
            if (!((((q - ONES) & ~q) | ((k - ONES) & ~k) | ((w - ONES * 0x20) & ~w) | w) & HIGHS)) {
                i += 8;
                continue;
            }
        }
        unsigned char c = s[i];
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            i++;
        } else if (c >= 0xe1 && c <= 0xef && c != 0xed && i + 2 < n && (s[i + 1] & 0xc0) == 0x80 &&
                   (s[i + 2] & 0xc0) == 0x80) {
            i += 3;
        } else {
            size_t k = c >= 0x80 ? utf8_len(s + i) : 0;
            if (!k)
                return i;
            i += k;
        }
    }
    return n;
}

void sb_json_str(strbuf *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    if (!s)
        s = "";
    size_t left = strlen(s);
    sb_putn(b, "\"", 1);
    for (;;) {
        size_t n = plain_prefix((const unsigned char *)s, left);
        sb_putn(b, s, n);
        s += n;
        left -= n;
        if (!left)
            break;
        unsigned char c = (unsigned char)*s++;
        left--;
        switch (c) {
        case '"': sb_puts(b, "\\\""); break;
        case '\\': sb_puts(b, "\\\\"); break;
        case '\n': sb_puts(b, "\\n"); break;
        case '\r': sb_puts(b, "\\r"); break;
        case '\t': sb_puts(b, "\\t"); break;
        default:
            if (c >= 0x80) {
                sb_puts(b, "\xef\xbf\xbd"); /* not UTF-8 (a file name): U+FFFD */
            } else {
                char u[7] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], '\0' };
                sb_puts(b, u);
            }
        }
    }
    sb_putn(b, "\"", 1);
}

void sb_clear(strbuf *b)
{
    b->len = 0;
    if (b->s)
        b->s[0] = '\0';
}

void sb_free(strbuf *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}
