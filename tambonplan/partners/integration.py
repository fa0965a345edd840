"""Budget integration: what a tambon, district or province needs for the projects of a plan year, what is
secured for them, by source and by need category, the gap, unfunded high-priority projects, who gives what
where, and the progress of carrying the projects out. Also the reads of commitments.

The budget year: a plan approved in February-March of fiscal year Y reaches a local government's money in its
ordinance for Y+1 at the earliest, agencies' and provinces' budgets later still. So the integration of year Y
takes the projects of the plans of year Y and compares them over a window of fiscal years Y..Y+W (W, 1 or
2, is the province's `funding.FundingWindow`, 1 when it has none): the need is their budget estimates for
those years, secured is their ledger entries (`funding.FundingEntry`, status secured) for those years, also
per fiscal year (an entry dated before Y counts in Y's column); money for a later year is shown apart
(`later`, "ได้รับหลังช่วงเทียบ"), never dropped. Each entry belongs to one project of one plan year, so each
baht is counted once over all plan years. Pledged entries count as pledged whatever their year. Money is
read from the ledger only (partner commitments write their entries there, answers theirs), never from
commitments.

The rule of the money figures, per project: what is secured counts towards the need up to the need
(secured_up_to_need = min(secured, need)); the gap is the need less that (gap = need - secured_up_to_need);
what is secured beyond the need is shown as over the need (over = secured - secured_up_to_need). Every
total sums these per-project figures, so need = secured_up_to_need + gap and secured =
secured_up_to_need + over on every total (an over-funded project never hides another's gap).

One function family, shared by the pages and the XLSX exports, so their numbers never disagree. Every
figure comes from one pass over a constant number of scoped queries (the windows, projects with their need
and the one category each counts in, ledger entries, milestones/overrides) whatever the number of tambons
or districts.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, DecimalField, IntegerField, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from tambonplan.accounts.scope import Scope, scope_of
from tambonplan.areas.models import District, Province, Tambon
from tambonplan.funding.ledger import SOURCE_GROUP_OF_PARTNER_TYPE
from tambonplan.funding.models import EntryStatus, FundingEntry, SourceGroup
from tambonplan.funding.selectors import window_years, windows_by_province
from tambonplan.partners.models import Commitment, CommitmentStatus, Partner, PartnerType
from tambonplan.partners.progress import Percent, Rollup, percents_for
from tambonplan.planning.categories import counted_category
from tambonplan.planning.models import NeedCategory, Project, ProjectBudget, TambonPlan, by_priority
from tambonplan.thai.language import localized

ZERO = Decimal(0)
# The commitment statuses whose ledger entry is secured (funding.ledger); the bench generator reads it.
SECURED = (CommitmentStatus.APPROVED, CommitmentStatus.DELIVERED)
HIGH_PRIORITY = 3
NO_CATEGORY = _("ไม่ระบุด้าน")

# Source groups (funding.SourceGroup) and, for a partner's money, the partner types in each
# (funding.ledger.SOURCE_GROUP_OF_PARTNER_TYPE).
SOURCES = tuple(
    (
        group.value,
        group.label,
        tuple(t for t in PartnerType.values if SOURCE_GROUP_OF_PARTNER_TYPE[t] == group.value),
    )
    for group in SourceGroup
)
SHORT_LABELS = {
    "community": _("ชุมชน"),
    "local_government": _("อปท."),
    "agencies": _("หน่วยงาน/วิชาการ"),
    "partners": _("เอกชน/ประชาสังคม"),
}
SOURCE_OF_TYPE = {ptype: key for key, _label, types in SOURCES for ptype in types}
SOURCE_KEYS = [key for key, _label, _types in SOURCES]
LATER_LABEL = _("ได้รับหลังช่วงเทียบ")


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
    secured: Decimal = ZERO  # secured for the fiscal years of the window
    pledged: Decimal = ZERO
    gap: Decimal = ZERO
    secured_up_to_need: Decimal = ZERO
    over: Decimal = ZERO
    later: Decimal = ZERO  # secured for fiscal years after the window
    by_source: dict[str, Decimal] = field(default_factory=lambda: dict.fromkeys(SOURCE_KEYS, ZERO))
    by_year: dict[int, Decimal] = field(default_factory=dict)  # secured per fiscal year of the window
    progress: Rollup = field(default_factory=Rollup)
    years: tuple[int, ...] = ()  # the columns of `year_cells`

    def add(self, project: "ProjectFunding") -> None:
        self.projects += 1
        self.need += project.need
        self.secured += project.secured
        self.pledged += project.pledged
        self.gap += project.gap
        self.secured_up_to_need += project.secured_up_to_need
        self.over += project.over
        self.later += project.later
        for key, amount in project.by_source.items():
            self.by_source[key] += amount
        for year, amount in project.by_year.items():
            self.by_year[year] = self.by_year.get(year, ZERO) + amount
        self.progress.add(project.percent, project.need)

    @property
    def source_cells(self) -> list[Decimal]:
        return [self.by_source[key] for key in SOURCE_KEYS]

    @property
    def year_cells(self) -> list[Decimal]:
        return [self.by_year.get(year, ZERO) for year in self.years]

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
    window_end: int = 0  # the last fiscal year of the project's window
    secured: Decimal = ZERO
    pledged: Decimal = ZERO
    later: Decimal = ZERO
    by_source: dict[str, Decimal] = field(default_factory=lambda: dict.fromkeys(SOURCE_KEYS, ZERO))
    by_year: dict[int, Decimal] = field(default_factory=dict)
    percent: Percent = field(default_factory=lambda: Percent(0))
    years: tuple[int, ...] = ()

    def add_entry(self, fiscal_year: int, status: str, amount: Decimal, source: str, plan_year: int) -> str:
        """Count one ledger entry; answers where it went: "secured", "later" or "pledged"."""
        if status != EntryStatus.SECURED:
            self.pledged += amount
            return "pledged"
        if fiscal_year > self.window_end:
            self.later += amount
            return "later"
        self.secured += amount
        self.by_source[source] += amount
        year = max(fiscal_year, plan_year)
        self.by_year[year] = self.by_year.get(year, ZERO) + amount
        return "secured"

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
    def year_cells(self) -> list[Decimal]:
        return [self.by_year.get(year, ZERO) for year in self.years]

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
    secured: Decimal = ZERO  # within the window, as the totals
    pledged: Decimal = ZERO
    later: Decimal = ZERO

    @property
    def partner_type_label(self) -> str:
        return str(PartnerType(self.partner_type).label)


@dataclass
class Integration:
    level: str  # "tambon", "district", "province", "districts" or "nation"
    area: object  # None for the nation, a list of codes for "districts"
    fiscal_year: int  # the plan year
    total: Totals
    rows: list[AreaRow]  # a row per tambon (district page), district (province page) or province (nation)
    projects: list[ProjectFunding]
    categories: list[CategoryRow]
    unfunded: list[ProjectFunding]
    contributions: list[Contribution]
    window: int = 1  # W: the window is fiscal years Y..Y+W (the largest of the provinces for the nation)
    years: tuple[int, ...] = ()  # the fiscal years of the window, one column each

    @property
    def source_headers(self) -> list[tuple[str, str]]:
        """(short label, full label) of each source, for narrow table headers."""
        return [(str(SHORT_LABELS[key]), str(label)) for key, label, _types in SOURCES]

    @property
    def sources(self) -> list[tuple[str, str, Decimal]]:
        return [(key, str(label), self.total.by_source[key]) for key, label, _types in SOURCES]

    @property
    def year_amounts(self) -> list[tuple[int, Decimal]]:
        """(fiscal year, secured that year) of the window's years."""
        return list(zip(self.years, self.total.year_cells, strict=True))

    @property
    def last_year(self) -> int:
        return self.years[-1] if self.years else self.fiscal_year


def _window_end(fiscal_year: int, windows: dict[str, int], default: int):
    """The last fiscal year of each project's window, as an annotation by its province."""
    by_years: dict[int, list[str]] = {}
    for code, years in windows.items():
        if years != default:
            by_years.setdefault(years, []).append(code)
    if not by_years:
        return Value(fiscal_year + default, output_field=IntegerField())
    return Case(
        *(
            When(plan__tambon__district__province_id__in=codes, then=Value(fiscal_year + years))
            for years, codes in sorted(by_years.items())
        ),
        default=Value(fiscal_year + default),
        output_field=IntegerField(),
    )


def _projects(scope: Scope, area_q: Q, fiscal_year: int, windows: dict[str, int], default: int):
    """The area's projects of the plans of the year with their need over their window (their province's)
    and the one category each counts in (`planning.categories.counted_category`); one query (two for an
    area), and the filter of the plans' projects that the integration's other queries use."""
    need = (
        ProjectBudget.objects.filter(
            project=OuterRef("pk"), fiscal_year__gte=fiscal_year, fiscal_year__lte=OuterRef("window_end")
        )
        .order_by()
        .values("project")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    # The area's plans as a list of ids, so PostgreSQL reaches the area's projects by index instead of
    # scanning every project of the country. (The nation has no area filter: every plan of the year.)
    if area_q:
        plans = TambonPlan.objects.filter(fiscal_year=fiscal_year, **_plan_area(area_q))
        of_plans = {"plan_id__in": list(plans.values_list("pk", flat=True))}
    else:
        of_plans = {"plan__fiscal_year": fiscal_year}
    rows = (
        Project.objects.within(scope)
        .filter(**of_plans)
        .annotate(window_end=_window_end(fiscal_year, windows, default))
        .annotate(
            need=Coalesce(
                Subquery(need), Value(ZERO), output_field=DecimalField(max_digits=16, decimal_places=2)
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
            "window_end",
        )
    )
    projects = [
        ProjectFunding(
            pk=pk,
            name=name,
            priority=priority,
            tambon_code=tambon,
            tambon_name=localized(tambon_name, tambon_name_en),
            category_id=category,
            need=Decimal(need),
            window_end=window_end,
        )
        for pk, name, priority, tambon, tambon_name, tambon_name_en, category, need, window_end in rows
    ]
    return projects, of_plans


def _entry_rows(scope: Scope, of_plans: dict):
    return (
        FundingEntry.objects.within(scope)
        .filter(**{f"project__{lookup}": value for lookup, value in of_plans.items()})
        .values_list(
            "project_id",
            "fiscal_year",
            "status",
            "amount",
            "source_group",
            "partner_id",
            "partner__name",
            "partner__partner_type",
        )
    )


def _plan_area(area_q: Q) -> dict:
    # The area filter written for projects, re-rooted at the plan.
    return {lookup.removeprefix("plan__"): code for lookup, code in area_q.children}


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
    """The figures of a tambon, district or province for the plan year (areas out of scope give 404
    earlier)."""
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
    windows, default = windows_by_province()
    projects, of_plans = _projects(scope, area_q, fiscal_year, windows, default)
    window = max(
        [_area_window(level, area, windows, default), *(p.window_end - fiscal_year for p in projects)]
    )
    years = tuple(range(fiscal_year, fiscal_year + window + 1))
    by_pk = {p.pk: p for p in projects}
    contributions: dict[tuple[int, str], Contribution] = {}
    for project_id, year, status, amount, source, partner_id, partner_name, partner_type in _entry_rows(
        scope, of_plans
    ):
        project = by_pk.get(project_id)
        if project is None:
            continue
        counted = project.add_entry(year, status, amount, source, fiscal_year)
        if partner_id is None:
            continue
        key = (partner_id, project.tambon_code)
        contribution = contributions.get(key)
        if contribution is None:
            contribution = contributions[key] = Contribution(
                partner_id, partner_name, partner_type, project.tambon_code, project.tambon_name
            )
        setattr(contribution, counted, getattr(contribution, counted) + amount)
    percents = percents_for(by_pk, among=Project.objects.filter(**of_plans).values("pk"))
    for project in projects:
        project.percent = percents[project.pk]
        project.years = years

    total = Totals(years=years)
    rows = _area_rows(scope, level, area)
    for row in rows.values():
        row.totals.years = years
    categories = {c.pk: CategoryRow(c.display_name, Totals(years=years)) for c in NeedCategory.objects.all()}
    uncategorised = CategoryRow(str(NO_CATEGORY), Totals(years=years))
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
        window=window,
        years=years,
    )


def _area_window(level: str, area, windows: dict[str, int], default: int) -> int:
    """The window of the page's province (for the columns of a page without projects)."""
    if level in ("tambon", "district", "province"):
        return windows.get(area.code[:2], default)
    if level == "districts" and area:
        return max(windows.get(code[:2], default) for code in area)
    return max([default, *windows.values()])


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
    """A project's commitments and its figures by the integration's rule (its plan's year, its province's
    window, the ledger)."""

    commitments: list[Commitment]
    figures: ProjectFunding
    window: int

    @property
    def years(self) -> tuple[int, ...]:
        return self.figures.years

    @property
    def year_amounts(self) -> list[tuple[int, Decimal]]:
        return list(zip(self.figures.years, self.figures.year_cells, strict=True))

    @property
    def need(self) -> Decimal:
        return self.figures.need

    @property
    def secured(self) -> Decimal:
        return self.figures.secured

    @property
    def pledged(self) -> Decimal:
        return self.figures.pledged

    @property
    def later(self) -> Decimal:
        return self.figures.later

    @property
    def secured_up_to_need(self) -> Decimal:
        return self.figures.secured_up_to_need

    @property
    def gap(self) -> Decimal:
        return self.figures.gap

    @property
    def over(self) -> Decimal:
        return self.figures.over


def project_figures(project: Project) -> tuple[ProjectFunding, int]:
    """One project's need and money by the integration's rule, and its window; three queries."""
    plan_year = project.plan.fiscal_year
    window = window_years(project.plan.tambon_id[:2])
    end = plan_year + window
    need = ProjectBudget.objects.filter(
        project=project, fiscal_year__gte=plan_year, fiscal_year__lte=end
    ).aggregate(total=Sum("amount"))["total"]
    figures = ProjectFunding(
        pk=project.pk,
        name=project.name,
        priority=project.priority,
        tambon_code=project.plan.tambon_id,
        tambon_name="",
        category_id=None,
        need=need or ZERO,
        window_end=end,
        years=tuple(range(plan_year, end + 1)),
    )
    for year, status, amount, source in FundingEntry.objects.filter(project=project).values_list(
        "fiscal_year", "status", "amount", "source_group"
    ):
        figures.add_entry(year, status, amount, source, plan_year)
    return figures, window


def project_funding(user, project: Project) -> ProjectFundingSummary:
    """A project's commitments and the same need/secured/pledged/later as the area pages."""
    figures, window = project_figures(project)
    return ProjectFundingSummary(project_commitments(user, project), figures, window)
