"""The planning import templates offer drop-down lists for their coded columns, and each offered value
imports; an import's errors name each column as the template does."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tambonplan.core.tabular import TabularError
from tambonplan.planning import exports, imports
from tambonplan.planning.models import NeedCategory, Project, ProjectClass
from tests.planning.test_imports import make_plan, xlsx_bytes
from tests.template_choices import template_choices

STATUSES = ["เสนอ", "บรรจุในแผนแล้ว", "ได้รับงบประมาณ", "กำลังดำเนินการ", "ดำเนินการแล้วเสร็จ", "ไม่ได้ดำเนินการ"]


@pytest.fixture
def plan(db):
    return make_plan(villages=(1, 2, 5))


def test_needs_template_lists_the_villages_of_the_tambon_the_categories_and_the_sources(plan, personas):
    choices = template_choices(exports.needs_template(plan))

    assert choices == {
        "หมู่ที่": ["1", "2", "5", "ทั้งตำบล"],
        "ด้าน": [category.name_th for category in NeedCategory.objects.all()],
        "ที่มา": ["แผนหมู่บ้าน/แผนชุมชน", "เวทีประชาคม", "ข้อมูล จปฐ.", "ข้อมูล กชช.2ค", "อื่น ๆ"],
    }
    assert "ด้านโครงสร้างพื้นฐาน" in choices["ด้าน"]
    # every combination offered imports
    rows = [
        (moo, category, f"ปัญหาที่ {index}", source, "", "")
        for index, (moo, category, source) in enumerate(
            zip(choices["หมู่ที่"] * 5, choices["ด้าน"], choices["ที่มา"] * 5, strict=False)
        )
    ]
    upload = SimpleUploadedFile("needs.xlsx", xlsx_bytes(["หมู่ที่", "ด้าน", "ปัญหา/ความต้องการ", "ที่มา"], rows))
    result = imports.needs_import(user=personas.tambon_officer, plan=plan, upload=upload)
    assert result["created"] == len(rows)


def test_projects_template_lists_the_classes_the_targets_and_the_statuses(plan):
    choices = template_choices(exports.projects_template(plan))

    assert choices["ประเภท"] == [project_class.name_th for project_class in ProjectClass.objects.all()]
    assert choices["ขอรับการสนับสนุนจาก"] == [
        "องค์กรปกครองส่วนท้องถิ่น (เข้าแผนพัฒนาท้องถิ่น)",
        "อำเภอ (แผนพัฒนาอำเภอ)",
        "จังหวัด (แผนพัฒนาจังหวัด)",
        "หน่วยงาน",
        "ภาคีการพัฒนา",
    ]
    assert choices["ด้าน"] == [category.name_th for category in NeedCategory.objects.all()]
    assert choices["สถานะ"] == STATUSES


def test_status_template_lists_the_statuses_and_each_one_imports(plan, personas):
    project = plan.projects.create(name="โครงการทดสอบ", project_class=ProjectClass.objects.first())

    choices = template_choices(exports.status_template(plan))

    assert choices == {"สถานะ": STATUSES}
    for status in choices["สถานะ"]:
        upload = SimpleUploadedFile("s.xlsx", xlsx_bytes(["รหัสโครงการ", "สถานะ"], [(project.pk, status)]))
        imports.project_status_import(user=personas.tambon_officer, plan=plan, upload=upload)
        project.refresh_from_db()
        assert project.get_status_display() == status


def test_an_error_in_a_column_the_file_lacks_names_it_by_the_templates_header(plan, personas):
    upload = SimpleUploadedFile(
        "p.xlsx", xlsx_bytes(["ชื่อโครงการ", "ประเภท"], [("โครงการขอทุน", "ขอรับการสนับสนุน")])
    )

    with pytest.raises(TabularError) as error:
        imports.projects_import(user=personas.tambon_officer, plan=plan, upload=upload)

    [row_error] = error.value.errors
    assert (row_error.row, row_error.column) == (2, "ขอรับการสนับสนุนจาก")
    assert row_error.message.startswith("โครงการประเภท 'ขอรับการสนับสนุน' ต้องระบุว่าขอรับการสนับสนุนจากใคร")
    assert not Project.objects.exists()
