/* SPDX-License-Identifier: MIT */
/* The one allocation hook. Tests fail the n-th allocation of a thread to prove that every
 * path returns XXGK_ENOMEM and leaks nothing; the counters are per thread, never global. */
#include "internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static _Thread_local long tl_fail_at; /* 0: never fail */
static _Thread_local long tl_count;

long xx_alloc_fail_at(long n)
{
    long c = tl_count;
    tl_count = 0;
    tl_fail_at = n;
    return c;
}

long xx_alloc_count(void)
{
    return tl_count;
}

static int should_fail(void)
{
    tl_count++;
    return tl_fail_at > 0 && tl_count == tl_fail_at;
}

void *xx_malloc(size_t n)
{
    if (should_fail())
        return NULL;
    return malloc(n ? n : 1);
}

void *xx_calloc(size_t n, size_t size)
{
    if (should_fail())
        return NULL;
    return calloc(n ? n : 1, size ? size : 1);
}

void *xx_realloc(void *p, size_t n)
{
    if (should_fail())
        return NULL;
    return realloc(p, n ? n : 1);
}

void xx_free(void *p)
{
    free(p);
}

/* One spare block per thread, kept when a report is freed and handed to the next report of
 * the same size. A report is one block of a few kilobytes; in bulk (parse, check, free,
 * again) a malloc or free of that size made glibc merge every small chunk the last cJSON
 * tree had freed (malloc_consolidate) and the next tree pay to split them again: ~60 k
 * instructions a JSON report, more than the walk. The block waits in a thread key whose
 * destructor frees it when the thread ends; its first word holds its size. */
static pthread_key_t spare_key;
static pthread_once_t spare_once = PTHREAD_ONCE_INIT;
static int spare_ok;

static void spare_init(void)
{
    spare_ok = pthread_key_create(&spare_key, free) == 0;
}

void *xx_spare_take(size_t n)
{
    if (should_fail())
        return NULL;
    pthread_once(&spare_once, spare_init);
    size_t *b = spare_ok ? pthread_getspecific(spare_key) : NULL;
    if (b && *b == n && pthread_setspecific(spare_key, NULL) == 0) {
        memset(b, 0, n);
        return b;
    }
    return calloc(1, n ? n : 1);
}

void xx_spare_give(void *p, size_t n)
{
    if (!p)
        return;
    pthread_once(&spare_once, spare_init);
    if (n < sizeof(size_t) || !spare_ok || pthread_getspecific(spare_key) ||
        (*(size_t *)p = n, pthread_setspecific(spare_key, p) != 0))
        free(p);
}

char *xx_strndup(const char *s, size_t n)
{
    char *d = xx_malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

char *xx_strdup(const char *s)
{
    return xx_strndup(s, strlen(s));
}

void xxgk_free(void *p)
{
    free(p);
}
