/* xxgk — check, convert, add up and compare 政府信息公开工作年度报告. */
#include "cli.h"

#include <string.h>

static const struct {
    const char *name;
    int (*run)(int, char **);
    const char *summary;
} commands[] = {
    { "paths", cmd_paths, "list the cells of a template (path and Chinese label)" },
    { "convert", cmd_convert, "convert a report between JSON, CSV, text, Markdown and HTML" },
};

static void usage(FILE *fp)
{
    fprintf(fp, "usage: xxgk COMMAND [OPTIONS] [FILE...]\n\n"
                "Check, convert, add up and compare 政府信息公开工作年度报告 (annual reports on\n"
                "government information disclosure).\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(fp, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(fp, "\n'xxgk help COMMAND' or 'xxgk COMMAND --help' explains a command, with examples.\n"
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
