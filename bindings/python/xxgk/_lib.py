# SPDX-License-Identifier: MIT
"""Finding libxxgk and declaring every C function the binding uses.

The table ``FUNCTIONS`` below is the one place where a C signature is written
down (name, argument types, result type, error check). Loading the library
binds every entry at import time, so a missing symbol fails at ``import xxgk``
with a message that names it, instead of failing later in the middle of a
program.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import sys
from ctypes import (POINTER, c_char, c_char_p, c_int, c_long, c_longlong,
                    c_size_t, c_uint, c_void_p)
from pathlib import Path
from typing import Any, Callable, List, Optional, Sequence, Tuple

#: The ABI major version this binding was written for (the SONAME's number).
ABI_MAJOR = 0

# Status codes of include/xxgk.h (fixed forever).
OK = 0
EINVAL = -1
ENOMEM = -2
EPARSE = -3
ESCHEMA = -4
ERANGE = -5
ENOTFOUND = -6
EKIND = -7
EENCODING = -8
EIO = -9
ELIMIT = -10
EOVERFLOW = -11
ETEMPLATE = -12
EFORMAT = -13
EAMBIGUOUS = -14
ESTRICT = -15
EEMPTY = -16

KIND_COUNT = 1
KIND_SIGNED_COUNT = 2
KIND_AMOUNT = 3
#: Languages of xxgk_finding_format (XXGK_LANG_*).
LANG_ZH = 1
LANG_EN = 2
KIND_NAMES = {KIND_COUNT: "count", KIND_SIGNED_COUNT: "signed_count", KIND_AMOUNT: "amount"}
CELL_FLAG_OPTIONAL = 0x1  # XXGK_CELL_FLAG_OPTIONAL

CELL_BLANK = 0
CELL_NUMBER = 1
CELL_TOKEN = 2
CELL_UNREAD = 3


class XxgkError(ValueError):
    """A failed library call: input the library cannot read or a value it cannot
    take (a ``ValueError``). A file that cannot be read or written raises
    ``OSError`` instead (``FileNotFoundError``, ``PermissionError``,
    ``IsADirectoryError``...; see :func:`error`).

    Attributes (copied from the library's per-thread error detail right after
    the failing call, in the calling thread):

    - ``code``: the negative ``XXGK_E*`` status code (e.g. -4 for a schema
      error); ``name`` is its English text from ``xxgk_strerror``;
    - ``message``: what was expected and where;
    - ``line``, ``column``: 1-based place in the input, 0 when there is none;
    - ``page``: the page of that place in a PDF's text (the line is then the
      line within the page), 0 for other inputs;
    - ``offset``: byte offset in the input, -1 when there is none;
    - ``path``: the JSON path (``$.applications.new.total``) or cell path of
      the failure, ``""`` when there is none.
    """

    def __init__(self, code: int, message: str, line: int = 0, column: int = 0,
                 path: str = "", offset: int = -1, name: str = "", page: int = 0) -> None:
        self.code = code
        self.message = message
        self.page = page
        self.line = line
        self.column = column
        self.path = path
        self.offset = offset
        self.name = name
        super().__init__(self.__str__())

    def __reduce__(self) -> Any:
        # picklable, e.g. to come back from a multiprocessing worker
        return (XxgkError, (self.code, self.message, self.line, self.column, self.path,
                            self.offset, self.name, self.page))

    def __str__(self) -> str:
        text = self.message or self.name or f"error {self.code}"
        where = f"{self.line}:{self.column}: " if self.line else ""
        if text.startswith(where):  # the message names the place already
            where = ""
        if self.page:
            where = f"page {self.page}, {where}"
        return f"{where}{text} [{self.name or self.code}]"

    def __repr__(self) -> str:
        return (f"XxgkError(code={self.code}, message={self.message!r}, line={self.line}, "
                f"column={self.column}, path={self.path!r})")


class LibraryNotFoundError(ImportError):
    """libxxgk could not be found or loaded; ``tried`` lists each place and why."""

    def __init__(self, tried: Sequence[Tuple[str, str]]) -> None:
        self.tried = list(tried)
        lines = ["libxxgk could not be loaded. Looked in:"]
        lines += [f"  {where}: {why}" for where, why in self.tried]
        lines.append("Build the library (./scripts/setup.sh) and reinstall this package "
                     "(pip install bundles build/libxxgk.so.0), install libxxgk, or set "
                     "XXGK_LIBRARY to the path of libxxgk.so.")
        super().__init__("\n".join(lines))


# Opaque handle types: distinct pointer types, so that ctypes refuses a findings
# handle where a report is expected.
class _Report(ctypes.Structure):
    pass


class _Template(ctypes.Structure):
    pass


class _Findings(ctypes.Structure):
    pass


class _ParseOptions(ctypes.Structure):
    pass


class _CheckOptions(ctypes.Structure):
    pass


class _WriteOptions(ctypes.Structure):
    pass


class _Reader(ctypes.Structure):
    pass


class _Sum(ctypes.Structure):
    pass


class _Results(ctypes.Structure):
    pass


ReportP = POINTER(_Report)
TemplateP = POINTER(_Template)
FindingsP = POINTER(_Findings)
ParseOptionsP = POINTER(_ParseOptions)
CheckOptionsP = POINTER(_CheckOptions)
WriteOptionsP = POINTER(_WriteOptions)
ReaderP = POINTER(_Reader)
SumP = POINTER(_Sum)
ResultsP = POINTER(_Results)


def _decode(result: Optional[bytes], func: Any, args: Any) -> Optional[str]:
    """errcheck for ``const char *`` results: ctypes has already copied the
    bytes (c_char_p), so the text outlives the parent handle; NULL gives None."""
    if result is None:
        return None
    return result.decode("utf-8", errors="surrogateescape")


def _status(result: int, func: Any, args: Any) -> int:
    """errcheck for functions returning 0 (or a non-negative value, such as a
    cell state) or a negative XXGK_E* code."""
    if result < 0:
        raise last_error(result)
    return result


# name, argtypes, restype, errcheck — every C function the binding calls.
FUNCTIONS: List[Tuple[str, List[Any], Any, Optional[Callable[..., Any]]]] = [
    # version and errors
    ("xxgk_version", [], c_char_p, _decode),
    ("xxgk_version_number", [], c_int, None),
    ("xxgk_strerror", [c_int], c_char_p, _decode),
    ("xxgk_error_code", [], c_int, None),
    ("xxgk_error_message", [], c_char_p, _decode),
    ("xxgk_error_line", [], c_long, None),
    ("xxgk_error_column", [], c_long, None),
    ("xxgk_error_page", [], c_long, None),
    ("xxgk_error_offset", [], c_longlong, None),
    ("xxgk_error_path", [], c_char_p, _decode),
    ("xxgk_error_clear", [], None, None),
    ("xxgk_free", [c_void_p], None, None),
    ("xxgk_format_from_name", [POINTER(c_int), c_char_p], c_int, _status),
    ("xxgk_format_name", [c_int], c_char_p, _decode),
    ("xxgk_severity_name", [c_int], c_char_p, _decode),
    # the essentials
    ("xxgk_report_parse", [POINTER(ReportP), c_char_p, c_size_t, ParseOptionsP], c_int, _status),
    ("xxgk_report_read_file", [POINTER(ReportP), c_char_p, ParseOptionsP], c_int, _status),
    ("xxgk_report_free", [ReportP], None, None),
    ("xxgk_check", [POINTER(FindingsP), ReportP, CheckOptionsP], c_int, _status),
    ("xxgk_report_write", [POINTER(POINTER(c_char)), POINTER(c_size_t), ReportP, WriteOptionsP],
     c_int, _status),
    ("xxgk_report_write_file", [c_char_p, ReportP, WriteOptionsP], c_int, _status),
    # templates
    ("xxgk_template_count", [], c_size_t, None),
    ("xxgk_template_at", [c_size_t], TemplateP, None),
    ("xxgk_template_get", [c_char_p], TemplateP, None),
    ("xxgk_template_default", [], TemplateP, None),
    ("xxgk_template_id", [TemplateP], c_char_p, _decode),
    ("xxgk_template_name", [TemplateP], c_char_p, _decode),
    ("xxgk_template_first_year", [TemplateP], c_int, None),
    ("xxgk_template_cell_count", [TemplateP], c_size_t, None),
    ("xxgk_template_cell_count_all", [TemplateP], c_size_t, None),
    ("xxgk_template_cell_path", [TemplateP, c_size_t], c_char_p, _decode),
    ("xxgk_template_cell_label", [TemplateP, c_size_t], c_char_p, _decode),
    ("xxgk_template_cell_label_en", [TemplateP, c_size_t], c_char_p, _decode),
    ("xxgk_template_cell_unit", [TemplateP, c_size_t], c_char_p, _decode),
    ("xxgk_template_cell_kind", [TemplateP, c_size_t], c_int, None),
    ("xxgk_template_cell_flags", [TemplateP, c_size_t], c_uint, None),
    ("xxgk_template_table_count", [TemplateP], c_size_t, None),
    ("xxgk_template_table_code", [TemplateP, c_size_t], c_char_p, _decode),
    ("xxgk_template_table_number", [TemplateP, c_size_t], c_char_p, _decode),
    ("xxgk_template_table_heading", [TemplateP, c_size_t], c_char_p, _decode),
    ("xxgk_template_table_heading_en", [TemplateP, c_size_t], c_char_p, _decode),
    ("xxgk_template_table_first_cell", [TemplateP, c_size_t], c_size_t, None),
    ("xxgk_template_table_cell_count", [TemplateP, c_size_t], c_size_t, None),
    ("xxgk_template_section_count", [TemplateP], c_size_t, None),
    ("xxgk_template_section_code", [TemplateP, c_size_t], c_char_p, _decode),
    ("xxgk_template_section_heading", [TemplateP, c_size_t], c_char_p, _decode),
    ("xxgk_template_section_heading_en", [TemplateP, c_size_t], c_char_p, _decode),
    ("xxgk_template_rule_count", [TemplateP], c_size_t, None),
    ("xxgk_template_rule_id", [TemplateP, c_size_t], c_char_p, _decode),
    ("xxgk_template_rule_severity", [TemplateP, c_size_t], c_int, None),
    ("xxgk_template_rule_description", [TemplateP, c_size_t], c_char_p, _decode),
    ("xxgk_template_rule_description_en", [TemplateP, c_size_t], c_char_p, _decode),
    ("xxgk_template_rule_scope", [TemplateP, c_size_t], c_char_p, _decode),
    ("xxgk_template_rule_cell_count", [TemplateP, c_size_t], c_size_t, None),
    ("xxgk_template_rule_cell", [TemplateP, c_size_t, c_size_t], c_char_p, _decode),
    ("xxgk_template_rule_coefficient", [TemplateP, c_size_t, c_size_t], c_int, None),
    ("xxgk_template_rule_relation", [TemplateP, c_size_t], c_int, None),
    ("xxgk_relation_name", [c_int], c_char_p, _decode),
    ("xxgk_template_rule_cell_previous", [TemplateP, c_size_t, c_size_t], c_int, None),
    # the report model
    ("xxgk_report_new", [POINTER(ReportP), TemplateP], c_int, _status),
    ("xxgk_report_clone", [POINTER(ReportP), ReportP], c_int, _status),
    ("xxgk_report_template", [ReportP], TemplateP, None),
    ("xxgk_report_year", [ReportP], c_int, None),
    ("xxgk_report_set_year", [ReportP, c_int], c_int, _status),
    ("xxgk_report_agency", [ReportP], c_char_p, _decode),
    ("xxgk_report_title", [ReportP], c_char_p, _decode),
    ("xxgk_report_set_agency", [ReportP, c_char_p], c_int, _status),
    ("xxgk_report_set_title", [ReportP, c_char_p], c_int, _status),
    ("xxgk_report_section", [ReportP, c_char_p], c_char_p, _decode),
    ("xxgk_report_set_section", [ReportP, c_char_p, c_char_p], c_int, _status),
    ("xxgk_report_cell_id", [POINTER(c_size_t), ReportP, c_char_p], c_int, _status),
    ("xxgk_report_cell_state", [ReportP, c_size_t], c_int, _status),
    ("xxgk_report_cell_get_count", [POINTER(c_longlong), ReportP, c_size_t], c_int, _status),
    ("xxgk_report_cell_get_micros", [POINTER(c_longlong), ReportP, c_size_t], c_int, _status),
    ("xxgk_report_cell_get_all", [POINTER(ctypes.c_ubyte), POINTER(ctypes.c_int64), c_size_t, ReportP],
     c_int, _status),
    ("xxgk_report_cell_token", [ReportP, c_size_t], c_char_p, _decode),
    ("xxgk_report_cell_line", [ReportP, c_size_t], c_long, None),
    ("xxgk_report_cell_column", [ReportP, c_size_t], c_long, None),
    ("xxgk_report_cell_set_count", [ReportP, c_size_t, c_longlong], c_int, _status),
    ("xxgk_report_cell_set_micros", [ReportP, c_size_t, c_longlong], c_int, _status),
    ("xxgk_report_cell_set_number_text", [ReportP, c_size_t, c_char_p], c_int, _status),
    ("xxgk_report_cell_set_blank", [ReportP, c_size_t], c_int, _status),
    ("xxgk_report_cell_set_unread", [ReportP, c_size_t], c_int, _status),
    ("xxgk_report_cell_set_token", [ReportP, c_size_t, c_char_p], c_int, _status),
    ("xxgk_report_diagnostics", [ReportP], FindingsP, None),
    # parse options
    ("xxgk_parse_options_new", [POINTER(ParseOptionsP)], c_int, _status),
    ("xxgk_parse_options_free", [ParseOptionsP], None, None),
    ("xxgk_parse_options_set_format", [ParseOptionsP, c_int], c_int, _status),
    ("xxgk_parse_options_set_strict", [ParseOptionsP, c_int], c_int, _status),
    ("xxgk_parse_options_set_template", [ParseOptionsP, TemplateP], c_int, _status),
    ("xxgk_parse_options_set_source_name", [ParseOptionsP, c_char_p], c_int, _status),
    ("xxgk_parse_options_set_max_size", [ParseOptionsP, c_size_t], c_int, _status),
    ("xxgk_parse_options_set_max_depth", [ParseOptionsP, c_uint], c_int, _status),
    ("xxgk_parse_options_set_max_line", [ParseOptionsP, c_size_t], c_int, _status),
    # multi-report input
    ("xxgk_reader_open", [POINTER(ReaderP), c_char_p, c_size_t, ParseOptionsP], c_int, _status),
    ("xxgk_reader_next", [POINTER(ReportP), ReaderP], c_int, _status),
    ("xxgk_reader_report_id", [ReaderP], c_char_p, _decode),
    ("xxgk_reader_free", [ReaderP], None, None),
    # checks and findings
    ("xxgk_check_options_new", [POINTER(CheckOptionsP)], c_int, _status),
    ("xxgk_check_options_free", [CheckOptionsP], None, None),
    ("xxgk_check_options_set_blank_as_zero", [CheckOptionsP, c_int], c_int, _status),
    ("xxgk_check_options_set_diagnostics", [CheckOptionsP, c_int], c_int, _status),
    ("xxgk_check_options_set_copy_threshold", [CheckOptionsP, c_int], c_int, _status),
    ("xxgk_check_previous", [POINTER(FindingsP), ReportP, ReportP, CheckOptionsP], c_int, _status),
    ("xxgk_findings_free", [FindingsP], None, None),
    ("xxgk_findings_count", [FindingsP], c_size_t, None),
    ("xxgk_finding_rule", [FindingsP, c_size_t], c_char_p, _decode),
    ("xxgk_finding_severity", [FindingsP, c_size_t], c_int, None),
    ("xxgk_finding_cell_count", [FindingsP, c_size_t], c_size_t, None),
    ("xxgk_finding_cell", [FindingsP, c_size_t, c_size_t], c_char_p, _decode),
    ("xxgk_finding_expected", [FindingsP, c_size_t], c_char_p, _decode),
    ("xxgk_finding_actual", [FindingsP, c_size_t], c_char_p, _decode),
    ("xxgk_finding_message", [FindingsP, c_size_t], c_char_p, _decode),
    ("xxgk_finding_message_en", [FindingsP, c_size_t], c_char_p, _decode),
    ("xxgk_finding_format", [c_char_p, c_size_t, FindingsP, c_size_t, c_int], c_int, None),
    ("xxgk_finding_line", [FindingsP, c_size_t], c_long, None),
    ("xxgk_finding_column", [FindingsP, c_size_t], c_long, None),
    ("xxgk_finding_page", [FindingsP, c_size_t], c_long, None),
    # sums and differences
    ("xxgk_report_sum", [POINTER(ReportP), POINTER(ReportP), c_size_t], c_int, _status),
    ("xxgk_sum_new", [POINTER(SumP), TemplateP], c_int, _status),
    ("xxgk_sum_add", [SumP, ReportP], c_int, _status),
    ("xxgk_sum_count", [SumP], c_size_t, None),
    ("xxgk_sum_finish", [POINTER(ReportP), SumP], c_int, _status),
    ("xxgk_sum_free", [SumP], None, None),
    ("xxgk_report_diff", [POINTER(FindingsP), ReportP, ReportP], c_int, _status),
    # many files at once
    ("xxgk_check_files", [POINTER(ResultsP), POINTER(c_char_p), c_size_t, c_int, ParseOptionsP,
                          CheckOptionsP], c_int, _status),
    ("xxgk_results_count", [ResultsP], c_size_t, None),
    ("xxgk_results_file", [ResultsP, c_size_t], c_size_t, None),
    ("xxgk_results_report_id", [ResultsP, c_size_t], c_char_p, _decode),
    ("xxgk_results_error", [ResultsP, c_size_t], c_int, None),
    ("xxgk_results_error_message", [ResultsP, c_size_t], c_char_p, _decode),
    ("xxgk_results_error_line", [ResultsP, c_size_t], c_long, None),
    ("xxgk_results_error_column", [ResultsP, c_size_t], c_long, None),
    ("xxgk_results_error_page", [ResultsP, c_size_t], c_long, None),
    ("xxgk_results_template", [ResultsP, c_size_t], c_char_p, _decode),
    ("xxgk_results_year", [ResultsP, c_size_t], c_int, None),
    ("xxgk_results_agency", [ResultsP, c_size_t], c_char_p, _decode),
    ("xxgk_results_findings", [ResultsP, c_size_t], FindingsP, None),
    ("xxgk_results_free", [ResultsP], None, None),
    # write options
    ("xxgk_write_options_new", [POINTER(WriteOptionsP)], c_int, _status),
    ("xxgk_write_options_free", [WriteOptionsP], None, None),
    ("xxgk_write_options_set_format", [WriteOptionsP, c_int], c_int, _status),
    ("xxgk_write_options_set_lang", [WriteOptionsP, c_char_p], c_int, _status),
    ("xxgk_write_options_set_report_id", [WriteOptionsP, c_char_p], c_int, _status),
    ("xxgk_write_options_set_header", [WriteOptionsP, c_int], c_int, _status),
    ("xxgk_write_options_set_bom", [WriteOptionsP, c_int], c_int, _status),
    ("xxgk_write_options_set_findings", [WriteOptionsP, FindingsP], c_int, _status),
]


def _lib_names() -> List[str]:
    if sys.platform == "darwin":
        return ["libxxgk.0.dylib", "libxxgk.dylib"]
    if sys.platform == "win32":
        return ["xxgk.dll", "libxxgk.dll"]
    # the SONAME first: that is the ABI this binding was written against
    return [f"libxxgk.so.{ABI_MAJOR}", "libxxgk.so"]


def _checkout_root() -> Optional[Path]:
    """The repository root when the package runs from a checkout
    (<repo>/bindings/python/xxgk), else None."""
    here = Path(__file__).resolve().parent
    root = here.parents[2] if len(here.parents) >= 3 else None
    if root and (root / "include" / "xxgk.h").is_file() and (root / "CMakeLists.txt").is_file():
        return root
    return None


def candidates() -> List[Tuple[str, str]]:
    """Every place looked at, in order, as (description, path or name)."""
    out: List[Tuple[str, str]] = []
    env = os.environ.get("XXGK_LIBRARY")
    if env:
        out.append(("XXGK_LIBRARY", env))
        return out  # an explicit choice is never second-guessed
    here = Path(__file__).resolve().parent
    for name in _lib_names():
        out.append(("beside the package", str(here / name)))
    root = _checkout_root()
    if root is not None:
        dirs = [root / "build"]
        others = [d for d in root.glob("build*") if d.is_dir() and d.name != "build"]
        others.sort(key=lambda d: d.name)
        for d in dirs + others:
            for name in _lib_names():
                out.append(("build tree", str(d / name)))
    found = ctypes.util.find_library("xxgk")
    out.append(("ctypes.util.find_library('xxgk')", found or ""))
    out.append(("system loader (SONAME)", _lib_names()[0]))
    return out


def _bind(lib: ctypes.CDLL, where: str) -> None:
    for name, argtypes, restype, errcheck in FUNCTIONS:
        try:
            fn = getattr(lib, name)
        except AttributeError:
            raise ImportError(f"{where}: the library has no symbol {name} "
                              f"(the xxgk binding needs it; is the library too old?)") from None
        fn.argtypes = argtypes
        fn.restype = restype
        if errcheck is not None:
            fn.errcheck = errcheck


# A library built with a sanitizer cannot be loaded into a plain python3: the
# AddressSanitizer runtime ends the whole process instead of failing dlopen().
_SANITIZERS = ((b"__asan_init", "__asan_init", "AddressSanitizer", "libasan.so"),
               (b"__tsan_init", "__tsan_init", "ThreadSanitizer", "libtsan.so"))


def unloadable_sanitizer(path: str) -> Optional[str]:
    """Why the library at `path` cannot be loaded here, if it was built with a
    sanitizer whose runtime this process does not have; else None."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return None  # dlopen() will say what is wrong
    process = ctypes.CDLL(None)
    for marker, symbol, name, runtime in _SANITIZERS:
        if marker in data and not hasattr(process, symbol):
            return (f"built with {name}, whose runtime is not loaded in this process "
                    f"(run python3 with LD_PRELOAD=$(cc -print-file-name={runtime}))")
    return None


def load_library() -> Tuple[ctypes.CDLL, str]:
    """Find, load and bind libxxgk; raise LibraryNotFoundError naming every
    place looked at, or ImportError naming a missing symbol."""
    tried: List[Tuple[str, str]] = []
    for what, target in candidates():
        if not target:
            tried.append((what, "nothing found"))
            continue
        is_path = os.sep in target
        if is_path and not os.path.exists(target):
            tried.append((f"{what} {target}", "no such file"))
            continue
        why = unloadable_sanitizer(target) if is_path else None
        if why:
            tried.append((f"{what} {target}", why))
            if what == "XXGK_LIBRARY":
                break
            continue
        try:
            lib = ctypes.CDLL(target)
        except OSError as e:
            tried.append((f"{what} {target}", str(e)))
            if what == "XXGK_LIBRARY":
                break
            continue
        _bind(lib, target)
        major = lib.xxgk_version_number() // 10000
        if major != ABI_MAJOR:
            raise ImportError(f"{target}: library ABI {major} (version {lib.xxgk_version()}), "
                              f"but this binding needs ABI {ABI_MAJOR}")
        return lib, target
    raise LibraryNotFoundError(tried)


lib, library_path = load_library()


# strerror() text -> errno, to give an I/O failure back as the OSError Python would raise
_ERRNO_BY_TEXT = {os.strerror(e): e for e in sorted(errno.errorcode)}


def error(code: int, message: str, line: int = 0, column: int = 0, path: str = "",
          offset: int = -1, page: int = 0) -> Exception:
    """The exception for a failure: ``OSError`` (its subclass for the errno,
    e.g. ``FileNotFoundError``, with ``filename``) for an I/O failure, whose
    message is "FILE: reason"; ``XxgkError`` for anything else."""
    name = lib.xxgk_strerror(code) or ""
    if code == EIO:
        file, sep, reason = message.rpartition(": ")
        num = _ERRNO_BY_TEXT.get(reason)
        if sep and num is not None:
            return OSError(num, reason, file)
        return OSError(errno.EIO, message or name)
    return XxgkError(code, message, line, column, path, offset, name, page)


def last_error(code: int) -> Exception:
    """The error detail of the failure that just returned `code`, read in this
    thread, as :func:`error` makes it. Detail left over from an older failure
    is not reused: if the recorded code differs, only the code's text is given."""
    name = lib.xxgk_strerror(code) or ""
    if lib.xxgk_error_code() != code:
        return error(code, name) if code == EIO else XxgkError(code, name, name=name)
    return error(code, lib.xxgk_error_message() or "", int(lib.xxgk_error_line()),
                 int(lib.xxgk_error_column()), lib.xxgk_error_path() or "", int(lib.xxgk_error_offset()),
                 int(lib.xxgk_error_page()))


def call(fn: Callable[..., Any], *args: Any) -> Any:
    """Call a status-returning function with this thread's stale error detail
    cleared first, so that a failure's detail is never an older one's."""
    lib.xxgk_error_clear()
    return fn(*args)


def integer(value: Any, what: str, lo: int, hi: int) -> int:
    """An int within [lo, hi]: ctypes would wrap anything else silently."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be int, not {type(value).__name__}")
    if not lo <= value <= hi:
        raise ValueError(f"{what} must be between {lo} and {hi}, not {value}")
    return value


SIZE_MAX = 2 ** (8 * ctypes.sizeof(c_size_t)) - 1
UINT_MAX = 2 ** (8 * ctypes.sizeof(c_uint)) - 1


def encode(s: str, what: str) -> bytes:
    if not isinstance(s, str):
        raise TypeError(f"{what} must be str, not {type(s).__name__}")
    if "\0" in s:
        raise ValueError(f"{what} contains a NUL character")
    return s.encode("utf-8")

