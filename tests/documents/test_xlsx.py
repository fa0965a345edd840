"""build_xlsx: a bold frozen header, numbers and dates kept as such, Thai text, no formula ever written."""

import io
import zipfile
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from tambonplan.documents.xlsx import Sheet, build_xlsx


def load(content: bytes):
    return load_workbook(io.BytesIO(content))


def test_round_trip_keeps_headers_numbers_dates_and_thai_text():
    sheet = Sheet(
        title="โครงการ",
        headers=["ตำบล", "จำนวนโครงการ", "งบประมาณ", "สัดส่วน", "วันที่", "บันทึกเมื่อ"],
        rows=[
            ["หัวเรือ", 12, Decimal("1234567.50"), 0.25, date(2023, 2, 14), datetime(2023, 2, 14, 9, 5)],
            ["หนองขอน", 0, None, 1.0, None, None],
        ],
        widths=[20, 12, 14],
    )

    ws = load(build_xlsx([sheet]))["โครงการ"]

    assert [cell.value for cell in ws[1]] == sheet.headers
    assert all(cell.font.b for cell in ws[1])
    assert ws.freeze_panes == "A2"
    name, count, budget, share, day, moment = (cell.value for cell in ws[2])
    assert name == "หัวเรือ"
    assert count == 12 and isinstance(count, int)
    assert budget == pytest.approx(1234567.5)
    assert share == 0.25
    assert day == datetime(2023, 2, 14)
    assert ws["E2"].is_date and ws["F2"].is_date
    assert moment == datetime(2023, 2, 14, 9, 5)
    assert [cell.value for cell in ws[3]] == ["หนองขอน", 0, None, 1.0, None, None]
    assert ws.column_dimensions["A"].width == 20


def test_aware_datetimes_are_written_in_bangkok_time():
    rows = [[datetime(2023, 2, 14, 2, 5, tzinfo=UTC)]]
    ws = load(build_xlsx([Sheet(title="เวลา", headers=["บันทึกเมื่อ"], rows=rows)])).active
    assert ws["A2"].value == datetime(2023, 2, 14, 9, 5)


@pytest.mark.parametrize(
    "text", ["=1+1", '=HYPERLINK("http://evil.example","คลิก")', "+66812345678", "-5", "@SUM(A1)", "\t=1"]
)
def test_formula_looking_strings_are_stored_as_text(text):
    content = build_xlsx([Sheet(title="ข้อมูล", headers=["ค่า"], rows=[[text]])])

    ws = load(content).active
    assert ws["A2"].value == text
    assert ws["A2"].data_type == "s"
    assert ws["A2"].quotePrefix is True
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        sheet_xml = package.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml


def test_formula_looking_headers_are_text_too():
    ws = load(build_xlsx([Sheet(title="a", headers=["=cmd|' /C calc'!A0"], rows=[])])).active
    assert ws["A1"].data_type == "s"


def test_plain_strings_and_number_like_strings_stay_text():
    ws = load(build_xlsx([Sheet(title="a", headers=["รหัส"], rows=[["0123"], ["340104"]])])).active
    assert ws["A2"].value == "0123"
    assert ws["A3"].value == "340104"


def test_rows_can_be_a_generator_and_several_sheets_are_written():
    def rows():
        for number in range(1, 1001):
            yield [f"หมู่ที่ {number}", number]

    workbook = load(
        build_xlsx(
            [
                Sheet(title="หมู่บ้าน", headers=["ชื่อ", "ลำดับ"], rows=rows()),
                Sheet(title="สรุป", headers=["รวม"], rows=[[1000]]),
            ]
        )
    )

    assert workbook.sheetnames == ["หมู่บ้าน", "สรุป"]
    assert workbook["หมู่บ้าน"].max_row == 1001
    assert workbook["หมู่บ้าน"]["B1001"].value == 1000


def test_sheet_titles_and_cell_text_are_made_valid():
    title = "รายงาน/ผล:ไตรมาส[1]*?ของปีงบประมาณ 2566 ทั้งหมด"
    ws = load(build_xlsx([Sheet(title=title, headers=["ข้อความ"], rows=[["ก\x00ข\x07ค"]])])).active
    assert len(ws.title) <= 31 and not set("/\\:[]*?") & set(ws.title)
    assert ws["A2"].value == "กขค"


def test_no_sheets_still_gives_a_valid_workbook():
    assert load(build_xlsx([])).sheetnames == ["Sheet1"]
