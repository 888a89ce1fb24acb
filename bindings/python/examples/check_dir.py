#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Check every report in a folder and print the findings by rule and by file.

    PYTHONPATH=bindings/python python3 bindings/python/examples/check_dir.py examples/data

Reads *.json, *.csv, *.txt and *.md files but README* (with --recursive, in
subfolders too). Exit status: 0 when no report has an error finding, 1 when some have,
2 when some file could not be read (its error, with line:column, is printed).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Set, Tuple

import xxgk

EXTENSIONS = (".json", ".csv", ".txt", ".md")
SEVERITIES = ("error", "warning", "info")


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Plain text columns; numbers right-aligned."""
    cells = [[str(c) for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    numeric = [all(isinstance(row[i], int) for row in rows) and bool(rows)
               for i in range(len(headers))]

    def line(values: Sequence[str]) -> str:
        out = [v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric)]
        return "  ".join(out).rstrip()

    sep = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), sep] + [line(r) for r in cells])


def reports(folder: Path, recursive: bool) -> List[Path]:
    files = folder.rglob("*") if recursive else folder.iterdir()
    return sorted(p for p in files if p.is_file() and p.suffix.lower() in EXTENSIONS
                  and not p.name.upper().startswith("README"))


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("-r", "--recursive", action="store_true", help="also read subfolders")
    ap.add_argument("--blank-as-zero", action="store_true",
                    help="read blank cells as 0 so that identities with blanks are checked")
    args = ap.parse_args(argv)
    if not args.folder.is_dir():
        print(f"check_dir: {args.folder}: not a folder", file=sys.stderr)
        return 2

    by_rule: Dict[Tuple[str, str], int] = Counter()
    files_by_rule: Dict[Tuple[str, str], Set[str]] = defaultdict(set)
    by_file: List[Tuple[str, int, int, int]] = []
    unreadable: List[Tuple[str, Exception]] = []
    # read and checked in the library's own threads, results in order
    for res in xxgk.check_many(reports(args.folder, args.recursive), blank_as_zero=args.blank_as_zero):
        name = str(Path(res.file).relative_to(args.folder)) + (f" [{res.report}]" if res.report else "")
        if res.error is not None:
            unreadable.append((name, res.error))
            continue
        findings = res.findings
        counts = Counter(f.severity for f in findings)
        by_file.append((name, counts["error"], counts["warning"], counts["info"]))
        for f in findings:
            by_rule[(f.rule, f.severity)] += 1
            files_by_rule[(f.rule, f.severity)].add(name)

    order = sorted(by_rule, key=lambda k: (SEVERITIES.index(k[1]) if k[1] in SEVERITIES else 9, k[0]))
    print("Findings by rule")
    print(table(("rule", "severity", "findings", "files"),
                [(rule, sev, by_rule[(rule, sev)], len(files_by_rule[(rule, sev)]))
                 for rule, sev in order]))
    print()
    print("Findings by file")
    print(table(("file", "errors", "warnings", "info"), by_file))
    for name, e in unreadable:
        if not isinstance(e, xxgk.XxgkError):  # an OSError: the file could not be read
            print(f"{name}: cannot read: {e.strerror or e}", file=sys.stderr)
            continue
        where = f"{e.line}:{e.column}:" if e.line else ""
        message = e.message
        if where and message.startswith(where + " "):  # some messages start with the place
            message = message[len(where) + 1:]
        print(f"{name}:{where} cannot read: {message}", file=sys.stderr)
    if unreadable:
        return 2
    return 1 if any(row[1] for row in by_file) else 0


if __name__ == "__main__":
    sys.exit(main())
