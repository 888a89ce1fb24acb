/* SPDX-License-Identifier: MIT */
/* Text reader, pass 1: the lines of the text, their regions (preamble, a section, a table)
 * and the cells of table lines, each with its value class. */
#include "text_read.h"
#include "text_escape.h"
#include "html_read.h"
#include "normalize.h"

#include <stdio.h>
#include <string.h>

int tx_grow(void **p, size_t *cap, size_t need, size_t size)
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

void tx_trim(const char *buf, uint32_t *off, uint32_t *len)
{
    size_t n = *len;
    const char *s = xn_trim(buf + *off, &n);
    *off = (uint32_t)(s - buf);
    *len = (uint32_t)n;
}

static int find_bytes(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (const char *p = s; k <= n && (p = memchr(p, needle[0], n - k + 1 - (size_t)(p - s))) != NULL; p++)
        if (!memcmp(p, needle, k))
            return 1;
    return 0;
}

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

/* Whether s[0..n) is ASCII digits with at most one decimal point between digits: what most
 * cells hold, and a number whatever the rules below say of other text. */
static int plain_ascii_number(const char *s, size_t n)
{
    size_t i = 0, point = 0;
    for (; i < n; i++) {
        if (s[i] == '.' && !point && i > 0 && i + 1 < n)
            point = i;
        else if (s[i] < '0' || s[i] > '9')
            return 0;
    }
    return 1;
}

/* Parse value text into vp. Returns V_BLANK, V_NUMBER, V_TOKEN (a standard
 * not-applicable token) or V_TEXT. */
int tx_value_class(const char *s, size_t n, vparse *vp)
{
    vp->n = 0;
    vp->word_sign = 0;
    vp->unit = 0;
    if (n == 0)
        return V_BLANK;
    if (n < sizeof vp->num && plain_ascii_number(s, n)) {
        memcpy(vp->num, s, n);
        vp->num[n] = '\0';
        vp->n = n;
        return V_NUMBER;
    }
    if (is_std_token(s, n) || xx_text_quoted(s, n))
        return V_TOKEN; /* a quoted token is never a number ("1,000", "12 ") */
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

static int add_cell(reader *rd, uint32_t off, uint32_t len, uint32_t line_off)
{
    tx_trim(rd->buf, &off, &len);
    if (rd->ncells == rd->capcells && tx_grow((void **)&rd->cells, &rd->capcells, rd->ncells + 1, sizeof(tcell)))
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
    /* a plain number (most cells) is classified without copying its text */
    c->value = (uint8_t)(len && len < sizeof vp.num && plain_ascii_number(rd->buf + off, len)
                             ? V_NUMBER
                             : tx_value_class(rd->buf + off, len, &vp));
    c->placed = 0;
    return 0;
}

/* How many bytes of s[0..n) are c: eight at a time (a byte of w ^ c is zero exactly where
 * the high bit of t is clear). */
static size_t count_byte(const char *s, size_t n, char c)
{
    const uint64_t ones = 0x0101010101010101ULL, low7 = 0x7F7F7F7F7F7F7F7FULL;
    size_t k = 0, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t x = w ^ (ones * (unsigned char)c), t = ((x & low7) + low7) | x;
        k += (size_t)((((~t >> 7) & ones) * ones) >> 56);
    }
    for (; i < n; i++)
        k += s[i] == c;
    return k;
}

/* Split a table line into cells. */
static int split_cells(reader *rd, tline *ln, uint32_t line_off)
{
    const char *s = rd->buf + ln->off;
    size_t n = ln->len;
    ln->c0 = (uint32_t)rd->ncells;
    /* the separator is '|' if the line has one, else a tab: counted, not searched for first */
    char sep = '|';
    size_t nsep = count_byte(s, n, '|');
    if (nsep == 0) {
        nsep = count_byte(s, n, '\t');
        sep = nsep ? '\t' : 0;
    }
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
            const char *q = i < e ? memchr(s + i, sep, e - i) : NULL;
            i = q ? (size_t)(q - s) : e; /* the next separator, or the end */
            if (i == e || !(sep == '|' && xx_text_bar_escaped(s, i))) {
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
            while (i < n && (w = xn_space_at(s + i, n - i)) != 0)
                i += w;
            if (i >= n)
                break;
            size_t st = i;
            while (i < n && xn_space_at(s + i, n - i) == 0)
                i++;
            if (nf == 512) { nf = 0; break; } /* absurd: treat the line as one label */
            fo[nf] = st;
            fl[nf] = i - st;
            nf++;
        }
        size_t k = nf;
        vparse vp;
        while (k > 0 && tx_value_class(s + fo[k - 1], fl[k - 1], &vp) != V_TEXT)
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

/* A NUL byte or HTML table markup on a line is an error naming its place. The lines are
 * searched only when the whole text holds a NUL or a '<': one search of the
 * text rather than two of every line. */
static int check_line(const reader *rd, const tline *ln, uint32_t line_off, int nul_in_text, int lt_in_text)
{
    const char *buf = rd->buf, *s = buf + ln->off;
    size_t n = ln->len;
    long lineno = (long)ln->no;
    const char *nul = nul_in_text ? memchr(s, '\0', n) : NULL;
    if (nul) {
        long col = (long)xn_utf8_count(buf + line_off, (size_t)(nul - (buf + line_off))) + 1;
        return xx_error(XXGK_EPARSE, lineno, col, (long long)(nul - buf), NULL, "NUL byte in the text");
    }
    int h = n && lt_in_text ? xx_html_markup(s, n) : 0; /* io.c gives such text to the HTML reader */
    if (h) {
        long col = (long)xn_utf8_count(buf + line_off, (size_t)(ln->off - line_off) + (size_t)h - 1) + 1;
        return xx_error(XXGK_EFORMAT, lineno, col, (long long)(ln->off + (uint32_t)h - 1), NULL,
                        "HTML table markup in the text: read it as HTML (the HTML reader reads pages and "
                        "pieces of them)");
    }
    return 0;
}

static void count_template_words(reader *rd, const char *s, size_t n)
{
    char norm[600];
    if (tx_label_norm(norm, sizeof norm, s, n) < sizeof norm)
        tx_detect_words(norm, &rd->s2019, &rd->s2021);
}

/* The region of one non-blank line (a heading starts one) and, in a table, its cells. */
static int scan_line(reader *rd, const xxgk_template *ht, tline *ln, uint32_t line_off, int *region)
{
    const char *s = rd->buf + ln->off;
    size_t n = ln->len;
    int rc;
    int hd = tx_heading_of(ht, s, n);
    if (hd != -2) {
        *region = hd;
        ln->heading = 1;
    } else if (*region == REG_PRE && n <= 400) {
        /* before any heading: a table row without its table's heading (an excerpt
         * that starts inside a table) starts that table */
        if (!is_only_pipes(s, n) && !is_md_separator(s, n) && !is_page_footer(s, n)) {
            size_t save = rd->ncells;
            if ((rc = split_cells(rd, ln, line_off)) != 0)
                return rc;
            int ti = tx_headless_table(rd, ln);
            if (ti >= 0) {
                *region = ti;
                count_template_words(rd, s, n);
            } else {
                rd->ncells = save;
                ln->c0 = ln->nc = ln->nlab = ln->nfilled = 0;
                ln->pipe = 0;
            }
        }
    } else if (*region >= 0 && *region < REG_SEC) {
        if (is_only_pipes(s, n)) {
            ln->skip = 1;
            for (size_t i = 0; i < n && ln->bars < UINT8_MAX; i++)
                ln->bars = (uint8_t)(ln->bars + (s[i] == '|'));
            ln->c0 = (uint32_t)rd->ncells;
            if ((rc = add_cell(rd, ln->off, 0, line_off)) != 0)
                return rc;
        } else if (is_md_separator(s, n) || is_page_footer(s, n)) {
            ln->skip = 1;
        } else {
            if (n <= 400 && (*region == 0 || find_bytes(s, n, "逾期")))
                count_template_words(rd, s, n);
            if ((rc = split_cells(rd, ln, line_off)) != 0)
                return rc;
        }
    }
    return 0;
}

/* A table's heading printed twice: the earlier one, with no values under it, titles a
 * paragraph of the overview ("（一）主动公开政府信息情况" before "二、主动公开政府信息情况"),
 * so its lines stay in the region before it. */
static void demote_repeated_headings(reader *rd)
{
    for (size_t h = 0; h < rd->nlines; h++) {
        tline *hd = &rd->lines[h];
        if (!hd->heading || hd->region < 0 || hd->region >= REG_SEC)
            continue;
        size_t e = h + 1, again = 0, values = 0;
        while (e < rd->nlines && !rd->lines[e].heading)
            values += rd->lines[e++].nfilled;
        for (size_t k = e; k < rd->nlines && !again; k++)
            again = rd->lines[k].heading && rd->lines[k].region == hd->region;
        if (!again || values)
            continue;
        int16_t before = h > 0 ? rd->lines[h - 1].region : REG_PRE;
        for (size_t k = h; k < e; k++) {
            rd->lines[k].region = before;
            rd->lines[k].heading = 0;
            rd->lines[k].skip = 0;
        }
    }
}

int tx_scan_lines(reader *rd, const struct xxgk_parse_options *o)
{
    const char *buf = rd->buf;
    size_t len = rd->len;
    int rc;
    const xxgk_template *ht = o->tpl ? o->tpl : xxgk_template_default();
    int region = REG_PRE;
    long lineno = 0;
    size_t pos = 0;
    /* lines end at LF (CRLF's CR is trimmed); text with no LF at all has the old CR-only
     * line ends. A CR inside an LF line is kept: it may be part of a token. */
    char eol = len && !memchr(buf, '\n', len) ? '\r' : '\n';
    int nul_in_text = len && memchr(buf, '\0', len) != NULL, lt_in_text = len && memchr(buf, '<', len) != NULL;
    while (pos < len) {
        const char *nl = memchr(buf + pos, eol, len - pos);
        size_t e = nl ? (size_t)(nl - buf) : len;
        lineno++;
        rd->last_line = lineno;
        if (e - pos > o->max_line)
            return xx_error(XXGK_ELIMIT, lineno, 1, (long long)pos, NULL,
                            "line of %zu bytes exceeds the limit of %zu bytes", e - pos, o->max_line);
        if (e > UINT32_MAX - 1 || lineno >= (long)(UINT32_MAX / 2))
            return xx_error(XXGK_ELIMIT, 0, 0, -1, NULL, "input too large");
        uint32_t toff = (uint32_t)pos, tlen = (uint32_t)(e - pos);
        tx_trim(buf, &toff, &tlen);
        if (tlen == 0) {
            pos = e + 1;
            continue;
        }
        if (tx_grow((void **)&rd->lines, &rd->caplines, rd->nlines + 1, sizeof(tline)))
            return XXGK_ENOMEM;
        tline *ln = &rd->lines[rd->nlines];
        memset(ln, 0, sizeof *ln);
        ln->no = (uint32_t)lineno;
        ln->off = toff;
        ln->len = tlen;
        ln->col0 = 1 + (uint32_t)xn_utf8_count(buf + pos, toff - pos);
        uint32_t line_off = (uint32_t)pos;
        if ((rc = check_line(rd, ln, line_off, nul_in_text, lt_in_text)) != 0)
            return rc;
        if ((rc = tx_runon_line(rd, ht, ln, line_off, &region)) != 0) {
            if (rc < 0)
                return rc;
            pos = e + 1; /* a whole report run together: its segments are lines now */
            continue;
        }
        if ((rc = scan_line(rd, ht, ln, line_off, &region)) != 0)
            return rc;
        ln->region = (int16_t)region;
        rd->nlines++;
        pos = e + 1;
    }
    demote_repeated_headings(rd);
    return 0;
}
