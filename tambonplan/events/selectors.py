"""Every read of events, photos and attendance, filtered by the requesting user's scope."""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from tambonplan.accounts.models import Role
from tambonplan.accounts.scope import DISTRICT, NATION, TAMBONS, Scope, may_view, require_view, scope_of
from tambonplan.areas.models import District, Province, Tambon
from tambonplan.committees.models import Member, OrderState, sitting_q
from tambonplan.committees.selectors import socho_members_for_tambon
from tambonplan.events.models import (
    AttendanceCount,
    Attendee,
    AttendeeGroup,
    Event,
    EventKind,
    EventPhoto,
    read_checkin_day_token,
)
from tambonplan.thai.dates import BANGKOK

# The characters of a check-in link's token (url-safe base64 and the dots of a day token): anything else,
# a NUL byte included, names no event and never reaches the database.
CHECKIN_TOKEN_RE = re.compile(r"[A-Za-z0-9_.-]{1,128}")
SOCHO_ATTENDEE = Q(group=AttendeeGroup.SOCHO) | Q(member__order__committee__kind__is_socho=True)


def visible_events(user) -> QuerySet[Event]:
    """The events whose area the user may view, exactly as ``may_view`` decides for one event."""
    return events_in(scope_of(user))


def events_in(scope: Scope) -> QuerySet[Event]:
    """The events whose area lies in the scope, as ``Scope.contains`` decides for one event.

    ``Event.objects.in_scope`` alone would hide the district's own events (a district-wide training) from
    its tambon officers and the province's from its district officers, though their pages are open to them.
    """
    if scope.level == DISTRICT:
        return Event.objects.filter(
            Q(district_id=scope.district_code) | Q(province_id=scope.province_code, district=None)
        )
    if scope.level == TAMBONS:
        return Event.objects.filter(
            Q(tambon_id__in=sorted(scope.tambon_codes))
            | Q(district_id=scope.district_code, tambon=None)
            | Q(province_id=scope.province_code, district=None)
        )
    return Event.objects.within(scope)


# ------------------------------------------------------------------ totals


@dataclass(frozen=True)
class GroupTotal:
    group: str
    label: str
    named: int
    counted: int

    @property
    def total(self) -> int:
        return self.named + self.counted


@dataclass(frozen=True)
class AttendanceTotals:
    """Participants of one event: named attendees plus head counts, by group; and how many are ศอช."""

    groups: list[GroupTotal]
    socho: int

    @property
    def named(self) -> int:
        return sum(row.named for row in self.groups)

    @property
    def counted(self) -> int:
        return sum(row.counted for row in self.groups)

    @property
    def total(self) -> int:
        return self.named + self.counted

    def of(self, group: str) -> GroupTotal:
        return next(row for row in self.groups if row.group == group)


def totals_of(named: Mapping[str, int], counted: Mapping[str, int], *, socho_named: int) -> AttendanceTotals:
    """Totals from named attendees per group, counts per group and named attendees who are ศอช."""
    groups = [
        GroupTotal(value, str(label), named.get(value, 0), counted.get(value, 0))
        for value, label in AttendeeGroup.choices
    ]
    return AttendanceTotals(groups, socho_named + counted.get(AttendeeGroup.SOCHO, 0))


def totals_from_attendees(attendees: Iterable[Attendee], counted: Mapping[str, int]) -> AttendanceTotals:
    """Totals from attendees already loaded (with member__order__committee__kind): no query."""
    named: dict[str, int] = {}
    socho = 0
    for attendee in attendees:
        named[attendee.group] = named.get(attendee.group, 0) + 1
        socho += attendee.is_socho
    return totals_of(named, counted, socho_named=socho)


def attendance_totals(event: Event) -> AttendanceTotals:
    """The event's totals in two queries (the caller has checked that the user may view the event)."""
    per_group = {f"g_{value}": Count("id", filter=Q(group=value)) for value in AttendeeGroup.values}
    row = Attendee.objects.filter(event=event).aggregate(
        socho=Count("id", filter=SOCHO_ATTENDEE), **per_group
    )
    named = {value: row[f"g_{value}"] for value in AttendeeGroup.values}
    counted = dict(AttendanceCount.objects.filter(event=event).values_list("group", "count"))
    return totals_of(named, counted, socho_named=row["socho"])


# ------------------------------------------------------------------ lists


def _subquery_count(queryset) -> Coalesce:
    counted = queryset.order_by().values("event").annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _subquery_sum(queryset) -> Coalesce:
    summed = queryset.order_by().values("event").annotate(n=Sum("count")).values("n")
    return Coalesce(Subquery(summed, output_field=IntegerField()), Value(0))


def with_participants(events: QuerySet[Event]) -> QuerySet[Event]:
    """Annotate each event with `named`, `counted`, `socho_named` and `socho_counted` (one query in all)."""
    attendees = Attendee.objects.filter(event=OuterRef("pk"))
    counts = AttendanceCount.objects.filter(event=OuterRef("pk"))
    return events.annotate(
        named=_subquery_count(attendees),
        socho_named=_subquery_count(attendees.filter(SOCHO_ATTENDEE)),
        counted=_subquery_sum(counts),
        socho_counted=_subquery_sum(counts.filter(group=AttendeeGroup.SOCHO)),
    )


def events_for(
    user, *, fiscal_year: int, kind: str = "", district_code: str = "", tambon_code: str = ""
) -> list[Event]:
    """The fiscal year's events the user may view, newest first, each with `participants` and `socho`."""
    events = visible_events(user).filter(fiscal_year=fiscal_year)
    if kind:
        events = events.filter(kind=kind)
    if district_code:
        events = events.filter(district_id=district_code)
    if tambon_code:
        events = events.filter(tambon_id=tambon_code)
    events = with_participants(events.select_related("province", "district", "tambon", "village"))
    rows = list(events.order_by("-starts_at", "-id"))
    now = timezone.now()
    for event in rows:
        event.upcoming = event.starts_at > now
        event.participants = event.named + event.counted
        event.socho = event.socho_named + event.socho_counted
    return rows


def filter_areas(user, *, district_code: str = "") -> tuple[list[District], list[Tambon]]:
    """The districts and tambons the user may filter events by (tambons of one district when given)."""
    districts = list(
        District.objects.in_scope(user).active().filter(province__is_cd_area=True).order_by("code")
    )
    tambons = Tambon.objects.in_scope(user).active().select_related("district").order_by("code")
    if district_code:
        tambons = tambons.filter(district_id=district_code)
    elif scope_of(user).level == NATION:
        tambons = tambons.none()  # thousands: choose a district first
    return districts, list(tambons)


def area_choices(user) -> tuple[list, list[District], list[Tambon]]:
    """Provinces, districts and tambons in the user's scope, to choose an event's area from (the service
    then refuses an area the user may not change, such as the district for a tambon officer)."""
    provinces = list(Province.objects.in_scope(user).active().filter(is_cd_area=True).order_by("code"))
    districts = list(
        District.objects.in_scope(user).active().filter(province__is_cd_area=True).order_by("code")
    )
    tambons = list(
        Tambon.objects.in_scope(user)
        .active()
        .filter(district__province__is_cd_area=True)
        .select_related("district")
        .order_by("code")
    )
    return provinces, districts, tambons


def facilitator_choices(user) -> QuerySet:
    """Active staff who may be named as facilitators: everyone of the user's province (its CD officers
    lead trainings in every district), everyone for national users; partners' accounts are not staff."""
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(role=Role.PARTNER)
        .order_by("first_name", "last_name", "username")
    )
    scope = scope_of(user)
    if scope.level == NATION:
        return users
    if scope.province_code is None:
        return users.none()
    return users.filter(province_id=scope.province_code)


# ------------------------------------------------------------------ one event


def event_for(user, pk: int) -> Event:
    event = get_object_or_404(
        Event.objects.select_related("province", "district", "tambon__district", "village", "created_by"),
        pk=pk,
    )
    require_view(user, event)
    return event


@dataclass
class EventPage:
    event: Event
    facilitators: list
    photos: list[EventPhoto]
    attendees: list[Attendee]
    counts: dict[str, int]
    totals: AttendanceTotals
    count_rows: list[tuple[str, str, int]] = field(default_factory=list)


def event_detail(user, pk: int) -> EventPage:
    """The event with facilitators, photos, attendees, counts and totals: six queries whatever the size."""
    event = event_for(user, pk)
    facilitators = list(event.facilitators.order_by("first_name", "last_name"))
    photos = list(event.photos.select_related("uploaded_by"))
    attendees = list(event.attendees.select_related("member__order__committee__kind"))
    counts = dict(event.counts.values_list("group", "count"))
    totals = totals_from_attendees(attendees, counts)
    rows = [(value, str(label), counts.get(value, 0)) for value, label in AttendeeGroup.choices]
    return EventPage(event, facilitators, photos, attendees, counts, totals, rows)


def member_choices(user, event: Event) -> list[Member]:
    """Committee members who may be picked as participants: for a tambon's event the serving ศอช. members
    (tambon and district) and the serving members of every committee of the tambon in force; for a
    district's or province's event the members of its own committees in force. Not those already listed."""
    if not may_view(user, event):
        return []
    serving = Member.objects.filter(sitting_q(timezone.localdate()), order__state=OrderState.IN_FORCE)
    if event.tambon_id:
        members = socho_members_for_tambon(user, event.tambon) | serving.filter(
            order__committee__tambon_id=event.tambon_id
        )
    elif event.district_id:
        members = serving.filter(
            order__committee__district_id=event.district_id, order__committee__tambon=None
        )
    else:
        members = serving.filter(
            order__committee__province_id=event.province_id, order__committee__district=None
        )
    members = members.exclude(attendances__event=event).select_related(
        "position",
        "order__committee__kind",
        "order__committee__province",
        "order__committee__district",
        "order__committee__tambon",
        "order__committee__village",
    )
    return list(
        members.order_by(
            "order__committee__kind__sort_order",
            "order__committee__area_code",
            "position__sort_order",
            "sort_order",
            "id",
        )
    )


def attendee_for(user, pk: int) -> Attendee:
    attendee = get_object_or_404(Attendee.objects.select_related("event"), pk=pk)
    require_view(user, attendee)
    return attendee


def photo_for(user, pk: int) -> EventPhoto:
    photo = get_object_or_404(EventPhoto.objects.select_related("event"), pk=pk)
    require_view(user, photo)
    return photo


@dataclass(frozen=True)
class CheckinLink:
    """What a public check-in link names: the event and the day it is valid (None for a link without a
    day, made before links had one)."""

    event: Event
    day: date | None


def checkin_link(token: str) -> CheckinLink | None:
    """The event and day a public check-in link points to (no user: the token is the permission); None
    for an unknown event or a forged day."""
    if not CHECKIN_TOKEN_RE.fullmatch(token or ""):
        return None
    read = read_checkin_day_token(token)
    if read is None:
        return None
    event_token, day = read
    event = (
        Event.objects.select_related("province", "district", "tambon", "village")
        .filter(checkin_token=event_token)
        .first()
    )
    return CheckinLink(event, day) if event is not None else None


# ------------------------------------------------------------------ for the planning app


@dataclass(frozen=True)
class WorkshopSummary:
    """A tambon's tambon-plan workshops (ประชุมเชิงปฏิบัติการจัดทำแผนพัฒนาตำบล) in a fiscal year.

    held: a workshop has started (its starts_at is in the past); latest_date: the local date of the latest
    one held; participants and socho: summed over the workshops held; workshops: how many were held;
    next_date: the date of the next one scheduled, if any.
    """

    held: bool = False
    latest_date: date | None = None
    participants: int = 0
    socho: int = 0
    workshops: int = 0
    next_date: date | None = None


def _workshops_in(scope: Scope, fiscal_year: int) -> QuerySet[Event]:
    return events_in(scope).filter(fiscal_year=fiscal_year, kind=EventKind.WORKSHOP)


def _held(as_of: datetime | None = None) -> Q:
    """A workshop counts as held once it has started (the one rule of the summaries and national counts);
    started by ``as_of``, default now."""
    return Q(starts_at__lte=as_of or timezone.now())


def workshop_summary(user, *, fiscal_year: int, tambon_codes: Iterable[str]) -> dict[str, WorkshopSummary]:
    """For each tambon code, its workshop summary (an empty one when there is none or it is out of scope).

    One query whatever the number of tambons: the workshops with their participants annotated.
    """
    return workshop_summary_in(scope_of(user), fiscal_year=fiscal_year, tambon_codes=tambon_codes)


def workshop_summary_in(
    scope: Scope, *, fiscal_year: int, tambon_codes: Iterable[str], as_of: datetime | None = None
) -> dict[str, WorkshopSummary]:
    """``workshop_summary`` for a scope (the nation for the public open data), held as of ``as_of``
    (default: now)."""
    codes = sorted(set(tambon_codes))
    if not codes:
        return {}
    events = (
        with_participants(_workshops_in(scope, fiscal_year).filter(tambon_id__in=codes))
        .annotate(is_held=ExpressionWrapper(_held(as_of), output_field=BooleanField()))
        .values_list("tambon_id", "starts_at", "is_held", "named", "counted", "socho_named", "socho_counted")
    )
    found: dict[str, dict] = {}
    for tambon_id, starts_at, is_held, named, counted, socho_named, socho_counted in events.order_by(
        "starts_at"
    ):
        entry = found.setdefault(tambon_id, {"held": False, "workshops": 0, "participants": 0, "socho": 0})
        day = timezone.localtime(starts_at, BANGKOK).date()
        if is_held:
            entry["held"] = True
            entry["latest_date"] = day
            entry["workshops"] += 1
            entry["participants"] += named + counted
            entry["socho"] += socho_named + socho_counted
        elif "next_date" not in entry:
            entry["next_date"] = day
    return {code: WorkshopSummary(**found.get(code, {})) for code in codes}


def workshops_held_by_province(user, *, fiscal_year: int) -> dict[str, int]:
    """Per province code, how many tambons have held a tambon-plan workshop in the year (one query)."""
    return workshops_held_by_province_in(scope_of(user), fiscal_year=fiscal_year)


def workshops_held_by_province_in(scope: Scope, *, fiscal_year: int) -> dict[str, int]:
    """``workshops_held_by_province`` for a scope."""
    held = _workshops_in(scope, fiscal_year).filter(_held(), tambon__isnull=False)
    counts = held.values("province_id").annotate(n=Count("tambon", distinct=True))
    return {entry["province_id"]: entry["n"] for entry in counts}


# ------------------------------------------------------------------ for the API


def events_list(user, *, area: str | None = None, fiscal_year: int | None = None, kind: str | None = None):
    """The events the user may view (as ``events_for``), optionally within an area, of a fiscal year and a
    kind, newest first, annotated by ``with_participants``: one query per page whatever its size."""
    events = visible_events(user).in_area(area)
    if fiscal_year is not None:
        events = events.filter(fiscal_year=fiscal_year)
    if kind:
        events = events.filter(kind=kind)
    events = with_participants(events.select_related("province", "district", "tambon", "village"))
    return events.order_by("-starts_at", "-id")


def attendees_of(event: Event) -> QuerySet[Attendee]:
    """The event's named attendees, in the order they were added, with what ``Attendee.is_socho`` reads
    (the caller has checked that the user may view the event)."""
    return event.attendees.select_related("member__order__committee__kind").order_by("created_at", "id")


# ------------------------------------------------------------------ for the home page


def events_without_attendance(user, *, fiscal_year: int, area_code: str | None = None) -> list[Event]:
    """The year's events the user may change (at or below its own area: ``Scope.covers``) that have started
    and have no attendee and no count recorded, earliest first; only those of one area when ``area_code`` is
    given (a province's own events). One query."""
    events = Event.objects.in_scope(user).filter(fiscal_year=fiscal_year, starts_at__lte=timezone.now())
    if area_code is not None:
        events = events.filter(area_code=area_code)
    events = with_participants(events.select_related("province", "district", "tambon", "village"))
    return list(events.filter(named=0, counted=0).order_by("starts_at", "id"))
