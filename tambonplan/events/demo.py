"""Demo events for Mueang Ubon: held and scheduled tambon-plan workshops with attendance, a district
training and a partner meeting. Hua Ruea's workshop is under way, expects more than CHECKIN_CODE_ABOVE
people and so asks for a check-in code, as the services would set it. Called by seed_demo after
seed_committees()."""

import random
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from tambonplan.areas.models import Tambon
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
from tambonplan.thai.dates import current_fiscal_year

MUEANG = "3401"
IN_PROGRESS = "340104"  # Hua Ruea
PEOPLE = ("นายทองใบ ศรีสุข", "นางบัวผัน บุญมา", "นายคำพอง แก้วมณี", "นางสาวมาลัย พรมมา", "นายสุรชัย ทองดี")


def _at(day_offset: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=day_offset)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _event(*, kind, title, starts_at, hours, area, venue, creator, expected: int) -> Event:
    links = {"area_code": area.code, "province_id": area.code[:2], "district_id": area.code[:4]}
    if len(area.code) == 6:
        links["tambon_id"] = area.code
    return Event.objects.create(
        kind=kind,
        fiscal_year=current_fiscal_year(),
        title=title,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=hours),
        checkin_closes_at=starts_at + timedelta(hours=hours) + CHECKIN_GRACE,
        venue=venue,
        expected_attendance=expected,
        checkin_code=new_checkin_code() if expected > CHECKIN_CODE_ABOVE else "",
        created_by=creator,
        agenda="๑. ประธานแจ้งเพื่อทราบ\n๒. ทบทวนแผนพัฒนาหมู่บ้านและข้อมูล จปฐ./กชช.๒ค\n๓. จัดลำดับความสำคัญของปัญหา\n"
        "๔. จัดทำร่างแผนพัฒนาตำบล",
        **links,
    )


@transaction.atomic
def seed_events(seed: int = 3401) -> int:
    """Workshops for the tambons of Mueang Ubon (half held, half scheduled); returns how many events."""
    if Event.objects.filter(district_id=MUEANG).exists():
        return 0
    rng = random.Random(seed)
    users = get_user_model().objects
    creator = users.filter(username="mueang_district").first()
    facilitators = list(users.filter(username__in=("mueang_district", "huaruea_tambon")))
    tambons = list(Tambon.objects.filter(district_id=MUEANG).select_related("district").order_by("code"))
    made = 0
    for index, tambon in enumerate(tambons):
        held = index % 2 == 0 or tambon.code == IN_PROGRESS
        if tambon.code == IN_PROGRESS:  # under way now: its QR check-in is open
            starts_at = timezone.now().replace(minute=0, second=0, microsecond=0) - timedelta(hours=1)
        else:
            starts_at = _at(-rng.randint(1, 20) if held else rng.randint(3, 30), 9)
        event = _event(
            kind=EventKind.WORKSHOP,
            title=f"ประชุมเชิงปฏิบัติการจัดทำแผนพัฒนาตำบล{tambon.name_th}",
            starts_at=starts_at,
            hours=7,
            area=tambon,
            venue=f"ศาลาประชาคมตำบล{tambon.name_th}",
            creator=creator,
            expected=80 if tambon.code == IN_PROGRESS else 40,
        )
        event.facilitators.set(facilitators)
        made += 1
        if not held:
            continue
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
    if tambons:
        district = tambons[0].district
        training = _event(
            kind=EventKind.ORIENTATION,
            title="อบรมสร้างความเข้าใจกระบวนการจัดทำแผนพัฒนาตำบล",
            starts_at=_at(-30, 9),
            hours=6,
            area=district,
            venue=f"ห้องประชุมที่ว่าการอำเภอ{district.name_th}",
            creator=creator,
            expected=50,
        )
        training.facilitators.set(facilitators)
        AttendanceCount.objects.create(event=training, group=AttendeeGroup.OFFICIALS, count=14)
        AttendanceCount.objects.create(event=training, group=AttendeeGroup.NETWORKS, count=36)
        _event(
            kind=EventKind.COORDINATION,
            title="ประชุมประสานภาคีการพัฒนาเพื่อบูรณาการงบประมาณ",
            starts_at=_at(12, 13),
            hours=3,
            area=district,
            venue=f"ห้องประชุมที่ว่าการอำเภอ{district.name_th}",
            creator=creator,
            expected=30,
        )
        made += 2
    return made
