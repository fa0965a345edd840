"""Word files print as the PDF export does: the appointment order's and the circular's DOCX, converted to PDF
by LibreOffice (`soffice --headless --convert-to pdf`), keep the PDF export's page count.

The Word files name TH SarabunPSK, the font of every government PC. Debian has no TH SarabunPSK: fontconfig
gives LibreOffice Laksaman (fonts-thai-tlwg) for it, whose glyphs sit 1.5 times larger in the em and whose
line is nearly twice as tall, so a page count taken with it says nothing about an office's Word. Unless the
machine has the real font, LibreOffice is given for the conversion a TH SarabunPSK with TH Sarabun New's
metrics: the calibrated Sarabun the PDFs embed (`documents.metrics`) under that name, in a fontconfig of its
own (the system's fonts and that one). Without LibreOffice the tests are skipped and say why.
"""

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from tambonplan.committees.documents import order_docx, order_pdf
from tambonplan.directives.demo import seed_circulars
from tambonplan.directives.documents import circular_docx, circular_pdf
from tambonplan.directives.models import Circular
from tambonplan.documents.docx import FONT_NAME
from tambonplan.documents.metrics import calibrated_font
from tambonplan.documents.pdf import FONT_DIR
from tests.committees.test_documents import KBT_15, add_people, fresh, issued, make_committee

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice is not installed (soffice not on PATH): the Word files' page counts are not checked; "
    "install Debian's libreoffice-writer-nogui and fonts-thai-tlwg to run these tests",
)
FACES = (("Regular", "Regular"), ("Bold", "Bold"), ("Italic", "Italic"), ("BoldItalic", "Bold Italic"))
FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>{fonts}</dir>
  <cachedir>{cache}</cachedir>
</fontconfig>
"""


def has_th_sarabun_psk() -> bool:
    matched = subprocess.run(["fc-match", "-f", "%{family}", FONT_NAME], capture_output=True, text=True)
    return FONT_NAME in matched.stdout.split(",")


def write_stand_in(folder: Path) -> None:
    """TH SarabunPSK regular, bold, italic and bold italic with TH Sarabun New's metrics."""
    for stem, style in FACES:
        font = TTFont(io.BytesIO(calibrated_font(FONT_DIR / f"Sarabun-{stem}.ttf")))
        names = font["name"]
        for name_id in (1, 2, 4, 6, 16, 17):
            names.removeNames(nameID=name_id)
        full_name = FONT_NAME if style == "Regular" else f"{FONT_NAME} {style}"
        for name_id, text in ((1, FONT_NAME), (2, style), (4, full_name), (6, f"THSarabunPSK-{stem}")):
            names.setName(text, name_id, 3, 1, 0x409)
        font.save(folder / f"THSarabunPSK-{stem}.ttf")


@pytest.fixture(scope="module")
def libreoffice(tmp_path_factory):
    """Converts a DOCX to PDF with LibreOffice (its own user profile, TH SarabunPSK as described above)."""
    root = tmp_path_factory.mktemp("libreoffice")
    env = {**os.environ, "HOME": str(root)}
    if not has_th_sarabun_psk():
        fonts = root / "fonts"
        fonts.mkdir()
        write_stand_in(fonts)
        config = root / "fonts.conf"
        config.write_text(FONTCONFIG.format(fonts=fonts, cache=root / "fontcache"), encoding="utf-8")
        env["FONTCONFIG_FILE"] = str(config)
    profile = (root / "profile").as_uri()

    def convert(content: bytes, name: str) -> bytes:
        source = root / f"{name}.docx"
        source.write_bytes(content)
        command = [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                   "--outdir", str(root), str(source)]  # fmt: skip
        subprocess.run(command, env=env, cwd=root, capture_output=True, timeout=300, check=True)
        return (root / f"{name}.pdf").read_bytes()

    return convert


def page_count(content: bytes) -> int:
    return len(PdfReader(io.BytesIO(content)).pages)


def kbt_order(members: int):
    """A ก.บ.ต. of Hua Ruea with `members` members: the fifteen of a usual one, then experts."""
    order = issued(make_committee())
    expert = ("นาย", "ประสิทธิ์", "ใจดี", "กรรมการ", "ผู้ทรงคุณวุฒิ", "")
    add_people(order, (KBT_15 + [expert] * members)[:members])
    return fresh(order)


@pytest.mark.django_db
def test_libreoffice_sets_the_word_file_in_th_sarabun_psk(libreoffice):
    """Guards the comparison itself: the converted Word file is set in TH SarabunPSK, not a substitute."""
    converted = libreoffice(order_docx(kbt_order(3)), "fonts")

    fonts = {
        str(font["/BaseFont"])
        for font in PdfReader(io.BytesIO(converted)).pages[0]["/Resources"]["/Font"].values()
    }
    assert fonts and all("THSarabunPSK" in font for font in fonts), fonts


@pytest.mark.django_db
@pytest.mark.parametrize(("members", "pages"), [(15, 1), (16, 2)])
def test_the_order_keeps_its_page_count_in_libreoffice(libreoffice, members, pages):
    """A ก.บ.ต. of fifteen on one page, of sixteen on two, in the PDF and in the Word file alike."""
    order = kbt_order(members)

    assert page_count(order_pdf(order)) == pages
    assert page_count(libreoffice(order_docx(order), f"order-{members}")) == pages


@pytest.mark.django_db
def test_the_circular_keeps_its_page_count_in_libreoffice(libreoffice):
    seed_circulars()
    circular = Circular.objects.get(number="อบ ๐๐๑๙/ว ๕๓๑")

    pages = page_count(circular_pdf(circular))

    assert pages == 2
    assert page_count(libreoffice(circular_docx(circular), "circular")) == pages
