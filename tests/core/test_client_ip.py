"""The client's address behind proxies: X-Forwarded-For is read only from TRUSTED_PROXIES."""

import ipaddress

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from tambonplan import config
from tambonplan.core.http import client_ip

LOAD_BALANCER = "10.0.0.5"  # the load balancer on another host
NGINX = "127.0.0.1"  # nginx on the web host, in front of gunicorn


def request_from(peer: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.fixture
def two_proxies(settings):
    settings.TRUSTED_PROXIES = [ipaddress.ip_network("10.0.0.0/24"), ipaddress.ip_network("127.0.0.1/32")]


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []

    assert client_ip(request_from("127.0.0.1", "198.51.100.7")) == "127.0.0.1"
    assert client_ip(request_from("203.0.113.9", "198.51.100.7")) == "203.0.113.9"


def test_behind_a_load_balancer_and_nginx_the_client_is_the_right_most_untrusted_entry(two_proxies):
    # client 198.51.100.7 → load balancer (appends the client) → nginx (appends the load balancer) → gunicorn
    request = request_from(NGINX, f"198.51.100.7, {LOAD_BALANCER}")

    assert client_ip(request) == "198.51.100.7"


def test_entries_the_client_wrote_itself_are_never_used(two_proxies):
    spoofed = [f"192.0.2.{n}, 198.51.100.7, {LOAD_BALANCER}" for n in range(5)]

    assert {client_ip(request_from(NGINX, header)) for header in spoofed} == {"198.51.100.7"}


def test_a_client_claiming_to_be_a_proxy_gets_no_further(two_proxies):
    request = request_from(NGINX, f"198.51.100.7, 10.0.0.9, {LOAD_BALANCER}")

    assert client_ip(request) == "198.51.100.7"


def test_an_untrusted_peer_is_the_client_whatever_it_sends(two_proxies):
    assert client_ip(request_from("203.0.113.9", "198.51.100.7, 10.0.0.5")) == "203.0.113.9"


def test_a_trusted_peer_without_the_header_is_the_client(two_proxies):
    assert client_ip(request_from(LOAD_BALANCER)) == LOAD_BALANCER
    assert client_ip(request_from(NGINX, "10.0.0.5, 127.0.0.1")) == NGINX


def test_behind_the_load_balancer_users_are_told_apart(two_proxies, client, personas):
    """The probe's finding: 50 failed logins through the load balancer locked out every user. Now they lock
    out only the address that made them."""
    for attempt in range(50):
        client.post(
            "/accounts/login/",
            {"username": f"nobody{attempt}", "password": "wrong-password"},
            REMOTE_ADDR=NGINX,
            HTTP_X_FORWARDED_FOR=f"198.51.100.66, {LOAD_BALANCER}",
        )

    honest = client.post(
        "/accounts/login/",
        {"username": "mueang_district", "password": "Test-password-2569"},
        REMOTE_ADDR=NGINX,
        HTTP_X_FORWARDED_FOR=f"203.0.113.20, {LOAD_BALANCER}",
    )
    attacker = client.post(
        "/accounts/login/",
        {"username": "ubon_province", "password": "Test-password-2569"},
        REMOTE_ADDR=NGINX,
        HTTP_X_FORWARDED_FOR=f"198.51.100.66, {LOAD_BALANCER}",
    )

    assert honest.status_code == 302
    assert "เข้าสู่ระบบไม่สำเร็จหลายครั้งเกินไป" in attacker.content.decode()


def test_trusted_proxies_setting_is_parsed_and_refuses_garbage(monkeypatch):
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.0/8, 127.0.0.1 ,::1")
    assert config.env_networks("TRUSTED_PROXIES") == [
        ipaddress.ip_network("10.0.0.0/8"),
        ipaddress.ip_network("127.0.0.1/32"),
        ipaddress.ip_network("::1/128"),
    ]
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.0/8, load-balancer")
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXIES: 'load-balancer'"):
        config.env_networks("TRUSTED_PROXIES")
