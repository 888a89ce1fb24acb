/* SPDX-License-Identifier: MIT */
/* Files: xxgk_report_write_file replaces a file only once the whole report is written
 * (a full disk leaves the old file byte for byte), keeps its permissions, follows a
 * symbolic link, leaves no temporary file; read errors give the reason. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"
#include "xxgk.h"

static char dir[64];

/* Every name in dir, hidden ones included (a temporary file is hidden), sorted. */
static size_t list_all(char ***names)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    char **v = calloc(64, sizeof *v);
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < 64)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            v[n++] = strdup(e->d_name);
    closedir(d);
    for (size_t i = 1; i < n; i++) /* insertion sort: a handful of names */
        for (size_t j = i; j > 0 && strcmp(v[j - 1], v[j]) > 0; j--) {
            char *t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    *names = v;
    return n;
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/xxgk-test-file.XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char **names;
    size_t n = list_all(&names);
    for (size_t i = 0; i < n; i++) {
        char p[256];
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        unlink(p);
    }
    tu_free_names(names, n);
    return rmdir(dir);
}

static void put(const char *path, const char *text)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

/* The directory holds exactly the names given (sorted), no temporary file. */
static void assert_dir(const char *const *want, size_t nwant)
{
    char **names;
    size_t n = list_all(&names);
    assert_int_equal(n, nwant);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(names[i], want[i]);
    tu_free_names(names, n);
}

static void test_full_disk_keeps_old_file(void **state)
{
    (void)state;
    char path[128];
    snprintf(path, sizeof path, "%s/out.json", dir);
    put(path, "previous output\n");
    xxgk_report *r = tu_load(tu_src("examples/data/hongze-district-2023.json"));
    /* a file size limit stands in for a full disk: writes beyond it fail (EFBIG) */
    struct rlimit old;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
    struct rlimit small = { 1024, old.rlim_max };
    void (*prev)(int) = signal(SIGXFSZ, SIG_IGN);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
    int rc = xxgk_report_write_file(path, r, NULL);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
    signal(SIGXFSZ, prev);
    assert_int_equal(rc, XXGK_EIO);
    char want[160];
    snprintf(want, sizeof want, "%s: File too large", path);
    assert_string_equal(xxgk_error_message(), want);
    size_t len;
    char *got = tu_slurp(path, &len);
    assert_string_equal(got, "previous output\n");
    free(got);
    static const char *const only[] = { "out.json" };
    assert_dir(only, 1);
    xxgk_report_free(r);
}

static void test_replace_keeps_mode_and_follows_link(void **state)
{
    (void)state;
    char path[128], link[128];
    snprintf(path, sizeof path, "%s/out.json", dir);
    snprintf(link, sizeof link, "%s/link.json", dir);
    put(path, "old\n");
    assert_int_equal(chmod(path, 0640), 0);
    assert_int_equal(symlink("out.json", link), 0);
    xxgk_report *r = tu_load(tu_src("examples/data/kundulun-xinfang-2023.json"));
    assert_int_equal(xxgk_report_write_file(link, r, NULL), 0);
    struct stat st;
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0640);
    size_t len, wlen;
    char *got = tu_slurp(path, &len);
    char *want = tu_slurp(tu_src("examples/data/kundulun-xinfang-2023.json"), &wlen);
    assert_int_equal(len, wlen);
    assert_memory_equal(got, want, len);
    free(got);
    free(want);
    static const char *const names[] = { "link.json", "out.json" };
    assert_dir(names, 2);
    xxgk_report_free(r);
}

static void test_errors_name_the_reason(void **state)
{
    (void)state;
    xxgk_report *r = NULL;
    assert_int_equal(xxgk_report_read_file(&r, dir, NULL), XXGK_EIO);
    char want[160];
    snprintf(want, sizeof want, "%s: Is a directory", dir);
    assert_string_equal(xxgk_error_message(), want);
    char path[128];
    snprintf(path, sizeof path, "%s/missing.json", dir);
    assert_int_equal(xxgk_report_read_file(&r, path, NULL), XXGK_EIO);
    snprintf(want, sizeof want, "%s: No such file or directory", path);
    assert_string_equal(xxgk_error_message(), want);
    snprintf(path, sizeof path, "%s/no/such/dir.json", dir);
    r = tu_load(tu_src("examples/data/kundulun-xinfang-2023.json"));
    assert_int_equal(xxgk_report_write_file(path, r, NULL), XXGK_EIO);
    snprintf(want, sizeof want, "%s: No such file or directory", path);
    assert_string_equal(xxgk_error_message(), want);
    assert_int_equal(xxgk_report_write_file("/dev/full", r, NULL), XXGK_EIO);
    assert_string_equal(xxgk_error_message(), "/dev/full: No space left on device");
    xxgk_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_full_disk_keeps_old_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_replace_keeps_mode_and_follows_link, setup, teardown),
        cmocka_unit_test_setup_teardown(test_errors_name_the_reason, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
