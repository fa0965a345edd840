"""Reads of events: attendance totals, the lists by scope, the event page and the workshop summary."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tambonplan.accounts.models import Role
from tambonplan.events import selectors
from tambonplan.events.forms import facilitator_label
from tambonplan.events.models import AttendeeGroup, EventKind
from tambonplan.thai.dates import current_fiscal_year
from tests.committees import factories as cf
from tests.conftest import make_user
from tests.events import factories as f

MUEANG_TAMBONS = ("340101", "340102", "340103", "340104", "340105", "340106", "340107", "340108")


@pytest.fixture
def workshop(db):
    """A workshop in Hua Ruea: 2 leaders, 1 ศอช. by group, 1 ศอช.ต. member picked as a leader, 1 ก.บ.ต.
    member, and head counts of 10 leaders, 4 ศอช. and 3 partners."""
    socho = cf.order("socho_t", f.HUA_RUEA).members.order_by("sort_order")
    kbt = cf.order("kbt", f.HUA_RUEA).members.order_by("sort_order")
    event = f.event(f.HUA_RUEA)
    f.attendee(event, "นายหนึ่ง ทดสอบ")
    f.attendee(event, "นายสอง ทดสอบ")
    f.attendee(event, "นางสาม ทดสอบ", AttendeeGroup.SOCHO)
    f.attendee(event, socho[0].full_name, AttendeeGroup.LEADERS, member=socho[0])
    f.attendee(event, kbt[0].full_name, AttendeeGroup.OFFICIALS, member=kbt[0])
    f.counts(event, leaders=10, socho=4, partners=3)
    return event


def test_attendance_totals_named_plus_counted_by_group(workshop):
    totals = selectors.attendance_totals(workshop)

    assert [(row.group, row.named, row.counted, row.total) for row in totals.groups] == [
        ("leaders", 3, 10, 13),
        ("socho", 1, 4, 5),
        ("networks", 0, 0, 0),
        ("officials", 1, 0, 1),
        ("partners", 0, 3, 3),
        ("others", 0, 0, 0),
    ]
    assert (totals.named, totals.counted, totals.total) == (5, 17, 22)
    # ศอช.: one by group, one as a member of the ศอช.ต. (counted as a leader), four counted; not the ก.บ.ต.
    assert totals.socho == 6


def test_the_event_page_and_attendance_totals_agree(personas, workshop):
    page = selectors.event_detail(personas.district_officer, workshop.pk)
    assert page.totals == selectors.attendance_totals(workshop)
    assert [a.name for a in page.attendees][:2] == ["นายหนึ่ง ทดสอบ", "นายสอง ทดสอบ"]
    assert page.counts == {"leaders": 10, "socho": 4, "partners": 3}


def test_empty_event_totals(db):
    totals = selectors.attendance_totals(f.event())
    assert (totals.total, totals.socho, len(totals.groups)) == (0, 0, 6)


def test_event_page_queries_do_not_grow_with_attendees(personas, workshop, media):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            page = selectors.event_detail(personas.district_officer, workshop.pk)
            assert page.totals.socho >= 0
        return len(captured)

    before = queries()
    socho_a = cf.order("socho_a", f.MUEANG, people=cf.socho_people(12, prefix="อำเภอ")).members.all()
    for index, member in enumerate(socho_a):
        f.attendee(workshop, member.full_name, AttendeeGroup.NETWORKS, member=member)
        f.attendee(workshop, f"คนที่ {index}", AttendeeGroup.OTHERS)
    workshop.facilitators.set([personas.district_officer, personas.tambon_officer])
    assert queries() == before


def test_events_for_follows_the_scope(personas):
    hua_ruea = f.event(f.HUA_RUEA, title="ตำบลหัวเรือ")
    nai_mueang = f.event(f.NAI_MUEANG, title="ตำบลในเมือง")
    mueang = f.event(f.MUEANG, kind=EventKind.ORIENTATION, title="อำเภอเมือง")
    ubon = f.event(f.UBON, kind=EventKind.ORIENTATION, title="จังหวัด")
    warin = f.event(f.WARIN_TAMBON, title="วารินชำราบ")
    last_year = f.event(f.HUA_RUEA, fiscal_year=current_fiscal_year() - 1)
    year = current_fiscal_year()

    def titles(user, **filters):
        return {event.title for event in selectors.events_for(user, fiscal_year=year, **filters)}

    assert titles(personas.province_officer) == {e.title for e in (hua_ruea, nai_mueang, mueang, ubon, warin)}
    assert titles(personas.viewer) == titles(personas.province_officer)
    assert titles(personas.district_officer) == {"ตำบลหัวเรือ", "ตำบลในเมือง", "อำเภอเมือง", "จังหวัด"}
    assert titles(personas.tambon_officer) == {"ตำบลหัวเรือ", "อำเภอเมือง", "จังหวัด"}
    assert titles(personas.other_district_officer) == {"วารินชำราบ", "จังหวัด"}
    assert titles(personas.outsider) == set()
    assert titles(personas.province_officer, district_code=f.WARIN) == {"วารินชำราบ"}
    assert titles(personas.province_officer, tambon_code=f.HUA_RUEA) == {"ตำบลหัวเรือ"}
    assert titles(personas.province_officer, kind=EventKind.ORIENTATION) == {"อำเภอเมือง", "จังหวัด"}
    assert [e.pk for e in selectors.events_for(personas.province_officer, fiscal_year=year - 1)] == [
        last_year.pk
    ]


def test_events_for_annotates_participants(personas, workshop):
    (row,) = selectors.events_for(personas.district_officer, fiscal_year=workshop.fiscal_year)
    assert (row.participants, row.socho) == (22, 6)


def test_member_choices_for_a_tambon_event(personas):
    socho_t = cf.order("socho_t", f.HUA_RUEA, size=9).members.all()
    socho_a = cf.order("socho_a", f.MUEANG, size=9).members.all()
    kbt = cf.order("kbt", f.HUA_RUEA).members.all()
    cf.order("kbt", f.NAI_MUEANG)
    left = cf.leave(kbt[0])
    cf.order("socho_t", f.HUA_RUEA, state="draft", people=cf.socho_people(9, prefix="ร่าง"))
    event = f.event(f.HUA_RUEA)
    f.attendee(event, socho_t[0].full_name, member=socho_t[0])

    chosen = selectors.member_choices(personas.tambon_officer, event)

    expected = {m.pk for m in (*socho_t[1:], *socho_a, *kbt)} - {left.pk}
    assert {m.pk for m in chosen} == expected
    assert selectors.member_choices(personas.other_district_officer, event) == []


def test_member_choices_for_a_district_event(personas):
    socho_a = cf.order("socho_a", f.MUEANG, size=9).members.all()
    cf.order("socho_t", f.HUA_RUEA, size=9)
    event = f.event(f.MUEANG, kind=EventKind.ORIENTATION)
    assert {m.pk for m in selectors.member_choices(personas.district_officer, event)} == {
        m.pk for m in socho_a
    }


# ------------------------------------------------------------------ workshop summary


def test_workshop_summary_numbers(personas, workshop):
    year = workshop.fiscal_year
    earlier = f.event(f.HUA_RUEA, starts_in=timedelta(days=-20))
    f.attendee(earlier, "นายหนึ่ง ทดสอบ", AttendeeGroup.SOCHO)
    f.counts(earlier, others=4)
    f.event(f.HUA_RUEA, starts_in=timedelta(days=10))  # scheduled, not held
    scheduled_only = f.event(f.NONG_KHON, starts_in=timedelta(days=5))
    f.counts(scheduled_only, leaders=40)
    f.event(f.NAI_MUEANG, kind=EventKind.KBT_MEETING)  # not a workshop
    f.event(f.NAI_MUEANG, fiscal_year=year - 1)  # another fiscal year

    summary = selectors.workshop_summary(
        personas.district_officer, fiscal_year=year, tambon_codes=[f.HUA_RUEA, f.NONG_KHON, f.NAI_MUEANG]
    )

    hua_ruea = summary[f.HUA_RUEA]
    assert hua_ruea.held is True
    assert hua_ruea.latest_date == timezone.localdate(workshop.starts_at)
    assert (hua_ruea.workshops, hua_ruea.participants, hua_ruea.socho) == (2, 22 + 5, 6 + 1)
    assert hua_ruea.next_date == timezone.localdate(timezone.now() + timedelta(days=10))
    nong_khon = summary[f.NONG_KHON]
    assert (nong_khon.held, nong_khon.latest_date, nong_khon.participants) == (False, None, 0)
    assert nong_khon.next_date == timezone.localdate(scheduled_only.starts_at)
    assert summary[f.NAI_MUEANG] == selectors.WorkshopSummary()
    assert set(summary) == {f.HUA_RUEA, f.NONG_KHON, f.NAI_MUEANG}


def test_workshop_summary_follows_the_scope(personas, workshop):
    codes = [f.HUA_RUEA]
    year = workshop.fiscal_year
    assert selectors.workshop_summary(personas.tambon_officer, fiscal_year=year, tambon_codes=codes)[
        f.HUA_RUEA
    ].held
    for user in (personas.other_district_officer, personas.outsider):
        assert selectors.workshop_summary(user, fiscal_year=year, tambon_codes=codes) == {
            f.HUA_RUEA: selectors.WorkshopSummary()
        }
    assert selectors.workshop_summary(personas.province_officer, fiscal_year=year, tambon_codes=[]) == {}


def test_workshop_summary_queries_do_not_grow_with_the_tambons(personas):
    year = current_fiscal_year()

    def build(codes):
        for code in codes:
            event = f.event(code)
            f.attendee(event, f"ผู้นำ {code}")
            f.attendee(event, f"ศอช. {code}", AttendeeGroup.SOCHO)
            f.counts(event, leaders=5, socho=2)

    def queries(codes) -> tuple[int, dict]:
        with CaptureQueriesContext(connection) as captured:
            summary = selectors.workshop_summary(
                personas.province_officer, fiscal_year=year, tambon_codes=codes
            )
        return len(captured), summary

    build(MUEANG_TAMBONS[:2])
    few, few_summary = queries(MUEANG_TAMBONS[:2])
    build(MUEANG_TAMBONS[2:])
    many, many_summary = queries(MUEANG_TAMBONS)

    assert few == many == 1
    assert len(many_summary) == len(MUEANG_TAMBONS)
    assert all((s.held, s.participants, s.socho) == (True, 9, 3) for s in many_summary.values())


def test_facilitators_are_staff_named_with_their_position(personas):
    partner_user = make_user("partner_user", Role.PARTNER, province="34")
    personas.province_officer.position = "นักวิชาการพัฒนาชุมชนชำนาญการ"
    personas.province_officer.save()

    choices = list(selectors.facilitator_choices(personas.district_officer))

    assert partner_user not in choices
    assert personas.tambon_officer in choices
    assert facilitator_label(personas.province_officer) == "ubon_province ทดสอบ (นักวิชาการพัฒนาชุมชนชำนาญการ)"
