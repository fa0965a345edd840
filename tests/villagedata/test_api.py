"""Village data through the API: the indicator catalogue, and the results of the villages of the caller's area
as on the village pages (a partner's users find nothing), filters, constant queries."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tambonplan.villagedata.models import Indicator, IndicatorResult
from tests.api.conftest import ApiClient, error_of
from tests.partners import funding_factories as pff
from tests.security.matrix import make_partner_user
from tests.villagedata.factories import add_jpt, add_kch2k

pytestmark = pytest.mark.django_db
V1, V2 = "34010401", "34010402"  # Hua Ruea
NONG_KHON_1 = "34010501"
WARIN_1 = "34150101"


@pytest.fixture
def results(ubon_villages):
    add_jpt([V1, 2568, "14", 50, 100], [V1, 2568, "28", 100, 100], [V2, 2568, "14", 100, 100])
    add_jpt([V1, 2566, "14", 40, 100], [WARIN_1, 2568, "14", 10, 20])
    add_kch2k([V1, 2568, "1.1", 2], [NONG_KHON_1, 2568, "1.2", 1])
    return {
        (r.village.code, r.year, r.indicator.code): r
        for r in IndicatorResult.objects.select_related("village", "indicator")
    }


def _rows(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def _keys(response) -> set[tuple]:
    return {(row["village_code"], row["year"], row["indicator_code"]) for row in _rows(response)}


def test_the_district_officer_reads_its_villages_results(personas, results):
    rows = _rows(ApiClient(personas.district_officer).get("indicator-results"))
    assert [(row["village_code"], row["year"], row["indicator_code"]) for row in rows] == [
        (V1, 2568, "14"),
        (V1, 2568, "28"),
        (V1, 2568, "1.1"),
        (V1, 2566, "14"),
        (V2, 2568, "14"),
        (NONG_KHON_1, 2568, "1.2"),
    ]
    water = rows[0]
    assert (water["tambon_code"], water["moo"], water["survey"]) == ("340104", 1, "jpt")
    assert water["indicator_id"] == results[(V1, 2568, "14")].indicator_id
    assert water["indicator_name"] == "ครัวเรือนมีน้ำสะอาดสำหรับดื่มและบริโภคเพียงพอตลอดปี"
    assert (water["households_passed"], water["households_surveyed"]) == (50, 100)
    assert Decimal(water["percent"]) == Decimal(50) and water["level"] is None
    assert (water["passed"], water["is_warning"], water["suggested_severity"]) == (False, False, None)
    road = rows[2]
    assert (road["survey"], road["level"], road["percent"]) == ("kch2k", 2, None)
    assert (road["passed"], road["is_warning"], road["suggested_severity"]) == (True, True, 3)

    result = results[(NONG_KHON_1, 2568, "1.2")]
    detail = ApiClient(personas.tambon_officer).get(f"indicator-results/{result.pk}")
    assert detail.status_code == 200
    assert detail.json() == rows[5]
    assert (detail.json()["passed"], detail.json()["suggested_severity"]) == (False, 5)


def test_other_districts_provinces_and_partners_see_nothing_of_mueang(personas, results):
    other = ApiClient(personas.other_district_officer)
    assert _keys(other.get("indicator-results")) == {(WARIN_1, 2568, "14")}
    hidden = other.get(f"indicator-results/{results[(V1, 2568, '14')].pk}")
    assert hidden.status_code == 404 and error_of(hidden)["code"] == "not_found"
    outsider = ApiClient(personas.outsider)
    assert _keys(outsider.get("indicator-results", {"area": "34"})) == set()
    assert outsider.get(f"indicator-results/{results[(WARIN_1, 2568, '14')].pk}").status_code == 404
    # A partner's user has no token; signed in, it reads nothing of the offices' own data, as on the pages.
    partner = personas.client_for(make_partner_user(pff.partner()))
    assert partner.get("/api/v1/indicator-results").json()["count"] == 0
    assert partner.get("/api/v1/indicators").json()["count"] == 0
    assert partner.get("/village-data/indicators/").status_code == 404


def test_result_filters(personas, results):
    client = ApiClient(personas.province_officer)
    assert len(_keys(client.get("indicator-results"))) == 7
    assert _keys(client.get("indicator-results", {"area": "3415"})) == {(WARIN_1, 2568, "14")}
    assert _keys(client.get("indicator-results", {"area": "340105"})) == {(NONG_KHON_1, 2568, "1.2")}
    assert _keys(client.get("indicator-results", {"village": V2})) == {(V2, 2568, "14")}
    assert _keys(client.get("indicator-results", {"year": 2566})) == {(V1, 2566, "14")}
    assert _keys(client.get("indicator-results", {"survey": "kch2k"})) == {
        (V1, 2568, "1.1"),
        (NONG_KHON_1, 2568, "1.2"),
    }
    failing = {(V1, 2568, "14"), (V1, 2566, "14"), (WARIN_1, 2568, "14"), (NONG_KHON_1, 2568, "1.2")}
    assert _keys(client.get("indicator-results", {"passed": "false"})) == failing
    water = results[(V1, 2568, "14")].indicator_id
    assert _keys(client.get("indicator-results", {"indicator": water, "area": "340104", "year": 2568})) == {
        (V1, 2568, "14"),
        (V2, 2568, "14"),
    }
    bad = client.get("indicator-results", {"village": "3401", "survey": "jpt2", "year": 68})
    assert bad.status_code == 422
    assert {d["where"] for d in error_of(bad)["details"]} == {"query.village", "query.survey", "query.year"}


def test_the_catalogue_by_survey_and_period(personas):
    Indicator.objects.create(
        survey="jpt", period="2561-2565", code="1", name_th="เด็กแรกเกิดมีน้ำหนัก", group_th="หมวด 1"
    )
    client = ApiClient(personas.viewer)
    everything = client.get("indicators", {"page_size": 500}).json()
    assert everything["count"] == Indicator.objects.count()
    jpt = _rows(client.get("indicators", {"survey": "jpt", "period": "2566-2570", "page_size": 500}))
    assert len(jpt) == Indicator.objects.filter(survey="jpt", period="2566-2570").count() > 0
    water = next(row for row in jpt if row["code"] == "14")
    assert (water["survey"], water["survey_label"], water["group"]) == ("jpt", "จปฐ.", "หมวดที่ 2 สภาพแวดล้อม")
    assert water["criterion"] == "อย่างน้อยคนละ 5 ลิตรต่อวัน" and Decimal(water["target_percent"]) == 100
    old = _rows(client.get("indicators", {"period": "2561-2565"}))
    assert [row["name_th"] for row in old] == ["เด็กแรกเกิดมีน้ำหนัก"]
    bad = client.get("indicators", {"period": "66-70"})
    assert bad.status_code == 422 and error_of(bad)["details"][0]["where"] == "query.period"


def test_results_are_listed_in_constant_queries(personas, results):
    client = ApiClient(personas.province_officer)
    client.get("indicator-results")  # the token's last-used write happens once

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get("indicator-results", {"page_size": 500}).status_code == 200
        return len(context)

    few = queries()
    add_jpt(
        *[[code, 2569, indicator, 90, 100] for code in (V1, V2, NONG_KHON_1) for indicator in ("14", "28")]
    )
    add_kch2k(*[[code, 2569, "1.1", 1] for code in (V1, V2, WARIN_1)])
    assert client.get("indicator-results").json()["count"] == 16
    assert queries() == few
