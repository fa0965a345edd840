"""Word documents laid out like a Thai government letter: A4, margins 2.5 / 2 / 3 / 2 cm, TH SarabunPSK 16 pt.

Word draws Thai with the *complex script* properties of a run (`w:rFonts/@w:cs`, `w:szCs`, `w:bCs`), not
the ASCII ones, so every helper here sets both (`set_run_font`); a run added any other way shows Thai in
the default complex-script font and size.
"""

from collections.abc import Sequence
from io import BytesIO

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from tambonplan.documents.emblem import LETTER_HEIGHT_CM, emblem_image

# The font every Thai government PC has (the Cabinet's national fonts, 2553) and offices set letters in; where
# it is missing Word takes the font table's alternative, TH Sarabun New, before substituting another.
FONT_NAME = "TH SarabunPSK"
FONT_ALTERNATIVE = "TH Sarabun New"
FONT_SIZE_PT = 16
PAGE_WIDTH_CM, PAGE_HEIGHT_CM = 21.0, 29.7
MARGINS_CM = {"top": 2.5, "bottom": 2.0, "left": 3.0, "right": 2.0}
TEXT_WIDTH_CM = PAGE_WIDTH_CM - MARGINS_CM["left"] - MARGINS_CM["right"]
FIRST_LINE_INDENT_CM = 2.5
EMBLEM_TOP_CM = 1.5

# Children of w:rPr that python-docx has no property for, with the children that must follow them.
_RPR_ORDER = (
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
)
_SECTPR_AFTER_PGNUMTYPE = (
    "w:cols",
    "w:formProt",
    "w:vAlign",
    "w:noEndnote",
    "w:titlePg",
    "w:textDirection",
    "w:bidi",
    "w:rtlGutter",
    "w:docGrid",
    "w:printerSettings",
    "w:sectPrChange",
)
_TBLPR_AFTER_TBLIND = ("w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
                       "w:tblDescription")  # fmt: skip


def _set_child(parent, tag: str, successors: Sequence[str], **attrs: str):
    """The `tag` child of `parent` (created before the first of `successors` if missing), with `attrs`."""
    child = parent.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        following = next((e for e in parent if e.tag in {qn(s) for s in successors}), None)
        if following is None:
            parent.append(child)
        else:
            following.addprevious(child)
    for name, value in attrs.items():
        child.set(qn(f"w:{name}"), value)
    return child


def _set_rpr_font(rpr, *, font_name: str, size_pt: float | None) -> None:
    """Font name for ASCII, other Latin, East Asian and complex-script text (Thai), and the size for
    both Latin (`w:sz`) and complex script (`w:szCs`), in half-points."""
    fonts = rpr.get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        # A theme font overrides the named font: drop it.
        fonts.attrib.pop(qn(theme), None)
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{script}"), font_name)
    if size_pt is not None:
        half_points = str(round(size_pt * 2))
        _set_child(rpr, "w:sz", _RPR_ORDER[1:], val=half_points)
        _set_child(rpr, "w:szCs", _RPR_ORDER[2:], val=half_points)


def _set_on_off(rpr, tag: str, cs_tag: str, value: bool) -> None:
    """Bold or italic for Latin (`w:b`/`w:i`) and complex script (`w:bCs`/`w:iCs`) alike."""
    for name in (tag, cs_tag):
        element = getattr(rpr, f"get_or_add_{name}")()
        element.set(qn("w:val"), "1" if value else "0")


def set_run_font(
    run: Run,
    *,
    bold: bool | None = None,
    italic: bool | None = None,
    size_pt: float | None = FONT_SIZE_PT,
    font_name: str = FONT_NAME,
) -> Run:
    """The document font (TH SarabunPSK) at `size_pt` for Latin and Thai (complex script) text of the run;
    bold and italic for both when given."""
    rpr = run._r.get_or_add_rPr()
    _set_rpr_font(rpr, font_name=font_name, size_pt=size_pt)
    if bold is not None:
        _set_on_off(rpr, "b", "bCs", bold)
    if italic is not None:
        _set_on_off(rpr, "i", "iCs", italic)
    return run


def add_run(paragraph: Paragraph, text: str, *, bold: bool | None = None, **font) -> Run:
    """A run of `text` at the end of the paragraph, in the document font for Latin and Thai."""
    return set_run_font(paragraph.add_run(text), bold=bold, **font)


def _page_number_header(section) -> None:
    """ "- ๒ -" centred in the header from page 2 (the first page has its own, empty header)."""
    section.different_first_page_header_footer = True
    _set_child(section._sectPr, "w:pgNumType", _SECTPR_AFTER_PGNUMTYPE, fmt="thaiNumbers")
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_run(paragraph, "- ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    paragraph._p.append(field)
    number = Run(OxmlElement("w:r"), paragraph)
    field.append(number._r)
    number.text = "๒"
    set_run_font(number)
    add_run(paragraph, " -")


def _set_defaults(document: Document) -> None:
    """TH SarabunPSK 16 pt, Thai language for complex script, single spacing with no space after paragraphs,
    as the document defaults and in the Normal style."""
    styles = document.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_rpr_font(rpr, font_name=FONT_NAME, size_pt=FONT_SIZE_PT)
    _set_child(rpr, "w:lang", _RPR_ORDER[13:], val="th-TH", eastAsia="en-US", bidi="th-TH")
    normal = document.styles["Normal"]
    _set_rpr_font(normal.element.get_or_add_rPr(), font_name=FONT_NAME, size_pt=FONT_SIZE_PT)
    paragraph_format = normal.paragraph_format
    paragraph_format.space_before = Pt(0)
    paragraph_format.space_after = Pt(0)
    paragraph_format.line_spacing = 1.0
    ppr_default = styles.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = ppr_default.find(qn("w:spacing"))
    if spacing is not None:
        ppr_default.remove(spacing)


def _declare_font(document: Document) -> None:
    """The font table's entry for FONT_NAME: a Thai (charset DE), proportional sans font whose alternative
    name is FONT_ALTERNATIVE."""
    part = document.part.part_related_by(RT.FONT_TABLE)
    fonts = etree.fromstring(part.blob)
    font = OxmlElement("w:font")
    font.set(qn("w:name"), FONT_NAME)
    for tag, value in (("w:altName", FONT_ALTERNATIVE), ("w:charset", "DE"), ("w:family", "swiss")):
        _set_child(font, tag, (), val=value)
    _set_child(font, "w:pitch", (), val="variable")
    fonts.insert(0, font)
    part._blob = etree.tostring(fonts, xml_declaration=True, encoding="UTF-8", standalone=True)


def official_document() -> Document:
    """A new Word document: A4 portrait, margins top 2.5, bottom 2, left 3, right 2 cm, TH SarabunPSK 16 pt
    (Latin and Thai), page numbers in Thai digits at the top centre from page 2."""
    document = docx.Document()
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Cm(PAGE_WIDTH_CM), Cm(PAGE_HEIGHT_CM)
    section.top_margin = Cm(MARGINS_CM["top"])
    section.bottom_margin = Cm(MARGINS_CM["bottom"])
    section.left_margin = Cm(MARGINS_CM["left"])
    section.right_margin = Cm(MARGINS_CM["right"])
    section.header_distance = Cm(1.25)
    section.footer_distance = Cm(1.0)
    _set_defaults(document)
    _declare_font(document)
    _page_number_header(section)
    return document


def add_emblem(document: Document, height_cm: float = LETTER_HEIGHT_CM) -> Paragraph:
    """The emblem (ครุฑ) centred at the head of the document: 3 cm tall on หนังสือภายนอก and คำสั่ง, its top
    1.5 cm from the page's edge as in the PDF. It sits in the first page's header (the header distance is
    1.5 cm), so the text starts under it; an inline picture in the body would start at the 2.5 cm margin and
    push the whole page's text about 1 cm down (a one-page order onto two pages)."""
    data, _media_type = emblem_image()
    section = document.sections[0]
    section.header_distance = Cm(EMBLEM_TOP_CM)
    paragraph = section.first_page_header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = Cm(0)
    paragraph.add_run().add_picture(BytesIO(data), height=Cm(height_cm))
    return paragraph


def add_heading_center(document: Document, text: str, bold: bool = True) -> Paragraph:
    """A centred line (a document's title, "ที่ ...", "เรื่อง ...")."""
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_run(paragraph, text, bold=bold)
    return paragraph


def add_rule_center(document: Document, width_cm: float = 4.5) -> Paragraph:
    """A short centred line, as under the subject of an order or a letter."""
    paragraph = document.add_paragraph()
    borders = OxmlElement("w:pBdr")  # before any other paragraph property, as the schema orders them
    _set_child(borders, "w:bottom", (), val="single", sz="6", space="1", color="000000")
    paragraph._p.get_or_add_pPr().append(borders)
    side = (TEXT_WIDTH_CM - width_cm) / 2
    paragraph.paragraph_format.left_indent = Cm(side)
    paragraph.paragraph_format.right_indent = Cm(side)
    paragraph.paragraph_format.line_spacing = Pt(6)
    paragraph.paragraph_format.space_after = Pt(12)
    return paragraph


def add_body_paragraph(document: Document, text: str, indent_first_line: bool = True) -> Paragraph:
    """A paragraph of body text, left-aligned (Thai is not justified), its first line indented 2.5 cm."""
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    if indent_first_line:
        paragraph.paragraph_format.first_line_indent = Cm(FIRST_LINE_INDENT_CM)
    add_run(paragraph, text)
    return paragraph


def add_signature_block(document: Document, lines: list[str]) -> list[Paragraph]:
    """The signer's block in the right half of the page, each line centred in it: e.g. ["", "",
    "(นายสมชาย ใจดี)", "นายอำเภอเมืองอุบลราชธานี"] (blank lines leave room for the signature)."""
    paragraphs = []
    for line in lines:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.left_indent = Cm(TEXT_WIDTH_CM / 2)
        paragraph.paragraph_format.keep_with_next = True
        add_run(paragraph, line)
        paragraphs.append(paragraph)
    if paragraphs:
        paragraphs[-1].paragraph_format.keep_with_next = False
    return paragraphs


def _no_borders(table: Table) -> None:
    borders = _set_child(table._tbl.tblPr, "w:tblBorders", _TBLPR_AFTER_TBLIND[1:])
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _set_child(borders, f"w:{edge}", (), val="nil")


def _indent_table(table: Table, indent_cm: float) -> None:
    _set_child(
        table._tbl.tblPr, "w:tblInd", _TBLPR_AFTER_TBLIND, w=str(round(Cm(indent_cm).twips)), type="dxa"
    )


def add_table(
    document: Document,
    headers: Sequence[str] | None,
    rows: Sequence[Sequence[object]],
    widths_cm: Sequence[float],
    *,
    borders: bool = True,
    indent_cm: float = 0,
    alignments: Sequence[WD_ALIGN_PARAGRAPH | None] | None = None,
) -> Table:
    """A table with fixed column widths: a bold, centred header row that repeats on every page (none
    when `headers` is empty), then the rows as text; `borders=False` for a layout table (a list of
    members), `indent_cm` to start it at an indent, `alignments` per column."""
    header_rows = 1 if headers else 0
    table = document.add_table(rows=header_rows, cols=len(widths_cm))
    table.style = document.styles["Table Grid"] if borders else document.styles["Normal Table"]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    if not borders:
        _no_borders(table)
    if indent_cm:
        _indent_table(table, indent_cm)
    if headers:
        header = table.rows[0]
        header_pr = header._tr.get_or_add_trPr()
        header_pr.append(OxmlElement("w:tblHeader"))
        for cell, text in zip(header.cells, headers, strict=True):
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            add_run(paragraph, str(text), bold=True)
    for values in rows:
        cells = table.add_row().cells
        for index, (cell, value) in enumerate(zip(cells, values, strict=True)):
            paragraph = cell.paragraphs[0]
            if alignments and alignments[index] is not None:
                paragraph.alignment = alignments[index]
            add_run(paragraph, "" if value is None else str(value))
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)
    return table


def new_section(document: Document, *, landscape: bool, wide_margins_cm: tuple[float, float] = (2.5, 2.0)):
    """A section from a new page, landscape (with `wide_margins_cm` left and right) or portrait, its pages
    numbered on from the last."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.different_first_page_header_footer = False
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(PAGE_HEIGHT_CM), Cm(PAGE_WIDTH_CM)
        section.left_margin, section.right_margin = Cm(wide_margins_cm[0]), Cm(wide_margins_cm[1])
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(PAGE_WIDTH_CM), Cm(PAGE_HEIGHT_CM)
        section.left_margin, section.right_margin = Cm(MARGINS_CM["left"]), Cm(MARGINS_CM["right"])
    return section


def docx_bytes(document: Document) -> bytes:
    """The document as the bytes of a .docx file."""
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
