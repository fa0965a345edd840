"""Exchange with local governments: a plan's projects as แบบ ผ.02 and the same file (edited) read back.

The export: the title block, the ผ.02 columns with a budget column per BE year of the local plan's period
(the header names the same period; money outside it refused, never dropped), projects grouped by ยุทธศาสตร์
(ประเด็นการพัฒนา) and แผนงาน (class and target), a reference per project; TH SarabunPSK, printed on A4 in
two parts side by side or on A3 one page wide.
The import: the exported file changes nothing; edits update; added rows create once; bad rows are all
reported with their row numbers and nothing is written; scope as for the other imports.
"""

import html
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell

from tambonplan.core.tabular import TabularError
from tambonplan.documents.xlsx import row_height, text_lines
from tambonplan.planning import exchange
from tambonplan.planning.models import Need, NeedCategory, Project, ProjectBudget, ProjectStatus, TargetKind
from tambonplan.thai.digits import to_thai_digits
from tests.planning.factories import HUA_RUEA, NONG_KHON, add_project, make_plan

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ROAD = "ก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านหัวเรือ-บ้านโนนสูง"
CAREER = "ฝึกอบรมอาชีพการจักสาน"
WATER = "ขุดลอกหนองน้ำสาธารณะ"
INFRA = "การพัฒนาโครงสร้างพื้นฐาน"
ECONOMY = "การส่งเสริมอาชีพและรายได้"


PLAN_YEAR = 2569  # in the local plan period 2566-2570; its budget years 2569-2571 reach into the next


@pytest.fixture
def plan(db):
    return make_plan(year=PLAN_YEAR)


@pytest.fixture
def projects(plan):
    year = plan.fiscal_year
    road = add_project(
        plan,
        ROAD,
        "support",
        budgets={year: "1250000", year + 1: "300000.50"},
        development_issue=INFRA,
        objective="เพื่อให้ประชาชนสัญจรได้สะดวก",
        target_output="ถนน คสล. กว้าง 5 เมตร ยาว 500 เมตร",
        kpi="ระยะทางที่ก่อสร้างแล้วเสร็จ",
        expected_result="ประชาชนสัญจรได้สะดวกตลอดปี",
        lead_agency="องค์การบริหารส่วนตำบลหัวเรือ",
        priority=1,
    )
    career = add_project(
        plan,
        CAREER,
        "community",
        budgets={year: "30000"},
        development_issue=ECONOMY,
        objective="เพื่อเพิ่มรายได้ให้ครัวเรือน\r\nและสร้างกลุ่มอาชีพ",
        target_output="ผู้เข้าร่วม 30 คน",
        lead_agency="กลุ่มจักสานบ้านหัวเรือ",
        priority=2,
    )
    water = add_project(plan, WATER, "community", development_issue=INFRA, priority=3)
    return {"road": road, "career": career, "water": water}


def sheet_rows(content: bytes) -> list[list[object]]:
    workbook = load_workbook(io.BytesIO(content))
    return [list(row) for row in workbook[exchange.PLAN_SHEET].iter_rows(values_only=True)]


def header_index(rows) -> int:
    return next(index for index, row in enumerate(rows) if "โครงการ" in row)


def to_xlsx(rows: list[list[object]]) -> bytes:
    """The rows as the form's worksheet, as a local government would save it."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = exchange.PLAN_SHEET
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def import_rows(plan, user, rows):
    return exchange.form_import(user=user, plan=plan, upload=SimpleUploadedFile("p02.xlsx", to_xlsx(rows)))


def state(plan) -> list[tuple]:
    projects = list(Project.objects.filter(plan=plan).order_by("pk").values_list())
    budgets = list(ProjectBudget.objects.filter(project__plan=plan).order_by("pk").values_list())
    history = list(Project.history.filter(plan_id=plan.pk).order_by("pk").values_list("history_id"))
    return [projects, budgets, history]


def column(rows, title: str) -> int:
    return rows[header_index(rows)].index(title)


def project_row(rows, name: str) -> list[object]:
    return next(row for row in rows if len(row) > 1 and row[1] == name)


# ---------------------------------------------------------------------------------------------- export


def test_local_plan_period_is_the_five_year_cycle_of_the_fiscal_year():
    assert list(exchange.local_plan_period(2566)) == [2566, 2567, 2568, 2569, 2570]
    assert list(exchange.local_plan_period(2570)) == [2566, 2567, 2568, 2569, 2570]
    assert list(exchange.local_plan_period(2571)) == [2571, 2572, 2573, 2574, 2575]
    assert list(exchange.local_plan_period(2565)) == [2561, 2562, 2563, 2564, 2565]


def test_local_plan_period_follows_the_settings(settings):
    settings.LOCAL_PLAN_FIRST_YEAR, settings.LOCAL_PLAN_YEARS = 2567, 4
    assert list(exchange.local_plan_period(2569)) == [2567, 2568, 2569, 2570]
    assert list(exchange.local_plan_period(2571)) == [2571, 2572, 2573, 2574]


def form_header(rows) -> list[object]:
    return rows[header_index(rows)]


def year_columns(rows) -> list[str]:
    return [title for title in form_header(rows) if str(title).startswith("งบประมาณ ")]


def period_line(rows) -> str:
    """The period the budget columns follow, as the title block says it ("พ.ศ. ๒๕๖๖ - ๒๕๗๐")."""
    line = next(
        str(cell)
        for row in rows[: header_index(rows)]
        for cell in row
        if str(cell).startswith("ทุกโครงการของแผนพัฒนาตำบล")
    )
    return line[line.index("พ.ศ.") :]


def test_the_header_names_the_period_and_the_budget_columns_are_its_years(plan, projects):
    rows = sheet_rows(exchange.form_workbook(plan))
    assert period_line(rows) == "พ.ศ. ๒๕๖๖ - ๒๕๗๐"
    assert year_columns(rows) == [f"งบประมาณ {to_thai_digits(year)} (บาท)" for year in range(2566, 2571)]


@pytest.mark.parametrize(
    ("year", "period"), [(2566, (2566, 2570)), (2570, (2566, 2570)), (2573, (2571, 2575))]
)
def test_the_header_and_the_columns_agree_whatever_the_plans_year(db, year, period):
    rows = sheet_rows(exchange.form_workbook(make_plan(year=year)))
    first, last = (to_thai_digits(y) for y in period)
    assert period_line(rows) == f"พ.ศ. {first} - {last}"
    years = range(period[0], period[1] + 1)
    assert year_columns(rows) == [f"งบประมาณ {to_thai_digits(y)} (บาท)" for y in years]


def test_export_has_the_title_block_and_the_p02_columns(plan, projects):
    content = exchange.form_workbook(plan)
    rows = sheet_rows(content)
    texts = [str(cell) for row in rows[: header_index(rows)] for cell in row if cell]
    # the whole plan for the tambon's own use: never titled as a local government's ผ.02
    assert "แผนพัฒนาตำบล (ทุกโครงการ)" in texts and "สำหรับใช้ภายในตำบล" in texts
    assert "แบบ ผ.02" not in texts and "รายละเอียดโครงการพัฒนา" not in texts
    assert not any(text.startswith("แผนพัฒนาท้องถิ่น") for text in texts)
    assert "ทุกโครงการของแผนพัฒนาตำบล เรียงตามคอลัมน์ของแบบ ผ.02 งบประมาณตามช่วงปี พ.ศ. ๒๕๖๖ - ๒๕๗๐" in texts
    assert "ตำบลหัวเรือ อำเภอเมืองอุบลราชธานี จังหวัดอุบลราชธานี" in texts
    assert any(
        text.startswith(f"ที่มา: แผนพัฒนาตำบลหัวเรือ ปีงบประมาณ พ.ศ. {to_thai_digits(plan.fiscal_year)}")
        for text in texts
    )
    years = exchange.local_plan_period(plan.fiscal_year)
    assert rows[header_index(rows)] == [
        "ที่",
        "โครงการ",
        "วัตถุประสงค์",
        "เป้าหมาย (ผลผลิตของโครงการ)",
        *(f"งบประมาณ {to_thai_digits(year)} (บาท)" for year in years),
        "ตัวชี้วัด (KPI)",
        "ผลที่คาดว่าจะได้รับ",
        "หน่วยงานรับผิดชอบหลัก",
        "รหัสอ้างอิง (ห้ามแก้ไข)",
    ]
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == [exchange.PLAN_SHEET, exchange.NOTES_SHEET]
    sheet = workbook[exchange.PLAN_SHEET]
    assert sheet.column_dimensions["B"].width >= 40  # the project's name is readable
    assert sheet["A1"].value == "แผนพัฒนาตำบล (ทุกโครงการ)" and sheet["A1"].font.b  # the title line
    notes = [row[0] for row in workbook[exchange.NOTES_SHEET].iter_rows(min_row=2, values_only=True)]
    assert "ไม่ใช่แบบ ผ.02 ของ อปท. แห่งใด" in notes[0]


def test_export_is_styled_as_the_form(plan, projects):
    sheet = load_workbook(io.BytesIO(exchange.form_workbook(plan)))[exchange.PLAN_SHEET]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = header_index(rows) + 1  # its row number in Excel
    width = len(rows[header - 1])
    last = sheet.cell(row=header, column=width).column_letter
    # the title block: bold, each line merged across the first printed page's columns (up to the last
    # year's budget), the form's mark over the last two of them
    first_page = sheet.cell(row=header, column=column(rows, "งบประมาณ ๒๕๗๐ (บาท)") + 1).column_letter
    merged = {str(cell_range) for cell_range in sheet.merged_cells.ranges}
    assert header == 6
    assert {f"A2:{first_page}2", f"A3:{first_page}3", f"A4:{first_page}4"} <= merged
    mark = next(cell for cell in sheet[1] if cell.value == "สำหรับใช้ภายในตำบล")
    assert f"{mark.coordinate}:{first_page}1" in merged
    assert all(sheet.cell(row=row, column=1).font.b for row in range(1, 5))
    # the header row: bold, wrapped, filled, boxed, and the panes frozen below it
    assert sheet.freeze_panes == f"A{header + 1}"
    for cell in sheet[header]:
        assert cell.font.b and cell.alignment.wrap_text, cell.coordinate
        assert cell.fill.fgColor.rgb.endswith(exchange.HEADER_FILL)
        assert cell.border.left.style == cell.border.bottom.style == "thin"
    # the headings: bold, merged across the table
    strategy = header + 1
    assert sheet.cell(row=strategy, column=1).value.startswith("ยุทธศาสตร์ที่ ๑")
    assert sheet.cell(row=strategy, column=1).font.b
    assert f"A{strategy}:{last}{strategy}" in merged
    # a project: amounts in baht with thousands separators, long texts wrapped and top-aligned, boxed
    road = rows.index(project_row(rows, ROAD)) + 1
    amount = sheet.cell(
        row=road, column=column(rows, f"งบประมาณ {to_thai_digits(plan.fiscal_year)} (บาท)") + 1
    )
    assert amount.value == 1250000 and amount.number_format == "#,##0.00"
    for title in ("โครงการ", "วัตถุประสงค์", "เป้าหมาย (ผลผลิตของโครงการ)", "ตัวชี้วัด (KPI)", "หน่วยงานรับผิดชอบหลัก"):
        cell = sheet.cell(row=road, column=column(rows, title) + 1)
        assert cell.alignment.wrap_text and cell.alignment.vertical == "top", title
        assert not cell.font.b
    empty = sheet.cell(
        row=road, column=column(rows, f"งบประมาณ {to_thai_digits(plan.fiscal_year - 1)} (บาท)") + 1
    )
    assert empty.value is None and empty.border.top.style == "thin"
    assert not sheet.cell(row=road, column=column(rows, "รหัสอ้างอิง (ห้ามแก้ไข)") + 1).alignment.wrap_text


def test_export_prints_on_a4_landscape_in_two_parts_with_the_header_and_the_project_on_every_page(
    plan, projects
):
    workbook = load_workbook(io.BytesIO(exchange.form_workbook(plan)))
    sheet = workbook[exchange.PLAN_SHEET]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = header_index(rows) + 1

    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9  # A4
    # two pages wide: the project and its budget, then (after a page break) the project's number and name
    # again with the indicator, the result, the agency and the reference; each part scaled to the width
    assert [brk.id for brk in sheet.col_breaks.brk] == [column(rows, "ตัวชี้วัด (KPI)")]
    assert sheet.page_setup.pageOrder == "overThenDown"
    assert not sheet.sheet_properties.pageSetUpPr.fitToPage
    assert 60 <= int(sheet.page_setup.scale) <= 80  # 16 pt prints at 10-13 pt: readable
    assert sheet.print_title_rows == f"${header}:${header}"  # the ผ.02 header row, not the title block
    assert sheet.print_title_cols == "$A:$B"  # ที่ and โครงการ
    assert (sheet.page_margins.left, sheet.page_margins.right) == (0.25, 0.25)
    assert (sheet.page_margins.top, sheet.page_margins.bottom) == (0.75, 0.75)
    # the notes are not a form to print
    notes = workbook[exchange.NOTES_SHEET]
    assert notes.page_setup.orientation is None and notes.print_title_rows is None


def test_on_a3_every_column_is_on_one_pages_width_and_the_title_across_the_table(plan, projects):
    sheet = load_workbook(io.BytesIO(exchange.form_workbook(plan, paper="a3")))[exchange.PLAN_SHEET]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    last = sheet.cell(row=header_index(rows) + 1, column=len(form_header(rows))).column_letter

    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 8  # A3
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert not sheet.col_breaks.brk
    assert sheet.print_title_rows == "$6:$6" and sheet.print_title_cols == "$A:$B"
    assert {f"A2:{last}2", f"A3:{last}3"} <= {str(r) for r in sheet.merged_cells.ranges}


def test_every_cell_is_in_th_sarabunpsk_16_the_titles_and_header_bold(plan, projects):
    workbook = load_workbook(io.BytesIO(exchange.form_workbook(plan)))
    for sheet in workbook:
        cells = [  # a merged range shows its first cell
            cell
            for row in sheet.iter_rows()
            for cell in row
            if (cell.value is not None or cell.has_style) and not isinstance(cell, MergedCell)
        ]
        assert cells, sheet.title
        assert {(cell.font.name, cell.font.sz) for cell in cells} == {("TH SarabunPSK", 16)}, sheet.title
    sheet = workbook[exchange.PLAN_SHEET]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = header_index(rows) + 1
    assert all(cell.font.b for cell in sheet[header])
    road = rows.index(project_row(rows, ROAD)) + 1
    assert not any(cell.font.b for cell in sheet[road])


def test_rows_are_as_tall_as_their_wrapped_text(plan, projects):
    sheet = load_workbook(io.BytesIO(exchange.form_workbook(plan)))[exchange.PLAN_SHEET]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = header_index(rows) + 1
    font = {"font_name": "TH SarabunPSK", "font_size": 16}
    widths = [sheet.column_dimensions[cell.column_letter].width for cell in sheet[header]]
    # "งบประมาณ ๒๕๖๙ (บาท)" in TH SarabunPSK 16 pt bold is about 115 points, wider than its column (17
    # characters, about 85 points): two lines, not run into the first heading below
    year = column(rows, "งบประมาณ ๒๕๖๙ (บาท)")
    assert text_lines(rows[header - 1][year], widths[year], **font) == 2
    needed = max(
        text_lines(title, width, **font) for title, width in zip(rows[header - 1], widths, strict=True)
    )
    assert sheet.row_dimensions[header].height >= needed * 20.8 >= 2 * 20.8
    # each title line and heading one line of 16 pt; a project as tall as its longest wrapped text
    assert all(sheet.row_dimensions[number].height >= 20.8 for number in range(1, header))
    assert sheet.row_dimensions[header + 1].height == row_height(1, **font)
    career = rows.index(project_row(rows, CAREER)) + 1
    assert sheet.row_dimensions[career].height >= 2 * 20.8  # its objective has a line break


def test_money_outside_the_period_is_refused_naming_the_projects_and_years(plan, projects):
    add_project(plan, "ก่อสร้างอาคารอเนกประสงค์", budgets={2570: "50000", 2571: "500000"}, priority=4)
    add_project(plan, "จัดซื้อเครื่องออกกำลังกาย", budgets={2571: "80000"}, priority=5)
    add_project(plan, "โครงการที่งบประมาณเป็นศูนย์", budgets={2571: "0"}, priority=6)  # no money: no refusal
    with pytest.raises(exchange.ExportRefused) as caught:
        exchange.form_workbook(plan)
    refusal = caught.value
    assert "แผนพัฒนาท้องถิ่น (พ.ศ. 2566 - 2570)" in refusal.message
    assert "ก่อสร้างอาคารอเนกประสงค์ (ปี 2571)" in refusal.message
    assert "จัดซื้อเครื่องออกกำลังกาย (ปี 2571)" in refusal.message
    assert "งบประมาณเป็นศูนย์" not in refusal.message
    assert "ไม่ตัดงบประมาณทิ้ง" in refusal.message
    assert [(project.name, years) for project, years in refusal.outside] == [
        ("ก่อสร้างอาคารอเนกประสงค์", [2571]),
        ("จัดซื้อเครื่องออกกำลังกาย", [2571]),
    ]
    # the next period would leave out the money of 2569 and 2570: nothing offered, the way out said
    assert refusal.periods == []
    assert "แก้ไขงบประมาณ" in refusal.message
    assert refusal.status == 409


def test_a_plan_whose_money_is_all_in_the_next_period_is_offered_it_and_exports_it(plan, personas):
    new = add_project(plan, "ก่อสร้างศาลาประชาคม", budgets={2571: "450000"}, development_issue=INFRA)
    with pytest.raises(exchange.ExportRefused) as caught:
        exchange.form_workbook(plan)
    assert caught.value.periods == [range(2571, 2576)]
    assert "ส่งออกเป็นแผนพัฒนาท้องถิ่น พ.ศ. 2571 - 2575 แทนได้" in caught.value.message

    content = exchange.form_workbook(plan, period=exchange.local_plan_period(2571))
    rows = sheet_rows(content)
    assert period_line(rows) == "พ.ศ. ๒๕๗๑ - ๒๕๗๕"
    assert year_columns(rows) == [f"งบประมาณ {to_thai_digits(year)} (บาท)" for year in range(2571, 2576)]
    assert project_row(rows, new.name)[column(rows, "งบประมาณ ๒๕๗๑ (บาท)")] == 450000
    # and it comes back: the plan's year 2571 read, the period's later years recognised (and refused)
    before = state(plan)
    result = exchange.form_import(
        user=personas.tambon_officer, plan=plan, upload=SimpleUploadedFile("p02.xlsx", content)
    )
    assert result["unchanged"] == 1 and state(plan) == before
    project_row(rows, new.name)[column(rows, "งบประมาณ ๒๕๗๕ (บาท)")] = 1000
    with pytest.raises(TabularError) as refused:
        import_rows(plan, personas.tambon_officer, rows)
    assert "รับงบประมาณได้เฉพาะปี" in refused.value.errors[0].message
    assert state(plan) == before


def test_export_values_amounts_per_be_year_and_reference(plan, projects):
    rows = sheet_rows(exchange.form_workbook(plan))
    year = plan.fiscal_year
    road = project_row(rows, ROAD)
    assert road[column(rows, "วัตถุประสงค์")] == "เพื่อให้ประชาชนสัญจรได้สะดวก"
    assert road[column(rows, "เป้าหมาย (ผลผลิตของโครงการ)")] == "ถนน คสล. กว้าง 5 เมตร ยาว 500 เมตร"
    assert road[column(rows, f"งบประมาณ {to_thai_digits(year)} (บาท)")] == 1250000
    assert road[column(rows, f"งบประมาณ {to_thai_digits(year + 1)} (บาท)")] == 300000.5
    assert road[column(rows, f"งบประมาณ {to_thai_digits(year - 1)} (บาท)")] is None
    assert road[column(rows, "ตัวชี้วัด (KPI)")] == "ระยะทางที่ก่อสร้างแล้วเสร็จ"
    assert road[column(rows, "ผลที่คาดว่าจะได้รับ")] == "ประชาชนสัญจรได้สะดวกตลอดปี"
    assert road[column(rows, "หน่วยงานรับผิดชอบหลัก")] == "องค์การบริหารส่วนตำบลหัวเรือ"
    reference = f"TP-{HUA_RUEA}-{year}-{projects['road'].pk}"
    assert road[column(rows, "รหัสอ้างอิง (ห้ามแก้ไข)")] == reference
    assert exchange.reference(projects["road"], plan) == reference
    assert project_row(rows, CAREER)[2] == "เพื่อเพิ่มรายได้ให้ครัวเรือน\r\nและสร้างกลุ่มอาชีพ"


def test_export_groups_projects_by_strategy_and_program(plan, projects):
    rows = sheet_rows(exchange.form_workbook(plan))
    body = [[cell for cell in row[:2]] for row in rows[header_index(rows) + 1 :]]
    support = f"ขอรับการสนับสนุน: {TargetKind.LOCAL_GOVERNMENT.label}"
    assert body == [
        [f"ยุทธศาสตร์ที่ ๑ {INFRA}", None],
        ["แผนงาน ๑.๑ ชุมชนดำเนินการเอง", None],
        [1, WATER],
        [f"แผนงาน ๑.๒ {support}", None],
        [1, ROAD],
        [f"ยุทธศาสตร์ที่ ๒ {ECONOMY}", None],
        ["แผนงาน ๒.๑ ชุมชนดำเนินการเอง", None],
        [1, CAREER],
    ]


def test_a_project_without_issue_is_under_a_heading_that_says_so(plan):
    add_project(plan, "ปลูกป่าชุมชน")
    rows = sheet_rows(exchange.form_workbook(plan))
    assert rows[header_index(rows) + 1][0] == "ยุทธศาสตร์ที่ ๑ ไม่ระบุประเด็นการพัฒนา"


def test_export_of_a_plan_without_projects_has_the_form(plan):
    rows = sheet_rows(exchange.form_workbook(plan))
    assert rows[header_index(rows)][1] == "โครงการ"
    assert header_index(rows) == len(rows) - 1


def test_export_queries_do_not_grow_with_projects(plan, projects, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        exchange.form_workbook(plan)


# ---------------------------------------------------------------------------------------------- import


def test_round_trip_changes_nothing(plan, projects, personas):
    before = state(plan)
    content = exchange.form_workbook(plan)
    result = exchange.form_import(
        user=personas.tambon_officer, plan=plan, upload=SimpleUploadedFile("p02.xlsx", content)
    )
    assert (result["created"], result["updated"], result["unchanged"]) == (0, 0, 3)
    assert state(plan) == before


def edited(plan, projects) -> list[list[object]]:
    """The exported form as a local government edits it: a budget and an objective changed, a new project
    added under the community heading of the first strategy, two project rows swapped."""
    rows = sheet_rows(exchange.form_workbook(plan))
    year = plan.fiscal_year
    road = project_row(rows, ROAD)
    road[column(rows, f"งบประมาณ {to_thai_digits(year)} (บาท)")] = "๑,๓๐๐,๐๐๐"
    career = project_row(rows, CAREER)
    career[column(rows, "วัตถุประสงค์")] = "เพื่อเพิ่มรายได้ให้ครัวเรือนละ 2,000 บาทต่อเดือน"
    new = [None] * len(rows[header_index(rows)])
    new[0], new[1] = 2, "ติดตั้งไฟฟ้าส่องสว่างทางสาธารณะ"
    new[column(rows, "วัตถุประสงค์")] = "เพื่อความปลอดภัยในการสัญจรยามค่ำคืน"
    new[column(rows, f"งบประมาณ {to_thai_digits(year + 1)} (บาท)")] = 85000
    water_at = rows.index(project_row(rows, WATER))
    rows.insert(water_at + 1, new)
    road_at, career_at = rows.index(road), rows.index(career)
    rows[road_at], rows[career_at] = rows[career_at], rows[road_at]
    return rows


def test_edits_update_and_a_new_row_is_created_once(plan, projects, personas):
    rows = edited(plan, projects)
    result = import_rows(plan, personas.tambon_officer, rows)
    assert (result["created"], result["updated"], result["unchanged"]) == (1, 2, 1)
    assert result["created_names"] == ["ติดตั้งไฟฟ้าส่องสว่างทางสาธารณะ"]
    assert set(result["updated_names"]) == {ROAD, CAREER}
    year = plan.fiscal_year
    road = Project.objects.get(pk=projects["road"].pk)
    assert {b.fiscal_year: b.amount for b in road.budgets.all()} == {
        year: Decimal("1300000"),
        year + 1: Decimal("300000.50"),
    }
    assert road.version == projects["road"].version + 1
    assert road.project_class.code == "support" and road.target_kind == TargetKind.LOCAL_GOVERNMENT
    career = Project.objects.get(pk=projects["career"].pk)
    assert career.objective == "เพื่อเพิ่มรายได้ให้ครัวเรือนละ 2,000 บาทต่อเดือน"
    new = Project.objects.get(plan=plan, name="ติดตั้งไฟฟ้าส่องสว่างทางสาธารณะ")
    assert new.development_issue == INFRA
    assert new.project_class.code == "community" and new.target_kind == ""
    assert new.status == ProjectStatus.PROPOSED
    assert new.objective == "เพื่อความปลอดภัยในการสัญจรยามค่ำคืน"
    assert {b.fiscal_year: b.amount for b in new.budgets.all()} == {year + 1: Decimal("85000")}
    assert new.history.count() == 1

    before = state(plan)
    again = import_rows(plan, personas.tambon_officer, rows)
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 4)
    assert state(plan) == before


def test_a_new_row_under_a_support_heading_gets_its_class_and_target(plan, projects, personas):
    rows = sheet_rows(exchange.form_workbook(plan))
    new = [None] * len(rows[header_index(rows)])
    new[1] = "ก่อสร้างรางระบายน้ำ"
    rows.insert(rows.index(project_row(rows, ROAD)) + 1, new)
    assert import_rows(plan, personas.tambon_officer, rows)["created"] == 1
    project = Project.objects.get(plan=plan, name="ก่อสร้างรางระบายน้ำ")
    assert project.project_class.code == "support"
    assert project.target_kind == TargetKind.LOCAL_GOVERNMENT
    assert project.development_issue == INFRA


def test_title_rows_deleted_and_a_csv_read_too(plan, projects, personas):
    rows = sheet_rows(exchange.form_workbook(plan))
    rows = rows[header_index(rows) :]
    before = state(plan)
    assert import_rows(plan, personas.tambon_officer, rows)["unchanged"] == 3
    csv = "\n".join(",".join("" if v is None else f'"{v}"' for v in row) for row in rows).encode()
    result = exchange.form_import(
        user=personas.tambon_officer, plan=plan, upload=SimpleUploadedFile("p02.csv", csv)
    )
    assert result["unchanged"] == 3
    assert state(plan) == before


def test_bad_rows_are_all_reported_with_their_row_numbers_and_nothing_is_written(plan, projects, personas):
    other = add_project(make_plan(NONG_KHON, plan.fiscal_year), "โครงการของตำบลหนองขอน")
    rows = sheet_rows(exchange.form_workbook(plan))
    year = plan.fiscal_year
    budget = column(rows, f"งบประมาณ {to_thai_digits(year)} (บาท)")
    ref = column(rows, "รหัสอ้างอิง (ห้ามแก้ไข)")
    width = len(rows[header_index(rows)])

    def add(values: dict[int, object]) -> int:
        row = [None] * width
        for index, value in values.items():
            row[index] = value
        rows.append(row)
        return len(rows)  # its row number in Excel

    missing_name = add({2: "วัตถุประสงค์ของแถวที่ไม่มีชื่อโครงการ", budget: 1000})
    bad_amount = add({1: "โครงการงบประมาณผิด", budget: "หนึ่งพันบาท"})
    thai_digits = add({1: "โครงการงบประมาณเลขไทย", budget: "๑๒,๕๐๐"})
    foreign = add({1: other.name, ref: exchange.reference(other, other.plan)})
    unknown = add({1: "โครงการที่ถูกลบ", ref: f"TP-{HUA_RUEA}-{year}-999999"})
    garbage = add({1: "รหัสเพี้ยน", ref: "abc"})
    before = state(plan)
    with pytest.raises(TabularError) as caught:
        import_rows(plan, personas.tambon_officer, rows)
    errors = caught.value.errors
    by_row = {error.row: error for error in errors}
    assert set(by_row) == {missing_name, bad_amount, foreign, unknown, garbage}
    assert thai_digits not in by_row
    assert "ชื่อโครงการ" in by_row[missing_name].message
    assert "หนึ่งพันบาท" in by_row[bad_amount].message
    assert by_row[bad_amount].column == f"งบประมาณ {to_thai_digits(year)} (บาท)"
    assert "แผนอื่น" in by_row[foreign].message and NONG_KHON in by_row[foreign].message
    assert "ไม่พบ" in by_row[unknown].message
    assert "ไม่ถูกต้อง" in by_row[garbage].message
    assert all(any("\u0e00" <= ch <= "\u0e7f" for ch in error.message) for error in errors)
    assert state(plan) == before


def test_thai_digit_amounts_are_read(plan, projects, personas):
    rows = sheet_rows(exchange.form_workbook(plan))
    row = [None] * len(rows[header_index(rows)])
    row[1] = "โครงการงบประมาณเลขไทย"
    row[column(rows, f"งบประมาณ {to_thai_digits(plan.fiscal_year)} (บาท)")] = "๑๒,๕๐๐.๕๐"
    rows.append(row)
    assert import_rows(plan, personas.tambon_officer, rows)["created"] == 1
    project = Project.objects.get(plan=plan, name="โครงการงบประมาณเลขไทย")
    assert project.budgets.get().amount == Decimal("12500.50")


def test_a_reference_on_the_wrong_row_is_refused(plan, projects, personas):
    """Rows sorted without the reference column: the reference and the name disagree."""
    rows = sheet_rows(exchange.form_workbook(plan))
    ref = column(rows, "รหัสอ้างอิง (ห้ามแก้ไข)")
    road, career = project_row(rows, ROAD), project_row(rows, CAREER)
    road[ref], career[ref] = career[ref], road[ref]
    before = state(plan)
    with pytest.raises(TabularError) as caught:
        import_rows(plan, personas.tambon_officer, rows)
    assert {error.row for error in caught.value.errors} == {rows.index(road) + 1, rows.index(career) + 1}
    assert "ไม่ตรงกับชื่อ" in caught.value.errors[0].message
    assert state(plan) == before


def test_the_same_project_twice_and_amounts_in_other_years_are_refused(plan, projects, personas):
    rows = sheet_rows(exchange.form_workbook(plan))
    road = project_row(rows, ROAD)
    rows.append(list(road))
    earlier = [year for year in exchange.local_plan_period(plan.fiscal_year) if year < plan.fiscal_year]
    career = project_row(rows, CAREER)
    career[column(rows, f"งบประมาณ {to_thai_digits(earlier[0])} (บาท)")] = 5000
    with pytest.raises(TabularError) as caught:
        import_rows(plan, personas.tambon_officer, rows)
    messages = {error.row: error.message for error in caught.value.errors}
    assert "ซ้ำกับแถวที่" in messages[len(rows)]
    assert "รับงบประมาณได้เฉพาะปี" in messages[rows.index(career) + 1]


def test_a_new_row_without_a_program_heading_is_refused(plan, personas):
    rows = [["ที่", "โครงการ", "วัตถุประสงค์"], [1, "โครงการใหม่ไม่มีหัวข้อ", "เพื่อทดสอบ"]]
    with pytest.raises(TabularError) as caught:
        import_rows(plan, personas.tambon_officer, rows)
    assert caught.value.errors[0].row == 2
    assert "หัวข้อแผนงาน" in caught.value.errors[0].column
    assert not Project.objects.filter(plan=plan).exists()


def test_totals_and_numbered_empty_rows_are_read_over(plan, projects, personas):
    rows = sheet_rows(exchange.form_workbook(plan))
    width = len(rows[header_index(rows)])
    budget = column(rows, f"งบประมาณ {to_thai_digits(plan.fiscal_year)} (บาท)")
    total = [None] * width
    total[1], total[budget] = "รวม 3 โครงการ", 1280000
    numbered = [None] * width
    numbered[0] = 4
    rows += [total, numbered]
    before = state(plan)
    assert import_rows(plan, personas.tambon_officer, rows)["unchanged"] == 3
    assert state(plan) == before


def test_a_file_without_the_form_header_says_so(plan, personas):
    with pytest.raises(TabularError) as caught:
        import_rows(plan, personas.tambon_officer, [["แบบ ผ.02"], ["อะไรก็ได้", "x"]])
    assert "หัวตาราง" in caught.value.errors[0].message


# ---------------------------------------------------------------------------------------------- pages


def url(name: str, plan) -> str:
    return reverse(f"planning:{name}", kwargs={"pk": plan.pk})


def test_everyone_who_sees_the_plan_downloads_the_form(plan, projects, personas):
    for user in (personas.tambon_officer, personas.district_officer, personas.viewer):
        response = personas.client_for(user).get(url("exchange_xlsx", plan))
        assert response.status_code == 200, user
        assert response["Content-Type"] == XLSX
        assert "attachment" in response["Content-Disposition"]
        assert ROAD in str(sheet_rows(response.content))


def test_the_download_names_the_period_and_a3_is_asked_for_with_paper(plan, projects, personas):
    client = personas.client_for(personas.viewer)
    response = client.get(url("exchange_xlsx", plan))
    assert "2566-2570" in response["Content-Disposition"]
    response = client.get(url("exchange_xlsx", plan) + "?paper=A3")
    assert response.status_code == 200 and "A3" in response["Content-Disposition"]
    assert load_workbook(io.BytesIO(response.content))[exchange.PLAN_SHEET].page_setup.paperSize == 8
    page = personas.client_for(personas.tambon_officer).get(url("plan", plan)).content.decode()
    assert url("exchange_xlsx", plan) + "?paper=a3" in page


def test_the_download_refused_says_why_and_offers_the_period_that_fits(plan, personas):
    add_project(plan, "ก่อสร้างศาลาประชาคม", budgets={2571: "450000"})
    client = personas.client_for(personas.district_officer)
    response = client.get(url("exchange_xlsx", plan))
    assert response.status_code == 409
    page = response.content.decode()
    assert 'id="export-refused"' in page
    assert "ก่อสร้างศาลาประชาคม (ปี 2571)" in page and "พ.ศ. 2566 - 2570" in page
    offered = url("exchange_xlsx", plan) + "?period=2571&amp;paper=a4"
    assert offered in page
    response = client.get(url("exchange_xlsx", plan) + "?period=๒๕๗๑")  # Thai digits too
    assert response.status_code == 200
    assert period_line(sheet_rows(response.content)) == "พ.ศ. ๒๕๗๑ - ๒๕๗๕"


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("?period=2580", "ช่วงแผน '2580' ไม่ถูกต้อง"),
        ("?period=abc", "ช่วงแผน 'abc' ไม่ถูกต้อง"),
        ("?paper=letter", "ขนาดกระดาษ 'letter' ไม่รองรับ"),
    ],
)
def test_an_unknown_period_or_paper_is_refused_with_the_reason(plan, personas, query, reason):
    response = personas.client_for(personas.tambon_officer).get(url("exchange_xlsx", plan) + query)
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert reason in page
    if "period" in query:
        assert "พ.ศ. 2566 - 2570 หรือ พ.ศ. 2571 - 2575" in page


def test_outsiders_and_other_districts_get_404(plan, personas):
    for user in (personas.outsider, personas.other_district_officer):
        client = personas.client_for(user)
        assert client.get(url("exchange_xlsx", plan)).status_code == 404, user
        assert client.get(url("exchange_import", plan)).status_code == 404, user
        upload = SimpleUploadedFile("p02.xlsx", exchange.form_workbook(plan))
        assert client.post(url("exchange_import", plan), {"file": upload}).status_code == 404, user


def test_a_viewer_gets_403_on_the_import(plan, projects, personas):
    client = personas.client_for(personas.viewer)
    assert client.get(url("exchange_import", plan)).status_code == 403
    upload = SimpleUploadedFile("p02.xlsx", exchange.form_workbook(plan))
    assert client.post(url("exchange_import", plan), {"file": upload}).status_code == 403


def test_the_plan_page_has_the_buttons(plan, personas):
    page = personas.client_for(personas.tambon_officer).get(url("plan", plan)).content.decode()
    assert url("exchange_xlsx", plan) in page and url("exchange_import", plan) in page
    page = personas.client_for(personas.viewer).get(url("plan", plan)).content.decode()
    assert url("exchange_xlsx", plan) in page and url("exchange_import", plan) not in page


def test_the_import_page_shows_the_result_and_the_row_errors(plan, projects, personas):
    client = personas.client_for(personas.tambon_officer)
    assert client.get(url("exchange_import", plan)).status_code == 200
    rows = edited(plan, projects)
    response = client.post(
        url("exchange_import", plan), {"file": SimpleUploadedFile("p.xlsx", to_xlsx(rows))}
    )
    page = response.content.decode()
    assert 'id="import-result"' in page and "ติดตั้งไฟฟ้าส่องสว่างทางสาธารณะ" in page

    bad = [None] * len(rows[header_index(rows)])
    bad[1], bad[column(rows, f"งบประมาณ {to_thai_digits(plan.fiscal_year)} (บาท)")] = "โครงการผิด", "หนึ่งพัน"
    rows.append(bad)
    before = state(plan)
    response = client.post(
        url("exchange_import", plan), {"file": SimpleUploadedFile("p.xlsx", to_xlsx(rows))}
    )
    page = response.content.decode()
    assert 'id="import-errors"' in page and "หนึ่งพัน" in page
    assert 'id="import-result"' not in page
    assert state(plan) == before


def test_text_that_looks_like_a_formula_stays_text_and_round_trips(plan, personas):
    dangerous = "=cmd|' /C calc'!A0"
    add_project(plan, dangerous, objective="+1+1", kpi="@SUM(1+1)", development_issue="-2+3")
    content = exchange.form_workbook(plan)
    sheet = load_workbook(io.BytesIO(content))[exchange.PLAN_SHEET]
    cells = [
        cell for row in sheet.iter_rows() for cell in row if cell.value in (dangerous, "+1+1", "@SUM(1+1)")
    ]
    assert len(cells) == 3
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in cells)
    before = state(plan)
    result = exchange.form_import(
        user=personas.tambon_officer, plan=plan, upload=SimpleUploadedFile("p02.xlsx", content)
    )
    assert result["unchanged"] == 1
    assert state(plan) == before


# ---------------------------------------------------------------------------------------------- ด้าน, needs


def hand_made_form(*project_rows) -> list[list[object]]:
    """A ผ.02 sheet a local government typed itself, with the ด้าน and needs columns added."""
    return [
        ["ที่", "โครงการ", "วัตถุประสงค์", "ด้าน", "ปัญหา/ความต้องการที่ตอบ"],
        ["ยุทธศาสตร์ที่ ๑ การพัฒนาคุณภาพชีวิต"],
        ["แผนงาน ๑.๑ ชุมชนดำเนินการเอง"],
        *project_rows,
    ]


def test_the_form_sets_the_category_and_needs_when_the_file_has_the_columns(plan, personas):
    health, infra = (NeedCategory.objects.get(name_th=name) for name in ("ด้านสาธารณสุข", "ด้านโครงสร้างพื้นฐาน"))
    dengue = Need.objects.create(plan=plan, category=health, description="ยุงลายชุกชุม มีผู้ป่วยไข้เลือดออก")
    road_need = Need.objects.create(plan=plan, category=infra, description="ถนนเข้าหมู่บ้านชำรุด")
    road = add_project(plan, ROAD, "community", development_issue=INFRA)
    rows = hand_made_form(
        [1, "พ่นหมอกควันกำจัดยุงลาย", "เพื่อลดผู้ป่วยไข้เลือดออก", " สาธารณสุข", dengue.description],
        [2, ROAD, "", "", f"#{road_need.pk}"],  # ด้าน left empty: the category of its needs
    )

    result = import_rows(plan, personas.tambon_officer, rows)

    assert (result["created"], result["updated"], result["unchanged"]) == (1, 1, 0)
    fogging = Project.objects.get(plan=plan, name="พ่นหมอกควันกำจัดยุงลาย")
    assert (fogging.category, list(fogging.needs.all())) == (health, [dengue])
    road.refresh_from_db()
    assert (road.category, list(road.needs.all())) == (infra, [road_need])
    before = state(plan)
    again = import_rows(plan, personas.tambon_officer, rows)
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 2)
    assert state(plan) == before


def test_the_form_refuses_an_unknown_category_or_need_and_writes_nothing(plan, personas):
    rows = hand_made_form(
        [1, "พ่นหมอกควันกำจัดยุงลาย", "", "ด้านกีฬา", ""],
        [2, "ฝึกอาชีพ", "", "", "น้ำท่วมขัง"],
    )

    with pytest.raises(TabularError) as error:
        import_rows(plan, personas.tambon_officer, rows)

    assert [(e.row, e.column) for e in error.value.errors] == [(4, "ด้าน"), (5, "ปัญหา/ความต้องการที่ตอบ")]
    assert "ไม่รู้จักด้าน 'ด้านกีฬา' (ใช้ได้: ด้านเศรษฐกิจ," in error.value.errors[0].message
    assert "ไม่พบปัญหา/ความต้องการ 'น้ำท่วมขัง' ในแผนนี้" in error.value.errors[1].message
    assert not Project.objects.filter(plan=plan).exists()
