/* SPDX-License-Identifier: MIT */
/* Reading and replacing files (file.c). */
#ifndef XXGK_FILE_H
#define XXGK_FILE_H

#include <stddef.h>

/* Read a whole file (not a directory), refusing more than max bytes: XXGK_EIO naming the
 * file and the reason, or XXGK_ELIMIT. *buf is the caller's (xx_free). */
int xx_file_read(const char *path, size_t max, char **buf, size_t *len);
/* Replace the file at path with len bytes: written to a temporary file in the same
 * directory, synced and renamed over it (its permissions kept; a symbolic link followed;
 * a device or pipe written directly). On failure the old file is untouched and the
 * error (XXGK_EIO) names the file and the reason. */
int xx_file_replace(const char *path, const char *buf, size_t len);

#endif
