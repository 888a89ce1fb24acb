#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Score the reader against the hand-verified expectations of the real reports.

usage: corpus_score.py XXGK DIR [DIR...] [--ratchet FILE] [--raise-ratchet] [--verbose]

Each DIR holds report files and a folder expected/ with one <report file name>.json each:
  {"template": "2021", "year": 2023, "agency": "...", "cells": {"path": number or null, ...}}
A number is the value as published; null means published blank (a number read there is wrong).
Cells left out of "cells" were not legible in that file and are not scored; cells listed in
"ambiguous_in_this_file" are scored only when a number is read there (right or wrong); cells
listed in "unplaceable" have no provable place in that file, so any number read there is wrong.

For every report: `XXGK convert --to json FILE`, then each expected cell is
  exact   - the same number,
  missing - blank, absent or a text token where a number is published,
  wrong   - a different number (or a number where the report shows a blank cell).
Metadata (template, year, agency) is right when equal; an agency also when one ends with the
other and both have at least 4 characters (a title may prefix the district).

With --ratchet, FILE lists `<report> <exact floor> <metadata floor>` per line: a report read
with fewer exact cells or fewer right metadata fields than its floor fails, and so does a
report without a line. --raise-ratchet rewrites FILE with the floors raised to today's
numbers (never lowered). Exit status 1 when a number is wrong or a floor is not met.
"""
import json
import os
import subprocess
import sys
from decimal import Decimal

TABLES = ("proactive", "applications", "review_litigation")


def flatten(node, prefix=""):
    out = {}
    for k, v in node.items():
        p = f"{prefix}.{k}" if prefix else k
        out.update(flatten(v, p) if isinstance(v, dict) else {p: v})
    return out


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def same_meta(key, want, got):
    if want == got:
        return True
    if key == "agency" and isinstance(want, str) and isinstance(got, str) and min(len(want), len(got)) >= 4:
        return want.endswith(got) or got.endswith(want)
    return False


def score(xxgk, path, exp):
    run = subprocess.run([xxgk, "convert", "--to", "json", path], capture_output=True, text=True)
    doc, err = {}, run.stderr.strip().splitlines()[:1]
    if run.returncode == 0:
        try:
            doc = json.loads(run.stdout)
        except ValueError:
            err = ["output is not JSON"]
    cells = {}
    for table in TABLES:
        if isinstance(doc.get(table), dict):
            cells.update(flatten(doc[table], table))
    exact, missing, wrong, published = 0, [], [], 0
    unsure = set(exp.get("ambiguous_in_this_file", []))
    for p in exp.get("unplaceable", []):
        if is_number(cells.get(p)):
            wrong.append((p, cells.get(p), "no provable place"))
    for p, want in exp["cells"].items():
        got = cells.get(p)
        if p in unsure and not is_number(got):
            continue
        published += want is not None
        if want is None:
            if is_number(got):
                wrong.append((p, got, None))
            continue
        if not is_number(got):
            missing.append(p)
        elif Decimal(str(got)) == Decimal(str(want)):
            exact += 1
        else:
            wrong.append((p, got, want))
    meta = {k: (exp.get(k), doc.get(k)) for k in ("template", "year", "agency") if k in exp}
    bad_meta = [f"{k} {w!r}≠{g!r}" for k, (w, g) in meta.items() if not same_meta(k, w, g)]
    return dict(rc=run.returncode, exact=exact, missing=missing, wrong=wrong, published=published,
                meta=len(meta), meta_ok=len(meta) - len(bad_meta), bad_meta=bad_meta, stderr=err)


def read_ratchet(path):
    floors = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.split("#", 1)[0].split()
            if not line:
                continue
            if len(line) != 3:
                raise SystemExit(f"{path}:{n}: expected '<report> <exact floor> <metadata floor>'")
            floors[line[0]] = (int(line[1]), int(line[2]))
    return floors


def write_ratchet(path, floors):
    with open(path, "w", encoding="utf-8") as f:
        f.write("# Floors of the corpus test (tests/shell/test_corpus.sh): <report> <exact cells> "
                "<right metadata fields>.\n# They only ever rise: corpus_score.py --raise-ratchet.\n")
        for name in sorted(floors):
            f.write(f"{name} {floors[name][0]} {floors[name][1]}\n")


def reports(dirs):
    for d in dirs:
        edir = os.path.join(d, "expected")
        for name in sorted(os.listdir(edir)):
            if name.endswith(".json"):
                with open(os.path.join(edir, name), encoding="utf-8") as f:
                    yield d, name[:-5], json.load(f)


def main(argv):
    flags = {"--verbose", "--raise-ratchet"}
    verbose, raise_ = "--verbose" in argv, "--raise-ratchet" in argv
    args = [a for a in argv if a not in flags]
    ratchet = None
    if "--ratchet" in args:
        i = args.index("--ratchet")
        ratchet = args[i + 1]
        del args[i:i + 2]
    if len(args) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    xxgk, dirs = args[0], args[1:]
    floors = read_ratchet(ratchet) if ratchet else {}
    new_floors = dict(floors)
    tot = dict(reports=0, published=0, exact=0, missing=0, wrong=0, meta_ok=0, meta=0)
    failed = []
    for d, name, exp in reports(dirs):
        r = score(xxgk, os.path.join(d, name), exp)
        tot["reports"] += 1
        tot["published"] += r["published"]
        tot["exact"] += r["exact"]
        tot["missing"] += len(r["missing"])
        tot["wrong"] += len(r["wrong"])
        tot["meta"] += r["meta"]
        tot["meta_ok"] += r["meta_ok"]
        line = (f"{name}: exit {r['rc']}, {r['exact']}/{r['published']} exact, {len(r['missing'])} missing, "
                f"{len(r['wrong'])} wrong, metadata {r['meta_ok']}/{r['meta']}")
        if r["bad_meta"]:
            line += " (" + ", ".join(r["bad_meta"]) + ")"
        if r["rc"] != 0 and r["stderr"]:
            line += f"; {r['stderr'][0]}"
        print(line)
        for p, got, want in r["wrong"]:
            print(f"  WRONG {p}: read {got}, published {'blank' if want is None else want}")
        if verbose and r["missing"]:
            print("  missing: " + " ".join(r["missing"]))
        if ratchet:
            fe, fm = floors.get(name, (None, None))
            if fe is None:
                failed.append(f"{name}: no floor in {ratchet}")
            elif r["exact"] < fe or r["meta_ok"] < fm:
                failed.append(f"{name}: {r['exact']} exact and {r['meta_ok']} metadata, "
                              f"below the floors {fe} and {fm}")
            new_floors[name] = (max(fe or 0, r["exact"]), max(fm or 0, r["meta_ok"]))
    pub = tot["published"] or 1
    print(f"total: {tot['reports']} reports, {tot['published']} published cells: {tot['exact']} exact "
          f"({100 * tot['exact'] / pub:.1f}%), {tot['missing']} missing, {tot['wrong']} wrong; "
          f"metadata {tot['meta_ok']}/{tot['meta']} right")
    for msg in failed:
        print("FAIL: " + msg)
    if ratchet and raise_:
        write_ratchet(ratchet, new_floors)
    elif ratchet and new_floors != floors:
        print(f"note: the floors can rise (corpus_score.py ... --ratchet {ratchet} --raise-ratchet)")
    return 1 if tot["wrong"] or failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
