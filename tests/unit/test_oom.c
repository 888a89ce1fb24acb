/* SPDX-License-Identifier: MIT */
/* Fault injection: for every reader, writer, the checker, sums and differences, fail the
 * n-th allocation for every n until the call succeeds. Each failing call must return
 * XXGK_ENOMEM (with that code as the thread's error) and leave *out NULL; leaks are caught by
 * LeakSanitizer (the ASan build of CI) and by `ctest -L valgrind`.
 *
 * The harness is generic over formats: a reader or writer that is not in this build
 * (XXGK_EFORMAT without any failure injected) is skipped and named on stdout, so the same
 * test covers CSV, text and the rest as they land. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef int (*oom_fn)(void *ctx);

/* Run fn with the n-th allocation failing for n = 1, 2, ... until it returns without
 * reaching the n-th allocation (with the result of an uninjected run). Returns the number
 * of allocations of the uninjected run, or -1 if the call is not available in this build. */
static long oom_loop(const char *what, oom_fn fn, void (*undo)(void *ctx), void *ctx)
{
    xx_alloc_fail_at(0);
    int rc = fn(ctx);
    long total = xx_alloc_fail_at(0);
    if (rc == XXGK_EFORMAT && strstr(xxgk_error_message(), "not available")) {
        printf("[  SKIP    ] %s: %s\n", what, xxgk_error_message());
        return -1;
    }
    if (rc != 0) /* a reader may refuse a hard input: the failing runs must still be ENOMEM */
        printf("[  NOTE    ] %s: returns %d without injection (%s)\n", what, rc, xxgk_error_message());
    int rc0 = rc;
    undo(ctx);
    for (long n = 1;; n++) {
        xxgk_error_clear();
        xx_alloc_fail_at(n);
        rc = fn(ctx);
        long made = xx_alloc_fail_at(0);
        if (made < n) {
            if (rc != rc0)
                fail_msg("%s: n=%ld: %d (%s) without a failed allocation", what, n, rc, xxgk_error_message());
            undo(ctx);
            if (n - 1 != total)
                fail_msg("%s: %ld allocations under injection, %ld without", what, n - 1, total);
            return total;
        }
        if (rc != XXGK_ENOMEM)
            fail_msg("%s: allocation %ld of %ld failed but the call returned %d (%s)", what, n, made, rc,
                     xxgk_error_message());
        if (xxgk_error_code() != XXGK_ENOMEM)
            fail_msg("%s: allocation %ld failed but the error code is %d", what, n, xxgk_error_code());
        undo(ctx);
    }
}

/* ---- reading ---- */

typedef struct {
    const char *buf;
    size_t len;
    const char *path;
    xxgk_parse_options *o;
    xxgk_report *r;
    int expect_null;
} read_ctx;

static int do_parse(void *p)
{
    read_ctx *c = p;
    c->r = (xxgk_report *)&c->r; /* must be reset to NULL on failure */
    int rc = xxgk_report_parse(&c->r, c->buf, c->len, c->o);
    if (rc && c->r)
        fail_msg("*out not NULL after failure %d", rc);
    return rc;
}

static int do_read_file(void *p)
{
    read_ctx *c = p;
    int rc = xxgk_report_read_file(&c->r, c->path, c->o);
    if (rc && c->r)
        fail_msg("*out not NULL after failure %d", rc);
    return rc;
}

static void undo_read(void *p)
{
    read_ctx *c = p;
    xxgk_report_free(c->r);
    c->r = NULL;
}

static xxgk_parse_options *opts_for(int format)
{
    xxgk_parse_options *o;
    assert_int_equal(xxgk_parse_options_new(&o), 0);
    assert_int_equal(xxgk_parse_options_set_format(o, format), 0);
    return o;
}

static long oom_parse(const char *what, const char *buf, size_t len, int format)
{
    read_ctx c = { buf, len, NULL, opts_for(format), NULL, 0 };
    long n = oom_loop(what, do_parse, undo_read, &c);
    xxgk_parse_options_free(c.o);
    return n;
}

static xxgk_report *reference(void)
{
    return tu_load(tu_src("examples/data/kundulun-xinfang-2023.json"));
}

/* Write r in `format`, or NULL if this build has no writer for it. */
static char *write_as(const xxgk_report *r, int format, size_t *len)
{
    xxgk_write_options *wo;
    assert_int_equal(xxgk_write_options_new(&wo), 0);
    assert_int_equal(xxgk_write_options_set_format(wo, format), 0);
    char *out = NULL;
    int rc = xxgk_report_write(&out, len, r, wo);
    xxgk_write_options_free(wo);
    if (rc == XXGK_EFORMAT)
        return NULL;
    assert_int_equal(rc, 0);
    return out;
}

static void test_oom_readers(void **state)
{
    (void)state;
    static const char *const json_files[] = { "examples/data/kundulun-xinfang-2023.json",
                                              "examples/data/hongze-district-2023.json" };
    for (size_t i = 0; i < 2; i++) {
        size_t n;
        char *buf = tu_slurp(tu_src(json_files[i]), &n);
        assert_true(oom_parse(json_files[i], buf, n, XXGK_FORMAT_JSON) > 0);
        free(buf);
    }
    /* every corpus text, forced to the text reader */
    static const char *const texts[] = { "kundulun-xinfang-2023", "longgang-dept-2024", "xixian-taiping-town-2022",
                                         "changan-stats-2023_pipe-lines", "xuwen-justice-bureau_blank-cells",
                                         "shekou-street-2021_traditional",
                                         "unknown-bureau-mirror-2019tpl_text-in-numeric-cell",
                                         "shanghai-stcsm-2024_pdf2md", "hongze-district-2023_pdftotext-layout" };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        char rel[256];
        snprintf(rel, sizeof rel, "real/%s.txt", texts[i]);
        size_t n;
        char *buf = tu_slurp(tu_data(rel), &n);
        oom_parse(rel, buf, n, XXGK_FORMAT_TEXT);
        free(buf);
    }
    /* web pages: a whole CMS page, a piece of one (rows only), one in a JavaScript string */
    static const char *const pages[] = { "real/files/pingtan-zrz-2024.html", "real/shuyang-fgj-2023_word-html-rows.txt",
                                         "real/shanghai-govoffice-2019_html-in-js.txt", "html_read/word-export.html" };
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        size_t n;
        char *buf = tu_slurp(tu_data(pages[i]), &n);
        assert_true(oom_parse(pages[i], buf, n, XXGK_FORMAT_AUTO) > 0);
        free(buf);
    }
    /* CSV (long and wide), Markdown and HTML as the writers of this build produce them */
    xxgk_report *r = reference();
    static const int csv[] = { XXGK_FORMAT_CSV, XXGK_FORMAT_CSV_WIDE, XXGK_FORMAT_MARKDOWN, XXGK_FORMAT_HTML };
    for (size_t i = 0; i < 4; i++) {
        size_t n;
        char *buf = write_as(r, csv[i], &n);
        if (!buf) {
            printf("[  SKIP    ] read %s: no writer to make the input\n", xxgk_format_name(csv[i]));
            continue;
        }
        oom_parse(xxgk_format_name(csv[i]), buf, n, csv[i]);
        xxgk_free(buf);
    }
    xxgk_report_free(r);
}

static void test_oom_encodings_and_files(void **state)
{
    (void)state;
    static const char *const files[] = { "encoding/kundulun-xinfang-2023.gb18030.json",
                                         "encoding/kundulun-xinfang-2023.utf16le.json" };
    for (size_t i = 0; i < 2; i++) {
        size_t n;
        char *buf = tu_slurp(tu_data(files[i]), &n);
        assert_true(oom_parse(files[i], buf, n, XXGK_FORMAT_AUTO) > 0);
        free(buf);
        read_ctx c = { NULL, 0, tu_data(files[i]), NULL, NULL, 0 };
        assert_true(oom_loop(files[i], do_read_file, undo_read, &c) > 0);
    }
}

/* ---- writing ---- */

typedef struct {
    const xxgk_report *r;
    xxgk_write_options *wo;
    const char *path;
    char *out;
} write_ctx;

static int do_write(void *p)
{
    write_ctx *c = p;
    size_t len = 7;
    c->out = (char *)&c->out;
    int rc = xxgk_report_write(&c->out, &len, c->r, c->wo);
    if (rc && (c->out || len))
        fail_msg("output not reset after failure %d", rc);
    return rc;
}

static int do_write_file(void *p)
{
    write_ctx *c = p;
    return xxgk_report_write_file(c->path, c->r, c->wo);
}

static void undo_write(void *p)
{
    write_ctx *c = p;
    xxgk_free(c->out);
    c->out = NULL;
}

static void test_oom_writers(void **state)
{
    (void)state;
    xxgk_report *r = reference();
    xxgk_findings *f = NULL;
    assert_int_equal(xxgk_check(&f, r, NULL), 0);
    for (int fmt = XXGK_FORMAT_JSON; fmt <= XXGK_FORMAT_HTML; fmt++) {
        xxgk_write_options *wo;
        assert_int_equal(xxgk_write_options_new(&wo), 0);
        assert_int_equal(xxgk_write_options_set_format(wo, fmt), 0);
        if (fmt == XXGK_FORMAT_CSV)
            assert_int_equal(xxgk_write_options_set_report_id(wo, "r1"), 0);
        if (fmt == XXGK_FORMAT_HTML)
            assert_int_equal(xxgk_write_options_set_findings(wo, f), 0);
        write_ctx c = { r, wo, NULL, NULL };
        char what[64];
        snprintf(what, sizeof what, "write %s", xxgk_format_name(fmt));
        long n = oom_loop(what, do_write, undo_write, &c);
        if (fmt == XXGK_FORMAT_JSON)
            assert_true(n > 0);
        xxgk_write_options_free(wo);
    }
    char path[] = "/tmp/xxgk-oom-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    write_ctx c = { r, NULL, path, NULL };
    assert_true(oom_loop("write_file", do_write_file, undo_write, &c) > 0);
    unlink(path);
    xxgk_findings_free(f);
    xxgk_report_free(r);
}

/* ---- checks, sums, differences, the model ---- */

typedef struct {
    const xxgk_report *a, *b;
    xxgk_report *acc;
    xxgk_findings *f;
    xxgk_report *out;
} model_ctx;

static int do_check(void *p)
{
    model_ctx *c = p;
    return xxgk_check(&c->f, c->a, NULL);
}

static int do_check_previous(void *p)
{
    model_ctx *c = p;
    return xxgk_check_previous(&c->f, c->a, c->b, NULL);
}

static int do_check_into(void *p)
{
    model_ctx *c = p;
    xxgk_findings *f = NULL;
    int rc = xxgk_findings_new(&f);
    if (rc)
        return rc;
    rc = xxgk_check_into(f, c->a, NULL);
    if (rc == 0)
        rc = xxgk_check_into(f, c->b, NULL); /* reusing the list */
    c->f = f;
    return rc;
}

static int do_diff(void *p)
{
    model_ctx *c = p;
    return xxgk_report_diff(&c->f, c->a, c->b);
}

/* Format every message of c->f (checked beforehand); undone by checking into a new list. */
static int do_messages(void *p)
{
    model_ctx *c = p;
    for (size_t i = 0; i < xxgk_findings_count(c->f); i++)
        if (!xxgk_finding_message(c->f, i) || !xxgk_finding_message_en(c->f, i))
            return xxgk_error_code();
    return 0;
}

/* What every caller of xxgk_finding_message does when it gives NULL (the first call for a
 * finding allocates its text; a reader's diagnostic keeps its text and never does):
 * xxgk_finding_format, which allocates nothing, gives the same text. */
static void assert_format_without_memory(const xxgk_findings *f)
{
    size_t nulls = 0;
    for (size_t i = 0; i < xxgk_findings_count(f); i++) {
        const char *got[2];
        char buf[2][2048];
        for (int k = 0; k < 2; k++) {
            xx_alloc_fail_at(1);
            got[k] = k ? xxgk_finding_message_en(f, i) : xxgk_finding_message(f, i);
            xx_alloc_fail_at(0);
            if (!got[k]) {
                assert_int_equal(xxgk_error_code(), XXGK_ENOMEM);
                nulls++;
            }
            xx_alloc_fail_at(1);
            int n = xxgk_finding_format(buf[k], sizeof buf[k], f, i, k ? XXGK_LANG_EN : XXGK_LANG_ZH);
            assert_int_equal(xx_alloc_fail_at(0), 0); /* no allocation at all */
            assert_true(n > 0 && (size_t)n < sizeof buf[k]);
        }
        assert_string_equal(buf[0], xxgk_finding_message(f, i));
        assert_string_equal(buf[1], xxgk_finding_message_en(f, i));
    }
    assert_true(nulls > 0);
}

static void undo_messages(void *p)
{
    model_ctx *c = p;
    xxgk_findings_free(c->f);
    c->f = NULL;
    assert_int_equal(xxgk_check(&c->f, c->a, NULL), 0);
}

static void undo_findings(void *p)
{
    model_ctx *c = p;
    xxgk_findings_free(c->f);
    c->f = NULL;
}

static int do_sum(void *p)
{
    model_ctx *c = p;
    const xxgk_report *v[3] = { c->a, c->b, c->a };
    return xxgk_report_sum(&c->out, v, 3);
}

static int do_add(void *p)
{
    model_ctx *c = p;
    xxgk_sum *s;
    int rc = xxgk_sum_new(&s, NULL);
    if (rc == 0)
        rc = xxgk_sum_add(s, c->a);
    if (rc == 0)
        rc = xxgk_sum_add(s, c->b);
    if (rc == 0)
        rc = xxgk_sum_finish(&c->out, s);
    xxgk_sum_free(s);
    return rc;
}

static int do_clone(void *p)
{
    model_ctx *c = p;
    return xxgk_report_clone(&c->out, c->a);
}

static int do_setters(void *p)
{
    model_ctx *c = p;
    int rc = xxgk_report_clone(&c->out, c->a);
    if (rc == 0)
        rc = xxgk_report_set_agency(c->out, "某某局");
    if (rc == 0)
        rc = xxgk_report_set_section(c->out, "problems", "无");
    if (rc == 0)
        rc = xxgk_report_cell_set_token(c->out, 0, "—");
    return rc;
}

static void undo_report(void *p)
{
    model_ctx *c = p;
    xxgk_report_free(c->out);
    c->out = NULL;
}

static void test_oom_checks_sums_diffs(void **state)
{
    (void)state;
    xxgk_report *a = reference();
    xxgk_report *b = tu_load(tu_src("examples/data/hongze-district-2023.json"));
    /* inconsistent, with blanks and tokens: findings with every kind of text */
    xxgk_report *c2 = NULL;
    assert_int_equal(xxgk_report_clone(&c2, a), 0);
    assert_int_equal(xxgk_report_cell_set_count(c2, tu_id(c2, "applications.new.natural_person"), 5), 0);
    assert_int_equal(xxgk_report_cell_set_token(c2, tu_id(c2, "applications.new.total"), "-"), 0);
    assert_int_equal(xxgk_report_cell_set_blank(c2, tu_id(c2, "applications.carried_over.total")), 0);
    model_ctx c = { a, b, NULL, NULL, NULL };
    oom_loop("check", do_check, undo_findings, &c);
    oom_loop("check_into", do_check_into, undo_findings, &c);
    c.a = c2;
    oom_loop("check (inconsistent)", do_check, undo_findings, &c);
    assert_int_equal(xxgk_check(&c.f, c2, NULL), 0);
    assert_true(oom_loop("messages", do_messages, undo_messages, &c) > 0);
    xxgk_findings_free(c.f);
    assert_int_equal(xxgk_check(&c.f, c2, NULL), 0);
    assert_true(xxgk_findings_count(c.f) > 0);
    assert_format_without_memory(c.f);
    xxgk_findings_free(c.f);
    c.f = NULL;
    /* the narrative against the tables, a town's 规章: findings that quote the text */
    xxgk_report *cc = tu_load(tu_data("real/changchun-bureau-2023_narrative-vs-table.txt"));
    xxgk_report *tj = tu_load(tu_data("real/taojiang-songmutang-town-2022.txt"));
    const xxgk_report *narrated[2] = { cc, tj };
    for (size_t k = 0; k < 2; k++) {
        c.a = narrated[k];
        oom_loop(k ? "check (PLAUS)" : "check (TEXT.MATCH)", do_check, undo_findings, &c);
        assert_int_equal(xxgk_check(&c.f, narrated[k], NULL), 0);
        assert_true(oom_loop(k ? "messages (PLAUS)" : "messages (TEXT.MATCH)", do_messages, undo_messages, &c) > 0);
        xxgk_findings_free(c.f);
        assert_int_equal(xxgk_check(&c.f, narrated[k], NULL), 0);
        assert_format_without_memory(c.f);
        xxgk_findings_free(c.f);
        c.f = NULL;
    }
    c.a = b;
    c.b = c2;
    oom_loop("check_previous", do_check_previous, undo_findings, &c);
    c.a = a;
    c.b = b;
    assert_true(oom_loop("diff", do_diff, undo_findings, &c) > 0);
    c.b = c2;
    oom_loop("sum", do_sum, undo_report, &c);
    oom_loop("add", do_add, undo_report, &c);
    assert_true(oom_loop("clone", do_clone, undo_report, &c) > 0);
    assert_true(oom_loop("setters", do_setters, undo_report, &c) > 0);
    xxgk_report_free(c2);
    xxgk_report_free(cc);
    xxgk_report_free(tj);
    xxgk_report_free(b);
    xxgk_report_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_oom_readers),
        cmocka_unit_test(test_oom_encodings_and_files),
        cmocka_unit_test(test_oom_writers),
        cmocka_unit_test(test_oom_checks_sums_diffs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
