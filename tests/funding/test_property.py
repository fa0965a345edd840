"""The property of the ledger (issue 17): for random commitments and answers across tambons, districts and
plan years, and any window, the secured money of a province's integrations over all plan years (within the
window + later) equals the secured entries of its ledger — on the pages' selector, in the open data and
through the API. Each baht once, never dropped."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import transaction
from django.db.models import Sum
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tambonplan.accounts.models import Role
from tambonplan.areas.models import Province
from tambonplan.funding.models import FundingEntry, FundingWindow
from tambonplan.opendata.selectors import DISTRICTS, PROVINCES, open_dataset
from tambonplan.partners.integration import integration
from tambonplan.partners.models import CommitmentStatus, PartnerType
from tambonplan.planning.models import TargetKind
from tests.conftest import make_user
from tests.funding import factories as ff
from tests.partners import funding_factories as pff
from tests.planning import factories as pf

Y = pf.fiscal_year()
PLAN_YEARS = (Y - 1, Y, Y + 1)
TAMBONS = (pf.HUA_RUEA, pf.NONG_KHON, pf.WARIN_TAMBON, "341502", "330101")  # the last in Si Sa Ket
money_st = st.integers(min_value=0, max_value=900_000)

projects_st = st.lists(
    st.fixed_dictionaries(
        {
            "tambon": st.sampled_from(TAMBONS),
            "plan_year": st.sampled_from(PLAN_YEARS),
            "budgets": st.lists(st.tuples(st.integers(0, 3), money_st), max_size=3, unique_by=lambda b: b[0]),
            "commitments": st.lists(
                st.tuples(
                    st.sampled_from(CommitmentStatus.values),
                    st.integers(0, 3),  # fiscal year after the plan's
                    money_st,
                    st.sampled_from(PartnerType.values),
                ),
                max_size=3,
            ),
            "answers": st.lists(
                st.tuples(
                    st.sampled_from((TargetKind.LOCAL_GOVERNMENT, TargetKind.AGENCY, TargetKind.PARTNER)),
                    st.lists(st.tuples(st.integers(0, 4), money_st), max_size=3),
                ),
                max_size=2,
            ),
        }
    ),
    min_size=1,
    max_size=6,
)


def build(user, projects, window):
    if window is not None:
        FundingWindow.objects.create(province_id="34", years=window)
    partners = {}
    for index, spec in enumerate(projects):
        plan = pf.make_plan(spec["tambon"], spec["plan_year"])
        year = spec["plan_year"]
        project = pf.add_project(
            plan,
            f"โครงการ {index}",
            budgets={year + offset: str(amount) for offset, amount in spec["budgets"]},
        )
        province = spec["tambon"][:2]
        for status, offset, amount, ptype in spec["commitments"]:
            key = (province, ptype)
            if key not in partners:
                partners[key] = pff.partner(f"ภาคี {ptype} {province}", ptype, province=province)
            pff.commitment(project, partners[key], status=status, amount=str(amount), year=year + offset)
        for kind, rows in spec["answers"]:
            forwarding = ff.forwarding(
                project, kind=kind, name="" if kind == TargetKind.LOCAL_GOVERNMENT else "ผู้รับ"
            )
            money = [(year + offset, Decimal(amount), "") for offset, amount in rows]
            fields = {} if kind == TargetKind.LOCAL_GOVERNMENT else {"amendment_kind": ""}
            ff.answer(user, forwarding, funding=money, **fields)


def _sum(values) -> Decimal:
    return sum(values, Decimal(0))


@pytest.mark.slow
@settings(
    max_examples=20,
    deadline=None,
    # Each world takes a second or two; shrinking a failure would take minutes (run with shrinking to debug).
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(projects=projects_st, window=st.sampled_from((None, 1, 2)))
def test_every_secured_baht_of_the_ledger_is_counted_once_over_the_plan_years(personas, projects, window):
    with transaction.atomic():
        cache.clear()
        officer = personas.province_officer
        build(make_user("admin_writer", Role.ADMIN), projects, window)  # answers in Si Sa Ket too
        ledger = FundingEntry.objects.filter(
            status="secured", project__plan__tambon__district__province_id="34"
        ).aggregate(total=Sum("amount"))["total"] or Decimal(0)

        ubon = Province.objects.get(code="34")
        pages = [integration(officer, level="province", area=ubon, fiscal_year=year) for year in PLAN_YEARS]
        assert _sum(d.total.secured + d.total.later for d in pages) == ledger
        for data in pages:  # within the window, by year and by source, as the page shows it
            assert _sum(data.total.year_cells) == data.total.secured == _sum(data.total.source_cells)
            assert len(data.years) == (window or 1) + 1

        opened = Decimal(0)
        for year in PLAN_YEARS:
            (row,) = [
                r for r in open_dataset(PROVINCES, fiscal_year=year).records() if r["province_code"] == "34"
            ]
            opened += row["budget_secured_baht"] + row["budget_secured_later_baht"]
            districts = open_dataset(DISTRICTS, fiscal_year=year, province_code="34").records()
            assert _sum(r["budget_secured_baht"] for r in districts) == row["budget_secured_baht"]
        assert opened == ledger

        client = Client()
        client.force_login(officer)
        through_api = Decimal(0)
        for year in PLAN_YEARS:
            total = client.get("/api/v1/integration", {"area": "34", "fiscal_year": year}).json()["total"]
            through_api += Decimal(total["secured"]) + Decimal(total["later"])
        assert through_api == ledger
        transaction.set_rollback(True)
