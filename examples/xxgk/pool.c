/* SPDX-License-Identifier: MIT */
/* Parallel workers with ordered output: workers process items out of order, the
 * calling thread emits the results strictly in input order. At most `window` items
 * are in flight, so memory does not grow with the number of items. Workers take and
 * publish items in small chunks, and the printer drains every ready item at once, so
 * that the lock is taken a few times per chunk rather than per item. */
#include "cli.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

enum { CHUNK = 8 };

typedef struct {
    size_t n, window, next_take, next_emit;
    size_t waiting_for; /* the index the printer sleeps on, or SIZE_MAX */
    int sleepers;       /* workers asleep for want of window space */
    void **slot;        /* slot[i % window]: written by the worker that took i, before ready */
    unsigned char *ready;
    cli_work_fn work;
    void *ctx;
    pthread_mutex_t mu;
    pthread_cond_t space, done;
} pool;

typedef struct {
    pool *p;
    int worker;
} worker_arg;

static void *worker_main(void *arg)
{
    const worker_arg *wa = arg;
    pool *p = wa->p;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        while (p->next_take < p->n && p->next_take >= p->next_emit + p->window) {
            p->sleepers++;
            pthread_cond_wait(&p->space, &p->mu);
            p->sleepers--;
        }
        if (p->next_take >= p->n) {
            pthread_mutex_unlock(&p->mu);
            return NULL;
        }
        size_t first = p->next_take, k = CHUNK;
        if (k > p->n - first)
            k = p->n - first;
        if (k > p->next_emit + p->window - first)
            k = p->next_emit + p->window - first;
        p->next_take += k;
        pthread_mutex_unlock(&p->mu);
        for (size_t i = first; i < first + k; i++)
            p->slot[i % p->window] = p->work(p->ctx, wa->worker, i);
        pthread_mutex_lock(&p->mu);
        for (size_t i = first; i < first + k; i++)
            p->ready[i % p->window] = 1;
        if (p->waiting_for >= first && p->waiting_for < first + k)
            pthread_cond_signal(&p->done); /* wake the printer only when it waits for these */
        pthread_mutex_unlock(&p->mu);
    }
}

int cli_default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > CLI_MAX_JOBS ? CLI_MAX_JOBS : (int)n;
}

static void run_here(size_t n, cli_work_fn work, cli_emit_fn emit, void *ctx)
{
    for (size_t i = 0; i < n; i++)
        emit(ctx, i, work(ctx, 0, i));
}

int cli_run_ordered(size_t n, int jobs, cli_work_fn work, cli_emit_fn emit, void *ctx)
{
    if (jobs < 1)
        jobs = 1;
    if ((size_t)jobs > n)
        jobs = n > 0 ? (int)n : 1;
    if (jobs == 1) {
        run_here(n, work, emit, ctx);
        return 0;
    }
    pool p = { 0 };
    p.n = n;
    p.window = (size_t)jobs * CHUNK * 4;
    p.waiting_for = SIZE_MAX;
    p.work = work;
    p.ctx = ctx;
    p.slot = calloc(p.window, sizeof *p.slot);
    p.ready = calloc(p.window, 1);
    void **batch = calloc(p.window, sizeof *batch);
    pthread_t *tid = calloc((size_t)jobs, sizeof *tid);
    worker_arg *args = calloc((size_t)jobs, sizeof *args);
    if (!p.slot || !p.ready || !batch || !tid || !args) {
        free(p.slot); free(p.ready); free(batch); free(tid); free(args);
        run_here(n, work, emit, ctx); /* no memory for the pool: work here, one at a time */
        return 0;
    }
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.space, NULL);
    pthread_cond_init(&p.done, NULL);
    int started = 0;
    for (int w = 0; w < jobs; w++) {
        args[w].p = &p;
        args[w].worker = w;
        if (pthread_create(&tid[w], NULL, worker_main, &args[w]) != 0)
            break;
        started++;
    }
    if (started == 0) {
        run_here(n, work, emit, ctx);
    } else {
        for (size_t i = 0; i < n;) {
            pthread_mutex_lock(&p.mu);
            while (!p.ready[i % p.window]) {
                p.waiting_for = i;
                pthread_cond_wait(&p.done, &p.mu);
            }
            p.waiting_for = SIZE_MAX;
            size_t j = i;
            while (j < n && j < i + p.window && p.ready[j % p.window]) {
                batch[j - i] = p.slot[j % p.window];
                p.ready[j % p.window] = 0;
                j++;
            }
            p.next_emit = j;
            if (p.sleepers)
                pthread_cond_broadcast(&p.space);
            pthread_mutex_unlock(&p.mu);
            for (size_t k = i; k < j; k++)
                emit(ctx, k, batch[k - i]);
            i = j;
        }
    }
    for (int w = 0; w < started; w++)
        pthread_join(tid[w], NULL);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.space);
    pthread_cond_destroy(&p.done);
    free(p.slot); free(p.ready); free(batch); free(tid); free(args);
    return 0;
}
