"""Budget integration: what a tambon, district or province needs for a fiscal year, what partners have
secured, by source and by need category, the gap, unfunded high-priority projects, who gives what where,
and the progress of carrying the projects out. Also the reads of commitments.

The rule of the money figures, per project: what is secured counts towards the need up to the need
(secured_up_to_need = min(secured, need)); the gap is the need less that (gap = need - secured_up_to_need);
what is secured beyond the need is shown as over the need (over = secured - secured_up_to_need). Every
total sums these per-project figures, so need = secured_up_to_need + gap and secured =
secured_up_to_need + over on every total (an over-funded project never hides another's gap).

One function family, shared by the pages and the XLSX exports, so their numbers never disagree. Every
figure comes from one pass over three scoped queries (projects with their budget and the one category each
counts in, commitments, milestones/overrides) whatever the number of tambons or districts.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import DecimalField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from tambonplan.accounts.scope import Scope, scope_of
from tambonplan.areas.models import District, Province, Tambon
from tambonplan.partners.models import Commitment, CommitmentStatus, Partner, PartnerType
from tambonplan.partners.progress import Percent, Rollup, percents_for
from tambonplan.planning.categories import counted_category
from tambonplan.planning.models import NeedCategory, Project, ProjectBudget, TambonPlan, by_priority
from tambonplan.thai.language import localized

ZERO = Decimal(0)
SECURED = (CommitmentStatus.APPROVED, CommitmentStatus.DELIVERED)
HIGH_PRIORITY = 3
NO_CATEGORY = _("ไม่ระบุด้าน")

# Source groups: the committing partner's type.
SOURCES = (
    ("community", _("ชุมชน"), (PartnerType.COMMUNITY,)),
    ("local_government", _("องค์กรปกครองส่วนท้องถิ่น"), (PartnerType.LOCAL_GOVERNMENT,)),
    (
        "agencies",
        _("หน่วยงานรัฐ สถาบันการศึกษา องค์การระหว่างประเทศ"),
        (PartnerType.GOVERNMENT, PartnerType.ACADEMIC, PartnerType.INTERNATIONAL),
    ),
    (
        "partners",
        _("ภาคเอกชน ประชาสังคม องค์กรศาสนา"),
        (PartnerType.PRIVATE, PartnerType.CIVIL_SOCIETY, PartnerType.RELIGIOUS),
    ),
)
SHORT_LABELS = {
    "community": _("ชุมชน"),
    "local_government": _("อปท."),
    "agencies": _("หน่วยงาน/วิชาการ"),
    "partners": _("เอกชน/ประชาสังคม"),
}
SOURCE_OF_TYPE = {ptype: key for key, _label, types in SOURCES for ptype in types}
SOURCE_KEYS = [key for key, _label, _types in SOURCES]


def commitment_value(amount, estimated_value) -> Decimal:
    """The baht a commitment counts for: its amount, else its in-kind estimate (as Commitment.value)."""
    if amount is not None:
        return amount
    return estimated_value or ZERO


def secured_up_to_need(need: Decimal, secured: Decimal) -> Decimal:
    """What is secured counted towards the need: never more than the need (nor below nothing)."""
    return max(min(secured, need), ZERO)


# ---------------------------------------------------------------- the figures


@dataclass
class Totals:
    projects: int = 0
    need: Decimal = ZERO
    secured: Decimal = ZERO
    pledged: Decimal = ZERO
    gap: Decimal = ZERO
    secured_up_to_need: Decimal = ZERO
    over: Decimal = ZERO
    by_source: dict[str, Decimal] = field(default_factory=lambda: dict.fromkeys(SOURCE_KEYS, ZERO))
    progress: Rollup = field(default_factory=Rollup)

    def add(self, project: "ProjectFunding") -> None:
        self.projects += 1
        self.need += project.need
        self.secured += project.secured
        self.pledged += project.pledged
        self.gap += project.gap
        self.secured_up_to_need += project.secured_up_to_need
        self.over += project.over
        for key, amount in project.by_source.items():
            self.by_source[key] += amount
        self.progress.add(project.percent, project.need)

    @property
    def source_cells(self) -> list[Decimal]:
        return [self.by_source[key] for key in SOURCE_KEYS]

    @property
    def secured_percent(self) -> Decimal | None:
        if not self.need:
            return None
        return (100 * self.secured_up_to_need / self.need).quantize(Decimal("0.1"))


@dataclass
class ProjectFunding:
    pk: int
    name: str
    priority: int | None
    tambon_code: str
    tambon_name: str
    category_id: int | None
    need: Decimal
    secured: Decimal = ZERO
    pledged: Decimal = ZERO
    by_source: dict[str, Decimal] = field(default_factory=lambda: dict.fromkeys(SOURCE_KEYS, ZERO))
    percent: Percent = field(default_factory=lambda: Percent(0))

    @property
    def secured_up_to_need(self) -> Decimal:
        return secured_up_to_need(self.need, self.secured)

    @property
    def gap(self) -> Decimal:
        return self.need - self.secured_up_to_need

    @property
    def over(self) -> Decimal:
        return self.secured - self.secured_up_to_need

    @property
    def source_cells(self) -> list[Decimal]:
        return [self.by_source[key] for key in SOURCE_KEYS]

    @property
    def is_unfunded_priority(self) -> bool:
        return self.priority is not None and self.priority <= HIGH_PRIORITY and self.secured < self.need


@dataclass
class AreaRow:
    code: str
    name: str
    totals: Totals = field(default_factory=Totals)


@dataclass
class CategoryRow:
    name: str
    totals: Totals = field(default_factory=Totals)


@dataclass
class Contribution:
    partner_id: int
    partner_name: str
    partner_type: str
    tambon_code: str
    tambon_name: str
    secured: Decimal = ZERO
    pledged: Decimal = ZERO

    @property
    def partner_type_label(self) -> str:
        return str(PartnerType(self.partner_type).label)


@dataclass
class Integration:
    level: str  # "tambon", "district", "province", "districts" or "nation"
    area: object  # None for the nation, a list of codes for "districts"
    fiscal_year: int
    total: Totals
    rows: list[AreaRow]  # a row per tambon (district page), district (province page) or province (nation)
    projects: list[ProjectFunding]
    categories: list[CategoryRow]
    unfunded: list[ProjectFunding]
    contributions: list[Contribution]

    @property
    def source_headers(self) -> list[tuple[str, str]]:
        """(short label, full label) of each source, for narrow table headers."""
        return [(str(SHORT_LABELS[key]), str(label)) for key, label, _types in SOURCES]

    @property
    def sources(self) -> list[tuple[str, str, Decimal]]:
        return [(key, str(label), self.total.by_source[key]) for key, label, _types in SOURCES]


def _projects(scope: Scope, area_q: Q, fiscal_year: int) -> list[ProjectFunding]:
    """The area's projects that count for the year: those of its plan for the year, or with a budget or a
    live commitment for the year; with the year's budget and the one category each counts in
    (`planning.categories.counted_category`). Two queries."""
    budget = ProjectBudget.objects.filter(project=OuterRef("pk"), fiscal_year=fiscal_year).values("amount")[
        :1
    ]
    # The area's plans as a list of ids, so PostgreSQL reaches the area's projects by index instead of
    # scanning every project of the country to test the conditions below.
    # (The nation has no area filter: every project is in it.)
    projects = Project.objects.within(scope)
    if area_q:
        plan_ids = list(TambonPlan.objects.filter(**_plan_area(area_q)).values_list("pk", flat=True))
        projects = projects.filter(plan_id__in=plan_ids)
    in_area = _project_area(area_q)
    budgeted = ProjectBudget.objects.filter(fiscal_year=fiscal_year, **in_area)
    live = Commitment.objects.filter(fiscal_year=fiscal_year, **in_area).exclude(
        status=CommitmentStatus.CANCELLED
    )
    rows = (
        projects.filter(
            Q(plan__fiscal_year=fiscal_year)
            | Q(pk__in=budgeted.values("project_id"))
            | Q(pk__in=live.values("project_id"))
        )
        .annotate(
            need=Coalesce(
                Subquery(budget), Value(ZERO), output_field=DecimalField(max_digits=14, decimal_places=2)
            ),
            counted=counted_category(),
        )
        .order_by("plan__tambon_id", by_priority(), "id")
        .values_list(
            "pk",
            "name",
            "priority",
            "plan__tambon_id",
            "plan__tambon__name_th",
            "plan__tambon__name_en",
            "counted",
            "need",
        )
    )
    return [
        ProjectFunding(
            pk=pk,
            name=name,
            priority=priority,
            tambon_code=tambon,
            tambon_name=localized(tambon_name, tambon_name_en),
            category_id=category,
            need=Decimal(need),
        )
        for pk, name, priority, tambon, tambon_name, tambon_name_en, category, need in rows
    ]


def _commitment_rows(scope: Scope, area_q: Q, fiscal_year: int):
    return (
        Commitment.objects.within(scope)
        .filter(fiscal_year=fiscal_year, status__in=[*SECURED, CommitmentStatus.PLEDGED])
        .filter(**_project_area(area_q))
        .values_list(
            "project_id",
            "partner_id",
            "partner__name",
            "partner__partner_type",
            "status",
            "amount",
            "estimated_value",
        )
    )


def _project_area(area_q: Q) -> dict:
    # The area filter written for projects, re-rooted at a budget's or commitment's project (nation: none).
    return {f"project__{lookup}": code for lookup, code in area_q.children}


def _plan_area(area_q: Q) -> dict:
    # The area filter written for projects, re-rooted at the plan.
    ((lookup, code),) = area_q.children
    return {lookup.removeprefix("plan__"): code}


AREA_LOOKUPS = {
    "tambon": "plan__tambon_id",
    "district": "plan__tambon__district_id",
    "province": "plan__tambon__district__province_id",
    "nation": None,
}
# The length of the code of a row's area: tambons on a district's page, districts on a province's, provinces
# for the nation.
ROW_CODE_LENGTH = {"district": 6, "province": 4, "districts": 4, "nation": 2}


def integration(user, *, level: str, area, fiscal_year: int) -> Integration:
    """The figures of a tambon, district or province for the year (areas out of scope give 404 earlier)."""
    return integration_in(scope_of(user), level=level, area=area, fiscal_year=fiscal_year)


def integration_in(scope: Scope, *, level: str, area, fiscal_year: int) -> Integration:
    """``integration`` for a scope; level "nation" (area None) has a row per community-development
    province (the public open data)."""
    lookup = AREA_LOOKUPS[level]
    return _integration(scope, level, area, Q(**{lookup: area.code}) if lookup else Q(), fiscal_year)


def districts_integration_in(scope: Scope, *, district_codes: list[str], fiscal_year: int) -> Integration:
    """``integration_in`` of several districts at once (level "districts", area their codes, a row per
    district), in the same queries as one district: the district reports of a province."""
    codes = sorted(district_codes)
    return _integration(scope, "districts", codes, Q(plan__tambon__district_id__in=codes), fiscal_year)


def _integration(scope: Scope, level: str, area, area_q: Q, fiscal_year: int) -> Integration:
    projects = _projects(scope, area_q, fiscal_year)
    by_pk = {p.pk: p for p in projects}
    contributions: dict[tuple[int, str], Contribution] = {}
    for project_id, partner_id, partner_name, partner_type, status, amount, estimated in _commitment_rows(
        scope, area_q, fiscal_year
    ):
        project = by_pk.get(project_id)
        if project is None:
            continue
        value = commitment_value(amount, estimated)
        key = (partner_id, project.tambon_code)
        contribution = contributions.get(key)
        if contribution is None:
            contribution = contributions[key] = Contribution(
                partner_id, partner_name, partner_type, project.tambon_code, project.tambon_name
            )
        if status in SECURED:
            project.secured += value
            project.by_source[SOURCE_OF_TYPE[partner_type]] += value
            contribution.secured += value
        else:
            project.pledged += value
            contribution.pledged += value
    percents = percents_for(by_pk, among=Project.objects.filter(area_q).values("pk"))
    for project in projects:
        project.percent = percents[project.pk]

    total = Totals()
    rows = _area_rows(scope, level, area)
    categories = {c.pk: CategoryRow(c.display_name) for c in NeedCategory.objects.all()}
    uncategorised = CategoryRow(str(NO_CATEGORY))
    for project in projects:
        total.add(project)
        key = project.tambon_code[: ROW_CODE_LENGTH.get(level, 0)]
        if key in rows:
            rows[key].totals.add(project)
        categories.get(project.category_id, uncategorised).totals.add(project)
    category_rows = [row for row in categories.values() if row.totals.projects]
    if uncategorised.totals.projects:
        category_rows.append(uncategorised)
    unfunded = sorted(
        (p for p in projects if p.is_unfunded_priority),
        key=lambda p: (p.priority, -p.gap, p.tambon_code, p.pk),
    )
    return Integration(
        level=level,
        area=area,
        fiscal_year=fiscal_year,
        total=total,
        rows=list(rows.values()),
        projects=projects,
        categories=category_rows,
        unfunded=unfunded,
        contributions=sorted(
            contributions.values(), key=lambda c: (c.partner_name, c.tambon_code, c.partner_id)
        ),
    )


def _area_rows(scope: Scope, level: str, area) -> dict[str, AreaRow]:
    if level == "district":
        tambons = Tambon.objects.active().within(scope).filter(district=area).order_by("code")
        return {t.code: AreaRow(t.code, t.display_name) for t in tambons}
    if level == "province":
        districts = District.objects.active().within(scope).filter(province=area).order_by("code")
        return {d.code: AreaRow(d.code, d.display_name) for d in districts}
    if level == "districts":
        districts = District.objects.within(scope).filter(code__in=area).order_by("code")
        return {d.code: AreaRow(d.code, d.display_name) for d in districts}
    if level == "nation":
        provinces = Province.objects.active().within(scope).filter(is_cd_area=True).order_by("code")
        return {p.code: AreaRow(p.code, p.display_name) for p in provinces}
    return {}


def tambon_integration(user, tambon: Tambon, fiscal_year: int) -> Integration:
    return integration(user, level="tambon", area=tambon, fiscal_year=fiscal_year)


def district_integration(user, district: District, fiscal_year: int) -> Integration:
    return integration(user, level="district", area=district, fiscal_year=fiscal_year)


def province_integration(user, province: Province, fiscal_year: int) -> Integration:
    return integration(user, level="province", area=province, fiscal_year=fiscal_year)


# ---------------------------------------------------------------- commitments


def commitment_for(user, pk: int) -> Commitment:
    return get_object_or_404(
        Commitment.objects.in_scope(user).select_related(
            "partner", "project__plan__tambon__district__province"
        ),
        pk=pk,
    )


def project_commitments(user, project: Project) -> list[Commitment]:
    return list(Commitment.objects.in_scope(user).filter(project=project).select_related("partner"))


def partners_for_project(project: Project):
    """The partners who may commit to the project: the active partners of its province."""
    return Partner.objects.filter(province_id=project.plan.tambon_id[:2], is_active=True).order_by("name")


@dataclass
class ProjectFundingSummary:
    commitments: list[Commitment]
    need: Decimal
    secured: Decimal
    pledged: Decimal

    @property
    def secured_up_to_need(self) -> Decimal:
        return secured_up_to_need(self.need, self.secured)

    @property
    def gap(self) -> Decimal:
        return self.need - self.secured_up_to_need

    @property
    def over(self) -> Decimal:
        return self.secured - self.secured_up_to_need


def project_funding(user, project: Project) -> ProjectFundingSummary:
    """A project's commitments and, for its plan's year, the same need/secured/pledged as the area pages."""
    commitments = project_commitments(user, project)
    year = project.plan.fiscal_year
    need = (
        ProjectBudget.objects.filter(project=project, fiscal_year=year)
        .values_list("amount", flat=True)
        .first()
    )
    secured = pledged = ZERO
    for c in commitments:
        if c.fiscal_year != year:
            continue
        if c.status in SECURED:
            secured += c.value
        elif c.status == CommitmentStatus.PLEDGED:
            pledged += c.value
    return ProjectFundingSummary(commitments, need or ZERO, secured, pledged)
