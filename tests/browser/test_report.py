from tambonplan.accounts.models import Role
from tambonplan.reports.models import ReportVersion
from tests.conftest import PASSWORD, make_user
from tests.reports import factories as f


def test_district_officer_fills_and_sends_the_report_from_a_phone(live_server, page, transactional_db):
    from tambonplan.areas.services import areas_load

    areas_load()
    make_user("mueang_district", Role.DISTRICT, district="3401")
    circular = f.circular()
    page.on("dialog", lambda dialog: dialog.accept())

    page.goto(f"{live_server.url}/reports/")
    page.fill("#id_username", "mueang_district")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.click("text=จัดทำรายงาน")
    page.click("text=เริ่มจัดทำรายงาน")
    page.wait_for_selector("#report-state:has-text('ร่าง')")
    assert page.locator("[data-figure=tambons] .figure-value").inner_text().startswith("12")
    assert page.locator("#submit-box button").is_disabled()

    page.select_option("#id_problem-category", "budget")
    page.fill("#id_problem-text", "งบประมาณไม่เพียงพอต่อการจัดเวทีประชาคม")
    page.click("#problems ~ form button[type=submit]")
    page.wait_for_selector("#problem-list li:has-text('งบประมาณไม่เพียงพอ')")

    page.click("text=กรอกผลการดำเนินงาน/ผู้รายงาน")
    page.fill("#id_reporter_name", "นางสาวสมศรี รายงานดี")
    page.fill("#id_reporter_position", "พัฒนาการอำเภอ")
    page.fill("#id_reporter_phone", "๐๔๕-๑๒๓๔๕๖")
    page.click("text=บันทึกร่าง")
    page.wait_for_selector("#reporter:has-text('นางสาวสมศรี รายงานดี')")

    page.click("#submit-box button")
    page.wait_for_selector("#report-state:has-text('ส่งแล้ว รอตรวจ')")
    assert page.locator("#report-events").inner_text().count("ฉบับที่ 1") == 1
    assert ReportVersion.objects.filter(report__circular=circular).count() == 1
