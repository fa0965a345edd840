"""The circular as PDF and Word: subject, number in Thai digits, instructions, enclosures, QR captions."""

import pytest

from tambonplan.directives.demo import INSTRUCTIONS, seed_circulars
from tambonplan.directives.documents import circular_content, circular_docx, circular_pdf
from tambonplan.directives.models import Circular
from tests.document_text import docx_text, pdf_text, squeeze


@pytest.fixture
def circular(db) -> Circular:
    seed_circulars()
    return Circular.objects.get(number="อบ ๐๐๑๙/ว ๕๓๑")


def first_words(text: str) -> str:
    return squeeze(text)[:25]


@pytest.mark.django_db
def test_pdf_text(circular, tmp_path):
    content = circular_pdf(circular)
    text = pdf_text(content)
    assert squeeze("ที่ อบ ๐๐๑๙/ว ๕๓๑") in text
    assert squeeze(circular.subject) in text
    assert squeeze("๑๔ กุมภาพันธ์ ๒๕๖๖") in text
    assert squeeze("เรียน นายอำเภอ ทุกอำเภอ") in text
    for number, (instruction, _due, _section) in enumerate(INSTRUCTIONS, start=1):
        assert squeeze(f"{'๐๑๒๓๔๕๖๗๘๙'[number]}. ") + first_words(instruction) in text
    for words in ("สิ่งที่ส่งมาด้วย", "ขอแสดงความนับถือ", "(นายพิสตาประดา)", "คิวอาร์โค้ดสิ่งที่ส่งมาด้วย๑-๓",
                  "โทร/โทรสาร๐๔๕-๓๔๕๖๒๘", "ศาลากลางจังหวัดอุบลราชธานี", "ถนนแจ้งสนิทอบ๓๕๐๐๐"):  # fmt: skip
        assert squeeze(words) in text
    assert not any(digit in text for digit in "0123456789")


@pytest.mark.django_db
def test_docx_text(circular):
    text = docx_text(circular_docx(circular))
    assert squeeze("ที่ อบ ๐๐๑๙/ว ๕๓๑") in text
    assert squeeze(circular.subject) in text
    for instruction, _due, _section in INSTRUCTIONS:
        assert first_words(instruction) in text
    assert squeeze("คิวอาร์โค้ด สิ่งที่ส่งมาด้วย ๑-๓") in text
    assert squeeze("กลุ่มงานยุทธศาสตร์การพัฒนาชุมชน") in text


@pytest.mark.django_db
def test_qr_codes_hold_the_public_links_on_site_url(circular):
    content = circular_content(circular)
    tokens = list(circular.enclosures.values_list("public_token", flat=True))
    site = "https://tambonplan.example"  # SITE_URL (tests/conftest.py), not the base the request came in on
    assert [e.url for e in content.enclosures] == [f"{site}/directives/public/{t}/" for t in tokens]
    assert all(e.qr_png.startswith(b"\x89PNG") for e in content.enclosures)
    assert content.qr_caption == "คิวอาร์โค้ด สิ่งที่ส่งมาด้วย ๑-๓"


@pytest.mark.django_db
def test_number_typed_in_arabic_digits_renders_in_thai(circular):
    circular.number = "อบ 0019/ว 531"
    circular.save()
    assert "ที่อบ๐๐๑๙/ว๕๓๑" in pdf_text(circular_pdf(circular))
