"""Public aggregate datasets (open data) per fiscal year: by province for the nation, by district for a
province or the nation, and their data dictionary.

Every figure is read from the selectors the signed-in pages use, run for the whole nation (an explicit nation
``Scope``, no user): plan progress from ``planning.selectors`` (``national_progress_in`` for provinces,
``district_progress_in`` for districts), workshops from ``events.selectors.workshop_summary_in``, budget
integration from ``partners.integration.integration_in`` (summed with its own ``Totals``). Only counts and
amounts per area leave this module: no names of people, no phone numbers, no users, no project names.

The built rows are cached (``OPEN_DATA_CACHE_SECONDS``) under the dataset, fiscal year and province; the
labels of the dictionary are translated when a file is rendered, so the cache holds no language.
"""

import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tambonplan.accounts.scope import NATION, Scope
from tambonplan.areas.models import Province, Tambon
from tambonplan.events.selectors import workshop_summary_in
from tambonplan.partners.integration import SOURCES, Totals, integration_in
from tambonplan.planning.models import NeedCategory
from tambonplan.planning.selectors import district_progress_in, national_progress_in, project_classes
from tambonplan.reports.figures import PlanFigures, plan_figures_in, summed_by_area
from tambonplan.thai.dates import BANGKOK
from tambonplan.thai.language import localized

# The public sees the whole nation, aggregated per area.
EVERYWHERE = Scope(NATION)

PROVINCES = "provinces"
DISTRICTS = "districts"
DATASETS = {PROVINCES: _("รายจังหวัด ทั้งประเทศ"), DISTRICTS: _("รายอำเภอ")}
CACHE_VERSION = 3

STRING, INTEGER, NUMBER = "string", "integer", "number"
TYPE_LABELS = {STRING: _("ข้อความ"), INTEGER: _("จำนวนเต็ม"), NUMBER: _("ตัวเลขทศนิยม")}


@dataclass(frozen=True)
class Column:
    """One column of a dataset, as the data dictionary describes it."""

    name: str  # the machine name: CSV header, JSON key
    label: str  # Thai label: the XLSX header
    type: str  # STRING, INTEGER or NUMBER
    unit: str
    definition: str

    @property
    def type_label(self) -> str:
        return str(TYPE_LABELS[self.type])

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "label": str(self.label),
            "type": self.type,
            "unit": str(self.unit),
            "definition": str(self.definition),
        }


@dataclass
class Dataset:
    name: str  # PROVINCES or DISTRICTS
    fiscal_year: int
    province: tuple[str, str] | None  # (code, Thai name) of a province's districts; None: the nation
    generated_at: datetime
    columns: list[Column]
    rows: list[list] = field(default_factory=list)  # values in the order of the columns

    @property
    def title(self) -> str:
        if self.province is not None:
            return str(_("รายอำเภอ จังหวัด%(name)s") % {"name": self.province[1]})
        if self.name == DISTRICTS:
            return str(_("รายอำเภอ ทั้งประเทศ"))
        return str(DATASETS[self.name])

    @property
    def slug(self) -> str:
        """The dataset's name in file names and JSON: "districts-34", "provinces"."""
        return f"{self.name}-{self.province[0]}" if self.province is not None else self.name

    def records(self) -> list[dict]:
        names = [column.name for column in self.columns]
        return [dict(zip(names, row, strict=True)) for row in self.rows]


class UnknownProvince(LookupError):
    pass


# ------------------------------------------------------------------ the dictionary


def _area_columns(name: str) -> list[Column]:
    year = Column(
        "fiscal_year",
        _("ปีงบประมาณ"),
        INTEGER,
        _("พ.ศ."),
        _("ปีงบประมาณ (1 ตุลาคม ถึง 30 กันยายน) เรียกตามปีพุทธศักราชที่สิ้นสุด"),
    )
    province = [
        Column("province_code", _("รหัสจังหวัด"), STRING, "", _("รหัสจังหวัด 2 หลักของกรมการปกครอง")),
        Column("province_name", _("ชื่อจังหวัด"), STRING, "", _("ชื่อจังหวัดภาษาไทย")),
    ]
    if name == PROVINCES:
        return [year, *province]
    district = [
        Column("district_code", _("รหัสอำเภอ"), STRING, "", _("รหัสอำเภอ 4 หลักของกรมการปกครอง")),
        Column("district_name", _("ชื่ออำเภอ"), STRING, "", _("ชื่ออำเภอภาษาไทย")),
    ]
    return [year, *province, *district]


def dictionary(
    name: str, classes: Iterable[tuple[str, str]], categories: Iterable[tuple[int, str]]
) -> list[Column]:
    """Every column of the dataset in order; the project classes and need categories (configurable) each have
    a column of their own."""
    columns = _area_columns(name)
    columns += [
        Column("tambons", _("จำนวนตำบล"), INTEGER, _("ตำบล"), _("ตำบลที่ใช้งานอยู่ในพื้นที่")),
        Column(
            "plans_opened",
            _("แผนที่เปิดแล้ว"),
            INTEGER,
            _("แผน"),
            _("ตำบลที่เปิดแผนพัฒนาตำบลของปีงบประมาณนี้ในระบบแล้ว (หนึ่งแผนต่อตำบลต่อปี)"),
        ),
        Column(
            "plans_done",
            _("แผนที่ดำเนินการครบทุกขั้นตอน"),
            INTEGER,
            _("แผน"),
            _("แผนของปีนี้ที่มีขั้นตอนและทุกขั้นตอนมีสถานะ “เสร็จแล้ว” (นิยามเดียวกับหน้าความก้าวหน้าของแผน)"),
        ),
        Column("steps_total", _("ขั้นตอนทั้งหมด"), INTEGER, _("ขั้นตอน"), _("ขั้นตอนของแผนทุกแผนของปีนี้รวมกัน")),
        Column("steps_done", _("ขั้นตอนที่เสร็จแล้ว"), INTEGER, _("ขั้นตอน"), _("ขั้นตอนที่มีสถานะ “เสร็จแล้ว”")),
        Column(
            "steps_done_percent",
            _("ความก้าวหน้าของขั้นตอน"),
            INTEGER,
            _("ร้อยละ"),
            _("ขั้นตอนที่เสร็จแล้ว × 100 ÷ ขั้นตอนทั้งหมด ปัดเป็นจำนวนเต็ม (0 เมื่อยังไม่มีขั้นตอน)"),
        ),
        *plan_figure_columns(),
        Column(
            "workshop_tambons",
            _("ตำบลที่จัดประชุมเชิงปฏิบัติการแล้ว"),
            INTEGER,
            _("ตำบล"),
            _("ตำบลที่จัดประชุมเชิงปฏิบัติการจัดทำแผนพัฒนาตำบลของปีนี้แล้วอย่างน้อยหนึ่งครั้ง (เวลาเริ่มผ่านไปแล้ว)"),
        ),
        Column(
            "workshops_held",
            _("จำนวนครั้งที่จัดประชุมเชิงปฏิบัติการ"),
            INTEGER,
            _("ครั้ง"),
            _("การประชุมเชิงปฏิบัติการจัดทำแผนพัฒนาตำบลของปีนี้ที่จัดแล้วในตำบลของพื้นที่"),
        ),
        Column(
            "workshop_participants",
            _("ผู้เข้าร่วมประชุมเชิงปฏิบัติการ"),
            INTEGER,
            _("คน"),
            _("ผู้เข้าร่วมการประชุมที่จัดแล้ว รวมทุกครั้ง: ผู้ลงชื่อเข้าร่วมและจำนวนที่บันทึกเป็นยอดรวมตามกลุ่ม"),
        ),
        Column(
            "workshop_socho_participants",
            _("ผู้เข้าร่วมที่เป็น ศอช."),
            INTEGER,
            _("คน"),
            _("ผู้เข้าร่วมที่เป็นกรรมการศูนย์ประสานงานองค์กรชุมชน (ศอช.) รวมทุกครั้ง"),
        ),
        Column(
            "projects",
            _("โครงการในแผน"),
            INTEGER,
            _("โครงการ"),
            _("โครงการในแผนพัฒนาตำบลของปีนี้ ทุกประเภท"),
        ),
    ]
    for code, name_th in classes:
        columns.append(
            Column(
                f"projects_class_{code}",
                _("โครงการประเภท %(name)s") % {"name": name_th},
                INTEGER,
                _("โครงการ"),
                _("โครงการในแผนของปีนี้ที่จัดประเภทตามผู้ดำเนินการเป็น “%(name)s”") % {"name": name_th},
            )
        )
    columns.append(
        Column(
            "budget_projects",
            _("โครงการที่นับในการบูรณาการงบประมาณ"),
            INTEGER,
            _("โครงการ"),
            _("โครงการในแผนพัฒนาตำบลของปีนี้ (นิยามเดียวกับหน้าการบูรณาการงบประมาณ: โครงการของแผนปีอื่นนับอยู่ในปีของแผนนั้น)"),
        )
    )
    for pk, name_th in categories:
        columns.append(
            Column(
                f"budget_projects_category_{pk}",
                _("โครงการ%(name)s") % {"name": name_th},
                INTEGER,
                _("โครงการ"),
                _(
                    "โครงการที่นับในการบูรณาการงบประมาณ ซึ่งนับอยู่ใน “%(name)s”: ด้านของโครงการ "
                    "หรือหากโครงการไม่ได้ระบุด้าน ด้านแรก (ตามลำดับของด้าน) ของปัญหา/ความต้องการที่โครงการตอบ"
                )
                % {"name": name_th},
            )
        )
    columns.append(
        Column(
            "budget_projects_category_none",
            _("โครงการที่ไม่ระบุด้าน"),
            INTEGER,
            _("โครงการ"),
            _("โครงการที่นับในการบูรณาการงบประมาณ ซึ่งไม่ได้ระบุด้านและไม่ได้เชื่อมกับปัญหา/ความต้องการใด"),
        )
    )
    columns += [
        Column(
            "budget_needed_baht",
            _("งบประมาณที่ต้องการ"),
            NUMBER,
            _("บาท"),
            _(
                "ประมาณการงบประมาณของโครงการในแผนของปีนี้ สำหรับปีงบประมาณในช่วงเทียบ (ปีของแผนถึงปีของแผน"
                " + จำนวนปีที่จังหวัดกำหนด ค่าเริ่มต้น 1 ปี) รวมกัน"
            ),
        ),
        Column(
            "budget_secured_baht",
            _("งบประมาณที่ได้รับแล้ว"),
            NUMBER,
            _("บาท"),
            _(
                "งบประมาณที่ได้รับแล้วของโครงการในแผนของปีนี้ สำหรับปีงบประมาณในช่วงเทียบ จากบัญชีงบประมาณ: "
                "ข้อตกลงของภาคีที่อนุมัติหรือส่งมอบแล้ว (เงิน หรือมูลค่าประมาณของสิ่งของ/แรงงาน) และงบประมาณที่"
                "ผู้รับการส่งต่อตอบว่าจัดสรรแล้ว (เช่น ข้อบัญญัติงบประมาณของ อปท.)"
            ),
        ),
        Column(
            "budget_secured_within_need_baht",
            _("งบประมาณที่ได้รับแล้ว ไม่เกินที่ต้องการ"),
            NUMBER,
            _("บาท"),
            _("ผลรวมของ (ที่ได้รับแล้ว ไม่เกินที่ต้องการ) ของแต่ละโครงการ: งบประมาณที่ต้องการ = ค่านี้ + งบประมาณที่ยังขาด"),
        ),
        Column(
            "budget_over_need_baht",
            _("งบประมาณที่ได้รับเกินความต้องการ"),
            NUMBER,
            _("บาท"),
            _("ผลรวมของส่วนที่ได้รับเกินงบประมาณที่ต้องการของแต่ละโครงการ"),
        ),
        Column(
            "budget_pledged_baht",
            _("งบประมาณที่ภาคีแสดงเจตจำนง"),
            NUMBER,
            _("บาท"),
            _("มูลค่าข้อตกลงของภาคีกับโครงการในแผนของปีนี้ที่แสดงเจตจำนงแล้วแต่ยังไม่อนุมัติ (ทุกปีงบประมาณ)"),
        ),
        Column(
            "budget_gap_baht",
            _("งบประมาณที่ยังขาด"),
            NUMBER,
            _("บาท"),
            _("ผลรวมของ (งบประมาณที่ต้องการ − ที่ได้รับแล้ว) ของแต่ละโครงการ ไม่ต่ำกว่า 0"),
        ),
        Column(
            "budget_secured_percent",
            _("ร้อยละของงบประมาณที่ได้รับแล้ว"),
            NUMBER,
            _("ร้อยละ"),
            _("งบประมาณที่ได้รับแล้ว (ไม่เกินที่ต้องการ) × 100 ÷ งบประมาณที่ต้องการ ทศนิยม 1 ตำแหน่ง; ว่างเมื่อไม่มีความต้องการ"),
        ),
        Column(
            "budget_secured_later_baht",
            _("งบประมาณที่ได้รับหลังช่วงเทียบ"),
            NUMBER,
            _("บาท"),
            _(
                "งบประมาณที่ได้รับแล้วของโครงการในแผนของปีนี้ สำหรับปีงบประมาณหลังช่วงเทียบ: ไม่นับใน"
                "งบประมาณที่ได้รับแล้ว แต่ละบาทนับครั้งเดียว ในปีของแผนของโครงการ"
            ),
        ),
    ]
    for key, label, _types in SOURCES:
        columns.append(
            Column(
                f"budget_secured_{key}_baht",
                _("ได้รับแล้วจาก%(source)s") % {"source": label},
                NUMBER,
                _("บาท"),
                _("งบประมาณที่ได้รับแล้ว (ในช่วงเทียบ) จาก%(source)s") % {"source": label},
            )
        )
    return columns


def plan_figure_columns() -> list[Column]:
    """The plan figures of the district report (`reports.figures`), defined as the report defines them."""
    support = _("โครงการประเภท “ขอรับการสนับสนุน” ในแผนของปีนี้ ที่ส่งต่อถึง%(to)s และได้รับคำตอบว่าบรรจุในแผนของผู้รับแล้ว")
    to_lg = _("องค์กรปกครองส่วนท้องถิ่น")
    to_public = _("หน่วยงาน อำเภอ หรือจังหวัด")
    funded = _("ในจำนวนนี้ โครงการที่คำตอบระบุงบประมาณที่จัดสรรแล้ว (เช่น ข้อบัญญัติงบประมาณของ อปท.)")
    amount = _("งบประมาณที่คำตอบเหล่านั้นระบุว่าจัดสรรแล้ว ทุกปีงบประมาณ แต่ละรายการนับครั้งเดียว")
    return [
        Column(
            "plans_approved_on_time",
            _("แผนที่ ก.บ.ต. ให้ความเห็นชอบภายในกำหนด"),
            INTEGER,
            _("แผน"),
            _("แผนของปีนี้ที่ขั้นตอน “ก.บ.ต. ให้ความเห็นชอบ” เสร็จแล้ว ในหรือก่อนวันที่กำหนดของขั้นตอนนั้น"),
        ),
        Column(
            "plans_approved_late",
            _("แผนที่ ก.บ.ต. ให้ความเห็นชอบหลังกำหนด"),
            INTEGER,
            _("แผน"),
            _("แผนของปีนี้ที่ขั้นตอน “ก.บ.ต. ให้ความเห็นชอบ” เสร็จหลังวันที่กำหนดของขั้นตอนนั้น"),
        ),
        Column(
            "villages_reviewed",
            _("หมู่บ้าน/ชุมชนที่ทบทวนแผนแล้ว"),
            INTEGER,
            _("แห่ง"),
            _("หมู่บ้านและชุมชนที่คณะกรรมการหมู่บ้าน/ชุมชนให้ความเห็นชอบแผนของปีนี้แล้ว"),
        ),
        Column(
            "villages_total",
            _("หมู่บ้าน/ชุมชนทั้งหมด"),
            INTEGER,
            _("แห่ง"),
            _("หมู่บ้านที่ขึ้นทะเบียนและชุมชนที่ยังมีอยู่ ของตำบลที่ใช้งานอยู่ในพื้นที่"),
        ),
        Column(
            "support_lg_included",
            _("โครงการขอรับการสนับสนุนที่ อปท. บรรจุในแผน"),
            INTEGER,
            _("โครงการ"),
            support % {"to": to_lg},
        ),
        Column(
            "support_lg_funded",
            _("โครงการขอรับการสนับสนุนที่ อปท. บรรจุในแผนและได้รับงบประมาณ"),
            INTEGER,
            _("โครงการ"),
            funded,
        ),
        Column(
            "support_lg_baht",
            _("งบประมาณที่ อปท. จัดสรรให้โครงการขอรับการสนับสนุน"),
            NUMBER,
            _("บาท"),
            amount,
        ),
        Column(
            "support_public_included",
            _("โครงการขอรับการสนับสนุนที่หน่วยงาน/อำเภอ/จังหวัด บรรจุในแผน"),
            INTEGER,
            _("โครงการ"),
            support % {"to": to_public},
        ),
        Column(
            "support_public_funded",
            _("โครงการขอรับการสนับสนุนที่หน่วยงาน/อำเภอ/จังหวัด บรรจุในแผนและได้รับงบประมาณ"),
            INTEGER,
            _("โครงการ"),
            funded,
        ),
        Column(
            "support_public_baht",
            _("งบประมาณที่หน่วยงาน/อำเภอ/จังหวัด จัดสรรให้โครงการขอรับการสนับสนุน"),
            NUMBER,
            _("บาท"),
            amount,
        ),
    ]


# ------------------------------------------------------------------ the rows


def _plan_cells(plan: PlanFigures | None) -> list:
    """The plan figures of one area, in the order of `plan_figure_columns`."""
    plan = plan or PlanFigures()
    return [
        plan.approved_on_time,
        plan.approved_late,
        plan.villages_reviewed,
        plan.villages,
        plan.local_government.included,
        plan.local_government.funded,
        _money(plan.local_government.amount),
        plan.public_bodies.included,
        plan.public_bodies.funded,
        _money(plan.public_bodies.amount),
    ]


def _plan_figures_by_area(fiscal_year: int, tambons, code_length: int) -> dict[str, PlanFigures]:
    """The report's plan figures (`reports.figures.plan_figures_in`, the same computation) per area."""
    codes = list(tambons)
    return summed_by_area(
        plan_figures_in(EVERYWHERE, fiscal_year=fiscal_year, tambon_codes=codes), code_length
    )


def _money(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("0.01"))


@dataclass
class _Funding:
    totals: Totals = field(default_factory=Totals)
    categories: Counter = field(default_factory=Counter)


def _funding_by_area(projects, code_length: int) -> dict[str, _Funding]:
    """The integration's projects summed per area (the code's first `code_length` digits) with its Totals,
    and counted per need category."""
    areas: dict[str, _Funding] = {}
    for project in projects:
        area = areas.setdefault(project.tambon_code[:code_length], _Funding())
        area.totals.add(project)
        area.categories[project.category_id] += 1
    return areas


def _figures(progress, workshops, funding: _Funding | None, class_codes, category_ids, plan=None) -> list:
    """The figures of one area, in the order of the dictionary after the area columns."""
    funding = funding or _Funding()
    totals = funding.totals
    return [
        progress.tambons,
        progress.plans,
        progress.plans_done,
        progress.steps_total,
        progress.steps_done,
        progress.percent_done,
        *_plan_cells(plan),
        progress.workshops,
        workshops[0],
        workshops[1],
        workshops[2],
        progress.projects,
        *(progress.by_class.get(code, 0) for code in class_codes),
        totals.projects,
        *(funding.categories.get(pk, 0) for pk in category_ids),
        funding.categories.get(None, 0),
        _money(totals.need),
        _money(totals.secured),
        _money(totals.secured_up_to_need),
        _money(totals.over),
        _money(totals.pledged),
        _money(totals.gap),
        totals.secured_percent,
        _money(totals.later),
        *(_money(amount) for amount in totals.source_cells),
    ]


def _province_rows(fiscal_year: int, class_codes, category_ids) -> list[list]:
    progress = national_progress_in(EVERYWHERE, fiscal_year=fiscal_year)
    tambons = (
        Tambon.objects.active().filter(district__province__is_cd_area=True).values_list("code", flat=True)
    )
    workshops: dict[str, list[int]] = {}
    for code, summary in workshop_summary_in(
        EVERYWHERE, fiscal_year=fiscal_year, tambon_codes=tambons
    ).items():
        sums = workshops.setdefault(code[:2], [0, 0, 0])
        sums[0] += summary.workshops
        sums[1] += summary.participants
        sums[2] += summary.socho
    integration = integration_in(EVERYWHERE, level="nation", area=None, fiscal_year=fiscal_year)
    funding = _funding_by_area(integration.projects, 2)
    plans = _plan_figures_by_area(fiscal_year, tambons, 2)
    rows = []
    for row in progress:
        code = row.province.code
        workshop = workshops.get(code, [0, 0, 0])
        rows.append(
            [
                fiscal_year,
                code,
                row.province.name_th,
                *_figures(row, workshop, funding.get(code), class_codes, category_ids, plans.get(code)),
            ]
        )
    return rows


def _district_rows(fiscal_year: int, province: Province | None, class_codes, category_ids) -> list[list]:
    progress = district_progress_in(
        EVERYWHERE, fiscal_year=fiscal_year, province_code=province.code if province else None
    )
    if province is None:
        integration = integration_in(EVERYWHERE, level="nation", area=None, fiscal_year=fiscal_year)
        provinces = dict(Province.objects.filter(is_cd_area=True).values_list("code", "name_th"))
    else:
        integration = integration_in(EVERYWHERE, level="province", area=province, fiscal_year=fiscal_year)
        provinces = {province.code: province.name_th}
    funding = _funding_by_area(integration.projects, 4)
    tambons = Tambon.objects.active().filter(district__province__is_cd_area=True)
    if province is not None:
        tambons = tambons.filter(district__province=province)
    plans = _plan_figures_by_area(fiscal_year, tambons.values_list("code", flat=True), 4)
    rows = []
    for row in progress:
        district = row.district
        workshops = [row.workshops_held, row.workshop_participants, row.workshop_socho]
        rows.append(
            [
                fiscal_year,
                district.province_id,
                provinces.get(district.province_id, ""),
                district.code,
                district.name_th,
                *_figures(
                    row,
                    workshops,
                    funding.get(district.code),
                    class_codes,
                    category_ids,
                    plans.get(district.code),
                ),
            ]
        )
    return rows


def _province(code: str) -> Province:
    province = Province.objects.filter(code=code, is_active=True, is_cd_area=True).first()
    if province is None:
        raise UnknownProvince(code)
    return province


def cache_key(name: str, fiscal_year: int, province_code: str | None) -> str:
    return f"opendata:v{CACHE_VERSION}:{name}:{fiscal_year}:{province_code or 'all'}"


def _build(name: str, fiscal_year: int, province_code: str | None) -> dict:
    province = _province(province_code) if province_code else None
    classes = [(c.code, c.name_th) for c in project_classes()]
    categories = list(NeedCategory.objects.values_list("pk", "name_th"))
    class_codes = [code for code, _name in classes]
    category_ids = [pk for pk, _name in categories]
    if name == PROVINCES:
        rows = _province_rows(fiscal_year, class_codes, category_ids)
    else:
        rows = _district_rows(fiscal_year, province, class_codes, category_ids)
    return {
        "generated_at": timezone.localtime(timezone.now(), BANGKOK).replace(microsecond=0),
        "province": (province.code, province.name_th) if province else None,
        "classes": classes,
        "categories": categories,
        "rows": rows,
    }


# An expired dataset is kept this many times longer, served while one process builds the new one: an expiry
# under load starts one rebuild (seconds for the nation's districts), not one per request.
STALE_FACTOR = 24
REBUILD_LOCK_SECONDS = 300


def cached_build(key: str, build):
    """`build()`'s result from the cache while fresh (OPEN_DATA_CACHE_SECONDS); once stale, the first caller
    rebuilds it and the others get the stale copy meanwhile; built anew when there is no copy at all."""
    fresh_for = settings.OPEN_DATA_CACHE_SECONDS
    entry = cache.get(key)
    now = time.time()
    if entry is not None:
        is_fresh = now - entry["stored_at"] < fresh_for
        if is_fresh or not cache.add(f"{key}:rebuilding", 1, REBUILD_LOCK_SECONDS):
            return entry["built"]
    try:
        built = build()
        cache.set(key, {"built": built, "stored_at": now}, fresh_for * STALE_FACTOR)
    finally:
        cache.delete(f"{key}:rebuilding")
    return built


def open_dataset(name: str, *, fiscal_year: int, province_code: str | None = None) -> Dataset:
    """The dataset (PROVINCES, or DISTRICTS of a province or of the nation) for the fiscal year, from the
    cache when it holds it. Raises UnknownProvince for a code that is not an active community-development
    province."""
    if name not in DATASETS:
        raise ValueError(f"unknown dataset {name!r}")
    if name == PROVINCES:
        province_code = None
    built = cached_build(
        cache_key(name, fiscal_year, province_code), lambda: _build(name, fiscal_year, province_code)
    )
    return Dataset(
        name=name,
        fiscal_year=fiscal_year,
        province=built["province"],
        generated_at=built["generated_at"],
        columns=dictionary(name, built["classes"], built["categories"]),
        rows=built["rows"],
    )


def province_choices() -> list[tuple[str, str]]:
    """(code, name in the active language) of every active community-development province, for the page
    (the names cached in both languages)."""
    key = f"opendata:v{CACHE_VERSION}:province-names"
    names = cache.get(key)
    if names is None:
        provinces = Province.objects.active().filter(is_cd_area=True).order_by("code")
        names = list(provinces.values_list("code", "name_th", "name_en"))
        cache.set(key, names, settings.OPEN_DATA_CACHE_SECONDS)
    return [(code, localized(name_th, name_en)) for code, name_th, name_en in names]


def dataset_dictionary(name: str) -> list[Column]:
    """The dataset's dictionary alone (the project classes and need categories cached)."""
    if name not in DATASETS:
        raise ValueError(f"unknown dataset {name!r}")
    key = f"opendata:v{CACHE_VERSION}:columns"
    parts = cache.get(key)
    if parts is None:
        classes = [(c.code, c.name_th) for c in project_classes()]
        parts = (classes, list(NeedCategory.objects.values_list("pk", "name_th")))
        cache.set(key, parts, settings.OPEN_DATA_CACHE_SECONDS)
    return dictionary(name, *parts)
