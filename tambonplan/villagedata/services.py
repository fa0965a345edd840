"""Every write of village data: the import of จปฐ. and กชช.2ค results from the Department's spreadsheets.

All or nothing: every row is checked (village registered and in the user's area, year, indicator of the set
in use that year, figures), every bad row is reported with its row number and a Thai reason, and nothing is
written when any row is bad. Re-importing is idempotent: a result is keyed by (village, indicator, year).
Whether it passes is decided here, once, by the rules of `scales.py`, and stored.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from tambonplan.accounts.scope import scope_of
from tambonplan.areas.models import Village
from tambonplan.areas.services import ChangeCounts
from tambonplan.core.history import import_service
from tambonplan.core.tabular import Row, RowError, TabularError, read_table
from tambonplan.thai.money import parse_number
from tambonplan.villagedata.models import Indicator, IndicatorResult
from tambonplan.villagedata.scales import Survey, jpt_passes, jpt_percent, kch2k_passes
from tambonplan.villagedata.spreadsheets import COLUMNS, DIGIT_COLUMNS, SHEET_TITLES

FIRST_YEAR, LAST_YEAR = 2500, 2700  # a survey year in the Buddhist era
MAX_HOUSEHOLDS = 1_000_000
MOO_PREFIX = re.compile(r"^(หมู่ที่|หมู่บ้าน|หมู่|ม\.)\s*")
CODE_PREFIX = re.compile(r"^(ตัวชี้วัดที่|ตัวชี้วัด|ข้อที่|ข้อ)\s*")
RESULT_FIELDS = ["households_passed", "households_surveyed", "percent", "level", "passed"]


@dataclass(frozen=True)
class _ResultRow:
    number: int
    village: Village
    indicator: Indicator
    year: int
    households_passed: int | None
    households_surveyed: int | None
    level: int | None

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.village.pk, self.indicator.pk, self.year)


def code_key(text: str) -> str:
    """An indicator code as matched: Arabic digits, no spaces, no "ข้อ"/"ตัวชี้วัดที่", no leading zeros in a
    number ("ข้อ 01" and "1" are the same code; "1.1" stays "1.1")."""
    cleaned = CODE_PREFIX.sub("", "".join(str(text).split())).casefold()
    return ".".join(part.lstrip("0") or "0" if part.isdigit() else part for part in cleaned.split("."))


def _whole_number(row: Row, key: str, errors: list[RowError], *, label: str) -> int | None:
    text = row.values.get(key, "")
    if not text:
        errors.append(row.error(key, _("ไม่ได้ระบุ%(what)s") % {"what": label}))
        return None
    try:
        value = parse_number(text)
    except ValueError:
        value = None
    if value is None or value != value.to_integral_value() or value < 0 or value > MAX_HOUSEHOLDS:
        errors.append(
            row.error(
                key, _("%(what)s '%(value)s' ต้องเป็นจำนวนเต็มตั้งแต่ 0 ขึ้นไป") % {"what": label, "value": text}
            )
        )
        return None
    return int(value)


class _Villages:
    """The villages the rows name, loaded in one query, and the user's right to import each."""

    def __init__(self, rows: list[Row], *, user) -> None:
        codes = set()
        for row in rows:
            code = self.code_of(row)
            if code:
                codes.add(code)
        self.by_code = Village.objects.select_related("tambon").in_bulk(codes, field_name="code")
        self.scope = scope_of(user) if user is not None else None

    @staticmethod
    def code_of(row: Row) -> str | None:
        values = row.values
        code = values.get("village_code", "")
        if code:
            return code if re.fullmatch(r"[0-9]{8}", code) else None
        tambon, moo = values.get("tambon_code", ""), MOO_PREFIX.sub("", values.get("moo", ""))
        if re.fullmatch(r"[0-9]{6}", tambon) and re.fullmatch(r"[0-9]{1,2}", moo) and 1 <= int(moo) <= 99:
            return Village.code_for(tambon, int(moo))
        return None

    def find(self, row: Row, errors: list[RowError]) -> Village | None:
        values = row.values
        code = values.get("village_code", "")
        tambon, moo = values.get("tambon_code", ""), values.get("moo", "")
        key = "village_code" if code else ("tambon_code" if tambon else "moo")
        if not (code or tambon or moo):
            errors.append(row.error(None, _("ไม่ได้ระบุรหัสหมู่บ้าน หรือรหัสตำบลกับหมู่ที่")))
            return None
        resolved = self.code_of(row)
        if resolved is None:
            if code:
                message = _("รหัสหมู่บ้าน '%(value)s' ต้องเป็นตัวเลข 8 หลัก") % {"value": code}
            elif not re.fullmatch(r"[0-9]{6}", tambon):
                message = _("รหัสตำบล '%(value)s' ต้องเป็นตัวเลข 6 หลัก") % {"value": tambon}
            else:
                key = "moo"
                message = _("หมู่ที่ '%(value)s' ไม่ถูกต้อง (ต้องเป็นตัวเลข 1–99)") % {"value": moo}
            errors.append(row.error(key, message))
            return None
        village = self.by_code.get(resolved)
        if village is None:
            errors.append(
                row.error(key, _("ไม่พบหมู่บ้านรหัส %(code)s ในระบบ (ลงทะเบียนหมู่บ้านก่อน)") % {"code": resolved})
            )
            return None
        if self.scope is not None and not self.scope.covers(village.code):
            errors.append(
                row.error(
                    key,
                    _("หมู่บ้านรหัส %(code)s (ตำบล%(tambon)s) อยู่นอกพื้นที่ที่ท่านรับผิดชอบ")
                    % {"code": village.code, "tambon": village.tambon.name_th},
                )
            )
            return None
        return village


class _Indicators:
    """The survey's indicators by code; the one for a row is the set whose period covers the row's year."""

    def __init__(self, survey: str) -> None:
        self.survey = survey
        self.by_code: dict[str, list[Indicator]] = {}
        for indicator in Indicator.objects.filter(survey=survey).order_by("-period"):
            self.by_code.setdefault(code_key(indicator.code), []).append(indicator)

    def find(self, row: Row, year: int | None, errors: list[RowError]) -> Indicator | None:
        text = row.values.get("indicator", "")
        survey_name = Survey(self.survey).label
        if not text:
            errors.append(row.error("indicator", _("ไม่ได้ระบุรหัสตัวชี้วัด")))
            return None
        candidates = self.by_code.get(code_key(text))
        if not candidates:
            errors.append(
                row.error(
                    "indicator",
                    _("ไม่รู้จักรหัสตัวชี้วัด '%(value)s' ของ %(survey)s") % {"value": text, "survey": survey_name},
                )
            )
            return None
        if year is None:
            return None
        for indicator in candidates:  # the most recent set first
            if indicator.covers(year):
                return indicator
        errors.append(
            row.error(
                "indicator",
                _("ตัวชี้วัดรหัส %(code)s ของ %(survey)s ไม่มีในชุดที่ใช้กับปี %(year)s (มีในช่วงปี %(periods)s)")
                % {
                    "code": text,
                    "survey": survey_name,
                    "year": year,
                    "periods": ", ".join(indicator.period for indicator in candidates),
                },
            )
        )
        return None


def _year(row: Row, errors: list[RowError]) -> int | None:
    text = row.values.get("year", "")
    if not text:
        errors.append(row.error("year", _("ไม่ได้ระบุปี")))
        return None
    cleaned = text.removeprefix("พ.ศ.").strip()
    if not re.fullmatch(r"[0-9]{4}", cleaned):
        errors.append(row.error("year", _("ปี '%(value)s' ต้องเป็นปี พ.ศ. 4 หลัก เช่น 2568") % {"value": text}))
        return None
    year = int(cleaned)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        errors.append(row.error("year", _("ปี %(value)s ต้องเป็นปี พ.ศ. (เช่น 2568) ไม่ใช่ ค.ศ.") % {"value": text}))
        return None
    return year


def _parse_row(row: Row, *, survey: str, villages: _Villages, indicators: _Indicators):
    errors: list[RowError] = []
    village = villages.find(row, errors)
    year = _year(row, errors)
    indicator = indicators.find(row, year, errors)
    passed = surveyed = level = None
    if survey == Survey.JPT:
        passed = _whole_number(row, "households_passed", errors, label=_("จำนวนครัวเรือนที่ผ่าน"))
        surveyed = _whole_number(row, "households_surveyed", errors, label=_("จำนวนครัวเรือนที่สำรวจ"))
        if surveyed == 0:
            errors.append(row.error("households_surveyed", _("จำนวนครัวเรือนที่สำรวจต้องมากกว่า 0")))
        elif passed is not None and surveyed is not None and passed > surveyed:
            errors.append(
                row.error(
                    "households_passed",
                    _("ครัวเรือนที่ผ่าน (%(passed)s) มากกว่าครัวเรือนที่สำรวจ (%(surveyed)s)")
                    % {"passed": passed, "surveyed": surveyed},
                )
            )
    else:
        text = row.values.get("level", "")
        cleaned = re.sub(r"^ระดับ\s*", "", text)
        if not text:
            errors.append(row.error("level", _("ไม่ได้ระบุระดับ")))
        elif re.fullmatch(r"[123](\.0+)?", cleaned):
            level = int(cleaned[0])
        else:
            errors.append(
                row.error("level", _("ระดับ '%(value)s' ไม่ถูกต้อง (ต้องเป็น 1, 2 หรือ 3)") % {"value": text})
            )
    if errors:
        return None, errors
    return _ResultRow(row.number, village, indicator, year, passed, surveyed, level), []


@import_service
def results_import(*, user, survey: str, upload) -> ChangeCounts:
    """Validate every row of a CSV/XLSX of one survey's results; write all, or raise TabularError and write
    nothing. ``user`` None is the command line (every village of the country); otherwise the user must be an
    editor and every village must lie in the area the user may change."""
    if survey not in Survey.values:
        raise ValueError(f"unknown survey {survey!r}")
    if user is not None and not user.can_edit:
        raise PermissionDenied
    rows = read_table(
        upload, columns=COLUMNS[survey], arabic_digits_for=DIGIT_COLUMNS[survey], sheet=SHEET_TITLES[survey]
    )
    headers = rows[0].headers if rows else {}
    if "village_code" not in headers and not {"tambon_code", "moo"} <= headers.keys():
        raise TabularError([RowError(None, _("ต้องมีคอลัมน์ 'รหัสหมู่บ้าน' หรือทั้ง 'รหัสตำบล' และ 'หมู่ที่'"))])
    villages = _Villages(rows, user=user)
    indicators = _Indicators(survey)
    errors: list[RowError] = []
    parsed: list[_ResultRow] = []
    seen: dict[tuple[int, int, int], int] = {}
    for row in rows:
        result, row_errors = _parse_row(row, survey=survey, villages=villages, indicators=indicators)
        errors.extend(row_errors)
        if result is None:
            continue
        if result.key in seen:
            errors.append(
                row.error(
                    "indicator",
                    _("ผลของหมู่บ้าน %(village)s ตัวชี้วัด %(code)s ปี %(year)s ซ้ำกับแถวที่ %(first)s")
                    % {
                        "village": result.village.code,
                        "code": result.indicator.code,
                        "year": result.year,
                        "first": seen[result.key],
                    },
                )
            )
            continue
        seen[result.key] = row.number
        parsed.append(result)
    if errors:
        raise TabularError(sorted(errors, key=lambda error: error.row or 0))
    return _write_results(parsed, user=user)


def _values(row: _ResultRow) -> dict:
    """The stored fields of a row, its pass decided by the rules of `scales.py`."""
    if row.level is not None:
        return {
            "households_passed": None,
            "households_surveyed": None,
            "percent": None,
            "level": row.level,
            "passed": kch2k_passes(row.level),
        }
    return {
        "households_passed": row.households_passed,
        "households_surveyed": row.households_surveyed,
        "percent": jpt_percent(row.households_passed, row.households_surveyed),
        "level": None,
        "passed": jpt_passes(row.households_passed, row.households_surveyed, row.indicator.target_percent),
    }


@transaction.atomic
def _write_results(rows: list[_ResultRow], *, user) -> ChangeCounts:
    existing = {
        (result.village_id, result.indicator_id, result.year): result
        for result in IndicatorResult.objects.select_for_update().filter(
            village_id__in={row.village.pk for row in rows},
            indicator_id__in={row.indicator.pk for row in rows},
            year__in={row.year for row in rows},
        )
    }
    to_create, to_update = [], []
    for row in rows:
        values = _values(row)
        result = existing.get(row.key)
        if result is None:
            to_create.append(
                IndicatorResult(village=row.village, indicator=row.indicator, year=row.year, **values)
            )
        elif any(_differs(getattr(result, name), value) for name, value in values.items()):
            for name, value in values.items():
                setattr(result, name, value)
            to_update.append(result)
    reason = _("นำเข้าจากไฟล์")
    if to_create:
        bulk_create_with_history(
            to_create, IndicatorResult, batch_size=1000, default_user=user, default_change_reason=reason
        )
    if to_update:
        bulk_update_with_history(
            to_update, IndicatorResult, RESULT_FIELDS, batch_size=1000, default_user=user,
            default_change_reason=reason,
        )  # fmt: skip
    return ChangeCounts(len(to_create), len(to_update), len(rows) - len(to_create) - len(to_update))


def _differs(stored, new) -> bool:
    if isinstance(new, Decimal) and stored is not None:
        return Decimal(stored) != new
    return stored != new


@transaction.atomic
def indicator_results_recheck(*, indicator: Indicator) -> int:
    """Decide again whether each จปฐ. result of the indicator passes, after its target was changed; returns
    the number of results whose decision changed."""
    changed = []
    for result in IndicatorResult.objects.select_for_update().filter(
        indicator=indicator, households_surveyed__gt=0
    ):
        passed = jpt_passes(result.households_passed, result.households_surveyed, indicator.target_percent)
        if passed != result.passed:
            result.passed = passed
            changed.append(result)
    if changed:
        bulk_update_with_history(
            changed,
            IndicatorResult,
            ["passed"],
            batch_size=1000,
            default_change_reason=_("เปลี่ยนเป้าหมายตัวชี้วัด"),
        )
    return len(changed)
