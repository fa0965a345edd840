"""`manage.py load_areas`: every area of Thailand from geothai, idempotent, abolished areas kept inactive."""

import re
from io import StringIO

from django.core.management import call_command
from geothai.abolished import abolished_areas

from tambonplan.areas.models import BANGKOK_CODE, District, Province, Tambon

SUMMARY = re.compile(
    r"^provinces=77 districts=928 subdistricts=7436 created=0 updated=(\d+) unchanged=(\d+)$"
)


def load_areas() -> str:
    out = StringIO()
    call_command("load_areas", stdout=out)
    return out.getvalue().strip()


def test_reloading_changes_nothing_and_says_so(db):
    before = (Province.objects.count(), District.objects.count(), Tambon.objects.count())

    line = load_areas()

    match = SUMMARY.match(line)
    assert match, line
    assert match[1] == "0"
    assert int(match[2]) == sum(before) > 0
    assert (Province.objects.count(), District.objects.count(), Tambon.objects.count()) == before


def test_bangkok_is_outside_community_development_and_other_provinces_inside(db):
    assert Province.objects.get(code=BANGKOK_CODE).is_cd_area is False
    others = Province.objects.exclude(code=BANGKOK_CODE)
    assert others.count() == 76
    assert not others.filter(is_cd_area=False).exists()


def test_ubon_has_its_real_districts_and_tambons(db):
    ubon = Province.objects.get(code="34")
    assert ubon.name_th == "อุบลราชธานี"
    assert District.objects.active().filter(province=ubon).count() == 25
    assert Tambon.objects.active().filter(district__province=ubon).count() == 219
    assert Tambon.objects.get(code="340104").name_th == "หัวเรือ"


def test_abolished_subdistrict_is_kept_but_inactive(db):
    abolished = next(
        area
        for area in abolished_areas()
        if area.level == "subdistrict" and not Tambon.objects.filter(code=area.code, is_active=True).exists()
    )
    tambon = Tambon.objects.get(code=abolished.code)
    assert tambon.is_active is False
    assert tambon.name_th == abolished.name_th


def test_a_changed_name_is_restored_and_recorded_in_history(db):
    province = Province.objects.get(code="34")
    Province.objects.filter(code="34").update(name_th="ชื่อผิด")
    history_before = province.history.count()

    line = load_areas()

    match = SUMMARY.match(line)
    assert match, line
    assert match[1] == "1"
    province.refresh_from_db()
    assert province.name_th == "อุบลราชธานี"
    assert province.history.count() == history_before + 1
    latest = province.history.latest()
    assert latest.history_type == "~"
    assert latest.name_th == "อุบลราชธานี"
    assert latest.history_change_reason == "load_areas"

    assert SUMMARY.match(load_areas())[1] == "0"
