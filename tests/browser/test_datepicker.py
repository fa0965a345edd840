from datetime import date, datetime, time, timedelta

from tambonplan.accounts.models import Role
from tambonplan.events.models import Event, EventKind
from tambonplan.planning.models import PlanStep
from tambonplan.thai.dates import BANGKOK, bangkok_today
from tambonplan.thai.digits import to_thai_digits
from tests.conftest import PASSWORD, make_user
from tests.planning import factories as plans


def sign_in(page, live_server, username: str, path: str) -> list[str]:
    """Signs in and opens `path`; the returned list collects the page's console errors (a CSP refusal is one)."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}/accounts/login/?next={path}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    return errors


def test_an_event_date_is_picked_with_the_keyboard_and_another_typed(live_server, page, transactional_db):
    from tambonplan.areas.services import areas_load

    areas_load()
    make_user("mueang_district", Role.DISTRICT, district="3401")
    starts = datetime.combine(date(2026, 12, 4), time(9, 0), tzinfo=BANGKOK)
    event = Event.objects.create(
        kind=EventKind.WORKSHOP,
        fiscal_year=2570,
        title="ประชุมเชิงปฏิบัติการจัดทำแผนพัฒนาตำบลหัวเรือ",
        starts_at=starts,
        ends_at=starts + timedelta(hours=6),
        area_code="340104",
        province_id="34",
        district_id="3401",
        tambon_id="340104",
    )
    errors = sign_in(page, live_server, "mueang_district", f"/events/{event.pk}/edit/")
    start = page.locator("#id_start_date")
    assert start.input_value() == "04/12/2569"

    # The calendar opens at the field's date, Sunday first, in the Buddhist era.
    page.click("#id_start_date ~ .be-datepicker-toggle")
    calendar = page.locator(".be-datepicker:not([hidden])")
    assert calendar.get_attribute("role") == "dialog"
    assert calendar.locator(".be-datepicker-title").inner_text() == "ธันวาคม พ.ศ. 2569"
    assert calendar.locator("thead th").all_inner_texts() == ["อา", "จ", "อ", "พ", "พฤ", "ศ", "ส"]
    focused = page.locator(":focus")
    assert focused.get_attribute("aria-label") == "วันศุกร์ที่ 4 ธันวาคม พ.ศ. 2569"
    assert focused.get_attribute("aria-selected") == "true"

    # Arrows move by a day or a week, PageDown/PageUp by a month, Enter picks.
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("PageDown")
    assert calendar.locator(".be-datepicker-title").inner_text() == "มกราคม พ.ศ. 2570"
    assert page.locator(":focus").get_attribute("aria-label") == "วันอังคารที่ 12 มกราคม พ.ศ. 2570"
    page.keyboard.press("PageUp")
    page.keyboard.press("Enter")
    assert page.locator(".be-datepicker:not([hidden])").count() == 0
    assert start.input_value() == "12/12/2569"
    assert page.locator(":focus").get_attribute("aria-label") == "เลือกวันที่จากปฏิทิน: วันที่เริ่ม"

    # Escape closes without writing anything, back on the button that opened it.
    page.click("#id_end_date ~ .be-datepicker-toggle")
    page.keyboard.press("Escape")
    assert page.locator(".be-datepicker:not([hidden])").count() == 0
    assert page.locator(":focus").get_attribute("aria-label") == "เลือกวันที่จากปฏิทิน: วันที่สิ้นสุด"
    assert page.locator("#id_end_date").input_value() == ""

    # Typing is untouched: a short Thai date in Thai digits is still read.
    page.fill("#id_end_date", "๑๓ ธ.ค. ๖๙")
    page.click("#id_end_date ~ .be-datepicker-toggle")
    assert page.locator(":focus").get_attribute("aria-label") == "วันอาทิตย์ที่ ๑๓ ธันวาคม พ.ศ. ๒๕๖๙"
    page.keyboard.press("Escape")
    assert page.locator("#id_end_date").input_value() == "๑๓ ธ.ค. ๖๙"
    page.fill("#id_end_time", "๑๕.๓๐")
    page.click("main form button[type=submit]")
    page.wait_for_selector(".alert-success")
    event.refresh_from_db()
    assert event.starts_at.astimezone(BANGKOK) == datetime(2026, 12, 12, 9, 0, tzinfo=BANGKOK)
    assert event.ends_at.astimezone(BANGKOK) == datetime(2026, 12, 13, 15, 30, tzinfo=BANGKOK)
    assert errors == []


def test_a_tambon_officer_picks_a_done_date_on_a_phone_in_thai_digits(live_server, browser, transactional_db):
    from tambonplan.areas.services import areas_load

    areas_load()
    officer = make_user("huaruea_tambon", Role.TAMBON, district="3401", tambons=["340104"])
    officer.digit_style = "thai"
    officer.save(update_fields=["digit_style"])
    step = plans.steps(plans.make_plan())[0]
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="th-TH")
    page = context.new_page()
    errors = sign_in(page, live_server, "huaruea_tambon", f"/planning/steps/{step.pk}/")

    # The empty field opens at today, marked; the calendar stays inside the 360 px screen.
    page.click("#id_done_on ~ .be-datepicker-toggle")
    calendar = page.locator(".be-datepicker:not([hidden])")
    box = calendar.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    today = bangkok_today()
    assert page.locator(":focus").get_attribute("aria-current") == "date"
    assert page.locator(":focus").inner_text() == to_thai_digits(today.day)

    # Yesterday, picked with the keyboard, is written in the officer's Thai digits and saved.
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Enter")
    yesterday = today - timedelta(days=1)
    expected = to_thai_digits(f"{yesterday.day:02d}/{yesterday.month:02d}/{yesterday.year + 543}")
    assert page.locator("#id_done_on").input_value() == expected
    page.select_option("#id_status", "done")
    page.click("button[name=save_step]")
    page.wait_for_selector(".alert-success")
    assert PlanStep.objects.get(pk=step.pk).done_on == yesterday
    assert errors == []
    context.close()
