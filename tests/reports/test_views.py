"""The report pages as each persona uses them: the district fills and sends its report, the province reviews,
reminds and consolidates, the Department reads, everyone else is refused."""

from datetime import timedelta

import pytest
from django.urls import reverse

from tambonplan.reports.models import DistrictReport, Reminder, ReportItem, ReportState, ReportVersion
from tests.conftest import make_user
from tests.planning import factories as pf
from tests.planning.factories import MUEANG, WARIN
from tests.reports import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def _start(personas, circular):
    client = personas.client_for(personas.district_officer)
    response = client.post(reverse("reports:district", args=[circular.pk, MUEANG]))
    report = DistrictReport.objects.get(circular=circular, district_id=MUEANG)
    assert response.url == reverse("reports:detail", args=[report.pk])
    return client, report


def _fill(client, report, **extra):
    data = {
        "revision": DistrictReport.objects.get(pk=report.pk).revision,
        "reporter_name": "นางสาวสมศรี รายงานดี",
        "reporter_position": "พัฒนาการอำเภอเมืองอุบลราชธานี",
        "reporter_phone": "๐๔๕-๑๒๓๔๕๖",
    }
    for instruction in report.circular.instructions.all():
        data[f"status_{instruction.pk}"] = "done"
        data[f"narrative_{instruction.pk}"] = ""
    data.update(extra)
    return client.post(reverse("reports:edit", args=[report.pk]), data)


def test_the_district_opens_its_report_already_filled(personas):
    pf.make_plan(pf.HUA_RUEA)
    pf.add_project(pf.make_plan(pf.HUA_RUEA))
    circular = f.circular()
    client, report = _start(personas, circular)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert 'data-figure="plans"' in page
    assert "เมืองอุบลราชธานี" in page
    assert 'data-tambon="340104"' in page
    assert "ส่งรายงานให้จังหวัด" in page
    assert "ยังไม่ได้กรอกชื่อผู้รายงาน" in page


def test_the_whole_round_trip(personas, mailoutbox, django_capture_on_commit_callbacks):
    circular = f.circular()
    client, report = _start(personas, circular)
    assert _fill(client, report).status_code == 302
    client.post(reverse("reports:item_add", args=[report.pk, "problem"]),
                {"problem-category": "budget", "problem-text": "งบประมาณไม่เพียงพอต่อการจัดเวที"})  # fmt: skip
    client.post(reverse("reports:item_add", args=[report.pk, "suggestion"]),
                {"suggestion-category": "knowledge", "suggestion-text": "ควรจัดอบรมผู้นำชุมชน",
                 "suggestion-addressed_to": "department"})  # fmt: skip
    revision = DistrictReport.objects.get(pk=report.pk).revision
    response = client.post(reverse("reports:submit", args=[report.pk]), {"revision": revision}, follow=True)
    assert "ส่งรายงานแล้ว (ครั้งที่ 1)" in response.content.decode()
    # The double click: the second submit is refused, one version.
    client.post(reverse("reports:submit", args=[report.pk]), {"revision": revision})
    assert ReportVersion.objects.filter(report=report).count() == 1

    province = personas.client_for(personas.province_officer)
    rates_page = province.get(reverse("reports:rates", args=[circular.pk])).content.decode()
    assert 'data-figure="submitted">1<' in rates_page
    assert 'data-figure="missing">1<' in rates_page
    province.post(reverse("reports:return", args=[report.pk]), {"comment": "กรุณาระบุวันที่จัดเวทีให้ครบ"})
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "กรุณาระบุวันที่จัดเวทีให้ครบ" in page
    assert "งบประมาณไม่เพียงพอต่อการจัดเวที" in page  # the new draft starts from the last version
    # One district has not sent, the other was returned: the reminder names both, and says so.
    rates_page = province.get(reverse("reports:rates", args=[circular.pk])).content.decode()
    assert 'data-figure="missing">1<' in rates_page and 'data-figure="returned">1<' in rates_page
    assert "เตือนอำเภอที่ยังไม่ส่งหรือต้องส่งใหม่ (2)" in rates_page

    client.post(reverse("reports:item_add", args=[report.pk, "problem"]),
                {"problem-category": "time", "problem-text": "ระยะเวลาจัดเวทีตรงกับฤดูทำนา"})  # fmt: skip
    revision = DistrictReport.objects.get(pk=report.pk).revision
    client.post(reverse("reports:submit", args=[report.pk]), {"revision": revision})
    diff = province.get(reverse("reports:version", args=[report.pk, 2])).content.decode()
    assert "สิ่งที่เปลี่ยนจากฉบับที่ 1" in diff
    assert "ระยะเวลาจัดเวทีตรงกับฤดูทำนา" in diff and "(เพิ่มใหม่)" in diff
    assert 'id="problem-list"' in diff and "งบประมาณไม่เพียงพอต่อการจัดเวที" in diff

    province.post(reverse("reports:accept", args=[report.pk]))
    assert DistrictReport.objects.get(pk=report.pk).state == ReportState.ACCEPTED
    consolidated = province.get(reverse("reports:consolidation", args=[circular.pk])).content.decode()
    assert "รวมเฉพาะรายงานที่จังหวัดรับแล้ว 1 อำเภอ จาก 2 อำเภอ" in consolidated
    assert "ควรจัดอบรมผู้นำชุมชน" in consolidated

    # Warin has not sent: the province reminds it once today.
    warin = personas.other_district_officer
    warin.email = "warin@example.org"
    warin.save()
    with django_capture_on_commit_callbacks(execute=True):
        province.post(reverse("reports:remind", args=[circular.pk]))
        province.post(reverse("reports:remind", args=[circular.pk]))
    assert Reminder.objects.filter(district_id=WARIN).count() == 1
    assert [m.to for m in mailoutbox] == [["warin@example.org"]]


def test_an_override_without_reason_is_shown_and_nothing_is_written(personas):
    client, report = _start(personas, f.circular())
    response = _fill(client, report, figure_plans="๕", reason_plans="")
    page = response.content.decode()
    assert response.status_code == 200
    assert "ตำบลที่เปิดแผนในระบบ: ระบบคำนวณได้ 0 ถ้าจะแก้เป็น 5 ต้องระบุเหตุผล" in page
    stored = DistrictReport.objects.get(pk=report.pk)
    assert stored.reporter_name == "" and not stored.overrides.exists()


def test_an_empty_item_is_refused_with_a_message(personas):
    client, report = _start(personas, f.circular())
    response = client.post(reverse("reports:item_add", args=[report.pk, "suggestion"]),
                           {"suggestion-category": "budget", "suggestion-text": "ควรเพิ่มงบ"}, follow=True)  # fmt: skip
    assert "เสนอต่อ" in response.content.decode()
    assert not ReportItem.objects.exists()


@pytest.mark.parametrize("persona", ["other_district_officer", "outsider", "tambon_officer"])
def test_others_cannot_see_a_districts_report(personas, persona):
    _client, report = _start(personas, f.circular())
    client = personas.client_for(getattr(personas, persona))
    for name in ("reports:detail", "reports:pdf", "reports:xlsx"):
        assert client.get(reverse(name, args=[report.pk])).status_code == 404
    assert client.post(reverse("reports:submit", args=[report.pk])).status_code == 404


def test_a_viewer_reads_but_does_not_review(personas):
    version = f.submitted(personas.district_officer, f.circular())
    client = personas.client_for(personas.viewer)
    assert client.get(reverse("reports:detail", args=[version.report.pk])).status_code == 200
    assert client.post(reverse("reports:accept", args=[version.report.pk])).status_code == 403
    assert client.post(reverse("reports:remind", args=[version.report.circular.pk])).status_code == 403
    assert DistrictReport.objects.get().state == ReportState.SUBMITTED


def test_districts_do_not_see_the_rates_or_consolidation(personas):
    circular = f.circular()
    client = personas.client_for(personas.district_officer)
    assert client.get(reverse("reports:rates", args=[circular.pk])).status_code == 404
    assert client.get(reverse("reports:consolidation", args=[circular.pk])).status_code == 404
    outsider = personas.client_for(personas.outsider)
    assert outsider.get(reverse("reports:consolidation", args=[circular.pk])).status_code == 404


def test_the_department_sees_every_provinces_consolidation(personas):
    circular = f.circular()
    department = personas.client_for(make_user("cdd", "department"))
    assert department.get(reverse("reports:consolidation", args=[circular.pk])).status_code == 200
    index = department.get(reverse("reports:index")).content.decode()
    assert reverse("reports:consolidation", args=[circular.pk]) in index
    assert department.post(reverse("reports:accept", args=[1])).status_code == 404


@pytest.mark.parametrize(("name", "content_type"), [
    ("pdf", "application/pdf"),
    ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
])  # fmt: skip
def test_documents_download(personas, name, content_type):
    circular = f.circular()
    version = f.submitted(personas.district_officer, circular)
    province = personas.client_for(personas.province_officer)
    response = province.get(reverse(f"reports:{name}", args=[version.report.pk]))
    assert response.status_code == 200 and response["Content-Type"] == content_type
    response = province.get(reverse(f"reports:consolidation_{name}", args=[circular.pk]))
    assert response.status_code == 200 and response["Content-Type"] == content_type


def test_the_index_lists_the_districts_own_report(personas):
    circular = f.circular()
    page = personas.client_for(personas.district_officer).get(reverse("reports:index")).content.decode()
    assert reverse("reports:district", args=[circular.pk, MUEANG]) in page
    f.submitted(personas.district_officer, circular, at=f.bangkok(f.DUE + timedelta(days=3), 9))
    page = personas.client_for(personas.district_officer).get(reverse("reports:index")).content.decode()
    assert "ส่งแล้ว รอตรวจ" in page


def test_the_consolidation_has_the_same_numbers_on_screen_and_in_excel(personas):
    import io
    import re
    from decimal import Decimal

    from openpyxl import load_workbook

    from tambonplan.reports import services
    from tambonplan.reports.models import FigureOverride

    circular = f.circular()
    report = f.filled_report(personas.district_officer, circular)
    FigureOverride.objects.create(
        report=report, key="secured_amount", value=Decimal("1234567.50"), reason="รวมงบ อปท."
    )
    FigureOverride.objects.create(report=report, key="plans", value=Decimal(9), reason="นับจากทะเบียน")
    services.submit(user=personas.district_officer, report=report)
    services.accept(user=personas.province_officer, report=report)
    province = personas.client_for(personas.province_officer)

    page = province.get(reverse("reports:consolidation", args=[circular.pk])).content.decode()
    on_screen = dict(
        re.findall(
            r'data-figure="(\w+)"><td[^>]*>.*?</td><td class="text-end text-nowrap"[^>]*>([\d,.]+)', page
        )
    )
    workbook = load_workbook(
        io.BytesIO(province.get(reverse("reports:consolidation_xlsx", args=[circular.pk])).content)
    )
    in_excel = {row[0]: row[1] for row in workbook["สรุป"].iter_rows(values_only=True)}
    assert on_screen["plans"] == "9" and in_excel["ตำบลที่เปิดแผนในระบบ"] == 9
    assert on_screen["secured_amount"] == "1,234,567.50"
    assert Decimal(str(in_excel["งบประมาณที่ได้รับการสนับสนุนแล้ว"])) == Decimal("1234567.50")


def test_the_province_index_counts_reports(personas):
    circular = f.circular()
    f.submitted(personas.district_officer, circular)
    page = personas.client_for(personas.province_officer).get(reverse("reports:index")).content.decode()
    assert "1/2" in page
    assert reverse("reports:rates", args=[circular.pk]) in page
