"""Checks for uploaded evidence files (scans, photos): type decided by content, size limited, safe names."""

import uuid

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image

MB = 1024 * 1024
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}
TYPE_LABELS = {"pdf": "PDF", "jpg": "JPEG", "png": "PNG"}
PIL_FORMATS = {"jpg": "JPEG", "png": "PNG"}
# At most 50 megapixels (a 12 MP phone photo is well under): a small file cannot declare a picture so big
# that decoding it takes gigabytes of memory (a "decompression bomb").
MAX_IMAGE_PIXELS = 50_000_000


def detect_type(head: bytes) -> str | None:
    for kind, signatures in SIGNATURES.items():
        if any(head.startswith(signature) for signature in signatures):
            return kind
    return None


def checked_upload(
    upload: UploadedFile, *, allowed: tuple[str, ...] = ("pdf", "jpg", "png"), max_bytes: int = 10 * MB
) -> UploadedFile:
    """Return the upload renamed to a random safe name, or raise ValidationError in Thai."""
    if upload.size > max_bytes:
        raise ValidationError(
            _("ไฟล์ %(name)s มีขนาด %(size).1f MB เกินกำหนด %(limit)d MB")
            % {"name": upload.name, "size": upload.size / MB, "limit": max_bytes // MB}
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    kind = detect_type(head)
    if kind not in allowed:
        labels = ", ".join(TYPE_LABELS[k] for k in allowed)
        raise ValidationError(
            _("ไฟล์ %(name)s ไม่ใช่ชนิดที่รับได้ (รับเฉพาะ %(labels)s)") % {"name": upload.name, "labels": labels}
        )
    if kind in ("jpg", "png"):
        _check_image(upload, kind)
    upload.name = f"{uuid.uuid4().hex}.{kind}"
    return upload


def _check_image(upload: UploadedFile, kind: str) -> None:
    """Strict validation of a JPEG or PNG: Pillow must recognise the same format as the signature, its
    size must be reasonable, its structure must verify and every pixel must decode; else ValidationError."""
    broken = ValidationError(_("ไฟล์รูปภาพ %(name)s เสียหายหรืออ่านไม่ได้") % {"name": upload.name})
    try:
        upload.seek(0)
        with Image.open(upload, formats=[PIL_FORMATS[kind]]) as image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise ValidationError(
                    _("ไฟล์รูปภาพ %(name)s มีขนาด %(width)d×%(height)d จุด ใหญ่เกินกว่าที่รับได้")
                    % {"name": upload.name, "width": width, "height": height}
                )
            image.verify()  # chunk checksums (PNG) and structure
        upload.seek(0)
        with Image.open(upload, formats=[PIL_FORMATS[kind]]) as image:
            image.load()  # every pixel decodes (verify() does not decode)
    except ValidationError:
        raise
    except Exception as error:  # any decoder failure (a bomb included) is a broken image, not a server error
        raise broken from error
    finally:
        upload.seek(0)
