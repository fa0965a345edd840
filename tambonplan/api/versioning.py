"""Optimistic locking for API writes: a write that changes a versioned object must say which version it read.

The version comes in the body (`version`) or in an `If-Match` header (`"3"`, `W/"3"` or `3`). Without it the
write is refused with 422 (no last write wins); a version someone else has moved past answers 409 (the
service raises ConcurrentEditError). Both answers are in the one error format (api/errors.py)."""

import re

from ninja.errors import ValidationError as RequestValidationError

from tambonplan.api.errors import ErrorOut

IF_MATCH = "If-Match"
IF_MATCH_DESCRIPTION = 'version ที่อ่านได้ล่าสุด (แทน `version` ในข้อมูลได้) เช่น `"3"`'
VERSION_DESCRIPTION = "version ที่อ่านได้ล่าสุด (ต้องส่งค่านี้ หรือส่วนหัว If-Match): ถ้ามีผู้อื่นแก้ไขแล้ว ระบบตอบ 409 และไม่บันทึก"
_ENTITY_TAG = re.compile(r'^(?:W/)?"?([0-9]{1,9})"?$')


def versioned_write_responses(ok) -> dict:
    """`response=` of a write with a version: the object on success, 409 and 422 in the error format."""
    return {200: ok, 409: ErrorOut, 422: ErrorOut}


VERSIONED_WRITE_OPENAPI = {
    "responses": {
        409: {"description": "ข้อมูลถูกแก้ไขโดยผู้อื่นหลัง version ที่ส่งมา (ไม่บันทึก) อ่านข้อมูลล่าสุดแล้วส่งใหม่"},
        422: {"description": "ข้อมูลไม่ถูกต้อง หรือไม่ได้ส่ง version (ในข้อมูล หรือส่วนหัว If-Match)"},
    }
}


def _refuse(where: tuple[str, str], kind: str):
    raise RequestValidationError([{"loc": where, "type": kind}])


def required_version(body_version: int | None, if_match: str | None) -> int:
    """The version the client read, from the body or the If-Match header; refused (422) when absent,
    unreadable, or when the two disagree."""
    header_version = None
    if if_match is not None:
        found = _ENTITY_TAG.match(if_match.strip())
        if found is None or int(found.group(1)) < 1:
            _refuse(("header", IF_MATCH), "if_match_invalid")
        header_version = int(found.group(1))
    if body_version is not None and header_version is not None and body_version != header_version:
        _refuse(("header", IF_MATCH), "if_match_mismatch")
    version = body_version if body_version is not None else header_version
    if version is None:
        _refuse(("body", "version"), "version_missing")
    return version
