/* SPDX-License-Identifier: MIT */
/* xxgk check: check reports (one, or a directory of ten thousand, in parallel). */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

enum { FMT_TEXT, FMT_JSON, FMT_NDJSON };

static void usage(FILE *fp)
{
    fprintf(fp,
        "usage: xxgk check [--format text|json|ndjson] [--lang zh|en] [--blank-as-zero]\n"
        "                  [--previous FILE] [-j N] FILE...\n\n"
        "Check reports against the consistency rules of their template (勾稽关系) and print\n"
        "the findings, together with what the reader could not place. FILE may be a report\n"
        "(.json, .csv, .txt, .md, .html), a directory (walked recursively, in sorted order, for\n"
        ".json .csv .txt .md files) or '-' for standard input. A long CSV with a `report`\n"
        "column holds many reports: each is checked, and its JSON object has \"report\": ID.\n\n"
        "  --format text     one line per finding, FILE:LINE:COLUMN: severity RULE: message\n"
        "                    (the default)\n"
        "  --format json     one JSON document: {\"xxgk\": 1, \"files\": [{\"file\", \"template\",\n"
        "                    \"year\", \"agency\", \"errors\", \"warnings\", \"findings\": [...]}]};\n"
        "                    an unreadable file is {\"file\", \"error\": {\"message\", \"line\", \"column\"}}\n"
        "  --format ndjson   the same objects, one per line, streamed as files finish\n"
        "  --lang zh|en      language of the messages and of the summary (default zh)\n"
        "  --blank-as-zero   read blank cells as 0, so that identities with blanks are checked\n"
        "  --previous FILE   also check against last year's report (YOY.* rules)\n"
        "  -j N, --jobs N    N parallel workers (default: the number of cores); the output is\n"
        "                    in input order whatever N\n\n"
        "A summary (files, errors, warnings, unreadable) goes to standard error; with more than\n"
        "20 files and standard error on a terminal, a progress bar too.\n"
        "Exit status: 0 no error finding, 1 some error finding, 2 a file could not be read\n"
        "or bad usage.\n\n"
        "  xxgk check report.json\n"
        "  xxgk check --lang en --previous 2022.json 2023.txt\n"
        "  xxgk check -j 4 --format ndjson reports/ > findings.ndjson\n"
        "  cat report.txt | xxgk check -\n");
}

typedef struct {
    strbuf out, err;
    size_t errors, warnings;
    size_t objects; /* JSON objects in out: a file may hold several reports */
    size_t reports;
    int unreadable;
} check_result;

typedef struct {
    const cli_inputs *in;
    int format, lang;
    const xxgk_check_options *co;
    const xxgk_report *prev;
    xxgk_findings **scratch; /* one reusable findings list per worker */
    size_t files, reports, errors, warnings, unreadable;
    int out_failed;
    size_t printed; /* JSON objects printed */
    int multi;      /* some file held several reports */
    cli_progress prog;
} check_ctx;

/* Start the next JSON object of a result: objects of one file are separated like files. */
static void begin_object(check_result *res, const check_ctx *c, const char *file, const char *id)
{
    if (res->objects++)
        sb_puts(&res->out, c->format == FMT_JSON ? ",\n  " : "\n");
    sb_puts(&res->out, "{\"file\": ");
    sb_json_str(&res->out, file);
    if (id && id[0]) {
        sb_puts(&res->out, ", \"report\": ");
        sb_json_str(&res->out, id);
    }
}

static void unreadable(check_result *res, const check_ctx *c, const char *file, const char *id,
                       const char *msg, long line, long col)
{
    res->unreadable = 1;
    msg = cli_strip_file(msg, file);
    if (line > 0)
        sb_printf(&res->err, "%s:%ld:%ld: %s\n", file, line, col, msg);
    else
        sb_printf(&res->err, "%s: %s\n", file, msg);
    if (c->format == FMT_TEXT)
        return;
    begin_object(res, c, file, id);
    sb_puts(&res->out, ", \"error\": {\"message\": ");
    sb_json_str(&res->out, msg);
    if (line > 0)
        sb_printf(&res->out, ", \"line\": %ld, \"column\": %ld", line, col);
    sb_puts(&res->out, "}}");
}

static void unreadable_lib(check_result *res, const check_ctx *c, const char *file, const char *id)
{
    unreadable(res, c, file, id, xxgk_error_message(), xxgk_error_line(), xxgk_error_column());
}

static void add_findings(strbuf *b, size_t *errors, size_t *warnings, const check_ctx *c,
                         const char *file, const xxgk_findings *f)
{
    size_t n = xxgk_findings_count(f);
    *errors += xxgk_findings_count_severity(f, XXGK_SEVERITY_ERROR);
    *warnings += xxgk_findings_count_severity(f, XXGK_SEVERITY_WARNING);
    for (size_t i = 0; i < n; i++) {
        if (c->format == FMT_TEXT) {
            cli_finding_line(b, file, f, i, c->lang);
        } else {
            if (b->len)
                sb_puts(b, ", ");
            cli_finding_json(b, f, i);
        }
    }
}

/* Check one report of `file` into res. 0, or -1 when it could not be checked. */
static int check_report(check_result *res, const check_ctx *c, xxgk_findings *f, const char *file,
                        const char *id, const xxgk_report *r)
{
    xxgk_findings *yoy = NULL;
    if (xxgk_check_into(f, r, c->co) != 0 ||
        (c->prev && xxgk_check_previous(&yoy, r, c->prev, c->co) != 0)) {
        char msg[300];
        snprintf(msg, sizeof msg, "cannot check: %s", xxgk_strerror(xxgk_error_code()));
        unreadable(res, c, file, id, msg, 0, 0);
        return -1;
    }
    /* the counts come before the findings in JSON: format the findings first */
    strbuf list = STRBUF_INIT;
    size_t errors = 0, warnings = 0;
    add_findings(&list, &errors, &warnings, c, file, f);
    if (yoy)
        add_findings(&list, &errors, &warnings, c, file, yoy);
    xxgk_findings_free(yoy);
    res->errors += errors;
    res->warnings += warnings;
    res->reports++;
    if (c->format != FMT_TEXT) {
        int year = xxgk_report_year(r);
        begin_object(res, c, file, id);
        sb_puts(&res->out, ", \"template\": ");
        sb_json_str(&res->out, xxgk_template_id(xxgk_report_template(r)));
        if (year)
            sb_printf(&res->out, ", \"year\": %d", year);
        else
            sb_puts(&res->out, ", \"year\": null");
        sb_puts(&res->out, ", \"agency\": ");
        sb_json_str(&res->out, xxgk_report_agency(r));
        sb_printf(&res->out, ", \"errors\": %zu, \"warnings\": %zu, \"findings\": [", errors,
                  warnings);
    }
    if (list.len)
        sb_putn(&res->out, list.s, list.len);
    if (c->format != FMT_TEXT)
        sb_puts(&res->out, "]}");
    res->out.failed |= list.failed;
    sb_free(&list);
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
    if (input->error) {
        unreadable(res, c, file, NULL, input->error, 0, 0);
        return res;
    }
    cli_source src;
    int err;
    if (cli_source_open(&src, file, &err) != 0) {
        if (err) {
            char msg[256];
            snprintf(msg, sizeof msg, "cannot read standard input: %s", strerror(err));
            unreadable(res, c, file, NULL, msg, 0, 0);
        } else {
            unreadable_lib(res, c, file, NULL);
        }
        cli_source_close(&src);
        return res;
    }
    for (;;) {
        xxgk_report *r;
        int rc = cli_source_next(&src, &r);
        if (rc == 1)
            break;
        if (rc != 0) {
            unreadable_lib(res, c, file, NULL);
            break;
        }
        rc = check_report(res, c, c->scratch[worker], file, cli_source_report_id(&src), r);
        xxgk_report_free(r);
        if (rc != 0)
            break;
    }
    cli_source_close(&src);
    return res;
}

static void emit_one(void *arg, size_t idx, void *result)
{
    check_ctx *c = arg;
    check_result *res = result;
    c->files++;
    if (!res || res->out.failed || res->err.failed) {
        progress_clear(&c->prog);
        fprintf(stderr, "%s: out of memory\n", c->in->items[idx].path);
        c->unreadable++;
    } else {
        c->reports += res->reports;
        c->multi |= res->reports > 1;
        c->errors += res->errors;
        c->warnings += res->warnings;
        c->unreadable += (size_t)res->unreadable;
        if (res->err.len || res->out.len)
            progress_clear(&c->prog); /* standard output may be the same terminal */
        if (res->err.len)
            fwrite(res->err.s, 1, res->err.len, stderr);
        if (c->format == FMT_JSON && res->out.len)
            fputs(c->printed++ ? ",\n  " : "\n  ", stdout);
        if (res->out.len && fwrite(res->out.s, 1, res->out.len, stdout) != res->out.len)
            c->out_failed = 1;
        if (c->format == FMT_NDJSON && res->out.len) {
            putchar('\n');
            if (fflush(stdout) != 0) /* streamed: a pipeline sees each file as it is done */
                c->out_failed = 1;
        }
    }
    if (res) {
        sb_free(&res->out);
        sb_free(&res->err);
        free(res);
    }
    progress_step(&c->prog);
}

int cmd_check(int argc, char **argv)
{
    check_ctx c = { 0 };
    const char *previous = NULL;
    int blank_as_zero = 0, jobs = cli_default_jobs();
    char **files = calloc((size_t)argc, sizeof *files);
    size_t nfiles = 0;
    if (!files) {
        fprintf(stderr, "xxgk check: out of memory\n");
        return EXIT_TROUBLE;
    }
    int status = EXIT_TROUBLE;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        int m;
        if ((m = cli_opt(argc, argv, &i, "--format", &v, "check")) != 0) {
            if (m < 0)
                goto done;
            if (!strcmp(v, "text")) c.format = FMT_TEXT;
            else if (!strcmp(v, "json")) c.format = FMT_JSON;
            else if (!strcmp(v, "ndjson")) c.format = FMT_NDJSON;
            else {
                fprintf(stderr, "xxgk check: unknown format '%s' (expected text, json or ndjson)\n", v);
                goto done;
            }
        } else if ((m = cli_opt(argc, argv, &i, "--lang", &v, "check")) != 0) {
            if (m < 0 || (c.lang = cli_parse_lang(v, "check")) < 0)
                goto done;
        } else if ((m = cli_opt(argc, argv, &i, "--previous", &v, "check")) != 0) {
            if (m < 0)
                goto done;
            previous = v;
        } else if ((m = cli_opt(argc, argv, &i, "-j", &v, "check")) != 0 ||
                   (m = cli_opt(argc, argv, &i, "--jobs", &v, "check")) != 0) {
            if (m < 0 || (jobs = cli_parse_jobs(v, "check")) < 0)
                goto done;
        } else if (!strcmp(a, "--blank-as-zero")) {
            blank_as_zero = 1;
        } else if ((m = cli_file_arg(argc, argv, &i, files, &nfiles, "check")) != 0) {
            if (m == CLI_ARG_HELP) {
                usage(stdout);
                status = EXIT_CLEAN;
            }
            goto done;
        }
    }
    if (nfiles == 0) {
        fprintf(stderr, "xxgk check: no input file (see xxgk check --help)\n");
        goto done;
    }
    cli_inputs in;
    if (cli_inputs_expand(&in, files, nfiles) != 0)
        goto done;
    xxgk_check_options *co = NULL;
    xxgk_report *prev = NULL;
    c.scratch = calloc((size_t)jobs, sizeof *c.scratch);
    int ok = c.scratch && xxgk_check_options_new(&co) == 0 &&
             xxgk_check_options_set_blank_as_zero(co, blank_as_zero) == 0;
    for (int w = 0; ok && w < jobs; w++)
        ok = xxgk_findings_new(&c.scratch[w]) == 0;
    if (!ok) {
        fprintf(stderr, "xxgk check: out of memory\n");
    } else if (previous && cli_read(&prev, previous, NULL) != 0) {
        /* cli_read said why */
    } else {
        c.in = &in;
        c.co = co;
        c.prev = prev;
        progress_start(&c.prog, in.count);
        if (c.format == FMT_JSON)
            fputs("{\"xxgk\": 1, \"files\": [", stdout);
        cli_run_ordered(in.count, jobs, check_one, emit_one, &c);
        if (c.format == FMT_JSON)
            fputs(c.printed ? "\n]}\n" : "]}\n", stdout);
        if (fflush(stdout) != 0)
            c.out_failed = 1;
        progress_clear(&c.prog);
        char reports[64] = "";
        if (c.multi)
            snprintf(reports, sizeof reports, c.lang == LANG_EN ? " (reports %zu)" : "（报告 %zu）",
                     c.reports);
        if (c.lang == LANG_EN)
            fprintf(stderr, "files %zu%s, errors %zu, warnings %zu, unreadable %zu\n", c.files,
                    reports, c.errors, c.warnings, c.unreadable);
        else
            fprintf(stderr, "文件 %zu%s，错误 %zu，警告 %zu，无法读取 %zu\n", c.files, reports,
                    c.errors, c.warnings, c.unreadable);
        if (c.out_failed)
            fprintf(stderr, "xxgk check: cannot write standard output\n");
        status = c.unreadable || c.out_failed ? EXIT_TROUBLE : c.errors ? EXIT_FINDINGS : EXIT_CLEAN;
    }
    for (int w = 0; c.scratch && w < jobs; w++)
        xxgk_findings_free(c.scratch[w]);
    free(c.scratch);
    xxgk_check_options_free(co);
    xxgk_report_free(prev);
    cli_inputs_free(&in);
done:
    free(files);
    return status;
}
