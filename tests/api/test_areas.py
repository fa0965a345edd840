"""Areas through the API: each persona sees its own scope, lists page, outsiders get 404."""

import pytest

from tests.api.conftest import error_of

pytestmark = pytest.mark.django_db


def test_district_officer_lists_the_tambons_of_its_district(api, personas):
    response = api(personas.district_officer).get("areas/tambons", {"page_size": 500})
    assert response.status_code == 200
    body = response.json()
    codes = [row["code"] for row in body["results"]]
    assert codes and all(code.startswith("3401") for code in codes)
    assert body["count"] == len(codes)
    assert "340104" in codes


def test_lists_are_paged(api, personas):
    client = api(personas.province_officer)
    first = client.get("areas/tambons", {"page_size": 10}).json()
    second = client.get("areas/tambons", {"page": 2, "page_size": 10}).json()
    assert first["page_size"] == 10 and len(first["results"]) == 10
    assert first["pages"] == -(-first["count"] // 10)
    assert not {r["code"] for r in first["results"]} & {r["code"] for r in second["results"]}
    assert all(row["code"].startswith("34") for row in first["results"])


def test_area_filter_narrows_to_a_district(api, personas):
    body = api(personas.province_officer).get("areas/tambons", {"area": "3415", "page_size": 500}).json()
    assert body["count"] > 0
    assert all(row["district_code"] == "3415" for row in body["results"])


def test_another_provinces_area_answers_404_in_the_one_format(api, personas):
    response = api(personas.outsider).get("areas/districts/3401")
    assert response.status_code == 404
    error = error_of(response)
    assert error["code"] == "not_found"
    assert "ไม่พบข้อมูล" in error["message"]


def test_bad_parameter_names_the_parameter_in_thai(api, personas):
    response = api(personas.province_officer).get("areas/tambons", {"page": "x", "area": "34a"})
    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "invalid_request"
    places = {detail["where"] for detail in error["details"]}
    assert places == {"query.page", "query.area"}
    assert "ต้องเป็นจำนวนเต็ม" in [d["message"] for d in error["details"] if d["where"] == "query.page"]


def test_unknown_address_and_method_answer_in_the_one_format(api, personas):
    client = api(personas.province_officer)
    missing = client.get("no-such-thing")
    assert missing.status_code == 404 and error_of(missing)["code"] == "not_found"
    not_allowed = client.delete("areas/tambons")
    assert not_allowed.status_code == 405 and error_of(not_allowed)["code"] == "method_not_allowed"
