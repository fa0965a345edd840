"""The appointment order as PDF and Word: Thai names, Thai digits, serving members only, its legal basis with
the clause, numbered duties, each member's office with its place, one A4 page for a ก.บ.ต. of fifteen, the
signature never alone on a page, and a draft's watermark that is seen but not copied."""

import io
import subprocess
import tempfile
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from PIL import Image

from tambonplan.areas.models import Province, Tambon
from tambonplan.committees.documents import member_office, order_content, order_docx, order_pdf
from tambonplan.committees.models import (
    AppointmentOrder,
    Committee,
    CommitteeKind,
    Member,
    MemberStatus,
    OrderState,
    Position,
)
from tambonplan.thai.digits import to_thai_digits
from tests.document_text import docx_text, pdf_text, pdf_text_as_copied, squeeze

SERVING = ["นายสมชาย ใจดี", "นางสมศรี มีสุข", "นางสาวจำเนียร ศรีสำราญ", "นายธนากร คำดี"]
RESIGNED = "นายสุชาติ ลาออกแล้ว"
HUA_RUEA = "340104"
TAMBON_PLAN_REGULATION = "ระเบียบกระทรวงมหาดไทย ว่าด้วยการจัดทำแผนและประสานแผนพัฒนาพื้นที่ในระดับอำเภอและตำบล พ.ศ. ๒๕๖๒"
SOCHO_REGULATION = "ระเบียบกระทรวงมหาดไทย ว่าด้วยการดำเนินงานศูนย์ประสานงานองค์การชุมชน พ.ศ. ๒๕๕๑"

# A ก.บ.ต. of fifteen as an office records it: (title, first name, last name, position, post, affiliation).
HEADMEN = ["บุญมี ศรีสุข", "ทองใบ บุญมา", "คำพอง แก้วมณี", "ประยูร พรมมา", "สุรชัย สีดา", "วิชัย ทองดี",
           "สมหมาย จันทร์หอม", "อนุชา ผาสุข"]  # fmt: skip
KBT_15 = [
    ("นาย", "ปกรณ์", "ปกครองดี", "ประธาน", "ปลัดอำเภอผู้รับผิดชอบประจำตำบล", "ที่ทำการปกครองอำเภอเมืองอุบลราชธานี"),
    ("นาย", "สมชาย", "ใจดี", "รองประธาน", "กำนัน", "ตำบลหัวเรือ"),
    ("นาง", "สมศรี", "มีสุข", "กรรมการ", "นายกองค์กรปกครองส่วนท้องถิ่น", "องค์การบริหารส่วนตำบลหัวเรือ"),
    *[("นาย", *name.split(), "กรรมการ", "ผู้ใหญ่บ้าน", f"หมู่ที่ {moo}") for moo, name in enumerate(HEADMEN, 1)],
    ("นางสาว", "มาลัย", "แสงจันทร์", "กรรมการ", "ผู้อำนวยการโรงพยาบาลส่งเสริมสุขภาพตำบล", "รพ.สต.หัวเรือ"),
    ("นาง", "อรุณี", "บุตรดี", "กรรมการ", "ผู้อำนวยการโรงเรียน", "โรงเรียนบ้านหัวเรือ"),
    ("นาย", "บุญส่ง", "ใจงาม", "กรรมการ", "ประธาน ศอช.ต.", "ศอช.ต.หัวเรือ"),
    (
        "นางสาว",
        "น้ำผึ้ง",
        "ศรีสำราญ",
        "กรรมการและเลขานุการ",
        "พัฒนากรผู้รับผิดชอบตำบล",
        "สำนักงานพัฒนาชุมชนอำเภอเมืองอุบลราชธานี",
    ),
]
# What the order prints for them: number, name, office with its place, position in the committee.
KBT_15_LINES = [
    "๑. นายปกรณ์ ปกครองดี ปลัดอำเภอผู้รับผิดชอบประจำตำบลหัวเรือ ประธานกรรมการ",
    "๒. นายสมชาย ใจดี กำนันตำบลหัวเรือ รองประธานกรรมการ",
    "๓. นางสมศรี มีสุข นายกองค์การบริหารส่วนตำบลหัวเรือ กรรมการ",
    *[
        to_thai_digits(f"{moo + 3}. นาย{name} ผู้ใหญ่บ้านหมู่ที่ {moo} กรรมการ")
        for moo, name in enumerate(HEADMEN, 1)
    ],
    "๑๒. นางสาวมาลัย แสงจันทร์ ผู้อำนวยการโรงพยาบาลส่งเสริมสุขภาพตำบลหัวเรือ กรรมการ",
    "๑๓. นางอรุณี บุตรดี ผู้อำนวยการโรงเรียนบ้านหัวเรือ กรรมการ",
    "๑๔. นายบุญส่ง ใจงาม ประธาน ศอช.ต.หัวเรือ กรรมการ",
    "๑๕. นางสาวน้ำผึ้ง ศรีสำราญ พัฒนากรผู้รับผิดชอบตำบลหัวเรือ กรรมการและเลขานุการ",
]
KBT_DUTIES = [
    "๑. บูรณาการแผนพัฒนาหมู่บ้านและแผนชุมชนเข้าสู่แผนพัฒนาตำบล",
    "๒. ให้ความเห็นชอบแผนพัฒนาตำบล และเสนอโครงการต่อหน่วยงานที่เกี่ยวข้อง",
    "๓. ประสานภาคีการพัฒนาเพื่อบูรณาการงบประมาณและนำโครงการสู่การปฏิบัติ",
    "๔. ติดตามผลการดำเนินงานตามแผนพัฒนาตำบล และรายงานให้อำเภอทราบ",
    "๕. ปฏิบัติหน้าที่อื่นตามที่อำเภอหรือ ก.บ.อ. มอบหมาย",
]


def make_committee(kind_code: str = "kbt") -> Committee:
    tambon = Tambon.objects.select_related("district__province").get(code=HUA_RUEA)
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


def add_people(order: AppointmentOrder, people) -> None:
    positions = {p.name_th: p for p in Position.objects.all()}
    for index, (title, first, last, position, post, affiliation) in enumerate(people, start=1):
        Member.objects.create(
            order=order,
            title=title,
            first_name=first,
            last_name=last,
            position=positions[position],
            ex_officio_post=post,
            affiliation=affiliation,
            sort_order=index,
        )


def issued(committee: Committee, **fields) -> AppointmentOrder:
    defaults = {
        "state": OrderState.IN_FORCE,
        "number": "12/2566",
        "signed_on": date(2023, 2, 14),
        "effective_on": date(2023, 3, 1),
        "signer_name": "นายวิชัย ปกครองดี",
        "signer_position": "นายอำเภอเมืองอุบลราชธานี",
        "issuing_office": "อำเภอเมืองอุบลราชธานี",
    }
    return AppointmentOrder.objects.create(committee=committee, **(defaults | fields))


@pytest.fixture
def order(db) -> AppointmentOrder:
    order = issued(make_committee())
    add_members(order)
    return order


@pytest.fixture
def kbt_15(db) -> AppointmentOrder:
    order = issued(make_committee())
    add_people(order, KBT_15)
    return fresh(order)


def fresh(order: AppointmentOrder) -> AppointmentOrder:
    """The order as the views load it (selectors.order_for)."""
    return AppointmentOrder.objects.select_related(
        "committee__kind", "committee__province", "committee__district", "committee__tambon"
    ).get(pk=order.pk)


def pages(content: bytes) -> list[str]:
    """Each page's lines as printed, without white space inside a line (pdftotext -layout)."""
    return [
        [squeeze(line) for line in page.splitlines() if line.strip()]
        for page in pdf_text_as_copied(content, layout=True).split("\f")[:-1]
    ]


def test_content_lays_out_the_order(order):
    content = order_content(order)

    assert content.title == "คำสั่งอำเภอเมืองอุบลราชธานี"
    assert content.number_line == "ที่ ๑๒/๒๕๖๖"
    assert content.subject_line == "เรื่อง แต่งตั้งคณะกรรมการบริหารงานตำบลแบบบูรณาการ (ก.บ.ต.) ตำบลหัวเรือ"
    assert content.opening.startswith(f"อาศัยอำนาจตามความในข้อ ๑๒ แห่ง{TAMBON_PLAN_REGULATION} ประกอบกับ")
    assert content.opening.endswith("จึงแต่งตั้งคณะกรรมการบริหารงานตำบลแบบบูรณาการ ตำบลหัวเรือ ประกอบด้วย")
    assert content.duties_heading == "ให้คณะกรรมการมีอำนาจหน้าที่ ดังนี้"
    assert content.duties == KBT_DUTIES
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
    assert members[0].office == "ปลัดอำเภอผู้รับผิดชอบประจำตำบลหัวเรือ"
    assert members[1].office == "กำนันตำบลหัวเรือ"  # a post that names its place is kept as written
    assert members[2].office == "ผู้อำนวยการโรงเรียนบ้านหัวเรือ (รักษาการ)"


PLACES = {"ตำบล": "หัวเรือ", "อำเภอ": "เมืองอุบลราชธานี", "จังหวัด": "อุบลราชธานี"}


@pytest.mark.parametrize(
    ("post", "affiliation", "office"),
    [
        ("ผู้ใหญ่บ้าน", "หมู่ที่ 3", "ผู้ใหญ่บ้านหมู่ที่ 3"),
        ("ผู้ใหญ่บ้าน", "บ้านโนนสูง หมู่ที่ 3", "ผู้ใหญ่บ้านบ้านโนนสูง หมู่ที่ 3"),
        ("นายกองค์กรปกครองส่วนท้องถิ่น", "องค์การบริหารส่วนตำบลหัวเรือ", "นายกองค์การบริหารส่วนตำบลหัวเรือ"),
        ("นายกองค์กรปกครองส่วนท้องถิ่น", "เทศบาลตำบลหัวเรือ", "นายกเทศมนตรีตำบลหัวเรือ"),
        ("ปลัดองค์กรปกครองส่วนท้องถิ่น", "เทศบาลเมืองวารินชำราบ", "ปลัดเทศบาลเมืองวารินชำราบ"),
        ("นายกองค์กรปกครองส่วนท้องถิ่น", "", "นายกองค์กรปกครองส่วนท้องถิ่น"),  # nothing names it
        ("กำนัน", "ตำบลหัวเรือ", "กำนันตำบลหัวเรือ"),
        ("กำนัน", "", "กำนันตำบลหัวเรือ"),  # the committee's tambon
        ("ปลัดอำเภอผู้รับผิดชอบประจำตำบล", "ตำบลหัวเรือ", "ปลัดอำเภอผู้รับผิดชอบประจำตำบลหัวเรือ"),
        ("พัฒนากรผู้รับผิดชอบตำบล", "สำนักงานพัฒนาชุมชนอำเภอเมืองอุบลราชธานี", "พัฒนากรผู้รับผิดชอบตำบลหัวเรือ"),
        ("ประธาน ศอช.ต.", "ศอช.ต.หัวเรือ", "ประธาน ศอช.ต.หัวเรือ"),
        ("ประธาน ศอช.ต.", "", "ประธาน ศอช.ต.หัวเรือ"),
        ("ผู้อำนวยการโรงเรียน", "โรงเรียนบ้านหัวเรือ", "ผู้อำนวยการโรงเรียนบ้านหัวเรือ"),
        ("ผู้อำนวยการโรงพยาบาลส่งเสริมสุขภาพตำบล", "รพ.สต.หัวเรือ", "ผู้อำนวยการโรงพยาบาลส่งเสริมสุขภาพตำบลหัวเรือ"),
        ("พัฒนาการอำเภอ", "", "พัฒนาการอำเภอเมืองอุบลราชธานี"),
        ("กำนันตำบลหัวเรือ", "ตำบลหัวเรือ", "กำนันตำบลหัวเรือ"),  # not twice
        ("ผู้ทรงคุณวุฒิ", "มหาวิทยาลัยอุบลราชธานี", "ผู้ทรงคุณวุฒิ"),
        ("", "กลุ่มออมทรัพย์เพื่อการผลิต ตำบลหัวเรือ", "กลุ่มออมทรัพย์เพื่อการผลิต ตำบลหัวเรือ"),
    ],
)
def test_each_office_is_written_with_its_place(post, affiliation, office):
    assert member_office(post, affiliation, PLACES) == office


def test_a_province_committee_has_no_tambon_to_name():
    assert member_office("กำนัน", "", {"จังหวัด": "อุบลราชธานี"}) == "กำนัน"
    assert member_office("พัฒนาการจังหวัด", "", {"จังหวัด": "อุบลราชธานี"}) == "พัฒนาการจังหวัดอุบลราชธานี"


def test_content_queries_wording_and_members_once(order, django_assert_num_queries):
    order = fresh(order)
    with django_assert_num_queries(3):  # the province's wording, the order it replaces, the members
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
def test_province_committee_issued_by_the_province_under_the_socho_regulation():
    province = Province.objects.get(code="34")
    committee = Committee.objects.create(
        kind=CommitteeKind.objects.get(code="socho_j"), area_code="34", province=province
    )
    content = order_content(AppointmentOrder.objects.create(committee=committee))
    assert content.title == "คำสั่งจังหวัดอุบลราชธานี"
    assert content.subject_line.endswith("(ศอช.จ.) จังหวัดอุบลราชธานี")
    assert f"อาศัยอำนาจตามความในข้อ ๙ แห่ง{SOCHO_REGULATION} จึงแต่งตั้ง" in content.opening
    assert "การจัดทำแผนและประสานแผนพัฒนาพื้นที่" not in content.opening


def test_superseding_order_cancels_the_previous_one(order):
    draft = AppointmentOrder.objects.create(committee=order.committee)

    opening = order_content(draft).opening

    assert "และให้ยกเลิกคำสั่งเดิม ที่ ๑๒/๒๕๖๖ ลงวันที่ ๑๔ กุมภาพันธ์ ๒๕๖๖" in opening
    assert "ยกเลิกคำสั่งเดิม" not in order_content(order).opening


def test_the_pdf_says_word_for_word_what_the_data_says(kbt_15):
    """The whole text a reader copies from the order: title, number, subject, the authority with its clause,
    each member line with หมู่ที่ and the named อบต., the numbered duties, the dates and the signer."""
    expected = [
        "คำสั่งอำเภอเมืองอุบลราชธานี",
        "ที่ ๑๒/๒๕๖๖",
        "เรื่อง แต่งตั้งคณะกรรมการบริหารงานตำบลแบบบูรณาการ (ก.บ.ต.) ตำบลหัวเรือ",
        f"อาศัยอำนาจตามความในข้อ ๑๒ แห่ง{TAMBON_PLAN_REGULATION} ประกอบกับแนวทางปฏิบัติรองรับการดำเนินการ"
        "ตามระเบียบฯ (ฉบับปรับปรุงประจำปีงบประมาณ พ.ศ. ๒๕๖๕) จึงแต่งตั้งคณะกรรมการบริหารงานตำบลแบบบูรณาการ"
        " ตำบลหัวเรือ ประกอบด้วย",
        *KBT_15_LINES,
        "ให้คณะกรรมการมีอำนาจหน้าที่ ดังนี้",
        *KBT_DUTIES,
        "ทั้งนี้ ตั้งแต่วันที่ ๑ มีนาคม ๒๕๖๖ เป็นต้นไป",
        "สั่ง ณ วันที่ ๑๔ เดือน กุมภาพันธ์ พ.ศ. ๒๕๖๖",
        "(นายวิชัย ปกครองดี)",
        "นายอำเภอเมืองอุบลราชธานี",
    ]

    assert pdf_text(order_pdf(kbt_15)) == squeeze("".join(expected))


def test_the_word_file_says_the_same(kbt_15):
    text = docx_text(order_docx(kbt_15))

    for line in [f"อาศัยอำนาจตามความในข้อ ๑๒ แห่ง{TAMBON_PLAN_REGULATION}", *KBT_DUTIES, *KBT_15_LINES]:
        assert squeeze(line) in text


def test_a_socho_order_cites_the_socho_regulation_word_for_word(db):
    province = Province.objects.get(code="34")
    committee = Committee.objects.create(
        kind=CommitteeKind.objects.get(code="socho_j"), area_code="34", province=province
    )
    order = issued(committee, issuing_office="", signer_position="ผู้ว่าราชการจังหวัดอุบลราชธานี")
    add_people(
        order,
        [
            ("นาง", "บัวผัน", "คำภา", "ประธาน", "", "ผู้แทน ศอช.อ.วารินชำราบ"),
            ("นาย", "สุรชัย", "สีดา", "เลขานุการ", "", "ผู้แทน ศอช.อ.เมืองอุบลราชธานี"),
        ],
    )

    text = pdf_text(order_pdf(fresh(order)))

    assert (
        squeeze(
            "เพื่อให้การดำเนินงานของศูนย์ประสานงานองค์การชุมชนเป็นไปอย่างต่อเนื่องและมีประสิทธิภาพ อาศัยอำนาจตาม"
            f"ความในข้อ ๙ แห่ง{SOCHO_REGULATION} จึงแต่งตั้งคณะกรรมการศูนย์ประสานงานองค์การชุมชนระดับจังหวัด"
            " จังหวัดอุบลราชธานี ประกอบด้วย"
            "๑. นางบัวผัน คำภา ผู้แทน ศอช.อ.วารินชำราบ ประธานกรรมการ"
            "๒. นายสุรชัย สีดา ผู้แทน ศอช.อ.เมืองอุบลราชธานี เลขานุการ"
            "ให้คณะกรรมการมีอำนาจหน้าที่ ดังนี้"
            "๑. ประสานงานและสนับสนุนการดำเนินงานของ ศอช. ระดับอำเภอในจังหวัด"
        )
        in text
    )
    assert "๒๕๖๒" not in text


def test_a_kbt_order_of_fifteen_fits_on_one_a4_page(kbt_15):
    (page,) = pages(order_pdf(kbt_15))

    assert page[-2:] == ["(นายวิชัยปกครองดี)", "นายอำเภอเมืองอุบลราชธานี"]


def test_the_signature_never_stands_alone_on_a_page(kbt_15):
    """One member more than fifteen and the order runs onto a second page: the last two lines of body text go
    with the date signed and the signer, so the signature does not stand alone."""
    add_people(kbt_15, [("นาย", "ประสิทธิ์", "ใจดี", "กรรมการ", "ผู้ทรงคุณวุฒิ", "")])

    first, last = pages(order_pdf(kbt_15))

    assert first[-1] == squeeze(KBT_DUTIES[3])
    assert last == [
        "-๒-",
        squeeze(KBT_DUTIES[4]),
        squeeze("ทั้งนี้ ตั้งแต่วันที่ ๑ มีนาคม ๒๕๖๖ เป็นต้นไป"),
        squeeze("สั่ง ณ วันที่ ๑๔ เดือน กุมภาพันธ์ พ.ศ. ๒๕๖๖"),
        squeeze("(นายวิชัย ปกครองดี)"),
        "นายอำเภอเมืองอุบลราชธานี",
    ]


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


WATERMARK_GREY = (217, 217, 217)  # #d9d9d9 in official_base.html


def watermark_pixels(content: bytes) -> list[int]:
    """How many pixels of each page are the watermark's grey (#d9d9d9), the pages drawn at 20 dpi."""
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "order.pdf").write_bytes(content)
        subprocess.run(["pdftoppm", "-r", "20", "-png", "order.pdf", "page"], cwd=folder, check=True)
        images = [Image.open(path).convert("RGB") for path in sorted(Path(folder).glob("page*.png"))]
        return [
            dict((color, n) for n, color in image.getcolors(1 << 24)).get(WATERMARK_GREY, 0)
            for image in images
        ]


def test_a_draft_shows_its_watermark_but_does_not_copy_it(order):
    order.state = OrderState.DRAFT
    order.save()

    draft = order_pdf(fresh(order))

    assert "ร่าง" not in pdf_text(draft)
    (grey,) = watermark_pixels(draft)
    order.state = OrderState.IN_FORCE
    order.save()
    (none,) = watermark_pixels(order_pdf(fresh(order)))
    assert grey > 500 and none < 50  # about 1,000 pixels of the page at 20 dpi; a few of the text's edges


def test_order_docx_has_names_and_number_in_thai(order):
    content = order_docx(fresh(order))
    text = docx_text(content)

    assert squeeze("คำสั่งอำเภอเมืองอุบลราชธานี") in text
    assert "ที่๑๒/๒๕๖๖" in text
    for name in SERVING:
        assert squeeze(name) in text
    assert squeeze(RESIGNED) not in text
    document = docx.Document(io.BytesIO(content))
    title = next(paragraph for paragraph in document.paragraphs if paragraph.text)
    run = title.runs[0]
    fonts = run._r.rPr.rFonts
    assert fonts.get(qn("w:cs")) == "TH SarabunPSK"
    assert run.bold is True


def test_the_word_file_keeps_the_end_of_the_order_with_its_signature(order):
    document = docx.Document(io.BytesIO(order_docx(fresh(order))))
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    signed = next(i for i, p in enumerate(paragraphs) if p.text.startswith("สั่ง ณ วันที่"))

    # the last duty and "ทั้งนี้ ..." stay with the date signed, which stays with the signer
    assert paragraphs[signed - 2].text.startswith("๕.")
    assert all(p.paragraph_format.keep_with_next for p in paragraphs[signed - 2 : signed + 1])


def test_empty_draft_renders_with_placeholders(db):
    draft = fresh(AppointmentOrder.objects.create(committee=make_committee()))

    assert "ที่........../.........." in pdf_text(order_pdf(draft))
    text = docx_text(order_docx(draft))
    assert "ที่........../.........." in text
    assert squeeze("ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป") in text
