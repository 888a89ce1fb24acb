/* SPDX-License-Identifier: MIT */
/* Long CSV: `path,value`, optionally with a leading `report` column, read report by report
 * (each run of consecutive rows with the same `report` value is one report). */
#include "csv.h"

#include <stdio.h>
#include <string.h>

/* slots of csv_long.seen: metadata, then sections, then cells */
enum { SEEN_YEAR, SEEN_AGENCY, SEEN_TITLE, SEEN_SECTIONS };

static int long_header(csv_long *rd)
{
    int rc = xx_csv_next(&rd->p);
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
        return xx_csv_err(p, XXGK_EPARSE, p->f[0].off, "expected the header 'path,value' or 'report,path,value'");
    return 0;
}

/* Apply one record (already read into rd->p) to the report being built. */
static int long_record(csv_long *rd, xxgk_report **r)
{
    csvp *p = &rd->p;
    size_t want = rd->has_id ? 3 : 2;
    if (p->nf != want)
        return xx_csv_err(p, XXGK_EPARSE, p->f[0].off, "expected %zu fields (%s), found %zu", want,
                      rd->has_id ? "report,path,value" : "path,value", p->nf);
    const cfield *fp = &p->f[want - 2], *fv = &p->f[want - 1];
    const char *path = fp->s, *val = fv->s;
    size_t vn = fv->slen;
    if (!strcmp(path, "meta.template")) {
        const xxgk_template *t = xxgk_template_get(val);
        if (!t)
            return xx_csv_err(p, XXGK_ESCHEMA, fv->off, "unknown template '%s' (known: 2019, 2021)", val);
        if (rd->tpl)
            return xx_csv_err(p, XXGK_ESCHEMA, fp->off, "duplicate path 'meta.template'");
        if ((rd->o.tpl && rd->o.tpl != t) || (*r && (*r)->t != t))
            return xx_csv_err(p, XXGK_ETEMPLATE, fv->off, "template '%s' is not the required '%s'", val,
                          *r ? (*r)->t->id : rd->o.tpl->id);
        rd->tpl = t;
        return 0;
    }
    if (!*r) {
        const xxgk_template *t = rd->tpl ? rd->tpl : rd->o.tpl;
        if (!t)
            return xx_csv_err(p, XXGK_ETEMPLATE, fp->off, "expected 'meta.template' (2019 or 2021) before '%s'", path);
        int rc = xx_report_new_read(r, t);
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
        if (xxgk_template_lookup(&id, rp->t, path) != 0) {
            xx_nearest near;
            xx_nearest_init(&near, path);
            for (size_t i = 0; i < rp->t->ncells_all; i++)
                xx_nearest_try(&near, rp->t->cells[i].path, rp->t->cells[i].path);
            const char *best = xx_nearest_best(&near);
            if (best)
                return xx_csv_err(p, XXGK_ESCHEMA, fp->off, "unknown path '%s' in template %s (did you mean '%s'?)",
                                  path, rp->t->id, best);
            return xx_csv_err(p, XXGK_ESCHEMA, fp->off, "unknown path '%s' in template %s", path, rp->t->id);
        }
        slot = SEEN_SECTIONS + XX_MAX_SECTIONS + id;
        if (rd->seen[slot])
            return xx_csv_errp(p, XXGK_ESCHEMA, fp->off, path, "duplicate path '%s'", path);
        rd->seen[slot] = 1;
        return xx_csv_set_value(rp, id, fv, val, vn);
    }
    if (rd->seen[slot])
        return xx_csv_err(p, XXGK_ESCHEMA, fp->off, "duplicate path '%s'", path);
    rd->seen[slot] = 1;
    if (slot == SEEN_YEAR)
        return xx_csv_set_year(p, rp, fv, val, vn);
    char **field = slot == SEEN_AGENCY ? &rp->agency : slot == SEEN_TITLE ? &rp->title
                                                                            : &rp->sections[slot - SEEN_SECTIONS];
    rc = xx_set_string(field, val, vn);
    return rc;
}

int xx_csv_long_open(csv_long *rd, const char *buf, size_t len, const struct xxgk_parse_options *o)
{
    memset(rd, 0, sizeof *rd);
    rd->o = *o;
    int rc;
    xx_csv_init(&rd->p, buf, len, o->max_line);
    if ((rc = long_header(rd)) != 0)
        return rc;
    rc = xx_csv_next(&rd->p);
    if (rc < 0)
        return rc;
    rd->pending = rc;
    return 0;
}

/* Whether a malformed record (the scanner's last failure) belongs to report `id`: its own
 * report id is `id`, or cannot be read (then it belongs to the report before it). */
static int same_report(const csvp *p, const char *id)
{
    const char *own = xx_csv_failed_id(p);
    return !own || strcmp(own, id) == 0;
}

static void resume_at(csv_long *rd, size_t off, long line)
{
    rd->resume = 1;
    rd->resume_off = off;
    rd->resume_line = line;
}

/* After a malformed record of report `id` (the scanner's last failure): the next record of
 * another report, found line by line, since where the malformed record ends is unknown (a
 * quote may be missing); the well-formed rows of `id` are passed whole (a quoted line break
 * in them is no new line). 1 and rd->resume set, 0 when there is none, or a negative code. */
static int find_next_report(csv_long *rd, const char *id)
{
    csvp *p = &rd->p;
    size_t off = p->f[0].off;
    long line = p->rec_line;
    for (;;) {
        const char *nl = memchr(p->buf + off, '\n', p->len - off);
        if (!nl)
            return 0;
        off = (size_t)(nl - p->buf) + 1;
        line++;
        for (;;) { /* the records from that line on */
            xx_csv_seek(p, off, line);
            int rc = xx_csv_next(p);
            if (rc == 0)
                return 0;
            if (rc == XXGK_ENOMEM)
                return rc;
            if (rc < 0 ? !same_report(p, id) : strcmp(p->f[0].s, id) != 0) {
                resume_at(rd, p->f[0].off, p->rec_line);
                return 1;
            }
            off = p->f[0].off;
            line = p->rec_line;
            if (rc < 0)
                break; /* a malformed record of the same report: on from the line after it */
            off = p->pos;
            line = p->line;
        }
    }
}

/* The scanner failed (rc) on a record of report `id`: that report cannot be read. Read
 * report by report, the reader goes on with the next report (rd->resume), and the message
 * says at which line; else nothing after it is read (rd->broken). */
static int malformed(csv_long *rd, int rc, const char *id)
{
    rd->pending = 0;
    if (!rd->has_id || !rd->many || rc == XXGK_ENOMEM) {
        rd->broken = 1;
        return rc;
    }
    char en[1100], zh[1100], path[256];
    long line = xxgk_error_line(), col = xxgk_error_column();
    long long off = xxgk_error_offset();
    snprintf(en, sizeof en, "%s", xxgk_error_message());
    snprintf(zh, sizeof zh, "%s", xxgk_error_message_zh());
    snprintf(path, sizeof path, "%s", xxgk_error_path());
    if (line != rd->p.rec_line) { /* a quote left open: where the record began */
        size_t n = strlen(en), m = strlen(zh);
        snprintf(en + n, sizeof en - n, " (in the record that begins at line %ld)", rd->p.rec_line);
        snprintf(zh + m, sizeof zh - m, "（该记录始于第 %ld 行）", rd->p.rec_line);
    }
    int found = find_next_report(rd, id);
    if (found <= 0) /* no other report after it, or out of memory */
        rd->broken = 1;
    if (found < 0)
        return found;
    if (found) {
        size_t n = strlen(en), m = strlen(zh);
        snprintf(en + n, sizeof en - n, "; the reader goes on with the next report, at line %ld", rd->resume_line);
        snprintf(zh + m, sizeof zh - m, "；从第 %ld 行的下一份报告起继续读取", rd->resume_line);
    }
    return xx_error_texts(rc, line, col, off, path[0] ? path : NULL, zh, en);
}

/* Past the remaining rows of the report that failed (rd->id). */
static int skip_failed(csv_long *rd)
{
    rd->skip = 0;
    while (rd->pending && rd->id && strcmp(rd->p.f[0].s, rd->id) == 0) {
        int rc = xx_csv_next(&rd->p);
        if (rc < 0) {
            rd->pending = 0;
            if (!rd->many || rc == XXGK_ENOMEM) {
                rd->broken = 1;
                return rc;
            }
            if (!same_report(&rd->p, rd->id)) { /* the next report's first record */
                resume_at(rd, rd->p.f[0].off, rd->p.rec_line);
                return 0;
            }
            rc = find_next_report(rd, rd->id);
            if (rc < 0)
                rd->broken = 1;
            return rc < 0 ? rc : 0;
        }
        rd->pending = rc;
    }
    return 0;
}

/* Read the record where the reader goes on after a malformed one. A report whose first
 * record is malformed fails here, named. */
static int resume(csv_long *rd)
{
    rd->resume = 0;
    xx_csv_seek(&rd->p, rd->resume_off, rd->resume_line);
    int rc = xx_csv_next(&rd->p);
    if (rc >= 0) {
        rd->pending = rc;
        return 0;
    }
    const char *own = xx_csv_failed_id(&rd->p);
    char *id = xx_strdup(own ? own : "");
    if (!id) {
        rd->broken = 1;
        return xx_oom();
    }
    rc = malformed(rd, rc, id);
    xx_free(rd->id);
    rd->id = id;
    return rc;
}

/* Read the report that starts with the pending record. 1 at the end. */
int xx_csv_long_next(xxgk_report **out, csv_long *rd)
{
    int rc;
    if (rd->skip && (rc = skip_failed(rd)) != 0)
        return rc;
    if (rd->resume && (rc = resume(rd)) != 0)
        return rc;
    if (!rd->pending)
        return 1;
    csvp *p = &rd->p;
    char *id = NULL;
    if (rd->has_id) {
        id = xx_strndup(p->f[0].s, p->f[0].slen);
        if (!id)
            return xx_oom();
    }
    xxgk_report *r = NULL;
    rd->tpl = NULL;
    for (;;) {
        if ((rc = long_record(rd, &r)) != 0) {
            rd->skip = rd->has_id; /* the next report can still be read */
            if (!rd->has_id)
                rd->pending = 0;
            goto fail;
        }
        rc = xx_csv_next(p);
        if (rc < 0 && rd->many && id && rc != XXGK_ENOMEM && !same_report(p, id)) {
            /* the next report's first record is malformed: this one is whole */
            resume_at(rd, p->f[0].off, p->rec_line);
            rd->pending = 0;
            break;
        }
        if (rc < 0) {
            rc = malformed(rd, rc, id ? id : "");
            goto fail;
        }
        rd->pending = rc;
        if (!rc || (rd->has_id && strcmp(p->f[0].s, id) != 0))
            break;
    }
    if (!r) {
        /* only meta.template */
        if ((rc = xx_report_new_read(&r, rd->tpl)) != 0)
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
    xx_free(rd->id);
    rd->id = id; /* names the report that failed */
    xxgk_report_free(r);
    return rc;
}

void xx_csv_long_free(csv_long *rd)
{
    xx_csv_scanner_free(&rd->p);
    xx_free(rd->seen);
    rd->seen = NULL;
    xx_free(rd->id);
    rd->id = NULL;
}

int xx_csv_read(xxgk_report **out, const char *buf, size_t len, const struct xxgk_parse_options *o)
{
    *out = NULL;
    csv_long rd;
    int rc = xx_csv_long_open(&rd, buf, len, o);
    if (rc)
        goto done;
    if (!rd.pending) {
        rc = xx_csv_err(&rd.p, XXGK_EEMPTY, len, "no report: the file has only its header");
        goto done;
    }
    rc = xx_csv_long_next(out, &rd);
    if (rc)
        goto done;
    if (rd.pending) {
        rc = xx_csv_err(&rd.p, XXGK_ESCHEMA, rd.p.f[0].off,
                    "a second report '%s' begins here: this file holds many reports, read one at a "
                    "time (xxgk_reader_next; Python: xxgk.load_all; the xxgk command reads them all)",
                    rd.p.f[0].s);
        xxgk_report_free(*out);
        *out = NULL;
    }
done:
    xx_csv_long_free(&rd);
    return rc;
}

int xx_csv_write(xbuf *b, const xxgk_report *r, const struct xxgk_write_options *o)
{
    const xxgk_template *t = r->t;
    const char *id = o->report_id;
    if (o->header)
        xb_puts(b, id ? "report,path,value\n" : "path,value\n");
    char tmp[32];
    /* put: xx_csv_put_text for text from the report, xx_csv_put_field for numbers */
#define ROW(path_, val_, put)                                                                                         \
    do {                                                                                                              \
        if (id) {                                                                                                     \
            xx_csv_put_text(b, id);                                                                                   \
            xb_putc(b, ',');                                                                                          \
        }                                                                                                             \
        xb_puts(b, path_);                                                                                            \
        xb_putc(b, ',');                                                                                              \
        put(b, val_);                                                                                                 \
        xb_putc(b, '\n');                                                                                             \
    } while (0)
    ROW("meta.template", t->id, xx_csv_put_field);
    if (r->year)
        snprintf(tmp, sizeof tmp, "%d", r->year);
    else
        tmp[0] = '\0';
    ROW("meta.year", tmp, xx_csv_put_field);
    ROW("meta.agency", xxgk_report_agency(r), xx_csv_put_text);
    ROW("meta.title", xxgk_report_title(r), xx_csv_put_text);
    for (size_t i = 0; i < t->nsections; i++) {
        char path[64];
        snprintf(path, sizeof path, "section.%s", t->sections[i].code);
        ROW(path, r->sections[i] ? r->sections[i] : "", xx_csv_put_text);
    }
    for (size_t i = 0; i < t->ncells_all; i++) {
        const xcell *c = &r->cells[i];
        if ((i >= t->ncells && c->state == XXGK_CELL_BLANK) || c->state == XXGK_CELL_UNREAD)
            continue; /* an absent row: an optional cell not filled, or a cell not read */
        if (c->state == XXGK_CELL_TOKEN) {
            ROW(t->cells[i].path, r->tokens[i], xx_csv_put_text);
            continue;
        }
        tmp[0] = '\0';
        if (c->state == XXGK_CELL_NUMBER)
            xx_format_number(tmp, c->v, t->cells[i].kind);
        ROW(t->cells[i].path, tmp, xx_csv_put_field);
    }
#undef ROW
    return b->failed ? xx_oom() : 0;
}
