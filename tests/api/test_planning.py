"""Plans, steps, needs and projects through the API; project status and progress written with a token.

The issue's "done when": with a token, a script lists its district's projects and updates one's progress."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tambonplan.partners.models import ProgressOverride
from tambonplan.planning.models import Project
from tests.api.conftest import error_of
from tests.partners import funding_factories as ff
from tests.planning import factories as pf

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans():
    """Hua Ruea (Mueang) with two projects and a need; Warin's tambon with one project."""
    pf.set_due_dates()
    hua_ruea = pf.make_plan(pf.HUA_RUEA)
    pf.mark_done(hua_ruea, len(pf.steps(hua_ruea)))
    road = pf.add_project(hua_ruea, budgets={pf.fiscal_year(): "150000"})
    pf.add_project(hua_ruea, name="ฝึกอาชีพจักสาน", class_code="joint")
    pf.add_need(hua_ruea, village=pf.village())
    warin = pf.make_plan(pf.WARIN_TAMBON)
    pf.add_project(warin, name="ขุดลอกคลองวาริน")
    return {"hua_ruea": hua_ruea, "road": road, "warin": warin}


def test_script_lists_its_districts_projects_and_updates_ones_progress(api, personas, plans):
    client = api(personas.district_officer, write=True)
    listed = client.get("projects", {"area": "3401", "fiscal_year": pf.fiscal_year()})
    assert listed.status_code == 200
    names = {row["name"] for row in listed.json()["results"]}
    assert names == {"ก่อสร้างถนนคอนกรีตเสริมเหล็ก", "ฝึกอาชีพจักสาน"}
    road = next(row for row in listed.json()["results"] if row["id"] == plans["road"].pk)
    assert road["budgets"] == [{"fiscal_year": pf.fiscal_year(), "amount": "150000.00"}]
    assert road["progress_percent"] == 0

    updated = client.put(f"projects/{road['id']}/progress", {"percent": 40, "reason": "เทพื้นถนนแล้ว 2 ช่วง"})
    assert updated.status_code == 200
    assert updated.json()["percent"] == 40 and updated.json()["overridden"] is True
    assert ProgressOverride.objects.get(project=plans["road"]).percent == 40
    again = client.get(f"projects/{road['id']}").json()
    assert again["progress_percent"] == 40 and again["progress_overridden"] is True


def test_milestone_done_moves_the_percent_as_on_the_progress_page(api, personas, plans):
    first = ff.milestone(plans["road"], "ปรับพื้นที่", weight=30, order=1)
    ff.milestone(plans["road"], "เทคอนกรีต", weight=70, order=2)
    client = api(personas.tambon_officer, write=True)
    response = client.patch(
        f"projects/{plans['road'].pk}/milestones/{first.pk}", {"done_on": str(pf.today())}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["percent"] == 30 and body["computed_percent"] == 30
    assert [m["done_on"] for m in body["milestones"]] == [str(pf.today()), None]


def test_status_change_with_the_version_read_and_a_stale_one(api, personas, plans):
    client = api(personas.tambon_officer, write=True)
    project = client.get(f"projects/{plans['road'].pk}").json()
    changed = client.patch(
        f"projects/{project['id']}", {"status": "under_way", "version": project["version"]}
    )
    assert changed.status_code == 200
    assert changed.json()["status"] == "under_way" and changed.json()["status_label"] == "กำลังดำเนินการ"
    stale = client.patch(f"projects/{project['id']}", {"status": "done", "version": project["version"]})
    assert stale.status_code == 409
    assert error_of(stale)["code"] == "conflict"
    assert Project.objects.get(pk=project["id"]).status == "under_way"


def test_status_change_without_a_version_is_refused(api, personas, plans):
    """Issue 15: no last write wins; a write without the version read is refused (422), nothing changes."""
    client = api(personas.tambon_officer, write=True)
    road = plans["road"]

    response = client.patch(f"projects/{road.pk}", {"status": "done"})

    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "invalid_request"
    assert [d["where"] for d in error["details"]] == ["body.version"]
    assert Project.objects.get(pk=road.pk).status == "proposed"
    assert Project.objects.get(pk=road.pk).version == road.version


@pytest.mark.parametrize("header", ['"{v}"', "{v}", 'W/"{v}"'])
def test_status_change_with_the_version_in_if_match(api, personas, plans, header):
    client = api(personas.tambon_officer, write=True)
    project = client.get(f"projects/{plans['road'].pk}").json()
    read = header.format(v=project["version"])

    changed = client.patch(f"projects/{project['id']}", {"status": "under_way"}, headers={"If-Match": read})
    assert changed.status_code == 200
    assert changed.json()["status"] == "under_way"

    stale = client.patch(f"projects/{project['id']}", {"status": "done"}, headers={"If-Match": read})
    assert stale.status_code == 409
    assert error_of(stale)["code"] == "conflict"
    assert Project.objects.get(pk=project["id"]).status == "under_way"


@pytest.mark.parametrize(
    ("body", "header"),
    [({}, "*"), ({}, "abc"), ({}, '"0"'), ({"version": 1}, '"2"')],
    ids=["star", "not-a-number", "zero", "disagrees-with-body"],
)
def test_an_unusable_if_match_is_refused(api, personas, plans, body, header):
    client = api(personas.tambon_officer, write=True)

    response = client.patch(
        f"projects/{plans['road'].pk}", {"status": "done", **body}, headers={"If-Match": header}
    )

    assert response.status_code == 422
    assert [d["where"] for d in error_of(response)["details"]] == ["header.If-Match"]
    assert Project.objects.get(pk=plans["road"].pk).status == "proposed"


def test_projects_without_a_priority_are_listed_last(api, personas, plans):
    """Issue 15: an imported project without a priority comes after the ranked ones."""
    hua_ruea = plans["hua_ruea"]
    Project.objects.filter(plan=hua_ruea).update(priority=None)
    first = pf.add_project(hua_ruea, name="ลำดับหนึ่ง", priority=1)
    second = pf.add_project(hua_ruea, name="ลำดับสอง", priority=2)

    listed = api(personas.tambon_officer).get("projects", {"plan": hua_ruea.pk}).json()["results"]

    assert [row["id"] for row in listed][:2] == [first.pk, second.pk]
    assert {row["priority"] for row in listed[2:]} == {None}


def test_bad_status_is_named_and_nothing_changes(api, personas, plans):
    response = api(personas.tambon_officer, write=True).patch(
        f"projects/{plans['road'].pk}", {"status": "finished", "version": plans["road"].version}
    )
    assert response.status_code == 422
    error = error_of(response)
    assert error["details"][0]["where"] == "body.status"
    assert "ต้องเป็นค่าใดค่าหนึ่ง" in error["details"][0]["message"]
    assert Project.objects.get(pk=plans["road"].pk).status == "proposed"


def test_percent_out_of_range_and_missing_reason_are_refused(api, personas, plans):
    client = api(personas.tambon_officer, write=True)
    response = client.put(f"projects/{plans['road'].pk}/progress", {"percent": 140, "reason": ""})
    assert response.status_code == 422
    assert {d["where"] for d in error_of(response)["details"]} == {"body.percent", "body.reason"}
    assert not ProgressOverride.objects.exists()


def test_read_only_token_and_read_only_user_cannot_write(api, personas, plans):
    read_only = api(personas.district_officer).put(
        f"projects/{plans['road'].pk}/progress", {"percent": 10, "reason": "x"}
    )
    assert read_only.status_code == 403
    assert error_of(read_only)["message"] == "โทเค็นนี้ใช้อ่านข้อมูลได้อย่างเดียว"
    viewer = api(personas.viewer).patch(
        f"projects/{plans['road'].pk}", {"status": "done", "version": plans["road"].version}
    )
    assert viewer.status_code == 403
    assert not ProgressOverride.objects.exists()
    assert Project.objects.get(pk=plans["road"].pk).status == "proposed"


def test_other_district_and_outsider_get_404(api, personas, plans):
    for user in (personas.other_district_officer, personas.outsider):
        client = api(user, write=True)
        assert client.get(f"projects/{plans['road'].pk}").status_code == 404
        assert (
            client.put(f"projects/{plans['road'].pk}/progress", {"percent": 1, "reason": "x"}).status_code
            == 404
        )
        assert client.get(f"plans/{plans['hua_ruea'].pk}").status_code == 404
    warin = api(personas.other_district_officer).get("projects").json()
    assert [row["name"] for row in warin["results"]] == ["ขุดลอกคลองวาริน"]


def test_plans_show_the_progress_pages_done(api, personas, plans):
    body = api(personas.province_officer).get("plans", {"fiscal_year": pf.fiscal_year()}).json()
    by_tambon = {row["tambon_code"]: row for row in body["results"]}
    assert by_tambon["340104"]["is_done"] is True
    assert by_tambon["340104"]["steps_done"] == by_tambon["340104"]["steps_total"] > 0
    assert by_tambon["341501"]["is_done"] is False
    steps = api(personas.province_officer).get(f"plans/{plans['hua_ruea'].pk}/steps").json()
    assert len(steps) == by_tambon["340104"]["steps_total"]
    assert all(step["status"] == "done" for step in steps)


def test_filters_by_status_class_and_year(api, personas, plans):
    client = api(personas.province_officer)
    joint = client.get("projects", {"project_class": "joint"}).json()
    assert [row["name"] for row in joint["results"]] == ["ฝึกอาชีพจักสาน"]
    assert client.get("projects", {"status": "done"}).json()["count"] == 0
    assert client.get("projects", {"fiscal_year": pf.fiscal_year() - 1}).json()["count"] == 0
    needs = client.get("needs", {"area": pf.HUA_RUEA}).json()
    assert needs["count"] == 1 and needs["results"][0]["village_code"] == pf.village().code


def test_project_list_queries_do_not_grow_with_rows(api, personas, plans):
    client = api(personas.province_officer)
    client.get("projects")  # token last-used write happens once

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get("projects", {"page_size": 500}).status_code == 200
        return len(context)

    few = queries()
    for n in range(12):
        project = pf.add_project(plans["hua_ruea"], name=f"โครงการ {n}", budgets={pf.fiscal_year(): "1000"})
        project.villages.add(pf.village())
        ff.milestone(project, "เริ่ม", weight=100)
    assert queries() == few
