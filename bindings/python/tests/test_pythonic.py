# SPDX-License-Identifier: MIT
"""Python as Python users expect it: a Report is a read-only Mapping, to_dict() in one
call into C, typed accessors, records() and frame() for many reports, check_many() in the
library's threads, OSError for files and a ValueError for bad input, Finding.file."""

import collections.abc
import decimal
import errno
import os
import tempfile
import unittest
from typing import Any, List

from xxgk_testutil import EXAMPLES, HONGZE, KUNDULUN, REPO as ROOT

import xxgk

BAD_YEAR = ROOT / "tests" / "data" / "cli" / "inputs" / "bad-year.json"


def long_csv(d: str) -> str:
    """Three reports in one long CSV, the middle one unreadable (a fraction in a count)."""
    path = os.path.join(d, "many.csv")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("report,path,value\n"
                 "a,meta.template,2021\na,applications.new.natural_person,1\na,applications.new.total,5\n"
                 "b,meta.template,2021\nb,applications.new.total,1.5\n"
                 "c,meta.template,2019\nc,meta.agency,某局\nc,applications.new.total,-\n")
    return path


class TestMapping(unittest.TestCase):
    def test_a_read_only_mapping(self) -> None:
        with xxgk.load(HONGZE) as r:
            self.assertIsInstance(r, collections.abc.Mapping)
            self.assertNotIsInstance(r, collections.abc.MutableMapping)
            self.assertEqual(len(r), 200)
            keys = list(r.keys())
            self.assertEqual(keys, [p for p, _ in xxgk.paths("2021")])
            self.assertIn("applications.new.total", r)
            self.assertNotIn("applications.bogus", r)
            self.assertEqual(r.get("applications.new.total"), 21)
            self.assertIsNone(r.get("applications.bogus"))
            self.assertEqual(r.get("applications.bogus", 0), 0)
            d = dict(r)
            self.assertEqual(d, r.to_dict())
            self.assertEqual(list(d), keys)
            self.assertEqual(r.values(), list(d.values()))
            self.assertEqual(r.items(), list(d.items()))
            self.assertEqual(r["proactive.fees.amount"], decimal.Decimal("7730.28"))
            # equality is identity: two reports with the same cells and another agency differ
            c = r.copy()
            self.assertNotEqual(r, c)
            self.assertEqual(r.to_dict(), c.to_dict())
            self.assertEqual(len({r, c}), 2)
            c.close()

    def test_to_dict_is_every_cell_as_one_by_one(self) -> None:
        for path in sorted(EXAMPLES.glob("*.json")):
            with xxgk.load(path) as r:
                r["applications.new.commercial"] = "-"
                r["applications.new.research"] = None
                r["applications.new.social_welfare"] = xxgk.NOT_READ
                for optional in (False, True):
                    got = r.to_dict(optional)
                    want = {p: r[p] for p, _ in xxgk.paths(r.template, optional=optional)}
                    self.assertEqual(got, want, path.name)
                    self.assertEqual([type(v) for v in got.values()], [type(v) for v in want.values()])
                self.assertIs(r.to_dict()["applications.new.social_welfare"], xxgk.NOT_READ)

    def test_typed_accessors(self) -> None:
        with xxgk.load(HONGZE) as r:
            r["applications.new.commercial"] = "/"
            n: Any = r.count("applications.new.total")
            self.assertEqual((n, type(n)), (21, int))
            a: Any = r.amount("proactive.fees.amount")
            self.assertEqual((a, type(a)), (decimal.Decimal("7730.28"), decimal.Decimal))
            self.assertIsNone(r.count("applications.new.commercial"))
            self.assertEqual(r.token("applications.new.commercial"), "/")
            self.assertIsNone(r.token("applications.new.total"))
            with self.assertRaises(TypeError):
                r.count("proactive.fees.amount")
            with self.assertRaises(TypeError):
                r.amount("applications.new.total")
            with self.assertRaises(KeyError):
                r.count("applications.bogus")


class TestErrors(unittest.TestCase):
    def test_files_raise_oserror(self) -> None:
        with tempfile.TemporaryDirectory() as d:
            missing = os.path.join(d, "missing.json")
            with self.assertRaises(FileNotFoundError) as cm:
                xxgk.load(missing)
            self.assertEqual((cm.exception.errno, cm.exception.filename), (errno.ENOENT, missing))
            with self.assertRaises(IsADirectoryError):
                xxgk.load(d)
            with self.assertRaises(FileNotFoundError):
                list(xxgk.load_all(missing))
            if os.geteuid() != 0:  # root may read anything
                locked = os.path.join(d, "locked.json")
                with open(locked, "w") as fh:
                    fh.write("{}")
                os.chmod(locked, 0)
                with self.assertRaises(PermissionError):
                    xxgk.load(locked)
            with xxgk.load(KUNDULUN) as r:
                with self.assertRaises(OSError) as cm2:
                    r.dump("/dev/full", format="json")
                self.assertEqual(cm2.exception.errno, errno.ENOSPC)
                with self.assertRaises(FileNotFoundError):
                    r.dump(os.path.join(d, "no", "dir.json"))

    def test_bad_input_is_a_value_error(self) -> None:
        with self.assertRaises(ValueError) as cm:
            xxgk.load(BAD_YEAR)
        e = cm.exception
        self.assertIsInstance(e, xxgk.XxgkError)
        self.assertEqual((e.line, e.column, e.path, e.code), (2, 11, "$.year", -4))
        with self.assertRaises(ValueError):
            xxgk.loads("not a report at all")


class TestManyReports(unittest.TestCase):
    def test_finding_file(self) -> None:
        with xxgk.load(HONGZE) as r:
            self.assertEqual(r.file, str(HONGZE))
            self.assertEqual({f.file for f in r.check()}, {str(HONGZE)})
            with r.copy() as c:
                self.assertEqual(c.file, str(HONGZE))
        with xxgk.loads(HONGZE.read_bytes()) as r:
            self.assertEqual(r.file, "")
            self.assertEqual({f.file for f in r.check()}, {""})

    def test_records(self) -> None:
        with tempfile.TemporaryDirectory() as d:
            path = long_csv(d)
            with self.assertRaises(xxgk.XxgkError):
                rows = list(xxgk.records(xxgk.load_all(path)))
            rows = list(xxgk.records([xxgk.load(HONGZE), ("x", xxgk.load(KUNDULUN))]))
        self.assertEqual([(r["report"], r["file"], r["year"]) for r in rows],
                         [(None, str(HONGZE), 2023), ("x", str(KUNDULUN), 2023)])
        self.assertEqual(list(rows[0])[:6], ["report", "file", "template", "year", "agency", "title"])
        self.assertEqual(rows[0]["applications.new.total"], 21)
        self.assertEqual(len(rows[0]), 206)
        with self.assertRaises(TypeError):
            list(xxgk.records(["not a report"]))  # type: ignore[list-item]

    def test_frame(self) -> None:
        try:
            import pandas as pd
        except ImportError:
            if os.environ.get("XXGK_REQUIRE_PANDAS"):
                raise
            self.skipTest("pandas is not installed for this Python (test_python_frame runs it where it is)")
        reports = [xxgk.load(HONGZE), xxgk.load(KUNDULUN)]
        reports[1]["applications.new.commercial"] = "-"
        reports[1]["applications.new.research"] = None
        reports[1]["applications.new.social_welfare"] = xxgk.NOT_READ
        df = xxgk.frame(reports)
        self.assertEqual(df.shape, (2, 6 + 200 + 2))
        self.assertEqual(str(df["applications.new.total"].dtype), "Int64")
        self.assertEqual(str(df["year"].dtype), "Int64")
        self.assertEqual(list(df["applications.new.total"]), [21, reports[1]["applications.new.total"]])
        self.assertTrue(pd.isna(df.loc[1, "applications.new.commercial"]))
        self.assertTrue(pd.isna(df.loc[1, "applications.new.research"]))
        self.assertEqual(df.loc[1, "tokens"], {"applications.new.commercial": "-"})
        self.assertEqual(df.loc[0, "tokens"], {})
        self.assertEqual(df.loc[1, "not_read"], ["applications.new.social_welfare"])
        self.assertEqual(df.loc[0, "proactive.fees.amount"], decimal.Decimal("7730.28"))
        for r in reports:
            r.close()

    def test_check_many(self) -> None:
        with tempfile.TemporaryDirectory() as d:
            many = long_csv(d)
            paths: List[Any] = [HONGZE, os.path.join(d, "missing.json"), many, str(KUNDULUN), BAD_YEAR]
            results = xxgk.check_many(paths, jobs=1)
            self.assertEqual([(r.file, r.report) for r in results],
                             [(str(HONGZE), None), (os.path.join(d, "missing.json"), None), (many, "a"),
                              (many, "b"), (many, "c"), (str(KUNDULUN), None), (str(BAD_YEAR), None)])
            self.assertIsNone(results[0].error)
            self.assertEqual(results[0].findings, xxgk.load(HONGZE).check())
            self.assertIsInstance(results[1].error, FileNotFoundError)
            self.assertEqual(results[1].findings, [])
            self.assertIsInstance(results[3].error, xxgk.XxgkError)
            self.assertEqual(results[3].error.line, 6)  # type: ignore[union-attr]
            self.assertEqual((results[4].template, results[4].agency), ("2019", "某局"))
            self.assertEqual((results[6].error.line, results[6].error.column), (2, 11))  # type: ignore[union-attr]
            self.assertEqual((results[6].template, results[6].year, results[6].agency), (None, None, None))
            def seen(rs: List[xxgk.CheckResult]) -> List[Any]:  # exceptions compare by type and text
                return [(r.file, r.report, r.template, r.year, r.agency, r.findings, type(r.error), str(r.error))
                        for r in rs]
            for jobs in (2, 4, None):
                self.assertEqual(seen(xxgk.check_many(paths * 5, jobs=jobs)), seen(results) * 5)
            self.assertEqual(xxgk.check_many([]), [])
            with self.assertRaises(ValueError):
                xxgk.check_many(paths, jobs=0)


class TestWideCsvBom(unittest.TestCase):
    def test_bom(self) -> None:
        with xxgk.load(KUNDULUN) as r:
            self.assertTrue(r.dumps("csv-wide").startswith("\ufeffxxgk,1\n"))
            self.assertTrue(r.dumps("csv-wide", bom=False).startswith("xxgk,1\n"))
            self.assertTrue(r.dumps("csv").startswith("path,value\n"))
            self.assertEqual(xxgk.loads(r.dumps("csv-wide")).to_dict(), r.to_dict())


if __name__ == "__main__":
    unittest.main()
