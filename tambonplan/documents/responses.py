"""HTTP responses that download a rendered document (PDF, Word, Excel) under a Thai file name, or a stored
upload (evidence, minutes, scans)."""

import functools
import re

from django.http import FileResponse, Http404, HttpResponse
from django.utils import translation
from django.utils.http import content_disposition_header

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_UNSAFE_IN_FILENAME = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def safe_filename(filename: str, kind: str) -> str:
    """The file name without path separators, control characters and characters Windows refuses, ending
    in the kind's extension: "คำสั่ง 12/2566" → "คำสั่ง 12-2566.pdf"."""
    name = _UNSAFE_IN_FILENAME.sub("-", filename).strip(" .") or "document"
    return name if name.lower().endswith(f".{kind}") else f"{name}.{kind}"


def file_response(content: bytes, filename: str, kind: str) -> HttpResponse:
    """A download of `content`: the kind's content type ("pdf", "docx" or "xlsx"), `attachment` with the
    file name as UTF-8 (RFC 5987 `filename*=utf-8''...` when it is not plain ASCII, so Thai names
    work), and no content sniffing."""
    try:
        content_type = CONTENT_TYPES[kind]
    except KeyError:
        raise ValueError(f"Unknown document kind {kind!r}; expected one of {tuple(CONTENT_TYPES)}") from None
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, safe_filename(filename, kind))
    response["Content-Length"] = str(len(content))
    response["X-Content-Type-Options"] = "nosniff"
    return response


def stored_file_response(stored, *, as_attachment: bool = True, filename: str = "", content_type=None):
    """A download of an uploaded file (a FileField's value): 404 when there is none, its own name unless
    `filename` is given, and no content sniffing."""
    if not stored:
        raise Http404
    response = FileResponse(
        stored.open("rb"),
        as_attachment=as_attachment,
        filename=filename or stored.name.rsplit("/", 1)[-1],
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def thai_document(view):
    """A view that renders an official document (PDF, Word, the report's workbook): written in Thai, as the
    law asks, whatever language the user reads the pages in."""

    @functools.wraps(view)
    def in_thai(request, *args, **kwargs):
        with translation.override("th"):
            return view(request, *args, **kwargs)

    return in_thai
