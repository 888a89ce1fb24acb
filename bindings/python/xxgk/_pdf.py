# SPDX-License-Identifier: MIT
"""A PDF's text, from poppler's pdftotext run as a child process (no shell; the path as an
argument, or the bytes through standard input; a time limit). The library reads that text
(format "pdftext"); it never links poppler."""
from __future__ import annotations

import os
import subprocess
from typing import Optional

from ._lib import XxgkError

EFORMAT = -13
#: Seconds pdftotext may take (XXGK_PDFTOTEXT_TIMEOUT overrides).
TIMEOUT = 60


def is_pdf(head: bytes) -> bool:
    return head[:5] == b"%PDF-"


def text(path: Optional[str] = None, data: Optional[bytes] = None) -> bytes:
    """The text of the PDF at ``path`` (or in ``data``), or XxgkError saying why not:
    pdftotext missing (names the package), too slow, failing, or a PDF without text."""
    limit = int(os.environ.get("XXGK_PDFTOTEXT_TIMEOUT", "0") or 0) or TIMEOUT
    cmd = ["pdftotext", "-raw", "-enc", "UTF-8", "-eol", "unix", path if path else "-", "-"]
    try:
        run = subprocess.run(cmd, input=None if path else data, capture_output=True, timeout=limit,
                             stdin=subprocess.DEVNULL if path else None)
    except FileNotFoundError:
        raise XxgkError(EFORMAT, "a PDF: reading it needs pdftotext, which is not installed "
                                 "(Debian: apt-get install poppler-utils)") from None
    except subprocess.TimeoutExpired:
        raise XxgkError(EFORMAT, f"a PDF: pdftotext took longer than {limit} s "
                                 "(XXGK_PDFTOTEXT_TIMEOUT)") from None
    if run.returncode != 0:
        first = run.stderr.decode("utf-8", "replace").strip().splitlines()
        why = {1: "a damaged PDF, or not a PDF: pdftotext cannot open it",
               3: "a PDF whose permissions forbid copying its text"}.get(
                   run.returncode, "a PDF that pdftotext cannot read")
        raise XxgkError(EFORMAT, f"{why} (pdftotext: {first[0] if first else 'no message'})")
    if not run.stdout.strip(b" \t\r\n\f"):
        raise XxgkError(EFORMAT, "a PDF without text (scanned pages are pictures): xxgk reads a "
                                 "PDF's text, not its images; run OCR on it first")
    return run.stdout
