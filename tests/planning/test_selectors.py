"""Reading plans: when a step is late, the plan page's figures, the district's and the province's progress
tables (sorting, filtering, roll-up) and their constant number of queries."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tambonplan.areas.models import District, Province, Tambon
from tambonplan.events.models import EventKind
from tambonplan.planning import selectors
from tambonplan.planning.models import StepStatus
from tests.events import factories as ef
from tests.planning import factories as f


def district(code: str = f.MUEANG) -> District:
    return District.objects.select_related("province").get(code=code)


def ubon() -> Province:
    return Province.objects.get(code=f.UBON)


def done(plan, *positions: int) -> None:
    """The plan's steps at these positions (1-based) done today."""
    steps = f.steps(plan)
    for position in positions:
        step = steps[position - 1]
        step.status, step.done_on = StepStatus.DONE, f.today()
        step.save()


# ------------------------------------------------------------------ when a step is late


def test_a_step_is_due_until_the_end_of_its_due_date(db):
    plan = f.make_plan()
    due = f.today() - timedelta(days=30)
    f.first_step_due(due)
    step = f.steps(plan)[0]

    assert not step.is_overdue(today=due)
    assert step.is_overdue(today=due + timedelta(days=1))
    assert not step.is_overdue(today=due - timedelta(days=1))

    step.status = StepStatus.IN_PROGRESS
    assert step.is_overdue(today=due + timedelta(days=1))
    step.status, step.done_on = StepStatus.DONE, due + timedelta(days=5)
    assert not step.is_overdue(today=due + timedelta(days=100))


def test_a_step_due_today_is_not_late_today_and_late_tomorrow(personas):
    plan = f.make_plan()
    f.set_due_dates()
    f.first_step_due(f.today())
    step = f.steps(plan)[0]

    assert not step.is_overdue()
    (row,) = [r for r in rows_of(f.MUEANG, personas.district_officer) if r.tambon.code == f.HUA_RUEA]
    assert row.overdue == 0
    assert selectors.plan_page(None, plan).overdue == []

    f.first_step_due(f.today() - timedelta(days=1))
    step = f.steps(plan)[0]
    assert step.is_overdue()
    (row,) = [r for r in rows_of(f.MUEANG, personas.district_officer) if r.tambon.code == f.HUA_RUEA]
    assert row.overdue == 1
    assert [s.pk for s in selectors.plan_page(None, plan).overdue] == [step.pk]


def test_a_step_without_a_due_date_is_never_late(db):
    plan = f.make_plan()
    f.set_due_dates()
    definition = f.definitions()[0]
    definition.due_date = None
    definition.save()

    assert not f.steps(plan)[0].is_overdue(today=f.today() + timedelta(days=3650))


# ------------------------------------------------------------------ the plan page


def test_plan_page_counts_and_budget_totals_by_class(db):
    plan = f.make_plan()
    year = plan.fiscal_year
    f.set_due_dates()
    for definition in f.definitions()[:3]:
        definition.due_date = f.today() - timedelta(days=1)
        definition.save()
    done(plan, 1, 4)  # 2 and 3 late; 1 done in time; 4 done early
    f.add_need(plan, "ถนนชำรุด", village=f.village())
    f.add_need(plan, "ขยะล้น")
    road = f.add_project(plan, "ถนน", "community", {year: "100000", year + 1: "50000.50"})
    f.add_project(plan, "จักสาน", "community", {year: "25000"})
    f.add_project(plan, "ประชุมร่วม", "joint")
    pond = f.add_project(plan, "ขุดลอกหนอง", "support", {year + 2: "120000"})
    pond.forwardings.create(sent_on=f.today(), target_kind="local_government", target_name="อบต.หัวเรือ")

    page = selectors.plan_page(None, plan)

    assert len(page.steps) == 7
    assert page.steps_done == 2
    assert [s.definition.sort_order for s in page.overdue] == [2, 3]
    assert len(page.needs) == 2
    assert [p.name for p in page.projects] == ["ถนน", "จักสาน", "ประชุมร่วม", "ขุดลอกหนอง"]
    assert [(c.project_class.code, c.count, c.budget) for c in page.class_counts] == [
        ("community", 2, Decimal("175000.50")),
        ("joint", 1, Decimal("0")),
        ("support", 1, Decimal("120000")),
    ]
    assert page.total_budget == Decimal("295000.50")
    assert page.forwarded == 1
    assert road in page.projects


def test_projects_without_a_priority_come_last(personas):
    """Issue 15: a newly imported project without a priority sorts after every ranked one."""
    plan = f.make_plan()
    unranked = f.add_project(plan, "ยังไม่จัดลำดับ")
    second = f.add_project(plan, "ลำดับสอง", priority=2)
    first = f.add_project(plan, "ลำดับหนึ่ง", priority=1)
    expected = [first.pk, second.pk, unranked.pk]

    assert [p.pk for p in selectors.plan_page(None, plan).projects] == expected
    listed = selectors.projects_list(personas.district_officer, plan_id=plan.pk)
    assert [p.pk for p in listed] == expected
    assert [p.pk for p in plan.projects.all()] == expected


# ------------------------------------------------------------------ the district's table


def rows_of(code: str, user=None, year=None):
    return selectors.tambon_progress(user, district=district(code), fiscal_year=year or f.fiscal_year())


@pytest.fixture
def mueang(personas):
    """Three Mueang plans and workshops:

    Hua Ruea: steps 1, 3, 4 done (step 2 late), 3 projects (2 community, 1 support), 2 needs, workshop held.
    Nong Khon: step 5 done (steps 1 and 2 late), 5 projects (1 community, 4 joint), a workshop next week.
    Pathum: every step done, no project; a workshop last year only. Nai Mueang: no plan, a training held.
    """
    year = f.fiscal_year()
    hua_ruea, nong_khon, pathum = (f.make_plan(code) for code in (f.HUA_RUEA, f.NONG_KHON, f.PATHUM))
    f.set_due_dates()
    for definition in f.definitions()[:2]:
        definition.due_date = f.today() - timedelta(days=1)
        definition.save()
    done(hua_ruea, 1, 3, 4)
    done(nong_khon, 5)
    done(pathum, 1, 2, 3, 4, 5, 6, 7)
    f.add_project(hua_ruea, "ก", "community")
    f.add_project(hua_ruea, "ข", "community")
    f.add_project(hua_ruea, "ค", "support")
    f.add_project(nong_khon, "ง", "community")
    for name in ("จ", "ฉ", "ช", "ซ"):
        f.add_project(nong_khon, name, "joint")
    f.add_need(hua_ruea)
    f.add_need(hua_ruea, "ขยะ")
    f.add_need(nong_khon)
    ef.event(f.HUA_RUEA, starts_in=timedelta(days=-3))
    ef.event(f.NONG_KHON, starts_in=timedelta(days=7))
    ef.event(f.PATHUM, starts_in=timedelta(days=-400), fiscal_year=year - 1)
    ef.event(f.NAI_MUEANG, kind=EventKind.KBT_MEETING, starts_in=timedelta(days=-3))
    return {"hua_ruea": hua_ruea, "nong_khon": nong_khon, "pathum": pathum}


def by_code(rows):
    return {row.tambon.code: row for row in rows}


def test_tambon_progress_rows_of_mueang(personas, mueang):
    rows = rows_of(f.MUEANG, personas.district_officer)

    assert [row.tambon.code for row in rows] == list(f.MUEANG_TAMBONS)
    table = by_code(rows)
    hua_ruea, nong_khon, pathum = table[f.HUA_RUEA], table[f.NONG_KHON], table[f.PATHUM]
    assert (hua_ruea.steps_done, hua_ruea.steps_total, hua_ruea.percent_done) == (3, 7, 43)
    assert (hua_ruea.overdue, hua_ruea.needs, hua_ruea.projects) == (1, 2, 3)
    assert hua_ruea.by_class == {"community": 2, "support": 1}
    assert hua_ruea.class_cells == [2, 0, 1]
    assert hua_ruea.workshop_held and hua_ruea.workshop_date == f.today() - timedelta(days=3)
    assert (nong_khon.steps_done, nong_khon.overdue, nong_khon.needs, nong_khon.projects) == (1, 2, 1, 5)
    assert nong_khon.class_cells == [1, 4, 0]
    assert not nong_khon.workshop_held  # only scheduled
    assert (pathum.steps_done, pathum.percent_done, pathum.overdue, pathum.projects) == (7, 100, 0, 0)
    assert not pathum.workshop_held  # last year's
    nai_mueang = table[f.NAI_MUEANG]
    assert nai_mueang.plan is None
    assert (nai_mueang.steps_total, nai_mueang.percent_done, nai_mueang.overdue) == (0, 0, 0)
    assert not nai_mueang.workshop_held  # a ก.บ.ต. meeting is not the workshop
    assert nai_mueang.class_cells == [0, 0, 0]


def test_tambon_progress_of_another_year_is_empty(personas, mueang):
    rows = rows_of(f.MUEANG, personas.district_officer, year=f.fiscal_year() - 1)

    assert all(row.plan is None for row in rows)
    assert [row.tambon.code for row in rows if row.workshop_held] == [f.PATHUM]  # last year's workshop
    assert len(rows) == 12


def test_tambon_progress_for_a_tambon_officer_has_its_own_tambons_only(personas, mueang):
    rows = rows_of(f.MUEANG, personas.tambon_officer)

    assert [row.tambon.code for row in rows] == [f.HUA_RUEA, f.NONG_KHON]


def codes(rows) -> list[str]:
    return [row.tambon.code for row in rows]


def test_sort_by_code_progress_late_steps_and_projects(personas, mueang):
    rows = rows_of(f.MUEANG, personas.district_officer)
    no_plan = [code for code in f.MUEANG_TAMBONS if code not in (f.HUA_RUEA, f.NONG_KHON, f.PATHUM)]

    assert codes(selectors.sort_and_filter(rows, sort="code", only="")) == list(f.MUEANG_TAMBONS)
    assert codes(selectors.sort_and_filter(rows, sort="progress", only="")) == [
        f.PATHUM,
        f.HUA_RUEA,
        f.NONG_KHON,
        *no_plan,
    ]
    assert codes(selectors.sort_and_filter(rows, sort="overdue", only="")) == [
        f.NONG_KHON,
        f.HUA_RUEA,
        *[c for c in f.MUEANG_TAMBONS if c not in (f.HUA_RUEA, f.NONG_KHON)],
    ]
    assert codes(selectors.sort_and_filter(rows, sort="projects", only="")) == [
        f.NONG_KHON,
        f.HUA_RUEA,
        *[c for c in f.MUEANG_TAMBONS if c not in (f.HUA_RUEA, f.NONG_KHON)],
    ]
    # Anything else: by code.
    assert codes(selectors.sort_and_filter(rows, sort="<script>", only="")) == list(f.MUEANG_TAMBONS)


def test_filter_late_no_workshop_and_no_plan(personas, mueang):
    rows = rows_of(f.MUEANG, personas.district_officer)

    assert codes(selectors.sort_and_filter(rows, sort="code", only="overdue")) == [f.HUA_RUEA, f.NONG_KHON]
    assert codes(selectors.sort_and_filter(rows, sort="code", only="no_workshop")) == [
        c for c in f.MUEANG_TAMBONS if c != f.HUA_RUEA
    ]
    assert codes(selectors.sort_and_filter(rows, sort="code", only="no_plan")) == [
        c for c in f.MUEANG_TAMBONS if c not in (f.HUA_RUEA, f.NONG_KHON, f.PATHUM)
    ]
    assert codes(selectors.sort_and_filter(rows, sort="overdue", only="overdue")) == [f.NONG_KHON, f.HUA_RUEA]
    assert len(selectors.sort_and_filter(rows, sort="code", only="nonsense")) == 12


# ------------------------------------------------------------------ the province's table


def test_district_progress_rolls_up_the_tambon_rows(personas, mueang):
    warin = f.make_plan(f.WARIN_TAMBON)
    f.add_project(warin, "ฮ", "support")
    f.add_project(warin, "อ", "joint")
    ef.event(f.WARIN_TAMBON, starts_in=timedelta(days=-1))

    rows = selectors.district_progress(
        personas.province_officer, province=ubon(), fiscal_year=f.fiscal_year()
    )

    assert len(rows) == 25
    assert [row.district.code for row in rows] == sorted(row.district.code for row in rows)
    table = {row.district.code: row for row in rows}
    for code in (f.MUEANG, f.WARIN):
        tambon_rows = rows_of(code, personas.province_officer)
        row = table[code]
        assert row.tambons == len(tambon_rows)
        assert row.plans == sum(1 for r in tambon_rows if r.plan)
        assert row.steps_total == sum(r.steps_total for r in tambon_rows)
        assert row.steps_done == sum(r.steps_done for r in tambon_rows)
        assert row.overdue_tambons == sum(1 for r in tambon_rows if r.overdue)
        assert row.workshops == sum(1 for r in tambon_rows if r.workshop_held)
        assert row.projects == sum(r.projects for r in tambon_rows)
        assert row.class_cells == [
            sum(cells) for cells in zip(*(r.class_cells for r in tambon_rows), strict=True)
        ]
    mueang_row = table[f.MUEANG]
    assert (mueang_row.tambons, mueang_row.plans, mueang_row.steps_total, mueang_row.steps_done) == (
        12,
        3,
        21,
        11,
    )
    assert (mueang_row.overdue_tambons, mueang_row.workshops, mueang_row.projects) == (2, 1, 8)
    assert mueang_row.class_cells == [3, 4, 1]
    assert mueang_row.percent_done == 52
    assert (table[f.WARIN].plans, table[f.WARIN].workshops, table[f.WARIN].class_cells) == (1, 1, [0, 1, 1])
    quiet = table[f.DON_MOT_DAENG]
    assert (quiet.tambons, quiet.plans, quiet.projects, quiet.percent_done) == (4, 0, 0, 0)


def test_district_progress_follows_the_scope(personas, mueang):
    year = f.fiscal_year()

    mine = selectors.district_progress(personas.district_officer, province=ubon(), fiscal_year=year)
    theirs = selectors.district_progress(personas.tambon_officer, province=ubon(), fiscal_year=year)

    assert [row.district.code for row in mine] == [f.MUEANG]
    assert (mine[0].tambons, mine[0].plans) == (12, 3)
    assert [(row.district.code, row.tambons, row.plans, row.projects) for row in theirs] == [
        (f.MUEANG, 2, 2, 8)
    ]
    assert selectors.district_progress(personas.outsider, province=ubon(), fiscal_year=year) == []


# ------------------------------------------------------------------ constant queries


def fill_district(code: str) -> int:
    """A plan in every tambon of the district, with steps done, a need, projects of two classes and a workshop."""
    tambons = list(Tambon.objects.active().filter(district_id=code).values_list("code", flat=True))
    for tambon in tambons:
        plan = f.make_plan(tambon)
        done(plan, 1)
        f.add_need(plan)
        f.add_project(plan, "ก", "community", {plan.fiscal_year: "1000"})
        f.add_project(plan, "ข", "support")
        ef.event(tambon, starts_in=timedelta(days=-2))
    return len(tambons)


def count_queries(call) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured)


@pytest.mark.parametrize("persona", ["province_officer", "viewer"])
def test_tambon_progress_queries_do_not_grow_with_the_tambons(personas, persona):
    user = getattr(personas, persona)
    assert fill_district(f.DON_MOT_DAENG) == 4
    assert fill_district(f.TRAKAN) == 23
    rows_of(f.MUEANG, user)  # warm up (the user's scope)

    small = count_queries(lambda: rows_of(f.DON_MOT_DAENG, user))
    large = count_queries(lambda: rows_of(f.TRAKAN, user))

    assert small == large
    assert large <= 9
    assert sum(row.projects for row in rows_of(f.TRAKAN, user)) == 46


def test_district_progress_queries_do_not_grow_with_the_districts(personas):
    user, year = personas.province_officer, f.fiscal_year()

    def progress():
        return selectors.district_progress(user, province=ubon(), fiscal_year=year)

    fill_district(f.DON_MOT_DAENG)
    progress()  # warm up
    one = count_queries(progress)
    for code in (f.TRAKAN, f.MUEANG, f.WARIN, "3402"):
        fill_district(code)
    five = count_queries(progress)

    assert one == five
    assert five <= 10
    assert sum(1 for row in progress() if row.plans) == 5


def test_national_progress_counts_each_province_in_constant_queries(personas):
    from tests.conftest import make_user

    department, year = make_user("cdd", "department"), f.fiscal_year()

    def progress():
        return {row.province.code: row for row in selectors.national_progress(department, fiscal_year=year)}

    fill_district(f.DON_MOT_DAENG)
    progress()  # warm up
    one = count_queries(progress)
    fill_district("3301")  # a district of Sisaket
    fill_district(f.TRAKAN)
    two = count_queries(progress)
    assert one == two <= 7

    rows = progress()
    assert "10" not in rows  # Bangkok is not a community-development area
    ubon, sisaket = rows["34"], rows["33"]
    assert ubon.plans == 4 + 23 and ubon.projects == 2 * 27 and ubon.workshops == 27
    assert ubon.tambons == Tambon.objects.active().filter(district__province_id="34").count()
    assert sisaket.plans == Tambon.objects.active().filter(district_id="3301").count()
    assert ubon.steps_done == 27 and 0 < ubon.percent_done < 100
    assert rows["50"].plans == 0


def test_national_progress_agrees_with_the_province_page(personas):
    fill_district(f.DON_MOT_DAENG)
    user, year = personas.province_officer, f.fiscal_year()
    (ubon,) = selectors.national_progress(user, fiscal_year=year)
    districts = selectors.district_progress(user, province=ubon.province, fiscal_year=year)
    assert ubon.plans == sum(d.plans for d in districts)
    assert ubon.projects == sum(d.projects for d in districts)
    assert ubon.workshops == sum(d.workshops for d in districts)
    assert ubon.steps_total == sum(d.steps_total for d in districts)
