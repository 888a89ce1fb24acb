/* SPDX-License-Identifier: MIT */
/* Helpers shared by the unit tests. */
#ifndef XXGK_TESTUTIL_H
#define XXGK_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <xxgk.h>

/* Read a whole file; aborts the test on failure. Caller frees with free(). */
char *tu_slurp(const char *path, size_t *len);
/* Path of a file below the source tree / tests/data (static buffer per call). */
const char *tu_src(const char *rel);
const char *tu_data(const char *rel);
/* Read a report from a file, failing the test with the error message if it cannot. */
xxgk_report *tu_load(const char *path);
/* Canonical JSON of a report (caller frees with xxgk_free). */
char *tu_json(const xxgk_report *r);
/* Read a report from a string in the given format (XXGK_FORMAT_*), failing the test with
 * the error and its place if it cannot. */
xxgk_report *tu_parse_str(const char *s, int format);
/* The reader's diagnostics, one "LINE:COL RULE severity" line each (caller frees). */
char *tu_diag_text(const xxgk_report *r);
/* The count in the cell at path (failing the test when it holds no number); whether it is
 * blank. */
int64_t tu_count(const xxgk_report *r, const char *path);
int tu_blank(const xxgk_report *r, const char *path);
/* Whether the cell at path was not read (the text does not prove its value). */
int tu_unread(const xxgk_report *r, const char *path);
/* Cell id by path in r's template (fails the test if unknown). */
size_t tu_id(const xxgk_report *r, const char *path);
/* The entries of a directory (no dot files), sorted; returns how many. Free with
 * tu_free_names. */
size_t tu_list_dir(const char *dir, char ***names);
void tu_free_names(char **names, size_t n);
/* Internal allocation hook (static library only). */
long xx_alloc_fail_at(long n);

#endif
