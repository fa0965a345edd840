"""Small builders for plan tests: plans with the province's steps, needs, projects with budgets, late steps."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from tambonplan.areas.models import Village
from tambonplan.planning.models import (
    Need,
    NeedCategory,
    PlanStep,
    Project,
    ProjectBudget,
    ProjectClass,
    StepDefinition,
    StepKind,
    StepStatus,
    TambonPlan,
)
from tambonplan.planning.services import step_definitions_ensure
from tambonplan.thai.dates import current_fiscal_year

UBON = "34"
MUEANG = "3401"
HUA_RUEA = "340104"
NONG_KHON = "340105"
NAI_MUEANG = "340101"
PATHUM = "340107"
WARIN = "3415"
WARIN_TAMBON = "341501"
TRAKAN = "3411"  # 23 tambons
DON_MOT_DAENG = "3424"  # 4 tambons
MUEANG_TAMBONS = (
    "340101",
    "340104",
    "340105",
    "340107",
    "340108",
    "340109",
    "340111",
    "340112",
    "340113",
    "340116",
    "340119",
    "340120",
)


def fiscal_year() -> int:
    return current_fiscal_year()


def today() -> date:
    return timezone.localdate()


def make_plan(tambon: str = HUA_RUEA, year: int | None = None) -> TambonPlan:
    """A plan with one step per province step (the defaults created on first use), as plan_open makes it."""
    year = year or fiscal_year()
    plan, _created = TambonPlan.objects.get_or_create(tambon_id=tambon, fiscal_year=year)
    have = set(plan.steps.values_list("definition_id", flat=True))
    definitions = step_definitions_ensure(province_code=tambon[:2], fiscal_year=year)
    PlanStep.objects.bulk_create([PlanStep(plan=plan, definition=d) for d in definitions if d.pk not in have])
    return TambonPlan.objects.select_related("tambon__district__province").get(pk=plan.pk)


def definitions(province: str = UBON, year: int | None = None) -> list[StepDefinition]:
    return list(StepDefinition.objects.filter(province_id=province, fiscal_year=year or fiscal_year()))


def set_due_dates(due: date | None = None, *, province: str = UBON, year: int | None = None) -> None:
    """Every step of the province due on `due` (default: far in the future, so nothing is late)."""
    step_definitions_ensure(province_code=province, fiscal_year=year or fiscal_year())
    StepDefinition.objects.filter(province_id=province, fiscal_year=year or fiscal_year()).update(
        due_date=due or today() + timedelta(days=365)
    )


def first_step_due(due: date, *, province: str = UBON, year: int | None = None) -> StepDefinition:
    definition = definitions(province, year)[0]
    definition.due_date = due
    definition.save()
    return definition


def steps(plan: TambonPlan) -> list[PlanStep]:
    return list(plan.steps.select_related("definition").order_by("definition__sort_order"))


def mark_done(plan: TambonPlan, count: int, on: date | None = None) -> None:
    """The plan's first `count` steps done."""
    for step in steps(plan)[:count]:
        step.status, step.done_on = StepStatus.DONE, on or today()
        step.save()


def step_of(plan: TambonPlan, kind: str) -> PlanStep:
    return plan.steps.select_related("definition").get(definition__kind=kind)


def approve(plan: TambonPlan, on: date | None = None) -> TambonPlan:
    """The ก.บ.ต. approved the plan: its approval step done on `on` (default today)."""
    step = step_of(plan, StepKind.APPROVAL)
    step.status, step.done_on = StepStatus.DONE, on or today()
    step.save()
    plan.forget_approval()
    return plan


def project_class(code: str) -> ProjectClass:
    return ProjectClass.objects.get(code=code)


def add_project(
    plan: TambonPlan,
    name: str = "ก่อสร้างถนนคอนกรีตเสริมเหล็ก",
    class_code: str = "community",
    budgets: dict[int, str] | None = None,
    **fields,
) -> Project:
    if class_code == "support":
        fields.setdefault("target_kind", "local_government")
        fields.setdefault("target_name", "องค์การบริหารส่วนตำบลหัวเรือ")
    project = Project.objects.create(plan=plan, name=name, project_class=project_class(class_code), **fields)
    for year, amount in (budgets or {}).items():
        ProjectBudget.objects.create(project=project, fiscal_year=year, amount=Decimal(amount))
    return project


def add_need(plan: TambonPlan, description: str = "ถนนเข้าหมู่บ้านชำรุด", village=None, **fields) -> Need:
    return Need.objects.create(
        plan=plan, village=village, category=NeedCategory.objects.first(), description=description, **fields
    )


def village(tambon: str = HUA_RUEA, moo: int = 1) -> Village:
    return Village.objects.get_or_create(
        code=Village.code_for(tambon, moo),
        defaults={"tambon_id": tambon, "moo": moo, "name_th": f"บ้านทดสอบ{moo}"},
    )[0]


def be(day: date) -> str:
    """A date as a Thai user types it: dd/mm/yyyy in the Buddhist era."""
    return f"{day.day:02d}/{day.month:02d}/{day.year + 543}"
