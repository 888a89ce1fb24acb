/* SPDX-License-Identifier: MIT */
/* xxgk diff: the cells that differ between two reports, and year-over-year findings. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static void usage(FILE *fp)
{
    fprintf(fp,
        "usage: xxgk diff [--format text|json] [--lang zh|en] A B\n\n"
        "Compare two reports cell by cell (templates may differ: cells are matched by path).\n"
        "Each difference is a line B[:LINE:COLUMN]: info DIFF.CELL: PATH: A's and B's values\n"
        "(DIFF.META for year, agency and title, DIFF.SECTION for a narrative section).\n"
        "When B's year follows A's, B is also checked against A as last year's report and the\n"
        "year-over-year findings (YOY.*) follow, as in xxgk check.\n\n"
        "  --format json   one JSON document: {\"xxgk\": 1, \"a\", \"b\", \"differences\": [{\"rule\",\n"
        "                  \"cell\", \"a\", \"b\", \"message\", \"message_en\"}], \"yoy\": null or\n"
        "                  [findings as in xxgk check --format json]}\n"
        "  --lang zh|en    language of the messages (default zh)\n\n"
        "A summary (differences, errors, warnings) goes to standard error.\n"
        "Exit status: 0 no error finding (differences alone are not errors), 1 a year-over-year\n"
        "error finding, 2 a file could not be read or bad usage.\n\n"
        "  xxgk diff draft.json final.json\n"
        "  xxgk diff --lang en 2022.json 2023.txt\n");
}

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
    sb_json_str(b, xxgk_finding_message(f, i));
    sb_puts(b, ", \"message_en\": ");
    sb_json_str(b, xxgk_finding_message_en(f, i));
    sb_puts(b, "}");
}

int cmd_diff(int argc, char **argv)
{
    const char *files[2] = { NULL, NULL };
    int json = 0, lang = LANG_ZH, nfiles = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        int m;
        if ((m = cli_opt(argc, argv, &i, "--format", &v, "diff")) != 0) {
            if (m < 0)
                return EXIT_TROUBLE;
            if (!strcmp(v, "json")) json = 1;
            else if (!strcmp(v, "text")) json = 0;
            else {
                fprintf(stderr, "xxgk diff: unknown format '%s' (expected text or json)\n", v);
                return EXIT_TROUBLE;
            }
        } else if ((m = cli_opt(argc, argv, &i, "--lang", &v, "diff")) != 0) {
            if (m < 0 || (lang = cli_parse_lang(v, "diff")) < 0)
                return EXIT_TROUBLE;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return EXIT_CLEAN;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "xxgk diff: unknown option '%s' (see xxgk diff --help)\n", a);
            return EXIT_TROUBLE;
        } else if (nfiles < 2) {
            files[nfiles++] = a;
        } else {
            fprintf(stderr, "xxgk diff: two reports, A and B, are compared (found a third: '%s')\n", a);
            return EXIT_TROUBLE;
        }
    }
    if (nfiles != 2) {
        fprintf(stderr, "xxgk diff: two reports needed, A and B (see xxgk diff --help)\n");
        return EXIT_TROUBLE;
    }
    if (!strcmp(files[0], "-") && !strcmp(files[1], "-")) {
        fprintf(stderr, "xxgk diff: only one of A and B can be standard input\n");
        return EXIT_TROUBLE;
    }
    xxgk_report *a = NULL, *b = NULL;
    xxgk_findings *d = NULL, *yoy = NULL;
    strbuf out = STRBUF_INIT;
    int status = EXIT_TROUBLE;
    int ra = cli_read(&a, files[0], NULL);
    int rb = cli_read(&b, files[1], NULL);
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
            cli_finding_line(&out, files[1], d, i, lang);
        for (size_t i = 0, n = yoy ? xxgk_findings_count(yoy) : 0; i < n; i++)
            cli_finding_line(&out, files[1], yoy, i, lang);
    }
    if (out.failed) {
        fprintf(stderr, "xxgk diff: out of memory\n");
        goto done;
    }
    if (cli_write_output(NULL, out.s ? out.s : "", out.len, "diff") != 0)
        goto done;
    if (lang == LANG_EN)
        fprintf(stderr, "differences %zu, errors %zu, warnings %zu%s\n", nd, errors, warnings,
                yoy ? "" : " (no year-over-year check: B's year does not follow A's)");
    else
        fprintf(stderr, "差异 %zu，错误 %zu，警告 %zu%s\n", nd, errors, warnings,
                yoy ? "" : "（B 的年度不是 A 的下一年，未做跨年核对）");
    status = errors ? EXIT_FINDINGS : EXIT_CLEAN;
done:
    sb_free(&out);
    xxgk_findings_free(d);
    xxgk_findings_free(yoy);
    xxgk_report_free(a);
    xxgk_report_free(b);
    return status;
}
