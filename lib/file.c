/* SPDX-License-Identifier: MIT */
/* Files: reading one whole, and replacing one so that a failure never destroys it (a
 * temporary file in the same directory, written, synced, then renamed over it). */
#define _XOPEN_SOURCE 700 /* realpath */

#include "file.h"

#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The system's reasons a file cannot be read or written, in Chinese (strerror is English
 * whatever the locale a library may not change). */
static const char *reason_zh(int err)
{
    switch (err) {
    case ENOENT: return "没有这个文件或目录";
    case EACCES: return "没有权限";
    case EPERM: return "不允许的操作";
    case EISDIR: return "这是一个目录";
    case ENOTDIR: return "路径中有一部分不是目录";
    case ENAMETOOLONG: return "文件名过长";
    case ELOOP: return "符号链接层数过多";
    case EMFILE: case ENFILE: return "打开的文件过多";
    case ENOSPC: return "磁盘空间不足";
    case EDQUOT: return "超出磁盘配额";
    case EROFS: return "只读文件系统";
    case EFBIG: return "文件过大";
    case EIO: return "输入/输出错误";
    case ENOMEM: return "内存不足";
    case EEXIST: return "文件已存在";
    case EXDEV: return "不能跨文件系统移动";
    default: return NULL;
    }
}

static int io_error(const char *path, int err)
{
    char en[1200], zh[1200];
    const char *why = strerror(err), *why_zh = reason_zh(err);
    snprintf(en, sizeof en, "%s: %s", path, why);
    snprintf(zh, sizeof zh, "%s：%s", path, why_zh ? why_zh : why);
    return xx_error_texts(XXGK_EIO, 0, 0, -1, NULL, zh, en);
}

int xx_file_read(const char *path, size_t max, char **buf, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return io_error(path, errno);
    struct stat st;
    if (fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
        int err = S_ISDIR(st.st_mode) ? EISDIR : errno;
        close(fd);
        return io_error(path, err);
    }
    xbuf b = { 0 };
    char chunk[65536];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int err = errno;
            close(fd);
            xb_free(&b);
            return io_error(path, err);
        }
        if (n == 0)
            break;
        if (b.len + (size_t)n > max) {
            close(fd);
            xb_free(&b);
            return xx_error(XXGK_ELIMIT, 0, 0, -1, NULL, "%s: larger than the limit of %zu bytes", path, max);
        }
        xb_put(&b, chunk, (size_t)n);
    }
    close(fd);
    return xb_finish(&b, buf, len);
}

static int write_all(int fd, const char *buf, size_t len)
{
    while (len) {
        ssize_t n = write(fd, buf, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return errno;
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

/* A new file beside `target` (".NAME.XXXXXX"), created with mode 0666 less the umask as
 * any new file would be; its name in *tmp (xx_free). A file descriptor, or -errno. */
static int create_temp(const char *target, char **tmp)
{
    const char *slash = strrchr(target, '/');
    size_t dlen = slash ? (size_t)(slash - target + 1) : 0, n = strlen(target) + 16;
    if (!(*tmp = xx_malloc(n)))
        return -ENOMEM;
    static const char digits[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    uint64_t x = (uint64_t)getpid() * 0x9e3779b97f4a7c15u ^ (uint64_t)(uintptr_t)*tmp;
    for (int attempt = 0; attempt < 100; attempt++) {
        char suffix[7];
        x = x * 6364136223846793005u + 1442695040888963407u;
        for (int i = 0; i < 6; i++)
            suffix[i] = digits[(x >> (10 + 5 * i)) % 36];
        suffix[6] = '\0';
        snprintf(*tmp, n, "%.*s.%s.%s", (int)dlen, target, target + dlen, suffix);
        int fd = open(*tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST)
            return fd >= 0 ? fd : -errno;
    }
    return -EEXIST;
}

int xx_file_replace(const char *path, const char *buf, size_t len)
{
    struct stat st;
    int exists = stat(path, &st) == 0, err = 0;
    if (exists && !S_ISREG(st.st_mode)) { /* a device or a pipe: written as it is */
        int fd = open(path, O_WRONLY | O_CLOEXEC);
        if (fd < 0)
            return io_error(path, errno);
        err = write_all(fd, buf, len);
        if (close(fd) != 0 && !err)
            err = errno;
        return err ? io_error(path, err) : 0;
    }
    /* a symbolic link is followed: the file it names is replaced, the link stays */
    char *real = exists ? realpath(path, NULL) : NULL;
    const char *target = real ? real : path;
    char *tmp = NULL;
    int fd = create_temp(target, &tmp);
    if (!tmp) {
        free(real);
        return xx_oom();
    }
    if (fd < 0) {
        err = -fd;
    } else {
        if (exists)
            fchmod(fd, st.st_mode & 07777);
        err = write_all(fd, buf, len);
        if (!err && fsync(fd) != 0)
            err = errno;
        if (close(fd) != 0 && !err)
            err = errno;
        if (!err && rename(tmp, target) != 0)
            err = errno;
        if (err)
            unlink(tmp);
    }
    if (!err) { /* make the rename itself durable */
        const char *slash = strrchr(target, '/');
        char dir[4096];
        snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - target + 1) : 1, slash ? target : ".");
        int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd >= 0) {
            fsync(dfd);
            close(dfd);
        }
    }
    xx_free(tmp);
    free(real);
    return err ? io_error(path, err) : 0;
}
