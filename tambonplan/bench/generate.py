"""A deterministic national dataset for benchmarks: every area, villages, plans with steps, needs, projects,
budgets and forwarding, committees with orders and members, workshops and orientations with attendance,
partners with commitments and milestones, a circular per province and year and a report per district.

Every random choice comes from ``random.Random`` seeded with the seed and the area (and year) it is for,
never the global random, so the same seed gives the same rows, and a province's data is the same whether
it is built alone (``provinces=["34"]``) or with the whole country. Stored dates derive from the fiscal
year, never from today. Rows are written with ``bulk_create`` (no simple-history rows: bulk writes do not
make them), one transaction per step and province.
"""

import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from tambonplan.accounts.models import Role, User
from tambonplan.areas.demo import NAME_ENDINGS, NAME_PARTS
from tambonplan.areas.models import BANGKOK_CODE, District, Province, Tambon, Village
from tambonplan.areas.services import areas_load
from tambonplan.committees.demo import kbt_lines, member_fields, mister, person, socho_lines
from tambonplan.committees.models import (
    AppointmentOrder,
    Basis,
    Committee,
    CommitteeKind,
    Member,
    MemberStatus,
    OrderReview,
    OrderState,
    Position,
    ReviewDeadline,
    person_name,
)
from tambonplan.directives.demo import INSTRUCTIONS
from tambonplan.directives.models import (
    DEFAULT_TOPICS,
    Acknowledgement,
    Circular,
    DownloadLog,
    Enclosure,
    Instruction,
)
from tambonplan.events.models import (
    CHECKIN_GRACE,
    AttendanceCount,
    Attendee,
    AttendeeGroup,
    Event,
    EventKind,
    EventPhoto,
    person_key,
)
from tambonplan.events.models import name_key as attendee_name_key
from tambonplan.funding.ledger import entries_for_commitments
from tambonplan.funding.models import ForwardingAnswer, FundingEntry
from tambonplan.partners.demo import IN_KIND, MILESTONES, STATUS_PATH
from tambonplan.partners.integration import SECURED
from tambonplan.partners.models import (
    Commitment,
    CommitmentKind,
    CommitmentStatus,
    CoordinationRecord,
    Milestone,
    MilestoneEvidence,
    Partner,
    PartnerArea,
    PartnerLevel,
    PartnerType,
    ProgressOverride,
)
from tambonplan.partners.names import name_key
from tambonplan.partners.selectors import abbreviations_for
from tambonplan.planning.demo import NEEDS, PROJECT_CATEGORIES, PROJECTS
from tambonplan.planning.models import (
    Forwarding,
    ForwardOutcome,
    Need,
    NeedCategory,
    NeedSource,
    PlanStep,
    Project,
    ProjectBudget,
    ProjectClass,
    ProjectStatus,
    StepEvidence,
    StepStatus,
    TambonPlan,
)
from tambonplan.planning.services import step_definitions_ensure
from tambonplan.reports.content import (
    TOPIC_FIGURES,
    Figure,
    Item,
    ReportContent,
    Reporter,
    Section,
    district_figures,
    to_json,
)
from tambonplan.reports.demo import PROBLEMS, SUGGESTIONS
from tambonplan.reports.models import (
    DistrictReport,
    FigureOverride,
    InstructionResult,
    Reminder,
    ReportEvent,
    ReportItem,
    ReportState,
    ReportVersion,
    ResultStatus,
    ReviewAction,
)
from tambonplan.reports.timeliness import is_on_time
from tambonplan.thai.dates import BANGKOK, current_fiscal_year, fiscal_year_start
from tambonplan.thai.digits import localize_digits

DEFAULT_SEED = 2569
DEFAULT_PROJECTS_PER_PLAN = 20
TARGET_PARTNERS = 5_000
BATCH = 2_000
BENCH_PASSWORD = "Bench-2569-tambonplan"
# username, role, province, district, tambons
BENCH_USERS = (
    ("bench_admin", Role.ADMIN, None, None, ()),
    ("bench_department", Role.DEPARTMENT, None, None, ()),
    ("bench_province", Role.PROVINCE, "34", None, ()),
    ("bench_district", Role.DISTRICT, "34", "3401", ()),
    ("bench_tambon", Role.TAMBON, "34", "3401", ("340104", "340105")),
)
# Stages of a plan (share of its steps done): the older years are mostly finished, the newest under way.
OLD_STAGES = (1.0, 1.0, 1.0, 1.0, 0.86, 0.71, 0.57)
NEW_STAGES = (0.0, 0.15, 0.3, 0.45, 0.6, 0.85)
OUTCOMES = (
    ForwardOutcome.PENDING,
    ForwardOutcome.ACCEPTED,
    ForwardOutcome.FUNDED,
    ForwardOutcome.REJECTED,
    ForwardOutcome.UNDER_WAY,
    ForwardOutcome.DONE,
    ForwardOutcome.NOT_DONE,
)
OUTCOME_STATUS = {
    ForwardOutcome.ACCEPTED: ProjectStatus.ACCEPTED,
    ForwardOutcome.FUNDED: ProjectStatus.FUNDED,
    ForwardOutcome.UNDER_WAY: ProjectStatus.UNDER_WAY,
    ForwardOutcome.DONE: ProjectStatus.DONE,
    ForwardOutcome.NOT_DONE: ProjectStatus.NOT_DONE,
}
COMMITMENT_STATUSES = (*STATUS_PATH, CommitmentStatus.APPROVED, CommitmentStatus.CANCELLED)
PRODUCTS = ("ทอผ้าไหม", "ข้าวอินทรีย์", "จักสาน", "แปรรูปสมุนไพร", "เลี้ยงโคขุน", "ผักปลอดสาร", "ปลาร้าบอง")
FIRMS = ("พัฒนาการเกษตร", "ค้าวัสดุก่อสร้าง", "วิศวกรรมโยธา", "พลังงานทดแทน", "ค้าข้าว", "ผลิตภัณฑ์ชุมชน")
THAI_YEAR = "๒๕๖๖"


class BenchDataExists(Exception):
    """The selected provinces already hold data of the kinds the generator makes (run with reset)."""


@dataclass
class Options:
    seed: int = DEFAULT_SEED
    projects_per_plan: int = DEFAULT_PROJECTS_PER_PLAN
    scale: float = 1.0
    provinces: list[str] | None = None  # None: every province
    years: list[int] | None = None  # None: the current fiscal year and the one before
    reset: bool = False
    batch_size: int = BATCH

    @property
    def projects(self) -> int:
        return max(0, round(self.projects_per_plan * self.scale))


@dataclass
class Summary:
    counts: Counter = field(default_factory=Counter)
    steps: list[tuple[str, float]] = field(default_factory=list)
    seconds: float = 0.0
    users: list[tuple[str, str]] = field(default_factory=list)


def _aware(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, clock(hour, minute), tzinfo=BANGKOK)


class Generator:
    """Builds the dataset step by step; ``run()`` returns the rows made per model and the timings."""

    def __init__(self, options: Options, log: Callable[[str], None] = lambda line: None):
        self.options = options
        self.log = log
        self.seed = options.seed
        self.years = sorted(set(options.years or [current_fiscal_year() - 1, current_fiscal_year()]))
        self.latest = self.years[-1]
        self.summary = Summary()
        self.batch = options.batch_size

    # ------------------------------------------------------------ helpers

    def rng(self, *parts) -> random.Random:
        """A generator of its own for one domain, area and year: a string seed is hashed (SHA-512)."""
        return random.Random(":".join(str(part) for part in (self.seed, *parts)))

    def create(self, model, rows: list, counted: str | None = None) -> list:
        made = model.objects.bulk_create(rows, batch_size=self.batch) if rows else []
        self.summary.counts[counted or model.__name__] += len(rows)
        return made

    def step(self, name: str, function: Callable[[], None]) -> None:
        started = time.monotonic()
        before = sum(self.summary.counts.values())
        function()
        seconds = time.monotonic() - started
        self.summary.steps.append((name, seconds))
        made = sum(self.summary.counts.values()) - before
        self.log(f"{name}: {made:,} แถว {seconds:.1f} วินาที")

    # ------------------------------------------------------------ run

    def run(self) -> Summary:
        started = time.monotonic()
        self.step("areas", self.areas_step)
        self.select_areas()
        if self.options.reset:
            self.step("reset", self.reset_step)
        else:
            self.refuse_if_present()
        self.step("users", self.users_step)
        self.step("villages", self.villages_step)
        self.step("committees", self.committees_step)
        self.step("plans", self.plans_step)
        self.step("events", self.events_step)
        self.step("partners", self.partners_step)
        self.step("circulars", self.circulars_step)
        self.step("analyze", self.analyze_step)
        self.step("reports", self.reports_step)
        self.step("analyze", self.analyze_step)
        self.summary.seconds = time.monotonic() - started
        return self.summary

    def areas_step(self) -> None:
        result = areas_load()
        self.summary.counts["areas (created by areas_load)"] += result.counts.created
        self.log(result.summary_line())

    def select_areas(self) -> None:
        provinces = Province.objects.filter(is_cd_area=True).exclude(code=BANGKOK_CODE).order_by("code")
        if self.options.provinces is not None:
            wanted = set(self.options.provinces)
            unknown = wanted - set(Province.objects.values_list("code", flat=True))
            if unknown:
                raise ValueError("ไม่พบรหัสจังหวัด: " + ", ".join(sorted(unknown)))
            provinces = provinces.filter(code__in=wanted)
        self.provinces = list(provinces)
        codes = [p.code for p in self.provinces]
        self.districts: dict[str, list[District]] = defaultdict(list)
        for district in District.objects.active().filter(province_id__in=codes).order_by("code"):
            self.districts[district.province_id].append(district)
        self.tambons: dict[str, list[Tambon]] = defaultdict(list)
        for tambon in (
            Tambon.objects.active().filter(district__province_id__in=codes).select_related("district")
        ):
            self.tambons[tambon.code[:2]].append(tambon)
        for tambons in self.tambons.values():
            tambons.sort(key=lambda t: t.code)
        self.national_tambons = (
            Tambon.objects.active()
            .filter(district__province__is_cd_area=True)
            .exclude(district__province_id=BANGKOK_CODE)
            .count()
        )
        self.categories = list(NeedCategory.objects.order_by("sort_order", "name_th"))
        self.category_by_name = {c.name_th: c for c in self.categories}
        self.classes = list(ProjectClass.objects.order_by("sort_order"))
        self.class_by_code = {c.code: c for c in self.classes}
        self.kinds = {k.code: k for k in CommitteeKind.objects.all()}
        self.positions = {p.name_th: p for p in Position.objects.all()}

    # ------------------------------------------------------------ refuse or reset

    def refuse_if_present(self) -> None:
        codes = [p.code for p in self.provinces]
        found = []
        if TambonPlan.objects.filter(
            tambon__district__province_id__in=codes, fiscal_year__in=self.years
        ).exists():
            found.append("แผนพัฒนาตำบล")
        if Committee.objects.filter(province_id__in=codes).exists():
            found.append("คณะกรรมการ")
        if Event.objects.filter(province_id__in=codes, fiscal_year__in=self.years).exists():
            found.append("กิจกรรม")
        if Partner.objects.filter(province_id__in=codes).exists():
            found.append("ภาคีการพัฒนา")
        if Circular.objects.filter(province_id__in=codes, fiscal_year__in=self.years).exists():
            found.append("หนังสือสั่งการ")
        if found:
            raise BenchDataExists(
                "จังหวัดที่เลือกมีข้อมูล{}อยู่แล้ว (ปีงบประมาณ {}) ไม่สร้างซ้ำ: "
                "ใช้ --reset เพื่อลบข้อมูลของจังหวัดเหล่านี้ก่อนแล้วสร้างใหม่".format(
                    " ".join(found), ", ".join(str(y) for y in self.years)
                )
            )

    def reset_step(self) -> None:
        """Delete what the generator makes in the selected provinces, every year (areas and users stay).

        Raw deletes, children first: the ORM's collector would load every row (simple-history listens to
        deletes) and take far longer than the generation itself.
        """
        codes = [p.code for p in self.provinces]
        tambon = "tambon__district__province_id__in"
        plan = "plan__" + tambon
        project = "project__" + plan
        deletions = [
            (
                ReportEvent,
                Q(report__circular__province_id__in=codes) | Q(report__district__province_id__in=codes),
            ),
            (
                ReportVersion,
                Q(report__circular__province_id__in=codes) | Q(report__district__province_id__in=codes),
            ),
            (ReportItem, Q(report__circular__province_id__in=codes)),
            (FigureOverride, Q(report__circular__province_id__in=codes)),
            (InstructionResult, Q(report__circular__province_id__in=codes)),
            (DistrictReport, Q(circular__province_id__in=codes) | Q(district__province_id__in=codes)),
            (Reminder, Q(circular__province_id__in=codes)),
            (Acknowledgement, Q(circular__province_id__in=codes)),
            (DownloadLog, Q(enclosure__circular__province_id__in=codes)),
            (Enclosure, Q(circular__province_id__in=codes)),
            (Instruction, Q(circular__province_id__in=codes)),
            (Circular.districts.through, Q(circular__province_id__in=codes)),
            (Circular, Q(province_id__in=codes)),
            (MilestoneEvidence, Q(**{"milestone__" + project: codes})),
            (Milestone, Q(**{project: codes})),
            (ProgressOverride, Q(**{project: codes})),
            (CoordinationRecord, Q(partner__province_id__in=codes) | Q(**{project: codes})),
            (FundingEntry, Q(partner__province_id__in=codes) | Q(**{project: codes})),
            (ForwardingAnswer, Q(**{"forwarding__" + project: codes})),
            (Commitment, Q(partner__province_id__in=codes) | Q(**{project: codes})),
            (PartnerArea, Q(partner__province_id__in=codes)),
            (Partner.focus_categories.through, Q(partner__province_id__in=codes)),
            (Partner, Q(province_id__in=codes)),
            (Attendee, Q(event__province_id__in=codes)),
            (AttendanceCount, Q(event__province_id__in=codes)),
            (EventPhoto, Q(event__province_id__in=codes)),
            (Event.facilitators.through, Q(event__province_id__in=codes)),
            (Event, Q(province_id__in=codes)),
            (StepEvidence, Q(**{"step__" + plan: codes})),
            (PlanStep.socho_members.through, Q(**{"planstep__" + plan: codes})),
            (PlanStep, Q(**{plan: codes})),
            (Forwarding, Q(**{project: codes})),
            (ProjectBudget, Q(**{project: codes})),
            (Project.villages.through, Q(**{project: codes})),
            (Project.needs.through, Q(**{project: codes})),
            (Project, Q(**{plan: codes})),
            (Need, Q(**{plan: codes})),
            (TambonPlan, Q(**{tambon: codes})),
            (OrderReview, Q(order__committee__province_id__in=codes)),
            (Member, Q(order__committee__province_id__in=codes)),
            (AppointmentOrder, Q(committee__province_id__in=codes)),
            (Committee, Q(province_id__in=codes)),
            (ReviewDeadline, Q(province_id__in=codes)),
            (Village, Q(**{tambon: codes})),
        ]
        deleted = 0
        with transaction.atomic():
            for model, condition in deletions:
                deleted += model.objects.filter(condition)._raw_delete(model.objects.db)
        self.log(f"reset: ลบ {deleted:,} แถวของจังหวัดที่เลือก")

    def analyze_step(self) -> None:
        """Fresh planner statistics on PostgreSQL: right after a bulk load the planner thinks the tables are
        empty and picks nested loops that turn a 10 ms query into seconds (autovacuum comes too late)."""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    # ------------------------------------------------------------ users

    def users_step(self) -> None:
        with transaction.atomic():
            for username, role, province, district, tambons in BENCH_USERS:
                user = User.objects.filter(username=username).first() or User(username=username)
                user.role, user.province_id, user.district_id = role, province, district
                user.first_name, user.last_name = "ผู้ทดสอบ", username.removeprefix("bench_")
                user.is_active = True
                user.is_staff = user.is_superuser = role == Role.ADMIN
                user.set_password(BENCH_PASSWORD)
                user.save()
                user.tambons.set(tambons)
                self.summary.users.append((username, role))
        self.admin = User.objects.get(username="bench_admin")

    # ------------------------------------------------------------ villages

    def villages_step(self) -> None:
        self.villages: dict[str, list[tuple[int, int, str]]] = {}  # tambon code: [(id, moo, name)]
        for province in self.provinces:
            with transaction.atomic():
                have = set(
                    Village.objects.filter(tambon__district__province=province)
                    .values_list("tambon_id", flat=True)
                    .distinct()
                )
                rows = []
                for tambon in self.tambons[province.code]:
                    if tambon.code in have:
                        continue
                    rng = self.rng("villages", tambon.code)
                    for moo in range(1, rng.randint(5, 16) + 1):
                        rows.append(
                            Village(
                                code=Village.code_for(tambon.code, moo),
                                tambon_id=tambon.code,
                                moo=moo,
                                name_th="บ้าน" + rng.choice(NAME_PARTS) + rng.choice(NAME_ENDINGS),
                            )
                        )
                self.create(Village, rows)
            for village_id, tambon_code, moo, name in (
                Village.objects.filter(tambon__district__province=province)
                .order_by("code")
                .values_list("id", "tambon_id", "moo", "name_th")
            ):
                self.villages.setdefault(tambon_code, []).append((village_id, moo, name))

    # ------------------------------------------------------------ committees

    def review_date(self, year: int) -> date:
        return fiscal_year_start(year) + timedelta(days=14)

    def _kbt_members(self, rng, tambon: Tambon) -> list[dict]:
        # a seat for each of the tambon's villages, as the ก.บ.ต. template sizes it (committees/registers.py)
        lines = kbt_lines(tambon, [moo for _id, moo, _name in self.villages.get(tambon.code, [])])
        return member_fields(rng, lines, Basis.EX_OFFICIO, self.positions)

    def _socho_members(self, rng, area_name: str) -> list[dict]:
        return member_fields(rng, socho_lines(rng, area_name, (6, 16)), Basis.ELECTED, self.positions)

    def committees_step(self) -> None:
        for province in self.provinces:
            with transaction.atomic():
                self._committees_of(province)

    def _committees_of(self, province: Province) -> None:
        code = province.code
        self.create(
            ReviewDeadline,
            [
                ReviewDeadline(province=province, fiscal_year=y, review_date=self.review_date(y))
                for y in self.years
            ],
        )
        latest_review = self.review_date(self.latest)
        plans = []  # (kind, area code, links, district or None, members maker)
        for tambon in self.tambons[code]:
            links = {"province_id": code, "district_id": tambon.district_id, "tambon_id": tambon.code}
            plans.append(
                ("kbt", tambon.code, links, tambon.district, lambda r, t=tambon: self._kbt_members(r, t))
            )
            plans.append(
                (
                    "socho_t",
                    tambon.code,
                    links,
                    tambon.district,
                    lambda r, t=tambon: self._socho_members(r, f"ตำบล{t.name_th}"),
                )
            )
        for district in self.districts[code]:
            links = {"province_id": code, "district_id": district.code}
            plans.append(
                (
                    "socho_a",
                    district.code,
                    links,
                    district,
                    lambda r, d=district: self._socho_members(r, f"อำเภอ{d.name_th}"),
                )
            )
        plans.append(
            (
                "socho_j",
                code,
                {"province_id": code},
                None,
                lambda r: self._socho_members(r, f"จังหวัด{province.name_th}"),
            )
        )
        committees, orders, members, reviews = [], [], [], []
        for kind_code, area_code, links, district, members_of in plans:
            rng = self.rng("committee", kind_code, area_code)
            roll = rng.random()
            committee = Committee(kind=self.kinds[kind_code], area_code=area_code, **links)
            committees.append(committee)
            office = f"อำเภอ{district.name_th}" if district else f"จังหวัด{province.name_th}"
            signer = f"นายอำเภอ{district.name_th}" if district else f"ผู้ว่าราชการจังหวัด{province.name_th}"
            subject = f"แต่งตั้ง{self.kinds[kind_code].name_th}"
            if roll < 0.03:  # no order yet: missing
                continue
            if roll < 0.08:  # only a draft: missing
                orders.append(
                    AppointmentOrder(
                        committee=committee, state=OrderState.DRAFT, issuing_office=office, subject=subject
                    )
                )
                continue
            outdated = roll < 0.28
            if outdated:
                signed = latest_review - timedelta(days=rng.randint(200, 1_100))
            else:
                signed = latest_review + timedelta(days=rng.randint(1, 40))
            if rng.random() < 0.1:
                old = signed - timedelta(days=rng.randint(400, 1_200))
                orders.append(
                    AppointmentOrder(
                        committee=committee,
                        state=OrderState.SUPERSEDED,
                        number=f"{rng.randint(1, 450)}/{old.year + 543}",
                        signed_on=old,
                        effective_on=old,
                        signer_position=signer,
                        issuing_office=office,
                        subject=subject,
                        issued_at=_aware(old, 10),
                        superseded_at=_aware(signed, 10),
                    )
                )
            order = AppointmentOrder(
                committee=committee,
                state=OrderState.IN_FORCE,
                number=f"{rng.randint(1, 450)}/{signed.year + 543}",
                signed_on=signed,
                effective_on=signed,
                signer_name=mister(rng),
                signer_position=signer,
                issuing_office=office,
                subject=subject,
                issued_at=_aware(signed, 10),
            )
            orders.append(order)
            resigned = 0.28 <= roll < 0.36
            for index, fields in enumerate(members_of(rng), start=1):
                member = Member(order=order, sort_order=index, **fields)
                if resigned and index == 2:
                    member.status, member.status_on = MemberStatus.RESIGNED, signed + timedelta(days=120)
                members.append(member)
            if outdated and len(self.years) > 1 and rng.random() < 0.4:
                # Reviewed for an older year: current then, needs review for the newest year.
                year = self.years[-2]
                reviews.append(
                    OrderReview(
                        order=order,
                        fiscal_year=year,
                        reviewed_on=self.review_date(year) + timedelta(days=rng.randint(1, 30)),
                        reviewed_by=self.admin,
                        note="ทบทวนแล้ว คำสั่งยังเป็นปัจจุบัน",
                    )
                )
        self.create(Committee, committees)
        for order in orders:
            order.committee_id = order.committee.pk
        self.create(AppointmentOrder, orders)
        for member in members:
            member.order_id = member.order.pk
        self.create(Member, members)
        for review in reviews:
            review.order_id = review.order.pk
        self.create(OrderReview, reviews)

    # ------------------------------------------------------------ plans

    def plans_step(self) -> None:
        for year in self.years:
            stages = NEW_STAGES if year == self.latest else OLD_STAGES
            for province in self.provinces:
                with transaction.atomic():
                    self._plans_of(province, year, stages)

    def _plans_of(self, province: Province, year: int, stages) -> None:
        definitions = sorted(
            step_definitions_ensure(province_code=province.code, fiscal_year=year), key=lambda d: d.sort_order
        )
        work = []  # (plan, rng, stage, tambon)
        for tambon in self.tambons[province.code]:
            rng = self.rng("plan", tambon.code, year)
            stage = rng.choice(stages)
            plan = TambonPlan(
                tambon_id=tambon.code,
                fiscal_year=year,
                population=rng.randint(2_000, 15_000),
                households=rng.randint(600, 4_500),
                profile_note=f"ตำบล{tambon.name_th} อำเภอ{tambon.district.name_th} จังหวัด{province.name_th}",
            )
            work.append((plan, rng, stage, tambon))
        steps, needs, projects = [], [], []
        approved = {}  # tambon code → its approval step's done date (the plan's approval date)
        for plan, rng, stage, _tambon in work:
            done = round(stage * len(definitions))
            for index, definition in enumerate(definitions):
                step = PlanStep(plan=plan, definition=definition)
                if index < done:
                    due = definition.due_date or fiscal_year_start(year) + timedelta(days=90)
                    step.status, step.done_on = StepStatus.DONE, due - timedelta(days=rng.randint(-10, 20))
                    step.socho_took_part = rng.random() < 0.75
                elif index == done and stage > 0:
                    step.status = StepStatus.IN_PROGRESS
                    step.note = "อยู่ระหว่างดำเนินการ"
                steps.append(step)
            if done >= 3:
                approved[plan.tambon_id] = steps[-len(definitions) + 2].done_on
                plan.approval_note = "ที่ประชุม ก.บ.ต. มีมติเห็นชอบ"
        self.create(TambonPlan, [w[0] for w in work])
        for step in steps:
            step.plan_id = step.plan.pk
        self.create(PlanStep, steps)

        per_plan = self.options.projects
        made = []  # (project, budgets, forwarding, village, need)
        for plan, rng, stage, tambon in work:
            if stage == 0:
                continue
            villages = self.villages.get(tambon.code, [])
            plan_needs = []
            for category, description in rng.sample(NEEDS, k=rng.randint(4, 8)):
                village = rng.choice(villages) if villages and rng.random() < 0.75 else None
                plan_needs.append(
                    Need(
                        plan_id=plan.pk,
                        village_id=village[0] if village else None,
                        category=self.category_by_name[category],
                        description=description,
                        source=rng.choice(NeedSource.values[:4]),
                        severity=rng.randint(1, 5),
                        votes=rng.randint(5, 150),
                    )
                )
            needs.extend(plan_needs)
            names = {"tambon": tambon.name_th, "district": tambon.district.name_th}
            count = rng.randint(round(per_plan * 0.75), round(per_plan * 1.25)) if per_plan else 0
            for priority in range(1, count + 1):
                name, class_code, target_kind, target, (low, high), lead = rng.choice(PROJECTS)
                village = rng.choice(villages) if villages else None
                where = f" บ้าน{village[2].removeprefix('บ้าน')} หมู่ที่ {village[1]}" if village else ""
                project = Project(
                    plan_id=plan.pk,
                    name=name + where,
                    priority=priority,
                    project_class=self.class_by_code[class_code],
                    target_kind=target_kind,
                    target_name=target.format(**names),
                    lead_agency=lead.format(**names),
                    development_issue="การพัฒนาคุณภาพชีวิตและเศรษฐกิจชุมชน",
                    objective="เพื่อแก้ไขปัญหาตามความต้องการของประชาชน",
                    kpi="ร้อยละของครัวเรือนเป้าหมายที่ได้รับประโยชน์",
                    budget_source="งบประมาณ อปท." if class_code == "support" else "งบประมาณชุมชนและภาคี",
                )
                budgets = []
                amount = Decimal(rng.randrange(low, high + 1, 1000)) if high else Decimal(0)
                if amount:
                    budgets.append(ProjectBudget(project=project, fiscal_year=year, amount=amount))
                    if rng.random() < 0.1:
                        budgets.append(
                            ProjectBudget(project=project, fiscal_year=year + 1, amount=amount / 2)
                        )
                forwarding = None
                if class_code == "support" and stage >= 0.6 and rng.random() < 0.8:
                    approved_on = approved.get(plan.tambon_id)
                    sent = (approved_on or fiscal_year_start(year) + timedelta(days=180)) + timedelta(days=10)
                    outcome = rng.choice(OUTCOMES)
                    rejected = outcome == ForwardOutcome.REJECTED
                    forwarding = Forwarding(
                        project=project,
                        sent_on=sent,
                        target_kind=target_kind,
                        target_name=project.target_name,
                        letter_number=f"ที่ {rng.randint(1000, 9999)}/{rng.randint(1, 900)}",
                        outcome=outcome,
                        outcome_on=None if outcome == ForwardOutcome.PENDING else sent + timedelta(days=30),
                        accepted_plan="" if rejected else "แผนพัฒนาท้องถิ่น",
                        accepted_year=None if rejected else year,
                        reason="เกินศักยภาพงบประมาณ" if rejected else "",
                    )
                    project.status = OUTCOME_STATUS.get(outcome, ProjectStatus.PROPOSED)
                elif stage >= 0.6 and class_code != "support" and rng.random() < 0.3:
                    project.status = rng.choice(
                        (ProjectStatus.UNDER_WAY, ProjectStatus.DONE, ProjectStatus.ACCEPTED)
                    )
                wanted = PROJECT_CATEGORIES.get(name)
                need = next((n for n in plan_needs if n.category.name_th == wanted), None)
                projects.append(project)
                made.append((project, budgets, forwarding, village, need))
        self.create(Need, needs)
        self.create(Project, projects)

        budgets, forwardings, village_links, need_links = [], [], [], []
        VillageLink, NeedLink = Project.villages.through, Project.needs.through
        for project, project_budgets, forwarding, village, need in made:
            for budget in project_budgets:
                budget.project_id = project.pk
                budgets.append(budget)
            if forwarding is not None:
                forwarding.project_id = project.pk
                forwardings.append(forwarding)
            if village:
                village_links.append(VillageLink(project_id=project.pk, village_id=village[0]))
            if need is not None:
                need_links.append(NeedLink(project_id=project.pk, need_id=need.pk))
        self.create(ProjectBudget, budgets)
        self.create(Forwarding, forwardings)
        self.create(VillageLink, village_links, "Project.villages")
        self.create(NeedLink, need_links, "Project.needs")

    # ------------------------------------------------------------ events

    def events_step(self) -> None:
        for province in self.provinces:
            with transaction.atomic():
                self._events_of(province)

    def _event(self, rng, **fields) -> Event:
        event = Event(checkin_token=f"{rng.getrandbits(128):032x}", **fields)
        event.checkin_closes_at = event.ends_at + CHECKIN_GRACE
        return event

    def _events_of(self, province: Province) -> None:
        code = province.code
        socho: dict[str, list] = defaultdict(list)
        for row in (
            Member.objects.filter(
                order__state=OrderState.IN_FORCE,
                order__committee__province_id=code,
                order__committee__kind__code="socho_t",
                status=MemberStatus.SERVING,
            )
            .order_by("order__committee__area_code", "sort_order", "id")
            .values_list("order__committee__area_code", "id", "title", "first_name", "last_name", "phone")
        ):
            socho[row[0]].append(row[1:])
        steps_done = {
            (tambon_id, year): done_on
            for tambon_id, year, done_on in PlanStep.objects.filter(
                plan__tambon__district__province_id=code, definition__sort_order=2, status=StepStatus.DONE
            ).values_list("plan__tambon_id", "plan__fiscal_year", "done_on")
        }
        events, counts, attendees = [], [], []
        for year in self.years:
            second_due = fiscal_year_start(year).replace(
                month=2, day=28, year=fiscal_year_start(year).year + 1
            )
            for tambon in self.tambons[code]:
                rng = self.rng("workshop", tambon.code, year)
                if rng.random() < 0.05:
                    continue
                day = steps_done.get((tambon.code, year)) or second_due - timedelta(days=rng.randint(0, 30))
                starts = _aware(day, 9)
                event = self._event(
                    rng,
                    kind=EventKind.WORKSHOP,
                    fiscal_year=year,
                    title=f"ประชุมเชิงปฏิบัติการจัดทำแผนพัฒนาตำบล{tambon.name_th}",
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=7),
                    venue=f"ศาลาประชาคมตำบล{tambon.name_th}",
                    area_code=tambon.code,
                    province_id=code,
                    district_id=tambon.district_id,
                    tambon_id=tambon.code,
                    agenda="๑. ประธานแจ้งเพื่อทราบ\n๒. ทบทวนแผนพัฒนาหมู่บ้าน\n๓. จัดลำดับความสำคัญของปัญหา",
                )
                events.append(event)
                groups = [
                    AttendeeGroup.LEADERS,
                    AttendeeGroup.SOCHO,
                    AttendeeGroup.NETWORKS,
                    AttendeeGroup.OFFICIALS,
                ]
                if rng.random() < 0.5:
                    groups.append(AttendeeGroup.PARTNERS)
                for group in groups:
                    counts.append(AttendanceCount(event=event, group=group, count=rng.randint(2, 35)))
                members = socho.get(tambon.code, [])
                if members and rng.random() < 0.25:
                    for member_id, title, first, last, phone in rng.sample(members, k=min(len(members), 3)):
                        name = f"{title}{first} {last}"
                        attendees.append(
                            Attendee(
                                event=event,
                                name=name,
                                group=AttendeeGroup.SOCHO,
                                phone=phone,
                                member_id=member_id,
                                checkin_key=person_key(name, phone),
                                name_key=attendee_name_key(name),
                            )
                        )
            for district in self.districts[code]:
                rng = self.rng("orientation", district.code, year)
                for number in range(1, 2 + (rng.random() < 0.3)):
                    starts = _aware(fiscal_year_start(year) + timedelta(days=rng.randint(20, 80)), 9)
                    event = self._event(
                        rng,
                        kind=EventKind.ORIENTATION,
                        fiscal_year=year,
                        title=f"อบรมสร้างความเข้าใจกระบวนการจัดทำแผนพัฒนาตำบล รุ่นที่ {number}",
                        starts_at=starts,
                        ends_at=starts + timedelta(hours=6),
                        venue=f"ห้องประชุมที่ว่าการอำเภอ{district.name_th}",
                        area_code=district.code,
                        province_id=code,
                        district_id=district.code,
                    )
                    events.append(event)
                    for group in (AttendeeGroup.OFFICIALS, AttendeeGroup.NETWORKS, AttendeeGroup.LEADERS):
                        counts.append(AttendanceCount(event=event, group=group, count=rng.randint(5, 40)))
        self.create(Event, events)
        for row in counts:
            row.event_id = row.event.pk
        for row in attendees:
            row.event_id = row.event.pk
        self.create(AttendanceCount, counts)
        self.create(Attendee, attendees)

    # ------------------------------------------------------------ partners

    def partners_step(self) -> None:
        for province in self.provinces:
            with transaction.atomic():
                self._partners_of(province)

    def _partner_templates(self, rng, province: Province) -> tuple:
        """One partner: (name, type, level, area code)."""
        tambon = rng.choice(self.tambons[province.code])
        district = tambon.district
        village = rng.choice(self.villages.get(tambon.code) or [(0, 1, "บ้าน" + tambon.name_th)])
        p, d, t = province.name_th, district.name_th, tambon.name_th
        roll = rng.random()
        if roll < 0.22:
            kind = rng.choice(("องค์การบริหารส่วนตำบล", "เทศบาลตำบล"))
            return f"{kind}{t}", PartnerType.LOCAL_GOVERNMENT, PartnerLevel.LOCAL, tambon.code
        if roll < 0.24:
            return (
                f"องค์การบริหารส่วนจังหวัด{p}",
                PartnerType.LOCAL_GOVERNMENT,
                PartnerLevel.PROVINCIAL,
                province.code,
            )
        if roll < 0.38:
            office = rng.choice(
                ("สำนักงานเกษตรอำเภอ", "สำนักงานสาธารณสุขอำเภอ", "ที่ทำการปกครองอำเภอ", "สำนักงานปศุสัตว์อำเภอ")
            )
            return f"{office}{d}", PartnerType.GOVERNMENT, PartnerLevel.DISTRICT, district.code
        if roll < 0.44:
            office = rng.choice(
                ("สำนักงานเกษตรจังหวัด", "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด", "สำนักงานพาณิชย์จังหวัด")
            )
            return f"{office}{p}", PartnerType.GOVERNMENT, PartnerLevel.PROVINCIAL, province.code
        if roll < 0.52:
            name = rng.choice((f"โรงเรียน{t}วิทยา", f"วิทยาลัยการอาชีพ{d}"))
            return name, PartnerType.ACADEMIC, PartnerLevel.LOCAL, tambon.code
        if roll < 0.64:
            return (
                f"บริษัท {d}{rng.choice(FIRMS)} จำกัด",
                PartnerType.PRIVATE,
                PartnerLevel.DISTRICT,
                district.code,
            )
        if roll < 0.72:
            name = rng.choice((f"มูลนิธิเพื่อนชุมชน{d}", f"สมาคมพัฒนาชุมชน{p}"))
            return name, PartnerType.CIVIL_SOCIETY, PartnerLevel.DISTRICT, district.code
        if roll < 0.80:
            return f"วัด{village[2]}", PartnerType.RELIGIOUS, PartnerLevel.LOCAL, tambon.code
        if roll < 0.995:
            return (
                f"วิสาหกิจชุมชนกลุ่ม{rng.choice(PRODUCTS)}{village[2]}",
                PartnerType.COMMUNITY,
                PartnerLevel.LOCAL,
                tambon.code,
            )
        return f"มูลนิธิเพื่อการพัฒนาชนบท{p}", PartnerType.INTERNATIONAL, PartnerLevel.NATIONAL, province.code

    def _partners_of(self, province: Province) -> None:
        code = province.code
        rng = self.rng("partners", code)
        share = len(self.tambons[code]) / max(1, self.national_tambons)
        wanted = max(3, round(TARGET_PARTNERS * share))
        partners, areas, seen = [], [], set()
        abbreviations = abbreviations_for(code)
        while len(partners) < wanted:
            name, ptype, level, area = self._partner_templates(rng, province)
            if name in seen:
                name = f"{name} ({len(partners) + 1})"
            seen.add(name)
            someone = person(rng)
            contact = person_name(someone["title"], someone["first_name"], someone["last_name"])
            partners.append(
                Partner(
                    name=name,
                    name_key=name_key(name, abbreviations) or name,
                    partner_type=ptype,
                    level=level,
                    province_id=code,
                    contact_name=contact,
                    phone=f"0{rng.randint(40, 45)}-{rng.randint(200_000, 999_999)}",
                )
            )
            areas.append(area)
        self.create(Partner, partners)
        FocusLink = Partner.focus_categories.through
        area_rows, focus = [], []
        for partner, area in zip(partners, areas, strict=True):
            area_rows.append(PartnerArea(partner_id=partner.pk, area_code=area))
            for category in rng.sample(self.categories, k=rng.randint(1, 3)):
                focus.append(FocusLink(partner_id=partner.pk, needcategory_id=category.pk))
        self.create(PartnerArea, area_rows)
        self.create(FocusLink, focus, "Partner.focus_categories")

        by_area: dict[str, list] = defaultdict(list)
        projects = (
            Project.objects.filter(plan__tambon__district__province_id=code)
            .order_by("plan__tambon_id", "plan__fiscal_year", "priority", "id")
            .values_list("id", "plan__tambon_id", "plan__fiscal_year")
        )
        budget = dict(
            ProjectBudget.objects.filter(
                project__plan__tambon__district__province_id=code,
                fiscal_year__in=self.years,
            )
            .filter(fiscal_year=F("project__plan__fiscal_year"))
            .values_list("project_id", "amount")
        )
        for project_id, tambon_code, year in projects:
            entry = (project_id, year, budget.get(project_id, Decimal(0)))
            for prefix in (tambon_code, tambon_code[:4], tambon_code[:2]):
                by_area[prefix].append(entry)
        commitments, milestones, milestone_projects = [], [], set()
        for partner, area in zip(partners, areas, strict=True):
            candidates = by_area.get(area, [])
            k = min(len(candidates), rng.choice((0, 1, 2, 3, 3, 4, 5, 6, 8)))
            for project_id, year, amount in rng.sample(candidates, k=k):
                commitment = Commitment(partner_id=partner.pk, project_id=project_id, fiscal_year=year)
                if rng.random() < 0.7 or not amount:
                    commitment.kind = CommitmentKind.BUDGET
                    share = Decimal(rng.choice((10, 25, 40, 50, 60, 80, 100))) / 100
                    commitment.amount = ((amount or Decimal(20_000)) * share).quantize(Decimal(1))
                else:
                    commitment.kind, commitment.in_kind_description = rng.choice(IN_KIND)
                    commitment.estimated_value = (amount * Decimal("0.2")).quantize(Decimal(1))
                status = rng.choice(COMMITMENT_STATUSES)
                day = fiscal_year_start(year) + timedelta(days=rng.randint(60, 200))
                commitment.proposed_on = day
                if status == CommitmentStatus.CANCELLED:
                    commitment.cancelled_on = day + timedelta(days=rng.randint(5, 30))
                else:
                    for next_status in STATUS_PATH[1 : STATUS_PATH.index(status) + 1]:
                        day += timedelta(days=rng.randint(5, 30))
                        setattr(commitment, f"{next_status}_on", day)
                commitment.status = status
                commitments.append(commitment)
                if status in SECURED and project_id not in milestone_projects:
                    milestone_projects.add(project_id)
                    done = rng.randint(0, len(MILESTONES))
                    start = commitment.approved_on
                    for order, (name, weight) in enumerate(MILESTONES, start=1):
                        due = start + timedelta(days=30 * order)
                        milestones.append(
                            Milestone(
                                project_id=project_id,
                                name=name,
                                weight=weight,
                                due_on=due,
                                done_on=due if order <= done else None,
                                sort_order=order,
                            )
                        )
        self.create(FundingEntry, entries_for_commitments(self.create(Commitment, commitments)))
        self.create(Milestone, milestones)

    # ------------------------------------------------------------ circulars

    def circulars_step(self) -> None:
        self.circulars: dict[tuple[str, int], Circular] = {}
        for province in self.provinces:
            with transaction.atomic():
                self._circulars_of(province)

    def _circulars_of(self, province: Province) -> None:
        circulars, instructions, links = [], [], []
        topics = [*DEFAULT_TOPICS, ""]
        for year in self.years:
            rng = self.rng("circular", province.code, year)
            issued = fiscal_year_start(year) + timedelta(days=rng.randint(30, 60))
            due = issued + timedelta(days=rng.randint(75, 105))
            thai_year = localize_digits(str(year), thai_digits=True)
            circular = Circular(
                issued_at=timezone.now(),
                province=province,
                office_name=f"ศาลากลางจังหวัด{province.name_th}",
                number=localize_digits(f"{province.code} 0019/ว {rng.randint(100, 999)}", thai_digits=True),
                issued_on=issued,
                subject=f"แนวทางการขับเคลื่อนการจัดทำและประสานแผนพัฒนาตำบล ประจำปีงบประมาณ พ.ศ.{thai_year}",
                addressees="นายอำเภอ ทุกอำเภอ",
                fiscal_year=year,
                body="เพื่อให้การขับเคลื่อนการจัดทำและประสานแผนพัฒนาตำบลเป็นไปอย่างมีประสิทธิภาพ "
                "ขอให้อำเภอมอบหมายสำนักงานพัฒนาชุมชนอำเภอดำเนินการ ดังนี้",
                signer_name=mister(rng),
                signer_position=f"พัฒนาการจังหวัด ปฏิบัติราชการแทน\nผู้ว่าราชการจังหวัด{province.name_th}",
                contact="สำนักงานพัฒนาชุมชนจังหวัด\nกลุ่มงานยุทธศาสตร์การพัฒนาชุมชน",
                report_due=due,
                created_by=self.admin,
            )
            circulars.append(circular)
            for number, (text, due_on, section) in enumerate(INSTRUCTIONS, start=1):
                instructions.append(
                    Instruction(
                        circular=circular,
                        number=number,
                        text=text.replace(THAI_YEAR, thai_year),
                        due_on=due if due_on else None,
                        report_section=section,
                        topic=topics[number - 1],
                    )
                )
        self.create(Circular, circulars)
        Link = Circular.districts.through
        for circular in circulars:
            self.circulars[(province.code, circular.fiscal_year)] = circular
            links += [
                Link(circular_id=circular.pk, district_id=d.code) for d in self.districts[province.code]
            ]
        for instruction in instructions:
            instruction.circular_id = instruction.circular.pk
        self.create(Instruction, instructions)
        self.create(Link, links, "Circular.districts")

    # ------------------------------------------------------------ reports

    def reports_step(self) -> None:
        self.officers = {}
        for province in self.provinces:
            for year in self.years:
                with transaction.atomic():
                    self._reports_of(province, year)

    def _reports_of(self, province: Province, year: int) -> None:
        circular = self.circulars[(province.code, year)]
        instructions = list(Instruction.objects.filter(circular=circular).order_by("number"))
        # The figures as the district would have seen them on the due date (not today: reproducible).
        figures = district_figures(
            self.admin,
            self.districts[province.code],
            year,
            as_of=_aware(circular.report_due, 23, 59),
            report_due=circular.report_due,
        )
        newest = year == self.latest
        weights = (
            (
                (ReportState.DRAFT, 0.35),
                (ReportState.SUBMITTED, 0.3),
                (ReportState.RETURNED, 0.1),
                (ReportState.ACCEPTED, 0.25),
            )
            if newest
            else (
                (ReportState.DRAFT, 0.08),
                (ReportState.SUBMITTED, 0.12),
                (ReportState.RETURNED, 0.1),
                (ReportState.ACCEPTED, 0.7),
            )
        )
        states = [s for s, _w in weights]
        reports, results, items, versions, acks = [], [], [], [], []
        plan = []  # (report, state, items, submissions, rng)
        for district in self.districts[province.code]:
            rng = self.rng("report", district.code, year)
            state = rng.choices(states, weights=[w for _s, w in weights])[0]
            reporter = (
                mister(rng),
                "พัฒนาการอำเภอ",
                f"045-{district.code}00",
            )
            submitted = _aware(circular.report_due + timedelta(days=rng.randint(-25, 6)), 10, 30)
            report = DistrictReport(
                circular=circular,
                district=district,
                state=state,
                reporter_name=reporter[0],
                reporter_position=reporter[1],
                reporter_phone=reporter[2],
                report_date=submitted.date() if state != ReportState.DRAFT else None,
                review_comment="กรุณาเพิ่มข้อเสนอแนะ และระบุปัญหาให้ชัดเจนขึ้น"
                if state == ReportState.RETURNED
                else "",
                revision=rng.randint(1, 6),
            )
            reports.append(report)
            pool_p = [p for ps in PROBLEMS.values() for p in ps]
            pool_s = [s for ss in SUGGESTIONS.values() for s in ss]
            problems = [Item("problem", c, t) for c, t in rng.sample(pool_p, k=rng.randint(1, 3))]
            suggestions = [Item("suggestion", c, t, a) for c, t, a in rng.sample(pool_s, k=rng.randint(0, 2))]
            twice = state == ReportState.ACCEPTED and rng.random() < 0.3
            plan.append((report, state, problems, suggestions, submitted, twice, rng))
        self.create(DistrictReport, reports)
        events = []
        for report, state, problems, suggestions, submitted, twice, rng in plan:
            done = state != ReportState.DRAFT
            for instruction in instructions:
                status = ResultStatus.DONE if done else rng.choice(ResultStatus.values)
                results.append(
                    InstructionResult(
                        report_id=report.pk,
                        instruction_id=instruction.pk,
                        status=status,
                        narrative="ดำเนินการตามข้อสั่งการแล้ว" if status == ResultStatus.DONE else "",
                    )
                )
            for n, item in enumerate(problems + suggestions):
                items.append(
                    ReportItem(
                        report_id=report.pk,
                        kind=item.kind,
                        category=item.category,
                        text=item.text,
                        addressed_to=item.addressed_to,
                        created_at=_aware(circular.issued_on, 9, n),
                    )
                )
            if not done and rng.random() < 0.5:
                continue
            acks.append(
                Acknowledgement(
                    circular=circular,
                    district_id=report.district_id,
                    at=_aware(circular.issued_on + timedelta(days=rng.randint(1, 10)), 11),
                )
            )
            if not done:
                continue
            content = self._content(circular, instructions, report, figures, problems, suggestions)
            moments = [submitted]
            if twice:
                moments.append(submitted + timedelta(days=3))
            for number, moment in enumerate(moments, start=1):
                first = number == 1 and twice
                body = to_json(content)
                if first:
                    body["suggestions"] = []
                version = ReportVersion(
                    report_id=report.pk,
                    number=number,
                    submitted_at=moment,
                    on_time=is_on_time(circular, moment),
                    content=body,
                )
                versions.append(version)
                events.append(
                    ReportEvent(
                        report_id=report.pk, action=ReviewAction.SUBMITTED, version=version, at=moment
                    )
                )
                if first or state == ReportState.RETURNED:
                    events.append(
                        ReportEvent(
                            report_id=report.pk,
                            action=ReviewAction.RETURNED,
                            at=moment + timedelta(days=1),
                            comment="กรุณาเพิ่มข้อเสนอแนะต่อจังหวัดและกรมการพัฒนาชุมชน",
                        )
                    )
            if state == ReportState.ACCEPTED:
                events.append(
                    ReportEvent(
                        report_id=report.pk, action=ReviewAction.ACCEPTED, at=moments[-1] + timedelta(days=2)
                    )
                )
        self.create(InstructionResult, results)
        self.create(ReportItem, items)
        self.create(Acknowledgement, acks)
        self.create(ReportVersion, versions)
        for event in events:
            if event.version is not None:
                event.version_id = event.version.pk
        self.create(ReportEvent, events)

    def _content(self, circular, instructions, report, figures, problems, suggestions) -> ReportContent:
        computed = figures[report.district_id]
        values = computed.figures
        sections = [
            Section(
                number=instruction.number,
                text=instruction.text,
                topic=instruction.topic,
                status=ResultStatus.DONE,
                narrative="ดำเนินการตามข้อสั่งการแล้ว",
                figures=[
                    Figure(key, values[key])
                    for key, _label, _unit in TOPIC_FIGURES.get(instruction.topic, ())
                ],
                instruction_id=instruction.pk,
            )
            for instruction in instructions
        ]
        district = report.district
        return ReportContent(
            circular_number=circular.number,
            circular_subject=circular.subject,
            fiscal_year=circular.fiscal_year,
            report_due=circular.report_due,
            province_code=district.province_id,
            province_name=circular.province.name_th,
            district_code=district.code,
            district_name=district.name_th,
            sections=sections,
            class_headers=[c.name_th for c in self.classes],
            tambons=computed.lines,
            steps=computed.steps,
            problems=problems,
            suggestions=suggestions,
            reporter=Reporter(
                report.reporter_name, report.reporter_position, report.reporter_phone, report.report_date
            ),
        )


def generate(options: Options, log: Callable[[str], None] = lambda line: None) -> Summary:
    return Generator(options, log).run()
