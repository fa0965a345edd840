"""render_pdf and official_base.html: Sarabun embedded, Thai text and Thai digits, page numbers from page 2,
the draft watermark, nothing fetched but the font files."""

import io
import unicodedata
from datetime import date

import pytest
from pypdf import PdfReader

from tambonplan.documents.pdf import FONT_DIR, LocalOnlyFetcher, render_pdf
from tambonplan.thai.digits import get_digit_style

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


def squeeze(text: str) -> str:
    """NFKC (ำ as extracted from a PDF is ํ + า) and no white space (lines may wrap anywhere)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def render(template: str, **context) -> PdfReader:
    context = {"people": 1234, "budget": 2500000, "day": date(2023, 2, 14), "lines": range(1, 4), **context}
    return PdfReader(io.BytesIO(render_pdf(template, context)))


def page_texts(reader: PdfReader) -> list[str]:
    return [squeeze(page.extract_text()) for page in reader.pages]


def test_thai_text_and_thai_digits(tiny_template):
    reader = render(tiny_template)
    (text,) = page_texts(reader)

    assert squeeze("คำสั่งอำเภอทดสอบ") in text
    assert "มีผู้เข้าร่วม๑,๒๓๔คน" in text
    assert "งบประมาณ๒,๕๐๐,๐๐๐บาท" in text
    assert "เมื่อวันที่๑๔กุมภาพันธ์๒๕๖๖" in text
    assert squeeze("ย่อหน้าที่ ๓ ผู้ใหญ่บ้าน กำนัน") in text
    assert not any(digit in text for digit in "0123456789")
    assert get_digit_style() == "arabic"  # the Thai digit style ends with the rendering


def test_a4_with_sarabun_embedded(tiny_template):
    page = render(tiny_template).pages[0]

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


def test_draft_watermark_only_on_drafts(tiny_template):
    assert all("ร่าง" in text for text in page_texts(render(tiny_template, lines=range(1, 60), draft=True)))
    assert "ร่าง" not in page_texts(render(tiny_template))[0]


def test_template_values_are_escaped(tiny_template):
    (text,) = page_texts(render(tiny_template, lines=["<b>ตัวหนา</b>"]))
    assert "<b>ตัวหนา</b>" in text


def test_fetcher_reads_only_the_font_files_and_data_urls():
    fetcher = LocalOnlyFetcher()

    font = fetcher.fetch((FONT_DIR / "Sarabun-Regular.ttf").as_uri())
    assert font.read(4) in (b"\x00\x01\x00\x00", b"true")
    assert fetcher.fetch("data:text/plain,ok").read() == b"ok"
    for url in [
        "file:///etc/hostname",
        (FONT_DIR / ".." / ".." / "__init__.py").as_uri(),
        "http://example.com/logo.png",
        "https://example.com/font.ttf",
        "ftp://example.com/x",
        f"file:///etc/hostname#/../../{FONT_DIR}/Sarabun-Regular.ttf",
        f"file:///etc/hostname?/../../{FONT_DIR}/Sarabun-Regular.ttf",
        f"file://evil.example{FONT_DIR}/Sarabun-Regular.ttf",
    ]:
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_fetcher_opens_the_font_file_it_checked_whatever_follows_it():
    fetcher = LocalOnlyFetcher()
    font = (FONT_DIR / "Sarabun-Regular.ttf").read_bytes()[:64]

    for suffix in ("#/../../../../etc/hostname", "?x=/etc/hostname"):
        assert fetcher.fetch((FONT_DIR / "Sarabun-Regular.ttf").as_uri() + suffix).read(64) == font
