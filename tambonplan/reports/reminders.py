"""Reminders to districts that still owe their report to a circular: a few days before the due date
("before"), once the date has passed ("overdue"), and when the province asks ("manual").

Each reminder is first recorded as a ``Reminder`` row, whose unique key (circular, district, kind, for_date)
is what keeps it from ever being sent twice; only a newly created row is handed to the background task queue
(after the transaction commits), and the task sends one email to the district's officers and records it.

- "before": from ``REPORT_REMINDER_DAYS_BEFORE`` days before the due date up to the due date itself; its
  for_date is the due date, so there is one per due date whichever day of the window it goes out.
- "overdue": any day after the due date; its for_date is also the due date, so there is one per due date.
  Circulars whose due date is more than ``OVERDUE_LOOKBACK_DAYS`` days ago are no longer looked at, which
  bounds the daily work (a district that missed a due date by a year was reminded long ago anyway).
- "manual": the province's "remind now"; its for_date is the day, so at most one per district per day.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tambonplan.accounts.scope import may_manage_province
from tambonplan.accounts.selectors import district_officer_emails
from tambonplan.core.site_url import absolute_url
from tambonplan.directives.models import Circular
from tambonplan.reports.models import EDITABLE_STATES, DistrictReport, Reminder, ReminderKind
from tambonplan.reports.timeliness import is_overdue
from tambonplan.thai.dates import bangkok_today, be_date_long

# Circulars due longer ago than this get no more (overdue) reminders: it bounds the daily work.
OVERDUE_LOOKBACK_DAYS = 365


def days_before() -> int:
    """How many days before the due date the "before" reminder may go out (setting, default 3)."""
    return settings.REPORT_REMINDER_DAYS_BEFORE


# ---------------------------------------------------------------- who still owes the report


def _owing_districts(circular_ids) -> dict[int, list[str]]:
    """For each circular, the codes of its addressed districts that still owe the report (no report yet,
    or a draft or a returned one), in code order. Two queries whatever the number of circulars."""
    addressed = (
        Circular.districts.through.objects.filter(circular_id__in=circular_ids)
        .order_by("circular_id", "district_id")
        .values_list("circular_id", "district_id")
    )
    submitted = set(
        DistrictReport.objects.filter(circular_id__in=circular_ids)
        .exclude(state__in=EDITABLE_STATES)
        .values_list("circular_id", "district_id")
    )
    owing: dict[int, list[str]] = {}
    for circular_id, district_code in addressed:
        if (circular_id, district_code) not in submitted:
            owing.setdefault(circular_id, []).append(district_code)
    return owing


def still_owes(circular_id: int, district_code: str) -> bool:
    """Whether the district has not submitted its report to the circular (none, draft or returned)."""
    return not (
        DistrictReport.objects.filter(circular_id=circular_id, district_id=district_code)
        .exclude(state__in=EDITABLE_STATES)
        .exists()
    )


def due_reminders(today: date) -> list[tuple[Circular, str, str, date]]:
    """The automatic reminders due on `today`: (circular, district code, kind, for_date) for every addressed
    district still owing its report to a circular whose due date is within reach. Three queries whatever the
    number of circulars and districts; circulars due more than ``OVERDUE_LOOKBACK_DAYS`` days ago are skipped.
    """
    circulars = list(
        Circular.objects.filter(
            report_due__isnull=False,
            report_due__gte=today - timedelta(days=OVERDUE_LOOKBACK_DAYS),
            report_due__lte=today + timedelta(days=days_before()),
        ).order_by("report_due", "id")
    )
    if not circulars:
        return []
    owing = _owing_districts([circular.pk for circular in circulars])
    due = []
    for circular in circulars:
        kind = ReminderKind.OVERDUE if is_overdue(circular, today) else ReminderKind.BEFORE
        for district_code in owing.get(circular.pk, []):
            due.append((circular, district_code, str(kind), circular.report_due))
    return due


# ---------------------------------------------------------------- scheduling


def _enqueue(reminder_id: int) -> None:
    from tambonplan.reports.tasks import send_reminder_task

    send_reminder_task.enqueue(reminder_id)


def _create(circular_id: int, district_code: str, kind: str, for_date: date) -> Reminder | None:
    """The new reminder, or None if the same one already exists (made earlier or by a concurrent run)."""
    try:
        with transaction.atomic():
            return Reminder.objects.create(
                circular_id=circular_id, district_id=district_code, kind=kind, for_date=for_date
            )
    except IntegrityError:
        return None


def _create_all(wanted: list[tuple[int, str, str, date]]) -> list[Reminder]:
    """Create the wanted reminders that do not exist yet; one query finds those that already do."""
    if not wanted:
        return []
    existing = set(
        Reminder.objects.filter(
            circular_id__in={w[0] for w in wanted},
            kind__in={w[2] for w in wanted},
            for_date__in={w[3] for w in wanted},
        ).values_list("circular_id", "district_id", "kind", "for_date")
    )
    created = []
    for key in wanted:
        if key in existing:
            continue
        reminder = _create(*key)
        if reminder is not None:
            created.append(reminder)
    return created


@transaction.atomic
def create_due_reminders(today: date | None = None) -> list[Reminder]:
    """Record the automatic reminders due on `today` (Bangkok's today by default) that were not recorded
    yet, without sending them; the new ones are returned."""
    today = today or bangkok_today()
    return _create_all([(c.pk, code, kind, for_date) for c, code, kind, for_date in due_reminders(today)])


@transaction.atomic
def schedule_reminders(today: date | None = None) -> int:
    """Record the automatic reminders due on `today` and queue each new one for sending once the
    transaction commits. Returns how many were newly scheduled: running it again the same day (or the next
    one) schedules nothing new."""
    created = create_due_reminders(today)
    for reminder in created:
        transaction.on_commit(lambda pk=reminder.pk: _enqueue(pk))
    return len(created)


@transaction.atomic
def remind_missing(*, circular: Circular, user, today: date | None = None) -> int:
    """The province's "remind now": a manual reminder to every addressed district still owing its report,
    at most one per district per day. Returns how many were scheduled. Raises PermissionDenied for anyone
    who cannot manage the circular's province."""
    if not may_manage_province(user, circular.province_id):
        raise PermissionDenied
    today = today or bangkok_today()
    owing = _owing_districts([circular.pk]).get(circular.pk, [])
    created = _create_all([(circular.pk, code, str(ReminderKind.MANUAL), today) for code in owing])
    for reminder in created:
        transaction.on_commit(lambda pk=reminder.pk: _enqueue(pk))
    return len(created)


# ---------------------------------------------------------------- sending


def report_link(circular: Circular, district_code: str) -> str:
    """The absolute link to the district's report page: ``settings.SITE_URL`` joined with its path."""
    return absolute_url(reverse("reports:district", args=[circular.pk, district_code]))


def _status_text(reminder: Reminder, today: date) -> str:
    due = reminder.circular.report_due
    if reminder.kind == ReminderKind.MANUAL:
        return _("จังหวัดขอให้ส่งรายงาน")
    if due is None or reminder.kind == ReminderKind.OVERDUE or today > due:
        return _("เลยกำหนดส่งรายงานแล้ว")
    days_left = (due - today).days
    if days_left == 0:
        return _("ใกล้ถึงกำหนดส่งรายงาน (ครบกำหนดวันนี้)")
    return _("ใกล้ถึงกำหนดส่งรายงาน (อีก %(days)s วัน)") % {"days": days_left}


def reminder_email(reminder: Reminder, recipients: list[str], today: date | None = None) -> EmailMessage:
    """The Thai email for the reminder (in the site's language whatever language is active)."""
    today = today or bangkok_today()
    circular = reminder.circular
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "circular": circular,
            "number": circular.number,
            "circular_subject": circular.subject,
            "district_name": reminder.district.name_th,
            "due_date": be_date_long(circular.report_due, thai_digits=False),
            "kind": reminder.kind,
            "status": _status_text(reminder, today),
            "link": report_link(circular, reminder.district_id),
        }
        subject = " ".join(render_to_string("reports/email/reminder_subject.txt", context).split())
        body = render_to_string("reports/email/reminder_body.txt", context).strip() + "\n"
    return EmailMessage(subject=subject, body=body, to=recipients)


def send_reminder(reminder_id: int, *, today: date | None = None) -> int:
    """Send the reminder: one email to the district's officers, unless it was already sent (a retried task),
    the district has submitted meanwhile or nobody has an email address. Records when it was sent and to whom;
    returns the number of recipients (0 when nothing was sent). The reminder row stays locked while sending,
    so two workers cannot both send it."""
    with transaction.atomic():
        reminder = (
            Reminder.objects.select_for_update()
            .select_related("circular", "district")
            .filter(pk=reminder_id)
            .first()
        )
        if reminder is None or reminder.sent_at is not None:
            return 0
        recipients = (
            district_officer_emails([reminder.district_id])
            if still_owes(reminder.circular_id, reminder.district_id)
            else []
        )
        if recipients:
            reminder_email(reminder, recipients, today).send()
        reminder.sent_at = timezone.now()
        reminder.recipients = ",".join(recipients)
        reminder.save(update_fields=["sent_at", "recipients"])
        return len(recipients)


def send_pending(*, today: date | None = None, since_days: int = 7) -> tuple[int, int]:
    """Send, in this process, every reminder not sent yet that was recorded in the last `since_days` days
    (for installations without a task worker). Returns (emails sent, their recipients)."""
    pending = Reminder.objects.filter(
        sent_at__isnull=True, created_at__gte=timezone.now() - timedelta(days=since_days)
    ).order_by("created_at", "id")
    sent = recipients = 0
    for reminder_id in list(pending.values_list("pk", flat=True)):
        count = send_reminder(reminder_id, today=today)
        if count:
            sent += 1
            recipients += count
    return sent, recipients
