"""Every read of district reports, scoped: one report and its versions, the reporting rates of a circular, the
province's consolidation of the accepted reports, and the lists each role starts from."""

from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal

from django.db.models import Count, Max
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from tambonplan.accounts.scope import NATION, PROVINCE, TAMBONS, scope_of
from tambonplan.areas.models import District
from tambonplan.directives.models import Acknowledgement, Circular
from tambonplan.directives.selectors import circulars_for
from tambonplan.reports.access import own_district_code, require_view_report
from tambonplan.reports.content import (
    FIGURE_KEYS,
    FIGURES,
    KNOWN_FIGURES,
    Item,
    ReportContent,
    for_display,
    from_json,
    live_content,
)
from tambonplan.reports.models import (
    AddressedTo,
    ConsolidationRecord,
    DistrictReport,
    ItemCategory,
    Reminder,
    ReportLetter,
    ReportState,
    ReportVersion,
)
from tambonplan.reports.themes import Theme, themes_of
from tambonplan.reports.timeliness import first_submissions


def report_for(user, pk: int) -> DistrictReport:
    report = get_object_or_404(
        DistrictReport.objects.select_related("circular__province", "district__province"), pk=pk
    )
    require_view_report(user, report)
    return report


def report_of(circular: Circular, district_code: str) -> DistrictReport | None:
    return DistrictReport.objects.filter(circular=circular, district_id=district_code).first()


def versions_of(report: DistrictReport) -> list[ReportVersion]:
    return list(report.versions.select_related("submitted_by").order_by("number"))


def version_of(report: DistrictReport, number: int) -> ReportVersion:
    return get_object_or_404(
        ReportVersion.objects.select_related("submitted_by"), report=report, number=number
    )


def events_of(report: DistrictReport):
    return list(report.events.select_related("user", "version"))


def latest_version(report: DistrictReport) -> ReportVersion | None:
    return report.versions.order_by("-number").first()


def content_of(user, report: DistrictReport) -> ReportContent:
    """What the report says now: the draft built live while it may be edited, else the last version (with
    the circular's date where the version predates its recording)."""
    if not report.is_editable:
        version = latest_version(report)
        if version is not None:
            content = from_json(version.content)
            if content.circular_issued_on is None:
                content = replace(content, circular_issued_on=report.circular.issued_on)
            return for_display(content)
    return for_display(live_content(user, report))


# ---------------------------------------------------------------- cover letters


def report_letter_of(report: DistrictReport) -> ReportLetter:
    """The district's cover letter to the province; before it is written, one with what the system knows
    (the district office, its chief as signer, the reporter's telephone) and no number or date."""
    letter = ReportLetter.objects.filter(report=report).first()
    if letter is not None:
        return letter
    name = report.district.name_th
    return ReportLetter(
        report=report,
        office_name=f"ที่ว่าการอำเภอ{name}",
        signer_position=f"นายอำเภอ{name}",
        contact=f"สำนักงานพัฒนาชุมชนอำเภอ{name}",
        phone=report.reporter_phone,
    )


def consolidation_record_of(circular: Circular) -> ConsolidationRecord:
    """The province's record of its consolidated report; before it is entered, one with the circular's
    office, signer and contact for the cover letter, and no number or dates."""
    record = ConsolidationRecord.objects.filter(circular=circular).first()
    if record is not None:
        return record
    return ConsolidationRecord(
        circular=circular,
        office_name=circular.office_name,
        office_address=circular.office_address,
        signer_name=circular.signer_name,
        signer_position=circular.signer_position,
        contact=circular.contact,
        phone=circular.contact_phone,
        fax=circular.contact_fax,
        email=circular.contact_email,
        approver_name=circular.signer_name,
        approver_position=f"พัฒนาการจังหวัด{circular.province.name_th}",
    )


# ---------------------------------------------------------------- reporting rates


@dataclass
class RateRow:
    district: District
    report: DistrictReport | None = None
    versions: int = 0
    first_submitted_at: datetime | None = None
    on_time: bool | None = None
    acknowledged_at: datetime | None = None
    last_reminder_at: datetime | None = None

    @property
    def state(self) -> str:
        return self.report.state if self.report else ""

    @property
    def is_submitted(self) -> bool:
        return self.versions > 0

    @property
    def owes_report(self) -> bool:
        return self.report is None or self.report.is_editable


@dataclass
class Rates:
    circular: Circular
    rows: list[RateRow]

    @property
    def expected(self) -> int:
        return len(self.rows)

    @property
    def submitted(self) -> int:
        return sum(1 for row in self.rows if row.is_submitted)

    @property
    def on_time(self) -> int:
        return sum(1 for row in self.rows if row.is_submitted and row.on_time)

    @property
    def late(self) -> int:
        return sum(1 for row in self.rows if row.is_submitted and not row.on_time)

    @property
    def missing(self) -> int:
        return self.expected - self.submitted

    def _in_state(self, state: str) -> int:
        return sum(1 for row in self.rows if row.state == state)

    @property
    def accepted(self) -> int:
        return self._in_state(ReportState.ACCEPTED)

    @property
    def returned(self) -> int:
        return self._in_state(ReportState.RETURNED)

    @property
    def under_review(self) -> int:
        return self._in_state(ReportState.SUBMITTED)

    @property
    def owing(self) -> int:
        return sum(1 for row in self.rows if row.owes_report)

    @property
    def figures(self) -> list[tuple[str, str, int]]:
        """(key, label, count) of every rate, in the order the page and the documents show them."""
        return [
            ("expected", _("อำเภอที่ต้องส่ง"), self.expected),
            ("submitted", _("ส่งแล้ว"), self.submitted),
            ("on_time", _("ทันกำหนด"), self.on_time),
            ("late", _("ล่าช้า"), self.late),
            ("missing", _("ยังไม่ส่ง"), self.missing),
            ("under_review", _("รอตรวจ"), self.under_review),
            ("returned", _("ส่งกลับให้แก้ไข"), self.returned),
            ("accepted", _("รับแล้ว"), self.accepted),
        ]


def rates_of(circular: Circular) -> Rates:
    """Per addressed district: its report, first submission, on time or late (`timeliness`: by the first
    submission), acknowledgement and last reminder. Five queries whatever the number of districts."""
    rows = {d.code: RateRow(d) for d in circular.districts.order_by("code")}
    for report in DistrictReport.objects.filter(circular=circular):
        if report.district_id in rows:
            rows[report.district_id].report = report
    for code, (versions, first, on_time) in first_submissions(circular).items():
        row = rows.get(code)
        if row is not None:
            row.versions, row.first_submitted_at, row.on_time = versions, first, on_time
    for ack in Acknowledgement.objects.filter(circular=circular).values("district_id", "at"):
        if ack["district_id"] in rows:
            rows[ack["district_id"]].acknowledged_at = ack["at"]
    reminders = (
        Reminder.objects.filter(circular=circular, sent_at__isnull=False)
        .values("district_id")
        .annotate(last=Max("sent_at"))
    )
    for entry in reminders:
        if entry["district_id"] in rows:
            rows[entry["district_id"]].last_reminder_at = entry["last"]
    return Rates(circular, list(rows.values()))


# ---------------------------------------------------------------- consolidation


@dataclass
class Total:
    key: str
    value: Decimal

    @property
    def label(self) -> str:
        return str(KNOWN_FIGURES[self.key][1])

    @property
    def is_money(self) -> bool:
        return KNOWN_FIGURES[self.key][2] == "baht"


@dataclass
class DistrictItem:
    """A problem or suggestion with the district that wrote it."""

    district_name: str
    item: Item

    @property
    def text(self) -> str:
        return self.item.text


@dataclass
class ConsolidatedRow:
    district: District
    version: ReportVersion
    content: ReportContent
    on_time: bool  # the district's report (`timeliness`: its first submission), not this version's


# The figures shown per district in the consolidation's table (every figure is in the province totals).
DISTRICT_COLUMNS = (
    "plans_approved_on_time",
    "plans_complete",
    "villages_reviewed",
    "workshop_tambons",
    "workshop_participants",
    "committees_current",
    "projects",
    "support_lg_included",
    "secured_amount",  # the money column, last
)


@dataclass
class Consolidation:
    circular: Circular
    rates: Rates
    rows: list[ConsolidatedRow]
    totals: list[Total]
    problems: list[DistrictItem] = field(default_factory=list)
    suggestions: list[DistrictItem] = field(default_factory=list)
    problem_themes: list[Theme] = field(default_factory=list)
    suggestion_themes: list[Theme] = field(default_factory=list)

    @property
    def total_by_key(self) -> dict[str, Decimal]:
        return {t.key: t.value for t in self.totals}

    def suggestions_to(self, addressed_to: str) -> list[DistrictItem]:
        return [s for s in self.suggestions if s.item.addressed_to == addressed_to]

    @property
    def department_suggestions(self) -> list[DistrictItem]:
        return self.suggestions_to(AddressedTo.DEPARTMENT)

    @property
    def columns(self) -> list[tuple[str, str]]:
        return [(key, str(FIGURES[key][1])) for key in DISTRICT_COLUMNS]

    @property
    def district_rows(self) -> list[tuple[ConsolidatedRow, list[Decimal]]]:
        zero = Decimal(0)
        rows = []
        for row in self.rows:
            figures = row.content.figures
            rows.append((row, [figures[key].value if key in figures else zero for key in DISTRICT_COLUMNS]))
        return rows

    @property
    def column_totals(self) -> list[Decimal]:
        rows = [cells for _row, cells in self.district_rows]
        return [sum((cells[i] for cells in rows), Decimal(0)) for i in range(len(DISTRICT_COLUMNS))]

    @property
    def pending(self) -> int:
        """Addressed districts whose report is not accepted yet (not in the sums)."""
        return self.rates.expected - len(self.rows)


def consolidation_of(circular: Circular) -> Consolidation:
    """The accepted district reports combined: each figure summed over their accepted versions, a row per
    district, and the problems and suggestions grouped by theme."""
    rates = rates_of(circular)
    accepted = {row.report.pk: row.district for row in rates.rows if row.state == ReportState.ACCEPTED}
    verdicts = {row.district.code: row.on_time for row in rates.rows}
    latest: dict[int, ReportVersion] = {}
    for version in ReportVersion.objects.filter(report_id__in=list(accepted)).order_by("report_id", "number"):
        latest[version.report_id] = version
    rows = [
        ConsolidatedRow(
            accepted[report_pk], version, from_json(version.content), verdicts[accepted[report_pk].code]
        )
        for report_pk, version in sorted(latest.items(), key=lambda kv: accepted[kv[0]].code)
    ]
    sums = dict.fromkeys(FIGURE_KEYS, Decimal(0))
    problems, suggestions = [], []
    for row in rows:
        for key, figure in row.content.figures.items():
            # A version from before issue 17 adds its old figures (`LEGACY_FIGURES`) after the current ones.
            sums[key] = sums.get(key, Decimal(0)) + figure.value
        problems += [DistrictItem(row.district.display_name, item) for item in row.content.problems]
        suggestions += [DistrictItem(row.district.display_name, item) for item in row.content.suggestions]
    return Consolidation(
        circular=circular,
        rates=rates,
        rows=rows,
        totals=[Total(key, value) for key, value in sums.items()],
        problems=problems,
        suggestions=suggestions,
        problem_themes=themes_by_category(problems),
        suggestion_themes=themes_by_category(suggestions),
    )


def themes_by_category(items: list[DistrictItem]) -> list[Theme]:
    """The items under the category each district chose for them (in the form's order), and grouped by
    theme within it: "งบประมาณ: <theme>" (the category alone when the theme only repeats it), then the
    category's items that share no theme ("งบประมาณ: อื่น ๆ", or "งบประมาณ" when nothing else is under it).
    Only the items filed under "อื่น ๆ" that share no theme are the consolidation's "อื่น ๆ"."""
    themes = []
    for category in ItemCategory:
        name = str(category.label)
        found = themes_of([item for item in items if item.item.category == category], text=lambda i: i.text)
        for theme in found:
            if category == ItemCategory.OTHER:
                label = theme.label
            elif theme.is_other:
                label = name if len(found) == 1 else f"{name}: {theme.label}"
            else:
                label = name if theme.label in name else f"{name}: {theme.label}"
            is_other = theme.is_other and category == ItemCategory.OTHER
            themes.append(replace(theme, label=label, is_other=is_other))
    return themes


# ---------------------------------------------------------------- where each role starts


@dataclass
class CircularEntry:
    circular: Circular
    report: DistrictReport | None = None  # the district's own, for district users
    expected: int = 0  # for province and national users: addressed districts,
    submitted: int = 0  # districts that have submitted,
    accepted: int = 0  # and reports accepted


def report_index(user) -> list[CircularEntry]:
    """The circulars that ask for a report, newest first: for a district user with its own report to each;
    for province and national users with the counts expected / submitted / accepted (three grouped
    queries, whatever the number of circulars)."""
    circulars = list(circulars_for(user).filter(report_due__isnull=False))
    scope = scope_of(user)
    if scope.level in (NATION, PROVINCE):
        ids = [c.pk for c in circulars]
        expected = _counts(
            Circular.districts.through.objects.filter(circular_id__in=ids), "circular_id", "id"
        )
        submitted = _counts(
            ReportVersion.objects.filter(report__circular_id__in=ids), "report__circular_id", "report_id"
        )
        accepted = _counts(
            DistrictReport.objects.filter(circular_id__in=ids, state=ReportState.ACCEPTED),
            "circular_id",
            "id",
        )
        return [
            CircularEntry(c, expected=expected.get(c.pk, 0), submitted=submitted.get(c.pk, 0),
                          accepted=accepted.get(c.pk, 0))
            for c in circulars
        ]  # fmt: skip
    code = own_district_code(user)
    if code is None:
        return []
    reports = {r.circular_id: r for r in DistrictReport.objects.filter(district_id=code)}
    return [CircularEntry(c, report=reports.get(c.pk)) for c in circulars]


def _counts(queryset, group: str, counted: str) -> dict[int, int]:
    rows = queryset.values(group).annotate(n=Count(counted, distinct=True)).values_list(group, "n")
    return dict(rows)


# ---------------------------------------------------------------- lists for the API


def reports_list(user, *, circular_id=None, state=None, area=None, fiscal_year=None):
    """The district reports the user may see (as ``may_view_report``): the province's for province and
    national users, the own district's for district officers, none for tambon officers."""
    if scope_of(user).level == TAMBONS:
        return DistrictReport.objects.none()
    reports = DistrictReport.objects.in_scope(user).in_area(area).select_related("circular", "district")
    if circular_id is not None:
        reports = reports.filter(circular_id=circular_id)
    if state:
        reports = reports.filter(state=state)
    if fiscal_year is not None:
        reports = reports.filter(circular__fiscal_year=fiscal_year)
    return reports.order_by("-circular__issued_on", "circular_id", "district_id")
