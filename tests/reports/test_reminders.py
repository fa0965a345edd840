"""Reminders to districts that have not submitted their report: before the due date, overdue, and the
province's "remind now"; never the same reminder twice."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tambonplan.accounts.models import Role, User
from tambonplan.areas.models import District
from tambonplan.directives.models import Circular
from tambonplan.reports import reminders
from tambonplan.reports.models import DistrictReport, Reminder, ReminderKind, ReportState
from tambonplan.thai.dates import be_date_long

DUE = date(2026, 12, 15)
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture(autouse=True)
def mail_and_tasks(settings):
    settings.TASKS = IMMEDIATE
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.REPORT_REMINDER_DAYS_BEFORE = 3
    settings.SITE_URL = "https://tambonplan.example"


@pytest.fixture
def officers(personas):
    personas.district_officer.email = "mueang@example.com"
    personas.district_officer.save()
    personas.other_district_officer.email = "warin@example.com"
    personas.other_district_officer.save()
    personas.province_officer.email = "province@example.com"
    personas.province_officer.save()
    return personas


def make_circular(number="อบ ๐๐๑๙/ว ๕๓๑", due=DUE) -> Circular:
    circular = Circular.objects.create(
        issued_at=timezone.now(),
        province_id="34",
        office_name="สำนักงานพัฒนาชุมชนจังหวัดอุบลราชธานี",
        number=number,
        issued_on=date(2026, 11, 1),
        subject="การขับเคลื่อนแผนพัฒนาตำบล",
        addressees="นายอำเภอ ทุกอำเภอ",
        fiscal_year=2569,
        report_due=due,
    )
    circular.districts.set(District.objects.filter(code__in=["3401", "3415"]))
    return circular


@pytest.fixture
def circular(officers) -> Circular:
    return make_circular()


def schedule(capture, today: date) -> int:
    with capture(execute=True):
        return reminders.schedule_reminders(today)


def recipients(outbox) -> list[list[str]]:
    return sorted(message.to for message in outbox)


@pytest.mark.django_db
class TestBeforeDueDate:
    def test_due_minus_three_reminds_each_district_once(
        self, circular, mailoutbox, django_capture_on_commit_callbacks
    ):
        assert schedule(django_capture_on_commit_callbacks, DUE - timedelta(days=3)) == 2
        assert recipients(mailoutbox) == [["mueang@example.com"], ["warin@example.com"]]
        reminder = Reminder.objects.get(district_id="3401")
        assert reminder.kind == ReminderKind.BEFORE
        assert reminder.for_date == DUE
        assert reminder.sent_at is not None
        assert reminder.recipients == "mueang@example.com"

    def test_due_minus_four_is_too_early(self, circular, mailoutbox, django_capture_on_commit_callbacks):
        assert schedule(django_capture_on_commit_callbacks, DUE - timedelta(days=4)) == 0
        assert mailoutbox == []
        assert not Reminder.objects.exists()

    def test_not_duplicated_the_same_day_or_the_next(
        self, circular, mailoutbox, django_capture_on_commit_callbacks
    ):
        schedule(django_capture_on_commit_callbacks, DUE - timedelta(days=3))
        assert schedule(django_capture_on_commit_callbacks, DUE - timedelta(days=3)) == 0
        assert schedule(django_capture_on_commit_callbacks, DUE - timedelta(days=2)) == 0
        assert schedule(django_capture_on_commit_callbacks, DUE) == 0
        assert len(mailoutbox) == 2
        assert Reminder.objects.count() == 2

    def test_submitted_district_gets_nothing(self, circular, mailoutbox, django_capture_on_commit_callbacks):
        DistrictReport.objects.create(circular=circular, district_id="3401", state=ReportState.SUBMITTED)
        assert schedule(django_capture_on_commit_callbacks, DUE - timedelta(days=1)) == 1
        assert recipients(mailoutbox) == [["warin@example.com"]]

    def test_accepted_district_gets_nothing_but_draft_does(
        self, circular, mailoutbox, django_capture_on_commit_callbacks
    ):
        DistrictReport.objects.create(circular=circular, district_id="3401", state=ReportState.ACCEPTED)
        DistrictReport.objects.create(circular=circular, district_id="3415", state=ReportState.DRAFT)
        assert schedule(django_capture_on_commit_callbacks, DUE) == 1
        assert recipients(mailoutbox) == [["warin@example.com"]]

    def test_district_not_addressed_gets_nothing(
        self, circular, mailoutbox, django_capture_on_commit_callbacks
    ):
        circular.districts.set(District.objects.filter(code="3415"))
        schedule(django_capture_on_commit_callbacks, DUE)
        assert recipients(mailoutbox) == [["warin@example.com"]]

    def test_circular_without_due_date_is_never_reminded(self, circular, mailoutbox):
        circular.report_due = None
        circular.save()
        assert reminders.due_reminders(DUE) == []

    def test_days_before_setting(self, circular, settings, mailoutbox, django_capture_on_commit_callbacks):
        settings.REPORT_REMINDER_DAYS_BEFORE = 7
        assert schedule(django_capture_on_commit_callbacks, DUE - timedelta(days=7)) == 2


@pytest.mark.django_db
class TestOverdue:
    def test_overdue_reminded_once(self, circular, mailoutbox, django_capture_on_commit_callbacks):
        assert schedule(django_capture_on_commit_callbacks, DUE + timedelta(days=1)) == 2
        assert schedule(django_capture_on_commit_callbacks, DUE + timedelta(days=2)) == 0
        assert schedule(django_capture_on_commit_callbacks, DUE + timedelta(days=30)) == 0
        assert recipients(mailoutbox) == [["mueang@example.com"], ["warin@example.com"]]
        assert set(Reminder.objects.values_list("kind", "for_date")) == {(ReminderKind.OVERDUE, DUE)}
        assert "เลยกำหนด" in mailoutbox[0].subject

    def test_before_then_overdue_are_two_reminders(
        self, circular, mailoutbox, django_capture_on_commit_callbacks
    ):
        schedule(django_capture_on_commit_callbacks, DUE - timedelta(days=3))
        schedule(django_capture_on_commit_callbacks, DUE + timedelta(days=1))
        assert len(mailoutbox) == 4

    def test_returned_report_is_still_reminded(
        self, circular, mailoutbox, django_capture_on_commit_callbacks
    ):
        DistrictReport.objects.create(circular=circular, district_id="3401", state=ReportState.RETURNED)
        DistrictReport.objects.create(circular=circular, district_id="3415", state=ReportState.SUBMITTED)
        assert schedule(django_capture_on_commit_callbacks, DUE + timedelta(days=1)) == 1
        assert recipients(mailoutbox) == [["mueang@example.com"]]

    def test_a_year_old_due_date_is_no_longer_looked_at(self, circular):
        assert reminders.due_reminders(DUE + timedelta(days=365))
        assert reminders.due_reminders(DUE + timedelta(days=366)) == []


@pytest.mark.django_db
class TestManual:
    def test_once_per_district_per_day(
        self, circular, officers, mailoutbox, django_capture_on_commit_callbacks
    ):
        today = date(2026, 12, 1)
        DistrictReport.objects.create(circular=circular, district_id="3415", state=ReportState.SUBMITTED)
        with django_capture_on_commit_callbacks(execute=True):
            assert (
                reminders.remind_missing(circular=circular, user=officers.province_officer, today=today) == 1
            )
        with django_capture_on_commit_callbacks(execute=True):
            assert (
                reminders.remind_missing(circular=circular, user=officers.province_officer, today=today) == 0
            )
        assert recipients(mailoutbox) == [["mueang@example.com"]]
        assert "จังหวัดขอให้ส่ง" in mailoutbox[0].body
        with django_capture_on_commit_callbacks(execute=True):
            assert (
                reminders.remind_missing(
                    circular=circular, user=officers.province_officer, today=today + timedelta(days=1)
                )
                == 1
            )
        assert len(mailoutbox) == 2

    def test_circular_without_due_date(
        self, circular, officers, mailoutbox, django_capture_on_commit_callbacks
    ):
        circular.report_due = None
        circular.save()
        with django_capture_on_commit_callbacks(execute=True):
            assert reminders.remind_missing(circular=circular, user=officers.province_officer) == 2
        assert len(mailoutbox) == 2
        assert "กำหนดส่ง" not in mailoutbox[0].subject
        assert circular.number in mailoutbox[0].subject

    def test_refused_to_district_officer_and_other_province(self, circular, officers, mailoutbox):
        with pytest.raises(PermissionDenied):
            reminders.remind_missing(circular=circular, user=officers.district_officer)
        with pytest.raises(PermissionDenied):
            reminders.remind_missing(circular=circular, user=officers.outsider)
        assert not Reminder.objects.exists()
        assert mailoutbox == []


@pytest.mark.django_db
class TestSendReminder:
    def reminder(self, circular, code="3401", kind=ReminderKind.BEFORE) -> Reminder:
        return Reminder.objects.create(circular=circular, district_id=code, kind=kind, for_date=DUE)

    def test_twice_sends_one_email(self, circular, mailoutbox):
        reminder = self.reminder(circular)
        assert reminders.send_reminder(reminder.pk) == 1
        assert reminders.send_reminder(reminder.pk) == 0
        assert len(mailoutbox) == 1

    def test_submitted_meanwhile_sends_nothing(self, circular, mailoutbox):
        reminder = self.reminder(circular)
        DistrictReport.objects.create(circular=circular, district_id="3401", state=ReportState.SUBMITTED)
        assert reminders.send_reminder(reminder.pk) == 0
        reminder.refresh_from_db()
        assert reminder.sent_at is not None
        assert reminder.recipients == ""
        assert mailoutbox == []

    def test_no_recipient_records_it_sent(self, circular, officers, mailoutbox):
        officers.district_officer.email = ""
        officers.district_officer.save()
        reminder = self.reminder(circular)
        assert reminders.send_reminder(reminder.pk) == 0
        reminder.refresh_from_db()
        assert reminder.sent_at is not None
        assert mailoutbox == []

    def test_recipients_are_active_district_officers_of_the_district(self, circular, officers, mailoutbox):
        officers.tambon_officer.email = "tambon@example.com"
        officers.tambon_officer.save()
        User.objects.create_user("second", email="second@example.com", role=Role.DISTRICT, district_id="3401")
        User.objects.create_user(
            "gone", email="gone@example.com", role=Role.DISTRICT, district_id="3401", is_active=False
        )
        reminder = self.reminder(circular)
        assert reminders.send_reminder(reminder.pk) == 2
        assert mailoutbox[0].to == ["mueang@example.com", "second@example.com"]
        reminder.refresh_from_db()
        assert reminder.recipients == "mueang@example.com,second@example.com"

    def test_email_content(self, circular, mailoutbox):
        reminder = self.reminder(circular)
        reminders.send_reminder(reminder.pk, today=DUE - timedelta(days=3))
        message = mailoutbox[0]
        due_text = be_date_long(DUE)
        district_name = District.objects.get(code="3401").name_th
        assert "\n" not in message.subject
        for text in (circular.number, district_name, due_text):
            assert text in message.subject
            assert text in message.body
        assert circular.subject in message.body
        assert f"อำเภอ{district_name}" in message.body
        assert "ใกล้ถึงกำหนด" in message.body
        assert "อีก 3 วัน" in message.body
        assert reminders.report_link(circular, "3401") in message.body
        assert reminders.report_link(circular, "3401").startswith("https://tambonplan.example/")
        assert "&amp;" not in message.body

    def test_overdue_email_says_so(self, circular, mailoutbox):
        reminder = self.reminder(circular, kind=ReminderKind.OVERDUE)
        reminders.send_reminder(reminder.pk, today=DUE + timedelta(days=1))
        assert "เลยกำหนดส่งรายงานแล้ว" in mailoutbox[0].body


@pytest.mark.django_db
class TestCommand:
    def test_schedules_for_the_date(self, circular, mailoutbox):
        out = StringIO()
        call_command("send_reminders", "--date", (DUE - timedelta(days=3)).isoformat(), stdout=out)
        assert "ตั้งเวลาส่งคำเตือน 2 รายการ" in out.getvalue()
        assert Reminder.objects.count() == 2
        out = StringIO()
        call_command("send_reminders", "--date", (DUE - timedelta(days=2)).isoformat(), stdout=out)
        assert "ตั้งเวลาส่งคำเตือน 0 รายการ" in out.getvalue()

    def test_queues_without_sending(self, circular, settings, mailoutbox):
        settings.TASKS = DUMMY
        call_command("send_reminders", "--date", DUE.isoformat(), stdout=StringIO())
        assert Reminder.objects.count() == 2
        assert mailoutbox == []

    def test_now_sends_in_process(self, circular, settings, mailoutbox):
        settings.TASKS = DUMMY  # no worker: only --now sends
        out = StringIO()
        call_command("send_reminders", "--date", (DUE + timedelta(days=1)).isoformat(), "--now", stdout=out)
        assert "ตั้งเวลาส่งคำเตือน 2 รายการ" in out.getvalue()
        assert "ส่งอีเมลเตือนแล้ว 2 ฉบับ" in out.getvalue()
        assert recipients(mailoutbox) == [["mueang@example.com"], ["warin@example.com"]]
        assert not Reminder.objects.filter(sent_at__isnull=True).exists()
        call_command(
            "send_reminders", "--date", (DUE + timedelta(days=2)).isoformat(), "--now", stdout=StringIO()
        )
        assert len(mailoutbox) == 2

    def test_bad_date(self, circular):
        with pytest.raises(CommandError, match="ไม่ถูกต้อง"):
            call_command("send_reminders", "--date", "15/12/2569", stdout=StringIO())
        with pytest.raises(CommandError):
            call_command("send_reminders", "--date", "2026-02-30", stdout=StringIO())


@pytest.mark.django_db
def test_due_reminders_query_count_does_not_grow(officers):
    make_circular("อบ 1")
    with CaptureQueriesContext(connection) as one:
        assert len(reminders.due_reminders(DUE)) == 2
    make_circular("อบ 2")
    make_circular("อบ 3", due=DUE + timedelta(days=1))
    with CaptureQueriesContext(connection) as three:
        assert len(reminders.due_reminders(DUE)) == 6
    assert len(three.captured_queries) == len(one.captured_queries) <= 3


@pytest.mark.django_db
def test_task_sends_the_reminder(circular, mailoutbox):
    from tambonplan.reports.tasks import send_reminder_task

    reminder = Reminder.objects.create(circular=circular, district_id="3415", kind="before", for_date=DUE)
    result = send_reminder_task.enqueue(reminder.pk)
    assert result.return_value == 1
    assert recipients(mailoutbox) == [["warin@example.com"]]
