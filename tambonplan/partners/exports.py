"""Excel workbooks of the budget-integration pages, built from the same `Integration` the page shows."""

from django.utils.translation import gettext as _

from tambonplan.documents.xlsx import Sheet, build_xlsx
from tambonplan.partners.integration import SOURCES, Integration, Totals

ROWS_SHEET = "รายพื้นที่"
PROJECTS_SHEET = "รายโครงการ"
SOURCES_SHEET = "ตามแหล่งที่มา"
CATEGORIES_SHEET = "ตามด้าน"
UNFUNDED_SHEET = "โครงการสำคัญที่ยังขาดงบ"
CONTRIBUTIONS_SHEET = "การสนับสนุนของภาคี"


def _year_header(year: int) -> str:
    return _("ได้รับในปี %(year)s") % {"year": year}


def _money_headers(years) -> list[str]:
    # need = secured up to the need + gap; secured = secured up to the need + over the need (by source, by
    # fiscal year of the window); money of later years apart.
    return [
        _("งบประมาณที่ต้องการ"),
        _("ได้รับแล้ว (ไม่เกินความต้องการ)"),
        _("ส่วนที่ยังขาด"),
        _("ได้รับเกินความต้องการ"),
        _("ได้รับการสนับสนุนทั้งหมด"),
        *[_year_header(year) for year in years],
        _("ได้รับหลังช่วงเทียบ"),
        *[str(label) for _key, label, _types in SOURCES],
        _("รับปาก (ยังไม่อนุมัติ)"),
    ]


def _money(f) -> list:
    return [
        f.need,
        f.secured_up_to_need,
        f.gap,
        f.over,
        f.secured,
        *f.year_cells,
        f.later,
        *f.source_cells,
        f.pledged,
    ]


def _figure_headers(years) -> list[str]:
    return [
        _("จำนวนโครงการ"),
        *_money_headers(years),
        _("ความก้าวหน้าเฉลี่ยถ่วงน้ำหนัก (%)"),
        _("โครงการที่ไม่มีงบประมาณ"),
        _("โครงการที่กำหนดความก้าวหน้าเอง"),
    ]


def _figures(t: Totals) -> list:
    return [
        t.projects,
        *_money(t),
        t.progress.percent,
        t.progress.no_budget,
        t.progress.overridden,
    ]


def _project_row(p) -> list:
    return [
        p.tambon_name,
        p.priority,
        p.name,
        *_money(p),
        p.percent.value,
        _("กำหนดเอง") if p.percent.overridden else "",
    ]


def integration_workbook(data: Integration) -> bytes:
    area_header = _("ตำบล") if data.level == "district" else _("อำเภอ")
    years = data.years
    project_headers = [
        _("ตำบล"),
        _("ลำดับความสำคัญ"),
        _("โครงการ"),
        *_money_headers(years),
        _("ความก้าวหน้า (%)"),
        _("หมายเหตุความก้าวหน้า"),
    ]
    sheets = []
    if data.level != "tambon":
        sheets.append(
            Sheet(
                title=ROWS_SHEET,
                headers=[_("รหัส"), area_header, *_figure_headers(years)],
                rows=[
                    *([row.code, row.name, *_figures(row.totals)] for row in data.rows),
                    ["", _("รวม"), *_figures(data.total)],
                ],
                widths=[10, 24] + [16] * (19 + len(years)),
            )
        )
    sheets += [
        Sheet(
            title=PROJECTS_SHEET,
            headers=project_headers,
            rows=(_project_row(p) for p in data.projects),
            widths=[20, 10, 44] + [16] * (17 + len(years)),
        ),
        Sheet(
            title=SOURCES_SHEET,
            headers=[_("แหล่งที่มา"), _("ได้รับการสนับสนุนแล้ว (บาท)")],
            rows=[
                *([label, amount] for _key, label, amount in data.sources),
                [_("รวม"), data.total.secured],
                [_("ในจำนวนนี้ ไม่เกินความต้องการ"), data.total.secured_up_to_need],
                [_("ในจำนวนนี้ เกินความต้องการ"), data.total.over],
                *([_year_header(year), amount] for year, amount in data.year_amounts),
                [_("ได้รับหลังช่วงเทียบ (ไม่นับในช่วงเทียบ)"), data.total.later],
                [_("รับปาก (ยังไม่อนุมัติ)"), data.total.pledged],
            ],
            widths=[44, 22],
        ),
        Sheet(
            title=CATEGORIES_SHEET,
            headers=[_("ด้าน"), *_figure_headers(years)],
            rows=[[row.name, *_figures(row.totals)] for row in data.categories],
            widths=[34] + [16] * (19 + len(years)),
        ),
        Sheet(
            title=UNFUNDED_SHEET,
            headers=project_headers,
            rows=(_project_row(p) for p in data.unfunded),
            widths=[20, 10, 44] + [16] * (17 + len(years)),
        ),
        Sheet(
            title=CONTRIBUTIONS_SHEET,
            headers=[
                _("ภาคี"),
                _("ประเภท"),
                _("ตำบล"),
                _("ได้รับการสนับสนุนแล้ว"),
                _("ได้รับหลังช่วงเทียบ"),
                _("รับปาก (ยังไม่อนุมัติ)"),
            ],
            rows=(
                [c.partner_name, c.partner_type_label, c.tambon_name, c.secured, c.later, c.pledged]
                for c in data.contributions
            ),
            widths=[40, 26, 20, 18, 18, 18],
        ),
    ]
    return build_xlsx(sheets)
