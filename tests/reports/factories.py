"""Circulars and district reports for the reports tests: the Ubon circular addressed to Mueang and Warin."""

from datetime import date, datetime, time

from django.utils import timezone

from tambonplan.areas.models import District
from tambonplan.directives.models import DEFAULT_TOPICS, Circular, Instruction
from tambonplan.reports import services
from tambonplan.reports.models import DistrictReport
from tambonplan.thai.dates import BANGKOK
from tests.planning.factories import MUEANG, UBON, WARIN, fiscal_year

DUE = date(2026, 12, 15)


def circular(*, due: date | None = DUE, districts=(MUEANG, WARIN), year: int | None = None) -> Circular:
    made = Circular.objects.create(
        issued_at=timezone.now(),
        province_id=UBON,
        office_name="ศาลากลางจังหวัดอุบลราชธานี",
        number="อบ ๐๐๑๙/ว ๕๓๑",
        issued_on=date(2026, 11, 1),
        subject="แนวทางการขับเคลื่อนการจัดทำและประสานแผนพัฒนาตำบล",
        addressees="นายอำเภอ ทุกอำเภอ",
        fiscal_year=year or fiscal_year(),
        report_due=due,
    )
    made.districts.set(District.objects.filter(code__in=districts))
    for number, topic in enumerate([*DEFAULT_TOPICS, ""], start=1):
        Instruction.objects.create(circular=made, number=number, text=f"ข้อสั่งการที่ {number}", topic=topic)
    return made


def bangkok(day: date, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute, second), tzinfo=BANGKOK)


def filled_report(user, made: Circular, district: str = MUEANG) -> DistrictReport:
    """A draft ready to submit: the reporter is filled in."""
    report = services.start_report(user=user, circular=made, district_code=district)
    report.reporter_name = "นางสาวสมศรี รายงานดี"
    report.reporter_position = "พัฒนาการอำเภอ"
    report.reporter_phone = "045-123456"
    report.save()
    return report


def submitted(user, made: Circular, district: str = MUEANG, *, at: datetime | None = None):
    report = filled_report(user, made, district)
    return services.submit(user=user, report=report, now=at)
