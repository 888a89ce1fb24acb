/* SPDX-License-Identifier: MIT */
/* Input expansion: FILE arguments become a list of files. A directory is walked
 * recursively in sorted (byte) order, relative to each directory's descriptor (openat,
 * fstatat), so that trees deeper than PATH_MAX work; files with a report's extension are
 * taken, other files are counted as skipped, hidden entries are left out, and an entry
 * that cannot be examined is an input that fails with the reason. '-' is standard input. */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

const char *const cli_report_exts[] = { ".json", ".csv", ".txt", ".md", ".html", ".htm", ".shtml", ".pdf", NULL };

void cli_report_exts_text(strbuf *b)
{
    for (size_t i = 0; cli_report_exts[i]; i++)
        sb_printf(b, "%s%s", i ? " " : "(", cli_report_exts[i]);
    sb_puts(b, ")");
}

static int has_report_ext(const char *name)
{
    size_t n = strlen(name);
    for (size_t i = 0; cli_report_exts[i]; i++) {
        size_t k = strlen(cli_report_exts[i]);
        if (n > k && strcasecmp(name + n - k, cli_report_exts[i]) == 0)
            return 1;
    }
    return 0;
}

int cli_not_a_report(const cli_input *in, int code)
{
    return in->walked && code == XXGK_EEMPTY;
}

static int add(cli_inputs *in, const char *path, const char *err, int walked)
{
    if (in->count == in->cap) {
        size_t cap = in->cap ? in->cap * 2 : 64;
        cli_input *p = realloc(in->items, cap * sizeof *p);
        if (!p)
            return -1;
        in->items = p;
        in->cap = cap;
    }
    cli_input *it = &in->items[in->count];
    it->path = strdup(path);
    it->error = err ? strdup(err) : NULL;
    it->walked = walked;
    if (!it->path || (err && !it->error)) {
        free(it->path);
        free(it->error);
        return -1;
    }
    in->count++;
    return 0;
}

static int add_errno(cli_inputs *in, const char *path, const char *what, int err)
{
    char msg[300];
    snprintf(msg, sizeof msg, "%s: %s", what, strerror(err));
    return add(in, path, msg, 1);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef struct {
    cli_inputs *in;
    const cli_strlist *exclude;
    size_t root_len; /* of the directory given, for paths relative to it */
} walk_ctx;

/* Whether a name in the walk is excluded: a GLOB without '/' matches the name, one with
 * '/' the path below the directory given. */
static int excluded(const walk_ctx *w, const char *path, const char *name)
{
    const char *rel = path + w->root_len;
    while (*rel == '/')
        rel++;
    for (size_t i = 0; i < w->exclude->count; i++) {
        const char *g = w->exclude->items[i];
        if (strchr(g, '/') ? fnmatch(g, rel, FNM_PATHNAME) == 0 : fnmatch(g, name, 0) == 0)
            return 1;
    }
    return 0;
}

/* The sorted names of the entries in d (hidden ones left out); NULL with errno. */
static char **read_names(DIR *d, size_t *count)
{
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    errno = 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue; /* ., .. and hidden files */
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            char **p = realloc(names, cap * sizeof *p);
            if (!p)
                goto fail;
            names = p;
        }
        if (!(names[n] = strdup(e->d_name)))
            goto fail;
        n++;
        errno = 0;
    }
    if (errno)
        goto fail;
    qsort(names, n, sizeof *names, cmp_names);
    *count = n;
    if (!names) /* an empty directory */
        names = malloc(sizeof *names);
    return names;
fail:;
    int err = errno ? errno : ENOMEM;
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    errno = err;
    return NULL;
}

static int walk(walk_ctx *w, int fd, const char *dir, int depth);

/* One entry of a directory: a file taken, a directory walked, or something skipped. */
static int entry(walk_ctx *w, int at, const char *path, const char *name, int depth)
{
    struct stat st;
    if (fstatat(at, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return add_errno(w->in, path, "cannot examine", errno);
    if (excluded(w, path, name))
        return 0;
    if (S_ISDIR(st.st_mode)) {
        int fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0)
            return add_errno(w->in, path, "cannot open directory", errno);
        return walk(w, fd, path, depth + 1);
    }
    if (!has_report_ext(name)) {
        w->in->skipped++;
        return 0;
    }
    /* a symbolic link to a file is followed; one to a directory is not */
    if (S_ISLNK(st.st_mode) && fstatat(at, name, &st, 0) != 0)
        return add_errno(w->in, path, "cannot examine", errno);
    if (S_ISREG(st.st_mode))
        return add(w->in, path, NULL, 1);
    w->in->skipped++;
    return 0;
}

/* Walk the directory open at fd (closed here), named `dir` in messages. */
static int walk(walk_ctx *w, int fd, const char *dir, int depth)
{
    if (depth > 256) {
        close(fd);
        return add(w->in, dir, "directories nested too deeply (more than 256 levels)", 1);
    }
    DIR *d = fdopendir(fd);
    if (!d) {
        int err = errno;
        close(fd);
        return add_errno(w->in, dir, "cannot open directory", err);
    }
    size_t n = 0;
    char **names = read_names(d, &n);
    if (!names) {
        int err = errno;
        closedir(d);
        return err == ENOMEM ? -1 : add_errno(w->in, dir, "cannot read directory", err);
    }
    size_t dlen = strlen(dir);
    int slash = dlen > 0 && dir[dlen - 1] == '/';
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        size_t len = dlen + 1 + strlen(names[i]) + 1;
        char *path = malloc(len);
        if (!path) {
            rc = -1;
            break;
        }
        snprintf(path, len, "%s%s%s", dir, slash ? "" : "/", names[i]);
        rc = entry(w, dirfd(d), path, names[i], depth);
        free(path);
    }
    closedir(d);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

int cli_inputs_expand(cli_inputs *in, char **args, size_t nargs, const cli_strlist *exclude)
{
    static const cli_strlist none = { NULL, 0 };
    memset(in, 0, sizeof *in);
    size_t dirs = 0;
    for (size_t i = 0; i < nargs; i++) {
        struct stat st;
        int rc;
        if (strcmp(args[i], "-") != 0 && stat(args[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            walk_ctx w = { in, exclude ? exclude : &none, strlen(args[i]) };
            int fd = open(args[i], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            rc = fd < 0 ? add_errno(in, args[i], "cannot open directory", errno) : walk(&w, fd, args[i], 0);
            dirs++;
        } else {
            rc = add(in, args[i], NULL, 0); /* a missing file is reported when it is read */
        }
        if (rc != 0) {
            fprintf(stderr, "xxgk: out of memory while listing the input files\n");
            cli_inputs_free(in);
            return -1;
        }
    }
    if (in->count == 0) { /* only directories without reports: say so rather than "0 errors" */
        strbuf exts = STRBUF_INIT;
        cli_report_exts_text(&exts);
        fprintf(stderr, "xxgk: no report file %s under %s%s\n", exts.s ? exts.s : "", args[0],
                dirs > 1 ? " and the other directories" : "");
        sb_free(&exts);
        cli_inputs_free(in);
        return -1;
    }
    return 0;
}

void cli_inputs_free(cli_inputs *in)
{
    for (size_t i = 0; i < in->count; i++) {
        free(in->items[i].path);
        free(in->items[i].error);
    }
    free(in->items);
    memset(in, 0, sizeof *in);
}
