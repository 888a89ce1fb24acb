/* SPDX-License-Identifier: MIT */
/* xxgk paths: every cell of a template, PATH<TAB>label. */
#include "cli.h"

static const cli_option paths_options[] = {
    CLI_OPT_TEMPLATE,
    CLI_OPT_LANG,
    CLI_END,
};

static const cli_example paths_examples[] = {
    { "xxgk paths", "the 2021 template (200 cells)" },
    { "xxgk paths --template 2019", "the 2019 template (198 cells)" },
    { NULL, NULL },
};

static int cmd_paths(const cli_args *a);

const cli_command cli_cmd_paths = {
    "paths", cmd_paths, "list the cells of a template (path and label)", "", 0, 0, COMPLETE_NONE,
    "Print every cell of a template, one per line: PATH<TAB>label (Chinese, or English\n"
    "with --lang en), in template order.",
    paths_options, NULL, paths_examples,
};

static int cmd_paths(const cli_args *a)
{
    const xxgk_template *t = a->template_id ? xxgk_template_get(a->template_id) : xxgk_template_default();
    if (!t) {
        fprintf(stderr, "xxgk paths: unknown template '%s' (known: 2021, 2019)\n", a->template_id);
        return EXIT_TROUBLE;
    }
    strbuf b = STRBUF_INIT;
    for (size_t i = 0; i < xxgk_template_cell_count(t); i++)
        sb_printf(&b, "%s\t%s\n", xxgk_template_cell_path(t, i),
                  a->lang == LANG_EN ? xxgk_template_cell_label_en(t, i) : xxgk_template_cell_label(t, i));
    int rc = b.failed ? EXIT_TROUBLE : EXIT_CLEAN;
    if (b.failed)
        fprintf(stderr, "xxgk paths: out of memory\n");
    else
        cli_stdout_put(b.s, b.len);
    sb_free(&b);
    return rc;
}
