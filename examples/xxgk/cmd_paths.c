/* SPDX-License-Identifier: MIT */
#include "cli.h"

#include <string.h>

int cmd_paths(int argc, char **argv)
{
    const char *id = NULL;
    int lang = LANG_ZH;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--template") == 0 && i + 1 < argc) {
            id = argv[++i];
        } else if (strncmp(argv[i], "--template=", 11) == 0) {
            id = argv[i] + 11;
        } else if ((strcmp(argv[i], "--lang") == 0 && i + 1 < argc) || strncmp(argv[i], "--lang=", 7) == 0) {
            const char *v = argv[i][6] == '=' ? argv[i] + 7 : argv[++i];
            if ((lang = cli_parse_lang(v, "paths")) < 0)
                return EXIT_TROUBLE;
        } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            printf("usage: xxgk paths [--template 2021|2019] [--lang zh|en]\n\n"
                   "Print every cell of a template, one per line: PATH<TAB>label (Chinese, or English\n"
                   "with --lang en), in template order.\n\n"
                   "  xxgk paths                    the 2021 template (200 cells)\n"
                   "  xxgk paths --template 2019    the 2019 template (198 cells)\n");
            return EXIT_CLEAN;
        } else {
            fprintf(stderr, "xxgk paths: unknown argument '%s' (see xxgk paths --help)\n", argv[i]);
            return EXIT_TROUBLE;
        }
    }
    const xxgk_template *t = id ? xxgk_template_get(id) : xxgk_template_default();
    if (!t) {
        fprintf(stderr, "xxgk paths: unknown template '%s' (known: 2021, 2019)\n", id);
        return EXIT_TROUBLE;
    }
    for (size_t i = 0; i < xxgk_template_cell_count(t); i++)
        printf("%s\t%s\n", xxgk_template_cell_path(t, i),
               lang == LANG_EN ? xxgk_template_cell_label_en(t, i) : xxgk_template_cell_label(t, i));
    return EXIT_CLEAN;
}
