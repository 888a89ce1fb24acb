/* libFuzzer target for the CSV readers, long and wide, each forced in turn: see
 * fuzz_common.h. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_one(data, size, XXGK_FORMAT_CSV);
    return fuzz_one(data, size, XXGK_FORMAT_CSV_WIDE);
}
