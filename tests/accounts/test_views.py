"""Logging in and out, passwords, display preferences and user management by area managers."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from tambonplan.accounts import services
from tambonplan.accounts.models import DigitStyle, Role, User
from tambonplan.areas.models import District, Province, Tambon
from tests.conftest import PASSWORD

NEW_PASSWORD = "Another-secret-2570"
USERS_URL = "/accounts/users/"
CREATE_URL = "/accounts/users/new/"
BAD_CHOICE = "เลือกตัวเลือกที่ถูกต้อง"


def text_of(response) -> str:
    return response.content.decode()


def new_user_data(**overrides) -> dict:
    data = {
        "username": "new_officer",
        "first_name": "สมชาย",
        "last_name": "ขยันงาน",
        "email": "",
        "position": "นักวิชาการพัฒนาชุมชน",
        "phone": "",
        "role": Role.DISTRICT,
        "district": "3402",
        "is_active": "on",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# ------------------------------------------------------------------ login, logout, password


def test_login_page_is_in_thai(client, db):
    response = client.get("/accounts/login/")

    assert response.status_code == 200
    text = text_of(response)
    assert '<html lang="th">' in text
    assert "เข้าสู่ระบบ TambonPlan" in text
    assert "ชื่อผู้ใช้" in text and "รหัสผ่าน" in text


def test_wrong_password_is_refused_in_thai(client, personas):
    response = client.post("/accounts/login/", {"username": "mueang_district", "password": "wrong-password"})

    assert response.status_code == 200
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in text_of(response)
    assert client.get("/").status_code == 302


def test_login_and_logout(client, personas):
    response = client.post("/accounts/login/", {"username": "mueang_district", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/"
    home = client.get("/")
    assert home.status_code == 200
    assert "อำเภอเมืองอุบลราชธานี" in text_of(home)

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert client.get("/")["Location"].startswith("/accounts/login/")


def test_login_returns_to_the_page_asked_for(client, personas):
    response = client.post(
        "/accounts/login/?next=/areas/district/3401/",
        {"username": "mueang_district", "password": PASSWORD, "next": "/areas/district/3401/"},
    )
    assert response["Location"] == "/areas/district/3401/"


def test_inactive_user_cannot_log_in(client, personas):
    User.objects.filter(username="mueang_district").update(is_active=False)
    response = client.post("/accounts/login/", {"username": "mueang_district", "password": PASSWORD})
    assert response.status_code == 200
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in text_of(response)


def test_password_change(client, personas):
    client.force_login(personas.district_officer)
    form = client.get("/accounts/password/")
    assert form.status_code == 200
    assert "เปลี่ยนรหัสผ่าน" in text_of(form)

    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/done/"
    assert "เปลี่ยนรหัสผ่านเรียบร้อยแล้ว" in text_of(client.get(response["Location"]))
    fresh = Client()
    assert fresh.login(username="mueang_district", password=NEW_PASSWORD)
    assert not fresh.login(username="mueang_district", password=PASSWORD)


def test_password_change_with_wrong_old_password_is_refused_in_thai(client, personas):
    client.force_login(personas.district_officer)

    response = client.post(
        "/accounts/password/",
        {"old_password": "not-it", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 200
    assert "ใส่รหัสผ่านเก่าผิด" in text_of(response)
    assert User.objects.get(username="mueang_district").check_password(PASSWORD)


# ------------------------------------------------------------------ preferences


def test_thai_digits_preference_shows_thai_digits_on_the_home_page(personas, ubon_villages):
    client = personas.client_for(personas.district_officer)
    before = text_of(client.get("/"))
    assert re.search(r'data-figure="tambons">12<', before)

    response = client.post("/accounts/preferences/", {"digit_style": DigitStyle.THAI})

    assert response.status_code == 302
    assert "บันทึกการตั้งค่าแล้ว" in text_of(client.get(response["Location"]))
    assert User.objects.get(pk=personas.district_officer.pk).digit_style == DigitStyle.THAI
    after = text_of(client.get("/"))
    assert 'data-figure="tambons">๑๒<' in after
    assert 'data-figure="villages">๖<' in after
    assert "<td>๓๔๐๑๐๔</td>" in after
    # other users keep Arabic digits
    assert 'data-figure="villages">12<' in text_of(personas.client_for(personas.province_officer).get("/"))


def test_unknown_digit_style_is_refused(personas):
    client = personas.client_for(personas.district_officer)
    response = client.post("/accounts/preferences/", {"digit_style": "roman"})
    assert response.status_code == 200
    assert User.objects.get(pk=personas.district_officer.pk).digit_style == DigitStyle.ARABIC


# ------------------------------------------------------------------ user management


def test_province_officer_lists_only_ubon_users(personas):
    response = personas.client_for(personas.province_officer).get(USERS_URL)

    assert response.status_code == 200
    assert {user.username for user in response.context["users"]} == {
        "ubon_province",
        "mueang_district",
        "huaruea_tambon",
        "warin_district",
        "ubon_viewer",
    }
    assert "sisaket_province" not in text_of(response)
    assert "ตำบลหัวเรือ" in text_of(response)


def test_district_officer_lists_only_its_district(personas):
    response = personas.client_for(personas.district_officer).get(USERS_URL)
    assert {user.username for user in response.context["users"]} == {"mueang_district", "huaruea_tambon"}


def test_province_officer_creates_a_district_officer(personas):
    client = personas.client_for(personas.province_officer)

    response = client.post(CREATE_URL, new_user_data())

    assert response.status_code == 302, response.context["form"].errors
    assert response["Location"] == USERS_URL
    user = User.objects.get(username="new_officer")
    assert (user.role, user.district_id, user.province_id) == (Role.DISTRICT, "3402", "34")
    assert user.is_active
    assert list(user.tambons.all()) == []
    assert Client().login(username="new_officer", password=NEW_PASSWORD)
    assert "สร้างผู้ใช้ new_officer แล้ว" in text_of(client.get(USERS_URL))


def test_province_officer_creates_a_tambon_officer(personas):
    client = personas.client_for(personas.province_officer)

    response = client.post(
        CREATE_URL, new_user_data(role=Role.TAMBON, district="3402", tambons=["340201", "340202"])
    )

    assert response.status_code == 302, response.context["form"].errors
    user = User.objects.get(username="new_officer")
    assert user.role == Role.TAMBON
    assert sorted(user.tambons.values_list("code", flat=True)) == ["340201", "340202"]


def test_tambons_must_lie_in_the_chosen_district(personas):
    client = personas.client_for(personas.province_officer)

    response = client.post(CREATE_URL, new_user_data(role=Role.TAMBON, district="3402", tambons=["340104"]))

    assert response.status_code == 200
    assert "ตำบลที่รับผิดชอบต้องอยู่ในอำเภอที่เลือก" in text_of(response)
    assert not User.objects.filter(username="new_officer").exists()


def test_tambon_officer_needs_a_tambon(personas):
    client = personas.client_for(personas.province_officer)

    response = client.post(CREATE_URL, new_user_data(role=Role.TAMBON, district="3402"))

    assert "พัฒนากรต้องมีตำบลที่รับผิดชอบอย่างน้อย 1 ตำบล" in text_of(response)
    assert not User.objects.filter(username="new_officer").exists()


def test_province_officer_cannot_create_users_in_another_province(personas):
    client = personas.client_for(personas.province_officer)

    response = client.post(CREATE_URL, new_user_data(district="3301"))

    assert response.status_code == 200
    assert BAD_CHOICE in text_of(response)
    assert not User.objects.filter(username="new_officer").exists()
    with pytest.raises(ValidationError):
        services.user_create(
            actor=personas.province_officer,
            username="sneaky",
            password=NEW_PASSWORD,
            role=Role.PROVINCE,
            province=Province.objects.get(code="33"),
        )
    assert not User.objects.filter(username="sneaky").exists()


def test_district_officer_is_not_offered_the_province_role(personas):
    client = personas.client_for(personas.district_officer)

    form = client.get(CREATE_URL)
    assert form.status_code == 200
    roles = [value for value, _label in form.context["form"].fields["role"].choices]
    assert roles == [Role.DISTRICT, Role.TAMBON, Role.VIEWER]

    response = client.post(CREATE_URL, new_user_data(role=Role.PROVINCE, district=None, province="34"))

    assert response.status_code == 200
    assert BAD_CHOICE in text_of(response)
    assert not User.objects.filter(username="new_officer").exists()
    with pytest.raises(PermissionDenied):
        services.user_create(
            actor=personas.district_officer,
            username="sneaky",
            password=NEW_PASSWORD,
            role=Role.PROVINCE,
            province=Province.objects.get(code="34"),
        )


def test_district_officer_cannot_create_a_user_in_another_district(personas):
    client = personas.client_for(personas.district_officer)

    response = client.post(CREATE_URL, new_user_data(district="3415"))

    assert response.status_code == 200
    assert BAD_CHOICE in text_of(response)
    assert not User.objects.filter(username="new_officer").exists()
    with pytest.raises(ValidationError) as error:
        services.user_create(
            actor=personas.district_officer,
            username="sneaky",
            password=NEW_PASSWORD,
            role=Role.DISTRICT,
            district=District.objects.get(code="3415"),
        )
    assert "ผู้ใช้ต้องอยู่ในอำเภอของท่าน" in str(error.value)
    assert not User.objects.filter(username="sneaky").exists()


def test_district_officer_creates_a_tambon_officer_in_its_district(personas):
    client = personas.client_for(personas.district_officer)

    response = client.post(CREATE_URL, new_user_data(role=Role.TAMBON, district="3401", tambons=["340107"]))

    assert response.status_code == 302, response.context["form"].errors
    assert list(User.objects.get(username="new_officer").tambons.values_list("code", flat=True)) == ["340107"]


def test_duplicate_username_is_refused(personas):
    client = personas.client_for(personas.province_officer)
    response = client.post(CREATE_URL, new_user_data(username="Mueang_District"))
    assert "มีชื่อผู้ใช้นี้แล้ว" in text_of(response)


@pytest.mark.parametrize("persona", ["tambon_officer", "viewer"])
def test_user_pages_are_forbidden_to_non_managers(personas, persona):
    client = personas.client_for(getattr(personas, persona))
    target = personas.tambon_officer.pk

    assert client.get(USERS_URL).status_code == 403
    assert client.get(CREATE_URL).status_code == 403
    assert client.post(CREATE_URL, new_user_data(district="3401")).status_code == 403
    assert client.get(f"/accounts/users/{target}/").status_code == 403
    assert not User.objects.filter(username="new_officer").exists()


def test_editing_a_user_of_another_district_answers_404(personas):
    client = personas.client_for(personas.district_officer)
    url = f"/accounts/users/{personas.other_district_officer.pk}/"

    assert client.get(url).status_code == 404
    response = client.post(
        url, {"first_name": "ยึด", "last_name": "บัญชี", "role": Role.DISTRICT, "district": "3401"}
    )
    assert response.status_code == 404
    other = User.objects.get(pk=personas.other_district_officer.pk)
    assert (other.first_name, other.district_id) == ("warin_district", "3415")
    # nor the province officer above it, nor another province's users
    assert client.get(f"/accounts/users/{personas.province_officer.pk}/").status_code == 404
    province_client = personas.client_for(personas.province_officer)
    assert province_client.get(f"/accounts/users/{personas.outsider.pk}/").status_code == 404


def test_district_officer_edits_a_tambon_officer(personas):
    client = personas.client_for(personas.district_officer)
    url = f"/accounts/users/{personas.tambon_officer.pk}/"
    form = client.get(url)
    assert form.status_code == 200
    assert "แก้ไขผู้ใช้ huaruea_tambon" in text_of(form)

    response = client.post(
        url,
        {
            "first_name": "กาญจนา",
            "last_name": "บุญมา",
            "role": Role.TAMBON,
            "district": "3401",
            "tambons": ["340104", "340107"],
            "is_active": "on",
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    user = User.objects.get(pk=personas.tambon_officer.pk)
    assert user.first_name == "กาญจนา"
    assert sorted(user.tambons.values_list("code", flat=True)) == ["340104", "340107"]
    history = text_of(client.get(url)).split("ประวัติการเปลี่ยนแปลง", 1)[1]
    assert "แก้ไข" in history and "mueang_district ทดสอบ" in history


def test_a_manager_cannot_change_its_own_role(personas):
    client = personas.client_for(personas.district_officer)
    response = client.post(
        f"/accounts/users/{personas.district_officer.pk}/",
        {
            "first_name": "x",
            "last_name": "y",
            "role": Role.TAMBON,
            "district": "3401",
            "tambons": ["340104"],
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert "ไม่สามารถเปลี่ยนบทบาทของตนเองได้" in text_of(response)
    assert User.objects.get(pk=personas.district_officer.pk).role == Role.DISTRICT


def test_assignable_tambons_follow_the_managers_area(personas):
    form = personas.client_for(personas.district_officer).get(CREATE_URL).context["form"]
    tambons = form.fields["tambons"].queryset
    assert tambons.count() == Tambon.objects.active().filter(district_id="3401").count() == 12
    assert list(form.fields["district"].queryset.values_list("code", flat=True)) == ["3401"]
