"""Every write to partner commitments: what a partner brings to a plan project, and its status moves.

Legal moves: proposed → pledged → approved → delivered, and cancelled from any state except delivered.
Each move stamps its date; every write brings the commitment's ledger entry in line in the same
transaction (`funding.ledger.record_commitment`). A pledge is never dated before its proposal. An approval
that takes the project's secured total for the year (every source, from the ledger) past its need goes
through, with a warning (``over_need_warning``).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from tambonplan.accounts.scope import require_change
from tambonplan.core.concurrency import ConcurrentEditError
from tambonplan.core.uploads import checked_upload
from tambonplan.funding.ledger import record_commitment
from tambonplan.funding.models import EntryStatus, FundingEntry
from tambonplan.notifications import events as notification_events
from tambonplan.partners.models import Commitment, CommitmentKind, CommitmentStatus, Partner
from tambonplan.planning.models import ProjectBudget
from tambonplan.thai.dates import be_date_long
from tambonplan.thai.money import format_baht

S = CommitmentStatus
NEXT = {
    S.PROPOSED: {S.PLEDGED, S.CANCELLED},
    S.PLEDGED: {S.APPROVED, S.CANCELLED},
    S.APPROVED: {S.DELIVERED, S.CANCELLED},
    S.DELIVERED: set(),
    S.CANCELLED: set(),
}
DATE_FIELD = {status: f"{status}_on" for status in S.values}
ORDER = [S.PROPOSED, S.PLEDGED, S.APPROVED, S.DELIVERED]


def allowed_moves(status: str) -> list[str]:
    return [s for s in S.values if s in NEXT[S(status)]]


def _label(status: str) -> str:
    return str(S(status).label)


def _clean_fields(
    *, project, partner: Partner, kind: str, amount, in_kind_description: str, estimated_value
) -> dict:
    if partner.province_id != project.plan.tambon_id[:2]:
        raise ValidationError({"partner": _("ภาคีต้องขึ้นทะเบียนในจังหวัดเดียวกับโครงการ")})
    if not partner.is_active:
        raise ValidationError({"partner": _("ภาคีนี้ไม่ได้ใช้งานแล้ว")})
    if kind not in CommitmentKind.values:
        raise ValidationError({"kind": _("ลักษณะการสนับสนุนไม่ถูกต้อง")})
    description = (in_kind_description or "").strip()
    if kind == CommitmentKind.BUDGET:
        if amount is None:
            raise ValidationError({"amount": _("การสนับสนุนด้านงบประมาณต้องระบุจำนวนเงิน")})
        if amount < 0:
            raise ValidationError({"amount": _("จำนวนเงินต้องไม่ติดลบ")})
        return {"amount": amount, "in_kind_description": "", "estimated_value": None}
    errors = {}
    if not description:
        errors["in_kind_description"] = _("การสนับสนุนที่ไม่ใช่เงินต้องระบุรายละเอียดสิ่งที่สนับสนุน")
    if estimated_value is None:
        errors["estimated_value"] = _("การสนับสนุนที่ไม่ใช่เงินต้องระบุมูลค่าประมาณ")
    elif estimated_value < 0:
        errors["estimated_value"] = _("มูลค่าต้องไม่ติดลบ")
    if errors:
        raise ValidationError(errors)
    return {"amount": None, "in_kind_description": description, "estimated_value": estimated_value}


def _check_year(project, fiscal_year: int, field: str = "fiscal_year") -> None:
    """Money for a plan's project is for the plan's fiscal year or a later one (funding.services: the same
    rule for answers); the integration counts it under the plan's year."""
    if fiscal_year < project.plan.fiscal_year:
        raise ValidationError(
            {
                field: _("ปีงบประมาณ %(year)s อยู่ก่อนปีของแผน (%(plan)s) ซึ่งเป็นไปไม่ได้")
                % {"year": fiscal_year, "plan": project.plan.fiscal_year}
            }
        )


def _check_dates(*, proposed_on, pledged_on, field: str) -> None:
    """A commitment is pledged on or after the day it was proposed."""
    if proposed_on and pledged_on and pledged_on < proposed_on:
        raise ValidationError(
            {
                field: _("วันที่รับปาก (%(pledged)s) ต้องไม่ก่อนวันที่เสนอขอ (%(proposed)s)")
                % {"pledged": be_date_long(pledged_on), "proposed": be_date_long(proposed_on)}
            }
        )


def over_need_warning(commitment: Commitment) -> str:
    """The warning to give when the commitment's project has more secured (approved or delivered
    commitments, money named in answers: the ledger) for the commitment's fiscal year than it needs that
    year; "" when it has not. The need is the project's budget for the year (none: 0)."""
    need = (
        ProjectBudget.objects.filter(project_id=commitment.project_id, fiscal_year=commitment.fiscal_year)
        .values_list("amount", flat=True)
        .first()
    ) or 0
    approved = (
        FundingEntry.objects.filter(
            project_id=commitment.project_id, fiscal_year=commitment.fiscal_year, status=EntryStatus.SECURED
        ).aggregate(total=Sum("amount"))["total"]
        or 0
    )
    if approved <= need:
        return ""
    return _(
        "ยอดที่อนุมัติแล้วของโครงการนี้รวม %(approved)s บาท มากกว่างบประมาณที่ต้องการ %(need)s บาท"
        " (เกินความต้องการ %(over)s บาท) โปรดตรวจสอบ"
    ) % {
        "approved": format_baht(approved),
        "need": format_baht(need),
        "over": format_baht(approved - need),
    }


@transaction.atomic
def commitment_create(
    *,
    user,
    project,
    partner: Partner,
    kind: str,
    amount=None,
    in_kind_description: str = "",
    estimated_value=None,
    fiscal_year: int | None = None,
    proposed_on=None,
    note: str = "",
    document=None,
) -> Commitment:
    require_change(user, project)
    values = _clean_fields(
        project=project,
        partner=partner,
        kind=kind,
        amount=amount,
        in_kind_description=in_kind_description,
        estimated_value=estimated_value,
    )
    _check_year(project, fiscal_year or project.plan.fiscal_year)
    commitment = Commitment(
        project=project,
        partner=partner,
        kind=kind,
        fiscal_year=fiscal_year or project.plan.fiscal_year,
        status=S.PROPOSED,
        proposed_on=proposed_on or timezone.localdate(),
        note=(note or "").strip(),
        **values,
    )
    if document:
        commitment.document = checked_upload(document)
    commitment.full_clean()
    commitment.save()
    record_commitment(commitment)
    return commitment


@transaction.atomic
def commitment_update(
    *,
    user,
    commitment: Commitment,
    partner: Partner,
    kind: str,
    amount=None,
    in_kind_description: str = "",
    estimated_value=None,
    fiscal_year: int,
    proposed_on=None,
    note: str = "",
    document=None,
    version: int | None = None,
) -> Commitment:
    require_change(user, commitment)
    locked = Commitment.objects.select_for_update().select_related("project__plan").get(pk=commitment.pk)
    if version is not None and locked.version != version:
        raise ConcurrentEditError
    values = _clean_fields(
        project=locked.project,
        partner=partner,
        kind=kind,
        amount=amount,
        in_kind_description=in_kind_description,
        estimated_value=estimated_value,
    )
    _check_year(locked.project, fiscal_year)
    for name, value in values.items():
        setattr(locked, name, value)
    locked.partner, locked.kind, locked.fiscal_year = partner, kind, fiscal_year
    locked.proposed_on, locked.note = proposed_on, (note or "").strip()
    _check_dates(proposed_on=locked.proposed_on, pledged_on=locked.pledged_on, field="proposed_on")
    if document:
        old = locked.document
        locked.document = checked_upload(document)
        if old:
            old.delete(save=False)
    locked.version += 1
    locked.full_clean()
    locked.save()
    record_commitment(locked)
    return locked


@transaction.atomic
def commitment_transition(*, user, commitment: Commitment, to_status: str, on_date=None) -> Commitment:
    """Move the commitment to `to_status` if the move is legal, stamping its date (default today)."""
    require_change(user, commitment)
    locked = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if to_status not in S.values or to_status not in NEXT[S(locked.status)]:
        raise ValidationError(
            _("เปลี่ยนสถานะจาก “%(from)s” เป็น “%(to)s” ไม่ได้")
            % {"from": _label(locked.status), "to": _label(to_status) if to_status in S.values else to_status}
        )
    on_date = on_date or timezone.localdate()
    if on_date > timezone.localdate():
        raise ValidationError(_("วันที่ต้องไม่เป็นวันในอนาคต"))
    if to_status == S.PLEDGED:
        _check_dates(proposed_on=locked.proposed_on, pledged_on=on_date, field="on_date")
    locked.status = to_status
    setattr(locked, DATE_FIELD[to_status], on_date)
    locked.version += 1
    locked.save()
    record_commitment(locked)
    notification_events.commitment_changed(locked, actor=user)
    return locked
