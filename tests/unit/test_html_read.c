/* SPDX-License-Identifier: MIT */
/* The HTML reader: a whole CMS page, the same page in GBK, Word-exported HTML, site chrome
 * around the article, what cannot be placed (blank, with a diagnostic), hostile markup, and
 * the HTML writer's page read back to the same report for every corpus report. The corpus
 * expectations of the real pages are scored by tests/shell/test_corpus.sh. */
#include "testutil.h"

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int64_t count(const xxgk_report *r, const char *path)
{
    int64_t v = -1;
    if (xxgk_report_cell_get_count(&v, r, tu_id(r, path)) != 0)
        fail_msg("%s is not a number (state %d)", path, xxgk_report_cell_state(r, tu_id(r, path)));
    return v;
}

static int state(const xxgk_report *r, const char *path)
{
    return xxgk_report_cell_state(r, tu_id(r, path));
}

static xxgk_report *parse(const char *buf, size_t len, int *rc)
{
    xxgk_report *r = NULL;
    *rc = xxgk_report_parse(&r, buf, len, NULL);
    return r;
}

/* The CMS page: title, agency and year from its metadata; the narrative of the article
 * only; all three tables with their rowspans, <br> in headers and &nbsp; padding. */
static void test_cms_page(void **state_)
{
    (void)state_;
    xxgk_report *r = tu_load(tu_data("real/files/pingtan-zrz-2024.html"));
    assert_string_equal(xxgk_template_id(xxgk_report_template(r)), "2021");
    assert_int_equal(xxgk_report_year(r), 2024);
    assert_string_equal(xxgk_report_agency(r), "平潭综合实验区自然资源与生态环境局");
    assert_string_equal(xxgk_report_title(r), "平潭综合实验区自然资源与生态环境局2024年政府信息公开工作年度报告");
    assert_int_equal(count(r, "proactive.normative_documents.in_force"), 33);
    assert_int_equal(count(r, "applications.unable.not_held.natural_person"), 37);
    assert_int_equal(count(r, "review_litigation.review.pending"), 1);
    assert_int_equal(count(r, "review_litigation.review.total"), 2);
    assert_true(!strncmp(xxgk_report_section(r, "preamble"), "根据《中华人民共和国政府信息公开条例》", 30));
    const char *other = xxgk_report_section(r, "other");
    assert_string_equal(other + strlen(other) - strlen("2025年1月27日"), "2025年1月27日");
    assert_null(strstr(other, "版权所有")); /* the site's footer is not the report */
    char *d = tu_diag_text(r);
    assert_string_equal(d, "");
    free(d);
    xxgk_report_free(r);
}

/* Convert s[0..n) from UTF-8 to GB18030 (caller frees). */
static char *to_gb18030(const char *s, size_t n, size_t *outlen)
{
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    assert_true(cd != (iconv_t)-1);
    size_t cap = n * 2 + 16, left = cap;
    char *out = malloc(cap), *op = out, *in = (char *)s;
    size_t inleft = n;
    assert_true(iconv(cd, &in, &inleft, &op, &left) != (size_t)-1);
    iconv_close(cd);
    *outlen = cap - left;
    return out;
}

/* The same page saved as GBK (GB18030) with its meta charset saying so reads the same. */
static void test_gbk_page(void **state_)
{
    (void)state_;
    size_t n;
    char *utf8 = tu_slurp(tu_data("real/files/pingtan-zrz-2024.html"), &n);
    char *meta = strstr(utf8, "<meta charset=\"UTF-8\" />");
    assert_non_null(meta);
    memcpy(meta, "<meta charset=\"GBK\"   />", 24);
    size_t gn;
    char *gbk = to_gb18030(utf8, n, &gn);
    assert_true(gn != n); /* really re-encoded */
    int rc;
    xxgk_report *a = parse(utf8, n, &rc), *b = parse(gbk, gn, &rc);
    assert_int_equal(rc, 0);
    char *ja = tu_json(a), *jb = tu_json(b);
    assert_string_equal(jb, ja);
    xxgk_free(ja);
    xxgk_free(jb);
    xxgk_report_free(a);
    xxgk_report_free(b);
    /* a page that declares a character set the library does not read is refused by name */
    memcpy(gbk + (meta - utf8), "<meta charset=\"big5\"  />", 24);
    assert_null(parse(gbk, gn, &rc));
    assert_int_equal(rc, XXGK_EENCODING);
    assert_non_null(strstr(xxgk_error_message(), "big5"));
    free(gbk);
    free(utf8);
}

/* Word's HTML: labels split over <span> and <font> runs, <o:p>, a layout table around the
 * data table, a declared gb2312 over UTF-8 bytes, a thousands separator. */
static void test_word_export(void **state_)
{
    (void)state_;
    xxgk_report *r = tu_load(tu_data("html_read/word-export.html"));
    assert_int_equal(xxgk_report_year(r), 2023);
    assert_string_equal(xxgk_report_agency(r), "某县审计局");
    assert_int_equal(count(r, "proactive.normative_documents.issued"), 3);
    assert_int_equal(count(r, "proactive.normative_documents.repealed"), 1);
    assert_int_equal(count(r, "proactive.normative_documents.in_force"), 17);
    assert_int_equal(count(r, "proactive.licensing.decisions"), 1204);
    assert_int_equal(state(r, "proactive.punishment.decisions"), XXGK_CELL_UNREAD); /* not in the page */
    assert_string_equal(xxgk_report_section(r, "overview"), "2023年，我局主动公开政府信息12条。");
    assert_string_equal(xxgk_report_section(r, "problems"), "公开内容还不够全面。");
    xxgk_report_free(r);
}

/* Menus, scripts and footers around the article are not read; a row the template does not
 * have is left out with a diagnostic naming its place. */
static void test_site_chrome(void **state_)
{
    (void)state_;
    xxgk_report *r = tu_load(tu_data("html_read/chrome.html"));
    assert_string_equal(xxgk_report_agency(r), "示例区统计局");
    assert_int_equal(xxgk_report_year(r), 2022);
    assert_string_equal(xxgk_report_section(r, "preamble"), "本报告由示例区统计局编制。");
    assert_string_equal(xxgk_report_section(r, "other"), "本年度未收取信息处理费。");
    assert_int_equal(count(r, "applications.new.total"), 6);
    assert_int_equal(count(r, "applications.denied.state_secret.natural_person"), 1);
    assert_int_equal(state(r, "proactive.licensing.decisions"), XXGK_CELL_UNREAD);
    assert_int_equal(state(r, "proactive.coercion.decisions"), XXGK_CELL_UNREAD);
    char *d = tu_diag_text(r);
    assert_non_null(strstr(d, "31:16 READ.UNMATCHED warning"));
    assert_non_null(strstr(d, "READ.MISSING"));
    free(d);
    xxgk_report_free(r);
}

/* A piece of a page (table rows only) and a page inside a JavaScript string. */
static void test_pieces(void **state_)
{
    (void)state_;
    xxgk_report *r = tu_load(tu_data("real/shuyang-fgj-2023_word-html-rows.txt"));
    assert_int_equal(count(r, "applications.granted.natural_person"), 26);
    assert_int_equal(count(r, "applications.granted.total"), 26);
    assert_int_equal(state(r, "applications.granted.commercial"), XXGK_CELL_BLANK); /* <o:p>&nbsp;</o:p> */
    assert_int_equal(state(r, "applications.new.natural_person"), XXGK_CELL_UNREAD); /* not in the piece */
    xxgk_report_free(r);
    r = tu_load(tu_data("real/shanghai-govoffice-2019_html-in-js.txt"));
    assert_int_equal(count(r, "applications.total.total"), 805);
    assert_int_equal(count(r, "review_litigation.litigation_direct.total"), 9);
    assert_int_equal(state(r, "applications.granted.total"), XXGK_CELL_BLANK);
    xxgk_report_free(r);
}

/* Two tables that give the same cell different values: the cell is not read, never one of
 * them. */
static void test_conflict_and_errors(void **state_)
{
    (void)state_;
    static const char twice[] =
        "<p>二、主动公开政府信息情况</p><table><tr><td>行政许可</td><td>5</td></tr></table>\n"
        "<p>二、主动公开政府信息情况</p><table><tr><td>行政许可</td><td>6</td></tr>\n"
        "<tr><td>行政处罚</td><td>2</td></tr></table>";
    int rc;
    xxgk_report *r = parse(twice, sizeof twice - 1, &rc);
    assert_int_equal(rc, 0);
    assert_int_equal(state(r, "proactive.licensing.decisions"), XXGK_CELL_UNREAD);
    assert_int_equal(count(r, "proactive.punishment.decisions"), 2);
    char *d = tu_diag_text(r);
    assert_non_null(strstr(d, "READ.CONFLICT"));
    free(d);
    xxgk_report_free(r);

    static const char none[] = "<html><body><p>通知公告</p><table><tr><td>1</td></tr></table></body></html>";
    assert_null(parse(none, sizeof none - 1, &rc));
    assert_int_equal(rc, XXGK_EEMPTY);

    /* spans far beyond any table, and nesting far beyond any page */
    static const char spans[] = "<p>三、收到和处理政府信息公开申请情况</p><table><tr><td rowspan=\"4294967295\" "
                                "colspan=\"99999999\">一、本年新收政府信息公开申请数量</td><td>1</td></tr></table>";
    r = parse(spans, sizeof spans - 1, &rc);
    assert_true(rc == 0 || rc == XXGK_ELIMIT);
    xxgk_report_free(r);
    size_t depth = 5000, len = 0;
    char *deep = malloc(depth * 11 + 200);
    for (size_t i = 0; i < depth; i++)
        len += (size_t)sprintf(deep + len, "<div><span>");
    len += (size_t)sprintf(deep + len, "<p>二、主动公开政府信息情况</p>");
    r = parse(deep, len, &rc);
    assert_true(rc == 0 || rc == XXGK_EEMPTY);
    xxgk_report_free(r);
    free(deep);
}

/* The multi-report reader gives a page's one report. */
static void test_reader(void **state_)
{
    (void)state_;
    size_t n;
    char *buf = tu_slurp(tu_data("html_read/chrome.html"), &n);
    xxgk_reader *rd = NULL;
    assert_int_equal(xxgk_reader_open(&rd, buf, n, NULL), 0);
    xxgk_report *r = NULL;
    assert_int_equal(xxgk_reader_next(&r, rd), 0);
    assert_int_equal(count(r, "applications.new.total"), 6);
    xxgk_report_free(r);
    assert_int_equal(xxgk_reader_next(&r, rd), 1);
    xxgk_reader_free(rd);
    free(buf);
}

/* HTML writer, then HTML reader: the same report, for every report of the corpus. */
static void round_trip(const char *path)
{
    xxgk_report *r = NULL;
    if (xxgk_report_read_file(&r, path, NULL) != 0)
        return; /* a file the readers refuse: nothing to write */
    xxgk_write_options *o = NULL;
    assert_int_equal(xxgk_write_options_new(&o), 0);
    assert_int_equal(xxgk_write_options_set_format(o, XXGK_FORMAT_HTML), 0);
    char *html = NULL;
    size_t len;
    assert_int_equal(xxgk_report_write(&html, &len, r, o), 0);
    xxgk_write_options_free(o);
    xxgk_report *back = NULL;
    if (xxgk_report_parse(&back, html, len, NULL) != 0)
        fail_msg("%s: its page does not read back: %ld:%ld: %s", path, xxgk_error_line(), xxgk_error_column(),
                 xxgk_error_message());
    char *a = tu_json(r), *b = tu_json(back);
    if (strcmp(a, b) != 0)
        fail_msg("%s: its page reads back differently", path);
    xxgk_free(a);
    xxgk_free(b);
    xxgk_free(html);
    xxgk_report_free(back);
    xxgk_report_free(r);
}

static void test_writer_round_trip(void **state_)
{
    (void)state_;
    static const char *const dirs[] = { "real", "real/files" };
    size_t done = 0;
    for (size_t d = 0; d < 2; d++) {
        char **names;
        size_t n = tu_list_dir(tu_data(dirs[d]), &names);
        for (size_t i = 0; i < n; i++) {
            const char *dot = strrchr(names[i], '.');
            if (!dot || (strcmp(dot, ".txt") && strcmp(dot, ".html")) || !strcmp(names[i], "ratchet.txt"))
                continue;
            char rel[512];
            snprintf(rel, sizeof rel, "%s/%s", dirs[d], names[i]);
            round_trip(tu_data(rel));
            done++;
        }
        tu_free_names(names, n);
    }
    assert_true(done >= 40);
    round_trip(tu_src("examples/data/hongze-district-2023.json"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cms_page),          cmocka_unit_test(test_gbk_page),
        cmocka_unit_test(test_word_export),       cmocka_unit_test(test_site_chrome),
        cmocka_unit_test(test_pieces),            cmocka_unit_test(test_conflict_and_errors),
        cmocka_unit_test(test_reader),            cmocka_unit_test(test_writer_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
