/* JSON reader and writer.
 *
 * Reading: cJSON parses the document; we then walk it in document order against the
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

/* Find the next `"key"` followed by ':' from the scan position. Returns 1 if found (the
 * scan position moves to the key, vpos to its value). */
static int find_key(jctx *c, const char *key)
{
    size_t kl = strlen(key);
    const char *p = c->buf + c->pos, *end = c->buf + c->len;
    while (p < end && (p = memchr(p, '"', (size_t)(end - p))) != NULL) {
        if ((size_t)(end - p) > kl + 1 && memcmp(p + 1, key, kl) == 0 && p[1 + kl] == '"') {
            const char *q = p + kl + 2;
            while (q < end && is_ws(*q))
                q++;
            if (q < end && *q == ':') {
                q++;
                while (q < end && is_ws(*q))
                    q++;
                advance(c, (size_t)(p - c->buf));
                c->vpos = (size_t)(q - c->buf);
                return 1;
            }
        }
        p++;
    }
    return 0;
}

static void path_push(jctx *c, const char *key, size_t *saved)
{
    *saved = c->plen;
    int n = snprintf(c->path + c->plen, sizeof c->path - c->plen, ".%s", key);
    if (n > 0)
        c->plen += (size_t)n < sizeof c->path - c->plen ? (size_t)n : sizeof c->path - c->plen - 1;
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
        if (strcmp(s->string, item->string) == 0)
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
        xxgk_report_set_blank(c->r, id);
        c->r->cells[id].line = line;
        c->r->cells[id].col = col;
        return 0;
    }
    if (cJSON_IsNumber(v)) {
        size_t e = number_end(c, off);
        rc = xx_parse_decimal(c->buf + off, e - off, 1, &micros, &integral);
        if (rc == XXGK_EPARSE)
            return jerr(c, XXGK_EPARSE, off, "malformed number '%.*s'", (int)(e - off), c->buf + off);
        if (rc == XXGK_ERANGE)
            return jerr(c, XXGK_ERANGE, off, "number '%.*s' is out of range", (int)(e - off), c->buf + off);
        if (rc == XXGK_EKIND)
            return jerr(c, XXGK_ERANGE, off, "'%.*s' has more than 6 decimal places", (int)(e - off),
                        c->buf + off);
        rc = xx_value_for_kind(micros, integral, cell->kind, &value);
        if (rc == XXGK_EKIND)
            return jerr(c, XXGK_ESCHEMA, off, "expected an integer count, found %.*s", (int)(e - off),
                        c->buf + off);
        if (rc)
            return jerr(c, XXGK_ERANGE, off, "%.*s is beyond +-(2^53-1)", (int)(e - off), c->buf + off);
        xx_set_number(c->r, id, value, line, col);
        return 0;
    }
    if (cJSON_IsString(v)) {
        const char *s = v->valuestring;
        size_t n = strlen(s);
        if (n == 0)
            return jerr(c, XXGK_ESCHEMA, off, "empty string: write null for a blank cell");
        rc = xx_parse_decimal(s, n, 1, &micros, &integral);
        if (rc != XXGK_EPARSE) {
            if (cell->kind != XXGK_KIND_AMOUNT)
                return jerr(c, XXGK_ESCHEMA, off, "a count must be a JSON number, not the string \"%s\"", s);
            if (rc == XXGK_EKIND)
                return jerr(c, XXGK_ERANGE, off, "\"%s\" has more than 6 decimal places", s);
            if (rc || xx_value_for_kind(micros, integral, cell->kind, &value) != 0)
                return jerr(c, XXGK_ERANGE, off, "\"%s\" is out of range", s);
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
            return jerr(c, XXGK_ESCHEMA, c->pos, "duplicate key");
        int col = -1;
        for (int k = 0; k < bk->ncols; k++)
            if (strcmp(tb->cols[bk->first_col + k].code, it->string) == 0)
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
            return jerr(c, XXGK_ESCHEMA, c->pos, "duplicate key");
        int found = -1;
        for (int k = 0; k < tb->nrows; k++)
            if (tb->rows[k].jparent == parent && tb->rows[k].key[0] && strcmp(tb->rows[k].key, it->string) == 0) {
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

/* Reject raw NUL bytes and nesting deeper than max before cJSON sees the text. */
static int prescan(const char *buf, size_t len, unsigned max, size_t *bad, int *what)
{
    unsigned depth = 0;
    int in_str = 0;
    for (size_t i = 0; i < len; i++) {
        char ch = buf[i];
        if (ch == '\0') { *bad = i; *what = 0; return -1; }
        if (in_str) {
            if (ch == '\\') i++;
            else if (ch == '"') in_str = 0;
            else if ((unsigned char)ch < 0x20) { *bad = i; *what = 2; return -1; }
            continue;
        }
        if (ch == '"') in_str = 1;
        else if (ch == '{' || ch == '[') {
            if (++depth > max) { *bad = i; *what = 1; return -1; }
        } else if (ch == '}' || ch == ']') {
            if (depth) depth--;
        }
    }
    return 0;
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
    if (prescan(buf, len, o->max_depth, &bad, &what) != 0) {
        xx_position(buf, len, bad, &line, &col);
        if (what == 1)
            return xx_error(XXGK_ELIMIT, line, col, (long long)bad, "$", "JSON nesting deeper than %u levels",
                            o->max_depth);
        return xx_error(XXGK_EPARSE, line, col, (long long)bad, "$",
                        what == 0 ? "malformed JSON: NUL byte" : "malformed JSON: control character in a string");
    }
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(buf, len, &end, 0);
    if (!root) {
        size_t off = end && end >= buf && end <= buf + len ? (size_t)(end - buf) : len;
        xx_position(buf, len, off, &line, &col);
        if (off >= len)
            return xx_error(XXGK_EPARSE, line, col, (long long)off, "$",
                            "malformed JSON: unexpected end of input (truncated document?)");
        return xx_error(XXGK_EPARSE, line, col, (long long)off, "$", "malformed JSON near '%.*s'",
                        (int)(len - off < 12 ? len - off : 12), buf + off);
    }
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
            find_key(&c, "template");
            strcat(c.path, ".template");
            rc = jerr(&c, XXGK_ESCHEMA, c.vpos, "expected a string such as \"2021\", found %s", type_name(jt));
            goto done;
        }
        t = xxgk_template_get(jt->valuestring);
        if (!t || (o->tpl && o->tpl != t)) {
            find_key(&c, "template");
            strcat(c.path, ".template");
            rc = o->tpl && t ? jerr(&c, XXGK_ETEMPLATE, c.vpos, "template \"%s\" is not the required \"%s\"",
                                    jt->valuestring, o->tpl->id)
                             : jerr(&c, XXGK_ESCHEMA, c.vpos, "unknown template \"%s\" (known: 2019, 2021)",
                                    jt->valuestring);
            goto done;
        }
        c.pos = 0; c.line = 1; c.line_start = 0;
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
            rc = jerr(&c, XXGK_ESCHEMA, c.pos, "duplicate key");
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
                    rc = jerr(&c, XXGK_ESCHEMA, c.pos, "duplicate key");
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

/* ---- writer ---- */

static void put_json_string(xbuf *b, const char *s)
{
    xb_putc(b, '"');
    const char *run = s;
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch >= 0x20 && ch != '"' && ch != '\\')
            continue;
        xb_put(b, run, (size_t)(s - run));
        run = s + 1;
        switch (ch) {
        case '"': xb_puts(b, "\\\""); break;
        case '\\': xb_puts(b, "\\\\"); break;
        case '\n': xb_puts(b, "\\n"); break;
        case '\r': xb_puts(b, "\\r"); break;
        case '\t': xb_puts(b, "\\t"); break;
        case '\b': xb_puts(b, "\\b"); break;
        case '\f': xb_puts(b, "\\f"); break;
        default: xb_printf(b, "\\u%04x", ch); break;
        }
    }
    xb_put(b, run, (size_t)(s - run));
    xb_putc(b, '"');
}

static void put_cell(xbuf *b, const xxgk_report *r, size_t id)
{
    const xcell *c = &r->cells[id];
    if (c->state == XXGK_CELL_NUMBER) {
        char tmp[32];
        xb_put(b, tmp, xx_format_number(tmp, c->v, r->t->cells[id].kind));
    } else if (c->state == XXGK_CELL_TOKEN) {
        put_json_string(b, r->tokens[id]);
    } else {
        xb_puts(b, "null");
    }
}

static void indent(xbuf *b, int n)
{
    for (int i = 0; i < n; i++)
        xb_puts(b, "  ");
}

/* The cells of a row as `"col": v, ...`, on one line or one per line. */
static void put_cols(xbuf *b, const xxgk_report *r, const xt_table *tb, const xt_row *row, int per_line, int ind)
{
    const xt_block *bk = &tb->blocks[row->block];
    for (int k = 0; k < bk->ncols; k++) {
        if (per_line) {
            if (k)
                xb_puts(b, ",\n");
            indent(b, ind);
        } else if (k) {
            xb_puts(b, ", ");
        }
        xb_putc(b, '"');
        xb_puts(b, tb->cols[bk->first_col + k].code);
        xb_puts(b, "\": ");
        put_cell(b, r, (size_t)row->first_cell + (size_t)k);
    }
}

static int any_filled(const xxgk_report *r, const xt_table *tb, const xt_row *row)
{
    const xt_block *bk = &tb->blocks[row->block];
    for (int k = 0; k < bk->ncols; k++)
        if (r->cells[row->first_cell + k].state != XXGK_CELL_BLANK)
            return 1;
    return 0;
}

static void put_rows(xbuf *b, const xxgk_report *r, const xt_table *tb, int parent, int ind, int first)
{
    for (int k = 0; k < tb->nrows; k++) {
        const xt_row *row = &tb->rows[k];
        if (row->jparent != parent || !row->key[0])
            continue;
        if (!first)
            xb_puts(b, ",\n");
        first = 0;
        indent(b, ind);
        xb_putc(b, '"');
        xb_puts(b, row->key);
        xb_puts(b, "\": {");
        if (row->flags & XT_ROW_GROUP) {
            xb_putc(b, '\n');
            int sub_first = 1;
            if ((row->flags & XT_ROW_CELLS) && any_filled(r, tb, row)) {
                put_cols(b, r, tb, row, 1, ind + 1);
                sub_first = 0;
            }
            put_rows(b, r, tb, k, ind + 1, sub_first);
            xb_putc(b, '\n');
            indent(b, ind);
            xb_putc(b, '}');
        } else {
            put_cols(b, r, tb, row, 0, 0);
            xb_putc(b, '}');
        }
    }
}

int xx_json_write(xbuf *b, const xxgk_report *r, const struct xxgk_write_options *o)
{
    (void)o;
    const xxgk_template *t = r->t;
    xb_puts(b, "{\n  \"xxgk\": 1,\n  \"template\": ");
    put_json_string(b, t->id);
    xb_puts(b, ",\n  \"year\": ");
    if (r->year)
        xb_printf(b, "%d", r->year);
    else
        xb_puts(b, "null");
    xb_puts(b, ",\n  \"agency\": ");
    put_json_string(b, xxgk_report_agency(r));
    xb_puts(b, ",\n  \"title\": ");
    put_json_string(b, xxgk_report_title(r));
    xb_puts(b, ",\n  \"sections\": {\n");
    for (size_t i = 0; i < t->nsections; i++) {
        xb_puts(b, i ? ",\n    \"" : "    \"");
        xb_puts(b, t->sections[i].code);
        xb_puts(b, "\": ");
        put_json_string(b, r->sections[i] ? r->sections[i] : "");
    }
    xb_puts(b, "\n  }");
    for (size_t i = 0; i < t->ntables; i++) {
        const xt_table *tb = &t->tables[i];
        xb_puts(b, ",\n  \"");
        xb_puts(b, tb->code);
        xb_puts(b, "\": {\n");
        put_rows(b, r, tb, -1, 2, 1);
        xb_puts(b, "\n  }");
    }
    xb_puts(b, "\n}\n");
    return b->failed ? xx_oom() : 0;
}
