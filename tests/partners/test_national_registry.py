"""The Department and administrators read the registry of every province, narrowed by province, type and focus."""

import pytest
from django.urls import reverse

from tambonplan.accounts.models import Role
from tambonplan.partners.models import PartnerType
from tambonplan.planning.models import NeedCategory
from tests.conftest import make_user
from tests.partners.test_registry import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def department(db):
    return make_user("cdd_department", Role.DEPARTMENT)


@pytest.fixture
def two_provinces(personas):
    health = NeedCategory.objects.get(name_th="ด้านสาธารณสุข")
    register(
        personas.province_officer,
        "โรงพยาบาลสรรพสิทธิประสงค์",
        categories=[health.pk],
        partner_type=PartnerType.GOVERNMENT,
    )
    register(personas.province_officer, "มูลนิธิรักษ์อุบล")
    register(personas.outsider, "มูลนิธิศรีสะเกษพัฒนา", province="33")


def test_department_sees_every_province_with_the_province_named(personas, department, two_provinces):
    client = personas.client_for(department)
    response = client.get(reverse("partners:partner_list"))
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("โรงพยาบาลสรรพสิทธิประสงค์", "มูลนิธิรักษ์อุบล", "มูลนิธิศรีสะเกษพัฒนา"):
        assert name in html
    assert "ศรีสะเกษ</td>" in html and "อุบลราชธานี</td>" in html
    assert "ขึ้นทะเบียนภาคีใหม่" not in html  # the Department reads, it does not register


def test_department_narrows_by_province_type_and_focus(personas, department, two_provinces):
    client = personas.client_for(department)
    html = client.get(reverse("partners:partner_list"), {"province": "33"}).content.decode()
    assert "มูลนิธิศรีสะเกษพัฒนา" in html and "มูลนิธิรักษ์อุบล" not in html
    health = NeedCategory.objects.get(name_th="ด้านสาธารณสุข")
    html = client.get(reverse("partners:partner_list"), {"category": health.pk}).content.decode()
    assert "โรงพยาบาลสรรพสิทธิประสงค์" in html and "มูลนิธิรักษ์อุบล" not in html
    html = client.get(
        reverse("partners:partner_list"), {"partner_type": PartnerType.GOVERNMENT}
    ).content.decode()
    assert "โรงพยาบาลสรรพสิทธิประสงค์" in html and "มูลนิธิศรีสะเกษพัฒนา" not in html


def test_province_officer_still_sees_only_its_province(personas, two_provinces):
    html = (
        personas.client_for(personas.province_officer).get(reverse("partners:partner_list")).content.decode()
    )
    assert "มูลนิธิรักษ์อุบล" in html and "มูลนิธิศรีสะเกษพัฒนา" not in html
    assert 'name="province" value="34"' in html  # no province choice for a province's officer


def test_unknown_province_is_not_found(personas, department):
    response = personas.client_for(department).get(reverse("partners:partner_list"), {"province": "99"})
    assert response.status_code == 404


def test_long_registry_is_paged_and_keeps_the_filters(personas, department):
    for number in range(55):
        register(personas.province_officer, f"กลุ่มอาชีพบ้านที่ {number:02d}")
    client = personas.client_for(department)
    first = client.get(reverse("partners:partner_list"), {"q": "กลุ่มอาชีพ"}).content.decode()
    assert first.count("กลุ่มอาชีพบ้านที่") == 50
    assert "หน้า ๑ จาก ๒" in first or "หน้า 1 จาก 2" in first
    assert "q=%E0%B8%81" in first and "page=2" in first  # the next page keeps the search
    second = client.get(reverse("partners:partner_list"), {"q": "กลุ่มอาชีพ", "page": "2"}).content.decode()
    assert second.count("กลุ่มอาชีพบ้านที่") == 5
