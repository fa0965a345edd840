"""The tambon development plan as PDF and Word: title, profile, needs by category, projects by class with
totals in Thai digits and in words, the approval section; a constant number of queries."""

import io
from datetime import date
from decimal import Decimal

import docx
import pytest
from pypdf import PdfReader

from tambonplan.areas.models import Village
from tambonplan.committees.models import (
    AppointmentOrder,
    Committee,
    CommitteeKind,
    Member,
    OrderState,
    Position,
)
from tambonplan.planning.documents import plan_content, plan_docx, plan_pdf
from tambonplan.planning.models import (
    Forwarding,
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
from tambonplan.planning.selectors import with_approved_on
from tests.document_text import docx_text, pdf_text, squeeze
from tests.planning import factories as pf
from tests.planning.test_imports import make_plan

# Project names without a tone mark before SARA AM (the PDF text of "น้ำ" reads "นา": see documents/pdf.py).
ROAD = "ก่อสร้างถนนคอนกรีตเสริมเหล็กสายบ้านหัวเรือถึงบ้านโนนสูง"
DRAIN = "วางท่อระบายน้ำหมู่ที่ 3"  # not searched in the PDF
WEAVING = "ฝึกอบรมอาชีพจักสานกระติบข้าว"
GARDEN = "ส่งเสริมการปลูกผักปลอดสารพิษในครัวเรือน"
LIBRARY = "ปรับปรุงห้องสมุดประชาชนตำบล"
TITLE = "แผนพัฒนาตำบลหัวเรือ อำเภอเมืองอุบลราชธานี จังหวัดอุบลราชธานี ประจำปีงบประมาณ พ.ศ. ๒๕๖๙"


def loaded(plan: TambonPlan) -> TambonPlan:
    return TambonPlan.objects.select_related("tambon__district__province").get(pk=plan.pk)


def add_project(plan, name, class_code, budgets, *, villages=(), priority=None, **fields) -> Project:
    project = Project.objects.create(
        plan=plan,
        name=name,
        project_class=ProjectClass.objects.get(code=class_code),
        priority=priority,
        **fields,
    )
    project.villages.set(Village.objects.filter(tambon_id=plan.tambon_id, moo__in=villages))
    for year, amount in budgets.items():
        ProjectBudget.objects.create(project=project, fiscal_year=year, amount=Decimal(amount))
    return project


def fill(plan: TambonPlan) -> TambonPlan:
    plan.population = 5234
    plan.households = 1480
    plan.profile_note = "ตำบลหัวเรือตั้งอยู่ทางทิศเหนือของอำเภอ\nประชากรส่วนใหญ่ประกอบอาชีพเกษตรกรรม"
    plan.save()
    category = {c.name_th: c for c in NeedCategory.objects.all()}
    village = {v.moo: v for v in Village.objects.filter(tambon_id=plan.tambon_id)}
    Need.objects.create(
        plan=plan, village=village[1], category=category["ด้านเศรษฐกิจ"], description="ราษฎรมีรายได้ไม่เพียงพอ",
        severity=4, votes=1250,
    )  # fmt: skip
    Need.objects.create(
        plan=plan, category=category["ด้านเศรษฐกิจ"], description="ขาดตลาดจำหน่ายสินค้าชุมชน", severity=5, votes=12,
        source=NeedSource.FORUM,
    )  # fmt: skip
    Need.objects.create(
        plan=plan, village=village[2], category=category["ด้านโครงสร้างพื้นฐาน"],
        description="ถนนเข้าหมู่บ้านชำรุดเป็นหลุมบ่อ", severity=3, votes=40,
    )  # fmt: skip
    add_project(
        plan, ROAD, "support", {2569: "1250000", 2570: "2500000"}, villages=(1, 2), priority=1,
        lead_agency="อบต.หัวเรือ", target_kind=TargetKind.LOCAL_GOVERNMENT, target_name="อบต.หัวเรือ",
    )  # fmt: skip
    add_project(
        plan, DRAIN, "support", {2571: "480000"}, villages=(3,), priority=2,
        lead_agency="อบต.หัวเรือ", target_kind=TargetKind.DISTRICT,
    )  # fmt: skip
    add_project(
        plan, WEAVING, "community", {2569: "30000"}, villages=(1, 2, 3), priority=3, lead_agency="กลุ่มจักสาน"
    )
    add_project(plan, GARDEN, "community", {}, villages=(2,), lead_agency="ชุมชน")
    add_project(
        plan, LIBRARY, "joint", {2569: "150000.50"}, villages=(1,), lead_agency="กศน.ตำบล",
        status=ProjectStatus.ACCEPTED,
    )  # fmt: skip
    return loaded(plan)


@pytest.fixture
def plan(db) -> TambonPlan:
    return fill(make_plan())


def test_content_title_groups_and_totals(plan):
    content = plan_content(plan)

    assert content.title == TITLE
    assert content.prepared_by == "จัดทำโดย คณะกรรมการบริหารงานตำบลแบบบูรณาการ (ก.บ.ต.) ตำบลหัวเรือ"
    assert content.population_line == "จำนวนประชากร ๕,๒๓๔ คน จำนวนครัวเรือน ๑,๔๘๐ ครัวเรือน"
    assert [(v.moo, v.name) for v in content.villages] == [
        ("๑", "บ้านหัวเรือ"),
        ("๒", "บ้านโนนสูง"),
        ("๓", "บ้านดอนแดง"),
    ]
    assert len(content.profile_paragraphs) == 2

    assert [g.category for g in content.need_groups] == ["ด้านเศรษฐกิจ", "ด้านโครงสร้างพื้นฐาน"]
    economy = content.need_groups[0].needs
    assert [(n.where, n.severity, n.votes) for n in economy] == [
        ("ทั้งตำบล", "๕", "๑๒"),
        ("หมู่ที่ ๑", "๔", "๑,๒๕๐"),
    ]

    assert content.years == ["๒๕๖๙", "๒๕๗๐", "๒๕๗๑"]
    groups = {g.name: g for g in content.project_groups}
    assert list(groups) == ["ชุมชนดำเนินการเอง", "ดำเนินการร่วม", "ขอรับการสนับสนุน"]  # class order
    support = groups["ขอรับการสนับสนุน"]
    road = support.projects[0]
    assert (road.number, road.villages, road.budgets) == ("๑", "๑, ๒", ["๑,๒๕๐,๐๐๐", "๒,๕๐๐,๐๐๐", "-"])
    assert road.target == "อปท. (อบต.หัวเรือ)"
    assert support.projects[1].target == "อำเภอ"
    assert support.totals == ["๑,๒๕๐,๐๐๐", "๒,๕๐๐,๐๐๐", "๔๘๐,๐๐๐"]
    assert support.total == "๔,๒๓๐,๐๐๐"
    community = groups["ชุมชนดำเนินการเอง"]
    assert community.projects[0].villages == "ทุกหมู่บ้าน"
    assert community.projects[1].budgets == ["-", "-", "-"]
    assert groups["ดำเนินการร่วม"].total == "๑๕๐,๐๐๐.๕๐"
    assert content.grand_totals == ["๑,๔๓๐,๐๐๐.๕๐", "๒,๕๐๐,๐๐๐", "๔๘๐,๐๐๐"]
    assert content.grand_total == "๔,๔๑๐,๐๐๐.๕๐"
    assert content.grand_total_words == "สี่ล้านสี่แสนหนึ่งหมื่นบาทห้าสิบสตางค์"
    assert content.approval.endswith("พ.ศ. ......")  # not approved yet: a dotted placeholder
    assert content.chair.name.startswith("(....") and content.chair.position == "ประธาน ก.บ.ต. ตำบลหัวเรือ"


def test_content_of_an_approved_plan_names_the_kbt_chair_and_secretary(plan):
    pf.make_plan(plan.tambon_id, plan.fiscal_year)  # the province's steps
    pf.approve(plan, date(2026, 3, 15))  # the approval date is the approval step's done date
    plan.approval_note = "มติที่ประชุม ก.บ.ต. ครั้งที่ 1/2569"
    plan.save()
    tambon = plan.tambon
    committee = Committee.objects.create(
        kind=CommitteeKind.objects.get(code="kbt"),
        area_code=tambon.code,
        province=tambon.district.province,
        district=tambon.district,
        tambon=tambon,
    )
    order = AppointmentOrder.objects.create(committee=committee, state=OrderState.IN_FORCE, number="5/2568")
    for first, position in (("สมชาย", "ประธาน"), ("สมศรี", "กรรมการและเลขานุการ"), ("บุญมี", "กรรมการ")):
        Member.objects.create(
            order=order,
            title="นาย",
            first_name=first,
            last_name="ใจดี",
            position=Position.objects.get(name_th=position),
        )

    content = plan_content(loaded(plan))

    assert content.approval == "ก.บ.ต. ให้ความเห็นชอบเมื่อวันที่ ๑๕ มีนาคม ๒๕๖๙"
    assert content.approval_note == "มติที่ประชุม ก.บ.ต. ครั้งที่ ๑/๒๕๖๙"
    assert content.chair.name == "(นายสมชาย ใจดี)"
    assert content.secretary.name == "(นายสมศรี ใจดี)"
    assert content.secretary.position == "เลขานุการ ก.บ.ต. ตำบลหัวเรือ"


def test_pdf_has_the_title_projects_and_totals(plan):
    content = plan_pdf(plan)

    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) >= 3
    text = pdf_text(content)
    for expected in (TITLE, ROAD, WEAVING, GARDEN, LIBRARY, "ราษฎรมีรายได้ไม่เพียงพอ"):
        assert squeeze(expected) in text, expected
    for total in ("๔,๒๓๐,๐๐๐", "๑,๔๓๐,๐๐๐.๕๐", "๔,๔๑๐,๐๐๐.๕๐", "สี่ล้านสี่แสนหนึ่งหมื่นบาทห้าสิบสตางค์"):
        assert total in text, total
    assert squeeze("จัดทำโดย คณะกรรมการบริหารงานตำบลแบบบูรณาการ (ก.บ.ต.) ตำบลหัวเรือ") in text
    assert squeeze("ก.บ.ต. ให้ความเห็นชอบเมื่อวันที่") in text
    assert "2569" not in text and "1,250,000" not in text  # Thai digits only


def test_docx_has_the_title_projects_and_totals(plan):
    text = docx_text(plan_docx(plan))

    for expected in (
        "แผนพัฒนาตำบลหัวเรือ",
        "อำเภอเมืองอุบลราชธานี จังหวัดอุบลราชธานี",
        "ประจำปีงบประมาณ พ.ศ. ๒๕๖๙",
        ROAD,
        "วางท่อระบายน้ำหมู่ที่ ๓",
        WEAVING,
        LIBRARY,
        "รวมขอรับการสนับสนุน",
        "๔,๒๓๐,๐๐๐",
        "๔,๔๑๐,๐๐๐.๕๐",
        "สี่ล้านสี่แสนหนึ่งหมื่นบาทห้าสิบสตางค์",
        "ก.บ.ต. ให้ความเห็นชอบเมื่อวันที่",
        "ประธาน ก.บ.ต. ตำบลหัวเรือ",
    ):
        assert squeeze(expected) in text, expected
    assert "2569" not in text and "1,250,000" not in text


def test_documents_of_an_empty_plan(db):
    plan = loaded(make_plan(villages=()))

    assert "ยังไม่มีโครงการ" in pdf_text(plan_pdf(plan))
    text = docx_text(plan_docx(plan))
    assert "ยังไม่มีข้อมูลปัญหาและความต้องการ" in text and "ยังไม่มีโครงการ" in text


def test_building_the_document_takes_a_constant_number_of_queries(plan, django_assert_num_queries):
    # as the download reads it (selectors.plan_for): the approval date annotated
    plan = with_approved_on(TambonPlan.objects.select_related("tambon__district__province")).get(pk=plan.pk)
    # 6 for the plan, 1 for its forwardings (none yet)
    with django_assert_num_queries(7):
        plan_content(plan)
    for index in range(10):
        project = add_project(
            plan, f"โครงการเพิ่มเติม {index}", "joint", {2569: "1000", 2570: "2000"}, villages=(1, 2)
        )
        Need.objects.create(
            plan=plan, category=NeedCategory.objects.get(name_th="ด้านการศึกษา"), description=f"ปัญหา {index}"
        )
        Forwarding.objects.create(
            project=project, sent_on=date(2026, 3, 1), target_kind="agency", target_name="กรม"
        )
    # the annex: the forwardings' answers, needs with their village-plan items, the ledger's money
    with django_assert_num_queries(10):
        plan_content(plan)


def test_docx_puts_the_projects_on_landscape_pages_between_portrait_ones(plan):
    document = docx.Document(io.BytesIO(plan_docx(plan)))

    sizes = [(round(s.page_width.cm, 1), round(s.page_height.cm, 1)) for s in document.sections]
    assert sizes == [(21.0, 29.7), (29.7, 21.0), (21.0, 29.7)]
    fonts = {run.font.name for p in document.paragraphs for run in p.runs if run.text.strip()}
    assert fonts == {"TH SarabunPSK"}


def test_pdf_pages_are_a4_with_the_projects_in_landscape(plan):
    pages = PdfReader(io.BytesIO(plan_pdf(plan))).pages

    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pages]
    assert sizes[0] == (595, 842) and sizes[-1] == (595, 842)  # the cover and the approval: portrait
    assert (842, 595) in sizes
    text = squeeze(pages[-1].extract_text())
    assert squeeze("ส่วนที่ ๔ การให้ความเห็นชอบ") in text
