"""The layout of the local-plan project form (แบบ ผ.02, รายละเอียดโครงการพัฒนา), and the whole tambon plan in
it for the tambon's own use ("แผนพัฒนาตำบล (ทุกโครงการ)", never a local government's ผ.02: each local
government's own ผ.02, with only the projects forwarded to it, and its answers read back are `forwarded.py`).

The whole-plan export is one worksheet "แผนพัฒนาตำบล": a title block (its name, the local development plan's
period its budget columns follow, the area, the tambon plan it comes from), the ผ.02 column headers with a
budget column for each year of that period,
then the projects grouped as the form groups them:
ยุทธศาสตร์ (the project's ประเด็นการพัฒนา) and, inside it, แผนงาน (the project's class, with whom support is
requested from). A last column, รหัสอ้างอิง, holds a stable key of each project ("TP-340104-2569-12":
tambon, fiscal year, project id) so the file can come back. A plan whose projects have money in a year outside
the period is not exported (the form has no column for it): `ExportRefused` names the projects and the years,
and the periods the plan can be exported for instead. Every cell is in TH SarabunPSK, as the local
governments' forms are; it prints on A4 landscape in two parts side by side, or on A3 one page wide.

The import (for a plan the ก.บ.ต. has not approved yet: an approved plan's projects are not edited from a
file; local governments' answers go through `forwarded.answers_import`) reads the file as exported or as a
local government edited it (amounts and texts changed, rows
moved, rows added without a reference, the title rows left as they are) with the project importer's rules
and code (`imports.parse_project`, `update_project`, `write_projects`): every row is checked first,
every bad row is reported with its row number and a Thai reason, nothing is written when a row is bad,
and the same file imported again changes nothing. A row is matched to its project by the reference; a row
without one by the project's name (a row added by hand is created once, then found by its name); the
reference and the name must agree (a file sorted without its reference column is refused, not applied to
the wrong projects); references of another plan or of unknown projects are errors. The file carries the
ผ.02 columns only: a project's class, target, priority, villages, budget source and status are never
changed by it, and a new row takes its ประเด็นการพัฒนา and class from the headings above it. A file with the
project import's ด้าน or ปัญหา/ความต้องการที่ตอบ column (added by hand) sets them as that import does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tambonplan.accounts.scope import require_change
from tambonplan.core.history import import_service
from tambonplan.core.tabular import Column, Row, RowError, TabularError, read_table
from tambonplan.documents.xlsx import PAPER_A3, PAPER_A4, Heading, Sheet, build_xlsx
from tambonplan.planning.imports import (
    PROJECT_COLUMNS,
    TARGET_ABBREVIATIONS,
    NeedLookup,
    budget_column,
    budget_years,
    category_lookup,
    cell_error,
    choice_lookup,
    class_lookup,
    normalise,
    other_year_columns,
    parse_project,
    raise_if_errors,
    thai_label,
    update_project,
    write_projects,
)
from tambonplan.planning.models import Project, ProjectStatus, TambonPlan, TargetKind, by_priority
from tambonplan.thai.dates import be_date_long
from tambonplan.thai.digits import parse_int, to_arabic_digits, to_thai_digits

FORM_SHEET = "ผ.02"  # a local government's ผ.02 (`forwarded.py`)
PLAN_SHEET = "แผนพัฒนาตำบล"  # the whole plan for the tambon's own use
NOTES_SHEET = "คำอธิบาย"
# What the whole-plan file is called, in its title and on the plan page: not a local government's ผ.02.
WHOLE_PLAN_TITLE = "แผนพัฒนาตำบล (ทุกโครงการ)"

# How the form prints: A4 landscape in two parts side by side (the project and its budget; then its number
# and name again with the indicator, the result, the agency and the reference), or A3 landscape one page wide.
PAPERS = {"a4": PAPER_A4, "a3": PAPER_A3}
FONT_NAME = "TH SarabunPSK"
FONT_SIZE = 16

# Headings of the groups, written and read back (never translated: the import recognises them).
STRATEGY = "ยุทธศาสตร์ที่"
PROGRAM = "แผนงาน"
NO_ISSUE = "ไม่ระบุประเด็นการพัฒนา"
_STRATEGY_RE = re.compile(r"ยุทธศาสตร์(?:ที่)?\s*[0-9๐-๙.]*\s*[:：]?\s*(.*)", re.DOTALL)
_PROGRAM_RE = re.compile(r"แผนงาน(?:ที่)?\s*[0-9๐-๙.]*\s*[:：]?\s*(.*)", re.DOTALL)
# A total row a local government may add under a group ("รวม", "รวม 3 โครงการ"): read over.
_TOTAL_RE = re.compile(r"รวม(?:ทั้งสิ้น|ทั้งหมด)?\s*(?:[0-9๐-๙,]+\s*โครงการ)?")

REF_PREFIX = "TP"
REF_RE = re.compile(r"TP-?([0-9]{6})-([0-9]{4})-([0-9]{1,9})", re.IGNORECASE)  # ASCII digits: not \d
REF_EXAMPLE = "TP-340104-2569-12"

# How far down the title block may push the header row.
HEADER_SEARCH_ROWS = 30

# ------------------------------------------------------------------------------------------- columns

_BASE = {column.key: column for column in PROJECT_COLUMNS}


def _column(key: str, *extra: str, required: bool = False) -> Column:
    """The project import's column with the ผ.02 wording added (last: the header the export writes)."""
    headers = tuple(header for header in _BASE[key].headers if header not in extra) + extra
    return Column(key, headers, required=required)


REF_COLUMN = Column("ref", ("ref", "reference", "รหัสอ้างอิง", "รหัสอ้างอิง (ห้ามแก้ไข)"))
SEQ_COLUMN = Column("seq", ("no", "ลำดับ", "ลำดับที่", "ที่"))
NAME_COLUMN = _column("name", "โครงการ", required=True)
HEAD_COLUMNS = (
    SEQ_COLUMN,
    NAME_COLUMN,
    _column("objective", "วัตถุประสงค์"),
    _column("target_output", "เป้าหมาย (ผลผลิตของโครงการ)"),
)
TAIL_COLUMNS = (
    _column("kpi", "ตัวชี้วัด (KPI)"),
    _column("expected_result", "ผลที่คาดว่าจะได้รับ"),
    _column("lead_agency", "หน่วยงานรับผิดชอบหลัก"),
)
# Read when a file has them (added by hand), never written: the project import's ด้าน and needs columns.
READ_ONLY_COLUMNS = (_BASE["category"], _BASE["needs"])
TEXT_KEYS = ("objective", "target_output", "kpi", "expected_result", "lead_agency")
WIDTHS_HEAD = [7, 42, 36, 32]
WIDTH_YEAR = 17  # "งบประมาณ ๒๕๖๙ (บาท)" wraps after งบประมาณ, at its space
WIDTHS_TAIL = [30, 32, 28, 22]
REPEATED_COLUMNS = 2  # ที่ and โครงการ: on every page
HEADER_FILL = "D9E1F2"  # light blue, as the form's header in Excel's default theme
AMOUNT_FORMAT = "#,##0.00"


def local_plan_period(fiscal_year: int) -> range:
    """The fiscal years of the local development plan (แผนพัฒนาท้องถิ่น) that the fiscal year falls in: the
    plans cover LOCAL_PLAN_YEARS years each, one after the other, from LOCAL_PLAN_FIRST_YEAR (with the
    defaults 2569 → 2566–2570, 2571 → 2571–2575)."""
    first, length = settings.LOCAL_PLAN_FIRST_YEAR, settings.LOCAL_PLAN_YEARS
    start = first + (fiscal_year - first) // length * length
    return range(start, start + length)


def plan_periods(plan: TambonPlan) -> list[range]:
    """The local plan periods the plan's form can be exported for: those holding one of its budget years."""
    return list(dict.fromkeys(local_plan_period(year) for year in budget_years(plan)))


def period_label(period: range, *, thai_digits: bool = False) -> str:
    """พ.ศ. 2566 - 2570, as the form writes a local plan's period."""
    first, last = period[0], period[-1]
    if thai_digits:
        first, last = to_thai_digits(first), to_thai_digits(last)
    return _("พ.ศ. %(first)s - %(last)s") % {"first": first, "last": last}


class ExportRefused(Exception):
    """The form cannot be exported as asked. `message` says why, in Thai; `outside` lists the projects with
    money outside the period, each with those years; `periods` are the plan's other periods whose form would
    leave no money out (offered instead); `status` is the HTTP status of the page that says so."""

    def __init__(self, message: str, *, outside=(), periods=(), status: int = 409):
        super().__init__(message)
        self.message = message
        self.outside: list[tuple[Project, list[int]]] = list(outside)
        self.periods: list[range] = list(periods)
        self.status = status


def _or(periods: list[range]) -> str:
    """พ.ศ. 2566 - 2570 หรือ พ.ศ. 2571 - 2575."""
    return f" {_('หรือ')} ".join(period_label(period) for period in periods)


def export_period(plan: TambonPlan, value: str | None) -> range:
    """The period asked for (`?period=`, a year of it, Thai digits too), by default the one of the plan's
    fiscal year; ExportRefused (400) for anything but one of the plan's periods."""
    if value is None or not value.strip():
        return local_plan_period(plan.fiscal_year)
    year = parse_int(value)
    periods = plan_periods(plan)
    period = local_plan_period(year) if year is not None else None
    if period not in periods:
        raise ExportRefused(
            _("ช่วงแผน '%(value)s' ไม่ถูกต้อง: แผนนี้ส่งออกแบบ ผ.02 ได้สำหรับแผนพัฒนาท้องถิ่น %(periods)s")
            % {"value": value, "periods": _or(periods)},
            status=400,
        )
    return period


def export_paper(value: str | None) -> str:
    """The paper asked for (`?paper=a4` or `a3`), A4 by default; ExportRefused (400) for another."""
    paper = (value or "a4").strip().lower()
    if paper not in PAPERS:
        raise ExportRefused(
            _("ขนาดกระดาษ '%(value)s' ไม่รองรับ (เลือกได้ a4 หรือ a3)") % {"value": value}, status=400
        )
    return paper


def year_header(year: int) -> str:
    """The year's budget header, e.g. งบประมาณ ๒๕๖๙ (บาท): a spelling the project import reads."""
    return f"งบประมาณ {to_thai_digits(year)} (บาท)"


def form_columns(plan: TambonPlan) -> tuple[Column, ...]:
    """The columns the import reads: the ผ.02 columns, the plan's budget years, the reference, ด้าน and
    ปัญหา/ความต้องการที่ตอบ when the file has them, and the other years of the periods it is exported for and
    nearby (recognised only to refuse their amounts, as the project import does)."""
    years = budget_years(plan)
    return (
        *HEAD_COLUMNS,
        *(budget_column(year, f"budget_{year}") for year in years),
        *TAIL_COLUMNS,
        REF_COLUMN,
        *READ_ONLY_COLUMNS,
        *_other_year_columns(plan),
    )


def _other_year_columns(plan: TambonPlan) -> tuple[Column, ...]:
    """The project import's nearby years, and the years of the plan's periods beyond them."""
    nearby = other_year_columns(plan)
    keys = {column.key for column in nearby} | {f"other_{year}" for year in budget_years(plan)}
    period_years = sorted({year for period in plan_periods(plan) for year in period})
    return (*nearby, *(budget_column(y, f"other_{y}") for y in period_years if f"other_{y}" not in keys))


def reference(project: Project, plan: TambonPlan) -> str:
    return f"{REF_PREFIX}-{plan.tambon_id}-{plan.fiscal_year}-{project.pk}"


# ------------------------------------------------------------------------------------------- export


def _issue_heading(number: int, issue: str) -> str:
    return f"{STRATEGY} {to_thai_digits(number)} {issue or NO_ISSUE}"


def _program_name(project: Project) -> str:
    name = project.project_class.name_th
    if project.target_kind:
        name = f"{name}: {thai_label(TargetKind, project.target_kind)}"
    return name


def _program_heading(strategy: int, program: int, name: str) -> str:
    return f"{PROGRAM} {to_thai_digits(strategy)}.{to_thai_digits(program)} {name}"


def title_rows(plan: TambonPlan, period: range, width: int, *, recipient=None) -> list[list[object]]:
    """The title block above the header row, `width` columns wide, then a blank row. For a local government
    (`recipient`): the form's name (and its mark, over the last two columns), the local plan's period, whom
    it goes to, the area, the tambon plan it comes from. Without one, the whole plan for the tambon's own
    use: its name and "สำหรับใช้ภายในตำบล" (not a ผ.02 of any local government), the period its budget
    columns follow, the area, the source."""
    tambon = plan.tambon
    source = _("ที่มา: แผนพัฒนาตำบล%(tambon)s ปีงบประมาณ พ.ศ. %(year)s") % {
        "tambon": tambon.name_th,
        "year": to_thai_digits(plan.fiscal_year),
    }
    if plan.approved_on:
        source += " " + _("(ก.บ.ต. ให้ความเห็นชอบเมื่อ %(date)s)") % {
            "date": be_date_long(plan.approved_on, thai_digits=True)
        }
    source += " " + _("ข้อมูล ณ วันที่ %(date)s") % {"date": be_date_long(timezone.localdate(), thai_digits=True)}
    area = _("ตำบล%(tambon)s อำเภอ%(district)s จังหวัด%(province)s") % {
        "tambon": tambon.name_th,
        "district": tambon.district.name_th,
        "province": tambon.district.province.name_th,
    }
    if recipient is None:
        first = [WHOLE_PLAN_TITLE, *([""] * (width - 3)), _("สำหรับใช้ภายในตำบล"), ""]
        lines = [
            _("ทุกโครงการของแผนพัฒนาตำบล เรียงตามคอลัมน์ของแบบ ผ.02 งบประมาณตามช่วงปี %(period)s")
            % {"period": period_label(period, thai_digits=True)},
            area,
            source,
        ]
    else:
        first = [_("รายละเอียดโครงการพัฒนา"), *([""] * (width - 3)), "แบบ ผ.02", ""]
        lines = [
            _("แผนพัฒนาท้องถิ่น (%(period)s)") % {"period": period_label(period, thai_digits=True)},
            _("ถึง %(name)s") % {"name": recipient.full_name},
            area,
            source,
        ]
    return [first, *([line] for line in lines), []]


def _projects(plan: TambonPlan) -> list[Project]:
    """The plan's projects with their class and budgets, the most important first."""
    return list(
        plan.projects.select_related("project_class")
        .prefetch_related("budgets")
        .order_by(by_priority(), "id")
    )


def _outside(projects: list[Project], period: range) -> list[tuple[Project, list[int]]]:
    """The projects with money in a year outside the period, each with those years."""
    outside = []
    for project in projects:
        years = sorted(
            b.fiscal_year for b in project.budgets.all() if b.amount and b.fiscal_year not in period
        )
        if years:
            outside.append((project, years))
    return outside


def refuse_outside(plan: TambonPlan, projects: list[Project], period: range) -> None:
    """ExportRefused when a project has money outside the period: the form has no column for it."""
    outside = _outside(projects, period)
    if not outside:
        return
    others = [other for other in plan_periods(plan) if other != period and not _outside(projects, other)]
    message = _(
        "ส่งออกแบบ ผ.02 ของแผนพัฒนาท้องถิ่น (%(period)s) ไม่ได้: โครงการต่อไปนี้มีงบประมาณในปีที่อยู่นอกช่วงแผน "
        "ซึ่งแบบ ผ.02 ของช่วงนี้ไม่มีคอลัมน์ให้ (ระบบไม่ตัดงบประมาณทิ้ง): %(projects)s"
    ) % {
        "period": period_label(period),
        "projects": "; ".join(
            _("%(name)s (ปี %(years)s)") % {"name": project.name, "years": ", ".join(map(str, years))}
            for project, years in outside
        ),
    }
    if others:
        message += " " + _("ส่งออกเป็นแผนพัฒนาท้องถิ่น %(periods)s แทนได้") % {"periods": _or(others)}
    else:
        message += " " + _(
            "กรุณาแก้ไขงบประมาณของโครงการให้อยู่ในช่วงแผน หรือแยกงบประมาณของแต่ละช่วงแผนเป็นคนละโครงการ แล้วส่งออกใหม่"
        )
    raise ExportRefused(message, outside=outside, periods=others)


def _project_rows(plan: TambonPlan, projects: list[Project], years: range) -> list[Sequence[object]]:
    """The headings and the projects with their amounts of the years, grouped by ประเด็นการพัฒนา (in the order
    of their most important project) and class with target (in the classes' order), each group by priority."""
    issues: dict[str, list[Project]] = {}
    for project in projects:
        issues.setdefault(" ".join(project.development_issue.split()), []).append(project)
    target_order = {value: index for index, value in enumerate(TargetKind.values)}
    rows: list[Sequence[object]] = []
    for strategy, (issue, members) in enumerate(issues.items(), start=1):
        rows.append(Heading([_issue_heading(strategy, issue)]))
        programs: dict[tuple, list[Project]] = {}
        for project in members:
            key = (project.project_class.sort_order, project.project_class_id,
                   target_order.get(project.target_kind, -1))  # fmt: skip
            programs.setdefault(key, []).append(project)
        for program, key in enumerate(sorted(programs), start=1):
            group = programs[key]
            rows.append(Heading([_program_heading(strategy, program, _program_name(group[0]))]))
            for number, project in enumerate(group, start=1):
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
                        reference(project, plan),
                    ]
                )
    return rows


def _notes(plan: TambonPlan) -> list[str]:
    years = ", ".join(to_thai_digits(year) for year in budget_years(plan))
    return [
        _(
            "ไฟล์นี้คือแผนพัฒนาตำบล (ทุกโครงการ) สำหรับใช้ภายในตำบล เรียงตามคอลัมน์ของแบบ ผ.02 "
            "ไม่ใช่แบบ ผ.02 ของ อปท. แห่งใด: ไฟล์ ผ.02 ที่ส่งให้ อปท. แต่ละแห่ง (เฉพาะโครงการที่ส่งถึง อปท. นั้น) "
            'ดาวน์โหลดได้ที่หน้า "ผ.02 ให้ อปท. และคำตอบ" ของแผน'
        ),
        _("ยุทธศาสตร์ = ประเด็นการพัฒนาของโครงการ, แผนงาน = ประเภทโครงการตามผู้ดำเนินการ (และผู้ที่ขอรับการสนับสนุน)"),
        _("คอลัมน์รหัสอ้างอิงใช้จับคู่โครงการเมื่อนำไฟล์กลับเข้าระบบ ห้ามแก้ไข และหากจัดเรียงแถวใหม่ ต้องเรียงทั้งแถวรวมคอลัมน์นี้ด้วย"),
        _(
            "แก้ไขได้: วัตถุประสงค์ เป้าหมาย งบประมาณ ตัวชี้วัด ผลที่คาดว่าจะได้รับ หน่วยงานรับผิดชอบหลัก "
            "(ชื่อโครงการต้องตรงกับรหัสอ้างอิง)"
        ),
        _("งบประมาณรับได้เฉพาะปี %(years)s (ปีของแผนพัฒนาตำบล) เป็นบาท เว้นว่างหรือ 0 = ไม่มีงบประมาณในปีนั้น")
        % {"years": years},
        _(
            "เพิ่มโครงการใหม่: เพิ่มแถวใต้หัวข้อแผนงานที่ต้องการ เว้นรหัสอ้างอิงว่าง "
            "โครงการใหม่จะได้ประเด็นการพัฒนาและประเภทตามหัวข้อที่อยู่เหนือแถว"
        ),
        _("ระบบตรวจทุกแถวก่อน หากมีแถวใดผิดจะไม่บันทึกเลยสักแถว นำเข้าไฟล์เดิมซ้ำได้โดยไม่เกิดโครงการซ้ำ"),
    ]


def form_workbook(plan: TambonPlan, *, period: range | None = None, paper: str = "a4") -> bytes:
    """The plan's projects in the layout of แบบ ผ.02 for the local plan's period (by default the one of the
    plan's fiscal year), and a sheet of notes; 3 queries. ExportRefused when a project has money outside the
    period.

    The form's sheet: every cell in TH SarabunPSK 16 pt; the title block (bold, each line merged across the
    first page's columns), the header row (bold, filled, wrapped, as tall as its longest title, frozen below
    it), the headings (bold, merged across the table), borders around the table, the texts wrapped and the
    amounts in baht with thousands separators. It prints as officers send it with a letter, narrow margins,
    the header row and the columns ที่ and โครงการ on every page: on A4 landscape in two parts side by side
    (the project and its budget, then the rest), or on A3 landscape every column on one page's width."""
    period = period or local_plan_period(plan.fiscal_year)
    projects = _projects(plan)
    refuse_outside(plan, projects, period)
    headers = [
        *(column.headers[-1] for column in HEAD_COLUMNS),
        *(year_header(year) for year in period),
        *(column.headers[-1] for column in TAIL_COLUMNS),
        REF_COLUMN.headers[-1],
    ]
    first_year = len(HEAD_COLUMNS)
    amounts = range(first_year, first_year + len(period))
    tail = range(amounts.stop, amounts.stop + len(TAIL_COLUMNS))
    page_break = tail.start if paper == "a4" else None  # on A4, the columns after the budget on a second page
    return build_xlsx(
        [
            Sheet(
                title=PLAN_SHEET,
                headers=headers,
                rows=_project_rows(plan, projects, period),
                widths=[*WIDTHS_HEAD, *([WIDTH_YEAR] * len(period)), *WIDTHS_TAIL],
                title_rows=title_rows(plan, period, page_break or len(headers)),
                merge_titles=True,
                header_fill=HEADER_FILL,
                borders=True,
                wrap_columns={*range(1, first_year), *tail},
                number_formats=dict.fromkeys(amounts, AMOUNT_FORMAT),
                merge_headings=True,
                font_name=FONT_NAME,
                font_size=FONT_SIZE,
                landscape=True,
                paper_size=PAPERS[paper],
                fit_to_width=page_break is None,
                column_break=page_break,
                repeat_header=True,
                repeat_columns=REPEATED_COLUMNS,
                narrow_margins=True,
            ),
            Sheet(
                title=NOTES_SHEET,
                headers=[_("คำอธิบาย")],
                rows=([note] for note in _notes(plan)),
                widths=[120],
                wrap_columns={0},
                font_name=FONT_NAME,
                font_size=FONT_SIZE,
            ),
        ]
    )


# ------------------------------------------------------------------------------------------- reading


def _read_form(upload, plan: TambonPlan) -> list[Row]:
    """The rows of the form under its header row, numbered as in Excel; the header row is looked for
    under the title block (or a local government's own title rows)."""
    years = budget_years(plan)
    return read_table(
        upload,
        columns=form_columns(plan),
        arabic_digits_for=("ref", *(f"budget_{year}" for year in years)),
        sheet=PLAN_SHEET,
        header_search_rows=HEADER_SEARCH_ROWS,
    )


# ------------------------------------------------------------------------------------------- import


@dataclass
class _Context:
    """The headings above a row: the ยุทธศาสตร์ (ประเด็นการพัฒนา) and the แผนงาน (class and target)."""

    issue: str | None = None
    issue_row: int | None = None
    class_text: str | None = None
    target_text: str = ""
    program_row: int | None = None


def _heading(row: Row) -> tuple[str, str] | None:
    """("strategy" | "program", the text after the heading word) when the row is a heading: its text in
    ที่ or โครงการ, no reference, nothing in the other columns."""
    values = row.values
    seq, name = values.get("seq", ""), values.get("name", "")
    if values.get("ref") or any(values.get(key) for key in values if key not in ("seq", "name")):
        return None
    if seq and name:
        return None
    text = " ".join((seq or name).split())
    for kind, pattern in (("strategy", _STRATEGY_RE), ("program", _PROGRAM_RE)):
        match = pattern.fullmatch(text)
        if match:
            return kind, match.group(1).strip()
    return None


def _is_filler(row: Row) -> bool:
    """A row without a project: a total ("รวม", "รวม 3 โครงการ", amounts beside it allowed) or a running
    number alone."""
    values = row.values
    if values.get("ref") or any(values.get(key) for key in TEXT_KEYS):
        return False
    seq, name = values.get("seq", ""), values.get("name", "")
    if name:
        return _TOTAL_RE.fullmatch(" ".join(name.split())) is not None
    if _TOTAL_RE.fullmatch(" ".join(seq.split())):
        return True
    number = to_arabic_digits(seq).rstrip(".")
    return (
        number.isascii() and number.isdigit() and not any(values.get(key) for key in values if key != "seq")
    )


def _parse_reference(row: Row, plan: TambonPlan, by_pk: dict[int, Project], errors: list[RowError]):
    text = row.values.get("ref", "")
    match = REF_RE.fullmatch("".join(text.split()))
    if match is None:
        errors.append(
            cell_error(
                row,
                "ref",
                _(
                    "รหัสอ้างอิง '%(value)s' ไม่ถูกต้อง "
                    "(ต้องเป็นรหัสที่ระบบส่งออก เช่น %(example)s หรือเว้นว่างสำหรับโครงการใหม่)"
                )
                % {"value": text, "example": REF_EXAMPLE},
            )
        )
        return None
    tambon, year, pk = match.group(1), int(match.group(2)), int(match.group(3))
    if (tambon, year) != (plan.tambon_id, plan.fiscal_year):
        errors.append(
            cell_error(
                row,
                "ref",
                _(
                    "รหัสอ้างอิง '%(value)s' เป็นโครงการของแผนอื่น "
                    "(ตำบลรหัส %(tambon)s ปีงบประมาณ %(year)s) ไม่ใช่ของแผนนี้"
                )
                % {"value": text, "tambon": tambon, "year": year},
            )
        )
        return None
    project = by_pk.get(pk)
    if project is None:
        errors.append(
            cell_error(
                row, "ref", _("ไม่พบโครงการรหัสอ้างอิง '%(value)s' ในแผนนี้ (อาจถูกลบไปแล้ว)") % {"value": text}
            )
        )
    return project


@import_service
@transaction.atomic
def form_import(*, user, plan: TambonPlan, upload) -> dict[str, object]:
    """Update and add the plan's projects from a ผ.02 file (see the module). All rows or none: raises
    TabularError listing every bad row. Returns the counts and the names created and updated."""
    require_change(user, plan)
    if plan.approved_on:
        raise TabularError(
            [
                RowError(
                    None,
                    _(
                        "แผนนี้ ก.บ.ต. ให้ความเห็นชอบแล้วเมื่อ %(date)s จึงไม่แก้ไขโครงการจากไฟล์ ผ.02 "
                        'คำตอบของ อปท. ให้นำเข้าที่หน้า "ผ.02 ให้ อปท. และคำตอบ" ซึ่งบันทึกเป็นคำตอบโดยไม่แก้ไขแผน'
                    )
                    % {"date": be_date_long(plan.approved_on)},
                )
            ]
        )
    rows = _read_form(upload, plan)
    present = set(rows[0].headers)
    projects = list(
        plan.projects.select_related("project_class")
        .prefetch_related("budgets", "villages", "needs")
        .order_by("pk")
    )
    by_pk = {project.pk: project for project in projects}
    by_name: dict[str, list[Project]] = {}
    for project in projects:
        by_name.setdefault(normalise(project.name), []).append(project)
    lookups = {
        "classes": class_lookup(),
        "targets": choice_lookup(TargetKind.choices, TARGET_ABBREVIATIONS),
        "statuses": choice_lookup(ProjectStatus.choices),
        "villages": {},
        "categories": category_lookup(),
        "needs": NeedLookup.of_plan(plan),
        "years": budget_years(plan),
        "tambon_name": plan.tambon.name_th,
    }

    errors: list[RowError] = []
    context = _Context()
    updates, creates = [], []
    seen_projects: dict[int, int] = {}
    seen_names: dict[str, int] = {}
    for row in rows:
        heading = _heading(row)
        if heading is not None:
            kind, text = heading
            if kind == "strategy":
                issue = (
                    "" if normalise(text) in ("", normalise(NO_ISSUE), normalise(f"({NO_ISSUE})")) else text
                )
                context = _Context(issue=issue, issue_row=row.number)
            else:
                class_text, _sep, target_text = text.partition(":")
                context.class_text, context.target_text = class_text.strip(), target_text.strip()
                context.program_row = row.number
            continue
        if _is_filler(row):
            continue

        row_errors: list[RowError] = []
        name = " ".join(row.values.get("name", "").split())
        project = None
        if row.values.get("ref"):
            project = _parse_reference(row, plan, by_pk, row_errors)
            if project is not None and name and normalise(name) != normalise(project.name):
                row_errors.append(
                    cell_error(
                        row,
                        "name",
                        _("รหัสอ้างอิง %(ref)s คือโครงการ '%(actual)s' ไม่ตรงกับชื่อ '%(name)s' ในแถวนี้ "
                          "(หากจัดเรียงแถวใหม่ ต้องเรียงทั้งแถวรวมคอลัมน์รหัสอ้างอิง; เปลี่ยนชื่อโครงการได้ในระบบ)")
                        % {"ref": row.values["ref"], "actual": project.name, "name": name},
                    )
                )  # fmt: skip
                project = None
        elif name:
            found = by_name.get(normalise(name), [])
            if len(found) > 1:
                row_errors.append(
                    cell_error(
                        row,
                        "name",
                        _("แผนนี้มีโครงการชื่อนี้อยู่แล้วมากกว่าหนึ่งโครงการ กรุณาเปลี่ยนชื่อให้ไม่ซ้ำกันก่อนนำเข้า"),
                    )
                )
            elif found:
                project = found[0]

        if project is not None:
            if project.pk in seen_projects:
                row_errors.append(
                    cell_error(
                        row,
                        "name",
                        _("โครงการ '%(name)s' ซ้ำกับแถวที่ %(first)d")
                        % {"name": project.name, "first": seen_projects[project.pk]},
                    )
                )
            seen_projects.setdefault(project.pk, row.number)
            parsed, parse_errors = _parse_existing(row, project, present, lookups)
        elif row_errors:
            parsed, parse_errors = None, []
        else:
            if name and normalise(name) in seen_names:
                row_errors.append(
                    cell_error(
                        row, "name", _("ชื่อโครงการซ้ำกับแถวที่ %(first)d") % {"first": seen_names[normalise(name)]}
                    )
                )
            if name:
                seen_names.setdefault(normalise(name), row.number)
            parsed, parse_errors = _parse_new(row, context, present, lookups)
        row_errors.extend(parse_errors)
        errors.extend(row_errors)
        if row_errors or parsed is None:
            continue
        if project is not None:
            updates.append((project, parsed))
        else:
            creates.append(parsed)
    if not errors and not updates and not creates:
        errors.append(RowError(None, _("ไม่พบโครงการในไฟล์ (ใต้แถวหัวตารางมีเฉพาะหัวข้อหรือแถวว่าง)")))
    raise_if_errors(errors)

    updated = [project.name for project, parsed in updates if update_project(project, parsed, user=user)]
    if creates:
        write_projects(plan, creates, {}, user=user)
    return {
        "created": len(creates),
        "updated": len(updated),
        "unchanged": len(updates) - len(updated),
        "created_names": [parsed.fields["name"] for parsed in creates],
        "updated_names": updated,
    }


def _parse_existing(row: Row, project: Project, present: set[str], lookups: dict):
    """The row as an update of its project, through the project import's row parser: the project's own
    class is given (the form has no class column), so only the form's columns change."""
    values = {**row.values, "project_class": project.project_class.code}
    existing = {normalise(values.get("name", "")): project}
    return parse_project(
        replace(row, values=values),
        present=present | {"project_class"},
        existing=existing,
        **lookups,
    )


def _parse_new(row: Row, context: _Context, present: set[str], lookups: dict):
    """The row as a new project, through the project import's row parser, with the ประเด็นการพัฒนา and the
    class (and target) of the headings above it."""
    values = {
        **row.values,
        "development_issue": context.issue or "",
        "project_class": context.class_text or "",
        "target_kind": context.target_text,
    }
    headers = {
        **row.headers,
        "development_issue": _("หัวข้อยุทธศาสตร์ แถวที่ %(row)s") % {"row": context.issue_row}
        if context.issue_row
        else _("หัวข้อยุทธศาสตร์"),
        "project_class": _("หัวข้อแผนงาน แถวที่ %(row)s") % {"row": context.program_row}
        if context.program_row
        else _("หัวข้อแผนงาน (โครงการใหม่ต้องอยู่ใต้หัวข้อแผนงาน)"),
    }
    headers["target_kind"] = headers["project_class"]
    return parse_project(
        replace(row, values=values, headers=headers),
        present=present | {"development_issue", "project_class", "target_kind"},
        existing={},
        **lookups,
    )
