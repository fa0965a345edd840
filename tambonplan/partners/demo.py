"""Demo partners for Ubon Ratchathani: every type of partner with its areas and focus; in FY2566, the year
of the demo circular, commitments on the projects of every district's plans, most delivered by mid-2023 with
their milestones done; in the current year, commitments in every status on the demo projects, and milestones
with progress on some of them."""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from tambonplan.funding.ledger import entries_for_commitments
from tambonplan.funding.models import FundingEntry
from tambonplan.partners.models import (
    Commitment,
    CommitmentKind,
    CommitmentStatus,
    Milestone,
    Partner,
    PartnerArea,
    PartnerLevel,
    PartnerType,
    ProgressOverride,
)
from tambonplan.partners.names import name_key
from tambonplan.partners.selectors import abbreviations_for
from tambonplan.planning.demo import PAST_YEAR
from tambonplan.planning.models import NeedCategory, Project
from tambonplan.thai.dates import current_fiscal_year

UBON = "34"
T = PartnerType
L = PartnerLevel
# name, type, level, areas, focus categories, contact
PARTNERS = (
    (
        "องค์การบริหารส่วนตำบลหัวเรือ",
        T.LOCAL_GOVERNMENT,
        L.LOCAL,
        ("340104",),
        ("ด้านโครงสร้างพื้นฐาน",),
        "นายสมพงษ์ ใจดี",
    ),
    (
        "เทศบาลเมืองวารินชำราบ",
        T.LOCAL_GOVERNMENT,
        L.LOCAL,
        ("3415",),
        ("ด้านโครงสร้างพื้นฐาน", "ด้านสาธารณสุข"),
        "นางสาวมาลี ศรีสุข",
    ),
    (
        "องค์การบริหารส่วนจังหวัดอุบลราชธานี",
        T.LOCAL_GOVERNMENT,
        L.PROVINCIAL,
        ("34",),
        ("ด้านโครงสร้างพื้นฐาน",),
        "นายวีระ ทองดี",
    ),
    ("สำนักงานเกษตรจังหวัดอุบลราชธานี", T.GOVERNMENT, L.PROVINCIAL, ("34",), ("ด้านเศรษฐกิจ",), "นายประสิทธิ์ คำมา"),
    ("สำนักงานชลประทานที่ 7", T.GOVERNMENT, L.PROVINCIAL, ("34",), ("ด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม",), ""),
    ("สำนักงานสาธารณสุขจังหวัดอุบลราชธานี", T.GOVERNMENT, L.PROVINCIAL, ("34",), ("ด้านสาธารณสุข",), ""),
    (
        "สำนักงานสาธารณสุขอำเภอเมืองอุบลราชธานี",
        T.GOVERNMENT,
        L.DISTRICT,
        ("3401",),
        ("ด้านสาธารณสุข",),
        "นางสาวอรอุมา บุญมา",
    ),
    ("โรงพยาบาลส่งเสริมสุขภาพตำบลหัวเรือ", T.GOVERNMENT, L.LOCAL, ("340104",), ("ด้านสาธารณสุข",), ""),
    (
        "มหาวิทยาลัยอุบลราชธานี",
        T.ACADEMIC,
        L.PROVINCIAL,
        ("34",),
        ("ด้านเศรษฐกิจ", "ด้านการศึกษา"),
        "ผศ.ดร.กนกวรรณ แสงทอง",
    ),
    ("มหาวิทยาลัยราชภัฏอุบลราชธานี", T.ACADEMIC, L.PROVINCIAL, ("3401",), ("ด้านการศึกษา",), ""),
    (
        "บริษัท อุบลพัฒนาการเกษตร จำกัด",
        T.PRIVATE,
        L.PROVINCIAL,
        ("3401", "3415"),
        ("ด้านเศรษฐกิจ",),
        "คุณธนากร วงศ์ใหญ่",
    ),
    (
        "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร สาขาอุบลราชธานี",
        T.PRIVATE,
        L.PROVINCIAL,
        ("34",),
        ("ด้านเศรษฐกิจ",),
        "",
    ),
    (
        "มูลนิธิเพื่อนเยาวชนอีสาน",
        T.CIVIL_SOCIETY,
        L.PROVINCIAL,
        ("34",),
        ("ด้านสังคมและคุณภาพชีวิต", "ด้านความมั่นคงและความปลอดภัย"),
        "",
    ),
    ("มูลนิธิรักษ์ลำโดมใหญ่", T.CIVIL_SOCIETY, L.DISTRICT, ("3401",), ("ด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม",), ""),
    ("วัดหนองป่าพง", T.RELIGIOUS, L.DISTRICT, ("3415",), ("ด้านสังคมและคุณภาพชีวิต",), "พระครูสังฆรักษ์"),
    ("วัดศรีอุบลรัตนาราม", T.RELIGIOUS, L.LOCAL, ("3401",), ("ด้านสังคมและคุณภาพชีวิต",), ""),
    ("วิสาหกิจชุมชนกลุ่มทอผ้าไหมบ้านหัวเรือ", T.COMMUNITY, L.LOCAL, ("340104",), ("ด้านเศรษฐกิจ",), "นางบัวผัน พรมมา"),
    ("วิสาหกิจชุมชนข้าวอินทรีย์วารินชำราบ", T.COMMUNITY, L.LOCAL, ("3415",), ("ด้านเศรษฐกิจ",), ""),
    (
        "UNDP Thailand (โครงการพัฒนาแห่งสหประชาชาติ ประเทศไทย)",
        T.INTERNATIONAL,
        L.NATIONAL,
        ("34",),
        ("ด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม",),
        "",
    ),
)
IN_KIND = (
    (CommitmentKind.MATERIALS, "ปูนซีเมนต์และหินคลุก"),
    (CommitmentKind.LABOUR, "แรงงานจิตอาสาจากชุมชน 20 คน 5 วัน"),
    (CommitmentKind.TECHNICAL, "วิทยากรและที่ปรึกษาด้านการตลาด"),
    (CommitmentKind.EQUIPMENT, "รถขุดพร้อมพนักงานขับ 3 วัน"),
)
MILESTONES = (("สำรวจและออกแบบ", 10), ("จัดซื้อจัดจ้าง", 20), ("ดำเนินการ", 50), ("ตรวจรับและส่งมอบ", 20))
# FY2566's commitments were proposed when the plans were forwarded, from late March 2023.
PAST_YEAR_PROPOSED_FROM = date(2023, 3, 20)
PAST_YEAR_STATUSES = (
    CommitmentStatus.DELIVERED,
    CommitmentStatus.DELIVERED,
    CommitmentStatus.DELIVERED,
    CommitmentStatus.APPROVED,
    CommitmentStatus.PLEDGED,
    CommitmentStatus.CANCELLED,
)
STATUS_PATH = [
    CommitmentStatus.PROPOSED,
    CommitmentStatus.PLEDGED,
    CommitmentStatus.APPROVED,
    CommitmentStatus.DELIVERED,
]


def _partners(categories: dict) -> list[Partner]:
    made = []
    abbreviations = abbreviations_for(UBON)
    for name, ptype, level, areas, focus, contact in PARTNERS:
        partner = Partner.objects.create(
            name=name,
            name_key=name_key(name, abbreviations) or name,
            partner_type=ptype,
            level=level,
            province_id=UBON,
            contact_name=contact,
            phone=f"045-{random.Random(name).randint(200000, 399999)}",
        )
        partner.focus_categories.set([categories[c] for c in focus if c in categories])
        PartnerArea.objects.bulk_create([PartnerArea(partner=partner, area_code=code) for code in areas])
        made.append(partner)
    return made


def _stamp(commitment: Commitment, status: str, start, rng: random.Random, today) -> None:
    """Walk the commitment along the legal path up to `status`, stamping each date."""
    day = start
    commitment.proposed_on = day
    if status == CommitmentStatus.CANCELLED:
        commitment.status, commitment.cancelled_on = (
            status,
            min(today, day + timedelta(days=rng.randint(5, 30))),
        )
        return
    for step in STATUS_PATH[1 : STATUS_PATH.index(status) + 1]:
        day = min(today, day + timedelta(days=rng.randint(5, 30)))
        setattr(commitment, f"{step}_on", day)
    commitment.status = status


def _commitment(project: Project, partner: Partner, year: int, rng: random.Random) -> Commitment:
    """An unsaved commitment of the partner to the project for the year: money or in kind."""
    budget = next((b.amount for b in project.budgets.all() if b.fiscal_year == year), Decimal(0))
    commitment = Commitment(project=project, partner=partner, fiscal_year=year)
    if rng.random() < 0.7 or not budget:
        commitment.kind = CommitmentKind.BUDGET
        share = Decimal(rng.choice((25, 40, 50, 60, 80, 100))) / 100
        commitment.amount = ((budget or Decimal(20_000)) * share).quantize(Decimal(1))
    else:
        commitment.kind, commitment.in_kind_description = rng.choice(IN_KIND)
        commitment.estimated_value = (budget * Decimal("0.2")).quantize(Decimal(1))
    return commitment


def _projects(year: int) -> list[Project]:
    return list(
        Project.objects.filter(plan__fiscal_year=year, plan__tambon__district__province_id=UBON)
        .select_related("plan")
        .prefetch_related("budgets")
        .order_by("plan__tambon_id", "priority", "id")
    )


def _partner_for(project: Project, partners: list[Partner], areas: dict, rng: random.Random) -> Partner:
    """A partner working in the project's tambon, else any partner of the province."""
    local = [p for p in partners if any(project.plan.tambon_id.startswith(code) for code in areas[p.pk])]
    return rng.choice(local or partners)


def _past_year(partners: list[Partner], areas: dict, rng: random.Random, today) -> None:
    """FY2566: six to ten projects of each district supported, the first one delivered; the delivered ones'
    milestones done between approval and delivery."""
    by_district: dict[str, list[Project]] = {}
    for project in _projects(PAST_YEAR):
        by_district.setdefault(project.plan.tambon_id[:4], []).append(project)
    commitments = []
    for _district, projects in sorted(by_district.items()):
        chosen = rng.sample(projects, k=min(len(projects), rng.randint(6, 10)))
        for index, project in enumerate(chosen):
            commitment = _commitment(project, _partner_for(project, partners, areas, rng), PAST_YEAR, rng)
            status = CommitmentStatus.DELIVERED if index == 0 else rng.choice(PAST_YEAR_STATUSES)
            start = PAST_YEAR_PROPOSED_FROM + timedelta(days=rng.randint(0, 20))
            _stamp(commitment, status, start, rng, today)
            commitments.append(commitment)
    Commitment.objects.bulk_create(commitments)
    FundingEntry.objects.bulk_create(entries_for_commitments(commitments))
    milestones = []
    for commitment in commitments:
        if commitment.status != CommitmentStatus.DELIVERED:
            continue
        start, span = commitment.approved_on, (commitment.delivered_on - commitment.approved_on).days
        for order, (name, weight) in enumerate(MILESTONES, start=1):
            day = start + timedelta(days=span * order // len(MILESTONES))
            milestones.append(
                Milestone(
                    project=commitment.project,
                    name=name,
                    weight=weight,
                    due_on=day,
                    done_on=day,
                    sort_order=order,
                )
            )
    Milestone.objects.bulk_create(milestones)


def _current_year(partners: list[Partner], areas: dict, rng: random.Random, today) -> None:
    """This year: commitments in every status on projects of Mueang and Warin and a sample elsewhere, and
    milestones under way on the approved and delivered ones."""
    year = current_fiscal_year()
    projects = _projects(year)
    statuses = [*STATUS_PATH, CommitmentStatus.CANCELLED]
    commitments = []
    # Mueang and Warin first, so the demo district pages are full; then a sample elsewhere.
    near = [p for p in projects if p.plan.tambon_id[:4] in ("3401", "3415")]
    far = [p for p in projects if p.plan.tambon_id[:4] not in ("3401", "3415")]
    chosen = rng.sample(near, k=min(len(near), 60)) + rng.sample(far, k=min(len(far), 60))
    for index, project in enumerate(chosen):
        commitment = _commitment(project, _partner_for(project, partners, areas, rng), year, rng)
        status = (
            statuses[index % len(statuses)]
            if index < 10
            else rng.choice(statuses + [CommitmentStatus.APPROVED])
        )
        _stamp(commitment, status, today - timedelta(days=rng.randint(60, 150)), rng, today)
        commitments.append(commitment)
    Commitment.objects.bulk_create(commitments)
    FundingEntry.objects.bulk_create(entries_for_commitments(commitments))
    for index, commitment in enumerate(c for c in commitments if c.status in ("approved", "delivered")):
        milestones = []
        done = rng.randint(0, len(MILESTONES))
        start = commitment.approved_on or today
        for order, (name, weight) in enumerate(MILESTONES, start=1):
            due = start + timedelta(days=30 * order)
            milestones.append(
                Milestone(
                    project=commitment.project,
                    name=name,
                    weight=weight,
                    due_on=due,
                    done_on=min(today, due) if order <= done else None,
                    sort_order=order,
                )
            )
        Milestone.objects.bulk_create(milestones)
        if index == 0:
            ProgressOverride.objects.create(
                project=commitment.project, percent=70, reason="ผู้รับจ้างรายงานผลงานจริงเกินงวดที่ตรวจรับ"
            )


@transaction.atomic
def seed_partners(seed: int = 2569) -> int:
    """Partners, commitments and milestones for Ubon; nothing when the province already has partners."""
    if Partner.objects.filter(province_id=UBON).exists():
        return 0
    rng = random.Random(seed)
    today = timezone.localdate()
    categories = {c.name_th: c for c in NeedCategory.objects.all()}
    partners = _partners(categories)
    areas: dict[int, list[str]] = {}
    for area in PartnerArea.objects.filter(partner__in=partners):
        areas.setdefault(area.partner_id, []).append(area.area_code)
    _past_year(partners, areas, rng, today)
    _current_year(partners, areas, rng, today)
    return len(partners)
