"""The district report (แบบรายงานผล) and the province's consolidated report, in PDF, Word and Excel.

PDF and Word are laid out from one plain structure each (`ReportDocument`, `ConsolidationDocument`) whose
text is in Thai digits, as official documents are, so both formats always say the same thing. The Excel
workbooks keep numbers as numbers and dates as dates, so they can be summed and sorted.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from tambonplan.directives.models import lines_of
from tambonplan.documents import docx as word
from tambonplan.documents.emblem import emblem_data_uri
from tambonplan.documents.letter import (
    LetterContent,
    LetterEnclosure,
    Urgency,
    contact_lines,
    signer_name_line,
)
from tambonplan.documents.pdf import render_pdf
from tambonplan.documents.xlsx import Sheet, build_xlsx
from tambonplan.maps.choropleth import ChoroplethMap
from tambonplan.reports.content import (
    BAHT,
    COUNT,
    FIGURES,
    KNOWN_FIGURES,
    PERSON,
    UNIT_LABELS,
    Figure,
    ReportContent,
    TambonLine,
    figure_text,
)
from tambonplan.reports.figures import LATE, ON_TIME
from tambonplan.reports.maps import reporting_map, workshop_map
from tambonplan.reports.models import ConsolidationRecord, DistrictReport, LetterFields, ReportLetter
from tambonplan.reports.selectors import DISTRICT_COLUMNS, Consolidation, DistrictItem
from tambonplan.reports.themes import Theme
from tambonplan.reports.timeliness import label as timeliness_label
from tambonplan.thai.dates import be_date_long, be_date_short
from tambonplan.thai.digits import to_thai_digits

th = to_thai_digits
DOTS = "........................................"
SIGN_DOTS = "..............................."


# ---------------------------------------------------------------- numbers as text and as cells


def _is_whole(value: Decimal) -> bool:
    return value == value.to_integral_value()


def number_text(value: Decimal | int, *, money: bool = False) -> str:
    """ "๑,๒๓๔,๕๖๗" (a whole number, or an amount with satang as "๑,๒๓๔.๕๐"), in Thai digits: the pages' rule
    (`content.figure_text`)."""
    return th(figure_text(value, BAHT if money else COUNT))


def amount_text(value: Decimal | int, unit: str) -> str:
    """The value with its unit where a reader needs one: "๑,๒๓๔,๕๖๗ บาท", "๔๕ คน", "๑๒"."""
    text = number_text(value, money=unit == BAHT)
    if unit in (BAHT, PERSON):
        return f"{text} {UNIT_LABELS[unit]}"
    return text


def cell_number(value: Decimal | int | None) -> Decimal | int | None:
    """A number for a worksheet cell: whole numbers as int, others as Decimal."""
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if _is_whole(value) else value


def _lines(text: str) -> list[str]:
    return [th(line.strip()) for line in text.splitlines() if line.strip()]


# ---------------------------------------------------------------- the district report's text


@dataclass(frozen=True)
class FigureLine:
    label: str
    value: str  # "๑,๒๓๔,๕๖๗ บาท*"
    mark: str  # "*" when the district corrected the computed figure


@dataclass(frozen=True)
class SectionBlock:
    title: str  # "ข้อ ๑ ให้อำเภอ..." or "ตัวเลขอื่นจากข้อมูลในระบบ"
    status: str  # "ผลการดำเนินงาน: ดำเนินการแล้ว"; "" for the other figures
    narrative: list[str]
    figures: list[FigureLine]
    notes: list[str]  # "* แก้จากที่ระบบคำนวณได้ ๑๐: เหตุผล"
    # The step calendar, under the section with the plans' completeness: [step, due, done/plans, status].
    steps: tuple[tuple[str, str, str, str], ...] = ()
    steps_note: str = ""


@dataclass(frozen=True)
class ReportDocument:
    """The text of a district report, with Thai digits."""

    title: str
    area_line: str  # "อำเภอเมืองอุบลราชธานี จังหวัดอุบลราชธานี"
    circular_line: str  # "ตามหนังสือจังหวัดอุบลราชธานี ที่ อบ ๐๐๑๙/ว ๕๓๑ ลงวันที่ ... เรื่อง ..."
    version_note: str  # "ฉบับส่งครั้งที่ ๒ วันที่ ๑๐ มีนาคม ๒๕๖๖", in the page's margin; "" for a draft
    sections: list[SectionBlock]
    class_headers: list[str]
    villages_header: str  # "หมู่บ้านที่ทบทวนแผน/ทั้งหมด" (in a version before issue 17: "...บูรณาการ...")
    has_approval: bool  # the tambon table's ก.บ.ต. approval column (not in versions before issue 17)
    tambon_rows: list[list[str]]
    tambon_total: list[str]
    problems: list[str]  # "๑. [งบประมาณ] ..."
    suggestions: list[str]  # "๑. [ด้าน] ... (เสนอต่อ จังหวัด)"
    reporter_lines: list[str]


def circular_citation(province_name: str, number: str, issued_on) -> str:
    """ "หนังสือจังหวัดอุบลราชธานี ที่ อบ ๐๐๑๙/ว ๕๓๑ ลงวันที่ ๑๔ กุมภาพันธ์ ๒๕๖๖", as a letter cites another."""
    text = _("หนังสือจังหวัด%(province)s ที่ %(number)s") % {"province": province_name, "number": number}
    if issued_on is not None:
        text += " " + _("ลงวันที่ %(date)s") % {"date": be_date_long(issued_on, thai_digits=True)}
    return th(text)


def version_note(number: int, submitted_at) -> str:
    """The margin note of a submitted version: "ฉบับส่งครั้งที่ ๒ วันที่ ๑๐ มีนาคม ๒๕๖๖"."""
    return th(
        _("ฉบับส่งครั้งที่ %(number)s วันที่ %(date)s")
        % {"number": number, "date": be_date_long(submitted_at, thai_digits=True)}
    )


def report_title(fiscal_year: int) -> str:
    return th(
        _("แบบรายงานผลการขับเคลื่อนการจัดทำและประสานแผนพัฒนาตำบล ประจำปีงบประมาณ พ.ศ. %(year)s")
        % {"year": fiscal_year}
    )


def _figure_lines(figures: list[Figure]) -> tuple[list[FigureLine], list[str]]:
    lines, notes = [], []
    for figure in figures:
        mark = ""
        if figure.is_overridden:
            mark = "*" * (len(notes) + 1)
            notes.append(
                _("%(mark)s %(label)s แก้จากที่ระบบคำนวณได้ %(computed)s: %(reason)s")
                % {
                    "mark": mark,
                    "label": figure.label,
                    "computed": amount_text(figure.computed, figure.unit),
                    "reason": th(" ".join(figure.reason.split())),
                }
            )
        lines.append(FigureLine(figure.label, amount_text(figure.value, figure.unit) + mark, mark))
    return lines, notes


def step_status(is_due: bool) -> str:
    return _("ถึงกำหนดแล้ว") if is_due else _("ยังไม่ถึงกำหนด")


def step_rows(content: ReportContent) -> tuple[tuple[str, str, str, str], ...]:
    """The step calendar as text: a step due after the report's due date is "ยังไม่ถึงกำหนด", not missing."""
    return tuple(
        (
            th(step.name),
            be_date_short(step.due_date, thai_digits=True) if step.due_date else _("ไม่ได้กำหนด"),
            f"{number_text(step.done)}/{number_text(step.total)}",
            step_status(step.is_due),
        )
        for step in content.steps
    )


def steps_note(content: ReportContent) -> str:
    if content.report_due is None:
        return _("ขั้นตอน: แผนที่ดำเนินการแล้ว/แผนที่มีขั้นตอนนั้น")
    return _(
        "ขั้นตอน: แผนที่ดำเนินการแล้ว/แผนที่มีขั้นตอนนั้น; ขั้นตอนที่กำหนดแล้วเสร็จหลังวันครบกำหนดรายงาน (%(date)s) "
        "ยังไม่ถึงกำหนด จึงไม่นับว่าค้าง"
    ) % {"date": be_date_long(content.report_due, thai_digits=True)}


def villages_header(content: ReportContent) -> str:
    if content.is_legacy:
        return _("หมู่บ้านที่บูรณาการ/ทั้งหมด")
    return _("หมู่บ้าน/ชุมชนที่ทบทวนแผน/ทั้งหมด")


def approval_text(line: TambonLine) -> str:
    """The tambon's ก.บ.ต. approval: its date, "(หลังกำหนด)" when late; else why there is none."""
    if line.approved_on is not None and line.approval in (ON_TIME, LATE):
        day = be_date_short(line.approved_on, thai_digits=True)
        return day if line.approval == ON_TIME else f"{day} ({line.approval_label})"
    return line.approval_label


def _section_blocks(content: ReportContent) -> list[SectionBlock]:
    blocks = []
    for section in content.sections:
        figures, notes = _figure_lines(section.figures)
        calendar = {}
        if content.steps and section.shows_step_calendar:
            calendar = {"steps": step_rows(content), "steps_note": steps_note(content)}
        if section.number:
            title = th(
                _("ข้อ %(number)s %(text)s")
                % {"number": section.number, "text": " ".join(section.text.split())}
            )
            status = _("ผลการดำเนินงาน: %(status)s") % {"status": section.status_label}
        else:
            title, status = _("ตัวเลขอื่นจากข้อมูลในระบบ"), ""
        blocks.append(SectionBlock(title, status, _lines(section.narrative), figures, notes, **calendar))
    return blocks


def _tambon_row(line: TambonLine, *, total: bool, approval: bool) -> list[str]:
    return [
        th(line.name),
        be_date_short(line.workshop_date, thai_digits=True) if line.workshop_date else ("" if total else "-"),
        f"{number_text(line.participants)} ({number_text(line.socho)})",
        f"{number_text(line.villages_counted)}/{number_text(line.villages)}",
        *([("" if total else approval_text(line))] if approval else []),
        number_text(line.projects),
        *(number_text(cell) for cell in line.class_cells),
        number_text(line.forwarded),
        number_text(line.funded_projects),
        number_text(line.funded_amount, money=True),
        "" if total else line.kbt_label,
        "" if total else line.socho_t_label,
    ]


def item_lines(items, *, suggestions: bool = False) -> list[str]:
    lines = []
    for number, item in enumerate(items, start=1):
        text = f"{number}. [{item.category_label}] {' '.join(item.text.split())}"
        if suggestions and item.addressed_to:
            text += " " + _("(เสนอต่อ %(to)s)") % {"to": item.addressed_to_label}
        lines.append(th(text))
    return lines


def reporter_lines(content: ReportContent) -> list[str]:
    reporter = content.reporter
    day = be_date_long(reporter.date, thai_digits=True) if reporter.date else DOTS
    return [
        _("ลงชื่อ %(dots)s ผู้รายงาน") % {"dots": SIGN_DOTS},
        th(f"({reporter.full_name or DOTS})"),
        th(_("ตำแหน่ง %(position)s") % {"position": reporter.position or DOTS}),
        th(_("โทร %(phone)s") % {"phone": reporter.phone or DOTS}),
        _("วันที่ %(date)s") % {"date": day},
    ]


def report_document(content: ReportContent, *, version_note: str = "") -> ReportDocument:
    citation = circular_citation(content.province_name, content.circular_number, content.circular_issued_on)
    approval = not content.is_legacy
    return ReportDocument(
        title=report_title(content.fiscal_year),
        area_line=th(
            _("อำเภอ%(district)s จังหวัด%(province)s")
            % {"district": content.district_name, "province": content.province_name}
        ),
        circular_line=th(
            _("ตาม%(citation)s เรื่อง %(subject)s")
            % {"citation": citation, "subject": content.circular_subject}
        ),
        version_note=version_note,
        sections=_section_blocks(content),
        class_headers=[th(header) for header in content.class_headers],
        villages_header=villages_header(content),
        has_approval=approval,
        tambon_rows=[_tambon_row(line, total=False, approval=approval) for line in content.tambons],
        tambon_total=_tambon_row(content.tambon_totals, total=True, approval=approval),
        problems=item_lines(content.problems),
        suggestions=item_lines(content.suggestions, suggestions=True),
        reporter_lines=reporter_lines(content),
    )


def report_pdf(content: ReportContent, *, version_note: str = "", draft: bool) -> bytes:
    """The district report as a Thai official report: A4, Sarabun, Thai digits, the per-tambon table on a
    landscape page; a draft has the "ร่าง" watermark, a submitted version its number in the margin."""
    document = report_document(content, version_note=version_note)
    return render_pdf("reports/report_document.html", {"r": document, "draft": draft})


# ---------------------------------------------------------------- Word, shared

TABLE_FONT_PT = 14
SMALL_FONT_PT = 12
WIDE_MARGINS_CM = (2.0, 1.5)  # left, right of a landscape page
WIDE_TEXT_WIDTH_CM = word.PAGE_HEIGHT_CM - sum(WIDE_MARGINS_CM)
CENTER, RIGHT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT


def _heading(document, text: str, *, space_before: float = 12):
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(space_before)
    paragraph.paragraph_format.keep_with_next = True
    word.add_run(paragraph, text, bold=True)
    return paragraph


def _plain(document, text: str, *, indent_cm: float = 0, size_pt: float = word.FONT_SIZE_PT, bold=None):
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.left_indent = Cm(indent_cm)
    word.add_run(paragraph, text, size_pt=size_pt, bold=bold)
    return paragraph


def _table(document, headers: Sequence[str], rows, widths, *, alignments=None, size_pt=TABLE_FONT_PT,
           bold_last=False, indent_cm: float = 0):  # fmt: skip
    table = word.add_table(document, headers, rows, widths, alignments=alignments, indent_cm=indent_cm)
    for index, row in enumerate(table.rows):
        bold = True if index == 0 or (bold_last and index == len(table.rows) - 1) else None
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    word.set_run_font(run, size_pt=size_pt, bold=bold)
    return table


def _margin_note(document, text: str) -> None:
    """A small note at the foot of every page, right-aligned (the version a print is of)."""
    section = document.sections[0]
    for footer in (section.first_page_footer, section.footer):
        paragraph = footer.paragraphs[0]
        paragraph.alignment = RIGHT
        word.add_run(paragraph, text, size_pt=SMALL_FONT_PT)


def _items(document, lines: list[str], empty: str) -> None:
    for line in lines or [empty]:
        paragraph = word.add_body_paragraph(document, line, indent_first_line=False)
        paragraph.paragraph_format.left_indent = Cm(1.25)


# ---------------------------------------------------------------- the district report in Word


def tambon_headers(class_headers: list[str], villages: str, approval: bool) -> list[str]:
    return [
        _("ตำบล"),
        _("วันที่จัดเวที"),
        _("ผู้เข้าร่วม (ศอช.)"),
        villages,
        *([_("ก.บ.ต. เห็นชอบแผน")] if approval else []),
        _("โครงการทั้งหมด"),
        *class_headers,
        _("ส่งต่อ"),
        _("ภาคีสนับสนุน (โครงการ)"),
        _("ภาคีสนับสนุน (บาท)"),
        _("ก.บ.ต."),
        _("ศอช.ต."),
    ]


def _tambon_widths(classes: int, approval: bool) -> list[float]:
    # date, participants, villages, [approval], projects, classes, forwarded, funded, baht, ก.บ.ต., ศอช.ต.
    if approval:
        fixed = [2.2, 1.8, 1.8, 2.4, 1.3, *([1.5] * classes), 1.3, 1.5, 2.9, 1.8, 1.8]
    else:
        fixed = [2.4, 2.0, 2.0, 1.3, *([1.8] * classes), 1.3, 1.7, 3.3, 2.0, 2.0]
    return [max(WIDE_TEXT_WIDTH_CM - sum(fixed), 2.5), *fixed]


def report_docx(content: ReportContent, *, version_note: str = "") -> bytes:
    """The district report as an editable Word document with the same text as the PDF."""
    r = report_document(content, version_note=version_note)
    document = word.official_document()
    document.core_properties.title = r.title
    if r.version_note:
        _margin_note(document, r.version_note)
    word.add_heading_center(document, r.title)
    word.add_heading_center(document, r.area_line)
    word.add_heading_center(document, r.circular_line, bold=False)
    word.add_rule_center(document)

    _heading(document, th(_("๑. ผลการดำเนินงานตามข้อสั่งการ")), space_before=0)
    for block in r.sections:
        _heading(document, block.title, space_before=6)
        if block.status:
            _plain(document, block.status, indent_cm=1.25)
        for line in block.narrative:
            word.add_body_paragraph(document, line)
        if block.figures:
            _table(
                document,
                [_("รายการ"), _("จำนวน")],
                [(f.label, f.value) for f in block.figures],
                (9.5, 5.25),
                alignments=(None, RIGHT),
                indent_cm=1.25,
            )
        for note in block.notes:
            _plain(document, note, indent_cm=1.25, size_pt=TABLE_FONT_PT)
        if block.steps:
            _plain(document, block.steps_note, indent_cm=1.25, size_pt=TABLE_FONT_PT)
            _table(
                document,
                [_("ขั้นตอน"), _("กำหนดแล้วเสร็จ"), _("ดำเนินการแล้ว"), _("ณ วันครบกำหนดรายงาน")],
                block.steps,
                (6.5, 2.8, 2.6, 3.0),
                alignments=(None, None, RIGHT, None),
                indent_cm=1.25,
            )

    word.new_section(document, landscape=True, wide_margins_cm=WIDE_MARGINS_CM)
    _heading(document, th(_("๒. ผลการดำเนินงานรายตำบล")), space_before=0)
    if r.tambon_rows:
        columns = len(r.tambon_total)
        _table(
            document,
            tambon_headers(r.class_headers, r.villages_header, r.has_approval),
            [*r.tambon_rows, r.tambon_total],
            _tambon_widths(len(r.class_headers), r.has_approval),
            alignments=(
                None,
                None,
                RIGHT,
                RIGHT,
                *([None] if r.has_approval else []),
                *([RIGHT] * (columns - (7 if r.has_approval else 6))),
                None,
                None,
            ),
            size_pt=SMALL_FONT_PT,
            bold_last=True,
        )
    else:
        _plain(document, _("ไม่มีตำบลในอำเภอ"))

    word.new_section(document, landscape=False)
    _heading(document, th(_("๓. ปัญหา/อุปสรรค")), space_before=0)
    _items(document, r.problems, _("ไม่มี"))
    _heading(document, th(_("๔. ข้อเสนอแนะ")))
    _items(document, r.suggestions, _("ไม่มี"))
    closing = word.add_signature_block(document, r.reporter_lines)
    closing[0].paragraph_format.space_before = Pt(24)
    return word.docx_bytes(document)


# ---------------------------------------------------------------- the district report in Excel


def report_xlsx(content: ReportContent) -> bytes:
    """The district report as a workbook: results per instruction (a row per figure), the tambon table,
    the problems, the suggestions and the reporter."""
    results = []
    for section in content.sections:
        number = section.number or _("ตัวเลขอื่นจากข้อมูลในระบบ")
        status = section.status_label if section.number else ""
        head = [number, section.text, status, section.narrative]
        if not section.figures:
            results.append([*head, None, None, None, None, None, None])
        for figure in section.figures:
            results.append(
                [
                    *head,
                    figure.label,
                    cell_number(figure.value),
                    str(UNIT_LABELS[figure.unit]),
                    cell_number(figure.computed),
                    cell_number(figure.override),
                    figure.reason,
                ]
            )

    approval = not content.is_legacy

    def tambon(line: TambonLine, total: bool) -> list:
        return [
            line.code,
            line.name,
            line.workshop_date,
            line.participants,
            line.socho,
            line.villages_counted,
            line.villages,
            *(["" if total else line.approval_label, line.approved_on] if approval else []),
            line.projects,
            *line.class_cells,
            line.forwarded,
            line.funded_projects,
            cell_number(line.funded_amount),
            "" if total else line.kbt_label,
            "" if total else line.socho_t_label,
        ]

    reporter = content.reporter
    sheets = [
        Sheet(
            _("ผลตามข้อสั่งการ"),
            [
                _("ข้อ"),
                _("ข้อสั่งการ"),
                _("ผล"),
                _("รายละเอียด"),
                _("ตัวเลข"),
                _("ค่า"),
                _("หน่วย"),
                _("คำนวณจากระบบ"),
                _("แก้เป็น"),
                _("เหตุผล"),
            ],  # fmt: skip
            results,
            (8, 40, 18, 50, 36, 14, 10, 14, 12, 40),
        ),
        Sheet(
            _("รายตำบล"),
            [
                _("รหัสตำบล"),
                _("ตำบล"),
                _("วันที่จัดเวที"),
                _("ผู้เข้าร่วม"),
                _("ศอช."),
                _("หมู่บ้านที่บูรณาการ") if content.is_legacy else _("หมู่บ้าน/ชุมชนที่ทบทวนแผนแล้ว"),
                _("หมู่บ้านทั้งหมด") if content.is_legacy else _("หมู่บ้าน/ชุมชนทั้งหมด"),
                *([_("ก.บ.ต. เห็นชอบแผน"), _("วันที่ ก.บ.ต. เห็นชอบ")] if approval else []),
                _("โครงการทั้งหมด"),
                *content.class_headers,
                _("ส่งต่อ"),
                _("ภาคีสนับสนุน (โครงการ)"),
                _("ภาคีสนับสนุน (บาท)"),
                _("ก.บ.ต."),
                _("ศอช.ต."),
            ],  # fmt: skip
            [*(tambon(line, False) for line in content.tambons), tambon(content.tambon_totals, True)],
            (
                10,
                20,
                14,
                10,
                8,
                10,
                10,
                *([14, 14] if approval else []),
                10,
                *([12] * len(content.class_headers)),
                8,
                12,
                16,
                14,
                14,
            ),  # fmt: skip
        ),
        *(
            [
                Sheet(
                    _("ขั้นตอนของแผน"),
                    [
                        _("ขั้นตอน"),
                        _("กำหนดแล้วเสร็จ"),
                        _("แผนที่ดำเนินการแล้ว"),
                        _("แผนที่มีขั้นตอนนี้"),
                        _("ณ วันครบกำหนดรายงาน"),
                    ],  # fmt: skip
                    [
                        [step.name, step.due_date, step.done, step.total, step_status(step.is_due)]
                        for step in content.steps
                    ],
                    (50, 16, 14, 14, 20),
                )
            ]
            if content.steps
            else []
        ),
        Sheet(
            _("ปัญหาอุปสรรค"),
            [_("ลำดับ"), _("ด้าน"), _("ปัญหา/อุปสรรค")],
            [[n, i.category_label, i.text] for n, i in enumerate(content.problems, start=1)],
            (8, 26, 90),
        ),
        Sheet(
            _("ข้อเสนอแนะ"),
            [_("ลำดับ"), _("ด้าน"), _("เสนอต่อ"), _("ข้อเสนอแนะ")],
            [
                [n, i.category_label, i.addressed_to_label, i.text]
                for n, i in enumerate(content.suggestions, 1)
            ],
            (8, 26, 20, 90),
        ),
        Sheet(
            _("ผู้รายงาน"),
            [_("รายการ"), _("ข้อมูล")],
            [
                [_("อำเภอ"), content.district_name],
                [_("จังหวัด"), content.province_name],
                [_("หนังสือจังหวัดที่"), content.circular_number],
                [_("เรื่อง"), content.circular_subject],
                [_("ปีงบประมาณ"), content.fiscal_year],
                [_("ชื่อผู้รายงาน"), reporter.full_name],
                [_("ตำแหน่ง"), reporter.position],
                [_("โทร"), reporter.phone],
                [_("วันที่รายงาน"), reporter.date],
            ],
            (20, 80),
        ),
    ]
    return build_xlsx(sheets)


# ---------------------------------------------------------------- the consolidated report's text


@dataclass(frozen=True)
class ThemeBlock:
    title: str  # "๑. งบประมาณไม่เพียงพอ"
    count: str  # "๓ รายการ"
    key_terms: str  # "คำสำคัญ: งบประมาณ, ไม่เพียงพอ"; "" for "อื่น ๆ"
    items: list[str]  # "อำเภอเมืองอุบลราชธานี: ..."


@dataclass(frozen=True)
class ConsolidationDocument:
    """The text of the province's consolidated report, with Thai digits."""

    title: str
    circular_line: str
    date_line: str  # "ณ วันที่ ๒๐ พฤษภาคม ๒๕๖๖"; "" until the province enters it
    rates: list[tuple[str, str]]
    coverage: str  # "รวมเฉพาะรายงานที่จังหวัดรับแล้ว ๓ อำเภอ จาก ๒๕ อำเภอ"
    totals: list[tuple[str, str]]
    district_headers: list[str]
    district_rows: list[list[str]]
    district_total: list[str]
    problem_themes: list[ThemeBlock]
    suggestion_themes: list[ThemeBlock]
    department_suggestions: list[str]
    signers: list[list[str]]  # the preparer's and the approver's blocks
    maps: list[ChoroplethMap] = field(default_factory=list)  # in the PDF: reporting state, workshops


def consolidation_subject(fiscal_year: int) -> str:
    return th(
        _("รายงานผลการขับเคลื่อนการจัดทำและประสานแผนพัฒนาตำบล ประจำปีงบประมาณ พ.ศ. %(year)s")
        % {"year": fiscal_year}
    )


def consolidation_title(consolidation: Consolidation) -> str:
    circular = consolidation.circular
    return th(
        _("%(subject)s จังหวัด%(province)s")
        % {"subject": consolidation_subject(circular.fiscal_year), "province": circular.province.name_th}
    )


def district_item_text(entry: DistrictItem) -> str:
    return th(
        _("อำเภอ%(district)s: %(text)s")
        % {"district": entry.district_name, "text": " ".join(entry.text.split())}
    )


def _theme_blocks(themes: list[Theme]) -> list[ThemeBlock]:
    return [
        ThemeBlock(
            title=th(f"{number}. {theme.label}"),
            count=th(_("%(count)s รายการ") % {"count": theme.count}),
            key_terms=_("คำสำคัญ: %(terms)s") % {"terms": ", ".join(theme.key_terms)}
            if theme.key_terms and not theme.is_other
            else "",
            items=[district_item_text(entry) for entry in theme.items],
        )
        for number, theme in enumerate(themes, start=1)
    ]


def figure_header(key: str) -> str:
    label, unit = KNOWN_FIGURES[key][1], KNOWN_FIGURES[key][2]
    return f"{label} ({UNIT_LABELS[unit]})" if unit == BAHT else str(label)


def _signer_block(role: str, name: str, position: str) -> list[str]:
    return [
        _("ลงชื่อ %(dots)s %(role)s") % {"dots": SIGN_DOTS, "role": role},
        th(f"({name or DOTS})"),
        th(_("ตำแหน่ง %(position)s") % {"position": position or DOTS}),
    ]


def consolidation_document(
    consolidation: Consolidation, record: ConsolidationRecord | None = None
) -> ConsolidationDocument:
    """The consolidated report's text; `record` (its date, preparer and approver) leaves dotted lines to be
    filled by hand where it is missing."""
    circular, rates = consolidation.circular, consolidation.rates
    record = record or ConsolidationRecord(circular=circular)
    citation = circular_citation(circular.province.name_th, circular.number, circular.issued_on)
    columns = [FIGURES[key][2] == BAHT for key in DISTRICT_COLUMNS]  # money or count, per column
    rows = [
        [
            th(row.district.name_th),
            be_date_short(row.version.submitted_at, thai_digits=True),
            timeliness_label(row.on_time),
            *(number_text(value, money=money) for value, money in zip(cells, columns, strict=True)),
        ]
        for row, cells in consolidation.district_rows
    ]
    return ConsolidationDocument(
        title=consolidation_title(consolidation),
        circular_line=th(
            _("ตาม%(citation)s เรื่อง %(subject)s") % {"citation": citation, "subject": circular.subject}
        ),
        date_line=_("ณ วันที่ %(date)s") % {"date": be_date_long(record.prepared_on, thai_digits=True)}
        if record.prepared_on
        else "",
        rates=[(label, number_text(value)) for _key, label, value in rates.figures],
        coverage=th(
            _("รวมเฉพาะรายงานที่จังหวัดรับแล้ว %(accepted)s อำเภอ จาก %(expected)s อำเภอ")
            % {"accepted": len(consolidation.rows), "expected": rates.expected}
        ),
        totals=[(t.label, amount_text(t.value, KNOWN_FIGURES[t.key][2])) for t in consolidation.totals],
        district_headers=[_("อำเภอ"), _("วันที่ส่ง"), _("ทันกำหนด/ล่าช้า"), *map(figure_header, DISTRICT_COLUMNS)],
        district_rows=rows,
        district_total=[
            _("รวม"),
            "",
            "",
            *(
                number_text(value, money=money)
                for value, money in zip(consolidation.column_totals, columns, strict=True)
            ),
        ],
        problem_themes=_theme_blocks(consolidation.problem_themes),
        suggestion_themes=_theme_blocks(consolidation.suggestion_themes),
        department_suggestions=[
            th(f"{n}. ") + district_item_text(entry)
            for n, entry in enumerate(consolidation.department_suggestions, start=1)
        ],
        signers=[
            _signer_block(_("ผู้จัดทำรายงาน"), record.preparer_name, record.preparer_position),
            _signer_block(_("ผู้รับรองรายงาน"), record.approver_name, record.approver_position),
        ],
    )


def consolidation_pdf(consolidation: Consolidation, record: ConsolidationRecord | None = None) -> bytes:
    """The province's consolidated report for the Department: A4, Sarabun, Thai digits, the district table
    on a landscape page, the preparer and the approver at its end."""
    document = replace(
        consolidation_document(consolidation, record),
        maps=[
            reporting_map(consolidation.rates, key="document-reporting"),
            workshop_map(consolidation.circular, consolidation.rates),
        ],
    )
    return render_pdf("reports/consolidation_document.html", {"c": document})


def _themes_docx(document, themes: list[ThemeBlock]) -> None:
    if not themes:
        _plain(document, _("ไม่มี"), indent_cm=1.25)
    for theme in themes:
        paragraph = _heading(document, f"{theme.title} ({theme.count})", space_before=6)
        paragraph.paragraph_format.left_indent = Cm(1.25)
        if theme.key_terms:
            _plain(document, theme.key_terms, indent_cm=1.25)
        for item in theme.items:
            paragraph = _plain(document, "– " + item, indent_cm=2.0)
            paragraph.paragraph_format.first_line_indent = Cm(-0.5)


def consolidation_docx(consolidation: Consolidation, record: ConsolidationRecord | None = None) -> bytes:
    """The consolidated report as an editable Word document with the same text as the PDF."""
    c = consolidation_document(consolidation, record)
    document = word.official_document()
    document.core_properties.title = c.title
    word.add_heading_center(document, c.title)
    word.add_heading_center(document, c.circular_line, bold=False)
    if c.date_line:
        word.add_heading_center(document, c.date_line, bold=False)
    word.add_rule_center(document)

    _heading(document, th(_("๑. การรายงานของอำเภอ")), space_before=0)
    _table(document, [_("รายการ"), _("จำนวน (อำเภอ)")], c.rates, (9.5, 5.25), alignments=(None, RIGHT),
           indent_cm=1.25)  # fmt: skip
    _plain(document, c.coverage, indent_cm=1.25).paragraph_format.space_before = Pt(6)

    _heading(document, th(_("๒. ผลรวมทั้งจังหวัด")))
    _table(document, [_("รายการ"), _("รวม")], c.totals, (9.5, 5.25), alignments=(None, RIGHT), indent_cm=1.25)

    word.new_section(document, landscape=True, wide_margins_cm=WIDE_MARGINS_CM)
    _heading(document, th(_("๓. ผลการดำเนินงานรายอำเภอ")), space_before=0)
    figures = len(DISTRICT_COLUMNS)
    share = (WIDE_TEXT_WIDTH_CM - 3.6 - 2.5 - 1.9 - 3.4) / (figures - 1)
    widths = (3.6, 2.5, 1.9, *([share] * (figures - 1)), 3.4)
    _table(
        document,
        c.district_headers,
        [*c.district_rows, c.district_total],
        widths,
        alignments=(None, None, None, *([RIGHT] * figures)),
        size_pt=SMALL_FONT_PT,
        bold_last=True,
    )

    word.new_section(document, landscape=False)
    _heading(document, th(_("๔. ปัญหา/อุปสรรค จำแนกตามประเด็น")), space_before=0)
    _themes_docx(document, c.problem_themes)
    _heading(document, th(_("๕. ข้อเสนอแนะ จำแนกตามประเด็น")))
    _themes_docx(document, c.suggestion_themes)
    _heading(document, th(_("๖. ข้อเสนอแนะต่อกรมการพัฒนาชุมชน")))
    _items(document, c.department_suggestions, _("ไม่มี"))
    _plain(document, "").paragraph_format.space_before = Pt(12)
    signers = word.add_table(document, None, [("", "")], (word.TEXT_WIDTH_CM / 2,) * 2, borders=False)
    for cell, block in zip(signers.rows[0].cells, c.signers, strict=True):
        for index, line in enumerate(block):
            paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            paragraph.alignment = CENTER
            paragraph.paragraph_format.keep_with_next = True
            word.add_run(paragraph, line)
    return word.docx_bytes(document)


def _theme_rows(themes: list[Theme], *, suggestions: bool = False) -> list[list]:
    rows = []
    for theme in themes:
        for entry in theme.items:
            item = entry.item
            extra = [item.addressed_to_label] if suggestions else []
            rows.append(
                [theme.label, theme.count, entry.district_name, item.category_label, *extra, item.text]
            )
    return rows


def consolidation_xlsx(consolidation: Consolidation) -> bytes:
    """The consolidated report as a workbook: the summary (rates and totals), a row per district with
    every figure and a total row, and the problems and suggestions by theme."""
    summary = [[label, value, _("อำเภอ")] for _key, label, value in consolidation.rates.figures]
    summary.append([_("รายงานที่รวมในผลรวม (จังหวัดรับแล้ว)"), len(consolidation.rows), _("อำเภอ")])
    summary += [
        [t.label, cell_number(t.value), str(UNIT_LABELS[KNOWN_FIGURES[t.key][2]])]
        for t in consolidation.totals
    ]
    keys = [t.key for t in consolidation.totals]
    districts = []
    for row in consolidation.rows:
        figures = row.content.figures
        districts.append(
            [
                row.district.code,
                row.district.name_th,
                row.version.submitted_at,
                timeliness_label(row.on_time),
                *(cell_number(figures[key].value) if key in figures else None for key in keys),
            ]
        )
    districts.append(["", _("รวม"), None, "", *(cell_number(t.value) for t in consolidation.totals)])
    theme_headers = [_("ประเด็น"), _("จำนวนรายการในประเด็น"), _("อำเภอ"), _("ด้าน")]
    sheets = [
        Sheet(_("สรุป"), [_("รายการ"), _("จำนวน"), _("หน่วย")], summary, (44, 16, 12)),
        Sheet(
            _("รายอำเภอ"),
            [_("รหัสอำเภอ"), _("อำเภอ"), _("วันที่ส่ง"), _("ทันกำหนด/ล่าช้า"), *map(figure_header, keys)],
            districts,
            (10, 22, 18, 14, *([14] * len(keys))),
        ),
        Sheet(
            _("ประเด็นปัญหา"),
            [*theme_headers, _("ปัญหา/อุปสรรค")],
            _theme_rows(consolidation.problem_themes),
            (30, 10, 22, 24, 90),
        ),
        Sheet(
            _("ประเด็นข้อเสนอแนะ"),
            [*theme_headers, _("เสนอต่อ"), _("ข้อเสนอแนะ")],
            _theme_rows(consolidation.suggestion_themes, suggestions=True),
            (30, 10, 22, 24, 20, 90),
        ),
    ]
    return build_xlsx(sheets)


# ---------------------------------------------------------------- the cover letters (หนังสือนำส่ง)


def _letter(letter: LetterFields, **parts) -> LetterContent:
    """A cover letter: what the office entered (number, date, office, signer, contact), with the parts its
    report gives; a number or date not entered yet is a dotted line, to be written by hand."""
    return LetterContent(
        number_line=th(_("ที่ %(number)s") % {"number": letter.number or DOTS}),
        office_lines=[th(line) for line in [letter.office_name, *lines_of(letter.office_address)] if line],
        date_line=be_date_long(letter.issued_on, thai_digits=True) if letter.issued_on else DOTS,
        closing=_("จึงเรียนมาเพื่อโปรดทราบ"),
        signer_name=signer_name_line(letter.signer_name),
        signer_lines=[th(line) for line in lines_of(letter.signer_position)],
        contact_lines=contact_lines(
            lines_of(letter.contact), phone=letter.phone, fax=letter.fax, email=letter.email
        ),
        copies=[th(line) for line in lines_of(letter.copy_to)],
        urgency=str(Urgency(letter.urgency).label) if letter.urgency else "",
        **parts,
    )


def report_letter_content(report: DistrictReport, letter: ReportLetter) -> LetterContent:
    """The district's letter to the governor that sends its report, citing the circular that asked for it."""
    circular, district = report.circular, report.district
    province = district.province.name_th
    due = ""
    if circular.report_due:
        due = " " + _("ภายในวันที่ %(date)s") % {"date": be_date_long(circular.report_due, thai_digits=True)}
    return _letter(
        letter,
        subject=th(_("รายงานผลการดำเนินงานตาม%(subject)s") % {"subject": circular.subject}),
        addressee=th(_("ผู้ว่าราชการจังหวัด%(province)s") % {"province": province}),
        references=[circular_citation(province, circular.number, circular.issued_on)],
        enclosures=[
            LetterEnclosure("", th(_("%(title)s จำนวน ๑ ชุด") % {"title": report_title(circular.fiscal_year)}))
        ],
        paragraphs=[
            th(
                _(
                    "ตามหนังสือที่อ้างถึง จังหวัด%(province)sแจ้ง%(subject)s และขอให้อำเภอรายงานผลการดำเนินงาน "
                    "ปัญหา/อุปสรรค และข้อเสนอแนะให้จังหวัดทราบ%(due)s ความละเอียดแจ้งแล้ว นั้น"
                )
                % {"province": province, "subject": circular.subject, "due": due}
            ),
            th(
                _(
                    "อำเภอ%(district)sได้ดำเนินการตามหนังสือดังกล่าวแล้ว จึงขอรายงานผลการดำเนินงาน ปัญหา/อุปสรรค "
                    "และข้อเสนอแนะ รายละเอียดปรากฏตามสิ่งที่ส่งมาด้วย"
                )
                % {"district": district.name_th}
            ),
        ],
    )


def consolidation_letter_content(consolidation: Consolidation, record: ConsolidationRecord) -> LetterContent:
    """The province's letter to the Director-General that sends its consolidated report, citing the
    Department's letter (if entered) and the province's circular to its districts."""
    circular = consolidation.circular
    province = circular.province.name_th
    subject = consolidation_subject(circular.fiscal_year)
    references, paragraphs = [], []
    if record.reference_number and record.reference_date:
        references.append(
            th(
                _("หนังสือกรมการพัฒนาชุมชน ที่ %(number)s ลงวันที่ %(date)s")
                % {"number": record.reference_number, "date": be_date_long(record.reference_date)}
            )
        )
        asked = _("ตามหนังสือที่อ้างถึง กรมการพัฒนาชุมชนขอให้จังหวัด%(subject)s ความละเอียดแจ้งแล้ว นั้น")
        paragraphs.append(th(asked % {"subject": subject}))
    paragraphs.append(
        th(
            _(
                "จังหวัด%(province)sได้แจ้งให้อำเภอดำเนินการตาม%(citation)s และได้รวบรวมผลการดำเนินงานของอำเภอ"
                "ที่จังหวัดรับรายงานแล้ว %(accepted)s อำเภอ จากทั้งหมด %(expected)s อำเภอ เรียบร้อยแล้ว "
                "จึงขอรายงานผลการดำเนินงาน ปัญหา/อุปสรรค และข้อเสนอแนะ รายละเอียดปรากฏตามสิ่งที่ส่งมาด้วย"
            )
            % {
                "province": province,
                "citation": circular_citation(province, circular.number, circular.issued_on),
                "accepted": len(consolidation.rows),
                "expected": consolidation.rates.expected,
            }
        )
    )
    return _letter(
        record,
        subject=subject,
        addressee=_("อธิบดีกรมการพัฒนาชุมชน"),
        references=references,
        enclosures=[
            LetterEnclosure("", th(_("%(title)s จำนวน ๑ ชุด") % {"title": consolidation_title(consolidation)}))
        ],
        paragraphs=paragraphs,
    )


def letter_pdf(letter: LetterContent) -> bytes:
    return render_pdf("reports/cover_letter_document.html", {"letter": letter, "emblem": emblem_data_uri()})
