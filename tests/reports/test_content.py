"""The report is filled from recorded data through the overview pages' own selectors: its figures equal the
figures those pages show, and its tambon table is the district's tambons."""

from datetime import timedelta
from decimal import Decimal

import pytest

from tambonplan.accounts.scope import scope_of
from tambonplan.areas.models import District, Province
from tambonplan.committees.selectors import committee_rows, overview_of
from tambonplan.events.models import AttendeeGroup, EventKind
from tambonplan.partners.integration import district_integration
from tambonplan.planning.selectors import district_progress, district_progress_in, tambon_progress
from tambonplan.reports.content import from_json, live_content, to_json
from tambonplan.reports.models import FigureOverride, ReportItem
from tests.committees import factories as cf
from tests.events import factories as ef
from tests.partners import funding_factories as ff
from tests.planning import factories as pf
from tests.reports import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def mueang_data():
    """Two plans in Mueang with steps, needs, projects; a workshop; a ก.บ.ต. order; a secured commitment."""
    pf.set_due_dates()
    hua_ruea, nong_khon = pf.make_plan(pf.HUA_RUEA), pf.make_plan(pf.NONG_KHON)
    pf.mark_done(hua_ruea, len(pf.steps(hua_ruea)))
    pf.mark_done(nong_khon, 2)
    step = pf.steps(hua_ruea)[0]
    step.socho_took_part = True
    step.save()
    pf.add_need(hua_ruea, village=pf.village(pf.HUA_RUEA, 1))
    pf.add_need(hua_ruea, village=pf.village(pf.HUA_RUEA, 2))
    year = pf.fiscal_year()
    road = pf.add_project(hua_ruea, budgets={year: "500000"})
    pf.add_project(hua_ruea, "ฝึกอาชีพสตรี", class_code="joint", budgets={year: "30000"})
    pf.add_project(nong_khon, "ขุดลอกคลอง", class_code="support", budgets={year: "1200000"})
    ff.commitment(road, ff.partner(), status="approved", amount="200000")
    ff.commitment(road, ff.partner("บริษัท ข้าวดี จำกัด", "private"), status="pledged", amount="50000")
    workshop = ef.event(pf.HUA_RUEA, kind=EventKind.WORKSHOP, starts_in=timedelta(days=-3))
    ef.counts(workshop, **{AttendeeGroup.LEADERS: 30, AttendeeGroup.SOCHO: 7})
    orientation = ef.event(pf.MUEANG, kind=EventKind.ORIENTATION, starts_in=timedelta(days=-20), title="อบรม")
    ef.counts(orientation, **{AttendeeGroup.OFFICIALS: 12})
    ef.event(pf.MUEANG, kind=EventKind.ORIENTATION, starts_in=timedelta(days=5), title="อบรมรุ่น ๒")
    cf.set_review_date()
    cf.order("kbt", pf.HUA_RUEA)


def test_figures_equal_the_overview_pages(personas, mueang_data):
    user = personas.province_officer
    circular = f.circular()
    report = f.filled_report(personas.district_officer, circular)
    figures = {key: figure.value for key, figure in live_content(user, report).figures.items()}
    mueang = District.objects.get(code=pf.MUEANG)

    # The province's plan progress page, Mueang's row.
    (row,) = [
        r
        for r in district_progress(
            user, province=Province.objects.get(code="34"), fiscal_year=circular.fiscal_year
        )
        if r.district.code == pf.MUEANG
    ]
    assert figures["tambons"] == row.tambons
    assert figures["plans"] == row.plans == 2
    assert figures["workshop_tambons"] == row.workshops == 1
    assert figures["projects"] == row.projects == 3
    assert figures["overdue_tambons"] == row.overdue_tambons == 0
    # Completeness as of the report's due date: the same page's figures counted on the steps due by then.
    (as_of,) = [
        r
        for r in district_progress_in(
            scope_of(user),
            fiscal_year=circular.fiscal_year,
            province_code="34",
            complete_as_of=circular.report_due,
        )
        if r.district.code == pf.MUEANG
    ]
    assert figures["steps_due_done"] == as_of.steps_done
    assert figures["steps_due"] == as_of.steps_total
    assert figures["plans_complete"] == as_of.plans_done
    # Every step is due a year from now, after the report date: none is due yet, none counts as missing.
    assert figures["steps_due"] == 0 and figures["plans_complete"] == 0
    assert figures["steps_not_yet_due"] == row.steps_total

    # The committee overview of the district.
    overview = overview_of(
        committee_rows(user, fiscal_year=circular.fiscal_year, province_code="34", district_code=pf.MUEANG)
    )
    assert figures["committees_current"] == overview.total.current
    assert figures["committees_needs_review"] == overview.total.needs_review
    assert figures["committees_missing"] == overview.total.missing
    assert figures["committees_expected"] == overview.total.total

    # The district's budget integration page.
    funding = district_integration(user, mueang, circular.fiscal_year)
    assert figures["need_amount"] == funding.total.need == Decimal("1730000")
    assert figures["secured_amount"] == funding.total.secured == Decimal("200000")
    assert figures["pledged_amount"] == funding.total.pledged == Decimal("50000")
    assert figures["gap_amount"] == funding.total.gap
    assert figures["funded_projects"] == 1
    assert figures["partners"] == 1

    # Events: the orientation held (not the one to come) and the workshop's attendance.
    assert figures["orientation_events"] == 1
    assert figures["orientation_participants"] == 12
    assert figures["workshop_participants"] == 37
    assert figures["workshop_socho"] == 7
    assert figures["socho_steps"] == 1


def test_the_tambon_table_is_filled_automatically(personas, mueang_data):
    user = personas.district_officer
    report = f.filled_report(user, f.circular())
    content = live_content(user, report)
    progress = tambon_progress(user, district=report.district, fiscal_year=report.circular.fiscal_year)
    assert [line.code for line in content.tambons] == [row.tambon.code for row in progress]
    lines = {line.code: line for line in content.tambons}
    hua_ruea = lines[pf.HUA_RUEA]
    assert hua_ruea.workshop_date is not None
    assert (hua_ruea.participants, hua_ruea.socho) == (37, 7)
    assert hua_ruea.villages_with_needs is None  # "villages with a need" is no longer a report figure
    assert hua_ruea.villages_reviewed == 0  # no village committee has approved its plan
    assert hua_ruea.villages >= 2
    # Hua Ruea's every step is done (its approval by the step's due date); Nong Khon's first two only.
    assert hua_ruea.approval == "on_time" and lines[pf.NONG_KHON].approval == "not_approved"
    assert lines[pf.PATHUM].approval == "no_plan"
    assert hua_ruea.projects == 2 and sum(hua_ruea.class_cells) == 2
    assert (hua_ruea.funded_projects, hua_ruea.funded_amount) == (1, Decimal("200000"))
    assert (
        hua_ruea.kbt != "missing" and hua_ruea.socho_t == "missing"
    )  # ordered (its seats: committees tests)
    assert lines[pf.NONG_KHON].projects == 1 and lines[pf.NONG_KHON].kbt == "missing"
    assert content.tambon_totals.projects == 3


def test_a_version_reads_back_what_was_stored(personas, mueang_data):
    user = personas.district_officer
    report = f.filled_report(user, f.circular())
    FigureOverride.objects.create(report=report, key="plans", value=Decimal(3), reason="บันทึกไม่ครบ")
    ReportItem.objects.create(report=report, kind="problem", category="budget", text="งบประมาณน้อย")
    content = live_content(user, report)
    again = from_json(to_json(content))
    assert again.figures["plans"].value == 3 and again.figures["plans"].computed == 2
    assert again.tambons == content.tambons
    assert [i.text for i in again.problems] == ["งบประมาณน้อย"]
    assert again.reporter == content.reporter
