/* SPDX-License-Identifier: MIT */
/* xxgk template: an empty report to fill in. */
#include "cli.h"

#include <string.h>

static const cli_option template_options[] = {
    CLI_OPT_TEMPLATE,
    CLI_ONE_OF('t', "to", "FORMAT", to, cli_formats_out, "the format to write (default json)"),
    CLI_STRING('o', "output", "FILE", output, COMPLETE_FILE,
               "write to FILE instead of standard output"),
    CLI_FLAG(0, "no-bom", no_bom,
             "csv-wide: no UTF-8 byte order mark at the start (spreadsheets need it to read the Chinese)"),
    CLI_OPT_LANG,
    CLI_END,
};

static const cli_example template_examples[] = {
    { "xxgk template > report.json", NULL },
    { "xxgk template --template 2019 --to csv-wide -o report.csv", "a spreadsheet to fill in" },
    { NULL, NULL },
};

static int cmd_template(const cli_args *a);

const cli_command cli_cmd_template = {
    "template", cmd_template, "an empty report to fill in, in any format", "", 0, 0, COMPLETE_NONE,
    "Write an empty report of a template (every cell blank, year unknown) to fill in:\n"
    "json, csv, csv-wide (the tables as printed, for a spreadsheet), text or markdown,\n"
    "which all read back with every other command once filled in, or html (for printing).",
    template_options, NULL, template_examples,
};

static int cmd_template(const cli_args *a)
{
    const xxgk_template *t = a->template_id ? xxgk_template_get(a->template_id) : xxgk_template_default();
    if (!t) {
        fprintf(stderr, "xxgk template: unknown template '%s' (known: 2021, 2019)\n", a->template_id);
        return EXIT_TROUBLE;
    }
    int format = XXGK_FORMAT_JSON;
    if (a->to)
        xxgk_format_from_name(&format, a->to);
    xxgk_report *r = NULL;
    xxgk_write_options *wo = NULL;
    char *text = NULL;
    size_t len = 0;
    int status = EXIT_TROUBLE;
    if (xxgk_report_new(&r, t) != 0 || xxgk_write_options_new(&wo) != 0 ||
        xxgk_write_options_set_format(wo, format) != 0 ||
        xxgk_write_options_set_lang(wo, a->lang == LANG_EN ? "en" : "zh") != 0 ||
        xxgk_write_options_set_bom(wo, !a->no_bom) != 0 ||
        xxgk_report_write(&text, &len, r, wo) != 0) {
        fprintf(stderr, "xxgk template: %s\n", xxgk_error_message()[0] ? xxgk_error_message()
                                                                      : xxgk_strerror(xxgk_error_code()));
    } else if (cli_write_output(a->output, text, len, "template") == 0) {
        status = EXIT_CLEAN;
    }
    xxgk_free(text);
    xxgk_write_options_free(wo);
    xxgk_report_free(r);
    return status;
}
