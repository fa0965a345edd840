"""Every write to the local-government register: one at a time from the pages, or a whole file."""

import re
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tambonplan.accounts.scope import require_change, scope_of
from tambonplan.areas.models import District, Province, Tambon
from tambonplan.core.concurrency import ConcurrentEditError
from tambonplan.core.history import import_service
from tambonplan.core.tabular import Column, RowError, TabularError, read_table
from tambonplan.localgov.models import SHORT_KIND, LocalGovernment, LocalGovernmentKind

CODE = re.compile(r"[0-9]{5,10}")
FIELDS = (
    "code",
    "kind",
    "name_th",
    "name_en",
    "address",
    "phone",
    "email",
    "contact_name",
    "contact_position",
)


def _kind_of(text: str) -> str | None:
    """A kind from its code, Thai name or short form (อบต., ทต., ทม., ทน., อบจ.)."""
    text = text.strip()
    for kind in LocalGovernmentKind:
        if text in (kind.value, str(kind.label), str(SHORT_KIND[kind]), str(SHORT_KIND[kind]).rstrip(".")):
            return kind.value
    return None


def _check(
    *, code: str, name_th: str, province: Province, district: District | None, tambons, exclude_pk=None
):
    errors = {}
    if not CODE.fullmatch(code):
        errors["code"] = _("รหัส อปท. '%(code)s' ต้องเป็นตัวเลข 5–10 หลัก") % {"code": code}
    elif LocalGovernment.objects.filter(code=code).exclude(pk=exclude_pk).exists():
        errors["code"] = _("มี อปท. รหัส %(code)s อยู่แล้ว") % {"code": code}
    if not name_th.strip():
        errors["name_th"] = _("กรุณาระบุชื่อ อปท.")
    if district is not None and district.province_id != province.code:
        errors["district"] = _("อำเภอ%(name)s ไม่อยู่ในจังหวัด%(province)s") % {
            "name": district.name_th,
            "province": province.name_th,
        }
    outside = [t.name_th for t in tambons if t.district.province_id != province.code]
    if outside:
        errors["tambons"] = _("ตำบลต่อไปนี้ไม่อยู่ในจังหวัด%(province)s: %(names)s") % {
            "province": province.name_th,
            "names": ", ".join(outside),
        }
    if errors:
        raise ValidationError(errors)


def _require_may_edit(user, province: Province, district: District | None) -> None:
    """Province officers edit their province's register (อบจ. included), district officers the bodies whose
    office is in their district, administrators all."""
    require_change(user, district or province)
    if not user.is_area_manager:
        raise PermissionDenied


@transaction.atomic
def local_government_create(*, user, province: Province, district: District | None, tambons, **values):
    _require_may_edit(user, province, district)
    tambons = list(tambons)
    _check(
        code=values["code"], name_th=values["name_th"], province=province, district=district, tambons=tambons
    )
    body = LocalGovernment(province=province, district=district, **{k: values.get(k, "") for k in FIELDS})
    body.name_th = body.name_th.strip()
    body.full_clean()
    body.save()
    body.tambons.set(tambons)
    return body


@transaction.atomic
def local_government_update(
    *,
    user,
    body: LocalGovernment,
    version: int,
    province: Province,
    district,
    tambons,
    is_active=True,
    **values,
):
    _require_may_edit(user, body.province, body.district)
    _require_may_edit(user, province, district)
    locked = LocalGovernment.objects.select_for_update().get(pk=body.pk)
    if locked.version != version:
        raise ConcurrentEditError
    tambons = list(tambons)
    _check(
        code=values["code"],
        name_th=values["name_th"],
        province=province,
        district=district,
        tambons=tambons,
        exclude_pk=locked.pk,
    )
    for name in FIELDS:
        setattr(locked, name, values.get(name, ""))
    locked.name_th = locked.name_th.strip()
    locked.province, locked.district, locked.is_active = province, district, is_active
    locked.version += 1
    locked.full_clean()
    locked.save()
    locked.tambons.set(tambons)
    return locked


@transaction.atomic
def local_government_deactivate(*, user, body: LocalGovernment, version: int) -> LocalGovernment:
    """Mark a body as no longer existing (merged, upgraded to a เทศบาล under a new code): it stays in the
    register for the forwardings that name it, but is offered no more (``for_tambon``) and takes no
    committee seat (``counts_by_tambon``). Reactivated from the edit form."""
    _require_may_edit(user, body.province, body.district)
    locked = LocalGovernment.objects.select_for_update().get(pk=body.pk)
    if locked.version != version:
        raise ConcurrentEditError
    if locked.is_active:
        locked.is_active = False
        locked.version += 1
        locked.save(update_fields=["is_active", "version"])
    return locked


# ---------------------------------------------------------------- from a file

COLUMNS = (
    Column("code", ("code", "รหัส อปท."), required=True),
    Column("kind", ("kind", "ประเภท"), required=True),
    Column("name_th", ("name_th", "ชื่อ"), required=True),
    Column("name_en", ("name_en", "ชื่อภาษาอังกฤษ")),
    Column("area_code", ("area_code", "รหัสจังหวัด/อำเภอ"), required=True),
    Column("tambon_codes", ("tambon_codes", "รหัสตำบลในเขต")),
    Column("address", ("address", "ที่อยู่")),
    Column("phone", ("phone", "โทรศัพท์")),
    Column("email", ("email", "อีเมล")),
    Column("contact_name", ("contact_name", "ผู้ประสานงาน")),
)
EXAMPLE_ROWS = (
    ("6340101", "อบต.", "หัวเรือ", "Hua Ruea", "3401", "340104", "", "045 000 000", "", ""),
    ("5340100", "ทน.", "อุบลราชธานี", "Ubon Ratchathani", "3401", "340101", "", "", "", ""),
)


@dataclass(frozen=True)
class ImportCounts:
    created: int = 0
    updated: int = 0


@import_service
def local_governments_import(*, user, upload) -> ImportCounts:
    """Check every row; write all (keyed by the code: a known code is updated) or raise TabularError and
    write nothing. ``user`` None is the command line (the nation); otherwise each row must lie in the
    area the user manages."""
    if user is not None and not user.is_area_manager:
        raise PermissionDenied
    rows = read_table(upload, columns=COLUMNS, arabic_digits_for=("code", "area_code", "tambon_codes"))
    scope = scope_of(user) if user is not None else None
    provinces = Province.objects.in_bulk()
    districts = District.objects.in_bulk()
    wanted_tambons = {
        c for row in rows for c in re.split(r"[\s,;]+", row.values.get("tambon_codes", "")) if c
    }
    tambons = Tambon.objects.select_related("district").in_bulk(list(wanted_tambons))
    errors: list[RowError] = []
    parsed = []
    seen: dict[str, int] = {}
    for row in rows:
        values = row.values
        row_errors = []
        code = values.get("code", "")
        if not CODE.fullmatch(code):
            row_errors.append(
                row.error("code", _("รหัส อปท. '%(code)s' ต้องเป็นตัวเลข 5–10 หลัก") % {"code": code})
            )
        elif code in seen:
            row_errors.append(
                row.error("code", _("รหัส %(code)s ซ้ำกับแถวที่ %(first)s") % {"code": code, "first": seen[code]})
            )
        else:
            seen[code] = row.number
        kind = _kind_of(values.get("kind", ""))
        if kind is None:
            row_errors.append(
                row.error(
                    "kind",
                    _("ประเภท '%(value)s' ไม่รู้จัก (ใช้ อบต. ทต. ทม. ทน. หรือ อบจ.)")
                    % {"value": values.get("kind", "")},
                )
            )
        name_th = values.get("name_th", "")
        if not name_th:
            row_errors.append(row.error("name_th", _("ไม่ได้ระบุชื่อ")))
        area = values.get("area_code", "")
        province = provinces.get(area[:2])
        district = districts.get(area) if len(area) == 4 else None
        if province is None or len(area) not in (2, 4) or (len(area) == 4 and district is None):
            row_errors.append(row.error("area_code", _("ไม่พบจังหวัด/อำเภอรหัส '%(code)s'") % {"code": area}))
        elif scope is not None and not scope.covers(area if district is None else district.code):
            row_errors.append(
                row.error("area_code", _("พื้นที่รหัส %(code)s อยู่นอกพื้นที่ที่ท่านรับผิดชอบ") % {"code": area})
            )
        covered = []
        for tambon_code in re.split(r"[\s,;]+", values.get("tambon_codes", "")):
            if not tambon_code:
                continue
            tambon = tambons.get(tambon_code)
            if tambon is None or not tambon.is_active:
                row_errors.append(
                    row.error("tambon_codes", _("ไม่พบตำบลรหัส %(code)s") % {"code": tambon_code})
                )
            elif province is not None and tambon.district.province_id != province.code:
                row_errors.append(
                    row.error(
                        "tambon_codes",
                        _("ตำบล%(name)s (%(code)s) ไม่อยู่ในจังหวัดของ อปท.")
                        % {"name": tambon.name_th, "code": tambon_code},
                    )
                )
            else:
                covered.append(tambon)
        email = values.get("email", "")
        if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
            row_errors.append(row.error("email", _("อีเมล '%(value)s' ไม่ถูกต้อง") % {"value": email}))
        for key, limit in (
            ("name_th", 200),
            ("name_en", 200),
            ("address", 300),
            ("phone", 50),
            ("contact_name", 200),
        ):
            if len(values.get(key, "")) > limit:
                row_errors.append(row.error(key, _("ยาวเกิน %(limit)s ตัวอักษร") % {"limit": limit}))
        errors.extend(row_errors)
        if not row_errors:
            parsed.append((row, code, kind, province, district, covered))
    existing = LocalGovernment.objects.in_bulk([p[1] for p in parsed], field_name="code")
    if scope is not None:
        for row, code, *_rest in parsed:
            body = existing.get(code)
            if body is not None and not scope.covers(body.area_code):
                errors.append(row.error("code", _("อปท. รหัส %(code)s อยู่นอกพื้นที่ที่ท่านรับผิดชอบ") % {"code": code}))
    if errors:
        raise TabularError(sorted(errors, key=lambda e: e.row or 0))
    created = updated = 0
    with transaction.atomic():
        for row, code, kind, province, district, covered in parsed:
            body = existing.get(code) or LocalGovernment(code=code)
            is_new = body.pk is None
            body.kind, body.province, body.district = kind, province, district
            for key in ("name_th", "name_en", "address", "phone", "email", "contact_name"):
                setattr(body, key, row.values.get(key, ""))
            if not is_new:
                body.version += 1
            body.save()
            body.tambons.set(covered)
            created += is_new
            updated += not is_new
    return ImportCounts(created, updated)
