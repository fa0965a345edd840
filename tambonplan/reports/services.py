"""Every write to district reports: starting one, editing the draft, submitting a version, the province's
review (return, accept, reopen). Each state change happens inside a transaction on the locked report, so a
double-clicked submit makes one version and two reviewers cannot both act on the same state."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tambonplan.core.concurrency import ConcurrentEditError
from tambonplan.directives.access import may_change_circular
from tambonplan.directives.models import Circular
from tambonplan.notifications import events as notify
from tambonplan.reports import content as report_content
from tambonplan.reports.access import may_write_report, require_review_report, require_write_report
from tambonplan.reports.models import (
    AddressedTo,
    ConsolidationRecord,
    DistrictReport,
    FigureOverride,
    InstructionResult,
    ItemCategory,
    ItemKind,
    ReportEvent,
    ReportItem,
    ReportLetter,
    ReportState,
    ReportVersion,
    ResultStatus,
    ReviewAction,
)
from tambonplan.reports.selectors import latest_version
from tambonplan.reports.timeliness import is_on_time
from tambonplan.thai.dates import BANGKOK
from tambonplan.thai.digits import localize_digits

# action: (states it may start from, state it leads to)
TRANSITIONS = {
    ReviewAction.SUBMITTED: ((ReportState.DRAFT, ReportState.RETURNED), ReportState.SUBMITTED),
    ReviewAction.RETURNED: ((ReportState.SUBMITTED,), ReportState.RETURNED),
    ReviewAction.ACCEPTED: ((ReportState.SUBMITTED,), ReportState.ACCEPTED),
    ReviewAction.REOPENED: ((ReportState.ACCEPTED,), ReportState.RETURNED),
}


class IllegalTransition(ValidationError):
    def __init__(self, report: DistrictReport, action: str):
        super().__init__(
            _("รายงานอยู่ในสถานะ “%(state)s” จึง%(action)sไม่ได้")
            % {"state": report.get_state_display(), "action": ReviewAction(action).label}
        )


def _locked(report: DistrictReport, revision: int | None = None) -> DistrictReport:
    locked = DistrictReport.objects.select_for_update().select_related("circular", "district__province")
    locked = locked.get(pk=report.pk)
    if revision is not None and locked.revision != revision:
        raise ConcurrentEditError
    return locked


def _move(report: DistrictReport, action: str, *, user, comment: str = "", version=None, now=None) -> None:
    sources, target = TRANSITIONS[action]
    if report.state not in sources:
        raise IllegalTransition(report, action)
    report.state = target
    report.revision += 1
    report.save()
    ReportEvent.objects.create(
        report=report, action=action, user=user, comment=comment, version=version, at=now or timezone.now()
    )


# ---------------------------------------------------------------- the district


@transaction.atomic
def start_report(*, user, circular: Circular, district_code: str) -> DistrictReport:
    """The district's report to the circular, created as a draft the first time it is opened."""
    if not may_write_report(user, district_code):
        raise PermissionDenied
    if not circular.districts.filter(code=district_code).exists():
        raise PermissionDenied
    report, _created = DistrictReport.objects.get_or_create(circular=circular, district_id=district_code)
    return report


@dataclass
class FigureEntry:
    value: Decimal | None
    reason: str


@transaction.atomic
def save_draft(
    *,
    user,
    report: DistrictReport,
    revision: int,
    results: dict[int, tuple[str, str]],
    figures: dict[str, FigureEntry],
    reporter: dict,
    computed: dict[str, Decimal] | None = None,
) -> DistrictReport:
    """Save the results per instruction, the overridden figures (each with its reason) and the reporter.

    A figure left empty, or equal to the computed one, follows the recorded data again. `computed`: the
    figures as the page computed them, when it already has them (they are computed here otherwise)."""
    require_write_report(user, report)
    report = _locked(report, revision)
    if not report.is_editable:
        raise ValidationError(_("รายงานที่ส่งแล้วแก้ไขไม่ได้ จนกว่าจังหวัดจะส่งกลับให้แก้ไข"))
    instruction_ids = set(report.circular.instructions.values_list("pk", flat=True))
    for instruction_id, (status, narrative) in results.items():
        if instruction_id not in instruction_ids or status not in ResultStatus.values:
            raise ValidationError(_("ข้อสั่งการหรือผลการดำเนินงานไม่ถูกต้อง"))
        InstructionResult.objects.update_or_create(
            report=report, instruction_id=instruction_id, defaults={"status": status, "narrative": narrative}
        )
    if computed is None:
        computed, _lines, _headers = report_content.computed_figures(user, report)
    errors = {}
    for key, entry in figures.items():
        if key not in computed:
            raise ValidationError(_("ไม่มีตัวเลข %(key)s ในแบบรายงาน") % {"key": key})
        label, unit = report_content.FIGURES[key][1:]
        if entry.value is None or entry.value == computed[key]:
            FigureOverride.objects.filter(report=report, key=key).delete()
            continue
        # Each refusal is keyed by what is wrong: the figure's value, or its reason.
        if entry.value < 0:
            errors[f"figure_{key}"] = _("%(label)s: ต้องไม่ติดลบ") % {"label": label}
        elif not entry.reason.strip():
            errors[f"reason_{key}"] = _(
                "%(label)s: ระบบคำนวณได้ %(computed)s ถ้าจะแก้เป็น %(value)s ต้องระบุเหตุผล"
            ) % {
                "label": label,
                "computed": report_content.figure_text(computed[key], unit),
                "value": report_content.figure_text(entry.value, unit),
            }
        else:
            FigureOverride.objects.update_or_create(
                report=report, key=key, defaults={"value": entry.value, "reason": entry.reason.strip()}
            )
    if errors:
        raise ValidationError(errors)
    for name in ("reporter_title", "reporter_name", "reporter_position", "reporter_phone", "report_date"):
        if name in reporter:
            setattr(report, name, reporter[name] if reporter[name] is not None else "")
    if report.report_date == "":
        report.report_date = None
    report.revision += 1
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def add_item(*, user, report: DistrictReport, kind: str, category: str, text: str, addressed_to: str = ""):
    require_write_report(user, report)
    report = _locked(report)
    if not report.is_editable:
        raise ValidationError(_("รายงานที่ส่งแล้วแก้ไขไม่ได้ จนกว่าจังหวัดจะส่งกลับให้แก้ไข"))
    if kind == ItemKind.SUGGESTION and addressed_to not in AddressedTo.values:
        raise ValidationError(_("ข้อเสนอแนะต้องระบุว่าเสนอต่อจังหวัดหรือกรมการพัฒนาชุมชน"))
    item = ReportItem(
        report=report,
        kind=kind,
        category=category if category in ItemCategory.values else "",
        text=text.strip(),
        addressed_to=addressed_to if kind == ItemKind.SUGGESTION else "",
    )
    item.full_clean()
    item.save()
    report.revision += 1
    report.save(update_fields=["revision", "updated_at"])
    return item


@transaction.atomic
def delete_item(*, user, report: DistrictReport, item_pk: int) -> None:
    require_write_report(user, report)
    report = _locked(report)
    if not report.is_editable:
        raise ValidationError(_("รายงานที่ส่งแล้วแก้ไขไม่ได้ จนกว่าจังหวัดจะส่งกลับให้แก้ไข"))
    deleted, _detail = ReportItem.objects.filter(report=report, pk=item_pk).delete()
    if not deleted:
        raise PermissionDenied
    report.revision += 1
    report.save(update_fields=["revision", "updated_at"])


@dataclass(frozen=True)
class Missing:
    """Something the report still lacks: `field` names where it is entered (the draft's field); a `required`
    one stops the submission, the others are worth a look before sending."""

    field: str
    message: str
    required: bool = True


def report_checklist(content: report_content.ReportContent) -> list[Missing]:
    """What is still missing before the report is sent, in the order of the form: the instructions without a
    written result, then the reporter (required)."""
    missing = [
        Missing(
            f"narrative_{section.instruction_id}",
            _("ข้อ %(number)s: ยังไม่ได้กรอกรายละเอียดผลการดำเนินงาน")
            % {"number": localize_digits(section.number)},
            required=False,
        )
        for section in content.sections
        if section.instruction_id is not None and not section.narrative.strip()
    ]
    reporter = content.reporter
    for name, value, message in (
        ("reporter_name", reporter.name, _("ยังไม่ได้กรอกชื่อผู้รายงาน")),
        ("reporter_position", reporter.position, _("ยังไม่ได้กรอกตำแหน่งผู้รายงาน")),
        ("reporter_phone", reporter.phone, _("ยังไม่ได้กรอกโทรศัพท์ผู้รายงาน")),
    ):
        if not value.strip():
            missing.append(Missing(name, message))
    return missing


def submission_problems(content: report_content.ReportContent) -> list[str]:
    """What must be filled in before the report can be sent: the required items of `report_checklist`."""
    return [item.message for item in report_checklist(content) if item.required]


@transaction.atomic
def submit(*, user, report: DistrictReport, revision: int | None = None, now=None) -> ReportVersion:
    """Freeze the report as a new version, on time or late by the circular's rule."""
    require_write_report(user, report)
    report = _locked(report)
    if report.state not in TRANSITIONS[ReviewAction.SUBMITTED][0]:
        raise IllegalTransition(report, ReviewAction.SUBMITTED)
    if revision is not None and report.revision != revision:
        raise ConcurrentEditError
    now = now or timezone.now()
    if report.report_date is None:
        report.report_date = timezone.localtime(now, BANGKOK).date()
    with translation.override("th"):  # the version is the official report: frozen in Thai
        content = report_content.live_content(user, report)
    problems = submission_problems(content)
    if problems:
        raise ValidationError(problems)
    version = ReportVersion.objects.create(
        report=report,
        number=report.versions.count() + 1,
        submitted_at=now,
        submitted_by=user,
        on_time=is_on_time(report.circular, now),
        content=report_content.to_json(content),
    )
    _move(report, ReviewAction.SUBMITTED, user=user, version=version, now=now)
    notify.report_submitted(report)
    return version


# ---------------------------------------------------------------- the province


def _send_back(*, user, report: DistrictReport, action: str, comment: str, missing: str, now=None):
    """Back to the district with the province's comment; the draft starts again from the last version."""
    require_review_report(user, report)
    report = _locked(report)
    if not comment.strip():
        raise ValidationError(missing)
    _move(report, action, user=user, comment=comment.strip(), now=now)
    _draft_from(report, latest_version(report))
    report.review_comment = comment.strip()
    report.save(update_fields=["review_comment"])
    notify.report_returned(report)
    return report


@transaction.atomic
def return_for_correction(*, user, report: DistrictReport, comment: str, now=None) -> DistrictReport:
    """Send a submitted report back for correction."""
    missing = _("กรุณาระบุสิ่งที่ต้องแก้ไข เพื่อให้อำเภอทราบ")
    return _send_back(
        user=user, report=report, action=ReviewAction.RETURNED, comment=comment, missing=missing, now=now
    )


@transaction.atomic
def accept(*, user, report: DistrictReport, now=None) -> DistrictReport:
    require_review_report(user, report)
    report = _locked(report)
    _move(report, ReviewAction.ACCEPTED, user=user, now=now)
    report.review_comment = ""
    report.save(update_fields=["review_comment"])
    notify.report_accepted(report)
    return report


@transaction.atomic
def reopen(*, user, report: DistrictReport, comment: str) -> DistrictReport:
    """Unlock an accepted report for the district to correct, with the province's reason."""
    missing = _("กรุณาระบุเหตุผลที่เปิดรายงานให้แก้ไขอีกครั้ง")
    return _send_back(
        user=user, report=report, action=ReviewAction.REOPENED, comment=comment, missing=missing
    )


def _draft_from(report: DistrictReport, version: ReportVersion) -> None:
    """Replace the draft's own entries (results, overrides, items, reporter) by those of the version."""
    content = report_content.from_json(version.content)
    report.results.all().delete()
    report.overrides.all().delete()
    report.items.all().delete()
    instruction_ids = set(report.circular.instructions.values_list("pk", flat=True))
    for section in content.sections:
        if section.instruction_id in instruction_ids:
            InstructionResult.objects.create(
                report=report,
                instruction_id=section.instruction_id,
                status=section.status,
                narrative=section.narrative,
            )
        for figure in section.figures:
            if figure.override is not None:
                FigureOverride.objects.create(
                    report=report, key=figure.key, value=figure.override, reason=figure.reason
                )
    for item in content.problems + content.suggestions:
        ReportItem.objects.create(
            report=report,
            kind=item.kind,
            category=item.category,
            text=item.text,
            addressed_to=item.addressed_to,
        )
    report.reporter_title = content.reporter.title
    report.reporter_name = content.reporter.name
    report.reporter_position = content.reporter.position
    report.reporter_phone = content.reporter.phone
    report.report_date = content.reporter.date
    report.save()


# ---------------------------------------------------------------- cover letters, the consolidation's sign-off

LETTER_FIELDS = (
    "number",
    "issued_on",
    "urgency",
    "office_name",
    "office_address",
    "signer_name",
    "signer_position",
    "contact",
    "phone",
    "fax",
    "email",
    "copy_to",
)
CONSOLIDATION_FIELDS = (
    *LETTER_FIELDS,
    "prepared_on",
    "preparer_name",
    "preparer_position",
    "approver_name",
    "approver_position",
    "reference_number",
    "reference_date",
)


def _save_versioned(record, names: tuple[str, ...], fields: dict, version: int):
    """Set the fields, check them all, and save the record if nobody saved it since `version` was read."""
    if record.version != version:
        raise ConcurrentEditError
    for name in names:
        if name in fields:
            setattr(record, name, fields[name])
    record.version += 1
    record.full_clean()
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:  # someone else created it at the same moment
        raise ConcurrentEditError from None
    return record


@transaction.atomic
def report_letter_save(*, user, report: DistrictReport, version: int, **fields) -> ReportLetter:
    """The district's cover letter to the province: written by the district's officers, in any state of
    the report (the letter is numbered when it is sent)."""
    require_write_report(user, report)
    letter = ReportLetter.objects.select_for_update().filter(report=report).first() or ReportLetter(
        report=report
    )
    return _save_versioned(letter, LETTER_FIELDS, fields, version)


@transaction.atomic
def consolidation_record_save(*, user, circular: Circular, version: int, **fields) -> ConsolidationRecord:
    """The consolidated report's date, preparer and approver, and the province's cover letter to the
    Department: entered by the province's officers who may change the circular."""
    if not may_change_circular(user, circular):
        raise PermissionDenied
    record = ConsolidationRecord.objects.select_for_update().filter(circular=circular).first()
    return _save_versioned(
        record or ConsolidationRecord(circular=circular), CONSOLIDATION_FIELDS, fields, version
    )
