"""The demo committees of Ubon: a realistic mix of current, outdated and missing orders, made once."""

import random

from tambonplan.committees.currency import CURRENT, MISSING, NEEDS_REVIEW
from tambonplan.committees.demo import SOCHO_OFFICERS, member_fields, seed_committees, socho_lines
from tambonplan.committees.models import (
    AppointmentOrder,
    Basis,
    Committee,
    Member,
    MemberStatus,
    OrderState,
    Position,
)
from tambonplan.committees.selectors import committee_rows, overview_of
from tambonplan.thai.dates import current_fiscal_year


def test_seed_committees_makes_every_state_once(personas):
    made = seed_committees()

    assert made > 0
    assert Committee.objects.count() == made
    assert set(Committee.objects.values_list("province_id", flat=True)) == {"34"}
    assert AppointmentOrder.objects.filter(state=OrderState.IN_FORCE).count() == made
    rows = committee_rows(personas.province_officer, fiscal_year=current_fiscal_year(), province_code="34")
    states = [row.currency.state for row in rows]
    assert states.count(CURRENT) > 0
    assert states.count(NEEDS_REVIEW) > 0
    assert states.count(MISSING) > 0
    # current is the most common state, and each reviewed kind has committees
    assert states.count(CURRENT) > states.count(NEEDS_REVIEW)
    overview = overview_of(rows)
    for kind in ("kbt", "socho_t", "socho_a"):
        assert overview.by_kind[kind].current + overview.by_kind[kind].needs_review > 0
    reasons = " ".join(reason for row in rows for reason in row.currency.reasons)
    assert "ก่อนวันที่จังหวัดกำหนดให้ทบทวน" in reasons
    assert "ลาออก" in reasons
    assert Member.objects.filter(status=MemberStatus.RESIGNED).exists()

    members = Member.objects.count()
    assert seed_committees() == 0
    assert Committee.objects.count() == made
    assert Member.objects.count() == members


def test_the_demo_shows_a_term_near_its_end_one_over_and_a_seat_passed_to_a_new_headman(
    personas, ubon_villages
):
    seed_committees()
    rows = committee_rows(personas.province_officer, fiscal_year=current_fiscal_year(), province_code="34")
    by_key = {(row.kind.code, row.area_code): row for row in rows}

    near = by_key[("socho_t", "340104")].currency
    assert near.state == CURRENT
    assert [warning.split(":")[0] for warning in near.warnings] == ["ใกล้หมดวาระ"]
    expired = by_key[("socho_t", "340105")].currency
    assert expired.state == NEEDS_REVIEW
    assert len(expired.reasons) == 1 and expired.reasons[0].startswith("หมดวาระเมื่อ")

    kbt = by_key[("kbt", "340104")]
    assert kbt.currency.state == CURRENT, kbt.currency.reasons
    [new] = Member.objects.filter(order=kbt.order, predecessor__isnull=False)
    assert (new.ex_officio_post, new.affiliation) == ("ผู้ใหญ่บ้าน", "หมู่ที่ 2") and new.holds_since is not None
    assert new.predecessor.status == MemberStatus.LEFT_POST
    html = personas.client_for(personas.district_officer).get(f"/committees/orders/{kbt.order.pk}/").content
    assert f"ส่งต่อให้ {new.full_name}" in html.decode()


def test_the_demo_district_page_works(personas):
    seed_committees()

    response = personas.client_for(personas.district_officer).get("/committees/district/3401/")

    assert response.status_code == 200
    assert len(response.context["rows"]) == 2 * 12 + 1


def test_the_shared_member_lines_are_deterministic(db):
    """The demo and the benchmark data draw their made-up members from the same helpers and the caller's
    seeded generator: the same seed gives the same people and lines."""
    positions = {p.name_th: p for p in Position.objects.all()}

    def made(seed: int) -> list[dict]:
        rng = random.Random(seed)
        return member_fields(rng, socho_lines(rng, "ตำบลหัวเรือ", (6, 16)), Basis.ELECTED, positions)

    members = made(7)
    assert members == made(7) and members != made(8)
    assert tuple(m["position"].name_th for m in members[:4]) == SOCHO_OFFICERS
    assert 10 <= len(members) <= 20
    assert all(m["affiliation"].endswith(" ตำบลหัวเรือ") and m["phone"].startswith("08") for m in members)
