"""Each persona opens the home page on the demo data and follows every to-do link: each opens (200) on a page
where the action is taken (a form that posts it), or, for the Department, on the page it watches. This year
and the demo circular's year (2566), at 360 px without anything wider than the screen.

One test walks the four personas over one seeding of the demo (seeding takes longer than the walks)."""

from io import StringIO

from django.core.management import call_command

from tambonplan.accounts.demo import DEMO_PASSWORD
from tambonplan.committees import defaults as committee_defaults
from tambonplan.committees.models import CommitteeKind, CompositionTemplate, Position, TemplateSlot
from tambonplan.planning import defaults as planning_defaults
from tambonplan.planning.models import NeedCategory, ProjectClass, StepDefinition
from tambonplan.thai.dates import current_fiscal_year

DEMO_CIRCULAR_YEAR = 2566
PERSONAS = (  # (username, does the work: True; watches it: False)
    ("mueang_district", True),
    ("huaruea_tambon", True),
    ("ubon_province", True),
    ("cdd_department", False),
)
TODO_LINKS = """() => [...document.querySelectorAll('#todo a[data-todo-link], #todo a[data-todo-more]')]
  .map(a => ({href: a.getAttribute('href'), more: a.hasAttribute('data-todo-more')}))"""
OVERFLOW = "document.documentElement.scrollWidth > document.documentElement.clientWidth"


def test_every_todo_link_opens_where_the_work_is_done(live_server, browser):
    seed_migrated_defaults()
    call_command("seed_demo", force=True, stdout=StringIO())
    for username, acts in PERSONAS:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH")
        walk_home(context.new_page(), live_server.url, username, acts=acts)
        context.close()


def walk_home(page, base: str, username: str, *, acts: bool) -> None:
    log_in(page, base, username)
    followed = 0
    for year in (current_fiscal_year(), DEMO_CIRCULAR_YEAR):
        choose_year(page, base, year)
        page.set_viewport_size({"width": 360, "height": 800})
        page.goto(f"{base}/")
        where = f"{username}, {year}"
        assert not page.evaluate(OVERFLOW), f"{where}: the home page is wider than 360 px"
        assert page.inner_text("#todo-title") == ("สิ่งที่ต้องทำ" if acts else "สิ่งที่ต้องติดตาม"), where
        if not acts:
            assert page.locator("#todo [data-action]").count() == 0, where
        followed += follow_todo_links(page, base, acts=acts, where=where)
    assert followed > 0, f"{username}: nothing to do on the demo data"


def seed_migrated_defaults() -> None:
    """The defaults the data migrations seed (committee kinds, positions, templates, need categories, project
    classes), which the demo builds on: an earlier browser test's flush removed them. As the migrations do."""
    committee_defaults.seed_defaults(CommitteeKind, Position, CompositionTemplate, TemplateSlot)
    committee_defaults.fill_english_names(CommitteeKind, Position)
    planning_defaults.seed_defaults(NeedCategory, ProjectClass)
    planning_defaults.fill_english_names(NeedCategory, ProjectClass, StepDefinition)


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("#todo")


def choose_year(page, base: str, year: int) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})  # the menu open: the year's list in sight
    page.goto(f"{base}/")
    with page.expect_navigation():
        page.select_option("#fy-select", str(year))
    page.wait_for_selector("#todo")


def follow_todo_links(page, base: str, *, acts: bool, where: str) -> int:
    """Open each link of the to-do card: a place where the work is done shows the form that does it; a "more"
    link (the rest of a long list) and a watched page show their page."""
    links = page.evaluate(TODO_LINKS)
    for link in links:
        response = page.goto(f"{base}{link['href']}")
        assert response.status == 200, (where, link)
        if acts and not link["more"]:
            assert page.locator("main form[method=post]").count() >= 1, (where, "no action form", link)
        else:
            assert page.locator("main h1").count() == 1, (where, link)
    return len(links)
