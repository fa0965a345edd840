"""Every read of plans, filtered by the requesting user's scope; progress pages in constant queries."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tambonplan.accounts.scope import Scope, require_view, scope_of
from tambonplan.areas.models import District, Province, Tambon, Village
from tambonplan.committees.models import Member
from tambonplan.events.selectors import workshop_summary_in, workshops_held_by_province_in
from tambonplan.funding import selectors as funding_selectors
from tambonplan.funding.models import EntryStatus, FundingEntry
from tambonplan.planning.models import (
    CarryOver,
    CarryOverDecision,
    Forwarding,
    Need,
    PlanStep,
    Project,
    ProjectBudget,
    ProjectClass,
    ProjectStatus,
    StepDefinition,
    StepEvidence,
    StepKind,
    StepStatus,
    TambonPlan,
    by_priority,
)
from tambonplan.thai.dates import be_date_short
from tambonplan.thai.money import format_baht

# ---------------------------------------------------------------- facts read from the plan's steps


def _step_done_on(kind: str, plan_path: str = "pk") -> Subquery:
    """The done date of the plan's step of `kind` (None unless that step is done), for an annotation."""
    steps = PlanStep.objects.filter(plan=OuterRef(plan_path), definition__kind=kind, status=StepStatus.DONE)
    return Subquery(steps.values("done_on")[:1])


def with_approved_on(plans: QuerySet) -> QuerySet:
    """Plans with their approval date (`TambonPlan.approved_on`: the done date of the approval step) read in
    the same query."""
    return plans.annotate(approval_done_on=_step_done_on(StepKind.APPROVAL))


def approved_plans() -> Q:
    """A filter of plans whose ก.บ.ต. approved them: their approval step is done."""
    return Q(
        Exists(
            PlanStep.objects.filter(
                plan=OuterRef("pk"), definition__kind=StepKind.APPROVAL, status=StepStatus.DONE
            )
        )
    )


def step_done_on(plan: TambonPlan, kind: str) -> date | None:
    """When the plan's step of `kind` (a `StepKind`) was done, None while it is not (or the province's year
    has no step of that kind): the one place a plan's dated facts come from — `StepKind.SEND_LOCAL` is the day
    the plan was forwarded to the local governments, `StepKind.APPROVAL` the day it was approved."""
    if kind == StepKind.APPROVAL:
        return plan.approved_on
    return steps_done_on([plan.pk], kind).get(plan.pk)


def steps_done_on(plan_ids: Iterable[int], kind: str) -> dict[int, date]:
    """`step_done_on` for many plans in one query: plan id → done date, for the plans whose step is done."""
    steps = PlanStep.objects.filter(
        plan_id__in=list(plan_ids), definition__kind=kind, status=StepStatus.DONE, done_on__isnull=False
    )
    return dict(steps.values_list("plan_id", "done_on"))


def plan_for(user, pk: int) -> TambonPlan:
    return get_object_or_404(
        with_approved_on(TambonPlan.objects.in_scope(user).select_related("tambon__district__province")),
        pk=pk,
    )


def plan_of(user, *, tambon: Tambon, fiscal_year: int) -> TambonPlan | None:
    return TambonPlan.objects.in_scope(user).filter(tambon=tambon, fiscal_year=fiscal_year).first()


def step_definitions(*, province_code: str, fiscal_year: int) -> list[StepDefinition]:
    return list(StepDefinition.objects.filter(province_id=province_code, fiscal_year=fiscal_year))


@dataclass
class ClassCount:
    project_class: ProjectClass
    count: int = 0
    budget: Decimal = Decimal(0)


@dataclass
class PlanPage:
    plan: TambonPlan
    steps: list[PlanStep]
    steps_done: int
    overdue: list[PlanStep]
    needs: list[Need]
    projects: list[Project]
    class_counts: list[ClassCount]
    total_budget: Decimal
    forwarded: int


def plan_page(user, plan: TambonPlan) -> PlanPage:
    today = timezone.localdate()
    steps = list(
        plan.steps.select_related("definition").prefetch_related(
            Prefetch("socho_members", queryset=Member.objects.select_related("position")), "evidence"
        )
    )
    needs = list(plan.needs.select_related("category", "village"))
    projects = list(
        plan.projects.select_related("project_class", "carried_from__plan").prefetch_related(
            "villages",
            "budgets",
            Prefetch("forwardings", queryset=Forwarding.objects.order_by("sent_on", "id")),
        )
    )
    classes = {c.pk: ClassCount(c) for c in ProjectClass.objects.all()}
    total = Decimal(0)
    for project in projects:
        budget = sum((b.amount for b in project.budgets.all()), Decimal(0))
        classes[project.project_class_id].count += 1
        classes[project.project_class_id].budget += budget
        total += budget
    return PlanPage(
        plan=plan,
        steps=steps,
        steps_done=sum(1 for step in steps if step.status == StepStatus.DONE),
        overdue=[step for step in steps if step.is_overdue(today)],
        needs=needs,
        projects=projects,
        class_counts=list(classes.values()),
        total_budget=total,
        forwarded=sum(1 for p in projects if p.forwardings.all()),
    )


@dataclass
class TambonProgress:
    tambon: Tambon
    plan: TambonPlan | None
    steps_total: int = 0
    steps_done: int = 0
    overdue: int = 0
    socho_steps: int = 0
    needs: int = 0
    villages_with_needs: int = 0
    projects: int = 0
    forwarded: int = 0
    by_class: dict[str, int] = field(default_factory=dict)
    workshop_held: bool = False
    workshop_date: object = None
    workshop_participants: int = 0
    workshop_socho: int = 0
    workshop_count: int = 0
    class_cells: list[int] = field(default_factory=list)

    @property
    def is_done(self) -> bool:
        """Every step of the plan is done."""
        return plan_is_done(self.steps_total, self.steps_done)

    @property
    def percent_done(self) -> int:
        return round(100 * self.steps_done / self.steps_total) if self.steps_total else 0


def plan_is_done(steps_total: int, steps_done: int) -> bool:
    """A plan is done when it has steps and every one of them is done (the progress pages' "done")."""
    return bool(steps_total) and steps_done == steps_total


def _counted_steps(complete_as_of: date | None) -> Q:
    """The steps that count toward a plan's completeness: every step, or those due by `complete_as_of` (the
    follow-up goes on after a report date, so "every step done" is judged on the steps due by then)."""
    return Q() if complete_as_of is None else Q(definition__due_date__lte=complete_as_of)


def _plan_counts(plans: list[TambonPlan], today, complete_as_of: date | None = None) -> dict[int, dict]:
    """Per plan: steps total/done (those due by `complete_as_of` when given)/overdue/with ศอช., needs and
    their villages, projects by class, projects forwarded, in four queries."""
    ids = [plan.pk for plan in plans]
    counts = {pk: {"by_class": {}} for pk in ids}
    counted = _counted_steps(complete_as_of)
    step_rows = (
        PlanStep.objects.filter(plan_id__in=ids)
        .values("plan_id")
        .annotate(
            total=Count("id", filter=counted),
            done=Count("id", filter=counted & Q(status=StepStatus.DONE)),
            overdue=Count("id", filter=~Q(status=StepStatus.DONE) & Q(definition__due_date__lt=today)),
            socho=Count("id", filter=Q(socho_took_part=True)),
        )
    )
    for row in step_rows:
        counts[row["plan_id"]].update(
            steps_total=row["total"], steps_done=row["done"], overdue=row["overdue"], socho_steps=row["socho"]
        )
    need_rows = (
        Need.objects.filter(plan_id__in=ids)
        .values("plan_id")
        .annotate(n=Count("id"), villages=Count("village", distinct=True))
    )
    for row in need_rows:
        counts[row["plan_id"]].update(needs=row["n"], villages_with_needs=row["villages"])
    forwarded_rows = (
        Forwarding.objects.filter(project__plan_id__in=ids)
        .values("project__plan_id")
        .annotate(n=Count("project", distinct=True))
    )
    for row in forwarded_rows:
        counts[row["project__plan_id"]]["forwarded"] = row["n"]
    project_rows = (
        Project.objects.filter(plan_id__in=ids)
        .values("plan_id", "project_class__code")
        .annotate(n=Count("id"))
    )
    for row in project_rows:
        counts[row["plan_id"]]["by_class"][row["project_class__code"]] = row["n"]
    return counts


def tambon_progress(user, *, district: District, fiscal_year: int) -> list[TambonProgress]:
    """Every tambon of the district in scope with its plan's progress for the year."""
    return tambon_progress_in(scope_of(user), fiscal_year=fiscal_year, district_codes=[district.code])


def tambon_progress_in(
    scope: Scope,
    *,
    fiscal_year: int,
    district_codes: Iterable[str],
    as_of: datetime | None = None,
    complete_as_of: date | None = None,
) -> list[TambonProgress]:
    """``tambon_progress`` for a scope and any number of districts (their tambons in code order), in constant
    queries; steps are overdue and workshops held as of ``as_of`` (default: now). With ``complete_as_of`` (a
    report's date), the steps counted (``steps_total``, ``steps_done``, ``is_done``) are those due by that
    day: a plan is complete as of the report when every step due by then is done."""
    today = timezone.localdate(as_of)
    tambons = list(
        Tambon.objects.within(scope).active().filter(district_id__in=sorted(district_codes)).order_by("code")
    )
    plans = {
        plan.tambon_id: plan
        for plan in TambonPlan.objects.within(scope).filter(tambon__in=tambons, fiscal_year=fiscal_year)
    }
    counts = _plan_counts(list(plans.values()), today, complete_as_of)
    workshops = workshop_summary_in(
        scope, fiscal_year=fiscal_year, tambon_codes=[t.code for t in tambons], as_of=as_of
    )
    codes = _class_codes()
    rows = []
    for tambon in tambons:
        plan = plans.get(tambon.code)
        row = TambonProgress(tambon=tambon, plan=plan)
        if plan is not None:
            c = counts[plan.pk]
            row.steps_total, row.steps_done = c.get("steps_total", 0), c.get("steps_done", 0)
            row.overdue, row.needs = c.get("overdue", 0), c.get("needs", 0)
            row.socho_steps, row.villages_with_needs = (
                c.get("socho_steps", 0),
                c.get("villages_with_needs", 0),
            )
            row.forwarded = c.get("forwarded", 0)
            row.by_class = c["by_class"]
            row.projects = sum(row.by_class.values())
        workshop = workshops.get(tambon.code)
        if workshop is not None:
            row.workshop_held = workshop.held
            row.workshop_date = workshop.latest_date
            row.workshop_participants = workshop.participants
            row.workshop_socho = workshop.socho
            row.workshop_count = workshop.workshops
        row.class_cells = [row.by_class.get(code, 0) for code in codes]
        rows.append(row)
    return rows


SORT_KEYS = {
    "code": lambda row: row.tambon.code,
    "progress": lambda row: (-row.percent_done, row.tambon.code),
    "overdue": lambda row: (-row.overdue, row.tambon.code),
    "projects": lambda row: (-row.projects, row.tambon.code),
}
FILTERS = {
    "": lambda row: True,
    "overdue": lambda row: row.overdue > 0,
    "no_workshop": lambda row: not row.workshop_held,
    "no_plan": lambda row: row.plan is None,
}


def sort_and_filter(rows: list[TambonProgress], *, sort: str, only: str) -> list[TambonProgress]:
    key = SORT_KEYS.get(sort, SORT_KEYS["code"])
    keep = FILTERS.get(only, FILTERS[""])
    return sorted((row for row in rows if keep(row)), key=key)


@dataclass
class AreaProgress:
    """The plans of the tambons of an area (a district, a province) for a year, summed."""

    tambons: int = 0
    plans: int = 0
    plans_done: int = 0  # plans with every step done (TambonProgress.is_done)
    steps_total: int = 0
    steps_done: int = 0
    workshops: int = 0  # tambons that have held a tambon-plan workshop
    projects: int = 0
    by_class: dict[str, int] = field(default_factory=dict)
    class_cells: list[int] = field(default_factory=list)

    @property
    def percent_done(self) -> int:
        return round(100 * self.steps_done / self.steps_total) if self.steps_total else 0


@dataclass
class DistrictProgress(AreaProgress):
    district: District = field(kw_only=True)
    overdue_tambons: int = 0
    workshops_held: int = 0  # tambon-plan workshops held in its tambons
    workshop_participants: int = 0  # their participants (named and counted)
    workshop_socho: int = 0  # of whom ศอช.


def district_progress(user, *, province: Province, fiscal_year: int) -> list[DistrictProgress]:
    """Every district of the province in scope, its tambons' progress rolled up, in constant queries."""
    return district_progress_in(scope_of(user), fiscal_year=fiscal_year, province_code=province.code)


def province_tambon_progress(
    user, *, districts: list[DistrictProgress], fiscal_year: int
) -> list[TambonProgress]:
    """Every tambon of a province's districts (the rows of `district_progress`) with its plan's progress."""
    codes = [row.district.code for row in districts]
    return tambon_progress_in(scope_of(user), fiscal_year=fiscal_year, district_codes=codes)


def district_progress_in(
    scope: Scope, *, fiscal_year: int, province_code: str | None, complete_as_of: date | None = None
) -> list[DistrictProgress]:
    """``district_progress`` for a scope; every district of the community-development provinces when no
    province is given (the public open data of the nation). Constant queries whatever the number of areas.
    ``complete_as_of``: count only the steps due by that day (as ``tambon_progress_in``)."""
    today = timezone.localdate()
    districts_in = District.objects.active().within(scope)
    if province_code is None:
        districts_in = districts_in.filter(province__is_cd_area=True)
    else:
        districts_in = districts_in.filter(province_id=province_code)
    districts = {d.code: DistrictProgress(district=d) for d in districts_in}
    tambons = list(Tambon.objects.active().within(scope).filter(district_id__in=list(districts)))
    for tambon in tambons:
        districts[tambon.district_id].tambons += 1
    plans = list(TambonPlan.objects.within(scope).filter(tambon__in=tambons, fiscal_year=fiscal_year))
    counts = _plan_counts(plans, today, complete_as_of)
    for plan in plans:
        row, c = districts[plan.tambon_id[:4]], counts[plan.pk]
        row.plans += 1
        row.steps_total += c.get("steps_total", 0)
        row.steps_done += c.get("steps_done", 0)
        row.plans_done += plan_is_done(c.get("steps_total", 0), c.get("steps_done", 0))
        row.overdue_tambons += 1 if c.get("overdue", 0) else 0
        for code, n in c["by_class"].items():
            row.by_class[code] = row.by_class.get(code, 0) + n
            row.projects += n
    workshops = workshop_summary_in(scope, fiscal_year=fiscal_year, tambon_codes=[t.code for t in tambons])
    for code, summary in workshops.items():
        if summary.held:
            row = districts[code[:4]]
            row.workshops += 1
            row.workshops_held += summary.workshops
            row.workshop_participants += summary.participants
            row.workshop_socho += summary.socho
    codes = _class_codes()
    for row in districts.values():
        row.class_cells = [row.by_class.get(code, 0) for code in codes]
    return sorted(districts.values(), key=lambda row: row.district.code)


@dataclass
class ProvinceProgress(AreaProgress):
    province: Province = field(kw_only=True)


def national_progress(user, *, fiscal_year: int) -> list[ProvinceProgress]:
    """Every community-development province in scope with its plans' progress for the year, each figure
    counted by the database grouped by province: seven queries whatever the number of areas."""
    return national_progress_in(scope_of(user), fiscal_year=fiscal_year)


def national_progress_in(
    scope: Scope, *, fiscal_year: int, complete_as_of: date | None = None
) -> list[ProvinceProgress]:
    """``national_progress`` for a scope (the nation for the public open data); ``complete_as_of``: count only
    the steps due by that day (as ``tambon_progress_in``)."""
    rows = {
        p.code: ProvinceProgress(province=p)
        for p in Province.objects.active().within(scope).filter(is_cd_area=True).order_by("code")
    }
    province_of = "district__province_id"
    for entry in Tambon.objects.active().within(scope).values(province_of).annotate(n=Count("code")):
        if entry[province_of] in rows:
            rows[entry[province_of]].tambons = entry["n"]
    plans = TambonPlan.objects.within(scope).filter(fiscal_year=fiscal_year, tambon__is_active=True)
    plan_province = "tambon__district__province_id"
    for entry in plans.values(plan_province).annotate(n=Count("id")):
        if entry[plan_province] in rows:
            rows[entry[plan_province]].plans = entry["n"]
    # Steps counted per plan (one row per plan), so that plans with every step done are counted too.
    steps = PlanStep.objects.filter(plan__in=plans).values("plan_id", f"plan__{plan_province}")
    counted = _counted_steps(complete_as_of)
    steps = steps.annotate(
        total=Count("id", filter=counted), done=Count("id", filter=counted & Q(status=StepStatus.DONE))
    )
    for entry in steps:
        row = rows.get(entry[f"plan__{plan_province}"])
        if row is not None:
            row.steps_total += entry["total"]
            row.steps_done += entry["done"]
            row.plans_done += plan_is_done(entry["total"], entry["done"])
    projects = Project.objects.filter(plan__in=plans).values(f"plan__{plan_province}", "project_class__code")
    for entry in projects.annotate(n=Count("id")):
        row = rows.get(entry[f"plan__{plan_province}"])
        if row is not None:
            row.by_class[entry["project_class__code"]] = entry["n"]
            row.projects += entry["n"]
    for code, n in workshops_held_by_province_in(scope, fiscal_year=fiscal_year).items():
        if code in rows:
            rows[code].workshops = n
    codes = _class_codes()
    for row in rows.values():
        row.class_cells = [row.by_class.get(code, 0) for code in codes]
    return list(rows.values())


def project_classes() -> list[ProjectClass]:
    return list(ProjectClass.objects.all())


def _class_codes() -> list[str]:
    return list(ProjectClass.objects.values_list("code", flat=True))


def step_for(user, pk: int) -> PlanStep:
    return get_object_or_404(
        PlanStep.objects.in_scope(user).select_related("definition", "plan__tambon__district__province"),
        pk=pk,
    )


def evidence_for(user, pk: int) -> StepEvidence:
    """404 unless the evidence's tambon is in the user's scope."""
    evidence = get_object_or_404(StepEvidence.objects.select_related("step__plan"), pk=pk)
    require_view(user, evidence)
    return evidence


def need_in_plan(plan: TambonPlan, pk: int) -> Need:
    return get_object_or_404(Need, pk=pk, plan=plan)


def project_in_plan(plan: TambonPlan, pk: int) -> Project:
    return get_object_or_404(Project, pk=pk, plan=plan)


def project_for(user, pk: int) -> Project:
    return get_object_or_404(
        Project.objects.in_scope(user).select_related(
            "plan__tambon__district__province", "project_class", "category"
        ),
        pk=pk,
    )


def forwarding_for(user, pk: int) -> Forwarding:
    forwarding = get_object_or_404(Forwarding.objects.select_related("project__plan"), pk=pk)
    require_view(user, forwarding)
    return forwarding


def step_definition_for(*, province: Province, pk: int, fiscal_year: int | None = None) -> StepDefinition:
    definitions = StepDefinition.objects.filter(province=province)
    if fiscal_year is not None:
        definitions = definitions.filter(fiscal_year=fiscal_year)
    return get_object_or_404(definitions, pk=pk)


# ---------------------------------------------------------------- lists for the API


def plans_list(user, *, area: str | None = None, fiscal_year: int | None = None):
    """Plans in scope with their step counts (``steps_total``, ``steps_done``) and approval date."""
    plans = TambonPlan.objects.in_scope(user).in_area(area).select_related("tambon")
    if fiscal_year is not None:
        plans = plans.filter(fiscal_year=fiscal_year)
    return (
        with_approved_on(plans)
        .annotate(
            steps_total=Count("steps", distinct=True),
            steps_done=Count("steps", filter=Q(steps__status=StepStatus.DONE), distinct=True),
        )
        .order_by("-fiscal_year", "tambon_id")
    )


def plan_steps_list(user, *, plan: TambonPlan):
    return plan.steps.select_related("definition").annotate(socho_member_count=Count("socho_members"))


def needs_list(user, *, area=None, fiscal_year=None, plan_id=None, category_id=None):
    needs = Need.objects.in_scope(user).in_area(area).select_related("plan", "category", "village")
    if fiscal_year is not None:
        needs = needs.filter(plan__fiscal_year=fiscal_year)
    if plan_id is not None:
        needs = needs.filter(plan_id=plan_id)
    if category_id is not None:
        needs = needs.filter(category_id=category_id)
    return needs.order_by("plan_id", "id")


def need_for(user, pk: int) -> Need:
    return get_object_or_404(Need.objects.in_scope(user).select_related("plan", "category", "village"), pk=pk)


def projects_list(user, *, area=None, fiscal_year=None, status=None, project_class=None, plan_id=None):
    """Projects in scope with what the API shows of each (class, plan, and as lists ``budget_list``,
    ``village_list``, ``need_list``)."""
    projects = (
        Project.objects.in_scope(user)
        .in_area(area)
        .select_related("plan", "project_class")
        .prefetch_related(
            # Lists (to_attr), not managers: a page of rows reads them without cloning a queryset per row.
            Prefetch("budgets", to_attr="budget_list"),
            Prefetch("villages", queryset=Village.objects.only("code"), to_attr="village_list"),
            Prefetch("needs", queryset=Need.objects.only("pk"), to_attr="need_list"),
        )
    )
    if fiscal_year is not None:
        projects = projects.filter(plan__fiscal_year=fiscal_year)
    if status:
        projects = projects.filter(status=status)
    if project_class:
        projects = projects.filter(project_class__code=project_class)
    if plan_id is not None:
        projects = projects.filter(plan_id=plan_id)
    return projects.order_by("plan_id", by_priority(), "id")


# ---------------------------------------------------------------- what is left to do (the home page)


def steps_due(user, *, fiscal_year: int, until: date) -> list[PlanStep]:
    """The steps of the year's plans in the user's scope that are not done and due by ``until`` (overdue ones
    included: ``PlanStep.is_overdue``), earliest due first; one query."""
    steps = (
        PlanStep.objects.in_scope(user)
        .filter(plan__fiscal_year=fiscal_year, definition__due_date__lte=until)
        .exclude(status=StepStatus.DONE)
        .select_related("definition", "plan__tambon")
    )
    return list(steps.order_by("definition__due_date", "definition__sort_order", "plan__tambon_id"))


def projects_to_forward(user, *, fiscal_year: int) -> list[Project]:
    """Projects of the year's plans in the user's scope that ask for support (their class needs a target), in
    a plan the ก.บ.ต. has approved, still proposed and never forwarded; by tambon and priority; one query."""
    projects = (
        Project.objects.in_scope(user)
        .filter(
            plan__fiscal_year=fiscal_year,
            plan__in=TambonPlan.objects.filter(approved_plans()),
            project_class__needs_target=True,
            status=ProjectStatus.PROPOSED,
            forwardings__isnull=True,
        )
        .select_related("plan__tambon")
    )
    return list(projects.order_by("plan__tambon_id", by_priority(), "id"))


# ---------------------------------------------------------------- carry-over from the previous year's plan


def previous_plan_of(plan: TambonPlan) -> TambonPlan | None:
    """The tambon's latest plan before this one's year (the previous year's, or the last one made)."""
    earlier = TambonPlan.objects.filter(tambon_id=plan.tambon_id, fiscal_year__lt=plan.fiscal_year)
    return earlier.order_by("-fiscal_year").first()


def _offered_for_carry_over(projects: QuerySet) -> QuerySet:
    """The projects a new plan reviews for carry-over: not done, and either without secured money (no
    `funding.FundingEntry` secured for them) or not finished (neither done nor "not done"); `secured` tells
    which."""
    secured = FundingEntry.objects.filter(project=OuterRef("pk"), status=EntryStatus.SECURED)
    return (
        projects.annotate(secured=Exists(secured))
        .exclude(status=ProjectStatus.DONE)
        .filter(Q(secured=False) | ~Q(status=ProjectStatus.NOT_DONE))
    )


def may_carry_over(plan: TambonPlan, project: Project) -> bool:
    """The project is of the plan's previous plan and offered for carry-over (`_offered_for_carry_over`)."""
    previous = previous_plan_of(plan)
    return (
        previous is not None
        and project.plan_id == previous.pk
        and _offered_for_carry_over(Project.objects.filter(pk=project.pk)).exists()
    )


@dataclass
class CarryOverItem:
    """A project of the previous plan on the carry-over page: waiting for review, or reviewed."""

    project: Project
    budget: Decimal
    secured: bool
    review: CarryOver | None = None
    carried: Project | None = None  # the new plan's project when kept or revised


@dataclass
class CarryOverPage:
    plan: TambonPlan
    previous: TambonPlan | None
    pending: list[CarryOverItem]
    reviewed: list[CarryOverItem]


def carry_over_page(user, plan: TambonPlan) -> CarryOverPage:
    """The previous plan's projects offered for carry-over: those not yet reviewed for this plan, then the
    reviewed ones with their decision and the project they became; constant queries."""
    previous = previous_plan_of(plan)
    if previous is None:
        return CarryOverPage(plan=plan, previous=None, pending=[], reviewed=[])
    reviews = {
        review.previous_id: review
        for review in CarryOver.objects.filter(plan=plan).select_related("decided_by", "previous")
    }
    carried = {p.carried_from_id: p for p in Project.objects.filter(plan=plan, carried_from__isnull=False)}
    offered = (
        _offered_for_carry_over(previous.projects.all())
        .select_related("project_class")
        .prefetch_related("budgets")
        .annotate(total=Sum("budgets__amount"))
        .order_by(by_priority(), "id")
    )
    pending = []
    for project in offered:
        if project.pk not in reviews:
            pending.append(CarryOverItem(project, project.total or Decimal(0), project.secured))
    reviewed = [
        CarryOverItem(review.previous, Decimal(0), False, review=review, carried=carried.get(pk))
        for pk, review in sorted(reviews.items(), key=lambda item: item[1].pk)
    ]
    return CarryOverPage(plan=plan, previous=previous, pending=pending, reviewed=reviewed)


def carry_over_pending_count(plan: TambonPlan) -> tuple[TambonPlan | None, int]:
    """The previous plan and how many of its projects still wait for this plan's carry-over review."""
    previous = previous_plan_of(plan)
    if previous is None:
        return None, 0
    offered = _offered_for_carry_over(previous.projects.all()).exclude(carry_over_reviews__plan=plan)
    return previous, offered.count()


def previous_project_for(plan: TambonPlan, pk: int) -> Project:
    """A project of the plan's previous plan (404 otherwise: the plan is already in the user's scope)."""
    previous = previous_plan_of(plan)
    return get_object_or_404(Project.objects.select_related("plan", "project_class"), pk=pk, plan=previous)


def carried_from_of(user, project: Project) -> Project | None:
    """The earlier year's project this one carries forward, with its plan, when the user may see it."""
    if project.carried_from_id is None:
        return None
    return Project.objects.in_scope(user).select_related("plan").filter(pk=project.carried_from_id).first()


def carry_over_of(project: Project) -> CarryOver | None:
    """How the next plan reviewed this project (kept, revised or dropped), if it did."""
    return (
        CarryOver.objects.filter(previous=project)
        .select_related("plan")
        .order_by("plan__fiscal_year")
        .first()
    )


# ---------------------------------------------------------------- the tambon's last years side by side


@dataclass
class YearFigures:
    plan: TambonPlan
    projects: int = 0
    carried_over: int = 0  # projects carried (kept or revised) from the previous plan
    dropped: int = 0  # projects of the previous plan dropped at this plan's review
    budget_need: Decimal = Decimal(0)  # the budget estimates of its projects, every year

    @property
    def fiscal_year(self) -> int:
        return self.plan.fiscal_year

    @property
    def approved_on(self):
        return self.plan.approved_on


def year_over_year(user, *, tambon: Tambon, fiscal_year: int, years: int = 3) -> list[YearFigures]:
    """The tambon's last `years` plans up to `fiscal_year`, oldest first: projects, carried over, dropped,
    approved on, budget need; four queries whatever the number of projects."""
    plans = list(
        with_approved_on(
            TambonPlan.objects.in_scope(user).filter(tambon=tambon, fiscal_year__lte=fiscal_year)
        ).order_by("-fiscal_year")[:years]
    )
    rows = {plan.pk: YearFigures(plan=plan) for plan in reversed(plans)}
    for entry in (
        Project.objects.filter(plan_id__in=list(rows))
        .values("plan_id")
        .annotate(n=Count("id"), carried=Count("id", filter=Q(carried_from__isnull=False)))
    ):
        rows[entry["plan_id"]].projects, rows[entry["plan_id"]].carried_over = entry["n"], entry["carried"]
    for entry in (
        CarryOver.objects.filter(plan_id__in=list(rows), decision=CarryOverDecision.DROP)
        .values("plan_id")
        .annotate(n=Count("id"))
    ):
        rows[entry["plan_id"]].dropped = entry["n"]
    for entry in (
        ProjectBudget.objects.filter(project__plan_id__in=list(rows))
        .values("project__plan_id")
        .annotate(total=Sum("amount"))
    ):
        rows[entry["project__plan_id"]].budget_need = entry["total"] or Decimal(0)
    return list(rows.values())


def forwardings_with_answers(user, project: Project) -> list[Forwarding]:
    """The project's forwardings, each with the answers recorded for it (`answer_list`): two queries."""
    answers = funding_selectors.answers_of_project(user, project)
    forwardings = list(project.forwardings.select_related("local_government"))
    for forwarding in forwardings:
        forwarding.answer_list = [a for a in answers if a.forwarding_id == forwarding.pk]
    return forwardings


@dataclass
class ChainStage:
    """One stage of a project's way from the village to the money: what it is, whether it has happened,
    and the facts that say so (each a text and, where there is a page, its link)."""

    label: str
    reached: bool
    facts: list[tuple[str, str]]


def project_chain(project: Project, forwardings) -> list[ChainStage]:
    """The project's chain: village plans → tambon plan → ก.บ.ต. approval → forwarded → taken into the
    recipient's plan → money in a fiscal year (the ledger). `forwardings` carry their `answer_list`.
    Two queries (needs with their village-plan items, the ledger)."""
    needs = project.needs.select_related(
        "village_item__plan__village", "village_item__plan__forum", "village"
    )
    village_facts = []
    for need in needs:
        item = getattr(need, "village_item", None)
        if item is None:
            continue
        village_plan = item.plan
        text = _("%(place)s: %(item)s") % {"place": village_plan, "item": item.description}
        if village_plan.approved_on:
            text += " " + _("(คณะกรรมการหมู่บ้านเห็นชอบ %(date)s)") % {
                "date": be_date_short(village_plan.approved_on)
            }
        village_facts.append((text, reverse("villageplans:plan", args=[village_plan.pk])))
    plan = project.plan
    approved = plan.approved_on
    sent = [
        (
            _("%(date)s ส่งถึง %(target)s") % {"date": be_date_short(f.sent_on), "target": f.target_name},
            reverse("localgov:detail", args=[f.local_government_id]) if f.local_government_id else "",
        )
        for f in forwardings
    ]
    included = [
        (_("%(target)s: %(plan)s") % {"target": f.target_name, "plan": a.plan_text}, "")
        for f in forwardings
        for a in f.answer_list
        if a.inclusion == "included"
    ]
    money = [
        (
            _("ปีงบประมาณ %(year)s: %(amount)s บาท จาก%(source)s%(reference)s")
            % {
                "year": e.fiscal_year,
                "amount": format_baht(e.amount),
                "source": e.source_name,
                "reference": f" ({e.reference})" if e.reference else "",
            },
            "",
        )
        for e in project.funding_entries.filter(status=EntryStatus.SECURED).order_by("fiscal_year", "pk")
    ]
    return [
        ChainStage(_("แผนพัฒนาหมู่บ้าน"), bool(village_facts), village_facts),
        ChainStage(_("แผนพัฒนาตำบล"), True, [(str(plan), reverse("planning:plan", args=[plan.pk]))]),
        ChainStage(
            _("ก.บ.ต. ให้ความเห็นชอบ"),
            approved is not None,
            [(be_date_short(approved), "")] if approved else [],
        ),
        ChainStage(_("ส่งต่อ"), bool(sent), sent),
        ChainStage(_("บรรจุในแผนของผู้รับ"), bool(included), included),
        ChainStage(_("ได้รับงบประมาณ"), bool(money), money),
    ]
