/* SPDX-License-Identifier: MIT */
/* xxgk sum: add reports of one template into one (a region's total), then check it.
 * Reports are read in parallel and added one at a time in input order, so memory does
 * not grow with the number of reports. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static void usage(FILE *fp)
{
    fprintf(fp,
        "usage: xxgk sum [--to FORMAT] [-o FILE] [--lang zh|en] [-j N] FILE...\n\n"
        "Add reports of one template into one report (a region's or a system's total) and\n"
        "check the total. FILE may be a report, a directory (walked recursively, in sorted\n"
        "order, for .json .csv .txt .md files) or '-' for standard input; a long CSV with a\n"
        "`report` column (a province's reports in one file) adds all of its reports.\n\n"
        "Blank cells and tokens (\"-\", \"/\") add nothing: a cell blank in every report stays\n"
        "blank, and a cell that only some reports give as a number is named in a SUM.PARTIAL\n"
        "warning. The year is kept when all reports agree; agency and title are left empty.\n\n"
        "  --to FORMAT     json (the default), csv, csv-wide, text, markdown or html\n"
        "  -o FILE         write the total to FILE instead of standard output (never one of\n"
        "                  the inputs)\n"
        "  --lang zh|en    language of the findings (default zh)\n"
        "  -j N, --jobs N  N parallel readers (default: the number of cores)\n\n"
        "The total's findings go to standard error, then a summary line. Nothing is written\n"
        "when an input cannot be read or is of another template.\n"
        "Exit status: 0 the total has no error finding, 1 it has, 2 an input could not be\n"
        "read or added (another template, an overflow) or bad usage.\n\n"
        "  xxgk sum -o city-2023.json districts/2023/\n"
        "  xxgk sum --to csv-wide a.json b.json c.txt > total.csv\n");
}

typedef struct {
    cli_source src; /* opened (a one-report file is already read) by a worker */
    int opened;
    strbuf err;
} sum_item;

typedef struct {
    const cli_inputs *in;
    xxgk_sum *acc;
    size_t added, failed;
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
    int err;
    if (input->error)
        sb_printf(&it->err, "%s: %s\n", input->path, input->error);
    else if (cli_source_open(&it->src, input->path, &err) != 0) {
        if (err)
            sb_printf(&it->err, "-: cannot read standard input: %s\n", strerror(err));
        else
            cli_error_sb(&it->err, input->path);
        cli_source_close(&it->src);
    } else {
        it->opened = 1;
    }
    return it;
}

/* Add the reports of one input (a long CSV may hold many), in order. */
static void add_source(sum_ctx *c, cli_source *src, const char *file)
{
    for (;;) {
        xxgk_report *r;
        int rc = cli_source_next(src, &r);
        if (rc == 1)
            return;
        if (rc != 0) {
            progress_clear(&c->prog);
            cli_error(file);
            c->failed++;
            return;
        }
        if (!c->acc && xxgk_sum_new(&c->acc, NULL) != 0) {
            progress_clear(&c->prog);
            fprintf(stderr, "%s: out of memory\n", file);
            c->failed++;
        } else if (xxgk_sum_add(c->acc, r) != 0) {
            progress_clear(&c->prog);
            const char *id = cli_source_report_id(src);
            fprintf(stderr, "%s%s%s: %s\n", file, id[0] ? " report " : "", id,
                    cli_strip_file(xxgk_error_message(), file));
            c->failed++;
        } else {
            c->added++;
        }
        xxgk_report_free(r);
        if (c->failed)
            return;
    }
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
    } else if (!it->opened) {
        progress_clear(&c->prog);
        fwrite(it->err.s, 1, it->err.len, stderr);
        c->failed++;
    } else if (!c->failed) { /* after a failure the total is not written: stop adding */
        add_source(c, &it->src, file);
    }
    if (it) {
        cli_source_close(&it->src);
        sb_free(&it->err);
        free(it);
    }
    progress_step(&c->prog);
}

int cmd_sum(int argc, char **argv)
{
    const char *to = "json", *output = NULL;
    int lang = LANG_ZH, jobs = cli_default_jobs();
    char **files = calloc((size_t)argc, sizeof *files);
    size_t nfiles = 0;
    if (!files) {
        fprintf(stderr, "xxgk sum: out of memory\n");
        return EXIT_TROUBLE;
    }
    int status = EXIT_TROUBLE;
    for (int i = 1; i < argc; i++) {
        const char *v = NULL;
        int m;
        if ((m = cli_opt(argc, argv, &i, "--to", &v, "sum")) != 0 ||
            (m = cli_opt(argc, argv, &i, "-t", &v, "sum")) != 0) {
            if (m < 0)
                goto done;
            to = v;
        } else if ((m = cli_opt(argc, argv, &i, "-o", &v, "sum")) != 0) {
            if (m < 0)
                goto done;
            output = v;
        } else if ((m = cli_opt(argc, argv, &i, "--lang", &v, "sum")) != 0) {
            if (m < 0 || (lang = cli_parse_lang(v, "sum")) < 0)
                goto done;
        } else if ((m = cli_opt(argc, argv, &i, "-j", &v, "sum")) != 0 ||
                   (m = cli_opt(argc, argv, &i, "--jobs", &v, "sum")) != 0) {
            if (m < 0 || (jobs = cli_parse_jobs(v, "sum")) < 0)
                goto done;
        } else if ((m = cli_file_arg(argc, argv, &i, files, &nfiles, "sum")) != 0) {
            if (m == CLI_ARG_HELP) {
                usage(stdout);
                status = EXIT_CLEAN;
            }
            goto done;
        }
    }
    int format;
    if (xxgk_format_from_name(&format, to) != 0 || format == XXGK_FORMAT_AUTO) {
        fprintf(stderr, "xxgk sum: unknown output format '%s' (json, csv, csv-wide, text, markdown, "
                        "html)\n", to);
        goto done;
    }
    if (nfiles == 0) {
        fprintf(stderr, "xxgk sum: no input file (see xxgk sum --help)\n");
        goto done;
    }
    cli_inputs in;
    if (cli_inputs_expand(&in, files, nfiles) != 0)
        goto done;
    sum_ctx c = { 0 };
    xxgk_report *total = NULL;
    xxgk_findings *f = NULL;
    xxgk_write_options *wo = NULL;
    char *text = NULL;
    size_t len = 0;
    if (output && strcmp(output, "-") != 0) {
        for (size_t i = 0; i < in.count; i++)
            if (!strcmp(output, in.items[i].path) || cli_same_file(output, in.items[i].path)) {
                fprintf(stderr, "xxgk sum: refusing to overwrite the input file '%s'\n",
                        in.items[i].path);
                goto cleanup;
            }
    }
    c.in = &in;
    progress_start(&c.prog, in.count);
    cli_run_ordered(in.count, jobs, read_one, add_one, &c);
    progress_clear(&c.prog);
    if (c.failed || !c.acc) {
        fprintf(stderr, lang == LANG_EN ? "xxgk sum: %zu of %zu files could not be added; nothing written\n"
                                        : "xxgk sum: %zu/%zu 个文件无法相加，未输出合计\n",
                c.failed, in.count);
        goto cleanup;
    }
    if (xxgk_sum_finish(&total, c.acc) != 0 || xxgk_check(&f, total, NULL) != 0 ||
        xxgk_write_options_new(&wo) != 0 || xxgk_write_options_set_format(wo, format) != 0 ||
        xxgk_write_options_set_lang(wo, lang == LANG_EN ? "en" : "zh") != 0 ||
        xxgk_report_write(&text, &len, total, wo) != 0) {
        fprintf(stderr, "xxgk sum: %s\n", xxgk_error_message()[0] ? xxgk_error_message()
                                                                 : xxgk_strerror(xxgk_error_code()));
        goto cleanup;
    }
    strbuf msgs = STRBUF_INIT;
    const char *label = lang == LANG_EN ? "(sum)" : "（合计）";
    for (size_t i = 0, n = xxgk_findings_count(f); i < n; i++)
        cli_finding_line(&msgs, label, f, i, lang);
    if (msgs.len)
        fwrite(msgs.s, 1, msgs.len, stderr);
    sb_free(&msgs);
    size_t errors = xxgk_findings_count_severity(f, XXGK_SEVERITY_ERROR);
    size_t warnings = xxgk_findings_count_severity(f, XXGK_SEVERITY_WARNING);
    if (lang == LANG_EN)
        fprintf(stderr, "files %zu, reports %zu, errors %zu, warnings %zu, unreadable 0\n", in.count,
                c.added, errors, warnings);
    else
        fprintf(stderr, "文件 %zu，报告 %zu，错误 %zu，警告 %zu，无法读取 0\n", in.count, c.added, errors,
                warnings);
    if (cli_write_output(output, text, len, "sum") == 0)
        status = errors ? EXIT_FINDINGS : EXIT_CLEAN;
cleanup:
    xxgk_free(text);
    xxgk_write_options_free(wo);
    xxgk_findings_free(f);
    xxgk_report_free(total);
    xxgk_sum_free(c.acc);
    cli_inputs_free(&in);
done:
    free(files);
    return status;
}
