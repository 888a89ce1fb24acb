/* SPDX-License-Identifier: MIT */
/* A cell's value from its published text: one definition for the readers of published forms
 * (text, web pages). */
#ifndef XXGK_VALUE_H
#define XXGK_VALUE_H

#include "internal.h"

#include <stddef.h>

/* The number the published text s[0..n) gives cell id of template t (full-width digits,
 * thousands separators, 减/增 in a signed cell, a unit the column allows: 元 in a 万元 column
 * is converted): 0 and *v (*note: 1 converted from 元, 2 read from a sign word, else 0), or a
 * nonzero code when the text is not a number this cell can hold. */
int xx_value_number(const xxgk_template *t, size_t id, const char *s, size_t n, int64_t *v, int *note);

/* Set cell id of r from the text s[0..n) as published: empty is blank; a number
 * (xx_value_number) is the number; a not-applicable token ("-", "/", "无") or other text is
 * kept as a token. A number the cell cannot hold is a token when its text cannot be
 * mistaken for a number, else the cell is not read; either way a READ.VALUE diagnostic at
 * line:col names it. 0 or XXGK_ENOMEM. */
int xx_value_set_text(xxgk_report *r, size_t id, const char *s, size_t n, long line, long col);

#endif
