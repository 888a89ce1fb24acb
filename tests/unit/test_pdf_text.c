/* SPDX-License-Identifier: MIT */
/* The text pdftotext makes of a PDF (XXGK_FORMAT_PDFTEXT): -raw and -layout texts of the
 * committed PDFs (tests/data/pdf) read into exactly the cells of the reports they were made
 * from, findings give the page and the line within it, and PDF bytes themselves are refused
 * with a message saying what to do. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static xxgk_report *read_pdftext(const char *rel)
{
    size_t n;
    char *buf = tu_slurp(tu_data(rel), &n);
    xxgk_parse_options *o = NULL;
    assert_int_equal(xxgk_parse_options_new(&o), 0);
    assert_int_equal(xxgk_parse_options_set_format(o, XXGK_FORMAT_PDFTEXT), 0);
    xxgk_report *r = NULL;
    if (xxgk_report_parse(&r, buf, n, o) != 0)
        fail_msg("%s: %ld:%ld: %s", rel, xxgk_error_line(), xxgk_error_column(), xxgk_error_message());
    xxgk_parse_options_free(o);
    free(buf);
    return r;
}

/* Every cell of `got` is the cell of `want` (a number where it has one, the same number; no
 * number where it has none), except the `skip` cells, which must not be read. */
static void same_cells(const char *what, const xxgk_report *got, const xxgk_report *want, const char *const *skip)
{
    const xxgk_template *t = xxgk_report_template(want);
    assert_ptr_equal(xxgk_report_template(got), t);
    for (size_t id = 0; id < xxgk_template_cell_count(t); id++) {
        const char *path = xxgk_template_cell_path(t, id);
        int skipped = 0;
        for (size_t k = 0; skip && skip[k]; k++)
            skipped |= !strcmp(skip[k], path);
        int sg = xxgk_report_cell_state(got, id), sw = xxgk_report_cell_state(want, id);
        if (skipped) {
            if (sg != XXGK_CELL_UNREAD)
                fail_msg("%s: %s should not be read (state %d)", what, path, sg);
            continue;
        }
        if ((sg == XXGK_CELL_NUMBER) != (sw == XXGK_CELL_NUMBER))
            fail_msg("%s: %s: state %d, the source's %d", what, path, sg, sw);
        int64_t a, b;
        if (sw == XXGK_CELL_NUMBER) {
            if (xxgk_template_cell_kind(t, id) == XXGK_KIND_AMOUNT) {
                assert_int_equal(xxgk_report_cell_get_micros(&a, got, id), 0);
                assert_int_equal(xxgk_report_cell_get_micros(&b, want, id), 0);
            } else {
                assert_int_equal(xxgk_report_cell_get_count(&a, got, id), 0);
                assert_int_equal(xxgk_report_cell_get_count(&b, want, id), 0);
            }
            if (a != b)
                fail_msg("%s: %s: read %lld, the source %lld", what, path, (long long)a, (long long)b);
        }
    }
}

static void test_texts_read_as_their_source(void **state)
{
    (void)state;
    static const struct {
        const char *pdf, *source;
    } cases[] = {
        { "pdf/hongze-district-2023.chromium", "pdf/hongze-district-2023.json" },
        { "pdf/kundulun-xinfang-2023.docx", "../../examples/data/kundulun-xinfang-2023.json" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        xxgk_report *want = tu_load(tu_data(cases[i].source));
        static const char *const kinds[] = { "raw", "layout" };
        for (size_t k = 0; k < 2; k++) {
            char rel[256];
            snprintf(rel, sizeof rel, "%s.%s.txt", cases[i].pdf, kinds[k]);
            xxgk_report *got = read_pdftext(rel);
            same_cells(rel, got, want, NULL);
            assert_int_equal(xxgk_report_year(got), xxgk_report_year(want));
            assert_string_equal(xxgk_report_agency(got), xxgk_report_agency(want));
            assert_string_equal(xxgk_report_title(got), xxgk_report_title(want));
            xxgk_report_free(got);
        }
        xxgk_report_free(want);
    }
}

/* LibreOffice wraps the long label of the excerpt's last row over four lines, away from its
 * values: they are not read (never guessed), and the finding says where, by page. */
static void test_wrapped_last_row_not_guessed(void **state)
{
    (void)state;
    static const char *const row[] = {
        "applications.partially_granted.natural_person", "applications.partially_granted.commercial",
        "applications.partially_granted.research",       "applications.partially_granted.social_welfare",
        "applications.partially_granted.legal_service",  "applications.partially_granted.other_org",
        "applications.partially_granted.total",          NULL
    };
    xxgk_report *want =
        tu_load(tu_data("text/corpus/unknown-bureau-mirror-2019tpl_text-in-numeric-cell/expected.json"));
    static const char *const kinds[] = { "pdf/unknown-bureau-2019.libreoffice.raw.txt",
                                         "pdf/unknown-bureau-2019.libreoffice.layout.txt" };
    for (size_t k = 0; k < 2; k++) {
        xxgk_report *got = read_pdftext(kinds[k]);
        same_cells(kinds[k], got, want, row);
        xxgk_report_free(got);
    }
    xxgk_report *got = read_pdftext(kinds[0]);
    const xxgk_findings *d = xxgk_report_diagnostics(got);
    size_t i = 0;
    while (i < xxgk_findings_count(d) && strcmp(xxgk_finding_rule(d, i), "READ.UNPLACED") != 0)
        i++;
    assert_true(i < xxgk_findings_count(d));
    assert_int_equal(xxgk_finding_page(d, i), 3);
    assert_int_equal(xxgk_finding_line(d, i), 27);
    assert_non_null(strstr(xxgk_finding_message(d, i), "第3页第27行至第3页第27行："));
    assert_non_null(strstr(xxgk_finding_message_en(d, i), "page 3, line 27 to page 3, line 27: "));
    /* a check's findings too */
    xxgk_findings *f = NULL;
    assert_int_equal(xxgk_check(&f, got, NULL), 0);
    int paged = 0;
    for (size_t j = 0; j < xxgk_findings_count(f); j++)
        paged += xxgk_finding_line(f, j) > 0 && xxgk_finding_page(f, j) > 0;
    assert_true(paged > 0);
    xxgk_findings_free(f);
    /* text that is not from a PDF has no pages */
    xxgk_report *plain = tu_load(tu_data("real/kundulun-xinfang-2023.txt"));
    assert_int_equal(xxgk_check(&f, plain, NULL), 0);
    for (size_t j = 0; j < xxgk_findings_count(f); j++)
        assert_int_equal(xxgk_finding_page(f, j), 0);
    xxgk_findings_free(f);
    xxgk_report_free(plain);
    xxgk_report_free(got);
    xxgk_report_free(want);
}

/* Parse text[0..n) as `format` (strict or not) and expect failure `code`. */
static void parse_fails(const char *text, size_t n, int format, int strict, int code)
{
    xxgk_parse_options *o = NULL;
    assert_int_equal(xxgk_parse_options_new(&o), 0);
    assert_int_equal(xxgk_parse_options_set_format(o, format), 0);
    assert_int_equal(xxgk_parse_options_set_strict(o, strict), 0);
    xxgk_report *r = NULL;
    assert_int_equal(xxgk_report_parse(&r, text, n, o), code);
    assert_null(r);
    xxgk_parse_options_free(o);
}

/* A failure to read a PDF's text names the page and the line within it (the label on line 3
 * of page 2 of LibreOffice's PDF names two rows, then a value follows: whose it is is not
 * known), through every way of reading; the same text read as plain text has no pages. */
static void test_read_failure_names_its_page(void **state)
{
    (void)state;
    size_t n;
    char *buf = tu_slurp(tu_data("pdf/ambiguous-label.libreoffice.raw.txt"), &n);
    parse_fails(buf, n, XXGK_FORMAT_PDFTEXT, 0, XXGK_EAMBIGUOUS);
    assert_int_equal(xxgk_error_page(), 2);
    assert_int_equal(xxgk_error_line(), 3);
    assert_int_equal(xxgk_error_column(), 1);
    assert_string_equal(xxgk_error_message_zh(), "标签“行政处罚 行政强制”同样符合表二的两行：“行政处罚”和“行政强制”");
    xxgk_error_clear();
    assert_int_equal(xxgk_error_page(), 0);
    parse_fails(buf, n, XXGK_FORMAT_TEXT, 0, XXGK_EAMBIGUOUS);
    assert_int_equal(xxgk_error_page(), 0);
    assert_int_equal(xxgk_error_line(), 6);
    /* the multi-report reader */
    xxgk_parse_options *o = NULL;
    assert_int_equal(xxgk_parse_options_new(&o), 0);
    assert_int_equal(xxgk_parse_options_set_format(o, XXGK_FORMAT_PDFTEXT), 0);
    xxgk_reader *rd = NULL;
    xxgk_report *r = NULL;
    assert_int_equal(xxgk_reader_open(&rd, buf, n, o), 0);
    assert_int_equal(xxgk_reader_next(&r, rd), XXGK_EAMBIGUOUS);
    assert_int_equal(xxgk_error_page(), 2);
    assert_int_equal(xxgk_error_line(), 3);
    xxgk_reader_free(rd);
    /* the bulk check: the entry keeps the page */
    const char *paths[] = { tu_data("pdf/ambiguous-label.libreoffice.raw.txt") };
    xxgk_results *res = NULL;
    assert_int_equal(xxgk_check_files(&res, paths, 1, 1, o, NULL), 0);
    assert_int_equal(xxgk_results_count(res), 1);
    assert_int_equal(xxgk_results_error(res, 0), XXGK_EAMBIGUOUS);
    assert_int_equal(xxgk_results_error_page(res, 0), 2);
    assert_int_equal(xxgk_results_error_line(res, 0), 3);
    assert_int_equal(xxgk_results_error_page(res, 1), 0);
    xxgk_results_free(res);
    xxgk_parse_options_free(o);
    /* a later failure without pages has none */
    parse_fails("{", 1, XXGK_FORMAT_JSON, 0, XXGK_EPARSE);
    assert_int_equal(xxgk_error_page(), 0);
    free(buf);
    /* bytes that are no text, on page 2 */
    static const char bad[] = "某局2023年政府信息公开工作年度报告\n\f二、主动公开政府信息情况\n\xff\xfe\xff\n";
    parse_fails(bad, sizeof bad - 1, XXGK_FORMAT_PDFTEXT, 0, XXGK_EENCODING);
    assert_int_equal(xxgk_error_page(), 2);
    assert_int_equal(xxgk_error_line(), 2);
}

/* --strict: the first warning is the failure, with its page, and its message names it. */
static void test_strict_failure_names_its_page(void **state)
{
    (void)state;
    size_t n;
    char *buf = tu_slurp(tu_data("pdf/unknown-bureau-2019.libreoffice.raw.txt"), &n);
    parse_fails(buf, n, XXGK_FORMAT_PDFTEXT, 1, XXGK_ESTRICT);
    assert_int_equal(xxgk_error_page(), 3);
    assert_int_equal(xxgk_error_line(), 27);
    assert_int_equal(xxgk_error_column(), 1);
    assert_string_equal(xxgk_error_message_zh(), "第3页第27行至第3页第27行：表三中没有行标签的数值行未读入（后面没有可对应的行标签）");
    assert_string_equal(xxgk_error_message(),
                        "page 3, line 27 to page 3, line 27: unlabeled value rows of table 三 not read (no matched "
                        "row label after them)");
    free(buf);
}

/* A row label pdftotext wraps over lines ("（二）部分公开（区分处理的，只计这一情形，" ⏎
 * "不计其他情形） 4 0 0 0 0 0 4"; "5.要求行政机关确认或重新出" ⏎ "具已获取信息" ⏎ "0 0 …") is the row
 * the lines name together: read by its name, no warning, no guess by position. */
static void test_wrapped_label_joined(void **state)
{
    (void)state;
    xxgk_report *r = read_pdftext("pdf/hongze-district-2023.chromium.raw.txt");
    const xxgk_findings *d = xxgk_report_diagnostics(r);
    assert_int_equal(xxgk_findings_count(d), 1);
    assert_string_equal(xxgk_finding_rule(d, 0), "READ.SUBTOTAL");
    assert_int_equal(tu_count(r, "applications.partially_granted.natural_person"), 4);
    assert_int_equal(tu_count(r, "applications.partially_granted.total"), 4);
    assert_int_equal(tu_count(r, "applications.not_processed.confirmation.total"), 0);
    xxgk_report_free(r);
    /* LibreOffice's PDF: labels over two or three lines, the values on a line of their own,
     * also after the group's label wrapped the same way ("（六）" ⏎ "其他处" ⏎ "理" ⏎
     * "1.申请人无正当理由逾期不补" ⏎ …): every row by its name, nothing left to its place */
    r = read_pdftext("pdf/kundulun-xinfang-2023.docx.raw.txt");
    assert_int_equal(xxgk_findings_count(xxgk_report_diagnostics(r)), 0);
    xxgk_report_free(r);
}

/* pdftotext spaces letter-spaced type ("示 例 县 统 计 局" ⏎ "2 0 2 3 年 度 政 府 …") and puts a
 * space where the font changes ("统计局 2023 年"): the title, agency and year are read without
 * them. Text that is not from a PDF keeps the spaces it was written with. */
static void test_title_without_extractor_spaces(void **state)
{
    (void)state;
    xxgk_report *r = read_pdftext("pdf/spaced-title.libreoffice.raw.txt");
    assert_string_equal(xxgk_report_title(r), "示例县统计局2023年度政府信息公开工作年度报告");
    assert_string_equal(xxgk_report_agency(r), "示例县统计局");
    assert_int_equal(xxgk_report_year(r), 2023);
    xxgk_report_free(r);
    static const struct {
        const char *line, *title, *agency;
    } cases[] = {
        { "示例县统计局 2023 年政府信息公开工作年度报告", "示例县统计局2023年政府信息公开工作年度报告", "示例县统计局" },
        { "示 例 县 统 计 局 2 0 2 3 年 度 政 府 信 息 公 开 工 作 年 度 报 告",
          "示例县统计局2023年度政府信息公开工作年度报告", "示例县统计局" },
        /* full-width spaces and punctuation; Latin words keep theirs; two numbers stay two */
        { "《示例县统计局\xe3\x80\x80" "2023 年政府信息公开工作年度报告》（PDF 版）",
          "《示例县统计局2023年政府信息公开工作年度报告》（PDF 版）", "示例县统计局" },
        { "示例县统计局 2023 2024 年政府信息公开工作年度报告", "示例县统计局2023 2024年政府信息公开工作年度报告", "" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char text[512];
        snprintf(text, sizeof text, "%s\n一、总体情况\n本局依法公开政府信息。\n", cases[i].line);
        r = tu_parse_str(text, XXGK_FORMAT_PDFTEXT);
        if (strcmp(xxgk_report_title(r), cases[i].title) || strcmp(xxgk_report_agency(r), cases[i].agency))
            fail_msg("case %zu: title '%s' agency '%s'", i, xxgk_report_title(r), xxgk_report_agency(r));
        xxgk_report_free(r);
    }
    r = tu_parse_str("示例县统计局 2023 年政府信息公开工作年度报告\n一、总体情况\n", XXGK_FORMAT_TEXT);
    assert_string_equal(xxgk_report_title(r), "示例县统计局 2023 年政府信息公开工作年度报告");
    xxgk_report_free(r);
}

static void test_pdf_bytes_refused(void **state)
{
    (void)state;
    size_t n;
    char *buf = tu_slurp(tu_data("pdf/scanned-page.pdf"), &n);
    xxgk_report *r = NULL;
    assert_int_equal(xxgk_report_parse(&r, buf, n, NULL), XXGK_EFORMAT);
    assert_null(r);
    assert_non_null(strstr(xxgk_error_message(), "pdftotext"));
    xxgk_reader *rd = NULL;
    assert_int_equal(xxgk_reader_open(&rd, buf, n, NULL), XXGK_EFORMAT);
    free(buf);
    int format = -1;
    assert_int_equal(xxgk_format_from_name(&format, "pdftext"), 0);
    assert_int_equal(format, XXGK_FORMAT_PDFTEXT);
    assert_string_equal(xxgk_format_name(XXGK_FORMAT_PDFTEXT), "pdftext");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_texts_read_as_their_source),
        cmocka_unit_test(test_wrapped_last_row_not_guessed),
        cmocka_unit_test(test_read_failure_names_its_page),
        cmocka_unit_test(test_strict_failure_names_its_page),
        cmocka_unit_test(test_wrapped_label_joined),
        cmocka_unit_test(test_title_without_extractor_spaces),
        cmocka_unit_test(test_pdf_bytes_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
