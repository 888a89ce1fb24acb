/* SPDX-License-Identifier: MIT */
/* The templates as data: counts, paths, lookups, rules. */
#include "testutil.h"

#include <string.h>

static void test_counts(void **state)
{
    (void)state;
    const xxgk_template *t21 = xxgk_template_get("2021"), *t19 = xxgk_template_get("2019");
    assert_non_null(t21);
    assert_non_null(t19);
    assert_null(xxgk_template_get("2020"));
    assert_int_equal(xxgk_template_count(), 2);
    assert_ptr_equal(xxgk_template_default(), t21);
    assert_int_equal(xxgk_template_cell_count(t21), 200);
    assert_int_equal(xxgk_template_cell_count(t19), 198);
    assert_int_equal(xxgk_template_cell_count_all(t21), 207);
    assert_int_equal(xxgk_template_cell_count_all(t19), 198);
    size_t want21[] = { 10, 175, 15 }, want19[] = { 22, 161, 15 };
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(xxgk_template_table_cell_count(t21, i), want21[i]);
        assert_int_equal(xxgk_template_table_cell_count(t19, i), want19[i]);
    }
    assert_string_equal(xxgk_template_table_code(t21, 1), "applications");
    assert_string_equal(xxgk_template_table_number(t21, 1), "三");
    assert_int_equal(xxgk_template_section_count(t21), 4);
    assert_string_equal(xxgk_template_section_code(t21, 2), "problems");
}

static void test_paths(void **state)
{
    (void)state;
    const xxgk_template *t = xxgk_template_get("2021");
    assert_string_equal(xxgk_template_cell_path(t, 0), "proactive.regulations.issued");
    assert_string_equal(xxgk_template_cell_path(t, 9), "proactive.fees.amount");
    assert_int_equal(xxgk_template_cell_kind(t, 9), XXGK_KIND_AMOUNT);
    assert_string_equal(xxgk_template_cell_unit(t, 9), "万元");
    assert_string_equal(xxgk_template_cell_path(t, 10), "applications.new.natural_person");
    assert_string_equal(xxgk_template_cell_path(t, 199), "review_litigation.litigation_after_review.total");
    assert_null(xxgk_template_cell_path(t, 207));
    size_t id;
    assert_int_equal(xxgk_template_lookup(&id, t, "applications.denied.state_secret.natural_person"), 0);
    assert_string_equal(xxgk_template_cell_path(t, id), "applications.denied.state_secret.natural_person");
    assert_string_equal(xxgk_template_cell_label(t, id), "（三）不予公开 1.属于国家秘密 / 自然人");
    assert_int_equal(xxgk_template_lookup(&id, t, "applications.other.natural_person"), 0);
    assert_true(id >= 200);
    assert_int_equal(xxgk_template_cell_flags(t, id), XXGK_CELL_FLAG_OPTIONAL);
    assert_int_equal(xxgk_template_lookup(&id, t, "applications.nope.total"), XXGK_ENOTFOUND);
    assert_string_equal(xxgk_error_path(), "applications.nope.total");
    /* every path resolves to itself */
    for (size_t k = 0; k < xxgk_template_count(); k++) {
        const xxgk_template *tt = xxgk_template_at(k);
        for (size_t i = 0; i < xxgk_template_cell_count_all(tt); i++) {
            assert_int_equal(xxgk_template_lookup(&id, tt, xxgk_template_cell_path(tt, i)), 0);
            assert_int_equal(id, i);
        }
    }
    const xxgk_template *t19 = xxgk_template_get("2019");
    assert_int_equal(xxgk_template_lookup(&id, t19, "proactive.licensing.change"), 0);
    assert_int_equal(xxgk_template_cell_kind(t19, id), XXGK_KIND_SIGNED_COUNT);
    assert_int_equal(xxgk_template_lookup(&id, t19, "applications.other.total"), 0);
    assert_int_equal(xxgk_template_cell_flags(t19, id), 0);
}

static void test_rules(void **state)
{
    (void)state;
    const xxgk_template *t = xxgk_template_get("2021");
    size_t n = xxgk_template_rule_count(t), balance = 0, total_col = 0, t4 = 0;
    for (size_t i = 0; i < n; i++) {
        const char *id = xxgk_template_rule_id(t, i);
        if (!strcmp(id, "T3.BALANCE")) {
            balance++;
            assert_int_equal(xxgk_template_rule_cell_count(t, i), 4);
            assert_int_equal(xxgk_template_rule_severity(t, i), XXGK_SEVERITY_ERROR);
        }
        if (!strcmp(id, "T3.TOTAL_COL"))
            total_col++;
        if (!strcmp(id, "T4.TOTAL")) {
            t4++;
            assert_int_equal(xxgk_template_rule_cell_count(t, i), 5);
            assert_int_equal(xxgk_template_rule_coefficient(t, i, 4), -1);
            assert_int_equal(xxgk_template_rule_coefficient(t, i, 0), 1);
        }
    }
    assert_int_equal(balance, 7);
    assert_int_equal(total_col, 26); /* 25 rows and the optional （六） subtotal row */
    assert_int_equal(t4, 3);
}

/* Each rule's relation: identities "= 0", the one "at least" rule ">= 0", per-cell rules, and
 * the rules that are no relation over cells (which list none). */
static void test_rule_relations(void **state)
{
    (void)state;
    static const struct {
        const char *id;
        int relation;
    } want[] = {
        { "T3.BALANCE", XXGK_RELATION_EQUAL }, { "YOY.CARRY", XXGK_RELATION_EQUAL },
        { "PLAUS.PUBLISHED_TOTAL", XXGK_RELATION_AT_LEAST }, { "CELL.NONNEG", XXGK_RELATION_EACH_NONNEGATIVE },
        { "CELL.AMOUNT", XXGK_RELATION_EACH_NONNEGATIVE }, { "TEXT.MATCH", XXGK_RELATION_NONE },
        { "PLAUS.TOWN_REGULATIONS", XXGK_RELATION_NONE }, { "PLAUS.PERIOD_YEAR", XXGK_RELATION_NONE },
        { "PLAUS.UNIT", XXGK_RELATION_NONE }, { "TEMPLATE.OUTDATED", XXGK_RELATION_NONE },
    };
    const xxgk_template *t = xxgk_template_get("2019");
    size_t n = xxgk_template_rule_count(t), seen[sizeof want / sizeof want[0]] = { 0 };
    for (size_t i = 0; i < n; i++) {
        int rel = xxgk_template_rule_relation(t, i);
        if (rel == XXGK_RELATION_NONE || rel == XXGK_RELATION_EACH_NONNEGATIVE)
            assert_int_equal(xxgk_template_rule_cell_count(t, i), 0);
        else
            assert_true(xxgk_template_rule_cell_count(t, i) >= 2);
        for (size_t k = 0; k < sizeof want / sizeof want[0]; k++)
            if (!strcmp(xxgk_template_rule_id(t, i), want[k].id)) {
                assert_int_equal(rel, want[k].relation);
                seen[k]++;
            }
    }
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++)
        assert_true(seen[k] > 0);
    assert_int_equal(xxgk_template_rule_relation(t, n), 0);
    assert_int_equal(xxgk_template_rule_relation(NULL, 0), 0);
    assert_string_equal(xxgk_relation_name(XXGK_RELATION_EQUAL), "equal");
    assert_string_equal(xxgk_relation_name(XXGK_RELATION_AT_LEAST), "at_least");
    assert_string_equal(xxgk_relation_name(XXGK_RELATION_EACH_NONNEGATIVE), "each_nonnegative");
    assert_string_equal(xxgk_relation_name(XXGK_RELATION_NONE), "none");
    assert_null(xxgk_relation_name(0));
    assert_null(xxgk_relation_name(5));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_paths),
        cmocka_unit_test(test_rules),
        cmocka_unit_test(test_rule_relations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
