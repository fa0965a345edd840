"""Demo committees for Ubon Ratchathani: a realistic mix of current, outdated and missing orders."""

import random
from collections.abc import Sequence
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from tambonplan.areas.models import District, Province, Tambon
from tambonplan.committees.currency import add_years
from tambonplan.committees.models import (
    AppointmentOrder,
    Basis,
    Committee,
    CommitteeKind,
    Member,
    MemberStatus,
    OrderReview,
    OrderState,
    Position,
    ReviewDeadline,
)
from tambonplan.committees.registers import village_numbers
from tambonplan.localgov.models import LocalGovernment, LocalGovernmentKind
from tambonplan.thai.dates import current_fiscal_year, fiscal_year_start

UBON_CODE = "34"
# The areas of the demo's own officers (tambon Hua Ruea, the Mueang district, the province) have every order.
ALWAYS_ISSUED = {"340104", "3401", UBON_CODE}
# Orders the demo shows one of each (all current otherwise, confirmed this fiscal year): Hua Ruea's ศอช.ต.
# near the end of its two-year term, Nong Khon's past it, and Hua Ruea's ก.บ.ต. whose headman of a village
# has changed (the seat passed to the new headman without a new order).
NEAR_EXPIRY = ("socho_t", "340104")
EXPIRED = ("socho_t", "340105")
SUCCESSION = ("kbt", "340104")
SHOWN = {NEAR_EXPIRY, EXPIRED, SUCCESSION}
TITLES = ("นาย", "นาง", "นางสาว")
FIRST_NAMES = (
    "สมชาย",
    "สมศักดิ์",
    "บุญมี",
    "ประยูร",
    "สุรชัย",
    "วิชัย",
    "ทองใบ",
    "คำพอง",
    "สมหมาย",
    "อนุชา",
    "สุดารัตน์",
    "บัวผัน",
    "คำปุน",
    "มาลัย",
    "อรุณี",
    "จันทร์เพ็ญ",
    "ศรีสุดา",
    "พิกุล",
    "ดวงใจ",
    "นงลักษณ์",
)
LAST_NAMES = (
    "ศรีสุข",
    "บุญมา",
    "แก้วมณี",
    "พรมมา",
    "สีดา",
    "ทองดี",
    "จันทร์หอม",
    "ผาสุข",
    "วงศ์ใหญ่",
    "ภูมิภักดิ์",
    "คำภา",
    "แสงจันทร์",
    "บุตรดี",
    "อินทร์ตา",
    "ชาวนา",
    "มูลสาร",
    "ทองคำ",
    "ศรีบุญ",
    "พลเยี่ยม",
    "ไชยราช",
)


# Made-up people and committee lines shared by the demo data and the benchmark data (bench/generate.py): every
# choice comes from the caller's ``random.Random``, so both stay deterministic.
SOCHO_OFFICERS = ("ประธาน", "รองประธาน", "เลขานุการ", "เหรัญญิก")
SOCHO_GROUPS = ("กลุ่มออมทรัพย์เพื่อการผลิต", "กลุ่มอาชีพทอผ้า", "กองทุนหมู่บ้าน", "กลุ่มสตรี", "กลุ่มเกษตรกร")


def person(rng: random.Random) -> dict:
    """A made-up person: a member's title, first and last name and mobile number."""
    return {
        "title": rng.choice(TITLES),
        "first_name": rng.choice(FIRST_NAMES),
        "last_name": rng.choice(LAST_NAMES),
        "phone": f"08{rng.randint(10_000_000, 99_999_999)}",
    }


def mister(rng: random.Random) -> str:
    """A made-up man's name as an official signs it ("นายสมชาย ศรีสุข")."""
    return f"นาย{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def kbt_lines(
    tambon, village_heads: int | Sequence[int], local_governments: Sequence[str] = ()
) -> list[tuple[str, str, str]]:
    """The usual ก.บ.ต. of a tambon as (position, ex-officio post, affiliation): the chief district officer
    responsible, the kamnan, the head of each local government (`local_governments`' full names; without
    them, the tambon's อบต.), the head of each village (`village_heads`: the villages' numbers, or how many
    villages, numbered from หมู่ที่ 1), the directors of the health centre and the school, the ศอช.ต.'s chair,
    and the CD officer as secretary. The order prints each post with its place ("ผู้ใหญ่บ้านหมู่ที่ ๓",
    "นายกองค์การบริหารส่วนตำบลหัวเรือ")."""
    district = tambon.district.name_th
    villages = range(1, village_heads + 1) if isinstance(village_heads, int) else village_heads
    governments = local_governments or [f"องค์การบริหารส่วนตำบล{tambon.name_th}"]
    return [
        ("ประธาน", "ปลัดอำเภอผู้รับผิดชอบประจำตำบล", f"ที่ทำการปกครองอำเภอ{district}"),
        ("รองประธาน", "กำนัน", f"ตำบล{tambon.name_th}"),
        *(("กรรมการ", "นายกองค์กรปกครองส่วนท้องถิ่น", government) for government in governments),
        *(("กรรมการ", "ผู้ใหญ่บ้าน", f"หมู่ที่ {moo}") for moo in villages),
        ("กรรมการ", "ผู้อำนวยการโรงพยาบาลส่งเสริมสุขภาพตำบล", f"รพ.สต.{tambon.name_th}"),
        ("กรรมการ", "ผู้อำนวยการโรงเรียน", f"โรงเรียนบ้าน{tambon.name_th}"),
        ("กรรมการ", "ประธาน ศอช.ต.", f"ศอช.ต.{tambon.name_th}"),
        ("กรรมการและเลขานุการ", "พัฒนากรผู้รับผิดชอบตำบล", f"สำนักงานพัฒนาชุมชนอำเภอ{district}"),
    ]


def socho_lines(rng: random.Random, area_name: str, ordinary: tuple[int, int]) -> list[tuple[str, str, str]]:
    """An elected ศอช. of an area as (position, ex-officio post, affiliation), like ``kbt_lines``: the four
    officers and between ``ordinary[0]`` and ``ordinary[1]`` members, each from a group of the area."""
    positions = [*SOCHO_OFFICERS, *["กรรมการ"] * rng.randint(*ordinary)]
    return [(position, "", f"{rng.choice(SOCHO_GROUPS)} {area_name}") for position in positions]


def member_fields(rng: random.Random, lines, basis: str, positions: dict[str, Position]) -> list[dict]:
    """The fields of a member for each line (position name, ex-officio post, affiliation), with a made-up
    person; ``positions`` maps a position's name to the position."""
    return [
        {
            **person(rng),
            "position": positions[position],
            "basis": basis,
            "ex_officio_post": post,
            "affiliation": affiliation,
        }
        for position, post, affiliation in lines
    ]


def _kbt_members(rng, positions, tambon, villages: Sequence[int], governments: Sequence[str]) -> list[dict]:
    """A ก.บ.ต. with a seat for the head of every village and every local government of the tambon
    (domain.md §3a), as the registers have them."""
    return member_fields(rng, kbt_lines(tambon, villages, governments), Basis.EX_OFFICIO, positions)


def _socho_members(rng, positions, area_name: str) -> list[dict]:
    return member_fields(rng, socho_lines(rng, area_name, (7, 13)), Basis.ELECTED, positions)


def _socho_delegates(rng, positions, centres: list[str], ordinary: tuple[int, int]) -> list[dict]:
    """A ศอช.อ. or ศอช.จ. elected from the centres one level below: each member represents one of `centres`
    ("ศอช.ต.หัวเรือ", "ศอช.อ.วารินชำราบ")."""
    held = [*SOCHO_OFFICERS, *["กรรมการ"] * rng.randint(*ordinary)]
    lines = [(position, "", f"ผู้แทน {rng.choice(centres)}") for position in held]
    return member_fields(rng, lines, Basis.ELECTED, positions)


def _order_dates(rng, review_date: date, outdated: bool) -> tuple[date, str]:
    if outdated:
        signed = review_date - timedelta(days=rng.randint(200, 900))
    else:
        signed = review_date + timedelta(days=rng.randint(1, 40))
    return signed, f"{rng.randint(1, 450)}/{signed.year + 543}"


@transaction.atomic
def seed_committees(seed: int = 3434) -> int:
    """Orders for every ก.บ.ต./ศอช.ต. of Ubon, its ศอช.อ. and ศอช.จ.; returns how many committees it made."""
    if Committee.objects.filter(province_id=UBON_CODE).exists():
        return 0
    rng = random.Random(seed)
    today = timezone.localdate()
    fiscal_year = current_fiscal_year()
    review_date = fiscal_year_start(fiscal_year) + timedelta(days=14)
    ReviewDeadline.objects.get_or_create(
        province_id=UBON_CODE, fiscal_year=fiscal_year, defaults={"review_date": review_date}
    )
    ReviewDeadline.objects.get_or_create(
        province_id=UBON_CODE, fiscal_year=2566, defaults={"review_date": date(2023, 3, 31)}
    )
    positions = {p.name_th: p for p in Position.objects.all()}
    kinds = {k.code: k for k in CommitteeKind.objects.all()}
    province = Province.objects.get(code=UBON_CODE)
    plans = []
    tambons = list(Tambon.objects.active().filter(district__province=province).select_related("district"))
    villages = village_numbers(tambon.code for tambon in tambons)
    governments = _local_governments(province)
    centres: dict[str, list[str]] = {}
    for tambon in tambons:
        centres.setdefault(tambon.district_id, []).append(f"ศอช.ต.{tambon.name_th}")
        links = {"province": province, "district": tambon.district, "tambon": tambon}
        members = _kbt_members(
            rng, positions, tambon, villages.get(tambon.code, ()), governments.get(tambon.code, ())
        )
        plans.append((kinds["kbt"], tambon.code, links, members, tambon.district))
        plans.append(
            (
                kinds["socho_t"],
                tambon.code,
                links,
                _socho_members(rng, positions, f"ตำบล{tambon.name_th}"),
                tambon.district,
            )
        )
    districts = list(District.objects.active().filter(province=province))
    for district in districts:
        plans.append(
            (
                kinds["socho_a"],
                district.code,
                {"province": province, "district": district},
                _socho_delegates(rng, positions, centres[district.code], (7, 13)),
                district,
            )
        )
    plans.append(
        (
            kinds["socho_j"],
            province.code,
            {"province": province},
            _socho_delegates(rng, positions, [f"ศอช.อ.{d.name_th}" for d in districts], (5, 9)),
            None,
        )
    )

    committees, orders, members = [], [], []
    shown = {}
    for kind, area_code, links, people, district in plans:
        roll = rng.random()
        key = (kind.code, area_code)
        if key in SHOWN:
            roll = 0.5  # issued, after the review date, nobody left
        if roll < 0.12 and area_code not in ALWAYS_ISSUED:
            continue
        committee = Committee(kind=kind, area_code=area_code, **links)
        committees.append(committee)
        signed, number = _order_dates(rng, review_date, outdated=roll < 0.32)
        if key in (NEAR_EXPIRY, EXPIRED):
            signed = add_years(today, -2) + timedelta(days=45 if key == NEAR_EXPIRY else -40)
            number = f"{number.split('/')[0]}/{signed.year + 543}"
        elif key == SUCCESSION:  # signed soon after the review date, the headman changed since
            signed = review_date + timedelta(days=1)
        office = f"อำเภอ{district.name_th}" if district else f"จังหวัด{province.name_th}"
        signer = ("นายอำเภอ" + district.name_th) if district else "ผู้ว่าราชการจังหวัดอุบลราชธานี"
        order = AppointmentOrder(
            committee=committee,
            state=OrderState.IN_FORCE,
            number=number,
            signed_on=signed,
            effective_on=signed,
            signer_name=mister(rng),
            signer_position=signer,
            issuing_office=office,
        )
        orders.append(order)
        if key in SHOWN:
            shown[key] = order
        for index, person in enumerate(people, start=1):
            member = Member(order=order, sort_order=index, **person)
            if 0.32 <= roll < 0.40 and index == 2:
                # half of these have left already (the order needs review); the others' resignation is
                # recorded for a date that may still be to come: until then they still sit (models.sits_on)
                left_on = today - timedelta(days=7) if roll < 0.36 else signed + timedelta(days=120)
                member.status, member.status_on = MemberStatus.RESIGNED, left_on
            members.append(member)
    bulk_create_with_history(committees, Committee, batch_size=500, default_change_reason="seed_demo")
    for order in orders:
        order.committee_id = order.committee.id
    bulk_create_with_history(orders, AppointmentOrder, batch_size=500, default_change_reason="seed_demo")
    for member in members:
        member.order_id = member.order.id
    bulk_create_with_history(members, Member, batch_size=1000, default_change_reason="seed_demo")
    _show_terms_and_succession(shown, review_date, today, villages)
    return len(committees)


def _local_governments(province) -> dict[str, list[str]]:
    """The full names of the local governments the register has for each tambon of the province."""
    names: dict[str, list[str]] = {}
    links = (
        LocalGovernment.tambons.through.objects.filter(
            tambon__district__province=province, localgovernment__is_active=True
        )
        .exclude(localgovernment__kind=LocalGovernmentKind.PAO)
        .select_related("localgovernment")
        .order_by("tambon_id", "localgovernment__kind", "localgovernment__name_th")
    )
    for link in links:
        names.setdefault(link.tambon_id, []).append(link.localgovernment.full_name)
    return names


def _show_terms_and_succession(shown: dict, review_date: date, today: date, villages) -> None:
    """The two ศอช.ต. orders of two years ago confirmed this fiscal year (so that their term is what the
    page shows), and the new headman of Hua Ruea's second village taking the seat of the old one (the new
    kamnan, when the villages are not loaded)."""
    reviewer = (
        get_user_model().objects.filter(username="mueang_district").first()
        or get_user_model().objects.order_by("pk").first()
    )
    if reviewer is not None:
        for key in (NEAR_EXPIRY, EXPIRED):
            if key in shown:
                OrderReview.objects.create(
                    order=shown[key],
                    fiscal_year=current_fiscal_year(),
                    reviewed_on=min(today, review_date + timedelta(days=10)),
                    reviewed_by=reviewer,
                    note="ตรวจสอบรายชื่อแล้ว ยังครบองค์ประกอบ",
                )
    order = shown.get(SUCCESSION)
    if order is None:
        return
    moos = villages.get(SUCCESSION[1], ())
    seats = (
        order.members.filter(ex_officio_post="ผู้ใหญ่บ้าน", affiliation=f"หมู่ที่ {moos[1]}")
        if len(moos) > 1
        else None
    )
    old = (seats.first() if seats is not None else None) or order.members.filter(
        ex_officio_post="กำนัน"
    ).first()
    if old is None:
        return
    since = max(today - timedelta(days=20), order.effective_on + timedelta(days=1))
    old.status, old.status_on = MemberStatus.LEFT_POST, since
    old.save()
    Member.objects.create(
        order=order,
        title="นาย",
        first_name="ประเสริฐ",
        last_name="ใจมั่น",
        position=old.position,
        basis=Basis.EX_OFFICIO,
        ex_officio_post=old.ex_officio_post,
        affiliation=old.affiliation,
        phone="0891234567",
        sort_order=old.sort_order,
        predecessor=old,
        holds_since=since,
    )
