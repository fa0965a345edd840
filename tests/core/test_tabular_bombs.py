"""XLSX files built to exhaust the reader (issue 14, item 2), written part by part.

The shared-strings bomb: calamine gives each cell its own copy of the shared string it refers to, so one
long string referred to by many cells makes a tiny file expand to gigabytes in the parser, and a Rust
allocation failure aborts the process. The reader must refuse such a file by streaming its parts before
any parser runs (bounded memory, a Thai message naming the limit), and whatever still gets past those
checks is parsed in a child process under a memory limit and a timeout, so the worker survives.
"""

from __future__ import annotations

import datetime
import io
import logging
import math
import resource
import sys
import time
import tracemalloc
import zipfile
import zlib

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from tambonplan.core import sheet_reader, tabular
from tambonplan.core.tabular import Column, Row, TabularError, read_table

pytestmark = pytest.mark.slow

COLUMNS = [
    Column("tambon_code", ("tambon_code", "รหัสตำบล"), required=True),
    Column("village_no", ("village_no", "หมู่ที่"), required=True),
]
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
HEADER_ROW = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>รหัสตำบล</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>หมู่ที่</t></is></c></row>'
)
DATA_ROW = '<row r="2"><c r="A2" t="inlineStr"><is><t>340101</t></is></c><c r="B2"><v>7</v></c></row>'

CORRUPT = "อ่านไฟล์ Excel ไม่ได้: ไฟล์อาจเสียหาย"
DOCTYPE = "อ่านไฟล์ Excel ไม่ได้: ไฟล์มีการประกาศ DOCTYPE หรือ ENTITY ซึ่งไม่อนุญาต"
TOO_LONG = "ข้อความในเซลล์หนึ่งยาวเกิน 32,767 ตัวอักษร (ขีดจำกัดของ Excel)"


def workbook_parts() -> dict[str, bytes]:
    """Every part of a one-sheet workbook but the sheet and the shared strings."""
    relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006/relationships"
    return {
        "[Content_Types].xml": (
            b'<?xml version="1.0" encoding="UTF-8"?>'
            b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            b'<Default Extension="xml" ContentType="application/xml"/>'
            b'<Override PartName="/xl/workbook.xml" '
            b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            b'<Override PartName="/xl/worksheets/sheet1.xml" '
            b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            b'<Override PartName="/xl/sharedStrings.xml" '
            b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            b"</Types>"
        ),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}">'
            f'<Relationship Id="rId1" Type="{relationships}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ).encode(),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{relationships}">'
            '<sheets><sheet name="หมู่บ้าน" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ).encode(),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}">'
            f'<Relationship Id="rId1" Type="{relationships}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{relationships}/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>"
        ).encode(),
    }


def sheet_xml(rows: str) -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>'.encode()


def shared_strings_xml(strings: list[str]) -> bytes:
    items = "".join(f"<si><t>{text}</t></si>" for text in strings)
    return f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">{items}</sst>'.encode()


def xlsx(
    rows: str = HEADER_ROW + DATA_ROW,
    *,
    strings: list[str] | None = None,
    parts: dict[str, bytes] | None = None,
) -> bytes:
    """A workbook written part by part: the sheet holds `rows` (XML), the shared strings `strings`;
    `parts` adds or replaces parts by name."""
    contents = workbook_parts()
    contents["xl/worksheets/sheet1.xml"] = sheet_xml(rows)
    if strings is not None:
        contents["xl/sharedStrings.xml"] = shared_strings_xml(strings)
    contents.update(parts or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, body in contents.items():
            archive.writestr(name, body)
    return buffer.getvalue()


def string_cells(count: int, *, index: int = 0, first_row: int = 2) -> str:
    """`count` cells (ten to a row) that each refer to the shared string `index`."""
    rows = []
    for row in range(first_row, first_row + math.ceil(count / 10)):
        cells = "".join(f'<c r="{letter}{row}" t="s"><v>{index}</v></c>' for letter in "ABCDEFGHIJ")
        rows.append(f'<row r="{row}">{cells}</row>')
    return "".join(rows)


def refusal(content: bytes, **kwargs: object) -> str:
    with pytest.raises(TabularError) as caught:
        read_table(content, columns=COLUMNS, **kwargs)
    [error] = caught.value.errors
    return error.message


def must_not_parse(*_args: object, **_kwargs: object) -> None:
    raise AssertionError("the file should be refused before any parser runs")


def max_rss_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def assert_the_worker_still_imports() -> None:
    assert read_table(xlsx(), columns=COLUMNS) == [Row(2, {"tambon_code": "340101", "village_no": "7"})]


# ---------------------------------------------------------------------------------------------- the shared-strings bomb


def test_the_shared_strings_bomb_is_refused_while_streaming_in_bounded_memory(settings, monkeypatch):
    """One 30,000-character string referred to by 2,000 cells: 60 million characters for the parser, from
    a file of a few KB. Refused by the streaming checks, which keep no text: memory stays flat."""
    settings.IMPORT_MAX_CELL_TEXT = 10_000_000
    content = xlsx(HEADER_ROW + string_cells(2_000), strings=["ก" * 30_000])
    assert len(content) < 20_000
    monkeypatch.setattr(tabular, "_parse_in_child", must_not_parse)

    rss_before = max_rss_kb()
    tracemalloc.start()
    try:
        message = refusal(content)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    rss_growth = max_rss_kb() - rss_before

    assert message == "ข้อความในเซลล์รวมกันยาวเกิน 10,000,000 ตัวอักษร"
    assert peak < 2 * 1024 * 1024, f"the checks allocated {peak:,} bytes"
    assert rss_growth < 8 * 1024, f"the process grew by {rss_growth:,} KB"
    monkeypatch.undo()
    assert_the_worker_still_imports()


def test_the_shared_strings_bomb_is_refused_with_the_default_limit():
    content = xlsx(HEADER_ROW + string_cells(2_000), strings=["x" * 30_000])

    assert refusal(content) == "ข้อความในเซลล์รวมกันยาวเกิน 50,000,000 ตัวอักษร"


def test_a_bomb_past_the_checks_kills_only_the_child_process(settings, caplog):
    """With the streaming limit lifted, the parser itself meets the bomb (300 million characters) in the
    child process: the child dies at its address-space limit, the worker gets a Thai refusal, stays small,
    and imports the next file."""
    settings.IMPORT_MAX_CELL_TEXT = 10**12
    settings.IMPORT_PARSE_MEMORY_MB = 256
    content = xlsx(HEADER_ROW + string_cells(10_000), strings=["x" * 30_000])
    assert len(content) < 60_000

    rss_before = max_rss_kb()
    with caplog.at_level(logging.WARNING, logger="tambonplan.core.tabular"):
        message = refusal(content)
    rss_growth = max_rss_kb() - rss_before

    assert message == "อ่านไฟล์ Excel ไม่ได้: ใช้หน่วยความจำเกิน 256 MB"
    assert rss_growth < 8 * 1024, f"the worker grew by {rss_growth:,} KB"
    assert "exit status" in caplog.text  # the child's own words are logged, not shown
    assert_the_worker_still_imports()


def test_the_shared_string_a_cell_refers_to_is_what_counts(settings):
    """Cells that refer to a short string are not charged for a long one; a <v> that is not a plain
    index is charged the longest string, whatever a parser would make of it."""
    settings.IMPORT_MAX_CELL_TEXT = 1_000_000
    strings = ["x" * 30_000, "340101"]
    rows = HEADER_ROW + string_cells(1_000, index=1)
    assert read_table(xlsx(rows, strings=strings), columns=COLUMNS)[0].values["tambon_code"] == "340101"

    odd = "".join(f'<row r="{row}"><c r="A{row}" t="s"><v> 1 </v></c></row>' for row in range(2, 100))
    assert refusal(xlsx(HEADER_ROW + odd, strings=strings)) == "ข้อความในเซลล์รวมกันยาวเกิน 1,000,000 ตัวอักษร"


def test_the_shared_string_table_counts_even_when_no_cell_refers_to_it(settings):
    """The parser reads the whole table: 40 strings of 30,000 characters are 1.2 million characters."""
    settings.IMPORT_MAX_CELL_TEXT = 1_000_000

    assert refusal(xlsx(strings=["x" * 30_000] * 40)) == "ข้อความในเซลล์รวมกันยาวเกิน 1,000,000 ตัวอักษร"


def test_inline_strings_count_their_own_length(settings):
    settings.IMPORT_MAX_CELL_TEXT = 100_000
    rows = "".join(
        f'<row r="{row}"><c r="A{row}" t="inlineStr"><is><t>{"ข" * 10_000}</t></is></c></row>'
        for row in range(2, 13)
    )

    assert refusal(xlsx(HEADER_ROW + rows)) == "ข้อความในเซลล์รวมกันยาวเกิน 100,000 ตัวอักษร"


def test_a_shared_string_longer_than_excel_allows_is_refused(monkeypatch):
    cell = '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2"><v>1</v></c></row>'
    at_the_limit = xlsx(HEADER_ROW + cell, strings=["ก" * 32_767])
    assert read_table(at_the_limit, columns=COLUMNS)[0].values["tambon_code"] == "ก" * 32_767

    monkeypatch.setattr(tabular, "_parse_in_child", must_not_parse)
    assert refusal(xlsx(HEADER_ROW + cell, strings=["ก" * 32_768])) == TOO_LONG
    # the same string in pieces (rich text) is still one string
    rich = f'<sst xmlns="{MAIN}"><si><r><t>{"a" * 20_000}</t></r><r><t>{"b" * 20_000}</t></r></si></sst>'
    assert refusal(xlsx(HEADER_ROW + cell, parts={"xl/sharedStrings.xml": rich.encode()})) == TOO_LONG
    # and a cell's own text may not be longer either
    inline = f'<row r="2"><c r="A2" t="inlineStr"><is><t>{"ข" * 32_768}</t></is></c></row>'
    assert refusal(xlsx(HEADER_ROW + inline)) == TOO_LONG


# ---------------------------------------------------------------------------------------------- parts and their sizes


def understate(content: bytes, name: str, declared: int) -> bytes:
    """The archive with the entry `name` declaring `declared` bytes (local and central headers) and the
    CRC of its first `declared` bytes: zipfile reading by the header sees a small, valid entry."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        info = archive.getinfo(name)
        crc = zlib.crc32(archive.read(name)[:declared])
    data = bytearray(content)
    local = info.header_offset
    assert data[local : local + 4] == b"PK\x03\x04"
    data[local + 14 : local + 18] = crc.to_bytes(4, "little")
    data[local + 22 : local + 26] = declared.to_bytes(4, "little")
    central = data.find(b"PK\x01\x02")
    while not data[central + 46 :].startswith(name.encode()):
        central = data.find(b"PK\x01\x02", central + 1)
    data[central + 16 : central + 20] = crc.to_bytes(4, "little")
    data[central + 24 : central + 28] = declared.to_bytes(4, "little")
    return bytes(data)


def padded_shared_strings(size: int) -> bytes:
    """A valid shared-string table of about `size` bytes (whitespace between its strings)."""
    return f'<sst xmlns="{MAIN}"><si><t>a</t></si>'.encode() + b" " * size + b"</sst>"


def test_a_part_whose_header_understates_its_size_is_refused_by_what_it_really_expands_to(monkeypatch):
    """30 MB of shared strings declared as 1 KB: the declared total passes, the part's real size does not."""
    content = understate(
        xlsx(parts={"xl/sharedStrings.xml": padded_shared_strings(30 * 1024 * 1024)}),
        "xl/sharedStrings.xml",
        1024,
    )
    assert len(content) < 1024 * 1024
    monkeypatch.setattr(tabular, "_parse_in_child", must_not_parse)

    started = time.monotonic()
    message = refusal(content, max_bytes=1024 * 1024)

    assert message == "ไฟล์ Excel มีส่วนประกอบที่เมื่อแตกไฟล์แล้วใหญ่เกิน 20 MB"
    assert time.monotonic() - started < 3


def test_a_part_whose_real_size_is_not_its_declared_size_is_corrupt(monkeypatch):
    content = understate(
        xlsx(parts={"xl/sharedStrings.xml": padded_shared_strings(100_000)}), "xl/sharedStrings.xml", 1024
    )
    monkeypatch.setattr(tabular, "_parse_in_child", must_not_parse)

    assert refusal(content) == CORRUPT


def test_a_part_declared_larger_than_the_part_limit_is_refused_without_reading_it(monkeypatch):
    content = xlsx(parts={"xl/sharedStrings.xml": padded_shared_strings(25 * 1024 * 1024)})
    monkeypatch.setattr(tabular, "_parse_in_child", must_not_parse)

    assert refusal(content, max_bytes=1024 * 1024) == "ไฟล์ Excel มีส่วนประกอบที่เมื่อแตกไฟล์แล้วใหญ่เกิน 20 MB"


def test_entries_whose_names_differ_only_in_case_are_refused(monkeypatch):
    """calamine finds a part ignoring case: it could read the one that was not checked."""
    content = xlsx(strings=["x"], parts={"xl/SharedStrings.xml": shared_strings_xml(["y"])})
    monkeypatch.setattr(tabular, "_parse_in_child", must_not_parse)

    assert refusal(content) == CORRUPT


# ---------------------------------------------------------------------------------------------- rows and columns


def test_a_cell_beyond_excels_last_column_is_refused(monkeypatch):
    monkeypatch.setattr(tabular, "_parse_in_child", must_not_parse)
    far = HEADER_ROW + '<row r="2"><c r="XFE2"><v>1</v></c></row>'
    assert refusal(xlsx(far)) == "ไฟล์มีข้อมูลถึงคอลัมน์ที่ 16,385 เกินกว่าที่รับได้ (16,384 คอลัมน์)"

    # cells without a reference follow the previous one: 16,385 of them reach column XFE as well
    bare = HEADER_ROW + "<row>" + "<c><v>1</v></c>" * 16_385 + "</row>"
    assert refusal(xlsx(bare)) == "ไฟล์มีข้อมูลถึงคอลัมน์ที่ 16,385 เกินกว่าที่รับได้ (16,384 คอลัมน์)"


def test_a_wide_row_without_references_and_a_far_row_are_refused_by_their_area(monkeypatch):
    """16,000 cells without references in row 2 and one cell in row 200,000: a 3.2-billion-cell area that
    counting references alone does not see."""
    monkeypatch.setattr(tabular, "_parse_in_child", must_not_parse)
    rows = (
        HEADER_ROW
        + "<row>"
        + "<c><v>1</v></c>" * 16_000
        + '</row><row r="200000"><c r="A200000"><v>1</v></c></row>'
    )

    assert refusal(xlsx(rows)).startswith("ไฟล์มีข้อมูล 3,200,000,000 เซลล์ เกินกว่าที่รับได้")


@pytest.mark.parametrize("reference", ["$A$2", "AAAA2", "A", "2", "A99999999999", "A-2"])
def test_a_cell_reference_no_spreadsheet_writes_is_corrupt(reference, monkeypatch):
    monkeypatch.setattr(tabular, "_parse_in_child", must_not_parse)

    assert refusal(xlsx(HEADER_ROW + f'<row><c r="{reference}"><v>1</v></c></row>')) == CORRUPT


# ---------------------------------------------------------------------------------------------- XML declarations

BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + level)} "{("&" + chr(97 + level) + ";") * 10}">' for level in range(8))
    + f']><sst xmlns="{MAIN}"><si><t>&i;</t></si></sst>'
).encode()
EXTERNAL_ENTITY = (
    f'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY x SYSTEM "file:///etc/passwd">]><sst xmlns="{MAIN}">'
    "<si><t>&x;</t></si></sst>"
).encode()


@pytest.mark.parametrize(
    "part",
    ["xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "xl/workbook.xml", "docProps/app.xml"],
)
@pytest.mark.parametrize("body", [BILLION_LAUGHS, EXTERNAL_ENTITY, b'<!DOCTYPE x><x xmlns="y"/>'])
def test_a_doctype_in_any_xml_part_is_refused(part, body, monkeypatch):
    monkeypatch.setattr(tabular, "_parse_in_child", must_not_parse)
    content = xlsx(strings=["x"], parts={part: body})

    assert refusal(content) == DOCTYPE


# ---------------------------------------------------------------------------------------------- the child process


def test_a_child_that_takes_too_long_is_stopped(settings, monkeypatch):
    settings.IMPORT_PARSE_TIMEOUT_SECONDS = 1
    monkeypatch.setattr(
        tabular, "_sheet_reader_command", lambda *_args: [sys.executable, "-c", "import time; time.sleep(30)"]
    )

    started = time.monotonic()
    assert refusal(xlsx()) == "อ่านไฟล์ Excel ไม่ได้: ใช้เวลานานเกิน 1 วินาที"
    assert time.monotonic() - started < 5


def test_the_streaming_checks_share_the_time_limit(settings, monkeypatch):
    """A sheet of millions of empty elements (a few KB compressed) keeps the checks' XML handlers busy for
    seconds without passing any size limit: the time limit stops them."""
    settings.IMPORT_PARSE_TIMEOUT_SECONDS = 1
    monkeypatch.setattr(tabular, "_parse_in_child", must_not_parse)
    busy = sheet_xml(HEADER_ROW).replace(b"<sheetData>", b"<sheetData>" + b"<x/>" * 8_000_000)

    started = time.monotonic()
    assert refusal(xlsx(parts={"xl/worksheets/sheet1.xml": busy})) == "อ่านไฟล์ Excel ไม่ได้: ใช้เวลานานเกิน 1 วินาที"
    assert time.monotonic() - started < 3


def test_a_child_killed_by_a_signal_is_refused_and_its_errors_are_only_logged(monkeypatch, caplog):
    crash = "import os, signal, sys; print('secret parser detail', file=sys.stderr, flush=True); os.kill(os.getpid(), signal.SIGSEGV)"
    monkeypatch.setattr(tabular, "_sheet_reader_command", lambda *_args: [sys.executable, "-c", crash])

    with caplog.at_level(logging.WARNING, logger="tambonplan.core.tabular"):
        message = refusal(xlsx())

    assert message == "อ่านไฟล์ Excel ไม่ได้: ใช้หน่วยความจำเกิน 1,024 MB"
    assert "secret parser detail" in caplog.text
    assert "-11" in caplog.text
    monkeypatch.undo()
    assert_the_worker_still_imports()


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (sheet_reader.EXIT_UNREADABLE, CORRUPT),
        (sheet_reader.EXIT_MEMORY, "อ่านไฟล์ Excel ไม่ได้: ใช้หน่วยความจำเกิน 1,024 MB"),
        (sheet_reader.EXIT_TOO_MUCH_TEXT, "ข้อความในเซลล์รวมกันยาวเกิน 50,000,000 ตัวอักษร"),
        (1, "อ่านไฟล์ Excel ไม่ได้: ใช้หน่วยความจำเกิน 1,024 MB"),
    ],
)
def test_each_exit_status_of_the_child_has_its_message(status, expected, monkeypatch):
    monkeypatch.setattr(
        tabular, "_sheet_reader_command", lambda *_args: [sys.executable, "-c", f"raise SystemExit({status})"]
    )

    assert refusal(xlsx()) == expected


def test_a_child_that_writes_something_else_than_rows_is_a_corrupt_file(monkeypatch):
    monkeypatch.setattr(
        tabular, "_sheet_reader_command", lambda *_args: [sys.executable, "-c", "print('{1: 2}')"]
    )

    assert refusal(xlsx()) == CORRUPT


def test_the_child_returns_exactly_what_calamine_returns():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "ค่า"
    sheet.append(["รหัสตำบล", "หมู่ที่", "x"])
    sheet.append([34010101, 3.0, 1.5])
    sheet.append([True, False, None])
    sheet.append(
        [
            datetime.datetime(2024, 10, 1, 8, 30, 15, 250_000),
            datetime.date(2024, 10, 1),
            datetime.time(23, 59, 1),
        ]
    )
    sheet.append([datetime.timedelta(days=2, hours=3), "ไทย 😀 \u200b", "=1+1"])
    sheet.append(["#N/A", 1e308, -0.0])
    sheet["A9"] = "ห่าง"
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = buffer.getvalue()
    in_process = (
        CalamineWorkbook.from_filelike(io.BytesIO(data))
        .get_sheet_by_name("ค่า")
        .to_python(skip_empty_area=False)
    )

    records = tabular._xlsx_records(data, max_bytes=10 * 1024 * 1024, max_rows=1000, preferred_sheet=None)

    assert records == in_process
    assert [[type(value) for value in row] for row in records] == [
        [type(value) for value in row] for row in in_process
    ]


def test_the_rows_survive_the_trip_through_json_value_for_value():
    rows = [
        [
            "ก",
            "",
            0,
            -7,
            10**30,
            1.5,
            -0.0,
            math.inf,
            -math.inf,
            math.nan,
            True,
            None,
            datetime.datetime(2024, 1, 2, 3, 4, 5, 6),
            datetime.date(2024, 1, 2),
            datetime.time(3, 4, 5, 6),
            datetime.timedelta(days=-1, seconds=5, microseconds=7),
        ]
    ]
    output = io.BytesIO()

    sheet_reader.write_rows(rows, output, max_text=100)
    [decoded] = sheet_reader.decode_rows(output.getvalue())

    assert [type(value) for value in decoded] == [type(value) for value in rows[0]]
    for value, original in zip(decoded, rows[0], strict=True):
        assert value == original or (math.isnan(value) and math.isnan(original))
    assert math.copysign(1, decoded[6]) == -1


def test_the_child_refuses_more_text_than_it_was_allowed():
    with pytest.raises(sheet_reader.TooMuchText):
        sheet_reader.write_rows([["x" * 60], ["y" * 60]], io.BytesIO(), max_text=100)


# ---------------------------------------------------------------------------------------------- fuzzing the streaming checks

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)
XML_PIECES = [
    "<row>",
    "</row>",
    '<row r="3">',
    '<row r="99999999999">',
    "<c>",
    "</c>",
    '<c r="B2" t="s">',
    '<c r="XFD1048576">',
    '<c t="inlineStr">',
    "<v>0</v>",
    "<v>1</v>",
    "<v>4294967296</v>",
    "<v> </v>",
    "<is><t>",
    "</t></is>",
    "<si>",
    "</si>",
    "<t>",
    "</t>",
    "<r><t>x</t></r>",
    "<rPh><t>ふ</t></rPh>",
    "<x:c>",
    "<!-- c -->",
    "<![CDATA[<c>]]>",
    "&#0;",
    "&amp;",
    "&x;",
    "<!DOCTYPE x>",
    "ก" * 40,
    "x" * 5_000,
]


def reads_or_refuses(content: bytes) -> None:
    try:
        read_table(content, columns=COLUMNS)
    except TabularError as error:
        assert error.errors[0].message


@FUZZ
@given(
    position=st.integers(min_value=0),
    garbage=st.binary(min_size=1, max_size=32),
    part=st.sampled_from(["sheet", "strings"]),
)
def test_random_bytes_in_the_sheet_or_the_shared_strings_only_ever_give_a_thai_refusal(
    position, garbage, part
):
    strings = shared_strings_xml(["340101", "ข" * 100])
    sheet = sheet_xml(
        HEADER_ROW + '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c></row>'
    )
    target = bytearray(sheet if part == "sheet" else strings)
    index = position % len(target)
    target[index : index + len(garbage)] = garbage
    if part == "sheet":
        content = xlsx(parts={"xl/worksheets/sheet1.xml": bytes(target), "xl/sharedStrings.xml": strings})
    else:
        content = xlsx(parts={"xl/worksheets/sheet1.xml": sheet, "xl/sharedStrings.xml": bytes(target)})
    reads_or_refuses(content)


@FUZZ
@given(
    sheet=st.lists(st.sampled_from(XML_PIECES), max_size=40),
    strings=st.lists(st.sampled_from(XML_PIECES), max_size=20),
)
def test_odd_xml_in_the_sheet_and_the_shared_strings_only_ever_gives_a_thai_refusal(sheet, strings):
    sst = f'<sst xmlns="{MAIN}"><si><t>340101</t></si>{"".join(strings)}</sst>'.encode()
    reads_or_refuses(xlsx(HEADER_ROW + "".join(sheet), parts={"xl/sharedStrings.xml": sst}))


@st.composite
def sheets(draw: st.DrawFn) -> tuple[list[str], str]:
    """Well-formed shared strings and sheet XML with the odd but valid things a file may hold: strings in
    runs, phonetic runs and empty entries; rows and cells with and without references; shared-string
    cells whose <v> is an index, out of range, padded or split by a comment; inline strings."""
    text = st.text(alphabet="กขx ", max_size=30)
    entries = draw(
        st.lists(
            st.one_of(
                text.map(lambda value: f"<si><t>{value}</t></si>"),
                st.tuples(text, text).map(
                    lambda runs: f"<si><r><t>{runs[0]}</t></r><r><t>{runs[1]}</t></r></si>"
                ),
                text.map(lambda value: f"<si><t>{value}</t><rPh><t>ふりがな</t></rPh></si>"),
                st.just("<si/>"),
            ),
            min_size=1,
            max_size=6,
        )
    )
    value = st.one_of(
        st.integers(min_value=0, max_value=7).map(lambda index: ("s", f"<v>{index}</v>")),
        st.sampled_from(["<v> 1 </v>", "<v>1<!-- -->0</v>", "<v></v>", "<v>x</v>"]).map(lambda v: ("s", v)),
        text.map(lambda value: ("inlineStr", f"<is><t>{value}</t></is>")),
        text.map(lambda value: ("str", f"<v>{value}</v>")),
        st.integers(min_value=-5, max_value=5).map(lambda number: (None, f"<v>{number}</v>")),
    )
    reference = st.one_of(st.none(), st.tuples(st.integers(1, 30), st.integers(1, 12)))
    rows = []
    for row_reference in draw(st.lists(st.one_of(st.none(), st.integers(1, 12)), max_size=6)):
        cells = []
        for cell_reference, (kind, content) in draw(st.lists(st.tuples(reference, value), max_size=5)):
            attributes = f' t="{kind}"' if kind else ""
            if cell_reference is not None:
                column, row = cell_reference
                attributes += f' r="{openpyxl.utils.get_column_letter(column)}{row}"'
            cells.append(f"<c{attributes}>{content}</c>")
        row_attribute = f' r="{row_reference}"' if row_reference is not None else ""
        rows.append(f"<row{row_attribute}>{''.join(cells)}</row>")
    return entries, "".join(rows)


@FUZZ
@given(sheet=sheets())
def test_the_streaming_checks_never_count_less_than_the_parser_materialises(sheet):
    """What calamine (or openpyxl after it) returns never holds more text, rows or columns than the
    streaming checks counted: the checks are an upper bound, whatever the references say."""
    entries, rows = sheet
    sst = f'<sst xmlns="{MAIN}">{"".join(entries)}</sst>'.encode()
    content = xlsx(rows, parts={"xl/sharedStrings.xml": sst})
    deadline = tabular._Deadline.start(60)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        strings = tabular._SharedStrings(max_text=10**12)
        tabular._scan_part(archive, "xl/sharedStrings.xml", strings, deadline)
        scan = tabular._SheetScan(strings, max_rows=10**9, max_text=10**12)
        tabular._scan_part(archive, "xl/worksheets/sheet1.xml", scan, deadline)
    try:
        records = sheet_reader.read_sheet(content, "หมู่บ้าน")  # tiny: safe to parse in this process
    except Exception:  # noqa: BLE001  # neither parser reads it: nothing materialised
        return

    text = sum(len(value) for row in records for value in row if isinstance(value, str))
    assert text <= scan.total
    assert len(records) <= scan.last_row
    assert max((len(row) for row in records), default=0) <= scan.last_column
