"""The cover letters (หนังสือนำส่ง): the district's letter that sends its report to the governor and the
province's letter that sends the consolidated report to the Director-General, as an officer reads them in the
PDF and the Word file; what the offices enter on their pages (bad input refused in Thai, nothing written), and
who may see or write them."""

import io
from datetime import date

import docx
import pytest
from django.urls import reverse
from docx.table import Table

from tambonplan.reports import services
from tambonplan.reports.models import ConsolidationRecord, ReportLetter
from tambonplan.thai.digits import to_thai_digits
from tests.document_text import pdf_text, squeeze
from tests.planning.factories import MUEANG
from tests.reports import factories as f

pytestmark = pytest.mark.django_db

DISTRICT_LETTER = {
    "number": "อบ ๐๐๒๓.๑/๔๕๖",
    "issued_on": date(2026, 12, 10),
    "urgency": "urgent",
    "office_name": "ที่ว่าการอำเภอเมืองอุบลราชธานี",
    "office_address": "ถนนสรรพสิทธิ์ อบ ๓๔๐๐๐",
    "signer_name": "นายสมชาย ใจดี",
    "signer_position": "พัฒนาการอำเภอเมืองอุบลราชธานี ปฏิบัติราชการแทน\nนายอำเภอเมืองอุบลราชธานี",
    "contact": "สำนักงานพัฒนาชุมชนอำเภอเมืองอุบลราชธานี",
    "phone": "๐ ๔๕๒๔ ๔๕๒๑",
    "fax": "๐ ๔๕๒๔ ๔๕๒๒",
    "email": "mueang@cdd.go.th",
    "copy_to": "",
}
PROVINCE_LETTER = {
    "number": "อบ ๐๐๑๙/๒๑๔๕",
    "issued_on": date(2026, 12, 28),
    "urgency": "",
    "office_name": "ศาลากลางจังหวัดอุบลราชธานี",
    "office_address": "ถนนแจ้งสนิท อบ ๓๕๐๐๐",
    "signer_name": "นายพิสตา ประดา",
    "signer_position": "พัฒนาการจังหวัด ปฏิบัติราชการแทน\nผู้ว่าราชการจังหวัดอุบลราชธานี",
    "contact": "สำนักงานพัฒนาชุมชนจังหวัด\nกลุ่มงานยุทธศาสตร์การพัฒนาชุมชน",
    "phone": "๐ ๔๕๓๔ ๕๖๒๘",
    "fax": "",
    "email": "ubon@cdd.go.th",
    "copy_to": "พัฒนาการอำเภอ ทุกอำเภอ",
    "prepared_on": date(2026, 12, 25),
    "preparer_name": "นางสาวสมศรี ใจดี",
    "preparer_position": "นักวิชาการพัฒนาชุมชนชำนาญการ",
    "approver_name": "นายพิสตา ประดา",
    "approver_position": "พัฒนาการจังหวัดอุบลราชธานี",
    "reference_number": "มท ๐๔๑๐.๒/ว ๓๒๑",
    "reference_date": date(2026, 10, 1),
}
CIRCULAR_CITED = "หนังสือจังหวัดอุบลราชธานี ที่ อบ ๐๐๑๙/ว ๕๓๑ ลงวันที่ ๑ พฤศจิกายน ๒๕๖๙"


def in_order(text: str, phrases: list[str]) -> None:
    """Each phrase, white space aside, in the text after the one before it: the letter reads in that order."""
    position = 0
    for phrase in phrases:
        found = text.find(squeeze(phrase), position)
        assert found >= 0, f"{phrase!r} not after {text[max(0, position - 80) : position]!r}"
        position = found + len(squeeze(phrase))


def docx_text_in_order(content: bytes) -> str:
    """The Word file's text as it reads, its paragraphs and table cells in document order, white space aside."""
    parts = []
    for block in docx.Document(io.BytesIO(content)).iter_inner_content():
        if isinstance(block, Table):
            parts += [cell.text for row in block.rows for cell in row.cells]
        else:
            parts.append(block.text)
    return squeeze("".join(parts))


def form_data(values: dict, version: int = 0) -> dict:
    data = {name: value.strftime("%d/%m/") + str(value.year + 543) if isinstance(value, date) else value
            for name, value in values.items()}  # fmt: skip
    return {**data, "version": version}


@pytest.fixture
def circular(db):
    return f.circular()


@pytest.fixture
def report(personas, circular):
    return f.submitted(personas.district_officer, circular).report


def district_letter_lines(circular) -> list[str]:
    year = to_thai_digits(circular.fiscal_year)
    return [
        "ที่ อบ ๐๐๒๓.๑/๔๕๖",
        "ที่ว่าการอำเภอเมืองอุบลราชธานี",
        "ถนนสรรพสิทธิ์ อบ ๓๔๐๐๐",
        "๑๐ ธันวาคม ๒๕๖๙",
        "เรื่อง รายงานผลการดำเนินงานตามแนวทางการขับเคลื่อนการจัดทำและประสานแผนพัฒนาตำบล",
        "เรียน ผู้ว่าราชการจังหวัดอุบลราชธานี",
        "อ้างถึง " + CIRCULAR_CITED,
        f"สิ่งที่ส่งมาด้วย แบบรายงานผลการขับเคลื่อนการจัดทำและประสานแผนพัฒนาตำบล ประจำปีงบประมาณ พ.ศ. {year} จำนวน ๑ ชุด",
        "ตามหนังสือที่อ้างถึง จังหวัดอุบลราชธานีแจ้งแนวทางการขับเคลื่อนการจัดทำและประสานแผนพัฒนาตำบล "
        "และขอให้อำเภอรายงานผลการดำเนินงาน ปัญหา/อุปสรรค และข้อเสนอแนะให้จังหวัดทราบ "
        "ภายในวันที่ ๑๕ ธันวาคม ๒๕๖๙ ความละเอียดแจ้งแล้ว นั้น",
        "อำเภอเมืองอุบลราชธานีได้ดำเนินการตามหนังสือดังกล่าวแล้ว",
        "จึงเรียนมาเพื่อโปรดทราบ",
        "ขอแสดงความนับถือ",
        "(นายสมชาย ใจดี)",
        "พัฒนาการอำเภอเมืองอุบลราชธานี ปฏิบัติราชการแทน",
        "นายอำเภอเมืองอุบลราชธานี",
        "สำนักงานพัฒนาชุมชนอำเภอเมืองอุบลราชธานี",
        "โทร. ๐ ๔๕๒๔ ๔๕๒๑",
        "โทรสาร ๐ ๔๕๒๔ ๔๕๒๒",
        "ไปรษณีย์อิเล็กทรอนิกส์ mueang@cdd.go.th",
    ]


# ---------------------------------------------------------------- the district's letter


def test_the_district_letter_says_what_the_data_says(personas, report):
    services.report_letter_save(user=personas.district_officer, report=report, version=0, **DISTRICT_LETTER)
    client = personas.client_for(personas.district_officer)

    response = client.get(reverse("reports:letter_pdf", args=[report.pk]))

    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert text.startswith(squeeze("ด่วน"))  # ชั้นความเร็ว, above ที่
    in_order(text, district_letter_lines(report.circular))
    assert not any(digit in text.replace("mueang@cdd.go.th", "") for digit in "0123456789")


def test_the_district_letter_in_word_says_the_same(personas, report):
    services.report_letter_save(user=personas.district_officer, report=report, version=0, **DISTRICT_LETTER)
    client = personas.client_for(personas.province_officer)  # the province reads it too

    response = client.get(reverse("reports:letter_docx", args=[report.pk]))

    assert response.status_code == 200
    in_order(docx_text_in_order(response.content), district_letter_lines(report.circular))


def test_before_it_is_written_the_letter_leaves_number_and_date_to_write_by_hand(personas, report):
    text = pdf_text(
        personas.client_for(personas.district_officer)
        .get(reverse("reports:letter_pdf", args=[report.pk]))
        .content
    )

    in_order(text, ["ที่ ....", "ที่ว่าการอำเภอเมืองอุบลราชธานี", "....", "เรียน ผู้ว่าราชการจังหวัดอุบลราชธานี",
                    "อ้างถึง " + CIRCULAR_CITED, "(....", "นายอำเภอเมืองอุบลราชธานี"])  # fmt: skip


def test_the_district_writes_its_letter_on_its_page(personas, report):
    client = personas.client_for(personas.district_officer)
    page = client.get(reverse("reports:letter_edit", args=[report.pk])).content.decode()
    assert "ที่ว่าการอำเภอเมืองอุบลราชธานี" in page  # what the system knows is filled in

    data = form_data({**DISTRICT_LETTER, "number": "ที่ อบ 0023.1/456"})
    response = client.post(reverse("reports:letter_edit", args=[report.pk]), data)

    assert response.status_code == 302
    letter = ReportLetter.objects.get(report=report)
    assert letter.number == "อบ 0023.1/456"  # "ที่" typed in front is printed once, by the letter
    assert letter.issued_on == date(2026, 12, 10)
    detail = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert reverse("reports:letter_pdf", args=[report.pk]) in detail
    assert "ที่ อบ 0023.1/456" in detail


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"email": "mueang@cdd"}, "ไปรษณีย์อิเล็กทรอนิกส์ไม่ถูกต้อง"),
        ({"number": ""}, "กรุณากรอกเลขที่หนังสือ (ที่)"),
        ({"number": "ที่"}, "กรุณากรอกเลขที่หนังสือ (ที่)"),
        ({"issued_on": ""}, "กรุณากรอกวันที่ของหนังสือ (ลงวันที่)"),
        ({"phone": "โทรหาได้ทุกวัน"}, "หมายเลขไม่ถูกต้อง"),
        ({"signer_name": ""}, "กรุณากรอกชื่อผู้ลงนาม"),
    ],
)
def test_bad_input_is_refused_in_thai_and_nothing_is_written(personas, report, change, message):
    client = personas.client_for(personas.district_officer)

    response = client.post(
        reverse("reports:letter_edit", args=[report.pk]), {**form_data(DISTRICT_LETTER), **change}
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ReportLetter.objects.exists()


def test_a_letter_changed_by_someone_else_meanwhile_is_not_overwritten(personas, report):
    services.report_letter_save(user=personas.district_officer, report=report, version=0, **DISTRICT_LETTER)
    client = personas.client_for(personas.district_officer)

    stale = form_data({**DISTRICT_LETTER, "number": "อบ ๐๐๒๓.๑/๙๙๙"}, version=0)
    response = client.post(reverse("reports:letter_edit", args=[report.pk]), stale)

    assert response.status_code == 200
    assert "ถูกแก้ไขโดยผู้อื่น" in response.content.decode()
    assert ReportLetter.objects.get().number == "อบ ๐๐๒๓.๑/๔๕๖"


@pytest.mark.parametrize(
    ("persona", "read", "write"),
    [
        ("other_district_officer", 404, 404),
        ("outsider", 404, 404),
        ("tambon_officer", 404, 404),
        ("province_officer", 200, 403),
        ("viewer", 200, 403),
    ],
)
def test_only_the_district_writes_its_letter(personas, report, persona, read, write):
    client = personas.client_for(getattr(personas, persona))

    assert client.get(reverse("reports:letter_pdf", args=[report.pk])).status_code == read
    assert client.get(reverse("reports:letter_docx", args=[report.pk])).status_code == read
    assert (
        client.post(reverse("reports:letter_edit", args=[report.pk]), form_data(DISTRICT_LETTER)).status_code
        == write
    )
    assert not ReportLetter.objects.exists()


# ---------------------------------------------------------------- the province's letter


@pytest.fixture
def accepted(personas, report):
    return services.accept(user=personas.province_officer, report=report)


def province_letter_lines(circular) -> list[str]:
    year = to_thai_digits(circular.fiscal_year)
    subject = f"รายงานผลการขับเคลื่อนการจัดทำและประสานแผนพัฒนาตำบล ประจำปีงบประมาณ พ.ศ. {year}"
    return [
        "ที่ อบ ๐๐๑๙/๒๑๔๕",
        "ศาลากลางจังหวัดอุบลราชธานี",
        "ถนนแจ้งสนิท อบ ๓๕๐๐๐",
        "๒๘ ธันวาคม ๒๕๖๙",
        "เรื่อง " + subject,
        "เรียน อธิบดีกรมการพัฒนาชุมชน",
        "อ้างถึง หนังสือกรมการพัฒนาชุมชน ที่ มท ๐๔๑๐.๒/ว ๓๒๑ ลงวันที่ ๑ ตุลาคม ๒๕๖๙",
        f"สิ่งที่ส่งมาด้วย {subject} จังหวัดอุบลราชธานี จำนวน ๑ ชุด",
        f"ตามหนังสือที่อ้างถึง กรมการพัฒนาชุมชนขอให้จังหวัด{subject} ความละเอียดแจ้งแล้ว นั้น",
        f"จังหวัดอุบลราชธานีได้แจ้งให้อำเภอดำเนินการตาม{CIRCULAR_CITED}",
        "ที่จังหวัดรับรายงานแล้ว ๑ อำเภอ จากทั้งหมด ๒ อำเภอ",
        "จึงเรียนมาเพื่อโปรดทราบ",
        "ขอแสดงความนับถือ",
        "(นายพิสตา ประดา)",
        "พัฒนาการจังหวัด ปฏิบัติราชการแทน",
        "ผู้ว่าราชการจังหวัดอุบลราชธานี",
        "สำนักงานพัฒนาชุมชนจังหวัด",
        "กลุ่มงานยุทธศาสตร์การพัฒนาชุมชน",
        "โทร. ๐ ๔๕๓๔ ๕๖๒๘",
        "ไปรษณีย์อิเล็กทรอนิกส์ ubon@cdd.go.th",
        "สำเนาส่ง พัฒนาการอำเภอ ทุกอำเภอ",
    ]


def test_the_province_letter_says_what_the_data_says(personas, circular, accepted):
    client = personas.client_for(personas.province_officer)
    response = client.post(
        reverse("reports:consolidation_record", args=[circular.pk]), form_data(PROVINCE_LETTER)
    )
    assert response.status_code == 302

    pdf = client.get(reverse("reports:consolidation_letter_pdf", args=[circular.pk]))
    word = client.get(reverse("reports:consolidation_letter_docx", args=[circular.pk]))

    in_order(pdf_text(pdf.content), province_letter_lines(circular))
    in_order(docx_text_in_order(word.content), province_letter_lines(circular))
    page = client.get(reverse("reports:consolidation", args=[circular.pk])).content.decode()
    assert (
        "นางสาวสมศรี ใจดี" in page and reverse("reports:consolidation_letter_pdf", args=[circular.pk]) in page
    )


def test_the_consolidation_page_offers_the_record_with_what_the_circular_says(personas, circular):
    client = personas.client_for(personas.province_officer)

    page = client.get(reverse("reports:consolidation_record", args=[circular.pk])).content.decode()

    assert "ศาลากลางจังหวัดอุบลราชธานี" in page  # the circular's office, for the letter


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"reference_date": ""}, "ต้องมีทั้งเลขที่และวันที่"),
        ({"email": "ubon.cdd.go.th"}, "ไปรษณีย์อิเล็กทรอนิกส์ไม่ถูกต้อง"),
        ({"number": ""}, "กรุณากรอกเลขที่หนังสือ (ที่)"),
        ({"preparer_name": ""}, "กรุณากรอกชื่อผู้จัดทำรายงาน"),
        ({"prepared_on": "31/02/2569"}, ""),
    ],
)
def test_bad_consolidation_input_is_refused_in_thai_and_nothing_is_written(
    personas, circular, change, message
):
    client = personas.client_for(personas.province_officer)

    response = client.post(
        reverse("reports:consolidation_record", args=[circular.pk]), {**form_data(PROVINCE_LETTER), **change}
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'class="invalid-feedback' in response.content.decode()
    assert not ConsolidationRecord.objects.exists()


@pytest.mark.parametrize(
    ("persona", "read", "write"),
    [
        ("district_officer", 404, 404),
        ("other_district_officer", 404, 404),
        ("outsider", 404, 404),
        ("viewer", 200, 403),
    ],
)
def test_only_the_province_writes_its_letter(personas, circular, persona, read, write):
    client = personas.client_for(getattr(personas, persona))

    assert client.get(reverse("reports:consolidation_letter_pdf", args=[circular.pk])).status_code == read
    assert client.get(reverse("reports:consolidation_letter_docx", args=[circular.pk])).status_code == read
    url = reverse("reports:consolidation_record", args=[circular.pk])
    assert client.post(url, form_data(PROVINCE_LETTER)).status_code == write
    assert not ConsolidationRecord.objects.exists()


# ---------------------------------------------------------------- the reporter's title


def test_the_reporter_is_named_with_a_title(personas, circular):
    report = f.filled_report(personas.district_officer, circular, MUEANG)
    client = personas.client_for(personas.district_officer)
    data = {"revision": report.revision, "reporter_name": "สมศรี รายงานดี", "reporter_position": "พัฒนาการอำเภอ",
            "reporter_phone": "๐๔๕-๑๒๓๔๕๖"}  # fmt: skip
    for instruction in circular.instructions.all():
        data[f"status_{instruction.pk}"] = "done"

    refused = client.post(reverse("reports:edit", args=[report.pk]), data)
    typed_in_front = client.post(
        reverse("reports:edit", args=[report.pk]), {**data, "reporter_name": "นางสาวสมศรี รายงานดี"}
    )

    assert "กรุณากรอกคำนำหน้าชื่อผู้รายงาน" in refused.content.decode()
    assert typed_in_front.status_code == 302
    report.refresh_from_db()
    assert (report.reporter_title, report.reporter_name) == ("นางสาว", "สมศรี รายงานดี")
    text = pdf_text(client.get(reverse("reports:pdf", args=[report.pk])).content)
    assert squeeze("(นางสาวสมศรี รายงานดี)") in text
