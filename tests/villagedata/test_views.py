"""The village-data pages: the village's results, its tambon, the catalogue; another district's village is not
found; the plan page shows each village's failing indicators beside the needs."""

import pytest

from tambonplan.planning.models import TambonPlan
from tambonplan.thai.dates import current_fiscal_year
from tambonplan.villagedata.demo import seed_village_data
from tambonplan.villagedata.models import IndicatorResult
from tests.villagedata.factories import add_jpt, add_kch2k

V1 = "34010401"


@pytest.fixture
def results(ubon_villages):
    year = current_fiscal_year() - 1
    add_jpt([V1, year, "14", 90, 120], [V1, year, "31", 120, 120])
    add_kch2k([V1, year, "1.1", 1], [V1, year, "1.2", 2])
    return year


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_village_page_shows_every_result(results, personas):
    text = page(personas.client_for(personas.tambon_officer), f"/village-data/village/{V1}/")

    assert "ครัวเรือนมีน้ำสะอาดสำหรับดื่มและบริโภคเพียงพอตลอดปี" in text
    assert "90/120 (75%)" in text  # the full list
    assert "ผ่าน 90/120 ครัวเรือน" in text  # the failing summary
    assert "กชช.2ค ระดับ 1 → แนะนำความรุนแรง 5" in text
    assert "กชช.2ค ระดับ 2 → แนะนำความรุนแรง 3" in text
    assert 'id="severity-suggestions"' in text


@pytest.mark.parametrize("persona", ["other_district_officer", "outsider"])
def test_another_areas_village_is_not_found(results, personas, persona):
    client = personas.client_for(getattr(personas, persona))

    assert client.get(f"/village-data/village/{V1}/").status_code == 404
    assert client.get("/village-data/tambon/340104/").status_code == 404


def test_the_tambon_page_lists_its_villages(results, personas):
    text = page(personas.client_for(personas.district_officer), "/village-data/tambon/340104/")

    assert f'data-village-indicators="{V1}"' in text
    assert "ยังไม่มีข้อมูล จปฐ./กชช.2ค" in text  # หมู่ที่ 2 and 3


def test_the_index_counts_per_tambon(results, personas):
    text = page(personas.client_for(personas.district_officer), "/village-data/")

    assert 'data-tambon="340104"' in text
    assert 'data-tambon="341501"' not in text


def test_the_catalogue_says_it_is_editable_and_unconfirmed(db, personas):
    text = page(personas.client_for(personas.viewer), "/village-data/indicators/")

    assert "ยังไม่ได้ตรวจทานกับเอกสารของกรมการพัฒนาชุมชน" in text
    assert "ครอบครัวมีความอบอุ่น" in text


def test_the_import_page_is_for_editors(db, personas):
    assert personas.client_for(personas.viewer).get("/village-data/import/").status_code == 403
    assert personas.client_for(personas.tambon_officer).get("/village-data/import/").status_code == 200


def test_the_plan_page_shows_failing_indicators_beside_the_needs(results, personas):
    plan = TambonPlan.objects.create(tambon_id="340104", fiscal_year=current_fiscal_year())

    text = page(personas.client_for(personas.tambon_officer), f"/planning/plan/{plan.pk}/")

    section = text[text.index('id="village-indicators"') :]
    assert f'data-village-indicators="{V1}"' in section
    assert 'data-indicator="jpt-14"' in section
    assert 'data-indicator="jpt-31"' not in section  # passed
    assert "กชช.2ค ระดับ 1 → แนะนำความรุนแรง 5" in section
    assert text.index('id="need-table"') < text.index('id="village-indicators"')


def test_the_plan_page_of_a_tambon_without_data_says_so(ubon_villages, personas):
    plan = TambonPlan.objects.create(tambon_id="340105", fiscal_year=current_fiscal_year())

    text = page(personas.client_for(personas.district_officer), f"/planning/plan/{plan.pk}/")

    assert 'data-village-indicators-empty="1"' in text


def test_the_demo_gives_every_hua_ruea_village_a_few_failing_indicators(ubon_villages):
    assert seed_village_data() > 0
    assert seed_village_data() == 0  # idempotent

    for code in ("34010401", "34010402", "34010403"):
        failing = IndicatorResult.objects.filter(village__code=code, passed=False, year=2569).count()
        assert 2 <= failing <= 4
