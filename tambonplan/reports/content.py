"""What a district report says, as one plain structure shared by the page, the versions, the documents and the
consolidation.

A draft's content is built live: its figures come from the same selectors the overview pages use (plan
progress, committee currency, workshops, budget integration), never typed in; the district may override a
figure only with a reason. A submitted version stores the content as JSON and reads it back unchanged, so a
version shows what was submitted whatever changes in the data afterwards.
"""

import datetime
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tambonplan.accounts.scope import scope_of
from tambonplan.areas.models import District, Tambon
from tambonplan.committees.currency import MISSING, state_labels
from tambonplan.committees.selectors import committee_rows, overview_of
from tambonplan.directives.models import ReportTopic
from tambonplan.events.models import EventKind
from tambonplan.events.selectors import visible_events, with_participants
from tambonplan.partners.integration import Totals, districts_integration_in
from tambonplan.planning.selectors import project_classes, tambon_progress_in
from tambonplan.reports.figures import (
    LATE,
    NO_PLAN,
    NOT_APPROVED,
    ON_TIME,
    PlanFigures,
    StepLine,
    plan_figures_in,
    step_calendar_in,
)
from tambonplan.reports.models import AddressedTo, DistrictReport, ItemCategory, ItemKind, ResultStatus
from tambonplan.thai.language import english_active
from tambonplan.thai.money import format_baht, format_number

# 2: issue 17's figures (approval on time, villages reviewed, support projects included, steps due by the
# report date) and the step calendar; 1: the figures before (read back with `LEGACY_FIGURES`).
SCHEMA = 2
COUNT, PERSON, BAHT = "count", "person", "baht"
UNIT_LABELS = {COUNT: _("แห่ง/ครั้ง"), PERSON: _("คน"), BAHT: _("บาท")}

# The figures of the default report form, by topic: (key, label, unit).
TOPIC_FIGURES = {
    ReportTopic.TRAINING: (
        ("orientation_events", _("จัดอบรม/สร้างความเข้าใจ (ครั้ง)"), COUNT),
        ("orientation_participants", _("ผู้เข้าร่วมอบรม/สร้างความเข้าใจ"), PERSON),
    ),
    ReportTopic.PLANS: (
        ("tambons", _("ตำบลทั้งหมด"), COUNT),
        # A plan record opened in the system: not yet a plan (versions before issue 17 called it "มีแผน").
        ("plans", _("ตำบลที่เปิดแผนในระบบ"), COUNT),
        ("plans_approved_on_time", _("แผนที่ ก.บ.ต. ให้ความเห็นชอบภายในกำหนด"), COUNT),
        ("plans_approved_late", _("แผนที่ ก.บ.ต. ให้ความเห็นชอบหลังกำหนด"), COUNT),
        ("plans_not_approved", _("ตำบลที่แผนยังไม่ผ่านความเห็นชอบของ ก.บ.ต."), COUNT),
        ("villages_reviewed", _("หมู่บ้าน/ชุมชนที่ทบทวนแผนแล้ว"), COUNT),
        ("villages_total", _("หมู่บ้าน/ชุมชนทั้งหมด"), COUNT),
        ("plans_complete", _("ตำบลที่ดำเนินการครบทุกขั้นตอนที่ถึงกำหนด ณ วันครบกำหนดรายงาน"), COUNT),
        ("overdue_tambons", _("ตำบลที่มีขั้นตอนเลยกำหนด"), COUNT),
        ("steps_due_done", _("ขั้นตอนที่ถึงกำหนดและดำเนินการแล้ว"), COUNT),
        ("steps_due", _("ขั้นตอนที่ถึงกำหนด ณ วันครบกำหนดรายงาน"), COUNT),
        ("steps_not_yet_due", _("ขั้นตอนที่ยังไม่ถึงกำหนด (ไม่นับเป็นค้าง)"), COUNT),
    ),
    ReportTopic.COMMITTEES: (
        ("committees_expected", _("คณะกรรมการที่ต้องมีคำสั่งแต่งตั้ง"), COUNT),
        ("committees_current", _("คำสั่งเป็นปัจจุบัน"), COUNT),
        ("committees_needs_review", _("คำสั่งที่ต้องทบทวน"), COUNT),
        ("committees_missing", _("ยังไม่มีคำสั่งที่มีผลใช้บังคับ"), COUNT),
    ),
    ReportTopic.SOCHO: (
        ("socho_steps", _("ขั้นตอนของแผนที่ ศอช. มีส่วนร่วม"), COUNT),
        ("workshop_socho", _("ศอช. ที่เข้าร่วมเวทีจัดทำแผน"), PERSON),
    ),
    ReportTopic.WORKSHOPS: (
        ("workshop_tambons", _("ตำบลที่จัดเวทีจัดทำแผนแล้ว"), COUNT),
        ("workshops", _("เวทีที่จัด (ครั้ง)"), COUNT),
        ("workshop_participants", _("ผู้เข้าร่วมเวที"), PERSON),
    ),
    ReportTopic.PARTNERS: (
        ("projects", _("โครงการในแผนพัฒนาตำบล"), COUNT),
        ("funded_projects", _("โครงการที่ภาคีสนับสนุนแล้ว"), COUNT),
        ("partners", _("ภาคีการพัฒนาที่ร่วมสนับสนุน"), COUNT),
        ("need_amount", _("งบประมาณที่ต้องการ"), BAHT),
        ("secured_amount", _("งบประมาณที่ได้รับการสนับสนุนแล้ว"), BAHT),
        ("pledged_amount", _("งบประมาณที่รับปากแล้ว รออนุมัติ"), BAHT),
        ("gap_amount", _("งบประมาณที่ยังขาด"), BAHT),
        ("support_lg_included", _("โครงการขอรับการสนับสนุนที่ อปท. บรรจุในแผน"), COUNT),
        ("support_lg_funded", _("โครงการขอรับการสนับสนุนที่ อปท. บรรจุในแผนและได้รับงบประมาณ"), COUNT),
        ("support_lg_amount", _("งบประมาณที่ อปท. จัดสรรให้โครงการขอรับการสนับสนุน"), BAHT),
        ("support_public_included", _("โครงการขอรับการสนับสนุนที่หน่วยงาน/อำเภอ/จังหวัด บรรจุในแผน"), COUNT),
        (
            "support_public_funded",
            _("โครงการขอรับการสนับสนุนที่หน่วยงาน/อำเภอ/จังหวัด บรรจุในแผนและได้รับงบประมาณ"),
            COUNT,
        ),
        ("support_public_amount", _("งบประมาณที่หน่วยงาน/อำเภอ/จังหวัด จัดสรรให้โครงการขอรับการสนับสนุน"), BAHT),
    ),
}
# Figures of versions submitted before issue 17, kept only to read those versions: "every step" then counted
# the steps due after the report date too (follow-up is due in August, the report in May).
LEGACY_FIGURES = {
    "plans_done": (ReportTopic.PLANS, _("ตำบลที่ดำเนินการครบทุกขั้นตอน (รวมขั้นตอนที่ยังไม่ถึงกำหนด)"), COUNT),
    "steps_done": (ReportTopic.PLANS, _("ขั้นตอนที่ดำเนินการแล้ว"), COUNT),
    "steps_total": (ReportTopic.PLANS, _("ขั้นตอนทั้งหมด (รวมขั้นตอนที่ยังไม่ถึงกำหนด)"), COUNT),
}
FIGURES = {
    key: (topic, label, unit) for topic, figures in TOPIC_FIGURES.items() for key, label, unit in figures
}
FIGURE_KEYS = list(FIGURES)
STEPS_FIGURE = "plans_complete"  # the step calendar is shown under the section with this figure
KNOWN_FIGURES = {**LEGACY_FIGURES, **FIGURES}


def figure_text(value: Decimal | int, unit: str) -> str:
    """A report figure as every page and document writes it: thousands separators, an amount of money with
    its satang in two decimals when it has any ("1,234,567" or "1,234,567.50"), a count as the whole number it
    is; digits in the active digit style. Never in scientific notation, whatever the Decimal's exponent."""
    value = Decimal(value)
    if unit == BAHT:
        return format_baht(value)
    return format_number(value, decimals=0 if value == value.to_integral_value() else None)


@dataclass
class Figure:
    key: str
    computed: Decimal
    override: Decimal | None = None
    reason: str = ""

    @property
    def value(self) -> Decimal:
        return self.computed if self.override is None else self.override

    @property
    def is_overridden(self) -> bool:
        return self.override is not None

    @property
    def label(self) -> str:
        return str(KNOWN_FIGURES[self.key][1])

    @property
    def unit(self) -> str:
        return KNOWN_FIGURES[self.key][2]

    @property
    def is_money(self) -> bool:
        return self.unit == BAHT

    @property
    def text(self) -> str:
        """The figure as reported (the district's value where it corrected the computed one)."""
        return figure_text(self.value, self.unit)

    @property
    def computed_text(self) -> str:
        return figure_text(self.computed, self.unit)


@dataclass
class Section:
    """The result of one instruction: its status, narrative and the figures of its topic."""

    number: int
    text: str
    topic: str
    status: str
    narrative: str
    figures: list[Figure] = field(default_factory=list)
    instruction_id: int | None = None

    @property
    def status_label(self) -> str:
        return str(ResultStatus(self.status).label)

    @property
    def shows_step_calendar(self) -> bool:
        """The step calendar goes under the section with the plans' completeness as of the report date."""
        return any(figure.key == STEPS_FIGURE for figure in self.figures)


APPROVAL_LABELS = {
    ON_TIME: _("ภายในกำหนด"),
    LATE: _("หลังกำหนด"),
    NOT_APPROVED: _("ยังไม่เห็นชอบ"),
    NO_PLAN: _("ยังไม่เปิดแผน"),
}


@dataclass
class TambonLine:
    code: str
    name: str
    workshop_date: date | None
    participants: int
    socho: int
    villages: int  # villages and active communities (versions before issue 17: villages only)
    projects: int
    class_cells: list[int]
    forwarded: int
    funded_projects: int
    funded_amount: Decimal
    kbt: str
    socho_t: str
    villages_reviewed: int | None = None  # None in versions before issue 17
    villages_with_needs: int | None = None  # only in versions before issue 17 ("บูรณาการ": had a need)
    approval: str = ""  # figures.ON_TIME, LATE, NOT_APPROVED, NO_PLAN; "" in versions before issue 17
    approved_on: date | None = None

    @property
    def villages_counted(self) -> int:
        """The villages the table's village column counts: reviewed, or in an old version with a need."""
        if self.villages_reviewed is None:
            return self.villages_with_needs or 0
        return self.villages_reviewed

    @property
    def approval_label(self) -> str:
        return str(APPROVAL_LABELS[self.approval]) if self.approval else ""

    @property
    def kbt_label(self) -> str:
        return str(state_labels()[self.kbt])

    @property
    def socho_t_label(self) -> str:
        return str(state_labels()[self.socho_t])


@dataclass
class Item:
    kind: str
    category: str
    text: str
    addressed_to: str = ""
    pk: int | None = None

    @property
    def category_label(self) -> str:
        return str(ItemCategory(self.category).label)

    @property
    def addressed_to_label(self) -> str:
        return str(AddressedTo(self.addressed_to).label) if self.addressed_to else ""


@dataclass
class Reporter:
    name: str = ""
    position: str = ""
    phone: str = ""
    date: datetime.date | None = None
    title: str = ""  # นาย, นาง, นางสาว ...

    @property
    def full_name(self) -> str:
        """ "นางสาวพิมพ์ใจ ศรีสุข": the title joined to the name, as Thai documents write it."""
        return f"{self.title.strip()}{self.name.strip()}"


@dataclass
class ReportContent:
    circular_number: str
    circular_subject: str
    fiscal_year: int
    report_due: date | None
    province_code: str
    province_name: str
    district_code: str
    district_name: str
    sections: list[Section]
    class_headers: list[str]
    tambons: list[TambonLine]
    problems: list[Item]
    suggestions: list[Item]
    reporter: Reporter
    circular_issued_on: date | None = None  # None in versions submitted before it was recorded
    steps: list[StepLine] = field(default_factory=list)  # empty in versions before issue 17
    schema: int = SCHEMA

    @property
    def figures(self) -> dict[str, Figure]:
        return {figure.key: figure for section in self.sections for figure in section.figures}

    @property
    def is_legacy(self) -> bool:
        """A version submitted before issue 17: its tambon table counts villages with a need ("บูรณาการ")
        and has no approval column."""
        return self.schema < 2

    @property
    def steps_due(self) -> list[StepLine]:
        return [step for step in self.steps if step.is_due]

    @property
    def steps_not_yet_due(self) -> list[StepLine]:
        return [step for step in self.steps if not step.is_due]

    @property
    def tambon_totals(self) -> TambonLine:
        return total_line(self.tambons, len(self.class_headers))


def total_line(lines: list[TambonLine], classes: int) -> TambonLine:
    """The sum row of a tambon table."""
    return TambonLine(
        code="",
        name=str(_("รวม")),
        workshop_date=None,
        participants=sum(line.participants for line in lines),
        socho=sum(line.socho for line in lines),
        villages=sum(line.villages for line in lines),
        projects=sum(line.projects for line in lines),
        class_cells=[sum(line.class_cells[i] for line in lines) for i in range(classes)],
        forwarded=sum(line.forwarded for line in lines),
        funded_projects=sum(line.funded_projects for line in lines),
        funded_amount=sum((line.funded_amount for line in lines), Decimal(0)),
        kbt=MISSING,
        socho_t=MISSING,
        villages_reviewed=_sum_or_none(line.villages_reviewed for line in lines),
        villages_with_needs=_sum_or_none(line.villages_with_needs for line in lines),
    )


def _sum_or_none(values) -> int | None:
    values = [value for value in values if value is not None]
    return sum(values) if values else None


# ---------------------------------------------------------------- computed from recorded data


@dataclass
class DistrictFigures:
    """A district's computed report figures, its tambon table and its step calendar."""

    figures: dict[str, Decimal]
    lines: list[TambonLine]
    steps: list[StepLine] = field(default_factory=list)


def district_figures(
    user,
    districts: Sequence[District],
    fiscal_year: int,
    *,
    as_of: datetime.datetime | None = None,
    report_due: date | None = None,
) -> dict[str, DistrictFigures]:
    """The figures and tambon tables of the districts for the fiscal year, from the selectors of the progress,
    committee, workshop and integration pages and `figures.plan_figures_in` (approval, villages reviewed,
    support projects included). Steps count as overdue and events as held as of ``as_of`` (default: now; the
    benchmark data freezes its versions at the report's due date). "Every step done" counts the steps due by
    ``report_due`` (the circular's report date; every step without one): the follow-up is due after it.

    A province at a time, each in the same number of queries whatever the number of its districts (one pass
    over the nation's 878 districts would send 14,000 plan ids to the integration query, which then takes
    minutes)."""
    moment = as_of or timezone.now()
    by_province: dict[str, list[str]] = {}
    for district in districts:
        by_province.setdefault(district.province_id, []).append(district.code)
    figures = {}
    for province_code, codes in sorted(by_province.items()):
        figures.update(_province_figures(user, province_code, sorted(codes), fiscal_year, moment, report_due))
    return figures


def _province_figures(
    user,
    province_code: str,
    codes: list[str],
    fiscal_year: int,
    moment: datetime.datetime,
    report_due: date | None,
) -> dict[str, DistrictFigures]:
    scope = scope_of(user)
    progress = tambon_progress_in(
        scope, fiscal_year=fiscal_year, district_codes=codes, as_of=moment, complete_as_of=report_due
    )
    plan_figures = plan_figures_in(
        scope, fiscal_year=fiscal_year, tambon_codes=[row.tambon.code for row in progress]
    )
    calendars = step_calendar_in(scope, fiscal_year=fiscal_year, district_codes=codes, report_due=report_due)
    committees = committee_rows(
        user,
        fiscal_year=fiscal_year,
        province_code=province_code,
        district_code=codes[0] if len(codes) == 1 else None,
    )
    funding = districts_integration_in(scope, district_codes=codes, fiscal_year=fiscal_year)
    orientations = (
        with_participants(
            visible_events(user).filter(
                fiscal_year=fiscal_year,
                kind=EventKind.ORIENTATION,
                district_id__in=codes,
                starts_at__lte=moment,
            )
        )
        .order_by()
        .values_list("district_id", "named", "counted")
    )

    by_district = {code: [] for code in codes}
    for row in progress:
        by_district[row.tambon.district_id].append(row)
    committees_of = {code: [] for code in codes}
    for row in committees:
        if row.district is not None and row.district.code in committees_of:
            committees_of[row.district.code].append(row)
    states = {(row.kind.code, row.area_code): row.currency.state for row in committees}
    held = {code: [0, 0] for code in codes}  # orientations held, their participants
    for district_id, named, counted in orientations:
        held[district_id][0] += 1
        held[district_id][1] += named + counted
    funded: dict[str, list[Decimal]] = {}
    funded_projects = dict.fromkeys(codes, 0)
    for project in funding.projects:
        if project.secured > 0:
            funded.setdefault(project.tambon_code, []).append(project.secured)
            funded_projects[project.tambon_code[:4]] += 1
    totals = {row.code: row.totals for row in funding.rows}
    partners: dict[str, set[int]] = {code: set() for code in codes}
    for contribution in funding.contributions:
        if contribution.secured > 0:
            partners[contribution.tambon_code[:4]].add(contribution.partner_id)

    result = {}
    for code in codes:
        rows, total = by_district[code], totals.get(code, Totals())
        overview = overview_of(committees_of[code])
        lines = [
            TambonLine(
                code=row.tambon.code,
                name=row.tambon.name_th,
                workshop_date=row.workshop_date,
                participants=row.workshop_participants,
                socho=row.workshop_socho,
                villages=plan_figures[row.tambon.code].villages,
                villages_reviewed=plan_figures[row.tambon.code].villages_reviewed,
                projects=row.projects,
                class_cells=list(row.class_cells),
                forwarded=row.forwarded,
                funded_projects=len(funded.get(row.tambon.code, [])),
                funded_amount=sum(funded.get(row.tambon.code, []), Decimal(0)),
                kbt=states.get(("kbt", row.tambon.code), MISSING),
                socho_t=states.get(("socho_t", row.tambon.code), MISSING),
                approval=plan_figures[row.tambon.code].approval,
                approved_on=plan_figures[row.tambon.code].approved_on,
            )
            for row in rows
        ]
        plan = PlanFigures()
        for row in rows:
            plan.add(plan_figures[row.tambon.code])
        steps = calendars[code]
        figures = {
            "orientation_events": held[code][0],
            "orientation_participants": held[code][1],
            "tambons": len(rows),
            "plans": sum(1 for row in rows if row.plan is not None),
            "plans_approved_on_time": plan.approved_on_time,
            "plans_approved_late": plan.approved_late,
            "plans_not_approved": len(rows) - plan.approved,
            "villages_reviewed": plan.villages_reviewed,
            "villages_total": plan.villages,
            "plans_complete": sum(1 for row in rows if row.is_done),
            "overdue_tambons": sum(1 for row in rows if row.overdue),
            "steps_due_done": sum(row.steps_done for row in rows),
            "steps_due": sum(row.steps_total for row in rows),
            "steps_not_yet_due": sum(step.total for step in steps if not step.is_due),
            "committees_expected": overview.total.total,
            "committees_current": overview.total.current,
            "committees_needs_review": overview.total.needs_review,
            "committees_missing": overview.total.missing,
            "socho_steps": sum(row.socho_steps for row in rows),
            "workshop_socho": sum(row.workshop_socho for row in rows),
            "workshop_tambons": sum(1 for row in rows if row.workshop_held),
            "workshops": sum(row.workshop_count for row in rows),
            "workshop_participants": sum(row.workshop_participants for row in rows),
            "projects": sum(row.projects for row in rows),
            "funded_projects": funded_projects[code],
            "partners": len(partners[code]),
            "need_amount": total.need,
            # Up to each project's need (partners/integration.py), so need = secured + gap here too.
            "secured_amount": total.secured_up_to_need,
            "pledged_amount": total.pledged,
            "gap_amount": total.gap,
            "support_lg_included": plan.local_government.included,
            "support_lg_funded": plan.local_government.funded,
            "support_lg_amount": plan.local_government.amount,
            "support_public_included": plan.public_bodies.included,
            "support_public_funded": plan.public_bodies.funded,
            "support_public_amount": plan.public_bodies.amount,
        }
        result[code] = DistrictFigures({key: Decimal(value) for key, value in figures.items()}, lines, steps)
    return result


def class_headers() -> list[str]:
    """The headers of the tambon table's project-class columns."""
    return [cls.name_th for cls in project_classes()]


def computed_figures(user, report: DistrictReport) -> tuple[dict[str, Decimal], list[TambonLine], list[str]]:
    """The district's figures and its per-tambon table for the circular's fiscal year (``district_figures``
    of one district, complete as of the circular's report date)."""
    computed = district_computed(user, report)
    return computed.figures, computed.lines, class_headers()


def district_computed(user, report: DistrictReport) -> DistrictFigures:
    district, circular = report.district, report.circular
    return district_figures(user, [district], circular.fiscal_year, report_due=circular.report_due)[
        district.code
    ]


def live_content(user, report: DistrictReport) -> ReportContent:
    """The report as it stands now: computed figures with the district's overrides, its results, items and
    reporter."""
    district = district_computed(user, report)
    computed, lines, headers = district.figures, district.lines, class_headers()
    overrides = {o.key: o for o in report.overrides.all()}
    results = {r.instruction_id: r for r in report.results.all()}

    def figure(key: str) -> Figure:
        override = overrides.get(key)
        return Figure(
            key,
            computed[key],
            override.value if override else None,
            override.reason if override else "",
        )

    sections = []
    shown: set[str] = set()
    for instruction in report.circular.instructions.all():
        result = results.get(instruction.pk)
        keys = [key for key, _label, _unit in TOPIC_FIGURES.get(instruction.topic, ())]
        shown.update(keys)
        sections.append(
            Section(
                number=instruction.number,
                text=instruction.text,
                topic=instruction.topic,
                status=result.status if result else ResultStatus.NOT_STARTED,
                narrative=result.narrative if result else "",
                figures=[figure(key) for key in keys],
                instruction_id=instruction.pk,
            )
        )
    rest = [key for key in FIGURE_KEYS if key not in shown]
    if rest:
        sections.append(
            Section(0, str(OTHER_FIGURES), "", ResultStatus.NOT_STARTED, "", [figure(k) for k in rest])
        )
    items = [
        Item(i.kind, i.category, i.text, i.addressed_to, pk=i.pk)
        for i in report.items.order_by("created_at", "id")
    ]
    return ReportContent(
        circular_number=report.circular.number,
        circular_subject=report.circular.subject,
        fiscal_year=report.circular.fiscal_year,
        report_due=report.circular.report_due,
        province_code=report.district.province_id,
        province_name=report.district.province.name_th,
        district_code=report.district.code,
        district_name=report.district.name_th,
        sections=sections,
        class_headers=headers,
        tambons=lines,
        problems=[i for i in items if i.kind == ItemKind.PROBLEM],
        suggestions=[i for i in items if i.kind == ItemKind.SUGGESTION],
        reporter=Reporter(
            report.reporter_name,
            report.reporter_position,
            report.reporter_phone,
            report.report_date,
            report.reporter_title,
        ),
        circular_issued_on=report.circular.issued_on,
        steps=district.steps,
    )


OTHER_FIGURES = _("ตัวเลขอื่นจากข้อมูลในระบบ")


def for_display(content: ReportContent) -> ReportContent:
    """The content with its area names and project-class headers in the active language for the pages. The
    content keeps the Thai names (a version is the official report), so in Thai it is returned as it is."""
    if not english_active():
        return content
    district = District.objects.select_related("province").filter(code=content.district_code).first()
    tambons = Tambon.objects.filter(code__in=[line.code for line in content.tambons])
    tambon_names = {tambon.code: tambon.display_name for tambon in tambons}
    class_names = {project_class.name_th: project_class.display_name for project_class in project_classes()}
    return replace(
        content,
        province_name=district.province.display_name if district else content.province_name,
        district_name=district.display_name if district else content.district_name,
        class_headers=[class_names.get(header, header) for header in content.class_headers],
        tambons=[replace(line, name=tambon_names.get(line.code, line.name)) for line in content.tambons],
    )


# ---------------------------------------------------------------- to and from a version's JSON


def _plain(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def to_json(content: ReportContent) -> dict:
    data = _plain(asdict(content))
    for item in data["problems"] + data["suggestions"]:
        item.pop("pk")
    return data


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _decimal(text: str | None) -> Decimal | None:
    return Decimal(text) if text is not None else None


def from_json(data: dict) -> ReportContent:
    sections = [
        Section(
            number=s["number"],
            text=s["text"],
            topic=s["topic"],
            status=s["status"],
            narrative=s["narrative"],
            figures=[
                Figure(f["key"], Decimal(f["computed"]), _decimal(f["override"]), f["reason"])
                for f in s["figures"]
                if f["key"] in KNOWN_FIGURES
            ],
            instruction_id=s.get("instruction_id"),
        )
        for s in data["sections"]
    ]
    lines = [
        TambonLine(
            **{
                **line,
                "workshop_date": _date(line["workshop_date"]),
                "funded_amount": Decimal(line["funded_amount"]),
                "approved_on": _date(line.get("approved_on")),
            }
        )
        for line in data["tambons"]
    ]
    steps = [StepLine(**{**step, "due_date": _date(step["due_date"])}) for step in data.get("steps", [])]
    reporter = data["reporter"]
    return ReportContent(
        **{
            **{k: data[k] for k in ReportContent.__dataclass_fields__ if k in data},
            "report_due": _date(data["report_due"]),
            "circular_issued_on": _date(data.get("circular_issued_on")),
            "schema": data.get("schema", 1),
            "steps": steps,
            "sections": sections,
            "tambons": lines,
            "problems": [Item(**i) for i in data["problems"]],
            "suggestions": [Item(**i) for i in data["suggestions"]],
            "reporter": Reporter(
                reporter["name"],
                reporter["position"],
                reporter["phone"],
                _date(reporter["date"]),
                reporter.get("title", ""),
            ),
        }
    )
