#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""usage: same_report.py READ.json SOURCE.json [--meta]

Exit 0 when the report READ has exactly the cells of SOURCE (the same number where SOURCE has
one, no number where it has none; blank and not read count as no number), and with --meta
the same template, year, agency and title (exactly: the reader drops the spaces pdftotext puts
where a PDF changes font, between 局 and 2023). Otherwise print the differences and exit 1."""
import json
import sys

from corpus_score import TABLES, flatten, is_number as number


def cells(doc):
    c = {}
    for t in TABLES:
        c.update(flatten(doc.get(t) or {}, t))
    return c


def main(argv):
    got, want = (json.load(open(p, encoding="utf-8")) for p in argv[1:3])
    g, w = cells(got), cells(want)
    bad = []
    for p in sorted(set(g) | set(w)):
        a, b = g.get(p), w.get(p)
        if (number(a) or number(b)) and a != b:
            bad.append(f"{p}: read {a}, source {b}")
    if "--meta" in argv:
        for k in ("template", "year", "agency", "title"):
            a, b = got.get(k), want.get(k)
            if a != b:
                bad.append(f"{k}: read {got.get(k)!r}, source {want.get(k)!r}")
    print("\n".join(bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
