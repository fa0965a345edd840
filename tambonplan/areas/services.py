"""Every write to areas and villages."""

import re
from dataclasses import dataclass

import geothai
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _
from geothai.abolished import abolished_areas
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from tambonplan.accounts.scope import require_change, scope_of
from tambonplan.areas.models import BANGKOK_CODE, District, Province, Tambon, Village
from tambonplan.core.concurrency import ConcurrentEditError
from tambonplan.core.history import import_service
from tambonplan.core.tabular import Column, Row, RowError, TabularError, read_table


@dataclass(frozen=True)
class ChangeCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __add__(self, other: "ChangeCounts") -> "ChangeCounts":
        return ChangeCounts(
            self.created + other.created, self.updated + other.updated, self.unchanged + other.unchanged
        )


# ---------------------------------------------------------------- areas from geothai


def _sync(model, wanted: dict[str, dict], fields: list[str]) -> ChangeCounts:
    """Create or update rows of model (keyed by code) so they hold the wanted values; never deletes."""
    existing = model.objects.in_bulk(list(wanted))
    to_create, to_update = [], []
    for code, values in wanted.items():
        row = existing.get(code)
        if row is None:
            to_create.append(model(code=code, **values))
        elif any(getattr(row, field) != values[field] for field in fields):
            for field in fields:
                setattr(row, field, values[field])
            to_update.append(row)
    if to_create:
        bulk_create_with_history(to_create, model, batch_size=1000, default_change_reason="load_areas")
    if to_update:
        bulk_update_with_history(
            to_update, model, fields, batch_size=1000, default_change_reason="load_areas"
        )
    return ChangeCounts(len(to_create), len(to_update), len(wanted) - len(to_create) - len(to_update))


@dataclass(frozen=True)
class AreaLoadResult:
    provinces: int
    districts: int
    subdistricts: int
    counts: ChangeCounts

    def summary_line(self) -> str:
        return (
            f"provinces={self.provinces} districts={self.districts} subdistricts={self.subdistricts} "
            f"created={self.counts.created} updated={self.counts.updated} unchanged={self.counts.unchanged}"
        )


def areas_load() -> AreaLoadResult:
    """Load every province, district and subdistrict from geothai; abolished ones are kept inactive."""
    provinces = {
        p.code: {
            "name_th": p.name_th,
            "name_en": p.name_en or "",
            "is_active": True,
            "is_cd_area": p.code != BANGKOK_CODE,
        }
        for p in geothai.provinces()
    }
    districts: dict[str, dict] = {}
    tambons: dict[str, dict] = {}
    for province in geothai.provinces():
        for district in geothai.districts(province.code):
            districts[district.code] = {
                "province_id": province.code,
                "name_th": district.name_th,
                "name_en": district.name_en or "",
                "is_active": True,
            }
            for tambon in geothai.subdistricts(district.code):
                tambons[tambon.code] = {
                    "district_id": district.code,
                    "name_th": tambon.name_th,
                    "name_en": tambon.name_en or "",
                    "is_active": True,
                }
    active_counts = (len(provinces), len(districts), len(tambons))
    for area in abolished_areas():
        values = {"name_th": area.name_th, "name_en": area.name_en or "", "is_active": False}
        if area.level == "district" and area.code not in districts:
            districts[area.code] = {"province_id": area.parent_code, **values}
        elif area.level == "subdistrict" and area.code not in tambons:
            tambons[area.code] = {"district_id": area.parent_code, **values}
    missing_parents = {t["district_id"] for t in tambons.values()} - set(districts)
    for code in missing_parents:
        districts[code] = {"province_id": code[:2], "name_th": code, "name_en": "", "is_active": False}
    with transaction.atomic():
        counts = _sync(Province, provinces, ["name_th", "name_en", "is_active", "is_cd_area"])
        counts += _sync(District, districts, ["province_id", "name_th", "name_en", "is_active"])
        counts += _sync(Tambon, tambons, ["district_id", "name_th", "name_en", "is_active"])
    return AreaLoadResult(*active_counts, counts)


# ---------------------------------------------------------------- villages, one at a time


def _check_village_fields(*, tambon: Tambon, moo: int, name_th: str, exclude_pk: int | None = None) -> None:
    errors = {}
    if not name_th.strip():
        errors["name_th"] = _("กรุณาระบุชื่อหมู่บ้าน")
    if not 1 <= moo <= 99:
        errors["moo"] = _("หมู่ที่ต้องอยู่ระหว่าง 1 ถึง 99")
    elif Village.objects.filter(tambon=tambon, moo=moo).exclude(pk=exclude_pk).exists():
        errors["moo"] = _("ตำบล%(tambon)s มีหมู่ที่ %(moo)s อยู่แล้ว") % {"tambon": tambon.name_th, "moo": moo}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def village_create(*, user, tambon: Tambon, moo: int, name_th: str, name_en: str = "") -> Village:
    require_change(user, tambon)
    if not tambon.is_active:  # as the file import does: abolished tambons take no new villages
        raise ValidationError(_("ตำบล%(name)s ถูกยกเลิกแล้ว เพิ่มหมู่บ้านไม่ได้") % {"name": tambon.name_th})
    _check_village_fields(tambon=tambon, moo=moo, name_th=name_th)
    village = Village(
        code=Village.code_for(tambon.code, moo),
        tambon=tambon,
        moo=moo,
        name_th=name_th.strip(),
        name_en=name_en.strip(),
    )
    village.full_clean()
    village.save()
    return village


@transaction.atomic
def village_update(
    *, user, village: Village, version: int, moo: int, name_th: str, name_en: str = ""
) -> Village:
    require_change(user, village)
    locked = Village.objects.select_for_update().get(pk=village.pk)
    if locked.version != version:
        raise ConcurrentEditError
    _check_village_fields(tambon=locked.tambon, moo=moo, name_th=name_th, exclude_pk=locked.pk)
    locked.moo = moo
    locked.code = Village.code_for(locked.tambon_id, moo)
    locked.name_th = name_th.strip()
    locked.name_en = name_en.strip()
    locked.version += 1
    locked.full_clean()
    locked.save()
    return locked


@transaction.atomic
def village_delete(*, user, village: Village) -> None:
    """Delete a village that nothing refers to; ValidationError (in Thai) when plans or committees use it."""
    require_change(user, village)
    try:
        with transaction.atomic():
            village.delete()
    except ProtectedError as error:
        raise ValidationError(
            _("ลบ%(village)s ไม่ได้ เพราะมีข้อมูลที่อ้างถึงหมู่บ้านนี้ (%(count)s รายการ เช่น ปัญหาความต้องการในแผน)")
            % {"village": village, "count": len(error.protected_objects)}
        ) from error


# ---------------------------------------------------------------- villages, imported from a file

VILLAGE_COLUMNS = (
    Column("village_code", ("village_code", "รหัสหมู่บ้าน")),
    Column("tambon_code", ("tambon_code", "รหัสตำบล")),
    Column("moo", ("moo", "village_no", "หมู่ที่")),
    Column("name_th", ("name_th", "ชื่อหมู่บ้าน"), required=True),
    Column("name_en", ("name_en", "ชื่อภาษาอังกฤษ")),
)
MOO_PREFIX = re.compile(r"^(หมู่ที่|หมู่|ม\.)\s*")


@dataclass(frozen=True)
class _VillageRow:
    number: int
    tambon_code: str
    moo: int
    name_th: str
    name_en: str
    # the header of the column each came from, to name it in the checks made after parsing: the tambon
    # code and the village number come from the village code when the row has one
    tambon_column: str
    moo_column: str


def _parse_village_row(row: Row, *, has_code: bool) -> tuple[_VillageRow | None, list[RowError]]:
    values = row.values
    errors = []
    code = values.get("village_code", "") if has_code else ""
    tambon_code = values.get("tambon_code", "")
    tambon_column, moo_column = row.header("tambon_code"), row.header("moo")
    moo_text = MOO_PREFIX.sub("", values.get("moo", ""))
    moo = None
    if moo_text:
        # ASCII digits only: str.isdigit() also accepts "²" and other digits int() cannot read
        if re.fullmatch(r"[0-9]{1,2}", moo_text) and 1 <= int(moo_text) <= 99:
            moo = int(moo_text)
        else:
            errors.append(
                row.error(
                    "moo", _("หมู่ที่ '%(value)s' ไม่ถูกต้อง (ต้องเป็นตัวเลข 1–99)") % {"value": values.get("moo")}
                )
            )
    if code:
        # the village code decides the tambon and the village number; a disagreeing รหัสตำบล or หมู่ที่ is
        # reported on the village code, which the message names first
        if not re.fullmatch(r"[0-9]{8}", code):
            errors.append(
                row.error("village_code", _("รหัสหมู่บ้าน '%(value)s' ต้องเป็นตัวเลข 8 หลัก") % {"value": code})
            )
        else:
            if tambon_code and tambon_code != code[:6]:
                errors.append(
                    row.error(
                        "village_code",
                        _("รหัสหมู่บ้าน %(code)s ไม่ตรงกับรหัสตำบล %(tambon)s")
                        % {"code": code, "tambon": tambon_code},
                    )
                )
            if moo is not None and moo != int(code[6:]):
                errors.append(
                    row.error(
                        "village_code",
                        _("รหัสหมู่บ้าน %(code)s ไม่ตรงกับหมู่ที่ %(moo)s") % {"code": code, "moo": moo},
                    )
                )
            if int(code[6:]) == 0:
                errors.append(
                    row.error("village_code", _("รหัสหมู่บ้าน %(code)s มีหมู่ที่ 00 ซึ่งไม่มีอยู่จริง") % {"code": code})
                )
            if not tambon_code:
                tambon_column = row.header("village_code")
            if moo is None:
                moo_column = row.header("village_code")
            tambon_code, moo = code[:6], moo if moo is not None else int(code[6:])
    else:
        if not tambon_code:
            errors.append(row.error("tambon_code", _("ไม่ได้ระบุรหัสหมู่บ้านหรือรหัสตำบล")))
        elif not re.fullmatch(r"[0-9]{6}", tambon_code):
            errors.append(
                row.error("tambon_code", _("รหัสตำบล '%(value)s' ต้องเป็นตัวเลข 6 หลัก") % {"value": tambon_code})
            )
        if moo is None and not moo_text:
            errors.append(row.error("moo", _("ไม่ได้ระบุหมู่ที่")))
    name_th = values.get("name_th", "")
    if not name_th:
        errors.append(row.error("name_th", _("ไม่ได้ระบุชื่อหมู่บ้าน")))
    elif len(name_th) > 150:
        errors.append(row.error("name_th", _("ชื่อหมู่บ้านยาวเกิน 150 ตัวอักษร")))
    name_en = values.get("name_en", "")
    if len(name_en) > 150:
        errors.append(row.error("name_en", _("ชื่อภาษาอังกฤษยาวเกิน 150 ตัวอักษร")))
    if errors:
        return None, errors
    return _VillageRow(row.number, tambon_code, moo, name_th, name_en, tambon_column, moo_column), []


@import_service
def villages_import(*, user, upload) -> ChangeCounts:
    """Validate every row of a CSV/XLSX of villages; write all, or raise TabularError and write nothing.

    ``user`` is None for the command line (the whole country); otherwise every row must lie in
    the user's scope and the user must be allowed to import.
    """
    if user is not None and not user.is_area_manager:
        raise PermissionDenied
    rows = read_table(
        upload, columns=VILLAGE_COLUMNS, arabic_digits_for=("village_code", "tambon_code", "moo")
    )
    written = rows[0].headers
    has_code = "village_code" in written
    if not has_code and not {"tambon_code", "moo"} <= written.keys():
        raise TabularError([RowError(None, _("ต้องมีคอลัมน์ 'รหัสหมู่บ้าน' หรือทั้ง 'รหัสตำบล' และ 'หมู่ที่'"))])
    errors: list[RowError] = []
    parsed: list[_VillageRow] = []
    for row in rows:
        village_row, row_errors = _parse_village_row(row, has_code=has_code)
        errors.extend(row_errors)
        if village_row is not None:
            parsed.append(village_row)

    tambons = Tambon.objects.in_bulk({r.tambon_code for r in parsed})
    scope = scope_of(user) if user is not None else None
    seen: dict[tuple[str, int], int] = {}
    for r in parsed:
        tambon = tambons.get(r.tambon_code)
        if tambon is None or not tambon.is_active:
            errors.append(
                RowError(r.number, _("ไม่พบตำบลรหัส %(code)s") % {"code": r.tambon_code}, r.tambon_column)
            )
            continue
        if scope is not None and not scope.contains(tambon.code):
            errors.append(
                RowError(
                    r.number,
                    _("ตำบล%(name)s (%(code)s) อยู่นอกพื้นที่ที่ท่านรับผิดชอบ")
                    % {"name": tambon.name_th, "code": tambon.code},
                    r.tambon_column,
                )
            )
            continue
        key = (r.tambon_code, r.moo)
        if key in seen:
            errors.append(
                RowError(
                    r.number,
                    _("หมู่ที่ %(moo)s ของตำบล%(name)s ซ้ำกับแถวที่ %(first)s")
                    % {"moo": r.moo, "name": tambon.name_th, "first": seen[key]},
                    r.moo_column,
                )
            )
            continue
        seen[key] = r.number
    if errors:
        raise TabularError(sorted(errors, key=lambda e: e.row or 0))
    return _write_villages(parsed, user=user)


@transaction.atomic
def _write_villages(rows: list[_VillageRow], *, user) -> ChangeCounts:
    codes = [Village.code_for(r.tambon_code, r.moo) for r in rows]
    existing = Village.objects.select_for_update().in_bulk(codes, field_name="code")
    to_create, to_update = [], []
    for code, r in zip(codes, rows, strict=True):
        village = existing.get(code)
        if village is None:
            to_create.append(
                Village(code=code, tambon_id=r.tambon_code, moo=r.moo, name_th=r.name_th, name_en=r.name_en)
            )
        elif (village.name_th, village.name_en) != (r.name_th, r.name_en):
            village.name_th, village.name_en = r.name_th, r.name_en
            village.version += 1
            to_update.append(village)
    reason = _("นำเข้าจากไฟล์")
    if to_create:
        bulk_create_with_history(
            to_create, Village, batch_size=1000, default_user=user, default_change_reason=reason
        )
    if to_update:
        bulk_update_with_history(
            to_update,
            Village,
            ["name_th", "name_en", "version"],
            batch_size=1000,
            default_user=user,
            default_change_reason=reason,
        )
    return ChangeCounts(len(to_create), len(to_update), len(rows) - len(to_create) - len(to_update))
