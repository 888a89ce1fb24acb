/* SPDX-License-Identifier: MIT */
/* A report's title: recognizing one, and the year and agency it names. The same for every
 * reader that meets a title (text lines, a web page's heading or metadata). */
#ifndef XXGK_TITLE_H
#define XXGK_TITLE_H

#include "internal.h"

#include <stddef.h>

/* The first year written "NNNN年" (1949 on) in s[0..n), 0 if none; *at: its byte offset. */
int xx_title_year(const char *s, size_t n, size_t *at);

/* Whether s[0..n) reads as a report's title: 政府信息公开 … 年度报告 with a year. */
int xx_title_is(const char *s, size_t n);

/* Set r's title to s[0..n), and its year and agency from it (the agency: the text before the
 * year, or between "NNNN年(度)" and 政府信息公开). 0 or XXGK_ENOMEM/XXGK_EENCODING. */
int xx_title_set(xxgk_report *r, const char *s, size_t n);

#endif
