"""Seeded defaults for plans (domain.md §3): step names, need categories and project classes. All editable."""

from datetime import date

STEP_NAMES = (
    "ทบทวนแผนหมู่บ้าน/แผนชุมชน",
    "ประชุมเชิงปฏิบัติการจัดทำแผนพัฒนาตำบล",
    "ก.บ.ต. ให้ความเห็นชอบแผนพัฒนาตำบล",
    "ส่งต่อแผนให้ อปท. อำเภอ และหน่วยงานที่เกี่ยวข้อง",
    "ประสานภาคีการพัฒนาและบูรณาการงบประมาณ",
    "ติดตามการนำโครงการสู่การปฏิบัติ",
    "รายงานผลการดำเนินงาน",
)
# Default due dates as (month, day) within the fiscal year, in order of the steps.
STEP_DUE = ((12, 31), (2, 28), (3, 31), (4, 15), (4, 30), (8, 31), (5, 15))

NEED_CATEGORIES = (
    "ด้านเศรษฐกิจ",
    "ด้านสังคมและคุณภาพชีวิต",
    "ด้านสาธารณสุข",
    "ด้านการศึกษา",
    "ด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม",
    "ด้านโครงสร้างพื้นฐาน",
    "ด้านความมั่นคงและความปลอดภัย",
    "ด้านอื่น ๆ",
)

PROJECT_CLASSES = (
    ("community", "ชุมชนดำเนินการเอง", False),
    ("joint", "ดำเนินการร่วม", False),
    ("support", "ขอรับการสนับสนุน", True),
)


def default_due_dates(fiscal_year: int) -> list[date]:
    """Due dates of the default steps for a BE fiscal year (Oct–Dec fall in the previous CE year)."""
    ce_end = fiscal_year - 543
    return [date(ce_end - 1 if month >= 10 else ce_end, month, day) for month, day in STEP_DUE]


def seed_defaults(category_model, class_model) -> None:
    for order, name in enumerate(NEED_CATEGORIES, start=1):
        category_model.objects.get_or_create(name_th=name, defaults={"sort_order": order})
    for order, (code, name, needs_target) in enumerate(PROJECT_CLASSES, start=1):
        class_model.objects.get_or_create(
            code=code, defaults={"name_th": name, "needs_target": needs_target, "sort_order": order}
        )
