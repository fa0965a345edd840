"""The plan as a workbook and the import templates: an exported sheet imports back unchanged."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import load_workbook

from tambonplan.areas.models import Village
from tambonplan.planning import exports, imports
from tambonplan.planning.models import (
    Forwarding,
    ForwardOutcome,
    Need,
    NeedCategory,
    NeedSource,
    Project,
    ProjectBudget,
    ProjectClass,
    ProjectStatus,
    TargetKind,
)
from tests.planning import factories as pf
from tests.planning.test_imports import (
    GOOD_NEEDS,
    GOOD_PROJECTS,
    NEED_HEADERS,
    POND,
    ROAD,
    WEAVING,
    make_plan,
    project_headers,
    upload,
)


@pytest.fixture
def plan(db):
    return make_plan()


def sheet_as_upload(content: bytes, title: str) -> SimpleUploadedFile:
    """One sheet of a workbook saved as its own file, as a user does with "move or copy sheet"."""
    workbook = load_workbook(io.BytesIO(content))
    for name in workbook.sheetnames:
        if name != title:
            del workbook[name]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(f"{title}.xlsx", buffer.getvalue())


def sheet_rows(content: bytes, title: str) -> list[tuple]:
    return list(load_workbook(io.BytesIO(content))[title].iter_rows(values_only=True))


def filled(plan, personas):
    user = personas.tambon_officer
    imports.needs_import(user=user, plan=plan, upload=upload(NEED_HEADERS, GOOD_NEEDS))
    imports.projects_import(user=user, plan=plan, upload=upload(project_headers(), GOOD_PROJECTS))
    # The road answers needs of two categories (no own category); the weaving has its own category.
    plan.projects.get(name=ROAD).needs.set(plan.needs.filter(description__in=[ROAD_NEED, WASTE_NEED]))
    plan.projects.filter(name=WEAVING).update(category=NeedCategory.objects.get(name_th="ด้านเศรษฐกิจ"))
    return plan


ROAD_NEED = "ถนนเข้าหมู่บ้านชำรุด"
WASTE_NEED = "ขยะล้นถังในที่สาธารณะ"


def test_plan_workbook_has_the_three_sheets_with_the_import_columns(plan, personas):
    filled(plan, personas)
    road = plan.projects.get(name=ROAD)
    Forwarding.objects.create(
        project=road,
        sent_on=date(2026, 3, 1),
        target_kind=TargetKind.LOCAL_GOVERNMENT,
        target_name="อบต.หัวเรือ",
        letter_number="อบ 0019/123",
        outcome=ForwardOutcome.ACCEPTED,
        accepted_plan="แผนพัฒนาท้องถิ่น",
        accepted_year=2570,
    )

    content = exports.plan_workbook(plan)

    assert load_workbook(io.BytesIO(content)).sheetnames == ["ปัญหาความต้องการ", "โครงการ", "การส่งต่อ"]
    needs = sheet_rows(content, "ปัญหาความต้องการ")
    assert list(needs[0]) == NEED_HEADERS
    assert len(needs) == 5
    assert (1, "ด้านเศรษฐกิจ", "ราษฎรมีรายได้ไม่เพียงพอ", "แผนหมู่บ้าน/แผนชุมชน", 4, 35) in needs
    projects = sheet_rows(content, "โครงการ")
    assert list(projects[0]) == project_headers()
    road_row = next(row for row in projects if row[1] == ROAD)
    assert road_row[5] == "1, 3"
    assert road_row[10:13] == (
        "ขอรับการสนับสนุน",
        "องค์กรปกครองส่วนท้องถิ่น (เข้าแผนพัฒนาท้องถิ่น)",
        "องค์การบริหารส่วนตำบลหัวเรือ",
    )
    assert road_row[13:15] == (None, f"{ROAD_NEED}; {WASTE_NEED}")  # ด้าน, ปัญหา/ความต้องการที่ตอบ
    assert road_row[15:] == (1250000, None, None, "เสนอ")  # a number, not text
    weaving_row = next(row for row in projects if row[1] == WEAVING)
    assert weaving_row[5] == "ทุกหมู่บ้าน"
    assert weaving_row[13:15] == ("ด้านเศรษฐกิจ", None)
    assert weaving_row[15:18] == (30000, 35000.5, None)
    forwardings = sheet_rows(content, "การส่งต่อ")
    assert forwardings[1][:2] == (road.pk, ROAD)
    assert forwardings[1][3:7] == (
        "องค์กรปกครองส่วนท้องถิ่น (เข้าแผนพัฒนาท้องถิ่น)",
        "อบต.หัวเรือ",
        "อบ 0019/123",
        "บรรจุในแผนแล้ว",
    )


def test_exported_sheets_import_back_unchanged(plan, personas):
    filled(plan, personas)
    content = exports.plan_workbook(plan)
    user = personas.tambon_officer

    needs = imports.needs_import(user=user, plan=plan, upload=sheet_as_upload(content, "ปัญหาความต้องการ"))
    projects = imports.projects_import(user=user, plan=plan, upload=sheet_as_upload(content, "โครงการ"))

    assert needs == {"created": 0, "updated": 0, "unchanged": 4}
    assert projects == {"created": 0, "updated": 0, "unchanged": 3}


def test_the_whole_exported_workbook_imports_back_unchanged(plan, personas):
    filled(plan, personas)
    content = exports.plan_workbook(plan)
    user = personas.tambon_officer

    def whole():
        return SimpleUploadedFile("plan.xlsx", content)

    assert imports.needs_import(user=user, plan=plan, upload=whole()) == {
        "created": 0,
        "updated": 0,
        "unchanged": 4,
    }
    assert imports.projects_import(user=user, plan=plan, upload=whole()) == {
        "created": 0,
        "updated": 0,
        "unchanged": 3,
    }


def test_records_entered_on_screen_export_and_import_back_unchanged(plan, personas):
    """Data typed in forms (multi-line text, an agency target, every status) survives the round trip."""
    support = ProjectClass.objects.get(code="support")
    villages = list(Village.objects.filter(tambon=plan.tambon).order_by("moo"))
    Need.objects.create(
        plan=plan,
        village=villages[2],
        category=NeedCategory.objects.get(name_th="ด้านอื่น ๆ"),
        description="=ปัญหาที่ขึ้นต้นด้วยเครื่องหมายเท่ากับ",
        source=NeedSource.KCH2K,
        severity=1,
        votes=0,
    )
    for index, status in enumerate(ProjectStatus.values, start=1):
        project = Project.objects.create(
            plan=plan,
            name=f"โครงการที่ {index}",
            objective="บรรทัดแรก\nบรรทัดที่สอง",
            project_class=support,
            target_kind=TargetKind.AGENCY,
            target_name="สำนักงานเกษตรอำเภอ",
            status=status,
            priority=index if index % 2 else None,
        )
        project.villages.set(villages[:2])
        ProjectBudget.objects.create(project=project, fiscal_year=2570, amount=Decimal("1234567.89"))
    user = personas.tambon_officer

    with translation.override("en"):  # the export is written in Thai whatever the user's language
        content = exports.plan_workbook(plan)
    needs = imports.needs_import(user=user, plan=plan, upload=sheet_as_upload(content, "ปัญหาความต้องการ"))
    projects = imports.projects_import(user=user, plan=plan, upload=sheet_as_upload(content, "โครงการ"))

    assert needs == {"created": 0, "updated": 0, "unchanged": 1}
    assert projects == {"created": 0, "updated": 0, "unchanged": len(ProjectStatus.values)}


def test_plan_workbook_takes_a_constant_number_of_queries(plan, personas, django_assert_max_num_queries):
    filled(plan, personas)
    with django_assert_max_num_queries(7):
        exports.plan_workbook(plan)


def test_needs_template_headers_notes_and_examples_import(plan, personas):
    content = exports.needs_template(plan)

    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["ปัญหาความต้องการ", "คำอธิบาย"]
    assert [c.value for c in workbook.active[1]] == NEED_HEADERS
    notes = " ".join(str(c.value) for c in workbook["คำอธิบาย"]["A"])
    assert "ด้านโครงสร้างพื้นฐาน" in notes and "หมู่ที่ 1 บ้านหัวเรือ" in notes
    result = imports.needs_import(
        user=personas.tambon_officer, plan=plan, upload=SimpleUploadedFile("t.xlsx", content)
    )
    assert result["created"] == 3


def test_projects_template_headers_follow_the_plan_year_and_examples_import(plan, personas):
    content = exports.projects_template(plan)

    workbook = load_workbook(io.BytesIO(content))
    assert [c.value for c in workbook.active[1]] == project_headers(2569)
    notes = " ".join(str(c.value) for c in workbook["คำอธิบาย"]["A"])
    assert "ขอรับการสนับสนุน" in notes and "2569 ถึง 2571" in notes
    result = imports.projects_import(
        user=personas.tambon_officer, plan=plan, upload=SimpleUploadedFile("t.xlsx", content)
    )
    assert result["created"] == 2


def test_status_template_lists_the_plans_projects_and_imports_without_change(plan, personas):
    filled(plan, personas)
    content = exports.status_template(plan)

    rows = sheet_rows(content, "สถานะโครงการ")
    assert rows[0] == ("รหัสโครงการ", "ชื่อโครงการ", "สถานะ")
    assert {row[1] for row in rows[1:]} == {ROAD, WEAVING, POND}
    assert (plan.projects.get(name=POND).pk, POND, "บรรจุในแผนแล้ว") in rows
    changed = imports.project_status_import(
        user=personas.tambon_officer, plan=plan, upload=SimpleUploadedFile("s.xlsx", content)
    )
    assert changed == 0


def test_status_template_lists_projects_without_a_priority_last(plan):
    unranked = pf.add_project(plan, "ยังไม่จัดลำดับ")
    ranked = pf.add_project(plan, "ลำดับหนึ่ง", priority=1)

    rows = sheet_rows(exports.status_template(plan), "สถานะโครงการ")

    assert [row[0] for row in rows[1:]] == [ranked.pk, unranked.pk]


def test_status_template_of_an_empty_plan_has_an_example(plan):
    rows = sheet_rows(exports.status_template(plan), "สถานะโครงการ")
    assert len(rows) == 2
