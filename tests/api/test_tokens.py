"""API tokens: made and revoked by their user on the tokens page; a token acts as its user, nothing more."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tambonplan.api.models import ApiToken
from tambonplan.api.services import token_create
from tests.api.conftest import error_of
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def _bearer(secret: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_officer_makes_a_token_sees_it_once_and_uses_it(personas):
    page = personas.client_for(personas.district_officer)
    response = page.post("/api/tokens/", {"name": "สคริปต์ของอำเภอ", "can_write": "on"})
    assert response.status_code == 200
    secret = response.context["secret"]
    assert secret.startswith("tp_") and secret in response.content.decode()
    token = ApiToken.objects.get()
    assert token.can_write and token.user == personas.district_officer
    assert secret not in (token.digest, token.prefix)  # only a digest is kept
    listed = page.get("/api/tokens/")
    assert secret not in listed.content.decode() and "สคริปต์ของอำเภอ" in listed.content.decode()

    used = _bearer(secret).get("/api/v1/areas/districts", {"page_size": 500})
    assert used.status_code == 200
    assert {row["code"] for row in used.json()["results"]} == {"3401"}
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_revoked_token_is_refused(personas):
    page = personas.client_for(personas.district_officer)
    token, secret = token_create(user=personas.district_officer, name="ชั่วคราว")
    assert _bearer(secret).get("/api/v1/projects").status_code == 200
    assert page.post(f"/api/tokens/{token.pk}/revoke/").status_code == 302
    refused = _bearer(secret).get("/api/v1/projects")
    assert refused.status_code == 401
    assert error_of(refused)["code"] == "unauthorized"
    assert "Authorization: Bearer" in error_of(refused)["message"]


def test_another_users_token_cannot_be_revoked(personas):
    token, secret = token_create(user=personas.district_officer, name="ของอำเภอเมือง")
    other = personas.client_for(personas.other_district_officer)
    assert other.post(f"/api/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_expired_token_and_inactive_user_are_refused(personas):
    token, secret = token_create(
        user=personas.district_officer, name="หมดอายุ", expires_on=timezone.localdate() + timedelta(days=1)
    )
    ApiToken.objects.filter(pk=token.pk).update(expires_on=timezone.localdate() - timedelta(days=1))
    assert _bearer(secret).get("/api/v1/projects").status_code == 401
    _token, secret = token_create(user=personas.tambon_officer, name="ผู้ใช้ถูกระงับ")
    personas.tambon_officer.is_active = False
    personas.tambon_officer.save()
    assert _bearer(secret).get("/api/v1/projects").status_code == 401


def test_no_or_garbage_token_answers_401(db):
    assert _bearer("tp_nothing").get("/api/v1/projects").status_code == 401
    assert Client().get("/api/v1/projects").status_code == 401
    assert Client(HTTP_AUTHORIZATION="Basic abc").get("/api/v1/projects").status_code == 401


def test_read_only_user_cannot_make_a_write_token(personas):
    page = personas.client_for(personas.viewer)
    response = page.post("/api/tokens/", {"name": "แดชบอร์ด", "can_write": "on"})
    assert "อ่านข้อมูลได้อย่างเดียว" in response.content.decode()
    assert not ApiToken.objects.exists()
    page.post("/api/tokens/", {"name": "แดชบอร์ด"})
    assert ApiToken.objects.get().can_write is False


def test_empty_name_and_past_expiry_are_reported(personas):
    page = personas.client_for(personas.district_officer)
    response = page.post("/api/tokens/", {"name": "  ", "expires_on": "2020-01-01"})
    assert response.status_code == 200
    assert not ApiToken.objects.exists()
    assert response.context["secret"] is None


def test_partner_users_have_no_api_tokens(personas):
    from tambonplan.accounts.models import Role
    from tests.partners import funding_factories as ff

    partner_user = make_user("partner_api", Role.PARTNER, province="34")
    partner_user.partner = ff.partner()
    partner_user.save()
    client = Client()
    client.force_login(partner_user)
    assert client.get("/api/tokens/").status_code == 403


def test_ten_active_tokens_at_most(personas):
    for n in range(10):
        token_create(user=personas.district_officer, name=f"t{n}")
    page = personas.client_for(personas.district_officer)
    response = page.post("/api/tokens/", {"name": "เกิน"})
    assert "ครบ 10 รายการ" in response.content.decode()
    assert ApiToken.objects.count() == 10


def test_token_of_a_tambon_officer_stays_in_its_tambons(personas, api):
    body = api(personas.tambon_officer).get("areas/tambons", {"page_size": 500}).json()
    assert {row["code"] for row in body["results"]} == {"340104", "340105"}


def test_too_many_requests_are_refused_in_the_one_format(api, personas, settings):
    """API_RATE_LIMIT (600 a minute by default) per user; the next request answers 429 until the minute ends."""
    limit = int(settings.API_RATE_LIMIT.split("/")[0])
    client = api(personas.district_officer)
    statuses = [client.get("areas/provinces/34").status_code for _ in range(limit)]
    assert set(statuses) == {200}
    refused = client.get("areas/provinces/34")
    assert refused.status_code == 429
    assert error_of(refused)["code"] == "too_many_requests"
