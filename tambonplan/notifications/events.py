"""The events the apps tell, each as one function: it writes the Thai message (a title with the figure that
matters, a line of detail, the item's page) and picks the recipients by area, then hands them to
``services.notify``. Call them inside the transaction that makes the change: the in-app notifications are
written with it, and LINE and e-mail go out once it commits.

Called by the apps: ``circular_issued`` (directives, on issuing), ``commitment_changed`` (partners, on a
status move), ``report_submitted``/``report_returned``/``report_accepted`` (reports, on each review step) and
``report_due`` (reports' reminders and the daily ``send_notifications``); ``step_overdue``, ``order_review``
and ``checkin_opened`` by ``send_notifications`` (``due.py``).
"""

import functools
from datetime import date

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from tambonplan.areas.models import District
from tambonplan.notifications.kinds import Kind
from tambonplan.notifications.recipients import (
    district_officers,
    group_area_of,
    officers_of,
    province_officers,
    tambon_officers,
)
from tambonplan.notifications.services import Message, notify
from tambonplan.thai.dates import bangkok_today, be_date_long
from tambonplan.thai.money import format_baht

COMMENT_CHARS = 200


def _date(day: date) -> str:
    return be_date_long(day, thai_digits=False)


def _circular_line(circular) -> str:
    return _("หนังสือ ที่ %(number)s เรื่อง %(subject)s") % {"number": circular.number, "subject": circular.subject}


def _thai(build):
    """Messages are written in Thai whatever language the request that caused them uses (as e-mails were)."""

    @functools.wraps(build)
    def wrapper(*args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return build(*args, **kwargs)

    return wrapper


# ---------------------------------------------------------------- circulars and reports


@_thai
def circular_issued(circular) -> int:
    """The province issued a circular: its addressed districts' officers and LINE groups."""
    codes = list(circular.districts.values_list("code", flat=True))
    body = _("จังหวัด%(province)s ออกหนังสือลงวันที่ %(date)s") % {
        "province": circular.province.name_th,
        "date": _date(circular.issued_on),
    }
    if circular.report_due:
        body += " · " + _("กำหนดส่งรายงานผลภายในวันที่ %(due)s") % {"due": _date(circular.report_due)}
    message = Message(
        kind=Kind.CIRCULAR_ISSUED,
        key=f"circular_issued:{circular.pk}",
        title=_("หนังสือสั่งการใหม่ ที่ %(number)s เรื่อง %(subject)s")
        % {"number": circular.number, "subject": circular.subject},
        body=body,
        path=reverse("directives:detail", args=[circular.pk]),
        area_code=circular.province_id,
    )
    return notify(message, users=district_officers(codes), group_areas=codes)


@_thai
def report_due(circular, district_code: str, *, today: date | None = None, requested: bool = False) -> int:
    """A district still owes its report to the circular: "due in N days" up to the due date, "overdue by N
    days" after it. Once per circular, district and due date; with `requested` (the province's "remind now")
    once per day. To the district's officers and LINE group."""
    due = circular.report_due
    if due is None:
        return 0
    today = today or bangkok_today()
    days = (due - today).days
    if days < 0:
        kind, title = Kind.REPORT_OVERDUE, _("เลยกำหนดส่งรายงานผลมาแล้ว %(days)s วัน") % {"days": -days}
    elif days == 0:
        kind, title = Kind.REPORT_DUE, _("ครบกำหนดส่งรายงานผลวันนี้")
    else:
        kind, title = Kind.REPORT_DUE, _("อีก %(days)s วันถึงกำหนดส่งรายงานผล") % {"days": days}
    if requested:
        title = _("จังหวัดขอให้ส่งรายงานผล") + ": " + title
    district = District.objects.get(code=district_code)
    key = f"{kind}:{circular.pk}:{district_code}:{due.isoformat()}" + (f":asked:{today}" if requested else "")
    message = Message(
        kind=kind,
        key=key,
        title=title + " " + _("(อำเภอ%(district)s)") % {"district": district.name_th},
        body=_circular_line(circular) + " · " + _("กำหนดส่ง %(due)s") % {"due": _date(due)},
        path=reverse("reports:district", args=[circular.pk, district_code]),
        area_code=district_code,
    )
    return notify(message, users=district_officers([district_code]), group_areas=[district_code])


def _report_versions(report) -> int:
    return report.versions.count()


@_thai
def report_submitted(report) -> int:
    """A district submitted its report: the province's officers and LINE group, with how many of the
    addressed districts have submitted."""
    from tambonplan.reports.models import EDITABLE_STATES, DistrictReport

    circular = report.circular
    submitted = DistrictReport.objects.filter(circular=circular).exclude(state__in=EDITABLE_STATES).count()
    number = _report_versions(report)
    message = Message(
        kind=Kind.REPORT_SUBMITTED,
        key=f"report_submitted:{report.pk}:{number}",
        title=_("อำเภอ%(district)s ส่งรายงานผลแล้ว (ส่งแล้ว %(submitted)s จาก %(total)s อำเภอ)")
        % {"district": report.district.name_th, "submitted": submitted, "total": circular.districts.count()},
        body=_circular_line(circular) + " · " + _("ส่งครั้งที่ %(number)s") % {"number": number},
        path=reverse("reports:detail", args=[report.pk]),
        area_code=report.district_id,
    )
    province = circular.province_id
    return notify(message, users=province_officers([province]), group_areas=[province])


@_thai
def report_returned(report) -> int:
    """The province sent the report back for correction (or reopened it): the district's officers and LINE
    group, with the province's comment."""
    number = _report_versions(report)
    body = _circular_line(report.circular)
    if report.review_comment:
        comment = Truncator(report.review_comment).chars(COMMENT_CHARS)
        body += " · " + _("ความเห็น: %(comment)s") % {"comment": comment}
    message = Message(
        kind=Kind.REPORT_RETURNED,
        key=f"report_returned:{report.pk}:{number}",
        title=_("จังหวัดส่งรายงานผลของอำเภอ%(district)s กลับให้แก้ไข") % {"district": report.district.name_th},
        body=body,
        path=reverse("reports:detail", args=[report.pk]),
        area_code=report.district_id,
    )
    return notify(message, users=district_officers([report.district_id]), group_areas=[report.district_id])


@_thai
def report_accepted(report) -> int:
    """The province accepted the report: the district's officers and LINE group."""
    number = _report_versions(report)
    message = Message(
        kind=Kind.REPORT_ACCEPTED,
        key=f"report_accepted:{report.pk}:{number}",
        title=_("จังหวัดรับรายงานผลของอำเภอ%(district)s แล้ว (ส่งครั้งที่ %(number)s)")
        % {"district": report.district.name_th, "number": number},
        body=_circular_line(report.circular),
        path=reverse("reports:detail", args=[report.pk]),
        area_code=report.district_id,
    )
    return notify(message, users=district_officers([report.district_id]), group_areas=[report.district_id])


# ---------------------------------------------------------------- plans, committees, partners, events


@_thai
def step_overdue(step, *, today: date | None = None) -> int:
    """A plan step passed its due date undone: the tambon's CD officers, the district's officers and its
    LINE group. Once per step and due date."""
    today = today or bangkok_today()
    due = step.definition.due_date
    tambon = step.plan.tambon
    message = Message(
        kind=Kind.STEP_OVERDUE,
        key=f"step_overdue:{step.pk}:{due.isoformat()}",
        title=_("ขั้นตอน “%(step)s” ของตำบล%(tambon)s เลยกำหนด %(days)s วัน")
        % {"step": step.definition.name_th, "tambon": tambon.name_th, "days": (today - due).days},
        body=_("กำหนดแล้วเสร็จ %(due)s · แผนพัฒนาตำบล ปีงบประมาณ %(year)s")
        % {"due": _date(due), "year": step.plan.fiscal_year},
        path=reverse("planning:step", args=[step.pk]),
        area_code=tambon.code,
    )
    users = list(tambon_officers([tambon.code])) + list(district_officers([tambon.district_id]))
    return notify(message, users=users, group_areas=[tambon.district_id])


@_thai
def order_review(row, *, fiscal_year: int, users) -> int:
    """A committee's order in force needs review (``committees.currency``), with its first reason: to the
    given officers (those who look after it) and the area's LINE group. Once per order and fiscal year."""
    reasons = row.currency.reasons
    body = reasons[0] if reasons else ""
    if len(reasons) > 1:
        body += " " + _("และอีก %(count)s เหตุผล") % {"count": len(reasons) - 1}
    message = Message(
        kind=Kind.ORDER_REVIEW,
        key=f"order_review:{row.order.pk}:{fiscal_year}",
        title=_("คำสั่งแต่งตั้ง %(kind)s %(area)s ต้องทบทวน")
        % {"kind": row.kind.short_name, "area": row.area_name},
        body=body,
        path=reverse("committees:committee", args=[row.kind.code, row.area_code]),
        area_code=row.area_code,
    )
    return notify(message, users=users, group_areas=[group_area_of(row.area_code)])


@_thai
def commitment_changed(commitment, *, actor=None) -> int:
    """A partner's commitment moved to another status: the CD officers of the project's tambon and the
    district's officers (not the one who moved it)."""
    tambon = commitment.project.plan.tambon
    status = commitment.get_status_display()
    message = Message(
        kind=Kind.COMMITMENT_CHANGED,
        key=f"commitment_changed:{commitment.pk}:{commitment.version}",
        title=_("%(partner)s: การสนับสนุนโครงการ%(project)s เป็น “%(status)s”")
        % {"partner": commitment.partner.name, "project": commitment.project.name, "status": status},
        body=_("มูลค่า %(value)s บาท · ตำบล%(tambon)s")
        % {"value": format_baht(commitment.value or 0), "tambon": tambon.name_th},
        path=reverse("partners:commitment", args=[commitment.pk]),
        area_code=tambon.code,
    )
    users = list(tambon_officers([tambon.code])) + list(district_officers([tambon.district_id]))
    return notify(message, users=users, actor=actor)


@_thai
def checkin_opened(event) -> int:
    """The QR check-in of an event is open: its organisers (who made it, its facilitators) and the officers of
    its own area, with the link to the event (where its QR code is). Once per event and start day."""
    starts = timezone.localtime(event.starts_at)
    message = Message(
        kind=Kind.CHECKIN_OPENED,
        key=f"checkin_opened:{event.pk}:{starts.date().isoformat()}",
        title=_("เปิดลงทะเบียนด้วยคิวอาร์โค้ดแล้ว: %(title)s") % {"title": event.title},
        body=_("%(when)s · %(place)s") % {"when": event.when_label, "place": event.venue or event.area_name},
        path=reverse("events:detail", args=[event.pk]),
        area_code=event.area_code,
    )
    users = list(officers_of(event.area_code)) + list(event.facilitators.all())
    if event.created_by is not None:
        users.append(event.created_by)
    return notify(message, users=users)
