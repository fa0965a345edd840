"""Village and community plans through the API: the plans of the caller's area with their forum, approval and
items (and the tambon plan's need an item was pulled into), filters, constant queries; the communities."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tambonplan.villageplans import services
from tambonplan.villageplans.models import Community
from tests.api.conftest import ApiClient, error_of
from tests.planning import factories as pf
from tests.villageplans import factories as f

pytestmark = pytest.mark.django_db
Y = pf.fiscal_year()
APPROVED = date(2026, 11, 20)


@pytest.fixture
def plans(personas):
    """Hua Ruea: village 1's plan of the year, reviewed, with three items (one pulled into the tambon plan and
    answered by a project), village 2's not yet reviewed, village 3's of last year, a community's plan and an
    inactive community; Warin Chamrap: a village's plan."""
    tambon_plan = pf.make_plan(f.HUA_RUEA, Y)
    forum = f.forum(moo=1)
    reviewed = f.plan(moo=1, forum=forum, approved_on=APPROVED, approval_note="มติที่ประชุม กม. ครั้งที่ 1")
    road = f.item(reviewed, "ถนนเข้าหมู่บ้านชำรุด", priority=1)
    f.item(reviewed, "ฝึกอาชีพ", class_code="joint", priority=2)
    f.item(reviewed, "คัดแยกขยะ", class_code="community", estimated_budget=None)
    need = services.pull_into_tambon_plan(personas.tambon_officer, road)
    pf.add_project(tambon_plan, "ถนนคอนกรีตหมู่ 1").needs.add(need)
    community = f.community(name="วัดใต้")
    Community.objects.create(tambon_id=f.HUA_RUEA, name_th="ริมน้ำ", number=2, is_active=False)
    return {
        "reviewed": reviewed,
        "road": road,
        "need": need,
        "tambon_plan": tambon_plan,
        "pending": f.plan(moo=2),
        "last_year": f.plan(moo=3, year=Y - 1, approved_on=APPROVED),
        "community": f.plan(community=community),
        "warin": f.plan(f.WARIN_TAMBON, 1),
        "community_row": community,
    }


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_the_district_officer_lists_its_plans_with_their_review_and_counts(personas, plans):
    rows = ApiClient(personas.district_officer).get("village-plans").json()["results"]
    # The newest year first, then by tambon and village (communities after the villages).
    assert [row["id"] for row in rows] == [
        plans["reviewed"].pk,
        plans["pending"].pk,
        plans["community"].pk,
        plans["last_year"].pk,
    ]
    reviewed = rows[0]
    assert (reviewed["tambon_code"], reviewed["tambon_name"], reviewed["fiscal_year"]) == (
        f.HUA_RUEA,
        "หัวเรือ",
        Y,
    )
    assert (reviewed["village_code"], reviewed["moo"], reviewed["community_id"]) == ("34010401", 1, None)
    assert reviewed["place"] == "หมู่ที่ 1 บ้านทดสอบ1"
    assert reviewed["forum_id"] == plans["reviewed"].forum_id
    assert reviewed["forum_on"] == services.forum_day(plans["reviewed"]).isoformat()
    assert reviewed["approved_on"] == "2026-11-20" and reviewed["is_reviewed"] is True
    assert reviewed["approval_note"] == "มติที่ประชุม กม. ครั้งที่ 1" and reviewed["has_minutes"] is False
    assert (reviewed["item_total"], reviewed["item_beyond_village"], reviewed["item_pulled"]) == (3, 2, 1)
    community = rows[2]
    assert (community["village_code"], community["moo"]) == (None, None)
    assert community["community_id"] == plans["community_row"].pk and community["place"] == "ชุมชนวัดใต้"
    assert community["is_reviewed"] is False and community["forum_on"] is None


def test_a_plan_answers_its_items_and_the_need_each_was_pulled_into(personas, plans):
    response = ApiClient(personas.tambon_officer).get(f"village-plans/{plans['reviewed'].pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["item_total"] == 3 and body["version"] == 1
    items = body["items"]
    assert [item["description"] for item in items] == ["ถนนเข้าหมู่บ้านชำรุด", "ฝึกอาชีพ", "คัดแยกขยะ"]
    road, training, waste = items
    assert (road["item_class"], road["category"], road["votes"]) == ("support", "ด้านโครงสร้างพื้นฐาน", 40)
    assert road["estimated_budget"] == "250000.00" and road["priority"] == 1
    assert (road["need_id"], road["tambon_plan_id"], road["need_projects"]) == (
        plans["need"].pk,
        plans["tambon_plan"].pk,
        1,
    )
    assert training["item_class"] == "joint" and training["partner_name"] == "โรงพยาบาลส่งเสริมสุขภาพตำบล"
    assert (training["need_id"], training["tambon_plan_id"], training["need_projects"]) == (None, None, 0)
    assert waste["item_class"] == "community" and waste["estimated_budget"] is None


def test_other_districts_and_provinces_see_nothing_of_hua_ruea(personas, plans):
    other = ApiClient(personas.other_district_officer)
    assert _ids(other.get("village-plans")) == [plans["warin"].pk]
    hidden = other.get(f"village-plans/{plans['reviewed'].pk}")
    assert hidden.status_code == 404 and error_of(hidden)["code"] == "not_found"
    assert _ids(other.get("communities")) == []
    outsider = ApiClient(personas.outsider)
    assert _ids(outsider.get("village-plans")) == []
    assert _ids(outsider.get("village-plans", {"area": "34"})) == []
    assert outsider.get(f"village-plans/{plans['warin'].pk}").status_code == 404


def test_filters_area_year_and_review(personas, plans):
    client = ApiClient(personas.province_officer)

    def ids(**params) -> set[int]:
        return set(_ids(client.get("village-plans", params)))

    this_year = {plans[key].pk for key in ("reviewed", "pending", "community", "warin")}
    assert ids(fiscal_year=Y) == this_year
    assert ids(fiscal_year=Y - 1) == {plans["last_year"].pk}
    assert ids(area=pf.WARIN) == {plans["warin"].pk}
    assert ids(area=f.HUA_RUEA, fiscal_year=Y, reviewed="true") == {plans["reviewed"].pk}
    assert ids(area=pf.MUEANG, reviewed="false") == {plans["pending"].pk, plans["community"].pk}
    bad = client.get("village-plans", {"fiscal_year": 69, "reviewed": "maybe"})
    assert bad.status_code == 422
    assert {d["where"] for d in error_of(bad)["details"]} == {"query.fiscal_year", "query.reviewed"}


def test_communities_of_the_area(personas, plans):
    client = ApiClient(personas.district_officer)
    rows = client.get("communities").json()["results"]
    assert [(row["name_th"], row["number"], row["is_active"]) for row in rows] == [
        ("วัดใต้", 1, True),
        ("ริมน้ำ", 2, False),
    ]
    assert rows[0]["tambon_code"] == f.HUA_RUEA
    assert [row["name_th"] for row in client.get("communities", {"is_active": "true"}).json()["results"]] == [
        "วัดใต้"
    ]
    assert client.get("communities", {"area": f.NONG_KHON}).json()["count"] == 0


def test_plans_are_listed_in_constant_queries(personas, plans):
    client = ApiClient(personas.province_officer)
    client.get("village-plans")  # the token's last-used write happens once

    def queries(path: str) -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(path, {"page_size": 500}).status_code == 200
        return len(context)

    paths = ("village-plans", "communities")
    few = {path: queries(path) for path in paths}
    for moo in (4, 5, 6, 7):
        plan = f.plan(f.NONG_KHON, moo, forum=f.forum(f.NONG_KHON, moo), approved_on=APPROVED)
        f.item(plan)
        f.item(plan, "อีกรายการ", class_code="community")
        f.community(f.NONG_KHON, name=f"ชุมชน{moo}", number=moo)
    assert {path: queries(path) for path in paths} == few
    assert client.get("village-plans").json()["count"] == 9
