"""The OpenAPI schema is valid and complete, and a fuzz run generated from it finds no server error.

Every operation of the schema is called with cases Hypothesis (through Schemathesis) builds from the schema:
odd ids, strings, numbers, bodies with unknown keys. Whatever comes in, the answer is below 500, and every
refusal is in the one error format. The caller is the Mueang district officer with a write token, over a
world with a plan, a project, an event, a committee order, a partner's commitment and a district report."""

import json

import pytest
import schemathesis
from django.test import Client
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate
from schemathesis.core import NOT_SET

from tambonplan.api.api import api as ninja_api
from tests.api.conftest import ApiClient
from tests.security.matrix import build_world

pytestmark = pytest.mark.slow

SCHEMA = json.loads(json.dumps(ninja_api.get_openapi_schema()))
OPERATIONS = [result.ok() for result in schemathesis.openapi.from_dict(SCHEMA).get_all_operations()]


def test_schema_is_valid_openapi_and_served(db):
    validate(SCHEMA)
    served = Client().get("/api/v1/openapi.json")
    assert served.status_code == 200
    assert served.json()["paths"].keys() == SCHEMA["paths"].keys()


def test_schema_lists_every_domain_object():
    paths = set(SCHEMA["paths"])
    for needed in (
        "provinces", "districts", "tambons", "villages", "committees", "orders", "plans", "plans/{plan_id}/steps",
        "events", "needs", "projects", "partners", "commitments", "circulars", "reports",
        "circulars/{circular_id}/rates",
    ):  # fmt: skip
        assert any(path.endswith("/" + needed) for path in paths), needed


def _versioned_writes():
    """(path, method, operation) of every write whose body carries a `version` (optimistic locking)."""
    schemas = SCHEMA["components"]["schemas"]
    for path, methods in SCHEMA["paths"].items():
        for method, operation in methods.items():
            ref = (
                operation.get("requestBody", {})
                .get("content", {})
                .get("application/json", {})
                .get("schema", {})
            )
            body = schemas.get(ref.get("$ref", "").rsplit("/", 1)[-1], {})
            if "version" in body.get("properties", {}):
                yield path, method, operation, body


def test_versioned_writes_document_409_and_422_in_the_one_error_format():
    """Issue 15: a write that changes a versioned object needs the version (422 without it, 409 if stale)."""
    found = list(_versioned_writes())
    assert ("/api/v1/projects/{project_id}", "patch") in {(path, method) for path, method, _o, _b in found}
    for path, method, operation, _body in found:
        for status in ("409", "422"):
            response = operation["responses"].get(status)
            assert response, f"{method} {path} {status}"
            schema = response["content"]["application/json"]["schema"]
            error = SCHEMA["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
            assert error["required"] == ["error"], f"{method} {path} {status}"
        headers = {p["name"] for p in operation.get("parameters", []) if p["in"] == "header"}
        assert "If-Match" in headers, f"{method} {path}"


def test_docs_page_shows_every_endpoint_from_local_files(db):
    page = Client().get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html and "cdn" not in html.lower()
    assert "/api/v1/openapi.json" in html


@pytest.fixture
def caller(personas):
    build_world("340104", personas.district_officer)
    return ApiClient(personas.district_officer, write=True)


def _send(client: Client, case):
    path = case.formatted_path
    query = case.query if case.query not in (None, NOT_SET) else {}
    method = case.method.lower()
    if method == "get":
        return client.get(path, query)
    body = "" if case.body is NOT_SET else json.dumps(case.body)
    if query:
        path = f"{path}?{'&'.join(f'{k}={v}' for k, v in query.items())}"
    return getattr(client, method)(path, body, content_type="application/json")


@pytest.mark.django_db
@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: f"{op.method.upper()} {op.path}")
def test_fuzz_finds_no_server_error(caller, operation):
    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(case=operation.as_strategy())
    def run(case):
        response = _send(caller.client, case)
        where = f"{case.method} {case.formatted_path} query={case.query} body={case.body!r}"
        assert response.status_code < 500, where
        if response.status_code >= 400:
            body = response.json()
            assert set(body) == {"error"} and {"code", "message", "details"} <= set(body["error"]), where

    run()
