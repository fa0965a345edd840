"""The API of the ledger and of answers: scoped reads, the answer written through the same service and
validation as the page, and the integration with the page's figures."""

from decimal import Decimal

import pytest
from django.core.cache import cache

from tambonplan.areas.models import Province
from tambonplan.funding.models import ForwardingAnswer, FundingEntry
from tambonplan.partners.integration import integration
from tests.api.conftest import ApiClient, error_of
from tests.funding import factories as ff
from tests.partners import funding_factories as pff
from tests.planning import factories as pf

pytestmark = pytest.mark.django_db
Y = pf.fiscal_year()


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(personas):
    plan = pf.make_plan(pf.HUA_RUEA, Y)
    project = pf.add_project(plan, "ขุดลอกหนองน้ำ", "support", budgets={Y: "100", Y + 1: "400000"})
    forwarding = ff.forwarding(project)
    answer = ff.answer(personas.tambon_officer, forwarding, funding=[ff.money(Y + 1, "300000")])
    warin = pf.add_project(pf.make_plan(pf.WARIN_TAMBON, Y), "ถนนวาริน", budgets={Y: "10"})
    pff.commitment(warin, pff.partner(), status="approved", amount="10", year=Y + 3)
    return {"project": project, "forwarding": forwarding, "answer": answer, "warin": warin}


def body(**overrides):
    values = {
        "answered_on": pf.today().isoformat(),
        "inclusion": "included",
        "amendment_kind": "addition",
        "amendment_number": 3,
        "amendment_year": Y,
        "funding": [{"fiscal_year": Y + 2, "amount": "1500.50", "reference": "เทศบัญญัติ"}],
    }
    values.update(overrides)
    return values


def test_entries_and_answers_are_scoped(personas, world):
    mueang = ApiClient(personas.district_officer)
    entries = mueang.get("funding-entries").json()["results"]
    assert [(e["fiscal_year"], e["amount"], e["source_group"]) for e in entries] == [
        (Y + 1, "300000.00", "local_government")
    ]
    province = ApiClient(personas.province_officer).get("funding-entries", {"fiscal_year": Y + 3}).json()
    assert [e["project_id"] for e in province["results"]] == [world["warin"].pk]
    answers = mueang.get("forwarding-answers").json()["results"]
    assert [(a["id"], a["amendment_number"], len(a["entries"])) for a in answers] == [
        (world["answer"].pk, 1, 1)
    ]
    other = ApiClient(personas.other_district_officer)
    assert other.get("forwarding-answers").json()["results"] == []
    assert other.get(f"forwarding-answers/{world['answer'].pk}").status_code == 404


def test_posting_an_answer_uses_the_services_rules(personas, world):
    path = f"forwardings/{world['forwarding'].pk}/answers"
    writer = ApiClient(personas.tambon_officer, write=True)
    bad = writer.post(path, body(amendment_number=None))
    assert bad.status_code == 400
    assert "ครั้งที่" in error_of(bad)["message"] + str(error_of(bad)["details"])
    early = writer.post(path, body(funding=[{"fiscal_year": Y - 1, "amount": "1"}]))
    assert early.status_code == 400
    assert ForwardingAnswer.objects.count() == 1

    created = writer.post(path, body())
    assert created.status_code == 201, created.content
    assert created.json()["entries"][0]["amount"] == "1500.50"
    assert FundingEntry.objects.filter(fiscal_year=Y + 2).exists()

    assert ApiClient(personas.tambon_officer).post(path, body()).status_code == 403  # a read-only token
    assert ApiClient(personas.other_district_officer, write=True).post(path, body()).status_code == 404


def test_the_integration_is_the_pages(personas, world):
    response = ApiClient(personas.province_officer).get("integration", {"area": "34", "fiscal_year": Y})
    assert response.status_code == 200
    data = response.json()
    page = integration(
        personas.province_officer, level="province", area=Province.objects.get(code="34"), fiscal_year=Y
    )
    assert data["years"] == [Y, Y + 1] and data["window"] == 1
    assert Decimal(data["total"]["secured"]) == page.total.secured == Decimal(300000)
    assert Decimal(data["total"]["later"]) == page.total.later == Decimal(10)
    assert [Decimal(y["amount"]) for y in data["total"]["by_year"]] == page.total.year_cells
    assert {r["code"] for r in data["rows"]} >= {pf.MUEANG, pf.WARIN}
    own = ApiClient(personas.district_officer).get("integration", {"fiscal_year": Y}).json()
    assert (own["level"], own["area_code"]) == ("district", pf.MUEANG)
    assert ApiClient(personas.outsider).get("integration", {"area": "34"}).status_code == 404
