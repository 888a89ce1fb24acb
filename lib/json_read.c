/* SPDX-License-Identifier: MIT */
/* JSON reader: cJSON parses the document; we then walk it in document order against the
 * template. cJSON keeps neither positions nor the text of numbers, so a forward scan over
 * the raw bytes runs alongside the walk: for each key visited it finds the next `"key":`
 * (keys are visited in document order, and an unescaped `"key"` followed by ':' can only be
 * that key), which gives every cell its line:column and lets numbers be read exactly from
 * their text, never through a double. */
#include "internal.h"
#include "normalize.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

typedef struct jctx {
    const char *buf;
    size_t len;
    size_t pos, vpos;      /* scan position; value start after the last key found */
    long line;             /* line at pos */
    size_t line_start;
    size_t cpos;           /* column cache: column ccol at byte cpos on the current line */
    long ccol;
    xxgk_report *r;
    char path[512];
    size_t plen;
} jctx;

static void advance(jctx *c, size_t to)
{
    const char *p = c->buf + c->pos, *end = c->buf + to;
    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        c->line++;
        c->line_start = (size_t)(p - c->buf) + 1;
        p++;
    }
    c->pos = to;
}

static long column_at(jctx *c, size_t off)
{
    if (c->cpos < c->line_start || c->cpos > off) {
        c->cpos = c->line_start;
        c->ccol = 1;
    }
    c->ccol += (long)xn_utf8_count(c->buf + c->cpos, off - c->cpos);
    c->cpos = off;
    return c->ccol;
}

static int is_ws(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

/* The end of the JSON string token whose opening quote is at p (the offset after its closing
 * quote), or len if it is unterminated. */
static size_t string_end(const jctx *c, size_t p)
{
    for (p++; p < c->len; p++) {
        if (c->buf[p] == '\\')
            p++;
        else if (c->buf[p] == '"')
            return p + 1;
    }
    return c->len;
}

/* Does the raw key token buf[s..e) (quotes excluded) spell `key` once its escapes are
 * decoded? */
static int key_equals(const jctx *c, size_t s, size_t e, const char *key)
{
    size_t kl = strlen(key);
    if (!memchr(c->buf + s, '\\', e - s))
        return e - s == kl && memcmp(c->buf + s, key, kl) == 0;
    size_t k = 0;
    for (size_t i = s; i < e;) {
        char tmp[8];
        size_t n = 1;
        if (c->buf[i] != '\\' || i + 1 >= e) {
            tmp[0] = c->buf[i++];
        } else {
            char esc = c->buf[i + 1];
            i += 2;
            switch (esc) {
            case 'b': tmp[0] = '\b'; break;
            case 'f': tmp[0] = '\f'; break;
            case 'n': tmp[0] = '\n'; break;
            case 'r': tmp[0] = '\r'; break;
            case 't': tmp[0] = '\t'; break;
            case 'u': {
                uint32_t cp = 0;
                for (int d = 0; d < 4 && i < e; d++, i++) {
                    char h = c->buf[i];
                    cp = cp * 16 + (uint32_t)(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
                }
                if (cp >= 0xD800 && cp < 0xDC00 && i + 6 <= e && c->buf[i] == '\\' && c->buf[i + 1] == 'u') {
                    uint32_t lo = 0;
                    for (int d = 0; d < 4; d++) {
                        char h = c->buf[i + 2 + (size_t)d];
                        lo = lo * 16 + (uint32_t)(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
                    }
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    i += 6;
                }
                n = xn_utf8_encode(cp, tmp);
                break;
            }
            default: tmp[0] = esc; break;
            }
        }
        if (k + n > kl || memcmp(key + k, tmp, n) != 0)
            return 0;
        k += n;
    }
    return k == kl;
}

/* Find the next key token after the previous one. cJSON gives us the object members in
 * document order and the walk visits them in that order, so the next string token followed
 * by ':' is the key of the member being visited; its decoded text is checked against `key`.
 * Returns 1 if found (the scan position moves to the key, vpos to its value). */
static int find_key(jctx *c, const char *key)
{
    size_t p = c->vpos > c->pos ? c->vpos : c->pos;
    while (p < c->len) {
        if (c->buf[p] != '"') {
            p++;
            continue;
        }
        size_t e = string_end(c, p);
        size_t q = e;
        while (q < c->len && is_ws(c->buf[q]))
            q++;
        if (q < c->len && c->buf[q] == ':' && e >= p + 2) {
            if (!key_equals(c, p + 1, e - 1, key))
                return 0;
            q++;
            while (q < c->len && is_ws(c->buf[q]))
                q++;
            advance(c, p);
            c->vpos = q;
            return 1;
        }
        p = e;
    }
    return 0;
}

/* Find a member of the root object by key, wherever it is (used for "template", which is
 * needed before the walk). Sets pos and vpos as find_key does. */
static int find_root_key(jctx *c, const char *key)
{
    int depth = 0;
    for (size_t p = 0; p < c->len;) {
        char ch = c->buf[p];
        if (ch == '{' || ch == '[') {
            depth++;
        } else if (ch == '}' || ch == ']') {
            depth--;
        } else if (ch == '"') {
            size_t e = string_end(c, p), q = e;
            while (q < c->len && is_ws(c->buf[q]))
                q++;
            if (depth == 1 && q < c->len && c->buf[q] == ':' && key_equals(c, p + 1, e - 1, key)) {
                q++;
                while (q < c->len && is_ws(c->buf[q]))
                    q++;
                advance(c, p);
                c->vpos = q;
                return 1;
            }
            p = e;
            continue;
        }
        p++;
    }
    return 0;
}

/* Append ".key", cut to the buffer (memcpy: this runs for every key of every document). */
static void path_push(jctx *c, const char *key, size_t *saved)
{
    *saved = c->plen;
    size_t room = sizeof c->path - c->plen, n = strlen(key) + 1;
    if (room < 2)
        return;
    if (n > room - 1)
        n = room - 1;
    c->path[c->plen] = '.';
    memcpy(c->path + c->plen + 1, key, n - 1);
    c->plen += n;
    c->path[c->plen] = '\0';
}

static void path_pop(jctx *c, size_t saved)
{
    c->plen = saved;
    c->path[saved] = '\0';
}

/* An error at the current key. */
static int jerr(jctx *c, int code, size_t off, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static int jerr(jctx *c, int code, size_t off, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    long line, col;
    xx_position(c->buf, c->len, off, &line, &col);
    return xx_error(code, line, col, (long long)off, c->path, "%s: %s", c->path, msg);
}

static const char *type_name(const cJSON *v)
{
    if (cJSON_IsNull(v)) return "null";
    if (cJSON_IsBool(v)) return "a boolean";
    if (cJSON_IsNumber(v)) return "a number";
    if (cJSON_IsString(v)) return "a string";
    if (cJSON_IsArray(v)) return "an array";
    return "an object";
}

static int dup_key(const cJSON *obj, const cJSON *item)
{
    for (const cJSON *s = obj->child; s && s != item; s = s->next)
        if (s->string[0] == item->string[0] && strcmp(s->string, item->string) == 0)
            return 1;
    return 0;
}

static size_t number_end(const jctx *c, size_t p)
{
    while (p < c->len) {
        char ch = c->buf[p];
        if ((ch >= '0' && ch <= '9') || ch == '-' || ch == '+' || ch == '.' || ch == 'e' || ch == 'E')
            p++;
        else
            break;
    }
    return p;
}


static int read_cell(jctx *c, size_t id, const cJSON *v)
{
    const xt_cell *cell = &c->r->t->cells[id];
    size_t off = c->vpos;
    uint32_t line = (uint32_t)c->line, col = (uint32_t)column_at(c, c->pos);
    int64_t micros, value;
    int integral, rc;
    if (cJSON_IsNull(v)) {
        xxgk_report_cell_set_blank(c->r, id);
        c->r->cells[id].line = line;
        c->r->cells[id].col = col;
        return 0;
    }
    if (cJSON_IsNumber(v)) {
        size_t e = number_end(c, off);
        int n = (int)(e - off);
        if (cell->kind != XXGK_KIND_AMOUNT) {
            rc = xx_parse_count(c->buf + off, e - off, &value);
            if (rc == XXGK_EKIND)
                return jerr(c, XXGK_ESCHEMA, off, "expected an integer count, found %.*s", n, c->buf + off);
            if (rc == XXGK_ERANGE)
                return jerr(c, XXGK_ERANGE, off, "count %.*s is beyond +-(2^53-1)", n, c->buf + off);
            if (rc)
                return jerr(c, XXGK_EPARSE, off, "malformed number '%.*s'", n, c->buf + off);
            xx_set_number(c->r, id, value, line, col);
            return 0;
        }
        rc = xx_parse_decimal(c->buf + off, e - off, 1, &micros, &integral);
        if (rc == XXGK_EPARSE)
            return jerr(c, XXGK_EPARSE, off, "malformed number '%.*s'", n, c->buf + off);
        if (rc == XXGK_EKIND)
            return jerr(c, XXGK_ERANGE, off, "amount %.*s has more than 6 decimal places", n, c->buf + off);
        if (rc || xx_value_for_kind(micros, integral, cell->kind, &value) != 0)
            return jerr(c, XXGK_ERANGE, off, "amount %.*s is out of range", n, c->buf + off);
        xx_set_number(c->r, id, value, line, col);
        return 0;
    }
    if (cJSON_IsString(v)) {
        const char *s = v->valuestring;
        size_t n = strlen(s);
        if (n == 0)
            return jerr(c, XXGK_ESCHEMA, off, "empty string: write null for a blank cell");
        /* a plain decimal in a string is a number (amounts may be written "7730.28"); any
         * other text, "1e3" included, is a token kept as written, as in CSV */
        rc = xx_is_plain_decimal(s, n) ? xx_parse_decimal(s, n, 0, &micros, &integral) : XXGK_EPARSE;
        if (rc != XXGK_EPARSE) {
            if (cell->kind != XXGK_KIND_AMOUNT)
                return jerr(c, XXGK_ESCHEMA, off, "a count must be a JSON number, not the string \"%s\"", s);
            if (rc == XXGK_EKIND)
                return jerr(c, XXGK_ERANGE, off, "amount \"%s\" has more than 6 decimal places", s);
            if (rc || xx_value_for_kind(micros, integral, cell->kind, &value) != 0)
                return jerr(c, XXGK_ERANGE, off, "amount \"%s\" is out of range", s);
            xx_set_number(c->r, id, value, line, col);
            return 0;
        }
        if (xx_set_token(c->r, id, s, n, line, col) != 0)
            return xx_oom();
        return 0;
    }
    return jerr(c, XXGK_ESCHEMA, off, "expected a number, null or a string, found %s", type_name(v));
}

static int walk_cols(jctx *c, const xt_table *tb, const xt_row *row, const cJSON *obj)
{
    const xt_block *bk = &tb->blocks[row->block];
    for (const cJSON *it = obj->child; it; it = it->next) {
        size_t saved;
        path_push(c, it->string, &saved);
        if (!find_key(c, it->string))
            c->vpos = c->pos;
        if (dup_key(obj, it))
            return jerr(c, XXGK_ESCHEMA, c->pos, "duplicate key \"%s\"", it->string);
        int col = -1;
        for (int k = 0; k < bk->ncols; k++)
            if (tb->cols[bk->first_col + k].code[0] == it->string[0] &&
                strcmp(tb->cols[bk->first_col + k].code, it->string) == 0)
                col = k;
        int rc;
        if (col >= 0) {
            rc = read_cell(c, (size_t)row->first_cell + (size_t)col, it);
        } else {
            char expected[512] = "";
            for (int k = 0; k < bk->ncols; k++) {
                strcat(expected, k ? ", " : "");
                strcat(expected, tb->cols[bk->first_col + k].code);
            }
            return jerr(c, XXGK_ESCHEMA, c->pos, "unknown key \"%s\" (expected %s)", it->string, expected);
        }
        if (rc)
            return rc;
        path_pop(c, saved);
    }
    return 0;
}

static int walk_rows(jctx *c, const xt_table *tb, int parent, const cJSON *obj)
{
    for (const cJSON *it = obj->child; it; it = it->next) {
        size_t saved;
        path_push(c, it->string, &saved);
        if (!find_key(c, it->string))
            c->vpos = c->pos;
        if (dup_key(obj, it))
            return jerr(c, XXGK_ESCHEMA, c->pos, "duplicate key \"%s\"", it->string);
        int found = -1;
        for (int k = 0; k < tb->nrows; k++)
            if (tb->rows[k].jparent == parent && tb->rows[k].key[0] == it->string[0] && tb->rows[k].key[0] &&
                strcmp(tb->rows[k].key, it->string) == 0) {
                found = k;
                break;
            }
        int rc;
        if (found < 0) {
            /* a subtotal group's own columns sit beside its rows */
            const xt_row *pr = parent >= 0 ? &tb->rows[parent] : NULL;
            int col = -1;
            if (pr && (pr->flags & XT_ROW_CELLS)) {
                const xt_block *bk = &tb->blocks[pr->block];
                for (int k = 0; k < bk->ncols; k++)
                    if (strcmp(tb->cols[bk->first_col + k].code, it->string) == 0)
                        col = k;
            }
            if (col < 0)
                return jerr(c, XXGK_ESCHEMA, c->pos, "unknown key \"%s\"", it->string);
            rc = read_cell(c, (size_t)pr->first_cell + (size_t)col, it);
        } else if (!cJSON_IsObject(it)) {
            rc = jerr(c, XXGK_ESCHEMA, c->vpos, "expected an object, found %s", type_name(it));
        } else if (tb->rows[found].flags & XT_ROW_GROUP) {
            rc = walk_rows(c, tb, found, it);
        } else {
            rc = walk_cols(c, tb, &tb->rows[found], it);
        }
        if (rc)
            return rc;
        path_pop(c, saved);
    }
    return 0;
}

/* What prescan found. */
enum { PRE_NUL, PRE_DEEP, PRE_CONTROL, PRE_ESC_NUL };

/* Reject raw NUL bytes, control characters and \u0000 in strings, and nesting deeper than
 * max, before cJSON sees the text (cJSON would cut a string at \u0000: a silent change). */
static int prescan(const char *buf, size_t len, unsigned max, size_t *bad, int *what)
{
    unsigned depth = 0;
    int in_str = 0;
    for (size_t i = 0; i < len; i++) {
        char ch = buf[i];
        if (ch == '\0') { *bad = i; *what = PRE_NUL; return -1; }
        if (in_str) {
            if (ch == '\\') {
                if (i + 5 < len && memcmp(buf + i + 1, "u0000", 5) == 0) {
                    *bad = i;
                    *what = PRE_ESC_NUL;
                    return -1;
                }
                i++;
            } else if (ch == '"') {
                in_str = 0;
            } else if ((unsigned char)ch < 0x20) {
                *bad = i;
                *what = PRE_CONTROL;
                return -1;
            }
            continue;
        }
        if (ch == '"') {
            in_str = 1;
        } else if (ch == '{' || ch == '[') {
            if (++depth > max) { *bad = i; *what = PRE_DEEP; return -1; }
        } else if (ch == '}' || ch == ']') {
            if (depth) depth--;
        }
    }
    return 0;
}

/* ---- syntax errors ----
 * cJSON says only where it gave up, and not always exactly there, and it takes some invalid
 * JSON (leading zeros, bad \u escapes). This small recursive checker (depth already bounded
 * by prescan) runs first, finds the first syntax error and says what was expected there. */
typedef struct jsyn {
    const char *buf;
    size_t len, pos;
    size_t err;        /* offset of the error */
    char msg[160];
} jsyn;

static int syn_fail(jsyn *s, size_t off, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int syn_fail(jsyn *s, size_t off, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->msg, sizeof s->msg, fmt, ap);
    va_end(ap);
    s->err = off;
    return -1;
}

static int syn_eof(jsyn *s)
{
    return syn_fail(s, s->len, "unexpected end of input (truncated document?)");
}

/* What is at off, quoted: one punctuation character, or a word of up to 12 bytes. */
static const char *syn_found(const jsyn *s, size_t off, char *out, size_t cap)
{
    size_t n = 0;
    const char *p = s->buf + off;
    if (strchr("{}[],:\"", *p)) {
        n = 1;
    } else {
        while (off + n < s->len && n < 12 && !is_ws(p[n]) && !strchr("{}[],:\"", p[n]))
            n++;
        while (n > 0 && off + n < s->len && ((unsigned char)p[n] & 0xC0) == 0x80)
            n--; /* never cut a UTF-8 sequence */
        if (n == 0)
            n = 1;
    }
    snprintf(out, cap, "'%.*s'", (int)n, p);
    return out;
}

static void syn_ws(jsyn *s)
{
    while (s->pos < s->len && is_ws(s->buf[s->pos]))
        s->pos++;
}

static int hexval(char ch)
{
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
}

/* \uXXXX at p (p points at the backslash); returns the code unit or -1. */
static long syn_u4(const jsyn *s, size_t p)
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

static int syn_string(jsyn *s)
{
    s->pos++;
    for (;;) {
        const char *p = s->buf + s->pos, *end = s->buf + s->len;
        const char *q = memchr(p, '"', (size_t)(end - p));
        const char *bs = memchr(p, '\\', (size_t)((q ? q : end) - p));
        if (!bs) {
            if (!q)
                return syn_eof(s);
            s->pos = (size_t)(q - s->buf) + 1;
            return 0;
        }
        s->pos = (size_t)(bs - s->buf);
        if (s->pos + 1 >= s->len)
            return syn_eof(s);
        char e = s->buf[s->pos + 1];
        if (e == 'u') {
            long u = syn_u4(s, s->pos);
            if (u < 0)
                return s->pos + 6 > s->len ? syn_eof(s)
                                           : syn_fail(s, s->pos, "\\u must be followed by four hex digits");
            if (u >= 0xDC00 && u <= 0xDFFF)
                return syn_fail(s, s->pos, "unpaired surrogate \\u%04lx in a string", u);
            if (u >= 0xD800 && u <= 0xDBFF) {
                long lo = syn_u4(s, s->pos + 6);
                if (lo < 0xDC00 || lo > 0xDFFF)
                    return syn_fail(s, s->pos, "unpaired surrogate \\u%04lx in a string", u);
                s->pos += 6;
            }
            s->pos += 6;
        } else if (e && strchr("\"\\/bfnrt", e)) {
            s->pos += 2;
        } else {
            return syn_fail(s, s->pos, "invalid escape '\\%c' in a string", e);
        }
    }
}

static int syn_number(jsyn *s)
{
    size_t start = s->pos, p = s->pos;
    const char *b = s->buf;
    if (p < s->len && b[p] == '-')
        p++;
    int ok = p < s->len && b[p] >= '0' && b[p] <= '9';
    if (ok && b[p] == '0') {
        p++;
        ok = !(p < s->len && b[p] >= '0' && b[p] <= '9'); /* no leading zeros */
    } else {
        while (p < s->len && b[p] >= '0' && b[p] <= '9')
            p++;
    }
    if (ok && p < s->len && b[p] == '.') {
        p++;
        ok = p < s->len && b[p] >= '0' && b[p] <= '9';
        while (p < s->len && b[p] >= '0' && b[p] <= '9')
            p++;
    }
    if (ok && p < s->len && (b[p] == 'e' || b[p] == 'E')) {
        p++;
        if (p < s->len && (b[p] == '+' || b[p] == '-'))
            p++;
        ok = p < s->len && b[p] >= '0' && b[p] <= '9';
        while (p < s->len && b[p] >= '0' && b[p] <= '9')
            p++;
    }
    if (!ok && p >= s->len)
        return syn_eof(s);
    size_t e = p;
    while (e < s->len && !is_ws(b[e]) && !strchr("{}[],:\"", b[e]))
        e++;
    if (!ok || e != p) {
        char f[48];
        s->pos = start;
        return syn_fail(s, start, "malformed number %s", syn_found(s, start, f, sizeof f));
    }
    s->pos = p;
    return 0;
}

static int syn_value(jsyn *s, const char *after);

static int syn_object(jsyn *s)
{
    char f[48];
    s->pos++;
    syn_ws(s);
    if (s->pos >= s->len)
        return syn_eof(s);
    if (s->buf[s->pos] == '}') {
        s->pos++;
        return 0;
    }
    for (int first = 1;; first = 0) {
        if (s->pos >= s->len)
            return syn_eof(s);
        if (s->buf[s->pos] != '"')
            return syn_fail(s, s->pos, "expected a key in double quotes%s, found %s%s", first ? "" : " after ','",
                            syn_found(s, s->pos, f, sizeof f),
                            !first && s->buf[s->pos] == '}' ? " (a trailing comma?)" : "");
        if (syn_string(s))
            return -1;
        syn_ws(s);
        if (s->pos >= s->len)
            return syn_eof(s);
        if (s->buf[s->pos] != ':')
            return syn_fail(s, s->pos, "expected ':' after the key, found %s", syn_found(s, s->pos, f, sizeof f));
        s->pos++;
        if (syn_value(s, " after ':'"))
            return -1;
        syn_ws(s);
        if (s->pos >= s->len)
            return syn_eof(s);
        if (s->buf[s->pos] == '}') {
            s->pos++;
            return 0;
        }
        if (s->buf[s->pos] != ',')
            return syn_fail(s, s->pos, "expected ',' or '}' after a member, found %s",
                            syn_found(s, s->pos, f, sizeof f));
        s->pos++;
        syn_ws(s);
    }
}

static int syn_array(jsyn *s)
{
    char f[48];
    s->pos++;
    syn_ws(s);
    if (s->pos >= s->len)
        return syn_eof(s);
    if (s->buf[s->pos] == ']') {
        s->pos++;
        return 0;
    }
    for (int first = 1;; first = 0) {
        if (syn_value(s, first ? "" : " after ','"))
            return -1;
        syn_ws(s);
        if (s->pos >= s->len)
            return syn_eof(s);
        if (s->buf[s->pos] == ']') {
            s->pos++;
            return 0;
        }
        if (s->buf[s->pos] != ',')
            return syn_fail(s, s->pos, "expected ',' or ']' after an element, found %s",
                            syn_found(s, s->pos, f, sizeof f));
        s->pos++;
    }
}

static int syn_value(jsyn *s, const char *after)
{
    syn_ws(s);
    if (s->pos >= s->len)
        return syn_eof(s);
    char ch = s->buf[s->pos], f[48];
    if (ch == '{')
        return syn_object(s);
    if (ch == '[')
        return syn_array(s);
    if (ch == '"')
        return syn_string(s);
    if (ch == '-' || (ch >= '0' && ch <= '9'))
        return syn_number(s);
    static const char *const words[] = { "true", "false", "null" };
    for (size_t k = 0; k < 3; k++) {
        size_t n = strlen(words[k]);
        if (s->len - s->pos >= n && memcmp(s->buf + s->pos, words[k], n) == 0) {
            size_t e = s->pos + n;
            if (e >= s->len || is_ws(s->buf[e]) || strchr("{}[],:\"", s->buf[e])) {
                s->pos = e;
                return 0;
            }
        }
        if (s->len - s->pos < n && memcmp(s->buf + s->pos, words[k], s->len - s->pos) == 0)
            return syn_eof(s);
    }
    return syn_fail(s, s->pos, "expected a value%s (object, array, string, number, true, false or null), found %s%s",
                    after, syn_found(s, s->pos, f, sizeof f),
                    (ch == ']' || ch == '}') && !strcmp(after, " after ','") ? " (a trailing comma?)" : "");
}

/* 1 and the place if the text has a syntax error, else 0. */
static int syntax_error(const char *buf, size_t len, size_t *off, char *msg, size_t cap)
{
    jsyn s = { .buf = buf, .len = len };
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        s.pos = 3;
    if (syn_value(&s, "") == 0)
        return 0;
    *off = s.err;
    snprintf(msg, cap, "%s", s.msg);
    return 1;
}

int xx_json_read(xxgk_report **out, const char *buf, size_t len, const struct xxgk_parse_options *o)
{
    *out = NULL;
    long line, col;
    size_t bad = xn_utf8_check(buf, len);
    if (bad < len) {
        xx_position(buf, len, bad, &line, &col);
        return xx_error(XXGK_EENCODING, line, col, (long long)bad, "$",
                        "invalid UTF-8 at byte %zu (line %ld, column %ld)", bad, line, col);
    }
    int what;
    /* cJSON refuses more than 1000 levels itself; the limit we state must be the one that holds */
    unsigned max_depth = o->max_depth > 1000 ? 1000 : o->max_depth;
    if (prescan(buf, len, max_depth, &bad, &what) != 0) {
        xx_position(buf, len, bad, &line, &col);
        if (what == PRE_DEEP)
            return xx_error(XXGK_ELIMIT, line, col, (long long)bad, "$", "JSON nesting deeper than %u levels",
                            max_depth);
        return xx_error(XXGK_EPARSE, line, col, (long long)bad, "$", "%s",
                        what == PRE_NUL       ? "malformed JSON: NUL byte"
                        : what == PRE_ESC_NUL ? "a string contains \\u0000 (NUL), which text cannot hold"
                                              : "malformed JSON: control character in a string (escape it)");
    }
    /* strict JSON first: cJSON alone would take 01 for 1 and "\u12G4" for a NUL character */
    char why[192];
    if (syntax_error(buf, len, &bad, why, sizeof why)) {
        xx_position(buf, len, bad, &line, &col);
        return xx_error(XXGK_EPARSE, line, col, (long long)bad, "$", "malformed JSON: %s", why);
    }
    /* The text is valid JSON now, so cJSON can only fail for want of memory. cJSON allocates
     * with its process-wide hooks, which a library must leave to the program: they are not
     * redirected to our allocation hook (so fault injection reaches our allocations only). */
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(buf, len, &end, 0);
    if (!root)
        return xx_error(XXGK_ENOMEM, 0, 0, -1, "$", "out of memory while parsing JSON");
    size_t tail = (size_t)(end - buf);
    while (tail < len && is_ws(buf[tail]))
        tail++;
    int rc = 0;
    jctx c = { .buf = buf, .len = len, .line = 1, .ccol = 1 };
    strcpy(c.path, "$");
    c.plen = 1;
    if (tail < len) {
        rc = jerr(&c, XXGK_EPARSE, tail, "unexpected text after the document");
        goto done;
    }
    if (!cJSON_IsObject(root)) {
        rc = jerr(&c, XXGK_ESCHEMA, 0, "expected an object, found %s", type_name(root));
        goto done;
    }
    const cJSON *jt = cJSON_GetObjectItemCaseSensitive(root, "template");
    const xxgk_template *t = o->tpl;
    if (jt) {
        if (!cJSON_IsString(jt)) {
            find_root_key(&c, "template");
            strcat(c.path, ".template");
            rc = jerr(&c, XXGK_ESCHEMA, c.vpos, "expected a string such as \"2021\", found %s", type_name(jt));
            goto done;
        }
        t = xxgk_template_get(jt->valuestring);
        if (!t || (o->tpl && o->tpl != t)) {
            find_root_key(&c, "template");
            strcat(c.path, ".template");
            rc = o->tpl && t ? jerr(&c, XXGK_ETEMPLATE, c.vpos, "template \"%s\" is not the required \"%s\"",
                                    jt->valuestring, o->tpl->id)
                             : jerr(&c, XXGK_ESCHEMA, c.vpos, "unknown template \"%s\" (known: 2019, 2021)",
                                    jt->valuestring);
            goto done;
        }
        c.pos = c.vpos = c.line_start = c.cpos = 0;
        c.line = c.ccol = 1;
    } else if (!t) {
        rc = jerr(&c, XXGK_ESCHEMA, 0, "missing \"template\"");
        goto done;
    }
    if (!cJSON_GetObjectItemCaseSensitive(root, "xxgk")) {
        rc = jerr(&c, XXGK_ESCHEMA, 0, "missing \"xxgk\": 1 (not an xxgk report document)");
        goto done;
    }
    if ((rc = xxgk_report_new(&c.r, t)) != 0)
        goto done;
    for (const cJSON *it = root->child; it; it = it->next) {
        size_t saved;
        path_push(&c, it->string, &saved);
        if (!find_key(&c, it->string))
            c.vpos = c.pos;
        if (dup_key(root, it)) {
            rc = jerr(&c, XXGK_ESCHEMA, c.pos, "duplicate key \"%s\"", it->string);
            goto done;
        }
        const char *k = it->string;
        if (!strcmp(k, "xxgk")) {
            size_t e = number_end(&c, c.vpos);
            if (!cJSON_IsNumber(it) || e - c.vpos != 1 || c.buf[c.vpos] != '1') {
                rc = jerr(&c, XXGK_ESCHEMA, c.vpos, "expected 1 (the document version)");
                goto done;
            }
        } else if (!strcmp(k, "template")) {
            /* read above */
        } else if (!strcmp(k, "year")) {
            if (cJSON_IsNull(it)) {
                c.r->year = 0;
            } else {
                int64_t micros, y;
                int integral;
                size_t e = number_end(&c, c.vpos);
                if (!cJSON_IsNumber(it) || xx_parse_decimal(c.buf + c.vpos, e - c.vpos, 1, &micros, &integral) ||
                    !integral || (y = micros / XX_MICROS) < 1949 || y > 9999) {
                    rc = jerr(&c, XXGK_ESCHEMA, c.vpos, "expected a year (1949..9999) or null");
                    goto done;
                }
                c.r->year = (int)y;
            }
        } else if (!strcmp(k, "agency") || !strcmp(k, "title")) {
            if (!cJSON_IsString(it)) {
                rc = jerr(&c, XXGK_ESCHEMA, c.vpos, "expected a string, found %s", type_name(it));
                goto done;
            }
            if ((rc = xx_set_string(!strcmp(k, "agency") ? &c.r->agency : &c.r->title, it->valuestring,
                                    strlen(it->valuestring))) != 0)
                goto done;
        } else if (!strcmp(k, "sections")) {
            if (!cJSON_IsObject(it)) {
                rc = jerr(&c, XXGK_ESCHEMA, c.vpos, "expected an object, found %s", type_name(it));
                goto done;
            }
            for (const cJSON *s = it->child; s; s = s->next) {
                size_t saved2;
                path_push(&c, s->string, &saved2);
                if (!find_key(&c, s->string))
                    c.vpos = c.pos;
                if (dup_key(it, s)) {
                    rc = jerr(&c, XXGK_ESCHEMA, c.pos, "duplicate key \"%s\"", s->string);
                    goto done;
                }
                int si = xx_section_index(t, s->string);
                if (si < 0) {
                    rc = jerr(&c, XXGK_ESCHEMA, c.pos,
                              "unknown key \"%s\" (expected preamble, overview, problems or other)", s->string);
                    goto done;
                }
                if (!cJSON_IsString(s)) {
                    rc = jerr(&c, XXGK_ESCHEMA, c.vpos, "expected a string, found %s", type_name(s));
                    goto done;
                }
                if ((rc = xx_set_string(&c.r->sections[si], s->valuestring, strlen(s->valuestring))) != 0)
                    goto done;
                path_pop(&c, saved2);
            }
        } else {
            const xt_table *tb = NULL;
            for (size_t i = 0; i < t->ntables; i++)
                if (!strcmp(t->tables[i].code, k))
                    tb = &t->tables[i];
            if (!tb) {
                rc = jerr(&c, XXGK_ESCHEMA, c.pos, "unknown key \"%s\"", k);
                goto done;
            }
            if (!cJSON_IsObject(it)) {
                rc = jerr(&c, XXGK_ESCHEMA, c.vpos, "expected an object, found %s", type_name(it));
                goto done;
            }
            if ((rc = walk_rows(&c, tb, -1, it)) != 0)
                goto done;
        }
        path_pop(&c, saved);
    }
done:
    cJSON_Delete(root);
    if (rc) {
        xxgk_report_free(c.r);
        return rc;
    }
    *out = c.r;
    return 0;
}
