/* SPDX-License-Identifier: MIT */
/* How the text and Markdown writers write what a report holds so that the text reader gives
 * it back unchanged, and how the reader undoes it. A token that would read as something
 * else (a number "1,000", a blank, text with a bar, a line break or white space at its ends)
 * is written quoted, with backslash escapes: "1,000", "12 ", "a\|b", "a\nb". A bar in any
 * cell is written \| (as GitHub Markdown does). Markdown also escapes what a renderer would
 * run: & < > [ ] as entities. */
#ifndef XXGK_TEXT_ESCAPE_H
#define XXGK_TEXT_ESCAPE_H

#include "internal.h"

/* Write token tok as a cell: as it is when the reader reads it back as the same token,
 * else quoted. */
void xx_text_put_token(xbuf *b, const char *tok);

/* Write s[0..n) for Markdown: & < > [ ] as &amp; &lt; &gt; &#91; &#93;. */
void xx_md_put(xbuf *b, const char *s, size_t n);

/* Append s[0..n) with its Markdown entities (&amp; &lt; &gt; &quot; &#NN; &#xHH;) decoded. */
void xx_md_decode(xbuf *out, const char *s, size_t n);

/* The text of cell s[0..n) as written: Markdown entities decoded (md), then a quoted token
 * unquoted with its escapes, or an unquoted one with \| as |. Appends to out. */
void xx_text_unescape(xbuf *out, const char *s, size_t n, int md);

/* Whether cell text s[0..n) is a quoted token: "…" whose closing quote is not escaped. */
int xx_text_quoted(const char *s, size_t n);

/* Whether the bar at s[i] is escaped (an odd number of backslashes before it). */
int xx_text_bar_escaped(const char *s, size_t i);

#endif
