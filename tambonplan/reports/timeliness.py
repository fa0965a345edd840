"""When a district's report is on time: the one rule, read by the rates page, the consolidation (screen, PDF,
DOCX, XLSX), the report's own pages, the reminders and the API.

- A submission is on time when it reaches the province by the end of the circular's due date in Thailand
  (`is_on_time`); with no due date every submission is. Each version is stamped with its verdict when it is
  submitted (`ReportVersion.on_time`): a fact about that submission, shown on the version's page.
- A district's report is on time when its FIRST submission was (`first_submissions`): a report returned for
  correction and sent again after the due date does not make the district late.
- A district that has not submitted is overdue from the day after the due date (`is_overdue`).
- The words are "ทันกำหนด" and "ล่าช้า" everywhere (`label`, and the `timeliness_badge` template tag).
"""

from datetime import date, datetime

from django.db.models import Count, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from tambonplan.thai.dates import BANGKOK


def is_on_time(circular, submitted_at: datetime) -> bool:
    """Whether a submission at `submitted_at` is on time for the circular (by the end of its due date in
    Asia/Bangkok; always, when it has none)."""
    if circular.report_due is None:
        return True
    if timezone.is_naive(submitted_at):
        submitted_at = timezone.make_aware(submitted_at, BANGKOK)
    return timezone.localtime(submitted_at, BANGKOK).date() <= circular.report_due


def is_overdue(circular, today: date) -> bool:
    """Whether a district that has not submitted is late on `today`."""
    return circular.report_due is not None and today > circular.report_due


def first_submissions(circular) -> dict[str, tuple[int, datetime, bool]]:
    """District code -> (number of submissions, the first one's time, whether the district's report is on
    time), for every district that submitted to the circular: one query."""
    from tambonplan.reports.models import ReportVersion

    rows = (
        ReportVersion.objects.filter(report__circular=circular)
        .values("report__district_id")
        .annotate(n=Count("id"), first=Min("submitted_at"))
        .values_list("report__district_id", "n", "first")
    )
    return {code: (n, first, is_on_time(circular, first)) for code, n, first in rows}


def label(on_time: bool) -> str:
    return _("ทันกำหนด") if on_time else _("ล่าช้า")
