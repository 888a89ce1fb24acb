/* SPDX-License-Identifier: MIT */
/* A cell's value from its published text: one definition for the readers of published forms
 * (text, web pages). */
#ifndef XXGK_VALUE_H
#define XXGK_VALUE_H

#include "internal.h"

#include <stddef.h>

/* Set cell id of r from the text s[0..n) as published: empty is blank; a number (full-width
 * digits, thousands separators, 减/增 in a signed cell, a unit the column allows: 元 in a
 * 万元 column is converted) is the number; a not-applicable token ("-", "/", "无") or other
 * text is kept as a token. A number the cell cannot hold is a token when its text cannot be
 * mistaken for a number, else the cell stays blank; either way a READ.VALUE diagnostic at
 * line:col names it. 0 or XXGK_ENOMEM. */
int xx_value_set_text(xxgk_report *r, size_t id, const char *s, size_t n, long line, long col);

#endif
