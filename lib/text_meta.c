/* SPDX-License-Identifier: MIT */
/* Text reader: the title (with agency and year) and the narrative sections. */
#include "text_read.h"
#include "title.h"
#include "normalize.h"

#include <stdio.h>
#include <string.h>

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

/* The title: the first line before any heading (without a Markdown "#"), or the first two
 * joined when the second is the title's end ("年度报告"). *pre_from is the first line after it. */
static int read_title(reader *rd, size_t *pre_from)
{
    int rc;
    size_t a = SIZE_MAX, b = SIZE_MAX;
    *pre_from = 0;
    for (size_t li = 0; li < rd->nlines; li++) {
        const tline *ln = &rd->lines[li];
        if (ln->region != REG_PRE || ln->heading)
            break;
        if (!ln->len)
            continue;
        if (a == SIZE_MAX) a = li;
        else { b = li; break; }
    }
    if (a == SIZE_MAX)
        return 0;
    tline mdt = rd->lines[a]; /* a Markdown title: "# ..." */
    if (rd->buf[mdt.off] == '#') {
        while (mdt.len && rd->buf[mdt.off] == '#') { mdt.off++; mdt.len--; }
        tx_trim(rd->buf, &mdt.off, &mdt.len);
    }
    const tline *la = &mdt;
    if (xx_title_is(rd->buf + la->off, la->len)) {
        if ((rc = xx_title_set(rd->r, rd->buf + la->off, la->len)) != 0)
            return rc;
        *pre_from = a + 1;
    } else if (b != SIZE_MAX && la->len + rd->lines[b].len < 400) {
        char j[420];
        const tline *lb = &rd->lines[b];
        memcpy(j, rd->buf + la->off, la->len);
        memcpy(j + la->len, rd->buf + lb->off, lb->len);
        char nb[100];
        size_t nbl = tx_label_norm(nb, sizeof nb, rd->buf + lb->off, lb->len);
        if (nbl < 40 && !strncmp(nb, "年度报告", 12) && xx_title_is(j, la->len + lb->len)) {
            if ((rc = xx_title_set(rd->r, j, la->len + lb->len)) != 0)
                return rc;
            *pre_from = b + 1;
        }
    }
    return 0;
}

int tx_read_meta(reader *rd)
{
    size_t pre_from;
    int rc = read_title(rd, &pre_from);
    if (rc)
        return rc;
    if ((rc = join_lines(rd, REG_PRE, pre_from, &rd->r->sections[0])) != 0)
        return rc;
    for (size_t i = 1; i < rd->t->nsections && i < XX_MAX_SECTIONS; i++)
        if ((rc = join_lines(rd, REG_SEC + (int)i, 0, &rd->r->sections[i])) != 0)
            return rc;
    return 0;
}
