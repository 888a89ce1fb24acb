/* SPDX-License-Identifier: MIT */
/* The report model: metadata, sections, and every cell get/set in every state (number,
 * blank, token), by path and by id, with the exact error for each misuse. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static xxgk_report *new_report(const char *tpl)
{
    xxgk_report *r = NULL;
    assert_int_equal(xxgk_report_new(&r, tpl ? xxgk_template_get(tpl) : NULL), 0);
    assert_non_null(r);
    return r;
}

static void test_new_report(void **state)
{
    (void)state;
    xxgk_report *r = new_report(NULL);
    const xxgk_template *t = xxgk_report_template(r);
    assert_ptr_equal(t, xxgk_template_default());
    assert_string_equal(xxgk_template_id(t), "2021");
    assert_int_equal(xxgk_report_year(r), 0);
    assert_string_equal(xxgk_report_agency(r), "");
    assert_string_equal(xxgk_report_title(r), "");
    assert_string_equal(xxgk_report_section(r, "preamble"), "");
    assert_string_equal(xxgk_report_section(r, "other"), "");
    assert_null(xxgk_report_section(r, "intro"));
    for (size_t id = 0; id < xxgk_template_cell_count_all(t); id++) {
        assert_int_equal(xxgk_report_cell_state(r, id), XXGK_CELL_BLANK);
        assert_int_equal(xxgk_report_cell_line(r, id), 0);
        assert_null(xxgk_report_cell_token(r, id));
    }
    assert_int_equal(xxgk_findings_count(xxgk_report_diagnostics(r)), 0);
    xxgk_report_free(r);
    xxgk_report_free(NULL);
    assert_int_equal(xxgk_report_new(NULL, NULL), XXGK_EINVAL);
}

/* A freed report's block is kept for the next report of its size (xx_spare_take): the new
 * report must start as blank as a fresh one, whatever the last one held. */
static void test_new_after_free(void **state)
{
    (void)state;
    xxgk_report *r = new_report("2021");
    const xxgk_template *t = xxgk_report_template(r);
    size_t n = xxgk_template_cell_count_all(t);
    assert_int_equal(xxgk_report_set_year(r, 2021), 0);
    assert_int_equal(xxgk_report_set_agency(r, "某局"), 0);
    for (size_t id = 0; id < n; id++)
        assert_int_equal(xxgk_report_cell_set_unread(r, id), 0);
    assert_int_equal(xxgk_report_cell_set_count(r, tu_id(r, "applications.new.natural_person"), 767), 0);
    xxgk_report_free(r);
    xxgk_report *s = new_report("2021");
    assert_int_equal(xxgk_report_year(s), 0);
    assert_string_equal(xxgk_report_agency(s), "");
    for (size_t id = 0; id < n; id++) {
        assert_int_equal(xxgk_report_cell_state(s, id), XXGK_CELL_BLANK);
        assert_int_equal(xxgk_report_cell_line(s, id), 0);
    }
    xxgk_report *other = new_report("2019"); /* another size: a block of its own */
    assert_ptr_equal(xxgk_report_template(other), xxgk_template_get("2019"));
    xxgk_report_free(s);
    xxgk_report_free(other);
}

static void test_metadata(void **state)
{
    (void)state;
    xxgk_report *r = new_report("2019");
    assert_int_equal(xxgk_report_set_year(r, 2020), 0);
    assert_int_equal(xxgk_report_year(r), 2020);
    assert_int_equal(xxgk_report_set_year(r, 1948), XXGK_ERANGE);
    assert_string_equal(xxgk_error_message(), "year 1948 out of range (1949..9999, or 0 for unknown)");
    assert_int_equal(xxgk_report_set_year(r, 10000), XXGK_ERANGE);
    assert_int_equal(xxgk_report_year(r), 2020); /* unchanged by the failed calls */
    assert_int_equal(xxgk_report_set_year(r, 0), 0);
    assert_int_equal(xxgk_report_year(r), 0);
    assert_int_equal(xxgk_report_set_year(NULL, 2020), XXGK_EINVAL);

    assert_int_equal(xxgk_report_set_agency(r, "昆都仑区信访局"), 0);
    assert_string_equal(xxgk_report_agency(r), "昆都仑区信访局");
    assert_int_equal(xxgk_report_set_title(r, "昆都仑区信访局2023年政府信息公开工作年度报告"), 0);
    assert_string_equal(xxgk_report_title(r), "昆都仑区信访局2023年政府信息公开工作年度报告");
    assert_int_equal(xxgk_report_set_agency(r, "bad \xC3\x28 byte"), XXGK_EENCODING);
    assert_string_equal(xxgk_error_message(), "invalid UTF-8 at byte 4");
    assert_int_equal(xxgk_error_offset(), 4);
    assert_string_equal(xxgk_report_agency(r), "昆都仑区信访局"); /* unchanged */
    assert_int_equal(xxgk_report_set_agency(r, NULL), 0);
    assert_string_equal(xxgk_report_agency(r), "");
    assert_int_equal(xxgk_report_set_title(r, ""), 0);
    assert_string_equal(xxgk_report_title(r), "");
    assert_int_equal(xxgk_report_set_agency(NULL, "x"), XXGK_EINVAL);

    /* the copy is the report's own */
    char buf[16];
    strcpy(buf, "某局");
    assert_int_equal(xxgk_report_set_agency(r, buf), 0);
    buf[0] = 'X';
    assert_string_equal(xxgk_report_agency(r), "某局");
    xxgk_report_free(r);
}

static void test_sections(void **state)
{
    (void)state;
    xxgk_report *r = new_report("2021");
    const char *codes[] = { "preamble", "overview", "problems", "other" };
    for (size_t i = 0; i < 4; i++) {
        char text[64];
        snprintf(text, sizeof text, "第%zu节\n第二行", i + 1);
        assert_int_equal(xxgk_report_set_section(r, codes[i], text), 0);
    }
    for (size_t i = 0; i < 4; i++) {
        char text[64];
        snprintf(text, sizeof text, "第%zu节\n第二行", i + 1);
        assert_string_equal(xxgk_report_section(r, codes[i]), text);
    }
    assert_int_equal(xxgk_report_set_section(r, "summary", "x"), XXGK_ENOTFOUND);
    assert_string_equal(xxgk_error_message(), "unknown section 'summary' (expected preamble, overview, problems or other)");
    assert_string_equal(xxgk_error_path(), "summary");
    assert_int_equal(xxgk_report_set_section(r, "overview", "\xFF"), XXGK_EENCODING);
    assert_string_equal(xxgk_report_section(r, "overview"), "第2节\n第二行");
    assert_int_equal(xxgk_report_set_section(r, "overview", NULL), 0);
    assert_string_equal(xxgk_report_section(r, "overview"), "");
    assert_int_equal(xxgk_report_set_section(r, NULL, "x"), XXGK_EINVAL);
    assert_int_equal(xxgk_report_set_section(NULL, "other", "x"), XXGK_EINVAL);
    assert_null(xxgk_report_section(NULL, "other"));
    xxgk_report_free(r);
}

static void test_count_cells(void **state)
{
    (void)state;
    xxgk_report *r = new_report("2021");
    size_t id = 0;
    assert_int_equal(xxgk_report_cell_id(&id, r, "applications.denied.state_secret.natural_person"), 0);
    assert_string_equal(xxgk_template_cell_path(xxgk_report_template(r), id),
                        "applications.denied.state_secret.natural_person");
    assert_int_equal(xxgk_report_cell_id(&id, r, "applications.denied.state_secret"), XXGK_ENOTFOUND);
    assert_int_equal(xxgk_report_cell_id(&id, NULL, "x"), XXGK_EINVAL);

    id = tu_id(r, "applications.new.natural_person");
    int64_t v = 99;
    /* blank */
    assert_int_equal(xxgk_report_cell_get_count(&v, r, id), XXGK_ENOTFOUND);
    assert_string_equal(xxgk_error_message(), "applications.new.natural_person: the cell is blank, not a number");
    assert_int_equal(v, 99);
    /* number */
    assert_int_equal(xxgk_report_cell_set_count(r, id, 767), 0);
    assert_int_equal(xxgk_report_cell_state(r, id), XXGK_CELL_NUMBER);
    assert_int_equal(xxgk_report_cell_get_count(&v, r, id), 0);
    assert_int_equal(v, 767);
    assert_int_equal(xxgk_report_cell_get_micros(&v, r, id), 0);
    assert_int_equal(v, 767000000);
    /* negative: stored (the checks report it) */
    assert_int_equal(xxgk_report_cell_set_count(r, id, -4), 0);
    assert_int_equal(xxgk_report_cell_get_count(&v, r, id), 0);
    assert_int_equal(v, -4);
    /* bounds */
    assert_int_equal(xxgk_report_cell_set_count(r, id, 9007199254740991), 0);
    assert_int_equal(xxgk_report_cell_get_count(&v, r, id), 0);
    assert_int_equal(v, 9007199254740991);
    assert_int_equal(xxgk_report_cell_get_micros(&v, r, id), XXGK_ERANGE); /* cannot scale by 10^6 */
    assert_int_equal(xxgk_report_cell_set_count(r, id, -9007199254740991), 0);
    assert_int_equal(xxgk_report_cell_set_count(r, id, 9007199254740992), XXGK_ERANGE);
    assert_string_equal(xxgk_error_message(), "applications.new.natural_person: 9007199254740992 is beyond +-(2^53-1)");
    assert_int_equal(xxgk_report_cell_set_count(r, id, INT64_MIN), XXGK_ERANGE);
    assert_int_equal(xxgk_report_cell_get_count(&v, r, id), 0);
    assert_int_equal(v, -9007199254740991); /* unchanged by the failed calls */
    /* token */
    assert_int_equal(xxgk_report_cell_set_token(r, id, "—"), 0);
    assert_int_equal(xxgk_report_cell_state(r, id), XXGK_CELL_TOKEN);
    assert_string_equal(xxgk_report_cell_token(r, id), "—");
    assert_int_equal(xxgk_report_cell_get_count(&v, r, id), XXGK_ENOTFOUND);
    assert_string_equal(xxgk_error_message(), "applications.new.natural_person: the cell is a token, not a number");
    /* a number replaces the token */
    assert_int_equal(xxgk_report_cell_set_count(r, id, 3), 0);
    assert_null(xxgk_report_cell_token(r, id));
    /* blank again */
    assert_int_equal(xxgk_report_cell_set_token(r, id, "/"), 0);
    assert_int_equal(xxgk_report_cell_set_blank(r, id), 0);
    assert_int_equal(xxgk_report_cell_state(r, id), XXGK_CELL_BLANK);
    assert_null(xxgk_report_cell_token(r, id));
    /* the kinds do not mix */
    assert_int_equal(xxgk_report_cell_set_micros(r, id, 1000000), XXGK_EKIND);
    assert_string_equal(xxgk_error_message(),
                        "applications.new.natural_person is a count: set it with xxgk_report_cell_set_count");
    /* the 2019 signed count */
    xxgk_report *r19 = new_report("2019");
    size_t ch = tu_id(r19, "proactive.licensing.change");
    assert_int_equal(xxgk_template_cell_kind(xxgk_report_template(r19), ch), XXGK_KIND_SIGNED_COUNT);
    assert_int_equal(xxgk_report_cell_set_count(r19, ch, -8), 0);
    assert_int_equal(xxgk_report_cell_get_count(&v, r19, ch), 0);
    assert_int_equal(v, -8);
    xxgk_report_free(r19);
    xxgk_report_free(r);
}

static void test_amount_cells(void **state)
{
    (void)state;
    xxgk_report *r = new_report("2021");
    size_t id = tu_id(r, "proactive.fees.amount");
    int64_t v = 0;
    assert_int_equal(xxgk_report_cell_set_micros(r, id, 7730280000), 0);
    assert_int_equal(xxgk_report_cell_get_micros(&v, r, id), 0);
    assert_int_equal(v, 7730280000);
    char buf[32];
    assert_int_equal(xxgk_report_cell_format(buf, sizeof buf, r, id), 7);
    assert_string_equal(buf, "7730.28");
    assert_int_equal(xxgk_report_cell_get_count(&v, r, id), XXGK_EKIND);
    assert_string_equal(xxgk_error_message(), "proactive.fees.amount is an amount: read it with xxgk_report_cell_get_micros");
    assert_int_equal(xxgk_report_cell_set_count(r, id, 1), XXGK_EKIND);
    assert_int_equal(xxgk_report_cell_set_number_text(r, id, "0.04"), 0);
    assert_int_equal(xxgk_report_cell_get_micros(&v, r, id), 0);
    assert_int_equal(v, 40000);
    assert_int_equal(xxgk_report_cell_format(buf, sizeof buf, r, id), 4);
    assert_string_equal(buf, "0.04");
    assert_int_equal(xxgk_report_cell_set_number_text(r, id, "0.000001"), 0);
    assert_int_equal(xxgk_report_cell_get_micros(&v, r, id), 0);
    assert_int_equal(v, 1);
    assert_int_equal(xxgk_report_cell_set_number_text(r, id, "-12.500"), 0);
    assert_int_equal(xxgk_report_cell_format(buf, sizeof buf, r, id), 5);
    assert_string_equal(buf, "-12.5");
    assert_int_equal(xxgk_report_cell_set_number_text(r, id, "12"), 0);
    assert_int_equal(xxgk_report_cell_format(buf, sizeof buf, r, id), 2);
    assert_string_equal(buf, "12");
    /* more than 6 decimals: refused, the cell keeps its value */
    assert_int_equal(xxgk_report_cell_set_number_text(r, id, "0.1234567"), XXGK_EKIND);
    assert_string_equal(xxgk_error_message(), "proactive.fees.amount: '0.1234567' has more than 6 decimals");
    assert_int_equal(xxgk_report_cell_get_micros(&v, r, id), 0);
    assert_int_equal(v, 12000000);
    assert_int_equal(xxgk_report_cell_set_token(r, id, "251000元"), 0);
    assert_int_equal(xxgk_report_cell_format(buf, sizeof buf, r, id), 9);
    assert_string_equal(buf, "251000元");
    assert_int_equal(xxgk_report_cell_get_micros(&v, r, id), XXGK_ENOTFOUND);
    xxgk_report_free(r);
}

static void test_number_text(void **state)
{
    (void)state;
    xxgk_report *r = new_report("2021");
    size_t id = tu_id(r, "review_litigation.review.total");
    int64_t v;
    assert_int_equal(xxgk_report_cell_set_number_text(r, id, "12"), 0);
    assert_int_equal(xxgk_report_cell_get_count(&v, r, id), 0);
    assert_int_equal(v, 12);
    assert_int_equal(xxgk_report_cell_set_number_text(r, id, "-4"), 0);
    assert_int_equal(xxgk_report_cell_get_count(&v, r, id), 0);
    assert_int_equal(v, -4);
    assert_int_equal(xxgk_report_cell_set_number_text(r, id, "1.5"), XXGK_EKIND);
    assert_string_equal(xxgk_error_message(), "review_litigation.review.total: a count must be an integer, found '1.5'");
    /* nothing is coerced */
    const char *not_numbers[] = { "", "abc", "12件", " 12", "12 ", "1,000", "0x10", "--1", "1.", ".", "+" };
    for (size_t i = 0; i < sizeof not_numbers / sizeof not_numbers[0]; i++) {
        if (xxgk_report_cell_set_number_text(r, id, not_numbers[i]) != XXGK_EPARSE)
            fail_msg("'%s' was taken for a number", not_numbers[i]);
    }
    assert_int_equal(xxgk_report_cell_set_number_text(r, id, "abc"), XXGK_EPARSE);
    assert_string_equal(xxgk_error_message(), "review_litigation.review.total: 'abc' is not a number");
    assert_int_equal(xxgk_report_cell_get_count(&v, r, id), 0);
    assert_int_equal(v, -4);
    assert_int_equal(xxgk_report_cell_set_number_text(r, id, NULL), XXGK_EINVAL);
    xxgk_report_free(r);
}

static void test_tokens_and_format(void **state)
{
    (void)state;
    xxgk_report *r = new_report("2021");
    size_t id = tu_id(r, "applications.total.total");
    assert_int_equal(xxgk_report_cell_set_token(r, id, ""), XXGK_EINVAL);
    assert_string_equal(xxgk_error_message(), "a token must be non-empty text");
    assert_int_equal(xxgk_report_cell_set_token(r, id, NULL), XXGK_EINVAL);
    assert_int_equal(xxgk_report_cell_set_token(r, id, "ab\xE4\xB8"), XXGK_EENCODING);
    assert_int_equal(xxgk_error_offset(), 2);
    assert_int_equal(xxgk_report_cell_state(r, id), XXGK_CELL_BLANK);
    char tok[16];
    strcpy(tok, "无");
    assert_int_equal(xxgk_report_cell_set_token(r, id, tok), 0);
    tok[0] = 'x';
    assert_string_equal(xxgk_report_cell_token(r, id), "无");
    /* format: truncation returns the full length; NULL/0 buffers only measure */
    char small[3];
    assert_int_equal(xxgk_report_cell_format(small, sizeof small, r, id), 3);
    assert_string_equal(small, "\xE6\x97");
    assert_int_equal(xxgk_report_cell_format(NULL, 0, r, id), 3);
    assert_int_equal(xxgk_report_cell_set_count(r, id, -1234567), 0);
    char buf[32];
    assert_int_equal(xxgk_report_cell_format(buf, sizeof buf, r, id), 8);
    assert_string_equal(buf, "-1234567");
    assert_int_equal(xxgk_report_cell_set_blank(r, id), 0);
    assert_int_equal(xxgk_report_cell_format(buf, sizeof buf, r, id), 0);
    assert_string_equal(buf, "");
    xxgk_report_free(r);
}

static void test_bad_ids(void **state)
{
    (void)state;
    xxgk_report *r = new_report("2021");
    size_t all = xxgk_template_cell_count_all(xxgk_report_template(r));
    assert_int_equal(all, 207);
    int64_t v;
    char buf[8];
    assert_int_equal(xxgk_report_cell_state(r, all), XXGK_EINVAL);
    assert_string_equal(xxgk_error_message(), "cell id 207 out of range (template 2021 has 207)");
    assert_int_equal(xxgk_report_cell_get_count(&v, r, all), XXGK_EINVAL);
    assert_int_equal(xxgk_report_cell_get_micros(&v, r, (size_t)-1), XXGK_EINVAL);
    assert_int_equal(xxgk_report_cell_set_count(r, all, 1), XXGK_EINVAL);
    assert_int_equal(xxgk_report_cell_set_micros(r, all, 1), XXGK_EINVAL);
    assert_int_equal(xxgk_report_cell_set_number_text(r, all, "1"), XXGK_EINVAL);
    assert_int_equal(xxgk_report_cell_set_blank(r, all), XXGK_EINVAL);
    assert_int_equal(xxgk_report_cell_set_token(r, all, "x"), XXGK_EINVAL);
    assert_int_equal(xxgk_report_cell_format(buf, sizeof buf, r, all), XXGK_EINVAL);
    assert_null(xxgk_report_cell_token(r, all));
    assert_int_equal(xxgk_report_cell_line(r, all), 0);
    assert_int_equal(xxgk_report_cell_state(NULL, 0), XXGK_EINVAL);
    assert_int_equal(xxgk_report_cell_get_count(NULL, r, 0), XXGK_EINVAL);
    /* the optional cells (ids 200..206 of 2021) are ordinary cells */
    size_t opt = tu_id(r, "applications.other.total");
    assert_true(opt >= 200 && opt < 207);
    assert_int_equal(xxgk_report_cell_set_count(r, opt, 5), 0);
    assert_int_equal(xxgk_report_cell_get_count(&v, r, opt), 0);
    assert_int_equal(v, 5);
    xxgk_report_free(r);
}

static void test_clone(void **state)
{
    (void)state;
    xxgk_report *r = new_report("2021");
    assert_int_equal(xxgk_report_set_year(r, 2023), 0);
    assert_int_equal(xxgk_report_set_agency(r, "某局"), 0);
    assert_int_equal(xxgk_report_set_section(r, "problems", "问题"), 0);
    size_t a = tu_id(r, "applications.new.total"), b = tu_id(r, "applications.new.commercial");
    size_t f = tu_id(r, "proactive.fees.amount");
    assert_int_equal(xxgk_report_cell_set_count(r, a, 21), 0);
    assert_int_equal(xxgk_report_cell_set_token(r, b, "-"), 0);
    assert_int_equal(xxgk_report_cell_set_micros(r, f, 40000), 0);
    xxgk_report *c = NULL;
    assert_int_equal(xxgk_report_clone(&c, r), 0);
    /* change the original: the clone is a deep copy */
    assert_int_equal(xxgk_report_set_agency(r, "别的局"), 0);
    assert_int_equal(xxgk_report_cell_set_token(r, b, "/"), 0);
    assert_int_equal(xxgk_report_cell_set_count(r, a, 1), 0);
    xxgk_report_free(r);
    int64_t v;
    assert_int_equal(xxgk_report_year(c), 2023);
    assert_string_equal(xxgk_report_agency(c), "某局");
    assert_string_equal(xxgk_report_section(c, "problems"), "问题");
    assert_int_equal(xxgk_report_cell_get_count(&v, c, a), 0);
    assert_int_equal(v, 21);
    assert_string_equal(xxgk_report_cell_token(c, b), "-");
    assert_int_equal(xxgk_report_cell_get_micros(&v, c, f), 0);
    assert_int_equal(v, 40000);
    assert_int_equal(xxgk_report_clone(NULL, c), XXGK_EINVAL);
    xxgk_report *d = NULL;
    /* (known: report.c leaves *out untouched here instead of setting it to NULL) */
    assert_int_equal(xxgk_report_clone(&d, NULL), XXGK_EINVAL);
    /* allocation failure at every allocation of a clone */
    long n;
    for (n = 1;; n++) {
        d = (xxgk_report *)&v;
        xx_alloc_fail_at(n);
        int rc = xxgk_report_clone(&d, c);
        xx_alloc_fail_at(0);
        if (rc == 0)
            break;
        assert_int_equal(rc, XXGK_ENOMEM);
        assert_null(d);
    }
    assert_true(n >= 5); /* report, agency, section, token table, token */
    assert_string_equal(xxgk_report_cell_token(d, b), "-");
    xxgk_report_free(d);
    xxgk_report_free(c);
}

static void test_oom_setters(void **state)
{
    (void)state;
    xxgk_report *r = NULL;
    xx_alloc_fail_at(1);
    assert_int_equal(xxgk_report_new(&r, NULL), XXGK_ENOMEM);
    xx_alloc_fail_at(0);
    assert_null(r);
    r = new_report("2021");
    size_t id = tu_id(r, "applications.new.total");
    assert_int_equal(xxgk_report_cell_set_token(r, id, "old"), 0);
    xx_alloc_fail_at(1);
    assert_int_equal(xxgk_report_cell_set_token(r, id, "new"), XXGK_ENOMEM);
    xx_alloc_fail_at(0);
    assert_string_equal(xxgk_report_cell_token(r, id), "old"); /* unchanged */
    assert_int_equal(xxgk_report_set_agency(r, "甲"), 0);
    xx_alloc_fail_at(1);
    assert_int_equal(xxgk_report_set_agency(r, "乙"), XXGK_ENOMEM);
    xx_alloc_fail_at(1);
    assert_int_equal(xxgk_report_set_section(r, "other", "乙"), XXGK_ENOMEM);
    xx_alloc_fail_at(0);
    assert_string_equal(xxgk_report_agency(r), "甲");
    assert_string_equal(xxgk_report_section(r, "other"), "");
    xxgk_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_report),   cmocka_unit_test(test_new_after_free),
        cmocka_unit_test(test_metadata),
        cmocka_unit_test(test_sections),     cmocka_unit_test(test_count_cells),
        cmocka_unit_test(test_amount_cells), cmocka_unit_test(test_number_text),
        cmocka_unit_test(test_tokens_and_format), cmocka_unit_test(test_bad_ids),
        cmocka_unit_test(test_clone),        cmocka_unit_test(test_oom_setters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
