"""Demo committees for Ubon Ratchathani: a realistic mix of current, outdated and missing orders."""

import random
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from tambonplan.areas.models import District, Province, Tambon
from tambonplan.committees.models import (
    AppointmentOrder,
    Basis,
    Committee,
    CommitteeKind,
    Member,
    MemberStatus,
    OrderState,
    Position,
    ReviewDeadline,
)
from tambonplan.thai.dates import current_fiscal_year, fiscal_year_start

UBON_CODE = "34"
# The areas of the demo's own officers (tambon Hua Ruea, the Mueang district, the province) have every order.
ALWAYS_ISSUED = {"340104", "3401", UBON_CODE}
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


def kbt_lines(tambon, village_heads: int) -> list[tuple[str, str, str]]:
    """The usual ก.บ.ต. of a tambon as (position, ex-officio post, affiliation): the chief district officer
    responsible, the kamnan, the head of the named local government, the heads of villages หมู่ที่ 1 to
    `village_heads`, the directors of the health centre and the school, the ศอช.ต.'s chair, and the CD officer
    as secretary. The
    order prints each post with its place ("ผู้ใหญ่บ้านหมู่ที่ ๓", "นายกองค์การบริหารส่วนตำบลหัวเรือ")."""
    district = tambon.district.name_th
    return [
        ("ประธาน", "ปลัดอำเภอผู้รับผิดชอบประจำตำบล", f"ที่ทำการปกครองอำเภอ{district}"),
        ("รองประธาน", "กำนัน", f"ตำบล{tambon.name_th}"),
        ("กรรมการ", "นายกองค์กรปกครองส่วนท้องถิ่น", f"องค์การบริหารส่วนตำบล{tambon.name_th}"),
        *(("กรรมการ", "ผู้ใหญ่บ้าน", f"หมู่ที่ {moo}") for moo in range(1, village_heads + 1)),
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


def _kbt_members(rng, positions, tambon, villages: int) -> list[dict]:
    """A ก.บ.ต. with a seat for the head of every village of the tambon (domain.md §3a)."""
    return member_fields(rng, kbt_lines(tambon, villages), Basis.EX_OFFICIO, positions)


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
    tambons = (
        Tambon.objects.active()
        .filter(district__province=province)
        .select_related("district")
        .annotate(village_count=Count("villages"))
    )
    centres: dict[str, list[str]] = {}
    for tambon in tambons:
        centres.setdefault(tambon.district_id, []).append(f"ศอช.ต.{tambon.name_th}")
        links = {"province": province, "district": tambon.district, "tambon": tambon}
        members = _kbt_members(rng, positions, tambon, tambon.village_count)
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
    for kind, area_code, links, people, district in plans:
        roll = rng.random()
        if roll < 0.12 and area_code not in ALWAYS_ISSUED:
            continue
        committee = Committee(kind=kind, area_code=area_code, **links)
        committees.append(committee)
        signed, number = _order_dates(rng, review_date, outdated=roll < 0.32)
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
    return len(committees)
