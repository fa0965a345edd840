"""The district report's form as the officer uses it: figures written as numbers (never "1E+1"), a correction
refused at its field without a reason, the checklist of what is missing, the autosave and the reporter taken
from the profile."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from tambonplan.reports import content as report_content
from tambonplan.reports import services
from tambonplan.reports.models import DistrictReport, FigureOverride
from tests.reports import factories as f

pytestmark = pytest.mark.django_db

# The figures of the screenshots, as a normalised Decimal holds them ("1E+1", "1.1673E+7").
SHOWN = {
    "tambons": Decimal(0),
    "plans": Decimal(10).normalize(),
    "workshops": Decimal(70).normalize(),
    "need_amount": Decimal(11_673_000).normalize(),
    "secured_amount": Decimal(10**9).normalize(),
    "gap_amount": Decimal("1234567.50"),
}


@pytest.fixture
def figures(monkeypatch):
    """Every computed figure of the report: those of SHOWN, the others 10⁹ (as "1E+9")."""
    values = {key: SHOWN.get(key, Decimal(10**9).normalize()) for key in report_content.FIGURE_KEYS}
    monkeypatch.setattr(
        report_content, "district_computed", lambda user, report: report_content.DistrictFigures(values, [])
    )
    return values


def _report(personas, **reporter) -> DistrictReport:
    report = f.filled_report(personas.district_officer, f.circular())
    for name, value in reporter.items():
        setattr(report, name, value)
    report.save()
    return report


def _client(personas, *, digits: str = "arabic"):
    officer = personas.district_officer
    officer.digit_style = digits
    officer.save()
    return personas.client_for(officer)


def _figure_block(page: str, key: str) -> str:
    return re.search(rf'<li class="report-figure" data-figure="{key}">(.*?)</li>', page, re.S).group(1)


def _entries(report: DistrictReport, **extra) -> dict:
    """What the form posts: the report as saved, changed by `extra`."""
    data = {
        "revision": DistrictReport.objects.get(pk=report.pk).revision,
        "reporter_title": "นางสาว",
        "reporter_name": report.reporter_name,
        "reporter_position": report.reporter_position,
        "reporter_phone": report.reporter_phone,
    }
    for instruction in report.circular.instructions.all():
        data[f"status_{instruction.pk}"] = "in_progress"
        data[f"narrative_{instruction.pk}"] = f"ผลของข้อ {instruction.number}"
    data.update(extra)
    return data


def test_figures_are_written_as_numbers_in_the_users_digits(personas, figures):
    report = _report(personas)
    FigureOverride.objects.create(report=report, key="workshops", value=Decimal(10**9), reason="นับใหม่")
    client = _client(personas, digits="thai")

    page = client.get(reverse("reports:edit", args=[report.pk])).content.decode()

    assert "E+" not in page
    assert re.search(r'<span class="report-figure-value">๐<', _figure_block(page, "tambons"))
    assert "๑๐<" in _figure_block(page, "plans")
    assert "๗๐" in _figure_block(page, "workshops")
    assert "๑๑,๖๗๓,๐๐๐ บาท" in _figure_block(page, "need_amount")
    assert "๑,๐๐๐,๐๐๐,๐๐๐ บาท" in _figure_block(page, "secured_amount")
    assert "๑,๒๓๔,๕๖๗.๕๐ บาท" in _figure_block(page, "gap_amount")
    # The computed figure as the placeholder of its correction; a correction as the officer would type it.
    assert 'placeholder="๑๑,๖๗๓,๐๐๐"' in _figure_block(page, "need_amount")
    assert 'value="๑,๐๐๐,๐๐๐,๐๐๐"' in _figure_block(page, "workshops")
    assert "<details" in _figure_block(page, "workshops") and " open>" in _figure_block(page, "workshops")

    detail = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "E+" not in detail
    assert "๑๑,๖๗๓,๐๐๐ บาท" in detail and "๑,๐๐๐,๐๐๐,๐๐๐ บาท" in detail


def test_arabic_digits_for_a_user_who_prefers_them(personas, figures):
    report = _report(personas)
    page = _client(personas).get(reverse("reports:edit", args=[report.pk])).content.decode()
    assert "E+" not in page
    assert "11,673,000 บาท" in _figure_block(page, "need_amount")
    assert "1,000,000,000" in _figure_block(page, "steps_due")


def test_a_correction_without_reason_is_refused_at_its_field(personas, figures):
    report = _report(personas)
    client = _client(personas)

    response = client.post(reverse("reports:edit", args=[report.pk]), _entries(report, figure_plans="๑๒,๐๐๐"))

    assert response.status_code == 200
    block = _figure_block(response.content.decode(), "plans")
    assert " open>" in block
    assert "ตำบลที่เปิดแผนในระบบ: ระบบคำนวณได้ 10 ถ้าจะแก้เป็น 12,000 ต้องระบุเหตุผล" in block
    assert 'value="๑๒,๐๐๐"' in block
    assert not FigureOverride.objects.exists()
    assert not report.results.exists()

    response = client.post(
        reverse("reports:edit", args=[report.pk]),
        _entries(report, figure_plans="๑๒,๐๐๐", reason_plans="นับตามทะเบียนของอำเภอ"),
    )
    assert response.status_code == 302
    assert FigureOverride.objects.get().value == Decimal(12_000)


def test_the_checklist_lists_what_is_missing_and_forgets_it_once_saved(personas):
    report = _report(personas, reporter_phone="")
    client = _client(personas)
    edit = reverse("reports:edit", args=[report.pk])

    page = client.get(edit).content.decode()
    checklist = re.search(r'<div id="report-checklist">(.*?)</div>', page, re.S).group(1)
    phone = re.search(r'<a href="#id_reporter_phone">(.*?)</a>', checklist).group(1)
    assert "ยังไม่ได้กรอกโทรศัพท์ผู้รายงาน" in phone
    assert '<a href="#id_narrative_' in checklist  # instructions without a written result: worth a look
    assert 'id="id_reporter_phone"' in page
    assert "กรอกครบตามที่ต้องใช้ส่งรายงานแล้ว" not in checklist

    answer = client.post(
        reverse("reports:autosave", args=[report.pk]), _entries(report, reporter_phone="045-1")
    )

    assert answer.status_code == 200
    assert "ยังไม่ได้กรอกโทรศัพท์ผู้รายงาน" not in answer.json()["checklist"]
    assert "กรอกครบตามที่ต้องใช้ส่งรายงานแล้ว" in answer.json()["checklist"]
    page = client.get(edit).content.decode()
    assert "ยังไม่ได้กรอกโทรศัพท์ผู้รายงาน" not in page
    assert "id_narrative_" not in re.search(r'<div id="report-checklist">(.*?)</div>', page, re.S).group(1)


def test_the_autosave_saves_the_draft_through_the_form(personas):
    report = _report(personas)
    client = _client(personas)
    revision = report.revision

    answer = client.post(
        reverse("reports:autosave", args=[report.pk]), _entries(report, reporter_position="พัฒนาการอำเภอ")
    )

    assert answer.status_code == 200
    data = answer.json()
    assert data["revision"] == revision + 1
    assert data["message"].startswith("บันทึกร่างอัตโนมัติแล้ว เวลา ")
    assert re.search(r"\d\d:\d\d น\.$", data["message"])
    saved = DistrictReport.objects.get(pk=report.pk)
    assert saved.revision == revision + 1 and saved.reporter_position == "พัฒนาการอำเภอ"
    assert saved.results.count() == report.circular.instructions.count()


def test_the_autosave_refuses_a_stale_revision_without_overwriting(personas):
    report = _report(personas)
    client = _client(personas)
    stale = _entries(report, reporter_position="ตำแหน่งจากหน้าที่เปิดค้างไว้")
    client.post(reverse("reports:autosave", args=[report.pk]), _entries(report, reporter_position="ล่าสุด"))

    answer = client.post(reverse("reports:autosave", args=[report.pk]), stale)

    assert answer.status_code == 409
    assert "ถูกแก้ไขโดยผู้อื่น" in answer.json()["message"]
    assert DistrictReport.objects.get(pk=report.pk).reporter_position == "ล่าสุด"


def test_the_autosave_answers_a_refusal_at_its_fields(personas, figures):
    report = _report(personas)
    answer = _client(personas).post(
        reverse("reports:autosave", args=[report.pk]), _entries(report, figure_plans="5")
    )
    assert answer.status_code == 400
    assert "ต้องระบุเหตุผล" in answer.json()["errors"]["id_reason_plans"][0]
    assert not FigureOverride.objects.exists()


def test_a_sent_report_is_not_autosaved(personas):
    report = _report(personas)
    services.submit(user=personas.district_officer, report=report)
    answer = _client(personas).post(reverse("reports:autosave", args=[report.pk]), _entries(report))
    assert answer.status_code == 400
    assert "รายงานที่ส่งแล้วแก้ไขไม่ได้" in answer.json()["message"]


def test_the_reporter_is_taken_from_the_profile_when_empty(personas):
    officer = personas.district_officer
    officer.first_name, officer.last_name = "ประเสริฐ", "มั่นคง"
    officer.position, officer.phone = "พัฒนาการอำเภอเมืองอุบลราชธานี", "045-244123"
    officer.save()
    report = _report(personas, reporter_name="", reporter_position="", reporter_phone="")
    client = personas.client_for(officer)

    page = client.get(reverse("reports:edit", args=[report.pk])).content.decode()

    assert 'value="ประเสริฐ มั่นคง"' in page
    assert 'value="พัฒนาการอำเภอเมืองอุบลราชธานี"' in page
    assert 'value="045-244123"' in page
    assert "เติมจากข้อมูลผู้ใช้ของท่านแล้ว" in page and "และกรอกคำนำหน้าชื่อ" in page
    assert "data-autosave-dirty" in page  # saved by the autosave, not only shown

    report.reporter_name = "นางสาวสมศรี รายงานดี"
    report.save()
    page = client.get(reverse("reports:edit", args=[report.pk])).content.decode()
    assert 'value="นางสาวสมศรี รายงานดี"' in page and 'value="ประเสริฐ มั่นคง"' not in page
    assert 'value="พัฒนาการอำเภอเมืองอุบลราชธานี"' in page  # still empty in the report: from the profile


def test_others_cannot_autosave_a_districts_report(personas):
    report = _report(personas)
    data = _entries(report, reporter_position="x")
    for persona, status in (("other_district_officer", 404), ("province_officer", 403), ("viewer", 403)):
        client = personas.client_for(getattr(personas, persona))
        assert client.post(reverse("reports:autosave", args=[report.pk]), data).status_code == status
    assert DistrictReport.objects.get(pk=report.pk).reporter_position == "พัฒนาการอำเภอ"
