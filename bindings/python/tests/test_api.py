# SPDX-License-Identifier: MIT
"""The binding's surface on the example reports: metadata, cells, checks,
sums, differences, templates, errors, lifetimes."""

from __future__ import annotations

import copy
import gc
import os
import pickle
import random
import re
import tempfile
import unittest
import weakref
from decimal import Decimal
from pathlib import Path
from typing import Dict, Iterator

import xxgk
from xxgk_testutil import CORPUS, HONGZE, KUNDULUN, REPO, require_corpus, skip_if_unavailable

SECTIONS = ["preamble", "overview", "problems", "other"]


class TestVersion(unittest.TestCase):
    def test_versions(self) -> None:
        header = (REPO / "include" / "xxgk.h").read_text(encoding="utf-8")
        m = re.search(r'#define XXGK_VERSION_STRING "([^"]+)"', header)
        assert m is not None
        self.assertEqual(xxgk.library_version(), m.group(1))
        self.assertEqual(xxgk.__version__, m.group(1))

    def test_package_metadata(self) -> None:
        root = Path(xxgk.__file__).resolve().parent.parent
        pyproject = (root / "pyproject.toml").read_text(encoding="utf-8")
        self.assertIn(f'\nversion = "{xxgk.__version__}"\n', pyproject)
        self.assertTrue((root / "xxgk" / "py.typed").is_file())
        self.assertIn('\nlicense = { text = "MIT" }\n', pyproject)  # py.typed: test_loading's install

    def test_library_path_is_the_loaded_one(self) -> None:
        want = os.environ.get("XXGK_LIBRARY")
        if want:
            self.assertEqual(xxgk.library_path, want)
        self.assertTrue(os.path.exists(xxgk.library_path), xxgk.library_path)


class TestTemplates(unittest.TestCase):
    def test_templates(self) -> None:
        self.assertEqual(xxgk.templates(), ["2019", "2021"])

    def test_paths_2021(self) -> None:
        p = xxgk.paths("2021")
        self.assertEqual(len(p), 200)
        self.assertEqual(p[0], ("proactive.regulations.issued", "规章 / 本年制发件数"))
        self.assertIn(("proactive.fees.amount", "行政事业性收费 / 本年收费金额（单位：万元）"), p)
        self.assertEqual(len({path for path, _ in p}), 200)

    def test_paths_default_is_2021(self) -> None:
        self.assertEqual(xxgk.paths(), xxgk.paths("2021"))
        self.assertEqual(xxgk.paths(None), xxgk.paths("2021"))  # None: the newest

    def test_paths_2019(self) -> None:
        p = xxgk.paths("2019")
        self.assertEqual(len(p), 198)
        self.assertEqual(p[0], ("proactive.regulations.produced", "规章 / 本年新制作数量"))

    def test_paths_optional(self) -> None:
        p = xxgk.paths("2021", optional=True)
        self.assertEqual(p[:200], xxgk.paths("2021"))
        self.assertEqual([path for path, _ in p[200:]],
                         ["applications.other." + c for c in
                          ("natural_person", "commercial", "research", "social_welfare",
                           "legal_service", "other_org", "total")])

    def test_template_2021(self) -> None:
        t = xxgk.template("2021")
        self.assertIs(xxgk.template(), t)  # the newest, read once
        self.assertEqual((t.id, t.name, t.first_year), ("2021", "国办公开办函〔2021〕30号", 2021))
        self.assertEqual(len(t.cells), 207)
        self.assertEqual([c.path for c in t.cells if not c.optional], [p for p, _ in xxgk.paths("2021")])
        self.assertEqual([(c.path, c.label) for c in t.cells], xxgk.paths("2021", optional=True))
        self.assertEqual(t.cells[9], xxgk.Cell(
            path="proactive.fees.amount", label="行政事业性收费 / 本年收费金额（单位：万元）",
            label_en="Administrative fees / Fees collected this year (10,000 yuan)", unit="万元",
            kind="amount", optional=False))
        self.assertEqual(t.cells[-1].path, "applications.other.total")
        self.assertTrue(t.cells[-1].optional)
        self.assertEqual([(x.code, x.number, len(x.cells)) for x in t.tables],
                         [("proactive", "二", 10), ("applications", "三", 175),
                          ("review_litigation", "四", 15)])
        self.assertEqual(t.tables[1].heading, "收到和处理政府信息公开申请情况")
        self.assertEqual(sum((x.cells for x in t.tables), ()),
                         tuple(c.path for c in t.cells if not c.optional))
        self.assertEqual([(x.code, x.heading) for x in t.sections],
                         [("preamble", ""), ("overview", "总体情况"),
                          ("problems", "存在的主要问题及改进情况"), ("other", "其他需要报告的事项")])
        counts: Dict[str, int] = {}
        for r in t.rules:
            counts[r.id] = counts.get(r.id, 0) + 1
        self.assertEqual(counts, {"T3.BALANCE": 7, "T3.TOTAL_ROW": 14, "T3.SUBTOTAL": 7,
                                  "T3.TOTAL_COL": 26, "T4.TOTAL": 3, "CELL.NONNEG": 1,
                                  "CELL.AMOUNT": 1, "YOY.CARRY": 7, "YOY.IN_FORCE": 2,
                                  "TEMPLATE.OUTDATED": 1, "PLAUS.TOWN_REGULATIONS": 1,
                                  "PLAUS.PERIOD_YEAR": 1, "PLAUS.UNIT": 1, "TEXT.MATCH": 1})
        self.assertEqual(t.rules[0], xxgk.Rule(
            id="T3.BALANCE", severity="error", description="第一项加第二项之和，等于第三项加第四项之和",
            description_en="New plus carried over equals total handled plus carried forward",
            scope="自然人", terms=(("applications.new.natural_person", 1, False),
                                 ("applications.carried_over.natural_person", 1, False),
                                 ("applications.total.natural_person", -1, False),
                                 ("applications.carried_forward.natural_person", -1, False))))
        known = {c.path for c in t.cells}
        for r in t.rules:
            for path, coef, prev in r.terms:
                self.assertIn(path, known)
                self.assertIn(coef, (1, -1))
            self.assertEqual(any(prev for _, _, prev in r.terms), r.id.startswith("YOY."), r)

    def test_template_2019(self) -> None:
        t = xxgk.template("2019")
        self.assertEqual((t.name, t.first_year, len(t.cells), len(t.rules)),
                         ("国办公开办函〔2019〕60号", 2019, 198, 56))
        relations = {(r.id, r.relation) for r in t.rules}
        self.assertIn(("PLAUS.PUBLISHED_TOTAL", "at_least"), relations)
        self.assertIn(("T3.BALANCE", "equal"), relations)
        self.assertIn(("CELL.NONNEG", "each_nonnegative"), relations)
        self.assertIn(("TEXT.MATCH", "none"), relations)
        self.assertIn(("PLAUS.TOWN_REGULATIONS", "none"), relations)
        self.assertEqual(len({r.id for r in t.rules if r.relation == "at_least"}), 1)
        self.assertEqual([c.path for c in t.cells if c.kind == "signed_count"][:2],
                         ["proactive.licensing.change", "proactive.other_services.change"])

    def test_rules_agree_with_check(self) -> None:
        # evaluate the template's identities in Python over r[path] and find
        # exactly the identities the checker reports as errors
        t = xxgk.template("2021")
        with xxgk.load(HONGZE) as r:
            errors = sorted((f.rule, f.cells) for f in r.check() if f.severity == "error")
            failing = []
            for rule in t.rules:
                if not rule.terms or rule.id.startswith("YOY."):
                    continue
                values = [r[p] for p, _, _ in rule.terms]
                if all(isinstance(v, int) for v in values):
                    if sum(c * v for (_, c, _), v in zip(rule.terms, values)) != 0:
                        failing.append((rule.id, tuple(p for p, _, _ in rule.terms)))
        self.assertEqual(len(errors), 2)
        self.assertEqual(sorted(failing), errors)

    def test_unknown_template(self) -> None:
        with self.assertRaises(xxgk.XxgkError) as cm:
            xxgk.paths("1999")
        self.assertEqual(cm.exception.code, -6)
        with self.assertRaises(xxgk.XxgkError) as cm:
            xxgk.template("1999")
        self.assertEqual(cm.exception.code, -6)
        self.assertIn("'1999'", cm.exception.message)


class TestReading(unittest.TestCase):
    def test_kundulun_metadata(self) -> None:
        with xxgk.load(str(KUNDULUN)) as r:
            self.assertEqual(r.template, "2021")
            self.assertEqual(r.year, 2023)
            self.assertEqual(r.agency, "昆都仑区信访局")
            self.assertEqual(r.title, "昆都仑区信访局2023年政府信息公开工作年度报告")
            s = r.sections
            self.assertEqual(list(s), SECTIONS)
            self.assertTrue(s["preamble"].startswith("本报告根据《中华人民共和国政府信息公开条例》"))
            self.assertTrue(s["problems"].startswith("(一)进京访形势依然严峻。"))
            self.assertEqual(len(s["overview"]), 1172)
            self.assertEqual(r.diagnostics, [])

    def test_kundulun_cells_all_zero(self) -> None:
        with xxgk.load(KUNDULUN) as r:  # a pathlib.Path works too
            items = r.items()
            self.assertEqual(len(items), 200)
            self.assertEqual(len(r), 200)
            self.assertEqual(list(r), [p for p, _ in items])
            self.assertEqual(list(r), [p for p, _ in xxgk.paths("2021")])
            for path, value in items:
                if path == "proactive.fees.amount":
                    self.assertEqual(value, Decimal(0))
                    self.assertIsInstance(value, Decimal)
                else:
                    self.assertEqual(value, 0, path)
                    self.assertIs(type(value), int, path)

    def test_hongze_values(self) -> None:
        with xxgk.load(HONGZE) as r:
            self.assertEqual(r["applications.new.total"], 21)
            self.assertEqual(r["applications.new.natural_person"], 21)
            self.assertEqual(r["proactive.punishment.decisions"], 4119)
            amount = r["proactive.fees.amount"]
            self.assertIsInstance(amount, Decimal)
            self.assertEqual(str(amount), "7730.28")
            self.assertIsNone(r["applications.other.overdue_correction.natural_person"])
            self.assertEqual(r["applications.other.total"], 0)  # an optional subtotal
            self.assertEqual(sum(1 for _, v in r.items() if v is None), 21)
            self.assertEqual(r.position("applications.new.natural_person"), (22, 13))
            self.assertEqual(r.sections, dict.fromkeys(SECTIONS, ""))

    def test_loads_str_and_bytes(self) -> None:
        data = KUNDULUN.read_bytes()
        for src in (data, data.decode("utf-8"), bytearray(data), memoryview(data)):
            with self.subTest(type=type(src).__name__):
                with xxgk.loads(src) as r:
                    self.assertEqual(r.agency, "昆都仑区信访局")
        with xxgk.loads(data, format="json") as r:
            self.assertEqual(r.year, 2023)
        with self.assertRaises(TypeError):
            xxgk.loads(12)  # type: ignore[arg-type]

    def test_forced_format_is_used(self) -> None:
        # JSON content read as CSV: the CSV reader (or its absence) answers, not JSON's
        with self.assertRaises(xxgk.XxgkError) as cm:
            xxgk.loads(KUNDULUN.read_bytes(), format="csv")
        self.assertNotEqual(cm.exception.code, 0)

    def test_unknown_format_name(self) -> None:
        with self.assertRaises(xxgk.XxgkError) as cm:
            xxgk.loads(b"{}", format="yaml")
        self.assertEqual(cm.exception.code, -6)
        with self.assertRaises(xxgk.XxgkError) as cm:
            xxgk.load(KUNDULUN).dumps("yaml")
        self.assertEqual(cm.exception.code, -6)

    def test_template_forced(self) -> None:
        with self.assertRaises(xxgk.XxgkError) as cm:
            xxgk.load(KUNDULUN, template="1999")
        self.assertEqual(cm.exception.code, -6)

    def test_strict_accepts_a_clean_report(self) -> None:
        with xxgk.load(KUNDULUN, strict=True) as r:
            self.assertEqual(r.year, 2023)


class TestNotRead(unittest.TestCase):
    """A cell not read (absent from the source) is xxgk.NOT_READ, never None (blank)."""

    def test_absent_key_null_and_round_trip(self) -> None:
        doc = ('{"xxgk": 1, "template": "2021", "review_litigation": '
               '{"review": {"upheld": null, "corrected": 0}}}')
        with xxgk.loads(doc, "json") as r:
            self.assertIsNone(r["review_litigation.review.upheld"])
            self.assertEqual(r["review_litigation.review.corrected"], 0)
            self.assertIs(r["review_litigation.review.other"], xxgk.NOT_READ)
            self.assertIs(r["applications.new.total"], xxgk.NOT_READ)
            self.assertEqual([r.state(p) for p in ("review_litigation.review.upheld",
                                                   "review_litigation.review.corrected",
                                                   "review_litigation.review.other")],
                             ["blank", "number", "unread"])
            self.assertFalse(xxgk.NOT_READ)
            self.assertEqual(repr(xxgk.NOT_READ), "xxgk.NOT_READ")
            self.assertIs(pickle.loads(pickle.dumps(xxgk.NOT_READ)), xxgk.NOT_READ)
            out = r.dumps("json")
            self.assertIn('"review": {"upheld": null, "corrected": 0}', out)
            self.assertIn('"applications": {}', out)
            with xxgk.loads(out, "json") as back:
                self.assertEqual(back.items(), r.items())
            # nothing of the excerpt is the publisher's fault: no blank-row or empty-table
            # finding, no error
            rules = {f.rule for f in r.check()}
            self.assertNotIn("TABLE.EMPTY", rules)
            self.assertIn("CHECK.UNREAD", rules)
            self.assertEqual([f for f in r.check() if f.severity == "error"], [])

    def test_set_not_read(self) -> None:
        with xxgk.new() as r:
            self.assertIsNone(r["applications.new.total"])
            r["applications.new.total"] = xxgk.NOT_READ
            self.assertIs(r["applications.new.total"], xxgk.NOT_READ)
            r["applications.new.total"] = None
            self.assertEqual(r.state("applications.new.total"), "blank")
            # an optional cell, present only when filled, becomes blank
            r["applications.other.total"] = xxgk.NOT_READ
            self.assertIsNone(r["applications.other.total"])


class TestErrors(unittest.TestCase):
    def setUp(self) -> None:
        self.text = KUNDULUN.read_text(encoding="utf-8")

    def test_unknown_key_has_line_column_path(self) -> None:
        bad = self.text.replace('"applications": {', '"applications": {\n    "bogus": 1,', 1)
        line = bad.splitlines().index('    "bogus": 1,') + 1
        with self.assertRaises(xxgk.XxgkError) as cm:
            xxgk.loads(bad)
        e = cm.exception
        self.assertEqual(e.code, -4)
        self.assertEqual((e.line, e.column), (line, 5))
        self.assertEqual(e.path, "$.applications.bogus")
        self.assertEqual(e.message, '$.applications.bogus: unknown key "bogus"')
        self.assertEqual(e.offset, len(bad[:bad.index('"bogus"')].encode("utf-8")))
        self.assertEqual(str(e), f'{line}:5: $.applications.bogus: unknown key "bogus" '
                                 f'[not a valid report document]')

    def test_syntax_error(self) -> None:
        bad = self.text.replace('"year": 2023,', '"year": 2023 "x",', 1)
        line = bad.splitlines()[3]
        self.assertEqual(line, '  "year": 2023 "x",')
        with self.assertRaises(xxgk.XxgkError) as cm:
            xxgk.loads(bad)
        e = cm.exception
        self.assertEqual(e.code, -3)
        # the place is the stray string, where ',' or '}' was expected
        self.assertEqual((e.line, e.column), (4, line.index('"x"') + 1))
        self.assertEqual(e.offset, bad.encode("utf-8").index(b'"x"'))
        self.assertEqual(e.path, "$")
        self.assertTrue(e.message.startswith("malformed JSON"), e.message)

    def test_fraction_in_count(self) -> None:
        bad = self.text.replace('"total": 0', '"total": 1.5', 1)
        with self.assertRaises(xxgk.XxgkError) as cm:
            xxgk.loads(bad)
        e = cm.exception
        self.assertEqual(e.code, -4)
        self.assertEqual(e.path, "$.applications.new.total")
        self.assertEqual(e.message, "$.applications.new.total: expected an integer count, found 1.5")
        self.assertEqual(e.line, 22)

    def test_missing_file(self) -> None:
        with self.assertRaises(FileNotFoundError) as cm:
            xxgk.load("/nonexistent/dir/x.json")
        self.assertEqual(cm.exception.filename, "/nonexistent/dir/x.json")

    def test_error_detail_is_not_stale(self) -> None:
        with self.assertRaises(xxgk.XxgkError):
            xxgk.loads(self.text.replace('"year": 2023', '"year": 2023,,', 1))
        r = xxgk.new()
        with self.assertRaises(xxgk.XxgkError) as cm:
            r.year = 1800
        self.assertEqual(cm.exception.code, -5)
        self.assertEqual(cm.exception.line, 0)
        self.assertNotIn("malformed", cm.exception.message)

    def test_nul_in_path(self) -> None:
        with self.assertRaises(ValueError):
            xxgk.load("a\0b.json")


class TestHostileInput(unittest.TestCase):
    def test_mutated_inputs_load_or_raise_xxgk_error(self) -> None:
        # every reader, given damaged reports: a report or an XxgkError with a
        # code and a message, never another exception (or a crash)
        rng = random.Random(7)
        seeds = [(KUNDULUN.read_bytes(), "json"), (HONGZE.read_bytes(), "json")]
        with xxgk.load(HONGZE) as r:
            for fmt in ("csv", "csv-wide", "text", "markdown"):
                try:
                    seeds.append((r.dumps(fmt).encode("utf-8"), fmt))
                except xxgk.XxgkError as e:
                    if e.code != -13:
                        raise
        loaded = failed = 0
        for i in range(400):
            seed, fmt = rng.choice(seeds)
            data = bytearray(seed)
            for _ in range(rng.randint(1, 3)):
                pos = rng.randrange(len(data))
                op = rng.randrange(3)
                if op == 0:  # mostly characters that mean something to a reader
                    data[pos] = rng.choice(b'0123456789 |,-.\n"{}:[]') if rng.random() < 0.8 \
                        else rng.randrange(256)
                elif op == 1:
                    end = data.find(b"\n", pos)  # the rest of a line: stays UTF-8
                    del data[pos if data[pos] < 0x80 else pos + 1:end if end >= 0 else len(data)]
                else:
                    data[pos:pos] = bytes(rng.choice(b"0123456789 |,-.\n") for _ in range(rng.randint(1, 8)))
            try:
                with xxgk.loads(bytes(data), format=fmt if rng.random() < 0.8 else None) as got:
                    got.check()
                    got.items(optional=True)
                    got.dumps("json")
                loaded += 1
            except xxgk.XxgkError as e:
                self.assertLess(e.code, 0)
                self.assertTrue(e.message, f"input {i}: no message for code {e.code}")
                failed += 1
        self.assertEqual(loaded + failed, 400)
        # both paths exercised (the seed is fixed: 44 loaded with the readers of 0.1.0)
        self.assertGreater(loaded, 20)
        self.assertGreater(failed, 20)


class TestCells(unittest.TestCase):
    def setUp(self) -> None:
        self.r = xxgk.load(HONGZE)

    def tearDown(self) -> None:
        self.r.close()

    def test_set_int(self) -> None:
        self.r["applications.new.total"] = 5
        self.assertEqual(self.r["applications.new.total"], 5)
        self.r["applications.new.total"] = -3  # stored; the checks report it
        self.assertEqual(self.r["applications.new.total"], -3)

    def test_set_amount(self) -> None:
        self.r["proactive.fees.amount"] = Decimal("12.345678")
        self.assertEqual(self.r["proactive.fees.amount"], Decimal("12.345678"))
        self.r["proactive.fees.amount"] = 7
        self.assertEqual(self.r["proactive.fees.amount"], Decimal(7))
        self.r["proactive.fees.amount"] = "0.5"
        self.assertEqual(self.r["proactive.fees.amount"], Decimal("0.5"))
        with self.assertRaises(xxgk.XxgkError) as cm:
            self.r["proactive.fees.amount"] = Decimal("0.1234567")  # 7 decimals
        self.assertEqual(cm.exception.code, -7)
        self.assertEqual(cm.exception.message,
                         "proactive.fees.amount: '0.1234567' has more than 6 decimals")
        self.assertEqual(cm.exception.path, "proactive.fees.amount")
        with self.assertRaises(xxgk.XxgkError) as cm:
            self.r["proactive.fees.amount"] = 2**60
        self.assertEqual(cm.exception.code, -5)
        self.assertEqual(self.r["proactive.fees.amount"], Decimal("0.5"))

    def test_set_none_and_token(self) -> None:
        self.r["applications.new.total"] = None
        self.assertIsNone(self.r["applications.new.total"])
        self.r["applications.new.total"] = "-"
        self.assertEqual(self.r["applications.new.total"], "-")
        self.r["applications.new.total"] = "减4"
        self.assertEqual(self.r["applications.new.total"], "减4")

    def test_numeric_str_sets_a_number(self) -> None:
        self.r["applications.new.total"] = "12"
        self.assertEqual(self.r["applications.new.total"], 12)
        self.assertIs(type(self.r["applications.new.total"]), int)
        # text that is not exactly a number stays text
        for token in (" 12", "１２", "0x10", "12件"):
            self.r["applications.new.total"] = token
            self.assertEqual(self.r["applications.new.total"], token)

    def test_nothing_is_coerced(self) -> None:
        with self.assertRaises(xxgk.XxgkError) as cm:
            self.r["applications.new.total"] = "1.5"
        self.assertEqual(cm.exception.code, -7)
        with self.assertRaises(xxgk.XxgkError) as cm:
            self.r["applications.new.total"] = Decimal("1.5")
        self.assertEqual(cm.exception.code, -7)
        with self.assertRaises(TypeError):
            self.r["applications.new.total"] = 1.0  # type: ignore[assignment]
        with self.assertRaises(TypeError):
            self.r["applications.new.total"] = True
        with self.assertRaises(ValueError):
            self.r["proactive.fees.amount"] = Decimal("NaN")
        with self.assertRaises(xxgk.XxgkError) as cm:
            self.r["applications.new.total"] = 2**60
        self.assertEqual(cm.exception.code, -5)
        with self.assertRaises(xxgk.XxgkError) as cm:
            self.r["applications.new.total"] = ""
        self.assertEqual(cm.exception.code, -1)
        self.assertEqual(self.r["applications.new.total"], 21)

    def test_unknown_path(self) -> None:
        with self.assertRaises(KeyError):
            self.r["applications.nope"]
        with self.assertRaises(KeyError):
            self.r["applications.nope"] = 1
        with self.assertRaises(TypeError):
            self.r[3]  # type: ignore[index]
        self.assertNotIn("applications.nope", self.r)
        self.assertIn("applications.new.total", self.r)

    def test_metadata_setters(self) -> None:
        self.r.year = 2024
        self.assertEqual(self.r.year, 2024)
        self.r.year = None
        self.assertIsNone(self.r.year)
        with self.assertRaises(xxgk.XxgkError) as cm:
            self.r.year = 10000
        self.assertEqual(cm.exception.code, -5)
        with self.assertRaises(TypeError):
            self.r.year = "2024"  # type: ignore[assignment]
        self.r.agency = "某某局"
        self.r.title = "标题"
        self.assertEqual((self.r.agency, self.r.title), ("某某局", "标题"))
        self.r.agency = None
        self.assertEqual(self.r.agency, "")
        self.r.set_section("problems", "问题")
        self.assertEqual(self.r.sections["problems"], "问题")
        self.r.set_section("problems", None)
        self.assertEqual(self.r.sections["problems"], "")
        with self.assertRaises(xxgk.XxgkError) as cm:
            self.r.set_section("epilogue", "x")
        self.assertEqual(cm.exception.code, -6)

    def test_copy_is_independent(self) -> None:
        with self.r.copy() as c:
            c["applications.new.total"] = 99
            self.assertEqual(c["applications.new.total"], 99)
            self.assertEqual(self.r["applications.new.total"], 21)

    def test_new(self) -> None:
        with xxgk.new() as r:
            self.assertEqual(r.template, "2021")
            self.assertIsNone(r.year)
            self.assertTrue(all(v is None for _, v in r.items(optional=True)))
        with xxgk.new("2019") as r:
            self.assertEqual(r.template, "2019")
            self.assertEqual(len(r), 198)
        with self.assertRaises(TypeError):
            xxgk.Report()


class TestCheck(unittest.TestCase):
    def test_consistent_report(self) -> None:
        with xxgk.load(KUNDULUN) as r:
            self.assertEqual(r.check(), [])
            self.assertEqual(r.check(blank_as_zero=True), [])

    def test_hongze_table_four_as_published(self) -> None:
        with xxgk.load(HONGZE) as r:
            f = r.check()
        self.assertEqual(len(f), 2)
        a, b = f
        self.assertEqual(a, xxgk.Finding(
            rule="T4.TOTAL", severity="error",
            cells=("review_litigation.review.upheld", "review_litigation.review.corrected",
                   "review_litigation.review.other", "review_litigation.review.pending",
                   "review_litigation.review.total"),
            expected="11", actual="0",
            message="表四“行政复议”“总计”栏：总计应为 11（结果维持、结果纠正、其他结果、"
                    "尚未审结之和），实为 0",
            message_en="table 4, \"Administrative review\" / \"Total\": the total should be 11 "
                       "(upheld + corrected + other + pending), is 0",
            line=64, column=72, file=str(HONGZE)))
        self.assertEqual((b.rule, b.severity, b.expected, b.actual, b.line, b.column),
                         ("T4.TOTAL", "error", "5", "0", 66, 88))
        self.assertEqual(b.cells[-1], "review_litigation.litigation_after_review.total")
        self.assertEqual(str(a), f"{HONGZE}:64:72: error T4.TOTAL: " + a.message)

    def test_messages_when_the_library_has_no_memory_for_them(self) -> None:
        # xxgk_finding_message gives NULL when formatting it runs out of memory: the
        # binding formats the message itself (xxgk_finding_format), never gives ""
        with xxgk.load(HONGZE) as r:
            want = r.check()
            lib = xxgk._lib.lib
            saved = lib.xxgk_finding_message, lib.xxgk_finding_message_en
            lib.xxgk_finding_message = lib.xxgk_finding_message_en = lambda fp, i: None
            try:
                got = r.check()
            finally:
                lib.xxgk_finding_message, lib.xxgk_finding_message_en = saved
        self.assertEqual(got, want)
        self.assertTrue(got[0].message.startswith("表四“行政复议”“总计”栏："))

    def test_a_change_is_found(self) -> None:
        with xxgk.load(KUNDULUN) as r:
            r["applications.new.natural_person"] = 3
            rules = sorted({(f.rule, f.severity) for f in r.check()})
        self.assertIn(("T3.TOTAL_COL", "error"), rules)

    def test_blank_as_zero(self) -> None:
        with xxgk.load(KUNDULUN) as r:
            r["applications.new.commercial"] = None
            plain = r.check()
            zero = r.check(blank_as_zero=True)
        self.assertNotEqual(plain, zero)
        self.assertEqual([f for f in zero if f.severity == "error"], [])
        self.assertTrue(any("applications.new.commercial" in f.cells for f in plain))

    def test_previous_year(self) -> None:
        with xxgk.load(HONGZE) as r, xxgk.load(KUNDULUN) as prev:
            f = r.check(previous=prev)
        year = [x for x in f if x.rule == "YOY.YEAR"]
        self.assertEqual(len(year), 1)
        self.assertEqual((year[0].severity, year[0].expected, year[0].actual), ("error", "2024", "2023"))
        # only the year-over-year rules: the report's own rules are check()'s
        self.assertEqual([x.rule for x in f if not x.rule.startswith("YOY.")], [])
        self.assertIn("YOY.IN_FORCE", {x.rule for x in f})

    def test_findings_outlive_the_report(self) -> None:
        r = xxgk.load(HONGZE)
        f = r.check()
        agency = r.agency
        r.close()
        gc.collect()
        self.assertEqual(f[0].expected, "11")
        self.assertEqual(agency, "淮安市洪泽区人民政府")


class TestSumDiff(unittest.TestCase):
    def test_sum(self) -> None:
        with xxgk.load(KUNDULUN) as k, xxgk.load(HONGZE) as h:
            with xxgk.sum([k, h]) as s:
                self.assertEqual(s.template, "2021")
                self.assertEqual(s["applications.new.total"], 21)
                self.assertEqual(s["proactive.fees.amount"], Decimal("7730.28"))
                self.assertEqual(s.year, 2023)
                self.assertEqual((s.agency, s.title), ("", ""))
                partial = [d for d in s.diagnostics if d.rule == "SUM.PARTIAL"]
                # the 21 blank printed cells and the 7 optional subtotals kundulun lacks
                self.assertEqual(len(partial), 28)
                self.assertEqual(partial[0].cells,
                                 ("applications.other.overdue_correction.natural_person",))
            with xxgk.sum((h, h, h)) as s3:  # any iterable
                self.assertEqual(s3["proactive.punishment.decisions"], 3 * 4119)
                self.assertEqual(s3["proactive.fees.amount"], Decimal("23190.84"))

    def test_sum_one_at_a_time(self) -> None:
        with xxgk.load(KUNDULUN) as k, xxgk.load(HONGZE) as h, xxgk.sum([k, h, h]) as batch:
            def loaded() -> Iterator[xxgk.Report]:
                for p in (KUNDULUN, HONGZE, HONGZE):
                    with xxgk.load(p) as r:
                        yield r
            with xxgk.sum(loaded()) as streamed:
                self.assertEqual(streamed.items(optional=True), batch.items(optional=True))
                self.assertEqual(streamed.diagnostics, batch.diagnostics)
                self.assertEqual(streamed.year, 2023)
            with xxgk.Sum() as acc:
                acc.add(h)
                with xxgk.new("2019") as old:
                    with self.assertRaises(xxgk.XxgkError) as cm:
                        acc.add(old)
                    self.assertEqual(cm.exception.code, -12)
                acc.add(h)
                self.assertEqual(len(acc), 2)
                with acc.total() as t:
                    self.assertEqual(t["proactive.fees.amount"], Decimal("15460.56"))
                    self.assertEqual(t["applications.new.total"], 42)
            with xxgk.Sum("2019") as acc, xxgk.load(KUNDULUN) as k:
                with self.assertRaises(xxgk.XxgkError) as cm:
                    acc.add(k)
                self.assertEqual(cm.exception.code, -12)
                with self.assertRaises(xxgk.XxgkError) as cm:
                    acc.total()
                self.assertEqual(cm.exception.code, -1)
        with self.assertRaises(xxgk.XxgkError) as cm:
            xxgk.sum(iter([]))
        self.assertEqual(cm.exception.code, -1)

    def test_sum_errors(self) -> None:
        with self.assertRaises(xxgk.XxgkError) as cm:
            xxgk.sum([])
        self.assertEqual(cm.exception.code, -1)
        with xxgk.load(KUNDULUN) as k, xxgk.new("2019") as old:
            with self.assertRaises(xxgk.XxgkError) as cm:
                xxgk.sum([k, old])
            self.assertEqual(cm.exception.code, -12)
        with self.assertRaises(TypeError):
            xxgk.sum([1, 2])  # type: ignore[list-item]
        with xxgk.load(KUNDULUN) as k:
            with self.assertRaises(TypeError):
                xxgk.diff(k, "x")  # type: ignore[arg-type]
            with self.assertRaises(TypeError):
                k.check(previous="x")  # type: ignore[arg-type]

    def test_sum_overflow(self) -> None:
        with xxgk.new() as a:
            a["applications.new.total"] = 2**53 - 1
            self.assertEqual(a["applications.new.total"], 2**53 - 1)
            with self.assertRaises(xxgk.XxgkError) as cm:
                a["applications.new.total"] = 2**53
            self.assertEqual(cm.exception.code, -5)
            with self.assertRaises(xxgk.XxgkError) as cm:
                xxgk.sum([a, a])
            self.assertEqual(cm.exception.code, -11)
            self.assertIn("applications.new.total", cm.exception.message)

    def test_diff(self) -> None:
        with xxgk.load(KUNDULUN) as k, xxgk.load(HONGZE) as h:
            d = xxgk.diff(k, h)
            with k.copy() as same:
                self.assertEqual(xxgk.diff(k, same), [])
        agency = [f for f in d if f.rule == "DIFF.META" and f.cells == ("meta.agency",)]
        self.assertEqual(len(agency), 1)
        self.assertEqual((agency[0].expected, agency[0].actual), ("昆都仑区信访局", "淮安市洪泽区人民政府"))
        cell = [f for f in d if f.rule == "DIFF.CELL" and f.cells == ("applications.new.total",)]
        self.assertEqual(len(cell), 1)
        self.assertEqual((cell[0].expected, cell[0].actual, cell[0].severity), ("0", "21", "info"))
        self.assertEqual(len(d), 61)


class TestOptions(unittest.TestCase):
    def test_parse_limits(self) -> None:
        data = KUNDULUN.read_bytes()
        with self.assertRaises(xxgk.XxgkError) as cm:
            xxgk.loads(data, max_size=100)
        self.assertEqual((cm.exception.code, cm.exception.message),
                         (-10, f"input of {len(data)} bytes exceeds the limit of 100 bytes"))
        with self.assertRaises(xxgk.XxgkError) as cm:
            xxgk.load(KUNDULUN, max_size=100)
        self.assertEqual(cm.exception.code, -10)
        with self.assertRaises(xxgk.XxgkError) as cm:
            xxgk.loads(data, max_depth=1)
        self.assertEqual(cm.exception.code, -10)
        self.assertGreater(cm.exception.line, 0)
        with xxgk.loads(data, max_size=len(data), max_depth=32, max_line=1 << 20) as r:
            self.assertEqual(r.year, 2023)
        for bad in (-1, 2**64, 1.5, True):
            with self.subTest(value=bad):
                with self.assertRaises((ValueError, TypeError)):
                    xxgk.loads(data, max_size=bad)  # type: ignore[arg-type]

    def test_check_options(self) -> None:
        with xxgk.load(KUNDULUN) as k, k.copy() as prev:
            prev.year = 2022
            text = k.sections["overview"]
            prev.set_section("overview", text[:len(text) // 2] + "不同的文字" * 20)
            copied = {th: sum(1 for f in k.check(previous=prev, copy_threshold=th)
                              if f.rule == "YOY.COPY") for th in (0, 90, 100)}
            self.assertEqual(copied, {0: 4, 90: 3, 100: 3})
            self.assertEqual(k.check(previous=prev), k.check(previous=prev, copy_threshold=90))
            with self.assertRaises(ValueError):
                k.check(copy_threshold=101)

    def test_check_without_diagnostics(self) -> None:
        require_corpus(self)
        try:
            r = xxgk.load(CORPUS / "xuwen-justice-bureau_blank-cells.txt")
        except xxgk.XxgkError as e:
            skip_if_unavailable(self, e)
            raise
        with r:
            every = r.check()
            without = r.check(diagnostics=False)
            diags = r.diagnostics
        self.assertGreater(len(diags), 0)
        self.assertEqual(len(every), len(without) + len(diags))
        self.assertEqual(sorted(set(every) - set(without), key=repr), sorted(set(diags), key=repr))

    def test_highlight(self) -> None:
        with xxgk.load(HONGZE) as h:
            plain = h.dumps("html")
            marked = h.dumps("html", highlight=True)
        self.assertNotIn('class="error"', plain)
        self.assertIn('<td class="error" id="c-review_litigation.review.total" data-mark="1" '
                      'title="表四“行政复议”“总计”栏：总计应为 11'
                      '（结果维持、结果纠正、其他结果、尚未审结之和），实为 0" '
                      'data-path="review_litigation.review.total"><a href="#f-1">0</a></td>', marked)

    def test_many_reports_in_one_csv(self) -> None:
        with xxgk.load(HONGZE) as h, xxgk.load(KUNDULUN) as k:
            data = h.dumps("csv", report_id="hz") + k.dumps("csv", report_id="kd", header=False)
            self.assertTrue(data.startswith("report,path,value\nhz,meta.template,2021\n"))
            self.assertEqual(data.count("report,path,value"), 1)
            got = []
            for rid, r in xxgk.loads_all(data):
                with r:
                    got.append((rid, r.items(optional=True), r.agency))
            self.assertEqual(got, [("hz", h.items(optional=True), h.agency),
                                   ("kd", k.items(optional=True), k.agency)])
            with tempfile.TemporaryDirectory() as d:
                p = os.path.join(d, "all.csv")
                with open(p, "w", encoding="utf-8") as fh:
                    fh.write(data)
                self.assertEqual([rid for rid, r in xxgk.load_all(p)], ["hz", "kd"])
                with self.assertRaises(FileNotFoundError) as cm:
                    list(xxgk.load_all(os.path.join(d, "missing.csv")))
                self.assertEqual(cm.exception.filename, os.path.join(d, "missing.csv"))

    def test_one_report_through_loads_all(self) -> None:
        pairs = list(xxgk.loads_all(KUNDULUN.read_bytes()))
        self.assertEqual([(rid, r.year) for rid, r in pairs], [("", 2023)])

    def test_loads_all_error_has_a_place(self) -> None:
        with xxgk.load(HONGZE) as h:
            data = h.dumps("csv", report_id="a").replace("a,applications.new.total,21",
                                                         "a,applications.nope,21")
        line = data.splitlines().index("a,applications.nope,21") + 1
        with self.assertRaises(xxgk.XxgkError) as cm:
            list(xxgk.loads_all(data))
        self.assertEqual(cm.exception.line, line)

    def test_load_all_errors_yield_goes_on_after_a_bad_report(self) -> None:
        with xxgk.load(HONGZE) as h:
            data = (h.dumps("csv", report_id="a")
                    + h.dumps("csv", report_id="b", header=False).replace(
                        "b,applications.new.total,21", "b,applications.nope,21")
                    + h.dumps("csv", report_id="c", header=False))
            want = h.items(optional=True)
        line = data.splitlines().index("b,applications.nope,21") + 1
        got = list(xxgk.loads_all(data, errors="yield"))
        self.assertEqual([rid for rid, _ in got], ["a", "b", "c"])
        self.assertEqual(got[0][1].items(optional=True), want)
        self.assertIsInstance(got[1][1], xxgk.XxgkError)
        self.assertEqual((got[1][1].code, got[1][1].line), (-4, line))  # XXGK_ESCHEMA
        self.assertEqual(got[2][1].items(optional=True), want)
        for _, r in (got[0], got[2]):
            r.close()
        with tempfile.TemporaryDirectory() as d:
            p = os.path.join(d, "three.csv")
            with open(p, "w", encoding="utf-8") as fh:
                fh.write(data)
            got = [(rid, type(r).__name__) for rid, r in xxgk.load_all(p, errors="yield")]
            self.assertEqual(got, [("a", "Report"), ("b", "XxgkError"), ("c", "Report")])
            with self.assertRaises(xxgk.XxgkError):
                list(xxgk.load_all(p))  # the default: the first failure raises
        # outside a long CSV's reports a failure ends the input: one pair, then nothing
        got = list(xxgk.loads_all("{\"meta\": 1}", errors="yield"))
        self.assertEqual([(rid, type(r).__name__) for rid, r in got], [("", "XxgkError")])
        with self.assertRaises(ValueError):
            xxgk.loads_all(data, errors="ignore")

    def test_abandoned_reader_is_freed(self) -> None:
        with xxgk.load(HONGZE) as h:
            data = h.dumps("csv", report_id="a") + h.dumps("csv", report_id="b", header=False)
        it = xxgk.loads_all(data)
        rid, r = next(it)
        r.close()
        it.close()  # frees the reader; the generator is done
        self.assertEqual(list(it), [])


class TestLifetime(unittest.TestCase):
    def test_context_manager_closes(self) -> None:
        with xxgk.load(KUNDULUN) as r:
            self.assertFalse(r.closed)
        self.assertTrue(r.closed)
        with self.assertRaises(ValueError):
            r.year
        with self.assertRaises(ValueError):
            r["applications.new.total"]
        with self.assertRaises(ValueError):
            r.check()
        r.close()  # twice is fine
        self.assertEqual(repr(r), "<xxgk.Report closed>")
        with self.assertRaises(ValueError):
            with r:
                pass

    def test_del_frees(self) -> None:
        r = xxgk.load(KUNDULUN)
        ref = weakref.ref(r)
        del r
        gc.collect()
        self.assertIsNone(ref())

    def test_copy_module_makes_new_reports(self) -> None:
        with xxgk.load(HONGZE) as r:
            for c in (copy.copy(r), copy.deepcopy(r)):
                with c:
                    c["applications.new.total"] = 1
                    self.assertEqual(r["applications.new.total"], 21)
            self.assertFalse(r.closed)  # closing the copies left r alone
            self.assertEqual(r["applications.new.total"], 21)

    def test_pickle(self) -> None:
        with xxgk.load(HONGZE) as r:
            with self.assertRaises(TypeError) as cm:
                pickle.dumps(r)
            self.assertIn("r.dumps('json')", str(cm.exception))
            f = r.check()
        self.assertEqual(pickle.loads(pickle.dumps(f)), f)
        try:
            xxgk.loads(b'{"xxgk": 1, "template": "2021", "bogus": 1}')
        except xxgk.XxgkError as e:
            back = pickle.loads(pickle.dumps(e))
            self.assertEqual((back.code, back.message, back.line, back.column, back.path, back.offset),
                             (e.code, e.message, e.line, e.column, e.path, e.offset))
            self.assertEqual(str(back), str(e))
        else:
            self.fail("an unknown key was accepted")

    def test_repr(self) -> None:
        with xxgk.load(KUNDULUN) as r:
            self.assertEqual(repr(r), "<xxgk.Report template=2021 year=2023 agency='昆都仑区信访局'>")


class TestWriteFile(unittest.TestCase):
    def test_dump_by_extension(self) -> None:
        with tempfile.TemporaryDirectory() as d, xxgk.load(HONGZE) as r:
            p = os.path.join(d, "out.json")
            r.dump(p)
            with open(p, encoding="utf-8") as fh:
                self.assertEqual(fh.read(), r.dumps("json"))
            with xxgk.load(p) as back:
                self.assertEqual(back.items(optional=True), r.items(optional=True))
            with self.assertRaises(ValueError):
                r.dump(os.path.join(d, "out.xyz"))
            r.dump(os.path.join(d, "out.xyz"), format="json")
            with self.assertRaises(FileNotFoundError) as cm:
                r.dump(os.path.join(d, "no", "such", "dir.json"))
            self.assertEqual(cm.exception.filename, os.path.join(d, "no", "such", "dir.json"))

    def test_lang(self) -> None:
        with xxgk.load(HONGZE) as r:
            self.assertTrue(r.dumps("html", lang="en").startswith("<!DOCTYPE html>"))
            with self.assertRaises(xxgk.XxgkError) as cm:
                r.dumps("html", lang="fr")
            self.assertEqual((cm.exception.code, cm.exception.message),
                             (-1, 'language must be "zh" or "en"'))

    def test_json_is_canonical(self) -> None:
        with xxgk.load(HONGZE) as r:
            out = r.dumps()
        self.assertEqual(out, HONGZE.read_text(encoding="utf-8"))


if __name__ == "__main__":
    unittest.main()
