/* SPDX-License-Identifier: MIT */
/* xxgk sum: add reports of one template into one (a region's total), then check it.
 * Reports are read in parallel and added one at a time in input order, so memory does
 * not grow with the number of reports. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const cli_option sum_options[] = {
    CLI_ONE_OF('t', "to", "FORMAT", to, cli_formats_out, "the total's format (default json)"),
    CLI_STRING('o', "output", "FILE", output, COMPLETE_FILE,
               "write the total to FILE instead of standard output (never one of the\n"
               "inputs; FILE is replaced only once the whole total is written)"),
    CLI_OPT_FROM,
    CLI_FLAG('k', "keep-going", keep_going,
             "add the reports that can be read and leave out those that cannot (each\n"
             "named, and counted as unreadable); the exit status is still 2"),
    CLI_FLAG(0, "no-bom", no_bom,
             "csv-wide: no UTF-8 byte order mark at the start (spreadsheets need it to read the Chinese)"),
    CLI_OPT_LANG,
    CLI_OPT_SEVERITY,
    CLI_OPT_JOBS("readers"),
    CLI_OPT_EXCLUDE,
    CLI_OPT_QUIET,
    CLI_OPT_COLOR,
    CLI_END,
};

static const cli_example sum_examples[] = {
    { "xxgk sum -o city-2023.json districts/2023/", "a city's total of its districts' reports" },
    { "xxgk sum --to csv-wide a.json b.json c.txt > total.csv", NULL },
    { "xxgk sum -k -o province.json province-2023.csv", "the total of every report that can be read" },
    { NULL, NULL },
};

static int cmd_sum(const cli_args *a);

const cli_command cli_cmd_sum = {
    "sum", cmd_sum, "add reports into one (a region's total) and check it",
    "FILE...", 1, (size_t)-1, COMPLETE_FILE,
    "Add reports of one template into one report (a region's or a system's total) and\n"
    "check the total. A long CSV with a `report` column (a province's reports in one file)\n"
    "adds all of its reports.\n"
    "\n"
    "Blank cells and tokens (\"-\", \"/\") add nothing: a cell blank in every report stays\n"
    "blank, and a cell that only some reports give as a number is named in a SUM.PARTIAL\n"
    "warning. The year is kept when all reports agree; agency and title are left empty.",
    sum_options,
    "The total's findings go to standard error, then a summary line. Nothing is written\n"
    "when an input cannot be read or is of another template, unless --keep-going: then\n"
    "the total of the others is written and the summary counts what was left out.\n"
    "Exit status: 0 the total has no error finding, 1 it has, 2 an input could not be\n"
    "read or added (another template, an overflow; also with --keep-going) or bad usage.",
    sum_examples,
};

typedef struct {
    xxgk_report *r;  /* the file's report, read by a worker */
    int stream;      /* many reports: the printer reads them one at a time */
    int skipped;
    strbuf err;
} sum_item;

typedef struct {
    const cli_args *a;
    const cli_inputs *in;
    cli_readopts ro;
    xxgk_sum *acc;
    size_t added, failed, skipped;
    cli_progress prog;
} sum_ctx;

static void *read_one(void *arg, int worker, size_t idx)
{
    (void)worker;
    const sum_ctx *c = arg;
    const cli_input *input = &c->in->items[idx];
    sum_item *it = calloc(1, sizeof *it);
    if (!it)
        return NULL;
    cli_source s;
    cli_failure why = { "", 0, 0, 0, 0 };
    int rc = -1;
    if (input->error)
        snprintf(why.msg, sizeof why.msg, "%s", input->error);
    else if ((rc = cli_source_open(&s, input->path, &c->ro, &why)) == 0) {
        if ((rc = cli_source_next(&s, &it->r, input->path, &why)) == 1) {
            cli_failure_no_report(&why, NULL, c->a->lang);
            rc = -1;
        }
        if (rc == 0 && cli_source_report_id(&s)[0]) {
            it->stream = 1;
            xxgk_report_free(it->r);
            it->r = NULL;
        }
        cli_source_close(&s);
    }
    if (rc != 0 && cli_not_a_report(input, why.code))
        it->skipped = 1;
    else if (rc != 0)
        cli_failure_line(&it->err, input->path, &why);
    return it;
}

/* Add one report (of `file`, with its id in a file of many). 0 or -1 (reported). */
static int add_report(sum_ctx *c, const xxgk_report *r, const char *file, const char *id)
{
    if (!c->acc && xxgk_sum_new(&c->acc, NULL) != 0) {
        progress_clear(&c->prog);
        fprintf(stderr, "%s: out of memory\n", file);
    } else if (xxgk_sum_add(c->acc, r) != 0) {
        cli_failure why;
        cli_failure_from_lib(&why, file, c->a->lang);
        progress_clear(&c->prog);
        fprintf(stderr, "%s%s%s: %s\n", file, id[0] ? " report " : "", id, why.msg);
    } else {
        c->added++;
        return 0;
    }
    c->failed++;
    return -1;
}

/* A report of a file of many that cannot be read: said, and counted. */
static void stream_failure(sum_ctx *c, const char *file, const char *id, cli_failure *why)
{
    strbuf b = STRBUF_INIT;
    cli_failure_name_report(why, id, c->a->lang);
    cli_failure_line(&b, file, why);
    progress_clear(&c->prog);
    fputs(b.s ? b.s : "out of memory\n", stderr);
    sb_free(&b);
    c->failed++;
}

/* The reports of a file of many, one at a time. */
static void add_stream(sum_ctx *c, const char *file)
{
    cli_source s;
    cli_failure why = { "", 0, 0, 0, 0 };
    xxgk_report *r;
    int rc = cli_source_open(&s, file, &c->ro, &why);
    if (rc < 0) {
        stream_failure(c, file, "", &why);
        return;
    }
    /* after a report that cannot be read, the reader goes on with the next one */
    while ((rc = cli_source_next(&s, &r, file, &why)) != 1) {
        if (rc < 0)
            stream_failure(c, file, cli_source_report_id(&s), &why);
        else {
            rc = add_report(c, r, file, cli_source_report_id(&s));
            xxgk_report_free(r);
        }
        if (rc && !c->a->keep_going)
            break;
    }
    cli_source_close(&s);
}

static void add_one(void *arg, size_t idx, void *result)
{
    sum_ctx *c = arg;
    sum_item *it = result;
    const char *file = c->in->items[idx].path;
    if (!it || it->err.failed) {
        progress_clear(&c->prog);
        fprintf(stderr, "%s: out of memory\n", file);
        c->failed++;
    } else if (it->skipped) {
        c->skipped++;
    } else if (it->err.len) {
        progress_clear(&c->prog);
        fwrite(it->err.s, 1, it->err.len, stderr);
        c->failed++;
    } else if (!c->failed || c->a->keep_going) { /* else no total is written: stop adding */
        if (it->stream)
            add_stream(c, file);
        else
            add_report(c, it->r, file, "");
    }
    if (it) {
        xxgk_report_free(it->r);
        sb_free(&it->err);
        free(it);
    }
    progress_step(&c->prog);
}

static void summary(const sum_ctx *c, const xxgk_findings *f)
{
    int en = c->a->lang == LANG_EN;
    size_t errors = xxgk_findings_count_severity(f, XXGK_SEVERITY_ERROR);
    size_t warnings = xxgk_findings_count_severity(f, XXGK_SEVERITY_WARNING);
    size_t files = c->in->count - c->skipped, sk = c->skipped + c->in->skipped;
    char skipped[96] = "";
    if (sk)
        snprintf(skipped, sizeof skipped, en ? ", skipped %zu (not reports)" : "，跳过 %zu（不是报告）", sk);
    if (en)
        fprintf(stderr, "files %zu, reports %zu, errors %zu, warnings %zu, unreadable %zu%s\n", files,
                c->added, errors, warnings, c->failed, skipped);
    else
        fprintf(stderr, "文件 %zu，报告 %zu，错误 %zu，警告 %zu，无法读取 %zu%s\n", files, c->added, errors,
                warnings, c->failed, skipped);
}

/* The total, checked and written. An exit status. */
static int finish(sum_ctx *c, int format)
{
    const cli_args *a = c->a;
    xxgk_report *total = NULL;
    xxgk_findings *f = NULL;
    xxgk_write_options *wo = NULL;
    char *text = NULL;
    size_t len = 0;
    int status = EXIT_TROUBLE;
    if (xxgk_sum_finish(&total, c->acc) != 0 || xxgk_check(&f, total, NULL) != 0 ||
        xxgk_write_options_new(&wo) != 0 || xxgk_write_options_set_format(wo, format) != 0 ||
        xxgk_write_options_set_lang(wo, a->lang == LANG_EN ? "en" : "zh") != 0 ||
        xxgk_write_options_set_bom(wo, !a->no_bom) != 0 ||
        xxgk_report_write(&text, &len, total, wo) != 0) {
        fprintf(stderr, "xxgk sum: %s\n", xxgk_error_message()[0] ? xxgk_error_message()
                                                                 : xxgk_strerror(xxgk_error_code()));
        goto done;
    }
    strbuf msgs = STRBUF_INIT;
    const char *label = a->lang == LANG_EN ? "(sum)" : "（合计）";
    for (size_t i = 0, n = xxgk_findings_count(f); i < n; i++)
        if (cli_shown(a, f, i))
            cli_finding_line(&msgs, label, f, i, a->lang, a->color_err);
    if (msgs.len)
        fwrite(msgs.s, 1, msgs.len, stderr);
    sb_free(&msgs);
    if (!a->quiet)
        summary(c, f);
    if (cli_write_output(a->output, text, len, "sum") == 0)
        status = xxgk_findings_count_severity(f, XXGK_SEVERITY_ERROR) ? EXIT_FINDINGS : EXIT_CLEAN;
done:
    xxgk_free(text);
    xxgk_write_options_free(wo);
    xxgk_findings_free(f);
    xxgk_report_free(total);
    return status;
}

static int cmd_sum(const cli_args *a)
{
    int format = XXGK_FORMAT_JSON;
    if (a->to)
        xxgk_format_from_name(&format, a->to);
    cli_inputs in;
    if (cli_inputs_expand(&in, a->args, a->nargs, &a->exclude) != 0)
        return EXIT_TROUBLE;
    sum_ctx c = { 0 };
    c.a = a;
    c.in = &in;
    int status = EXIT_TROUBLE;
    for (size_t i = 0; i < in.count; i++)
        if (cli_same_file(a->output, in.items[i].path)) {
            fprintf(stderr, "xxgk sum: refusing to overwrite the input file '%s'\n", in.items[i].path);
            goto done;
        }
    if (cli_readopts_init(&c.ro, a) != 0)
        goto done;
    progress_start(&c.prog, in.count, a->quiet);
    cli_run_ordered(in.count, a->jobs, read_one, add_one, &c);
    progress_clear(&c.prog);
    if ((c.failed && !a->keep_going) || !c.acc) {
        fprintf(stderr, a->lang == LANG_EN ? "xxgk sum: %zu of %zu files could not be added; nothing written\n"
                                           : "xxgk sum: %zu/%zu 个文件无法相加，未输出合计\n",
                c.failed, in.count);
        goto done;
    }
    status = finish(&c, format);
    if (c.failed && status != EXIT_TROUBLE) /* --keep-going: a total of the others, written */
        status = EXIT_TROUBLE;
done:
    cli_readopts_free(&c.ro);
    xxgk_sum_free(c.acc);
    cli_inputs_free(&in);
    return status;
}
