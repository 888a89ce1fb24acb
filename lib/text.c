/* The published plain-text form and Markdown. (Reader and writers land with issue #4.) */
#include "internal.h"

int xx_text_read(xxgk_report **out, const char *buf, size_t len, const struct xxgk_parse_options *o)
{
    (void)buf; (void)len; (void)o;
    *out = NULL;
    return xx_error(XXGK_EFORMAT, 0, 0, -1, NULL, "the text reader is not available in this build");
}

int xx_text_write(xbuf *b, const xxgk_report *r, const struct xxgk_write_options *o)
{
    (void)b; (void)r; (void)o;
    return xx_error(XXGK_EFORMAT, 0, 0, -1, NULL, "the text writer is not available in this build");
}

int xx_markdown_write(xbuf *b, const xxgk_report *r, const struct xxgk_write_options *o)
{
    (void)b; (void)r; (void)o;
    return xx_error(XXGK_EFORMAT, 0, 0, -1, NULL, "the Markdown writer is not available in this build");
}
