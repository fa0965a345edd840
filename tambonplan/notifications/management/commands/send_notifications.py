"""``manage.py send_notifications [--date YYYY-MM-DD] [--now]``: tell what became due (report deadlines,
overdue plan steps, orders needing review, open check-ins) and send what waits (retries, digests held for the
morning). Run it daily from cron, in the morning (digests go out then); more often is harmless. With ``--now``
everything is sent here and now, for installations without a task worker."""

from datetime import date, datetime

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tambonplan.core.commands import AuditedCommand
from tambonplan.notifications import due, services
from tambonplan.thai.dates import BANGKOK, bangkok_today


class Command(AuditedCommand):
    help = gettext_lazy("แจ้งเตือนเรื่องที่ถึงกำหนดและส่งการแจ้งเตือนที่รอส่ง (ควรเรียกทุกเช้า)")

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help=gettext_lazy("วันที่ถือเป็นวันนี้ รูปแบบ YYYY-MM-DD (ค่าเริ่มต้น: วันนี้ตามเวลาไทย)")
        )
        parser.add_argument(
            "--now", action="store_true", help=gettext_lazy("ส่งทันทีในกระบวนการนี้ (สำหรับระบบที่ไม่มี worker)")
        )

    def handle(self, *args, **options):
        now = timezone.now()
        today = bangkok_today()
        if options["date"]:
            today = self._date(options["date"])
            now = timezone.make_aware(
                datetime.combine(today, timezone.localtime(now, BANGKOK).time()), BANGKOK
            )
        told = due.tell_due(today=today, now=now)
        self.stdout.write(_("แจ้งเตือนใหม่ถึงผู้ใช้ %(count)s ครั้ง") % {"count": told.total})
        handled = services.send_due(now=now, in_process=options["now"])
        if options["now"]:
            self.stdout.write(_("ส่งการแจ้งเตือนที่รอส่งแล้ว %(count)s รายการ") % {"count": handled})
        else:
            self.stdout.write(_("เข้าคิวส่งการแจ้งเตือนที่รอส่ง %(count)s รายการ") % {"count": handled})
        services.housekeeping(now=now)

    @staticmethod
    def _date(text: str) -> date:
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise CommandError(
                _("วันที่ '%(text)s' ไม่ถูกต้อง (ใช้รูปแบบ YYYY-MM-DD เช่น 2026-12-15)") % {"text": text}
            ) from None
