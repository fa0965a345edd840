"""The village plans of one tambon and year from the spreadsheet offices keep: one row per item, the village
by หมู่ที่ (or the community by name), the plans created where missing.

As every importer: the user must be allowed to change the tambon, every row is checked before anything is
written, every bad row is reported with its row number and a Thai reason (`TabularError`), nothing is written
when any row is bad, and importing the same file again changes nothing (an item is the same when its village
and its text are: `planning.imports.normalise`). An item already pulled into the tambon plan keeps its need in
step (planning's need service) and cannot become ทำเอง.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from tambonplan.accounts.scope import require_change
from tambonplan.areas.models import Village
from tambonplan.core.history import import_service
from tambonplan.core.tabular import Column, Row, RowError, TabularError, build_xlsx_template, read_table
from tambonplan.planning.imports import category_lookup, normalise, raise_if_errors
from tambonplan.planning.models import NeedCategory, ProjectClass
from tambonplan.thai.money import parse_number
from tambonplan.villageplans.models import Community, VillagePlan, VillagePlanItem
from tambonplan.villageplans.services import COMMUNITY_CLASS, MAX_BUDGET, MAX_PRIORITY, MAX_VOTES, sync_need

SHEET = "แผนพัฒนาหมู่บ้าน"
COLUMNS = (
    Column("moo", ("moo", "village_no", "หมู่", "หมู่บ้าน", "หมู่ที่")),
    Column("community", ("community", "ชุมชน", "ชื่อชุมชน")),
    Column(
        "description",
        (
            "description",
            "item",
            "ปัญหา",
            "ความต้องการ",
            "โครงการ",
            "ปัญหา/ความต้องการ",
            "ปัญหา/ความต้องการ/โครงการ",
        ),
        required=True,
    ),
    Column("category", ("category", "ด้าน"), required=True),
    Column("item_class", ("class", "item_class", "ประเภทโครงการ", "ประเภท"), required=True),
    Column(
        "partner_name",
        ("partner", "partner_name", "ดำเนินการร่วมกับ", "ขอรับการสนับสนุนจาก", "ดำเนินการร่วมกับ/ขอรับการสนับสนุนจาก"),
    ),
    Column(
        "estimated_budget",
        (
            "budget",
            "estimated_budget",
            "งบประมาณ (บาท)",
            "งบประมาณโดยประมาณ (บาท)",
            "งบประมาณโดยประมาณ",
            "งบประมาณ",
        ),
    ),
    Column("priority", ("priority", "ลำดับความสำคัญ", "ลำดับ")),
    Column("votes", ("votes", "คะแนนเสียงประชาคม", "คะแนนเสียง")),
)
# The words offices write for the three classes, besides each class's own names and code.
CLASS_WORDS = {
    "ทำเอง": "community",
    "ดำเนินการเอง": "community",
    "หมู่บ้านดำเนินการเอง": "community",
    "ชุมชนทำเอง": "community",
    "ทำร่วม": "joint",
    "ร่วมดำเนินการ": "joint",
    "ดำเนินการร่วมกับหน่วยงาน": "joint",
    "ขอสนับสนุน": "support",
    "ขอรับสนับสนุน": "support",
    "ขอรับการสนับสนุน": "support",
    "หน่วยงานอื่นดำเนินการ": "support",
}
MOO_WORDS = re.compile(r"หมู่ที่|หมู่บ้าน|หมู่|ม\.")
_ASCII_NUMBER = re.compile(r"[0-9]{1,9}")


def class_lookup() -> dict[str, ProjectClass]:
    classes = {c.code: c for c in ProjectClass.objects.all()}
    lookup: dict[str, ProjectClass] = {}
    for project_class in classes.values():
        for text in (project_class.code, project_class.name_th, project_class.name_en):
            if text:
                lookup.setdefault(normalise(text), project_class)
    for word, code in CLASS_WORDS.items():
        if code in classes:
            lookup.setdefault(normalise(word), classes[code])
    return lookup


@dataclass
class _Parsed:
    number: int
    village: Village | None
    community: Community | None
    fields: dict  # item fields present in the file

    @property
    def place_key(self) -> tuple[str, int]:
        return ("v", self.village.pk) if self.village is not None else ("c", self.community.pk)


def _number(row: Row, key: str, errors: list[RowError], *, whole: bool, low, high, message: str):
    text = row.values.get(key, "")
    if text in ("", "-"):
        return None
    try:
        value = parse_number(text)
    except ValueError:
        value = None
    if value is not None and whole and value != value.to_integral_value():
        value = None
    if value is None or not low <= value <= high:
        errors.append(row.error(key, message % {"value": text}))
        return None
    return int(value) if whole else value.quantize(Decimal("0.01"))


def _place(row: Row, tambon, villages, communities, errors) -> tuple[Village | None, Community | None, bool]:
    moo_text = row.values.get("moo", "")
    community_text = row.values.get("community", "")
    if moo_text and community_text:
        errors.append(row.error("moo", _("ระบุได้อย่างใดอย่างหนึ่ง: หมู่ที่ หรือ ชื่อชุมชน")))
        return None, None, False
    if moo_text:
        cleaned = MOO_WORDS.sub("", moo_text).strip()
        moo = int(cleaned) if _ASCII_NUMBER.fullmatch(cleaned) else None
        if moo is None:
            errors.append(row.error("moo", _("หมู่ที่ '%(value)s' ไม่ถูกต้อง (ต้องเป็นตัวเลข)") % {"value": moo_text}))
        elif moo not in villages:
            errors.append(
                row.error(
                    "moo",
                    _("ตำบล%(tambon)s ไม่มีหมู่ที่ %(moo)s (ลงทะเบียนหมู่บ้านก่อน)")
                    % {"tambon": tambon.display_name, "moo": moo},
                )
            )
        else:
            return villages[moo], None, True
        return None, None, False
    if community_text:
        name = " ".join(community_text.split())
        community = communities.get(normalise(name)) or communities.get(normalise(name.removeprefix("ชุมชน")))
        if community is None:
            errors.append(
                row.error(
                    "community",
                    _("ตำบล%(tambon)s ไม่มีชุมชน '%(value)s' ที่ยังมีอยู่ (ลงทะเบียนชุมชนก่อน)")
                    % {"tambon": tambon.display_name, "value": community_text},
                )
            )
            return None, None, False
        return None, community, True
    errors.append(row.error("moo", _("ไม่ได้ระบุหมู่ที่หรือชื่อชุมชน")))
    return None, None, False


def _parse(row: Row, *, tambon, villages, communities, categories, classes) -> tuple[_Parsed | None, list]:
    errors: list[RowError] = []
    village, community, placed = _place(row, tambon, villages, communities, errors)
    values = row.values
    fields: dict = {}

    description = " ".join(values.get("description", "").split())
    if not description:
        errors.append(row.error("description", _("ไม่ได้ระบุปัญหา/ความต้องการ/โครงการ")))
    elif len(description) > 500:
        errors.append(
            row.error(
                "description", _("ข้อความยาว %(length)d ตัวอักษร เกิน 500 ตัวอักษร") % {"length": len(description)}
            )
        )
    fields["description"] = description

    category_text = values.get("category", "")
    category = categories.get(normalise(category_text)) or categories.get(normalise("ด้าน" + category_text))
    if not category_text:
        errors.append(row.error("category", _("ไม่ได้ระบุด้าน")))
    elif category is None:
        names = ", ".join(c.name_th for c in NeedCategory.objects.all())
        errors.append(
            row.error(
                "category",
                _("ไม่รู้จักด้าน '%(value)s' (ใช้ได้: %(choices)s)") % {"value": category_text, "choices": names},
            )
        )
    fields["category"] = category

    class_text = values.get("item_class", "")
    item_class = classes.get(normalise(class_text))
    if not class_text:
        errors.append(row.error("item_class", _("ไม่ได้ระบุประเภท (ทำเอง/ทำร่วม/ขอรับการสนับสนุน)")))
    elif item_class is None:
        errors.append(
            row.error(
                "item_class",
                _("ไม่รู้จักประเภท '%(value)s' (ใช้ได้: ทำเอง, ทำร่วม, ขอรับการสนับสนุน)") % {"value": class_text},
            )
        )
    fields["item_class"] = item_class

    if "partner_name" in values:
        partner = " ".join(values["partner_name"].split())
        if len(partner) > 200:
            errors.append(
                row.error(
                    "partner_name", _("ข้อความยาว %(length)d ตัวอักษร เกิน 200 ตัวอักษร") % {"length": len(partner)}
                )
            )
        fields["partner_name"] = partner
    if item_class is not None and item_class.code == "joint" and not fields.get("partner_name"):
        errors.append(row.error("partner_name", _("รายการที่ดำเนินการร่วมต้องระบุว่าดำเนินการร่วมกับใคร")))
    if "estimated_budget" in values:
        fields["estimated_budget"] = _number(
            row, "estimated_budget", errors, whole=False, low=0, high=Decimal(MAX_BUDGET) - Decimal("0.01"),
            message=_("งบประมาณ '%(value)s' ต้องเป็นจำนวนเงินไม่ติดลบ (เช่น 150000 หรือ 150,000.50)"),
        )  # fmt: skip
    if "priority" in values:
        fields["priority"] = _number(
            row, "priority", errors, whole=True, low=1, high=MAX_PRIORITY,
            message=_("ลำดับ '%(value)s' ต้องเป็นจำนวนเต็มตั้งแต่ 1 ขึ้นไป"),
        )  # fmt: skip
    if values.get("votes", "") not in ("", "-"):
        fields["votes"] = _number(
            row, "votes", errors, whole=True, low=0, high=MAX_VOTES,
            message=_("คะแนนเสียง '%(value)s' ต้องเป็นจำนวนเต็มตั้งแต่ 0 ขึ้นไป"),
        )  # fmt: skip
    if errors or not placed:
        return None, errors
    return _Parsed(row.number, village, community, fields), []


def _place_label(parsed: _Parsed) -> str:
    if parsed.village is not None:
        return _("หมู่ที่ %(moo)s") % {"moo": parsed.village.moo}
    return str(parsed.community)


@import_service
@transaction.atomic
def plans_import(*, user, tambon, fiscal_year: int, upload) -> dict[str, int]:
    """Add or update the items of the tambon's village plans of the year from a CSV/XLSX, creating the plans
    missing; all rows or none (raises TabularError listing every bad row)."""
    require_change(user, tambon)
    rows = read_table(
        upload,
        columns=COLUMNS,
        arabic_digits_for=("moo", "estimated_budget", "priority", "votes"),
        sheet=SHEET,
    )
    if rows and "moo" not in rows[0].headers and "community" not in rows[0].headers:
        raise TabularError([RowError(1, _("ไม่พบคอลัมน์ 'หมู่ที่' หรือ 'ชื่อชุมชน'"))])
    villages = {v.moo: v for v in Village.objects.filter(tambon_id=tambon.code)}
    communities = {
        normalise(c.name_th): c for c in Community.objects.filter(tambon_id=tambon.code, is_active=True)
    }
    categories = category_lookup()
    classes = class_lookup()
    plans = {
        (("v", plan.village_id) if plan.village_id else ("c", plan.community_id)): plan
        for plan in VillagePlan.objects.filter(tambon_id=tambon.code, fiscal_year=fiscal_year)
    }
    existing: dict[tuple, list[VillagePlanItem]] = {}
    for item in VillagePlanItem.objects.filter(plan__in=list(plans.values())).select_related("need"):
        plan = item.plan_id
        existing.setdefault((plan, normalise(item.description)), []).append(item)
    plan_ids = {key: plan.pk for key, plan in plans.items()}

    errors: list[RowError] = []
    parsed: list[_Parsed] = []
    seen: dict[tuple, int] = {}
    for row in rows:
        entry, row_errors = _parse(
            row,
            tambon=tambon,
            villages=villages,
            communities=communities,
            categories=categories,
            classes=classes,
        )
        errors.extend(row_errors)
        if entry is None:
            continue
        identity = (entry.place_key, normalise(entry.fields["description"]))
        if identity in seen:
            errors.append(
                row.error(
                    "description",
                    _("รายการนี้ของ%(place)s ซ้ำกับแถวที่ %(first)d")
                    % {"place": _place_label(entry), "first": seen[identity]},
                )
            )
            continue
        seen[identity] = row.number
        found = existing.get((plan_ids.get(entry.place_key), identity[1]), [])
        if len(found) > 1:
            errors.append(
                row.error(
                    "description",
                    _("แผนของ%(place)s มีรายการนี้มากกว่าหนึ่งรายการ กรุณารวมให้เหลือรายการเดียวก่อนนำเข้า")
                    % {"place": _place_label(entry)},
                )
            )
            continue
        if found and found[0].need_id and entry.fields["item_class"].code == COMMUNITY_CLASS:
            errors.append(
                row.error(
                    "item_class",
                    _("รายการนี้ส่งเข้าแผนพัฒนาตำบลแล้ว เปลี่ยนเป็นประเภทดำเนินการเองไม่ได้"),
                )
            )
            continue
        parsed.append(entry)
    raise_if_errors(errors)
    if not parsed:
        raise TabularError([RowError(None, _("ไฟล์ไม่มีรายการให้นำเข้า"))])
    return _write(user, tambon, fiscal_year, parsed, plans, existing)


def _write(user, tambon, fiscal_year, parsed: list[_Parsed], plans, existing) -> dict[str, int]:
    result = {"plans_created": 0, "created": 0, "updated": 0, "unchanged": 0}
    for entry in parsed:
        plan = plans.get(entry.place_key)
        if plan is None:
            plan = VillagePlan.objects.create(
                tambon_id=tambon.code,
                fiscal_year=fiscal_year,
                village=entry.village,
                community=entry.community,
                created_by=user,
            )
            plans[entry.place_key] = plan
            result["plans_created"] += 1
        found = existing.get((plan.pk, normalise(entry.fields["description"])))
        if not found:
            item = VillagePlanItem(plan=plan, **entry.fields)
            item.full_clean(validate_constraints=False)
            item.save()
            result["created"] += 1
            continue
        item = found[0]
        changes = {name: value for name, value in entry.fields.items() if name != "description"}
        if all(getattr(item, name) == value for name, value in changes.items()):
            result["unchanged"] += 1
            continue
        for name, value in changes.items():
            setattr(item, name, value)
        item.version += 1
        item.full_clean(validate_constraints=False)
        item.save()
        sync_need(user=user, item=item)
        result["updated"] += 1
    return result


def template(tambon) -> bytes:
    """The import template of a tambon: its village numbers (and communities) in the examples and notes."""
    villages = list(Village.objects.filter(tambon_id=tambon.code).order_by("moo"))
    communities = list(Community.objects.filter(tambon_id=tambon.code, is_active=True))
    columns = [c for c in COLUMNS if c.key != "community" or communities]
    moo = villages[0].moo if villages else 1
    examples = [
        [moo, "ถนนเข้าหมู่บ้านชำรุดเป็นหลุมบ่อ ต้องการถนนคอนกรีต", "ด้านโครงสร้างพื้นฐาน", "ขอรับการสนับสนุน",
         "องค์การบริหารส่วนตำบล", 450000, 1, 87],
        [moo, "ฝึกอาชีพทอผ้าไหมให้กลุ่มสตรี", "ด้านเศรษฐกิจ", "ทำร่วม", "สำนักงานพัฒนาชุมชนอำเภอ", 30000, 2, 54],
        [moo, "รณรงค์คัดแยกขยะในครัวเรือน", "ด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม", "ทำเอง", "", "", 3, 40],
    ]  # fmt: skip
    if communities:
        examples = [[row[0], "", *row[1:]] for row in examples]
        examples.append(["", communities[0].name_th, "ไฟฟ้าส่องสว่างในซอยไม่ทั่วถึง", "ด้านโครงสร้างพื้นฐาน",
                         "ขอรับการสนับสนุน", "เทศบาล", 120000, 1, 33])  # fmt: skip
    notes = [
        _("หนึ่งแถวต่อหนึ่งรายการในแผนพัฒนาหมู่บ้าน แถวแรกเป็นหัวตาราง ห้ามเปลี่ยนชื่อหัวตาราง"),
        _("หมู่ที่: ตัวเลขหมู่ของหมู่บ้านในตำบล%(tambon)s (%(villages)s)")
        % {"tambon": tambon.name_th, "villages": ", ".join(str(v.moo) for v in villages) or "-"},
        _("ชื่อชุมชน: ใช้แทนหมู่ที่ในเขตเทศบาลที่จัดทำแผนชุมชน (ชุมชนที่ลงทะเบียนไว้: %(communities)s)")
        % {"communities": ", ".join(c.name_th for c in communities) or "-"},
        _("ด้าน (จำเป็น): %(choices)s") % {"choices": ", ".join(c.name_th for c in NeedCategory.objects.all())},
        _(
            "ประเภท (จำเป็น): ทำเอง (หมู่บ้านดำเนินการเอง อยู่ในแผนหมู่บ้าน), ทำร่วม (ต้องระบุว่าร่วมกับใคร), "
            "ขอรับการสนับสนุน (ส่งเข้าแผนพัฒนาตำบล)"
        ),  # fmt: skip
        _("งบประมาณเป็นบาท ลำดับเป็นลำดับความสำคัญ คะแนนเสียงจากเวทีประชาคม ใช้เลขไทยหรือเลขอารบิกก็ได้"),
        _("แผนของหมู่บ้านที่ยังไม่มีแผนในปีนี้จะถูกสร้างให้ รายการที่หมู่บ้านและข้อความตรงกับที่มีอยู่จะถูกปรับปรุง ไม่สร้างซ้ำ"),
        _("ระบบตรวจทุกแถวก่อน หากมีแถวใดผิดจะไม่บันทึกเลยสักแถว"),
    ]
    return build_xlsx_template(
        columns,
        sheet_title=SHEET,
        example_rows=examples,
        notes=notes,
        choices={
            "moo": [str(v.moo) for v in villages],
            "category": [c.name_th for c in NeedCategory.objects.all()],
            "item_class": ["ทำเอง", "ทำร่วม", "ขอรับการสนับสนุน"],
            **({"community": [c.name_th for c in communities]} if communities else {}),
        },
    )
