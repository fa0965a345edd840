"""Excel workbooks for exports, streamed row by row (openpyxl write-only mode) so large exports use little
memory.

Numbers stay numbers and dates stay dates, so users can sum and sort them. No formula is ever written:
a string is always stored as text, and one that a spreadsheet could take for a formula (starting with
= + - @, a tab or a carriage return) is also marked "quote prefix", so that editing the cell in Excel or
LibreOffice keeps it as text (formula / CSV injection).
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from io import BytesIO

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

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


@dataclass
class Sheet:
    """One worksheet: a bold, frozen header row, then the rows (any iterable: a generator or a
    queryset's `.values_list(...).iterator()` streams). `widths` are column widths in characters."""

    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[object]]
    widths: Sequence[int] | None = None


def _sheet_title(title: str, index: int) -> str:
    cleaned = _TITLE_FORBIDDEN.sub(" ", title).strip().strip("'")[:MAX_TITLE]
    return cleaned or f"Sheet{index}"


def _value(ws, value: object) -> object:
    """What to append for the value: numbers, booleans and empty cells as they are (the fast path), dates
    as date cells shown in the Buddhist era, anything else as text."""
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
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
    text = _clean_text(value)
    return _text_cell(ws, text) if text.startswith(FORMULA_PREFIXES) else text


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


def build_xlsx(sheets: Sequence[Sheet]) -> bytes:
    """A workbook with one worksheet per `Sheet`, as the bytes of an .xlsx file."""
    workbook = Workbook(write_only=True)
    for index, sheet in enumerate(sheets, start=1):
        ws = workbook.create_sheet(_sheet_title(sheet.title, index))
        for column, width in enumerate(sheet.widths or (), start=1):
            ws.column_dimensions[get_column_letter(column)].width = width
        ws.freeze_panes = "A2"
        header = []
        for title in sheet.headers:
            cell = _text_cell(ws, _clean_text(title))
            cell.font = _HEADER_FONT
            cell.alignment = _HEADER_ALIGNMENT
            header.append(cell)
        ws.append(header)
        for row in sheet.rows:
            ws.append([_value(ws, value) for value in row])
    if not sheets:
        workbook.create_sheet("Sheet1")
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
