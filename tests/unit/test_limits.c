/* SPDX-License-Identifier: MIT */
/* Limits, each with its code, message and place: input size, JSON nesting, line length in
 * CSV and text, numbers beyond a cell's range in every reader and setter, sums that
 * overflow. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static xxgk_parse_options *opts(int format)
{
    xxgk_parse_options *o;
    assert_int_equal(xxgk_parse_options_new(&o), 0);
    assert_int_equal(xxgk_parse_options_set_format(o, format), 0);
    return o;
}

static int parse(const char *doc, xxgk_parse_options *o)
{
    xxgk_report *r = (xxgk_report *)1;
    int rc = xxgk_report_parse(&r, doc, strlen(doc), o);
    if (rc)
        assert_null(r);
    xxgk_report_free(r);
    return rc;
}

static void place(long line, long col, long long off, const char *path, const char *msg)
{
    assert_int_equal(xxgk_error_line(), line);
    assert_int_equal(xxgk_error_column(), col);
    assert_int_equal(xxgk_error_offset(), off);
    assert_string_equal(xxgk_error_path(), path);
    assert_string_equal(xxgk_error_message(), msg);
}

static void test_input_size(void **state)
{
    (void)state;
    const char *doc = "{\"xxgk\": 1, \"template\": \"2021\"}";
    xxgk_parse_options *o = opts(XXGK_FORMAT_AUTO);
    assert_int_equal(xxgk_parse_options_set_max_size(o, 10), 0);
    assert_int_equal(parse(doc, o), XXGK_ELIMIT);
    place(0, 0, -1, "", "input of 31 bytes exceeds the limit of 10 bytes");
    /* exactly at the limit is accepted */
    assert_int_equal(xxgk_parse_options_set_max_size(o, 31), 0);
    assert_int_equal(parse(doc, o), 0);
    /* files are refused while being read, before the whole file is in memory */
    char path[] = "/tmp/xxgk-limit-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, doc, strlen(doc)), (ssize_t)strlen(doc));
    close(fd);
    assert_int_equal(xxgk_parse_options_set_max_size(o, 30), 0);
    xxgk_report *r = NULL;
    assert_int_equal(xxgk_report_read_file(&r, path, o), XXGK_ELIMIT);
    assert_null(r);
    char want[256];
    snprintf(want, sizeof want, "%s: larger than the limit of 30 bytes", path);
    assert_string_equal(xxgk_error_message(), want);
    unlink(path);
    /* the default is 64 MiB: 0 restores it */
    assert_int_equal(xxgk_parse_options_set_max_size(o, 0), 0);
    assert_int_equal(parse(doc, o), 0);
    xxgk_parse_options_free(o);
}

static void test_json_depth(void **state)
{
    (void)state;
    const char *deep = "{\"xxgk\": 1, \"template\": \"2021\", \"applications\": {\"new\": {\"total\": [[1]]}}}";
    xxgk_parse_options *o = opts(XXGK_FORMAT_JSON);
    assert_int_equal(xxgk_parse_options_set_max_depth(o, 3), 0);
    assert_int_equal(parse(deep, o), XXGK_ELIMIT);
    place(1, 67, 66, "$", "JSON nesting deeper than 3 levels");
    /* the default (32) lets the document through to the schema error */
    assert_int_equal(xxgk_parse_options_set_max_depth(o, 0), 0);
    assert_int_equal(parse(deep, o), XXGK_ESCHEMA);
    /* a hostile depth is refused before any parser recurses into it */
    size_t n = 1000000;
    char *bomb = malloc(2 * n + 1);
    assert_non_null(bomb);
    memset(bomb, '[', n);
    memset(bomb + n, ']', n);
    bomb[2 * n] = '\0';
    assert_int_equal(parse(bomb, o), XXGK_ELIMIT);
    place(1, 33, 32, "$", "JSON nesting deeper than 32 levels");
    free(bomb);
    xxgk_parse_options_free(o);
}

static void test_line_length(void **state)
{
    (void)state;
    xxgk_parse_options *o = opts(XXGK_FORMAT_CSV);
    assert_int_equal(xxgk_parse_options_set_max_line(o, 40), 0);
    const char *csv = "path,value\nmeta.template,2021\napplications.new.natural_person,5\n"
                      "applications.new.total,123456789012345678901234567890\n";
    assert_int_equal(parse(csv, o), XXGK_ELIMIT);
    place(4, 1, 64, "", "record longer than the limit of 40 bytes");
    xxgk_parse_options_free(o);
    o = opts(XXGK_FORMAT_TEXT);
    assert_int_equal(xxgk_parse_options_set_max_line(o, 40), 0);
    char txt[128];
    memset(txt, 'x', 100);
    strcpy(txt + 100, "\n");
    assert_int_equal(parse(txt, o), XXGK_ELIMIT);
    place(1, 1, 0, "", "line of 100 bytes exceeds the limit of 40 bytes");
    xxgk_parse_options_free(o);
}

static void test_numbers_beyond_range(void **state)
{
    (void)state;
    xxgk_parse_options *o = opts(XXGK_FORMAT_JSON);
    assert_int_equal(parse("{\"xxgk\": 1, \"template\": \"2021\", \"applications\": {\"new\": {\"total\": 9007199254740992}}}",
                           o),
                     XXGK_ERANGE);
    place(1, 67, 66, "$.applications.new.total",
          "$.applications.new.total: count 9007199254740992 is beyond +-(2^53-1)");
    /* 2^53-1 itself is a count */
    assert_int_equal(parse("{\"xxgk\": 1, \"template\": \"2021\", \"applications\": {\"new\": {\"total\": 9007199254740991}}}",
                           o),
                     0);
    assert_int_equal(parse("{\"xxgk\": 1, \"template\": \"2021\", \"proactive\": {\"fees\": {\"amount\": 99999999999999.5}}}", o),
                     XXGK_ERANGE);
    place(1, 66, 65, "$.proactive.fees.amount", "$.proactive.fees.amount: amount 99999999999999.5 is out of range");
    xxgk_parse_options_free(o);
    o = opts(XXGK_FORMAT_CSV);
    assert_int_equal(parse("path,value\nmeta.template,2021\napplications.new.total,9007199254740992\n", o), XXGK_ERANGE);
    place(3, 24, 53, "applications.new.total", "applications.new.total: 9007199254740992 is beyond +-(2^53-1)");
    xxgk_parse_options_free(o);
    /* the setters */
    xxgk_report *r = NULL;
    assert_int_equal(xxgk_report_new(&r, NULL), 0);
    size_t id = tu_id(r, "applications.new.total");
    assert_int_equal(xxgk_report_cell_set_count(r, id, 9007199254740992LL), XXGK_ERANGE);
    assert_string_equal(xxgk_error_message(), "applications.new.total: 9007199254740992 is beyond +-(2^53-1)");
    assert_int_equal(xxgk_report_cell_state(r, id), XXGK_CELL_BLANK);
    assert_int_equal(xxgk_report_cell_set_number_text(r, id, "9007199254740992"), XXGK_ERANGE);
    assert_int_equal(xxgk_report_cell_state(r, id), XXGK_CELL_BLANK);
    xxgk_report_free(r);
}

static void test_sum_overflow(void **state)
{
    (void)state;
    xxgk_report *a = NULL, *s = (xxgk_report *)1;
    assert_int_equal(xxgk_report_new(&a, NULL), 0);
    size_t id = tu_id(a, "applications.new.total");
    assert_int_equal(xxgk_report_cell_set_count(a, id, 9007199254740991LL), 0);
    const xxgk_report *v[2] = { a, a };
    assert_int_equal(xxgk_report_sum(&s, v, 2), XXGK_EOVERFLOW);
    assert_null(s);
    assert_string_equal(xxgk_error_path(), "applications.new.total");
    assert_string_equal(xxgk_error_message(), "applications.new.total: the sum overflows the cell's range");
    /* one at a time: the accumulator is left as it was */
    xxgk_sum *acc = NULL;
    assert_int_equal(xxgk_sum_new(&acc, NULL), 0);
    assert_int_equal(xxgk_sum_add(acc, a), 0);
    assert_int_equal(xxgk_sum_add(acc, a), XXGK_EOVERFLOW);
    assert_int_equal(xxgk_sum_count(acc), 1);
    assert_int_equal(xxgk_sum_finish(&s, acc), 0);
    int64_t got = 0;
    assert_int_equal(xxgk_report_cell_get_count(&got, s, id), 0);
    assert_int_equal(got, 9007199254740991LL);
    xxgk_report_free(s);
    xxgk_sum_free(acc);
    xxgk_report_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_input_size),
        cmocka_unit_test(test_json_depth),
        cmocka_unit_test(test_line_length),
        cmocka_unit_test(test_numbers_beyond_range),
        cmocka_unit_test(test_sum_overflow),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
