"""The committees' map: each tambon of the province coloured by its committee's order currency, the kind
chosen above the map (issue 20, item 2)."""

from django.urls import reverse

from tambonplan.areas.models import Tambon
from tambonplan.maps.geometry import shapes_of
from tests.maps.test_choropleth import drawn, table
from tests.planning import factories as pf


def test_the_province_page_maps_every_tambons_kbt_order_and_the_kind_can_be_changed(personas):
    client = personas.client_for(personas.province_officer)

    html = client.get(reverse("committees:province", args=[pf.UBON])).content.decode()

    tambons = set(
        Tambon.objects.active().filter(district__province_id=pf.UBON).values_list("code", flat=True)
    )
    areas = drawn(html)
    assert set(areas) == tambons & set(shapes_of("tambons"))
    assert set(table(html)) == tambons
    assert {title.split(": ")[1] for _link, title in areas.values()} == {"ไม่มีคำสั่ง"}
    assert areas[pf.HUA_RUEA][0] == reverse("committees:committee", args=["kbt", pf.HUA_RUEA])
    assert "สถานะคำสั่ง ก.บ.ต. รายตำบล" in html

    html = client.get(reverse("committees:province", args=[pf.UBON]), {"kind": "socho_t"}).content.decode()
    assert "สถานะคำสั่ง ศอช.ต. รายตำบล" in html


def test_the_district_page_maps_only_its_tambons(personas):
    html = (
        personas.client_for(personas.district_officer)
        .get(reverse("committees:district", args=[pf.MUEANG]))
        .content.decode()
    )

    assert set(drawn(html)) == set(
        Tambon.objects.active().filter(district_id=pf.MUEANG).values_list("code", flat=True)
    )
