"""Tambon plans: plans, their steps, needs and projects; project status and progress are writable."""

from datetime import date
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Field, Header, Query, Router, Schema
from ninja.pagination import paginate

from tambonplan.api.filters import NO_NUL, AreaYearFilter
from tambonplan.api.pagination import Pages, with_page_hook
from tambonplan.api.versioning import (
    IF_MATCH,
    IF_MATCH_DESCRIPTION,
    VERSION_DESCRIPTION,
    VERSIONED_WRITE_OPENAPI,
    required_version,
    versioned_write_responses,
)
from tambonplan.partners import progress
from tambonplan.planning import selectors, services
from tambonplan.planning.models import NeedSource, ProjectStatus, StepStatus, TargetKind
from tambonplan.planning.selectors import plan_is_done

router = Router(tags=["แผนพัฒนาตำบล"])


# ---------------------------------------------------------------- plans and steps


class PlanOut(Schema):
    id: int
    tambon_code: str = Field(alias="tambon_id")
    tambon_name: str = Field(alias="tambon.name_th")
    fiscal_year: int
    population: int | None
    households: int | None
    approved_on: date | None
    approval_note: str
    steps_total: int
    steps_done: int
    is_done: bool = Field(description="ทุกขั้นตอนของแผนเสร็จแล้ว (นิยามเดียวกับหน้าความก้าวหน้า)")
    version: int

    @staticmethod
    def resolve_is_done(obj) -> bool:
        return plan_is_done(obj.steps_total, obj.steps_done)


class StepOut(Schema):
    id: int
    sort_order: int = Field(alias="definition.sort_order")
    name: str = Field(alias="definition.name_th")
    due_date: date | None = Field(alias="definition.due_date")
    status: StepStatus
    status_label: str = Field(alias="get_status_display")
    done_on: date | None
    note: str
    socho_took_part: bool
    socho_member_count: int


class PlanFilter(AreaYearFilter):
    pass


@router.get("/plans", response=list[PlanOut], url_name="plans", summary="แผนพัฒนาตำบล")
@paginate(Pages)
def plans(request, filters: Query[PlanFilter]):
    return selectors.plans_list(request.user, area=filters.area, fiscal_year=filters.fiscal_year)


@router.get("/plans/{plan_id}", response=PlanOut, url_name="plan", summary="แผนพัฒนาตำบลหนึ่งแผน")
def plan(request, plan_id: int):
    return get_object_or_404(selectors.plans_list(request.user), pk=plan_id)


@router.get("/plans/{plan_id}/steps", response=list[StepOut], url_name="plan_steps", summary="ขั้นตอนของแผน")
def plan_steps(request, plan_id: int):
    return selectors.plan_steps_list(request.user, plan=selectors.plan_for(request.user, plan_id))


# ---------------------------------------------------------------- needs


class NeedOut(Schema):
    id: int
    plan_id: int
    fiscal_year: int = Field(alias="plan.fiscal_year")
    tambon_code: str = Field(alias="plan.tambon_id")
    village_code: str | None = Field(description="ว่าง: ความต้องการของทั้งตำบล")
    category: str = Field(alias="category.name_th")
    description: str
    source: NeedSource
    source_label: str = Field(alias="get_source_display")
    severity: int
    votes: int

    @staticmethod
    def resolve_village_code(obj) -> str | None:
        return obj.village.code if obj.village else None


class NeedFilter(AreaYearFilter):
    plan: int | None = Field(None, ge=1, description="รหัสแผน")
    category: int | None = Field(None, ge=1, description="รหัสด้านของปัญหา/ความต้องการ")


@router.get("/needs", response=list[NeedOut], url_name="needs", summary="ปัญหา/ความต้องการ")
@paginate(Pages)
def needs(request, filters: Query[NeedFilter]):
    return selectors.needs_list(
        request.user,
        area=filters.area,
        fiscal_year=filters.fiscal_year,
        plan_id=filters.plan,
        category_id=filters.category,
    )


@router.get("/needs/{need_id}", response=NeedOut, url_name="need", summary="ปัญหา/ความต้องการหนึ่งรายการ")
def need(request, need_id: int):
    return selectors.need_for(request.user, need_id)


# ---------------------------------------------------------------- projects


class BudgetOut(Schema):
    fiscal_year: int
    amount: Decimal


class ProjectOut(Schema):
    id: int
    plan_id: int
    fiscal_year: int = Field(alias="plan.fiscal_year")
    tambon_code: str = Field(alias="plan.tambon_id")
    name: str
    development_issue: str
    objective: str
    target_output: str
    kpi: str
    expected_result: str
    lead_agency: str
    budget_source: str
    priority: int | None
    project_class: str = Field(alias="project_class.code")
    project_class_label: str = Field(alias="project_class.name_th")
    target_kind: TargetKind | None
    target_name: str
    status: ProjectStatus
    status_label: str = Field(alias="get_status_display")
    budgets: list[BudgetOut]
    village_codes: list[str]
    need_ids: list[int]
    progress_percent: int = Field(description="ร้อยละความก้าวหน้า (จากขั้นตอนการดำเนินงาน หรือที่กำหนดเอง)")
    progress_overridden: bool
    version: int = Field(description="ส่งค่านี้กลับมาเมื่อแก้ไข เพื่อไม่ให้ทับการแก้ไขของผู้อื่น")

    @staticmethod
    def resolve_target_kind(obj):
        return obj.target_kind or None

    @staticmethod
    def resolve_budgets(obj):
        return obj.budget_list

    @staticmethod
    def resolve_village_codes(obj):
        return [village.code for village in obj.village_list]

    @staticmethod
    def resolve_need_ids(obj):
        return [need.pk for need in obj.need_list]

    @staticmethod
    def resolve_progress_percent(obj):
        return obj.progress.value

    @staticmethod
    def resolve_progress_overridden(obj):
        return obj.progress.overridden


def _with_progress(projects) -> None:
    percents = progress.percents_for([project.pk for project in projects])
    for project in projects:
        project.progress = percents[project.pk]


class ProjectFilter(AreaYearFilter):
    status: ProjectStatus | None = None
    project_class: str | None = Field(
        None, max_length=20, pattern=r"^[a-z_-]*$", description="รหัสประเภทโครงการ"
    )
    plan: int | None = Field(None, ge=1, description="รหัสแผน")


@router.get("/projects", response=list[ProjectOut], url_name="projects", summary="โครงการ")
@paginate(Pages)
def projects(request, filters: Query[ProjectFilter]):
    found = selectors.projects_list(
        request.user,
        area=filters.area,
        fiscal_year=filters.fiscal_year,
        status=filters.status,
        project_class=filters.project_class,
        plan_id=filters.plan,
    )
    return with_page_hook(found, _with_progress)


def _project_out(user, project_id: int):
    project = get_object_or_404(selectors.projects_list(user), pk=project_id)
    _with_progress([project])
    return project


@router.get("/projects/{project_id}", response=ProjectOut, url_name="project", summary="โครงการหนึ่งโครงการ")
def project(request, project_id: int):
    return _project_out(request.user, project_id)


class ProjectStatusIn(Schema):
    status: ProjectStatus
    # Optional in the schema only because If-Match may carry it instead; one of the two is required.
    version: int | None = Field(None, ge=1, description=VERSION_DESCRIPTION)


@router.patch(
    "/projects/{project_id}",
    response=versioned_write_responses(ProjectOut),
    url_name="project",
    summary="เปลี่ยนสถานะโครงการ",
    description="ต้องส่ง version ที่อ่านได้ล่าสุด (ในข้อมูล หรือส่วนหัว If-Match): ไม่ส่งตอบ 422 "
    "ถ้ามีผู้อื่นแก้ไขโครงการหลังจากนั้นตอบ 409 และไม่บันทึก",
    openapi_extra=VERSIONED_WRITE_OPENAPI,
)
def project_update(
    request,
    project_id: int,
    body: ProjectStatusIn,
    if_match: str | None = Header(None, alias=IF_MATCH, description=IF_MATCH_DESCRIPTION, max_length=40),
):
    version = required_version(body.version, if_match)
    project = selectors.project_for(request.user, project_id)
    services.project_set_status(user=request.user, project=project, status=body.status, version=version)
    return _project_out(request.user, project_id)


# ---------------------------------------------------------------- progress


class MilestoneOut(Schema):
    id: int
    name: str
    weight: int
    due_on: date | None
    done_on: date | None


class ProgressOut(Schema):
    project_id: int
    percent: int
    overridden: bool
    override_reason: str
    computed_percent: int = Field(description="ร้อยละที่คำนวณจากขั้นตอนการดำเนินงาน")
    milestones: list[MilestoneOut]


def _progress_out(user, project) -> dict:
    page = progress.progress_page(user, project)
    return {
        "project_id": project.pk,
        "percent": page.percent.value,
        "overridden": page.percent.overridden,
        "override_reason": page.percent.reason,
        "computed_percent": page.computed,
        "milestones": page.milestones,
    }


@router.get(
    "/projects/{project_id}/progress",
    response=ProgressOut,
    url_name="project_progress",
    summary="ความก้าวหน้าโครงการ",
)
def project_progress(request, project_id: int):
    return _progress_out(request.user, progress.project_for(request.user, project_id))


class ProgressOverrideIn(Schema):
    percent: int = Field(ge=0, le=100)
    reason: str = Field(min_length=1, max_length=300, pattern=NO_NUL)


@router.put(
    "/projects/{project_id}/progress",
    response=ProgressOut,
    url_name="project_progress",
    summary="กำหนดร้อยละความก้าวหน้าเอง (พร้อมเหตุผล)",
)
def project_progress_set(request, project_id: int, body: ProgressOverrideIn):
    project = progress.project_for(request.user, project_id)
    progress.progress_override_set(
        user=request.user, project=project, percent=body.percent, reason=body.reason
    )
    return _progress_out(request.user, project)


@router.delete(
    "/projects/{project_id}/progress",
    response=ProgressOut,
    url_name="project_progress",
    summary="ยกเลิกร้อยละที่กำหนดเอง (กลับไปคำนวณจากขั้นตอน)",
)
def project_progress_clear(request, project_id: int):
    project = progress.project_for(request.user, project_id)
    progress.progress_override_clear(user=request.user, project=project)
    return _progress_out(request.user, project)


class MilestoneIn(Schema):
    done_on: date | None = Field(description="วันที่แล้วเสร็จ (ค.ศ.) หรือ null ถ้ายังไม่เสร็จ")


@router.patch(
    "/projects/{project_id}/milestones/{milestone_id}",
    response=ProgressOut,
    url_name="project_milestone",
    summary="บันทึกวันที่ขั้นตอนการดำเนินงานแล้วเสร็จ",
)
def project_milestone(request, project_id: int, milestone_id: int, body: MilestoneIn):
    project = progress.project_for(request.user, project_id)
    milestone = progress.milestone_of(project, milestone_id)
    progress.milestone_set_done(user=request.user, milestone=milestone, done_on=body.done_on)
    return _progress_out(request.user, project)
