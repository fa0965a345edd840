"""Reading uploaded tables (CSV or XLSX) for every importer, and writing XLSX templates for them.

`read_table` turns an upload into a list of `Row`s keyed by `Column.key`. It detects the file type by
content, never by name, refuses anything it cannot read safely with a `TabularError` whose `errors` are
Thai messages for the user, and numbers rows the way the user sees them in Excel (header row = 1 when
the header is on the first line; blank rows are skipped but still counted). The header row is the first
filled row, or, for a form with a title block above its table, looked for in the first rows
(`header_search_rows`).

An XLSX is checked while streaming its parts, before any parser sees it: the expanded size of the whole
and of each part (by the bytes each really expands to, not its header), the sheet's rows, columns and
cells, every shared string's length, the total text the parser would materialise (a shared string counts
once for each cell that refers to it), and no DOCTYPE or entity declaration in its XML. Only then is it
parsed, in a child process (`sheet_reader`) under a memory limit and a timeout, so a parser that still
runs away (a Rust abort cannot be caught) cannot take the worker down.

Importers do their own row-level checks and report them with `row.error(key, message)`: the error names
the column as the user knows it (`row.header(key)`: the header the file wrote, else the template's Thai
header), never by its key.

`build_xlsx_template` writes an importer's template; `choices` gives coded columns a drop-down list (an
Excel list validation, its values on a hidden sheet when they do not fit inline). The drop-down only
helps: the importers still check every value themselves.
"""

from __future__ import annotations

import copy
import csv
import datetime
import io
import itertools
import logging
import math
import os
import posixpath
import re
import subprocess
import sys
import time
import zipfile
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol
from xml.etree import ElementTree
from xml.parsers import expat

from django.conf import settings
from django.core.files.base import File
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from tambonplan.core import sheet_reader
from tambonplan.thai.digits import to_arabic_digits
from tambonplan.thai.language import english_active

logger = logging.getLogger(__name__)

MB = 1024 * 1024
DEFAULT_MAX_BYTES = 20 * MB
DEFAULT_MAX_ROWS = 200_000
# A ZIP (XLSX) may expand to at most this many times max_bytes before we refuse to open it.
ZIP_EXPANSION_FACTOR = 50
# One part of it (an XML file inside the ZIP) may expand to at most this many times max_bytes.
PART_EXPANSION_FACTOR = 20
# Upper bound on rows x columns of the sheet area, so a tiny file cannot make the reader allocate
# billions of empty cells (e.g. one cell in A1 and one in XFD200000).
MAX_CELLS = 5_000_000
# Excel's own limits: 16,384 columns (XFD) and 32,767 characters in a cell.
MAX_COLUMNS = 16_384
MAX_CELL_CHARS = 32_767
# The shared-string table is read whole by the parser, so its number of entries is bounded too.
MAX_SHARED_STRINGS = MAX_CELLS
# Characters of text the parser may materialise: the shared-string table once, plus each cell's own text
# and, for a cell that refers to a shared string, that string again (the parser copies it into each cell).
DEFAULT_MAX_CELL_TEXT = 50_000_000
# The address-space limit of the child process that parses an XLSX, and how long checking and parsing
# one may take in all.
DEFAULT_PARSE_MEMORY_MB = 1024
DEFAULT_PARSE_TIMEOUT_SECONDS = 60

NOTES_SHEET_TITLE = "คำอธิบาย"
CHOICES_SHEET_TITLE = "รายการ"
# Excel refuses a list validation written inline ("a,b,c") of more than 255 characters.
MAX_INLINE_CHOICES = 255
# Excel's limit on the title of a validation's error alert.
MAX_ERROR_TITLE = 32
# The last row of a worksheet: a drop-down applies to the whole column under the header row.
LAST_SHEET_ROW = 1_048_576

Source = File | IO[bytes] | str | os.PathLike[str] | bytes | bytearray | memoryview
CellValue = object


@dataclass(frozen=True)
class Column:
    key: str  # internal name, e.g. "tambon_code"
    # accepted header spellings, e.g. ("tambon_code", "รหัสตำบล"); first = English, last = Thai
    headers: tuple[str, ...]
    required: bool = False  # the header must be present

    @property
    def label(self) -> str:
        """The header the template writes, the Thai one (the English one in English mode): how messages
        name the column."""
        return self.headers[0] if english_active() else self.headers[-1]


@dataclass(frozen=True)
class RowError:
    row: int | None  # row number as the user sees it (header row is 1), None for the file as a whole
    message: str  # Thai, says what is wrong and, where useful, the value
    column: str | None = None  # the header the user wrote, when the error concerns one column


@dataclass(frozen=True)
class Row:
    number: int  # row number as the user sees it in Excel / the CSV
    # column key -> cell text (stripped, "" for empty); only columns present in the file have a key
    values: dict[str, str]
    # column key -> header as the user wrote it (same dict for every row of a table); only columns present
    headers: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    # column key -> the template's header (`Column.label`) of every column read for, present or not
    labels: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def header(self, key: str) -> str | None:
        """Column `key` named as the user knows it: the header the file wrote (an accepted alternative
        spelling included), else the template's header (`Column.label`); None when the table was read for
        no such column (the error is then the row's). Never the key itself."""
        return self.headers.get(key) or self.labels.get(key)

    def error(self, key: str | None, message: str) -> RowError:
        """The error `message` on this row, in column `key` (None: the row as a whole), the column named
        by `header`."""
        return RowError(self.number, message, None if key is None else self.header(key))


class TabularError(Exception):
    """The file as a whole cannot be read; `errors` says why, in Thai."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("; ".join(error.message for error in errors))
        self.errors = errors


def _fail(message: str, *, row: int | None = None, column: str | None = None) -> TabularError:
    return TabularError([RowError(row, message, column)])


# --------------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------------


def read_table(
    upload: Source,
    *,
    columns: Sequence[Column],
    arabic_digits_for: Iterable[str] = (),
    max_bytes: int | None = None,
    max_rows: int | None = None,
    sheet: str | None = None,
    header_search_rows: int = 1,
) -> list[Row]:
    """Read a worksheet of an XLSX, or a CSV, into rows keyed by column key.

    The worksheet is the visible one named `sheet` when the workbook has it (so a whole exported workbook
    re-imports), else the first visible one.

    The header row is the first filled row. With `header_search_rows` N > 1 it is looked for in the first
    N rows of the sheet (rows above it, e.g. a form's title block, are read over): the first row that holds
    the headers of all required columns (of at least one column when none is required), else the first
    row that holds any known header (so its missing columns are reported); none in the N rows is an
    error. Row numbers stay the sheet's.

    `max_rows` limits the rows below the header row (blank rows in between count, trailing ones do not).
    Raises TabularError when the file as a whole cannot be used.
    """
    lookup = _header_lookup(columns)
    arabic_keys = set(arabic_digits_for)
    unknown = arabic_keys - {column.key for column in columns}
    if unknown:
        raise ValueError(f"arabic_digits_for names unknown column keys: {sorted(unknown)}")
    if header_search_rows < 1:
        raise ValueError("header_search_rows must be at least 1")
    if max_bytes is None:
        max_bytes = _setting("IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)
    if max_rows is None:
        max_rows = _setting("IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS)

    data = _read_bytes(upload, max_bytes)
    if not data:
        raise _fail(_("ไฟล์ว่าง ไม่มีข้อมูล"))
    if _is_zip(data):
        records: Iterable[Sequence[CellValue]] = _xlsx_records(
            data, max_bytes=max_bytes, max_rows=max_rows, preferred_sheet=sheet
        )
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        raise _fail(_("ไฟล์ .xls รุ่นเก่ายังไม่รองรับ กรุณาบันทึกเป็น .xlsx หรือ .csv"))
    else:
        records = _csv_records(_decode_text(data))
    return _build_rows(
        records,
        columns=columns,
        lookup=lookup,
        arabic_keys=arabic_keys,
        max_rows=max_rows,
        header_search_rows=header_search_rows,
    )


def build_xlsx_template(
    columns: Sequence[Column],
    *,
    sheet_title: str,
    example_rows: Sequence[Sequence[object]] = (),
    notes: Sequence[str] = (),
    choices: Mapping[str, Iterable[str]] | None = None,
) -> bytes:
    """An XLSX with one header row (each column's `label`), the example rows and, if any, a second sheet
    "คำอธิบาย" listing the notes. Text that looks like a formula is written as text.

    `choices` (column key -> allowed values) gives those columns a drop-down list under the header row
    (see `_add_choices`)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = sheet_title[:31]
    headers = [column.label for column in columns]
    widths = [len(header) for header in headers]
    for index, header in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=index)
        _set_cell(cell, header)
        cell.font = Font(bold=True)
    for row_index, example in enumerate(example_rows, start=2):
        for index, value in enumerate(example[: len(columns)], start=1):
            _set_cell(sheet.cell(row=row_index, column=index), value)
            widths[index - 1] = max(widths[index - 1], len(_cell_text(value)))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 4, 12), 60)
    sheet.freeze_panes = "A2"

    if notes:
        notes_sheet = workbook.create_sheet(NOTES_SHEET_TITLE)
        notes_sheet.column_dimensions["A"].width = 100
        for row_index, note in enumerate(notes, start=1):
            cell = notes_sheet.cell(row=row_index, column=1)
            _set_cell(cell, note)
            cell.alignment = Alignment(wrap_text=True, vertical="top")

    if choices:
        _add_choices(workbook, sheet, columns, choices)

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------------------------------
# Reading the bytes
# --------------------------------------------------------------------------------------------------


def _setting(name: str, default: int) -> int:
    if settings.configured:
        return int(getattr(settings, name, default))
    return default


def _format_mb(size: int) -> str:
    text = f"{size / MB:.1f}"
    return text.removesuffix(".0")


def _too_big(size: int, max_bytes: int) -> TabularError:
    return _fail(
        _("ไฟล์มีขนาด %(size)s MB เกิน %(limit)s MB")
        % {"size": _format_mb(size), "limit": _format_mb(max_bytes)}
    )


def _read_bytes(upload: Source, max_bytes: int) -> bytes:
    """All bytes of the upload, refusing more than max_bytes without reading them all into memory."""
    if isinstance(upload, bytes | bytearray | memoryview):
        data = bytes(upload)
        if len(data) > max_bytes:
            raise _too_big(len(data), max_bytes)
        return data
    if isinstance(upload, str | os.PathLike):
        path = Path(upload)
        size = path.stat().st_size
        if size > max_bytes:
            raise _too_big(size, max_bytes)
        with path.open("rb") as handle:
            return _read_limited(handle, max_bytes)
    if isinstance(upload, File):
        try:
            size: int | None = upload.size
        except (AttributeError, OSError):
            size = None
        if size is not None and size > max_bytes:
            raise _too_big(size, max_bytes)
        upload.open("rb")  # (re)opens a closed file, otherwise seeks to the start
        return _read_limited(upload, max_bytes)
    if upload.seekable():
        upload.seek(0)
    return _read_limited(upload, max_bytes)


def _read_limited(handle: Any, max_bytes: int) -> bytes:
    data = handle.read(max_bytes + 1)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) <= max_bytes:
        return bytes(data)
    size = len(data)
    while chunk := handle.read(MB):  # only to tell the user the real size
        size += len(chunk)
    raise _too_big(size, max_bytes)


_BINARY_SIGNATURES = (
    b"%PDF",
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF87a",
    b"GIF89a",
    b"\x1f\x8b",  # gzip
    b"7z\xbc\xaf",
    b"Rar!",
)


def _is_zip(data: bytes) -> bool:
    return data.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"))


def _decode_text(data: bytes) -> str:
    """CSV bytes as text: UTF-16 with BOM, UTF-8 (with or without BOM) or cp874/TIS-620."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel "Unicode text"
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise _fail(_("ชนิดไฟล์ไม่ถูกต้อง: รองรับเฉพาะ CSV และ XLSX")) from None
    if data.startswith(_BINARY_SIGNATURES) or b"\x00" in data:
        raise _fail(_("ชนิดไฟล์ไม่ถูกต้อง: รองรับเฉพาะ CSV และ XLSX"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp874")
    except UnicodeDecodeError:
        raise _fail(_("อ่านไฟล์ CSV ไม่ได้: รองรับเฉพาะการเข้ารหัสตัวอักษร UTF-8 หรือ TIS-620 (Windows-874)")) from None


# --------------------------------------------------------------------------------------------------
# CSV
# --------------------------------------------------------------------------------------------------


def _sniff_delimiter(text: str) -> str:
    """The most frequent of , ; and tab in the first non-blank line (comma when none)."""
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delimiter: first_line.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _csv_records(text: str) -> Iterator[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
    try:
        yield from reader
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise _fail(
                _("อ่านไฟล์ CSV ไม่ได้ที่บรรทัด %(line)s: ข้อมูลในช่องยาวเกิน %(limit)s ตัวอักษร")
                % {"line": reader.line_num, "limit": f"{csv.field_size_limit():,}"},
                row=reader.line_num,
            ) from None
        raise _fail(
            _("อ่านไฟล์ CSV ไม่ได้ที่บรรทัด %(line)s: เครื่องหมายคำพูดหรือข้อมูลในช่องไม่ถูกต้อง") % {"line": reader.line_num},
            row=reader.line_num,
        ) from None


# --------------------------------------------------------------------------------------------------
# XLSX
# --------------------------------------------------------------------------------------------------


def _corrupt_excel() -> TabularError:
    return _fail(_("อ่านไฟล์ Excel ไม่ได้: ไฟล์อาจเสียหาย"))


def _too_many_rows(count: int, max_rows: int) -> TabularError:
    return _fail(
        _("ไฟล์มี %(count)s แถว เกินกว่าที่รับได้ (%(limit)s แถว)")
        % {"count": f"{count:,}", "limit": f"{max_rows:,}"}
    )


# What zipfile raises for an entry whose flags it cannot read: "compressed patched data" and "strong
# encryption" (NotImplementedError), an encrypted entry (RuntimeError, "password required").
ZIP_FLAG_ERRORS = (NotImplementedError, RuntimeError)
# What reading an entry of a damaged ZIP may raise.
ZIP_READ_ERRORS = (KeyError, zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, *ZIP_FLAG_ERRORS)


def _xlsx_records(
    data: bytes, *, max_bytes: int, max_rows: int, preferred_sheet: str | None
) -> list[list[CellValue]]:
    """The cells of the chosen worksheet; index 0 is Excel row 1.

    Every limit is checked by streaming the ZIP before any parser sees it; the parser then runs in a child
    process (`_parse_in_child`). Checking and parsing share one time limit."""
    max_text = _setting("IMPORT_MAX_CELL_TEXT", DEFAULT_MAX_CELL_TEXT)
    deadline = _Deadline.start(_setting("IMPORT_PARSE_TIMEOUT_SECONDS", DEFAULT_PARSE_TIMEOUT_SECONDS))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except ZIP_READ_ERRORS:  # incl. NotImplementedError: a ZIP version zipfile cannot read
        raise _corrupt_excel() from None
    with archive:
        names = {info.filename for info in infos}
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            raise _fail(_("ชนิดไฟล์ไม่ถูกต้อง: รองรับเฉพาะ CSV และ XLSX"))
        if sum(info.file_size for info in infos) > ZIP_EXPANSION_FACTOR * max_bytes:
            raise _fail(_("ไฟล์ Excel มีข้อมูลเมื่อแตกไฟล์ใหญ่เกินกว่าที่รับได้"))
        _check_parts(archive, infos, part_limit=PART_EXPANSION_FACTOR * max_bytes, deadline=deadline)
        sheet_name, sheet_path = _choose_worksheet(archive, preferred_sheet)
        _check_sheet(archive, sheet_path, max_rows=max_rows, max_text=max_text, deadline=deadline)
    return _parse_in_child(data, sheet_name, max_text=max_text, deadline=deadline)


@dataclass(frozen=True)
class _Deadline:
    """When reading an XLSX must be over: the streaming checks run in the worker and are bounded by what a
    file expands to, not by the time that takes (a sheet of millions of empty elements keeps the XML
    handlers busy), so they share IMPORT_PARSE_TIMEOUT_SECONDS with the parser."""

    seconds: int
    at: float

    @classmethod
    def start(cls, seconds: int) -> _Deadline:
        return cls(seconds, time.monotonic() + seconds)

    def remaining(self) -> float:
        return self.at - time.monotonic()

    def check(self) -> None:
        if self.remaining() <= 0:
            raise _too_slow(self.seconds)


def _local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _choose_worksheet(archive: zipfile.ZipFile, preferred: str | None) -> tuple[str, str]:
    """(name, path inside the ZIP) of the visible worksheet named `preferred`, else of the first visible
    worksheet (chart sheets are not worksheets)."""
    try:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        relationships = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (ElementTree.ParseError, *ZIP_READ_ERRORS):
        raise _corrupt_excel() from None
    targets = {
        relationship.get("Id"): relationship.get("Target", "")
        for relationship in relationships
        if relationship.get("Type", "").endswith("/worksheet")
    }
    worksheets: list[tuple[str, str, bool]] = []
    for element in workbook.iter():
        if _local_name(element.tag) != "sheet":
            continue
        relationship_id = next(
            (value for name, value in element.attrib.items() if _local_name(name) == "id"), None
        )
        target = targets.get(relationship_id)
        if target is None:
            continue
        if target.startswith("/"):
            path = target.lstrip("/")
        else:
            path = posixpath.normpath(posixpath.join("xl", target))
        visible = element.get("state", "visible") == "visible"
        worksheets.append((element.get("name", ""), path, visible))
    if not worksheets:
        raise _fail(_("ไม่พบแผ่นงาน (worksheet) ในไฟล์ Excel"))
    visible = [sheet for sheet in worksheets if sheet[2]] or worksheets
    name, path, _visible = next((sheet for sheet in visible if sheet[0] == preferred), visible[0])
    return name, path


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + (ord(letter) - ord("A") + 1)
    return number


def _too_many_cells(area: int) -> TabularError:
    return _fail(
        _("ไฟล์มีข้อมูล %(cells)s เซลล์ เกินกว่าที่รับได้ (%(limit)s เซลล์) กรุณาลบแถวหรือคอลัมน์ที่ไม่ใช้")
        % {"cells": f"{area:,}", "limit": f"{MAX_CELLS:,}"}
    )


def _too_many_columns(column: int) -> TabularError:
    return _fail(
        _("ไฟล์มีข้อมูลถึงคอลัมน์ที่ %(column)s เกินกว่าที่รับได้ (%(limit)s คอลัมน์)")
        % {"column": f"{column:,}", "limit": f"{MAX_COLUMNS:,}"}
    )


def _cell_too_long() -> TabularError:
    return _fail(
        _("ข้อความในเซลล์หนึ่งยาวเกิน %(limit)s ตัวอักษร (ขีดจำกัดของ Excel)") % {"limit": f"{MAX_CELL_CHARS:,}"}
    )


def _too_much_text(limit: int) -> TabularError:
    return _fail(_("ข้อความในเซลล์รวมกันยาวเกิน %(limit)s ตัวอักษร") % {"limit": f"{limit:,}"})


def _too_slow(seconds: int) -> TabularError:
    return _fail(_("อ่านไฟล์ Excel ไม่ได้: ใช้เวลานานเกิน %(limit)s วินาที") % {"limit": f"{seconds:,}"})


def _part_too_big(limit: int) -> TabularError:
    return _fail(_("ไฟล์ Excel มีส่วนประกอบที่เมื่อแตกไฟล์แล้วใหญ่เกิน %(limit)s MB") % {"limit": _format_mb(limit)})


# --------------------------------------------------------------------------------------------------
# XLSX: each part's real size, and no DOCTYPE
# --------------------------------------------------------------------------------------------------


def _refuse_doctype(*_args: object) -> None:
    raise _fail(_("อ่านไฟล์ Excel ไม่ได้: ไฟล์มีการประกาศ DOCTYPE หรือ ENTITY ซึ่งไม่อนุญาต"))


def _xml_parser() -> expat.XMLParserType:
    """An expat parser that refuses a DOCTYPE, and so any entity declaration: expat expands internal
    entities ("billion laughs"), and no spreadsheet program writes a DOCTYPE into an XLSX. External entities
    are never fetched (no handler is set for them). No namespace processing: a name keeps its prefix, as
    calamine sees it."""
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_doctype
    parser.buffer_text = True  # fewer, longer text callbacks
    parser.buffer_size = 64 * 1024
    return parser


def _local(name: str) -> str:
    """An element's name without its prefix ("x:c" -> "c")."""
    return name[name.rfind(":") + 1 :]


class _RootElement(Exception):
    """The prolog of an XML part is over: a DOCTYPE can no longer come."""


class _PrologCheck:
    """Feeds the start of an XML part to expat until its root element, refusing a DOCTYPE on the way."""

    def __init__(self) -> None:
        self._parser = _xml_parser()
        self._parser.StartElementHandler = self._root
        self._done = False

    def feed(self, chunk: bytes) -> None:
        if self._done:
            return
        try:
            self._parser.Parse(chunk, False)
        except _RootElement:
            self._done = True

    @staticmethod
    def _root(_name: str, _attributes: dict[str, str]) -> None:
        raise _RootElement


def _check_parts(
    archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], *, part_limit: int, deadline: _Deadline
) -> None:
    """Refuse an archive a parser could be fooled by, decompressing each part once.

    Two entries whose names differ only in case are refused: calamine looks parts up ignoring case, so it
    could read another entry than the one checked here. Each part must expand to at most `part_limit`
    bytes, counted as it really expands (a header that understates the size does not help), and to exactly
    its declared size. An XML part must not open with a DOCTYPE."""
    folded_names: set[str] = set()
    for info in infos:
        folded = info.filename.lower()
        if folded in folded_names:
            raise _corrupt_excel()
        folded_names.add(folded)
    for info in infos:
        prolog = _PrologCheck() if info.filename.lower().endswith((".xml", ".rels")) else None
        _stream_part(
            archive, info, part_limit=part_limit, deadline=deadline, feed=prolog.feed if prolog else None
        )


def _stream_part(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    *,
    part_limit: int,
    deadline: _Deadline,
    feed: Callable[[bytes], None] | None,
) -> None:
    """Decompress one part chunk by chunk (to `feed`, if given), stopping as soon as it passes
    `part_limit`. zipfile stops at the size the header declares, so the part is read through a copy of
    its entry that declares more than is ever read (reading stops within a chunk of passing the limit,
    before zipfile's end-of-entry checks): what it really expands to is what is counted."""
    if info.file_size > part_limit:
        raise _part_too_big(part_limit)
    unbounded = copy.copy(info)
    unbounded.file_size = part_limit + 2 * MB
    size = 0
    try:
        with archive.open(unbounded) as stream:
            while chunk := stream.read(MB):
                size += len(chunk)
                if size > part_limit:
                    raise _part_too_big(part_limit)
                if feed is not None:
                    feed(chunk)
                deadline.check()
    except (expat.ExpatError, *ZIP_READ_ERRORS):
        raise _corrupt_excel() from None
    if size != info.file_size:
        raise _corrupt_excel()


# --------------------------------------------------------------------------------------------------
# XLSX: the sheet's extent and the text a parser would materialise
# --------------------------------------------------------------------------------------------------


class _Scan(Protocol):
    """A streaming scan of one part: its expat handlers count, `check` refuses what passed a limit."""

    parser: expat.XMLParserType

    def check(self) -> None: ...


def _check_sheet(
    archive: zipfile.ZipFile, sheet_path: str, *, max_rows: int, max_text: int, deadline: _Deadline
) -> None:
    """Refuse a sheet too tall, too wide or too large, or whose text as the parser would materialise it
    passes `max_text` characters, before any parser allocates it.

    calamine reads xl/sharedStrings.xml (found ignoring case) whole, then gives each cell that refers to a
    string its own copy: one long string referred to by many cells is a memory bomb that the size of the
    file does not show, so each reference counts the string's length again."""
    strings = _SharedStrings(max_text=max_text)
    strings_path = next((name for name in archive.namelist() if name.lower() == "xl/sharedstrings.xml"), None)
    if strings_path is not None:
        _scan_part(archive, strings_path, strings, deadline)
    _scan_part(archive, sheet_path, _SheetScan(strings, max_rows=max_rows, max_text=max_text), deadline)


def _scan_part(archive: zipfile.ZipFile, path: str, scan: _Scan, deadline: _Deadline) -> None:
    """Feed one part (whose size `_check_parts` has checked) to a scan, checking its limits after each
    chunk: reading stops within a chunk of passing one, and the scan only counts, it keeps no text."""
    try:
        with archive.open(path) as stream:
            while chunk := stream.read(MB):
                scan.parser.Parse(chunk, False)
                scan.check()
                deadline.check()
        scan.parser.Parse(b"", True)
    except (expat.ExpatError, *ZIP_READ_ERRORS):
        raise _corrupt_excel() from None
    scan.check()


class _SharedStrings:
    """The length of each shared string, numbered as the parsers number them (one per <si>, in order).

    A string's length is all the text of its <t> elements, phonetic runs included (the parsers leave those
    out: this can only count more). Refuses a string longer than a cell may hold, more strings than
    MAX_SHARED_STRINGS, and more text than `max_text` (the parser keeps the whole table)."""

    def __init__(self, *, max_text: int) -> None:
        self.lengths = array("i")
        self.total = 0
        self._max_text = max_text
        self._in_string = False
        self._text_depth = 0
        self._length = 0
        self.parser = _xml_parser()
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.CharacterDataHandler = self._text

    def check(self) -> None:
        if len(self.lengths) > MAX_SHARED_STRINGS:
            raise _fail(
                _("ไฟล์ Excel มีข้อความที่ใช้ร่วมกัน (shared strings) เกิน %(limit)s รายการ")
                % {"limit": f"{MAX_SHARED_STRINGS:,}"}
            )
        if self.total > self._max_text:
            raise _too_much_text(self._max_text)

    def _start(self, name: str, _attributes: dict[str, str]) -> None:
        if ":" in name:
            name = _local(name)
        if name == "si":
            if self._in_string:
                raise _corrupt_excel()
            self._in_string = True
            self._length = 0
        elif name == "t" and self._in_string:
            self._text_depth += 1

    def _end(self, name: str) -> None:
        if ":" in name:
            name = _local(name)
        if name == "t":
            if self._text_depth:
                self._text_depth -= 1
        elif name == "si":
            self._in_string = False
            self.lengths.append(self._length)
            self.total += self._length

    def _text(self, text: str) -> None:
        if self._text_depth:
            self._length += len(text)
            if self._length > MAX_CELL_CHARS:
                raise _cell_too_long()


class _SheetScan:
    """The worksheet's extent and the text the parser would materialise for it.

    Places each cell as calamine does (a <row> or <c> without r="..." follows the previous one), so a
    missing or lying <dimension> or reference cannot hide the real extent. Adds up the shared-string
    table, each cell's own text (values, inline strings, formulas) and, for a cell of type "s", the
    length of the string its <v> refers to (the longest one when <v> is not a plain index). Handlers only
    count (they run for every element, so they are kept short); `check` compares with the limits."""

    def __init__(self, strings: _SharedStrings, *, max_rows: int, max_text: int) -> None:
        self.total = strings.total
        self._lengths = strings.lengths
        self._longest_string = max(strings.lengths, default=0)
        self._max_rows = max_rows
        self._max_text = max_text
        self._row = 1  # the row of a cell without a reference
        self._next_column = 1  # the column of the next cell without a reference
        self._first_row = sys.maxsize
        self.last_row = 0  # the furthest row and column a cell (or row) was placed at
        self.last_column = 0
        self._row_count = 0
        self._cell_count = 0
        self._in_cell = False
        self._string_cell = False
        self._cell_text = 0
        self._index_text: list[str] | None = None  # the text of <v> so far, in a cell of type "s"
        self._columns: dict[str, int] = {}  # column letters -> number, as seen so far
        self.parser = _xml_parser()
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.CharacterDataHandler = self._text

    def check(self) -> None:
        height = max(self.last_row - self._first_row, self._row_count - 1)
        if height > self._max_rows:
            raise _too_many_rows(height, self._max_rows)
        if self.last_column > MAX_COLUMNS:
            raise _too_many_columns(self.last_column)
        area = max(self.last_row * self.last_column, self._cell_count)
        if area > MAX_CELLS:
            raise _too_many_cells(area)
        if self.total > self._max_text:
            raise _too_much_text(self._max_text)

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        if ":" in name:
            name = _local(name)
        if name == "c":
            if self._in_cell:
                raise _corrupt_excel()
            self._in_cell = True
            self._cell_count += 1
            self._cell_text = 0
            self._string_cell = attributes.get("t") == "s"
            reference = attributes.get("r")
            if reference is None:
                row, column = self._row, self._next_column
            else:
                row, column = self._position(reference)
            self._next_column = column + 1
            if row > self.last_row:
                self.last_row = row
            if row < self._first_row:
                self._first_row = row
            if column > self.last_column:
                self.last_column = column
        elif name == "v":
            if self._string_cell:
                self._index_text = []
        elif name == "row" and not self._in_cell:
            self._row_count += 1
            reference = attributes.get("r")
            if reference is not None:
                if not (reference.isascii() and reference.isdigit() and len(reference) <= 10):
                    raise _corrupt_excel()
                self._row = int(reference)
                self.last_row = max(self.last_row, self._row)
                self._first_row = min(self._first_row, self._row)

    def _end(self, name: str) -> None:
        if ":" in name:
            name = _local(name)
        if name == "c":
            self._in_cell = False
            self._string_cell = False
        elif name == "v":
            if self._index_text is not None:
                self.total += self._string_length(self._index_text)
                self._index_text = None
        elif name == "row" and not self._in_cell:
            self._row += 1
            self._next_column = 1

    def _text(self, text: str) -> None:
        if self._in_cell:
            self._cell_text += len(text)
            if self._cell_text > MAX_CELL_CHARS:
                raise _cell_too_long()
            self.total += len(text)
            if self._index_text is not None:
                self._index_text.append(text)

    def _position(self, reference: str) -> tuple[int, int]:
        """(row, column) of a cell reference such as "B12"."""
        letters = reference.rstrip("0123456789")
        column = self._columns.get(letters)
        if column is None:
            if not (letters.isascii() and letters.isalpha() and len(letters) <= 3):
                raise _corrupt_excel()
            column = self._columns[letters] = _column_number(letters)
        digits = reference[len(letters) :]
        if not digits or len(digits) > 10:
            raise _corrupt_excel()
        return int(digits), column

    def _string_length(self, index_text: list[str]) -> int:
        """The length of the shared string a <v> refers to; the longest one when <v> holds anything but a
        plain index, since what a parser makes of that is not worth guessing."""
        if len(index_text) == 1:
            text = index_text[0]
            if text.isascii() and text.isdigit() and len(text) <= 10:
                index = int(text)
                return self._lengths[index] if index < len(self._lengths) else 0
        return self._longest_string


# --------------------------------------------------------------------------------------------------
# XLSX: parsing in a child process
# --------------------------------------------------------------------------------------------------

SHEET_READER = Path(sheet_reader.__file__)


def _sheet_reader_command(memory_bytes: int, max_text: int, sheet_name: str) -> list[str]:
    """The command line of the child process that parses the sheet. `-I` (isolated): no PYTHON*
    environment variables, no user site-packages, not the script's folder on the path."""
    return [sys.executable, "-I", str(SHEET_READER), str(memory_bytes), str(max_text), sheet_name]


def _parse_in_child(
    data: bytes, sheet_name: str, *, max_text: int, deadline: _Deadline
) -> list[list[CellValue]]:
    """The sheet's cells, parsed by `sheet_reader` in a child process under an address-space limit and
    the time left: a parser that runs out of memory (a Rust abort cannot be caught) or hangs ends that
    process, not the worker. Its standard error is logged, never shown to the user."""
    memory_mb = _setting("IMPORT_PARSE_MEMORY_MB", DEFAULT_PARSE_MEMORY_MB)
    command = _sheet_reader_command(memory_mb * MB, max_text, sheet_name)
    deadline.check()
    try:
        child = subprocess.run(
            command, input=data, capture_output=True, timeout=deadline.remaining(), check=False
        )
    except subprocess.TimeoutExpired:
        logger.warning("The XLSX parser was stopped after %s seconds", deadline.seconds)
        raise _too_slow(deadline.seconds) from None
    errors = child.stderr[-4000:].decode(errors="replace")
    if child.returncode == 0:
        try:
            return sheet_reader.decode_rows(child.stdout)
        except (ValueError, KeyError, TypeError):
            logger.error("The XLSX parser wrote something else than rows; its errors: %s", errors)
            raise _corrupt_excel() from None
    if child.returncode == sheet_reader.EXIT_UNREADABLE:
        logger.info("The XLSX parser could not read the sheet: %s", errors)
        raise _corrupt_excel()
    if child.returncode == sheet_reader.EXIT_TOO_MUCH_TEXT:
        raise _too_much_text(max_text)
    # EXIT_MEMORY, or killed by a signal (an abort on a failed allocation, the OOM killer), or any other
    # failure: most likely the memory limit.
    logger.warning("The XLSX parser stopped with exit status %s: %s", child.returncode, errors)
    raise _fail(_("อ่านไฟล์ Excel ไม่ได้: ใช้หน่วยความจำเกิน %(limit)s MB") % {"limit": f"{memory_mb:,}"})


# --------------------------------------------------------------------------------------------------
# Cells, headers and rows
# --------------------------------------------------------------------------------------------------

# Zero-width characters are removed; non-breaking and other odd spaces become ordinary spaces.
_CLEAN_TABLE = str.maketrans(
    {
        "\u200b": None,  # zero width space
        "\u200c": None,  # zero width non-joiner
        "\u200d": None,  # zero width joiner
        "\u2060": None,  # word joiner
        "\ufeff": None,  # BOM / zero width no-break space
        "\u00a0": " ",  # no-break space
        "\u2007": " ",  # figure space
        "\u202f": " ",  # narrow no-break space
    }
)


def _cell_text(value: CellValue) -> str:
    """A cell value as the user would read it: 34010101 not 34010101.0, dates as ISO, None as ""."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        if value.is_integer():
            return str(int(value))
        return repr(float(f"{value:.15g}"))  # Excel shows at most 15 significant digits
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


# Control characters (NUL and the other C0 controls but tab, line feed and carriage return, and DEL) are
# dropped: a database (PostgreSQL refuses NUL in text) and a worksheet cannot hold them.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean(value: CellValue) -> str:
    text = _cell_text(value).translate(_CLEAN_TABLE)
    if _CONTROL_RE.search(text):
        text = _CONTROL_RE.sub("", text)
    return text.strip()


def _normalise_header(text: str) -> str:
    """Lower-case, single-spaced, without a trailing "*" (the "required" mark in templates)."""
    text = " ".join(text.translate(_CLEAN_TABLE).split()).lower()
    return text.removesuffix("*").rstrip()


def _header_lookup(columns: Sequence[Column]) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for column in columns:
        if not column.headers:
            raise ValueError(f"Column {column.key!r} has no header spelling")
        for header in column.headers:
            normalised = _normalise_header(header)
            if lookup.get(normalised, column.key) != column.key:
                raise ValueError(
                    f"Header {header!r} is used by both {lookup[normalised]!r} and {column.key!r}"
                )
            lookup[normalised] = column.key
    return lookup


def _map_headers(
    cells: Sequence[CellValue], *, row_number: int, columns: Sequence[Column], lookup: dict[str, str]
) -> tuple[dict[str, int], dict[str, str]]:
    """(column key -> cell index, column key -> header as written) for the header row."""
    positions: dict[str, int] = {}
    written: dict[str, str] = {}
    errors: list[RowError] = []
    for index, cell in enumerate(cells):
        header = _clean(cell)
        key = lookup.get(_normalise_header(header))
        if key is None:
            continue
        if key in positions:
            message = _("คอลัมน์ '%(first)s' และ '%(second)s' ซ้ำกัน (เป็นข้อมูลเดียวกัน) กรุณาเหลือไว้คอลัมน์เดียว") % {
                "first": written[key],
                "second": header,
            }
            errors.append(RowError(row_number, message, header))
            continue
        positions[key] = index
        written[key] = header
    for column in columns:
        if column.required and column.key not in positions:
            message = _("ไม่พบคอลัมน์ '%(header)s' ในแถวหัวตาราง") % {"header": column.label}
            errors.append(RowError(row_number, message, column.label))
    if not positions and not errors:
        expected = ", ".join(f"'{column.label}'" for column in columns)
        message = _("ไม่พบคอลัมน์ที่รู้จักในแถวหัวตาราง (ต้องมีอย่างน้อยหนึ่งคอลัมน์จาก: %(expected)s)") % {
            "expected": expected
        }
        errors.append(RowError(row_number, message))
    if errors:
        raise TabularError(errors)
    return positions, written


def _known_keys(cells: Sequence[CellValue], lookup: dict[str, str]) -> set[str]:
    keys = (lookup.get(_normalise_header(_clean(cell))) for cell in cells)
    return {key for key in keys if key is not None}


def _search_header(
    rows: list[tuple[int, Sequence[CellValue]]], *, columns: Sequence[Column], lookup: dict[str, str]
) -> tuple[int, Sequence[CellValue]] | None:
    """(number, cells) of the header row among the filled rows: the first with every required column
    (with a known column when none is required), else the first with any known column."""
    required = {column.key for column in columns if column.required}
    found = [(number, cells, _known_keys(cells, lookup)) for number, cells in rows]
    complete = next(((number, cells) for number, cells, keys in found if keys and required <= keys), None)
    partial = next(((number, cells) for number, cells, keys in found if keys), None)
    return complete or partial


def _no_header_found(columns: Sequence[Column], search_rows: int) -> TabularError:
    wanted = [column for column in columns if column.required] or list(columns)
    expected = ", ".join(f"'{column.label}'" for column in wanted)
    if any(column.required for column in columns):
        message = _("ไม่พบแถวหัวตารางใน %(rows)s แถวแรกของไฟล์ (แถวหัวตารางต้องมีคอลัมน์ %(expected)s)")
    else:
        message = _("ไม่พบแถวหัวตารางใน %(rows)s แถวแรกของไฟล์ (แถวหัวตารางต้องมีอย่างน้อยหนึ่งคอลัมน์จาก: %(expected)s)")
    return _fail(message % {"rows": search_rows, "expected": expected})


def _build_rows(
    records: Iterable[Sequence[CellValue]],
    *,
    columns: Sequence[Column],
    lookup: dict[str, str],
    arabic_keys: set[str],
    max_rows: int,
    header_search_rows: int = 1,
) -> list[Row]:
    iterator = iter(records)
    number = 0
    header_number = 0
    header_cells: Sequence[CellValue] | None = None
    if header_search_rows == 1:
        for cells in iterator:
            number += 1
            if any(_clean(cell) for cell in cells):
                header_number, header_cells = number, cells
                break
    else:
        first_rows = list(itertools.islice(iterator, header_search_rows))
        filled = [
            (index, cells)
            for index, cells in enumerate(first_rows, start=1)
            if any(_clean(cell) for cell in cells)
        ]
        found = _search_header(filled, columns=columns, lookup=lookup)
        if found is None:
            if filled or any(any(_clean(cell) for cell in cells) for cells in iterator):
                raise _no_header_found(columns, header_search_rows)
        else:
            header_number, header_cells = found
            # the rows read past the header row are data: read them again, after it
            iterator = itertools.chain(first_rows[header_number:], iterator)
            number = header_number
    if header_cells is None:
        raise _fail(_("ไฟล์ว่าง ไม่มีข้อมูล"))
    positions, headers = _map_headers(header_cells, row_number=header_number, columns=columns, lookup=lookup)
    labels = {column.key: column.label for column in columns}

    rows: list[Row] = []
    last_filled = header_number
    for cells in iterator:
        number += 1
        texts = [_clean(cell) for cell in cells]
        if not any(texts):
            continue
        last_filled = number
        if number - header_number > max_rows:
            continue  # keep counting, to tell the user how many rows the file has
        values: dict[str, str] = {}
        for key, index in positions.items():
            text = texts[index] if index < len(texts) else ""
            values[key] = to_arabic_digits(text) if key in arabic_keys else text
        rows.append(Row(number=number, values=values, headers=headers, labels=labels))
    if last_filled - header_number > max_rows:
        raise _too_many_rows(last_filled - header_number, max_rows)
    if not rows:
        raise _fail(_("ไม่มีข้อมูลใต้แถวหัวตาราง"))
    return rows


# --------------------------------------------------------------------------------------------------
# Template writing
# --------------------------------------------------------------------------------------------------

_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _set_cell(cell: Any, value: object) -> None:
    """Write a value; text that Excel would take for a formula is forced to be text, and the control
    characters a worksheet cannot hold are dropped."""
    if isinstance(value, str):
        value = _CONTROL_RE.sub("", value)
    cell.value = value
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        cell.data_type = "s"
        cell.quotePrefix = True


def _add_choices(
    workbook: Workbook, sheet: Any, columns: Sequence[Column], choices: Mapping[str, Iterable[str]]
) -> None:
    """A list validation (a drop-down) on each column of `choices`, from row 2 to the sheet's end. A short
    list without commas or quotes is written inline; any other goes to a column of the hidden sheet
    "รายการ" (header = the column's label) and the validation refers to that range. A value outside the
    list gets a warning in Thai, which the user may override (the importer decides)."""
    positions = {column.key: index for index, column in enumerate(columns, start=1)}
    unknown = set(choices) - positions.keys()
    if unknown:
        raise ValueError(f"choices name unknown column keys: {sorted(unknown)}")
    list_sheet = None
    list_column = 0
    for key, given in choices.items():
        values = [text for text in dict.fromkeys(_clean(value) for value in given) if text]
        if not values:
            continue
        column = columns[positions[key] - 1]
        inline = ",".join(values)
        if len(inline) <= MAX_INLINE_CHOICES and not any("," in value or '"' in value for value in values):
            formula = f'"{inline}"'
        else:
            if list_sheet is None:
                list_sheet = workbook.create_sheet(CHOICES_SHEET_TITLE)
                list_sheet.sheet_state = "hidden"
            list_column += 1
            letter = get_column_letter(list_column)
            header = list_sheet.cell(row=1, column=list_column)
            _set_cell(header, column.label)
            header.font = Font(bold=True)
            for row_index, value in enumerate(values, start=2):
                _set_cell(list_sheet.cell(row=row_index, column=list_column), value)
            formula = f"{quote_sheetname(CHOICES_SHEET_TITLE)}!${letter}$2:${letter}${len(values) + 1}"
        validation = DataValidation(
            type="list",
            formula1=formula,
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",
            errorTitle=column.label[:MAX_ERROR_TITLE],
            error=_("เลือกจากรายการ"),
        )
        letter = get_column_letter(positions[key])
        validation.add(f"{letter}2:{letter}{LAST_SHEET_ROW}")
        sheet.add_data_validation(validation)
