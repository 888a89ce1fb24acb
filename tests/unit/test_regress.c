/* SPDX-License-Identifier: MIT */
/* Inputs the fuzzers once crashed on: tests/data/<reader>/regress/<case>.<ext>, each read with
 * its reader forced (and checked, when it reads), and <case>.expected holding the exact
 * outcome: the status code on the first line, then the error message (or, for 0, the
 * report's canonical JSON). A reader not in this build is skipped and named. */
#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_dir(const char *reader, int format)
{
    char dir[512];
    snprintf(dir, sizeof dir, "%s/regress", reader);
    DIR *d = opendir(tu_data(dir));
    if (!d)
        return 0;
    int cases = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *dot = strrchr(e->d_name, '.');
        if (e->d_name[0] == '.' || !dot || !strcmp(dot, ".expected"))
            continue;
        char rel[1024], exp_rel[1024];
        snprintf(rel, sizeof rel, "%s/%s", dir, e->d_name);
        snprintf(exp_rel, sizeof exp_rel, "%s/%.*s.expected", dir, (int)(dot - e->d_name), e->d_name);
        size_t n;
        char *in = tu_slurp(tu_data(rel), &n);
        char *want = tu_slurp(tu_data(exp_rel), NULL);
        xxgk_parse_options *o;
        assert_int_equal(xxgk_parse_options_new(&o), 0);
        assert_int_equal(xxgk_parse_options_set_format(o, format), 0);
        xxgk_report *r = NULL;
        int rc = xxgk_report_parse(&r, in, n, o);
        xxgk_parse_options_free(o);
        if (rc == XXGK_EFORMAT && strstr(xxgk_error_message(), "not available")) {
            printf("[  SKIP    ] %s: %s\n", rel, xxgk_error_message());
            free(in);
            free(want);
            continue;
        }
        char got[65536];
        if (rc == 0) {
            /* the fuzzers check and write what was read: so does this */
            xxgk_findings *f = NULL;
            assert_int_equal(xxgk_check(&f, r, NULL), 0);
            xxgk_findings_free(f);
            char *j = tu_json(r);
            snprintf(got, sizeof got, "0\n%s", j);
            xxgk_free(j);
        } else {
            assert_null(r);
            snprintf(got, sizeof got, "%d\n%s\n", rc, xxgk_error_message());
        }
        if (strcmp(got, want) != 0)
            fail_msg("%s: got\n%s\nwant\n%s", rel, got, want);
        xxgk_report_free(r);
        free(in);
        free(want);
        cases++;
    }
    closedir(d);
    return cases;
}

static void test_regressions(void **state)
{
    (void)state;
    int n = check_dir("json", XXGK_FORMAT_JSON);
    assert_true(n >= 1);
    n += check_dir("csv", XXGK_FORMAT_CSV);
    n += check_dir("csv-wide", XXGK_FORMAT_CSV_WIDE);
    n += check_dir("text", XXGK_FORMAT_TEXT);
    printf("%d regression inputs\n", n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_regressions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
