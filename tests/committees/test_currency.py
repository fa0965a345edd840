"""Whether a committee's order is current, needs review (with every reason) or is missing."""

from datetime import date

import pytest

from tambonplan.committees import selectors, services
from tambonplan.committees.currency import CURRENT, MISSING, NEEDS_REVIEW
from tambonplan.committees.models import MemberStatus, OrderReview, OrderState
from tambonplan.thai.dates import be_date_long
from tests.committees import factories as f


def currency(user, kind_code: str = "kbt", code: str = f.HUA_RUEA):
    """The verdict the committee page shows to the user."""
    page = selectors.committee_page(user, kind_code=kind_code, area_code=code, fiscal_year=f.fiscal_year())
    return page.currency


def reasons_text(verdict) -> str:
    return " | ".join(verdict.reasons)


# ------------------------------------------------------------------ missing


def test_no_committee_at_all_is_missing(personas):
    verdict = currency(personas.province_officer)

    assert verdict.state == MISSING
    assert verdict.label == "ไม่มีคำสั่ง"
    assert verdict.reasons == ["ยังไม่มีคำสั่งแต่งตั้งที่มีผลใช้บังคับ"]


def test_a_draft_alone_is_still_missing(personas):
    f.order("kbt", f.HUA_RUEA, state=OrderState.DRAFT)

    assert currency(personas.province_officer).state == MISSING


def test_a_complete_order_signed_after_the_review_date_is_current(personas):
    f.set_review_date()
    f.order("kbt", f.HUA_RUEA, signed_on=f.AFTER)

    verdict = currency(personas.province_officer)

    assert verdict.state == CURRENT
    assert verdict.label == "เป็นปัจจุบัน"
    assert verdict.reasons == []


# ------------------------------------------------------------------ the province's review date


def test_order_signed_before_the_review_date_needs_review_and_says_the_be_date(personas):
    f.set_review_date()
    f.order("kbt", f.HUA_RUEA, signed_on=f.BEFORE)

    verdict = currency(personas.province_officer)

    assert verdict.state == NEEDS_REVIEW
    assert verdict.label == "ต้องทบทวน"
    assert len(verdict.reasons) == 1
    reason = verdict.reasons[0]
    assert "ก่อนวันที่จังหวัดกำหนดให้ทบทวน" in reason
    assert be_date_long(f.REVIEW_DATE) in reason
    assert str(f.REVIEW_DATE.year + 543) in reason  # Buddhist era, not 20xx
    assert str(f.REVIEW_DATE.year) not in reason


def test_order_signed_on_the_review_date_itself_is_current(personas):
    f.set_review_date()
    f.order("kbt", f.HUA_RUEA, signed_on=f.REVIEW_DATE)

    assert currency(personas.province_officer).state == CURRENT


def test_without_a_review_date_for_the_fiscal_year_an_old_order_is_not_outdated(personas):
    # a date for last year and one for another province do not apply to this year's Ubon orders
    f.set_review_date(year=f.fiscal_year() - 1)
    f.set_review_date(province="33")
    f.order("kbt", f.HUA_RUEA, signed_on=date(2015, 1, 1))

    assert currency(personas.province_officer).state == CURRENT


def test_a_review_on_or_after_the_review_date_makes_the_old_order_current(personas):
    f.set_review_date()
    order = f.order("kbt", f.HUA_RUEA, signed_on=f.BEFORE)
    OrderReview.objects.create(
        order=order,
        fiscal_year=f.fiscal_year(),
        reviewed_on=f.REVIEW_DATE,
        reviewed_by=personas.district_officer,
    )

    assert currency(personas.province_officer).state == CURRENT


def test_a_review_before_the_review_date_does_not_count(personas):
    f.set_review_date()
    order = f.order("kbt", f.HUA_RUEA, signed_on=f.BEFORE)
    OrderReview.objects.create(
        order=order,
        fiscal_year=f.fiscal_year() - 1,
        reviewed_on=date.fromordinal(f.REVIEW_DATE.toordinal() - 1),
        reviewed_by=personas.district_officer,
    )

    assert currency(personas.province_officer).state == NEEDS_REVIEW


def test_confirming_the_order_through_the_service_makes_it_current(personas):
    f.set_review_date()
    order = f.order("kbt", f.HUA_RUEA, signed_on=f.BEFORE)
    assert currency(personas.district_officer).state == NEEDS_REVIEW

    services.order_review_confirm(user=personas.district_officer, order=order, fiscal_year=f.fiscal_year())

    assert currency(personas.district_officer).state == CURRENT


# ------------------------------------------------------------------ members who left


@pytest.mark.parametrize(
    ("status", "label"),
    [
        (MemberStatus.RESIGNED, "ลาออก"),
        (MemberStatus.DIED, "เสียชีวิต"),
        (MemberStatus.LEFT_POST, "พ้นจากตำแหน่ง"),
    ],
)
def test_a_member_who_left_is_named_in_the_reason(personas, status, label):
    order = f.order("kbt", f.HUA_RUEA)
    # an ordinary member (not one of the required posts), so that only this reason applies
    extra = f.add_people(order, [("นาย", "สุชาติ", "คำดี", "กรรมการ", "เกษตรตำบล")])[0]
    f.leave(extra, status, date(2024, 3, 1))

    verdict = currency(personas.province_officer)

    assert verdict.state == NEEDS_REVIEW
    assert len(verdict.reasons) == 1
    reason = verdict.reasons[0]
    assert "นายสุชาติ คำดี" in reason
    assert "(กรรมการ)" in reason
    assert label in reason
    assert "1 มีนาคม 2567" in reason


def test_every_member_who_left_is_listed(personas):
    order = f.order("kbt", f.HUA_RUEA)
    extras = f.add_people(
        order,
        [("นาย", "สุชาติ", "คำดี", "กรรมการ", "เกษตรตำบล"), ("นาง", "มาลัย", "ทองดี", "กรรมการ", "ผู้ใหญ่บ้าน")],
    )
    f.leave(extras[0], MemberStatus.DIED)
    f.leave(extras[1], MemberStatus.RESIGNED)

    text = reasons_text(currency(personas.province_officer))

    assert "นายสุชาติ คำดี" in text and "เสียชีวิต" in text
    assert "นางมาลัย ทองดี" in text and "ลาออก" in text


# ------------------------------------------------------------------ composition


def test_no_chair(personas):
    people = [p for p in f.KBT_PEOPLE if p[3] != "ประธาน"] + [
        ("นาย", "ปกรณ์", "ปกครองดี", "กรรมการ", "ปลัดอำเภอผู้รับผิดชอบประจำตำบล")
    ]
    f.order("kbt", f.HUA_RUEA, people=people)

    verdict = currency(personas.province_officer)

    assert verdict.state == NEEDS_REVIEW
    assert verdict.reasons == ["ไม่มีประธาน"]


def test_no_secretary(personas):
    people = [p for p in f.KBT_PEOPLE if p[3] != "กรรมการและเลขานุการ"] + [
        ("นางสาว", "น้ำผึ้ง", "ศรีสำราญ", "กรรมการ", "พัฒนากรผู้รับผิดชอบตำบล")
    ]
    f.order("kbt", f.HUA_RUEA, people=people)

    verdict = currency(personas.province_officer)

    assert verdict.state == NEEDS_REVIEW
    assert verdict.reasons == ["ไม่มีเลขานุการ"]


def test_a_chair_who_resigned_leaves_the_committee_without_a_chair(personas):
    order = f.order("kbt", f.HUA_RUEA)
    f.leave(order.members.get(position__name_th="ประธาน"), MemberStatus.RESIGNED)

    text = reasons_text(currency(personas.province_officer))

    assert "นายปกรณ์ ปกครองดี (ประธาน) ลาออก" in text
    assert "ไม่มีประธาน" in text
    assert "ปลัดอำเภอผู้รับผิดชอบประจำตำบล" in text  # the ex-officio post is empty too


@pytest.mark.parametrize("size", [9, 17, 25])
def test_socho_t_of_9_to_25_serving_members_is_current(personas, size):
    f.order("socho_t", f.HUA_RUEA, size=size)

    assert currency(personas.province_officer, "socho_t").state == CURRENT


def test_socho_t_of_8_members_is_too_small(personas):
    f.order("socho_t", f.HUA_RUEA, size=8)

    verdict = currency(personas.province_officer, "socho_t")

    assert verdict.state == NEEDS_REVIEW
    assert verdict.reasons == ["มีกรรมการ 8 คน น้อยกว่าขั้นต่ำ 9 คน"]


def test_socho_t_of_26_members_is_too_large(personas):
    f.order("socho_t", f.HUA_RUEA, size=26)

    verdict = currency(personas.province_officer, "socho_t")

    assert verdict.state == NEEDS_REVIEW
    assert verdict.reasons == ["มีกรรมการ 26 คน เกินกว่า 25 คน"]


def test_only_serving_members_count_towards_the_size(personas):
    order = f.order("socho_t", f.HUA_RUEA, size=9)
    f.leave(order.members.get(first_name="สมาชิก9"), MemberStatus.LEFT_POST)

    text = reasons_text(currency(personas.province_officer, "socho_t"))

    assert "นายสมาชิก9 ทดสอบ (กรรมการ) พ้นจากตำแหน่ง" in text
    assert "มีกรรมการ 8 คน น้อยกว่าขั้นต่ำ 9 คน" in text


def test_kbt_without_the_kamnan_ex_officio_post(personas):
    people = [p for p in f.KBT_PEOPLE if p[4] != "กำนัน"]
    f.order("kbt", f.HUA_RUEA, people=people)

    verdict = currency(personas.province_officer)

    assert verdict.state == NEEDS_REVIEW
    assert verdict.reasons == ["ไม่มีกรรมการโดยตำแหน่ง: กำนัน (รองประธาน)"]


def test_ex_officio_post_matches_ignoring_extra_spaces(personas):
    people = [p if p[4] != "กำนัน" else (*p[:4], "  กำนัน ") for p in f.KBT_PEOPLE]
    people = [p if p[4] != "ประธาน ศอช.ต." else (*p[:4], "ประธาน   ศอช.ต.") for p in people]
    f.order("kbt", f.HUA_RUEA, people=people)

    assert currency(personas.province_officer).state == CURRENT


# ------------------------------------------------------------------ all reasons together


def test_every_reason_is_listed_together(personas):
    f.set_review_date()
    people = [p for p in f.KBT_PEOPLE if p[3] not in ("ประธาน", "รองประธาน")]
    order = f.order("kbt", f.HUA_RUEA, signed_on=f.BEFORE, people=people)
    extra = f.add_people(order, [("นาย", "สุชาติ", "คำดี", "กรรมการ", "เกษตรตำบล")])[0]
    f.leave(extra, MemberStatus.DIED)

    verdict = currency(personas.province_officer)

    assert verdict.state == NEEDS_REVIEW
    assert len(verdict.reasons) == 5
    text = reasons_text(verdict)
    assert be_date_long(f.REVIEW_DATE) in text
    assert "นายสุชาติ คำดี (กรรมการ) เสียชีวิต" in text
    assert "ไม่มีประธาน" in text
    assert "ไม่มีกรรมการโดยตำแหน่ง: ปลัดอำเภอผู้รับผิดชอบประจำตำบล (ประธาน)" in text
    assert "ไม่มีกรรมการโดยตำแหน่ง: กำนัน (รองประธาน)" in text


def test_the_committee_page_lists_every_reason(personas):
    f.set_review_date()
    people = [p for p in f.KBT_PEOPLE if p[4] != "กำนัน"]
    f.order("kbt", f.HUA_RUEA, signed_on=f.BEFORE, people=people)

    response = personas.client_for(personas.district_officer).get(f"/committees/c/kbt/{f.HUA_RUEA}/")

    assert response.status_code == 200
    text = response.content.decode()
    assert "ต้องทบทวน" in text
    assert be_date_long(f.REVIEW_DATE) in text
    assert "ไม่มีกรรมการโดยตำแหน่ง: กำนัน (รองประธาน)" in text


# ------------------------------------------------------------------ province templates


def test_a_province_template_with_min_5_changes_the_verdict_for_that_province_only(personas):
    ubon_officer, sisaket_officer = personas.province_officer, personas.outsider
    f.order("socho_t", f.HUA_RUEA, size=8)
    f.order("socho_t", "330101", size=8)
    assert currency(ubon_officer, "socho_t").state == NEEDS_REVIEW

    template = services.template_customize(
        user=ubon_officer, kind=f.kind("socho_t"), province=f.area("socho_j", "34")
    )
    services.template_update(
        user=ubon_officer,
        template=template,
        min_members=5,
        max_members=25,
        requires_chair=True,
        requires_secretary=True,
    )

    assert currency(ubon_officer, "socho_t").state == CURRENT
    sisaket = currency(sisaket_officer, "socho_t", "330101")
    assert sisaket.state == NEEDS_REVIEW
    assert sisaket.reasons == ["มีกรรมการ 8 คน น้อยกว่าขั้นต่ำ 9 คน"]


def test_a_province_template_can_require_another_ex_officio_post(personas):
    f.order("kbt", f.HUA_RUEA)
    province = f.area("socho_j", "34")
    template = services.template_customize(
        user=personas.province_officer, kind=f.kind("kbt"), province=province
    )
    services.template_slot_add(
        user=personas.province_officer,
        template=template,
        position=f.position("กรรมการ"),
        ex_officio_post="เกษตรตำบล",
        required=True,
    )

    verdict = currency(personas.province_officer)

    assert verdict.reasons == ["ไม่มีกรรมการโดยตำแหน่ง: เกษตรตำบล (กรรมการ)"]


def test_a_province_template_that_does_not_require_a_secretary(personas):
    people = [p for p in f.KBT_PEOPLE if p[3] != "กรรมการและเลขานุการ"]
    f.order("kbt", f.HUA_RUEA, people=people)
    template = services.template_customize(
        user=personas.province_officer, kind=f.kind("kbt"), province=f.area("socho_j", "34")
    )
    services.template_update(
        user=personas.province_officer,
        template=template,
        min_members=None,
        max_members=None,
        requires_chair=True,
        requires_secretary=False,
    )
    for slot in template.slots.filter(ex_officio_post="พัฒนากรผู้รับผิดชอบตำบล"):
        services.template_slot_delete(user=personas.province_officer, slot=slot)

    assert currency(personas.province_officer).state == CURRENT
