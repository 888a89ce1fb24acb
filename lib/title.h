/* SPDX-License-Identifier: MIT */
/* A report's title: recognizing one, and the year and agency it names. The same for every
 * reader that meets a title (text lines, a web page's heading or metadata). When a title
 * does not say something plainly, it is left empty: an organization's name is never taken
 * from a sentence. */
#ifndef XXGK_TITLE_H
#define XXGK_TITLE_H

#include "internal.h"

#include <stddef.h>

/* The first year written "NNNN年" (1949 on; "2025 年" with spaces too) in s[0..n), 0 if
 * none; *at: its byte offset, *end (when not NULL): the offset after its 年. */
int xx_title_year(const char *s, size_t n, size_t *at, size_t *end);

/* The year of the reporting period a text states ("统计期限为2020年1月1日至2020年12月31日",
 * "自2023年1月1日起至12月31日止"): NNNN年1月1日 with 12月31日 within 60 bytes after it and no
 * other year between. 0 if none, or if two periods disagree; *at and *end (when not NULL):
 * the first period's bytes. */
int xx_period_year(const char *s, size_t n, size_t *at, size_t *end);

/* How plainly s[0..n) reads as a report's title: 2 for 政府信息公开 … 年度报告 (or 年报),
 * 1 for 信息公开 … 年度报告 (a title without 政府 next to it), 0 for neither. */
int xx_title_score(const char *s, size_t n);

/* Whether s[0..n) reads as a report's title: score 2 with a year. */
int xx_title_is(const char *s, size_t n);

/* Whether s[0..n) is an organization's name: 2 to 40 characters without digits, spaces or
 * punctuation, ending as one does (…局, …委员会, …办公室, …人民政府, …街道办事处, …中心). */
int xx_agency_ok(const char *s, size_t n);

/* The agency a title names: the name before its year, or between "NNNN年(度)" and
 * 政府信息公开 / 信息公开 / 年度报告 (without 关于 or 《), when it is an organization's
 * name; NULL (and *len 0) otherwise. */
const char *xx_title_agency(const char *s, size_t n, size_t *len);

/* Drop the white space an extractor puts inside a title line, in place; the new length:
 * between CJK characters and between them and a number ("信访局 2023 年" → "信访局2023年"
 * where the font changes, "政 府 信 息" and "2 0 2 3 年" from letter-spaced type); spaces
 * around Latin words stay. For a PDF's title or agency line only: other sources and the
 * narrative keep their spaces. */
size_t xx_title_tidy(char *s, size_t n);

/* Set r's title to s[0..n), and its year and agency from it. 0 or XXGK_ENOMEM or
 * XXGK_EENCODING. */
int xx_title_set(xxgk_report *r, const char *s, size_t n);

#endif
