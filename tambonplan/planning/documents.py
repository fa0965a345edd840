"""The tambon development plan (แผนพัฒนาตำบล) as a document, in PDF and Word.

Both formats are laid out from one `PlanContent`, so they always say the same thing; every number in it is
in Thai digits, as official documents are. Building it takes a constant number of queries: the villages,
the needs (with village and category), the projects (with class), their villages and budgets, and the
chair and secretary of the ก.บ.ต. order in force.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, Q
from django.utils import timezone
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from tambonplan.areas.models import Village
from tambonplan.committees.models import Member, OrderState, sitting_q
from tambonplan.documents import docx as word
from tambonplan.documents.pdf import render_pdf
from tambonplan.funding.models import EntryStatus, FundingEntry, Inclusion
from tambonplan.planning.imports import ALL_VILLAGES, TAMBON_WIDE, budget_years
from tambonplan.planning.models import Forwarding, Need, TambonPlan, TargetKind, by_priority
from tambonplan.thai.dates import be_date_long, be_date_short
from tambonplan.thai.digits import to_thai_digits
from tambonplan.thai.money import baht_text, format_baht

KBT_CODE = "kbt"
KBT_NAME = "คณะกรรมการบริหารงานตำบลแบบบูรณาการ (ก.บ.ต.)"
DATE_PLACEHOLDER = "...... เดือน .............. พ.ศ. ......"
NAME_PLACEHOLDER = "........................................"
NO_AMOUNT = "-"
TARGET_SHORT = {
    TargetKind.LOCAL_GOVERNMENT: "อปท.",
    TargetKind.DISTRICT: "อำเภอ",
    TargetKind.PROVINCE: "จังหวัด",
    TargetKind.AGENCY: "หน่วยงาน",
    TargetKind.PARTNER: "ภาคีการพัฒนา",
}


@dataclass(frozen=True)
class VillageLine:
    moo: str  # "๓"
    name: str


@dataclass(frozen=True)
class NeedLine:
    number: str
    description: str
    where: str  # "หมู่ที่ ๓" or "ทั้งตำบล"
    severity: str
    votes: str


@dataclass(frozen=True)
class NeedGroup:
    category: str
    needs: list[NeedLine]


@dataclass(frozen=True)
class ProjectLine:
    number: str
    name: str
    villages: str  # "๑, ๓" or "ทุกหมู่บ้าน"
    budgets: list[str]  # one per year of the plan, "-" when none
    lead_agency: str
    target: str


@dataclass(frozen=True)
class ProjectGroup:
    name: str  # the class
    projects: list[ProjectLine]
    totals: list[str]  # per year
    total: str  # all years


@dataclass(frozen=True)
class ChainLine:
    """A forwarded project's way from the village to the money, as the annex lists it."""

    number: str
    name: str
    source: str  # the village plans it came from: "หมู่ที่ ๓ (เห็นชอบ ๑๐ ธ.ค. ๖๕)" or "-"
    sent: str  # "๑๐ มี.ค. ๖๖ องค์การบริหารส่วนตำบลหัวเรือ"
    included: str  # "แผนพัฒนาท้องถิ่น เพิ่มเติม ครั้งที่ ๒/๒๕๖๖ (ลำดับ ๑๔)" or the outcome
    money: str  # "ปี ๒๕๖๗ ๑๕๘,๐๐๐ บาท" or "-"


@dataclass(frozen=True)
class Signer:
    name: str  # "(นายสมชาย ใจดี)" or a dotted line
    position: str  # "ประธาน ก.บ.ต. ตำบลหัวเรือ"


@dataclass(frozen=True)
class PlanContent:
    """The text of the plan document, with Thai digits."""

    title: str  # "แผนพัฒนาตำบลหัวเรือ อำเภอ... จังหวัด... ประจำปีงบประมาณ พ.ศ. ๒๕๖๙"
    plan_name: str  # "แผนพัฒนาตำบลหัวเรือ"
    area_line: str  # "อำเภอเมืองอุบลราชธานี จังหวัดอุบลราชธานี"
    year_line: str  # "ประจำปีงบประมาณ พ.ศ. ๒๕๖๙"
    prepared_by: str  # "จัดทำโดย คณะกรรมการบริหารงานตำบลแบบบูรณาการ (ก.บ.ต.) ตำบลหัวเรือ"
    profile_intro: str
    population_line: str  # "" when neither is recorded
    villages: list[VillageLine]
    profile_paragraphs: list[str]
    need_groups: list[NeedGroup]
    years: list[str]  # "๒๕๖๙" ...
    project_groups: list[ProjectGroup]
    grand_totals: list[str]  # per year
    grand_total: str  # "๑,๓๑๕,๐๐๐"
    grand_total_words: str  # "หนึ่งล้านสามแสนหนึ่งหมื่นห้าพันบาทถ้วน"
    approval: str  # "ก.บ.ต. ให้ความเห็นชอบเมื่อวันที่ ๑๕ มีนาคม ๒๕๖๙"
    approval_note: str
    secretary: Signer
    chair: Signer
    chain: list[ChainLine]  # the forwarded projects, with what became of them
    chain_as_of: str  # "๔ ธันวาคม ๒๕๖๙": the annex shows the records of that day


def _amount(value: Decimal | None) -> str:
    if not value:
        return NO_AMOUNT
    return to_thai_digits(format_baht(value, decimals=None))


def _target(project) -> str:
    short = TARGET_SHORT.get(project.target_kind, "")
    if short and project.target_name:
        return f"{short} ({project.target_name})"
    return short or project.target_name


def _villages_text(project, all_village_ids: set[int]) -> str:
    villages = sorted(project.villages.all(), key=lambda village: village.moo)
    ids = {village.pk for village in villages}
    if len(all_village_ids) > 1 and ids == all_village_ids:
        return ALL_VILLAGES
    return ", ".join(str(village.moo) for village in villages)


def _signers(plan: TambonPlan) -> tuple[Signer, Signer]:
    """(secretary, chair) of the tambon's ก.บ.ต. from its order in force, or dotted lines for the names."""
    members = (
        Member.objects.filter(
            sitting_q(timezone.localdate()),
            order__committee__kind__code=KBT_CODE,
            order__committee__area_code=plan.tambon_id,
            order__state=OrderState.IN_FORCE,
        )
        .filter(Q(position__is_chair=True) | Q(position__is_secretary=True))
        .select_related("position")
        .order_by("position__sort_order", "sort_order", "id")
    )
    chair = secretary = None
    for member in members:
        if member.position.is_chair and chair is None:
            chair = member
        elif member.position.is_secretary and secretary is None:
            secretary = member
    tambon = plan.tambon.name_th

    def signer(member, position: str) -> Signer:
        name = f"({member.full_name})" if member else f"({NAME_PLACEHOLDER})"
        return Signer(to_thai_digits(name), f"{position} ก.บ.ต. ตำบล{tambon}")

    return signer(secretary, "เลขานุการ"), signer(chair, "ประธาน")


def _chain(plan: TambonPlan) -> list[ChainLine]:
    """The plan's forwarded projects with their village-plan source, where they were sent, the answers and
    the money of the ledger (secured, by fiscal year): three queries."""
    thai = to_thai_digits
    forwardings = (
        Forwarding.objects.filter(project__plan=plan)
        .select_related("project")
        .prefetch_related(
            "answers",
            Prefetch(
                "project__needs",
                queryset=Need.objects.select_related(
                    "village_item__plan__village", "village_item__plan__community"
                ),
            ),
            Prefetch(
                "project__funding_entries",
                queryset=FundingEntry.objects.filter(status=EntryStatus.SECURED, answer__isnull=False)
                .select_related("answer")
                .order_by("fiscal_year", "pk"),
            ),
        )
        .order_by(by_priority("project__priority"), "project_id", "sent_on", "pk")
    )
    lines: list[ChainLine] = []
    for forwarding in forwardings:
        project = forwarding.project
        sources = []
        for need in project.needs.all():
            item = getattr(need, "village_item", None)
            if item is not None and item.plan.village_id:
                text = f"หมู่ที่ {item.plan.village.moo}"
                if item.plan.approved_on:
                    text += f" (เห็นชอบ {be_date_short(item.plan.approved_on, thai_digits=True)})"
                sources.append(text)
        included = [a.plan_text for a in forwarding.answers.all() if a.inclusion == Inclusion.INCLUDED]
        money = [
            f"ปี {e.fiscal_year} {format_baht(e.amount)} บาท"
            for e in project.funding_entries.all()
            if e.answer.forwarding_id == forwarding.pk
        ]
        lines.append(
            ChainLine(
                number=thai(len(lines) + 1),
                name=thai(project.name),
                source=thai("; ".join(dict.fromkeys(sources))) or NO_AMOUNT,
                sent=thai(f"{be_date_short(forwarding.sent_on, thai_digits=True)} {forwarding.target_name}"),
                included=thai("; ".join(included)) or forwarding.get_outcome_display(),
                money=thai("; ".join(money)) or NO_AMOUNT,
            )
        )
    return lines


def plan_content(plan: TambonPlan) -> PlanContent:
    """The text of the plan document (pass the plan with `tambon__district__province` selected)."""
    tambon = plan.tambon
    district = tambon.district
    province = district.province
    thai = to_thai_digits

    villages = list(Village.objects.filter(tambon_id=tambon.code).order_by("moo"))
    all_village_ids = {village.pk for village in villages}

    need_groups: list[NeedGroup] = []
    needs = plan.needs.select_related("village", "category").order_by(
        "category__sort_order", "category__name_th", "-severity", "-votes", "village__moo", "id"
    )
    for need in needs:
        if not need_groups or need_groups[-1].category != need.category.name_th:
            need_groups.append(NeedGroup(need.category.name_th, []))
        group = need_groups[-1]
        group.needs.append(
            NeedLine(
                number=thai(len(group.needs) + 1),
                description=thai(need.description),
                where=thai(f"หมู่ที่ {need.village.moo}") if need.village else TAMBON_WIDE,
                severity=thai(need.severity),
                votes=thai(f"{need.votes:,}"),
            )
        )

    projects = list(
        plan.projects.select_related("project_class")
        .prefetch_related(Prefetch("villages", queryset=Village.objects.order_by("moo")), "budgets")
        .order_by("project_class__sort_order", "project_class_id", by_priority(), "id")
    )
    years = sorted(set(budget_years(plan)) | {b.fiscal_year for p in projects for b in p.budgets.all()})
    grand = dict.fromkeys(years, Decimal(0))
    project_groups: list[ProjectGroup] = []
    current_class = None
    lines: list[ProjectLine] = []
    class_totals: dict[int, Decimal] = {}

    def close_group():
        if current_class is not None:
            project_groups.append(
                ProjectGroup(
                    name=thai(current_class.name_th),
                    projects=lines,
                    totals=[_amount(class_totals[y]) for y in years],
                    total=_amount(sum(class_totals.values(), Decimal(0))),
                )
            )

    for project in projects:
        if current_class is None or project.project_class_id != current_class.pk:
            close_group()
            current_class, lines, class_totals = project.project_class, [], dict.fromkeys(years, Decimal(0))
        amounts = {b.fiscal_year: b.amount for b in project.budgets.all()}
        for year, amount in amounts.items():
            class_totals[year] += amount
            grand[year] += amount
        lines.append(
            ProjectLine(
                number=thai(len(lines) + 1),
                name=thai(project.name),
                villages=thai(_villages_text(project, all_village_ids)),
                budgets=[_amount(amounts.get(year)) for year in years],
                lead_agency=thai(project.lead_agency),
                target=thai(_target(project)),
            )
        )
    close_group()
    grand_total = sum(grand.values(), Decimal(0))

    full_area = f"อำเภอ{district.name_th} จังหวัด{province.name_th}"
    population = []
    if plan.population is not None:
        population.append(f"จำนวนประชากร {plan.population:,} คน")
    if plan.households is not None:
        population.append(f"จำนวนครัวเรือน {plan.households:,} ครัวเรือน")
    if plan.approved_on:
        approval = f"ก.บ.ต. ให้ความเห็นชอบเมื่อวันที่ {be_date_long(plan.approved_on, thai_digits=True)}"
    else:
        approval = f"ก.บ.ต. ให้ความเห็นชอบเมื่อวันที่ {DATE_PLACEHOLDER}"
    secretary, chair = _signers(plan)
    year_line = f"ประจำปีงบประมาณ พ.ศ. {thai(plan.fiscal_year)}"
    if villages:
        intro = f"ตำบล{tambon.name_th} {full_area} มีหมู่บ้านทั้งหมด {len(villages)} หมู่บ้าน ดังนี้"
    else:
        intro = f"ตำบล{tambon.name_th} {full_area} ยังไม่ได้ลงทะเบียนหมู่บ้านในระบบ"
    return PlanContent(
        title=thai(f"แผนพัฒนาตำบล{tambon.name_th} {full_area} {year_line}"),
        plan_name=f"แผนพัฒนาตำบล{tambon.name_th}",
        area_line=full_area,
        year_line=year_line,
        prepared_by=f"จัดทำโดย {KBT_NAME} ตำบล{tambon.name_th}",
        profile_intro=thai(intro),
        population_line=thai(" ".join(population)),
        villages=[VillageLine(thai(v.moo), thai(v.name_th)) for v in villages],
        profile_paragraphs=[thai(line.strip()) for line in plan.profile_note.splitlines() if line.strip()],
        need_groups=need_groups,
        years=[thai(year) for year in years],
        project_groups=project_groups,
        grand_totals=[_amount(grand[year]) for year in years],
        grand_total=_amount(grand_total) if grand_total else thai(0),
        grand_total_words=baht_text(grand_total),
        approval=approval,
        approval_note=thai(plan.approval_note),
        secretary=secretary,
        chair=chair,
        chain=_chain(plan),
        chain_as_of=be_date_long(timezone.localdate(), thai_digits=True),
    )


# ---------------------------------------------------------------------------------------------- PDF


def plan_pdf(plan: TambonPlan) -> bytes:
    content = plan_content(plan)
    return render_pdf("planning/plan_document.html", {"plan": content})


# ---------------------------------------------------------------------------------------------- Word

TABLE_FONT_PT = 14
# 16 cm of text width: number, need, village, severity, votes
NEED_WIDTHS_CM = (1.2, 8.3, 2.5, 2.0, 2.0)
VILLAGE_WIDTHS_CM = (2.0, 7.0)
SUMMARY_CLASS_CM = 6.0
WIDE_MARGINS_CM = (2.5, 2.0)  # left, right of a landscape page
WIDE_TEXT_WIDTH_CM = word.PAGE_HEIGHT_CM - sum(WIDE_MARGINS_CM)

CENTER = WD_ALIGN_PARAGRAPH.CENTER
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT


def project_widths_cm(year_count: int) -> tuple[float, ...]:
    """Column widths of the projects table on a landscape page: number, name, villages, one per year
    (3.3 cm holds ๙๙,๙๙๙,๙๙๙ in 14 pt), lead agency, target; the name takes what is left."""
    budget, number, villages, agency, target = 3.3, 1.3, 1.8, 2.8, 2.8
    name = WIDE_TEXT_WIDTH_CM - number - villages - budget * year_count - agency - target
    return (number, max(name, 4.0), villages, *([budget] * year_count), agency, target)


def _table_font(table, size_pt: float = TABLE_FONT_PT) -> None:
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    word.set_run_font(run, size_pt=size_pt)


def _bold_row(row) -> None:
    for cell in row.cells:
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                word.set_run_font(run, bold=True, size_pt=TABLE_FONT_PT)


def _merge(row, first: int, last: int, text: str, alignment=None) -> None:
    """Merge the row's cells first..last into one holding `text`."""
    merged = row.cells[first].merge(row.cells[last])
    for paragraph in merged.paragraphs[1:]:
        paragraph._p.getparent().remove(paragraph._p)
    paragraph = merged.paragraphs[0]
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    if alignment is not None:
        paragraph.alignment = alignment
    word.add_run(paragraph, text, bold=True, size_pt=TABLE_FONT_PT)


def _cant_split(table) -> None:
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _heading(document, text: str, *, size_pt: float = word.FONT_SIZE_PT, space_before: float = 12):
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(space_before)
    paragraph.paragraph_format.keep_with_next = True
    word.add_run(paragraph, text, bold=True, size_pt=size_pt)
    return paragraph


def _table(document, headers: Sequence[str], rows, widths, alignments=None, indent_cm: float = 0):
    table = word.add_table(document, headers, rows, widths, alignments=alignments, indent_cm=indent_cm)
    _table_font(table)
    _cant_split(table)
    return table


def _cover(document, content: PlanContent) -> None:
    for _line in range(6):
        document.add_paragraph()
    title = word.add_heading_center(document, content.plan_name)
    word.set_run_font(title.runs[0], bold=True, size_pt=28)
    area = word.add_heading_center(document, content.area_line)
    word.set_run_font(area.runs[0], bold=True, size_pt=22)
    area.paragraph_format.space_before = Pt(12)
    year = word.add_heading_center(document, content.year_line)
    word.set_run_font(year.runs[0], bold=True, size_pt=22)
    for _line in range(10):
        document.add_paragraph()
    prepared = word.add_heading_center(document, content.prepared_by, bold=False)
    word.set_run_font(prepared.runs[0], size_pt=18)
    prepared.add_run().add_break(WD_BREAK.PAGE)


def _profile(document, content: PlanContent) -> None:
    _heading(document, "ส่วนที่ ๑ ข้อมูลทั่วไปของตำบล", space_before=0)
    word.add_body_paragraph(document, content.profile_intro)
    if content.villages:
        _table(
            document,
            ["หมู่ที่", "ชื่อหมู่บ้าน"],
            [(v.moo, v.name) for v in content.villages],
            VILLAGE_WIDTHS_CM,
            alignments=(CENTER, None),
            indent_cm=word.FIRST_LINE_INDENT_CM,
        )
    if content.population_line:
        word.add_body_paragraph(document, content.population_line).paragraph_format.space_before = Pt(6)
    for text in content.profile_paragraphs:
        word.add_body_paragraph(document, text)


def _needs(document, content: PlanContent) -> None:
    _heading(document, "ส่วนที่ ๒ ปัญหาและความต้องการของตำบล")
    if not content.need_groups:
        word.add_body_paragraph(document, "ยังไม่มีข้อมูลปัญหาและความต้องการ")
        return
    for index, group in enumerate(content.need_groups, start=1):
        _heading(document, f"{to_thai_digits(index)}. {group.category}", space_before=6)
        _table(
            document,
            ["ลำดับ", "ปัญหา/ความต้องการ", "หมู่บ้าน", "ความรุนแรง", "คะแนนเสียง"],
            [(n.number, n.description, n.where, n.severity, n.votes) for n in group.needs],
            NEED_WIDTHS_CM,
            alignments=(CENTER, None, None, CENTER, RIGHT),
        )


def _projects(document, content: PlanContent) -> None:
    word.new_section(document, landscape=True, wide_margins_cm=WIDE_MARGINS_CM)
    _heading(document, "ส่วนที่ ๓ โครงการตามแผนพัฒนาตำบล", space_before=0)
    if not content.project_groups:
        word.add_body_paragraph(document, "ยังไม่มีโครงการ")
        return
    year_count = len(content.years)
    widths = project_widths_cm(year_count)
    headers = ["ลำดับ", "โครงการ", "หมู่ที่", *(f"งบประมาณ {y} (บาท)" for y in content.years),
               "หน่วยงานรับผิดชอบ", "ขอรับการสนับสนุนจาก"]  # fmt: skip
    alignments = (CENTER, None, None, *([RIGHT] * year_count), None, None)
    for index, group in enumerate(content.project_groups, start=1):
        _heading(document, f"{to_thai_digits(index)}. {group.name}", space_before=6)
        rows = [(p.number, p.name, p.villages, *p.budgets, p.lead_agency, p.target) for p in group.projects]
        rows.append(("", "", "", *group.totals, "", ""))
        table = _table(document, headers, rows, widths, alignments=alignments)
        total_row = table.rows[-1]
        _bold_row(total_row)
        _merge(total_row, 0, 2, f"รวม{group.name}", CENTER)
        _merge(total_row, 3 + year_count, 4 + year_count, f"รวม {group.total} บาท")

    _heading(document, "สรุปงบประมาณตามประเภทโครงการ (บาท)", space_before=12)
    summary_widths = (
        SUMMARY_CLASS_CM,
        *([(WIDE_TEXT_WIDTH_CM - SUMMARY_CLASS_CM) / (year_count + 1)] * (year_count + 1)),
    )
    rows = [(g.name, *g.totals, g.total) for g in content.project_groups]
    rows.append(("รวมทั้งสิ้น", *content.grand_totals, content.grand_total))
    table = _table(
        document,
        ["ประเภท", *content.years, "รวม"],
        rows,
        summary_widths,
        alignments=(None, *([RIGHT] * (year_count + 1))),
    )
    _bold_row(table.rows[-1])
    total = word.add_body_paragraph(
        document, f"รวมงบประมาณทั้งสิ้น {content.grand_total} บาท ({content.grand_total_words})"
    )
    total.paragraph_format.space_before = Pt(6)
    word.set_run_font(total.runs[0], bold=True)


def _approval(document, content: PlanContent) -> None:
    word.new_section(document, landscape=False)
    _heading(document, "ส่วนที่ ๔ การให้ความเห็นชอบ", space_before=0)
    for text in (content.approval, content.approval_note):
        if text:
            paragraph = word.add_body_paragraph(document, text, indent_first_line=False)
            paragraph.paragraph_format.keep_with_next = True
    rows = [
        ("ลงชื่อ " + NAME_PLACEHOLDER, "ลงชื่อ " + NAME_PLACEHOLDER),
        (content.secretary.name, content.chair.name),
        (content.secretary.position, content.chair.position),
    ]
    table = word.add_table(
        document, None, rows, (word.TEXT_WIDTH_CM / 2,) * 2, borders=False, alignments=(CENTER, CENTER)
    )
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _cant_split(table)
    for row in table.rows:
        for cell in row.cells:
            cell.paragraphs[0].paragraph_format.keep_with_next = True
    first = table.rows[0]._tr.get_or_add_trPr()
    height = OxmlElement("w:trHeight")
    height.set(qn("w:val"), str(round(Cm(2.0).twips)))
    first.append(height)
    for cell in table.rows[0].cells:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM  # room to sign above the line


CHAIN_HEADERS = ("ลำดับ", "โครงการ", "ที่มาจากแผนหมู่บ้าน", "ส่งถึง", "บรรจุในแผนของผู้รับ", "งบประมาณที่ได้รับ")
CHAIN_WIDTHS_CM = (1.3, 6.5, 3.6, 5.0, 5.6, 3.7)


def _chain_annex(document, content: PlanContent) -> None:
    if not content.chain:
        return
    word.new_section(document, landscape=True, wide_margins_cm=WIDE_MARGINS_CM)
    _heading(
        document,
        f"ภาคผนวก การส่งต่อโครงการ คำตอบ และงบประมาณที่ได้รับ (ข้อมูล ณ วันที่ {content.chain_as_of})",
        space_before=0,
    )
    rows = [(c.number, c.name, c.source, c.sent, c.included, c.money) for c in content.chain]
    _table(document, CHAIN_HEADERS, rows, CHAIN_WIDTHS_CM, alignments=(CENTER, None, None, None, None, None))


def plan_docx(plan: TambonPlan) -> bytes:
    """The plan as an editable Word document: A4 portrait, Sarabun, Thai digits."""
    content = plan_content(plan)
    document = word.official_document()
    document.core_properties.title = content.title
    _cover(document, content)
    _profile(document, content)
    _needs(document, content)
    _projects(document, content)
    _approval(document, content)
    _chain_annex(document, content)
    return word.docx_bytes(document)
