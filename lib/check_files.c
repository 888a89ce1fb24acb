/* SPDX-License-Identifier: MIT */
/* Many files read and checked in parallel, in threads of the library's own, for programs
 * and bindings that would otherwise read them one by one (Python's check_many): results in
 * input order, one entry per report (a long CSV of many reports gives one per report). */
#include "file.h"
#include "internal.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    size_t file;
    char *id;                 /* the `report` column's value, "" when none */
    int error;                /* 0, or the code of the failure */
    char *message;            /* of the failure */
    long page, line, column;  /* page: in a paged source (xxgk_error_page), else 0 */
    const char *template_id;  /* static; "" when unreadable */
    int year;
    char *agency;
    xxgk_findings *findings;  /* empty when unreadable */
} entry;

struct xxgk_results {
    entry *items;
    size_t n;
};

/* The entries of one file, as a worker builds them. */
typedef struct {
    entry *items;
    size_t n, cap;
    int oom;
} file_entries;

typedef struct {
    const char *const *paths;
    size_t n;
    const xxgk_parse_options *popts;
    const xxgk_check_options *copts;
    file_entries *out;        /* one per file */
    size_t next;              /* the next file to take */
    pthread_mutex_t mu;
} job;

static entry *add_entry(file_entries *fe, size_t file)
{
    if (fe->n == fe->cap) {
        size_t cap = fe->cap ? fe->cap * 2 : 1;
        entry *p = xx_realloc(fe->items, cap * sizeof *p);
        if (!p) {
            fe->oom = 1;
            return NULL;
        }
        fe->items = p;
        fe->cap = cap;
    }
    entry *e = &fe->items[fe->n++];
    memset(e, 0, sizeof *e);
    e->file = file;
    e->template_id = "";
    return e;
}

/* The failure just reported in this thread, as the entry's (the detail is per thread). */
static void set_error(file_entries *fe, entry *e, int code)
{
    e->error = code;
    e->message = xx_strdup(xxgk_error_message());
    e->page = xxgk_error_page();
    e->line = xxgk_error_line();
    e->column = xxgk_error_column();
    if (code == XXGK_ENOMEM || !e->message)
        fe->oom = 1;
    if (!e->findings && xxgk_findings_new(&e->findings) != 0) /* an unreadable entry: none */
        fe->oom = 1;
}

static void checked(file_entries *fe, entry *e, const job *j, const xxgk_report *r, const char *id)
{
    e->id = xx_strdup(id);
    e->template_id = xxgk_template_id(xxgk_report_template(r));
    e->year = xxgk_report_year(r);
    e->agency = xx_strdup(xxgk_report_agency(r));
    if (!e->id || !e->agency) {
        fe->oom = 1;
        return;
    }
    int rc = xxgk_check(&e->findings, r, j->copts);
    if (rc == XXGK_ENOMEM)
        fe->oom = 1;
    else if (rc)
        set_error(fe, e, rc);
}

/* Read and check file i into its entries. */
static void one_file(job *j, size_t i)
{
    file_entries *fe = &j->out[i];
    struct xxgk_parse_options o;
    xx_parse_defaults(&o, j->popts);
    if (!o.format)
        xxgk_format_from_path(&o.format, j->paths[i]);
    char *buf = NULL;
    size_t len = 0;
    xxgk_reader *rd = NULL;
    int rc = xx_file_read(j->paths[i], o.max_size, &buf, &len);
    if (rc == 0)
        rc = xxgk_reader_open(&rd, buf, len, &o);
    if (rc) {
        entry *e = add_entry(fe, i);
        if (e) {
            set_error(fe, e, rc);
            if (!(e->id = xx_strdup("")))
                fe->oom = 1;
        }
    }
    while (rd && !fe->oom) {
        xxgk_report *r = NULL;
        rc = xxgk_reader_next(&r, rd);
        if (rc == 1)
            break;
        if (rc == XXGK_ENOMEM) {
            fe->oom = 1;
            break;
        }
        entry *e = add_entry(fe, i);
        if (!e) {
            xxgk_report_free(r);
            break;
        }
        if (rc == 0) {
            checked(fe, e, j, r, xxgk_reader_report_id(rd));
        } else { /* this report; the reader goes on with the next when it can */
            set_error(fe, e, rc);
            if (!(e->id = xx_strdup(xxgk_reader_report_id(rd))))
                fe->oom = 1;
        }
        xxgk_report_free(r);
    }
    xxgk_reader_free(rd);
    xx_free(buf);
}

static void *worker(void *arg)
{
    job *j = arg;
    for (;;) {
        pthread_mutex_lock(&j->mu);
        size_t i = j->next < j->n ? j->next++ : SIZE_MAX;
        pthread_mutex_unlock(&j->mu);
        if (i == SIZE_MAX)
            return NULL;
        one_file(j, i);
    }
}

static void free_entry(entry *e)
{
    xx_free(e->id);
    xx_free(e->message);
    xx_free(e->agency);
    xxgk_findings_free(e->findings);
}

void xxgk_results_free(xxgk_results *res)
{
    if (!res)
        return;
    for (size_t i = 0; i < res->n; i++)
        free_entry(&res->items[i]);
    xx_free(res->items);
    xx_free(res);
}

/* Run the job in `jobs` threads (the calling thread among them). */
static void run(job *j, int jobs)
{
    enum { MAX_THREADS = 256 };
    pthread_t tid[MAX_THREADS];
    int started = 0;
    if (jobs <= 0) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        jobs = cores < 1 ? 1 : cores > MAX_THREADS ? MAX_THREADS : (int)cores;
    }
    if ((size_t)jobs > j->n)
        jobs = j->n ? (int)j->n : 1;
    /* where threads cannot be started (a WebAssembly build), the caller does it all */
    for (int w = 1; w < jobs && w < MAX_THREADS; w++)
        if (pthread_create(&tid[started], NULL, worker, j) == 0)
            started++;
    worker(j);
    for (int w = 0; w < started; w++)
        pthread_join(tid[w], NULL);
}

int xxgk_check_files(xxgk_results **out, const char *const *paths, size_t n, int jobs,
                     const xxgk_parse_options *popts, const xxgk_check_options *copts)
{
    if (!out)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "out is required");
    *out = NULL;
    if (n && !paths)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "paths are required");
    for (size_t i = 0; i < n; i++)
        if (!paths[i])
            return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "path %zu is NULL", i);
    job j = { paths, n, popts, copts, NULL, 0, PTHREAD_MUTEX_INITIALIZER };
    xxgk_results *res = xx_calloc(1, sizeof *res);
    if (!res || (n && !(j.out = xx_calloc(n, sizeof *j.out)))) {
        xx_free(res);
        return xx_oom();
    }
    run(&j, jobs);
    int oom = 0;
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        oom |= j.out[i].oom;
        total += j.out[i].n;
    }
    if (!oom && total && !(res->items = xx_calloc(total, sizeof *res->items)))
        oom = 1;
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < j.out[i].n; k++) {
            if (oom)
                free_entry(&j.out[i].items[k]);
            else
                res->items[res->n++] = j.out[i].items[k];
        }
        xx_free(j.out[i].items);
    }
    xx_free(j.out);
    pthread_mutex_destroy(&j.mu);
    if (oom) {
        xxgk_results_free(res);
        return xx_oom();
    }
    *out = res;
    return 0;
}

static const entry *at(const xxgk_results *res, size_t i)
{
    return res && i < res->n ? &res->items[i] : NULL;
}

size_t xxgk_results_count(const xxgk_results *res)
{
    return res ? res->n : 0;
}

size_t xxgk_results_file(const xxgk_results *res, size_t i)
{
    const entry *e = at(res, i);
    return e ? e->file : SIZE_MAX;
}

const char *xxgk_results_report_id(const xxgk_results *res, size_t i)
{
    const entry *e = at(res, i);
    return e ? e->id : NULL;
}

int xxgk_results_error(const xxgk_results *res, size_t i)
{
    const entry *e = at(res, i);
    return e ? e->error : XXGK_EINVAL;
}

const char *xxgk_results_error_message(const xxgk_results *res, size_t i)
{
    const entry *e = at(res, i);
    return e ? (e->message ? e->message : "") : NULL;
}

long xxgk_results_error_line(const xxgk_results *res, size_t i)
{
    const entry *e = at(res, i);
    return e ? e->line : 0;
}

long xxgk_results_error_page(const xxgk_results *res, size_t i)
{
    const entry *e = at(res, i);
    return e ? e->page : 0;
}

long xxgk_results_error_column(const xxgk_results *res, size_t i)
{
    const entry *e = at(res, i);
    return e ? e->column : 0;
}

const char *xxgk_results_template(const xxgk_results *res, size_t i)
{
    const entry *e = at(res, i);
    return e ? e->template_id : NULL;
}

int xxgk_results_year(const xxgk_results *res, size_t i)
{
    const entry *e = at(res, i);
    return e ? e->year : 0;
}

const char *xxgk_results_agency(const xxgk_results *res, size_t i)
{
    const entry *e = at(res, i);
    return e ? (e->agency ? e->agency : "") : NULL;
}

const xxgk_findings *xxgk_results_findings(const xxgk_results *res, size_t i)
{
    const entry *e = at(res, i);
    return e ? e->findings : NULL;
}
