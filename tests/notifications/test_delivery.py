"""Sending: LINE answering 500 is tried again later and the message goes out once; a refusal is given up and
shown to administrators; reminders reach a recipient as one digest a day; each user's choices (and the
province's mandatory deadline reminders) decide the channels."""

from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tambonplan.accounts.models import Role
from tambonplan.notifications import events, services
from tambonplan.notifications.models import Delivery, DeliveryStatus, Notification, Preference
from tambonplan.notifications.selectors import chosen_channels, preference_rows
from tambonplan.thai.dates import BANGKOK, bangkok_today
from tests.conftest import make_user
from tests.notifications.helpers import MUEANG_GROUP, MUEANG_LINE, pushes
from tests.planning import factories as pf
from tests.reports import factories as rf

pytestmark = pytest.mark.django_db


@pytest.fixture
def circular(linked):
    return rf.circular(due=bangkok_today() + timedelta(days=2), districts=(pf.MUEANG,))


@pytest.fixture
def report(linked, circular):
    rf.submitted(linked.district_officer, circular, pf.MUEANG)
    return circular.reports.get()


def test_line_answering_500_then_200_is_retried_and_sent_once(
    linked, stub, report, django_capture_on_commit_callbacks
):
    stub.statuses = [500, 500]  # the first attempts to the officer and to the group
    with django_capture_on_commit_callbacks(execute=True):
        events.report_accepted(report)

    waiting = Delivery.objects.filter(channel="line").order_by("pk")
    assert [d.status for d in waiting] == [DeliveryStatus.RETRYING] * 2
    assert all(d.attempts == 1 and "500" in d.last_error and d.next_attempt_at for d in waiting)
    assert pushes(stub) == []
    # Too early: nothing is tried.
    assert services.send_due(now=timezone.now()) == 0

    later = timezone.now() + timedelta(minutes=2)
    services.send_due(now=later)
    services.send_due(now=later + timedelta(hours=1))

    for to in (MUEANG_LINE, MUEANG_GROUP):
        (sent,) = pushes(stub, to)
        tries = [r for r in stub.requests if r["to"] == to]
        assert len(tries) == 2 and tries[0]["retry_key"] == tries[1]["retry_key"]  # LINE dedupes by it
    assert [d.status for d in Delivery.objects.filter(channel="line")] == [DeliveryStatus.SENT] * 2


def test_a_refusal_is_given_up_and_shown_to_administrators(
    linked, stub, report, django_capture_on_commit_callbacks
):
    stub.statuses = [400, 400]
    with django_capture_on_commit_callbacks(execute=True):
        events.report_accepted(report)
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.FAILED}
    services.send_due(now=timezone.now() + timedelta(days=1))
    assert len(stub.requests) == 2  # never tried again

    admin = make_user("site_admin", Role.ADMIN)
    page = linked.client_for(admin).get(reverse("notifications:failures")).content.decode()
    assert "LINE 400" in page and "ส่งไม่สำเร็จ เลิกส่ง" in page
    assert (
        linked.client_for(linked.province_officer).get(reverse("notifications:failures")).status_code == 403
    )


def test_a_worker_that_died_after_line_accepted_does_not_send_twice(linked, stub, report):
    stub.statuses = [409]  # LINE: this retry key was accepted already
    events.report_accepted(report)
    delivery = Delivery.objects.get(channel="line", user=linked.district_officer)
    assert services.deliver(delivery.pk) == DeliveryStatus.SENT


def test_reminders_reach_a_recipient_as_one_digest_a_day(linked, stub, django_capture_on_commit_callbacks):
    first = rf.circular(due=bangkok_today() + timedelta(days=2), districts=(pf.MUEANG,))
    second = rf.circular(due=bangkok_today() + timedelta(days=3), districts=(pf.MUEANG,))
    third = rf.circular(due=bangkok_today() + timedelta(days=1), districts=(pf.MUEANG,))
    with django_capture_on_commit_callbacks(execute=True):
        events.report_due(first, pf.MUEANG)
        events.report_due(second, pf.MUEANG)

    (digest,) = pushes(stub, MUEANG_LINE)
    text = digest["texts"][0]
    assert text.startswith("TambonPlan: สิ่งที่ต้องติดตาม 2 เรื่อง")
    assert "1. อีก 2 วันถึงกำหนดส่งรายงานผล" in text and "2. อีก 3 วันถึงกำหนดส่งรายงานผล" in text
    assert reverse("reports:district", args=[second.pk, pf.MUEANG]) in text
    assert len(pushes(stub, MUEANG_GROUP)) == 1

    # Later the same day: in the site at once, on LINE with tomorrow morning's digest.
    with django_capture_on_commit_callbacks(execute=True):
        events.report_due(third, pf.MUEANG)
    assert len(pushes(stub, MUEANG_LINE)) == 1
    assert Notification.objects.filter(user=linked.district_officer).count() == 3
    held = Delivery.objects.get(channel="line", user=linked.district_officer, status=DeliveryStatus.PENDING)
    morning = datetime.combine(bangkok_today() + timedelta(days=1), time(7), tzinfo=BANGKOK)
    assert held.next_attempt_at == morning
    services.send_due(now=morning)
    assert len(pushes(stub, MUEANG_LINE)) == 2
    assert "อีก 1 วันถึงกำหนดส่งรายงานผล" in pushes(stub, MUEANG_LINE)[-1]["texts"][0]


def test_a_user_who_turns_line_off_for_a_kind_is_told_in_the_site_only(
    linked, stub, circular, django_capture_on_commit_callbacks
):
    officer = linked.district_officer
    officer.email = "mueang@example.go.th"
    officer.save()
    browser = linked.client_for(officer)
    form = browser.get(reverse("notifications:preferences")).context["form"]
    wanted = {name: "on" for name, field in form.fields.items() if field.initial}
    del wanted["report_due__line"]
    browser.post(reverse("notifications:preferences"), wanted)
    assert Preference.objects.get(user=officer).enabled is False  # only the change from the default is kept

    with django_capture_on_commit_callbacks(execute=True):
        events.report_due(circular, pf.MUEANG)

    assert pushes(stub, MUEANG_LINE) == []
    assert len(pushes(stub, MUEANG_GROUP)) == 1  # the group is the office's, not the user's
    assert Notification.objects.filter(user=officer).count() == 1
    assert mail.outbox == []  # the deadline e-mail is the reports' own reminder (send_reminders)


def test_defaults_follow_the_role(linked):
    tambon, district, province = linked.tambon_officer, linked.district_officer, linked.province_officer
    steps = chosen_channels([tambon, district], "step_overdue")
    assert steps[tambon.pk] == {"in_app", "line"} and steps[district.pk] == {"in_app"}
    assert chosen_channels([district], "report_due")[district.pk] == {"in_app", "line"}
    assert chosen_channels([province], "report_submitted")[province.pk] == {"in_app", "line", "email"}
    assert [row.kind for row in preference_rows(tambon)] == [
        "step_overdue",
        "order_review",
        "commitment_changed",
        "checkin_opened",
    ]


def test_a_province_makes_deadline_reminders_mandatory(
    linked, stub, circular, django_capture_on_commit_callbacks
):
    officer = linked.district_officer
    Preference.objects.create(user=officer, kind="report_due", channel="line", enabled=False)
    province = linked.client_for(linked.province_officer)
    province.post(reverse("notifications:province_policy"), {"deadline_reminders_mandatory": "on"})

    with django_capture_on_commit_callbacks(execute=True):
        events.report_due(circular, pf.MUEANG)
    assert len(pushes(stub, MUEANG_LINE)) == 1  # on, whatever the user chose

    with pytest.raises(ValidationError):
        services.preferences_save(user=officer, enabled=set())
    browser = linked.client_for(officer)
    page = browser.get(reverse("notifications:preferences")).content.decode()
    assert "จังหวัดกำหนดให้ต้องรับ" in page
    browser.post(reverse("notifications:preferences"), {})  # every box unticked: the mandatory ones stay on
    assert {
        row.kind for row in browser.get(reverse("notifications:preferences")).context["form"].rows if row.line
    } >= {
        "report_due",
        "report_overdue",
    }
    # Only the province's officers set the rule.
    district = linked.client_for(officer)
    assert district.post(reverse("notifications:province_policy"), {}).status_code == 403
