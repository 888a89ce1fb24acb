/* SPDX-License-Identifier: MIT */
#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *tu_slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        fail_msg("cannot open %s", path);
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    size_t got = fread(buf, 1, (size_t)n, fp);
    fclose(fp);
    assert_int_equal(got, (size_t)n);
    buf[n] = '\0';
    if (len)
        *len = (size_t)n;
    return buf;
}

static const char *join(const char *dir, const char *rel)
{
    static _Thread_local char buf[8][1024];
    static _Thread_local int k;
    k = (k + 1) % 8;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, rel);
    return buf[k];
}

const char *tu_src(const char *rel) { return join(XXGK_SOURCE_DIR, rel); }
const char *tu_data(const char *rel) { return join(XXGK_TEST_DATA, rel); }

xxgk_report *tu_load(const char *path)
{
    xxgk_report *r = NULL;
    if (xxgk_report_read_file(&r, path, NULL) != 0)
        fail_msg("%s:%ld:%ld: %s", path, xxgk_error_line(), xxgk_error_column(), xxgk_error_message());
    return r;
}

char *tu_json(const xxgk_report *r)
{
    char *out = NULL;
    assert_int_equal(xxgk_report_write(&out, NULL, r, NULL), 0);
    return out;
}

xxgk_report *tu_parse_str(const char *s, int format)
{
    xxgk_parse_options *o;
    assert_int_equal(xxgk_parse_options_new(&o), 0);
    assert_int_equal(xxgk_parse_options_set_format(o, format), 0);
    xxgk_report *r = NULL;
    int rc = xxgk_report_parse(&r, s, strlen(s), o);
    xxgk_parse_options_free(o);
    if (rc != 0)
        fail_msg("parse failed %d at %ld:%ld: %s", rc, xxgk_error_line(), xxgk_error_column(), xxgk_error_message());
    return r;
}

char *tu_diag_text(const xxgk_report *r)
{
    const xxgk_findings *d = xxgk_report_diagnostics(r);
    size_t cap = 64 + 96 * xxgk_findings_count(d), n = 0;
    char *s = malloc(cap);
    assert_non_null(s);
    s[0] = '\0';
    for (size_t i = 0; i < xxgk_findings_count(d); i++)
        n += (size_t)snprintf(s + n, cap - n, "%ld:%ld %s %s\n", xxgk_finding_line(d, i), xxgk_finding_column(d, i),
                              xxgk_finding_rule(d, i), xxgk_severity_name(xxgk_finding_severity(d, i)));
    return s;
}

size_t tu_id(const xxgk_report *r, const char *path)
{
    size_t id = 0;
    if (xxgk_report_cell_id(&id, r, path) != 0)
        fail_msg("unknown path %s", path);
    return id;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t tu_list_dir(const char *dir, char ***names)
{
    DIR *d = opendir(dir);
    if (!d)
        fail_msg("cannot open %s", dir);
    size_t n = 0, cap = 0;
    char **v = NULL;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            v = realloc(v, cap * sizeof *v);
            assert_non_null(v);
        }
        v[n] = strdup(e->d_name);
        assert_non_null(v[n]);
        n++;
    }
    closedir(d);
    if (n)
        qsort(v, n, sizeof *v, cmp_names);
    *names = v;
    return n;
}

void tu_free_names(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

int64_t tu_count(const xxgk_report *r, const char *path)
{
    int64_t v = -1;
    if (xxgk_report_cell_get_count(&v, r, tu_id(r, path)) != 0)
        fail_msg("%s is not a number", path);
    return v;
}

int tu_blank(const xxgk_report *r, const char *path)
{
    return xxgk_report_cell_state(r, tu_id(r, path)) == XXGK_CELL_BLANK;
}

int tu_unread(const xxgk_report *r, const char *path)
{
    return xxgk_report_cell_state(r, tu_id(r, path)) == XXGK_CELL_UNREAD;
}
