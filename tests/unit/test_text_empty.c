/* SPDX-License-Identifier: MIT */
/* Rows printed empty (labels without values) are read blank only where the text proves it:
 * every value of the tables placed, the text going on after the label without a value. A
 * blank official form, through pdftotext and LibreOffice, reads all blank and invents
 * nothing. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const T2_2021 = "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n本年制发件数\n"
                                   "本年废止件数\n现行有效件数\n规章\n行政规范性文件\n第二十条第（五）项\n信息内容\n"
                                   "本年处理决定数量\n行政许可\n";

static int has_diag(const xxgk_report *r, const char *line_rule)
{
    char *d = tu_diag_text(r);
    int found = strstr(d, line_rule) != NULL;
    free(d);
    return found;
}

static void test_labels_then_a_heading_are_blank(void **state)
{
    (void)state;
    char text[2048];
    snprintf(text, sizeof text, "%s三、收到和处理政府信息公开申请情况\n", T2_2021);
    xxgk_report *r = tu_parse_str(text, XXGK_FORMAT_TEXT);
    assert_true(tu_blank(r, "proactive.regulations.issued"));
    assert_true(tu_blank(r, "proactive.normative_documents.in_force"));
    assert_true(tu_blank(r, "proactive.licensing.decisions"));   /* a heading follows it */
    assert_true(tu_unread(r, "proactive.punishment.decisions")); /* not printed */
    assert_true(has_diag(r, "7:1 READ.EMPTY info"));
    xxgk_report_free(r);
    /* the text ends on the label: nothing proves its row empty */
    r = tu_parse_str(T2_2021, XXGK_FORMAT_TEXT);
    assert_true(tu_blank(r, "proactive.normative_documents.issued"));
    assert_true(tu_unread(r, "proactive.licensing.decisions"));
    xxgk_report_free(r);
}

static void test_values_elsewhere_prove_nothing(void **state)
{
    (void)state;
    /* labels one after the other, their values in a block the reader cannot place (an
     * extractor's column order): no row is blank */
    xxgk_report *r = tu_parse_str("三、收到和处理政府信息公开申请情况\n"
                                  "1.属于国家秘密\n2.其他法律行政法规禁止公开\n3.危及“三安全一稳定”\n\n"
                                  "0\n0\n1\n0\n0\n0\n1\n\n0\n0\n0\n0\n0\n0\n0\n\n"
                                  "4.保护第三方合法权益\n",
                                  XXGK_FORMAT_TEXT);
    assert_true(tu_unread(r, "applications.denied.state_secret.natural_person"));
    assert_true(tu_unread(r, "applications.denied.prohibited_by_law.total"));
    assert_false(has_diag(r, "READ.EMPTY"));
    xxgk_report_free(r);
    /* a bare number in a section may be a table's value moved by the extractor */
    char text[2048];
    snprintf(text, sizeof text, "%s三、收到和处理政府信息公开申请情况\n五、存在的主要问题及改进情况\n7\n", T2_2021);
    r = tu_parse_str(text, XXGK_FORMAT_TEXT);
    assert_true(tu_unread(r, "proactive.regulations.issued"));
    xxgk_report_free(r);
    /* every value placed in its row: the label between two rows is a row printed empty */
    r = tu_parse_str("二、主动公开政府信息情况\n规章\n1\n2\n3\n行政规范性文件\n第二十条第（五）项\n行政许可\n9\n",
                     XXGK_FORMAT_TEXT);
    assert_int_equal(tu_count(r, "proactive.regulations.in_force"), 3);
    assert_true(tu_blank(r, "proactive.normative_documents.issued"));
    assert_int_equal(tu_count(r, "proactive.licensing.decisions"), 9);
    xxgk_report_free(r);
}

static void test_review_header_alone(void **state)
{
    (void)state;
    static const char t4[] = "四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼\n结果\n维持\n"
                             "未经复议直接起诉 复议后起诉\n";
    char text[1024];
    /* the header, then the next heading: the line of values is printed empty */
    snprintf(text, sizeof text, "%s五、存在的主要问题及改进情况\n无。\n", t4);
    xxgk_report *r = tu_parse_str(text, XXGK_FORMAT_TEXT);
    assert_true(tu_blank(r, "review_litigation.review.upheld"));
    assert_true(tu_blank(r, "review_litigation.litigation_after_review.total"));
    assert_true(has_diag(r, "2:1 READ.EMPTY info"));
    xxgk_report_free(r);
    /* the text ends after the header: not read */
    r = tu_parse_str(t4, XXGK_FORMAT_TEXT);
    assert_true(tu_unread(r, "review_litigation.review.upheld"));
    xxgk_report_free(r);
}

static void test_ambiguous_label_needs_values(void **state)
{
    (void)state;
    /* words naming two rows, then labels: a header, read on */
    xxgk_report *r = tu_parse_str("二、主动公开政府信息情况\n第二十条第（六）项\n行政处罚 行政强制\n"
                                  "行政处罚\n5\n行政强制\n6\n",
                                  XXGK_FORMAT_TEXT);
    assert_int_equal(tu_count(r, "proactive.punishment.decisions"), 5);
    assert_int_equal(tu_count(r, "proactive.coercion.decisions"), 6);
    xxgk_report_free(r);
    /* then values: whose they are is not known, an error */
    static const char text[] = "二、主动公开政府信息情况\n第二十条第（六）项\n行政处罚 行政强制\n5\n";
    r = NULL;
    assert_int_equal(xxgk_report_parse(&r, text, sizeof text - 1, NULL), XXGK_EAMBIGUOUS);
    assert_int_equal(xxgk_error_line(), 3);
    assert_null(r);
}

/* How many TABLE.EMPTY findings the check of r gives. */
static int empty_tables(const xxgk_report *r)
{
    xxgk_findings *f = NULL;
    assert_int_equal(xxgk_check(&f, r, NULL), 0);
    int n = 0;
    for (size_t i = 0; i < xxgk_findings_count(f); i++)
        n += !strcmp(xxgk_finding_rule(f, i), "TABLE.EMPTY");
    xxgk_findings_free(f);
    return n;
}

/* A blank form read from committed material: every cell blank but those listed (not read,
 * none else); no number, no token; the template as given. */
static void blank_form(const char *rel, int format, const char *tpl, const char *const *unread)
{
    char *buf = tu_slurp(tu_data(rel), NULL);
    xxgk_report *r = tu_parse_str(buf, format);
    free(buf);
    const xxgk_template *t = xxgk_report_template(r);
    assert_string_equal(xxgk_template_id(t), tpl);
    assert_int_equal(xxgk_report_year(r), 0);
    assert_string_equal(xxgk_report_agency(r), "");
    for (size_t id = 0; id < xxgk_template_cell_count(t); id++) {
        const char *path = xxgk_template_cell_path(t, id);
        int listed = 0;
        for (size_t k = 0; unread && unread[k]; k++)
            listed |= !strncmp(path, unread[k], strlen(unread[k])) && path[strlen(unread[k])] == '.';
        int want = listed ? XXGK_CELL_UNREAD : XXGK_CELL_BLANK, got = xxgk_report_cell_state(r, id);
        if (got != want)
            fail_msg("%s: %s: state %d, expected %d", rel, path, got, want);
    }
    assert_int_equal(empty_tables(r), 3); /* the checker sees the empty tables as published */
    xxgk_report_free(r);
}

static void test_blank_official_forms(void **state)
{
    (void)state;
    /* the official 2021 form (tests/data/real/files/govnianbao-blank-template-2021.docx) as
     * LibreOffice exports it to PDF and to text; the 2019 form as LibreOffice prints the
     * HTML writer's empty report (its first page is blank) */
    static const char *const fee[] = { "applications.other.overdue_fee", NULL };
    static const char *const two[] = { "applications.denied.prohibited_by_law", "applications.unable.needs_creation",
                                       NULL };
    blank_form("pdf/govnianbao-blank-template-2021.libreoffice.raw.txt", XXGK_FORMAT_PDFTEXT, "2021", NULL);
    blank_form("pdf/govnianbao-blank-template-2021.libreoffice.layout.txt", XXGK_FORMAT_PDFTEXT, "2021", fee);
    blank_form("pdf/govnianbao-blank-template-2021.libreoffice.txt", XXGK_FORMAT_TEXT, "2021", NULL);
    blank_form("pdf/blank-2019.libreoffice.raw.txt", XXGK_FORMAT_PDFTEXT, "2019", NULL);
    blank_form("pdf/blank-2019.libreoffice.layout.txt", XXGK_FORMAT_PDFTEXT, "2019", two);
}

static void test_labels_printed_without_values(void **state)
{
    (void)state;
    /* a 2022 report on the 2019 form, labels only, cut inside table 三 */
    xxgk_report *r = tu_load(tu_src("tests/data/real/jiaxian-xizhen-2022_emptytemplate.txt"));
    const xxgk_template *t = xxgk_report_template(r);
    size_t blank = 0, unread = 0;
    for (size_t id = 0; id < xxgk_template_cell_count(t); id++) {
        int s = xxgk_report_cell_state(r, id);
        assert_true(s == XXGK_CELL_BLANK || s == XXGK_CELL_UNREAD);
        blank += s == XXGK_CELL_BLANK;
        unread += s == XXGK_CELL_UNREAD;
    }
    assert_int_equal(blank, 22 + 13 * 7); /* all of 二; 三 up to （四）1, the last row followed by another */
    assert_true(tu_blank(r, "applications.unable.not_held.total"));
    assert_true(tu_unread(r, "applications.unable.needs_creation.total")); /* the text ends on a fragment */
    assert_true(tu_unread(r, "review_litigation.review.upheld"));
    assert_int_equal(empty_tables(r), 2);
    xxgk_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_labels_then_a_heading_are_blank),
        cmocka_unit_test(test_values_elsewhere_prove_nothing),
        cmocka_unit_test(test_review_header_alone),
        cmocka_unit_test(test_ambiguous_label_needs_values),
        cmocka_unit_test(test_blank_official_forms),
        cmocka_unit_test(test_labels_printed_without_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
