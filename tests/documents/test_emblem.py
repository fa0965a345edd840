"""The emblem (ครุฑ) at the head of the circular and the appointment order, PDF and Word alike, 3 cm tall;
an administrator replaces it in the admin; an upload that would not print is refused with the reason."""

import io
import re
import subprocess
import tempfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx.oxml.ns import qn
from PIL import Image

from tambonplan.committees.documents import order_docx, order_pdf
from tambonplan.directives.documents import circular_docx, circular_pdf
from tambonplan.documents.emblem import DEFAULT_EMBLEM
from tambonplan.documents.models import OfficialEmblem
from tests.committees.test_documents import order  # noqa: F401 (fixture)
from tests.directives.test_documents import circular  # noqa: F401 (fixture)

CM_PER_INCH = 2.54


def pdf_images(content: bytes) -> list[dict]:
    """Each image drawn on page 1 (pdfimages -list): pixel size and printed height in cm."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(content)
        pdf.flush()
        command = ["pdfimages", "-f", "1", "-l", "1", "-list", pdf.name]
        listing = subprocess.run(command, capture_output=True, check=True).stdout.decode()
    images = []
    for line in listing.splitlines()[2:]:
        fields = re.split(r"\s+", line.strip())
        if fields[2] != "image":  # a transparent PNG's alpha channel is listed as its "smask"
            continue
        width, height, y_ppi = int(fields[3]), int(fields[4]), float(fields[13])
        images.append({"width": width, "height": height, "height_cm": height / y_ppi * CM_PER_INCH})
    return images


def png(height: int, colour: str = "black") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", (int(height * 0.95), height), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def docx_pictures(content: bytes) -> list[tuple[int, bytes]]:
    """Each inline picture of the Word file, those of the first page's header (the emblem) first: its height
    in EMU and the image's bytes."""
    document = docx.Document(io.BytesIO(content))
    header = document.sections[0].first_page_header
    pictures = []
    for part, element in ((header.part, header._element), (document.part, document.element.body)):
        for inline in element.iter(qn("wp:inline")):
            relation = inline.graphic.graphicData.pic.blipFill.blip.embed
            pictures.append((inline.extent.cy, part.related_parts[relation].blob))
    return pictures


def default_size() -> tuple[int, int]:
    return Image.open(DEFAULT_EMBLEM).size


@pytest.mark.django_db
def test_circular_and_order_pdfs_carry_the_emblem_3_cm_tall(circular, order):  # noqa: F811
    width, height = default_size()
    for content in (circular_pdf(circular), order_pdf(order)):
        emblems = [
            image for image in pdf_images(content) if (image["width"], image["height"]) == (width, height)
        ]
        assert len(emblems) == 1
        assert emblems[0]["height_cm"] == pytest.approx(3.0, abs=0.02)


@pytest.mark.django_db
def test_circular_and_order_word_files_carry_the_emblem_3_cm_tall(circular, order):  # noqa: F811
    for content in (circular_docx(circular), order_docx(order)):
        (height_emu, blob), *_rest = docx_pictures(content)
        assert blob == DEFAULT_EMBLEM.read_bytes()
        assert height_emu == docx.shared.Cm(3.0)


@pytest.mark.django_db
def test_an_uploaded_emblem_replaces_the_default_in_every_document(admin_client, circular, order):  # noqa: F811
    upload = png(600, "navy")
    response = admin_client.post(
        "/admin/documents/officialemblem/add/",
        {"image": SimpleUploadedFile("garuda-office.png", upload, content_type="image/png")},
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    for content in (circular_pdf(circular), order_pdf(order)):
        sizes = {(image["width"], image["height"]) for image in pdf_images(content)}
        assert (570, 600) in sizes and default_size() not in sizes
    (_height, blob), *_rest = docx_pictures(order_docx(order))
    assert blob == upload

    OfficialEmblem.objects.all().delete()
    assert default_size() in {(i["width"], i["height"]) for i in pdf_images(order_pdf(order))}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("small.png", png(200), "ภาพตราครุฑสูง 200 พิกเซล น้อยเกินไป"),
        ("notes.png", "ไม่ใช่รูปภาพ".encode(), "อ่านไฟล์ตราครุฑไม่ได้"),
    ],
)
def test_an_upload_that_would_not_print_is_refused_with_the_reason(admin_client, name, content, message):
    response = admin_client.post(
        "/admin/documents/officialemblem/add/", {"image": SimpleUploadedFile(name, content)}
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not OfficialEmblem.objects.exists()
