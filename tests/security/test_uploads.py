"""Uploaded files (issue 8, part 3): type decided by content, size limited, images strictly validated,
stored under a generated name inside MEDIA_ROOT, served as attachments (inline only for photos with an
image content type) with `X-Content-Type-Options: nosniff`, and MEDIA_ROOT never served as static files."""

from __future__ import annotations

import inspect
import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, resolve, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from tambonplan.committees import services as committee_services
from tambonplan.core import uploads
from tambonplan.core.uploads import MB, checked_upload
from tambonplan.directives.checks import checked_enclosure
from tambonplan.events import services as event_services
from tambonplan.partners import commitments, progress
from tambonplan.planning import services as planning_services
from tests.committees import factories as committee_factories
from tests.events import factories as event_factories
from tests.planning.factories import make_plan

HUA_RUEA = "340104"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
TRAVERSALS = ["../../etc/passwd", "..\\..\\x.pdf", "/etc/passwd.pdf", "a/../../b.png", "....//x.jpg", "x\x00.pdf",
              "ข้อมูล/../../ไฟล์.pdf", "C:\\Windows\\win.ini"]  # fmt: skip


def image_bytes(kind: str = "png", size=(8, 6)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG" if kind == "png" else "JPEG")
    return buffer.getvalue()


def png_bomb(width: int = 100_000, height: int = 100_000) -> bytes:
    """A valid PNG header declaring a huge picture (only the header and one tiny IDAT are present)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def office_zip(content_type: str = "spreadsheetml.sheet.main+xml", bomb: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<Types><Override ContentType="application/vnd.openxmlformats-officedocument.{content_type}"/></Types>',
        )
        if bomb:
            archive.writestr("xl/worksheets/sheet1.xml", b"<row/>" * 5_000_000)
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


def assert_stored_safely(field_file, media_root: Path, extension: str) -> None:
    name = field_file.name
    assert ".." not in name and "\\" not in name and "\x00" not in name, name
    path = Path(field_file.path).resolve()
    assert path.is_relative_to(media_root.resolve()), path
    assert path.is_file()
    stem = path.name.removesuffix(f".{extension}")
    assert (
        path.name.endswith(f".{extension}") and len(stem) == 32 and all(c in "0123456789abcdef" for c in stem)
    )


# ------------------------------------------------------------------------------------------ type by content


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("scan.pdf", image_bytes("png"), "png"),
        ("photo.png", PDF, "pdf"),
        ("image.jpg", image_bytes("png"), "png"),
        ("evil.exe", image_bytes("jpg"), "jpg"),
        ("noext", PDF, "pdf"),
    ],  # fmt: skip
)
def test_the_type_comes_from_the_content_and_the_name_is_replaced(name, content, kind):
    checked = checked_upload(upload(name, content))
    assert checked.name.endswith(f".{kind}")
    assert name not in checked.name


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("scan.pdf", b"just some text"),
        ("photo.png", HTML),
        ("photo.jpg", SVG),
        ("drawing.svg", SVG),
        ("page.html", HTML),
        ("data.pdf", office_zip()),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + HTML),
        ("photo.jpg", b"\xff\xd8\xff" + HTML),
        ("x.pdf", b""),
        ("x.pdf", b"%PD"),
    ],  # fmt: skip
)
def test_anything_but_a_real_pdf_or_image_is_refused(name, content):
    with pytest.raises(ValidationError):
        checked_upload(upload(name, content))


@pytest.mark.parametrize("content", [PDF, HTML, SVG, b"GIF89a" + b"\x00" * 20, image_bytes("png")[:40]])
def test_photos_accept_only_whole_jpeg_and_png_images(content):
    with pytest.raises(ValidationError):
        checked_upload(upload("photo.jpg", content), allowed=event_services.PHOTO_TYPES)


@pytest.mark.parametrize(("name", "content", "kind"), [("order.pdf", office_zip(), "xlsx"),
                         ("x.pdf", office_zip("wordprocessingml.document.main+xml"), "docx"),
                         ("x.docx", PDF, "pdf"), ("x.xlsx", image_bytes("jpg"), "jpg")])  # fmt: skip
def test_enclosures_are_typed_by_content(name, content, kind):
    assert checked_enclosure(upload(name, content)).name.endswith(f".{kind}")


@pytest.mark.parametrize(
    "content",
    [HTML, SVG, b"PK\x03\x04" + b"\x00" * 50, office_zip("presentationml.presentation.main+xml"), b"text"],
)
def test_enclosures_refuse_other_content(content):
    with pytest.raises(ValidationError):
        checked_enclosure(upload("form.xlsx", content))


# ------------------------------------------------------------------------------------------ sizes


@pytest.mark.parametrize(
    ("check", "limit"),
    [
        (lambda f: checked_upload(f), 10 * MB),
        (
            lambda f: checked_upload(
                f, allowed=event_services.PHOTO_TYPES, max_bytes=event_services.PHOTO_MAX_BYTES
            ),
            event_services.PHOTO_MAX_BYTES,
        ),
        (checked_enclosure, 20 * MB),
    ],  # fmt: skip
)
def test_files_over_the_limit_are_refused_before_being_read(check, limit):
    big = upload("big.png", image_bytes("png"))
    big.size = limit + 1
    with pytest.raises(ValidationError) as caught:
        check(big)
    assert "MB" in caught.value.messages[0]
    exact = upload("ok.png", image_bytes("png"))
    exact.size = limit
    check(exact)


def test_the_request_body_limits_are_set():
    assert django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 20 * MB
    assert django_settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 20 * MB


# ------------------------------------------------------------------------------------------ image validation


def test_a_decompression_bomb_image_is_refused_not_a_server_error():
    with pytest.raises(ValidationError):
        checked_upload(upload("bomb.png", png_bomb()))
    with pytest.raises(ValidationError):  # over our own limit, under Pillow's
        checked_upload(upload("big.png", png_bomb(10_000, 6_000)))


def test_a_truncated_or_corrupt_image_is_refused():
    jpeg = image_bytes("jpg", (64, 64))
    for content in (jpeg[: len(jpeg) // 2], image_bytes("png")[:-20], b"\xff\xd8\xff\xe0" + b"\x00" * 100):
        with pytest.raises(ValidationError):
            checked_upload(upload("photo.jpg", content), allowed=("jpg", "png"))


def test_a_png_labelled_by_a_jpeg_signature_is_refused():
    """The signature and the decoder must agree on the format."""
    with pytest.raises(ValidationError):
        checked_upload(upload("x.jpg", b"\xff\xd8\xff" + image_bytes("png")))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
@given(position=st.integers(min_value=0, max_value=600), garbage=st.binary(min_size=1, max_size=8),
       kind=st.sampled_from(["png", "jpg"]))  # fmt: skip
def test_a_corrupted_image_is_either_accepted_or_refused_in_thai(position, garbage, kind):
    data = bytearray(image_bytes(kind, (20, 20)))
    position %= len(data)
    data[position : position + len(garbage)] = garbage
    try:
        checked_upload(upload(f"photo.{kind}", bytes(data)), allowed=("jpg", "png"))
    except ValidationError as error:
        assert error.messages[0]


# ------------------------------------------------------------------------------------------ stored names


@pytest.mark.parametrize("name", TRAVERSALS)
def test_a_hostile_file_name_never_leaves_media_root_step_evidence(media, personas, name):
    plan = make_plan()
    step = plan.steps.first()
    evidence = planning_services.step_evidence_add(
        user=personas.tambon_officer, step=step, upload=upload(name, PDF), caption="<script>"
    )
    assert_stored_safely(evidence.file, media, "pdf")


@pytest.mark.parametrize("name", TRAVERSALS)
def test_a_hostile_file_name_never_leaves_media_root_event_photo(media, personas, name):
    event = event_factories.event()
    photo = event_services.photo_add(
        user=personas.tambon_officer, event=event, image=upload(name, image_bytes("jpg"))
    )
    assert_stored_safely(photo.image, media, "jpg")


def test_a_hostile_file_name_never_leaves_media_root_order_scan(media, personas):
    order = committee_services.order_draft_start(
        user=personas.district_officer,
        kind=committee_factories.kind("kbt"),
        area=committee_factories.area("kbt", HUA_RUEA),
    )
    for name in TRAVERSALS:
        order = committee_services.order_update(
            user=personas.district_officer, order=order, version=order.version, scan=upload(name, PDF)
        )
        assert_stored_safely(order.scan, media, "pdf")


@pytest.mark.parametrize("name", TRAVERSALS)
def test_every_check_replaces_the_name(name):
    assert "/" not in checked_upload(upload(name, PDF)).name
    assert "/" not in checked_enclosure(upload(name, office_zip())).name


def test_every_upload_service_goes_through_a_content_check():
    """Commitment documents and milestone evidence (partners) go through checked_upload too."""
    assert "checked_upload(document)" in inspect.getsource(commitments)
    assert "checked_upload(upload, allowed=PHOTO_TYPES)" in inspect.getsource(progress)


# ------------------------------------------------------------------------------------------ serving


def test_media_root_is_not_served_as_static_files():
    media_root = Path(django_settings.MEDIA_ROOT).resolve()
    static_dirs = [Path(django_settings.STATIC_ROOT)]
    for entry in django_settings.STATICFILES_DIRS:
        static_dirs.append(Path(entry[1] if isinstance(entry, tuple | list) else entry))
    for directory in static_dirs:
        directory = directory.resolve()
        assert not media_root.is_relative_to(directory) and not directory.is_relative_to(media_root)
    assert not getattr(django_settings, "WHITENOISE_ROOT", None)
    for url in (f"/{django_settings.MEDIA_URL.strip('/')}/plans/x.pdf", "/media/orders/x.pdf"):
        with pytest.raises(Resolver404):
            resolve(url)
    assert django_settings.SECURE_CONTENT_TYPE_NOSNIFF


def _assert_download(response, *, inline_type: str | None = None) -> None:
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response.get("Content-Disposition", "")
    if inline_type is None:
        assert disposition.startswith("attachment"), disposition
    else:
        assert response["Content-Type"] == inline_type
    assert "text/html" not in response["Content-Type"]
    assert "svg" not in response["Content-Type"]


def test_step_evidence_is_served_as_an_attachment(media, personas):
    plan = make_plan()
    evidence = planning_services.step_evidence_add(
        user=personas.tambon_officer, step=plan.steps.first(), upload=upload("../x.html.pdf", PDF)
    )
    client = personas.client_for(personas.tambon_officer)
    response = client.get(reverse("planning:evidence", kwargs={"pk": evidence.pk}))
    _assert_download(response)
    assert response["Content-Type"] == "application/pdf"


def test_an_order_scan_is_served_as_an_attachment(media, personas):
    order = committee_services.order_draft_start(
        user=personas.district_officer,
        kind=committee_factories.kind("kbt"),
        area=committee_factories.area("kbt", HUA_RUEA),
    )
    order = committee_services.order_update(
        user=personas.district_officer, order=order, version=order.version, scan=upload("scan.html", PDF)
    )
    client = personas.client_for(personas.district_officer)
    response = client.get(reverse("committees:order_scan", kwargs={"pk": order.pk}))
    _assert_download(response)


def test_an_event_photo_is_inline_only_as_an_image_and_sandboxed(media, personas):
    event = event_factories.event()
    photo = event_services.photo_add(
        user=personas.tambon_officer, event=event, image=upload("x.html", image_bytes("png"))
    )
    client = personas.client_for(personas.tambon_officer)
    url = reverse("events:photo", kwargs={"pk": photo.pk})
    inline = client.get(url)
    _assert_download(inline, inline_type="image/png")
    assert "sandbox" in inline["Content-Security-Policy"]
    _assert_download(client.get(url + "?download=1"))


def test_the_document_response_is_an_attachment_without_sniffing():
    from tambonplan.documents.responses import file_response

    response = file_response(b"%PDF-", "../../คำสั่ง 12/2566\r\nSet-Cookie: x=1", "pdf")
    assert response["Content-Disposition"].startswith("attachment")
    assert "\r" not in response["Content-Disposition"] and "\n" not in response["Content-Disposition"]
    assert "/" not in response["Content-Disposition"].split("filename", 1)[1]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_uploads_module_limits_image_size():
    assert uploads.MAX_IMAGE_PIXELS <= 100_000_000
