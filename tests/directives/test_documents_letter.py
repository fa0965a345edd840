"""The circular's letter fields (the Regulation on Correspondence, 2564 amendment): ชั้นความเร็ว top left above
"ที่", ชั้นความลับ top and bottom centre of every page, อ้างถึง, the contact block with โทร., โทรสาร and
ไปรษณีย์อิเล็กทรอนิกส์, and สำเนาส่ง; entered on the circular's form (bad input refused in Thai) and printed in
the PDF and the Word file, the seed circular still on two pages."""

import io

import docx
import pytest
from django.urls import reverse

from tambonplan.directives.documents import circular_docx, circular_pdf
from tambonplan.directives.models import Circular
from tests.directives.test_documents import circular  # noqa: F401 (fixture)
from tests.directives.test_views import FORM
from tests.document_text import docx_text, pdf_text_as_copied, squeeze

LETTER_FIELDS = {
    "urgency": "most_urgent",
    "secrecy": "confidential",
    "reference": "หนังสือกรมการพัฒนาชุมชน ที่ มท ๐๔๑๐.๒/ว ๓๒๑ ลงวันที่ ๑๓ มกราคม ๒๕๖๖",
    "contact": "สำนักงานพัฒนาชุมชนจังหวัด\nกลุ่มงานยุทธศาสตร์การพัฒนาชุมชน",
    "contact_phone": "๐ ๔๕๓๔ ๕๖๒๘",
    "contact_fax": "๐ ๔๕๓๔ ๕๖๒๙",
    "contact_email": "ubon@cdd.go.th",
    "copy_to": "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดอุบลราชธานี",
}
PRINTED = [
    "อ้างถึง หนังสือกรมการพัฒนาชุมชน ที่ มท ๐๔๑๐.๒/ว ๓๒๑ ลงวันที่ ๑๓ มกราคม ๒๕๖๖",
    "สำนักงานพัฒนาชุมชนจังหวัด",
    "กลุ่มงานยุทธศาสตร์การพัฒนาชุมชน",
    "โทร. ๐ ๔๕๓๔ ๕๖๒๘",
    "โทรสาร ๐ ๔๕๓๔ ๕๖๒๙",
    "ไปรษณีย์อิเล็กทรอนิกส์ ubon@cdd.go.th",
    "สำเนาส่ง สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดอุบลราชธานี",
]


def edit(client, circular, **fields):  # noqa: F811
    data = {**FORM, "number": circular.number, "issued_on": "14/2/2566", "fiscal_year": "2566", **fields}
    return client.post(reverse("directives:edit", args=[circular.pk]), data)


def pages_of(content: bytes) -> list[str]:
    return pdf_text_as_copied(content).split("\f")[:-1]


@pytest.mark.django_db
def test_the_seed_circular_prints_on_two_pages_without_stamps(circular):  # noqa: F811
    pages = pages_of(circular_pdf(circular))

    assert len(pages) == 2
    assert squeeze(pages[0]).startswith(squeeze("ที่ อบ ๐๐๑๙/ว ๕๓๑ ศาลากลางจังหวัดอุบลราชธานี"))
    assert "ด่วน" not in pages[0] and "ลับ" not in "".join(pages).replace("กลับ", "")


@pytest.mark.django_db
def test_letter_fields_entered_on_the_form_are_printed_where_the_regulation_puts_them(personas, circular):  # noqa: F811
    client = personas.client_for(personas.province_officer)

    assert edit(client, circular, **LETTER_FIELDS).status_code == 302

    circular.refresh_from_db()
    assert (circular.urgency, circular.contact_email) == ("most_urgent", "ubon@cdd.go.th")
    pages = pages_of(circular_pdf(circular))
    assert len(pages) == 2
    first = [line for line in pages[0].splitlines() if line.strip()]
    assert first[:2] == ["ด่วนที่สุด", "ที่ อบ ๐๐๑๙/ว ๕๓๑ ศาลากลางจังหวัดอุบลราชธานี"]  # top left, above ที่
    for page in pages:  # top and bottom centre of every page
        assert [line for line in page.splitlines() if line.strip() == "ลับ"] == ["ลับ", "ลับ"]
    text = squeeze("".join(pages))
    position = 0
    for line in PRINTED:  # in this order, the contact block and สำเนาส่ง at the foot of the last page
        position = text.index(squeeze(line), position)
    assert squeeze("".join(PRINTED[1:])) in squeeze(pages[-1])


@pytest.mark.django_db
def test_the_word_file_carries_the_same_letter_fields(circular):  # noqa: F811
    for name, value in LETTER_FIELDS.items():
        setattr(circular, name, value)
    circular.save()

    content = circular_docx(circular)

    text = docx_text(content)
    for line in PRINTED:
        assert squeeze(line) in text, line
    section = docx.Document(io.BytesIO(content)).sections[0]
    first_header = [p.text for p in section.first_page_header.paragraphs]
    assert first_header[:2] == ["ลับ", "ด่วนที่สุด"]
    assert section.header.paragraphs[0].text == "ลับ"
    assert [section.first_page_footer.paragraphs[0].text, section.footer.paragraphs[0].text] == ["ลับ", "ลับ"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"contact_email": "ubon@cdd"}, "ไปรษณีย์อิเล็กทรอนิกส์ไม่ถูกต้อง"),
        ({"contact_phone": "ติดต่อกลุ่มงาน"}, "หมายเลขไม่ถูกต้อง"),
        ({"urgency": "very"}, "เลือกตัวเลือกที่ถูกต้อง"),
        ({"number": "ที่"}, "กรุณากรอกเลขที่หนังสือ (ที่)"),
    ],
)
def test_bad_letter_fields_are_refused_in_thai_and_nothing_changes(personas, circular, fields, message):  # noqa: F811
    client = personas.client_for(personas.province_officer)

    response = edit(client, circular, **{**LETTER_FIELDS, **fields})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Circular.objects.get(pk=circular.pk).urgency == ""


@pytest.mark.django_db
def test_the_pdf_text_layer_has_no_arabic_digits_but_the_address(circular):  # noqa: F811
    for name, value in LETTER_FIELDS.items():
        setattr(circular, name, value)

    text = "".join(pages_of(circular_pdf(circular))).replace("ubon@cdd.go.th", "")

    assert not any(digit in text for digit in "0123456789")
