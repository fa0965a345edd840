"""The budget map of the integration pages: each tambon's share of need secured, the same figure as the map's
table; a tambon without need is hatched, not 0% (issue 20, item 2)."""

from django.urls import reverse

from tambonplan.areas.models import Tambon
from tambonplan.partners.models import CommitmentStatus
from tests.maps.test_choropleth import drawn, table
from tests.partners import funding_factories as pff
from tests.planning import factories as pf


def test_the_district_page_maps_each_tambons_secured_share(personas):
    year = pf.fiscal_year()
    project = pf.add_project(pf.make_plan(pf.HUA_RUEA, year), budgets={year: "200000"})
    pff.commitment(project, pff.partner(), status=CommitmentStatus.APPROVED, amount="50000")

    html = (
        personas.client_for(personas.district_officer)
        .get(reverse("partners:integration_district", args=[pf.MUEANG]))
        .content.decode()
    )

    areas = drawn(html)
    assert set(areas) == set(
        Tambon.objects.active().filter(district_id=pf.MUEANG).values_list("code", flat=True)
    )
    assert areas[pf.HUA_RUEA] == (
        reverse("partners:integration_tambon", args=[pf.HUA_RUEA]),
        "หัวเรือ: 25.0% (ได้รับ 50,000 จากที่ต้องการ 200,000 บาท)",
    )
    assert areas[pf.NONG_KHON][1] == "หนองขอน: ไม่มีข้อมูล"
    figures = table(html)
    assert figures[pf.HUA_RUEA] == "25.0% (ได้รับ 50,000 จากที่ต้องการ 200,000 บาท)"
    assert 'data-area="340104" data-class="1"' in html  # 20–39%


def test_the_tambon_page_has_no_map(personas):
    html = (
        personas.client_for(personas.district_officer)
        .get(reverse("partners:integration_tambon", args=[pf.HUA_RUEA]))
        .content.decode()
    )

    assert 'class="choropleth"' not in html
