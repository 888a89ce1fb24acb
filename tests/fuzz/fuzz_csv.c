/* SPDX-License-Identifier: MIT */
/* libFuzzer target for the CSV readers, long and wide, each forced in turn, and the
 * multi-report reader over long CSV: see fuzz_common.h. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_one(data, size, XXGK_FORMAT_CSV);
    fuzz_reader(data, size, XXGK_FORMAT_CSV);
    return fuzz_one(data, size, XXGK_FORMAT_CSV_WIDE);
}
