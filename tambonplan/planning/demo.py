"""Demo plans for Ubon Ratchathani, FY2566 and the current fiscal year: plans in every stage, realistic needs
and projects, forwarding with outcomes."""

import random
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from tambonplan.areas.models import Tambon
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
    StepStatus,
    TambonPlan,
    TargetKind,
)
from tambonplan.planning.services import step_definitions_ensure
from tambonplan.thai.dates import current_fiscal_year

UBON_CODE = "34"
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


def _plan_for(tambon: Tambon, fiscal_year: int, stage: float, rng: random.Random, today) -> int:
    """One plan: steps done up to its stage, needs and projects, forwarding for the support projects."""
    plan = TambonPlan.objects.create(
        tambon=tambon,
        fiscal_year=fiscal_year,
        population=rng.randint(3_000, 12_000),
        households=rng.randint(800, 3_500),
    )
    definitions = step_definitions_ensure(province_code=UBON_CODE, fiscal_year=fiscal_year)
    done_steps = round(stage * len(definitions))
    steps = []
    for index, definition in enumerate(definitions):
        step = PlanStep(plan=plan, definition=definition)
        if index < done_steps:
            due = definition.due_date or today
            step.status, step.done_on = StepStatus.DONE, min(due - timedelta(days=rng.randint(0, 20)), today)
            step.socho_took_part = rng.random() < 0.8
        elif index == done_steps and stage > 0:
            step.status = StepStatus.IN_PROGRESS
        steps.append(step)
    PlanStep.objects.bulk_create(steps)
    if done_steps >= 3:
        plan.approved_on = steps[2].done_on
        plan.save(update_fields=["approved_on"])
    if stage == 0:
        return 0
    villages = list(tambon.villages.all())
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
    projects = []
    for priority, (name, class_code, target_kind, target, (low, high), lead) in enumerate(
        rng.sample(PROJECTS, k=rng.randint(4, 8)), start=1
    ):
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
    for project, _low, _high in projects:
        wanted = PROJECT_CATEGORIES[project.name]
        project.needs.set([need for need in needs if need.category.name_th == wanted])
    budgets, forwardings = [], []
    for project, low, high in projects:
        amount = Decimal(rng.randrange(low, high + 1, 1000)) if high else Decimal(0)
        if amount:
            budgets.append(ProjectBudget(project=project, fiscal_year=fiscal_year, amount=amount))
        if project.project_class.code == "support" and stage >= 0.6:
            sent = min(today, plan.approved_on + timedelta(days=10)) if plan.approved_on else today
            outcome = rng.choice(
                [
                    ForwardOutcome.PENDING,
                    ForwardOutcome.ACCEPTED,
                    ForwardOutcome.FUNDED,
                    ForwardOutcome.REJECTED,
                    ForwardOutcome.DONE,
                ]
            )
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
            if status:
                project.status = status
                project.save(update_fields=["status"])
    ProjectBudget.objects.bulk_create(budgets)
    Forwarding.objects.bulk_create(forwardings)
    return len(projects)


@transaction.atomic
def seed_plans(seed: int = 2566) -> int:
    """Plans for most Ubon tambons in FY2566 (finished) and the current year (in various stages)."""
    if TambonPlan.objects.filter(tambon__district__province_id=UBON_CODE).exists():
        return 0
    rng = random.Random(seed)
    today = timezone.localdate()
    tambons = list(Tambon.objects.active().filter(district__province_id=UBON_CODE).select_related("district"))
    made = 0
    for fiscal_year, stages in (
        (2566, (1.0, 1.0, 0.86)),
        (current_fiscal_year(), (0.0, 0.15, 0.3, 0.45, 0.6)),
    ):
        for tambon in tambons:
            if rng.random() < 0.1:
                continue
            _plan_for(tambon, fiscal_year, rng.choice(stages), rng, today)
            made += 1
    return made
