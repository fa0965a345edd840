"""Each event pushes one short Thai message with the item's link to each linked recipient of its area (the
officers and the area's LINE group), and is told once however often it is raised; other districts hear
nothing."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from tambonplan.directives import services as directive_services
from tambonplan.notifications import events
from tambonplan.notifications.models import LineAccount, LineGroup, Notification
from tambonplan.partners import commitments
from tambonplan.thai.dates import bangkok_today
from tests.notifications.helpers import (
    MUEANG_GROUP,
    MUEANG_LINE,
    SITE,
    TAMBON_LINE,
    WARIN_GROUP,
    WARIN_LINE,
    pushes,
)
from tests.partners import funding_factories as ff
from tests.planning import factories as pf
from tests.reports import factories as rf

pytestmark = pytest.mark.django_db

PROVINCE_LINE = "U" + "4" * 32
PROVINCE_GROUP = "C" + "4" * 32


def only_text(stub, to: str) -> str:
    """The one message pushed to `to` (fails if there is none or more than one)."""
    (push,) = pushes(stub, to)
    (text,) = push["texts"]
    return text


@pytest.fixture
def circular(linked):
    return rf.circular(due=bangkok_today() + timedelta(days=2), districts=(pf.MUEANG,))


@pytest.fixture
def report(linked, circular):
    rf.submitted(linked.district_officer, circular, pf.MUEANG)
    return circular.reports.get()


def test_issuing_a_circular_tells_its_districts_officers_and_groups(
    linked, stub, django_capture_on_commit_callbacks
):
    linked.district_officer.email = "mueang@example.go.th"
    linked.district_officer.save()
    made = rf.circular(districts=(pf.MUEANG, pf.WARIN))
    made.issued_at = None
    made.save()

    with django_capture_on_commit_callbacks(execute=True):
        directive_services.circular_issue(user=linked.province_officer, circular=made)
    # Issuing again tells no one twice.
    with django_capture_on_commit_callbacks(execute=True):
        directive_services.circular_issue(user=linked.province_officer, circular=made)

    link = f"{SITE}/directives/{made.pk}/"
    for to in (MUEANG_LINE, MUEANG_GROUP, WARIN_LINE, WARIN_GROUP):
        text = only_text(stub, to)
        assert text.startswith("หนังสือสั่งการใหม่ ที่ อบ ๐๐๑๙/ว ๕๓๑")
        assert "กำหนดส่งรายงานผลภายในวันที่ 15 ธันวาคม 2569" in text
        assert link in text
    assert pushes(stub, TAMBON_LINE) == []  # tambon officers are not addressed
    (message,) = mail.outbox
    assert message.to == ["mueang@example.go.th"] and link in message.body
    assert (
        Notification.objects.filter(user=linked.district_officer, path=f"/directives/{made.pk}/").count() == 1
    )


def test_report_due_tells_the_district_and_its_group_with_the_days_left(
    linked, stub, circular, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        events.report_due(circular, pf.MUEANG)
    with django_capture_on_commit_callbacks(execute=True):
        events.report_due(circular, pf.MUEANG)  # the next day's run: told already

    link = SITE + reverse("reports:district", args=[circular.pk, pf.MUEANG])
    for to in (MUEANG_LINE, MUEANG_GROUP):
        text = only_text(stub, to)
        assert text.startswith("อีก 2 วันถึงกำหนดส่งรายงานผล (อำเภอเมืองอุบลราชธานี)")
        assert link in text
    assert pushes(stub, WARIN_LINE) == pushes(stub, WARIN_GROUP) == []
    assert not Notification.objects.filter(user=linked.other_district_officer).exists()


def test_report_overdue_says_by_how_many_days(linked, stub, circular, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        events.report_due(circular, pf.MUEANG, today=circular.report_due + timedelta(days=5))
    assert only_text(stub, MUEANG_LINE).startswith("เลยกำหนดส่งรายงานผลมาแล้ว 5 วัน")


def test_a_returned_report_tells_the_district_with_the_provinces_comment(
    linked, stub, report, django_capture_on_commit_callbacks
):
    report.review_comment = "ตัวเลขข้อ 2 ไม่ตรงกับแผน"
    with django_capture_on_commit_callbacks(execute=True):
        events.report_returned(report)
        events.report_returned(report)

    for to in (MUEANG_LINE, MUEANG_GROUP):
        text = only_text(stub, to)
        assert text.startswith("จังหวัดส่งรายงานผลของอำเภอเมืองอุบลราชธานี กลับให้แก้ไข")
        assert "ความเห็น: ตัวเลขข้อ 2 ไม่ตรงกับแผน" in text
        assert f"{SITE}/reports/{report.pk}/" in text
    assert pushes(stub, WARIN_LINE) == []


def test_an_accepted_report_tells_the_district(linked, stub, report, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        events.report_accepted(report)
    for to in (MUEANG_LINE, MUEANG_GROUP):
        text = only_text(stub, to)
        assert text.startswith("จังหวัดรับรายงานผลของอำเภอเมืองอุบลราชธานี แล้ว (ส่งครั้งที่ 1)")
        assert f"{SITE}/reports/{report.pk}/" in text


def test_a_submitted_report_tells_the_province_how_many_districts_have_sent(
    linked, stub, report, django_capture_on_commit_callbacks
):
    LineAccount.objects.create(user=linked.province_officer, line_user_id=PROVINCE_LINE)
    LineGroup.objects.create(area_code=pf.UBON, group_id=PROVINCE_GROUP)
    with django_capture_on_commit_callbacks(execute=True):
        events.report_submitted(report)
    for to in (PROVINCE_LINE, PROVINCE_GROUP):
        text = only_text(stub, to)
        assert text.startswith("อำเภอเมืองอุบลราชธานี ส่งรายงานผลแล้ว (ส่งแล้ว 1 จาก 1 อำเภอ)")
        assert f"{SITE}/reports/{report.pk}/" in text
    assert pushes(stub, MUEANG_LINE) == []
    assert not Notification.objects.filter(user=linked.outsider).exists()


def test_a_commitment_moving_tells_the_tambons_officer_not_the_one_who_moved_it(
    linked, stub, django_capture_on_commit_callbacks
):
    project = pf.add_project(pf.make_plan(pf.HUA_RUEA), budgets={pf.fiscal_year(): "50000"})
    commitment = ff.commitment(project, ff.partner(), amount="12000")
    with django_capture_on_commit_callbacks(execute=True):
        commitments.commitment_transition(
            user=linked.district_officer, commitment=commitment, to_status="pledged"
        )

    text = only_text(stub, TAMBON_LINE)
    assert "การสนับสนุนโครงการ" in text and "“รับปาก”" in text and "12,000" in text
    assert f"{SITE}/partners/commitments/{commitment.pk}/" in text
    assert pushes(stub, MUEANG_LINE) == []  # the district officer moved it
    assert not Notification.objects.filter(user=linked.district_officer).exists()
    assert Notification.objects.filter(user=linked.tambon_officer, kind="commitment_changed").count() == 1
