/* SPDX-License-Identifier: MIT */
/* Option objects: opaque, so that new options never change the ABI. */
#include "internal.h"

#include <string.h>

void xx_parse_defaults(struct xxgk_parse_options *o, const xxgk_parse_options *user)
{
    memset(o, 0, sizeof *o);
    if (user)
        *o = *user;
    if (!o->max_size)
        o->max_size = XX_DEFAULT_MAX_SIZE;
    if (!o->max_line)
        o->max_line = XX_DEFAULT_MAX_LINE;
    if (!o->max_depth)
        o->max_depth = XX_DEFAULT_MAX_DEPTH;
}

#define NEED(o) \
    if (!(o)) return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "options are required")

int xxgk_parse_options_new(xxgk_parse_options **out)
{
    if (!out)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "out is required");
    *out = xx_calloc(1, sizeof **out);
    return *out ? 0 : xx_oom();
}

void xxgk_parse_options_free(xxgk_parse_options *o)
{
    if (!o)
        return;
    xx_free(o->source);
    xx_free(o);
}

int xxgk_parse_options_set_format(xxgk_parse_options *o, int format)
{
    NEED(o);
    if (format < XXGK_FORMAT_AUTO || format > XXGK_FORMAT_PDFTEXT)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "unknown format %d", format);
    o->format = format;
    return 0;
}

int xxgk_parse_options_set_strict(xxgk_parse_options *o, int strict)
{
    NEED(o);
    o->strict = strict != 0;
    return 0;
}

int xxgk_parse_options_set_template(xxgk_parse_options *o, const xxgk_template *t)
{
    NEED(o);
    o->tpl = t;
    return 0;
}

int xxgk_parse_options_set_max_size(xxgk_parse_options *o, size_t bytes)
{
    NEED(o);
    o->max_size = bytes;
    return 0;
}

int xxgk_parse_options_set_max_depth(xxgk_parse_options *o, unsigned depth)
{
    NEED(o);
    o->max_depth = depth;
    return 0;
}

int xxgk_parse_options_set_max_line(xxgk_parse_options *o, size_t bytes)
{
    NEED(o);
    o->max_line = bytes;
    return 0;
}

int xxgk_parse_options_set_source_name(xxgk_parse_options *o, const char *name)
{
    NEED(o);
    char *d = NULL;
    if (name && !(d = xx_strdup(name)))
        return xx_oom();
    xx_free(o->source);
    o->source = d;
    return 0;
}

int xxgk_check_options_new(xxgk_check_options **out)
{
    if (!out)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "out is required");
    *out = xx_calloc(1, sizeof **out);
    if (!*out)
        return xx_oom();
    (*out)->diagnostics = 1;
    (*out)->copy_threshold = 90;
    return 0;
}

void xxgk_check_options_free(xxgk_check_options *o) { xx_free(o); }

int xxgk_check_options_set_blank_as_zero(xxgk_check_options *o, int on)
{
    NEED(o);
    o->blank_as_zero = on != 0;
    return 0;
}

int xxgk_check_options_set_diagnostics(xxgk_check_options *o, int on)
{
    NEED(o);
    o->diagnostics = on != 0;
    return 0;
}

int xxgk_check_options_set_copy_threshold(xxgk_check_options *o, int percent)
{
    NEED(o);
    if (percent < 0 || percent > 100)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "copy threshold %d is not a percentage", percent);
    o->copy_threshold = percent;
    return 0;
}

int xxgk_write_options_new(xxgk_write_options **out)
{
    if (!out)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "out is required");
    *out = xx_calloc(1, sizeof **out);
    if (!*out)
        return xx_oom();
    (*out)->format = XXGK_FORMAT_JSON;
    (*out)->header = 1;
    (*out)->bom = 1;
    return 0;
}

void xxgk_write_options_free(xxgk_write_options *o)
{
    if (!o)
        return;
    xx_free(o->report_id);
    xx_free(o);
}

int xxgk_write_options_set_format(xxgk_write_options *o, int format)
{
    NEED(o);
    if (format <= XXGK_FORMAT_AUTO || format > XXGK_FORMAT_HTML)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "cannot write format %d", format);
    o->format = format;
    return 0;
}

int xxgk_write_options_set_lang(xxgk_write_options *o, const char *lang)
{
    NEED(o);
    if (!lang || (strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0))
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "language must be \"zh\" or \"en\"");
    o->lang_en = strcmp(lang, "en") == 0;
    return 0;
}

int xxgk_write_options_set_report_id(xxgk_write_options *o, const char *id)
{
    NEED(o);
    char *d = NULL;
    if (id && !(d = xx_strdup(id)))
        return xx_oom();
    xx_free(o->report_id);
    o->report_id = d;
    return 0;
}

int xxgk_write_options_set_header(xxgk_write_options *o, int on)
{
    NEED(o);
    o->header = on != 0;
    return 0;
}

int xxgk_write_options_set_bom(xxgk_write_options *o, int on)
{
    NEED(o);
    o->bom = on != 0;
    return 0;
}

int xxgk_write_options_set_findings(xxgk_write_options *o, const xxgk_findings *f)
{
    NEED(o);
    o->findings = f;
    return 0;
}
