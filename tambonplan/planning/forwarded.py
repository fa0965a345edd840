"""แบบ ผ.02 for one local government: only the projects forwarded to it, under its own strategy and programme
headings, with columns for its answer; and that file read back as answers, never as edits of the plan.

The export (`local_government_workbook`) takes the plan's projects forwarded to the body (never the projects
the community does itself; the latest forwarding of each project to it), groups them by the forwarding's
`recipient_strategy` and `recipient_programme` (projects without them under "ยังไม่ระบุยุทธศาสตร์" /
"ยังไม่ระบุแผนงาน"), writes the ผ.02 columns of `exchange.py` (a budget column per year of the local plan's
period; money outside the period is refused as for the whole plan, never dropped) and adds the answer columns
the local government fills: how the project entered its plan (แผนฉบับหลัก / เพิ่มเติม / เปลี่ยนแปลง, ครั้งที่,
ปี), its row in the local plan's ผ.02, or why it did not, and the money of its budget ordinance (fiscal
year, baht). An answer already recorded is written back into its row, so a file exported again and returned
as it is records nothing.

The import (`answers_import`) reads those columns only. A row is matched to the project's forwarding to the
body by the reference the export writes (the name must then agree), or by the project's name when the
reference was left out; rows without an answer are read over. Each answer is recorded through
`funding.services.answer_record` (the answer, its money as secured ledger entries of their fiscal year, the
forwarding's outcome moved forward — which sets the project's status, as every outcome does); the approved
plan's projects (names, texts, budgets, priorities) are never changed. One answer per forwarding, amendment
and ผ.02 row: importing the same row again records nothing, and a row that now names money for a year updates
that answer's money for the year (`funding.services.answer_update`) instead of adding an answer. All rows or
none: every bad row is reported with its row number and a Thai reason, and nothing is written.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from tambonplan.accounts.scope import require_change
from tambonplan.core.history import import_service
from tambonplan.core.tabular import Column, Row, RowError, read_table
from tambonplan.documents.xlsx import Heading, Sheet, build_xlsx
from tambonplan.funding.models import AmendmentKind, ForwardingAnswer, Inclusion
from tambonplan.funding.services import answer_record, answer_update
from tambonplan.localgov.models import LocalGovernment
from tambonplan.planning import exchange
from tambonplan.planning.imports import normalise, parse_amount, raise_if_errors, thai_label
from tambonplan.planning.models import Forwarding, TambonPlan, by_priority
from tambonplan.thai.digits import parse_int, to_arabic_digits

NO_STRATEGY = "ยังไม่ระบุยุทธศาสตร์"
NO_PROGRAMME = "ยังไม่ระบุแผนงาน"
COMMUNITY_CLASS = "community"  # ชุมชนดำเนินการเอง: never sent to a local government's plan

ANSWER_COLUMNS = (
    Column("amendment_kind", ("amendment_kind", "บรรจุในแผนโดย (แผนฉบับหลัก/เพิ่มเติม/เปลี่ยนแปลง)")),
    Column("amendment_number", ("amendment_number", "ครั้งที่")),
    Column("amendment_year", ("amendment_year", "ปี พ.ศ. ของการเพิ่มเติม/เปลี่ยนแปลง")),
    Column("plan_row", ("plan_row", "ลำดับในแบบ ผ.02 ของ อปท.")),
    Column("not_included", ("not_included", "ไม่บรรจุ เพราะ")),
    Column("ordinance_year", ("ordinance_year", "ปีงบประมาณที่ตั้งไว้ในข้อบัญญัติ/เทศบัญญัติ")),
    Column("ordinance_amount", ("ordinance_amount", "จำนวนเงินตามข้อบัญญัติ/เทศบัญญัติ (บาท)")),
)
ANSWER_KEYS = tuple(column.key for column in ANSWER_COLUMNS)
ANSWER_WIDTHS = [26, 10, 14, 16, 28, 18, 20]
NUMBER_KEYS = ("amendment_number", "amendment_year", "plan_row", "ordinance_year", "ordinance_amount")

# The words of the amendment column (Thai labels and the ways officers write them), normalised.
AMENDMENT_WORDS = {
    normalise(text): value
    for text, value in (
        ("แผนฉบับหลัก", AmendmentKind.ORIGINAL),
        ("ฉบับหลัก", AmendmentKind.ORIGINAL),
        ("แผนหลัก", AmendmentKind.ORIGINAL),
        ("หลัก", AmendmentKind.ORIGINAL),
        ("เพิ่มเติม", AmendmentKind.ADDITION),
        ("เพิ่ม", AmendmentKind.ADDITION),
        ("เปลี่ยนแปลง", AmendmentKind.CHANGE),
        ("เพิ่มเติมและเปลี่ยนแปลง", AmendmentKind.ADDITION_AND_CHANGE),
        ("เพิ่มเติม/เปลี่ยนแปลง", AmendmentKind.ADDITION_AND_CHANGE),
        ("เพิ่มเติมเปลี่ยนแปลง", AmendmentKind.ADDITION_AND_CHANGE),
    )
}
# "เพิ่มเติม ครั้งที่ 2/2569" written in the amendment column: the kind, the number and the year.
_AMENDMENT_RE = re.compile(r"(?P<kind>.+?)\s*ครั้งที่\s*(?P<number>[0-9]{1,3})\s*(?:/\s*(?P<year>[0-9]{4}))?")

# The answer service's fields -> the column an error of that field is reported in (None: the row's).
SERVICE_FIELDS = {
    "inclusion": "amendment_kind",
    "amendment_kind": "amendment_kind",
    "amendment_number": "amendment_number",
    "amendment_year": "amendment_year",
    "plan_row": "plan_row",
    "reason": "not_included",
    "funding": "ordinance_amount",
}


# ------------------------------------------------------------------------------------------- reads


def forwardings_to(plan: TambonPlan, body: LocalGovernment) -> list[Forwarding]:
    """The plan's forwardings to the body, the latest per project, without the community's own projects,
    the most important project first; with each one's answers and their money (3 queries)."""
    rows = (
        Forwarding.objects.filter(project__plan=plan, local_government=body)
        .exclude(project__project_class__code=COMMUNITY_CLASS)
        .select_related("project__project_class")
        .prefetch_related("project__budgets", "answers__funding_entries")
        .order_by(by_priority("project__priority"), "project_id", "-sent_on", "-id")
    )
    latest: dict[int, Forwarding] = {}
    for forwarding in rows:
        latest.setdefault(forwarding.project_id, forwarding)
    return list(latest.values())


def recipients_of(plan: TambonPlan) -> list[tuple[LocalGovernment, int]]:
    """The local governments the plan's projects (not the community's own) were forwarded to, by name, each
    with how many projects; `body.answered` is how many of them it has answered (2 queries)."""
    forwardings = (
        Forwarding.objects.filter(project__plan=plan, local_government__isnull=False)
        .exclude(project__project_class__code=COMMUNITY_CLASS)
        .select_related("local_government")
        .annotate(answer_count=Count("answers"))
    )
    bodies: dict[int, LocalGovernment] = {}
    projects: dict[int, set[int]] = defaultdict(set)
    answered: dict[int, set[int]] = defaultdict(set)
    for forwarding in forwardings:
        bodies[forwarding.local_government_id] = forwarding.local_government
        projects[forwarding.local_government_id].add(forwarding.project_id)
        if forwarding.answer_count:
            answered[forwarding.local_government_id].add(forwarding.project_id)
    result = []
    for pk, body in sorted(bodies.items(), key=lambda item: (item[1].name_th, item[1].kind, item[0])):
        body.answered = len(answered[pk])
        result.append((body, len(projects[pk])))
    return result


# ------------------------------------------------------------------------------------------- export


def _latest_answer(forwarding: Forwarding) -> ForwardingAnswer | None:
    """The answer a returned file repeats: the latest that says included or not included."""
    answers = [a for a in forwarding.answers.all() if a.inclusion != Inclusion.CONSIDERING]
    return max(answers, key=lambda a: (a.answered_on, a.pk)) if answers else None


def _answer_cells(forwarding: Forwarding) -> list[object]:
    """The answer columns of a project's row: empty, or the answer already recorded (the money of its
    latest fiscal year)."""
    answer = _latest_answer(forwarding)
    if answer is None:
        return [""] * len(ANSWER_COLUMNS)
    if answer.inclusion == Inclusion.NOT_INCLUDED:
        return ["", "", "", "", answer.reason, "", ""]
    entries = sorted(answer.funding_entries.all(), key=lambda e: (e.fiscal_year, e.pk))
    money = [entries[-1].fiscal_year, entries[-1].amount] if entries else ["", ""]
    kind = thai_label(AmendmentKind, answer.amendment_kind) if answer.amendment_kind else ""
    return [kind, answer.amendment_number or "", answer.amendment_year or "", answer.plan_row, "", *money]


def _rows(plan: TambonPlan, forwardings: list[Forwarding], years: range) -> list:
    """The headings (the recipient's strategy, then programme, in the order of their most important project)
    and the projects under them, by priority."""
    groups: dict[str, dict[str, list[Forwarding]]] = {}
    for forwarding in forwardings:
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
                        *_answer_cells(forwarding),
                    ]
                )
    return rows


def _notes(body: LocalGovernment) -> list[str]:
    return [
        _("โครงการในไฟล์นี้คือโครงการจากแผนพัฒนาตำบลที่ส่งถึง%(name)s เท่านั้น จัดตามยุทธศาสตร์และแผนงานของ %(short)s")
        % {"name": body.full_name, "short": body.short_name},
        _(
            "ขอให้ %(name)s กรอกคอลัมน์คำตอบ: บรรจุในแผนโดย (แผนฉบับหลัก เพิ่มเติม หรือเปลี่ยนแปลง) "
            "ครั้งที่ ปี และลำดับในแบบ ผ.02 ของ อปท. หรือเหตุผลที่ไม่บรรจุ "
            "และเมื่อตั้งงบประมาณแล้ว ปีงบประมาณและจำนวนเงินตาม%(law)s"
        )
        % {"name": body.short_name, "law": body.budget_law},
        _("ตัวอย่าง: บรรจุในแผนโดย 'เพิ่มเติม' ครั้งที่ 2 ปี 2569 ลำดับ 14 ปีงบประมาณ 2570 จำนวนเงิน 450,000"),
        _("คอลัมน์รหัสอ้างอิงใช้จับคู่โครงการเมื่อนำไฟล์กลับเข้าระบบ ห้ามแก้ไข และหากจัดเรียงแถวใหม่ ต้องเรียงทั้งแถว"),
        _(
            "การนำไฟล์กลับเข้าระบบบันทึกเฉพาะคำตอบและงบประมาณที่ได้รับ "
            "ไม่แก้ไขโครงการในแผนพัฒนาตำบลที่ ก.บ.ต. ให้ความเห็นชอบแล้ว นำเข้าไฟล์เดิมซ้ำได้โดยไม่บันทึกซ้ำ"
        ),
    ]


def local_government_workbook(
    plan: TambonPlan, body: LocalGovernment, *, period: range | None = None
) -> bytes:
    """The ผ.02 of the projects forwarded to `body` for the local plan's period (by default the one of the
    plan's year), A3 landscape one page wide, with the answer columns; 4 queries. `exchange.ExportRefused`
    when a project forwarded to it has money outside the period."""
    period = period or exchange.local_plan_period(plan.fiscal_year)
    forwardings = forwardings_to(plan, body)
    exchange.refuse_outside(plan, [forwarding.project for forwarding in forwardings], period)
    headers = [
        *(column.headers[-1] for column in exchange.HEAD_COLUMNS),
        *(exchange.year_header(year) for year in period),
        *(column.headers[-1] for column in exchange.TAIL_COLUMNS),
        exchange.REF_COLUMN.headers[-1],
        *(column.headers[-1] for column in ANSWER_COLUMNS),
    ]
    first_year = len(exchange.HEAD_COLUMNS)
    amounts = range(first_year, first_year + len(period))
    tail = range(amounts.stop, amounts.stop + len(exchange.TAIL_COLUMNS))
    money = len(headers) - 1
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
                title_rows=exchange.title_rows(plan, period, len(headers), recipient=body),
                merge_titles=True,
                header_fill=exchange.HEADER_FILL,
                borders=True,
                wrap_columns={*range(1, first_year), *tail},
                number_formats={
                    **dict.fromkeys(amounts, exchange.AMOUNT_FORMAT),
                    money: exchange.AMOUNT_FORMAT,
                },
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
                rows=([note] for note in _notes(body)),
                widths=[120],
                wrap_columns={0},
                font_name=exchange.FONT_NAME,
                font_size=exchange.FONT_SIZE,
            ),
        ]
    )


# ------------------------------------------------------------------------------------------- import


@dataclass
class _Answer:
    """What a row answers, as `answer_record` takes it."""

    inclusion: str
    amendment_kind: str = ""
    amendment_number: int | None = None
    amendment_year: int | None = None
    plan_row: str = ""
    reason: str = ""
    funding: list[tuple[int, Decimal, str]] = field(default_factory=list)

    @property
    def key(self) -> tuple:
        """One answer per forwarding, amendment and ผ.02 row."""
        return (
            self.inclusion,
            self.amendment_kind,
            self.amendment_number,
            self.amendment_year,
            self.plan_row,
        )

    def fields(self) -> dict:
        return {
            "inclusion": self.inclusion,
            "amendment_kind": self.amendment_kind,
            "amendment_number": self.amendment_number,
            "amendment_year": self.amendment_year,
            "plan_row": self.plan_row,
            "reason": self.reason,
            "funding": self.funding,
        }


def _key_of(answer: ForwardingAnswer) -> tuple:
    return (
        answer.inclusion,
        answer.amendment_kind,
        answer.amendment_number,
        answer.amendment_year,
        answer.plan_row,
    )


def _whole_number(row: Row, key: str, errors: list[RowError]) -> int | None:
    text = row.values.get(key, "")
    if not text:
        return None
    number = parse_int(text.rstrip("."))
    if number is None or number < 0:
        errors.append(row.error(key, _("'%(value)s' ไม่ใช่จำนวนเต็ม") % {"value": text}))
    return number


def _amendment(row: Row, errors: list[RowError]) -> tuple[str, int | None, int | None] | None:
    """(kind, number, year) of the amendment column and the two beside it; "เพิ่มเติม ครั้งที่ 2/2569" in
    the amendment column gives all three."""
    text = " ".join(row.values.get("amendment_kind", "").split())
    number = _whole_number(row, "amendment_number", errors)
    year = _whole_number(row, "amendment_year", errors)
    written = _AMENDMENT_RE.fullmatch(to_arabic_digits(text))
    if written:
        text = written.group("kind")
        number = number if number is not None else int(written.group("number"))
        if written.group("year") and year is None:
            year = int(written.group("year"))
    kind = AMENDMENT_WORDS.get(normalise(text))
    if kind is None:
        errors.append(
            row.error(
                "amendment_kind",
                _("'%(value)s' ไม่ใช่ลักษณะการบรรจุที่รู้จัก (ใช้ แผนฉบับหลัก เพิ่มเติม เปลี่ยนแปลง หรือ เพิ่มเติมและเปลี่ยนแปลง)")
                % {"value": text},
            )
        )
        return None
    return kind, number, year


def _parse(row: Row, body: LocalGovernment, errors: list[RowError]) -> _Answer | None:
    """The answer a row gives; None when it cannot be read, with every error of the row in `errors`."""
    values = row.values
    count = len(errors)
    reason = " ".join(values.get("not_included", "").split())
    has_amendment = any(values.get(key) for key in ("amendment_kind", "amendment_number", "amendment_year"))
    plan_row = values.get("plan_row", "").strip().rstrip(".")
    answer = None
    if reason and (has_amendment or plan_row):
        errors.append(
            row.error("not_included", _("แถวนี้ระบุทั้งการบรรจุในแผนและเหตุผลที่ไม่บรรจุ กรุณาเลือกอย่างใดอย่างหนึ่ง"))
        )
    elif reason:
        answer = _Answer(inclusion=Inclusion.NOT_INCLUDED, reason=reason[:300])
    elif not values.get("amendment_kind"):
        errors.append(
            row.error(
                "amendment_kind",
                _("กรุณาระบุว่าบรรจุในแผนโดยแผนฉบับหลัก เพิ่มเติม หรือเปลี่ยนแปลง หรือระบุเหตุผลที่ไม่บรรจุ"),
            )
        )
    else:
        if len(plan_row) > 30:
            errors.append(row.error("plan_row", _("ลำดับในแบบ ผ.02 ยาวเกิน 30 ตัวอักษร")))
        amendment = _amendment(row, errors)
        if amendment is not None:
            kind, number, year = amendment
            answer = _Answer(
                inclusion=Inclusion.INCLUDED,
                amendment_kind=kind,
                amendment_number=None if kind == AmendmentKind.ORIGINAL else number,
                amendment_year=year,
                plan_row=plan_row,
            )
    funding = _money(row, body, errors)
    if answer is None or len(errors) != count:
        return None
    answer.funding = funding
    return answer


def _money(row: Row, body: LocalGovernment, errors: list[RowError]) -> list[tuple[int, Decimal, str]]:
    """The ordinance's money the row names: [(fiscal year, amount, the budget law of that year)] or []."""
    values = row.values
    year = _whole_number(row, "ordinance_year", errors)
    amount = parse_amount(row, "ordinance_amount", errors)
    if amount is not None and year is None and not values.get("ordinance_year"):
        errors.append(row.error("ordinance_year", _("กรุณาระบุปีงบประมาณ พ.ศ. ของเงินที่ตั้งไว้")))
    elif year is not None and amount is None and not values.get("ordinance_amount"):
        errors.append(
            row.error("ordinance_amount", _("กรุณาระบุจำนวนเงินที่ตั้งไว้ในปีงบประมาณ %(year)s") % {"year": year})
        )
    elif year is not None and amount is not None:
        reference = _("%(law)sประจำปีงบประมาณ พ.ศ. %(year)s") % {"law": body.budget_law, "year": year}
        return [(year, amount, reference)]
    return []


def _match(
    row: Row,
    plan: TambonPlan,
    body: LocalGovernment,
    by_project: dict[int, Forwarding],
    by_name: dict[str, list[Forwarding]],
    errors: list[RowError],
) -> Forwarding | None:
    """The forwarding a row answers: by its reference (the name must agree), else by the project's name."""
    text = "".join(row.values.get("ref", "").split())
    name = " ".join(row.values.get("name", "").split())
    if text:
        match = exchange.REF_RE.fullmatch(text)
        forwarding = None
        if match and (match.group(1), int(match.group(2))) == (plan.tambon_id, plan.fiscal_year):
            forwarding = by_project.get(int(match.group(3)))
        if forwarding is None:
            errors.append(
                row.error(
                    "ref",
                    _("รหัสอ้างอิง '%(value)s' ไม่ใช่โครงการของแผนนี้ที่ส่งถึง%(name)s")
                    % {"value": text, "name": body.full_name},
                )
            )
        elif name and normalise(name) != normalise(forwarding.project.name):
            errors.append(
                row.error(
                    "name",
                    _(
                        "รหัสอ้างอิง %(ref)s คือโครงการ '%(actual)s' ไม่ตรงกับชื่อ '%(name)s' ในแถวนี้ "
                        "(หากจัดเรียงแถวใหม่ ต้องเรียงทั้งแถวรวมคอลัมน์รหัสอ้างอิง)"
                    )
                    % {"ref": text, "actual": forwarding.project.name, "name": name},
                )
            )
            return None
        return forwarding
    found = by_name.get(normalise(name), []) if name else []
    if len(found) == 1:
        return found[0]
    if not name:
        errors.append(row.error("ref", _("แถวนี้มีคำตอบแต่ไม่มีรหัสอ้างอิงและชื่อโครงการ จึงไม่ทราบว่าเป็นโครงการใด")))
    elif found:
        errors.append(
            row.error("name", _("มีโครงการชื่อ '%(name)s' มากกว่าหนึ่งโครงการ กรุณาใส่รหัสอ้างอิง") % {"name": name})
        )
    else:
        errors.append(
            row.error(
                "name",
                _("ไม่พบโครงการ '%(name)s' ในโครงการของแผนนี้ที่ส่งถึง%(body)s")
                % {"name": name, "body": body.full_name},
            )
        )
    return None


def _merged_money(answer: ForwardingAnswer, funding: list[tuple[int, Decimal, str]]):
    """The answer's money with the file's year put in (its amount replacing that year's), or None when
    the file changes nothing (no money given, or the same amount already recorded for the year)."""
    current = [
        (e.fiscal_year, e.amount, e.reference)
        for e in sorted(answer.funding_entries.all(), key=lambda e: e.pk)
    ]
    merged = list(current)
    for year, amount, reference in funding:
        same_year = [entry for entry in merged if entry[0] == year]
        if sum(entry[1] for entry in same_year) == amount:
            continue
        merged = [entry for entry in merged if entry[0] != year] + [(year, amount, reference)]
    return None if merged == current else merged


def _service_errors(row: Row, error: ValidationError) -> list[RowError]:
    """The answer service's refusal as errors of the row, each in the column of its field."""
    if not hasattr(error, "error_dict"):
        return [row.error(None, message) for message in error.messages]
    return [
        row.error(SERVICE_FIELDS.get(name), message)
        for name, messages in error.message_dict.items()
        for message in messages
    ]


@import_service
def answers_import(
    *, user, plan: TambonPlan, body: LocalGovernment, upload, answered_on=None, letter_number: str = ""
) -> dict[str, object]:
    """Record the answers of the body's filled ผ.02 (see the module), dated `answered_on` (default today)
    with the reply letter's number. Raises TabularError listing every bad row, nothing written. Returns the
    counts (recorded, updated, unchanged, unanswered) and the names of the projects recorded and updated."""
    require_change(user, plan)
    rows = read_table(
        upload,
        columns=(exchange.SEQ_COLUMN, exchange.NAME_COLUMN, exchange.REF_COLUMN, *ANSWER_COLUMNS),
        arabic_digits_for=("ref", *NUMBER_KEYS),
        sheet=exchange.FORM_SHEET,
        header_search_rows=exchange.HEADER_SEARCH_ROWS,
    )
    if not any(key in rows[0].headers for key in ANSWER_KEYS):
        raise_if_errors(
            [
                RowError(
                    None,
                    _(
                        "ไฟล์นี้ไม่มีคอลัมน์คำตอบของ อปท. กรุณาใช้ไฟล์ ผ.02 ที่ดาวน์โหลดให้%(name)s "
                        "จากหน้านี้ แล้วให้ อปท. กรอกคำตอบ"
                    )
                    % {"name": body.full_name},
                )
            ]
        )
    forwardings = forwardings_to(plan, body)
    by_project = {forwarding.project_id: forwarding for forwarding in forwardings}
    by_name: dict[str, list[Forwarding]] = defaultdict(list)
    for forwarding in forwardings:
        by_name[normalise(forwarding.project.name)].append(forwarding)

    errors: list[RowError] = []
    answers: list[tuple[Row, Forwarding, _Answer]] = []
    seen: dict[int, int] = {}
    unanswered = 0
    for row in rows:
        answered = any(row.values.get(key) for key in ANSWER_KEYS)
        if not answered and not row.values.get("ref"):
            continue  # a heading, a total, a row of the local government's own
        forwarding = _match(row, plan, body, by_project, by_name, errors)
        if forwarding is None:
            continue
        if not answered:
            unanswered += 1
            continue
        if forwarding.pk in seen:
            errors.append(
                row.error(
                    "name",
                    _("โครงการ '%(name)s' ซ้ำกับแถวที่ %(first)s")
                    % {"name": forwarding.project.name, "first": seen[forwarding.pk]},
                )
            )
            continue
        seen[forwarding.pk] = row.number
        answer = _parse(row, body, errors)
        if answer is not None:
            answers.append((row, forwarding, answer))
    if not errors and not answers and not unanswered:
        errors.append(RowError(None, _("ไม่พบโครงการที่ส่งถึง%(name)s ในไฟล์นี้") % {"name": body.full_name}))
    raise_if_errors(errors)

    recorded, updated, unchanged = [], [], 0
    answered_on = answered_on or timezone.localdate()
    with transaction.atomic():
        for row, forwarding, answer in answers:
            existing = next((a for a in forwarding.answers.all() if _key_of(a) == answer.key), None)
            try:
                if existing is None:
                    answer_record(
                        user=user,
                        forwarding=forwarding,
                        answered_on=answered_on,
                        letter_number=letter_number,
                        **answer.fields(),
                    )
                    recorded.append(forwarding.project.name)
                    continue
                money = _merged_money(existing, answer.funding)
                if money is None:
                    unchanged += 1
                    continue
                answer_update(
                    user=user,
                    answer=existing,
                    answered_on=existing.answered_on,
                    letter_number=existing.letter_number,
                    inclusion=existing.inclusion,
                    plan_name=existing.plan_name,
                    amendment_kind=existing.amendment_kind,
                    amendment_number=existing.amendment_number,
                    amendment_year=existing.amendment_year,
                    plan_row=existing.plan_row,
                    reason=existing.reason,
                    funding=money,
                )
                updated.append(forwarding.project.name)
            except ValidationError as error:
                errors.extend(_service_errors(row, error))
        raise_if_errors(errors)  # inside the transaction: nothing of this file is kept
    return {
        "recorded": len(recorded),
        "updated": len(updated),
        "unchanged": unchanged,
        "unanswered": unanswered,
        "recorded_names": recorded,
        "updated_names": updated,
    }
