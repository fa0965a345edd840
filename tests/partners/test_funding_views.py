"""The commitment, integration and progress pages through the web client: typed as Thai users type, scope
(other district 404, viewer 403 on POST), the XLSX with the page's numbers, query counts."""

import io
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tambonplan.areas.models import District
from tambonplan.partners.integration import integration
from tambonplan.partners.models import Commitment, CommitmentStatus, Milestone, ProgressOverride
from tambonplan.thai.dates import be_date_long
from tests.partners import funding_factories as ff
from tests.planning import factories as pf


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def project(db):
    plan = pf.make_plan(pf.HUA_RUEA)
    return pf.add_project(plan, budgets={plan.fiscal_year: "100000"}, priority=1)


@pytest.fixture
def partner(db):
    return ff.partner()


def html(response) -> str:
    return response.content.decode()


def test_commitment_create_with_thai_digits_and_be_date(personas, project, partner):
    client = personas.client_for(personas.district_officer)
    url = reverse("partners:commitment_create", args=[project.pk])
    page = client.get(f"{url}?partner={partner.pk}")
    assert page.status_code == 200
    assert f'<option value="{partner.pk}" selected>' in html(page)
    response = client.post(
        url,
        {
            "partner": partner.pk,
            "kind": "budget",
            "amount": "๕๐,๐๐๐",
            "fiscal_year": str(pf.fiscal_year()),
            "proposed_on": pf.be(pf.today()),
            "document": ff.pdf_upload(),
        },
    )
    c = Commitment.objects.get()
    assert response.status_code == 302 and response.url == reverse("partners:commitment", args=[c.pk])
    assert (c.amount, c.proposed_on, c.status) == (Decimal(50000), pf.today(), "proposed")
    detail = client.get(response.url)
    assert "รับปาก" in html(detail) and "ยกเลิก" in html(detail)
    assert client.get(reverse("partners:commitment_document", args=[c.pk])).status_code == 200


def test_in_kind_errors_are_shown_in_thai(personas, project, partner):
    client = personas.client_for(personas.district_officer)
    response = client.post(
        reverse("partners:commitment_create", args=[project.pk]),
        {"partner": partner.pk, "kind": "materials", "fiscal_year": str(pf.fiscal_year())},
    )
    assert response.status_code == 200
    assert "ต้องระบุรายละเอียดสิ่งที่สนับสนุน" in html(response)
    assert not Commitment.objects.exists()


def test_transition_buttons_move_the_status(personas, project, partner):
    c = ff.commitment(project, partner)
    client = personas.client_for(personas.tambon_officer)
    url = reverse("partners:commitment_transition", args=[c.pk])
    client.post(url, {"to_status": "pledged", "on_date": pf.be(pf.today())})
    assert Commitment.objects.get().status == CommitmentStatus.PLEDGED
    response = client.post(url, {"to_status": "delivered"}, follow=True)
    assert "เปลี่ยนสถานะจาก" in html(response)
    assert Commitment.objects.get().status == CommitmentStatus.PLEDGED


def test_commitment_scope(personas, project, partner):
    c = ff.commitment(project, partner)
    other = personas.client_for(personas.other_district_officer)
    assert other.get(reverse("partners:commitment", args=[c.pk])).status_code == 404
    assert other.get(reverse("partners:commitment_create", args=[project.pk])).status_code == 404
    viewer = personas.client_for(personas.viewer)
    assert viewer.get(reverse("partners:commitment", args=[c.pk])).status_code == 200
    assert (
        viewer.post(
            reverse("partners:commitment_transition", args=[c.pk]), {"to_status": "pledged"}
        ).status_code
        == 403
    )
    assert viewer.post(reverse("partners:commitment_create", args=[project.pk]), {}).status_code == 403
    assert viewer.post(reverse("partners:commitment_edit", args=[c.pk]), {}).status_code == 403
    assert Commitment.objects.get().status == "proposed"


def test_project_page_shows_the_commitments(personas, project, partner):
    ff.commitment(project, partner, status="approved", amount="30000")
    page = html(
        personas.client_for(personas.district_officer).get(reverse("planning:project", args=[project.pk]))
    )
    assert partner.name in page
    assert reverse("partners:commitment_create", args=[project.pk]) in page
    assert reverse("partners:project_progress", args=[project.pk]) in page
    assert "ยังขาด 70,000 บาท" in page


def test_commitment_edit(personas, project, partner):
    c = ff.commitment(project, partner, amount="100")
    client = personas.client_for(personas.district_officer)
    url = reverse("partners:commitment_edit", args=[c.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "partner": partner.pk,
            "kind": "budget",
            "amount": "250",
            "fiscal_year": str(c.fiscal_year),
            "version": "1",
        },
    )
    assert response.status_code == 302
    assert Commitment.objects.get().amount == 250


@pytest.fixture
def funded(personas, project, partner):
    year = pf.fiscal_year()
    ff.commitment(project, partner, status="approved", amount="40000")
    ff.commitment(project, ff.partner("อบต.หัวเรือ", "local_government"), status="pledged", amount="10000")
    nong_khon = pf.add_project(pf.make_plan(pf.NONG_KHON), "ขุดลอกลำห้วย", budgets={year: "250000"}, priority=2)
    ff.commitment(
        nong_khon, ff.partner("มหาวิทยาลัยอุบลราชธานี", "academic"), status="delivered", estimated="60000"
    )
    warin = pf.add_project(pf.make_plan(pf.WARIN_TAMBON), budgets={year: "80000"})
    ff.commitment(warin, partner, status="delivered", amount="80000")
    ProgressOverride.objects.create(project=nong_khon, percent=40, reason="ตรวจหน้างาน")
    return project


@pytest.mark.parametrize(
    ("level", "code", "user"),
    [
        ("tambon", pf.HUA_RUEA, "tambon_officer"),
        ("district", pf.MUEANG, "district_officer"),
        ("province", "34", "province_officer"),
    ],
)
def test_integration_pages_and_xlsx_have_the_same_numbers(personas, funded, level, code, user):
    client = personas.client_for(getattr(personas, user))
    page = client.get(reverse(f"partners:integration_{level}", args=[code]))
    assert page.status_code == 200
    text = html(page)
    response = client.get(reverse(f"partners:integration_{level}_xlsx", args=[code]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    sources = {row[0]: row[1] for row in workbook["ตามแหล่งที่มา"].iter_rows(min_row=2, values_only=True)}
    for figure in ("need", "secured", "pledged", "gap"):
        shown = re.search(rf'data-figure="{figure}">([^<]+)<', text).group(1)
        assert shown.strip() != ""
        if figure == "secured":  # what is secured, counted up to each project's need
            assert Decimal(shown.replace(",", "")) == Decimal(str(sources["ในจำนวนนี้ ไม่เกินความต้องการ"]))
        if figure == "pledged":
            assert Decimal(shown.replace(",", "")) == Decimal(str(sources["รับปาก (ยังไม่อนุมัติ)"]))
    if level != "tambon":
        rows = list(workbook["รายพื้นที่"].iter_rows(min_row=2, values_only=True))
        for code_, _name, _projects, need, secured, *_rest in rows[:-1]:
            match = re.search(
                rf'data-row="{code_}">.*?data-col="need">([^<]+)<.*?data-col="secured">([^<]+)<', text, re.S
            )
            assert Decimal(match.group(1).replace(",", "")) == Decimal(str(need or 0))
            assert Decimal(match.group(2).replace(",", "")) == Decimal(str(secured or 0))
        total = rows[-1]
        assert total[1] == "รวม"
        assert Decimal(re.search(r'data-figure="need">([^<]+)<', text).group(1).replace(",", "")) == Decimal(
            str(total[3])
        )


def test_district_xlsx_equals_the_selector(personas, funded):
    year = pf.fiscal_year()
    data = integration(
        personas.district_officer,
        level="district",
        area=District.objects.get(code=pf.MUEANG),
        fiscal_year=year,
    )
    client = personas.client_for(personas.district_officer)
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("partners:integration_district_xlsx", args=[pf.MUEANG])).content)
    )
    rows = {r[0]: r for r in workbook["รายพื้นที่"].iter_rows(min_row=2, values_only=True)}
    for row in data.rows:
        sheet = rows[row.code]
        assert [Decimal(str(v or 0)) for v in sheet[3:16]] == [
            row.totals.need,
            row.totals.secured_up_to_need,
            row.totals.gap,
            row.totals.over,
            row.totals.secured,
            *row.totals.year_cells,  # the plan's year and the next (the default window)
            row.totals.later,
            *row.totals.source_cells,
            row.totals.pledged,
        ]
    assert data.total.secured == Decimal(100000)  # 40,000 money + 60,000 in kind; Warin is another district
    unfunded = list(workbook["โครงการสำคัญที่ยังขาดงบ"].iter_rows(min_row=2, values_only=True))
    assert [r[2] for r in unfunded] == [p.name for p in data.unfunded]
    overridden = [
        r for r in workbook["รายโครงการ"].iter_rows(min_row=2, values_only=True) if r[-1] == "กำหนดเอง"
    ]
    assert len(overridden) == 1


def test_integration_scope(personas, funded):
    other = personas.client_for(personas.other_district_officer)
    assert other.get(reverse("partners:integration_district", args=[pf.MUEANG])).status_code == 404
    assert other.get(reverse("partners:integration_district_xlsx", args=[pf.MUEANG])).status_code == 404
    assert other.get(reverse("partners:integration_tambon", args=[pf.HUA_RUEA])).status_code == 404
    outsider = personas.client_for(personas.outsider)
    assert outsider.get(reverse("partners:integration_province", args=["34"])).status_code == 404
    tambon = personas.client_for(personas.tambon_officer)
    assert tambon.get(reverse("partners:integration_tambon", args=[pf.NAI_MUEANG])).status_code == 404


def _page_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_page_queries_do_not_grow_with_tambons(personas, partner):
    year = pf.fiscal_year()
    client = personas.client_for(personas.province_officer)
    for district in (pf.DON_MOT_DAENG, pf.TRAKAN):
        for tambon in District.objects.get(code=district).tambons.all():
            project = pf.add_project(pf.make_plan(tambon.code, year), budgets={year: "1000"}, priority=1)
            ff.commitment(project, partner, status="approved", amount="10")
    small = _page_queries(client, reverse("partners:integration_district", args=[pf.DON_MOT_DAENG]))
    big = _page_queries(client, reverse("partners:integration_district", args=[pf.TRAKAN]))
    assert small == big
    before = _page_queries(client, reverse("partners:integration_province", args=["34"]))
    for tambon in District.objects.get(code=pf.MUEANG).tambons.all():
        pf.add_project(pf.make_plan(tambon.code, year), budgets={year: "5"})
    assert _page_queries(client, reverse("partners:integration_province", args=["34"])) == before


def test_progress_page_milestones_evidence_and_override(personas, project):
    client = personas.client_for(personas.district_officer)
    url = reverse("partners:project_progress", args=[project.pk])
    assert client.get(url).status_code == 200
    data = {
        "action": "milestones",
        "m-TOTAL_FORMS": "2",
        "m-INITIAL_FORMS": "0",
        "m-MIN_NUM_FORMS": "0",
        "m-MAX_NUM_FORMS": "1000",
        "m-0-name": "จัดซื้อวัสดุ",
        "m-0-weight": "๓๐",
        "m-0-done_on": pf.be(pf.today()),
        "m-1-name": "ก่อสร้าง",
        "m-1-weight": "70",
    }
    assert client.post(url, data).status_code == 302
    assert list(Milestone.objects.values_list("name", "weight")) == [("จัดซื้อวัสดุ", 30), ("ก่อสร้าง", 70)]
    page = html(client.get(url))
    assert 'id="project-percent">30%' in page
    milestone = Milestone.objects.first()
    response = client.post(url, {"action": "evidence", "milestone": milestone.pk, "image": ff.image_upload()})
    assert response.status_code == 302
    assert milestone.evidence.count() == 1
    bad = client.post(url, {"action": "evidence", "milestone": milestone.pk, "image": ff.pdf_upload("x.png")})
    assert bad.status_code == 200 and "ไม่ใช่ชนิดที่รับได้" in html(bad)
    client.post(url, {"action": "override", "percent": "๗๕", "reason": "ตรวจหน้างานแล้ว"})
    page = html(client.get(url))
    assert 'id="project-percent">75%' in page and "กำหนดเอง" in page
    tambon_page = html(client.get(reverse("partners:integration_tambon", args=[pf.HUA_RUEA])))
    assert "75%" in tambon_page and "กำหนดเอง" in tambon_page


def test_progress_scope(personas, project):
    url = reverse("partners:project_progress", args=[project.pk])
    assert personas.client_for(personas.other_district_officer).get(url).status_code == 404
    viewer = personas.client_for(personas.viewer)
    assert viewer.get(url).status_code == 200
    assert viewer.post(url, {"action": "override", "percent": "5", "reason": "x"}).status_code == 403
    assert not ProgressOverride.objects.exists()


def _figure(text, name) -> Decimal:
    return Decimal(re.search(rf'data-figure="{name}">([^<]+)<', text).group(1).replace(",", ""))


def test_over_funding_is_warned_at_approval_and_shown(personas, partner):
    """Issue 15: 300,000 + 400,000 approved on a project needing 450,000."""
    year = pf.fiscal_year()
    project = pf.add_project(pf.make_plan(pf.HUA_RUEA), "ซ่อมถนน", budgets={year: "450000"})
    pf.add_project(pf.make_plan(pf.HUA_RUEA), "ขุดสระ", budgets={year: "1000000"})
    first = ff.commitment(project, partner, status="pledged", amount="300000")
    second = ff.commitment(project, partner, status="pledged", amount="400000")
    client = personas.client_for(personas.district_officer)
    page = client.post(
        reverse("partners:commitment_transition", args=[first.pk]), {"to_status": "approved"}, follow=True
    )
    assert "เกินความต้องการ" not in html(page)
    page = client.post(
        reverse("partners:commitment_transition", args=[second.pk]), {"to_status": "approved"}, follow=True
    )
    text = html(page)
    assert Commitment.objects.get(pk=second.pk).status == CommitmentStatus.APPROVED
    assert "alert-warning" in text and "เกินความต้องการ 250,000 บาท" in text

    project_page = html(client.get(reverse("planning:project", args=[project.pk])))
    assert "ยังขาด 0 บาท" in project_page and "เกินความต้องการ 250,000 บาท" in project_page

    text = html(client.get(reverse("partners:integration_tambon", args=[pf.HUA_RUEA])))
    need, secured, gap, over = (_figure(text, name) for name in ("need", "secured", "gap", "over"))
    assert (need, secured, gap, over) == (1450000, 450000, 1000000, 250000)
    assert need == secured + gap
    assert _figure(text, "secured-all") == 700000


def test_a_pledge_dated_before_the_proposal_is_refused_on_the_page(personas, project, partner):
    proposed = pf.today() - timedelta(days=3)
    c = ff.commitment(project, partner, proposed_on=proposed)
    client = personas.client_for(personas.district_officer)
    page = client.post(
        reverse("partners:commitment_transition", args=[c.pk]),
        {"to_status": "pledged", "on_date": pf.be(proposed - timedelta(days=1))},
        follow=True,
    )
    text = html(page)
    assert "alert-danger" in text and "ต้องไม่ก่อนวันที่เสนอขอ" in text
    assert be_date_long(proposed) in text and be_date_long(proposed - timedelta(days=1)) in text
    assert Commitment.objects.get(pk=c.pk).status == CommitmentStatus.PROPOSED


def test_the_edit_form_shows_a_proposal_dated_after_the_pledge(personas, project, partner):
    pledged = pf.today() - timedelta(days=3)
    c = ff.commitment(
        project, partner, status="pledged", proposed_on=pledged - timedelta(days=2), pledged_on=pledged
    )
    client = personas.client_for(personas.district_officer)
    response = client.post(
        reverse("partners:commitment_edit", args=[c.pk]),
        {
            "partner": partner.pk,
            "kind": "budget",
            "amount": "10000",
            "fiscal_year": str(c.fiscal_year),
            "proposed_on": pf.be(pf.today()),
            "version": c.version,
        },
    )
    assert response.status_code == 200
    text = html(response)
    assert "ต้องไม่ก่อนวันที่เสนอขอ" in text and be_date_long(pledged) in text
    assert Commitment.objects.get(pk=c.pk).proposed_on == pledged - timedelta(days=2)
