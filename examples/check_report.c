/* SPDX-License-Identifier: MIT */
/* Read a report, print one cell and the findings of its check.
 * Build: cc check_report.c $(pkg-config --cflags --libs xxgk)
 * Run:   ./a.out [REPORT]   (from the repository's root, the sample report by default) */
#include <inttypes.h>
#include <stdio.h>
#include <xxgk.h>

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "examples/data/kundulun-xinfang-2023.json";
    xxgk_report *r;
    if (xxgk_report_read_file(&r, path, NULL) != 0) {
        if (xxgk_error_line() > 0)  /* a place in the file: FILE:LINE:COLUMN: message */
            fprintf(stderr, "%s:%ld:%ld: ", path, xxgk_error_line(), xxgk_error_column());
        fprintf(stderr, "%s\n", xxgk_error_message());
        return 2;
    }
    size_t id;
    int64_t n;
    if (xxgk_report_cell_id(&id, r, "applications.new.total") == 0 &&
        xxgk_report_cell_get_count(&n, r, id) == 0)
        printf("new applications: %" PRId64 "\n", n);
    xxgk_findings *f;
    if (xxgk_check(&f, r, NULL) == 0) {
        for (size_t i = 0; i < xxgk_findings_count(f); i++) {
            const char *msg = xxgk_finding_message(f, i); /* NULL when out of memory */
            printf("%s %s\n", xxgk_finding_rule(f, i), msg ? msg : "(out of memory)");
        }
        xxgk_findings_free(f);
    }
    xxgk_report_free(r);
    return 0;
}
