/* SPDX-License-Identifier: MIT */
/* libFuzzer target for the HTML reader (format forced), directly and through the
 * multi-report reader: see fuzz_common.h. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_one(data, size, XXGK_FORMAT_HTML);
    return fuzz_reader(data, size, XXGK_FORMAT_HTML); /* one report through the reader API */
}
