/* SPDX-License-Identifier: MIT */
/* xxgk diff: the cells that differ between two reports, and year-over-year findings. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const char *const diff_formats[] = { "text", "json", NULL };

static const cli_option diff_options[] = {
    CLI_CHOICE(0, "format", format, diff_formats, "text (the default) or json (see below)"),
    CLI_OPT_LANG,
    CLI_OPT_FROM,
    CLI_FLAG('q', "quiet", quiet, "no output at all, only the exit status (as cmp -s)"),
    CLI_OPT_COLOR,
    CLI_END,
};

static const cli_example diff_examples[] = {
    { "xxgk diff draft.json final.json", NULL },
    { "xxgk diff --lang en 2022.json 2023.txt", "what changed, and last year checked against this one" },
    { "xxgk diff -q a.json b.json || echo differ", "only the exit status" },
    { NULL, NULL },
};

static int cmd_diff(const cli_args *a);

const cli_command cli_cmd_diff = {
    "diff", cmd_diff, "the cells that differ between two reports; year over year",
    "A B", 2, 2, COMPLETE_FILE,
    "Compare two reports cell by cell (templates may differ: cells are matched by path).\n"
    "Each difference is a line B[:LINE:COLUMN]: info DIFF.CELL: PATH: A's and B's values\n"
    "(DIFF.META for year, agency and title, DIFF.SECTION for a narrative section).\n"
    "When B's year follows A's, B is also checked against A as last year's report and the\n"
    "year-over-year findings (YOY.*) follow, as in xxgk check.",
    diff_options,
    "--format json writes one document: {\"xxgk\": 1, \"a\", \"b\", \"differences\": [{\"rule\",\n"
    "\"cell\", \"a\", \"b\", \"message\", \"message_en\"}], \"yoy\": null or [findings as in\n"
    "xxgk check --format json]}.\n"
    "\n"
    "A summary (differences, errors, warnings) goes to standard error.\n"
    "Exit status: 0 the reports are the same, 1 they differ (as diff and cmp) or a\n"
    "year-over-year finding is an error, 2 a file could not be read or bad usage.",
    diff_examples,
};

static void diff_json(strbuf *b, const xxgk_findings *f, size_t i)
{
    sb_puts(b, "{\"rule\": ");
    sb_json_str(b, xxgk_finding_rule(f, i));
    sb_puts(b, ", \"cell\": ");
    sb_json_str(b, xxgk_finding_cell_count(f, i) ? xxgk_finding_cell(f, i, 0) : "");
    sb_puts(b, ", \"a\": ");
    sb_json_str(b, xxgk_finding_expected(f, i));
    sb_puts(b, ", \"b\": ");
    sb_json_str(b, xxgk_finding_actual(f, i));
    sb_puts(b, ", \"message\": ");
    cli_finding_message(b, f, i, LANG_ZH, 1);
    sb_puts(b, ", \"message_en\": ");
    cli_finding_message(b, f, i, LANG_EN, 1);
    sb_puts(b, "}");
}

static int cmd_diff(const cli_args *args)
{
    const char *const *files = (const char *const *)args->args;
    int json = args->format == 1, lang = args->lang;
    if (!strcmp(files[0], "-") && !strcmp(files[1], "-")) {
        fprintf(stderr, "xxgk diff: only one of A and B can be standard input\n");
        return EXIT_TROUBLE;
    }
    cli_readopts ro;
    if (cli_readopts_init(&ro, args) != 0)
        return EXIT_TROUBLE;
    xxgk_report *a = NULL, *b = NULL;
    xxgk_findings *d = NULL, *yoy = NULL;
    strbuf out = STRBUF_INIT;
    int status = EXIT_TROUBLE;
    int ra = cli_read_one(&a, files[0], &ro);
    int rb = cli_read_one(&b, files[1], &ro);
    if (ra || rb)
        goto done;
    int ya = xxgk_report_year(a), yb = xxgk_report_year(b);
    if (xxgk_report_diff(&d, a, b) != 0 ||
        (ya && yb == ya + 1 && xxgk_check_previous(&yoy, b, a, NULL) != 0)) {
        fprintf(stderr, "xxgk diff: %s\n", xxgk_strerror(xxgk_error_code()));
        goto done;
    }
    size_t nd = xxgk_findings_count(d);
    size_t errors = yoy ? xxgk_findings_count_severity(yoy, XXGK_SEVERITY_ERROR) : 0;
    size_t warnings = yoy ? xxgk_findings_count_severity(yoy, XXGK_SEVERITY_WARNING) : 0;
    if (json) {
        sb_puts(&out, "{\"xxgk\": 1, \"a\": ");
        sb_json_str(&out, files[0]);
        sb_puts(&out, ", \"b\": ");
        sb_json_str(&out, files[1]);
        sb_puts(&out, ", \"differences\": [");
        for (size_t i = 0; i < nd; i++) {
            sb_puts(&out, i ? ",\n  " : "\n  ");
            diff_json(&out, d, i);
        }
        sb_puts(&out, nd ? "\n], \"yoy\": " : "], \"yoy\": ");
        if (!yoy) {
            sb_puts(&out, "null");
        } else {
            size_t ny = xxgk_findings_count(yoy);
            sb_puts(&out, "[");
            for (size_t i = 0; i < ny; i++) {
                sb_puts(&out, i ? ",\n  " : "\n  ");
                cli_finding_json(&out, yoy, i);
            }
            sb_puts(&out, ny ? "\n]" : "]");
        }
        sb_puts(&out, "}\n");
    } else {
        for (size_t i = 0; i < nd; i++)
            cli_finding_line(&out, files[1], d, i, lang, args->color_out);
        for (size_t i = 0, n = yoy ? xxgk_findings_count(yoy) : 0; i < n; i++)
            cli_finding_line(&out, files[1], yoy, i, lang, args->color_out);
    }
    if (out.failed) {
        fprintf(stderr, "xxgk diff: out of memory\n");
        goto done;
    }
    if (!args->quiet) {
        cli_stdout_put(out.s ? out.s : "", out.len);
        if (lang == LANG_EN)
            fprintf(stderr, "differences %zu, errors %zu, warnings %zu%s\n", nd, errors, warnings,
                    yoy ? "" : " (no year-over-year check: B's year does not follow A's)");
        else
            fprintf(stderr, "差异 %zu，错误 %zu，警告 %zu%s\n", nd, errors, warnings,
                    yoy ? "" : "（B 的年度不是 A 的下一年，未做跨年核对）");
    }
    status = errors || nd ? EXIT_FINDINGS : EXIT_CLEAN;
done:
    cli_readopts_free(&ro);
    sb_free(&out);
    xxgk_findings_free(d);
    xxgk_findings_free(yoy);
    xxgk_report_free(a);
    xxgk_report_free(b);
    return status;
}
