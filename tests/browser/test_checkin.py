from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone

from tambonplan.accounts.models import Role
from tambonplan.events.models import Event, EventKind
from tests.conftest import PASSWORD, make_user


def test_a_participant_registers_from_a_phone_and_the_event_page_counts_them(
    live_server, page, transactional_db
):
    from tambonplan.areas.services import areas_load

    areas_load()
    cache.clear()
    make_user("mueang_district", Role.DISTRICT, district="3401")
    starts = timezone.now() - timedelta(minutes=30)
    event = Event.objects.create(
        kind=EventKind.WORKSHOP,
        fiscal_year=2569,
        title="ประชุมเชิงปฏิบัติการจัดทำแผนพัฒนาตำบลหัวเรือ",
        starts_at=starts,
        ends_at=starts + timedelta(hours=6),
        venue="ศาลาประชาคมตำบลหัวเรือ",
        area_code="340104",
        province_id="34",
        district_id="3401",
        tambon_id="340104",
    )

    # The phone (390 px wide, no account) opens the link in the QR code.
    page.goto(f"{live_server.url}/checkin/{event.checkin_token}/")
    page.wait_for_selector("h1:has-text('ลงทะเบียนเข้าร่วมกิจกรรม')")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.fill("#id_name", "นางสมศรี มีสุข")
    page.select_option("#id_group", "socho")
    page.fill("#id_phone", "๐๘๑ ๒๓๔ ๕๖๗๘")
    page.click("button[type=submit]")
    page.wait_for_selector("#checkin-result")
    assert page.inner_text("#checkin-result") == "ลงทะเบียนเรียบร้อย ขอบคุณที่เข้าร่วม"
    assert "ประชุมเชิงปฏิบัติการจัดทำแผนพัฒนาตำบลหัวเรือ" in page.inner_text("#checkin-event-title")

    # The district officer's event page now lists one attendee, counted as ศอช.
    page.goto(f"{live_server.url}/accounts/login/?next=/events/{event.pk}/")
    page.fill("#id_username", "mueang_district")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("#attendees")
    assert page.locator("#attendees [data-attendee]").count() == 1
    assert "นางสมศรี มีสุข" in page.inner_text("#attendees")
    assert page.inner_text("[data-figure=total]") == "1"
    assert page.inner_text("[data-figure=socho]") == "1"
