/* SPDX-License-Identifier: MIT */
/* Every reader error speaks Chinese: broken inputs of each format (JSON syntax and schema, long
 * and wide CSV, text, bytes that are no text, a web page read strictly, a missing file, a cell
 * asked for a number it has not) give xxgk_error_message_zh() a message in Chinese, with no
 * English words in it but the input's own text, names of formats and the API's names (and a
 * message built from parts says it in Chinese too). */
#include "testutil.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* Words a Chinese message may keep: names of formats and encodings, JSON's literals, the
 * document's keys and the functions a message points to. */
static const char *const kept[] = { "JSON", "UTF", "CSV", "HTML", "GB18030", "NUL", "null", "true", "false", "xxgk",
                                    "path", "value", "report", "meta", "template", "preamble", "overview",
                                    "problems", "other", "Python", "PDF", "poppler", "pdftotext", NULL };

static int kept_word(const char *w, size_t n)
{
    for (size_t k = 0; kept[k]; k++)
        if (strlen(kept[k]) == n && !memcmp(kept[k], w, n))
            return 1;
    /* a key of the document: a part of a cell's path */
    char word[64];
    if (n >= sizeof word)
        return 0;
    memcpy(word, w, n);
    word[n] = '\0';
    for (size_t t = 0; t < xxgk_template_count(); t++) {
        const xxgk_template *tp = xxgk_template_at(t);
        for (size_t id = 0; id < xxgk_template_cell_count(tp); id++) {
            const char *path = xxgk_template_cell_path(tp, id);
            for (const char *hit = strstr(path, word); hit; hit = strstr(hit + 1, word))
                if ((hit == path || hit[-1] == '.') && (hit[n] == '.' || hit[n] == '\0'))
                    return 1;
        }
    }
    return 0;
}

/* The first English word of msg outside quotes (“…”, '…', "…") and paths ($.a.b), or NULL. */
static const char *english(const char *msg, char *word, size_t cap)
{
    const char *p = msg;
    while (*p) {
        if (!strncmp(p, "“", 3)) {
            const char *e = strstr(p + 3, "”");
            p = e ? e + 3 : p + 3;
            continue;
        }
        if (*p == '\'' || *p == '"') {
            const char *e = strchr(p + 1, *p);
            p = e ? e + 1 : p + 1;
            continue;
        }
        if (*p == '\\') { /* an escape as JSON writes it: \u0000 */
            p++;
            while (isalnum((unsigned char)*p))
                p++;
            continue;
        }
        if (*p == '/') { /* a file's path */
            while (*p && !isspace((unsigned char)*p) && (unsigned char)*p < 0x80)
                p++;
            continue;
        }
        if (*p == '$' || (isalpha((unsigned char)*p) && (p[1] == '.' || strchr(p, '.') == p + 1))) {
            while (*p && (isalnum((unsigned char)*p) || strchr("$._[]", *p)))
                p++;
            continue;
        }
        if (isalpha((unsigned char)*p)) {
            size_t n = 0;
            while (isalnum((unsigned char)p[n]) || p[n] == '_' || p[n] == '.')
                n++;
            /* a dotted name (xxgk.load) or an identifier (XXGK_FORMAT_PDFTEXT) is the API's */
            if (n >= 3 && !kept_word(p, n) && !memchr(p, '.', n) && !memchr(p, '_', n)) {
                snprintf(word, cap, "%.*s", (int)n, p);
                return word;
            }
            p += n;
            continue;
        }
        p++;
    }
    return NULL;
}

static void says_chinese(const char *what)
{
    const char *zh = xxgk_error_message_zh(), *en = xxgk_error_message();
    char w[64];
    int cjk = 0;
    for (const unsigned char *p = (const unsigned char *)zh; *p; p++)
        cjk |= *p >= 0xE4 && *p <= 0xE9;
    if (!cjk)
        fail_msg("%s: no Chinese in '%s' (English: %s)", what, zh, en);
    if (english(zh, w, sizeof w))
        fail_msg("%s: the English word '%s' in '%s'", what, w, zh);
}

static void parse_fails(const char *what, const char *text, int format, int strict)
{
    xxgk_parse_options *o = NULL;
    assert_int_equal(xxgk_parse_options_new(&o), 0);
    assert_int_equal(xxgk_parse_options_set_format(o, format), 0);
    assert_int_equal(xxgk_parse_options_set_strict(o, strict), 0);
    xxgk_report *r = NULL;
    int rc = xxgk_report_parse(&r, text, strlen(text), o);
    xxgk_parse_options_free(o);
    if (rc == 0) {
        xxgk_report_free(r);
        fail_msg("%s: read without an error", what);
    }
    says_chinese(what);
}

static void test_json_errors(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "{\"xxgk\": 1, \"template\": \"2021\",}",
        "{\"xxgk\" 1}",
        "{\"xxgk\": 1 \"a\": 2}",
        "{\"xxgk\": [1 2]}",
        "{\"xxgk\": tru}",
        "{\"xxgk\": 1, \"template\": [1,]}",
        "{\"xxgk\": 1, \"template\": \"2021\"",
        "{\"xxgk\": 1, \"template\": \"2021\"} x",
        "{\"xxgk\": 1, \"template\": \"2021\", \"title\": \"\\u0000\"}",
        "{\"xxgk\": 1, \"template\": \"2021\", \"title\": \"\\q\"}",
        "{\"xxgk\": 1, \"template\": 01}",
        "{\"xxgk\": 1, \"template\": 2021}",
        "{\"xxgk\": 1, \"template\": \"1999\"}",
        "{\"template\": \"2021\"}",
        "{\"xxgk\": 1}",
        "{\"xxgk\": 2, \"template\": \"2021\"}",
        "{\"xxgk\": 1, \"template\": \"2021\", \"year\": \"x\"}",
        "{\"xxgk\": 1, \"template\": \"2021\", \"proactive\": []}",
        "{\"xxgk\": 1, \"template\": \"2021\", \"proactiv\": {}}",
        "{\"xxgk\": 1, \"template\": \"2021\", \"sections\": {\"overveiw\": \"\"}}",
        "{\"xxgk\": 1, \"template\": \"2021\", \"sections\": {\"overview\": 1}}",
        "{\"xxgk\": 1, \"template\": \"2021\", \"proactive\": {\"regulations\": {\"isued\": 1}}}",
        "{\"xxgk\": 1, \"template\": \"2021\", \"proactive\": {\"regulations\": {\"issued\": true}}}",
        "{\"xxgk\": 1, \"template\": \"2021\", \"proactive\": {\"regulations\": {\"issued\": 1.5}}}",
        "{\"xxgk\": 1, \"template\": \"2021\", \"proactive\": {\"regulations\": {\"issued\": \"\"}}}",
        "{\"xxgk\": 1, \"template\": \"2021\", \"proactive\": {\"regulations\": {\"issued\": 1, \"issued\": 2}}}",
        "{\"xxgk\": 1, \"template\": \"2021\", \"applications\": {\"denied\": {\"secret\": {}}}}",
        "[]",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        parse_fails(bad[i], bad[i], XXGK_FORMAT_JSON, 0);
}

static void test_csv_errors(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "path,value\nmeta.template,2021\napplications.new.totl,1\n",
        "path,value\nmeta.template,2021\nzzz,1\n",
        "path,value\nmeta.template,2021\n\"abc,1\n",
        "path,value\nmeta.template,2021\nmeta.year,20x\n",
        "path,value\nmeta.template,2021\nmeta.template,2021\n",
        "path,value\nmeta.year,2021\n",
        "path,value\n",
        "path,value\nmeta.template,2021,1\n",
        "path,value\nmeta.template,2021\nproactive.fees.amount,1.1234567\n",
        "path,value\nmeta.template,2021\nproactive.regulations.issued,1.5\n",
        "path,value\nmeta.template,2021\n\"a\"b,1\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        parse_fails(bad[i], bad[i], XXGK_FORMAT_CSV, 0);
    static const char *const wide[] = {
        "xxgk,1\n年度,2023\n",
        "xxgk,1\n模板,2021\n某一行,1\n",
        "xxgk,1\n模板,2099\n",
        "xxgk,1,2\n模板,2021\n",
        "xxgk,2\n",
        "xxgk,1\n模板,2021\n模板,2021\n",
    };
    for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++)
        parse_fails(wide[i], wide[i], XXGK_FORMAT_CSV_WIDE, 0);
}

static void test_text_and_bytes(void **state)
{
    (void)state;
    parse_fails("ambiguous label", "二、主动公开政府信息情况\n行政处罚 行政强制 | 5\n", XXGK_FORMAT_TEXT, 0);
    parse_fails("no report", "hello\n", XXGK_FORMAT_TEXT, 0);
    parse_fails("not UTF-8", "二、主动公开政府信息情况\n\x80\x80\xff\xff\n", XXGK_FORMAT_TEXT, 0);
    parse_fails("PDF bytes", "%PDF-1.4\n", XXGK_FORMAT_AUTO, 0);
    parse_fails("strict text", "二、主动公开政府信息情况\n规章 | 1 | 2\n", XXGK_FORMAT_TEXT, 1);
    parse_fails("strict page",
                "<table><tr><td>二、主动公开政府信息情况</td></tr><tr><td>某一行</td><td>1</td></tr></table>",
                XXGK_FORMAT_HTML, 1);
    xxgk_report *r = NULL;
    assert_int_equal(xxgk_report_read_file(&r, "/nonexistent/report.json", NULL), XXGK_EIO);
    says_chinese("missing file");
    r = tu_parse_str("二、主动公开政府信息情况\n规章 |  |  |  |\n", XXGK_FORMAT_TEXT);
    int64_t v;
    assert_int_equal(xxgk_report_cell_get_count(&v, r, tu_id(r, "proactive.regulations.issued")), XXGK_ENOTFOUND);
    says_chinese("blank cell");
    assert_int_equal(xxgk_report_cell_get_count(&v, r, tu_id(r, "proactive.licensing.decisions")), XXGK_ENOTFOUND);
    says_chinese("cell not read");
    xxgk_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_errors),
        cmocka_unit_test(test_csv_errors),
        cmocka_unit_test(test_text_and_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
