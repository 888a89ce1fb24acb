/* SPDX-License-Identifier: MIT */
/* A long CSV read report by report goes on after a malformed record (a stray quote, a quote
 * never closed, a NUL): that report fails, named, and the reader resumes at the next line
 * that begins another report, so that no report after it is lost unsaid. */
#include "testutil.h"

#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The reader's run over csv: "id" per report read, "id!LINE" per failure (and the last
 * failure's message in msg), space-separated. */
static char *run(const char *csv, char *msg, size_t msgn)
{
    static char out[512];
    out[0] = '\0';
    if (msg)
        msg[0] = '\0';
    xxgk_reader *rd = NULL;
    assert_int_equal(xxgk_reader_open(&rd, csv, strlen(csv), NULL), 0);
    for (int i = 0; i < 20; i++) {
        xxgk_report *r = NULL;
        int rc = xxgk_reader_next(&r, rd);
        if (rc == 1)
            break;
        size_t n = strlen(out);
        if (rc == 0) {
            snprintf(out + n, sizeof out - n, "%s%s", n ? " " : "", xxgk_reader_report_id(rd));
            xxgk_report_free(r);
        } else {
            assert_null(r);
            snprintf(out + n, sizeof out - n, "%s%s!%ld", n ? " " : "", xxgk_reader_report_id(rd), xxgk_error_line());
            if (msg)
                snprintf(msg, msgn, "%s", xxgk_error_message());
        }
    }
    xxgk_reader_free(rd);
    return out;
}

#define HEAD "report,path,value\n"

static void test_stray_quote_in_the_middle(void **state)
{
    (void)state;
    char msg[1200];
    /* b's second row; b's rows after it are passed, c and d are read */
    assert_string_equal(run(HEAD "a,meta.template,2021\n"
                                 "b,meta.template,2021\nb,meta.agency,\"x\"y\nb,meta.year,2023\n"
                                 "c,meta.template,2021\nc,applications.new.total,3\nd,meta.template,2019\n",
                            msg, sizeof msg),
                        "a b!4 c d");
    assert_string_equal(msg, "expected ',' or the end of the line after a closing quote; the reader goes on "
                             "with the next report, at line 6");
    assert_string_equal(xxgk_error_message_zh(), "右引号之后应为“,”或行尾；从第 6 行的下一份报告起继续读取");
    /* the last report: nothing after it, nothing more said */
    assert_string_equal(run(HEAD "a,meta.template,2021\nb,meta.template,2021\nb,meta.agency,\"x\"y\nb,meta.year,2023\n",
                            msg, sizeof msg),
                        "a b!4");
    assert_string_equal(msg, "expected ',' or the end of the line after a closing quote");
}

static void test_quote_never_closed(void **state)
{
    (void)state;
    char msg[1200];
    /* the quote would swallow c's rows up to the end: c is read from its own line */
    assert_string_equal(run(HEAD "b,meta.template,2021\nb,section.overview,\"abc\nb,meta.year,2023\n"
                                 "c,meta.template,2021\nc,applications.new.total,3\n",
                            msg, sizeof msg),
                        "b!3 c");
    assert_string_equal(msg, "unterminated quoted field (expected a closing '\"'); the reader goes on with the "
                             "next report, at line 5");
    /* ... or up to a quote of a later report: the reports in between are read too */
    assert_string_equal(run(HEAD "b,meta.template,2021\nb,section.overview,\"abc\n"
                                 "c,meta.template,2021\nd,meta.template,2021\nd,meta.agency,\"D\"\n",
                            msg, sizeof msg),
                        "b!6 c d");
    assert_string_equal(msg, "expected ',' or the end of the line after a closing quote (in the record that "
                             "begins at line 3); the reader goes on with the next report, at line 4");
}

static void test_first_record_of_a_report(void **state)
{
    (void)state;
    /* c's first record is malformed: b is whole, c fails at its line, d is read */
    assert_string_equal(run(HEAD "b,meta.template,2021\nb,meta.year,2023\n"
                                 "c,meta.agency,\"x\"y\nc,meta.template,2021\nd,meta.template,2021\n",
                            NULL, 0),
                        "b c!4 d");
    /* two malformed reports in a row, each named */
    assert_string_equal(run(HEAD "a,meta.template,2021\na,meta.agency,\"x\"y\n"
                                 "b,meta.agency,\"y\"z\nb,meta.template,2021\nc,meta.template,2021\n",
                            NULL, 0),
                        "a!3 b!4 c");
    /* after a report that failed on a well-formed row, a malformed row of it is passed too */
    assert_string_equal(run(HEAD "a,meta.template,2021\na,applications.new.tota!,1\na,meta.agency,\"x\"y\n"
                                 "b,meta.template,2021\n",
                            NULL, 0),
                        "a!3 b");
    /* ... and a malformed first row of the report after it is named */
    assert_string_equal(run(HEAD "a,meta.template,2021\na,applications.new.tota!,1\n"
                                 "b,meta.agency,\"x\"y\nc,meta.template,2021\n",
                            NULL, 0),
                        "a!3 b!4 c");
}

static void test_what_is_passed(void **state)
{
    (void)state;
    /* a well-formed row of the failed report is passed whole: a line inside its quotes that
     * looks like a record of another report is no report */
    assert_string_equal(run(HEAD "b,meta.template,2021\nb,meta.agency,\"x\"y\n"
                                 "b,section.overview,\"one\nc,meta.template,2021\"\n"
                                 "d,meta.template,2021\n",
                            NULL, 0),
                        "b!3 d");
    /* a record whose report id cannot be read belongs to the report before it: that report
     * fails there, and its own rows after it are passed */
    assert_string_equal(run(HEAD "a,meta.template,2021\n\"a\"x,meta.year,2023\na,meta.agency,A\n"
                                 "b,meta.template,2021\n",
                            NULL, 0),
                        "a!3 b");
    /* a NUL and a lone carriage return are malformed records too */
    static const char nul[] = HEAD "a,meta.template,2021\na,meta.agency,x\0y\nb,meta.template,2021\n";
    xxgk_reader *rd = NULL;
    xxgk_report *r = NULL;
    assert_int_equal(xxgk_reader_open(&rd, nul, sizeof nul - 1, NULL), 0);
    assert_int_equal(xxgk_reader_next(&r, rd), XXGK_EPARSE);
    assert_string_equal(xxgk_reader_report_id(rd), "a");
    assert_int_equal(xxgk_reader_next(&r, rd), 0);
    assert_string_equal(xxgk_reader_report_id(rd), "b");
    xxgk_report_free(r);
    assert_int_equal(xxgk_reader_next(&r, rd), 1);
    xxgk_reader_free(rd);
    assert_string_equal(run(HEAD "a,meta.template,2021\na,meta.agency,x\ry\nb,meta.template,2021\n", NULL, 0),
                        "a!3 b");
}

/* One report read alone (xxgk_report_parse) still fails on a malformed record, as before. */
static void test_one_report(void **state)
{
    (void)state;
    const char *csv = HEAD "a,meta.template,2021\na,meta.agency,\"x\"y\n";
    xxgk_report *r = NULL;
    assert_int_equal(xxgk_report_parse(&r, csv, strlen(csv), NULL), XXGK_EPARSE);
    assert_null(r);
    assert_string_equal(xxgk_error_message(), "expected ',' or the end of the line after a closing quote");
}

/* Many malformed lines cost each its own line: a long run of them is read in linear time
 * (a scan from the input's start per error took 40 s here). */
static void test_many_malformed_lines(void **state)
{
    (void)state;
    enum { N = 100000 };
    const char row[] = "a,meta.agency,\"x\"y\n";
    size_t len = strlen(HEAD "a,meta.template,2021\n") + N * (sizeof row - 1) + strlen("b,meta.template,2021\n");
    char *csv = malloc(len + 1);
    assert_non_null(csv);
    char *p = csv + sprintf(csv, HEAD "a,meta.template,2021\n");
    for (int i = 0; i < N; i++)
        p += sprintf(p, "%s", row);
    sprintf(p, "b,meta.template,2021\n");
    char msg[1200];
    char want[64];
    snprintf(want, sizeof want, "a!3 b");
    assert_string_equal(run(csv, msg, sizeof msg), want);
    snprintf(want, sizeof want, "at line %d", N + 3);
    assert_non_null(strstr(msg, want));
    free(csv);
}

/* Out of memory anywhere while resuming: XXGK_ENOMEM, nothing leaked. */
static void test_oom(void **state)
{
    (void)state;
    const char *csv = HEAD "a,meta.template,2021\na,meta.agency,\"x\"y\na,meta.year,2023\n"
                           "b,meta.agency,\"y\"z\nc,meta.template,2021\n";
    for (long n = 1;; n++) {
        xxgk_reader *rd = NULL;
        xx_alloc_fail_at(n);
        int rc = xxgk_reader_open(&rd, csv, strlen(csv), NULL);
        int got = 0, failed = 0;
        while (rc == 0 || rc == XXGK_EPARSE) {
            xxgk_report *r = NULL;
            rc = xxgk_reader_next(&r, rd);
            if (rc == 0)
                got++;
            if (rc == XXGK_EPARSE)
                failed++;
            xxgk_report_free(r);
        }
        long used = xx_alloc_fail_at(0);
        xxgk_reader_free(rd);
        if (rc == 1 && used < n) {
            assert_int_equal(got, 1);
            assert_int_equal(failed, 2);
            break;
        }
        assert_true(rc == 1 || rc == XXGK_ENOMEM);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stray_quote_in_the_middle),
        cmocka_unit_test(test_quote_never_closed),
        cmocka_unit_test(test_first_record_of_a_report),
        cmocka_unit_test(test_what_is_passed),
        cmocka_unit_test(test_one_report),
        cmocka_unit_test(test_many_malformed_lines),
        cmocka_unit_test(test_oom),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
