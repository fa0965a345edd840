"""What can be notified (the event kinds), through which channels, and who hears of what by default.

In-app is always on. LINE and e-mail follow the user's preferences; without a preference of their own, a user
gets the defaults of their role (``DEFAULTS``). A province can make the report-deadline reminders
(``DEADLINE_KINDS``) mandatory for its users: then they cannot be turned off on any channel. Reminder kinds
(``REMINDER_KINDS``) reach LINE and e-mail as one digest per recipient per day: the LINE Official Account's
free message quota is small.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tambonplan.accounts.models import Role


class Kind(models.TextChoices):
    CIRCULAR_ISSUED = "circular_issued", _("หนังสือสั่งการใหม่")
    REPORT_DUE = "report_due", _("ใกล้ถึงกำหนดส่งรายงานผล")
    REPORT_OVERDUE = "report_overdue", _("เลยกำหนดส่งรายงานผล")
    REPORT_RETURNED = "report_returned", _("จังหวัดส่งรายงานผลกลับให้แก้ไข")
    REPORT_ACCEPTED = "report_accepted", _("จังหวัดรับรายงานผลแล้ว")
    REPORT_SUBMITTED = "report_submitted", _("อำเภอส่งรายงานผล")
    STEP_OVERDUE = "step_overdue", _("ขั้นตอนแผนพัฒนาตำบลเลยกำหนด")
    ORDER_REVIEW = "order_review", _("คำสั่งแต่งตั้งคณะกรรมการต้องทบทวน")
    COMMITMENT_CHANGED = "commitment_changed", _("การสนับสนุนจากภาคีเปลี่ยนสถานะ")
    CHECKIN_OPENED = "checkin_opened", _("เปิดลงทะเบียนกิจกรรมด้วยคิวอาร์โค้ด")


class Channel(models.TextChoices):
    IN_APP = "in_app", _("ในระบบ")
    LINE = "line", _("LINE")
    EMAIL = "email", _("อีเมล")


# Channels a user chooses (in-app is always on).
CHOOSABLE = (Channel.LINE, Channel.EMAIL)
REMINDER_KINDS = frozenset({Kind.REPORT_DUE, Kind.REPORT_OVERDUE, Kind.STEP_OVERDUE, Kind.ORDER_REVIEW})
DEADLINE_KINDS = frozenset({Kind.REPORT_DUE, Kind.REPORT_OVERDUE})

LINE_AND_EMAIL = frozenset({Channel.LINE, Channel.EMAIL})
LINE_ONLY = frozenset({Channel.LINE})
NONE = frozenset()

# Per role: the kinds the role hears of (the preferences page lists them) and the channels on by default.
DEFAULTS: dict[str, dict[str, frozenset]] = {
    Role.DISTRICT: {
        Kind.CIRCULAR_ISSUED: LINE_AND_EMAIL,
        # The deadline e-mail is still sent by the reports' own reminders (send_reminders): LINE only here.
        Kind.REPORT_DUE: LINE_ONLY,
        Kind.REPORT_OVERDUE: LINE_ONLY,
        Kind.REPORT_RETURNED: LINE_AND_EMAIL,
        Kind.REPORT_ACCEPTED: LINE_ONLY,
        Kind.STEP_OVERDUE: NONE,
        Kind.ORDER_REVIEW: LINE_ONLY,
        Kind.COMMITMENT_CHANGED: NONE,
        Kind.CHECKIN_OPENED: LINE_ONLY,
    },
    Role.PROVINCE: {
        Kind.REPORT_SUBMITTED: LINE_AND_EMAIL,
        Kind.ORDER_REVIEW: LINE_ONLY,
        Kind.CHECKIN_OPENED: LINE_ONLY,
    },
    Role.TAMBON: {
        Kind.STEP_OVERDUE: LINE_ONLY,
        Kind.ORDER_REVIEW: LINE_ONLY,
        Kind.COMMITMENT_CHANGED: LINE_ONLY,
        Kind.CHECKIN_OPENED: LINE_ONLY,
    },
}


def kinds_for(role: str) -> list[str]:
    """The kinds a role hears of, in the order of ``Kind``."""
    own = DEFAULTS.get(role, {})
    return [kind for kind in Kind.values if kind in own]


def on_by_default(role: str, kind: str, channel: str) -> bool:
    return channel == Channel.IN_APP or channel in DEFAULTS.get(role, {}).get(kind, NONE)
