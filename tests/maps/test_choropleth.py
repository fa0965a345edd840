"""The maps: outlines derived once, every area drawn exactly once with its figure, the same figure as the table,
areas without an outline listed, never dropped (issue 20)."""

import gzip
import json
import re
from html import unescape
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from tambonplan.accounts.models import Role
from tambonplan.areas.models import District, Province, Tambon
from tambonplan.maps.choropleth import ATTRIBUTION, category_scale, choropleth, percent_scale
from tambonplan.maps.geometry import project, shapes_of
from tests.conftest import make_user
from tests.planning import factories as pf


def drawn(html: str) -> dict[str, tuple[str, str]]:
    """Area code -> (link, title) of every area drawn in the page's map SVG."""
    svg = re.search(r"<svg[^>]*class=\"choropleth\".*?</svg>", html, re.S).group(0)
    areas = re.findall(
        r'<a href="([^"]*)"><path d="[^"]*" fill="[^"]*" data-area="(\d+)"[^>]*><title>(.*?)</title>', svg
    )
    codes = [code for _link, code, _title in areas]
    assert len(codes) == len(set(codes)), "an area drawn twice"
    return {code: (link, unescape(title)) for link, code, title in areas}


def table(html: str) -> dict[str, str]:
    """Area code -> figure of the map's table."""
    body = re.search(r"<table[^>]*data-map-table=.*?</table>", html, re.S).group(0)
    rows = re.findall(
        r'<tr data-area="(\d+)"><td[^>]*>.*?</td><td class="num"[^>]*>(.*?)</td></tr>', body, re.S
    )
    return {code: unescape(figure) for code, figure in rows}


def test_the_outlines_are_stored_for_every_level():
    assert len(shapes_of("provinces")) == 77
    assert len(shapes_of("districts")) == 928
    assert len(shapes_of("tambons")) == 7425
    ubon = shapes_of("provinces")["34"]
    x, y = project(104.85, 15.25)  # Ubon Ratchathani town
    assert ubon.bbox[0] < x < ubon.bbox[2] and ubon.bbox[1] < y < ubon.bbox[3]


def test_the_province_page_draws_its_25_districts_each_a_link_with_the_tables_figure(personas):
    pf.mark_done(pf.make_plan(pf.HUA_RUEA), 2)
    response = personas.client_for(personas.province_officer).get(
        reverse("planning:province", args=[pf.UBON])
    )

    html = response.content.decode()
    areas = drawn(html)
    districts = set(District.objects.active().filter(province_id=pf.UBON).values_list("code", flat=True))
    assert set(areas) == districts and len(areas) == 25
    assert areas[pf.MUEANG][0] == reverse("planning:district", args=[pf.MUEANG])
    figures = table(html)
    for code, (_link, title) in areas.items():
        assert title.endswith(f": {figures[code]}") or (figures[code] == "ไม่มีข้อมูล" and "ไม่มีข้อมูล" in title)
    assert str(ATTRIBUTION) in unescape(html)


def test_by_tambon_every_active_tambon_with_an_outline_is_drawn_once_and_the_others_are_listed(personas):
    response = personas.client_for(personas.province_officer).get(
        reverse("planning:province", args=[pf.UBON]), {"by": "tambon", "measure": "workshop"}
    )

    html = response.content.decode()
    areas = drawn(html)
    tambons = set(
        Tambon.objects.active().filter(district__province_id=pf.UBON).values_list("code", flat=True)
    )
    outlined = tambons & set(shapes_of("tambons"))
    assert set(areas) == outlined
    assert set(table(html)) == tambons  # every tambon counts, outline or not
    missing = tambons - outlined
    listed = re.search(r'data-map-missing="(\d+)"', html)
    assert (int(listed.group(1)) if listed else 0) == len(missing)
    assert all(title.endswith(": ยังไม่จัด") for _link, title in areas.values())


def test_the_district_page_draws_its_tambons_with_progress(personas):
    plan = pf.make_plan(pf.HUA_RUEA)
    pf.mark_done(plan, 3)
    response = personas.client_for(personas.district_officer).get(
        reverse("planning:district", args=[pf.MUEANG])
    )

    areas = drawn(response.content.decode())
    assert set(areas) == set(
        Tambon.objects.active().filter(district_id=pf.MUEANG).values_list("code", flat=True)
    )
    percent = round(100 * 3 / len(pf.steps(plan)))
    assert areas[pf.HUA_RUEA][1] == f"หัวเรือ: {percent}%"
    assert areas[pf.NONG_KHON][1] == "หนองขอน: ไม่มีข้อมูล"  # no plan: hatched, not 0%


def test_the_national_map_has_76_provinces_and_bangkok_outside_cd_work(db):
    client = Client()
    client.force_login(make_user("cdd", Role.DEPARTMENT))
    html = client.get(reverse("planning:index")).content.decode()

    areas = drawn(html)
    assert len(areas) == Province.objects.exclude(code="10").count() == 76
    assert 'data-context="10"' in html
    assert "กรุงเทพมหานคร (นอกพื้นที่งานพัฒนาชุมชน)" in html


def test_an_area_without_an_outline_counts_and_is_listed():
    rows = [("340104", "หัวเรือ", 55), ("999999", "ตำบลใหม่", 80), ("340105", "หนองขอน", None)]
    chart = choropleth(
        key="t",
        level="tambons",
        title="ทดสอบ",
        measure="ร้อยละ",
        scale=percent_scale(),
        rows=rows,
        code=lambda r: r[0],
        name=lambda r: r[1],
        url=lambda r: "",
        value=lambda r: r[2],
        shown=lambda r: f"{r[2]}%",
    )

    assert [a.code for a in chart.missing] == ["999999"]
    assert [a.class_index for a in chart.areas] == [2, 4, None]
    assert [count for _class, count in chart.legend] == [0, 0, 1, 0, 1]
    svg = chart.svg()
    assert 'data-area="340104"' in svg and 'data-area="999999"' not in svg
    assert 'fill="url(#t-nodata)"' in svg  # no figure: hatched


def test_categories_keep_their_order_and_colours_darken():
    scale = category_scale(["ยังไม่จัด", "จัดแล้ว"])
    colours = [c.colour for c in scale.classes]
    luminance = [sum(int(c[i : i + 2], 16) for i in (1, 3, 5)) for c in colours]
    assert luminance == sorted(luminance, reverse=True)
    assert scale.classify(1) == 1


def test_projects_per_thousand_households_where_households_are_known(personas):
    plan = pf.make_plan(pf.HUA_RUEA)
    plan.households = 500
    plan.save()
    pf.add_project(plan, "โครงการหนึ่ง")
    pf.add_project(plan, "โครงการสอง")
    pf.make_plan(pf.NONG_KHON)  # households not known
    client = personas.client_for(personas.district_officer)

    html = client.get(reverse("planning:district", args=[pf.MUEANG]), {"measure": "density"}).content.decode()

    areas = drawn(html)
    assert areas[pf.HUA_RUEA][1] == "หัวเรือ: 4.0 (2 โครงการ 500 ครัวเรือน)"
    assert areas[pf.NONG_KHON][1] == "หนองขอน: ไม่มีข้อมูล"
    province = client.get(
        reverse("planning:province", args=[pf.UBON]), {"measure": "density"}
    ).content.decode()
    assert "โครงการต่อ 1,000 ครัวเรือน" not in province  # households are known per tambon: not by district


def test_build_map_shapes_derives_the_stored_outlines(tmp_path):
    square = {
        "type": "Polygon",
        "coordinates": [[[104.8, 15.2], [104.9, 15.2], [104.9, 15.3], [104.8, 15.2]]],
    }
    for level, code in (("provinces", "34"), ("districts", "3401"), ("tambons", "340104")):
        feature = {"type": "Feature", "properties": {"code": code}, "geometry": square}
        (tmp_path / f"{level}.geojson").write_text(json.dumps({"features": [feature]}))
    out = StringIO()

    call_command("build_map_shapes", str(tmp_path), output=str(tmp_path), stdout=out)

    stored = json.loads(gzip.decompress((tmp_path / "tambons.json.gz").read_bytes()))
    x, y = project(104.8, 15.2)
    assert stored["340104"][:2] == [x, project(104.9, 15.3)[1]] and stored["340104"][4].startswith(
        f"M{x} {y}L"
    )
    assert "tambons: 1 ขอบเขต" in out.getvalue()
    (tmp_path / "districts.geojson").write_text("{not json")
    with pytest.raises(CommandError, match="อ่าน .*districts.geojson ไม่ได้"):
        call_command("build_map_shapes", str(tmp_path), output=str(tmp_path), stdout=StringIO())
