/* SPDX-License-Identifier: MIT */
/* The multi-report reader: a long CSV with a `report` column gives its reports one at a time
 * (only the current one in memory); any other format gives its one report. */
#include "csv.h"
#include "encoding.h"

#include <string.h>

struct xxgk_reader {
    const char *buf;
    size_t len;
    int format;            /* XXGK_FORMAT_CSV, or another format read as one report */
    int done;
    struct xxgk_parse_options o;
    csv_long csv;
    char *decoded;         /* the input converted to UTF-8, when it was not */
};

int xxgk_reader_open(xxgk_reader **out, const char *buf, size_t len, const xxgk_parse_options *opts)
{
    if (!out)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "out is required");
    *out = NULL;
    if (!buf && len)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "buffer is required");
    if (!buf)
        buf = "";
    xxgk_reader *rd = xx_calloc(1, sizeof *rd);
    if (!rd)
        return xx_oom();
    xx_parse_defaults(&rd->o, opts);
    rd->o.source = NULL; /* the options may be freed while the reader lives */
    rd->buf = buf;
    rd->len = len;
    int rc = 0;
    if (len > rd->o.max_size) {
        rc = xx_error(XXGK_ELIMIT, 0, 0, -1, NULL, "input of %zu bytes exceeds the limit of %zu bytes", len,
                      rd->o.max_size);
        goto fail;
    }
    /* readers see UTF-8 only, as in xxgk_report_parse (encoding.c) */
    if ((rc = xx_decode_report(&buf, &len, &rd->decoded, rd->o.format)) != 0)
        goto fail;
    rd->buf = buf;
    rd->len = len;
    rd->format = rd->o.format ? rd->o.format : xx_sniff(buf, len);
    if (rd->format == XXGK_FORMAT_CSV) {
        if ((rc = xx_csv_long_open(&rd->csv, buf, len, &rd->o)) != 0)
            goto fail;
        rd->csv.many = 1;
    }
    *out = rd;
    return 0;
fail:
    xxgk_reader_free(rd);
    return rc;
}

int xxgk_reader_next(xxgk_report **out, xxgk_reader *rd)
{
    if (!out)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "out is required");
    *out = NULL;
    if (!rd)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "no reader");
    if (rd->done)
        return 1;
    if (rd->format != XXGK_FORMAT_CSV) {
        /* any other format holds one report; the text was decoded when the reader opened */
        rd->done = 1;
        return xx_parse_decoded(out, rd->buf, rd->len, &rd->o);
    }
    xxgk_report *r = NULL;
    int rc = xx_csv_long_next(&r, &rd->csv);
    if (rc) {
        /* after a report that failed, the one after it can still be read */
        rd->done = rc == 1 || rd->csv.broken || !rd->csv.has_id;
        return rc;
    }
    if (rd->o.strict && (rc = xx_strict_error(r)) != 0) {
        xxgk_report_free(r);
        return rc; /* the next report can still be read */
    }
    *out = r;
    return 0;
}

const char *xxgk_reader_report_id(const xxgk_reader *rd)
{
    return rd && rd->csv.id ? rd->csv.id : "";
}

void xxgk_reader_free(xxgk_reader *rd)
{
    if (!rd)
        return;
    xx_csv_long_free(&rd->csv);
    xx_free(rd->decoded);
    xx_free(rd);
}
