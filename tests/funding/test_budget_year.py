"""The budget year (issue 17 item 4): the integration of plan year Y takes the plans of Y, compares their
need and money over the province's window Y..Y+W, shows money per fiscal year and later money apart; each
baht counted once, in its plan's year."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tambonplan.areas.models import District, Province, Tambon
from tambonplan.funding import services
from tambonplan.funding.models import FundingWindow
from tambonplan.partners.integration import integration, project_funding
from tests.funding import factories as ff
from tests.partners import funding_factories as pff
from tests.planning import factories as pf

pytestmark = pytest.mark.django_db
Y = pf.fiscal_year()


def province_figures(user, year):
    return integration(user, level="province", area=Province.objects.get(code="34"), fiscal_year=year)


@pytest.fixture
def pond(personas):
    """A pond project of the plan of year Y needing 400,000 in Y+1 (and 100,000 in Y), forwarded to the
    tambon's อบต."""
    plan = pf.make_plan(pf.HUA_RUEA, Y)
    project = pf.add_project(
        plan, "ขุดลอกหนองน้ำ", "support", budgets={Y: "100000", Y + 1: "400000", Y + 3: "9"}
    )
    return project, ff.forwarding(project)


def test_ordinance_money_of_the_next_year_counts_under_the_plans_year_in_the_next_years_column(
    personas, pond
):
    project, fwd = pond
    ff.answer(personas.tambon_officer, fwd, funding=[ff.money(Y + 1, "300000", "ข้อบัญญัติงบประมาณรายจ่าย")])

    data = province_figures(personas.province_officer, Y)
    assert data.window == 1 and data.years == (Y, Y + 1)
    assert data.total.need == Decimal(500000)  # Y and Y+1; Y+3 is after the window
    assert data.total.secured == Decimal(300000)
    assert data.total.year_cells == [Decimal(0), Decimal(300000)]
    assert data.total.later == 0 and data.total.gap == Decimal(200000)
    assert data.total.by_source["local_government"] == Decimal(300000)
    # Not again under the plan year Y+1 (it has no plan there): never counted twice.
    assert province_figures(personas.province_officer, Y + 1).total.secured == 0


def test_money_after_the_window_is_later_never_dropped(personas, pond):
    project, fwd = pond
    ff.answer(
        personas.tambon_officer,
        fwd,
        funding=[ff.money(Y + 1, "100000"), ff.money(Y + 3, "250000", "งบพัฒนาจังหวัด")],
    )
    data = province_figures(personas.province_officer, Y)
    assert (data.total.secured, data.total.later) == (Decimal(100000), Decimal(250000))
    (p,) = data.projects
    assert (p.secured, p.later, p.gap) == (Decimal(100000), Decimal(250000), Decimal(400000))

    # A province that compares two years still leaves Y+3 later; Y+2 would be in.
    FundingWindow.objects.create(province_id="34", years=2)
    data = province_figures(personas.province_officer, Y)
    assert data.years == (Y, Y + 1, Y + 2) and data.total.later == Decimal(250000)


def test_a_wider_window_takes_the_money_and_the_need_of_the_extra_year(personas, pond):
    project, fwd = pond
    ff.answer(personas.tambon_officer, fwd, funding=[ff.money(Y + 2, "50000")])
    assert province_figures(personas.province_officer, Y).total.later == Decimal(50000)
    services.window_set(user=personas.province_officer, province=Province.objects.get(code="34"), years=2)
    data = province_figures(personas.province_officer, Y)
    assert (data.total.secured, data.total.later) == (Decimal(50000), 0)
    assert data.total.year_cells == [0, 0, Decimal(50000)]


def test_commitments_count_in_their_fiscal_year_too(personas, pond):
    project, _fwd = pond
    partner = pff.partner()
    pff.commitment(project, partner, status="approved", amount="1000", year=Y)
    pff.commitment(project, partner, status="delivered", amount="2000", year=Y + 1)
    pff.commitment(project, partner, status="approved", amount="4000", year=Y + 2)
    pff.commitment(project, partner, status="pledged", amount="8000", year=Y + 2)
    data = integration(
        personas.district_officer, level="district", area=District.objects.get(code=pf.MUEANG), fiscal_year=Y
    )
    assert data.total.year_cells == [Decimal(1000), Decimal(2000)]
    assert (data.total.secured, data.total.later, data.total.pledged) == (3000, 4000, 8000)
    (contribution,) = data.contributions
    assert (contribution.secured, contribution.later, contribution.pledged) == (3000, 4000, 8000)
    row = next(r for r in data.rows if r.code == pf.HUA_RUEA)
    assert row.totals.year_cells == [Decimal(1000), Decimal(2000)] and row.totals.later == 4000


def test_the_project_page_follows_the_same_rule(personas, pond):
    project, fwd = pond
    ff.answer(personas.tambon_officer, fwd, funding=[ff.money(Y + 1, "450000"), ff.money(Y + 4, "7")])
    summary = project_funding(personas.tambon_officer, project)
    assert (summary.need, summary.secured, summary.over, summary.gap, summary.later) == (
        Decimal(500000),
        Decimal(450000),
        0,
        Decimal(50000),
        Decimal(7),
    )
    assert summary.year_amounts == [(Y, 0), (Y + 1, Decimal(450000))]
    page = personas.client_for(personas.tambon_officer).get(reverse("planning:project", args=[project.pk]))
    text = page.content.decode()
    assert f"ปี {Y + 1}: 450,000.00 บาท" in text or f"ปี {Y + 1}: 450,000 บาท" in text
    assert "ได้รับหลังช่วงเทียบ" in text
    assert reverse("funding:project_ledger", args=[project.pk]) in text
    assert reverse("funding:answer_create", args=[fwd.pk]) in text


def test_the_integration_pages_and_xlsx_show_the_year_columns(personas, pond):
    project, fwd = pond
    ff.answer(personas.tambon_officer, fwd, funding=[ff.money(Y + 1, "300000"), ff.money(Y + 3, "5000")])
    client = personas.client_for(personas.province_officer)
    for name, code in (
        ("partners:integration_tambon", pf.HUA_RUEA),
        ("partners:integration_district", pf.MUEANG),
        ("partners:integration_province", "34"),
    ):
        text = client.get(reverse(name, args=[code])).content.decode()
        assert f"ปี {Y}" in text and f"ปี {Y + 1}" in text, name
        assert "ได้รับหลังช่วงเทียบ" in text, name
        assert 'data-figure="later">5,000' in text, name
    assert reverse("funding:window", args=["34"]) in text  # the province officer may adjust it
    district_page = personas.client_for(personas.district_officer).get(
        reverse("partners:integration_province", args=["34"])
    )
    assert reverse("funding:window", args=["34"]) not in district_page.content.decode()

    response = client.get(reverse("partners:integration_district_xlsx", args=[pf.MUEANG]))
    sheet = load_workbook(io.BytesIO(response.content))["รายพื้นที่"]
    headers = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert f"ได้รับในปี {Y}" in headers and f"ได้รับในปี {Y + 1}" in headers
    assert "ได้รับหลังช่วงเทียบ" in headers
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    hua_ruea = rows[pf.HUA_RUEA]
    assert hua_ruea[headers.index(f"ได้รับในปี {Y + 1}")] == 300000
    assert hua_ruea[headers.index("ได้รับหลังช่วงเทียบ")] == 5000


def test_a_tambon_page_counts_only_its_plans_projects(personas):
    """A project of last year's plan budgeted this year counts under last year's plan, not this year's."""
    old = pf.add_project(pf.make_plan(pf.HUA_RUEA, Y - 1), "ซ่อมฝาย", budgets={Y - 1: "60", Y: "80"})
    pff.commitment(old, pff.partner(), status="approved", amount="20", year=Y)
    tambon = Tambon.objects.get(code=pf.HUA_RUEA)
    this = integration(personas.tambon_officer, level="tambon", area=tambon, fiscal_year=Y)
    last = integration(personas.tambon_officer, level="tambon", area=tambon, fiscal_year=Y - 1)
    assert (this.total.projects, this.total.need, this.total.secured) == (0, 0, 0)
    assert (last.total.projects, last.total.need, last.total.secured) == (1, 140, 20)
    assert last.total.year_cells == [0, 20]
