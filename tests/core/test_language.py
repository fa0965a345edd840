"""The language picker: Thai by default (whatever the browser asks), English on request, and a complete catalogue."""

import gettext
import re

import pytest
from django.conf import settings
from django.test import Client

from tambonplan.thai.dates import current_fiscal_year

LOCALE_DIR = settings.BASE_DIR / "tambonplan" / "locale"
MO_FILE = LOCALE_DIR / "en" / "LC_MESSAGES" / "django.mo"
PO_FILE = LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po"

THAI_NAV = ["หน้าหลัก", "พื้นที่", "คณะกรรมการ"]
ENGLISH_NAV = [">Home<", ">Areas<", ">Committees<"]


@pytest.fixture
def officer_client(personas) -> Client:
    return personas.client_for(personas.district_officer)


def choose(client: Client, language: str):
    return client.post("/i18n/setlang/", {"language": language, "next": "/"})


def test_the_login_page_is_thai_even_when_the_browser_asks_for_english(db):
    response = Client().get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    text = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Language"] == "th"
    assert '<html lang="th">' in text
    assert "เข้าสู่ระบบ" in text
    assert "Log in" not in text


def test_the_home_page_is_thai_even_when_the_browser_asks_for_english(officer_client):
    response = officer_client.get("/", HTTP_ACCEPT_LANGUAGE="en-US")

    text = response.content.decode()
    assert response["Content-Language"] == "th"
    for label in THAI_NAV:
        assert label in text
    for label in ENGLISH_NAV:
        assert label not in text


def test_choosing_english_shows_english_navigation(officer_client):
    response = choose(officer_client, "en")
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    response = officer_client.get("/")

    text = response.content.decode()
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in text
    for label in ENGLISH_NAV:
        assert label in text
    year = current_fiscal_year()
    assert f"FY {year - 543} (B.E. {year})" in text
    assert "ปีงบประมาณ" not in text
    assert '<option value="en" lang="en" selected>' in text


def test_english_reaches_the_committee_overview(officer_client):
    choose(officer_client, "en")

    text = officer_client.get("/committees/district/3401/").content.decode()

    assert "KBT and CCCO appointment orders" in text
    assert "Needs review" in text
    assert "ต้องทบทวน" not in text


def test_switching_back_to_thai(officer_client):
    choose(officer_client, "en")
    assert ">Home<" in officer_client.get("/").content.decode()

    response = choose(officer_client, "th")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "th"
    response = officer_client.get("/", HTTP_ACCEPT_LANGUAGE="en-US")

    text = response.content.decode()
    assert response["Content-Language"] == "th"
    for label in THAI_NAV:
        assert label in text
    for label in ENGLISH_NAV:
        assert label not in text


def test_an_unknown_language_falls_back_to_thai(officer_client):
    officer_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"

    response = officer_client.get("/")

    assert response["Content-Language"] == "th"
    assert "หน้าหลัก" in response.content.decode()


def unquote(literal: str) -> str:
    """The text of one quoted .po string literal such as "a \\"b\\"\\n"."""
    return literal.strip()[1:-1].encode().decode("unicode_escape").encode("latin-1").decode("utf-8")


def po_msgids() -> set[str]:
    """The msgids of the .po file (continuation lines joined), without the header; a msgid with a context
    as the compiled catalogue keys it ("context\x04msgid")."""
    ids, parts, context = set(), None, None
    for line in PO_FILE.read_text(encoding="utf-8").splitlines():
        if line.startswith("msgctxt "):
            context = [unquote(line[len("msgctxt ") :])]
        elif line.startswith("msgid "):
            parts = [unquote(line[len("msgid ") :])]
        elif line.startswith('"') and (parts is not None or context is not None):
            (parts if parts is not None else context).append(unquote(line))
        elif parts is not None:
            msgid = "".join(parts)
            ids.add(f"{''.join(context)}\x04{msgid}" if context else msgid)
            parts, context = None, None
    return ids - {""}


def test_the_compiled_catalogue_is_complete():
    with MO_FILE.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    messages = {key: value for key, value in catalogue._catalog.items() if key != ""}

    assert len(messages) > 300
    for key, value in messages.items():
        assert value.strip(), f"empty translation for {key!r}"
    compiled_ids = {key[0] if isinstance(key, tuple) else key for key in messages}
    assert compiled_ids == po_msgids(), "django.mo is out of date: run compilemessages"
    plural_forms = [key for key in messages if isinstance(key, tuple)]
    assert plural_forms and all((key[0], 1) in messages for key in plural_forms)
    assert catalogue.info()["language"] == "en"


def test_the_po_file_has_no_fuzzy_or_empty_translations():
    text = PO_FILE.read_text(encoding="utf-8")

    assert "#, fuzzy" not in text
    assert re.search(r'^msgstr(\[\d\])? ""(\n\n|\n?\Z)', text, flags=re.MULTILINE) is None
