"""The district report and the province's consolidated report as PDF, Word and Excel: what a reader checks
(heading, district, figures in Thai digits, the tambon table and its total, problems, suggestions, reporter;
the district table's total row and the themes with their counts)."""

import io
from datetime import UTC, date, datetime
from decimal import Decimal

import docx
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tambonplan.areas.models import District, Province
from tambonplan.directives.models import Circular, ReportTopic
from tambonplan.reports.content import Figure, Item, ReportContent, Reporter, Section, TambonLine
from tambonplan.reports.documents import (
    consolidation_document,
    consolidation_docx,
    consolidation_pdf,
    consolidation_xlsx,
    report_docx,
    report_pdf,
    report_xlsx,
)
from tambonplan.reports.figures import StepLine
from tambonplan.reports.models import ConsolidationRecord, DistrictReport, ReportState, ReportVersion
from tambonplan.reports.selectors import (
    DISTRICT_COLUMNS,
    ConsolidatedRow,
    Consolidation,
    DistrictItem,
    RateRow,
    Rates,
    Total,
)
from tambonplan.reports.themes import Theme
from tambonplan.thai.digits import to_thai_digits
from tests.document_text import docx_text, pdf_text, pdf_text_as_copied, squeeze

NOTE = "ฉบับส่งครั้งที่ ๒ วันที่ ๑๐ มีนาคม ๒๕๖๖"
SUBJECT = "การขับเคลื่อนการจัดทำและประสานแผนพัฒนาตำบล ประจำปีงบประมาณ พ.ศ. ๒๕๖๖"
PROBLEMS = (
    "ผู้นำชุมชนบางส่วนยังไม่เข้าใจขั้นตอนการจัดทำแผนพัฒนาตำบลตามแนวทางใหม่",
    "งบประมาณสนับสนุนการจัดเวทีประชาคมไม่เพียงพอ",
)
SUGGESTIONS = (
    "ขอให้จังหวัดจัดอบรมทบทวนแนวทางการบูรณาการแผนให้ผู้นำชุมชน",
    "ขอให้กรมการพัฒนาชุมชนจัดสรรงบประมาณสนับสนุนเวทีประชาคมระดับตำบล",
)
REPORTER = "นางสาวพิมพ์ใจ ศรีสุข"
TITLE = "แบบรายงานผลการขับเคลื่อนการจัดทำและประสานแผนพัฒนาตำบล ประจำปีงบประมาณ พ.ศ. ๒๕๖๖"


def sheet_rows(content: bytes, title: str) -> list[tuple]:
    return list(load_workbook(io.BytesIO(content))[title].iter_rows(values_only=True))


def tambon(code, name, day, participants, socho, reviewed, villages, projects, classes, funded, amount, kbt,
           approved_on=None, approval="not_approved"):  # fmt: skip
    return TambonLine(
        code=code,
        name=name,
        workshop_date=day,
        participants=participants,
        socho=socho,
        villages_reviewed=reviewed,
        villages=villages,
        projects=projects,
        class_cells=classes,
        forwarded=classes[2],
        funded_projects=funded,
        funded_amount=Decimal(amount),
        kbt=kbt,
        socho_t="current",
        approval=approval,
        approved_on=approved_on,
    )


def district_content(
    district="เมืองอุบลราชธานี", code="3401", *, secured="1234567", plans="10"
) -> ReportContent:
    return ReportContent(
        circular_number="อบ ๐๐๑๙/ว ๕๓๑",
        circular_subject=SUBJECT,
        fiscal_year=2566,
        report_due=date(2023, 3, 15),
        province_code="34",
        province_name="อุบลราชธานี",
        district_code=code,
        district_name=district,
        sections=[
            Section(
                number=1,
                text="ให้อำเภอขับเคลื่อนการจัดทำแผนพัฒนาตำบลให้ครบทุกตำบล",
                topic=ReportTopic.PLANS,
                status="done",
                narrative="อำเภอจัดประชุมชี้แจงทีมสนับสนุนระดับตำบล\nทุกตำบลจัดทำแผนแล้วเสร็จ",
                figures=[
                    Figure("tambons", Decimal(12)),
                    Figure("plans", Decimal(11), Decimal(plans), "ตำบลหัวเรือส่งแผนฉบับกระดาษ ยังไม่บันทึกในระบบ"),
                    Figure("plans_approved_on_time", Decimal(8)),
                    Figure("plans_approved_late", Decimal(1)),
                    Figure("villages_reviewed", Decimal(15)),
                    Figure("plans_complete", Decimal(9)),
                    Figure("steps_not_yet_due", Decimal(36)),
                ],
                instruction_id=1,
            ),
            Section(
                number=2,
                text="ให้อำเภอประสานภาคีการพัฒนาสนับสนุนโครงการตามแผน",
                topic=ReportTopic.PARTNERS,
                status="in_progress",
                narrative="ประสานองค์การบริหารส่วนตำบลและภาคเอกชน",
                figures=[
                    Figure("funded_projects", Decimal(7)),
                    Figure("secured_amount", Decimal(secured)),
                ],
                instruction_id=2,
            ),
            Section(
                number=3,
                text="ให้อำเภอรายงานผลการดำเนินงานต่อจังหวัด",
                topic="",
                status="done",
                narrative="",
                instruction_id=3,
            ),
            Section(
                0,
                "ตัวเลขอื่นจากข้อมูลในระบบ",
                "",
                "not_started",
                "",
                [Figure("workshop_tambons", Decimal(8)), Figure("workshop_participants", Decimal(415))],
            ),
        ],
        class_headers=["ชุมชนดำเนินการเอง", "ดำเนินการร่วม", "ขอรับการสนับสนุน"],
        tambons=[
            tambon(
                "340104",
                "หัวเรือ",
                date(2023, 1, 20),
                45,
                12,
                8,
                10,
                14,
                [6, 5, 3],
                2,
                "250000",
                "current",
                date(2023, 2, 20),
                "on_time",
            ),
            tambon(
                "340105",
                "หนองขอน",
                date(2023, 2, 3),
                38,
                9,
                7,
                11,
                11,
                [4, 3, 4],
                1,
                "84500.50",
                "missing",
                date(2023, 3, 6),
                "late",
            ),
        ],  # fmt: skip
        steps=[
            StepLine("ก.บ.ต. ให้ความเห็นชอบแผนพัฒนาตำบล", date(2023, 2, 28), 2, 2, True),
            StepLine("ติดตามผล", date(2023, 8, 31), 0, 2, False),
        ],
        problems=[Item("problem", "knowledge", PROBLEMS[0]), Item("problem", "budget", PROBLEMS[1])],
        suggestions=[
            Item("suggestion", "knowledge", SUGGESTIONS[0], "province"),
            Item("suggestion", "budget", SUGGESTIONS[1], "department"),
        ],
        reporter=Reporter(
            "พิมพ์ใจ ศรีสุข", "พัฒนาการอำเภอเมืองอุบลราชธานี", "๐๔๕-๒๔๔๕๒๑", date(2023, 3, 10), "นางสาว"
        ),
        circular_issued_on=date(2023, 2, 14),
    )


@pytest.fixture
def content() -> ReportContent:
    return district_content()


# ---------------------------------------------------------------- the district report


def test_report_pdf_text(content):
    text = pdf_text(report_pdf(content, version_note=NOTE, draft=False))
    for words in (
        TITLE,
        "อำเภอเมืองอุบลราชธานี จังหวัดอุบลราชธานี",
        "ตามหนังสือจังหวัดอุบลราชธานี ที่ อบ ๐๐๑๙/ว ๕๓๑ ลงวันที่ ๑๔ กุมภาพันธ์ ๒๕๖๖ เรื่อง " + SUBJECT,
        NOTE,
        "ผลการดำเนินงานตามข้อสั่งการ",
        "ข้อ ๑ ให้อำเภอขับเคลื่อนการจัดทำแผนพัฒนาตำบลให้ครบทุกตำบล",
        "ผลการดำเนินงาน: ดำเนินการแล้ว",
        "๑,๒๓๔,๕๖๗ บาท",
        "๔๑๕ คน",
        "ตำบลที่เปิดแผนในระบบ ๑๐*",
        "แผนที่ ก.บ.ต. ให้ความเห็นชอบภายในกำหนด ๘",
        "แผนที่ ก.บ.ต. ให้ความเห็นชอบหลังกำหนด ๑",
        "หมู่บ้าน/ชุมชนที่ทบทวนแผนแล้ว ๑๕",
        "ตำบลที่ดำเนินการครบทุกขั้นตอนที่ถึงกำหนด ณ วันครบกำหนดรายงาน ๙",
        # The step calendar: follow-up is due after the report date, "not yet due", not missing.
        "ติดตามผล ๓๑ ส.ค. ๖๖ ๐/๒ ยังไม่ถึงกำหนด",
        "ก.บ.ต. ให้ความเห็นชอบแผนพัฒนาตำบล ๒๘ ก.พ. ๖๖ ๒/๒ ถึงกำหนดแล้ว",
        "ก.บ.ต. เห็นชอบแผน",
        "หมู่บ้าน/ชุมชนที่ทบทวนแผน/ทั้งหมด",
        "๒๐ ก.พ. ๖๖",  # Hua Ruea's approval, on time
        "๖ มี.ค. ๖๖ (หลังกำหนด)",  # Nong Khon's, late
        "แก้จากที่ระบบคำนวณได้ ๑๑: ตำบลหัวเรือส่งแผนฉบับกระดาษ",
        "ตัวเลขอื่นจากข้อมูลในระบบ",
        "ผลการดำเนินงานรายตำบล",
        "หัวเรือ",
        "หนองขอน",
        "๒๐ ม.ค. ๖๖",
        "๔๕ (๑๒)",
        "๘/๑๐",
        "๓๓๔,๕๐๐.๕๐",  # funded amount total: 250,000 + 84,500.50
        "๘๓ (๒๑)",  # participants total
        "๑. [ความรู้ความเข้าใจ/บุคลากร] " + PROBLEMS[0],
        "๒. [งบประมาณ] " + PROBLEMS[1],
        "(เสนอต่อ กรมการพัฒนาชุมชน)",
        SUGGESTIONS[0],
        f"({REPORTER})",
        "ผู้รายงาน",
        "๐๔๕-๒๔๔๕๒๑",
        "๑๐ มีนาคม ๒๕๖๖",
    ):
        assert squeeze(words) in text, words
    assert not any(digit in text for digit in "0123456789")


def test_report_pdf_pages_and_draft_watermark(content):
    final = PdfReader(io.BytesIO(report_pdf(content, version_note=NOTE, draft=False)))
    draft = PdfReader(io.BytesIO(report_pdf(content, version_note=NOTE, draft=True)))
    # The tambon table is on a landscape page of its own; the others are portrait.
    shapes = [page.mediabox.width > page.mediabox.height for page in final.pages]
    assert True in shapes and shapes[0] is False and shapes[-1] is False
    # The draft's "ร่าง" watermark is drawn behind the text (outlines, not text): the page draws more and
    # reads the same.
    assert len(draft.pages[0].get_contents().get_data()) > len(final.pages[0].get_contents().get_data())
    assert squeeze(draft.pages[0].extract_text()) == squeeze(final.pages[0].extract_text())


def test_report_docx_text(content):
    text = docx_text(report_docx(content, version_note=NOTE))
    for words in (
        TITLE,
        "อำเภอเมืองอุบลราชธานี จังหวัดอุบลราชธานี",
        "ตามหนังสือจังหวัดอุบลราชธานี ที่ อบ ๐๐๑๙/ว ๕๓๑ ลงวันที่ ๑๔ กุมภาพันธ์ ๒๕๖๖",
        "๑,๒๓๔,๕๖๗ บาท",
        "๑๐*",
        "แก้จากที่ระบบคำนวณได้ ๑๑",
        "หัวเรือ",
        "๓๓๔,๕๐๐.๕๐",
        PROBLEMS[0],
        PROBLEMS[1],
        SUGGESTIONS[1],
        f"({REPORTER})",
    ):
        assert squeeze(words) in text, words
    # The version's note is in the footer of every page, not under the title.
    section = docx.Document(io.BytesIO(report_docx(content, version_note=NOTE))).sections[0]
    assert [section.first_page_footer.paragraphs[0].text, section.footer.paragraphs[0].text] == [NOTE, NOTE]
    assert squeeze(NOTE) not in text


def test_report_xlsx_numbers_are_numbers(content):
    workbook = report_xlsx(content)
    results = sheet_rows(workbook, "ผลตามข้อสั่งการ")
    assert results[0][:4] == ("ข้อ", "ข้อสั่งการ", "ผล", "รายละเอียด")
    by_label = {row[4]: row for row in results[1:] if row[4]}
    assert by_label["งบประมาณที่ได้รับการสนับสนุนแล้ว"][5] == 1234567
    plans = by_label["ตำบลที่เปิดแผนในระบบ"]
    assert plans[5:] == (10, "แห่ง/ครั้ง", 11, 10, "ตำบลหัวเรือส่งแผนฉบับกระดาษ ยังไม่บันทึกในระบบ")
    assert any(row[0] == 3 and row[4] is None for row in results)  # a section without figures has a row
    tambons = sheet_rows(workbook, "รายตำบล")
    assert [row[1] for row in tambons[1:]] == ["หัวเรือ", "หนองขอน", "รวม"]
    total = tambons[-1]
    assert total[3:7] == (83, 21, 15, 21) and total[9] == 25
    assert tambons[0][5:9] == (
        "หมู่บ้าน/ชุมชนที่ทบทวนแผนแล้ว",
        "หมู่บ้าน/ชุมชนทั้งหมด",
        "ก.บ.ต. เห็นชอบแผน",
        "วันที่ ก.บ.ต. เห็นชอบ",
    )
    assert tambons[2][7:9] == ("หลังกำหนด", datetime(2023, 3, 6))
    steps = sheet_rows(workbook, "ขั้นตอนของแผน")
    assert steps[2] == ("ติดตามผล", datetime(2023, 8, 31), 0, 2, "ยังไม่ถึงกำหนด")
    assert total[-3] == Decimal("334500.5") and isinstance(total[3], int)
    problems = sheet_rows(workbook, "ปัญหาอุปสรรค")
    assert [row[2] for row in problems[1:]] == list(PROBLEMS)
    suggestions = sheet_rows(workbook, "ข้อเสนอแนะ")
    assert suggestions[2][2:] == ("กรมการพัฒนาชุมชน", SUGGESTIONS[1])
    reporter = dict(sheet_rows(workbook, "ผู้รายงาน")[1:])
    assert reporter["ชื่อผู้รายงาน"] == REPORTER
    assert reporter["ปีงบประมาณ"] == 2566


# ---------------------------------------------------------------- the consolidated report


@pytest.fixture
def consolidation(db) -> Consolidation:
    province = Province.objects.get(code="34")
    circular = Circular(
        province=province,
        number="อบ ๐๐๑๙/ว ๕๓๑",
        subject=SUBJECT,
        fiscal_year=2566,
        issued_on=date(2023, 2, 14),
        report_due=date(2023, 3, 15),
    )
    mueang, warin, det = (District.objects.get(code=code) for code in ("3401", "3415", "3402"))
    contents = {
        mueang: district_content(),
        warin: district_content(warin.name_th, warin.code, secured="500000.50", plans="7"),
    }
    rows, rate_rows = [], []
    for number, (district, content) in enumerate(contents.items()):
        report = DistrictReport(circular=circular, district=district, state=ReportState.ACCEPTED)
        version = ReportVersion(
            report=report,
            number=1,
            submitted_at=datetime(2023, 3, 10 + number * 10, 3, 0, tzinfo=UTC),
            on_time=number == 0,
            content={},
        )
        rows.append(ConsolidatedRow(district, version, content, number == 0))
        rate_rows.append(
            RateRow(district, report, 1, version.submitted_at, version.submitted_at, number == 0)
        )
    rate_rows.append(RateRow(det))
    sums: dict[str, Decimal] = {}
    for row in rows:
        for key, figure in row.content.figures.items():
            sums[key] = sums.get(key, Decimal(0)) + figure.value
    problems = [DistrictItem(row.district.name_th, item) for row in rows for item in row.content.problems]
    suggestions = [
        DistrictItem(row.district.name_th, item) for row in rows for item in row.content.suggestions
    ]
    budget = [entry for entry in problems if entry.item.category == "budget"]
    other = [entry for entry in problems if entry.item.category != "budget"]
    return Consolidation(
        circular=circular,
        rates=Rates(circular, rate_rows),
        rows=rows,
        totals=[Total(key, value) for key, value in sums.items()],
        problems=problems,
        suggestions=suggestions,
        problem_themes=[
            Theme("งบประมาณไม่เพียงพอ", ("งบประมาณ", "ไม่เพียงพอ"), 2, tuple(budget), tuple(budget)),
            Theme("อื่น ๆ", (), 2, tuple(other), tuple(other), is_other=True),
        ],
        suggestion_themes=[Theme("ผู้นำชุมชน", ("ผู้นำชุมชน",), 4, tuple(suggestions), tuple(suggestions[:3]))],
    )


def test_consolidation_total_row_is_the_sum_of_the_rows(consolidation):
    document = consolidation_document(consolidation)
    assert [row[0] for row in document.district_rows] == ["เมืองอุบลราชธานี", "วารินชำราบ"]
    assert document.district_rows[0][2] == "ทันกำหนด" and document.district_rows[1][2] == "ล่าช้า"
    secured = DISTRICT_COLUMNS.index("secured_amount") + 3
    assert document.district_rows[0][secured] == "๑,๒๓๔,๕๖๗"
    assert document.district_rows[1][secured] == "๕๐๐,๐๐๐.๕๐"
    assert document.district_total[secured] == "๑,๗๓๔,๕๖๗.๕๐"
    assert document.district_total[DISTRICT_COLUMNS.index("plans_complete") + 3] == "๑๘"
    assert document.coverage == "รวมเฉพาะรายงานที่จังหวัดรับแล้ว ๒ อำเภอ จาก ๓ อำเภอ"


def test_consolidation_pdf_text(consolidation):
    text = pdf_text(consolidation_pdf(consolidation))
    for words in (
        "รายงานผลการขับเคลื่อนการจัดทำและประสานแผนพัฒนาตำบล ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ จังหวัดอุบลราชธานี",
        "รวมเฉพาะรายงานที่จังหวัดรับแล้ว ๒ อำเภอ จาก ๓ อำเภอ",
        "ผลรวมทั้งจังหวัด",
        "๑,๗๓๔,๕๖๗.๕๐ บาท",
        "วารินชำราบ",
        "๑๐ มี.ค. ๖๖",
        "๑. งบประมาณไม่เพียงพอ (๒ รายการ)",
        "คำสำคัญ: งบประมาณ, ไม่เพียงพอ",
        "อำเภอเมืองอุบลราชธานี: " + PROBLEMS[1],
        "อำเภอวารินชำราบ: " + PROBLEMS[1],
        "ผู้นำชุมชน (๔ รายการ)",
        "อำเภอวารินชำราบ: " + SUGGESTIONS[0],  # every item, not only the examples
        "ข้อเสนอแนะต่อกรมการพัฒนาชุมชน",
    ):
        assert squeeze(words) in text, words
    assert not any(digit in text for digit in "0123456789")


def test_consolidation_docx_text(consolidation):
    text = docx_text(consolidation_docx(consolidation))
    for words in (
        "จังหวัดอุบลราชธานี",
        "๑,๗๓๔,๕๖๗.๕๐",
        "งบประมาณไม่เพียงพอ (๒ รายการ)",
        "อำเภอวารินชำราบ: " + PROBLEMS[1],
        "อำเภอวารินชำราบ: " + SUGGESTIONS[0],
        "ข้อเสนอแนะต่อกรมการพัฒนาชุมชน",
        "อำเภอเมืองอุบลราชธานี: " + SUGGESTIONS[1],
    ):
        assert squeeze(words) in text, words


def test_consolidation_xlsx(consolidation):
    workbook = consolidation_xlsx(consolidation)
    summary = {row[0]: row[1] for row in sheet_rows(workbook, "สรุป")[1:]}
    assert summary["อำเภอที่ต้องส่ง"] == 3
    assert summary["ยังไม่ส่ง"] == 1
    assert summary["งบประมาณที่ได้รับการสนับสนุนแล้ว"] == Decimal("1734567.5")
    districts = sheet_rows(workbook, "รายอำเภอ")
    header, body, total = districts[0], districts[1:-1], districts[-1]
    column = header.index("งบประมาณที่ได้รับการสนับสนุนแล้ว (บาท)")
    assert [row[column] for row in body] == [1234567, Decimal("500000.5")]
    assert total[1] == "รวม"
    for index in range(4, len(header)):
        assert total[index] == sum(row[index] for row in body), header[index]
    assert isinstance(body[0][2], datetime)
    problems = sheet_rows(workbook, "ประเด็นปัญหา")
    assert problems[1][:3] == ("งบประมาณไม่เพียงพอ", 2, "เมืองอุบลราชธานี")
    assert len(problems) == 1 + 4
    suggestions = sheet_rows(workbook, "ประเด็นข้อเสนอแนะ")
    assert len(suggestions) == 1 + 4 and suggestions[1][1] == 4


def test_arabic_digits_typed_by_the_district_print_in_thai(content):
    content.problems[0].text = "เวทีประชาคม 3 ตำบลเลื่อนออกไป"
    text = pdf_text(report_pdf(content, version_note=NOTE, draft=False))
    assert squeeze(to_thai_digits("เวทีประชาคม 3 ตำบลเลื่อนออกไป")) in text


def test_report_title_is_the_title_only_and_the_version_is_a_margin_note(content):
    pages = pdf_text_as_copied(report_pdf(content, version_note=NOTE, draft=False)).split("\f")[:-1]
    first = squeeze(pages[0])
    # The document opens with its title, the district and the circular it answers: no app status in between.
    assert first.startswith(squeeze(TITLE + "อำเภอเมืองอุบลราชธานี จังหวัดอุบลราชธานี ตามหนังสือจังหวัดอุบลราชธานี"))
    assert "สถานะ" not in first
    # Which submission the print is of, at the foot of every page (landscape too), after its content.
    for page in pages:
        assert squeeze(page).endswith(squeeze(NOTE)) or squeeze(NOTE) in squeeze(page)[-60:], page[-200:]


def test_reporter_signs_with_title_and_name(content):
    text = pdf_text(report_pdf(content, draft=False))
    assert squeeze("ลงชื่อ") in text and squeeze(f"({REPORTER})") in text
    assert squeeze(REPORTER) in docx_text(report_docx(content))


def test_consolidation_carries_its_date_preparer_and_approver(consolidation):
    record = ConsolidationRecord(
        circular=consolidation.circular,
        prepared_on=date(2023, 5, 25),
        preparer_name="นางสาวสมศรี ใจดี",
        preparer_position="นักวิชาการพัฒนาชุมชนชำนาญการ",
        approver_name="นายพิสตา ประดา",
        approver_position="พัฒนาการจังหวัดอุบลราชธานี",
    )
    expected = [
        "รายงานผลการขับเคลื่อนการจัดทำและประสานแผนพัฒนาตำบล ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ จังหวัดอุบลราชธานี",
        "ตามหนังสือจังหวัดอุบลราชธานี ที่ อบ ๐๐๑๙/ว ๕๓๑ ลงวันที่ ๑๔ กุมภาพันธ์ ๒๕๖๖ เรื่อง " + SUBJECT,
        "ณ วันที่ ๒๕ พฤษภาคม ๒๕๖๖",
    ]
    signers = [
        "ผู้จัดทำรายงาน",
        "(นางสาวสมศรี ใจดี)",
        "ตำแหน่ง นักวิชาการพัฒนาชุมชนชำนาญการ",
        "ผู้รับรองรายงาน",
        "(นายพิสตา ประดา)",
        "ตำแหน่ง พัฒนาการจังหวัดอุบลราชธานี",
    ]
    pdf = pdf_text(consolidation_pdf(consolidation, record))
    assert pdf.startswith(squeeze("".join(expected)))
    word = docx_text(consolidation_docx(consolidation, record))
    for words in expected + signers:
        assert squeeze(words) in pdf, words
        assert squeeze(words) in word, words


def test_consolidation_without_its_record_leaves_lines_to_fill_by_hand(consolidation):
    text = pdf_text(consolidation_pdf(consolidation))
    assert squeeze("ณ วันที่") not in text
    assert text.count(squeeze("ตำแหน่ง ................................")) == 2


def test_consolidation_pdf_has_the_reporting_and_workshop_maps_as_vector_figures(consolidation):
    content = consolidation_pdf(consolidation)
    text = pdf_text(content)

    for words in (
        "สถานะการรายงานของอำเภอ ตามหนังสือที่",
        "จังหวัดรับรายงานแล้ว (๒)",
        "ตำบลที่จัดประชุมเชิงปฏิบัติการแล้ว อุบลราชธานี",
        "ขอบเขตการปกครอง: กรมแผนที่ทหาร",
    ):
        assert squeeze(words) in text, words
    reader = PdfReader(io.BytesIO(content))
    images = sum(len(page.images) for page in reader.pages)
    assert images == 0  # the maps are drawn as paths, not pictures
