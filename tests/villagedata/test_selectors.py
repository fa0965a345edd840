"""Which indicators a village fails: the results of its latest survey year not after the year asked for, per
survey; กชช.2ค level 2 is a warning, and its level suggests a need's severity."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tambonplan.areas.models import Village
from tambonplan.villagedata import scales, selectors
from tests.villagedata.factories import add_jpt, add_kch2k

V1, V2, V3 = "34010401", "34010402", "34010403"


def codes(entry) -> list[str]:
    return [result.indicator.code for result in entry.items]


def test_the_latest_year_not_after_the_given_one_decides(ubon_villages):
    add_jpt(
        [V1, 2566, "14", 50, 100],  # failed in 2566 ...
        [V1, 2568, "14", 100, 100],  # ... fixed by 2568
        [V1, 2568, "28", 70, 100],
        [V1, 2570, "28", 100, 100],  # a later survey than the year asked for
    )
    village = Village.objects.get(code=V1)

    entry = selectors.failing_by_village([village], 2569)[village.pk]
    assert entry.jpt_year == 2568
    assert codes(entry) == ["28"]
    assert entry.items[0].percent == Decimal("70.00")

    assert codes(selectors.failing_by_village([village], 2567)[village.pk]) == ["14"]
    assert codes(selectors.failing_by_village([village], 2570)[village.pk]) == []
    assert selectors.failing_by_village([village], 2565) == {}


def test_each_survey_has_its_own_latest_year(ubon_villages):
    add_jpt([V1, 2569, "14", 50, 100])
    add_kch2k([V1, 2566, "1.1", 1], [V1, 2568, "1.1", 2], [V1, 2568, "1.2", 1], [V1, 2568, "1.3", 3])
    village = Village.objects.get(code=V1)

    entry = selectors.failing_by_village(Village.objects.filter(code=V1), 2570)[village.pk]

    assert (entry.jpt_year, entry.kch2k_year) == (2569, 2568)
    assert [r.indicator.code for r in entry.failing] == ["14", "1.2"]
    assert [r.indicator.code for r in entry.warnings] == ["1.1"]
    assert [r.suggested_severity for r in entry.items] == [None, 5, 3]


def test_villages_without_results_are_left_out_and_queries_stay_constant(ubon_villages):
    add_jpt([V1, 2568, "14", 50, 100], [V2, 2568, "14", 100, 100])
    villages = list(Village.objects.filter(tambon_id="340104"))

    with CaptureQueriesContext(connection) as captured:
        found = selectors.failing_by_village(villages, 2568)
    assert len(captured) == 2

    by_code = {v.code: found.get(v.pk) for v in villages}
    assert codes(by_code[V1]) == ["14"]
    assert codes(by_code[V2]) == []  # surveyed, all passing
    assert by_code[V3] is None


def test_a_user_sees_only_the_results_of_their_area(ubon_villages, personas):
    add_jpt([V1, 2568, "14", 50, 100])
    village = Village.objects.get(code=V1)

    assert selectors.failing_of(personas.tambon_officer, village, 2568) is not None
    assert selectors.failing_of(personas.other_district_officer, village, 2568) is None


def test_severity_suggestions_most_severe_first(ubon_villages, personas):
    add_kch2k([V1, 2568, "1.1", 2], [V1, 2568, "2.1", 1], [V1, 2568, "1.2", 3])
    village = Village.objects.get(code=V1)

    suggestions = selectors.severity_suggestions(personas.district_officer, village, 2569)

    assert [(s.result.indicator.code, s.severity) for s in suggestions] == [("2.1", 5), ("1.1", 3)]


def test_tambon_rows_count_villages_with_failing_indicators(ubon_villages, personas):
    add_jpt([V1, 2568, "14", 50, 100], [V1, 2568, "15", 50, 100], [V2, 2568, "14", 100, 100])

    rows = {row.tambon.code: row for row in selectors.tambon_rows(personas.district_officer, 2569)}

    hua_ruea = rows["340104"]
    assert (hua_ruea.villages, hua_ruea.with_data, hua_ruea.with_failing, hua_ruea.failing) == (3, 2, 1, 2)
    assert "341501" not in rows  # Warin Chamrap is another district


def test_the_scales():
    assert scales.jpt_passes(100, 100) is True
    assert scales.jpt_passes(99, 100) is False
    assert scales.jpt_passes(80, 100, Decimal("80")) is True
    assert scales.jpt_passes(99_999, 100_000) is False
    assert scales.jpt_percent(2, 3) == Decimal("66.67")
    assert [scales.kch2k_passes(level) for level in (1, 2, 3)] == [False, True, True]
    assert [scales.suggested_severity(level) for level in (1, 2, 3, None)] == [5, 3, None, None]
    assert scales.kch2k_label(1) == "ปัญหามาก (ระดับ 1)"
