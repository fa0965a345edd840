"""Demo plans for Ubon Ratchathani: FY2566, the year of the demo circular (อบ ๐๐๑๙/ว ๕๓๑ of 14 February 2023),
finished on the province's timetable for that year, and the current fiscal year in various stages. Realistic
needs and projects, each project in the villages (หมู่ที่) it serves, forwarding with outcomes."""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from tambonplan.areas.models import Tambon
from tambonplan.funding.models import (
    AmendmentKind,
    EntryStatus,
    ForwardingAnswer,
    FundingEntry,
    Inclusion,
    SourceGroup,
)
from tambonplan.localgov import selectors as localgov_selectors
from tambonplan.localgov.models import LocalGovernmentKind
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
    StepDefinition,
    StepKind,
    StepStatus,
    TambonPlan,
    TargetKind,
)
from tambonplan.planning.selectors import carry_over_page
from tambonplan.planning.services import carry_over_decide, step_definitions_ensure
from tambonplan.thai.dates import current_fiscal_year

UBON_CODE = "34"
HUA_RUEA = "340104"
PAST_YEAR = 2566
# The province's timetable for FY2566, set after its circular of 14 February 2023: the workshops in March, the
# ก.บ.ต.'s approval and the sending to the local governments and the district in April, before the district
# reports of 15 May; the follow-up to mid-September (in the order of the steps).
PAST_YEAR_DUE_DATES = (
    date(2023, 1, 31),
    date(2023, 3, 31),
    date(2023, 4, 10),
    date(2023, 4, 20),
    date(2023, 4, 20),
    date(2023, 4, 30),
    date(2023, 9, 15),
)
# Hua Ruea's plan of this year reviewed the FY2566 plan's unfinished projects: one kept, one dropped.
CARRY_OVER_DROP_REASON = "ประชาคมหมู่บ้านไม่เสนอซ้ำในปีนี้ ความต้องการของหมู่บ้านเปลี่ยนไปแล้ว"
CARRY_OVER_REVISE_REASON = "ทำต่อในหมู่บ้านเดิมเป็นระยะที่ 2 แยกจากโครงการชื่อเดียวกันของปีนี้"
NEEDS = (
    ("ด้านโครงสร้างพื้นฐาน", "ถนนภายในหมู่บ้านชำรุด เป็นหลุมเป็นบ่อ การสัญจรลำบากในฤดูฝน"),
    ("ด้านโครงสร้างพื้นฐาน", "ระบบประปาหมู่บ้านไม่เพียงพอในฤดูแล้ง"),
    ("ด้านโครงสร้างพื้นฐาน", "ไฟฟ้าส่องสว่างทางสาธารณะไม่ทั่วถึง"),
    ("ด้านเศรษฐกิจ", "กลุ่มทอผ้าไหมขาดตลาดและบรรจุภัณฑ์"),
    ("ด้านเศรษฐกิจ", "ราคาผลผลิตข้าวตกต่ำ ต้นทุนการผลิตสูง"),
    ("ด้านเศรษฐกิจ", "ครัวเรือนมีหนี้สินนอกระบบ"),
    ("ด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม", "ขยะในชุมชนเพิ่มขึ้น ไม่มีการคัดแยก"),
    ("ด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม", "ลำห้วยตื้นเขิน เก็บกักน้ำไม่ได้"),
    ("ด้านสาธารณสุข", "ผู้สูงอายุติดบ้านติดเตียงขาดผู้ดูแล"),
    ("ด้านสาธารณสุข", "ยุงลายชุกชุม มีผู้ป่วยไข้เลือดออกทุกปี"),
    ("ด้านสังคมและคุณภาพชีวิต", "เยาวชนขาดพื้นที่ทำกิจกรรมสร้างสรรค์"),
    ("ด้านการศึกษา", "ศูนย์พัฒนาเด็กเล็กขาดสื่อการเรียนรู้"),
    ("ด้านความมั่นคงและความปลอดภัย", "ปัญหายาเสพติดในกลุ่มเยาวชน"),
)
# The category of each demo project: its own, and the category of the needs it answers.
PROJECT_CATEGORIES = {
    "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็กภายในหมู่บ้าน": "ด้านโครงสร้างพื้นฐาน",
    "โครงการขยายเขตประปาหมู่บ้าน": "ด้านโครงสร้างพื้นฐาน",
    "โครงการติดตั้งไฟฟ้าส่องสว่างพลังงานแสงอาทิตย์": "ด้านโครงสร้างพื้นฐาน",
    "โครงการพัฒนาผลิตภัณฑ์และบรรจุภัณฑ์กลุ่มทอผ้าไหม": "ด้านเศรษฐกิจ",
    "โครงการธนาคารขยะชุมชน": "ด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม",
    "โครงการขุดลอกลำห้วยเพื่อการเกษตร": "ด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม",
    "โครงการส่งเสริมการออมและแก้ไขหนี้สินครัวเรือน": "ด้านเศรษฐกิจ",
    "โครงการอาสาสมัครดูแลผู้สูงอายุ": "ด้านสาธารณสุข",
    "โครงการพ่นหมอกควันกำจัดยุงลายป้องกันไข้เลือดออก": "ด้านสาธารณสุข",
    "โครงการลานกีฬาต้านยาเสพติด": "ด้านความมั่นคงและความปลอดภัย",
    "โครงการลดต้นทุนการผลิตข้าวด้วยปุ๋ยอินทรีย์": "ด้านเศรษฐกิจ",
}
PROJECTS = (
    # name, class code, target kind, target name, budget range, lead agency
    (
        "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็กภายในหมู่บ้าน",
        "support",
        TargetKind.LOCAL_GOVERNMENT,
        "องค์การบริหารส่วนตำบล{tambon}",
        (300_000, 900_000),
        "องค์การบริหารส่วนตำบล{tambon}",
    ),
    (
        "โครงการขยายเขตประปาหมู่บ้าน",
        "support",
        TargetKind.LOCAL_GOVERNMENT,
        "องค์การบริหารส่วนตำบล{tambon}",
        (150_000, 500_000),
        "องค์การบริหารส่วนตำบล{tambon}",
    ),
    (
        "โครงการติดตั้งไฟฟ้าส่องสว่างพลังงานแสงอาทิตย์",
        "support",
        TargetKind.DISTRICT,
        "อำเภอ{district}",
        (80_000, 250_000),
        "ที่ทำการปกครองอำเภอ{district}",
    ),
    (
        "โครงการพัฒนาผลิตภัณฑ์และบรรจุภัณฑ์กลุ่มทอผ้าไหม",
        "joint",
        "",
        "",
        (30_000, 120_000),
        "สำนักงานพัฒนาชุมชนอำเภอ{district}",
    ),
    ("โครงการธนาคารขยะชุมชน", "community", "", "", (5_000, 30_000), "คณะกรรมการหมู่บ้าน"),
    (
        "โครงการขุดลอกลำห้วยเพื่อการเกษตร",
        "support",
        TargetKind.AGENCY,
        "สำนักงานชลประทานที่ 7",
        (200_000, 1_200_000),
        "สำนักงานชลประทานที่ 7",
    ),
    ("โครงการส่งเสริมการออมและแก้ไขหนี้สินครัวเรือน", "community", "", "", (0, 20_000), "กองทุนหมู่บ้าน"),
    ("โครงการอาสาสมัครดูแลผู้สูงอายุ", "joint", "", "", (20_000, 60_000), "รพ.สต.{tambon}"),
    ("โครงการพ่นหมอกควันกำจัดยุงลายป้องกันไข้เลือดออก", "joint", "", "", (10_000, 40_000), "รพ.สต.{tambon}"),
    (
        "โครงการลานกีฬาต้านยาเสพติด",
        "support",
        TargetKind.PARTNER,
        "มูลนิธิเพื่อนเยาวชนอีสาน",
        (50_000, 150_000),
        "องค์การบริหารส่วนตำบล{tambon}",
    ),
    ("โครงการลดต้นทุนการผลิตข้าวด้วยปุ๋ยอินทรีย์", "joint", "", "", (15_000, 60_000), "เกษตรอำเภอ{district}"),
)


def _weekday(day: date) -> date:
    """The day, or the Friday before when it falls on a weekend."""
    return day - timedelta(days=max(0, day.weekday() - 4))


def _done_dates(definitions: list[StepDefinition], count: int, today: date, rng: random.Random) -> list[date]:
    """When the first ``count`` steps were done: on a working day up to 20 days before each due date, in the
    order of their due dates, before today (steps due later were done in the last days, days apart)."""
    done = definitions[:count]
    order = sorted(range(count), key=lambda index: (done[index].due_date or today, index))
    dates = [today] * count
    previous = None
    for rank, index in enumerate(order):
        latest = today - timedelta(days=4 * (count - rank) - rng.randint(0, 2))
        due = done[index].due_date or today
        day = _weekday(min(due - timedelta(days=rng.randint(0, 20)), latest))
        dates[index] = previous = max(day, previous) if previous else day
    return dates


def _project_villages(needs: list[Need], villages: list, rng: random.Random) -> list:
    """The villages a project serves: those of the needs it answers, else one to three of the tambon's, now
    and then all of them."""
    served = {need.village for need in needs if need.village is not None}
    if served:
        return sorted(served, key=lambda village: village.moo)
    if len(villages) > 1 and rng.random() < 0.15:
        return villages
    chosen = rng.sample(villages, k=min(len(villages), rng.randint(1, 3)))
    return sorted(chosen, key=lambda village: village.moo)


def _plan_for(
    tambon: Tambon,
    fiscal_year: int,
    definitions: list[StepDefinition],
    stage: float,
    rng: random.Random,
    today: date,
) -> int:
    """One plan: steps done up to its stage, needs and projects in their villages, forwarding for the support
    projects. A past year's projects have an outcome: carried out or not, forwarding answered."""
    finished = fiscal_year < current_fiscal_year()
    plan = TambonPlan.objects.create(
        tambon=tambon,
        fiscal_year=fiscal_year,
        population=rng.randint(3_000, 12_000),
        households=rng.randint(800, 3_500),
    )
    done_steps = round(stage * len(definitions))
    done_dates = _done_dates(definitions, done_steps, today, rng)
    steps = []
    for index, definition in enumerate(definitions):
        step = PlanStep(plan=plan, definition=definition)
        if index < done_steps:
            step.status, step.done_on = StepStatus.DONE, done_dates[index]
            step.socho_took_part = rng.random() < 0.8
        elif index == done_steps and stage > 0:
            step.status = StepStatus.IN_PROGRESS
        steps.append(step)
    PlanStep.objects.bulk_create(steps)
    # The plan's approval date is its approval step's done date.
    approved_on = next(
        (
            step.done_on
            for step in steps
            if step.definition.kind == StepKind.APPROVAL and step.status == StepStatus.DONE
        ),
        None,
    )
    if stage == 0:
        return 0
    villages = list(tambon.villages.order_by("moo"))
    categories = {c.name_th: c for c in NeedCategory.objects.all()}
    needs = []
    for category, description in rng.sample(NEEDS, k=rng.randint(4, 8)):
        village = rng.choice(villages) if villages and rng.random() < 0.7 else None
        needs.append(
            Need(
                plan=plan,
                village=village,
                category=categories[category],
                description=description,
                source=rng.choice(NeedSource.values[:4]),
                severity=rng.randint(2, 5),
                votes=rng.randint(5, 120),
            )
        )
    needs = Need.objects.bulk_create(needs)
    classes = {c.code: c for c in ProjectClass.objects.all()}
    names = {"tambon": tambon.name_th, "district": tambon.district.name_th}
    chosen = rng.sample(PROJECTS, k=rng.randint(4, 8))
    if tambon.code == HUA_RUEA:  # the demo's tambon with two local governments sends a project to each
        chosen += [p for p in PROJECTS if p[2] == TargetKind.LOCAL_GOVERNMENT and p not in chosen]
    projects = []
    for priority, (name, class_code, target_kind, target, (low, high), lead) in enumerate(chosen, start=1):
        projects.append(
            (
                Project.objects.create(
                    plan=plan,
                    name=name,
                    priority=priority,
                    project_class=classes[class_code],
                    category=categories[PROJECT_CATEGORIES[name]],
                    target_kind=target_kind,
                    target_name=target.format(**names),
                    lead_agency=lead.format(**names),
                    development_issue="การพัฒนาคุณภาพชีวิตและเศรษฐกิจชุมชน",
                    objective="เพื่อแก้ไขปัญหาตามความต้องการของประชาชน",
                    budget_source="งบประมาณ อปท." if class_code == "support" else "งบประมาณชุมชนและภาคี",
                ),
                low,
                high,
            )
        )
    project_needs, project_villages = [], []
    for project, _low, _high in projects:
        answered = [need for need in needs if need.category.name_th == PROJECT_CATEGORIES[project.name]]
        project_needs += [Project.needs.through(project=project, need=need) for need in answered]
        if villages:
            project_villages += [
                Project.villages.through(project=project, village=village)
                for village in _project_villages(answered, villages, rng)
            ]
    Project.needs.through.objects.bulk_create(project_needs)
    Project.villages.through.objects.bulk_create(project_villages)
    outcomes = [ForwardOutcome.ACCEPTED, ForwardOutcome.FUNDED, ForwardOutcome.REJECTED, ForwardOutcome.DONE]
    if not finished:
        outcomes.insert(0, ForwardOutcome.PENDING)
    budgets, forwardings = [], []
    for project, low, high in projects:
        amount = Decimal(rng.randrange(low, high + 1, 1000)) if high else Decimal(0)
        if amount:
            budgets.append(ProjectBudget(project=project, fiscal_year=fiscal_year, amount=amount))
        status = None
        if project.project_class.code == "support" and stage >= 0.6:
            sent = min(today, approved_on + timedelta(days=10)) if approved_on else today
            outcome = rng.choice(outcomes)
            if tambon.code == HUA_RUEA and finished and project.target_kind == TargetKind.LOCAL_GOVERNMENT:
                outcome = ForwardOutcome.FUNDED  # the demo's whole chain: included, then funded next year
            forwardings.append(
                Forwarding(
                    project=project,
                    sent_on=sent,
                    target_kind=project.target_kind,
                    target_name=project.target_name,
                    letter_number=f"อบ {rng.randint(1000, 9999)}/{rng.randint(1, 900)}",
                    outcome=outcome,
                    outcome_on=None
                    if outcome == ForwardOutcome.PENDING
                    else min(today, sent + timedelta(days=30)),
                    accepted_plan="แผนพัฒนาท้องถิ่น (พ.ศ. 2566–2570)"
                    if outcome != ForwardOutcome.REJECTED
                    else "",
                    accepted_year=fiscal_year if outcome != ForwardOutcome.REJECTED else None,
                    reason="เกินศักยภาพงบประมาณ" if outcome == ForwardOutcome.REJECTED else "",
                )
            )
            status = {
                ForwardOutcome.ACCEPTED: ProjectStatus.ACCEPTED,
                ForwardOutcome.FUNDED: ProjectStatus.FUNDED,
                ForwardOutcome.DONE: ProjectStatus.DONE,
            }.get(outcome)
        elif finished and project.project_class.code != "support":
            status = ProjectStatus.DONE if rng.random() < 0.8 else ProjectStatus.NOT_DONE
        if status:
            project.status = status
            project.save(update_fields=["status"])
    ProjectBudget.objects.bulk_create(budgets)
    _link_local_governments(tambon, forwardings)
    Forwarding.objects.bulk_create(forwardings)
    _answers(forwardings, {b.project_id: b.amount for b in budgets}, fiscal_year, rng)
    return len(projects)


def _link_local_governments(tambon: Tambon, forwardings: list[Forwarding]) -> None:
    """Forwardings to a local government point at the registered body of that name, where there is one."""
    registered = localgov_selectors.for_tambon(tambon)
    own = [b for b in registered if b.kind != LocalGovernmentKind.PAO]
    local = [f for f in forwardings if f.target_kind == TargetKind.LOCAL_GOVERNMENT]
    for index, forwarding in enumerate(local):
        body = next((b for b in registered if b.full_name == forwarding.target_name), None)
        if body is not None and len(own) > 1:
            body = own[index % len(own)]  # a tambon with two local governments sends to both
        if body is not None:
            forwarding.local_government, forwarding.target_name = body, body.full_name
            Project.objects.filter(pk=forwarding.project_id).update(target_name=body.full_name)


RECIPIENT_PLANS = {
    TargetKind.DISTRICT: "แผนพัฒนาอำเภอ",
    TargetKind.PROVINCE: "แผนพัฒนาจังหวัด",
    TargetKind.AGENCY: "แผนปฏิบัติราชการของหน่วยงาน",
}


def _answers(forwardings: list[Forwarding], amounts: dict, fiscal_year: int, rng: random.Random) -> None:
    """What the recipients answered, as an office records it: included by an amendment of the local plan
    (the year the plan was approved) with its ผ.02 row, or not; funded projects with money in the next
    fiscal year's ordinance or agency budget (the ledger)."""
    answers, entries = [], []
    for forwarding in forwardings:
        if forwarding.outcome == ForwardOutcome.PENDING:
            continue
        local = forwarding.target_kind == TargetKind.LOCAL_GOVERNMENT
        answered_on = forwarding.outcome_on or forwarding.sent_on
        if forwarding.outcome == ForwardOutcome.REJECTED:
            answer = ForwardingAnswer(
                forwarding=forwarding,
                answered_on=answered_on,
                inclusion=Inclusion.NOT_INCLUDED,
                reason=forwarding.reason,
            )
        else:
            answer = ForwardingAnswer(
                forwarding=forwarding,
                answered_on=answered_on,
                letter_number=f"อบ {rng.randint(70000, 79999)}/{rng.randint(100, 999)}",
                inclusion=Inclusion.INCLUDED,
                plan_name=RECIPIENT_PLANS.get(forwarding.target_kind, ""),
                amendment_kind=AmendmentKind.ADDITION if local else "",
                amendment_number=rng.randint(1, 3) if local else None,
                amendment_year=fiscal_year if local else None,
                plan_row=str(rng.randint(1, 40)) if local else "",
            )
        answers.append(answer)
        amount = amounts.get(forwarding.project_id)
        if forwarding.outcome in (ForwardOutcome.FUNDED, ForwardOutcome.DONE) and amount:
            body = forwarding.local_government
            law = body.budget_law if body else "งบประมาณรายจ่ายประจำปี"
            entries.append(
                FundingEntry(
                    project_id=forwarding.project_id,
                    fiscal_year=fiscal_year + 1,
                    amount=(amount * Decimal("0.9") / 1000).quantize(Decimal(1)) * 1000,
                    status=EntryStatus.SECURED,
                    source_group=SourceGroup.LOCAL_GOVERNMENT if local else SourceGroup.AGENCIES,
                    source_name=forwarding.target_name,
                    reference=f"{law} พ.ศ. {fiscal_year + 1}",
                    answer=answer,
                    local_government=body,
                )
            )
    ForwardingAnswer.objects.bulk_create(answers)
    FundingEntry.objects.bulk_create(entries)


def _definitions(fiscal_year: int) -> list[StepDefinition]:
    """The province's steps for the year; FY2566's on the province's timetable of that year."""
    definitions = sorted(
        step_definitions_ensure(province_code=UBON_CODE, fiscal_year=fiscal_year), key=lambda d: d.sort_order
    )
    if fiscal_year == PAST_YEAR:
        for definition, due in zip(definitions, PAST_YEAR_DUE_DATES, strict=False):
            definition.due_date = due
        StepDefinition.objects.bulk_update(definitions, ["due_date"])
    return definitions


@transaction.atomic
def seed_plans(seed: int = 2566) -> int:
    """Plans for most Ubon tambons in FY2566 (most finished) and the current year (in various stages; Hua
    Ruea's workshop, the demo's check-in, is under way); how many plans were made."""
    if TambonPlan.objects.filter(tambon__district__province_id=UBON_CODE).exists():
        return 0
    rng = random.Random(seed)
    today = timezone.localdate()
    tambons = list(Tambon.objects.active().filter(district__province_id=UBON_CODE).select_related("district"))
    made = 0
    for fiscal_year, stages in (
        (PAST_YEAR, (1.0, 1.0, 1.0, 0.86)),
        (current_fiscal_year(), (0.0, 0.15, 0.3, 0.45, 0.6)),
    ):
        definitions = _definitions(fiscal_year)
        for tambon in tambons:
            if rng.random() < 0.1 and tambon.code != HUA_RUEA:
                continue
            stage = rng.choice(stages)
            if tambon.code == HUA_RUEA and fiscal_year != PAST_YEAR:
                stage = 1 / len(definitions)  # the villages' plans reviewed, the workshop under way
            _plan_for(tambon, fiscal_year, definitions, stage, rng, today)
            made += 1
    _carry_over()
    return made


def _carry_over() -> None:
    """Hua Ruea's plan of this year reviews the FY2566 plan's projects that were not funded or not finished:
    the first (in priority order) is carried over (revised as its second phase when this year's plan has a
    project of the same name), the next dropped with a reason, the rest left to the demo's user. Made through
    the service, as the tambon officer (the demo's huaruea_tambon) would."""
    from tambonplan.accounts.models import User

    officer = User.objects.filter(username="huaruea_tambon").first()
    plan = TambonPlan.objects.filter(tambon_id=HUA_RUEA, fiscal_year=current_fiscal_year()).first()
    if officer is None or plan is None or plan.fiscal_year == PAST_YEAR:
        return
    pending = carry_over_page(officer, plan).pending
    if pending:
        carried = pending[0].project
        if plan.projects.filter(name=carried.name).exists():
            shift = plan.fiscal_year - PAST_YEAR
            carry_over_decide(
                user=officer,
                plan=plan,
                previous=carried,
                decision="revise",
                name=f"{carried.name} ระยะที่ 2",
                budgets={b.fiscal_year + shift: b.amount for b in carried.budgets.all()},
                reason=CARRY_OVER_REVISE_REASON,
            )
        else:
            carry_over_decide(user=officer, plan=plan, previous=carried, decision="keep")
    if len(pending) > 1:
        carry_over_decide(
            user=officer,
            plan=plan,
            previous=pending[1].project,
            decision="drop",
            reason=CARRY_OVER_DROP_REASON,
        )
