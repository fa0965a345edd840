"""One error format for the whole API: {"error": {"code", "message", "details"}}.

`code` is a stable machine code, `message` a sentence in Thai (in the request's language), `details` a list
of {"where", "message"} naming the field or parameter at fault, when there is one.
"""

import logging
from http import HTTPStatus

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import HttpError
from ninja.errors import ValidationError as RequestValidationError

from tambonplan.core.concurrency import ConcurrentEditError

logger = logging.getLogger(__name__)

API_PREFIX = "/api/v1/"
NINJA_DEFAULT_MESSAGES = {"", "Unauthorized", "Forbidden", "Not Found", "Too many requests."}


class ErrorDetailOut(Schema):
    where: str
    message: str


class ErrorInfoOut(Schema):
    code: str
    message: str
    details: list[ErrorDetailOut]


class ErrorOut(Schema):
    """รูปแบบข้อผิดพลาดเดียวกันทุกกรณี: code (รหัสคงที่) message (ข้อความ) details (ฟิลด์หรือพารามิเตอร์ที่ผิด)"""

    error: ErrorInfoOut


def error_body(code: str, message: str, details: list[dict] | None = None) -> dict:
    return {"error": {"code": code, "message": str(message), "details": details or []}}


def error_response(status: int, code: str, message: str, details: list[dict] | None = None) -> JsonResponse:
    return JsonResponse(
        error_body(code, message, details), status=status, json_dumps_params={"ensure_ascii": False}
    )


def _status_messages() -> dict[int, tuple[str, str]]:
    return {
        400: ("bad_request", _("คำขอไม่ถูกต้อง")),
        401: ("unauthorized", _("กรุณาส่งโทเค็น API ที่ใช้งานได้ในส่วนหัว Authorization: Bearer <โทเค็น>")),
        403: ("forbidden", _("ท่านไม่มีสิทธิ์ทำรายการนี้")),
        404: ("not_found", _("ไม่พบข้อมูลที่ขอ หรือข้อมูลอยู่นอกพื้นที่ที่ท่านรับผิดชอบ")),
        405: ("method_not_allowed", _("ใช้เมธอดนี้กับที่อยู่นี้ไม่ได้")),
        409: ("conflict", _("ข้อมูลถูกแก้ไขโดยผู้อื่นแล้ว กรุณาอ่านข้อมูลล่าสุดแล้วส่งใหม่")),
        413: ("too_large", _("ข้อมูลที่ส่งมามีขนาดใหญ่เกินไป")),
        422: ("invalid_request", _("ข้อมูลที่ส่งมาไม่ถูกต้อง")),
        429: ("too_many_requests", _("ส่งคำขอถี่เกินไป กรุณารอสักครู่")),
        500: ("server_error", _("ระบบขัดข้อง กรุณาลองใหม่ภายหลัง")),
    }


def status_error(status: int, message: str | None = None, details: list[dict] | None = None) -> JsonResponse:
    code, default = _status_messages().get(status, (HTTPStatus(status).phrase.lower().replace(" ", "_"), ""))
    return error_response(status, code, message or default or HTTPStatus(status).phrase, details)


# Pydantic's error types in Thai; anything else falls back to a general sentence.
def _pydantic_message(error: dict) -> str:
    kind = error.get("type", "")
    context = error.get("ctx") or {}
    messages = {
        "missing": _("ต้องระบุ"),
        "int_parsing": _("ต้องเป็นจำนวนเต็ม"),
        "int_type": _("ต้องเป็นจำนวนเต็ม"),
        "int_from_float": _("ต้องเป็นจำนวนเต็ม"),
        "decimal_parsing": _("ต้องเป็นตัวเลข"),
        "decimal_type": _("ต้องเป็นตัวเลข"),
        "float_parsing": _("ต้องเป็นตัวเลข"),
        "bool_parsing": _("ต้องเป็น true หรือ false"),
        "bool_type": _("ต้องเป็น true หรือ false"),
        "string_type": _("ต้องเป็นข้อความ"),
        "date_from_datetime_parsing": _("ต้องเป็นวันที่รูปแบบ ปปปป-ดด-วว (ค.ศ.)"),
        "date_parsing": _("ต้องเป็นวันที่รูปแบบ ปปปป-ดด-วว (ค.ศ.)"),
        "date_type": _("ต้องเป็นวันที่รูปแบบ ปปปป-ดด-วว (ค.ศ.)"),
        "enum": _("ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: %(expected)s") % {"expected": context.get("expected", "")},
        "literal_error": _("ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: %(expected)s") % {"expected": context.get("expected", "")},
        "greater_than_equal": _("ต้องไม่น้อยกว่า %(limit)s") % {"limit": context.get("ge", "")},
        "less_than_equal": _("ต้องไม่มากกว่า %(limit)s") % {"limit": context.get("le", "")},
        "string_too_long": _("ยาวเกิน %(limit)s ตัวอักษร") % {"limit": context.get("max_length", "")},
        "string_too_short": _("สั้นเกินไป"),
        "string_pattern_mismatch": _("รูปแบบไม่ถูกต้อง"),
        "list_type": _("ต้องเป็นรายการ (array)"),
        "dict_type": _("ต้องเป็นออบเจกต์ (object)"),
        "model_attributes_type": _("ต้องเป็นออบเจกต์ (object)"),
        "json_invalid": _("ไม่ใช่ JSON ที่ถูกต้อง"),
        "extra_forbidden": _("ไม่รู้จักฟิลด์นี้"),
        "too_long": _("มีจำนวนรายการมากเกินไป"),
        "version_missing": _("ต้องระบุ version ที่อ่านได้ล่าสุด (ในข้อมูล หรือในส่วนหัว If-Match)"),
        "if_match_invalid": _('ต้องเป็น version ที่อ่านได้ล่าสุด เช่น "3"'),
        "if_match_mismatch": _("ไม่ตรงกับ version ที่ส่งในข้อมูล"),
    }
    return messages.get(kind, _("ค่าไม่ถูกต้อง"))


def _where(error: dict) -> str:
    """ "query.page", "body.status": ninja names a body ("body", <parameter>, field...); the parameter's
    name (always ``body`` here) is dropped."""
    parts = [str(part) for part in error.get("loc", ()) if part not in ("", None)]
    if parts[:2] == ["body", "body"]:
        parts = parts[1:]
    return ".".join(parts)


def request_validation_error(request, exc: RequestValidationError) -> JsonResponse:
    details = [{"where": _where(error), "message": _pydantic_message(error)} for error in exc.errors]
    return status_error(422, details=details)


def service_validation_error(request, exc: DjangoValidationError) -> JsonResponse:
    if hasattr(exc, "error_dict"):
        details = [
            {"where": field if field != "__all__" else "", "message": str(message)}
            for field, errors in exc.message_dict.items()
            for message in errors
        ]
    else:
        details = [{"where": "", "message": str(message)} for message in exc.messages]
    message = " ".join(d["message"] for d in details) or _("ข้อมูลไม่ถูกต้อง")
    return error_response(400, "invalid", message, details)


def install(api) -> None:
    """Register the handlers on the NinjaAPI: every failure answers in the one format."""

    def handler(status: int):
        return lambda request, exc: status_error(status)

    def http_error(request, exc: HttpError):
        # Ninja's own messages are English defaults; ours (Thai) are kept.
        own = str(exc.message) if str(exc.message) not in NINJA_DEFAULT_MESSAGES else None
        return status_error(exc.status_code, own)

    def conflict(request, exc: ConcurrentEditError):
        return status_error(409)

    def out_of_range(request, exc: Exception):
        # An id or a number the database cannot hold (beyond 64 bits): nothing can have it.
        return status_error(400, _("ตัวเลขหรือรหัสที่ส่งมาใหญ่เกินกว่าที่ระบบรองรับ"))

    def unexpected(request, exc: Exception):
        logger.exception("API error at %s", request.path, exc_info=exc)
        return status_error(500)

    api.add_exception_handler(RequestValidationError, request_validation_error)
    api.add_exception_handler(DjangoValidationError, service_validation_error)
    api.add_exception_handler(PermissionDenied, handler(403))
    api.add_exception_handler(Http404, handler(404))
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(ConcurrentEditError, conflict)
    api.add_exception_handler(OverflowError, out_of_range)
    api.add_exception_handler(DataError, out_of_range)
    api.add_exception_handler(Exception, unexpected)


class ApiErrorMiddleware:
    """Errors that happen outside the API's operations (an unknown address under /api/v1/, a method the
    address does not take, a request body too large) answer in the same JSON format too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path.startswith(API_PREFIX)
            and response.status_code >= 400
            and not response.headers.get("Content-Type", "").startswith("application/json")
        ):
            replaced = status_error(response.status_code)
            if "Allow" in response.headers:
                replaced["Allow"] = response.headers["Allow"]
            return replaced
        return response
