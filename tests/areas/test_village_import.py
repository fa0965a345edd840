"""Importing villages from CSV/XLSX: by command, by service and by the upload page.

Every file is checked row by row before anything is written: one bad row means nothing is saved.
"""

import csv
import io
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from tambonplan.areas import services
from tambonplan.areas.models import Tambon, Village
from tambonplan.core.tabular import TabularError, read_table
from tests.template_choices import template_choices

IMPORT_URL = "/areas/villages/import/"
TEMPLATE_URL = "/areas/villages/import/template.xlsx"
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
WRONG_TYPE = "ชนิดไฟล์ไม่ถูกต้อง: รองรับเฉพาะ CSV และ XLSX"

GOOD_ROWS = [
    ["tambon_code", "moo", "name_th"],
    ["340104", "1", "บ้านหัวเรือ"],
    ["340104", "2", "บ้านโนนสูง"],
    ["340104", "3", "บ้านดอนแดง"],
    ["340105", "1", "บ้านหนองขอน"],
    ["340105", "2", "บ้านนาคำ"],
    ["341501", "1", "บ้านวารินชำราบ"],
    ["341501", "2", "บ้านท่าช้าง"],
    ["341501", "3", "บ้านคำน้ำแซบ"],
    ["341501", "4", "บ้านบุ่งหวาย"],
]


def csv_bytes(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8")


def write_file(tmp_path: Path, content: bytes, name: str = "villages.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def run_command(path: Path) -> str:
    out = io.StringIO()
    call_command("import_villages", str(path), stdout=out)
    return out.getvalue().strip()


def run_failing_command(path: Path) -> tuple[str, str]:
    """(stderr, CommandError message) of an import that must fail."""
    err = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import_villages", str(path), stdout=io.StringIO(), stderr=err)
    return err.getvalue(), str(error.value)


def per_tambon() -> dict[str, int]:
    return dict(Counter(Village.objects.values_list("tambon_id", flat=True)))


def import_errors(rows: list[list[str]], *, user=None) -> list[tuple[int | None, str]]:
    before = Village.objects.count()
    with pytest.raises(TabularError) as error:
        services.villages_import(user=user, upload=csv_bytes(rows))
    assert Village.objects.count() == before, "a file with a bad row must write nothing"
    return [(row_error.row, row_error.message) for row_error in error.value.errors]


# ------------------------------------------------------------------ the command, good files


def test_command_imports_a_good_csv(db, tmp_path):
    path = write_file(tmp_path, csv_bytes(GOOD_ROWS))

    assert run_command(path) == "villages created=9 updated=0 unchanged=0"

    assert per_tambon() == {"340104": 3, "340105": 2, "341501": 4}
    village = Village.objects.get(code="34010402")
    assert (village.tambon_id, village.moo, village.name_th) == ("340104", 2, "บ้านโนนสูง")


def test_reimporting_the_same_file_creates_no_duplicates(db, tmp_path):
    path = write_file(tmp_path, csv_bytes(GOOD_ROWS))
    run_command(path)

    assert run_command(path) == "villages created=0 updated=0 unchanged=9"
    assert Village.objects.count() == 9


def test_reimporting_changed_names_updates_them(db, tmp_path):
    run_command(write_file(tmp_path, csv_bytes(GOOD_ROWS)))
    changed = [row[:] for row in GOOD_ROWS]
    changed[1][2] = "บ้านหัวเรือใหม่"
    changed[4][2] = "บ้านหนองขอนเหนือ"

    assert run_command(write_file(tmp_path, csv_bytes(changed), "changed.csv")) == (
        "villages created=0 updated=2 unchanged=7"
    )

    village = Village.objects.get(code="34010401")
    assert village.name_th == "บ้านหัวเรือใหม่"
    assert village.version == 2
    assert village.history.latest().history_change_reason == "นำเข้าจากไฟล์"
    assert Village.objects.get(code="34010501").name_th == "บ้านหนองขอนเหนือ"
    assert Village.objects.count() == 9


def test_thai_headers_and_thai_digits(db, tmp_path):
    rows = [
        ["รหัสหมู่บ้าน", "ชื่อหมู่บ้าน"],
        ["๓๔๐๑๐๔๐๑", "บ้านหัวเรือ"],
        ["๓๔๐๑๐๔๑๒", "บ้านหัวเรือใต้"],
        ["๓๔๐๑๐๕๐๓", "บ้านหนองขอน"],
    ]
    path = write_file(tmp_path, csv_bytes(rows))

    assert run_command(path) == "villages created=3 updated=0 unchanged=0"

    assert sorted(Village.objects.values_list("code", "tambon_id", "moo")) == [
        ("34010401", "340104", 1),
        ("34010412", "340104", 12),
        ("34010503", "340105", 3),
    ]


def test_moo_written_with_prefix_is_understood(db):
    rows = [["รหัสตำบล", "หมู่ที่", "ชื่อหมู่บ้าน"], ["340104", "หมู่ที่ ๗", "บ้านเจ็ด"], ["340104", "ม.8", "บ้านแปด"]]

    counts = services.villages_import(user=None, upload=csv_bytes(rows))

    assert counts.created == 2
    assert set(Village.objects.values_list("code", flat=True)) == {"34010407", "34010408"}


# ------------------------------------------------------------------ bad rows: reported, nothing written


def test_unknown_tambon_is_reported_with_its_row(db):
    errors = import_errors(
        [["tambon_code", "moo", "name_th"], ["340104", "1", "บ้านดี"], ["999999", "1", "บ้านไม่มี"]]
    )
    assert errors == [(3, "ไม่พบตำบลรหัส 999999")]


def test_abolished_tambon_is_reported_as_unknown(db):
    assert Tambon.objects.get(code="340102").is_active is False
    errors = import_errors([["tambon_code", "moo", "name_th"], ["340102", "1", "บ้านโพนเมือง"]])
    assert errors == [(2, "ไม่พบตำบลรหัส 340102")]


def test_village_code_that_disagrees_with_tambon_code_is_reported(db):
    errors = import_errors(
        [
            ["village_code", "tambon_code", "moo", "name_th"],
            ["34010401", "340104", "1", "บ้านดี"],
            ["34010402", "340105", "2", "บ้านผิดตำบล"],
        ]
    )
    assert errors == [(3, "รหัสหมู่บ้าน 34010402 ไม่ตรงกับรหัสตำบล 340105")]


def error_columns(rows: list[list[str]], *, user=None) -> list[tuple[int | None, str | None, str]]:
    """(row, column, message) of every error of a file that must fail."""
    with pytest.raises(TabularError) as error:
        services.villages_import(user=user, upload=csv_bytes(rows))
    return [(row_error.row, row_error.column, row_error.message) for row_error in error.value.errors]


def test_errors_name_the_column_by_its_thai_header_never_its_key(db):
    errors = error_columns(
        [
            ["รหัสหมู่บ้าน", "รหัสตำบล", "หมู่ที่", "ชื่อหมู่บ้าน"],
            ["3401040x", "", "", "บ้านดี"],
            ["34010400", "", "", "บ้านศูนย์"],
        ]
    )
    assert errors == [
        (2, "รหัสหมู่บ้าน", "รหัสหมู่บ้าน '3401040x' ต้องเป็นตัวเลข 8 หลัก"),
        (3, "รหัสหมู่บ้าน", "รหัสหมู่บ้าน 34010400 มีหมู่ที่ 00 ซึ่งไม่มีอยู่จริง"),
    ]


def test_a_wrong_village_code_is_blamed_on_its_column_not_on_the_tambon_code(db, personas):
    errors = error_columns(
        [
            ["รหัสหมู่บ้าน", "รหัสตำบล", "หมู่ที่", "ชื่อหมู่บ้าน"],
            ["34010402", "340105", "2", "บ้านพิมพ์ผิด"],  # a typo in the village code
            ["34010403", "340104", "4", "บ้านหมู่ผิด"],
            ["99999901", "", "", "บ้านไม่มีตำบล"],  # the tambon comes from the village code only
            ["34150101", "", "", "บ้านวาริน"],
            ["", "999999", "1", "บ้านตำบลผิด"],  # an unknown code under รหัสตำบล: that column
        ],
        user=personas.district_officer,
    )
    assert [(row, column) for row, column, _message in errors] == [
        (2, "รหัสหมู่บ้าน"),
        (3, "รหัสหมู่บ้าน"),
        (4, "รหัสหมู่บ้าน"),
        (5, "รหัสหมู่บ้าน"),
        (6, "รหัสตำบล"),
    ]
    assert errors[0][2] == "รหัสหมู่บ้าน 34010402 ไม่ตรงกับรหัสตำบล 340105"
    assert errors[1][2] == "รหัสหมู่บ้าน 34010403 ไม่ตรงกับหมู่ที่ 4"
    assert errors[2][2] == "ไม่พบตำบลรหัส 999999"
    assert "ตำบลวารินชำราบ (341501) อยู่นอกพื้นที่ที่ท่านรับผิดชอบ" in errors[3][2]
    assert errors[4][2] == "ไม่พบตำบลรหัส 999999"


def test_errors_name_the_header_the_file_used_and_the_village_code_for_a_duplicate(db):
    errors = error_columns([["village_code", "name_th"], ["34010401", "บ้านแรก"], ["34010401", "บ้านซ้ำ"]])
    assert errors == [(3, "village_code", "หมู่ที่ 1 ของตำบลหัวเรือ ซ้ำกับแถวที่ 2")]


def test_duplicate_village_number_in_the_file_is_reported(db):
    errors = import_errors(
        [
            ["tambon_code", "moo", "name_th"],
            ["340104", "1", "บ้านแรก"],
            ["340104", "2", "บ้านสอง"],
            ["340104", "๑", "บ้านแรกซ้ำ"],
        ]
    )
    assert errors == [(4, "หมู่ที่ 1 ของตำบลหัวเรือ ซ้ำกับแถวที่ 2")]


def test_empty_name_is_reported(db):
    errors = import_errors(
        [["tambon_code", "moo", "name_th"], ["340104", "1", "บ้านดี"], ["340104", "2", "  "]]
    )
    assert errors == [(3, "ไม่ได้ระบุชื่อหมู่บ้าน")]


def test_non_numeric_moo_is_reported(db):
    errors = import_errors([["tambon_code", "moo", "name_th"], ["340104", "หนึ่ง", "บ้านดี"]])
    assert errors == [(2, "หมู่ที่ 'หนึ่ง' ไม่ถูกต้อง (ต้องเป็นตัวเลข 1–99)")]


def test_every_bad_row_is_reported_at_once_in_row_order(db, ubon_villages):
    errors = import_errors(
        [
            ["tambon_code", "moo", "name_th"],
            ["340104", "1", "บ้านเปลี่ยนชื่อ"],
            ["999999", "1", "บ้านไม่มี"],
            ["340104", "x", "บ้านดี"],
            ["340105", "4", ""],
            ["340104", "1", "บ้านซ้ำ"],
        ]
    )
    assert [row for row, _message in errors] == [3, 4, 5, 6]
    # the good row 2 was not applied either
    assert Village.objects.get(code="34010401").name_th == "บ้านทดสอบ1"


def test_command_reports_bad_rows_and_exits_non_zero(db, tmp_path):
    path = write_file(
        tmp_path,
        csv_bytes([["tambon_code", "moo", "name_th"], ["340104", "1", "บ้านดี"], ["999999", "1", "บ้านไม่มี"]]),
    )

    stderr, message = run_failing_command(path)

    assert "แถว 3 คอลัมน์ 'tambon_code': ไม่พบตำบลรหัส 999999" in stderr
    assert "ไม่มีข้อมูลใดถูกบันทึก" in message
    assert Village.objects.count() == 0


# ------------------------------------------------------------------ files that cannot be read


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (PNG_BYTES, WRONG_TYPE),
        (PDF_BYTES, WRONG_TYPE),
        (b"PK\x03\x04not really a zip", "อ่านไฟล์ Excel ไม่ได้: ไฟล์อาจเสียหาย"),
        (b"", "ไฟล์ว่าง ไม่มีข้อมูล"),
    ],
    ids=["png", "pdf", "broken-xlsx", "empty"],
)
def test_unreadable_file_is_refused_in_thai(db, tmp_path, content, message):
    path = write_file(tmp_path, content, "villages.csv")

    stderr, _error = run_failing_command(path)

    assert message in stderr
    with pytest.raises(TabularError) as error:
        services.villages_import(user=None, upload=content)
    assert [e.message for e in error.value.errors] == [message]
    assert Village.objects.count() == 0


def test_command_refuses_a_missing_file(db, tmp_path):
    with pytest.raises(CommandError, match="ไม่พบไฟล์"):
        call_command("import_villages", str(tmp_path / "nope.csv"))


def test_file_without_code_columns_is_refused(db):
    errors = import_errors([["ชื่อหมู่บ้าน"], ["บ้านดี"]])
    assert errors == [(None, "ต้องมีคอลัมน์ 'รหัสหมู่บ้าน' หรือทั้ง 'รหัสตำบล' และ 'หมู่ที่'")]


# ------------------------------------------------------------------ XLSX


def write_messy_xlsx(path: Path, *, bad_row: bool = False) -> Path:
    """A sheet as officers make them: a blank first row, numbers as numbers, merged cells, blank rows."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append([])  # row 1 blank
    sheet.append(["รหัสตำบล", "หมู่ที่", "ชื่อหมู่บ้าน", "หมายเหตุ"])  # row 2 header
    sheet.append([340104, 1, "บ้านหัวเรือ", None])  # row 3
    sheet.append([340104, 2, "บ้านโนนสูง", None])  # row 4
    sheet.append([])  # row 5 blank
    sheet.append([340105, 1, "บ้านหนองขอน", None])  # row 6
    sheet.append([340105, 2 if not bad_row else "สอง", "บ้านนาคำ", None])  # row 7
    sheet.append([None, None, None, None])  # row 8 empty part of the merged note below
    sheet.append([340105, 3, "บ้านดอนแดง", "ย้ายมาจากหมู่ 2"])  # row 9
    sheet.merge_cells("C3:D3")  # name spread over the note column
    sheet.merge_cells("D9:D10")  # note merged downwards into an otherwise blank row 10
    workbook.save(path)
    return path


def test_xlsx_with_blank_rows_and_merged_cells_imports(db, tmp_path):
    path = write_messy_xlsx(tmp_path / "villages.xlsx")

    assert run_command(path) == "villages created=5 updated=0 unchanged=0"

    assert per_tambon() == {"340104": 2, "340105": 3}
    assert Village.objects.get(code="34010401").name_th == "บ้านหัวเรือ"
    assert Village.objects.get(code="34010503").name_th == "บ้านดอนแดง"


def test_xlsx_errors_name_the_row_as_seen_in_the_sheet(db, tmp_path):
    path = write_messy_xlsx(tmp_path / "villages.xlsx", bad_row=True)

    stderr, _message = run_failing_command(path)

    assert "แถว 7 คอลัมน์ 'หมู่ที่': หมู่ที่ 'สอง' ไม่ถูกต้อง" in stderr
    assert Village.objects.count() == 0


# ------------------------------------------------------------------ the service, with a user


def upload(rows: list[list[str]], name: str = "villages.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, csv_bytes(rows), content_type="text/csv")


def test_service_imports_for_a_province_officer(personas):
    rows = GOOD_ROWS[:1] + [row for row in GOOD_ROWS[1:] if row[0] == "340104"]

    counts = services.villages_import(user=personas.province_officer, upload=upload(rows))

    assert (counts.created, counts.updated, counts.unchanged) == (3, 0, 0)
    assert per_tambon() == {"340104": 3}
    assert {v.history.latest().history_user for v in Village.objects.all()} == {personas.province_officer}


def test_service_refuses_rows_outside_the_officers_district(personas):
    errors = import_errors(GOOD_ROWS, user=personas.district_officer)

    assert [row for row, _message in errors] == [7, 8, 9, 10]
    assert all("อยู่นอกพื้นที่ที่ท่านรับผิดชอบ" in message for _row, message in errors)
    assert "ตำบลวารินชำราบ (341501)" in errors[0][1]


def test_outsider_province_officer_cannot_import_ubon_villages(personas):
    errors = import_errors(GOOD_ROWS[:2], user=personas.outsider)
    assert len(errors) == 1 and "อยู่นอกพื้นที่" in errors[0][1]


def test_service_refuses_tambon_officer_and_viewer(personas):
    for user in (personas.tambon_officer, personas.viewer):
        with pytest.raises(PermissionDenied):
            services.villages_import(user=user, upload=upload(GOOD_ROWS[:2]))
    assert Village.objects.count() == 0


# ------------------------------------------------------------------ the upload page


def test_upload_page_imports_and_shows_counts(personas):
    client = personas.client_for(personas.district_officer)
    rows = GOOD_ROWS[:6]

    response = client.post(IMPORT_URL, {"file": upload(rows)})

    assert response.status_code == 200
    text = response.content.decode()
    assert "นำเข้าสำเร็จ: เพิ่มใหม่ 5 หมู่บ้าน, ปรับปรุง 0 หมู่บ้าน, ไม่เปลี่ยนแปลง 0 หมู่บ้าน" in text
    assert per_tambon() == {"340104": 3, "340105": 2}

    response = client.post(IMPORT_URL, {"file": upload(rows)})
    assert "เพิ่มใหม่ 0 หมู่บ้าน, ปรับปรุง 0 หมู่บ้าน, ไม่เปลี่ยนแปลง 5 หมู่บ้าน" in response.content.decode()
    assert Village.objects.count() == 5


def test_upload_page_refuses_a_row_outside_the_district_and_writes_nothing(personas):
    client = personas.client_for(personas.district_officer)
    rows = [["tambon_code", "moo", "name_th"], ["340104", "1", "บ้านหัวเรือ"], ["341502", "1", "บ้านธาตุ"]]

    response = client.post(IMPORT_URL, {"file": upload(rows)})

    assert response.status_code == 200
    text = response.content.decode()
    assert "ไม่ได้นำเข้า: พบข้อผิดพลาด 1 รายการ ไม่มีข้อมูลใดถูกบันทึก" in text
    assert '<td class="num">3</td>' in text
    assert "ตำบลธาตุ (341502) อยู่นอกพื้นที่ที่ท่านรับผิดชอบ" in text
    assert Village.objects.count() == 0


def test_upload_page_refuses_a_picture_in_thai(personas):
    client = personas.client_for(personas.province_officer)

    response = client.post(IMPORT_URL, {"file": SimpleUploadedFile("villages.csv", PNG_BYTES)})

    assert WRONG_TYPE in response.content.decode()
    assert Village.objects.count() == 0


@pytest.mark.parametrize("persona", ["tambon_officer", "viewer"])
def test_import_page_is_forbidden_to_non_managers(personas, persona):
    client = personas.client_for(getattr(personas, persona))

    assert client.get(IMPORT_URL).status_code == 403
    assert client.post(IMPORT_URL, {"file": upload(GOOD_ROWS[:2])}).status_code == 403
    assert Village.objects.count() == 0


def test_import_page_needs_login(client, db):
    response = client.get(IMPORT_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_template_download_round_trips(personas):
    client = personas.client_for(personas.district_officer)

    response = client.get(TEMPLATE_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "villages-template.xlsx" in response["Content-Disposition"]
    content = b"".join(response.streaming_content) if response.streaming else response.content
    rows = read_table(content, columns=services.VILLAGE_COLUMNS)
    assert [row.values for row in rows] == [
        {
            "village_code": "34010101",
            "tambon_code": "340101",
            "moo": "1",
            "name_th": "บ้านตัวอย่าง",
            "name_en": "Ban Tua Yang",
        }
    ]
    assert rows[0].headers["village_code"] == "รหัสหมู่บ้าน"

    # the filled-in template is itself a valid import
    response = client.post(IMPORT_URL, {"file": SimpleUploadedFile("template.xlsx", content)})
    assert "เพิ่มใหม่ 1 หมู่บ้าน" in response.content.decode()
    village = Village.objects.get(code="34010101")
    assert (village.tambon_id, village.moo, village.name_en) == ("340101", 1, "Ban Tua Yang")


def template_of(client) -> bytes:
    response = client.get(TEMPLATE_URL)
    assert response.status_code == 200
    return response.content


def test_template_offers_the_tambon_codes_of_the_users_area_as_a_drop_down(personas):
    mueang = list(
        Tambon.objects.active().filter(district_id="3401").order_by("code").values_list("code", flat=True)
    )

    district_choices = template_choices(template_of(personas.client_for(personas.district_officer)))
    tambon_choices = template_choices(template_of(personas.client_for(personas.tambon_officer)))
    province_choices = template_choices(template_of(personas.client_for(personas.province_officer)))

    assert district_choices == {"รหัสตำบล": mueang}
    assert "340102" not in mueang  # abolished: not offered
    assert tambon_choices == {"รหัสตำบล": ["340104", "340105"]}
    assert (
        len(province_choices["รหัสตำบล"]) == Tambon.objects.active().filter(district__province_id="34").count()
    )
    assert all(code.startswith("34") for code in province_choices["รหัสตำบล"])


def test_template_example_lies_in_the_users_area(personas):
    content = template_of(personas.client_for(personas.tambon_officer))

    [row] = read_table(content, columns=services.VILLAGE_COLUMNS)

    assert (row.values["village_code"], row.values["tambon_code"]) == ("34010401", "340104")


# ------------------------------------------------------------------ a whole province at once


def test_a_whole_province_of_2700_villages_imports(db):
    tambon_codes = list(
        Tambon.objects.active()
        .filter(district__province_id="34")
        .order_by("code")
        .values_list("code", flat=True)
    )
    assert len(tambon_codes) == 219
    wanted = {code: 13 if index < 72 else 12 for index, code in enumerate(tambon_codes)}
    rows = [["tambon_code", "moo", "name_th"]]
    for code, count in wanted.items():
        rows.extend([code, str(moo), f"บ้านทดสอบ{code}-{moo}"] for moo in range(1, count + 1))
    assert len(rows) - 1 == 2700

    counts = services.villages_import(user=None, upload=csv_bytes(rows))

    assert (counts.created, counts.updated, counts.unchanged) == (2700, 0, 0)
    assert per_tambon() == wanted
    assert Village.objects.filter(tambon__district_id="3401").count() == sum(
        count for code, count in wanted.items() if code.startswith("3401")
    )
