"""Circulars: the province's yearly instructions to its districts, and the reporting rates of each."""

from datetime import date, datetime

from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from tambonplan.api.filters import AreaYearFilter
from tambonplan.api.pagination import Pages
from tambonplan.directives import selectors
from tambonplan.directives.access import is_province_user
from tambonplan.reports.selectors import rates_of

router = Router(tags=["หนังสือสั่งการและอัตราการรายงาน"])


class InstructionOut(Schema):
    id: int
    number: int
    text: str
    topic: str
    due_on: date | None
    report_section: str


class CircularOut(Schema):
    id: int
    province_code: str = Field(alias="province_id")
    number: str
    issued_on: date
    subject: str
    fiscal_year: int
    report_due: date | None
    district_codes: list[str]

    @staticmethod
    def resolve_district_codes(obj) -> list[str]:
        return [district.code for district in obj.districts.all()]


class CircularDetailOut(CircularOut):
    office_name: str
    addressees: str
    body: str
    signer_name: str
    signer_position: str
    instructions: list[InstructionOut]

    @staticmethod
    def resolve_instructions(obj):
        return list(obj.instructions.all())


@router.get("/circulars", response=list[CircularOut], url_name="circulars", summary="หนังสือสั่งการ")
@paginate(Pages)
def circulars(request, filters: Query[AreaYearFilter]):
    return selectors.circulars_list(request.user, area=filters.area, fiscal_year=filters.fiscal_year)


@router.get(
    "/circulars/{circular_id}", response=CircularDetailOut, url_name="circular", summary="หนังสือสั่งการหนึ่งฉบับ"
)
def circular(request, circular_id: int):
    return selectors.circular_for(request.user, circular_id)


class RateRowOut(Schema):
    district_code: str = Field(alias="district.code")
    district_name: str = Field(alias="district.name_th")
    report_id: int | None
    state: str = Field(description="สถานะรายงาน (ว่าง: ยังไม่เริ่มทำ)")
    submitted: bool = Field(alias="is_submitted")
    versions: int
    first_submitted_at: datetime | None
    on_time: bool | None
    acknowledged_at: datetime | None
    last_reminder_at: datetime | None

    @staticmethod
    def resolve_report_id(obj) -> int | None:
        return obj.report.pk if obj.report else None


class RatesOut(Schema):
    circular_id: int
    report_due: date | None
    expected: int = Field(description="อำเภอที่ต้องส่ง")
    submitted: int = Field(description="ส่งแล้ว")
    on_time: int = Field(description="ทันกำหนด (นับจากการส่งครั้งแรก)")
    late: int = Field(description="ล่าช้า")
    missing: int = Field(description="ยังไม่ส่ง")
    under_review: int = Field(description="รอตรวจ")
    returned: int = Field(description="ส่งกลับให้แก้ไข")
    accepted: int = Field(description="รับแล้ว")
    districts: list[RateRowOut]


@router.get(
    "/circulars/{circular_id}/rates",
    response=RatesOut,
    url_name="circular_rates",
    summary="อัตราการรายงานของหนังสือสั่งการ (จังหวัด)",
)
def circular_rates(request, circular_id: int):
    circular = selectors.circular_for(request.user, circular_id)
    if not is_province_user(request.user, circular.province_id):
        raise Http404
    rates = rates_of(circular)
    counts = {key: count for key, _label, count in rates.figures}
    return {"circular_id": circular.pk, "report_due": circular.report_due, **counts, "districts": rates.rows}
