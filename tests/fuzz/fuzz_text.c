/* SPDX-License-Identifier: MIT */
/* libFuzzer target for the text readers (format forced): the published plain text, directly
 * and through the multi-report reader, and the same bytes as Markdown and as pdftotext's
 * text of a PDF (pages ending in a form feed): see fuzz_common.h. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_one(data, size, XXGK_FORMAT_TEXT);
    fuzz_one(data, size, XXGK_FORMAT_MARKDOWN);
    fuzz_one(data, size, XXGK_FORMAT_PDFTEXT);
    return fuzz_reader(data, size, XXGK_FORMAT_TEXT); /* one report through the reader API */
}
