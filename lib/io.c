/* SPDX-License-Identifier: MIT */
/* Dispatch between formats: sniffing, files, strictness. Readers and writers know the
 * model, never each other. */
#include "encoding.h"
#include "file.h"
#include "html_read.h"
#include "internal.h"
#include "normalize.h"

#include <stdio.h>
#include <string.h>

int xx_sniff(const char *buf, size_t len)
{
    size_t i = 0;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' || buf[i] == '\n'))
        i++;
    if (i < len && buf[i] == '{')
        return XXGK_FORMAT_JSON;
    if (i < len && buf[i] == '<')
        return XXGK_FORMAT_HTML;
    /* CSV: the first line is a known header, its fields quoted or not */
    char first[24];
    size_t l = 0;
    for (; i < len && buf[i] != '\n' && buf[i] != '\r' && l < sizeof first - 1; i++)
        if (buf[i] != '"')
            first[l++] = buf[i];
    first[l] = '\0';
    int eol = i >= len || buf[i] == '\n' || buf[i] == '\r';
    if (eol && (!strcmp(first, "path,value") || !strcmp(first, "report,path,value")))
        return XXGK_FORMAT_CSV;
    /* wide CSV: "xxgk,1", possibly followed by the empty fields a spreadsheet pads with */
    if (l >= 6 && memcmp(first, "xxgk,", 5) == 0 && first[5] >= '0' && first[5] <= '9')
        return XXGK_FORMAT_CSV_WIDE;
    return XXGK_FORMAT_TEXT;
}

/* Text that holds HTML table markup is a page, or a piece of one, saved as text. */
static int page_format(int format, const char *buf, size_t len)
{
    if ((format == XXGK_FORMAT_TEXT || format == XXGK_FORMAT_MARKDOWN) && xx_html_markup(buf, len))
        return XXGK_FORMAT_HTML;
    return format;
}

int xx_decode_report(const char **buf, size_t *len, char **decoded, int format)
{
    *decoded = NULL;
    if (*len >= 5 && !memcmp(*buf, "%PDF-", 5) && format != XXGK_FORMAT_PDFTEXT)
        return xx_error(XXGK_EFORMAT, 1, 1, 0, NULL,
                        "a PDF file: the library reads the text poppler's pdftotext makes of it "
                        "(XXGK_FORMAT_PDFTEXT); the xxgk command and xxgk.load() run pdftotext for you");
    char charset[32] = "";
    if (page_format(format ? format : xx_sniff(*buf, *len), *buf, *len) == XXGK_FORMAT_HTML)
        xx_html_charset(*buf, *len, charset, sizeof charset);
    int rc = xx_decode_declared(buf, len, decoded, charset);
    if (rc && format == XXGK_FORMAT_PDFTEXT)
        xx_error_paginate(*buf, *len); /* the page table counts bytes any encoding shares */
    return rc;
}

static int format_of_path(const char *path)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash))
        return XXGK_FORMAT_AUTO;
    if (!strcmp(dot, ".json"))
        return XXGK_FORMAT_JSON;
    if (!strcmp(dot, ".txt"))
        return XXGK_FORMAT_TEXT;
    if (!strcmp(dot, ".md"))
        return XXGK_FORMAT_MARKDOWN;
    if (!strcmp(dot, ".html") || !strcmp(dot, ".htm") || !strcmp(dot, ".shtml") || !strcmp(dot, ".xhtml"))
        return XXGK_FORMAT_HTML;
    return XXGK_FORMAT_AUTO; /* .csv: long or wide, sniffed */
}

int xxgk_format_from_path(int *format, const char *path)
{
    if (!format || !path)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "format and path are required");
    *format = format_of_path(path);
    return 0;
}

int xxgk_report_parse(xxgk_report **out, const char *buf, size_t len, const xxgk_parse_options *user)
{
    if (!out)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "out is required");
    *out = NULL;
    if (!buf && len)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "buffer is required");
    if (!buf)
        buf = "";
    struct xxgk_parse_options o;
    xx_parse_defaults(&o, user);
    if (len > o.max_size)
        return xx_error(XXGK_ELIMIT, 0, 0, -1, NULL, "input of %zu bytes exceeds the limit of %zu bytes", len,
                        o.max_size);
    char *decoded = NULL; /* readers see UTF-8 only (encoding.c) */
    int rc = xx_decode_report(&buf, &len, &decoded, o.format);
    if (rc)
        return rc;
    rc = xx_parse_decoded(out, buf, len, &o);
    xx_free(decoded);
    return rc;
}

int xx_strict_error(const xxgk_report *r)
{
    const xxgk_findings *d = xxgk_report_diagnostics(r);
    for (size_t i = 0; i < xxgk_findings_count(d); i++)
        if (xxgk_finding_severity(d, i) >= XXGK_SEVERITY_WARNING) {
            const char *en = xxgk_finding_message_en(d, i), *zh = xxgk_finding_message(d, i);
            if (!en || !zh)
                return xx_oom();
            int rc = xx_error_texts(XXGK_ESTRICT, xxgk_finding_line(d, i), xxgk_finding_column(d, i), -1,
                                    xxgk_finding_cell(d, i, 0), zh, en);
            if (xxgk_finding_page(d, i) > 0)
                xx_error_set_page(xxgk_finding_page(d, i), xxgk_finding_line(d, i));
            return rc;
        }
    return 0;
}

int xx_parse_decoded(xxgk_report **out, const char *buf, size_t len, const struct xxgk_parse_options *o)
{
    int rc, format = page_format(o->format ? o->format : xx_sniff(buf, len), buf, len);
    switch (format) {
    case XXGK_FORMAT_JSON: rc = xx_json_read(out, buf, len, o); break;
    case XXGK_FORMAT_CSV: rc = xx_csv_read(out, buf, len, o); break;
    case XXGK_FORMAT_CSV_WIDE: rc = xx_csv_wide_read(out, buf, len, o); break;
    case XXGK_FORMAT_TEXT:
    case XXGK_FORMAT_MARKDOWN: {
        struct xxgk_parse_options t = *o; /* the text reader needs to know which (sniffed or given) */
        t.format = format;
        rc = xx_text_read(out, buf, len, &t);
        break;
    }
    case XXGK_FORMAT_HTML: rc = xx_html_read(out, buf, len, o); break;
    case XXGK_FORMAT_PDFTEXT:
        if ((rc = xx_text_read(out, buf, len, o)) != 0)
            xx_error_paginate(buf, len);
        else if ((rc = xx_paginate(*out, buf, len)) != 0) {
            xxgk_report_free(*out);
            *out = NULL;
        }
        break;
    default: rc = xx_error(XXGK_EFORMAT, 0, 0, -1, NULL, "unknown format %d", format); break;
    }
    if (rc)
        return rc;
    if (o->strict && *out && (rc = xx_strict_error(*out)) != 0) {
        xxgk_report_free(*out);
        *out = NULL;
    }
    return rc;
}

int xxgk_report_read_file(xxgk_report **out, const char *path, const xxgk_parse_options *user)
{
    if (!out || !path)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "out and path are required");
    *out = NULL;
    struct xxgk_parse_options o;
    xx_parse_defaults(&o, user);
    if (!o.format)
        o.format = format_of_path(path);
    char *buf;
    size_t len;
    int rc = xx_file_read(path, o.max_size, &buf, &len);
    if (rc)
        return rc;
    rc = xxgk_report_parse(out, buf, len, &o);
    xx_free(buf);
    return rc;
}

static int write_buf(xbuf *b, const xxgk_report *r, const struct xxgk_write_options *o)
{
    switch (o->format) {
    case XXGK_FORMAT_JSON: return xx_json_write(b, r, o);
    case XXGK_FORMAT_CSV: return xx_csv_write(b, r, o);
    case XXGK_FORMAT_CSV_WIDE: return xx_csv_wide_write(b, r, o);
    case XXGK_FORMAT_TEXT: return xx_text_write(b, r, o);
    case XXGK_FORMAT_MARKDOWN: return xx_markdown_write(b, r, o);
    case XXGK_FORMAT_HTML: return xx_html_write(b, r, o);
    default: return xx_error(XXGK_EFORMAT, 0, 0, -1, NULL, "cannot write format %d", o->format);
    }
}

int xxgk_report_write(char **out, size_t *len, const xxgk_report *r, const xxgk_write_options *user)
{
    if (!out || !r)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "out and report are required");
    *out = NULL;
    if (len)
        *len = 0;
    struct xxgk_write_options o = { XXGK_FORMAT_JSON, 0, 1, NULL, NULL, 1 };
    if (user)
        o = *user;
    xbuf b = { 0 };
    int rc = write_buf(&b, r, &o);
    if (rc) {
        xb_free(&b);
        return rc;
    }
    return xb_finish(&b, out, len);
}

int xxgk_report_write_file(const char *path, const xxgk_report *r, const xxgk_write_options *opts)
{
    if (!path)
        return xx_error(XXGK_EINVAL, 0, 0, -1, NULL, "path is required");
    char *buf;
    size_t len;
    int rc = xxgk_report_write(&buf, &len, r, opts);
    if (rc)
        return rc;
    rc = xx_file_replace(path, buf, len);
    xx_free(buf);
    return rc;
}
