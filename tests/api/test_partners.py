"""Partners and their commitments through the API: each province's registry, contacts only for who may see
them, commitments of projects in the caller's scope, filters, pages, constant queries."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tambonplan.partners.models import PartnerArea, PartnerType
from tambonplan.planning.models import NeedCategory
from tests.api.conftest import error_of
from tests.partners import funding_factories as ff
from tests.planning import factories as pf

pytestmark = pytest.mark.django_db


@pytest.fixture
def funding():
    """Ubon's registry (a foundation working in Mueang, a local government, an inactive company) and Si Sa
    Ket's; commitments to a Hua Ruea project (this year and last) and to a Warin project."""
    foundation = ff.partner()
    foundation.contact_name, foundation.phone, foundation.email = (
        "นางสาวใจดี ประสาน",
        "045123456",
        "info@example.org",
    )
    foundation.save()
    PartnerArea.objects.create(partner=foundation, area_code=pf.MUEANG)
    foundation.focus_categories.add(NeedCategory.objects.order_by("sort_order").first())
    local = ff.partner("องค์การบริหารส่วนตำบลหัวเรือ", PartnerType.LOCAL_GOVERNMENT)
    company = ff.partner("บริษัทปิดกิจการ จำกัด", PartnerType.PRIVATE)
    company.is_active = False
    company.save()
    sisaket = ff.partner("มูลนิธิศรีสะเกษ", province=ff.SISAKET)

    road = pf.add_project(pf.make_plan(pf.HUA_RUEA), budgets={pf.fiscal_year(): "150000"})
    warin_project = pf.add_project(pf.make_plan(pf.WARIN_TAMBON), name="ขุดลอกคลองวาริน")
    pledged = ff.commitment(road, foundation, status="pledged", amount="50000")
    cement = ff.commitment(road, local, status="approved", estimated="20000")
    old = ff.commitment(road, foundation, status="delivered", amount="7000", year=pf.fiscal_year() - 1)
    warin = ff.commitment(warin_project, local, status="proposed", amount="9000")
    return {
        "foundation": foundation,
        "local": local,
        "company": company,
        "sisaket": sisaket,
        "road": road,
        "pledged": pledged,
        "cement": cement,
        "old": old,
        "warin": warin,
    }


def _names(body) -> set[str]:
    return {row["name"] for row in body["results"]}


def test_officers_see_their_provinces_registry(api, personas, funding):
    body = api(personas.district_officer).get("partners").json()
    assert _names(body) == {"มูลนิธิเพื่อนเยาวชนอีสาน", "องค์การบริหารส่วนตำบลหัวเรือ", "บริษัทปิดกิจการ จำกัด"}
    foundation = next(row for row in body["results"] if row["id"] == funding["foundation"].pk)
    assert foundation["partner_type"] == "civil_society"
    assert foundation["partner_type_label"] == "ภาคประชาสังคม/มูลนิธิ"
    assert foundation["level"] == "provincial" and foundation["level_label"] == "ระดับจังหวัด"
    assert foundation["province_code"] == "34" and foundation["area_codes"] == [pf.MUEANG]
    assert len(foundation["focus_categories"]) == 1
    assert "phone" not in foundation  # contacts are on the partner itself only
    assert _names(api(personas.outsider).get("partners").json()) == {"มูลนิธิศรีสะเกษ"}


def test_partner_phone_and_email_only_for_who_may_see_contacts_as_on_the_page(api, personas, funding):
    path = f"partners/{funding['foundation'].pk}"
    officer = api(personas.district_officer).get(path).json()
    assert officer["contact_name"] == "นางสาวใจดี ประสาน"
    assert officer["phone"] == "045123456" and officer["email"] == "info@example.org"
    assert officer["areas"] == [{"code": pf.MUEANG, "name": "อำเภอเมืองอุบลราชธานี"}]
    viewer = api(personas.viewer).get(path).json()
    assert viewer["name"] == "มูลนิธิเพื่อนเยาวชนอีสาน"
    assert viewer["contact_name"] == "นางสาวใจดี ประสาน"
    assert viewer["phone"] is None and viewer["email"] is None
    assert "045123456" not in str(viewer)
    page = personas.client_for(personas.viewer).get(f"/partners/{funding['foundation'].pk}/").content.decode()
    assert "นางสาวใจดี ประสาน" in page and "info@example.org" not in page
    officer_page = personas.client_for(personas.district_officer).get(
        f"/partners/{funding['foundation'].pk}/"
    )
    assert "info@example.org" in officer_page.content.decode()


def test_outsider_gets_404_on_ubons_partner_and_commitments(api, personas, funding):
    client = api(personas.outsider)
    for path in (f"partners/{funding['foundation'].pk}", f"commitments/{funding['pledged'].pk}"):
        response = client.get(path)
        assert response.status_code == 404
        assert error_of(response)["code"] == "not_found"
    assert client.get("commitments").json()["count"] == 0
    # Another district's commitment is not found either.
    assert api(personas.other_district_officer).get(f"commitments/{funding['pledged'].pk}").status_code == 404


def test_partner_filters_type_activity_and_area(api, personas, funding):
    client = api(personas.province_officer)
    assert _names(client.get("partners", {"partner_type": "local_government"}).json()) == {
        "องค์การบริหารส่วนตำบลหัวเรือ"
    }
    assert "บริษัทปิดกิจการ จำกัด" not in _names(client.get("partners", {"is_active": "true"}).json())
    assert _names(client.get("partners", {"is_active": "false"}).json()) == {"บริษัทปิดกิจการ จำกัด"}
    # A partner belongs to a province: a district's code selects its province's registry.
    assert client.get("partners", {"area": pf.MUEANG}).json()["count"] == 3
    assert client.get("partners", {"area": "33"}).json()["count"] == 0
    bad = client.get("partners", {"partner_type": "company"})
    assert bad.status_code == 422
    assert [detail["where"] for detail in error_of(bad)["details"]] == ["query.partner_type"]


def test_district_officer_lists_its_districts_commitments(api, personas, funding):
    body = api(personas.district_officer).get("commitments").json()
    assert {row["id"] for row in body["results"]} == {
        funding["pledged"].pk,
        funding["cement"].pk,
        funding["old"].pk,
    }
    warin = api(personas.other_district_officer).get("commitments").json()
    assert [row["id"] for row in warin["results"]] == [funding["warin"].pk]


def test_commitment_shows_its_value_and_status(api, personas, funding):
    response = api(personas.tambon_officer).get(f"commitments/{funding['cement'].pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["partner_name"] == "องค์การบริหารส่วนตำบลหัวเรือ"
    assert body["project_id"] == funding["road"].pk and body["project_name"] == funding["road"].name
    assert body["tambon_code"] == pf.HUA_RUEA and body["tambon_name"] == "หัวเรือ"
    assert body["kind"] == "materials" and body["kind_label"] == "วัสดุ"
    assert body["amount"] is None and body["in_kind_description"] == "ปูนซีเมนต์"
    assert Decimal(body["estimated_value"]) == Decimal(body["value"]) == Decimal("20000")
    assert body["status"] == "approved" and body["status_label"] == "อนุมัติ"
    assert body["has_document"] is False


def test_commitment_filters_year_status_partner_and_area(api, personas, funding):
    client = api(personas.province_officer)

    def ids(**params) -> set[int]:
        response = client.get("commitments", params)
        assert response.status_code == 200, response.content
        return {row["id"] for row in response.json()["results"]}

    assert ids(fiscal_year=pf.fiscal_year()) == {
        funding["pledged"].pk,
        funding["cement"].pk,
        funding["warin"].pk,
    }
    assert ids(fiscal_year=pf.fiscal_year() - 1) == {funding["old"].pk}
    assert ids(status="pledged") == {funding["pledged"].pk}
    assert ids(partner=funding["local"].pk) == {funding["cement"].pk, funding["warin"].pk}
    assert ids(area=pf.WARIN) == {funding["warin"].pk}
    assert ids(area=pf.HUA_RUEA, fiscal_year=pf.fiscal_year()) == {
        funding["pledged"].pk,
        funding["cement"].pk,
    }
    bad = client.get("commitments", {"status": "paid", "fiscal_year": 1999})
    assert bad.status_code == 422
    assert {detail["where"] for detail in error_of(bad)["details"]} == {"query.status", "query.fiscal_year"}


def test_partners_and_commitments_are_paged(api, personas, funding):
    client = api(personas.province_officer)
    first = client.get("partners", {"page_size": 2}).json()
    second = client.get("partners", {"page_size": 2, "page": 2}).json()
    assert first["count"] == 3 and first["pages"] == 2
    assert len(first["results"]) == 2 and len(second["results"]) == 1
    assert _names(first) | _names(second) == {
        "มูลนิธิเพื่อนเยาวชนอีสาน",
        "องค์การบริหารส่วนตำบลหัวเรือ",
        "บริษัทปิดกิจการ จำกัด",
    }
    commitments = client.get("commitments", {"page_size": 3, "page": 2}).json()
    assert commitments["count"] == 4 and len(commitments["results"]) == 1
    # The newest fiscal year first.
    assert commitments["results"][0]["id"] == funding["old"].pk


def test_list_queries_do_not_grow_with_rows(api, personas, funding):
    client = api(personas.province_officer)
    client.get("partners")  # the token's last-used write happens once

    def queries(path: str) -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(path, {"page_size": 500}).status_code == 200
        return len(context)

    few = {path: queries(path) for path in ("partners", "commitments")}
    categories = list(NeedCategory.objects.all()[:2])
    for n in range(8):
        partner = ff.partner(f"ภาคีทดสอบ {n}")
        PartnerArea.objects.create(partner=partner, area_code=pf.HUA_RUEA)
        partner.focus_categories.add(*categories)
        project = pf.add_project(pf.make_plan(pf.NONG_KHON), name=f"โครงการ {n}")
        ff.commitment(project, partner, amount="1000")
    assert client.get("partners").json()["count"] == 11
    assert {path: queries(path) for path in ("partners", "commitments")} == few
