"""ศอช. terms (issue 17 item 8.1): an order of a kind with a term runs out at its effective date plus the term
(2 years by default for ศอช.ต./อ./จ., a province may set its own), is flagged "ใกล้หมดวาระ" in the last 90 days
and needs review once the term is over; the pages and the XLSX show the day the term ends."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from tambonplan.committees import selectors, services
from tambonplan.committees.currency import CURRENT, NEEDS_REVIEW, add_years, order_currency
from tambonplan.committees.models import AppointmentOrder, CommitteeKind, CompositionTemplate
from tambonplan.thai.dates import be_date_long
from tests.committees import factories as f
from tests.committees.test_views import data_rows, workbook

TODAY = timezone.localdate()


def socho_template():
    return selectors.templates_by_kind(f.UBON)[f.kind("socho_t").id]


def verdict_on(order: AppointmentOrder, day: date, term_years: int | None = 2):
    """The verdict of the order on `day`, with every member sitting and no review date."""
    order = AppointmentOrder.objects.get(pk=order.pk)
    return order_currency(
        order=order,
        members=list(order.members.select_related("position")),
        last_reviewed=None,
        template=socho_template(),
        review_date=None,
        on=day,
        term_years=term_years,
    )


def socho_order(effective_on: date, code: str = f.HUA_RUEA, kind_code: str = "socho_t") -> AppointmentOrder:
    return f.order(kind_code, code, signed_on=effective_on)


def page(user, kind_code: str = "socho_t", code: str = f.HUA_RUEA):
    return selectors.committee_page(user, kind_code=kind_code, area_code=code, fiscal_year=f.fiscal_year())


# ------------------------------------------------------------------ the seeded terms


def test_socho_kinds_have_a_term_of_two_years_and_the_others_none(db):
    terms = dict(CommitteeKind.objects.values_list("code", "term_years"))

    assert terms == {"socho_t": 2, "socho_a": 2, "socho_j": 2, "kbt": None, "kba": None, "village": None}


# ------------------------------------------------------------------ current → near expiry → expired, by date


def test_an_order_goes_from_current_to_near_expiry_to_expired_by_date(db):
    order = socho_order(date(2024, 3, 1))

    two_years_on = date(2026, 3, 1)
    current = verdict_on(order, date(2025, 11, 30))  # 91 days before
    near = verdict_on(order, date(2025, 12, 1))  # 90 days before
    last_day = verdict_on(order, date(2026, 2, 28))
    expired = verdict_on(order, two_years_on)

    assert (current.state, current.reasons, current.warnings) == (CURRENT, [], [])
    assert current.expires_on == two_years_on
    assert near.state == CURRENT
    assert near.warnings == ["ใกล้หมดวาระ: ครบวาระ 1 มีนาคม 2569 (อีก 90 วัน)"]
    assert last_day.state == CURRENT and last_day.warnings == ["ใกล้หมดวาระ: ครบวาระ 1 มีนาคม 2569 (อีก 1 วัน)"]
    assert expired.state == NEEDS_REVIEW
    assert expired.reasons == ["หมดวาระเมื่อ 1 มีนาคม 2569 ต้องออกคำสั่งแต่งตั้งใหม่"]
    assert expired.warnings == []


def test_the_term_counts_from_the_effective_date_else_the_signing_date(db):
    order = socho_order(date(2024, 3, 1))
    order.effective_on = date(2024, 4, 1)
    order.save()
    assert verdict_on(order, date(2026, 3, 15)).expires_on == date(2026, 4, 1)

    order.effective_on = None
    order.save()
    assert verdict_on(order, date(2026, 3, 15)).expires_on == date(2026, 3, 1)


def test_a_term_from_29_february_ends_on_28_february():
    assert add_years(date(2024, 2, 29), 2) == date(2026, 2, 28)


def test_a_kind_without_a_term_never_expires(db):
    order = AppointmentOrder.objects.get(pk=f.order("kbt", f.HUA_RUEA, signed_on=date(2015, 1, 1)).pk)

    kbt = order_currency(
        order=order,
        members=list(order.members.select_related("position")),
        last_reviewed=None,
        template=None,
        review_date=None,
        term_years=selectors.term_years_of(f.kind("kbt"), None),
    )
    assert kbt.state == CURRENT and kbt.expires_on is None


# ------------------------------------------------------------------ what the user sees


def test_the_committee_page_and_the_overview_show_expiry(personas):
    f.set_review_date()
    near = socho_order(add_years(TODAY, -2) + timedelta(days=30), f.HUA_RUEA)
    expired = socho_order(add_years(TODAY, -2) - timedelta(days=10), f.NONG_KHON)
    for order in (near, expired):  # confirmed this year: the term is all that is left to judge
        services.order_review_confirm(
            user=personas.district_officer, order=order, fiscal_year=f.fiscal_year()
        )
    client = personas.client_for(personas.district_officer)

    near_page = page(personas.district_officer)
    assert near_page.currency.state == CURRENT
    assert near_page.currency.warnings == [
        f"ใกล้หมดวาระ: ครบวาระ {be_date_long(add_years(near.effective_on, 2))} (อีก 30 วัน)"
    ]
    html = client.get(f"/committees/c/socho_t/{f.HUA_RUEA}/").content.decode()
    assert 'id="currency-warnings"' in html and "ใกล้หมดวาระ" in html
    assert "คำสั่งมีวาระ 2 ปี" in html

    expired_page = page(personas.district_officer, code=f.NONG_KHON)
    assert expired_page.currency.state == NEEDS_REVIEW
    ended = be_date_long(add_years(expired.effective_on, 2))
    assert expired_page.currency.reasons == [f"หมดวาระเมื่อ {ended} ต้องออกคำสั่งแต่งตั้งใหม่"]

    overview = client.get("/committees/district/3401/?kind=socho_t").content.decode()
    assert f'data-expires="{add_years(near.effective_on, 2):%Y-%m-%d}"' in overview
    assert f'data-expires="{add_years(expired.effective_on, 2):%Y-%m-%d}"' in overview
    assert "ครบวาระ" in overview and "หมดวาระเมื่อ" in overview

    sheet = workbook(client.get("/committees/district/3401/export.xlsx?kind=socho_t")).worksheets[0]
    rows = {row[0]: row for row in data_rows(sheet)}
    assert sheet.cell(row=1, column=8).value == "ครบวาระ"
    assert rows[f.HUA_RUEA][7].date() == add_years(near.effective_on, 2)
    assert "ใกล้หมดวาระ" in rows[f.HUA_RUEA][8]
    assert rows[f.NONG_KHON][4] == "ต้องทบทวน" and "หมดวาระเมื่อ" in rows[f.NONG_KHON][8]


def test_the_order_page_shows_when_the_term_ends(personas):
    order = socho_order(date(2025, 6, 1))

    html = personas.client_for(personas.district_officer).get(f"/committees/orders/{order.pk}/").content
    assert 'id="term-ends">1 มิถุนายน 2570<' in html.decode()


# ------------------------------------------------------------------ the province's own term


def test_a_province_sets_its_own_term_on_its_template(personas):
    f.set_review_date()
    order = socho_order(add_years(TODAY, -2) - timedelta(days=10))
    services.order_review_confirm(user=personas.district_officer, order=order, fiscal_year=f.fiscal_year())
    assert page(personas.district_officer).currency.state == NEEDS_REVIEW  # the default two years are over

    template = services.template_customize(
        user=personas.province_officer, kind=f.kind("socho_t"), province=f.area("socho_j", f.UBON)
    )
    fields = {"min_members": 9, "max_members": 25, "requires_chair": True, "requires_secretary": True}
    services.template_update(user=personas.province_officer, template=template, term_years=3, **fields)

    three_years = page(personas.district_officer)
    assert three_years.currency.state == CURRENT
    assert three_years.term_years == 3
    assert three_years.currency.expires_on == add_years(order.effective_on, 3)

    services.template_update(user=personas.province_officer, template=template, term_years=0, **fields)
    no_term = page(personas.district_officer)
    assert (no_term.currency.state, no_term.currency.expires_on, no_term.term_years) == (CURRENT, None, None)

    services.template_update(user=personas.province_officer, template=template, term_years=None, **fields)
    assert page(personas.district_officer).currency.state == NEEDS_REVIEW  # back to the kind's two years


def test_another_provinces_term_does_not_change_ubons(personas):
    order = socho_order(add_years(TODAY, -2) - timedelta(days=10))
    CompositionTemplate.objects.create(kind=f.kind("socho_t"), province_id="33", term_years=5)

    assert page(personas.district_officer).currency.expires_on == add_years(order.effective_on, 2)


def test_the_province_sets_the_term_through_the_template_page(personas):
    client = personas.client_for(personas.province_officer)

    response = client.post(
        "/committees/province/34/templates/socho_t/",
        {"save_template": "1", "min_members": "9", "max_members": "25", "requires_chair": "on",
         "requires_secretary": "on", "term_years": "๔"},
    )  # fmt: skip

    assert response.status_code == 302
    assert CompositionTemplate.objects.get(kind__code="socho_t", province_id=f.UBON).term_years == 4
    html = client.get("/committees/province/34/templates/").content.decode()
    terms = dict(re.findall(r'<td data-kind-term="(\w+)"[^>]*>([^<]*)</td>', html))
    assert (terms["socho_t"], terms["socho_a"], terms["kbt"]) == ("4 ปี", "2 ปี", "ไม่มีวาระ")


@pytest.mark.parametrize(
    "path", ["/committees/province/34/templates/", "/committees/province/34/templates/socho_t/"]
)
def test_the_settings_pages_say_the_two_years_are_a_default_not_confirmed(personas, path):
    html = personas.client_for(personas.province_officer).get(path).content.decode()

    assert "ยังไม่ได้ยืนยันจากตัวระเบียบ" in html
    assert "ค่าเริ่มต้นของระบบ" in html


def test_the_term_field_refuses_a_negative_number(personas):
    client = personas.client_for(personas.province_officer)

    response = client.post(
        "/committees/province/34/templates/socho_t/",
        {"save_template": "1", "min_members": "9", "max_members": "25", "term_years": "-1"},
    )

    assert response.status_code == 200
    assert CompositionTemplate.objects.get(kind__code="socho_t", province_id=f.UBON).term_years is None
