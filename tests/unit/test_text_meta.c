/* SPDX-License-Identifier: MIT */
/* The report's own name, agency and year, found in text as a person finds them: the title
 * after site chrome, split over lines, in a crawler's header, as a letter (函); the year from
 * the reporting period or the narrative; never an agency taken from a sentence; the template
 * of the report's year when the tables do not tell. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct meta_case {
    const char *text;
    const char *title, *agency;
    int year;
} meta_case;

static const meta_case cases[] = {
    /* site chrome first, then the title */
    { "【字体：大 中 小】 打印\n2022年度螅镇政府信息公开工作年度报告\n来源:原创  发布时间:2023-01-31\n一、总体情况\n",
      "2022年度螅镇政府信息公开工作年度报告", "螅镇", 2022 },
    /* a site line that is no title, then the title */
    { "2020年信息公开年报\n蒲纺工业园区2020年政府信息公开工作年度报告\n一、总体情况\n",
      "蒲纺工业园区2020年政府信息公开工作年度报告", "蒲纺工业园区", 2020 },
    /* the agency on its own line before the title */
    { "得荣县卫生健康局\n2019年政府信息公开工作年度报告\n一、总体情况\n",
      "得荣县卫生健康局2019年政府信息公开工作年度报告", "得荣县卫生健康局", 2019 },
    /* ... and between two title lines */
    { "2022年政府信息公开工作年度报告\n桃江县松木塘镇人民政府\n2022年政府信息公开工作年度报告\n一、总体情况\n",
      "桃江县松木塘镇人民政府2022年政府信息公开工作年度报告", "桃江县松木塘镇人民政府", 2022 },
    /* Markdown, "2025 年" with spaces */
    { "# 沭阳县人民政府 2025 年 政府信息公开工作年度报告\n\n一、总体情况\n",
      "沭阳县人民政府 2025 年 政府信息公开工作年度报告", "沭阳县人民政府", 2025 },
    /* a flipbook page's prefix; 年度报告 without 工作 */
    { "Page 8 - 威海市文登区信访局2022年政府信息公开年度报告\n一、总体情况\n",
      "威海市文登区信访局2022年政府信息公开年度报告", "威海市文登区信访局", 2022 },
    /* a crawler's header; a letter (函) with 关于 */
    { "标题: 平潭综合实验区海坛片区管理局 关于2021年度政府信息公开工作年度报告\n发布时间: 2022-01-12\n一、总体情况\n",
      "平潭综合实验区海坛片区管理局 关于2021年度政府信息公开工作年度报告", "平潭综合实验区海坛片区管理局", 2021 },
    /* quoted */
    { "《宁波市统计局2021年政府信息公开工作年度报告》\n一、总体情况\n",
      "《宁波市统计局2021年政府信息公开工作年度报告》", "宁波市统计局", 2021 },
    /* 信息公开 without 政府 next to it; traditional characters */
    { "下湿壕镇政府2022年信息公开工作年度报告\n一、总体情况\n", "下湿壕镇政府2022年信息公开工作年度报告",
      "下湿壕镇政府", 2022 },
    { "南山區蛇口街道辦事處2021年政府信息公開工作年度報告\n一、總體情況\n",
      "南山區蛇口街道辦事處2021年政府信息公開工作年度報告", "南山區蛇口街道辦事處", 2021 },
    /* a title without a year: the year from the reporting period */
    { "驼峰路街道办事处政府信息公开工作年度报告\n本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。\n一、总体情况\n",
      "驼峰路街道办事处政府信息公开工作年度报告", "驼峰路街道办事处", 2020 },
    /* no title: a sentence that names the report is neither title nor agency; the year from
     * the narrative, where a plan for next year does not count */
    { "根据《中华人民共和国政府信息公开条例》规定，现公布区统计局2023年政府信息公开工作年度报告。\n"
      "一、总体情况\n2023年，我局认真梳理。\n五、存在的主要问题及改进情况\n2024年，我局将继续加强。\n",
      "", "", 2023 },
    /* the narrative names two years: unsure, so none */
    { "一、总体情况\n2022年，我镇持续推进。\n2021年度我镇共受理申请3件。\n", "", "", 0 },
};

static void test_titles_agencies_years(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        xxgk_report *r = tu_parse_str(cases[i].text, XXGK_FORMAT_TEXT);
        if (strcmp(xxgk_report_title(r), cases[i].title) != 0 || strcmp(xxgk_report_agency(r), cases[i].agency) != 0 ||
            xxgk_report_year(r) != cases[i].year)
            fail_msg("case %zu: title '%s' agency '%s' year %d", i, xxgk_report_title(r), xxgk_report_agency(r),
                     xxgk_report_year(r));
        xxgk_report_free(r);
    }
}

static void test_template_of_the_year(void **state)
{
    (void)state;
    /* labels both templates share: the template in force in the report's year, said so */
    const char *t4 = "四、政府信息公开行政复议、行政诉讼情况\n| 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n";
    char text[512];
    snprintf(text, sizeof text, "审计局2020年政府信息公开工作年度报告\n%s", t4);
    xxgk_report *r = tu_parse_str(text, XXGK_FORMAT_TEXT);
    assert_string_equal(xxgk_template_id(xxgk_report_template(r)), "2019");
    char *d = tu_diag_text(r);
    assert_string_equal(d, "2:1 READ.TEMPLATE info\n3:1 READ.MISSING warning\n3:1 READ.MISSING warning\n");
    free(d);
    xxgk_report_free(r);
    snprintf(text, sizeof text, "审计局2022年政府信息公开工作年度报告\n%s", t4);
    r = tu_parse_str(text, XXGK_FORMAT_TEXT);
    assert_string_equal(xxgk_template_id(xxgk_report_template(r)), "2021");
    xxgk_report_free(r);
    /* the labels decide over the year (a 2019 form used in a 2022 report) */
    r = tu_parse_str("2022年度螅镇政府信息公开工作年度报告\n二、主动公开政府信息情况\n信息内容 | 本年新制作数量 | 本年新公开数量 | "
                     "对外公开总数量\n规章 | 0 | 0 | 0\n",
                     XXGK_FORMAT_TEXT);
    assert_string_equal(xxgk_template_id(xxgk_report_template(r)), "2019");
    xxgk_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_titles_agencies_years),
        cmocka_unit_test(test_template_of_the_year),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
