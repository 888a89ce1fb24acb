/* SPDX-License-Identifier: MIT */
/* Error detail, kept per thread in fixed buffers: reporting an error never allocates. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

struct xerr {
    int code;
    long page, line, col;
    long long off;
    char msg[1024];
    char msg_zh[1024];
    char path[256];
};

static _Thread_local struct xerr tl_err = { 0, 0, 0, 0, -1, "", "", "" };

/* Cut s at n bytes without splitting a UTF-8 sequence. */
static void cut_utf8(char *s, size_t cap)
{
    size_t n = strlen(s);
    if (n < cap - 1)
        return;
    n = cap - 1;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    s[n] = '\0';
}

static struct xerr *set_place(int code, long line, long col, long long off, const char *path)
{
    struct xerr *e = &tl_err;
    e->code = code;
    e->page = 0;
    e->line = line;
    e->col = col;
    e->off = off;
    snprintf(e->path, sizeof e->path, "%s", path ? path : "");
    cut_utf8(e->path, sizeof e->path);
    return e;
}

int xx_verror(int code, long line, long col, long long off, const char *path, const char *fmt, va_list ap)
{
    struct xerr *e = set_place(code, line, col, off, path);
    va_list zh_ap;
    va_copy(zh_ap, ap);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    const char *zh = xx_error_zh(fmt); /* the same conversions in the same order */
    vsnprintf(e->msg_zh, sizeof e->msg_zh, zh ? zh : fmt, zh_ap);
    va_end(zh_ap);
    cut_utf8(e->msg, sizeof e->msg);
    cut_utf8(e->msg_zh, sizeof e->msg_zh);
    return code;
}

int xx_error(int code, long line, long col, long long off, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    xx_verror(code, line, col, off, path, fmt, ap);
    va_end(ap);
    return code;
}

int xx_error_texts(int code, long line, long col, long long off, const char *path, const char *zh, const char *en)
{
    struct xerr *e = set_place(code, line, col, off, path);
    snprintf(e->msg, sizeof e->msg, "%s", en);
    snprintf(e->msg_zh, sizeof e->msg_zh, "%s", zh);
    cut_utf8(e->msg, sizeof e->msg);
    cut_utf8(e->msg_zh, sizeof e->msg_zh);
    return code;
}

void xx_error_set_page(long page, long line)
{
    tl_err.page = page;
    tl_err.line = line;
}

int xx_oom(void)
{
    return xx_error(XXGK_ENOMEM, 0, 0, -1, NULL, "out of memory");
}

int xxgk_error_code(void) { return tl_err.code; }
const char *xxgk_error_message(void) { return tl_err.msg; }
const char *xxgk_error_message_zh(void) { return tl_err.msg_zh; }
long xxgk_error_page(void) { return tl_err.page; }
long xxgk_error_line(void) { return tl_err.line; }
long xxgk_error_column(void) { return tl_err.col; }
long long xxgk_error_offset(void) { return tl_err.off; }
const char *xxgk_error_path(void) { return tl_err.path; }

void xxgk_error_clear(void)
{
    tl_err.code = 0;
    tl_err.page = tl_err.line = tl_err.col = 0;
    tl_err.off = -1;
    tl_err.msg[0] = tl_err.msg_zh[0] = tl_err.path[0] = '\0';
}

const char *xxgk_strerror(int code)
{
    switch (code) {
    case XXGK_OK: return "success";
    case XXGK_EINVAL: return "invalid argument";
    case XXGK_ENOMEM: return "out of memory";
    case XXGK_EPARSE: return "malformed input";
    case XXGK_ESCHEMA: return "not a valid report document";
    case XXGK_ERANGE: return "number out of range";
    case XXGK_ENOTFOUND: return "not found";
    case XXGK_EKIND: return "wrong kind of cell";
    case XXGK_EENCODING: return "invalid or unsupported encoding";
    case XXGK_EIO: return "input/output error";
    case XXGK_ELIMIT: return "input exceeds a limit";
    case XXGK_EOVERFLOW: return "arithmetic overflow";
    case XXGK_ETEMPLATE: return "template mismatch or unknown template";
    case XXGK_EFORMAT: return "unknown or unsupported format";
    case XXGK_EAMBIGUOUS: return "ambiguous label";
    case XXGK_ESTRICT: return "strict reading failed: the reader had diagnostics";
    case XXGK_EEMPTY: return "no report found in the input";
    default: return "unknown error";
    }
}
