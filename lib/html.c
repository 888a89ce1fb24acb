/* HTML writer. (Lands with issue #5.) */
#include "internal.h"

int xx_html_write(xbuf *b, const xxgk_report *r, const struct xxgk_write_options *o)
{
    (void)b; (void)r; (void)o;
    return xx_error(XXGK_EFORMAT, 0, 0, -1, NULL, "the HTML writer is not available in this build");
}
