/* SPDX-License-Identifier: MIT */
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
    /* beyond the library's default limit the reader only needs to see that it is too long */
    while (n <= CLI_MAX_INPUT &&
           (k = fread(p + n, 1, cap - n < CLI_MAX_INPUT + 1 - n ? cap - n : CLI_MAX_INPUT + 1 - n, fp)) > 0) {
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

const char *cli_strip_file(const char *msg, const char *file)
{
    size_t n = strlen(file);
    if (!strncmp(msg, file, n) && msg[n] == ':' && msg[n + 1] == ' ')
        return msg + n + 2;
    return msg;
}

void cli_error(const char *file)
{
    strbuf b = STRBUF_INIT;
    cli_error_sb(&b, file);
    if (b.failed)
        fprintf(stderr, "%s: %s\n", file, xxgk_error_message());
    else
        fputs(b.s, stderr);
    sb_free(&b);
}

void cli_error_sb(strbuf *b, const char *file)
{
    long line = xxgk_error_line(), col = xxgk_error_column();
    const char *msg = cli_strip_file(xxgk_error_message(), file);
    if (line > 0)
        sb_printf(b, "%s:%ld:%ld: %s\n", file, line, col, msg);
    else
        sb_printf(b, "%s: %s\n", file, msg);
}

int cli_read_quiet(xxgk_report **out, const char *path, const xxgk_parse_options *opts,
                   int *errno_out)
{
    *errno_out = 0;
    if (strcmp(path, "-") != 0)
        return xxgk_report_read_file(out, path, opts);
    char *buf;
    size_t len;
    *out = NULL;
    if (cli_slurp(path, &buf, &len) != 0) {
        *errno_out = errno ? errno : EIO;
        return XXGK_EIO;
    }
    int rc = xxgk_report_parse(out, buf, len, opts);
    free(buf);
    return rc;
}

int cli_read(xxgk_report **out, const char *path, const xxgk_parse_options *opts)
{
    int err;
    int rc = cli_read_quiet(out, path, opts, &err);
    if (rc && err)
        fprintf(stderr, "-: cannot read standard input: %s\n", strerror(err));
    else if (rc)
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

int cli_write_output(const char *output, const char *text, size_t len, const char *cmd)
{
    int to_stdout = !output || strcmp(output, "-") == 0;
    FILE *fp = to_stdout ? stdout : fopen(output, "wb");
    if (!fp) {
        fprintf(stderr, "xxgk %s: cannot open %s for writing: %s\n", cmd, output, strerror(errno));
        return -1;
    }
    int bad = fwrite(text, 1, len, fp) != len;
    bad |= to_stdout ? fflush(fp) != 0 : fclose(fp) != 0;
    if (bad) {
        fprintf(stderr, "xxgk %s: cannot write %s\n", cmd, to_stdout ? "standard output" : output);
        return -1;
    }
    return 0;
}

int cli_parse_lang(const char *s, const char *cmd)
{
    if (strcmp(s, "zh") == 0)
        return LANG_ZH;
    if (strcmp(s, "en") == 0)
        return LANG_EN;
    fprintf(stderr, "xxgk %s: unknown language '%s' (expected zh or en)\n", cmd, s);
    return -1;
}

int cli_parse_jobs(const char *s, const char *cmd)
{
    char *end;
    errno = 0;
    long n = strtol(s, &end, 10);
    if (errno || end == s || *end || n < 1 || n > CLI_MAX_JOBS) {
        fprintf(stderr, "xxgk %s: -j expects a number of workers from 1 to %d, found '%s'\n", cmd,
                CLI_MAX_JOBS, s);
        return -1;
    }
    return (int)n;
}

const char *cli_severity(int severity, int lang)
{
    static const char *const zh[] = { "?", "提示", "警告", "错误" };
    const char *en = xxgk_severity_name(severity);
    if (severity < 1 || severity > 3 || !en)
        return "?";
    return lang == LANG_EN ? en : zh[severity];
}

void cli_finding_line(strbuf *b, const char *file, const xxgk_findings *f, size_t i, int lang)
{
    long line = xxgk_finding_line(f, i), col = xxgk_finding_column(f, i);
    sb_puts(b, file);
    if (line > 0) {
        sb_printf(b, ":%ld", line);
        if (col > 0)
            sb_printf(b, ":%ld", col);
    }
    sb_printf(b, ": %s %s: %s\n", cli_severity(xxgk_finding_severity(f, i), lang),
              xxgk_finding_rule(f, i),
              lang == LANG_EN ? xxgk_finding_message_en(f, i) : xxgk_finding_message(f, i));
}

void cli_finding_json(strbuf *b, const xxgk_findings *f, size_t i)
{
    const char *sev = xxgk_severity_name(xxgk_finding_severity(f, i));
    sb_puts(b, "{\"rule\": ");
    sb_json_str(b, xxgk_finding_rule(f, i));
    sb_puts(b, ", \"severity\": ");
    sb_json_str(b, sev ? sev : "");
    sb_puts(b, ", \"cells\": [");
    for (size_t j = 0, n = xxgk_finding_cell_count(f, i); j < n; j++) {
        if (j)
            sb_puts(b, ", ");
        sb_json_str(b, xxgk_finding_cell(f, i, j));
    }
    sb_puts(b, "], \"expected\": ");
    sb_json_str(b, xxgk_finding_expected(f, i));
    sb_puts(b, ", \"actual\": ");
    sb_json_str(b, xxgk_finding_actual(f, i));
    sb_puts(b, ", \"message\": ");
    sb_json_str(b, xxgk_finding_message(f, i));
    sb_puts(b, ", \"message_en\": ");
    sb_json_str(b, xxgk_finding_message_en(f, i));
    long line = xxgk_finding_line(f, i), col = xxgk_finding_column(f, i);
    if (line > 0)
        sb_printf(b, ", \"line\": %ld", line);
    if (col > 0)
        sb_printf(b, ", \"column\": %ld", col);
    sb_puts(b, "}");
}

int cli_opt(int argc, char **argv, int *i, const char *name, const char **value, const char *cmd)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    if (strncmp(a, name, n) != 0)
        return 0;
    if (a[n] == '\0') {
        if (*i + 1 >= argc) {
            fprintf(stderr, "xxgk %s: %s needs a value (see xxgk %s --help)\n", cmd, name, cmd);
            return -1;
        }
        *value = argv[++*i];
        return 1;
    }
    if (name[1] == '-' && a[n] == '=') { /* --name=VALUE */
        *value = a + n + 1;
        return 1;
    }
    if (name[1] != '-') { /* -jVALUE */
        *value = a + n;
        return 1;
    }
    return 0;
}

int cli_file_arg(int argc, char **argv, int *i, char **files, size_t *nfiles, const char *cmd)
{
    const char *a = argv[*i];
    if (!strcmp(a, "-h") || !strcmp(a, "--help"))
        return CLI_ARG_HELP;
    if (!strcmp(a, "--")) {
        while (++*i < argc)
            files[(*nfiles)++] = argv[*i];
        return 0;
    }
    if (a[0] == '-' && a[1] != '\0') {
        fprintf(stderr, "xxgk %s: unknown option '%s' (see xxgk %s --help)\n", cmd, a, cmd);
        return -1;
    }
    files[(*nfiles)++] = argv[*i];
    return 0;
}
