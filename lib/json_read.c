/* SPDX-License-Identifier: MIT */
/* JSON reader: the scanner (json_scan.c) checks the text and records every value's place
 * and number text in document order; cJSON builds the tree; the walk visits the tree in
 * document order against the template, taking each node's place from the record (the n-th
 * node visited depth-first is the n-th value recorded), so numbers are read exactly from
 * their text, never through a double, and every cell keeps its line:column. */
#include "internal.h"
#include "json_scan.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

typedef struct jctx {
    const char *buf;
    size_t len;
    const xj_value *v;     /* the scanner's record: v[i] is the i-th node of the tree */
    xxgk_report *r;
    const char *keys[16];  /* the members from the root down to the one being read */
    int depth;
} jctx;

/* The walk never goes deeper than a template's rows; the path is written out only for an
 * error. */
static void path_push(jctx *c, const char *key)
{
    if (c->depth < (int)(sizeof c->keys / sizeof c->keys[0]))
        c->keys[c->depth] = key;
    c->depth++;
}

static void path_pop(jctx *c)
{
    c->depth--;
}

/* "$.applications.new.total", cut (at a character) to fit 512 bytes. */
static void path_text(const jctx *c, char *out, size_t cap)
{
    size_t n = 0;
    out[n++] = '$';
    for (int d = 0; d < c->depth && d < (int)(sizeof c->keys / sizeof c->keys[0]); d++) {
        size_t kl = strlen(c->keys[d]);
        if (n + 2 > cap - 1)
            break;
        if (kl > cap - 1 - n - 1) {
            kl = cap - 1 - n - 1;
            while (kl > 0 && ((unsigned char)c->keys[d][kl] & 0xC0) == 0x80)
                kl--;
        }
        out[n++] = '.';
        memcpy(out + n, c->keys[d], kl);
        n += kl;
    }
    out[n] = '\0';
}

/* An error at the current member, its message in both languages: "$.path: message". */
static int jerr_texts(jctx *c, int code, size_t off, const char *zh, const char *en)
{
    char path[512], mzh[1024], men[1024];
    path_text(c, path, sizeof path);
    snprintf(men, sizeof men, "%s: %s", path, en);
    snprintf(mzh, sizeof mzh, "%s：%s", path, zh);
    long line, col;
    xx_position(c->buf, c->len, off, &line, &col);
    return xx_error_texts(code, line, col, (long long)off, path, mzh, men);
}

/* The same from a literal format that lib/error_zh.c translates. */
static int jerr(jctx *c, int code, size_t off, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static int jerr(jctx *c, int code, size_t off, const char *fmt, ...)
{
    char zh[768], en[768];
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    vsnprintf(en, sizeof en, fmt, ap);
    const char *fzh = xx_error_zh(fmt);
    vsnprintf(zh, sizeof zh, fzh ? fzh : fmt, ap2);
    va_end(ap2);
    va_end(ap);
    return jerr_texts(c, code, off, zh, en);
}

/* An unknown key, with the one it may have meant. */
static int unknown_key(jctx *c, size_t off, const char *key, const char *best)
{
    if (best)
        return jerr(c, XXGK_ESCHEMA, off, "unknown key \"%s\" (did you mean \"%s\"?)", key, best);
    return jerr(c, XXGK_ESCHEMA, off, "unknown key \"%s\"", key);
}

/* cJSON's type tests without a call into the shared library for each node */
#define J_TYPE(it) ((it)->type & 0xFF)
#define J_IS_NULL(it) (J_TYPE(it) == cJSON_NULL)
#define J_IS_BOOL(it) (J_TYPE(it) == cJSON_True || J_TYPE(it) == cJSON_False)
#define J_IS_NUMBER(it) (J_TYPE(it) == cJSON_Number)
#define J_IS_STRING(it) (J_TYPE(it) == cJSON_String)
#define J_IS_ARRAY(it) (J_TYPE(it) == cJSON_Array)
#define J_IS_OBJECT(it) (J_TYPE(it) == cJSON_Object)

/* What a member must be, and its wrong type: "expected an object, found a string". */
enum { W_OBJECT, W_STRING, W_TEMPLATE, W_CELL };

static int wrong_type(jctx *c, size_t off, int want, const cJSON *v)
{
    static const char *const wants[][2] = {
        [W_OBJECT] = { "应为对象，实为%s", "expected an object, found %s" },
        [W_STRING] = { "应为字符串，实为%s", "expected a string, found %s" },
        [W_TEMPLATE] = { "应为“2021”这样的字符串，实为%s", "expected a string such as \"2021\", found %s" },
        [W_CELL] = { "应为数字、null 或字符串，实为%s", "expected a number, null or a string, found %s" },
    };
    int t = J_IS_NULL(v) ? 0 : J_IS_BOOL(v) ? 1 : J_IS_NUMBER(v) ? 2 : J_IS_STRING(v) ? 3 : J_IS_ARRAY(v) ? 4 : 5;
    static const char *const types[][2] = { { "null", "null" },     { "布尔值", "a boolean" }, { "数字", "a number" },
                                            { "字符串", "a string" }, { "数组", "an array" },  { "对象", "an object" } };
    char zh[256], en[256];
    snprintf(zh, sizeof zh, wants[want][0], types[t][0]);
    snprintf(en, sizeof en, wants[want][1], types[t][1]);
    return jerr_texts(c, XXGK_ESCHEMA, off, zh, en);
}


static int dup_key(const cJSON *obj, const cJSON *item)
{
    for (const cJSON *s = obj->child; s && s != item; s = s->next)
        if (s->string[0] == item->string[0] && strcmp(s->string, item->string) == 0)
            return 1;
    return 0;
}

/* The cell `id` from node `it`, recorded at v: anything but a plain count. */
static int read_cell_other(jctx *c, size_t id, const cJSON *it, const xj_value *v)
{
    const xt_cell *cell = &c->r->t->cells[id];
    size_t off = v->val;
    int64_t micros, value;
    int integral, rc;
    if (J_IS_NULL(it)) {
        xxgk_report_cell_set_blank(c->r, id);
        c->r->cells[id].line = v->line;
        c->r->cells[id].col = v->col;
        return 0;
    }
    if (J_IS_NUMBER(it)) {
        const char *num = c->buf + off;
        int n = (int)v->len;
        if (cell->kind != XXGK_KIND_AMOUNT) {
            rc = xx_parse_count(num, v->len, &value);
            if (rc == XXGK_EKIND)
                return jerr(c, XXGK_ESCHEMA, off, "expected an integer count, found %.*s", n, num);
            if (rc == XXGK_ERANGE)
                return jerr(c, XXGK_ERANGE, off, "count %.*s is beyond +-(2^53-1)", n, num);
            if (rc)
                return jerr(c, XXGK_EPARSE, off, "malformed number '%.*s'", n, num);
            xx_set_number(c->r, id, value, v->line, v->col);
            return 0;
        }
        rc = xx_parse_decimal(num, v->len, 1, &micros, &integral);
        if (rc == XXGK_EPARSE)
            return jerr(c, XXGK_EPARSE, off, "malformed number '%.*s'", n, num);
        if (rc == XXGK_EKIND)
            return jerr(c, XXGK_ERANGE, off, "amount %.*s has more than 6 decimal places", n, num);
        if (rc || xx_value_for_kind(micros, integral, cell->kind, &value) != 0)
            return jerr(c, XXGK_ERANGE, off, "amount %.*s is out of range", n, num);
        xx_set_number(c->r, id, value, v->line, v->col);
        return 0;
    }
    if (J_IS_STRING(it)) {
        const char *s = it->valuestring;
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
            xx_set_number(c->r, id, value, v->line, v->col);
            return 0;
        }
        if (xx_set_token(c->r, id, s, n, v->line, v->col) != 0)
            return xx_oom();
        return 0;
    }
    return wrong_type(c, off, W_CELL, it);
}

/* The cell `id` from node `it`, recorded at v. Mostly a count of a few digits: read here. */
static inline int read_cell(jctx *c, size_t id, const cJSON *it, const xj_value *v)
{
    int64_t value;
    if (J_IS_NUMBER(it) && c->r->t->cells[id].kind != XXGK_KIND_AMOUNT &&
        xx_plain_count(c->buf + v->val, v->len, &value)) {
        xx_set_number_fresh(c->r, id, value, v->line, v->col);
        return 0;
    }
    return read_cell_other(c, id, it, v);
}

/* a == b, inline: keys are a few bytes long, shorter than a call into the C library */
static int same_key(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

/* a[0..n) == b[0..n), a word at a time: a key is a dozen bytes, shorter than a call. The
 * last word is read overlapping the one before it, so no byte is compared alone unless
 * the key is shorter than four. */
static inline int same_bytes(const char *a, const char *b, size_t n)
{
    uint64_t x, y;
    uint32_t u, w;
    if (n >= 8) {
        for (; n > 8; a += 8, b += 8, n -= 8) {
            memcpy(&x, a, 8);
            memcpy(&y, b, 8);
            if (x != y)
                return 0;
        }
        memcpy(&x, a + n - 8, 8);
        memcpy(&y, b + n - 8, 8);
        return x == y;
    }
    if (n >= 4) {
        memcpy(&u, a, 4);
        memcpy(&w, b, 4);
        if (u != w)
            return 0;
        memcpy(&u, a + n - 4, 4);
        memcpy(&w, b + n - 4, 4);
        return u == w;
    }
    for (; n; a++, b++, n--)
        if (*a != *b)
            return 0;
    return 1;
}

/* Is the key of member `it` (recorded at v) `code` (of length n)? From the text when the
 * key has no escapes, else from cJSON's decoded key. */
static inline int key_is(const jctx *c, const xj_value *v, const cJSON *it, const char *code, size_t n)
{
    if (!v->klen)
        return same_key(code, it->string);
    return v->klen == n && same_bytes(c->buf + v->key + 1, code, n);
}

/* The column of block bk that member `it` (recorded at v) names, trying `guess` first
 * (documents list the columns in template order); -1 if none. */
static inline int find_col(const jctx *c, const xt_table *tb, const xt_block *bk, const cJSON *it, const xj_value *v,
                    int guess)
{
    const xt_col *cols = tb->cols + bk->first_col;
    if (guess < bk->ncols && key_is(c, v, it, cols[guess].code, cols[guess].code_len))
        return guess;
    for (int k = 0; k < bk->ncols; k++)
        if (key_is(c, v, it, cols[k].code, cols[k].code_len))
            return k;
    return -1;
}

/* The row below JSON group `parent` that member `it` (recorded at v) names, trying the rows
 * after `from` first (documents list rows in template order); -1 if none. */
static int find_row(const jctx *c, const xt_table *tb, int parent, const cJSON *it, const xj_value *v, int from)
{
    for (int pass = 0; pass < 2; pass++)
        for (int k = pass ? 0 : from; k < (pass ? from : tb->nrows); k++) {
            const xt_row *row = &tb->rows[k];
            if (row->jparent == parent && row->key[0] && key_is(c, v, it, row->key, row->key_len))
                return k;
        }
    return -1;
}

/* Has an earlier member of obj the key of it, which resolved to index k? A bit per index
 * when k < 64 (an earlier member with the same key resolved to the same k), else compare. */
static int seen_before(uint64_t *seen, int k, const cJSON *obj, const cJSON *it)
{
    if (k < 0 || k >= 64)
        return dup_key(obj, it);
    uint64_t bit = (uint64_t)1 << k;
    if (*seen & bit)
        return 1;
    *seen |= bit;
    return 0;
}

static int walk_cols(jctx *c, const xt_table *tb, const xt_row *row, const cJSON *obj, size_t i)
{
    const xt_block *bk = &tb->blocks[row->block];
    uint64_t seen = 0;
    int col = -1;
    size_t k = i + 1;
    for (const cJSON *it = obj->child; it; it = it->next, k = c->v[k].next) {
        path_push(c, it->string);
        col = find_col(c, tb, bk, it, &c->v[k], col + 1);
        if (col >= 0 && seen_before(&seen, col, obj, it))
            return jerr(c, XXGK_ESCHEMA, c->v[k].key, "duplicate key \"%s\"", it->string);
        if (col < 0) {
            char expected[512] = "";
            xx_nearest near;
            xx_nearest_init(&near, it->string);
            for (int n = 0; n < bk->ncols; n++) {
                strcat(expected, n ? ", " : "");
                strcat(expected, tb->cols[bk->first_col + n].code);
                xx_nearest_try(&near, tb->cols[bk->first_col + n].code, tb->cols[bk->first_col + n].code);
            }
            const char *best = xx_nearest_best(&near);
            if (best)
                return jerr(c, XXGK_ESCHEMA, c->v[k].key, "unknown key \"%s\" (did you mean \"%s\"? expected %s)",
                            it->string, best, expected);
            return jerr(c, XXGK_ESCHEMA, c->v[k].key, "unknown key \"%s\" (expected %s)", it->string, expected);
        }
        int rc = read_cell(c, (size_t)row->first_cell + (size_t)col, it, &c->v[k]);
        if (rc)
            return rc;
        path_pop(c);
    }
    return 0;
}

/* A member of a group row that is none of its rows: one of the group's own (subtotal)
 * cells, or an unknown key. */
static int read_group_cell(jctx *c, const xt_table *tb, int parent, const cJSON *obj, const cJSON *it, size_t k)
{
    const xt_row *pr = parent >= 0 ? &tb->rows[parent] : NULL;
    int col = -1;
    if (pr && (pr->flags & XT_ROW_CELLS))
        col = find_col(c, tb, &tb->blocks[pr->block], it, &c->v[k], 0);
    if (col < 0) {
        /* did you mean one of the group's rows, or its own cells? */
        xx_nearest near;
        xx_nearest_init(&near, it->string);
        for (int r = 0; r < tb->nrows; r++)
            if (tb->rows[r].jparent == parent && tb->rows[r].key[0])
                xx_nearest_try(&near, tb->rows[r].key, tb->rows[r].key);
        for (int n = 0; pr && (pr->flags & XT_ROW_CELLS) && n < tb->blocks[pr->block].ncols; n++)
            xx_nearest_try(&near, tb->cols[tb->blocks[pr->block].first_col + n].code,
                           tb->cols[tb->blocks[pr->block].first_col + n].code);
        const char *best = xx_nearest_best(&near);
        return unknown_key(c, c->v[k].key, it->string, best);
    }
    if (dup_key(obj, it))
        return jerr(c, XXGK_ESCHEMA, c->v[k].key, "duplicate key \"%s\"", it->string);
    return read_cell(c, (size_t)pr->first_cell + (size_t)col, it, &c->v[k]);
}

static int walk_rows(jctx *c, const xt_table *tb, int parent, const cJSON *obj, size_t i)
{
    uint64_t seen = 0;
    int found = parent;
    size_t k = i + 1;
    for (const cJSON *it = obj->child; it; it = it->next, k = c->v[k].next) {
        path_push(c, it->string);
        found = find_row(c, tb, parent, it, &c->v[k], found + 1 < tb->nrows ? found + 1 : 0);
        int rc;
        if (found < 0) {
            rc = read_group_cell(c, tb, parent, obj, it, k);
        } else if (seen_before(&seen, found, obj, it)) {
            rc = jerr(c, XXGK_ESCHEMA, c->v[k].key, "duplicate key \"%s\"", it->string);
        } else if (!J_IS_OBJECT(it)) {
            rc = wrong_type(c, c->v[k].val, W_OBJECT, it);
        } else if (tb->rows[found].flags & XT_ROW_GROUP) {
            rc = walk_rows(c, tb, found, it, k);
        } else {
            rc = walk_cols(c, tb, &tb->rows[found], it, k);
        }
        if (rc)
            return rc;
        path_pop(c);
    }
    return 0;
}

/* "template": the template the document names (or the one the options force); positions
 * are those of its value. */
static int read_template(jctx *c, const cJSON *root, const xxgk_template *forced, const xxgk_template **t)
{
    *t = forced;
    size_t k = 1;
    const cJSON *jt = root->child;
    for (; jt && strcmp(jt->string, "template") != 0; jt = jt->next)
        k = c->v[k].next;
    if (!jt)
        return forced ? 0 : jerr(c, XXGK_ESCHEMA, 0, "missing \"template\"");
    size_t off = c->v[k].val;
    path_push(c, "template");
    if (!J_IS_STRING(jt))
        return wrong_type(c, off, W_TEMPLATE, jt);
    *t = xxgk_template_get(jt->valuestring);
    if (*t && (!forced || forced == *t)) {
        path_pop(c);
        return 0;
    }
    return forced && *t ? jerr(c, XXGK_ETEMPLATE, off, "template \"%s\" is not the required \"%s\"", jt->valuestring,
                               forced->id)
                        : jerr(c, XXGK_ESCHEMA, off, "unknown template \"%s\" (known: 2019, 2021)", jt->valuestring);
}

static int read_sections(jctx *c, const cJSON *obj, size_t i)
{
    if (!J_IS_OBJECT(obj))
        return wrong_type(c, c->v[i].val, W_OBJECT, obj);
    size_t k = i + 1;
    for (const cJSON *s = obj->child; s; s = s->next, k = c->v[k].next) {
        path_push(c, s->string);
        if (dup_key(obj, s))
            return jerr(c, XXGK_ESCHEMA, c->v[k].key, "duplicate key \"%s\"", s->string);
        int si = xx_section_index(c->r->t, s->string);
        if (si < 0)
            return jerr(c, XXGK_ESCHEMA, c->v[k].key,
                        "unknown key \"%s\" (expected preamble, overview, problems or other)", s->string);
        if (!J_IS_STRING(s))
            return wrong_type(c, c->v[k].val, W_STRING, s);
        int rc = xx_set_text(&c->r->sections[si], s->valuestring, strlen(s->valuestring));
        if (rc)
            return rc;
        path_pop(c);
    }
    return 0;
}

/* "year": a year or null. */
static int read_year(jctx *c, const cJSON *it, const xj_value *v)
{
    int64_t micros, y;
    int integral;
    if (J_IS_NULL(it)) {
        c->r->year = 0;
        return 0;
    }
    if (!J_IS_NUMBER(it) || xx_parse_decimal(c->buf + v->val, v->len, 1, &micros, &integral) || !integral ||
        (y = micros / XX_MICROS) < 1949 || y > 9999)
        return jerr(c, XXGK_ESCHEMA, v->val, "expected a year (1949..9999) or null");
    c->r->year = (int)y;
    return 0;
}

/* One member of the root object, with record index k. */
static int read_member(jctx *c, const cJSON *it, size_t k)
{
    const xj_value *v = &c->v[k];
    const char *key = it->string;
    if (!strcmp(key, "xxgk"))
        return J_IS_NUMBER(it) && v->len == 1 && c->buf[v->val] == '1'
                   ? 0
                   : jerr(c, XXGK_ESCHEMA, v->val, "expected 1 (the document version)");
    if (!strcmp(key, "template"))
        return 0; /* read first */
    if (!strcmp(key, "year"))
        return read_year(c, it, v);
    if (!strcmp(key, "agency") || !strcmp(key, "title")) {
        if (!J_IS_STRING(it))
            return wrong_type(c, v->val, W_STRING, it);
        return xx_set_text(!strcmp(key, "agency") ? &c->r->agency : &c->r->title, it->valuestring,
                             strlen(it->valuestring));
    }
    if (!strcmp(key, "sections"))
        return read_sections(c, it, k);
    const xxgk_template *t = c->r->t;
    for (size_t i = 0; i < t->ntables; i++)
        if (!strcmp(t->tables[i].code, key)) {
            if (!J_IS_OBJECT(it))
                return wrong_type(c, v->val, W_OBJECT, it);
            return walk_rows(c, &t->tables[i], -1, it, k);
        }
    static const char *const members[] = { "xxgk", "template", "year", "agency", "title", "sections" };
    xx_nearest near;
    xx_nearest_init(&near, key);
    for (size_t i = 0; i < sizeof members / sizeof members[0]; i++)
        xx_nearest_try(&near, members[i], members[i]);
    for (size_t i = 0; i < t->ntables; i++)
        xx_nearest_try(&near, t->tables[i].code, t->tables[i].code);
    return unknown_key(c, v->key, key, xx_nearest_best(&near));
}

static int read_root(jctx *c, const cJSON *root, const xxgk_template *forced)
{
    if (!J_IS_OBJECT(root))
        return wrong_type(c, 0, W_OBJECT, root);
    const xxgk_template *t;
    int rc = read_template(c, root, forced, &t);
    if (rc)
        return rc;
    if (!cJSON_GetObjectItemCaseSensitive(root, "xxgk"))
        return jerr(c, XXGK_ESCHEMA, 0, "missing \"xxgk\": 1 (not an xxgk report document)");
    if ((rc = xx_report_new_read(&c->r, t)) != 0)
        return rc;
    size_t k = 1;
    for (const cJSON *it = root->child; it; it = it->next, k = c->v[k].next) {
        path_push(c, it->string);
        if (dup_key(root, it))
            return jerr(c, XXGK_ESCHEMA, c->v[k].key, "duplicate key \"%s\"", it->string);
        if ((rc = read_member(c, it, k)) != 0)
            return rc;
        path_pop(c);
    }
    return 0;
}

int xx_json_read(xxgk_report **out, const char *buf, size_t len, const struct xxgk_parse_options *o)
{
    *out = NULL;
    /* cJSON first, though it is lenient (it takes 01 for 1 and cuts a string at \u0000): the
     * scanner then refuses what cJSON should not have taken, and allocating its record after
     * cJSON's many small nodes lets those reuse the chunks the last document's nodes freed.
     * cJSON allocates with its process-wide hooks, which a library must leave to the
     * program: they are not redirected to our allocation hook (so fault injection reaches
     * our allocations only). */
    cJSON *root = cJSON_ParseWithLengthOpts(buf, len, NULL, 0);
    xj_scan scan;
    /* cJSON refuses more than 1000 levels itself; the limit we state must be the one that holds */
    int rc = xj_scan_document(&scan, buf, len, o->max_depth > 1000 ? 1000 : o->max_depth);
    if (rc == 0 && !root) { /* the text is valid JSON: cJSON ran out of memory */
        xj_scan_free(&scan);
        rc = xx_error(XXGK_ENOMEM, 0, 0, -1, "$", "out of memory while parsing JSON");
    }
    if (rc) {
        cJSON_Delete(root);
        return rc;
    }
    jctx c = { .buf = buf, .len = len, .v = scan.v };
    rc = read_root(&c, root, o->tpl);
    xj_scan_free(&scan);
    cJSON_Delete(root);
    if (rc) {
        xxgk_report_free(c.r);
        return rc;
    }
    *out = c.r;
    return 0;
}
