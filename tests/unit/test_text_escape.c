/* SPDX-License-Identifier: MIT */
/* The text and Markdown writers never change a value: what they write reads back as the
 * same tokens ("1,000" is no number, "12 " keeps its space, | and line breaks stay), and
 * Markdown escapes what a renderer would run (<script>, <img onerror>, [links](…)) in
 * everything it writes from a report, readable back losslessly. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

static const char *const tokens[] = {
    "1,000", "12 ", " 7", "a|b", "第一行\n第二行", "１２", "\"quoted\"", "back\\slash", "a\\|b",
    "tab\there", "不适用", "-", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))", "&lt;", "1e3", "\"", "减4",
};

static xxgk_report *tricky(void)
{
    xxgk_report *r = NULL;
    assert_int_equal(xxgk_report_new(&r, xxgk_template_get("2021")), 0);
    assert_int_equal(xxgk_report_set_title(r, "某局2023年政府信息公开工作年度报告<b>&amp;</b>"), 0);
    assert_int_equal(xxgk_report_set_agency(r, "某局"), 0);
    assert_int_equal(xxgk_report_set_year(r, 2023), 0);
    assert_int_equal(xxgk_report_set_section(r, "overview", "全年公开<script>x()</script> & [链接](javascript:y)。"), 0);
    const xxgk_template *t = xxgk_report_template(r);
    size_t n = xxgk_template_cell_count(t);
    for (size_t id = 0; id < n; id++) {
        size_t k = id % (sizeof tokens / sizeof *tokens + 1);
        if (k < sizeof tokens / sizeof *tokens)
            assert_int_equal(xxgk_report_cell_set_token(r, id, tokens[k]), 0);
        else
            assert_int_equal(xxgk_report_cell_set_count(r, id, (int64_t)id * 1000), 0);
    }
    return r;
}

static char *write_as(const xxgk_report *r, int format)
{
    xxgk_write_options *o;
    char *out = NULL;
    assert_int_equal(xxgk_write_options_new(&o), 0);
    assert_int_equal(xxgk_write_options_set_format(o, format), 0);
    assert_int_equal(xxgk_report_write(&out, NULL, r, o), 0);
    xxgk_write_options_free(o);
    return out;
}

static void round_trip(int format)
{
    xxgk_report *r = tricky();
    char *text = write_as(r, format);
    xxgk_report *back = tu_parse_str(text, format);
    const xxgk_template *t = xxgk_report_template(r);
    for (size_t id = 0; id < xxgk_template_cell_count(t); id++) {
        char a[256], b[256];
        xxgk_report_cell_format(a, sizeof a, r, id);
        xxgk_report_cell_format(b, sizeof b, back, id);
        if (xxgk_report_cell_state(r, id) != xxgk_report_cell_state(back, id) || strcmp(a, b) != 0)
            fail_msg("%s: wrote '%s' (%d), read '%s' (%d)\n%s", xxgk_template_cell_path(t, id), a,
                     xxgk_report_cell_state(r, id), b, xxgk_report_cell_state(back, id), text);
    }
    assert_string_equal(xxgk_report_title(back), xxgk_report_title(r));
    assert_string_equal(xxgk_report_section(back, "overview"), xxgk_report_section(r, "overview"));
    xxgk_report_free(back);
    xxgk_report_free(r);
    xxgk_free(text);
}

static void test_text_round_trip_keeps_tokens(void **state)
{
    (void)state;
    round_trip(XXGK_FORMAT_TEXT);
}

static void test_markdown_round_trip_keeps_tokens(void **state)
{
    (void)state;
    round_trip(XXGK_FORMAT_MARKDOWN);
}

static void test_markdown_runs_nothing(void **state)
{
    (void)state;
    xxgk_report *r = tricky();
    char *md = write_as(r, XXGK_FORMAT_MARKDOWN);
    assert_null(strstr(md, "<script"));
    assert_null(strstr(md, "<img"));
    assert_null(strstr(md, "<b>"));
    assert_null(strstr(md, "](javascript"));
    assert_non_null(strstr(md, "&lt;script&gt;"));
    xxgk_free(md);
    /* the text form is plain text: written as it is */
    char *txt = write_as(r, XXGK_FORMAT_TEXT);
    assert_non_null(strstr(txt, "全年公开<script>x()</script> & [链接](javascript:y)。"));
    xxgk_free(txt);
    xxgk_report_free(r);
}

static void test_quoted_and_escaped_cells(void **state)
{
    (void)state;
    /* a quoted cell is a token, never a number; \| is a bar inside a cell */
    xxgk_report *r = tu_parse_str("二、主动公开政府信息情况\n"
                                  "规章 | \"1,000\" | a\\|b | \"第一\\n第二\" |\n",
                                  XXGK_FORMAT_TEXT);
    char v[64];
    xxgk_report_cell_format(v, sizeof v, r, tu_id(r, "proactive.regulations.issued"));
    assert_string_equal(v, "1,000");
    assert_int_equal(xxgk_report_cell_state(r, tu_id(r, "proactive.regulations.issued")), XXGK_CELL_TOKEN);
    xxgk_report_cell_format(v, sizeof v, r, tu_id(r, "proactive.regulations.repealed"));
    assert_string_equal(v, "a|b");
    xxgk_report_cell_format(v, sizeof v, r, tu_id(r, "proactive.regulations.in_force"));
    assert_string_equal(v, "第一\n第二");
    xxgk_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_round_trip_keeps_tokens),
        cmocka_unit_test(test_markdown_round_trip_keeps_tokens),
        cmocka_unit_test(test_markdown_runs_nothing),
        cmocka_unit_test(test_quoted_and_escaped_cells),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
