/* SPDX-License-Identifier: MIT */
/* The text reader on the shapes real agencies publish (issue 13), each in a few lines: an
 * empty cell as a lone `|` line, values that run on past their row (rows interleaved by an
 * extractor), the table's heading as the anchor before its first row. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_lone_bar_is_an_empty_cell(void **state)
{
    (void)state;
    /* every cell line ends with its `|`: a `|` alone closes an empty cell; `||` ends a row */
    xxgk_report *r = tu_parse_str("二、主动公开政府信息情况\n"
                                  "第二十条第(五)项 |\n||||\n信息内容 |\n上一年项目数量 |\n本年增/减 |\n处理决定数量 |\n|\n"
                                  "行政许可 |\n4 |\n|\n5 |\n|\n"
                                  "其他对外管理服务事项 |\n0 |\n|\n0 |\n|\n"
                                  "第二十条第(六)项 |\n||||\n"
                                  "行政处罚 |\n7 |\n|\n8 |\n|\n",
                                  XXGK_FORMAT_TEXT);
    assert_string_equal(xxgk_template_id(xxgk_report_template(r)), "2019");
    assert_int_equal(tu_count(r, "proactive.licensing.previous"), 4);
    assert_true(tu_blank(r, "proactive.licensing.change"));
    assert_int_equal(tu_count(r, "proactive.licensing.decisions"), 5);
    assert_true(tu_blank(r, "proactive.other_services.change"));
    assert_int_equal(tu_count(r, "proactive.other_services.decisions"), 0);
    assert_int_equal(tu_count(r, "proactive.punishment.decisions"), 8);
    xxgk_report_free(r);
    /* a run of bars after too few values ends the row: it is not filled with blanks, not read */
    r = tu_parse_str("三、收到和处理政府信息公开申请情况\n"
                     "一、本年新收政府信息公开申请数量 |\n3 |\n3 |\n|||||||\n"
                     "二、上年结转政府信息公开申请数量 |\n0 |\n0 |\n|||||||\n",
                     XXGK_FORMAT_TEXT);
    assert_true(tu_unread(r, "applications.new.natural_person"));
    assert_true(tu_unread(r, "applications.new.commercial"));
    char *d = tu_diag_text(r);
    assert_non_null(strstr(d, "2:1 READ.ROW_INCOMPLETE warning"));
    free(d);
    xxgk_report_free(r);
    /* a value line then a `|` line: the bar only separates */
    r = tu_parse_str("二、主动公开政府信息情况\n规章\n|\n1\n|\n2\n|\n3\n|\n行政规范性文件\n|\n4\n|\n5\n|\n6\n|\n",
                     XXGK_FORMAT_TEXT);
    assert_int_equal(tu_count(r, "proactive.regulations.issued"), 1);
    assert_int_equal(tu_count(r, "proactive.regulations.in_force"), 3);
    assert_int_equal(tu_count(r, "proactive.normative_documents.repealed"), 5);
    xxgk_report_free(r);
}

static void test_values_running_on_are_not_a_row(void **state)
{
    (void)state;
    /* a label, then blocks of 5 values per column (an extractor's column-major order): the
     * first 7 are not the row */
    const char *text = "三、收到和处理政府信息公开申请情况\n"
                       "1.信访举报投诉类申请\n0\n"
                       "3.要求提供公开出版物\n\n"
                       "1\n0\n1\n0\n0\n\n0\n0\n0\n0\n0\n\n0\n0\n0\n0\n0\n\n0\n0\n0\n0\n0\n\n"
                       "0\n0\n0\n0\n0\n\n0\n0\n0\n0\n0\n\n1\n0\n1\n0\n0\n\n"
                       "4.无正当理由大量反复申请\n";
    xxgk_report *r = tu_parse_str(text, XXGK_FORMAT_TEXT);
    assert_true(tu_unread(r, "applications.not_processed.publication.natural_person"));
    assert_true(tu_unread(r, "applications.not_processed.publication.research"));
    assert_true(tu_unread(r, "applications.not_processed.publication.total"));
    char *d = tu_diag_text(r);
    assert_non_null(strstr(d, "4:1 READ.UNPLACED warning"));
    free(d);
    xxgk_report_free(r);
    /* a row of one value per paragraph, then values in blocks of another size: the row
     * stands (the layout changes), the blocks are not read */
    r = tu_parse_str("三、收到和处理政府信息公开申请情况\n"
                     "（二）部分公开\n\n9\n\n0\n\n0\n\n0\n\n0\n\n0\n\n9\n\n"
                     "0\n0\n1\n\n0\n0\n0\n\n0\n0\n0\n\n0\n0\n0\n\n0\n0\n0\n\n0\n0\n0\n\n0\n0\n1\n\n"
                     "4.保护第三方合法权益\n0\n0\n0\n0\n0\n0\n0\n",
                     XXGK_FORMAT_TEXT);
    assert_int_equal(tu_count(r, "applications.partially_granted.natural_person"), 9);
    assert_int_equal(tu_count(r, "applications.partially_granted.total"), 9);
    assert_true(tu_unread(r, "applications.denied.state_secret.natural_person"));
    assert_int_equal(tu_count(r, "applications.denied.third_party_rights.total"), 0);
    xxgk_report_free(r);
}

static void test_heading_anchors_the_first_row(void **state)
{
    (void)state;
    /* values before any row label, right after the table's heading and header: the first
     * template row, proven by the next label */
    xxgk_report *r = tu_parse_str("三、收到和处理政府信息公开申请情况\n申请人情况\n自然人\n总计\n\n"
                                  "95\n\n0\n\n0\n\n0\n\n0\n\n0\n\n95\n\n"
                                  "二、上年结转政府信息公开申请数量\n\n1\n\n0\n\n0\n\n0\n\n0\n\n0\n\n1\n",
                                  XXGK_FORMAT_TEXT);
    assert_int_equal(tu_count(r, "applications.new.natural_person"), 95);
    assert_int_equal(tu_count(r, "applications.new.total"), 95);
    assert_int_equal(tu_count(r, "applications.carried_over.total"), 1);
    char *d = tu_diag_text(r);
    assert_non_null(strstr(d, "6:1 READ.ORDER info"));
    free(d);
    xxgk_report_free(r);
    /* an excerpt that starts inside the table (no heading): no anchor before the values */
    r = tu_parse_str("95\n0\n0\n0\n0\n0\n95\n二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n",
                     XXGK_FORMAT_TEXT);
    assert_true(tu_unread(r, "applications.new.natural_person"));
    xxgk_report_free(r);
}

static void test_review_table_variants(void **state)
{
    (void)state;
    /* the heading without 和, space-separated values under a torn header */
    xxgk_report *r = tu_parse_str("四、因政府信息公开工作被申请行政复议提起行政诉讼情况\n"
                                  "行政复议 行政诉讼\n结果 结果 其他 尚未 总\n"
                                  "1 0 0 0 1 0 0 0 0 0 2 0 0 0 2\n",
                                  XXGK_FORMAT_TEXT);
    assert_int_equal(tu_count(r, "review_litigation.review.total"), 1);
    assert_int_equal(tu_count(r, "review_litigation.litigation_after_review.upheld"), 2);
    xxgk_report_free(r);
    /* three 5-column tables under their group headings */
    r = tu_parse_str("## 四、政府信息公开行政复议、行政诉讼情况\n\n### 行政复议\n"
                     "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n|---|---|---|---|---|\n| 27 | 10 | 9 | 15 | 61 |\n\n"
                     "### 行政诉讼（未经复议直接起诉）\n"
                     "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n|---|---|---|---|---|\n| 3 | 0 | 0 | 0 | 3 |\n\n"
                     "### 行政诉讼（复议后起诉）\n"
                     "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n|---|---|---|---|---|\n| 8 | 0 | 1 | 1 | 10 |\n",
                     XXGK_FORMAT_MARKDOWN);
    assert_int_equal(tu_count(r, "review_litigation.review.total"), 61);
    assert_int_equal(tu_count(r, "review_litigation.litigation_direct.upheld"), 3);
    assert_int_equal(tu_count(r, "review_litigation.litigation_after_review.pending"), 1);
    xxgk_report_free(r);
    /* a label alone on its line, then values with no header between: a torn label proves
     * nothing */
    r = tu_parse_str("三、收到和处理政府信息公开申请情况\n"
                     "| 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
                     "5.属于三类内部事务信息\n"
                     "| 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
                     "| 8.属于行政查询事项 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n",
                     XXGK_FORMAT_MARKDOWN);
    assert_true(tu_unread(r, "applications.denied.internal_affairs.total"));
    xxgk_report_free(r);
}

static void test_header_fragments_need_proof(void **state)
{
    (void)state;
    const char *head = "四、政府信息公开行政复议、行政诉讼情况\n"
                       "| 维持 | 纠正 | 结果 | 审结 | 总计 | 总计 |\n|---|---|---|---|---|---|\n";
    char text[512];
    snprintf(text, sizeof text, "%s| 40 | 0 | 10 | 5 | 55 | 2 | 0 | 4 | 6 | 12 | 6 | 0 | 9 | 7 | 22 |\n", head);
    xxgk_report *r = tu_parse_str(text, XXGK_FORMAT_MARKDOWN);
    assert_int_equal(tu_count(r, "review_litigation.review.total"), 55);
    assert_int_equal(tu_count(r, "review_litigation.litigation_after_review.total"), 22);
    char *d = tu_diag_text(r);
    assert_non_null(strstr(d, "2:23 READ.HEADER info"));
    free(d);
    xxgk_report_free(r);
    /* a total that does not hold: the fragment proves no order, the row is not read */
    snprintf(text, sizeof text, "%s| 40 | 0 | 10 | 5 | 54 | 2 | 0 | 4 | 6 | 12 | 6 | 0 | 9 | 7 | 22 |\n", head);
    r = tu_parse_str(text, XXGK_FORMAT_MARKDOWN);
    assert_true(tu_unread(r, "review_litigation.review.upheld"));
    assert_true(tu_unread(r, "review_litigation.litigation_after_review.total"));
    xxgk_report_free(r);
    /* one cell per line: a column's label among the values is no cell, and the totals must
     * hold */
    r = tu_parse_str("四、政府信息公开行政复议、行政诉讼情况\n行政复议\n结果\n维持\n\n"
                     "1\n\n1\n\n0\n\n0\n\n2\n\n1\n\n0\n\n0\n\n0\n\n1\n\n2\n\n0\n\n1\n\n0\n\n总计\n\n3\n",
                     XXGK_FORMAT_TEXT);
    assert_int_equal(tu_count(r, "review_litigation.review.total"), 2);
    assert_int_equal(tu_count(r, "review_litigation.litigation_after_review.total"), 3);
    xxgk_report_free(r);
    r = tu_parse_str("四、政府信息公开行政复议、行政诉讼情况\n行政复议\n\n"
                     "1\n\n1\n\n0\n\n0\n\n2\n\n1\n\n0\n\n0\n\n0\n\n1\n\n2\n\n0\n\n1\n\n0\n\n总计\n\n4\n",
                     XXGK_FORMAT_TEXT);
    assert_true(tu_unread(r, "review_litigation.review.total"));
    xxgk_report_free(r);
    /* a column's label between a row label and its value */
    r = tu_parse_str("二、主动公开政府信息情况\n第二十条第（五）项\n信息内容\n行政许可\n\n-2-\n\n本年处理决定数量\n9487\n"
                     "第二十条第（六）项\n行政处罚\n5\n",
                     XXGK_FORMAT_TEXT);
    assert_int_equal(tu_count(r, "proactive.licensing.decisions"), 9487);
    xxgk_report_free(r);
}

static void test_cut_rows_pinyin_and_merged_cells(void **state)
{
    (void)state;
    /* inline pinyin after traditional characters; the text ends inside the last row: the
     * cells closed by their `|` are read, the open one is not */
    xxgk_report *r = tu_parse_str("二、主動(dòng)公開政府信息情況\n"
                                  "信息內(nèi)容 | 本年新 制作數(shù)量 | 本年新 公開數(shù)量 | 對(duì)外公開總數(shù)量 |\n"
                                  "規章 | 0 | 1 | 2 |\n"
                                  "政府集中採購 | 10 | 180774.8",
                                  XXGK_FORMAT_TEXT);
    assert_string_equal(xxgk_template_id(xxgk_report_template(r)), "2019");
    assert_int_equal(tu_count(r, "proactive.regulations.total_published"), 2);
    assert_int_equal(tu_count(r, "proactive.procurement.projects"), 10);
    assert_true(tu_unread(r, "proactive.procurement.amount"));
    char *d = tu_diag_text(r);
    assert_non_null(strstr(d, "4:1 READ.ROW_CUT warning"));
    free(d);
    xxgk_report_free(r);
    /* a short last row: its closed cells are its first ones */
    r = tu_parse_str("三、收到和处理政府信息公开申请情况\n"
                     "一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
                     "（一）予以公开 | 4 | 0 | 0 |\n",
                     XXGK_FORMAT_TEXT);
    assert_int_equal(tu_count(r, "applications.granted.natural_person"), 4);
    assert_true(tu_unread(r, "applications.granted.total"));
    xxgk_report_free(r);
    /* ... but not before the end of the text */
    r = tu_parse_str("三、收到和处理政府信息公开申请情况\n（一）予以公开 | 4 | 0 | 0 |\n"
                     "（二）部分公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n",
                     XXGK_FORMAT_TEXT);
    assert_true(tu_unread(r, "applications.granted.natural_person"));
    xxgk_report_free(r);
    /* a line break inside every cell; merged columns leave empty cells after a value */
    r = tu_parse_str("二、主动公开政府信息情况\n| \n 第二十条第(一)项  | |||\n| \n 信息内容  | \n 本年制发件数  | \n"
                     " 本年废止件数  | \n 现行有效件数  | \n| \n 规章  | \n 1  | \n 2  | \n 3  | \n| \n"
                     " 第二十条第(五)项  | |||\n| \n 行政许可  | \n 7  | ||\n",
                     XXGK_FORMAT_TEXT);
    assert_int_equal(tu_count(r, "proactive.regulations.in_force"), 3);
    assert_int_equal(tu_count(r, "proactive.licensing.decisions"), 7);
    xxgk_report_free(r);
}

static void test_only_the_total_printed(void **state)
{
    (void)state;
    /* one paragraph per cell: blank lines for six empty cells, then the total */
    xxgk_report *r = tu_parse_str("三、收到和处理政府信息公开申请情况\n\n自然人\n\n总计\n\n"
                                  "一、本年新收政府信息公开申请数量\n\n\n\n\n\n\n\n 4\n\n"
                                  "二、上年结转政府信息公开申请数量\n\n\n\n\n\n\n\n 0\n\n",
                                  XXGK_FORMAT_TEXT);
    assert_int_equal(tu_count(r, "applications.new.total"), 4);
    assert_true(tu_blank(r, "applications.new.natural_person"));
    assert_int_equal(tu_count(r, "applications.carried_over.total"), 0);
    xxgk_report_free(r);
    /* one value right after its label: not the total */
    r = tu_parse_str("三、收到和处理政府信息公开申请情况\n\n一、本年新收政府信息公开申请数量\n\n4\n\n"
                     "二、上年结转政府信息公开申请数量\n\n0\n\n0\n\n0\n\n0\n\n0\n\n0\n\n0\n",
                     XXGK_FORMAT_TEXT);
    assert_true(tu_unread(r, "applications.new.total"));
    xxgk_report_free(r);
}

static void test_items_the_template_lacks(void **state)
{
    (void)state;
    /* items printed under a row the template has no items for: named, not read, and the row
     * above them is found (not reported missing) */
    xxgk_report *r = tu_parse_str("二、主动公开政府信息情况\n信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量\n"
                                  "行政许可 | 1 | 0 | 3\n其他对外管理服务事项\n行政检查 | 1 | 0 | 1\n行政确认 | 2 | 0 | 2\n"
                                  "行政处罚 | 0 | 0 | 0\n",
                                  XXGK_FORMAT_TEXT);
    assert_int_equal(tu_count(r, "proactive.licensing.decisions"), 3);
    assert_true(tu_unread(r, "proactive.other_services.decisions"));
    assert_int_equal(tu_count(r, "proactive.punishment.previous"), 0);
    char *d = tu_diag_text(r);
    assert_non_null(strstr(d, "4:1 READ.SUBROWS warning"));
    assert_null(strstr(d, "READ.UNMATCHED"));
    assert_null(strstr(d, "READ.UNPLACED"));
    free(d);
    const xxgk_findings *f = xxgk_report_diagnostics(r);
    int missing_row = 0;
    for (size_t i = 0; i < xxgk_findings_count(f); i++)
        missing_row |= strstr(xxgk_finding_message(f, i), "其他对外管理服务事项”行") != NULL;
    assert_false(missing_row);
    xxgk_report_free(r);
}

static void test_reader_errors_speak_chinese(void **state)
{
    (void)state;
    static const char text[] = "二、主动公开政府信息情况\n规章 | 1 | 2 |\0|\n";
    xxgk_report *r = NULL;
    assert_int_equal(xxgk_report_parse(&r, text, sizeof text - 1, NULL), XXGK_EPARSE);
    assert_string_equal(xxgk_error_message(), "NUL byte in the text");
    assert_string_equal(xxgk_error_message_zh(), "文本中有 NUL 字节");
    xxgk_error_clear();
    assert_string_equal(xxgk_error_message_zh(), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lone_bar_is_an_empty_cell),
        cmocka_unit_test(test_values_running_on_are_not_a_row),
        cmocka_unit_test(test_heading_anchors_the_first_row),
        cmocka_unit_test(test_review_table_variants),
        cmocka_unit_test(test_header_fragments_need_proof),
        cmocka_unit_test(test_cut_rows_pinyin_and_merged_cells),
        cmocka_unit_test(test_only_the_total_printed),
        cmocka_unit_test(test_items_the_template_lacks),
        cmocka_unit_test(test_reader_errors_speak_chinese),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
