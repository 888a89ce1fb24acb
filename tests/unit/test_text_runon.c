/* SPDX-License-Identifier: MIT */
/* A report run together on one line (a crawler's rendering of a page): headings cut the
 * line, row labels and runs of digits are found, and a run is split into cells only when
 * exactly one split fits the cells' form and the template's identities. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const t2 =
    "二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件%s"
    "第二十条第（五）项信息内容本年处理决定数量行政许可157第二十条第（六）项信息内容本年处理决定数量行政处罚0行政强制0"
    "第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费0";
static const char *const t3 =
    "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人"
    "法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他一、本年新收政府信息公开申请数量%s"
    "二、上年结转政府信息公开申请数量0000000三、本年度办理结果（一）予以公开%s（二）部分公开（区分处理的，只计这一情形，"
    "不计其他情形）1000001（三）不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开00000003.危及“三安全一稳定”0000000"
    "4.保护第三方合法权益00000005.属于三类内部事务信息00000006.属于四类过程性信息00000007.属于行政执法案卷0000000"
    "8.属于行政查询事项0000000（四）无法提供1.本机关不掌握相关政府信息00000002.没有现成信息需要另行制作0000000"
    "3.补正后申请内容仍不明确0000000（五）不予处理1.信访举报投诉类申请00000002.重复申请00000003.要求提供公开出版物0000000"
    "4.无正当理由大量反复申请00000005.要求行政机关确认或重新出具已获取信息0000000（六）其他处理"
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请0000000"
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请00000003.其他0000000（七）总计%s"
    "四、结转下年度继续办理0000000";
static const char *const t4 = "四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议"
                              "直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计%s五、"
                              "存在的主要问题及改进情况无。";

static xxgk_report *page(const char *norm_docs, const char *new_row, const char *granted, const char *total,
                         const char *review)
{
    char a[2048], b[4096], c[1024], text[8192];
    snprintf(a, sizeof a, t2, norm_docs);
    snprintf(b, sizeof b, t3, new_row, granted, total);
    snprintf(c, sizeof c, t4, review);
    snprintf(text, sizeof text, "某局2022年政府信息公开工作年度报告\n一、总体情况2022年，我局依法公开。%s%s%s\n", a, b, c);
    return tu_parse_str(text, XXGK_FORMAT_TEXT);
}

static void test_runs_split_by_their_digits(void **state)
{
    (void)state;
    /* as many digits as cells: one digit each */
    xxgk_report *r = page("417", "1000001", "0000000", "1000001", "000000000000000");
    assert_string_equal(xxgk_template_id(xxgk_report_template(r)), "2021");
    assert_int_equal(xxgk_report_year(r), 2022);
    assert_int_equal(tu_count(r, "proactive.normative_documents.issued"), 4);
    assert_int_equal(tu_count(r, "proactive.normative_documents.in_force"), 7);
    assert_int_equal(tu_count(r, "proactive.licensing.decisions"), 157);
    assert_int_equal(tu_count(r, "applications.new.natural_person"), 1);
    assert_int_equal(tu_count(r, "applications.partially_granted.total"), 1);
    assert_int_equal(tu_count(r, "review_litigation.litigation_after_review.total"), 0);
    char *d = tu_diag_text(r);
    assert_null(strstr(d, "READ.SPLIT"));
    free(d);
    xxgk_report_free(r);
}

static void test_runs_split_by_identities(void **state)
{
    (void)state;
    /* "2100000 21": the blank separates; only 21|0|0|0|0|0 sums to 21. The total row
     * "310000031" splits as 31…31 by its own sum; 予以公开 "300000030" likewise */
    xxgk_report *r = page("2433", "2100000 21", "300000030", "310000031", "315090000000000");
    assert_int_equal(tu_count(r, "applications.new.natural_person"), 21);
    assert_int_equal(tu_count(r, "applications.new.total"), 21);
    assert_int_equal(tu_count(r, "applications.granted.total"), 30);
    assert_int_equal(tu_count(r, "applications.total.natural_person"), 31);
    assert_int_equal(tu_count(r, "review_litigation.review.upheld"), 3);
    assert_int_equal(tu_count(r, "review_litigation.review.total"), 9);
    /* 2433: 2|4|33, 2|43|3 or 24|3|3 and no identity decides */
    assert_true(tu_unread(r, "proactive.normative_documents.issued"));
    assert_true(tu_unread(r, "proactive.normative_documents.in_force"));
    char *d = tu_diag_text(r);
    assert_non_null(strstr(d, "READ.SPLIT warning"));
    assert_non_null(strstr(d, "READ.SPLIT info"));
    free(d);
    xxgk_report_free(r);
}

static void test_runs_decided_by_other_rows(void **state)
{
    (void)state;
    /* 予以公开 "110000011" is 11…11 or 1|10|0|0|0|0|11 (both sum): the total row (12, with
     * 部分公开 1) decides through the column sums */
    xxgk_report *r = page("000", "1200000 12", "110000011", "1200000 12", "000000000000000");
    assert_int_equal(tu_count(r, "applications.granted.natural_person"), 11);
    assert_int_equal(tu_count(r, "applications.granted.commercial"), 0);
    assert_int_equal(tu_count(r, "applications.granted.total"), 11);
    xxgk_report_free(r);
    /* no total row to decide: both splits stay possible, the row stays blank */
    r = page("000", "1200000 12", "110000011", "", "000000000000000");
    assert_true(tu_unread(r, "applications.granted.natural_person"));
    assert_true(tu_unread(r, "applications.granted.total"));
    xxgk_report_free(r);
}

static void test_runon_needs_headings_and_figures(void **state)
{
    (void)state;
    /* a long preamble naming the sections with ordinals is no table */
    char text[4096];
    snprintf(text, sizeof text,
             "某局2022年政府信息公开工作年度报告\n本报告由一、总体情况，二、主动公开政府信息情况，三、收到和处理政府信息公开申请"
             "情况，四、政府信息公开行政复议、行政诉讼情况，五、存在的主要问题及改进情况，六、其他需要报告的事项组成。"
             "本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。\n"
             "二、主动公开政府信息情况\n规章 | 1 | 2 | 3\n");
    xxgk_report *r = tu_parse_str(text, XXGK_FORMAT_TEXT);
    assert_int_equal(tu_count(r, "proactive.regulations.in_force"), 3);
    assert_non_null(strstr(xxgk_report_section(r, "preamble"), "本报告由一、总体情况"));
    xxgk_report_free(r);
    /* a row label in a sentence before the table's header is no row */
    r = page("417", "1000001", "0000000", "1000001", "000000000000000");
    xxgk_report_free(r);
    char a[2048];
    snprintf(a, sizeof a, t2, "417");
    snprintf(text, sizeof text, "某局2022年政府信息公开工作年度报告\n一、总体情况全年办理行政许可 5 件。%s\n", a);
    r = tu_parse_str(text, XXGK_FORMAT_TEXT);
    assert_int_equal(tu_count(r, "proactive.licensing.decisions"), 157);
    xxgk_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_runs_split_by_their_digits),
        cmocka_unit_test(test_runs_split_by_identities),
        cmocka_unit_test(test_runs_decided_by_other_rows),
        cmocka_unit_test(test_runon_needs_headings_and_figures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
