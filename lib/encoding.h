/* SPDX-License-Identifier: MIT */
/* Input encodings: everything a reader sees is UTF-8. */
#ifndef XXGK_ENCODING_H
#define XXGK_ENCODING_H

#include <stddef.h>

/* Turn the input *buf[0..*len) into UTF-8 before any reader sees it:
 * - a UTF-8 byte-order mark is skipped (*buf moves past it);
 * - UTF-16 LE/BE with a byte-order mark is converted;
 * - input that is not UTF-8 but is entirely valid GB18030 (a superset of GBK and GB2312)
 *   and has no UTF-8 text before its first non-UTF-8 byte is converted with iconv;
 * - anything else fails with XXGK_EENCODING naming the encoding (UTF-32, UTF-16 without a
 *   byte-order mark) or the byte offset, line and column of the first invalid UTF-8 byte.
 * On conversion *decoded receives the new buffer (free with xx_free) and the buffer and
 * length point into it; otherwise *decoded is NULL and a byte-order mark is skipped in place.
 * Positions reported later by the readers refer to the text after this step. Returns 0, XXGK_EENCODING or XXGK_ENOMEM. */
int xx_decode_input(const char **buf, size_t *len, char **decoded);

/* The same for a page that declares its character set (charset: lower case, or NULL/"" for
 * none): a byte-order mark wins, then UTF-8 when the bytes are UTF-8, then a declared GBK,
 * GB2312 or GB18030 is converted as GB18030 (without the guess that refuses text mixing
 * UTF-8 and GBK); any other declared set is refused by name. */
int xx_decode_declared(const char **buf, size_t *len, char **decoded, const char *charset);

#endif
