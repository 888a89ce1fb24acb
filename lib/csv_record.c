/* SPDX-License-Identifier: MIT */
/* The RFC 4180 record scanner that both CSV forms read through: quoted fields, `""`, line
 * breaks inside quotes, CRLF or LF, a UTF-8 byte order mark, a record length limit; and the
 * quoting both CSV writers use. */
#include "csv.h"
#include "normalize.h"

#include <stdio.h>
#include <string.h>

void xx_csv_init(csvp *p, const char *buf, size_t len, size_t max_line)
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

void xx_csv_seek(csvp *p, size_t off, long line)
{
    p->pos = p->line_start = p->cpos = off;
    p->line = line;
    p->ccol = 1;
}

const char *xx_csv_failed_id(const csvp *p)
{
    return p->nf >= 2 ? p->scratch.p + p->f[0].soff : NULL;
}

void xx_csv_scanner_free(csvp *p)
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
    long line, col;
    if (p->nf && p->rec_line > 1 && off >= p->f[0].off && off <= p->len) {
        /* in the last record read: counted from its start, a line start (many errors in a
         * long input each cost their record, not the input before them) */
        size_t ls = p->f[0].off;
        line = p->rec_line;
        for (const char *q = p->buf + ls; (q = memchr(q, '\n', (size_t)(p->buf + off - q))) != NULL; q++) {
            line++;
            ls = (size_t)(q - p->buf) + 1;
        }
        col = (long)xn_utf8_count(p->buf + ls, off - ls) + 1;
    } else {
        xx_position(p->buf, p->len, off, &line, &col);
    }
    if (line == 1 && col > 1 && p->len >= 3 && memcmp(p->buf, "\xEF\xBB\xBF", 3) == 0)
        col--; /* the byte order mark is not a character of the line */
    return xx_verror(code, line, col, (long long)off, path, fmt, ap);
}

/* An error at byte `off` of the input (line and column are derived from it). */
int xx_csv_err(csvp *p, int code, size_t off, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = cp_verr(p, code, off, NULL, fmt, ap);
    va_end(ap);
    return rc;
}

/* The same, about a cell. */
int xx_csv_errp(csvp *p, int code, size_t off, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = cp_verr(p, code, off, path, fmt, ap);
    va_end(ap);
    return rc;
}

/* Whether text would start a formula in a spreadsheet, after any apostrophes. */
static int formula_like(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && s[k] == '\'')
        k++;
    return k < n && (s[k] == '=' || s[k] == '+' || s[k] == '-' || s[k] == '@' || s[k] == '\t' || s[k] == '\r');
}

/* The bytes that end an unquoted field: a separator, a line end, or a NUL (an error). */
static const unsigned char field_end[256] = { [','] = 1, ['\n'] = 1, ['\r'] = 1, [0] = 1 };

static void cp_newline(csvp *p, size_t nl)
{
    p->line++;
    p->line_start = nl + 1;
}

/* Read the next record into p->f. Returns 1 (a record), 0 (end of input) or a negative
 * code. Lines that are entirely empty are skipped. */
int xx_csv_next(csvp *p)
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
                    return xx_csv_err(p, XXGK_EPARSE, f->off, "unterminated quoted field (expected a closing '\"')");
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
                    return xx_csv_err(p, XXGK_EPARSE, i, "NUL byte in a field");
                if (ch == '\n')
                    cp_newline(p, i);
                const char *q = p->buf + i;
                size_t run = 1;
                while (i + run < p->len && q[run] != '"' && q[run] != '\n' && q[run] != '\0')
                    run++;
                xb_put(&p->scratch, q, run);
                i += run;
                if (i - rec_start > p->max_line)
                    return xx_csv_err(p, XXGK_ELIMIT, rec_start, "record longer than the limit of %zu bytes",
                                  p->max_line);
            }
            if (i < p->len && p->buf[i] != ',' && p->buf[i] != '\n' &&
                !(p->buf[i] == '\r' && i + 1 < p->len && p->buf[i + 1] == '\n'))
                return xx_csv_err(p, XXGK_EPARSE, i, "expected ',' or the end of the line after a closing quote");
        } else {
            size_t s = i;
            while (i < p->len && !field_end[(unsigned char)p->buf[i]])
                i++;
            if (i < p->len && p->buf[i] == '\0')
                return xx_csv_err(p, XXGK_EPARSE, i, "NUL byte in a field");
            if (i < p->len && p->buf[i] == '\r' && !(i + 1 < p->len && p->buf[i + 1] == '\n'))
                return xx_csv_err(p, XXGK_EPARSE, i, "carriage return not followed by a line feed");
            xb_put(&p->scratch, p->buf + s, i - s);
        }
        if (i - rec_start > p->max_line)
            return xx_csv_err(p, XXGK_ELIMIT, rec_start, "record longer than the limit of %zu bytes", p->max_line);
        f->slen = p->scratch.len - f->soff;
        xb_putc(&p->scratch, '\0');
        if (p->scratch.failed)
            return xx_oom();
        /* the apostrophe a writer put before a formula-like text (xx_csv_put_text); what
         * is left reads as any field (a token is never a number, so none reads as one) */
        const char *t = p->scratch.p + f->soff;
        if (f->slen >= 2 && t[0] == '\'' && formula_like(t + 1, f->slen - 1)) {
            f->soff++;
            f->slen--;
        }
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

/* s as a field, after `prefix`; quoted when it needs it or when `quote`. */
static void put(xbuf *b, const char *prefix, const char *s, int quote)
{
    size_t n = strlen(s);
    int edge = n && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t');
    if (!quote && !edge && !strpbrk(s, ",\"\r\n")) {
        xb_puts(b, s);
        return;
    }
    xb_putc(b, '"');
    xb_puts(b, prefix);
    for (const char *q = s; *q; q++) {
        if (*q == '"')
            xb_putc(b, '"');
        xb_putc(b, *q);
    }
    xb_putc(b, '"');
}

void xx_csv_put_field(xbuf *b, const char *s)
{
    put(b, "", s, 0);
}

void xx_csv_put_text(xbuf *b, const char *s)
{
    /* quoted too, so that a reader that trims spaces keeps a tab after the apostrophe */
    if (formula_like(s, strlen(s)))
        put(b, "'", s, 1);
    else
        put(b, "", s, 0);
}
