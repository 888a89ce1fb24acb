/* SPDX-License-Identifier: MIT */
/* The published plain-text form (and Markdown): reader.
 *
 * Policy: a number is placed only where the text proves it belongs. A row label is matched
 * to a template row through the normalized labels (exact, without ordinal, containment,
 * a small unambiguous edit distance); column positions come from the row's cells in
 * reading order. Rows whose label is missing are placed by order only between two matched
 * anchors with exactly as many template rows between them; everything else stays blank and
 * is named in a diagnostic.
 *
 * One pass splits the text into lines, finds the title, the headings (which give each line
 * a region: preamble, a narrative section or a table) and the cells of table lines; a
 * second pass matches labels and builds the rows of each table; a third places them. */
#include "internal.h"
#include "normalize.h"

#include <stdio.h>
#include <string.h>

enum { REG_PRE = -1, REG_SEC = 100 }; /* tables 0..ntables-1; sections REG_SEC + i */

enum { V_BLANK, V_NUMBER, V_TOKEN, V_TEXT };

typedef struct tcell {
    uint32_t off, len; /* trimmed text in buf */
    uint32_t col;      /* 1-based column in characters */
    uint32_t line;     /* 0-based line index */
    uint8_t value;     /* V_* */
} tcell;

typedef struct tline {
    uint32_t no;         /* line number (1-based); blank lines are not stored */
    uint32_t off, len;   /* trimmed content */
    uint32_t c0, nc;     /* cells (table lines only) */
    uint32_t raw_c0;     /* first cell before leading blanks were dropped */
    uint32_t nlab;       /* leading label cells */
    uint32_t nfilled;    /* non-empty value cells */
    int16_t region;
    uint8_t pipe, heading, skip;
} tline;

typedef struct trow {
    int row;             /* template row, -1 unlabeled */
    uint32_t line;       /* index of its line (0-based) */
    uint32_t col;
    uint32_t v0, nv;     /* value cells: indices into rd->vals (cell indices) */
    uint32_t lab;        /* cell index of its label (UINT32_MAX: none) */
    uint8_t bad;         /* its values cannot be told apart from the next row's (diagnosed) */
} trow;

typedef struct reader {
    const char *buf;
    size_t len;
    const xxgk_template *t;
    xxgk_report *r;
    tline *lines;
    size_t nlines, caplines;
    tcell *cells;
    size_t ncells, capcells;
    trow *rows;
    size_t nrows, caprows;
    uint32_t *vals;
    size_t nvals, capvals;
    size_t col_line;       /* column cache for add_cell */
    uint32_t col_off, col_val;
} reader;

/* ------------------------------------------------------------------------ */
/* small helpers                                                            */
/* ------------------------------------------------------------------------ */

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap * 2 : 64;
    while (n < need)
        n *= 2;
    void *q = xx_realloc(*p, n * size);
    if (!q)
        return xx_oom();
    *p = q;
    *cap = n;
    return 0;
}

/* Width in bytes of a whitespace character at s (0 if none): ASCII blanks, form feed,
 * NBSP, ideographic space, U+FEFF. */
static size_t ws_at(const char *s, size_t n)
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

static void trim(const char *buf, uint32_t *off, uint32_t *len)
{
    size_t a = *off, e = *off + *len, w;
    while (a < e && (w = ws_at(buf + a, e - a)) != 0)
        a += w;
    while (e > a) {
        unsigned char c = (unsigned char)buf[e - 1];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
            e--;
        else if (e - a >= 2 && c == 0xA0 && (unsigned char)buf[e - 2] == 0xC2)
            e -= 2;
        else if (e - a >= 3 && c == 0x80 && (unsigned char)buf[e - 2] == 0x80 &&
                 (unsigned char)buf[e - 3] == 0xE3)
            e -= 3;
        else if (e - a >= 3 && c == 0xBF && (unsigned char)buf[e - 2] == 0xBB &&
                 (unsigned char)buf[e - 3] == 0xEF)
            e -= 3;
        else
            break;
    }
    *off = (uint32_t)a;
    *len = (uint32_t)(e - a);
}

static int has(const char *hay, const char *needle)
{
    return strstr(hay, needle) != NULL;
}

/* xn_label plus the word forms of zh-TW text (资讯 for 信息, 专案 for 项目), folded. */
static size_t label_norm(char *out, size_t cap, const char *in, size_t len)
{
    size_t n = xn_label(out, cap, in, len);
    if (n < cap && memchr(out, '*', n)) {
        /* Markdown emphasis around a label (**规章**) */
        size_t o = 0;
        for (size_t i = 0; i < n; i++)
            if (out[i] != '*')
                out[o++] = out[i];
        out[o] = '\0';
        n = o;
    }
    if (n < cap) {
        static const char *const from[] = { "资讯", "专案" };
        static const char *const to[] = { "信息", "项目" };
        for (size_t w = 0; w < 2; w++) {
            char *hit = out;
            while ((hit = strstr(hit, from[w])) != NULL) {
                memcpy(hit, to[w], 6);
                hit += 6;
            }
        }
    }
    return n;
}

static int find_bytes(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (s[i] == needle[0] && !memcmp(s + i, needle, k))
            return 1;
    return 0;
}

static size_t cp_len(const char *s)
{
    return xn_utf8_count(s, strlen(s));
}

/* ------------------------------------------------------------------------ */
/* values                                                                   */
/* ------------------------------------------------------------------------ */

typedef struct vparse {
    char num[64];   /* ASCII number text */
    size_t n;
    int word_sign;  /* -1 for 减, +1 for 增, 0 none */
    int unit;       /* 0 none, 1 件/项/个, 2 万元, 3 元 */
} vparse;

static int is_std_token(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    if ((n == 3 && (!memcmp(s, "无", 3) || !memcmp(s, "無", 3))))
        return 1;
    size_t i = 0, k = 0;
    while (i < n) {
        size_t adv;
        int32_t cp = xn_utf8_decode((const unsigned char *)s + i, n - i, &adv);
        i += adv;
        k++;
        switch (cp) {
        case '-': case '/': case '_': case '\\': case '*':
        case 0x2014: case 0x2013: case 0x2015: case 0x2212: case 0xFF0D: case 0xFF0F:
        case 0xFF3F: case 0xFF3C: case 0x2500: case 0x2026: case 0x00D7:
            break;
        default:
            return 0;
        }
    }
    return k <= 6;
}

/* Parse value text into vp. Returns V_BLANK, V_NUMBER, V_TOKEN (a standard
 * not-applicable token) or V_TEXT. */
static int value_class(const char *s, size_t n, vparse *vp)
{
    vp->n = 0;
    vp->word_sign = 0;
    vp->unit = 0;
    if (n == 0)
        return V_BLANK;
    if (is_std_token(s, n))
        return V_TOKEN;
    /* prefix 减/增 */
    if (n > 3 && (!memcmp(s, "减", 3) || !memcmp(s, "減", 3))) { vp->word_sign = -1; s += 3; n -= 3; }
    else if (n > 3 && !memcmp(s, "增", 3)) { vp->word_sign = 1; s += 3; n -= 3; }
    /* unit suffix */
    if (n > 6 && !memcmp(s + n - 6, "万元", 6)) { vp->unit = 2; n -= 6; }
    else if (n > 6 && !memcmp(s + n - 6, "萬元", 6)) { vp->unit = 2; n -= 6; }
    else if (n > 3 && !memcmp(s + n - 3, "元", 3)) { vp->unit = 3; n -= 3; }
    else if (n > 3 && (!memcmp(s + n - 3, "件", 3) || !memcmp(s + n - 3, "项", 3) ||
                       !memcmp(s + n - 3, "項", 3) || !memcmp(s + n - 3, "个", 3) ||
                       !memcmp(s + n - 3, "個", 3))) { vp->unit = 1; n -= 3; }
    size_t i = 0;
    while (i < n) {
        size_t adv;
        int32_t cp = xn_utf8_decode((const unsigned char *)s + i, n - i, &adv);
        i += adv;
        if (cp >= 0xFF01 && cp <= 0xFF5E)
            cp -= 0xFEE0;
        if (cp == 0x2212)
            cp = '-';
        if (!((cp >= '0' && cp <= '9') || cp == '.' || cp == ',' || cp == '-' || cp == '+'))
            return V_TEXT;
        if (vp->n + 1 >= sizeof vp->num)
            return V_TEXT;
        vp->num[vp->n++] = (char)cp;
    }
    vp->num[vp->n] = '\0';
    /* shape: [sign] digits (with strict thousands groups) [. digits] */
    const char *p = vp->num;
    size_t j = 0;
    if (p[j] == '-' || p[j] == '+') {
        if (vp->word_sign)
            return V_TEXT;
        j++;
    }
    size_t d0 = j, run = 0;
    int commas = 0;
    for (; p[j] && p[j] != '.'; j++) {
        if (p[j] >= '0' && p[j] <= '9') {
            run++;
        } else if (p[j] == ',') {
            if (run == 0 || (commas ? run != 3 : run > 3))
                return V_TEXT;
            commas = 1;
            run = 0;
        } else {
            return V_TEXT;
        }
    }
    if (j == d0 || run == 0 || (commas && run != 3))
        return V_TEXT;
    if (p[j] == '.') {
        j++;
        size_t f = j;
        while (p[j] >= '0' && p[j] <= '9')
            j++;
        if (j == f || p[j])
            return V_TEXT;
    }
    if (commas) { /* drop the separators */
        size_t o = 0;
        for (size_t k = 0; k < vp->n; k++)
            if (vp->num[k] != ',')
                vp->num[o++] = vp->num[k];
        vp->n = o;
        vp->num[o] = '\0';
    }
    return V_NUMBER;
}

/* ------------------------------------------------------------------------ */
/* pass 1: lines, headings, cells                                            */
/* ------------------------------------------------------------------------ */

static int is_page_footer(const char *s, size_t n)
{
    /* -3-, - 3 -, —3—, 第3页, 第 3 页 共 9 页 */
    char t[64];
    size_t k = 0, i = 0;
    if (n > 48)
        return 0;
    while (i < n) {
        size_t adv;
        int32_t cp = xn_utf8_decode((const unsigned char *)s + i, n - i, &adv);
        i += adv;
        uint32_t f = cp < 0 ? 0xFFFD : xn_fold((uint32_t)cp);
        if (f == 0)
            continue;
        if (f == '-' ) t[k++] = '-';
        else if (f >= '0' && f <= '9') t[k++] = 'd';
        else if (f == 0x7B2C) t[k++] = 'D';      /* 第 */
        else if (f == 0x9875) t[k++] = 'Y';      /* 页 */
        else if (f == 0x5171) t[k++] = 'G';      /* 共 */
        else return 0;
        if (k >= sizeof t - 1)
            return 0;
    }
    t[k] = '\0';
    /* collapse digit runs */
    char u[64];
    size_t m = 0;
    for (size_t j = 0; j < k; j++)
        if (!(t[j] == 'd' && m && u[m - 1] == 'd'))
            u[m++] = t[j];
    u[m] = '\0';
    return !strcmp(u, "-d-") || !strcmp(u, "DdY") || !strcmp(u, "DdYGdY") || !strcmp(u, "d/d");
}

static int is_only_pipes(const char *s, size_t n)
{
    int any = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '|')
            any = 1;
        else if (s[i] != ' ' && s[i] != '\t')
            return 0;
    }
    return any;
}

static int is_md_separator(const char *s, size_t n)
{
    /* |---|:--:| ... : every cell a run of dashes (with optional colons); an empty cell
     * means a data row of "-" tokens and blanks, not a separator */
    size_t a = 0, e = n;
    if (a < e && s[a] == '|') a++;
    if (e > a && s[e - 1] == '|') e--;
    if (a >= e || !memchr(s, '|', n))
        return 0;
    size_t dashes = 0;
    for (size_t i = a; i <= e; i++) {
        char c = i < e ? s[i] : '|';
        if (c == '|') {
            if (dashes == 0)
                return 0;
            dashes = 0;
        } else if (c == '-') {
            dashes++;
        } else if (c != ':' && c != ' ' && c != '\t') {
            return 0;
        }
    }
    return 1;
}

/* A heading: the region it starts (a table index or REG_SEC + section), or -2. */
static int heading_of(const xxgk_template *t, const char *s, size_t n)
{
    char norm[400];
    /* headings are short lines without cell separators */
    if (n > 160 || memchr(s, '|', n) || memchr(s, '\t', n))
        return -2;
    size_t nl = label_norm(norm, sizeof norm, s, n);
    if (nl == 0 || nl >= sizeof norm)
        return -2;
    char *p = norm;
    while (*p == '#')
        p++;
    if (!strncmp(p, "表", 3)) {
        size_t o = xn_ordinal_len(p + 3);
        if (o == 0) {
            /* 表二: — the numeral without a following dot */
            static const char *const nums[] = { "一", "二", "三", "四", "五", "六" };
            for (size_t k = 0; k < 6; k++)
                if (!strncmp(p + 3, nums[k], 3)) { o = 3; break; }
            if (o) {
                p += 3 + o;
                if (*p == ':' || *p == '.')
                    p++;
            }
        } else {
            p += 3 + o;
        }
    }
    p += xn_ordinal_len(p);
    size_t pl = strlen(p);
    while (pl && (p[pl - 1] == ':' || p[pl - 1] == '.'))
        p[--pl] = '\0';
    if (!pl)
        return -2;
    for (size_t i = 0; i < t->nsections; i++) {
        const xt_section *sc = &t->sections[i];
        if (!sc->norm[0])
            continue;
        if (!strcmp(p, sc->norm))
            return REG_SEC + (int)i;
        for (size_t a = 0; a < sc->naliases; a++)
            if (!strcmp(p, sc->aliases[a]))
                return REG_SEC + (int)i;
    }
    for (size_t i = 0; i < t->ntables; i++) {
        const xt_table *tb = &t->tables[i];
        if (!strcmp(p, tb->norm))
            return (int)i;
        for (size_t a = 0; a < tb->naliases; a++)
            if (!strcmp(p, tb->aliases[a]))
                return (int)i;
    }
    return -2;
}

static int add_cell(reader *rd, uint32_t off, uint32_t len, uint32_t line_off)
{
    trim(rd->buf, &off, &len);
    if (grow((void **)&rd->cells, &rd->capcells, rd->ncells + 1, sizeof(tcell)))
        return XXGK_ENOMEM;
    tcell *c = &rd->cells[rd->ncells++];
    c->off = off;
    c->len = len;
    if (rd->col_line != rd->nlines || off < rd->col_off) {
        rd->col_line = rd->nlines;
        rd->col_off = line_off;
        rd->col_val = 1;
    }
    rd->col_val += (uint32_t)xn_utf8_count(rd->buf + rd->col_off, off - rd->col_off);
    rd->col_off = off;
    c->col = rd->col_val;
    c->line = (uint32_t)rd->nlines;
    vparse vp;
    c->value = (uint8_t)value_class(rd->buf + off, len, &vp);
    return 0;
}

/* Split a table line into cells. */
static int split_cells(reader *rd, tline *ln, uint32_t line_off)
{
    const char *s = rd->buf + ln->off;
    size_t n = ln->len;
    ln->c0 = (uint32_t)rd->ncells;
    char sep = memchr(s, '|', n) ? '|' : memchr(s, '\t', n) ? '\t' : 0;
    size_t nsep = 0;
    for (size_t i = 0; sep && i < n; i++)
        nsep += s[i] == sep;
    if (nsep > 64) {
        /* no table row has that many cells: one label */
        if (add_cell(rd, ln->off, (uint32_t)n, line_off))
            return XXGK_ENOMEM;
    } else if (sep) {
        ln->pipe = sep == '|';
        size_t a = 0, e = n;
        if (sep == '|') {
            if (a < e && s[a] == '|') a++;
            if (e > a && s[e - 1] == '|') e--;
        }
        size_t st = a;
        for (size_t i = a; i <= e; i++) {
            if (i == e || s[i] == sep) {
                if (add_cell(rd, (uint32_t)(ln->off + st), (uint32_t)(i - st), line_off))
                    return XXGK_ENOMEM;
                st = i + 1;
            }
        }
    } else {
        /* whitespace-separated fields: the values are the longest run of value fields at
         * the end, the label everything before them */
        size_t fo[512], fl[512], nf = 0, i = 0;
        while (i < n) {
            size_t w;
            while (i < n && (w = ws_at(s + i, n - i)) != 0)
                i += w;
            if (i >= n)
                break;
            size_t st = i;
            while (i < n && ws_at(s + i, n - i) == 0)
                i++;
            if (nf == 512) { nf = 0; break; } /* absurd: treat the line as one label */
            fo[nf] = st;
            fl[nf] = i - st;
            nf++;
        }
        size_t k = nf;
        vparse vp;
        while (k > 0 && value_class(s + fo[k - 1], fl[k - 1], &vp) != V_TEXT)
            k--;
        /* label fields one space apart form one cell ("商业 企业"); wider gaps separate cells */
        for (size_t j = 0; j < k;) {
            size_t m = j;
            while (m + 1 < k && fo[m + 1] == fo[m] + fl[m] + 1 && s[fo[m] + fl[m]] == ' ')
                m++;
            if (add_cell(rd, (uint32_t)(ln->off + fo[j]), (uint32_t)(fo[m] + fl[m] - fo[j]), line_off))
                return XXGK_ENOMEM;
            j = m + 1;
        }
        for (size_t j = k; j < nf; j++)
            if (add_cell(rd, (uint32_t)(ln->off + fo[j]), (uint32_t)fl[j], line_off))
                return XXGK_ENOMEM;
        if (nf == 0 && add_cell(rd, ln->off, (uint32_t)n, line_off))
            return XXGK_ENOMEM;
    }
    /* drop leading empty cells before a label (merged cells); a values-only row keeps them */
    uint32_t c0 = ln->c0, ce = (uint32_t)rd->ncells;
    ln->raw_c0 = c0;
    while (c0 < ce && rd->cells[c0].value == V_BLANK)
        c0++;
    if (c0 < ce && rd->cells[c0].value == V_TEXT)
        ln->c0 = c0;
    else if (c0 == ce)
        ln->c0 = c0;
    c0 = ln->c0;
    ln->nc = ce - c0;
    /* the label cells: every cell before the first number or token, up to the last word
     * there ("未经复议 | | 2.其他法律行政法规禁止公开 | 0 |...": the label is the third) */
    uint32_t first_val = 0;
    while (first_val < ln->nc && rd->cells[c0 + first_val].value != V_NUMBER &&
           rd->cells[c0 + first_val].value != V_TOKEN)
        first_val++;
    ln->nlab = 0;
    for (uint32_t k = 0; k < first_val; k++)
        if (rd->cells[c0 + k].value == V_TEXT)
            ln->nlab = k + 1;
    ln->nfilled = 0;
    for (uint32_t i = c0 + ln->nlab; i < ce; i++)
        if (rd->cells[i].value == V_NUMBER || rd->cells[i].value == V_TOKEN)
            ln->nfilled++;
    return 0;
}

/* ------------------------------------------------------------------------ */
/* template detection                                                       */
/* ------------------------------------------------------------------------ */

static void detect_words(const char *norm, int *s2019, int *s2021)
{
    static const char *const w2019[] = { "制作数量", "新公开数量", "对外公开总数量", "上一年项目数量",
                                         "本年增/减", "其他对外管理服务事项", "政府集中采购", "采购项目数量",
                                         "采购总金额" };
    static const char *const w2021[] = { "制发件数", "废止件数", "现行有效件数", "收费金额",
                                         "逾期不补正", "缴纳费用" };
    for (size_t i = 0; i < sizeof w2019 / sizeof *w2019; i++)
        if (has(norm, w2019[i]))
            (*s2019)++;
    for (size_t i = 0; i < sizeof w2021 / sizeof *w2021; i++)
        if (has(norm, w2021[i]))
            (*s2021)++;
}

/* ------------------------------------------------------------------------ */
/* label matching                                                           */
/* ------------------------------------------------------------------------ */

static int row_has_cells(const xt_row *rw)
{
    return (rw->flags & XT_ROW_CELLS) != 0 && rw->first_cell >= 0;
}

static int in_group(const xt_table *tb, int row, int grp)
{
    if (grp < 0)
        return 0;
    for (int p = tb->rows[row].parent; p >= 0; p = tb->rows[p].parent)
        if (p == grp)
            return 1;
    return 0;
}

/* Match a label to a row of table tb. Returns the row, -1 for no match, or -2 when two rows
 * match equally well (*amb1 and *amb2 name them). */
static int match_label(const xt_table *tb, const char *s, size_t n, int ctx, int loose, int *amb1, int *amb2)
{
    char norm[512];
    size_t nl = label_norm(norm, sizeof norm, s, n);
    if (nl == 0 || nl >= sizeof norm)
        return -1;
    const char *bare = norm + xn_ordinal_len(norm);
    size_t bare_cp = cp_len(bare);
    if (!*bare)
        return -1;
    int found[64], nf = 0;
    /* 1. exact */
    for (int i = 0; i < tb->nrows && nf < 64; i++) {
        const xt_row *rw = &tb->rows[i];
        int ok = !strcmp(norm, rw->norm);
        for (int a = 0; !ok && a < rw->naliases; a++)
            ok = !strcmp(norm, rw->aliases[a]);
        if (ok)
            found[nf++] = i;
    }
    /* 2. without ordinal prefix; short labels ("其他", "总计") only inside their group */
    if (nf == 0) {
        for (int i = 0; i < tb->nrows && nf < 64; i++) {
            const xt_row *rw = &tb->rows[i];
            int ok = !strcmp(bare, rw->norm_bare);
            for (int a = 0; !ok && a < rw->naliases; a++)
                ok = !strcmp(bare, rw->aliases[a] + xn_ordinal_len(rw->aliases[a]));
            if (ok && (bare_cp >= 3 || in_group(tb, i, ctx)))
                found[nf++] = i;
        }
    }
    /* 3. containment: the label holds a row's label and something more (a gloss) */
    if (nf == 0 && bare_cp >= 4 && loose) {
        size_t best = 0;
        for (int i = 0; i < tb->nrows; i++) {
            const xt_row *rw = &tb->rows[i];
            const char *cands[17];
            int nc = 0;
            cands[nc++] = rw->norm_bare;
            for (int a = 0; a < rw->naliases && nc < 17; a++)
                cands[nc++] = rw->aliases[a] + xn_ordinal_len(rw->aliases[a]);
            for (int c = 0; c < nc; c++) {
                size_t l = cp_len(cands[c]);
                if (l < 4 || l > bare_cp || bare_cp > 2 * l + 8 || !has(bare, cands[c]))
                    continue;
                if (l > best) {
                    best = l;
                    nf = 0;
                }
                if (l == best && (nf == 0 || found[nf - 1] != i) && nf < 64)
                    found[nf++] = i;
            }
        }
    }
    /* 4. a small edit distance (at most a quarter of the row's label), clearly better than
     * any other row */
    if (nf == 0 && bare_cp >= 4 && loose) {
        unsigned bestd = 1000, second = 1000;
        int bi = -1, bj = -1;
        /* distances beyond cap are only needed as "too far": cap is above every row's
         * limit plus the required margin */
        unsigned cap = 12;
        for (int i = 0; i < tb->nrows; i++) {
            unsigned l = (unsigned)(cp_len(tb->rows[i].norm_bare) / 4) + 2;
            if (l > cap)
                cap = l;
        }
        for (int i = 0; i < tb->nrows; i++) {
            const xt_row *rw = &tb->rows[i];
            size_t rl = cp_len(rw->norm_bare);
            unsigned limit = (unsigned)(rl / 4);
            unsigned d = xn_edit_distance(bare, rw->norm_bare, cap);
            if (d <= limit && d < bestd) {
                if (bi >= 0 && bestd < second) { second = bestd; bj = bi; }
                bestd = d;
                bi = i;
            } else if (d < second) {
                second = d;
                bj = i;
            }
        }
        if (bi < 0)
            return -1;
        if (second == bestd) {
            *amb1 = bi;
            *amb2 = bj;
            return -2;
        }
        return second >= bestd + 2 ? bi : -1;
    }
    if (nf == 1)
        return found[0];
    if (nf > 1) {
        int in = -1, nin = 0;
        for (int k = 0; k < nf; k++)
            if (in_group(tb, found[k], ctx)) {
                in = found[k];
                nin++;
            }
        if (nin == 1)
            return in;
        *amb1 = found[0];
        *amb2 = found[1];
        return -2;
    }
    return -1;
}

/* ------------------------------------------------------------------------ */
/* pass 2: rows of a table                                                   */
/* ------------------------------------------------------------------------ */

static long lno(const reader *rd, uint32_t li)
{
    return (long)rd->lines[li].no;
}

static int new_row(reader *rd, int row, uint32_t li, uint32_t col, uint32_t lab)
{
    if (grow((void **)&rd->rows, &rd->caprows, rd->nrows + 1, sizeof(trow)))
        return XXGK_ENOMEM;
    trow *w = &rd->rows[rd->nrows++];
    w->row = row;
    w->line = li;
    w->col = col;
    w->v0 = (uint32_t)rd->nvals;
    w->nv = 0;
    w->lab = lab;
    w->bad = 0;
    return 0;
}

static int add_val(reader *rd, uint32_t cell)
{
    if (grow((void **)&rd->vals, &rd->capvals, rd->nvals + 1, sizeof(uint32_t)))
        return XXGK_ENOMEM;
    rd->vals[rd->nvals++] = cell;
    rd->rows[rd->nrows - 1].nv++;
    return 0;
}

static int ambiguous(reader *rd, const xt_table *tb, uint32_t li, const tcell *c, int a, int b)
{
    return xx_error(XXGK_EAMBIGUOUS, lno(rd, li), (long)c->col, (long long)c->off, tb->rows[a].code,
                    "the label '%.*s' matches two rows of table %s equally well: '%s' and '%s'", (int)(c->len > 200 ? 200 : c->len), rd->buf + c->off,
                    tb->number, tb->rows[a].label, tb->rows[b].label);
}

/* Match the label cells of a line (left to right; groups set the context). Returns the
 * template row of the last label that names a row with cells, -1 if none, or an error. */
static int match_line_labels(reader *rd, const xt_table *tb, const tline *ln, int loose, int *ctx, int *row,
                             uint32_t *labcell, uint32_t *lastany)
{
    *row = -1;
    *labcell = UINT32_MAX;
    *lastany = UINT32_MAX;
    for (uint32_t k = 0; k < ln->nlab; k++) {
        const tcell *c = &rd->cells[ln->c0 + k];
        int a = -1, b = -1;
        int m = match_label(tb, rd->buf + c->off, c->len, *ctx, loose, &a, &b);
        if (m == -2 && ln->nfilled > 0)
            return ambiguous(rd, tb, (uint32_t)(ln - rd->lines), c, a, b);
        if (m < 0)
            continue;
        *lastany = ln->c0 + k;
        if (tb->rows[m].flags & XT_ROW_GROUP)
            *ctx = m;
        else if (tb->rows[m].parent >= 0)
            *ctx = tb->rows[m].parent;
        if (row_has_cells(&tb->rows[m]) || (tb->rows[m].flags & XT_ROW_CELLS)) {
            *row = m;
            *labcell = ln->c0 + k;
        }
    }
    if (*row < 0 && ln->nlab > 1) {
        /* the label split over cells: try them joined */
        const tcell *c0 = &rd->cells[ln->c0];
        char joined[512];
        size_t jl = 0;
        for (uint32_t k = 0; k < ln->nlab; k++) {
            const tcell *c = &rd->cells[ln->c0 + k];
            if (jl + c->len >= sizeof joined)
                return 0;
            memcpy(joined + jl, rd->buf + c->off, c->len);
            jl += c->len;
        }
        int a = -1, b = -1;
        int m = match_label(tb, joined, jl, *ctx, loose, &a, &b);
        if (m == -2 && ln->nfilled > 0)
            return ambiguous(rd, tb, (uint32_t)(ln - rd->lines), c0, a, b);
        if (m >= 0 && (tb->rows[m].flags & XT_ROW_CELLS)) {
            *row = m;
            *labcell = ln->c0;
        }
    }
    return 0;
}

/* A header line whose column labels come in another order than the template's: the values
 * below it cannot be placed by position. Returns 1 (and names it) when so. */
static int columns_out_of_order(reader *rd, const xt_table *tb, const tline *ln, int *rc)
{
    int last = -1, known = 0;
    *rc = 0;
    if (ln->nlab < 2)
        return 0;
    int ncols = tb->blocks[0].ncols;
    for (uint32_t k = 0; k < ln->nlab; k++) {
        const tcell *c = &rd->cells[ln->c0 + k];
        char norm[256];
        size_t nl = label_norm(norm, sizeof norm, rd->buf + c->off, c->len);
        if (nl == 0 || nl >= sizeof norm)
            continue;
        int pos = -1;
        for (uint16_t b = 0; b < tb->nblocks && pos < 0; b++)
            for (uint16_t j = 0; j < tb->blocks[b].ncols; j++)
                if (!strcmp(norm, tb->cols[tb->blocks[b].first_col + j].norm)) {
                    pos = j;
                    break;
                }
        if (pos < 0)
            continue;
        known++;
        /* the inline table repeats its columns once per row: a new run starts at the first
         * column right after the last one, and never with the total */
        int bad = pos <= last;
        if (tb->inline_layout) {
            int start = last < 0 || (pos == 0 && last == ncols - 1);
            bad = (pos <= last && !start) || (start && pos == ncols - 1 && k + 1 < ln->nlab);
        }
        if (bad) {
            long line = (long)ln->no;
            *rc = xx_diagf(rd->r, "READ.SCRAMBLED", XXGK_SEVERITY_ERROR, line, (long)c->col, NULL,
                           "第%ld行：表%s的列“%.*s”与格式的列顺序不符，该表未读入",
                           "line %ld: table %s: the column '%.*s' is out of the template's order; the table is not read",
                           line, tb->number, (int)(c->len > 60 ? 60 : c->len), rd->buf + c->off);
            return 1;
        }
        last = pos;
    }
    return 0;
}

static int build_rows_rowmode(reader *rd, int ti, size_t *first_row)
{
    const xt_table *tb = &rd->t->tables[ti];
    int ctx = -1, rc;
    *first_row = rd->nrows;
    for (size_t li = 0; li < rd->nlines; li++) {
        tline *ln = &rd->lines[li];
        if (ln->region != ti || ln->heading || ln->skip || ln->nc == 0)
            continue;
        int row = -1;
        uint32_t lab, lastany;
        if (tb->inline_layout && ln->pipe && ln->c0 + ln->nc - ln->raw_c0 == tb->ncells) {
            /* the inline table's one line of all its cells, whatever the first ones hold */
            uint32_t any = 0;
            for (uint32_t k = ln->raw_c0; k < ln->c0 + ln->nc; k++)
                any += rd->cells[k].value == V_NUMBER || rd->cells[k].value == V_TOKEN;
            if (any) {
                if ((rc = new_row(rd, -1, (uint32_t)li, rd->cells[ln->raw_c0].col, UINT32_MAX)) != 0)
                    return rc;
                for (uint32_t k = ln->raw_c0; k < ln->c0 + ln->nc; k++)
                    if ((rc = add_val(rd, k)) != 0)
                        return rc;
                continue;
            }
        }
        if (ln->nfilled == 0) {
            /* a header or a label fragment */
            if (columns_out_of_order(rd, tb, ln, &rc)) {
                rd->nrows = *first_row;
                return rc ? rc : 1;
            }
            /* ... or a row whose values are all words ("行政许可 | 不适用"): a matched row
             * label followed by exactly its number of cells, none of them a label */
            if ((rc = match_line_labels(rd, tb, ln, 0, &ctx, &row, &lab, &lastany)) != 0)
                return rc;
            if (row < 0 || lastany != lab || tb->inline_layout ||
                ln->c0 + ln->nc - (lab + 1) != (uint32_t)tb->blocks[tb->rows[row].block].ncols)
                continue;
            int words = 0;
            for (uint32_t k = lab + 1; k < ln->c0 + ln->nc; k++)
                words += rd->cells[k].value == V_TEXT;
            if (!words)
                continue;
            if ((rc = new_row(rd, row, (uint32_t)li, rd->cells[lab].col, lab)) != 0)
                return rc;
            for (uint32_t k = lab + 1; k < ln->c0 + ln->nc; k++)
                if ((rc = add_val(rd, k)) != 0)
                    return rc;
            continue;
        }
        if ((rc = match_line_labels(rd, tb, ln, 1, &ctx, &row, &lab, &lastany)) != 0)
            return rc;
        if (row >= 0 && lab + 1 < ln->c0 + ln->nlab) {
            /* words after the matched label: the row's values (tokens) when they make
             * exactly its cells; with more cells than that, the first is a label that matched
             * nothing ("（六）其他处理 | 1.申请人无正当理由逾 | 1 | ..."), perhaps torn from
             * another row: the row is not known */
            uint32_t after = ln->c0 + ln->nc - (lab + 1);
            uint32_t w = (uint32_t)tb->blocks[tb->rows[row].block].ncols;
            while (after > w && rd->cells[lab + after].value == V_BLANK)
                after--;
            if (after > w)
                row = -1;
        }
        /* the values follow the matched label (a text cell after it is a token) */
        uint32_t v0 = row >= 0 ? lab + 1 : ln->c0 + ln->nlab, ve = ln->c0 + ln->nc;
        uint32_t filled = 0;
        for (uint32_t k = v0; k < ve; k++)
            if (rd->cells[k].value == V_NUMBER || rd->cells[k].value == V_TOKEN)
                filled++;
        if (filled == 0)
            continue; /* a header or a label fragment */
        if (ln->nlab == 0 && !ln->pipe && ve - v0 == 1) {
            const tcell *c = &rd->cells[ln->c0];
            int cl = (int)(c->len > 60 ? 60 : c->len);
            if ((rc = xx_diagf(rd->r, "READ.IGNORED", XXGK_SEVERITY_INFO, lno(rd, (uint32_t)li), (long)c->col,
                               NULL, "第%ld行：表%s中孤立的数值“%.*s”不在任何表格行中，已忽略",
                               "line %ld: table %s: the lone value '%.*s' is not part of a table row; ignored",
                               lno(rd, (uint32_t)li), tb->number, cl, rd->buf + c->off)) != 0)
                return rc;
            continue;
        }
        const tcell *first = &rd->cells[ln->c0];
        if (ln->nlab > 0 && row < 0) {
            const tcell *c = &rd->cells[ln->c0 + ln->nlab - 1];
            int cl = (int)(c->len > 120 ? 120 : c->len);
            if ((rc = xx_diagf(rd->r, "READ.UNMATCHED", XXGK_SEVERITY_WARNING, lno(rd, (uint32_t)li),
                               (long)c->col, NULL, "第%ld行：行标签“%.*s”与表%s的任何行都不对应",
                               "line %ld: the row label '%.*s' matches no row of table %s",
                               lno(rd, (uint32_t)li), cl, rd->buf + c->off, tb->number)) != 0)
                return rc;
        }
        if ((rc = new_row(rd, row, (uint32_t)li, row >= 0 ? rd->cells[lab].col : first->col, lab)) != 0)
            return rc;
        for (uint32_t k = v0; k < ve; k++)
            if ((rc = add_val(rd, k)) != 0)
                return rc;
    }
    return 0;
}

/* Close a run of rows read without a label between them (a labeled row and the unlabeled
 * rows its surplus values form): unless its values divide into whole rows, a cell may have
 * been left out somewhere and no value of the run can be placed by position. */
static int close_run(reader *rd, const xt_table *tb, size_t run0, uint32_t width)
{
    if (run0 == SIZE_MAX || rd->nrows - run0 < 2 || width == 0)
        return 0;
    size_t total = 0;
    for (size_t k = run0; k < rd->nrows; k++)
        total += rd->rows[k].nv;
    if (total % width == 0)
        return 0;
    for (size_t k = run0; k < rd->nrows; k++)
        rd->rows[k].bad = 1;
    const trow *a = &rd->rows[run0], *b = &rd->rows[rd->nrows - 1];
    long l1 = lno(rd, a->line), l2 = lno(rd, rd->cells[rd->vals[b->v0 + b->nv - 1]].line);
    return xx_diagf(rd->r, "READ.UNPLACED", XXGK_SEVERITY_WARNING, l1, (long)a->col, NULL,
                    "第%ld–%ld行：表%s中这 %zu 个数值不能分成每行 %u 个的整行（可能漏了单元格），均未读入",
                    "lines %ld-%ld: table %s: these %zu values do not make whole rows of %u cells (a cell may be "
                    "missing); none is placed",
                    l1, l2, tb->number, total, width);
}

/* Stream layouts: one cell per line. A label opens a row, the values that follow fill it;
 * values beyond its width form unlabeled rows of the same width. */
static int build_rows_stream(reader *rd, int ti, size_t *first_row)
{
    const xt_table *tb = &rd->t->tables[ti];
    int ctx = -1, rc;
    int open = 0;       /* a row is open (rows[nrows-1]) */
    uint32_t width = 0; /* its width */
    uint32_t prev_text = UINT32_MAX; /* the label cell just before, if it matched nothing */
    size_t run0 = SIZE_MAX;          /* first row of the current run */
    uint32_t runw = 0;
    *first_row = rd->nrows;
    for (size_t li = 0; li < rd->nlines; li++) {
        tline *ln = &rd->lines[li];
        if (ln->region != ti || ln->heading || ln->skip || ln->nc == 0)
            continue;
        for (uint32_t k = 0; k < ln->nc; k++) {
            uint32_t ci = ln->c0 + k;
            const tcell *c = &rd->cells[ci];
            if (c->value == V_TEXT) {
                int a = -1, b = -1;
                int m = match_label(tb, rd->buf + c->off, c->len, ctx, 1, &a, &b);
                if (m == -2)
                    return ambiguous(rd, tb, (uint32_t)li, c, a, b);
                if (m < 0 && prev_text != UINT32_MAX) {
                    /* a label broken over two cells ("2.其他法律行政法规禁" / "止公开"): joined,
                     * it must match exactly (or without its ordinal) */
                    const tcell *pc = &rd->cells[prev_text];
                    char joined[512];
                    if (pc->len + c->len < sizeof joined) {
                        memcpy(joined, rd->buf + pc->off, pc->len);
                        memcpy(joined + pc->len, rd->buf + c->off, c->len);
                        m = match_label(tb, joined, pc->len + c->len, ctx, 0, &a, &b);
                        if (m >= 0)
                            c = pc;
                        else
                            m = -1;
                    }
                }
                prev_text = ci;
                if (m < 0 && open && rd->rows[rd->nrows - 1].nv > 0 && rd->rows[rd->nrows - 1].nv < width) {
                    if ((rc = add_val(rd, ci)) != 0) /* text among the values: a token */
                        return rc;
                    continue;
                }
                if (open && rd->rows[rd->nrows - 1].nv == 0)
                    rd->nrows--; /* a label without values: a header mention */
                open = 0;
                if ((rc = close_run(rd, tb, run0, runw)) != 0)
                    return rc;
                run0 = SIZE_MAX;
                if (m < 0)
                    continue;
                if (tb->rows[m].flags & XT_ROW_GROUP)
                    ctx = m;
                else if (tb->rows[m].parent >= 0)
                    ctx = tb->rows[m].parent;
                if (!(tb->rows[m].flags & XT_ROW_CELLS))
                    continue;
                if ((rc = new_row(rd, m, (uint32_t)li, c->col, ci)) != 0)
                    return rc;
                open = 1;
                width = tb->blocks[tb->rows[m].block].ncols;
                run0 = rd->nrows - 1;
                runw = width;
            } else if (c->value == V_BLANK) {
                continue;
            } else {
                prev_text = UINT32_MAX;
                if (open && rd->rows[rd->nrows - 1].nv >= width) {
                    open = 0;
                }
                if (!open) {
                    /* an unlabeled row: as wide as the row it follows (or the table) */
                    uint32_t w = tb->inline_layout ? tb->ncells : tb->width;
                    if (rd->nrows > *first_row) {
                        const trow *pw = &rd->rows[rd->nrows - 1];
                        if (pw->row >= 0)
                            w = tb->blocks[tb->rows[pw->row].block].ncols;
                        else
                            w = width;
                    }
                    if (tb->inline_layout)
                        w = (uint32_t)tb->ncells;
                    if ((rc = new_row(rd, -1, (uint32_t)li, c->col, UINT32_MAX)) != 0)
                        return rc;
                    open = 1;
                    width = w;
                    if (run0 == SIZE_MAX) {
                        run0 = rd->nrows - 1;
                        runw = w;
                    }
                }
                if ((rc = add_val(rd, ci)) != 0)
                    return rc;
            }
        }
    }
    if (open && rd->rows[rd->nrows - 1].nv == 0)
        rd->nrows--;
    if (run0 != SIZE_MAX && run0 < rd->nrows)
        return close_run(rd, tb, run0, runw);
    return 0;
}

/* ------------------------------------------------------------------------ */
/* pass 3: placing values                                                    */
/* ------------------------------------------------------------------------ */

static const char *short_label(const xt_row *rw)
{
    return rw->label;
}

static int put_value(reader *rd, size_t id, const tcell *c)
{
    uint32_t li = c->line;
    const xt_cell *xc = &rd->t->cells[id];
    const xt_col *col = &rd->t->tables[xc->table].cols[xc->col];
    const char *s = rd->buf + c->off;
    vparse vp;
    int cls = value_class(s, c->len, &vp);
    uint32_t line = (uint32_t)lno(rd, li);
    if (cls == V_BLANK) {
        rd->r->cells[id].state = XXGK_CELL_BLANK;
        return 0;
    }
    if (cls == V_NUMBER) {
        int64_t micros;
        int integral;
        int rc = xx_parse_decimal(vp.num, vp.n, 0, &micros, &integral);
        if (rc == 0 && vp.word_sign) {
            if (xc->kind != XXGK_KIND_SIGNED_COUNT)
                rc = XXGK_EPARSE;
            else if (vp.word_sign < 0)
                micros = -micros;
        }
        if (rc == 0 && vp.unit == 3) {
            if (strcmp(col->unit, "万元") != 0) {
                rc = strcmp(col->unit, "元") == 0 ? 0 : XXGK_EPARSE;
            } else if (micros % 10000 != 0) {
                rc = XXGK_EKIND;
            } else {
                micros /= 10000;
                integral = micros % XX_MICROS == 0;
                char txt[32];
                xx_format_number(txt, micros, XXGK_KIND_AMOUNT);
                if ((rc = xx_diagf(rd->r, "READ.NOTE", XXGK_SEVERITY_INFO, line, c->col, xc->path,
                                   "%s：“%.*s”按元换算为 %s 万元", "%s: '%.*s' converted from yuan to %s (10,000 yuan)",
                                   xc->path, (int)c->len, s, txt)) != 0)
                    return rc;
            }
        } else if (rc == 0 && vp.unit == 2 && strcmp(col->unit, "万元") != 0) {
            rc = XXGK_EPARSE;
        }
        int64_t v = 0;
        if (rc == 0)
            rc = xx_value_for_kind(micros, integral, xc->kind, &v);
        if (rc == 0) {
            xx_set_number(rd->r, id, v, line, c->col);
            if (vp.word_sign)
                return xx_diagf(rd->r, "READ.NOTE", XXGK_SEVERITY_INFO, line, c->col, xc->path,
                                "%s：“%.*s”读作 %lld", "%s: '%.*s' read as %lld", xc->path, (int)c->len, s,
                                (long long)v);
            return 0;
        }
        /* a number this cell cannot hold (a fraction in a count, too many decimals, out of
         * range, 减 in an unsigned cell): kept as a token when its text cannot be mistaken
         * for a number ("0.123456789元"), else the cell stays blank; the diagnostic names it */
        if (!xx_is_plain_decimal(s, c->len)) {
            if ((rc = xx_set_token(rd->r, id, s, c->len, line, c->col)) != 0)
                return rc;
            return xx_diagf(rd->r, "READ.VALUE", XXGK_SEVERITY_WARNING, line, c->col, xc->path,
                            "%s：“%.*s”不是该单元格可用的数值，按原文保留",
                            "%s: '%.*s' is not a valid value for this cell; kept as written", xc->path, (int)c->len,
                            s);
        }
        rd->r->cells[id].state = XXGK_CELL_BLANK;
        return xx_diagf(rd->r, "READ.VALUE", XXGK_SEVERITY_WARNING, line, c->col, xc->path,
                        "%s：“%.*s”不是该单元格可用的数值，该单元格留空",
                        "%s: '%.*s' is not a valid value for this cell; the cell is left blank", xc->path, (int)c->len,
                        s);
    }
    {
        /* text that is a number after all (too long to be read as one here): it cannot be
         * kept as a token either, which would read as a number elsewhere */
        if (xx_is_plain_decimal(s, c->len)) {
            rd->r->cells[id].state = XXGK_CELL_BLANK;
            return xx_diagf(rd->r, "READ.VALUE", XXGK_SEVERITY_WARNING, line, c->col, xc->path,
                            "%s：“%.*s”不是该单元格可用的数值，该单元格留空",
                            "%s: '%.*s' is not a valid value for this cell; the cell is left blank", xc->path,
                            (int)(c->len > 80 ? 80 : c->len), s);
        }
    }
    return xx_set_token(rd->r, id, s, c->len, line, c->col);
}

static int row_width(const xt_table *tb, int row)
{
    return tb->blocks[tb->rows[row].block].ncols;
}

/* Place row w's values in template row `row`. */
static int place_row(reader *rd, const xt_table *tb, const trow *w, int row, int *placed)
{
    uint32_t nv = w->nv, v0 = w->v0;
    uint32_t width = (uint32_t)row_width(tb, row);
    const xt_row *rw = &tb->rows[row];
    while (nv > width && rd->cells[rd->vals[v0 + nv - 1]].value == V_BLANK)
        nv--;
    /* an unlabeled row keeps an empty label column ("| | 4 | 0 |..."): too many cells by
     * leading blanks only */
    while (w->lab == UINT32_MAX && nv > width && rd->cells[rd->vals[v0]].value == V_BLANK) {
        v0++;
        nv--;
    }
    long line = lno(rd, w->line);
    if (nv != width) {
        *placed = 0;
        return xx_diagf(rd->r, nv < width ? "READ.ROW_INCOMPLETE" : "READ.ROW_EXTRA", XXGK_SEVERITY_WARNING, line,
                        (long)w->col, tb->rows[row].first_cell >= 0 ? rd->t->cells[rw->first_cell].path : NULL,
                        "第%ld行：表%s“%s”应有 %u 个单元格，实有 %u 个；该行未读入",
                        "line %ld: table %s row '%s' needs %u cells, the text has %u; the row is left blank",
                        line, tb->number, short_label(rw), width, nv);
    }
    *placed = 1;
    for (uint32_t k = 0; k < width; k++) {
        int rc = put_value(rd, (size_t)rw->first_cell + k, &rd->cells[rd->vals[v0 + k]]);
        if (rc)
            return rc;
    }
    return 0;
}

static int unplaced(reader *rd, const xt_table *tb, const trow *a, const trow *b, const char *why_zh,
                    const char *why_en)
{
    long l1 = lno(rd, a->line), l2 = lno(rd, b->nv ? rd->cells[rd->vals[b->v0 + b->nv - 1]].line : b->line);
    char zh[512], en[512];
    snprintf(zh, sizeof zh, "第%ld–%ld行：表%s中没有行标签的数值行未读入（%s）", l1, l2, tb->number, why_zh);
    snprintf(en, sizeof en, "lines %ld-%ld: unlabeled value rows of table %s left blank (%s)", l1, l2, tb->number,
             why_en);
    return xx_diag(rd->r, "READ.UNPLACED", XXGK_SEVERITY_WARNING, l1, (long)a->col, NULL, zh, en);
}

static int place_table(reader *rd, int ti, size_t r0, size_t r1, int *seen)
{
    const xt_table *tb = &rd->t->tables[ti];
    int rc;
    /* reading order: a row printed twice, or rows out of the template's order when some
     * rows are placed by order (unlabeled), make the table unreadable */
    int last = -1, unlabeled = 0, bad = 0;
    size_t bad_at = r0;
    unsigned char twice[256];
    memset(twice, 0, sizeof twice);
    for (size_t i = r0; i < r1; i++)
        if (rd->rows[i].row < 0)
            unlabeled = 1;
    for (size_t i = r0; i < r1 && !bad; i++) {
        const trow *w = &rd->rows[i];
        if (w->row < 0)
            continue;
        if (twice[w->row] || (unlabeled && w->row <= last)) {
            bad = 1;
            bad_at = i;
            break;
        }
        twice[w->row] = 1;
        last = w->row;
    }
    if (bad) {
        const trow *w = &rd->rows[bad_at];
        long line = lno(rd, w->line);
        const char *prevl = last >= 0 ? tb->rows[last].label : tb->rows[w->row].label;
        return xx_diagf(rd->r, "READ.SCRAMBLED", XXGK_SEVERITY_ERROR, line, (long)w->col, NULL,
                        "第%ld行：表%s的行顺序与格式不符（“%s”出现在“%s”之后），该表未读入",
                        "line %ld: the rows of table %s are out of order ('%s' after '%s'); the table is not read",
                        line, tb->number, tb->rows[w->row].label, prevl);
    }
    for (size_t i = r0; i < r1;) {
        const trow *w = &rd->rows[i];
        if (w->row >= 0 && w->bad) {
            seen[w->row] = 1;
            i++;
            continue;
        }
        if (w->row >= 0) {
            int placed;
            if ((rc = place_row(rd, tb, w, w->row, &placed)) != 0)
                return rc;
            seen[w->row] = 1;
            int items = 0;
            for (size_t k = r0; k < r1; k++)
                if (rd->rows[k].row > w->row && rd->rows[k].row <= tb->rows[w->row].last_desc)
                    items = 1;
            if (placed && !items && (tb->rows[w->row].flags & XT_ROW_OPTIONAL)) {
                long line = lno(rd, w->line);
                for (int k = w->row + 1; k <= tb->rows[w->row].last_desc; k++)
                    seen[k] = 1;
                if ((rc = xx_diagf(rd->r, "READ.SUBTOTAL", XXGK_SEVERITY_INFO, line, (long)w->col,
                                   rd->t->cells[tb->rows[w->row].first_cell].path,
                                   "第%ld行：“%s”按一行填报，读入其合计单元格，其各子项留空",
                                   "line %ld: '%s' is printed as one row: read into its subtotal cells, its items left blank",
                                   line, tb->rows[w->row].label)) != 0)
                    return rc;
            }
            i++;
            continue;
        }
        /* a run of unlabeled rows */
        size_t j = i;
        while (j < r1 && rd->rows[j].row < 0)
            j++;
        const trow *a = &rd->rows[i], *b = &rd->rows[j - 1];
        int anybad = 0;
        for (size_t k = i; k < j; k++)
            anybad |= rd->rows[k].bad;
        if (anybad) {
            i = j;
            continue;
        }
        if (tb->inline_layout && j - i == 1 && a->nv >= tb->ncells) {
            /* the inline table: one row of all cells */
            uint32_t nv = a->nv;
            while (nv > tb->ncells && rd->cells[rd->vals[a->v0 + nv - 1]].value == V_BLANK)
                nv--;
            if (nv == tb->ncells) {
                for (uint32_t k = 0; k < nv; k++)
                    if ((rc = put_value(rd, tb->first_cell + k, &rd->cells[rd->vals[a->v0 + k]])) != 0)
                        return rc;
                for (int k = 0; k < tb->nrows; k++)
                    seen[k] = 1;
                i = j;
                continue;
            }
        }
        int prev = -1, next = -1;
        for (size_t k = i; k-- > r0;)
            if (rd->rows[k].row >= 0) { prev = rd->rows[k].row; break; }
        if (j < r1)
            next = rd->rows[j].row;
        if (prev < 0 || next < 0) {
            if ((rc = unplaced(rd, tb, a, b, prev < 0 ? "前面没有可对应的行标签" : "后面没有可对应的行标签",
                               prev < 0 ? "no matched row label before them" : "no matched row label after them")) != 0)
                return rc;
            i = j;
            continue;
        }
        int between[64], nb = 0;
        for (int k = prev + 1; k < next && nb < 64; k++)
            if ((tb->rows[k].flags & XT_ROW_CELLS) && !(tb->rows[k].flags & XT_ROW_OPTIONAL))
                between[nb++] = k;
        if ((size_t)nb != j - i) {
            char zh[160], en[160];
            snprintf(zh, sizeof zh, "%zu 行数值，而两侧行标签之间有 %d 个格式行", j - i, nb);
            snprintf(en, sizeof en, "%zu value rows where the template has %d rows between the labels around them",
                     j - i, nb);
            if ((rc = unplaced(rd, tb, a, b, zh, en)) != 0)
                return rc;
            i = j;
            continue;
        }
        for (size_t k = i; k < j; k++) {
            int placed;
            const trow *u = &rd->rows[k];
            if ((rc = place_row(rd, tb, u, between[k - i], &placed)) != 0)
                return rc;
            seen[between[k - i]] = 1;
            if (placed) {
                long line = lno(rd, u->line);
                if ((rc = xx_diagf(rd->r, "READ.ORDER", XXGK_SEVERITY_INFO, line, (long)u->col,
                                   rd->t->cells[tb->rows[between[k - i]].first_cell].path,
                                   "第%ld行：没有行标签的数值行按位置（“%s”与“%s”之间）读作“%s”",
                                   "line %ld: an unlabeled value row read by its position (between '%s' and '%s') as '%s'",
                                   line, tb->rows[prev].label, tb->rows[next].label,
                                   tb->rows[between[k - i]].label)) != 0)
                    return rc;
            }
        }
        i = j;
    }
    return 0;
}

static int missing(reader *rd, int ti, const int *seen, int table_found, long end_line)
{
    const xt_table *tb = &rd->t->tables[ti];
    if (!table_found)
        return xx_diagf(rd->r, "READ.MISSING", XXGK_SEVERITY_WARNING, end_line, 1, NULL,
                        "未找到表%s（%s）", "table %s (%s) not found", tb->number, tb->heading);
    for (int k = 0; k < tb->nrows;) {
        if (seen[k] || !(tb->rows[k].flags & XT_ROW_CELLS) || (tb->rows[k].flags & XT_ROW_OPTIONAL)) {
            k++;
            continue;
        }
        int e = k;
        for (int m = k + 1; m < tb->nrows; m++) {
            if (seen[m])
                break;
            if ((tb->rows[m].flags & XT_ROW_CELLS) && !(tb->rows[m].flags & XT_ROW_OPTIONAL))
                e = m;
        }
        int rc;
        if (e == k)
            rc = xx_diagf(rd->r, "READ.MISSING", XXGK_SEVERITY_WARNING, end_line, 1,
                          rd->t->cells[tb->rows[k].first_cell].path, "表%s未找到“%s”行", "table %s: row '%s' not found",
                          tb->number, tb->rows[k].label);
        else
            rc = xx_diagf(rd->r, "READ.MISSING", XXGK_SEVERITY_WARNING, end_line, 1,
                          rd->t->cells[tb->rows[k].first_cell].path, "表%s未找到“%s”至“%s”各行",
                          "table %s: rows '%s' to '%s' not found", tb->number, tb->rows[k].label, tb->rows[e].label);
        if (rc)
            return rc;
        k = e + 1;
    }
    return 0;
}

/* ------------------------------------------------------------------------ */
/* title and narrative                                                       */
/* ------------------------------------------------------------------------ */

static int find_year(const char *s, size_t n, size_t *at)
{
    for (size_t i = 0; i + 7 <= n; i++) {
        if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
            continue;
        size_t k = 0;
        while (k < 4 && s[i + k] >= '0' && s[i + k] <= '9')
            k++;
        if (k == 4 && !memcmp(s + i + 4, "年", 3)) {
            int y = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
            if (y >= 1949) {
                *at = i;
                return y;
            }
        }
    }
    return 0;
}

static int is_title(const char *s, size_t n)
{
    char norm[600];
    if (n > 400)
        return 0;
    size_t nl = label_norm(norm, sizeof norm, s, n);
    if (nl >= sizeof norm)
        return 0;
    size_t at;
    return has(norm, "年度报告") && has(norm, "政府信息公开") && find_year(s, n, &at) != 0;
}

static int set_title(reader *rd, const char *s, size_t n)
{
    int rc = xx_set_string(&rd->r->title, s, n);
    if (rc)
        return rc;
    size_t at = 0;
    int y = find_year(s, n, &at);
    if (y > 9999)
        y = 0;
    rd->r->year = y;
    uint32_t ao = (uint32_t)0, al = (uint32_t)at;
    trim(s, &ao, &al);
    if (al == 0) {
        /* 2023年度XX局政府信息公开工作年度报告: the agency follows the year */
        size_t st = at + 7;
        if (st + 3 <= n && !memcmp(s + st, "度", 3))
            st += 3;
        const char *e = NULL;
        for (size_t i = st; i + 15 <= n; i++)
            if (!memcmp(s + i, "政府信息公", 15)) { e = s + i; break; }
        ao = (uint32_t)st;
        al = e ? (uint32_t)(e - s - (ptrdiff_t)st) : 0;
        trim(s, &ao, &al);
    }
    return xx_set_string(&rd->r->agency, s + ao, al);
}

static int join_lines(reader *rd, int region, size_t from, char **field)
{
    xbuf b = { 0 };
    for (size_t li = from; li < rd->nlines; li++) {
        const tline *ln = &rd->lines[li];
        if (ln->region != region || ln->heading || ln->skip || ln->len == 0)
            continue;
        if (b.len)
            xb_putc(&b, '\n');
        xb_put(&b, rd->buf + ln->off, ln->len);
    }
    if (b.failed) {
        xb_free(&b);
        return xx_oom();
    }
    int rc = xx_set_string(field, b.p ? b.p : "", b.len);
    xb_free(&b);
    return rc;
}

/* The table whose row a line before any heading is: a row label matched exactly (in either
 * template) followed by values. -1 if none. */
static int headless_table(reader *rd, const tline *ln)
{
    if (ln->nfilled == 0 || ln->nlab == 0)
        return -1;
    for (size_t k = 0; k < xt_ntemplates; k++) {
        const xxgk_template *t = xt_templates[k];
        for (size_t ti = 0; ti < t->ntables; ti++)
            for (uint32_t c = 0; c < ln->nlab; c++) {
                const tcell *cell = &rd->cells[ln->c0 + c];
                int a, b;
                int m = match_label(&t->tables[ti], rd->buf + cell->off, cell->len, -1, 0, &a, &b);
                if (m >= 0 && (t->tables[ti].rows[m].flags & XT_ROW_CELLS))
                    return (int)ti;
            }
    }
    return -1;
}

/* ------------------------------------------------------------------------ */
/* the reader                                                                */
/* ------------------------------------------------------------------------ */

static int html_at(const char *s, size_t n)
{
    for (size_t i = 0; i + 3 < n; i++) {
        if (s[i] != '<')
            continue;
        const char *p = s + i + 1;
        size_t m = n - i - 1;
        if (m >= 5 && !strncmp(p, "table", 5)) return (int)i + 1;
        if (m >= 5 && !strncmp(p, "TABLE", 5)) return (int)i + 1;
        if (m >= 2 && (p[0] == 't' || p[0] == 'T') && (p[1] == 'r' || p[1] == 'd' || p[1] == 'R' || p[1] == 'D') &&
            m >= 3 && (p[2] == '>' || p[2] == ' '))
            return (int)i + 1;
    }
    return 0;
}

static void reader_free(reader *rd)
{
    xx_free(rd->lines);
    xx_free(rd->cells);
    xx_free(rd->rows);
    xx_free(rd->vals);
}

static int read_text(reader *rd, const struct xxgk_parse_options *o)
{
    const char *buf = rd->buf;
    size_t len = rd->len;
    int rc;
    /* pass 1: lines and regions */
    const xxgk_template *ht = o->tpl ? o->tpl : xxgk_template_default();
    int region = REG_PRE;
    int s2019 = 0, s2021 = 0;
    long lineno = 0;
    size_t pos = 0;
    while (pos < len) {
        const char *nl = memchr(buf + pos, '\n', len - pos);
        size_t e = nl ? (size_t)(nl - buf) : len;
        lineno++;
        if (e - pos > o->max_line)
            return xx_error(XXGK_ELIMIT, lineno, 1, (long long)pos, NULL,
                            "line of %zu bytes exceeds the limit of %zu bytes", e - pos, o->max_line);
        if (e > UINT32_MAX - 1 || lineno >= (long)(UINT32_MAX / 2))
            return xx_error(XXGK_ELIMIT, 0, 0, -1, NULL, "input too large");
        uint32_t toff = (uint32_t)pos, tlen = (uint32_t)(e - pos);
        trim(buf, &toff, &tlen);
        if (tlen == 0) {
            pos = e + 1;
            continue;
        }
        if (grow((void **)&rd->lines, &rd->caplines, rd->nlines + 1, sizeof(tline)))
            return XXGK_ENOMEM;
        tline *ln = &rd->lines[rd->nlines];
        memset(ln, 0, sizeof *ln);
        ln->no = (uint32_t)lineno;
        ln->off = toff;
        ln->len = tlen;
        uint32_t line_off = (uint32_t)pos;
        const char *s = buf + ln->off;
        size_t n = ln->len;
        const char *nul = memchr(s, '\0', n);
        if (nul) {
            long col = (long)xn_utf8_count(buf + pos, (size_t)(nul - (buf + pos))) + 1;
            return xx_error(XXGK_EPARSE, lineno, col, (long long)(nul - buf), NULL, "NUL byte in the text");
        }
        int h = n ? html_at(s, n) : 0;
        if (h) {
            long col = (long)xn_utf8_count(buf + pos, (size_t)(ln->off - pos) + (size_t)h - 1) + 1;
            return xx_error(XXGK_EFORMAT, lineno, col, (long long)(ln->off + (uint32_t)h - 1), NULL,
                            "HTML table markup in the text; HTML input is not supported yet (convert the page to "
                            "plain text first)");
        }
        if (n) {
            int hd = heading_of(ht, s, n);
            if (hd != -2) {
                region = hd;
                ln->heading = 1;
            } else if (region == REG_PRE && n <= 400) {
                /* before any heading: a table row without its table's heading (an excerpt
                 * that starts inside a table) starts that table */
                if (!is_only_pipes(s, n) && !is_md_separator(s, n) && !is_page_footer(s, n)) {
                    size_t save = rd->ncells;
                    if ((rc = split_cells(rd, ln, line_off)) != 0)
                        return rc;
                    int ti = headless_table(rd, ln);
                    if (ti >= 0) {
                        region = ti;
                        char norm[600];
                        if (label_norm(norm, sizeof norm, s, n) < sizeof norm)
                            detect_words(norm, &s2019, &s2021);
                    } else {
                        rd->ncells = save;
                        ln->c0 = ln->nc = ln->nlab = ln->nfilled = 0;
                        ln->pipe = 0;
                    }
                }
            } else if (region >= 0 && region < REG_SEC) {
                if (is_only_pipes(s, n) || is_md_separator(s, n) || is_page_footer(s, n)) {
                    ln->skip = 1;
                } else {
                    if (n <= 400 && (region == 0 || find_bytes(s, n, "逾期"))) {
                        char norm[600];
                        if (label_norm(norm, sizeof norm, s, n) < sizeof norm)
                            detect_words(norm, &s2019, &s2021);
                    }
                    if ((rc = split_cells(rd, ln, line_off)) != 0)
                        return rc;
                }
            }
        }
        ln->region = (int16_t)region;
        rd->nlines++;
        pos = e + 1;
    }
    /* the template */
    const xxgk_template *t = o->tpl;
    int template_note = !t && (s2019 > 0) == (s2021 > 0);
    if (!t)
        t = xxgk_template_get(s2019 > s2021 ? "2019" : "2021");
    if (!t)
        t = xxgk_template_default();
    rd->t = t;
    if ((rc = xxgk_report_new(&rd->r, t)) != 0)
        return rc;
    if (template_note) {
        long first_table = 0;
        for (size_t li = 0; li < rd->nlines && !first_table; li++)
            if (rd->lines[li].region >= 0 && rd->lines[li].region < REG_SEC)
                first_table = (long)rd->lines[li].no;
        if (first_table &&
            (rc = xx_diagf(rd->r, "READ.TEMPLATE", XXGK_SEVERITY_INFO, first_table, 1, NULL,
                           s2019 ? "表格标签同时含有2019年版和2021年版的特征（%d:%d），按%s年版读取"
                                 : "表格标签不足以判断格式版本（%d:%d），按%s年版读取",
                           s2019 ? "the table labels have features of both the 2019 and 2021 templates (%d:%d); "
                                   "read as %s"
                                 : "the table labels do not tell the template (%d:%d); read as %s",
                           s2019, s2021, t->id)) != 0)
            return rc;
    }
    /* title and preamble */
    size_t pre_from = 0;
    {
        size_t a = SIZE_MAX, b = SIZE_MAX;
        for (size_t li = 0; li < rd->nlines; li++) {
            const tline *ln = &rd->lines[li];
            if (ln->region != REG_PRE || ln->heading)
                break;
            if (!ln->len)
                continue;
            if (a == SIZE_MAX) a = li;
            else { b = li; break; }
        }
        if (a != SIZE_MAX) {
            tline mdt = rd->lines[a]; /* a Markdown title: "# ..." */
            if (buf[mdt.off] == '#') {
                while (mdt.len && buf[mdt.off] == '#') { mdt.off++; mdt.len--; }
                trim(buf, &mdt.off, &mdt.len);
            }
            const tline *la = &mdt;
            if (is_title(buf + la->off, la->len)) {
                if ((rc = set_title(rd, buf + la->off, la->len)) != 0)
                    return rc;
                pre_from = a + 1;
            } else if (b != SIZE_MAX && la->len + rd->lines[b].len < 400) {
                char j[420];
                const tline *lb = &rd->lines[b];
                memcpy(j, buf + la->off, la->len);
                memcpy(j + la->len, buf + lb->off, lb->len);
                char nb[100];
                size_t nbl = label_norm(nb, sizeof nb, buf + lb->off, lb->len);
                if (nbl < 40 && !strncmp(nb, "年度报告", 12) && is_title(j, la->len + lb->len)) {
                    if ((rc = set_title(rd, j, la->len + lb->len)) != 0)
                        return rc;
                    pre_from = b + 1;
                }
            }
        }
    }
    if ((rc = join_lines(rd, REG_PRE, pre_from, &rd->r->sections[0])) != 0)
        return rc;
    for (size_t i = 1; i < t->nsections && i < XX_MAX_SECTIONS; i++)
        if ((rc = join_lines(rd, REG_SEC + (int)i, 0, &rd->r->sections[i])) != 0)
            return rc;
    /* tables */
    for (size_t ti = 0; ti < t->ntables; ti++) {
        const xt_table *tb = &t->tables[ti];
        int found = 0, rowmode = 0, anyvalue = 0, wordrows = 0;
        long end_line = 0;
        for (size_t li = 0; li < rd->nlines; li++) {
            const tline *ln = &rd->lines[li];
            if (ln->region != (int)ti)
                continue;
            found = 1;
            end_line = (long)ln->no;
            if (ln->heading || ln->skip || !ln->nc)
                continue;
            uint32_t nv = ln->nc - ln->nlab, nonblank = 0;
            if (ln->nfilled && (ln->nlab > 0 || nv >= 2))
                rowmode = 1;
            if (ln->nfilled)
                anyvalue = 1;
            /* a `|` line of two or more cells: in a table without any number, rows are lines */
            for (uint32_t k = 0; ln->pipe && k < ln->nc; k++)
                nonblank += rd->cells[ln->c0 + k].value != V_BLANK;
            if (nonblank >= 2)
                wordrows = 1;
        }
        if (!anyvalue && wordrows)
            rowmode = 1;
        size_t r0;
        rc = rowmode ? build_rows_rowmode(rd, (int)ti, &r0) : build_rows_stream(rd, (int)ti, &r0);
        if (rc == 1)
            continue; /* unreadable (diagnosed) */
        if (rc)
            return rc;
        int seen[256];
        memset(seen, 0, sizeof seen);
        if (tb->nrows > 256)
            return xx_error(XXGK_ETEMPLATE, 0, 0, -1, NULL, "template table too large");
        if ((rc = place_table(rd, (int)ti, r0, rd->nrows, seen)) != 0)
            return rc;
        if ((rc = missing(rd, (int)ti, seen, found, found ? end_line : lineno)) != 0)
            return rc;
    }
    return 0;
}

int xx_text_read(xxgk_report **out, const char *buf, size_t len, const struct xxgk_parse_options *o)
{
    *out = NULL;
    if (len >= UINT32_MAX)
        return xx_error(XXGK_ELIMIT, 0, 0, -1, NULL, "text input of %zu bytes is too large", len);
    /* the input is valid UTF-8 here (encoding.c); invalid bytes would only be read as
     * U+FFFD by the normalizer */
    reader rd;
    memset(&rd, 0, sizeof rd);
    rd.col_line = SIZE_MAX;
    rd.buf = buf;
    rd.len = len;
    int rc = read_text(&rd, o);
    if (rc == 0) {
        int anything = 0;
        for (size_t i = 0; i < rd.nlines && !anything; i++)
            anything = rd.lines[i].heading || (rd.lines[i].region >= 0 && rd.lines[i].region < REG_SEC);
        if (!anything && rd.r && !xxgk_report_title(rd.r)[0]) {
            rc = xx_error(XXGK_EEMPTY, 1, 1, 0, NULL,
                          "no report found in the text: no title, no section heading and no table heading");
        }
    }
    reader_free(&rd);
    if (rc == 0 && rd.r->diag) {
        /* diagnostics in reading order (stable: by line only) */
        xfinding *it = rd.r->diag->items;
        for (size_t i = 1; i < rd.r->diag->n; i++) {
            xfinding x = it[i];
            size_t j = i;
            while (j > 0 && it[j - 1].line > x.line) {
                it[j] = it[j - 1];
                j--;
            }
            it[j] = x;
        }
    }
    if (rc) {
        xxgk_report_free(rd.r);
        return rc;
    }
    *out = rd.r;
    return 0;
}
