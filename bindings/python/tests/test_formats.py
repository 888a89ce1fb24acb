# SPDX-License-Identifier: MIT
"""Round trips through every format, and the corpus texts against their
hand-checked golden cells. A format the library does not have yet is
skipped with the library's own "not available in this build" message."""

from __future__ import annotations

import json
import os
import tempfile
import unittest
from decimal import Decimal

import xxgk
from xxgk_testutil import (CORPUS, EXAMPLES, GOLDEN, HONGZE, KUNDULUN, READABLE,
                           corpus_with_golden, require_corpus, skip_if_unavailable)

EXTENSION = {"json": ".json", "csv": ".csv", "csv-wide": ".csv", "text": ".txt",
             "markdown": ".md", "html": ".html"}


class TestRoundTrip(unittest.TestCase):
    def dumps_or_skip(self, r: xxgk.Report, fmt: str) -> str:
        try:
            return r.dumps(fmt)
        except xxgk.XxgkError as e:
            skip_if_unavailable(self, e)
            raise

    def loads_or_skip(self, text: str, fmt: str) -> xxgk.Report:
        try:
            return xxgk.loads(text, format=fmt)
        except xxgk.XxgkError as e:
            skip_if_unavailable(self, e)
            raise

    def check_same(self, a: xxgk.Report, b: xxgk.Report, fmt: str) -> None:
        self.assertEqual(b.template, a.template)
        self.assertEqual(b.items(optional=True), a.items(optional=True))
        if fmt == "json":
            self.assertEqual((b.year, b.agency, b.title, b.sections),
                             (a.year, a.agency, a.title, a.sections))

    def test_every_readable_format_in_memory(self) -> None:
        for path in sorted(EXAMPLES.glob("*.json")):
            for fmt in READABLE:
                with self.subTest(file=path.name, format=fmt), xxgk.load(path) as r:
                    text = self.dumps_or_skip(r, fmt)
                    with self.loads_or_skip(text, fmt) as back:
                        self.check_same(r, back, fmt)
                        # and a second time: the output is a fixed point
                        self.assertEqual(self.dumps_or_skip(back, fmt), text)

    def test_every_readable_format_through_files(self) -> None:
        with tempfile.TemporaryDirectory() as d, xxgk.load(HONGZE) as r:
            for fmt in READABLE:
                with self.subTest(format=fmt):
                    p = os.path.join(d, "out" + EXTENSION[fmt])
                    try:
                        r.dump(p, format=fmt)
                    except xxgk.XxgkError as e:
                        skip_if_unavailable(self, e)
                        raise
                    try:
                        back = xxgk.load(p, format=fmt)
                    except xxgk.XxgkError as e:
                        skip_if_unavailable(self, e)
                        raise
                    with back:
                        self.check_same(r, back, fmt)

    def test_tokens_and_blanks_survive(self) -> None:
        with xxgk.load(KUNDULUN) as r:
            r["applications.new.natural_person"] = "-"
            r["applications.new.commercial"] = None
            r["proactive.fees.amount"] = "/"
            for fmt in READABLE:
                with self.subTest(format=fmt):
                    text = self.dumps_or_skip(r, fmt)
                    with self.loads_or_skip(text, fmt) as back:
                        self.assertEqual(back["applications.new.natural_person"], "-")
                        self.assertIsNone(back["applications.new.commercial"])
                        self.assertEqual(back["proactive.fees.amount"], "/")

    def test_html_is_written(self) -> None:
        with xxgk.load(HONGZE) as r:
            html = self.dumps_or_skip(r, "html")
        for cell in ('data-path="proactive.fees.amount">7730.28<',
                     'data-path="proactive.punishment.decisions">4119<',
                     'data-path="applications.other.overdue_fee.total"><'):
            self.assertTrue(cell in html, cell)
        self.assertTrue(html.startswith("<!DOCTYPE html>"), html[:40])
        # the page reads back to the same report
        with xxgk.load(HONGZE) as r, xxgk.loads(html) as back:
            self.assertEqual(back.dumps("json"), r.dumps("json"))

    def test_dump_infers_format_from_extension(self) -> None:
        with tempfile.TemporaryDirectory() as d, xxgk.load(HONGZE) as r:
            for fmt in ("json", "text", "markdown", "html"):
                with self.subTest(format=fmt):
                    p = os.path.join(d, "x" + EXTENSION[fmt])
                    try:
                        r.dump(p)
                    except xxgk.XxgkError as e:
                        skip_if_unavailable(self, e)
                        raise
                    with open(p, encoding="utf-8") as fh:
                        self.assertEqual(fh.read(), r.dumps(fmt))


class TestCorpus(unittest.TestCase):
    """Every corpus text with a golden file reads to exactly its golden cells."""

    def test_corpus_against_golden(self) -> None:
        require_corpus(self)
        pairs = corpus_with_golden()
        self.assertGreaterEqual(len(pairs), 9)
        for text, golden in pairs:
            with self.subTest(file=text.name):
                try:
                    r = xxgk.load(text)
                except xxgk.XxgkError as e:
                    skip_if_unavailable(self, e)
                    raise
                with r, xxgk.load(golden) as want:
                    self.assertEqual(r.template, want.template)
                    self.assertEqual((r.year, r.agency, r.title), (want.year, want.agency, want.title))
                    got = dict(r.items(optional=True))
                    for path, value in want.items(optional=True):
                        self.assertEqual(got[path], value, path)
                    findings = r.check()
                    for f in findings:
                        self.assertIn(f.severity, ("error", "warning", "info"))
                        self.assertTrue(f.rule)

    def test_values_agree_with_the_library_json(self) -> None:
        # what r[path] returns, checked against the library's own JSON output
        # decoded independently by Python's json module
        require_corpus(self)
        texts = sorted(CORPUS.glob("*.txt"))
        golden = {t.stem for t, _ in corpus_with_golden()}
        self.assertGreaterEqual(len(texts), 10)
        for text in texts:
            with self.subTest(file=text.name):
                try:
                    r = xxgk.load(text)
                except xxgk.XxgkError as e:
                    skip_if_unavailable(self, e)
                    if text.stem in golden:
                        raise
                    # a text without golden cells may be refused, but with a place
                    self.assertGreater(e.line, 0, str(e))
                    self.assertGreater(e.column, 0, str(e))
                    continue
                with r:
                    doc = json.loads(r.dumps("json"), parse_float=Decimal)
                    self.assertEqual(doc["template"], r.template)
                    self.assertEqual(doc["year"], r.year)
                    self.assertEqual((doc["agency"], doc["title"]), (r.agency, r.title))
                    self.assertEqual(doc["sections"], r.sections)
                    amounts = {p for p, _ in xxgk.paths(r.template, optional=True)
                               if p.endswith(".amount")}
                    optional = ({p for p, _ in xxgk.paths(r.template, optional=True)} -
                                {p for p, _ in xxgk.paths(r.template)})
                    for path, value in r.items(optional=True):
                        node = doc
                        for part in path.split("."):  # an absent key: not read
                            node = node.get(part, xxgk.NOT_READ) if isinstance(node, dict) else node
                        if node is xxgk.NOT_READ and path in optional:
                            node = None  # an optional cell not filled: blank, and absent
                        if isinstance(node, str) and path in amounts:
                            try:
                                node = Decimal(node)
                            except ArithmeticError:
                                pass
                        self.assertEqual(value, node, path)
                    for f in r.check():
                        self.assertIn(f.severity, ("error", "warning", "info"))
                    for d in r.diagnostics:
                        self.assertTrue(d.rule.startswith("READ."), d.rule)
                        self.assertGreaterEqual(d.line, 0)

    def test_diagnostics_and_strict(self) -> None:
        require_corpus(self)
        text = CORPUS / "xuwen-justice-bureau_blank-cells.txt"
        try:
            r = xxgk.load(text)
        except xxgk.XxgkError as e:
            skip_if_unavailable(self, e)
            raise
        with r:
            diags = r.diagnostics
            findings = r.check()
        warnings = [d for d in diags if d.severity in ("warning", "error")]
        self.assertGreater(len(warnings), 0)
        for d in diags:
            self.assertTrue(d.rule.startswith("READ."), d.rule)
            self.assertIn(d, findings)  # check() includes the reader's diagnostics
        first = warnings[0]
        with self.assertRaises(xxgk.XxgkError) as cm:
            xxgk.load(text, strict=True)
        e = cm.exception
        self.assertEqual(e.code, -15)
        self.assertEqual((e.line, e.column, e.message), (first.line, first.column, first.message_en))
        self.assertEqual(e.path, first.cells[0] if first.cells else "")
        with self.assertRaises(xxgk.XxgkError) as cm:
            xxgk.loads(text.read_bytes(), format="text", strict=True, source_name=text.name)
        self.assertEqual(cm.exception.code, -15)

    def test_golden_files_load(self) -> None:
        # the golden JSON files are reports in their own right
        goldens = sorted(GOLDEN.glob("*/expected.json"))
        self.assertGreaterEqual(len(goldens), 9)
        for golden in goldens:
            with self.subTest(file=golden.parent.name), xxgk.load(golden) as r:
                self.assertIn(r.template, ("2019", "2021"))
                self.assertEqual(r.diagnostics, [])
                self.assertIsInstance(r.check(), list)


if __name__ == "__main__":
    unittest.main()
