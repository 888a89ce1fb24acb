# SPDX-License-Identifier: MIT
"""Python binding of libxxgk: 政府信息公开工作年度报告 (annual reports on
government information disclosure) — read, check, write, add up, compare.

    import xxgk
    with xxgk.load("report.json") as r:
        print(r["applications.new.total"])
        for f in r.check():
            print(f.rule, f.severity, f.message)

The binding calls the C library through ctypes; nothing is compiled. The
library is looked up in this order: the ``XXGK_LIBRARY`` environment
variable, a ``libxxgk.so`` beside this package, the build tree of a checkout
(``build/``, then any ``build*/``), ``ctypes.util.find_library("xxgk")``.

Cell values
    ``r[path]`` is an ``int`` for a count, a ``decimal.Decimal`` for an
    amount (exact, never a float), ``None`` for a blank cell (the source
    shows it empty), ``xxgk.NOT_READ`` for a cell the reader never saw (an
    excerpt, an absent JSON key, a row it could not place) and a ``str`` for a
    non-numeric token kept as written ("-", "/", "无"). ``NOT_READ`` is one
    falsy object, so ``r[path] is xxgk.NOT_READ`` tells the two apart while
    ``if r[path]:`` treats both as no value; ``r.state(path)`` gives
    "number", "blank", "token" or "unread". Unknown paths raise ``KeyError``.

    ``r[path] = value`` accepts ``None`` (blank), ``xxgk.NOT_READ``, an ``int``, a
    ``decimal.Decimal``, or a ``str``. A ``str`` that is exactly a number in
    the library's syntax ("12", "-4", "7730.28") sets that number; any other
    ``str`` is stored as a token — so " 12" or "１２" (not exactly a number)
    are tokens, as a reader would keep them. Nothing is coerced: "1.5" in a
    count cell raises ``XxgkError`` (wrong kind), and a ``float`` raises
    ``TypeError``.

Errors
    Input the library cannot read, and values a cell cannot take, raise
    ``XxgkError`` (a ``ValueError``) with ``.code`` (negative status),
    ``.message``, ``.line``, ``.column`` (1-based, 0 when unknown) and
    ``.path`` (JSON or cell path, "" when unknown). A file that cannot be read
    or written raises the ``OSError`` Python itself would: ``FileNotFoundError``,
    ``PermissionError``, ``IsADirectoryError``, ``OSError`` with ``ENOSPC`` for a
    full disk (``dump`` then leaves the old file as it was).

Many reports
    A ``Report`` is a read-only ``Mapping`` of cell paths to values (``keys()``,
    ``len()``, ``in``, ``get()``, ``dict(r)``); ``r.to_dict()`` copies every cell
    in one call into C. ``xxgk.records(reports)`` yields one flat row per
    report, ``xxgk.frame(reports)`` makes a pandas DataFrame of them (nullable
    integers, the tokens in their own column), and ``xxgk.check_many(paths,
    jobs=4)`` reads and checks files in the library's own threads.
"""

from __future__ import annotations

import ctypes
import decimal
import os
import re
import threading
from ctypes import byref, c_char, c_char_p, c_int, c_int64, c_longlong, c_size_t, c_ubyte
from dataclasses import dataclass
from decimal import Decimal
from typing import (Any, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple, Union)

from . import _lib, _pdf
from ._lib import LibraryNotFoundError, XxgkError

__version__ = "0.1.0"

# xxgk.sum is left out on purpose: `from xxgk import *` must not hide the builtin sum().
__all__ = [
    "Cell", "CheckResult", "Finding", "LibraryNotFoundError", "NOT_READ", "Report", "Rule", "Section", "Sum",
    "Table", "Template", "XxgkError", "FORMATS", "check_many", "diff", "frame", "library_path",
    "library_version", "load", "load_all", "loads", "loads_all", "new", "paths", "records", "template",
    "templates",
]

#: The format names the library knows, for reading and for writing (for reading only, also
#: "pdftext": the text pdftotext makes of a PDF).
FORMATS: Tuple[str, ...] = ("json", "csv", "csv-wide", "text", "markdown", "html")

#: Where the library was loaded from.
library_path: str = _lib.library_path



class _NotRead:
    """The value of a cell that was not read (XXGK_CELL_UNREAD): absent from
    the source or not placed by the reader. One object, falsy; not blank."""

    _instance: Optional["_NotRead"] = None

    def __new__(cls) -> "_NotRead":
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "xxgk.NOT_READ"

    def __reduce__(self) -> str:
        return "NOT_READ"


#: The value of a cell that was not read (not the same as blank, ``None``).
NOT_READ = _NotRead()

CellValue = Union[int, Decimal, str, None, _NotRead]

_STATES = {_lib.CELL_BLANK: "blank", _lib.CELL_NUMBER: "number", _lib.CELL_TOKEN: "token",
           _lib.CELL_UNREAD: "unread"}

_L = _lib.lib
_call = _lib.call
_NOT_NUMBER = re.compile(b"[^\\x%02x]" % _lib.CELL_NUMBER)
_MICROS = Decimal(1000000)
_DECIMAL = decimal.Context(prec=40)
_EXTENSIONS = {".json": "json", ".csv": "csv", ".txt": "text", ".md": "markdown",
               ".html": "html", ".htm": "html", ".shtml": "html"}


def library_version() -> str:
    """The version of the loaded C library, e.g. "0.1.0"."""
    return str(_L.xxgk_version())


@dataclass(frozen=True)
class Finding:
    """One finding of a check, a reader diagnostic or a difference.

    ``severity`` is "error", "warning" or "info"; ``cells`` the cell paths
    involved (the first is the one the message is about); ``expected`` and
    ``actual`` decimal text ("" when the finding has none); ``message`` in
    Chinese, ``message_en`` in English; ``line`` and ``column`` where the
    first cell was read (0 when unknown); ``page`` its page in a PDF (the line
    is then within the page; 0 for other sources); ``file`` the file the
    report was loaded from ("" when it was not loaded from a file).
    """

    rule: str
    severity: str
    cells: Tuple[str, ...]
    expected: str
    actual: str
    message: str
    message_en: str
    line: int
    column: int
    page: int = 0
    file: str = ""

    def __str__(self) -> str:
        where = f"{self.line}:{self.column}: " if self.line else ""
        if self.page:
            where = f"page {self.page}, {where}"
        if self.file:
            where = f"{self.file}:{where}" if where else f"{self.file}: "
        return f"{where}{self.severity} {self.rule}: {self.message}"


def _message(fp: Any, i: int, lang: int) -> str:
    """The i-th finding's message in ``lang``. xxgk_finding_message formats and keeps
    the text on its first call, and gives NULL when that allocation fails; the
    message is then formatted into a buffer of ours (xxgk_finding_format
    allocates nothing)."""
    got = (_L.xxgk_finding_message if lang == _lib.LANG_ZH else _L.xxgk_finding_message_en)(fp, i)
    if got is not None:
        return str(got)
    n = _L.xxgk_finding_format(None, 0, fp, i, lang)
    if n < 0:
        raise _lib.last_error(n)
    buf = ctypes.create_string_buffer(n + 1)
    _L.xxgk_finding_format(buf, n + 1, fp, i, lang)
    return buf.value.decode("utf-8", errors="surrogateescape")


def _findings(fp: Any, file: str = "") -> List[Finding]:
    """Copy a findings list into Python objects (the handle may go away next)."""
    out: List[Finding] = []
    for i in range(_L.xxgk_findings_count(fp)):
        cells = tuple(_L.xxgk_finding_cell(fp, i, j) or ""
                      for j in range(_L.xxgk_finding_cell_count(fp, i)))
        out.append(Finding(
            rule=_L.xxgk_finding_rule(fp, i) or "",
            severity=_L.xxgk_severity_name(_L.xxgk_finding_severity(fp, i)) or "",
            cells=cells,
            expected=_L.xxgk_finding_expected(fp, i) or "",
            actual=_L.xxgk_finding_actual(fp, i) or "",
            message=_message(fp, i, _lib.LANG_ZH),
            message_en=_message(fp, i, _lib.LANG_EN),
            line=int(_L.xxgk_finding_line(fp, i)),
            column=int(_L.xxgk_finding_column(fp, i)),
            page=int(_L.xxgk_finding_page(fp, i)),
            file=file,
        ))
    return out


def _take_findings(fp: Any, file: str = "") -> List[Finding]:
    try:
        return _findings(fp, file)
    finally:
        _L.xxgk_findings_free(fp)


def _format_id(name: str) -> int:
    v = c_int()
    _call(_L.xxgk_format_from_name, byref(v), _lib.encode(name, "format"))
    return v.value


def _template(tid: Optional[str]) -> Any:
    if tid is None:
        return None
    t = _L.xxgk_template_get(_lib.encode(str(tid), "template"))
    if not t:
        raise XxgkError(_lib.ENOTFOUND, f"unknown template {tid!r} (known: {', '.join(templates())})",
                        name="not found")
    return t


def templates() -> List[str]:
    """The ids of the templates compiled into the library, oldest first."""
    return [_L.xxgk_template_id(_L.xxgk_template_at(i)) for i in range(_L.xxgk_template_count())]


@dataclass(frozen=True)
class Cell:
    """A template cell: path, Chinese and English label, unit ("件", "万元",
    "元" or ""), kind ("count", "signed_count", "amount"), and whether it is
    an optional cell beyond the printed ones."""

    path: str
    label: str
    label_en: str
    unit: str
    kind: str
    optional: bool


@dataclass(frozen=True)
class Table:
    """A table of a template: code ("applications"), number ("三"), heading
    in Chinese and English, and the paths of its printed cells."""

    code: str
    number: str
    heading: str
    heading_en: str
    cells: Tuple[str, ...]


@dataclass(frozen=True)
class Section:
    """A narrative section: code ("overview"), heading ("总体情况"; "" for
    the preamble), English name."""

    code: str
    heading: str
    heading_en: str


@dataclass(frozen=True)
class Rule:
    """One expansion of a consistency rule.

    ``relation`` says how its terms relate: "equal" (sum(coefficient * cell)
    = 0, an identity), "at_least" (the sum is >= 0: PLAUS.PUBLISHED_TOTAL),
    "each_nonnegative" (per-cell rules CELL.NONNEG, CELL.AMOUNT: no terms,
    they apply to every cell of their kind) or "none" (no relation over
    cells, no terms: the description says what is compared, as for
    TEXT.MATCH and PLAUS.TOWN_REGULATIONS). ``terms`` are (path, coefficient,
    previous) with coefficient +1 or -1 and previous True for a cell read
    from the previous year's report. ``scope`` is the column or row of the
    expansion, or "".
    """

    id: str
    severity: str
    description: str
    description_en: str
    scope: str
    terms: Tuple[Tuple[str, int, bool], ...]
    relation: str = "equal"


@dataclass(frozen=True)
class Template:
    """An official template as data (see :func:`template`)."""

    id: str
    name: str
    first_year: int
    cells: Tuple[Cell, ...]
    tables: Tuple[Table, ...]
    sections: Tuple[Section, ...]
    rules: Tuple[Rule, ...]


_TEMPLATES: Dict[str, Template] = {}


def template(id: Optional[str] = None) -> Template:
    """A template with its cells (printed ones first, then optional ones),
    tables, narrative sections and rules, copied from the library.
    ``None`` is the newest template. Unknown id: ``XxgkError`` ENOTFOUND."""
    t = _L.xxgk_template_default() if id is None else _template(id)
    tid = str(_L.xxgk_template_id(t))
    cached = _TEMPLATES.get(tid)
    if cached is not None:
        return cached
    cells = tuple(Cell(
        path=_L.xxgk_template_cell_path(t, i), label=_L.xxgk_template_cell_label(t, i),
        label_en=_L.xxgk_template_cell_label_en(t, i), unit=_L.xxgk_template_cell_unit(t, i),
        kind=_lib.KIND_NAMES.get(_L.xxgk_template_cell_kind(t, i), ""),
        optional=bool(_L.xxgk_template_cell_flags(t, i) & _lib.CELL_FLAG_OPTIONAL))
        for i in range(_L.xxgk_template_cell_count_all(t)))
    tables = []
    for i in range(_L.xxgk_template_table_count(t)):
        first = _L.xxgk_template_table_first_cell(t, i)
        n = _L.xxgk_template_table_cell_count(t, i)
        tables.append(Table(
            code=_L.xxgk_template_table_code(t, i), number=_L.xxgk_template_table_number(t, i),
            heading=_L.xxgk_template_table_heading(t, i),
            heading_en=_L.xxgk_template_table_heading_en(t, i),
            cells=tuple(c.path for c in cells[first:first + n])))
    sections = tuple(Section(
        code=_L.xxgk_template_section_code(t, i), heading=_L.xxgk_template_section_heading(t, i),
        heading_en=_L.xxgk_template_section_heading_en(t, i))
        for i in range(_L.xxgk_template_section_count(t)))
    rules = tuple(Rule(
        id=_L.xxgk_template_rule_id(t, i),
        severity=_L.xxgk_severity_name(_L.xxgk_template_rule_severity(t, i)) or "",
        description=_L.xxgk_template_rule_description(t, i),
        description_en=_L.xxgk_template_rule_description_en(t, i),
        scope=_L.xxgk_template_rule_scope(t, i),
        terms=tuple((_L.xxgk_template_rule_cell(t, i, j), _L.xxgk_template_rule_coefficient(t, i, j),
                     bool(_L.xxgk_template_rule_cell_previous(t, i, j)))
                    for j in range(_L.xxgk_template_rule_cell_count(t, i))),
        relation=_L.xxgk_relation_name(_L.xxgk_template_rule_relation(t, i)) or "")
        for i in range(_L.xxgk_template_rule_count(t)))
    out = Template(id=tid, name=_L.xxgk_template_name(t),
                   first_year=int(_L.xxgk_template_first_year(t)), cells=cells,
                   tables=tuple(tables), sections=sections, rules=rules)
    _TEMPLATES[tid] = out
    return out


def paths(template: Optional[str] = "2021", optional: bool = False) -> List[Tuple[str, str]]:
    """Every cell of a template as (path, Chinese label), in template order.

    ``None`` is the newest template. With ``optional=True`` the optional
    cells (subtotals some reports print instead of their sub-rows) follow the
    printed ones. Unknown template:
    ``XxgkError`` with code ENOTFOUND.
    """
    t = _L.xxgk_template_default() if template is None else _template(template)
    n = _L.xxgk_template_cell_count_all(t) if optional else _L.xxgk_template_cell_count(t)
    return [(_L.xxgk_template_cell_path(t, i), _L.xxgk_template_cell_label(t, i)) for i in range(n)]


_KINDS: Dict[int, Tuple[int, ...]] = {}
_PATHS: Dict[int, Tuple[Tuple[str, ...], int]] = {}
_IDS: Dict[int, Dict[str, int]] = {}
_AMOUNT_IDS: Dict[int, Tuple[int, ...]] = {}


def _kinds(t: Any) -> Tuple[int, ...]:
    """The kinds of a template's cells by id. Templates are static data in the
    library, never freed, so the table is read once per template."""
    key = ctypes.cast(t, ctypes.c_void_p).value or 0
    kinds = _KINDS.get(key)
    if kinds is None:
        kinds = tuple(_L.xxgk_template_cell_kind(t, i)
                      for i in range(_L.xxgk_template_cell_count_all(t)))
        _KINDS[key] = kinds
    return kinds


def _paths_of(t: Any) -> Tuple[Tuple[str, ...], int]:
    """A template's cell paths by id (optional cells included) and the number of
    printed cells, read once per template."""
    key = ctypes.cast(t, ctypes.c_void_p).value or 0
    got = _PATHS.get(key)
    if got is None:
        got = (tuple(_L.xxgk_template_cell_path(t, i) for i in range(_L.xxgk_template_cell_count_all(t))),
               int(_L.xxgk_template_cell_count(t)))
        _PATHS[key] = got
    return got


def _ids_of(t: Any) -> Dict[str, int]:
    """{path: id} of a template's cells (optional ones included), built once."""
    key = ctypes.cast(t, ctypes.c_void_p).value or 0
    ids = _IDS.get(key)
    if ids is None:
        ids = {p: i for i, p in enumerate(_paths_of(t)[0])}
        _IDS[key] = ids
    return ids


def _amount_ids(t: Any) -> Tuple[int, ...]:
    """The ids of a template's amount cells, found once."""
    key = ctypes.cast(t, ctypes.c_void_p).value or 0
    got = _AMOUNT_IDS.get(key)
    if got is None:
        got = tuple(i for i, k in enumerate(_kinds(t)) if k == _lib.KIND_AMOUNT)
        _AMOUNT_IDS[key] = got
    return got


def _amount(micros: int) -> Decimal:
    """An amount from its micros, exactly."""
    return _DECIMAL.divide(Decimal(micros), _MICROS)


class _ParseOptions:
    """Parse options for one call; NULL (the defaults) when nothing is set."""

    def __init__(self, format: Optional[str], strict: bool, template: Optional[str],
                 source_name: Optional[str], max_size: Optional[int] = None,
                 max_depth: Optional[int] = None, max_line: Optional[int] = None) -> None:
        self.p = _lib.ParseOptionsP()
        if (format is None and not strict and template is None and source_name is None
                and max_size is None and max_depth is None and max_line is None):
            return
        _call(_L.xxgk_parse_options_new, byref(self.p))
        try:
            if format is not None:
                _call(_L.xxgk_parse_options_set_format, self.p, _format_id(format))
            if strict:
                _call(_L.xxgk_parse_options_set_strict, self.p, 1)
            if template is not None:
                _call(_L.xxgk_parse_options_set_template, self.p, _template(template))
            if source_name is not None:
                _call(_L.xxgk_parse_options_set_source_name, self.p,
                      _lib.encode(source_name, "source_name"))
            if max_size is not None:
                _call(_L.xxgk_parse_options_set_max_size, self.p,
                      _lib.integer(max_size, "max_size", 0, _lib.SIZE_MAX))
            if max_depth is not None:
                _call(_L.xxgk_parse_options_set_max_depth, self.p,
                      _lib.integer(max_depth, "max_depth", 0, _lib.UINT_MAX))
            if max_line is not None:
                _call(_L.xxgk_parse_options_set_max_line, self.p,
                      _lib.integer(max_line, "max_line", 0, _lib.SIZE_MAX))
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if self.p:
            _L.xxgk_parse_options_free(self.p)
            self.p = _lib.ParseOptionsP()

    def __enter__(self) -> "_ParseOptions":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _fspath(path: Union[str, "os.PathLike[str]"]) -> bytes:
    fspath = os.fsencode(path)
    if b"\0" in fspath:
        raise ValueError("path contains a NUL character")
    return fspath


def _bytes(data: Union[str, bytes, bytearray, memoryview], what: str) -> bytes:
    if isinstance(data, str):
        return data.encode("utf-8", errors="surrogateescape")
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data)
    raise TypeError(f"{what}() needs str or bytes, not {type(data).__name__}")


def _is_pdf_file(path: str) -> bool:
    try:
        with open(path, "rb") as f:
            return _pdf.is_pdf(f.read(5))
    except OSError:
        return False  # the library says why


def load(path: Union[str, "os.PathLike[str]"], format: Optional[str] = None, *,
         strict: bool = False, template: Optional[str] = None, max_size: Optional[int] = None,
         max_depth: Optional[int] = None, max_line: Optional[int] = None) -> "Report":
    """Read one report from a file.

    The format is ``format`` if given ("json", "csv", "csv-wide", "text",
    "markdown", "html"), else the file name's extension (.html .htm .shtml are
    web pages), else the content (a page, or text holding HTML table markup,
    is read as HTML).
    ``strict=True`` turns reader diagnostics of severity warning or above into
    an ``XxgkError`` (ESTRICT); ``template`` ("2021", "2019") forces a
    template instead of detecting it; ``max_size`` (bytes, default 64 MiB),
    ``max_depth`` (JSON nesting, default 32) and ``max_line`` (bytes, default
    1 MiB) bound the input (ELIMIT beyond). Raises ``XxgkError`` (with the
    place of the failure) for malformed input, and ``OSError``
    (``FileNotFoundError``, ``PermissionError``, ``IsADirectoryError``) for a
    file that cannot be read. The report remembers the file
    (``Finding.file`` of its findings). A PDF (.pdf, or
    content starting "%PDF-") is read through poppler's ``pdftotext``, run as a
    child process; its findings give the page (``Finding.page``).
    """
    fspath = _fspath(path)
    if format is None and _is_pdf_file(fspath):
        r = loads(_pdf.text(path=os.fsdecode(fspath)), "pdftext", strict=strict, template=template,
                  source_name=os.fsdecode(fspath), max_size=max_size, max_depth=max_depth,
                  max_line=max_line)
        r._file = os.fsdecode(fspath)
        return r
    out = _lib.ReportP()
    with _ParseOptions(format, strict, template, None, max_size, max_depth, max_line) as o:
        _call(_L.xxgk_report_read_file, byref(out), fspath, o.p)
    return Report._own(out, os.fsdecode(fspath))


def loads(data: Union[str, bytes, bytearray, memoryview], format: Optional[str] = None, *,
          strict: bool = False, template: Optional[str] = None,
          source_name: Optional[str] = None, max_size: Optional[int] = None,
          max_depth: Optional[int] = None, max_line: Optional[int] = None) -> "Report":
    """Read one report from text (``str``, encoded as UTF-8) or bytes.

    ``format`` and the limits as for :func:`load`; ``None`` sniffs the
    content. ``source_name`` names the input in messages. Raises ``XxgkError``.
    """
    buf = _bytes(data, "loads")
    if format is None and _pdf.is_pdf(buf):  # a PDF's bytes: their text, from pdftotext
        buf, format = _pdf.text(data=buf), "pdftext"
    out = _lib.ReportP()
    with _ParseOptions(format, strict, template, source_name, max_size, max_depth, max_line) as o:
        _call(_L.xxgk_report_parse, byref(out), buf, len(buf), o.p)
    return Report._own(out)


def loads_all(data: Union[str, bytes, bytearray, memoryview], format: Optional[str] = None, *,
              strict: bool = False, template: Optional[str] = None,
              source_name: Optional[str] = None, max_size: Optional[int] = None,
              max_depth: Optional[int] = None,
              max_line: Optional[int] = None,
              errors: str = "raise") -> Iterator[Tuple[str, Any]]:
    """Read the reports of a multi-report input (long CSV with a ``report``
    column) one at a time, as (report id, Report) pairs; an input of one
    report gives one pair with the id "". Each Report is the caller's (close
    it, or use ``with``); only the current one is held by the reader. Options
    as for :func:`loads`. A failure raises ``XxgkError`` with its place; with
    ``errors="yield"`` a report that cannot be read is given as (report id,
    XxgkError) instead and reading goes on with the report after it, as
    ``xxgk check`` does (a failure outside a long CSV's reports ends the
    input; out of memory always raises)."""
    keep_going = _errors_mode(errors)
    buf = _bytes(data, "loads_all")
    rd = _Reader(buf)
    with _ParseOptions(format, strict, template, source_name, max_size, max_depth, max_line) as o:
        _call(_L.xxgk_reader_open, byref(rd.p), buf, len(buf), o.p)
    return _read_all(rd, keep_going=keep_going)


class _Reader:
    """A multi-report reader and the bytes it reads from (which must live as
    long as it does). Freed by the generator when it ends or is closed, and by
    ``__del__`` when a generator is dropped before it ever started."""

    def __init__(self, buf: bytes) -> None:
        self.p = _lib.ReaderP()
        self.buf = buf

    def close(self) -> None:
        p, self.p = self.p, _lib.ReaderP()
        if p:
            _L.xxgk_reader_free(p)

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # interpreter shutdown
            pass


def _errors_mode(errors: str) -> bool:
    """True for errors="yield", False for "raise"; anything else is a ValueError."""
    if errors not in ("raise", "yield"):
        raise ValueError(f'errors must be "raise" or "yield", not {errors!r}')
    return errors == "yield"


def _read_all(rd: _Reader, file: str = "", keep_going: bool = False) -> Iterator[Tuple[str, Any]]:
    try:
        while True:
            out = _lib.ReportP()
            try:
                if _call(_L.xxgk_reader_next, byref(out), rd.p) == 1:
                    return
            except XxgkError as e:
                if not keep_going or e.code == _lib.ENOMEM:
                    raise
                yield str(_L.xxgk_reader_report_id(rd.p)), e
                continue
            report = Report._own(out, file)
            yield str(_L.xxgk_reader_report_id(rd.p)), report
    finally:
        rd.close()


def load_all(path: Union[str, "os.PathLike[str]"], format: Optional[str] = None, *,
             strict: bool = False, template: Optional[str] = None,
             max_size: Optional[int] = None, max_depth: Optional[int] = None,
             max_line: Optional[int] = None,
             errors: str = "raise") -> Iterator[Tuple[str, Any]]:
    """:func:`loads_all` over a file's content (the file is read whole; an
    unreadable file raises ``OSError``, e.g. ``FileNotFoundError``). The
    reports remember the file (``Finding.file``)."""
    keep_going = _errors_mode(errors)
    name = os.fsdecode(path)
    _fspath(path)
    limit = _lib.integer(max_size, "max_size", 0, _lib.SIZE_MAX) if max_size else 64 << 20
    with open(path, "rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise XxgkError(_lib.ELIMIT, f"{name}: larger than the limit of {limit} bytes",
                        name="input exceeds a limit")
    buf = _bytes(data, "load_all")
    rd = _Reader(buf)
    with _ParseOptions(format, strict, template, name, max_size, max_depth, max_line) as o:
        _call(_L.xxgk_reader_open, byref(rd.p), buf, len(buf), o.p)
    return _read_all(rd, name, keep_going)


def new(template: Optional[str] = None) -> "Report":
    """A new report of a template (default: the newest), every cell blank."""
    out = _lib.ReportP()
    _call(_L.xxgk_report_new, byref(out), _template(template))
    return Report._own(out)


def sum(reports: Iterable["Report"]) -> "Report":  # noqa: A001 - the documented name
    """Add reports of one template into a new report (a region's total).

    Checked arithmetic; cells blank everywhere stay blank; cells some inputs
    left blank or gave as a token are named in the result's ``diagnostics``
    (rule SUM.PARTIAL). A list or tuple is summed in one call; any other
    iterable (a generator of loaded reports, say) is added one report at a
    time, so that the inputs need not all be held at once. Raises
    ``XxgkError``: EINVAL for no reports, ETEMPLATE for mixed templates,
    EOVERFLOW naming the cell.
    """
    if isinstance(reports, (list, tuple)):
        rs = list(reports)
        for r in rs:
            if not isinstance(r, Report):
                raise TypeError(f"sum() needs Report objects, not {type(r).__name__}")
        arr = (_lib.ReportP * max(len(rs), 1))(*[r._ptr() for r in rs])
        out = _lib.ReportP()
        _call(_L.xxgk_report_sum, byref(out), arr, len(rs))
        return Report._own(out)
    with Sum() as acc:
        for r in reports:
            if not isinstance(r, Report):
                raise TypeError(f"sum() needs Report objects, not {type(r).__name__}")
            acc.add(r)
        return acc.total()


class Sum:
    """A running sum of reports added one at a time, so that the inputs need
    not all be held at once (the rules of :func:`sum`)::

        with xxgk.Sum() as s:
            for path in paths:
                with xxgk.load(path) as r:
                    s.add(r)
            total = s.total()

    ``template`` fixes the template; by default the first report's is taken.
    """

    __slots__ = ("_p",)

    def __init__(self, template: Optional[str] = None) -> None:
        self._p = _lib.SumP()
        _call(_L.xxgk_sum_new, byref(self._p), _template(template) if template else None)

    def _ptr(self) -> Any:
        if not self._p:
            raise ValueError("the sum is closed")
        return self._p

    def add(self, report: "Report") -> None:
        """Add ``report``; on failure (ETEMPLATE, EOVERFLOW) the sum is
        unchanged."""
        if not isinstance(report, Report):
            raise TypeError(f"add() needs a Report, not {type(report).__name__}")
        _call(_L.xxgk_sum_add, self._ptr(), report._ptr())

    def __len__(self) -> int:
        """The number of reports added."""
        return int(_L.xxgk_sum_count(self._ptr()))

    def total(self) -> "Report":
        """The total so far as a new report, with the SUM.PARTIAL diagnostics;
        the sum stays usable. EINVAL when nothing was added."""
        out = _lib.ReportP()
        _call(_L.xxgk_sum_finish, byref(out), self._ptr())
        return Report._own(out)

    def close(self) -> None:
        p, self._p = self._p, _lib.SumP()
        if p:
            _L.xxgk_sum_free(p)

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # interpreter shutdown
            pass

    def __enter__(self) -> "Sum":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def diff(a: "Report", b: "Report") -> List[Finding]:
    """Compare two reports cell by cell (cells matched by path): one info
    finding per difference, rule DIFF.CELL / DIFF.META / DIFF.SECTION, with
    A's value as ``expected`` and B's as ``actual``."""
    if not isinstance(a, Report) or not isinstance(b, Report):
        raise TypeError("diff() compares two Report objects")
    out = _lib.FindingsP()
    _call(_L.xxgk_report_diff, byref(out), a._ptr(), b._ptr())
    return _take_findings(out)


class _WriteOptions:
    """Write options for one call, with the findings to highlight (which must
    outlive the write) freed together with them."""

    def __init__(self, report: Any, format: str, lang: Optional[str], report_id: Optional[str],
                 header: bool, highlight: bool, bom: Optional[bool] = None) -> None:
        fid = _format_id(format)
        self.p = _lib.WriteOptionsP()
        self.findings = _lib.FindingsP()
        _call(_L.xxgk_write_options_new, byref(self.p))
        try:
            _call(_L.xxgk_write_options_set_format, self.p, fid)
            if lang is not None:
                _call(_L.xxgk_write_options_set_lang, self.p, _lib.encode(lang, "lang"))
            if report_id is not None:
                _call(_L.xxgk_write_options_set_report_id, self.p,
                      _lib.encode(report_id, "report_id"))
            _call(_L.xxgk_write_options_set_header, self.p, int(bool(header)))
            if bom is not None:
                _call(_L.xxgk_write_options_set_bom, self.p, int(bool(bom)))
            if highlight:
                _call(_L.xxgk_check, byref(self.findings), report, None)
                _call(_L.xxgk_write_options_set_findings, self.p, self.findings)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        _L.xxgk_write_options_free(self.p)
        _L.xxgk_findings_free(self.findings)
        self.p = _lib.WriteOptionsP()
        self.findings = _lib.FindingsP()

    def __enter__(self) -> Any:
        return self.p

    def __exit__(self, *exc: Any) -> None:
        self.close()


class Report(Mapping[str, CellValue]):
    """One report. Create it with :func:`load`, :func:`loads`, :func:`new`,
    :func:`sum` or :meth:`copy`.

    A report is a read-only ``Mapping`` from the template's printed cell
    paths to their values: ``keys()``, ``values()``, ``items()``, ``len(r)``,
    ``path in r``, ``r.get(path)``, ``dict(r)``; :meth:`to_dict` copies every
    cell in one call into C. (``r[path] = value`` sets a cell besides.) Two
    reports are equal only when they are the same object: compare
    ``r.to_dict()`` for their cells.

    The C object is freed by :meth:`close` or at the end of a ``with`` block;
    ``__del__`` frees it only as a fallback. Closing twice is safe; using a
    closed report raises ``ValueError``. Everything a report returns (values,
    strings, findings) is a Python copy that stays valid after closing.

    Threads: any number of threads may read and check one report at once;
    changing it (setting cells or metadata) or closing it while another thread
    uses it is not allowed.
    """

    __slots__ = ("_h", "_file", "__weakref__")
    _close_lock = threading.Lock()  # makes close() from two threads free once

    def __init__(self) -> None:
        raise TypeError("use xxgk.load(), xxgk.loads() or xxgk.new() to make a Report")

    @classmethod
    def _own(cls, handle: Any, file: str = "") -> "Report":
        self = object.__new__(cls)
        self._h = handle
        self._file = file
        return self

    def __eq__(self, other: object) -> bool:
        return self is other

    def __hash__(self) -> int:
        return object.__hash__(self)

    @property
    def file(self) -> str:
        """The file the report was loaded from ("" when it was not)."""
        return self._file

    def _ptr(self) -> Any:
        h = self._h
        if not h:
            raise ValueError("the report is closed")
        return h

    # lifetime
    def close(self) -> None:
        """Free the C report now (safe to call more than once)."""
        with Report._close_lock:
            h, self._h = self._h, None
        if h:
            _L.xxgk_report_free(h)

    @property
    def closed(self) -> bool:
        return not self._h

    def __enter__(self) -> "Report":
        self._ptr()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # interpreter shutdown: nothing sensible left to do
            pass

    def __copy__(self) -> "Report":
        return self.copy()

    def __deepcopy__(self, memo: Dict[int, Any]) -> "Report":
        return self.copy()

    def __reduce_ex__(self, protocol: Any) -> Any:
        raise TypeError("a Report cannot be pickled: send r.dumps('json') and read it with "
                        "xxgk.loads() (source positions and reader diagnostics stay behind)")

    def copy(self) -> "Report":
        """A deep copy (a new C report); ``copy.copy`` and ``copy.deepcopy``
        do the same."""
        out = _lib.ReportP()
        _call(_L.xxgk_report_clone, byref(out), self._ptr())
        return Report._own(out, self._file)

    # metadata
    def _tpl(self) -> Any:
        return _L.xxgk_report_template(self._ptr())

    @property
    def template(self) -> str:
        """The template id ("2021" or "2019")."""
        return str(_L.xxgk_template_id(self._tpl()))

    @property
    def year(self) -> Optional[int]:
        """The report year, None when unknown. Settable (None or 1949..9999)."""
        y = int(_L.xxgk_report_year(self._ptr()))
        return y or None

    @year.setter
    def year(self, value: Optional[int]) -> None:
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise TypeError(f"year must be int or None, not {type(value).__name__}")
        if value is not None and not -2**31 <= value < 2**31:
            raise XxgkError(_lib.ERANGE, f"year {value} is out of range (1949..9999)",
                            name="number out of range")
        _call(_L.xxgk_report_set_year, self._ptr(), value or 0)

    @property
    def agency(self) -> str:
        """The agency ("" when unknown). Settable."""
        return str(_L.xxgk_report_agency(self._ptr()))

    @agency.setter
    def agency(self, value: Optional[str]) -> None:
        _call(_L.xxgk_report_set_agency, self._ptr(),
              None if value is None else _lib.encode(value, "agency"))

    @property
    def title(self) -> str:
        """The title ("" when unknown). Settable."""
        return str(_L.xxgk_report_title(self._ptr()))

    @title.setter
    def title(self, value: Optional[str]) -> None:
        _call(_L.xxgk_report_set_title, self._ptr(),
              None if value is None else _lib.encode(value, "title"))

    @property
    def sections(self) -> Dict[str, str]:
        """The narrative sections as a new dict {code: text} ("preamble",
        "overview", "problems", "other"; "" when empty). Changing the dict
        does not change the report: use :meth:`set_section`."""
        h = self._ptr()
        t = _L.xxgk_report_template(h)
        out: Dict[str, str] = {}
        for i in range(_L.xxgk_template_section_count(t)):
            code = _L.xxgk_template_section_code(t, i)
            out[code] = _L.xxgk_report_section(h, _lib.encode(code, "section")) or ""
        return out

    def set_section(self, code: str, text: Optional[str]) -> None:
        """Set a narrative section's text (None or "" empties it).
        Unknown code: ``XxgkError`` ENOTFOUND."""
        _call(_L.xxgk_report_set_section, self._ptr(), _lib.encode(code, "section"),
              None if text is None else _lib.encode(text, "text"))

    @property
    def diagnostics(self) -> List[Finding]:
        """What the reader could not place or had to interpret (copied)."""
        return _findings(_L.xxgk_report_diagnostics(self._ptr()), self._file)

    # cells
    def _id(self, path: str) -> int:
        if not isinstance(path, str):
            raise TypeError(f"a cell path is a str, not {type(path).__name__}")
        h = self._ptr()
        cid = _ids_of(_L.xxgk_report_template(h)).get(path)  # the paths of a template never change
        if cid is not None:
            return cid
        v = c_size_t()
        try:
            _call(_L.xxgk_report_cell_id, byref(v), h, _lib.encode(path, "path"))
        except XxgkError as e:
            if e.code == _lib.ENOTFOUND:
                raise KeyError(path) from None
            raise
        return v.value

    @staticmethod
    def _amount(h: Any, cid: int) -> bool:
        return bool(_L.xxgk_template_cell_kind(_L.xxgk_report_template(h), cid) == _lib.KIND_AMOUNT)

    def _value(self, cid: int, kinds: Optional[Tuple[int, ...]] = None) -> CellValue:
        h = self._ptr()
        # cid is a valid id here, so these calls do not fail; should one, its
        # errcheck still raises (with the code's text if the detail is not its own)
        state = _L.xxgk_report_cell_state(h, cid)
        if state == _lib.CELL_BLANK:
            return None
        if state == _lib.CELL_UNREAD:
            return NOT_READ
        if state == _lib.CELL_TOKEN:
            return str(_L.xxgk_report_cell_token(h, cid))
        v = c_longlong()
        if kinds[cid] == _lib.KIND_AMOUNT if kinds is not None else self._amount(h, cid):
            _L.xxgk_report_cell_get_micros(byref(v), h, cid)
            return _amount(v.value)
        _L.xxgk_report_cell_get_count(byref(v), h, cid)
        return int(v.value)

    def __getitem__(self, path: str) -> CellValue:
        h = self._ptr()
        t = _L.xxgk_report_template(h)
        cid = _ids_of(t).get(path) if isinstance(path, str) else None
        if cid is None:
            return self._value(self._id(path))  # raises KeyError / TypeError as it should
        return self._value(cid, _kinds(t))

    def state(self, path: str) -> str:
        """The cell's state: "number", "blank" (the source shows it empty),
        "token" (non-numeric text) or "unread" (not in the source, or not
        placed by the reader)."""
        return _STATES[_L.xxgk_report_cell_state(self._ptr(), self._id(path))]

    def __setitem__(self, path: str, value: CellValue) -> None:
        cid = self._id(path)
        h = self._ptr()
        if value is None:
            _call(_L.xxgk_report_cell_set_blank, h, cid)
        elif value is NOT_READ:
            _call(_L.xxgk_report_cell_set_unread, h, cid)
        elif isinstance(value, bool) or isinstance(value, float):
            raise TypeError(f"{path}: a cell takes int, decimal.Decimal, str or None, "
                            f"not {type(value).__name__}")
        elif isinstance(value, int):
            amount = self._amount(h, cid)
            v = value * 1000000 if amount else value
            if not -2**63 <= v < 2**63:
                raise XxgkError(_lib.ERANGE, f"{path}: {value} is out of range",
                                path=path, name="number out of range")
            _call(_L.xxgk_report_cell_set_micros if amount else _L.xxgk_report_cell_set_count, h, cid, v)
        elif isinstance(value, Decimal):
            if not value.is_finite():
                raise ValueError(f"{path}: {value} is not a finite number")
            _call(_L.xxgk_report_cell_set_number_text, h, cid, format(value, "f").encode("ascii"))
        elif isinstance(value, str):
            text = _lib.encode(value, path)
            try:
                _call(_L.xxgk_report_cell_set_number_text, h, cid, text)
            except XxgkError as e:
                if e.code != _lib.EPARSE:
                    raise
                _call(_L.xxgk_report_cell_set_token, h, cid, text)
        else:
            raise TypeError(f"{path}: a cell takes int, decimal.Decimal, str or None, "
                            f"not {type(value).__name__}")

    def __contains__(self, path: object) -> bool:
        if not isinstance(path, str):
            return False
        try:
            self._id(path)
        except KeyError:
            return False
        return True

    def __iter__(self) -> Iterator[str]:
        """The paths of the template's printed cells, in template order."""
        paths, printed = _paths_of(self._tpl())
        return iter(paths[:printed])

    def __len__(self) -> int:
        return int(_L.xxgk_template_cell_count(self._tpl()))

    def to_dict(self, optional: bool = False) -> Dict[str, CellValue]:
        """{path: value} for every printed cell, in template order (with
        ``optional=True`` the optional cells, subtotals, follow), copied in one
        call into C (xxgk_report_cell_get_all) rather than one per cell."""
        h = self._ptr()
        t = _L.xxgk_report_template(h)
        paths, printed = _paths_of(t)
        n = len(paths) if optional else printed
        states = (c_ubyte * n)()
        values = (c_int64 * n)()
        _call(_L.xxgk_report_cell_get_all, states, values, n, h)
        st = bytes(states)
        vals = memoryview(values).cast("B").cast("q").tolist()  # ctypes' "<q" as native "q"
        out: Dict[str, CellValue] = dict(zip(paths[:n] if n < len(paths) else paths, vals))
        number = _lib.CELL_NUMBER
        for i in _amount_ids(t):
            if i < n and st[i] == number:
                out[paths[i]] = _amount(vals[i])
        for m in _NOT_NUMBER.finditer(st):  # blanks, tokens, cells not read: usually few
            i = m.start()
            s = st[i]
            out[paths[i]] = (None if s == _lib.CELL_BLANK else
                             str(_L.xxgk_report_cell_token(h, i)) if s == _lib.CELL_TOKEN else NOT_READ)
        return out

    def items(self, optional: bool = False) -> List[Tuple[str, CellValue]]:  # type: ignore[override]
        """(path, value) for every printed cell, in template order; with
        ``optional=True`` the optional cells (subtotals) follow."""
        return list(self.to_dict(optional).items())

    def values(self, optional: bool = False) -> List[CellValue]:  # type: ignore[override]
        """The values of :meth:`items`, in template order."""
        return list(self.to_dict(optional).values())

    # typed accessors: one type each, for the type checker
    def _number(self, path: str, want_amount: bool) -> Any:
        cid = self._id(path)
        h = self._ptr()
        if self._amount(h, cid) != want_amount:
            kind = "an amount (read it with amount())" if not want_amount else "a count (read it with count())"
            raise TypeError(f"{path} is {kind}")
        return self._value(cid) if _L.xxgk_report_cell_state(h, cid) == _lib.CELL_NUMBER else None

    def count(self, path: str) -> Optional[int]:
        """A count cell's number, ``None`` when it holds none (blank, a token,
        not read). ``TypeError`` for an amount cell; ``KeyError`` for an unknown
        path."""
        v: Optional[int] = self._number(path, False)
        return v

    def amount(self, path: str) -> Optional[Decimal]:
        """An amount cell's number (exact), ``None`` when it holds none.
        ``TypeError`` for a count cell."""
        v: Optional[Decimal] = self._number(path, True)
        return v

    def token(self, path: str) -> Optional[str]:
        """A cell's token ("-", "/", "无"), ``None`` when it is not a token."""
        cid = self._id(path)
        t = _L.xxgk_report_cell_token(self._ptr(), cid)
        return None if t is None else str(t)

    def position(self, path: str) -> Tuple[int, int]:
        """(line, column) where the cell's value was read; (0, 0) if not from a file."""
        cid = self._id(path)
        h = self._ptr()
        return int(_L.xxgk_report_cell_line(h, cid)), int(_L.xxgk_report_cell_column(h, cid))

    # checks
    def check(self, previous: Optional["Report"] = None, blank_as_zero: bool = False,
              diagnostics: bool = True, copy_threshold: Optional[int] = None) -> List[Finding]:
        """Check the consistency rules (勾稽关系); with ``previous`` (last
        year's report) the year-over-year rules instead (YOY.*).
        ``blank_as_zero`` reads blank cells as 0 so that identities with
        blanks are evaluated; ``diagnostics=False`` leaves the reader's
        diagnostics out; ``copy_threshold`` (0..100, default 90) is the
        similarity from which a narrative section counts as copied from last
        year's. Returns the findings (copies)."""
        h = self._ptr()
        if previous is not None and not isinstance(previous, Report):
            raise TypeError(f"previous must be a Report, not {type(previous).__name__}")
        prev = previous._ptr() if previous is not None else None
        if copy_threshold is not None:
            _lib.integer(copy_threshold, "copy_threshold", 0, 100)
        opts = _lib.CheckOptionsP()
        out = _lib.FindingsP()
        try:
            if blank_as_zero or not diagnostics or copy_threshold is not None:
                _call(_L.xxgk_check_options_new, byref(opts))
                _call(_L.xxgk_check_options_set_blank_as_zero, opts, int(bool(blank_as_zero)))
                _call(_L.xxgk_check_options_set_diagnostics, opts, int(bool(diagnostics)))
                if copy_threshold is not None:
                    _call(_L.xxgk_check_options_set_copy_threshold, opts, copy_threshold)
            if prev is None:
                _call(_L.xxgk_check, byref(out), h, opts)
            else:
                _call(_L.xxgk_check_previous, byref(out), h, prev, opts)
        finally:
            _L.xxgk_check_options_free(opts)
        return _take_findings(out, self._file)

    # writing
    def dumps(self, format: str = "json", lang: Optional[str] = None,
              report_id: Optional[str] = None, header: bool = True,
              highlight: bool = False, bom: Optional[bool] = None) -> str:
        """The report as text in a format ("json", "csv", "csv-wide", "text",
        "markdown", "html"). ``lang`` ("zh", "en") for generated words; long
        CSV: ``report_id`` in a leading ``report`` column and ``header=False``
        to leave the header line out (to write many reports one after
        another); wide CSV: it starts with a byte order mark ("\\ufeff") for
        spreadsheets unless ``bom=False``; HTML: ``highlight=True`` marks the
        cells of the report's own findings (:meth:`check`) with their messages."""
        h = self._ptr()
        buf = ctypes.POINTER(c_char)()
        n = c_size_t()
        with _WriteOptions(h, format, lang, report_id, header, highlight, bom) as opts:
            _call(_L.xxgk_report_write, byref(buf), byref(n), h, opts)
            try:
                data = ctypes.string_at(buf, n.value)
            finally:
                _L.xxgk_free(ctypes.cast(buf, ctypes.c_void_p))
        return data.decode("utf-8")

    def dump(self, path: Union[str, "os.PathLike[str]"], format: Optional[str] = None,
             lang: Optional[str] = None, report_id: Optional[str] = None, header: bool = True,
             highlight: bool = False, bom: Optional[bool] = None) -> None:
        """Write the report to a file, created or replaced once the whole report
        is written (a failure, a full disk say, raises ``OSError`` and leaves the
        old file as it was). Without ``format`` the extension decides (.json
        .csv .txt .md .html); an unknown extension raises ``ValueError``.
        Options as for :meth:`dumps`."""
        if format is None:
            ext = os.path.splitext(os.fsdecode(path))[1].lower()
            if ext not in _EXTENSIONS:
                raise ValueError(f"{os.fsdecode(path)}: cannot tell the format from the extension "
                                 f"{ext or '(none)'}; pass format=")
            format = _EXTENSIONS[ext]
        fspath = _fspath(path)
        h = self._ptr()
        with _WriteOptions(h, format, lang, report_id, header, highlight, bom) as opts:
            _call(_L.xxgk_report_write_file, fspath, h, opts)

    def __repr__(self) -> str:
        if not self._h:
            return "<xxgk.Report closed>"
        return (f"<xxgk.Report template={self.template} year={self.year} "
                f"agency={self.agency!r}>")


# ---- many reports: flat rows, a DataFrame, many files checked in C ----

_ReportLike = Union[Report, Tuple[str, Report]]


def records(reports: Iterable[_ReportLike], optional: bool = False) -> Iterator[Dict[str, Any]]:
    """One flat row per report: ``report`` (the id, for the (id, Report) pairs
    :func:`load_all` yields; else None), ``file``, ``template``, ``year``,
    ``agency``, ``title``, then every printed cell's value by path, as
    :meth:`Report.to_dict` gives it (``optional=True``: the optional cells too).
    ``reports`` may be Reports or (id, Report) pairs, and may be a generator:
    one report at a time is read."""
    for item in reports:
        rid: Optional[str] = None
        if isinstance(item, tuple):
            rid, r = item
        else:
            r = item
        if not isinstance(r, Report):
            raise TypeError(f"records() needs Report objects or (id, Report) pairs, not {type(r).__name__}")
        row: Dict[str, Any] = {"report": rid, "file": r.file or None, "template": r.template,
                               "year": r.year, "agency": r.agency, "title": r.title}
        row.update(r.to_dict(optional))
        yield row


def frame(reports: Iterable[_ReportLike], optional: bool = False) -> Any:
    """A pandas DataFrame of :func:`records`: one row per report, one column per
    cell. Counts are nullable integers (``Int64``: ``<NA>`` where the cell
    holds no number), amounts exact ``decimal.Decimal`` objects (a float could
    change them) or ``None``; the tokens go to their own column ``tokens``, a
    dict {path: token} per row, and the cells that were not read to
    ``not_read``, a list of paths (both empty when there are none). Needs
    pandas (``ImportError`` otherwise)."""
    try:
        import pandas as pd  # noqa: F401 - optional dependency
    except ImportError as e:
        raise ImportError("xxgk.frame() needs pandas (pip install pandas, or apt-get install "
                          "python3-pandas); xxgk.records() gives the same rows as dicts") from e
    meta = ("report", "file", "template", "year", "agency", "title")
    rows = list(records(reports, optional))
    columns: Dict[str, Any] = {k: [row[k] for row in rows] for k in meta}
    columns["year"] = pd.array(columns["year"], dtype="Int64")
    kinds: Dict[str, str] = {}
    for t in {row["template"] for row in rows}:
        for c in template(t).cells:
            kinds.setdefault(c.path, c.kind)
    paths: List[str] = []  # every template's cells, in the order first met
    seen = set(meta)
    for row in rows:
        for p in row:
            if p not in seen:
                seen.add(p)
                paths.append(p)
    tokens: List[Dict[str, str]] = [{} for _ in rows]
    not_read: List[List[str]] = [[] for _ in rows]
    for p in paths:
        vals = []
        for k, row in enumerate(rows):
            v = row.get(p, NOT_READ)
            if isinstance(v, str):
                tokens[k][p] = v
                v = None
            elif v is NOT_READ:
                if p in row:
                    not_read[k].append(p)
                v = None
            vals.append(v)
        columns[p] = pd.array(vals, dtype="Int64") if kinds.get(p) != "amount" else pd.array(vals, dtype=object)
    columns["tokens"] = tokens
    columns["not_read"] = not_read
    return pd.DataFrame(columns)


@dataclass(frozen=True)
class CheckResult:
    """One report's check in :func:`check_many`: ``file`` (as given),
    ``report`` (its id in a long CSV of many reports, else None), ``template``,
    ``year``, ``agency``, ``findings`` (each with ``file`` set), and ``error``:
    None when the report was read, else the exception reading it raised
    (``XxgkError`` or an ``OSError`` such as ``FileNotFoundError``), not raised."""

    file: str
    report: Optional[str]
    template: Optional[str]
    year: Optional[int]
    agency: Optional[str]
    findings: List[Finding]
    error: Optional[Exception]


def check_many(paths: Iterable[Union[str, "os.PathLike[str]"]], jobs: Optional[int] = None, *,
               format: Optional[str] = None, strict: bool = False, template: Optional[str] = None,
               blank_as_zero: bool = False, diagnostics: bool = True,
               copy_threshold: Optional[int] = None) -> List[CheckResult]:
    """Read and check many files in parallel, in the C library's own threads
    (``jobs``: how many; None: one per core), outside the GIL. Results come in
    the order of ``paths`` whatever ``jobs``: one :class:`CheckResult` per
    report (a long CSV with a ``report`` column gives one per report); a file
    or report that cannot be read is a result with its ``error``, not an
    exception. Options as for :func:`load` and :meth:`Report.check` (PDFs are
    not read here: use :func:`load`)."""
    names = [os.fsdecode(p) for p in paths]
    enc = [_fspath(p) for p in names]
    n_jobs = 0 if jobs is None else _lib.integer(jobs, "jobs", 1, 256)
    if copy_threshold is not None:
        _lib.integer(copy_threshold, "copy_threshold", 0, 100)
    arr = (c_char_p * max(len(enc), 1))(*enc)
    res = _lib.ResultsP()
    opts = _lib.CheckOptionsP()
    try:
        _call(_L.xxgk_check_options_new, byref(opts))
        _call(_L.xxgk_check_options_set_blank_as_zero, opts, int(bool(blank_as_zero)))
        _call(_L.xxgk_check_options_set_diagnostics, opts, int(bool(diagnostics)))
        if copy_threshold is not None:
            _call(_L.xxgk_check_options_set_copy_threshold, opts, copy_threshold)
        with _ParseOptions(format, strict, template, None) as po:
            _call(_L.xxgk_check_files, byref(res), arr, len(enc), n_jobs, po.p, opts)
        out: List[CheckResult] = []
        for i in range(_L.xxgk_results_count(res)):
            file = names[_L.xxgk_results_file(res, i)]
            code = _L.xxgk_results_error(res, i)
            rid = _L.xxgk_results_report_id(res, i) or None
            err: Optional[Exception] = None
            if code:
                err = _lib.error(code, _L.xxgk_results_error_message(res, i) or "",
                                 int(_L.xxgk_results_error_line(res, i)),
                                 int(_L.xxgk_results_error_column(res, i)),
                                 page=int(_L.xxgk_results_error_page(res, i)))
            year = int(_L.xxgk_results_year(res, i))
            out.append(CheckResult(
                file=file, report=rid, template=(_L.xxgk_results_template(res, i) or None),
                year=year or None, agency=None if code else _L.xxgk_results_agency(res, i),
                findings=_findings(_L.xxgk_results_findings(res, i), file), error=err))
        return out
    finally:
        _L.xxgk_check_options_free(opts)
        _L.xxgk_results_free(res)
