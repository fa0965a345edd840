"""Every read of committees, orders and members, filtered by the requesting user's scope."""

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from django.db.models import Count, Max, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from tambonplan.accounts.scope import DISTRICT, PROVINCE, TAMBONS, may_view, require_view, scope_of
from tambonplan.areas.models import District, Province, Tambon, Village
from tambonplan.committees import registers as area_registers
from tambonplan.committees.currency import (
    CURRENT,
    Currency,
    OpenSeat,
    Registers,
    composition_problems,
    expected_seats,
    open_seats,
    order_currency,
    term_end,
)
from tambonplan.committees.defaults import Wording, default_wording
from tambonplan.committees.models import (
    AppointmentOrder,
    Committee,
    CommitteeKind,
    CompositionTemplate,
    Level,
    Member,
    OrderReview,
    OrderState,
    OrderWording,
    Position,
    ReviewDeadline,
    SeatCount,
    TemplateSlot,
    area_label,
    person_name,
    sits_on,
    sitting_q,
)

AREA_MODELS = {
    Level.PROVINCE: Province,
    Level.DISTRICT: District,
    Level.TAMBON: Tambon,
    Level.VILLAGE: Village,
}


def templates_by_kind(province_code: str) -> dict[int, CompositionTemplate]:
    """The template in force for each kind in a province: the province's own, else the default."""
    templates = (
        CompositionTemplate.objects.filter(Q(province_id=province_code) | Q(province=None))
        .select_related("kind", "province")
        .prefetch_related("slots__position")
        .order_by("province_id")
    )
    chosen: dict[int, CompositionTemplate] = {}
    for template in templates:
        if template.province_id is not None or template.kind_id not in chosen:
            chosen[template.kind_id] = template
    return chosen


def term_years_of(kind: CommitteeKind, template: CompositionTemplate | None) -> int | None:
    """The years an order of the kind lasts in the province whose template in force this is (the province's
    own term, else the kind's); None when it has no term."""
    return template.term if template is not None else (kind.term_years or None)


def _has_sized_seats(template: CompositionTemplate | None) -> bool:
    return template is not None and any(slot.seats != SeatCount.ONE for slot in template.slots.all())


def registers_for(tambon_codes, *, named: bool = False) -> dict[str, Registers]:
    """What the registers say about each tambon (its villages' numbers, its local governments): two queries,
    three with the local governments' names (`named`, for one tambon)."""
    codes = list(tambon_codes)
    villages = area_registers.village_numbers(codes)
    governments = area_registers.local_government_counts(codes)
    return {
        code: Registers(
            village_numbers=villages.get(code, ()),
            local_governments=governments.get(code, 0),
            local_government_names=area_registers.local_government_names(code) if named else (),
        )
        for code in codes
    }


def own_wording(province_code: str, kind: CommitteeKind) -> OrderWording | None:
    """The province's own wording of the kind's orders, if it wrote one."""
    return OrderWording.objects.filter(province_id=province_code, kind=kind).first()


def wording_for(province_code: str, kind: CommitteeKind) -> Wording:
    """What the kind's orders say in the province (legal basis, duties): its own wording, else the default."""
    own = own_wording(province_code, kind)
    return own.wording if own is not None else default_wording(kind.code)


def own_wording_kinds(province_code: str) -> set[int]:
    """The kinds whose orders the province words itself."""
    return set(OrderWording.objects.filter(province_id=province_code).values_list("kind_id", flat=True))


def review_date_for(province_code: str, fiscal_year: int) -> date | None:
    deadline = ReviewDeadline.objects.filter(province_id=province_code, fiscal_year=fiscal_year).first()
    return deadline.review_date if deadline else None


def _in_force_orders(committees) -> dict[int, AppointmentOrder]:
    orders = AppointmentOrder.objects.filter(committee__in=committees, state=OrderState.IN_FORCE)
    return {order.committee_id: order for order in orders}


def _last_reviews(orders) -> dict[int, date]:
    """The date each order was last confirmed as reviewed (orders never reviewed are absent)."""
    rows = OrderReview.objects.filter(order__in=orders).values("order_id").annotate(last=Max("reviewed_on"))
    return {row["order_id"]: row["last"] for row in rows}


class MemberFacts(NamedTuple):
    """What the currency rules read of a member, without building a model instance: an overview of a
    province judges thousands of members (a named tuple is the cheapest object Python makes)."""

    pk: int
    predecessor_id: int | None
    holds_since: date | None
    affiliation: str
    status: str
    status_on: date | None
    title: str
    first_name: str
    last_name: str
    position: Position
    ex_officio_post: str

    @property
    def position_id(self) -> int:
        return self.position.pk

    @property
    def full_name(self) -> str:
        return person_name(self.title, self.first_name, self.last_name)


def _member_facts(orders) -> dict[int, list[MemberFacts]]:
    """The members of each order, in the order's own member order; two queries."""
    positions = {position.pk: position for position in Position.objects.all()}
    rows = (
        Member.objects.filter(order__in=orders)
        .order_by("order_id", "position__sort_order", "sort_order", "id")
        .values_list("order_id", "pk", "predecessor_id", "holds_since", "affiliation", "status", "status_on",
                     "title", "first_name", "last_name", "position_id", "ex_officio_post")
    )  # fmt: skip
    facts: dict[int, list[MemberFacts]] = {}
    for order_id, *fields, position_id, post in rows:
        facts.setdefault(order_id, []).append(MemberFacts(*fields, positions[position_id], post))
    return facts


@dataclass(frozen=True)
class CommitteeRow:
    """One expected committee (a reviewed kind for one area) with its order in force and currency."""

    kind: CommitteeKind
    area_code: str
    area_name: str
    district: District | None
    committee: Committee | None
    order: AppointmentOrder | None
    currency: Currency


def committee_rows(
    user,
    *,
    fiscal_year: int,
    province_code: str,
    district_code: str | None = None,
    kind_codes: list[str] | None = None,
) -> list[CommitteeRow]:
    """Every reviewed committee expected in the province (or one district) within the user's scope."""
    kinds = CommitteeKind.objects.filter(is_reviewed=True).exclude(level=Level.VILLAGE)
    if kind_codes:
        kinds = kinds.filter(code__in=kind_codes)
    if district_code:
        kinds = kinds.exclude(level=Level.PROVINCE)
    kinds = list(kinds)
    levels = {kind.level for kind in kinds}
    areas: dict[str, list] = {}
    if Level.TAMBON in levels:
        tambons = Tambon.objects.in_scope(user).active().filter(district__province_id=province_code)
        if district_code:
            tambons = tambons.filter(district_id=district_code)
        areas[Level.TAMBON] = list(tambons.select_related("district").order_by("code"))
    if Level.DISTRICT in levels:
        districts = District.objects.in_scope(user).active().filter(province_id=province_code)
        if district_code:
            districts = districts.filter(code=district_code)
        areas[Level.DISTRICT] = list(districts.order_by("code"))
    if Level.PROVINCE in levels:
        areas[Level.PROVINCE] = list(Province.objects.in_scope(user).filter(code=province_code))

    # By the areas in scope, not Committee.in_scope: that would leave out the district's (ศอช.อ.) and the
    # province's (ศอช.จ.) committees for tambon and district officers, showing them as missing.
    area_codes = [area.code for level_areas in areas.values() for area in level_areas]
    committees = Committee.objects.filter(kind__in=kinds, province_id=province_code, area_code__in=area_codes)
    by_key = {(c.kind_id, c.area_code): c for c in committees}
    orders = _in_force_orders(list(by_key.values()))
    members = _member_facts(list(orders.values()))
    last_reviews = _last_reviews(list(orders.values()))
    templates = templates_by_kind(province_code)
    review_date = review_date_for(province_code, fiscal_year)
    sized_kinds = {
        kind.id for kind in kinds if kind.level == Level.TAMBON and _has_sized_seats(templates.get(kind.id))
    }
    registers = registers_for(area.code for area in areas.get(Level.TAMBON, [])) if sized_kinds else {}

    rows = []
    for kind in kinds:
        template = templates.get(kind.id)
        term_years = term_years_of(kind, template)
        for area in areas.get(kind.level, []):
            committee = by_key.get((kind.id, area.code))
            order = orders.get(committee.id) if committee else None
            currency = order_currency(
                order=order,
                members=members.get(order.pk, []) if order else [],
                last_reviewed=last_reviews.get(order.pk) if order else None,
                template=template,
                review_date=review_date,
                term_years=term_years,
                registers=registers.get(area.code) if kind.id in sized_kinds else None,
            )
            district = (
                area.district
                if kind.level == Level.TAMBON
                else area
                if kind.level == Level.DISTRICT
                else None
            )
            rows.append(
                CommitteeRow(
                    kind, area.code, area_label(kind.level, area), district, committee, order, currency
                )
            )
    return sorted(rows, key=lambda row: (row.area_code, row.kind.sort_order))


@dataclass
class StateCounts:
    current: int = 0
    needs_review: int = 0
    missing: int = 0

    @property
    def total(self) -> int:
        return self.current + self.needs_review + self.missing

    def add(self, state: str) -> None:
        setattr(self, state, getattr(self, state) + 1)


@dataclass
class Overview:
    """Counts current / needs review / missing, by kind and (for a province) by district."""

    kinds: list[CommitteeKind]
    by_kind: dict[str, StateCounts] = field(default_factory=dict)
    by_district: dict[str, dict[str, StateCounts]] = field(default_factory=dict)
    districts: dict[str, District] = field(default_factory=dict)
    total: StateCounts = field(default_factory=StateCounts)

    @property
    def kind_rows(self) -> list[tuple[CommitteeKind, StateCounts]]:
        return [(kind, self.by_kind[kind.code]) for kind in self.kinds]


def overview_of(rows: list[CommitteeRow]) -> Overview:
    kinds = sorted({row.kind for row in rows}, key=lambda kind: kind.sort_order)
    overview = Overview(kinds=kinds, by_kind={kind.code: StateCounts() for kind in kinds})
    for row in rows:
        overview.by_kind[row.kind.code].add(row.currency.state)
        overview.total.add(row.currency.state)
        if row.district is not None:
            overview.districts[row.district.code] = row.district
            per_kind = overview.by_district.setdefault(
                row.district.code, {kind.code: StateCounts() for kind in kinds}
            )
            per_kind[row.kind.code].add(row.currency.state)
    return overview


def filter_rows(rows: list[CommitteeRow], *, kind_code: str = "", state: str = "") -> list[CommitteeRow]:
    return [
        row
        for row in rows
        if (not kind_code or row.kind.code == kind_code) and (not state or row.currency.state == state)
    ]


def area_for(user, level: str, code: str):
    """The area of a committee, within the user's scope (404 otherwise)."""
    model = AREA_MODELS.get(level)
    if model is None:
        raise Http404
    return get_object_or_404(model.objects.in_scope(user), code=code)


@dataclass
class CommitteePage:
    kind: CommitteeKind
    area: object
    area_code: str
    area_name: str
    committee: Committee | None
    in_force: AppointmentOrder | None
    draft: AppointmentOrder | None
    orders: list[AppointmentOrder]
    members: list[Member]  # every member of the order in force, each marked `sitting` today
    currency: Currency
    province_code: str
    term_years: int | None  # how long an order of the kind lasts in the province; None: no term


def committee_page(user, *, kind_code: str, area_code: str, fiscal_year: int) -> CommitteePage:
    kind = get_object_or_404(CommitteeKind, code=kind_code)
    area = area_for(user, kind.level, area_code)
    committee = Committee.objects.filter(kind=kind, area_code=area.code).first()
    orders = (
        list(
            committee.orders.select_related("created_by").prefetch_related(
                Prefetch("members", queryset=Member.objects.select_related("position")),
                "reviews__reviewed_by",
            )
        )
        if committee
        else []
    )
    in_force = next((o for o in orders if o.state == OrderState.IN_FORCE), None)
    draft = next((o for o in orders if o.state == OrderState.DRAFT), None)
    today = timezone.localdate()
    members = _mark_sitting(list(in_force.members.all()), today) if in_force else []
    province_code = area.code[:2]
    template = templates_by_kind(province_code).get(kind.id)
    term_years = term_years_of(kind, template)
    currency = order_currency(
        order=in_force,
        members=members,
        last_reviewed=max((r.reviewed_on for r in in_force.reviews.all()), default=None)
        if in_force
        else None,
        template=template,
        review_date=review_date_for(province_code, fiscal_year),
        on=today,
        term_years=term_years,
        registers=_registers_of(kind, area.code, template) if in_force else None,
    )
    timeline = [o for o in orders if o.state != OrderState.DRAFT]
    return CommitteePage(
        kind,
        area,
        area.code,
        area_label(kind.level, area),
        committee,
        in_force,
        draft,
        timeline,
        members,
        currency,
        province_code,
        term_years,
    )


def _registers_of(kind: CommitteeKind, area_code: str, template, *, named: bool = False) -> Registers | None:
    """The registers of a tambon committee whose template sizes seats by them; None otherwise."""
    if kind.level != Level.TAMBON or not _has_sized_seats(template):
        return None
    return registers_for([area_code], named=named)[area_code]


def order_for(user, pk: int) -> AppointmentOrder:
    order = get_object_or_404(
        AppointmentOrder.objects.select_related(
            "committee__kind",
            "committee__province",
            "committee__district",
            "committee__tambon",
            "committee__village",
        ),
        pk=pk,
    )
    # By area code, like the committee page: AppointmentOrder.in_scope would hide the district's ศอช.อ.
    # (and the province's ศอช.จ.) orders that a tambon (district) officer sees on the committee page.
    require_view(user, order)
    return order


def _mark_sitting(members: list[Member], day: date) -> list[Member]:
    """Set each member's `sitting` (by `models.sits_on` on `day`), for the pages to mark who has left, and the
    holders before and after them of a seat that passed by position (`previous_holder`, `next_holder`: the
    member rows of the same order, or None)."""
    by_pk = {member.pk: member for member in members}
    for member in members:
        member.sitting = sits_on(member, day)
        member.previous_holder = by_pk.get(member.predecessor_id)
        member.next_holder = None
    for member in members:
        if member.previous_holder is not None:
            member.previous_holder.next_holder = member
    return members


def order_members(order: AppointmentOrder) -> list[Member]:
    """Every member of the order, each marked `sitting` on the order's document date, as its PDF and Word
    files list them (`AppointmentOrder.document_date`)."""
    return _mark_sitting(list(order.members.select_related("position")), order.document_date)


def position_names() -> list[str]:
    """The positions' Thai names in their order, as a members file writes them."""
    return list(Position.objects.values_list("name_th", flat=True))


def order_template(order: AppointmentOrder) -> CompositionTemplate | None:
    """The composition template in force for the order's committee (its province's own, else the default)."""
    return templates_by_kind(order.committee.province_id).get(order.committee.kind_id)


def order_registers(order: AppointmentOrder, template=None, *, named: bool = False) -> Registers | None:
    """The registers of the order's tambon, when its template sizes seats by them (else None)."""
    committee = order.committee
    return _registers_of(committee.kind, committee.area_code, template or order_template(order), named=named)


def order_problems(order: AppointmentOrder, members: list[Member]) -> list[str]:
    """How the members sitting on the order's document date fail the composition template."""
    template = order_template(order)
    return composition_problems(members, template, order.document_date, order_registers(order, template))


@dataclass(frozen=True)
class Seats:
    """The order's seats by its composition template: how many the template's lines stand for in the
    committee's area (sized from its villages and local governments), the problems of the members sitting on
    the order's document date, and the ex-officio seats no one sitting holds."""

    expected: int
    problems: list[str]
    open: list[OpenSeat]
    term_ends_on: date | None  # the day an issued order's term runs out (None: no term, or a draft)


def order_seats(order: AppointmentOrder, members: list[Member]) -> Seats:
    template = order_template(order)
    registers = order_registers(order, template, named=True)
    day = order.document_date
    term_years = term_years_of(order.committee.kind, template)
    return Seats(
        expected=expected_seats(template, registers),
        problems=composition_problems(members, template, day, registers),
        open=open_seats(members, template, registers, day),
        term_ends_on=term_end(order, term_years) if order.state != OrderState.DRAFT else None,
    )


def member_for(user, pk: int) -> Member:
    member = get_object_or_404(Member.objects.select_related("order__committee__kind", "position"), pk=pk)
    require_view(user, member)  # by area code, as order_for
    return member


def socho_members_for_tambon(user, tambon: Tambon):
    """Serving ศอช. members (tambon and district level) in force for a tambon, to pick as participants."""
    # Scoped by the tambon: Member.objects.in_scope would drop the district's ศอช.อ. for a tambon officer.
    if not may_view(user, tambon):
        return Member.objects.none()
    return (
        Member.objects.filter(
            sitting_q(timezone.localdate()),
            order__state=OrderState.IN_FORCE,
            order__committee__kind__is_socho=True,
        )
        .filter(
            Q(order__committee__tambon=tambon)
            | Q(order__committee__district_id=tambon.district_id, order__committee__tambon=None)
        )
        .select_related("position", "order__committee__kind")
        .order_by("order__committee__kind__sort_order", "position__sort_order", "sort_order")
    )


def kind_for(code: str) -> CommitteeKind:
    return get_object_or_404(CommitteeKind, code=code)


def all_kinds() -> list[CommitteeKind]:
    return list(CommitteeKind.objects.all())


def template_slot_for(user, pk: int) -> TemplateSlot:
    """A slot of a province's own template, within the user's scope (404 otherwise)."""
    slot = get_object_or_404(
        TemplateSlot.objects.select_related("template__kind", "template__province"),
        pk=pk,
        template__province__isnull=False,
    )
    area_for(user, Level.PROVINCE, slot.template.province_id)
    return slot


# ---------------------------------------------------------------- for the API


def _visible_area_q(user, prefix: str = "") -> Q:
    """Committees (through `prefix`, e.g. "committee__") whose area the user may view: the scope's rule,
    which admits the areas above the user's (a district officer sees its province's ศอช.จ.)."""
    paths = {level: f"{prefix}{path}" for level, path in Committee.scope_paths.items()}
    return scope_of(user).q(**paths)


def committees_list(
    user, *, area: str | None = None, kind_code: str | None = None, is_socho: bool | None = None
):
    """Committees the user may view, optionally within an area, of a kind, ศอช. or not; each with
    `current_order_id` (the order in force, or None); one query for the rows whatever their number."""
    in_force = AppointmentOrder.objects.filter(committee=OuterRef("pk"), state=OrderState.IN_FORCE)
    committees = Committee.objects.filter(_visible_area_q(user)).in_area(area)
    if kind_code:
        committees = committees.filter(kind__code=kind_code)
    if is_socho is not None:
        committees = committees.filter(kind__is_socho=is_socho)
    return (
        committees.select_related("kind", "province", "district", "tambon", "village")
        .annotate(current_order_id=Subquery(in_force.values("pk")[:1]))
        .order_by("area_code", "kind__sort_order", "pk")
    )


def committee_for(user, pk: int) -> Committee:
    """One committee by id; 404 outside the user's scope (by area code, as the committee page)."""
    return get_object_or_404(committees_list(user), pk=pk)


def orders_list(user, *, area: str | None = None, committee_id: int | None = None, state: str | None = None):
    """Appointment orders of the committees the user may view (as ``order_for`` decides for one), newest
    first, each with `member_count`."""
    orders = AppointmentOrder.objects.filter(_visible_area_q(user, "committee__")).in_area(area)
    if committee_id is not None:
        orders = orders.filter(committee_id=committee_id)
    if state:
        orders = orders.filter(state=state)
    members = Member.objects.filter(order=OuterRef("pk")).order_by().values("order").annotate(n=Count("*"))
    return (
        orders.select_related(
            "committee__kind",
            "committee__province",
            "committee__district",
            "committee__tambon",
            "committee__village",
        )
        .annotate(member_count=Coalesce(Subquery(members.values("n")), Value(0)))
        .order_by("-effective_on", "-signed_on", "-pk")
    )


def committees_to_renew(user, *, fiscal_year: int) -> list[CommitteeRow]:
    """The expected committees the user looks after whose order needs review or is missing (``committee_rows``
    judged by ``currency.order_currency``): a province officer's province-level committees, a district or
    tambon officer's committees at or below its own area (``Scope.covers``). Constant queries."""
    scope = scope_of(user)
    if scope.level == PROVINCE:
        kinds = CommitteeKind.objects.filter(is_reviewed=True, level=Level.PROVINCE)
        kind_codes = list(kinds.values_list("code", flat=True))
        if not kind_codes:
            return []
        rows = committee_rows(
            user, fiscal_year=fiscal_year, province_code=scope.province_code, kind_codes=kind_codes
        )
    elif scope.level in (DISTRICT, TAMBONS):
        rows = committee_rows(
            user,
            fiscal_year=fiscal_year,
            province_code=scope.province_code,
            district_code=scope.district_code,
        )
    else:
        return []
    return [row for row in rows if row.currency.state != CURRENT and scope.covers(row.area_code)]
