/* SPDX-License-Identifier: MIT */
/* xxgk-bench: throughput of every reader and writer on deterministic synthetic reports, each
 * beside a reference measured in the same run on the same bytes, so that the ratios hold
 * from one machine to another: bare cJSON parsing the JSON (the floor of a reader built on
 * it), a plain memchr scan for the lines of every other format (the floor of any line
 * reader), and for the check, a report with findings beside a clean one. Never a pass/fail:
 * it prints figures (or one JSON object with --json) so that runs can be compared. Times
 * are the CPU time of the measuring thread, so a busy machine changes them little.
 *
 *   xxgk-bench [--quick] [--json] [--reports N] [--seconds S] [--format NAME]
 *   xxgk-bench --write-json DIR [--reports N]
 *
 * --write-json writes the N synthetic reports as DIR/NNNNNNN.json and exits, as input for
 * timing the command line (tests/bench/cli_scale.sh).
 * --format limits the run to one format (e.g. for a profiler); the others print as null.
 * A format whose reader or writer is not in this build is reported as null. */
#include <xxgk.h>

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

typedef struct {
    char **buf;
    size_t *len;
    size_t n, bytes;
} corpus;

typedef struct {
    double reports_per_s, mb_per_s;
    int available;
} figure;

/* CPU time of this thread: the machine may be shared, and what is measured is the cost of
 * the work, not the share of the machine it got. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint64_t rng_state;
static uint32_t rng(void)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(rng_state >> 33);
}

static void die(const char *what)
{
    fprintf(stderr, "xxgk-bench: %s: %s (%s)\n", what, xxgk_strerror(xxgk_error_code()), xxgk_error_message());
    exit(1);
}

/* Satisfy the template's identities (the rules as data): set the first +1 cell of each to
 * what the others make it, over a few passes, so that most reports check clean as most
 * published ones do. */
static void make_consistent(xxgk_report *r)
{
    const xxgk_template *t = xxgk_report_template(r);
    for (int pass = 0; pass < 8; pass++) {
        int changed = 0;
        for (size_t i = 0; i < xxgk_template_rule_count(t); i++) {
            size_t nc = xxgk_template_rule_cell_count(t, i), ids[64];
            int64_t vals[64];
            int co[64], npos = 0, nneg = 0, ok = nc > 0 && nc <= 64;
            for (size_t j = 0; ok && j < nc; j++) {
                co[j] = xxgk_template_rule_coefficient(t, i, j);
                ok = !xxgk_template_rule_cell_previous(t, i, j) &&
                     !xxgk_template_lookup(&ids[j], t, xxgk_template_rule_cell(t, i, j)) &&
                     !xxgk_report_cell_get_micros(&vals[j], r, ids[j]);
                if (co[j] > 0)
                    npos++;
                else
                    nneg++;
            }
            if (!ok)
                continue;
            /* the total: the one cell of its sign (else the first +1 cell) */
            int sign = nneg == 1 && npos > 1 ? -1 : 1;
            size_t target = 0;
            while (co[target] != sign)
                target++;
            int64_t sum = 0;
            for (size_t j = 0; j < nc; j++)
                if (j != target)
                    sum += co[j] * vals[j];
            int64_t want = -sum * sign;
            if (want == vals[target])
                continue;
            if (xxgk_template_cell_kind(t, ids[target]) == XXGK_KIND_AMOUNT)
                xxgk_report_cell_set_micros(r, ids[target], want);
            else
                xxgk_report_cell_set_count(r, ids[target], want / 1000000);
            changed = 1;
        }
        if (!changed)
            break;
    }
}

/* A synthetic report: plausible numbers in every cell, mostly consistent (the columns' 总计
 * is the sum of the others, as the template's rules say), one in ten with tokens and blanks,
 * one in ten inconsistent,
 * agency, title and narrative text in Chinese. Deterministic for a given index. */
static xxgk_report *synth(size_t k)
{
    rng_state = 0x9E3779B97F4A7C15ULL ^ (uint64_t)k * 0xBF58476D1CE4E5B9ULL;
    const xxgk_template *t = xxgk_template_get(k % 5 == 4 ? "2019" : "2021");
    xxgk_report *r = NULL;
    if (xxgk_report_new(&r, t))
        die("report_new");
    int year = k % 5 == 4 ? 2019 + (int)(k % 2) : 2021 + (int)(k % 4);
    xxgk_report_set_year(r, year);
    char s[512];
    snprintf(s, sizeof s, "某某市第%zu区人民政府办公室", k);
    xxgk_report_set_agency(r, s);
    snprintf(s, sizeof s, "某某市第%zu区人民政府办公室%d年政府信息公开工作年度报告", k, year);
    xxgk_report_set_title(r, s);
    static const char *const para = "本年度，我单位认真贯彻落实《中华人民共和国政府信息公开条例》，"
                                    "坚持以公开为常态、不公开为例外，持续深化政务公开，"
                                    "主动回应社会关切，依法保障人民群众知情权、参与权和监督权。";
    xxgk_report_set_section(r, "preamble", para);
    xxgk_report_set_section(r, "overview", para);
    xxgk_report_set_section(r, "problems", "一是公开内容还不够全面；二是解读回应的形式还比较单一。");
    size_t nc = xxgk_template_cell_count(t);
    for (size_t id = 0; id < nc; id++) {
        int kind = xxgk_template_cell_kind(t, id);
        uint32_t x = rng();
        if (k % 10 == 9 && x % 97 == 0) {
            xxgk_report_cell_set_token(r, id, "/");
        } else if (k % 10 == 9 && x % 89 == 0) {
            xxgk_report_cell_set_blank(r, id);
        } else if (kind == XXGK_KIND_AMOUNT) {
            xxgk_report_cell_set_micros(r, id, (int64_t)(x % 100000) * 10000);
        } else {
            int64_t v = (int64_t)(x % 50);
            if (kind == XXGK_KIND_SIGNED_COUNT && (x & 64))
                v = -v;
            xxgk_report_cell_set_count(r, id, v);
        }
    }
    if (k % 10 != 8)
        make_consistent(r);
    return r;
}

static void corpus_add(corpus *c, char *buf, size_t len)
{
    char **nb = realloc(c->buf, (c->n + 1) * sizeof *nb);
    size_t *nl = realloc(c->len, (c->n + 1) * sizeof *nl);
    if (!nb || !nl)
        die("out of memory");
    c->buf = nb;
    c->len = nl;
    c->buf[c->n] = buf;
    c->len[c->n] = len;
    c->n++;
    c->bytes += len;
}

static void corpus_free(corpus *c)
{
    for (size_t i = 0; i < c->n; i++)
        xxgk_free(c->buf[i]);
    free(c->buf);
    free(c->len);
    memset(c, 0, sizeof *c);
}

/* The reports written in `format`; an empty corpus if this build cannot write it. */
static corpus written(xxgk_report **reports, size_t n, int format)
{
    corpus c = { 0 };
    xxgk_write_options *wo = NULL;
    if (xxgk_write_options_new(&wo) || xxgk_write_options_set_format(wo, format))
        die("write options");
    for (size_t i = 0; i < n; i++) {
        char *out = NULL;
        size_t len = 0;
        int rc = xxgk_report_write(&out, &len, reports[i], wo);
        if (rc == XXGK_EFORMAT)
            break;
        if (rc)
            die("write");
        corpus_add(&c, out, len);
    }
    xxgk_write_options_free(wo);
    return c;
}

static double min_seconds = 0.5;

/* Read (and check) every input of c repeatedly for at least min_seconds. */
static figure bench_read(const corpus *c, int format, int check)
{
    figure f = { 0, 0, 0 };
    if (!c->n)
        return f;
    xxgk_parse_options *o = NULL;
    xxgk_findings *fs = NULL;
    if (xxgk_parse_options_new(&o) || xxgk_parse_options_set_format(o, format) || xxgk_findings_new(&fs))
        die("options");
    /* a reader that is not in this build, or that cannot read what the writer wrote */
    xxgk_report *r = NULL;
    int rc = xxgk_report_parse(&r, c->buf[0], c->len[0], o);
    xxgk_report_free(r);
    if (rc) {
        if (rc != XXGK_EFORMAT) /* absent from this build: null, silently */
            fprintf(stderr, "xxgk-bench: %s reader: %s\n", xxgk_format_name(format), xxgk_error_message());
        xxgk_parse_options_free(o);
        xxgk_findings_free(fs);
        return f;
    }
    size_t done = 0, bytes = 0;
    double t0 = now(), t;
    do {
        for (size_t i = 0; i < c->n; i++) {
            if (xxgk_report_parse(&r, c->buf[i], c->len[i], o))
                die("parse");
            if (check && xxgk_check_into(fs, r, NULL))
                die("check");
            xxgk_report_free(r);
        }
        done += c->n;
        bytes += c->bytes;
    } while ((t = now() - t0) < min_seconds);
    xxgk_parse_options_free(o);
    xxgk_findings_free(fs);
    f.available = 1;
    f.reports_per_s = (double)done / t;
    f.mb_per_s = (double)bytes / t / 1e6;
    return f;
}

static figure bench_write(xxgk_report **reports, size_t n, int format)
{
    figure f = { 0, 0, 0 };
    xxgk_write_options *wo = NULL;
    if (xxgk_write_options_new(&wo) || xxgk_write_options_set_format(wo, format))
        die("write options");
    char *out = NULL;
    size_t len;
    if (xxgk_report_write(&out, &len, reports[0], wo) != 0) {
        xxgk_write_options_free(wo);
        return f;
    }
    xxgk_free(out);
    size_t done = 0, bytes = 0;
    double t0 = now(), t;
    do {
        for (size_t i = 0; i < n; i++) {
            if (xxgk_report_write(&out, &len, reports[i], wo))
                die("write");
            bytes += len;
            xxgk_free(out);
        }
        done += n;
    } while ((t = now() - t0) < min_seconds);
    xxgk_write_options_free(wo);
    f.available = 1;
    f.reports_per_s = (double)done / t;
    f.mb_per_s = (double)bytes / t / 1e6;
    return f;
}

/* The floor: bare cJSON on the same bytes. */
static figure bench_cjson(const corpus *c)
{
    figure f = { 0, 0, 1 };
    size_t done = 0, bytes = 0;
    double t0 = now(), t;
    do {
        for (size_t i = 0; i < c->n; i++) {
            cJSON *j = cJSON_ParseWithLength(c->buf[i], c->len[i]);
            if (!j)
                die("cJSON could not parse the JSON writer's output");
            cJSON_Delete(j);
        }
        done += c->n;
        bytes += c->bytes;
    } while ((t = now() - t0) < min_seconds);
    f.reports_per_s = (double)done / t;
    f.mb_per_s = (double)bytes / t / 1e6;
    return f;
}

/* The floor of a line reader: finding every line of the same bytes with memchr. */
static figure bench_memchr(const corpus *c)
{
    figure f = { 0, 0, 1 };
    size_t done = 0, bytes = 0, lines = 0;
    double t0 = now(), t;
    do {
        for (size_t i = 0; i < c->n; i++) {
            const char *p = c->buf[i], *end = p + c->len[i];
            while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
                p++;
                lines++;
            }
        }
        done += c->n;
        bytes += c->bytes;
    } while ((t = now() - t0) < min_seconds);
    if (lines == 0) /* keeps the loop from being optimized away */
        f.available = 0;
    f.reports_per_s = (double)done / t;
    f.mb_per_s = (double)bytes / t / 1e6;
    return f;
}

static double findings_per_report;

/* ns per check of the reports with no findings (clean == 1) or of all of them */
static double bench_check_ns(xxgk_report **reports, size_t n, int clean)
{
    xxgk_findings *fs = NULL;
    if (xxgk_findings_new(&fs))
        die("findings");
    size_t nf = 0;
    for (size_t i = 0; i < n; i++) {
        if (xxgk_check_into(fs, reports[i], NULL))
            die("check");
        nf += xxgk_findings_count(fs);
    }
    findings_per_report = (double)nf / (double)n;
    xxgk_report **set = reports;
    if (clean) {
        set = malloc(n * sizeof *set);
        if (!set)
            die("out of memory");
        size_t m = 0;
        for (size_t i = 0; i < n; i++) {
            xxgk_check_into(fs, reports[i], NULL);
            if (xxgk_findings_count(fs) == 0)
                set[m++] = reports[i];
        }
        if (m == 0) {
            free(set);
            xxgk_findings_free(fs);
            return -1;
        }
        n = m;
    }
    size_t done = 0;
    double t0 = now(), t;
    do {
        for (size_t i = 0; i < n; i++)
            if (xxgk_check_into(fs, set[i], NULL))
                die("check");
        done += n;
    } while ((t = now() - t0) < min_seconds);
    if (set != reports)
        free(set);
    xxgk_findings_free(fs);
    return t / (double)done * 1e9;
}

static long peak_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* What each format is measured against. */
enum { REF_CJSON, REF_MEMCHR };
static const char *const ref_names[] = { "cjson", "memchr" };
static const char *const ref_labels[] = { "cJSON parse", "memchr lines" };

/* The formats, one row each: adding a format to the bench is adding a row here (a format
 * whose reader or writer is not in this build prints as null). */
static const struct {
    int format, reference;
} formats[] = {
    { XXGK_FORMAT_JSON, REF_CJSON },
    { XXGK_FORMAT_CSV, REF_MEMCHR },
    { XXGK_FORMAT_CSV_WIDE, REF_MEMCHR },
    { XXGK_FORMAT_TEXT, REF_MEMCHR },
    { XXGK_FORMAT_MARKDOWN, REF_MEMCHR },
    { XXGK_FORMAT_HTML, REF_MEMCHR },
};
enum { NF = sizeof formats / sizeof formats[0] };

typedef struct {
    figure read, read_check, write, ref; /* ref: the reference on the same bytes */
    size_t bytes;                        /* of the corpus written in this format */
} result;

static double ratio(const result *r)
{
    return r->read_check.available && r->ref.reports_per_s > 0 ? r->read_check.reports_per_s / r->ref.reports_per_s
                                                                 : 0;
}

/* Every figure of format k on the n reports. */
static result measure(xxgk_report **reports, size_t n, size_t k)
{
    result r = { 0 };
    r.write = bench_write(reports, n, formats[k].format);
    corpus c = written(reports, n, formats[k].format);
    r.bytes = c.bytes;
    r.read = bench_read(&c, formats[k].format, 0);
    r.read_check = bench_read(&c, formats[k].format, 1);
    if (r.read.available)
        r.ref = formats[k].reference == REF_CJSON ? bench_cjson(&c) : bench_memchr(&c);
    corpus_free(&c);
    return r;
}

/* The format's name as a JSON key ("csv-wide" -> "csv_wide"). */
static const char *key_name(int format)
{
    static char key[32];
    snprintf(key, sizeof key, "%s", xxgk_format_name(format));
    for (char *p = key; *p; p++)
        if (*p == '-')
            *p = '_';
    return key;
}

static void put_num(double v, int available, int last)
{
    if (available)
        printf("%.1f", v);
    else
        printf("null");
    printf(last ? "" : ", ");
}

typedef struct {
    size_t n;
    result res[NF];
    double check_ns, check_clean_ns;
    long rss;
} run;

static void print_json(const run *u)
{
    const result *js = &u->res[0]; /* formats[0] is JSON */
    printf("{\"reports\": %zu, \"json_bytes_per_report\": %.0f, ", u->n, (double)js->bytes / (double)u->n);
    printf("\"json_read_check_reports_per_s\": ");
    put_num(js->read_check.reports_per_s, js->read_check.available, 0);
    printf("\"cjson_parse_reports_per_s\": ");
    put_num(js->ref.reports_per_s, js->ref.available, 0);
    printf("\"cjson_parse_mb_per_s\": ");
    put_num(js->ref.mb_per_s, js->ref.available, 0);
    /* every format: read+check MB/s, its reference's MB/s on the same bytes, and the ratio */
    for (size_t k = 0; k < NF; k++) {
        const result *r = &u->res[k];
        const char *ref = ref_names[formats[k].reference];
        printf("\"%s_read_check_mb_per_s\": ", key_name(formats[k].format));
        put_num(r->read_check.mb_per_s, r->read_check.available, 0);
        printf("\"%s_%s_mb_per_s\": ", key_name(formats[k].format), ref);
        put_num(r->ref.mb_per_s, r->ref.available, 0);
        printf("\"%s_ratio_to_%s\": ", key_name(formats[k].format), ref);
        if (r->read_check.available && r->ref.available)
            printf("%.3f, ", ratio(r));
        else
            printf("null, ");
    }
    printf("\"check_ns_per_report\": %.1f, ", u->check_ns);
    printf("\"check_clean_ns_per_report\": ");
    put_num(u->check_clean_ns, u->check_clean_ns >= 0, 0);
    printf("\"check_ratio_findings_to_clean\": ");
    if (u->check_clean_ns > 0)
        printf("%.3f, ", u->check_ns / u->check_clean_ns);
    else
        printf("null, ");
    printf("\"findings_per_report\": %.2f, ", findings_per_report);
    printf("\"peak_rss_kb\": %ld, \"formats\": {", u->rss);
    for (size_t k = 0; k < NF; k++) {
        const result *r = &u->res[k];
        printf("%s\"%s\": {", k ? ", " : "", xxgk_format_name(formats[k].format));
        for (int pass = 0; pass < 4; pass++) {
            const figure *f = pass == 0 ? &r->read : pass == 1 ? &r->read_check : pass == 2 ? &r->write : &r->ref;
            const char *what = pass == 0 ? "read" : pass == 1 ? "read_check" : pass == 2 ? "write" : "reference";
            printf("\"%s_reports_per_s\": ", what);
            put_num(f->reports_per_s, f->available, 0);
            printf("\"%s_mb_per_s\": ", what);
            put_num(f->mb_per_s, f->available, 0);
        }
        printf("\"reference\": \"%s\", \"ratio_to_reference\": ", ref_names[formats[k].reference]);
        if (r->read_check.available && r->ref.available)
            printf("%.3f}", ratio(r));
        else
            printf("null}");
    }
    printf("}}\n");
}

static void print_row(const char *name, const char *what, const figure *f)
{
    if (f->available)
        printf("%-10s %-12s %12.0f %9.1f", name, what, f->reports_per_s, f->mb_per_s);
    else
        printf("%-10s %-12s %12s %9s", name, what, "n/a", "n/a");
}

static void print_text(const run *u)
{
    printf("xxgk-bench: %zu synthetic reports (JSON %.0f bytes each), %.2f CPU s per figure\n", u->n,
           (double)u->res[0].bytes / (double)u->n, min_seconds);
    printf("%-10s %-12s %12s %9s   %-13s %12s %9s %7s\n", "format", "operation", "reports/s", "MB/s",
           "reference", "reports/s", "MB/s", "ratio");
    for (size_t k = 0; k < NF; k++) {
        const result *r = &u->res[k];
        const char *name = xxgk_format_name(formats[k].format);
        print_row(name, "read", &r->read);
        printf("\n");
        print_row(name, "read+check", &r->read_check);
        if (r->read_check.available && r->ref.available)
            printf("   %-13s %12.0f %9.1f %7.3f", ref_labels[formats[k].reference], r->ref.reports_per_s,
                   r->ref.mb_per_s, ratio(r));
        printf("\n");
        print_row(name, "write", &r->write);
        printf("\n");
    }
    printf("ratio: read+check / the reference on the same bytes (JSON: target >= 0.7)\n");
    if (u->check_clean_ns >= 0)
        printf("check: %.0f ns a report (%.1f findings per report), %.0f ns a clean one (%.2fx; targets "
               "<= 2000 and <= 1000)\n",
               u->check_ns, findings_per_report, u->check_clean_ns, u->check_ns / u->check_clean_ns);
    printf("peak RSS: %ld kB\n", u->rss);
}

int main(int argc, char **argv)
{
    size_t n = 2000;
    int json_out = 0, only = -1;
    const char *write_dir = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--quick")) {
            n = 200;
            min_seconds = 0.1;
        } else if (!strcmp(argv[i], "--json")) {
            json_out = 1;
        } else if (!strcmp(argv[i], "--reports") && i + 1 < argc) {
            n = (size_t)strtoul(argv[++i], NULL, 10);
        } else if (!strcmp(argv[i], "--seconds") && i + 1 < argc) {
            min_seconds = strtod(argv[++i], NULL);
        } else if (!strcmp(argv[i], "--write-json") && i + 1 < argc) {
            write_dir = argv[++i];
        } else if (!strcmp(argv[i], "--format") && i + 1 < argc) {
            if (xxgk_format_from_name(&only, argv[++i]) != 0) {
                fprintf(stderr, "xxgk-bench: unknown format %s\n", argv[i]);
                return 2;
            }
        } else {
            fprintf(stderr, "usage: xxgk-bench [--quick] [--json] [--reports N] [--seconds S] [--format NAME]\n"
                            "       xxgk-bench --write-json DIR [--reports N]\n");
            return 2;
        }
    }
    if (n == 0)
        n = 1;
    if (write_dir) {
        /* one report at a time: any N fits in memory */
        for (size_t i = 0; i < n; i++) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%07zu.json", write_dir, i);
            xxgk_report *r = synth(i);
            if (xxgk_report_write_file(path, r, NULL))
                die(path);
            xxgk_report_free(r);
        }
        return 0;
    }
    xxgk_report **reports = calloc(n, sizeof *reports);
    if (!reports)
        die("out of memory");
    for (size_t i = 0; i < n; i++)
        reports[i] = synth(i);
    run u = { .n = n };
    for (size_t k = 0; k < NF; k++)
        if (only < 0 || formats[k].format == only)
            u.res[k] = measure(reports, n, k);
    u.check_ns = bench_check_ns(reports, n, 0);
    u.check_clean_ns = bench_check_ns(reports, n, 1);
    u.rss = peak_rss_kb();
    if (json_out)
        print_json(&u);
    else
        print_text(&u);
    for (size_t i = 0; i < n; i++)
        xxgk_report_free(reports[i]);
    free(reports);
    return 0;
}
