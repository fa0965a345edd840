"""Checks for uploaded evidence files (scans, photos): type decided by content, size limited, safe names."""

import uuid

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MB = 1024 * 1024
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}
TYPE_LABELS = {"pdf": "PDF", "jpg": "JPEG", "png": "PNG"}


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
        try:
            with Image.open(upload) as image:
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError) as error:
            raise ValidationError(_("ไฟล์รูปภาพ %(name)s เสียหายหรืออ่านไม่ได้") % {"name": upload.name}) from error
        finally:
            upload.seek(0)
    upload.name = f"{uuid.uuid4().hex}.{kind}"
    return upload
