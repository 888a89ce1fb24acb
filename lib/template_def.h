/* SPDX-License-Identifier: MIT */
/* The compiled form of a template (generated from lib/templates/NAME.tpl by tools/tplgen.c).
 * Everything here is constant data; the library never computes per report what can be
 * read from these tables. */
#ifndef XXGK_TEMPLATE_DEF_H
#define XXGK_TEMPLATE_DEF_H

#include <stddef.h>
#include <stdint.h>

enum { XT_ROW_GROUP = 1, XT_ROW_CELLS = 2, XT_ROW_OPTIONAL = 4 };
enum {
    XT_RULE_LINEAR = 1,  /* sum(coef * cell) = 0 */
    XT_RULE_NONNEG = 2,  /* every count cell >= 0 */
    XT_RULE_AMOUNT = 3,  /* every amount cell >= 0 */
    XT_RULE_YOY = 4,     /* a linear identity with last year's cells */
    XT_RULE_ATLEAST = 5, /* expected side >= actual side (a plausibility) */
    XT_RULE_TEXT = 6,    /* the narrative's figures (the template's figures) agree with the cells */
    XT_RULE_TOWN = 7,    /* a township or street office (lists town_suffix, town_self) reports
                          * none of its cells (规章) */
    XT_RULE_PERIOD = 8,  /* the year in the title is the reporting period's (list period) */
    XT_RULE_UNIT = 9,    /* no value read from text in a unit its column does not use */
    XT_RULE_OUTDATED = 10 /* no newer template applies to the report's year */
};

/* The label index (built by tplgen): every normalized label of a table, or every heading of
 * a template, with what it names, found through its hash rather than by comparing it with
 * each label in turn. */
enum {
    XT_L_ROW = 1,   /* a row's label or one of its variants (index: the row) */
    XT_L_ROW_BARE,  /* the same without its ordinal prefix */
    XT_L_COL,       /* a column's label (index: into the table's cols) */
    XT_L_COL_BASE,  /* a column's label without its unit in brackets */
    XT_L_HDR,       /* a node of the column header (index: into hdr) */
    XT_L_CAPTION,   /* a block's caption (index: the block) */
    XT_L_TABLE,     /* a table's heading or one of its variants (index: the table) */
    XT_L_SECTION    /* a section's heading or one of its variants (index: the section) */
};

typedef struct xt_lref {
    uint16_t kind, index;
} xt_lref;

typedef struct xt_label {
    const char *norm;
    uint32_t hash;                /* xn_hash(norm) */
    uint16_t first, n;            /* what it names: refs[first..first+n), by kind, then index */
} xt_label;

typedef struct xt_index {
    const xt_label *labels;
    const xt_lref *refs;
    const uint16_t *slots;        /* by hash, linear probing: label + 1, or 0 (empty) */
    uint32_t mask;                /* slots - 1: a power of two, at least twice the labels */
} xt_index;

typedef struct xt_col {
    const char *code, *label, *label_en, *unit, *norm;
    uint8_t kind;                 /* XXGK_KIND_* */
    uint8_t code_len;             /* strlen(code): a key is compared without a call */
} xt_col;

/* A node of the printed column header: a column group or a column. Nodes are listed level
 * by level, left to right; `first`/`span` give the leaf columns (of the table's widest
 * block) below it. */
typedef struct xt_hdr {
    const char *label, *label_en, *norm;
    uint8_t level, depth;         /* level: 0 top; depth: levels it spans downwards (rowspan) */
    uint16_t first, span;
} xt_hdr;

typedef struct xt_block {
    const char *caption, *caption_en, *norm;
    uint16_t first_col, ncols;    /* into the table's cols */
} xt_block;

typedef struct xt_row {
    const char *code;             /* path segment(s) below the table: "denied.state_secret"; "" */
    const char *key;              /* its last segment as a JSON key ("" for display groups) */
    const char *label, *label_en;
    const char *name, *name_en;   /* as a clerk names it: 表三“（三）不予公开 1.属于国家秘密”行 */
    const char *norm;             /* normalized label */
    const char *norm_bare;        /* normalized label without its ordinal prefix */
    const char *const *aliases;   /* normalized variants */
    uint8_t naliases;
    uint8_t flags;                /* XT_ROW_* */
    uint8_t depth;                /* nesting level, 0 at the top */
    int16_t parent;               /* enclosing group row, -1 */
    int16_t jparent;              /* enclosing group that has a code (JSON nesting), -1 */
    int16_t last_desc;            /* last row index inside this group (itself if none) */
    uint16_t block;
    int32_t first_cell;           /* -1 when the row has no cells */
    uint8_t key_len;              /* strlen(key) */
    uint16_t bare_cp;             /* code points of norm_bare (a loose match compares lengths) */
} xt_row;

typedef struct xt_table {
    const char *code, *number, *number_en, *heading, *heading_en, *norm;
    const char *const *aliases;   /* normalized heading variants */
    uint8_t naliases;
    const char *corner, *corner_en;
    uint8_t inline_layout;        /* printed as one line: rows side by side */
    const xt_col *cols; uint16_t ncols;
    const xt_block *blocks; uint16_t nblocks;
    const xt_row *rows; uint16_t nrows;
    const xt_hdr *hdr; uint16_t nhdr; uint8_t hdr_levels;
    uint16_t width;               /* leaf columns of the widest block */
    uint32_t first_cell, ncells;  /* printed cells */
    const xt_index *labels;       /* its row, column, header and caption labels */
} xt_table;

typedef struct xt_cell {
    const char *path, *label, *label_en;
    const char *name, *name_en;   /* as a clerk names it: 表三“…”行“自然人”列 / table 3, row "…", column "…" */
    uint16_t table, row, col;     /* col: index into the table's cols */
    uint8_t kind, flags;          /* flags: XXGK_CELL_* */
} xt_cell;

typedef struct xt_term {
    int32_t cell;
    int8_t coef;
    uint8_t prev;                 /* read from the previous year's report */
} xt_term;

typedef struct xt_rule {
    const char *id;
    const char *desc, *desc_en, *msg, *msg_en, *scope, *scope_en;
    uint8_t severity, kind, optional;  /* optional: involves an optional cell */
    uint16_t table;
    uint32_t first_term;
    uint16_t nterms, nlhs;        /* terms[0..nlhs) expected side, the rest actual side */
    int32_t subject;              /* the cell the message is about */
    int32_t optcell;              /* its optional cell (the identity applies when it is filled), -1 */
} xt_rule;

/* A named list of words the checks look for (fillers, town_suffix, town_self, period). */
typedef struct xt_list {
    const char *name;
    const char *const *words;
    const uint8_t *lens;          /* their lengths in bytes */
    uint16_t n;
} xt_list;

/* A unit a narrative figure may carry: the value in the cells' unit is number x 10^exp10
 * (元 for a cell in 万元: -4). */
typedef struct xt_unit {
    const char *word;
    int8_t exp10;
} xt_unit;

/* A figure the narrative states about the tables (TEXT.MATCH): the words right before the
 * number name what is counted, one of `verbs` (if any) comes before them in the clause, one
 * of `context` (if any) and one of `about` (if any) earlier in the sentence; when figures
 * share words, the one whose verb (or context) comes last is meant. `alts` are the cells it
 * may equal, each alternative a sum: n, then n cell ids, for each of nalts. */
typedef struct xt_figure {
    const char *code, *what, *what_en;
    const char *const *nouns; uint8_t nnouns;
    const char *const *verbs; uint8_t nverbs;
    const char *const *context; uint8_t ncontext;
    const char *const *about; uint8_t nabout;   /* one of these too, earlier in the sentence */
    const xt_unit *units; uint8_t nunits;
    const int32_t *alts; uint8_t nalts;
    uint8_t kind;                 /* XXGK_KIND_* of its cells */
} xt_figure;

typedef struct xt_section {
    const char *code, *heading, *heading_en, *norm;
    const char *const *aliases;
    uint8_t naliases;
} xt_section;

struct xxgk_template {
    const char *id, *name, *name_en;
    int first_year;
    const xt_section *sections; uint16_t nsections;
    const xt_table *tables; uint16_t ntables;
    const xt_cell *cells; uint32_t ncells, ncells_all;
    const uint16_t *by_path;      /* cell ids sorted by path */
    const xt_rule *rules; uint32_t nrules;
    const xt_term *terms; uint32_t nterms;
    const xt_list *lists; uint16_t nlists;
    const xt_figure *figures; uint16_t nfigures;
    /* The linear identities as one flat program for a report whose cells are all numbers:
     * per identity, its rule index, its optional cell + 1 (0: none), the number of cells
     * added and of cells subtracted, then their ids. */
    const uint16_t *fast; uint32_t nfast;
    const xt_index *headings;     /* the headings of its tables and sections */
};

/* Every label and heading as the templates print them, with its normalized form
 * (xn_label_read): a label copied as printed is not normalized again. */
typedef struct xt_printed_label {
    const char *text, *norm;
    uint32_t hash;                /* xn_hash(text) */
    uint32_t len, norm_len;
    uint32_t norm_hash;           /* xn_hash(norm): a row is looked up without hashing it again */
} xt_printed_label;

typedef struct xt_printed_index {
    const xt_printed_label *labels;
    const uint16_t *slots;        /* by hash, linear probing: label + 1, or 0 (empty) */
    uint32_t mask;                /* slots - 1 */
} xt_printed_index;

extern const xt_printed_index xt_printed;

extern const struct xxgk_template *const xt_templates[];
extern const size_t xt_ntemplates;

#endif
