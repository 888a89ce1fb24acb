/* SPDX-License-Identifier: MIT */
/* The JSON scanner: one pass over a document that checks it is strict JSON and records where
 * every value is, so that the reader never searches the text again. */
#ifndef XXGK_JSON_SCAN_H
#define XXGK_JSON_SCAN_H

#include <stddef.h>
#include <stdint.h>

/* One value of the document, in document order (the order of a depth-first walk of cJSON's
 * tree: a container comes before its members). Offsets are bytes from the start of the
 * buffer; line and column (1-based, columns in characters) are those of the key when the
 * value is an object member, else of the value. */
typedef struct xj_value {
    uint32_t key;   /* the key's opening quote, or == val when the value is not a member */
    uint32_t val;   /* the value's first byte */
    uint32_t len;   /* a number's text buf[val..val+len); 0 for other values */
    uint32_t next;  /* index of the first value after this one and everything inside it */
    uint32_t line, col;
    uint32_t klen;  /* the key's bytes between its quotes; 0 when it has escapes (then only
                     * its decoded form, cJSON's, is the key) or the value is no member */
} xj_value;

/* A report's document has a few hundred values: their record starts in this struct (on the
 * caller's stack) and moves to the heap only for a larger document. In bulk, a large
 * allocation per document made glibc merge the small chunks the last document's cJSON
 * tree had freed, and the next parse pay to split them again. */
enum { XJ_LOCAL = 320 };

typedef struct xj_scan {
    xj_value *v;    /* v[0] is the root: local, or on the heap */
    size_t n, cap;
    xj_value local[XJ_LOCAL];
} xj_scan;

/* Scan buf[0..len): exactly one JSON value (RFC 8259, no extensions: no leading zeros, no
 * invalid escapes, no unpaired surrogates, no raw control characters in strings) and only
 * white space after it; no string may hold \u0000 and nothing may nest deeper than
 * max_depth. The text must already be valid UTF-8 (xx_decode_input makes it so). On success
 * s holds the values (free with xj_scan_free). On failure sets the error detail (the first
 * problem in document order, at its line:column, path "$") and returns XXGK_EPARSE,
 * XXGK_ELIMIT (too deep, or 4 GiB and more) or XXGK_ENOMEM. */
int xj_scan_document(xj_scan *s, const char *buf, size_t len, unsigned max_depth);
void xj_scan_free(xj_scan *s);

#endif
