/* SPDX-License-Identifier: MIT */
/* The JSON reader and writer: data-driven fixtures (tests/data/json/{valid,invalid}/<case>/),
 * round trips, source positions, and allocation failure at every allocation of a read and of
 * a write. */
#include "testutil.h"

#include <pthread.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const code_names[] = {
    "XXGK_OK",        "XXGK_EINVAL",    "XXGK_ENOMEM",    "XXGK_EPARSE",    "XXGK_ESCHEMA",
    "XXGK_ERANGE",    "XXGK_ENOTFOUND", "XXGK_EKIND",     "XXGK_EENCODING", "XXGK_EIO",
    "XXGK_ELIMIT",    "XXGK_EOVERFLOW", "XXGK_ETEMPLATE", "XXGK_EFORMAT",   "XXGK_EAMBIGUOUS",
    "XXGK_ESTRICT",   "XXGK_EEMPTY",
};

static const char *code_name(int rc)
{
    if (rc > 0 || -rc >= (int)(sizeof code_names / sizeof code_names[0]))
        return "?";
    return code_names[-rc];
}

/* Parse as JSON (never sniffed: an empty input is still a JSON input here), failing the
 * fail_at-th allocation of the parse itself when fail_at > 0. */
static int parse_json_failing(xxgk_report **out, const char *buf, size_t len, long fail_at)
{
    xxgk_parse_options *o = NULL;
    assert_int_equal(xxgk_parse_options_new(&o), 0);
    assert_int_equal(xxgk_parse_options_set_format(o, XXGK_FORMAT_JSON), 0);
    xx_alloc_fail_at(fail_at);
    int rc = xxgk_report_parse(out, buf, len, o);
    xx_alloc_fail_at(0);
    xxgk_parse_options_free(o);
    return rc;
}

static int parse_json(xxgk_report **out, const char *buf, size_t len)
{
    return parse_json_failing(out, buf, len, 0);
}


static char *write_json(const xxgk_report *r, size_t *len)
{
    char *out = NULL;
    assert_int_equal(xxgk_report_write(&out, len, r, NULL), 0);
    assert_non_null(out);
    return out;
}

static void assert_bytes_equal(const char *what, const char *a, size_t alen, const char *b, size_t blen)
{
    if (alen == blen && memcmp(a, b, alen) == 0)
        return;
    size_t i = 0;
    while (i < alen && i < blen && a[i] == b[i])
        i++;
    fail_msg("%s: output differs at byte %zu (lengths %zu and %zu): ...%.40s... vs ...%.40s...", what, i, alen,
             blen, a + i, b + i);
}

/* ---- valid fixtures: input.json reads, writes expected.json, and that is a fixed point ---- */

static void test_valid_fixtures(void **state)
{
    (void)state;
    char **cases;
    size_t n = tu_list_dir(tu_data("json/valid"), &cases);
    assert_true(n >= 16);
    for (size_t i = 0; i < n; i++) {
        char rel[512];
        size_t ilen, elen, olen, o2len;
        snprintf(rel, sizeof rel, "json/valid/%s/input.json", cases[i]);
        char *in = tu_slurp(tu_data(rel), &ilen);
        snprintf(rel, sizeof rel, "json/valid/%s/expected.json", cases[i]);
        char *exp = tu_slurp(tu_data(rel), &elen);
        xxgk_report *r = NULL;
        int rc = parse_json(&r, in, ilen);
        if (rc)
            fail_msg("valid/%s: %s at %ld:%ld: %s", cases[i], code_name(rc), xxgk_error_line(), xxgk_error_column(),
                     xxgk_error_message());
        char *out = write_json(r, &olen);
        assert_int_equal(strlen(out), olen);
        assert_bytes_equal(cases[i], out, olen, exp, elen);
        /* second pass: the canonical form reads back to itself, byte for byte */
        xxgk_report *r2 = NULL;
        assert_int_equal(parse_json(&r2, exp, elen), 0);
        char *out2 = write_json(r2, &o2len);
        assert_bytes_equal(cases[i], out2, o2len, exp, elen);
        xxgk_free(out);
        xxgk_free(out2);
        xxgk_report_free(r);
        xxgk_report_free(r2);
        free(in);
        free(exp);
    }
    tu_free_names(cases, n);
}

/* ---- invalid fixtures: each fails with the code, place and message in error.txt ---- */

struct expected_error {
    char code[64], path[256], message[1024];
    long line, column;
    long long offset;
};

static void read_error_txt(const char *file, struct expected_error *e)
{
    char *txt = tu_slurp(file, NULL);
    memset(e, 0, sizeof *e);
    e->offset = -2;
    int seen = 0;
    for (char *line = strtok(txt, "\n"); line; line = strtok(NULL, "\n")) {
        char *colon = strchr(line, ':');
        if (!colon || (colon[1] != ' ' && colon[1] != '\0'))
            fail_msg("%s: bad line '%s'", file, line);
        *colon = '\0';
        const char *v = colon[1] ? colon + 2 : colon + 1; /* "path:" may lose its trailing space */
        if (!strcmp(line, "code")) snprintf(e->code, sizeof e->code, "%s", v), seen |= 1;
        else if (!strcmp(line, "line")) e->line = strtol(v, NULL, 10), seen |= 2;
        else if (!strcmp(line, "column")) e->column = strtol(v, NULL, 10), seen |= 4;
        else if (!strcmp(line, "offset")) e->offset = strtoll(v, NULL, 10), seen |= 8;
        else if (!strcmp(line, "path")) snprintf(e->path, sizeof e->path, "%s", v), seen |= 16;
        else if (!strcmp(line, "message")) snprintf(e->message, sizeof e->message, "%s", v), seen |= 32;
        else fail_msg("%s: unknown field '%s'", file, line);
    }
    if (seen != 63)
        fail_msg("%s: needs code, line, column, offset, path and message", file);
    free(txt);
}

static void test_invalid_fixtures(void **state)
{
    (void)state;
    char **cases;
    size_t n = tu_list_dir(tu_data("json/invalid"), &cases);
    assert_true(n >= 39);
    for (size_t i = 0; i < n; i++) {
        char rel[512];
        size_t ilen;
        snprintf(rel, sizeof rel, "json/invalid/%s/input.json", cases[i]);
        char *in = tu_slurp(tu_data(rel), &ilen);
        snprintf(rel, sizeof rel, "json/invalid/%s/error.txt", cases[i]);
        struct expected_error e;
        read_error_txt(tu_data(rel), &e);
        xxgk_report *r = (xxgk_report *)&e; /* must be reset to NULL */
        xxgk_error_clear();
        int rc = parse_json(&r, in, ilen);
        if (rc == 0)
            fail_msg("invalid/%s: read without error", cases[i]);
        assert_null(r);
        if (strcmp(code_name(rc), e.code) != 0)
            fail_msg("invalid/%s: %s, expected %s (%s)", cases[i], code_name(rc), e.code, xxgk_error_message());
        assert_int_equal(xxgk_error_code(), rc);
        if (strcmp(xxgk_error_message(), e.message) != 0)
            fail_msg("invalid/%s: message\n  '%s', expected\n  '%s'", cases[i], xxgk_error_message(), e.message);
        if (xxgk_error_line() != e.line || xxgk_error_column() != e.column || xxgk_error_offset() != e.offset)
            fail_msg("invalid/%s: at %ld:%ld (byte %lld), expected %ld:%ld (byte %lld)", cases[i],
                     xxgk_error_line(), xxgk_error_column(), xxgk_error_offset(), e.line, e.column, e.offset);
        if (strcmp(xxgk_error_path(), e.path) != 0)
            fail_msg("invalid/%s: path '%s', expected '%s'", cases[i], xxgk_error_path(), e.path);
        free(in);
    }
    tu_free_names(cases, n);
}

/* ---- round trips ---- */

static void test_examples_round_trip(void **state)
{
    (void)state;
    const char *examples[] = { "examples/data/kundulun-xinfang-2023.json", "examples/data/hongze-district-2023.json" };
    for (size_t i = 0; i < sizeof examples / sizeof examples[0]; i++) {
        size_t ilen, olen, o2len;
        char *in = tu_slurp(tu_src(examples[i]), &ilen);
        xxgk_report *r = NULL;
        int rc = parse_json(&r, in, ilen);
        if (rc)
            fail_msg("%s:%ld:%ld: %s", examples[i], xxgk_error_line(), xxgk_error_column(), xxgk_error_message());
        char *out = write_json(r, &olen);
        /* the examples are kept in canonical form: write(read(x)) == x */
        assert_bytes_equal(examples[i], out, olen, in, ilen);
        xxgk_report *r2 = NULL;
        assert_int_equal(parse_json(&r2, out, olen), 0);
        char *out2 = write_json(r2, &o2len);
        assert_bytes_equal(examples[i], out2, o2len, out, olen);
        /* every cell intact */
        const xxgk_template *t = xxgk_report_template(r);
        for (size_t id = 0; id < xxgk_template_cell_count_all(t); id++) {
            char a[64], b[64];
            assert_int_equal(xxgk_report_cell_state(r, id), xxgk_report_cell_state(r2, id));
            xxgk_report_cell_format(a, sizeof a, r, id);
            xxgk_report_cell_format(b, sizeof b, r2, id);
            assert_string_equal(a, b);
        }
        xxgk_free(out);
        xxgk_free(out2);
        xxgk_report_free(r);
        xxgk_report_free(r2);
        free(in);
    }
}

/* A report with every kind of content: tokens, blanks, negative values, amounts, optional
 * subtotal cells, narrative with characters that need escaping. */
static xxgk_report *generated_report(void)
{
    xxgk_report *r = NULL;
    assert_int_equal(xxgk_report_new(&r, xxgk_template_get("2021")), 0);
    assert_int_equal(xxgk_report_set_year(r, 2024), 0);
    assert_int_equal(xxgk_report_set_agency(r, "某市\"测试\"局"), 0);
    assert_int_equal(xxgk_report_set_title(r, "某市测试局2024年政府信息公开工作年度报告"), 0);
    assert_int_equal(xxgk_report_set_section(r, "preamble", "前言\n第二行\t制表 \\ 反斜杠 \x01 控制字符"), 0);
    assert_int_equal(xxgk_report_set_section(r, "other", "本年度收取信息处理费 400 元。"), 0);
    assert_int_equal(xxgk_report_cell_set_number_text(r, tu_id(r, "proactive.fees.amount"), "0.04"), 0);
    assert_int_equal(xxgk_report_cell_set_count(r, tu_id(r, "proactive.regulations.issued"), -2), 0);
    assert_int_equal(xxgk_report_cell_set_token(r, tu_id(r, "proactive.regulations.repealed"), "/"), 0);
    assert_int_equal(xxgk_report_cell_set_token(r, tu_id(r, "proactive.regulations.in_force"), "无"), 0);
    assert_int_equal(xxgk_report_cell_set_count(r, tu_id(r, "applications.new.natural_person"), 9007199254740991), 0);
    assert_int_equal(xxgk_report_cell_set_count(r, tu_id(r, "applications.new.total"), 0), 0);
    assert_int_equal(xxgk_report_cell_set_token(r, tu_id(r, "applications.new.research"), "\"—\""), 0);
    /* the optional subtotal of （六）其他处理, filled beside its sub-rows */
    assert_int_equal(xxgk_report_cell_set_count(r, tu_id(r, "applications.other.natural_person"), 3), 0);
    assert_int_equal(xxgk_report_cell_set_count(r, tu_id(r, "applications.other.other.natural_person"), 1), 0);
    assert_int_equal(xxgk_report_cell_set_count(r, tu_id(r, "review_litigation.review.total"), 7), 0);
    return r;
}

static void test_generated_round_trip(void **state)
{
    (void)state;
    xxgk_report *r = generated_report();
    size_t len, len2;
    char *out = write_json(r, &len);
    /* a few exact pieces of the canonical form */
    assert_non_null(strstr(out, "\"fees\": {\"amount\": 0.04}"));
    assert_non_null(strstr(out, "\"regulations\": {\"issued\": -2, \"repealed\": \"/\", \"in_force\": \"无\"}"));
    assert_non_null(strstr(out, "\"research\": \"\\\"—\\\"\""));
    assert_non_null(strstr(out, "\"preamble\": \"前言\\n第二行\\t制表 \\\\ 反斜杠 \\u0001 控制字符\""));
    assert_non_null(strstr(out, "\"agency\": \"某市\\\"测试\\\"局\""));
    assert_non_null(strstr(out, "    \"other\": {\n      \"natural_person\": 3,\n      \"commercial\": null,"));
    xxgk_report *r2 = NULL;
    int rc = parse_json(&r2, out, len);
    if (rc)
        fail_msg("%ld:%ld: %s", xxgk_error_line(), xxgk_error_column(), xxgk_error_message());
    const xxgk_template *t = xxgk_report_template(r);
    assert_ptr_equal(xxgk_report_template(r2), t);
    assert_int_equal(xxgk_report_year(r2), 2024);
    assert_string_equal(xxgk_report_agency(r2), xxgk_report_agency(r));
    assert_string_equal(xxgk_report_title(r2), xxgk_report_title(r));
    for (size_t i = 0; i < xxgk_template_section_count(t); i++) {
        const char *code = xxgk_template_section_code(t, i);
        assert_string_equal(xxgk_report_section(r2, code), xxgk_report_section(r, code));
    }
    for (size_t id = 0; id < xxgk_template_cell_count_all(t); id++) {
        int st = xxgk_report_cell_state(r, id);
        assert_int_equal(xxgk_report_cell_state(r2, id), st);
        if (st == XXGK_CELL_NUMBER) {
            char a[32], b[32];
            assert_true(xxgk_report_cell_format(a, sizeof a, r, id) > 0);
            assert_true(xxgk_report_cell_format(b, sizeof b, r2, id) > 0);
            assert_string_equal(a, b);
        } else if (st == XXGK_CELL_TOKEN) {
            assert_string_equal(xxgk_report_cell_token(r2, id), xxgk_report_cell_token(r, id));
        }
    }
    int64_t v;
    assert_int_equal(xxgk_report_cell_get_micros(&v, r2, tu_id(r2, "proactive.fees.amount")), 0);
    assert_int_equal(v, 40000);
    assert_int_equal(xxgk_report_cell_get_count(&v, r2, tu_id(r2, "applications.new.natural_person")), 0);
    assert_int_equal(v, 9007199254740991);
    assert_int_equal(xxgk_report_cell_get_count(&v, r2, tu_id(r2, "proactive.regulations.issued")), 0);
    assert_int_equal(v, -2);
    assert_int_equal(xxgk_report_cell_state(r2, tu_id(r2, "applications.new.commercial")), XXGK_CELL_BLANK);
    /* second pass: no byte changes */
    char *out2 = write_json(r2, &len2);
    assert_bytes_equal("generated", out2, len2, out, len);
    /* 7730.28 as well */
    assert_int_equal(xxgk_report_cell_set_number_text(r2, tu_id(r2, "proactive.fees.amount"), "7730.28"), 0);
    char *out3 = write_json(r2, NULL);
    assert_non_null(strstr(out3, "\"fees\": {\"amount\": 7730.28}"));
    xxgk_report *r3 = NULL;
    assert_int_equal(parse_json(&r3, out3, strlen(out3)), 0);
    assert_int_equal(xxgk_report_cell_get_micros(&v, r3, tu_id(r3, "proactive.fees.amount")), 0);
    assert_int_equal(v, 7730280000);
    xxgk_free(out);
    xxgk_free(out2);
    xxgk_free(out3);
    xxgk_report_free(r);
    xxgk_report_free(r2);
    xxgk_report_free(r3);
}

/* An empty report writes every printed cell as null and reads back blank. */
static void test_empty_report(void **state)
{
    (void)state;
    for (size_t k = 0; k < xxgk_template_count(); k++) {
        const xxgk_template *t = xxgk_template_at(k);
        xxgk_report *r = NULL;
        assert_int_equal(xxgk_report_new(&r, t), 0);
        char *out = write_json(r, NULL);
        size_t nulls = 0;
        for (const char *p = out; (p = strstr(p, ": null")) != NULL; p++)
            nulls++;
        /* every printed cell, plus "year": null */
        assert_int_equal(nulls, xxgk_template_cell_count(t) + 1);
        xxgk_report *r2 = NULL;
        assert_int_equal(parse_json(&r2, out, strlen(out)), 0);
        for (size_t id = 0; id < xxgk_template_cell_count_all(t); id++)
            assert_int_equal(xxgk_report_cell_state(r2, id), XXGK_CELL_BLANK);
        xxgk_free(out);
        xxgk_report_free(r);
        xxgk_report_free(r2);
    }
}

/* Cells remember where they were read; errors name the place. */
static void test_positions(void **state)
{
    (void)state;
    const char *doc = "{\"xxgk\": 1, \"template\": \"2021\",\n"
                      " \"applications\": {\n"
                      "  \"new\": {\"natural_person\": 5, \"总\": 1}}}";
    xxgk_report *r = NULL;
    assert_int_equal(parse_json(&r, doc, strlen(doc)), XXGK_ESCHEMA);
    assert_int_equal(xxgk_error_line(), 3);
    assert_int_equal(xxgk_error_column(), 32);
    assert_string_equal(xxgk_error_path(), "$.applications.new.总");
    const char *doc2 = "{\"xxgk\": 1, \"template\": \"2021\", \"agency\": \"昆都仑\",\n"
                       " \"applications\": {\n"
                       "  \"new\": {\"natural_person\": 5,\n"
                       "   \"total\": \"—\"}}}";
    assert_int_equal(parse_json(&r, doc2, strlen(doc2)), 0);
    size_t id = tu_id(r, "applications.new.natural_person");
    assert_int_equal(xxgk_report_cell_line(r, id), 3);
    assert_int_equal(xxgk_report_cell_column(r, id), 11);
    id = tu_id(r, "applications.new.total");
    assert_int_equal(xxgk_report_cell_line(r, id), 4);
    assert_int_equal(xxgk_report_cell_column(r, id), 4);
    assert_string_equal(xxgk_report_cell_token(r, id), "—");
    xxgk_report_free(r);
}

/* Characters before byte off of s, plus one: a column as the reader counts it. */
static long column_of(const char *s, size_t off)
{
    long col = 1;
    for (size_t i = 0; i < off; i++)
        col += ((unsigned char)s[i] & 0xC0) != 0x80;
    return col;
}

/* The one-pass scanner: columns after Chinese text and escapes on the same line, the first
 * problem in document order, a NUL byte never quoted into a message, and the place of a
 * member found after a skipped object. */
static void test_scanner(void **state)
{
    (void)state;
    const char *doc = "{\"xxgk\": 1, \"template\": \"2021\", \"title\": \"某某\\\"市\\\"人民政府办公室\\u5e74度报告\", "
                      "\"proactive\": {\"licensing\": {\"decisions\": 3}}}";
    xxgk_report *r = NULL;
    assert_int_equal(parse_json(&r, doc, strlen(doc)), 0);
    size_t id = tu_id(r, "proactive.licensing.decisions");
    assert_int_equal(xxgk_report_cell_line(r, id), 1);
    assert_int_equal(xxgk_report_cell_column(r, id), column_of(doc, (size_t)(strstr(doc, "\"decisions\"") - doc)));
    assert_string_equal(xxgk_report_title(r), "某某\"市\"人民政府办公室年度报告");
    xxgk_report_free(r);

    static const struct {
        const char *doc;
        size_t len; /* 0: strlen */
        long offset;
        const char *message;
    } bad[] = {
        { "{\"xxgk\": 1\0}", 12, 10, "malformed JSON: NUL byte" },
        { "{\"xxgk\": tru\0e}", 15, 12, "malformed JSON: NUL byte" },
        { "{\"agency\": \"\\中\"}", 0, 12, "malformed JSON: invalid escape '\\中' in a string" },
        { "{\"xxgk\": 01, \"agency\": \"\\u0000\"}", 0, 9, "malformed JSON: malformed number '01'" },
        { "{\"a\": [1, 2,]}", 0, 12,
          "malformed JSON: expected a value after ',' (object, array, string, number, true, false or null), found "
          "']' (a trailing comma?)" },
        { "{\"xxgk\": 1, \"sections\": {\"preamble\": \"a\", \"x\": [{}]}, \"template\": 7}", 0, 66,
          "$.template: expected a string such as \"2021\", found a number" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_not_equal(parse_json(&r, bad[i].doc, bad[i].len ? bad[i].len : strlen(bad[i].doc)), 0);
        assert_null(r);
        assert_int_equal(xxgk_error_offset(), bad[i].offset);
        assert_string_equal(xxgk_error_message(), bad[i].message);
    }
}

/* Reading is not judging: negative counts are read; the template can be forced. */
static void test_options(void **state)
{
    (void)state;
    const char *doc = "{\"xxgk\": 1, \"template\": \"2019\", \"proactive\": {\"licensing\": {\"change\": -8}}}";
    xxgk_parse_options *o = NULL;
    assert_int_equal(xxgk_parse_options_new(&o), 0);
    assert_int_equal(xxgk_parse_options_set_template(o, xxgk_template_get("2021")), 0);
    xxgk_report *r = NULL;
    assert_int_equal(xxgk_report_parse(&r, doc, strlen(doc), o), XXGK_ETEMPLATE);
    assert_null(r);
    assert_string_equal(xxgk_error_message(), "$.template: template \"2019\" is not the required \"2021\"");
    /* with the template given, a document may leave "template" out */
    const char *doc2 = "{\"xxgk\": 1, \"proactive\": {\"fees\": {\"amount\": 1.5}}}";
    assert_int_equal(xxgk_report_parse(&r, doc2, strlen(doc2), o), 0);
    assert_string_equal(xxgk_template_id(xxgk_report_template(r)), "2021");
    xxgk_report_free(r);
    assert_int_equal(xxgk_parse_options_set_template(o, NULL), 0);
    assert_int_equal(xxgk_report_parse(&r, doc, strlen(doc), o), 0);
    int64_t v;
    assert_int_equal(xxgk_report_cell_get_count(&v, r, tu_id(r, "proactive.licensing.change")), 0);
    assert_int_equal(v, -8);
    xxgk_report_free(r);
    /* nesting limit */
    assert_int_equal(xxgk_parse_options_set_max_depth(o, 2), 0);
    assert_int_equal(xxgk_report_parse(&r, doc, strlen(doc), o), XXGK_ELIMIT);
    assert_string_equal(xxgk_error_message(), "JSON nesting deeper than 2 levels");
    assert_int_equal(xxgk_error_column(), 60);
    xxgk_parse_options_free(o);
}

/* ---- allocation failure at every allocation ---- */

static void oom_read(const char *buf, size_t len)
{
    long n;
    for (n = 1;; n++) {
        xxgk_report *r = (xxgk_report *)&n;
        int rc = parse_json_failing(&r, buf, len, n);
        if (rc == 0) {
            assert_non_null(r);
            xxgk_report_free(r);
            break;
        }
        if (rc != XXGK_ENOMEM)
            fail_msg("allocation %ld failed: %s (%s), expected XXGK_ENOMEM", n, code_name(rc), xxgk_error_message());
        assert_null(r);
        assert_int_equal(xxgk_error_code(), XXGK_ENOMEM);
    }
    /* the report, its strings and its tokens; cJSON allocates through its own process-wide
     * hooks, which the library leaves to the program */
    assert_true(n > 2);
}

static void test_oom_read(void **state)
{
    (void)state;
    size_t len;
    char *in = tu_slurp(tu_src("examples/data/kundulun-xinfang-2023.json"), &len);
    oom_read(in, len);
    free(in);
    xxgk_report *r = generated_report();
    char *out = write_json(r, &len);
    oom_read(out, len);
    xxgk_free(out);
    xxgk_report_free(r);
}

static void test_oom_write(void **state)
{
    (void)state;
    size_t len;
    char *in = tu_slurp(tu_src("examples/data/hongze-district-2023.json"), &len);
    xxgk_report *reports[2] = { NULL, generated_report() };
    assert_int_equal(parse_json(&reports[0], in, len), 0);
    for (size_t k = 0; k < 2; k++) {
        char *want = write_json(reports[k], NULL);
        long n;
        for (n = 1;; n++) {
            char *out = (char *)&n;
            size_t olen = 99;
            xx_alloc_fail_at(n);
            int rc = xxgk_report_write(&out, &olen, reports[k], NULL);
            xx_alloc_fail_at(0);
            if (rc == 0) {
                assert_string_equal(out, want);
                xxgk_free(out);
                break;
            }
            assert_int_equal(rc, XXGK_ENOMEM);
            assert_null(out);
            assert_int_equal(olen, 0);
        }
        assert_true(n > 1);
        xxgk_free(want);
        xxgk_report_free(reports[k]);
    }
    free(in);
}

/* Files: write_file then read_file gives the same bytes; a bad directory is XXGK_EIO. */
static void test_files(void **state)
{
    (void)state;
    char dir[] = "/tmp/xxgk-test-json.XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/r.json", dir);
    xxgk_report *r = generated_report();
    assert_int_equal(xxgk_report_write_file(path, r, NULL), 0);
    size_t len;
    char *want = write_json(r, NULL), *got = tu_slurp(path, &len);
    assert_bytes_equal("write_file", got, len, want, strlen(want));
    xxgk_report *r2 = NULL;
    assert_int_equal(xxgk_report_read_file(&r2, path, NULL), 0);
    char *again = write_json(r2, NULL);
    assert_string_equal(again, want);
    snprintf(path, sizeof path, "%s/missing/r.json", dir);
    assert_int_equal(xxgk_report_write_file(path, r, NULL), XXGK_EIO);
    xxgk_report *r3 = (xxgk_report *)&len;
    assert_int_equal(xxgk_report_read_file(&r3, path, NULL), XXGK_EIO);
    assert_null(r3);
    snprintf(path, sizeof path, "%s/r.json", dir);
    remove(path);
    rmdir(dir);
    xxgk_free(want);
    xxgk_free(again);
    free(got);
    xxgk_report_free(r);
    xxgk_report_free(r2);
}

/* Error detail is per thread: two threads reading different bad documents at once each see
 * their own place and message; good documents read meanwhile are unaffected. */
struct worker {
    const char *doc;
    int rc;
    long line, col;
    char msg[256];
    int ok;
};

static void *work(void *arg)
{
    struct worker *w = arg;
    w->ok = 1;
    for (int i = 0; i < 200; i++) {
        xxgk_report *r = NULL;
        int rc = parse_json(&r, w->doc, strlen(w->doc));
        if (i == 0) {
            w->rc = rc;
            w->line = xxgk_error_line();
            w->col = xxgk_error_column();
            snprintf(w->msg, sizeof w->msg, "%s", xxgk_error_message());
        } else if (rc != w->rc || (rc && (xxgk_error_line() != w->line || xxgk_error_column() != w->col ||
                                          strcmp(xxgk_error_message(), w->msg) != 0))) {
            w->ok = 0;
        }
        xxgk_report_free(r);
    }
    return NULL;
}

static void test_threads(void **state)
{
    (void)state;
    struct worker w[3] = {
        { .doc = "{\"xxgk\": 1, \"template\": \"2021\",\n \"year\": \"x\"}" },
        { .doc = "{\"xxgk\": 1,\n\n \"template\": \"2019\", \"bogus\": 1}" },
        { .doc = "{\"xxgk\": 1, \"template\": \"2021\", \"proactive\": {\"fees\": {\"amount\": 0.04}}}" },
    };
    pthread_t th[3];
    for (int i = 0; i < 3; i++)
        assert_int_equal(pthread_create(&th[i], NULL, work, &w[i]), 0);
    for (int i = 0; i < 3; i++)
        assert_int_equal(pthread_join(th[i], NULL), 0);
    for (int i = 0; i < 3; i++)
        assert_true(w[i].ok);
    assert_int_equal(w[0].rc, XXGK_ESCHEMA);
    assert_int_equal(w[0].line, 2);
    assert_int_equal(w[0].col, 10);
    assert_string_equal(w[0].msg, "$.year: expected a year (1949..9999) or null");
    assert_int_equal(w[1].rc, XXGK_ESCHEMA);
    assert_int_equal(w[1].line, 3);
    assert_int_equal(w[1].col, 22);
    assert_string_equal(w[1].msg, "$.bogus: unknown key \"bogus\"");
    assert_int_equal(w[2].rc, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_fixtures),
        cmocka_unit_test(test_invalid_fixtures),
        cmocka_unit_test(test_examples_round_trip),
        cmocka_unit_test(test_generated_round_trip),
        cmocka_unit_test(test_empty_report),
        cmocka_unit_test(test_positions),
        cmocka_unit_test(test_scanner),
        cmocka_unit_test(test_options),
        cmocka_unit_test(test_oom_read),
        cmocka_unit_test(test_oom_write),
        cmocka_unit_test(test_files),
        cmocka_unit_test(test_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
