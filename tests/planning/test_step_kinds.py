"""Issue 17 item 5: steps with a kind, so each fact of a plan comes from one step — the default steps and their
calendar, the province's settings page, the approval date read from the approval step, "complete as of" a
report date."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tambonplan.accounts.scope import scope_of
from tambonplan.areas.models import Province
from tambonplan.planning import selectors, services
from tambonplan.planning.defaults import STEP_NAMES, STEPS, default_due_dates
from tambonplan.planning.models import StepDefinition, StepKind, StepStatus, TambonPlan
from tests.planning import factories as pf

KINDS_IN_ORDER = [
    StepKind.VILLAGE_FORUMS,
    StepKind.WORKSHOP,
    StepKind.APPROVAL,
    StepKind.SEND_LOCAL,
    StepKind.SEND_DISTRICT,
    StepKind.COORDINATE,
    StepKind.FOLLOW_UP,
]


# ---------------------------------------------------------------- the defaults


def test_a_new_year_gets_the_default_steps_with_their_kinds_and_no_report_step(db):
    definitions = services.step_definitions_ensure(province_code=pf.UBON, fiscal_year=2570)

    assert [d.kind for d in definitions] == KINDS_IN_ORDER
    assert "รายงานผลการดำเนินงาน" not in [d.name_th for d in definitions]
    assert [d.name_th for d in definitions][4] == "ส่งแผนให้อำเภอ (ก.บ.อ.)"
    assert [d.name_th for d in definitions] == list(STEP_NAMES)


def test_the_default_calendar_follows_the_local_budget_year(db):
    """FY2570 runs 1 Oct 2026 – 30 Sep 2027: forums by 31 Dec, workshop by 31 Jan, approval by the end of
    February, both sendings by 31 March (before the local governments amend their plans and draft the
    ordinance by 15 August), coordination by 30 June, follow-up to 30 September."""
    definitions = services.step_definitions_ensure(province_code=pf.UBON, fiscal_year=2570)

    assert [d.due_date for d in definitions] == [
        date(2026, 12, 31),
        date(2027, 1, 31),
        date(2027, 2, 28),
        date(2027, 3, 31),
        date(2027, 3, 31),
        date(2027, 6, 30),
        date(2027, 9, 30),
    ]
    assert default_due_dates(2571)[2] == date(2028, 2, 29)  # a leap year: the end of February
    assert all(step.why for step in STEPS)


def test_the_province_sees_the_calendar_with_kinds_and_that_it_is_a_default_to_adjust(personas):
    services.step_definitions_ensure(province_code=pf.UBON, fiscal_year=pf.fiscal_year())
    response = personas.client_for(personas.province_officer).get(
        reverse("planning:step_settings", args=[pf.UBON])
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "ปฏิทินแนะนำ" in html and "ปรับชื่อ ลำดับ ชนิด และวันที่" in html
    for kind in KINDS_IN_ORDER:
        assert f'data-kind="{kind}"' in html
    assert "ก.บ.ต. ให้ความเห็นชอบ" in html and "ส่งแผนให้อำเภอ (ก.บ.อ.)" in html
    assert 'name="kind"' in html  # the province sets the kind of a step


def _save(user, name, order, *, kind=None, definition=None):
    return services.step_definition_save(
        user=user,
        province=Province.objects.get(code=pf.UBON),
        fiscal_year=pf.fiscal_year(),
        definition=definition,
        name_th=name,
        due_date=None,
        sort_order=order,
        kind=kind,
    )


def test_the_province_sets_the_kind_of_its_own_step_once_per_year(personas):
    officer = personas.province_officer
    services.step_definitions_ensure(province_code=pf.UBON, fiscal_year=pf.fiscal_year())
    district_step = StepDefinition.objects.get(
        province_id=pf.UBON, fiscal_year=pf.fiscal_year(), kind=StepKind.SEND_DISTRICT
    )

    with pytest.raises(ValidationError) as refused:
        _save(officer, "ส่งแผนเข้าที่ประชุม ก.บ.อ.", 9, kind=StepKind.SEND_DISTRICT)
    assert "ปีนี้มีขั้นตอนชนิด" in str(refused.value) and "ส่งแผนให้อำเภอ (ก.บ.อ.)" in str(refused.value)

    _save(
        officer,
        district_step.name_th,
        district_step.sort_order,
        kind=StepKind.OTHER,
        definition=district_step,
    )
    own = _save(officer, "ส่งแผนเข้าที่ประชุม ก.บ.อ.", 9, kind=StepKind.SEND_DISTRICT)

    assert StepDefinition.objects.get(pk=own.pk).kind == StepKind.SEND_DISTRICT
    assert StepDefinition.objects.get(pk=district_step.pk).kind == StepKind.OTHER


def test_the_kind_is_set_on_the_settings_page(personas):
    client = personas.client_for(personas.province_officer)
    url = reverse("planning:step_settings", args=[pf.UBON])
    data = {"name_th": "ประชุมชี้แจงกำนันผู้ใหญ่บ้าน", "kind": "approval", "due_date": "", "sort_order": "1"}

    refused = client.post(url, data)
    data["kind"] = "other"
    saved = client.post(url, data)

    assert refused.status_code == 200 and "ปีนี้มีขั้นตอนชนิด" in refused.content.decode()
    assert saved.status_code == 302
    step = StepDefinition.objects.get(name_th="ประชุมชี้แจงกำนันผู้ใหญ่บ้าน")
    assert (step.kind, step.sort_order) == (StepKind.OTHER, 1)


# ---------------------------------------------------------------- the approval date is the approval step's


def test_a_plan_is_approved_when_its_approval_step_is_done(personas):
    plan = pf.make_plan()
    assert plan.approved_on is None
    step = pf.step_of(plan, StepKind.APPROVAL)

    services.step_update(
        user=personas.tambon_officer,
        step=step,
        status=StepStatus.DONE,
        done_on=pf.today() - timedelta(days=2),
    )

    assert TambonPlan.objects.get(pk=plan.pk).approved_on == pf.today() - timedelta(days=2)
    assert selectors.step_done_on(plan, StepKind.APPROVAL) == pf.today() - timedelta(days=2)
    services.step_update(user=personas.tambon_officer, step=step, status=StepStatus.IN_PROGRESS)
    assert TambonPlan.objects.get(pk=plan.pk).approved_on is None


def test_the_plan_page_and_the_profile_show_the_approval_steps_date(personas):
    plan = pf.approve(pf.make_plan(), date(2026, 11, 20))
    client = personas.client_for(personas.tambon_officer)

    page = client.get(reverse("planning:plan", args=[plan.pk])).content.decode()
    profile = client.get(reverse("planning:plan_profile", args=[plan.pk])).content.decode()

    assert "20 พฤศจิกายน 2569" in page
    assert 'name="approved_on"' not in profile
    assert reverse("planning:step", args=[pf.step_of(plan, StepKind.APPROVAL).pk]) in profile


def test_selectors_read_the_approval_date_without_a_query_per_plan(personas, django_assert_num_queries):
    plans = [pf.make_plan(code) for code in pf.MUEANG_TAMBONS[:4]]
    pf.approve(plans[0], pf.today())

    plan = selectors.plan_for(personas.district_officer, plans[0].pk)
    with django_assert_num_queries(0):
        assert plan.approved_on == pf.today()
    rows = list(selectors.plans_list(personas.district_officer, fiscal_year=pf.fiscal_year()))
    with django_assert_num_queries(0):
        dates = {row.tambon_id: row.approved_on for row in rows}
    assert dates[plans[0].tambon_id] == pf.today()
    assert dates[plans[1].tambon_id] is None


def test_only_projects_of_approved_plans_wait_to_be_forwarded(personas):
    approved, pending = pf.make_plan(pf.HUA_RUEA), pf.make_plan(pf.NONG_KHON)
    pf.approve(approved)
    ready = pf.add_project(approved, "ขุดลอกคลอง", class_code="support")
    pf.add_project(pending, "ซ่อมฝาย", class_code="support")

    assert selectors.projects_to_forward(personas.district_officer, fiscal_year=pf.fiscal_year()) == [ready]


def test_forwarded_on_comes_from_the_send_local_step(personas):
    plan = pf.make_plan()
    assert selectors.step_done_on(plan, StepKind.SEND_LOCAL) is None
    step = pf.step_of(plan, StepKind.SEND_LOCAL)
    services.step_update(user=personas.tambon_officer, step=step, status=StepStatus.DONE, done_on=pf.today())

    assert selectors.step_done_on(plan, StepKind.SEND_LOCAL) == pf.today()
    assert selectors.steps_done_on([plan.pk], StepKind.SEND_LOCAL) == {plan.pk: pf.today()}


# ---------------------------------------------------------------- complete as of a date


def test_a_plan_is_complete_as_of_a_date_when_the_steps_due_by_then_are_done(personas):
    year = pf.fiscal_year()
    plan = pf.make_plan()
    report_day = pf.today() - timedelta(days=10)
    definitions = pf.definitions()
    for index, definition in enumerate(definitions):  # four steps due before the report, three after
        definition.due_date = report_day - timedelta(days=30 - index) if index < 4 else pf.today()
        definition.save()
    pf.mark_done(plan, 4, on=report_day - timedelta(days=20))
    scope = scope_of(personas.district_officer)

    (now,) = [
        r for r in selectors.tambon_progress_in(scope, fiscal_year=year, district_codes=[pf.MUEANG]) if r.plan
    ]
    (then,) = [
        r
        for r in selectors.tambon_progress_in(
            scope, fiscal_year=year, district_codes=[pf.MUEANG], complete_as_of=report_day
        )
        if r.plan
    ]

    assert (now.steps_done, now.steps_total, now.is_done) == (4, len(definitions), False)
    assert (then.steps_done, then.steps_total, then.is_done) == (4, 4, True)
    (mueang,) = [
        row
        for row in selectors.district_progress_in(
            scope, fiscal_year=year, province_code=pf.UBON, complete_as_of=report_day
        )
        if row.district.code == pf.MUEANG
    ]
    assert mueang.plans_done == 1
    (ubon,) = selectors.national_progress_in(scope, fiscal_year=year, complete_as_of=report_day)
    assert ubon.plans_done == 1
