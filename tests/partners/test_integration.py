"""Budget integration: every total of the selectors equals a plain Python recomputation on random data;
the rules one by one (gap per project, first category, sources, pledged apart, unfunded high priority);
scope; and query counts that do not grow with the number of tambons or districts."""

from collections import defaultdict
from decimal import Decimal

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tambonplan.accounts.scope import scope_of
from tambonplan.areas.models import District, Province, Tambon
from tambonplan.partners.integration import (
    NO_CATEGORY,
    SOURCE_KEYS,
    districts_integration_in,
    integration,
    integration_in,
)
from tambonplan.partners.models import CommitmentStatus, PartnerType
from tambonplan.planning.models import Need, NeedCategory, ProjectBudget
from tambonplan.reports.content import district_figures
from tests.partners import funding_factories as ff
from tests.planning import factories as pf

TAMBONS = (pf.HUA_RUEA, pf.NONG_KHON, pf.NAI_MUEANG, pf.WARIN_TAMBON)
GROUP = {
    "community": "community",
    "local_government": "local_government",
    "government": "agencies",
    "academic": "agencies",
    "international": "agencies",
    "private": "partners",
    "civil_society": "partners",
    "religious": "partners",
}
SECURED = ("approved", "delivered")

commitments_st = st.lists(
    st.tuples(
        st.sampled_from(PartnerType.values),
        st.sampled_from(CommitmentStatus.values),
        st.booleans(),  # money (else in kind)
        st.integers(min_value=0, max_value=500_000),
        st.sampled_from((0, 1, 2)),  # fiscal year: the plan's, the next (in the window), two after (later)
    ),
    max_size=4,
)
projects_st = st.lists(
    st.fixed_dictionaries(
        {
            "tambon": st.sampled_from(TAMBONS),
            "budget": st.one_of(st.none(), st.integers(min_value=0, max_value=1_000_000)),
            "next_budget": st.one_of(st.none(), st.integers(min_value=0, max_value=1_000_000)),
            "priority": st.one_of(st.none(), st.integers(min_value=1, max_value=6)),
            "categories": st.lists(st.integers(min_value=0, max_value=3), max_size=2, unique=True),
            "commitments": commitments_st,
        }
    ),
    max_size=8,
)


def build(projects, year):
    """Make the projects; return a plain description of them for the naive recomputation."""
    categories = list(NeedCategory.objects.order_by("sort_order", "name_th", "id"))[:4]
    partners = {t: ff.partner(f"ภาคี {t}", t) for t in PartnerType.values}
    made = []
    for index, spec in enumerate(projects):
        plan = pf.make_plan(spec["tambon"], year)
        project = pf.add_project(plan, f"โครงการ {index}", priority=spec["priority"])
        if spec["budget"] is not None:
            ProjectBudget.objects.create(project=project, fiscal_year=year, amount=spec["budget"])
        if spec["next_budget"] is not None:
            ProjectBudget.objects.create(project=project, fiscal_year=year + 1, amount=spec["next_budget"])
        ProjectBudget.objects.create(project=project, fiscal_year=year + 2, amount=999)  # after the window
        linked = [categories[i] for i in spec["categories"]]
        for category in linked:
            need = Need.objects.create(plan=plan, category=category, description="ความต้องการ")
            project.needs.add(need)
        rows = []
        for ptype, status, money, value, offset in spec["commitments"]:
            ff.commitment(
                project,
                partners[ptype],
                status=status,
                amount=str(value) if money else None,
                estimated=None if money else str(value),
                year=year + offset,
            )
            rows.append((ptype, status, Decimal(value), offset))
        first = (
            min(linked, key=lambda c: (c.sort_order, c.name_th, c.pk)).name_th if linked else str(NO_CATEGORY)
        )
        made.append(
            {
                "pk": project.pk,
                "tambon": spec["tambon"],
                "priority": spec["priority"],
                "need": Decimal(spec["budget"] or 0) + Decimal(spec["next_budget"] or 0),
                "category": first,
                "commitments": rows,
            }
        )
    return made


def naive(projects, key):
    """Totals per `key(project)`, computed the plain way."""
    out = defaultdict(
        lambda: {
            "need": 0,
            "secured": 0,
            "pledged": 0,
            "gap": 0,
            "secured_up_to_need": 0,
            "over": 0,
            "later": 0,
            "projects": 0,
            **dict.fromkeys(SOURCE_KEYS, 0),
        }
    )
    for p in projects:
        secured = _secured(p)
        row = out[key(p)]
        row["projects"] += 1
        row["need"] += p["need"]
        row["secured"] += secured
        row["later"] += sum(v for _t, s, v, offset in p["commitments"] if s in SECURED and offset > 1)
        row["pledged"] += sum(v for _t, s, v, _o in p["commitments"] if s == "pledged")
        row["gap"] += max(p["need"] - secured, 0)
        row["secured_up_to_need"] += min(secured, p["need"])
        row["over"] += max(secured - p["need"], 0)
        for ptype, status, value, offset in p["commitments"]:
            if status in SECURED and offset <= 1:
                row[GROUP[ptype]] += value
    return out


def _secured(p):
    """Secured within the window (the plan's year and the next: the default window of one year)."""
    return sum(v for _t, s, v, offset in p["commitments"] if s in SECURED and offset <= 1)


def figures(totals):
    return {
        "need": totals.need,
        "secured": totals.secured,
        "pledged": totals.pledged,
        "gap": totals.gap,
        "secured_up_to_need": totals.secured_up_to_need,
        "over": totals.over,
        "later": totals.later,
        "projects": totals.projects,
        **totals.by_source,
    }


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(projects=projects_st)
def test_every_total_equals_a_plain_recomputation(personas, projects):
    year = pf.fiscal_year()
    with transaction.atomic():
        made = build(projects, year)
        province = integration(
            personas.province_officer,
            level="province",
            area=Province.objects.get(code="34"),
            fiscal_year=year,
        )
        district = integration(
            personas.district_officer,
            level="district",
            area=District.objects.get(code=pf.MUEANG),
            fiscal_year=year,
        )
        tambon = integration(
            personas.district_officer,
            level="tambon",
            area=Tambon.objects.get(code=pf.HUA_RUEA),
            fiscal_year=year,
        )

        everything = naive(made, lambda p: "all")["all"]
        assert figures(province.total) == everything
        by_district = naive(made, lambda p: p["tambon"][:4])
        for row in province.rows:
            assert figures(row.totals) == by_district[row.code], row.code
        mueang = [p for p in made if p["tambon"].startswith(pf.MUEANG)]
        assert figures(district.total) == naive(mueang, lambda p: "all")["all"]
        by_tambon = naive(mueang, lambda p: p["tambon"])
        for row in district.rows:
            assert figures(row.totals) == by_tambon[row.code], row.code
        assert (
            figures(tambon.total)
            == naive([p for p in made if p["tambon"] == pf.HUA_RUEA], lambda p: "all")["all"]
        )
        by_category = naive(made, lambda p: p["category"])
        assert {row.name: figures(row.totals) for row in province.categories} == dict(by_category)
        # the sources and the year columns add up to what is secured
        assert sum(amount for _k, _l, amount in province.sources) == province.total.secured
        assert province.years == (year, year + 1)
        assert sum(province.total.year_cells) == province.total.secured
        # unfunded high priority: priority 1-3 and secured below need
        expected = {
            p["pk"]
            for p in made
            if p["priority"] is not None and p["priority"] <= 3 and _secured(p) < p["need"]
        }
        assert {p.pk for p in province.unfunded} == expected
        # who gives what where
        contributions = defaultdict(lambda: [0, 0, 0])
        for p in made:
            for ptype, status, value, offset in p["commitments"]:
                if status in SECURED:
                    contributions[(f"ภาคี {ptype}", p["tambon"])][0 if offset <= 1 else 2] += value
                elif status == "pledged":
                    contributions[(f"ภาคี {ptype}", p["tambon"])][1] += value
        got = {
            (c.partner_name, c.tambon_code): [c.secured, c.pledged, c.later] for c in province.contributions
        }
        assert got == dict(contributions)
        transaction.set_rollback(True)


def test_the_gap_is_counted_per_project_never_below_zero(personas):
    year = pf.fiscal_year()
    plan = pf.make_plan(pf.HUA_RUEA)
    over = pf.add_project(plan, "เกิน", budgets={year: "100"})
    short = pf.add_project(plan, "ขาด", budgets={year: "1000"}, priority=1)
    partner = ff.partner()
    ff.commitment(over, partner, status="delivered", amount="500")
    ff.commitment(short, partner, status="approved", amount="300")
    ff.commitment(short, partner, status="pledged", amount="200")
    ff.commitment(short, partner, status="proposed", amount="50")
    ff.commitment(short, partner, status="cancelled", amount="70")
    data = integration(
        personas.district_officer, level="tambon", area=Tambon.objects.get(code=pf.HUA_RUEA), fiscal_year=year
    )
    assert (data.total.need, data.total.secured, data.total.pledged, data.total.gap) == (1100, 800, 200, 700)
    assert (data.total.secured_up_to_need, data.total.over) == (400, 400)
    assert [p.pk for p in data.unfunded] == [short.pk]
    assert data.total.by_source["partners"] == 800


def test_a_project_is_counted_once_under_its_first_category(personas):
    year = pf.fiscal_year()
    plan = pf.make_plan(pf.HUA_RUEA)
    first, second = NeedCategory.objects.order_by("sort_order", "name_th")[:2]
    project = pf.add_project(plan, budgets={year: "100"})
    for category in (second, first):
        project.needs.add(Need.objects.create(plan=plan, category=category, description="x"))
    pf.add_project(plan, "ไม่มีด้าน", budgets={year: "50"})
    data = integration(
        personas.district_officer, level="tambon", area=Tambon.objects.get(code=pf.HUA_RUEA), fiscal_year=year
    )
    assert [(row.name, row.totals.need) for row in data.categories] == [
        (first.name_th, 100),
        ("ไม่ระบุด้าน", 50),
    ]


def test_a_project_counts_once_under_its_own_category_before_its_needs(personas):
    """Its own category if set, else its needs' first, else ไม่ระบุด้าน: every baht in one category."""
    year = pf.fiscal_year()
    plan = pf.make_plan(pf.HUA_RUEA)
    first, second, third = NeedCategory.objects.order_by("sort_order", "name_th")[:3]
    pf.add_project(plan, "นำเข้าโดยไม่มีปัญหา", budgets={year: "100"}, category=third)
    chosen = pf.add_project(plan, "เลือกด้านเอง", budgets={year: "40"}, category=second)
    chosen.needs.add(Need.objects.create(plan=plan, category=first, description="x"))
    by_needs = pf.add_project(plan, "ตามปัญหา", budgets={year: "7"})
    by_needs.needs.add(Need.objects.create(plan=plan, category=first, description="y"))
    pf.add_project(plan, "ไม่มีด้าน", budgets={year: "2"})

    data = integration(
        personas.district_officer, level="tambon", area=Tambon.objects.get(code=pf.HUA_RUEA), fiscal_year=year
    )

    assert [(row.name, row.totals.projects, row.totals.need) for row in data.categories] == [
        (first.name_th, 1, 7),
        (second.name_th, 1, 40),
        (third.name_th, 1, 100),
        ("ไม่ระบุด้าน", 1, 2),
    ]
    assert sum(row.totals.need for row in data.categories) == data.total.need == 149


def test_scope_limits_the_figures(personas):
    year = pf.fiscal_year()
    pf.add_project(pf.make_plan(pf.HUA_RUEA), budgets={year: "100"})
    pf.add_project(pf.make_plan(pf.NAI_MUEANG), budgets={year: "40"})
    mueang = District.objects.get(code=pf.MUEANG)
    tambon_view = integration(personas.tambon_officer, level="district", area=mueang, fiscal_year=year)
    assert tambon_view.total.need == 100
    assert {row.code for row in tambon_view.rows} == {pf.HUA_RUEA, pf.NONG_KHON}
    assert (
        integration(personas.district_officer, level="district", area=mueang, fiscal_year=year).total.need
        == 140
    )


def _fill(district_code, year, partner):
    for tambon in Tambon.objects.filter(district_id=district_code):
        plan = pf.make_plan(tambon.code, year)
        project = pf.add_project(plan, budgets={year: "1000"}, priority=1)
        ff.commitment(project, partner, status="approved", amount="400")
        ff.milestone(project, done_on=pf.today())


def _queries(user, level, area, year):
    with CaptureQueriesContext(connection) as ctx:
        integration(user, level=level, area=area, fiscal_year=year)
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_tambons_or_districts(personas):
    year = pf.fiscal_year()
    partner = ff.partner()
    small, big = District.objects.get(code=pf.DON_MOT_DAENG), District.objects.get(code=pf.TRAKAN)
    _fill(small.code, year, partner)
    _fill(big.code, year, partner)
    user = personas.province_officer
    assert _queries(user, "district", small, year) == _queries(user, "district", big, year)
    ubon = Province.objects.get(code="34")
    before = _queries(user, "province", ubon, year)
    for code in ("3401", "3415", "3404"):
        _fill(code, year, partner)
    assert _queries(user, "province", ubon, year) == before


def test_over_funding_is_shown_as_such_and_secured_plus_gap_is_the_need(personas):
    """Issue 15: 300,000 + 400,000 approved on a project needing 450,000 is 250,000 over its need, not a
    negative gap hidden in the totals."""
    year = pf.fiscal_year()
    plan = pf.make_plan(pf.HUA_RUEA)
    over = pf.add_project(plan, "ซ่อมถนน", budgets={year: "450000"})
    short = pf.add_project(plan, "ขุดสระ", budgets={year: "1000000"}, priority=1)
    partner = ff.partner()
    ff.commitment(over, partner, status="approved", amount="300000")
    ff.commitment(over, partner, status="approved", amount="400000")
    ff.commitment(short, partner, status="delivered", amount="100000")
    data = integration(
        personas.district_officer, level="tambon", area=Tambon.objects.get(code=pf.HUA_RUEA), fiscal_year=year
    )
    by_pk = {p.pk: p for p in data.projects}
    assert (by_pk[over.pk].secured_up_to_need, by_pk[over.pk].gap, by_pk[over.pk].over) == (450000, 0, 250000)
    assert (by_pk[short.pk].secured_up_to_need, by_pk[short.pk].gap, by_pk[short.pk].over) == (
        100000,
        900000,
        0,
    )
    total = data.total
    assert (total.need, total.secured, total.secured_up_to_need, total.gap, total.over) == (
        1450000,
        800000,
        550000,
        900000,
        250000,
    )
    assert total.need == total.secured_up_to_need + total.gap


def _assert_identity(totals, where):
    assert totals.need == totals.secured_up_to_need + totals.gap, where
    assert totals.secured == totals.secured_up_to_need + totals.over, where
    assert sum(totals.source_cells) == totals.secured, where
    assert min(totals.gap, totals.over, totals.secured_up_to_need) >= 0, where


def _check_every_total(data, where):
    _assert_identity(data.total, where)
    for row in data.rows:
        _assert_identity(row.totals, (where, row.code))
    for row in data.categories:
        _assert_identity(row.totals, (where, row.name))
    # by source: the sources split what is secured, within the need and over it
    assert sum(amount for _k, _l, amount in data.sources) == data.total.secured_up_to_need + data.total.over
    for project in data.projects:
        assert project.need == project.secured_up_to_need + project.gap, (where, project.pk)
        assert project.secured == project.secured_up_to_need + project.over, (where, project.pk)
    for name in ("need", "secured", "secured_up_to_need", "gap", "over", "pledged"):
        assert getattr(data.total, name) == sum(getattr(p, name) for p in data.projects), (where, name)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(projects=projects_st)
def test_need_is_secured_up_to_need_plus_gap_on_every_total(personas, projects):
    year = pf.fiscal_year()
    with transaction.atomic():
        build(projects, year)
        officer = personas.province_officer
        pages = {
            "tambon": integration(
                officer, level="tambon", area=Tambon.objects.get(code=pf.HUA_RUEA), fiscal_year=year
            ),
            "district": integration(
                officer, level="district", area=District.objects.get(code=pf.MUEANG), fiscal_year=year
            ),
            "province": integration(
                officer, level="province", area=Province.objects.get(code="34"), fiscal_year=year
            ),
            "districts": districts_integration_in(
                scope_of(officer), district_codes=[pf.MUEANG, pf.WARIN_TAMBON[:4]], fiscal_year=year
            ),
            "nation": integration_in(scope_of(officer), level="nation", area=None, fiscal_year=year),
        }
        for where, data in pages.items():
            _check_every_total(data, where)
        transaction.set_rollback(True)


def test_the_district_report_figures_follow_the_same_rule(personas):
    """The district report's partner figures come from the integration totals: need = secured + gap there
    too (an over-funded project counts its need, not its surplus)."""
    year = pf.fiscal_year()
    plan = pf.make_plan(pf.HUA_RUEA)
    over = pf.add_project(plan, "ซ่อมถนน", budgets={year: "450000"})
    short = pf.add_project(plan, "ขุดสระ", budgets={year: "1000000"})
    partner = ff.partner()
    ff.commitment(over, partner, status="approved", amount="300000")
    ff.commitment(over, partner, status="approved", amount="400000")
    ff.commitment(short, partner, status="approved", amount="100000")
    mueang = District.objects.get(code=pf.MUEANG)
    figures = district_figures(personas.district_officer, [mueang], year)[pf.MUEANG].figures
    assert figures["need_amount"] == figures["secured_amount"] + figures["gap_amount"]
    assert (figures["need_amount"], figures["secured_amount"], figures["gap_amount"]) == (
        1450000,
        550000,
        900000,
    )
