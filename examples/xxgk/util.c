#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int cli_slurp(const char *path, char **buf, size_t *len)
{
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!fp)
        return -1;
    size_t cap = 65536, n = 0;
    char *p = malloc(cap);
    if (!p) {
        if (fp != stdin)
            fclose(fp);
        return -1;
    }
    size_t k;
    while ((k = fread(p + n, 1, cap - n, fp)) > 0) {
        n += k;
        if (n == cap) {
            char *q = realloc(p, cap * 2);
            if (!q) {
                free(p);
                if (fp != stdin)
                    fclose(fp);
                return -1;
            }
            p = q;
            cap *= 2;
        }
    }
    int err = ferror(fp);
    if (fp != stdin)
        fclose(fp);
    if (err) {
        free(p);
        return -1;
    }
    *buf = p;
    *len = n;
    return 0;
}

void cli_error(const char *file)
{
    long line = xxgk_error_line(), col = xxgk_error_column();
    if (line > 0)
        fprintf(stderr, "%s:%ld:%ld: %s\n", file, line, col, xxgk_error_message());
    else
        fprintf(stderr, "%s: %s\n", file, xxgk_error_message());
}

int cli_read(xxgk_report **out, const char *path, const xxgk_parse_options *opts)
{
    int rc;
    if (strcmp(path, "-") == 0) {
        char *buf;
        size_t len;
        if (cli_slurp(path, &buf, &len) != 0) {
            fprintf(stderr, "-: cannot read standard input: %s\n", strerror(errno));
            return XXGK_EIO;
        }
        rc = xxgk_report_parse(out, buf, len, opts);
        free(buf);
    } else {
        rc = xxgk_report_read_file(out, path, opts);
    }
    if (rc)
        cli_error(path);
    return rc;
}

int cli_same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (strcmp(a, "-") == 0 || strcmp(b, "-") == 0)
        return 0;
    if (stat(a, &sa) != 0 || stat(b, &sb) != 0)
        return 0;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}
