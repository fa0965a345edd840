"""Spreadsheet exports of the committee overviews, built from the same rows the pages show."""

from django.utils import translation
from django.utils.translation import gettext as _

from tambonplan.committees import selectors
from tambonplan.committees.currency import state_labels
from tambonplan.committees.defaults import MEMBER_POSITION
from tambonplan.committees.models import AppointmentOrder, Basis, CompositionTemplate
from tambonplan.committees.selectors import CommitteeRow, Overview
from tambonplan.committees.services import MEMBER_COLUMNS
from tambonplan.core.tabular import build_xlsx_template
from tambonplan.documents.xlsx import Sheet, build_xlsx

# Sample people for the members template's example rows (title, first name, last name).
EXAMPLE_PEOPLE = (
    ("นาย", "ปกรณ์", "ปกครองดี"),
    ("นาย", "สมชาย", "ใจดี"),
    ("นาย", "วิชัย", "รักถิ่น"),
    ("นาง", "สมศรี", "มีสุข"),
    ("นาย", "ประเสริฐ", "ศรีสุข"),
    ("นางสาว", "มาลี", "ใจงาม"),
    ("นาย", "บุญมี", "ทองดี"),
    ("นาง", "ประไพ", "พูลผล"),
    ("นาย", "สุชาติ", "แก้วมณี"),
    ("นางสาว", "น้ำผึ้ง", "ศรีสำราญ"),
)


def _detail_sheet(rows: list[CommitteeRow]) -> Sheet:
    labels = state_labels()
    return Sheet(
        title=_("รายการคณะกรรมการ"),
        headers=[
            _("รหัสพื้นที่"),
            _("พื้นที่"),
            _("อำเภอ"),
            _("ประเภท"),
            _("สถานะ"),
            _("เลขที่คำสั่ง"),
            _("ลงวันที่"),
            _("ครบวาระ"),
            _("เหตุผล"),
        ],
        rows=[
            [
                row.area_code,
                row.area_name,
                row.district.name_th if row.district else "",
                row.kind.short_name,
                labels[row.currency.state],
                row.order.number if row.order else "",
                row.order.signed_on if row.order else None,
                row.currency.expires_on,
                "; ".join([*row.currency.reasons, *row.currency.warnings]),
            ]
            for row in rows
        ],
        widths=[10, 28, 22, 10, 14, 14, 12, 12, 80],
    )


def district_workbook(rows: list[CommitteeRow]) -> bytes:
    return build_xlsx([_detail_sheet(rows)])


def province_workbook(overview: Overview, rows: list[CommitteeRow]) -> bytes:
    labels = state_labels()
    headers = [_("รหัส"), _("อำเภอ")]
    for kind in overview.kinds:
        headers += [f"{kind.short_name} {labels[state]}" for state in ("current", "needs_review", "missing")]
    summary_rows = []
    for code, per_kind in sorted(overview.by_district.items()):
        line = [code, overview.districts[code].name_th]
        for kind in overview.kinds:
            counts = per_kind[kind.code]
            line += [counts.current, counts.needs_review, counts.missing]
        summary_rows.append(line)
    summary = Sheet(
        title=_("สรุปรายอำเภอ"), headers=headers, rows=summary_rows, widths=[8, 22] + [12] * (len(headers) - 2)
    )
    return build_xlsx([summary, _detail_sheet(rows)])


def _example_person(index: int) -> tuple[str, str, str]:
    """The index-th sample person; past the list, the names come round again with a number (names are unique
    in a members file)."""
    title, first_name, last_name = EXAMPLE_PEOPLE[index % len(EXAMPLE_PEOPLE)]
    lap = index // len(EXAMPLE_PEOPLE)
    return title, first_name, f"{last_name} {lap + 1}" if lap else last_name


def member_example_rows(template: CompositionTemplate | None, positions: list[str]) -> list[list[str]]:
    """Example rows that follow the committee's composition template: one member per line of the template
    (an ex-officio line as a member by that post), then plain members up to the template's minimum, so the
    example imports as a valid composition. Labels are Thai, as the template's drop-downs offer them."""
    with translation.override("th"):
        ex_officio, appointed = str(Basis.EX_OFFICIO.label), str(Basis.APPOINTED.label)
    lines = [
        (slot.position.name_th, ex_officio if slot.ex_officio_post else appointed, slot.ex_officio_post)
        for slot in (template.slots.all() if template else ())
    ]
    if MEMBER_POSITION in positions:
        missing = max((template.min_members or 0) if template else 0, 1) - len(lines)
        lines += [(MEMBER_POSITION, appointed, "")] * missing
    return [
        [*_example_person(index), position, basis, post, "", "0812345678" if index == 0 else ""]
        for index, (position, basis, post) in enumerate(lines)
    ]


def members_template(order: AppointmentOrder) -> bytes:
    """The members import template of a draft order: the example follows the composition template of the
    order's committee; the position and basis columns have drop-down lists."""
    positions = selectors.position_names()
    with translation.override("th"):
        bases = [str(label) for _value, label in Basis.choices]
    return build_xlsx_template(
        MEMBER_COLUMNS,
        sheet_title=_("กรรมการ"),
        example_rows=member_example_rows(selectors.order_template(order), positions),
        notes=[
            _("แถวตัวอย่างเรียงตามองค์ประกอบของ%(kind)s ที่ใช้อยู่ แก้คำนำหน้า ชื่อ และนามสกุลเป็นของกรรมการจริง")
            % {"kind": order.committee.kind.display_short_name},
            _("ตำแหน่งในคณะกรรมการต้องตรงกับรายการในระบบ เช่น ประธาน รองประธาน กรรมการ กรรมการและเลขานุการ"),
            _("ที่มา: โดยตำแหน่ง, ผู้ทรงคุณวุฒิ, ผู้แทนที่ได้รับเลือก หรือ แต่งตั้ง"),
            _("กรรมการโดยตำแหน่งต้องระบุตำแหน่งที่ดำรง"),
            _("นำเข้าซ้ำได้ กรรมการที่ชื่อ-นามสกุลตรงกันจะถูกปรับปรุง ไม่สร้างซ้ำ"),
        ],
        choices={"position": positions, "basis": bases},
    )
