"""The area pages: the figures each persona sees, drill-down, who may see and change what."""

import re

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tambonplan.accounts.models import Role
from tambonplan.areas.models import Tambon, Village
from tests.conftest import make_user

HUA_RUEA = "340104"
NONG_KHON = "340105"
NAI_MUEANG = "340101"
HUA_RUEA_MOO_1 = "34010401"
WARIN_MOO_1 = "34150101"


def figure(response, name: str) -> str:
    """The number shown in a summary card, e.g. figure(response, "villages") -> "12"."""
    match = re.search(rf'data-figure="{name}">([^<]*)<', response.content.decode())
    assert match, f"no {name} figure on the page"
    return match[1]


def audit_section(response) -> str:
    return response.content.decode().split("ประวัติการเปลี่ยนแปลง", 1)[1]


# ------------------------------------------------------------------ home page figures


def test_province_officer_home_shows_ubon_districts_tambons_and_villages(personas, ubon_villages):
    response = personas.client_for(personas.province_officer).get("/")

    assert response.status_code == 200
    text = response.content.decode()
    assert "จังหวัดอุบลราชธานี" in text
    summary = response.context["summary"]
    assert len(summary.rows) == 25
    assert sum(row.tambon_count for row in summary.rows) == 219
    assert figure(response, "districts") == "25"
    assert figure(response, "tambons") == "219"
    assert figure(response, "villages") == str(len(ubon_villages)) == "12"
    by_district = {row.code: (row.tambon_count, row.village_count) for row in summary.rows}
    assert by_district["3401"] == (12, 6)
    assert by_district["3415"] == (16, 6)
    assert by_district["3424"] == (4, 0)
    assert "เมืองอุบลราชธานี" in text and "วารินชำราบ" in text


def test_district_officer_home_shows_mueangs_tambons_and_their_villages(personas, ubon_villages):
    response = personas.client_for(personas.district_officer).get("/")

    assert response.status_code == 200
    assert "อำเภอเมืองอุบลราชธานี จังหวัดอุบลราชธานี" in response.content.decode()
    rows = response.context["summary"].rows
    assert len(rows) == 12
    assert {row.code[:4] for row in rows} == {"3401"}
    counts = {row.code: row.village_count for row in rows}
    assert counts[HUA_RUEA] == 3 and counts[NONG_KHON] == 3
    assert sum(counts.values()) == 6
    assert figure(response, "tambons") == "12"
    assert figure(response, "villages") == "6"
    assert "วารินชำราบ" not in response.content.decode()


def test_tambon_officer_home_shows_only_its_two_tambons(personas, ubon_villages):
    response = personas.client_for(personas.tambon_officer).get("/")

    rows = response.context["summary"].rows
    assert [(row.code, row.name_th, row.village_count) for row in rows] == [
        (HUA_RUEA, "หัวเรือ", 3),
        (NONG_KHON, "หนองขอน", 3),
    ]
    assert figure(response, "tambons") == "2"
    assert figure(response, "villages") == "6"
    assert "ในเมือง" not in response.content.decode()


def test_outsider_home_shows_its_own_province_only(personas, ubon_villages):
    response = personas.client_for(personas.outsider).get("/")

    assert "จังหวัดศรีสะเกษ" in response.content.decode()
    assert figure(response, "villages") == "0"
    assert all(row.code.startswith("33") for row in response.context["summary"].rows)


def test_user_bound_to_no_area_is_told_so(db):
    lost = make_user("lost_tambon", Role.TAMBON, district="3401")  # a tambon officer with no tambons
    client = Client()
    client.force_login(lost)
    response = client.get("/")
    assert "บัญชีของท่านยังไม่ได้ผูกกับพื้นที่ใด" in response.content.decode()


def test_anonymous_is_sent_to_login(client, db):
    for url in ("/", "/areas/", "/areas/province/34/", f"/areas/tambon/{HUA_RUEA}/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/?next="), url


# ------------------------------------------------------------------ drill-down


def test_drill_down_from_province_to_village(personas, ubon_villages):
    client = personas.client_for(personas.province_officer)

    provinces = client.get("/areas/")
    assert [p.code for p in provinces.context["provinces"]] == ["34"]
    assert "อุบลราชธานี" in provinces.content.decode()

    province = client.get("/areas/province/34/")
    assert province.status_code == 200
    assert "จังหวัดอุบลราชธานี" in province.content.decode()
    assert "/areas/district/3401/" in province.content.decode()
    assert len(province.context["districts"]) == 25

    district = client.get("/areas/district/3401/")
    assert district.status_code == 200
    text = district.content.decode()
    assert "อำเภอเมืองอุบลราชธานี" in text and "หัวเรือ" in text and "หนองขอน" in text
    assert f"/areas/tambon/{HUA_RUEA}/" in text

    tambon = client.get(f"/areas/tambon/{HUA_RUEA}/")
    assert tambon.status_code == 200
    text = tambon.content.decode()
    assert "ตำบลหัวเรือ" in text
    assert 'data-figure="villages">3<' in text
    for moo in (1, 2, 3):
        assert f"บ้านทดสอบ{moo}" in text
        assert f"/areas/village/3401040{moo}/" in text

    village = client.get(f"/areas/village/{HUA_RUEA_MOO_1}/")
    assert village.status_code == 200
    text = village.content.decode()
    assert "บ้านทดสอบ1" in text and HUA_RUEA_MOO_1 in text and "หัวเรือ" in text


def test_tambon_officer_sees_its_tambons_but_not_the_rest_of_the_district(personas, ubon_villages):
    client = personas.client_for(personas.tambon_officer)

    district = client.get("/areas/district/3401/")
    assert [t.code for t in district.context["tambons"]] == [HUA_RUEA, NONG_KHON]
    assert client.get(f"/areas/tambon/{HUA_RUEA}/").status_code == 200
    assert client.get(f"/areas/tambon/{NAI_MUEANG}/").status_code == 404


# ------------------------------------------------------------------ URL guessing


def test_officer_of_another_district_cannot_reach_mueang_by_url(personas, ubon_villages):
    client = personas.client_for(personas.other_district_officer)

    assert client.get("/areas/district/3401/").status_code == 404
    assert client.get(f"/areas/tambon/{HUA_RUEA}/").status_code == 404
    assert client.get(f"/areas/tambon/{HUA_RUEA}/villages/new/").status_code == 404
    assert client.get(f"/areas/village/{HUA_RUEA_MOO_1}/").status_code == 404
    assert client.get(f"/areas/village/{HUA_RUEA_MOO_1}/edit/").status_code == 404
    response = client.post(
        f"/areas/village/{HUA_RUEA_MOO_1}/edit/", {"moo": "1", "name_th": "ยึด", "version": "1"}
    )
    assert response.status_code == 404
    assert client.post(f"/areas/village/{HUA_RUEA_MOO_1}/delete/").status_code == 404
    assert Village.objects.get(code=HUA_RUEA_MOO_1).name_th == "บ้านทดสอบ1"
    # its own district is fine
    assert client.get(f"/areas/village/{WARIN_MOO_1}/").status_code == 200


def test_outsider_cannot_reach_ubon_pages(personas, ubon_villages):
    client = personas.client_for(personas.outsider)

    for url in (
        "/areas/province/34/",
        "/areas/district/3401/",
        f"/areas/tambon/{HUA_RUEA}/",
        f"/areas/village/{HUA_RUEA_MOO_1}/",
        f"/areas/village/{HUA_RUEA_MOO_1}/edit/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.get("/areas/province/33/").status_code == 200


# ------------------------------------------------------------------ read-only viewer


def test_viewer_sees_villages_but_cannot_change_them(personas, ubon_villages):
    client = personas.client_for(personas.viewer)

    tambon = client.get(f"/areas/tambon/{HUA_RUEA}/")
    assert tambon.status_code == 200
    assert "เพิ่มหมู่บ้าน" not in tambon.content.decode()
    village = client.get(f"/areas/village/{HUA_RUEA_MOO_1}/")
    assert village.status_code == 200
    assert f"/areas/village/{HUA_RUEA_MOO_1}/edit/" not in village.content.decode()

    assert client.get(f"/areas/village/{HUA_RUEA_MOO_1}/edit/").status_code == 403
    edit = client.post(
        f"/areas/village/{HUA_RUEA_MOO_1}/edit/", {"moo": "1", "name_th": "เปลี่ยน", "version": "1"}
    )
    assert edit.status_code == 403
    assert client.get(f"/areas/tambon/{HUA_RUEA}/villages/new/").status_code == 403
    create = client.post(f"/areas/tambon/{HUA_RUEA}/villages/new/", {"moo": "9", "name_th": "บ้านใหม่"})
    assert create.status_code == 403
    assert client.post(f"/areas/village/{HUA_RUEA_MOO_1}/delete/").status_code == 403
    assert Village.objects.count() == 12
    assert Village.objects.get(code=HUA_RUEA_MOO_1).name_th == "บ้านทดสอบ1"


# ------------------------------------------------------------------ create, edit, delete


def test_district_officer_adds_a_village(personas):
    client = personas.client_for(personas.district_officer)

    form = client.get(f"/areas/tambon/{HUA_RUEA}/villages/new/")
    assert form.status_code == 200
    assert "เพิ่มหมู่บ้านในตำบลหัวเรือ" in form.content.decode()

    response = client.post(
        f"/areas/tambon/{HUA_RUEA}/villages/new/", {"moo": "๑๒", "name_th": " บ้านหนองแก้ว ", "name_en": ""}
    )

    assert response.status_code == 302
    assert response["Location"] == f"/areas/tambon/{HUA_RUEA}/"
    village = Village.objects.get(code="34010412")
    assert (village.tambon_id, village.moo, village.name_th) == (HUA_RUEA, 12, "บ้านหนองแก้ว")
    tambon = client.get(f"/areas/tambon/{HUA_RUEA}/")
    assert "เพิ่ม หมู่ที่ 12 บ้านหนองแก้ว แล้ว" in tambon.content.decode()
    page = client.get("/areas/village/34010412/")
    assert "สร้าง" in audit_section(page)
    assert "mueang_district ทดสอบ" in audit_section(page)


def test_adding_a_village_number_that_exists_is_refused(personas, ubon_villages):
    client = personas.client_for(personas.district_officer)

    response = client.post(f"/areas/tambon/{HUA_RUEA}/villages/new/", {"moo": "2", "name_th": "บ้านซ้ำ"})

    assert response.status_code == 200
    assert "ตำบลหัวเรือ มีหมู่ที่ 2 อยู่แล้ว" in response.content.decode()
    assert Village.objects.filter(tambon_id=HUA_RUEA).count() == 3


def test_district_officer_edits_a_village_and_the_history_shows_it(personas, ubon_villages):
    client = personas.client_for(personas.district_officer)
    url = f"/areas/village/{HUA_RUEA_MOO_1}/edit/"
    form = client.get(url)
    assert form.status_code == 200
    assert form.context["form"].initial["version"] == 1

    response = client.post(url, {"moo": "1", "name_th": "บ้านหัวเรือเหนือ", "name_en": "", "version": "1"})

    assert response.status_code == 302
    assert response["Location"] == f"/areas/village/{HUA_RUEA_MOO_1}/"
    village = Village.objects.get(code=HUA_RUEA_MOO_1)
    assert village.name_th == "บ้านหัวเรือเหนือ"
    assert village.version == 2
    page = client.get(response["Location"])
    assert "บันทึก หมู่ที่ 1 บ้านหัวเรือเหนือ แล้ว" in page.content.decode()
    history = audit_section(page)
    assert "แก้ไข" in history
    assert "mueang_district ทดสอบ" in history
    assert "บ้านทดสอบ1 → บ้านหัวเรือเหนือ" in history


def test_changing_the_village_number_changes_its_code(personas, ubon_villages):
    client = personas.client_for(personas.district_officer)

    response = client.post(
        f"/areas/village/{HUA_RUEA_MOO_1}/edit/", {"moo": "15", "name_th": "บ้านทดสอบ1", "version": "1"}
    )

    assert response["Location"] == "/areas/village/34010415/"
    assert not Village.objects.filter(code=HUA_RUEA_MOO_1).exists()
    assert Village.objects.get(code="34010415").moo == 15


def test_a_stale_edit_is_refused_and_changes_nothing(personas, ubon_villages):
    client = personas.client_for(personas.district_officer)
    url = f"/areas/village/{HUA_RUEA_MOO_1}/edit/"
    # someone else saved first
    assert client.post(url, {"moo": "1", "name_th": "บ้านของคนแรก", "version": "1"}).status_code == 302

    response = client.post(url, {"moo": "1", "name_th": "บ้านของคนที่สอง", "version": "1"})

    assert response.status_code == 200
    assert "ข้อมูลนี้ถูกแก้ไขโดยผู้อื่นหลังจากที่ท่านเปิดหน้านี้" in response.content.decode()
    village = Village.objects.get(code=HUA_RUEA_MOO_1)
    assert (village.name_th, village.version) == ("บ้านของคนแรก", 2)


def test_tambon_officer_edits_its_own_villages_only(personas, ubon_villages):
    client = personas.client_for(personas.tambon_officer)

    response = client.post(
        f"/areas/village/{HUA_RUEA_MOO_1}/edit/", {"moo": "1", "name_th": "บ้านใหม่", "version": "1"}
    )
    assert response.status_code == 302
    assert client.get(f"/areas/tambon/{NAI_MUEANG}/villages/new/").status_code == 404


def test_district_officer_deletes_a_village(personas, ubon_villages):
    client = personas.client_for(personas.district_officer)
    url = f"/areas/village/{HUA_RUEA_MOO_1}/delete/"

    assert client.get(url).status_code == 405
    response = client.post(url)

    assert response.status_code == 302
    assert response["Location"] == f"/areas/tambon/{HUA_RUEA}/"
    assert not Village.objects.filter(code=HUA_RUEA_MOO_1).exists()
    assert Village.objects.filter(tambon_id=HUA_RUEA).count() == 2
    assert client.get(f"/areas/village/{HUA_RUEA_MOO_1}/").status_code == 404


# ------------------------------------------------------------------ queries do not grow with the area


def add_villages(district_code: str) -> None:
    for tambon in Tambon.objects.active().filter(district_id=district_code):
        for moo in (1, 2):
            Village.objects.create(
                code=Village.code_for(tambon.code, moo), tambon=tambon, moo=moo, name_th=f"บ้าน{moo}"
            )


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_district_page_queries_do_not_grow_with_the_number_of_tambons(db, django_assert_max_num_queries):
    """(The home page's own query count: tests/core/test_home_queries.py.)"""
    small, large = "3424", "3411"  # Don Mot Daeng has 4 tambons, Trakan Phuet Phon 23
    assert Tambon.objects.active().filter(district_id=small).count() == 4
    assert Tambon.objects.active().filter(district_id=large).count() == 23
    counts = {}
    for code in (small, large):
        add_villages(code)
        client = Client()
        client.force_login(make_user(f"district_{code}", Role.DISTRICT, district=code))
        url = f"/areas/district/{code}/"
        with django_assert_max_num_queries(6):
            response = client.get(url)
        text = response.content.decode()
        assert text.count("/areas/tambon/") >= (4 if code == small else 23)
        counts[code] = count_queries(client, url)

    assert counts[small] == counts[large]


def test_province_page_queries_are_bounded(personas, ubon_villages, django_assert_max_num_queries):
    client = personas.client_for(personas.province_officer)
    with django_assert_max_num_queries(6):
        response = client.get("/areas/province/34/")
    assert len(response.context["districts"]) == 25


def test_no_village_can_be_added_to_an_abolished_tambon(personas):
    abolished = Tambon.objects.get(code="340102")  # Phon Mueang, once in Mueang Ubon
    assert abolished.is_active is False
    client = personas.client_for(personas.district_officer)

    response = client.post("/areas/tambon/340102/villages/new/", {"moo": "1", "name_th": "บ้านโพนเมือง"})

    assert response.status_code == 200
    assert "ตำบลโพนเมือง ถูกยกเลิกแล้ว เพิ่มหมู่บ้านไม่ได้" in response.content.decode()
    assert not Village.objects.exists()


def test_national_user_home_shows_every_community_development_province(db, ubon_villages):
    client = Client()
    client.force_login(make_user("cdd_department", Role.DEPARTMENT))

    response = client.get("/")

    assert "ภาพรวมทั้งประเทศ" in response.content.decode()
    rows = response.context["summary"].rows
    assert len(rows) == 76
    assert "10" not in {row.code for row in rows}  # Bangkok is not a community-development area
    assert figure(response, "provinces") == "76"
    assert figure(response, "villages") == "12"
    ubon = next(row for row in rows if row.code == "34")
    assert (ubon.district_count, ubon.tambon_count, ubon.village_count) == (25, 219, 12)


def test_district_officer_sees_only_its_district_on_the_province_page(personas, ubon_villages):
    response = personas.client_for(personas.district_officer).get("/areas/province/34/")

    assert response.status_code == 200
    assert [(d.code, d.tambon_count, d.village_count) for d in response.context["districts"]] == [
        ("3401", 12, 6)
    ]
