"""แบบ ผ.02 for one local government: only the projects forwarded to it, under its own strategy and programme
headings, with columns for its answer; and that file read back as answers, never as edits of the plan.

The export (`local_government_workbook`) takes the plan's projects forwarded to the body (never the projects
the community does itself), groups them by the forwarding's `recipient_strategy` and `recipient_programme`
(projects without them under "ยังไม่ระบุ…"), and adds the answer columns the local government fills: how the
project entered its plan (แผนฉบับหลัก / เพิ่มเติม / เปลี่ยนแปลง, ครั้งที่, ปี), its row in the local plan's ผ.02,
or why it did not, and the money of its budget ordinance (fiscal year, baht).

The import (`answers_import`) reads those columns only: each row with a reference is matched to the
project's forwarding to the body and recorded through `funding.services.answer_record` (the answer, the
money as ledger entries in its fiscal year, the forwarding's outcome moved forward). The approved plan's
projects are never changed. All rows or none; the same file imported again records nothing new.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tambonplan.accounts.scope import require_change
from tambonplan.core.history import import_service
from tambonplan.core.tabular import Column, RowError, TabularError, read_table
from tambonplan.documents.xlsx import Heading, Sheet, build_xlsx
from tambonplan.funding.models import AmendmentKind, ForwardingAnswer, Inclusion
from tambonplan.funding.services import answer_record
from tambonplan.localgov.models import LocalGovernment
from tambonplan.planning import exchange
from tambonplan.planning.models import Forwarding, TambonPlan
from tambonplan.thai.digits import to_arabic_digits

NO_STRATEGY = "ยังไม่ระบุยุทธศาสตร์"
NO_PROGRAMME = "ยังไม่ระบุแผนงาน"
ANSWER_COLUMNS = (
    Column("amendment_kind", ("amendment_kind", "บรรจุในแผนโดย (แผนฉบับหลัก/เพิ่มเติม/เปลี่ยนแปลง)")),
    Column("amendment_number", ("amendment_number", "ครั้งที่")),
    Column("amendment_year", ("amendment_year", "ปี พ.ศ. ของการเพิ่มเติม/เปลี่ยนแปลง")),
    Column("plan_row", ("plan_row", "ลำดับในแบบ ผ.02 ของ อปท.")),
    Column("not_included", ("not_included", "ไม่บรรจุ เพราะ")),
    Column("ordinance_year", ("ordinance_year", "ปีงบประมาณที่ตั้งไว้ในข้อบัญญัติ/เทศบัญญัติ")),
    Column("ordinance_amount", ("ordinance_amount", "จำนวนเงินตามข้อบัญญัติ/เทศบัญญัติ (บาท)")),
)
ANSWER_WIDTHS = [26, 10, 14, 16, 28, 18, 20]
AMENDMENT_WORDS = {str(choice.label): choice.value for choice in AmendmentKind}
AMENDMENT_WORDS.update({"เพิ่มเติม/เปลี่ยนแปลง": AmendmentKind.ADDITION_AND_CHANGE, "หลัก": AmendmentKind.ORIGINAL})


def forwardings_to(plan: TambonPlan, body: LocalGovernment) -> list[Forwarding]:
    """The plan's forwardings to the body, the latest per project, without the community's own projects."""
    rows = (
        Forwarding.objects.filter(project__plan=plan, local_government=body)
        .exclude(project__project_class__code="community")
        .select_related("project__project_class")
        .prefetch_related("project__budgets")
        .order_by("project_id", "-sent_on", "-id")
    )
    latest: dict[int, Forwarding] = {}
    for forwarding in rows:
        latest.setdefault(forwarding.project_id, forwarding)
    return list(latest.values())


def _rows(plan: TambonPlan, forwardings: list[Forwarding], years: range) -> list:
    groups: dict[str, dict[str, list[Forwarding]]] = {}
    ordered = sorted(forwardings, key=lambda f: (f.project.priority is None, f.project.priority or 0, f.pk))
    for forwarding in ordered:
        strategy = " ".join(forwarding.recipient_strategy.split()) or NO_STRATEGY
        programme = " ".join(forwarding.recipient_programme.split()) or NO_PROGRAMME
        groups.setdefault(strategy, {}).setdefault(programme, []).append(forwarding)
    rows: list = []
    for strategy_number, (strategy, programmes) in enumerate(groups.items(), start=1):
        rows.append(Heading([f"{exchange.STRATEGY} {strategy_number} {strategy}"]))
        for programme_number, (programme, members) in enumerate(programmes.items(), start=1):
            rows.append(Heading([f"{exchange.PROGRAM} {strategy_number}.{programme_number} {programme}"]))
            for number, forwarding in enumerate(members, start=1):
                project = forwarding.project
                amounts = {b.fiscal_year: b.amount for b in project.budgets.all()}
                rows.append(
                    [
                        number,
                        project.name,
                        project.objective,
                        project.target_output,
                        *(amounts.get(year) for year in years),
                        project.kpi,
                        project.expected_result,
                        project.lead_agency,
                        exchange.reference(project, plan),
                        *([""] * len(ANSWER_COLUMNS)),
                    ]
                )
    return rows


def recipients_of(plan: TambonPlan) -> list[tuple[LocalGovernment, int]]:
    """The local governments the plan's projects were forwarded to, each with how many projects."""
    counts: dict[int, set[int]] = {}
    bodies: dict[int, LocalGovernment] = {}
    for forwarding in (
        Forwarding.objects.filter(project__plan=plan, local_government__isnull=False)
        .exclude(project__project_class__code="community")
        .select_related("local_government")
    ):
        bodies[forwarding.local_government_id] = forwarding.local_government
        counts.setdefault(forwarding.local_government_id, set()).add(forwarding.project_id)
    return [
        (bodies[pk], len(projects))
        for pk, projects in sorted(counts.items(), key=lambda i: bodies[i[0]].name_th)
    ]


def local_government_workbook(plan: TambonPlan, body: LocalGovernment) -> bytes:
    """The ผ.02 of the projects forwarded to `body` (A3 landscape, one page wide), for its plan amendment."""
    period = exchange.local_plan_period(plan.fiscal_year)
    forwardings = forwardings_to(plan, body)
    headers = [
        *(column.headers[-1] for column in exchange.HEAD_COLUMNS),
        *(exchange.year_header(year) for year in period),
        *(column.headers[-1] for column in exchange.TAIL_COLUMNS),
        exchange.REF_COLUMN.headers[-1],
        *(column.headers[-1] for column in ANSWER_COLUMNS),
    ]
    title_rows = exchange._title_rows(plan, period, len(headers))
    title_rows.insert(1, [_("ถึง %(name)s") % {"name": body.full_name}])
    first_year = len(exchange.HEAD_COLUMNS)
    amounts = range(first_year, first_year + len(period))
    tail = range(amounts.stop, amounts.stop + len(exchange.TAIL_COLUMNS))
    notes = [
        _("โครงการในไฟล์นี้คือโครงการจากแผนพัฒนาตำบลที่ส่งถึง%(name)s เท่านั้น") % {"name": body.full_name},
        _(
            "ขอให้ %(name)s กรอกคอลัมน์คำตอบ: บรรจุในแผนโดย (แผนฉบับหลัก เพิ่มเติม หรือเปลี่ยนแปลง) "
            "ครั้งที่ ปี และลำดับในแบบ ผ.02 ของ อปท. หรือเหตุผลที่ไม่บรรจุ "
            "และเมื่อตั้งงบประมาณแล้ว ปีงบประมาณและจำนวนเงินตาม%(law)s"
        )
        % {"name": body.short_name, "law": body.budget_law},
        _("คอลัมน์รหัสอ้างอิงใช้จับคู่โครงการเมื่อนำไฟล์กลับเข้าระบบ ห้ามแก้ไข"),
        _("การนำไฟล์กลับเข้าระบบบันทึกเฉพาะคำตอบ ไม่แก้ไขโครงการในแผนพัฒนาตำบลที่ ก.บ.ต. ให้ความเห็นชอบแล้ว"),
    ]
    return build_xlsx(
        [
            Sheet(
                title=exchange.FORM_SHEET,
                headers=headers,
                rows=_rows(plan, forwardings, period),
                widths=[
                    *exchange.WIDTHS_HEAD,
                    *([exchange.WIDTH_YEAR] * len(period)),
                    *exchange.WIDTHS_TAIL,
                    *ANSWER_WIDTHS,
                ],
                title_rows=title_rows,
                merge_titles=True,
                header_fill=exchange.HEADER_FILL,
                borders=True,
                wrap_columns={*range(1, first_year), *tail},
                number_formats=dict.fromkeys(amounts, exchange.AMOUNT_FORMAT),
                merge_headings=True,
                font_name=exchange.FONT_NAME,
                font_size=exchange.FONT_SIZE,
                landscape=True,
                paper_size=exchange.PAPERS["a3"],
                fit_to_width=True,
                repeat_header=True,
                repeat_columns=exchange.REPEATED_COLUMNS,
                narrow_margins=True,
            ),
            Sheet(
                title=exchange.NOTES_SHEET,
                headers=[_("คำอธิบาย")],
                rows=([note] for note in notes),
                widths=[120],
                wrap_columns={0},
                font_name=exchange.FONT_NAME,
                font_size=exchange.FONT_SIZE,
            ),
        ]
    )


# ------------------------------------------------------------------------------------------- reading


def _number(text: str) -> int | None:
    text = to_arabic_digits(text).strip()
    return int(text) if re.fullmatch(r"[0-9]{1,4}", text) else None


def _amount(text: str) -> Decimal | None:
    text = to_arabic_digits(text).replace(",", "").strip()
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _parse(row, forwarding: Forwarding, body: LocalGovernment, errors: list[RowError]) -> dict | None:
    """The answer a row gives, or None for a row the local government has not answered yet."""
    values = row.values
    if not any(values.get(column.key) for column in ANSWER_COLUMNS):
        return None
    answer: dict = {"funding": []}
    reason = values.get("not_included", "")
    kind_text = " ".join(values.get("amendment_kind", "").split())
    if reason and kind_text:
        errors.append(
            row.error("not_included", _("แถวนี้ระบุทั้งการบรรจุในแผนและเหตุผลที่ไม่บรรจุ กรุณาเลือกอย่างใดอย่างหนึ่ง"))
        )
        return None
    if reason:
        answer.update(inclusion=Inclusion.NOT_INCLUDED, reason=reason)
    else:
        kind = AMENDMENT_WORDS.get(kind_text)
        if kind is None:
            errors.append(
                row.error(
                    "amendment_kind",
                    _("'%(value)s' ไม่ใช่ลักษณะการบรรจุที่รู้จัก (ใช้ แผนฉบับหลัก เพิ่มเติม หรือเปลี่ยนแปลง)")
                    % {"value": kind_text},
                )
            )
            return None
        answer.update(
            inclusion=Inclusion.INCLUDED,
            amendment_kind=kind,
            plan_row=values.get("plan_row", "")[:30],
        )
        for key in ("amendment_number", "amendment_year"):
            text = values.get(key, "")
            if text and _number(text) is None:
                errors.append(row.error(key, _("'%(value)s' ไม่ใช่ตัวเลข") % {"value": text}))
                return None
            answer[key] = _number(text) if text else None
    year_text, amount_text = values.get("ordinance_year", ""), values.get("ordinance_amount", "")
    if year_text or amount_text:
        year, amount = _number(year_text), _amount(amount_text)
        if year is None:
            errors.append(row.error("ordinance_year", _("กรุณาระบุปีงบประมาณ พ.ศ. ของเงินที่ตั้งไว้")))
            return None
        if amount is None:
            errors.append(
                row.error("ordinance_amount", _("จำนวนเงิน '%(value)s' ไม่ใช่ตัวเลข") % {"value": amount_text})
            )
            return None
        answer["funding"] = [(year, amount, f"{body.budget_law} พ.ศ. {year}")]
    return answer


def _already_recorded(forwarding: Forwarding, answer: dict) -> bool:
    """The same answer (plan, amendment, row, money) was recorded before: re-importing adds nothing."""
    existing = ForwardingAnswer.objects.filter(
        forwarding=forwarding,
        inclusion=answer["inclusion"],
        amendment_kind=answer.get("amendment_kind", ""),
        amendment_number=answer.get("amendment_number"),
        amendment_year=answer.get("amendment_year"),
        plan_row=answer.get("plan_row", ""),
    ).prefetch_related("funding_entries")
    wanted = sorted((year, amount) for year, amount, _reference in answer["funding"])
    return any(
        sorted((e.fiscal_year, e.amount) for e in found.funding_entries.all()) == wanted for found in existing
    )


@import_service
def answers_import(
    *, user, plan: TambonPlan, body: LocalGovernment, upload, answered_on=None, letter_number=""
) -> int:
    """Record the answers of the body's filled ผ.02; returns how many were recorded. Raises TabularError
    (nothing written) listing every bad row."""
    require_change(user, plan)
    rows = read_table(
        upload,
        columns=(exchange.SEQ_COLUMN, exchange.NAME_COLUMN, exchange.REF_COLUMN, *ANSWER_COLUMNS),
        arabic_digits_for=("ref",),
        sheet=exchange.FORM_SHEET,
        header_search_rows=exchange.HEADER_SEARCH_ROWS,
    )
    forwarding_of = {f.project_id: f for f in forwardings_to(plan, body)}
    errors: list[RowError] = []
    answers = []
    for row in rows:
        text = "".join(row.values.get("ref", "").split())
        if not text:
            if any(row.values.get(column.key) for column in ANSWER_COLUMNS):
                errors.append(row.error("ref", _("แถวนี้มีคำตอบแต่ไม่มีรหัสอ้างอิง จึงไม่ทราบว่าเป็นโครงการใด")))
            continue
        match = exchange._REF_RE.fullmatch(text)
        forwarding = None
        if match and (match.group(1), int(match.group(2))) == (plan.tambon_id, plan.fiscal_year):
            forwarding = forwarding_of.get(int(match.group(3)))
        if forwarding is None:
            errors.append(
                row.error(
                    "ref",
                    _("รหัสอ้างอิง '%(value)s' ไม่ใช่โครงการของแผนนี้ที่ส่งถึง%(name)s")
                    % {"value": text, "name": body.full_name},
                )
            )
            continue
        answer = _parse(row, forwarding, body, errors)
        if answer is not None and not _already_recorded(forwarding, answer):
            answers.append((row, forwarding, answer))
    if errors:
        raise TabularError(errors)
    with transaction.atomic():
        for row, forwarding, answer in answers:
            try:
                answer_record(
                    user=user,
                    forwarding=forwarding,
                    answered_on=answered_on or timezone.localdate(),
                    letter_number=letter_number,
                    **answer,
                )
            except ValidationError as error:
                errors.append(RowError(row.number, " ".join(error.messages)))
        if errors:
            raise TabularError(errors)
    return len(answers)
