/* SPDX-License-Identifier: MIT */
/* xxgk — check, convert, add up and compare 政府信息公开工作年度报告. */
#include "cli.h"

#include <string.h>

static const struct {
    const char *name;
    int (*run)(int, char **);
    const char *summary;
} commands[] = {
    { "check", cmd_check, "check reports against the consistency rules (files or directories)" },
    { "convert", cmd_convert, "convert a report between JSON, CSV, text, Markdown and HTML" },
    { "sum", cmd_sum, "add reports of one template into one (a region's total) and check it" },
    { "diff", cmd_diff, "the cells that differ between two reports, and year-over-year findings" },
    { "template", cmd_template, "an empty report to fill in, in any format" },
    { "rules", cmd_rules, "list the consistency rules of a template" },
    { "paths", cmd_paths, "list the cells of a template (path and label)" },
};

static void usage(FILE *fp)
{
    fprintf(fp, "usage: xxgk COMMAND [OPTIONS] [FILE...]\n\n"
                "Check, convert, add up and compare 政府信息公开工作年度报告 (annual reports on\n"
                "government information disclosure).\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(fp, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(fp, "\nexamples:\n"
                "  xxgk check report.txt                   check one report before publishing it\n"
                "  xxgk check -j 2 --format ndjson dir/    check every report under dir/, one JSON\n"
                "                                          line per file, in parallel\n"
                "  xxgk check --previous 2022.json 2023.json   also check against last year\n"
                "  xxgk sum -o total.json dir/             add up a region's reports, check the total\n"
                "  xxgk diff 2022.json 2023.json           what changed, and year-over-year findings\n"
                "  xxgk template --to csv-wide -o new.csv  an empty report to fill in\n"
                "  xxgk convert --to html --highlight -o r.html r.json   publish, errors marked\n"
                "  xxgk rules --lang en                    the consistency rules checked\n\n"
                "FILE may be a report (.json .csv .txt .md), a directory (walked recursively, in\n"
                "sorted order) or '-' for standard input. Every command takes --lang zh|en (language\n"
                "of messages, default zh); check and sum take -j N (parallel workers, default: the\n"
                "number of cores; output in input order whatever N); -o FILE never overwrites one\n"
                "of the inputs.\n\n"
                "'xxgk help COMMAND' or 'xxgk COMMAND --help' explains a command, with examples.\n"
                "'xxgk --version' prints the version.\n"
                "Exit status: 0 clean, 1 error findings, 2 unreadable input or bad usage.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_TROUBLE;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help")) {
        usage(stdout);
        return EXIT_CLEAN;
    }
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V")) {
        printf("xxgk %s\n", xxgk_version());
        return EXIT_CLEAN;
    }
    if (!strcmp(cmd, "help")) {
        if (argc < 3) {
            usage(stdout);
            return EXIT_CLEAN;
        }
        cmd = argv[2];
        for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
            if (!strcmp(commands[i].name, cmd)) {
                char *args[] = { argv[2], "--help", NULL };
                return commands[i].run(2, args);
            }
        fprintf(stderr, "xxgk: unknown command '%s'\n", cmd);
        return EXIT_TROUBLE;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(commands[i].name, cmd))
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "xxgk: unknown command '%s'\n\n", cmd);
    usage(stderr);
    return EXIT_TROUBLE;
}
