"""The report form in Chromium: "แก้ตัวเลข" opens the correction with its reason, the draft saves itself half a
minute after a change and when the officer leaves, a stale page says so instead of overwriting, and a phone's
360 px hold the whole form."""

import pytest

from tambonplan.accounts.models import Role
from tambonplan.reports import services
from tambonplan.reports.models import DistrictReport
from tests.conftest import PASSWORD, make_user
from tests.planning.factories import MUEANG
from tests.reports import factories as f


@pytest.fixture
def report(transactional_db):
    from tambonplan.areas.services import areas_load

    areas_load()
    officer = make_user("mueang_district", Role.DISTRICT, district="3401")
    officer.position, officer.phone = "พัฒนาการอำเภอเมืองอุบลราชธานี", "045-244123"
    officer.save()
    return services.start_report(user=officer, circular=f.circular(), district_code=MUEANG)


def _open(page, live_server, report):
    page.clock.install()
    page.goto(f"{live_server.url}/accounts/login/?next=/reports/{report.pk}/edit/")
    page.fill("#id_username", "mueang_district")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("#report-form")


def test_a_correction_opens_with_its_reason(live_server, page, report):
    _open(page, live_server, report)
    figure = page.locator("[data-figure=plans]")
    assert not figure.locator("input[name=figure_plans]").is_visible()

    figure.get_by_text("แก้ตัวเลข").click()

    assert figure.locator("input[name=figure_plans]").is_visible()
    assert figure.locator("input[name=reason_plans]").is_visible()
    assert figure.locator("input[name=figure_plans]").get_attribute("placeholder") == "0"


def test_the_draft_saves_itself_and_updates_the_checklist(live_server, page, report):
    _open(page, live_server, report)
    checklist = page.locator("#report-checklist")
    assert "ยังไม่ได้กรอกชื่อผู้รายงาน" in checklist.inner_text()
    # Prefilled from the profile: saved once the officer has given the title.
    assert page.input_value("#id_reporter_name") == "mueang_district ทดสอบ"
    page.fill("#id_reporter_title", "นาย")
    page.fill(f"#id_narrative_{report.circular.instructions.get(number=1).pk}", "จัดอบรมแล้ว ๑ ครั้ง")

    page.clock.fast_forward(31_000)

    page.wait_for_selector("#autosave-status:has-text('บันทึกร่างอัตโนมัติแล้ว เวลา')")
    assert "ยังไม่ได้กรอกชื่อผู้รายงาน" not in checklist.inner_text()
    saved = DistrictReport.objects.get(pk=report.pk)
    assert (saved.reporter_title, saved.reporter_name) == ("นาย", "mueang_district ทดสอบ")
    assert saved.reporter_phone == "045-244123"

    # The button's save after an autosave carries the new revision: no conflict.
    page.fill("#id_reporter_phone", "045-244999")
    page.locator("#report-form button[type=submit]").click()
    page.wait_for_selector("text=บันทึกร่างรายงานแล้ว")
    assert DistrictReport.objects.get(pk=report.pk).reporter_phone == "045-244999"


def test_leaving_by_the_back_link_saves_first(live_server, page, report):
    _open(page, live_server, report)
    page.fill("#id_reporter_title", "นาย")
    page.fill("#id_reporter_position", "นักวิชาการพัฒนาชุมชน")

    page.click("text=กลับไปหน้ารายงาน")

    page.wait_for_selector("#reporter:has-text('นักวิชาการพัฒนาชุมชน')")


def test_a_stale_page_is_not_saved_over_anothers_draft(live_server, page, report):
    _open(page, live_server, report)
    report.refresh_from_db()
    report.reporter_position = "บันทึกจากอีกหน้าต่าง"
    report.revision += 1
    report.save()

    page.fill("#id_reporter_title", "นาย")
    page.fill("#id_reporter_position", "จากหน้าที่เปิดค้างไว้")
    page.clock.fast_forward(31_000)

    page.wait_for_selector("#autosave-status:has-text('ถูกแก้ไขโดยผู้อื่น')")
    assert DistrictReport.objects.get(pk=report.pk).reporter_position == "บันทึกจากอีกหน้าต่าง"


def test_the_form_fits_a_phone(live_server, page, report):
    page.set_viewport_size({"width": 360, "height": 780})
    _open(page, live_server, report)
    page.locator("[data-figure=need_amount]").get_by_text("แก้ตัวเลข").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    button = page.locator("#report-form button[type=submit]")
    button.scroll_into_view_if_needed()
    assert button.is_visible()
