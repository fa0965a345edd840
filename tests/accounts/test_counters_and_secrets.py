"""Lockout and replay counters that survive a restart without Redis, two-factor secrets encrypted at rest
with keys from the environment (and rotated), and codes typed in odd digits."""

import pytest
from cryptography.fernet import Fernet
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client

from tambonplan.accounts import totp
from tambonplan.accounts.models import User
from tambonplan.core import crypto
from tambonplan.core.models import WindowCounter
from tests.accounts.conftest import SECRET
from tests.conftest import PASSWORD

LOCKED = "เข้าสู่ระบบไม่สำเร็จหลายครั้งเกินไป"
WRONG_CODE = "รหัสยืนยันไม่ถูกต้องหรือหมดอายุแล้ว"


def raw_secret_column(user: User) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT totp_secret_encrypted FROM accounts_user WHERE id = %s", [user.pk])
        return cursor.fetchone()[0]


def test_lockout_survives_a_restart_without_redis(client, personas, settings):
    settings.REDIS_URL = None
    for _attempt in range(5):
        client.post("/accounts/login/", {"username": "mueang_district", "password": "wrong"})

    cache.clear()  # what a restart does to a per-process memory cache
    response = Client().post("/accounts/login/", {"username": "mueang_district", "password": PASSWORD})

    assert LOCKED in response.content.decode()
    assert WindowCounter.objects.filter(key__startswith="login-failures:user:").get().count == 5


def test_a_used_code_stays_used_after_a_restart(officer_with_totp):
    code = totp.code_for(SECRET, totp.counter_at() + 1)
    first = Client()
    first.post("/accounts/login/", {"username": "ubon_province", "password": PASSWORD})
    assert first.post("/accounts/login/code/", {"code": code}).status_code == 302

    cache.clear()
    second = Client()
    second.post("/accounts/login/", {"username": "ubon_province", "password": PASSWORD})
    response = second.post("/accounts/login/code/", {"code": code})

    assert "รหัสนี้ถูกใช้ไปแล้ว" in response.content.decode()
    assert "_auth_user_id" not in second.session


def test_an_older_step_is_refused_after_a_newer_one(officer_with_totp):
    now = totp.counter_at()
    assert totp.accept_code(officer_with_totp, SECRET, totp.code_for(SECRET, now + 1))

    assert not totp.accept_code(officer_with_totp, SECRET, totp.code_for(SECRET, now))


def test_the_secret_is_encrypted_in_the_database(officer_with_totp):
    stored = raw_secret_column(officer_with_totp)

    assert SECRET not in stored
    assert stored.startswith("gAAAAA")  # a Fernet token
    assert User.objects.get(pk=officer_with_totp.pk).totp_secret == SECRET


def test_the_key_comes_from_the_environment_setting(officer_with_totp, settings):
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]

    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(raw_secret_column(officer_with_totp))


def test_rotation_re_encrypts_with_the_new_key_and_the_old_key_can_go(officer_with_totp, settings):
    old = crypto.derived_key(settings.SECRET_KEY).decode()
    new = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new, old]
    before = raw_secret_column(officer_with_totp)

    call_command("rotate_encryption_keys", stdout=open("/dev/null", "w"))

    settings.FIELD_ENCRYPTION_KEYS = [new]
    assert raw_secret_column(officer_with_totp) != before
    assert User.objects.get(pk=officer_with_totp.pk).totp_secret == SECRET


def test_rotation_without_the_old_key_changes_nothing(officer_with_totp, settings):
    before = raw_secret_column(officer_with_totp)
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]

    with pytest.raises(CommandError, match="ไม่ได้เปลี่ยนแปลงข้อมูลใด ๆ"):
        call_command("rotate_encryption_keys")

    assert raw_secret_column(officer_with_totp) == before


def test_a_secret_no_key_can_read_refuses_the_code_with_a_message_not_an_error(officer_with_totp, settings):
    client = Client()
    client.post("/accounts/login/", {"username": "ubon_province", "password": PASSWORD})
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]

    response = client.post("/accounts/login/code/", {"code": "123456"})

    assert response.status_code == 200
    assert "กรุณาติดต่อผู้ดูแลระบบ" in response.content.decode()


def test_disable_two_factor_command_for_a_lost_phone(officer_with_totp):
    call_command("disable_two_factor", "ubon_province", stdout=open("/dev/null", "w"))

    assert not User.objects.get(pk=officer_with_totp.pk).totp_enabled
    with pytest.raises(CommandError, match="ไม่พบผู้ใช้"):
        call_command("disable_two_factor", "nobody")


@pytest.mark.parametrize("code", ["²²²²²²", "٣٣٣٣٣٣", "１２３４５６", "12345６", "-12345", "1e5000"])
def test_codes_in_odd_digits_are_refused_not_a_server_error(officer_with_totp, code):
    client = Client()
    client.post("/accounts/login/", {"username": "ubon_province", "password": PASSWORD})

    response = client.post("/accounts/login/code/", {"code": code})

    assert response.status_code == 200
    assert "กรุณากรอกรหัสตัวเลข 6 หลัก" in response.content.decode()


def test_a_code_typed_in_thai_digits_is_accepted(officer_with_totp):
    code = totp.code_for(SECRET, totp.counter_at() + 1).translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    client = Client()
    client.post("/accounts/login/", {"username": "ubon_province", "password": PASSWORD})

    assert client.post("/accounts/login/code/", {"code": code}).status_code == 302
