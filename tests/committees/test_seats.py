"""Seats sized from the registers (issue 17 item 8.3): the ก.บ.ต. template's headman line stands for one seat
per village of the tambon and its local-government line for one per local government covering it; the
expected seats, the currency check and the draft order all count them."""

import pytest

from tambonplan.committees import selectors, services
from tambonplan.committees.currency import CURRENT, NEEDS_REVIEW, Registers, expected_seats, seat_count
from tambonplan.committees.documents import order_content, order_pdf
from tambonplan.committees.models import AppointmentOrder, OrderState, SeatCount
from tambonplan.committees.registers import local_government_counts, village_numbers
from tambonplan.localgov.models import LocalGovernmentKind
from tambonplan.thai.digits import to_thai_digits
from tests.committees import factories as f
from tests.document_text import pdf_text, squeeze

# The ก.บ.ต.'s people without its headmen and local-government heads.
OTHERS = [person for person in f.KBT_PEOPLE if person[4] != "นายกองค์กรปกครองส่วนท้องถิ่น"]
SAO = ("นาง", "สมศรี", "มีสุข", "กรรมการ", "นายกองค์กรปกครองส่วนท้องถิ่น", "องค์การบริหารส่วนตำบลหัวเรือ")
MUNICIPALITY = ("นาย", "เทศ", "มนตรี", "กรรมการ", "นายกองค์กรปกครองส่วนท้องถิ่น", "เทศบาลตำบลหัวเรือ")


@pytest.fixture
def hua_ruea(db):
    """Hua Ruea with 12 villages and 2 local governments (its อบต. and a เทศบาลตำบล); one elsewhere, an abolished
    one and the province's อบจ. (covering the tambon too) that do not count."""
    f.villages(f.HUA_RUEA, 12)
    f.local_government("หัวเรือ", LocalGovernmentKind.SAO)
    f.local_government("หัวเรือ", LocalGovernmentKind.SUBDISTRICT_MUNICIPALITY)
    f.local_government("หนองขอน", LocalGovernmentKind.SAO, tambons=(f.NONG_KHON,))
    f.local_government("เก่า", LocalGovernmentKind.SAO, active=False)
    f.local_government("อุบลราชธานี", LocalGovernmentKind.PAO, tambons=(f.HUA_RUEA, f.NONG_KHON))
    f.set_review_date()


def kbt_template():
    return selectors.templates_by_kind(f.UBON)[f.kind("kbt").id]


def slot(post: str):
    return next(s for s in kbt_template().slots.all() if s.ex_officio_post == post)


def verdict(user):
    return selectors.committee_page(
        user, kind_code="kbt", area_code=f.HUA_RUEA, fiscal_year=f.fiscal_year()
    ).currency


def kbt_order(people, state=OrderState.IN_FORCE) -> AppointmentOrder:
    return f.order("kbt", f.HUA_RUEA, state=state, signed_on=f.AFTER, people=people)


# ------------------------------------------------------------------ the registers and the count


def test_the_registers_count_villages_and_active_local_governments(hua_ruea):
    assert village_numbers([f.HUA_RUEA, f.NAI_MUEANG]) == {f.HUA_RUEA: tuple(range(1, 13))}
    assert local_government_counts([f.HUA_RUEA, f.NONG_KHON, f.NAI_MUEANG]) == {f.HUA_RUEA: 2, f.NONG_KHON: 1}


def test_the_default_kbt_template_sizes_headmen_and_local_governments(db):
    assert (slot("ผู้ใหญ่บ้าน").seats, slot("ผู้ใหญ่บ้าน").required) == (SeatCount.PER_VILLAGE, True)
    assert slot("นายกองค์กรปกครองส่วนท้องถิ่น").seats == SeatCount.PER_LOCAL_GOVERNMENT
    assert slot("กำนัน").seats == SeatCount.ONE


def test_a_tambon_with_2_local_governments_and_12_villages_expects_12_headmen_and_2_heads(hua_ruea):
    registers = selectors.registers_for([f.HUA_RUEA])[f.HUA_RUEA]

    assert seat_count(slot("ผู้ใหญ่บ้าน"), registers) == 12
    assert seat_count(slot("นายกองค์กรปกครองส่วนท้องถิ่น"), registers) == 2
    assert seat_count(slot("กำนัน"), registers) == 1
    # 7 lines of one seat, 12 headmen, 2 heads of local governments
    assert expected_seats(kbt_template(), registers) == 7 + 12 + 2


def test_without_registers_each_line_is_one_seat(db):
    assert expected_seats(kbt_template(), None) == 9
    assert seat_count(slot("นายกองค์กรปกครองส่วนท้องถิ่น"), Registers()) == 1  # nothing registered yet


# ------------------------------------------------------------------ the currency check


def test_a_complete_kbt_of_the_tambon_is_current(personas, hua_ruea):
    kbt_order([*OTHERS, SAO, MUNICIPALITY, *f.headmen(range(1, 13))])

    assert verdict(personas.district_officer).state == CURRENT


def test_a_missing_headman_is_named_by_village(personas, hua_ruea):
    kbt_order([*OTHERS, SAO, MUNICIPALITY, *f.headmen([1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12])])

    current = verdict(personas.district_officer)
    assert current.state == NEEDS_REVIEW
    assert current.reasons == ["ขาดผู้ใหญ่บ้านหมู่ที่ 5"]


def test_a_missing_local_government_head_is_counted(personas, hua_ruea):
    kbt_order([*OTHERS, SAO, *f.headmen(range(1, 13))])

    assert verdict(personas.district_officer).reasons == ["ขาดผู้แทน อปท. 1 แห่ง (มี 1 จาก 2 แห่ง)"]


def test_the_overview_says_the_same_in_thai_digits_for_a_thai_digit_user(personas, hua_ruea):
    kbt_order([*OTHERS, SAO, *f.headmen([1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12])])
    personas.district_officer.digit_style = "thai"
    personas.district_officer.save()

    html = personas.client_for(personas.district_officer).get("/committees/district/3401/?kind=kbt").content
    assert "ขาดผู้ใหญ่บ้านหมู่ที่ ๕" in html.decode()
    assert "ขาดผู้แทน อปท. ๑ แห่ง (มี ๑ จาก ๒ แห่ง)" in html.decode()


def test_headmen_who_do_not_say_their_village_are_counted(personas, hua_ruea):
    unplaced = [(*person[:5], "") for person in f.headmen(range(1, 11))]
    kbt_order([*OTHERS, SAO, MUNICIPALITY, *unplaced])

    assert verdict(personas.district_officer).reasons == ["ขาดผู้ใหญ่บ้าน 2 คน (มี 10 จาก 12 หมู่บ้าน)"]


def test_posts_written_with_their_place_hold_the_seat(personas, hua_ruea):
    people = [
        *OTHERS,
        ("นาย", "ก", "ข", "กรรมการ", "นายกองค์การบริหารส่วนตำบลหัวเรือ", ""),
        ("นาย", "ค", "ง", "กรรมการ", "นายกเทศมนตรีตำบลหัวเรือ", ""),
        *[
            (*person[:4], f"ผู้ใหญ่บ้านหมู่ที่ {index}", "")
            for index, person in enumerate(f.headmen(range(1, 13)), 1)
        ],
    ]
    kbt_order(people)

    assert verdict(personas.district_officer).state == CURRENT


def test_a_tambon_without_registered_local_governments_keeps_one_seat(personas):
    f.set_review_date()
    f.villages(f.HUA_RUEA, 2)
    order = kbt_order([*OTHERS, *f.headmen([1, 2])])
    assert verdict(personas.district_officer).reasons == [
        "ไม่มีกรรมการโดยตำแหน่ง: นายกองค์กรปกครองส่วนท้องถิ่น (กรรมการ)"
    ]

    f.add_people(order, [SAO])
    assert verdict(personas.district_officer).state == CURRENT


def test_the_overview_counts_the_registers_in_constant_queries(
    personas, hua_ruea, django_assert_max_num_queries
):
    kbt_order([*OTHERS, SAO, MUNICIPALITY, *f.headmen(range(1, 13))])
    with django_assert_max_num_queries(15):  # the same for 1 or 219 tambons
        rows = selectors.committee_rows(
            personas.province_officer, fiscal_year=f.fiscal_year(), province_code=f.UBON
        )
    assert {row.area_code: row.currency.state for row in rows if row.kind.code == "kbt"}[
        f.HUA_RUEA
    ] == CURRENT


# ------------------------------------------------------------------ the order page and the draft order


def test_the_draft_page_lists_each_open_seat_with_its_place(personas, hua_ruea):
    draft = kbt_order([*OTHERS, SAO, *f.headmen(range(1, 11))], state=OrderState.DRAFT)

    html = (
        personas.client_for(personas.district_officer).get(f"/committees/orders/{draft.pk}/").content.decode()
    )

    assert "ที่นั่งตามแม่แบบองค์ประกอบ 21 ที่นั่ง" in html
    seats = html[html.index('id="open-seats"') :]
    assert "ผู้ใหญ่บ้าน หมู่ที่ 11" in seats and "ผู้ใหญ่บ้าน หมู่ที่ 12" in seats
    assert "นายกองค์กรปกครองส่วนท้องถิ่น เทศบาลตำบลหัวเรือ" in seats
    assert (
        "affiliation=%E0%B8%AB%E0%B8%A1%E0%B8%B9%E0%B9%88%E0%B8%97%E0%B8%B5%E0%B9%88%2012" in seats
    )  # หมู่ที่ 12
    assert "ผู้ใหญ่บ้าน หมู่ที่ 10" not in seats


def test_the_add_link_fills_the_seats_place(personas, hua_ruea):
    draft = kbt_order(OTHERS, state=OrderState.DRAFT)
    position = slot("ผู้ใหญ่บ้าน").position_id

    response = personas.client_for(personas.district_officer).get(
        f"/committees/orders/{draft.pk}/members/new/",
        {"position": position, "basis": "ex_officio", "ex_officio_post": "ผู้ใหญ่บ้าน", "affiliation": "หมู่ที่ 5"},
    )

    assert 'value="หมู่ที่ 5"' in response.content.decode()


def test_an_empty_draft_order_lists_one_seat_per_village_and_local_government(personas, hua_ruea):
    draft = services.order_draft_start(
        user=personas.district_officer, kind=f.kind("kbt"), area=f.area("kbt", f.HUA_RUEA)
    )
    draft = selectors.order_for(personas.district_officer, draft.pk)

    lines = order_content(draft).members

    offices = [line.office for line in lines]
    assert offices == [
        "นายกองค์การบริหารส่วนตำบลหัวเรือ",
        "นายกเทศมนตรีตำบลหัวเรือ",
        *[to_thai_digits(f"ผู้ใหญ่บ้านหมู่ที่ {moo}") for moo in range(1, 13)],
    ]
    assert {line.name for line in lines} == {"........................................"}
    assert [line.number for line in lines][-1] == "๑๔."


def test_a_draft_lists_the_members_then_the_seats_still_to_fill_in_order(personas, hua_ruea):
    draft = kbt_order([*OTHERS, SAO, *f.headmen([1, 2])], state=OrderState.DRAFT)

    lines = order_content(selectors.order_for(personas.district_officer, draft.pk)).members

    assert len(lines) == len(OTHERS) + 1 + 2 + 1 + 10  # members, the municipality's seat, 10 villages
    positions = [line.position for line in lines]
    assert positions[0] == "ประธานกรรมการ" and positions[-1] == "กรรมการและเลขานุการ"
    empty = [line.office for line in lines if line.name.startswith("....")]
    assert empty == ["นายกเทศมนตรีตำบลหัวเรือ", *[to_thai_digits(f"ผู้ใหญ่บ้านหมู่ที่ {moo}") for moo in range(3, 13)]]


def test_an_issued_order_lists_its_members_only(personas, hua_ruea):
    order = kbt_order([*OTHERS, SAO, *f.headmen([1, 2])])

    lines = order_content(selectors.order_for(personas.district_officer, order.pk)).members

    assert len(lines) == len(OTHERS) + 3
    assert not any(line.name.startswith("....") for line in lines)


def test_the_draft_order_pdf_lists_the_seats_of_the_registers(personas, hua_ruea):
    draft = services.order_draft_start(
        user=personas.district_officer, kind=f.kind("kbt"), area=f.area("kbt", f.HUA_RUEA)
    )

    text = pdf_text(order_pdf(selectors.order_for(personas.district_officer, draft.pk)))

    for moo in range(1, 13):
        assert squeeze(to_thai_digits(f"ผู้ใหญ่บ้านหมู่ที่ {moo} กรรมการ")) in text
    assert squeeze("นายกองค์การบริหารส่วนตำบลหัวเรือ กรรมการ") in text
    assert squeeze("นายกเทศมนตรีตำบลหัวเรือ กรรมการ") in text
    assert squeeze("๑๔.") in text and squeeze("๑๕.") not in text


# ------------------------------------------------------------------ the province's template


def test_a_province_adds_a_line_per_village(personas):
    template = services.template_customize(
        user=personas.province_officer, kind=f.kind("kbt"), province=f.area("socho_j", f.UBON)
    )
    assert {s.ex_officio_post: s.seats for s in template.slots.all()}["ผู้ใหญ่บ้าน"] == SeatCount.PER_VILLAGE
    client = personas.client_for(personas.province_officer)

    response = client.post(
        "/committees/province/34/templates/kbt/",
        {"add_slot": "1", "position": slot("กำนัน").position_id, "ex_officio_post": "ผู้ช่วยผู้ใหญ่บ้าน",
         "seats": "per_village", "required": ""},
    )  # fmt: skip
    assert response.status_code == 302
    refused = client.post(
        "/committees/province/34/templates/kbt/",
        {
            "add_slot": "1",
            "position": slot("กำนัน").position_id,
            "ex_officio_post": "",
            "seats": "per_village",
        },
    )

    assert refused.status_code == 200
    assert "ต้องระบุตำแหน่งที่ดำรง" in refused.content.decode()
    html = client.get("/committees/province/34/templates/kbt/").content.decode()
    assert html.count('data-seats="per_village"') == 2
    assert html.count('data-seats="per_local_government"') == 1
