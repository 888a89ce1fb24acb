/* SPDX-License-Identifier: MIT */
/* Input encodings: UTF-8 with and without a byte-order mark, UTF-16 with one, GB18030/GBK
 * converted to the same report, and clear errors for everything else. */
#include "testutil.h"

#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#define REF_JSON "examples/data/kundulun-xinfang-2023.json"

/* Convert with the C library's iconv (test side, independent of the library). */
static char *conv(const char *to, const char *from, const char *s, size_t n, size_t *outlen)
{
    iconv_t cd = iconv_open(to, from);
    assert_true(cd != (iconv_t)-1);
    size_t cap = n * 4 + 16;
    char *out = malloc(cap), *op = out;
    char *in = malloc(n + 1), *ip = in;
    assert_non_null(out);
    assert_non_null(in);
    memcpy(in, s, n);
    size_t inleft = n, oleft = cap;
    assert_true(iconv(cd, &ip, &inleft, &op, &oleft) != (size_t)-1);
    iconv_close(cd);
    free(in);
    *outlen = cap - oleft;
    return out;
}

/* Parse buf and return its canonical JSON (or NULL with rc set). */
static char *parse_json_of(const char *buf, size_t len, int format, int *rc)
{
    xxgk_parse_options *o;
    assert_int_equal(xxgk_parse_options_new(&o), 0);
    assert_int_equal(xxgk_parse_options_set_format(o, format), 0);
    xxgk_report *r = NULL;
    *rc = xxgk_report_parse(&r, buf, len, o);
    xxgk_parse_options_free(o);
    if (*rc)
        return NULL;
    char *j = tu_json(r);
    xxgk_report_free(r);
    return j;
}

/* Both inputs read into the same report (or fail the same way); returns the status. */
static int same_report(const char *a, size_t na, const char *b, size_t nb, int format)
{
    int rc1, rc2;
    char *ja = parse_json_of(a, na, format, &rc1);
    char *msg1 = strdup(xxgk_error_message());
    char *jb = parse_json_of(b, nb, format, &rc2);
    assert_int_equal(rc2, rc1);
    if (rc1 == 0)
        assert_string_equal(jb, ja);
    else
        assert_string_equal(xxgk_error_message(), msg1);
    free(msg1);
    xxgk_free(ja);
    xxgk_free(jb);
    return rc1;
}

static void same_as_utf8(const char *utf8_path, const char *other_path, int format)
{
    size_t n1, n2;
    char *a = tu_slurp(utf8_path, &n1), *b = tu_slurp(other_path, &n2);
    assert_int_equal(same_report(a, n1, b, n2, format), 0);
    free(a);
    free(b);
}

static void test_gb18030_json_reads_like_utf8(void **state)
{
    (void)state;
    size_t n;
    char *g = tu_slurp(tu_data("encoding/kundulun-xinfang-2023.gb18030.json"), &n);
    /* the file really is GB18030: 昆 is 0xC0 0xA5 */
    const char *ag = strstr(g, "\"agency\": \"");
    assert_non_null(ag);
    assert_memory_equal(ag + 11, "\xC0\xA5", 2);
    xxgk_report *r = NULL;
    assert_int_equal(xxgk_report_parse(&r, g, n, NULL), 0);
    assert_string_equal(xxgk_report_agency(r), "昆都仑区信访局");
    assert_int_equal(xxgk_report_year(r), 2023);
    xxgk_report_free(r);
    free(g);
    same_as_utf8(tu_src(REF_JSON), tu_data("encoding/kundulun-xinfang-2023.gb18030.json"), XXGK_FORMAT_AUTO);
    /* and through the file API */
    xxgk_report *a = tu_load(tu_src(REF_JSON));
    xxgk_report *b = tu_load(tu_data("encoding/kundulun-xinfang-2023.gb18030.json"));
    char *ja = tu_json(a), *jb = tu_json(b);
    assert_string_equal(ja, jb);
    xxgk_free(ja);
    xxgk_free(jb);
    xxgk_report_free(a);
    xxgk_report_free(b);
}

static void test_gb18030_text_reads_like_utf8(void **state)
{
    (void)state;
    same_as_utf8(tu_data("real/kundulun-xinfang-2023.txt"),
                 tu_data("encoding/kundulun-xinfang-2023.gb18030.txt"), XXGK_FORMAT_TEXT);
}

static void test_utf16_with_bom(void **state)
{
    (void)state;
    same_as_utf8(tu_src(REF_JSON), tu_data("encoding/kundulun-xinfang-2023.utf16le.json"), XXGK_FORMAT_AUTO);
    same_as_utf8(tu_src(REF_JSON), tu_data("encoding/kundulun-xinfang-2023.utf16be.json"), XXGK_FORMAT_AUTO);
    /* a character beyond the BMP (a surrogate pair) in a token cell */
    const char doc[] = "{\"xxgk\":1,\"template\":\"2021\",\"proactive\":{\"fees\":{\"amount\":\"\xF0\x9F\x98\x80\"}}}";
    size_t n;
    char *u16 = conv("UTF-16LE", "UTF-8", doc, sizeof doc - 1, &n);
    char *with_bom = malloc(n + 2);
    with_bom[0] = '\xFF';
    with_bom[1] = '\xFE';
    memcpy(with_bom + 2, u16, n);
    xxgk_report *r = NULL;
    assert_int_equal(xxgk_report_parse(&r, with_bom, n + 2, NULL), 0);
    assert_string_equal(xxgk_report_cell_token(r, tu_id(r, "proactive.fees.amount")), "\xF0\x9F\x98\x80");
    xxgk_report_free(r);
    free(with_bom);
    free(u16);
}

static void test_utf8_bom_accepted(void **state)
{
    (void)state;
    size_t n;
    char *a = tu_slurp(tu_src(REF_JSON), &n);
    char *b = malloc(n + 3);
    memcpy(b, "\xEF\xBB\xBF", 3);
    memcpy(b + 3, a, n);
    assert_int_equal(same_report(a, n, b, n + 3, XXGK_FORMAT_AUTO), 0);
    free(a);
    free(b);
}

static void test_invalid_utf8_offset(void **state)
{
    (void)state;
    /* UTF-8 text, then a stray byte: damaged UTF-8, never reinterpreted as GBK */
    const char doc[] = "{\"xxgk\": 1,\n \"agency\": \"昆都\xFF仑\"}";
    xxgk_report *r = (xxgk_report *)1;
    assert_int_equal(xxgk_report_parse(&r, doc, sizeof doc - 1, NULL), XXGK_EENCODING);
    assert_null(r);
    assert_int_equal(xxgk_error_code(), XXGK_EENCODING);
    assert_int_equal(xxgk_error_offset(), 30);
    assert_int_equal(xxgk_error_line(), 2);
    assert_int_equal(xxgk_error_column(), 15);
    assert_string_equal(xxgk_error_message(), "invalid UTF-8 at byte 30 (line 2, column 15), and not GB18030 either");
    /* after a byte-order mark the offset still counts from the start of the input */
    const char bom[] = "\xEF\xBB\xBF{\"a\": \"\xC0\xA5\"}";
    assert_int_equal(xxgk_report_parse(&r, bom, sizeof bom - 1, NULL), XXGK_EENCODING);
    assert_int_equal(xxgk_error_offset(), 10);
    assert_string_equal(xxgk_error_message(), "invalid UTF-8 at byte 10 (line 1, column 8)");
    /* neither UTF-8 nor GB18030: a lead byte cut off by the end of the input */
    const char cut[] = "{\"a\": 1}\n\x81";
    assert_int_equal(xxgk_report_parse(&r, cut, sizeof cut - 1, NULL), XXGK_EENCODING);
    assert_int_equal(xxgk_error_offset(), 9);
    assert_int_equal(xxgk_error_line(), 2);
    assert_int_equal(xxgk_error_column(), 1);
    /* 0x80 alone is not GB18030 (only CP936 maps it, to the euro sign) */
    const char euro[] = "x\x80y";
    assert_int_equal(xxgk_report_parse(&r, euro, 3, NULL), XXGK_EENCODING);
    assert_int_equal(xxgk_error_offset(), 1);
}

static void test_refused_encodings(void **state)
{
    (void)state;
    xxgk_report *r = NULL;
    const char u32[] = "\xFF\xFE\0\0{\0\0\0";
    assert_int_equal(xxgk_report_parse(&r, u32, sizeof u32 - 1, NULL), XXGK_EENCODING);
    assert_string_equal(xxgk_error_message(), "the input is UTF-32LE: save it as UTF-8 (or GB18030)");
    const char u32be[] = "\0\0\xFE\xFF\0\0\0{";
    assert_int_equal(xxgk_report_parse(&r, u32be, sizeof u32be - 1, NULL), XXGK_EENCODING);
    assert_string_equal(xxgk_error_message(), "the input is UTF-32BE: save it as UTF-8 (or GB18030)");
    const char le[] = "{\0\"\0x\0x\0g\0k\0\"\0:\0";
    assert_int_equal(xxgk_report_parse(&r, le, sizeof le - 1, NULL), XXGK_EENCODING);
    assert_string_equal(xxgk_error_message(),
                        "the input is UTF-16LE without a byte-order mark: save it as UTF-8 (or GB18030)");
    assert_int_equal(xxgk_report_parse(&r, le + 1, sizeof le - 2, NULL), XXGK_EENCODING);
    assert_string_equal(xxgk_error_message(),
                        "the input is UTF-16BE without a byte-order mark: save it as UTF-8 (or GB18030)");
    /* UTF-16 with an unpaired surrogate, and with an odd length */
    const char sur[] = "\xFF\xFE{\0\x00\xD8}\0";
    assert_int_equal(xxgk_report_parse(&r, sur, sizeof sur - 1, NULL), XXGK_EENCODING);
    assert_int_equal(xxgk_error_offset(), 4);
    assert_string_equal(xxgk_error_message(), "invalid UTF-16LE at byte 4: unpaired surrogate 0xD800");
    const char odd[] = "\xFE\xFF\0{\0";
    assert_int_equal(xxgk_report_parse(&r, odd, sizeof odd - 1, NULL), XXGK_EENCODING);
    assert_string_equal(xxgk_error_message(), "UTF-16BE input ends in the middle of a character (odd length)");
    assert_null(r);
}

static void test_gb18030_error_positions(void **state)
{
    (void)state;
    /* positions in a converted input refer to the converted text */
    const char doc[] = "{\"xxgk\": 1, \"template\": \"2021\",\n\"agency\": \"昆都仑区\", \"bogus\": 1}";
    size_t n;
    char *g = conv("GB18030", "UTF-8", doc, sizeof doc - 1, &n);
    xxgk_report *r = NULL;
    assert_int_equal(xxgk_report_parse(&r, doc, sizeof doc - 1, NULL), XXGK_ESCHEMA);
    long line = xxgk_error_line(), col = xxgk_error_column();
    long long off = xxgk_error_offset();
    char *msg = strdup(xxgk_error_message());
    assert_int_equal(line, 2);
    assert_int_equal(col, 19);
    assert_int_equal(xxgk_report_parse(&r, g, n, NULL), XXGK_ESCHEMA);
    assert_int_equal(xxgk_error_line(), line);
    assert_int_equal(xxgk_error_column(), col);
    assert_int_equal(xxgk_error_offset(), off);
    assert_string_equal(xxgk_error_message(), msg);
    assert_string_equal(xxgk_error_path(), "$.bogus");
    free(msg);
    free(g);
}

static void test_gb18030_large(void **state)
{
    (void)state;
    /* longer than the converter's 4 KiB chunks, with 2- and 4-byte sequences cut at every
     * chunk boundary position */
    size_t n1;
    char *a = tu_slurp(tu_src(REF_JSON), &n1);
    for (size_t pad = 0; pad < 4; pad++) {
        /* put the title far out with a long section of mixed 1/2/4-byte characters */
        size_t cap = n1 + 40000;
        char *u = malloc(cap);
        char *p = strstr(a, "\"preamble\": \"");
        assert_non_null(p);
        size_t head = (size_t)(p - a) + 13, k = head;
        memcpy(u, a, head);
        for (size_t i = 0; i < pad; i++)
            u[k++] = 'x';
        while (k < head + 30000) {
            memcpy(u + k, "公开\xF0\x9F\x98\x80" "a", 11); /* 公开 😀 a */
            k += 11;
        }
        memcpy(u + k, p + 13, n1 - head);
        k += n1 - head;
        size_t gn;
        char *g = conv("GB18030", "UTF-8", u, k, &gn);
        assert_int_equal(same_report(u, k, g, gn, XXGK_FORMAT_JSON), 0);
        free(g);
        free(u);
    }
    free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gb18030_json_reads_like_utf8),
        cmocka_unit_test(test_gb18030_text_reads_like_utf8),
        cmocka_unit_test(test_utf16_with_bom),
        cmocka_unit_test(test_utf8_bom_accepted),
        cmocka_unit_test(test_invalid_utf8_offset),
        cmocka_unit_test(test_refused_encodings),
        cmocka_unit_test(test_gb18030_error_positions),
        cmocka_unit_test(test_gb18030_large),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
