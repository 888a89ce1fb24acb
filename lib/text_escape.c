/* SPDX-License-Identifier: MIT */
/* Escaping for the text and Markdown forms (see text_escape.h). */
#include "text_escape.h"
#include "normalize.h"
#include "text_read.h"

#include <string.h>

int xx_text_bar_escaped(const char *s, size_t i)
{
    size_t k = 0;
    while (k < i && s[i - 1 - k] == '\\')
        k++;
    return k % 2 == 1;
}

int xx_text_quoted(const char *s, size_t n)
{
    return n >= 2 && s[0] == '"' && s[n - 1] == '"' && !xx_text_bar_escaped(s, n - 1);
}

/* Whether the reader reads tok, written as it is, back as the same token. */
static int plain(const char *tok)
{
    size_t n = strlen(tok), t = n;
    if (n == 0 || strpbrk(tok, "|\\\n\r\t") || xx_text_quoted(tok, n))
        return 0;
    if (xn_space_at(tok, n) || xn_trim(tok, &t) != tok || t != n)
        return 0; /* white space at its ends would be trimmed */
    vparse vp;
    int cls = tx_value_class(tok, n, &vp);
    return cls == V_TOKEN || cls == V_TEXT;
}

void xx_text_put_token(xbuf *b, const char *tok)
{
    if (plain(tok)) {
        xb_puts(b, tok);
        return;
    }
    xb_putc(b, '"');
    for (const char *p = tok; *p; p++) {
        switch (*p) {
        case '\\': xb_puts(b, "\\\\"); break;
        case '"': xb_puts(b, "\\\""); break;
        case '|': xb_puts(b, "\\|"); break;
        case '\n': xb_puts(b, "\\n"); break;
        case '\r': xb_puts(b, "\\r"); break;
        case '\t': xb_puts(b, "\\t"); break;
        default: xb_putc(b, *p); break;
        }
    }
    xb_putc(b, '"');
}

void xx_md_put(xbuf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '&': xb_puts(b, "&amp;"); break;
        case '<': xb_puts(b, "&lt;"); break;
        case '>': xb_puts(b, "&gt;"); break;
        case '[': xb_puts(b, "&#91;"); break;
        case ']': xb_puts(b, "&#93;"); break;
        default: xb_putc(b, s[i]); break;
        }
    }
}

/* The character a Markdown entity at s (n bytes) stands for: its length in *len, or 0. */
static uint32_t entity(const char *s, size_t n, size_t *len)
{
    static const struct { const char *name; uint32_t cp; } named[] = {
        { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' }, { "&apos;", '\'' }, { "&nbsp;", 0xA0 },
    };
    for (size_t k = 0; k < sizeof named / sizeof *named; k++) {
        size_t l = strlen(named[k].name);
        if (n >= l && !memcmp(s, named[k].name, l)) {
            *len = l;
            return named[k].cp;
        }
    }
    if (n < 4 || s[1] != '#')
        return 0;
    int hex = s[2] == 'x' || s[2] == 'X';
    uint32_t cp = 0;
    size_t i = hex ? 3 : 2, d = 0;
    for (; i < n && i < 12 && s[i] != ';'; i++, d++) {
        int v = s[i] >= '0' && s[i] <= '9' ? s[i] - '0'
                : hex && (s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'f' ? (s[i] | 0x20) - 'a' + 10 : -1;
        if (v < 0)
            return 0;
        cp = cp * (hex ? 16u : 10u) + (uint32_t)v;
    }
    if (d == 0 || i >= n || s[i] != ';' || cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    *len = i + 1;
    return cp;
}

void xx_md_decode(xbuf *out, const char *s, size_t n)
{
    /* the text between two '&' is copied whole: a narrative paragraph has few entities */
    for (size_t i = 0; i < n;) {
        const char *amp = memchr(s + i, '&', n - i);
        size_t e = amp ? (size_t)(amp - s) : n, l;
        xb_put(out, s + i, e - i);
        if ((i = e) == n)
            break;
        uint32_t cp = entity(s + i, n - i, &l);
        if (cp) {
            char u[4];
            xb_put(out, u, xn_utf8_encode(cp, u));
            i += l;
        } else {
            xb_putc(out, s[i++]);
        }
    }
}

void xx_text_unescape(xbuf *out, const char *s, size_t n, int md)
{
    xbuf dec = { 0 };
    if (md && memchr(s, '&', n)) {
        xx_md_decode(&dec, s, n);
        if (dec.failed) {
            out->failed = 1;
            xb_free(&dec);
            return;
        }
        s = dec.p;
        n = dec.len;
    }
    if (!xx_text_quoted(s, n)) {
        for (size_t i = 0; i < n; i++)
            if (!(s[i] == '\\' && i + 1 < n && s[i + 1] == '|'))
                xb_putc(out, s[i]);
    } else {
        for (size_t i = 1; i + 1 < n; i++) {
            char c = s[i];
            if (c == '\\' && i + 2 < n) {
                char e = s[++i];
                c = e == 'n' ? '\n' : e == 'r' ? '\r' : e == 't' ? '\t' : e;
                if (e != 'n' && e != 'r' && e != 't' && e != '\\' && e != '"' && e != '|')
                    xb_putc(out, '\\'); /* not an escape: kept as written */
            }
            xb_putc(out, c);
        }
    }
    xb_free(&dec);
}
