"""Issue 17 item 9: when a new year's plan opens, the previous plan's unfunded or unfinished projects are
reviewed once each — kept, revised or dropped with a reason — and the tambon's last years side by side."""

from decimal import Decimal
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tambonplan.planning import selectors, services
from tambonplan.planning.models import CarryOver, NeedCategory, Project, ProjectStatus
from tests.funding import factories as fundf
from tests.planning import factories as pf

YEAR = pf.fiscal_year()
LAST = YEAR - 1


@pytest.fixture
def last_year(db):
    """Last year's plan of Hua Ruea: a road asked of the local government, not funded, with a need of village
    1 and budgets over two years; a market done; a forest not done."""
    plan = pf.make_plan(pf.HUA_RUEA, LAST)
    road = pf.add_project(
        plan,
        "ก่อสร้างถนนคอนกรีตบ้านหัวเรือ",
        class_code="support",
        budgets={LAST: "500000", LAST + 1: "250000"},
        priority=1,
        category=NeedCategory.objects.get(name_th="ด้านโครงสร้างพื้นฐาน"),
        objective="เพื่อการสัญจรในฤดูฝน",
    )
    village = pf.village(pf.HUA_RUEA, 1)
    road.villages.set([village])
    road.needs.set([pf.add_need(plan, "ถนนชำรุดเป็นหลุมบ่อ", village=village)])
    pf.add_project(plan, "ตลาดนัดชุมชน", status=ProjectStatus.DONE, priority=2)
    pf.add_project(plan, "ปลูกป่าชุมชน", status=ProjectStatus.NOT_DONE, budgets={LAST: "20000"}, priority=3)
    return plan


@pytest.fixture
def this_year(last_year):
    return pf.make_plan(pf.HUA_RUEA, YEAR)


def project(plan, name) -> Project:
    return Project.objects.get(plan=plan, name=name)


def pending_names(user, plan) -> list[str]:
    return [item.project.name for item in selectors.carry_over_page(user, plan).pending]


# ---------------------------------------------------------------- which projects are offered


def test_unfunded_or_unfinished_projects_are_offered_and_done_or_funded_ones_are_not(personas, this_year):
    last = selectors.previous_plan_of(this_year)
    funded_done = pf.add_project(last, "ฝายชะลอน้ำ", status=ProjectStatus.NOT_DONE, priority=4)
    under_way = pf.add_project(last, "อาคารอเนกประสงค์", status=ProjectStatus.UNDER_WAY, priority=5)
    for funded in (funded_done, under_way):  # money secured through the local government's answer
        fundf.answer(personas.tambon_officer, fundf.forwarding(funded), funding=[fundf.money(LAST, "90000")])
    Project.objects.filter(pk=funded_done.pk).update(status=ProjectStatus.NOT_DONE)  # then not carried out
    Project.objects.filter(pk=under_way.pk).update(status=ProjectStatus.UNDER_WAY)

    names = pending_names(personas.tambon_officer, this_year)

    # not done and no money, not done without money, under way with money: offered; done, or money and
    # "not done": not
    assert names == ["ก่อสร้างถนนคอนกรีตบ้านหัวเรือ", "ปลูกป่าชุมชน", "อาคารอเนกประสงค์"]


def test_opening_the_new_years_plan_leads_to_the_review(personas, last_year):
    client = personas.client_for(personas.tambon_officer)

    response = client.post(reverse("planning:plan_open", args=[pf.HUA_RUEA]), follow=True)

    plan = selectors.plan_of(personas.tambon_officer, tambon=last_year.tambon, fiscal_year=YEAR)
    assert response.redirect_chain[-1][0] == reverse("planning:carry_over", args=[plan.pk])
    html = response.content.decode()
    assert "ทบทวนโครงการยกมา" in html and "ก่อสร้างถนนคอนกรีตบ้านหัวเรือ" in html and "ตลาดนัดชุมชน" not in html
    assert f"แผนปี {LAST}" in html
    plan_page = client.get(reverse("planning:plan", args=[plan.pk])).content.decode()
    assert 'id="carry-over-alert"' in plan_page and "รอพิจารณายกมา 2 โครงการ" in plan_page


# ---------------------------------------------------------------- keep, revise, drop


def test_keeping_copies_the_project_into_the_new_plan_and_leaves_the_old_one(personas, this_year, last_year):
    road = project(last_year, "ก่อสร้างถนนคอนกรีตบ้านหัวเรือ")
    client = personas.client_for(personas.tambon_officer)

    response = client.post(
        reverse("planning:carry_over_decide", args=[this_year.pk, road.pk]), {"decision": "keep"}, follow=True
    )

    assert "ยกโครงการ" in response.content.decode()
    kept = Project.objects.get(plan=this_year, carried_from=road)
    assert (kept.name, kept.project_class.code, kept.category, kept.objective) == (
        road.name,
        "support",
        road.category,
        "เพื่อการสัญจรในฤดูฝน",
    )
    assert (kept.status, kept.priority, kept.target_kind) == (
        ProjectStatus.PROPOSED,
        None,
        "local_government",
    )
    assert {b.fiscal_year: b.amount for b in kept.budgets.all()} == {YEAR: 500000, YEAR + 1: 250000}
    assert [v.moo for v in kept.villages.all()] == [1]
    (need,) = kept.needs.all()
    assert (need.plan_id, need.description, need.village.moo) == (this_year.pk, "ถนนชำรุดเป็นหลุมบ่อ", 1)
    road.refresh_from_db()
    assert (
        road.plan_id == last_year.pk
        and road.budgets.count() == 2
        and road.needs.get().plan_id == last_year.pk
    )
    review = CarryOver.objects.get(plan=this_year, previous=road)
    assert (review.decision, review.decided_by) == ("keep", personas.tambon_officer)
    assert pending_names(personas.tambon_officer, this_year) == ["ปลูกป่าชุมชน"]


def test_the_carried_project_says_where_it_comes_from(personas, this_year, last_year):
    road = project(last_year, "ก่อสร้างถนนคอนกรีตบ้านหัวเรือ")
    services.carry_over_decide(user=personas.tambon_officer, plan=this_year, previous=road, decision="keep")
    kept = Project.objects.get(carried_from=road)
    client = personas.client_for(personas.district_officer)

    new_page = client.get(reverse("planning:project", args=[kept.pk])).content.decode()
    old_page = client.get(reverse("planning:project", args=[road.pk])).content.decode()
    plan_page = client.get(reverse("planning:plan", args=[this_year.pk])).content.decode()

    assert f"ยกมาจากปี {LAST}" in new_page and reverse("planning:project", args=[road.pk]) in new_page
    assert f"แผนปี {YEAR}: ยกไปตามเดิม" in old_page and reverse("planning:project", args=[kept.pk]) in old_page
    assert f"ยกมาจากปี {LAST}" in plan_page


def test_revising_saves_the_new_name_and_budget(personas, this_year, last_year):
    road = project(last_year, "ก่อสร้างถนนคอนกรีตบ้านหัวเรือ")
    client = personas.client_for(personas.tambon_officer)
    url = reverse("planning:carry_over_revise", args=[this_year.pk, road.pk])

    form = client.get(url).content.decode()
    response = client.post(
        url,
        {
            "name": "ก่อสร้างถนนคอนกรีตบ้านหัวเรือ ระยะที่ ๒",
            "reason": "ลดงบประมาณตามราคากลาง",
            f"budget_{YEAR}": "๔๐๐,๐๐๐",
            f"budget_{YEAR + 1}": "",
        },
    )

    assert 'value="500000' in form or "500,000" in form  # the old budget moved to this year, to adjust
    assert response.status_code == 302
    revised = Project.objects.get(carried_from=road)
    assert revised.name == "ก่อสร้างถนนคอนกรีตบ้านหัวเรือ ระยะที่ ๒"
    assert {b.fiscal_year: b.amount for b in revised.budgets.all()} == {YEAR: Decimal("400000")}
    review = CarryOver.objects.get(previous=road)
    assert (review.decision, review.reason) == ("revise", "ลดงบประมาณตามราคากลาง")
    assert project(last_year, "ก่อสร้างถนนคอนกรีตบ้านหัวเรือ").budgets.count() == 2  # untouched


def test_dropping_without_a_reason_is_refused_in_thai_and_with_one_is_kept_in_history(personas, this_year):
    forest = project(selectors.previous_plan_of(this_year), "ปลูกป่าชุมชน")
    client = personas.client_for(personas.tambon_officer)
    url = reverse("planning:carry_over_decide", args=[this_year.pk, forest.pk])

    refused = client.post(url, {"decision": "drop", "reason": "  "}, follow=True)

    assert f'กรุณาระบุเหตุผลที่ไม่ยกโครงการ "ปลูกป่าชุมชน" มาในแผนปี {YEAR}' in unescape(refused.content.decode())
    assert not CarryOver.objects.exists()

    client.post(url, {"decision": "drop", "reason": "ชุมชนปลูกเองแล้วด้วยกองทุนหมู่บ้าน"})

    review = CarryOver.objects.get(previous=forest)
    assert (review.decision, review.reason) == ("drop", "ชุมชนปลูกเองแล้วด้วยกองทุนหมู่บ้าน")
    assert not Project.objects.filter(carried_from=forest).exists()
    assert review.history.count() == 1
    page = client.get(reverse("planning:carry_over", args=[this_year.pk])).content.decode()
    assert "ชุมชนปลูกเองแล้วด้วยกองทุนหมู่บ้าน" in page and 'data-decision="drop"' in page


def test_a_project_is_reviewed_once(personas, this_year, last_year):
    road = project(last_year, "ก่อสร้างถนนคอนกรีตบ้านหัวเรือ")
    services.carry_over_decide(user=personas.tambon_officer, plan=this_year, previous=road, decision="keep")

    with pytest.raises(ValidationError) as refused:
        services.carry_over_decide(
            user=personas.district_officer, plan=this_year, previous=road, decision="drop", reason="ซ้ำ"
        )
    response = personas.client_for(personas.tambon_officer).post(
        reverse("planning:carry_over_decide", args=[this_year.pk, road.pk]), {"decision": "keep"}, follow=True
    )

    assert "พิจารณาแล้ว (ยกไปตามเดิม) พิจารณาซ้ำไม่ได้" in refused.value.messages[0]
    assert "พิจารณาซ้ำไม่ได้" in response.content.decode()
    assert Project.objects.filter(carried_from=road).count() == 1 and CarryOver.objects.count() == 1


def test_a_done_project_or_one_of_an_older_plan_cannot_be_carried(personas, this_year, last_year):
    market = project(last_year, "ตลาดนัดชุมชน")
    older = pf.add_project(pf.make_plan(pf.HUA_RUEA, LAST - 1), "ประปาหมู่บ้าน")

    with pytest.raises(ValidationError) as refused:
        services.carry_over_decide(
            user=personas.tambon_officer, plan=this_year, previous=market, decision="keep"
        )
    response = personas.client_for(personas.tambon_officer).post(
        reverse("planning:carry_over_decide", args=[this_year.pk, older.pk]), {"decision": "keep"}
    )

    assert "ไม่ใช่โครงการที่ยังไม่ได้รับงบประมาณหรือยังไม่เสร็จ" in refused.value.messages[0]
    assert response.status_code == 404
    assert not CarryOver.objects.exists()


# ---------------------------------------------------------------- who may


def test_outsiders_get_404_and_read_only_users_403(personas, this_year, last_year):
    road = project(last_year, "ก่อสร้างถนนคอนกรีตบ้านหัวเรือ")
    page = reverse("planning:carry_over", args=[this_year.pk])
    decide = reverse("planning:carry_over_decide", args=[this_year.pk, road.pk])
    revise = reverse("planning:carry_over_revise", args=[this_year.pk, road.pk])

    for outsider in (personas.outsider, personas.other_district_officer):
        client = personas.client_for(outsider)
        assert client.get(page).status_code == 404
        assert client.post(decide, {"decision": "keep"}).status_code == 404
        assert client.get(revise).status_code == 404
    viewer = personas.client_for(personas.viewer)
    seen = viewer.get(page)
    assert seen.status_code == 200 and road.name in seen.content.decode()
    assert "ยกมาตามเดิม</button>" not in seen.content.decode()
    assert viewer.post(decide, {"decision": "keep"}).status_code == 403
    assert viewer.get(revise).status_code == 403
    assert not CarryOver.objects.exists()


# ---------------------------------------------------------------- the last years side by side


def test_the_plan_page_compares_the_last_three_years(personas, this_year, last_year):
    old = pf.make_plan(pf.HUA_RUEA, LAST - 2)  # four plans: the oldest is left out
    pf.add_project(old, "ไม่แสดง", budgets={LAST - 2: "1"})
    before = pf.make_plan(pf.HUA_RUEA, LAST - 1)
    pf.add_project(before, "ประปาหมู่บ้าน", budgets={LAST - 1: "100000"})
    pf.approve(last_year, pf.today().replace(year=pf.today().year - 1))
    road = project(last_year, "ก่อสร้างถนนคอนกรีตบ้านหัวเรือ")
    forest = project(last_year, "ปลูกป่าชุมชน")
    officer = personas.tambon_officer
    services.carry_over_decide(user=officer, plan=this_year, previous=road, decision="keep")
    services.carry_over_decide(
        user=officer, plan=this_year, previous=forest, decision="drop", reason="ไม่จำเป็น"
    )
    pf.add_project(this_year, "ส่งเสริมอาชีพ", budgets={YEAR: "30000"})

    rows = selectors.year_over_year(officer, tambon=this_year.tambon, fiscal_year=YEAR)
    html = personas.client_for(officer).get(reverse("planning:plan", args=[this_year.pk])).content.decode()

    assert [
        (r.fiscal_year, r.projects, r.carried_over, r.dropped, r.approved_on is not None, r.budget_need)
        for r in rows
    ] == [
        (LAST - 1, 1, 0, 0, False, Decimal("100000")),
        (LAST, 3, 0, 0, True, Decimal("770000")),
        (YEAR, 2, 1, 1, False, Decimal("780000")),
    ]
    assert 'id="year-over-year"' in html and f'data-year="{LAST - 2}"' not in html
    assert f'data-year="{YEAR}"' in html and "780,000" in html


def test_the_figures_take_the_same_queries_whatever_the_projects(
    personas, this_year, django_assert_num_queries
):
    for index in range(5):
        pf.add_project(this_year, f"โครงการ {index}", budgets={YEAR: "1000"})
    with django_assert_num_queries(5):  # the officer's tambons, the plans, projects, reviews, budgets
        selectors.year_over_year(personas.tambon_officer, tambon=this_year.tambon, fiscal_year=YEAR)
