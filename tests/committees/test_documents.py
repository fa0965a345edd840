"""The appointment order as PDF and Word: Thai names, Thai digits, serving members only, draft watermark."""

import io
from datetime import date

import docx
import pytest
from docx.oxml.ns import qn

from tambonplan.areas.models import Province, Tambon
from tambonplan.committees.documents import order_content, order_docx, order_pdf
from tambonplan.committees.models import (
    AppointmentOrder,
    Committee,
    CommitteeKind,
    Member,
    MemberStatus,
    OrderState,
    Position,
)
from tests.document_text import docx_text, pdf_text, squeeze

SERVING = ["นายสมชาย ใจดี", "นางสมศรี มีสุข", "นางสาวจำเนียร ศรีสำราญ", "นายธนากร คำดี"]
RESIGNED = "นายสุชาติ ลาออกแล้ว"


def make_committee(kind_code: str = "kbt") -> Committee:
    tambon = Tambon.objects.select_related("district__province").get(code="340104")
    return Committee.objects.create(
        kind=CommitteeKind.objects.get(code=kind_code),
        area_code=tambon.code,
        province=tambon.district.province,
        district=tambon.district,
        tambon=tambon,
    )


def add_members(order: AppointmentOrder) -> None:
    positions = {p.name_th: p for p in Position.objects.all()}
    rows = [
        # created out of order: the document orders them by position, then sort order
        ("นาย", "ธนากร", "คำดี", "กรรมการและเลขานุการ", "พัฒนากรผู้รับผิดชอบตำบล", MemberStatus.SERVING, False, 1),
        ("นาย", "สุชาติ", "ลาออกแล้ว", "กรรมการ", "เกษตรตำบล", MemberStatus.RESIGNED, False, 1),
        ("นางสาว", "จำเนียร", "ศรีสำราญ", "กรรมการ", "ผู้อำนวยการโรงเรียนบ้านหัวเรือ", MemberStatus.SERVING, True, 2),
        ("นาง", "สมศรี", "มีสุข", "รองประธาน", "กำนันตำบลหัวเรือ", MemberStatus.SERVING, False, 1),
        ("นาย", "สมชาย", "ใจดี", "ประธาน", "ปลัดอำเภอผู้รับผิดชอบประจำตำบล", MemberStatus.SERVING, False, 1),
    ]
    for title, first, last, position, post, status, acting, sort_order in rows:
        Member.objects.create(
            order=order,
            title=title,
            first_name=first,
            last_name=last,
            position=positions[position],
            ex_officio_post=post,
            status=status,
            acting=acting,
            sort_order=sort_order,
        )


@pytest.fixture
def order(db) -> AppointmentOrder:
    order = AppointmentOrder.objects.create(
        committee=make_committee(),
        state=OrderState.IN_FORCE,
        number="12/2566",
        signed_on=date(2023, 2, 14),
        effective_on=date(2023, 3, 1),
        signer_name="นายวิชัย ปกครองดี",
        signer_position="นายอำเภอเมืองอุบลราชธานี",
        issuing_office="อำเภอเมืองอุบลราชธานี",
    )
    add_members(order)
    return order


def fresh(order: AppointmentOrder) -> AppointmentOrder:
    """The order as the views load it (selectors.order_for)."""
    return AppointmentOrder.objects.select_related(
        "committee__kind", "committee__province", "committee__district", "committee__tambon"
    ).get(pk=order.pk)


def test_content_lays_out_the_order(order):
    content = order_content(order)

    assert content.title == "คำสั่งอำเภอเมืองอุบลราชธานี"
    assert content.number_line == "ที่ ๑๒/๒๕๖๖"
    assert content.subject_line == "เรื่อง แต่งตั้งคณะกรรมการบริหารงานตำบลแบบบูรณาการ (ก.บ.ต.) ตำบลหัวเรือ"
    assert content.opening.endswith("จึงแต่งตั้งคณะกรรมการบริหารงานตำบลแบบบูรณาการ ตำบลหัวเรือ ประกอบด้วย")
    assert "พ.ศ. ๒๕๖๒" in content.opening
    assert content.effective == "ทั้งนี้ ตั้งแต่วันที่ ๑ มีนาคม ๒๕๖๖ เป็นต้นไป"
    assert content.signed == "สั่ง ณ วันที่ ๑๔ เดือน กุมภาพันธ์ พ.ศ. ๒๕๖๖"
    assert content.signer_name == "(นายวิชัย ปกครองดี)"
    assert content.signer_position == "นายอำเภอเมืองอุบลราชธานี"
    assert content.draft is False


def test_members_serving_only_ordered_by_position_numbered_in_thai(order):
    members = order_content(order).members

    assert [(m.number, m.name, m.position) for m in members] == [
        ("๑.", "นายสมชาย ใจดี", "ประธานกรรมการ"),
        ("๒.", "นางสมศรี มีสุข", "รองประธานกรรมการ"),
        ("๓.", "นางสาวจำเนียร ศรีสำราญ", "กรรมการ"),
        ("๔.", "นายธนากร คำดี", "กรรมการและเลขานุการ"),
    ]
    assert members[0].post == "ปลัดอำเภอผู้รับผิดชอบประจำตำบล"
    assert members[2].post == "ผู้อำนวยการโรงเรียนบ้านหัวเรือ (รักษาการ)"


def test_content_queries_members_once(order, django_assert_num_queries):
    order = fresh(order)
    with django_assert_num_queries(2):  # the order it replaces, the members with their positions
        order_content(order)


def test_placeholders_and_defaults_for_an_empty_draft(db):
    draft = AppointmentOrder.objects.create(committee=make_committee())

    content = order_content(draft)

    assert content.title == "คำสั่งอำเภอเมืองอุบลราชธานี"
    assert content.number_line == "ที่ ........../.........."
    assert content.effective == "ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป"
    assert content.signed == "สั่ง ณ วันที่ .......... เดือน .................... พ.ศ. .........."
    assert content.signer_name == "(........................................)"
    assert content.signer_position == "........................................"
    assert content.members == []
    assert content.draft is True


@pytest.mark.django_db
def test_province_committee_issued_by_the_province():
    province = Province.objects.get(code="34")
    committee = Committee.objects.create(
        kind=CommitteeKind.objects.get(code="socho_j"), area_code="34", province=province
    )
    content = order_content(AppointmentOrder.objects.create(committee=committee))
    assert content.title == "คำสั่งจังหวัดอุบลราชธานี"
    assert content.subject_line.endswith("(ศอช.จ.) จังหวัดอุบลราชธานี")


def test_superseding_order_cancels_the_previous_one(order):
    draft = AppointmentOrder.objects.create(committee=order.committee)

    opening = order_content(draft).opening

    assert "และให้ยกเลิกคำสั่งเดิม ที่ ๑๒/๒๕๖๖ ลงวันที่ ๑๔ กุมภาพันธ์ ๒๕๖๖" in opening
    assert "ยกเลิกคำสั่งเดิม" not in order_content(order).opening


def test_order_pdf_has_names_number_and_dates_in_thai(order):
    text = pdf_text(order_pdf(fresh(order)))

    for expected in [
        "คำสั่งอำเภอเมืองอุบลราชธานี",
        "ที่๑๒/๒๕๖๖",
        "เรื่องแต่งตั้งคณะกรรมการบริหารงานตำบลแบบบูรณาการ(ก.บ.ต.)ตำบลหัวเรือ",
        "สั่งณวันที่๑๔เดือนกุมภาพันธ์พ.ศ.๒๕๖๖",
        "ตั้งแต่วันที่๑มีนาคม๒๕๖๖",
        "(นายวิชัยปกครองดี)",
        *SERVING,
    ]:
        assert squeeze(expected) in text
    assert squeeze(RESIGNED) not in text
    assert "12" not in text and "2566" not in text
    assert "ร่าง" not in text


def test_draft_order_pdf_has_the_watermark(order):
    order.state = OrderState.DRAFT
    order.save()

    assert "ร่าง" in pdf_text(order_pdf(fresh(order)))


def test_order_docx_has_names_and_number_in_thai(order):
    content = order_docx(fresh(order))
    text = docx_text(content)

    assert squeeze("คำสั่งอำเภอเมืองอุบลราชธานี") in text
    assert "ที่๑๒/๒๕๖๖" in text
    for name in SERVING:
        assert squeeze(name) in text
    assert squeeze(RESIGNED) not in text
    document = docx.Document(io.BytesIO(content))
    title = next(paragraph for paragraph in document.paragraphs if paragraph.text)  # after the emblem
    run = title.runs[0]
    fonts = run._r.rPr.rFonts
    assert fonts.get(qn("w:cs")) == "TH SarabunPSK"
    assert run.bold is True


def test_empty_draft_renders_with_placeholders(db):
    draft = fresh(AppointmentOrder.objects.create(committee=make_committee()))

    assert "ที่........../.........." in pdf_text(order_pdf(draft))
    text = docx_text(order_docx(draft))
    assert "ที่........../.........." in text
    assert squeeze("ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป") in text
