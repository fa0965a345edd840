"""The emblem (ครุฑ) at the head of official documents: the office's own upload if there is one, else the
default shipped with the product; its sizes under the Regulation on Correspondence; the check of an upload."""

import base64
import io
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from tambonplan.documents.models import OfficialEmblem

DEFAULT_EMBLEM = Path(__file__).resolve().parent / "assets" / "garuda.png"
# Heights in the Regulation: 3 cm at the head of หนังสือภายนอก and คำสั่ง, 1.5 cm on a บันทึกข้อความ.
LETTER_HEIGHT_CM = 3.0
MEMO_HEIGHT_CM = 1.5
# 3 cm at 300 dpi, the least that prints sharply; and a bound on what is read into memory.
MIN_HEIGHT_PX = 354
MAX_BYTES = 5 * 1024 * 1024
FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}


def emblem_image() -> tuple[bytes, str]:
    """The emblem's bytes and media type: the latest upload, or the default."""
    uploaded = OfficialEmblem.objects.first()
    if uploaded is not None:
        with uploaded.image.open("rb") as handle:
            data = handle.read()
        return data, FORMATS[Image.open(io.BytesIO(data)).format]
    return DEFAULT_EMBLEM.read_bytes(), "image/png"


def emblem_data_uri() -> str:
    """The emblem as a `data:` URI for a PDF template (WeasyPrint fetches nothing else)."""
    data, media_type = emblem_image()
    return f"data:{media_type};base64,{base64.b64encode(data).decode()}"


def check_emblem_upload(upload) -> None:
    """Refuse what would not print as an emblem: not PNG/JPEG, damaged, too small, too big."""
    if upload.size > MAX_BYTES:
        raise ValidationError(_("ไฟล์ตราครุฑใหญ่เกิน %(mb)d MB") % {"mb": MAX_BYTES // (1024 * 1024)})
    upload.seek(0)
    try:
        image = Image.open(upload)
        image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(_("อ่านไฟล์ตราครุฑไม่ได้: ต้องเป็นรูปภาพ PNG หรือ JPEG ที่ไม่เสียหาย")) from error
    finally:
        upload.seek(0)
    if image.format not in FORMATS:
        raise ValidationError(
            _("ตราครุฑต้องเป็นไฟล์ PNG หรือ JPEG (ไฟล์นี้เป็น %(format)s)") % {"format": image.format}
        )
    if image.height < MIN_HEIGHT_PX:
        raise ValidationError(
            _("ภาพตราครุฑสูง %(height)d พิกเซล น้อยเกินไป: ต้องสูงอย่างน้อย %(min)d พิกเซล เพื่อให้พิมพ์สูง 3 ซม. ได้คมชัด")
            % {"height": image.height, "min": MIN_HEIGHT_PX}
        )
