"""A page's title breaks between Thai words: in base.html an <h1> never breaks inside "บูรณาการ" however narrow
the window, where Chromium alone breaks it as "บูรณา|การ"; the HTML keeps the title's text as written."""

from urllib.parse import urlparse

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.template import engines
from django.test import RequestFactory

from tests.browser.line_boxes import LINES_OF

TITLE = "การบูรณาการงบประมาณ"
SITE = "http://tambonplan.test"
WIDTHS = list(range(80, 260, 10))
PAGE = '{% extends "base.html" %}{% block content %}<h1 class="page-title">' + TITLE + "</h1>{% endblock %}"

# The lines of each title at each width, as its characters' line boxes (Range.getClientRects) show them;
# the second title is the same text added after the page's script ran: Chromium's own breaking.
LINES = (
    """(widths) => {
  const marked = document.querySelector('h1');
  const plain = document.createElement('h1');
  plain.className = marked.className;
  plain.textContent = marked.textContent;
  marked.after(plain);
  const linesOf = (element) => ("""
    + LINES_OF
    + """)(element).join('|');
  return widths.map((width) => {
    marked.style.width = plain.style.width = width + 'px';
    return [linesOf(marked), linesOf(plain)];
  });
}"""
)


def serve(page, html: str) -> None:
    """The page at SITE, its static files from the project's finders; nothing else."""

    def handle(route):
        path = urlparse(route.request.url).path
        found = path.startswith(settings.STATIC_URL) and finders.find(path.removeprefix(settings.STATIC_URL))
        if path == "/":
            route.fulfill(body=html, content_type="text/html; charset=utf-8")
        elif found:
            route.fulfill(path=found)
        else:
            route.fulfill(status=404)

    page.route(f"{SITE}/**", handle)


def test_a_title_never_breaks_inside_a_word(page):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    html = engines["django"].from_string(PAGE).render({}, request)
    assert f">{TITLE}</h1>" in html  # the text as written; the breaks are attributes

    serve(page, html)
    page.goto(f"{SITE}/")
    page.wait_for_function("document.fonts.status === 'loaded'")
    results = page.evaluate(LINES, WIDTHS)

    def whole(lines: str) -> bool:
        return any("บูรณาการ" in line for line in lines.split("|"))

    for width, (marked, plain) in zip(WIDTHS, results, strict=True):
        assert marked.replace("|", "") == plain.replace("|", "") == TITLE
        assert whole(marked), f"{width} px: {marked}"
    # and the test means something: on its own, Chromium breaks inside the word at some of these widths
    assert not all(whole(plain) for _, plain in results), results
