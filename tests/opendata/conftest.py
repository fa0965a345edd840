"""A small country for the open-data tests: plans, workshops with named attendees (with phone numbers), a
committee member, projects with budgets, partners' commitments, in Ubon (Mueang, Warin Chamrap) and Si Sa Ket.

``PERSONAL`` lists every personal value the fixture writes: none may appear in a public dataset.
"""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.core.cache import cache

from tambonplan.events.models import AttendeeGroup
from tambonplan.partners.models import PartnerType
from tambonplan.planning.models import NeedCategory
from tests.committees import factories as cf
from tests.events import factories as ef
from tests.partners import funding_factories as ff
from tests.planning import factories as pf

SISAKET_TAMBON = "330101"

ATTENDEES = (
    ("นายสมชาย ใจดี", "0812345678", AttendeeGroup.LEADERS),
    ("นางมาลี ศรีสุข", "0899991234", AttendeeGroup.SOCHO),
    ("นายบุญมี มีสุข", "0861112222", AttendeeGroup.OFFICIALS),
)
PROJECT_NAMES = ("โครงการถนนลับเฉพาะ", "โครงการฝายลับเฉพาะ", "โครงการวารินลับเฉพาะ", "โครงการศรีสะเกษลับเฉพาะ")
PARTNER_NAMES = ("มูลนิธิลับเฉพาะ", "เทศบาลลับเฉพาะ")


@dataclass
class World:
    year: int
    personal: list[str]


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(personas) -> World:
    year = pf.fiscal_year()
    pf.set_due_dates(province="34")
    pf.set_due_dates(province="33")
    categories = list(NeedCategory.objects.order_by("sort_order", "name_th", "id"))

    # Hua Ruea: a plan with every step done, two projects (one answers an economic need), a workshop held.
    hua_ruea = pf.make_plan(pf.HUA_RUEA)
    pf.mark_done(hua_ruea, len(pf.steps(hua_ruea)))
    need = pf.add_need(hua_ruea, description="น้ำไม่พอใช้ทำการเกษตร")
    need.category = categories[0]
    need.save()
    road = pf.add_project(hua_ruea, PROJECT_NAMES[0], "community", {year: "50000"}, priority=1)
    road.needs.add(need)
    weir = pf.add_project(hua_ruea, PROJECT_NAMES[1], "support", {year: "20000"}, priority=2)
    workshop = ef.event(pf.HUA_RUEA, starts_in=timedelta(days=-3))
    member = cf.order("socho_t", pf.HUA_RUEA).members.first()
    for name, phone, group in ATTENDEES:
        ef.attendee(workshop, name, group, phone=phone)
    ef.attendee(workshop, member.full_name, member=member)  # a ศอช.ต. member: counted as ศอช.
    ef.counts(workshop, leaders=10, socho=4)
    ef.event(pf.HUA_RUEA, starts_in=timedelta(days=-1))  # a second workshop: participants add up

    # Nong Khon: a plan with two steps done, no project; a workshop only scheduled (not held).
    nong_khon = pf.make_plan(pf.NONG_KHON)
    pf.mark_done(nong_khon, 2)
    ef.event(pf.NONG_KHON, starts_in=timedelta(days=10))

    # Warin Chamrap: a plan, a joint project with a budget.
    warin = pf.make_plan(pf.WARIN_TAMBON)
    warin_project = pf.add_project(warin, PROJECT_NAMES[2], "joint", {year: "10000"})
    ef.counts(ef.event(pf.WARIN_TAMBON, starts_in=timedelta(days=-5)), networks=7)

    # Si Sa Ket: a plan with one project.
    sisaket = pf.make_plan(SISAKET_TAMBON)
    pf.add_project(sisaket, PROJECT_NAMES[3], "community", {year: "7000"})

    # Partners: approved money, a pledge and delivered materials.
    foundation = ff.partner(PARTNER_NAMES[0], PartnerType.CIVIL_SOCIETY)
    municipality = ff.partner(PARTNER_NAMES[1], PartnerType.LOCAL_GOVERNMENT)
    ff.commitment(road, foundation, status="approved", amount="30000")
    ff.commitment(weir, foundation, status="pledged", amount="5000")
    ff.commitment(warin_project, municipality, status="delivered", estimated="2500")

    members = [m.full_name for m in member.order.members.all()]
    phones = [m.phone for m in member.order.members.all()]
    personal = [name for name, _phone, _group in ATTENDEES] + [phone for _name, phone, _group in ATTENDEES]
    personal += members + phones + list(PROJECT_NAMES) + list(PARTNER_NAMES)
    personal += ["ubon_province", "mueang_district", "huaruea_tambon", "ทดสอบ"]
    return World(year=year, personal=personal)
