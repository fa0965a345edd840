from django.utils.translation import gettext_lazy as _


class ConcurrentEditError(Exception):
    """The record was changed by someone else after the user opened it."""

    message = _("ข้อมูลนี้ถูกแก้ไขโดยผู้อื่นหลังจากที่ท่านเปิดหน้านี้ กรุณาโหลดหน้าใหม่แล้วแก้ไขอีกครั้ง")
