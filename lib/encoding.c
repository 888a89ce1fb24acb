/* SPDX-License-Identifier: MIT */
/* Input encodings. Readers only ever see UTF-8: a byte-order mark is dropped, UTF-16 is
 * converted here, GB18030/GBK (what many government sites still serve) is converted with
 * the C library's iconv; what cannot be told apart safely is refused with its name or the
 * byte offset of the first bad byte. */
#include "encoding.h"
#include "internal.h"
#include "normalize.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>

static int refuse(const char *what)
{
    return xx_error(XXGK_EENCODING, 1, 1, 0, NULL, "the input is %s: save it as UTF-8 (or GB18030)", what);
}

/* UTF-16 with its byte-order mark removed: s[0..n), big-endian if be. */
static int from_utf16(const unsigned char *s, size_t n, int be, char **out, size_t *outlen)
{
    if (n % 2)
        return xx_error(XXGK_EENCODING, 0, 0, (long long)(n + 1), NULL,
                        "UTF-16%s input ends in the middle of a character (odd length)", be ? "BE" : "LE");
    if (n / 2 > (SIZE_MAX - 1) / 3)
        return xx_oom();
    char *d = xx_malloc(n / 2 * 3 + 1);
    if (!d)
        return xx_oom();
    size_t o = 0;
    for (size_t i = 0; i < n; i += 2) {
        uint32_t u = be ? (uint32_t)(s[i] << 8 | s[i + 1]) : (uint32_t)(s[i + 1] << 8 | s[i]);
        if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n) {
            uint32_t lo = be ? (uint32_t)(s[i + 2] << 8 | s[i + 3]) : (uint32_t)(s[i + 3] << 8 | s[i + 2]);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                o += xn_utf8_encode(0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00), d + o);
                i += 2;
                continue;
            }
        }
        if (u >= 0xD800 && u <= 0xDFFF) {
            xx_free(d);
            /* +2: offsets count from the start of the input, byte-order mark included */
            return xx_error(XXGK_EENCODING, 0, 0, (long long)(i + 2), NULL,
                            "invalid UTF-16%s at byte %zu: unpaired surrogate 0x%04X", be ? "BE" : "LE", i + 2,
                            (unsigned)u);
        }
        o += xn_utf8_encode(u, d + o);
    }
    d[o] = '\0';
    *out = d;
    *outlen = o;
    return 0;
}

/* GB18030 to UTF-8 with iconv. Returns 0, 1 if the input is not valid GB18030, or
 * XXGK_ENOMEM. The input is fed through a small copy because iconv's input pointer is not
 * const. */
static int from_gb18030(const char *s, size_t n, char **out, size_t *outlen)
{
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1)
        return 1;
    size_t cap = n + n / 2 + 16, o = 0;
    char *d = n < SIZE_MAX / 2 - 16 ? xx_malloc(cap) : NULL;
    if (!d) {
        iconv_close(cd);
        return xx_oom();
    }
    char chunk[4096];
    size_t carry = 0, i = 0;
    int rc = 0;
    while (i < n || carry) {
        size_t take = sizeof chunk - carry < n - i ? sizeof chunk - carry : n - i;
        memcpy(chunk + carry, s + i, take);
        i += take;
        char *in = chunk;
        size_t inleft = carry + take;
        carry = 0;
        while (inleft) {
            char *op = d + o;
            size_t oleft = cap - o - 1;
            size_t r = iconv(cd, &in, &inleft, &op, &oleft);
            o = (size_t)(op - d);
            if (r != (size_t)-1)
                break;
            if (errno == E2BIG) {
                char *nd = cap < SIZE_MAX / 2 ? xx_realloc(d, cap * 2) : NULL;
                if (!nd) {
                    rc = XXGK_ENOMEM;
                    goto done;
                }
                d = nd;
                cap *= 2;
            } else if (errno == EINVAL && i < n) {
                /* a sequence cut by the chunk boundary: carry it over */
                memmove(chunk, in, inleft);
                carry = inleft;
                break;
            } else {
                rc = 1; /* EILSEQ, or a sequence cut by the end of the input */
                goto done;
            }
        }
    }
done:
    iconv_close(cd);
    if (rc) {
        xx_free(d);
        return rc == XXGK_ENOMEM ? xx_oom() : 1;
    }
    d[o] = '\0';
    *out = d;
    *outlen = o;
    return 0;
}

/* Whether s[0..n) (valid UTF-8) holds a sequence of three or four bytes: CJK text in UTF-8.
 * GBK text rarely forms such sequences by chance, so their presence before the first bad
 * byte means a damaged UTF-8 file rather than a GBK one. */
static int has_wide_utf8(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xF0) >= 0xE0)
            return 1;
    return 0;
}

int xx_decode_input(const char **pbuf, size_t *plen, char **decoded)
{
    const unsigned char *s = (const unsigned char *)*pbuf;
    size_t n = *plen;
    *decoded = NULL;
    if (n >= 4 && s[0] == 0xFF && s[1] == 0xFE && s[2] == 0 && s[3] == 0)
        return refuse("UTF-32LE");
    if (n >= 4 && s[0] == 0 && s[1] == 0 && s[2] == 0xFE && s[3] == 0xFF)
        return refuse("UTF-32BE");
    if (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
        int rc = from_utf16(s + 2, n - 2, s[0] == 0xFE, decoded, plen);
        if (rc == 0)
            *pbuf = *decoded;
        return rc;
    }
    size_t bom = 0;
    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
        bom = 3;
        *pbuf += 3;
        *plen -= 3;
        s += 3;
        n -= 3;
    }
    /* UTF-16 without a byte-order mark: NUL bytes in every other position */
    size_t probe = n < 512 ? n : 512, nul_even = 0, nul_odd = 0;
    if (!memchr(s, 0, probe))
        probe = 0; /* the usual case, seen at once */
    for (size_t i = 0; i < probe; i++)
        if (!s[i])
            {
            if (i % 2)
                nul_odd++;
            else
                nul_even++;
        }
    if (probe >= 4 && (nul_even + nul_odd) * 4 >= probe && (!nul_even || !nul_odd))
        return refuse(nul_odd ? "UTF-16LE without a byte-order mark" : "UTF-16BE without a byte-order mark");
    size_t bad = xn_utf8_check(*pbuf, n);
    if (bad == n)
        return 0;
    /* a UTF-8 byte-order mark or UTF-8 text before the bad byte: damaged UTF-8, not GBK */
    if (!bom && !has_wide_utf8(*pbuf, bad)) {
        int rc = from_gb18030(*pbuf, n, decoded, plen);
        if (rc == 0) {
            *pbuf = *decoded;
            return 0;
        }
        if (rc < 0)
            return rc;
    }
    long line, col;
    xx_position(*pbuf, n, bad, &line, &col);
    /* offsets count from the start of the input, byte-order mark included */
    if (bom)
        return xx_error(XXGK_EENCODING, line, col, (long long)(bad + bom), NULL,
                        "invalid UTF-8 at byte %zu (line %ld, column %ld)", bad + bom, line, col);
    return xx_error(XXGK_EENCODING, line, col, (long long)bad, NULL,
                    "invalid UTF-8 at byte %zu (line %ld, column %ld), and not GB18030 either", bad, line, col);
}

static int in_names(const char *name, const char *const *names)
{
    for (; *names; names++)
        if (!strcmp(name, *names))
            return 1;
    return 0;
}

int xx_decode_declared(const char **pbuf, size_t *plen, char **decoded, const char *charset)
{
    static const char *const utf8[] = { "utf-8", "utf8", "unicode-1-1-utf-8", NULL };
    static const char *const gb[] = { "gbk",      "gb2312",   "gb18030",     "x-gbk",    "cp936", "windows-936",
                                      "ms936",    "euc-cn",   "x-euc-cn",    "csgb2312", "chinese",
                                      "gb_2312-80", "iso-ir-58", "csiso58gb231280", NULL };
    const unsigned char *s = (const unsigned char *)*pbuf;
    size_t n = *plen;
    *decoded = NULL;
    int bom = n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF) ||
                         (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF));
    /* a byte-order mark says more than a declaration */
    if (!charset || !*charset || bom || in_names(charset, utf8))
        return xx_decode_input(pbuf, plen, decoded);
    /* UTF-8 whatever the page says: ASCII text, or a page saved as UTF-8 that kept its old
     * declaration */
    if (xn_utf8_check(*pbuf, n) == n)
        return 0;
    if (!in_names(charset, gb))
        return xx_error(XXGK_EENCODING, 1, 1, 0, NULL,
                        "the page declares the character set %s, which xxgk does not read: save it as UTF-8 (or "
                        "GB18030)", charset);
    int rc = from_gb18030(*pbuf, n, decoded, plen);
    if (rc == 0) {
        *pbuf = *decoded;
        return 0;
    }
    return rc < 0 ? rc
                  : xx_error(XXGK_EENCODING, 1, 1, 0, NULL,
                             "the page declares the character set %s but is not valid GB18030 (nor UTF-8)", charset);
}
