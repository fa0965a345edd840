"""What the daily ``send_notifications`` finds to tell, each decided by the rule of the app that owns it:

- report due / overdue: ``reports.reminders.due_reminders`` (the districts still owing a report to an issued
  circular, from ``REPORT_REMINDER_DAYS_BEFORE`` days before its due date);
- step overdue: ``PlanStep.is_overdue``, for steps due in the last ``LOOKBACK_DAYS`` days (enabling the
  notifications does not flood the offices with last year's steps);
- order needs review: ``committees.selectors.committees_to_renew`` (the home's to-do list), the orders in
  force whose currency says "needs review", as each officer looks after them;
- check-in opened: events whose QR check-in window is open now.

Every event has its key, so running it again the same day (or the next) tells nothing twice.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from tambonplan.accounts.models import Role, User
from tambonplan.committees.currency import NEEDS_REVIEW
from tambonplan.committees.selectors import committees_to_renew
from tambonplan.events.models import CHECKIN_OPENS_BEFORE, Event
from tambonplan.notifications import events
from tambonplan.planning.models import PlanStep, StepStatus
from tambonplan.reports.reminders import due_reminders
from tambonplan.thai.dates import fiscal_year_of

LOOKBACK_DAYS = 30


@dataclass
class Told:
    """How many users were told of each kind in this run."""

    counts: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, users: int) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + users

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def tell_due(*, today: date, now: datetime) -> Told:
    told = Told()
    for circular, district_code, _kind, _for_date in due_reminders(today):
        if circular.is_issued:
            told.add("report_due", events.report_due(circular, district_code, today=today))
    steps = (
        PlanStep.objects.filter(
            definition__due_date__lt=today, definition__due_date__gte=today - timedelta(days=LOOKBACK_DAYS)
        )
        .exclude(status=StepStatus.DONE)
        .select_related("definition", "plan__tambon")
    )
    for step in steps:
        if step.is_overdue(today):
            told.add("step_overdue", events.step_overdue(step, today=today))
    told.add("order_review", _orders_to_review(fiscal_year_of(today)))
    window = Event.objects.filter(starts_at__lte=now + CHECKIN_OPENS_BEFORE, checkin_closes_at__gt=now)
    for event in window.select_related("province", "district", "tambon", "village", "created_by"):
        told.add("checkin_opened", events.checkin_opened(event))
    return told


def _orders_to_review(fiscal_year: int) -> int:
    """Each officer hears of the orders needing review that their home page lists. Officers of the same area
    (a district's, a province's) share one look-up; tambon officers each have their own tambons."""
    officers = User.objects.filter(is_active=True, role__in=(Role.PROVINCE, Role.DISTRICT, Role.TAMBON))
    alike: dict[tuple, list] = {}
    for officer in officers.order_by("pk"):
        key = ("tambon", officer.pk) if officer.role == Role.TAMBON else (officer.role, officer.area_code)
        alike.setdefault(key, []).append(officer)
    told = 0
    for users in alike.values():
        for row in committees_to_renew(users[0], fiscal_year=fiscal_year):
            if row.currency.state == NEEDS_REVIEW and row.order is not None:
                told += events.order_review(row, fiscal_year=fiscal_year, users=users)
    return told
