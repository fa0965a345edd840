"""Writing plans: the province's steps, opening a plan, recording steps and evidence, projects with budgets,
bulk status, forwarding and what came back; every write refused outside the user's scope or role."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from tambonplan.accounts.scope import may_manage_province
from tambonplan.areas.models import Province, Tambon
from tambonplan.core.concurrency import ConcurrentEditError
from tambonplan.planning import services
from tambonplan.planning.defaults import STEP_NAMES
from tambonplan.planning.models import (
    Forwarding,
    ForwardOutcome,
    Need,
    NeedCategory,
    PlanStep,
    Project,
    ProjectStatus,
    StepDefinition,
    StepEvidence,
    StepStatus,
    TambonPlan,
    TargetKind,
)
from tests.committees import factories as cf
from tests.planning import factories as f

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def tambon(code: str = f.HUA_RUEA) -> Tambon:
    return Tambon.objects.select_related("district__province").get(code=code)


def ubon() -> Province:
    return Province.objects.get(code=f.UBON)


def open_plan(user, code: str = f.HUA_RUEA, year: int | None = None) -> TambonPlan:
    return services.plan_open(user=user, tambon=tambon(code), fiscal_year=year or f.fiscal_year())


def step_names(plan: TambonPlan) -> list[str]:
    return [step.definition.name_th for step in f.steps(plan)]


def save_definition(user, name: str, position: int, definition=None, due=None) -> StepDefinition:
    return services.step_definition_save(
        user=user,
        province=ubon(),
        fiscal_year=f.fiscal_year(),
        definition=definition,
        name_th=name,
        due_date=due,
        sort_order=position,
    )


# ------------------------------------------------------------------ opening a plan and the province's steps


def test_plan_open_creates_the_plan_with_the_default_steps_due_inside_the_fiscal_year(personas):
    year = f.fiscal_year()

    plan = open_plan(personas.district_officer, year=year)

    assert (plan.tambon_id, plan.fiscal_year) == (f.HUA_RUEA, year)
    assert step_names(plan) == list(STEP_NAMES)
    start, end = date(year - 543 - 1, 10, 1), date(year - 543, 9, 30)
    dues = [step.definition.due_date for step in f.steps(plan)]
    assert all(start <= due <= end for due in dues), dues
    assert all(step.status == StepStatus.NOT_STARTED for step in f.steps(plan))
    # The defaults are the province's, made once for the year.
    assert StepDefinition.objects.filter(province_id=f.UBON, fiscal_year=year).count() == len(STEP_NAMES)


def test_plan_open_twice_gives_the_same_plan_and_steps(personas):
    first = open_plan(personas.tambon_officer)
    second = open_plan(personas.tambon_officer)

    assert first.pk == second.pk
    assert TambonPlan.objects.filter(tambon_id=f.HUA_RUEA).count() == 1
    assert second.steps.count() == len(STEP_NAMES)
    assert StepDefinition.objects.filter(province_id=f.UBON).count() == len(STEP_NAMES)


def test_plan_of_another_year_has_its_own_steps(personas):
    year = f.fiscal_year()
    open_plan(personas.district_officer, year=year)
    earlier = open_plan(personas.district_officer, year=year - 1)

    assert earlier.steps.count() == len(STEP_NAMES)
    assert {s.definition.fiscal_year for s in f.steps(earlier)} == {year - 1}
    assert TambonPlan.objects.filter(tambon_id=f.HUA_RUEA).count() == 2


def test_a_step_added_later_reaches_existing_plans_on_the_next_open(personas):
    plan = open_plan(personas.district_officer)
    added = save_definition(personas.province_officer, "ประชุมชี้แจงกำนันผู้ใหญ่บ้าน", 8)

    assert plan.steps.count() == len(STEP_NAMES)  # not yet

    again = open_plan(personas.district_officer)

    assert again.pk == plan.pk
    assert step_names(again) == [*STEP_NAMES, "ประชุมชี้แจงกำนันผู้ใหญ่บ้าน"]
    assert again.steps.filter(definition=added).count() == 1


def test_step_definition_save_inserts_at_position_two_and_renumbers(personas):
    open_plan(personas.district_officer)

    added = save_definition(personas.province_officer, "  สำรวจข้อมูล จปฐ.  ", 2, due=date(2026, 11, 30))

    names = [d.name_th for d in f.definitions()]
    assert names == [STEP_NAMES[0], "สำรวจข้อมูล จปฐ.", *STEP_NAMES[1:]]
    assert [d.sort_order for d in f.definitions()] == list(range(1, len(STEP_NAMES) + 2))
    added.refresh_from_db()
    assert (added.sort_order, added.due_date) == (2, date(2026, 11, 30))


def test_step_definition_save_moves_an_existing_step_and_changes_its_due_date(personas):
    f.set_due_dates()
    last = f.definitions()[-1]
    save_definition(personas.province_officer, STEP_NAMES[-1], 1, definition=last, due=date(2026, 10, 15))

    definitions = f.definitions()
    assert [d.name_th for d in definitions] == [STEP_NAMES[-1], *STEP_NAMES[:-1]]
    assert definitions[0].due_date == date(2026, 10, 15)
    assert len(definitions) == len(STEP_NAMES)


def test_step_definition_needs_a_name(personas):
    with pytest.raises(ValidationError):
        save_definition(personas.province_officer, "   ", 1)


def test_step_definition_delete_refused_once_a_plan_recorded_progress(personas):
    plan = open_plan(personas.district_officer)
    step = f.steps(plan)[2]
    services.step_update(user=personas.district_officer, step=step, status=StepStatus.IN_PROGRESS)

    with pytest.raises(ValidationError):
        services.step_definition_delete(user=personas.province_officer, definition=step.definition)

    assert StepDefinition.objects.filter(pk=step.definition_id).exists()
    assert PlanStep.objects.filter(pk=step.pk).exists()


def test_step_definition_delete_refused_when_a_step_has_evidence(personas):
    plan = open_plan(personas.district_officer)
    step = f.steps(plan)[1]
    services.step_evidence_add(
        user=personas.district_officer, step=step, upload=SimpleUploadedFile("scan.pdf", PDF)
    )

    with pytest.raises(ValidationError):
        services.step_definition_delete(user=personas.province_officer, definition=step.definition)

    assert StepEvidence.objects.filter(step=step).count() == 1


def test_step_definition_delete_without_progress_removes_it_from_plans(personas):
    plan = open_plan(personas.district_officer)
    definition = f.definitions()[3]

    services.step_definition_delete(user=personas.province_officer, definition=definition)

    assert not StepDefinition.objects.filter(pk=definition.pk).exists()
    assert plan.steps.count() == len(STEP_NAMES) - 1


def test_only_province_officers_manage_steps(personas):
    definition = save_definition(personas.province_officer, "ขั้นตอนทดสอบ", 1)

    for user in (personas.district_officer, personas.tambon_officer, personas.viewer):
        with pytest.raises(PermissionDenied):
            save_definition(user, "ขั้นตอนของอำเภอ", 1)
        with pytest.raises(PermissionDenied):
            services.step_definition_delete(user=user, definition=definition)
    with pytest.raises(Http404):
        save_definition(personas.outsider, "ขั้นตอนของศรีสะเกษ", 1)

    assert StepDefinition.objects.filter(pk=definition.pk).exists()
    assert not StepDefinition.objects.filter(name_th__startswith="ขั้นตอนของ").exists()
    assert may_manage_province(personas.province_officer, "34")
    assert not may_manage_province(personas.district_officer, "34")


# ------------------------------------------------------------------ recording a step


@pytest.fixture
def plan(personas) -> TambonPlan:
    return open_plan(personas.district_officer)


def test_step_done_without_a_date_is_done_today(personas, plan):
    step = f.steps(plan)[0]

    services.step_update(user=personas.tambon_officer, step=step, status=StepStatus.DONE, note="  ทบทวนแล้ว ")

    step.refresh_from_db()
    assert (step.status, step.done_on, step.note) == (StepStatus.DONE, f.today(), "ทบทวนแล้ว")


def test_step_done_on_a_past_date_keeps_it_and_a_future_date_is_refused(personas, plan):
    step = f.steps(plan)[0]
    services.step_update(
        user=personas.district_officer,
        step=step,
        status=StepStatus.DONE,
        done_on=f.today() - timedelta(days=3),
    )
    step.refresh_from_db()
    assert step.done_on == f.today() - timedelta(days=3)

    with pytest.raises(ValidationError) as error:
        services.step_update(
            user=personas.district_officer,
            step=step,
            status=StepStatus.DONE,
            done_on=f.today() + timedelta(days=1),
        )

    assert "done_on" in error.value.message_dict
    step.refresh_from_db()
    assert step.done_on == f.today() - timedelta(days=3)


def test_a_step_no_longer_done_loses_its_date(personas, plan):
    step = f.steps(plan)[0]
    services.step_update(user=personas.district_officer, step=step, status=StepStatus.DONE)

    services.step_update(
        user=personas.district_officer, step=step, status=StepStatus.IN_PROGRESS, done_on=f.today()
    )

    step.refresh_from_db()
    assert (step.status, step.done_on) == (StepStatus.IN_PROGRESS, None)


def test_step_socho_members_of_the_tambon_and_district_are_recorded(personas, plan):
    tambon_socho = list(cf.order("socho_t", f.HUA_RUEA, size=6).members.all())
    district_socho = list(
        cf.order("socho_a", f.MUEANG, size=6, people=cf.socho_people(6, prefix="อ")).members.all()
    )
    step = f.steps(plan)[1]

    services.step_update(
        user=personas.tambon_officer,
        step=step,
        status=StepStatus.IN_PROGRESS,
        socho_members=[tambon_socho[0], district_socho[1]],
    )

    step.refresh_from_db()
    assert step.socho_took_part  # members named: took part even without the box ticked
    assert set(step.socho_members.all()) == {tambon_socho[0], district_socho[1]}


@pytest.mark.parametrize("who", ["kbt", "other_tambon_socho"])
def test_step_socho_members_from_elsewhere_are_refused(personas, plan, who):
    cf.order("socho_t", f.HUA_RUEA, size=6)
    if who == "kbt":
        outsider = cf.order("kbt", f.HUA_RUEA).members.first()
    else:
        outsider = cf.order("socho_t", f.NONG_KHON, size=6).members.first()
    step = f.steps(plan)[1]

    with pytest.raises(ValidationError) as error:
        services.step_update(
            user=personas.district_officer, step=step, status=StepStatus.DONE, socho_members=[outsider]
        )

    assert "socho_members" in error.value.message_dict
    step.refresh_from_db()
    assert step.status == StepStatus.NOT_STARTED
    assert step.socho_members.count() == 0


def test_evidence_type_is_decided_by_content(personas, plan):
    step = f.steps(plan)[0]
    fake = SimpleUploadedFile(
        "รายงานการประชุม.pdf", "นี่คือข้อความ ไม่ใช่ PDF".encode(), content_type="application/pdf"
    )

    with pytest.raises(ValidationError):
        services.step_evidence_add(user=personas.district_officer, step=step, upload=fake)
    assert step.evidence.count() == 0

    evidence = services.step_evidence_add(
        user=personas.district_officer,
        step=step,
        upload=SimpleUploadedFile("scan.bin", PDF, content_type="application/octet-stream"),
        caption=" รายงานการประชุม ",
    )
    assert evidence.file.name.endswith(".pdf")
    assert evidence.file.name.startswith(f"plans/{f.HUA_RUEA}/{plan.fiscal_year}/")
    assert (evidence.caption, evidence.uploaded_by) == ("รายงานการประชุม", personas.district_officer)


# ------------------------------------------------------------------ needs and projects


def need_fields(**overrides) -> dict:
    return {
        "village": None,
        "category": NeedCategory.objects.first(),
        "description": "น้ำประปาไม่เพียงพอ",
        "source": "forum",
        "severity": 4,
        "votes": 12,
    } | overrides


def test_need_of_a_village_of_another_tambon_is_refused(personas, plan):
    with pytest.raises(ValidationError):
        services.need_save(
            user=personas.district_officer, plan=plan, **need_fields(village=f.village(f.NONG_KHON))
        )

    need = services.need_save(user=personas.district_officer, plan=plan, **need_fields(village=f.village()))
    tambon_wide = services.need_save(user=personas.district_officer, plan=plan, **need_fields(village=None))
    assert need.village.tambon_id == f.HUA_RUEA
    assert tambon_wide.village is None
    assert Need.objects.filter(plan=plan).count() == 2


def project_fields(**overrides) -> dict:
    return {
        "name": "ส่งเสริมอาชีพจักสาน",
        "project_class": f.project_class("community"),
        "priority": 1,
        "lead_agency": "สำนักงานพัฒนาชุมชนอำเภอเมืองอุบลราชธานี",
        "status": ProjectStatus.PROPOSED,
    } | overrides


def test_support_project_needs_a_target(personas, plan):
    with pytest.raises(ValidationError) as error:
        services.project_save(
            user=personas.district_officer,
            plan=plan,
            **project_fields(project_class=f.project_class("support")),
        )

    assert "target_kind" in error.value.message_dict
    assert not Project.objects.exists()

    project = services.project_save(
        user=personas.district_officer,
        plan=plan,
        **project_fields(
            project_class=f.project_class("support"),
            target_kind=TargetKind.LOCAL_GOVERNMENT,
            target_name="อบต.หัวเรือ",
        ),
    )
    assert (project.target_kind, project.target_name) == (TargetKind.LOCAL_GOVERNMENT, "อบต.หัวเรือ")


def test_a_community_project_keeps_no_target(personas, plan):
    project = services.project_save(
        user=personas.district_officer,
        plan=plan,
        **project_fields(target_kind=TargetKind.AGENCY, target_name="สำนักงานเกษตรอำเภอ"),
    )

    project.refresh_from_db()
    assert (project.target_kind, project.target_name) == ("", "")


def test_project_villages_must_be_of_the_plans_tambon(personas, plan):
    with pytest.raises(ValidationError) as error:
        services.project_save(
            user=personas.district_officer,
            plan=plan,
            villages=[f.village(f.HUA_RUEA, 1), f.village(f.NONG_KHON, 1)],
            **project_fields(),
        )

    assert "villages" in error.value.message_dict
    assert not Project.objects.exists()


def test_project_needs_must_be_of_the_plan(personas, plan):
    other = f.make_plan(f.NONG_KHON)
    foreign = f.add_need(other)

    with pytest.raises(ValidationError):
        services.project_save(user=personas.district_officer, plan=plan, needs=[foreign], **project_fields())


def test_project_category_chosen_or_else_the_one_its_needs_share(personas, plan):
    health, infra = (NeedCategory.objects.get(name_th=name) for name in ("ด้านสาธารณสุข", "ด้านโครงสร้างพื้นฐาน"))
    dengue, elderly, road = (
        Need.objects.create(plan=plan, category=category, description=text)
        for category, text in ((health, "ยุงลายชุกชุม"), (health, "ผู้สูงอายุขาดผู้ดูแล"), (infra, "ถนนชำรุด"))
    )
    user = personas.district_officer

    shared = services.project_save(
        user=user, plan=plan, needs=[dengue, elderly], **project_fields(category=None)
    )
    mixed = services.project_save(user=user, plan=plan, needs=[dengue, road], **project_fields(name="ผสม"))
    chosen = services.project_save(
        user=user, plan=plan, needs=[dengue], **project_fields(name="เลือกเอง", category=infra)
    )

    assert shared.category == health  # left blank: the category of the needs chosen
    assert mixed.category is None  # the needs differ: none is chosen for the officer
    assert chosen.category == infra  # the officer's choice stands


def budgets_of(project: Project) -> dict[int, Decimal]:
    return dict(project.budgets.values_list("fiscal_year", "amount"))


def test_project_budgets_per_year_saved_changed_and_removed(personas, plan):
    year = plan.fiscal_year
    project = services.project_save(
        user=personas.district_officer,
        plan=plan,
        villages=[f.village(f.HUA_RUEA, 1), f.village(f.HUA_RUEA, 2)],
        budgets={year: Decimal("120000"), year + 1: Decimal("50000.50"), year + 2: None},
        **project_fields(),
    )
    assert budgets_of(project) == {year: Decimal("120000"), year + 1: Decimal("50000.50")}
    assert project.villages.count() == 2

    changed = services.project_save(
        user=personas.district_officer,
        plan=plan,
        project=project,
        version=project.version,
        villages=[f.village(f.HUA_RUEA, 1)],
        budgets={year: Decimal("130000"), year + 1: None, year + 2: Decimal("0")},
        **project_fields(name="ส่งเสริมอาชีพจักสาน ระยะที่ 2"),
    )

    assert budgets_of(changed) == {year: Decimal("130000")}
    assert changed.villages.count() == 1
    assert (changed.name, changed.version) == ("ส่งเสริมอาชีพจักสาน ระยะที่ 2", project.version + 1)


def test_negative_budget_refused_and_nothing_saved(personas, plan):
    with pytest.raises(ValidationError):
        services.project_save(
            user=personas.district_officer,
            plan=plan,
            budgets={plan.fiscal_year: Decimal("-1")},
            **project_fields(),
        )
    assert not Project.objects.exists()


def test_project_saved_on_a_stale_version_is_refused(personas, plan):
    project = services.project_save(user=personas.district_officer, plan=plan, **project_fields())
    opened_version = project.version
    services.project_save(
        user=personas.tambon_officer,
        plan=plan,
        project=project,
        version=opened_version,
        **project_fields(name="ชื่อที่ตำบลแก้"),
    )

    with pytest.raises(ConcurrentEditError):
        services.project_save(
            user=personas.district_officer,
            plan=plan,
            project=project,
            version=opened_version,
            **project_fields(name="ชื่อที่อำเภอแก้"),
        )

    project.refresh_from_db()
    assert project.name == "ชื่อที่ตำบลแก้"


def test_plan_update_on_a_stale_version_is_refused(personas, plan):
    services.plan_update(user=personas.district_officer, plan=plan, version=plan.version, population=4210)

    with pytest.raises(ConcurrentEditError):
        services.plan_update(user=personas.tambon_officer, plan=plan, version=plan.version, population=1)

    plan.refresh_from_db()
    assert (plan.population, plan.version) == (4210, 2)


def test_projects_set_status_changes_the_chosen_projects(personas, plan):
    a, b, c = (f.add_project(plan, name) for name in ("ก", "ข", "ค"))

    changed = services.projects_set_status(
        user=personas.district_officer, plan=plan, project_ids=[a.pk, b.pk], status=ProjectStatus.ACCEPTED
    )

    assert changed == 2
    statuses = dict(Project.objects.values_list("pk", "status"))
    assert statuses == {a.pk: "accepted", b.pk: "accepted", c.pk: "proposed"}


def test_projects_set_status_with_a_project_of_another_plan_changes_nothing(personas, plan):
    mine = f.add_project(plan, "ของหัวเรือ")
    theirs = f.add_project(f.make_plan(f.NONG_KHON), "ของหนองขอน")

    with pytest.raises(ValidationError):
        services.projects_set_status(
            user=personas.district_officer,
            plan=plan,
            project_ids=[mine.pk, theirs.pk],
            status=ProjectStatus.FUNDED,
        )

    assert set(Project.objects.values_list("status", flat=True)) == {ProjectStatus.PROPOSED}


def test_projects_set_status_refuses_an_unknown_status(personas, plan):
    project = f.add_project(plan)
    with pytest.raises(ValidationError):
        services.projects_set_status(
            user=personas.district_officer, plan=plan, project_ids=[project.pk], status="x"
        )


# ------------------------------------------------------------------ forwarding


@pytest.fixture
def project(plan) -> Project:
    return f.add_project(plan, "ขุดลอกหนองสาธารณะ", "support", {plan.fiscal_year: "120000"})


def forward(user, project, **overrides) -> Forwarding:
    values = {
        "sent_on": f.today() - timedelta(days=10),
        "target_kind": TargetKind.LOCAL_GOVERNMENT,
        "target_name": " องค์การบริหารส่วนตำบลหัวเรือ ",
        "letter_number": "อบ 0019/123",
    } | overrides
    return services.forwarding_add(user=user, project=project, **values)


def record(user, forwarding, outcome, **fields) -> Forwarding:
    return services.forwarding_record_outcome(user=user, forwarding=forwarding, outcome=outcome, **fields)


def status_of(project: Project) -> str:
    project.refresh_from_db()
    return project.status


def test_forwarding_lifecycle_updates_the_project_each_time(personas, project):
    user = personas.tambon_officer
    sent = forward(user, project)
    assert (sent.outcome, sent.target_name, sent.letter_number) == (
        ForwardOutcome.PENDING,
        "องค์การบริหารส่วนตำบลหัวเรือ",
        "อบ 0019/123",
    )
    assert status_of(project) == ProjectStatus.PROPOSED

    with pytest.raises(ValidationError):
        record(user, sent, ForwardOutcome.ACCEPTED)  # which plan, which year?
    with pytest.raises(ValidationError):
        record(user, sent, ForwardOutcome.ACCEPTED, accepted_plan="แผนพัฒนาท้องถิ่น")
    assert status_of(project) == ProjectStatus.PROPOSED

    accepted = record(
        user,
        sent,
        ForwardOutcome.ACCEPTED,
        accepted_plan=" แผนพัฒนาท้องถิ่น (พ.ศ. 2566–2570) ",
        accepted_year=2570,
    )
    assert (accepted.accepted_plan, accepted.accepted_year) == ("แผนพัฒนาท้องถิ่น (พ.ศ. 2566–2570)", 2570)
    assert accepted.outcome_on == f.today()
    assert status_of(project) == ProjectStatus.ACCEPTED

    record(user, sent, ForwardOutcome.FUNDED, outcome_on=f.today() - timedelta(days=1))
    assert status_of(project) == ProjectStatus.FUNDED
    record(user, sent, ForwardOutcome.UNDER_WAY)
    assert status_of(project) == ProjectStatus.UNDER_WAY
    record(user, sent, ForwardOutcome.DONE)
    assert status_of(project) == ProjectStatus.DONE

    for outcome in (ForwardOutcome.NOT_DONE, ForwardOutcome.UNDER_WAY, ForwardOutcome.PENDING):
        with pytest.raises(ValidationError):
            record(user, sent, outcome)
    sent.refresh_from_db()
    assert sent.outcome == ForwardOutcome.DONE
    assert status_of(project) == ProjectStatus.DONE


def test_rejection_needs_a_reason_and_is_final(personas, project):
    sent = forward(personas.district_officer, project)

    with pytest.raises(ValidationError) as error:
        record(personas.district_officer, sent, ForwardOutcome.REJECTED, reason="  ")
    assert "reason" in error.value.message_dict

    rejected = record(personas.district_officer, sent, ForwardOutcome.REJECTED, reason="ไม่อยู่ในอำนาจหน้าที่")
    assert (rejected.outcome, rejected.reason) == (ForwardOutcome.REJECTED, "ไม่อยู่ในอำนาจหน้าที่")
    assert status_of(project) == ProjectStatus.PROPOSED
    with pytest.raises(ValidationError):
        record(
            personas.district_officer, sent, ForwardOutcome.ACCEPTED, accepted_plan="แผน", accepted_year=2570
        )


def test_rejection_takes_a_project_marked_included_back_to_proposed(personas, project):
    """Issue 15: "ไม่รับ" must not leave the project "บรรจุในแผนแล้ว" when no one included it in a plan."""
    user = personas.district_officer
    services.projects_set_status(
        user=user, plan=project.plan, project_ids=[project.pk], status=ProjectStatus.ACCEPTED
    )
    version = Project.objects.get(pk=project.pk).version
    sent = forward(user, project)

    record(user, sent, ForwardOutcome.REJECTED, reason="เกินศักยภาพงบประมาณ")

    project.refresh_from_db()
    assert project.status == ProjectStatus.PROPOSED
    assert project.version == version + 1


def test_rejection_keeps_the_status_another_forwarding_gave(personas, project):
    user = personas.district_officer
    district = forward(user, project, target_kind=TargetKind.DISTRICT, target_name="อำเภอเมืองอุบลราชธานี")
    partner = forward(user, project, target_kind=TargetKind.PARTNER, target_name="มูลนิธิรักษ์ถิ่น")
    record(user, district, ForwardOutcome.ACCEPTED, accepted_plan="แผนพัฒนาอำเภอ", accepted_year=2570)

    record(user, partner, ForwardOutcome.REJECTED, reason="ไม่อยู่ในพื้นที่เป้าหมาย")

    assert status_of(project) == ProjectStatus.ACCEPTED


def test_rejection_leaves_a_status_that_does_not_claim_a_plan(personas, project):
    user = personas.district_officer
    services.projects_set_status(
        user=user, plan=project.plan, project_ids=[project.pk], status=ProjectStatus.UNDER_WAY
    )
    sent = forward(user, project)

    record(user, sent, ForwardOutcome.REJECTED, reason="ไม่อยู่ในอำนาจหน้าที่")

    assert status_of(project) == ProjectStatus.UNDER_WAY


def test_illegal_moves_are_refused(personas, project):
    sent = forward(personas.district_officer, project)

    for outcome in (
        ForwardOutcome.FUNDED,
        ForwardOutcome.DONE,
        ForwardOutcome.UNDER_WAY,
        ForwardOutcome.PENDING,
    ):
        with pytest.raises(ValidationError):
            record(personas.district_officer, sent, outcome)

    record(
        personas.district_officer,
        sent,
        ForwardOutcome.ACCEPTED,
        accepted_plan="แผนพัฒนาอำเภอ",
        accepted_year=2570,
    )
    for outcome in (ForwardOutcome.PENDING, ForwardOutcome.REJECTED, ForwardOutcome.DONE):
        with pytest.raises(ValidationError):
            record(personas.district_officer, sent, outcome, reason="ทดสอบ")

    sent.refresh_from_db()
    assert sent.outcome == ForwardOutcome.ACCEPTED
    assert status_of(project) == ProjectStatus.ACCEPTED


def test_accepted_then_not_done(personas, project):
    sent = forward(personas.district_officer, project)
    record(
        personas.district_officer,
        sent,
        ForwardOutcome.ACCEPTED,
        accepted_plan="แผนพัฒนาอำเภอ",
        accepted_year=2570,
    )

    record(personas.district_officer, sent, ForwardOutcome.NOT_DONE, reason="ไม่ได้รับจัดสรรงบประมาณ")

    assert status_of(project) == ProjectStatus.NOT_DONE


def test_an_unknown_outcome_is_refused(personas, project):
    sent = forward(personas.district_officer, project)

    with pytest.raises(ValidationError):
        record(personas.district_officer, sent, "approved")


def test_forwarding_sent_in_the_future_is_refused(personas, project):
    with pytest.raises(ValidationError) as error:
        forward(personas.district_officer, project, sent_on=f.today() + timedelta(days=1))

    assert "sent_on" in error.value.message_dict
    assert not Forwarding.objects.exists()
    forward(personas.district_officer, project, sent_on=f.today())
    assert Forwarding.objects.count() == 1


def test_a_project_is_forwarded_several_times(personas, project):
    forward(
        personas.district_officer, project, target_kind=TargetKind.DISTRICT, target_name="อำเภอเมืองอุบลราชธานี"
    )
    forward(personas.district_officer, project, target_kind=TargetKind.PARTNER, target_name="มูลนิธิรักษ์ถิ่น")

    assert [fw.target_kind for fw in project.forwardings.all()] == [TargetKind.DISTRICT, TargetKind.PARTNER]


# ------------------------------------------------------------------ scope: every write refused outside


@pytest.fixture
def world(personas, plan):
    """A Mueang plan with a step, a need, a project and a forwarding, and every write to try on them."""
    step = f.steps(plan)[0]
    need = f.add_need(plan)
    project = f.add_project(plan, "ขุดลอกหนองสาธารณะ", "support", {plan.fiscal_year: "120000"})
    forwarding = Forwarding.objects.create(
        project=project, sent_on=f.today(), target_kind=TargetKind.LOCAL_GOVERNMENT, target_name="อบต.หัวเรือ"
    )
    definition = f.definitions()[0]
    writes = {
        "plan_open": lambda u: services.plan_open(user=u, tambon=tambon(), fiscal_year=plan.fiscal_year + 1),
        "plan_update": lambda u: services.plan_update(user=u, plan=plan, version=plan.version, population=1),
        "step_update": lambda u: services.step_update(user=u, step=step, status=StepStatus.DONE),
        "evidence": lambda u: services.step_evidence_add(
            user=u, step=step, upload=SimpleUploadedFile("a.pdf", PDF)
        ),
        "need_save": lambda u: services.need_save(user=u, plan=plan, **need_fields()),
        "need_delete": lambda u: services.need_delete(user=u, need=need),
        "project_save": lambda u: services.project_save(user=u, plan=plan, **project_fields()),
        "project_edit": lambda u: services.project_save(
            user=u, plan=plan, project=project, version=project.version, **project_fields()
        ),
        "project_delete": lambda u: services.project_delete(user=u, project=project),
        "set_status": lambda u: services.projects_set_status(
            user=u, plan=plan, project_ids=[project.pk], status=ProjectStatus.DONE
        ),
        "forward": lambda u: forward(u, project),
        "outcome": lambda u: record(u, forwarding, ForwardOutcome.REJECTED, reason="ไม่รับ"),
        "step_definition_save": lambda u: save_definition(u, "ขั้นตอนใหม่", 1),
        "step_definition_delete": lambda u: services.step_definition_delete(user=u, definition=definition),
    }
    return writes


def snapshot():
    return (
        list(TambonPlan.objects.values_list("pk", "population", "version")),
        list(PlanStep.objects.values_list("pk", "status")),
        list(StepDefinition.objects.values_list("pk", "name_th", "sort_order")),
        StepEvidence.objects.count(),
        list(Need.objects.values_list("pk")),
        list(Project.objects.values_list("pk", "name", "status", "version")),
        list(Forwarding.objects.values_list("pk", "outcome")),
    )


@pytest.mark.parametrize("persona", ["other_district_officer", "viewer", "outsider"])
def test_every_write_is_refused_outside_the_users_scope_or_role(personas, world, persona):
    user = getattr(personas, persona)
    before = snapshot()

    for name, write in world.items():
        with pytest.raises((Http404, PermissionDenied)):
            write(user)
            pytest.fail(f"{persona} could {name}")

    assert snapshot() == before


def test_other_district_officer_gets_not_found_for_the_plans_objects(personas, world):
    for name, write in world.items():
        expected = PermissionDenied if name.startswith("step_definition") else Http404
        with pytest.raises(expected):
            write(personas.other_district_officer)


def test_viewer_sees_but_may_not_change(personas, world):
    for write in world.values():
        with pytest.raises(PermissionDenied):
            write(personas.viewer)


def test_tambon_officer_may_not_write_to_a_tambon_not_its_own(personas):
    with pytest.raises(Http404):
        open_plan(personas.tambon_officer, f.NAI_MUEANG)
    other = f.make_plan(f.NAI_MUEANG)
    with pytest.raises(Http404):
        services.need_save(user=personas.tambon_officer, plan=other, **need_fields())
    assert not TambonPlan.objects.filter(tambon_id=f.NAI_MUEANG, fiscal_year=f.fiscal_year() + 1).exists()
    assert not Need.objects.exists()
