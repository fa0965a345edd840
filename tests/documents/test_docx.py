"""The Word helpers: A4 and the margins of a Thai government letter, TH SarabunPSK 16 pt for Latin and Thai
(complex script) on every run, the layout helpers."""

import io

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Cm
from lxml import etree

from tambonplan.documents.docx import (
    add_body_paragraph,
    add_heading_center,
    add_rule_center,
    add_signature_block,
    add_table,
    docx_bytes,
    official_document,
)


def reopen(document) -> docx.document.Document:
    return docx.Document(io.BytesIO(docx_bytes(document)))


def run_fonts(run) -> dict[str, str | None]:
    rpr = run._r.rPr
    fonts = rpr.find(qn("w:rFonts"))
    return {
        "ascii": fonts.get(qn("w:ascii")),
        "hAnsi": fonts.get(qn("w:hAnsi")),
        "eastAsia": fonts.get(qn("w:eastAsia")),
        "cs": fonts.get(qn("w:cs")),
        "sz": rpr.find(qn("w:sz")).get(qn("w:val")),
        "szCs": rpr.find(qn("w:szCs")).get(qn("w:val")),
    }


SARABUN_16 = {
    "ascii": "TH SarabunPSK",
    "hAnsi": "TH SarabunPSK",
    "eastAsia": "TH SarabunPSK",
    "cs": "TH SarabunPSK",
    "sz": "32",
    "szCs": "32",
}


def test_official_document_is_a4_with_letter_margins_and_sarabun_defaults():
    document = reopen(official_document())
    section = document.sections[0]

    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(margin.cm, 2) for margin in margins] == [2.5, 2.0, 3.0, 2.0]
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = defaults.find(qn("w:rFonts"))
    assert fonts.get(qn("w:cs")) == "TH SarabunPSK" and fonts.get(qn("w:asciiTheme")) is None
    assert defaults.find(qn("w:szCs")).get(qn("w:val")) == "32"
    assert defaults.find(qn("w:lang")).get(qn("w:bidi")) == "th-TH"


def test_font_table_names_th_sarabun_new_as_the_alternative():
    content = docx_bytes(official_document())
    document = docx.Document(io.BytesIO(content))
    fonts = etree.fromstring(document.part.part_related_by(RT.FONT_TABLE).blob)

    (entry,) = [font for font in fonts if font.get(qn("w:name")) == "TH SarabunPSK"]
    assert entry.find(qn("w:altName")).get(qn("w:val")) == "TH Sarabun New"
    assert entry.find(qn("w:charset")).get(qn("w:val")) == "DE"  # Thai


def test_page_numbers_in_thai_digits_from_page_two():
    section = reopen(official_document()).sections[0]

    assert section.different_first_page_header_footer is True
    assert section._sectPr.find(qn("w:pgNumType")).get(qn("w:fmt")) == "thaiNumbers"
    header = section.header.paragraphs[0]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert header._p.find(qn("w:fldSimple")).get(qn("w:instr")).strip() == "PAGE"
    assert section.first_page_header.paragraphs[0].text == ""


def test_heading_is_centred_and_bold_for_thai_too():
    document = official_document()
    add_heading_center(document, "คำสั่งอำเภอเมืองอุบลราชธานี")
    add_heading_center(document, "ที่ ๑๒/๒๕๖๖", bold=False)

    heading, number = reopen(document).paragraphs
    assert heading.text == "คำสั่งอำเภอเมืองอุบลราชธานี"
    assert heading.alignment == WD_ALIGN_PARAGRAPH.CENTER
    (run,) = heading.runs
    assert run_fonts(run) == SARABUN_16
    assert run.bold is True
    assert run._r.rPr.find(qn("w:bCs")).get(qn("w:val")) == "1"
    assert number.runs[0].bold is False


def test_body_paragraph_is_left_aligned_with_a_first_line_indent():
    document = official_document()
    add_body_paragraph(document, "ตามระเบียบกระทรวงมหาดไทย ว่าด้วยการจัดทำแผน")
    add_body_paragraph(document, "ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป", indent_first_line=False)

    first, second = reopen(document).paragraphs
    assert first.text == "ตามระเบียบกระทรวงมหาดไทย ว่าด้วยการจัดทำแผน"
    assert first.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert round(first.paragraph_format.first_line_indent.cm, 2) == 2.5
    assert second.paragraph_format.first_line_indent is None
    assert run_fonts(first.runs[0]) == SARABUN_16


def test_signature_block_in_the_right_half_centred():
    document = official_document()
    add_signature_block(document, ["", "(นายวิชัย ปกครองดี)", "นายอำเภอเมืองอุบลราชธานี"])

    paragraphs = reopen(document).paragraphs
    assert [p.text for p in paragraphs] == ["", "(นายวิชัย ปกครองดี)", "นายอำเภอเมืองอุบลราชธานี"]
    for paragraph in paragraphs:
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert round(paragraph.paragraph_format.left_indent.cm, 2) == 8.0
    assert run_fonts(paragraphs[1].runs[0]) == SARABUN_16


def test_table_with_header_and_widths():
    document = official_document()
    add_table(document, ["ลำดับ", "ชื่อ"], [["๑", "นายสมชาย ใจดี"], ["๒", None]], [1.5, 8])

    (table,) = reopen(document).tables
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["ลำดับ", "ชื่อ"],
        ["๑", "นายสมชาย ใจดี"],
        ["๒", ""],
    ]
    assert table.rows[0].cells[0].paragraphs[0].runs[0].bold is True
    assert table._tbl.tblPr.find(qn("w:tblStyle")).get(qn("w:val")) == "TableGrid"
    assert [round(cell.width.cm, 1) for cell in table.rows[1].cells] == [1.5, 8.0]
    assert run_fonts(table.rows[1].cells[1].paragraphs[0].runs[0]) == SARABUN_16


def test_table_without_borders_or_header_and_indented():
    document = official_document()
    add_table(
        document, None, [["๑.", "นายสมชาย ใจดี", "ประธานกรรมการ"]], [1, 9, 5], borders=False, indent_cm=0.5
    )

    (table,) = reopen(document).tables
    assert len(table.rows) == 1
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {edge.get(qn("w:val")) for edge in borders} == {"nil"}
    assert table._tbl.tblPr.find(qn("w:tblInd")).get(qn("w:w")) == str(round(Cm(0.5).twips))
    children = [child.tag for child in table._tbl.tblPr]
    assert (
        children.index(qn("w:tblInd")) < children.index(qn("w:tblBorders")) < children.index(qn("w:tblLook"))
    )


def test_rule_is_a_short_centred_line():
    document = official_document()
    add_rule_center(document)

    (rule,) = reopen(document).paragraphs
    assert rule._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:val")) == "single"
    assert (
        round(rule.paragraph_format.left_indent.cm, 2)
        == round(rule.paragraph_format.right_indent.cm, 2)
        == 5.75
    )
