"""The appointment order (คำสั่งแต่งตั้ง) as a Thai government order, in PDF and Word.

Both formats are laid out from one `OrderContent`, so they always say the same thing. Every number in it is
in Thai digits, as official documents are.
"""

from dataclasses import dataclass

from django.db.models import Case, F, IntegerField, Value, When
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from tambonplan.committees.models import AppointmentOrder, Level, OrderState, sitting_on
from tambonplan.documents import docx as word
from tambonplan.documents.emblem import emblem_data_uri
from tambonplan.documents.pdf import render_pdf
from tambonplan.thai.dates import BE_OFFSET, THAI_MONTHS, be_date_long
from tambonplan.thai.digits import to_thai_digits

REGULATION = (
    "ตามระเบียบกระทรวงมหาดไทย ว่าด้วยการจัดทำแผนและประสานแผนพัฒนาพื้นที่ในระดับอำเภอและตำบล พ.ศ. ๒๕๖๒ "
    "และแนวทางปฏิบัติที่เกี่ยวข้อง เพื่อให้การขับเคลื่อนการจัดทำและประสานแผนพัฒนาพื้นที่เป็นไปอย่างมีประสิทธิภาพ"
)
DUTIES = "ให้คณะกรรมการมีหน้าที่ขับเคลื่อน ประสาน และติดตามการจัดทำแผนพัฒนาตำบล ตลอดจนปฏิบัติหน้าที่อื่นตามที่ได้รับมอบหมาย"
# A position as it is written in an order ("ประธาน" of a committee is its "ประธานกรรมการ").
POSITION_IN_ORDER = {"ประธาน": "ประธานกรรมการ", "รองประธาน": "รองประธานกรรมการ"}
NUMBER_PLACEHOLDER = "........../.........."
NAME_PLACEHOLDER = "........................................"
SIGNED_PLACEHOLDER = "สั่ง ณ วันที่ .......... เดือน .................... พ.ศ. .........."


@dataclass(frozen=True)
class MemberLine:
    number: str  # "๑."
    name: str  # "นายสมชาย ใจดี"
    post: str  # "ปลัดอำเภอผู้รับผิดชอบประจำตำบล (รักษาการ)"
    position: str  # "ประธานกรรมการ"


@dataclass(frozen=True)
class OrderContent:
    """The text of an order, line by line, with Thai digits."""

    title: str  # "คำสั่งอำเภอเมืองอุบลราชธานี"
    number_line: str  # "ที่ ๑๒/๒๕๖๖"
    subject_line: str  # "เรื่อง แต่งตั้ง..."
    opening: str
    members: list[MemberLine]
    duties: str
    effective: str  # "ทั้งนี้ ตั้งแต่วันที่ ..."
    signed: str  # "สั่ง ณ วันที่ ๑๔ เดือน กุมภาพันธ์ พ.ศ. ๒๕๖๖"
    signer_name: str  # "(นายสมชาย ใจดี)"
    signer_position: str
    draft: bool


def issuing_office(order: AppointmentOrder) -> str:
    """The office that issues the order: as recorded, or the district office of the area ("อำเภอ...")
    — the province office ("จังหวัด...") for a province committee."""
    if order.issuing_office:
        return order.issuing_office
    committee = order.committee
    if committee.kind.level == Level.PROVINCE:
        return f"จังหวัด{committee.province.name_th}"
    district = committee.district or (committee.tambon or committee.village.tambon).district
    return f"อำเภอ{district.name_th}"


def _previous_order(order: AppointmentOrder) -> AppointmentOrder | None:
    """The order this one replaces: the committee's order in force or else its latest superseded one,
    among those recorded before this one."""
    earlier = order.committee.orders.filter(state__in=[OrderState.IN_FORCE, OrderState.SUPERSEDED])
    if order.pk is not None:
        earlier = earlier.filter(pk__lt=order.pk)
    in_force_first = Case(
        When(state=OrderState.IN_FORCE, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return earlier.order_by(
        in_force_first,
        F("effective_on").desc(nulls_last=True),
        F("signed_on").desc(nulls_last=True),
        "-pk",
    ).first()


def _opening(order: AppointmentOrder) -> str:
    committee = order.committee
    appointed = f"{committee.kind.name_th} {committee.area_name}"
    previous = _previous_order(order)
    if previous is None:
        return f"{REGULATION} จึงแต่งตั้ง{appointed} ประกอบด้วย"
    reference = ""
    if previous.number:
        reference += f" ที่ {previous.number}"
    if previous.signed_on:
        reference += f" ลงวันที่ {be_date_long(previous.signed_on)}"
    return f"{REGULATION} จึงแต่งตั้ง{appointed} ขึ้นใหม่ และให้ยกเลิกคำสั่งเดิม{reference} โดยมีองค์ประกอบ ดังนี้"


def _member_lines(order: AppointmentOrder) -> list[MemberLine]:
    """The members who sit on the order's document date (`AppointmentOrder.document_date`, `sits_on`)."""
    members = sitting_on(
        order.members.select_related("position").order_by(
            "position__sort_order", "position__name_th", "sort_order", "id"
        ),
        order.document_date,
    )
    lines = []
    for number, member in enumerate(members, start=1):
        post = member.ex_officio_post or member.affiliation
        if member.acting:
            post = f"{post} (รักษาการ)".strip()
        position = member.position.name_th
        lines.append(
            MemberLine(
                number=to_thai_digits(f"{number}."),
                name=to_thai_digits(member.full_name),
                post=to_thai_digits(post),
                position=to_thai_digits(POSITION_IN_ORDER.get(position, position)),
            )
        )
    return lines


def _signed(order: AppointmentOrder) -> str:
    day = order.signed_on
    if day is None:
        return SIGNED_PLACEHOLDER
    return to_thai_digits(f"สั่ง ณ วันที่ {day.day} เดือน {THAI_MONTHS[day.month - 1]} พ.ศ. {day.year + BE_OFFSET}")


def order_content(order: AppointmentOrder) -> OrderContent:
    """The text of the order (the members fetched in one query)."""
    committee = order.committee
    kind = committee.kind
    subject = order.subject or f"แต่งตั้ง{kind.name_th} ({kind.short_name}) {committee.area_name}"
    if order.effective_on:
        effective = f"ทั้งนี้ ตั้งแต่วันที่ {be_date_long(order.effective_on)} เป็นต้นไป"
    else:
        effective = "ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป"
    return OrderContent(
        title=to_thai_digits(f"คำสั่ง{issuing_office(order)}"),
        number_line=f"ที่ {to_thai_digits(order.number) or NUMBER_PLACEHOLDER}",
        subject_line=to_thai_digits(f"เรื่อง {subject}"),
        opening=to_thai_digits(_opening(order)),
        members=_member_lines(order),
        duties=DUTIES,
        effective=to_thai_digits(effective),
        signed=_signed(order),
        signer_name=to_thai_digits(f"({order.signer_name or NAME_PLACEHOLDER})"),
        signer_position=to_thai_digits(order.signer_position) or NAME_PLACEHOLDER,
        draft=order.state == OrderState.DRAFT,
    )


def order_pdf(order: AppointmentOrder) -> bytes:
    """The order as a PDF; a draft has the "ร่าง" watermark."""
    content = order_content(order)
    context = {"order": content, "draft": content.draft, "emblem": emblem_data_uri()}
    return render_pdf("committees/order_document.html", context)


# Column widths of the member list (cm) after its indent: number, name and post, position.
MEMBER_INDENT_CM = 0.75
MEMBER_WIDTHS_CM = (1.0, 8.75, 5.5)


def order_docx(order: AppointmentOrder) -> bytes:
    """The order as an editable Word document."""
    content = order_content(order)
    document = word.official_document()
    word.add_emblem(document)
    word.add_heading_center(document, content.title)
    word.add_heading_center(document, content.number_line)
    word.add_heading_center(document, content.subject_line)
    word.add_rule_center(document)
    word.add_body_paragraph(document, content.opening)
    if content.members:  # Word takes a table without rows for a damaged file
        word.add_table(
            document,
            None,
            [(m.number, f"{m.name} {m.post}".strip(), m.position) for m in content.members],
            MEMBER_WIDTHS_CM,
            borders=False,
            indent_cm=MEMBER_INDENT_CM,
            alignments=(WD_ALIGN_PARAGRAPH.RIGHT, None, None),
        )
    word.add_body_paragraph(document, content.duties).paragraph_format.space_before = Pt(6)
    word.add_body_paragraph(document, content.effective)
    signed = word.add_body_paragraph(document, content.signed, indent_first_line=False)
    signed.paragraph_format.left_indent = Cm(word.FIRST_LINE_INDENT_CM * 2)
    signed.paragraph_format.space_before = Pt(12)
    signed.paragraph_format.keep_with_next = True
    word.add_signature_block(document, ["", "", content.signer_name, content.signer_position])
    return word.docx_bytes(document)
