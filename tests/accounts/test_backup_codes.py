"""Two-factor login without the phone (one-time backup codes), the "already used" message, and the
account's security page."""

from django.test import Client

from tambonplan.accounts import services, totp
from tambonplan.accounts.models import BackupCode
from tests.accounts.conftest import client_past_the_code_step
from tests.conftest import PASSWORD

CODE_URL = "/accounts/login/code/"


def password_step(username: str = "ubon_province") -> Client:
    client = Client()
    client.post("/accounts/login/", {"username": username, "password": PASSWORD})
    return client


def test_the_code_that_turned_two_factor_on_is_said_to_be_used_at_the_next_login(personas):
    officer = personas.province_officer
    client = personas.client_for(officer)
    client.get("/accounts/preferences/two-factor/")
    secret = client.session["accounts_totp_setup_secret"]
    code = totp.code_at(secret)
    client.post("/accounts/preferences/two-factor/", {"code": code})

    response = password_step().post(CODE_URL, {"code": code})

    text = response.content.decode()
    assert "รหัสนี้ถูกใช้ไปแล้ว กรุณารอรหัสชุดถัดไปในแอป" in text
    assert "รหัสยืนยันไม่ถูกต้องหรือหมดอายุแล้ว" not in text


def test_turning_two_factor_on_shows_ten_backup_codes_once_and_stores_only_digests(personas):
    officer = personas.province_officer
    client = personas.client_for(officer)
    client.get("/accounts/preferences/two-factor/")
    secret = client.session["accounts_totp_setup_secret"]

    response = client.post("/accounts/preferences/two-factor/", {"code": totp.code_at(secret)})

    codes = [
        line.split(">")[-1] for line in response.content.decode().split("</li>") if "user-select-all" in line
    ]
    assert response.status_code == 200 and len(codes) == 10
    assert "no-store" in response["Cache-Control"]
    stored = set(BackupCode.objects.filter(user=officer).values_list("digest", flat=True))
    assert stored == {totp.backup_digest(code) for code in codes}
    assert not any(code.replace("-", "") in digest for code in codes for digest in stored)


def test_a_backup_code_logs_in_once(officer_with_totp):
    codes = services.user_backup_codes_new(user=officer_with_totp)

    first = password_step()
    assert first.post(CODE_URL, {"code": codes[0].upper().replace("-", " ")}).status_code == 302
    second = password_step()
    response = second.post(CODE_URL, {"code": codes[0]})

    assert "รหัสสำรองไม่ถูกต้องหรือถูกใช้ไปแล้ว" in response.content.decode()
    assert "_auth_user_id" not in second.session


def test_wrong_backup_codes_count_towards_the_lockout(officer_with_totp):
    codes = services.user_backup_codes_new(user=officer_with_totp)
    client = password_step()
    for _attempt in range(5):
        client.post(CODE_URL, {"code": "aaaaa-aaaaa"})

    response = client.post(CODE_URL, {"code": codes[1]})

    assert "เข้าสู่ระบบไม่สำเร็จหลายครั้งเกินไป" in response.content.decode()


def test_a_new_set_replaces_the_old_one_and_the_page_counts_what_is_left(officer_with_totp):
    old = services.user_backup_codes_new(user=officer_with_totp)
    client = client_past_the_code_step(officer_with_totp)

    response = client.post("/accounts/security/backup-codes/")

    assert response.status_code == 200
    assert not services.user_backup_code_use(user=officer_with_totp, code=old[0])
    page = client.get("/accounts/security/").content.decode()
    assert "เหลือรหัสสำรองที่ยังไม่ได้ใช้ 10 รหัส" in page


def test_turning_two_factor_off_removes_the_backup_codes(officer_with_totp):
    services.user_backup_codes_new(user=officer_with_totp)

    services.user_disable_totp(user=officer_with_totp)

    assert not BackupCode.objects.filter(user=officer_with_totp).exists()


def test_no_backup_codes_without_two_factor(personas):
    client = personas.client_for(personas.province_officer)

    assert client.post("/accounts/security/backup-codes/").status_code == 403
    assert not BackupCode.objects.exists()


def test_two_factor_lives_on_the_security_page_not_the_display_settings(personas):
    client = personas.client_for(personas.province_officer)

    security = client.get("/accounts/security/").content.decode()
    preferences = client.get("/accounts/preferences/").content.decode()

    assert "เปิดการยืนยันตัวตนสองขั้นตอน" in security and "เปลี่ยนรหัสผ่าน" in security
    assert "เปิดการยืนยันตัวตนสองขั้นตอน" not in preferences
    assert "ความปลอดภัยของบัญชี" in client.get("/").content.decode()
