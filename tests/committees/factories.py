"""Small builders for committee tests: committees, orders and members that pass (or fail) the templates."""

import io
from datetime import date, timedelta

from django.utils import timezone
from openpyxl import Workbook

from tambonplan.areas.models import District, Province, Tambon, Village
from tambonplan.committees import services
from tambonplan.committees.models import (
    AppointmentOrder,
    Basis,
    Committee,
    CommitteeKind,
    Level,
    Member,
    MemberStatus,
    OrderState,
    Position,
    ReviewDeadline,
)
from tambonplan.localgov.models import LocalGovernment, LocalGovernmentKind
from tambonplan.thai.dates import current_fiscal_year

HUA_RUEA = "340104"
NONG_KHON = "340105"
NAI_MUEANG = "340101"
MUEANG = "3401"
WARIN = "3415"
WARIN_TAMBON = "341501"
UBON = "34"

# The review date of the current fiscal year used by most tests: in the past, so that a review confirmed
# today counts as "on or after" it.
REVIEW_DATE = timezone.localdate() - timedelta(days=30)
BEFORE = REVIEW_DATE - timedelta(days=200)
AFTER = REVIEW_DATE + timedelta(days=5)

# (title, first name, last name, position, ex officio post): the kbt default template's required posts.
KBT_PEOPLE = (
    ("นาย", "ปกรณ์", "ปกครองดี", "ประธาน", "ปลัดอำเภอผู้รับผิดชอบประจำตำบล"),
    ("นาย", "สมชาย", "ใจดี", "รองประธาน", "กำนัน"),
    ("นาง", "สมศรี", "มีสุข", "กรรมการ", "นายกองค์กรปกครองส่วนท้องถิ่น"),
    ("นาย", "บุญมี", "ศรีสุข", "กรรมการ", "ประธาน ศอช.ต."),
    ("นางสาว", "น้ำผึ้ง", "ศรีสำราญ", "กรรมการและเลขานุการ", "พัฒนากรผู้รับผิดชอบตำบล"),
)


def fiscal_year() -> int:
    return current_fiscal_year()


def kind(code: str) -> CommitteeKind:
    return CommitteeKind.objects.get(code=code)


def position(name: str) -> Position:
    return Position.objects.get(name_th=name)


def area(kind_code: str, code: str):
    level = kind(kind_code).level
    if level == Level.TAMBON:
        return Tambon.objects.select_related("district__province").get(code=code)
    if level == Level.DISTRICT:
        return District.objects.select_related("province").get(code=code)
    return Province.objects.get(code=code)


def set_review_date(review_date: date = REVIEW_DATE, province: str = UBON, year: int | None = None):
    return ReviewDeadline.objects.update_or_create(
        province_id=province, fiscal_year=year or fiscal_year(), defaults={"review_date": review_date}
    )[0]


def committee(kind_code: str, code: str) -> Committee:
    links = {"province_id": code[:2]}
    if len(code) >= 4:
        links["district_id"] = code[:4]
    if len(code) >= 6:
        links["tambon_id"] = code[:6]
    return Committee.objects.get_or_create(kind=kind(kind_code), area_code=code, defaults=links)[0]


def order(
    kind_code: str,
    code: str,
    *,
    state: str = OrderState.IN_FORCE,
    number: str = "12/2567",
    signed_on: date | None = AFTER,
    people=None,
    size: int = 12,
) -> AppointmentOrder:
    """An order with members that pass the kind's default template (unless `people` says otherwise)."""
    made = AppointmentOrder.objects.create(
        committee=committee(kind_code, code),
        state=state,
        number=number,
        signed_on=signed_on,
        effective_on=signed_on,
        signer_name="นายวิชัย ปกครองดี",
        signer_position="นายอำเภอเมืองอุบลราชธานี",
        issuing_office="อำเภอเมืองอุบลราชธานี",
        subject="แต่งตั้งคณะกรรมการ",
    )
    if people is None:
        people = KBT_PEOPLE if kind_code == "kbt" else socho_people(size)
    add_people(made, people)
    return made


def socho_people(size: int, *, prefix: str = "สมาชิก"):
    """A ศอช. of `size` members: chair, vice chair, secretary, treasurer and ordinary members."""
    lines = ["ประธาน", "รองประธาน", "เลขานุการ", "เหรัญญิก"] + ["กรรมการ"] * max(size - 4, 0)
    return [("นาย", f"{prefix}{index}", "ทดสอบ", name, "") for index, name in enumerate(lines[:size], 1)]


def add_people(order: AppointmentOrder, people) -> list[Member]:
    positions = {p.name_th: p for p in Position.objects.all()}
    members = []
    for index, (title, first, last, position_name, post, *place) in enumerate(people, start=1):
        members.append(
            Member.objects.create(
                order=order,
                title=title,
                first_name=first,
                last_name=last,
                position=positions[position_name],
                basis=Basis.EX_OFFICIO if post else Basis.ELECTED,
                ex_officio_post=post,
                affiliation=place[0] if place else "ตำบลหัวเรือ",
                phone=f"08100000{index:02d}",
                sort_order=index,
            )
        )
    return members


def leave(member: Member, status: str = MemberStatus.RESIGNED, on: date = date(2024, 3, 1)) -> Member:
    member.status, member.status_on = status, on
    member.save()
    return member


def xlsx(rows, headers=None) -> bytes:
    """An XLSX whose first row is the import's Thai headers (or `headers`), then `rows`."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(headers or [column.headers[-1] for column in services.MEMBER_COLUMNS]))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def villages(tambon_code: str, count: int) -> list[Village]:
    """Villages หมู่ที่ 1 to `count` of a tambon (the village register)."""
    return [
        Village.objects.create(
            code=Village.code_for(tambon_code, moo), tambon_id=tambon_code, moo=moo, name_th=f"บ้านทดสอบ{moo}"
        )
        for moo in range(1, count + 1)
    ]


def local_government(
    name: str,
    kind: str = LocalGovernmentKind.SAO,
    tambons=(HUA_RUEA,),
    *,
    code: str = "",
    active: bool = True,
) -> LocalGovernment:
    """A local government of the register covering `tambons` ("หัวเรือ" as an อบต.: องค์การบริหารส่วนตำบลหัวเรือ)."""
    government = LocalGovernment.objects.create(
        code=code or f"{LocalGovernment.objects.count() + 1:07d}",
        kind=kind,
        name_th=name,
        province_id=tambons[0][:2],
        district_id=tambons[0][:4],
        is_active=active,
    )
    government.tambons.set(tambons)
    return government


def headmen(moos, *, prefix: str = "ผู้ใหญ่") -> list[tuple]:
    """The ex-officio headmen of villages `moos` as people for `add_people` (affiliation "หมู่ที่ N")."""
    return [("นาย", f"{prefix}{moo}", "บ้านทดสอบ", "กรรมการ", "ผู้ใหญ่บ้าน", f"หมู่ที่ {moo}") for moo in moos]
