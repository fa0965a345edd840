"""The open-data page maps its dataset: the areas of the file, coloured by a share of its own columns
(issue 20, item 3)."""

import re
from html import unescape

from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tambonplan.areas.models import District, Province
from tambonplan.planning.models import TambonPlan
from tests.maps.test_choropleth import table
from tests.planning import factories as pf


def areas_of(html: str) -> dict[str, str]:
    svg = re.search(r"<svg[^>]*class=\"choropleth\".*?</svg>", html, re.S).group(0)
    return {
        code: unescape(title)
        for code, title in re.findall(r'data-area="(\d+)"[^>]*><title>(.*?)</title>', svg)
    }


def test_a_provinces_districts_are_mapped_with_the_files_figures(db):
    cache.clear()
    pf.mark_done(pf.make_plan(pf.HUA_RUEA), 2)

    html = (
        Client()
        .get(reverse("opendata:index"), {"level": "districts", "province": pf.UBON, "map": "steps"})
        .content.decode()
    )

    areas = areas_of(html)
    assert set(areas) == set(
        District.objects.active().filter(province_id=pf.UBON).values_list("code", flat=True)
    )
    percent = round(100 * 2 / len(pf.steps(TambonPlan.objects.get())))
    assert areas[pf.MUEANG] == f"เมืองอุบลราชธานี: {percent}%"
    assert areas[pf.WARIN] == "วารินชำราบ: ไม่มีข้อมูล"
    assert table(html)[pf.MUEANG] == f"{percent}%"


def test_the_nation_shows_bangkok_outside_cd_work(db):
    cache.clear()
    html = Client().get(reverse("opendata:index"), {"map": "workshops"}).content.decode()

    assert len(areas_of(html)) == Province.objects.exclude(code="10").count()
    assert 'data-context="10"' in html
