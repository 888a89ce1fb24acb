/* SPDX-License-Identifier: MIT */
/* The report model: metadata, narrative sections, one cell array per report. */
#include "internal.h"
#include "normalize.h"

#include <stdio.h>
#include <string.h>

int xxgk_report_new(xxgk_report **out, const xxgk_template *t)
{
    if (!out)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "out is required");
    *out = NULL;
    if (!t)
        t = xxgk_template_default();
    xxgk_report *r = xx_spare_take(sizeof *r + t->ncells_all * sizeof(xcell));
    if (!r)
        return xx_oom();
    r->t = t;
    *out = r;
    return 0;
}

int xx_report_new_read(xxgk_report **out, const xxgk_template *t)
{
    int rc = xxgk_report_new(out, t);
    if (rc == 0)
        for (size_t id = 0; id < (*out)->t->ncells; id++)
            (*out)->cells[id].state = XXGK_CELL_UNREAD;
    return rc;
}

void xxgk_report_free(xxgk_report *r)
{
    if (!r)
        return;
    xx_free(r->agency);
    xx_free(r->title);
    for (size_t i = 0; i < XX_MAX_SECTIONS; i++) {
        xx_free(r->sections[i]);
        xx_free(r->sec_pos[i]);
    }
    if (r->tokens) {
        for (size_t i = 0; i < r->t->ncells_all; i++)
            xx_free(r->tokens[i]);
        xx_free(r->tokens);
    }
    xxgk_findings_free(r->diag);
    xx_free(r->pages);
    xx_spare_give(r, sizeof *r + r->t->ncells_all * sizeof(xcell));
}

static int dup_field(char **dst, const char *src)
{
    *dst = NULL;
    if (!src)
        return 0;
    *dst = xx_strdup(src);
    return *dst ? 0 : XXGK_ENOMEM;
}

int xxgk_report_clone(xxgk_report **out, const xxgk_report *r)
{
    if (out)
        *out = NULL;
    if (!out || !r)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "out and report are required");
    xxgk_report *c;
    int rc = xxgk_report_new(&c, r->t);
    if (rc)
        return rc;
    c->year = r->year;
    memcpy(c->cells, r->cells, r->t->ncells_all * sizeof(xcell));
    if (dup_field(&c->agency, r->agency) || dup_field(&c->title, r->title))
        goto oom;
    for (size_t i = 0; i < XX_MAX_SECTIONS; i++) {
        if (dup_field(&c->sections[i], r->sections[i]))
            goto oom;
        if (r->sec_npos[i]) {
            c->sec_pos[i] = xx_malloc(r->sec_npos[i] * sizeof *c->sec_pos[i]);
            if (!c->sec_pos[i])
                goto oom;
            memcpy(c->sec_pos[i], r->sec_pos[i], r->sec_npos[i] * sizeof *c->sec_pos[i]);
            c->sec_npos[i] = c->sec_cap[i] = r->sec_npos[i];
        }
    }
    c->notes = r->notes;
    if (r->npages) {
        c->pages = xx_malloc(r->npages * sizeof *c->pages);
        if (!c->pages)
            goto oom;
        memcpy(c->pages, r->pages, r->npages * sizeof *c->pages);
        c->npages = r->npages;
    }
    if (r->tokens) {
        c->tokens = xx_calloc(r->t->ncells_all, sizeof(char *));
        if (!c->tokens)
            goto oom;
        for (size_t i = 0; i < r->t->ncells_all; i++)
            if (dup_field(&c->tokens[i], r->tokens[i]))
                goto oom;
    }
    if (r->diag) {
        if (xxgk_findings_new(&c->diag) || xx_findings_append(c->diag, r->diag))
            goto oom;
    }
    *out = c;
    return 0;
oom:
    xxgk_report_free(c);
    return xx_oom();
}

const xxgk_template *xxgk_report_template(const xxgk_report *r) { return r ? r->t : NULL; }
int xxgk_report_year(const xxgk_report *r) { return r ? r->year : 0; }

int xxgk_report_set_year(xxgk_report *r, int year)
{
    if (!r)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "report is required");
    if (year != 0 && (year < 1949 || year > 9999))
        return xx_error(XXGK_ERANGE, 0, 0, -1, "year", "year %d out of range (1949..9999, or 0 for unknown)", year);
    r->year = year;
    return 0;
}

const char *xxgk_report_agency(const xxgk_report *r) { return r && r->agency ? r->agency : ""; }
const char *xxgk_report_title(const xxgk_report *r) { return r && r->title ? r->title : ""; }

int xx_set_string(char **field, const char *s, size_t n)
{
    if (s && n) {
        size_t bad = xn_utf8_check(s, n);
        if (bad < n)
            return xx_error(XXGK_EENCODING, 0, 0, (long long)bad, NULL, "invalid UTF-8 at byte %zu", bad);
        if (memchr(s, '\0', n))
            return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "text contains a NUL character");
    }
    return xx_set_text(field, s, n);
}

int xx_set_text(char **field, const char *s, size_t n)
{
    char *d = NULL;
    if (s && n) {
        d = xx_strndup(s, n);
        if (!d)
            return xx_oom();
    }
    xx_free(*field);
    *field = d;
    return 0;
}

int xxgk_report_set_agency(xxgk_report *r, const char *agency)
{
    if (!r)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "report is required");
    return xx_set_string(&r->agency, agency, agency ? strlen(agency) : 0);
}

int xxgk_report_set_title(xxgk_report *r, const char *title)
{
    if (!r)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "report is required");
    return xx_set_string(&r->title, title, title ? strlen(title) : 0);
}

const char *xxgk_report_section(const xxgk_report *r, const char *code)
{
    if (!r)
        return NULL;
    int i = xx_section_index(r->t, code);
    if (i < 0)
        return NULL;
    return r->sections[i] ? r->sections[i] : "";
}

int xxgk_report_set_section(xxgk_report *r, const char *code, const char *text)
{
    if (!r || !code)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "report and section code are required");
    int i = xx_section_index(r->t, code);
    if (i < 0)
        return xx_error(XXGK_ENOTFOUND, 0, 0, -1, code,
                        "unknown section '%s' (expected preamble, overview, problems or other)", code);
    int rc = xx_set_string(&r->sections[i], text, text ? strlen(text) : 0);
    if (rc == 0)
        xx_section_forget(r, (size_t)i);
    return rc;
}

int xxgk_report_cell_id(size_t *id, const xxgk_report *r, const char *path)
{
    if (!r)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "report is required");
    return xxgk_template_lookup(id, r->t, path);
}

static int bad_id(const xxgk_report *r, size_t id)
{
    if (!r)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "report is required");
    if (id >= r->t->ncells_all)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "cell id %zu out of range (template %s has %u)", id,
                        r->t->id, (unsigned)r->t->ncells_all);
    return 0;
}

int xxgk_report_cell_state(const xxgk_report *r, size_t id)
{
    int rc = bad_id(r, id);
    return rc ? rc : r->cells[id].state;
}

static int get_number(int64_t *value, const xxgk_report *r, size_t id)
{
    int rc = bad_id(r, id);
    if (rc)
        return rc;
    if (!value)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "value is required");
    const char *path = r->t->cells[id].path;
    if (r->cells[id].state == XXGK_CELL_BLANK)
        return xx_error(XXGK_ENOTFOUND, 0, 0, -1, path, "%s: the cell is blank, not a number", path);
    if (r->cells[id].state == XXGK_CELL_TOKEN)
        return xx_error(XXGK_ENOTFOUND, 0, 0, -1, path, "%s: the cell is a token, not a number", path);
    if (r->cells[id].state != XXGK_CELL_NUMBER)
        return xx_error(XXGK_ENOTFOUND, 0, 0, -1, path, "%s: the cell is not read, not a number", path);
    *value = r->cells[id].v;
    return 0;
}

int xxgk_report_cell_get_count(int64_t *value, const xxgk_report *r, size_t id)
{
    int rc = bad_id(r, id);
    if (rc)
        return rc;
    if (r->t->cells[id].kind == XXGK_KIND_AMOUNT)
        return xx_error(XXGK_EKIND, 0, 0, -1, r->t->cells[id].path,
                        "%s is an amount: read it with xxgk_report_cell_get_micros", r->t->cells[id].path);
    return get_number(value, r, id);
}

int xxgk_report_cell_get_micros(int64_t *value, const xxgk_report *r, size_t id)
{
    int64_t v = 0;
    int rc = get_number(&v, r, id);
    if (rc)
        return rc;
    if (r->t->cells[id].kind != XXGK_KIND_AMOUNT) {
        if (v > INT64_MAX / XX_MICROS || v < INT64_MIN / XX_MICROS)
            return xx_error(XXGK_ERANGE, 0, 0, -1, r->t->cells[id].path, "%s: too large to scale by 10^6",
                            r->t->cells[id].path);
        v *= XX_MICROS;
    }
    *value = v;
    return 0;
}

int xxgk_report_cell_get_all(unsigned char *states, int64_t *values, size_t n, const xxgk_report *r)
{
    if (!r || (n && (!states || !values)))
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "report, states and values are required");
    if (n > r->t->ncells_all)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "%zu cells asked for, the template has %zu", n,
                        (size_t)r->t->ncells_all);
    for (size_t id = 0; id < n; id++) {
        const xcell *c = &r->cells[id];
        states[id] = c->state;
        values[id] = c->state == XXGK_CELL_NUMBER ? c->v : 0;
    }
    return 0;
}

const char *xxgk_report_cell_token(const xxgk_report *r, size_t id)
{
    if (!r || id >= r->t->ncells_all || r->cells[id].state != XXGK_CELL_TOKEN || !r->tokens)
        return NULL;
    return r->tokens[id];
}

int xxgk_report_cell_format(char *buf, size_t size, const xxgk_report *r, size_t id)
{
    int rc = bad_id(r, id);
    if (rc)
        return rc;
    char tmp[32];
    const char *s = "";
    size_t n = 0;
    if (r->cells[id].state == XXGK_CELL_NUMBER) {
        n = xx_format_number(tmp, r->cells[id].v, r->t->cells[id].kind);
        s = tmp;
    } else if (r->cells[id].state == XXGK_CELL_TOKEN) {
        s = r->tokens[id];
        n = strlen(s);
    }
    if (buf && size) {
        size_t k = n < size - 1 ? n : size - 1;
        memcpy(buf, s, k);
        buf[k] = '\0';
    }
    return n > (size_t)INT32_MAX ? XXGK_ERANGE : (int)n;
}

long xxgk_report_cell_line(const xxgk_report *r, size_t id)
{
    return r && id < r->t->ncells_all ? (long)r->cells[id].line : 0;
}

long xxgk_report_cell_column(const xxgk_report *r, size_t id)
{
    return r && id < r->t->ncells_all ? (long)r->cells[id].col : 0;
}

static void clear_token(xxgk_report *r, size_t id)
{
    if (r->tokens && r->tokens[id]) {
        xx_free(r->tokens[id]);
        r->tokens[id] = NULL;
    }
}

void xx_set_number(xxgk_report *r, size_t id, int64_t v, uint32_t line, uint32_t col)
{
    clear_token(r, id);
    r->cells[id].state = XXGK_CELL_NUMBER;
    r->cells[id].v = v;
    r->cells[id].line = line;
    r->cells[id].col = col;
    r->cells[id].grid_rec = 0;
    r->cells[id].grid_field = 0;
    if (r->cells[id].note)
        r->notes--;
    r->cells[id].note = 0;
}

int xx_set_token(xxgk_report *r, size_t id, const char *s, size_t n, uint32_t line, uint32_t col)
{
    if (!r->tokens) {
        r->tokens = xx_calloc(r->t->ncells_all, sizeof(char *));
        if (!r->tokens)
            return xx_oom();
    }
    char *d = xx_strndup(s, n);
    if (!d)
        return xx_oom();
    clear_token(r, id);
    r->tokens[id] = d;
    r->cells[id].state = XXGK_CELL_TOKEN;
    r->cells[id].v = 0;
    r->cells[id].line = line;
    r->cells[id].col = col;
    r->cells[id].grid_rec = 0;
    r->cells[id].grid_field = 0;
    return 0;
}

int xxgk_report_cell_set_count(xxgk_report *r, size_t id, int64_t value)
{
    int rc = bad_id(r, id);
    if (rc)
        return rc;
    const char *path = r->t->cells[id].path;
    if (r->t->cells[id].kind == XXGK_KIND_AMOUNT)
        return xx_error(XXGK_EKIND, 0, 0, -1, path, "%s is an amount: set it with xxgk_report_cell_set_micros", path);
    if (value > XX_MAX_SAFE || value < -XX_MAX_SAFE)
        return xx_error(XXGK_ERANGE, 0, 0, -1, path, "%s: %lld is beyond +-(2^53-1)", path, (long long)value);
    xx_set_number(r, id, value, 0, 0);
    return 0;
}

int xxgk_report_cell_set_micros(xxgk_report *r, size_t id, int64_t micros)
{
    int rc = bad_id(r, id);
    if (rc)
        return rc;
    const char *path = r->t->cells[id].path;
    if (r->t->cells[id].kind != XXGK_KIND_AMOUNT)
        return xx_error(XXGK_EKIND, 0, 0, -1, path, "%s is a count: set it with xxgk_report_cell_set_count", path);
    if (xx_value_for_kind(micros, 0, XXGK_KIND_AMOUNT, &micros) != 0)
        return xx_error(XXGK_ERANGE, 0, 0, -1, path, "%s: amount out of range", path);
    xx_set_number(r, id, micros, 0, 0);
    return 0;
}

int xxgk_report_cell_set_number_text(xxgk_report *r, size_t id, const char *text)
{
    int rc = bad_id(r, id);
    if (rc)
        return rc;
    const char *path = r->t->cells[id].path;
    if (!text)
        return xx_error(XXGK_EINVAL, 0, 0, -1, path, "text is required");
    int64_t micros, v;
    int integral;
    if (r->t->cells[id].kind != XXGK_KIND_AMOUNT && xx_parse_count(text, strlen(text), &v) == 0) {
        xx_set_number(r, id, v, 0, 0);
        return 0;
    }
    rc = xx_parse_decimal(text, strlen(text), 0, &micros, &integral);
    if (rc == XXGK_EPARSE)
        return xx_error(rc, 0, 0, -1, path, "%s: '%s' is not a number", path, text);
    if (rc == XXGK_EKIND)
        return xx_error(XXGK_EKIND, 0, 0, -1, path, "%s: '%s' has more than 6 decimals", path, text);
    if (rc)
        return xx_error(rc, 0, 0, -1, path, "%s: '%s' is out of range", path, text);
    rc = xx_value_for_kind(micros, integral, r->t->cells[id].kind, &v);
    if (rc == XXGK_EKIND)
        return xx_error(rc, 0, 0, -1, path, "%s: a count must be an integer, found '%s'", path, text);
    if (rc)
        return xx_error(rc, 0, 0, -1, path, "%s: '%s' is beyond the cell's range", path, text);
    xx_set_number(r, id, v, 0, 0);
    return 0;
}

int xxgk_report_cell_set_blank(xxgk_report *r, size_t id)
{
    int rc = bad_id(r, id);
    if (rc)
        return rc;
    clear_token(r, id);
    if (r->cells[id].note)
        r->notes--;
    memset(&r->cells[id], 0, sizeof r->cells[id]);
    return 0;
}

int xxgk_report_cell_set_unread(xxgk_report *r, size_t id)
{
    int rc = xxgk_report_cell_set_blank(r, id);
    if (rc == 0 && !(r->t->cells[id].flags & XXGK_CELL_FLAG_OPTIONAL))
        r->cells[id].state = XXGK_CELL_UNREAD;
    return rc;
}

void xx_row_read(xxgk_report *r, const xt_table *tb, const xt_row *row)
{
    if (row->first_cell < 0)
        return;
    for (size_t k = 0; k < tb->blocks[row->block].ncols; k++)
        if (r->cells[(size_t)row->first_cell + k].state == XXGK_CELL_UNREAD)
            r->cells[(size_t)row->first_cell + k].state = XXGK_CELL_BLANK;
}

int xx_row_unread(const xxgk_report *r, const xt_table *tb, const xt_row *row)
{
    if (row->first_cell < 0)
        return 0;
    for (size_t k = 0; k < tb->blocks[row->block].ncols; k++)
        if (r->cells[(size_t)row->first_cell + k].state != XXGK_CELL_UNREAD)
            return 0;
    return 1;
}

int xx_table_unread(const xxgk_report *r, const xt_table *tb)
{
    for (size_t id = tb->first_cell; id < tb->first_cell + tb->ncells; id++)
        if (r->cells[id].state != XXGK_CELL_UNREAD)
            return 0;
    return 1;
}

int xx_section_line(xxgk_report *r, size_t sec, uint32_t line, uint32_t col)
{
    if (sec >= XX_MAX_SECTIONS)
        return 0;
    if (r->sec_npos[sec] == r->sec_cap[sec]) {
        uint32_t cap = r->sec_cap[sec] ? r->sec_cap[sec] * 2 : 16;
        xlinepos *p = xx_realloc(r->sec_pos[sec], cap * sizeof *p);
        if (!p)
            return xx_oom();
        r->sec_pos[sec] = p;
        r->sec_cap[sec] = cap;
    }
    r->sec_pos[sec][r->sec_npos[sec]++] = (xlinepos){ line, col };
    return 0;
}

void xx_section_forget(xxgk_report *r, size_t sec)
{
    if (sec < XX_MAX_SECTIONS)
        r->sec_npos[sec] = 0;
}

void xx_note_unit(xxgk_report *r, size_t id)
{
    if (!r->cells[id].note)
        r->notes++;
    r->cells[id].note |= XX_NOTE_UNIT;
}

void xx_set_grid(xxgk_report *r, size_t id, uint32_t record, uint16_t field)
{
    r->cells[id].grid_rec = record;
    r->cells[id].grid_field = field;
}

int xxgk_report_cell_set_token(xxgk_report *r, size_t id, const char *token)
{
    int rc = bad_id(r, id);
    if (rc)
        return rc;
    if (!token || !*token)
        return xx_error(XXGK_EINVAL, 0, 0, -1, r->t->cells[id].path, "a token must be non-empty text");
    size_t n = strlen(token), bad = xn_utf8_check(token, n);
    if (xx_is_plain_decimal(token, n))
        return xx_error(XXGK_EINVAL, 0, 0, -1, r->t->cells[id].path,
                        "%s: '%s' is a number, not a token: set it as a number", r->t->cells[id].path, token);
    if (bad < n)
        return xx_error(XXGK_EENCODING, 0, 0, (long long)bad, r->t->cells[id].path, "invalid UTF-8 at byte %zu", bad);
    return xx_set_token(r, id, token, n, 0, 0);
}

static const xxgk_findings empty_findings;

const xxgk_findings *xxgk_report_diagnostics(const xxgk_report *r)
{
    return r && r->diag ? r->diag : &empty_findings;
}

/* A message that starts with the cell's path ("path：…", "path: …") starts with the cell's
 * name instead, as the printed table names it: the path stays in the finding's cells. */
static const char *as_named(char *buf, size_t cap, const xxgk_template *t, const char *path, const char *msg,
                            int en)
{
    size_t id, n = path ? strlen(path) : 0;
    const char *sep = en ? ": " : "：";
    if (!n || strncmp(msg, path, n) || strncmp(msg + n, sep, strlen(sep)) || xx_lookup(t, path, &id))
        return msg;
    snprintf(buf, cap, "%s%s", en ? t->cells[id].name_en : t->cells[id].name, msg + n);
    return buf;
}

int xx_diag(xxgk_report *r, const char *rule, int severity, long line, long col, const char *cell_path,
            const char *msg_zh, const char *msg_en)
{
    if (!r->diag && xxgk_findings_new(&r->diag) != 0)
        return XXGK_ENOMEM;
    const char *cells[1] = { cell_path };
    char zh[1536], en[1536];
    return xx_findings_add(r->diag, rule, severity, cells, cell_path ? 1 : 0, "", "",
                           as_named(zh, sizeof zh, r->t, cell_path, msg_zh, 0),
                           as_named(en, sizeof en, r->t, cell_path, msg_en, 1), line, col);
}

int xx_diagf(xxgk_report *r, const char *rule, int severity, long line, long col, const char *cell_path,
             const char *fmt_zh, const char *fmt_en, ...)
{
    char zh[1024], en[1024];
    va_list ap;
    va_start(ap, fmt_en);
    va_list ap2;
    va_copy(ap2, ap);
    vsnprintf(zh, sizeof zh, fmt_zh, ap);
    vsnprintf(en, sizeof en, fmt_en, ap2);
    va_end(ap2);
    va_end(ap);
    return xx_diag(r, rule, severity, line, col, cell_path, zh, en);
}

void xx_diag_sort(xxgk_report *r)
{
    if (!r->diag)
        return;
    xfinding *it = r->diag->items;
    for (size_t i = 1; i < r->diag->n; i++) {
        xfinding x = it[i];
        size_t j = i;
        while (j > 0 && it[j - 1].line > x.line) {
            it[j] = it[j - 1];
            j--;
        }
        it[j] = x;
    }
}
