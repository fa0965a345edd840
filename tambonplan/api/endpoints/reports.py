"""District reports to a circular: read (content, versions), and the draft written by the district."""

from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from tambonplan.accounts.scope import may_see_contacts
from tambonplan.api.filters import NO_NUL, AreaYearFilter
from tambonplan.api.pagination import Pages
from tambonplan.directives.access import district_code_of
from tambonplan.directives.selectors import circular_for
from tambonplan.reports import selectors, services
from tambonplan.reports.content import from_json
from tambonplan.reports.models import AddressedTo, ItemCategory, ItemKind, ReportState, ResultStatus

router = Router(tags=["รายงานผลของอำเภอ"])


# ---------------------------------------------------------------- what a report says


class FigureOut(Schema):
    key: str
    label: str
    unit: str
    value: Decimal
    computed: Decimal = Field(description="ค่าที่ระบบคำนวณจากข้อมูลที่บันทึก")
    override: Decimal | None = Field(description="ค่าที่อำเภอแก้ (ต้องมีเหตุผล) หรือ null")
    reason: str


class SectionOut(Schema):
    instruction_id: int | None
    number: int
    text: str
    topic: str
    status: ResultStatus
    narrative: str
    figures: list[FigureOut]


class TambonLineOut(Schema):
    code: str
    name: str
    workshop_date: date | None
    participants: int
    socho: int
    villages_reviewed: int | None = Field(
        description="หมู่บ้าน/ชุมชนที่คณะกรรมการหมู่บ้านให้ความเห็นชอบแผนของปีแล้ว (null ในฉบับที่ส่งก่อนมีตัวเลขนี้)"
    )
    villages: int = Field(description="หมู่บ้านและชุมชนที่ยังมีอยู่ของตำบล (ฉบับก่อนหน้า: หมู่บ้านเท่านั้น)")
    villages_with_needs: int | None = Field(
        description="เฉพาะฉบับที่ส่งก่อนมีตัวเลขหมู่บ้านที่ทบทวนแผน: หมู่บ้านที่มีปัญหา/ความต้องการในแผน; null ในฉบับใหม่"
    )
    approval: str = Field(
        description="ก.บ.ต. ให้ความเห็นชอบแผน: on_time (ภายในกำหนดของขั้นตอน), late, not_approved, no_plan "
        "(ยังไม่เปิดแผน); ว่างในฉบับที่ส่งก่อนมีตัวเลขนี้"
    )
    approved_on: date | None = Field(description="วันที่ขั้นตอน ก.บ.ต. ให้ความเห็นชอบเสร็จ")
    projects: int
    projects_by_class: list[int] = Field(alias="class_cells")
    forwarded: int
    funded_projects: int
    funded_amount: Decimal
    kbt: str = Field(description="สถานะคำสั่ง ก.บ.ต.")
    socho_t: str = Field(description="สถานะคำสั่ง ศอช.ต.")


class StepOut(Schema):
    name: str
    due_date: date | None
    done: int = Field(description="แผนของอำเภอที่ดำเนินการขั้นตอนนี้แล้ว")
    total: int = Field(description="แผนของอำเภอที่มีขั้นตอนนี้")
    is_due: bool = Field(
        description="ถึงกำหนดแล้ว ณ วันครบกำหนดรายงาน (false: ยังไม่ถึงกำหนด ไม่นับในตัวเลขครบทุกขั้นตอน)"
    )


class ItemOut(Schema):
    id: int | None = Field(alias="pk", description="null ในฉบับที่ส่งแล้ว")
    kind: ItemKind
    category: str
    text: str
    addressed_to: str


class ReporterOut(Schema):
    name: str
    position: str
    phone: str | None = Field(description="เฉพาะผู้ที่เห็นเบอร์โทรศัพท์ได้ (เจ้าหน้าที่ที่แก้ไขข้อมูลได้)")
    report_date: date | None


class ContentOut(Schema):
    schema_version: int = Field(description="1: ฉบับที่ส่งก่อนมีตัวเลขตามความหมายใหม่ (issue 17); 2: ปัจจุบัน")
    sections: list[SectionOut]
    class_headers: list[str]
    tambons: list[TambonLineOut]
    steps: list[StepOut] = Field(description="ขั้นตอนของแผนตามปฏิทินของจังหวัด (ว่างในฉบับเก่า)")
    problems: list[ItemOut]
    suggestions: list[ItemOut]
    reporter: ReporterOut


class VersionOut(Schema):
    number: int
    submitted_at: datetime
    on_time: bool


class ReportOut(Schema):
    id: int
    circular_id: int
    district_code: str = Field(alias="district_id")
    district_name: str = Field(alias="district.name_th")
    fiscal_year: int = Field(alias="circular.fiscal_year")
    state: ReportState
    state_label: str = Field(alias="get_state_display")
    revision: int = Field(description="ส่งค่านี้กลับมาเมื่อบันทึกร่าง เพื่อไม่ให้ทับการแก้ไขของผู้อื่น")
    updated_at: datetime


class ReportDetailOut(ReportOut):
    review_comment: str
    versions: list[VersionOut] = Field(alias="api_versions")
    content: ContentOut = Field(alias="api_content", description="ร่างล่าสุด หรือฉบับที่ส่งล่าสุดเมื่อแก้ไขไม่ได้")


def _content(user, content) -> dict:
    reporter = content.reporter
    return {
        "schema_version": content.schema,
        "sections": content.sections,
        "class_headers": content.class_headers,
        "tambons": content.tambons,
        "steps": content.steps,
        "problems": content.problems,
        "suggestions": content.suggestions,
        "reporter": {
            "name": reporter.name,
            "position": reporter.position,
            "phone": reporter.phone if may_see_contacts(user) else None,
            "report_date": reporter.date,
        },
    }


def _detail(user, report):
    """The report as read again after a write, with its versions and what it says now."""
    report = selectors.report_for(user, report.pk)
    report.api_versions = selectors.versions_of(report)
    report.api_content = _content(user, selectors.content_of(user, report))
    return report


# ---------------------------------------------------------------- reads


class ReportFilter(AreaYearFilter):
    circular: int | None = Field(None, ge=1, description="รหัสหนังสือสั่งการ")
    state: ReportState | None = None


@router.get("/reports", response=list[ReportOut], url_name="reports", summary="รายงานผลของอำเภอ")
@paginate(Pages)
def reports(request, filters: Query[ReportFilter]):
    return selectors.reports_list(
        request.user,
        circular_id=filters.circular,
        state=filters.state,
        area=filters.area,
        fiscal_year=filters.fiscal_year,
    )


@router.get("/reports/{report_id}", response=ReportDetailOut, url_name="report", summary="รายงานหนึ่งฉบับ")
def report(request, report_id: int):
    return _detail(request.user, selectors.report_for(request.user, report_id))


@router.get(
    "/reports/{report_id}/versions/{number}",
    response=ContentOut,
    url_name="report_version",
    summary="รายงานฉบับที่ส่งแล้ว (ตามครั้งที่ส่ง)",
)
def report_version(request, report_id: int, number: int):
    found = selectors.report_for(request.user, report_id)
    version = selectors.version_of(found, number)
    return _content(request.user, from_json(version.content))


# ---------------------------------------------------------------- the draft


@router.post(
    "/circulars/{circular_id}/report",
    response={200: ReportDetailOut, 201: ReportDetailOut},
    url_name="report_start",
    summary="เริ่มร่างรายงานของอำเภอตามหนังสือสั่งการ (ครั้งแรกสร้างร่าง)",
)
def report_start(request, circular_id: int):
    circular = circular_for(request.user, circular_id)
    existing = selectors.report_of(circular, district_code_of(request.user) or "")
    started = services.start_report(
        user=request.user, circular=circular, district_code=district_code_of(request.user) or ""
    )
    return Status(200 if existing else 201, _detail(request.user, started))


class ResultIn(Schema):
    instruction_id: int = Field(ge=1)
    status: ResultStatus
    narrative: str = Field("", max_length=5000, pattern=NO_NUL)


class FigureIn(Schema):
    key: str = Field(max_length=50, pattern=r"^[a-z_0-9]*$")
    value: Decimal | None = Field(None, ge=0, le=Decimal("1e12"), description="null: กลับไปใช้ค่าที่ระบบคำนวณ")
    reason: str = Field("", max_length=1000, pattern=NO_NUL)


class ReporterIn(Schema):
    name: str | None = Field(None, max_length=150, pattern=NO_NUL)
    position: str | None = Field(None, max_length=200, pattern=NO_NUL)
    phone: str | None = Field(None, max_length=30, pattern=NO_NUL)
    report_date: date | None = None


class DraftIn(Schema):
    revision: int = Field(ge=0, description="revision ที่อ่านได้ล่าสุด: ถ้ามีผู้อื่นบันทึกแล้ว ระบบตอบ 409")
    results: list[ResultIn] = Field(default_factory=list, max_length=100)
    figures: list[FigureIn] = Field(default_factory=list, max_length=100)
    reporter: ReporterIn | None = None


@router.patch(
    "/reports/{report_id}",
    response=ReportDetailOut,
    url_name="report",
    summary="บันทึกร่างรายงาน (ผลตามข้อสั่งการ ตัวเลขที่แก้พร้อมเหตุผล ผู้รายงาน)",
)
def report_update(request, report_id: int, body: DraftIn):
    found = selectors.report_for(request.user, report_id)
    reporter = {}
    if body.reporter is not None:
        given = body.reporter.dict(exclude_unset=True)
        reporter = {key if key == "report_date" else f"reporter_{key}": value for key, value in given.items()}
    saved = services.save_draft(
        user=request.user,
        report=found,
        revision=body.revision,
        results={r.instruction_id: (r.status, r.narrative) for r in body.results},
        figures={f.key: services.FigureEntry(f.value, f.reason) for f in body.figures},
        reporter=reporter,
    )
    return _detail(request.user, saved)


class ItemIn(Schema):
    kind: ItemKind
    category: ItemCategory
    text: str = Field(min_length=1, max_length=2000, pattern=NO_NUL)
    addressed_to: AddressedTo | None = Field(None, description="ต้องระบุสำหรับข้อเสนอแนะ")


class ItemCreatedOut(Schema):
    id: int
    kind: ItemKind
    category: str
    text: str
    addressed_to: str


@router.post(
    "/reports/{report_id}/items",
    response={201: ItemCreatedOut},
    url_name="report_items",
    summary="เพิ่มปัญหา/อุปสรรค หรือข้อเสนอแนะ",
)
def report_items(request, report_id: int, body: ItemIn):
    found = selectors.report_for(request.user, report_id)
    item = services.add_item(
        user=request.user,
        report=found,
        kind=body.kind,
        category=body.category,
        text=body.text,
        addressed_to=body.addressed_to or "",
    )
    return Status(201, item)


@router.delete(
    "/reports/{report_id}/items/{item_id}",
    response={204: None},
    url_name="report_item",
    summary="ลบปัญหา/ข้อเสนอแนะ",
)
def report_item(request, report_id: int, item_id: int):
    found = selectors.report_for(request.user, report_id)
    services.delete_item(user=request.user, report=found, item_pk=item_id)
    return Status(204, None)
