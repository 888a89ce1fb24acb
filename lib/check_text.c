/* SPDX-License-Identifier: MIT */
/* TEXT.MATCH: the figures a report's narrative states about its tables ("共受理政府信息公开申请
 * 2件") against the cells. What a figure is — the words right before its number, the verbs
 * that must come before them in the clause, the context earlier in the sentence, its units
 * and cells — is the template's data (`figure` in lib/templates/NAME.tpl); this file only
 * finds numbers and reads that data. A number is compared only when the words before it
 * name what it counts, never by its size or place. */
#include "internal.h"

#include <string.h>

/* Whether s[0..end) ends with w; its length then, else 0. */
static size_t ends_with(const char *s, size_t end, const char *w)
{
    size_t n = strlen(w);
    return n <= end && !memcmp(s + end - n, w, n) ? n : 0;
}

static int is_boundary(const char *s, size_t i, int clause)
{
    static const char *const sentence[] = { "。", "；", "！", "？", ";", "!", "?", "\n" };
    static const char *const comma[] = { "，", "," };
    for (size_t k = 0; k < sizeof sentence / sizeof sentence[0]; k++)
        if (ends_with(s, i, sentence[k]))
            return 1;
    for (size_t k = 0; clause && k < sizeof comma / sizeof comma[0]; k++)
        if (ends_with(s, i, comma[k]))
            return 1;
    return 0;
}

/* The start of the clause (clause != 0) or sentence around byte i. */
static size_t start_of(const char *s, size_t i, int clause)
{
    while (i > 0 && !is_boundary(s, i, clause))
        i--;
    return i;
}

/* The end of the last occurrence of one of words in s[from..to), or 0 when none. */
static size_t last_word(const char *s, size_t from, size_t to, const char *const *words, size_t n)
{
    size_t best = 0;
    for (size_t k = 0; k < n; k++) {
        size_t w = strlen(words[k]);
        for (size_t i = to; i >= from + w && i > best; i--)
            if (!memcmp(s + i - w, words[k], w)) {
                best = i;
                break;
            }
    }
    return best;
}

/* A number as written at s[i..): digits, an optional fraction. *end, and the value in
 * micros; 0, or -1 when it is not a number that can be compared. */
static int number_at(const char *s, size_t i, size_t *end, int64_t *micros)
{
    size_t e = i;
    while (s[e] >= '0' && s[e] <= '9')
        e++;
    if (s[e] == '.' && s[e + 1] >= '0' && s[e + 1] <= '9') {
        e++;
        while (s[e] >= '0' && s[e] <= '9')
            e++;
    }
    *end = e;
    int integral;
    return e - i > 15 || xx_parse_decimal(s + i, e - i, 0, micros, &integral) != 0 ? -1 : 0;
}

/* The figure the words before the number at s[start..) name, with the position of its nouns
 * (*noun): of the figures whose context and `about` words are earlier in the sentence and
 * whose unit follows the number at s[after..) (*unit), the one whose verb comes last before
 * the nouns in the clause (a figure without verbs: its context word). -1 when none. */
static int figure_at(const xxgk_template *t, const char *s, size_t start, size_t after, size_t *noun,
                     const xt_unit **unit)
{
    const xt_list *fill = xx_list(t, "fillers");
    size_t pos = start;
    while (pos > 0 && s[pos - 1] == ' ')
        pos--;
    for (int round = 0; round < 4; round++) {
        int best = -1;
        size_t best_verb = 0;
        for (size_t fi = 0; fi < t->nfigures; fi++) {
            const xt_figure *fg = &t->figures[fi];
            size_t nl = 0;
            for (size_t k = 0; k < fg->nnouns; k++) {
                size_t l = ends_with(s, pos, fg->nouns[k]);
                nl = l > nl ? l : nl;
            }
            if (!nl)
                continue;
            const xt_unit *u = NULL;
            size_t a = after;
            while (s[a] == ' ')
                a++;
            for (size_t k = 0; k < fg->nunits && !u; k++)
                if (!strncmp(s + a, fg->units[k].word, strlen(fg->units[k].word)))
                    u = &fg->units[k];
            /* "200余件", "10多个": not a figure to compare */
            if (!u || !strncmp(s + after, "余", 3) || !strncmp(s + after, "多", 3))
                continue;
            size_t at = pos - nl, clause = start_of(s, at, 1), sentence = start_of(s, at, 0);
            size_t ctx = fg->ncontext ? last_word(s, sentence, at, fg->context, fg->ncontext) : 1;
            if (!ctx || (fg->nabout && !last_word(s, sentence, at, fg->about, fg->nabout)))
                continue;
            size_t verb = fg->nverbs ? last_word(s, clause, at, fg->verbs, fg->nverbs) : ctx;
            if (!verb)
                continue;
            if (best < 0 || verb > best_verb) {
                best = (int)fi;
                best_verb = verb;
                *noun = at;
                *unit = u;
            }
        }
        if (best >= 0)
            return best;
        /* what may stand between the words and the number ("申请共2件") */
        size_t strip = 0;
        for (size_t k = 0; fill && k < fill->n; k++) {
            size_t l = fill->lens[k];
            if (l <= pos && l > strip && !memcmp(s + pos - l, fill->words[k], l))
                strip = l;
        }
        if (!strip)
            break;
        pos -= strip;
        while (pos > 0 && s[pos - 1] == ' ')
            pos--;
    }
    return -1;
}

/* The value of alternative k of a figure (a sum of cells), or 0 when one is not a number. */
static int alternative(const xxgk_report *r, const xt_figure *fg, size_t k, int64_t *v, size_t *first)
{
    size_t i = 0;
    for (size_t a = 0; a < k; a++)
        i += 1 + (size_t)fg->alts[i];
    *first = i;
    int64_t sum = 0;
    for (int32_t j = 0; j < fg->alts[i]; j++) {
        const xcell *c = &r->cells[fg->alts[i + 1 + (size_t)j]];
        if (c->state != XXGK_CELL_NUMBER)
            return 0;
        sum += c->v;
    }
    *v = sum;
    return 1;
}

/* Where byte `off` of section sec was read (0 when the reader kept no places). */
static void place(const xxgk_report *r, size_t sec, const char *s, size_t off, long *line, long *col)
{
    size_t li = 0, ls = 0;
    for (size_t i = 0; i < off; i++)
        if (s[i] == '\n') {
            li++;
            ls = i + 1;
        }
    *line = *col = 0;
    if (li >= r->sec_npos[sec])
        return;
    size_t cps = 0;
    for (size_t i = ls; i < off; i++)
        cps += ((unsigned char)s[i] & 0xC0) != 0x80;
    *line = (long)r->sec_pos[sec][li].line;
    *col = (long)(r->sec_pos[sec][li].col + cps);
}

/* The clause quoted in the message: from its start to the unit, at most ~60 bytes. */
static void quote(char *q, size_t cap, const char *s, size_t from, size_t to)
{
    while (from < to && (s[from] == ' ' || s[from] == '\n'))
        from++;
    if (to - from > cap - 4) {
        from = to - (cap - 4);
        while (from < to && ((unsigned char)s[from] & 0xC0) == 0x80)
            from++;
    }
    memcpy(q, s + from, to - from);
    q[to - from] = '\0';
}

static int compare(xxgk_findings *f, const xxgk_report *r, const xt_rule *ru, size_t fi, int64_t said,
                   const char *said_text, size_t sec, const char *s, size_t noun, size_t unit_end)
{
    const xt_figure *fg = &r->t->figures[fi];
    int64_t v;
    size_t first_alt = SIZE_MAX, at;
    int64_t expected = 0;
    for (size_t k = 0; k < fg->nalts; k++) {
        if (!alternative(r, fg, k, &v, &at))
            continue;
        if (v == said)
            return 0;
        if (first_alt == SIZE_MAX) {
            first_alt = k;
            expected = v;
        }
    }
    if (first_alt == SIZE_MAX)
        return 0; /* no cell to compare with: nothing read, or blank */
    char exp[32], q[96];
    xx_format_number(exp, expected, fg->kind);
    size_t sentence = start_of(s, noun, 0), clause = start_of(s, noun, 1);
    quote(q, sizeof q, s, clause, unit_end);
    xfinding *x;
    int rc = xx_findings_new_item(f, &x, ru->id, XF_IDENTITY, ru->severity, r, -1);
    if (rc)
        return rc;
    x->tr = ru;
    x->a = (int32_t)fi;
    x->b = (int32_t)first_alt;
    place(r, sec, s, sentence + (sentence < noun && s[sentence] == '\n'), &x->line, &x->col);
    if (xx_finding_set_values(f, x, exp, said_text) || xx_finding_set_quote(f, x, q)) {
        xx_findings_drop_last(f);
        return xx_oom();
    }
    /* the cells of every alternative, each once */
    for (size_t k = 0, i = 0; k < fg->nalts; k++, i += 1 + (size_t)fg->alts[i])
        for (int32_t j = 0; j < fg->alts[i]; j++) {
            const char *path = r->t->cells[fg->alts[i + 1 + (size_t)j]].path;
            int seen = 0;
            for (size_t c = 0; c < x->ncells; c++)
                seen |= f->cellv[x->cells + c] == path;
            if (!seen && xx_finding_add_cells(f, x, &path, 1)) {
                xx_findings_drop_last(f);
                return xx_oom();
            }
        }
    return 0;
}

/* A value in micros in the cells' unit: x 10^exp10 (元 for 万元: -4), exactly. 0 or -1. */
static int scale(int64_t micros, int exp10, int64_t *out)
{
    int64_t v = micros;
    for (int e = exp10; e < 0; e++) {
        if (v % 10)
            return -1;
        v /= 10;
    }
    for (int e = 0; e < exp10; e++) {
        if (v > INT64_MAX / 10)
            return -1;
        v *= 10;
    }
    *out = v;
    return 0;
}

static int check_section(xxgk_findings *f, const xxgk_report *r, const xt_rule *ru, size_t sec, const char *s)
{
    const xxgk_template *t = r->t;
    for (const char *p = strpbrk(s, "0123456789"); p; p = strpbrk(p, "0123456789")) {
        size_t start = (size_t)(p - s), end;
        int64_t micros;
        int bad = number_at(s, start, &end, &micros);
        p = s + end;
        if (bad)
            continue;
        size_t noun = 0;
        const xt_unit *u = NULL;
        int fi = figure_at(t, s, start, end, &noun, &u);
        if (fi < 0)
            continue;
        const xt_figure *fg = &t->figures[fi];
        /* the number in the cells' unit: exactly, or not compared; a count must be whole */
        int64_t v;
        if (scale(micros, u->exp10, &v))
            continue;
        if (fg->kind != XXGK_KIND_AMOUNT) {
            if (v % XX_MICROS)
                continue;
            v /= XX_MICROS;
        }
        char said[32]; /* in the cells' unit, as the expected value is written */
        xx_format_number(said, v, fg->kind);
        size_t a = end;
        while (s[a] == ' ')
            a++;
        int rc = compare(f, r, ru, (size_t)fi, v, said, sec, s, noun, a + strlen(u->word));
        if (rc)
            return rc;
    }
    return 0;
}

int xx_check_text(xxgk_findings *f, const xxgk_report *r, const xt_rule *ru, unsigned digits)
{
    for (size_t i = 0; i < r->t->nsections && i < XX_MAX_SECTIONS && r->t->nfigures; i++) {
        int rc;
        if ((digits >> i & 1) && (rc = check_section(f, r, ru, i, r->sections[i])))
            return rc;
    }
    return 0;
}
