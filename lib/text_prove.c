/* SPDX-License-Identifier: MIT */
/* Text reader: the template's identities as proof. Where the text alone does not decide
 * which cell a value belongs to (a header the converter tore apart, cells run together), a
 * reading is taken only when the identities that its values enter all hold. */
#include "text_read.h"

#include <string.h>

int tx_prove(const xxgk_report *r, const size_t *ids, const int64_t *vals, size_t n, int local, int *checked)
{
    const xxgk_template *t = r->t;
    *checked = 0;
    for (size_t i = 0; i < t->nrules; i++) {
        const xt_rule *ru = &t->rules[i];
        if (ru->kind != XT_RULE_LINEAR)
            continue;
        const xt_term *tm = &t->terms[ru->first_term];
        int64_t d = 0;
        int known = 1, involved = 0;
        for (size_t k = 0; k < ru->nterms && known; k++) {
            size_t id = (size_t)tm[k].cell, j = 0;
            while (j < n && ids[j] != id)
                j++;
            if (tm[k].prev)
                known = 0;
            else if (j < n) {
                d += tm[k].coef * vals[j];
                involved = 1;
            } else if (!local && r->cells[id].state == XXGK_CELL_NUMBER)
                d += tm[k].coef * r->cells[id].v;
            else
                known = 0;
        }
        if (!known || !involved)
            continue;
        if (d != 0)
            return 0;
        (*checked)++;
    }
    return 1;
}
