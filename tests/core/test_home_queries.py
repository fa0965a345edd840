"""The home page runs as many queries for 20 tambons (districts, provinces) with work to do as for 2."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tambonplan.accounts.models import Role
from tambonplan.areas.models import District, Province, Tambon
from tambonplan.directives.models import Circular
from tests.committees import factories as cf
from tests.conftest import make_user
from tests.events import factories as ef
from tests.partners import funding_factories as ff
from tests.planning import factories as pf
from tests.reports import factories as rf

TRAKAN = "3411"  # 23 active tambons


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def queries(user) -> int:
    client = Client()
    client.force_login(user)
    client.get("/")  # the session and the open data's cache, once
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/")
    assert response.status_code == 200
    return len(captured)


def work_in(tambons: list[str], partner) -> None:
    """In each tambon: a plan with a late step, approved, with a project to forward and a commitment awaiting
    approval; a workshop held without attendance; a ก.บ.ต. order needing review."""
    for code in tambons:
        plan = pf.make_plan(code)
        pf.approve(plan)
        project = pf.add_project(plan, f"โครงการของตำบล {code}", class_code="support")
        ff.commitment(project, partner, status="pledged")
        ef.event(code, starts_in=timedelta(days=-1))
        cf.order("kbt", code, signed_on=cf.BEFORE)


def test_a_district_officers_home_does_not_grow_with_its_tambons(db):
    codes = list(
        Tambon.objects.active().filter(district_id=TRAKAN).order_by("code").values_list("code", flat=True)
    )
    assert len(codes) >= 20
    officer = make_user("trakan_district", Role.DISTRICT, district=TRAKAN)
    cf.set_review_date()
    pf.set_due_dates()
    pf.first_step_due(pf.today() - timedelta(days=1))
    partner = ff.partner()
    circular = rf.circular(districts=(TRAKAN,))

    work_in(codes[:2], partner)
    with_two = queries(officer)
    work_in(codes[2:20], partner)
    rf.filled_report(officer, circular, TRAKAN)
    with_twenty = queries(officer)

    assert with_two == with_twenty
    # the report's figures now read village plans, answers and the ledger, committees the registers
    assert with_two <= 66


def test_a_province_officers_home_does_not_grow_with_its_districts(db):
    districts = list(District.objects.active().filter(province_id=pf.UBON).order_by("code"))
    assert len(districts) >= 20
    province_officer = make_user("ubon_province", Role.PROVINCE, province=pf.UBON)
    circular = rf.circular(districts=[d.code for d in districts], due=pf.today() - timedelta(days=1))
    pf.set_due_dates()
    first_step = pf.first_step_due(pf.today() - timedelta(days=1))

    def districts_report(chosen):
        for district in chosen:
            officer = make_user(f"officer_{district.code}", Role.DISTRICT, district=district.code)
            rf.submitted(officer, circular, district.code)
            tambon = Tambon.objects.active().filter(district=district).order_by("code").first()
            pf.make_plan(tambon.code)
            ef.event(pf.UBON, starts_in=timedelta(days=-1), title=f"ประชุม {district.code}")

    districts_report(districts[:2])
    with_two = queries(province_officer)
    districts_report(districts[2:20])
    with_twenty = queries(province_officer)

    assert first_step.due_date < pf.today()
    assert with_two == with_twenty
    assert with_two <= 60


def test_the_departments_home_does_not_grow_with_the_provinces(db):
    department = make_user("cdd_department", Role.DEPARTMENT)
    provinces = list(Province.objects.active().filter(is_cd_area=True).order_by("code"))

    def provinces_report(chosen):
        for province in chosen:
            circular = Circular.objects.create(
                issued_at=timezone.now(),
                province=province,
                office_name="ศาลากลางจังหวัด",
                number=f"{province.code}/ว 1",
                issued_on=pf.today() - timedelta(days=30),
                subject="การขับเคลื่อนแผนพัฒนาตำบล",
                addressees="นายอำเภอ ทุกอำเภอ",
                fiscal_year=pf.fiscal_year(),
                report_due=pf.today() - timedelta(days=1),
            )
            circular.districts.set(District.objects.filter(province=province)[:3])
            tambon = Tambon.objects.active().filter(district__province=province).order_by("code").first()
            pf.make_plan(tambon.code)

    provinces_report(provinces[:2])
    with_two = queries(department)
    provinces_report(provinces[2:20])
    with_twenty = queries(department)

    assert with_two == with_twenty
