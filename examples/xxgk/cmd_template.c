/* SPDX-License-Identifier: MIT */
/* xxgk template: an empty report to fill in. */
#include "cli.h"

#include <string.h>

static void usage(FILE *fp)
{
    fprintf(fp,
        "usage: xxgk template [--template 2021|2019] [--to FORMAT] [--lang zh|en] [-o FILE]\n\n"
        "Write an empty report of a template (every cell blank, year unknown) to fill in:\n"
        "FORMAT is json (the default), csv, csv-wide (the tables as printed, for a\n"
        "spreadsheet), text or markdown, which all read back with every other command once\n"
        "filled in, or html (for printing).\n\n"
        "  xxgk template > report.json\n"
        "  xxgk template --template 2019 --to csv-wide -o report.csv\n");
}

int cmd_template(int argc, char **argv)
{
    const char *id = NULL, *to = "json", *output = NULL;
    const char *lang = "zh";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        int m;
        if ((m = cli_opt(argc, argv, &i, "--template", &v, "template")) != 0) {
            if (m < 0)
                return EXIT_TROUBLE;
            id = v;
        } else if ((m = cli_opt(argc, argv, &i, "--to", &v, "template")) != 0 ||
                   (m = cli_opt(argc, argv, &i, "-t", &v, "template")) != 0) {
            if (m < 0)
                return EXIT_TROUBLE;
            to = v;
        } else if ((m = cli_opt(argc, argv, &i, "-o", &v, "template")) != 0) {
            if (m < 0)
                return EXIT_TROUBLE;
            output = v;
        } else if ((m = cli_opt(argc, argv, &i, "--lang", &v, "template")) != 0) {
            if (m < 0 || cli_parse_lang(v, "template") < 0)
                return EXIT_TROUBLE;
            lang = v;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return EXIT_CLEAN;
        } else {
            fprintf(stderr, "xxgk template: unknown argument '%s' (see xxgk template --help)\n", a);
            return EXIT_TROUBLE;
        }
    }
    const xxgk_template *t = id ? xxgk_template_get(id) : xxgk_template_default();
    if (!t) {
        fprintf(stderr, "xxgk template: unknown template '%s' (known: 2021, 2019)\n", id);
        return EXIT_TROUBLE;
    }
    int format;
    if (xxgk_format_from_name(&format, to) != 0 || format == XXGK_FORMAT_AUTO) {
        fprintf(stderr, "xxgk template: unknown output format '%s' (json, csv, csv-wide, text, "
                        "markdown, html)\n", to);
        return EXIT_TROUBLE;
    }
    xxgk_report *r = NULL;
    xxgk_write_options *wo = NULL;
    char *text = NULL;
    size_t len = 0;
    int status = EXIT_TROUBLE;
    if (xxgk_report_new(&r, t) != 0 || xxgk_write_options_new(&wo) != 0 ||
        xxgk_write_options_set_format(wo, format) != 0 || xxgk_write_options_set_lang(wo, lang) != 0 ||
        xxgk_report_write(&text, &len, r, wo) != 0) {
        fprintf(stderr, "xxgk template: %s\n", xxgk_error_message()[0] ? xxgk_error_message()
                                                                      : xxgk_strerror(xxgk_error_code()));
    } else if (cli_write_output(output, text, len, "template") == 0) {
        status = EXIT_CLEAN;
    }
    xxgk_free(text);
    xxgk_write_options_free(wo);
    xxgk_report_free(r);
    return status;
}
