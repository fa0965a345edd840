"""Development partners (the provinces' registries) and their commitments to plan projects.

A partner's contact person is answered to everyone who sees the partner; the phone and email only to those
who may see contacts (``may_see_contacts``: editors within their area), as on the pages; else null."""

from datetime import date
from decimal import Decimal

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from tambonplan.api.contacts import CONTACT_NOTE, contact
from tambonplan.api.filters import AreaFilter, AreaYearFilter
from tambonplan.api.pagination import Pages
from tambonplan.partners import integration, selectors
from tambonplan.partners.models import CommitmentKind, CommitmentStatus, PartnerLevel, PartnerType

router = Router(tags=["ภาคีการพัฒนา"])


# ---------------------------------------------------------------- partners


class CategoryOut(Schema):
    id: int
    name: str = Field(alias="name_th")


class PartnerOut(Schema):
    id: int
    name: str
    partner_type: PartnerType
    partner_type_label: str = Field(alias="get_partner_type_display")
    level: PartnerLevel
    level_label: str = Field(alias="get_level_display")
    province_code: str = Field(alias="province_id", description="จังหวัดที่ขึ้นทะเบียน")
    is_active: bool
    area_codes: list[str] = Field(description="พื้นที่ดำเนินงาน (รหัสจังหวัด อำเภอ หรือตำบล ครอบคลุมพื้นที่ย่อย)")
    focus_categories: list[CategoryOut] = Field(description="ด้านที่สนับสนุน")

    @staticmethod
    def resolve_area_codes(obj) -> list[str]:
        return [area.area_code for area in obj.areas.all()]

    @staticmethod
    def resolve_focus_categories(obj) -> list:
        return list(obj.focus_categories.all())


class AreaOut(Schema):
    code: str
    name: str


class PartnerDetailOut(PartnerOut):
    areas: list[AreaOut] = Field(description="พื้นที่ดำเนินงานพร้อมชื่อ")
    notes: str
    contact_name: str = Field(description="ผู้ประสานงานของภาคี")
    phone: str | None = Field(description=CONTACT_NOTE)
    email: str | None = Field(description=CONTACT_NOTE)

    @staticmethod
    def resolve_areas(obj) -> list[dict]:
        return obj.area_rows

    @staticmethod
    def resolve_phone(obj, context) -> str | None:
        return contact(obj.phone, context)

    @staticmethod
    def resolve_email(obj, context) -> str | None:
        return contact(obj.email, context)


class PartnerFilter(AreaFilter):
    partner_type: PartnerType | None = None
    is_active: bool | None = Field(None, description="true: เฉพาะภาคีที่ใช้งานอยู่")


@router.get("/partners", response=list[PartnerOut], url_name="partners", summary="ภาคีการพัฒนา")
@paginate(Pages)
def partners(request, filters: Query[PartnerFilter]):
    return selectors.partners_list(
        request.user, area=filters.area, partner_type=filters.partner_type, is_active=filters.is_active
    )


@router.get(
    "/partners/{partner_id}", response=PartnerDetailOut, url_name="partner", summary="ภาคีการพัฒนาหนึ่งราย"
)
def partner(request, partner_id: int):
    found = selectors.partner_for(request.user, partner_id)
    found.area_rows = selectors.partner_areas(found)
    return found


# ---------------------------------------------------------------- commitments


class CommitmentOut(Schema):
    id: int
    partner_id: int
    partner_name: str = Field(alias="partner.name")
    project_id: int
    project_name: str = Field(alias="project.name")
    tambon_code: str = Field(alias="project.plan.tambon_id")
    tambon_name: str = Field(alias="project.plan.tambon.name_th")
    fiscal_year: int
    kind: CommitmentKind
    kind_label: str = Field(alias="get_kind_display")
    amount: Decimal | None = Field(description="จำนวนเงิน (บาท) เมื่อสนับสนุนเป็นเงิน")
    in_kind_description: str
    estimated_value: Decimal | None = Field(description="มูลค่าประมาณ (บาท) ของสิ่งที่สนับสนุน")
    value: Decimal = Field(description="มูลค่าที่นับ (บาท): จำนวนเงิน หรือมูลค่าประมาณ")
    status: CommitmentStatus
    status_label: str = Field(alias="get_status_display")
    proposed_on: date | None
    pledged_on: date | None
    approved_on: date | None
    delivered_on: date | None
    cancelled_on: date | None
    has_document: bool = Field(description="มีหนังสือ/บันทึกข้อตกลงแนบไว้")
    note: str

    @staticmethod
    def resolve_value(obj) -> Decimal:
        return Decimal(obj.value)

    @staticmethod
    def resolve_has_document(obj) -> bool:
        return bool(obj.document)


class CommitmentFilter(AreaYearFilter):
    status: CommitmentStatus | None = None
    partner: int | None = Field(None, ge=1, description="รหัสภาคี")


@router.get("/commitments", response=list[CommitmentOut], url_name="commitments", summary="การสนับสนุนจากภาคี")
@paginate(Pages)
def commitments(request, filters: Query[CommitmentFilter]):
    return selectors.commitments_list(
        request.user,
        area=filters.area,
        fiscal_year=filters.fiscal_year,
        status=filters.status,
        partner_id=filters.partner,
    )


@router.get(
    "/commitments/{commitment_id}",
    response=CommitmentOut,
    url_name="commitment",
    summary="การสนับสนุนจากภาคีหนึ่งรายการ",
)
def commitment(request, commitment_id: int):
    return integration.commitment_for(request.user, commitment_id)
