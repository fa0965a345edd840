"""The fiscal-year selector in the navigation bar."""

import pytest

from tambonplan.core.fiscal_years import SESSION_KEY, fiscal_year_choices
from tambonplan.thai.dates import current_fiscal_year

URL = "/fiscal-year/"


@pytest.fixture
def client_(personas):
    return personas.client_for(personas.district_officer)


def header(client) -> str:
    text = client.get("/").content.decode()
    return text.split('class="page-subtitle">', 1)[1].split("</p>", 1)[0]


def test_the_navbar_offers_the_years_and_posts_to_the_selector(client_):
    text = client_.get("/").content.decode()

    assert f'action="{URL}"' in text
    assert '<input type="hidden" name="next" value="/">' in text
    for year in fiscal_year_choices():
        assert f'<option value="{year}"' in text
    assert f'<option value="{current_fiscal_year()}" selected>' in text
    assert fiscal_year_choices()[-1] == 2566


def test_by_default_the_page_shows_the_current_fiscal_year(client_):
    assert f"ปีงบประมาณ พ.ศ. {current_fiscal_year()}" in header(client_)


def test_choosing_a_year_is_kept_in_the_session_and_shown(client_):
    response = client_.post(URL, {"fiscal_year": "2566", "next": "/areas/district/3401/"})

    assert response.status_code == 302
    assert response["Location"] == "/areas/district/3401/"
    assert client_.session[SESSION_KEY] == 2566
    assert "ปีงบประมาณ พ.ศ. 2566" in header(client_)
    page = client_.get("/areas/district/3401/").content.decode()
    assert '<option value="2566" selected>' in page
    # still there on the next request
    assert "ปีงบประมาณ พ.ศ. 2566" in header(client_)


def test_thai_digits_in_the_year_label(client_, personas):
    personas.district_officer.digit_style = "thai"
    personas.district_officer.save(update_fields=["digit_style"])
    client_.post(URL, {"fiscal_year": "2566"})

    assert "ปีงบประมาณ พ.ศ. ๒๕๖๖" in header(client_)


@pytest.mark.parametrize("year", ["abc", "", "2500", str(current_fiscal_year() + 2), "2566.0"])
def test_an_invalid_year_is_ignored(client_, year):
    client_.post(URL, {"fiscal_year": "2567"})

    response = client_.post(URL, {"fiscal_year": year})

    assert response.status_code == 302
    assert client_.session[SESSION_KEY] == 2567
    assert "ปีงบประมาณ พ.ศ. 2567" in header(client_)


@pytest.mark.parametrize(
    "target", ["https://evil.example/phish", "//evil.example/", "http://evil.example", "javascript:alert(1)"]
)
def test_an_off_site_next_is_not_followed(client_, target):
    response = client_.post(URL, {"fiscal_year": "2566", "next": target})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client_.session[SESSION_KEY] == 2566


def test_missing_next_goes_home(client_):
    response = client_.post(URL, {"fiscal_year": "2566"})
    assert response["Location"] == "/"


def test_the_selector_only_accepts_post(client_):
    assert client_.get(URL).status_code == 405
