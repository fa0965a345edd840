"""Seeded defaults for plans (domain.md §3): step names, need categories and project classes. All editable."""

from datetime import date

# (Thai name, English name): the English name is shown in English mode (thai/language.py).
STEPS = (
    ("ทบทวนแผนหมู่บ้าน/แผนชุมชน", "Review the village/community plans"),
    ("ประชุมเชิงปฏิบัติการจัดทำแผนพัฒนาตำบล", "Tambon plan workshop"),
    ("ก.บ.ต. ให้ความเห็นชอบแผนพัฒนาตำบล", "KBT approves the tambon plan"),
    (
        "ส่งต่อแผนให้ อปท. อำเภอ และหน่วยงานที่เกี่ยวข้อง",
        "Forward the plan to the local government, district and agencies",
    ),
    ("ประสานภาคีการพัฒนาและบูรณาการงบประมาณ", "Coordinate partners and integrate budgets"),
    ("ติดตามการนำโครงการสู่การปฏิบัติ", "Follow up the projects' implementation"),
    ("รายงานผลการดำเนินงาน", "Report the results"),
)
STEP_NAMES = tuple(thai for thai, _english in STEPS)
# Default due dates as (month, day) within the fiscal year, in order of the steps.
STEP_DUE = ((12, 31), (2, 28), (3, 31), (4, 15), (4, 30), (8, 31), (5, 15))

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


def default_due_dates(fiscal_year: int) -> list[date]:
    """Due dates of the default steps for a BE fiscal year (Oct–Dec fall in the previous CE year)."""
    ce_end = fiscal_year - 543
    return [date(ce_end - 1 if month >= 10 else ce_end, month, day) for month, day in STEP_DUE]


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
    for name, name_en in STEPS:
        step_model.objects.filter(name_th=name, name_en="").update(name_en=name_en)
