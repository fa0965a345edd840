"""Excel files of a plan: the whole plan as a workbook, and the import templates.

The needs and projects sheets have exactly the import's columns, written the way the import reads them,
so a sheet exported here and imported back (saved as its own file, or as the first sheet) changes nothing.
"""

from django.db.models import OuterRef, Prefetch, Subquery
from django.utils import translation
from django.utils.translation import gettext as _

from tambonplan.areas.models import Village
from tambonplan.core.tabular import build_xlsx_template
from tambonplan.documents.xlsx import Sheet, build_xlsx
from tambonplan.planning.imports import (
    ALL_VILLAGES,
    NEED_COLUMNS,
    NEEDS_SHEET,
    PROJECTS_SHEET,
    STATUS_COLUMNS,
    STATUS_SHEET,
    TAMBON_WIDE,
    NeedLookup,
    budget_years,
    choice_names,
    need_row_values,
    project_columns,
    project_row_values,
)
from tambonplan.planning.models import (
    Forwarding,
    ForwardOutcome,
    NeedCategory,
    NeedSource,
    Project,
    ProjectBudget,
    ProjectClass,
    ProjectStatus,
    TambonPlan,
    TargetKind,
    by_priority,
)

FORWARDINGS_SHEET = "การส่งต่อ"

NEED_WIDTHS = [10, 30, 60, 22, 14, 14]
PROJECT_WIDTHS = [12, 40, 24, 36, 30, 18, 28, 30, 26, 24, 20, 26, 28, 24, 40, 16, 16, 16, 18]
FORWARDING_WIDTHS = [12, 40, 14, 28, 30, 16, 18, 14, 24, 12, 30]


PROVINCE_PROJECT_WIDTHS = [10, 22, 22, 10, 50, 26, 22, 16]


def province_projects_workbook(user, province, fiscal_year: int) -> bytes:
    """Every project of the province's plans for the year, one row each, read from the database in chunks
    (write-only workbook), so memory stays flat whatever the number of projects; 2 queries."""
    budget = ProjectBudget.objects.filter(project=OuterRef("pk"), fiscal_year=fiscal_year).values("amount")[
        :1
    ]
    rows = (
        Project.objects.in_scope(user)
        .filter(plan__fiscal_year=fiscal_year, plan__tambon__district__province=province)
        .annotate(budget=Subquery(budget))
        .order_by("plan__tambon_id", by_priority(), "id")
        .values_list(
            "plan__tambon_id",
            "plan__tambon__district__name_th",
            "plan__tambon__name_th",
            "priority",
            "name",
            "project_class__name_th",
            "status",
            "budget",
        )
    )
    with translation.override("th"):
        statuses = {value: str(label) for value, label in ProjectStatus.choices}
    return build_xlsx(
        [
            Sheet(
                title=PROJECTS_SHEET,
                headers=[
                    _("รหัสตำบล"),
                    _("อำเภอ"),
                    _("ตำบล"),
                    _("ลำดับความสำคัญ"),
                    _("ชื่อโครงการ"),
                    _("ประเภท"),
                    _("สถานะ"),
                    _("งบประมาณ (บาท)"),
                ],
                rows=(
                    (code, district, tambon, priority, name, kind, statuses.get(status, status), amount)
                    for code, district, tambon, priority, name, kind, status, amount in rows.iterator(2000)
                ),
                widths=PROVINCE_PROJECT_WIDTHS,
            )
        ]
    )


def _headers(columns) -> list[str]:
    return [column.headers[-1] for column in columns]


def _plan_projects(plan: TambonPlan):
    return (
        plan.projects.select_related("project_class", "category")
        .prefetch_related(Prefetch("villages", queryset=Village.objects.order_by("moo")), "budgets", "needs")
        .order_by(by_priority(), "id")
    )


def _thai(choices_class, value: str) -> str:
    with translation.override("th"):
        return str(choices_class(value).label) if value else ""


def plan_workbook(plan: TambonPlan) -> bytes:
    """The plan's needs, projects (the import's columns) and forwardings, one sheet each; 7 queries."""
    needs = list(
        plan.needs.select_related("village", "category").order_by(
            "category__sort_order", "village__moo", "-severity", "-votes", "id"
        )
    )
    need_names = NeedLookup(needs)
    years = budget_years(plan)
    all_village_ids = set(Village.objects.filter(tambon_id=plan.tambon_id).values_list("pk", flat=True))
    projects = _plan_projects(plan)
    forwardings = (
        Forwarding.objects.filter(project__plan=plan)
        .select_related("project")
        .order_by(by_priority("project__priority"), "project_id", "sent_on", "id")
    )
    return build_xlsx(
        [
            Sheet(
                title=NEEDS_SHEET,
                headers=_headers(NEED_COLUMNS),
                rows=(need_row_values(need) for need in needs),
                widths=NEED_WIDTHS,
            ),
            Sheet(
                title=PROJECTS_SHEET,
                headers=_headers(project_columns(plan)),
                rows=(
                    project_row_values(project, years, all_village_ids, need_names) for project in projects
                ),
                widths=PROJECT_WIDTHS,
            ),
            Sheet(
                title=FORWARDINGS_SHEET,
                headers=[
                    _("รหัสโครงการ"),
                    _("ชื่อโครงการ"),
                    _("วันที่ส่ง"),
                    _("ส่งถึง"),
                    _("ชื่อหน่วยงาน"),
                    _("เลขที่หนังสือ"),
                    _("ผล"),
                    _("วันที่ทราบผล"),
                    _("บรรจุในแผน"),
                    _("ปีของแผน"),
                    _("เหตุผล/หมายเหตุ"),
                ],
                rows=(
                    [
                        f.project_id,
                        f.project.name,
                        f.sent_on,
                        _thai(TargetKind, f.target_kind),
                        f.target_name,
                        f.letter_number,
                        _thai(ForwardOutcome, f.outcome),
                        f.outcome_on,
                        f.accepted_plan,
                        f.accepted_year,
                        f.reason,
                    ]
                    for f in forwardings
                ),
                widths=FORWARDING_WIDTHS,
            ),
        ]
    )


def _names(queryset) -> str:
    return ", ".join(item.name_th for item in queryset)


def _thai_labels(choices_class) -> list[str]:
    """The Thai labels of a choices class, for a template's drop-down list."""
    with translation.override("th"):
        return [str(label) for _value, label in choices_class.choices]


def needs_template(plan: TambonPlan) -> bytes:
    """The needs import template, with example rows and notes (the plan's villages, the categories)."""
    villages = list(Village.objects.filter(tambon_id=plan.tambon_id).order_by("moo"))
    moo = villages[0].moo if villages else 1
    return build_xlsx_template(
        NEED_COLUMNS,
        sheet_title=NEEDS_SHEET,
        example_rows=[
            [moo, "ด้านเศรษฐกิจ", "ราษฎรมีรายได้ไม่เพียงพอ ต้องการฝึกอาชีพเสริม", "แผนหมู่บ้าน/แผนชุมชน", 4, 35],
            [moo, "โครงสร้างพื้นฐาน", "ถนนเข้าหมู่บ้านชำรุดเป็นหลุมบ่อ", "เวทีประชาคม", 5, 52],
            ["", "ด้านสาธารณสุข", "ผู้สูงอายุติดบ้านติดเตียงขาดผู้ดูแล", "ข้อมูล จปฐ.", "", ""],
        ],
        notes=[
            _("หนึ่งแถวต่อหนึ่งปัญหา/ความต้องการ แถวแรกเป็นหัวตาราง ห้ามเปลี่ยนชื่อหัวตาราง"),
            _("หมู่ที่: ตัวเลขหมู่ของหมู่บ้านในตำบล%(tambon)s เว้นว่าง (หรือ '%(wide)s') หากเป็นปัญหาของทั้งตำบล")
            % {"tambon": plan.tambon.name_th, "wide": TAMBON_WIDE},
            _("หมู่บ้านที่ลงทะเบียนไว้: %(villages)s")
            % {"villages": ", ".join(f"หมู่ที่ {v.moo} {v.name_th}" for v in villages) or "-"},
            _("ด้าน (จำเป็น): %(choices)s (จะเขียนโดยไม่มีคำว่า 'ด้าน' นำหน้าก็ได้)")
            % {"choices": _names(NeedCategory.objects.all())},
            _("ปัญหา/ความต้องการ (จำเป็น): ไม่เกิน 500 ตัวอักษร"),
            _("ที่มา: %(choices)s (เว้นว่าง = แผนหมู่บ้าน/แผนชุมชน)") % {"choices": choice_names(NeedSource)},
            _("ความรุนแรง: 1 ถึง 5 (เว้นว่าง = 3) คะแนนเสียง: จำนวนเต็มตั้งแต่ 0 (เว้นว่าง = 0)"),
            _("ใช้เลขไทยหรือเลขอารบิกก็ได้"),
            _(
                "ระบบตรวจทุกแถวก่อน หากมีแถวใดผิดจะไม่บันทึกเลยสักแถว "
                "นำเข้าไฟล์เดิมซ้ำได้: ปัญหาที่หมู่บ้านและข้อความตรงกันจะถูกปรับปรุง ไม่สร้างซ้ำ"
            ),
        ],
        choices={
            "moo": [*(str(v.moo) for v in villages), TAMBON_WIDE],
            "category": [category.name_th for category in NeedCategory.objects.all()],
            "source": _thai_labels(NeedSource),
        },
    )


def projects_template(plan: TambonPlan) -> bytes:
    """The projects import template (form ผ.02 columns with the plan's three budget years)."""
    years = budget_years(plan)
    classes = list(ProjectClass.objects.all())
    by_code = {c.code: c.name_th for c in classes}
    first_class = classes[0].name_th if classes else ""
    support = next((c.name_th for c in classes if c.needs_target), first_class)
    # The example answers the plan's first need, if it has any (an unknown need would not import).
    first_need = plan.needs.order_by("pk").first()
    answered = NeedLookup([first_need]).cell([first_need]) if first_need else ""
    return build_xlsx_template(
        project_columns(plan),
        sheet_title=PROJECTS_SHEET,
        example_rows=[
            [
                1,
                "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านหนองแก-บ้านโนนสูง",
                "การพัฒนาโครงสร้างพื้นฐาน",
                "เพื่อให้ประชาชนสัญจรได้สะดวกและปลอดภัย",
                "ถนน คสล. กว้าง 5 เมตร ยาว 500 เมตร",
                "1, 3",
                "ระยะทางถนนที่ก่อสร้างแล้วเสร็จ",
                "ประชาชนสัญจรได้สะดวกตลอดปี",
                "องค์การบริหารส่วนตำบล",
                "งบประมาณ อปท.",
                support,
                "อปท.",
                "องค์การบริหารส่วนตำบล",
                "ด้านโครงสร้างพื้นฐาน",
                answered,
                "1,250,000",
                "",
                "",
                "เสนอ",
            ],
            [
                2,
                "โครงการฝึกอบรมอาชีพการจักสาน",
                "การส่งเสริมอาชีพและรายได้",
                "เพื่อเพิ่มรายได้ให้ครัวเรือน",
                "ผู้เข้าร่วม 30 คน",
                ALL_VILLAGES,
                "ร้อยละของผู้เข้าร่วมที่มีรายได้เพิ่ม",
                "ครัวเรือนมีรายได้เสริม",
                "กลุ่มอาชีพในตำบล",
                "เงินทุนชุมชน",
                by_code.get("community", first_class),
                "",
                "",
                "เศรษฐกิจ",
                "",
                "30,000",
                "35,000",
                "",
                "",
            ],
        ],
        notes=[
            _("หนึ่งแถวต่อหนึ่งโครงการ แถวแรกเป็นหัวตาราง ห้ามเปลี่ยนชื่อหัวตาราง"),
            _("ชื่อโครงการ (จำเป็น): ไม่เกิน 300 ตัวอักษร ใช้ชื่อเป็นตัวระบุโครงการ: นำเข้าซ้ำแล้วชื่อตรงกันจะปรับปรุงโครงการเดิม"),
            _("ประเภท (จำเป็น): %(choices)s") % {"choices": ", ".join(c.name_th for c in classes)},
            _("ขอรับการสนับสนุนจาก: %(choices)s (หรือ อปท.) ต้องระบุเมื่อประเภทเป็น '%(support)s'")
            % {"choices": choice_names(TargetKind), "support": support},
            _("หมู่บ้านเป้าหมาย: หมายเลขหมู่คั่นด้วยจุลภาค เช่น 1, 3, 5 หรือ '%(all)s' ต้องเป็นหมู่บ้านของตำบล%(tambon)s")
            % {"all": ALL_VILLAGES, "tambon": plan.tambon.name_th},
            _(
                "ด้าน: %(choices)s (จะเขียนโดยไม่มีคำว่า 'ด้าน' นำหน้าก็ได้) เว้นว่าง = ตามด้านของปัญหา/ความต้องการที่ตอบ "
                "เมื่อปัญหาที่ตอบอยู่ในด้านเดียวกันทั้งหมด"
            )
            % {"choices": _names(NeedCategory.objects.all())},
            _(
                "ปัญหา/ความต้องการที่ตอบ: ปัญหา/ความต้องการของแผนนี้ ระบุข้อความตามที่บันทึกไว้ หรือรหัสตามหน้าแผน "
                "เช่น #12 หลายรายการคั่นด้วย , หรือ ; หรือขึ้นบรรทัดใหม่ (นำเข้าปัญหา/ความต้องการก่อนนำเข้าโครงการ)"
            ),
            _(
                "งบประมาณ %(first)s ถึง %(last)s: จำนวนเงินเป็นบาท ใส่จุลภาคคั่นหลักพันได้ ห้ามติดลบ "
                "เว้นว่างหรือ 0 = ไม่มีงบประมาณในปีนั้น"
            )
            % {"first": years[0], "last": years[-1]},
            _("สถานะ: %(choices)s (เว้นว่าง = เสนอ สำหรับโครงการใหม่ และคงสถานะเดิมสำหรับโครงการที่มีอยู่แล้ว)")
            % {"choices": choice_names(ProjectStatus)},
            _("ลำดับความสำคัญ: จำนวนเต็มตั้งแต่ 1 (1 = สำคัญที่สุด) ใช้เลขไทยหรือเลขอารบิกก็ได้"),
            _("คอลัมน์ที่ไม่มีในไฟล์จะไม่เปลี่ยนข้อมูลเดิมของโครงการ"),
            _("ระบบตรวจทุกแถวก่อน หากมีแถวใดผิดจะไม่บันทึกเลยสักแถว"),
        ],
        choices={
            "project_class": [c.name_th for c in classes],
            "target_kind": _thai_labels(TargetKind),
            "category": [category.name_th for category in NeedCategory.objects.all()],
            "status": _thai_labels(ProjectStatus),
        },
    )


def status_template(plan: TambonPlan) -> bytes:
    """The status update template, filled with the plan's projects and their current status."""
    projects = list(plan.projects.all())
    rows = [[p.pk, p.name, _thai(ProjectStatus, p.status)] for p in projects]
    if not rows:
        rows = [[1, "โครงการฝึกอบรมอาชีพการจักสาน", "บรรจุในแผนแล้ว"]]
    return build_xlsx_template(
        STATUS_COLUMNS,
        sheet_title=STATUS_SHEET,
        example_rows=rows,
        notes=[
            _("แก้ไขเฉพาะคอลัมน์สถานะ แล้วนำเข้าไฟล์นี้ ระบบจะเปลี่ยนสถานะของโครงการที่ระบุ"),
            _("ระบุโครงการด้วยรหัสโครงการ หรือชื่อโครงการ (หากมีทั้งสองอย่าง ต้องตรงกัน)"),
            _("สถานะ (จำเป็น): %(choices)s") % {"choices": choice_names(ProjectStatus)},
            _("ระบบตรวจทุกแถวก่อน หากมีแถวใดผิดจะไม่บันทึกเลยสักแถว"),
        ],
        choices={"status": _thai_labels(ProjectStatus)},
    )
