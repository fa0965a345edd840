"""Spreadsheet imports into a plan: needs, projects (form ผ.02) and a bulk update of project status.

Every importer follows the import rules of the design: the user must be allowed to change the plan, every
row is checked before anything is written, every bad row is reported with its row number and a Thai
reason (`TabularError`), nothing is written when any row is bad, and importing the same file again
changes nothing (rows are matched to existing records by an identity, not added again).

A column missing from the file leaves that field of existing records as it is; an empty cell in a column
with a default (ที่มา, ความรุนแรง, คะแนนเสียง, สถานะ) gives the default to a new record and keeps the value
of an existing one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Prefetch
from django.utils import translation
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from tambonplan.accounts.scope import require_change
from tambonplan.areas.models import Village
from tambonplan.core.bulk import copy_into_history, insert_rows
from tambonplan.core.history import import_service
from tambonplan.core.tabular import Column, Row, RowError, TabularError, read_table
from tambonplan.planning.categories import category_id_of_needs
from tambonplan.planning.models import (
    Need,
    NeedCategory,
    NeedSource,
    Project,
    ProjectBudget,
    ProjectClass,
    ProjectStatus,
    TambonPlan,
    TargetKind,
)
from tambonplan.thai.digits import to_arabic_digits, to_thai_digits
from tambonplan.thai.money import parse_number

# Sheet names of the exported workbook and the templates: an import reads the sheet of its own name
# when the uploaded workbook has one, so the whole exported plan workbook re-imports as it is.
NEEDS_SHEET = "ปัญหาความต้องการ"
PROJECTS_SHEET = "โครงการ"
STATUS_SHEET = "สถานะโครงการ"

IMPORT_REASON = "นำเข้าจากไฟล์"
ALL_VILLAGES = "ทุกหมู่บ้าน"
TAMBON_WIDE = "ทั้งตำบล"
BUDGET_YEARS = 3  # the plan's fiscal year and the next two
MAX_AMOUNT = Decimal("999999999999.99")  # ProjectBudget.amount: 14 digits, 2 decimals
MAX_PRIORITY = 32767

# ---------------------------------------------------------------------------------------------- columns

NEED_COLUMNS = (
    Column("moo", ("moo", "village_no", "หมู่", "หมู่ที่")),
    Column("category", ("category", "ด้าน"), required=True),
    Column("description", ("description", "need", "ปัญหา", "ความต้องการ", "ปัญหา/ความต้องการ"), required=True),
    Column("source", ("source", "ที่มา")),
    Column("severity", ("severity", "ความรุนแรง (1-5)", "ความรุนแรง (1–5)", "ความรุนแรง")),
    Column("votes", ("votes", "คะแนนเสียงประชาคม", "คะแนนเสียง")),
)

# The budget columns ("งบประมาณ 2569" ...) depend on the plan's year: see `project_columns(plan)`.
PROJECT_COLUMNS = (
    Column("priority", ("priority", "ลำดับความสำคัญ")),
    Column("name", ("name", "project", "โครงการ", "ชื่อโครงการ"), required=True),
    Column("development_issue", ("development_issue", "ประเด็นการพัฒนา")),
    Column("objective", ("objective", "วัตถุประสงค์")),
    Column("target_output", ("target_output", "เป้าหมาย", "ผลผลิต", "เป้าหมาย (ผลผลิต)")),
    Column("villages", ("villages", "หมู่บ้าน", "หมู่ที่", "หมู่บ้านเป้าหมาย")),
    Column("kpi", ("kpi", "ตัวชี้วัด")),
    Column("expected_result", ("expected_result", "ผลที่คาดว่าจะได้รับ")),
    Column("lead_agency", ("lead_agency", "หน่วยงานรับผิดชอบ", "หน่วยงานรับผิดชอบหลัก")),
    Column("budget_source", ("budget_source", "แหล่งงบประมาณที่คาดว่าจะได้รับ", "แหล่งงบประมาณ")),
    Column("project_class", ("project_class", "class", "ประเภทโครงการ", "ประเภท"), required=True),
    Column("target_kind", ("target_kind", "ขอรับการสนับสนุนจาก")),
    Column(
        "target_name",
        ("target_name", "ชื่อหน่วยงาน/ภาคีที่ขอรับการสนับสนุน", "ชื่อหน่วยงานที่ขอรับการสนับสนุน"),
    ),
    Column("category", ("category", "ด้านของโครงการ", "ด้าน")),
    Column("needs", ("needs", "ปัญหาที่ตอบ", "ความต้องการที่ตอบ", "ปัญหา/ความต้องการที่ตอบ")),
)
PROJECT_STATUS_COLUMN = Column("status", ("status", "สถานะ"))

STATUS_COLUMNS = (
    Column("project_id", ("project_id", "id", "รหัส", "รหัสโครงการ")),
    Column("name", ("name", "project", "โครงการ", "ชื่อโครงการ")),
    Column("status", ("status", "สถานะ"), required=True),
)

TEXT_LIMITS = {
    "name": 300,
    "development_issue": 300,
    "kpi": 300,
    "lead_agency": 200,
    "budget_source": 200,
    "target_name": 200,
}
TEXT_FIELDS = ("development_issue", "objective", "target_output", "kpi", "expected_result", "lead_agency",
               "budget_source", "target_name")  # fmt: skip


def budget_years(plan: TambonPlan) -> list[int]:
    """The fiscal years that have a budget column: the plan's year and the next two."""
    return [plan.fiscal_year + offset for offset in range(BUDGET_YEARS)]


def budget_header(year: int) -> str:
    return f"งบประมาณ {year}"


def budget_column(year: int, key: str) -> Column:
    """The column `key` of the year's budget, under its spellings (งบประมาณ ๒๕๖๙ (บาท), ปี 2569, ...)."""
    thai_year = to_thai_digits(year)
    spellings = [f"budget_{year}"]
    for y in dict.fromkeys((thai_year, str(year))):
        spellings += [f"งบประมาณ พ.ศ. {y}", f"งบประมาณ {y} (บาท)", f"งบประมาณ ปี {y}", f"ปี {y}"]
    spellings.append(f"งบประมาณ {thai_year}")
    spellings.append(budget_header(year))
    return Column(key, tuple(spellings))


def project_columns(plan: TambonPlan) -> tuple[Column, ...]:
    """The project import's columns for this plan: `PROJECT_COLUMNS`, a budget column for each of the
    plan's three years, then สถานะ."""
    years = budget_years(plan)
    return (
        *PROJECT_COLUMNS,
        *(budget_column(year, f"budget_{year}") for year in years),
        PROJECT_STATUS_COLUMN,
    )


def other_year_columns(plan: TambonPlan) -> tuple[Column, ...]:
    """Budget columns of nearby years that are not the plan's: recognised only to refuse their amounts."""
    years = set(budget_years(plan))
    return tuple(
        budget_column(year, f"other_{year}")
        for year in range(plan.fiscal_year - 10, plan.fiscal_year + 11)
        if year not in years
    )


# ---------------------------------------------------------------------------------------------- helpers


def normalise(text: str) -> str:
    """Text for matching names, descriptions and labels: NFC, case-folded, without white space (Thai is
    written without spaces between words, so "ถนน คสล." equals "ถนนคสล." and "อื่นๆ" equals "อื่น ๆ")."""
    return "".join(unicodedata.normalize("NFC", text).split()).casefold()


_key = normalise


def choice_lookup(
    choices: Iterable[tuple[str, object]], extra: dict[str, str] | None = None
) -> dict[str, str]:
    """label or code -> value, for the labels in Thai and in the active language, and each label without
    its parenthesised part ("อำเภอ (แผนพัฒนาอำเภอ)" is also "อำเภอ")."""
    choices = list(choices)
    lookup: dict[str, str] = {}
    labels = [str(label) for _value, label in choices]
    with translation.override("th"):
        thai_labels = [str(label) for _value, label in choices]
    for (value, _label), label, thai in zip(choices, labels, thai_labels, strict=True):
        lookup[_key(value)] = value
        for text in (label, thai):
            lookup.setdefault(_key(text), value)
            short = re.sub(r"\s*\(.*\)\s*$", "", text)
            if short:
                lookup.setdefault(_key(short), value)
    for text, value in (extra or {}).items():
        lookup.setdefault(_key(text), value)
    return lookup


def thai_label(choices_class, value: str) -> str:
    """The Thai label of a choice's value, whatever the active language (files always say it in Thai)."""
    with translation.override("th"):
        return str(choices_class(value).label)


def choice_names(choices_class) -> str:
    """The Thai labels of a choices class, for messages and notes: "เสนอ, บรรจุในแผนแล้ว, ..."."""
    with translation.override("th"):
        return ", ".join(str(label) for _value, label in choices_class.choices)


TARGET_ABBREVIATIONS = {
    "อปท.": TargetKind.LOCAL_GOVERNMENT,
    "อปท": TargetKind.LOCAL_GOVERNMENT,
    "อบต.": TargetKind.LOCAL_GOVERNMENT,
    "เทศบาล": TargetKind.LOCAL_GOVERNMENT,
    "ท้องถิ่น": TargetKind.LOCAL_GOVERNMENT,
    "แผนพัฒนาท้องถิ่น": TargetKind.LOCAL_GOVERNMENT,
    "แผนพัฒนาอำเภอ": TargetKind.DISTRICT,
    "แผนพัฒนาจังหวัด": TargetKind.PROVINCE,
    "ภาคี": TargetKind.PARTNER,
}

MOO_WORDS = re.compile(r"หมู่ที่|หมู่บ้าน|หมู่|ม\.")
_SEPARATORS = re.compile(r"[\s,;/、]+")
# A village number: ASCII digits only (str.isdigit() also accepts "²", which int() cannot read) and short
# enough for int() (which refuses more than 4,300 digits).
_ASCII_NUMBER = re.compile(r"[0-9]{1,9}")


def cell_error(row: Row, key: str, message: str) -> RowError:
    """The row's error in column `key`, the column named as the file's header row names it (as the
    template does when the file has no such column)."""
    return row.error(key, message)


def _int(text: str) -> int | None:
    """A whole number as typed ("12", "1,234", "12.0"); None when it is not one."""
    try:
        value = parse_number(text)
    except ValueError:
        return None
    if value != value.to_integral_value():
        return None
    return int(value)


def _is_zero(text: str) -> bool:
    """An empty cell, "-" or a zero amount."""
    if text in ("", "-"):
        return True
    try:
        return parse_number(text) == 0
    except ValueError:
        return False


def _villages_by_moo(plan: TambonPlan) -> dict[int, Village]:
    return {village.moo: village for village in Village.objects.filter(tambon_id=plan.tambon_id)}


def _moo_number(text: str) -> int | None:
    cleaned = MOO_WORDS.sub("", text).strip()
    return int(cleaned) if _ASCII_NUMBER.fullmatch(cleaned) else None


def _check_length(row: Row, key: str, value: str, limit: int, errors: list[RowError]) -> None:
    if len(value) > limit:
        errors.append(
            cell_error(
                row,
                key,
                _("ข้อความยาว %(length)d ตัวอักษร เกิน %(limit)d ตัวอักษร")
                % {"length": len(value), "limit": limit},
            )
        )


def raise_if_errors(errors: list[RowError]) -> None:
    """Raise TabularError listing the errors in row order, if there are any."""
    if errors:
        raise TabularError(sorted(errors, key=lambda error: error.row or 0))


# ---------------------------------------------------------------------------------------------- needs


@dataclass
class _NeedRow:
    number: int
    village: Village | None
    category: NeedCategory
    description: str
    source: str | None  # None: empty cell (default, or keep)
    severity: int | None
    votes: int | None


def category_lookup() -> dict[str, NeedCategory]:
    """Category name, with or without its leading "ด้าน" (normalised) -> the category."""
    lookup: dict[str, NeedCategory] = {}
    for category in NeedCategory.objects.all():
        lookup[_key(category.name_th)] = category
        short = category.name_th.removeprefix("ด้าน").strip()
        if short:
            lookup.setdefault(_key(short), category)
    return lookup


def _find_category(
    row: Row, categories: dict[str, NeedCategory], errors: list[RowError]
) -> NeedCategory | None:
    """The category the row's ด้าน cell names (not empty); None, with the row's error, when it names none."""
    text = row.values["category"]
    category = categories.get(_key(text)) or categories.get(_key("ด้าน" + text))
    if category is None:
        message = _("ไม่รู้จักด้าน '%(value)s' (ใช้ได้: %(choices)s)")
        errors.append(_unknown_choice(row, "category", message, text, categories))
    return category


def _unknown_choice(row: Row, key: str, message: str, text: str, lookup: dict) -> RowError:
    """The row's error for a cell naming no entry of `lookup`, the message listing the Thai names it knows."""
    names = ", ".join(dict.fromkeys(entry.name_th for entry in lookup.values()))
    return cell_error(row, key, message % {"value": text, "choices": names})


def _parse_need(row: Row, *, villages, categories, sources, tambon_name) -> tuple[_NeedRow | None, list]:
    values = row.values
    errors: list[RowError] = []

    village = None
    moo_text = values.get("moo", "")
    if moo_text and _key(moo_text) not in (_key(TAMBON_WIDE), "-"):
        moo = _moo_number(moo_text)
        if moo is None:
            errors.append(
                cell_error(row, "moo", _("หมู่ที่ '%(value)s' ไม่ถูกต้อง (ต้องเป็นตัวเลข)") % {"value": moo_text})
            )
        elif moo not in villages:
            errors.append(
                cell_error(
                    row,
                    "moo",
                    _("ตำบล%(tambon)s ไม่มีหมู่ที่ %(moo)s (ลงทะเบียนหมู่บ้านก่อน หรือเว้นว่างหากเป็นของทั้งตำบล)")
                    % {"tambon": tambon_name, "moo": moo},
                )
            )
        else:
            village = villages[moo]

    category = None
    if not values.get("category", ""):
        errors.append(cell_error(row, "category", _("ไม่ได้ระบุด้าน")))
    else:
        category = _find_category(row, categories, errors)

    description = " ".join(values.get("description", "").split())
    if not description:
        errors.append(cell_error(row, "description", _("ไม่ได้ระบุปัญหา/ความต้องการ")))
    else:
        _check_length(row, "description", description, 500, errors)

    source = None
    source_text = values.get("source", "")
    if source_text:
        source = sources.get(_key(source_text))
        if source is None:
            errors.append(
                cell_error(
                    row,
                    "source",
                    _("ไม่รู้จักที่มา '%(value)s' (ใช้ได้: %(choices)s)")
                    % {"value": source_text, "choices": choice_names(NeedSource)},
                )
            )

    severity = None
    severity_text = values.get("severity", "")
    if severity_text:
        severity = _int(severity_text)
        if severity is None or not 1 <= severity <= 5:
            errors.append(
                cell_error(
                    row, "severity", _("ความรุนแรง '%(value)s' ต้องเป็นตัวเลข 1 ถึง 5") % {"value": severity_text}
                )
            )

    votes = None
    votes_text = values.get("votes", "")
    if votes_text:
        votes = _int(votes_text)
        if votes is None or votes < 0 or votes > 2_147_483_647:
            errors.append(
                cell_error(
                    row,
                    "votes",
                    _("คะแนนเสียง '%(value)s' ต้องเป็นจำนวนเต็มตั้งแต่ 0 ขึ้นไป") % {"value": votes_text},
                )
            )
    if errors:
        return None, errors
    return _NeedRow(row.number, village, category, description, source, severity, votes), []


def need_identity(village_id: int | None, description: str) -> tuple[int | None, str]:
    return village_id, normalise(description)


@import_service
@transaction.atomic
def needs_import(*, user, plan: TambonPlan, upload) -> dict[str, int]:
    """Add or update the plan's needs from a CSV/XLSX; a need is matched by (village, description).
    All rows or none: raises TabularError listing every bad row."""
    require_change(user, plan)
    rows = read_table(
        upload, columns=NEED_COLUMNS, arabic_digits_for=("moo", "severity", "votes"), sheet=NEEDS_SHEET
    )
    villages = _villages_by_moo(plan)
    categories = category_lookup()
    sources = choice_lookup(NeedSource.choices, {"แผนหมู่บ้าน": NeedSource.VILLAGE_PLAN, "แผนชุมชน":
                            NeedSource.VILLAGE_PLAN, "ประชาคม": NeedSource.FORUM, "จปฐ.": NeedSource.JPT,
                            "กชช.2ค": NeedSource.KCH2K, "อื่นๆ": NeedSource.OTHER})  # fmt: skip
    existing: dict[tuple, list[Need]] = {}
    for need in plan.needs.all():
        existing.setdefault(need_identity(need.village_id, need.description), []).append(need)

    errors: list[RowError] = []
    parsed: list[_NeedRow] = []
    seen: dict[tuple, int] = {}
    for row in rows:
        need_row, row_errors = _parse_need(
            row, villages=villages, categories=categories, sources=sources, tambon_name=plan.tambon.name_th
        )
        errors.extend(row_errors)
        if need_row is None:
            continue
        identity = need_identity(need_row.village.pk if need_row.village else None, need_row.description)
        where = f"หมู่ที่ {need_row.village.moo}" if need_row.village else TAMBON_WIDE
        if identity in seen:
            errors.append(
                cell_error(
                    row,
                    "description",
                    _("ปัญหา/ความต้องการนี้ของ%(where)s ซ้ำกับแถวที่ %(first)d")
                    % {"where": where, "first": seen[identity]},
                )
            )
            continue
        seen[identity] = row.number
        if len(existing.get(identity, ())) > 1:
            errors.append(
                cell_error(
                    row,
                    "description",
                    _("แผนนี้มีปัญหา/ความต้องการนี้ของ%(where)s มากกว่าหนึ่งรายการ กรุณารวมให้เหลือรายการเดียวก่อนนำเข้า")
                    % {"where": where},
                )
            )
            continue
        parsed.append(need_row)
    raise_if_errors(errors)
    return _write_needs(plan, parsed, existing, user=user)


def _write_needs(plan, parsed: list[_NeedRow], existing, *, user) -> dict[str, int]:
    to_create: list[Need] = []
    to_update: list[Need] = []
    fields = ["category", "source", "severity", "votes"]  # the description is the identity: kept as written
    for r in parsed:
        found = existing.get(need_identity(r.village.pk if r.village else None, r.description))
        if not found:
            to_create.append(
                Need(
                    plan=plan,
                    village=r.village,
                    category=r.category,
                    description=r.description,
                    source=r.source or NeedSource.VILLAGE_PLAN,
                    severity=r.severity if r.severity is not None else 3,
                    votes=r.votes if r.votes is not None else 0,
                )
            )
            continue
        need = found[0]
        wanted = {
            "category": r.category,
            "source": r.source or need.source,
            "severity": need.severity if r.severity is None else r.severity,
            "votes": need.votes if r.votes is None else r.votes,
        }
        if any(getattr(need, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(need, name, value)
            to_update.append(need)
    if to_create:
        bulk_create_with_history(
            to_create, Need, batch_size=500, default_user=user, default_change_reason=IMPORT_REASON
        )
    if to_update:
        bulk_update_with_history(
            to_update, Need, fields, batch_size=500, default_user=user, default_change_reason=IMPORT_REASON
        )
    return {
        "created": len(to_create),
        "updated": len(to_update),
        "unchanged": len(parsed) - len(to_create) - len(to_update),
    }


# ---------------------------------------------------------------------------------------------- projects


@dataclass
class _ProjectRow:
    number: int
    # field name -> value, only for the columns present in the file (project_class always)
    fields: dict[str, object]
    villages: list[Village] | None  # None: no villages column
    budgets: dict[int, Decimal | None] = field(default_factory=dict)  # year -> amount (None: no budget)
    status: str | None = None  # None: empty cell or no column
    needs: list[Need] | None = None  # None: no needs column


# Needs in a cell: separated by commas, semicolons or new lines; each by its text or its id ("#12", "12").
NEED_SEPARATORS = re.compile(r"([,;\n])")
_NEED_ID = re.compile(r"#?\s*([0-9๐-๙]{1,9})")


def _pieces(text: str) -> list[str]:
    """The text split at the need separators, the separators kept: [part, separator, part, ...]."""
    return NEED_SEPARATORS.split(text)


class NeedLookup:
    """A plan's needs as a project file names them: by text (normalised; a text may hold a separator
    itself) or by id as the plan page shows it."""

    def __init__(self, needs: Iterable[Need]):
        self.by_pk: dict[int, Need] = {}
        self.by_text: dict[str, list[Need]] = {}
        self.prefixes: set[str] = set()  # the keys of a text's first parts, when the text holds separators
        for need in needs:
            self.by_pk[need.pk] = need
            pieces = [normalise(piece) for piece in _pieces(need.description)]
            self.by_text.setdefault("".join(pieces), []).append(need)
            self.prefixes.update("".join(pieces[:end]) for end in range(1, len(pieces), 2))

    @classmethod
    def of_plan(cls, plan: TambonPlan) -> NeedLookup:
        return cls(plan.needs.order_by("pk"))

    def cell(self, needs: Iterable[Need]) -> str:
        """The needs as a cell that reads back as the same needs: each by its text, or by its id when the
        text is another need's too or holds a separator."""
        names = []
        for need in sorted(needs, key=lambda need: need.pk):
            unique = len(self.by_text.get(normalise(need.description), ())) == 1
            plain = unique and not NEED_SEPARATORS.search(need.description)
            names.append(need.description if plain else f"#{need.pk}")
        return "; ".join(names)

    def parse(self, row: Row, errors: list[RowError]) -> list[Need]:
        """The needs a row's cell names, in order, each once; the first name that names no single need of
        the plan is the row's error (the parts after it are not read)."""
        text = row.values.get("needs", "")
        if text in ("", "-"):
            return []
        pieces = _pieces(text)
        parts, separators = pieces[0::2], pieces[1::2]
        chosen: dict[int, Need] = {}
        start = 0
        while start < len(parts):
            if not parts[start].strip():
                start += 1
                continue
            end, found = self._match(parts, separators, start)
            name = "".join(pieces[2 * start : 2 * end + 1]).strip()
            if found is None:
                errors.append(self._unknown(row, name))
                break
            if len(found) > 1:
                ids = ", ".join(f"#{need.pk}" for need in found)
                errors.append(
                    cell_error(
                        row,
                        "needs",
                        _("แผนนี้มีปัญหา/ความต้องการ '%(value)s' มากกว่าหนึ่งรายการ (%(ids)s) ให้ระบุด้วยรหัสแทน")
                        % {"value": name, "ids": ids},
                    )
                )
                break
            chosen.setdefault(found[0].pk, found[0])
            start = end + 1
        return list(chosen.values())

    def _match(self, parts: list[str], separators: list[str], start: int) -> tuple[int, list[Need] | None]:
        """(the last part of the name that starts at `start`, the needs it names): the part alone when it
        names a need, else the part and the ones after it as long as they begin a need's text, else an id."""
        key = normalise(parts[start])
        end = start
        while key not in self.by_text and key in self.prefixes and end + 1 < len(parts):
            key += normalise(separators[end]) + normalise(parts[end + 1])
            end += 1
        if key in self.by_text:
            return end, self.by_text[key]
        number = _NEED_ID.fullmatch(parts[start].strip())
        need = self.by_pk.get(int(to_arabic_digits(number.group(1)))) if number else None
        return start, [need] if need else None

    @staticmethod
    def _unknown(row: Row, name: str) -> RowError:
        return cell_error(
            row,
            "needs",
            _(
                "ไม่พบปัญหา/ความต้องการ '%(value)s' ในแผนนี้ (ระบุข้อความตามที่บันทึกไว้ หรือรหัสตามหน้าแผน เช่น #12 "
                "หลายรายการคั่นด้วย , หรือ ; หรือขึ้นบรรทัดใหม่)"
            )
            % {"value": name},
        )


def class_lookup() -> dict[str, ProjectClass]:
    """Project class code or Thai name (normalised) -> the class."""
    lookup: dict[str, ProjectClass] = {}
    for project_class in ProjectClass.objects.all():
        lookup[_key(project_class.code)] = project_class
        lookup.setdefault(_key(project_class.name_th), project_class)
    return lookup


def parse_amount(row: Row, key: str, errors: list[RowError]) -> Decimal | None:
    """The amount in baht of the row's cell `key` (Thai digits, separators, "บาท" allowed), None when empty,
    "-" or zero; a Thai error in `errors` when it is not a valid amount."""
    text = row.values.get(key, "")
    if not text or text == "-":
        return None
    try:
        amount = parse_number(text)
    except ValueError:
        errors.append(
            cell_error(
                row, key, _("งบประมาณ '%(value)s' ไม่ใช่ตัวเลข (เช่น 150,000 หรือ 150000.50)") % {"value": text}
            )
        )
        return None
    if amount < 0:
        errors.append(cell_error(row, key, _("งบประมาณ '%(value)s' ติดลบไม่ได้") % {"value": text}))
        return None
    if amount > MAX_AMOUNT:  # before quantize(), which cannot round a number of more than 28 digits
        errors.append(cell_error(row, key, _("งบประมาณ '%(value)s' มากเกินไป") % {"value": text}))
        return None
    if amount != amount.quantize(Decimal("0.01")):
        errors.append(cell_error(row, key, _("งบประมาณ '%(value)s' มีทศนิยมเกิน 2 ตำแหน่ง") % {"value": text}))
        return None
    return amount or None  # zero: no budget for the year


def _parse_villages(row: Row, villages: dict[int, Village], tambon_name: str, errors) -> list[Village]:
    text = row.values.get("villages", "")
    if not text or text == "-":
        return []
    if _key(text) in (_key(ALL_VILLAGES), _key("ทุกหมู่"), _key(TAMBON_WIDE)):
        return sorted(villages.values(), key=lambda village: village.moo)
    chosen: dict[int, Village] = {}
    for token in _SEPARATORS.split(MOO_WORDS.sub(" ", text)):
        if not token:
            continue
        if not _ASCII_NUMBER.fullmatch(token):
            errors.append(
                cell_error(
                    row,
                    "villages",
                    _("หมู่บ้านเป้าหมาย '%(value)s' ไม่ถูกต้อง: ใส่หมายเลขหมู่คั่นด้วยจุลภาค เช่น 1, 3, 5 หรือ '%(all)s'")
                    % {"value": text, "all": ALL_VILLAGES},
                )
            )
            return []
        moo = int(token)
        if moo not in villages:
            errors.append(
                cell_error(
                    row, "villages", _("ตำบล%(tambon)s ไม่มีหมู่ที่ %(moo)s") % {"tambon": tambon_name, "moo": moo}
                )
            )
            continue
        chosen[moo] = villages[moo]
    return [chosen[moo] for moo in sorted(chosen)]


def parse_project(
    row: Row,
    *,
    present: set[str],
    classes,
    targets,
    statuses,
    villages,
    categories,
    needs: NeedLookup,
    years,
    tambon_name,
    existing,
) -> tuple[_ProjectRow | None, list[RowError]]:
    """One row of a project file checked and parsed: (the row, []) or (None, its errors). Only the columns
    in `present` (the file's column keys) are set; the lookups are those `projects_import` builds, and
    `existing` (normalised name -> project, with its needs) tells whether a support project already has its
    target and which needs a project keeps when the file has no needs column."""
    values = row.values
    errors: list[RowError] = []
    fields: dict[str, object] = {}

    name = " ".join(values.get("name", "").split())
    if not name:
        errors.append(cell_error(row, "name", _("ไม่ได้ระบุชื่อโครงการ")))
    else:
        _check_length(row, "name", name, TEXT_LIMITS["name"], errors)
    fields["name"] = name

    if "priority" in present:
        text = values.get("priority", "")
        priority = None
        if text:
            priority = _int(text)
            if priority is None or not 1 <= priority <= MAX_PRIORITY:
                errors.append(
                    cell_error(
                        row,
                        "priority",
                        _("ลำดับความสำคัญ '%(value)s' ต้องเป็นจำนวนเต็มตั้งแต่ 1 ขึ้นไป") % {"value": text},
                    )
                )
                priority = None
        fields["priority"] = priority

    for key in TEXT_FIELDS:
        if key in present:
            value = values.get(key, "")
            if key in TEXT_LIMITS:
                _check_length(row, key, value, TEXT_LIMITS[key], errors)
            fields[key] = value

    class_text = values.get("project_class", "")
    project_class = classes.get(_key(class_text)) if class_text else None
    if not class_text:
        errors.append(cell_error(row, "project_class", _("ไม่ได้ระบุประเภทโครงการ")))
    elif project_class is None:
        message = _("ไม่รู้จักประเภทโครงการ '%(value)s' (ใช้ได้: %(choices)s)")
        errors.append(_unknown_choice(row, "project_class", message, class_text, classes))
    fields["project_class"] = project_class

    if "target_kind" in present:
        text = values.get("target_kind", "")
        target_kind = ""
        if text and text != "-":
            target_kind = targets.get(_key(text), "")
            if not target_kind:
                errors.append(
                    cell_error(
                        row,
                        "target_kind",
                        _("ไม่รู้จัก '%(value)s' ในช่องขอรับการสนับสนุนจาก (ใช้ได้: %(choices)s)")
                        % {"value": text, "choices": choice_names(TargetKind)},
                    )
                )
                target_kind = None
        fields["target_kind"] = target_kind
    if project_class is not None and project_class.needs_target and fields.get("target_kind", "") is not None:
        current = existing.get(normalise(name))
        if "target_kind" in present:
            effective = fields["target_kind"]
        else:
            effective = current.target_kind if current else ""
        if not effective:
            errors.append(
                cell_error(
                    row,
                    "target_kind",
                    _("โครงการประเภท '%(class)s' ต้องระบุว่าขอรับการสนับสนุนจากใคร (%(choices)s)")
                    % {"class": project_class.name_th, "choices": choice_names(TargetKind)},
                )
            )

    chosen = _parse_villages(row, villages, tambon_name, errors) if "villages" in present else None
    linked = needs.parse(row, errors) if "needs" in present else None
    current = existing.get(normalise(name))
    if values.get("category", ""):
        fields["category"] = _find_category(row, categories, errors)
    elif "category" in present or ("needs" in present and (current is None or current.category_id is None)):
        # No category given: the one its needs share (those of the row, else those it has).
        answered = linked if linked is not None else current.needs.all() if current else []
        shared = category_id_of_needs(answered)
        fields["category"] = next((c for c in categories.values() if c.pk == shared), None)

    budgets: dict[int, Decimal | None] = {}
    for year in years:
        key = f"budget_{year}"
        if key in present:
            budgets[year] = parse_amount(row, key, errors)
    for key in sorted(present):
        if key.startswith("other_") and not _is_zero(values.get(key, "")):
            errors.append(
                cell_error(
                    row,
                    key,
                    _("แผนปีงบประมาณ %(year)s รับงบประมาณได้เฉพาะปี %(years)s: ย้ายจำนวนเงินไปคอลัมน์ของปีเหล่านั้น")
                    % {"year": years[0], "years": ", ".join(str(y) for y in years)},
                )
            )

    status = None
    status_text = values.get("status", "")
    if status_text:
        status = statuses.get(_key(status_text))
        if status is None:
            errors.append(
                cell_error(
                    row,
                    "status",
                    _("ไม่รู้จักสถานะ '%(value)s' (ใช้ได้: %(choices)s)")
                    % {"value": status_text, "choices": choice_names(ProjectStatus)},
                )
            )
    if errors:
        return None, errors
    return _ProjectRow(row.number, fields, chosen, budgets, status, linked), []


def _existing_projects(plan: TambonPlan) -> tuple[dict[str, Project], set[str]]:
    """(normalised name -> project, names used by more than one project) of the plan, with their villages,
    budgets and needs."""
    projects = plan.projects.prefetch_related(
        Prefetch("villages", queryset=Village.objects.order_by("moo")), "budgets", "needs"
    )
    by_name: dict[str, Project] = {}
    ambiguous: set[str] = set()
    for project in projects:
        key = normalise(project.name)
        if key in by_name:
            ambiguous.add(key)
        by_name.setdefault(key, project)
    return by_name, ambiguous


@import_service
@transaction.atomic
def projects_import(*, user, plan: TambonPlan, upload) -> dict[str, int]:
    """Add or update the plan's projects (form ผ.02) from a CSV/XLSX; a project is matched by its name.
    Budgets go to ProjectBudget, one per year (zero or empty: none). All rows or none."""
    require_change(user, plan)
    years = budget_years(plan)
    columns = project_columns(plan) + other_year_columns(plan)
    digit_keys = ["priority", "villages", *(f"budget_{year}" for year in years)]
    rows = read_table(upload, columns=columns, arabic_digits_for=digit_keys, sheet=PROJECTS_SHEET)
    present = set(rows[0].headers)
    villages = _villages_by_moo(plan)
    classes = class_lookup()
    targets = choice_lookup(TargetKind.choices, TARGET_ABBREVIATIONS)
    statuses = choice_lookup(ProjectStatus.choices)
    categories = category_lookup()
    needs = NeedLookup.of_plan(plan)
    existing, ambiguous = _existing_projects(plan)

    errors: list[RowError] = []
    parsed: list[_ProjectRow] = []
    seen: dict[str, int] = {}
    for row in rows:
        project_row, row_errors = parse_project(
            row,
            present=present,
            classes=classes,
            targets=targets,
            statuses=statuses,
            villages=villages,
            categories=categories,
            needs=needs,
            years=years,
            tambon_name=plan.tambon.name_th,
            existing=existing,
        )
        errors.extend(row_errors)
        if project_row is None:
            continue
        key = normalise(project_row.fields["name"])
        if key in seen:
            errors.append(cell_error(row, "name", _("ชื่อโครงการซ้ำกับแถวที่ %(first)d") % {"first": seen[key]}))
            continue
        seen[key] = row.number
        if key in ambiguous:
            errors.append(
                cell_error(
                    row,
                    "name",
                    _("แผนนี้มีโครงการชื่อนี้อยู่แล้วมากกว่าหนึ่งโครงการ กรุณาเปลี่ยนชื่อให้ไม่ซ้ำกันก่อนนำเข้า"),
                )
            )
            continue
        parsed.append(project_row)
    raise_if_errors(errors)
    return write_projects(plan, parsed, existing, user=user)


def _budget_map(project: Project) -> dict[int, Decimal]:
    return {budget.fiscal_year: budget.amount for budget in project.budgets.all()}


def write_projects(plan, parsed: list[_ProjectRow], existing: dict[str, Project], *, user) -> dict[str, int]:
    """Update the matched projects one by one (few, as a rule) and create the new ones in bulk: projects
    with their history, then their villages and budgets, a handful of queries whatever the number of rows."""
    created: list[tuple[Project, _ProjectRow]] = []
    updated = unchanged = 0
    for r in parsed:
        project = existing.get(normalise(r.fields["name"]))
        if project is None:
            created.append((Project(plan=plan, status=r.status or ProjectStatus.PROPOSED, **r.fields), r))
        elif update_project(project, r, user=user):
            updated += 1
        else:
            unchanged += 1
    if created:
        projects = Project.objects.bulk_create([project for project, _r in created], batch_size=1000)
        copy_into_history(Project, [project.pk for project in projects], user=user, reason=IMPORT_REASON)
        links, answers, budgets = [], [], []
        for project, (_unsaved, r) in zip(projects, created, strict=True):
            links += [(project.pk, village.pk) for village in r.villages or ()]
            answers += [(project.pk, need.pk) for need in r.needs or ()]
            budgets += [
                (project.pk, year, amount) for year, amount in r.budgets.items() if amount is not None
            ]
        insert_rows(Project.villages.through, ("project", "village"), links)
        insert_rows(Project.needs.through, ("project", "need"), answers)
        insert_rows(ProjectBudget, ("project", "fiscal_year", "amount"), budgets)
    return {"created": len(created), "updated": updated, "unchanged": unchanged}


def update_project(project: Project, r: _ProjectRow, *, user) -> bool:
    """Apply the row to an existing project; whether anything changed."""
    wanted = dict(r.fields)
    del wanted["name"]  # the identity (the same name but for spaces and case): kept as written
    for key in TEXT_FIELDS:
        if key in wanted and (getattr(project, key) or "").strip() == wanted[key]:
            del wanted[key]  # white space around the text is lost in a spreadsheet cell
    if r.status:
        wanted["status"] = r.status
    changed_fields = any(getattr(project, name) != value for name, value in wanted.items())
    for name, value in wanted.items():
        setattr(project, name, value)
    villages_change = r.villages is not None and {v.pk for v in r.villages} != {
        village.pk for village in project.villages.all()
    }
    needs_change = r.needs is not None and {n.pk for n in r.needs} != {
        need.pk for need in project.needs.all()
    }
    current_budgets = _budget_map(project)
    budget_changes = {
        year: amount for year, amount in r.budgets.items() if current_budgets.get(year) != amount
    }
    if not (changed_fields or villages_change or needs_change or budget_changes):
        return False
    project.version += 1
    project._history_user = user
    project._change_reason = IMPORT_REASON
    project.save()
    if villages_change:
        project.villages.set(r.villages)
    if needs_change:
        project.needs.set(r.needs)
    for year, amount in budget_changes.items():
        if amount is None:
            ProjectBudget.objects.filter(project=project, fiscal_year=year).delete()
        else:
            ProjectBudget.objects.update_or_create(
                project=project, fiscal_year=year, defaults={"amount": amount}
            )
    return True


# ---------------------------------------------------------------------------------------------- status


@import_service
@transaction.atomic
def project_status_import(*, user, plan: TambonPlan, upload) -> int:
    """Set the status of the plan's projects from a CSV/XLSX of (รหัสโครงการ or ชื่อโครงการ, สถานะ).
    All rows or none; returns how many projects changed status."""
    require_change(user, plan)
    rows = read_table(upload, columns=STATUS_COLUMNS, arabic_digits_for=("project_id",), sheet=STATUS_SHEET)
    written = rows[0].headers
    if "project_id" not in written and "name" not in written:
        raise TabularError([RowError(1, _("ต้องมีคอลัมน์ 'รหัสโครงการ' หรือ 'ชื่อโครงการ' อย่างน้อยหนึ่งคอลัมน์"))])
    projects = list(plan.projects.all())
    by_pk = {project.pk: project for project in projects}
    by_name: dict[str, list[Project]] = {}
    for project in projects:
        by_name.setdefault(normalise(project.name), []).append(project)
    statuses = choice_lookup(ProjectStatus.choices)

    errors: list[RowError] = []
    changes: dict[int, tuple[Project, str]] = {}
    seen: dict[int, int] = {}
    for row in rows:
        values = row.values
        row_errors: list[RowError] = []
        project = None
        id_text = values.get("project_id", "")
        name = " ".join(values.get("name", "").split())
        if id_text:
            number = _int(id_text)
            project = by_pk.get(number) if number is not None else None
            if project is None:
                row_errors.append(
                    cell_error(row, "project_id", _("ไม่พบโครงการรหัส '%(value)s' ในแผนนี้") % {"value": id_text})
                )
            elif name and normalise(name) != normalise(project.name):
                row_errors.append(
                    cell_error(
                        row,
                        "name",
                        _("รหัสโครงการ %(id)s คือโครงการ '%(actual)s' ไม่ตรงกับชื่อ '%(name)s'")
                        % {"id": project.pk, "actual": project.name, "name": name},
                    )
                )
                project = None
        elif name:
            found = by_name.get(normalise(name), [])
            if not found:
                row_errors.append(
                    cell_error(row, "name", _("ไม่พบโครงการชื่อ '%(name)s' ในแผนนี้") % {"name": name})
                )
            elif len(found) > 1:
                row_errors.append(
                    cell_error(
                        row,
                        "name",
                        _("มีโครงการชื่อ '%(name)s' มากกว่าหนึ่งโครงการ กรุณาระบุรหัสโครงการ") % {"name": name},
                    )
                )
            else:
                project = found[0]
        else:
            row_errors.append(RowError(row.number, _("ไม่ได้ระบุรหัสโครงการหรือชื่อโครงการ")))

        status_text = values.get("status", "")
        status = statuses.get(_key(status_text)) if status_text else None
        if not status_text:
            row_errors.append(cell_error(row, "status", _("ไม่ได้ระบุสถานะ")))
        elif status is None:
            row_errors.append(
                cell_error(
                    row,
                    "status",
                    _("ไม่รู้จักสถานะ '%(value)s' (ใช้ได้: %(choices)s)")
                    % {"value": status_text, "choices": choice_names(ProjectStatus)},
                )
            )
        if project is not None:
            if project.pk in seen:
                row_errors.append(
                    RowError(
                        row.number,
                        _("โครงการ '%(name)s' ซ้ำกับแถวที่ %(first)d")
                        % {"name": project.name, "first": seen[project.pk]},
                    )
                )
            seen.setdefault(project.pk, row.number)
        errors.extend(row_errors)
        if not row_errors:
            changes[project.pk] = (project, status)
    raise_if_errors(errors)
    return _write_statuses(list(changes.values()), user=user)


def _write_statuses(changes: list[tuple[Project, str]], *, user) -> int:
    changed = 0
    for project, status in changes:
        if project.status == status:
            continue
        project.status = status
        project.version += 1
        project._history_user = user
        project._change_reason = IMPORT_REASON
        project.save(update_fields=["status", "version"])
        changed += 1
    return changed


def project_row_values(
    project: Project, years: list[int], all_village_ids: set[int], needs: NeedLookup
) -> list[object]:
    """A project as a row of the import's columns (used by the export, so that it re-imports unchanged);
    `project` with its class, category, villages, needs and budgets loaded, `needs` the plan's."""
    village_ids = {village.pk for village in project.villages.all()}
    if all_village_ids and len(all_village_ids) > 1 and village_ids == all_village_ids:
        villages = ALL_VILLAGES
    else:
        villages = ", ".join(str(v.moo) for v in sorted(project.villages.all(), key=lambda v: v.moo))
    budgets = _budget_map(project)
    return [
        project.priority,
        project.name,
        project.development_issue,
        project.objective,
        project.target_output,
        villages,
        project.kpi,
        project.expected_result,
        project.lead_agency,
        project.budget_source,
        project.project_class.name_th,
        thai_label(TargetKind, project.target_kind) if project.target_kind else "",
        project.target_name,
        project.category.name_th if project.category else "",
        needs.cell(project.needs.all()),
        *(budgets.get(year) for year in years),
        thai_label(ProjectStatus, project.status),
    ]


def need_row_values(need: Need) -> list[object]:
    """A need as a row of the import's columns; `need` with its village and category loaded."""
    return [
        need.village.moo if need.village else "",
        need.category.name_th,
        need.description,
        thai_label(NeedSource, need.source),
        need.severity,
        need.votes,
    ]
