"""Reading village plans: a tambon's villages with their plans and counts in constant queries, the villages
whose plan was reviewed (for the district report), and the reverse link from a need to its item."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tambonplan.accounts.scope import scope_of
from tambonplan.areas.models import Tambon
from tambonplan.villageplans import selectors, services
from tambonplan.villageplans.models import Community
from tests.planning import factories as pf
from tests.villageplans import factories as f

pytestmark = pytest.mark.django_db
REVIEWED = date(2026, 11, 20)


def test_reviewed_counts_count_approved_plans_of_the_year_against_villages_and_active_communities(
    ubon_villages,
):
    year = 2570
    active = f.community(name="วัดใต้")
    f.community(name="ตลาดเก่า", number=2)
    gone = Community.objects.create(tambon_id=f.HUA_RUEA, name_th="ริมน้ำ", is_active=False)
    f.plan(moo=1, year=year, approved_on=REVIEWED)  # reviewed
    f.plan(moo=2, year=year)  # forum held, not approved: not reviewed
    f.plan(moo=3, year=year - 1, approved_on=REVIEWED)  # another year
    f.plan(community=active, year=year, approved_on=REVIEWED)
    f.plan(community=gone, year=year, approved_on=REVIEWED)  # a community no longer counted
    f.plan(f.NONG_KHON, 1, year=year, approved_on=REVIEWED)

    counts = selectors.reviewed_counts_in([f.HUA_RUEA, f.NONG_KHON, "341501", "340101"], year)

    assert counts == {
        f.HUA_RUEA: (2, 5),  # 3 villages + 2 active communities
        f.NONG_KHON: (1, 3),
        "341501": (0, 3),
        "340101": (0, 0),
    }
    assert selectors.reviewed_counts_in([], year) == {}


def test_reviewed_counts_take_three_queries_for_any_number_of_tambons(ubon_villages):
    with CaptureQueriesContext(connection) as few:
        selectors.reviewed_counts_in([f.HUA_RUEA], 2570)
    codes = list(Tambon.objects.filter(district__province_id="34").values_list("code", flat=True))
    with CaptureQueriesContext(connection) as many:
        selectors.reviewed_counts_in(codes, 2570)
    assert len(few) == len(many) == 3


def test_a_tambons_page_lists_every_village_with_its_plan_and_counts(personas, ubon_villages):
    year = pf.fiscal_year()
    pf.make_plan()
    first = f.plan(moo=1, approved_on=REVIEWED, forum=f.forum(moo=1))
    f.item(first, "ถนนชำรุด")
    f.item(first, "ฝึกอาชีพ", class_code="joint")
    f.item(first, "คัดแยกขยะ", class_code="community")
    services.pull_into_tambon_plan(personas.tambon_officer, first.items.get(description="ถนนชำรุด"))
    f.plan(moo=2)
    tambon = Tambon.objects.get(code=f.HUA_RUEA)

    page = selectors.tambon_plans(personas.tambon_officer, tambon=tambon, fiscal_year=year)

    assert [row.village.moo for row in page.rows] == [1, 2, 3]
    one, two, three = page.rows
    assert one.plan == first and one.counts.by_class == {"support": 1, "joint": 1, "community": 1}
    assert (one.counts.pulled, one.counts.eligible, one.counts.waiting) == (1, 2, 1)
    assert two.plan is not None and two.counts.total == 0
    assert three.plan is None
    assert (page.reviewed, page.total, page.waiting) == (1, 3, 1)
    assert [(c.code, n) for c, n in page.class_totals] == [("community", 1), ("joint", 1), ("support", 1)]


def test_a_tambons_page_takes_the_same_queries_for_many_plans(personas, ubon_villages):
    tambon = Tambon.objects.get(code=f.HUA_RUEA)
    f.item(f.plan(moo=1))
    scope_of(personas.tambon_officer)  # the user's tambons, read once per request
    with CaptureQueriesContext(connection) as one:
        selectors.tambon_plans(personas.tambon_officer, tambon=tambon, fiscal_year=pf.fiscal_year())
    for moo in (2, 3):
        plan = f.plan(moo=moo, forum=f.forum(moo=moo))
        f.item(plan, class_code="community")
        f.item(plan, "อีกรายการ")
    f.community()
    with CaptureQueriesContext(connection) as three:
        selectors.tambon_plans(personas.tambon_officer, tambon=tambon, fiscal_year=pf.fiscal_year())
    assert len(one) == len(three) == 5


def test_a_need_knows_the_item_it_was_pulled_from(personas):
    pf.make_plan()
    item = f.item(f.plan())
    need = services.pull_into_tambon_plan(personas.tambon_officer, item)
    other = pf.add_need(need.plan, "ปัญหาที่ตำบลบันทึกเอง")

    assert selectors.item_of_need(need) == item
    assert selectors.item_of_need(other) is None
    assert selectors.items_of_needs([need.pk, other.pk]) == {need.pk: item}
    assert selectors.items_of_plan_needs(need.plan_id) == {need.pk: item}
