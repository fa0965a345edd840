"""Budget integration (the pages' figures), the ledger of money for projects, and recipients' answers to
forwardings. Every figure is `partners.integration` (the same as the pages, the XLSX and the open data)."""

from datetime import date
from decimal import Decimal

from django.http import Http404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from tambonplan.accounts.scope import NATION, PROVINCE, scope_of
from tambonplan.api.filters import NO_NUL, YEAR_MAX, YEAR_MIN, AreaFilter, area_field
from tambonplan.api.pagination import Pages
from tambonplan.areas.selectors import district_for, province_for, tambon_for
from tambonplan.funding import selectors, services
from tambonplan.funding.models import AmendmentKind, EntryStatus, Inclusion, SourceGroup
from tambonplan.partners import integration as integration_selectors
from tambonplan.thai.dates import current_fiscal_year

router = Router(tags=["งบประมาณที่ได้รับ"])


# ---------------------------------------------------------------- integration


class YearAmountOut(Schema):
    fiscal_year: int
    amount: Decimal


class TotalsOut(Schema):
    projects: int
    need: Decimal = Field(description="ประมาณการงบประมาณของปีงบประมาณในช่วงเทียบ")
    secured: Decimal = Field(description="ที่ได้รับแล้ว (บัญชีงบประมาณ) ของปีงบประมาณในช่วงเทียบ")
    secured_up_to_need: Decimal = Field(description="ที่ได้รับแล้ว ไม่เกินความต้องการของแต่ละโครงการ")
    gap: Decimal
    over: Decimal
    later: Decimal = Field(description="ได้รับหลังช่วงเทียบ (ไม่นับใน secured)")
    pledged: Decimal
    by_source: dict[str, Decimal] = Field(description="secured แยกตามกลุ่มแหล่งที่มา")
    by_year: list[YearAmountOut] = Field(description="secured แยกตามปีงบประมาณในช่วงเทียบ")


def _totals(totals) -> dict:
    return {
        "projects": totals.projects,
        "need": totals.need,
        "secured": totals.secured,
        "secured_up_to_need": totals.secured_up_to_need,
        "gap": totals.gap,
        "over": totals.over,
        "later": totals.later,
        "pledged": totals.pledged,
        "by_source": dict(totals.by_source),
        "by_year": [
            {"fiscal_year": year, "amount": amount}
            for year, amount in zip(totals.years, totals.year_cells, strict=True)
        ],
    }


class IntegrationRowOut(Schema):
    code: str
    name: str
    totals: TotalsOut


class IntegrationOut(Schema):
    level: str
    area_code: str
    fiscal_year: int = Field(description="ปีของแผน (พ.ศ.)")
    window: int = Field(description="จำนวนปีหลังปีของแผนที่นำมาเทียบ (ช่วงเทียบ: ปีของแผน ถึง ปีของแผน + window)")
    years: list[int]
    total: TotalsOut
    rows: list[IntegrationRowOut]


class IntegrationQuery(Schema):
    area: str | None = Field(
        None,
        pattern=r"^[0-9]{2}([0-9]{2}){0,2}$",
        description="รหัสจังหวัด 2 หลัก อำเภอ 4 หลัก หรือตำบล 6 หลัก ไม่ระบุ: พื้นที่ของผู้ใช้ (ทั้งประเทศ จังหวัด หรืออำเภอ)",
    )
    fiscal_year: int | None = Field(
        None, ge=YEAR_MIN, le=YEAR_MAX, description="ปีของแผน (พ.ศ.) ค่าเริ่มต้น: ปีปัจจุบัน"
    )


def _own_area(user) -> str:
    """The user's own area: "" for the nation, its province, or its district (a tambon officer's too)."""
    scope = scope_of(user)
    if scope.level == NATION:
        return ""
    if scope.level == PROVINCE:
        return scope.province_code
    if scope.district_code:
        return scope.district_code
    raise Http404


LEVELS = {2: ("province", province_for), 4: ("district", district_for), 6: ("tambon", tambon_for)}


@router.get(
    "/integration",
    response=IntegrationOut,
    url_name="integration",
    summary="การบูรณาการงบประมาณของพื้นที่ (ตัวเลขเดียวกับหน้าเว็บ)",
)
def integration(request, query: Query[IntegrationQuery]):
    code = query.area or _own_area(request.user)
    fiscal_year = query.fiscal_year or current_fiscal_year()
    if code:
        level, area_for = LEVELS[len(code)]
        area = area_for(request.user, code)
        data = integration_selectors.integration(
            request.user, level=level, area=area, fiscal_year=fiscal_year
        )
    else:
        level = "nation"
        data = integration_selectors.integration_in(
            scope_of(request.user), level=level, area=None, fiscal_year=fiscal_year
        )
    return {
        "level": level,
        "area_code": code,
        "fiscal_year": data.fiscal_year,
        "window": data.window,
        "years": list(data.years),
        "total": _totals(data.total),
        "rows": [{"code": row.code, "name": row.name, "totals": _totals(row.totals)} for row in data.rows],
    }


# ---------------------------------------------------------------- the ledger


class EntryOut(Schema):
    id: int
    project_id: int
    fiscal_year: int
    amount: Decimal
    status: EntryStatus
    source_group: SourceGroup
    source_name: str
    reference: str
    commitment_id: int | None = Field(description="การสนับสนุนจากภาคีที่เป็นที่มาของรายการ")
    answer_id: int | None = Field(description="คำตอบของผู้รับการส่งต่อที่เป็นที่มาของรายการ")
    partner_id: int | None
    local_government_id: int | None


class EntryFilter(AreaFilter):
    fiscal_year: int | None = Field(None, ge=YEAR_MIN, le=YEAR_MAX, description="ปีงบประมาณของเงิน (พ.ศ.)")
    project: int | None = Field(None, ge=1, description="รหัสโครงการ")


@router.get(
    "/funding-entries", response=list[EntryOut], url_name="funding_entries", summary="บัญชีงบประมาณที่ได้รับ"
)
@paginate(Pages)
def funding_entries(request, filters: Query[EntryFilter]):
    return selectors.entries_in(
        request.user,
        fiscal_year=filters.fiscal_year,
        project_id=filters.project,
        area_code=filters.area or "",
    )


# ---------------------------------------------------------------- answers


class AnswerOut(Schema):
    id: int
    forwarding_id: int
    project_id: int = Field(alias="forwarding.project_id")
    answered_on: date
    letter_number: str
    inclusion: Inclusion
    plan_name: str
    amendment_kind: str
    amendment_number: int | None
    amendment_year: int | None
    plan_row: str
    reason: str
    has_scan: bool
    version: int
    entries: list[EntryOut]

    @staticmethod
    def resolve_has_scan(obj) -> bool:
        return bool(obj.scan)

    @staticmethod
    def resolve_entries(obj) -> list:
        return list(obj.funding_entries.all())


class AnswerFilter(Schema):
    area: str | None = area_field()
    project: int | None = Field(None, ge=1, description="รหัสโครงการ")


@router.get(
    "/forwarding-answers",
    response=list[AnswerOut],
    url_name="forwarding_answers",
    summary="คำตอบของผู้รับการส่งต่อ",
)
@paginate(Pages)
def forwarding_answers(request, filters: Query[AnswerFilter]):
    return selectors.answers_in(request.user, area_code=filters.area or "", project_id=filters.project)


@router.get(
    "/forwarding-answers/{answer_id}",
    response=AnswerOut,
    url_name="forwarding_answer",
    summary="คำตอบของผู้รับการส่งต่อหนึ่งรายการ",
)
def forwarding_answer(request, answer_id: int):
    return selectors.answer_for(request.user, answer_id)


class MoneyIn(Schema):
    fiscal_year: int = Field(ge=YEAR_MIN, le=YEAR_MAX, description="ปีงบประมาณของเงิน (พ.ศ.)")
    amount: Decimal = Field(ge=0, max_digits=14, decimal_places=2)
    reference: str = Field("", max_length=300, pattern=NO_NUL)


class AnswerIn(Schema):
    answered_on: date
    letter_number: str = Field("", max_length=50, pattern=NO_NUL)
    inclusion: Inclusion
    plan_name: str = Field("", max_length=200, pattern=NO_NUL)
    amendment_kind: AmendmentKind | None = None
    amendment_number: int | None = Field(None, ge=1, le=99)
    amendment_year: int | None = Field(None, ge=YEAR_MIN, le=YEAR_MAX)
    plan_row: str = Field("", max_length=30, pattern=NO_NUL)
    reason: str = Field("", max_length=300, pattern=NO_NUL)
    funding: list[MoneyIn] = Field([], max_length=10, description="งบประมาณที่ได้รับ: ปี จำนวนเงิน อ้างอิง")


@router.post(
    "/forwardings/{forwarding_id}/answers",
    response={201: AnswerOut},
    url_name="forwarding_answer_create",
    summary="บันทึกคำตอบของผู้รับการส่งต่อ (และงบประมาณที่ได้รับ)",
    description="ตรวจสอบเหมือนหน้าเว็บ: อปท. ที่บรรจุในแผนต้องระบุลักษณะ ครั้งที่ และปีของการแก้ไขแผน "
    "ปีงบประมาณของเงินต้องไม่ก่อนปีของแผน ผลการส่งต่อเลื่อนไปข้างหน้าเท่านั้น",
)
def forwarding_answer_create(request, forwarding_id: int, body: AnswerIn):
    forwarding = selectors.forwarding_for(request.user, forwarding_id)
    answer = services.answer_record(
        user=request.user,
        forwarding=forwarding,
        answered_on=body.answered_on,
        letter_number=body.letter_number,
        inclusion=body.inclusion,
        plan_name=body.plan_name,
        amendment_kind=body.amendment_kind or "",
        amendment_number=body.amendment_number,
        amendment_year=body.amendment_year,
        plan_row=body.plan_row,
        reason=body.reason,
        funding=[(m.fiscal_year, m.amount, m.reference) for m in body.funding],
    )
    return Status(201, selectors.answer_for(request.user, answer.pk))
