"""Every read of village and community plans, filtered by the requesting user's scope; the pages' counts in a
constant number of queries."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, F, Q, QuerySet
from django.shortcuts import get_object_or_404

from tambonplan.accounts.scope import require_view
from tambonplan.areas.models import District, Tambon, Village
from tambonplan.events.models import EventKind
from tambonplan.events.selectors import visible_events
from tambonplan.planning.models import Need, ProjectClass
from tambonplan.villageplans.models import Community, VillagePlan, VillagePlanItem
from tambonplan.villageplans.services import COMMUNITY_CLASS, forum_day

PLAN_RELATED = ("tambon__district__province", "village", "community", "forum")


def plan_for(user, pk: int) -> VillagePlan:
    return get_object_or_404(VillagePlan.objects.in_scope(user).select_related(*PLAN_RELATED), pk=pk)


def item_for(user, pk: int) -> VillagePlanItem:
    return get_object_or_404(
        VillagePlanItem.objects.in_scope(user).select_related(
            *(f"plan__{path}" for path in PLAN_RELATED), "item_class", "category", "need__plan"
        ),
        pk=pk,
    )


def community_for(user, pk: int) -> Community:
    return get_object_or_404(Community.objects.in_scope(user).select_related("tambon__district"), pk=pk)


def communities_of(user, tambon: Tambon) -> list[Community]:
    return list(Community.objects.in_scope(user).filter(tambon=tambon))


def project_classes() -> list[ProjectClass]:
    return list(ProjectClass.objects.all())


def all_forums(user, *, tambon: Tambon) -> QuerySet:
    """The village forums (เวทีประชาคมหมู่บ้าน) of the tambon the user sees, newest first (the forms' choices;
    the service checks the year and the village)."""
    return (
        visible_events(user)
        .filter(kind=EventKind.VILLAGE_FORUM, tambon=tambon)
        .select_related("village")
        .order_by("-starts_at", "-id")
    )


# ---------------------------------------------------------------------------------------- a tambon's plans


@dataclass
class ItemCounts:
    by_class: dict[str, int] = field(default_factory=dict)
    total: int = 0
    pulled: int = 0
    eligible: int = 0  # beyond the village (not ทำเอง)

    @property
    def waiting(self) -> int:
        """Items beyond the village not yet in the tambon plan."""
        return self.eligible - self.pulled


@dataclass
class PlanRow:
    """A village (or community) of the tambon with its plan of the year, if it has one."""

    village: Village | None
    community: Community | None
    plan: VillagePlan | None
    counts: ItemCounts
    class_cells: list[tuple[ProjectClass, int]] = field(default_factory=list)

    @property
    def place(self) -> str:
        return str(self.village) if self.village is not None else str(self.community)

    @property
    def forum_day(self) -> date | None:
        return forum_day(self.plan) if self.plan is not None else None


@dataclass
class TambonPlans:
    tambon: Tambon
    fiscal_year: int
    rows: list[PlanRow]
    classes: list[ProjectClass]
    reviewed: int
    total: int
    waiting: int
    class_totals: list[tuple[ProjectClass, int]]


def _item_counts(plan_ids: Iterable[int]) -> dict[int, ItemCounts]:
    """Per plan: items by class, pulled and beyond the village, in one query."""
    counts: dict[int, ItemCounts] = {}
    rows = (
        VillagePlanItem.objects.filter(plan_id__in=list(plan_ids))
        .values("plan_id", "item_class__code")
        .annotate(n=Count("id"), pulled=Count("id", filter=Q(need__isnull=False)))
    )
    for row in rows:
        entry = counts.setdefault(row["plan_id"], ItemCounts())
        entry.by_class[row["item_class__code"]] = row["n"]
        entry.total += row["n"]
        entry.pulled += row["pulled"]
        if row["item_class__code"] != COMMUNITY_CLASS:
            entry.eligible += row["n"]
    return counts


def tambon_plans(user, *, tambon: Tambon, fiscal_year: int) -> TambonPlans:
    """Every village of the tambon and every community (those no longer active only when they have a plan this
    year) with its plan of the year, its forum, approval and items by class and pulled: five queries."""
    require_view(user, tambon)
    villages = list(Village.objects.filter(tambon=tambon).order_by("moo"))
    communities = list(Community.objects.filter(tambon=tambon))
    plans = list(
        VillagePlan.objects.filter(tambon=tambon, fiscal_year=fiscal_year).select_related(
            "forum", "village", "community"
        )
    )
    by_village = {plan.village_id: plan for plan in plans if plan.village_id}
    by_community = {plan.community_id: plan for plan in plans if plan.community_id}
    counts = _item_counts(plan.pk for plan in plans)
    classes = project_classes()
    rows = [PlanRow(village, None, by_village.get(village.pk), ItemCounts()) for village in villages]
    rows += [
        PlanRow(None, community, by_community.get(community.pk), ItemCounts())
        for community in communities
        if community.is_active or community.pk in by_community
    ]
    for row in rows:
        if row.plan is not None:
            row.counts = counts.get(row.plan.pk, ItemCounts())
        row.class_cells = [(c, row.counts.by_class.get(c.code, 0)) for c in classes]
    active = [row for row in rows if row.village is not None or row.community.is_active]
    return TambonPlans(
        tambon=tambon,
        fiscal_year=fiscal_year,
        rows=rows,
        classes=classes,
        reviewed=sum(1 for row in active if row.plan is not None and row.plan.is_reviewed),
        total=len(active),
        waiting=sum(row.counts.waiting for row in rows),
        class_totals=[(c, sum(row.counts.by_class.get(c.code, 0) for row in rows)) for c in classes],
    )


def reviewed_counts_in(tambon_codes: Iterable[str], fiscal_year: int) -> dict[str, tuple[int, int]]:
    """tambon code -> (villages whose plan of the year was reviewed, villages in all): a plan is reviewed when
    the village committee approved it (`approved_on` set); the villages are the tambon's villages and its
    active communities. Every code given has an entry; three queries whatever the number of tambons. The
    caller decides the scope (the codes it passes)."""
    codes = sorted(set(tambon_codes))
    result = dict.fromkeys(codes, (0, 0))
    if not codes:
        return result
    totals = dict.fromkeys(codes, 0)
    for row in Village.objects.filter(tambon_id__in=codes).values("tambon_id").annotate(n=Count("id")):
        totals[row["tambon_id"]] += row["n"]
    for row in (
        Community.objects.filter(tambon_id__in=codes, is_active=True)
        .values("tambon_id")
        .annotate(n=Count("id"))
    ):
        totals[row["tambon_id"]] += row["n"]
    reviewed = dict.fromkeys(codes, 0)
    for row in (
        VillagePlan.objects.filter(tambon_id__in=codes, fiscal_year=fiscal_year, approved_on__isnull=False)
        .filter(Q(village__isnull=False) | Q(community__is_active=True))
        .values("tambon_id")
        .annotate(n=Count("id"))
    ):
        reviewed[row["tambon_id"]] = row["n"]
    return {code: (reviewed[code], totals[code]) for code in codes}


@dataclass
class TambonReview:
    tambon: Tambon
    reviewed: int
    total: int


def district_reviews(user, *, district: District, fiscal_year: int) -> list[TambonReview]:
    """The district's active tambons in the user's scope with their villages reviewed of all."""
    tambons = list(Tambon.objects.in_scope(user).active().filter(district=district).order_by("code"))
    counts = reviewed_counts_in([t.code for t in tambons], fiscal_year)
    return [TambonReview(tambon, *counts[tambon.code]) for tambon in tambons]


# ---------------------------------------------------------------------------------------------- a plan's page


@dataclass
class PlanPage:
    plan: VillagePlan
    items: list[VillagePlanItem]
    counts: ItemCounts
    forum_day: date | None


def plan_page(user, plan: VillagePlan) -> PlanPage:
    """The plan's items with their class, category and need (and how many projects answer it): one query."""
    require_view(user, plan)
    items = list(
        plan.items.select_related("category", "item_class", "need__plan").annotate(
            need_projects=Count("need__projects")
        )
    )
    counts = ItemCounts()
    for item in items:
        counts.by_class[item.item_class.code] = counts.by_class.get(item.item_class.code, 0) + 1
        counts.total += 1
        counts.pulled += item.need_id is not None
        counts.eligible += item.item_class.code != COMMUNITY_CLASS
    return PlanPage(plan=plan, items=items, counts=counts, forum_day=forum_day(plan))


# ---------------------------------------------------------------------------------------- the reverse link


def item_of_need(need: Need) -> VillagePlanItem | None:
    """The village plan item a need of the tambon plan was pulled from (None: entered in the tambon plan)."""
    return (
        VillagePlanItem.objects.filter(need=need).select_related("plan__village", "plan__community").first()
    )


def items_of_needs(need_ids: Iterable[int]) -> dict[int, VillagePlanItem]:
    """need id -> the village plan item it was pulled from, for many needs in one query (the plan page)."""
    items = VillagePlanItem.objects.filter(need_id__in=list(need_ids)).select_related(
        "plan__village", "plan__community"
    )
    return {item.need_id: item for item in items}


def items_of_plan_needs(tambon_plan_id: int) -> dict[int, VillagePlanItem]:
    """need id -> item, for every need of a tambon plan pulled from a village plan: one query."""
    items = VillagePlanItem.objects.filter(need__plan_id=tambon_plan_id).select_related(
        "plan__village", "plan__community"
    )
    return {item.need_id: item for item in items}


# ---------------------------------------------------------------------------------------------- the API


def plans_list(
    user, *, area: str | None = None, fiscal_year: int | None = None, reviewed: bool | None = None
):
    """Village and community plans in the user's scope, narrowed to an area, a fiscal year and whether the
    village committee approved them (`VillagePlan.is_reviewed`), each with its items counted as on the plan's
    page (``item_total``, ``item_own`` — ทำเอง —, ``item_pulled``): one query for any number of plans."""
    plans = VillagePlan.objects.in_scope(user).in_area(area).select_related(*PLAN_RELATED)
    if fiscal_year is not None:
        plans = plans.filter(fiscal_year=fiscal_year)
    if reviewed is not None:
        plans = plans.filter(approved_on__isnull=not reviewed)
    return plans.annotate(
        item_total=Count("items"),
        item_own=Count("items", filter=Q(items__item_class__code=COMMUNITY_CLASS)),
        item_pulled=Count("items", filter=Q(items__need__isnull=False)),
    ).order_by(
        "-fiscal_year",
        "tambon_id",
        F("village__moo").asc(nulls_last=True),
        F("community__number").asc(nulls_last=True),
        "pk",
    )


def plan_with_counts(user, pk: int) -> VillagePlan:
    """One plan in the user's scope (404 outside it) as `plans_list` answers it."""
    return get_object_or_404(plans_list(user), pk=pk)


def communities_list(user, *, area: str | None = None, is_active: bool | None = None):
    """The municipal communities in the user's scope, narrowed to an area and whether still active."""
    communities = Community.objects.in_scope(user).in_area(area)
    if is_active is not None:
        communities = communities.filter(is_active=is_active)
    return communities.order_by("tambon_id", "number", "name_th", "pk")
