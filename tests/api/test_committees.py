"""Committees and appointment orders through the API: each persona sees what the committee pages show it,
phones only for those who see contacts on the pages, outsiders get 404, lists page in constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tambonplan.committees import selectors
from tambonplan.committees.models import OrderState
from tests.api.conftest import error_of
from tests.committees import factories as cf

pytestmark = pytest.mark.django_db


@pytest.fixture
def committees():
    """Hua Ruea's ก.บ.ต. (an order in force and a draft) and ศอช.ต.; Mueang's ศอช.อ.; Ubon's ศอช.จ.;
    a ก.บ.ต. of Warin Chamrap."""
    cf.set_review_date()
    kbt = cf.order("kbt", cf.HUA_RUEA)
    draft = cf.order("kbt", cf.HUA_RUEA, state=OrderState.DRAFT, number="", signed_on=None)
    socho_t = cf.order("socho_t", cf.HUA_RUEA, size=9)
    socho_a = cf.order("socho_a", cf.MUEANG, size=9)
    socho_j = cf.order("socho_j", cf.UBON, size=9)
    warin = cf.order("kbt", cf.WARIN_TAMBON, number="3/2567")
    return {
        "kbt": kbt,
        "draft": draft,
        "socho_t": socho_t,
        "socho_a": socho_a,
        "socho_j": socho_j,
        "warin": warin,
    }


def _areas(body) -> set[tuple[str, str]]:
    return {(row["kind"], row["area_code"]) for row in body["results"]}


def test_district_officer_lists_its_districts_committees_and_not_warins(api, personas, committees):
    body = api(personas.district_officer).get("committees").json()
    assert _areas(body) == {
        ("kbt", cf.HUA_RUEA),
        ("socho_t", cf.HUA_RUEA),
        ("socho_a", cf.MUEANG),
        ("socho_j", cf.UBON),
    }
    assert body["count"] == 4
    warin = api(personas.other_district_officer).get("committees").json()
    assert _areas(warin) == {("kbt", cf.WARIN_TAMBON), ("socho_j", cf.UBON)}


def test_tambon_officer_sees_its_districts_and_provinces_socho_as_on_the_committee_page(
    api, personas, committees
):
    client = api(personas.tambon_officer)
    body = client.get("committees").json()
    assert ("socho_a", cf.MUEANG) in _areas(body) and ("socho_j", cf.UBON) in _areas(body)
    socho_a = committees["socho_a"].committee
    # The page opens for this officer, so the API does too.
    selectors.committee_page(
        personas.tambon_officer, kind_code="socho_a", area_code=cf.MUEANG, fiscal_year=cf.fiscal_year()
    )
    assert client.get(f"committees/{socho_a.pk}").status_code == 200
    assert client.get(f"orders/{committees['socho_a'].pk}").status_code == 200


def test_committee_shows_its_current_order_and_currency(api, personas, committees):
    kbt = committees["kbt"]
    response = api(personas.district_officer).get(f"committees/{kbt.committee.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["kind"] == "kbt" and body["kind_name"] == "ก.บ.ต."
    assert body["level"] == "tambon" and body["level_label"] == "ตำบล"
    assert body["area_name"] == "ตำบลหัวเรือ"
    assert body["is_socho"] is False
    assert body["current_order_id"] == kbt.pk
    assert body["current_order"]["id"] == kbt.pk
    assert body["current_order"]["number"] == "12/2567"
    assert body["current_order"]["state"] == "in_force"
    assert body["current_order"]["member_count"] == body["current_order"]["serving_count"] == 5
    assert body["draft_order_id"] == committees["draft"].pk
    page = selectors.committee_page(
        personas.district_officer, kind_code="kbt", area_code=cf.HUA_RUEA, fiscal_year=cf.fiscal_year()
    )
    assert body["currency"]["state"] == page.currency.state == "current"
    assert body["currency"]["state_label"] == "เป็นปัจจุบัน"
    assert body["currency"]["fiscal_year"] == cf.fiscal_year()
    # Judged against another year's review date when asked: next year's is today, after the order.
    cf.set_review_date(timezone.localdate(), year=cf.fiscal_year() + 1)
    next_year = (
        api(personas.district_officer)
        .get(f"committees/{kbt.committee.pk}", {"fiscal_year": cf.fiscal_year() + 1})
        .json()["currency"]
    )
    assert next_year["state"] == "needs_review" and next_year["fiscal_year"] == cf.fiscal_year() + 1


def test_a_committee_whose_member_resigned_needs_review(api, personas, committees):
    member = committees["kbt"].members.get(first_name="สมชาย")
    cf.leave(member)
    body = api(personas.district_officer).get(f"committees/{committees['kbt'].committee.pk}").json()
    assert body["currency"]["state"] == "needs_review"
    assert any("สมชาย" in reason for reason in body["currency"]["reasons"])
    assert body["current_order"]["serving_count"] == 4


def test_order_lists_its_members_with_phones_only_for_who_sees_contacts(api, personas, committees):
    kbt = committees["kbt"]
    officer = api(personas.district_officer).get(f"orders/{kbt.pk}").json()
    assert officer["state"] == "in_force" and officer["state_label"] == "มีผลใช้บังคับ"
    assert officer["member_count"] == 5
    names = [member["name"] for member in officer["members"]]
    assert names[0] == "นายปกรณ์ ปกครองดี"
    chair = officer["members"][0]
    assert chair["position"] == "ประธาน" and chair["is_chair"] is True
    assert chair["basis"] == "ex_officio" and chair["basis_label"] == "โดยตำแหน่ง"
    assert chair["status"] == "serving" and chair["status_label"] == "ปฏิบัติหน้าที่"
    assert all(member["phone"] and member["phone"].startswith("081") for member in officer["members"])
    assert officer["problems"] == []

    viewer = api(personas.viewer).get(f"orders/{kbt.pk}").json()
    assert [member["name"] for member in viewer["members"]] == names
    assert all(member["phone"] is None for member in viewer["members"])
    assert "0810000001" not in str(viewer)


def test_outsiders_get_404_on_mueangs_committees_and_orders(api, personas, committees):
    kbt = committees["kbt"]
    for user in (personas.outsider, personas.other_district_officer):
        client = api(user)
        for path in (
            f"committees/{kbt.committee.pk}",
            f"orders/{kbt.pk}",
            f"orders/{committees['draft'].pk}",
        ):
            response = client.get(path)
            assert response.status_code == 404, (user, path)
            assert error_of(response)["code"] == "not_found"
    assert api(personas.outsider).get("committees").json()["count"] == 0
    assert api(personas.outsider).get("orders").json()["count"] == 0


def test_committee_filters_kind_socho_and_area(api, personas, committees):
    client = api(personas.province_officer)
    kbt = client.get("committees", {"kind": "kbt"}).json()
    assert _areas(kbt) == {("kbt", cf.HUA_RUEA), ("kbt", cf.WARIN_TAMBON)}
    socho = client.get("committees", {"is_socho": "true"}).json()
    assert {row["kind"] for row in socho["results"]} == {"socho_t", "socho_a", "socho_j"}
    assert all(row["is_socho"] for row in socho["results"])
    not_socho = client.get("committees", {"is_socho": "false"}).json()
    assert {row["kind"] for row in not_socho["results"]} == {"kbt"}
    warin = client.get("committees", {"area": cf.WARIN}).json()
    assert _areas(warin) == {("kbt", cf.WARIN_TAMBON)}
    tambon = client.get("committees", {"area": cf.HUA_RUEA, "kind": "socho_t"}).json()
    assert _areas(tambon) == {("socho_t", cf.HUA_RUEA)}


def test_order_filters_area_committee_and_state(api, personas, committees):
    client = api(personas.province_officer)
    everything = client.get("orders").json()
    assert everything["count"] == 6
    drafts = client.get("orders", {"state": "draft"}).json()
    assert [row["id"] for row in drafts["results"]] == [committees["draft"].pk]
    assert drafts["results"][0]["state_label"] == "ร่าง"
    kbt_committee = committees["kbt"].committee
    of_committee = client.get("orders", {"committee": kbt_committee.pk}).json()
    assert {row["id"] for row in of_committee["results"]} == {committees["kbt"].pk, committees["draft"].pk}
    assert all(row["committee_id"] == kbt_committee.pk for row in of_committee["results"])
    warin = client.get("orders", {"area": cf.WARIN}).json()
    assert [row["id"] for row in warin["results"]] == [committees["warin"].pk]
    assert warin["results"][0]["member_count"] == 5
    assert warin["results"][0]["area_name"].startswith("ตำบล")


def test_bad_filters_answer_422_naming_the_parameter(api, personas, committees):
    response = api(personas.province_officer).get("orders", {"state": "signed", "committee": "x"})
    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "invalid_request"
    assert {detail["where"] for detail in error["details"]} == {"query.state", "query.committee"}


def test_committees_and_orders_are_paged(api, personas, committees):
    client = api(personas.province_officer)
    first = client.get("committees", {"page_size": 2}).json()
    second = client.get("committees", {"page": 2, "page_size": 2}).json()
    assert first["count"] == 5 and first["pages"] == 3 and len(first["results"]) == 2
    assert not {row["id"] for row in first["results"]} & {row["id"] for row in second["results"]}
    orders = client.get("orders", {"page_size": 4, "page": 2}).json()
    assert orders["count"] == 6 and len(orders["results"]) == 2


def test_list_queries_do_not_grow_with_rows(api, personas, committees):
    client = api(personas.province_officer)
    client.get("committees")  # the token's last-used write happens once

    def queries(path: str) -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(path, {"page_size": 500}).status_code == 200
        return len(context)

    few = {path: queries(path) for path in ("committees", "orders")}
    for code in ("340101", "340107", "340108", "340109", "340111", "340112", "340113", "340116"):
        cf.order("kbt", code)
        cf.order("socho_t", code, size=9)
    assert api(personas.province_officer).get("committees").json()["count"] == 21
    assert {path: queries(path) for path in ("committees", "orders")} == few
