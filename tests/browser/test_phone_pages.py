"""The pages a tambon or district officer works on, on a 360 px phone (the demo data): nothing is wider than the
screen except inside what scrolls on purpose, the work items (steps, needs, projects, forwardings) are cards
that do not scroll sideways, a step's or project's name takes a line or two broken between words only, and every
form's submit button and every card's action can be seen and reached once scrolled to.

One test seeds the demo once and walks both personas (seeding takes longer than the walks)."""

from io import StringIO
from itertools import accumulate

from django.core.management import call_command
from django.db.models import Count

from tambonplan.events.models import Event
from tambonplan.planning.models import Project, TambonPlan
from tambonplan.reports.models import DistrictReport
from tambonplan.thai.linebreak import segments
from tests.browser.line_boxes import LINES_OF
from tests.browser.test_home import log_in, seed_migrated_defaults

HUA_RUEA = "340104"
MUEANG = "3401"
WIDTH = 360

# Elements whose right edge is past the screen, outside anything that scrolls or clips on purpose
# (.table-responsive, a scrolled check list).
OVERFLOW = """() => {
  const width = window.innerWidth;
  const contained = (element) => {
    for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
      if (getComputedStyle(parent).overflowX !== 'visible') return true;
    }
    return false;
  };
  const wide = [...document.body.querySelectorAll('*')].filter((element) => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && box.right > width + 0.5 && !contained(element);
  });
  return {
    page: document.documentElement.scrollWidth,
    width,
    wide: wide.slice(0, 5).map((e) => `${e.tagName}#${e.id}.${e.className}: ${e.textContent.trim().slice(0, 40)}`),
  };
}"""
# The tables of work items on the page and those wider than the screen (scrolled sideways, their last columns
# and buttons out of sight): each should be cards.
WORK_TABLES = "#step-table, #need-table, #project-table, #forwarding-table"
TABLES = """(selector) => [...document.querySelectorAll(selector)].map((table) => ({
  id: table.id, wide: table.getBoundingClientRect().right > window.innerWidth + 0.5 }))"""
# The lines of each work item's title (a step's name, a project's), as its characters' line boxes show them.
TITLE_LINES = (
    "() => [...document.querySelectorAll('#step-table .stack-title, #project-table .stack-title')].map("
    + LINES_OF
    + ")"
)
# Submit buttons of the forms of the page's content, and the links of its cards (titles, "บันทึก").
CONTROLS = """(tables) => {
  const buttons = [...document.querySelectorAll('main form')].flatMap(
    (form) => [...form.elements].filter((element) => element.type === 'submit'));
  const actions = [...document.querySelectorAll(tables)].flatMap((table) => [...table.querySelectorAll('a[href]')]);
  return [...new Set([...buttons, ...actions])].map((element, index) => {
    element.dataset.phoneCheck = index;
    return index;
  });
}"""
IN_SIGHT = """(index) => {
  const element = document.querySelector(`[data-phone-check="${index}"]`);
  element.scrollIntoView({block: 'center', inline: 'nearest', behavior: 'instant'});  // not Bootstrap's smooth
  const box = element.getBoundingClientRect();
  const x = box.left + box.width / 2;
  const y = box.top + box.height / 2;
  const hit = document.elementFromPoint(x, y);
  return {
    label: `${element.tagName} ${element.textContent.trim().slice(0, 40)}`,
    inside: box.width > 0 && box.left >= -0.5 && box.right <= window.innerWidth + 0.5
            && box.top >= 0 && box.bottom <= window.innerHeight,
    reachable: hit !== null && (hit === element || element.contains(hit) || hit.contains(element)),
  };
}"""


def test_work_pages_fit_a_phone_and_their_buttons_can_be_reached(live_server, browser):
    seed_migrated_defaults()
    call_command("seed_demo", force=True, stdout=StringIO())
    seen = set()
    for username, paths in (("huaruea_tambon", tambon_pages()), ("mueang_district", district_pages())):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH")
        page = context.new_page()
        log_in(page, live_server.url, username)
        page.set_viewport_size({"width": WIDTH, "height": 740})
        for path in paths:
            seen.update(check_page(page, f"{live_server.url}{path}", where=f"{username} {path}"))
        context.close()
    assert seen == {"step-table", "need-table", "project-table", "forwarding-table"}  # the walk saw them all


def tambon_pages() -> list[str]:
    """Hua Ruea's plans (the demo's FY 2566 story and this year's), a forwarded project, the attendance of its
    latest event with attendees, and the need, project and step forms."""
    plans = list(TambonPlan.objects.filter(tambon_id=HUA_RUEA).order_by("fiscal_year"))
    assert len(plans) >= 2
    project = (
        Project.objects.filter(plan=plans[0])
        .annotate(forwarded=Count("forwardings"))
        .filter(forwarded__gt=0)
        .order_by("pk")
        .first()
    )
    need = plans[0].needs.order_by("pk").first()
    step = plans[0].steps.order_by("pk").first()
    event = (
        Event.objects.filter(area_code__startswith=HUA_RUEA)
        .annotate(people=Count("attendees"))
        .filter(people__gt=0)
        .order_by("-pk")
        .first()
    )
    return [
        *(f"/planning/plan/{plan.pk}/" for plan in plans),
        f"/planning/projects/{project.pk}/",
        f"/events/{event.pk}/",
        f"/planning/plan/{plans[0].pk}/needs/new/",
        f"/planning/plan/{plans[0].pk}/needs/{need.pk}/",
        f"/planning/plan/{plans[0].pk}/projects/{project.pk}/edit/",
        f"/planning/steps/{step.pk}/",
    ]


def district_pages() -> list[str]:
    """Mueang's report to the demo circular and the district officer's view of Hua Ruea's plan."""
    report = DistrictReport.objects.filter(district_id=MUEANG).order_by("pk").first()
    plan = TambonPlan.objects.filter(tambon_id=HUA_RUEA).order_by("fiscal_year").first()
    return [f"/reports/{report.pk}/", f"/planning/plan/{plan.pk}/"]


def check_page(page, url: str, *, where: str) -> list[str]:
    """Check the page at 360 px; the ids of its work-item tables."""
    response = page.goto(url)
    assert response.status == 200, where
    page.wait_for_function("document.fonts.status === 'loaded'")

    overflow = page.evaluate(OVERFLOW)
    assert overflow["page"] <= WIDTH, (where, overflow)
    assert overflow["wide"] == [], (where, overflow)
    for lines in page.evaluate(TITLE_LINES):  # a name on a line or two, broken between words only
        assert len(lines) <= 2, (where, lines)
        ends = set(accumulate(len(segment) for segment in segments("".join(lines))))
        assert all(end in ends for end in accumulate(len(line) for line in lines)), (where, lines)

    tables = page.evaluate(TABLES, WORK_TABLES)
    assert [table["id"] for table in tables if table["wide"]] == [], (where, tables)

    controls = page.evaluate(CONTROLS, WORK_TABLES)
    for index in controls:
        seen = page.evaluate(IN_SIGHT, index)
        assert seen["inside"] and seen["reachable"], (where, seen)
    return [table["id"] for table in tables]
