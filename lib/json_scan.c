/* SPDX-License-Identifier: MIT */
/* The JSON scanner (json_scan.h). One forward pass, like jansson's lexer: it tracks line and
 * column as it reads, checks what cJSON would let through (leading zeros, bad \u escapes,
 * unpaired surrogates, \u0000, which cJSON silently cuts a string at) and says what was
 * expected where it stops. cJSON then builds the tree from text known to be valid, and the
 * reader takes positions and number texts from the record instead of searching for them. */
#include "json_scan.h"
#include "internal.h"
#include "normalize.h"

#include <stdio.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

typedef struct sc {
    const char *buf;
    size_t len;
    int rc;             /* the error, once there is one */
    xj_scan *out;
} sc;

/* Where the scan is, for the columns of what it records: kept apart from sc so that the
 * compiler can hold it in registers through the loop. */
typedef struct place {
    uint32_t line;
    uint32_t col;       /* the column of col_at ... */
    size_t col_at;      /* ... a place on the current line the scan has passed ... */
    int utf8;           /* ... and whether a non-ASCII byte came after it */
} place;

/* Every failure: the detail of this thread, at byte off. Returns SIZE_MAX, the position
 * after a failure. */
static size_t fail_raw(sc *s, int code, size_t off, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static size_t fail_raw(sc *s, int code, size_t off, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    long line, col;
    xx_position(s->buf, s->len, off, &line, &col);
    s->rc = xx_verror(code, line, col, (long long)off, "$", fmt, ap);
    va_end(ap);
    return SIZE_MAX;
}

static size_t nul_byte(sc *s, size_t off)
{
    return fail_raw(s, XXGK_EPARSE, off, "malformed JSON: NUL byte");
}

static size_t eof(sc *s)
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

static int is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
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

/* A syntax error at off: fmt says what was expected and has one %s, for what is there. */
static size_t unexpected(sc *s, size_t off, const char *fmt) __attribute__((format(printf, 3, 0)));
static size_t unexpected(sc *s, size_t off, const char *fmt)
{
    char f[48];
    size_t nul = quote(s, off, f);
    if (nul)
        return nul_byte(s, nul - 1);
    return fail_raw(s, XXGK_EPARSE, off, fmt, f);
}

/* White space from p: the position after it. Mostly there is none, or the one blank after
 * a ':' or a ','. */
static inline size_t skip_ws(const char *b, size_t len, size_t p, place *at)
{
    if (p < len && (unsigned char)b[p] > ' ')
        return p;
    if (p + 1 < len && b[p] == ' ' && (unsigned char)b[p + 1] > ' ')
        return p + 1;
    for (; p < len; p++) {
        if (b[p] == ' ' || b[p] == '\t' || b[p] == '\r')
            continue;
        if (b[p] != '\n')
            break;
        at->line++;
        at->col_at = p + 1;
        at->col = 1;
        at->utf8 = 0;
    }
    return p;
}

/* Column (in characters) of p, which the scan has just reached: counted from the last place
 * asked only when a string in between held non-ASCII text. */
static inline uint32_t column(const char *b, size_t p, place *at)
{
    uint32_t col = at->col + (uint32_t)(at->utf8 ? xn_utf8_count(b + at->col_at, p - at->col_at) : p - at->col_at);
    at->col_at = p;
    at->col = col;
    at->utf8 = 0;
    return col;
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

/* The escape at p (the backslash): the position after it. */
static size_t escape(sc *s, size_t p)
{
    if (p + 1 >= s->len)
        return eof(s);
    char e = s->buf[p + 1];
    if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't')
        return p + 2;
    if (e == '\0')
        return nul_byte(s, p + 1);
    if (e != 'u') {
        unsigned char lead = (unsigned char)e;
        int n = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4; /* the text is UTF-8 */
        return fail_raw(s, XXGK_EPARSE, p, "malformed JSON: invalid escape '\\%.*s' in a string", n, s->buf + p + 1);
    }
    long u = u4(s, p);
    if (u < 0)
        return p + 6 > s->len ? eof(s)
                              : fail_raw(s, XXGK_EPARSE, p, "malformed JSON: \\u must be followed by four hex digits");
    if (u == 0)
        return fail_raw(s, XXGK_EPARSE, p, "a string contains \\u0000 (NUL), which text cannot hold");
    if (u >= 0xD800 && u <= 0xDFFF) {
        long lo = u <= 0xDBFF ? u4(s, p + 6) : -1;
        if (lo < 0xDC00 || lo > 0xDFFF)
            return fail_raw(s, XXGK_EPARSE, p, "malformed JSON: unpaired surrogate \\u%04lx in a string", u);
        return p + 12;
    }
    return p + 6;
}

/* The first quote, backslash or control character at or after p (or len); *high gets a
 * nonzero bit if a byte before it is not ASCII. Sixteen bytes at a time where the
 * instructions are there (every x86-64: a key is then one step), else eight. */
static size_t next_special(const unsigned char *b, size_t p, size_t len, unsigned *high)
{
#ifdef __SSE2__
    for (; p + 16 <= len; p += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(b + p));
        unsigned stop = (unsigned)_mm_movemask_epi8(_mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'))),
            _mm_cmpeq_epi8(_mm_max_epu8(x, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F))));
        unsigned hi = (unsigned)_mm_movemask_epi8(x);
        if (stop) {
            unsigned z = (unsigned)__builtin_ctz(stop);
            *high |= hi & ((1u << z) - 1);
            return p + z;
        }
        *high |= hi;
    }
#endif
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    for (; p + 8 <= len; p += 8) {
        uint64_t w, q, k;
        memcpy(&w, b + p, 8);
        q = w ^ (ONES * '"');
        k = w ^ (ONES * '\\');
        /* the lowest flag is exact (a false one only ever follows a true one) */
        uint64_t stop = (((q - ONES) & ~q) | ((k - ONES) & ~k) | ((w - ONES * 0x20) & ~w)) & HIGHS;
        if (stop) {
            unsigned z = (unsigned)__builtin_ctzll(stop) & ~7u;
            *high |= (w & ((UINT64_C(1) << z) - 1) & HIGHS) != 0;
            return p + z / 8;
        }
        *high |= (w & HIGHS) != 0;
    }
#endif
    for (; p < len && b[p] != '"' && b[p] != '\\' && b[p] >= 0x20; p++)
        *high |= b[p] & 0x80;
    return p;
}

/* The string whose opening quote is at p: the position after its closing quote; *flags
 * gets STR_UTF8 if it holds non-ASCII text, STR_ESCAPED if it holds an escape. */
enum { STR_UTF8 = 1, STR_ESCAPED = 2 };
static size_t string_slow(sc *s, size_t p, int *flags)
{
    const unsigned char *b = (const unsigned char *)s->buf;
    unsigned high = 0;
    for (p++;;) {
        p = next_special(b, p, s->len, &high);
        if (p >= s->len)
            return eof(s);
        if (b[p] == '"') {
            *flags |= high ? STR_UTF8 : 0;
            return p + 1;
        }
        if (b[p] != '\\')
            return b[p] ? fail_raw(s, XXGK_EPARSE, p, "malformed JSON: control character in a string (escape it)")
                        : nul_byte(s, p);
        *flags |= STR_ESCAPED;
        if ((p = escape(s, p)) == SIZE_MAX)
            return p;
    }
}

/* The string whose opening quote is at p: the position after its closing quote; *flags as
 * string_slow's. A key is mostly plain ASCII closed within sixteen bytes: seen in one step
 * here. */
static inline size_t string(sc *s, size_t p, int *flags)
{
#ifdef __SSE2__
    if (p + 17 <= s->len) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s->buf + p + 1));
        unsigned quote = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')));
        unsigned other = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\\')),
                         _mm_cmpeq_epi8(_mm_max_epu8(x, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F))));
        unsigned hi = (unsigned)_mm_movemask_epi8(x);
        if (quote) {
            unsigned before = (quote & -quote) - 1; /* the bytes before the first quote */
            if (!(other & before)) {
                *flags = (hi & before) ? STR_UTF8 : 0;
                return p + 2 + (unsigned)__builtin_ctz(quote);
            }
        }
    }
#endif
    *flags = 0;
    return string_slow(s, p, flags);
}

/* The number at p (a '-' or a digit): the position after it. */
static size_t number(sc *s, size_t p)
{
    const char *b = s->buf;
    size_t start = p, len = s->len;
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
    return p;
}

enum { AFTER_NOTHING, AFTER_COMMA, AFTER_COLON }; /* what came before a value */

/* true, false or null at p: the position after it. */
static size_t literal(sc *s, size_t p, int after)
{
    static const char *const words[] = { "true", "false", "null" };
    const char *b = s->buf + p;
    size_t left = s->len - p;
    for (size_t k = 0; k < 3; k++) {
        size_t n = strlen(words[k]);
        if (left >= n && memcmp(b, words[k], n) == 0 && (left == n || is_ws(b[n]) || is_delim(b[n])))
            return p + n;
        if (left < n && memcmp(b, words[k], left) == 0)
            return eof(s);
    }
    if (after == AFTER_COMMA && (*b == ']' || *b == '}'))
        return unexpected(s, p, "malformed JSON: expected a value after ',' (object, array, string, number, true, "
                                "false or null), found %s (a trailing comma?)");
    if (after == AFTER_COMMA)
        return unexpected(s, p, "malformed JSON: expected a value after ',' (object, array, string, number, true, "
                                "false or null), found %s");
    if (after == AFTER_COLON)
        return unexpected(s, p, "malformed JSON: expected a value after ':' (object, array, string, number, true, "
                                "false or null), found %s");
    return unexpected(s, p, "malformed JSON: expected a value (object, array, string, number, true, false or null), "
                            "found %s");
}

/* Room for one more record: the record moves from the caller's stack to the heap, or grows
 * there. 0, or the error. */
static int grow(sc *s)
{
    xj_scan *o = s->out;
    size_t cap = o->cap * 2;
    xj_value *v = xx_realloc(o->v == o->local ? NULL : o->v, cap * sizeof *v);
    if (!v)
        return s->rc = xx_oom();
    if (o->v == o->local)
        memcpy(v, o->local, sizeof o->local);
    o->v = v;
    o->cap = cap;
    return 0;
}

/* A member's key at p and the ':' after it (first: right after '{'); the position after the
 * ':', and in *klen the key's length between its quotes (0 when it has escapes). */
static inline size_t key_colon(sc *s, size_t p, int first, uint32_t *klen, place *at)
{
    const char *b = s->buf;
    if (p >= s->len)
        return eof(s);
    if (b[p] != '"' && first)
        return unexpected(s, p, "malformed JSON: expected a key in double quotes, found %s");
    if (b[p] != '"' && b[p] == '}')
        return unexpected(s, p, "malformed JSON: expected a key in double quotes after ',', found %s (a trailing comma?)");
    if (b[p] != '"')
        return unexpected(s, p, "malformed JSON: expected a key in double quotes after ',', found %s");
    size_t key = p;
    int flags;
    if ((p = string(s, p, &flags)) == SIZE_MAX)
        return p;
    at->utf8 |= flags & STR_UTF8;
    *klen = flags & STR_ESCAPED ? 0 : (uint32_t)(p - key - 2);
    p = skip_ws(b, s->len, p, at);
    if (p >= s->len)
        return eof(s);
    if (b[p] != ':')
        return unexpected(s, p, "malformed JSON: expected ':' after the key, found %s");
    return p + 1;
}

/* A ',' or the end of the container at p, after a value in an object (obj) or array. */
static size_t comma_or_end(sc *s, size_t p, int obj)
{
    if (p >= s->len)
        return eof(s);
    if (obj)
        return unexpected(s, p, "malformed JSON: expected ',' or '}' after a member, found %s");
    return unexpected(s, p, "malformed JSON: expected ',' or ']' after an element, found %s");
}

/* The containers the scan is in, innermost last: their records' indexes, and which are
 * objects (kept here rather than looked up in the text: this is asked after every value). */
typedef struct nest {
    uint32_t at[1000];
    unsigned char obj[1000];
} nest;

/* One loop over the values in document order, iterative so that depth costs no stack:
 * `value` is where a value starts, `after` where one has ended. */
static void scan(sc *s, size_t p, place at, unsigned max_depth)
{
    const char *b = s->buf;
    size_t len = s->len, key = SIZE_MAX;
    xj_scan *o = s->out;
    uint32_t kline = 0, kcol = 0, klen = 0;
    int what = AFTER_NOTHING; /* what came before the value, for a message */
    nest in;               /* not cleared: only at[0..depth) is ever read */
    unsigned depth = 0;
    for (;;) {
        p = skip_ws(b, len, p, &at);
        if (p >= len) {
            eof(s);
            return;
        }
        if (o->n == o->cap && grow(s) != 0)
            return;
        xj_value *v = &o->v[o->n];
        v->val = (uint32_t)p;
        v->len = 0;
        v->next = (uint32_t)++o->n;
        if (key == SIZE_MAX) {
            v->key = (uint32_t)p;
            v->line = at.line;
            v->col = column(b, p, &at);
            v->klen = 0;
        } else {
            v->key = (uint32_t)key;
            v->line = kline;
            v->col = kcol;
            v->klen = klen;
        }
        char ch = b[p];
        if (ch == '"') {
            int flags;
            p = string(s, p, &flags);
            at.utf8 |= flags & STR_UTF8;
        } else if (ch == '-' || is_digit(ch)) {
            size_t e = p + 1;
            while (e < len && is_digit(b[e]))
                e++;
            /* the usual count; anything else (a sign, a fraction, 0...) the long way */
            if (ch < '1' || ch > '9' || e >= len || (b[e] != ',' && b[e] != '}' && b[e] != ']' && !is_ws(b[e])))
                e = number(s, p);
            v->len = (uint32_t)(e - p);
            p = e;
        } else if (ch == '{' || ch == '[') {
            if (depth >= max_depth) {
                fail_raw(s, XXGK_ELIMIT, p, "JSON nesting deeper than %u levels", max_depth);
                return;
            }
            in.obj[depth] = ch == '{';
            in.at[depth++] = (uint32_t)(o->n - 1);
            p = skip_ws(b, len, p + 1, &at);
            if (p >= len || b[p] != (ch == '{' ? '}' : ']')) {
                key = SIZE_MAX;
                what = AFTER_NOTHING;
                if (ch == '{')
                    goto member;
                continue;
            }
        } else {
            p = literal(s, p, what);
        }
        if (p == SIZE_MAX)
            return;
        /* the usual case, a member on the same line: `, "` right after a member's value */
        if (p + 2 < len && b[p] == ',' && b[p + 1] == ' ' && b[p + 2] == '"' && depth && in.obj[depth - 1]) {
            p += 2;
            what = AFTER_COMMA;
            goto member;
        }
        /* after a value: the ends of containers, then a ',' */
        for (;; p++) {
            p = skip_ws(b, len, p, &at);
            if (depth == 0) {
                if (p < len)
                    fail_raw(s, XXGK_EPARSE, p, "$: unexpected text after the document");
                return;
            }
            if (p >= len || b[p] != (in.obj[depth - 1] ? '}' : ']'))
                break;
            o->v[in.at[--depth]].next = (uint32_t)o->n;
        }
        if (p >= len || b[p] != ',') {
            comma_or_end(s, p, in.obj[depth - 1]);
            return;
        }
        p = skip_ws(b, len, p + 1, &at);
        key = SIZE_MAX;
        what = AFTER_COMMA;
        if (!in.obj[depth - 1])
            continue;
    member:
        key = p;
        kline = at.line;
        kcol = column(b, p, &at);
        if ((p = key_colon(s, p, what == AFTER_NOTHING, &klen, &at)) == SIZE_MAX)
            return;
        what = AFTER_COLON;
    }
}

int xj_scan_document(xj_scan *out, const char *buf, size_t len, unsigned max_depth)
{
    out->v = out->local;
    out->n = 0;
    out->cap = XJ_LOCAL;
    if (len >= UINT32_MAX)
        return xx_error(XXGK_ELIMIT, 0, 0, -1, "$", "a JSON document must be smaller than 4 GiB");
    sc s = { .buf = buf, .len = len, .out = out };
    place at = { .line = 1, .col = 1 };
    size_t p = 0;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
        p = 3;
        at.col_at = 3;
        at.col = 2; /* the byte-order mark is one character */
    }
    scan(&s, p, at, max_depth < 1000 ? max_depth : 1000);
    if (s.rc)
        xj_scan_free(out);
    return s.rc;
}

void xj_scan_free(xj_scan *s)
{
    if (s->v != s->local)
        xx_free(s->v);
    s->v = s->local;
    s->n = 0;
    s->cap = XJ_LOCAL;
}
