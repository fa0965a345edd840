"""bench_generate on one province at a small scale: counts, determinism, valid report versions, selectors."""

import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tambonplan.accounts.models import Role, User
from tambonplan.areas.models import Province, Tambon, Village
from tambonplan.committees.models import AppointmentOrder, Committee, Member, OrderState
from tambonplan.directives.models import Circular
from tambonplan.events.models import Event, EventKind
from tambonplan.partners.models import Commitment, CommitmentStatus, Partner
from tambonplan.planning.models import Project, ProjectBudget, TambonPlan
from tambonplan.planning.selectors import district_progress
from tambonplan.reports.content import from_json, live_content
from tambonplan.reports.models import DistrictReport, ReportState, ReportVersion

pytestmark = pytest.mark.slow

UBON = "34"
YEARS = (2569, 2570)
ARGS = {"provinces": UBON, "projects_per_plan": 2, "years": "2569,2570"}


def run(**extra) -> str:
    out = StringIO()
    call_command("bench_generate", stdout=out, **{**ARGS, **extra})
    return out.getvalue()


def checksum() -> str:
    """Names, budgets, members and statuses of what was made, independent of the primary keys."""
    digest = hashlib.sha256()
    rows = [
        Village.objects.filter(tambon__district__province_id=UBON)
        .order_by("code")
        .values_list("code", "name_th"),
        Project.objects.filter(plan__tambon__district__province_id=UBON)
        .order_by("plan__tambon_id", "plan__fiscal_year", "priority")
        .values_list("plan__tambon_id", "plan__fiscal_year", "priority", "name", "status"),
        ProjectBudget.objects.filter(project__plan__tambon__district__province_id=UBON)
        .order_by(
            "project__plan__tambon_id", "project__plan__fiscal_year", "project__priority", "fiscal_year"
        )
        .values_list("project__plan__tambon_id", "project__priority", "fiscal_year", "amount"),
        Member.objects.filter(order__committee__province_id=UBON)
        .order_by("order__committee__area_code", "order__committee__kind__code", "sort_order")
        .values_list("order__committee__area_code", "first_name", "last_name", "status"),
        Partner.objects.filter(province_id=UBON).order_by("name").values_list("name", "partner_type"),
        Commitment.objects.filter(partner__province_id=UBON)
        .order_by("partner__name", "project__plan__tambon_id", "project__priority", "fiscal_year", "status")
        .values_list("partner__name", "project__name", "status", "amount"),
        DistrictReport.objects.filter(district__province_id=UBON)
        .order_by("circular__fiscal_year", "district_id")
        .values_list("circular__fiscal_year", "district_id", "state", "reporter_name"),
    ]
    for query in rows:
        for row in query:
            digest.update(repr(row).encode())
    return digest.hexdigest()


@pytest.mark.django_db
def test_counts_of_one_province():
    output = run()
    tambons = list(Tambon.objects.active().filter(district__province_id=UBON).values_list("code", flat=True))
    districts = {code[:4] for code in tambons}
    for year in YEARS:
        plans = TambonPlan.objects.filter(tambon__district__province_id=UBON, fiscal_year=year)
        assert sorted(plans.values_list("tambon_id", flat=True)) == sorted(tambons)
        assert Circular.objects.filter(province_id=UBON, fiscal_year=year).count() == 1
        circular = Circular.objects.get(province_id=UBON, fiscal_year=year)
        assert circular.report_due is not None
        assert circular.instructions.count() == 7
        assert set(circular.districts.values_list("code", flat=True)) == districts
        assert set(circular.reports.values_list("district_id", flat=True)) == districts
        workshops = Event.objects.filter(province_id=UBON, fiscal_year=year, kind=EventKind.WORKSHOP)
        assert 0.9 * len(tambons) <= workshops.count() <= len(tambons)
        assert Event.objects.filter(
            province_id=UBON, fiscal_year=year, kind=EventKind.ORIENTATION
        ).count() >= len(districts)
    villages = Village.objects.filter(tambon__district__province_id=UBON).count()
    assert 8 * len(tambons) <= villages <= 13 * len(tambons)
    committees = Committee.objects.filter(province_id=UBON)
    assert committees.filter(kind__code="kbt").count() == len(tambons)
    assert committees.filter(kind__code="socho_t").count() == len(tambons)
    assert committees.filter(kind__code="socho_a").count() == len(districts)
    assert committees.filter(kind__code="socho_j", area_code=UBON).count() == 1
    in_force = AppointmentOrder.objects.filter(committee__province_id=UBON, state=OrderState.IN_FORCE).count()
    assert 0.85 * committees.count() <= in_force < committees.count()
    projects = Project.objects.filter(plan__tambon__district__province_id=UBON).count()
    assert 1 * 2 * len(tambons) <= projects <= 2.5 * 2 * len(tambons)
    assert set(Commitment.objects.values_list("status", flat=True)) == set(CommitmentStatus.values)
    assert set(DistrictReport.objects.values_list("state", flat=True)) == set(ReportState.values)
    assert "TambonPlan" in output and "bench_admin" in output
    assert User.objects.get(username="bench_district").role == Role.DISTRICT
    # Bangkok is not a CD area: nothing there, and no other province was touched.
    assert not TambonPlan.objects.exclude(tambon__district__province_id=UBON).exists()
    assert not Committee.objects.filter(province_id="10").exists()
    assert not Circular.objects.exclude(province_id=UBON).exists()
    assert not Village.objects.filter(tambon__district__province_id="10").exists()


@pytest.mark.django_db
def test_same_seed_same_rows_and_reset():
    run()
    first = checksum()
    with pytest.raises(CommandError, match="--reset"):
        run()
    run(reset=True)
    assert checksum() == first
    run(reset=True, seed=7)
    assert checksum() != first


@pytest.mark.django_db
def test_versions_parse_and_selectors_agree():
    run()
    admin = User.objects.get(username="bench_admin")
    versions = ReportVersion.objects.filter(report__district__province_id=UBON).select_related("report")
    assert versions.exists()
    for version in versions:
        content = from_json(version.content)
        assert content.district_code == version.report.district_id
        tambons = Tambon.objects.active().filter(district_id=content.district_code).count()
        assert content.figures["tambons"].value == tambons
        assert content.figures["plans"].value == tambons
        assert len(content.tambons) == tambons
    for year in YEARS:
        rows = district_progress(admin, province=Province.objects.get(code=UBON), fiscal_year=year)
        assert (
            sum(row.plans for row in rows)
            == TambonPlan.objects.filter(tambon__district__province_id=UBON, fiscal_year=year).count()
        )
        assert (
            sum(row.projects for row in rows)
            == Project.objects.filter(
                plan__tambon__district__province_id=UBON, plan__fiscal_year=year
            ).count()
        )
    # The live report of a district computes the same time-independent figures as the frozen version (the
    # newer year's need counts the older plans' projects budgeted for it, as the integration page does).
    keys = ("tambons", "plans", "steps_due", "projects", "committees_expected")
    money = ("need_amount", "secured_amount", "pledged_amount", "gap_amount", "funded_projects", "partners")
    for year in YEARS:
        version = versions.filter(report__circular__fiscal_year=year).first()
        live = live_content(admin, version.report).figures
        frozen = from_json(version.content).figures
        for key in keys + money:
            assert live[key].value == frozen[key].value, (year, key)
