"""หนังสือภายนอก, the letter one office sends another, laid out as the Regulation on Correspondence
(ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ พ.ศ. ๒๕๒๖ and its amendments to ๒๕๖๔) sets it: ชั้นความเร็ว and
ชั้นความลับ, ครุฑ, ที่, the office and its address, date, เรื่อง, เรียน, อ้างถึง, สิ่งที่ส่งมาด้วย, the text, the
closing, ขอแสดงความนับถือ and the signer, then at the foot of the last page ส่วนราชการเจ้าของเรื่อง with โทร.,
โทรสาร and ไปรษณีย์อิเล็กทรอนิกส์, and สำเนาส่ง.

The province's circular and the cover letters of the district and provincial reports are all this letter: each
app builds a `LetterContent` (text in Thai digits), the PDF template includes `documents/letter.html` and the
Word file is `letter_docx`, so the two formats and the three letters are laid out alike.
"""

import base64
from dataclasses import dataclass, field
from io import BytesIO

from django.db import models
from django.utils.translation import gettext_lazy as _
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from tambonplan.documents import docx as word
from tambonplan.thai.digits import to_thai_digits

th = to_thai_digits
DOTS = "................................"
# ชั้นความเร็ว and ชั้นความลับ are stamped in red; ชั้นความเร็ว no smaller than 32 pt ("ตัวพิมพ์โป้ง").
STAMP_RED = RGBColor(0xCC, 0x00, 0x00)
URGENCY_PT = 32
SECRECY_PT = 24
SIGNATURE_INDENT_CM = 6.0


class Urgency(models.TextChoices):
    """ชั้นความเร็ว: top left of the first page, above "ที่"."""

    URGENT = "urgent", _("ด่วน")
    VERY_URGENT = "very_urgent", _("ด่วนมาก")
    MOST_URGENT = "most_urgent", _("ด่วนที่สุด")


class Secrecy(models.TextChoices):
    """ชั้นความลับ: top and bottom centre of every page."""

    CONFIDENTIAL = "confidential", _("ลับ")
    SECRET = "secret", _("ลับมาก")
    TOP_SECRET = "top_secret", _("ลับที่สุด")


@dataclass(frozen=True)
class LetterEnclosure:
    number: str  # "๑." ("" for the only enclosure of a cover letter)
    text: str  # "แนวทางปฏิบัติ... จำนวน ๑ ชุด"
    caption: str = ""  # "สิ่งที่ส่งมาด้วย ๑", under its QR code
    url: str = ""  # what the QR code holds ("" = no QR code)
    qr_png: bytes = b""

    @property
    def qr_data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.qr_png).decode("ascii")


@dataclass(frozen=True)
class LetterContent:
    """The text of a letter, in Thai digits; empty parts are left out."""

    number_line: str  # "ที่ อบ ๐๐๑๙/ว ๕๓๑"
    office_lines: list[str]
    date_line: str  # "๑๔ กุมภาพันธ์ ๒๕๖๖"
    subject: str
    addressee: str  # after "เรียน"
    paragraphs: list[str]  # the text, each paragraph's first line indented
    closing: str  # "จึงเรียนมาเพื่อโปรดทราบ"
    signer_name: str  # "(นายพิสตา ประดา)"
    signer_lines: list[str]
    references: list[str] = field(default_factory=list)  # after "อ้างถึง", numbered when more than one
    enclosures: list[LetterEnclosure] = field(default_factory=list)
    qr_caption: str = ""  # "คิวอาร์โค้ด สิ่งที่ส่งมาด้วย ๑-๓"
    contact_lines: list[str] = field(default_factory=list)
    copies: list[str] = field(default_factory=list)  # after "สำเนาส่ง"
    urgency: str = ""  # "ด่วนที่สุด"
    secrecy: str = ""  # "ลับ"

    @property
    def attachment_rows(self) -> list[tuple[str, str, str]]:
        """(label, number, text) rows of อ้างถึง and สิ่งที่ส่งมาด้วย, the label on the first of each."""
        rows = []
        for index, (number, text) in enumerate(numbered(self.references)):
            rows.append((str(_("อ้างถึง")) if index == 0 else "", number, text))
        for index, enclosure in enumerate(self.enclosures):
            rows.append((str(_("สิ่งที่ส่งมาด้วย")) if index == 0 else "", enclosure.number, enclosure.text))
        return rows

    @property
    def codes(self) -> list[LetterEnclosure]:
        """The enclosures with a QR code."""
        return [e for e in self.enclosures if e.qr_png]


def numbered(lines: list[str]) -> list[tuple[str, str]]:
    """(number, line) pairs: one line alone unnumbered, several as "๑.", "๒." ..."""
    if len(lines) == 1:
        return [("", lines[0])]
    return [(th(f"{n}."), line) for n, line in enumerate(lines, start=1)]


def contact_lines(office_lines: list[str], *, phone: str = "", fax: str = "", email: str = "") -> list[str]:
    """The contact block at the foot of a letter: ส่วนราชการเจ้าของเรื่อง, then โทร., โทรสาร and
    ไปรษณีย์อิเล็กทรอนิกส์ (the 2564 amendment) where given."""
    lines = [th(line) for line in office_lines]
    for label, value in ((_("โทร."), phone), (_("โทรสาร"), fax)):
        if value.strip():
            lines.append(th(f"{label} {value.strip()}"))
    if email.strip():
        lines.append(f"{_('ไปรษณีย์อิเล็กทรอนิกส์')} {email.strip()}")
    return lines


def signer_name_line(name: str) -> str:
    """ "(นายพิสตา ประดา)", or a dotted line for the name to be written by hand."""
    return th(f"({name.strip() or DOTS})")


# ---------------------------------------------------------------- Word


def _cell_lines(cell, lines: list[str]) -> None:
    for index, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        word.add_run(paragraph, line)


def _frame(paragraph, *, y_cm: float, centred: bool) -> None:
    """Take the paragraph out of the flow: a frame at `y_cm` from the page's top edge, at the left margin or
    centred, so a stamp above the emblem moves nothing."""
    frame = OxmlElement("w:framePr")
    frame.set(qn("w:wrap"), "around")
    frame.set(qn("w:vAnchor"), "page")
    frame.set(qn("w:hAnchor"), "margin")
    frame.set(qn("w:y"), str(round(Cm(y_cm).twips)))
    if centred:
        frame.set(qn("w:xAlign"), "center")
    else:
        frame.set(qn("w:x"), "0")
    paragraph._p.get_or_add_pPr().insert(0, frame)


def _stamp(paragraph, text: str, size_pt: float) -> None:
    run = word.add_run(paragraph, text, bold=True, size_pt=size_pt)
    run.font.color.rgb = STAMP_RED


def _add_stamps(document, letter: LetterContent) -> None:
    """ชั้นความลับ top and bottom centre of every page, ชั้นความเร็ว top left of the first page."""
    section = document.sections[0]
    if letter.secrecy:
        for header in (section.first_page_header, section.header):
            paragraph = header.paragraphs[0].insert_paragraph_before()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _frame(paragraph, y_cm=0.4, centred=True)
            _stamp(paragraph, letter.secrecy, SECRECY_PT)
        for footer in (section.first_page_footer, section.footer):
            paragraph = footer.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _stamp(paragraph, letter.secrecy, SECRECY_PT)
    if letter.urgency:
        paragraph = section.first_page_header.paragraphs[-1].insert_paragraph_before()  # before the emblem
        _frame(paragraph, y_cm=2.0, centred=False)
        _stamp(paragraph, letter.urgency, URGENCY_PT)


def letter_docx(letter: LetterContent) -> bytes:
    """The letter as an editable Word document, laid out as the PDF."""
    document = word.official_document()
    document.core_properties.title = f"{letter.number_line} {letter.subject}"
    word.add_emblem(document)
    _add_stamps(document, letter)
    # ที่ ... on the left; the issuing office and its address on the right.
    head = word.add_table(document, None, [("", "")], (8.0, 8.0), borders=False)
    _cell_lines(head.cell(0, 0), [letter.number_line])
    office_cell = head.cell(0, 1)
    for index, line in enumerate(letter.office_lines):
        paragraph = office_cell.paragraphs[0] if index == 0 else office_cell.add_paragraph()
        paragraph.paragraph_format.left_indent = Cm(2.0)
        word.add_run(paragraph, line)
    date = word.add_body_paragraph(document, letter.date_line, indent_first_line=False)
    date.paragraph_format.left_indent = Cm(word.TEXT_WIDTH_CM / 2)
    date.paragraph_format.space_before = Pt(12)
    date.paragraph_format.space_after = Pt(6)
    for label, text in ((_("เรื่อง"), letter.subject), (_("เรียน"), letter.addressee)):
        paragraph = word.add_body_paragraph(document, "", indent_first_line=False)
        paragraph.paragraph_format.left_indent = Cm(1.25)
        paragraph.paragraph_format.first_line_indent = Cm(-1.25)
        paragraph.paragraph_format.space_after = Pt(6)
        word.add_run(paragraph, str(label), bold=True)
        word.add_run(paragraph, f" {text}")
    rows = letter.attachment_rows
    if rows:
        alignments = (None, WD_ALIGN_PARAGRAPH.RIGHT, None)
        table = word.add_table(document, None, rows, (3.0, 0.75, 12.25), borders=False, alignments=alignments)
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        for row, (_label, number, text) in zip(table.rows, rows, strict=True):
            for run in row.cells[0].paragraphs[0].runs:
                word.set_run_font(run, bold=True)
            if not number:  # an unnumbered line starts where the numbers do
                merged = row.cells[1].merge(row.cells[2])
                for paragraph in merged.paragraphs:
                    paragraph._p.getparent().remove(paragraph._p)
                word.add_run(merged.add_paragraph(), text)
    for index, text in enumerate(letter.paragraphs):
        paragraph = word.add_body_paragraph(document, text)
        paragraph.paragraph_format.space_before = Pt(6 if index == 0 else 0)
    word.add_body_paragraph(document, letter.closing).paragraph_format.space_before = Pt(6)
    signature = [str(_("ขอแสดงความนับถือ")), "", "", letter.signer_name, *letter.signer_lines]
    paragraphs = word.add_signature_block(document, signature)
    paragraphs[0].paragraph_format.space_before = Pt(12)
    for paragraph in paragraphs:  # as in the PDF: from 6 cm, wide enough for "... ปฏิบัติราชการแทน"
        paragraph.paragraph_format.left_indent = Cm(SIGNATURE_INDENT_CM)
    codes = letter.codes
    if codes:
        table = word.add_table(document, None, [["" for _code in codes]], [3.5] * len(codes), borders=False)
        for cell, code in zip(table.rows[0].cells, codes, strict=True):
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run().add_picture(BytesIO(code.qr_png), width=Cm(2.8))
            caption = cell.add_paragraph()
            caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
            word.add_run(caption, code.caption, size_pt=12)
        word.add_body_paragraph(document, letter.qr_caption, indent_first_line=False)
    for index, line in enumerate(letter.contact_lines):
        paragraph = word.add_body_paragraph(document, line, indent_first_line=False)
        if index == 0:
            paragraph.paragraph_format.space_before = Pt(18)
    for index, line in enumerate(letter.copies):
        paragraph = word.add_body_paragraph(document, "", indent_first_line=False)
        if index == 0:
            paragraph.paragraph_format.space_before = Pt(12)
            word.add_run(paragraph, f"{_('สำเนาส่ง')} {line}")
        else:
            paragraph.paragraph_format.left_indent = Cm(1.6)
            word.add_run(paragraph, line)
    return word.docx_bytes(document)
