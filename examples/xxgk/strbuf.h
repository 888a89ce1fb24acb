/* SPDX-License-Identifier: MIT */
/* A growable string for formatting output before it is printed. */
#ifndef XXGK_CLI_STRBUF_H
#define XXGK_CLI_STRBUF_H

#include <stddef.h>
#include <stdio.h>

typedef struct {
    char *s;      /* NUL-terminated when len > 0; NULL when nothing was written */
    size_t len, cap;
    int failed;   /* an allocation failed: the content is incomplete */
} strbuf;

#define STRBUF_INIT { NULL, 0, 0, 0 }

void sb_putn(strbuf *b, const char *s, size_t n);
void sb_puts(strbuf *b, const char *s);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void sb_printf(strbuf *b, const char *fmt, ...);
/* s as a JSON string literal, quotes included (s is valid UTF-8). */
void sb_json_str(strbuf *b, const char *s);
/* Empty b, keeping its memory for reuse. */
void sb_clear(strbuf *b);
void sb_free(strbuf *b);

#endif
