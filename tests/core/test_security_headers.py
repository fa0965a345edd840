"""HTTP hardening: the Content Security Policy (and pages that keep to it), the security headers, the
production settings and a clean `manage.py check --deploy`."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from tambonplan.accounts.services import user_enable_totp
from tests.conftest import PASSWORD
from tests.planning.factories import make_plan

BASE_DIR = Path(__file__).resolve().parent.parent.parent
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc\s*=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)
SECURITY_VARIABLES = {
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_PROXY_SSL_HEADER",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
}


def directives(response) -> dict[str, str]:
    header = response.headers["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


def assert_no_inline_script(html: str) -> None:
    assert not INLINE_SCRIPT.findall(html), INLINE_SCRIPT.findall(html)
    assert not EVENT_HANDLER.findall(html), EVENT_HANDLER.findall(html)
    assert not JAVASCRIPT_URL.findall(html)


def assert_strict_policy(response) -> None:
    policy = directives(response)
    assert policy["script-src"] == "'self'"
    assert policy["default-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["base-uri"] == "'self'" and policy["form-action"] == "'self'"
    assert policy["img-src"] == "'self' data:"
    # The known relaxation: templates use style="…" attributes.
    assert policy["style-src"] == "'self' 'unsafe-inline'"


def test_login_page_has_the_policy_and_no_inline_script(client, db):
    response = client.get("/accounts/login/")

    assert response.status_code == 200
    assert_strict_policy(response)
    assert_no_inline_script(response.content.decode())


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/planning/",
        "/planning/tambon/340104/",
        "/reports/",
        "/areas/",
        "/accounts/preferences/",
        "/accounts/preferences/two-factor/",
        "/accounts/users/",
        "/accounts/password/",
    ],
)
def test_main_pages_have_the_policy_and_no_inline_script(personas, url):
    client = personas.client_for(personas.province_officer)
    response = client.get(url, follow=True)

    assert response.status_code == 200
    assert_strict_policy(response)
    assert_no_inline_script(response.content.decode())


def test_a_plan_page_has_the_policy_and_no_inline_script(personas):
    plan = make_plan()
    client = personas.client_for(personas.tambon_officer)
    response = client.get(f"/planning/plan/{plan.pk}/")

    assert response.status_code == 200
    assert_strict_policy(response)
    assert_no_inline_script(response.content.decode())


def test_two_factor_code_page_has_the_policy(client, personas):
    user_enable_totp(user=personas.province_officer, secret="GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
    client.post("/accounts/login/", {"username": "ubon_province", "password": PASSWORD})
    response = client.get("/accounts/login/code/")

    assert response.status_code == 200
    assert_strict_policy(response)
    assert_no_inline_script(response.content.decode())


def test_json_responses_carry_no_policy(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert "Content-Security-Policy" not in response.headers


def test_security_headers_on_every_page(client, db):
    response = client.get("/accounts/login/")

    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.cookies["csrftoken"]["httponly"]


def test_static_javascript_does_not_read_the_csrf_cookie():
    """CSRF_COOKIE_HTTPONLY is only safe while no script needs the token from the cookie."""
    for script in (BASE_DIR / "tambonplan" / "static" / "js").glob("*.js"):
        text = script.read_text(encoding="utf-8")
        assert "csrftoken" not in text and "document.cookie" not in text, script


def test_ssl_redirect_spares_the_health_check(db, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    client = Client()

    assert client.get("/healthz").status_code == 200
    redirect = client.get("/accounts/login/")
    assert redirect.status_code == 301 and redirect["Location"] == "https://testserver/accounts/login/"
    secure = client.get("/accounts/login/", headers={"X-Forwarded-Proto": "https"})
    assert secure.status_code == 200
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


# ------------------------------------------------------------------ production settings, check --deploy


def production_env(tmp_path, **extra) -> dict:
    # Not the test run's own switches either (the browser tests allow async-unsafe calls in this process).
    leave_out = {*SECURITY_VARIABLES, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {key: value for key, value in os.environ.items() if key not in leave_out}
    environment.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="example.go.th",
        SITE_URL="https://example.go.th",
        TAMBONPLAN_DATA_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="tambonplan.settings",
    )
    environment.update(extra)
    return environment


SHOW_SECURITY = """
import json
import django
from django.conf import settings
django.setup()
names = [
    "SECURE_SSL_REDIRECT", "SECURE_REDIRECT_EXEMPT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD", "SECURE_PROXY_SSL_HEADER", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_HTTPONLY", "X_FRAME_OPTIONS", "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY", "SECURE_CROSS_ORIGIN_OPENER_POLICY", "LOGIN_MAX_FAILURES", "LOGIN_LOCKOUT_MINUTES",
]
print(json.dumps({name: getattr(settings, name) for name in names}))
"""


def production_settings(tmp_path, **extra) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", SHOW_SECURITY],
        env=production_env(tmp_path, **extra),
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_defaults(tmp_path):
    values = production_settings(tmp_path)

    assert values == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_REDIRECT_EXEMPT": ["^healthz$"],
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": False,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "X_FRAME_OPTIONS": "DENY",
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "SECURE_REFERRER_POLICY": "same-origin",
        "SECURE_CROSS_ORIGIN_OPENER_POLICY": "same-origin",
        "LOGIN_MAX_FAILURES": 5,
        "LOGIN_LOCKOUT_MINUTES": 15,
    }


def test_production_settings_follow_the_environment(tmp_path):
    values = production_settings(
        tmp_path,
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="3600",
        SECURE_HSTS_PRELOAD="1",
        SECURE_PROXY_SSL_HEADER="0",
        LOGIN_MAX_FAILURES="3",
        LOGIN_LOCKOUT_MINUTES="30",
    )

    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SECURE_HSTS_SECONDS"] == 3600
    assert values["SECURE_HSTS_PRELOAD"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] is None
    assert (values["LOGIN_MAX_FAILURES"], values["LOGIN_LOCKOUT_MINUTES"]) == (3, 30)


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=production_env(tmp_path),
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
