/* SPDX-License-Identifier: MIT */
/* Long and wide CSV: fixtures (tests/data/csv/{valid,invalid}/<case>/), round trips of
 * every example and every corpus golden through both forms, a generated report with tokens,
 * blanks, signed 2019 changes and amounts, many reports in one file read one at a time, and
 * allocation failure at every allocation of a read and of a write. */
#include "testutil.h"

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

/* Parse with a given format (0: sniffed). */
static int parse(xxgk_report **out, const char *buf, size_t len, int format)
{
    xxgk_parse_options *o = NULL;
    assert_int_equal(xxgk_parse_options_new(&o), 0);
    assert_int_equal(xxgk_parse_options_set_format(o, format), 0);
    int rc = xxgk_report_parse(out, buf, len, o);
    xxgk_parse_options_free(o);
    return rc;
}

static char *write_as(const xxgk_report *r, int format, size_t *len)
{
    xxgk_write_options *o = NULL;
    assert_int_equal(xxgk_write_options_new(&o), 0);
    assert_int_equal(xxgk_write_options_set_format(o, format), 0);
    char *out = NULL;
    int rc = xxgk_report_write(&out, len, r, o);
    if (rc)
        fail_msg("write: %s", xxgk_error_message());
    xxgk_write_options_free(o);
    return out;
}


static void assert_text_equal(const char *what, const char *a, const char *b)
{
    if (!strcmp(a, b))
        return;
    size_t i = 0;
    while (a[i] && a[i] == b[i])
        i++;
    fail_msg("%s: differs at byte %zu: ...%.60s... vs ...%.60s...", what, i, a + i, b + i);
}

static int format_of_case(const char *name)
{
    return !strncmp(name, "wide_", 5) ? XXGK_FORMAT_CSV_WIDE : XXGK_FORMAT_CSV;
}

/* ---- fixtures ---- */

static void test_valid_fixtures(void **state)
{
    (void)state;
    char **cases;
    size_t n = tu_list_dir(tu_data("csv/valid"), &cases);
    assert_true(n >= 5);
    for (size_t i = 0; i < n; i++) {
        char rel[512];
        size_t ilen;
        snprintf(rel, sizeof rel, "csv/valid/%s/input.csv", cases[i]);
        char *in = tu_slurp(tu_data(rel), &ilen);
        snprintf(rel, sizeof rel, "csv/valid/%s/expected.json", cases[i]);
        char *exp = tu_slurp(tu_data(rel), NULL);
        /* sniffed and forced give the same report */
        for (int pass = 0; pass < 2; pass++) {
            xxgk_report *r = NULL;
            int rc = parse(&r, in, ilen, pass ? format_of_case(cases[i]) : XXGK_FORMAT_AUTO);
            if (rc)
                fail_msg("valid/%s: %s at %ld:%ld: %s", cases[i], code_name(rc), xxgk_error_line(),
                         xxgk_error_column(), xxgk_error_message());
            char *out = tu_json(r);
            assert_text_equal(cases[i], out, exp);
            xxgk_free(out);
            xxgk_report_free(r);
        }
        free(in);
        free(exp);
    }
    tu_free_names(cases, n);
}

struct expected_error {
    char code[64], path[256], message[1024];
    long line, column;
    long long offset;
};

static void read_error_txt(const char *file, struct expected_error *e)
{
    char *txt = tu_slurp(file, NULL);
    memset(e, 0, sizeof *e);
    int seen = 0;
    for (char *line = strtok(txt, "\n"); line; line = strtok(NULL, "\n")) {
        char *colon = strchr(line, ':');
        if (!colon)
            fail_msg("%s: bad line '%s'", file, line);
        *colon = '\0';
        const char *v = colon[1] == ' ' ? colon + 2 : colon + 1;
        if (!strcmp(line, "code")) snprintf(e->code, sizeof e->code, "%s", v), seen |= 1;
        else if (!strcmp(line, "line")) e->line = strtol(v, NULL, 10), seen |= 2;
        else if (!strcmp(line, "column")) e->column = strtol(v, NULL, 10), seen |= 4;
        else if (!strcmp(line, "offset")) e->offset = strtoll(v, NULL, 10), seen |= 8;
        else if (!strcmp(line, "path")) snprintf(e->path, sizeof e->path, "%s", v), seen |= 16;
        else if (!strcmp(line, "message")) snprintf(e->message, sizeof e->message, "%s", v), seen |= 32;
        else fail_msg("%s: unknown field '%s'", file, line);
    }
    if ((seen | 16) != 63)
        fail_msg("%s: needs code, line, column, offset, path and message", file);
    free(txt);
}

static void test_invalid_fixtures(void **state)
{
    (void)state;
    char **cases;
    size_t n = tu_list_dir(tu_data("csv/invalid"), &cases);
    assert_true(n >= 30);
    for (size_t i = 0; i < n; i++) {
        char rel[512];
        size_t ilen;
        snprintf(rel, sizeof rel, "csv/invalid/%s/input.csv", cases[i]);
        char *in = tu_slurp(tu_data(rel), &ilen);
        snprintf(rel, sizeof rel, "csv/invalid/%s/error.txt", cases[i]);
        struct expected_error e;
        read_error_txt(tu_data(rel), &e);
        xxgk_report *r = (xxgk_report *)&e; /* must be reset to NULL */
        xxgk_error_clear();
        int rc = parse(&r, in, ilen, format_of_case(cases[i]));
        if (rc == 0)
            fail_msg("invalid/%s: read without error", cases[i]);
        assert_null(r);
        if (strcmp(code_name(rc), e.code) != 0)
            fail_msg("invalid/%s: %s, expected %s (%s)", cases[i], code_name(rc), e.code, xxgk_error_message());
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

/* ---- round trips: JSON -> CSV -> JSON, byte-identical canonical JSON ---- */

static void round_trip(const char *what, const xxgk_report *r)
{
    char *json = tu_json(r);
    const int formats[] = { XXGK_FORMAT_CSV, XXGK_FORMAT_CSV_WIDE };
    for (size_t f = 0; f < 2; f++) {
        size_t len;
        char *csv = write_as(r, formats[f], &len);
        assert_int_equal(strlen(csv), len);
        xxgk_report *back = NULL;
        int rc = parse(&back, csv, len, XXGK_FORMAT_AUTO);
        if (rc)
            fail_msg("%s (%s): %s at %ld:%ld: %s", what, f ? "wide" : "long", code_name(rc), xxgk_error_line(),
                     xxgk_error_column(), xxgk_error_message());
        char *json2 = tu_json(back);
        assert_text_equal(what, json2, json);
        /* and the CSV writer is a fixed point */
        size_t len2;
        char *csv2 = write_as(back, formats[f], &len2);
        assert_text_equal(what, csv2, csv);
        xxgk_free(csv);
        xxgk_free(csv2);
        xxgk_free(json2);
        xxgk_report_free(back);
    }
    xxgk_free(json);
}

static void test_round_trip_examples_and_corpus(void **state)
{
    (void)state;
    size_t count = 0;
    char **names;
    size_t n = tu_list_dir(tu_src("examples/data"), &names);
    for (size_t i = 0; i < n; i++) {
        char rel[512];
        snprintf(rel, sizeof rel, "examples/data/%s", names[i]);
        if (!strstr(names[i], ".json"))
            continue;
        xxgk_report *r = tu_load(tu_src(rel));
        round_trip(names[i], r);
        xxgk_report_free(r);
        count++;
    }
    tu_free_names(names, n);
    n = tu_list_dir(tu_data("text/corpus"), &names);
    for (size_t i = 0; i < n; i++) {
        char rel[512];
        snprintf(rel, sizeof rel, "text/corpus/%s/expected.json", names[i]);
        FILE *fp = fopen(tu_data(rel), "rb");
        if (!fp)
            continue;
        fclose(fp);
        xxgk_report *r = tu_load(tu_data(rel));
        round_trip(names[i], r);
        xxgk_report_free(r);
        count++;
    }
    tu_free_names(names, n);
    assert_true(count >= 11);
}

/* Every cell of both templates filled with a value of every state in turn. */
static void test_round_trip_generated(void **state)
{
    (void)state;
    for (size_t t = 0; t < xxgk_template_count(); t++) {
        const xxgk_template *tpl = xxgk_template_at(t);
        for (int variant = 0; variant < 4; variant++) {
            xxgk_report *r = NULL;
            assert_int_equal(xxgk_report_new(&r, tpl), 0);
            assert_int_equal(xxgk_report_set_year(r, variant ? 2020 + variant : 0), 0);
            assert_int_equal(xxgk_report_set_agency(r, "某局,\"办公室\""), 0);
            assert_int_equal(xxgk_report_set_title(r, variant == 1 ? "" : "标题\n第二行"), 0);
            assert_int_equal(xxgk_report_set_section(r, "overview", "一行\r\n二行, \"三\"\n"), 0);
            assert_int_equal(xxgk_report_set_section(r, "other", variant == 2 ? "" : "收取费用0元。"), 0);
            for (size_t id = 0; id < xxgk_template_cell_count_all(tpl); id++) {
                int kind = xxgk_template_cell_kind(tpl, id);
                switch ((id + (size_t)variant) % 5) {
                case 0: break; /* blank */
                case 1: assert_int_equal(xxgk_report_cell_set_token(r, id, (id & 1) ? " - " : "251000元"), 0); break;
                case 2:
                    if (kind == XXGK_KIND_AMOUNT)
                        assert_int_equal(xxgk_report_cell_set_micros(r, id, 7730280000 + (int64_t)id), 0);
                    else
                        assert_int_equal(xxgk_report_cell_set_count(r, id, (int64_t)id * 37), 0);
                    break;
                case 3:
                    if (kind == XXGK_KIND_COUNT)
                        assert_int_equal(xxgk_report_cell_set_count(r, id, 9007199254740991), 0);
                    else
                        assert_int_equal(xxgk_report_cell_set_number_text(r, id, "-8"), 0);
                    break;
                default: assert_int_equal(xxgk_report_cell_set_token(r, id, "无, \"x\""), 0); break;
                }
            }
            round_trip(xxgk_template_id(tpl), r);
            xxgk_report_free(r);
        }
    }
}

/* ---- the long form's layout ---- */

static void test_long_layout(void **state)
{
    (void)state;
    xxgk_report *r = tu_load(tu_src("examples/data/hongze-district-2023.json"));
    size_t len;
    char *csv = write_as(r, XXGK_FORMAT_CSV, &len);
    assert_true(!strncmp(csv, "path,value\nmeta.template,2021\nmeta.year,2023\nmeta.agency,", 57));
    assert_non_null(strstr(csv, "\nproactive.fees.amount,7730.28\n"));
    assert_non_null(strstr(csv, "\nsection.preamble,"));
    /* one line per printed cell, plus 4 metadata and 4 section rows and the header */
    size_t lines = 0;
    xxgk_report *back = NULL;
    assert_int_equal(parse(&back, csv, len, 0), 0);
    for (size_t id = 0; id < xxgk_template_cell_count(xxgk_report_template(r)); id++)
        assert_int_equal(xxgk_report_cell_state(back, id), xxgk_report_cell_state(r, id));
    /* positions: the cell's value field */
    size_t id = tu_id(back, "proactive.fees.amount");
    const char *at = strstr(csv, "\nproactive.fees.amount,");
    for (const char *p = csv; p <= at; p++)
        lines += *p == '\n';
    assert_int_equal(xxgk_report_cell_line(back, id), (long)lines + 1);
    assert_int_equal(xxgk_report_cell_column(back, id), 23);
    xxgk_report_free(back);
    xxgk_free(csv);
    xxgk_report_free(r);
}

/* Sniffing: the header lines, quoted or not, padded or not. */
static void test_sniff(void **state)
{
    (void)state;
    static const char *const longs[] = {
        "path,value\nmeta.template,2021\n",
        "\"path\",\"value\"\r\n\"meta.template\",\"2021\"\r\n",
        "\xEF\xBB\xBFreport,path,value\nx,meta.template,2021\n",
    };
    static const char *const wides[] = {
        "xxgk,1\n模板,2021\n",
        "\"xxgk\",\"1\",,,,\r\n模板,2021,,,\r\n",
        "xxgk,1,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,\n模板,2021\n",
    };
    for (size_t i = 0; i < 3; i++) {
        xxgk_report *r = NULL;
        if (parse(&r, longs[i], strlen(longs[i]), 0) != 0)
            fail_msg("long %zu: %s", i, xxgk_error_message());
        xxgk_report_free(r);
        if (parse(&r, wides[i], strlen(wides[i]), 0) != 0)
            fail_msg("wide %zu: %s", i, xxgk_error_message());
        xxgk_report_free(r);
    }
    /* not CSV headers: read as text, which fails or finds no report, but never as CSV */
    static const char *const others[] = { "path,value,extra\n", "xxgk,\n", "path,valu\n" };
    for (size_t i = 0; i < 3; i++) {
        xxgk_report *r = NULL;
        int rc = parse(&r, others[i], strlen(others[i]), 0);
        assert_int_not_equal(rc, 0);
        assert_null(strstr(xxgk_error_message(), "expected the header"));
        assert_null(strstr(xxgk_error_message(), "xxgk,1"));
    }
}

static void test_wide_positions(void **state)
{
    (void)state;
    const char *in = "\xEF\xBB\xBFxxgk,1\r\n模板,2021\r\n二、主动公开政府信息情况\r\n规章,1,\"2\",3\r\n";
    xxgk_report *r = NULL;
    assert_int_equal(parse(&r, in, strlen(in), 0), 0);
    size_t id = tu_id(r, "proactive.regulations.repealed");
    assert_int_equal(xxgk_report_cell_line(r, id), 4);
    assert_int_equal(xxgk_report_cell_column(r, id), 6);
    int64_t v = 0;
    assert_int_equal(xxgk_report_cell_get_count(&v, r, id), 0);
    assert_int_equal(v, 2);
    xxgk_report_free(r);
}

/* ---- many reports in one file ---- */

static void test_multi_report(void **state)
{
    (void)state;
    const char *files[] = { "examples/data/kundulun-xinfang-2023.json", "examples/data/hongze-district-2023.json",
                            "examples/data/kundulun-xinfang-2023.json" };
    const char *ids[] = { "k-2023", "h,2023", "k-again" };
    char *json[3];
    xxgk_write_options *wo = NULL;
    assert_int_equal(xxgk_write_options_new(&wo), 0);
    assert_int_equal(xxgk_write_options_set_format(wo, XXGK_FORMAT_CSV), 0);
    size_t total = 0;
    char *all = NULL;
    for (int i = 0; i < 3; i++) {
        xxgk_report *r = tu_load(tu_src(files[i]));
        json[i] = tu_json(r);
        assert_int_equal(xxgk_write_options_set_report_id(wo, ids[i]), 0);
        assert_int_equal(xxgk_write_options_set_header(wo, i == 0), 0);
        char *part;
        size_t len;
        assert_int_equal(xxgk_report_write(&part, &len, r, wo), 0);
        all = realloc(all, total + len + 1);
        memcpy(all + total, part, len + 1);
        total += len;
        xxgk_free(part);
        xxgk_report_free(r);
    }
    xxgk_write_options_free(wo);
    assert_true(!strncmp(all, "report,path,value\nk-2023,meta.template,2021\n", 44));
    assert_non_null(strstr(all, "\n\"h,2023\",meta.template,2021\n"));

    xxgk_reader *rd = NULL;
    assert_int_equal(xxgk_reader_open(&rd, all, total, NULL), 0);
    assert_string_equal(xxgk_reader_report_id(rd), "");
    for (int i = 0; i < 3; i++) {
        xxgk_report *r = NULL;
        assert_int_equal(xxgk_reader_next(&r, rd), 0);
        assert_non_null(r);
        assert_string_equal(xxgk_reader_report_id(rd), ids[i]);
        char *j = tu_json(r);
        assert_text_equal(ids[i], j, json[i]);
        xxgk_free(j);
        xxgk_report_free(r);
    }
    xxgk_report *r = (xxgk_report *)rd;
    assert_int_equal(xxgk_reader_next(&r, rd), 1);
    assert_null(r);
    assert_int_equal(xxgk_reader_next(&r, rd), 1);
    xxgk_reader_free(rd);

    /* one report at a time is all xxgk_report_parse reads */
    int rc = parse(&r, all, total, 0);
    if (rc != XXGK_ESCHEMA)
        fail_msg("%s at %ld:%ld: %s", code_name(rc), xxgk_error_line(), xxgk_error_column(), xxgk_error_message());
    assert_null(r);
    assert_string_equal(xxgk_error_message(),
                        "a second report 'h,2023' begins here: this file holds many reports, read one at a "
                        "time (xxgk_reader_next; Python: xxgk.load_all; the xxgk command reads them all)");

    /* an error in the second report: the first is still returned */
    char *bad = strdup(all);
    char *p = strstr(bad, "\"h,2023\",applications.new.total,");
    assert_non_null(p);
    memcpy(p + 9, "applications.new.tota!", 22);
    assert_int_equal(xxgk_reader_open(&rd, bad, total, NULL), 0);
    assert_int_equal(xxgk_reader_next(&r, rd), 0);
    xxgk_report_free(r);
    assert_int_equal(xxgk_reader_next(&r, rd), XXGK_ESCHEMA);
    assert_null(r);
    assert_true(strstr(xxgk_error_message(), "unknown path 'applications.new.tota!'") != NULL);
    assert_string_equal(xxgk_reader_report_id(rd), "h,2023"); /* the report that failed */
    assert_int_equal(xxgk_reader_next(&r, rd), 0);           /* and the one after it */
    assert_string_equal(xxgk_reader_report_id(rd), "k-again");
    xxgk_report_free(r);
    assert_int_equal(xxgk_reader_next(&r, rd), 1);
    xxgk_reader_free(rd);
    free(bad);

    /* a report that fails in the middle: the reports after it are still read */
    const char three[] = "report,path,value\n"
                         "a,meta.template,2021\na,applications.new.total,1\n"
                         "b,meta.template,2021\nb,applications.new.total,1.5\nb,meta.year,2023\n"
                         "c,meta.template,2021\nc,applications.new.total,3\n";
    assert_int_equal(xxgk_reader_open(&rd, three, sizeof three - 1, NULL), 0);
    assert_int_equal(xxgk_reader_next(&r, rd), 0);
    xxgk_report_free(r);
    int rc3 = xxgk_reader_next(&r, rd);
    assert_true(rc3 < 0);
    assert_int_equal(xxgk_error_line(), 5);
    assert_string_equal(xxgk_reader_report_id(rd), "b");
    assert_int_equal(xxgk_reader_next(&r, rd), 0);
    assert_string_equal(xxgk_reader_report_id(rd), "c");
    int64_t v3 = 0;
    assert_int_equal(xxgk_report_cell_get_count(&v3, r, tu_id(r, "applications.new.total")), 0);
    assert_int_equal(v3, 3);
    xxgk_report_free(r);
    assert_int_equal(xxgk_reader_next(&r, rd), 1);
    xxgk_reader_free(rd);
    /* a malformed record: that report fails, the reader goes on with the next (more in
     * test_csv_resync.c) */
    const char torn[] = "report,path,value\n"
                        "a,meta.template,2021\n"
                        "b,meta.template,2021\nb,meta.agency,\"x\"y\n"
                        "c,meta.template,2021\n";
    assert_int_equal(xxgk_reader_open(&rd, torn, sizeof torn - 1, NULL), 0);
    assert_int_equal(xxgk_reader_next(&r, rd), 0);
    xxgk_report_free(r);
    assert_int_equal(xxgk_reader_next(&r, rd), XXGK_EPARSE);
    assert_int_equal(xxgk_error_line(), 4);
    assert_string_equal(xxgk_reader_report_id(rd), "b");
    assert_true(strstr(xxgk_error_message(), "; the reader goes on with the next report, at line 5"));
    assert_int_equal(xxgk_reader_next(&r, rd), 0);
    assert_string_equal(xxgk_reader_report_id(rd), "c");
    xxgk_report_free(r);
    assert_int_equal(xxgk_reader_next(&r, rd), 1);
    xxgk_reader_free(rd);

    /* any encoding xxgk_report_parse accepts: here GB18030 */
    const char gbk[] = "report,path,value\n"
                       "a,meta.template,2021\na,meta.agency,\xc4\xb3\xbe\xd6\n" /* 某局 */
                       "b,meta.template,2019\n";
    assert_int_equal(xxgk_reader_open(&rd, gbk, sizeof gbk - 1, NULL), 0);
    assert_int_equal(xxgk_reader_next(&r, rd), 0);
    assert_string_equal(xxgk_report_agency(r), "某局");
    xxgk_report_free(r);
    assert_int_equal(xxgk_reader_next(&r, rd), 0);
    assert_string_equal(xxgk_reader_report_id(rd), "b");
    assert_string_equal(xxgk_template_id(xxgk_report_template(r)), "2019");
    xxgk_report_free(r);
    assert_int_equal(xxgk_reader_next(&r, rd), 1);
    xxgk_reader_free(rd);
    const char bad_utf8[] = "report,path,value\na,meta.template,2021\na,meta.agency,\xff\n";
    assert_int_equal(xxgk_reader_open(&rd, bad_utf8, sizeof bad_utf8 - 1, NULL), XXGK_EENCODING);
    assert_null(rd);

    /* a JSON input is one report */
    assert_int_equal(xxgk_reader_open(&rd, json[0], strlen(json[0]), NULL), 0);
    assert_int_equal(xxgk_reader_next(&r, rd), 0);
    assert_string_equal(xxgk_reader_report_id(rd), "");
    xxgk_report_free(r);
    assert_int_equal(xxgk_reader_next(&r, rd), 1);
    xxgk_reader_free(rd);
    xxgk_reader_free(NULL);
    assert_int_equal(xxgk_reader_next(&r, NULL), XXGK_EINVAL);
    assert_int_equal(xxgk_reader_open(NULL, "", 0, NULL), XXGK_EINVAL);
    for (int i = 0; i < 3; i++)
        xxgk_free(json[i]);
    free(all);
}

/* ---- options ---- */

static void test_options(void **state)
{
    (void)state;
    xxgk_parse_options *o = NULL;
    xxgk_report *r = NULL;
    assert_int_equal(xxgk_parse_options_new(&o), 0);
    /* a template from the options stands in for meta.template */
    const char *no_tpl = "path,value\napplications.new.total,4\n";
    assert_int_equal(xxgk_parse_options_set_template(o, xxgk_template_get("2019")), 0);
    assert_int_equal(xxgk_report_parse(&r, no_tpl, strlen(no_tpl), o), 0);
    assert_string_equal(xxgk_template_id(xxgk_report_template(r)), "2019");
    xxgk_report_free(r);
    const char *other = "path,value\nmeta.template,2021\n";
    assert_int_equal(xxgk_report_parse(&r, other, strlen(other), o), XXGK_ETEMPLATE);
    assert_string_equal(xxgk_error_message(), "template '2021' is not the required '2019'");
    const char *wide = "xxgk,1\n二、主动公开政府信息情况\n行政许可,1,-2,3\n";
    assert_int_equal(xxgk_report_parse(&r, wide, strlen(wide), o), 0);
    int64_t v;
    assert_int_equal(xxgk_report_cell_get_count(&v, r, tu_id(r, "proactive.licensing.change")), 0);
    assert_int_equal(v, -2);
    xxgk_report_free(r);
    /* the line limit */
    assert_int_equal(xxgk_parse_options_set_template(o, NULL), 0);
    assert_int_equal(xxgk_parse_options_set_max_line(o, 20), 0);
    const char *longline = "path,value\nmeta.template,2021\nmeta.agency,\"0123456789abcdef\"\n";
    assert_int_equal(xxgk_report_parse(&r, longline, strlen(longline), o), XXGK_ELIMIT);
    assert_int_equal(xxgk_error_line(), 3);
    assert_int_equal(xxgk_error_column(), 1);
    assert_string_equal(xxgk_error_message(), "record longer than the limit of 20 bytes");
    xxgk_parse_options_free(o);
}

/* A table left out of a wide file is blank, with a READ.MISSING warning (an error when strict). */
static void test_wide_missing_table(void **state)
{
    (void)state;
    const char *in = "xxgk,1\n模板,2021\n二、主动公开政府信息情况\n规章,1,2,3\n"
                     "四、政府信息公开行政复议、行政诉讼情况\n行政复议\n结果维持\n1\n";
    xxgk_report *r = NULL;
    assert_int_equal(parse(&r, in, strlen(in), 0), 0);
    const xxgk_findings *d = xxgk_report_diagnostics(r);
    assert_int_equal(xxgk_findings_count(d), 1);
    assert_string_equal(xxgk_finding_rule(d, 0), "READ.MISSING");
    assert_int_equal(xxgk_finding_severity(d, 0), XXGK_SEVERITY_WARNING);
    assert_string_equal(xxgk_finding_message(d, 0), "未找到表三（收到和处理政府信息公开申请情况）");
    assert_string_equal(xxgk_finding_message_en(d, 0), "table 三 (收到和处理政府信息公开申请情况) not found");
    assert_int_equal(xxgk_finding_line(d, 0), 9);
    xxgk_report_free(r);
    xxgk_parse_options *o = NULL;
    assert_int_equal(xxgk_parse_options_new(&o), 0);
    assert_int_equal(xxgk_parse_options_set_strict(o, 1), 0);
    assert_int_equal(xxgk_report_parse(&r, in, strlen(in), o), XXGK_ESTRICT);
    assert_null(r);
    /* every table present: no diagnostics */
    xxgk_report *full = tu_load(tu_src("examples/data/kundulun-xinfang-2023.json"));
    size_t len;
    char *wide = write_as(full, XXGK_FORMAT_CSV_WIDE, &len);
    assert_int_equal(xxgk_report_parse(&r, wide, len, o), 0);
    assert_int_equal(xxgk_findings_count(xxgk_report_diagnostics(r)), 0);
    xxgk_report_free(r);
    xxgk_report_free(full);
    xxgk_free(wide);
    xxgk_parse_options_free(o);
}

/* ---- allocation failure at every allocation ---- */

static void oom_read(const char *buf, size_t len, int format)
{
    xxgk_report *ok = NULL;
    assert_int_equal(parse(&ok, buf, len, format), 0);
    char *want = tu_json(ok);
    xxgk_report_free(ok);
    for (long n = 1;; n++) {
        xxgk_parse_options *o = NULL;
        assert_int_equal(xxgk_parse_options_new(&o), 0);
        assert_int_equal(xxgk_parse_options_set_format(o, format), 0);
        xxgk_report *r = NULL;
        xx_alloc_fail_at(n);
        int rc = xxgk_report_parse(&r, buf, len, o);
        long used = xx_alloc_fail_at(0);
        xxgk_parse_options_free(o);
        if (rc == 0) {
            char *got = tu_json(r);
            assert_string_equal(got, want);
            xxgk_free(got);
            xxgk_report_free(r);
            if (used < n)
                break;
            continue;
        }
        assert_int_equal(rc, XXGK_ENOMEM);
        assert_null(r);
    }
    xxgk_free(want);
}

static void test_oom(void **state)
{
    (void)state;
    xxgk_report *r = tu_load(tu_data("text/corpus/xuwen-justice-bureau_blank-cells/expected.json"));
    const int formats[] = { XXGK_FORMAT_CSV, XXGK_FORMAT_CSV_WIDE, XXGK_FORMAT_HTML };
    for (size_t f = 0; f < 3; f++) {
        size_t len;
        char *text = write_as(r, formats[f], &len);
        if (formats[f] != XXGK_FORMAT_HTML)
            oom_read(text, len, formats[f]);
        xxgk_write_options *wo = NULL;
        assert_int_equal(xxgk_write_options_new(&wo), 0);
        assert_int_equal(xxgk_write_options_set_format(wo, formats[f]), 0);
        for (long n = 1;; n++) {
            char *out = NULL;
            xx_alloc_fail_at(n);
            int rc = xxgk_report_write(&out, NULL, r, wo);
            long used = xx_alloc_fail_at(0);
            if (rc == 0) {
                assert_string_equal(out, text);
                xxgk_free(out);
                if (used < n)
                    break;
                continue;
            }
            assert_int_equal(rc, XXGK_ENOMEM);
            assert_null(out);
        }
        xxgk_write_options_free(wo);
        xxgk_free(text);
    }
    /* a wide file with a table left out: the diagnostic's allocations too */
    const char *missing = "xxgk,1\n模板,2019\n年度,2020\n二、主动公开政府信息情况\n行政许可,1,-2,3\n";
    oom_read(missing, strlen(missing), XXGK_FORMAT_CSV_WIDE);
    /* the multi-report reader */
    const char *two = "report,path,value\na,meta.template,2021\na,applications.new.total,1\nb,meta.template,2019\n";
    for (long n = 1;; n++) {
        xxgk_reader *rd = NULL;
        xxgk_report *a = NULL, *b = NULL;
        xx_alloc_fail_at(n);
        int rc = xxgk_reader_open(&rd, two, strlen(two), NULL);
        if (rc == 0)
            rc = xxgk_reader_next(&a, rd);
        if (rc == 0)
            rc = xxgk_reader_next(&b, rd);
        long used = xx_alloc_fail_at(0);
        xxgk_report_free(a);
        xxgk_report_free(b);
        xxgk_reader_free(rd);
        if (rc == 0) {
            if (used < n)
                break;
            continue;
        }
        assert_int_equal(rc, XXGK_ENOMEM);
    }
    xxgk_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_fixtures),
        cmocka_unit_test(test_invalid_fixtures),
        cmocka_unit_test(test_round_trip_examples_and_corpus),
        cmocka_unit_test(test_round_trip_generated),
        cmocka_unit_test(test_long_layout),
        cmocka_unit_test(test_sniff),
        cmocka_unit_test(test_wide_positions),
        cmocka_unit_test(test_multi_report),
        cmocka_unit_test(test_options),
        cmocka_unit_test(test_wide_missing_table),
        cmocka_unit_test(test_oom),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
