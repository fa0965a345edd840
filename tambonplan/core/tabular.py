"""Reading uploaded tables (CSV or XLSX) for every importer, and writing XLSX templates for them.

`read_table` turns an upload into a list of `Row`s keyed by `Column.key`. It detects the file type by
content, never by name, refuses anything it cannot read safely with a `TabularError` whose `errors` are
Thai messages for the user, and numbers rows the way the user sees them in Excel (header row = 1 when
the header is on the first line; blank rows are skipped but still counted). The header row is the first
filled row, or, for a form with a title block above its table, looked for in the first rows
(`header_search_rows`).

Importers do their own row-level checks and report them as `RowError(row.number, message, column)`,
using `row.headers[key]` for the header the user actually wrote.
"""

from __future__ import annotations

import csv
import datetime
import io
import itertools
import math
import os
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from xml.etree import ElementTree

from django.conf import settings
from django.core.files.base import File
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook

from tambonplan.thai.digits import to_arabic_digits

MB = 1024 * 1024
DEFAULT_MAX_BYTES = 20 * MB
DEFAULT_MAX_ROWS = 200_000
# A ZIP (XLSX) may expand to at most this many times max_bytes before we refuse to open it.
ZIP_EXPANSION_FACTOR = 50
# Upper bound on rows x columns of the sheet area, so a tiny file cannot make the reader allocate
# billions of empty cells (e.g. one cell in A1 and one in XFD200000).
MAX_CELLS = 5_000_000

NOTES_SHEET_TITLE = "คำอธิบาย"

Source = File | IO[bytes] | str | os.PathLike[str] | bytes | bytearray | memoryview
CellValue = object


@dataclass(frozen=True)
class Column:
    key: str  # internal name, e.g. "tambon_code"
    headers: tuple[str, ...]  # accepted header spellings, e.g. ("tambon_code", "รหัสตำบล"); last = Thai
    required: bool = False  # the header must be present


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
    # column key -> header as the user wrote it (same dict for every row of a table), for RowError.column
    headers: dict[str, str] = field(default_factory=dict, compare=False, repr=False)


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
) -> bytes:
    """An XLSX with one header row (each column's last header spelling), the example rows and, if any,
    a second sheet "คำอธิบาย" listing the notes. Text that looks like a formula is written as text."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = sheet_title[:31]
    headers = [column.headers[-1] for column in columns]
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


def _xlsx_records(
    data: bytes, *, max_bytes: int, max_rows: int, preferred_sheet: str | None
) -> list[list[CellValue]]:
    """The cells of the chosen worksheet; index 0 is Excel row 1."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise _corrupt_excel() from None
    with archive:
        names = {info.filename for info in infos}
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            raise _fail(_("ชนิดไฟล์ไม่ถูกต้อง: รองรับเฉพาะ CSV และ XLSX"))
        if sum(info.file_size for info in infos) > ZIP_EXPANSION_FACTOR * max_bytes:
            raise _fail(_("ไฟล์ Excel มีข้อมูลเมื่อแตกไฟล์ใหญ่เกินกว่าที่รับได้"))
        sheet_name, sheet_path = _choose_worksheet(archive, preferred_sheet)
        _check_sheet_extent(archive, sheet_path, max_rows=max_rows)

    try:
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name(sheet_name)
        return sheet.to_python(skip_empty_area=False)
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except BaseException:  # noqa: BLE001  # calamine could not read it (a Rust panic is a BaseException);
        pass  # openpyxl is slower but more forgiving
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            worksheet = workbook[sheet_name]
            worksheet.reset_dimensions()  # do not trust the declared dimensions
            return [list(row) for row in worksheet.iter_rows(values_only=True)]
        finally:
            workbook.close()
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except BaseException:  # noqa: BLE001
        raise _corrupt_excel() from None


def _local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _choose_worksheet(archive: zipfile.ZipFile, preferred: str | None) -> tuple[str, str]:
    """(name, path inside the ZIP) of the visible worksheet named `preferred`, else of the first visible
    worksheet (chart sheets are not worksheets)."""
    try:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        relationships = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (
        KeyError,
        ElementTree.ParseError,
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        ValueError,
        EOFError,
        *ZIP_FLAG_ERRORS,
    ):
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


# Any r="B12" (cell) or r="12" (row) attribute; the match is short, so a small overlap between chunks is
# enough not to miss one (duplicates do not matter, only the extremes are kept).
_REFERENCE_RE = re.compile(rb"""\sr\s*=\s*["']\$?([A-Za-z]{0,3})\$?([0-9]{1,10})["']""")
_CELL_ELEMENT_RE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
_ROW_ELEMENT_RE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + (letter - ord("A") + 1)
    return number


def _check_sheet_extent(archive: zipfile.ZipFile, path: str, *, max_rows: int) -> None:
    """Refuse a sheet whose used area is too tall or too large before any parser allocates it.

    Streams the worksheet XML and looks at every cell/row reference and counts the row and cell elements
    (a row or cell may omit its reference), so a missing or lying <dimension> cannot hide the real extent;
    stops reading as soon as a limit is passed, so a zip bomb is refused without being expanded."""
    first_row: int | None = None
    last_row = 0
    last_column = 0
    cell_count = 0
    row_count = 0
    tail = b""

    def check() -> None:
        height = max(last_row - (first_row or 1), row_count - 1)
        if height > max_rows:
            raise _too_many_rows(height, max_rows)
        area = max(last_row * last_column, cell_count)
        if area > MAX_CELLS:
            raise _fail(
                _("ไฟล์มีข้อมูล %(cells)s เซลล์ เกินกว่าที่รับได้ (%(limit)s เซลล์) กรุณาลบแถวหรือคอลัมน์ที่ไม่ใช้")
                % {"cells": f"{area:,}", "limit": f"{MAX_CELLS:,}"}
            )

    try:
        with archive.open(path) as stream:
            while chunk := stream.read(MB):
                buffer = tail + chunk
                matches = _REFERENCE_RE.findall(buffer)
                if matches:
                    letters, digits = zip(*matches, strict=True)
                    rows = [int(number) for number in digits]
                    first_row = min(rows) if first_row is None else min(first_row, *rows)
                    last_row = max(last_row, *rows)
                    last_column = max(last_column, *(_column_number(text) for text in set(letters)))
                # elements that start in this chunk (the tail may hold the start of one cut in two)
                cell_count += len(_CELL_ELEMENT_RE.findall(buffer, max(len(tail) - 8, 0)))
                row_count += len(_ROW_ELEMENT_RE.findall(buffer, max(len(tail) - 8, 0)))
                tail = buffer[-64:]
                check()
    except (KeyError, zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, *ZIP_FLAG_ERRORS):
        raise _corrupt_excel() from None
    check()


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
            message = _(
                "คอลัมน์ '%(first)s' และ '%(second)s' ซ้ำกัน (เป็นข้อมูลเดียวกัน: %(key)s) กรุณาเหลือไว้คอลัมน์เดียว"
            ) % {
                "first": written[key],
                "second": header,
                "key": key,
            }
            errors.append(RowError(row_number, message, header))
            continue
        positions[key] = index
        written[key] = header
    for column in columns:
        if column.required and column.key not in positions:
            message = _("ไม่พบคอลัมน์ '%(header)s' (%(key)s) ในแถวหัวตาราง") % {
                "header": column.headers[-1],
                "key": column.key,
            }
            errors.append(RowError(row_number, message))
    if not positions and not errors:
        expected = ", ".join(f"'{column.headers[-1]}'" for column in columns)
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
    expected = ", ".join(f"'{column.headers[-1]}'" for column in wanted)
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
        rows.append(Row(number=number, values=values, headers=headers))
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
