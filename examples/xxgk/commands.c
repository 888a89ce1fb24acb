/* SPDX-License-Identifier: MIT */
/* The list of commands and the texts that --help and the man page share. */
#include "cli.h"

extern const cli_command cli_cmd_check, cli_cmd_convert, cli_cmd_sum, cli_cmd_diff,
    cli_cmd_template, cli_cmd_rules, cli_cmd_paths;

const cli_command *const cli_commands[] = {
    &cli_cmd_check, &cli_cmd_convert, &cli_cmd_sum, &cli_cmd_diff,
    &cli_cmd_template, &cli_cmd_rules, &cli_cmd_paths, NULL,
};

const char cli_about[] =
    "Check, convert, add up and compare 政府信息公开工作年度报告 (annual reports on\n"
    "government information disclosure).";

const char cli_files_note[] =
    "FILE may be a report %s, a directory (walked recursively, in sorted\n"
    "order; hidden files are left out, and files that are not reports are skipped and\n"
    "counted in the summary) or '-' for standard input.";

const char cli_conventions_note[] =
    "Every command takes --lang zh|en (language of messages, default zh); check and sum\n"
    "take -j N (parallel workers, default: the number of cores; output in input order\n"
    "whatever N). -o FILE never overwrites one of the inputs, and replaces FILE only\n"
    "once the whole output is written. -q silences the summary on standard error;\n"
    "--color auto|always|never colours severities (auto honours NO_COLOR).";

const char cli_exit_note[] =
    "Exit status: 0 clean, 1 error findings (diff: the reports differ), 2 unreadable\n"
    "input or bad usage.";

const cli_example cli_main_examples[] = {
    { "xxgk check report.txt", "check a report before publishing it" },
    { "xxgk check -j 2 --format ndjson dir/", "all under dir/, one JSON line each" },
    { "xxgk check --previous 2022.json 2023.json", "also check against last year" },
    { "xxgk check --severity warning report.txt", "errors and warnings only" },
    { "xxgk sum -o total.json dir/", "add up a region, check the total" },
    { "xxgk diff 2022.json 2023.json", "what changed; last year checked" },
    { "xxgk template --to csv-wide -o new.csv", "an empty report to fill in" },
    { "xxgk convert --to html --highlight -o r.html r.json", "publish, errors marked" },
    { "xxgk convert --to csv -o all.csv dir/", "many reports in one long CSV" },
    { "xxgk rules --lang en", "the consistency rules checked" },
    { NULL, NULL },
};
