/* SPDX-License-Identifier: MIT */
/* xxgk — check, convert, add up and compare 政府信息公开工作年度报告. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Text made by fill, to standard output or (for the build) to a file. */
static int write_text(void (*fill)(strbuf *), const char *path)
{
    strbuf b = STRBUF_INIT;
    fill(&b);
    int rc = EXIT_CLEAN;
    if (b.failed) {
        fprintf(stderr, "xxgk: out of memory\n");
        rc = EXIT_TROUBLE;
    } else if (cli_write_output(path, b.s, b.len, "--generate") != 0) {
        rc = EXIT_TROUBLE;
    }
    sb_free(&b);
    return rc;
}

static int print_text(void (*fill)(strbuf *))
{
    return write_text(fill, NULL);
}

static int usage_to_stderr(void)
{
    strbuf b = STRBUF_INIT;
    cli_help_main(&b);
    fputs(b.failed || !b.s ? "usage: xxgk COMMAND [OPTIONS] [FILE...]\n" : b.s, stderr);
    sb_free(&b);
    return EXIT_TROUBLE;
}

/* Hidden: the build generates the man page and the completions with this. */
static int generate(const char *what, const char *path)
{
    if (!strcmp(what, "man"))
        return write_text(cli_gen_man, path);
    if (!strcmp(what, "bash"))
        return write_text(cli_gen_bash, path);
    if (!strcmp(what, "zsh"))
        return write_text(cli_gen_zsh, path);
    fprintf(stderr, "xxgk: --generate=man|bash|zsh [FILE]\n");
    return EXIT_TROUBLE;
}

static int unknown_command(const char *name)
{
    const char *known[32];
    size_t n = 0;
    for (; cli_commands[n] && n < 31; n++)
        known[n] = cli_commands[n]->name;
    known[n++] = "help";
    if (name[0] == '-') {
        static const char *const opts[] = { "--help", "--version" };
        const char *s = cli_suggest(name, opts, 2);
        fprintf(stderr, "xxgk: unknown option '%s'%s%s%s (see 'xxgk --help')\n", name,
                s ? "; did you mean '" : "", s ? s : "", s ? "'?" : "");
        return EXIT_TROUBLE;
    }
    const char *s = cli_suggest(name, known, n);
    if (s)
        fprintf(stderr, "xxgk: unknown command '%s'; did you mean '%s'?\n", name, s);
    else
        fprintf(stderr, "xxgk: unknown command '%s' (see 'xxgk --help')\n", name);
    return EXIT_TROUBLE;
}

static int run_command(const cli_command *cmd, int argc, char **argv)
{
    cli_args a;
    int rc = cli_parse(&a, cmd, argc, argv);
    if (rc == 0)
        rc = cmd->run(&a);
    else
        rc = rc > 0 ? EXIT_CLEAN : EXIT_TROUBLE;
    cli_args_free(&a);
    return rc;
}

static int dispatch(int argc, char **argv)
{
    if (argc < 2)
        return usage_to_stderr();
    const char *name = argv[1];
    if (!strcmp(name, "-h") || !strcmp(name, "--help"))
        return print_text(cli_help_main);
    if (!strcmp(name, "--version") || !strcmp(name, "-V")) {
        char v[64];
        int n = snprintf(v, sizeof v, "xxgk %s\n", xxgk_version());
        cli_stdout_put(v, (size_t)n);
        return EXIT_CLEAN;
    }
    if (!strncmp(name, "--generate=", 11))
        return generate(name + 11, argc > 2 ? argv[2] : NULL);
    if (!strcmp(name, "help")) {
        if (argc < 3)
            return print_text(cli_help_main);
        const cli_command *cmd = cli_command_find(argv[2]);
        if (!cmd)
            return unknown_command(argv[2]);
        char *args[] = { argv[2], "--help", NULL };
        return run_command(cmd, 2, args);
    }
    const cli_command *cmd = cli_command_find(name);
    if (!cmd)
        return unknown_command(name);
    return run_command(cmd, argc - 1, argv + 1);
}

/* Every byte written to standard output reaches it, or the exit status says so. */
static int close_stdout(int status)
{
    int err = cli_stdout_errno();
    errno = 0;
    if (fclose(stdout) != 0 && !err)
        err = errno ? errno : EIO;
    if (!err)
        return status;
    fprintf(stderr, "xxgk: cannot write standard output: %s\n", strerror(err));
    return EXIT_TROUBLE;
}

int main(int argc, char **argv)
{
    return close_stdout(dispatch(argc, argv));
}
