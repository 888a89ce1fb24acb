/* SPDX-License-Identifier: MIT */
/* Print every cell of the templates compiled into libxxgk, for tools/gen_schema.py and the
 * schema test: one line per cell, in template order:
 *     TEMPLATE <TAB> PATH <TAB> KIND <TAB> OPTIONAL
 * (KIND: count, signed_count, amount; OPTIONAL: 1 for optional cells beyond the printed
 * ones), and one line per narrative section: TEMPLATE <TAB> section <TAB> CODE.
 * Usage: xxgk_cells [TEMPLATE-ID...] (default: every template). Public API only. */
#include <xxgk.h>

#include <stdio.h>
#include <string.h>

static const char *kind_name(int kind)
{
    switch (kind) {
    case XXGK_KIND_COUNT: return "count";
    case XXGK_KIND_SIGNED_COUNT: return "signed_count";
    case XXGK_KIND_AMOUNT: return "amount";
    default: return NULL;
    }
}

static int dump(const xxgk_template *t)
{
    const char *id = xxgk_template_id(t);
    for (size_t i = 0; i < xxgk_template_section_count(t); i++)
        printf("%s\tsection\t%s\n", id, xxgk_template_section_code(t, i));
    for (size_t i = 0; i < xxgk_template_cell_count_all(t); i++) {
        const char *kind = kind_name(xxgk_template_cell_kind(t, i));
        if (!kind) {
            fprintf(stderr, "xxgk_cells: %s: cell %zu has an unknown kind\n", id, i);
            return 1;
        }
        printf("%s\t%s\t%s\t%d\n", id, xxgk_template_cell_path(t, i), kind,
               (xxgk_template_cell_flags(t, i) & XXGK_CELL_FLAG_OPTIONAL) ? 1 : 0);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 1) {
        for (size_t k = 0; k < xxgk_template_count(); k++)
            if (dump(xxgk_template_at(k)))
                return 1;
        return 0;
    }
    for (int a = 1; a < argc; a++) {
        const xxgk_template *t = xxgk_template_get(argv[a]);
        if (!t) {
            fprintf(stderr, "xxgk_cells: unknown template '%s'\n", argv[a]);
            return 2;
        }
        if (dump(t))
            return 1;
    }
    return 0;
}
