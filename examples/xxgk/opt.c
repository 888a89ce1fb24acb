/* SPDX-License-Identifier: MIT */
/* The command-line parser over a command's option table: --name=VALUE, --name VALUE,
 * -n VALUE, -nVALUE, bundled short flags (-qj2), "--" before operands, "-" as an operand.
 * Mistakes are bad usage, named, with the closest known word as a suggestion. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *const cli_langs[] = { "zh", "en", NULL };
const char *const cli_severities[] = { "info", "warning", "error", NULL };
const char *const cli_colors[] = { "auto", "always", "never", NULL };
const char *const cli_formats_in[] = { "json", "csv", "csv-wide", "text", "markdown", "html", "pdftext", NULL };
const char *const cli_formats_out[] = { "json", "csv", "csv-wide", "text", "markdown", "html", NULL };

/* Optimal string alignment distance (a typo: one insertion, deletion, substitution or
 * transposition each); words here are short. */
static size_t distance(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    if (n > 64 || m > 64)
        return (size_t)-1;
    size_t d[65][65];
    for (size_t i = 0; i <= n; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 1; j <= m; j++) {
            size_t cost = a[i - 1] != b[j - 1];
            size_t v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v)
                v = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < v)
                v = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
        }
    return d[n][m];
}

const char *cli_suggest(const char *word, const char *const *known, size_t n)
{
    const char *best = NULL, *prefixed = NULL;
    size_t best_d = (size_t)-1, len = strlen(word), nprefixed = 0;
    for (size_t i = 0; i < n; i++) {
        size_t d = distance(word, known[i]);
        if (d < best_d) {
            best_d = d;
            best = known[i];
        }
        if (len >= 3 && strncmp(known[i], word, len) == 0) {
            prefixed = known[i];
            nprefixed++;
        }
    }
    size_t allowed = 1 + len / 4;
    if (best && best_d <= (allowed > 2 ? 2 : allowed))
        return best;
    return nprefixed == 1 ? prefixed : NULL;
}

const cli_command *cli_command_find(const char *name)
{
    for (size_t i = 0; cli_commands[i]; i++)
        if (strcmp(cli_commands[i]->name, name) == 0)
            return cli_commands[i];
    return NULL;
}

static size_t count_choices(const char *const *c)
{
    size_t n = 0;
    while (c[n])
        n++;
    return n;
}

/* "a, b or c" */
static void list_choices(strbuf *b, const char *const *c)
{
    size_t n = count_choices(c);
    for (size_t i = 0; i < n; i++)
        sb_printf(b, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ", c[i]);
}

static void option_name(strbuf *b, const cli_option *o)
{
    if (o->long_name)
        sb_printf(b, "--%s", o->long_name);
    else
        sb_printf(b, "-%c", o->short_name);
}

/* Print "xxgk CMD: " + text to standard error. */
static int usage_error(const cli_command *cmd, strbuf *msg)
{
    if (msg->failed)
        fprintf(stderr, "xxgk %s: bad usage (see 'xxgk %s --help')\n", cmd->name, cmd->name);
    else
        fprintf(stderr, "xxgk %s: %s\n", cmd->name, msg->s);
    sb_free(msg);
    return -1;
}

static int set_choice(const cli_command *cmd, const cli_option *o, const char *v, int *index)
{
    for (int i = 0; o->choices[i]; i++)
        if (strcmp(o->choices[i], v) == 0) {
            *index = i;
            return 0;
        }
    strbuf m = STRBUF_INIT;
    option_name(&m, o);
    sb_printf(&m, ": unknown value '%s' (expected ", v);
    list_choices(&m, o->choices);
    sb_puts(&m, ")");
    const char *s = cli_suggest(v, o->choices, count_choices(o->choices));
    if (s)
        sb_printf(&m, "; did you mean '%s'?", s);
    return usage_error(cmd, &m);
}

static int set_value(cli_args *a, const cli_command *cmd, const cli_option *o, const char *v)
{
    char *field = (char *)a + o->offset;
    int index;
    switch (o->kind) {
    case OPT_STRING:
        if (o->choices && set_choice(cmd, o, v, &index) != 0)
            return -1;
        *(const char **)(void *)field = o->choices ? o->choices[index] : v;
        return 0;
    case OPT_CHOICE:
        if (set_choice(cmd, o, v, &index) != 0)
            return -1;
        *(int *)(void *)field = index;
        return 0;
    case OPT_INT: {
        char *end;
        errno = 0;
        long n = strtol(v, &end, 10);
        if (errno || end == v || *end || n < o->min || n > o->max) {
            strbuf m = STRBUF_INIT;
            option_name(&m, o);
            sb_printf(&m, " expects a whole number from %d to %d, found '%s'", o->min, o->max, v);
            return usage_error(cmd, &m);
        }
        *(int *)(void *)field = (int)n;
        return 0;
    }
    case OPT_LIST: {
        cli_strlist *list = (cli_strlist *)(void *)field;
        const char **p = realloc((void *)list->items, (list->count + 1) * sizeof *p);
        if (!p) {
            fprintf(stderr, "xxgk %s: out of memory\n", cmd->name);
            return -1;
        }
        p[list->count++] = v;
        list->items = p;
        return 0;
    }
    default:
        return -1;
    }
}

static const cli_option *find_long(const cli_command *cmd, const char *name, size_t len)
{
    for (const cli_option *o = cmd->options; o->kind != OPT_END; o++)
        if (o->long_name && strlen(o->long_name) == len && strncmp(o->long_name, name, len) == 0)
            return o;
    return NULL;
}

static const cli_option *find_short(const cli_command *cmd, char c)
{
    for (const cli_option *o = cmd->options; o->kind != OPT_END; o++)
        if (o->short_name == c)
            return o;
    return NULL;
}

static int unknown_option(const cli_command *cmd, const char *arg, size_t len)
{
    const char *known[64];
    char names[64][40];
    size_t n = 0;
    for (const cli_option *o = cmd->options; o->kind != OPT_END && n < 63; o++)
        if (o->long_name) {
            snprintf(names[n], sizeof names[n], "--%s", o->long_name);
            known[n] = names[n];
            n++;
        }
    known[n++] = "--help";
    char word[64];
    snprintf(word, sizeof word, "%.*s", (int)(len < 63 ? len : 63), arg);
    strbuf m = STRBUF_INIT;
    sb_printf(&m, "unknown option '%s'", word);
    const char *s = word[1] == '-' ? cli_suggest(word, known, n) : NULL;
    if (s)
        sb_printf(&m, "; did you mean '%s'?", s);
    else
        sb_printf(&m, " (see 'xxgk %s --help')", cmd->name);
    return usage_error(cmd, &m);
}

static int missing_value(const cli_command *cmd, const cli_option *o)
{
    strbuf m = STRBUF_INIT;
    option_name(&m, o);
    sb_puts(&m, " needs a value: ");
    if (o->choices)
        list_choices(&m, o->choices);
    else
        sb_puts(&m, o->metavar ? o->metavar : "VALUE");
    return usage_error(cmd, &m);
}

/* "--name[=value]" at argv[*i]. */
static int parse_long(cli_args *a, const cli_command *cmd, int argc, char **argv, int *i)
{
    const char *name = argv[*i] + 2, *eq = strchr(name, '=');
    size_t len = eq ? (size_t)(eq - name) : strlen(name);
    const cli_option *o = find_long(cmd, name, len);
    if (!o)
        return unknown_option(cmd, argv[*i], len + 2);
    if (o->kind == OPT_FLAG) {
        if (eq) {
            strbuf m = STRBUF_INIT;
            sb_printf(&m, "--%s takes no value", o->long_name);
            return usage_error(cmd, &m);
        }
        *(int *)(void *)((char *)a + o->offset) = 1;
        return 0;
    }
    if (eq)
        return set_value(a, cmd, o, eq + 1);
    if (*i + 1 >= argc)
        return missing_value(cmd, o);
    return set_value(a, cmd, o, argv[++*i]);
}

/* "-abc", "-jN", "-j N" at argv[*i]. */
static int parse_short(cli_args *a, const cli_command *cmd, int argc, char **argv, int *i)
{
    const char *arg = argv[*i];
    for (size_t j = 1; arg[j]; j++) {
        const cli_option *o = find_short(cmd, arg[j]);
        if (!o) {
            char word[3] = { '-', arg[j], '\0' };
            return unknown_option(cmd, word, 2);
        }
        if (o->kind == OPT_FLAG) {
            *(int *)(void *)((char *)a + o->offset) = 1;
            continue;
        }
        if (arg[j + 1])
            return set_value(a, cmd, o, arg + j + 1);
        if (*i + 1 >= argc)
            return missing_value(cmd, o);
        return set_value(a, cmd, o, argv[++*i]);
    }
    return 0;
}

static int wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
            return 1;
    return 0;
}

static int check_operands(const cli_args *a, const cli_command *cmd)
{
    strbuf m = STRBUF_INIT;
    if (a->nargs > cmd->max_args) {
        if (cmd->max_args == 0)
            sb_printf(&m, "unexpected argument '%s' (see 'xxgk %s --help')", a->args[0], cmd->name);
        else
            sb_printf(&m, "too many arguments ('%s'): expected %s", a->args[cmd->max_args], cmd->operands);
        return usage_error(cmd, &m);
    }
    if (a->nargs < cmd->min_args) {
        if (a->nargs == 0 && strcmp(cmd->operands, "FILE...") == 0)
            sb_printf(&m, "no input file (see 'xxgk %s --help')", cmd->name);
        else
            sb_printf(&m, "expected %s (see 'xxgk %s --help')", cmd->operands, cmd->name);
        return usage_error(cmd, &m);
    }
    return 0;
}

static int color_on(int choice, int fd)
{
    if (choice == 1)
        return 1;
    if (choice == 2)
        return 0;
    const char *no = getenv("NO_COLOR"), *term = getenv("TERM");
    return isatty(fd) && !(no && no[0]) && !(term && strcmp(term, "dumb") == 0);
}

int cli_parse(cli_args *a, const cli_command *cmd, int argc, char **argv)
{
    memset(a, 0, sizeof *a);
    a->cmd = cmd;
    a->jobs = cli_default_jobs();
    if (wants_help(argc, argv)) {
        strbuf b = STRBUF_INIT;
        cli_help_command(&b, cmd);
        cli_stdout_put(b.s ? b.s : "", b.len);
        sb_free(&b);
        return 1;
    }
    a->args = calloc((size_t)argc + 1, sizeof *a->args);
    if (!a->args) {
        fprintf(stderr, "xxgk %s: out of memory\n", cmd->name);
        return -1;
    }
    int operands_only = 0;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        int rc = 0;
        if (operands_only || arg[0] != '-' || arg[1] == '\0')
            a->args[a->nargs++] = argv[i];
        else if (strcmp(arg, "--") == 0)
            operands_only = 1;
        else if (arg[1] == '-')
            rc = parse_long(a, cmd, argc, argv, &i);
        else
            rc = parse_short(a, cmd, argc, argv, &i);
        if (rc != 0)
            return -1;
    }
    if (check_operands(a, cmd) != 0)
        return -1;
    a->severity = XXGK_SEVERITY_INFO + a->severity_choice;
    a->color_out = color_on(a->color_choice, STDOUT_FILENO);
    a->color_err = color_on(a->color_choice, STDERR_FILENO);
    return 0;
}

void cli_args_free(cli_args *a)
{
    free(a->args);
    free((void *)a->exclude.items);
    memset(a, 0, sizeof *a);
}
