"""Excel workbooks for exports, streamed row by row (openpyxl write-only mode) so large exports use little
memory.

Numbers stay numbers and dates stay dates, so users can sum and sort them. No formula is ever written:
a string is always stored as text, and one that a spreadsheet could take for a formula (starting with
= + - @, a tab or a carriage return) is also marked "quote prefix", so that editing the cell in Excel or
LibreOffice keeps it as text (formula / CSV injection).

A sheet is a plain table (a bold, frozen header row, then the rows) unless it asks for a form's layout
(see `Sheet`): title rows above the header, a filled header, borders, wrapped columns, number formats and
`Heading` rows inside the data, with merged cells where asked (merging works in write-only mode: the ranges
are written after the rows), and how it prints (orientation, paper, fit to the page's width, the header row
on every page, narrow margins).
"""

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from io import BytesIO
from itertools import pairwise

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins

from tambonplan.thai.dates import BANGKOK

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_TEXT = 32_767  # Excel's limit for the text of one cell
MAX_TITLE = 31  # Excel's limit for a sheet name
_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
# Thai locale (041E), Buddhist calendar (07): Excel shows 14/02/2566 for 14 February 2023.
DATE_FORMAT = "[$-107041E]dd/mm/yyyy"
DATETIME_FORMAT = "[$-107041E]dd/mm/yyyy hh:mm"
_HEADER_FONT = Font(bold=True)
_HEADER_ALIGNMENT = Alignment(vertical="top", wrap_text=True)
_MERGED_TITLE_ALIGNMENT = Alignment(horizontal="center", vertical="center")
_TOP = Alignment(vertical="top")
_WRAPPED = Alignment(vertical="top", wrap_text=True)
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
PAPER_A4 = 9  # the paperSize code of A4 in the .xlsx format (openpyxl's Worksheet.PAPERSIZE_A4)
# Excel's "Narrow" margins, in inches: 1.9 cm above and below, 0.6 cm at the sides.
_NARROW_MARGINS = {"left": 0.25, "right": 0.25, "top": 0.75, "bottom": 0.75, "header": 0.3, "footer": 0.3}


@dataclass
class Sheet:
    """One worksheet: a bold, frozen header row, then the rows (any iterable: a generator or a
    queryset's `.values_list(...).iterator()` streams). `widths` are column widths in characters.

    The other fields lay out a form (each optional; left out, the sheet is the plain table above).
    Columns are counted from 0, as in `headers`; the table's width is the number of headers.

    - `title_rows`: rows above the header row, bold; the panes are then frozen below the header row.
    - `merge_titles`: each filled cell of a title row is merged with the empty cells to its right (up to
      the next filled cell or the table's last column) and centred.
    - `header_fill`: the header row's background colour, e.g. "D9E1F2".
    - `borders`: thin borders around every cell of the header and the data rows (within the table).
    - `wrap_columns`: the text of these columns wraps in the data rows; every data cell is then
      top-aligned, so the texts of a tall row start on the same line.
    - `number_formats`: column -> Excel number format (e.g. "#,##0.00") for the numbers of the data rows.
    - `merge_headings`: the filled cells of `Heading` rows merged as for `merge_titles` (not centred).

    And how it prints (each optional too; left out, the spreadsheet program's defaults apply):

    - `landscape`: the page turned sideways.
    - `paper_size`: the paper, e.g. `PAPER_A4`.
    - `fit_to_width`: every column on one page's width (shrunk as needed), as many pages tall as it takes.
    - `repeat_header`: the header row printed again at the top of every page (Excel's print titles); the
      title rows only on the first.
    - `narrow_margins`: Excel's "Narrow" margins, leaving more of the page to the table.
    """

    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[object]]
    widths: Sequence[int] | None = None
    title_rows: Sequence[Sequence[object]] = ()
    merge_titles: bool = False
    header_fill: str | None = None
    borders: bool = False
    wrap_columns: Collection[int] = ()
    number_formats: Mapping[int, str] = field(default_factory=dict)
    merge_headings: bool = False
    landscape: bool = False
    paper_size: int | None = None
    fit_to_width: bool = False
    repeat_header: bool = False
    narrow_margins: bool = False


class Heading(tuple):
    """A row of `Sheet.rows` that heads the rows below it (a group's title, e.g. a strategy): bold, and
    merged when the sheet says `merge_headings`. `Heading(["ยุทธศาสตร์ที่ ๑ ..."])`."""

    __slots__ = ()


def _sheet_title(title: str, index: int) -> str:
    cleaned = _TITLE_FORBIDDEN.sub(" ", title).strip().strip("'")[:MAX_TITLE]
    return cleaned or f"Sheet{index}"


def _value(ws, value: object) -> object:
    """What to append for the value: numbers, booleans and empty cells as they are (the fast path), dates
    as date cells shown in the Buddhist era, anything else as text."""
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    if isinstance(value, date | time):
        return _cell(ws, value)
    text = _clean_text(value)
    return _text_cell(ws, text) if text.startswith(FORMULA_PREFIXES) else text


def _cell(ws, value: object) -> WriteOnlyCell:
    """The value in a cell that can be styled, written as `_value` writes it."""
    if value is None or isinstance(value, bool | int | float | Decimal):
        return WriteOnlyCell(ws, value)
    if isinstance(value, date | time):
        if isinstance(value, datetime) and timezone.is_aware(value):
            # Excel has no time zones: write the wall-clock time in Thailand.
            value = timezone.localtime(value, BANGKOK).replace(tzinfo=None)
        cell = WriteOnlyCell(ws, value)
        if isinstance(value, datetime):
            cell.number_format = DATETIME_FORMAT
        elif isinstance(value, date):
            cell.number_format = DATE_FORMAT
        return cell
    return _text_cell(ws, _clean_text(value))


def _clean_text(value: object) -> str:
    """The value as text without the control characters a worksheet cannot hold, cut to Excel's limit."""
    text = str(value)
    if ILLEGAL_CHARACTERS_RE.search(text):
        text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return text[:MAX_CELL_TEXT]


def _text_cell(ws, text: str) -> WriteOnlyCell:
    """A cell that holds the text as text, never as a formula."""
    cell = WriteOnlyCell(ws, text)
    cell.data_type = "s"  # openpyxl stores a string starting with "=" as a formula
    if text.startswith(FORMULA_PREFIXES):
        cell.quotePrefix = True
    return cell


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _filled(value: object) -> bool:
    return value is not None and value != ""


def _merge(ws, row_number: int, values: Sequence[object], width: int) -> list[int]:
    """Merge each filled cell of the row with the empty cells to its right, up to the next filled cell or
    the table's last column; the columns (from 0) of the merged cells' first cells."""
    filled = [column for column, value in enumerate(values) if _filled(value) and column < width]
    merged = []
    for column, end in pairwise([*filled, width]):
        if end - 1 > column:
            ws.merged_cells.add(
                f"{get_column_letter(column + 1)}{row_number}:{get_column_letter(end)}{row_number}"
            )
            merged.append(column)
    return merged


def _padded(values: Sequence[object], width: int) -> list[object]:
    return [*values, *([None] * (width - len(values)))]


def _title_row(ws, sheet: Sheet, row_number: int, values: Sequence[object]) -> list[object]:
    merged = _merge(ws, row_number, values, len(sheet.headers)) if sheet.merge_titles else []
    cells: list[object] = []
    for column, value in enumerate(values):
        if not _filled(value):
            cells.append(None)
            continue
        cell = _cell(ws, value)
        cell.font = _HEADER_FONT
        if column in merged:
            cell.alignment = _MERGED_TITLE_ALIGNMENT
        cells.append(cell)
    return cells


def _header_row(ws, sheet: Sheet) -> list[object]:
    fill = PatternFill(fill_type="solid", fgColor=sheet.header_fill) if sheet.header_fill else None
    header = []
    for title in sheet.headers:
        cell = _text_cell(ws, _clean_text(title))
        cell.font = _HEADER_FONT
        cell.alignment = _HEADER_ALIGNMENT
        if fill is not None:
            cell.fill = fill
        if sheet.borders:
            cell.border = _BORDER
        header.append(cell)
    return header


def _heading_row(ws, sheet: Sheet, row_number: int, values: Sequence[object]) -> list[object]:
    width = len(sheet.headers)
    if sheet.merge_headings:
        _merge(ws, row_number, values, width)
    cells: list[object] = []
    for column, value in enumerate(_padded(values, width) if sheet.borders else values):
        if value is None and not (sheet.borders and column < width):
            cells.append(None)
            continue
        cell = _cell(ws, value)
        cell.font = _HEADER_FONT
        if sheet.borders and column < width:
            cell.border = _BORDER
        cells.append(cell)
    return cells


def _data_row(ws, sheet: Sheet, values: Sequence[object]) -> list[object]:
    width = len(sheet.headers)
    aligned = bool(sheet.wrap_columns)
    cells: list[object] = []
    for column, value in enumerate(_padded(values, width) if sheet.borders else values):
        bordered = sheet.borders and column < width
        number_format = sheet.number_formats.get(column) if _is_number(value) else None
        if not (bordered or number_format or (aligned and value is not None)):
            cells.append(_value(ws, value))
            continue
        cell = _cell(ws, value)
        if bordered:
            cell.border = _BORDER
        if number_format:
            cell.number_format = number_format
        if aligned and value is not None:
            cell.alignment = _WRAPPED if column in sheet.wrap_columns else _TOP
        cells.append(cell)
    return cells


def _page_setup(ws, sheet: Sheet) -> None:
    """How the sheet prints, set only where the sheet asks (a write-only sheet writes its properties, which
    hold fit-to-page, with its first row: this comes before any row)."""
    if sheet.landscape:
        ws.page_setup.orientation = "landscape"
    if sheet.paper_size is not None:
        ws.page_setup.paperSize = sheet.paper_size
    if sheet.fit_to_width:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0  # 0: as many pages as needed
    if sheet.repeat_header:
        header = len(sheet.title_rows) + 1
        ws.print_title_rows = f"{header}:{header}"
    if sheet.narrow_margins:
        ws.page_margins = PageMargins(**_NARROW_MARGINS)


def _write_sheet(ws, sheet: Sheet) -> None:
    for column, width in enumerate(sheet.widths or (), start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.freeze_panes = f"A{len(sheet.title_rows) + 2}"
    _page_setup(ws, sheet)
    row_number = 0
    for values in sheet.title_rows:
        row_number += 1
        ws.append(_title_row(ws, sheet, row_number, values))
    ws.append(_header_row(ws, sheet))
    row_number += 1
    styled = bool(sheet.borders or sheet.wrap_columns or sheet.number_formats)
    for row in sheet.rows:
        row_number += 1
        if isinstance(row, Heading):
            ws.append(_heading_row(ws, sheet, row_number, row))
        elif styled:
            ws.append(_data_row(ws, sheet, row))
        else:
            ws.append([_value(ws, value) for value in row])


def build_xlsx(sheets: Sequence[Sheet]) -> bytes:
    """A workbook with one worksheet per `Sheet`, as the bytes of an .xlsx file."""
    workbook = Workbook(write_only=True)
    for index, sheet in enumerate(sheets, start=1):
        _write_sheet(workbook.create_sheet(_sheet_title(sheet.title, index)), sheet)
    if not sheets:
        workbook.create_sheet("Sheet1")
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
