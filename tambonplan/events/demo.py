"""Demo events for Ubon Ratchathani. FY2566, the year of the demo circular: each district's training after
the circular of 14 February 2023 and every tambon's plan workshop on the day its plan records the workshop
step done, with the attendance counted by group from the sign-in sheets. The current year in Mueang Ubon: a
district training, the workshops of the tambons whose plans have passed the workshop step, the others
scheduled, and a partner meeting to come. Hua Ruea's workshop is under way, expects more than
CHECKIN_CODE_ABOVE people and so asks for a check-in code, as the services would set it. Called by seed_demo
after seed_committees() and seed_plans()."""

import random
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from tambonplan.areas.models import District, Tambon
from tambonplan.committees.models import Member, MemberStatus, OrderState
from tambonplan.events.models import (
    CHECKIN_CODE_ABOVE,
    CHECKIN_GRACE,
    AttendanceCount,
    Attendee,
    AttendeeGroup,
    Event,
    EventKind,
    new_checkin_code,
    person_key,
)
from tambonplan.planning.defaults import STEP_NAMES
from tambonplan.planning.demo import PAST_YEAR, UBON_CODE
from tambonplan.planning.models import PlanStep, StepStatus
from tambonplan.thai.dates import current_fiscal_year

MUEANG = "3401"
IN_PROGRESS = "340104"  # Hua Ruea
WORKSHOP_STEP = STEP_NAMES[1]
PEOPLE = ("นายทองใบ ศรีสุข", "นางบัวผัน บุญมา", "นายคำพอง แก้วมณี", "นางสาวมาลัย พรมมา", "นายสุรชัย ทองดี")
AGENDA = (
    "๑. ประธานแจ้งเพื่อทราบ\n๒. ทบทวนแผนพัฒนาหมู่บ้านและข้อมูล จปฐ./กชช.๒ค\n๓. จัดลำดับความสำคัญของปัญหา\n"
    "๔. จัดทำร่างแผนพัฒนาตำบล"
)
TRAINING_TITLE = "อบรมสร้างความเข้าใจกระบวนการจัดทำแผนพัฒนาตำบล"
# FY2566: the districts' trainings from a week after the province's circular (14 February 2023), before the
# workshops of March.
PAST_TRAININGS_FROM = date(2023, 2, 20)
PAST_WORKSHOP_MINUTES = (
    "ที่ประชุมทบทวนแผนพัฒนาหมู่บ้าน จัดลำดับความสำคัญของปัญหา และจัดทำร่างแผนพัฒนาตำบล เพื่อเสนอ ก.บ.ต. ให้ความเห็นชอบ"
)
# Attendance by group from the sign-in sheets: (group, fewest, most).
PAST_WORKSHOP_GROUPS = (
    (AttendeeGroup.SOCHO, 5, 12),
    (AttendeeGroup.LEADERS, 10, 30),
    (AttendeeGroup.NETWORKS, 5, 15),
    (AttendeeGroup.OFFICIALS, 3, 8),
    (AttendeeGroup.PARTNERS, 1, 5),
)
PAST_TRAINING_GROUPS = (
    (AttendeeGroup.OFFICIALS, 8, 15),
    (AttendeeGroup.LEADERS, 10, 20),
    (AttendeeGroup.NETWORKS, 15, 25),
)


def _on(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _at(day_offset: int, hour: int) -> datetime:
    return _on(timezone.localdate() + timedelta(days=day_offset), hour)


def _event(
    *, kind, fiscal_year, title, starts_at, hours, area, venue, creator, expected: int, **fields
) -> Event:
    """An unsaved event of an area (a district or a tambon)."""
    links = {"area_code": area.code, "province_id": area.code[:2], "district_id": area.code[:4]}
    if len(area.code) == 6:
        links["tambon_id"] = area.code
    return Event(
        kind=kind,
        fiscal_year=fiscal_year,
        title=title,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=hours),
        checkin_closes_at=starts_at + timedelta(hours=hours) + CHECKIN_GRACE,
        venue=venue,
        expected_attendance=expected,
        checkin_code=new_checkin_code() if expected > CHECKIN_CODE_ABOVE else "",
        created_by=creator,
        **links,
        **fields,
    )


def _workshop(
    tambon: Tambon, fiscal_year: int, starts_at: datetime, creator, expected: int, **fields
) -> Event:
    return _event(
        kind=EventKind.WORKSHOP,
        fiscal_year=fiscal_year,
        title=f"ประชุมเชิงปฏิบัติการจัดทำแผนพัฒนาตำบล{tambon.name_th}",
        starts_at=starts_at,
        hours=7,
        area=tambon,
        venue=f"ศาลาประชาคมตำบล{tambon.name_th}",
        creator=creator,
        expected=expected,
        agenda=AGENDA,
        **fields,
    )


def _training(district: District, fiscal_year: int, starts_at: datetime, creator) -> Event:
    return _event(
        kind=EventKind.ORIENTATION,
        fiscal_year=fiscal_year,
        title=TRAINING_TITLE,
        starts_at=starts_at,
        hours=6,
        area=district,
        venue=f"ห้องประชุมที่ว่าการอำเภอ{district.name_th}",
        creator=creator,
        expected=50,
    )


def _workshop_days(fiscal_year: int, district_codes: list[str]) -> dict[str, date]:
    """The day each tambon's plan of the year records its workshop step done."""
    steps = PlanStep.objects.filter(
        plan__fiscal_year=fiscal_year,
        plan__tambon__district_id__in=district_codes,
        definition__name_th=WORKSHOP_STEP,
        status=StepStatus.DONE,
    )
    return dict(steps.values_list("plan__tambon_id", "done_on"))


def _save(events: list[Event], counts: list[tuple[Event, str, int]]) -> None:
    bulk_create_with_history(events, Event, batch_size=500, default_change_reason="seed_demo")
    rows = [AttendanceCount(event=event, group=group, count=count) for event, group, count in counts]
    bulk_create_with_history(rows, AttendanceCount, batch_size=1000, default_change_reason="seed_demo")


def _past_year(rng: random.Random, officers: dict) -> int:
    """FY2566 in every district of Ubon: its training, then a workshop in each tambon whose plan records
    one."""
    districts = list(District.objects.active().filter(province_id=UBON_CODE).order_by("code"))
    days = _workshop_days(PAST_YEAR, [district.code for district in districts])
    tambons = list(Tambon.objects.filter(code__in=list(days)).order_by("code"))
    events, counts = [], []
    for index, district in enumerate(districts):
        mine = [tambon for tambon in tambons if tambon.district_id == district.code]
        if not mine:
            continue
        day = PAST_TRAININGS_FROM + timedelta(days=index % 8)
        day -= timedelta(days=max(0, day.weekday() - 4))
        training = _training(district, PAST_YEAR, _on(day, 9), officers.get(district.code))
        events.append(training)
        counts += [(training, group, rng.randint(low, high)) for group, low, high in PAST_TRAINING_GROUPS]
        for tambon in mine:
            workshop = _workshop(
                tambon,
                PAST_YEAR,
                _on(days[tambon.code], 9),
                officers.get(district.code),
                expected=45,
                minutes=PAST_WORKSHOP_MINUTES,
            )
            events.append(workshop)
            counts += [(workshop, group, rng.randint(low, high)) for group, low, high in PAST_WORKSHOP_GROUPS]
    _save(events, counts)
    return len(events)


def _attendees(event: Event, tambon: Tambon, rng: random.Random) -> None:
    """The ศอช. members who signed in by name, three people by QR code, the others counted by group."""
    members = Member.objects.filter(
        order__state=OrderState.IN_FORCE,
        status=MemberStatus.SERVING,
        order__committee__tambon=tambon,
        order__committee__kind__is_socho=True,
    ).select_related("order__committee__kind")[: rng.randint(3, 6)]
    for member in members:
        Attendee.objects.create(
            event=event,
            name=member.full_name,
            group=AttendeeGroup.SOCHO,
            phone=member.phone,
            member=member,
            checkin_key=person_key(member.full_name, member.phone),
        )
    for name in rng.sample(PEOPLE, 3):
        phone = f"08{rng.randint(10_000_000, 99_999_999)}"
        Attendee.objects.create(
            event=event,
            name=name,
            group=rng.choice((AttendeeGroup.LEADERS, AttendeeGroup.NETWORKS)),
            phone=phone,
            via_checkin=True,
            checkin_key=person_key(name, phone),
        )
    for group in (AttendeeGroup.LEADERS, AttendeeGroup.OFFICIALS, AttendeeGroup.PARTNERS):
        AttendanceCount.objects.create(event=event, group=group, count=rng.randint(3, 25))


def _current_year(rng: random.Random, creator, facilitators: list) -> int:
    """This year in Mueang Ubon: the training a month ago, the workshops held on the day the plans record them
    (Hua Ruea's under way now), the others scheduled, and a partner meeting to come."""
    year = current_fiscal_year()
    tambons = list(Tambon.objects.filter(district_id=MUEANG).select_related("district").order_by("code"))
    if not tambons:
        return 0
    days = _workshop_days(year, [MUEANG])
    district = tambons[0].district
    training = _training(district, year, _at(-30, 9), creator)
    training.save()
    training.facilitators.set(facilitators)
    AttendanceCount.objects.create(event=training, group=AttendeeGroup.OFFICIALS, count=14)
    AttendanceCount.objects.create(event=training, group=AttendeeGroup.NETWORKS, count=36)
    for tambon in tambons:
        if tambon.code == IN_PROGRESS:
            starts_at = timezone.now().replace(minute=0, second=0, microsecond=0) - timedelta(hours=1)
        elif tambon.code in days:
            starts_at = _on(days[tambon.code], 9)
        else:
            starts_at = _at(rng.randint(3, 30), 9)
        expected = 80 if tambon.code == IN_PROGRESS else 40
        event = _workshop(tambon, year, starts_at, creator, expected=expected)
        event.save()
        event.facilitators.set(facilitators)
        if starts_at <= timezone.now():
            _attendees(event, tambon, rng)
    _event(
        kind=EventKind.COORDINATION,
        fiscal_year=year,
        title="ประชุมประสานภาคีการพัฒนาเพื่อบูรณาการงบประมาณ",
        starts_at=_at(12, 13),
        hours=3,
        area=district,
        venue=f"ห้องประชุมที่ว่าการอำเภอ{district.name_th}",
        creator=creator,
        expected=30,
    ).save()
    return len(tambons) + 2


@transaction.atomic
def seed_events(seed: int = 3401) -> int:
    """The FY2566 trainings and workshops of Ubon and this year's events of Mueang Ubon; how many events."""
    if Event.objects.filter(district_id=MUEANG).exists():
        return 0
    rng = random.Random(seed)
    users = get_user_model().objects
    creator = users.filter(username="mueang_district").first()
    facilitators = list(users.filter(username__in=("mueang_district", "huaruea_tambon")))
    officers = {MUEANG: creator} if creator else {}
    return _past_year(rng, officers) + _current_year(rng, creator, facilitators)
