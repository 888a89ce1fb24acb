# SPDX-License-Identifier: MIT
"""PDF: xxgk.load("x.pdf") runs pdftotext (poppler) and reads its text; findings give the
page; a missing pdftotext and a scanned page are clear errors."""

from __future__ import annotations

import os
import pickle
import shutil
import tempfile
import unittest
from decimal import Decimal
from pathlib import Path
from unittest import mock

import xxgk
from xxgk_testutil import KUNDULUN, REPO

PDF = REPO / "tests" / "data" / "pdf"


@unittest.skipUnless(shutil.which("pdftotext"), "pdftotext (poppler-utils) is not installed")
class TestPdf(unittest.TestCase):
    def test_load_reads_the_source_report(self) -> None:
        with xxgk.load(PDF / "kundulun-xinfang-2023.docx.pdf") as r, xxgk.load(KUNDULUN) as want:
            self.assertEqual(r.year, 2023)
            self.assertEqual(r.agency, want.agency)
            self.assertEqual(r.title, want.title)
            self.assertEqual(r.items(), want.items())

    def test_bytes_and_pages(self) -> None:
        data = (PDF / "hongze-district-2023.chromium.pdf").read_bytes()
        with xxgk.loads(data) as r:
            self.assertEqual(r["proactive.fees.amount"], Decimal("7730.28"))
            paged = [f for f in r.diagnostics if f.page]
            self.assertTrue(paged)
            self.assertEqual((paged[0].page, paged[0].line), (2, 30))
            self.assertIn("page 2, ", str(paged[0]))

    def test_read_failure_names_the_page(self) -> None:
        with self.assertRaises(xxgk.XxgkError) as cm:
            xxgk.load(PDF / "ambiguous-label.libreoffice.pdf")
        e = cm.exception
        self.assertEqual((e.code, e.page, e.line, e.column), (-14, 2, 3, 1))
        self.assertEqual(str(e), "page 2, 3:1: the label '行政处罚 行政强制' matches two rows of table 二 "
                                 "equally well: '行政处罚' and '行政强制' [ambiguous label]")
        self.assertEqual(pickle.loads(pickle.dumps(e)).page, 2)
        # the bulk check, on the text pdftotext made of it
        [res] = xxgk.check_many([PDF / "ambiguous-label.libreoffice.raw.txt"], format="pdftext")
        assert isinstance(res.error, xxgk.XxgkError)
        self.assertEqual((res.error.page, res.error.line), (2, 3))
        [res] = xxgk.check_many([PDF / "ambiguous-label.libreoffice.raw.txt"], format="text")
        assert isinstance(res.error, xxgk.XxgkError)
        self.assertEqual((res.error.page, res.error.line), (0, 6))

    def test_title_without_extractor_spaces(self) -> None:
        with xxgk.load(PDF / "spaced-title.libreoffice.pdf") as r:
            self.assertEqual((r.title, r.agency, r.year),
                             ("示例县统计局2023年度政府信息公开工作年度报告", "示例县统计局", 2023))

    def test_scan_is_an_error(self) -> None:
        with self.assertRaises(xxgk.XxgkError) as cm:
            xxgk.load(PDF / "scanned-page.pdf")
        self.assertEqual(cm.exception.code, -13)
        self.assertIn("without text", cm.exception.message)

    def test_missing_pdftotext_names_the_package(self) -> None:
        with mock.patch.dict(os.environ, {"PATH": "/nonexistent"}):
            with self.assertRaises(xxgk.XxgkError) as cm:
                xxgk.load(PDF / "kundulun-xinfang-2023.docx.pdf")
        self.assertIn("poppler-utils", cm.exception.message)

    def test_slow_or_refusing_pdftotext(self) -> None:
        # a stand-in pdftotext first on PATH
        with tempfile.TemporaryDirectory() as d:
            fake = Path(d) / "pdftotext"
            path = {"PATH": f"{d}{os.pathsep}{os.environ.get('PATH', '')}"}
            fake.write_text("#!/bin/sh\nexec sleep 30\n")
            fake.chmod(0o755)
            with mock.patch.dict(os.environ, {**path, "XXGK_PDFTOTEXT_TIMEOUT": "1"}):
                with self.assertRaises(xxgk.XxgkError) as cm:
                    xxgk.load(PDF / "kundulun-xinfang-2023.docx.pdf")
            self.assertEqual(cm.exception.message,
                             "a PDF: pdftotext took longer than 1 s (XXGK_PDFTOTEXT_TIMEOUT)")
            fake.write_text("#!/bin/sh\necho 'Permission Error: Copying of text from this document "
                            "is not allowed.' >&2\nexit 3\n")
            with mock.patch.dict(os.environ, path):
                with self.assertRaises(xxgk.XxgkError) as cm:
                    xxgk.load(PDF / "kundulun-xinfang-2023.docx.pdf")
            self.assertEqual(cm.exception.message,
                             "a PDF whose permissions forbid copying its text (pdftotext: Permission "
                             "Error: Copying of text from this document is not allowed.)")


if __name__ == "__main__":
    unittest.main()
