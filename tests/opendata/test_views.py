"""The public open-data page and downloads: no login; CSV, JSON and XLSX carry the same numbers as the
signed-in pages; caching; bad or odd parameters answer a Thai message (400/404), never a 500."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from tambonplan.opendata.selectors import DISTRICTS, PROVINCES, open_dataset
from tests.conftest import make_user
from tests.planning import factories as pf

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def download(client, name, fmt, **query):
    return client.get(reverse(f"opendata:{name}"), {"format": fmt, **query})


def csv_rows(content: bytes) -> list[dict]:
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads UTF-8
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def xlsx_sheets(content: bytes) -> tuple[list[tuple], list[tuple]]:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    data, dictionary = (list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets)
    return data, dictionary


def same(value) -> str:
    """A value as text comparable across formats: numbers by their decimal value."""
    if value is None or value == "":
        return ""
    if isinstance(value, int | float | Decimal):
        return str(Decimal(str(value)).normalize())
    try:
        return str(Decimal(value).normalize()) if value.replace(".", "", 1).isdigit() else value
    except (ArithmeticError, ValueError):
        return value


# ------------------------------------------------------------------ without login


def test_the_page_opens_without_login(world, client):
    response = client.get(reverse("opendata:index"), {"year": world.year})

    assert response.status_code == 200
    page = response.content.decode()
    assert "ข้อมูลเปิด" in page and "พจนานุกรมข้อมูล" in page and "อุบลราชธานี" in page
    assert "budget_secured_baht" in page and "workshop_socho_participants" in page
    for fmt in FORMATS:
        assert f"format={fmt}" in page
    dataset = response.context["dataset"]
    ubon = next(row for row in dataset.records() if row["province_code"] == "34")
    assert (ubon["plans_opened"], ubon["plans_done"], ubon["workshop_participants"]) == (3, 1, 25)
    headline = {label: value for label, value, _unit, _money in response.context["headline"]}
    assert headline["แผนพัฒนาตำบลที่เปิดแล้ว"] == 4  # Ubon's three and Si Sa Ket's one


def test_the_page_shows_a_provinces_districts(world, client):
    response = client.get(
        reverse("opendata:index"), {"year": world.year, "level": DISTRICTS, "province": "34"}
    )
    assert response.status_code == 200
    assert "รายอำเภอ จังหวัดอุบลราชธานี" in response.content.decode()
    assert "เมืองอุบลราชธานี" in response.content.decode()
    assert "province=34" in response.content.decode()


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("name", "query"), [(PROVINCES, {}), (DISTRICTS, {"province": "34"}), (DISTRICTS, {})]
)
def test_every_format_downloads_without_login(world, client, fmt, name, query):
    response = download(client, name, fmt, year=world.year, **query)

    assert response.status_code == 200
    assert response["Content-Type"] == FORMATS[fmt]
    assert response["Content-Disposition"].startswith("attachment")
    assert f"{world.year}.{fmt}" in response["Content-Disposition"]
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age=3600"} <= cache_control


@pytest.mark.parametrize(
    ("name", "query", "key"),
    [(PROVINCES, {}, "province_code"), (DISTRICTS, {"province": "34"}, "district_code")],
)
def test_csv_json_and_xlsx_agree(world, client, name, query, key):
    as_csv = csv_rows(download(client, name, "csv", year=world.year, **query).content)
    as_json = json.loads(download(client, name, "json", year=world.year, **query).content)
    data, dictionary = xlsx_sheets(download(client, name, "xlsx", year=world.year, **query).content)

    names = [entry["name"] for entry in as_json["dictionary"]]
    assert as_json["dataset"] == (name if not query else f"{name}-34")
    assert as_json["fiscal_year"] == world.year and as_json["generated_at"]
    assert list(as_csv[0]) == names == [row[0] for row in dictionary[1:]]
    assert list(data[0]) == [entry["label"] for entry in as_json["dictionary"]]
    assert len(as_csv) == len(as_json["rows"]) == len(data) - 1 > 0
    for csv_row, json_row, xlsx_row in zip(as_csv, as_json["rows"], data[1:], strict=True):
        assert list(json_row) == names
        for index, column_name in enumerate(names):
            assert same(csv_row[column_name]) == same(json_row[column_name]) == same(xlsx_row[index]), (
                column_name
            )
    ubon = next(row for row in as_json["rows"] if row[key] in ("34", pf.MUEANG))
    assert ubon["plans_done"] == 1 and ubon["workshop_participants"] in (25, 18)


def test_the_downloads_carry_the_numbers_of_the_signed_in_pages(world, personas, client):
    """The province's page (progress by district) and its budget integration page, signed in, show what the
    public downloads say."""
    officer = personas.client_for(personas.province_officer)
    progress = officer.get(reverse("planning:province", args=["34"])).context["rows"]
    integration = officer.get(reverse("partners:integration_province", args=["34"])).context["data"]
    rows = {
        r["district_code"]: r
        for r in json.loads(download(client, DISTRICTS, "json", province="34").content)["rows"]
    }

    for row in progress:
        mine = rows[row.district.code]
        assert (mine["plans_opened"], mine["steps_done"], mine["workshop_tambons"], mine["projects"]) == (
            row.plans,
            row.steps_done,
            row.workshops,
            row.projects,
        )
        assert [
            mine[f"projects_class_{c.code}"]
            for c in officer.get(reverse("planning:province", args=["34"])).context["classes"]
        ] == row.class_cells
    for area in integration.rows:
        assert Decimal(str(rows[area.code]["budget_needed_baht"])) == area.totals.need
        assert Decimal(str(rows[area.code]["budget_secured_baht"])) == area.totals.secured

    department = personas.client_for(make_user("cdd", "department"))
    national = {r.province.code: r for r in department.get(reverse("planning:index")).context["rows"]}
    provinces = json.loads(download(client, PROVINCES, "json").content)["rows"]
    assert [r["province_code"] for r in provinces] == list(national)
    for row in provinces:
        page = national[row["province_code"]]
        assert (row["plans_opened"], row["steps_done_percent"], row["workshop_tambons"], row["projects"]) == (
            page.plans,
            page.percent_done,
            page.workshops,
            page.projects,
        )


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_personal_data_in_any_file(world, client, fmt):
    for name, query in ((PROVINCES, {}), (DISTRICTS, {"province": "34"}), (DISTRICTS, {})):
        content = download(client, name, fmt, year=world.year, **query).content
        if fmt == "xlsx":
            data, dictionary = xlsx_sheets(content)
            text = " ".join(str(cell) for row in data + dictionary for cell in row)
        else:
            text = content.decode("utf-8-sig")
        for value in world.personal:
            assert value not in text, (name, fmt, value)
        if fmt == "json":
            keys = set().union(*(row.keys() for row in json.loads(text)["rows"]))
            assert not any(word in key for key in keys for word in ("phone", "user", "member", "attendee")), (
                keys
            )


def test_the_dictionary_downloads_alone(world, client):
    response = client.get(reverse("opendata:dictionary"), {"dataset": DISTRICTS, "format": "csv"})
    assert response.status_code == 200
    rows = csv_rows(response.content)
    names = [c.name for c in open_dataset(DISTRICTS, fiscal_year=world.year, province_code="34").columns]
    assert [row["name"] for row in rows] == names
    assert all(row["label"] and row["type"] and row["definition"] for row in rows)
    as_json = json.loads(
        client.get(reverse("opendata:dictionary"), {"dataset": PROVINCES, "format": "json"}).content
    )
    assert as_json[1]["name"] == "province_code"


# ------------------------------------------------------------------ the cache


def test_a_second_download_makes_no_query(world, client, django_assert_num_queries):
    url = reverse("opendata:districts")
    query = {"year": world.year, "province": "34", "format": "json"}
    first = client.get(url, query)
    with django_assert_num_queries(0):
        second = client.get(url, query)
    assert first.content == second.content
    client.get(reverse("opendata:index"), {"year": world.year})
    with django_assert_num_queries(0):
        assert client.get(reverse("opendata:index"), {"year": world.year}).status_code == 200


def test_signed_in_users_download_the_same_file(world, personas, client):
    public = download(client, DISTRICTS, "csv", year=world.year, province="34").content
    signed_in = download(
        personas.client_for(personas.outsider), DISTRICTS, "csv", year=world.year, province="34"
    )
    assert signed_in.content == public


# ------------------------------------------------------------------ bad and odd parameters


@pytest.mark.parametrize(
    ("name", "query", "status", "message"),
    [
        (PROVINCES, {"format": "pdf"}, 400, "ไม่รองรับรูปแบบไฟล์"),
        (PROVINCES, {"format": "csv", "year": "2400"}, 404, "ไม่มีข้อมูลปีงบประมาณ"),
        (PROVINCES, {"format": "csv", "year": "3000"}, 404, "ไม่มีข้อมูลปีงบประมาณ"),
        (PROVINCES, {"format": "csv", "year": "2023"}, 404, "ใช้ปีพุทธศักราช"),
        (PROVINCES, {"year": "ปีนี้"}, 400, "ปีพุทธศักราช 4 หลัก"),
        (PROVINCES, {"year": "2566.0"}, 400, "ปีพุทธศักราช 4 หลัก"),
        (DISTRICTS, {"province": "99"}, 404, "ไม่พบจังหวัดรหัส 99"),
        (DISTRICTS, {"province": "10"}, 404, "ไม่พบจังหวัดรหัส 10"),
        (DISTRICTS, {"province": "3401"}, 400, "รหัสจังหวัดต้องเป็นตัวเลข 2 หลัก"),
        (DISTRICTS, {"province": "x" * 500}, 400, "ยาวเกินไป"),
        ("index", {"level": "tambons"}, 400, "ระดับของข้อมูล"),
        ("index", {"level": DISTRICTS, "province": "00"}, 404, "ไม่พบจังหวัดรหัส 00"),
        ("index", {"year": "1"}, 400, "ปีพุทธศักราช 4 หลัก"),
        ("dictionary", {"dataset": "people"}, 400, "ชุดข้อมูลต้องเป็น"),
        ("dictionary", {"format": "docx"}, 400, "ไม่รองรับรูปแบบไฟล์"),
    ],
)
def test_bad_parameters_get_a_thai_message(db, client, name, query, status, message):
    response = client.get(reverse(f"opendata:{name}"), query)
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    assert message in response.content.decode()
    assert "Cache-Control" not in response or "public" not in response["Cache-Control"]


def test_thai_digits_are_read(world, client):
    year = str(world.year).translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    response = download(client, DISTRICTS, "json", year=year, province="๓๔")
    assert response.status_code == 200
    assert json.loads(response.content)["fiscal_year"] == world.year


def test_the_year_defaults_to_the_current_one_and_head_works(db, client):
    response = client.get(reverse("opendata:provinces"))
    assert response.status_code == 200 and response["Content-Type"] == FORMATS["csv"]
    assert f"{pf.fiscal_year()}.csv" in response["Content-Disposition"]
    assert client.head(reverse("opendata:provinces")).status_code == 200
    assert client.post(reverse("opendata:provinces")).status_code == 405


odd_text = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["", " ", "34", "๓๔", "2566", "๒๕๖๖", "csv", "JSON", "xlsx ", "districts", "-1", "0x22"]),
    st.text(alphabet="0123456789๐๑๒๓๔๕๖๗๘๙", max_size=6),
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    name=st.sampled_from(["index", PROVINCES, DISTRICTS, "dictionary"]),
    query=st.dictionaries(
        st.sampled_from(["year", "format", "province", "level", "dataset", "x"]), odd_text, max_size=4
    ),
)
def test_odd_query_strings_never_fail(db, name, query):
    response = Client().get(reverse(f"opendata:{name}"), query)
    assert response.status_code in (200, 400, 404), (name, query, response.status_code)
    if response.status_code != 200:
        assert "ข้อมูลเปิด" in response.content.decode()


# ------------------------------------------------------------------ found from the login page


def test_the_login_page_and_the_footer_link_to_open_data(db, client):
    url = reverse("opendata:index")
    assert f'href="{url}"' in client.get(reverse("accounts:login")).content.decode()
    assert f'href="{url}"' in client.get(url).content.decode()
