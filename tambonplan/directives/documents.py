"""The circular (หนังสือเวียน) as a Thai government letter, in PDF and Word.

Both formats are laid out from one `CircularContent`, so they say the same thing; every number in it is
in Thai digits. The QR codes lead to the enclosures' download pages (`base_url` + the page's path).
"""

import base64
from dataclasses import dataclass
from io import BytesIO

import segno
from django.urls import reverse
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from tambonplan.directives.models import Circular, lines_of, paragraphs_of
from tambonplan.documents import docx as word
from tambonplan.documents.emblem import emblem_data_uri
from tambonplan.documents.pdf import render_pdf
from tambonplan.thai.dates import be_date_long
from tambonplan.thai.digits import to_thai_digits

th = to_thai_digits


@dataclass(frozen=True)
class EnclosureLine:
    number: str  # "๑."
    text: str  # "แนวทางปฏิบัติ... จำนวน ๑ ชุด"
    caption: str  # "สิ่งที่ส่งมาด้วย ๑"
    url: str
    qr_png: bytes

    @property
    def qr_data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.qr_png).decode("ascii")


@dataclass(frozen=True)
class InstructionLine:
    number: str  # "๑."
    text: str


@dataclass(frozen=True)
class CircularContent:
    number_line: str  # "ที่ อบ ๐๐๑๙/ว ๕๓๑"
    office_lines: list[str]
    date_line: str  # "๑๔ กุมภาพันธ์ ๒๕๖๖"
    subject: str
    addressees: str
    enclosures: list[EnclosureLine]
    paragraphs: list[str]
    instructions: list[InstructionLine]
    closing: str
    signer_name: str  # "(นายพิสตา ประดา)"
    signer_lines: list[str]
    qr_caption: str  # "คิวอาร์โค้ด สิ่งที่ส่งมาด้วย ๑-๓"
    contact_lines: list[str]


def _qr_png(url: str) -> bytes:
    buffer = BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=6, border=2)
    return buffer.getvalue()


def _qr_caption(numbers: list[int]) -> str:
    if not numbers:
        return ""
    if len(numbers) == 1:
        return th(f"คิวอาร์โค้ด สิ่งที่ส่งมาด้วย {numbers[0]}")
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return th(f"คิวอาร์โค้ด สิ่งที่ส่งมาด้วย {numbers[0]}-{numbers[-1]}")
    return th("คิวอาร์โค้ด สิ่งที่ส่งมาด้วย " + ", ".join(str(n) for n in numbers))


def circular_content(circular: Circular, *, base_url: str) -> CircularContent:
    base = base_url.rstrip("/")
    enclosures = []
    for enclosure in circular.enclosures.all():
        url = base + reverse("directives:enclosure", args=[enclosure.token])
        enclosures.append(
            EnclosureLine(
                number=th(f"{enclosure.number}."),
                text=th(f"{enclosure.title} {enclosure.quantity}".strip()),
                caption=th(f"สิ่งที่ส่งมาด้วย {enclosure.number}"),
                url=url,
                qr_png=_qr_png(url),
            )
        )
    numbers = [e.number for e in circular.enclosures.all()]
    return CircularContent(
        number_line=th(f"ที่ {circular.number}"),
        office_lines=[
            th(line) for line in [circular.office_name, *lines_of(circular.office_address)] if line
        ],
        date_line=be_date_long(circular.issued_on, thai_digits=True),
        subject=th(circular.subject),
        addressees=th(circular.addressees),
        enclosures=enclosures,
        paragraphs=[th(p) for p in paragraphs_of(circular.body)],
        instructions=[
            InstructionLine(number=th(f"{i.number}."), text=th(" ".join(lines_of(i.text))))
            for i in circular.instructions.all()
        ],
        closing=th(circular.closing),
        signer_name=th(f"({circular.signer_name})") if circular.signer_name else "",
        signer_lines=[th(line) for line in lines_of(circular.signer_position)],
        qr_caption=_qr_caption(numbers),
        contact_lines=[th(line) for line in lines_of(circular.contact)],
    )


def circular_pdf(circular: Circular, *, base_url: str) -> bytes:
    content = circular_content(circular, base_url=base_url)
    return render_pdf("directives/circular_document.html", {"c": content, "emblem": emblem_data_uri()})


def _cell_lines(cell, lines: list[str], *, alignment=None, bold=False) -> None:
    for index, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        if alignment is not None:
            paragraph.alignment = alignment
        word.add_run(paragraph, line, bold=bold)


def circular_docx(circular: Circular, *, base_url: str) -> bytes:
    """The circular as an editable Word document."""
    c = circular_content(circular, base_url=base_url)
    document = word.official_document()
    word.add_emblem(document)
    # ที่ ... on the left; the issuing office and its address on the right.
    head = word.add_table(document, None, [("", "")], (8.0, 8.0), borders=False)
    _cell_lines(head.cell(0, 0), [c.number_line])
    office_cell = head.cell(0, 1)
    for index, line in enumerate(c.office_lines):
        paragraph = office_cell.paragraphs[0] if index == 0 else office_cell.add_paragraph()
        paragraph.paragraph_format.left_indent = Cm(2.0)
        word.add_run(paragraph, line)
    date = word.add_body_paragraph(document, c.date_line, indent_first_line=False)
    date.paragraph_format.left_indent = Cm(word.TEXT_WIDTH_CM / 2)
    date.paragraph_format.space_before = Pt(12)
    date.paragraph_format.space_after = Pt(6)
    for label, text in (("เรื่อง", c.subject), ("เรียน", c.addressees)):
        paragraph = word.add_body_paragraph(document, "", indent_first_line=False)
        paragraph.paragraph_format.left_indent = Cm(1.25)
        paragraph.paragraph_format.first_line_indent = Cm(-1.25)
        paragraph.paragraph_format.space_after = Pt(6)
        word.add_run(paragraph, label, bold=True)
        word.add_run(paragraph, f" {text}")
    if c.enclosures:
        rows = [("สิ่งที่ส่งมาด้วย" if i == 0 else "", e.number, e.text) for i, e in enumerate(c.enclosures)]
        table = word.add_table(
            document,
            None,
            rows,
            (3.0, 0.75, 12.25),
            borders=False,
            alignments=(None, WD_ALIGN_PARAGRAPH.RIGHT, None),
        )
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for index, text in enumerate(c.paragraphs):
        paragraph = word.add_body_paragraph(document, text)
        paragraph.paragraph_format.space_before = Pt(6 if index == 0 else 0)
    for instruction in c.instructions:
        word.add_body_paragraph(document, f"{instruction.number} {instruction.text}")
    word.add_body_paragraph(document, c.closing).paragraph_format.space_before = Pt(6)
    closing = word.add_signature_block(document, ["ขอแสดงความนับถือ", "", "", c.signer_name, *c.signer_lines])
    closing[0].paragraph_format.space_before = Pt(12)
    if c.enclosures:
        codes = word.add_table(document, None, [["" for _e in c.enclosures]], [3.5] * len(c.enclosures),
                               borders=False)  # fmt: skip
        for cell, enclosure in zip(codes.rows[0].cells, c.enclosures, strict=True):
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run().add_picture(BytesIO(enclosure.qr_png), width=Cm(2.8))
            caption = cell.add_paragraph()
            caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
            word.add_run(caption, enclosure.caption, size_pt=12)
        word.add_body_paragraph(document, c.qr_caption, indent_first_line=False)
    for index, line in enumerate(c.contact_lines):
        paragraph = word.add_body_paragraph(document, line, indent_first_line=False)
        if index == 0:
            paragraph.paragraph_format.space_before = Pt(18)
    return word.docx_bytes(document)
