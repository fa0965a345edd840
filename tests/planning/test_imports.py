"""Importing needs, projects and project statuses from spreadsheets: every bad row named, all rows or none,
Thai digits and thousands separators read, the same file imported twice changes nothing."""

import ast
import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from openpyxl import Workbook

from tambonplan.areas.models import Tambon, Village
from tambonplan.core.tabular import TabularError
from tambonplan.planning import imports
from tambonplan.planning.models import (
    Need,
    NeedCategory,
    NeedSource,
    Project,
    ProjectBudget,
    ProjectClass,
    ProjectStatus,
    TambonPlan,
    TargetKind,
)
from tambonplan.thai.digits import to_thai_digits

HUA_RUEA = "340104"
NONG_KHON = "340105"
VILLAGE_NAMES = {1: "บ้านหัวเรือ", 2: "บ้านโนนสูง", 3: "บ้านดอนแดง"}

NEED_HEADERS = ["หมู่ที่", "ด้าน", "ปัญหา/ความต้องการ", "ที่มา", "ความรุนแรง", "คะแนนเสียง"]
GOOD_NEEDS = [
    ["1", "ด้านเศรษฐกิจ", "ราษฎรมีรายได้ไม่เพียงพอ", "แผนหมู่บ้าน/แผนชุมชน", "4", "35"],
    ["หมู่ที่ ๒", "โครงสร้างพื้นฐาน", "ถนนเข้าหมู่บ้านชำรุด", "forum", "๕", "๑,๒๐๔"],
    ["", "สาธารณสุข", "ผู้สูงอายุขาดผู้ดูแล", "", "", ""],
    ["ทั้งตำบล", "ด้านอื่นๆ", "ขยะล้นถังในที่สาธารณะ", "ข้อมูล จปฐ.", "2", "0"],
]


def project_headers(year: int = 2569) -> list[str]:
    return [
        "ลำดับความสำคัญ",
        "ชื่อโครงการ",
        "ประเด็นการพัฒนา",
        "วัตถุประสงค์",
        "เป้าหมาย (ผลผลิต)",
        "หมู่บ้านเป้าหมาย",
        "ตัวชี้วัด",
        "ผลที่คาดว่าจะได้รับ",
        "หน่วยงานรับผิดชอบหลัก",
        "แหล่งงบประมาณ",
        "ประเภท",
        "ขอรับการสนับสนุนจาก",
        "ชื่อหน่วยงานที่ขอรับการสนับสนุน",
        "ด้าน",
        "ปัญหา/ความต้องการที่ตอบ",
        f"งบประมาณ {year}",
        f"งบประมาณ {year + 1}",
        f"งบประมาณ {year + 2}",
        "สถานะ",
    ]


ROAD = "ก่อสร้างถนนคอนกรีตเสริมเหล็กสายหัวเรือ-โนนสูง"
WEAVING = "ฝึกอบรมอาชีพจักสานกระติบข้าว"
POND = "ขุดลอกหนองสาธารณะประจำหมู่บ้าน"


def project_row(name=ROAD, **overrides) -> list[str]:
    values = {
        "priority": "1",
        "name": name,
        "issue": "การพัฒนาโครงสร้างพื้นฐาน",
        "objective": "เพื่อให้ประชาชนสัญจรสะดวก",
        "output": "ถนน คสล. ยาว 500 เมตร",
        "villages": "1, 3",
        "kpi": "ระยะทางที่แล้วเสร็จ",
        "result": "ประชาชนสัญจรได้ตลอดปี",
        "lead": "อบต.หัวเรือ",
        "source": "งบ อปท.",
        "class": "ขอรับการสนับสนุน",
        "target": "อปท.",
        "target_name": "องค์การบริหารส่วนตำบลหัวเรือ",
        "category": "",
        "needs": "",
        "b0": "๑,๒๕๐,๐๐๐",
        "b1": "",
        "b2": "",
        "status": "",
    }
    values.update(overrides)
    return list(values.values())


GOOD_PROJECTS = [
    project_row(),
    project_row(
        WEAVING,
        priority="๒",
        villages="ทุกหมู่บ้าน",
        **{
            "class": "community",
            "target": "",
            "target_name": "",
            "b0": "30,000",
            "b1": "35000.50",
            "b2": "0",
        },
    ),
    project_row(
        POND,
        priority="",
        villages="ม.2",
        **{"class": "ดำเนินการร่วม", "target": "", "target_name": "", "b0": "", "b1": "", "b2": "450,000"},
        status="บรรจุในแผนแล้ว",
    ),
]


# ------------------------------------------------------------------------------------------ builders


def make_plan(tambon: str = HUA_RUEA, fiscal_year: int = 2569, villages=(1, 2, 3)) -> TambonPlan:
    for moo in villages:
        Village.objects.get_or_create(
            code=Village.code_for(tambon, moo),
            defaults={"tambon_id": tambon, "moo": moo, "name_th": VILLAGE_NAMES.get(moo, f"บ้านที่{moo}")},
        )
    plan = TambonPlan.objects.create(tambon_id=tambon, fiscal_year=fiscal_year)
    return TambonPlan.objects.select_related("tambon__district__province").get(pk=plan.pk)


def xlsx_bytes(headers, rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(headers, rows, name: str = "data.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, xlsx_bytes(headers, rows))


def csv_upload(headers, rows) -> SimpleUploadedFile:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    return SimpleUploadedFile("data.csv", buffer.getvalue().encode("utf-8"))


def errors_of(call) -> list:
    with pytest.raises(TabularError) as info:
        call()
    return info.value.errors


@pytest.fixture
def plan(db) -> TambonPlan:
    return make_plan()


# ------------------------------------------------------------------------------------------ needs


def test_needs_import_creates_needs_reading_thai_digits_and_short_names(plan, personas):
    result = imports.needs_import(
        user=personas.tambon_officer, plan=plan, upload=upload(NEED_HEADERS, GOOD_NEEDS)
    )

    assert result == {"created": 4, "updated": 0, "unchanged": 0}
    needs = {n.description: n for n in plan.needs.select_related("village", "category")}
    income = needs["ราษฎรมีรายได้ไม่เพียงพอ"]
    assert (income.village.moo, income.category.name_th, income.source, income.severity, income.votes) == (
        1,
        "ด้านเศรษฐกิจ",
        NeedSource.VILLAGE_PLAN,
        4,
        35,
    )
    road = needs["ถนนเข้าหมู่บ้านชำรุด"]
    assert road.village.moo == 2  # "หมู่ที่ ๒"
    assert road.category.name_th == "ด้านโครงสร้างพื้นฐาน"  # without the "ด้าน" prefix
    assert (road.source, road.severity, road.votes) == (NeedSource.FORUM, 5, 1204)  # code, Thai digits, 1,204
    elderly = needs["ผู้สูงอายุขาดผู้ดูแล"]
    assert elderly.village is None  # empty: the whole tambon
    assert (elderly.source, elderly.severity, elderly.votes) == (NeedSource.VILLAGE_PLAN, 3, 0)  # defaults
    waste = needs["ขยะล้นถังในที่สาธารณะ"]
    assert waste.village is None and waste.category.name_th == "ด้านอื่น ๆ" and waste.source == NeedSource.JPT


def test_needs_import_twice_changes_nothing_and_a_change_updates(plan, personas):
    user = personas.tambon_officer
    imports.needs_import(user=user, plan=plan, upload=upload(NEED_HEADERS, GOOD_NEEDS))

    again = imports.needs_import(user=user, plan=plan, upload=upload(NEED_HEADERS, GOOD_NEEDS))
    assert again == {"created": 0, "updated": 0, "unchanged": 4}
    assert Need.objects.filter(plan=plan).count() == 4

    changed = [row[:] for row in GOOD_NEEDS]
    changed[0][5] = "40"
    changed[1][2] = "  ถนนเข้าหมู่บ้าน   ชำรุด "  # the same need, spaced differently
    result = imports.needs_import(user=user, plan=plan, upload=upload(NEED_HEADERS, changed))
    assert result == {"created": 0, "updated": 1, "unchanged": 3}
    assert plan.needs.get(description="ราษฎรมีรายได้ไม่เพียงพอ").votes == 40


def test_needs_import_the_same_description_in_two_villages_is_two_needs(plan, personas):
    rows = [["1", "เศรษฐกิจ", "ขาดตลาดจำหน่ายสินค้า"], ["2", "เศรษฐกิจ", "ขาดตลาดจำหน่ายสินค้า"]]

    result = imports.needs_import(
        user=personas.tambon_officer, plan=plan, upload=upload(NEED_HEADERS[:3], rows)
    )

    assert result["created"] == 2


def test_needs_import_keeps_defaults_of_existing_needs_for_empty_cells(plan, personas):
    need = Need.objects.create(
        plan=plan,
        category=NeedCategory.objects.get(name_th="ด้านการศึกษา"),
        description="เด็กขาดทุนการศึกษา",
        source=NeedSource.FORUM,
        severity=5,
        votes=80,
    )
    rows = [["", "การศึกษา", "เด็กขาดทุนการศึกษา", "", "", ""]]

    result = imports.needs_import(
        user=personas.tambon_officer, plan=plan, upload=csv_upload(NEED_HEADERS, rows)
    )

    assert result == {"created": 0, "updated": 0, "unchanged": 1}
    need.refresh_from_db()
    assert (need.source, need.severity, need.votes) == (NeedSource.FORUM, 5, 80)


NEED_BAD_ROWS = [
    # (row, fragment of the reason)
    (["9", "เศรษฐกิจ", "หมู่ที่ไม่มีจริง"], "ไม่มีหมู่ที่ 9"),
    (["หมู่ห้า", "เศรษฐกิจ", "หมู่ที่อ่านไม่ได้"], "หมู่ที่ 'หมู่ห้า' ไม่ถูกต้อง"),
    (["1", "ด้านกีฬา", "ด้านที่ไม่รู้จัก"], "ไม่รู้จักด้าน 'ด้านกีฬา'"),
    (["1", "", "ไม่ได้ระบุด้าน"], "ไม่ได้ระบุด้าน"),
    (["1", "เศรษฐกิจ", ""], "ไม่ได้ระบุปัญหา/ความต้องการ"),
    (["1", "เศรษฐกิจ", "ก" * 501], "เกิน 500 ตัวอักษร"),
    (["1", "เศรษฐกิจ", "ที่มาไม่รู้จัก", "โทรศัพท์"], "ไม่รู้จักที่มา 'โทรศัพท์'"),
    (["1", "เศรษฐกิจ", "รุนแรงเกิน", "", "6"], "ความรุนแรง '6' ต้องเป็นตัวเลข 1 ถึง 5"),
    (["1", "เศรษฐกิจ", "รุนแรงศูนย์", "", "0"], "ความรุนแรง '0'"),
    (["1", "เศรษฐกิจ", "คะแนนติดลบ", "", "", "-3"], "คะแนนเสียง '-3'"),
    (["1", "เศรษฐกิจ", "คะแนนไม่ใช่ตัวเลข", "", "", "มาก"], "คะแนนเสียง 'มาก'"),
    (["1", "เศรษฐกิจ", "คะแนนมีทศนิยม", "", "", "2.5"], "คะแนนเสียง '2.5'"),
    (["1", "เศรษฐกิจ", "ราษฎรมีรายได้ไม่เพียงพอ"], "ซ้ำกับแถวที่ 2"),
]


@pytest.mark.parametrize(("bad_row", "reason"), NEED_BAD_ROWS, ids=[r for _row, r in NEED_BAD_ROWS])
def test_needs_import_names_each_bad_row_and_writes_nothing(plan, personas, bad_row, reason):
    rows = [GOOD_NEEDS[0], bad_row + [""] * (6 - len(bad_row)), GOOD_NEEDS[2]]

    errors = errors_of(
        lambda: imports.needs_import(
            user=personas.tambon_officer, plan=plan, upload=upload(NEED_HEADERS, rows)
        )
    )

    assert [e.row for e in errors] == [3]
    assert reason in errors[0].message
    assert Need.objects.filter(plan=plan).count() == 0


def test_needs_import_reports_every_bad_row_at_once(plan, personas):
    rows = [GOOD_NEEDS[0]] + [bad + [""] * (6 - len(bad)) for bad, _reason in NEED_BAD_ROWS[:6]]

    errors = errors_of(
        lambda: imports.needs_import(
            user=personas.tambon_officer, plan=plan, upload=upload(NEED_HEADERS, rows)
        )
    )

    assert sorted({e.row for e in errors}) == [3, 4, 5, 6, 7, 8]
    assert errors[0].column == "หมู่ที่"
    assert Need.objects.count() == 0


def test_needs_import_refuses_a_village_of_another_tambon(plan, personas):
    Village.objects.create(code=Village.code_for(NONG_KHON, 7), tambon_id=NONG_KHON, moo=7, name_th="บ้านอื่น")

    errors = errors_of(
        lambda: imports.needs_import(
            user=personas.tambon_officer, plan=plan, upload=upload(NEED_HEADERS[:3], [["7", "เศรษฐกิจ", "x"]])
        )
    )

    assert "ตำบลหัวเรือ ไม่มีหมู่ที่ 7" in errors[0].message


def test_needs_import_needs_the_required_columns(plan, personas):
    errors = errors_of(
        lambda: imports.needs_import(
            user=personas.tambon_officer, plan=plan, upload=upload(["หมู่ที่", "ด้าน"], [["1", "เศรษฐกิจ"]])
        )
    )

    assert "ปัญหา/ความต้องการ" in errors[0].message


def test_needs_import_scope(plan, personas):
    data = upload(NEED_HEADERS, GOOD_NEEDS)
    with pytest.raises(PermissionDenied):
        imports.needs_import(user=personas.viewer, plan=plan, upload=data)
    with pytest.raises(Http404):
        imports.needs_import(user=personas.other_district_officer, plan=plan, upload=data)
    assert Need.objects.count() == 0


# ------------------------------------------------------------------------------------------ projects


def test_projects_import_creates_projects_with_budgets_villages_and_classes(plan, personas):
    result = imports.projects_import(
        user=personas.tambon_officer, plan=plan, upload=upload(project_headers(), GOOD_PROJECTS)
    )

    assert result == {"created": 3, "updated": 0, "unchanged": 0}
    projects = {p.name: p for p in plan.projects.select_related("project_class").prefetch_related("villages")}
    road = projects[ROAD]
    assert road.priority == 1
    assert road.project_class.code == "support"
    assert (road.target_kind, road.target_name) == (TargetKind.LOCAL_GOVERNMENT, "องค์การบริหารส่วนตำบลหัวเรือ")
    assert road.status == ProjectStatus.PROPOSED  # empty: proposed
    assert sorted(v.moo for v in road.villages.all()) == [1, 3]
    assert road.objective == "เพื่อให้ประชาชนสัญจรสะดวก" and road.kpi == "ระยะทางที่แล้วเสร็จ"
    assert road.lead_agency == "อบต.หัวเรือ" and road.budget_source == "งบ อปท."
    assert dict(road.budgets.values_list("fiscal_year", "amount")) == {2569: Decimal("1250000")}

    weaving = projects[WEAVING]
    assert weaving.priority == 2  # Thai digit
    assert weaving.project_class.code == "community"  # by code
    assert sorted(v.moo for v in weaving.villages.all()) == [1, 2, 3]  # ทุกหมู่บ้าน
    assert dict(weaving.budgets.values_list("fiscal_year", "amount")) == {
        2569: Decimal("30000"),
        2570: Decimal("35000.50"),
    }  # zero: no budget for 2571

    pond = projects[POND]
    assert pond.priority is None
    assert pond.status == ProjectStatus.ACCEPTED
    assert [v.moo for v in pond.villages.all()] == [2]
    assert dict(pond.budgets.values_list("fiscal_year", "amount")) == {2571: Decimal("450000")}

    # Each new project has its "created" entry in the audit trail, by the importing user, as imported.
    for project in projects.values():
        (entry,) = project.history.all()
        assert (entry.history_type, entry.history_user, entry.name) == (
            "+",
            personas.tambon_officer,
            project.name,
        )
        assert entry.history_change_reason == imports.IMPORT_REASON


def test_projects_import_twice_changes_nothing(plan, personas):
    user = personas.tambon_officer
    imports.projects_import(user=user, plan=plan, upload=upload(project_headers(), GOOD_PROJECTS))
    versions = dict(plan.projects.values_list("name", "version"))

    result = imports.projects_import(user=user, plan=plan, upload=upload(project_headers(), GOOD_PROJECTS))

    assert result == {"created": 0, "updated": 0, "unchanged": 3}
    assert Project.objects.filter(plan=plan).count() == 3
    assert ProjectBudget.objects.filter(project__plan=plan).count() == 4
    assert dict(plan.projects.values_list("name", "version")) == versions


def test_projects_import_updates_budgets_villages_and_keeps_status(plan, personas):
    user = personas.tambon_officer
    imports.projects_import(user=user, plan=plan, upload=upload(project_headers(), GOOD_PROJECTS))
    plan.projects.filter(name=ROAD).update(status=ProjectStatus.FUNDED)
    rows = [
        project_row(b0="0", b1="๙๐๐,๐๐๐", villages="หมู่ที่ 2"),  # 2569 removed, 2570 added
        GOOD_PROJECTS[1],
        GOOD_PROJECTS[2],
    ]

    result = imports.projects_import(user=user, plan=plan, upload=upload(project_headers(), rows))

    assert result == {"created": 0, "updated": 1, "unchanged": 2}
    road = plan.projects.get(name=ROAD)
    assert dict(road.budgets.values_list("fiscal_year", "amount")) == {2570: Decimal("900000")}
    assert [v.moo for v in road.villages.all()] == [2]
    assert road.status == ProjectStatus.FUNDED  # an empty status cell keeps the status
    assert road.version == 2


def test_projects_import_without_some_columns_leaves_those_fields(plan, personas):
    user = personas.tambon_officer
    imports.projects_import(user=user, plan=plan, upload=upload(project_headers(), GOOD_PROJECTS))

    result = imports.projects_import(
        user=user,
        plan=plan,
        upload=upload(["ชื่อโครงการ", "ประเภท", "งบประมาณ 2570"], [[ROAD, "support", "100,000"]]),
    )

    assert result == {"created": 0, "updated": 1, "unchanged": 0}
    road = plan.projects.get(name=ROAD)
    assert road.target_kind == TargetKind.LOCAL_GOVERNMENT  # kept: no column
    assert sorted(v.moo for v in road.villages.all()) == [1, 3]
    assert dict(road.budgets.values_list("fiscal_year", "amount")) == {
        2569: Decimal("1250000"),
        2570: Decimal("100000"),
    }


def test_projects_import_matches_names_ignoring_spacing(plan, personas):
    user = personas.tambon_officer
    imports.projects_import(user=user, plan=plan, upload=upload(project_headers(), GOOD_PROJECTS))
    rows = [project_row(name="  ก่อสร้างถนนคอนกรีตเสริมเหล็กสายหัวเรือ-โนนสูง ")] + GOOD_PROJECTS[1:]

    result = imports.projects_import(user=user, plan=plan, upload=upload(project_headers(), rows))

    assert result["unchanged"] == 3


def test_projects_import_accepts_budget_headers_in_thai_digits(plan, personas):
    headers = ["ชื่อโครงการ", "ประเภท", "งบประมาณ ๒๕๖๙", "งบประมาณ พ.ศ. 2570"]

    imports.projects_import(
        user=personas.tambon_officer,
        plan=plan,
        upload=upload(headers, [[WEAVING, "community", "1,000", "2,000"]]),
    )

    project = plan.projects.get()
    assert dict(project.budgets.values_list("fiscal_year", "amount")) == {2569: 1000, 2570: 2000}


PROJECT_BAD_ROWS = [
    ({"name": ""}, "ชื่อโครงการ", "ไม่ได้ระบุชื่อโครงการ"),
    ({"name": "ก" * 301}, "ชื่อโครงการ", "เกิน 300 ตัวอักษร"),
    ({"class": ""}, "ประเภท", "ไม่ได้ระบุประเภทโครงการ"),
    ({"class": "จ้างเหมา"}, "ประเภท", "ไม่รู้จักประเภทโครงการ 'จ้างเหมา'"),
    ({"target": ""}, "ขอรับการสนับสนุนจาก", "ต้องระบุว่าขอรับการสนับสนุนจากใคร"),
    ({"target": "กระทรวง"}, "ขอรับการสนับสนุนจาก", "ไม่รู้จัก 'กระทรวง'"),
    ({"villages": "1, 8"}, "หมู่บ้านเป้าหมาย", "ไม่มีหมู่ที่ 8"),
    ({"villages": "บ้านหัวเรือ"}, "หมู่บ้านเป้าหมาย", "หมู่บ้านเป้าหมาย 'บ้านหัวเรือ' ไม่ถูกต้อง"),
    ({"b0": "-5,000"}, "งบประมาณ 2569", "ติดลบไม่ได้"),
    ({"b1": "ห้าหมื่น"}, "งบประมาณ 2570", "ไม่ใช่ตัวเลข"),
    ({"b2": "10.555"}, "งบประมาณ 2571", "ทศนิยมเกิน 2 ตำแหน่ง"),
    ({"status": "ยกเลิก"}, "สถานะ", "ไม่รู้จักสถานะ 'ยกเลิก'"),
    ({"priority": "0"}, "ลำดับความสำคัญ", "ลำดับความสำคัญ '0'"),
    ({"priority": "แรก"}, "ลำดับความสำคัญ", "ลำดับความสำคัญ 'แรก'"),
    ({"kpi": "ก" * 301}, "ตัวชี้วัด", "เกิน 300 ตัวอักษร"),
    ({"name": WEAVING, "class": "community"}, "ชื่อโครงการ", "ชื่อโครงการซ้ำกับแถวที่ 2"),
]


@pytest.mark.parametrize(
    ("overrides", "column", "reason"), PROJECT_BAD_ROWS, ids=[reason for _o, _c, reason in PROJECT_BAD_ROWS]
)
def test_projects_import_names_each_bad_row_and_writes_nothing(plan, personas, overrides, column, reason):
    rows = [GOOD_PROJECTS[1], project_row(**overrides), GOOD_PROJECTS[2]]

    errors = errors_of(
        lambda: imports.projects_import(
            user=personas.tambon_officer, plan=plan, upload=upload(project_headers(), rows)
        )
    )

    assert [(e.row, e.column) for e in errors] == [(3, column)]
    assert reason in errors[0].message
    assert Project.objects.count() == 0
    assert ProjectBudget.objects.count() == 0


def test_projects_import_refuses_amounts_in_another_years_column(plan, personas):
    headers = ["ชื่อโครงการ", "ประเภท", "งบประมาณ 2566", "งบประมาณ 2569"]
    rows = [[WEAVING, "community", "5,000", "1"], [POND, "joint", "", "2"]]

    errors = errors_of(
        lambda: imports.projects_import(user=personas.tambon_officer, plan=plan, upload=upload(headers, rows))
    )

    assert [(e.row, e.column) for e in errors] == [(2, "งบประมาณ 2566")]
    assert "2569, 2570, 2571" in errors[0].message
    assert Project.objects.count() == 0


def test_projects_import_reports_every_bad_row_sorted(plan, personas):
    rows = [project_row(**overrides) for overrides, _c, _r in PROJECT_BAD_ROWS[:5]]

    errors = errors_of(
        lambda: imports.projects_import(
            user=personas.tambon_officer, plan=plan, upload=upload(project_headers(), rows)
        )
    )

    assert [e.row for e in errors] == [2, 3, 4, 5, 6]


def test_projects_import_scope(plan, personas):
    data = upload(project_headers(), GOOD_PROJECTS)
    with pytest.raises(PermissionDenied):
        imports.projects_import(user=personas.viewer, plan=plan, upload=data)
    with pytest.raises(Http404):
        imports.projects_import(user=personas.outsider, plan=plan, upload=data)
    assert Project.objects.count() == 0


def test_project_columns_follow_the_plans_year(db):
    plan = make_plan(fiscal_year=2571, villages=())
    headers = [column.headers[-1] for column in imports.project_columns(plan)]
    assert headers[-4:] == ["งบประมาณ 2571", "งบประมาณ 2572", "งบประมาณ 2573", "สถานะ"]


# ------------------------------------------------------------------------------------------ ด้าน and needs

HEALTH = "ด้านสาธารณสุข"
INFRA = "ด้านโครงสร้างพื้นฐาน"
FOGGING = "พ่นหมอกควันกำจัดยุงลาย"


def add_need(plan, description: str, category: str = HEALTH, moo: int | None = None) -> Need:
    village = Village.objects.get(tambon_id=plan.tambon_id, moo=moo) if moo else None
    return Need.objects.create(
        plan=plan,
        village=village,
        category=NeedCategory.objects.get(name_th=category),
        description=description,
    )


@pytest.fixture
def needs(plan) -> dict[str, Need]:
    return {
        "dengue": add_need(plan, "ยุงลายชุกชุม มีผู้ป่วยไข้เลือดออกทุกปี"),
        "elderly": add_need(plan, "ผู้สูงอายุติดเตียง, ขาดผู้ดูแล"),  # a comma inside the text
        "road": add_need(plan, "ถนนเข้าหมู่บ้านชำรุด", INFRA, moo=1),
        "water": add_need(plan, "ประปาหมู่บ้านไม่พอใช้", INFRA),
    }


def import_one(plan, user, *, category=None, answered=None, name=FOGGING):
    """One project row; the ด้าน and needs columns only when given."""
    headers, row = ["ชื่อโครงการ", "ประเภท"], [name, "community"]
    if category is not None:
        headers.append("ด้าน")
        row.append(category)
    if answered is not None:
        headers.append("ปัญหา/ความต้องการที่ตอบ")
        row.append(answered)
    return imports.projects_import(user=user, plan=plan, upload=upload(headers, [row]))


def categories_and_needs(plan) -> dict[str, tuple]:
    return {
        project.name: (
            project.category.name_th if project.category else None,
            sorted(need.description for need in project.needs.all()),
        )
        for project in plan.projects.select_related("category").prefetch_related("needs")
    }


def test_projects_import_reads_the_category_and_the_needs_it_answers(plan, needs, personas):
    rows = [
        project_row(FOGGING, category="  สาธารณสุข ", needs="ยุงลายชุกชุม  มีผู้ป่วยไข้เลือดออกทุกปี"),
        project_row(
            WEAVING, category="ด้านโครงสร้าง พื้นฐาน", needs=f"#{needs['road'].pk};\n{needs['water'].pk}"
        ),
        project_row(POND, category=HEALTH, needs=f"ผู้สูงอายุติดเตียง, ขาดผู้ดูแล, {needs['dengue'].description}"),
    ]

    result = imports.projects_import(
        user=personas.tambon_officer, plan=plan, upload=upload(project_headers(), rows)
    )

    assert result == {"created": 3, "updated": 0, "unchanged": 0}
    assert categories_and_needs(plan) == {
        FOGGING: (HEALTH, [needs["dengue"].description]),  # short name, spaces: the category; text: the need
        WEAVING: (
            INFRA,
            sorted([needs["road"].description, needs["water"].description]),
        ),  # ids, ; and new line
        POND: (
            HEALTH,
            sorted([needs["elderly"].description, needs["dengue"].description]),
        ),  # a comma in a text
    }
    # Imported again: nothing changes.
    again = imports.projects_import(
        user=personas.tambon_officer, plan=plan, upload=upload(project_headers(), rows)
    )
    assert again == {"created": 0, "updated": 0, "unchanged": 3}


def test_a_need_id_in_thai_digits_is_read(plan, needs, personas):
    import_one(plan, personas.tambon_officer, answered=f"#{to_thai_digits(needs['water'].pk)}")

    assert categories_and_needs(plan)[FOGGING] == (INFRA, [needs["water"].description])


def test_without_a_category_the_project_takes_the_category_its_needs_share(plan, needs, personas):
    user = personas.tambon_officer
    import_one(plan, user, answered=needs["dengue"].description)  # no ด้าน column
    import_one(plan, user, name=WEAVING, category="", answered=f"#{needs['road'].pk}, #{needs['water'].pk}")
    import_one(plan, user, name=POND, category="", answered=f"#{needs['road'].pk}, #{needs['dengue'].pk}")

    assert categories_and_needs(plan) == {
        FOGGING: (HEALTH, [needs["dengue"].description]),
        WEAVING: (INFRA, sorted([needs["road"].description, needs["water"].description])),
        POND: (None, sorted([needs["road"].description, needs["dengue"].description])),  # two categories
    }


def test_a_file_without_the_columns_keeps_the_category_and_needs(plan, needs, personas):
    user = personas.tambon_officer
    import_one(plan, user, category="การศึกษา", answered=needs["dengue"].description)

    assert import_one(plan, user) == {"created": 0, "updated": 0, "unchanged": 1}  # neither column
    # Needs but no ด้าน column: the category the officer chose stays.
    assert import_one(plan, user, answered=f"#{needs['road'].pk}") == {
        "created": 0,
        "updated": 1,
        "unchanged": 0,
    }
    assert categories_and_needs(plan)[FOGGING] == ("ด้านการศึกษา", [needs["road"].description])


def test_an_existing_project_takes_the_category_of_its_needs_when_the_cell_is_empty(plan, needs, personas):
    community = ProjectClass.objects.get(code="community")
    project = Project.objects.create(plan=plan, name=FOGGING, project_class=community)
    project.needs.set([needs["dengue"]])

    result = import_one(plan, personas.tambon_officer, category="")

    assert result == {"created": 0, "updated": 1, "unchanged": 0}
    assert categories_and_needs(plan)[FOGGING] == (HEALTH, [needs["dengue"].description])


CATEGORY_NEED_ERRORS = [
    ({"category": "ด้านกีฬา"}, "ด้าน", "ไม่รู้จักด้าน 'ด้านกีฬา' (ใช้ได้: ด้านเศรษฐกิจ,"),
    ({"needs": "น้ำท่วมขัง"}, "ปัญหา/ความต้องการที่ตอบ", "ไม่พบปัญหา/ความต้องการ 'น้ำท่วมขัง' ในแผนนี้"),
    ({"needs": "ถนนเข้าหมู่บ้านชำรุด; #999999"}, "ปัญหา/ความต้องการที่ตอบ", "ไม่พบปัญหา/ความต้องการ '#999999'"),
    ({"needs": "ยุงลายชุกชุม"}, "ปัญหา/ความต้องการที่ตอบ", "ไม่พบปัญหา/ความต้องการ 'ยุงลายชุกชุม'"),
]


@pytest.mark.parametrize(
    ("overrides", "column", "reason"), CATEGORY_NEED_ERRORS, ids=[r for _o, _c, r in CATEGORY_NEED_ERRORS]
)
def test_an_unknown_category_or_need_is_the_rows_error_and_nothing_is_written(
    plan, needs, personas, overrides, column, reason
):
    rows = [project_row(POND, category=HEALTH, needs=needs["dengue"].description), project_row(**overrides)]

    errors = errors_of(
        lambda: imports.projects_import(
            user=personas.tambon_officer, plan=plan, upload=upload(project_headers(), rows)
        )
    )

    assert [(e.row, e.column) for e in errors] == [(3, column)]
    assert reason in errors[0].message
    assert Project.objects.count() == 0 and Project.needs.through.objects.count() == 0


def test_a_need_of_another_plan_is_not_found(plan, needs, personas):
    other = add_need(make_plan(NONG_KHON, villages=()), "น้ำท่วมขัง")

    errors = errors_of(lambda: import_one(plan, personas.tambon_officer, answered=f"#{other.pk}"))

    assert [(e.row, e.column) for e in errors] == [(2, "ปัญหา/ความต้องการที่ตอบ")]
    assert f"'#{other.pk}'" in errors[0].message


def test_a_text_two_needs_share_asks_for_the_id(plan, needs, personas):
    again = add_need(plan, needs["road"].description, INFRA, moo=2)  # the same text in another village

    errors = errors_of(lambda: import_one(plan, personas.tambon_officer, answered=needs["road"].description))

    assert f"มากกว่าหนึ่งรายการ (#{needs['road'].pk}, #{again.pk}) ให้ระบุด้วยรหัสแทน" in errors[0].message
    assert Project.objects.count() == 0


def test_the_plan_export_writes_needs_so_they_read_back(plan, needs, personas):
    """Each need by its text, by its id when the text holds a separator or is another need's too."""
    add_need(plan, needs["road"].description, INFRA, moo=2)
    project = Project.objects.create(
        plan=plan, name=FOGGING, project_class=ProjectClass.objects.get(code="community")
    )
    project.needs.set([needs["dengue"], needs["elderly"], needs["road"]])
    lookup = imports.NeedLookup.of_plan(plan)

    cell = lookup.cell(project.needs.all())

    assert cell == f"{needs['dengue'].description}; #{needs['elderly'].pk}; #{needs['road'].pk}"
    assert import_one(plan, personas.tambon_officer, answered=cell) == {
        "created": 0,
        "updated": 0,
        "unchanged": 1,
    }


# ------------------------------------------------------------------------------------------ status


@pytest.fixture
def projects(plan):
    support = ProjectClass.objects.get(code="support")
    community = ProjectClass.objects.get(code="community")
    return [
        Project.objects.create(plan=plan, name=ROAD, project_class=support, target_kind=TargetKind.DISTRICT),
        Project.objects.create(plan=plan, name=WEAVING, project_class=community),
        Project.objects.create(plan=plan, name=POND, project_class=community, status=ProjectStatus.ACCEPTED),
    ]


STATUS_HEADERS = ["รหัสโครงการ", "ชื่อโครงการ", "สถานะ"]


def test_status_import_by_id_or_name_label_or_code(plan, projects, personas):
    road, weaving, pond = projects
    rows = [
        [str(road.pk), "", "ได้รับงบประมาณ"],
        ["", f" {WEAVING} ", "under_way"],
        [
            str(pond.pk).translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")),
            POND,
            "บรรจุในแผนแล้ว",
        ],  # unchanged
    ]

    changed = imports.project_status_import(
        user=personas.district_officer, plan=plan, upload=upload(STATUS_HEADERS, rows)
    )

    assert changed == 2
    statuses = dict(plan.projects.values_list("name", "status"))
    assert statuses == {
        ROAD: ProjectStatus.FUNDED,
        WEAVING: ProjectStatus.UNDER_WAY,
        POND: ProjectStatus.ACCEPTED,
    }
    assert Project.objects.get(pk=road.pk).version == 2
    again = imports.project_status_import(
        user=personas.district_officer, plan=plan, upload=upload(STATUS_HEADERS, rows)
    )
    assert again == 0


def test_status_import_with_names_only(plan, projects, personas):
    changed = imports.project_status_import(
        user=personas.tambon_officer,
        plan=plan,
        upload=csv_upload(["ชื่อโครงการ", "สถานะ"], [[ROAD, "ดำเนินการแล้วเสร็จ"]]),
    )

    assert changed == 1
    assert plan.projects.get(name=ROAD).status == ProjectStatus.DONE


def test_status_import_names_every_bad_row_and_changes_nothing(plan, projects, personas):
    road, weaving, pond = projects
    other_plan = make_plan(tambon=NONG_KHON, villages=())
    stranger = Project.objects.create(
        plan=other_plan, name="โครงการของตำบลอื่น", project_class=ProjectClass.objects.get(code="joint")
    )
    rows = [
        [str(road.pk), "", "done"],  # 2: good
        ["99999", "", "done"],  # 3: unknown id
        [str(stranger.pk), "", "done"],  # 4: another plan's project
        ["", "โครงการที่ไม่มี", "done"],  # 5: unknown name
        [str(weaving.pk), "", "ยกเลิก"],  # 6: unknown status
        [str(pond.pk), "", ""],  # 7: no status
        [str(pond.pk), WEAVING, "done"],  # 8: id and name disagree
        [str(road.pk), "", "funded"],  # 9: twice
        ["", "", "done"],  # 10: neither id nor name
    ]

    errors = errors_of(
        lambda: imports.project_status_import(
            user=personas.tambon_officer, plan=plan, upload=upload(STATUS_HEADERS, rows)
        )
    )

    by_row = {e.row: e.message for e in errors}
    assert sorted(by_row) == [3, 4, 5, 6, 7, 8, 9, 10]
    assert "ไม่พบโครงการรหัส '99999'" in by_row[3]
    assert f"ไม่พบโครงการรหัส '{stranger.pk}'" in by_row[4]
    assert "ไม่พบโครงการชื่อ 'โครงการที่ไม่มี'" in by_row[5]
    assert "ไม่รู้จักสถานะ 'ยกเลิก'" in by_row[6]
    assert "ไม่ได้ระบุสถานะ" in by_row[7]
    assert "ไม่ตรงกับชื่อ" in by_row[8]
    assert "ซ้ำกับแถวที่ 2" in by_row[9]
    assert "ไม่ได้ระบุรหัสโครงการหรือชื่อโครงการ" in by_row[10]
    assert plan.projects.get(pk=road.pk).status == ProjectStatus.PROPOSED


def test_status_import_needs_an_id_or_name_column(plan, projects, personas):
    errors = errors_of(
        lambda: imports.project_status_import(
            user=personas.tambon_officer, plan=plan, upload=upload(["สถานะ"], [["done"]])
        )
    )

    assert "รหัสโครงการ" in errors[0].message


def test_status_import_scope(plan, projects, personas):
    data = upload(STATUS_HEADERS, [[str(projects[0].pk), "", "done"]])
    with pytest.raises(PermissionDenied):
        imports.project_status_import(user=personas.viewer, plan=plan, upload=data)
    with pytest.raises(Http404):
        imports.project_status_import(user=personas.other_district_officer, plan=plan, upload=data)
    assert plan.projects.get(pk=projects[0].pk).status == ProjectStatus.PROPOSED


def test_make_plan_uses_real_areas(plan):
    assert plan.tambon == Tambon.objects.get(code=HUA_RUEA)
    assert plan.tambon.district.name_th == "เมืองอุบลราชธานี"


def test_other_modules_use_only_the_public_names_of_the_importer():
    """exchange.py (and any other module) builds on the importer through its public helpers, not its
    private ones, so that they can change freely."""
    private = []
    for path in Path(imports.__file__).parents[1].rglob("*.py"):
        if path == Path(imports.__file__):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == imports.__name__:
                private += [
                    f"{path.name}: {alias.name}" for alias in node.names if alias.name.startswith("_")
                ]
            elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                if node.value.id == "imports" and node.attr.startswith("_"):
                    private.append(f"{path.name}: imports.{node.attr}")
    assert private == []
