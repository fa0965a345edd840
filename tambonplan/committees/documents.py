"""The appointment order (คำสั่งแต่งตั้ง) as a Thai government order, in PDF and Word.

Both formats are laid out from one `OrderContent`, so they always say the same thing. Every number in it is
in Thai digits, as official documents are.
"""

from dataclasses import dataclass

from django.db.models import Case, F, IntegerField, Value, When
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from tambonplan.committees.currency import OpenSeat, open_seats
from tambonplan.committees.defaults import Wording
from tambonplan.committees.models import AppointmentOrder, Level, OrderState, SeatCount, sitting_on
from tambonplan.committees.selectors import order_registers, order_template, wording_for
from tambonplan.documents import docx as word
from tambonplan.documents.emblem import emblem_data_uri
from tambonplan.documents.pdf import render_pdf
from tambonplan.thai.dates import BE_OFFSET, THAI_MONTHS, be_date_long
from tambonplan.thai.digits import to_thai_digits

# A position as it is written in an order ("ประธาน" of a committee is its "ประธานกรรมการ").
POSITION_IN_ORDER = {"ประธาน": "ประธานกรรมการ", "รองประธาน": "รองประธานกรรมการ"}
NUMBER_PLACEHOLDER = "........../.........."
NAME_PLACEHOLDER = "........................................"
SIGNED_PLACEHOLDER = "สั่ง ณ วันที่ .......... เดือน .................... พ.ศ. .........."
DUTIES_HEADING = "ให้คณะกรรมการมีอำนาจหน้าที่ ดังนี้"
AREA_PLACEHOLDER = "...................."

# How an office is named with its place (`member_office`). A template's generic post for the local
# government's head is completed by the local government the member's affiliation names.
LOCAL_GOVERNMENT = "องค์กรปกครองส่วนท้องถิ่น"
LOCAL_GOVERNMENTS = ("องค์การบริหารส่วน", "เทศบาล")  # อบต., อบจ.; เทศบาลตำบล, เมือง, นคร
# An affiliation that is a place: the post is held there ("ผู้ใหญ่บ้าน" + "หมู่ที่ 3").
PLACES = ("หมู่ที่", "บ้าน", "ตำบล", "อำเภอ", "จังหวัด")
# The levels of an area, each with how a post abbreviates it ("ประธาน ศอช.ต.").
LEVELS = (("ตำบล", ".ต."), ("อำเภอ", ".อ."), ("จังหวัด", ".จ."))
# Posts held for a whole area whose name does not end with its level.
POST_LEVELS = {"กำนัน": "ตำบล"}
# The fewest characters an affiliation must repeat of a post to continue it ("ตำบล", "ศอช.ต.", "โรงเรียน").
MIN_OVERLAP = 4


@dataclass(frozen=True)
class MemberLine:
    number: str  # "๑."
    name: str  # "นายสมชาย ใจดี"
    office: str  # "ผู้ใหญ่บ้านหมู่ที่ ๓", "นายกองค์การบริหารส่วนตำบลหัวเรือ (รักษาการ)"
    position: str  # "ประธานกรรมการ"


@dataclass(frozen=True)
class OrderContent:
    """The text of an order, line by line, with Thai digits."""

    title: str  # "คำสั่งอำเภอเมืองอุบลราชธานี"
    number_line: str  # "ที่ ๑๒/๒๕๖๖"
    subject_line: str  # "เรื่อง แต่งตั้ง..."
    opening: str  # "เพื่อให้... อาศัยอำนาจตามความในข้อ ๑๒ แห่งระเบียบ... จึงแต่งตั้ง... ประกอบด้วย"
    members: list[MemberLine]
    duties_heading: str
    duties: list[str]  # "๑. บูรณาการ..."
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


def _authority(wording: Wording) -> str:
    """ "อาศัยอำนาจตามความในข้อ ๑๒ แห่งระเบียบ... ประกอบกับแนวทาง...", or "" without a regulation."""
    if not wording.regulation:
        return ""
    if wording.clause:
        authority = f"อาศัยอำนาจตามความใน{wording.clause} แห่ง{wording.regulation}"
    else:
        authority = f"อาศัยอำนาจตาม{wording.regulation}"
    if wording.guideline:
        authority += f" ประกอบกับ{wording.guideline}"
    return authority


def _opening(order: AppointmentOrder, wording: Wording) -> str:
    committee = order.committee
    appointed = f"จึงแต่งตั้ง{committee.kind.name_th} {committee.area_name}"
    previous = _previous_order(order)
    if previous is None:
        appointed += " ประกอบด้วย"
    else:
        reference = ""
        if previous.number:
            reference += f" ที่ {previous.number}"
        if previous.signed_on:
            reference += f" ลงวันที่ {be_date_long(previous.signed_on)}"
        appointed += f" ขึ้นใหม่ และให้ยกเลิกคำสั่งเดิม{reference} โดยมีองค์ประกอบ ดังนี้"
    return _opening_with(wording, appointed)


def _opening_with(wording: Wording, appointed: str) -> str:
    """The purpose, the authority and the appointment ("จึงแต่งตั้ง..."), in this order."""
    return " ".join(part for part in (wording.purpose, _authority(wording), appointed) if part)


def _numbered(duties) -> list[str]:
    return [to_thai_digits(f"{number}. {duty}") for number, duty in enumerate(duties, start=1)]


@dataclass(frozen=True)
class WordingPreview:
    opening: str
    duties_heading: str
    duties: list[str]


def wording_preview(kind, wording: Wording) -> WordingPreview:
    """How an order of the kind reads with this wording, its area left as dots."""
    appointed = f"จึงแต่งตั้ง{kind.name_th} {AREA_PLACEHOLDER} ประกอบด้วย"
    return WordingPreview(
        opening=to_thai_digits(_opening_with(wording, appointed)),
        duties_heading=DUTIES_HEADING,
        duties=_numbered(wording.duties),
    )


def _with_place(post: str, place: str) -> str:
    """The post followed by the place it is held in, the place's level not written twice
    ("...ประจำตำบล" + "ตำบลหัวเรือ" → "...ประจำตำบลหัวเรือ"; "ประธาน ศอช.ต." + "ตำบลหัวเรือ" →
    "ประธาน ศอช.ต.หัวเรือ"); the post alone when it already names the place."""
    if post.endswith(place):
        return post
    for level, abbreviation in LEVELS:
        if place.startswith(level):
            name = place.removeprefix(level)
            if post.endswith(name):
                return post
            if post.endswith((level, abbreviation)):
                return post + name
    return post + place


def _overlap(post: str, affiliation: str) -> int:
    """How many characters of the affiliation repeat the end of the post, when the affiliation names the body
    the post is head of ("ผู้อำนวยการโรงเรียน" and "โรงเรียนบ้านหัวเรือ": 8); 0 when under MIN_OVERLAP."""
    for size in range(min(len(post), len(affiliation)), MIN_OVERLAP - 1, -1):
        if post.endswith(affiliation[:size]):
            return size
    return 0


def member_office(post: str, affiliation: str, places: dict[str, str]) -> str:
    """The office a member holds, with its place, as an order writes it.

    `post` is the ex-officio post (a template's, e.g. "ผู้ใหญ่บ้าน", "นายกองค์กรปกครองส่วนท้องถิ่น"), `affiliation`
    what the member is recorded with, `places` the names of the committee's area by level ({"ตำบล": "หัวเรือ",
    "อำเภอ": ...}). The local government the affiliation names replaces the generic one ("นายกองค์การบริหาร
    ส่วนตำบลหัวเรือ", "นายกเทศมนตรีตำบล..."); an affiliation that is a place follows the post ("ผู้ใหญ่บ้าน
    หมู่ที่ 3"); an affiliation that continues the post completes it ("ผู้อำนวยการโรงเรียน" + "โรงเรียนบ้าน
    หัวเรือ"); otherwise a post that ends with a level ("พัฒนากรผู้รับผิดชอบตำบล", "ประธาน ศอช.ต.", "กำนัน") takes
    the committee's area at that level. A member without a post is named by the affiliation.
    """
    post, affiliation = post.strip(), affiliation.strip()
    if not post:
        return affiliation
    if LOCAL_GOVERNMENT in post and affiliation.startswith(LOCAL_GOVERNMENTS):
        return post.replace(LOCAL_GOVERNMENT, affiliation).replace("นายกเทศบาล", "นายกเทศมนตรี")
    if affiliation.startswith(PLACES):
        return _with_place(post, affiliation)
    overlap = _overlap(post, affiliation)
    if overlap:
        return post + affiliation[overlap:]
    for level, abbreviation in LEVELS:
        held_for_level = post.endswith((level, abbreviation)) or POST_LEVELS.get(post) == level
        if held_for_level and places.get(level):
            return _with_place(post, level + places[level])
    return post


def _places(committee) -> dict[str, str]:
    """The names of the committee's area and the areas above it, by level."""
    places = {"จังหวัด": committee.province.name_th}
    if committee.district is not None:
        places["อำเภอ"] = committee.district.name_th
    if committee.tambon is not None:
        places["ตำบล"] = committee.tambon.name_th
    return places


def _register_seats(order: AppointmentOrder, members) -> list[OpenSeat]:
    """A draft's seats sized from the registers that no member holds yet: one for each village without its
    headman, each local government without its head (where the register has the tambon's)."""
    if order.state != OrderState.DRAFT:
        return []
    template = order_template(order)
    registers = order_registers(order, template, named=True)
    if registers is None:
        return []
    return [
        seat
        for seat in open_seats(members, template, registers, order.document_date)
        if seat.slot.seats == SeatCount.PER_VILLAGE
        or (seat.slot.seats == SeatCount.PER_LOCAL_GOVERNMENT and registers.local_governments)
    ]


def _member_lines(order: AppointmentOrder) -> list[MemberLine]:
    """The members who sit on the order's document date (`AppointmentOrder.document_date`, `sits_on`); a
    draft also lists, with dots for the name, each seat sized from the registers that is still to fill
    ("ผู้ใหญ่บ้านหมู่ที่ ๕", "นายกเทศมนตรีตำบล..."), after the members of the same position."""
    members = sitting_on(
        order.members.select_related("position").order_by(
            "position__sort_order", "position__name_th", "sort_order", "id"
        ),
        order.document_date,
    )
    places = _places(order.committee)
    entries = []  # (sort key, name, office, position, acting)
    for index, member in enumerate(members):
        office = member_office(member.ex_officio_post, member.affiliation, places)
        key = (member.position.sort_order, member.position.name_th, 0, index)
        entries.append((key, member.full_name, office, member.position.name_th, member.acting))
    for index, seat in enumerate(_register_seats(order, members)):
        position = seat.slot.position
        office = member_office(seat.slot.ex_officio_post, seat.affiliation, places)
        entries.append(
            (
                (position.sort_order, position.name_th, 1, index),
                NAME_PLACEHOLDER,
                office,
                position.name_th,
                False,
            )
        )
    lines = []
    for number, (_key, name, office, position, acting) in enumerate(sorted(entries), start=1):
        if acting:
            office = f"{office} (รักษาการ)".strip()
        lines.append(
            MemberLine(
                number=to_thai_digits(f"{number}."),
                name=to_thai_digits(name),
                office=to_thai_digits(office),
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
    """The text of the order: the wording it was issued with, else (a draft, an order recorded as issued) that
    of its kind in its province (`selectors.wording_for`); and its members, each fetched in one query."""
    committee = order.committee
    kind = committee.kind
    wording = order.wording_as_issued or wording_for(committee.province_id, kind)
    subject = order.subject or f"แต่งตั้ง{kind.name_th} ({kind.short_name}) {committee.area_name}"
    if order.effective_on:
        effective = f"ทั้งนี้ ตั้งแต่วันที่ {be_date_long(order.effective_on)} เป็นต้นไป"
    else:
        effective = "ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป"
    return OrderContent(
        title=to_thai_digits(f"คำสั่ง{issuing_office(order)}"),
        number_line=f"ที่ {to_thai_digits(order.number) or NUMBER_PLACEHOLDER}",
        subject_line=to_thai_digits(f"เรื่อง {subject}"),
        opening=to_thai_digits(_opening(order, wording)),
        members=_member_lines(order),
        duties_heading=DUTIES_HEADING,
        duties=_numbered(wording.duties),
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


# Column widths of the member list (cm), as in the PDF: number, name, office, position; and the space after
# each column's text (Word pads cells 0.19 cm on both sides by default, which would wrap "๑๐." and
# "กรรมการและเลขานุการ").
MEMBER_WIDTHS_CM = (0.9, 4.3, 6.9, 3.9)
MEMBER_CELL_PADDING_CM = 0.2


def _pad_cells(table, right_cm: float) -> None:
    """Cells padded as in the PDF: nothing on the left, `right_cm` on the right (before w:tblLook, as the
    schema orders a table's properties)."""
    margins = OxmlElement("w:tblCellMar")
    for side, size_cm in (("left", 0), ("right", right_cm)):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(round(Cm(size_cm).twips)))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    properties = table._tbl.tblPr
    look = properties.find(qn("w:tblLook"))
    if look is None:
        properties.append(margins)
    else:
        look.addprevious(margins)


def order_docx(order: AppointmentOrder) -> bytes:
    """The order as an editable Word document, kept together like the PDF: the duties' heading with the
    first duty, and the last duty, the effective date, the date signed and the signer on one page."""
    content = order_content(order)
    document = word.official_document()
    word.add_emblem(document)
    word.add_heading_center(document, content.title)
    word.add_heading_center(document, content.number_line)
    word.add_heading_center(document, content.subject_line)
    word.add_rule_center(document)
    word.add_body_paragraph(document, content.opening)
    if content.members:  # Word takes a table without rows for a damaged file
        table = word.add_table(
            document,
            None,
            [(m.number, m.name, m.office, m.position) for m in content.members],
            MEMBER_WIDTHS_CM,
            borders=False,
            alignments=(WD_ALIGN_PARAGRAPH.RIGHT, None, None, None),
        )
        _pad_cells(table, MEMBER_CELL_PADDING_CM)
    heading = word.add_body_paragraph(document, content.duties_heading)
    heading.paragraph_format.space_before = Pt(6)
    body = [heading] + [word.add_body_paragraph(document, duty) for duty in content.duties]
    body.append(word.add_body_paragraph(document, content.effective))
    for paragraph in body:
        paragraph.paragraph_format.widow_control = True
    for paragraph in (heading, *body[-2:]):
        paragraph.paragraph_format.keep_with_next = True
    signed = word.add_body_paragraph(document, content.signed, indent_first_line=False)
    signed.paragraph_format.left_indent = Cm(word.FIRST_LINE_INDENT_CM * 2)
    signed.paragraph_format.space_before = Pt(12)
    signed.paragraph_format.keep_with_next = True
    word.add_signature_block(document, ["", "", content.signer_name, content.signer_position])
    return word.docx_bytes(document)
