/* SPDX-License-Identifier: MIT */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static void usage(FILE *fp)
{
    fprintf(fp, "usage: xxgk convert --to FORMAT [-o OUTPUT] [--from FORMAT] [--strict]\n"
                "                    [--highlight] [--lang zh|en] FILE\n\n"
                "Read a report (JSON, CSV, plain text or Markdown; '-' = standard input) and write it\n"
                "in another format: json, csv, csv-wide, text, markdown, html. Output goes to standard\n"
                "output, or to OUTPUT with -o (never the input file itself).\n\n"
                "  --from FORMAT   read the input as FORMAT instead of detecting it\n"
                "  --strict        fail when the reader could not place something\n"
                "  --highlight     HTML: check the report and mark the cells the findings name,\n"
                "                  with their messages\n"
                "  --lang zh|en    language of generated words (default zh)\n\n"
                "  xxgk convert --to json report.txt\n"
                "  xxgk convert --to html --highlight -o report.html report.json\n");
}

int cmd_convert(int argc, char **argv)
{
    const char *to = NULL, *from = NULL, *output = NULL, *input = NULL;
    const char *lang = "zh";
    int strict = 0, highlight = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if ((!strcmp(a, "--to") || !strcmp(a, "-t")) && i + 1 < argc) to = argv[++i];
        else if (!strncmp(a, "--to=", 5)) to = a + 5;
        else if (!strcmp(a, "--from") && i + 1 < argc) from = argv[++i];
        else if (!strncmp(a, "--from=", 7)) from = a + 7;
        else if (!strcmp(a, "-o") && i + 1 < argc) output = argv[++i];
        else if (!strcmp(a, "--strict")) strict = 1;
        else if (!strcmp(a, "--highlight")) highlight = 1;
        else if ((!strcmp(a, "--lang") && i + 1 < argc) || !strncmp(a, "--lang=", 7)) {
            lang = a[6] == '=' ? a + 7 : argv[++i];
            if (cli_parse_lang(lang, "convert") < 0)
                return EXIT_TROUBLE;
        }
        else if (!strcmp(a, "-h") || !strcmp(a, "--help")) { usage(stdout); return EXIT_CLEAN; }
        else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "xxgk convert: unknown option '%s'\n", a);
            usage(stderr);
            return EXIT_TROUBLE;
        } else if (!input) input = a;
        else { fprintf(stderr, "xxgk convert: one input file at a time ('%s')\n", a); return EXIT_TROUBLE; }
    }
    if (!to || !input) {
        usage(stderr);
        return EXIT_TROUBLE;
    }
    int out_format, in_format = XXGK_FORMAT_AUTO;
    if (xxgk_format_from_name(&out_format, to) != 0 || out_format == XXGK_FORMAT_AUTO) {
        fprintf(stderr, "xxgk convert: unknown output format '%s'\n", to);
        return EXIT_TROUBLE;
    }
    if (highlight && out_format != XXGK_FORMAT_HTML) {
        fprintf(stderr, "xxgk convert: --highlight marks cells in HTML: use it with --to html\n");
        return EXIT_TROUBLE;
    }
    if (from && xxgk_format_from_name(&in_format, from) != 0) {
        fprintf(stderr, "xxgk convert: unknown input format '%s'\n", from);
        return EXIT_TROUBLE;
    }
    if (output && strcmp(output, "-") != 0 && (strcmp(output, input) == 0 || cli_same_file(output, input))) {
        fprintf(stderr, "xxgk convert: refusing to overwrite the input file '%s'\n", input);
        return EXIT_TROUBLE;
    }
    xxgk_parse_options *po = NULL;
    xxgk_write_options *wo = NULL;
    xxgk_report *r = NULL;
    xxgk_findings *f = NULL;
    int status = EXIT_TROUBLE;
    if (xxgk_parse_options_new(&po) || xxgk_write_options_new(&wo)) {
        fprintf(stderr, "xxgk convert: out of memory\n");
        goto done;
    }
    xxgk_parse_options_set_format(po, in_format);
    xxgk_parse_options_set_strict(po, strict);
    xxgk_write_options_set_format(wo, out_format);
    xxgk_write_options_set_lang(wo, lang);
    if (cli_read(&r, input, po) != 0)
        goto done;
    if (highlight) {
        if (xxgk_check(&f, r, NULL) != 0) {
            fprintf(stderr, "xxgk convert: cannot check %s: %s\n", input, xxgk_strerror(xxgk_error_code()));
            goto done;
        }
        xxgk_write_options_set_findings(wo, f);
    }
    char *text;
    size_t len;
    if (xxgk_report_write(&text, &len, r, wo) != 0) {
        cli_error(input);
        goto done;
    }
    FILE *fp = output && strcmp(output, "-") != 0 ? fopen(output, "wb") : stdout;
    if (!fp) {
        perror(output);
        xxgk_free(text);
        goto done;
    }
    size_t w = fwrite(text, 1, len, fp);
    int bad = w != len;
    if (fp != stdout)
        bad |= fclose(fp) != 0;
    else
        bad |= fflush(fp) != 0;
    xxgk_free(text);
    if (bad) {
        fprintf(stderr, "xxgk convert: cannot write %s\n", output ? output : "standard output");
        goto done;
    }
    status = EXIT_CLEAN;
done:
    xxgk_report_free(r);
    xxgk_parse_options_free(po);
    xxgk_write_options_free(wo);
    xxgk_findings_free(f);
    return status;
}
