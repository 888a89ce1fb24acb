/* SPDX-License-Identifier: MIT */
/* The checker: every rule on hand-made reports, exact findings, the single-cell property,
 * blanks, year over year, sums and differences. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static xxgk_report *new_report(const char *tpl)
{
    xxgk_report *r = NULL;
    assert_int_equal(xxgk_report_new(&r, xxgk_template_get(tpl)), 0);
    return r;
}

static void set(xxgk_report *r, const char *path, int64_t v)
{
    assert_int_equal(xxgk_report_cell_set_count(r, tu_id(r, path), v), 0);
}

static int64_t get(const xxgk_report *r, const char *path)
{
    int64_t v = -999;
    assert_int_equal(xxgk_report_cell_get_count(&v, r, tu_id(r, path)), 0);
    return v;
}

/* A consistent report with a distinct non-zero number in every printed cell. */
static xxgk_report *consistent(const char *tpl, int seed)
{
    xxgk_report *r = new_report(tpl);
    const xxgk_template *t = xxgk_template_get(tpl);
    static const char *const cols[] = { "natural_person", "commercial", "research", "social_welfare",
                                        "legal_service", "other_org" };
    char path[256];
    /* table 二: anything non-zero (amounts in micros) */
    for (size_t id = 0; id < xxgk_template_table_cell_count(t, 0); id++) {
        if (xxgk_template_cell_kind(t, id) == XXGK_KIND_AMOUNT)
            assert_int_equal(xxgk_report_cell_set_micros(r, id, 1234560000 + seed), 0);
        else
            assert_int_equal(xxgk_report_cell_set_count(r, id, (int64_t)(id + 1 + (size_t)seed)), 0);
    }
    /* table 三: detail rows, then totals, then the balance */
    int64_t total[6] = { 0 };
    size_t first = xxgk_template_table_first_cell(t, 1), n = xxgk_template_table_cell_count(t, 1);
    int k = 1;
    for (size_t id = first; id < first + n; id += 7) {
        const char *p = xxgk_template_cell_path(t, id);
        const char *row = p + strlen("applications.");
        size_t rl = strlen(row) - strlen(".natural_person");
        if (!strncmp(row, "new.", 4) || !strncmp(row, "carried_over.", 13) || !strncmp(row, "total.", 6) ||
            !strncmp(row, "carried_forward.", 16))
            continue;
        int64_t sum = 0;
        for (int c = 0; c < 6; c++) {
            snprintf(path, sizeof path, "applications.%.*s.%s", (int)rl, row, cols[c]);
            int64_t v = k++ + seed;
            set(r, path, v);
            total[c] += v;
            sum += v;
        }
        snprintf(path, sizeof path, "applications.%.*s.total", (int)rl, row);
        set(r, path, sum);
    }
    int64_t sums[4] = { 0 };
    for (int c = 0; c < 6; c++) {
        int64_t carried_over = 3 + c + seed, carried_forward = 5 + 2 * c + seed;
        int64_t nw = total[c] + carried_forward - carried_over;
        snprintf(path, sizeof path, "applications.total.%s", cols[c]);
        set(r, path, total[c]);
        snprintf(path, sizeof path, "applications.carried_over.%s", cols[c]);
        set(r, path, carried_over);
        snprintf(path, sizeof path, "applications.carried_forward.%s", cols[c]);
        set(r, path, carried_forward);
        snprintf(path, sizeof path, "applications.new.%s", cols[c]);
        set(r, path, nw);
        sums[0] += total[c];
        sums[1] += carried_over;
        sums[2] += carried_forward;
        sums[3] += nw;
    }
    set(r, "applications.total.total", sums[0]);
    set(r, "applications.carried_over.total", sums[1]);
    set(r, "applications.carried_forward.total", sums[2]);
    set(r, "applications.new.total", sums[3]);
    static const char *const groups[] = { "review", "litigation_direct", "litigation_after_review" };
    static const char *const parts[] = { "upheld", "corrected", "other", "pending" };
    for (int g = 0; g < 3; g++) {
        int64_t s = 0;
        for (int p = 0; p < 4; p++) {
            snprintf(path, sizeof path, "review_litigation.%s.%s", groups[g], parts[p]);
            set(r, path, g * 10 + p + 1 + seed);
            s += g * 10 + p + 1 + seed;
        }
        snprintf(path, sizeof path, "review_litigation.%s.total", groups[g]);
        set(r, path, s);
    }
    /* a year its template is meant for */
    assert_int_equal(xxgk_report_set_year(r, strcmp(tpl, "2019") == 0 ? 2020 : 2023), 0);
    return r;
}

static xxgk_findings *check(const xxgk_report *r, int blank_as_zero)
{
    xxgk_check_options *o;
    assert_int_equal(xxgk_check_options_new(&o), 0);
    assert_int_equal(xxgk_check_options_set_blank_as_zero(o, blank_as_zero), 0);
    xxgk_findings *f = NULL;
    assert_int_equal(xxgk_check(&f, r, o), 0);
    xxgk_check_options_free(o);
    return f;
}

static size_t count_rule(const xxgk_findings *f, const char *rule, int severity)
{
    size_t n = 0;
    for (size_t i = 0; i < xxgk_findings_count(f); i++)
        if (!strcmp(xxgk_finding_rule(f, i), rule) && (!severity || xxgk_finding_severity(f, i) == severity))
            n++;
    return n;
}

static void test_consistent_is_clean(void **state)
{
    (void)state;
    const char *tpls[] = { "2021", "2019" };
    for (int i = 0; i < 2; i++) {
        xxgk_report *r = consistent(tpls[i], 0);
        xxgk_findings *f = check(r, 0);
        if (xxgk_findings_count(f))
            fail_msg("%s: %s", xxgk_finding_rule(f, 0), xxgk_finding_message(f, 0));
        xxgk_findings_free(f);
        xxgk_report_free(r);
    }
}

static void test_reference_has_no_finding(void **state)
{
    (void)state;
    xxgk_report *r = tu_load(tu_src("examples/data/kundulun-xinfang-2023.json"));
    xxgk_findings *f = check(r, 0);
    assert_int_equal(xxgk_findings_count(f), 0);
    xxgk_findings_free(f);
    xxgk_report_free(r);
}

static void test_hongze_two_errors(void **state)
{
    (void)state;
    xxgk_report *r = tu_load(tu_src("examples/data/hongze-district-2023.json"));
    xxgk_findings *f = check(r, 0);
    /* exactly the two published inconsistencies: the blank sub-rows of （六）, printed as one
     * row, are neither blank-cell warnings nor uncheckable identities */
    assert_int_equal(xxgk_findings_count(f), 2);
    assert_int_equal(xxgk_findings_count_severity(f, XXGK_SEVERITY_ERROR), 2);
    size_t seen = 0;
    for (size_t i = 0; i < xxgk_findings_count(f); i++) {
        if (xxgk_finding_severity(f, i) != XXGK_SEVERITY_ERROR)
            continue;
        assert_string_equal(xxgk_finding_rule(f, i), "T4.TOTAL");
        assert_int_equal(xxgk_finding_cell_count(f, i), 5);
        const char *subject = xxgk_finding_cell(f, i, 4);
        if (!strcmp(subject, "review_litigation.review.total")) {
            assert_string_equal(xxgk_finding_cell(f, i, 0), "review_litigation.review.upheld");
            assert_string_equal(xxgk_finding_expected(f, i), "11");
            assert_string_equal(xxgk_finding_actual(f, i), "0");
            assert_string_equal(xxgk_finding_message(f, i),
                                "表四“行政复议”“总计”栏：总计应为 11（结果维持、结果纠正、其他结果、尚未审结之和），实为 0");
            assert_string_equal(xxgk_finding_message_en(f, i),
                                "table 4, \"Administrative review\" / \"Total\": the total should be 11 "
                                "(upheld + corrected + other + pending), is 0");
            seen |= 1;
        } else {
            assert_string_equal(subject, "review_litigation.litigation_after_review.total");
            assert_string_equal(xxgk_finding_expected(f, i), "5");
            assert_string_equal(xxgk_finding_actual(f, i), "0");
            seen |= 2;
        }
    }
    assert_int_equal(seen, 3);
    /* the （六） subtotal row printed instead of its sub-rows: the total is checked through it */
    assert_int_equal(count_rule(f, "T3.TOTAL_ROW", XXGK_SEVERITY_ERROR), 0);
    xxgk_findings_free(f);
    xxgk_report_free(r);
}

/* Every single-cell change of tables 三 and 四 by ±1 yields an error naming that cell. */
static void test_single_cell_property(void **state)
{
    (void)state;
    const char *tpls[] = { "2021", "2019" };
    for (int ti = 0; ti < 2; ti++) {
        xxgk_report *r = consistent(tpls[ti], 1);
        const xxgk_template *t = xxgk_report_template(r);
        xxgk_findings *f;
        assert_int_equal(xxgk_findings_new(&f), 0);
        size_t first = xxgk_template_table_first_cell(t, 1);
        size_t last = xxgk_template_table_first_cell(t, 2) + xxgk_template_table_cell_count(t, 2);
        for (size_t id = first; id < last; id++) {
            const char *path = xxgk_template_cell_path(t, id);
            int64_t v;
            assert_int_equal(xxgk_report_cell_get_count(&v, r, id), 0);
            for (int d = -1; d <= 1; d += 2) {
                assert_int_equal(xxgk_report_cell_set_count(r, id, v + d), 0);
                assert_int_equal(xxgk_check_into(f, r, NULL), 0);
                int named = 0;
                for (size_t i = 0; i < xxgk_findings_count(f); i++) {
                    if (xxgk_finding_severity(f, i) != XXGK_SEVERITY_ERROR)
                        continue;
                    for (size_t j = 0; j < xxgk_finding_cell_count(f, i); j++)
                        if (!strcmp(xxgk_finding_cell(f, i, j), path))
                            named = 1;
                }
                if (!named)
                    fail_msg("template %s: changing %s by %d is not caught", tpls[ti], path, d);
            }
            assert_int_equal(xxgk_report_cell_set_count(r, id, v), 0);
        }
        xxgk_findings_free(f);
        xxgk_report_free(r);
    }
}

static void test_total_row_message(void **state)
{
    (void)state;
    xxgk_report *r = consistent("2021", 0);
    int64_t v = get(r, "applications.total.natural_person");
    set(r, "applications.total.natural_person", v - 1);
    xxgk_findings *f = check(r, 0);
    assert_int_equal(count_rule(f, "T3.TOTAL_ROW", XXGK_SEVERITY_ERROR), 1);
    for (size_t i = 0; i < xxgk_findings_count(f); i++) {
        if (strcmp(xxgk_finding_rule(f, i), "T3.TOTAL_ROW"))
            continue;
        char want[256];
        snprintf(want, sizeof want, "表三“（七）总计”行“自然人”列：（七）总计应为 %lld（各办理结果之和），实为 %lld",
                 (long long)v, (long long)(v - 1));
        assert_string_equal(xxgk_finding_message(f, i), want);
        assert_int_equal(xxgk_finding_cell_count(f, i), 22);
    }
    /* the same change also breaks the balance and the total column */
    assert_int_equal(count_rule(f, "T3.BALANCE", XXGK_SEVERITY_ERROR), 1);
    assert_int_equal(count_rule(f, "T3.TOTAL_COL", XXGK_SEVERITY_ERROR), 1);
    xxgk_findings_free(f);
    xxgk_report_free(r);
}

static void test_blank_is_not_zero(void **state)
{
    (void)state;
    xxgk_report *r = consistent("2021", 0);
    /* Shanghai style: the total column left blank on a detail row */
    assert_int_equal(xxgk_report_cell_set_blank(r, tu_id(r, "applications.granted.total")), 0);
    xxgk_findings *f = check(r, 0);
    assert_int_equal(xxgk_findings_count_severity(f, XXGK_SEVERITY_ERROR), 0);
    assert_int_equal(count_rule(f, "T3.TOTAL_COL", XXGK_SEVERITY_INFO), 1);
    assert_int_equal(count_rule(f, "T3.TOTAL_ROW", XXGK_SEVERITY_INFO), 1);
    assert_int_equal(count_rule(f, "CELL.BLANK", XXGK_SEVERITY_WARNING), 1);
    for (size_t i = 0; i < xxgk_findings_count(f); i++)
        if (!strcmp(xxgk_finding_rule(f, i), "T3.TOTAL_COL")) {
            assert_int_equal(xxgk_finding_cell_count(f, i), 1);
            assert_string_equal(xxgk_finding_cell(f, i, 0), "applications.granted.total");
        }
    xxgk_findings_free(f);
    /* read as zero on request: now it is an error */
    f = check(r, 1);
    assert_int_equal(count_rule(f, "T3.TOTAL_COL", XXGK_SEVERITY_ERROR), 1);
    assert_int_equal(count_rule(f, "T3.TOTAL_ROW", XXGK_SEVERITY_ERROR), 1);
    xxgk_findings_free(f);
    /* a token is never read as zero */
    assert_int_equal(xxgk_report_cell_set_token(r, tu_id(r, "applications.granted.total"), "/"), 0);
    f = check(r, 1);
    assert_int_equal(xxgk_findings_count_severity(f, XXGK_SEVERITY_ERROR), 0);
    assert_int_equal(count_rule(f, "CELL.TOKEN", XXGK_SEVERITY_WARNING), 1);
    xxgk_findings_free(f);
    xxgk_report_free(r);
}

static void test_structure(void **state)
{
    (void)state;
    xxgk_report *r = new_report("2021");
    xxgk_findings *f = check(r, 0);
    assert_int_equal(count_rule(f, "TABLE.EMPTY", XXGK_SEVERITY_ERROR), 3);
    assert_int_equal(count_rule(f, "CELL.BLANK", 0), 0);
    /* a blank form: the three findings say it all, not one per identity that cannot be checked */
    assert_int_equal(xxgk_findings_count(f), 3);
    xxgk_findings_free(f);
    /* one number in 表三: its identities over the blanks cannot be checked, and say so */
    set(r, "applications.new.natural_person", 1);
    f = check(r, 0);
    assert_int_equal(count_rule(f, "TABLE.EMPTY", XXGK_SEVERITY_ERROR), 2);
    assert_int_equal(count_rule(f, "T3.BALANCE", XXGK_SEVERITY_INFO), 7);
    xxgk_findings_free(f);
    xxgk_report_free(r);
    /* the 2019 format used for a 2023 report */
    r = consistent("2019", 0);
    assert_int_equal(xxgk_report_set_year(r, 2023), 0);
    f = check(r, 0);
    assert_int_equal(xxgk_findings_count(f), 1);
    assert_string_equal(xxgk_finding_rule(f, 0), "TEMPLATE.OUTDATED");
    assert_int_equal(xxgk_finding_severity(f, 0), XXGK_SEVERITY_WARNING);
    xxgk_findings_free(f);
    assert_int_equal(xxgk_report_set_year(r, 2020), 0);
    f = check(r, 0);
    assert_int_equal(xxgk_findings_count(f), 0);
    xxgk_findings_free(f);
    /* negative counts; the 2019 本年增/减 may be negative */
    set(r, "proactive.licensing.change", -4);
    f = check(r, 0);
    assert_int_equal(xxgk_findings_count(f), 0);
    xxgk_findings_free(f);
    set(r, "proactive.licensing.previous", -1);
    assert_int_equal(xxgk_report_cell_set_micros(r, tu_id(r, "proactive.procurement.amount"), -520000), 0);
    f = check(r, 0);
    assert_int_equal(count_rule(f, "CELL.NONNEG", XXGK_SEVERITY_ERROR), 1);
    assert_int_equal(count_rule(f, "CELL.AMOUNT", XXGK_SEVERITY_ERROR), 1);
    for (size_t i = 0; i < xxgk_findings_count(f); i++)
        if (!strcmp(xxgk_finding_rule(f, i), "CELL.AMOUNT"))
            assert_string_equal(xxgk_finding_message(f, i), "表二“政府集中采购”行“采购总金额”列：金额不能为负数，实为 -0.52");
    xxgk_findings_free(f);
    xxgk_report_free(r);
}

static void test_check_into_does_not_allocate(void **state)
{
    (void)state;
    xxgk_report *r = consistent("2021", 0);
    xxgk_findings *f;
    assert_int_equal(xxgk_findings_new(&f), 0);
    xx_alloc_fail_at(1); /* any allocation now fails */
    assert_int_equal(xxgk_check_into(f, r, NULL), 0);
    xx_alloc_fail_at(0);
    assert_int_equal(xxgk_findings_count(f), 0);
    xxgk_report_free(r);
    /* nor does a clean published report whose narrative states figures and a period */
    r = tu_load(tu_data("real/kundulun-xinfang-2023.txt"));
    xx_alloc_fail_at(1);
    assert_int_equal(xxgk_check_into(f, r, NULL), 0);
    xx_alloc_fail_at(0);
    assert_int_equal(xxgk_findings_count(f), 0);
    xxgk_findings_free(f);
    xxgk_report_free(r);
}

static void test_year_over_year(void **state)
{
    (void)state;
    xxgk_report *prev = consistent("2021", 0), *cur = consistent("2021", 2);
    assert_int_equal(xxgk_report_set_year(prev, 2022), 0);
    xxgk_findings *f = NULL;
    /* consistent pair: carried over this year = carried forward last year */
    static const char *const cols[] = { "natural_person", "commercial", "research", "social_welfare",
                                        "legal_service", "other_org", "total" };
    char a[128], b[128];
    for (int c = 0; c < 7; c++) {
        snprintf(a, sizeof a, "applications.carried_over.%s", cols[c]);
        snprintf(b, sizeof b, "applications.carried_forward.%s", cols[c]);
        int64_t want = get(prev, b), had = get(cur, a);
        set(cur, a, want);
        /* keep this year's balance: move the difference into new */
        snprintf(a, sizeof a, "applications.new.%s", cols[c]);
        set(cur, a, get(cur, a) + had - want);
    }
    /* in force rolls forward */
    set(cur, "proactive.regulations.in_force",
        get(prev, "proactive.regulations.in_force") + get(cur, "proactive.regulations.issued") -
            get(cur, "proactive.regulations.repealed"));
    set(cur, "proactive.normative_documents.in_force",
        get(prev, "proactive.normative_documents.in_force") + get(cur, "proactive.normative_documents.issued") -
            get(cur, "proactive.normative_documents.repealed"));
    f = check(cur, 0);
    assert_int_equal(xxgk_findings_count(f), 0);
    xxgk_findings_free(f);
    assert_int_equal(xxgk_check_previous(&f, cur, prev, NULL), 0);
    if (xxgk_findings_count(f))
        fail_msg("%s", xxgk_finding_message(f, 0));
    xxgk_findings_free(f);
    /* broken pair */
    set(cur, "applications.carried_over.research", get(cur, "applications.carried_over.research") + 1);
    set(cur, "proactive.regulations.in_force", get(cur, "proactive.regulations.in_force") + 2);
    assert_int_equal(xxgk_report_set_year(cur, 2024), 0);
    assert_int_equal(xxgk_check_previous(&f, cur, prev, NULL), 0);
    assert_int_equal(xxgk_findings_count(f), 3);
    assert_string_equal(xxgk_finding_rule(f, 0), "YOY.YEAR");
    assert_string_equal(xxgk_finding_expected(f, 0), "2023");
    assert_string_equal(xxgk_finding_actual(f, 0), "2024");
    assert_string_equal(xxgk_finding_rule(f, 1), "YOY.CARRY");
    assert_int_equal(xxgk_finding_severity(f, 1), XXGK_SEVERITY_ERROR);
    assert_string_equal(xxgk_finding_cell(f, 1, 1), "applications.carried_over.research");
    char want[256];
    snprintf(want, sizeof want, "%lld", (long long)get(prev, "applications.carried_forward.research"));
    assert_string_equal(xxgk_finding_expected(f, 1), want);
    assert_string_equal(xxgk_finding_rule(f, 2), "YOY.IN_FORCE");
    assert_int_equal(xxgk_finding_severity(f, 2), XXGK_SEVERITY_WARNING);
    xxgk_findings_free(f);
    /* across the 2019 -> 2021 change: carry-over is still compared (the 2019 report built with
     * seed 0 carries forward what prev did, so only the research column differs) */
    xxgk_report *old = consistent("2019", 0);
    assert_int_equal(xxgk_report_set_year(old, 2020), 0);
    assert_int_equal(xxgk_report_set_year(cur, 2021), 0);
    assert_int_equal(xxgk_check_previous(&f, cur, old, NULL), 0);
    assert_int_equal(count_rule(f, "YOY.CARRY", XXGK_SEVERITY_ERROR), 1);
    assert_int_equal(count_rule(f, "YOY.YEAR", 0), 0);
    assert_int_equal(count_rule(f, "YOY.IN_FORCE", 0), 0);
    xxgk_findings_free(f);
    xxgk_report_free(old);
    xxgk_report_free(cur);
    xxgk_report_free(prev);
}

static void test_copied_narrative(void **state)
{
    (void)state;
    xxgk_report *prev = new_report("2021"), *cur = new_report("2021");
    xxgk_report_set_year(prev, 2022);
    xxgk_report_set_year(cur, 2023);
    xxgk_report_set_section(prev, "overview",
                            "2022年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，"
                            "全年主动公开政府信息125条，办理依申请公开12件，均在法定期限内答复。");
    xxgk_report_set_section(cur, "overview",
                            "2023年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，"
                            "全年主动公开政府信息131条，办理依申请公开15件，均在法定期限内答复。");
    xxgk_report_set_section(prev, "problems", "一是信息发布不够及时；二是解读形式较为单一。");
    xxgk_report_set_section(cur, "problems", "今年我们重点改进了政策解读的方式，新增图解和视频解读二十余篇。");
    xxgk_findings *f;
    assert_int_equal(xxgk_check_previous(&f, cur, prev, NULL), 0);
    assert_int_equal(count_rule(f, "YOY.COPY", XXGK_SEVERITY_WARNING), 1);
    for (size_t i = 0; i < xxgk_findings_count(f); i++)
        if (!strcmp(xxgk_finding_rule(f, i), "YOY.COPY")) {
            assert_string_equal(xxgk_finding_actual(f, i), "100%");
            assert_string_equal(xxgk_finding_message(f, i),
                                "“总体情况”部分：与上年报告的同一部分高度雷同（字符三元组相似度 100%）");
        }
    xxgk_findings_free(f);
    xxgk_report_free(prev);
    xxgk_report_free(cur);
}

static void test_sum(void **state)
{
    (void)state;
    xxgk_report *a = consistent("2021", 0), *b = consistent("2021", 5), *s = NULL;
    assert_int_equal(xxgk_report_cell_set_blank(a, tu_id(a, "applications.granted.total")), 0);
    assert_int_equal(xxgk_report_cell_set_blank(a, tu_id(a, "applications.unable.unclear.total")), 0);
    assert_int_equal(xxgk_report_cell_set_blank(b, tu_id(b, "applications.unable.unclear.total")), 0);
    const xxgk_report *in[2] = { a, b };
    assert_int_equal(xxgk_report_sum(&s, in, 2), 0);
    assert_int_equal(get(s, "applications.new.natural_person"),
                     get(a, "applications.new.natural_person") + get(b, "applications.new.natural_person"));
    assert_int_equal(get(s, "applications.granted.total"), get(b, "applications.granted.total"));
    assert_int_equal(xxgk_report_cell_state(s, tu_id(s, "applications.unable.unclear.total")), XXGK_CELL_BLANK);
    int64_t m;
    assert_int_equal(xxgk_report_cell_get_micros(&m, s, tu_id(s, "proactive.fees.amount")), 0);
    assert_int_equal(m, 2 * 1234560000LL + 5);
    const xxgk_findings *d = xxgk_report_diagnostics(s);
    assert_int_equal(xxgk_findings_count(d), 1);
    assert_string_equal(xxgk_finding_rule(d, 0), "SUM.PARTIAL");
    assert_string_equal(xxgk_finding_cell(d, 0, 0), "applications.granted.total");
    assert_int_equal(xxgk_report_year(s), 2023);
    xxgk_report_free(s);
    /* overflow is an error, never a wrapped number */
    set(a, "applications.new.commercial", 9007199254740991LL);
    assert_int_equal(xxgk_report_sum(&s, in, 2), XXGK_EOVERFLOW);
    assert_null(s);
    assert_string_equal(xxgk_error_path(), "applications.new.commercial");
    /* templates must agree */
    xxgk_report *old = new_report("2019");
    const xxgk_report *mixed[2] = { b, old };
    assert_int_equal(xxgk_report_sum(&s, mixed, 2), XXGK_ETEMPLATE);
    xxgk_report_free(old);
    xxgk_report_free(a);
    xxgk_report_free(b);
}

static void test_diff(void **state)
{
    (void)state;
    xxgk_report *a = consistent("2021", 0), *b = NULL;
    assert_int_equal(xxgk_report_clone(&b, a), 0);
    xxgk_findings *f;
    assert_int_equal(xxgk_report_diff(&f, a, b), 0);
    assert_int_equal(xxgk_findings_count(f), 0);
    xxgk_findings_free(f);
    set(b, "applications.new.total", 1);
    assert_int_equal(xxgk_report_cell_set_token(b, tu_id(b, "proactive.fees.amount"), "—"), 0);
    assert_int_equal(xxgk_report_diff(&f, a, b), 0);
    assert_int_equal(xxgk_findings_count(f), 2);
    assert_string_equal(xxgk_finding_rule(f, 0), "DIFF.CELL");
    assert_string_equal(xxgk_finding_cell(f, 0, 0), "proactive.fees.amount");
    assert_string_equal(xxgk_finding_expected(f, 0), "1234.56");
    assert_string_equal(xxgk_finding_actual(f, 0), "—");
    assert_string_equal(xxgk_finding_cell(f, 1, 0), "applications.new.total");
    assert_string_equal(xxgk_finding_actual(f, 1), "1");
    xxgk_findings_free(f);
    xxgk_report_free(a);
    xxgk_report_free(b);
}

/* No English cell path in a Chinese message: cells are named as the printed table names them. */
static void assert_no_path(const char *msg)
{
    static const char *const tables[] = { "proactive.", "applications.", "review_litigation." };
    for (size_t k = 0; k < 3; k++)
        if (strstr(msg, tables[k]))
            fail_msg("an English cell path in \"%s\"", msg);
}

/* Every kind of finding: the exact texts, the same through xxgk_finding_format, in the
 * report's order. */
static void test_messages(void **state)
{
    (void)state;
    xxgk_report *r = consistent("2021", 0);
    set(r, "applications.total.natural_person", get(r, "applications.total.natural_person") - 1);
    assert_int_equal(xxgk_report_cell_set_blank(r, tu_id(r, "applications.granted.commercial")), 0);
    assert_int_equal(xxgk_report_cell_set_token(r, tu_id(r, "applications.granted.research"), "无"), 0);
    set(r, "review_litigation.review.upheld", -1);
    xxgk_findings *f = check(r, 0);
    size_t n = xxgk_findings_count(f);
    assert_true(n >= 6);
    for (size_t i = 0; i < n; i++) {
        const char *zh = xxgk_finding_message(f, i), *en = xxgk_finding_message_en(f, i);
        assert_non_null(zh);
        assert_non_null(en);
        assert_no_path(zh);
        assert_no_path(en);
        char buf[2048], small[8];
        assert_int_equal(xxgk_finding_format(buf, sizeof buf, f, i, XXGK_LANG_ZH), (int)strlen(zh));
        assert_string_equal(buf, zh);
        assert_int_equal(xxgk_finding_format(buf, sizeof buf, f, i, XXGK_LANG_EN), (int)strlen(en));
        assert_string_equal(buf, en);
        assert_int_equal(xxgk_finding_format(small, sizeof small, f, i, XXGK_LANG_EN), (int)strlen(en));
        assert_int_equal(strlen(small), sizeof small - 1);
        assert_int_equal(strncmp(small, en, sizeof small - 1), 0);
        assert_int_equal(xxgk_finding_format(NULL, 0, f, i, XXGK_LANG_ZH), (int)strlen(zh));
        /* the same pointer on the next call: formatted once */
        assert_ptr_equal(xxgk_finding_message(f, i), zh);
    }
    assert_int_equal(xxgk_finding_format(NULL, 0, f, n, XXGK_LANG_ZH), XXGK_EINVAL);
    assert_int_equal(xxgk_finding_format(NULL, 0, f, 0, 3), XXGK_EINVAL);
    assert_null(xxgk_finding_message(f, n));
    static const struct {
        const char *rule, *zh, *en;
    } want[] = {
        { "CELL.TOKEN", "表三“（一）予以公开”行“法人或其他组织 科研机构”列：数字单元格中为非数字内容“无”",
          "table 3, row \"(1) Disclosed\", column \"Legal persons or other organisations Research institutions\": "
          "a number cell holds the non-numeric text \"无\"" },
        { "CELL.BLANK", "表三“（一）予以公开”行有 1 个空单元格：“商业企业”",
          "table 3, row \"(1) Disclosed\": 1 blank cell(s): \"Commercial enterprises\"" },
        { "CELL.NONNEG", "表四“行政复议”“结果维持”栏：件数不能为负数，实为 -1",
          "table 4, \"Administrative review\" / \"Upheld\": a count cannot be negative, is -1" },
    };
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        size_t hit = 0;
        for (size_t i = 0; i < n; i++)
            if (!strcmp(xxgk_finding_rule(f, i), want[k].rule)) {
                assert_string_equal(xxgk_finding_message(f, i), want[k].zh);
                assert_string_equal(xxgk_finding_message_en(f, i), want[k].en);
                hit++;
            }
        assert_int_equal(hit, 1);
    }
    /* uncheckable identities name their blank or non-numeric cells */
    for (size_t i = 0; i < n; i++)
        if (!strcmp(xxgk_finding_rule(f, i), "T3.TOTAL_COL") && xxgk_finding_severity(f, i) == XXGK_SEVERITY_INFO)
            assert_string_equal(xxgk_finding_message(f, i),
                                "表三“（一）予以公开”行“总计”列：无法核对“总计列等于自然人与法人或其他组织各列之和”：2 个单元格为空或非数字"
                                "（表三“（一）予以公开”行“法人或其他组织 商业企业”列；表三“（一）予以公开”行“法人或其他组织 科研机构”列）");
    xxgk_findings_free(f);
    /* a table without a number, and the old template */
    xxgk_report_free(r);
    r = new_report("2019");
    assert_int_equal(xxgk_report_set_year(r, 2022), 0);
    f = check(r, 0);
    assert_int_equal(count_rule(f, "TEMPLATE.OUTDATED", XXGK_SEVERITY_WARNING), 1);
    assert_int_equal(count_rule(f, "TABLE.EMPTY", XXGK_SEVERITY_ERROR), 3);
    for (size_t i = 0; i < xxgk_findings_count(f); i++) {
        assert_no_path(xxgk_finding_message(f, i));
        if (!strcmp(xxgk_finding_rule(f, i), "TEMPLATE.OUTDATED"))
            assert_string_equal(xxgk_finding_message(f, i), "2022 年度报告使用了 国办公开办函〔2019〕60号 的旧格式（2019 模板）；"
                                                            "2021 年度起应使用 国办公开办函〔2021〕30号 的格式");
        if (!strcmp(xxgk_finding_rule(f, i), "TABLE.EMPTY") && strstr(xxgk_finding_message(f, i), "表二")) {
            assert_string_equal(xxgk_finding_message(f, i), "表二（主动公开政府信息情况）没有任何数字");
            assert_string_equal(xxgk_finding_message_en(f, i),
                                "table 2 (Proactive disclosure of government information) has no number at all");
        }
    }
    xxgk_findings_free(f);
    xxgk_report_free(r);
}

static void set_unread(xxgk_report *r, const char *prefix)
{
    const xxgk_template *t = xxgk_report_template(r);
    for (size_t id = 0; id < xxgk_template_cell_count(t); id++)
        if (!strncmp(xxgk_template_cell_path(t, id), prefix, strlen(prefix)))
            assert_int_equal(xxgk_report_cell_set_unread(r, id), 0);
}

/* Not read is not published empty: no blank-cell or empty-table finding, identities over
 * cells not read are not evaluated and said once per table. */
static void test_unread(void **state)
{
    (void)state;
    xxgk_report *r = consistent("2021", 0);
    set_unread(r, "review_litigation.");
    set_unread(r, "applications.denied.state_secret.");
    xxgk_findings *f = check(r, 0);
    assert_int_equal(xxgk_findings_count(f), 2);
    for (size_t i = 0; i < 2; i++) {
        assert_string_equal(xxgk_finding_rule(f, i), "CHECK.UNREAD");
        assert_int_equal(xxgk_finding_severity(f, i), XXGK_SEVERITY_INFO);
        assert_int_equal(xxgk_finding_cell_count(f, i), 0);
    }
    /* 表三: the 7 columns' total row and the state_secret row's total column */
    assert_string_equal(xxgk_finding_message(f, 0), "表三：8 条勾稽关系未核对：其中有单元格未读到（原文未包含或无法定位）");
    assert_string_equal(xxgk_finding_message_en(f, 1), "table 4: 3 identities not checked: some of their cells were "
                                                       "not read (not in the source, or not placed)");
    xxgk_findings_free(f);
    /* a wrong number among what was read is still found; blank_as_zero never reads unread */
    set(r, "applications.new.natural_person", get(r, "applications.new.natural_person") + 1);
    f = check(r, 1);
    assert_int_equal(count_rule(f, "T3.BALANCE", XXGK_SEVERITY_ERROR), 1);
    assert_int_equal(count_rule(f, "T3.TOTAL_COL", XXGK_SEVERITY_ERROR), 1);
    assert_int_equal(count_rule(f, "CHECK.UNREAD", XXGK_SEVERITY_INFO), 2);
    xxgk_findings_free(f);
    /* blank and unread in one row: the blank is the publisher's, the unread is not */
    xxgk_report_free(r);
    r = consistent("2021", 0);
    assert_int_equal(xxgk_report_cell_set_blank(r, tu_id(r, "applications.granted.commercial")), 0);
    assert_int_equal(xxgk_report_cell_set_unread(r, tu_id(r, "applications.granted.research")), 0);
    f = check(r, 0);
    assert_int_equal(count_rule(f, "CELL.BLANK", XXGK_SEVERITY_WARNING), 1);
    for (size_t i = 0; i < xxgk_findings_count(f); i++)
        if (!strcmp(xxgk_finding_rule(f, i), "CELL.BLANK")) {
            assert_int_equal(xxgk_finding_cell_count(f, i), 1);
            assert_string_equal(xxgk_finding_cell(f, i, 0), "applications.granted.commercial");
        }
    assert_int_equal(count_rule(f, "T3.TOTAL_COL", 0), 0); /* its one identity: unread */
    assert_int_equal(count_rule(f, "CHECK.UNREAD", XXGK_SEVERITY_INFO), 1);
    xxgk_findings_free(f);
    xxgk_report_free(r);
    /* a table read but without a number is empty; one not read at all is not */
    r = new_report("2021");
    set_unread(r, "proactive.");
    set_unread(r, "applications.");
    f = check(r, 0);
    assert_int_equal(count_rule(f, "TABLE.EMPTY", XXGK_SEVERITY_ERROR), 1);
    assert_int_equal(xxgk_findings_count_severity(f, XXGK_SEVERITY_ERROR), 1);
    xxgk_findings_free(f);
    xxgk_report_free(r);
}

/* Sums and differences know not read from blank. */
static void test_unread_sum_diff(void **state)
{
    (void)state;
    xxgk_report *a = consistent("2021", 0), *b = consistent("2021", 1), *s = NULL;
    set_unread(a, "review_litigation.");
    set_unread(b, "review_litigation.review.");
    assert_int_equal(xxgk_report_cell_set_blank(b, tu_id(b, "review_litigation.litigation_direct.upheld")), 0);
    const xxgk_report *two[2] = { a, b };
    assert_int_equal(xxgk_report_sum(&s, two, 2), 0);
    assert_int_equal(xxgk_report_cell_state(s, tu_id(s, "review_litigation.review.total")), XXGK_CELL_UNREAD);
    assert_int_equal(xxgk_report_cell_state(s, tu_id(s, "review_litigation.litigation_direct.upheld")),
                     XXGK_CELL_BLANK);
    assert_int_equal(get(s, "review_litigation.litigation_direct.total"),
                     get(b, "review_litigation.litigation_direct.total"));
    xxgk_report_free(s);
    xxgk_findings *f = NULL;
    assert_int_equal(xxgk_report_diff(&f, a, b), 0);
    int seen = 0;
    for (size_t i = 0; i < xxgk_findings_count(f); i++) {
        assert_no_path(xxgk_finding_message(f, i));
        if (!strcmp(xxgk_finding_cell(f, i, 0), "review_litigation.litigation_direct.upheld")) {
            assert_string_equal(xxgk_finding_message(f, i), "表四“行政诉讼”“未经复议直接起诉”“结果维持”栏：A 为“（未读到）”，B 为“（空）”");
            assert_string_equal(xxgk_finding_message_en(f, i),
                                "table 4, \"Administrative litigation\" / \"Sued directly without review\" / "
                                "\"Upheld\": A has \"(not read)\", B has \"(blank)\"");
            seen++;
        }
        if (!strcmp(xxgk_finding_cell(f, i, 0), "review_litigation.review.upheld"))
            fail_msg("both not read: no difference");
    }
    assert_int_equal(seen, 1);
    xxgk_findings_free(f);
    xxgk_report_free(a);
    xxgk_report_free(b);
}

/* Findings come in the order of the report: by line and column. */
static void test_report_order(void **state)
{
    (void)state;
    xxgk_report *r = tu_load(tu_src("tests/data/real/hongze-district-2023_pdftotext-layout.txt"));
    xxgk_findings *f = check(r, 0);
    assert_true(xxgk_findings_count(f) >= 3);
    for (size_t i = 1; i < xxgk_findings_count(f); i++) {
        long l0 = xxgk_finding_line(f, i - 1), l1 = xxgk_finding_line(f, i);
        assert_true(l0 < l1 || (l0 == l1 && xxgk_finding_column(f, i - 1) <= xxgk_finding_column(f, i)));
    }
    xxgk_findings_free(f);
    xxgk_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_consistent_is_clean),
        cmocka_unit_test(test_reference_has_no_finding),
        cmocka_unit_test(test_hongze_two_errors),
        cmocka_unit_test(test_single_cell_property),
        cmocka_unit_test(test_total_row_message),
        cmocka_unit_test(test_blank_is_not_zero),
        cmocka_unit_test(test_structure),
        cmocka_unit_test(test_check_into_does_not_allocate),
        cmocka_unit_test(test_year_over_year),
        cmocka_unit_test(test_copied_narrative),
        cmocka_unit_test(test_sum),
        cmocka_unit_test(test_diff),
        cmocka_unit_test(test_messages),
        cmocka_unit_test(test_report_order),
        cmocka_unit_test(test_unread),
        cmocka_unit_test(test_unread_sum_diff),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
