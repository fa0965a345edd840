"""The figures of many district reports at once (``district_figures``): the same as each district's own report
and the pages it is built from, in the same number of queries whatever the number of districts."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tambonplan.accounts.scope import scope_of
from tambonplan.areas.models import District, Province
from tambonplan.committees.selectors import committee_rows, overview_of
from tambonplan.events.models import AttendeeGroup, EventKind
from tambonplan.events.selectors import events_for
from tambonplan.partners.integration import district_integration
from tambonplan.planning.models import Forwarding, PlanStep, Project, StepKind, StepStatus, TambonPlan
from tambonplan.planning.selectors import district_progress, district_progress_in, tambon_progress
from tambonplan.reports.content import FIGURE_KEYS, computed_figures, district_figures
from tambonplan.reports.models import DistrictReport
from tambonplan.villageplans.selectors import district_reviews
from tests.committees import factories as cf
from tests.events import factories as ef
from tests.partners import funding_factories as ff
from tests.planning import factories as pf
from tests.reports import factories as f

pytestmark = pytest.mark.django_db

DISTRICTS = (pf.MUEANG, pf.WARIN, pf.TRAKAN, pf.DON_MOT_DAENG)
TRAKAN_TAMBON = "341101"
OLD_PROJECT_BUDGET = Decimal("80000")


@pytest.fixture
def province_data():
    """Plans in three of four districts (one with a late step, one done), needs, projects of every class with
    budgets, a forwarded project, a project of last year's plan with a budget and a commitment this year,
    commitments in every status, workshops and orientations held and to come, committees in several states."""
    year = pf.fiscal_year()
    pf.set_due_dates()
    pf.first_step_due(pf.today() - timedelta(days=10))
    hua_ruea, nong_khon = pf.make_plan(pf.HUA_RUEA), pf.make_plan(pf.NONG_KHON)
    warin, trakan = pf.make_plan(pf.WARIN_TAMBON), pf.make_plan(TRAKAN_TAMBON)
    pf.mark_done(hua_ruea, len(pf.steps(hua_ruea)))
    pf.mark_done(nong_khon, 2)
    pf.mark_done(warin, 1)
    step = pf.steps(warin)[0]
    step.socho_took_part = True
    step.save()
    for plan, moo in ((hua_ruea, 1), (hua_ruea, 2), (warin, 3), (trakan, 1)):
        pf.add_need(plan, village=pf.village(plan.tambon_id, moo))
    road = pf.add_project(hua_ruea, budgets={year: "500000"})
    weaving = pf.add_project(hua_ruea, "ฝึกอาชีพสตรี", class_code="joint", budgets={year: "30000"})
    canal = pf.add_project(nong_khon, "ขุดลอกคลอง", class_code="support", budgets={year: "1200000"})
    Forwarding.objects.create(
        project=canal, sent_on=pf.today(), target_kind="local_government", target_name="อบต.หนองขอน"
    )
    well = pf.add_project(warin, "ขุดบ่อน้ำตื้น", budgets={year: "150000", year + 1: "50000"})
    pf.add_project(trakan, "ปรับปรุงศาลาประชาคม", class_code="joint")
    # Last year's plan: its project is budgeted this year too, and a partner has approved funds for this year.
    old_plan = pf.make_plan(pf.WARIN_TAMBON, year - 1)
    old = pf.add_project(old_plan, "ซ่อมฝาย", budgets={year - 1: "60000", year: str(OLD_PROJECT_BUDGET)})

    foundation, firm = ff.partner(), ff.partner("บริษัท ข้าวดี จำกัด", "private")
    ff.commitment(road, foundation, status="approved", amount="200000")
    ff.commitment(road, firm, status="pledged", amount="50000")
    ff.commitment(weaving, firm, status="delivered", estimated="12000")
    ff.commitment(canal, foundation, status="proposed", amount="300000")
    ff.commitment(canal, firm, status="cancelled", amount="100000")
    ff.commitment(well, foundation, status="approved", amount="40000")
    ff.commitment(well, firm, status="approved", amount="30000", year=year - 1)
    ff.commitment(old, firm, status="approved", amount="20000")

    workshop = ef.event(pf.HUA_RUEA, kind=EventKind.WORKSHOP, starts_in=timedelta(days=-3))
    ef.counts(workshop, **{AttendeeGroup.LEADERS: 30, AttendeeGroup.SOCHO: 7})
    ef.event(pf.NONG_KHON, kind=EventKind.WORKSHOP, starts_in=timedelta(days=4))
    socho_t = cf.order("socho_t", pf.WARIN_TAMBON)
    warin_workshop = ef.event(pf.WARIN_TAMBON, kind=EventKind.WORKSHOP, starts_in=timedelta(days=-1))
    member = socho_t.members.first()
    ef.attendee(warin_workshop, member.full_name, AttendeeGroup.LEADERS, member=member)
    ef.counts(warin_workshop, **{AttendeeGroup.OFFICIALS: 9})
    for code, days, officials in ((pf.MUEANG, -20, 12), (pf.WARIN, -15, 20), (pf.TRAKAN, 6, 40)):
        orientation = ef.event(code, kind=EventKind.ORIENTATION, starts_in=timedelta(days=days), title="อบรม")
        ef.counts(orientation, **{AttendeeGroup.OFFICIALS: officials})

    cf.set_review_date()
    cf.order("kbt", pf.HUA_RUEA)
    cf.order("kbt", pf.NONG_KHON, signed_on=cf.BEFORE)
    cf.order("socho_a", pf.WARIN)
    cf.order("socho_j", pf.UBON)
    return year


def districts(codes=DISTRICTS) -> list[District]:
    return list(District.objects.filter(code__in=codes))


def approvals_of(district: District, year: int) -> tuple[int, int]:
    """(on time, late): each plan's approval step read one by one."""
    on_time = late = 0
    for plan in TambonPlan.objects.filter(
        tambon__district=district, tambon__is_active=True, fiscal_year=year
    ):
        step = plan.steps.select_related("definition").filter(definition__kind=StepKind.APPROVAL).first()
        if step is None or step.status != StepStatus.DONE:
            continue
        due = step.definition.due_date
        if due is None or step.done_on <= due:
            on_time += 1
        else:
            late += 1
    return on_time, late


def support_of(district: District, year: int, kinds: set[str]) -> tuple[int, int, Decimal]:
    """(included, funded, amount) of the district's support projects in the plans of recipients of `kinds`,
    project by project."""
    included = funded = 0
    amount = Decimal(0)
    projects = Project.objects.filter(
        plan__tambon__district=district, plan__fiscal_year=year, project_class__code="support"
    )
    for project in projects:
        answers = [
            a
            for forwarding in project.forwardings.filter(target_kind__in=kinds)
            for a in forwarding.answers.all()
            if a.inclusion == "included"
        ]
        if not answers:
            continue
        included += 1
        entries = [e for a in answers for e in a.funding_entries.filter(status="secured")]
        funded += bool(entries)
        amount += sum((e.amount for e in {e.pk: e for e in entries}.values()), Decimal(0))
    return included, funded, amount


def from_the_pages(user, district: District, year: int, report_due=f.DUE) -> dict[str, Decimal]:
    """A district's figures as the pages show them: its row on the province's progress page (counted as of
    the report's due date), its tambons' progress, its villages' reviews, its committee overview, its
    orientations and its budget integration page; approval and support projects read record by record."""
    (row,) = [
        r
        for r in district_progress(user, province=Province.objects.get(code="34"), fiscal_year=year)
        if r.district.code == district.code
    ]
    (as_of,) = [
        r
        for r in district_progress_in(
            scope_of(user), fiscal_year=year, province_code="34", complete_as_of=report_due
        )
        if r.district.code == district.code
    ]
    reviews = district_reviews(user, district=district, fiscal_year=year)
    on_time, late = approvals_of(district, year)
    steps = PlanStep.objects.filter(
        plan__tambon__district=district, plan__tambon__is_active=True, plan__fiscal_year=year
    )
    lg = support_of(district, year, {"local_government"})
    public = support_of(district, year, {"agency", "district", "province"})
    tambons = tambon_progress(user, district=district, fiscal_year=year)
    totals = overview_of(
        committee_rows(user, fiscal_year=year, province_code="34", district_code=district.code)
    ).total
    held = [
        event
        for event in events_for(
            user, fiscal_year=year, kind=EventKind.ORIENTATION, district_code=district.code
        )
        if not event.upcoming
    ]
    funding = district_integration(user, district, year)
    shown = {
        "orientation_events": len(held),
        "orientation_participants": sum(event.participants for event in held),
        "tambons": row.tambons,
        "plans": row.plans,
        "plans_approved_on_time": on_time,
        "plans_approved_late": late,
        "plans_not_approved": row.tambons - on_time - late,
        "villages_reviewed": sum(r.reviewed for r in reviews),
        "villages_total": sum(r.total for r in reviews),
        "plans_complete": as_of.plans_done,
        "overdue_tambons": row.overdue_tambons,
        "steps_due_done": as_of.steps_done,
        "steps_due": as_of.steps_total,
        "steps_not_yet_due": steps.exclude(definition__due_date__lte=report_due).count(),
        "committees_expected": totals.total,
        "committees_current": totals.current,
        "committees_needs_review": totals.needs_review,
        "committees_missing": totals.missing,
        "socho_steps": sum(t.socho_steps for t in tambons),
        "workshop_socho": row.workshop_socho,
        "workshop_tambons": row.workshops,
        "workshops": row.workshops_held,
        "workshop_participants": row.workshop_participants,
        "projects": row.projects,
        "funded_projects": sum(1 for p in funding.projects if p.secured > 0),
        "partners": len({c.partner_id for c in funding.contributions if c.secured > 0}),
        "need_amount": funding.total.need,
        "secured_amount": funding.total.secured,
        "pledged_amount": funding.total.pledged,
        "gap_amount": funding.total.gap,
        "support_lg_included": lg[0],
        "support_lg_funded": lg[1],
        "support_lg_amount": lg[2],
        "support_public_included": public[0],
        "support_public_funded": public[1],
        "support_public_amount": public[2],
    }
    assert list(shown) == FIGURE_KEYS
    return {key: Decimal(value) for key, value in shown.items()}


@pytest.mark.parametrize("persona", ["province_officer", "district_officer"])
def test_the_figures_of_many_districts_are_each_districts_report(personas, province_data, persona):
    user = getattr(personas, persona)
    year = province_data
    circular = f.circular(districts=DISTRICTS)
    batch = district_figures(user, districts(), year, report_due=circular.report_due)
    assert sorted(batch) == sorted(DISTRICTS)
    for district in districts(pf.MUEANG if persona == "district_officer" else DISTRICTS):
        report = DistrictReport.objects.create(circular=circular, district=district)
        figures, lines, _headers = computed_figures(user, report)
        assert batch[district.code].figures == figures == from_the_pages(user, district, year), district.code
        assert batch[district.code].lines == lines, district.code
        assert [line.code for line in lines] == [
            row.tambon.code for row in tambon_progress(user, district=district, fiscal_year=year)
        ]


def test_what_the_fixture_holds(personas, province_data):
    """The figures are not all zero: every kind of data of the fixture reaches a figure."""
    batch = district_figures(personas.province_officer, districts(), province_data)
    mueang, warin = batch[pf.MUEANG].figures, batch[pf.WARIN].figures
    assert (mueang["plans"], mueang["plans_complete"], mueang["overdue_tambons"]) == (2, 1, 0)
    assert (mueang["plans_approved_on_time"], mueang["plans_not_approved"]) == (1, mueang["tambons"] - 1)
    assert (warin["plans"], warin["overdue_tambons"], warin["socho_steps"]) == (1, 0, 1)
    assert batch[pf.TRAKAN].figures["overdue_tambons"] == 1  # its plan's first step is late
    assert (mueang["orientation_events"], mueang["orientation_participants"]) == (1, 12)
    assert batch[pf.TRAKAN].figures["orientation_events"] == 0  # its orientation is to come
    assert (mueang["workshop_tambons"], mueang["workshops"], mueang["workshop_participants"]) == (1, 1, 37)
    assert (warin["workshop_participants"], warin["workshop_socho"]) == (10, 1)
    # Pledged only counts pledges (not proposals, not cancelled ones); in kind counts at its estimate.
    assert mueang["need_amount"] == Decimal("1730000")
    assert (mueang["secured_amount"], mueang["pledged_amount"]) == (Decimal("212000"), Decimal("50000"))
    assert (mueang["funded_projects"], mueang["partners"]) == (2, 2)
    # Warin's need is its plan's project over the window (this year and next: funding.FundingWindow), secured
    # its money of those years (one dated last year counts in this year's column); last year's plan's project
    # counts under last year's plan, with its budget of this year (issue 17).
    assert warin["need_amount"] == Decimal("150000") + Decimal("50000")
    assert warin["secured_amount"] == Decimal("70000")
    assert warin["projects"] == 1  # the plan's own projects, as the progress pages count them
    # Both ก.บ.ต. orders count (the factory's order lacks the seats sized from the village and local-government
    # registers since the committees change, so neither is current; that is the committees tests' concern).
    assert mueang["committees_current"] + mueang["committees_needs_review"] == 2
    assert warin["committees_current"] == 2  # its ศอช.อ. and a tambon's ศอช.ต.; the province's ศอช.จ. is not
    assert batch[pf.DON_MOT_DAENG].figures["plans"] == 0
    lines = {line.code: line for line in batch[pf.MUEANG].lines}
    assert lines[pf.NONG_KHON].forwarded == 1 and lines[pf.NONG_KHON].kbt == "needs_review"


def test_figures_as_of_a_moment(personas, province_data):
    """Overdue steps and held events as of a past moment: the due date of a version, not today."""
    before = timezone.now() - timedelta(days=30)
    then = district_figures(personas.province_officer, districts(), province_data, as_of=before)
    assert then[pf.TRAKAN].figures["overdue_tambons"] == 0
    assert then[pf.MUEANG].figures["orientation_events"] == 0
    assert then[pf.MUEANG].figures["workshop_tambons"] == 0
    assert all(line.workshop_date is None for line in then[pf.MUEANG].lines)
    assert then[pf.MUEANG].figures["need_amount"] == Decimal("1730000")


def test_queries_do_not_grow_with_the_districts(personas, province_data):
    user = personas.province_officer

    def queries(codes) -> int:
        chosen = districts(codes)
        with CaptureQueriesContext(connection) as captured:
            district_figures(user, chosen, province_data)
        return len(captured)

    two = queries((pf.MUEANG, pf.WARIN))
    assert queries(DISTRICTS) == two
    every = list(District.objects.active().filter(province_id="34"))
    with CaptureQueriesContext(connection) as captured:
        district_figures(user, every, province_data)
    assert len(captured) == two
    assert queries((pf.MUEANG,)) <= two
    # Districts of two provinces: a pass per province.
    sisaket = District.objects.filter(province_id="33").first()
    both = district_figures(user, [*districts((pf.MUEANG,)), sisaket], province_data)
    assert sorted(both) == sorted([pf.MUEANG, sisaket.code])
    assert both[sisaket.code].figures["plans"] == 0
