"""The reporting-state map on a circular's rates page: each addressed district by where its report stands, the
same rows as the rates table (issue 20, item 2)."""

from django.urls import reverse

from tambonplan.reports import services
from tests.maps.test_choropleth import drawn
from tests.reports import factories as rf


def test_the_rates_page_maps_each_addressed_district_by_its_reporting_state(personas):
    circular = rf.circular()
    sent = rf.submitted(personas.district_officer, circular, at=rf.bangkok(rf.DUE, 9))
    services.accept(user=personas.province_officer, report=sent.report)

    html = (
        personas.client_for(personas.province_officer)
        .get(reverse("reports:rates", args=[circular.pk]))
        .content.decode()
    )

    areas = drawn(html)
    assert areas == {
        rf.MUEANG: (
            reverse("reports:district", args=[circular.pk, rf.MUEANG]),
            "เมืองอุบลราชธานี: จังหวัดรับรายงานแล้ว",
        ),
        rf.WARIN: (
            reverse("reports:district", args=[circular.pk, rf.WARIN]),
            "วารินชำราบ: ยังไม่รับทราบหนังสือ",
        ),
    }
