"""Circulars, district reports and reporting rates through the API; the district writes its draft."""

from decimal import Decimal

import pytest

from tambonplan.reports.models import DistrictReport, FigureOverride, InstructionResult, ReportItem
from tests.api.conftest import error_of
from tests.reports import factories as rf

pytestmark = pytest.mark.django_db


@pytest.fixture
def circular():
    return rf.circular()


def test_district_sees_the_circular_starts_and_writes_its_draft(api, personas, circular):
    client = api(personas.district_officer, write=True)
    listed = client.get("circulars").json()
    assert [row["id"] for row in listed["results"]] == [circular.pk]
    detail = client.get(f"circulars/{circular.pk}").json()
    first = detail["instructions"][0]

    started = client.post(f"circulars/{circular.pk}/report")
    assert started.status_code == 201
    report = started.json()
    assert report["state"] == "draft" and report["district_code"] == "3401"
    assert client.post(f"circulars/{circular.pk}/report").status_code == 200  # the same draft again
    assert DistrictReport.objects.count() == 1

    figure = report["content"]["sections"][0]["figures"][0]
    saved = client.patch(
        f"reports/{report['id']}",
        {
            "revision": report["revision"],
            "results": [{"instruction_id": first["id"], "status": "done", "narrative": "อบรมครบทุกตำบล"}],
            "figures": [
                {
                    "key": figure["key"],
                    "value": str(Decimal(figure["computed"]) + 5),
                    "reason": "นับรวมผู้สังเกตการณ์",
                }
            ],
            "reporter": {
                "name": "นางสาวสมศรี รายงานดี",
                "position": "พัฒนาการอำเภอ",
                "report_date": "2026-11-20",
            },
        },
    )
    assert saved.status_code == 200, saved.json()
    body = saved.json()
    section = body["content"]["sections"][0]
    assert section["status"] == "done" and section["narrative"] == "อบรมครบทุกตำบล"
    assert Decimal(section["figures"][0]["override"]) == Decimal(figure["computed"]) + 5
    assert body["content"]["reporter"]["name"] == "นางสาวสมศรี รายงานดี"
    assert InstructionResult.objects.get().narrative == "อบรมครบทุกตำบล"

    added = client.post(
        f"reports/{report['id']}/items",
        {"kind": "suggestion", "category": "budget", "text": "ขอสนับสนุนงบจัดเวที", "addressed_to": "department"},
    )
    assert added.status_code == 201
    assert (
        client.get(f"reports/{report['id']}").json()["content"]["suggestions"][0]["text"] == "ขอสนับสนุนงบจัดเวที"
    )
    assert client.delete(f"reports/{report['id']}/items/{added.json()['id']}").status_code == 204
    assert not ReportItem.objects.exists()


def test_override_without_reason_is_refused_in_thai_and_nothing_saved(api, personas, circular):
    client = api(personas.district_officer, write=True)
    report = client.post(f"circulars/{circular.pk}/report").json()
    figure = report["content"]["sections"][0]["figures"][0]
    response = client.patch(
        f"reports/{report['id']}",
        {"revision": report["revision"], "figures": [{"key": figure["key"], "value": "999", "reason": ""}]},
    )
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "invalid" and "ต้องระบุเหตุผล" in error["message"]
    assert not FigureOverride.objects.exists()


def test_stale_revision_is_a_conflict(api, personas, circular):
    client = api(personas.district_officer, write=True)
    report = client.post(f"circulars/{circular.pk}/report").json()
    client.patch(f"reports/{report['id']}", {"revision": report["revision"], "reporter": {"name": "ก"}})
    stale = client.patch(
        f"reports/{report['id']}", {"revision": report["revision"], "reporter": {"name": "ข"}}
    )
    assert stale.status_code == 409 and error_of(stale)["code"] == "conflict"
    assert DistrictReport.objects.get().reporter_name == "ก"


def test_submitted_report_is_not_editable_through_the_api(api, personas, circular):
    version = rf.submitted(personas.district_officer, circular)
    client = api(personas.district_officer, write=True)
    report = client.get(f"reports/{version.report_id}").json()
    assert report["state"] == "submitted" and [v["number"] for v in report["versions"]] == [1]
    response = client.patch(
        f"reports/{report['id']}", {"revision": report["revision"], "reporter": {"name": "x"}}
    )
    assert response.status_code == 400
    assert "แก้ไขไม่ได้" in error_of(response)["message"]
    assert client.get(f"reports/{report['id']}/versions/1").json()["reporter"]["name"] == "นางสาวสมศรี รายงานดี"


def test_who_sees_and_writes_reports(api, personas, circular):
    version = rf.submitted(personas.district_officer, circular)
    report_id = version.report_id
    assert api(personas.province_officer).get(f"reports/{report_id}").status_code == 200
    assert api(personas.other_district_officer).get(f"reports/{report_id}").status_code == 404
    assert api(personas.outsider).get(f"reports/{report_id}").status_code == 404
    assert api(personas.tambon_officer).get("reports").json()["count"] == 0
    # The province reviews, it does not write the district's draft.
    province = api(personas.province_officer, write=True)
    refused = province.post(
        f"reports/{report_id}/items", {"kind": "problem", "category": "time", "text": "ช้า"}
    )
    assert refused.status_code == 403 and error_of(refused)["code"] == "forbidden"
    # Phones: the viewer sees the reporter's name only.
    assert api(personas.viewer).get(f"reports/{report_id}").json()["content"]["reporter"]["phone"] is None
    assert (
        api(personas.province_officer).get(f"reports/{report_id}").json()["content"]["reporter"]["phone"]
        == "045-123456"
    )


def test_rates_are_the_province_pages_numbers(api, personas, circular):
    rf.submitted(personas.district_officer, circular, at=rf.bangkok(rf.DUE, 23, 59, 59))
    body = api(personas.province_officer).get(f"circulars/{circular.pk}/rates").json()
    assert (body["expected"], body["submitted"], body["on_time"], body["missing"]) == (2, 1, 1, 1)
    assert {row["district_code"]: row["submitted"] for row in body["districts"]} == {
        "3401": True,
        "3415": False,
    }
    # Rates are the province's: the districts get 404.
    assert api(personas.district_officer).get(f"circulars/{circular.pk}/rates").status_code == 404


def test_reports_filter_by_state_and_circular(api, personas, circular):
    rf.submitted(personas.district_officer, circular)
    rf.filled_report(personas.other_district_officer, circular, district="3415")
    client = api(personas.province_officer)
    assert client.get("reports", {"state": "submitted"}).json()["count"] == 1
    assert client.get("reports", {"state": "draft"}).json()["results"][0]["district_code"] == "3415"
    assert client.get("reports", {"circular": circular.pk + 100}).json()["count"] == 0
    assert client.get("reports", {"area": "3415"}).json()["count"] == 1
