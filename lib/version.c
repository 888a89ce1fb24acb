/* SPDX-License-Identifier: MIT */
#include "internal.h"

const char *xxgk_version(void) { return XXGK_VERSION_STRING; }
int xxgk_version_number(void) { return XXGK_VERSION_NUMBER; }
