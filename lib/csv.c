/* SPDX-License-Identifier: MIT */
/* Long and wide CSV: one RFC 4180 record scanner, the long form (`path,value`, optionally
 * with a leading `report` column, read report by report), and the wide form (the tables as
 * printed, matched through the template's normalized labels). */
#include "encoding.h"
#include "internal.h"
#include "normalize.h"

#include <stdio.h>
#include <string.h>

/* ---- RFC 4180 records ---- */

typedef struct cfield {
    size_t off;            /* byte offset of the field in the input */
    size_t soff, slen;     /* decoded text in the scratch buffer */
    long line, col;
    const char *s;         /* NUL-terminated decoded text (valid after the record is read) */
    int quoted;
} cfield;

typedef struct csvp {
    const char *buf;
    size_t len, pos;
    long line;             /* line at pos */
    size_t line_start;
    size_t cpos;           /* column cache: column ccol at byte cpos */
    long ccol;
    size_t max_line;
    xbuf scratch;
    cfield *f;
    size_t nf, capf;
    long rec_line;
} csvp;

static void cp_init(csvp *p, const char *buf, size_t len, size_t max_line)
{
    memset(p, 0, sizeof *p);
    p->buf = buf;
    p->len = len;
    p->line = 1;
    p->ccol = 1;
    p->max_line = max_line;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
        p->pos = p->line_start = p->cpos = 3;
    }
}

static void cp_free(csvp *p)
{
    xb_free(&p->scratch);
    xx_free(p->f);
    p->f = NULL;
    p->nf = p->capf = 0;
}

static long cp_col(csvp *p, size_t off)
{
    if (p->cpos < p->line_start || p->cpos > off) {
        p->cpos = p->line_start;
        p->ccol = 1;
    }
    p->ccol += (long)xn_utf8_count(p->buf + p->cpos, off - p->cpos);
    p->cpos = off;
    return p->ccol;
}

static int cp_verr(csvp *p, int code, size_t off, const char *path, const char *fmt, va_list ap)
{
    char msg[768];
    vsnprintf(msg, sizeof msg, fmt, ap);
    long line, col;
    xx_position(p->buf, p->len, off, &line, &col);
    if (line == 1 && col > 1 && p->len >= 3 && memcmp(p->buf, "\xEF\xBB\xBF", 3) == 0)
        col--; /* the byte order mark is not a character of the line */
    return xx_error(code, line, col, (long long)off, path, "%s", msg);
}

/* An error at byte `off` of the input (line and column are derived from it). */
static int cp_err(csvp *p, int code, size_t off, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static int cp_err(csvp *p, int code, size_t off, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = cp_verr(p, code, off, NULL, fmt, ap);
    va_end(ap);
    return rc;
}

/* The same, about a cell. */
static int cp_errp(csvp *p, int code, size_t off, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static int cp_errp(csvp *p, int code, size_t off, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = cp_verr(p, code, off, path, fmt, ap);
    va_end(ap);
    return rc;
}

static void cp_newline(csvp *p, size_t nl)
{
    p->line++;
    p->line_start = nl + 1;
}

/* Read the next record into p->f. Returns 1 (a record), 0 (end of input) or a negative
 * code. Lines that are entirely empty are skipped. */
static int cp_next(csvp *p)
{
    for (;;) {
        if (p->pos >= p->len)
            return 0;
        if (p->buf[p->pos] == '\n') {
            cp_newline(p, p->pos);
            p->pos++;
            continue;
        }
        if (p->buf[p->pos] == '\r' && p->pos + 1 < p->len && p->buf[p->pos + 1] == '\n') {
            cp_newline(p, p->pos + 1);
            p->pos += 2;
            continue;
        }
        break;
    }
    p->nf = 0;
    p->scratch.len = 0;
    p->rec_line = p->line;
    size_t rec_start = p->pos;
    for (;;) {
        if (p->nf == p->capf) {
            size_t cap = p->capf ? p->capf * 2 : 16;
            cfield *nfp = xx_realloc(p->f, cap * sizeof *nfp);
            if (!nfp)
                return xx_oom();
            p->f = nfp;
            p->capf = cap;
        }
        cfield *f = &p->f[p->nf++];
        f->off = p->pos;
        f->line = p->line;
        f->col = cp_col(p, p->pos);
        f->soff = p->scratch.len;
        size_t i = p->pos;
        f->quoted = i < p->len && p->buf[i] == '"';
        if (f->quoted) {
            i++;
            for (;;) {
                if (i >= p->len)
                    return cp_err(p, XXGK_EPARSE, f->off, "unterminated quoted field (expected a closing '\"')");
                char ch = p->buf[i];
                if (ch == '"') {
                    if (i + 1 < p->len && p->buf[i + 1] == '"') {
                        xb_putc(&p->scratch, '"');
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                if (ch == '\0')
                    return cp_err(p, XXGK_EPARSE, i, "NUL byte in a field");
                if (ch == '\n')
                    cp_newline(p, i);
                const char *q = p->buf + i;
                size_t run = 1;
                while (i + run < p->len && q[run] != '"' && q[run] != '\n' && q[run] != '\0')
                    run++;
                xb_put(&p->scratch, q, run);
                i += run;
                if (i - rec_start > p->max_line)
                    return cp_err(p, XXGK_ELIMIT, rec_start, "record longer than the limit of %zu bytes",
                                  p->max_line);
            }
            if (i < p->len && p->buf[i] != ',' && p->buf[i] != '\n' &&
                !(p->buf[i] == '\r' && i + 1 < p->len && p->buf[i + 1] == '\n'))
                return cp_err(p, XXGK_EPARSE, i, "expected ',' or the end of the line after a closing quote");
        } else {
            size_t s = i;
            while (i < p->len && p->buf[i] != ',' && p->buf[i] != '\n' && p->buf[i] != '\r' && p->buf[i] != '\0')
                i++;
            if (i < p->len && p->buf[i] == '\0')
                return cp_err(p, XXGK_EPARSE, i, "NUL byte in a field");
            if (i < p->len && p->buf[i] == '\r' && !(i + 1 < p->len && p->buf[i + 1] == '\n'))
                return cp_err(p, XXGK_EPARSE, i, "carriage return not followed by a line feed");
            xb_put(&p->scratch, p->buf + s, i - s);
        }
        if (i - rec_start > p->max_line)
            return cp_err(p, XXGK_ELIMIT, rec_start, "record longer than the limit of %zu bytes", p->max_line);
        f->slen = p->scratch.len - f->soff;
        xb_putc(&p->scratch, '\0');
        if (p->scratch.failed)
            return xx_oom();
        if (i < p->len && p->buf[i] == ',') {
            p->pos = i + 1;
            continue;
        }
        if (i < p->len && p->buf[i] == '\r')
            i++;
        if (i < p->len && p->buf[i] == '\n') {
            cp_newline(p, i);
            i++;
        }
        p->pos = i;
        break;
    }
    for (size_t k = 0; k < p->nf; k++)
        p->f[k].s = p->scratch.p + p->f[k].soff;
    return 1;
}

/* Quote a field when it needs it. */
static void put_field(xbuf *b, const char *s)
{
    size_t n = strlen(s);
    int edge = n && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t');
    if (!edge && !strpbrk(s, ",\"\r\n")) {
        xb_puts(b, s);
        return;
    }
    xb_putc(b, '"');
    for (const char *q = s; *q; q++) {
        if (*q == '"')
            xb_putc(b, '"');
        xb_putc(b, *q);
    }
    xb_putc(b, '"');
}

static int check_utf8(const char *buf, size_t len)
{
    size_t bad = xn_utf8_check(buf, len);
    if (bad >= len)
        return 0;
    long line, col;
    xx_position(buf, len, bad, &line, &col);
    return xx_error(XXGK_EENCODING, line, col, (long long)bad, NULL, "invalid UTF-8 at byte %zu", bad);
}

/* ---- values (both forms) ---- */

static int plain_number(const char *s, size_t n)
{
    size_t i = 0, d = 0;
    if (i < n && s[i] == '-')
        i++;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++, d++;
    if (i < n && s[i] == '.') {
        i++;
        size_t fd = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++, fd++;
        if (!fd)
            return 0;
    }
    return d > 0 && i == n;
}

/* Set cell `id` from s[0..n): empty is blank, a plain decimal is a number, anything else a
 * token kept as written. */
static int set_value(csvp *p, xxgk_report *r, size_t id, const cfield *f, const char *s, size_t n)
{
    const xt_cell *cell = &r->t->cells[id];
    uint32_t line = (uint32_t)f->line, col = (uint32_t)f->col;
    if (n == 0) {
        xxgk_report_cell_set_blank(r, id);
        r->cells[id].line = line;
        r->cells[id].col = col;
        return 0;
    }
    if (!plain_number(s, n))
        return xx_set_token(r, id, s, n, line, col) ? xx_oom() : 0;
    int64_t micros, v;
    int integral;
    if (cell->kind != XXGK_KIND_AMOUNT && !memchr(s, '.', n)) {
        /* an integer count: read directly, so that all of +-(2^53-1) fits */
        uint64_t u = 0;
        size_t i = s[0] == '-';
        for (; i < n; i++) {
            u = u * 10 + (uint64_t)(s[i] - '0');
            if (u > (uint64_t)XX_MAX_SAFE)
                return cp_errp(p, XXGK_ERANGE, f->off, cell->path, "%s: %.*s is beyond +-(2^53-1)", cell->path,
                               (int)n, s);
        }
        xx_set_number(r, id, s[0] == '-' ? -(int64_t)u : (int64_t)u, line, col);
        return 0;
    }
    int rc = xx_parse_decimal(s, n, 0, &micros, &integral);
    if (rc == XXGK_EKIND)
        return cp_errp(p, XXGK_ERANGE, f->off, cell->path, "%s: '%.*s' has more than 6 decimal places", cell->path, (int)n, s);
    if (rc)
        return cp_errp(p, XXGK_ERANGE, f->off, cell->path, "%s: number '%.*s' is out of range", cell->path, (int)n, s);
    rc = xx_value_for_kind(micros, integral, cell->kind, &v);
    if (rc == XXGK_EKIND)
        return cp_errp(p, XXGK_ESCHEMA, f->off, cell->path, "%s: expected an integer count, found %.*s", cell->path, (int)n, s);
    if (rc)
        return cp_errp(p, XXGK_ERANGE, f->off, cell->path, "%s: %.*s is beyond +-(2^53-1)", cell->path, (int)n, s);
    xx_set_number(r, id, v, line, col);
    return 0;
}

static int set_year(csvp *p, xxgk_report *r, const cfield *f, const char *s, size_t n)
{
    if (n == 0) {
        r->year = 0;
        return 0;
    }
    int y = 0;
    size_t i = 0;
    for (; i < n && i < 5 && s[i] >= '0' && s[i] <= '9'; i++)
        y = y * 10 + (s[i] - '0');
    if (i != n || n > 4 || y < 1949)
        return cp_err(p, XXGK_ESCHEMA, f->off, "expected a year (1949..9999) or nothing, found '%.*s'", (int)n, s);
    r->year = y;
    return 0;
}

/* ---- long CSV, report by report ---- */

struct xxgk_reader {
    const char *buf;
    size_t len;
    int format;            /* XXGK_FORMAT_CSV, or another format read as one report */
    int done, has_id, pending;
    const xxgk_template *tpl;
    struct xxgk_parse_options o;
    csvp p;
    char *id;              /* the last returned report's id */
    char *decoded;         /* the input converted to UTF-8, when it was not */
    unsigned char *seen;   /* per cell and per metadata field: already given */
};

/* slots of xxgk_reader.seen: metadata, then sections, then cells */
enum { SEEN_YEAR, SEEN_AGENCY, SEEN_TITLE, SEEN_SECTIONS };

static int long_header(xxgk_reader *rd)
{
    int rc = cp_next(&rd->p);
    if (rc < 0)
        return rc;
    if (rc == 0)
        return xx_error(XXGK_EEMPTY, 1, 1, 0, NULL, "empty input: expected the header 'path,value'");
    csvp *p = &rd->p;
    if (p->nf == 2 && !strcmp(p->f[0].s, "path") && !strcmp(p->f[1].s, "value"))
        rd->has_id = 0;
    else if (p->nf == 3 && !strcmp(p->f[0].s, "report") && !strcmp(p->f[1].s, "path") && !strcmp(p->f[2].s, "value"))
        rd->has_id = 1;
    else
        return cp_err(p, XXGK_EPARSE, p->f[0].off, "expected the header 'path,value' or 'report,path,value'");
    return 0;
}

/* Apply one record (already read into rd->p) to the report being built. */
static int long_record(xxgk_reader *rd, xxgk_report **r)
{
    csvp *p = &rd->p;
    size_t want = rd->has_id ? 3 : 2;
    if (p->nf != want)
        return cp_err(p, XXGK_EPARSE, p->f[0].off, "expected %zu fields (%s), found %zu", want,
                      rd->has_id ? "report,path,value" : "path,value", p->nf);
    const cfield *fp = &p->f[want - 2], *fv = &p->f[want - 1];
    const char *path = fp->s, *val = fv->s;
    size_t vn = fv->slen;
    if (!strcmp(path, "meta.template")) {
        const xxgk_template *t = xxgk_template_get(val);
        if (!t)
            return cp_err(p, XXGK_ESCHEMA, fv->off, "unknown template '%s' (known: 2019, 2021)", val);
        if (rd->tpl)
            return cp_err(p, XXGK_ESCHEMA, fp->off, "duplicate path 'meta.template'");
        if ((rd->o.tpl && rd->o.tpl != t) || (*r && (*r)->t != t))
            return cp_err(p, XXGK_ETEMPLATE, fv->off, "template '%s' is not the required '%s'", val,
                          *r ? (*r)->t->id : rd->o.tpl->id);
        rd->tpl = t;
        return 0;
    }
    if (!*r) {
        const xxgk_template *t = rd->tpl ? rd->tpl : rd->o.tpl;
        if (!t)
            return cp_err(p, XXGK_ETEMPLATE, fp->off, "expected 'meta.template' (2019 or 2021) before '%s'", path);
        int rc = xxgk_report_new(r, t);
        if (rc)
            return rc;
        size_t n = SEEN_SECTIONS + XX_MAX_SECTIONS + t->ncells_all;
        rd->seen = xx_calloc(n, 1);
        if (!rd->seen)
            return xx_oom();
    }
    xxgk_report *rp = *r;
    size_t slot;
    int rc = 0;
    if (!strcmp(path, "meta.year")) {
        slot = SEEN_YEAR;
    } else if (!strcmp(path, "meta.agency")) {
        slot = SEEN_AGENCY;
    } else if (!strcmp(path, "meta.title")) {
        slot = SEEN_TITLE;
    } else if (!strncmp(path, "section.", 8) && xx_section_index(rp->t, path + 8) >= 0) {
        slot = SEEN_SECTIONS + (size_t)xx_section_index(rp->t, path + 8);
    } else {
        size_t id;
        if (xxgk_template_lookup(&id, rp->t, path) != 0)
            return cp_err(p, XXGK_ESCHEMA, fp->off, "unknown path '%s' in template %s", path, rp->t->id);
        slot = SEEN_SECTIONS + XX_MAX_SECTIONS + id;
        if (rd->seen[slot])
            return cp_errp(p, XXGK_ESCHEMA, fp->off, path, "duplicate path '%s'", path);
        rd->seen[slot] = 1;
        return set_value(p, rp, id, fv, val, vn);
    }
    if (rd->seen[slot])
        return cp_err(p, XXGK_ESCHEMA, fp->off, "duplicate path '%s'", path);
    rd->seen[slot] = 1;
    if (slot == SEEN_YEAR)
        return set_year(p, rp, fv, val, vn);
    char **field = slot == SEEN_AGENCY ? &rp->agency : slot == SEEN_TITLE ? &rp->title
                                                                            : &rp->sections[slot - SEEN_SECTIONS];
    rc = xx_set_string(field, val, vn);
    return rc;
}

int xxgk_reader_open(xxgk_reader **out, const char *buf, size_t len, const xxgk_parse_options *opts)
{
    if (!out)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "out is required");
    *out = NULL;
    if (!buf && len)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "buffer is required");
    if (!buf)
        buf = "";
    xxgk_reader *rd = xx_calloc(1, sizeof *rd);
    if (!rd)
        return xx_oom();
    xx_parse_defaults(&rd->o, opts);
    rd->o.source = NULL; /* the options may be freed while the reader lives */
    rd->buf = buf;
    rd->len = len;
    int rc = 0;
    if (len > rd->o.max_size) {
        rc = xx_error(XXGK_ELIMIT, 0, 0, -1, NULL, "input of %zu bytes exceeds the limit of %zu bytes", len,
                      rd->o.max_size);
        goto fail;
    }
    /* readers see UTF-8 only, as in xxgk_report_parse (encoding.c) */
    if ((rc = xx_decode_input(&buf, &len, &rd->decoded)) != 0)
        goto fail;
    rd->buf = buf;
    rd->len = len;
    rd->format = rd->o.format ? rd->o.format : xx_sniff(buf, len);
    if (rd->format == XXGK_FORMAT_CSV) {
        if ((rc = check_utf8(buf, len)) != 0)
            goto fail;
        cp_init(&rd->p, buf, len, rd->o.max_line);
        if ((rc = long_header(rd)) != 0)
            goto fail;
        rc = cp_next(&rd->p);
        if (rc < 0)
            goto fail;
        rd->pending = rc;
        rc = 0;
    }
    *out = rd;
    return 0;
fail:
    xxgk_reader_free(rd);
    return rc;
}

/* Read the report that starts with the pending record. 1 at the end. */
static int long_next(xxgk_report **out, xxgk_reader *rd)
{
    if (!rd->pending) {
        rd->done = 1;
        return 1;
    }
    csvp *p = &rd->p;
    char *id = NULL;
    if (rd->has_id) {
        id = xx_strndup(p->f[0].s, p->f[0].slen);
        if (!id)
            return xx_oom();
    }
    xxgk_report *r = NULL;
    rd->tpl = NULL;
    int rc;
    for (;;) {
        if ((rc = long_record(rd, &r)) != 0)
            goto fail;
        rc = cp_next(p);
        if (rc < 0)
            goto fail;
        rd->pending = rc;
        if (!rc || (rd->has_id && strcmp(p->f[0].s, id) != 0))
            break;
    }
    if (!r) {
        /* only meta.template */
        if ((rc = xxgk_report_new(&r, rd->tpl)) != 0)
            goto fail;
    }
    xx_free(rd->seen);
    rd->seen = NULL;
    xx_free(rd->id);
    rd->id = id;
    *out = r;
    return 0;
fail:
    xx_free(rd->seen);
    rd->seen = NULL;
    xx_free(id);
    xxgk_report_free(r);
    rd->done = 1;
    return rc;
}

int xxgk_reader_next(xxgk_report **out, xxgk_reader *rd)
{
    if (!out)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "out is required");
    *out = NULL;
    if (!rd)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "no reader");
    if (rd->done)
        return 1;
    if (rd->format != XXGK_FORMAT_CSV) {
        /* any other format holds one report */
        rd->done = 1;
        xxgk_parse_options po;
        memcpy(&po, &rd->o, sizeof po);
        return xxgk_report_parse(out, rd->buf, rd->len, &po);
    }
    xxgk_report *r = NULL;
    int rc = long_next(&r, rd);
    if (rc)
        return rc;
    if (rd->o.strict) {
        const xxgk_findings *d = xxgk_report_diagnostics(r);
        for (size_t i = 0; i < xxgk_findings_count(d); i++)
            if (xxgk_finding_severity(d, i) >= XXGK_SEVERITY_WARNING) {
                rc = xx_error(XXGK_ESTRICT, xxgk_finding_line(d, i), xxgk_finding_column(d, i), -1,
                              xxgk_finding_cell(d, i, 0), "%s", xxgk_finding_message_en(d, i));
                xxgk_report_free(r);
                rd->done = 1;
                return rc;
            }
    }
    *out = r;
    return 0;
}

const char *xxgk_reader_report_id(const xxgk_reader *rd)
{
    return rd && rd->id ? rd->id : "";
}

void xxgk_reader_free(xxgk_reader *rd)
{
    if (!rd)
        return;
    cp_free(&rd->p);
    xx_free(rd->seen);
    xx_free(rd->id);
    xx_free(rd->decoded);
    xx_free(rd);
}

int xx_csv_read(xxgk_report **out, const char *buf, size_t len, const struct xxgk_parse_options *o)
{
    *out = NULL;
    xxgk_reader rd;
    memset(&rd, 0, sizeof rd);
    rd.o = *o;
    rd.buf = buf;
    rd.len = len;
    rd.format = XXGK_FORMAT_CSV;
    int rc = check_utf8(buf, len);
    if (rc)
        return rc;
    cp_init(&rd.p, buf, len, o->max_line);
    if ((rc = long_header(&rd)) != 0)
        goto done;
    rc = cp_next(&rd.p);
    if (rc < 0)
        goto done;
    if (rc == 0) {
        rc = cp_err(&rd.p, XXGK_EEMPTY, len, "no report: the file has only its header");
        goto done;
    }
    rd.pending = 1;
    rc = long_next(out, &rd);
    if (rc)
        goto done;
    if (rd.pending) {
        rc = cp_err(&rd.p, XXGK_ESCHEMA, rd.p.f[0].off,
                    "a second report '%s' begins here: read many reports with xxgk_reader_next()", rd.p.f[0].s);
        xxgk_report_free(*out);
        *out = NULL;
    }
done:
    cp_free(&rd.p);
    xx_free(rd.seen);
    xx_free(rd.id);
    return rc;
}

int xx_csv_write(xbuf *b, const xxgk_report *r, const struct xxgk_write_options *o)
{
    const xxgk_template *t = r->t;
    const char *id = o->report_id;
    if (o->header)
        xb_puts(b, id ? "report,path,value\n" : "path,value\n");
    char tmp[32];
#define ROW(path_, val_)                                                                                              \
    do {                                                                                                              \
        if (id) {                                                                                                     \
            put_field(b, id);                                                                                         \
            xb_putc(b, ',');                                                                                          \
        }                                                                                                             \
        xb_puts(b, path_);                                                                                            \
        xb_putc(b, ',');                                                                                              \
        put_field(b, val_);                                                                                           \
        xb_putc(b, '\n');                                                                                             \
    } while (0)
    ROW("meta.template", t->id);
    if (r->year)
        snprintf(tmp, sizeof tmp, "%d", r->year);
    else
        tmp[0] = '\0';
    ROW("meta.year", tmp);
    ROW("meta.agency", xxgk_report_agency(r));
    ROW("meta.title", xxgk_report_title(r));
    for (size_t i = 0; i < t->nsections; i++) {
        char path[64];
        snprintf(path, sizeof path, "section.%s", t->sections[i].code);
        ROW(path, r->sections[i] ? r->sections[i] : "");
    }
    for (size_t i = 0; i < t->ncells_all; i++) {
        const xcell *c = &r->cells[i];
        if (i >= t->ncells && c->state == XXGK_CELL_BLANK)
            continue;
        const char *v = "";
        if (c->state == XXGK_CELL_NUMBER) {
            xx_format_number(tmp, c->v, t->cells[i].kind);
            v = tmp;
        } else if (c->state == XXGK_CELL_TOKEN) {
            v = r->tokens[i];
        }
        ROW(t->cells[i].path, v);
    }
#undef ROW
    return b->failed ? xx_oom() : 0;
}

/* ---- wide CSV ---- */

#define NORM_CAP 1024
static const char *const wide_keys[] = { "模板", "年度", "机关", "标题", "前言" };
enum { WK_TEMPLATE, WK_YEAR, WK_AGENCY, WK_TITLE, WK_PREAMBLE, WK_COUNT };

static int is_blank_record(const csvp *p)
{
    for (size_t k = 0; k < p->nf; k++)
        if (p->f[k].slen)
            return 0;
    return 1;
}

/* Normalize a label; 0 if it does not fit. */
static int norm_label(char *out, const char *s, size_t n)
{
    return xn_label(out, NORM_CAP, s, n) < NORM_CAP;
}

static const char *bare(const char *norm)
{
    return norm + xn_ordinal_len(norm);
}

static int label_depth(const xt_table *tb)
{
    int d = 0;
    for (int k = 0; k < tb->nrows; k++)
        if (tb->rows[k].depth > d)
            d = tb->rows[k].depth;
    return d + 1;
}

static int has_captions(const xt_table *tb)
{
    return tb->nblocks > 1 || tb->blocks[0].caption[0];
}

/* How well the normalized label x (xb: without its ordinal) names row rw: 2 exactly, 1
 * without ordinals, 0 not. */
static int row_score(const xt_row *rw, const char *x, const char *xb)
{
    if (!strcmp(rw->norm, x))
        return 2;
    for (int a = 0; a < rw->naliases; a++)
        if (!strcmp(rw->aliases[a], x))
            return 2;
    if (!*xb)
        return 0;
    if (!strcmp(rw->norm_bare, xb))
        return 1;
    for (int a = 0; a < rw->naliases; a++)
        if (!strcmp(bare(rw->aliases[a]), xb))
            return 1;
    return 0;
}

static int is_ancestor(const xt_table *tb, int anc, int k)
{
    for (int q = tb->rows[k].parent; q >= 0; q = tb->rows[q].parent)
        if (q == anc)
            return 1;
    return 0;
}

/* The row of tb named by x, below `anc` when anc >= 0. -1 (none) or -2 (ambiguous). */
static int find_row(const xt_table *tb, const char *x, int anc)
{
    int best = 0, found = -1, ties = 0;
    const char *xb = bare(x);
    for (int k = 0; k < tb->nrows; k++) {
        if (anc >= 0 && !is_ancestor(tb, anc, k))
            continue;
        int s = row_score(&tb->rows[k], x, xb);
        if (s > best) {
            best = s;
            found = k;
            ties = 0;
        } else if (s && s == best) {
            ties++;
        }
    }
    return ties ? -2 : found;
}

static int col_match(const xt_col *c, const char *x)
{
    if (!strcmp(c->norm, x))
        return 1;
    const char *paren = strchr(c->norm, '(');
    size_t n = strlen(x);
    return paren && n && (size_t)(paren - c->norm) == n && !memcmp(c->norm, x, n);
}

static int is_col_label(const xt_table *tb, const char *x)
{
    for (int k = 0; k < tb->ncols; k++)
        if (col_match(&tb->cols[k], x))
            return 1;
    for (int k = 0; k < tb->nhdr; k++)
        if (!strcmp(tb->hdr[k].norm, x))
            return 1;
    return 0;
}

static const xt_table *find_table(const xxgk_template *t, const char *x)
{
    const char *xb = bare(x);
    for (size_t i = 0; i < t->ntables; i++) {
        const xt_table *tb = &t->tables[i];
        if (!strcmp(tb->norm, xb) || !strcmp(tb->norm, x))
            return tb;
        for (int a = 0; a < tb->naliases; a++)
            if (!strcmp(tb->aliases[a], xb) || !strcmp(tb->aliases[a], x))
                return tb;
    }
    return NULL;
}

/* The table whose heading the record is (n0: its first field, normalized; NULL if empty). */
static const xt_table *heading_line(const xxgk_template *t, const csvp *p, const char *n0)
{
    if (!n0)
        return NULL;
    for (size_t k = 1; k < p->nf; k++)
        if (p->f[k].slen)
            return NULL;
    return find_table(t, n0);
}

/* Trim ASCII spaces and tabs around a value typed by hand. */
static const char *trim(const char *s, size_t *n)
{
    while (*n && (*s == ' ' || *s == '\t'))
        s++, (*n)--;
    while (*n && (s[*n - 1] == ' ' || s[*n - 1] == '\t'))
        (*n)--;
    return s;
}

typedef struct hcell {
    char *norm;            /* NULL: empty */
    size_t off;
} hcell;

typedef struct wctx {
    csvp p;
    xxgk_report *r;
    const xxgk_template *tpl;
    const struct xxgk_parse_options *o;
    unsigned char *seen;   /* per cell */
    unsigned char meta_seen[WK_COUNT + XX_MAX_SECTIONS];
    /* the current record's first field, normalized once (n0ok: non-empty and not too long),
     * and the current table's corner text */
    char n0[NORM_CAP], corner[NORM_CAP];
    int n0ok;
    unsigned char tables_seen[64]; /* table i has its heading in the file */
    /* header lines of the current table: nh lines of width hw */
    hcell *h;
    size_t nh, hw, hcap;
} wctx;

static void h_clear(wctx *c)
{
    for (size_t k = 0; k < c->nh * c->hw; k++)
        xx_free(c->h[k].norm);
    c->nh = 0;
    c->hw = 0;
}

#define MAX_HEADER_LINES 8

/* Keep the current record as a header line. */
static int h_add(wctx *c)
{
    csvp *p = &c->p;
    if (c->nh == MAX_HEADER_LINES)
        return cp_err(p, XXGK_ELIMIT, p->f[0].off, "more than %d header lines in a table", MAX_HEADER_LINES);
    size_t w = p->nf > c->hw ? p->nf : c->hw;
    size_t need = (c->nh + 1) * w;
    if (w != c->hw || need > c->hcap) {
        hcell *nh = xx_calloc(need, sizeof *nh);
        if (!nh)
            return xx_oom();
        for (size_t l = 0; l < c->nh; l++)
            for (size_t k = 0; k < c->hw; k++)
                nh[l * w + k] = c->h[l * c->hw + k];
        xx_free(c->h);
        c->h = nh;
        c->hcap = need;
        c->hw = w;
    }
    hcell *line = &c->h[c->nh * w];
    memset(line, 0, w * sizeof *line);
    c->nh++;
    for (size_t k = 0; k < p->nf; k++) {
        line[k].off = p->f[k].off;
        if (!p->f[k].slen)
            continue;
        char x[NORM_CAP];
        if (!norm_label(x, p->f[k].s, p->f[k].slen))
            return cp_err(p, XXGK_ESCHEMA, p->f[k].off, "label too long");
        line[k].norm = xx_strdup(x);
        if (!line[k].norm)
            return xx_oom();
    }
    return 0;
}

static int mark_cell(wctx *c, size_t id, const cfield *f)
{
    if (c->seen[id])
        return cp_errp(&c->p, XXGK_ESCHEMA, f->off, c->r->t->cells[id].path, "cell '%s' is given twice",
                       c->r->t->cells[id].path);
    c->seen[id] = 1;
    return 0;
}

static int wide_value(wctx *c, size_t id, const cfield *f)
{
    int rc = mark_cell(c, id, f);
    if (rc)
        return rc;
    size_t n = f->slen;
    /* spaces around a value typed by hand go; a quoted value is kept as written */
    const char *s = f->quoted ? f->s : trim(f->s, &n);
    return set_value(&c->p, c->r, id, f, s, n);
}

static void list_cols(char *out, size_t cap, const xt_table *tb, const xt_block *bk)
{
    size_t len = 0;
    out[0] = '\0';
    for (int k = 0; k < bk->ncols && len + 4 < cap; k++) {
        int n = snprintf(out + len, cap - len, "%s%s", k ? ", " : "", tb->cols[bk->first_col + k].label);
        if (n < 0 || (size_t)n >= cap - len)
            break;
        len += (size_t)n;
    }
}

/* The column of row rw that the header label h names. */
static int header_col(wctx *c, const xt_table *tb, const xt_row *rw, const hcell *h, int *col)
{
    const xt_block *bk = &tb->blocks[rw->block];
    for (int k = 0; k < bk->ncols; k++)
        if (col_match(&tb->cols[bk->first_col + k], h->norm)) {
            *col = k;
            return 0;
        }
    char exp[512];
    list_cols(exp, sizeof exp, tb, bk);
    return cp_err(&c->p, XXGK_ESCHEMA, h->off, "column '%s' is not a column of row '%s' (expected %s)", h->norm,
                  rw->label, exp);
}

/* A data line of a table printed with row labels in its first L columns. */
static int wide_row(wctx *c, const xt_table *tb, int L)
{
    csvp *p = &c->p;
    char x[NORM_CAP];
    int row = -1, last = -1;
    for (int k = 0; k < L && (size_t)k < p->nf; k++)
        if (p->f[k].slen)
            last = k;
    if (last < 0)
        return cp_err(p, XXGK_ESCHEMA, p->f[0].off, "expected a row label of table %s in the first %d column%s",
                      tb->number, L, L > 1 ? "s" : "");
    for (int k = 0; k <= last; k++) {
        if (!p->f[k].slen)
            continue;
        if (!norm_label(x, p->f[k].s, p->f[k].slen))
            return cp_err(p, XXGK_ESCHEMA, p->f[k].off, "label too long");
        int found = find_row(tb, x, row);
        if (found == -2)
            return cp_err(p, XXGK_EAMBIGUOUS, p->f[k].off, "row label '%s' matches several rows of table %s",
                          p->f[k].s, tb->number);
        if (found < 0 && row >= 0)
            return cp_err(p, XXGK_ESCHEMA, p->f[k].off, "unknown row label '%s' under '%s' in table %s", p->f[k].s,
                          tb->rows[row].label, tb->number);
        if (found < 0)
            return cp_err(p, XXGK_ESCHEMA, p->f[k].off, "unknown row label '%s' in table %s", p->f[k].s, tb->number);
        row = found;
    }
    const xt_row *rw = &tb->rows[row];
    if (!(rw->flags & XT_ROW_CELLS) || rw->first_cell < 0)
        return cp_err(p, XXGK_ESCHEMA, p->f[last].off, "row '%s' has no cells of its own: give its sub-rows",
                      p->f[last].s);
    const xt_block *bk = &tb->blocks[rw->block];
    for (size_t j = (size_t)L; j < p->nf; j++) {
        const cfield *f = &p->f[j];
        /* the deepest header label above column j */
        const hcell *hl = NULL;
        for (size_t l = 0; l < c->nh; l++)
            if (j < c->hw && c->h[l * c->hw + j].norm)
                hl = &c->h[l * c->hw + j];
        int col = -1;
        if (c->nh) {
            if (!hl) {
                if (!f->slen)
                    continue;
                return cp_err(p, XXGK_ESCHEMA, f->off, "value '%s' in a column without a column label", f->s);
            }
            int rc = header_col(c, tb, rw, hl, &col);
            if (rc)
                return rc;
        } else {
            if (j - (size_t)L >= bk->ncols) {
                if (!f->slen)
                    continue;
                return cp_err(p, XXGK_ESCHEMA, f->off, "unexpected value '%s': row '%s' has %d column%s", f->s,
                              rw->label, bk->ncols, bk->ncols > 1 ? "s" : "");
            }
            col = (int)(j - (size_t)L);
        }
        int rc = wide_value(c, (size_t)rw->first_cell + (size_t)col, f);
        if (rc)
            return rc;
    }
    return 0;
}

/* Are the non-empty fields of the record row or column labels of tb: 1 all of them, 0 none,
 * -1 some (*bad: the first that is not). */
static int all_labels(const xt_table *tb, const csvp *p, size_t *bad)
{
    char x[NORM_CAP];
    int labels = 0, others = 0;
    for (size_t k = 0; k < p->nf; k++) {
        if (!p->f[k].slen)
            continue;
        if (norm_label(x, p->f[k].s, p->f[k].slen) && (is_col_label(tb, x) || find_row(tb, x, -1) != -1)) {
            labels++;
        } else if (!others++) {
            *bad = k;
        }
    }
    return !labels ? 0 : others ? -1 : 1;
}

/* The data line of an inline table (rows side by side under row-label header lines and a
 * line of column labels). */
static int wide_inline(wctx *c, const xt_table *tb)
{
    csvp *p = &c->p;
    if (c->nh < 2)
        return cp_err(p, XXGK_ESCHEMA, p->f[0].off, "expected row labels and column labels above the data of "
                      "table %s", tb->number);
    size_t last = c->nh - 1;
    /* a row label carries to the right until the next label on its line */
    const hcell *carry[MAX_HEADER_LINES] = { 0 };
    int carry_row[MAX_HEADER_LINES];
    for (size_t j = 0; j < p->nf; j++) {
        const cfield *f = &p->f[j];
        int row = -1;
        const hcell *rowlab = NULL;
        for (size_t l = 0; l < last; l++) {
            const hcell *hc = j < c->hw ? &c->h[l * c->hw + j] : NULL;
            if (hc && hc->norm) {
                int found = find_row(tb, hc->norm, -1);
                if (found < 0) {
                    long line, cl;
                    xx_position(p->buf, p->len, hc->off, &line, &cl);
                    return xx_error(found == -2 ? XXGK_EAMBIGUOUS : XXGK_ESCHEMA, line, cl, (long long)hc->off,
                                    NULL, found == -2 ? "row label '%s' matches several rows of table %s"
                                                      : "unknown row label '%s' in table %s",
                                    hc->norm, tb->number);
                }
                carry[l] = hc;
                carry_row[l] = found;
            }
            if (!carry[l])
                continue;
            int found = carry_row[l];
            if (row >= 0 && !is_ancestor(tb, row, found)) {
                long line, cl;
                xx_position(p->buf, p->len, carry[l]->off, &line, &cl);
                return xx_error(XXGK_ESCHEMA, line, cl, (long long)carry[l]->off, NULL,
                                "row label '%s' does not belong under '%s'",
                                tb->rows[found].label, tb->rows[row].label);
            }
            row = found;
            rowlab = carry[l];
        }
        const hcell *cl = j < c->hw ? &c->h[last * c->hw + j] : NULL;
        if (!cl || !cl->norm || row < 0) {
            if (!f->slen)
                continue;
            return cp_err(p, XXGK_ESCHEMA, f->off, "value '%s' in a column without %s label", f->s,
                          row < 0 ? "a row" : "a column");
        }
        const xt_row *rw = &tb->rows[row];
        if (!(rw->flags & XT_ROW_CELLS) || rw->first_cell < 0) {
            long line, co;
            xx_position(p->buf, p->len, rowlab->off, &line, &co);
            return xx_error(XXGK_ESCHEMA, line, co, (long long)rowlab->off, NULL,
                            "'%s' has no cells of its own: give its sub-rows", rw->label);
        }
        int col, rc = header_col(c, tb, rw, cl, &col);
        if (rc)
            return rc;
        rc = wide_value(c, (size_t)rw->first_cell + (size_t)col, f);
        if (rc)
            return rc;
    }
    return 0;
}

static int wide_create(wctx *c, size_t off)
{
    if (c->r)
        return 0;
    const xxgk_template *t = c->tpl ? c->tpl : c->o->tpl;
    if (!t)
        return cp_err(&c->p, XXGK_ETEMPLATE, off, "expected '模板,2021' (or 2019) before the first table");
    int rc = xxgk_report_new(&c->r, t);
    if (rc)
        return rc;
    c->seen = xx_calloc(t->ncells_all, 1);
    return c->seen ? 0 : xx_oom();
}

/* Which metadata key (WK_*) or section heading the first field of the record names; 0 if
 * none. */
static int meta_key(const wctx *c, int *key, int *sec)
{
    const char *x = c->n0;
    *key = *sec = -1;
    if (!c->n0ok)
        return 0;
    for (int i = 0; i < WK_COUNT; i++)
        if (!strcmp(x, wide_keys[i]))
            *key = i;
    const xxgk_template *t = c->r ? c->r->t : c->tpl ? c->tpl : c->o->tpl;
    if (*key < 0 && t) {
        for (size_t i = 0; i < t->nsections && *sec < 0; i++) {
            const xt_section *s = &t->sections[i];
            if (s->norm[0] && (!strcmp(s->norm, bare(x)) || !strcmp(s->norm, x)))
                *sec = (int)i;
            for (int a = 0; a < s->naliases; a++)
                if (!strcmp(s->aliases[a], bare(x)) || !strcmp(s->aliases[a], x))
                    *sec = (int)i;
        }
    }
    return *key >= 0 || *sec >= 0;
}

static int wide_meta(wctx *c)
{
    csvp *p = &c->p;
    const cfield *k = &p->f[0];
    int key, sec;
    if (!meta_key(c, &key, &sec))
        return cp_err(p, XXGK_ESCHEMA, k->off,
                      "unknown line '%s' (expected 模板, 年度, 机关, 标题, 前言, a section heading or a table "
                      "heading)", k->s);
    for (size_t i = 2; i < p->nf; i++)
        if (p->f[i].slen)
            return cp_err(p, XXGK_ESCHEMA, p->f[i].off, "unexpected third field after '%s'", k->s);
    cfield none = { .off = k->off + k->slen, .line = k->line, .col = k->col, .s = "" };
    const cfield *v = p->nf > 1 ? &p->f[1] : &none;
    if (key == WK_TEMPLATE) {
        const xxgk_template *nt = xxgk_template_get(v->s);
        if (!nt)
            return cp_err(p, XXGK_ESCHEMA, p->nf > 1 ? v->off : k->off, "unknown template '%s' (known: 2019, 2021)",
                          v->s);
        if (c->meta_seen[WK_TEMPLATE] || c->r)
            return cp_err(p, XXGK_ESCHEMA, k->off, "模板 must come once, before everything else");
        if (c->o->tpl && c->o->tpl != nt)
            return cp_err(p, XXGK_ETEMPLATE, v->off, "template '%s' is not the required '%s'", v->s, c->o->tpl->id);
        c->tpl = nt;
        c->meta_seen[WK_TEMPLATE] = 1;
        return 0;
    }
    if (!c->r && !c->tpl && !c->o->tpl)
        return cp_err(p, XXGK_ETEMPLATE, k->off, "expected '模板,2021' (or 2019) before '%s'", k->s);
    int rc = wide_create(c, k->off);
    if (rc)
        return rc;
    if (key == WK_PREAMBLE) {
        /* the section printed without a heading */
        for (size_t i = 0; i < c->r->t->nsections && sec < 0; i++)
            if (!c->r->t->sections[i].heading[0])
                sec = (int)i;
        if (sec < 0)
            return cp_err(p, XXGK_ESCHEMA, k->off, "template %s has no preamble", c->r->t->id);
    }
    size_t slot = sec >= 0 ? WK_COUNT + (size_t)sec : (size_t)key;
    if (c->meta_seen[slot])
        return cp_err(p, XXGK_ESCHEMA, k->off, "'%s' is given twice", k->s);
    c->meta_seen[slot] = 1;
    if (key == WK_YEAR) {
        size_t n = v->slen;
        const char *s = trim(v->s, &n);
        return set_year(p, c->r, v, s, n);
    }
    char **field = key == WK_AGENCY ? &c->r->agency : key == WK_TITLE ? &c->r->title : &c->r->sections[sec];
    return xx_set_string(field, v->s, v->slen);
}

int xx_csv_wide_read(xxgk_report **out, const char *buf, size_t len, const struct xxgk_parse_options *o)
{
    *out = NULL;
    int rc = check_utf8(buf, len);
    if (rc)
        return rc;
    wctx c;
    memset(&c, 0, sizeof c);
    c.o = o;
    cp_init(&c.p, buf, len, o->max_line);
    csvp *p = &c.p;
    rc = cp_next(p);
    if (rc <= 0) {
        if (rc == 0)
            rc = xx_error(XXGK_EEMPTY, 1, 1, 0, NULL, "empty input: expected the first line 'xxgk,1'");
        goto done;
    }
    if (p->nf < 2 || strcmp(p->f[0].s, "xxgk") != 0 || strcmp(p->f[1].s, "1") != 0) {
        rc = cp_err(p, XXGK_ESCHEMA, p->f[0].off, "expected the first line 'xxgk,1' (a wide xxgk CSV, version 1)");
        goto done;
    }
    for (size_t k = 2; k < p->nf; k++)
        if (p->f[k].slen) {
            rc = cp_err(p, XXGK_ESCHEMA, p->f[k].off, "expected nothing after 'xxgk,1'");
            goto done;
        }
    const xt_table *tb = NULL;
    int L = 0, data_done = 0, in_header = 0;
    while ((rc = cp_next(p)) == 1) {
        if (is_blank_record(p))
            continue;
        c.n0ok = p->f[0].slen && norm_label(c.n0, p->f[0].s, p->f[0].slen);
        const char *n0 = c.n0ok ? c.n0 : NULL;
        const xxgk_template *t = c.r ? c.r->t : c.tpl ? c.tpl : o->tpl;
        if (!t && heading_line(xxgk_template_default(), p, n0)) {
            rc = cp_err(p, XXGK_ETEMPLATE, p->f[0].off, "expected '模板,2021' (or 2019) before the first table");
            goto done;
        }
        const xt_table *nt = t ? heading_line(t, p, n0) : NULL;
        if (nt) {
            if ((rc = wide_create(&c, p->f[0].off)) != 0)
                goto done;
            tb = nt;
            if (tb - c.r->t->tables < (ptrdiff_t)sizeof c.tables_seen)
                c.tables_seen[tb - c.r->t->tables] = 1;
            L = tb->inline_layout ? 0 : label_depth(tb);
            if (!norm_label(c.corner, tb->corner, strlen(tb->corner)))
                c.corner[0] = '\0';
            h_clear(&c);
            data_done = 0;
            in_header = 0;
            continue;
        }
        if (!tb) {
            if ((rc = wide_meta(&c)) != 0)
                goto done;
            continue;
        }
        int key, sec;
        if (n0 && meta_key(&c, &key, &sec) && key != WK_TEMPLATE) {
            /* a section or metadata line after the tables (sections 五 and 六 follow them in print) */
            if ((rc = wide_meta(&c)) != 0)
                goto done;
            tb = NULL;
            continue;
        }
        char x[NORM_CAP];
        if (tb->inline_layout) {
            if (data_done) {
                rc = cp_err(p, XXGK_ESCHEMA, p->f[0].off, "unexpected line after the data of table %s (expected a "
                            "table heading)", tb->number);
                goto done;
            }
            size_t bad = 0;
            int kind = all_labels(tb, p, &bad);
            if (kind < 0) {
                rc = cp_err(p, XXGK_ESCHEMA, p->f[bad].off, "unknown label '%s' in the header of table %s",
                            p->f[bad].s, tb->number);
                goto done;
            }
            if (kind > 0) {
                if ((rc = h_add(&c)) != 0)
                    goto done;
                continue;
            }
            if ((rc = wide_inline(&c, tb)) != 0)
                goto done;
            data_done = 1;
            continue;
        }
        /* a block caption */
        if (n0) {
            int caption = -1;
            for (int k = 0; k < tb->nblocks; k++)
                if (tb->blocks[k].norm[0] && !strcmp(tb->blocks[k].norm, n0))
                    caption = k;
            int rest = 0;
            for (size_t k = 1; k < p->nf; k++)
                rest |= p->f[k].slen != 0;
            if (caption >= 0 && !rest) {
                h_clear(&c);
                in_header = 0;
                continue;
            }
        }
        /* a header line: the corner in the first column, or empty label columns */
        int header = 1;
        if (p->f[0].slen) {
            header = n0 && c.corner[0] && !strcmp(n0, c.corner);
        } else {
            for (int k = 1; k < L && (size_t)k < p->nf; k++)
                if (p->f[k].slen)
                    header = 0;
        }
        if (header) {
            if (!in_header)
                h_clear(&c);
            in_header = 1;
            for (size_t k = (size_t)L; k < p->nf; k++) {
                if (!p->f[k].slen)
                    continue;
                if (!norm_label(x, p->f[k].s, p->f[k].slen) || !is_col_label(tb, x)) {
                    rc = cp_err(p, XXGK_ESCHEMA, p->f[k].off, "unknown column label '%s' in table %s", p->f[k].s,
                                tb->number);
                    goto done;
                }
            }
            if ((rc = h_add(&c)) != 0)
                goto done;
            continue;
        }
        in_header = 0;
        if ((rc = wide_row(&c, tb, L)) != 0)
            goto done;
    }
    if (rc < 0)
        goto done;
    if ((rc = wide_create(&c, len)) != 0)
        goto done;
    /* a table left out of the file is blank: say so, as the text reader does */
    for (size_t i = 0; i < c.r->t->ntables && i < sizeof c.tables_seen && !rc; i++)
        if (!c.tables_seen[i])
            rc = xx_diagf(c.r, "READ.MISSING", XXGK_SEVERITY_WARNING, p->line, 1, NULL, "未找到表%s（%s）",
                          "table %s (%s) not found", c.r->t->tables[i].number, c.r->t->tables[i].heading);
done:
    h_clear(&c);
    xx_free(c.h);
    xx_free(c.seen);
    cp_free(&c.p);
    if (rc) {
        xxgk_report_free(c.r);
        return rc;
    }
    *out = c.r;
    return 0;
}

/* The wide writer: the label columns and the header lines of each table as printed. */
static void put_cell_text(xbuf *b, const xxgk_report *r, size_t id)
{
    const xcell *c = &r->cells[id];
    if (c->state == XXGK_CELL_NUMBER) {
        char tmp[32];
        xx_format_number(tmp, c->v, r->t->cells[id].kind);
        xb_puts(b, tmp);
    } else if (c->state == XXGK_CELL_TOKEN) {
        put_field(b, r->tokens[id]);
    }
}

static void put_commas(xbuf *b, int n)
{
    for (int i = 0; i < n; i++)
        xb_putc(b, ',');
}

static int row_filled(const xxgk_report *r, const xt_table *tb, const xt_row *rw)
{
    const xt_block *bk = &tb->blocks[rw->block];
    for (int k = 0; k < bk->ncols; k++)
        if (r->cells[rw->first_cell + k].state != XXGK_CELL_BLANK)
            return 1;
    return 0;
}

static void wide_table(xbuf *b, const xxgk_report *r, const xt_table *tb)
{
    xb_puts(b, tb->number);
    xb_puts(b, "、");
    put_field(b, tb->heading);
    xb_putc(b, '\n');
    if (tb->inline_layout) {
        int D = label_depth(tb);
        for (int lv = 0; lv < D; lv++) {
            int pos = 0;
            for (int k = 0; k < tb->nrows; k++) {
                const xt_row *rw = &tb->rows[k];
                if (rw->flags & XT_ROW_GROUP)
                    continue;
                /* the label of the row or its ancestor at this level, above its first leaf */
                int q = k;
                while (q >= 0 && tb->rows[q].depth > lv)
                    q = tb->rows[q].parent;
                int first_leaf = q;
                while (first_leaf >= 0 && first_leaf < tb->nrows && (tb->rows[first_leaf].flags & XT_ROW_GROUP))
                    first_leaf++;
                for (int j = 0; j < tb->blocks[rw->block].ncols; j++) {
                    if (pos++)
                        xb_putc(b, ',');
                    if (j == 0 && q >= 0 && tb->rows[q].depth == lv && first_leaf == k)
                        put_field(b, tb->rows[q].label);
                }
            }
            xb_putc(b, '\n');
        }
        /* the column labels, then the values, of all rows side by side */
        for (int line = 0; line < 2; line++) {
            int pos = 0;
            for (int k = 0; k < tb->nrows; k++) {
                const xt_row *rw = &tb->rows[k];
                if (rw->flags & XT_ROW_GROUP)
                    continue;
                const xt_block *bk = &tb->blocks[rw->block];
                for (int j = 0; j < bk->ncols; j++) {
                    if (pos++)
                        xb_putc(b, ',');
                    if (line == 0)
                        put_field(b, tb->cols[bk->first_col + j].label);
                    else
                        put_cell_text(b, r, (size_t)rw->first_cell + (size_t)j);
                }
            }
            xb_putc(b, '\n');
        }
        return;
    }
    int L = label_depth(tb);
    int cur_block = -1;
    for (int k = 0; k < tb->nrows; k++) {
        const xt_row *rw = &tb->rows[k];
        if (!(rw->flags & XT_ROW_CELLS))
            continue;
        if ((rw->flags & XT_ROW_OPTIONAL) && !row_filled(r, tb, rw))
            continue;
        const xt_block *bk = &tb->blocks[rw->block];
        if (rw->block != cur_block && (cur_block < 0 || has_captions(tb))) {
            cur_block = rw->block;
            if (has_captions(tb)) {
                put_field(b, bk->caption);
                xb_putc(b, '\n');
                put_field(b, tb->corner);
                put_commas(b, L - 1);
                for (int j = 0; j < bk->ncols; j++) {
                    xb_putc(b, ',');
                    put_field(b, tb->cols[bk->first_col + j].label);
                }
                xb_putc(b, '\n');
            } else {
                for (int lv = 0; lv < tb->hdr_levels; lv++) {
                    if (lv == 0)
                        put_field(b, tb->corner);
                    put_commas(b, L - 1);
                    int pos = 0;
                    for (int h = 0; h < tb->nhdr; h++) {
                        const xt_hdr *hd = &tb->hdr[h];
                        if (hd->level != lv)
                            continue;
                        put_commas(b, hd->first - pos + 1);
                        put_field(b, hd->label);
                        pos = hd->first + 1;
                    }
                    put_commas(b, tb->width - pos);
                    xb_putc(b, '\n');
                }
            }
        }
        /* the labels: ancestors, then the row's own */
        int chain[8], n = 0;
        for (int q = k; q >= 0 && n < 8; q = tb->rows[q].parent)
            chain[n++] = q;
        for (int i = n - 1, col = 0; col < L; col++) {
            if (col)
                xb_putc(b, ',');
            if (i >= 0 && tb->rows[chain[i]].depth == col)
                put_field(b, tb->rows[chain[i--]].label);
        }
        for (int j = 0; j < bk->ncols; j++) {
            xb_putc(b, ',');
            put_cell_text(b, r, (size_t)rw->first_cell + (size_t)j);
        }
        xb_putc(b, '\n');
    }
}

int xx_csv_wide_write(xbuf *b, const xxgk_report *r, const struct xxgk_write_options *o)
{
    (void)o;
    const xxgk_template *t = r->t;
    xb_puts(b, "xxgk,1\n");
    xb_printf(b, "%s,%s\n", wide_keys[WK_TEMPLATE], t->id);
    if (r->year)
        xb_printf(b, "%s,%d\n", wide_keys[WK_YEAR], r->year);
    else
        xb_printf(b, "%s,\n", wide_keys[WK_YEAR]);
    xb_printf(b, "%s,", wide_keys[WK_AGENCY]);
    put_field(b, xxgk_report_agency(r));
    xb_printf(b, "\n%s,", wide_keys[WK_TITLE]);
    put_field(b, xxgk_report_title(r));
    xb_putc(b, '\n');
    for (size_t i = 0; i < t->nsections; i++) {
        put_field(b, t->sections[i].heading[0] ? t->sections[i].heading : wide_keys[WK_PREAMBLE]);
        xb_putc(b, ',');
        put_field(b, r->sections[i] ? r->sections[i] : "");
        xb_putc(b, '\n');
    }
    for (size_t i = 0; i < t->ntables; i++) {
        xb_putc(b, '\n');
        wide_table(b, r, &t->tables[i]);
    }
    return b->failed ? xx_oom() : 0;
}
