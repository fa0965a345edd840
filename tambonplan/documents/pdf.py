"""PDF from a Django template through WeasyPrint, in Sarabun from the fontpkg-sarabun package set to TH
Sarabun New's size (`documents.metrics`), Thai digits.

Nothing is fetched, from the network or the disk: the fonts, a QR code and the emblem go into the document
as `data:` URIs (the calibrated font files; segno's `qr.png_data_uri()`; `documents.emblem`), and the
fetcher given to WeasyPrint refuses every other URL.
"""

import base64
from functools import cache, lru_cache
from pathlib import Path

import fontpkg_sarabun
import pydyf
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.draw import text as weasyprint_text
from weasyprint.text.fonts import FontConfiguration
from weasyprint.text.line_break import get_log_attrs
from weasyprint.urls import URLFetcher

from tambonplan.documents.metrics import calibrated_font
from tambonplan.thai.digits import digit_style
from tambonplan.thai.linebreak import KEEP_CLASS, marked_html, may_break_inside

FONT_DIR = Path(fontpkg_sarabun.__file__).resolve().parent / "files"
FONT_FAMILY = "Sarabun"
_FACES = (
    # file stem, font-weight, font-style
    ("Regular", "normal", "normal"),
    ("Bold", "bold", "normal"),
    ("Italic", "normal", "italic"),
    ("BoldItalic", "bold", "italic"),
)

# The text a reader copies, searches or indexes. WeasyPrint maps each glyph to the text of the first cluster
# it is drawn in (the font's ToUnicode map), and Thai breaks that one-glyph-one-text assumption: SARA AM
# (ำ) is shaped as NIKHAHIT + SARA AA, a tone mark before ำ becomes a contextual variant, and marks drawn at a
# negative offset make position-sorting extractors move a tone mark after the next consonant ("สิง่"). So
# every line WeasyPrint draws is wrapped in a marked-content span whose /ActualText is the line's own text
# (ISO 32000-1 §14.9.4): Acrobat, PDFium (Chrome), MuPDF and poppler (pdftotext) read that text instead of
# the glyphs, exactly as written. Text drawn in a fully transparent colour gets an empty ActualText: what a
# reader cannot see is not text to copy. The U+200B of a <wbr> (the break opportunities that
# `thai.linebreak` marks) is not drawn at all: it has no width, and it is not in the source text.
#
# The glyph seed below still matters to extractors that ignore ActualText (pypdf): drawing NIKHAHIT (U+0E4D)
# and SARA AA (U+0E32) alone, invisibly, in the regular and the bold face before any content maps them to
# themselves, so those read "คําสั่ง" (NFKC-equal to "คำสั่ง") rather than "คาสั่ง".
# Not "overflow: hidden": WeasyPrint would then draw the seed after the content.
_GLYPH_SEED_CSS = f"""
html::before, body::before {{
  content: "\\0E4D\\0E32"; display: block; height: 0; margin: 0; padding: 0; line-height: 0;
  font-family: "{FONT_FAMILY}"; font-size: 1pt; font-style: normal; color: transparent;
}}
html::before {{ font-weight: normal; }}
body::before {{ font-weight: bold; }}
"""

_draw_glyphs_of_line = weasyprint_text.draw_first_line
_BREAK_OPPORTUNITY = "wbr::before"  # the box of WeasyPrint's `wbr::before { content: "\\200B" }`


def _line_text(textbox) -> str:
    """The text of the line WeasyPrint is about to draw for the text box (its Pango layout's first line)."""
    line, _ = textbox.pango_layout.get_first_line()
    text = textbox.pango_layout.text.encode()
    return text[line.start_index : line.start_index + line.length].decode()


def _draw_line_with_actual_text(stream, textbox, text_overflow, block_ellipsis, matrix):
    """WeasyPrint's `draw_first_line` inside a /Span with the line's text as /ActualText."""
    if textbox.element_tag == _BREAK_OPPORTUNITY:
        return []  # nothing to see and nothing to copy; WeasyPrint's value: the emojis drawn
    actual_text = "" if textbox.style["color"].alpha == 0 else _line_text(textbox)
    stream.begin_marked_content("Span", pydyf.Dictionary({"ActualText": pydyf.String(actual_text)}))
    try:
        return _draw_glyphs_of_line(stream, textbox, text_overflow, block_ellipsis, matrix)
    finally:
        stream.end_marked_content()


weasyprint_text.draw_first_line = _draw_line_with_actual_text


@cache
def font_face_css() -> str:
    """The @font-face rules for Sarabun regular, bold, italic and bold italic: the package's files set to
    TH Sarabun New's size, as `data:` URIs."""
    rules = []
    for stem, weight, style in _FACES:
        data = base64.b64encode(calibrated_font(FONT_DIR / f"Sarabun-{stem}.ttf")).decode()
        rules.append(
            f'@font-face {{ font-family: "{FONT_FAMILY}"; font-weight: {weight}; font-style: {style}; '
            f'src: url("data:font/ttf;base64,{data}") format("truetype"); }}'
        )
    return "\n".join(rules)


# Thai line breaking (`thai.linebreak`): lines break at the <wbr> between two segments (WeasyPrint draws it as
# U+200B), and a segment that Pango would break inside is held whole by a nowrap span. Each <wbr> makes the
# segments separate text boxes, so Pango (libthai) sees a segment alone, as `_pango_breaks_inside` does;
# spans only where needed keep the layout cost low (the seed circular: 415 segments, about 100 spans).
_LINE_BREAK_CSS = f".{KEEP_CLASS} {{ white-space: nowrap; }}\n"


@lru_cache(maxsize=16384)
def _pango_breaks_inside(segment: str) -> bool:
    if not may_break_inside(segment):
        return False
    attributes = get_log_attrs(segment, "th")
    return any(attributes[index].is_line_break for index in range(1, len(segment)))


@cache
def base_css() -> str:
    """The stylesheet added to every document: the Sarabun faces, the glyph seed and Thai line breaking."""
    return font_face_css() + _GLYPH_SEED_CSS + _LINE_BREAK_CSS


class LocalOnlyFetcher(URLFetcher):
    """Fetches `data:` URLs only: no network and no file, whatever a template or the data in it refers to."""

    def __init__(self, **kwargs):
        super().__init__(allowed_protocols=("data",), allow_redirects=False, **kwargs)


def render_pdf(template_name: str, context: dict) -> bytes:
    """The template rendered to HTML with Thai digits (the `digits`, `num`, `be_date` ... filters give
    ๐–๙) and Thai line breaks marked (`thai.linebreak`), then laid out by WeasyPrint as a PDF in Sarabun."""
    with digit_style("thai"):
        html = render_to_string(template_name, context)
    return pdf_from_html(marked_html(html, _pango_breaks_inside))


def pdf_from_html(html: str) -> bytes:
    """WeasyPrint's layout of the HTML with the Sarabun faces, fetching nothing but them."""
    fetcher = LocalOnlyFetcher()
    font_config = FontConfiguration()
    fonts = CSS(string=base_css(), font_config=font_config, url_fetcher=fetcher)
    return HTML(string=html, url_fetcher=fetcher).write_pdf(stylesheets=[fonts], font_config=font_config)
