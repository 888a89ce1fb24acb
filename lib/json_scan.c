/* SPDX-License-Identifier: MIT */
/* The JSON scanner (json_scan.h). One forward pass, like jansson's lexer: it tracks line and
 * column as it reads, checks what cJSON would let through (leading zeros, bad \u escapes,
 * unpaired surrogates, \u0000, which cJSON silently cuts a string at) and says what was
 * expected where it stops. cJSON then builds the tree from text known to be valid, and the
 * reader takes positions and number texts from the record instead of searching for them. */
#include "json_scan.h"
#include "internal.h"

#include <stdio.h>
#include <string.h>

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

typedef struct sc {
    const char *buf;
    size_t len, pos;
    uint32_t line;
    size_t line_start;  /* offset of the current line's first byte */
    size_t cont;        /* UTF-8 continuation bytes between line_start and pos */
    unsigned max_depth;
    xj_scan *out;
} sc;

/* Every failure: the detail of this thread, at byte off. */
static int fail_raw(const sc *s, int code, size_t off, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static int fail_raw(const sc *s, int code, size_t off, const char *fmt, ...)
{
    char msg[224];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    long line, col;
    xx_position(s->buf, s->len, off, &line, &col);
    return xx_error(code, line, col, (long long)off, "$", "%s", msg);
}

static int nul_byte(const sc *s, size_t off)
{
    return fail_raw(s, XXGK_EPARSE, off, "malformed JSON: NUL byte");
}

static int eof(const sc *s)
{
    return fail_raw(s, XXGK_EPARSE, s->len, "malformed JSON: unexpected end of input (truncated document?)");
}

static int is_ws(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

static int is_delim(char ch)
{
    return ch == '{' || ch == '}' || ch == '[' || ch == ']' || ch == ',' || ch == ':' || ch == '"';
}

/* What is at off, quoted into out[48]: one punctuation character, or a word of up to 12
 * bytes (never cutting a character). Returns the offset + 1 of a NUL byte in it, which a
 * message cannot quote, else 0. */
static size_t quote(const sc *s, size_t off, char *out)
{
    size_t n = 0;
    const char *p = s->buf + off;
    if (is_delim(*p)) {
        n = 1;
    } else {
        while (off + n < s->len && n < 12 && !is_ws(p[n]) && !is_delim(p[n]))
            n++;
        while (n > 0 && off + n < s->len && ((unsigned char)p[n] & 0xC0) == 0x80)
            n--;
        if (n == 0)
            n = 1;
    }
    const char *nul = memchr(p, '\0', n);
    if (nul)
        return (size_t)(nul - s->buf) + 1;
    snprintf(out, 48, "'%.*s'", (int)n, p);
    return 0;
}

/* A syntax error at off: "malformed JSON: <expected>, found <what is there><extra>". */
static int unexpected(const sc *s, size_t off, const char *expected, const char *extra)
{
    char f[48];
    size_t nul = quote(s, off, f);
    if (nul)
        return nul_byte(s, nul - 1);
    return fail_raw(s, XXGK_EPARSE, off, "malformed JSON: %s, found %s%s", expected, f, extra);
}

static void skip_ws(sc *s)
{
    const char *b = s->buf;
    size_t p = s->pos, len = s->len;
    for (; p < len; p++) {
        char ch = b[p];
        if ((unsigned char)ch > ' ')
            break;
        if (ch == '\n') {
            s->line++;
            s->line_start = p + 1;
            s->cont = 0;
        } else if (ch != ' ' && ch != '\t' && ch != '\r') {
            break;
        }
    }
    s->pos = p;
}

/* Column (in characters) of pos, which the scan has just reached. */
static uint32_t column(const sc *s)
{
    return (uint32_t)(s->pos - s->line_start - s->cont + 1);
}

static int hexval(char ch)
{
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
}

/* \uXXXX at p (the backslash); the code unit or -1. */
static long u4(const sc *s, size_t p)
{
    if (p + 6 > s->len || s->buf[p] != '\\' || s->buf[p + 1] != 'u')
        return -1;
    long v = 0;
    for (size_t k = 2; k < 6; k++) {
        int h = hexval(s->buf[p + k]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

/* The escape at p (the backslash): its length, or 0 with the error set. */
static size_t escape(const sc *s, size_t p, int *rc)
{
    if (p + 1 >= s->len) {
        *rc = eof(s);
        return 0;
    }
    char e = s->buf[p + 1];
    if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't')
        return 2;
    if (e == '\0') {
        *rc = nul_byte(s, p + 1);
        return 0;
    }
    if (e != 'u') {
        unsigned char lead = (unsigned char)e;
        int n = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4; /* the text is UTF-8 */
        *rc = fail_raw(s, XXGK_EPARSE, p, "malformed JSON: invalid escape '\\%.*s' in a string", n, s->buf + p + 1);
        return 0;
    }
    long u = u4(s, p);
    if (u < 0) {
        *rc = p + 6 > s->len ? eof(s) : fail_raw(s, XXGK_EPARSE, p, "malformed JSON: \\u must be followed by four hex digits");
        return 0;
    }
    if (u == 0) {
        *rc = fail_raw(s, XXGK_EPARSE, p, "a string contains \\u0000 (NUL), which text cannot hold");
        return 0;
    }
    if (u >= 0xD800 && u <= 0xDFFF) {
        long lo = u <= 0xDBFF ? u4(s, p + 6) : -1;
        if (lo < 0xDC00 || lo > 0xDFFF) {
            *rc = fail_raw(s, XXGK_EPARSE, p, "malformed JSON: unpaired surrogate \\u%04lx in a string", u);
            return 0;
        }
        return 12;
    }
    return 6;
}

/* How many of the eight bytes in w are UTF-8 continuation bytes (10xxxxxx). */
static size_t continuations(uint64_t w)
{
    return (size_t)((((w & ~(w << 1) & HIGHS) >> 7) * ONES) >> 56);
}

/* The string whose opening quote is at pos; pos moves past its closing quote. Eight bytes at
 * a time while none is a quote, a backslash or a control character: most of a report's
 * bytes are narrative text. */
static int string(sc *s)
{
    const unsigned char *b = (const unsigned char *)s->buf;
    size_t p = s->pos + 1, len = s->len, cont = 0;
    for (;;) {
        while (p + 8 <= len) {
            uint64_t w, q, k;
            memcpy(&w, b + p, 8);
            q = w ^ (ONES * '"');
            k = w ^ (ONES * '\\');
            uint64_t stop = (((q - ONES) & ~q) | ((k - ONES) & ~k) | ((w - ONES * 0x20) & ~w)) & HIGHS;
            if (stop) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
                /* the lowest flag is exact (a false one only ever follows a true one): step
                 * over the bytes before it */
                unsigned z = (unsigned)__builtin_ctzll(stop) & ~7u;
                cont += continuations(w & ((UINT64_C(1) << z) - 1));
                p += z / 8;
#endif
                break;
            }
            cont += continuations(w);
            p += 8;
        }
        for (;;) { /* up to the byte that stopped the loop above, and that byte */
            if (p >= len)
                return eof(s);
            unsigned char ch = b[p];
            if (ch == '"') {
                s->pos = p + 1;
                s->cont += cont;
                return 0;
            }
            if (ch == '\\') {
                int rc = 0;
                size_t n = escape(s, p, &rc);
                if (!n)
                    return rc;
                p += n;
                break;
            }
            if (ch < 0x20)
                return ch ? fail_raw(s, XXGK_EPARSE, p, "malformed JSON: control character in a string (escape it)")
                          : nul_byte(s, p);
            cont += (ch & 0xC0) == 0x80;
            p++;
        }
    }
}

static int is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

/* The number at pos (a '-' or a digit); its length goes to *n. */
static int number(sc *s, uint32_t *n)
{
    const char *b = s->buf;
    size_t start = s->pos, p = start, len = s->len;
    if (b[p] == '-')
        p++;
    int ok = p < len && is_digit(b[p]);
    if (ok && b[p] == '0') {
        p++;
        ok = !(p < len && is_digit(b[p])); /* no leading zeros */
    } else {
        while (p < len && is_digit(b[p]))
            p++;
    }
    if (ok && p < len && b[p] == '.') {
        p++;
        ok = p < len && is_digit(b[p]);
        while (p < len && is_digit(b[p]))
            p++;
    }
    if (ok && p < len && (b[p] == 'e' || b[p] == 'E')) {
        p++;
        if (p < len && (b[p] == '+' || b[p] == '-'))
            p++;
        ok = p < len && is_digit(b[p]);
        while (p < len && is_digit(b[p]))
            p++;
    }
    if (!ok && p >= len)
        return eof(s);
    if (!ok || (p < len && !is_ws(b[p]) && !is_delim(b[p]))) {
        char f[48];
        size_t nul = quote(s, start, f);
        return nul ? nul_byte(s, nul - 1) : fail_raw(s, XXGK_EPARSE, start, "malformed JSON: malformed number %s", f);
    }
    s->pos = p;
    *n = (uint32_t)(p - start);
    return 0;
}

/* true, false or null at pos. */
static int literal(sc *s, const char *after)
{
    static const char *const words[] = { "true", "false", "null" };
    const char *b = s->buf + s->pos;
    size_t left = s->len - s->pos;
    for (size_t k = 0; k < 3; k++) {
        size_t n = strlen(words[k]);
        if (left >= n && memcmp(b, words[k], n) == 0 && (left == n || is_ws(b[n]) || is_delim(b[n]))) {
            s->pos += n;
            return 0;
        }
        if (left < n && memcmp(b, words[k], left) == 0)
            return eof(s);
    }
    char expected[96];
    snprintf(expected, sizeof expected, "expected a value%s (object, array, string, number, true, false or null)",
             after);
    return unexpected(s, s->pos, expected,
                      (*b == ']' || *b == '}') && !strcmp(after, " after ','") ? " (a trailing comma?)" : "");
}

/* Append the value at pos: a member's value when key is not SIZE_MAX. Returns its index. */
static int record(sc *s, size_t key, uint32_t kline, uint32_t kcol, size_t *idx)
{
    xj_scan *o = s->out;
    if (o->n == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : s->len / 16 + 16;
        xj_value *v = xx_realloc(o->v, cap * sizeof *v);
        if (!v)
            return xx_oom();
        o->v = v;
        o->cap = cap;
    }
    xj_value *v = &o->v[o->n];
    v->val = (uint32_t)s->pos;
    v->len = 0;
    v->next = (uint32_t)o->n + 1;
    if (key == SIZE_MAX) {
        v->key = v->val;
        v->line = s->line;
        v->col = column(s);
    } else {
        v->key = (uint32_t)key;
        v->line = kline;
        v->col = kcol;
    }
    *idx = o->n++;
    return 0;
}

static int value(sc *s, size_t key, uint32_t kline, uint32_t kcol, const char *after, unsigned depth);

/* The members of the object at pos. */
static int object(sc *s, unsigned depth)
{
    const char *b = s->buf;
    s->pos++;
    skip_ws(s);
    if (s->pos < s->len && b[s->pos] == '}') {
        s->pos++;
        return 0;
    }
    for (int first = 1;; first = 0) {
        if (s->pos >= s->len)
            return eof(s);
        if (b[s->pos] != '"')
            return unexpected(s, s->pos, first ? "expected a key in double quotes" : "expected a key in double quotes after ','",
                              !first && b[s->pos] == '}' ? " (a trailing comma?)" : "");
        size_t key = s->pos;
        uint32_t kline = s->line, kcol = column(s);
        int rc = string(s);
        if (rc)
            return rc;
        skip_ws(s);
        if (s->pos >= s->len)
            return eof(s);
        if (b[s->pos] != ':')
            return unexpected(s, s->pos, "expected ':' after the key", "");
        s->pos++;
        if ((rc = value(s, key, kline, kcol, " after ':'", depth)) != 0)
            return rc;
        skip_ws(s);
        if (s->pos >= s->len)
            return eof(s);
        if (b[s->pos] == '}') {
            s->pos++;
            return 0;
        }
        if (b[s->pos] != ',')
            return unexpected(s, s->pos, "expected ',' or '}' after a member", "");
        s->pos++;
        skip_ws(s);
    }
}

/* The elements of the array at pos. */
static int array(sc *s, unsigned depth)
{
    s->pos++;
    skip_ws(s);
    if (s->pos < s->len && s->buf[s->pos] == ']') {
        s->pos++;
        return 0;
    }
    for (int first = 1;; first = 0) {
        int rc = value(s, SIZE_MAX, 0, 0, first ? "" : " after ','", depth);
        if (rc)
            return rc;
        skip_ws(s);
        if (s->pos >= s->len)
            return eof(s);
        if (s->buf[s->pos] == ']') {
            s->pos++;
            return 0;
        }
        if (s->buf[s->pos] != ',')
            return unexpected(s, s->pos, "expected ',' or ']' after an element", "");
        s->pos++;
    }
}

/* The value after white space at pos, a member's when key is not SIZE_MAX; `after` says
 * what came before it, for the message; depth: the containers around it. */
static int value(sc *s, size_t key, uint32_t kline, uint32_t kcol, const char *after, unsigned depth)
{
    skip_ws(s);
    if (s->pos >= s->len)
        return eof(s);
    size_t idx = 0;
    int rc = record(s, key, kline, kcol, &idx);
    if (rc)
        return rc;
    char ch = s->buf[s->pos];
    if (ch == '"')
        return string(s);
    if (ch == '-' || is_digit(ch))
        return number(s, &s->out->v[idx].len);
    if (ch != '{' && ch != '[')
        return literal(s, after);
    if (depth + 1 > s->max_depth)
        return fail_raw(s, XXGK_ELIMIT, s->pos, "JSON nesting deeper than %u levels", s->max_depth);
    if ((rc = ch == '{' ? object(s, depth + 1) : array(s, depth + 1)) != 0)
        return rc;
    s->out->v[idx].next = (uint32_t)s->out->n;
    return 0;
}

int xj_scan_document(xj_scan *out, const char *buf, size_t len, unsigned max_depth)
{
    memset(out, 0, sizeof *out);
    if (len >= UINT32_MAX)
        return xx_error(XXGK_ELIMIT, 0, 0, -1, "$", "a JSON document must be smaller than 4 GiB");
    sc s = { .buf = buf, .len = len, .line = 1, .out = out, .max_depth = max_depth };
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
        s.pos = 3;
        s.cont = 2; /* the byte-order mark is one character */
    }
    int rc = value(&s, SIZE_MAX, 0, 0, "", 0);
    if (rc == 0) {
        skip_ws(&s);
        if (s.pos < len)
            rc = fail_raw(&s, XXGK_EPARSE, s.pos, "$: unexpected text after the document");
    }
    if (rc)
        xj_scan_free(out);
    return rc;
}

void xj_scan_free(xj_scan *s)
{
    xx_free(s->v);
    memset(s, 0, sizeof *s);
}
