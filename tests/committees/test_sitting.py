"""Who sits on a committee on a given date (issue 15, item 1): a member counts until the date they leave, and
the order page, its PDF and Word files and the currency verdict agree on who that is."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from tambonplan.committees import selectors
from tambonplan.committees.currency import CURRENT, order_currency
from tambonplan.committees.documents import order_content, order_docx, order_pdf
from tambonplan.committees.models import Member, MemberStatus, OrderState, sits_on
from tambonplan.thai.digits import to_thai_digits
from tests.committees import factories as f
from tests.document_text import docx_text, pdf_text, squeeze

TODAY = timezone.localdate()
# A ศอช.ต. of exactly the template's minimum of nine, as the demo's order 125/2569.
PEOPLE = [
    ("นาย", "ประเสริฐ", "ทองดี", "ประธาน", ""),
    ("นาง", "วิไล", "จะลาออก", "รองประธาน", ""),
    ("นาย", "สมพร", "ศรีสุข", "เลขานุการ", ""),
    ("นาง", "บัวผัน", "คำดี", "เหรัญญิก", ""),
    ("นาย", "บุญส่ง", "ใจงาม", "กรรมการ", ""),
    ("นาย", "คำปุน", "พรมมา", "กรรมการ", ""),
    ("นาง", "ทองใบ", "ดวงดี", "กรรมการ", ""),
    ("นาย", "สุวิทย์", "แก้วมณี", "กรรมการ", ""),
    ("นาง", "มาลี", "สายสุด", "กรรมการ", ""),
]
VICE_CHAIR = "นางวิไล จะลาออก"


def member_rows(text: str) -> int:
    """How many numbered member lines ("๑." ... ) a squeezed document text holds."""
    arabic = text.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))
    return max((int(n) for n in re.findall(r"(\d+)\.", arabic)), default=0)


def page_count(client, order) -> int:
    html = client.get(f"/committees/orders/{order.pk}/").content.decode()
    return int(re.search(r'data-figure="members">(\d+)<', html).group(1))


@pytest.mark.parametrize(
    ("status", "status_on", "sits"),
    [
        (MemberStatus.SERVING, None, True),
        (MemberStatus.RESIGNED, date(2026, 6, 2), True),  # leaves after the day: still sits
        (MemberStatus.RESIGNED, date(2026, 6, 1), False),  # leaves on the day
        (MemberStatus.DIED, date(2026, 1, 1), False),
        (MemberStatus.LEFT_POST, None, False),  # left, date not recorded
    ],
)
def test_the_rule_of_who_sits(status, status_on, sits):
    member = Member(status=status, status_on=status_on)
    assert sits_on(member, date(2026, 6, 1)) is sits


def test_issued_order_documents_list_the_member_whose_resignation_is_in_the_future(personas):
    f.set_review_date()
    order = f.order("socho_t", f.HUA_RUEA, number="125/2569", people=PEOPLE)
    f.leave(order.members.get(last_name="จะลาออก"), MemberStatus.RESIGNED, TODAY + timedelta(days=120))
    order = selectors.order_for(personas.district_officer, order.pk)

    docx, pdf = docx_text(order_docx(order)), pdf_text(order_pdf(order))

    assert squeeze(to_thai_digits(VICE_CHAIR)) in docx
    assert squeeze(VICE_CHAIR) in pdf
    assert len(order_content(order).members) == member_rows(docx) == member_rows(pdf) == 9
    assert page_count(personas.client_for(personas.district_officer), order) == 9
    page = selectors.committee_page(
        personas.district_officer, kind_code="socho_t", area_code=f.HUA_RUEA, fiscal_year=f.fiscal_year()
    )
    # nine sit today: the template's minimum of nine is met and nobody has left yet
    assert (page.currency.state, page.currency.reasons) == (CURRENT, [])


def test_page_documents_and_currency_agree_on_the_document_date(personas):
    """A draft is dated today: one member left yesterday, one leaves tomorrow; eight sit."""
    draft = f.order("socho_t", f.HUA_RUEA, state=OrderState.DRAFT, number="", signed_on=None, people=PEOPLE)
    f.leave(draft.members.get(last_name="จะลาออก"), MemberStatus.RESIGNED, TODAY + timedelta(days=1))
    f.leave(draft.members.get(last_name="สายสุด"), MemberStatus.RESIGNED, TODAY - timedelta(days=1))
    draft = selectors.order_for(personas.district_officer, draft.pk)
    members = selectors.order_members(draft)

    docx, pdf = docx_text(order_docx(draft)), pdf_text(order_pdf(draft))
    verdict = order_currency(
        order=draft, members=members, last_reviewed=None, template=None, review_date=None, on=TODAY
    )
    problems = selectors.order_problems(draft, members)

    assert draft.document_date == TODAY
    assert len(order_content(draft).members) == member_rows(docx) == member_rows(pdf) == 8
    assert page_count(personas.client_for(personas.district_officer), draft) == 8
    assert squeeze(to_thai_digits(VICE_CHAIR)) in docx and squeeze(VICE_CHAIR) in pdf
    assert "มาลีสายสุด" not in docx and "มาลีสายสุด" not in pdf
    assert [r for r in verdict.reasons if "สายสุด" in r] and not [r for r in verdict.reasons if "จะลาออก" in r]
    assert problems == ["มีกรรมการ 8 คน น้อยกว่าขั้นต่ำ 9 คน"]
