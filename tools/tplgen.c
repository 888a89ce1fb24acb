/* SPDX-License-Identifier: MIT */
/* tplgen: compiles the template data files (lib/templates/NAME.tpl) into C tables.
 *
 *   tplgen OUT.c FILE.tpl...
 *
 * The format is described at the top of lib/templates/2021.tpl. Every error names the file
 * and line. This is a build tool: it exits on the first error and frees nothing. */
#define _POSIX_C_SOURCE 200809L
#include "../lib/normalize.h"
#include "../lib/template_def.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXN 1024

static const char *g_file;
static int g_line;

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s:%d: ", g_file, g_line);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static char *dup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (!d) die("out of memory");
    memcpy(d, s, n);
    return d;
}

static char *fmt(const char *f, ...)
{
    char buf[4096];
    va_list ap;
    va_start(ap, f);
    vsnprintf(buf, sizeof buf, f, ap);
    va_end(ap);
    return dup(buf);
}

static char *norm(const char *s)
{
    char buf[2048];
    if (xn_label(buf, sizeof buf, s, strlen(s)) >= sizeof buf)
        die("label too long");
    return dup(buf);
}

typedef struct { const char *list[16]; int n; } aliases;

typedef struct {
    const char *code, *label, *en, *unit;
    int kind;
} col;

typedef struct {
    const char *label, *en;
    int parent, level, first, span, leaf, col;
} hnode;

typedef struct {
    const char *caption, *en;
    int first_col, ncols;
} block;

typedef struct {
    const char *code, *key, *label, *en;
    aliases al;
    int flags, depth, parent, jparent, last_desc, block, first_cell;
} row;

typedef struct {
    const char *code, *number, *heading, *en, *corner, *corner_en;
    aliases al;
    int inline_layout;
    col cols[64]; int ncols;
    block blocks[16]; int nblocks;
    row rows[128]; int nrows;
    hnode hn[64]; int nhn;
    int first_cell, ncells;
} table;

typedef struct { const char *code, *heading, *en; aliases al; } section;

typedef struct {
    const char *path, *label, *en, *name, *name_en;
    int table, row, col, kind, flags;
} cell;

typedef struct { int cell, coef, prev; } term;

typedef struct {
    const char *id, *desc, *desc_en, *msg, *msg_en, *scope, *scope_en;
    int severity, kind, optional, table, first_term, nterms, nlhs, subject, optcell;
} rule;

/* A rule as written, expanded once the tables are complete. */
typedef struct {
    const char *id, *desc, *desc_en, *msg, *msg_en, *scope, *terms, *rows;
    int severity, table, line;
} rawrule;

typedef struct { const char *name; const char *words[64]; int n; } wlist;

typedef struct {
    const char *code, *what, *en, *cells;
    const char *nouns[32], *verbs[32], *context[16], *about[16], *units[8];
    int nnouns, nverbs, ncontext, nabout, nunits, unit_exp[8];
    int alts[64], nalt_ints, nalts, kind, line;
} figure;

typedef struct {
    const char *id, *name, *name_en, *cname;
    int first_year;
    section sections[16]; int nsections;
    table tables[8]; int ntables;
    cell cells[MAXN]; int ncells, ncells_all;
    rule rules[MAXN]; int nrules;
    term terms[8 * MAXN]; int nterms;
    rawrule raw[64]; int nraw;
    wlist lists[32]; int nlists;
    figure figures[64]; int nfigures;
} tpl;

static tpl T[16];
static int NT;

/* Split "a | b | c" into trimmed fields. */
static int split(char *s, char **f, int max)
{
    int n = 0;
    for (;;) {
        while (*s == ' ' || *s == '\t') s++;
        char *bar = strchr(s, '|');
        char *end = bar ? bar : s + strlen(s);
        char *e = end;
        while (e > s && (e[-1] == ' ' || e[-1] == '\t')) e--;
        *e = '\0';
        if (n < max) f[n++] = s;
        if (!bar) break;
        s = bar + 1;
    }
    return n;
}

/* Split space-separated words into out (at most max). */
static int words(const char *s, const char **out, int max)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", s);
    int n = 0;
    char *save = NULL;
    for (char *tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
        if (n >= max) die("too many words");
        out[n++] = dup(tok);
    }
    return n;
}

static int kind_of(const char *s)
{
    if (!strcmp(s, "count")) return 1;
    if (!strcmp(s, "signed")) return 2;
    if (!strcmp(s, "amount")) return 3;
    die("unknown kind '%s' (count, signed, amount)", s);
    return 0;
}

static int severity_of(const char *s)
{
    if (!strcmp(s, "info")) return 1;
    if (!strcmp(s, "warning")) return 2;
    if (!strcmp(s, "error")) return 3;
    die("unknown severity '%s'", s);
    return 0;
}

static void parse(const char *path, tpl *t)
{
    FILE *fp = fopen(path, "r");
    if (!fp) { g_file = path; g_line = 0; die("cannot open"); }
    g_file = path;
    g_line = 0;
    char line[4096];
    table *tb = NULL;
    block *bk = NULL;
    aliases *last_al = NULL;
    int rowstack[16], nrs = 0;
    int hstack[16], nhs = 0;
    rawrule *rr = NULL;
    figure *fg = NULL;
    while (fgets(line, sizeof line, fp)) {
        g_line++;
        size_t L = strlen(line);
        while (L && (line[L - 1] == '\n' || line[L - 1] == '\r')) line[--L] = '\0';
        char *s = line;
        while (*s == ' ' || *s == '\t') s++;
        if (*s == '\0' || *s == '#') continue;
        char *sp = strchr(s, ' ');
        char *arg = sp ? sp + 1 : s + strlen(s);
        if (sp) *sp = '\0';
        const char *d = s;
        char *f[8];
        int nf;
        if (!strcmp(d, "template")) { t->id = dup(arg); }
        else if (!strcmp(d, "name")) t->name = dup(arg);
        else if (!strcmp(d, "name_en")) t->name_en = dup(arg);
        else if (!strcmp(d, "first_year")) t->first_year = atoi(arg);
        else if (!strcmp(d, "section")) {
            nf = split(arg, f, 8);
            if (nf != 3) die("section CODE | HEADING | ENGLISH");
            section *se = &t->sections[t->nsections++];
            se->code = dup(f[0]); se->heading = dup(f[1]); se->en = dup(f[2]);
            last_al = &se->al;
        } else if (!strcmp(d, "alias")) {
            if (!last_al) die("alias without an item before it");
            if (last_al->n >= 16) die("too many aliases");
            last_al->list[last_al->n++] = norm(arg);
        } else if (!strcmp(d, "table")) {
            nf = split(arg, f, 8);
            if (nf != 4) die("table CODE | NUMBER | HEADING | ENGLISH");
            if (nrs || nhs) die("unclosed group before table");
            tb = &t->tables[t->ntables++];
            tb->code = dup(f[0]); tb->number = dup(f[1]); tb->heading = dup(f[2]); tb->en = dup(f[3]);
            tb->corner = ""; tb->corner_en = "";
            bk = NULL; rr = NULL;
            last_al = &tb->al;
        } else if (!strcmp(d, "corner")) {
            if (!tb) die("corner outside a table");
            nf = split(arg, f, 8);
            tb->corner = dup(f[0]); tb->corner_en = nf > 1 ? dup(f[1]) : "";
        } else if (!strcmp(d, "inline")) {
            if (!tb) die("inline outside a table");
            tb->inline_layout = 1;
        } else if (!strcmp(d, "block")) {
            if (!tb) die("block outside a table");
            if (nrs || nhs) die("unclosed group before block");
            nf = split(arg, f, 8);
            bk = &tb->blocks[tb->nblocks++];
            bk->caption = dup(nf > 0 ? f[0] : ""); bk->en = dup(nf > 1 ? f[1] : "");
            bk->first_col = tb->ncols; bk->ncols = 0;
            tb->nhn = 0; /* the header tree describes the last (widest) block */
        } else if (!strcmp(d, "colgroup") || !strcmp(d, "col")) {
            if (!bk) die("%s outside a block", d);
            if (bk->ncols && tb->nrows && tb->rows[tb->nrows - 1].block == tb->nblocks - 1)
                die("columns must come before the block's rows");
            nf = split(arg, f, 8);
            hnode *h = &tb->hn[tb->nhn];
            memset(h, 0, sizeof *h);
            h->parent = nhs ? hstack[nhs - 1] : -1;
            h->level = nhs;
            if (!strcmp(d, "colgroup")) {
                if (nf < 1) die("colgroup LABEL | ENGLISH");
                h->label = dup(f[0]); h->en = dup(nf > 1 ? f[1] : "");
                h->col = -1;
                hstack[nhs++] = tb->nhn++;
                last_al = NULL;
            } else {
                if (nf != 5) die("col CODE | LABEL | ENGLISH | UNIT | KIND");
                col *c = &tb->cols[tb->ncols];
                c->code = dup(f[0]); c->label = dup(f[1]); c->en = dup(f[2]); c->unit = dup(f[3]);
                c->kind = kind_of(f[4]);
                for (int i = bk->first_col; i < tb->ncols; i++)
                    if (!strcmp(tb->cols[i].code, c->code)) die("duplicate column %s", c->code);
                h->label = c->label; h->en = c->en; h->leaf = 1; h->col = tb->ncols - bk->first_col;
                tb->nhn++;
                tb->ncols++;
                bk->ncols++;
                last_al = NULL;
            }
        } else if (!strcmp(d, "row") || !strcmp(d, "group")) {
            if (!bk || !bk->ncols) die("%s before the block's columns", d);
            if (nhs) die("unclosed colgroup");
            nf = split(arg, f, 8);
            if (nf < 3) die("%s CODE | LABEL | ENGLISH", d);
            row *r = &tb->rows[tb->nrows];
            memset(r, 0, sizeof *r);
            int parent = nrs ? rowstack[nrs - 1] : -1;
            int jp = parent;
            while (jp >= 0 && tb->rows[jp].code[0] == '\0') jp = tb->rows[jp].parent;
            r->parent = parent;
            r->jparent = jp;
            r->depth = nrs;
            r->block = tb->nblocks - 1;
            r->label = dup(f[1]); r->en = dup(f[2]);
            r->first_cell = -1;
            int coded = strcmp(f[0], "-") != 0;
            if (!coded && !strcmp(d, "row")) die("a row needs a code");
            r->key = coded ? dup(f[0]) : "";
            r->code = !coded ? "" : jp >= 0 ? fmt("%s.%s", tb->rows[jp].code, f[0]) : dup(f[0]);
            if (!strcmp(d, "group")) {
                r->flags = 1;
                if (nf > 3 && !strcmp(f[3], "subtotal")) {
                    if (!coded) die("a subtotal group needs a code");
                    r->flags |= 2 | 4;
                }
                rowstack[nrs++] = tb->nrows;
            } else {
                r->flags = 2;
            }
            if (coded)
                for (int i = 0; i < tb->nrows; i++)
                    if (!strcmp(tb->rows[i].code, r->code)) die("duplicate row %s", r->code);
            r->last_desc = tb->nrows;
            last_al = &r->al;
            tb->nrows++;
        } else if (!strcmp(d, "end")) {
            if (nhs) nhs--;
            else if (nrs) { int g = rowstack[--nrs]; tb->rows[g].last_desc = tb->nrows - 1; }
            else die("end without group");
        } else if (!strcmp(d, "rule")) {
            nf = split(arg, f, 8);
            if (nf < 3) die("rule ID | SEVERITY | SCOPE [| TABLE]");
            rr = &t->raw[t->nraw++];
            memset(rr, 0, sizeof *rr);
            rr->id = dup(f[0]); rr->severity = severity_of(f[1]); rr->scope = dup(f[2]);
            rr->table = -1; rr->line = g_line;
            if (nf > 3) {
                for (int i = 0; i < t->ntables; i++)
                    if (!strcmp(t->tables[i].code, f[3])) rr->table = i;
                if (rr->table < 0) die("unknown table %s", f[3]);
            }
            tb = NULL; bk = NULL; last_al = NULL; fg = NULL;
        } else if (!strcmp(d, "list")) {
            nf = split(arg, f, 8);
            if (nf != 2) die("list NAME | WORD WORD ...");
            if (t->nlists >= 32) die("too many lists");
            wlist *l = &t->lists[t->nlists++];
            l->name = dup(f[0]);
            l->n = words(f[1], l->words, 64);
            tb = NULL; bk = NULL; last_al = NULL; rr = NULL; fg = NULL;
        } else if (!strcmp(d, "figure")) {
            nf = split(arg, f, 8);
            if (nf != 3) die("figure CODE | WHAT | WHAT_EN");
            if (t->nfigures >= 64) die("too many figures");
            fg = &t->figures[t->nfigures++];
            memset(fg, 0, sizeof *fg);
            fg->code = dup(f[0]); fg->what = dup(f[1]); fg->en = dup(f[2]); fg->line = g_line;
            tb = NULL; bk = NULL; last_al = NULL; rr = NULL;
        } else if (!strcmp(d, "nouns") || !strcmp(d, "verbs") || !strcmp(d, "context") || !strcmp(d, "about") ||
                   !strcmp(d, "units") || !strcmp(d, "cells")) {
            if (!fg) die("%s outside a figure", d);
            if (!strcmp(d, "nouns")) fg->nnouns = words(arg, fg->nouns, 32);
            else if (!strcmp(d, "verbs")) fg->nverbs = words(arg, fg->verbs, 32);
            else if (!strcmp(d, "context")) fg->ncontext = words(arg, fg->context, 16);
            else if (!strcmp(d, "about")) fg->nabout = words(arg, fg->about, 16);
            else if (!strcmp(d, "cells")) fg->cells = dup(arg);
            else {
                fg->nunits = words(arg, fg->units, 8);
                for (int i = 0; i < fg->nunits; i++) {
                    char *eq = strchr(fg->units[i], '=');
                    fg->unit_exp[i] = eq ? atoi(eq + 1) : 0;
                    if (eq) *eq = '\0';
                }
            }
        } else if (!strcmp(d, "terms") || !strcmp(d, "rows") || !strcmp(d, "desc") ||
                   !strcmp(d, "desc_en") || !strcmp(d, "msg") || !strcmp(d, "msg_en")) {
            if (!rr) die("%s outside a rule", d);
            const char *v = dup(arg);
            if (!strcmp(d, "terms")) rr->terms = v;
            else if (!strcmp(d, "rows")) rr->rows = v;
            else if (!strcmp(d, "desc")) rr->desc = v;
            else if (!strcmp(d, "desc_en")) rr->desc_en = v;
            else if (!strcmp(d, "msg")) rr->msg = v;
            else rr->msg_en = v;
        } else {
            die("unknown directive '%s'", d);
        }
    }
    if (nrs || nhs) die("unclosed group at end of file");
    fclose(fp);
    if (!t->id || !t->name || !t->first_year) die("template, name and first_year are required");
}

static const char *row_chain(const table *tb, int r, int en)
{
    char buf[2048] = "";
    int chain[16], n = 0;
    for (int i = r; i >= 0; i = tb->rows[i].parent)
        if (tb->rows[i].code[0] != '\0' || i == r)
            chain[n++] = i;
    for (int i = n - 1; i >= 0; i--) {
        if (buf[0]) strcat(buf, " ");
        strcat(buf, en ? tb->rows[chain[i]].en : tb->rows[chain[i]].label);
    }
    return dup(buf);
}

static const char *col_chain(const table *tb, const block *bk, int c, int en)
{
    /* The column's label, preceded by the groups above it that do not span the table. */
    const char *self = en ? tb->cols[c].en : tb->cols[c].label;
    if (bk != &tb->blocks[tb->nblocks - 1])
        return self;
    int leaf = -1;
    for (int i = 0; i < tb->nhn; i++)
        if (tb->hn[i].leaf && tb->hn[i].col == c - bk->first_col) leaf = i;
    char buf[2048] = "";
    int chain[16], n = 0;
    for (int i = leaf >= 0 ? tb->hn[leaf].parent : -1; i >= 0; i = tb->hn[i].parent)
        if (tb->hn[i].span < bk->ncols)
            chain[n++] = i;
    for (int i = n - 1; i >= 0; i--) {
        strcat(buf, en ? tb->hn[chain[i]].en : tb->hn[chain[i]].label);
        strcat(buf, " ");
    }
    strcat(buf, self);
    return dup(buf);
}

/* The Arabic number of a table numbered in Chinese (二 -> 2), for English text. */
static int number_en(const char *zh)
{
    static const char *const digits[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十" };
    for (int i = 0; i < 10; i++)
        if (!strcmp(zh, digits[i])) return i + 1;
    die("table number %s: expected 一 to 十", zh);
    return 0;
}

/* A row named as a clerk reads the printed table: 表三“（三）不予公开 1.属于国家秘密”行, or, in a
 * table printed as one line of column groups (表四), each header quoted in turn:
 * 表四“行政诉讼”“未经复议直接起诉”. In English the same with the English labels. */
static const char *row_name(const table *tb, int r, int en)
{
    char buf[4096];
    if (!tb->inline_layout) {
        if (en) snprintf(buf, sizeof buf, "table %d, row \"%s\"", number_en(tb->number), row_chain(tb, r, 1));
        else snprintf(buf, sizeof buf, "表%s“%s”行", tb->number, row_chain(tb, r, 0));
        return dup(buf);
    }
    int chain[16], n = 0;
    for (int i = r; i >= 0; i = tb->rows[i].parent) chain[n++] = i;
    if (en) snprintf(buf, sizeof buf, "table %d, ", number_en(tb->number));
    else snprintf(buf, sizeof buf, "表%s", tb->number);
    for (int i = n - 1; i >= 0; i--) {
        const char *l = en ? tb->rows[chain[i]].en : tb->rows[chain[i]].label;
        size_t L = strlen(buf);
        if (en) snprintf(buf + L, sizeof buf - L, "%s\"%s\"", i < n - 1 ? " / " : "", l);
        else snprintf(buf + L, sizeof buf - L, "“%s”", l);
    }
    return dup(buf);
}

/* A cell: its row's name, then the column: …行“自然人”列, or …“结果维持”栏 in 表四. */
static const char *cell_name(const table *tb, const block *bk, int r, int c, int en)
{
    const char *cl = col_chain(tb, bk, c, en);
    if (tb->inline_layout) return en ? fmt("%s / \"%s\"", row_name(tb, r, 1), cl) : fmt("%s“%s”栏", row_name(tb, r, 0), cl);
    return en ? fmt("%s, column \"%s\"", row_name(tb, r, 1), cl) : fmt("%s“%s”列", row_name(tb, r, 0), cl);
}

static void layout_header(table *tb)
{
    /* Leaf order, spans and levels of the header tree of the last block. */
    int leafno = 0;
    for (int i = 0; i < tb->nhn; i++)
        if (tb->hn[i].leaf) { tb->hn[i].first = leafno++; tb->hn[i].span = 1; }
    for (int i = tb->nhn - 1; i >= 0; i--) {
        hnode *h = &tb->hn[i];
        if (h->leaf) continue;
        int lo = 1 << 30, hi = -1;
        for (int j = i + 1; j < tb->nhn; j++) {
            int a = j;
            while (a >= 0 && a != i) a = tb->hn[a].parent;
            if (a == i && tb->hn[j].leaf) {
                if (tb->hn[j].first < lo) lo = tb->hn[j].first;
                if (tb->hn[j].first > hi) hi = tb->hn[j].first;
            }
        }
        if (hi < 0) die("empty colgroup %s", h->label);
        h->first = lo; h->span = hi - lo + 1;
    }
}

static int find_row(const table *tb, const char *code)
{
    for (int i = 0; i < tb->nrows; i++)
        if (!strcmp(tb->rows[i].code, code)) return i;
    return -1;
}

static int find_col(const table *tb, const block *bk, const char *code)
{
    for (int i = 0; i < bk->ncols; i++)
        if (!strcmp(tb->cols[bk->first_col + i].code, code)) return i;
    return -1;
}

typedef struct { char name[128]; int neg, prev, star, lhs; } tref;

static int parse_terms(const char *s, tref *out)
{
    char buf[2048];
    snprintf(buf, sizeof buf, "%s", s);
    int n = 0, lhs = 1, seen_eq = 0;
    for (char *tok = strtok(buf, " "); tok; tok = strtok(NULL, " ")) {
        if (!strcmp(tok, "=")) { if (seen_eq) die("two '=' in terms"); seen_eq = 1; lhs = 0; continue; }
        tref *r = &out[n++];
        memset(r, 0, sizeof *r);
        r->lhs = lhs;
        if (*tok == '-') { r->neg = 1; tok++; }
        if (*tok == '@') { r->prev = 1; tok++; }
        size_t L = strlen(tok);
        if (L > 2 && !strcmp(tok + L - 2, ".*")) { r->star = 1; tok[L - 2] = '\0'; }
        snprintf(r->name, sizeof r->name, "%s", tok);
    }
    if (!seen_eq) die("terms need '='");
    return n;
}

static void add_term(tpl *t, rule *ru, int cellid, const tref *r)
{
    if (t->nterms >= 8 * MAXN) die("too many terms");
    term *tm = &t->terms[t->nterms++];
    tm->cell = cellid;
    tm->coef = (r->lhs ? 1 : -1) * (r->neg ? -1 : 1);
    tm->prev = r->prev;
    if (t->cells[cellid].flags & 1) {
        ru->optional = 1;
        if (!r->prev && ru->optcell < 0) ru->optcell = cellid;
    }
    if (t->cells[cellid].kind == 3) die("rules over amount cells are not supported");
    ru->nterms++;
    if (r->lhs) ru->nlhs++;
    else if (ru->subject < 0) ru->subject = cellid;
}

static rule *new_rule(tpl *t, const rawrule *rr, int kind)
{
    if (t->nrules >= MAXN) die("too many rules");
    rule *ru = &t->rules[t->nrules++];
    memset(ru, 0, sizeof *ru);
    ru->id = rr->id; ru->severity = rr->severity; ru->kind = kind; ru->table = rr->table;
    ru->desc = rr->desc ? rr->desc : ""; ru->desc_en = rr->desc_en ? rr->desc_en : "";
    ru->msg = rr->msg ? rr->msg : ""; ru->msg_en = rr->msg_en ? rr->msg_en : "";
    ru->scope = ""; ru->scope_en = "";
    ru->first_term = t->nterms;
    ru->subject = -1;
    ru->optcell = -1;
    return ru;
}

static void expand_rules(tpl *t)
{
    for (int k = 0; k < t->nraw; k++) {
        const rawrule *rr = &t->raw[k];
        g_line = rr->line;
        int yoy = !strncmp(rr->scope, "yoy-", 4);
        const char *scope = yoy ? rr->scope + 4 : rr->scope;
        if (!rr->desc || !rr->desc_en) die("rule %s needs desc and desc_en", rr->id);
        /* the old-template finding's message is the checker's (it names both templates) */
        if ((!rr->msg || !rr->msg_en) && strcmp(scope, "outdated")) die("rule %s needs msg and msg_en", rr->id);
        if (!strcmp(scope, "nonneg") || !strcmp(scope, "amount")) {
            new_rule(t, rr, !strcmp(scope, "nonneg") ? XT_RULE_NONNEG : XT_RULE_AMOUNT);
            continue;
        }
        /* rules whose meaning is the checker's and whose words and cells are data */
        static const struct { const char *scope; int kind; } plain[] = {
            { "text", XT_RULE_TEXT }, { "period", XT_RULE_PERIOD }, { "unit", XT_RULE_UNIT },
            { "outdated", XT_RULE_OUTDATED },
        };
        int done = 0;
        for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
            if (!strcmp(scope, plain[i].scope)) {
                new_rule(t, rr, plain[i].kind);
                done = 1;
            }
        if (done)
            continue;
        if (!strcmp(scope, "town")) {
            /* the cells of the rows named (规章) */
            if (rr->table < 0 || !rr->rows) die("rule %s needs a table and rows", rr->id);
            /* the row (规章) is the rule's scope; its cells are the checker's to read: the
             * subject is its first cell, the rule lists none (it is no identity) */
            table *tb = &t->tables[rr->table];
            int r = find_row(tb, rr->rows);
            if (r < 0 || !(tb->rows[r].flags & 2)) die("rule %s: one row with cells, not %s", rr->id, rr->rows);
            rule *ru = new_rule(t, rr, XT_RULE_TOWN);
            ru->subject = tb->rows[r].first_cell;
            ru->scope = tb->rows[r].label;
            ru->scope_en = tb->rows[r].en;
            continue;
        }
        if (rr->table < 0 || !rr->terms) die("rule %s needs a table and terms", rr->id);
        table *tb = &t->tables[rr->table];
        tref refs[64];
        int nref = parse_terms(rr->terms, refs);
        int kind = yoy ? XT_RULE_YOY : XT_RULE_LINEAR;
        if (!strcmp(scope, "rows-atleast")) {
            kind = XT_RULE_ATLEAST;
            scope = "rows";
        }
        if (!strcmp(scope, "columns")) {
            /* terms are rows; one identity per column of their block */
            int r0 = refs[0].star ? -1 : find_row(tb, refs[0].name);
            int b = -1;
            for (int i = 0; i < nref; i++) {
                int r = find_row(tb, refs[i].name);
                if (r < 0) die("rule %s: unknown row %s", rr->id, refs[i].name);
                if (b < 0) b = tb->rows[r].block;
                else if (b != tb->rows[r].block) die("rule %s: rows of different blocks", rr->id);
            }
            (void)r0;
            const block *bk = &tb->blocks[b];
            for (int c = 0; c < bk->ncols; c++) {
                rule *ru = new_rule(t, rr, kind);
                ru->scope = tb->cols[bk->first_col + c].label;
                ru->scope_en = tb->cols[bk->first_col + c].en;
                for (int i = 0; i < nref; i++) {
                    int r = find_row(tb, refs[i].name);
                    if (refs[i].star) {
                        int any = 0;
                        for (int j = r + 1; j <= tb->rows[r].last_desc; j++)
                            if ((tb->rows[j].flags & 2) && !(tb->rows[j].flags & 4)) {
                                add_term(t, ru, tb->rows[j].first_cell + c, &refs[i]);
                                any = 1;
                            }
                        if (!any) die("rule %s: %s.* has no rows", rr->id, refs[i].name);
                    } else {
                        if (!(tb->rows[r].flags & 2)) die("rule %s: row %s has no cells", rr->id, refs[i].name);
                        add_term(t, ru, tb->rows[r].first_cell + c, &refs[i]);
                    }
                }
            }
        } else if (!strcmp(scope, "rows")) {
            for (int r = 0; r < tb->nrows; r++) {
                const row *rw = &tb->rows[r];
                if (!(rw->flags & 2)) continue;
                if (rr->rows) {
                    char buf[1024], *save = NULL;
                    snprintf(buf, sizeof buf, "%s", rr->rows);
                    int hit = 0;
                    for (char *tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
                        if (!strcmp(tok, rw->code)) hit = 1;
                    if (!hit) continue;
                }
                const block *bk = &tb->blocks[rw->block];
                int ok = 1;
                for (int i = 0; i < nref; i++)
                    if (find_col(tb, bk, refs[i].name) < 0) ok = 0;
                if (!ok) {
                    if (rr->rows) die("rule %s: row %s lacks a column", rr->id, rw->code);
                    continue;
                }
                rule *ru = new_rule(t, rr, kind);
                ru->scope = rw->label;
                ru->scope_en = rw->en;
                for (int i = 0; i < nref; i++)
                    add_term(t, ru, rw->first_cell + find_col(tb, bk, refs[i].name), &refs[i]);
            }
        } else {
            die("unknown rule scope %s", rr->scope);
        }
    }
}

static int find_cell(const tpl *t, const char *path)
{
    for (int i = 0; i < t->ncells_all; i++)
        if (!strcmp(t->cells[i].path, path)) return i;
    return -1;
}

/* A figure's cells: "a + b ; c" -> alternatives {2, a, b}, {1, c}; all of one kind. */
static void resolve_figures(tpl *t)
{
    for (int k = 0; k < t->nfigures; k++) {
        figure *fg = &t->figures[k];
        g_line = fg->line;
        if (!fg->nnouns || !fg->nunits || !fg->cells) die("figure %s needs nouns, units and cells", fg->code);
        const char *w[64];
        int n = words(fg->cells, w, 64), count_at = -1;
        fg->kind = 0;
        for (int i = 0; i <= n; i++) {
            if (i == n || !strcmp(w[i], ";")) {
                if (count_at < 0 || fg->alts[count_at] == 0) die("figure %s: an empty alternative", fg->code);
                count_at = -1;
                continue;
            }
            if (!strcmp(w[i], "+")) continue;
            if (count_at < 0) {
                if (fg->nalt_ints + 2 > 64) die("figure %s: too many cells", fg->code);
                count_at = fg->nalt_ints++;
                fg->alts[count_at] = 0;
                fg->nalts++;
            }
            int id = find_cell(t, w[i]);
            if (id < 0) die("figure %s: unknown cell %s", fg->code, w[i]);
            if (fg->kind && fg->kind != t->cells[id].kind) die("figure %s: cells of different kinds", fg->code);
            fg->kind = t->cells[id].kind;
            if (fg->nalt_ints >= 64) die("figure %s: too many cells", fg->code);
            fg->alts[fg->nalt_ints++] = id;
            fg->alts[count_at]++;
        }
    }
}

static void build(tpl *t)
{
    /* printed cells first, table by table; optional cells after all of them */
    for (int pass = 0; pass < 2; pass++) {
        for (int ti = 0; ti < t->ntables; ti++) {
            table *tb = &t->tables[ti];
            if (pass == 0) {
                layout_header(tb);
                tb->first_cell = t->ncells;
            }
            for (int r = 0; r < tb->nrows; r++) {
                row *rw = &tb->rows[r];
                if (!(rw->flags & 2) || ((rw->flags & 4) != 0) != (pass == 1)) continue;
                const block *bk = &tb->blocks[rw->block];
                rw->first_cell = t->ncells;
                for (int c = 0; c < bk->ncols; c++) {
                    if (t->ncells >= MAXN) die("too many cells");
                    cell *ce = &t->cells[t->ncells++];
                    const col *co = &tb->cols[bk->first_col + c];
                    ce->path = fmt("%s.%s.%s", tb->code, rw->code, co->code);
                    ce->label = fmt("%s / %s", row_chain(tb, r, 0), col_chain(tb, bk, bk->first_col + c, 0));
                    ce->en = fmt("%s / %s", row_chain(tb, r, 1), col_chain(tb, bk, bk->first_col + c, 1));
                    ce->name = cell_name(tb, bk, r, bk->first_col + c, 0);
                    ce->name_en = cell_name(tb, bk, r, bk->first_col + c, 1);
                    ce->table = ti; ce->row = r; ce->col = bk->first_col + c; ce->kind = co->kind;
                    ce->flags = pass == 1 ? 1 : 0;
                }
            }
            if (pass == 0)
                tb->ncells = t->ncells - tb->first_cell;
        }
        if (pass == 0)
            t->ncells_all = t->ncells;
    }
    int printed = t->ncells_all;
    t->ncells_all = t->ncells;
    t->ncells = printed;
    for (int i = 0; i < t->ncells_all; i++)
        for (int j = 0; j < i; j++)
            if (!strcmp(t->cells[i].path, t->cells[j].path)) die("duplicate cell path %s", t->cells[i].path);
    expand_rules(t);
    resolve_figures(t);
}

static void put_str(FILE *o, const char *s)
{
    if (!s) { fputs("NULL", o); return; }
    fputc('"', o);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') fputc('\\', o);
        fputc(*s, o);
    }
    fputc('"', o);
}

static const tpl *g_sort_tpl;
static int by_path(const void *a, const void *b)
{
    return strcmp(g_sort_tpl->cells[*(const int *)a].path, g_sort_tpl->cells[*(const int *)b].path);
}

static void put_aliases(FILE *o, const char *name, const aliases *al)
{
    if (!al->n) return;
    fprintf(o, "static const char *const %s[] = {", name);
    for (int i = 0; i < al->n; i++) { put_str(o, al->list[i]); fputs(", ", o); }
    fputs("};\n", o);
}

/* ---- the label index (template_def.h: xt_index) ---- */

typedef struct { const char *s; int kind, index; } lentry;
static lentry g_le[4096];
static int g_nle;

static void le_add(const char *s, int kind, int index)
{
    if (g_nle >= (int)(sizeof g_le / sizeof g_le[0])) die("too many labels");
    g_le[g_nle].s = s;
    g_le[g_nle].kind = kind;
    g_le[g_nle].index = index;
    g_nle++;
}

static int le_cmp(const void *a, const void *b)
{
    const lentry *x = a, *y = b;
    int c = strcmp(x->s, y->s);
    return c ? c : x->kind != y->kind ? x->kind - y->kind : x->index - y->index;
}

/* Emit the labels gathered with le_add as the index `name`, and start a new one. */
static void emit_index(FILE *o, const char *name)
{
    static int first[4096];
    static unsigned short slots[16384];
    qsort(g_le, (size_t)g_nle, sizeof g_le[0], le_cmp);
    int n = 0, nlab = 0;
    for (int i = 0; i < g_nle; i++)
        if (!n || le_cmp(&g_le[i], &g_le[n - 1])) g_le[n++] = g_le[i];
    fprintf(o, "static const xt_lref %s_refs[] = {", name);
    for (int i = 0; i < n; i++) {
        if (!i || strcmp(g_le[i].s, g_le[i - 1].s)) first[nlab++] = i;
        fprintf(o, "%s{%d, %d},", i % 8 ? " " : "\n    ", g_le[i].kind, g_le[i].index);
    }
    if (!n) fputs("{0, 0}", o);
    fputs("\n};\n", o);
    fprintf(o, "static const xt_label %s_labels[] = {\n", name);
    for (int l = 0; l < nlab; l++) {
        int end = l + 1 < nlab ? first[l + 1] : n;
        fputs("    {", o); put_str(o, g_le[first[l]].s);
        fprintf(o, ", %uu, %d, %d},\n", (unsigned)xn_hash(g_le[first[l]].s), first[l], end - first[l]);
    }
    if (!nlab) fputs("    {\"\", 0, 0, 0},\n", o);
    fputs("};\n", o);
    unsigned size = 8;
    while (size < 2u * (unsigned)nlab) size *= 2;
    if (size > sizeof slots / sizeof slots[0]) die("too many labels");
    memset(slots, 0, sizeof slots);
    for (int l = 0; l < nlab; l++) {
        unsigned h = xn_hash(g_le[first[l]].s) & (size - 1);
        while (slots[h]) h = (h + 1) & (size - 1);
        slots[h] = (unsigned short)(l + 1);
    }
    fprintf(o, "static const uint16_t %s_slots[] = {", name);
    for (unsigned i = 0; i < size; i++) fprintf(o, "%s%u,", i % 16 ? " " : "\n    ", slots[i]);
    fputs("\n};\n", o);
    fprintf(o, "static const xt_index %s = {%s_labels, %s_refs, %s_slots, %u};\n", name, name, name, name, size - 1);
    g_nle = 0;
}

/* A label and, as XT_L_ROW_BARE etc., the same without its ordinal prefix. */
static void le_add_bare(const char *norm, int kind, int bare_kind, int index)
{
    le_add(norm, kind, index);
    le_add(norm + xn_ordinal_len(norm), bare_kind, index);
}

/* Every label of table tb (what xm_row, xm_col, xm_is_col_label and xm_caption look up). */
static void emit_table_index(FILE *o, const table *tb, const char *name)
{
    for (int r = 0; r < tb->nrows; r++) {
        le_add_bare(norm(tb->rows[r].label), XT_L_ROW, XT_L_ROW_BARE, r);
        for (int a = 0; a < tb->rows[r].al.n; a++)
            le_add_bare(tb->rows[r].al.list[a], XT_L_ROW, XT_L_ROW_BARE, r);
    }
    for (int k = 0; k < tb->ncols; k++) {
        const char *n = norm(tb->cols[k].label), *paren = strchr(n, '(');
        le_add(n, XT_L_COL, k);
        if (paren && paren > n) le_add(fmt("%.*s", (int)(paren - n), n), XT_L_COL_BASE, k);
    }
    for (int i = 0; i < tb->nhn; i++) le_add(norm(tb->hn[i].label), XT_L_HDR, i);
    for (int b = 0; b < tb->nblocks; b++) {
        const char *n = norm(tb->blocks[b].caption);
        if (n[0]) le_add(n, XT_L_CAPTION, b);
    }
    emit_index(o, name);
}

/* The headings of the tables and the sections (what xm_table and xm_section look up). */
static void emit_heading_index(FILE *o, const tpl *t, const char *name)
{
    for (int i = 0; i < t->nsections; i++) {
        const char *n = norm(t->sections[i].heading);
        if (!n[0]) continue; /* a section without a heading is never named by one */
        le_add(n, XT_L_SECTION, i);
        for (int a = 0; a < t->sections[i].al.n; a++) le_add(t->sections[i].al.list[a], XT_L_SECTION, i);
    }
    for (int i = 0; i < t->ntables; i++) {
        const char *n = norm(t->tables[i].heading);
        if (n[0]) le_add(n, XT_L_TABLE, i);
        for (int a = 0; a < t->tables[i].al.n; a++) le_add(t->tables[i].al.list[a], XT_L_TABLE, i);
    }
    emit_index(o, name);
}

static void emit(FILE *o, tpl *t)
{
    const char *p = t->cname;
    char name[256];
    for (int i = 0; i < t->nsections; i++) {
        snprintf(name, sizeof name, "%s_sec%d_al", p, i);
        put_aliases(o, name, &t->sections[i].al);
    }
    fprintf(o, "static const xt_section %s_sections[] = {\n", p);
    for (int i = 0; i < t->nsections; i++) {
        const section *s = &t->sections[i];
        fputs("    {", o); put_str(o, s->code); fputs(", ", o); put_str(o, s->heading); fputs(", ", o);
        put_str(o, s->en); fputs(", ", o); put_str(o, norm(s->heading));
        if (s->al.n) fprintf(o, ", %s_sec%d_al, %d},\n", p, i, s->al.n);
        else fputs(", NULL, 0},\n", o);
    }
    fputs("};\n", o);
    for (int ti = 0; ti < t->ntables; ti++) {
        const table *tb = &t->tables[ti];
        fprintf(o, "static const xt_col %s_t%d_cols[] = {\n", p, ti);
        for (int i = 0; i < tb->ncols; i++) {
            const col *c = &tb->cols[i];
            if (strlen(c->code) > 255) die("column code longer than 255 bytes: %s", c->code);
            fputs("    {", o); put_str(o, c->code); fputs(", ", o); put_str(o, c->label); fputs(", ", o);
            put_str(o, c->en); fputs(", ", o); put_str(o, c->unit); fputs(", ", o); put_str(o, norm(c->label));
            fprintf(o, ", %d, %zu},\n", c->kind, strlen(c->code));
        }
        fputs("};\n", o);
        fprintf(o, "static const xt_block %s_t%d_blocks[] = {\n", p, ti);
        for (int i = 0; i < tb->nblocks; i++) {
            const block *b = &tb->blocks[i];
            fputs("    {", o); put_str(o, b->caption); fputs(", ", o); put_str(o, b->en); fputs(", ", o);
            put_str(o, norm(b->caption)); fprintf(o, ", %d, %d},\n", b->first_col, b->ncols);
        }
        fputs("};\n", o);
        int levels = 0;
        for (int i = 0; i < tb->nhn; i++) if (tb->hn[i].level + 1 > levels) levels = tb->hn[i].level + 1;
        fprintf(o, "static const xt_hdr %s_t%d_hdr[] = {\n", p, ti);
        for (int lv = 0; lv < levels; lv++)
            for (int i = 0; i < tb->nhn; i++) {
                const hnode *h = &tb->hn[i];
                if (h->level != lv) continue;
                fputs("    {", o); put_str(o, h->label); fputs(", ", o); put_str(o, h->en); fputs(", ", o);
                put_str(o, norm(h->label));
                fprintf(o, ", %d, %d, %d, %d},\n", h->level, h->leaf ? levels - h->level : 1, h->first, h->span);
            }
        fputs("};\n", o);
        for (int r = 0; r < tb->nrows; r++) {
            snprintf(name, sizeof name, "%s_t%d_r%d_al", p, ti, r);
            put_aliases(o, name, &tb->rows[r].al);
        }
        fprintf(o, "static const xt_row %s_t%d_rows[] = {\n", p, ti);
        for (int r = 0; r < tb->nrows; r++) {
            const row *rw = &tb->rows[r];
            const char *n = norm(rw->label);
            if (strlen(rw->key) > 255) die("row key longer than 255 bytes: %s", rw->key);
            fputs("    {", o); put_str(o, rw->code); fputs(", ", o); put_str(o, rw->key); fputs(", ", o);
            put_str(o, rw->label); fputs(", ", o); put_str(o, rw->en); fputs(", ", o);
            put_str(o, row_name(tb, r, 0)); fputs(", ", o); put_str(o, row_name(tb, r, 1)); fputs(", ", o);
            put_str(o, n); fputs(", ", o); put_str(o, n + xn_ordinal_len(n));
            if (rw->al.n) fprintf(o, ", %s_t%d_r%d_al, %d", p, ti, r, rw->al.n);
            else fputs(", NULL, 0", o);
            const char *bare = n + xn_ordinal_len(n);
            size_t bare_cp = xn_utf8_count(bare, strlen(bare));
            if (bare_cp > UINT16_MAX) die("row label longer than 65535 characters: %s", rw->label);
            fprintf(o, ", %d, %d, %d, %d, %d, %d, %d, %zu, %zu},\n", rw->flags, rw->depth, rw->parent, rw->jparent,
                    rw->last_desc, rw->block, rw->first_cell, strlen(rw->key), bare_cp);
        }
        fputs("};\n", o);
        snprintf(name, sizeof name, "%s_t%d_al", p, ti);
        put_aliases(o, name, &tb->al);
        snprintf(name, sizeof name, "%s_t%d_index", p, ti);
        emit_table_index(o, tb, name);
    }
    fprintf(o, "static const xt_table %s_tables[] = {\n", p);
    for (int ti = 0; ti < t->ntables; ti++) {
        const table *tb = &t->tables[ti];
        int levels = 0, width = 0;
        for (int i = 0; i < tb->nhn; i++) if (tb->hn[i].level + 1 > levels) levels = tb->hn[i].level + 1;
        for (int i = 0; i < tb->nblocks; i++) if (tb->blocks[i].ncols > width) width = tb->blocks[i].ncols;
        fputs("    {", o); put_str(o, tb->code); fputs(", ", o); put_str(o, tb->number); fputs(", ", o);
        fprintf(o, "\"%d\", ", number_en(tb->number));
        put_str(o, tb->heading); fputs(", ", o); put_str(o, tb->en); fputs(", ", o); put_str(o, norm(tb->heading));
        if (tb->al.n) fprintf(o, ", %s_t%d_al, %d, ", p, ti, tb->al.n);
        else fputs(", NULL, 0, ", o);
        put_str(o, tb->corner); fputs(", ", o); put_str(o, tb->corner_en);
        fprintf(o, ", %d, %s_t%d_cols, %d, %s_t%d_blocks, %d, %s_t%d_rows, %d, %s_t%d_hdr, %d, %d, %d, %d, %d, "
                   "&%s_t%d_index},\n",
                tb->inline_layout, p, ti, tb->ncols, p, ti, tb->nblocks, p, ti, tb->nrows, p, ti, tb->nhn,
                levels, width, tb->first_cell, tb->ncells, p, ti);
    }
    fputs("};\n", o);
    fprintf(o, "static const xt_cell %s_cells[] = {\n", p);
    for (int i = 0; i < t->ncells_all; i++) {
        const cell *c = &t->cells[i];
        fputs("    {", o); put_str(o, c->path); fputs(", ", o); put_str(o, c->label); fputs(", ", o);
        put_str(o, c->en); fputs(", ", o); put_str(o, c->name); fputs(", ", o); put_str(o, c->name_en);
        fprintf(o, ", %d, %d, %d, %d, %d},\n", c->table, c->row, c->col, c->kind, c->flags);
    }
    fputs("};\n", o);
    int idx[MAXN];
    for (int i = 0; i < t->ncells_all; i++) idx[i] = i;
    g_sort_tpl = t;
    qsort(idx, (size_t)t->ncells_all, sizeof idx[0], by_path);
    fprintf(o, "static const uint16_t %s_by_path[] = {", p);
    for (int i = 0; i < t->ncells_all; i++) fprintf(o, "%s%d,", i % 16 ? " " : "\n    ", idx[i]);
    fputs("\n};\n", o);
    fprintf(o, "static const xt_term %s_terms[] = {", p);
    for (int i = 0; i < t->nterms; i++)
        fprintf(o, "%s{%d, %d, %d},", i % 8 ? " " : "\n    ", t->terms[i].cell, t->terms[i].coef, t->terms[i].prev);
    if (!t->nterms) fputs("{0, 0, 0}", o);
    fputs("\n};\n", o);
    fprintf(o, "static const xt_rule %s_rules[] = {\n", p);
    for (int i = 0; i < t->nrules; i++) {
        const rule *r = &t->rules[i];
        fputs("    {", o); put_str(o, r->id); fputs(", ", o); put_str(o, r->desc); fputs(", ", o);
        put_str(o, r->desc_en); fputs(", ", o); put_str(o, r->msg); fputs(", ", o); put_str(o, r->msg_en);
        fputs(", ", o); put_str(o, r->scope); fputs(", ", o); put_str(o, r->scope_en);
        fprintf(o, ", %d, %d, %d, %d, %d, %d, %d, %d, %d},\n", r->severity, r->kind, r->optional,
                r->table < 0 ? 0 : r->table, r->first_term, r->nterms, r->nlhs, r->subject, r->optcell);
    }
    fputs("};\n", o);
    for (int i = 0; i < t->nlists; i++) {
        fprintf(o, "static const char *const %s_list%d[] = {", p, i);
        for (int j = 0; j < t->lists[i].n; j++) { put_str(o, t->lists[i].words[j]); fputs(", ", o); }
        fputs("};\n", o);
        fprintf(o, "static const uint8_t %s_list%d_lens[] = {", p, i);
        for (int j = 0; j < t->lists[i].n; j++) {
            if (strlen(t->lists[i].words[j]) > 255) die("list %s: a word too long", t->lists[i].name);
            fprintf(o, "%d, ", (int)strlen(t->lists[i].words[j]));
        }
        fputs("};\n", o);
    }
    fprintf(o, "static const xt_list %s_lists[] = {\n", p);
    for (int i = 0; i < t->nlists; i++) {
        fputs("    {", o); put_str(o, t->lists[i].name);
        fprintf(o, ", %s_list%d, %s_list%d_lens, %d},\n", p, i, p, i, t->lists[i].n);
    }
    if (!t->nlists) fputs("    {NULL, NULL, NULL, 0},\n", o);
    fputs("};\n", o);
    for (int i = 0; i < t->nfigures; i++) {
        const figure *fg = &t->figures[i];
        static const char *const parts[] = { "nouns", "verbs", "context", "about" };
        const char *const *lists[] = { fg->nouns, fg->verbs, fg->context, fg->about };
        int ns[] = { fg->nnouns, fg->nverbs, fg->ncontext, fg->nabout };
        for (int k = 0; k < 4; k++) {
            if (!ns[k]) continue;
            fprintf(o, "static const char *const %s_fig%d_%s[] = {", p, i, parts[k]);
            for (int j = 0; j < ns[k]; j++) { put_str(o, lists[k][j]); fputs(", ", o); }
            fputs("};\n", o);
        }
        fprintf(o, "static const xt_unit %s_fig%d_units[] = {", p, i);
        for (int j = 0; j < fg->nunits; j++) { fputc('{', o); put_str(o, fg->units[j]); fprintf(o, ", %d}, ", fg->unit_exp[j]); }
        fputs("};\n", o);
        fprintf(o, "static const int32_t %s_fig%d_alts[] = {", p, i);
        for (int j = 0; j < fg->nalt_ints; j++) fprintf(o, "%d, ", fg->alts[j]);
        fputs("};\n", o);
    }
    fprintf(o, "static const xt_figure %s_figures[] = {\n", p);
    for (int i = 0; i < t->nfigures; i++) {
        const figure *fg = &t->figures[i];
        fputs("    {", o); put_str(o, fg->code); fputs(", ", o); put_str(o, fg->what); fputs(", ", o);
        put_str(o, fg->en);
        fprintf(o, ", %s_fig%d_nouns, %d", p, i, fg->nnouns);
        if (fg->nverbs) fprintf(o, ", %s_fig%d_verbs, %d", p, i, fg->nverbs); else fputs(", NULL, 0", o);
        if (fg->ncontext) fprintf(o, ", %s_fig%d_context, %d", p, i, fg->ncontext); else fputs(", NULL, 0", o);
        if (fg->nabout) fprintf(o, ", %s_fig%d_about, %d", p, i, fg->nabout); else fputs(", NULL, 0", o);
        fprintf(o, ", %s_fig%d_units, %d, %s_fig%d_alts, %d, %d},\n", p, i, fg->nunits, p, i, fg->nalts, fg->kind);
    }
    if (!t->nfigures) fputs("    {NULL, NULL, NULL, NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL, 0, 0},\n", o);
    fputs("};\n", o);
    /* the linear identities as a flat program (see template_def.h) */
    fprintf(o, "static const uint16_t %s_fast[] = {", p);
    int nfast = 0;
    for (int i = 0; i < t->nrules; i++) {
        const rule *r = &t->rules[i];
        if (r->kind != XT_RULE_LINEAR) continue;
        int npos = 0, nneg = 0;
        for (int k = 0; k < r->nterms; k++) {
            if (t->terms[r->first_term + k].prev) die("a linear rule reads last year's report");
            if (t->terms[r->first_term + k].coef > 0) npos++; else nneg++;
        }
        fprintf(o, "\n    %d, %d, %d, %d,", i, r->optcell + 1, npos, nneg);
        nfast += 4;
        for (int sign = 1; sign >= -1; sign -= 2)
            for (int k = 0; k < r->nterms; k++)
                if (t->terms[r->first_term + k].coef == sign) { fprintf(o, " %d,", t->terms[r->first_term + k].cell); nfast++; }
    }
    if (!nfast) { fputs(" 0", o); }
    fputs("\n};\n", o);
    snprintf(name, sizeof name, "%s_headings", p);
    emit_heading_index(o, t, name);
    fprintf(o, "static const struct xxgk_template %s = {\n    ", p);
    put_str(o, t->id); fputs(", ", o); put_str(o, t->name); fputs(", ", o); put_str(o, t->name_en ? t->name_en : "");
    fprintf(o, ", %d,\n    %s_sections, %d, %s_tables, %d,\n    %s_cells, %d, %d, %s_by_path,\n    %s_rules, %d, %s_terms, %d,\n"
               "    %s_lists, %d, %s_figures, %d, %s_fast, %d, &%s_headings\n};\n\n",
            t->first_year, p, t->nsections, p, t->ntables, p, t->ncells, t->ncells_all, p, p, t->nrules, p, t->nterms,
            p, t->nlists, p, t->nfigures, p, nfast, p);
}

/* ---- every label as the templates print it (template_def.h: xt_printed) ---- */

static const char *g_printed[8192];
static int g_nprinted;

static void printed_add(const char *s)
{
    if (!s || !s[0]) return;
    if (g_nprinted >= (int)(sizeof g_printed / sizeof g_printed[0])) die("too many labels");
    g_printed[g_nprinted++] = s;
}

static int by_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void emit_printed(FILE *o)
{
    static unsigned short slots[32768];
    for (int i = 0; i < NT; i++) {
        const tpl *t = &T[i];
        for (int s = 0; s < t->nsections; s++) printed_add(t->sections[s].heading);
        for (int ti = 0; ti < t->ntables; ti++) {
            const table *tb = &t->tables[ti];
            printed_add(tb->heading);
            printed_add(tb->corner);
            for (int r = 0; r < tb->nrows; r++) printed_add(tb->rows[r].label);
            for (int k = 0; k < tb->ncols; k++) printed_add(tb->cols[k].label);
            for (int k = 0; k < tb->nhn; k++) printed_add(tb->hn[k].label);
            for (int b = 0; b < tb->nblocks; b++) printed_add(tb->blocks[b].caption);
        }
    }
    qsort(g_printed, (size_t)g_nprinted, sizeof g_printed[0], by_str);
    int n = 0;
    for (int i = 0; i < g_nprinted; i++)
        if (!n || strcmp(g_printed[i], g_printed[n - 1])) g_printed[n++] = g_printed[i];
    fputs("static const xt_printed_label printed_labels[] = {\n", o);
    for (int i = 0; i < n; i++) {
        char buf[2048];
        size_t len = xn_label_read(buf, sizeof buf, g_printed[i], strlen(g_printed[i]));
        if (len >= sizeof buf) die("label too long");
        fputs("    {", o); put_str(o, g_printed[i]); fputs(", ", o); put_str(o, buf);
        fprintf(o, ", %uu, %d, %d, %uu},\n", (unsigned)xn_hash(g_printed[i]), (int)strlen(g_printed[i]), (int)len,
                (unsigned)xn_hash(buf));
    }
    if (!n) fputs("    {\"\", \"\", 0, 0, 0, 0},\n", o);
    fputs("};\n", o);
    unsigned size = 8;
    while (size < 2u * (unsigned)n) size *= 2;
    if (size > sizeof slots / sizeof slots[0]) die("too many labels");
    for (int i = 0; i < n; i++) {
        unsigned h = xn_hash(g_printed[i]) & (size - 1);
        while (slots[h]) h = (h + 1) & (size - 1);
        slots[h] = (unsigned short)(i + 1);
    }
    fputs("static const uint16_t printed_slots[] = {", o);
    for (unsigned i = 0; i < size; i++) fprintf(o, "%s%u,", i % 16 ? " " : "\n    ", slots[i]);
    fputs("\n};\n", o);
    fprintf(o, "const xt_printed_index xt_printed = {printed_labels, printed_slots, %u};\n", size - 1);
}

/* Which Han characters xn_fold leaves as they are (normalize.h: xn_han_kept), from xn_fold
 * itself: tplgen's own table is all zeros, so its xn_fold looks every character up. */
const uint64_t xn_han_kept[XN_HAN_WORDS] = { 0 };

static void emit_han_kept(FILE *o)
{
    fputs("const uint64_t xn_han_kept[XN_HAN_WORDS] = {", o);
    for (unsigned w = 0; w < XN_HAN_WORDS; w++) {
        unsigned long long bits = 0;
        for (unsigned b = 0; b < 64; b++)
            if (xn_fold(XN_HAN_FIRST + w * 64 + b) == XN_HAN_FIRST + w * 64 + b) bits |= 1ULL << b;
        fprintf(o, "%s0x%016llxULL,", w % 4 ? " " : "\n    ", bits);
    }
    fputs("\n};\n", o);
}

static int by_id(const void *a, const void *b)
{
    return strcmp(((const tpl *)a)->id, ((const tpl *)b)->id);
}

int main(int argc, char **argv)
{
    if (argc < 3) { fprintf(stderr, "usage: tplgen OUT.c FILE.tpl...\n"); return 2; }
    for (int i = 2; i < argc; i++) {
        if (NT >= 16) { fprintf(stderr, "too many templates\n"); return 1; }
        parse(argv[i], &T[NT]);
        build(&T[NT]);
        NT++;
    }
    qsort(T, (size_t)NT, sizeof T[0], by_id);
    for (int i = 0; i < NT; i++) {
        T[i].cname = fmt("tpl_%s", T[i].id);
        for (char *c = (char *)T[i].cname; *c; c++)
            if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9'))) *c = '_';
        if (i && !strcmp(T[i].id, T[i - 1].id)) { g_line = 0; die("duplicate template id %s", T[i].id); }
    }
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", argv[1]);
    FILE *o = fopen(tmp, "w");
    if (!o) { perror(tmp); return 1; }
    fputs("/* Generated by tools/tplgen.c from lib/templates. Do not edit. */\n", o);
    fputs("#include \"template_def.h\"\n#include \"normalize.h\"\n\n", o);
    for (int i = 0; i < NT; i++) emit(o, &T[i]);
    emit_printed(o);
    emit_han_kept(o);
    fputs("const struct xxgk_template *const xt_templates[] = {", o);
    for (int i = 0; i < NT; i++) fprintf(o, "&%s, ", T[i].cname);
    fprintf(o, "};\nconst size_t xt_ntemplates = %d;\n", NT);
    if (fclose(o) != 0 || rename(tmp, argv[1]) != 0) { perror(argv[1]); return 1; }
    return 0;
}
