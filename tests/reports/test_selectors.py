"""Reporting rates per circular and the province's consolidation of the accepted reports."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tambonplan.accounts.models import User
from tambonplan.areas.models import District
from tambonplan.directives.services import acknowledge
from tambonplan.reports import services
from tambonplan.reports.models import DistrictReport, FigureOverride, ReportItem, ReportState
from tambonplan.reports.selectors import consolidation_of, rates_of
from tests.conftest import make_user
from tests.planning.factories import MUEANG, WARIN
from tests.reports import factories as f

pytestmark = pytest.mark.django_db

FIVE = [MUEANG, WARIN, "3402", "3403", "3404"]


def _officer(code):
    existing = User.objects.filter(username=f"officer{code}").first()
    return existing or make_user(f"officer{code}", "district", province="34", district=code)


def test_reporting_rates_count_every_state(personas):
    circular = f.circular(districts=FIVE)
    province = personas.province_officer
    # Mueang on time then accepted; Warin late and returned; 3402 on time, waiting; 3403 draft; 3404 nothing.
    f.submitted(personas.district_officer, circular, MUEANG, at=f.bangkok(f.DUE, 23, 59, 59))
    services.accept(user=province, report=DistrictReport.objects.get(district_id=MUEANG))
    f.submitted(personas.other_district_officer, circular, WARIN, at=f.bangkok(f.DUE + timedelta(days=1), 0))
    services.return_for_correction(
        user=province, report=DistrictReport.objects.get(district_id=WARIN), comment="แก้"
    )
    f.submitted(_officer("3402"), circular, "3402", at=f.bangkok(f.DUE - timedelta(days=3), 8))
    services.start_report(user=_officer("3403"), circular=circular, district_code="3403")
    acknowledge(user=personas.district_officer, circular=circular)

    rates = rates_of(circular)
    assert (rates.expected, rates.submitted, rates.on_time, rates.late, rates.missing) == (5, 3, 2, 1, 2)
    assert (rates.accepted, rates.returned, rates.under_review) == (1, 1, 1)
    assert rates.owing == 3  # Warin (returned), 3403 (draft), 3404 (nothing)
    rows = {row.district.code: row for row in rates.rows}
    assert rows[MUEANG].on_time is True and rows[MUEANG].acknowledged_at is not None
    assert rows[WARIN].on_time is False and rows[WARIN].state == ReportState.RETURNED
    assert rows["3404"].report is None and not rows["3404"].is_submitted
    assert rows["3403"].state == ReportState.DRAFT and rows["3403"].versions == 0


def test_a_late_resubmission_does_not_make_an_on_time_report_late(personas):
    circular = f.circular()
    report = f.submitted(personas.district_officer, circular, at=f.bangkok(f.DUE, 9)).report
    services.return_for_correction(user=personas.province_officer, report=report, comment="แก้")
    services.submit(
        user=personas.district_officer, report=report, now=f.bangkok(f.DUE + timedelta(days=4), 9)
    )
    row = rates_of(circular).rows[0]
    assert row.versions == 2 and row.on_time is True


def test_rates_take_the_same_queries_for_two_or_twenty_districts(personas):
    small = f.circular(districts=[MUEANG, WARIN])
    large = f.circular(
        districts=list(District.objects.filter(province_id="34").values_list("code", flat=True))
    )
    for circular in (small, large):
        f.submitted(personas.district_officer, circular, MUEANG)
    counts = []
    for circular in (small, large):
        with CaptureQueriesContext(connection) as captured:
            rates_of(circular).submitted  # noqa: B018
        counts.append(len(captured))
    assert counts[0] == counts[1] <= 5


def _accepted(personas, circular, user, district, *, plans, secured, problems=(), suggestions=()):
    report = f.filled_report(user, circular, district)
    FigureOverride.objects.create(report=report, key="plans", value=Decimal(plans), reason="นับจากทะเบียนอำเภอ")
    FigureOverride.objects.create(
        report=report, key="secured_amount", value=Decimal(secured), reason="รวมงบจากหน่วยงานอื่น"
    )
    for text in problems:
        ReportItem.objects.create(report=report, kind="problem", category="budget", text=text)
    for text in suggestions:
        ReportItem.objects.create(
            report=report, kind="suggestion", category="budget", text=text, addressed_to="department"
        )
    services.submit(user=user, report=report)
    services.accept(user=personas.province_officer, report=report)
    return report


def test_consolidation_sums_only_the_accepted_reports(personas):
    circular = f.circular(districts=[MUEANG, WARIN, "3402"])
    _accepted(personas, circular, personas.district_officer, MUEANG, plans=10, secured="150000.50",
              problems=["งบประมาณไม่เพียงพอต่อการจัดเวที", "ผู้นำชุมชนไม่เข้าใจขั้นตอน"])  # fmt: skip
    _accepted(personas, circular, personas.other_district_officer, WARIN, plans=7, secured="49999.50",
              problems=["งบประมาณล่าช้า"], suggestions=["ควรจัดสรรงบประมาณเพิ่ม"])  # fmt: skip
    waiting = f.filled_report(_officer("3402"), circular, "3402")
    FigureOverride.objects.create(report=waiting, key="plans", value=Decimal(99), reason="ยังไม่ถูกรับ")
    services.submit(user=_officer("3402"), report=waiting)

    result = consolidation_of(circular)
    assert [row.district.code for row in result.rows] == [MUEANG, WARIN]
    assert result.pending == 1
    assert result.total_by_key["plans"] == 17
    assert result.total_by_key["secured_amount"] == Decimal("200000.00")
    for index in range(len(result.columns)):
        assert result.column_totals[index] == sum(cells[index] for _row, cells in result.district_rows)
    assert len(result.problems) == 3
    # All three were filed under งบประมาณ: the two that share a theme, then the one that does not.
    assert [(t.label, t.count) for t in result.problem_themes] == [("งบประมาณ", 2), ("งบประมาณ: อื่น ๆ", 1)]
    budget = result.problem_themes[0]
    assert {item.district_name for item in budget.items} == {"เมืองอุบลราชธานี", "วารินชำราบ"}
    assert [s.text for s in result.department_suggestions] == ["ควรจัดสรรงบประมาณเพิ่ม"]


def test_the_category_a_district_chose_comes_first(personas):
    circular = f.circular(districts=[MUEANG, WARIN])
    report = f.filled_report(personas.district_officer, circular, MUEANG)
    ReportItem.objects.create(report=report, kind="problem", category="budget", text="จัดเวทีได้ไม่ครบทุกหมู่บ้าน")
    ReportItem.objects.create(report=report, kind="problem", category="other", text="ฝนตกหนักช่วงจัดเวที")
    services.submit(user=personas.district_officer, report=report)
    services.accept(user=personas.province_officer, report=report)

    themes = consolidation_of(circular).problem_themes

    # The district filed it under งบประมาณ though its words name no budget: it is listed there, not in อื่น ๆ.
    assert [(t.label, [i.text for i in t.items], t.is_other) for t in themes] == [
        ("งบประมาณ", ["จัดเวทีได้ไม่ครบทุกหมู่บ้าน"], False),
        ("อื่น ๆ", ["ฝนตกหนักช่วงจัดเวที"], True),
    ]


def test_an_empty_consolidation(personas):
    result = consolidation_of(f.circular())
    assert result.rows == [] and result.pending == 2
    assert all(total.value == 0 for total in result.totals)
    assert result.problem_themes == []


def test_the_index_counts_every_circular_in_constant_queries(personas):
    from tambonplan.reports.selectors import report_index

    department = make_user("cdd", "department")
    first = f.circular()
    f.submitted(personas.district_officer, first)
    with CaptureQueriesContext(connection) as one:
        entries = report_index(department)
    assert [(e.expected, e.submitted, e.accepted) for e in entries] == [(2, 1, 0)]
    for _ in range(3):
        f.circular(districts=FIVE)
    with CaptureQueriesContext(connection) as four:
        entries = report_index(department)
    assert len(one) == len(four) <= 5
    assert sorted(e.expected for e in entries) == [2, 5, 5, 5]
