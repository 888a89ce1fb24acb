/* SPDX-License-Identifier: MIT */
/* A PDF's text, from poppler's pdftotext run as a child process: no shell, the path as an
 * argument (standard input's bytes through a pipe), a time limit, and each way it can fail
 * told apart. The library reads the text (XXGK_FORMAT_PDFTEXT); it never links poppler. */
#define _GNU_SOURCE /* pipe2: pipes the child does not inherit, whatever other threads spawn */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

/* Seconds pdftotext may take (XXGK_PDFTOTEXT_TIMEOUT overrides): a report is a few pages. */
static int time_limit(void)
{
    const char *e = getenv("XXGK_PDFTOTEXT_TIMEOUT");
    int s = e ? atoi(e) : 0;
    return s > 0 ? s : 60;
}

int cli_is_pdf(const char *buf, size_t len)
{
    return len >= 5 && memcmp(buf, "%PDF-", 5) == 0;
}

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int grow(strbuf *b, int fd)
{
    char chunk[65536];
    ssize_t n = read(fd, chunk, sizeof chunk);
    if (n > 0)
        sb_putn(b, chunk, (size_t)n);
    return n > 0 ? 1 : n == 0 ? 0 : errno == EINTR || errno == EAGAIN ? 1 : -1;
}

/* Run pdftotext: its standard output into out, the start of its standard error into err.
 * 0 and *status, or -1 with errno (ETIME: the time limit). */
static int run(const char *path, const char *buf, size_t len, strbuf *out, strbuf *err, int *status)
{
    int in[2] = { -1, -1 }, o[2], e[2];
    int from_stdin = !strcmp(path, "-");
    if (pipe2(o, O_CLOEXEC) != 0)
        return -1;
    if (pipe2(e, O_CLOEXEC) != 0) {
        close(o[0]);
        close(o[1]);
        return -1;
    }
    if (from_stdin && pipe2(in, O_CLOEXEC) != 0) {
        close(o[0]), close(o[1]), close(e[0]), close(e[1]);
        return -1;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    if (from_stdin)
        posix_spawn_file_actions_adddup2(&fa, in[0], STDIN_FILENO);
    else
        posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, o[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&fa, e[1], STDERR_FILENO);
    /* -raw: the text in the order it was written (read by the text reader); pages end in
     * a form feed */
    char *argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", "-eol", "unix", (char *)path, "-", NULL };
    pid_t pid;
    int rc = posix_spawnp(&pid, "pdftotext", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(o[1]);
    close(e[1]);
    if (from_stdin)
        close(in[0]);
    if (rc != 0) {
        close(o[0]), close(e[0]);
        if (from_stdin)
            close(in[1]);
        errno = rc;
        return -1;
    }
    if (from_stdin)
        fcntl(in[1], F_SETFL, fcntl(in[1], F_GETFL) | O_NONBLOCK);
    size_t sent = 0;
    long deadline = now_ms() + 1000L * time_limit();
    int open_out = 1, open_err = 1, timed_out = 0;
    while (open_out || open_err) {
        struct pollfd p[3];
        int np = 0, io = -1, ie = -1, ii = -1;
        if (open_out)
            p[io = np++] = (struct pollfd){ .fd = o[0], .events = POLLIN };
        if (open_err)
            p[ie = np++] = (struct pollfd){ .fd = e[0], .events = POLLIN };
        if (in[1] >= 0)
            p[ii = np++] = (struct pollfd){ .fd = in[1], .events = POLLOUT };
        long left = deadline - now_ms();
        if (left <= 0) {
            timed_out = 1;
            break;
        }
        if (poll(p, (nfds_t)np, (int)left) < 0 && errno != EINTR)
            break;
        if (io >= 0 && p[io].revents && grow(out, o[0]) <= 0)
            open_out = 0;
        if (ie >= 0 && p[ie].revents && (grow(err, e[0]) <= 0 || err->len > 4096))
            open_err = 0;
        if (ii >= 0 && p[ii].revents) {
            ssize_t w = p[ii].revents & POLLOUT ? write(in[1], buf + sent, len - sent) : -1;
            if (w > 0)
                sent += (size_t)w;
            if (w < 0 || sent == len) {
                close(in[1]);
                in[1] = -1;
            }
        }
    }
    if (in[1] >= 0)
        close(in[1]);
    close(o[0]);
    close(e[0]);
    if (timed_out || open_out)
        kill(pid, SIGKILL);
    while (waitpid(pid, status, 0) < 0 && errno == EINTR) {
    }
    if (timed_out) {
        errno = ETIME;
        return -1;
    }
    return 0;
}

/* Whether the text has any letter or digit: a PDF of scanned pages has none. */
static int has_text(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\n' && s[i] != '\f' && s[i] != '\t' && s[i] != '\r')
            return 1;
    return 0;
}

/* Why pdftotext gave no text, in why->msg: rc and errno from run(), else its exit status and
 * the first line of its standard error, else the text it gave. */
static void failure(cli_failure *why, int en, int rc, int status, const strbuf *out, const strbuf *err)
{
    char *m = why->msg;
    size_t cap = sizeof why->msg;
    if (rc != 0 && errno == ENOENT)
        snprintf(m, cap, "%s",
                 en ? "a PDF: reading it needs pdftotext, which is not installed (Debian: apt-get install "
                      "poppler-utils)"
                    : "这是 PDF 文件：读取它需要 pdftotext，但它没有安装（Debian：apt-get install poppler-utils）");
    else if (rc != 0 && errno == ETIME)
        snprintf(m, cap,
                 en ? "a PDF: pdftotext took longer than %d s (XXGK_PDFTOTEXT_TIMEOUT)"
                    : "这是 PDF 文件：pdftotext 运行超过 %d 秒（XXGK_PDFTOTEXT_TIMEOUT）",
                 time_limit());
    else if (rc != 0)
        snprintf(m, cap, en ? "a PDF: cannot run pdftotext: %s" : "这是 PDF 文件：无法运行 pdftotext：%s",
                 strerror(errno));
    else if (out->failed || err->failed)
        snprintf(m, cap, "%s", en ? "out of memory" : "内存不足");
    else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        /* pdftotext: 1 cannot open the PDF, 3 copying text not allowed, 99 other */
        int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        const char *first = err->s ? err->s : "";
        size_t k = strcspn(first, "\n");
        const char *why_en = code == 1   ? "a damaged PDF, or not a PDF: pdftotext cannot open it"
                             : code == 3 ? "a PDF whose permissions forbid copying its text"
                                         : "a PDF that pdftotext cannot read";
        const char *why_zh = code == 1   ? "PDF 文件已损坏，或不是 PDF：pdftotext 无法打开它"
                             : code == 3 ? "这份 PDF 的权限禁止复制其中的文字"
                                         : "pdftotext 无法读取这份 PDF";
        snprintf(m, cap, en ? "%s (pdftotext: %.*s)" : "%s（pdftotext：%.*s）", en ? why_en : why_zh,
                 (int)(k > 300 ? 300 : k), k ? first : en ? "no message" : "没有说明");
    } else if (!has_text(out->s ? out->s : "", out->len)) {
        snprintf(m, cap, "%s",
                 en ? "a PDF without text (scanned pages are pictures): xxgk reads a PDF's text, not "
                      "its images; run OCR on it first"
                    : "这份 PDF 没有文字（扫描的页面是图片）：xxgk 读取 PDF 中的文字，不识别图像；请先对它做 OCR 文字识别");
    } else {
        why->code = 0;
    }
}

int cli_pdf_text(const char *path, const char *buf, size_t len, int lang, char **text, size_t *tlen,
                 cli_failure *why)
{
    strbuf out = STRBUF_INIT, err = STRBUF_INIT;
    int status = 0;
    memset(why, 0, sizeof *why);
    why->code = XXGK_EFORMAT;
    int rc = run(path, buf, len, &out, &err, &status);
    failure(why, lang == LANG_EN, rc, status, &out, &err);
    sb_free(&err);
    if (why->code) {
        sb_free(&out);
        return -1;
    }
    *text = out.s;
    *tlen = out.len;
    return 0;
}
