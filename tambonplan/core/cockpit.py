"""The home page (cockpit): what the signed-in user has to do next, and where the fiscal year stands.

This is the one module of ``core`` that reads the domain apps. It decides no rule of theirs: every item and
figure comes from the selector the app's own page uses (a step is overdue by ``planning``, an order needs
review by ``committees.currency``, budget is secured by ``partners.integration``, a report is owed by
``reports``), and each item links to the page where the user takes the action.

- District and tambon officers: circulars to acknowledge and reports to start, finish or correct (district),
  plan steps overdue or due within ``DUE_SOON_DAYS``, plans not opened, committee orders needing review or
  missing, events held without attendance, projects ready to forward, commitments awaiting approval.
- Province officers: district reports to review, districts still owing a report near or after its due date,
  the year's settings still missing (circular, plan steps, review date), the province's own committees and
  events; districts behind.
- The Department, administrators and national viewers watch the nation: provinces behind, provinces whose
  districts are late with a report, consolidated reports complete. The nation's figures come from the open
  data's cached aggregates (the same selectors, built once per ``OPEN_DATA_CACHE_SECONDS``): computed live
  they would cost seconds per request at national scale. Last year's figures of a province or a district
  (the trend) come from there too; this year's, and a tambon officer's own tambons, are counted live.

Viewers (read-only) get the same list "to watch": no action buttons. Every builder runs a constant number of
queries whatever the number of areas.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from tambonplan.accounts.scope import DISTRICT, NATION, PROVINCE, TAMBONS, Scope, scope_of
from tambonplan.areas.selectors import HomeSummary, home_summary
from tambonplan.committees.currency import MISSING
from tambonplan.committees.selectors import committees_to_renew, review_date_for
from tambonplan.directives.selectors import circulars_list, circulars_to_acknowledge
from tambonplan.events.selectors import events_without_attendance
from tambonplan.opendata.selectors import DISTRICTS, PROVINCES, UnknownProvince, open_dataset
from tambonplan.partners.integration import Totals, integration_in
from tambonplan.partners.selectors import commitments_awaiting_approval
from tambonplan.planning.selectors import (
    district_progress_in,
    projects_to_forward,
    step_definitions,
    steps_due,
    tambon_progress_in,
)
from tambonplan.reports.models import ReportState
from tambonplan.reports.selectors import CircularEntry, report_index, reports_list
from tambonplan.thai.dates import fiscal_year_label
from tambonplan.thai.digits import localize_digits

DUE_SOON_DAYS = 14
MAX_LINKS = 12  # the places listed under one item; the rest are reached by its "more" link
MAX_BEHIND = 5
LINK_LABEL_CHARS = 48


@dataclass
class Link:
    label: str
    url: str


@dataclass
class Item:
    """One thing to do (or, for a read-only user, to watch): where it is done, and by when.

    A single place has ``url`` (and ``action``, the button's label, for a user who does it); an item over
    several places (a step late in three tambons) lists them in ``links``, each where it is done."""

    kind: str
    title: str
    due: date | None = None
    days_left: int | None = None
    url: str = ""
    action: str = ""
    detail: str = ""
    links: list[Link] = field(default_factory=list)
    more: Link | None = None

    @property
    def is_overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0

    @property
    def is_due_soon(self) -> bool:
        return self.days_left is not None and 0 <= self.days_left <= DUE_SOON_DAYS

    @property
    def days_late(self) -> int:
        return -self.days_left if self.is_overdue else 0


@dataclass
class Figure:
    """A figure of the year: ``done`` of ``total`` (a plain count when ``total`` is None), with last year's
    percent for the trend when there is one."""

    key: str
    label: str
    done: int | Decimal
    total: int | Decimal | None = None
    percent: int | Decimal | None = None
    last_percent: int | Decimal | None = None
    money: bool = False
    url: str = ""
    empty: str = ""  # said instead of "0 of 0"

    @property
    def change(self) -> int | Decimal | None:
        if self.percent is None or self.last_percent is None:
            return None
        return self.percent - self.last_percent

    @property
    def change_size(self) -> int | Decimal | None:
        change = self.change
        return abs(change) if change is not None else None

    @property
    def bar(self) -> int:
        """The width of the progress bar, 0–100."""
        return max(0, min(100, int(self.percent or 0)))


@dataclass
class Behind:
    """An area behind the others: its page and why."""

    name: str
    url: str
    detail: str


@dataclass
class Cockpit:
    summary: HomeSummary
    acts: bool = False  # the user does the items (an editor of a province, district or tambons), or watches
    items: list[Item] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    behind_title: str = ""
    behind: list[Behind] = field(default_factory=list)
    behind_url: str = ""
    behind_note: str = ""  # the areas that have not started at all, counted
    complete: list[Link] = field(default_factory=list)  # the Department: consolidated reports complete
    figures_as_of: object = None  # when the nation's cached figures were built


def cockpit_for(user, *, fiscal_year: int) -> Cockpit:
    summary = home_summary(user)
    scope = scope_of(user)
    today = timezone.localdate()
    if scope.level == NATION:
        cockpit = _nation(user, summary, fiscal_year, today)
    elif scope.level == PROVINCE:
        cockpit = _province(user, scope, summary, fiscal_year, today)
    elif scope.level in (DISTRICT, TAMBONS):
        cockpit = _district(user, scope, summary, fiscal_year, today)
    else:
        cockpit = Cockpit(summary)
    cockpit.items.sort(key=lambda item: (item.due is None, item.due or date.max))
    return cockpit


# ---------------------------------------------------------------- helpers


def _days_left(due: date | None, today: date) -> int | None:
    return (due - today).days if due is not None else None


def _percent(done: int, total: int) -> int | None:
    return round(100 * done / total) if total else None


def _unbroken(text: str) -> str:
    """A circular's number or a year's name kept on one line ("อบ ๐๐๑๙/ว ๕๓๑", "ปีงบประมาณ พ.ศ. ๒๕๗๐")."""
    return text.replace(" ", "\u00a0")


def _label(text: str) -> str:
    return Truncator(text).chars(LINK_LABEL_CHARS)


def _grouped(item: Item, links: list[Link], *, action: str, more_url: str = "") -> Item:
    """The item at its one place when there is one (with the action's button), else over its places."""
    if len(links) == 1:
        item.url, item.action = links[0].url, action
        item.detail = " · ".join(text for text in (links[0].label, item.detail) if text)
        return item
    item.links = links[:MAX_LINKS]
    if len(links) > MAX_LINKS:
        more = len(links) - MAX_LINKS
        item.more = Link(
            _("และอีก %(n)s แห่ง") % {"n": localize_digits(more)}, more_url or links[MAX_LINKS].url
        )
    return item


def _count_figure(key: str, label: str, done: int, total: int, last: tuple[int, int] | None) -> Figure:
    last_percent = _percent(*last) if last is not None else None
    return Figure(key, label, done, total, _percent(done, total), last_percent)


@dataclass
class Progress:
    """An area's plans, workshops and budget for a year, whichever selector counted them."""

    tambons: int = 0
    plans: int = 0
    plans_done: int = 0  # plans with every step done (``planning.selectors.plan_is_done``)
    workshops: int = 0  # tambons that have held a tambon-plan workshop
    funding: Totals = field(default_factory=Totals)


def _tambons_progress(rows, funding: Totals) -> Progress:
    """From ``planning.selectors.tambon_progress_in`` rows and an integration's totals."""
    return Progress(
        len(rows),
        sum(row.plan is not None for row in rows),
        sum(row.is_done for row in rows),
        sum(row.workshop_held for row in rows),
        funding,
    )


def _districts_progress(rows, funding: Totals) -> Progress:
    """From ``planning.selectors.district_progress_in`` rows and an integration's totals."""
    return Progress(
        sum(row.tambons for row in rows),
        sum(row.plans for row in rows),
        sum(row.plans_done for row in rows),
        sum(row.workshops for row in rows),
        funding,
    )


def _open_data_progress(records: list[dict]) -> Progress:
    """From the open data's rows (provinces or districts), which those same selectors built."""
    progress = Progress()
    for record in records:
        progress.tambons += record["tambons"]
        progress.plans += record["plans_opened"]
        progress.plans_done += record["plans_done"]
        progress.workshops += record["workshop_tambons"]
        progress.funding.need += record["budget_needed_baht"]
        progress.funding.secured_up_to_need += record["budget_secured_within_need_baht"]
    return progress


def _progress_figures(now: Progress, before: Progress, *, plans_url: str, budget_url: str) -> list[Figure]:
    """Plans done and workshops held of the tambons, budget secured of the need; last year's for the trend
    when last year had plans (budget: when it had a need)."""
    had_plans = bool(before.plans)
    figures = [
        _count_figure(
            "plans_done",
            _("แผนพัฒนาตำบลที่ดำเนินการครบทุกขั้นตอน"),
            now.plans_done,
            now.tambons,
            (before.plans_done, before.tambons) if had_plans else None,
        ),
        _count_figure(
            "workshops",
            _("ตำบลที่จัดประชุมเชิงปฏิบัติการแล้ว"),
            now.workshops,
            now.tambons,
            (before.workshops, before.tambons) if had_plans or before.workshops else None,
        ),
        Figure(
            "budget",
            _("งบประมาณที่ได้รับแล้วเทียบกับที่ต้องการ"),
            now.funding.secured_up_to_need,
            now.funding.need,
            now.funding.secured_percent,  # the integration pages' rule
            before.funding.secured_percent,
            money=True,
            url=budget_url,
            empty=_("ยังไม่มีโครงการที่ระบุงบประมาณของปีนี้"),
        ),
    ]
    figures[0].url = figures[1].url = plans_url
    return figures


def _reporting(entries: Iterable[CircularEntry], fiscal_year: int) -> tuple[int, int]:
    """(submitted, expected) over the year's circulars that ask for a report (``reports.report_index``)."""
    submitted = expected = 0
    for entry in entries:
        if entry.circular.fiscal_year == fiscal_year:
            submitted, expected = submitted + entry.submitted, expected + entry.expected
    return submitted, expected


# ---------------------------------------------------------------- what a district or tambon officer does


def _acknowledge_items(user, fiscal_year: int, today: date, acts: bool) -> list[Item]:
    return [
        Item(
            "acknowledge",
            _("รับทราบหนังสือสั่งการ ที่ %(number)s") % {"number": _unbroken(circular.number)},
            circular.report_due,
            _days_left(circular.report_due, today),
            reverse("directives:detail", args=[circular.pk]),
            _("รับทราบ") if acts else "",
            circular.subject,
        )
        for circular in circulars_to_acknowledge(user, fiscal_year=fiscal_year)
    ]


def _report_items(user, scope: Scope, entries, fiscal_year: int, today: date, acts: bool) -> list[Item]:
    """The district's own report to each of the year's circulars, until it is submitted; and a report the
    province returned for correction, whatever its year."""
    items = []
    for entry in entries:
        circular, report = entry.circular, entry.report
        if report is not None and report.state == ReportState.RETURNED:
            continue  # listed below with the other returned reports
        if circular.fiscal_year != fiscal_year or (report is not None and report.state != ReportState.DRAFT):
            continue
        due = circular.report_due
        if report is None:
            title, action = _("จัดทำรายงานผลตามหนังสือ ที่ %(number)s"), _("เริ่มจัดทำ")
            url = reverse("reports:district", args=[circular.pk, scope.district_code])
        else:
            title, action = _("ส่งรายงานผลตามหนังสือ ที่ %(number)s"), _("ทำต่อและส่ง")
            url = reverse("reports:detail", args=[report.pk])
        items.append(
            Item(
                "report",
                title % {"number": _unbroken(circular.number)},
                due,
                _days_left(due, today),
                url,
                action if acts else "",
                _("ยังไม่เริ่มจัดทำ") if report is None else _("ร่างยังไม่ได้ส่งจังหวัด"),
            )
        )
    for report in reports_list(user, state=ReportState.RETURNED):
        due = report.circular.report_due
        items.append(
            Item(
                "correct",
                _("แก้ไขรายงานผลตามหนังสือ ที่ %(number)s ที่จังหวัดส่งกลับ")
                % {"number": _unbroken(report.circular.number)},
                due,
                _days_left(due, today),
                reverse("reports:detail", args=[report.pk]),
                _("แก้ไขและส่งใหม่") if acts else "",
                Truncator(report.review_comment).chars(120),
            )
        )
    return items


def _step_items(user, fiscal_year: int, today: date, acts: bool, district_code: str) -> list[Item]:
    """A step of the province's plan process overdue or due soon, over the tambons where it is not done."""
    by_definition: dict[int, list] = {}
    for step in steps_due(user, fiscal_year=fiscal_year, until=today + timedelta(days=DUE_SOON_DAYS)):
        by_definition.setdefault(step.definition_id, []).append(step)
    items = []
    for steps in by_definition.values():
        definition = steps[0].definition
        overdue = steps[0].is_overdue(today)
        links = [
            Link(step.plan.tambon.display_name, reverse("planning:step", args=[step.pk])) for step in steps
        ]
        detail = (_("เลยกำหนด %(n)s ตำบล") if overdue else _("ยังไม่เสร็จ %(n)s ตำบล")) % {
            "n": localize_digits(len(steps))
        }
        query = "?only=overdue" if overdue else ""
        item = Item(
            "step",
            _("ขั้นตอนของแผน: %(step)s") % {"step": definition.display_name},
            definition.due_date,
            _days_left(definition.due_date, today),
            detail=detail,
        )
        more_url = reverse("planning:district", args=[district_code]) + query
        items.append(_grouped(item, links, action=_("บันทึกขั้นตอน") if acts else "", more_url=more_url))
    return items


def _plan_items(
    rows, definitions, fiscal_year: int, today: date, acts: bool, district_code: str
) -> list[Item]:
    """Tambons without a plan for the year once the province has set the year's steps."""
    missing = [row.tambon for row in rows if row.plan is None]
    if not definitions or not missing:
        return []
    due = min((d.due_date for d in definitions if d.due_date), default=None)
    item = Item(
        "plan",
        _("เปิดแผนพัฒนาตำบล %(year)s") % {"year": _unbroken(fiscal_year_label(fiscal_year))},
        due,
        _days_left(due, today),
        detail=_("ยังไม่เปิดแผน %(n)s ตำบล") % {"n": localize_digits(len(missing))},
    )
    links = [Link(tambon.display_name, reverse("planning:tambon", args=[tambon.code])) for tambon in missing]
    more_url = reverse("planning:district", args=[district_code]) + "?only=no_plan"
    return [_grouped(item, links, action=_("เปิดแผน") if acts else "", more_url=more_url)]


def _committee_items(user, fiscal_year: int, today: date, acts: bool, district_code: str = "") -> list[Item]:
    """Orders needing review or missing, a kind and a state at a time, over the areas concerned."""
    rows = committees_to_renew(user, fiscal_year=fiscal_year)
    if not rows:
        return []
    due = review_date_for(rows[0].area_code[:2], fiscal_year)
    groups: dict[tuple[int, str], list] = {}
    for row in rows:
        groups.setdefault((row.kind.sort_order, row.kind.code, row.currency.state), []).append(row)
    items = []
    for (_order, kind_code, state), group in sorted(groups.items()):
        kind = group[0].kind
        title = _("%(kind)s: ยังไม่มีคำสั่งแต่งตั้ง") if state == MISSING else _("%(kind)s: ต้องทบทวนคำสั่งแต่งตั้ง")
        links = [
            Link(row.area_name, reverse("committees:committee", args=[kind_code, row.area_code]))
            for row in group
        ]
        item = Item(
            "committee",
            title % {"kind": kind.display_short_name},
            due,
            _days_left(due, today),
            detail=_("%(n)s คณะ") % {"n": localize_digits(len(group))},
        )
        more_url = ""
        if district_code:
            more_url = (
                reverse("committees:district", args=[district_code]) + f"?kind={kind_code}&state={state}"
            )
        action = (_("ออกคำสั่ง") if state == MISSING else _("ทบทวน")) if acts else ""
        items.append(_grouped(item, links, action=action, more_url=more_url))
    return items


def _event_items(user, fiscal_year: int, today: date, acts: bool, area_code: str | None = None) -> list[Item]:
    items = []
    for event in events_without_attendance(user, fiscal_year=fiscal_year, area_code=area_code):
        day = timezone.localtime(event.starts_at).date()
        items.append(
            Item(
                "event",
                _("บันทึกผู้เข้าร่วม: %(title)s") % {"title": event.title},
                day,
                _days_left(day, today),
                reverse("events:detail", args=[event.pk]),
                _("บันทึกผู้เข้าร่วม") if acts else "",
                _("จัดแล้ว ยังไม่มีรายชื่อหรือจำนวนผู้เข้าร่วม"),
            )
        )
    return items


def _forward_items(user, fiscal_year: int, acts: bool) -> list[Item]:
    """Projects asking for support in an approved plan, not forwarded yet: a tambon at a time."""
    by_tambon: dict[str, list] = {}
    for project in projects_to_forward(user, fiscal_year=fiscal_year):
        by_tambon.setdefault(project.plan.tambon_id, []).append(project)
    items = []
    for projects in by_tambon.values():
        plan = projects[0].plan
        item = Item(
            "forward",
            _("ส่งต่อโครงการที่ขอรับการสนับสนุน ตำบล%(tambon)s") % {"tambon": plan.tambon.display_name},
            detail=_("ก.บ.ต. เห็นชอบแผนแล้ว ยังไม่ได้ส่งต่อ %(n)s โครงการ") % {"n": localize_digits(len(projects))},
        )
        links = [Link(_label(p.name), reverse("planning:project", args=[p.pk])) for p in projects]
        more_url = reverse("planning:plan", args=[plan.pk])
        items.append(_grouped(item, links, action=_("ส่งต่อ") if acts else "", more_url=more_url))
    return items


def _commitment_items(user, fiscal_year: int, acts: bool) -> list[Item]:
    commitments = commitments_awaiting_approval(user, fiscal_year=fiscal_year)
    if not commitments:
        return []
    item = Item(
        "commitment",
        _("การสนับสนุนจากภาคีที่รออนุมัติ"),
        detail=_("%(n)s รายการ (เสนอขอหรือรับปากแล้ว)") % {"n": localize_digits(len(commitments))},
    )
    links = [
        Link(
            _label(f"{c.partner.name}: {c.project.name}"),
            reverse("partners:commitment", args=[c.pk]),
        )
        for c in commitments
    ]
    return [_grouped(item, links, action=_("บันทึกสถานะ") if acts else "")]


def _district(user, scope: Scope, summary: HomeSummary, fiscal_year: int, today: date) -> Cockpit:
    """A district officer (and a district's viewer), or a tambon officer in its own tambons."""
    acts = user.can_edit
    district = summary.area
    rows = tambon_progress_in(scope, fiscal_year=fiscal_year, district_codes=[district.code])
    definitions = step_definitions(province_code=district.province_id, fiscal_year=fiscal_year)
    entries = report_index(user)  # the district's own reports; none for tambon officers
    items = [
        *_acknowledge_items(user, fiscal_year, today, acts),
        *_report_items(user, scope, entries, fiscal_year, today, acts),
        *_step_items(user, fiscal_year, today, acts, district.code),
        *_plan_items(rows, definitions, fiscal_year, today, acts, district.code),
        *_committee_items(user, fiscal_year, today, acts, district.code),
        *_event_items(user, fiscal_year, today, acts),
        *_forward_items(user, fiscal_year, acts),
        *_commitment_items(user, fiscal_year, acts),
    ]
    funding = integration_in(scope, level="district", area=district, fiscal_year=fiscal_year).total
    if scope.level == DISTRICT:
        last_year = _last_year_in_open_data(
            district.province_id, fiscal_year - 1, district_code=district.code
        )
    else:  # a tambon officer's own tambons: a few, counted live (the open data stops at districts)
        last_year = _tambons_progress(
            tambon_progress_in(scope, fiscal_year=fiscal_year - 1, district_codes=[district.code]),
            integration_in(scope, level="district", area=district, fiscal_year=fiscal_year - 1).total,
        )
    figures = _progress_figures(
        _tambons_progress(rows, funding),
        last_year,
        plans_url=reverse("planning:district", args=[district.code]),
        budget_url=reverse("partners:integration_district", args=[district.code]),
    )
    if scope.level == DISTRICT:
        figures.append(
            _count_figure(
                "reporting",
                _("รายงานผลที่ส่งจังหวัดแล้ว"),
                *_own_reporting(entries, fiscal_year),
                _own_reporting(entries, fiscal_year - 1),
            )
        )
        figures[-1].url = reverse("reports:index")
        figures[-1].empty = _("ยังไม่มีหนังสือสั่งการที่ให้รายงานผลในปีนี้")
    return Cockpit(summary, acts, items, figures)


def _own_reporting(entries: Iterable[CircularEntry], fiscal_year: int) -> tuple[int, int]:
    """(submitted, asked) of a district's own reports to the year's circulars: a report leaves the draft
    state only by being submitted (``reports.services.TRANSITIONS``)."""
    year = [entry for entry in entries if entry.circular.fiscal_year == fiscal_year]
    submitted = sum(1 for e in year if e.report is not None and e.report.state != ReportState.DRAFT)
    return submitted, len(year)


# ---------------------------------------------------------------- what a province officer does


def _province_items(
    user, scope: Scope, entries, awaiting_review: list, fiscal_year: int, today: date, acts: bool
) -> list[Item]:
    items = []
    by_circular: dict[int, list] = {}
    for report in awaiting_review:
        by_circular.setdefault(report.circular_id, []).append(report)
    for reports in by_circular.values():
        circular = reports[0].circular
        title = (
            _("ตรวจรายงานผลของอำเภอ ตามหนังสือ ที่ %(number)s")
            if acts
            else _("รายงานผลของอำเภอที่รอจังหวัดตรวจ ตามหนังสือ ที่ %(number)s")
        )
        item = Item(
            "review",
            title % {"number": _unbroken(circular.number)},
            detail=_("รอตรวจ %(n)s อำเภอ") % {"n": localize_digits(len(reports))},
        )
        links = [Link(r.district.display_name, reverse("reports:detail", args=[r.pk])) for r in reports]
        more_url = reverse("reports:rates", args=[circular.pk])
        items.append(_grouped(item, links, action=_("ตรวจรายงาน") if acts else "", more_url=more_url))
    for entry in entries:
        circular = entry.circular
        days_left = _days_left(circular.report_due, today)
        owing = entry.expected - entry.submitted
        if (
            circular.fiscal_year != fiscal_year
            or owing <= 0
            or days_left is None
            or days_left > DUE_SOON_DAYS
        ):
            continue
        items.append(
            Item(
                "owing",
                _("อำเภอยังไม่ส่งรายงานผลตามหนังสือ ที่ %(number)s") % {"number": _unbroken(circular.number)},
                circular.report_due,
                days_left,
                reverse("reports:rates", args=[circular.pk]),
                _("ติดตามและเตือน") if acts else "",
                _("ส่งแล้ว %(submitted)s จาก %(expected)s อำเภอ")
                % {
                    "submitted": localize_digits(entry.submitted),
                    "expected": localize_digits(entry.expected),
                },
            )
        )
    if acts:
        items += _province_settings_items(user, scope, fiscal_year)
    items += _committee_items(user, fiscal_year, today, acts)
    items += _event_items(user, fiscal_year, today, acts, area_code=scope.province_code)
    return items


def _province_settings_items(user, scope: Scope, fiscal_year: int) -> list[Item]:
    """What only the province sets for a year, while it is not set: the circular, the plan steps and their
    dates, the date committee orders must be reviewed by."""
    code, year = scope.province_code, _unbroken(fiscal_year_label(fiscal_year))
    items = []
    if not circulars_list(user, area=code, fiscal_year=fiscal_year).exists():
        items.append(
            Item(
                "setting",
                _("จัดทำหนังสือสั่งการประจำ%(year)s") % {"year": year},
                url=reverse("directives:create"),
                action=_("จัดทำหนังสือ"),
                detail=_("อำเภอจะรับทราบและรายงานผลตามหนังสือนี้"),
            )
        )
    if not step_definitions(province_code=code, fiscal_year=fiscal_year):
        items.append(
            Item(
                "setting",
                _("กำหนดขั้นตอนและวันที่ของแผนพัฒนาตำบล %(year)s") % {"year": year},
                url=reverse("planning:step_settings", args=[code]),
                action=_("กำหนดขั้นตอน"),
            )
        )
    if review_date_for(code, fiscal_year) is None:
        items.append(
            Item(
                "setting",
                _("กำหนดวันที่ให้ทบทวนคำสั่งคณะกรรมการ %(year)s") % {"year": year},
                url=reverse("committees:province", args=[code]),
                action=_("กำหนดวันที่"),
            )
        )
    return items


def _districts_behind(rows) -> list[Behind]:
    """Districts with tambons whose plan has an overdue step, the most such tambons first."""
    behind = sorted(
        (row for row in rows if row.overdue_tambons),
        key=lambda row: (-row.overdue_tambons, row.percent_done, row.district.code),
    )
    return [
        Behind(
            row.district.display_name,
            reverse("planning:district", args=[row.district.code]) + "?only=overdue",
            _("ตำบลที่มีขั้นตอนเลยกำหนด %(n)s จาก %(total)s ตำบล · ขั้นตอนเสร็จร้อยละ %(percent)s")
            % {
                "n": localize_digits(row.overdue_tambons),
                "total": localize_digits(row.tambons),
                "percent": localize_digits(row.percent_done),
            },
        )
        for row in behind[:MAX_BEHIND]
    ]


def _province(user, scope: Scope, summary: HomeSummary, fiscal_year: int, today: date) -> Cockpit:
    acts = user.can_edit
    province = summary.area
    entries = report_index(user)
    awaiting_review = list(reports_list(user, state=ReportState.SUBMITTED))
    items = _province_items(user, scope, entries, awaiting_review, fiscal_year, today, acts)
    rows = district_progress_in(scope, fiscal_year=fiscal_year, province_code=province.code)
    funding = integration_in(scope, level="province", area=province, fiscal_year=fiscal_year).total
    progress_url = reverse("planning:province", args=[province.code])
    figures = [
        *_progress_figures(
            _districts_progress(rows, funding),
            _last_year_in_open_data(province.code, fiscal_year - 1),
            plans_url=progress_url,
            budget_url=reverse("partners:integration_province", args=[province.code]),
        ),
        *_reporting_figures(entries, fiscal_year),
        Figure(
            "awaiting_review",
            _("รายงานของอำเภอที่รอจังหวัดตรวจ"),
            len(awaiting_review),
            url=reverse("reports:index"),
        ),
    ]
    not_started = sum(1 for row in rows if not row.plans)
    return Cockpit(
        summary,
        acts,
        items,
        figures,
        behind_title=_("อำเภอที่ล่าช้า"),
        behind=_districts_behind(rows),
        behind_url=progress_url,
        behind_note=_not_started(not_started, _("ยังไม่มีแผนของปีนี้ในระบบ %(n)s อำเภอ")),
    )


def _not_started(count: int, text: str) -> str:
    return text % {"n": localize_digits(count)} if count else ""


def _last_year_in_open_data(province_code: str, fiscal_year: int, *, district_code: str = "") -> Progress:
    """Last year's figures of a province (its districts summed) or of one of its districts, from the open data
    (cached: a closed year changes little, and computing it live would double the page's work)."""
    try:
        dataset = open_dataset(DISTRICTS, fiscal_year=fiscal_year, province_code=province_code)
    except UnknownProvince:  # not a community-development province: no open data, no trend
        return Progress()
    records = dataset.records()
    if district_code:
        records = [record for record in records if record["district_code"] == district_code]
    return _open_data_progress(records)


def _reporting_figures(entries, fiscal_year: int) -> list[Figure]:
    """Districts that submitted of those asked, over the year's circulars."""
    figure = _count_figure(
        "reporting",
        _("อำเภอที่ส่งรายงานผลแล้ว"),
        *_reporting(entries, fiscal_year),
        _reporting(entries, fiscal_year - 1),
    )
    figure.url = reverse("reports:index")
    figure.empty = _("ยังไม่มีหนังสือสั่งการที่ให้รายงานผลในปีนี้")
    return [figure]


# ---------------------------------------------------------------- what the nation watches


def _nation(user, summary: HomeSummary, fiscal_year: int, today: date) -> Cockpit:
    names = {row.code: row.display_name for row in summary.rows}
    this_year = open_dataset(PROVINCES, fiscal_year=fiscal_year)
    last_year = open_dataset(PROVINCES, fiscal_year=fiscal_year - 1)
    entries = [entry for entry in report_index(user) if entry.circular.province_id in names]
    consolidations = _count_figure(
        "consolidations",
        _("จังหวัดที่ได้รับรายงานครบทุกอำเภอแล้ว (รายงานสรุปจังหวัด)"),
        *_consolidations(entries, fiscal_year),
        _consolidations(entries, fiscal_year - 1),
    )
    consolidations.url = reverse("reports:index")
    consolidations.empty = _("ยังไม่มีหนังสือสั่งการที่ให้รายงานผลในปีนี้")
    figures = [
        *_progress_figures(
            _open_data_progress(this_year.records()),
            _open_data_progress(last_year.records()),
            plans_url=reverse("planning:index"),
            budget_url="",
        ),
        *_reporting_figures(entries, fiscal_year),
        consolidations,
    ]
    complete = [
        Link(names[e.circular.province_id], reverse("reports:consolidation", args=[e.circular.pk]))
        for e in entries
        if e.circular.fiscal_year == fiscal_year and e.expected and e.accepted == e.expected
    ]
    not_started = sum(1 for record in this_year.records() if not record["plans_opened"])
    return Cockpit(
        summary,
        False,
        _late_provinces(entries, names, fiscal_year, today),
        figures,
        behind_title=_("จังหวัดที่ล่าช้า"),
        behind=_provinces_behind(this_year.records(), names),
        behind_url=reverse("planning:index"),
        behind_note=_not_started(not_started, _("ยังไม่มีแผนของปีนี้ในระบบ %(n)s จังหวัด")),
        complete=complete,
        figures_as_of=this_year.generated_at,
    )


def _consolidations(entries, fiscal_year: int) -> tuple[int, int]:
    """(complete, asked): the year's circulars whose every addressed district's report is accepted, so the
    province's consolidated report (``reports.consolidation_of``) covers them all."""
    year = [e for e in entries if e.circular.fiscal_year == fiscal_year and e.expected]
    return sum(1 for e in year if e.accepted == e.expected), len(year)


def _late_provinces(entries, names: dict[str, str], fiscal_year: int, today: date) -> list[Item]:
    """Provinces whose districts still owe the year's report after its due date."""
    late = [
        e
        for e in entries
        if e.circular.fiscal_year == fiscal_year
        and e.circular.report_due is not None
        and e.circular.report_due < today
        and e.submitted < e.expected
    ]
    if not late:
        return []
    due = min(e.circular.report_due for e in late)
    item = Item(
        "owing",
        _("จังหวัดที่อำเภอยังส่งรายงานผลไม่ครบหลังกำหนด"),
        due,
        _days_left(due, today),
        detail=_("%(n)s จังหวัด") % {"n": localize_digits(len({e.circular.province_id for e in late}))},
    )
    links = [
        Link(
            _("%(province)s ส่งแล้ว %(submitted)s/%(expected)s")
            % {
                "province": names[e.circular.province_id],
                "submitted": localize_digits(e.submitted),
                "expected": localize_digits(e.expected),
            },
            reverse("reports:rates", args=[e.circular.pk]),
        )
        for e in sorted(late, key=lambda e: (e.submitted / e.expected, e.circular.province_id))
    ]
    return [_grouped(item, links, action="", more_url=reverse("reports:index"))]


def _provinces_behind(records: list[dict], names: dict[str, str]) -> list[Behind]:
    """The provinces furthest behind among those with plans for the year: the smallest share of their plans'
    steps done, then the fewest plans (those without any plan are counted apart: ``_not_started``)."""
    started = [r for r in records if r["plans_opened"]]
    rows = sorted(started, key=lambda r: (r["steps_done_percent"], r["plans_opened"], r["province_code"]))
    return [
        Behind(
            names.get(r["province_code"], r["province_name"]),
            reverse("planning:province", args=[r["province_code"]]),
            _("ขั้นตอนเสร็จร้อยละ %(percent)s · แผนครบทุกขั้นตอน %(done)s จาก %(tambons)s ตำบล")
            % {
                "percent": localize_digits(r["steps_done_percent"]),
                "done": localize_digits(r["plans_done"]),
                "tambons": localize_digits(r["tambons"]),
            },
        )
        for r in rows[:MAX_BEHIND]
    ]
