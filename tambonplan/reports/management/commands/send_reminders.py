"""``manage.py send_reminders [--date YYYY-MM-DD] [--now]``: schedule the report reminders due today (run it
daily from cron). With ``--now`` the reminders are also sent here and now, for installations without a task
worker."""

from datetime import date

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tambonplan.core.commands import AuditedCommand
from tambonplan.reports import reminders
from tambonplan.thai.dates import bangkok_today


class Command(AuditedCommand):
    help = gettext_lazy("ตั้งเวลาส่งอีเมลเตือนอำเภอที่ยังไม่ส่งรายงานผล (ควรเรียกทุกวัน)")

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help=gettext_lazy("วันที่ถือเป็นวันนี้ รูปแบบ YYYY-MM-DD (ค่าเริ่มต้น: วันนี้ตามเวลาไทย)")
        )
        parser.add_argument(
            "--now", action="store_true", help=gettext_lazy("ส่งอีเมลทันทีในกระบวนการนี้ (สำหรับระบบที่ไม่มี worker)")
        )

    def handle(self, *args, **options):
        today = self._date(options["date"])
        if options["now"]:
            scheduled = len(reminders.create_due_reminders(today))
        else:
            scheduled = reminders.schedule_reminders(today)
        self.stdout.write(_("ตั้งเวลาส่งคำเตือน %(count)s รายการ") % {"count": scheduled})
        if options["now"]:
            sent, recipients = reminders.send_pending(today=today)
            self.stdout.write(
                _("ส่งอีเมลเตือนแล้ว %(sent)s ฉบับ ถึงผู้รับ %(recipients)s คน")
                % {"sent": sent, "recipients": recipients}
            )

    @staticmethod
    def _date(text: str | None) -> date:
        if not text:
            return bangkok_today()
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise CommandError(
                _("วันที่ '%(text)s' ไม่ถูกต้อง (ใช้รูปแบบ YYYY-MM-DD เช่น 2026-12-15)") % {"text": text}
            ) from None
