"""Importing จปฐ. and กชช.2ค results: every row checked first, errors per row in Thai, nothing written when a row
is bad, only villages of the user's own area, and re-importing the same file changes nothing."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from tambonplan.core.tabular import TabularError
from tambonplan.villagedata import services
from tambonplan.villagedata.models import Indicator, IndicatorResult
from tambonplan.villagedata.spreadsheets import template_workbook
from tests.template_choices import template_choices
from tests.villagedata.factories import csv_bytes, jpt_file, kch2k_file

HUA_RUEA_1, HUA_RUEA_2 = "34010401", "34010402"
WARIN_1 = "34150101"


def errors_of(survey: str, content: bytes, *, user=None) -> list[tuple[int | None, str | None, str]]:
    before = IndicatorResult.objects.count()
    with pytest.raises(TabularError) as error:
        services.results_import(user=user, survey=survey, upload=content)
    assert IndicatorResult.objects.count() == before, "a file with a bad row must write nothing"
    return [(e.row, e.column, e.message) for e in error.value.errors]


def test_a_jpt_file_is_imported_with_its_percent_and_pass(ubon_villages, personas):
    counts = services.results_import(
        user=personas.district_officer,
        survey="jpt",
        upload=jpt_file([HUA_RUEA_1, 2568, "14", 90, 120], [HUA_RUEA_1, 2568, "31", 120, 120]),
    )

    assert (counts.created, counts.updated, counts.unchanged) == (2, 0, 0)
    water = IndicatorResult.objects.get(village__code=HUA_RUEA_1, indicator__code="14")
    assert (water.year, water.households_passed, water.households_surveyed) == (2568, 90, 120)
    assert water.percent == Decimal("75.00")
    assert water.passed is False  # 75% is below the default target of 100%
    assert IndicatorResult.objects.get(indicator__code="31").passed is True
    assert water.history.latest().history_channel == "import"


def test_a_kch2k_file_fails_level_1_and_passes_levels_2_and_3(ubon_villages):
    services.results_import(
        user=None,
        survey="kch2k",
        upload=kch2k_file(
            [HUA_RUEA_1, 2568, "1.1", 1], [HUA_RUEA_1, 2568, "1.2", 2], [HUA_RUEA_1, 2568, "1.3", 3]
        ),
    )

    by_code = {r.indicator.code: r for r in IndicatorResult.objects.select_related("indicator")}
    assert [by_code[c].passed for c in ("1.1", "1.2", "1.3")] == [False, True, True]
    assert [by_code[c].is_warning for c in ("1.1", "1.2", "1.3")] == [False, True, False]
    assert by_code["1.1"].households_surveyed is None


def test_a_bad_row_is_reported_with_its_row_number_and_nothing_is_written(ubon_villages):
    content = jpt_file(
        [HUA_RUEA_1, 2568, "14", 90, 120],
        [HUA_RUEA_2, 2568, "14", 130, 120],  # row 3: more passing than surveyed
        [HUA_RUEA_2, 2024, "99", "x", 0],  # row 4: a CE year, an unknown indicator, a word, none surveyed
    )

    errors = errors_of("jpt", content)

    assert (3, "ผ่าน", "ครัวเรือนที่ผ่าน (130) มากกว่าครัวเรือนที่สำรวจ (120)") in errors
    row_4 = [(column, message) for row, column, message in errors if row == 4]
    assert ("ปี", "ปี 2024 ต้องเป็นปี พ.ศ. (เช่น 2568) ไม่ใช่ ค.ศ.") in row_4
    assert ("รหัสตัวชี้วัด", "ไม่รู้จักรหัสตัวชี้วัด '99' ของ จปฐ.") in row_4
    assert ("ผ่าน", "จำนวนครัวเรือนที่ผ่าน 'x' ต้องเป็นจำนวนเต็มตั้งแต่ 0 ขึ้นไป") in row_4
    assert ("สำรวจ", "จำนวนครัวเรือนที่สำรวจต้องมากกว่า 0") in row_4
    assert not any(row == 2 for row, _column, _message in errors)


def test_unknown_villages_duplicates_and_levels_are_reported(ubon_villages):
    content = kch2k_file(
        ["34010499", 2568, "1.1", 1],  # not registered
        [HUA_RUEA_1, 2568, "1.1", 4],  # no such level
        [HUA_RUEA_1, 2568, "ข้อ 1.2", "ระดับ 2"],
        [HUA_RUEA_1, 2568, "1.2", 3],  # the same village, item and year again
        [HUA_RUEA_1, 2560, "1.3", 3],  # no set of items for 2560
    )

    errors = errors_of("kch2k", content)

    assert errors == [
        (2, "รหัสหมู่บ้าน", "ไม่พบหมู่บ้านรหัส 34010499 ในระบบ (ลงทะเบียนหมู่บ้านก่อน)"),
        (3, "ระดับ", "ระดับ '4' ไม่ถูกต้อง (ต้องเป็น 1, 2 หรือ 3)"),
        (5, "รหัสตัวชี้วัด", "ผลของหมู่บ้าน 34010401 ตัวชี้วัด 1.2 ปี 2568 ซ้ำกับแถวที่ 4"),
        (6, "รหัสตัวชี้วัด", "ตัวชี้วัดรหัส 1.3 ของ กชช.2ค ไม่มีในชุดที่ใช้กับปี 2560 (มีในช่วงปี 2566-2570)"),
    ]


def test_a_village_outside_the_users_area_is_refused(ubon_villages, personas):
    content = jpt_file([HUA_RUEA_1, 2568, "14", 90, 120], [WARIN_1, 2568, "14", 90, 120])

    errors = errors_of("jpt", content, user=personas.district_officer)

    assert errors == [(3, "รหัสหมู่บ้าน", "หมู่บ้านรหัส 34150101 (ตำบลวารินชำราบ) อยู่นอกพื้นที่ที่ท่านรับผิดชอบ")]
    # nor the tambon officer of Hua Ruea and Nong Khon
    errors = errors_of("jpt", jpt_file([WARIN_1, 2568, "14", 1, 2]), user=personas.tambon_officer)
    assert [(row, message) for row, _column, message in errors] == [
        (2, "หมู่บ้านรหัส 34150101 (ตำบลวารินชำราบ) อยู่นอกพื้นที่ที่ท่านรับผิดชอบ")
    ]


def test_read_only_users_may_not_import(ubon_villages, personas):
    with pytest.raises(PermissionDenied):
        services.results_import(
            user=personas.viewer, survey="jpt", upload=jpt_file([HUA_RUEA_1, 2568, "14", 1, 2])
        )


def test_reimporting_the_same_file_changes_nothing_and_a_changed_figure_updates(ubon_villages, personas):
    content = jpt_file([HUA_RUEA_1, 2568, "14", 90, 120], [HUA_RUEA_2, 2568, "14", 120, 120])
    services.results_import(user=personas.tambon_officer, survey="jpt", upload=content)

    again = services.results_import(user=personas.tambon_officer, survey="jpt", upload=content)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert IndicatorResult.objects.count() == 2

    changed = jpt_file([HUA_RUEA_1, 2568, "14", 120, 120], [HUA_RUEA_2, 2568, "14", 120, 120])
    counts = services.results_import(user=personas.tambon_officer, survey="jpt", upload=changed)
    assert (counts.created, counts.updated, counts.unchanged) == (0, 1, 1)
    result = IndicatorResult.objects.get(village__code=HUA_RUEA_1)
    assert (result.passed, result.percent) == (True, Decimal("100.00"))
    assert IndicatorResult.objects.count() == 2


def test_tambon_code_and_moo_thai_digits_and_a_lower_target(ubon_villages):
    Indicator.objects.filter(survey="jpt", code="28").update(target_percent=Decimal("80"))
    content = csv_bytes(
        [
            ["รหัสตำบล", "หมู่ที่", "ปี พ.ศ.", "รหัสตัวชี้วัด", "ครัวเรือนที่ผ่าน", "ครัวเรือนที่สำรวจ"],
            ["๓๔๐๑๐๔", "หมู่ที่ ๒", "๒๕๖๘", "๒๘", "๘๐", "๑๐๐"],
            ["340104", "3", "2568", "28", "79", "100"],
        ]
    )

    services.results_import(user=None, survey="jpt", upload=content)

    passed = dict(IndicatorResult.objects.values_list("village__code", "passed"))
    assert passed == {"34010402": True, "34010403": False}


def test_changing_a_target_rechecks_the_stored_results(ubon_villages):
    services.results_import(user=None, survey="jpt", upload=jpt_file([HUA_RUEA_1, 2568, "28", 85, 100]))
    indicator = Indicator.objects.get(survey="jpt", code="28")
    indicator.target_percent = Decimal("80")
    indicator.save()

    assert services.indicator_results_recheck(indicator=indicator) == 1
    assert IndicatorResult.objects.get().passed is True


def test_a_file_without_village_columns_is_refused(ubon_villages):
    content = csv_bytes([["ปี", "รหัสตัวชี้วัด", "ระดับ"], ["2568", "1.1", "1"]])

    assert errors_of("kch2k", content) == [(None, None, "ต้องมีคอลัมน์ 'รหัสหมู่บ้าน' หรือทั้ง 'รหัสตำบล' และ 'หมู่ที่'")]


def test_the_template_has_thai_headers_and_its_examples_import(ubon_villages, personas):
    content = template_workbook(survey="jpt", villages=[ubon_villages[0]], year=2568)

    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    assert [cell.value for cell in sheet[1]] == [
        "รหัสหมู่บ้าน", "รหัสตำบล", "หมู่ที่", "ปี", "รหัสตัวชี้วัด", "ครัวเรือนที่ผ่าน", "ครัวเรือนที่สำรวจ",
    ]  # fmt: skip
    assert template_choices(content)["รหัสตัวชี้วัด"][:3] == ["1", "2", "3"]
    counts = services.results_import(user=personas.district_officer, survey="jpt", upload=content)
    assert counts.created == 4

    kch2k = template_workbook(survey="kch2k", villages=[ubon_villages[0]], year=2568)
    assert template_choices(kch2k)["ระดับ"] == ["1", "2", "3"]
    assert services.results_import(user=None, survey="kch2k", upload=kch2k).created == 4


def test_the_command_imports_and_reports_bad_rows(ubon_villages, tmp_path):
    good = tmp_path / "jpt.csv"
    good.write_bytes(jpt_file([HUA_RUEA_1, 2568, "14", 90, 120]))
    out = io.StringIO()
    call_command("import_village_data", "jpt", str(good), stdout=out)
    assert out.getvalue().strip() == "results created=1 updated=0 unchanged=0"

    bad = tmp_path / "bad.csv"
    bad.write_bytes(jpt_file([HUA_RUEA_1, 2568, "14", 90, 120], ["34019999", 2568, "14", 1, 2]))
    err = io.StringIO()
    with pytest.raises(CommandError, match="พบข้อผิดพลาด 1 รายการ ไม่มีข้อมูลใดถูกบันทึก"):
        call_command("import_village_data", "jpt", str(bad), stdout=io.StringIO(), stderr=err)
    assert "แถว 3 คอลัมน์ 'รหัสหมู่บ้าน': ไม่พบหมู่บ้านรหัส 34019999" in err.getvalue()


def test_the_upload_page_shows_the_errors_and_writes_nothing(ubon_villages, personas):
    client = personas.client_for(personas.district_officer)
    upload = SimpleUploadedFile(
        "jpt.csv", jpt_file([HUA_RUEA_1, 2568, "14", 90, 120], [WARIN_1, 2568, "14", 1, 2])
    )

    response = client.post("/village-data/import/", {"survey": "jpt", "file": upload})

    assert response.status_code == 200
    page = response.content.decode()
    assert "ไม่ได้นำเข้า: พบข้อผิดพลาด 1 รายการ ไม่มีข้อมูลใดถูกบันทึก" in page
    assert "อยู่นอกพื้นที่ที่ท่านรับผิดชอบ" in page
    assert IndicatorResult.objects.count() == 0

    upload = SimpleUploadedFile("kch2k.csv", kch2k_file([HUA_RUEA_1, 2568, "1.1", 1]))
    response = client.post("/village-data/import/", {"survey": "kch2k", "file": upload})
    assert "นำเข้าสำเร็จ: เพิ่มใหม่ 1 รายการ" in response.content.decode()


def test_the_template_download(ubon_villages, personas):
    response = personas.client_for(personas.tambon_officer).get(
        "/village-data/import/template.xlsx?survey=kch2k"
    )

    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert sheet["A2"].value == "34010401"  # an example row of the officer's own village
    assert (
        personas.client_for(personas.viewer)
        .get("/village-data/import/template.xlsx?survey=kch2k")
        .status_code
        == 403
    )
