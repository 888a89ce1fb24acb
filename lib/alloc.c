/* SPDX-License-Identifier: MIT */
/* The one allocation hook. Tests fail the n-th allocation of a thread to prove that every
 * path returns XXGK_ENOMEM and leaks nothing; the counters are per thread, never global. */
#include "internal.h"

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
