"""The menu fits on one line at 1366 and 1280 px in Thai and in English: no label breaks inside a word, the
fiscal-year list keeps its full label, nothing overflows the page."""

from django.conf import settings

from tambonplan.accounts.models import Role
from tests.conftest import PASSWORD, make_user

MENU = """() => {
  const links = [...document.querySelectorAll('#main-nav .nav-link')];
  const select = document.querySelector('#fy-select');
  return {
    labels: links.map(link => link.innerText.trim()),
    broken: links.filter(link => link.getClientRects().length > 1 || link.offsetHeight > 48)
                 .map(link => link.innerText.trim()),
    tops: [...new Set(links.map(link => Math.round(link.getBoundingClientRect().top)))],
    selectClipped: select.scrollWidth > select.clientWidth + 1 || select.clientWidth < 150,
    overflow: document.documentElement.scrollWidth > document.documentElement.clientWidth,
  };
}"""


def test_the_menu_fits_on_one_line_in_thai_and_english(live_server, page, transactional_db):
    from tambonplan.areas.services import areas_load

    areas_load()
    # A district officer sees the longest menu (with the users page).
    make_user("mueang_district", Role.DISTRICT, district="3401")
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "mueang_district")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("#main-nav", state="attached")

    for language, first in (("th", "หน้าหลัก"), ("en", "Home")):
        page.context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
        )
        for width in (1366, 1280):
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(f"{live_server.url}/")

            menu = page.evaluate(MENU)

            where = f"{language} at {width} px: {menu}"
            assert menu["labels"][0] == first, where
            assert len(menu["labels"]) == 10, where  # nine pages and the user's menu
            assert menu["broken"] == [], where
            assert len(menu["tops"]) == 1, where
            assert not menu["selectClipped"], where
            assert not menu["overflow"], where
