"""Every write to answers: a recipient's reply to a forwarding and the money it names, in one transaction.

An answer's money is written as `FundingEntry` rows (status secured) — the one ledger the integration
counts. Recording an answer moves the forwarding's outcome forward through `planning.services` (the
forward-only rule stays there): "included" takes a pending forwarding to "บรรจุในแผนแล้ว", money takes an
accepted one to "ได้รับงบประมาณ", "not included" takes a pending one to "ไม่รับ". Editing or deleting an
answer never moves an outcome back.
"""

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tambonplan.accounts.scope import require_change, require_manage_province
from tambonplan.core.concurrency import ConcurrentEditError
from tambonplan.core.uploads import checked_upload
from tambonplan.funding.models import (
    AmendmentKind,
    EntryStatus,
    ForwardingAnswer,
    FundingEntry,
    FundingWindow,
    Inclusion,
    SourceGroup,
)
from tambonplan.planning import services as planning_services
from tambonplan.planning.models import Forwarding, ForwardOutcome, TargetKind
from tambonplan.thai.dates import be_date_long, fiscal_year_of

# How far past the plan's year money may be recorded (a multi-year project, a late ordinance).
YEARS_AHEAD = 10

SOURCE_GROUP_OF_TARGET = {
    TargetKind.LOCAL_GOVERNMENT: SourceGroup.LOCAL_GOVERNMENT,
    TargetKind.AGENCY: SourceGroup.AGENCIES,
    TargetKind.DISTRICT: SourceGroup.AGENCIES,
    TargetKind.PROVINCE: SourceGroup.AGENCIES,
    TargetKind.PARTNER: SourceGroup.PARTNERS,
}


def source_group_of(forwarding: Forwarding) -> str:
    return SOURCE_GROUP_OF_TARGET.get(forwarding.target_kind, SourceGroup.AGENCIES)


def source_name_of(forwarding: Forwarding) -> str:
    if forwarding.local_government_id:
        return forwarding.local_government.full_name
    return forwarding.target_name


def is_local_government(forwarding: Forwarding) -> bool:
    return forwarding.target_kind == TargetKind.LOCAL_GOVERNMENT or bool(forwarding.local_government_id)


def _as_int(value, field: str, message: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValidationError({field: message}) from None


def _clean_funding(
    forwarding: Forwarding, funding: Iterable, inclusion: str
) -> list[tuple[int, Decimal, str]]:
    """The money rows as (fiscal year, amount, reference); rows without a year and an amount are skipped."""
    plan_year = forwarding.project.plan.fiscal_year
    rows, errors = [], []
    for number, row in enumerate(funding or (), start=1):
        fiscal_year, amount, reference = (tuple(row) + ("", "", ""))[:3]
        if fiscal_year in (None, "") and amount in (None, ""):
            continue
        where = _("งบประมาณรายการที่ %(n)s") % {"n": number}
        try:
            year = int(fiscal_year)
        except (TypeError, ValueError):
            errors.append(_("%(where)s: กรุณาระบุปีงบประมาณ") % {"where": where})
            continue
        try:
            value = Decimal(str(amount)) if amount not in (None, "") else None
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            errors.append(_("%(where)s: กรุณาระบุจำนวนเงิน") % {"where": where})
            continue
        if value < 0:
            errors.append(_("%(where)s: จำนวนเงินต้องไม่ติดลบ") % {"where": where})
        if year < plan_year:
            errors.append(
                _("%(where)s: ปีงบประมาณ %(year)s อยู่ก่อนปีของแผน (%(plan)s) ซึ่งเป็นไปไม่ได้")
                % {"where": where, "year": year, "plan": plan_year}
            )
        elif year > plan_year + YEARS_AHEAD:
            errors.append(
                _("%(where)s: ปีงบประมาณ %(year)s ห่างจากปีของแผน (%(plan)s) เกิน %(n)s ปี")
                % {"where": where, "year": year, "plan": plan_year, "n": YEARS_AHEAD}
            )
        rows.append((year, value.quantize(Decimal("0.01")), str(reference or "").strip()[:300]))
    if errors:
        raise ValidationError({"funding": errors})
    if rows and inclusion != Inclusion.INCLUDED:
        raise ValidationError({"funding": _("บันทึกงบประมาณที่ได้รับได้เฉพาะเมื่อโครงการบรรจุในแผนแล้ว")})
    return rows


def _clean_answer(forwarding: Forwarding, fields: dict) -> dict:
    errors = {}
    answered_on = fields["answered_on"]
    if answered_on is None:
        errors["answered_on"] = _("กรุณาระบุวันที่ตอบ")
    elif answered_on > timezone.localdate():
        errors["answered_on"] = _("วันที่ตอบต้องไม่เป็นวันในอนาคต")
    elif answered_on < forwarding.sent_on:
        errors["answered_on"] = _("วันที่ตอบ (%(answered)s) ต้องไม่ก่อนวันที่ส่งต่อ (%(sent)s)") % {
            "answered": be_date_long(answered_on),
            "sent": be_date_long(forwarding.sent_on),
        }
    inclusion = fields["inclusion"]
    if inclusion not in Inclusion.values:
        errors["inclusion"] = _("กรุณาเลือกผลการบรรจุในแผน")
    kind = (fields["amendment_kind"] or "").strip()
    if kind and kind not in AmendmentKind.values:
        errors["amendment_kind"] = _("ลักษณะการบรรจุไม่ถูกต้อง")
    number = _as_int(fields["amendment_number"], "amendment_number", _("ครั้งที่ต้องเป็นตัวเลข"))
    year = _as_int(fields["amendment_year"], "amendment_year", _("ปี พ.ศ. ต้องเป็นตัวเลข"))
    if number is not None and number < 1:
        errors["amendment_number"] = _("ครั้งที่ต้องเป็นตัวเลขตั้งแต่ 1 ขึ้นไป")
    plan_year = forwarding.project.plan.fiscal_year
    if year is not None and not plan_year - 1 <= year <= plan_year + YEARS_AHEAD:
        errors["amendment_year"] = _("ปี พ.ศ. ของการแก้ไขแผนต้องอยู่ระหว่าง %(low)s ถึง %(high)s") % {
            "low": plan_year - 1,
            "high": plan_year + YEARS_AHEAD,
        }
    reason = (fields["reason"] or "").strip()
    if inclusion == Inclusion.INCLUDED and is_local_government(forwarding):
        recipient = source_name_of(forwarding)
        if not kind:
            errors["amendment_kind"] = _(
                "โครงการที่บรรจุในแผนพัฒนาท้องถิ่นของ %(lg)s ต้องระบุลักษณะการบรรจุ (เพิ่มเติม/เปลี่ยนแปลง)"
            ) % {"lg": recipient}
        elif kind != AmendmentKind.ORIGINAL and number is None:
            errors["amendment_number"] = _("กรุณาระบุครั้งที่ของการแก้ไขแผนพัฒนาท้องถิ่นของ %(lg)s") % {"lg": recipient}
        if year is None and "amendment_year" not in errors:
            errors["amendment_year"] = _("กรุณาระบุปี พ.ศ. ของแผนพัฒนาท้องถิ่นที่บรรจุโครงการ")
    if inclusion == Inclusion.NOT_INCLUDED and not reason:
        errors["reason"] = _("กรุณาระบุเหตุผลที่ไม่บรรจุโครงการในแผน")
    if errors:
        raise ValidationError(errors)
    included = inclusion == Inclusion.INCLUDED
    return {
        "answered_on": answered_on,
        "letter_number": (fields["letter_number"] or "").strip(),
        "inclusion": inclusion,
        "plan_name": (fields["plan_name"] or "").strip() if included else "",
        "amendment_kind": kind if included else "",
        "amendment_number": number if included and kind != AmendmentKind.ORIGINAL else None,
        "amendment_year": year if included else None,
        "plan_row": (fields["plan_row"] or "").strip() if included else "",
        "reason": reason,
    }


def accepted_plan_text(answer: ForwardingAnswer) -> str:
    """What the forwarding's "บรรจุในแผน" says for an included answer (`ForwardingAnswer.plan_text`)."""
    return answer.plan_text[:200]


def _write_entries(answer: ForwardingAnswer, rows: list[tuple[int, Decimal, str]]) -> None:
    forwarding = answer.forwarding
    group, name = source_group_of(forwarding), source_name_of(forwarding)[:300]
    for fiscal_year, amount, reference in rows:
        entry = FundingEntry(
            project_id=forwarding.project_id,
            fiscal_year=fiscal_year,
            amount=amount,
            status=EntryStatus.SECURED,
            source_group=group,
            source_name=name,
            reference=reference,
            answer=answer,
            local_government_id=forwarding.local_government_id,
        )
        entry.full_clean()
        entry.save()


def _move_outcome(user, answer: ForwardingAnswer, has_money: bool) -> None:
    """Forward only, step by step through the planning service; never backwards."""
    forwarding = Forwarding.objects.get(pk=answer.forwarding_id)
    if forwarding.outcome == ForwardOutcome.PENDING:
        if answer.inclusion == Inclusion.INCLUDED:
            forwarding = planning_services.forwarding_record_outcome(
                user=user,
                forwarding=forwarding,
                outcome=ForwardOutcome.ACCEPTED,
                outcome_on=answer.answered_on,
                accepted_plan=accepted_plan_text(answer),
                accepted_year=answer.amendment_year or fiscal_year_of(answer.answered_on),
            )
        elif answer.inclusion == Inclusion.NOT_INCLUDED:
            planning_services.forwarding_record_outcome(
                user=user,
                forwarding=forwarding,
                outcome=ForwardOutcome.REJECTED,
                outcome_on=answer.answered_on,
                reason=answer.reason,
            )
            return
    if has_money and forwarding.outcome == ForwardOutcome.ACCEPTED:
        planning_services.forwarding_record_outcome(
            user=user, forwarding=forwarding, outcome=ForwardOutcome.FUNDED, outcome_on=answer.answered_on
        )


@transaction.atomic
def answer_record(
    *,
    user,
    forwarding: Forwarding,
    answered_on,
    letter_number: str = "",
    scan=None,
    inclusion: str,
    plan_name: str = "",
    amendment_kind: str = "",
    amendment_number: int | None = None,
    amendment_year: int | None = None,
    plan_row: str = "",
    reason: str = "",
    funding: Iterable = (),
) -> ForwardingAnswer:
    """Record a recipient's answer to `forwarding` and the money it names (each row: fiscal year, amount,
    reference) as secured ledger entries; move the forwarding's outcome forward."""
    forwarding = Forwarding.objects.select_related("project__plan", "local_government").get(pk=forwarding.pk)
    require_change(user, forwarding.project)
    values = _clean_answer(
        forwarding,
        {
            "answered_on": answered_on,
            "letter_number": letter_number,
            "inclusion": inclusion,
            "plan_name": plan_name,
            "amendment_kind": amendment_kind,
            "amendment_number": amendment_number,
            "amendment_year": amendment_year,
            "plan_row": plan_row,
            "reason": reason,
        },
    )
    rows = _clean_funding(forwarding, funding, values["inclusion"])
    answer = ForwardingAnswer(forwarding=forwarding, recorded_by=user, **values)
    if scan:
        answer.scan = checked_upload(scan)
    answer.full_clean()
    answer.save()
    _write_entries(answer, rows)
    _move_outcome(user, answer, has_money=any(amount > 0 for _year, amount, _ref in rows))
    return answer


@transaction.atomic
def answer_update(
    *,
    user,
    answer: ForwardingAnswer,
    answered_on,
    letter_number: str = "",
    scan=None,
    inclusion: str,
    plan_name: str = "",
    amendment_kind: str = "",
    amendment_number: int | None = None,
    amendment_year: int | None = None,
    plan_row: str = "",
    reason: str = "",
    funding: Iterable = (),
    version: int | None = None,
) -> ForwardingAnswer:
    """Change an answer; its money rows are replaced by `funding`. The outcome only moves forward."""
    locked = (
        ForwardingAnswer.objects.select_for_update(of=("self",))
        .select_related("forwarding__project__plan", "forwarding__local_government")
        .get(pk=answer.pk)
    )
    require_change(user, locked.forwarding.project)
    if version is not None and locked.version != version:
        raise ConcurrentEditError
    values = _clean_answer(
        locked.forwarding,
        {
            "answered_on": answered_on,
            "letter_number": letter_number,
            "inclusion": inclusion,
            "plan_name": plan_name,
            "amendment_kind": amendment_kind,
            "amendment_number": amendment_number,
            "amendment_year": amendment_year,
            "plan_row": plan_row,
            "reason": reason,
        },
    )
    rows = _clean_funding(locked.forwarding, funding, values["inclusion"])
    for name, value in values.items():
        setattr(locked, name, value)
    if scan:
        old = locked.scan
        locked.scan = checked_upload(scan)
        if old:
            old.delete(save=False)
    locked.version += 1
    locked.full_clean()
    locked.save()
    existing = list(locked.funding_entries.order_by("id"))
    if [(e.fiscal_year, e.amount, e.reference) for e in existing] != rows:
        for entry in existing:
            entry.delete()
        _write_entries(locked, rows)
    _move_outcome(user, locked, has_money=any(amount > 0 for _year, amount, _ref in rows))
    return locked


@transaction.atomic
def answer_delete(*, user, answer: ForwardingAnswer) -> None:
    """Delete an answer and its money (the forwarding's outcome stays: outcomes never move back)."""
    locked = (
        ForwardingAnswer.objects.select_for_update().select_related("forwarding__project").get(pk=answer.pk)
    )
    require_change(user, locked.forwarding.project)
    for entry in locked.funding_entries.all():
        entry.delete()
    scan = locked.scan
    locked.delete()
    if scan:
        transaction.on_commit(lambda: scan.storage.delete(scan.name))


@transaction.atomic
def window_set(*, user, province, years: int) -> FundingWindow:
    """The province's budget-year window (1 or 2 fiscal years after the plan's year); province officers."""
    require_manage_province(user, province)
    if years not in (1, 2):
        raise ValidationError({"years": _("ช่วงปีที่เทียบต้องเป็น 1 หรือ 2 ปี")})
    window = FundingWindow.objects.select_for_update().filter(province=province).first()
    if window is None:
        window = FundingWindow(province=province)
    elif window.years == years:
        return window
    window.years, window.updated_by = years, user
    window.full_clean()
    window.save()
    return window
