/* SPDX-License-Identifier: MIT */
/* What the words say (issue 16): the narrative's figures against the tables (TEXT.MATCH) on
 * the real reports, with no false alarm where they agree; plausibility warnings (a town's
 * 规章, the title's year against the reporting period, 2019's published totals, a unit the
 * column does not use). */
#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static xxgk_findings *check(const xxgk_report *r)
{
    xxgk_findings *f = NULL;
    assert_int_equal(xxgk_check(&f, r, NULL), 0);
    return f;
}

static size_t count_rule(const xxgk_findings *f, const char *rule)
{
    size_t n = 0;
    for (size_t i = 0; i < xxgk_findings_count(f); i++)
        n += !strcmp(xxgk_finding_rule(f, i), rule);
    return n;
}

/* The first finding of a rule, or fail. */
static size_t first_of(const xxgk_findings *f, const char *rule)
{
    for (size_t i = 0; i < xxgk_findings_count(f); i++)
        if (!strcmp(xxgk_finding_rule(f, i), rule))
            return i;
    fail_msg("no %s finding", rule);
    return 0;
}

static void set(xxgk_report *r, const char *path, int64_t v)
{
    assert_int_equal(xxgk_report_cell_set_count(r, tu_id(r, path), v), 0);
}

static void test_changchun_says_2_table_says_3(void **state)
{
    (void)state;
    xxgk_report *r = tu_load(tu_data("real/changchun-bureau-2023_narrative-vs-table.txt"));
    xxgk_findings *f = check(r);
    assert_int_equal(count_rule(f, "TEXT.MATCH"), 1);
    size_t i = first_of(f, "TEXT.MATCH");
    assert_int_equal(xxgk_finding_severity(f, i), XXGK_SEVERITY_WARNING);
    assert_string_equal(xxgk_finding_expected(f, i), "3");
    assert_string_equal(xxgk_finding_actual(f, i), "2");
    assert_string_equal(xxgk_finding_cell(f, i, 0), "applications.new.total");
    assert_string_equal(xxgk_finding_cell(f, i, 1), "applications.carried_over.total");
    assert_int_equal(xxgk_finding_line(f, i), 3);
    assert_int_equal(xxgk_finding_column(f, i), 89);
    assert_string_equal(xxgk_finding_message(f, i), "“共受理政府信息公开申请2件”：正文所述收到的政府信息公开申请为 2，"
                                                    "而表三“一、本年新收政府信息公开申请数量”行“总计”列为 3");
    assert_string_equal(xxgk_finding_message_en(f, i),
                        "\"共受理政府信息公开申请2件\": the narrative states applications received as 2, but table 3, "
                        "row \"I. New applications this year\", column \"Total\" is 3");
    xxgk_findings_free(f);
    xxgk_report_free(r);
}

/* Every real report whose narrative agrees with its tables: no TEXT.MATCH. */
static void test_no_false_alarm_on_the_corpus(void **state)
{
    (void)state;
    static const char *const dirs[] = { "real", "real/files", "check/narrative" };
    size_t files = 0;
    for (size_t d = 0; d < 3; d++) {
        char **names;
        size_t n = tu_list_dir(tu_data(dirs[d]), &names);
        for (size_t k = 0; k < n; k++) {
            size_t l = strlen(names[k]);
            int json = l > 5 && !strcmp(names[k] + l - 5, ".json");
            if (!(l > 4 && !strcmp(names[k] + l - 4, ".txt")) && !json)
                continue;
            if (!strcmp(names[k], "ratchet.txt") || strstr(names[k], "changchun"))
                continue;
            char rel[512];
            snprintf(rel, sizeof rel, "%s/%s", dirs[d], names[k]);
            xxgk_report *r = NULL;
            if (xxgk_report_read_file(&r, tu_data(rel), NULL) != 0)
                continue; /* a page the text reader refuses: nothing to check */
            xxgk_findings *f = check(r);
            if (count_rule(f, "TEXT.MATCH"))
                fail_msg("%s: %s", rel, xxgk_finding_message(f, first_of(f, "TEXT.MATCH")));
            xxgk_findings_free(f);
            xxgk_report_free(r);
            files++;
        }
        tu_free_names(names, n);
    }
    assert_true(files >= 40);
}

/* The pingtan narratives with their tables as published (tests/data/check/narrative): each
 * figure they state is found, and a table that says otherwise gets exactly one finding. */
static void test_pingtan_figures_are_read(void **state)
{
    (void)state;
    static const struct {
        const char *file, *path;
        int64_t table;
        const char *quote, *said;
    } cases[] = {
        { "pingtan-gaj-2022", "applications.new.total", 5, "我局收到政府信息公开申请1件", "1" },
        { "pingtan-gaj-2022", "applications.carried_over.total", 3, "结转上年度政府信息公开申请1件", "1" },
        { "pingtan-zrz-2024", "applications.new.total", 70, "全年受理信息公开申请69件", "69" },
        { "pingtan-zrz-2024", "applications.total.total", 70, "办理依申请公开69件", "69" },
        { "pingtan-jtj-2025", "applications.total.total", 22, "全年我局依法办结政府信息公开申请21件", "21" },
        { "pingtan-nyn-2022", "proactive.normative_documents.issued", 6, "我局共制定规范性文件5件", "5" },
        /* 依申请公开信息数363条 counts documents, 依申请公开政府信息5条 items: not applications */
        { "pingtan-shs-2023", "applications.new.total", 363, NULL, NULL },
        { "pingtan-scj-2021", "applications.new.total", 4, NULL, NULL },
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char rel[256];
        snprintf(rel, sizeof rel, "check/narrative/%s.json", cases[k].file);
        xxgk_report *r = tu_load(tu_data(rel));
        set(r, cases[k].path, cases[k].table);
        xxgk_findings *f = check(r);
        if (!cases[k].quote) {
            assert_int_equal(count_rule(f, "TEXT.MATCH"), 0);
        } else {
            assert_int_equal(count_rule(f, "TEXT.MATCH"), 1);
            size_t i = first_of(f, "TEXT.MATCH");
            char want[128];
            snprintf(want, sizeof want, "“%s”：", cases[k].quote);
            if (strncmp(xxgk_finding_message(f, i), want, strlen(want)))
                fail_msg("%s: %s", cases[k].file, xxgk_finding_message(f, i));
            assert_string_equal(xxgk_finding_actual(f, i), cases[k].said);
        }
        xxgk_findings_free(f);
        xxgk_report_free(r);
    }
}

/* A report of `tpl` whose overview is `text`, with the given cells. */
static xxgk_report *narrated(const char *tpl, const char *text)
{
    xxgk_report *r = NULL;
    assert_int_equal(xxgk_report_new(&r, xxgk_template_get(tpl)), 0);
    assert_int_equal(xxgk_report_set_section(r, "overview", text), 0);
    return r;
}

static size_t text_findings(xxgk_report *r)
{
    xxgk_findings *f = check(r);
    size_t n = count_rule(f, "TEXT.MATCH");
    for (size_t i = 0; i < xxgk_findings_count(f); i++)
        if (!strcmp(xxgk_finding_rule(f, i), "TEXT.MATCH"))
            print_message("  %s\n", xxgk_finding_message(f, i));
    xxgk_findings_free(f);
    return n;
}

static void test_phrases(void **state)
{
    (void)state;
    /* 制定…0件，废止0件，现行有效0件: 废止 and 现行有效 are figures of the documents named
     * earlier in the sentence */
    xxgk_report *r = narrated("2021", "本年度制定行政规范性文件0件，废止0件，现行有效0件。");
    set(r, "proactive.normative_documents.issued", 0);
    set(r, "proactive.normative_documents.repealed", 0);
    set(r, "proactive.normative_documents.in_force", 0);
    assert_int_equal(text_findings(r), 0);
    set(r, "proactive.normative_documents.issued", 1);
    set(r, "proactive.normative_documents.repealed", 2);
    set(r, "proactive.normative_documents.in_force", 3);
    assert_int_equal(text_findings(r), 3);
    xxgk_report_free(r);
    /* about a number, and an unrelated one */
    r = narrated("2021", "共受理政府信息公开申请200余件。受理群众来信和网上投诉事项1085件。");
    set(r, "applications.new.total", 7);
    set(r, "applications.carried_over.total", 0);
    assert_int_equal(text_findings(r), 0);
    xxgk_report_free(r);
    /* new plus carried over is a match too */
    r = narrated("2021", "2023年，共收到政府信息公开申请75件。");
    set(r, "applications.new.total", 74);
    set(r, "applications.carried_over.total", 1);
    assert_int_equal(text_findings(r), 0);
    set(r, "applications.carried_over.total", 2);
    assert_int_equal(text_findings(r), 1);
    xxgk_report_free(r);
    /* cells not read or blank: nothing to compare */
    r = narrated("2021", "共收到政府信息公开申请75件。");
    assert_int_equal(text_findings(r), 0);
    xxgk_report_free(r);
    /* review and litigation only about disclosure; litigation direct + after review */
    r = narrated("2021", "本单位作为复议机关办理行政复议案件12件。因政府信息公开引起行政复议1件，行政诉讼3件。");
    set(r, "review_litigation.review.total", 1);
    set(r, "review_litigation.litigation_direct.total", 2);
    set(r, "review_litigation.litigation_after_review.total", 1);
    assert_int_equal(text_findings(r), 0);
    set(r, "review_litigation.review.total", 2);
    assert_int_equal(text_findings(r), 1);
    xxgk_report_free(r);
    /* outcomes belong to the review or the lawsuits named last before them */
    r = narrated("2021", "因政府信息公开引起行政复议2件，其中维持1件，纠正1件；行政诉讼1件，维持1件。"
                         "本局办理行政复议案件30件，维持20件。");
    set(r, "review_litigation.review.total", 2);
    set(r, "review_litigation.review.upheld", 1);
    set(r, "review_litigation.review.corrected", 1);
    set(r, "review_litigation.litigation_direct.total", 1);
    set(r, "review_litigation.litigation_direct.upheld", 1);
    set(r, "review_litigation.litigation_after_review.total", 0);
    set(r, "review_litigation.litigation_after_review.upheld", 0);
    assert_int_equal(text_findings(r), 0);
    set(r, "review_litigation.litigation_direct.upheld", 0);
    set(r, "review_litigation.litigation_after_review.upheld", 1);
    assert_int_equal(text_findings(r), 0); /* direct + after review */
    set(r, "review_litigation.review.upheld", 2);
    assert_int_equal(text_findings(r), 1);
    xxgk_report_free(r);
    /* fees in 元 for a cell in 万元, exactly */
    r = narrated("2021", "全年收取行政事业性收费500元。");
    assert_int_equal(xxgk_report_cell_set_micros(r, tu_id(r, "proactive.fees.amount"), 50000), 0);
    assert_int_equal(text_findings(r), 0);
    assert_int_equal(xxgk_report_cell_set_micros(r, tu_id(r, "proactive.fees.amount"), 60000), 0);
    assert_int_equal(text_findings(r), 1);
    xxgk_report_free(r);
    /* the 2019 template: 新制作 */
    r = narrated("2019", "全年制定规范性文件3件。");
    set(r, "proactive.normative_documents.produced", 4);
    assert_int_equal(text_findings(r), 1);
    xxgk_report_free(r);
}

static void test_town_regulations(void **state)
{
    (void)state;
    static const char *const towns[] = { "taojiang-songmutang-town-2022", "xinjiang-town-2023_pipe-lines" };
    static const char *const cells[] = { "proactive.regulations.issued", "proactive.regulations.in_force" };
    for (size_t k = 0; k < 2; k++) {
        char rel[256];
        snprintf(rel, sizeof rel, "real/%s.txt", towns[k]);
        xxgk_report *r = tu_load(tu_data(rel));
        xxgk_findings *f = check(r);
        assert_int_equal(count_rule(f, "PLAUS.TOWN_REGULATIONS"), 1);
        size_t i = first_of(f, "PLAUS.TOWN_REGULATIONS");
        assert_int_equal(xxgk_finding_severity(f, i), XXGK_SEVERITY_WARNING);
        assert_string_equal(xxgk_finding_cell(f, i, 0), cells[k]);
        xxgk_findings_free(f);
        xxgk_report_free(r);
    }
    /* a city named 镇江 is no town; a street office is */
    static const struct {
        const char *agency;
        size_t want;
    } agencies[] = { { "镇江市人民政府", 0 }, { "某某区某某街道办事处", 1 }, { "某某县某某乡人民政府", 1 },
                     { "某某县住房和城乡建设局", 0 } };
    for (size_t k = 0; k < 4; k++) {
        xxgk_report *r = NULL;
        assert_int_equal(xxgk_report_new(&r, NULL), 0);
        assert_int_equal(xxgk_report_set_agency(r, agencies[k].agency), 0);
        set(r, "proactive.regulations.in_force", 2);
        xxgk_findings *f = check(r);
        assert_int_equal(count_rule(f, "PLAUS.TOWN_REGULATIONS"), agencies[k].want);
        if (agencies[k].want)
            assert_non_null(strstr(xxgk_finding_message(f, first_of(f, "PLAUS.TOWN_REGULATIONS")),
                                   agencies[k].agency));
        xxgk_findings_free(f);
        xxgk_report_free(r);
    }
}

static void test_period_year(void **state)
{
    (void)state;
    xxgk_report *r = NULL;
    assert_int_equal(xxgk_report_new(&r, NULL), 0);
    assert_int_equal(xxgk_report_set_title(r, "某某局2023年政府信息公开工作年度报告"), 0);
    assert_int_equal(xxgk_report_set_section(r, "preamble", "本报告所列数据的统计期限为2022年1月1日至2022年12月31日。"), 0);
    xxgk_findings *f = check(r);
    assert_int_equal(count_rule(f, "PLAUS.PERIOD_YEAR"), 1);
    size_t i = first_of(f, "PLAUS.PERIOD_YEAR");
    assert_string_equal(xxgk_finding_expected(f, i), "2023");
    assert_string_equal(xxgk_finding_actual(f, i), "2022");
    assert_string_equal(xxgk_finding_message(f, i),
                        "标题所署年度为 2023 年，而正文所述统计期限为 2022 年（“2022年1月1日至2022年12月31日”）");
    xxgk_findings_free(f);
    assert_int_equal(xxgk_report_set_section(r, "preamble", "统计期限自2023年1月1日起至12月31日止。"), 0);
    f = check(r);
    assert_int_equal(count_rule(f, "PLAUS.PERIOD_YEAR"), 0);
    xxgk_findings_free(f);
    xxgk_report_free(r);
}

static void test_published_total_and_unit(void **state)
{
    (void)state;
    xxgk_report *r = NULL;
    assert_int_equal(xxgk_report_new(&r, xxgk_template_get("2019")), 0);
    set(r, "proactive.normative_documents.published", 5);
    set(r, "proactive.normative_documents.total_published", 3);
    xxgk_findings *f = check(r);
    assert_int_equal(count_rule(f, "PLAUS.PUBLISHED_TOTAL"), 1);
    assert_string_equal(xxgk_finding_message(f, first_of(f, "PLAUS.PUBLISHED_TOTAL")),
                        "表二“规范性文件”行“本年新公开数量”列：本年新公开数量 5 大于对外公开总数量 3");
    xxgk_findings_free(f);
    xxgk_report_free(r);
    /* 元 in a column in 万元: read, converted, and said */
    r = tu_parse_str("二、主动公开政府信息情况\n第二十条第（八）项 |\n信息内容 | 本年收费金额（单位：万元） |\n"
                     "行政事业性收费 | 12345元 |\n",
                     XXGK_FORMAT_TEXT);
    f = check(r);
    assert_int_equal(count_rule(f, "PLAUS.UNIT"), 1);
    size_t i = first_of(f, "PLAUS.UNIT");
    assert_string_equal(xxgk_finding_actual(f, i), "1.2345");
    assert_int_equal(xxgk_finding_line(f, i), 4);
    assert_string_equal(xxgk_finding_cell(f, i, 0), "proactive.fees.amount");
    /* the reader's note names the cell as printed too; the path stays in its cells */
    i = first_of(f, "READ.NOTE");
    assert_string_equal(xxgk_finding_message(f, i),
                        "表二“行政事业性收费”行“本年收费金额（单位：万元）”列：“12345元”按元换算为 1.2345 万元");
    assert_string_equal(xxgk_finding_cell(f, i, 0), "proactive.fees.amount");
    xxgk_findings_free(f);
    xxgk_report_free(r);
}

/* A cell read from a wide CSV is also named by its spreadsheet cell: a line break inside a
 * quoted field is one spreadsheet row, not two. */
static void test_spreadsheet_cell(void **state)
{
    (void)state;
    xxgk_report *r = tu_load(tu_src("examples/data/hongze-district-2023.json"));
    assert_int_equal(xxgk_report_set_section(r, "preamble", "第一段\n第二段"), 0);
    xxgk_write_options *o;
    assert_int_equal(xxgk_write_options_new(&o), 0);
    assert_int_equal(xxgk_write_options_set_format(o, XXGK_FORMAT_CSV_WIDE), 0);
    char *csv = NULL;
    assert_int_equal(xxgk_report_write(&csv, NULL, r, o), 0);
    xxgk_write_options_free(o);
    xxgk_report_free(r);
    /* the line of 表四's values, and its spreadsheet row */
    const char *at = strstr(csv, "\n10,1,0,0,0,");
    assert_non_null(at);
    long line = 2;
    for (const char *p = csv; p < at; p++)
        line += *p == '\n';
    r = tu_parse_str(csv, XXGK_FORMAT_CSV_WIDE);
    xxgk_findings *f = check(r);
    assert_int_equal(count_rule(f, "T4.TOTAL"), 2);
    size_t i = first_of(f, "T4.TOTAL");
    assert_int_equal(xxgk_finding_line(f, i), line);
    char want[256];
    snprintf(want, sizeof want, "表四“行政复议”“总计”栏（E%ld）：总计应为 11（结果维持、结果纠正、其他结果、尚未审结之和），实为 0",
             line - 1);
    assert_string_equal(xxgk_finding_message(f, i), want);
    snprintf(want, sizeof want, "table 4, \"Administrative review\" / \"Total\" (E%ld): the total should be 11", line - 1);
    assert_int_equal(strncmp(xxgk_finding_message_en(f, i), want, strlen(want)), 0);
    xxgk_findings_free(f);
    xxgk_report_free(r);
    xxgk_free(csv);
}

/* An unknown label or key: the reader's error names the one it may have meant. */
static void test_did_you_mean(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int format;
        const char *message;
    } cases[] = {
        { "{\"xxgk\": 1, \"template\": \"2021\", \"aplications\": {}}", XXGK_FORMAT_JSON,
          "$.aplications: unknown key \"aplications\" (did you mean \"applications\"?)" },
        { "{\"xxgk\": 1, \"template\": \"2021\", \"applications\": {\"nwe\": {}}}", XXGK_FORMAT_JSON,
          "$.applications.nwe: unknown key \"nwe\" (did you mean \"new\"?)" },
        { "{\"xxgk\": 1, \"template\": \"2021\", \"bogus\": 1}", XXGK_FORMAT_JSON, "$.bogus: unknown key \"bogus\"" },
        { "path,value\nmeta.template,2021\napplications.new.totl,3\n", XXGK_FORMAT_CSV,
          "unknown path 'applications.new.totl' in template 2021 (did you mean 'applications.new.total'?)" },
        { "xxgk,1\n模板,2021\n三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数,,,1,0,0,0,0,0,1\n",
          XXGK_FORMAT_CSV_WIDE,
          "unknown row label '一、本年新收政府信息公开申请数' in table 三 (did you mean '一、本年新收政府信息公开申请数量'?)" },
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        xxgk_parse_options *o;
        assert_int_equal(xxgk_parse_options_new(&o), 0);
        assert_int_equal(xxgk_parse_options_set_format(o, cases[k].format), 0);
        xxgk_report *r = NULL;
        assert_int_equal(xxgk_report_parse(&r, cases[k].text, strlen(cases[k].text), o), XXGK_ESCHEMA);
        assert_string_equal(xxgk_error_message(), cases[k].message);
        xxgk_parse_options_free(o);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_changchun_says_2_table_says_3),
        cmocka_unit_test(test_no_false_alarm_on_the_corpus),
        cmocka_unit_test(test_pingtan_figures_are_read),
        cmocka_unit_test(test_phrases),
        cmocka_unit_test(test_town_regulations),
        cmocka_unit_test(test_period_year),
        cmocka_unit_test(test_published_total_and_unit),
        cmocka_unit_test(test_spreadsheet_cell),
        cmocka_unit_test(test_did_you_mean),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
