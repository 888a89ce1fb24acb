/* SPDX-License-Identifier: MIT */
/* The reports of one input: a file or standard input may hold several (long CSV with a
 * `report` column, e.g. a province's reports in one file); they are read one at a time. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int cli_readopts_init(cli_readopts *o, const cli_args *a)
{
    memset(o, 0, sizeof *o);
    o->lang = a->lang;
    if (a->from && xxgk_format_from_name(&o->from, a->from) != 0)
        o->from = XXGK_FORMAT_AUTO; /* cannot happen: the parser checked the name */
    for (int f = 0; f < 16; f++) {
        if (xxgk_parse_options_new(&o->by_format[f]) != 0 ||
            xxgk_parse_options_set_strict(o->by_format[f], a->strict) != 0) {
            fprintf(stderr, "xxgk %s: out of memory\n", a->cmd->name);
            cli_readopts_free(o);
            return -1;
        }
        /* formats beyond those the library knows keep AUTO: never used */
        xxgk_parse_options_set_format(o->by_format[f], o->from ? o->from : f);
    }
    return 0;
}

void cli_readopts_free(cli_readopts *o)
{
    for (int f = 0; f < 16; f++)
        xxgk_parse_options_free(o->by_format[f]);
    memset(o, 0, sizeof *o);
}

int cli_source_open(cli_source *s, const char *path, const cli_readopts *o, cli_failure *why)
{
    memset(s, 0, sizeof *s);
    s->lang = o->lang;
    if (cli_slurp(path, &s->buf, &s->len, &s->owned) != 0) {
        int err = errno ? errno : EIO;
        cli_failure_from_errno(why, err);
        if (!strcmp(path, "-"))
            snprintf(why->msg, sizeof why->msg, "cannot read standard input: %s", strerror(err));
        return -1;
    }
    int format = XXGK_FORMAT_AUTO;
    if (strcmp(path, "-") != 0)
        xxgk_format_from_path(&format, path);
    if (cli_is_pdf(s->buf, s->len)) { /* its text, from pdftotext */
        char *text;
        size_t tlen;
        if (cli_pdf_text(path, s->buf, s->len, s->lang, &text, &tlen, why) != 0) {
            cli_source_close(s);
            return -1;
        }
        cli_slurp_release(s->buf, s->owned);
        s->buf = text;
        s->len = tlen;
        s->owned = 1;
        format = XXGK_FORMAT_PDFTEXT;
    }
    if (format < 0 || format > 15)
        format = XXGK_FORMAT_AUTO;
    if (xxgk_reader_open(&s->rd, s->buf, s->len, o->by_format[format]) != 0) {
        cli_failure_from_lib(why, path, s->lang);
        cli_source_close(s);
        return -1;
    }
    return 0;
}

int cli_source_next(cli_source *s, xxgk_report **out, const char *path, cli_failure *why)
{
    int rc = xxgk_reader_next(out, s->rd);
    if (rc == 0)
        s->read++;
    else if (rc < 0)
        cli_failure_from_lib(why, path, s->lang);
    return rc < 0 ? -1 : rc;
}

const char *cli_source_report_id(const cli_source *s)
{
    return s->rd ? xxgk_reader_report_id(s->rd) : "";
}

void cli_source_close(cli_source *s)
{
    xxgk_reader_free(s->rd);
    cli_slurp_release(s->buf, s->owned);
    memset(s, 0, sizeof *s);
}

int cli_read_one(xxgk_report **out, const char *path, const cli_readopts *o)
{
    cli_source s;
    cli_failure why;
    *out = NULL;
    int rc = cli_source_open(&s, path, o, &why);
    if (rc == 0 && (rc = cli_source_next(&s, out, path, &why)) == 1) {
        cli_failure_no_report(&why, NULL, o->lang);
        rc = -1;
    }
    if (rc == 0 && cli_source_report_id(&s)[0]) { /* a `report` column: is there a second? */
        xxgk_report *second = NULL;
        if (xxgk_reader_next(&second, s.rd) == 0) {
            snprintf(why.msg, sizeof why.msg,
                     "holds several reports (a `report` column): this command reads one; "
                     "'xxgk convert --report ID --to json FILE' picks one out");
            why.page = why.line = why.column = 0;
            rc = -1;
        }
        xxgk_report_free(second);
    }
    if (rc != 0) {
        strbuf b = STRBUF_INIT;
        cli_failure_line(&b, path, &why);
        fputs(b.failed || !b.s ? "xxgk: out of memory\n" : b.s, stderr);
        sb_free(&b);
        xxgk_report_free(*out);
        *out = NULL;
    }
    cli_source_close(&s);
    return rc == 0 ? 0 : -1;
}
