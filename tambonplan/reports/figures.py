"""The plan figures that say what they mean, per tambon: one computation for the district report
(`content.district_figures`) and the public open data (`opendata.selectors`).

- Approval: a plan is approved when its approval step (`StepDefinition.kind == "approval"`) is done; on time
  when it was done by that step's due date (a step without a due date has no deadline to miss); late
  otherwise (also when the done date was not recorded, as nothing shows it was on time).
- Villages reviewed: the village (or community) plans of the year the village committee approved
  (`villageplans.selectors.reviewed_counts_in`), of the tambon's villages and active communities.
- Support projects: projects of class "support" of the year's plans, forwarded to a local government (or to an
  agency, the district or the province) whose answer says "included" in the recipient's plan; funded when that
  answer brought secured money (`funding.FundingEntry` rows of the answer), each entry counted once, whatever
  fiscal year it is for.
- The step calendar (`step_calendar_in`): each step of the province's year with how many plans have done it,
  and whether it is due by the report's due date; steps due later are "not yet due", never "missing".

Every function is scoped by the caller's `Scope` and runs in a constant number of queries.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, DecimalField, Exists, OuterRef, Q, Subquery, Sum

from tambonplan.accounts.scope import Scope
from tambonplan.funding.models import EntryStatus, ForwardingAnswer, FundingEntry, Inclusion
from tambonplan.planning.models import PlanStep, Project, StepKind, StepStatus, TambonPlan, TargetKind
from tambonplan.villageplans.selectors import reviewed_counts_in

SUPPORT_CLASS = "support"
# The recipients of a support project, as the report's two rows group them.
LOCAL_GOVERNMENT = "local_government"
PUBLIC_BODIES = "public"  # agencies, the district plan and the provincial plan
RECIPIENT_GROUPS = {
    TargetKind.LOCAL_GOVERNMENT: LOCAL_GOVERNMENT,
    TargetKind.AGENCY: PUBLIC_BODIES,
    TargetKind.DISTRICT: PUBLIC_BODIES,
    TargetKind.PROVINCE: PUBLIC_BODIES,
}

# A tambon's plan of the year, as far as its approval goes.
ON_TIME, LATE, NOT_APPROVED, NO_PLAN = "on_time", "late", "not_approved", "no_plan"


@dataclass
class Support:
    """Support projects included in a recipient group's plans, those of them funded, and the money."""

    included: int = 0
    funded: int = 0
    amount: Decimal = Decimal(0)

    def add(self, other: "Support") -> None:
        self.included += other.included
        self.funded += other.funded
        self.amount += other.amount


@dataclass
class PlanFigures:
    """The figures of one tambon, or summed over an area (`add`)."""

    plans: int = 0  # plan records opened for the year
    approved_on_time: int = 0
    approved_late: int = 0
    villages_reviewed: int = 0
    villages: int = 0  # villages and active communities
    local_government: Support = field(default_factory=Support)
    public_bodies: Support = field(default_factory=Support)
    approval: str = NO_PLAN  # a tambon's: ON_TIME, LATE, NOT_APPROVED, NO_PLAN
    approved_on: date | None = None  # a tambon's

    @property
    def approved(self) -> int:
        return self.approved_on_time + self.approved_late

    def add(self, other: "PlanFigures") -> None:
        self.plans += other.plans
        self.approved_on_time += other.approved_on_time
        self.approved_late += other.approved_late
        self.villages_reviewed += other.villages_reviewed
        self.villages += other.villages
        self.local_government.add(other.local_government)
        self.public_bodies.add(other.public_bodies)


def is_on_time(done_on: date | None, due: date | None) -> bool:
    """An approval done on `done_on` meets the approval step's due date `due`."""
    if due is None:
        return True
    return done_on is not None and done_on <= due


def plan_figures_in(scope: Scope, *, fiscal_year: int, tambon_codes: Iterable[str]) -> dict[str, PlanFigures]:
    """Tambon code → its `PlanFigures` for the fiscal year, for every code given (the caller chooses the
    tambons; the plans, steps and answers are read within `scope`). Five queries whatever the number of
    tambons: the plans with their approval step, the villages reviewed (three), the support projects."""
    codes = sorted(set(tambon_codes))
    result = {code: PlanFigures() for code in codes}
    if not codes:
        return result

    approval = PlanStep.objects.filter(
        plan=OuterRef("pk"), definition__kind=StepKind.APPROVAL, status=StepStatus.DONE
    )
    plans = (
        TambonPlan.objects.within(scope)
        .filter(tambon_id__in=codes, fiscal_year=fiscal_year)
        .annotate(
            approved=Exists(approval),
            approved_on=Subquery(approval.values("done_on")[:1]),
            approval_due=Subquery(approval.values("definition__due_date")[:1]),
        )
        .values_list("tambon_id", "approved", "approved_on", "approval_due")
    )
    for code, approved, done_on, due in plans:
        row = result[code]
        row.plans, row.approval, row.approved_on = 1, NOT_APPROVED, done_on
        if approved and is_on_time(done_on, due):
            row.approved_on_time, row.approval = 1, ON_TIME
        elif approved:
            row.approved_late, row.approval = 1, LATE

    for code, (reviewed, villages) in reviewed_counts_in(codes, fiscal_year).items():
        result[code].villages_reviewed, result[code].villages = reviewed, villages

    groups = {
        group: [kind for kind, of in RECIPIENT_GROUPS.items() if of == group]
        for group in (LOCAL_GOVERNMENT, PUBLIC_BODIES)
    }
    annotations = {}
    for group, kinds in groups.items():
        included = ForwardingAnswer.objects.filter(
            forwarding__project=OuterRef("pk"),
            forwarding__target_kind__in=kinds,
            inclusion=Inclusion.INCLUDED,
        )
        # The money of the included answers: each ledger entry once (an entry belongs to one answer).
        entries = FundingEntry.objects.filter(
            project=OuterRef("pk"),
            status=EntryStatus.SECURED,
            answer__inclusion=Inclusion.INCLUDED,
            answer__forwarding__target_kind__in=kinds,
        )
        total = entries.order_by().values("project").annotate(total=Sum("amount")).values("total")
        annotations[f"{group}_included"] = Exists(included)
        annotations[f"{group}_funded"] = Exists(entries)
        annotations[f"{group}_amount"] = Subquery(total, output_field=DecimalField())
    support = (
        Project.objects.within(scope)
        .filter(plan__tambon_id__in=codes, plan__fiscal_year=fiscal_year, project_class__code=SUPPORT_CLASS)
        .annotate(**annotations)
        .filter(Q(**{f"{LOCAL_GOVERNMENT}_included": True}) | Q(**{f"{PUBLIC_BODIES}_included": True}))
        .values("plan__tambon_id", *annotations)
    )
    for project in support:
        row = result[project["plan__tambon_id"]]
        for group, counted in ((LOCAL_GOVERNMENT, row.local_government), (PUBLIC_BODIES, row.public_bodies)):
            if project[f"{group}_included"]:
                counted.included += 1
                counted.funded += bool(project[f"{group}_funded"])
                counted.amount += project[f"{group}_amount"] or Decimal(0)
    return result


def summed_by_area(figures: dict[str, PlanFigures], code_length: int) -> dict[str, PlanFigures]:
    """The tambons' figures summed per area: the first `code_length` digits of the code (4: district)."""
    areas: dict[str, PlanFigures] = {}
    for code, row in figures.items():
        areas.setdefault(code[:code_length], PlanFigures()).add(row)
    return areas


# ---------------------------------------------------------------- the step calendar of a report


@dataclass
class StepLine:
    """One step of the province's year in a district: plans that have done it of the plans that have it, and
    whether it is due by the report's due date (steps due later, or without a due date, are not yet due)."""

    name: str
    due_date: date | None
    done: int
    total: int
    is_due: bool


def is_due_by(due: date | None, report_due: date | None) -> bool:
    """A step counts toward "every step done" in a report due on `report_due` (every step when the report
    has no due date; a step without a due date only then)."""
    if report_due is None:
        return True
    return due is not None and due <= report_due


def step_calendar_in(
    scope: Scope, *, fiscal_year: int, district_codes: Iterable[str], report_due: date | None
) -> dict[str, list[StepLine]]:
    """District code → its steps in the province's order with plans done / plans, for every code given; one
    query."""
    codes = sorted(set(district_codes))
    result: dict[str, list[StepLine]] = {code: [] for code in codes}
    rows = (
        PlanStep.objects.within(scope)
        .filter(
            plan__tambon__district_id__in=codes, plan__fiscal_year=fiscal_year, plan__tambon__is_active=True
        )
        .values(
            "plan__tambon__district_id",
            "definition__sort_order",
            "definition__name_th",
            "definition__due_date",
        )
        .annotate(total=Count("id"), done=Count("id", filter=Q(status=StepStatus.DONE)))
        .order_by("plan__tambon__district_id", "definition__sort_order")
    )
    for row in rows:
        due = row["definition__due_date"]
        result[row["plan__tambon__district_id"]].append(
            StepLine(row["definition__name_th"], due, row["done"], row["total"], is_due_by(due, report_due))
        )
    return result
