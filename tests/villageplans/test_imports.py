"""Importing a tambon's village plans from the offices' spreadsheet: all rows or none, errors per row in
Thai, the plans created where missing, the same file again changes nothing, pulled items kept in step."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tambonplan.areas.models import Tambon
from tambonplan.core.tabular import TabularError
from tambonplan.planning.models import Need
from tambonplan.villageplans import imports, services
from tambonplan.villageplans.models import VillagePlan, VillagePlanItem
from tests.planning import factories as pf
from tests.villageplans import factories as f

pytestmark = pytest.mark.django_db
HEADER = "หมู่ที่,ปัญหา/ความต้องการ/โครงการ,ด้าน,ประเภท,ดำเนินการร่วมกับ/ขอรับการสนับสนุนจาก,งบประมาณ,ลำดับ,คะแนนเสียง"


def csv(*rows: str, header: str = HEADER) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "plans.csv", "\n".join((header, *rows)).encode("utf-8-sig"), content_type="text/csv"
    )


def run(user, upload, year: int = 2570):
    return imports.plans_import(
        user=user, tambon=Tambon.objects.get(code=f.HUA_RUEA), fiscal_year=year, upload=upload
    )


GOOD = (
    '๑,ถนนเข้าหมู่บ้านชำรุด,ด้านโครงสร้างพื้นฐาน,ขอรับการสนับสนุน,อบต.หัวเรือ,"450,000",1,87',
    "1,ฝึกอาชีพทอผ้า,เศรษฐกิจ,ทำร่วม,พัฒนาชุมชนอำเภอ,30000,2,54",
    "หมู่ที่ 2,คัดแยกขยะในครัวเรือน,ด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม,ทำเอง,,,,40",
)


def test_a_good_file_creates_the_missing_plans_and_their_items(personas, ubon_villages):
    existing = f.plan(moo=1, year=2570)

    result = run(personas.tambon_officer, csv(*GOOD))

    assert result == {"plans_created": 1, "created": 3, "updated": 0, "unchanged": 0}
    assert VillagePlan.objects.filter(tambon_id=f.HUA_RUEA, fiscal_year=2570).count() == 2
    road = existing.items.get(description="ถนนเข้าหมู่บ้านชำรุด")
    assert (road.item_class.code, road.partner_name, road.estimated_budget, road.priority, road.votes) == (
        "support",
        "อบต.หัวเรือ",
        Decimal("450000.00"),
        1,
        87,
    )
    own = VillagePlanItem.objects.get(description="คัดแยกขยะในครัวเรือน")
    assert own.plan.village.moo == 2 and own.item_class.code == "community" and own.estimated_budget is None
    assert not Need.objects.exists()  # importing does not pull: the office decides


def test_the_same_file_again_changes_nothing(personas, ubon_villages):
    run(personas.tambon_officer, csv(*GOOD))

    again = run(personas.tambon_officer, csv(*GOOD))

    assert again == {"plans_created": 0, "created": 0, "updated": 0, "unchanged": 3}
    assert VillagePlanItem.objects.count() == 3


def test_one_bad_row_writes_nothing_and_every_bad_row_is_reported_in_thai(personas, ubon_villages):
    bad = csv(
        GOOD[0],
        "9,ถนนหมู่เก้า,ด้านโครงสร้างพื้นฐาน,ขอรับการสนับสนุน,,,,",
        "1,ไฟฟ้าส่องสว่าง,ด้านอวกาศ,ขอรับการสนับสนุน,,,,",
        "1,ประปา,ด้านโครงสร้างพื้นฐาน,ขอเงิน,,,,",
        "1,ลานกีฬา,ด้านสังคมและคุณภาพชีวิต,ขอรับการสนับสนุน,,หนึ่งแสน,,",
        "1,ฝึกอาชีพ,ด้านเศรษฐกิจ,ทำร่วม,,,,",
        "1,ถนนเข้าหมู่บ้านชำรุด,ด้านโครงสร้างพื้นฐาน,ทำเอง,,,,",
        ",ไม่มีหมู่,ด้านเศรษฐกิจ,ทำเอง,,,,",
    )

    with pytest.raises(TabularError) as raised:
        run(personas.tambon_officer, bad)

    errors = [(e.row, e.column, e.message) for e in raised.value.errors]
    assert errors == [
        (3, "หมู่ที่", "ตำบลหัวเรือ ไม่มีหมู่ที่ 9 (ลงทะเบียนหมู่บ้านก่อน)"),
        (4, "ด้าน", errors[1][2]),
        (5, "ประเภท", "ไม่รู้จักประเภท 'ขอเงิน' (ใช้ได้: ทำเอง, ทำร่วม, ขอรับการสนับสนุน)"),
        (6, "งบประมาณ", "งบประมาณ 'หนึ่งแสน' ต้องเป็นจำนวนเงินไม่ติดลบ (เช่น 150000 หรือ 150,000.50)"),
        (7, "ดำเนินการร่วมกับ/ขอรับการสนับสนุนจาก", "รายการที่ดำเนินการร่วมต้องระบุว่าดำเนินการร่วมกับใคร"),
        (8, "ปัญหา/ความต้องการ/โครงการ", "รายการนี้ของหมู่ที่ 1 ซ้ำกับแถวที่ 2"),
        (9, "หมู่ที่", "ไม่ได้ระบุหมู่ที่หรือชื่อชุมชน"),
    ]
    assert errors[1][2].startswith("ไม่รู้จักด้าน 'ด้านอวกาศ'")
    assert not VillagePlan.objects.exists() and not VillagePlanItem.objects.exists()


def test_rows_of_a_community_by_its_name(personas, ubon_villages):
    f.community(name="วัดใต้")
    header = "ชื่อชุมชน,ปัญหา/ความต้องการ/โครงการ,ด้าน,ประเภท"
    upload = csv(
        "ชุมชนวัดใต้,ไฟฟ้าส่องสว่างในซอย,ด้านโครงสร้างพื้นฐาน,ขอรับการสนับสนุน",
        "ตลาดเก่า,ทางเท้า,ด้านโครงสร้างพื้นฐาน,ขอรับการสนับสนุน",
        header=header,
    )

    with pytest.raises(TabularError) as raised:
        run(personas.tambon_officer, upload)
    assert [e.message for e in raised.value.errors] == [
        "ตำบลหัวเรือ ไม่มีชุมชน 'ตลาดเก่า' ที่ยังมีอยู่ (ลงทะเบียนชุมชนก่อน)"
    ]

    run(personas.tambon_officer, csv("วัดใต้,ไฟฟ้าส่องสว่างในซอย,ด้านโครงสร้างพื้นฐาน,ขอรับการสนับสนุน", header=header))
    assert VillagePlanItem.objects.get().plan.community.name_th == "วัดใต้"


def test_an_update_of_a_pulled_item_reaches_its_need_and_cannot_make_it_the_villages_own(
    personas, ubon_villages
):
    pf.make_plan(year=2570)
    run(personas.tambon_officer, csv(GOOD[0]))
    need = services.pull_into_tambon_plan(personas.tambon_officer, VillagePlanItem.objects.get())

    run(personas.tambon_officer, csv("1,ถนนเข้าหมู่บ้านชำรุด,ด้านเศรษฐกิจ,ขอรับการสนับสนุน,อบต.หัวเรือ,450000,1,99"))
    need.refresh_from_db()
    assert (need.category.name_th, need.votes) == ("ด้านเศรษฐกิจ", 99)

    with pytest.raises(TabularError, match="เปลี่ยนเป็นประเภทดำเนินการเองไม่ได้"):
        run(personas.tambon_officer, csv("1,ถนนเข้าหมู่บ้านชำรุด,ด้านเศรษฐกิจ,ทำเอง,,,,"))


def test_the_template_downloaded_for_a_tambon_imports_as_it_is(personas, ubon_villages):
    content = imports.template(Tambon.objects.get(code=f.HUA_RUEA))
    upload = SimpleUploadedFile("template.xlsx", content)

    result = run(personas.tambon_officer, upload)

    assert result["created"] == 3 and result["plans_created"] == 1


def test_a_file_without_a_village_or_community_column_is_refused(personas, ubon_villages):
    with pytest.raises(TabularError, match="หมู่ที่"):
        run(
            personas.tambon_officer,
            csv("ถนน,ด้านโครงสร้างพื้นฐาน,ทำเอง", header="ปัญหา/ความต้องการ/โครงการ,ด้าน,ประเภท"),
        )


def test_only_editors_of_the_tambon_import(personas, ubon_villages):
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    with pytest.raises(PermissionDenied):
        run(personas.viewer, csv(*GOOD))
    with pytest.raises(Http404):
        run(personas.other_district_officer, csv(*GOOD))
    assert not VillagePlanItem.objects.exists()
