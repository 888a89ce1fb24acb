# SPDX-License-Identifier: MIT
"""Shared paths and helpers of the binding's tests (not a test module)."""

from __future__ import annotations

import os
import unittest
from pathlib import Path
from typing import List, Tuple

import xxgk

REPO = Path(os.environ.get("XXGK_SOURCE_DIR") or Path(__file__).resolve().parents[3])
EXAMPLES = REPO / "examples" / "data"
KUNDULUN = EXAMPLES / "kundulun-xinfang-2023.json"
HONGZE = EXAMPLES / "hongze-district-2023.json"
CORPUS = REPO / "tests" / "data" / "real"
GOLDEN = REPO / "tests" / "data" / "text" / "corpus"

#: Formats the library can read back (HTML is written only).
READABLE = ("json", "csv", "csv-wide", "text", "markdown")


def unavailable(e: xxgk.XxgkError) -> bool:
    """The library says this format is not built in (yet)."""
    return e.code == -13 and "not available in this build" in e.message


def skip_if_unavailable(test: unittest.TestCase, e: xxgk.XxgkError) -> None:
    """skipTest with the library's own message when a format is not built in;
    otherwise the error is re-raised by the caller."""
    if unavailable(e):
        test.skipTest(e.message)


def require_corpus(test: unittest.TestCase) -> None:
    """The real reports are part of the repository (tests/data/real): a
    checkout without them is broken, not something to pass over."""
    if not CORPUS.is_dir():
        test.fail(f"the real reports are not at {CORPUS}")


def corpus_with_golden() -> List[Tuple[Path, Path]]:
    """(corpus text, expected.json) for every corpus file with a golden file."""
    out = []
    for d in sorted(GOLDEN.iterdir()):
        text = CORPUS / f"{d.name}.txt"
        if (d / "expected.json").is_file() and text.is_file():
            out.append((text, d / "expected.json"))
    return out
