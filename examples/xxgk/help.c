/* SPDX-License-Identifier: MIT */
/* --help, made from the command tables. */
#include "cli.h"

#include <string.h>

enum { HELP_COLUMN = 24 }; /* where an option's help starts */

void cli_option_synopsis(strbuf *b, const cli_option *o, int with_value)
{
    if (o->short_name && o->long_name)
        sb_printf(b, "-%c, --%s", o->short_name, o->long_name);
    else if (o->long_name)
        sb_printf(b, "--%s", o->long_name);
    else
        sb_printf(b, "-%c", o->short_name);
    if (!with_value || o->kind == OPT_FLAG)
        return;
    if (o->metavar) {
        sb_printf(b, " %s", o->metavar);
        return;
    }
    for (size_t i = 0; o->choices && o->choices[i]; i++)
        sb_printf(b, "%c%s", i ? '|' : ' ', o->choices[i]);
}

/* Columns a UTF-8 string takes on a terminal: CJK characters take two. */
static size_t display_width(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c & 0xc0) == 0x80)
            continue;
        /* a three-byte sequence from U+2E80 (E2 BA 80) up: the CJK blocks and full-width forms */
        w += c >= 0xe3 && c <= 0xef ? 2 : c == 0xe2 && i + 1 < n && (unsigned char)s[i + 1] >= 0xba ? 2 : 1;
    }
    return w;
}

/* Whether the paragraph (n bytes) is set as written: some line of it is indented. */
static int verbatim(const char *p, size_t n)
{
    for (size_t i = 0; i + 2 <= n; i++)
        if ((i == 0 || p[i - 1] == '\n') && p[i] == ' ' && p[i + 1] == ' ')
            return 1;
    return 0;
}

/* One paragraph filled into lines of at most `width` columns, each after `indent`
 * spaces; `used` columns of the first line are taken already. */
static void fill(strbuf *b, const char *p, size_t n, size_t indent, size_t used, size_t width)
{
    size_t col = used;
    int first = 1;
    for (size_t i = 0; i < n;) {
        while (i < n && (p[i] == ' ' || p[i] == '\n'))
            i++;
        size_t j = i;
        while (j < n && p[j] != ' ' && p[j] != '\n')
            j++;
        if (j == i)
            break;
        size_t w = display_width(p + i, j - i);
        if (!first && col + 1 + w > width) {
            sb_printf(b, "\n%*s", (int)indent, "");
            col = indent;
        } else if (!first) {
            sb_puts(b, " ");
            col++;
        }
        sb_putn(b, p + i, j - i);
        col += w;
        first = 0;
        i = j;
    }
    sb_puts(b, "\n");
}

/* Paragraphs (separated by a blank line) filled to 80 columns after `indent` spaces, the
 * first line starting at column `used`; a paragraph with indented lines is kept as set. */
static void text(strbuf *b, const char *t, size_t indent, size_t used)
{
    while (*t) {
        const char *end = strstr(t, "\n\n");
        size_t n = end ? (size_t)(end - t) : strlen(t);
        if (verbatim(t, n))
            sb_printf(b, "%.*s\n", (int)n, t);
        else
            fill(b, t, n, indent, used, 80);
        if (!end)
            break;
        sb_puts(b, "\n");
        t = end + 2;
        used = 0;
        sb_printf(b, "%*s", (int)indent, "");
        used = indent;
    }
}

static void option_help(strbuf *b, const cli_option *o)
{
    strbuf syn = STRBUF_INIT;
    cli_option_synopsis(&syn, o, 1);
    int pad = o->short_name ? 2 : 6; /* long options line up after "-x, " */
    sb_printf(b, "%*s%s", pad, "", syn.s ? syn.s : "");
    int used = pad + (int)syn.len;
    sb_free(&syn);
    if (used < HELP_COLUMN - 1)
        sb_printf(b, "%*s", HELP_COLUMN - used, "");
    else
        sb_printf(b, "\n%*s", HELP_COLUMN, "");
    text(b, o->help, HELP_COLUMN, HELP_COLUMN);
    if (o->metavar && o->choices) { /* "FORMAT: json, csv, …", filled as the help is */
        strbuf l = STRBUF_INIT;
        sb_printf(&l, "%s:", o->metavar);
        for (size_t i = 0; o->choices[i]; i++)
            sb_printf(&l, " %s%s", o->choices[i], o->choices[i + 1] ? "," : "");
        sb_printf(b, "%*s", HELP_COLUMN, "");
        fill(b, l.s ? l.s : "", l.len, HELP_COLUMN, HELP_COLUMN, 80);
        sb_free(&l);
    }
}

void cli_help_command(strbuf *b, const cli_command *cmd)
{
    sb_printf(b, "usage: xxgk %s [OPTIONS]%s%s\n\n", cmd->name, cmd->operands[0] ? " " : "",
              cmd->operands);
    text(b, cmd->description, 0, 0);
    sb_puts(b, "\noptions:\n");
    for (const cli_option *o = cmd->options; o->kind != OPT_END; o++)
        option_help(b, o);
    sb_printf(b, "  -h, --help%*sshow this help\n", HELP_COLUMN - 12, "");
    if (cmd->notes) {
        sb_puts(b, "\n");
        text(b, cmd->notes, 0, 0);
    }
    sb_puts(b, "\nexamples:\n");
    for (const cli_example *e = cmd->examples; e->command; e++) {
        if (e->what)
            sb_printf(b, "  # %s\n", e->what);
        sb_printf(b, "  %s\n", e->command);
    }
}

void cli_help_main(strbuf *b)
{
    sb_puts(b, "usage: xxgk COMMAND [OPTIONS] [FILE...]\n\n");
    text(b, cli_about, 0, 0);
    sb_puts(b, "\ncommands:\n");
    for (size_t i = 0; cli_commands[i]; i++)
        sb_printf(b, "  %-10s %s\n", cli_commands[i]->name, cli_commands[i]->summary);
    sb_puts(b, "\nexamples:\n");
    for (const cli_example *e = cli_main_examples; e->command; e++) {
        if (strlen(e->command) < 42)
            sb_printf(b, "  %-42s%s\n", e->command, e->what);
        else
            sb_printf(b, "  %s\n  %42s%s\n", e->command, "", e->what);
    }
    strbuf exts = STRBUF_INIT, files = STRBUF_INIT;
    cli_report_exts_text(&exts);
    sb_printf(&files, cli_files_note, exts.s ? exts.s : "");
    sb_puts(b, "\n");
    text(b, files.s ? files.s : "", 0, 0);
    sb_free(&exts);
    sb_free(&files);
    sb_puts(b, "\n");
    text(b, cli_conventions_note, 0, 0);
    sb_puts(b, "\n");
    text(b, cli_exit_note, 0, 0);
    sb_puts(b, "\n'xxgk help COMMAND' or 'xxgk COMMAND --help' explains a command, with examples;\n"
               "'man xxgk' explains them all. 'xxgk --version' prints the version.\n");
}
