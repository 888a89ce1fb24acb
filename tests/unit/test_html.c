/* SPDX-License-Identifier: MIT */
/* The HTML writer: golden pages (tests/data/html/<name>.html; XXGK_UPDATE_GOLDEN=1 rewrites
 * them), highlighting of the cells that findings name, escaping. The table structure
 * (every row spans the table's width) is checked by tests/shell/test_html_structure.sh. */
#include "testutil.h"
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *html_of(const xxgk_report *r, const xxgk_findings *f, const char *lang)
{
    xxgk_write_options *o = NULL;
    assert_int_equal(xxgk_write_options_new(&o), 0);
    assert_int_equal(xxgk_write_options_set_format(o, XXGK_FORMAT_HTML), 0);
    if (lang)
        assert_int_equal(xxgk_write_options_set_lang(o, lang), 0);
    assert_int_equal(xxgk_write_options_set_findings(o, f), 0);
    char *out = NULL;
    size_t len = 0;
    int rc = xxgk_report_write(&out, &len, r, o);
    if (rc)
        fail_msg("html: %s", xxgk_error_message());
    assert_int_equal(strlen(out), len);
    xxgk_write_options_free(o);
    return out;
}

static void golden(const char *name, const char *got)
{
    char rel[256];
    snprintf(rel, sizeof rel, "html/%s.html", name);
    const char *path = tu_data(rel);
    if (getenv("XXGK_UPDATE_GOLDEN")) {
        FILE *fp = fopen(path, "wb");
        assert_non_null(fp);
        fputs(got, fp);
        fclose(fp);
    }
    char *want = tu_slurp(path, NULL);
    if (strcmp(got, want) != 0) {
        size_t i = 0;
        while (got[i] && got[i] == want[i])
            i++;
        fail_msg("%s: differs from the golden file at byte %zu: ...%.60s... vs ...%.60s...", rel, i, got + i,
                 want + i);
    }
    free(want);
}

static void test_goldens(void **state)
{
    (void)state;
    static const char *const files[][2] = {
        { "kundulun-xinfang-2023", "examples/data/kundulun-xinfang-2023.json" },
        { "hongze-district-2023", "examples/data/hongze-district-2023.json" },
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        xxgk_report *r = tu_load(tu_src(files[i][1]));
        char *html = html_of(r, NULL, NULL);
        golden(files[i][0], html);
        xxgk_free(html);
        xxgk_report_free(r);
    }
    /* a 2019 report with tokens in numeric cells */
    xxgk_report *r = tu_load(tu_data("text/corpus/unknown-bureau-mirror-2019tpl_text-in-numeric-cell/expected.json"));
    char *html = html_of(r, NULL, NULL);
    golden("unknown-bureau-2019", html);
    xxgk_free(html);
    xxgk_report_free(r);
}

/* Findings made by hand, so that the golden page does not depend on the checks' wording. */
static xxgk_findings *sample_findings(void)
{
    xxgk_findings *f = NULL;
    assert_int_equal(xxgk_findings_new(&f), 0);
    const char *balance[] = { "applications.total.natural_person", "applications.new.natural_person" };
    assert_int_equal(xx_findings_add(f, "T3.BALANCE", XXGK_SEVERITY_ERROR, balance, 2, "21", "20",
                                     "applications.total.natural_person: 第三项加第四项之和应为 21，实为 20 <&>",
                                     "applications.total.natural_person: should be 21, is 20 <&>", 0, 0),
                     0);
    const char *in_force[] = { "proactive.regulations.in_force" };
    assert_int_equal(xx_findings_add(f, "YOY.IN_FORCE", XXGK_SEVERITY_WARNING, in_force, 1, "", "",
                                     "proactive.regulations.in_force: 现行有效件数与上年不衔接",
                                     "proactive.regulations.in_force: does not follow last year", 0, 0),
                     0);
    const char *twice[] = { "applications.total.natural_person" };
    assert_int_equal(xx_findings_add(f, "T3.TOTAL_ROW", XXGK_SEVERITY_ERROR, twice, 1, "22", "20",
                                     "applications.total.natural_person: （七）总计应为 22", "total should be 22", 0, 0),
                     0);
    const char *info[] = { "applications.new.total" };
    assert_int_equal(xx_findings_add(f, "CHECK.UNCHECKABLE", XXGK_SEVERITY_INFO, info, 1, "", "", "无法检查",
                                     "not checkable", 0, 0),
                     0);
    return f;
}

static void test_findings_highlighted(void **state)
{
    (void)state;
    xxgk_report *r = tu_load(tu_src("examples/data/hongze-district-2023.json"));
    xxgk_findings *f = sample_findings();
    char *html = html_of(r, f, NULL);
    golden("hongze-district-2023-findings", html);
    /* the cell blamed by two errors carries both numbers and both messages, escaped, one per
     * line; its value links to the first finding, which links back */
    assert_non_null(strstr(html, "<td class=\"error\" id=\"c-applications.total.natural_person\" data-mark=\"1,3\" "
                                 "title=\"applications.total.natural_person: 第三项加第四项之和应为 21，实为 20 &lt;&amp;&gt;"
                                 "&#10;applications.total.natural_person: （七）总计应为 22\" "
                                 "data-path=\"applications.total.natural_person\"><a href=\"#f-1\">21</a></td>"));
    assert_non_null(strstr(html, "<li class=\"error\" id=\"f-1\"><a class=\"mark\" "
                                 "href=\"#c-applications.total.natural_person\">1</a> [T3.BALANCE] "));
    /* only the cell a finding blames is marked, not its other cells */
    assert_non_null(strstr(html, "<td data-path=\"applications.new.natural_person\">"));
    assert_non_null(strstr(html, "<td class=\"warning\" id=\"c-proactive.regulations.in_force\" data-mark=\"2\" "
                                 "title=\"proactive.regulations.in_force: 现行有效件数与上年不衔接\" "
                                 "data-path=\"proactive.regulations.in_force\">"));
    /* info findings are folded away, unnumbered, and mark no cell */
    assert_non_null(strstr(html, "<td data-path=\"applications.new.total\">"));
    assert_non_null(strstr(html, "<details>\n<summary>提示 1 条</summary>\n<ul>\n"
                                 "<li class=\"info\">[CHECK.UNCHECKABLE] 无法检查</li>\n</ul>\n</details>"));
    assert_non_null(strstr(html, "<h2>检查发现的问题</h2>"));
    xxgk_free(html);

    html = html_of(r, f, "en");
    assert_non_null(strstr(html, "<h2>Findings</h2>"));
    assert_non_null(strstr(html, "title=\"applications.total.natural_person: should be 21, is 20 &lt;&amp;&gt;&#10;"
                                 "total should be 22\""));
    assert_non_null(strstr(html, "<summary>1 notes</summary>"));
    xxgk_free(html);

    /* no findings, or an empty list: no marks and no list */
    xxgk_findings *none = NULL;
    assert_int_equal(xxgk_findings_new(&none), 0);
    html = html_of(r, none, NULL);
    char *plain = html_of(r, NULL, NULL);
    assert_string_equal(html, plain);
    assert_null(strstr(html, "class=\"error\""));
    assert_null(strstr(html, "<section"));
    xxgk_free(html);
    xxgk_free(plain);
    xxgk_findings_free(none);
    xxgk_findings_free(f);
    xxgk_report_free(r);
}

static size_t count(const char *s, const char *what)
{
    size_t n = 0;
    for (const char *p = s; (p = strstr(p, what)) != NULL; p += strlen(what))
        n++;
    return n;
}

/* The real checks, end to end: one wrong cell, one marked cell. A total of table 四 that
 * does not add up is blamed, not the four cells it adds. */
static void test_check_then_highlight(void **state)
{
    (void)state;
    xxgk_report *r = tu_load(tu_src("examples/data/kundulun-xinfang-2023.json"));
    int64_t v;
    size_t id = tu_id(r, "review_litigation.review.total");
    assert_int_equal(xxgk_report_cell_get_count(&v, r, id), 0);
    assert_int_equal(xxgk_report_cell_set_count(r, id, v + 1), 0);
    xxgk_findings *f = NULL;
    assert_int_equal(xxgk_check(&f, r, NULL), 0);
    assert_int_equal(xxgk_findings_count_severity(f, XXGK_SEVERITY_ERROR), 1);
    char *html = html_of(r, f, NULL);
    assert_int_equal(count(html, "<td class=\"error\""), 1);
    assert_int_equal(count(html, "<td class=\"warning\""), 0);
    assert_int_equal(count(html, "data-mark="), 1);
    assert_non_null(strstr(html, "<td class=\"error\" id=\"c-review_litigation.review.total\" data-mark=\"1\" "));
    xxgk_free(html);
    xxgk_findings_free(f);
    xxgk_report_free(r);
}

static void test_escaping_and_empty(void **state)
{
    (void)state;
    xxgk_report *r = NULL;
    assert_int_equal(xxgk_report_new(&r, xxgk_template_get("2019")), 0);
    char *html = html_of(r, NULL, NULL);
    /* no title: a generic one; no section text: headings only */
    assert_non_null(strstr(html, "<title>政府信息公开工作年度报告</title>"));
    assert_non_null(strstr(html, "<h2>一、总体情况</h2>\n<h2>二、主动公开政府信息情况</h2>"));
    assert_non_null(strstr(html, "<h2>五、存在的主要问题及改进情况</h2>\n<h2>六、其他需要报告的事项</h2>\n</body>"));
    assert_null(strstr(html, "<script"));
    assert_null(strstr(html, "http"));
    assert_non_null(strstr(html, "@media print{@page{size:A4"));
    xxgk_free(html);
    assert_int_equal(xxgk_report_set_section(r, "problems", "<script>alert(1)</script>\n\n  第二段 & \"引\" '号'  "), 0);
    assert_int_equal(xxgk_report_cell_set_token(r, 0, "<i>"), 0);
    html = html_of(r, NULL, NULL);
    assert_non_null(strstr(html, "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n<p>第二段 &amp; &quot;引&quot; "
                                 "&#39;号&#39;</p>\n"));
    assert_non_null(strstr(html, "\">&lt;i&gt;</td>"));
    assert_null(strstr(html, "<script"));
    xxgk_free(html);
    xxgk_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_goldens),
        cmocka_unit_test(test_findings_highlighted),
        cmocka_unit_test(test_check_then_highlight),
        cmocka_unit_test(test_escaping_and_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
