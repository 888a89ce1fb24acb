/* Long and wide CSV. (Readers and writers land with issue #5.) */
#include "internal.h"

int xx_csv_read(xxgk_report **out, const char *buf, size_t len, const struct xxgk_parse_options *o)
{
    (void)buf; (void)len; (void)o;
    *out = NULL;
    return xx_error(XXGK_EFORMAT, 0, 0, -1, NULL, "the CSV reader is not available in this build");
}

int xx_csv_write(xbuf *b, const xxgk_report *r, const struct xxgk_write_options *o)
{
    (void)b; (void)r; (void)o;
    return xx_error(XXGK_EFORMAT, 0, 0, -1, NULL, "the CSV writer is not available in this build");
}

int xx_csv_wide_read(xxgk_report **out, const char *buf, size_t len, const struct xxgk_parse_options *o)
{
    (void)buf; (void)len; (void)o;
    *out = NULL;
    return xx_error(XXGK_EFORMAT, 0, 0, -1, NULL, "the wide CSV reader is not available in this build");
}

int xx_csv_wide_write(xbuf *b, const xxgk_report *r, const struct xxgk_write_options *o)
{
    (void)b; (void)r; (void)o;
    return xx_error(XXGK_EFORMAT, 0, 0, -1, NULL, "the wide CSV writer is not available in this build");
}

int xxgk_reader_open(xxgk_reader **out, const char *buf, size_t len, const xxgk_parse_options *opts)
{
    (void)buf; (void)len; (void)opts;
    if (out)
        *out = NULL;
    return xx_error(XXGK_EFORMAT, 0, 0, -1, NULL, "multi-report input is not available in this build");
}

int xxgk_reader_next(xxgk_report **out, xxgk_reader *rd)
{
    (void)rd;
    if (out)
        *out = NULL;
    return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "no reader");
}

const char *xxgk_reader_report_id(const xxgk_reader *rd)
{
    (void)rd;
    return "";
}

void xxgk_reader_free(xxgk_reader *rd)
{
    (void)rd;
}
