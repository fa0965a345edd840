import csv
import datetime
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tambonplan.core import sheet_reader, tabular
from tambonplan.core.tabular import Column, Row, TabularError, build_xlsx_template, read_table
from tests.template_choices import template_choices, template_validations

COLUMNS = [
    Column("tambon_code", ("tambon_code", "รหัสตำบล"), required=True),
    Column("village_no", ("village_no", "หมู่ที่"), required=True),
    Column("name", ("name", "ชื่อหมู่บ้าน")),
]
THAI_HEADER = ["รหัสตำบล", "หมู่ที่", "ชื่อหมู่บ้าน"]


def write_csv(path: Path, rows: list[list[str]], *, encoding: str = "utf-8", delimiter: str = ",") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def write_xlsx(path: Path, cells: dict[str, object], *, merge: str | None = None) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for reference, value in cells.items():
        sheet[reference] = value
    if merge:
        sheet.merge_cells(merge)
    workbook.save(path)
    return path


def messages(error: pytest.ExceptionInfo[TabularError]) -> list[str]:
    return [row_error.message for row_error in error.value.errors]


def test_csv_utf8_with_bom_and_thai_headers(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "villages.csv",
        [THAI_HEADER, ["340101", "1", "บ้านโนนสูง"], ["340101", "2", " บ้านนา\u00a0"]],
        encoding="utf-8-sig",
    )
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")

    rows = read_table(path, columns=COLUMNS)

    assert rows == [
        Row(2, {"tambon_code": "340101", "village_no": "1", "name": "บ้านโนนสูง"}),
        Row(3, {"tambon_code": "340101", "village_no": "2", "name": "บ้านนา"}),
    ]
    assert rows[0].headers == {"tambon_code": "รหัสตำบล", "village_no": "หมู่ที่", "name": "ชื่อหมู่บ้าน"}


def test_csv_cp874(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "excel.csv", [THAI_HEADER, ["340101", "3", "บ้านหนองแก"]], encoding="cp874")

    rows = read_table(path, columns=COLUMNS)

    assert rows[0].values["name"] == "บ้านหนองแก"


def test_csv_semicolon_and_header_spelling_variants(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "semi.csv",
        [["Tambon_Code ", "หมู่ที่*", "ชื่อ  อื่น"], ["340101", "4", "x,y"]],
        delimiter=";",
    )

    rows = read_table(path, columns=COLUMNS)

    assert rows == [Row(2, {"tambon_code": "340101", "village_no": "4"})]


def test_csv_tab_delimited_from_uploaded_file() -> None:
    upload = SimpleUploadedFile("data.txt", "รหัสตำบล\tหมู่ที่\n340101\t5\n".encode())

    rows = read_table(upload, columns=COLUMNS)

    assert rows[0].values == {"tambon_code": "340101", "village_no": "5"}


def test_thai_digits_converted_only_for_listed_keys() -> None:
    data = "รหัสตำบล,หมู่ที่,ชื่อหมู่บ้าน\n๓๔๐๑๐๑,๑๒,บ้าน ๒\n".encode()

    rows = read_table(data, columns=COLUMNS, arabic_digits_for=["tambon_code", "village_no"])

    assert rows[0].values == {"tambon_code": "340101", "village_no": "12", "name": "บ้าน ๒"}


def test_zero_width_spaces_removed() -> None:
    data = "รหัสตำบล,หมู่ที่\n\u200b3401\u200b01,\ufeff7\n".encode()

    assert read_table(data, columns=COLUMNS)[0].values == {"tambon_code": "340101", "village_no": "7"}


def test_blank_csv_rows_skipped_but_counted() -> None:
    data = "\nรหัสตำบล,หมู่ที่\n340101,1\n\n,,\n340101,2\n".encode()

    rows = read_table(data, columns=COLUMNS)

    # header is on line 2, blank lines 4 and 5
    assert [row.number for row in rows] == [3, 6]


def test_blank_line_three_means_next_data_row_is_four() -> None:
    data = "รหัสตำบล,หมู่ที่\n340101,1\n\n340101,2\n".encode()

    assert [row.number for row in read_table(data, columns=COLUMNS)] == [2, 4]


def test_xlsx_ints_dates_and_floats(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "numbers.xlsx",
        {
            "A1": "tambon_code",
            "B1": "village_no",
            "C1": "name",
            "A2": 34010101,
            "B2": 3.0,
            "C2": datetime.date(2024, 10, 1),
            "A3": 34010102,
            "B3": 1.5,
            "C3": datetime.datetime(2024, 10, 1, 8, 30),
        },
    )

    rows = read_table(path, columns=COLUMNS)

    assert [row.values for row in rows] == [
        {"tambon_code": "34010101", "village_no": "3", "name": "2024-10-01"},
        {"tambon_code": "34010102", "village_no": "1.5", "name": "2024-10-01 08:30:00"},
    ]


def test_xlsx_merged_cells_blank_rows_and_offset_header(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "merged.xlsx",
        {
            "B3": "รหัสตำบล",
            "C3": "หมู่ที่",
            "D3": "ชื่อหมู่บ้าน",
            "B4": "340101",
            "C4": 1,
            "D4": "บ้านรวม",
            "B7": "340101",
            "C7": 2,
            "D7": "บ้านใหม่",
        },
        merge="D4:D5",
    )

    rows = read_table(path, columns=COLUMNS)

    # row 5 holds only the empty part of the merged cell, row 6 is blank
    assert [(row.number, row.values["name"]) for row in rows] == [(4, "บ้านรวม"), (7, "บ้านใหม่")]


def test_xlsx_falls_back_to_openpyxl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_xlsx(tmp_path / "v.xlsx", {"A1": "รหัสตำบล", "B1": "หมู่ที่", "A3": 340101, "B3": 2.0})

    class BrokenCalamine:
        @staticmethod
        def from_filelike(_handle: object) -> None:
            raise ValueError("boom")

    # the child process's parsing, run in this process, with calamine broken
    monkeypatch.setattr(sheet_reader, "CalamineWorkbook", BrokenCalamine)
    monkeypatch.setattr(
        tabular,
        "_parse_in_child",
        lambda data, sheet_name, **_limits: sheet_reader.read_sheet(data, sheet_name),
    )

    rows = read_table(path, columns=COLUMNS)

    assert rows == [Row(3, {"tambon_code": "340101", "village_no": "2"})]


def test_xlsx_reads_first_visible_worksheet(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    hidden = workbook.active
    hidden.title = "ซ่อน"
    hidden.append(["อื่น"])
    hidden.sheet_state = "hidden"
    visible = workbook.create_sheet("หมู่บ้าน")
    visible.append(THAI_HEADER)
    visible.append(["340101", 9, "บ้านเก้า"])
    workbook.create_sheet("อื่น").append(["x"])
    path = tmp_path / "sheets.xlsx"
    workbook.save(path)

    assert read_table(path, columns=COLUMNS)[0].values["name"] == "บ้านเก้า"


def test_missing_required_headers_all_listed() -> None:
    with pytest.raises(TabularError) as error:
        read_table("ชื่อหมู่บ้าน\nบ้านนา\n".encode(), columns=COLUMNS)

    assert messages(error) == [
        "ไม่พบคอลัมน์ 'รหัสตำบล' ในแถวหัวตาราง",
        "ไม่พบคอลัมน์ 'หมู่ที่' ในแถวหัวตาราง",
    ]
    assert all(row_error.row == 1 for row_error in error.value.errors)
    assert [row_error.column for row_error in error.value.errors] == ["รหัสตำบล", "หมู่ที่"]


def test_no_known_header() -> None:
    with pytest.raises(TabularError) as error:
        read_table(b"foo,bar\n1,2\n", columns=[Column("name", ("name", "ชื่อ"))])

    assert "ไม่พบคอลัมน์ที่รู้จัก" in messages(error)[0]


def test_duplicate_header_mapping_names_both() -> None:
    with pytest.raises(TabularError) as error:
        read_table("รหัสตำบล,หมู่ที่,tambon_code\n1,2,3\n".encode(), columns=COLUMNS)

    [row_error] = error.value.errors
    assert row_error.message == "คอลัมน์ 'รหัสตำบล' และ 'tambon_code' ซ้ำกัน (เป็นข้อมูลเดียวกัน) กรุณาเหลือไว้คอลัมน์เดียว"
    assert row_error.column == "tambon_code"


def test_a_row_names_its_columns_as_the_file_wrote_them_else_by_the_thai_header() -> None:
    columns = [*COLUMNS, Column("name_en", ("name_en", "english_name", "ชื่อภาษาอังกฤษ"))]
    [row] = read_table(b"tambon_code,english_name,village_no\n340101,Ban Na,1\n", columns=columns)

    assert row.header("tambon_code") == "tambon_code"  # as written, though the template says รหัสตำบล
    assert row.header("name_en") == "english_name"  # an accepted alternative spelling
    assert row.header("name") == "ชื่อหมู่บ้าน"  # not in the file: the template's header, not "name"
    assert row.header("elsewhere") is None
    assert row.error("name", "ไม่ได้ระบุชื่อหมู่บ้าน") == tabular.RowError(2, "ไม่ได้ระบุชื่อหมู่บ้าน", "ชื่อหมู่บ้าน")
    assert row.error(None, "ซ้ำ").column is None


def test_empty_file() -> None:
    with pytest.raises(TabularError) as error:
        read_table(b"", columns=COLUMNS)
    assert messages(error) == ["ไฟล์ว่าง ไม่มีข้อมูล"]

    with pytest.raises(TabularError) as error:
        read_table(b"\xef\xbb\xbf\r\n , \r\n", columns=COLUMNS)
    assert messages(error) == ["ไฟล์ว่าง ไม่มีข้อมูล"]


def test_header_only_file(tmp_path: Path) -> None:
    with pytest.raises(TabularError) as error:
        read_table("รหัสตำบล,หมู่ที่\n\n".encode(), columns=COLUMNS)
    assert messages(error) == ["ไม่มีข้อมูลใต้แถวหัวตาราง"]

    path = write_xlsx(tmp_path / "header.xlsx", {"A1": "รหัสตำบล", "B1": "หมู่ที่"})
    with pytest.raises(TabularError) as error:
        read_table(path, columns=COLUMNS)
    assert messages(error) == ["ไม่มีข้อมูลใต้แถวหัวตาราง"]


INVALID_TYPE = "ชนิดไฟล์ไม่ถูกต้อง: รองรับเฉพาะ CSV และ XLSX"


def test_png_renamed_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "villages.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02")

    with pytest.raises(TabularError) as error:
        read_table(path, columns=COLUMNS)
    assert messages(error) == [INVALID_TYPE]


def test_pdf() -> None:
    with pytest.raises(TabularError) as error:
        read_table(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n", columns=COLUMNS)
    assert messages(error) == [INVALID_TYPE]


def test_legacy_xls() -> None:
    with pytest.raises(TabularError) as error:
        read_table(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, columns=COLUMNS)
    assert messages(error) == ["ไฟล์ .xls รุ่นเก่ายังไม่รองรับ กรุณาบันทึกเป็น .xlsx หรือ .csv"]


def test_random_zip() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")

    with pytest.raises(TabularError) as error:
        read_table(buffer.getvalue(), columns=COLUMNS)
    assert messages(error) == [INVALID_TYPE]


def test_corrupt_xlsx(tmp_path: Path) -> None:
    data = write_xlsx(tmp_path / "ok.xlsx", {"A1": "รหัสตำบล"}).read_bytes()

    with pytest.raises(TabularError) as error:
        read_table(data[: len(data) // 2], columns=COLUMNS)
    assert messages(error) == ["อ่านไฟล์ Excel ไม่ได้: ไฟล์อาจเสียหาย"]


def test_too_many_rows_csv() -> None:
    lines = ["รหัสตำบล,หมู่ที่"] + [f"340101,{number}" for number in range(1, 12)]
    data = "\n".join(lines).encode()

    assert len(read_table(data, columns=COLUMNS, max_rows=11)) == 11
    with pytest.raises(TabularError) as error:
        read_table(data, columns=COLUMNS, max_rows=10)
    assert messages(error) == ["ไฟล์มี 11 แถว เกินกว่าที่รับได้ (10 แถว)"]


def test_too_many_rows_xlsx_refused_before_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_xlsx(tmp_path / "tall.xlsx", {"A1": "รหัสตำบล", "B1": "หมู่ที่", "A2": 1, "B500000": 2})

    def must_not_parse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the sheet should be refused before parsing")

    monkeypatch.setattr(tabular, "_parse_in_child", must_not_parse)

    with pytest.raises(TabularError) as error:
        read_table(path, columns=COLUMNS, max_rows=1000)
    assert messages(error) == ["ไฟล์มี 499,999 แถว เกินกว่าที่รับได้ (1,000 แถว)"]


def test_wide_sparse_xlsx_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "wide.xlsx", {"A1": "รหัสตำบล", "B1": "หมู่ที่", "XFD1000": "x"})

    with pytest.raises(TabularError) as error:
        read_table(path, columns=COLUMNS)
    assert "เซลล์" in messages(error)[0]


def test_zip_bomb_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b" " * 600_000)
    data = buffer.getvalue()
    assert len(data) < 10_000

    with pytest.raises(TabularError) as error:
        read_table(data, columns=COLUMNS, max_bytes=10_000)
    assert messages(error) == ["ไฟล์ Excel มีข้อมูลเมื่อแตกไฟล์ใหญ่เกินกว่าที่รับได้"]


def test_too_big_file(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_bytes(b"a" * (3 * 1024 * 1024))

    with pytest.raises(TabularError) as error:
        read_table(path, columns=COLUMNS, max_bytes=2 * 1024 * 1024)
    assert messages(error) == ["ไฟล์มีขนาด 3 MB เกิน 2 MB"]

    with pytest.raises(TabularError):
        read_table(io.BytesIO(path.read_bytes()), columns=COLUMNS, max_bytes=2 * 1024 * 1024)


def test_unknown_arabic_digit_key_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        read_table(b"tambon_code\n1\n", columns=COLUMNS, arabic_digits_for=["tambon"])


def test_template_round_trips_and_writes_formulas_as_text() -> None:
    data = build_xlsx_template(
        COLUMNS,
        sheet_title="หมู่บ้าน",
        example_rows=[["340101", 1, '=HYPERLINK("http://x")'], ["340101", 2, "-บ้านใหม่"]],
        notes=["คอลัมน์ที่มี * ต้องกรอก", "รหัสตำบล 6 หลัก"],
    )

    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["หมู่บ้าน", "คำอธิบาย"]
    sheet = workbook["หมู่บ้าน"]
    assert [cell.value for cell in sheet[1]] == THAI_HEADER
    assert sheet["A1"].font.bold
    assert sheet.freeze_panes == "A2"
    assert sheet["C2"].data_type == "s"
    assert workbook["คำอธิบาย"]["A2"].value == "รหัสตำบล 6 หลัก"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")

    rows = read_table(data, columns=COLUMNS)

    assert rows == [
        Row(2, {"tambon_code": "340101", "village_no": "1", "name": '=HYPERLINK("http://x")'}),
        Row(3, {"tambon_code": "340101", "village_no": "2", "name": "-บ้านใหม่"}),
    ]


def test_template_choices_are_drop_down_lists_inline_or_on_a_hidden_sheet() -> None:
    long_list = [f"34{number:04d}" for number in range(1, 101)]  # 699 characters inline: too long
    data = build_xlsx_template(
        [*COLUMNS, Column("source", ("source", "ที่มา"))],
        sheet_title="หมู่บ้าน",
        example_rows=[["340101", 1, "บ้านนา", "ประชาคม"]],
        choices={
            "village_no": ["1", "2", " 3 ", "2", ""],  # cleaned, duplicates and blanks dropped
            "tambon_code": long_list,
            "source": ["ประชาคม", "แผนหมู่บ้าน, แผนชุมชน", "=1+1"],  # a comma: cannot be inline
        },
    )

    assert template_choices(data) == {
        "หมู่ที่": ["1", "2", "3"],
        "รหัสตำบล": long_list,
        "ที่มา": ["ประชาคม", "แผนหมู่บ้าน, แผนชุมชน", "=1+1"],
    }
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["หมู่บ้าน", "รายการ"]
    assert workbook["รายการ"].sheet_state == "hidden"
    assert workbook["รายการ"]["A1"].value == "รหัสตำบล"
    assert workbook["รายการ"]["B4"].data_type == "s"  # "=1+1" is text, not a formula
    for validation in template_validations(data):
        assert (validation.showErrorMessage, validation.errorStyle, validation.error) == (
            True,
            "warning",
            "เลือกจากรายการ",
        )
        assert validation.allow_blank
    assert {validation.errorTitle for validation in template_validations(data)} == {"หมู่ที่", "รหัสตำบล", "ที่มา"}

    # the template still reads back: the hidden list sheet is never taken for the data
    assert read_table(data, columns=COLUMNS) == [
        Row(2, {"tambon_code": "340101", "village_no": "1", "name": "บ้านนา"})
    ]


def test_template_choices_for_an_unknown_column_are_a_programming_error() -> None:
    with pytest.raises(ValueError, match="village"):
        build_xlsx_template(COLUMNS, sheet_title="หมู่บ้าน", choices={"village": ["1"]})


def test_csv_utf16_unicode_text_from_excel() -> None:
    data = "รหัสตำบล\tหมู่ที่\r\n340101\t6\r\n".encode("utf-16")

    assert read_table(data, columns=COLUMNS) == [Row(2, {"tambon_code": "340101", "village_no": "6"})]


def test_csv_unreadable_field_reports_line() -> None:
    data = ("รหัสตำบล,หมู่ที่\n340101,1\n340101," + "x" * 200_000 + "\n").encode()

    with pytest.raises(TabularError) as error:
        read_table(data, columns=COLUMNS)
    assert error.value.errors[0].row == 3
    assert "บรรทัด 3" in messages(error)[0]


# --------------------------------------------------------------------------------------------------
# header_search_rows: a form with a title block above its table
# --------------------------------------------------------------------------------------------------

FORM_CELLS: dict[str, object] = {
    "A1": "แบบฟอร์มทะเบียนหมู่บ้าน",  # a title block, as a form has it
    "A2": "อำเภอเมืองอุบลราชธานี จังหวัดอุบลราชธานี",
    "A3": "หมู่ที่",  # a title line that happens to be a known header (but not every required one)
    "A6": "รหัสตำบล",
    "B6": "หมู่ที่",
    "C6": "ชื่อหมู่บ้าน",
    "A7": "340101",
    "B7": 1,
    "C7": "บ้านโนนสูง",
    "A9": "340101",
    "B9": 2,
    "C9": "บ้านนา",
}


def test_header_search_finds_the_header_under_a_title_block(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "form.xlsx", FORM_CELLS)

    rows = read_table(path, columns=COLUMNS, header_search_rows=10)

    # the sheet's own row numbers: header on row 6, data on 7 and 9 (row 8 blank)
    assert rows == [
        Row(7, {"tambon_code": "340101", "village_no": "1", "name": "บ้านโนนสูง"}),
        Row(9, {"tambon_code": "340101", "village_no": "2", "name": "บ้านนา"}),
    ]
    assert rows[0].headers["village_no"] == "หมู่ที่"
    # without the search the first filled row is the header row, as before
    with pytest.raises(TabularError) as error:
        read_table(path, columns=COLUMNS)
    assert {row_error.row for row_error in error.value.errors} == {1}


def test_header_search_row_numbers_in_errors_and_limits_are_the_sheets(tmp_path: Path) -> None:
    data = "ทะเบียนหมู่บ้าน\n\nรหัสตำบล,หมู่ที่,หมู่ที่\n340101,1,1\n".encode()
    with pytest.raises(TabularError) as error:
        read_table(data, columns=COLUMNS, header_search_rows=5)
    [row_error] = error.value.errors  # the header row's own problem, on its row
    assert row_error.row == 3 and "ซ้ำกัน" in row_error.message

    lines = ["ทะเบียนหมู่บ้าน", "รหัสตำบล,หมู่ที่"] + [f"340101,{number}" for number in range(1, 12)]
    data = "\n".join(lines).encode()
    assert [
        row.number for row in read_table(data, columns=COLUMNS, header_search_rows=5, max_rows=11)
    ] == list(range(3, 14))
    with pytest.raises(TabularError) as error:
        read_table(data, columns=COLUMNS, header_search_rows=5, max_rows=10)
    assert messages(error) == ["ไฟล์มี 11 แถว เกินกว่าที่รับได้ (10 แถว)"]


def test_header_search_reports_the_missing_columns_of_a_partial_header() -> None:
    data = "ทะเบียนหมู่บ้าน\nหมู่ที่,ชื่อหมู่บ้าน\n1,บ้านนา\n".encode()
    with pytest.raises(TabularError) as error:
        read_table(data, columns=COLUMNS, header_search_rows=5)
    assert messages(error) == ["ไม่พบคอลัมน์ 'รหัสตำบล' ในแถวหัวตาราง"]
    assert error.value.errors[0].row == 2


def test_header_search_refuses_a_sheet_without_a_header_in_its_first_rows(tmp_path: Path) -> None:
    cells = {reference: value for reference, value in FORM_CELLS.items() if reference != "A3"}
    path = write_xlsx(tmp_path / "form.xlsx", cells)
    with pytest.raises(TabularError) as error:
        read_table(path, columns=COLUMNS, header_search_rows=5)
    assert messages(error) == ["ไม่พบแถวหัวตารางใน 5 แถวแรกของไฟล์ (แถวหัวตารางต้องมีคอลัมน์ 'รหัสตำบล', 'หมู่ที่')"]
    assert error.value.errors[0].row is None

    # the header below the first rows, nothing above it: still not found, not an empty file
    data = "\n\n\nรหัสตำบล,หมู่ที่\n340101,1\n".encode()
    with pytest.raises(TabularError) as error:
        read_table(data, columns=COLUMNS, header_search_rows=3)
    assert "ไม่พบแถวหัวตารางใน 3 แถวแรก" in messages(error)[0]

    with pytest.raises(TabularError) as error:
        read_table(b"foo,bar\n1,2\n", columns=[Column("name", ("name", "ชื่อ"))], header_search_rows=5)
    assert messages(error) == ["ไม่พบแถวหัวตารางใน 5 แถวแรกของไฟล์ (แถวหัวตารางต้องมีอย่างน้อยหนึ่งคอลัมน์จาก: 'ชื่อ')"]

    with pytest.raises(TabularError) as error:
        read_table(b"\n,\n", columns=COLUMNS, header_search_rows=5)
    assert messages(error) == ["ไฟล์ว่าง ไม่มีข้อมูล"]
    with pytest.raises(ValueError):
        read_table(b"x", columns=COLUMNS, header_search_rows=0)
