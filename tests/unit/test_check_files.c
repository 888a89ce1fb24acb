/* SPDX-License-Identifier: MIT */
/* xxgk_check_files: many files read and checked in the library's threads, results in input
 * order whatever the number of threads, one entry per report, failures as entries; and the
 * bulk cell accessor xxgk_report_cell_get_all. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "xxgk.h"

static char dir[64], csv[128], missing[128];
static const char *paths[5];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/xxgk-test-files.XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(csv, sizeof csv, "%s/many.csv", dir);
    snprintf(missing, sizeof missing, "%s/missing.json", dir);
    FILE *fp = fopen(csv, "w");
    if (!fp)
        return -1;
    fputs("report,path,value\n"
          "a,meta.template,2021\na,applications.new.natural_person,1\na,applications.new.total,5\n"
          "b,meta.template,2021\nb,applications.new.total,1.5\n"
          "c,meta.template,2019\nc,meta.agency,某局\n", fp);
    fclose(fp);
    paths[0] = tu_src("examples/data/hongze-district-2023.json");
    paths[1] = missing;
    paths[2] = csv;
    paths[3] = tu_src("examples/data/kundulun-xinfang-2023.json");
    paths[4] = tu_src("tests/data/cli/inputs/bad-year.json");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unlink(csv);
    return rmdir(dir);
}

/* The findings of entry i, as text to compare. */
static char *findings_text(const xxgk_findings *f)
{
    size_t cap = 1 << 16, len = 0;
    char *s = calloc(1, cap);
    for (size_t i = 0; i < xxgk_findings_count(f) && len + 600 < cap; i++)
        len += (size_t)snprintf(s + len, cap - len, "%s|%s|%ld\n", xxgk_finding_rule(f, i),
                                xxgk_finding_message_en(f, i), xxgk_finding_line(f, i));
    return s;
}

static void test_entries(void **state)
{
    (void)state;
    xxgk_results *res = NULL;
    assert_int_equal(xxgk_check_files(&res, paths, 5, 1, NULL, NULL), 0);
    assert_int_equal(xxgk_results_count(res), 7);
    static const size_t file[] = { 0, 1, 2, 2, 2, 3, 4 };
    static const char *const id[] = { "", "", "a", "b", "c", "", "" };
    static const int err[] = { 0, XXGK_EIO, 0, XXGK_ESCHEMA, 0, 0, XXGK_ESCHEMA };
    for (size_t i = 0; i < 7; i++) {
        assert_int_equal(xxgk_results_file(res, i), file[i]);
        assert_string_equal(xxgk_results_report_id(res, i), id[i]);
        assert_int_equal(xxgk_results_error(res, i), err[i]);
        assert_non_null(xxgk_results_findings(res, i));
    }
    char want[200];
    snprintf(want, sizeof want, "%s: No such file or directory", missing);
    assert_string_equal(xxgk_results_error_message(res, 1), want);
    assert_int_equal(xxgk_findings_count(xxgk_results_findings(res, 1)), 0);
    assert_string_equal(xxgk_results_template(res, 1), "");
    assert_int_equal(xxgk_results_error_line(res, 3), 6);
    assert_string_equal(xxgk_results_error_message(res, 4), "");
    assert_int_equal(xxgk_results_error_line(res, 6), 2);
    assert_int_equal(xxgk_results_error_column(res, 6), 11);
    assert_string_equal(xxgk_results_template(res, 0), "2021");
    assert_int_equal(xxgk_results_year(res, 0), 2023);
    assert_string_equal(xxgk_results_agency(res, 0), "淮安市洪泽区人民政府");
    assert_string_equal(xxgk_results_template(res, 4), "2019");
    assert_string_equal(xxgk_results_agency(res, 4), "某局");
    /* the findings are xxgk_check's */
    xxgk_report *r = tu_load(paths[0]);
    xxgk_findings *f = NULL;
    assert_int_equal(xxgk_check(&f, r, NULL), 0);
    char *a = findings_text(f), *b = findings_text(xxgk_results_findings(res, 0));
    assert_string_equal(a, b);
    free(a);
    free(b);
    xxgk_findings_free(f);
    xxgk_report_free(r);
    /* out of range */
    assert_int_equal(xxgk_results_file(res, 7), SIZE_MAX);
    assert_null(xxgk_results_report_id(res, 7));
    assert_null(xxgk_results_findings(res, 7));
    xxgk_results_free(res);
    xxgk_results_free(NULL);
}

/* The same results with 1, 2, 3 and 8 threads (and 0: one per core). */
static void test_threads_agree(void **state)
{
    (void)state;
    const char *many[40];
    for (size_t i = 0; i < 40; i++)
        many[i] = paths[i % 5];
    char *first = NULL;
    static const int jobs[] = { 1, 2, 3, 8, 0 };
    for (size_t k = 0; k < 5; k++) {
        xxgk_results *res = NULL;
        assert_int_equal(xxgk_check_files(&res, many, 40, jobs[k], NULL, NULL), 0);
        size_t cap = 1 << 20, len = 0;
        char *all = calloc(1, cap);
        for (size_t i = 0; i < xxgk_results_count(res); i++) {
            char *ft = findings_text(xxgk_results_findings(res, i));
            len += (size_t)snprintf(all + len, cap - len, "%zu %s %d %s\n%s", xxgk_results_file(res, i),
                                    xxgk_results_report_id(res, i), xxgk_results_error(res, i),
                                    xxgk_results_error_message(res, i), ft);
            free(ft);
        }
        assert_int_equal(xxgk_results_count(res), 56);
        if (!first)
            first = all;
        else {
            assert_string_equal(all, first);
            free(all);
        }
        xxgk_results_free(res);
    }
    free(first);
}

static void test_arguments_and_oom(void **state)
{
    (void)state;
    xxgk_results *res = (xxgk_results *)paths;
    assert_int_equal(xxgk_check_files(NULL, paths, 1, 1, NULL, NULL), XXGK_EINVAL);
    assert_int_equal(xxgk_check_files(&res, NULL, 1, 1, NULL, NULL), XXGK_EINVAL);
    assert_null(res);
    assert_int_equal(xxgk_check_files(&res, paths, 0, 1, NULL, NULL), 0);
    assert_int_equal(xxgk_results_count(res), 0);
    xxgk_results_free(res);
    /* every allocation that fails makes the call XXGK_ENOMEM, leaking nothing */
    xx_alloc_fail_at(0);
    assert_int_equal(xxgk_check_files(&res, paths, 5, 1, NULL, NULL), 0);
    long total = xx_alloc_fail_at(0);
    xxgk_results_free(res);
    for (long n = 1; n <= total; n++) {
        xx_alloc_fail_at(n);
        int rc = xxgk_check_files(&res, paths, 5, 1, NULL, NULL);
        xx_alloc_fail_at(0);
        if (rc != XXGK_ENOMEM)
            fail_msg("allocation %ld of %ld failed, the call returned %d", n, total, rc);
        assert_null(res);
    }
}

static void test_cell_get_all(void **state)
{
    (void)state;
    xxgk_report *r = tu_load(tu_src("examples/data/hongze-district-2023.json"));
    const xxgk_template *t = xxgk_report_template(r);
    size_t n = xxgk_template_cell_count_all(t);
    unsigned char *states = calloc(n, 1);
    int64_t *values = calloc(n, sizeof *values);
    assert_int_equal(xxgk_report_cell_get_all(states, values, n, r), 0);
    for (size_t id = 0; id < n; id++) {
        assert_int_equal(states[id], xxgk_report_cell_state(r, id));
        int64_t v = 0;
        if (states[id] == XXGK_CELL_NUMBER && xxgk_template_cell_kind(t, id) == XXGK_KIND_AMOUNT)
            assert_int_equal(xxgk_report_cell_get_micros(&v, r, id), 0);
        else if (states[id] == XXGK_CELL_NUMBER)
            assert_int_equal(xxgk_report_cell_get_count(&v, r, id), 0);
        assert_int_equal(values[id], v);
    }
    assert_int_equal(xxgk_report_cell_get_all(states, values, n + 1, r), XXGK_EINVAL);
    assert_int_equal(xxgk_report_cell_get_all(NULL, values, n, r), XXGK_EINVAL);
    assert_int_equal(xxgk_report_cell_get_all(NULL, NULL, 0, r), 0);
    free(states);
    free(values);
    xxgk_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_entries),
        cmocka_unit_test(test_threads_agree),
        cmocka_unit_test(test_arguments_and_oom),
        cmocka_unit_test(test_cell_get_all),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
