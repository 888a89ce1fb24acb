/* SPDX-License-Identifier: MIT */
/* xxgk convert: a report into another format; many reports (files, directories, long
 * CSVs) into one long CSV with a `report` column, as csvstack would. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const cli_option convert_options[] = {
    CLI_ONE_OF('t', "to", "FORMAT", to, cli_formats_out, "the format to write (required)"),
    CLI_STRING('o', "output", "FILE", output, COMPLETE_FILE,
               "write to FILE instead of standard output (never one of the inputs;\n"
               "FILE is replaced only once the whole output is written)"),
    CLI_OPT_FROM,
    CLI_STRING(0, "report", "ID", report, COMPLETE_NONE,
               "from a file of many reports (long CSV with a `report` column), the\n"
               "report with this id"),
    CLI_FLAG(0, "no-bom", no_bom,
             "csv-wide: no UTF-8 byte order mark at the start (spreadsheets need it to read the Chinese)"),
    CLI_FLAG(0, "strict", strict, "fail when the reader could not place something"),
    CLI_FLAG('k', "keep-going", keep_going,
             "many reports into one long CSV: write those that can be read and leave out\n"
             "those that cannot (each named, and counted); the exit status is still 2"),
    CLI_FLAG(0, "highlight", highlight,
             "HTML: check the report and mark the cells the findings name, with\n"
             "their messages"),
    CLI_OPT_LANG,
    CLI_OPT_SEVERITY,
    CLI_OPT_EXCLUDE,
    CLI_OPT_QUIET,
    CLI_OPT_COLOR,
    CLI_END,
};

static const cli_example convert_examples[] = {
    { "xxgk convert --to json report.txt", NULL },
    { "xxgk convert --to html --highlight -o report.html report.json", "a page to publish, errors marked" },
    { "xxgk convert --to csv -o all.csv reports/", "every report under reports/ in one long CSV" },
    { "xxgk convert --report 320113 --to json province.csv", "one report out of a long CSV" },
    { NULL, NULL },
};

static int cmd_convert(const cli_args *a);

const cli_command cli_cmd_convert = {
    "convert", cmd_convert, "convert reports between JSON, CSV, text, Markdown and HTML",
    "FILE...", 1, (size_t)-1, COMPLETE_FILE,
    "Read a report (JSON, CSV, plain text or Markdown; '-' = standard input) and write it in\n"
    "another format. What the reader could not place or had to interpret (its diagnostics,\n"
    "as a compiler's warnings) goes to standard error, in the --lang language; standard\n"
    "output holds only the converted report.\n"
    "\n"
    "With --to csv, many reports (several files, directories, or long CSVs of many\n"
    "reports) are written into one long CSV with a leading `report` column: a file's\n"
    "reports keep their ids, a file of one report is named by its path. Nothing is\n"
    "written when one of them cannot be read, unless --keep-going.",
    convert_options,
    "Exit status: 0 converted, 2 an input could not be read (also with --keep-going) or\n"
    "bad usage.",
    convert_examples,
};

/* The reader's diagnostics of r as lines for standard error (none under --quiet). */
static void diagnostics(strbuf *b, const cli_args *a, const char *file, const xxgk_report *r)
{
    const xxgk_findings *d = xxgk_report_diagnostics(r);
    for (size_t i = 0, n = a->quiet ? 0 : xxgk_findings_count(d); i < n; i++)
        if (cli_shown(a, d, i))
            cli_finding_line(b, file, d, i, a->lang, a->color_err);
}

static void print_diagnostics(const cli_args *a, const char *file, const xxgk_report *r)
{
    strbuf b = STRBUF_INIT;
    diagnostics(&b, a, file, r);
    if (b.len)
        fwrite(b.s, 1, b.len, stderr);
    sb_free(&b);
}

static void print_failure(const char *file, const cli_failure *why)
{
    strbuf b = STRBUF_INIT;
    cli_failure_line(&b, file, why);
    fputs(b.s ? b.s : "xxgk convert: out of memory\n", stderr);
    sb_free(&b);
}

enum { MANY_REPORTS = 3 }; /* not an exit status */

/* The one report to convert: the only one of the file, or the one --report names.
 * 0, -1 (reported), or MANY_REPORTS when the file holds many and none was named. */
static int read_report(xxgk_report **out, const cli_args *a, const char *file, const cli_readopts *ro)
{
    cli_source s;
    cli_failure why = { "", 0, 0, 0, 0 };
    *out = NULL;
    if (cli_source_open(&s, file, ro, &why) != 0) {
        print_failure(file, &why);
        return -1;
    }
    int rc;
    while ((rc = cli_source_next(&s, out, file, &why)) == 0) {
        const char *id = cli_source_report_id(&s);
        if (!a->report || !strcmp(a->report, id))
            break;
        xxgk_report_free(*out);
        *out = NULL;
    }
    if (rc == 1) {
        cli_failure_no_report(&why, a->report, a->lang);
    } else if (rc == 0 && !a->report && cli_source_report_id(&s)[0]) {
        xxgk_report *next = NULL;
        if (xxgk_reader_next(&next, s.rd) == 0)
            rc = MANY_REPORTS;
        xxgk_report_free(next);
    }
    cli_source_close(&s);
    if (rc == MANY_REPORTS) {
        xxgk_report_free(*out);
        *out = NULL;
        return MANY_REPORTS;
    }
    if (rc != 0) {
        print_failure(file, &why);
        xxgk_report_free(*out);
        *out = NULL;
        return -1;
    }
    return 0;
}

static int convert_one(const cli_args *a, const cli_readopts *ro, int format)
{
    const char *file = a->args[0];
    xxgk_write_options *wo = NULL;
    xxgk_report *r = NULL;
    xxgk_findings *f = NULL;
    char *text = NULL;
    size_t len = 0;
    int status = EXIT_TROUBLE;
    if (xxgk_write_options_new(&wo) != 0) {
        fprintf(stderr, "xxgk convert: out of memory\n");
        goto done;
    }
    xxgk_write_options_set_format(wo, format);
    xxgk_write_options_set_lang(wo, a->lang == LANG_EN ? "en" : "zh");
    xxgk_write_options_set_bom(wo, !a->no_bom);
    if ((status = read_report(&r, a, file, ro)) != 0) {
        if (status == MANY_REPORTS && format != XXGK_FORMAT_CSV)
            fprintf(stderr, "%s: holds many reports (a `report` column): write them all with --to csv, "
                            "or pick one with --report ID\n", file);
        status = status == MANY_REPORTS && format == XXGK_FORMAT_CSV ? MANY_REPORTS : EXIT_TROUBLE;
        goto done;
    }
    status = EXIT_TROUBLE;
    print_diagnostics(a, file, r);
    if (a->highlight) {
        if (xxgk_check(&f, r, NULL) != 0) {
            fprintf(stderr, "xxgk convert: cannot check %s: %s\n", file, xxgk_strerror(xxgk_error_code()));
            goto done;
        }
        xxgk_write_options_set_findings(wo, f);
    }
    if (xxgk_report_write(&text, &len, r, wo) != 0) {
        cli_failure why;
        cli_failure_from_lib(&why, file, a->lang);
        print_failure(file, &why);
        goto done;
    }
    if (cli_write_output(a->output, text, len, "convert") == 0)
        status = EXIT_CLEAN;
done:
    xxgk_free(text);
    xxgk_report_free(r);
    xxgk_write_options_free(wo);
    xxgk_findings_free(f);
    return status;
}

/* ---- many reports into one long CSV ---- */

typedef struct {
    strbuf csv, err;
    int failed, stream;
} stack_item;

typedef struct {
    const cli_args *a;
    const cli_inputs *in;
    const cli_readopts *ro;
    xxgk_write_options **wo; /* one per worker, and the printer's last */
    int jobs;
    cli_outfile out;
    size_t reports, failed;
    cli_progress prog;
} stack_ctx;

/* Append r's rows (with its report id) to b. */
static int append_csv(strbuf *b, strbuf *err, xxgk_write_options *wo, const char *file, const char *id,
                      const xxgk_report *r, int lang)
{
    char *text;
    size_t len;
    if (xxgk_write_options_set_report_id(wo, id) != 0 || xxgk_report_write(&text, &len, r, wo) != 0) {
        cli_failure why;
        cli_failure_from_lib(&why, file, lang);
        cli_failure_line(err, file, &why);
        return -1;
    }
    sb_putn(b, text, len);
    xxgk_free(text);
    return 0;
}

static void *stack_read(void *arg, int worker, size_t idx)
{
    const stack_ctx *c = arg;
    const cli_input *input = &c->in->items[idx];
    stack_item *it = calloc(1, sizeof *it);
    if (!it)
        return NULL;
    cli_source s;
    cli_failure why = { "", 0, 0, 0, 0 };
    xxgk_report *r = NULL;
    int rc = -1;
    if (input->error)
        snprintf(why.msg, sizeof why.msg, "%s", input->error);
    else if ((rc = cli_source_open(&s, input->path, c->ro, &why)) == 0) {
        if ((rc = cli_source_next(&s, &r, input->path, &why)) == 1) {
            cli_failure_no_report(&why, NULL, c->a->lang);
            rc = -1;
        }
        if (rc == 0 && cli_source_report_id(&s)[0])
            it->stream = 1; /* many reports: the printer reads them one at a time */
        else if (rc == 0) {
            diagnostics(&it->err, c->a, input->path, r);
            if (append_csv(&it->csv, &it->err, c->wo[worker], input->path, input->path, r, c->a->lang) != 0)
                it->failed = 1;
        }
        xxgk_report_free(r);
        cli_source_close(&s);
    }
    if (rc != 0 && !cli_not_a_report(input, why.code)) {
        cli_failure_line(&it->err, input->path, &why);
        it->failed = 1;
    }
    return it;
}

static void stack_stream(stack_ctx *c, const char *file)
{
    cli_source s;
    cli_failure why = { "", 0, 0, 0, 0 };
    strbuf csv = STRBUF_INIT, err = STRBUF_INIT;
    xxgk_report *r;
    int rc = cli_source_open(&s, file, c->ro, &why);
    if (rc == 0) /* after a report that cannot be read, the reader goes on with the next one */
        while ((rc = cli_source_next(&s, &r, file, &why)) != 1) {
            if (rc == 0) {
                print_diagnostics(c->a, file, r);
                rc = append_csv(&csv, &err, c->wo[c->jobs], file, cli_source_report_id(&s), r, c->a->lang);
                xxgk_report_free(r);
            } else {
                cli_failure_name_report(&why, cli_source_report_id(&s), c->a->lang);
                cli_failure_line(&err, file, &why);
            }
            if (rc == 0) {
                cli_outfile_write(&c->out, csv.s ? csv.s : "", csv.len);
                c->reports++;
            } else {
                fwrite(err.s ? err.s : "", 1, err.len, stderr);
                c->failed++;
                if (!c->a->keep_going)
                    break;
            }
            sb_clear(&csv);
            sb_clear(&err);
        }
    else {
        cli_failure_line(&err, file, &why);
        fwrite(err.s ? err.s : "", 1, err.len, stderr);
        c->failed++;
    }
    cli_source_close(&s);
    sb_free(&csv);
    sb_free(&err);
}

static void stack_write(void *arg, size_t idx, void *result)
{
    stack_ctx *c = arg;
    stack_item *it = result;
    const char *file = c->in->items[idx].path;
    progress_clear(&c->prog);
    if (!it || it->csv.failed || it->err.failed) {
        fprintf(stderr, "%s: out of memory\n", file);
        c->failed++;
    } else {
        if (it->err.len)
            fwrite(it->err.s, 1, it->err.len, stderr);
        c->failed += (size_t)it->failed;
        if (it->csv.len) {
            cli_outfile_write(&c->out, it->csv.s, it->csv.len);
            c->reports++;
        }
        if (it->stream)
            stack_stream(c, file);
    }
    if (it) {
        sb_free(&it->csv);
        sb_free(&it->err);
        free(it);
    }
    progress_step(&c->prog);
}

static int convert_many(const cli_args *a, const cli_readopts *ro, const cli_inputs *in)
{
    stack_ctx c = { 0 };
    c.a = a;
    c.in = in;
    c.ro = ro;
    c.jobs = a->jobs;
    int status = EXIT_TROUBLE;
    c.wo = calloc((size_t)c.jobs + 1, sizeof *c.wo);
    int ok = c.wo != NULL;
    for (int w = 0; ok && w <= c.jobs; w++)
        ok = xxgk_write_options_new(&c.wo[w]) == 0 &&
             xxgk_write_options_set_format(c.wo[w], XXGK_FORMAT_CSV) == 0 &&
             xxgk_write_options_set_header(c.wo[w], 0) == 0;
    if (!ok) {
        fprintf(stderr, "xxgk convert: out of memory\n");
        goto done;
    }
    if (cli_outfile_open(&c.out, a->output, "convert") != 0)
        goto done;
    cli_outfile_write(&c.out, "report,path,value\n", 18);
    progress_start(&c.prog, in->count, a->quiet);
    cli_run_ordered(in->count, c.jobs, stack_read, stack_write, &c);
    progress_clear(&c.prog);
    if (c.failed && !a->keep_going) {
        fprintf(stderr, a->lang == LANG_EN ? "xxgk convert: %zu of %zu files could not be read; nothing written\n"
                                           : "xxgk convert: %zu/%zu 个文件无法读取，未输出\n",
                c.failed, in->count);
        cli_outfile_abort(&c.out);
        goto done;
    }
    if (cli_outfile_commit(&c.out, "convert") != 0)
        goto done;
    if (!a->quiet && !c.failed)
        fprintf(stderr, a->lang == LANG_EN ? "files %zu, reports %zu\n" : "文件 %zu，报告 %zu\n",
                in->count, c.reports);
    else if (!a->quiet) /* --keep-going */
        fprintf(stderr, a->lang == LANG_EN ? "files %zu, reports %zu, unreadable %zu\n"
                                           : "文件 %zu，报告 %zu，无法读取 %zu\n",
                in->count, c.reports, c.failed);
    status = c.failed ? EXIT_TROUBLE : EXIT_CLEAN;
done:
    for (int w = 0; c.wo && w <= c.jobs; w++)
        xxgk_write_options_free(c.wo[w]);
    free(c.wo);
    return status;
}

static int cmd_convert(const cli_args *a)
{
    int format;
    if (!a->to) {
        fprintf(stderr, "xxgk convert: --to FORMAT is required (json, csv, csv-wide, text, markdown, html)\n");
        return EXIT_TROUBLE;
    }
    xxgk_format_from_name(&format, a->to);
    if (a->highlight && format != XXGK_FORMAT_HTML) {
        fprintf(stderr, "xxgk convert: --highlight marks cells in HTML: use it with --to html\n");
        return EXIT_TROUBLE;
    }
    cli_inputs in;
    if (cli_inputs_expand(&in, a->args, a->nargs, &a->exclude) != 0)
        return EXIT_TROUBLE;
    int status = EXIT_TROUBLE;
    cli_readopts ro;
    for (size_t i = 0; i < in.count; i++)
        if (cli_same_file(a->output, in.items[i].path)) {
            fprintf(stderr, "xxgk convert: refusing to overwrite the input file '%s'\n", in.items[i].path);
            goto done;
        }
    int many = in.count > 1 || in.items[0].walked;
    if (many && format != XXGK_FORMAT_CSV) {
        fprintf(stderr, "xxgk convert: %zu files: many reports go into one file only as a long CSV "
                        "(--to csv); convert the others one file at a time\n", in.count);
        goto done;
    }
    if (many && a->report) {
        fprintf(stderr, "xxgk convert: --report picks a report out of one file\n");
        goto done;
    }
    if (cli_readopts_init(&ro, a) != 0)
        goto done;
    status = many ? MANY_REPORTS : convert_one(a, &ro, format);
    if (status == MANY_REPORTS)
        status = convert_many(a, &ro, &in);
    cli_readopts_free(&ro);
done:
    cli_inputs_free(&in);
    return status;
}
