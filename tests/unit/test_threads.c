/* SPDX-License-Identifier: MIT */
/* Thread safety: 8 threads each read, check and write different reports (and hit errors,
 * whose detail is per thread), and every result must equal the single-thread one. CI runs
 * this under ThreadSanitizer (build-tsan). */
#include "testutil.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NTHREADS 8
#define ROUNDS 6

typedef struct {
    char *buf;
    size_t len;
    int format;
} input;

static input inputs[64];
static size_t ninputs;
static char *expected[64];

static void add_input(char *buf, size_t len, int format)
{
    assert_true(ninputs < 64);
    inputs[ninputs].buf = buf;
    inputs[ninputs].len = len;
    inputs[ninputs].format = format;
    ninputs++;
}

static void add_file(const char *path, int format)
{
    size_t n;
    char *b = tu_slurp(path, &n);
    add_input(b, n, format);
}

static char *dup_mem(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    assert_non_null(d);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

/* Everything observable about one input: status and error detail, or the findings and the
 * written output in every format this build can write. Returns a malloc'd string; never
 * uses the test framework (it runs in worker threads). */
static char *process(const input *in)
{
    size_t cap = 1 << 16, len = 0;
    char *s = malloc(cap);
    if (!s)
        return NULL;
#define APPEND(...)                                                                  \
    do {                                                                             \
        int k_ = snprintf(s + len, cap - len, __VA_ARGS__);                          \
        if (k_ < 0)                                                                  \
            break;                                                                   \
        while ((size_t)k_ >= cap - len) {                                            \
            char *t_ = realloc(s, cap * 2);                                          \
            if (!t_) {                                                               \
                free(s);                                                             \
                return NULL;                                                         \
            }                                                                        \
            s = t_;                                                                  \
            cap *= 2;                                                                \
            k_ = snprintf(s + len, cap - len, __VA_ARGS__);                          \
        }                                                                            \
        len += (size_t)k_;                                                           \
    } while (0)
    xxgk_parse_options *o = NULL;
    xxgk_report *r = NULL;
    if (xxgk_parse_options_new(&o) || xxgk_parse_options_set_format(o, in->format)) {
        free(s);
        return NULL;
    }
    xxgk_error_clear(); /* on success the detail of an earlier failure would remain */
    int rc = xxgk_report_parse(&r, in->buf, in->len, o);
    xxgk_parse_options_free(o);
    APPEND("parse %d %s %ld:%ld @%lld %s\n", rc, xxgk_error_message(), xxgk_error_line(), xxgk_error_column(),
           xxgk_error_offset(), xxgk_error_path());
    if (rc)
        return s;
    xxgk_findings *f = NULL;
    rc = xxgk_check(&f, r, NULL);
    APPEND("check %d %zu\n", rc, rc ? 0 : xxgk_findings_count(f));
    for (size_t i = 0; !rc && i < xxgk_findings_count(f); i++)
        APPEND("%s %s %s %s\n", xxgk_finding_rule(f, i), xxgk_finding_expected(f, i), xxgk_finding_actual(f, i),
               xxgk_finding_message_en(f, i));
    for (int fmt = XXGK_FORMAT_JSON; fmt <= XXGK_FORMAT_HTML; fmt++) {
        xxgk_write_options *wo = NULL;
        char *out = NULL;
        size_t olen = 0;
        if (xxgk_write_options_new(&wo) || xxgk_write_options_set_format(wo, fmt))
            break;
        if (fmt == XXGK_FORMAT_HTML)
            xxgk_write_options_set_findings(wo, f);
        rc = xxgk_report_write(&out, &olen, r, wo);
        xxgk_write_options_free(wo);
        APPEND("write %d %d %zu\n%s\n", fmt, rc, olen, out ? out : xxgk_error_message());
        xxgk_free(out);
    }
    xxgk_findings_free(f);
    xxgk_report_free(r);
    return s;
#undef APPEND
}

typedef struct {
    int id;
    int mismatches;
    int failures;
} worker;

static void *run(void *p)
{
    worker *w = p;
    for (int round = 0; round < ROUNDS; round++)
        for (size_t k = 0; k < ninputs; k++) {
            /* each thread walks the inputs from its own starting point */
            size_t i = (k + (size_t)w->id * 3 + (size_t)round) % ninputs;
            char *got = process(&inputs[i]);
            if (!got)
                w->failures++;
            else if (strcmp(got, expected[i]) != 0)
                w->mismatches++;
            free(got);
        }
    return NULL;
}

static void build_inputs(void)
{
    add_file(tu_src("examples/data/kundulun-xinfang-2023.json"), XXGK_FORMAT_AUTO);
    add_file(tu_src("examples/data/hongze-district-2023.json"), XXGK_FORMAT_AUTO);
    add_file(tu_data("encoding/kundulun-xinfang-2023.gb18030.json"), XXGK_FORMAT_AUTO);
    add_file(tu_data("encoding/kundulun-xinfang-2023.utf16le.json"), XXGK_FORMAT_AUTO);
    add_file(tu_data("encoding/kundulun-xinfang-2023.gb18030.txt"), XXGK_FORMAT_TEXT);
    static const char *const texts[] = { "kundulun-xinfang-2023", "longgang-dept-2024", "xixian-taiping-town-2022",
                                         "shanghai-stcsm-2024_pdf2md", "hongze-district-2023_pdftotext-layout" };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        char rel[256];
        snprintf(rel, sizeof rel, "real/%s.txt", texts[i]);
        add_file(tu_data(rel), XXGK_FORMAT_AUTO);
    }
    /* web pages: the HTML reader's parser (libxml2) in many threads at once */
    add_file(tu_data("real/files/pingtan-zrz-2024.html"), XXGK_FORMAT_AUTO);
    add_file(tu_data("real/shanghai-govoffice-2019_html-in-js.txt"), XXGK_FORMAT_AUTO);
    add_file(tu_data("html/hongze-district-2023-findings.html"), XXGK_FORMAT_AUTO);
    /* different reports: the reference with other numbers, some inconsistent */
    xxgk_report *base = tu_load(tu_src("examples/data/hongze-district-2023.json"));
    const xxgk_template *t = xxgk_report_template(base);
    for (int v = 0; v < 12; v++) {
        xxgk_report *r = NULL;
        assert_int_equal(xxgk_report_clone(&r, base), 0);
        for (size_t id = (size_t)v; id < xxgk_template_cell_count(t); id += 7) {
            if (xxgk_template_cell_kind(t, id) == XXGK_KIND_AMOUNT)
                assert_int_equal(xxgk_report_cell_set_micros(r, id, (int64_t)(v * 1000 + 250)), 0);
            else
                assert_int_equal(xxgk_report_cell_set_count(r, id, v * 3 + (int64_t)id % 5), 0);
        }
        if (v % 3 == 0)
            assert_int_equal(xxgk_report_cell_set_token(r, (size_t)v + 20, "/"), 0);
        char *j = tu_json(r);
        add_input(dup_mem(j, strlen(j)), strlen(j), XXGK_FORMAT_JSON);
        xxgk_free(j);
        xxgk_report_free(r);
    }
    xxgk_report_free(base);
    /* errors: their detail is per thread */
    static const char *const bad[] = { "{\"xxgk\": 1, \"template\": \"2021\", \"year\": 1.5}",
                                       "{\"xxgk\": 1,\n \"template\": \"2021\", \"applications\": {\"nope\": {}}}",
                                       "{\"xxgk\": 1, \"template\": \"2021\"", "{\"a\": \"\xE6\x98\xFF\"}",
                                       "[1, 2, 3]" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        add_input(dup_mem(bad[i], strlen(bad[i])), strlen(bad[i]), XXGK_FORMAT_AUTO);
}

static void test_threads_match_single_thread(void **state)
{
    (void)state;
    build_inputs();
    int ok_inputs = 0;
    for (size_t i = 0; i < ninputs; i++) {
        expected[i] = process(&inputs[i]);
        assert_non_null(expected[i]);
        if (strncmp(expected[i], "parse 0 ", 8) == 0)
            ok_inputs++;
    }
    /* the set really mixes successes (with written output) and failures */
    assert_true(ok_inputs >= 16);
    assert_true((size_t)ok_inputs < ninputs);
    pthread_t th[NTHREADS];
    worker w[NTHREADS];
    for (int i = 0; i < NTHREADS; i++) {
        w[i] = (worker){ i, 0, 0 };
        assert_int_equal(pthread_create(&th[i], NULL, run, &w[i]), 0);
    }
    for (int i = 0; i < NTHREADS; i++)
        assert_int_equal(pthread_join(th[i], NULL), 0);
    for (int i = 0; i < NTHREADS; i++) {
        assert_int_equal(w[i].failures, 0);
        assert_int_equal(w[i].mismatches, 0);
    }
    for (size_t i = 0; i < ninputs; i++) {
        free(expected[i]);
        free(inputs[i].buf);
    }
}

/* Error detail set in one thread is not seen in another. */
static void *fail_once(void *p)
{
    (void)p;
    xxgk_report *r = NULL;
    xxgk_report_parse(&r, "{", 1, NULL);
    return NULL;
}

static void test_error_detail_per_thread(void **state)
{
    (void)state;
    xxgk_error_clear();
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, fail_once, NULL), 0);
    assert_int_equal(pthread_join(t, NULL), 0);
    assert_int_equal(xxgk_error_code(), 0);
    assert_string_equal(xxgk_error_message(), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threads_match_single_thread),
        cmocka_unit_test(test_error_detail_per_thread),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
