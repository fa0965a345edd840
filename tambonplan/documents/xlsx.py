"""Excel workbooks for exports, streamed row by row (openpyxl write-only mode) so large exports use little
memory.

Numbers stay numbers and dates stay dates, so users can sum and sort them. No formula is ever written:
a string is always stored as text, and one that a spreadsheet could take for a formula (starting with
= + - @, a tab or a carriage return) is also marked "quote prefix", so that editing the cell in Excel or
LibreOffice keeps it as text (formula / CSV injection).

A sheet is a plain table (a bold, frozen header row, then the rows) unless it asks for a form's layout
(see `Sheet`): title rows above the header, a filled header, borders, wrapped columns, number formats and
`Heading` rows inside the data, with merged cells where asked (merging works in write-only mode: the ranges
are written after the rows), a font for every cell, and how it prints (orientation, paper, fit to the page's
width or two parts side by side, the header row and the first columns on every page, narrow margins).

openpyxl does not size rows: with a font size given, every row of a form gets its height here, from the
font's metrics (`text_lines`, `row_height`), as many lines as its longest wrapped text takes.
"""

import math
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from functools import cache
from io import BytesIO
from itertools import pairwise

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break
from pythainlp.tokenize import word_tokenize

from tambonplan.thai.dates import BANGKOK

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_TEXT = 32_767  # Excel's limit for the text of one cell
MAX_TITLE = 31  # Excel's limit for a sheet name
_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
# Thai locale (041E), Buddhist calendar (07): Excel shows 14/02/2566 for 14 February 2023.
DATE_FORMAT = "[$-107041E]dd/mm/yyyy"
DATETIME_FORMAT = "[$-107041E]dd/mm/yyyy hh:mm"
_HEADER_ALIGNMENT = Alignment(vertical="top", wrap_text=True)
_MERGED_TITLE_ALIGNMENT = Alignment(horizontal="center", vertical="center")
_TOP = Alignment(vertical="top")
_WRAPPED = Alignment(vertical="top", wrap_text=True)
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
# The paperSize codes of the .xlsx format (openpyxl's Worksheet.PAPERSIZE_A3, _A4) and the papers' sides (mm).
PAPER_A3 = 8
PAPER_A4 = 9
_PAPER_MM = {PAPER_A3: (297, 420), PAPER_A4: (210, 297)}
# Excel's "Narrow" margins, in inches: 1.9 cm above and below, 0.6 cm at the sides.
_NARROW_MARGINS = {"left": 0.25, "right": 0.25, "top": 0.75, "bottom": 0.75, "header": 0.3, "footer": 0.3}
_DEFAULT_MARGINS = {"left": 0.7, "right": 0.7}  # openpyxl's (and Excel's "Normal") side margins
_POINTS_PER_INCH = 72
_POINTS_PER_MM = 72 / 25.4
# A column `width` wide (in characters of the workbook's default font, Calibri 11: 7 pixels each) is
# 7 × width pixels in Excel, 0.75 point each, of which 5 pixels are the cell's padding; LibreOffice makes it
# about 5.55 points a character. Texts are wrapped in the narrower, pages fitted to the wider, so that what
# is computed holds in both.
_POINTS_PER_WIDTH = 7 * 0.75
_POINTS_PER_WIDTH_WIDEST = 5.6
_CELL_PADDING = 5 * 0.75
_SCALE_SLACK = 0.98  # a scale computed from widths is taken 2% smaller, for rounding in the program
_DEFAULT_WIDTH = 8.43  # a column without a width
_LAST_ROW = 1_048_575  # from 0


@dataclass(frozen=True)
class FontMetrics:
    """What it takes to tell how many lines a wrapped text makes, in ems of the font size: the advance of a
    letter (a generous average: an estimate too wide only adds a line), of a space, and a line's height (as
    Excel sizes a row: the font's ascent and descent)."""

    letter: float
    space: float
    line: float


# TH SarabunPSK: Thai texts 0.34-0.38 em a letter, 0.36-0.40 in bold; a space 0.22 em; lines 1.3 em (16 pt:
# ~21 pt), from the font's metrics.
FONT_METRICS = {"TH SarabunPSK": FontMetrics(letter=0.41, space=0.22, line=1.3)}
_DEFAULT_METRICS = FontMetrics(letter=0.6, space=0.3, line=1.36)  # Calibri: 11 pt, 15 pt rows
_DEFAULT_FONT_SIZE = 11
_ROW_PADDING = 3  # points above and below a row's lines
# Thai vowels and tone marks written above or below a letter take no width of their own.
_ZERO_WIDTH = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u200b-\u200d]")
_THAI = re.compile("[\u0e01-\u0e4f]")


@dataclass
class Sheet:
    """One worksheet: a bold, frozen header row with filter buttons, then the rows (any iterable: a
    generator or a queryset's `.values_list(...).iterator()` streams). `widths`: column widths in characters.

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

    - `font_name`, `font_size`: the font of every cell written (bold where the layout makes it bold),
      e.g. "TH SarabunPSK", 16. With a size, each row of the form is as tall as the lines of its longest
      wrapped text (the header row's titles, the texts of `wrap_columns`), at least a line.

    And how it prints (each optional too; left out, the spreadsheet program's defaults apply):

    - `landscape`: the page turned sideways.
    - `paper_size`: the paper, e.g. `PAPER_A4`, `PAPER_A3`.
    - `fit_to_width`: every column on one page's width (shrunk as needed), as many pages tall as it takes.
    - `column_break`: the table printed in two parts side by side, the second starting at this column (with
      the `repeat_columns` again): a page break before it, the pages in order across then down (a page of
      the first part, then the same rows' page of the second), and a scale that fits each part on the
      paper's width. The title rows are merged up to it, so the title block is on the first part's page.
      Needs `paper_size`; `fit_to_width` is then left out (Excel ignores page breaks when fitting).
    - `repeat_header`: the header row printed again at the top of every page (Excel's print titles); the
      title rows only on the first.
    - `repeat_columns`: this many first columns printed again at the left of every page (e.g. the number
      and the name of a row, when the table is more than a page wide).
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
    font_name: str | None = None
    font_size: float | None = None
    landscape: bool = False
    paper_size: int | None = None
    fit_to_width: bool = False
    column_break: int | None = None
    repeat_header: bool = False
    repeat_columns: int = 0
    narrow_margins: bool = False

    def __post_init__(self):
        if self.column_break is not None and not (
            self.paper_size in _PAPER_MM and self.repeat_columns < self.column_break < len(self.headers)
        ):
            raise ValueError("column_break needs a paper_size and a column after the repeated ones")

    @property
    def title_width(self) -> int:
        """The columns the title rows are merged across: up to the column break, else the table's."""
        return self.column_break or len(self.headers)


class Heading(tuple):
    """A row of `Sheet.rows` that heads the rows below it (a group's title, e.g. a strategy): bold, and
    merged when the sheet says `merge_headings`. `Heading(["ยุทธศาสตร์ที่ ๑ ..."])`."""

    __slots__ = ()


def _text_width(text: str, size: float, metrics: FontMetrics) -> float:
    """The text's width in points, as `metrics` estimate it."""
    text = _ZERO_WIDTH.sub("", text)
    spaces = text.count(" ")
    return ((len(text) - spaces) * metrics.letter + spaces * metrics.space) * size


def _pieces(word: str) -> list[str]:
    """The pieces a line may break between inside a word written without spaces: Thai words (Thai is
    written without spaces between words, and spreadsheet programs break it at word boundaries), anything
    else (digits, Latin, punctuation) kept with its neighbours."""
    pieces: list[str] = []
    for token in word_tokenize(word, engine="newmm", keep_whitespace=False):
        if pieces and _THAI.match(pieces[-1][-1]) and _THAI.match(token[0]):
            pieces.append(token)
        elif pieces:
            pieces[-1] += token
        else:
            pieces.append(token)
    return pieces


def text_lines(
    text: str, width: float, *, font_name: str | None = None, font_size: float | None = None
) -> int:
    """How many lines the text makes when it wraps in a column `width` characters wide, as a spreadsheet
    program wraps it: at spaces, between Thai words and at line breaks; a piece wider than the column
    over as many lines as it takes."""
    metrics = FONT_METRICS.get(font_name or "", _DEFAULT_METRICS)
    size = font_size or _DEFAULT_FONT_SIZE
    room = max(width * _POINTS_PER_WIDTH - _CELL_PADDING, 1.0)
    space = metrics.space * size
    lines = 0
    for paragraph in str(text).split("\n"):
        lines += 1
        used = 0.0  # the width taken on the current line
        for word in paragraph.split():
            for index, piece in enumerate(_pieces(word)):
                needed = _text_width(piece, size, metrics)
                gap = space if index == 0 and used else 0.0
                if used and used + gap + needed > room:
                    lines += 1
                    used, gap = 0.0, 0.0
                over = max(math.ceil(needed / room) - 1, 0)  # the lines a piece wider than the column fills
                lines += over
                used += gap + needed - over * room
    return lines


def row_height(lines: int, *, font_name: str | None = None, font_size: float | None = None) -> float:
    """The height in points of a row of `lines` lines of the font (a little over what they take)."""
    metrics = FONT_METRICS.get(font_name or "", _DEFAULT_METRICS)
    return math.ceil(lines * metrics.line * (font_size or _DEFAULT_FONT_SIZE) + _ROW_PADDING)


@cache
def _font(name: str | None, size: float | None, bold: bool) -> Font:
    return Font(name=name, sz=size, b=bold)


def _regular(sheet: Sheet) -> Font | None:
    """The font of the data cells: None (the workbook's default) unless the sheet names one."""
    if sheet.font_name is None and sheet.font_size is None:
        return None
    return _font(sheet.font_name, sheet.font_size, False)


def _bold(sheet: Sheet) -> Font:
    """The font of the title rows, the header row and the headings."""
    return _font(sheet.font_name, sheet.font_size, True)


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
    merged = _merge(ws, row_number, values, sheet.title_width) if sheet.merge_titles else []
    cells: list[object] = []
    for column, value in enumerate(values):
        if not _filled(value):
            cells.append(None)
            continue
        cell = _cell(ws, value)
        cell.font = _bold(sheet)
        if column in merged:
            cell.alignment = _MERGED_TITLE_ALIGNMENT
        cells.append(cell)
    return cells


def _header_row(ws, sheet: Sheet) -> list[object]:
    fill = PatternFill(fill_type="solid", fgColor=sheet.header_fill) if sheet.header_fill else None
    header = []
    for title in sheet.headers:
        cell = _text_cell(ws, _clean_text(title))
        cell.font = _bold(sheet)
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
        cell.font = _bold(sheet)
        if sheet.borders and column < width:
            cell.border = _BORDER
        cells.append(cell)
    return cells


def _data_row(ws, sheet: Sheet, values: Sequence[object]) -> list[object]:
    width = len(sheet.headers)
    aligned = bool(sheet.wrap_columns)
    font = _regular(sheet)
    cells: list[object] = []
    for column, value in enumerate(_padded(values, width) if sheet.borders else values):
        bordered = sheet.borders and column < width
        number_format = sheet.number_formats.get(column) if _is_number(value) else None
        if not (bordered or number_format or (value is not None and (aligned or font))):
            cells.append(_value(ws, value))
            continue
        cell = _cell(ws, value)
        if font is not None:
            cell.font = font
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
    if sheet.column_break is not None:
        # A column break's id is the column (from 0) it comes before; it spans every row.
        ws.col_breaks.append(Break(id=sheet.column_break, max=_LAST_ROW))
        ws.page_setup.pageOrder = "overThenDown"
        ws.page_setup.scale = _two_part_scale(sheet)
    elif sheet.fit_to_width:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0  # 0: as many pages as needed
    if sheet.repeat_header:
        header = len(sheet.title_rows) + 1
        ws.print_title_rows = f"{header}:{header}"
    if sheet.repeat_columns:
        ws.print_title_cols = f"A:{get_column_letter(sheet.repeat_columns)}"
    if sheet.narrow_margins:
        ws.page_margins = PageMargins(**_NARROW_MARGINS)


def _widths(sheet: Sheet) -> list[float]:
    """The width of each column of the table, the program's default where the sheet gives none."""
    widths = [*(sheet.widths or ())][: len(sheet.headers)]
    return [*widths, *([_DEFAULT_WIDTH] * (len(sheet.headers) - len(widths)))]


def _two_part_scale(sheet: Sheet) -> int:
    """The print scale (percent) at which each part of a sheet printed in two parts (the columns before the
    break; the repeated columns and those from the break on) fits on the paper's width."""
    widths = _widths(sheet)
    first = sum(widths[: sheet.column_break])
    second = sum(widths[: sheet.repeat_columns]) + sum(widths[sheet.column_break :])
    short, long = _PAPER_MM[sheet.paper_size]
    paper = (long if sheet.landscape else short) * _POINTS_PER_MM
    margins = _NARROW_MARGINS if sheet.narrow_margins else _DEFAULT_MARGINS
    room = paper - (margins["left"] + margins["right"]) * _POINTS_PER_INCH
    scale = room / (max(first, second) * _POINTS_PER_WIDTH_WIDEST) * _SCALE_SLACK
    return max(10, min(100, math.floor(scale * 100)))  # Excel's limits: 10% to 400%


def _size_row(ws, sheet: Sheet, number: int, values: Sequence[object], wrapped: Collection[int]) -> None:
    """With a font size, the row's height: as many lines as its longest text in a `wrapped` column takes,
    at least one. Set before the row is written: a spreadsheet program does not size a row to a larger
    font in merged cells, nor (LibreOffice) to wrapped texts, so the text would run into the next row."""
    if sheet.font_size is None:
        return
    font = {"font_name": sheet.font_name, "font_size": sheet.font_size}
    lines = 1
    for column, (value, width) in enumerate(zip(values, _widths(sheet), strict=False)):
        if column in wrapped and isinstance(value, str) and value:
            lines = max(lines, text_lines(value, width, **font))
    ws.row_dimensions[number].height = row_height(lines, **font)


def _write_sheet(ws, sheet: Sheet) -> None:
    for column, width in enumerate(sheet.widths or (), start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.freeze_panes = f"A{len(sheet.title_rows) + 2}"
    _page_setup(ws, sheet)
    row_number = 0
    for values in sheet.title_rows:
        row_number += 1
        _size_row(ws, sheet, row_number, values, ())
        ws.append(_title_row(ws, sheet, row_number, values))
    row_number += 1
    header_row = row_number
    _size_row(ws, sheet, row_number, sheet.headers, range(len(sheet.headers)))
    ws.append(_header_row(ws, sheet))
    styled = bool(sheet.borders or sheet.wrap_columns or sheet.number_formats or _regular(sheet))
    grouped = False
    for row in sheet.rows:
        row_number += 1
        if isinstance(row, Heading):
            grouped = True
            _size_row(ws, sheet, row_number, row, ())
            ws.append(_heading_row(ws, sheet, row_number, row))
        elif styled:
            _size_row(ws, sheet, row_number, row, sheet.wrap_columns)
            ws.append(_data_row(ws, sheet, row))
        else:
            ws.append([_value(ws, value) for value in row])
    # Filter buttons on the header row of a table (a form grouped under headings would lose its groups).
    if sheet.headers and not grouped:
        ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(sheet.headers))}{row_number}"


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
