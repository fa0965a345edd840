"""Forgotten passwords: the self-service reset by e-mail and the one-time link a manager hands to a user without
e-mail; both limited per hour and logged; the new password passes the Thai validators; two-factor login and
the end of the user's other sessions survive a reset."""

import logging
import re
from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.test import Client

from tambonplan.accounts.models import User
from tests.accounts.conftest import client_past_the_code_step
from tests.conftest import PASSWORD

SITE = "https://tambonplan.example.go.th"
REQUEST_URL = "/accounts/password/reset/"
SENT_URL = "/accounts/password/reset/sent/"
NEW_PASSWORD = "Kaset-Somboon-2570"
LINK_RE = re.compile(re.escape(SITE) + r"/accounts/password/reset/[^/\s]+/[^/\s]+/")
TOO_OFTEN = "ขอตั้งรหัสผ่านใหม่บ่อยเกินไป"
LINK_DEAD = "ลิงก์ตั้งรหัสผ่านใหม่นี้ใช้ไม่ได้แล้ว"


@pytest.fixture(autouse=True)
def site_and_mail(settings):
    settings.SITE_URL = SITE + "/"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_RESET_TIMEOUT = 3600
    settings.PASSWORD_RESET_MAX_REQUESTS = 5
    settings.PASSWORD_RESET_MAX_REQUESTS_PER_IP = 20


def with_email(user: User, email: str) -> User:
    user.email = email
    user.save()
    return user


def text_of(response) -> str:
    """The page's HTML without the line-break marks the headings get (<wbr>, spans that keep words whole)."""
    html = response.content.decode().replace("<wbr>", "")
    return re.sub(r'<span class="thai-keep">(.*?)</span>', r"\1", html)


def link_in(text: str) -> str:
    found = LINK_RE.search(text)
    assert found, text
    return found.group(0)


def set_password_with(client: Client, link: str, password: str = NEW_PASSWORD):
    """Opens the link as the user's browser does and sets the password; the response after the form."""
    opened = client.get(link.removeprefix(SITE))
    assert opened.status_code == 302 and opened["Location"].endswith("/set-password/")
    form = client.get(opened["Location"])
    assert "รหัสผ่านใหม่" in text_of(form)
    return client.post(opened["Location"], {"new_password1": password, "new_password2": password})


def logs_in(username: str, password: str) -> bool:
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": password})
    return response.status_code == 302 and "_auth_user_id" in client.session


# ------------------------------------------------------------------ self-service by e-mail


def test_the_login_page_links_to_the_forgotten_password_page(client, db):
    page = text_of(client.get("/accounts/login/"))

    assert f'href="{REQUEST_URL}"' in page and "ลืมรหัสผ่าน?" in page
    form = text_of(client.get(REQUEST_URL))
    assert "อีเมลที่ลงทะเบียนไว้ในระบบ" in form and "ส่งลิงก์ตั้งรหัสผ่านใหม่" in form


def test_a_user_resets_the_password_by_email_and_logs_in(client, personas):
    officer = with_email(personas.district_officer, "somchai@cdd.go.th")

    response = client.post(REQUEST_URL, {"email": "Somchai@CDD.go.th"})

    assert response.status_code == 302 and response["Location"] == SENT_URL
    assert "ตรวจอีเมลของท่าน" in text_of(client.get(SENT_URL))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["somchai@cdd.go.th"]
    assert message.subject == "ตั้งรหัสผ่านใหม่ TambonPlan"
    assert "ชื่อผู้ใช้ของท่าน: mueang_district" in message.body
    assert "ใช้ได้ครั้งเดียว ภายใน 60 นาที" in message.body
    assert "หากท่านไม่ได้ขอ ไม่ต้องทำอะไร" in message.body
    link = link_in(message.body)

    done = set_password_with(Client(), link)

    assert done.status_code == 302 and done["Location"] == "/accounts/password/reset/done/"
    assert "ตั้งรหัสผ่านใหม่แล้ว" in text_of(client.get(done["Location"]))
    assert logs_in(officer.username, NEW_PASSWORD)
    assert not logs_in(officer.username, PASSWORD)


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, personas):
    with_email(personas.district_officer, "somchai@cdd.go.th")

    known = client.post(REQUEST_URL, {"email": "somchai@cdd.go.th"})
    unknown = client.post(REQUEST_URL, {"email": "nobody@cdd.go.th"})

    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["somchai@cdd.go.th"]


def test_a_suspended_user_gets_no_mail(client, personas):
    officer = with_email(personas.district_officer, "somchai@cdd.go.th")
    officer.is_active = False
    officer.save()

    response = client.post(REQUEST_URL, {"email": "somchai@cdd.go.th"})

    assert response["Location"] == SENT_URL
    assert mail.outbox == []


def test_a_bad_address_is_refused_in_thai(client, db):
    response = client.post(REQUEST_URL, {"email": "not-an-address"})

    assert response.status_code == 200
    assert "ป้อนที่อยู่อีเมลที่ถูกต้อง" in text_of(response)


def test_the_new_password_must_pass_the_thai_validators(client, personas):
    with_email(personas.district_officer, "somchai@cdd.go.th")
    client.post(REQUEST_URL, {"email": "somchai@cdd.go.th"})
    link = link_in(mail.outbox[0].body)
    browser = Client()
    form_url = browser.get(link.removeprefix(SITE))["Location"]

    short = browser.post(form_url, {"new_password1": "short", "new_password2": "short"})
    different = browser.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD + "x"})

    assert "รหัสผ่านสั้นเกินไป ต้องมีอย่างน้อย 12 ตัวอักษร" in text_of(short)
    assert "รหัสผ่านทั้งสองช่องไม่ตรงกัน" in text_of(different)
    assert "รหัสผ่านต้องมีอย่างน้อย 12 ตัวอักษร" in text_of(short)  # the rules shown under the field
    assert logs_in("mueang_district", PASSWORD)


def test_a_used_link_is_refused_in_thai(client, personas):
    with_email(personas.district_officer, "somchai@cdd.go.th")
    client.post(REQUEST_URL, {"email": "somchai@cdd.go.th"})
    link = link_in(mail.outbox[0].body)
    set_password_with(Client(), link)

    again = Client().get(link.removeprefix(SITE))

    assert again.status_code == 200
    page = text_of(again)
    assert LINK_DEAD in page and "ขอลิงก์ตั้งรหัสผ่านใหม่" in page
    assert "new_password1" not in page


def test_the_link_expires_after_an_hour(client, personas):
    with_email(personas.district_officer, "somchai@cdd.go.th")
    client.post(REQUEST_URL, {"email": "somchai@cdd.go.th"})
    path = link_in(mail.outbox[0].body).removeprefix(SITE)

    with mock.patch.object(
        PasswordResetTokenGenerator, "_now", return_value=datetime.now() + timedelta(minutes=59)
    ):
        assert Client().get(path).status_code == 302
    with mock.patch.object(
        PasswordResetTokenGenerator, "_now", return_value=datetime.now() + timedelta(minutes=61)
    ):
        late = Client().get(path)

    assert late.status_code == 200 and LINK_DEAD in text_of(late)
    assert "ภายใน 60 นาที" in text_of(late)


def test_logging_in_ends_an_unused_link(client, personas):
    with_email(personas.district_officer, "somchai@cdd.go.th")
    client.post(REQUEST_URL, {"email": "somchai@cdd.go.th"})
    path = link_in(mail.outbox[0].body).removeprefix(SITE)

    assert logs_in("mueang_district", PASSWORD)

    assert LINK_DEAD in text_of(Client().get(path))


def test_requests_are_limited_per_address(client, personas, caplog):
    with_email(personas.district_officer, "somchai@cdd.go.th")
    for _attempt in range(5):
        assert client.post(REQUEST_URL, {"email": "somchai@cdd.go.th"}).status_code == 302

    with caplog.at_level(logging.WARNING, logger="tambonplan.accounts.password_reset"):
        sixth = client.post(REQUEST_URL, {"email": "SOMCHAI@cdd.go.th"})

    assert sixth.status_code == 200 and TOO_OFTEN in text_of(sixth)
    assert len(mail.outbox) == 5
    assert "address 'SOMCHAI@cdd.go.th' from 127.0.0.1, too often" in caplog.text
    # Unknown addresses are limited the same way: the limit tells nothing about which addresses exist.
    for _attempt in range(5):
        client.post(REQUEST_URL, {"email": "nobody@cdd.go.th"})
    assert TOO_OFTEN in text_of(client.post(REQUEST_URL, {"email": "nobody@cdd.go.th"}))


def test_requests_are_limited_per_client_address(client, personas, settings):
    settings.PASSWORD_RESET_MAX_REQUESTS_PER_IP = 3
    with_email(personas.district_officer, "somchai@cdd.go.th")
    for number in range(3):
        client.post(REQUEST_URL, {"email": f"guess{number}@cdd.go.th"})

    refused = client.post(REQUEST_URL, {"email": "somchai@cdd.go.th"})
    elsewhere = Client(REMOTE_ADDR="10.1.2.3").post(REQUEST_URL, {"email": "somchai@cdd.go.th"})

    assert TOO_OFTEN in text_of(refused)
    assert elsewhere.status_code == 302
    assert len(mail.outbox) == 1


def test_a_request_is_logged_with_whom_it_went_to(client, personas, caplog):
    with_email(personas.district_officer, "somchai@cdd.go.th")

    with caplog.at_level(logging.INFO, logger="tambonplan.accounts.password_reset"):
        client.post(REQUEST_URL, {"email": "somchai@cdd.go.th"})
        client.post(REQUEST_URL, {"email": "nobody@cdd.go.th"})
        set_password_with(Client(), link_in(mail.outbox[0].body))

    assert "asked for address 'somchai@cdd.go.th' from 127.0.0.1: sent to 'mueang_district'" in caplog.text
    assert "asked for address 'nobody@cdd.go.th' from 127.0.0.1: sent to no active user" in caplog.text
    assert "password of user 'mueang_district' set with a reset link from 127.0.0.1" in caplog.text


def test_a_reset_ends_the_users_other_sessions(client, personas):
    officer = with_email(personas.district_officer, "somchai@cdd.go.th")
    elsewhere = personas.client_for(officer)
    assert elsewhere.get("/").status_code == 200

    client.post(REQUEST_URL, {"email": "somchai@cdd.go.th"})
    set_password_with(Client(), link_in(mail.outbox[0].body))

    response = elsewhere.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_two_factor_login_stays_on_after_a_reset(client, officer_with_totp):
    with_email(officer_with_totp, "province@cdd.go.th")
    client.post(REQUEST_URL, {"email": "province@cdd.go.th"})
    assert "รหัส 6 หลักจากแอปเช่นเดิม" in mail.outbox[0].body

    browser = Client()
    set_password_with(browser, link_in(mail.outbox[0].body))
    assert "_auth_user_id" not in browser.session

    login = browser.post("/accounts/login/", {"username": "ubon_province", "password": NEW_PASSWORD})
    assert login["Location"] == "/accounts/login/code/"
    assert "_auth_user_id" not in browser.session
    officer_with_totp.refresh_from_db()
    assert officer_with_totp.totp_enabled


def test_the_reset_is_in_the_users_history(client, personas):
    with_email(personas.tambon_officer, "tambon@cdd.go.th")
    client.post(REQUEST_URL, {"email": "tambon@cdd.go.th"})
    set_password_with(Client(), link_in(mail.outbox[0].body))

    page = personas.client_for(personas.district_officer).get(
        f"/accounts/users/{personas.tambon_officer.pk}/"
    )

    assert "ตั้งรหัสผ่านใหม่ด้วยลิงก์ตั้งรหัสผ่าน" in text_of(page)


# ------------------------------------------------------------------ a manager's one-time link


def link_url(user: User) -> str:
    return f"/accounts/users/{user.pk}/password-link/"


def test_the_user_page_offers_a_link_for_a_user_without_email(personas):
    manager = personas.client_for(personas.district_officer)

    page = text_of(manager.get(f"/accounts/users/{personas.tambon_officer.pk}/"))
    own = text_of(manager.get(f"/accounts/users/{personas.district_officer.pk}/"))

    assert "สร้างลิงก์ตั้งรหัสผ่านใหม่" in page and "ผู้ใช้นี้ไม่มีอีเมลในระบบ" in page
    assert f'action="{link_url(personas.tambon_officer)}"' in page
    assert "สร้างลิงก์ตั้งรหัสผ่านใหม่" not in own


def test_a_district_officer_hands_a_one_time_link_to_a_tambon_officer(personas, caplog):
    manager = personas.client_for(personas.district_officer)

    with caplog.at_level(logging.INFO, logger="tambonplan.accounts.password_reset"):
        response = manager.post(link_url(personas.tambon_officer))

    assert response.status_code == 200
    page = text_of(response)
    link = link_in(page)
    assert "ส่งลิงก์นี้ให้เจ้าของบัญชี huaruea_tambon เท่านั้น" in page
    assert "<svg" in page  # the QR code to scan
    assert "ใช้ได้ครั้งเดียว ถึง" in page
    assert "password reset link made by 'mueang_district' for user 'huaruea_tambon'" in caplog.text
    assert mail.outbox == []

    set_password_with(Client(), link)

    assert logs_in("huaruea_tambon", NEW_PASSWORD)
    assert LINK_DEAD in text_of(Client().get(link.removeprefix(SITE)))


def test_a_province_officer_makes_links_for_the_whole_province(personas):
    manager = personas.client_for(personas.province_officer)

    assert manager.post(link_url(personas.other_district_officer)).status_code == 200


def test_a_district_officer_cannot_make_a_link_for_another_districts_user(personas):
    manager = personas.client_for(personas.district_officer)

    assert manager.post(link_url(personas.other_district_officer)).status_code == 404
    assert manager.post(link_url(personas.outsider)).status_code == 404


@pytest.mark.parametrize("persona", ["viewer", "tambon_officer"])
def test_who_manages_no_users_cannot_make_links(personas, persona):
    client = personas.client_for(getattr(personas, persona))

    assert client.post(link_url(personas.district_officer)).status_code == 403


def test_a_link_is_made_by_post_only(personas):
    manager = personas.client_for(personas.district_officer)

    assert manager.get(link_url(personas.tambon_officer)).status_code == 405


def test_no_link_for_a_suspended_user_or_the_managers_own_account(personas):
    personas.tambon_officer.is_active = False
    personas.tambon_officer.save()
    manager = personas.client_for(personas.district_officer)

    suspended = manager.post(link_url(personas.tambon_officer), follow=True)
    own = manager.post(link_url(personas.district_officer), follow=True)

    assert "บัญชีนี้ถูกระงับอยู่ เปิดใช้งานก่อนจึงจะสร้างลิงก์ตั้งรหัสผ่านใหม่ได้" in text_of(suspended)
    assert "บัญชีของท่านเองให้เปลี่ยนรหัสผ่านที่เมนูความปลอดภัยของบัญชี" in text_of(own)
    assert LINK_RE.search(text_of(suspended)) is None and LINK_RE.search(text_of(own)) is None


def test_links_are_limited_per_user_and_per_manager(personas, settings):
    settings.PASSWORD_RESET_MAX_REQUESTS_PER_IP = 6
    manager = personas.client_for(personas.province_officer)
    for _attempt in range(5):
        assert LINK_RE.search(text_of(manager.post(link_url(personas.tambon_officer))))

    sixth = manager.post(link_url(personas.tambon_officer), follow=True)
    other_user = manager.post(link_url(personas.district_officer))
    over_the_managers_limit = manager.post(link_url(personas.viewer), follow=True)

    assert TOO_OFTEN in text_of(sixth) and LINK_RE.search(text_of(sixth)) is None
    assert LINK_RE.search(text_of(other_user))
    assert TOO_OFTEN in text_of(over_the_managers_limit)


def test_a_manager_with_two_factor_makes_links_after_the_code_step(officer_with_totp, personas):
    manager = client_past_the_code_step(officer_with_totp)

    assert LINK_RE.search(text_of(manager.post(link_url(personas.viewer))))
