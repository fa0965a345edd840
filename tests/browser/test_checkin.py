from datetime import timedelta

from django.utils import timezone

from tambonplan.accounts.models import Role
from tambonplan.events import services
from tambonplan.events.models import Event, EventKind
from tambonplan.thai.dates import bangkok_today
from tests.conftest import PASSWORD, make_user


def test_a_participant_registers_from_a_phone_and_the_event_page_counts_them(
    live_server, page, transactional_db
):
    from tambonplan.areas.services import areas_load

    areas_load()
    make_user("mueang_district", Role.DISTRICT, district="3401")
    starts = timezone.now() - timedelta(minutes=30)
    event = Event.objects.create(
        kind=EventKind.WORKSHOP,
        fiscal_year=2569,
        title="ประชุมเชิงปฏิบัติการจัดทำแผนพัฒนาตำบลหัวเรือ",
        starts_at=starts,
        ends_at=starts + timedelta(hours=6),
        venue="ศาลาประชาคมตำบลหัวเรือ",
        expected_attendance=80,
        checkin_code="4821",
        area_code="340104",
        province_id="34",
        district_id="3401",
        tambon_id="340104",
    )

    # The phone (390 px wide, no account) opens today's link in the QR code and types the code on the screen.
    page.goto(f"{live_server.url}/checkin/{services.checkin_link_token(event)}/")
    page.wait_for_selector("h1:has-text('ลงทะเบียนเข้าร่วมกิจกรรม')")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.fill("#id_name", "นางสมศรี มีสุข")
    page.select_option("#id_group", "socho")
    page.fill("#id_phone", "๐๘๑ ๒๓๔ ๕๖๗๘")
    page.fill("#id_code", "๔๘๒๐")
    page.click("button[type=submit]")
    page.wait_for_selector(".invalid-feedback")
    assert "รหัสลงทะเบียนไม่ถูกต้อง" in page.inner_text("form")
    page.fill("#id_code", "๔๘๒๑")
    page.click("button[type=submit]")
    page.wait_for_selector("#checkin-result")
    assert page.inner_text("#checkin-result") == "ลงทะเบียนเรียบร้อย ขอบคุณที่เข้าร่วม"
    assert "ประชุมเชิงปฏิบัติการจัดทำแผนพัฒนาตำบลหัวเรือ" in page.inner_text("#checkin-event-title")

    # Yesterday's link, shared in a chat group, no longer registers anyone.
    yesterday = bangkok_today() - timedelta(days=1)
    page.goto(f"{live_server.url}/checkin/{services.checkin_link_token(event, yesterday)}/")
    assert "ลิงก์ลงทะเบียนนี้หมดอายุแล้ว" in page.inner_text("#checkin-error")
    assert page.locator("#id_name").count() == 0

    # The district officer's event page now lists one attendee, counted as ศอช., with the code to project.
    page.goto(f"{live_server.url}/accounts/login/?next=/events/{event.pk}/")
    page.fill("#id_username", "mueang_district")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("#attendees")
    assert page.locator("#attendees [data-attendee]").count() == 1
    assert "นางสมศรี มีสุข" in page.inner_text("#attendees")
    assert page.inner_text("[data-figure=total]") == "1"
    assert page.inner_text("[data-figure=socho]") == "1"
    assert page.inner_text("#checkin-code [data-code]") == "4821"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
