/* SPDX-License-Identifier: MIT */
/* Label and number normalization shared by every reader and by the template compiler. */
#ifndef XXGK_NORMALIZE_H
#define XXGK_NORMALIZE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Decode one UTF-8 sequence at s (n bytes available). Returns the code point and stores the
 * sequence length in *adv, or returns -1 (and *adv = 1) for an invalid sequence: overlong
 * forms, surrogates and values beyond U+10FFFF are invalid. */
int32_t xn_utf8_decode(const unsigned char *s, size_t n, size_t *adv);

/* Encode cp into out (4 bytes room); returns the number of bytes. */
size_t xn_utf8_encode(uint32_t cp, char *out);

/* The byte offset of the first invalid UTF-8 sequence in s, or n if all of it is valid. */
size_t xn_utf8_check(const char *s, size_t n);

/* Number of code points in s[0..n) (invalid bytes count one each). Inline: every cell's
 * column is counted with it. */
static inline size_t xn_utf8_count(const char *s, size_t n)
{
    /* every column of every cell: eight bytes at a time, less the continuation bytes
     * (10xxxxxx: bit 7 set, bit 6 clear) */
    size_t count = n, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t cont = (w & ~(w << 1) & 0x8080808080808080ULL) >> 7;
        count -= (size_t)((cont * 0x0101010101010101ULL) >> 56);
    }
    if (i + 4 <= n) { /* most spans between two cells are shorter than eight bytes */
        uint32_t w;
        memcpy(&w, s + i, 4);
        uint32_t cont = (w & ~(w << 1) & 0x80808080u) >> 7;
        count -= (size_t)((cont * 0x01010101u) >> 24);
        i += 4;
    }
    for (; i < n; i++)
        count -= ((unsigned char)s[i] & 0xC0) == 0x80;
    return count;
}

/* A bit for each code point from U+4E00 to U+9FFF, set when xn_fold leaves it as it is: the
 * characters that folding need not look up in its traditional table. tplgen writes it into
 * the template tables from xn_fold itself (tplgen links one of zeros: it looks up all). */
#define XN_HAN_FIRST 0x4E00u
#define XN_HAN_WORDS 328u
extern const uint64_t xn_han_kept[XN_HAN_WORDS];

/* Fold one code point for label comparison: full-width forms to ASCII, traditional to
 * simplified characters, punctuation variants to one form. Returns 0 for characters that
 * labels ignore (spaces, line breaks, quotes). */
uint32_t xn_fold(uint32_t cp);

/* Write the normalized form of a label (folded, ignored characters dropped, known word-level
 * conversion artifacts mapped back) into out (cap bytes, always NUL-terminated when cap > 0).
 * Returns the length of the full normalized form; if that is >= cap the output was cut. */
size_t xn_label(char *out, size_t cap, const char *in, size_t len);

/* The form in which readers compare labels: xn_label, then Markdown emphasis dropped
 * (**规章**) and the word forms of zh-TW text mapped (资讯 → 信息, 专案 → 项目). Returns the
 * length of the full form; >= cap: it was cut. */
size_t xn_label_read(char *out, size_t cap, const char *s, size_t n);

/* The hash of s[0..n): the label indexes' (template_def.h), computed by tplgen and by the
 * matcher alike. xn_hash: of a NUL-terminated string. */
uint32_t xn_hash_n(const char *s, size_t n);
uint32_t xn_hash(const char *s);

/* Length of the ordinal prefix of a normalized label ("一.", "(一)", "1.", "(1)", "第一"),
 * 0 if none. */
size_t xn_ordinal_len(const char *norm);

/* Edit distance between two strings counted in code points, giving up (returning limit+1)
 * once it exceeds limit. */
unsigned xn_edit_distance(const char *a, const char *b, unsigned limit);
/* The first XN_EDIT_MAX code points of a, as xn_edit_distance reads them: into cp, how many. */
#define XN_EDIT_MAX 128
size_t xn_edit_cps(uint32_t *cp, const char *a);
/* xn_edit_distance(a, b, limit) for a given as xn_edit_cps wrote it (ca[0..na)): one label
 * compared with many decoded once. */
unsigned xn_edit_distance_cps(const uint32_t *ca, size_t na, const char *b, unsigned limit);

/* Width in bytes of a white-space character at s (n bytes available; 0 if none): ASCII
 * blanks, form feed, NBSP, ideographic space, U+FEFF. Line feeds are not white space here. */
size_t xn_space_at(const char *s, size_t n);

/* s[0..*n) without the white space (xn_space_at) around it: returns its start, *n its
 * length. Inline: every cell of every reader is trimmed. */
static inline const char *xn_trim(const char *s, size_t *n)
{
    size_t a = 0, e = *n, w;
    /* every cell of every line: ASCII blanks tested inline, the others where they start */
    while (a < e) {
        unsigned char c = (unsigned char)s[a];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
            a++;
        else if ((c == 0xC2 || c == 0xE3 || c == 0xEF) && (w = xn_space_at(s + a, e - a)) != 0)
            a += w;
        else
            break;
    }
    while (e > a) {
        unsigned char c = (unsigned char)s[e - 1];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
            e--;
        else if (e - a >= 2 && c == 0xA0 && (unsigned char)s[e - 2] == 0xC2)
            e -= 2;
        else if (e - a >= 3 && c == 0x80 && (unsigned char)s[e - 2] == 0x80 && (unsigned char)s[e - 3] == 0xE3)
            e -= 3;
        else if (e - a >= 3 && c == 0xBF && (unsigned char)s[e - 2] == 0xBB && (unsigned char)s[e - 3] == 0xEF)
            e -= 3;
        else
            break;
    }
    *n = e - a;
    return s + a;
}

#endif
