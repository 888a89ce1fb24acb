/* SPDX-License-Identifier: MIT */
/* Findings as the command prints them: a line of text, or a JSON object. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

const char *cli_severity(int severity, int lang)
{
    static const char *const zh[] = { "?", "提示", "警告", "错误" };
    const char *en = xxgk_severity_name(severity);
    if (severity < 1 || severity > 3 || !en)
        return "?";
    return lang == LANG_EN ? en : zh[severity];
}

int cli_shown(const cli_args *a, const xxgk_findings *f, size_t i)
{
    return xxgk_finding_severity(f, i) >= a->severity;
}

void cli_finding_message(strbuf *b, const xxgk_findings *f, size_t i, int lang, int json)
{
    /* formatted here rather than through xxgk_finding_message, which allocates (and may
     * return NULL) on the first call for each finding: a message is printed once */
    char tmp[1024], *s = tmp;
    int code = lang == LANG_EN ? XXGK_LANG_EN : XXGK_LANG_ZH;
    int n = xxgk_finding_format(tmp, sizeof tmp, f, i, code);
    if (n < 0) {
        tmp[0] = '\0';
    } else if ((size_t)n >= sizeof tmp) {
        if (!(s = malloc((size_t)n + 1))) {
            b->failed = 1;
            return;
        }
        xxgk_finding_format(s, (size_t)n + 1, f, i, code);
    }
    if (json)
        sb_json_str(b, s);
    else
        sb_puts(b, s);
    if (s != tmp)
        free(s);
}

void cli_finding_line(strbuf *b, const char *file, const xxgk_findings *f, size_t i, int lang,
                      int color)
{
    /* SGR: info cyan, warning bold yellow, error bold red */
    static const char *const sgr[] = { "", "\033[36m", "\033[1;33m", "\033[1;31m" };
    long line = xxgk_finding_line(f, i), col = xxgk_finding_column(f, i), page = xxgk_finding_page(f, i);
    int sev = xxgk_finding_severity(f, i);
    sb_puts(b, file);
    if (page > 0) /* a PDF: the page, as a PDF viewer's address names it, then the line in it */
        sb_printf(b, "#page=%ld", page);
    if (line > 0) {
        sb_printf(b, ":%ld", line);
        if (col > 0)
            sb_printf(b, ":%ld", col);
    }
    color = color && sev >= 1 && sev <= 3;
    sb_printf(b, ": %s%s%s %s: ", color ? sgr[sev] : "", cli_severity(sev, lang),
              color ? "\033[0m" : "", xxgk_finding_rule(f, i));
    cli_finding_message(b, f, i, lang, 0);
    sb_putn(b, "\n", 1);
}

/* A finding's number as a JSON number (decimal text, exactly as the library formats it),
 * null when there is none, a string if it were anything else. */
static void json_number(strbuf *b, const char *s)
{
    size_t n = s ? strlen(s) : 0, i = n && s[0] == '-', digits = 0, dot = 0;
    for (; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9')
            digits++;
        else if (s[i] == '.' && !dot && digits)
            dot = i;
        else
            break;
    }
    if (n == 0)
        sb_puts(b, "null");
    else if (i == n && digits && s[n - 1] != '.')
        sb_puts(b, s);
    else
        sb_json_str(b, s);
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
    json_number(b, xxgk_finding_expected(f, i));
    sb_puts(b, ", \"actual\": ");
    json_number(b, xxgk_finding_actual(f, i));
    sb_puts(b, ", \"message\": ");
    cli_finding_message(b, f, i, LANG_ZH, 1);
    sb_puts(b, ", \"message_en\": ");
    cli_finding_message(b, f, i, LANG_EN, 1);
    long line = xxgk_finding_line(f, i), col = xxgk_finding_column(f, i), page = xxgk_finding_page(f, i);
    if (page > 0)
        sb_printf(b, ", \"page\": %ld", page);
    if (line > 0)
        sb_printf(b, ", \"line\": %ld", line);
    else
        sb_puts(b, ", \"line\": null");
    if (line > 0 && col > 0)
        sb_printf(b, ", \"column\": %ld", col);
    else
        sb_puts(b, ", \"column\": null");
    sb_puts(b, "}");
}
