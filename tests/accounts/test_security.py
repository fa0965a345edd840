"""Login lockout, password validators and two-factor (TOTP) login."""

import logging

import pytest
from django.core.cache import cache
from django.test import Client

from tambonplan.accounts import totp
from tambonplan.accounts.models import User
from tests.accounts.conftest import client_past_the_code_step
from tests.conftest import PASSWORD

LOGIN_URL = "/accounts/login/"
CODE_URL = "/accounts/login/code/"
TWO_FACTOR_URL = "/accounts/preferences/two-factor/"
LOCKED = "เข้าสู่ระบบไม่สำเร็จหลายครั้งเกินไป"
WRONG = "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง"
WRONG_CODE = "รหัสยืนยันไม่ถูกต้องหรือหมดอายุแล้ว"


@pytest.fixture(autouse=True)
def clear_cache():
    """The failure counters and used TOTP steps live in the cache: every test starts and ends with it empty."""
    cache.clear()
    yield
    cache.clear()


def text_of(response) -> str:
    return response.content.decode()


def login(client, username, password=PASSWORD, **extra):
    return client.post(LOGIN_URL, {"username": username, "password": password}, **extra)


def is_logged_in(client) -> bool:
    return client.get("/").status_code == 200


def next_code(secret: str) -> str:
    """A valid code not yet used: the next 30-second step (one step of clock drift is accepted)."""
    return totp.code_for(secret, totp.counter_at() + 1)


# ------------------------------------------------------------------ lockout


def test_lockout_after_five_failures_refuses_even_the_right_password(client, personas):
    for _attempt in range(5):
        response = login(client, "mueang_district", "wrong-password")
        assert WRONG in text_of(response)

    response = login(client, "mueang_district")

    assert response.status_code == 200
    assert LOCKED in text_of(response)
    assert "15 นาที" in text_of(response)
    assert not is_logged_in(client)


def test_lockout_is_logged(client, personas, caplog):
    with caplog.at_level(logging.WARNING, logger="tambonplan.accounts.lockout"):
        for _attempt in range(5):
            login(client, "mueang_district", "wrong-password")

    assert any("login locked for username 'mueang_district'" in r.getMessage() for r in caplog.records)


def test_lockout_counts_the_username_whatever_its_case(client, personas):
    for name in (
        "mueang_district",
        "Mueang_District",
        "MUEANG_DISTRICT",
        "mueang_district",
        "Mueang_district",
    ):
        login(client, name, "wrong-password")

    assert LOCKED in text_of(login(client, "mueang_district"))


def test_unknown_username_is_locked_the_same_way(client, personas):
    """The refusal tells nothing about whether the username exists."""
    for _attempt in range(5):
        assert WRONG in text_of(login(client, "nobody_here", "wrong-password"))

    assert LOCKED in text_of(login(client, "nobody_here", "wrong-password"))


def test_lockout_of_one_username_leaves_others_alone(client, personas):
    for _attempt in range(5):
        login(client, "mueang_district", "wrong-password")

    assert login(client, "warin_district").status_code == 302


def test_successful_login_resets_the_counter(client, personas):
    for _attempt in range(4):
        login(client, "mueang_district", "wrong-password")
    assert login(client, "mueang_district").status_code == 302
    client.post("/accounts/logout/")

    for _attempt in range(4):
        login(client, "mueang_district", "wrong-password")

    assert login(client, "mueang_district").status_code == 302


def test_lockout_settings(client, personas, settings):
    settings.LOGIN_MAX_FAILURES = 2
    settings.LOGIN_LOCKOUT_MINUTES = 30
    login(client, "mueang_district", "wrong-password")
    login(client, "mueang_district", "wrong-password")

    response = login(client, "mueang_district")

    assert LOCKED in text_of(response) and "30 นาที" in text_of(response)


def test_one_address_spraying_many_usernames_is_slowed(client, personas, settings):
    settings.LOGIN_MAX_FAILURES_PER_IP = 3
    for name in ("ubon_province", "ubon_viewer", "warin_district"):
        login(client, name, "wrong-password", REMOTE_ADDR="203.0.113.7")

    assert LOCKED in text_of(login(client, "mueang_district", REMOTE_ADDR="203.0.113.7"))
    assert login(client, "mueang_district", REMOTE_ADDR="203.0.113.8").status_code == 302


# ------------------------------------------------------------------ password validators


def test_weak_password_refused_in_thai_on_user_creation(personas):
    from tests.accounts.test_views import new_user_data

    client = personas.client_for(personas.province_officer)
    response = client.post("/accounts/users/new/", new_user_data(password1="short1", password2="short1"))

    assert response.status_code == 200
    assert "รหัสผ่านสั้นเกินไป ต้องมีอย่างน้อย 12 ตัวอักษร" in text_of(response)
    assert not User.objects.filter(username="new_officer").exists()


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Short-2569", "รหัสผ่านสั้นเกินไป"),
        ("password1234", "รหัสผ่านนี้ใช้กันทั่วไปและเดาได้ง่าย"),
        ("256925692569", "รหัสผ่านต้องไม่เป็นตัวเลขทั้งหมด"),
        ("mueang_district1", "รหัสผ่านคล้ายกับชื่อผู้ใช้มากเกินไป"),
    ],
)
def test_weak_password_refused_in_thai_on_password_change(personas, password, message):
    client = personas.client_for(personas.district_officer)
    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": password, "new_password2": password},
    )

    assert response.status_code == 200
    assert message in text_of(response)
    personas.district_officer.refresh_from_db()
    assert personas.district_officer.check_password(PASSWORD)


# ------------------------------------------------------------------ TOTP


def test_totp_matches_the_rfc_6238_test_vectors():
    secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # base32 of "12345678901234567890"
    assert totp.code_at(secret, 59) == "287082"
    assert totp.code_at(secret, 1111111109) == "081804"
    assert totp.code_at(secret, 2000000000) == "279037"
    assert totp.matching_counter(secret, "287082", moment=59 + 30) == 1
    assert totp.matching_counter(secret, "287082", moment=59 + 90) is None
    assert totp.matching_counter(secret, "28708", moment=59) is None


def test_provisioning_uri_names_the_issuer_and_account():
    uri = totp.provisioning_uri("ABCDEF", "ubon_province")
    assert uri.startswith("otpauth://totp/TambonPlan%3Aubon_province?")
    assert "secret=ABCDEF" in uri and "issuer=TambonPlan" in uri


def test_enabling_two_factor_from_the_security_page(personas):
    officer = personas.province_officer
    client = personas.client_for(officer)
    assert "การยืนยันตัวตนสองขั้นตอน" in text_of(client.get("/accounts/security/"))

    page = client.get(TWO_FACTOR_URL)
    assert page.status_code == 200
    secret = client.session["accounts_totp_setup_secret"]
    assert secret in text_of(page) and "<svg" in text_of(page)

    wrong = client.post(TWO_FACTOR_URL, {"code": "000000" if totp.code_at(secret) != "000000" else "111111"})
    assert WRONG_CODE in text_of(wrong)
    officer.refresh_from_db()
    assert not officer.totp_enabled

    response = client.post(TWO_FACTOR_URL, {"code": totp.code_at(secret)})

    assert response.status_code == 200 and "รหัสสำรอง" in text_of(response)
    officer.refresh_from_db()
    assert officer.totp_secret == secret


def test_two_factor_is_offered_to_province_department_and_admins_only(personas):
    client = personas.client_for(personas.district_officer)
    assert client.get(TWO_FACTOR_URL).status_code == 403
    assert "การยืนยันตัวตนสองขั้นตอน" not in text_of(client.get("/accounts/security/"))


def test_login_asks_for_the_code_after_the_password(client, officer_with_totp):
    response = login(client, "ubon_province")

    assert response.status_code == 302 and response["Location"] == CODE_URL
    assert not is_logged_in(client)
    assert "รหัสยืนยัน 6 หลัก" in text_of(client.get(CODE_URL))


def test_wrong_code_is_refused(client, officer_with_totp):
    login(client, "ubon_province")
    code = next_code(officer_with_totp.totp_secret)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"

    response = client.post(CODE_URL, {"code": wrong})

    assert response.status_code == 200
    assert WRONG_CODE in text_of(response)
    assert not is_logged_in(client)


def test_correct_code_logs_in_and_returns_to_the_page_asked_for(client, officer_with_totp):
    client.post(
        f"{LOGIN_URL}?next=/areas/province/34/",
        {"username": "ubon_province", "password": PASSWORD, "next": "/areas/province/34/"},
    )

    response = client.post(CODE_URL, {"code": next_code(officer_with_totp.totp_secret)})

    assert response.status_code == 302 and response["Location"] == "/areas/province/34/"
    assert is_logged_in(client)


def test_a_code_is_accepted_only_once(officer_with_totp):
    code = next_code(officer_with_totp.totp_secret)
    first, second = Client(), Client()
    login(first, "ubon_province")
    login(second, "ubon_province")

    assert first.post(CODE_URL, {"code": code}).status_code == 302
    assert "รหัสนี้ถูกใช้ไปแล้ว" in text_of(second.post(CODE_URL, {"code": code}))


def test_code_step_without_a_password_goes_back_to_login(client, officer_with_totp):
    response = client.post(CODE_URL, {"code": next_code(officer_with_totp.totp_secret)})

    assert response.status_code == 302 and response["Location"] == LOGIN_URL
    assert not is_logged_in(client)


def test_lockout_applies_to_code_guessing(client, officer_with_totp):
    secret = officer_with_totp.totp_secret
    login(client, "ubon_province")
    good = next_code(secret)
    wrong = f"{(int(good) + 1) % 1_000_000:06d}"
    for _attempt in range(5):
        client.post(CODE_URL, {"code": wrong})

    response = client.post(CODE_URL, {"code": good})
    assert LOCKED in text_of(response)
    assert not is_logged_in(client)
    # Entering the password again does not reset the count: the username stays locked.
    assert LOCKED in text_of(login(client, "ubon_province"))


def test_disabling_two_factor_needs_a_code(officer_with_totp):
    client = client_past_the_code_step(officer_with_totp)
    assert "ปิดการยืนยันตัวตนสองขั้นตอน" in text_of(client.get(TWO_FACTOR_URL))

    response = client.post(TWO_FACTOR_URL, {"code": next_code(officer_with_totp.totp_secret)})

    assert response.status_code == 302
    officer_with_totp.refresh_from_db()
    assert not officer_with_totp.totp_enabled
    assert login(Client(), "ubon_province").status_code == 302
