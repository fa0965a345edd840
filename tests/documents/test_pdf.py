"""render_pdf and official_base.html: Sarabun embedded, Thai text and Thai digits that copy exactly as written,
page numbers from page 2, the draft watermark, Sarabun at TH Sarabun New's size, nothing fetched."""

import io
import re
import subprocess
from datetime import date

import pytest
from django.template.loader import render_to_string
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from tambonplan.documents.metrics import ko_height
from tambonplan.documents.pdf import FONT_DIR, LocalOnlyFetcher, pdf_from_html, render_pdf
from tambonplan.thai.digits import digit_style, get_digit_style
from tests.committees.test_documents import watermark_pixels
from tests.document_text import pdf_text_as_copied, squeeze

TEMPLATE = """{% extends "documents/official_base.html" %}
{% block content %}
<p class="heading">คำสั่งอำเภอทดสอบ</p>
<p class="indent">มีผู้เข้าร่วม {{ people|num }} คน งบประมาณ {{ budget|baht }} บาท เมื่อวันที่ {{ day|be_date }}</p>
{% for line in lines %}
<p class="indent">ย่อหน้าที่ {{ line|digits }} ผู้ใหญ่บ้าน กำนัน และพัฒนากรผู้รับผิดชอบตำบล</p>
{% endfor %}
{% endblock %}
"""


@pytest.fixture
def tiny_template(settings, tmp_path) -> str:
    (tmp_path / "documents_test").mkdir()
    (tmp_path / "documents_test" / "tiny.html").write_text(TEMPLATE, encoding="utf-8")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    return "documents_test/tiny.html"


def render(template: str, **context) -> bytes:
    context = {"people": 1234, "budget": 2500000, "day": date(2023, 2, 14), "lines": range(1, 4), **context}
    return render_pdf(template, context)


def page_texts(content: bytes) -> list[str]:
    """Each page's text as pdftotext copies it, lines as printed, without white space."""
    return [squeeze(page) for page in pdf_text_as_copied(content, layout=True).split("\f")[:-1]]


def test_thai_text_and_thai_digits(tiny_template):
    (text,) = page_texts(render(tiny_template))

    assert "คำสั่งอำเภอทดสอบ" in text
    assert "มีผู้เข้าร่วม๑,๒๓๔คน" in text
    assert "งบประมาณ๒,๕๐๐,๐๐๐บาท" in text
    assert "เมื่อวันที่๑๔กุมภาพันธ์๒๕๖๖" in text
    assert "ย่อหน้าที่๓ผู้ใหญ่บ้านกำนัน" in text
    assert not any(digit in text for digit in "0123456789")
    assert get_digit_style() == "arabic"  # the Thai digit style ends with the rendering


def test_a4_with_sarabun_embedded(tiny_template):
    page = PdfReader(io.BytesIO(render(tiny_template))).pages[0]

    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    fonts = {font.get_object()["/BaseFont"] for font in page["/Resources"]["/Font"].values()}
    assert fonts and all("Sarabun" in name for name in fonts)
    assert any("Bold" in name for name in fonts)


def test_page_numbers_in_thai_digits_from_page_two(tiny_template):
    texts = page_texts(render(tiny_template, lines=range(1, 80)))

    assert len(texts) >= 3
    assert "-๑-" not in texts[0]
    assert "-๒-" in texts[1]
    assert "-๓-" in texts[2]


def test_draft_watermark_on_every_page_of_drafts_only_and_not_in_the_text(tiny_template):
    """The "ร่าง" watermark is drawn (outlines, not text): seen on every page, never copied or searched."""
    draft = render(tiny_template, lines=range(1, 60), draft=True)
    texts = page_texts(draft)

    assert len(texts) >= 2 and not any("ร่าง" in text for text in texts)
    assert all(grey > 500 for grey in watermark_pixels(draft))
    assert all(grey < 50 for grey in watermark_pixels(render(tiny_template)))


def test_template_values_are_escaped(tiny_template):
    (text,) = page_texts(render(tiny_template, lines=["<b>ตัวหนา</b>"]))
    assert "<b>ตัวหนา</b>" in text


# Words where Thai shaping gives glyphs that are not one per character: SARA AM alone and after a tone mark,
# stacked marks, marks that sit left of their base, and the lower-tail consonants.
HARD_THAI = "คำสั่ง เน้นย้ำ น้ำ ค่ำ ต่ำ ทำ สิ่งที่ส่งมาด้วย กำนัน ผู้ใหญ่บ้าน ปู่ ญี่ปุ่น ฐาน ฎีกา ฤดู ฦๅ ๒๕๖๙"


def test_copied_text_is_the_text_written_character_for_character():
    html = (
        "<html><head><style>@page { size: 60cm 30cm }</style></head>"
        '<body style="font-size:16pt; text-align: justify">'
        f"<p>{HARD_THAI}</p><p><b>{HARD_THAI}</b> ต่อท้าย</p><p>{HARD_THAI * 3}</p></body></html>"
    )
    copied = pdf_text_as_copied(pdf_from_html(html), layout=True)

    lines = [line.strip(" \f") for line in copied.split("\n") if line.strip(" \f")]
    assert lines[0] == HARD_THAI  # not "คําสั่ง เน้นยา นา … สิง่ ทีส ่ ง่": no ำ split, no mark lost or moved
    assert lines[1] == f"{HARD_THAI} ต่อท้าย"
    assert squeeze(copied) == squeeze(HARD_THAI * 2 + " ต่อท้าย" + HARD_THAI * 3)


def test_invisible_text_is_not_copied():
    html = '<html><body><p>ก่อน<span style="color: transparent">ซ่อนไว้</span>หลัง</p></body></html>'

    assert squeeze(pdf_text_as_copied(pdf_from_html(html))) == "ก่อนหลัง"


def test_fetcher_reads_only_data_urls():
    fetcher = LocalOnlyFetcher()

    assert fetcher.fetch("data:text/plain,ok").read() == b"ok"
    for url in [
        (FONT_DIR / "Sarabun-Regular.ttf").as_uri(),
        "file:///etc/hostname",
        "http://example.com/logo.png",
        "https://example.com/font.ttf",
        "ftp://example.com/x",
    ]:
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def embedded_fonts(content: bytes) -> dict[str, TTFont]:
    """The font files embedded in the PDF, by base font name."""
    fonts = {}
    for page in PdfReader(io.BytesIO(content)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            data = descriptor["/FontFile2"].get_object().get_data()
            fonts[str(font["/BaseFont"])] = TTFont(io.BytesIO(data))
    return fonts


def test_sarabun_is_set_to_th_sarabun_new_size_and_line_spacing():
    html = '<html><body style="font: 16pt Sarabun"><p>กขค<br>งจฉ<br><b>กขค</b></p></body></html>'
    content = pdf_from_html(html)

    fonts = embedded_fonts(content)
    assert len(fonts) == 2  # regular and bold
    for font in fonts.values():
        # ก is 400/1000 em tall, as in TH Sarabun New (Google Sarabun's own: 586/1000)
        assert ko_height(font) / font["head"].unitsPerEm == pytest.approx(0.400, abs=0.001)
    words = re.findall(r'<word xMin="[^"]+" yMin="([^"]+)"', pdf_bbox(content))
    first, second = (float(y) for y in words[:2])
    assert second - first == pytest.approx(16 * 1.1, abs=0.05)  # single spacing at 16 pt: 1.1 em


def pdf_bbox(content: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-bbox", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


# ---------------------------------------------------------------- Thai line breaks (thai.linebreak)

COLUMNS = """{% extends "documents/official_base.html" %}
{% block content %}{% for width in widths %}<p style="width: {{ width }}mm; margin-bottom: 10pt">{{ text }}</p>
{% endfor %}{% endblock %}
"""
COLUMN_TEXT = (
    "ตามระเบียบกระทรวงมหาดไทย ว่าด้วยการจัดทำแผนและประสานแผนพัฒนาพื้นที่ในระดับอำเภอและตำบล พ.ศ. ๒๕๖๒ "
    "ให้ทบทวนองค์ประกอบของคณะกรรมการ ผู้รับผิดชอบ และข้อเสนอแนะ ประจำปีงบประมาณ พ.ศ. ๒๕๖๙"
)
WIDTHS = range(30, 92, 2)  # mm: narrow columns where lines must break near every word


@pytest.fixture
def columns(settings, tmp_path) -> dict:
    """The same paragraph in columns of every width of WIDTHS: as render_pdf lays it out, and as WeasyPrint
    would without the line breaks of `thai.linebreak`."""
    (tmp_path / "documents_test").mkdir()
    (tmp_path / "documents_test" / "columns.html").write_text(COLUMNS, encoding="utf-8")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    context = {"widths": WIDTHS, "text": COLUMN_TEXT}
    with digit_style("thai"):
        unmarked = pdf_from_html(render_to_string("documents_test/columns.html", context))
    return {"marked": render_pdf("documents_test/columns.html", context), "unmarked": unmarked}


def printed_lines(content: bytes) -> list[str]:
    return [
        line.strip() for line in pdf_text_as_copied(content, layout=True).split("\n") if line.strip(" \f")
    ]


def test_a_year_is_never_separated_from_its_era(columns):
    assert any(line.endswith("พ.ศ.") for line in printed_lines(columns["unmarked"]))  # the case arises

    lines = printed_lines(columns["marked"])
    assert not any(line.endswith("พ.ศ.") for line in lines)
    assert sum(line.count("พ.ศ. ๒๕๖") for line in lines) == 2 * len(WIDTHS)


def test_a_compound_is_never_split_across_lines(columns):
    for word in ("องค์ประกอบ", "ผู้รับผิดชอบ", "ข้อเสนอแนะ", "คณะกรรมการ", "กระทรวงมหาดไทย"):
        assert sum(line.count(word) for line in printed_lines(columns["marked"])) == len(WIDTHS), word
    assert sum(line.count("องค์ประกอบ") for line in printed_lines(columns["unmarked"])) < len(WIDTHS)


def test_line_breaks_leave_the_copied_text_as_written(columns):
    copied = pdf_text_as_copied(columns["marked"])

    assert "\u200b" not in copied and "\u2060" not in copied
    lines = re.sub("- [๐-๙]+ -", "", copied).replace("\f", "").split("\n")  # without the page numbers
    # each line as written, ending at a space (which a line break replaces) or between two words
    assert re.fullmatch(" ?".join(re.escape(line) for line in lines), COLUMN_TEXT * len(WIDTHS))
