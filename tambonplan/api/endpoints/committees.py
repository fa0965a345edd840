"""Committees (ก.บ.ต., ศอช., ...) and their appointment orders with members, in the caller's scope.

Members' phone numbers are answered only to those who see them on the pages (``may_see_contacts``:
editors within their area); for everyone else the field is null."""

from datetime import date
from typing import Literal

from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from tambonplan.api.contacts import contact
from tambonplan.api.filters import AreaFilter, fiscal_year_field
from tambonplan.api.pagination import Pages
from tambonplan.committees import selectors
from tambonplan.committees.currency import CURRENT, MISSING, NEEDS_REVIEW
from tambonplan.committees.models import Basis, Level, MemberStatus, OrderState, area_label, sits_on
from tambonplan.thai.dates import current_fiscal_year

router = Router(tags=["คณะกรรมการ"])

KIND_PATTERN = r"^[-a-zA-Z0-9_]{1,20}$"


def _area_name(committee) -> str:
    return str(area_label(committee.kind.level, committee.area))


# ---------------------------------------------------------------- committees


class CommitteeOut(Schema):
    id: int
    kind: str = Field(alias="kind.code", description="รหัสประเภทคณะกรรมการ เช่น kbt")
    kind_name: str = Field(alias="kind.short_name", description="ชื่อย่อ เช่น ก.บ.ต.")
    kind_label: str = Field(alias="kind.name_th", description="ชื่อเต็มของประเภทคณะกรรมการ")
    level: Level
    level_label: str
    is_socho: bool = Field(alias="kind.is_socho")
    area_code: str
    area_name: str
    province_code: str = Field(alias="province_id")
    district_code: str | None = Field(alias="district_id")
    tambon_code: str | None = Field(alias="tambon_id")
    current_order_id: int | None = Field(description="คำสั่งแต่งตั้งที่มีผลใช้บังคับ (null: ยังไม่มี)")

    @staticmethod
    def resolve_level(obj) -> str:
        return obj.kind.level

    @staticmethod
    def resolve_level_label(obj) -> str:
        return str(Level(obj.kind.level).label)

    @staticmethod
    def resolve_area_name(obj) -> str:
        return _area_name(obj)


class OrderSummaryOut(Schema):
    id: int
    state: OrderState
    state_label: str = Field(alias="get_state_display")
    number: str
    subject: str
    signed_on: date | None
    effective_on: date | None
    member_count: int
    serving_count: int = Field(description="กรรมการที่ยังปฏิบัติหน้าที่")


class CurrencyOut(Schema):
    state: Literal[CURRENT, NEEDS_REVIEW, MISSING] = Field(
        description="current (เป็นปัจจุบัน), needs_review (ต้องทบทวน) หรือ missing (ไม่มีคำสั่ง)"
    )
    state_label: str
    reasons: list[str] = Field(description="เหตุที่ต้องทบทวน (ภาษาไทย)")
    fiscal_year: int


class CommitteeDetailOut(CommitteeOut):
    current_order: OrderSummaryOut | None = Field(description="สรุปคำสั่งที่มีผลใช้บังคับ")
    draft_order_id: int | None = Field(description="ร่างคำสั่งที่กำลังจัดทำ (null: ไม่มี)")
    currency: CurrencyOut = Field(description="ความเป็นปัจจุบันของคำสั่ง ตามเกณฑ์เดียวกับหน้าคณะกรรมการ")


class CommitteeFilter(AreaFilter):
    kind: str | None = Field(None, pattern=KIND_PATTERN, description="รหัสประเภทคณะกรรมการ เช่น kbt")
    is_socho: bool | None = Field(None, description="true: เฉพาะ ศอช. ทุกระดับ, false: ไม่รวม ศอช.")


class CommitteeDetailQuery(Schema):
    fiscal_year: int | None = fiscal_year_field()


@router.get("/committees", response=list[CommitteeOut], url_name="committees", summary="คณะกรรมการ")
@paginate(Pages)
def committees(request, filters: Query[CommitteeFilter]):
    return selectors.committees_list(
        request.user, area=filters.area, kind_code=filters.kind, is_socho=filters.is_socho
    )


@router.get(
    "/committees/{committee_id}",
    response=CommitteeDetailOut,
    url_name="committee",
    summary="คณะกรรมการหนึ่งคณะ พร้อมคำสั่งที่มีผลใช้บังคับ",
    description="ความเป็นปัจจุบันของคำสั่งประเมินตามวันที่จังหวัดกำหนดให้ทบทวนของปีงบประมาณ `fiscal_year` "
    "(ไม่ระบุ: ปีงบประมาณปัจจุบัน)",
)
def committee(request, committee_id: int, query: Query[CommitteeDetailQuery]):
    found = selectors.committee_for(request.user, committee_id)
    year = query.fiscal_year or current_fiscal_year()
    page = selectors.committee_page(
        request.user, kind_code=found.kind.code, area_code=found.area_code, fiscal_year=year
    )
    current = page.in_force
    if current is not None:
        current.member_count = len(page.members)
        today = timezone.localdate()
        current.serving_count = sum(sits_on(member, today) for member in page.members)
    found.current_order = current
    found.draft_order_id = page.draft.pk if page.draft else None
    found.currency = {
        "state": page.currency.state,
        "state_label": page.currency.label,
        "reasons": [str(reason) for reason in page.currency.reasons],
        "fiscal_year": year,
    }
    return found


# ---------------------------------------------------------------- orders


class OrderOut(Schema):
    id: int
    committee_id: int
    kind: str = Field(alias="committee.kind.code")
    kind_name: str = Field(alias="committee.kind.short_name")
    area_code: str = Field(alias="committee.area_code")
    area_name: str
    state: OrderState
    state_label: str = Field(alias="get_state_display")
    number: str
    subject: str
    signed_on: date | None
    effective_on: date | None
    signer_name: str
    signer_position: str
    issuing_office: str
    member_count: int

    @staticmethod
    def resolve_area_name(obj) -> str:
        return _area_name(obj.committee)


class MemberOut(Schema):
    id: int
    name: str = Field(alias="full_name", description="คำนำหน้า ชื่อ นามสกุล")
    title: str
    first_name: str
    last_name: str
    position: str = Field(alias="position.name_th", description="ตำแหน่งในคณะกรรมการ")
    is_chair: bool = Field(alias="position.is_chair")
    is_secretary: bool = Field(alias="position.is_secretary")
    basis: Basis
    basis_label: str = Field(alias="get_basis_display")
    ex_officio_post: str
    affiliation: str
    phone: str | None = Field(description="เฉพาะผู้มีสิทธิ์เห็นข้อมูลติดต่อ (เจ้าหน้าที่ผู้แก้ไขข้อมูลในพื้นที่) อื่น ๆ เป็น null")
    status: MemberStatus
    status_label: str = Field(alias="get_status_display")
    status_on: date | None
    acting: bool

    @staticmethod
    def resolve_phone(obj, context) -> str | None:
        return contact(obj.phone, context)


class OrderDetailOut(OrderOut):
    members: list[MemberOut]
    problems: list[str] = Field(description="องค์ประกอบที่ไม่ครบตามแม่แบบ (ภาษาไทย)")

    @staticmethod
    def resolve_members(obj):
        return obj.loaded_members


class OrderFilter(AreaFilter):
    committee: int | None = Field(None, ge=1, description="รหัสคณะกรรมการ")
    state: OrderState | None = None


@router.get("/orders", response=list[OrderOut], url_name="orders", summary="คำสั่งแต่งตั้งคณะกรรมการ")
@paginate(Pages)
def orders(request, filters: Query[OrderFilter]):
    return selectors.orders_list(
        request.user, area=filters.area, committee_id=filters.committee, state=filters.state
    )


@router.get(
    "/orders/{order_id}",
    response=OrderDetailOut,
    url_name="order",
    summary="คำสั่งแต่งตั้งหนึ่งฉบับ พร้อมรายชื่อกรรมการ",
)
def order(request, order_id: int):
    found = selectors.order_for(request.user, order_id)
    members = selectors.order_members(found)
    found.loaded_members = members
    found.member_count = len(members)
    found.problems = [str(problem) for problem in selectors.order_problems(found, members)]
    return found
