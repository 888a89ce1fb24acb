/* SPDX-License-Identifier: MIT */
/* Files: reading whole inputs (also beyond PATH_MAX), comparing an output with the
 * inputs, and outputs that replace the old file only once they are complete. */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void cli_failure_from_lib(cli_failure *f, const char *file, int lang)
{
    const char *msg = lang == LANG_EN ? xxgk_error_message() : xxgk_error_message_zh();
    size_t n = strlen(file);
    if (!strncmp(msg, file, n) && msg[n] == ':' && msg[n + 1] == ' ')
        msg += n + 2;
    snprintf(f->msg, sizeof f->msg, "%s", msg[0] ? msg : xxgk_strerror(xxgk_error_code()));
    f->page = xxgk_error_page();
    f->line = xxgk_error_line();
    f->column = xxgk_error_column();
    f->code = xxgk_error_code();
}

void cli_failure_from_errno(cli_failure *f, int err)
{
    snprintf(f->msg, sizeof f->msg, "%s", strerror(err));
    f->page = f->line = f->column = 0;
    f->code = XXGK_EIO;
}

void cli_failure_line(strbuf *b, const char *file, const cli_failure *f)
{
    if (f->line > 0 && f->page > 0) /* a PDF: its page as findings name it */
        sb_printf(b, "%s#page=%ld:%ld:%ld: %s\n", file, f->page, f->line, f->column, f->msg);
    else if (f->line > 0)
        sb_printf(b, "%s:%ld:%ld: %s\n", file, f->line, f->column, f->msg);
    else
        sb_printf(b, "%s: %s\n", file, f->msg);
}

void cli_failure_name_report(cli_failure *f, const char *id, int lang)
{
    if (!id || !id[0])
        return;
    strbuf named = STRBUF_INIT;
    sb_printf(&named, lang == LANG_EN ? "report '%s': %s" : "报告 %s：%s", id, f->msg);
    if (named.s)
        snprintf(f->msg, sizeof f->msg, "%s", named.s);
    sb_free(&named);
}

void cli_failure_no_report(cli_failure *f, const char *id, int lang)
{
    if (id)
        snprintf(f->msg, sizeof f->msg, lang == LANG_EN ? "no report '%s' in the file" : "文件中没有报告 %s", id);
    else
        snprintf(f->msg, sizeof f->msg, "%s", lang == LANG_EN ? "no report in the file" : "文件中没有报告");
    f->code = XXGK_EEMPTY;
    f->page = f->line = f->column = 0;
}

int cli_open_read(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd >= 0 || errno != ENAMETOOLONG)
        return fd;
    /* longer than PATH_MAX: one directory at a time */
    int dir = AT_FDCWD;
    const char *p = path;
    if (*p == '/' && (dir = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
        return -1;
    for (;;) {
        while (*p == '/')
            p++;
        const char *slash = strchr(p, '/');
        size_t n = slash ? (size_t)(slash - p) : strlen(p);
        char *name = strndup(p, n);
        if (!name) {
            fd = -1;
            break;
        }
        fd = openat(dir, name, slash ? O_RDONLY | O_DIRECTORY | O_CLOEXEC : O_RDONLY | O_CLOEXEC);
        free(name);
        if (dir != AT_FDCWD) {
            int e = errno;
            close(dir);
            errno = e;
        }
        if (fd < 0 || !slash || !slash[strspn(slash, "/")])
            return fd;
        dir = fd;
        p = slash;
    }
    if (dir != AT_FDCWD)
        close(dir);
    return -1;
}

/* Each thread reads file after file into the same buffer, lent to one source at a time
 * (a second one open in the same thread gets its own). In bulk a fresh buffer per file
 * made glibc merge the small chunks the last report's parse had freed, at a cost paid
 * again by the next parse: 6% of `xxgk check` over many files. */
typedef struct {
    char *p;
    size_t cap;
    int lent;
} thread_buf;

static pthread_key_t tbuf_key;
static pthread_once_t tbuf_once = PTHREAD_ONCE_INIT;
static int tbuf_ok;

static void tbuf_destroy(void *v)
{
    thread_buf *t = v;
    free(t->p);
    free(t);
}

static void tbuf_init(void)
{
    tbuf_ok = pthread_key_create(&tbuf_key, tbuf_destroy) == 0;
}

/* This thread's buffer, if it is free to lend (else NULL: read into a buffer of its own). */
static thread_buf *tbuf_get(void)
{
    pthread_once(&tbuf_once, tbuf_init);
    if (!tbuf_ok)
        return NULL;
    thread_buf *t = pthread_getspecific(tbuf_key);
    if (!t && (t = calloc(1, sizeof *t)) != NULL && pthread_setspecific(tbuf_key, t) != 0) {
        free(t);
        t = NULL;
    }
    return t && !t->lent ? t : NULL;
}

/* Read fd to its end into *p (cap bytes, grown with realloc: *p and *cap follow it), at
 * most a little more than CLI_MAX_INPUT bytes. The bytes read go to *n. */
static int read_into(int fd, char **p, size_t *cap, size_t *n)
{
    *n = 0;
    for (;;) {
        if (*n == *cap) {
            if (*cap > CLI_MAX_INPUT)
                return 0; /* the reader only needs to see that it is too long */
            char *q = realloc(*p, *cap * 2);
            if (!q)
                return -1;
            *p = q;
            *cap *= 2;
        }
        ssize_t k = read(fd, *p + *n, *cap - *n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0)
            return -1;
        if (k == 0)
            return 0;
        *n += (size_t)k;
    }
}

/* Read fd whole into *buf: into this thread's buffer when owned is given and it is free
 * (*owned CLI_LENT), else into one of its own (*owned 1). */
static int read_all(int fd, char **buf, size_t *len, int *owned)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return -1;
    if (S_ISDIR(st.st_mode)) {
        errno = EISDIR;
        return -1;
    }
    size_t want = S_ISREG(st.st_mode) && st.st_size > 0 ? (size_t)st.st_size + 1 : 65536;
    if (want > CLI_MAX_INPUT + 2)
        want = CLI_MAX_INPUT + 2;
    thread_buf *t = owned ? tbuf_get() : NULL;
    if (t && t->cap < want) {
        free(t->p);
        t->cap = (t->p = malloc(want)) != NULL ? want : 0;
    }
    char *p = t ? t->p : malloc(want);
    size_t cap = t ? t->cap : want, n;
    if (!p)
        return -1;
    int rc = read_into(fd, &p, &cap, &n), e = errno;
    if (t) { /* kept, grown or not, for the next file */
        t->p = p;
        t->cap = cap;
        t->lent = rc == 0;
    } else if (rc) {
        free(p);
    }
    if (rc) {
        errno = e;
        return -1;
    }
    if (owned)
        *owned = t ? CLI_LENT : 1;
    *buf = p;
    *len = n;
    return 0;
}

void cli_slurp_release(char *buf, int owned)
{
    if (owned == CLI_LENT) {
        thread_buf *t = pthread_getspecific(tbuf_key);
        if (t && t->p == buf) {
            t->lent = 0;
            return;
        }
    }
    if (owned)
        free(buf);
}

/* Standard input is read once, by whichever thread asks first, and kept: a command
 * that reads an input twice (a file of many reports) reads the same bytes again. */
static pthread_mutex_t stdin_mu = PTHREAD_MUTEX_INITIALIZER;
static char *stdin_buf;
static size_t stdin_len;
static int stdin_state; /* 0 unread, 1 read, -1 failed with stdin_errno */
static int stdin_errno;

static void free_stdin(void)
{
    free(stdin_buf);
}

static int slurp_stdin(char **buf, size_t *len)
{
    pthread_mutex_lock(&stdin_mu);
    if (stdin_state == 0) {
        stdin_state = read_all(STDIN_FILENO, &stdin_buf, &stdin_len, NULL) == 0 ? 1 : -1;
        stdin_errno = errno;
        if (stdin_state == 1)
            atexit(free_stdin);
    }
    int rc = stdin_state == 1 ? 0 : -1;
    *buf = stdin_buf;
    *len = stdin_len;
    errno = stdin_errno;
    pthread_mutex_unlock(&stdin_mu);
    return rc;
}

int cli_slurp(const char *path, char **buf, size_t *len, int *owned)
{
    *owned = strcmp(path, "-") != 0;
    if (!*owned)
        return slurp_stdin(buf, len);
    int fd = cli_open_read(path);
    if (fd < 0)
        return -1;
    int rc = read_all(fd, buf, len, owned);
    int e = errno;
    close(fd);
    errno = e;
    return rc;
}

int cli_same_file(const char *output, const char *input)
{
    struct stat so, si;
    if (!output || !strcmp(output, "-"))
        return 0;
    if (!strcmp(output, input))
        return 1;
    if (stat(output, &so) != 0)
        return 0;
    if (!strcmp(input, "-") ? fstat(STDIN_FILENO, &si) != 0 : stat(input, &si) != 0)
        return 0;
    return so.st_dev == si.st_dev && so.st_ino == si.st_ino;
}

/* ---- outputs ---- */

static int stdout_err;

void cli_stdout_put(const char *s, size_t n)
{
    if (n && fwrite(s, 1, n, stdout) != n && !stdout_err)
        stdout_err = errno ? errno : EIO;
}

int cli_stdout_errno(void)
{
    return stdout_err;
}

static void write_failed(const char *cmd, const char *path, int err)
{
    fprintf(stderr, "xxgk %s: cannot write %s: %s (nothing changed there)\n", cmd, path, strerror(err));
}

int cli_outfile_open(cli_outfile *o, const char *path, const char *cmd)
{
    memset(o, 0, sizeof *o);
    if (!path || !strcmp(path, "-")) {
        o->fp = stdout;
        return 0;
    }
    struct stat st;
    int exists = stat(path, &st) == 0;
    if (exists && !S_ISREG(st.st_mode)) { /* a device or a pipe: written as it is */
        if (!(o->fp = fopen(path, "wb"))) {
            write_failed(cmd, path, errno);
            return -1;
        }
        o->path = strdup(path);
        return 0;
    }
    /* a symbolic link is followed: the file it names is replaced */
    o->path = exists ? realpath(path, NULL) : NULL;
    if (!o->path)
        o->path = strdup(path);
    const char *base = o->path ? strrchr(o->path, '/') : NULL;
    size_t dlen = base ? (size_t)(base - o->path + 1) : 0;
    if (o->path)
        o->tmp = malloc(strlen(o->path) + 16);
    if (!o->tmp) {
        free(o->path);
        fprintf(stderr, "xxgk %s: out of memory\n", cmd);
        return -1;
    }
    sprintf(o->tmp, "%.*s.%s.XXXXXX", (int)dlen, o->path, o->path + dlen);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        write_failed(cmd, path, errno);
        free(o->path);
        free(o->tmp);
        return -1;
    }
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, exists ? st.st_mode & 07777 : 0666 & ~mask);
    if (!(o->fp = fdopen(fd, "wb"))) {
        write_failed(cmd, path, errno);
        close(fd);
        cli_outfile_abort(o);
        return -1;
    }
    return 0;
}

void cli_outfile_write(cli_outfile *o, const char *s, size_t n)
{
    if (o->fp == stdout)
        cli_stdout_put(s, n);
    else if (n && fwrite(s, 1, n, o->fp) != n && !o->err)
        o->err = errno ? errno : EIO;
}

static void outfile_free(cli_outfile *o)
{
    free(o->path);
    free(o->tmp);
    memset(o, 0, sizeof *o);
}

void cli_outfile_abort(cli_outfile *o)
{
    if (o->fp && o->fp != stdout)
        fclose(o->fp);
    if (o->tmp)
        unlink(o->tmp);
    outfile_free(o);
}

int cli_outfile_commit(cli_outfile *o, const char *cmd)
{
    if (o->fp == stdout) {
        outfile_free(o);
        return 0; /* checked when the command ends */
    }
    errno = 0;
    if (!o->err && (fflush(o->fp) != 0 || ferror(o->fp)))
        o->err = errno ? errno : EIO;
    if (!o->err && o->tmp && fsync(fileno(o->fp)) != 0)
        o->err = errno;
    if (fclose(o->fp) != 0 && !o->err)
        o->err = errno ? errno : EIO;
    o->fp = NULL;
    if (!o->err && o->tmp && rename(o->tmp, o->path) != 0)
        o->err = errno;
    if (o->err) {
        write_failed(cmd, o->path ? o->path : "the output", o->err);
        cli_outfile_abort(o);
        return -1;
    }
    if (o->tmp) { /* make the rename itself durable */
        char *slash = strrchr(o->path, '/');
        if (slash)
            slash[1] = '\0';
        int dfd = open(slash ? o->path : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd >= 0) {
            fsync(dfd);
            close(dfd);
        }
    }
    outfile_free(o);
    return 0;
}

int cli_write_output(const char *output, const char *text, size_t len, const char *cmd)
{
    cli_outfile o;
    if (cli_outfile_open(&o, output, cmd) != 0)
        return -1;
    cli_outfile_write(&o, text, len);
    return cli_outfile_commit(&o, cmd);
}
