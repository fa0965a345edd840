"""The content check of an enclosure's file: PDF and images through core's checked_upload, Word and Excel
files recognised as ZIP packages whose [Content_Types].xml names a document or a workbook."""

import uuid
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from tambonplan.core.uploads import MB, checked_upload

MAX_BYTES = 20 * MB
OFFICE_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}


def office_kind(upload) -> str | None:
    """ "docx" or "xlsx" when the file is an Office Open XML package of that kind, else None."""
    upload.seek(0)
    if upload.read(4) != b"PK\x03\x04":
        upload.seek(0)
        return None
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as package:
            types = package.read("[Content_Types].xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
    finally:
        upload.seek(0)
    for kind, content_type in OFFICE_TYPES.items():
        if content_type in types:
            return kind
    return None


def checked_enclosure(upload: UploadedFile) -> UploadedFile:
    """The upload renamed to a random safe name when it is a PDF, JPEG, PNG, DOCX or XLSX file by content;
    ValidationError in Thai otherwise."""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("ไฟล์ %(name)s มีขนาดเกินกำหนด %(limit)d MB") % {"name": upload.name, "limit": MAX_BYTES // MB}
        )
    kind = office_kind(upload)
    if kind is not None:
        upload.name = f"{uuid.uuid4().hex}.{kind}"
        return upload
    try:
        return checked_upload(upload, max_bytes=MAX_BYTES)
    except ValidationError:
        raise ValidationError(
            _("ไฟล์ %(name)s ไม่ใช่ชนิดที่รับได้ (รับเฉพาะ PDF, DOCX, XLSX, JPEG, PNG)") % {"name": upload.name}
        ) from None
