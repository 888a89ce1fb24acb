# SPDX-License-Identifier: MIT
"""10,000 load/check/close cycles do not grow the process's memory."""

from __future__ import annotations

import gc
import os
import sys
import unittest

import xxgk
from xxgk_testutil import CORPUS, HONGZE, require_corpus, skip_if_unavailable

CYCLES = 10_000
WARMUP = 500
#: Allowed growth of VmRSS over the 10,000 cycles. A leaked report of the
#: example costs about 4.7 KiB, so leaking anything per cycle, even one
#: findings list, exceeds this by far.
SLACK_KB = 1024


def rss_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS in /proc/self/status")


def cycle(n: int) -> None:
    for _ in range(n):
        with xxgk.load(HONGZE) as r:
            f = r.check()
            assert len(f) == 2
            r.dumps("json")
            r.diagnostics


@unittest.skipUnless(sys.platform.startswith("linux"), "reads /proc/self/status")
@unittest.skipIf(os.environ.get("XXGK_SANITIZED"),
                 "RSS says nothing under AddressSanitizer: freed memory is held in quarantine")
class TestMemory(unittest.TestCase):
    def test_no_growth(self) -> None:
        cycle(WARMUP)
        gc.collect()
        before = rss_kb()
        cycle(CYCLES)
        gc.collect()
        grown = rss_kb() - before
        self.assertLess(grown, SLACK_KB, f"VmRSS grew by {grown} KiB over {CYCLES} cycles")

    def test_text_reader_and_every_writer(self) -> None:
        # the corpus text through the text reader, its diagnostics, the checks
        # and every writer: 2,000 cycles
        require_corpus(self)
        text = CORPUS / "hongze-district-2023_pdftotext-layout.txt"

        def text_cycle(n: int) -> None:
            for _ in range(n):
                with xxgk.load(text) as r:
                    r.check()
                    r.diagnostics
                    for fmt in xxgk.FORMATS:
                        r.dumps(fmt)

        try:
            text_cycle(200)
        except xxgk.XxgkError as e:
            skip_if_unavailable(self, e)
            raise
        gc.collect()
        before = rss_kb()
        text_cycle(2000)
        gc.collect()
        grown = rss_kb() - before
        self.assertLess(grown, SLACK_KB, f"VmRSS grew by {grown} KiB over 2000 cycles")

    def test_multi_report_reader_and_highlight(self) -> None:
        with xxgk.load(HONGZE) as h:
            data = h.dumps("csv", report_id="a") + h.dumps("csv", report_id="b", header=False)

        def many(n: int) -> None:
            for i in range(n):
                it = xxgk.loads_all(data)
                for rid, r in it:
                    with r:
                        r.dumps("html", highlight=True)
                    if i % 2:  # every other reader is abandoned after its first report
                        it.close()

        many(200)
        gc.collect()
        before = rss_kb()
        many(2000)
        for _ in range(2000):  # readers opened and dropped before their first report
            xxgk.loads_all(data)
        gc.collect()
        grown = rss_kb() - before
        self.assertLess(grown, SLACK_KB, f"VmRSS grew by {grown} KiB over 2000 cycles")

    def test_measure_detects_a_leak(self) -> None:
        # the measurement itself can fail: reports that are never freed show up
        gc.collect()
        before = rss_kb()
        leaked = []
        for _ in range(2000):
            r = xxgk.load(HONGZE)
            leaked.append(r._h)
            r._h = None  # the Report forgets its handle: nothing frees it
        grown = rss_kb() - before
        for h in leaked:
            xxgk._lib.lib.xxgk_report_free(h)
        self.assertGreater(grown, SLACK_KB)


if __name__ == "__main__":
    unittest.main()
