/* SPDX-License-Identifier: MIT */
/* xxgk check: check reports (one, or a directory of ten thousand, in parallel). Files are
 * read and checked by workers; a file of many reports (long CSV with a `report` column)
 * is streamed by the printer, report by report, so that memory stays flat. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

enum { FMT_TEXT, FMT_JSON, FMT_NDJSON };
static const char *const check_formats[] = { "text", "json", "ndjson", NULL };

static const cli_option check_options[] = {
    CLI_CHOICE(0, "format", format, check_formats, "how findings are printed (default text; see below)"),
    CLI_OPT_SEVERITY,
    CLI_OPT_LANG,
    CLI_FLAG(0, "blank-as-zero", blank_as_zero,
             "read blank cells as 0, so that identities with\nblanks are checked"),
    CLI_STRING(0, "previous", "FILE", previous, COMPLETE_FILE,
               "also check against last year's report (YOY.* rules)"),
    CLI_OPT_FROM,
    CLI_OPT_JOBS("workers"),
    CLI_OPT_EXCLUDE,
    CLI_OPT_QUIET,
    CLI_OPT_COLOR,
    CLI_END,
};

static const cli_example check_examples[] = {
    { "xxgk check report.json", "check one report before publishing it" },
    { "xxgk check --lang en --previous 2022.json 2023.txt", "also against last year's report" },
    { "xxgk check --severity warning report.txt", "errors and warnings, no info lines" },
    { "xxgk check -j 4 --format ndjson reports/ > findings.ndjson", "a directory, in parallel" },
    { "cat report.txt | xxgk check -", "standard input" },
    { NULL, NULL },
};

static int cmd_check(const cli_args *a);

const cli_command cli_cmd_check = {
    "check", cmd_check, "check reports against the consistency rules (files or directories)",
    "FILE...", 1, (size_t)-1, COMPLETE_FILE,
    "Check reports against the consistency rules of their template (勾稽关系) and print\n"
    "the findings, together with what the reader could not place. A long CSV with a\n"
    "`report` column holds many reports: each is checked in turn, and its JSON object has\n"
    "\"report\": ID.",
    check_options,
    "Formats:\n"
    "  text     a heading line for each report read, naming it (title, agency, year,\n"
    "           template; the report's id in a long CSV of many):\n"
    "             FILE: 报告 ID《TITLE》（机关：A；年度：Y；模板：T）\n"
    "             FILE: report ID \"TITLE\" (agency: A; year: Y; template: T)\n"
    "           then one line per finding, FILE:LINE:COLUMN: severity RULE: message\n"
    "           (a PDF's: FILE#page=P:LINE:COLUMN, the line within page P).\n"
    "           With --severity warning or error, a report with no finding shown\n"
    "           prints nothing (not even its heading)\n"
    "  json     one document: {\"xxgk\": 1, \"files\": [{\"file\", \"report\", \"template\",\n"
    "           \"year\", \"agency\", \"title\", \"errors\", \"warnings\", \"findings\":\n"
    "           [{\"rule\", \"severity\", \"cells\", \"expected\", \"actual\", \"message\",\n"
    "           \"message_en\", \"line\", \"column\"}], \"error\": null or {\"message\",\n"
    "           \"line\", \"column\"}}]}: the same keys in every object, null where\n"
    "           there is none; a PDF's findings and error also have \"page\"\n"
    "  ndjson   the same objects, one per line, written as files finish\n"
    "\n"
    "A summary (files, errors, warnings, unreadable files and reports, skipped files) goes\n"
    "to standard error; with more than 20 files and standard error on a terminal, a\n"
    "progress bar too. A report of a long CSV that cannot be read is named; the reports\n"
    "after it are still checked, also after a malformed line (a stray quote).\n"
    "Exit status: 0 no error finding, 1 some error finding, 2 a file could not be read\n"
    "or bad usage.",
    check_examples,
};

typedef struct {
    size_t errors, warnings, reports;
} check_counts;

typedef struct {
    strbuf out, err;   /* a file's output (one JSON object, or text lines) and messages */
    check_counts k;
    int unreadable, skipped;
    int stream;        /* many reports: the printer reads and checks them */
} check_result;

typedef struct {
    const cli_args *a;
    const cli_inputs *in;
    cli_readopts ro;
    const xxgk_check_options *co;
    const xxgk_report *prev;
    xxgk_findings **scratch; /* one reusable list per worker, and the printer's last */
    int jobs;
    size_t files, reports, errors, warnings, unreadable, skipped;
    size_t printed;          /* JSON objects printed */
    int multi;               /* some file held several reports */
    cli_progress prog;
} check_ctx;

/* Start a JSON object: every object has the same keys, in the same order (file, report,
 * template, year, agency, title, errors, warnings, findings, error), null where there is no
 * value, so that a data frame reads any run. */
static void begin_object(strbuf *b, const char *file, const char *id)
{
    sb_puts(b, "{\"file\": ");
    sb_json_str(b, file);
    sb_puts(b, ", \"report\": ");
    if (id && id[0])
        sb_json_str(b, id);
    else
        sb_puts(b, "null");
}

static void unreadable(strbuf *out, strbuf *err, const check_ctx *c, const char *file, const char *id,
                       const cli_failure *why)
{
    cli_failure named = *why; /* a report of a file of many: named on standard error too */
    cli_failure_name_report(&named, id, c->a->lang);
    cli_failure_line(err, file, &named);
    if (c->a->format == FMT_TEXT)
        return;
    begin_object(out, file, id);
    sb_puts(out, ", \"template\": null, \"year\": null, \"agency\": null, \"title\": null, \"errors\": 0, "
                 "\"warnings\": 0, \"findings\": [], \"error\": {\"message\": ");
    sb_json_str(out, why->msg);
    if (why->page > 0)
        sb_printf(out, ", \"page\": %ld", why->page);
    if (why->line > 0)
        sb_printf(out, ", \"line\": %ld, \"column\": %ld}}", why->line, why->column);
    else
        sb_puts(out, ", \"line\": null, \"column\": null}}");
}

/* Text as one line: a control character (a line break in a title) is a space. */
static void put_one_line(strbuf *b, const char *s)
{
    for (const char *p = s;; p++) {
        if ((unsigned char)*p >= 0x20 && *p != 0x7f)
            continue;
        sb_putn(b, s, (size_t)(p - s));
        if (!*p)
            return;
        sb_putn(b, " ", 1);
        s = p + 1;
    }
}

/* The text format's heading of a report, before its findings: which report was read, in a
 * line that starts "FILE: " as a compiler's "FILE: In function …" does, so that it is no
 * FILE:LINE:COLUMN finding to an editor or to grep:
 *   FILE: 报告 ID《TITLE》（机关：AGENCY；年度：YEAR；模板：TEMPLATE）
 *   FILE: report ID "TITLE" (agency: AGENCY; year: YEAR; template: TEMPLATE)
 * ID only for a report of a file of many, the title only when there is one. */
static void report_heading(strbuf *b, const char *file, const char *id, const xxgk_report *r, int lang)
{
    int en = lang == LANG_EN, year = xxgk_report_year(r);
    const char *title = xxgk_report_title(r), *agency = xxgk_report_agency(r);
    const char *unknown = en ? "unknown" : "未知";
    sb_puts(b, file);
    sb_puts(b, en ? ": report" : ": 报告");
    if (id && id[0]) {
        sb_putn(b, " ", 1);
        put_one_line(b, id);
    }
    if (title[0]) {
        sb_puts(b, en ? " \"" : "《");
        put_one_line(b, title);
        sb_puts(b, en ? "\"" : "》");
    }
    sb_puts(b, en ? " (agency: " : "（机关：");
    put_one_line(b, agency[0] ? agency : unknown);
    if (year)
        sb_printf(b, en ? "; year: %d" : "；年度：%d", year);
    else
        sb_printf(b, en ? "; year: %s" : "；年度：%s", unknown);
    sb_puts(b, en ? "; template: " : "；模板：");
    sb_puts(b, xxgk_template_id(xxgk_report_template(r)));
    sb_puts(b, en ? ")\n" : "）\n");
}

/* Whether a finding of f is shown under --severity. */
static int any_shown(const check_ctx *c, const xxgk_findings *f)
{
    for (size_t i = 0, n = xxgk_findings_count(f); i < n; i++)
        if (cli_shown(c->a, f, i))
            return 1;
    return 0;
}

static void add_findings(strbuf *b, int *first, const check_ctx *c, const char *file,
                         const xxgk_findings *f)
{
    for (size_t i = 0, n = xxgk_findings_count(f); i < n; i++) {
        if (!cli_shown(c->a, f, i))
            continue;
        if (c->a->format == FMT_TEXT) {
            cli_finding_line(b, file, f, i, c->a->lang, c->a->color_out);
        } else {
            sb_puts(b, *first ? "" : ", ");
            cli_finding_json(b, f, i);
        }
        *first = 0;
    }
}

/* Check one report into out (its JSON object, or its lines). 0, or -1 when it could not
 * be checked (said in err and out). */
static int check_report(strbuf *out, strbuf *err, check_counts *k, const check_ctx *c,
                        xxgk_findings *f, const char *file, const char *id, const xxgk_report *r)
{
    xxgk_findings *yoy = NULL;
    if (xxgk_check_into(f, r, c->co) != 0 ||
        (c->prev && xxgk_check_previous(&yoy, r, c->prev, c->co) != 0)) {
        cli_failure why = { "", 0, 0, 0, 0 };
        snprintf(why.msg, sizeof why.msg, "cannot check: %s", xxgk_strerror(xxgk_error_code()));
        unreadable(out, err, c, file, id, &why);
        return -1;
    }
    size_t errors = xxgk_findings_count_severity(f, XXGK_SEVERITY_ERROR);
    size_t warnings = xxgk_findings_count_severity(f, XXGK_SEVERITY_WARNING);
    if (yoy) {
        errors += xxgk_findings_count_severity(yoy, XXGK_SEVERITY_ERROR);
        warnings += xxgk_findings_count_severity(yoy, XXGK_SEVERITY_WARNING);
    }
    k->errors += errors;
    k->warnings += warnings;
    k->reports++;
    if (c->a->format != FMT_TEXT) {
        int year = xxgk_report_year(r);
        begin_object(out, file, id);
        sb_puts(out, ", \"template\": ");
        sb_json_str(out, xxgk_template_id(xxgk_report_template(r)));
        if (year)
            sb_printf(out, ", \"year\": %d", year);
        else
            sb_puts(out, ", \"year\": null");
        sb_puts(out, ", \"agency\": ");
        sb_json_str(out, xxgk_report_agency(r));
        sb_puts(out, ", \"title\": ");
        sb_json_str(out, xxgk_report_title(r));
        sb_printf(out, ", \"errors\": %zu, \"warnings\": %zu, \"findings\": [", errors, warnings);
    }
    /* the heading: always at the default severity (info: everything is shown), else only
     * above findings, so that --severity warning prints nothing for a report without one */
    if (c->a->format == FMT_TEXT &&
        (c->a->severity <= XXGK_SEVERITY_INFO || any_shown(c, f) || (yoy && any_shown(c, yoy))))
        report_heading(out, file, id, r, c->a->lang);
    int first = 1;
    add_findings(out, &first, c, file, f);
    if (yoy)
        add_findings(out, &first, c, file, yoy);
    xxgk_findings_free(yoy);
    if (c->a->format != FMT_TEXT)
        sb_puts(out, "], \"error\": null}");
    return 0;
}

static void *check_one(void *arg, int worker, size_t idx)
{
    const check_ctx *c = arg;
    const cli_input *input = &c->in->items[idx];
    const char *file = input->path;
    check_result *res = calloc(1, sizeof *res);
    if (!res)
        return NULL;
    cli_failure why = { "", 0, 0, 0, 0 };
    if (input->error) {
        snprintf(why.msg, sizeof why.msg, "%s", input->error);
        unreadable(&res->out, &res->err, c, file, NULL, &why);
        res->unreadable = 1;
        return res;
    }
    cli_source src;
    xxgk_report *r = NULL;
    int rc = cli_source_open(&src, file, &c->ro, &why);
    if (rc == 0 && (rc = cli_source_next(&src, &r, file, &why)) == 1) {
        cli_failure_no_report(&why, NULL, c->a->lang);
        rc = -1;
    }
    if (rc != 0) {
        if (cli_not_a_report(input, why.code)) {
            res->skipped = 1;
        } else {
            unreadable(&res->out, &res->err, c, file, cli_source_report_id(&src), &why);
            res->unreadable = 1;
        }
    } else if (cli_source_report_id(&src)[0]) {
        res->stream = 1; /* many reports: the printer reads them again, one at a time */
    } else {
        check_report(&res->out, &res->err, &res->k, c, c->scratch[worker], file, "", r);
    }
    xxgk_report_free(r);
    cli_source_close(&src);
    return res;
}

/* Print one file's or one report's output (and messages) on the printer's thread. */
static void print_output(check_ctx *c, const strbuf *out, const strbuf *err)
{
    if (err->len || out->len)
        progress_clear(&c->prog); /* standard output may be the same terminal */
    if (err->len)
        fwrite(err->s, 1, err->len, stderr);
    if (!out->len)
        return;
    if (c->a->format == FMT_JSON) {
        const char *sep = c->printed++ ? ",\n  " : "\n  ";
        cli_stdout_put(sep, strlen(sep));
    }
    cli_stdout_put(out->s, out->len);
    if (c->a->format == FMT_NDJSON) {
        cli_stdout_put("\n", 1);
        fflush(stdout); /* streamed: a pipeline sees each object as it is done */
    }
}

/* The reports of a many-report file, one at a time, each printed before the next is
 * read. */
static void stream_file(check_ctx *c, const char *file)
{
    cli_source src;
    cli_failure why = { "", 0, 0, 0, 0 };
    strbuf out = STRBUF_INIT, err = STRBUF_INIT;
    int failed = cli_source_open(&src, file, &c->ro, &why) != 0;
    while (!failed) {
        xxgk_report *r;
        int rc = cli_source_next(&src, &r, file, &why);
        if (rc == 1)
            break;
        if (rc != 0) { /* that report is named; the reader goes on with the next if it can */
            unreadable(&out, &err, c, file, cli_source_report_id(&src), &why);
            c->unreadable++;
        } else {
            check_counts k = { 0, 0, 0 };
            check_report(&out, &err, &k, c, c->scratch[c->jobs], file, cli_source_report_id(&src), r);
            xxgk_report_free(r);
            c->errors += k.errors;
            c->warnings += k.warnings;
            c->reports += k.reports;
        }
        if (out.failed || err.failed)
            break;
        print_output(c, &out, &err);
        sb_clear(&out);
        sb_clear(&err);
    }
    if (failed) {
        unreadable(&out, &err, c, file, "", &why);
        print_output(c, &out, &err);
        c->unreadable++;
    }
    if (out.failed || err.failed) {
        progress_clear(&c->prog);
        fprintf(stderr, "%s: out of memory\n", file);
        c->unreadable++;
    }
    c->multi = 1;
    sb_free(&out);
    sb_free(&err);
    cli_source_close(&src);
}

static void emit_one(void *arg, size_t idx, void *result)
{
    check_ctx *c = arg;
    check_result *res = result;
    const char *file = c->in->items[idx].path;
    if (!res || res->out.failed || res->err.failed) {
        progress_clear(&c->prog);
        fprintf(stderr, "%s: out of memory\n", file);
        c->unreadable++;
        c->files++;
    } else if (res->skipped) {
        c->skipped++;
    } else {
        c->files++;
        c->reports += res->k.reports;
        c->errors += res->k.errors;
        c->warnings += res->k.warnings;
        c->unreadable += (size_t)res->unreadable;
        print_output(c, &res->out, &res->err);
        if (res->stream)
            stream_file(c, file);
    }
    if (res) {
        sb_free(&res->out);
        sb_free(&res->err);
        free(res);
    }
    progress_step(&c->prog);
}

static void summary(const check_ctx *c)
{
    int en = c->a->lang == LANG_EN;
    char reports[64] = "", skipped[96] = "";
    if (c->multi)
        snprintf(reports, sizeof reports, en ? " (reports %zu)" : "（报告 %zu）", c->reports);
    size_t sk = c->skipped + c->in->skipped;
    if (sk)
        snprintf(skipped, sizeof skipped, en ? ", skipped %zu (not reports)" : "，跳过 %zu（不是报告）", sk);
    if (en)
        fprintf(stderr, "files %zu%s, errors %zu, warnings %zu, unreadable %zu%s\n", c->files, reports,
                c->errors, c->warnings, c->unreadable, skipped);
    else
        fprintf(stderr, "文件 %zu%s，错误 %zu，警告 %zu，无法读取 %zu%s\n", c->files, reports, c->errors,
                c->warnings, c->unreadable, skipped);
}

static int cmd_check(const cli_args *a)
{
    check_ctx c = { 0 };
    c.a = a;
    c.jobs = a->jobs;
    cli_inputs in;
    if (cli_inputs_expand(&in, a->args, a->nargs, &a->exclude) != 0)
        return EXIT_TROUBLE;
    c.in = &in;
    xxgk_check_options *co = NULL;
    xxgk_report *prev = NULL;
    int status = EXIT_TROUBLE;
    c.scratch = calloc((size_t)c.jobs + 1, sizeof *c.scratch);
    int ok = c.scratch && xxgk_check_options_new(&co) == 0 &&
             xxgk_check_options_set_blank_as_zero(co, a->blank_as_zero) == 0;
    for (int w = 0; ok && w <= c.jobs; w++)
        ok = xxgk_findings_new(&c.scratch[w]) == 0;
    if (!ok) {
        fprintf(stderr, "xxgk check: out of memory\n");
        goto done;
    }
    if (cli_readopts_init(&c.ro, a) != 0)
        goto done;
    if (a->previous && cli_read_one(&prev, a->previous, &c.ro) != 0)
        goto done;
    c.co = co;
    c.prev = prev;
    progress_start(&c.prog, in.count, a->quiet);
    if (a->format == FMT_JSON)
        cli_stdout_put("{\"xxgk\": 1, \"files\": [", 22);
    cli_run_ordered(in.count, c.jobs, check_one, emit_one, &c);
    if (a->format == FMT_JSON)
        c.printed ? cli_stdout_put("\n]}\n", 4) : cli_stdout_put("]}\n", 3);
    progress_clear(&c.prog);
    if (!a->quiet)
        summary(&c);
    status = c.unreadable ? EXIT_TROUBLE : c.errors ? EXIT_FINDINGS : EXIT_CLEAN;
done:
    for (int w = 0; c.scratch && w <= c.jobs; w++)
        xxgk_findings_free(c.scratch[w]);
    free(c.scratch);
    cli_readopts_free(&c.ro);
    xxgk_check_options_free(co);
    xxgk_report_free(prev);
    cli_inputs_free(&in);
    return status;
}
