/* SPDX-License-Identifier: MIT */
/* Input expansion: FILE arguments become a list of files. A directory is walked
 * recursively in sorted (byte) order for the known extensions; '-' is standard input. */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static const char *const known_ext[] = { ".json", ".csv", ".txt", ".md" };

static int has_known_ext(const char *name)
{
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof known_ext / sizeof known_ext[0]; i++) {
        size_t k = strlen(known_ext[i]);
        if (n > k && strcasecmp(name + n - k, known_ext[i]) == 0)
            return 1;
    }
    return 0;
}

static int add(cli_inputs *in, const char *path, const char *err)
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
    if (!it->path || (err && !it->error)) {
        free(it->path);
        free(it->error);
        return -1;
    }
    in->count++;
    return 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk(cli_inputs *in, const char *dir, int depth)
{
    if (depth > 64)
        return add(in, dir, "directories nested too deeply (more than 64 levels)");
    DIR *d = opendir(dir);
    if (!d) {
        char msg[256];
        snprintf(msg, sizeof msg, "cannot open directory: %s", strerror(errno));
        return add(in, dir, msg);
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue; /* ., .. and hidden files */
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            char **p = realloc(names, cap * sizeof *p);
            if (!p) { rc = -1; break; }
            names = p;
        }
        if (!(names[n] = strdup(e->d_name))) { rc = -1; break; }
        n++;
    }
    closedir(d);
    if (rc == 0)
        qsort(names, n, sizeof *names, cmp_names);
    size_t dlen = strlen(dir);
    int slash = dlen > 0 && dir[dlen - 1] == '/';
    for (size_t i = 0; i < n && rc == 0; i++) {
        size_t len = dlen + 1 + strlen(names[i]) + 1;
        char *path = malloc(len);
        if (!path) { rc = -1; break; }
        snprintf(path, len, "%s%s%s", dir, slash ? "" : "/", names[i]);
        struct stat st;
        if (lstat(path, &st) == 0) {
            if (S_ISDIR(st.st_mode))
                rc = walk(in, path, depth + 1);
            else if (has_known_ext(names[i]) && (S_ISREG(st.st_mode) ||
                     (S_ISLNK(st.st_mode) && stat(path, &st) == 0 && S_ISREG(st.st_mode))))
                rc = add(in, path, NULL); /* symbolic links to directories are not followed */
        }
        free(path);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

int cli_inputs_expand(cli_inputs *in, char **args, size_t nargs)
{
    memset(in, 0, sizeof *in);
    for (size_t i = 0; i < nargs; i++) {
        struct stat st;
        int rc;
        if (strcmp(args[i], "-") != 0 && stat(args[i], &st) == 0 && S_ISDIR(st.st_mode))
            rc = walk(in, args[i], 0);
        else
            rc = add(in, args[i], NULL); /* a missing file is reported when it is read */
        if (rc != 0) {
            fprintf(stderr, "xxgk: out of memory while listing the input files\n");
            cli_inputs_free(in);
            return -1;
        }
    }
    if (in->count == 0) { /* only empty directories: say so rather than report "0 errors" */
        fprintf(stderr, "xxgk: no report file (.json .csv .txt .md) under %s%s\n", args[0],
                nargs > 1 ? " and the other directories" : "");
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
