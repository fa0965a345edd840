"""The on-time rule: before the end of the due date in Thailand."""

from datetime import UTC, date, datetime

from tambonplan.directives.models import Circular, paragraphs_of
from tambonplan.thai.dates import BANGKOK


def circular(due=date(2023, 5, 15)) -> Circular:
    return Circular(report_due=due)


def test_on_time_at_the_last_second_of_the_due_date():
    assert circular().is_on_time(datetime(2023, 5, 15, 23, 59, 59, tzinfo=BANGKOK))


def test_late_at_midnight_after_the_due_date():
    assert not circular().is_on_time(datetime(2023, 5, 16, 0, 0, 0, tzinfo=BANGKOK))


def test_on_time_rule_uses_bangkok_time_not_utc():
    # 16:59:59 UTC is 23:59:59 in Bangkok; 17:00 UTC is already the next day there.
    assert circular().is_on_time(datetime(2023, 5, 15, 16, 59, 59, tzinfo=UTC))
    assert not circular().is_on_time(datetime(2023, 5, 15, 17, 0, 0, tzinfo=UTC))


def test_without_due_date_every_report_is_on_time():
    assert circular(None).is_on_time(datetime(2030, 1, 1, tzinfo=BANGKOK))


def test_paragraphs_are_separated_by_blank_lines():
    assert paragraphs_of("หนึ่ง\nต่อ\n\nสอง\r\n\r\nสาม") == ["หนึ่ง ต่อ", "สอง", "สาม"]
