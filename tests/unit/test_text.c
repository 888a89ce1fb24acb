/* SPDX-License-Identifier: MIT */
/* The plain-text / Markdown reader and writers: every corpus text against its hand-checked
 * golden cells and diagnostics, the reference report in full, every layout of the issue on
 * generated reports of both templates, round trips, values, errors. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static char *write_fmt(const xxgk_report *r, int format)
{
    xxgk_write_options *o;
    assert_int_equal(xxgk_write_options_new(&o), 0);
    assert_int_equal(xxgk_write_options_set_format(o, format), 0);
    char *out = NULL;
    assert_int_equal(xxgk_report_write(&out, NULL, r, o), 0);
    xxgk_write_options_free(o);
    return out;
}

/* Cell by cell: state, exact value, token text. Returns the number of differences (and
 * prints the first few). With `blank_unread`, blank and not read are the same: text prints a
 * cell not read as an empty cell, and a line of empty cells alone may be a merged-cell filler
 * that the reader does not take for a row. */
static int diff_cells_as(const xxgk_report *want, const xxgk_report *got, const char *what, int blank_unread)
{
    const xxgk_template *t = xxgk_report_template(want);
    assert_ptr_equal(t, xxgk_report_template(got));
    int bad = 0;
    for (size_t id = 0; id < xxgk_template_cell_count_all(t); id++) {
        char a[128], b[128];
        int sa = xxgk_report_cell_state(want, id), sb = xxgk_report_cell_state(got, id);
        if (blank_unread && sa == XXGK_CELL_UNREAD)
            sa = XXGK_CELL_BLANK;
        if (blank_unread && sb == XXGK_CELL_UNREAD)
            sb = XXGK_CELL_BLANK;
        xxgk_report_cell_format(a, sizeof a, want, id);
        xxgk_report_cell_format(b, sizeof b, got, id);
        if (sa != sb || strcmp(a, b) != 0) {
            if (bad < 8)
                print_message("%s: %s: want %d '%s', got %d '%s'\n", what, xxgk_template_cell_path(t, id), sa, a,
                              sb, b);
            bad++;
        }
    }
    return bad;
}

static int diff_cells(const xxgk_report *want, const xxgk_report *got, const char *what)
{
    return diff_cells_as(want, got, what, 0);
}

static void assert_same_report(const xxgk_report *want, const xxgk_report *got, int sections, const char *what)
{
    assert_int_equal(diff_cells(want, got, what), 0);
    assert_int_equal(xxgk_report_year(want), xxgk_report_year(got));
    assert_string_equal(xxgk_report_agency(want), xxgk_report_agency(got));
    assert_string_equal(xxgk_report_title(want), xxgk_report_title(got));
    if (sections) {
        const char *codes[] = { "preamble", "overview", "problems", "other" };
        for (int i = 0; i < 4; i++)
            assert_string_equal(xxgk_report_section(want, codes[i]), xxgk_report_section(got, codes[i]));
    }
}

static const char *const corpus[] = {
    "kundulun-xinfang-2023",
    "longgang-dept-2024",
    "xixian-taiping-town-2022",
    "changan-stats-2023_pipe-lines",
    "xuwen-justice-bureau_blank-cells",
    "shekou-street-2021_traditional",
    "unknown-bureau-mirror-2019tpl_text-in-numeric-cell",
    "shanghai-stcsm-2024_pdf2md",
    "hongze-district-2023_pdftotext-layout",
};

static size_t count_numbers(const xxgk_report *r)
{
    size_t n = 0;
    const xxgk_template *t = xxgk_report_template(r);
    for (size_t id = 0; id < xxgk_template_cell_count_all(t); id++)
        if (xxgk_report_cell_state(r, id) == XXGK_CELL_NUMBER || xxgk_report_cell_state(r, id) == XXGK_CELL_TOKEN)
            n++;
    return n;
}

static void test_corpus_golden(void **state)
{
    (void)state;
    const size_t filled[] = { 200, 86, 59, 9, 20, 10, 50, 199, 186 };
    for (size_t i = 0; i < sizeof corpus / sizeof *corpus; i++) {
        char rel[256], exp[256], dg[256];
        snprintf(rel, sizeof rel, "real/%s.txt", corpus[i]);
        snprintf(exp, sizeof exp, "text/corpus/%s/expected.json", corpus[i]);
        snprintf(dg, sizeof dg, "text/corpus/%s/diagnostics.txt", corpus[i]);
        xxgk_report *got = tu_load(tu_data(rel));
        xxgk_report *want = tu_load(tu_data(exp));
        assert_string_equal(xxgk_template_id(xxgk_report_template(want)), xxgk_template_id(xxgk_report_template(got)));
        assert_same_report(want, got, 0, corpus[i]);
        assert_int_equal(count_numbers(got), filled[i]);
        char *d = tu_diag_text(got);
        char *wd = tu_slurp(tu_data(dg), NULL);
        if (strcmp(d, wd) != 0)
            fail_msg("%s diagnostics:\n%s\nexpected:\n%s", corpus[i], d, wd);
        free(d);
        free(wd);
        xxgk_report_free(got);
        xxgk_report_free(want);
    }
}

static void test_reference_report_in_full(void **state)
{
    (void)state;
    xxgk_report *got = tu_load(tu_data("real/kundulun-xinfang-2023.txt"));
    xxgk_report *want = tu_load(tu_src("examples/data/kundulun-xinfang-2023.json"));
    assert_same_report(want, got, 1, "kundulun");
    assert_string_equal(xxgk_report_agency(got), "昆都仑区信访局");
    assert_int_equal(xxgk_report_year(got), 2023);
    assert_int_equal(xxgk_findings_count(xxgk_report_diagnostics(got)), 0);
    xxgk_report_free(got);
    /* the same with CRLF line ends and a byte-order mark */
    size_t len;
    char *text = tu_slurp(tu_data("real/kundulun-xinfang-2023.txt"), &len);
    char *crlf = malloc(2 * len + 4);
    assert_non_null(crlf);
    size_t n = 0;
    memcpy(crlf, "\xEF\xBB\xBF", 3);
    n = 3;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\n')
            crlf[n++] = '\r';
        crlf[n++] = text[i];
    }
    crlf[n] = '\0';
    got = tu_parse_str(crlf, XXGK_FORMAT_AUTO);
    assert_same_report(want, got, 1, "kundulun crlf");
    xxgk_report_free(got);
    free(crlf);
    free(text);
    xxgk_report_free(want);
}

static void test_specific_cells(void **state)
{
    (void)state;
    int64_t v;
    xxgk_report *r = tu_load(tu_data("real/unknown-bureau-mirror-2019tpl_text-in-numeric-cell.txt"));
    assert_string_equal(xxgk_template_id(xxgk_report_template(r)), "2019");
    assert_int_equal(xxgk_report_cell_get_count(&v, r, tu_id(r, "proactive.licensing.change")), 0);
    assert_int_equal(v, -4);
    assert_int_equal(xxgk_report_cell_get_micros(&v, r, tu_id(r, "proactive.procurement.amount")), 0);
    assert_int_equal(v, 52150000);
    assert_int_equal(xxgk_report_cell_state(r, tu_id(r, "applications.denied.state_secret.natural_person")),
                     XXGK_CELL_UNREAD);
    assert_int_equal(xxgk_report_cell_line(r, tu_id(r, "proactive.licensing.change")), 24);
    xxgk_report_free(r);

    r = tu_load(tu_data("real/hongze-district-2023_pdftotext-layout.txt"));
    assert_int_equal(xxgk_report_cell_get_micros(&v, r, tu_id(r, "proactive.fees.amount")), 0);
    assert_int_equal(v, 7730280000);
    assert_int_equal(xxgk_report_cell_get_count(&v, r, tu_id(r, "applications.partially_granted.natural_person")), 0);
    assert_int_equal(v, 4);
    assert_int_equal(xxgk_report_cell_get_count(&v, r, tu_id(r, "applications.denied.prohibited_by_law.total")), 0);
    assert_int_equal(v, 0);
    assert_int_equal(xxgk_report_cell_get_count(&v, r, tu_id(r, "applications.other.total")), 0);
    assert_int_equal(v, 0);
    assert_int_equal(xxgk_report_cell_state(r, tu_id(r, "applications.other.other.total")), XXGK_CELL_UNREAD);
    assert_int_equal(xxgk_report_cell_get_count(&v, r, tu_id(r, "review_litigation.review.upheld")), 0);
    assert_int_equal(v, 10);
    assert_int_equal(xxgk_report_cell_get_count(&v, r, tu_id(r, "review_litigation.litigation_after_review.upheld")), 0);
    assert_int_equal(v, 5);
    xxgk_report_free(r);

    r = tu_load(tu_data("real/shekou-street-2021_traditional.txt"));
    assert_string_equal(xxgk_report_agency(r), "南山區蛇口街道辦事處");
    assert_string_equal(xxgk_report_cell_token(r, tu_id(r, "proactive.normative_documents.issued")), "/");
    assert_int_equal(xxgk_report_cell_get_count(&v, r, tu_id(r, "proactive.punishment.decisions")), 0);
    assert_int_equal(v, 61);
    xxgk_report_free(r);

    r = tu_load(tu_data("real/shanghai-stcsm-2024_pdf2md.txt"));
    assert_int_equal(xxgk_report_cell_get_count(&v, r, tu_id(r, "applications.other.overdue_correction.natural_person")), 0);
    assert_int_equal(v, 8);
    assert_int_equal(xxgk_report_cell_state(r, tu_id(r, "applications.carried_forward.total")), XXGK_CELL_BLANK);
    xxgk_report_free(r);
}

/* Text that holds HTML table markup is read as the page it is a piece of. */
static void test_html_in_text_reads_as_html(void **state)
{
    (void)state;
    xxgk_report *r = tu_load(tu_data("real/shanghai-govoffice-2019_html-in-js.txt"));
    int64_t v;
    assert_int_equal(xxgk_report_cell_get_count(&v, r, tu_id(r, "applications.new.total")), 0);
    assert_int_equal(v, 859);
    xxgk_report_free(r);
}

/* ---------------------------------------------------------------------- */
/* generated reports and layouts                                          */
/* ---------------------------------------------------------------------- */

/* A report with distinct non-zero numbers in every printed cell (optional cells blank),
 * a negative signed cell and a decimal amount. */
static xxgk_report *generated(const char *tid)
{
    const xxgk_template *t = xxgk_template_get(tid);
    xxgk_report *r;
    assert_int_equal(xxgk_report_new(&r, t), 0);
    for (size_t id = 0; id < xxgk_template_cell_count(t); id++) {
        int kind = xxgk_template_cell_kind(t, id);
        if (kind == XXGK_KIND_AMOUNT)
            assert_int_equal(xxgk_report_cell_set_micros(r, id, (int64_t)(id + 1) * 1000000 + 250000), 0);
        else if (kind == XXGK_KIND_SIGNED_COUNT)
            assert_int_equal(xxgk_report_cell_set_count(r, id, -(int64_t)(id + 3)), 0);
        else
            assert_int_equal(xxgk_report_cell_set_count(r, id, (int64_t)(id + 1) * 7 + 1000), 0);
    }
    assert_int_equal(xxgk_report_set_title(r, "某某县人民政府办公室2024年政府信息公开工作年度报告"), 0);
    assert_int_equal(xxgk_report_set_agency(r, "某某县人民政府办公室"), 0);
    assert_int_equal(xxgk_report_set_year(r, 2024), 0);
    assert_int_equal(xxgk_report_set_section(r, "preamble", "本报告依据条例编制。\n统计期限为2024年。"), 0);
    assert_int_equal(xxgk_report_set_section(r, "overview", "（一）主动公开\n全年主动公开信息1200条。"), 0);
    assert_int_equal(xxgk_report_set_section(r, "problems", "问题：公开不够及时。"), 0);
    assert_int_equal(xxgk_report_set_section(r, "other", "无。"), 0);
    return r;
}

/* The rows of a report as printed: label cells and value cells, for the layout renderers. */
typedef struct grow_ {
    const char *label;
    const char *vals[16];
    /* up to 15 values */
    int nv;
    char store[16][32];
} grow_;

static int table_rows(const xxgk_report *r, size_t ti, grow_ *rows)
{
    /* every printed row: from the cell labels "row label / col label" */
    const xxgk_template *t = xxgk_report_template(r);
    size_t first = xxgk_template_table_first_cell(t, ti), n = xxgk_template_table_cell_count(t, ti);
    int nr = 0;
    static char labels[64][256];
    for (size_t id = first; id < first + n; id++) {
        const char *lab = xxgk_template_cell_label(t, id);
        const char *slash = strstr(lab, " / ");
        size_t ll = slash ? (size_t)(slash - lab) : strlen(lab);
        /* the row's own label: the last space-separated part before " / " */
        const char *start = lab;
        for (const char *p = lab; p < lab + ll; p++)
            if (*p == ' ')
                start = p + 1;
        char rl[256];
        snprintf(rl, sizeof rl, "%.*s", (int)(lab + ll - start), start);
        if (nr == 0 || strcmp(labels[nr - 1], rl) != 0) {
            snprintf(labels[nr], sizeof labels[nr], "%s", rl);
            rows[nr].label = labels[nr];
            rows[nr].nv = 0;
            nr++;
        }
        grow_ *g = &rows[nr - 1];
        xxgk_report_cell_format(g->store[g->nv], sizeof g->store[g->nv], r, id);
        g->vals[g->nv] = g->store[g->nv];
        g->nv++;
    }
    return nr;
}

enum { L_PIPE, L_MD, L_CELL_PIPE, L_LONE_PIPE, L_BLANKLINES, L_TAB, L_SPACES };

static void emit(char **buf, size_t *len, size_t *cap, const char *s)
{
    size_t n = strlen(s);
    if (*len + n + 1 > *cap) {
        *cap = (*len + n + 1) * 2;
        *buf = realloc(*buf, *cap);
        assert_non_null(*buf);
    }
    memcpy(*buf + *len, s, n + 1);
    *len += n;
}

/* Render a report in one of the layouts seen in real reports. */
static char *render(const xxgk_report *r, int layout)
{
    const xxgk_template *t = xxgk_report_template(r);
    char *b = NULL;
    size_t len = 0, cap = 0;
    emit(&b, &len, &cap, xxgk_report_title(r));
    emit(&b, &len, &cap, "\n");
    emit(&b, &len, &cap, xxgk_report_section(r, "preamble"));
    emit(&b, &len, &cap, "\n一、总体情况\n");
    emit(&b, &len, &cap, xxgk_report_section(r, "overview"));
    emit(&b, &len, &cap, "\n");
    static const char *const nums[] = { "二", "三", "四" };
    const int is19 = strcmp(xxgk_template_id(t), "2019") == 0;
    for (size_t ti = 0; ti < 3; ti++) {
        char line[4096];
        snprintf(line, sizeof line, "%s%s、%s\n", layout == L_MD ? "## " : "", nums[ti], xxgk_template_table_heading(t, ti));
        emit(&b, &len, &cap, line);
        /* header words, broken over lines in the spaced layout */
        if (ti == 0)
            emit(&b, &len, &cap, layout == L_SPACES ? (is19 ? "  信息内容   本年新\n        制作数量   本年新 公开数量\n" : "  信息内容  本年制发件数  本年废\n   止件数\n")
                                                    : (is19 ? "信息内容 | 本年新 制作数量 | 本年新 公开数量 | 对外公开总数量 |\n" : "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"));
        if (ti == 1)
            emit(&b, &len, &cap, layout == L_SPACES ? "             自然人   商业    科研\n                      企业    机构\n"
                                                    : "申请人情况 |\n自然人 | 商业 企业 | 科研 机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n");
        if (ti == 2)
            emit(&b, &len, &cap, "行政复议 | 行政诉讼 |\n结果 维持 | 结果 纠正 |\n");
        if (layout == L_MD)
            emit(&b, &len, &cap, "|---|---|\n");
        static grow_ rows[64];
        static grow_ all;
        int nr = table_rows(r, ti, rows);
        if (ti == 2) {
            /* one line of all 15 values (labels in the header) */
            all.label = "";
            all.nv = 0;
            for (int k = 0; k < nr; k++)
                for (int j = 0; j < rows[k].nv; j++)
                    all.vals[all.nv++] = rows[k].vals[j];
            nr = 1;
        }
        for (int k = 0; k < nr; k++) {
            const grow_ *g = ti == 2 ? &all : &rows[k];
            if (layout == L_SPACES && k == nr / 2) {
                emit(&b, &len, &cap, "\n                          -3-\n\f");
            }
            if (layout == L_MD && k == 3)
                emit(&b, &len, &cap, "|---|---|---|\n"); /* a stray separator mid-table */
            switch (layout) {
            case L_PIPE:
            case L_MD:
                if (layout == L_MD)
                    emit(&b, &len, &cap, "| ");
                if (g->label[0]) {
                    emit(&b, &len, &cap, g->label);
                    emit(&b, &len, &cap, " | ");
                }
                for (int j = 0; j < g->nv; j++) {
                    emit(&b, &len, &cap, g->vals[j]);
                    emit(&b, &len, &cap, " | ");
                }
                emit(&b, &len, &cap, layout == L_PIPE ? "||\n" : "\n");
                break;
            case L_CELL_PIPE:
            case L_LONE_PIPE:
            case L_BLANKLINES:
            {
                const char *sep = layout == L_CELL_PIPE ? " |\n" : layout == L_LONE_PIPE ? "\n|\n" : "\n\n";
                if (g->label[0]) {
                    emit(&b, &len, &cap, g->label);
                    emit(&b, &len, &cap, sep);
                }
                for (int j = 0; j < g->nv; j++) {
                    emit(&b, &len, &cap, g->vals[j]);
                    emit(&b, &len, &cap, sep);
                }
                break;
            }
            case L_TAB:
                if (g->label[0]) {
                    emit(&b, &len, &cap, g->label);
                    emit(&b, &len, &cap, "\t");
                }
                for (int j = 0; j < g->nv; j++) {
                    emit(&b, &len, &cap, g->vals[j]);
                    emit(&b, &len, &cap, j + 1 < g->nv ? "\t" : "\n");
                }
                break;
            case L_SPACES:
                emit(&b, &len, &cap, "      ");
                emit(&b, &len, &cap, g->label);
                for (int j = 0; j < g->nv; j++) {
                    emit(&b, &len, &cap, "    ");
                    emit(&b, &len, &cap, g->vals[j]);
                }
                emit(&b, &len, &cap, "\n");
                break;
            }
        }
    }
    emit(&b, &len, &cap, "五、存在的主要问题及改进情况\n");
    emit(&b, &len, &cap, xxgk_report_section(r, "problems"));
    emit(&b, &len, &cap, "\n六、其他需要报告的事项\n");
    emit(&b, &len, &cap, xxgk_report_section(r, "other"));
    emit(&b, &len, &cap, "\n");
    return b;
}

static void test_layouts(void **state)
{
    (void)state;
    const char *tids[] = { "2021", "2019" };
    const char *names[] = { "pipe", "markdown", "cell-per-line", "lone-pipe", "blank-lines", "tab", "spaces" };
    for (int ti = 0; ti < 2; ti++) {
        xxgk_report *want = generated(tids[ti]);
        for (int layout = L_PIPE; layout <= L_SPACES; layout++) {
            char *text = render(want, layout);
            xxgk_report *got = tu_parse_str(text, layout == L_MD ? XXGK_FORMAT_MARKDOWN : XXGK_FORMAT_TEXT);
            char what[64];
            snprintf(what, sizeof what, "%s/%s", tids[ti], names[layout]);
            if (diff_cells(want, got, what) != 0)
                fail_msg("layout %s:\n%s", what, text);
            assert_same_report(want, got, 1, what);
            /* no diagnostics except where a row label came through the edit distance */
            const xxgk_findings *d = xxgk_report_diagnostics(got);
            for (size_t i = 0; i < xxgk_findings_count(d); i++)
                if (xxgk_finding_severity(d, i) >= XXGK_SEVERITY_WARNING)
                    fail_msg("%s: %s %s", what, xxgk_finding_rule(d, i), xxgk_finding_message(d, i));
            xxgk_report_free(got);
            free(text);
        }
        xxgk_report_free(want);
    }
}

/* text -> model -> text -> model is the identity; Markdown too. */
static void round_trip(const xxgk_report *r0, const char *what)
{
    for (int f = 0; f < 2; f++) {
        int fmt = f ? XXGK_FORMAT_MARKDOWN : XXGK_FORMAT_TEXT;
        char *t1 = write_fmt(r0, fmt);
        xxgk_report *r1 = tu_parse_str(t1, fmt);
        assert_int_equal(diff_cells_as(r0, r1, what, 1), 0);
        /* agency and year survive even without a title (a title line is written for them) */
        assert_int_equal(xxgk_report_year(r0), xxgk_report_year(r1));
        if (xxgk_report_year(r0))
            assert_string_equal(xxgk_report_agency(r0), xxgk_report_agency(r1));
        char *t2 = write_fmt(r1, fmt);
        assert_string_equal(t1, t2);
        xxgk_report *r2 = tu_parse_str(t2, fmt);
        assert_same_report(r1, r2, 1, what);
        xxgk_report_free(r1);
        xxgk_report_free(r2);
        xxgk_free(t1);
        xxgk_free(t2);
    }
}

static void test_round_trip(void **state)
{
    (void)state;
    xxgk_report *r = generated("2021");
    round_trip(r, "generated 2021");
    /* with tokens, blanks and a filled subtotal */
    xxgk_report_cell_set_token(r, tu_id(r, "applications.new.commercial"), "-");
    xxgk_report_cell_set_token(r, tu_id(r, "proactive.fees.amount"), "无");
    xxgk_report_cell_set_blank(r, tu_id(r, "applications.granted.total"));
    xxgk_report_cell_set_blank(r, tu_id(r, "review_litigation.review.upheld"));
    xxgk_report_cell_set_count(r, tu_id(r, "applications.other.total"), 5);
    round_trip(r, "generated 2021 with tokens");
    /* cells that are words only */
    xxgk_report_cell_set_token(r, tu_id(r, "proactive.licensing.decisions"), "不适用");
    static const char *const cols[] = { "natural_person", "commercial", "research", "social_welfare",
                                        "legal_service", "other_org", "total" };
    for (int k = 0; k < 7; k++) {
        char path[128];
        snprintf(path, sizeof path, "applications.denied.state_secret.%s", cols[k]);
        xxgk_report_cell_set_token(r, tu_id(r, path), k % 2 ? "未统计" : "/");
    }
    round_trip(r, "generated 2021 with word tokens");
    xxgk_report_free(r);
    /* a report whose only cell is words (found by a round-trip fuzzer) */
    assert_int_equal(xxgk_report_new(&r, NULL), 0);
    assert_int_equal(xxgk_report_cell_set_token(r, tu_id(r, "proactive.licensing.decisions"), "商业 科研"), 0);
    round_trip(r, "words only");
    /* table 四's line starting with blanks and a word (round-trip fuzz case) */
    assert_int_equal(xxgk_report_cell_set_token(r, tu_id(r, "review_litigation.litigation_direct.upheld"), "审结"), 0);
    assert_int_equal(xxgk_report_cell_set_count(r, tu_id(r, "review_litigation.litigation_direct.other"), 3), 0);
    round_trip(r, "table 四 with a word");
    static const char *const four[] = { "upheld", "corrected", "other", "pending", "total" };
    for (int k = 0; k < 5; k++) {
        char path[128];
        snprintf(path, sizeof path, "review_litigation.review.%s", four[k]);
        assert_int_equal(xxgk_report_cell_set_token(r, tu_id(r, path), "结果"), 0);
    }
    round_trip(r, "table 四 with a row of words");
    /* a carriage return inside a token stays (round-trip fuzz case) */
    assert_int_equal(xxgk_report_cell_set_token(r, tu_id(r, "applications.denied.security_stability.total"), "0 \r\r 2.  %"), 0);
    assert_int_equal(xxgk_report_cell_set_count(r, tu_id(r, "applications.new.total"), 4), 0);
    round_trip(r, "a token with carriage returns");
    /* dash tokens beside blanks are not a Markdown separator row (round-trip fuzz case) */
    for (int k = 0; k < 5; k++) {
        char path[128];
        snprintf(path, sizeof path, "review_litigation.review.%s", four[k]);
        assert_int_equal(xxgk_report_cell_set_token(r, tu_id(r, path), "---"), 0);
        snprintf(path, sizeof path, "review_litigation.litigation_direct.%s", four[k]);
        assert_int_equal(xxgk_report_cell_set_blank(r, tu_id(r, path)), 0);
    }
    round_trip(r, "dash tokens in table 四");
    xxgk_report_free(r);
    r = generated("2019");
    round_trip(r, "generated 2019");
    xxgk_report_free(r);
    r = tu_load(tu_src("examples/data/kundulun-xinfang-2023.json"));
    round_trip(r, "kundulun");
    xxgk_report_free(r);
    r = tu_load(tu_src("examples/data/hongze-district-2023.json"));
    round_trip(r, "hongze");
    xxgk_report_free(r);
    for (size_t i = 0; i < sizeof corpus / sizeof *corpus; i++) {
        char exp[256], rel[256];
        snprintf(exp, sizeof exp, "text/corpus/%s/expected.json", corpus[i]);
        r = tu_load(tu_data(exp));
        round_trip(r, corpus[i]);
        xxgk_report_free(r);
        /* and the report as read from the text itself, sections included */
        snprintf(rel, sizeof rel, "real/%s.txt", corpus[i]);
        r = tu_load(tu_data(rel));
        round_trip(r, corpus[i]);
        xxgk_report_free(r);
    }
}

static void test_values(void **state)
{
    (void)state;
    const char *text =
        "二、主动公开政府信息情况\n"
        "规章 | １，２３４件 | 0 | 5 |\n"
        "行政规范性文件 | - | — | / |\n"
        "行政许可 | _ |\n"
        "行政处罚 | 无 |\n"
        "行政事业性收费 | 12345元 |\n"
        "三、收到和处理政府信息公开申请情况\n"
        "一、本年新收政府信息公开申请数量 | 1 | 2 | 3 | 4 | 5 | 6 | 1.5 |\n";
    xxgk_report *r = tu_parse_str(text, XXGK_FORMAT_TEXT);
    int64_t v;
    assert_int_equal(xxgk_report_cell_get_count(&v, r, tu_id(r, "proactive.regulations.issued")), 0);
    assert_int_equal(v, 1234);
    assert_string_equal(xxgk_report_cell_token(r, tu_id(r, "proactive.normative_documents.issued")), "-");
    assert_string_equal(xxgk_report_cell_token(r, tu_id(r, "proactive.normative_documents.repealed")), "—");
    assert_string_equal(xxgk_report_cell_token(r, tu_id(r, "proactive.normative_documents.in_force")), "/");
    assert_string_equal(xxgk_report_cell_token(r, tu_id(r, "proactive.licensing.decisions")), "_");
    assert_string_equal(xxgk_report_cell_token(r, tu_id(r, "proactive.punishment.decisions")), "无");
    assert_int_equal(xxgk_report_cell_get_micros(&v, r, tu_id(r, "proactive.fees.amount")), 0);
    assert_int_equal(v, 1234500); /* 12345 元 = 1.2345 万元 */
    /* a fraction in a count: not read, with a warning naming it */
    assert_int_equal(xxgk_report_cell_state(r, tu_id(r, "applications.new.total")), XXGK_CELL_UNREAD);
    char *d = tu_diag_text(r);
    assert_non_null(strstr(d, "6:11 READ.NOTE info"));
    assert_non_null(strstr(d, "8:44 READ.VALUE warning"));
    free(d);
    xxgk_report_free(r);
    /* 元 with too many decimals for 万元: kept as written, with a warning */
    r = tu_parse_str("二、主动公开政府信息情况\n行政事业性收费 | 0.123456789元 |\n", XXGK_FORMAT_TEXT);
    assert_string_equal(xxgk_report_cell_token(r, tu_id(r, "proactive.fees.amount")), "0.123456789元");
    d = tu_diag_text(r);
    assert_non_null(strstr(d, "2:11 READ.VALUE warning"));
    free(d);
    xxgk_report_free(r);
    /* a number too long to read: not read, with a warning, never a numeric-looking token (fuzz case) */
    r = tu_parse_str("二、主动公开政府信息情况\n行政许可 | 0000000000000000000000000000000000000000000000000000000000000000000055 |\n",
                  XXGK_FORMAT_TEXT);
    assert_int_equal(xxgk_report_cell_state(r, tu_id(r, "proactive.licensing.decisions")), XXGK_CELL_UNREAD);
    d = tu_diag_text(r);
    assert_non_null(strstr(d, "2:8 READ.VALUE warning"));
    free(d);
    xxgk_report_free(r);
    /* 2019: 減4 (traditional) in the signed cell; the template comes from the labels */
    r = tu_parse_str("2022年某局政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（五）项 |\n"
                  "信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |\n行政许可 | 6 | 減4 | 2 |\n",
                  XXGK_FORMAT_TEXT);
    assert_string_equal(xxgk_template_id(xxgk_report_template(r)), "2019");
    assert_int_equal(xxgk_report_year(r), 2022);
    assert_int_equal(xxgk_report_cell_get_count(&v, r, tu_id(r, "proactive.licensing.change")), 0);
    assert_int_equal(v, -4);
    xxgk_report_free(r);
}

static void test_rows_not_spread_and_partial(void **state)
{
    (void)state;
    const char *text =
        "三、收到和处理政府信息公开申请情况\n"
        "一、本年新收政府信息公开申请数量 | 1 | 2 | 3 | 4 | 5 | 15 |\n"
        "二、上年结转政府信息公开申请数量 | 1 | 2 | 3 | 4 | 5 | 6 | 21 |\n"
        "| 9 | 9 | 9 | 9 | 9 | 9 | 54 |\n"
        "| 8 | 8 | 8 | 8 | 8 | 8 | 48 |\n"
        "（二）部分公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n";
    xxgk_report *r = tu_parse_str(text, XXGK_FORMAT_TEXT);
    /* the short row is not spread */
    assert_int_equal(xxgk_report_cell_state(r, tu_id(r, "applications.new.natural_person")), XXGK_CELL_UNREAD);
    /* two unlabeled rows where the template has one (granted) between the anchors */
    assert_int_equal(xxgk_report_cell_state(r, tu_id(r, "applications.granted.natural_person")), XXGK_CELL_UNREAD);
    int64_t v;
    assert_int_equal(xxgk_report_cell_get_count(&v, r, tu_id(r, "applications.carried_over.total")), 0);
    assert_int_equal(v, 21);
    char *d = tu_diag_text(r);
    assert_string_equal(d, "1:1 READ.TEMPLATE info\n"
                           "2:1 READ.ROW_INCOMPLETE warning\n"
                           "4:3 READ.UNPLACED warning\n"
                           "6:1 READ.MISSING warning\n"
                           "6:1 READ.MISSING warning\n"
                           "6:1 READ.MISSING warning\n"
                           "6:1 READ.MISSING warning\n");
    free(d);
    xxgk_report_free(r);
    /* one cell per line with a cell left out and the next label missing: 13 values after
     * a 7-cell row cannot be split into rows, so none is placed */
    const char *omitted =
        "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\n"
        "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n（一）予以公开\n0\n0\n0\n0\n0\n0\n0\n";
    r = tu_parse_str(omitted, XXGK_FORMAT_TEXT);
    assert_int_equal(xxgk_report_cell_state(r, tu_id(r, "applications.new.natural_person")), XXGK_CELL_UNREAD);
    assert_int_equal(xxgk_report_cell_state(r, tu_id(r, "applications.carried_over.natural_person")), XXGK_CELL_UNREAD);
    assert_int_equal(xxgk_report_cell_get_count(&v, r, tu_id(r, "applications.granted.total")), 0);
    assert_int_equal(v, 0);
    d = tu_diag_text(r);
    assert_non_null(strstr(d, "2:1 READ.UNPLACED warning"));
    free(d);
    xxgk_report_free(r);
    /* a group label followed by a torn item label: not the group's subtotal */
    r = tu_parse_str("三、收到和处理政府信息公开申请情况\n"
                  "（六）其他处理   1.申请人无正当理由逾    1  0  0  0  0  0  1\n", XXGK_FORMAT_TEXT);
    assert_int_equal(xxgk_report_cell_state(r, tu_id(r, "applications.other.total")), XXGK_CELL_BLANK);
    assert_int_equal(xxgk_report_cell_state(r, tu_id(r, "applications.other.overdue_correction.total")),
                     XXGK_CELL_UNREAD);
    d = tu_diag_text(r);
    assert_non_null(strstr(d, "2:11 READ.UNMATCHED warning"));
    free(d);
    xxgk_report_free(r);
    /* a label after a blank cell is the label, never a value (round-trip fuzz case) */
    r = tu_parse_str("三、收到和处理政府信息公开申请情况\n"
                  "1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
                  "未经复议| | 2.其他法律行政法规禁止公开 | v | | | | | 0 |\n"
                  "3.危及“三安全一稳定” | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n", XXGK_FORMAT_TEXT);
    assert_int_equal(xxgk_report_cell_state(r, tu_id(r, "applications.denied.prohibited_by_law.natural_person")),
                     XXGK_CELL_UNREAD);
    assert_int_equal(xxgk_report_cell_state(r, tu_id(r, "applications.denied.prohibited_by_law.total")),
                     XXGK_CELL_UNREAD);
    d = tu_diag_text(r);
    assert_non_null(strstr(d, "3:9 READ.ROW_INCOMPLETE warning"));
    free(d);
    xxgk_report_free(r);
    /* an unlabeled Markdown row keeps its empty label column */
    r = tu_parse_str("三、收到和处理政府信息公开申请情况\n"
                  "| 一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
                  "|  | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n"
                  "| 三、本年度办理结果 | （一）予以公开 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n", XXGK_FORMAT_MARKDOWN);
    assert_int_equal(xxgk_report_cell_get_count(&v, r, tu_id(r, "applications.carried_over.total")), 0);
    assert_int_equal(v, 2);
    xxgk_report_free(r);
    /* strict: the same text fails, naming the place */
    xxgk_parse_options *o;
    assert_int_equal(xxgk_parse_options_new(&o), 0);
    assert_int_equal(xxgk_parse_options_set_strict(o, 1), 0);
    r = (xxgk_report *)o;
    assert_int_equal(xxgk_report_parse(&r, text, strlen(text), o), XXGK_ESTRICT);
    assert_null(r);
    assert_int_equal(xxgk_error_line(), 2);
    xxgk_parse_options_free(o);
}

static void test_scrambled_and_ambiguous(void **state)
{
    (void)state;
    const char *text =
        "三、收到和处理政府信息公开申请情况\n"
        "二、上年结转政府信息公开申请数量 | 1 | 2 | 3 | 4 | 5 | 6 | 21 |\n"
        "| 9 | 9 | 9 | 9 | 9 | 9 | 54 |\n"
        "一、本年新收政府信息公开申请数量 | 1 | 2 | 3 | 4 | 5 | 6 | 21 |\n";
    xxgk_report *r = tu_parse_str(text, XXGK_FORMAT_TEXT);
    for (size_t id = 0; id < xxgk_template_cell_count_all(xxgk_report_template(r)); id++)
        assert_int_equal(xxgk_report_cell_state(r, id), id < xxgk_template_cell_count(xxgk_report_template(r))
                                                            ? XXGK_CELL_UNREAD
                                                            : XXGK_CELL_BLANK);
    char *d = tu_diag_text(r);
    assert_non_null(strstr(d, "4:1 READ.SCRAMBLED error"));
    free(d);
    xxgk_report_free(r);
    /* columns printed in another order than the template's */
    const char *cols =
        "二、主动公开政府信息情况\n"
        "信息内容 | 现行有效件数 | 本年制发件数 | 本年废止件数 |\n"
        "规章 | 5 | 1 | 0 |\n"
        "行政许可 | 7 |\n";
    r = tu_parse_str(cols, XXGK_FORMAT_TEXT);
    assert_int_equal(xxgk_report_cell_state(r, tu_id(r, "proactive.regulations.issued")), XXGK_CELL_UNREAD);
    assert_int_equal(xxgk_report_cell_state(r, tu_id(r, "proactive.licensing.decisions")), XXGK_CELL_UNREAD);
    d = tu_diag_text(r);
    assert_non_null(strstr(d, "2:17 READ.SCRAMBLED error"));
    free(d);
    xxgk_report_free(r);
    /* table 四 with its total column first */
    const char *four =
        "四、政府信息公开行政复议、行政诉讼情况\n"
        "总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 |\n"
        "| 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 |\n";
    r = tu_parse_str(four, XXGK_FORMAT_TEXT);
    assert_int_equal(xxgk_report_cell_state(r, tu_id(r, "review_litigation.review.total")), XXGK_CELL_UNREAD);
    d = tu_diag_text(r);
    assert_non_null(strstr(d, "2:1 READ.SCRAMBLED error"));
    free(d);
    xxgk_report_free(r);
    /* a row printed twice */
    const char *twice =
        "二、主动公开政府信息情况\n"
        "行政许可 | 5 |\n"
        "行政许可 | 6 |\n";
    r = tu_parse_str(twice, XXGK_FORMAT_TEXT);
    assert_int_equal(xxgk_report_cell_state(r, tu_id(r, "proactive.licensing.decisions")), XXGK_CELL_UNREAD);
    xxgk_report_free(r);
    /* a typo close to two rows at the same distance is an error */
    const char *amb =
        "二、主动公开政府信息情况\n"
        "行政处制 | 5 |\n";
    r = (xxgk_report *)state;
    assert_int_equal(xxgk_report_parse(&r, amb, strlen(amb), NULL), XXGK_EAMBIGUOUS);
    assert_null(r);
    assert_int_equal(xxgk_error_line(), 2);
    /* a typo seen in print is matched */
    const char *typo =
        "三、收到和处理政府信息公开申请情况\n"
        "2.其他法律行政止公开 | 1 | 2 | 3 | 4 | 5 | 6 | 21 |\n";
    r = tu_parse_str(typo, XXGK_FORMAT_TEXT);
    int64_t v;
    assert_int_equal(xxgk_report_cell_get_count(&v, r, tu_id(r, "applications.denied.prohibited_by_law.total")), 0);
    assert_int_equal(v, 21);
    xxgk_report_free(r);
}

static void test_label_variants(void **state)
{
    (void)state;
    /* zh-TW forms, ordinals 1、 and 1．, a province gloss, full-width digits */
    const char *text =
        "二、主動公開政府資訊情況\n"
        "行政許可（省級） | 7 |\n"
        "三、收到和處理政府資訊公開申請情況\n"
        "一、本年新收政府資訊公開申請數量 | 1 | 2 | 3 | 4 | 5 | 6 | 21 |\n"
        "（三）不予公開 | 1、屬於國家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
        "2．其他法律行政法規禁止公開 | ０ | 0 | 0 | 0 | 0 | 0 | １２ |\n";
    xxgk_report *r = tu_parse_str(text, XXGK_FORMAT_TEXT);
    int64_t v;
    assert_int_equal(xxgk_report_cell_get_count(&v, r, tu_id(r, "proactive.licensing.decisions")), 0);
    assert_int_equal(v, 7);
    assert_int_equal(xxgk_report_cell_get_count(&v, r, tu_id(r, "applications.new.total")), 0);
    assert_int_equal(v, 21);
    assert_int_equal(xxgk_report_cell_get_count(&v, r, tu_id(r, "applications.denied.state_secret.total")), 0);
    assert_int_equal(v, 0);
    assert_int_equal(xxgk_report_cell_get_count(&v, r, tu_id(r, "applications.denied.prohibited_by_law.total")), 0);
    assert_int_equal(v, 12);
    xxgk_report_free(r);
    /* Markdown emphasis around a label */
    r = tu_parse_str("## 二、主动公开政府信息情况\n\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n"
                  "| **规章** | 1 | 2 | 3 |\n", XXGK_FORMAT_MARKDOWN);
    assert_int_equal(xxgk_report_cell_get_count(&v, r, tu_id(r, "proactive.regulations.in_force")), 0);
    assert_int_equal(v, 3);
    xxgk_report_free(r);
    /* table 四's header words are not a row of words (round-trip fuzz case) */
    r = tu_parse_str("四、政府信息公开行政复议、行政诉讼情况\n行政复议 | 行政诉 | 总 计 | 结果 | 其他 | 尚未 |\n",
                  XXGK_FORMAT_TEXT);
    assert_int_equal(xxgk_report_cell_state(r, tu_id(r, "review_litigation.review.upheld")), XXGK_CELL_UNREAD);
    xxgk_report_free(r);
    /* one cell per line, a label broken over two lines */
    const char *stream =
        "三、收到和处理政府信息公开申请情况\n"
        "2.其他法律行政法规禁\n止公开\n1\n2\n3\n4\n5\n6\n21\n";
    r = tu_parse_str(stream, XXGK_FORMAT_TEXT);
    assert_int_equal(xxgk_report_cell_get_count(&v, r, tu_id(r, "applications.denied.prohibited_by_law.total")), 0);
    assert_int_equal(v, 21);
    xxgk_report_free(r);
    /* （六）其他处理 printed with its items and a subtotal: all kept, no subtotal note */
    const char *sub =
        "三、收到和处理政府信息公开申请情况\n"
        "（六）其他处理 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n"
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
        "3.其他 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n";
    r = tu_parse_str(sub, XXGK_FORMAT_TEXT);
    assert_int_equal(xxgk_report_cell_get_count(&v, r, tu_id(r, "applications.other.total")), 0);
    assert_int_equal(v, 3);
    assert_int_equal(xxgk_report_cell_get_count(&v, r, tu_id(r, "applications.other.other.total")), 0);
    assert_int_equal(v, 1);
    char *d = tu_diag_text(r);
    assert_null(strstr(d, "READ.SUBTOTAL"));
    free(d);
    xxgk_report_free(r);
}

static void test_headless_excerpt(void **state)
{
    (void)state;
    /* an excerpt that starts inside table 三, without its heading */
    const char *text =
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 |\n"
        "一、本年新收政府信息公开申请数量 | 58 | 7 | 0 | 0 | 1 | 0 | 66 |\n"
        "二、上年结转政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n"
        "四、政府信息公开行政复议、行政诉讼情况\n"
        "| 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n";
    xxgk_report *r = tu_parse_str(text, XXGK_FORMAT_TEXT);
    int64_t v;
    assert_int_equal(xxgk_report_cell_get_count(&v, r, tu_id(r, "applications.new.total")), 0);
    assert_int_equal(v, 66);
    assert_int_equal(xxgk_report_cell_get_count(&v, r, tu_id(r, "review_litigation.review.total")), 0);
    assert_int_equal(v, 1);
    assert_string_equal(xxgk_report_section(r, "preamble"),
                        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 |");
    xxgk_report_free(r);
}

static void test_titles(void **state)
{
    (void)state;
    xxgk_report *r = tu_parse_str("2023年度某某局政府信息公开工作年度报告\n一、总体情况\n好。\n", XXGK_FORMAT_TEXT);
    assert_string_equal(xxgk_report_agency(r), "某某局");
    assert_int_equal(xxgk_report_year(r), 2023);
    assert_string_equal(xxgk_report_section(r, "overview"), "好。");
    xxgk_report_free(r);
    r = tu_parse_str("# 某局2022年政府信息公开工作年度报告\n\n## 一、总体情况\n\n好。\n", XXGK_FORMAT_MARKDOWN);
    assert_string_equal(xxgk_report_agency(r), "某局");
    assert_string_equal(xxgk_report_title(r), "某局2022年政府信息公开工作年度报告");
    xxgk_report_free(r);
    /* a byte-order mark left at the start of a later line is not text */
    r = tu_parse_str("某局2022年政府信息公开工作年度报告\n\xEF\xBB\xBF  前言。\n一、总体情况\n好。\n", XXGK_FORMAT_TEXT);
    assert_string_equal(xxgk_report_section(r, "preamble"), "前言。");
    xxgk_report_free(r);
    r = (xxgk_report *)state;
    assert_int_equal(xxgk_report_parse(&r, "hello\nworld\n", 12, NULL), XXGK_EEMPTY);
    assert_null(r);
}

static void test_alloc_failures(void **state)
{
    (void)state;
    size_t len;
    char *text = tu_slurp(tu_data("real/shanghai-stcsm-2024_pdf2md.txt"), &len);
    for (long n = 1;; n++) {
        xxgk_report *r = NULL;
        xx_alloc_fail_at(n);
        int rc = xxgk_report_parse(&r, text, len, NULL);
        xx_alloc_fail_at(0);
        if (rc == 0) {
            xxgk_report_free(r);
            break;
        }
        assert_int_equal(rc, XXGK_ENOMEM);
        assert_null(r);
        assert_true(n < 10000);
    }
    free(text);
    /* the writers */
    xxgk_report *r = generated("2021");
    for (int f = XXGK_FORMAT_TEXT; f <= XXGK_FORMAT_MARKDOWN; f++) {
        xxgk_write_options *o;
        assert_int_equal(xxgk_write_options_new(&o), 0);
        assert_int_equal(xxgk_write_options_set_format(o, f), 0);
        for (long n = 1;; n++) {
            char *out = NULL;
            xx_alloc_fail_at(n);
            int rc = xxgk_report_write(&out, NULL, r, o);
            xx_alloc_fail_at(0);
            if (rc == 0) {
                xxgk_free(out);
                break;
            }
            assert_int_equal(rc, XXGK_ENOMEM);
            assert_null(out);
            assert_true(n < 1000);
        }
        xxgk_write_options_free(o);
    }
    xxgk_report_free(r);
}

static void test_speed(void **state)
{
    (void)state;
    size_t len;
    char *text = tu_slurp(tu_data("real/kundulun-xinfang-2023.txt"), &len);
    struct timespec a, b;
    int reps = 300;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (int i = 0; i < reps; i++) {
        xxgk_report *r;
        assert_int_equal(xxgk_report_parse(&r, text, len, NULL), 0);
        xxgk_report_free(r);
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    double s = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
    print_message("text reader: %.1f MB/s on the reference report (%zu bytes x %d)\n",
                  (double)len * reps / s / 1e6, len, reps);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus_golden),
        cmocka_unit_test(test_reference_report_in_full),
        cmocka_unit_test(test_specific_cells),
        cmocka_unit_test(test_html_in_text_reads_as_html),
        cmocka_unit_test(test_layouts),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_rows_not_spread_and_partial),
        cmocka_unit_test(test_scrambled_and_ambiguous),
        cmocka_unit_test(test_label_variants),
        cmocka_unit_test(test_headless_excerpt),
        cmocka_unit_test(test_titles),
        cmocka_unit_test(test_alloc_failures),
        cmocka_unit_test(test_speed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
