"""Seeded defaults for plans (domain.md §3, §3a): the steps of a plan year with their kinds and calendar, need
categories and project classes. All editable."""

import calendar
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from tambonplan.planning.models import StepKind


@dataclass(frozen=True)
class DefaultStep:
    kind: str
    name_th: str
    name_en: str  # shown in English mode (thai/language.py)
    due: tuple[int, int]  # (month, day) in the fiscal year; a day past the month's end is its last day
    why: str  # why the due date falls there, shown on the province's step settings page


# The yearly calendar of a tambon plan, worked back from the local budget calendar (domain.md §3a): a project
# gets money only through a local government's budget ordinance, drafted by 15 August for the year starting
# 1 October, after it entered the local plan by an amendment. So the tambon plan must reach the local
# governments by the end of March (their amendments in April–July, the draft ordinance in August); the จปฐ.
# survey results (January–April) feed the workshop and the approval; the village forums before them close the
# calendar year. "Report" is not a step of a tambon's plan: it is the district's task toward the province
# (the report of a circular), and follow-up runs to the end of the fiscal year.
STEPS = (
    DefaultStep(
        StepKind.VILLAGE_FORUMS,
        "ทบทวนแผนหมู่บ้าน/แผนชุมชน",
        "Review the village/community plans",
        (12, 31),
        _("เวทีประชาคมหมู่บ้านเสร็จก่อนสิ้นปีปฏิทิน เพื่อให้ความต้องการของหมู่บ้านเข้าสู่การประชุมของตำบล"),
    ),
    DefaultStep(
        StepKind.WORKSHOP,
        "ประชุมเชิงปฏิบัติการจัดทำแผนพัฒนาตำบล",
        "Tambon plan workshop",
        (1, 31),
        _("จัดลำดับปัญหาด้วยข้อมูล จปฐ. (ผลสำรวจ ม.ค.–เม.ย.) และ กชช.2ค ให้ทันการเห็นชอบ"),
    ),
    DefaultStep(
        StepKind.APPROVAL,
        "ก.บ.ต. ให้ความเห็นชอบแผนพัฒนาตำบล",
        "KBT approves the tambon plan",
        (2, 29),
        _("เห็นชอบภายในเดือนกุมภาพันธ์ วันที่เห็นชอบของแผนคือวันที่ขั้นตอนนี้เสร็จ"),
    ),
    DefaultStep(
        StepKind.SEND_LOCAL,
        "ส่งแผนให้ อปท. และหน่วยงานที่เกี่ยวข้อง",
        "Send the plan to the local governments and agencies",
        (3, 31),
        _("อปท. แก้ไขแผนพัฒนาท้องถิ่นเดือน เม.ย.–ก.ค. ก่อนร่างข้อบัญญัติงบประมาณภายใน 15 ส.ค."),
    ),
    DefaultStep(
        StepKind.SEND_DISTRICT,
        "ส่งแผนให้อำเภอ (ก.บ.อ.)",
        "Send the plan to the district (KBA)",
        (3, 31),
        _("อำเภอนำโครงการที่เกินศักยภาพตำบลเข้าแผนพัฒนาอำเภอ"),
    ),
    DefaultStep(
        StepKind.COORDINATE,
        "ประสานภาคีการพัฒนาและบูรณาการงบประมาณ",
        "Coordinate partners and integrate budgets",
        (6, 30),
        _("ประสานภาคีระหว่างที่ อปท. และหน่วยงานจัดทำงบประมาณปีถัดไป"),
    ),
    DefaultStep(
        StepKind.FOLLOW_UP,
        "ติดตามการนำโครงการสู่การปฏิบัติ",
        "Follow up the projects' implementation",
        (9, 30),
        _("ติดตามต่อเนื่องถึงสิ้นปีงบประมาณ (หลังวันรายงานของอำเภอ)"),
    ),
)
STEP_NAMES = tuple(step.name_th for step in STEPS)
STEP_KIND_NAMES = {step.kind: step.name_th for step in STEPS}
# Names the defaults had before, and what they were (the data migration 0008 gives existing steps their kind;
# the old "report" step is left as a step of kind "other", its records kept).
FORMER_STEP_NAMES = {
    "ส่งต่อแผนให้ อปท. อำเภอ และหน่วยงานที่เกี่ยวข้อง": (
        StepKind.SEND_LOCAL,
        "Forward the plan to the local government, district and agencies",
    ),
    "รายงานผลการดำเนินงาน": (StepKind.OTHER, "Report the results"),
}

NEED_CATEGORIES = (
    ("ด้านเศรษฐกิจ", "Economy"),
    ("ด้านสังคมและคุณภาพชีวิต", "Society and quality of life"),
    ("ด้านสาธารณสุข", "Public health"),
    ("ด้านการศึกษา", "Education"),
    ("ด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม", "Natural resources and environment"),
    ("ด้านโครงสร้างพื้นฐาน", "Infrastructure"),
    ("ด้านความมั่นคงและความปลอดภัย", "Security and safety"),
    ("ด้านอื่น ๆ", "Other"),
)

PROJECT_CLASSES = (
    # code, Thai name, English name, needs a target
    ("community", "ชุมชนดำเนินการเอง", "By the community", False),
    ("joint", "ดำเนินการร่วม", "Jointly", False),
    ("support", "ขอรับการสนับสนุน", "Support requested", True),
)


def due_date_in(fiscal_year: int, month: int, day: int) -> date:
    """(month, day) of a BE fiscal year as a date: October–December fall in the previous CE year; a day past
    the month's end is its last day (29 February is the 28th outside leap years)."""
    ce_year = fiscal_year - 543 - (1 if month >= 10 else 0)
    return date(ce_year, month, min(day, calendar.monthrange(ce_year, month)[1]))


def default_due_dates(fiscal_year: int) -> list[date]:
    """Due dates of the default steps for a BE fiscal year, in the order of the steps."""
    return [due_date_in(fiscal_year, *step.due) for step in STEPS]


def seed_defaults(category_model, class_model) -> None:
    """The Thai defaults (migration 0002, before English names existed: `fill_english_names` adds them)."""
    for order, (name, _name_en) in enumerate(NEED_CATEGORIES, start=1):
        category_model.objects.get_or_create(name_th=name, defaults={"sort_order": order})
    for order, (code, name, _name_en, needs_target) in enumerate(PROJECT_CLASSES, start=1):
        class_model.objects.get_or_create(
            code=code, defaults={"name_th": name, "needs_target": needs_target, "sort_order": order}
        )


def fill_english_names(category_model, class_model, step_model) -> None:
    """Give the seeded defaults their English names where they still carry the default Thai name and no
    English name (what a province entered or renamed is left as it is)."""
    for name, name_en in NEED_CATEGORIES:
        category_model.objects.filter(name_th=name, name_en="").update(name_en=name_en)
    for code, name, name_en, _needs_target in PROJECT_CLASSES:
        class_model.objects.filter(code=code, name_th=name, name_en="").update(name_en=name_en)
    names = [(step.name_th, step.name_en) for step in STEPS]
    names += [(name, name_en) for name, (_kind, name_en) in FORMER_STEP_NAMES.items()]
    for name, name_en in names:
        step_model.objects.filter(name_th=name, name_en="").update(name_en=name_en)
