"""Data migrations of plans, run on today's models."""

import importlib
from datetime import date

from django.apps import apps

from tambonplan.planning.models import Need, NeedCategory, PlanStep, StepDefinition, TambonPlan
from tests.planning import factories as pf


def test_existing_projects_take_the_category_their_needs_share(db):
    migration = importlib.import_module("tambonplan.planning.migrations.0006_project_category")
    plan = pf.make_plan()
    health, infra = (NeedCategory.objects.get(name_th=name) for name in ("ด้านสาธารณสุข", "ด้านโครงสร้างพื้นฐาน"))
    dengue = Need.objects.create(plan=plan, category=health, description="ยุงลายชุกชุม")
    elderly = Need.objects.create(plan=plan, category=health, description="ผู้สูงอายุขาดผู้ดูแล")
    road = Need.objects.create(plan=plan, category=infra, description="ถนนชำรุด")
    shared = pf.add_project(plan, "พ่นหมอกควัน")
    shared.needs.set([dengue, elderly])
    mixed = pf.add_project(plan, "หลายด้าน")
    mixed.needs.set([dengue, road])
    chosen = pf.add_project(plan, "เลือกแล้ว", category=infra)
    chosen.needs.set([dengue])
    alone = pf.add_project(plan, "ไม่มีปัญหา")

    migration.category_from_needs(apps, None)

    for project in (shared, mixed, chosen, alone):
        project.refresh_from_db()
    assert (shared.category, mixed.category, chosen.category, alone.category) == (health, None, infra, None)


STEP_KINDS = importlib.import_module("tambonplan.planning.migrations.0008_step_kinds_and_approval_dates")
FORMER_STEPS = (
    "ทบทวนแผนหมู่บ้าน/แผนชุมชน",
    "ประชุมเชิงปฏิบัติการจัดทำแผนพัฒนาตำบล",
    "ก.บ.ต. ให้ความเห็นชอบแผนพัฒนาตำบล",
    "ส่งต่อแผนให้ อปท. อำเภอ และหน่วยงานที่เกี่ยวข้อง",
    "ประสานภาคีการพัฒนาและบูรณาการงบประมาณ",
    "ติดตามการนำโครงการสู่การปฏิบัติ",
    "รายงานผลการดำเนินงาน",
)


def former_year(province: str = "34", year: int = 2568, names=FORMER_STEPS) -> list[StepDefinition]:
    """A province's year as the former defaults made it: seven steps, the last the report, no kinds."""
    return [
        StepDefinition.objects.create(province_id=province, fiscal_year=year, sort_order=order, name_th=name)
        for order, name in enumerate(names, start=1)
    ]


def test_existing_steps_named_as_a_default_get_its_kind_and_the_report_step_stays_other(db):
    steps = former_year()
    renamed = former_year(year=2567, names=("ประชุมประชาคม", "ประชุมเชิงปฏิบัติการจัดทำแผนพัฒนาตำบล"))

    STEP_KINDS.set_kinds(apps)

    kinds = [StepDefinition.objects.get(pk=step.pk).kind for step in steps]
    assert kinds == [
        "village_forums",
        "workshop",
        "approval",
        "send_local",
        "coordinate",
        "follow_up",
        "other",
    ]
    assert StepDefinition.objects.filter(pk=steps[-1].pk, name_th="รายงานผลการดำเนินงาน").exists()  # kept
    assert [StepDefinition.objects.get(pk=s.pk).kind for s in renamed] == ["other", "workshop"]


def test_a_second_step_with_a_default_name_stays_other(db):
    steps = former_year(names=("ประชุมเชิงปฏิบัติการจัดทำแผนพัฒนาตำบล", "ประชุมเชิงปฏิบัติการจัดทำแผนพัฒนาตำบล"))

    STEP_KINDS.set_kinds(apps)

    assert [StepDefinition.objects.get(pk=s.pk).kind for s in steps] == ["workshop", "other"]


def test_approval_dates_move_into_the_approval_steps(db):
    steps = former_year(year=2568)
    STEP_KINDS.set_kinds(apps)
    open_plan, done_plan, without_step = (
        TambonPlan.objects.create(tambon_id=code, fiscal_year=2568) for code in ("340104", "340105", "340107")
    )
    for plan in (open_plan, done_plan):
        PlanStep.objects.bulk_create(PlanStep(plan=plan, definition=d) for d in steps)
    PlanStep.objects.filter(plan=done_plan, definition=steps[2]).update(
        status="done", done_on=date(2025, 2, 20)
    )
    no_year = TambonPlan.objects.create(tambon_id="340104", fiscal_year=2565, approval_note="มติที่ 1/2565")

    STEP_KINDS.copy_approval_dates(
        apps,
        [
            (open_plan.pk, "340104", 2568, date(2025, 3, 1), ""),
            (done_plan.pk, "340105", 2568, date(2025, 3, 1), ""),
            (without_step.pk, "340107", 2568, date(2025, 3, 2), ""),
            (no_year.pk, "340104", 2565, date(2022, 2, 14), "มติที่ 1/2565"),
        ],
    )

    assert TambonPlan.objects.get(pk=open_plan.pk).approved_on == date(2025, 3, 1)
    assert TambonPlan.objects.get(pk=done_plan.pk).approved_on == date(2025, 2, 20)  # already done: kept
    assert TambonPlan.objects.get(pk=without_step.pk).approved_on == date(2025, 3, 2)  # the step created
    # no approval step that year: the date is kept in the note, nothing lost
    assert (
        TambonPlan.objects.get(pk=no_year.pk).approval_note == "มติที่ 1/2565 (ก.บ.ต. ให้ความเห็นชอบเมื่อ 14/2/2565)"
    )
