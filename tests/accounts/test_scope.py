"""Which areas and records each persona may see: `scope_of`, `Scope.contains` and `.in_scope()`."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from tambonplan.accounts.models import Role, User
from tambonplan.accounts.scope import (
    DISTRICT,
    NATION,
    NOTHING,
    PROVINCE,
    TAMBONS,
    Scope,
    may_change,
    may_view,
    require_change,
    require_view,
    scope_of,
)
from tambonplan.areas.models import District, Province, Tambon, Village
from tests.conftest import make_user

MUEANG_TAMBONS = 12
UBON_DISTRICTS = 25
UBON_TAMBONS = 219


def fresh(user: User) -> User:
    """The user read again, without a cached scope."""
    return User.objects.get(pk=user.pk)


def test_scope_of_each_persona(personas):
    assert scope_of(personas.province_officer) == Scope(PROVINCE, "34")
    assert scope_of(personas.district_officer) == Scope(DISTRICT, "34", "3401")
    assert scope_of(personas.tambon_officer) == Scope(TAMBONS, "34", "3401", frozenset({"340104", "340105"}))
    assert scope_of(personas.other_district_officer) == Scope(DISTRICT, "34", "3415")
    assert scope_of(personas.viewer) == Scope(PROVINCE, "34")
    assert scope_of(personas.outsider) == Scope(PROVINCE, "33")


def test_national_users_see_the_nation(db):
    assert scope_of(make_user("dept", Role.DEPARTMENT)).level == NATION
    assert scope_of(make_user("admin_user", Role.ADMIN)).level == NATION
    assert scope_of(make_user("national_viewer", Role.VIEWER)).level == NATION
    superuser = User.objects.create_superuser("root", password="x-Password-2569")
    assert scope_of(superuser).level == NATION


def test_users_without_an_area_see_nothing(db):
    assert scope_of(AnonymousUser()).level == NOTHING
    assert scope_of(make_user("no_tambons", Role.TAMBON, district="3401")).level == NOTHING
    assert scope_of(make_user("no_district", Role.DISTRICT)).level == NOTHING
    assert scope_of(make_user("no_province", Role.PROVINCE)).level == NOTHING


CODES = ["34", "33", "3401", "3415", "3301", "340104", "340101", "341501", "34010401", "34010101", "34150101"]


@pytest.mark.parametrize(
    ("persona", "inside"),
    [
        ("province_officer", set(code for code in CODES if code.startswith("34"))),
        ("viewer", set(code for code in CODES if code.startswith("34"))),
        ("outsider", {"33", "3301"}),
        ("district_officer", {"34", "3401", "340104", "340101", "34010401", "34010101"}),
        ("other_district_officer", {"34", "3415", "341501", "34150101"}),
        ("tambon_officer", {"34", "3401", "340104", "34010401"}),
    ],
)
def test_scope_contains_codes_at_every_level(personas, persona, inside):
    scope = scope_of(getattr(personas, persona))
    assert {code for code in CODES if scope.contains(code)} == inside


def test_nation_contains_everything_and_nothing_contains_nothing():
    assert all(Scope(NATION).contains(code) for code in CODES)
    assert not any(Scope(NOTHING).contains(code) for code in CODES)


def test_provinces_in_scope(personas):
    assert list(Province.objects.in_scope(personas.province_officer).values_list("code", flat=True)) == ["34"]
    assert list(Province.objects.in_scope(personas.district_officer).values_list("code", flat=True)) == ["34"]
    assert list(Province.objects.in_scope(personas.tambon_officer).values_list("code", flat=True)) == ["34"]
    assert list(Province.objects.in_scope(personas.outsider).values_list("code", flat=True)) == ["33"]
    assert Province.objects.in_scope(make_user("dept", Role.DEPARTMENT)).count() == 77


def test_districts_in_scope(personas):
    province_districts = District.objects.in_scope(personas.province_officer).active()
    assert province_districts.count() == UBON_DISTRICTS
    assert not province_districts.exclude(province_id="34").exists()
    for user in (personas.district_officer, personas.tambon_officer):
        assert list(District.objects.in_scope(user).values_list("code", flat=True)) == ["3401"]
    assert not District.objects.in_scope(personas.outsider).filter(province_id="34").exists()


def test_tambons_in_scope(personas):
    assert Tambon.objects.in_scope(personas.province_officer).active().count() == UBON_TAMBONS
    district_tambons = Tambon.objects.in_scope(personas.district_officer).active()
    assert district_tambons.count() == MUEANG_TAMBONS
    assert set(district_tambons.values_list("district_id", flat=True)) == {"3401"}
    assert list(Tambon.objects.in_scope(personas.tambon_officer).values_list("code", flat=True)) == [
        "340104",
        "340105",
    ]
    assert not Tambon.objects.in_scope(personas.outsider).filter(district__province_id="34").exists()


def test_villages_in_scope(personas, ubon_villages):
    def codes(user):
        return set(Village.objects.in_scope(user).values_list("tambon_id", flat=True))

    assert Village.objects.in_scope(personas.province_officer).count() == 12
    assert Village.objects.in_scope(personas.viewer).count() == 12
    assert codes(personas.district_officer) == {"340104", "340105"}
    assert codes(personas.tambon_officer) == {"340104", "340105"}
    assert codes(personas.other_district_officer) == {"341501", "341502"}
    assert Village.objects.in_scope(personas.other_district_officer).count() == 6
    assert Village.objects.in_scope(personas.outsider).count() == 0


def test_users_in_scope(personas):
    def names(user):
        return set(User.objects.in_scope(user).values_list("username", flat=True))

    assert names(personas.province_officer) == {
        "ubon_province",
        "mueang_district",
        "huaruea_tambon",
        "warin_district",
        "ubon_viewer",
    }
    assert names(personas.district_officer) == {"mueang_district", "huaruea_tambon"}
    assert names(personas.other_district_officer) == {"warin_district"}
    assert names(personas.outsider) == {"sisaket_province"}


def test_inactive_user_sees_nothing(personas, ubon_villages):
    User.objects.filter(pk=personas.province_officer.pk).update(is_active=False)
    user = fresh(personas.province_officer)

    assert scope_of(user).level == NOTHING
    for model in (Province, District, Tambon, Village, User):
        assert not model.objects.in_scope(user).exists(), model.__name__
    assert not may_view(user, ubon_villages[0])


def test_may_view_and_may_change(personas, ubon_villages):
    hua_ruea_village = Village.objects.get(code="34010401")
    warin_village = Village.objects.get(code="34150101")

    assert may_view(personas.viewer, hua_ruea_village)
    assert not may_change(personas.viewer, hua_ruea_village)
    assert may_change(personas.tambon_officer, hua_ruea_village)
    assert not may_view(personas.tambon_officer, warin_village)

    with pytest.raises(PermissionDenied):
        require_change(personas.viewer, hua_ruea_village)
    with pytest.raises(Http404):
        require_change(personas.district_officer, warin_village)
    with pytest.raises(Http404):
        require_view(personas.outsider, hua_ruea_village)
    require_change(personas.district_officer, hua_ruea_village)


def test_officers_see_but_do_not_change_the_areas_above_them(personas):
    ubon = Province.objects.get(code="34")
    mueang = District.objects.get(code="3401")
    hua_ruea = Tambon.objects.get(code="340104")

    assert may_view(personas.district_officer, ubon) and not may_change(personas.district_officer, ubon)
    assert may_change(personas.district_officer, mueang) and may_change(personas.district_officer, hua_ruea)
    assert may_view(personas.tambon_officer, mueang) and not may_change(personas.tambon_officer, mueang)
    assert may_change(personas.tambon_officer, hua_ruea)
    assert may_change(personas.province_officer, ubon)
