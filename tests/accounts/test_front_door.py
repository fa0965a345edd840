"""One front door: every login URL of the URL conf goes through the site's login (lockout, two-factor
code), and no session of a two-factor user counts unless it passed the code step."""

import pytest
from django.test import Client

from tambonplan.accounts import services, totp
from tambonplan.accounts.models import Role, User
from tests.conftest import PASSWORD
from tests.security.matrix import url_patterns

LOCKED = "เข้าสู่ระบบไม่สำเร็จหลายครั้งเกินไป"


def login_urls() -> list[str]:
    """Every URL of the URL conf whose route or name says login (those without parameters)."""
    routes = [
        pattern.route for pattern in url_patterns() if "login" in pattern.route or "login" in pattern.name
    ]
    return sorted(
        {
            "/" + route.lstrip("^").removesuffix("$").removesuffix("\\Z")
            for route in routes
            if "<" not in route and "(?P" not in route
        }
    )


@pytest.fixture
def admin_with_totp(db) -> User:
    admin = User.objects.create_superuser("root_admin", "root@example.com", PASSWORD, role=Role.ADMIN)
    return services.user_enable_totp(user=admin, secret=totp.new_secret())


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_the_login_urls_are_found():
    urls = login_urls()

    assert "/accounts/login/" in urls
    assert "/admin/login/" in urls
    assert "/accounts/login/code/" in urls


@pytest.mark.parametrize("url", login_urls())
def test_no_login_url_signs_in_a_two_factor_user_with_the_password_alone(url, admin_with_totp):
    client = Client()

    client.get(url)
    response = client.post(url, {"username": "root_admin", "password": PASSWORD, "next": "/admin/"})

    assert not signed_in(client)
    assert client.get("/admin/").status_code == 302
    assert client.get("/api/v1/areas/provinces").status_code in (401, 404)
    assert response.status_code in (200, 302)


def test_the_admin_login_sends_people_to_the_site_login(db):
    response = Client().get("/admin/login/?next=/admin/accounts/user/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/accounts/user/"


def test_the_admin_login_checks_no_password(admin_with_totp):
    response = Client().post("/admin/login/", {"username": "root_admin", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("url", login_urls())
def test_wrong_passwords_at_any_login_url_never_get_past_the_lockout(url, admin_with_totp):
    client = Client()
    for _attempt in range(20):
        client.post(url, {"username": "root_admin", "password": "wrong-password"})

    client.post("/accounts/login/", {"username": "root_admin", "password": PASSWORD})

    assert not signed_in(client)


def test_a_username_locked_at_the_site_login_is_locked_at_the_admin_login_too(admin_with_totp):
    for _attempt in range(5):
        Client().post("/accounts/login/", {"username": "root_admin", "password": "wrong-password"})

    client = Client()
    client.post("/admin/login/", {"username": "root_admin", "password": PASSWORD}, follow=True)
    response = client.post("/accounts/login/", {"username": "root_admin", "password": PASSWORD})

    assert LOCKED in response.content.decode()
    assert not signed_in(client)


def test_the_admin_is_reached_through_the_site_login_and_the_code(admin_with_totp):
    client = Client()
    client.post(
        "/accounts/login/?next=/admin/",
        {"username": "root_admin", "password": PASSWORD, "next": "/admin/"},
    )
    code = totp.code_for(admin_with_totp.totp_secret, totp.counter_at() + 1)

    response = client.post("/accounts/login/code/", {"code": code})

    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_session_made_without_the_code_step_is_logged_out_on_pages_and_api(admin_with_totp):
    client = Client()
    client.force_login(admin_with_totp)  # as any door that skipped the code would

    assert client.get("/admin/").status_code == 302
    assert not signed_in(client)
    client.force_login(admin_with_totp)
    assert client.get("/api/v1/areas/provinces").status_code == 401
    assert not signed_in(client)


def test_a_signed_in_user_who_is_not_staff_is_refused_by_the_admin_not_sent_round(personas):
    client = personas.client_for(personas.district_officer)

    assert client.get("/admin/login/").status_code == 403


def test_a_user_without_two_factor_keeps_the_session(personas):
    client = personas.client_for(personas.district_officer)

    assert client.get("/").status_code == 200
    assert signed_in(client)
