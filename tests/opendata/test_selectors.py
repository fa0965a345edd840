"""Open datasets: every figure equals the signed-in pages' selectors for the same data (national progress,
district progress, tambon progress, budget integration); provinces and districts agree; the dictionary
describes every column; nothing personal; queries do not grow with the number of areas; the cache."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tambonplan.areas.models import District, Province, Tambon
from tambonplan.opendata.selectors import (
    DISTRICTS,
    INTEGER,
    NUMBER,
    PROVINCES,
    STRING,
    UnknownProvince,
    open_dataset,
)
from tambonplan.partners.integration import SOURCE_KEYS, province_integration
from tambonplan.planning import selectors as planning
from tambonplan.planning.models import NeedCategory, Project, ProjectClass
from tests.conftest import make_user
from tests.events import factories as ef
from tests.opendata.conftest import PROJECT_NAMES, SISAKET_TAMBON
from tests.partners import funding_factories as ff
from tests.planning import factories as pf

AREA_COLUMNS = {"fiscal_year", "province_code", "province_name", "district_code", "district_name"}
NOT_ADDITIVE = AREA_COLUMNS | {"steps_done_percent", "budget_secured_percent"}


def records(name, year, province=None, key="province_code") -> dict[str, dict]:
    return {row[key]: row for row in open_dataset(name, fiscal_year=year, province_code=province).records()}


def money(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))


# ------------------------------------------------------------------ the numbers


def test_the_province_rows_are_the_national_page(world):
    department = make_user("cdd", "department")
    rows = records(PROVINCES, world.year)
    page = {row.province.code: row for row in planning.national_progress(department, fiscal_year=world.year)}

    assert list(rows) == list(page)  # every community-development province, in code order
    assert "10" not in rows  # Bangkok is not a community-development area
    for code, row in rows.items():
        mine = page[code]
        assert (row["tambons"], row["plans_opened"], row["plans_done"]) == (
            mine.tambons,
            mine.plans,
            mine.plans_done,
        )
        assert (row["steps_total"], row["steps_done"], row["steps_done_percent"]) == (
            mine.steps_total,
            mine.steps_done,
            mine.percent_done,
        )
        assert (row["workshop_tambons"], row["projects"]) == (mine.workshops, mine.projects)
        for project_class in ProjectClass.objects.all():
            assert row[f"projects_class_{project_class.code}"] == mine.by_class.get(project_class.code, 0)

    ubon = rows["34"]
    assert ubon["province_name"] == "อุบลราชธานี" and ubon["fiscal_year"] == world.year
    assert (ubon["plans_opened"], ubon["plans_done"], ubon["steps_done"]) == (3, 1, 7 + 2 + 0)
    assert (ubon["workshop_tambons"], ubon["workshops_held"]) == (2, 3)
    # Hua Ruea: 4 named + 14 counted; Warin Chamrap: 7 counted. ศอช.: one by group, one member, 4 counted.
    assert (ubon["workshop_participants"], ubon["workshop_socho_participants"]) == (25, 6)
    assert (ubon["projects"], ubon["projects_class_community"], ubon["projects_class_joint"]) == (3, 1, 1)
    assert ubon["projects_class_support"] == 1
    assert (rows["33"]["plans_opened"], rows["33"]["projects"]) == (1, 1)
    assert rows["50"]["plans_opened"] == 0 and rows["50"]["budget_needed_baht"] == 0


def test_the_province_budget_is_the_integration_page(world):
    department = make_user("cdd", "department")
    rows = records(PROVINCES, world.year)
    first_category = NeedCategory.objects.order_by("sort_order", "name_th", "id").first()
    for code in ("34", "33"):
        page = province_integration(department, Province.objects.get(code=code), world.year).total
        row = rows[code]
        assert row["budget_projects"] == page.projects
        assert row["budget_needed_baht"] == money(page.need)
        assert row["budget_secured_baht"] == money(page.secured)
        assert row["budget_pledged_baht"] == money(page.pledged)
        assert row["budget_gap_baht"] == money(page.gap)
        assert row["budget_secured_within_need_baht"] == money(page.secured_up_to_need)
        assert row["budget_over_need_baht"] == money(page.over)
        assert row["budget_needed_baht"] == row["budget_secured_within_need_baht"] + row["budget_gap_baht"]
        assert row["budget_secured_percent"] == page.secured_percent
        for key in SOURCE_KEYS:
            assert row[f"budget_secured_{key}_baht"] == money(page.by_source[key])

    ubon = rows["34"]
    assert (ubon["budget_needed_baht"], ubon["budget_secured_baht"], ubon["budget_pledged_baht"]) == (
        Decimal("80000.00"),
        Decimal("32500.00"),
        Decimal("5000.00"),
    )
    assert ubon["budget_gap_baht"] == Decimal("47500.00")  # 20,000 + 20,000 + 7,500
    assert (ubon["budget_secured_partners_baht"], ubon["budget_secured_local_government_baht"]) == (
        Decimal("30000.00"),
        Decimal("2500.00"),
    )
    assert ubon[f"budget_projects_category_{first_category.pk}"] == 1
    assert ubon["budget_projects_category_none"] == 2


def test_a_project_without_needs_counts_under_its_own_category(world):
    """The rule of the integration page (planning.categories.counted_category): no more ไม่ระบุด้าน for a
    project that has its own category but answers no need."""
    health = NeedCategory.objects.get(name_th="ด้านสาธารณสุข")
    Project.objects.filter(name=PROJECT_NAMES[1]).update(category=health)

    ubon = records(PROVINCES, world.year)["34"]

    assert ubon[f"budget_projects_category_{health.pk}"] == 1
    assert ubon["budget_projects_category_none"] == 1


def test_the_district_rows_are_the_province_pages(world, personas):
    user = personas.province_officer
    province = Province.objects.get(code="34")
    rows = records(DISTRICTS, world.year, "34", key="district_code")
    page = {
        r.district.code: r
        for r in planning.district_progress(user, province=province, fiscal_year=world.year)
    }
    funding = {r.code: r.totals for r in province_integration(user, province, world.year).rows}

    assert list(rows) == list(page) and len(rows) == 25
    for code, row in rows.items():
        mine, money_row = page[code], funding[code]
        assert row["province_code"] == "34" and row["province_name"] == "อุบลราชธานี"
        assert row["district_name"] == mine.district.name_th
        assert (row["tambons"], row["plans_opened"], row["plans_done"], row["workshop_tambons"]) == (
            mine.tambons,
            mine.plans,
            mine.plans_done,
            mine.workshops,
        )
        assert row["projects"] == mine.projects
        assert (row["budget_projects"], row["budget_needed_baht"], row["budget_secured_baht"]) == (
            money_row.projects,
            money(money_row.need),
            money(money_row.secured),
        )

    # Workshops of a district: the sum of its tambons' rows on the district page.
    district = District.objects.get(code=pf.MUEANG)
    tambons = planning.tambon_progress(user, district=district, fiscal_year=world.year)
    mueang = rows[pf.MUEANG]
    assert mueang["workshops_held"] == sum(t.workshop_count for t in tambons) == 2
    assert mueang["workshop_participants"] == sum(t.workshop_participants for t in tambons) == 18
    assert mueang["workshop_socho_participants"] == sum(t.workshop_socho for t in tambons) == 6
    assert mueang["plans_done"] == sum(1 for t in tambons if t.is_done) == 1


def test_a_province_is_the_sum_of_its_districts_and_the_nation_agrees(world):
    provinces = records(PROVINCES, world.year)
    nation = open_dataset(DISTRICTS, fiscal_year=world.year).records()
    ubon_districts = list(records(DISTRICTS, world.year, "34", key="district_code").values())

    assert [r for r in nation if r["province_code"] == "34"] == ubon_districts
    assert len(nation) == District.objects.active().filter(province__is_cd_area=True).count()
    for code in ("34", "33", "50"):
        districts = [r for r in nation if r["province_code"] == code]
        for column, value in provinces[code].items():
            if column not in NOT_ADDITIVE:
                assert value == sum(r[column] for r in districts), (code, column)


# ------------------------------------------------------------------ the dictionary, nothing personal


@pytest.mark.parametrize(("name", "province"), [(PROVINCES, None), (DISTRICTS, "34"), (DISTRICTS, None)])
def test_the_dictionary_describes_every_column(world, name, province):
    dataset = open_dataset(name, fiscal_year=world.year, province_code=province)
    names = [column.name for column in dataset.columns]

    assert len(names) == len(set(names))
    assert all(len(row) == len(names) for row in dataset.rows)
    for column in dataset.columns:
        assert column.type in (STRING, INTEGER, NUMBER)
        assert str(column.label) and str(column.definition)
        assert column.type == STRING or str(column.unit), column.name
    for project_class in ProjectClass.objects.all():
        assert f"projects_class_{project_class.code}" in names
    for category in NeedCategory.objects.all():
        assert f"budget_projects_category_{category.pk}" in names
    assert {"plans_opened", "plans_done", "workshops_held", "workshop_participants"} <= set(names)
    assert {"workshop_socho_participants", "budget_needed_baht", "budget_secured_baht"} <= set(names)
    for row in dataset.rows:
        for column, value in zip(dataset.columns, row, strict=True):
            expected = {STRING: str, INTEGER: int, NUMBER: (Decimal, type(None))}[column.type]
            assert isinstance(value, expected), (column.name, value)


PERSONAL_WORDS = (
    "phone",
    "tel",
    "user",
    "member",
    "attendee",
    "person",
    "email",
    "partner_name",
    "project_name",
)


@pytest.mark.parametrize(("name", "province"), [(PROVINCES, None), (DISTRICTS, "34"), (DISTRICTS, None)])
def test_nothing_personal(world, name, province):
    dataset = open_dataset(name, fiscal_year=world.year, province_code=province)
    for column in dataset.columns:
        assert not any(word in column.name for word in PERSONAL_WORDS), column.name
    text = " ".join(str(value) for row in dataset.rows for value in row)
    text += " ".join(f"{c.label} {c.definition}" for c in dataset.columns)
    for value in world.personal:
        assert value not in text, value


# ------------------------------------------------------------------ queries and the cache


def count_queries(call) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured)


def fill(district: str) -> None:
    """In every tambon of the district: a plan with a step done, a project with a budget and a commitment,
    a workshop held with a head count."""
    partner = ff.partner(f"ภาคี {district}", province=district[:2])
    for tambon in Tambon.objects.active().filter(district_id=district).values_list("code", flat=True):
        plan = pf.make_plan(tambon)
        pf.mark_done(plan, 1)
        project = pf.add_project(plan, "โครงการ", "joint", {plan.fiscal_year: "1000"})
        ff.commitment(project, partner, status="approved", amount="300")
        ef.counts(ef.event(tambon, starts_in=timedelta(days=-2)), leaders=5)


@pytest.mark.parametrize(("name", "province"), [(PROVINCES, None), (DISTRICTS, "34"), (DISTRICTS, None)])
def test_queries_do_not_grow_with_the_areas(world, name, province):
    from django.core.cache import cache

    def build():
        cache.clear()
        return open_dataset(name, fiscal_year=world.year, province_code=province)

    build()  # warm up
    few = count_queries(build)
    for district in (pf.TRAKAN, pf.DON_MOT_DAENG, "3402", "3301"):
        fill(district)
    many = count_queries(build)

    # 26: the report's plan figures (reports.figures.plan_figures_in) add five queries (issue 17).
    assert few == many <= 26
    assert sum(r["plans_opened"] for r in build().records()) > 3


def test_a_cached_dataset_makes_no_query(world, django_assert_num_queries):
    first = open_dataset(DISTRICTS, fiscal_year=world.year, province_code="34")
    with django_assert_num_queries(0):
        again = open_dataset(DISTRICTS, fiscal_year=world.year, province_code="34")
    assert again.rows == first.rows and again.generated_at == first.generated_at
    pf.make_plan(pf.NAI_MUEANG)  # new data shows once the cache expires, not before
    assert open_dataset(DISTRICTS, fiscal_year=world.year, province_code="34").rows == first.rows


def test_the_cache_is_kept_per_year_and_province(world):
    ubon = open_dataset(DISTRICTS, fiscal_year=world.year, province_code="34")
    sisaket = open_dataset(DISTRICTS, fiscal_year=world.year, province_code="33")
    last_year = open_dataset(DISTRICTS, fiscal_year=world.year - 1, province_code="34")

    assert {r["province_code"] for r in sisaket.records()} == {"33"}
    assert sum(r["plans_opened"] for r in sisaket.records()) == 1
    assert sum(r["plans_opened"] for r in ubon.records()) == 3
    assert sum(r["plans_opened"] for r in last_year.records()) == 0
    assert Tambon.objects.get(code=SISAKET_TAMBON).district_id[:2] == "33"


@pytest.mark.parametrize("code", ["99", "10", "3401"])
def test_an_unknown_province_is_refused(db, code):
    with pytest.raises(UnknownProvince):
        open_dataset(DISTRICTS, fiscal_year=pf.fiscal_year(), province_code=code)


def test_a_stale_dataset_is_served_while_one_caller_rebuilds_it(world, settings, django_assert_num_queries):
    """Past OPEN_DATA_CACHE_SECONDS the first caller rebuilds; a caller arriving during the rebuild (the lock
    taken) gets the stale copy without a query, so an expiry under load starts one rebuild."""
    from django.core.cache import cache

    from tambonplan.opendata.selectors import cache_key

    first = open_dataset(DISTRICTS, fiscal_year=world.year, province_code="34")
    key = cache_key(DISTRICTS, world.year, "34")
    entry = cache.get(key)
    cache.set(key, {**entry, "stored_at": entry["stored_at"] - settings.OPEN_DATA_CACHE_SECONDS - 1})
    pf.make_plan(pf.NAI_MUEANG)
    cache.add(f"{key}:rebuilding", 1)  # someone else is rebuilding
    with django_assert_num_queries(0):
        stale = open_dataset(DISTRICTS, fiscal_year=world.year, province_code="34")
    assert stale.rows == first.rows
    cache.delete(f"{key}:rebuilding")
    rebuilt = open_dataset(DISTRICTS, fiscal_year=world.year, province_code="34")
    assert (
        sum(r["plans_opened"] for r in rebuilt.records())
        == sum(r["plans_opened"] for r in first.records()) + 1
    )
    assert cache.get(f"{key}:rebuilding") is None
