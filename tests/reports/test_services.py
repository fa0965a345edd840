"""The report's life: draft → submitted (immutable version, on time or late) → returned → accepted, and every
move that is not allowed."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tambonplan.core.concurrency import ConcurrentEditError
from tambonplan.reports import services
from tambonplan.reports.content import from_json
from tambonplan.reports.models import (
    DistrictReport,
    ImmutableVersionError,
    ReportState,
    ReportVersion,
    ReviewAction,
)
from tests.planning.factories import MUEANG, WARIN
from tests.reports import factories as f

pytestmark = pytest.mark.django_db


def test_the_district_officer_starts_one_report_per_circular(personas):
    circular = f.circular()
    first = services.start_report(user=personas.district_officer, circular=circular, district_code=MUEANG)
    again = services.start_report(user=personas.district_officer, circular=circular, district_code=MUEANG)
    assert first.pk == again.pk
    assert first.state == ReportState.DRAFT
    assert DistrictReport.objects.count() == 1


@pytest.mark.parametrize(
    "persona", ["province_officer", "other_district_officer", "tambon_officer", "viewer"]
)
def test_only_the_districts_own_officer_writes_its_report(personas, persona):
    with pytest.raises(PermissionDenied):
        services.start_report(user=getattr(personas, persona), circular=f.circular(), district_code=MUEANG)
    assert not DistrictReport.objects.exists()


def test_a_district_not_addressed_cannot_report(personas):
    circular = f.circular(districts=[WARIN])
    with pytest.raises(PermissionDenied):
        services.start_report(user=personas.district_officer, circular=circular, district_code=MUEANG)


def test_submitting_freezes_a_version_with_time_and_timeliness(personas):
    circular = f.circular()
    version = f.submitted(personas.district_officer, circular, at=f.bangkok(f.DUE, 10))
    report = version.report
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    assert version.number == 1 and version.on_time
    content = from_json(version.content)
    assert content.district_name == "เมืองอุบลราชธานี"
    assert content.reporter.name == "นางสาวสมศรี รายงานดี"
    assert content.reporter.date == f.DUE
    assert report.events.get().action == ReviewAction.SUBMITTED


@pytest.mark.parametrize(
    ("hour", "minute", "second", "day_offset", "on_time"),
    [(23, 59, 59, 0, True), (0, 0, 0, 1, False), (0, 0, 0, 0, True), (6, 59, 59, 1, False)],
)
def test_on_time_until_the_end_of_the_due_date_in_bangkok(
    personas, hour, minute, second, day_offset, on_time
):
    circular = f.circular()
    at = f.bangkok(f.DUE + timedelta(days=day_offset), hour, minute, second)
    assert f.submitted(personas.district_officer, circular, at=at).on_time is on_time


def test_submitting_without_the_reporter_is_refused_and_nothing_is_written(personas):
    circular = f.circular()
    report = services.start_report(user=personas.district_officer, circular=circular, district_code=MUEANG)
    with pytest.raises(ValidationError) as error:
        services.submit(user=personas.district_officer, report=report)
    assert "ยังไม่ได้กรอกชื่อผู้รายงาน" in error.value.messages
    assert "ยังไม่ได้กรอกโทรศัพท์ผู้รายงาน" in error.value.messages
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT
    assert not ReportVersion.objects.exists()


def test_a_double_submit_makes_one_version(personas):
    circular = f.circular()
    report = f.filled_report(personas.district_officer, circular)
    services.submit(user=personas.district_officer, report=report)
    with pytest.raises(ValidationError) as error:
        services.submit(user=personas.district_officer, report=report)
    assert "ส่งรายงาน" in error.value.messages[0]
    assert ReportVersion.objects.count() == 1


def test_a_stale_page_cannot_submit(personas):
    circular = f.circular()
    report = f.filled_report(personas.district_officer, circular)
    with pytest.raises(ConcurrentEditError):
        services.submit(user=personas.district_officer, report=report, revision=report.revision + 5)
    assert not ReportVersion.objects.exists()


def test_submitted_versions_are_immutable(personas):
    version = f.submitted(personas.district_officer, f.circular())
    version.content = {"changed": True}
    with pytest.raises(ImmutableVersionError):
        version.save()
    with pytest.raises(ImmutableVersionError):
        version.delete()
    stored = ReportVersion.objects.get(pk=version.pk)
    assert stored.content["district_name"] == "เมืองอุบลราชธานี"


def test_a_submitted_report_cannot_be_edited(personas):
    version = f.submitted(personas.district_officer, f.circular())
    report = version.report
    with pytest.raises(ValidationError):
        services.add_item(
            user=personas.district_officer, report=report, kind="problem", category="budget", text="x"
        )
    with pytest.raises(ValidationError):
        services.save_draft(
            user=personas.district_officer,
            report=report,
            revision=report.revision,
            results={},
            figures={},
            reporter={},
        )


ILLEGAL = [
    (ReportState.DRAFT, "return"),
    (ReportState.DRAFT, "accept"),
    (ReportState.DRAFT, "reopen"),
    (ReportState.SUBMITTED, "reopen"),
    (ReportState.RETURNED, "accept"),
    (ReportState.RETURNED, "return"),
    (ReportState.RETURNED, "reopen"),
    (ReportState.ACCEPTED, "accept"),
    (ReportState.ACCEPTED, "return"),
    (ReportState.ACCEPTED, "submit"),
    (ReportState.SUBMITTED, "submit"),
]


def _move(personas, report, action):
    if action == "submit":
        return services.submit(user=personas.district_officer, report=report)
    if action == "accept":
        return services.accept(user=personas.province_officer, report=report)
    if action == "return":
        return services.return_for_correction(user=personas.province_officer, report=report, comment="แก้ไข")
    return services.reopen(user=personas.province_officer, report=report, comment="เปิดใหม่")


def _report_in(personas, state):
    report = f.filled_report(personas.district_officer, f.circular())
    if state == ReportState.DRAFT:
        return report
    services.submit(user=personas.district_officer, report=report)
    if state == ReportState.RETURNED:
        services.return_for_correction(user=personas.province_officer, report=report, comment="แก้")
    if state == ReportState.ACCEPTED:
        services.accept(user=personas.province_officer, report=report)
    report.refresh_from_db()
    assert report.state == state
    return report


@pytest.mark.parametrize(("state", "action"), ILLEGAL)
def test_illegal_transitions_are_refused(personas, state, action):
    report = _report_in(personas, state)
    versions = ReportVersion.objects.count()
    with pytest.raises(ValidationError) as error:
        _move(personas, report, action)
    assert "ไม่ได้" in error.value.messages[0]
    report.refresh_from_db()
    assert report.state == state
    assert ReportVersion.objects.count() == versions


def test_only_the_province_reviews(personas):
    report = _report_in(personas, ReportState.SUBMITTED)
    with pytest.raises(PermissionDenied):
        services.accept(user=personas.district_officer, report=report)
    with pytest.raises(PermissionDenied):
        services.accept(user=personas.viewer, report=report)
    with pytest.raises(Exception) as error:
        services.accept(user=personas.outsider, report=report)
    assert error.type.__name__ == "Http404"


def test_returning_needs_a_comment(personas):
    report = _report_in(personas, ReportState.SUBMITTED)
    with pytest.raises(ValidationError):
        services.return_for_correction(user=personas.province_officer, report=report, comment="  ")
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED


def test_returned_for_correction_then_resubmitted_as_version_two(personas):
    district, province = personas.district_officer, personas.province_officer
    report = f.filled_report(district, f.circular())
    services.add_item(
        user=district, report=report, kind="problem", category="budget", text="งบประมาณไม่เพียงพอ"
    )
    services.submit(user=district, report=report, now=f.bangkok(f.DUE, 9))
    services.return_for_correction(user=province, report=report, comment="กรุณาเพิ่มข้อเสนอแนะ")
    report.refresh_from_db()
    assert report.state == ReportState.RETURNED
    assert report.review_comment == "กรุณาเพิ่มข้อเสนอแนะ"
    # The new draft starts from the last version.
    assert [i.text for i in report.items.all()] == ["งบประมาณไม่เพียงพอ"]
    assert report.reporter_name == "นางสาวสมศรี รายงานดี"
    services.add_item(
        user=district,
        report=report,
        kind="suggestion",
        category="budget",
        text="ควรจัดสรรงบเพิ่ม",
        addressed_to="department",
    )
    second = services.submit(user=district, report=report, now=f.bangkok(f.DUE + timedelta(days=2), 9))
    assert second.number == 2 and not second.on_time
    assert ReportVersion.objects.get(report=report, number=1).on_time
    services.accept(user=province, report=report)
    report.refresh_from_db()
    assert report.state == ReportState.ACCEPTED
    assert [e.action for e in report.events.all()] == ["submitted", "returned", "submitted", "accepted"]


def test_the_province_reopens_an_accepted_report(personas):
    report = _report_in(personas, ReportState.ACCEPTED)
    services.reopen(user=personas.province_officer, report=report, comment="ตัวเลขโครงการไม่ตรง")
    report.refresh_from_db()
    assert report.state == ReportState.RETURNED
    assert report.is_editable
    assert report.review_comment == "ตัวเลขโครงการไม่ตรง"


def test_an_override_needs_a_reason(personas):
    report = f.filled_report(personas.district_officer, f.circular())
    with pytest.raises(ValidationError) as error:
        services.save_draft(
            user=personas.district_officer,
            report=report,
            revision=report.revision,
            results={},
            figures={"plans": services.FigureEntry(Decimal(5), "")},
            reporter={},
        )
    assert "ตำบลที่เปิดแผนในระบบ" in error.value.messages[0]
    assert "ต้องระบุเหตุผล" in error.value.messages[0]
    assert not report.overrides.exists()


def test_an_override_with_its_reason_replaces_the_figure(personas):
    report = f.filled_report(personas.district_officer, f.circular())
    instruction = report.circular.instructions.get(number=2)
    services.save_draft(
        user=personas.district_officer,
        report=report,
        revision=report.revision,
        results={instruction.pk: ("done", "ทุกตำบลจัดทำแผนแล้ว")},
        figures={"plans": services.FigureEntry(Decimal(5), "ตำบลที่ยังไม่ได้บันทึกในระบบ")},
        reporter={"reporter_name": "นายสมชาย ใจดี"},
    )
    version = services.submit(user=personas.district_officer, report=report)
    content = from_json(version.content)
    figure = content.figures["plans"]
    assert figure.computed == 0 and figure.value == 5 and figure.reason == "ตำบลที่ยังไม่ได้บันทึกในระบบ"
    assert content.sections[1].status == "done" and content.sections[1].narrative == "ทุกตำบลจัดทำแผนแล้ว"
    assert content.reporter.name == "นายสมชาย ใจดี"


def test_a_stale_draft_form_is_refused(personas):
    report = f.filled_report(personas.district_officer, f.circular())
    with pytest.raises(ConcurrentEditError):
        services.save_draft(
            user=personas.district_officer,
            report=report,
            revision=report.revision - 1,
            results={},
            figures={},
            reporter={},
        )


def test_a_suggestion_says_to_whom(personas):
    report = f.filled_report(personas.district_officer, f.circular())
    with pytest.raises(ValidationError):
        services.add_item(
            user=personas.district_officer, report=report, kind="suggestion", category="budget", text="x"
        )
    assert not report.items.exists()
