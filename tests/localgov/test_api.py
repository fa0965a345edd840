"""The register of local governments through the API: the bodies of the caller's area as on the register's
page, contacts only for who sees them on the page, filters, constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tambonplan.localgov.models import LocalGovernment, LocalGovernmentKind
from tests.api.conftest import ApiClient, error_of
from tests.planning import factories as pf

pytestmark = pytest.mark.django_db


def body(code: str, kind: str, name: str, district: str | None, tambons=(), **fields) -> LocalGovernment:
    province = (district or fields.pop("province", ""))[:2]
    made = LocalGovernment.objects.create(
        code=code, kind=kind, name_th=name, province_id=province, district_id=district, **fields
    )
    made.tambons.set(tambons)
    return made


@pytest.fixture
def register():
    """Mueang's อบต.หัวเรือ (with contacts) and ทต.หัวเรือ covering Hua Ruea and Nong Khon, an abolished อบต.
    of Nong Khon, Ubon's อบจ., Warin Chamrap's อบต. and one of Si Sa Ket."""
    return {
        "sao": body(
            "6340104",
            LocalGovernmentKind.SAO,
            "หัวเรือ",
            pf.MUEANG,
            [pf.HUA_RUEA],
            address="หมู่ 1 ตำบลหัวเรือ",
            phone="045111222",
            email="saraban@huaruea.go.th",
            contact_name="นายประสาน งานดี",
            contact_position="ปลัด อบต.",
        ),
        "town": body(
            "5340104",
            LocalGovernmentKind.SUBDISTRICT_MUNICIPALITY,
            "หัวเรือ",
            pf.MUEANG,
            [pf.NONG_KHON, pf.HUA_RUEA],
        ),
        "abolished": body(
            "6340105", LocalGovernmentKind.SAO, "หนองขอน", pf.MUEANG, [pf.NONG_KHON], is_active=False
        ),
        "pao": body("2340000", LocalGovernmentKind.PAO, "อุบลราชธานี", None, province="34"),
        "warin": body("6341501", LocalGovernmentKind.SAO, "วารินชำราบ", pf.WARIN, [pf.WARIN_TAMBON]),
        "sisaket": body("6330101", LocalGovernmentKind.SAO, "เมืองเหนือ", "3301", ["330101"]),
    }


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_the_district_officer_lists_its_districts_bodies_as_on_the_page(personas, register):
    listed = ApiClient(personas.district_officer).get("local-governments").json()
    assert {row["id"] for row in listed["results"]} == {
        register["sao"].pk,
        register["town"].pk,
        register["abolished"].pk,
        register["pao"].pk,  # the province's อบจ. covers every tambon: seen (not edited) by its districts
    }
    town = next(row for row in listed["results"] if row["id"] == register["town"].pk)
    assert town["code"] == "5340104" and town["kind"] == "subdistrict_municipality"
    assert town["kind_label"] == "เทศบาลตำบล" and town["short_name"] == "ทต.หัวเรือ"
    assert town["full_name"] == "เทศบาลตำบลหัวเรือ"
    assert (town["province_code"], town["district_code"]) == ("34", pf.MUEANG)
    assert town["tambon_codes"] == [pf.HUA_RUEA, pf.NONG_KHON]
    assert town["is_active"] is True and town["version"] == 1
    assert "phone" not in town  # contacts are on the body itself only
    page = personas.client_for(personas.district_officer).get("/local-governments/")
    assert {row.pk for row in page.context["page"].object_list} == {row["id"] for row in listed["results"]}


def test_other_districts_and_provinces_see_nothing_of_mueang(personas, register):
    other = ApiClient(personas.other_district_officer)
    assert _ids(other.get("local-governments")) == {register["warin"].pk, register["pao"].pk}
    hidden = other.get(f"local-governments/{register['sao'].pk}")
    assert hidden.status_code == 404 and error_of(hidden)["code"] == "not_found"
    outsider = ApiClient(personas.outsider)
    assert _ids(outsider.get("local-governments")) == {register["sisaket"].pk}
    assert _ids(outsider.get("local-governments", {"area": "34"})) == set()
    assert outsider.get(f"local-governments/{register['pao'].pk}").status_code == 404


def test_contacts_only_for_who_sees_them_on_the_page(personas, register):
    path = f"local-governments/{register['sao'].pk}"
    officer = ApiClient(personas.tambon_officer).get(path).json()
    assert officer["phone"] == "045111222" and officer["email"] == "saraban@huaruea.go.th"
    assert (officer["contact_name"], officer["contact_position"]) == ("นายประสาน งานดี", "ปลัด อบต.")
    assert officer["address"] == "หมู่ 1 ตำบลหัวเรือ"
    assert officer["tambons"] == [{"code": pf.HUA_RUEA, "name": "หัวเรือ"}]
    assert officer["budget_law"] == "ข้อบัญญัติงบประมาณรายจ่าย"
    viewer = ApiClient(personas.viewer).get(path).json()
    assert viewer["full_name"] == "องค์การบริหารส่วนตำบลหัวเรือ" and viewer["address"] == "หมู่ 1 ตำบลหัวเรือ"
    assert [viewer[key] for key in ("phone", "email", "contact_name", "contact_position")] == [None] * 4
    assert "045111222" not in str(viewer) and "นายประสาน" not in str(viewer)
    page = personas.client_for(personas.viewer).get(f"/local-governments/{register['sao'].pk}/")
    assert "saraban@huaruea.go.th" not in page.content.decode()
    officer_page = personas.client_for(personas.tambon_officer).get(
        f"/local-governments/{register['sao'].pk}/"
    )
    assert "saraban@huaruea.go.th" in officer_page.content.decode()


def test_filters_area_kind_and_activity(personas, register):
    client = ApiClient(personas.province_officer)
    ubon = {register[key].pk for key in ("sao", "town", "abolished", "pao", "warin")}
    assert _ids(client.get("local-governments")) == ubon
    assert _ids(client.get("local-governments", {"area": "34"})) == ubon
    assert _ids(client.get("local-governments", {"area": pf.WARIN})) == {register["warin"].pk}
    # A tambon: the bodies covering it (a tambon can have several); the อบจ. is found by the province.
    assert _ids(client.get("local-governments", {"area": pf.HUA_RUEA})) == {
        register["sao"].pk,
        register["town"].pk,
    }
    assert _ids(client.get("local-governments", {"area": pf.NONG_KHON, "is_active": "true"})) == {
        register["town"].pk
    }
    assert _ids(client.get("local-governments", {"is_active": "false"})) == {register["abolished"].pk}
    assert _ids(client.get("local-governments", {"kind": "pao"})) == {register["pao"].pk}
    bad = client.get("local-governments", {"kind": "อบต.", "area": "3"})
    assert bad.status_code == 422
    assert {detail["where"] for detail in error_of(bad)["details"]} == {"query.kind", "query.area"}


def test_the_register_is_paged_in_constant_queries(personas, register):
    client = ApiClient(personas.province_officer)
    client.get("local-governments")  # the token's last-used write happens once

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get("local-governments", {"page_size": 500}).status_code == 200
        return len(context)

    few = queries()
    for n in range(8):
        body(f"63401{n:02d}9", LocalGovernmentKind.SAO, f"ทดสอบ{n}", pf.MUEANG, [pf.HUA_RUEA, pf.NONG_KHON])
    assert queries() == few
    first = client.get("local-governments", {"page_size": 10}).json()
    second = client.get("local-governments", {"page_size": 10, "page": 2}).json()
    assert first["count"] == 13 and first["pages"] == 2 and len(second["results"]) == 3
