"""build_xlsx: a bold frozen header, numbers and dates kept as such, Thai text, no formula ever written; a
form's layout and page setup where a sheet asks for them."""

import io
import zipfile
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from tambonplan.documents.xlsx import PAPER_A3, PAPER_A4, Heading, Sheet, build_xlsx, row_height, text_lines


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


# ------------------------------------------------------------------------------------ a form's layout


def form_sheet(**options) -> Sheet:
    return Sheet(
        title="ผ.02",
        headers=["ที่", "โครงการ", "วัตถุประสงค์", "งบประมาณ (บาท)", "จำนวน"],
        rows=[
            Heading(["ยุทธศาสตร์ที่ ๑ การพัฒนาโครงสร้างพื้นฐาน"]),
            [1, "ก่อสร้างถนน", "เพื่อให้ประชาชนสัญจรได้สะดวก " * 5, Decimal("1250000.50"), 3],
            Heading(["แผนงาน ๑.๒", None, None, "รวม", 1250000]),
            [2, "=ขุดลอก", None, 85000, None],
        ],
        widths=[6, 30, 30, 16, 8],
        title_rows=[
            ["รายละเอียดโครงการพัฒนา", "", "", "แบบ ผ.02"],
            ["+ตำบลหัวเรือ"],
            [],
        ],
        **options,
    )


def test_a_form_has_title_rows_a_styled_header_wrapped_texts_amounts_and_headings():
    sheet = form_sheet(
        merge_titles=True,
        header_fill="D9E1F2",
        borders=True,
        wrap_columns={1, 2},
        number_formats={3: "#,##0.00", 4: "#,##0"},
        merge_headings=True,
    )
    ws = load(build_xlsx([sheet]))["ผ.02"]

    # the title block: bold; each filled cell merged up to the next one or the table's last column
    assert ws["A1"].value == "รายละเอียดโครงการพัฒนา" and ws["A1"].font.b
    assert ws["D1"].value == "แบบ ผ.02" and ws["D1"].font.b
    assert ws["A1"].alignment.horizontal == "center"
    assert ws["A2"].value == "+ตำบลหัวเรือ" and ws["A2"].quotePrefix and ws["A2"].data_type == "s"
    assert {str(r) for r in ws.merged_cells.ranges} == {"A1:C1", "D1:E1", "A2:E2", "A5:E5", "A7:C7"}
    # the header row (4: under the three title rows), frozen below it
    assert [cell.value for cell in ws[4]] == sheet.headers
    assert ws.freeze_panes == "A5"
    for cell in ws[4]:
        assert cell.font.b and cell.alignment.wrap_text
        assert cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb == "00D9E1F2"
        assert {cell.border.left.style, cell.border.right.style, cell.border.top.style} == {"thin"}
    # the data: texts of the chosen columns wrapped, every cell top-aligned and boxed, numbers formatted
    assert ws["C6"].alignment.wrap_text and ws["C6"].alignment.vertical == "top"
    assert ws["B6"].alignment.wrap_text
    assert not ws["A6"].alignment.wrap_text and ws["A6"].alignment.vertical == "top"
    assert ws["D6"].value == pytest.approx(1250000.5) and ws["D6"].number_format == "#,##0.00"
    assert ws["E6"].value == 3 and ws["E6"].number_format == "#,##0"
    assert ws["A6"].number_format == "General"
    assert ws["D8"].number_format == "#,##0.00"
    assert ws["C8"].value is None and ws["C8"].border.bottom.style == "thin"
    assert ws["E8"].value is None and ws["E8"].border.bottom.style == "thin"
    assert ws["B8"].value == "=ขุดลอก" and ws["B8"].data_type == "s" and ws["B8"].quotePrefix
    # the headings: bold, merged across the empty cells
    assert ws["A5"].value.startswith("ยุทธศาสตร์ที่ ๑") and ws["A5"].font.b
    assert ws["A7"].font.b and ws["D7"].value == "รวม" and ws["E7"].value == 1250000
    assert not ws["A6"].font.b and not ws["B6"].font.b
    with zipfile.ZipFile(io.BytesIO(build_xlsx([sheet]))) as package:
        sheet_xml = package.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml


def test_form_options_are_each_optional():
    ws = load(build_xlsx([form_sheet()]))["ผ.02"]

    assert not ws.merged_cells.ranges
    assert ws.freeze_panes == "A5"
    assert ws["A1"].font.b and ws["A5"].font.b  # title rows and headings are bold all the same
    assert ws["A4"].font.b and ws["A4"].fill.fill_type is None and ws["A4"].border.left.style is None
    assert ws["C6"].alignment.wrap_text is not True and ws["D6"].number_format == "General"
    assert ws["C6"].border.left.style is None


def test_a_plain_sheet_is_written_as_before():
    """Without the form's options the cells are exactly those of a plain table: only the header styled."""
    content = build_xlsx(
        [Sheet(title="a", headers=["ชื่อ", "งบประมาณ"], rows=[["ถนน", Decimal("10.5")], [None, 3]])]
    )
    ws = load(content).active

    assert not ws.merged_cells.ranges and ws.freeze_panes == "A2"
    assert all(cell.font.b for cell in ws[1])
    assert all(not cell.has_style for row in ws.iter_rows(min_row=2) for cell in row)
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        sheet_xml = package.read("xl/worksheets/sheet1.xml").decode()
        workbook_xml = package.read("xl/workbook.xml").decode()
    assert "<mergeCells" not in sheet_xml
    # nor any page setup: the spreadsheet program's defaults
    assert "<pageSetup " not in sheet_xml and "fitToPage" not in sheet_xml
    assert '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>' in sheet_xml
    assert "Print_Titles" not in workbook_xml  # no print titles
    assert '<autoFilter ref="A1:B3"/>' in sheet_xml  # only the header's filter buttons


# ------------------------------------------------------------------------------------ page setup


def zipped(content: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        return package.read(name).decode()


def test_a_sheet_prints_landscape_on_a4_one_page_wide_with_the_header_on_every_page():
    content = build_xlsx(
        [
            form_sheet(
                landscape=True,
                paper_size=PAPER_A4,
                fit_to_width=True,
                repeat_header=True,
                narrow_margins=True,
            )
        ]
    )
    ws = load(content)["ผ.02"]

    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == 9 == PAPER_A4
    # one page wide, as many pages tall as it takes
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    # the header row (4, under the three title rows) on every page, the title rows on the first only
    assert ws.print_title_rows == "$4:$4"
    assert ws.print_title_cols is None
    margins = ws.page_margins
    assert (margins.left, margins.right, margins.top, margins.bottom) == (0.25, 0.25, 0.75, 0.75)
    assert (margins.header, margins.footer) == (0.3, 0.3)
    assert '<definedName name="_xlnm.Print_Titles" localSheetId="0">\'ผ.02\'!$4:$4</definedName>' in zipped(
        content, "xl/workbook.xml"
    )
    # the layout itself is the same
    assert ws.freeze_panes == "A5"
    assert [cell.value for cell in ws[4]] == form_sheet().headers


def test_page_setup_options_are_each_optional():
    landscape = load(build_xlsx([form_sheet(landscape=True)])).active
    assert landscape.page_setup.orientation == "landscape" and landscape.page_setup.paperSize is None
    assert landscape.sheet_properties.pageSetUpPr.fitToPage is None and landscape.print_title_rows is None
    assert landscape.page_margins.left == 0.75

    fitted = load(build_xlsx([form_sheet(fit_to_width=True)])).active
    assert fitted.page_setup.fitToWidth == 1 and fitted.page_setup.fitToHeight == 0
    assert fitted.page_setup.orientation is None and fitted.page_setup.paperSize is None

    plain = Sheet(title="a", headers=["ชื่อ"], rows=[["ถนน"]] * 3, repeat_header=True)
    header_only = load(build_xlsx([plain])).active
    assert header_only.print_title_rows == "$1:$1" and header_only.page_setup.orientation is None


def test_print_titles_name_each_sheet_even_one_with_a_quote_in_its_title():
    content = build_xlsx(
        [
            Sheet(title="คำอธิบาย", headers=["ข้อความ"], rows=[]),
            Sheet(title="แผน'ปี 69", headers=["ชื่อ"], rows=[["ถนน"]], title_rows=[["หัว"]], repeat_header=True),
        ]
    )
    workbook = load(content)

    assert workbook["คำอธิบาย"].print_title_rows is None
    assert workbook["แผน'ปี 69"].print_title_rows == "$2:$2"
    assert "'แผน''ปี 69'!$2:$2" in zipped(content, "xl/workbook.xml")


# ------------------------------------------------------------------------------------ font, row heights


SARABUN = {"font_name": "TH SarabunPSK", "font_size": 16}


def test_a_font_for_every_cell_bold_where_the_layout_is():
    ws = load(build_xlsx([form_sheet(borders=True, wrap_columns={2}, **SARABUN)]))["ผ.02"]

    cells = [cell for row in ws.iter_rows() for cell in row if cell.has_style or cell.value is not None]
    assert {(cell.font.name, cell.font.sz) for cell in cells} == {("TH SarabunPSK", 16)}
    bold = {cell.coordinate for cell in cells if cell.font.b}
    assert {"A1", "D1", "A2", "A4", "E4", "A5", "A7", "D7"} <= bold  # titles, header, headings
    assert not {"A6", "B6", "C6", "D6", "B8", "C8"} & bold  # the data
    assert ws["C8"].value is None and ws["C8"].font.name == "TH SarabunPSK"  # an empty boxed cell too


def test_a_plain_table_keeps_the_default_font():
    ws = load(build_xlsx([Sheet(title="a", headers=["ชื่อ"], rows=[["ถนน"]])])).active
    assert ws["A1"].font.name is None and ws["A1"].font.b  # bold in the workbook's default font
    assert not ws["A2"].has_style
    assert ws.row_dimensions[1].height is None and ws.row_dimensions[2].height is None


def test_text_lines_wraps_at_spaces_as_wide_as_the_column():
    # TH SarabunPSK 16 pt: "งบประมาณ ๒๕๖๙ (บาท)" needs about 115 points, a column 17 wide holds about 85
    assert text_lines("งบประมาณ ๒๕๖๙ (บาท)", 17, **SARABUN) == 2
    assert text_lines("งบประมาณ ๒๕๖๙ (บาท)", 30, **SARABUN) == 1
    assert text_lines("ที่", 7, **SARABUN) == 1
    # tone marks and vowels above and below take no width: 15 letters of 19 characters fit in 20
    assert text_lines("ผลที่คาดว่าจะได้รับ", 20, **SARABUN) == 1
    # Thai written without spaces wraps between its words: two lines in a column 20 wide
    assert text_lines("หน่วยงานรับผิดชอบหลักของโครงการ", 20, **SARABUN) == 2
    # line breaks, and a word wider than the column over several lines
    assert text_lines("บรรทัดแรก\nบรรทัดที่สอง", 40, **SARABUN) == 2
    assert text_lines("ก" * 60, 10, **SARABUN) >= 4
    assert text_lines("", 10, **SARABUN) == 1


def test_row_height_is_a_line_of_the_font_for_each_line():
    assert row_height(1, **SARABUN) >= 21  # 16 pt TH SarabunPSK: about 21 points a line
    assert row_height(3, **SARABUN) >= 3 * 20.8
    assert row_height(1) >= 15  # Calibri 11: Excel's 15-point rows


def test_with_a_font_size_every_row_is_as_tall_as_its_wrapped_lines():
    sheet = form_sheet(wrap_columns={1, 2}, merge_titles=True, merge_headings=True, **SARABUN)
    ws = load(build_xlsx([sheet]))["ผ.02"]
    line = row_height(1, **SARABUN)

    assert [ws.row_dimensions[number].height for number in (1, 2, 3, 5, 7)] == [line] * 5  # titles, headings
    # the header: its longest title wrapped in its column ("งบประมาณ (บาท)" in 16 characters: two lines)
    assert ws.row_dimensions[4].height == row_height(2, **SARABUN)
    # a project whose objective wraps in its column 30 wide, a row whose texts fit on a line
    objective = "เพื่อให้ประชาชนสัญจรได้สะดวก " * 5
    assert ws.row_dimensions[6].height == row_height(text_lines(objective, 30, **SARABUN), **SARABUN)
    assert ws.row_dimensions[6].height >= 3 * 20.8
    assert ws.row_dimensions[8].height == line


# ------------------------------------------------------------------------------------ printing in two parts


def test_a_wide_table_prints_in_two_parts_side_by_side_with_the_first_columns_on_every_page():
    sheet = form_sheet(
        merge_titles=True,
        landscape=True,
        paper_size=PAPER_A4,
        column_break=3,
        repeat_header=True,
        repeat_columns=2,
        narrow_margins=True,
    )
    content = build_xlsx([sheet])
    ws = load(content)["ผ.02"]

    # a page break before column D, the pages across then down: the rows' second part follows their first
    assert [brk.id for brk in ws.col_breaks.brk] == [3]
    assert ws.page_setup.pageOrder == "overThenDown"
    assert not ws.sheet_properties.pageSetUpPr.fitToPage  # Excel ignores page breaks when fitting
    # each part (A:C 66 characters wide; A:B again and D:E 60) fits A4 landscape at full size
    assert ws.page_setup.scale == 100
    assert ws.print_title_rows == "$4:$4" and ws.print_title_cols == "$A:$B"
    # the title rows merged up to the break: on the first part's page, not split across two
    assert {"A1:C1", "A2:C2"} <= {str(r) for r in ws.merged_cells.ranges}
    assert "D1:E1" not in {str(r) for r in ws.merged_cells.ranges}


def test_the_print_scale_fits_the_widest_part_on_the_paper():
    wide = Sheet(
        title="a",
        headers=[str(n) for n in range(13)],
        rows=[],
        widths=[7, 42, 36, 32, 17, 17, 17, 17, 17, 30, 32, 28, 22],
        landscape=True,
        paper_size=PAPER_A4,
        column_break=9,
        repeat_columns=2,
        narrow_margins=True,
    )
    # the first part is 202 characters wide, the second 49 + 112 = 161; A4 landscape inside the narrow
    # margins is 806 points: 806 / (202 × 5.6) × 0.98 = 69%
    assert load(build_xlsx([wide])).active.page_setup.scale == 69
    on_a3 = load(build_xlsx([replace(wide, paper_size=PAPER_A3)])).active
    assert on_a3.page_setup.paperSize == 8 == PAPER_A3
    assert on_a3.page_setup.scale == 100  # A3 holds it at full size


def test_a_column_break_needs_a_paper_and_a_column_after_the_repeated_ones():
    with pytest.raises(ValueError, match="column_break"):
        form_sheet(column_break=3)
    with pytest.raises(ValueError, match="column_break"):
        form_sheet(paper_size=PAPER_A4, column_break=1, repeat_columns=2)
    with pytest.raises(ValueError, match="column_break"):
        form_sheet(paper_size=PAPER_A4, column_break=5)


def test_a_table_has_filter_buttons_on_its_header_row():
    content = build_xlsx(
        [
            Sheet(
                "ผู้เข้าร่วม",
                ["ชื่อ", "กลุ่ม"],
                [["นายหนึ่ง", "ผู้นำ"], ["นางสอง", "ศอช."]],
                title_rows=[["รายชื่อผู้เข้าร่วม"]],
            )
        ]
    )
    sheet = load_workbook(io.BytesIO(content))["ผู้เข้าร่วม"]
    assert sheet.auto_filter.ref == "A2:B4"
