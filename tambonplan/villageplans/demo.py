"""Demo village plans of Hua Ruea (340104, Mueang Ubon) for FY2566 and the current fiscal year.

Each village held its forum (a village_forum event with the attendance counted by group) in the weeks before
the plan's "review the village plans" step was done, and its village committee approved the plan a few days
later. Items of every class: the needs planning's demo put in the village become the village plan's
ทำร่วม/ขอรับการสนับสนุน items linked to them (their source set to the village plan: no second copy), more
support items are pulled through the service, and ทำเอง items stay in the village. This year two villages
have not approved their plan yet, one has no plan, and a few items wait to be pulled.

Called by seed_demo after seed_events: the events demo seeds nothing once Mueang Ubon has an event.
"""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from tambonplan.areas.models import Tambon
from tambonplan.events.models import (
    CHECKIN_CODE_ABOVE,
    CHECKIN_GRACE,
    AttendanceCount,
    AttendeeGroup,
    Event,
    EventKind,
    new_checkin_code,
)
from tambonplan.planning.demo import HUA_RUEA, PAST_YEAR
from tambonplan.planning.models import NeedCategory, NeedSource, ProjectClass, StepKind, TambonPlan
from tambonplan.thai.dates import current_fiscal_year, fiscal_year_start
from tambonplan.villageplans.models import VillagePlan, VillagePlanItem
from tambonplan.villageplans.services import pull_into_tambon_plan

OFFICER = "huaruea_tambon"
# Who the village works with or asks, by the need's category: (class, partner).
PARTNERS = {
    "ด้านโครงสร้างพื้นฐาน": ("support", "องค์การบริหารส่วนตำบลหัวเรือ"),
    "ด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม": ("support", "สำนักงานชลประทานที่ 7"),
    "ด้านเศรษฐกิจ": ("joint", "สำนักงานพัฒนาชุมชนอำเภอเมืองอุบลราชธานี"),
    "ด้านสาธารณสุข": ("joint", "โรงพยาบาลส่งเสริมสุขภาพตำบลหัวเรือ"),
    "ด้านสังคมและคุณภาพชีวิต": ("joint", "องค์การบริหารส่วนตำบลหัวเรือ"),
    "ด้านการศึกษา": ("support", "องค์การบริหารส่วนตำบลหัวเรือ"),
    "ด้านความมั่นคงและความปลอดภัย": ("joint", "สถานีตำรวจภูธรเมืองอุบลราชธานี"),
}
# Items the village does itself: (category, description).
OWN_ITEMS = (
    ("ด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม", "รณรงค์คัดแยกขยะในครัวเรือนและทำปุ๋ยหมักจากเศษอาหาร"),
    ("ด้านเศรษฐกิจ", "ปลูกผักสวนครัวรั้วกินได้ลดรายจ่ายครัวเรือน"),
    ("ด้านเศรษฐกิจ", "ระดมเงินออมกลุ่มออมทรัพย์เพื่อการผลิตเดือนละครั้ง"),
    ("ด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม", "ทำความสะอาดถนนและที่สาธารณะในหมู่บ้านทุกเดือน"),
    ("ด้านความมั่นคงและความปลอดภัย", "จัดเวรยามอาสาดูแลความปลอดภัยในหมู่บ้านช่วงเทศกาล"),
    ("ด้านสาธารณสุข", "ออกกำลังกายร่วมกันของผู้สูงอายุทุกเย็นที่ศาลากลางบ้าน"),
)
# Items beyond the village, pulled (or left waiting): (category, class, partner, description, budget).
MORE_ITEMS = (
    ("ด้านโครงสร้างพื้นฐาน", "support", "องค์การบริหารส่วนตำบลหัวเรือ", "ขยายเขตไฟฟ้าเพื่อการเกษตรเข้าพื้นที่นา", 350_000),
    ("ด้านโครงสร้างพื้นฐาน", "support", "องค์การบริหารส่วนตำบลหัวเรือ", "วางท่อระบายน้ำถนนสายกลางหมู่บ้าน", 280_000),
    ("ด้านเศรษฐกิจ", "joint", "สำนักงานเกษตรอำเภอเมืองอุบลราชธานี", "อบรมการทำเกษตรอินทรีย์และตลาดสีเขียว", 40_000),
    ("ด้านการศึกษา", "support", "องค์การบริหารส่วนตำบลหัวเรือ", "จัดหาสื่อการเรียนรู้ให้ศูนย์พัฒนาเด็กเล็ก", 60_000),
    ("ด้านสังคมและคุณภาพชีวิต", "joint", "สภาเด็กและเยาวชนตำบลหัวเรือ", "ลานกิจกรรมสร้างสรรค์สำหรับเยาวชน", 90_000),
)  # fmt: skip
APPROVAL_NOTE = "ที่ประชุมคณะกรรมการหมู่บ้านมีมติเห็นชอบแผนพัฒนาหมู่บ้านตามที่เวทีประชาคมทบทวน"
FORUM_MINUTES = (
    "ทบทวนแผนพัฒนาหมู่บ้าน จัดลำดับความสำคัญของปัญหาด้วยคะแนนเสียง และแยกรายการที่ทำเอง ทำร่วม และขอรับการสนับสนุน"
)
FORUM_GROUPS = (
    (AttendeeGroup.LEADERS, 8, 15),
    (AttendeeGroup.NETWORKS, 5, 12),
    (AttendeeGroup.OFFICIALS, 1, 3),
    (AttendeeGroup.OTHERS, 25, 70),
)


def _working_day_before(day: date, days: int) -> date:
    """`days` working days before `day` (weekends skipped)."""
    while days > 0 or day.weekday() >= 5:
        day -= timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def _review_done_on(plan: TambonPlan | None, today: date) -> date:
    """The day the tambon plan's step of reviewing the village plans (else its first step) was done, else a
    month ago."""
    step = None
    if plan is not None:
        done = plan.steps.filter(done_on__isnull=False)
        step = done.filter(definition__kind=StepKind.VILLAGE_FORUMS).first()
        step = step or done.order_by("definition__sort_order").first()
    return step.done_on if step is not None else today - timedelta(days=30)


def _forum(village, fiscal_year: int, day: date, creator, rng: random.Random) -> Event:
    starts_at = timezone.make_aware(datetime.combine(day, time(rng.choice((9, 13, 18)), 0)))
    expected = rng.randint(40, 90)
    event = Event(
        kind=EventKind.VILLAGE_FORUM,
        fiscal_year=fiscal_year,
        title=f"เวทีประชาคมทบทวนแผนพัฒนาหมู่บ้าน หมู่ที่ {village.moo} {village.name_th}",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=3),
        checkin_closes_at=starts_at + timedelta(hours=3) + CHECKIN_GRACE,
        venue=f"ศาลากลางบ้าน{village.name_th.removeprefix('บ้าน')}",
        area_code=village.code,
        province_id=village.code[:2],
        district_id=village.code[:4],
        tambon_id=village.tambon_id,
        village=village,
        expected_attendance=expected,
        checkin_code=new_checkin_code() if expected > CHECKIN_CODE_ABOVE else "",
        minutes=FORUM_MINUTES,
        created_by=creator,
    )
    event.save()
    for group, low, high in FORUM_GROUPS:
        AttendanceCount.objects.create(event=event, group=group, count=rng.randint(low, high))
    return event


def _year(tambon, villages, fiscal_year: int, officer, rng: random.Random, today: date) -> int:
    """One year's plans of the tambon's villages; how many plans were made."""
    current = fiscal_year == current_fiscal_year()
    tambon_plan = TambonPlan.objects.filter(tambon=tambon, fiscal_year=fiscal_year).first()
    done_on = min(_review_done_on(tambon_plan, today), today)
    categories = {c.name_th: c for c in NeedCategory.objects.all()}
    classes = {c.code: c for c in ProjectClass.objects.all()}
    needs = {}
    if tambon_plan is not None:
        for need in tambon_plan.needs.filter(village__isnull=False).select_related("category"):
            needs.setdefault(need.village_id, []).append(need)
    first_day = fiscal_year_start(fiscal_year)
    made, waiting = 0, 0
    for index, village in enumerate(villages):
        if current and index == len(villages) - 1:
            continue  # this village has not made its plan yet
        approved = not (current and index >= len(villages) - 3)
        day = max(_working_day_before(done_on, 1 + (len(villages) - index) // 2), first_day)
        forum = _forum(village, fiscal_year, day, officer, rng)
        plan = VillagePlan.objects.create(
            tambon=tambon,
            fiscal_year=fiscal_year,
            village=village,
            forum=forum,
            approved_on=min(day + timedelta(days=rng.randint(0, 3)), done_on, today) if approved else None,
            approval_note=APPROVAL_NOTE if approved else "",
            created_by=officer,
        )
        made += 1
        priority = 0
        for need in needs.get(village.pk, []):
            class_code, partner = PARTNERS.get(need.category.name_th, ("support", "องค์การบริหารส่วนตำบลหัวเรือ"))
            priority += 1
            VillagePlanItem.objects.create(
                plan=plan,
                description=need.description,
                category=need.category,
                item_class=classes[class_code],
                partner_name=partner,
                estimated_budget=Decimal(rng.randrange(20_000, 600_000, 5_000)),
                priority=priority,
                votes=need.votes,
                need=need,
            )
            if need.source != NeedSource.VILLAGE_PLAN:
                need.source = NeedSource.VILLAGE_PLAN
                need.save(update_fields=["source"])
        for category, class_code, partner, description, budget in rng.sample(MORE_ITEMS, k=rng.randint(1, 2)):
            priority += 1
            item = VillagePlanItem.objects.create(
                plan=plan,
                description=description,
                category=categories[category],
                item_class=classes[class_code],
                partner_name=partner,
                estimated_budget=Decimal(budget),
                priority=priority,
                votes=rng.randint(15, 90),
            )
            if current and (not approved or waiting < 2 and rng.random() < 0.3):
                waiting += 1  # reviewed at the forum, not yet in the tambon plan
            elif officer is not None and tambon_plan is not None:
                pull_into_tambon_plan(officer, item)
        for category, description in rng.sample(OWN_ITEMS, k=rng.randint(1, 3)):
            priority += 1
            VillagePlanItem.objects.create(
                plan=plan,
                description=description,
                category=categories[category],
                item_class=classes["community"],
                estimated_budget=Decimal(rng.choice((0, 2_000, 5_000, 10_000))) or None,
                priority=priority,
                votes=rng.randint(10, 60),
            )
    return made


@transaction.atomic
def seed_village_plans(seed: int = 340104) -> int:
    """Hua Ruea's village plans of FY2566 and of the current year; how many plans were made."""
    if VillagePlan.objects.filter(tambon_id=HUA_RUEA).exists():
        return 0
    tambon = Tambon.objects.filter(code=HUA_RUEA).first()
    villages = list(tambon.villages.order_by("moo")) if tambon else []
    if not villages:
        return 0
    rng = random.Random(seed)
    today = timezone.localdate()
    officer = get_user_model().objects.filter(username=OFFICER).first()
    return sum(
        _year(tambon, villages, year, officer, rng, today) for year in (PAST_YEAR, current_fiscal_year())
    )
