/* SPDX-License-Identifier: MIT */
/* The reports of one input: a file or standard input may hold several (long CSV with a
 * `report` column, e.g. a province's reports in one file); they are read one at a time. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int is_csv_name(const char *path)
{
    size_t n = strlen(path);
    return n > 4 && strcasecmp(path + n - 4, ".csv") == 0;
}

int cli_source_open(cli_source *s, const char *path, int *errno_out)
{
    memset(s, 0, sizeof *s);
    *errno_out = 0;
    if (strcmp(path, "-") != 0 && !is_csv_name(path))
        return xxgk_report_read_file(&s->single, path, NULL); /* one report: format by name */
    size_t len;
    if (cli_slurp(path, &s->buf, &len) != 0) {
        *errno_out = errno ? errno : EIO;
        if (strcmp(path, "-") == 0)
            return XXGK_EIO;
        return xxgk_report_read_file(&s->single, path, NULL); /* let the library say why */
    }
    int rc = xxgk_reader_open(&s->rd, s->buf, len, NULL);
    if (rc == XXGK_EENCODING) /* the multi-report reader takes UTF-8 only; one report may be GBK */
        rc = xxgk_report_parse(&s->single, s->buf, len, NULL);
    *errno_out = 0;
    return rc;
}

int cli_source_next(cli_source *s, xxgk_report **out)
{
    *out = NULL;
    if (s->rd)
        return xxgk_reader_next(out, s->rd);
    if (!s->single)
        return 1;
    *out = s->single;
    s->single = NULL;
    return 0;
}

const char *cli_source_report_id(const cli_source *s)
{
    return s->rd ? xxgk_reader_report_id(s->rd) : "";
}

void cli_source_close(cli_source *s)
{
    xxgk_reader_free(s->rd);
    xxgk_report_free(s->single);
    free(s->buf);
    memset(s, 0, sizeof *s);
}
