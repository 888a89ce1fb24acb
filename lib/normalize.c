/* SPDX-License-Identifier: MIT */
/* Label normalization: one definition used by all readers and by tools/tplgen.c, so that
 * the template's precomputed label forms and the readers' forms can never disagree. */
#include "normalize.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <string.h>

int32_t xn_utf8_decode(const unsigned char *s, size_t n, size_t *adv)
{
    *adv = 1;
    if (n == 0)
        return -1;
    unsigned c = s[0];
    if (c < 0x80)
        return (int32_t)c;
    size_t need;
    uint32_t cp, min;
    if (c >= 0xC2 && c <= 0xDF) { need = 2; cp = c & 0x1F; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { need = 3; cp = c & 0x0F; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { need = 4; cp = c & 0x07; min = 0x10000; }
    else return -1;
    if (n < need)
        return -1;
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return -1;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return -1;
    *adv = need;
    return (int32_t)cp;
}

size_t xn_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) { o[0] = (unsigned char)cp; return 1; }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t xn_utf8_check(const char *s, size_t n)
{
    /* Called on every input: ASCII sixteen (SSE2) or eight bytes at a time, and the
     * three-byte sequences of CJK text decoded inline rather than through xn_utf8_decode. */
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned c = p[i];
        if (c < 0x80) {
            i++;
#ifdef __SSE2__
            while (i + 16 <= n && !_mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(const void *)(p + i))))
                i += 16;
#endif
            while (i + 8 <= n) {
                uint64_t w;
                memcpy(&w, p + i, 8);
                if (w & 0x8080808080808080ULL)
                    break;
                i += 8;
            }
            continue;
        }
        if (c >= 0xE0 && c <= 0xEF) {
            /* a run of them: CJK text, two at a time where it can */
            for (;;) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
                while (i + 8 <= n) {
                    /* 1110xxxx 10xxxxxx 10xxxxxx twice, neither lead E0 nor ED (they limit
                     * the byte after them) */
                    uint64_t w;
                    memcpy(&w, p + i, 8);
                    if ((w & 0xC0C0F0C0C0F0ULL) != 0x8080E08080E0ULL || p[i] == 0xE0 || p[i] == 0xED ||
                        p[i + 3] == 0xE0 || p[i + 3] == 0xED)
                        break;
                    i += 6;
                }
#endif
                if (i >= n || ((c = p[i]) & 0xF0) != 0xE0)
                    break;
                if (i + 2 >= n)
                    return i;
                unsigned c1 = p[i + 1], c2 = p[i + 2];
                if ((c1 & 0xC0) != 0x80 || (c2 & 0xC0) != 0x80 || (c == 0xE0 && c1 < 0xA0) ||
                    (c == 0xED && c1 >= 0xA0))
                    return i;
                i += 3;
            }
        } else if (c >= 0xC2 && c <= 0xDF) {
            if (i + 1 >= n || (p[i + 1] & 0xC0) != 0x80)
                return i;
            i += 2;
        } else if (c >= 0xF0 && c <= 0xF4) {
            if (i + 3 >= n)
                return i;
            unsigned c1 = p[i + 1];
            if ((c1 & 0xC0) != 0x80 || (p[i + 2] & 0xC0) != 0x80 || (p[i + 3] & 0xC0) != 0x80 ||
                (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 >= 0x90))
                return i;
            i += 4;
        } else {
            return i;
        }
    }
    return n;
}

static const uint32_t trad_simp[][2] = {
#include "trad_simp.inc"
};

enum { NTRAD = sizeof trad_simp / sizeof trad_simp[0] };

static uint32_t simplify(uint32_t cp)
{
    if (cp < trad_simp[0][0] || cp > trad_simp[NTRAD - 1][0])
        return cp;
    uint32_t k = cp - XN_HAN_FIRST;
    if (cp >= XN_HAN_FIRST && k < XN_HAN_WORDS * 64 && (xn_han_kept[k >> 6] >> (k & 63) & 1))
        return cp;
    size_t lo = 0, hi = NTRAD;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (trad_simp[mid][0] == cp)
            return trad_simp[mid][1];
        if (trad_simp[mid][0] < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return cp;
}

uint32_t xn_fold(uint32_t cp)
{
    if (cp < 0x80) {
        if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v')
            return 0;
        if (cp == '"' || cp == '\'' || cp == '`')
            return 0;
        return cp;
    }
    if (cp >= 0xFF01 && cp <= 0xFF5E) /* full-width ASCII */
        return xn_fold(cp - 0xFEE0);
    switch (cp) {
    case 0x00A0: case 0x3000: case 0x200B: case 0x200C: case 0x200D: case 0xFEFF:
    case 0x2002: case 0x2003: case 0x2009: case 0x202F:
        return 0;                                       /* spaces */
    case 0x201C: case 0x201D: case 0x2018: case 0x2019: case 0x300C: case 0x300D:
    case 0x300E: case 0x300F: case 0x301D: case 0x301E: case 0x201E: case 0x00AB:
    case 0x00BB:
        return 0;                                       /* quotes */
    case 0x3001: case 0xFF64: case 0x2027: case 0x00B7: case 0x30FB:
        return '.';                                     /* 、 and middle dots: 1、 = 1. */
    case 0x3002: return '.';
    case 0x3014: case 0x3010: case 0x3016: case 0x2985: return '(';
    case 0x3015: case 0x3011: case 0x3017: case 0x2986: return ')';
    case 0x2014: case 0x2013: case 0x2212: case 0x2015: case 0x2500: return '-';
    case 0x2215: case 0x29F8: return '/';
    default:
        return simplify(cp);
    }
}

/* Word-level artifacts of automatic traditional-character conversion, matched on the
 * folded form: a converter turns 文件 into 檔案 (folded 档案). */
static const char *const word_from[] = { "档案" };
static const char *const word_to[] = { "文件" };

static int pinyin_letter(int32_t cp, int *vowel)
{
    static const char vowels[] = "aeiouv";
    if (cp >= 'a' && cp <= 'z') {
        *vowel |= strchr(vowels, (int)cp) != NULL;
        return 1;
    }
    /* ü and the tone-marked vowels: Latin-1 Supplement, Latin Extended-A/B */
    if ((cp >= 0xE0 && cp <= 0xFC) || (cp >= 0x101 && cp <= 0x16B) || (cp >= 0x1CE && cp <= 0x1DC)) {
        *vowel = 1;
        return 1;
    }
    return cp == 0x144 || cp == 0x148 || cp == 0x1F9; /* ń ň ǹ */
}

/* Inline pinyin after a character ("報(bào)告", "數(shù)量"): the length of "(bào)" at p, or 0. */
static size_t pinyin_len(const unsigned char *p, size_t n)
{
    size_t i = 0, adv;
    int32_t cp = xn_utf8_decode(p, n, &adv);
    if (cp != '(' && cp != 0xFF08)
        return 0;
    i += adv;
    int letters = 0, vowel = 0;
    while (i < n) {
        cp = xn_utf8_decode(p + i, n - i, &adv);
        i += adv;
        if (cp == ')' || cp == 0xFF09)
            return letters >= 1 && letters <= 7 && vowel ? i : 0;
        if (!pinyin_letter(cp, &vowel) || ++letters > 7)
            return 0;
    }
    return 0;
}

static int is_han(uint32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF);
}

/* Replace every occurrence of the word `from` in s[0..n) by `to`, of the same length, left
 * to right. */
static void replace_word(char *s, size_t n, const char *from, const char *to)
{
    size_t k = strlen(from);
    if (n < k)
        return;
    char *end = s + n, *hit = s;
    while ((size_t)(end - hit) >= k && (hit = memchr(hit, from[0], (size_t)(end - hit) - k + 1)) != NULL) {
        if (memcmp(hit, from, k) == 0) {
            memcpy(hit, to, k);
            hit += k;
        } else {
            hit++;
        }
    }
}

/* Whether an ASCII character stays in a label (xn_fold drops NUL, blanks and quotes). */
static int ascii_kept(unsigned c)
{
    switch (c) {
    case 0: case ' ': case '\t': case '\n': case '\r': case '\f': case '\v': case '"': case '\'': case '`':
        return 0;
    default:
        return 1;
    }
}

/* Called for every label of every input: ASCII and the three-byte sequences of CJK text take
 * short paths; the result is the same as decoding and folding each code point. */
size_t xn_label(char *out, size_t cap, const char *in, size_t len)
{
    const unsigned char *p = (const unsigned char *)in;
    size_t i = 0, o = 0;
    uint32_t last = 0;
    int wide = 0; /* a character beyond ASCII was written (the words below are CJK) */
    while (i < len) {
        unsigned c = p[i];
        size_t adv, py;
        if (c >= 0xE4 && c <= 0xE9 && i + 2 < len && (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
            /* U+4000..U+9FFF, most of Chinese text: folded to itself unless the traditional
             * table holds it, and then written as it was read */
            uint32_t u = ((c & 0x0Fu) << 12) | ((p[i + 1] & 0x3Fu) << 6) | (p[i + 2] & 0x3Fu);
            uint32_t k = u - XN_HAN_FIRST;
            if (u < XN_HAN_FIRST || (xn_han_kept[k >> 6] >> (k & 63) & 1)) {
                last = u;
                wide = 1;
                if (o + 3 < cap) {
                    memcpy(out + o, p + i, 3);
                    o += 3;
                } else {
                    for (size_t j = 0; j < 3; j++, o++)
                        if (o + 1 < cap)
                            out[o] = (char)p[i + j];
                }
                i += 3;
                continue;
            }
        }
        /* inline pinyin starts with '(' or U+FF08 (EF BC 88) */
        if ((c == '(' || c == 0xEF) && is_han(last) && (py = pinyin_len(p + i, len - i)) != 0) {
            i += py;
            continue;
        }
        if (c < 0x80) {
            i++;
            if (!ascii_kept(c))
                continue;
            last = c;
            if (o + 1 < cap)
                out[o] = (char)c;
            o++;
            continue;
        }
        int32_t cp;
        if (c >= 0xE1 && c <= 0xEF && c != 0xED && i + 2 < len && (p[i + 1] & 0xC0) == 0x80 &&
            (p[i + 2] & 0xC0) == 0x80) {
            /* a valid three-byte sequence: no overlong form, no surrogate */
            cp = (int32_t)(((c & 0x0Fu) << 12) | ((p[i + 1] & 0x3Fu) << 6) | (p[i + 2] & 0x3Fu));
            adv = 3;
        } else {
            cp = xn_utf8_decode(p + i, len - i, &adv);
            if (cp < 0)
                cp = 0xFFFD;
        }
        i += adv;
        uint32_t f = is_han((uint32_t)cp) ? simplify((uint32_t)cp) : xn_fold((uint32_t)cp);
        if (f == 0)
            continue;
        last = f;
        wide |= f >= 0x80;
        if (o + 4 < cap) {
            o += xn_utf8_encode(f, out + o);
        } else {
            char tmp[4];
            size_t k = xn_utf8_encode(f, tmp);
            for (size_t j = 0; j < k; j++, o++)
                if (o + 1 < cap)
                    out[o] = tmp[j];
        }
    }
    if (cap > 0)
        out[o < cap ? o : cap - 1] = '\0';
    if (o < cap && wide)
        for (size_t w = 0; w < sizeof word_from / sizeof word_from[0]; w++)
            if (strlen(word_from[w]) == strlen(word_to[w])) /* keeps the rewrite in place */
                replace_word(out, o, word_from[w], word_to[w]);
    return o;
}

size_t xn_label_read(char *out, size_t cap, const char *s, size_t n)
{
    size_t len = xn_label(out, cap, s, n);
    if (len < cap && memchr(out, '*', len)) {
        /* Markdown emphasis around a label (**规章**) */
        size_t o = 0;
        for (size_t i = 0; i < len; i++)
            if (out[i] != '*')
                out[o++] = out[i];
        out[o] = '\0';
        len = o;
    }
    if (len < cap) {
        static const char *const from[] = { "资讯", "专案" };
        static const char *const to[] = { "信息", "项目" };
        for (size_t w = 0; w < 2; w++)
            replace_word(out, len, from[w], to[w]);
    }
    return len;
}

uint32_t xn_hash(const char *s)
{
    return xn_hash_n(s, strlen(s));
}

uint32_t xn_hash_n(const char *s, size_t n)
{
    /* eight bytes at a time, assembled little-endian on every machine, so that the tables
     * tplgen writes hold wherever the library runs */
    const unsigned char *p = (const unsigned char *)s;
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ n, w;
    for (; n >= 8; p += 8, n -= 8) {
        w = 0;
        for (int i = 7; i >= 0; i--)
            w = w << 8 | p[i];
        h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
        h ^= h >> 29;
    }
    w = 0;
    for (size_t i = n; i > 0; i--)
        w = w << 8 | p[i - 1];
    h = (h ^ w) * 0x94D049BB133111EBULL;
    return (uint32_t)(h ^ h >> 32);
}

static size_t cn_numeral_run(const char *s)
{
    static const char *const numerals[] = { "一", "二", "三", "四", "五", "六", "七", "八",
                                            "九", "十" };
    size_t n = 0;
    for (;;) {
        size_t k;
        for (k = 0; k < 10; k++)
            if (strncmp(s + n, numerals[k], 3) == 0)
                break;
        if (k == 10)
            return n;
        n += 3;
    }
}

size_t xn_ordinal_len(const char *s)
{
    size_t n;
    if (s[0] == '(') {
        n = cn_numeral_run(s + 1);
        if (n == 0)
            while (s[1 + n] >= '0' && s[1 + n] <= '9')
                n++;
        if (n > 0 && s[1 + n] == ')')
            return n + 2;
        return 0;
    }
    n = cn_numeral_run(s);
    if (n == 0)
        while (s[n] >= '0' && s[n] <= '9')
            n++;
    if (n > 0 && s[n] == '.')
        return n + 1;
    return 0;
}

size_t xn_edit_cps(uint32_t *cp, const char *a)
{
    size_t na = 0, adv;
    for (size_t i = 0, l = strlen(a); i < l && na < XN_EDIT_MAX; i += adv)
        cp[na++] = (uint32_t)xn_utf8_decode((const unsigned char *)a + i, l - i, &adv);
    return na;
}

unsigned xn_edit_distance(const char *a, const char *b, unsigned limit)
{
    uint32_t ca[XN_EDIT_MAX];
    size_t na = xn_edit_cps(ca, a);
    return xn_edit_distance_cps(ca, na, b, limit);
}

unsigned xn_edit_distance_cps(const uint32_t *ca, size_t na, const char *b, unsigned limit)
{
    uint32_t cb[XN_EDIT_MAX];
    size_t nb = xn_edit_cps(cb, b);
    size_t diff = na > nb ? na - nb : nb - na;
    if (diff > limit)
        return limit + 1;
    unsigned row[XN_EDIT_MAX + 1];
    for (size_t j = 0; j <= nb; j++)
        row[j] = (unsigned)j;
    for (size_t i = 1; i <= na; i++) {
        unsigned prev = row[0], best;
        row[0] = (unsigned)i;
        best = row[0];
        for (size_t j = 1; j <= nb; j++) {
            unsigned cur = row[j];
            unsigned sub = prev + (ca[i - 1] != cb[j - 1]);
            unsigned del = row[j] + 1, ins = row[j - 1] + 1;
            row[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
            if (row[j] < best)
                best = row[j];
            prev = cur;
        }
        if (best > limit)
            return limit + 1;
    }
    return row[nb] > limit ? limit + 1 : row[nb];
}

size_t xn_space_at(const char *s, size_t n)
{
    unsigned char c = (unsigned char)s[0];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
        return 1;
    if (c == 0xC2 && n >= 2 && (unsigned char)s[1] == 0xA0)
        return 2;
    if (c == 0xE3 && n >= 3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80)
        return 3;
    if (c == 0xEF && n >= 3 && (unsigned char)s[1] == 0xBB && (unsigned char)s[2] == 0xBF)
        return 3; /* U+FEFF, a byte-order mark left inside the text */
    return 0;
}
