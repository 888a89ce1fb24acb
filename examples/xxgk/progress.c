/* SPDX-License-Identifier: MIT */
/* A one-line progress bar on standard error: only when it is a terminal and there
 * are more than 20 files; erased before anything else is written to standard error
 * and at the end, so it leaves no trace. */
#include "cli.h"

#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_start(cli_progress *p, size_t total, int quiet)
{
    p->total = total;
    p->done = 0;
    p->shown = 0;
    p->on = !quiet && total > 20 && isatty(STDERR_FILENO);
    p->start = p->last = now();
}

void progress_clear(cli_progress *p)
{
    if (p->on && p->shown) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
        p->shown = 0;
    }
}

void progress_step(cli_progress *p)
{
    p->done++;
    if (!p->on)
        return;
    double t = now();
    if (t - p->last < 0.1 && p->done < p->total)
        return;
    p->last = t;
    double elapsed = t - p->start;
    double rate = elapsed > 0 ? (double)p->done / elapsed : 0;
    double left = rate > 0 ? (double)(p->total - p->done) / rate : 0;
    enum { WIDTH = 30 };
    size_t fill = p->total ? p->done * WIDTH / p->total : WIDTH;
    char bar[WIDTH + 1];
    for (size_t i = 0; i < WIDTH; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[WIDTH] = '\0';
    long secs = (long)(left + 0.5);
    fprintf(stderr, "\r\033[K[%s] %zu/%zu  %.0f files/s  %ld:%02ld left", bar, p->done, p->total,
            rate, secs / 60, secs % 60);
    fflush(stderr);
    p->shown = 1;
}
