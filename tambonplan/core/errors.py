"""The site's error pages (403, 404, CSRF failure) in Thai and in the site's layout, with a way back.

Django's handlers render bare templates; these render `_error_page.html` with the request, so the menu and
the language switch work, and offer "ย้อนกลับ" to the page the user came from when it is on this site.
The 500 page is the static `500.html`: it must render even when the database or a context processor fails.
"""

from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _


def _back_url(request) -> str:
    referer = request.headers.get("referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return ""


def error_page(request, status: int, heading: str, explanation: str):
    context = {
        "status": status,
        "heading": heading,
        "explanation": explanation,
        "back_url": _back_url(request),
    }
    return render(request, "_error_page.html", context, status=status)


def page_not_found(request, exception=None):
    return error_page(
        request,
        404,
        _("ไม่พบหน้าที่ต้องการ"),
        _("ที่อยู่นี้ไม่มีอยู่ ถูกลบไปแล้ว หรืออยู่นอกพื้นที่ที่บัญชีของท่านดูแล ตรวจสอบลิงก์อีกครั้ง หรือกลับไปเริ่มจากหน้าหลัก"),
    )


def permission_denied(request, exception=None):
    return error_page(
        request,
        403,
        _("ท่านไม่มีสิทธิ์ทำรายการนี้"),
        _(
            "บัญชีของท่านดูข้อมูลนี้ได้แต่แก้ไขไม่ได้ หรือรายการนี้ต้องทำโดยเจ้าหน้าที่ระดับอื่น "
            "หากเห็นว่าควรมีสิทธิ์ โปรดติดต่อผู้ดูแลผู้ใช้ของจังหวัดหรืออำเภอ"
        ),
    )


def csrf_failure(request, reason=""):
    return error_page(
        request,
        403,
        _("ส่งแบบฟอร์มไม่สำเร็จ"),
        _(
            "แบบฟอร์มนี้หมดอายุหรือถูกส่งจากหน้าที่เปิดค้างไว้นานเกินไป ข้อมูลยังไม่ถูกบันทึก "
            "โปรดย้อนกลับ โหลดหน้าใหม่ แล้วส่งอีกครั้ง (เบราว์เซอร์ต้องยอมรับคุกกี้ของเว็บไซต์นี้)"
        ),
    )
