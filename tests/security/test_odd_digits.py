"""Issue 14 (item 7, hardening item 5): odd digits sent to every numeric parameter of every URL answer no 500.

``"²".isdigit()`` is true but ``int("²")`` fails; ``int("٣")`` reads Arabic-Indic digits; a number beyond 64 bits
overflows the database. Every number read from a request goes through ``tambonplan.thai.digits.parse_int``
(ASCII and Thai digits, within the 64-bit range) or a form field built on it, so none of these values may end
in a server error.

The URLs, personas and objects are the authorization matrix's (tests/security/matrix.py and its policy): each
URL is requested by the first persona the policy lets through (the province officer where it may), over the
matrix's world. The parameters sent:

* every name of ``COMMON_NAMES``, on every URL;
* the fields of the forms on the pages: every page the personas can open is read once (``crawl``) and its forms
  give, per target URL, a filled-in body (what the page would post) and the names of their fields;
* the number fields of every Django form built while answering (their names, prefixed as posted);
* the query parameters and integer body fields of the API (from its OpenAPI schema);
* the URL's own path arguments, where their converter lets the value through (a 23-digit id: not found).

A POST sends one odd value in one field of an otherwise valid body, so that the value reaches the code that
reads it; each request runs in a savepoint rolled back after it, so a delete does not hide the next case.
"""

import json
import re
from collections import defaultdict
from contextlib import contextmanager
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django import forms
from django.core.cache import cache
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.http import QueryDict
from django.test import Client
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from tambonplan.accounts.models import Role, User
from tambonplan.thai.digits import to_thai_digits
from tests.security import test_authorization_matrix as matrix_tests
from tests.security.matrix import (
    ANON,
    DEPARTMENT,
    DISTRICT,
    INVALID,
    OK,
    OTHER,
    OUTSIDER,
    PARTNER,
    PROVINCE,
    TAMBON,
    VIEWER,
    url_patterns,
)
from tests.security.test_authorization_matrix import ADMIN_SAMPLE, API_WRITES, rule_for

world = matrix_tests.world  # the matrix's module fixture: its personas and objects, made once for this module

# Superscript, Arabic-Indic, full-width and Thai digits, a negative number, one beyond 64 bits, an exponent,
# nothing; and the largest 64-bit number, which parse_int accepts but a smaller column (smallint, integer) of
# PostgreSQL does not.
ODD_VALUES = ("²", "٣", "１２", "๑๒", "-1", "99999999999999999999999", "1e3", "", "9223372036854775807")
COMMON_NAMES = (
    "page",
    "year",
    "fiscal_year",
    "partner",
    "project",
    "district",
    "tambon",
    "village",
    "revision",
    "id",
    "pk",
    "count",
    "limit",
    "offset",
)
ADMIN = "administrator"
# Who asks: the first persona of this list the policy lets reach the URL (a 2xx, or a public form's 400).
PREFERENCE = (PROVINCE, DISTRICT, TAMBON, PARTNER, OUTSIDER, OTHER, VIEWER, DEPARTMENT, ANON)
REACHED = (OK, INVALID)
MAX_VARIANTS = 3  # filled-in bodies per target URL (a page lists, e.g., one delete form per row)

PATTERNS = url_patterns()

# ---------------------------------------------------------------------------------------------------------
# Which URLs, asked by whom.


def persona_for(name: str, method: str) -> str:
    if name.startswith("admin:"):
        return ADMIN
    rule = rule_for(name)
    expected = (rule.get if method == "GET" else rule.post) if rule is not None else None
    for persona in PREFERENCE:
        if expected and expected[persona] in REACHED:
            return persona
    # Nobody gets through (e.g. the second login step): the guard still reads the request. A URL without a
    # policy yet fails the matrix's test_every_url_has_a_policy; here it is asked by the province officer.
    return PROVINCE


def _is_admin_target(name: str) -> bool:
    return name in ADMIN_SAMPLE or name.endswith("_changelist")


def _targets() -> list[tuple[str, str]]:
    """(url name, method) of every URL the matrix requests, plus every admin list page."""
    found = []
    seen = set()
    for pattern in PATTERNS:
        if pattern.name in seen:
            continue  # the API's routes with several methods appear once per method
        seen.add(pattern.name)
        if pattern.name.startswith("admin:"):
            if _is_admin_target(pattern.name):
                found.append((pattern.name, "GET"))
            continue
        rule = rule_for(pattern.name)
        if rule is None or rule.get is not None:
            found.append((pattern.name, "GET"))
        if rule is None or (rule.post is not None and not _is_api_read(pattern.name, rule)):
            found.append((pattern.name, "POST"))
    return found


def _is_api_read(name: str, rule) -> bool:
    """The API's reads answer POST with 405 whatever the body: not worth a request per value."""
    return name.startswith("api:") and rule.post is not None and set(rule.post.values()) == {"not_allowed"}


TARGETS = _targets()

# ---------------------------------------------------------------------------------------------------------
# Which of a form's fields are numbers.

NUMBER_FIELDS = (
    forms.IntegerField,
    forms.DecimalField,
    forms.FloatField,
    forms.ModelChoiceField,  # and ModelMultipleChoiceField: ids
    forms.TypedChoiceField,
    forms.TypedMultipleChoiceField,
)


def _number_field_names(form: forms.BaseForm) -> set[str]:
    return {form.add_prefix(name) for name, field in form.fields.items() if isinstance(field, NUMBER_FIELDS)}


def _form_classes(base=forms.BaseForm):
    for cls in base.__subclasses__():
        yield cls
        yield from _form_classes(cls)


def _declared_number_names() -> set[str]:
    """The number fields declared by the project's form classes (those added in __init__ come from the crawl)."""
    names = set()
    for cls in _form_classes():
        if cls.__module__.startswith("tambonplan."):
            fields = getattr(cls, "base_fields", {})
            names |= {name for name, field in fields.items() if isinstance(field, NUMBER_FIELDS)}
    return names


@contextmanager
def recording_forms():
    """The Django forms built inside the block (bound or not), listed as they are made."""
    made: list[forms.BaseForm] = []
    original = forms.BaseForm.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        made.append(self)

    forms.BaseForm.__init__ = init
    try:
        yield made
    finally:
        forms.BaseForm.__init__ = original


PROBE = "_odd_digits_probe"
ALL_KEYS = "*"  # read as a whole: every key may matter
EMPTY = ""  # only asked whether it is empty (``request.POST or None``)
_KEY_READS = ("__getitem__", "get", "getlist", "__contains__")
_WHOLE_READS = ("__iter__", "items", "lists", "keys", "values", "dict", "urlencode", "copy")
_READS = (*_KEY_READS, *_WHOLE_READS, "__len__")


@contextmanager
def recording_query_reads():
    """The keys read, inside the block, of a query string or a posted body that carries PROBE (ALL_KEYS when
    it is read as a whole, EMPTY when only its emptiness is asked)."""
    reads: set[str] = set()
    saved = {name: QueryDict.__dict__.get(name) for name in _READS}

    def wrap(name):
        original = getattr(QueryDict, name)

        def read(self, *args, **kwargs):
            if dict.__contains__(self, PROBE):
                if name in _KEY_READS:
                    reads.add(args[0] if args else kwargs.get("key"))
                else:
                    reads.add(ALL_KEYS if name in _WHOLE_READS else EMPTY)
            return original(self, *args, **kwargs)

        return read

    for name in _READS:
        setattr(QueryDict, name, wrap(name))
    try:
        yield reads
    finally:
        for name, original in saved.items():
            if original is None:
                delattr(QueryDict, name)
            else:
                setattr(QueryDict, name, original)


_DIGITS = re.compile(r"[0-9]+")
_FORMSET_INDEX = re.compile(r"^(?:.*-)?(?:\d+-)?")
_ROW = re.compile(r"-([0-9]+)-")


def _first_rows_only(names: set[str]) -> set[str]:
    """Formset fields of the first row only ("m-0-weight", not "m-1-weight" too): the rows are read alike."""
    return {name for name in names if (row := _ROW.search(name)) is None or row.group(1) == "0"}


def _looks_numeric(name: str, values: list[str], number_names: set[str]) -> bool:
    bare = _FORMSET_INDEX.sub("", name)
    return name in number_names or bare in number_names or any(_DIGITS.fullmatch(v or "") for v in values)


# ---------------------------------------------------------------------------------------------------------
# The pages' forms.


class FormParser(HTMLParser):
    """The forms of a page: method, action, their fields' values as the browser would post them, buttons."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self.form: dict | None = None
        self.select: dict | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {key: (value if value is not None else "") for key, value in attrs}
        if tag == "form":
            self.form = {
                "method": (a.get("method") or "get").lower(),
                "action": a.get("action", ""),
                "fields": defaultdict(list),
                "buttons": [],
                "names": set(),
            }
            self.forms.append(self.form)
            return
        if self.form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            self.form["names"].add(name)
            if kind in ("submit", "image"):
                self.form["buttons"].append((name, a.get("value", "")))
            elif kind == "checkbox":
                self.form["fields"][name].append(a.get("value", "on"))
            elif kind == "radio":
                if "checked" in a or name not in self.form["fields"]:
                    self.form["fields"][name] = [a.get("value", "on")]
            elif kind not in ("file", "button", "reset"):
                self.form["fields"][name].append(a.get("value", ""))
        elif tag == "button" and name and (a.get("type") or "submit").lower() == "submit":
            self.form["names"].add(name)
            self.form["buttons"].append((name, a.get("value", "")))
        elif tag == "select" and name:
            self.form["names"].add(name)
            self.select = {"name": name, "multiple": "multiple" in a, "first": None, "selected": []}
        elif tag == "option" and self.select is not None:
            value = a.get("value", "")
            if self.select["first"] is None:
                self.select["first"] = value
            if "selected" in a:
                self.select["selected"].append(value)
        elif tag == "textarea" and name:
            self.form["names"].add(name)
            self.textarea = name
            self.form["fields"][name].append("")

    def handle_data(self, data):
        if self.textarea is not None and self.form is not None:
            self.form["fields"][self.textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select" and self.select is not None and self.form is not None:
            chosen = self.select["selected"]
            if not chosen and not self.select["multiple"] and self.select["first"] is not None:
                chosen = [self.select["first"]]
            if chosen:
                self.form["fields"][self.select["name"]] = chosen
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def _target_of(page_url: str, action: str) -> tuple[str, str] | None:
    url = urljoin(page_url, action or page_url)
    path = urlsplit(url).path
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name, path


# ---------------------------------------------------------------------------------------------------------
# Requests.


def _client(world, persona: str, admin) -> Client:
    client = Client()
    user = admin if persona == ADMIN else world["users"][persona]
    if user is not None:
        client.force_login(user)
    return client


def _send(client: Client, method: str, url: str, data=None, *, json_body=None):
    """The response, or the exception that escaped the view; the request's changes are rolled back."""
    cache.clear()  # no rate limit or lockout carries over from one request to the next
    try:
        with transaction.atomic():
            if json_body is not None:
                body = json.dumps(json_body) if json_body else ""
                response = getattr(client, method.lower())(url, body, content_type="application/json")
            elif method == "GET":
                response = client.get(url, data or {})
            else:
                response = client.post(url, data or {})
            transaction.set_rollback(True)
    except Exception as error:  # noqa: BLE001 (any escaping exception is the finding)
        return error
    return response


def _problem(response_or_error, what: str) -> str | None:
    if isinstance(response_or_error, Exception):
        return f"{what}: {type(response_or_error).__name__}: {str(response_or_error)[:200]}"
    if response_or_error.status_code >= 500:
        return f"{what}: status {response_or_error.status_code}"
    return None


# ---------------------------------------------------------------------------------------------------------
# Fixtures.


@pytest.fixture(scope="module")
def admin(world, django_db_blocker):
    """A superuser, for the admin's pages (made inside the world's transaction, rolled back with it)."""
    with django_db_blocker.unblock():
        return User.objects.create_superuser(
            username="odd_digits_admin", password="x", email="admin@example.org", role=Role.DEPARTMENT
        )


@pytest.fixture(scope="module")
def crawl(world, admin, django_db_blocker):
    """Every page the personas reach, read once: the forms on them and the number fields of the Django forms.

    Answers ``{"posts": {url name: [(path, body), ...]}, "gets": {url name: {field: values}}, "numbers": {names},
    "reading": {the url names whose views read the query string}}``.
    """
    posts: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    gets: dict[str, dict[str, list[str]]] = defaultdict(dict)
    seen_shapes: set[tuple] = set()
    numbers = _declared_number_names()
    reading: set[str] = set()  # the pages that read their query string
    clients: dict[str, Client] = {}
    with django_db_blocker.unblock(), recording_forms() as made:
        for name, method in TARGETS:
            if method != "GET" or name.startswith(("api:", "admin:")):
                continue
            persona = persona_for(name, "GET")
            if persona not in clients:
                clients[persona] = _client(world, persona, admin)
            url = reverse(name, kwargs=world["mueang"].args.get(name, {}))
            with recording_query_reads() as reads:
                response = _send(clients[persona], "GET", url, {PROBE: "1"})
            if reads:
                reading.add(name)
            if isinstance(response, Exception) or response.status_code != 200:
                continue
            if not response.get("Content-Type", "").startswith("text/html"):
                continue
            parser = FormParser()
            parser.feed(response.content.decode())
            for form in parser.forms:
                target = _target_of(url, form["action"])
                if target is None:
                    continue
                view_name, path = target
                fields = {key: list(values) for key, values in form["fields"].items()}
                if form["method"] == "get":
                    for key in form["names"]:
                        gets[view_name].setdefault(key, fields.get(key, [""]))
                    continue
                fields.pop("csrfmiddlewaretoken", None)
                for button in form["buttons"] or [None]:
                    body = dict(fields)
                    if button is not None:
                        body[button[0]] = [button[1]]
                    shape = (view_name, frozenset(body), button)
                    if shape in seen_shapes or len(posts[view_name]) >= MAX_VARIANTS:
                        continue
                    seen_shapes.add(shape)
                    posts[view_name].append((path, body))
        for form in made:
            numbers |= _number_field_names(form)
    return {"posts": posts, "gets": gets, "numbers": numbers, "reading": reading}


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def files_stay(monkeypatch):
    """Deleting evidence or an enclosure removes its file from disk, which no rollback brings back: kept here,
    so that the pages after a delete still serve the world's files."""
    monkeypatch.setattr(FileSystemStorage, "delete", lambda storage, name: None)


# ---------------------------------------------------------------------------------------------------------
# The API's parameters, from its OpenAPI schema.


def _api_schema() -> dict:
    from tambonplan.api.api import api

    return json.loads(json.dumps(api.get_openapi_schema()))


API_SCHEMA = _api_schema()


def _api_operation(path: str, method: str) -> dict:
    """The schema's operation for a served path such as /api/v1/plans/12/steps."""
    for template, operations in API_SCHEMA["paths"].items():
        pattern = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$"
        if re.match(pattern, path) and method.lower() in operations:
            return operations[method.lower()]
    return {}


def _api_query_names(path: str) -> set[str]:
    operation = _api_operation(path, "GET")
    return {p["name"] for p in operation.get("parameters", []) if p.get("in") == "query"}


def _resolve_ref(schema: dict) -> dict:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = API_SCHEMA["components"]["schemas"][name]
    return schema


def _is_integer(schema: dict) -> bool:
    schema = _resolve_ref(schema)
    if schema.get("type") in ("integer", "number"):
        return True
    return any(_is_integer(option) for option in schema.get("anyOf", []))


def _api_body_numbers(path: str, method: str) -> set[str]:
    """The body's integer fields (its top level)."""
    operation = _api_operation(path, method)
    content = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
    body = _resolve_ref(content.get("schema", {}))
    return {name for name, prop in body.get("properties", {}).items() if _is_integer(prop)}


# ---------------------------------------------------------------------------------------------------------
# The cases.


def _path_variants(name: str, args: dict) -> list[tuple[str, str]]:
    """The URL with one argument replaced by an odd value (those its converter lets through)."""
    variants = []
    for key in args:
        for value in ODD_VALUES:
            try:
                variants.append((f"{key}={value!r}", reverse(name, kwargs=args | {key: value})))
            except NoReverseMatch:
                continue
    return variants


def _url(world, name: str) -> str:
    if name in ADMIN_SAMPLE:
        return reverse(name, kwargs=ADMIN_SAMPLE[name])
    return reverse(name, kwargs=world["mueang"].args.get(name, {}))


def _args(world, name: str) -> dict:
    return ADMIN_SAMPLE.get(name) if name in ADMIN_SAMPLE else world["mueang"].args.get(name, {})


def _get_cases(world, crawl, name: str) -> list[tuple[str, str, dict]]:
    url = _url(world, name)
    form_fields = crawl["gets"].get(name, {})
    names = set(COMMON_NAMES) | set(form_fields)
    if name.startswith("api:"):
        names |= _api_query_names(url)
    if name.startswith("admin:"):
        names |= {"p", "o", "q", "e", "all", "id__exact", "pk__exact"}
    baseline = {key: values[:1] or [""] for key, values in form_fields.items()}
    numeric = {key for key, values in form_fields.items() if _looks_numeric(key, values, crawl["numbers"])}
    cases = []
    reads_query = name.startswith(("api:", "admin:")) or name in crawl["reading"]
    # A page that never looks at its query string (a PDF, a spreadsheet...) is asked once, not once per value.
    for value in ODD_VALUES if reads_query else ODD_VALUES[:1]:
        # Every parameter at once (the page's filter form and the common names), then each of the form's alone:
        # a form made invalid by one field reads no other.
        cases.append((f"?*={value!r}", url, baseline | dict.fromkeys(names, value)))
        for key in sorted(numeric):
            cases.append((f"?{key}={value!r}", url, baseline | {key: value}))
    cases += [(label, path, {}) for label, path in _path_variants(name, _args(world, name))]
    return cases


def _post_cases(world, crawl, client, name: str) -> tuple[list[tuple[str, str, dict]], list[str]]:
    """The POSTs to make (label, path, body), and the problems found while probing the baselines."""
    variants = crawl["posts"].get(name) or [(_url(world, name), {})]
    problems = []
    cases = []
    for path, body in variants:
        # The body as the page posts it, once: which keys the view reads, which forms it fills in.
        with recording_forms() as made, recording_query_reads() as read:
            response = _send(client, "POST", path, body | {PROBE: "1"})
        if problem := _problem(response, f"POST {path} (the page's own body)"):
            problems.append(problem)
        numbers = crawl["numbers"]
        fields = {key for key, values in body.items() if _looks_numeric(key, values, numbers)}
        for form in made:
            if form.is_bound:  # the forms that read this body (a page's other forms are built unbound)
                fields |= _number_field_names(form)
        if ALL_KEYS not in read:  # a key the view never reads cannot hurt it
            fields &= read
        fields = _first_rows_only(fields)
        common = [key for key in COMMON_NAMES if ALL_KEYS in read or key in read]
        for value in ODD_VALUES:
            if common:
                cases.append((f"{','.join(common)}={value!r}", path, body | dict.fromkeys(common, value)))
            for key in sorted(fields - set(common)):
                cases.append((f"{key}={value!r}", path, body | {key: value}))
    if (name, "GET") not in TARGETS:  # a form's GET already looks its objects up from the same path
        cases += [(label, url, {}) for label, url in _path_variants(name, world["mueang"].args.get(name, {}))]
    return cases, problems


def _api_write_cases(world, write) -> list[tuple[str, str, dict]]:
    args = world["mueang"].args[write.name]
    url = reverse(write.name, kwargs=args)
    body = write.body(args) or {}
    names = _api_body_numbers(url, write.method) | {key for key, v in body.items() if isinstance(v, int)}
    cases = [("the matrix's body", url, body)]
    for key in sorted(names):
        for value in ODD_VALUES:
            cases.append((f"{key}={value!r}", url, body | {key: value}))
            number = _as_json_number(value)
            if number is not None:
                cases.append((f"{key}={number}", url, body | {key: number}))
    for label, path in _path_variants(write.name, args):
        cases.append((label, path, body))
    return cases


def _as_json_number(value: str):
    try:
        return json.loads(value)
    except ValueError:
        return None


def _case_id(name: str, method: str) -> str:
    return f"{name}-{method}"


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method"), [pytest.param(n, m, id=_case_id(n, m)) for n, m in TARGETS])
def test_odd_digits_never_answer_500(world, admin, crawl, name, method):
    persona = persona_for(name, method)
    client = _client(world, persona, admin)
    problems = []
    if method == "GET":
        cases = _get_cases(world, crawl, name)
    else:
        cases, problems = _post_cases(world, crawl, client, name)
    for label, url, data in cases:
        response = _send(client, method, url, data)
        if problem := _problem(response, f"{method} {url} [{label}] as {persona}"):
            problems.append(problem)
    assert not problems, f"{len(problems)} server errors:\n" + "\n".join(problems[:40])


@pytest.mark.django_db
@pytest.mark.parametrize("write", [pytest.param(w, id=f"{w.name}-{w.method}") for w in API_WRITES])
def test_odd_digits_in_api_bodies_never_answer_500(world, admin, write):
    # The district officer may make every write of the API in Hua Ruea (API_WRITES' policy).
    client = _client(world, DISTRICT, admin)
    problems = []
    for label, url, body in _api_write_cases(world, write):
        response = _send(client, write.method, url, json_body=body)
        if problem := _problem(response, f"{write.method} {url} [{label}]"):
            problems.append(problem)
    assert not problems, f"{len(problems)} server errors:\n" + "\n".join(problems[:40])


# ---------------------------------------------------------------------------------------------------------
# The two server errors of the issue, and a 24-digit id in a path, by name.


@pytest.mark.django_db
def test_commitment_form_with_a_superscript_partner_id(world, admin):
    """/partners/commitments/new/<id>/?partner=%C2%B2 answered 500 ("²".isdigit(), int("²") fails)."""
    client = _client(world, PROVINCE, admin)
    url = reverse("partners:commitment_create", kwargs=world["mueang"].args["partners:commitment_create"])
    for value in ("²", "٣", "99999999999999999999999"):
        response = _send(client, "GET", url, {"partner": value})
        assert not isinstance(response, Exception), response
        assert response.status_code == 200, value
        assert response.context["form"].initial.get("partner") is None
    partner = world["mueang"].partner
    response = _send(client, "GET", url, {"partner": to_thai_digits(partner.pk)})
    assert response.context["form"].initial["partner"] == partner  # Thai digits are digits


@pytest.mark.django_db
def test_bulk_status_with_a_superscript_project_id(world, admin):
    """A bulk status POST with project=² answered 500."""
    client = _client(world, PROVINCE, admin)
    url = reverse("planning:bulk_status", kwargs=world["mueang"].args["planning:bulk_status"])
    for value in ("²", "٣", "99999999999999999999999"):
        response = _send(client, "POST", url, {"project": value, "status": "under_way"})
        assert not isinstance(response, Exception), response
        assert response.status_code == 302, value


@pytest.mark.django_db
def test_a_24_digit_id_in_a_path_is_not_found(world, admin):
    client = _client(world, PROVINCE, admin)
    for url in ("/planning/plan/999999999999999999999999/", "/api/v1/plans/999999999999999999999999"):
        response = _send(client, "GET", url)
        assert not isinstance(response, Exception), response
        assert response.status_code == 404, url
