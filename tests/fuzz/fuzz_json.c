/* SPDX-License-Identifier: MIT */
/* libFuzzer target for the JSON reader (format forced), directly and through the
 * multi-report reader: see fuzz_common.h. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_one(data, size, XXGK_FORMAT_JSON);
    return fuzz_reader(data, size, XXGK_FORMAT_JSON); /* one report through the reader API */
}
