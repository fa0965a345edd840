"""Seats held by position pass to the post's next holder without a new order (issue 17 item 8.2): the old
holder's row is kept, marked as having left the post on the date, the new holder joins the same order linked
to them, and the order stays current; a member appointed by name who leaves still makes it out of date."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from tambonplan.committees import selectors, services
from tambonplan.committees.currency import CURRENT, NEEDS_REVIEW
from tambonplan.committees.documents import order_content
from tambonplan.committees.models import Basis, Member, MemberStatus, OrderState
from tambonplan.thai.dates import be_date_short
from tests.committees import factories as f

TODAY = timezone.localdate()


def verdict(user):
    return selectors.committee_page(
        user, kind_code="kbt", area_code=f.HUA_RUEA, fiscal_year=f.fiscal_year()
    ).currency


def kamnan(order) -> Member:
    return order.members.get(ex_officio_post="กำนัน")


def succeed(user, member, on=TODAY - timedelta(days=3), **fields) -> Member:
    values = {"title": "นาย", "first_name": "ประสิทธิ์", "last_name": "ใจมั่น", "on": on} | fields
    return services.member_succeed(user=user, member=member, **values)


@pytest.fixture
def kbt(personas):
    f.set_review_date()
    order = f.order("kbt", f.HUA_RUEA, signed_on=f.AFTER)
    assert verdict(personas.district_officer).state == CURRENT
    return order


def test_a_new_kamnan_takes_the_seat_and_the_order_stays_current(personas, kbt):
    old = kamnan(kbt)
    on = TODAY - timedelta(days=3)

    new = succeed(personas.district_officer, old, on=on)

    old.refresh_from_db()
    assert (old.status, old.status_on) == (MemberStatus.LEFT_POST, on)  # the history is kept
    assert new.order_id == kbt.pk and new.predecessor == old and old.successor == new
    assert (new.full_name, new.holds_since, new.basis) == ("นายประสิทธิ์ ใจมั่น", on, Basis.EX_OFFICIO)
    assert (new.position, new.ex_officio_post, new.affiliation) == (old.position, "กำนัน", old.affiliation)
    assert new.status == MemberStatus.SERVING
    current = verdict(personas.district_officer)
    assert (current.state, current.reasons) == (CURRENT, [])
    kbt.refresh_from_db()
    assert kbt.state == OrderState.IN_FORCE


def test_the_overview_agrees(personas, kbt):
    succeed(personas.district_officer, kamnan(kbt))

    rows = selectors.committee_rows(
        personas.district_officer, fiscal_year=f.fiscal_year(), province_code=f.UBON, district_code=f.MUEANG
    )
    [row] = [row for row in rows if row.kind.code == "kbt" and row.area_code == f.HUA_RUEA]
    assert row.currency.state == CURRENT


def test_a_member_appointed_by_name_who_leaves_still_makes_the_order_out_of_date(personas):
    f.set_review_date()
    order = f.order("socho_t", f.HUA_RUEA, signed_on=f.AFTER)
    chair = order.members.get(position__name_th="ประธาน")
    assert chair.basis == Basis.ELECTED

    with pytest.raises(ValidationError, match="ได้รับแต่งตั้งโดยชื่อ"):
        succeed(personas.district_officer, chair)
    f.leave(chair, MemberStatus.RESIGNED, TODAY - timedelta(days=1))

    page = selectors.committee_page(
        personas.district_officer, kind_code="socho_t", area_code=f.HUA_RUEA, fiscal_year=f.fiscal_year()
    )
    assert page.currency.state == NEEDS_REVIEW
    assert any("ลาออก" in reason for reason in page.currency.reasons)
    assert not Member.objects.filter(predecessor=chair).exists()


def test_an_ex_officio_member_who_left_without_a_successor_still_needs_review(personas, kbt):
    f.leave(kamnan(kbt), MemberStatus.LEFT_POST, TODAY - timedelta(days=1))

    assert verdict(personas.district_officer).state == NEEDS_REVIEW


def test_a_successor_after_a_recorded_death_brings_the_order_back_to_current(personas, kbt):
    old = f.leave(kamnan(kbt), MemberStatus.DIED, TODAY - timedelta(days=30))
    assert verdict(personas.district_officer).state == NEEDS_REVIEW

    succeed(personas.district_officer, old, on=TODAY - timedelta(days=2))

    old.refresh_from_db()
    assert (old.status, old.status_on) == (MemberStatus.DIED, TODAY - timedelta(days=30))  # as recorded
    assert verdict(personas.district_officer).state == CURRENT


def test_a_succession_recorded_ahead_changes_the_seat_on_its_date(personas, kbt):
    old = kamnan(kbt)
    later = TODAY + timedelta(days=10)

    new = succeed(personas.district_officer, old, on=later)

    members = selectors.committee_page(
        personas.district_officer, kind_code="kbt", area_code=f.HUA_RUEA, fiscal_year=f.fiscal_year()
    ).members
    sitting = {m.full_name for m in members if m.sitting}
    assert old.full_name in sitting and new.full_name not in sitting  # the old kamnan until then
    assert verdict(personas.district_officer).state == CURRENT
    order = selectors.order_for(personas.district_officer, kbt.pk)
    names = [line.name for line in order_content(order).members]
    assert old.full_name in names and new.full_name not in names  # the order as signed


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("draft", "เฉพาะในคำสั่งที่มีผลใช้บังคับ"),
        ("twice", "ส่งต่อให้ นายประสิทธิ์ ใจมั่น แล้ว"),
        ("before", "วันที่รับตำแหน่งต้องไม่ก่อน"),
        ("no_name", "กรุณาระบุชื่อผู้ดำรงตำแหน่งคนใหม่"),
    ],
)
def test_refusals_say_why_in_thai_and_write_nothing(personas, kbt, case, message):
    member = kamnan(kbt)
    fields = {}
    if case == "draft":
        draft = services.order_draft_start(
            user=personas.district_officer, kind=f.kind("kbt"), area=f.area("kbt", f.HUA_RUEA)
        )
        member = kamnan(draft)
    elif case == "twice":
        succeed(personas.district_officer, member)
    elif case == "before":
        fields["on"] = kbt.effective_on - timedelta(days=1)
    else:
        fields["first_name"] = " "
    count = Member.objects.count()

    with pytest.raises(ValidationError, match=message):
        succeed(personas.district_officer, member, **fields)

    assert Member.objects.count() == count


def test_a_successor_cannot_be_recorded_by_a_viewer_or_another_district(personas, kbt):
    with pytest.raises(PermissionDenied):
        succeed(personas.viewer, kamnan(kbt))
    with pytest.raises(Http404):
        succeed(personas.other_district_officer, kamnan(kbt))
    with pytest.raises(Http404):
        selectors.member_for(personas.other_district_officer, kamnan(kbt).pk)


def test_the_old_holder_cannot_come_back_while_the_seat_has_passed(personas, kbt):
    old = kamnan(kbt)
    succeed(personas.district_officer, old)

    with pytest.raises(ValidationError, match="กลับมาปฏิบัติหน้าที่ไม่ได้"):
        services.member_update(user=personas.district_officer, member=old, status=MemberStatus.SERVING)


def test_a_new_order_takes_the_current_holder_only(personas, kbt):
    new = succeed(personas.district_officer, kamnan(kbt))

    draft = services.order_draft_start(
        user=personas.district_officer, kind=f.kind("kbt"), area=f.area("kbt", f.HUA_RUEA)
    )

    kamnans = list(draft.members.filter(ex_officio_post="กำนัน"))
    assert [m.full_name for m in kamnans] == [new.full_name]
    assert kamnans[0].predecessor is None and kamnans[0].holds_since is None  # appointed by the new order


def test_the_order_page_shows_who_holds_the_seat_now_and_since_when(personas, kbt):
    old = kamnan(kbt)
    client = personas.client_for(personas.district_officer)
    html = client.get(f"/committees/orders/{kbt.pk}/").content.decode()
    assert f'href="/committees/members/{old.pk}/successor/"' in html

    response = client.post(
        f"/committees/members/{old.pk}/successor/",
        {"title": "นาย", "first_name": "ประสิทธิ์", "last_name": "ใจมั่น", "on": be_date_short(TODAY)},
    )

    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    since = be_date_short(TODAY)
    assert "ส่งต่อให้ นายประสิทธิ์ ใจมั่น ตั้งแต่ " + since in html
    assert f"แทน {old.full_name}" in html
    assert f"ดำรงตำแหน่งตั้งแต่ {since}" in html
    assert f'href="/committees/members/{old.pk}/successor/"' not in html  # passed on once
    assert "บันทึกผู้ดำรงตำแหน่งกำนันคนใหม่แล้ว" in html
    committee_page = client.get(f"/committees/c/kbt/{f.HUA_RUEA}/").content.decode()
    assert "เป็นปัจจุบัน" in committee_page and "ส่งต่อให้ นายประสิทธิ์ ใจมั่น" in committee_page


def test_the_successor_form_shows_the_refusal(personas):
    f.set_review_date()
    order = f.order("socho_t", f.HUA_RUEA, signed_on=f.AFTER)
    chair = order.members.get(position__name_th="ประธาน")
    client = personas.client_for(personas.district_officer)

    html = client.get(f"/committees/orders/{order.pk}/").content.decode()
    assert f'href="/committees/members/{chair.pk}/successor/"' not in html  # elected: no such button
    response = client.post(
        f"/committees/members/{chair.pk}/successor/",
        {"first_name": "สมใหม่", "on": be_date_short(TODAY)},
    )

    assert response.status_code == 200
    assert "ได้รับแต่งตั้งโดยชื่อ" in response.content.decode()
    assert not Member.objects.filter(first_name="สมใหม่").exists()
