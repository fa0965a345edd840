"""API test helpers: a client that calls the API with a persona's token."""

import json

import pytest
from django.core.cache import cache
from django.test import Client

from tambonplan.api import services


class ApiClient:
    """Calls /api/v1/ as `user` with a fresh token (read-only unless `write`)."""

    def __init__(self, user, *, write: bool = False):
        self.user = user
        self.token, self.secret = services.token_create(user=user, name="ทดสอบ", can_write=write)
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {self.secret}")

    def get(self, path: str, params: dict | None = None):
        return self.client.get(_url(path), params or {})

    def _send(self, method: str, path: str, body, headers: dict | None = None):
        return getattr(self.client, method)(
            _url(path), json.dumps(body), content_type="application/json", headers=headers
        )

    def post(self, path: str, body=None):
        return self._send("post", path, body or {})

    def patch(self, path: str, body=None, headers: dict | None = None):
        return self._send("patch", path, body or {}, headers)

    def put(self, path: str, body=None):
        return self._send("put", path, body or {})

    def delete(self, path: str):
        return self.client.delete(_url(path))


def _url(path: str) -> str:
    return path if path.startswith("/api/") else "/api/v1/" + path.lstrip("/")


@pytest.fixture
def api():
    """api(user, write=False) -> ApiClient."""
    return lambda user, write=False: ApiClient(user, write=write)


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate-limit counters live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


def error_of(response) -> dict:
    """The one error format: {"error": {"code", "message", "details"}}."""
    body = response.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message", "details"}, body
    return body["error"]
