/* SPDX-License-Identifier: MIT */
/* xxgk rules: the consistency rules of a template, as data. */
#include "cli.h"

#include <string.h>

static const char *const rules_formats[] = { "text", "json", NULL };

static const cli_option rules_options[] = {
    CLI_OPT_TEMPLATE,
    CLI_CHOICE(0, "format", format, rules_formats, "text (the default) or json"),
    CLI_OPT_LANG,
    CLI_END,
};

static const cli_example rules_examples[] = {
    { "xxgk rules", "the 2021 template, in Chinese" },
    { "xxgk rules --template 2019 --lang en", NULL },
    { "xxgk rules --format json > rules.json", NULL },
    { NULL, NULL },
};

static int cmd_rules(const cli_args *a);

const cli_command cli_cmd_rules = {
    "rules", cmd_rules, "list the consistency rules of a template", "", 0, 0, COMPLETE_NONE,
    "List the consistency rules (勾稽关系) of a template, one entry per identity: id,\n"
    "severity, the column or row it is for, the description and the relation itself:\n"
    "sum of coefficient * cell = 0, or >= 0 for a rule that only asks for at least\n"
    "(PLAUS.PUBLISHED_TOTAL); prev: marks a cell of last year's report. Per-cell rules\n"
    "(CELL.*) list no cells: they apply to every cell of their kind. Rules that are no\n"
    "relation over cells (TEXT.MATCH: the narrative's figures; PLAUS.*: the title's\n"
    "year, a township's 规章, units; TEMPLATE.OUTDATED) list none either: the\n"
    "description says what they compare.",
    rules_options,
    "--format json writes {\"xxgk\": 1, \"template\", \"rules\": [{\"id\", \"severity\",\n"
    "\"scope\", \"description\", \"description_en\", \"relation\", \"cells\": [{\"path\",\n"
    "\"coefficient\", \"previous\"}]}]}; relation is \"equal\" (= 0), \"at_least\" (>= 0),\n"
    "\"each_nonnegative\" (CELL.*) or \"none\".",
    rules_examples,
};

static void rule_text(strbuf *b, const xxgk_template *t, size_t i, int lang)
{
    const char *scope = xxgk_template_rule_scope(t, i);
    sb_printf(b, "%s\t%s\t%s\t%s\n", xxgk_template_rule_id(t, i),
              cli_severity(xxgk_template_rule_severity(t, i), lang), scope ? scope : "",
              lang == LANG_EN ? xxgk_template_rule_description_en(t, i)
                              : xxgk_template_rule_description(t, i));
    size_t n = xxgk_template_rule_cell_count(t, i);
    if (n == 0)
        return;
    sb_puts(b, "\t");
    for (size_t j = 0; j < n; j++) {
        int k = xxgk_template_rule_coefficient(t, i, j);
        sb_printf(b, "%s%s%s", j ? " " : "", k > 0 ? "+" : "-",
                  xxgk_template_rule_cell_previous(t, i, j) ? "prev:" : "");
        sb_puts(b, xxgk_template_rule_cell(t, i, j));
    }
    sb_puts(b, xxgk_template_rule_relation(t, i) == XXGK_RELATION_AT_LEAST ? " >= 0\n" : " = 0\n");
}

static void rule_json(strbuf *b, const xxgk_template *t, size_t i)
{
    const char *sev = xxgk_severity_name(xxgk_template_rule_severity(t, i));
    sb_puts(b, "{\"id\": ");
    sb_json_str(b, xxgk_template_rule_id(t, i));
    sb_puts(b, ", \"severity\": ");
    sb_json_str(b, sev ? sev : "");
    sb_puts(b, ", \"scope\": ");
    sb_json_str(b, xxgk_template_rule_scope(t, i));
    sb_puts(b, ", \"description\": ");
    sb_json_str(b, xxgk_template_rule_description(t, i));
    sb_puts(b, ", \"description_en\": ");
    sb_json_str(b, xxgk_template_rule_description_en(t, i));
    sb_puts(b, ", \"relation\": ");
    sb_json_str(b, xxgk_relation_name(xxgk_template_rule_relation(t, i)));
    sb_puts(b, ", \"cells\": [");
    for (size_t j = 0, n = xxgk_template_rule_cell_count(t, i); j < n; j++) {
        sb_puts(b, j ? ", {\"path\": " : "{\"path\": ");
        sb_json_str(b, xxgk_template_rule_cell(t, i, j));
        sb_printf(b, ", \"coefficient\": %d, \"previous\": %s}", xxgk_template_rule_coefficient(t, i, j),
                  xxgk_template_rule_cell_previous(t, i, j) ? "true" : "false");
    }
    sb_puts(b, "]}");
}

static int cmd_rules(const cli_args *a)
{
    const char *id = a->template_id;
    int json = a->format == 1, lang = a->lang;
    const xxgk_template *t = id ? xxgk_template_get(id) : xxgk_template_default();
    if (!t) {
        fprintf(stderr, "xxgk rules: unknown template '%s' (known: 2021, 2019)\n", id);
        return EXIT_TROUBLE;
    }
    strbuf b = STRBUF_INIT;
    size_t n = xxgk_template_rule_count(t);
    if (json) {
        sb_puts(&b, "{\"xxgk\": 1, \"template\": ");
        sb_json_str(&b, xxgk_template_id(t));
        sb_puts(&b, ", \"rules\": [");
    }
    for (size_t i = 0; i < n; i++) {
        if (json) {
            sb_puts(&b, i ? ",\n  " : "\n  ");
            rule_json(&b, t, i);
        } else {
            rule_text(&b, t, i, lang);
        }
    }
    if (json)
        sb_puts(&b, n ? "\n]}\n" : "]}\n");
    int rc = EXIT_TROUBLE;
    if (b.failed)
        fprintf(stderr, "xxgk rules: out of memory\n");
    else if (cli_write_output(NULL, b.s ? b.s : "", b.len, "rules") == 0)
        rc = EXIT_CLEAN;
    sb_free(&b);
    return rc;
}
