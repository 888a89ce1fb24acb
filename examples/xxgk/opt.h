/* SPDX-License-Identifier: MIT */
/* Each command's options, declared once in a table (as git's parse-options.h): the
 * parser, --help, the man page and the bash and zsh completions are all made from it. */
#ifndef XXGK_CLI_OPT_H
#define XXGK_CLI_OPT_H

#include <stddef.h>

#include "strbuf.h"

typedef struct {
    const char **items;
    size_t count;
} cli_strlist;

/* What a command line gave, for every command (each reads the fields it declared). */
typedef struct cli_args {
    const struct cli_command *cmd;
    int lang;           /* LANG_ZH, LANG_EN */
    int quiet;
    int severity;       /* the least severity shown: XXGK_SEVERITY_* */
    int color_out;      /* colour on standard output / standard error (resolved) */
    int color_err;
    int format;         /* index into the command's --format choices */
    int jobs;
    int blank_as_zero, strict, highlight, no_bom, keep_going;
    const char *previous, *output, *to, *from, *template_id, *report;
    cli_strlist exclude; /* --exclude GLOB, as many as given */
    char **args;        /* the operands (files), in order */
    size_t nargs;
    /* raw choice indexes, resolved into the fields above after parsing */
    int severity_choice, color_choice;
} cli_args;

enum cli_opt_kind { OPT_END, OPT_FLAG, OPT_STRING, OPT_CHOICE, OPT_INT, OPT_LIST };
/* What a shell completes for an option's value or for the operands. */
enum cli_complete { COMPLETE_NONE, COMPLETE_FILE, COMPLETE_DIR, COMPLETE_TEMPLATE };

typedef struct cli_option {
    int kind;                    /* enum cli_opt_kind */
    char short_name;             /* 'o' for -o, or 0 */
    const char *long_name;       /* "output" for --output, or NULL */
    const char *metavar;         /* "FILE", "N"; NULL for flags; for a choice NULL shows
                                    the values (zh|en), a name lists them in the help */
    size_t offset;               /* of the field in cli_args */
    const char *const *choices;  /* OPT_CHOICE (an int index), OPT_STRING (a checked
                                    string): the allowed values, NULL-terminated */
    int min, max;                /* OPT_INT */
    int complete;                /* enum cli_complete */
    const char *help;            /* lines separated by '\n' */
} cli_option;

typedef struct {
    const char *command, *what; /* what: a comment shown above the command, or NULL */
} cli_example;

typedef struct cli_command {
    const char *name;
    int (*run)(const cli_args *a);
    const char *summary;         /* one line, for the command list */
    const char *operands;        /* "FILE...", "A B" or "" */
    size_t min_args, max_args;   /* operand count (max SIZE_MAX: any) */
    int complete_args;           /* enum cli_complete for the operands */
    const char *description;     /* paragraphs, before the options */
    const cli_option *options;   /* ends with OPT_END; -h/--help is implicit */
    const char *notes;           /* after the options (output, exit status), or NULL */
    const cli_example *examples; /* ends with { NULL, NULL } */
} cli_command;

#define CLI_FIELD(f) offsetof(cli_args, f)
#define CLI_FLAG(s, l, f, help) { OPT_FLAG, s, l, NULL, CLI_FIELD(f), NULL, 0, 0, COMPLETE_NONE, help }
#define CLI_STRING(s, l, meta, f, complete, help) \
    { OPT_STRING, s, l, meta, CLI_FIELD(f), NULL, 0, 0, complete, help }
#define CLI_ONE_OF(s, l, meta, f, choices, help) \
    { OPT_STRING, s, l, meta, CLI_FIELD(f), choices, 0, 0, COMPLETE_NONE, help }
#define CLI_CHOICE(s, l, f, choices, help) \
    { OPT_CHOICE, s, l, NULL, CLI_FIELD(f), choices, 0, 0, COMPLETE_NONE, help }
#define CLI_INT(s, l, meta, f, lo, hi, help) \
    { OPT_INT, s, l, meta, CLI_FIELD(f), NULL, lo, hi, COMPLETE_NONE, help }
#define CLI_LIST(s, l, meta, f, help) { OPT_LIST, s, l, meta, CLI_FIELD(f), NULL, 0, 0, COMPLETE_NONE, help }
#define CLI_END { OPT_END, 0, NULL, NULL, 0, NULL, 0, 0, COMPLETE_NONE, NULL }

/* Value lists shared by several options. */
extern const char *const cli_langs[];       /* zh en */
extern const char *const cli_severities[];  /* info warning error */
extern const char *const cli_colors[];      /* auto always never */
extern const char *const cli_formats_in[];  /* what the readers read */
extern const char *const cli_formats_out[]; /* what the writers write */

/* Options several commands share, declared once. */
#define CLI_OPT_LANG \
    CLI_CHOICE(0, "lang", lang, cli_langs, "language of the messages (default zh)")
#define CLI_OPT_QUIET \
    CLI_FLAG('q', "quiet", quiet, "no summary, progress bar or reader diagnostics on\n" \
                                  "standard error (what stops a file is still said)")
#define CLI_OPT_SEVERITY \
    CLI_CHOICE(0, "severity", severity_choice, cli_severities, \
               "show findings of this severity or worse (default\n" \
               "info: all); counts and exit status cover them all")
#define CLI_OPT_COLOR \
    CLI_CHOICE(0, "color", color_choice, cli_colors, \
               "colour the severities (default auto: on a terminal,\n" \
               "unless NO_COLOR is set)")
#define CLI_OPT_JOBS(what) \
    CLI_INT('j', "jobs", "N", jobs, 1, 256, "N parallel " what " (default: the number of cores)")
#define CLI_OPT_EXCLUDE \
    CLI_LIST(0, "exclude", "GLOB", exclude, \
             "in directories, leave out what matches GLOB: a name,\n" \
             "or with a '/', a path below the directory given;\n" \
             "repeatable")
#define CLI_OPT_FROM \
    CLI_ONE_OF(0, "from", "FORMAT", from, cli_formats_in, "read the inputs in this format (default: detected)")
#define CLI_OPT_TEMPLATE \
    CLI_STRING(0, "template", "ID", template_id, COMPLETE_TEMPLATE, \
               "the template (2021, the default, or 2019)")

/* The commands, in the order --help lists them (NULL-terminated), and the texts that
 * --help and the man page share. cli_files_note has one %s: the report extensions. */
extern const cli_command *const cli_commands[];
extern const char cli_about[], cli_files_note[], cli_conventions_note[], cli_exit_note[];
extern const cli_example cli_main_examples[];
/* The extensions of report files a directory walk takes (".json"...), NULL-terminated. */
extern const char *const cli_report_exts[];
/* "(.json .csv .txt .md)" into b */
void cli_report_exts_text(strbuf *b);

/* Parse argv[1..argc-1] (argv[0] is the command's name) into *a. 0: run the command;
 * 1: --help was printed; -1: bad usage (reported on standard error, with a suggestion
 * when an option or value is close to a known one). */
int cli_parse(cli_args *a, const cli_command *cmd, int argc, char **argv);
void cli_args_free(cli_args *a);

/* The command named `name`, or NULL. */
const cli_command *cli_command_find(const char *name);
/* The known word closest to `word` (a likely typo), or NULL. */
const char *cli_suggest(const char *word, const char *const *known, size_t n);

/* --help texts. */
void cli_help_command(strbuf *b, const cli_command *cmd);
void cli_help_main(strbuf *b);
/* An option as written in help: "-j, --jobs N", "--lang zh|en". */
void cli_option_synopsis(strbuf *b, const cli_option *o, int with_value);

/* Generated files: the man page xxgk(1), the bash and the zsh completion. */
void cli_gen_man(strbuf *b);
void cli_gen_bash(strbuf *b);
void cli_gen_zsh(strbuf *b);

#endif
