"""The need form offers the กชช.2ค scale: the levels read as severities, and each village's latest items at
level 1 and 2 with the severity they suggest (issue 17, item 7)."""

import re

from django.urls import reverse

from tests.planning import factories as pf
from tests.villagedata.factories import add_kch2k

V1, V2 = "34010401", "34010402"


def suggestions_of(html: str) -> dict[str, list[tuple[str, str]]]:
    """Village pk -> [(indicator code, suggested severity)] as the panel lists them."""
    found = {}
    for village, body in re.findall(r'data-severity-village="(\d+)">(.*?)</ul>', html, re.S):
        found[village] = re.findall(r'data-indicator="([^"]+)">.*?data-severity="(\d)"', body, re.S)
    return found


def test_the_need_form_lists_each_villages_kch2k_problems_with_the_severity_they_suggest(
    ubon_villages, personas
):
    plan = pf.make_plan(pf.HUA_RUEA, 2570)
    add_kch2k(
        [V1, 2566, "1.4", 1],  # an older survey: replaced by 2568
        [V1, 2568, "1.4", 3],
        [V1, 2568, "2.1", 1],
        [V1, 2568, "1.3", 2],
        [V2, 2568, "6.4", 3],  # no problem: nothing to suggest
    )
    client = personas.client_for(personas.tambon_officer)

    response = client.get(reverse("planning:need_create", args=[plan.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "ความรุนแรงเทียบกับเกณฑ์ กชช.2ค" in html
    assert re.search(r"ปัญหามาก \(ระดับ 1\)</td><td class=\"num\">5<", html)
    assert re.search(r"ปัญหาปานกลาง \(ระดับ 2\)</td><td class=\"num\">3<", html)
    v1 = str(pf.village(pf.HUA_RUEA, 1).pk)
    assert suggestions_of(html) == {v1: [("2.1", "5"), ("1.3", "3")]}


def test_a_tambon_without_kch2k_data_says_so(ubon_villages, personas):
    plan = pf.make_plan(pf.HUA_RUEA, 2570)

    html = (
        personas.client_for(personas.district_officer)
        .get(reverse("planning:need_create", args=[plan.pk]))
        .content.decode()
    )

    assert 'data-severity-empty="1"' in html
    assert suggestions_of(html) == {}


def test_the_suggestion_is_only_an_offer_the_officer_may_choose_another_severity(ubon_villages, personas):
    plan = pf.make_plan(pf.HUA_RUEA, 2570)
    add_kch2k([V1, 2568, "2.1", 1])
    village = pf.village(pf.HUA_RUEA, 1)
    category = plan.needs.model._meta.get_field("category").related_model.objects.first()

    response = personas.client_for(personas.tambon_officer).post(
        reverse("planning:need_create", args=[plan.pk]),
        {
            "village": village.pk,
            "category": category.pk,
            "description": "ขาดอาชีพเสริม",
            "source": "kch2k",
            "severity": "4",
            "votes": "12",
        },
    )

    assert response.status_code == 302
    need = plan.needs.get()
    assert (need.village, need.severity, need.source) == (village, 4, "kch2k")
