"""Every write to the partner registry and the coordination log, and who may make it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from tambonplan.accounts.scope import (
    DISTRICT,
    NATION,
    PROVINCE,
    require_manage_province,
    require_view,
    scope_of,
)
from tambonplan.core.concurrency import ConcurrentEditError
from tambonplan.events.models import EventKind
from tambonplan.partners.models import CoordinationRecord, Partner, PartnerAbbreviation, PartnerArea
from tambonplan.partners.names import abbreviation_form, name_key
from tambonplan.partners.selectors import abbreviations_for

PARTNER_FIELDS = (
    "name",
    "partner_type",
    "level",
    "contact_name",
    "phone",
    "email",
    "notes",
    "is_active",
)
COORDINATION_FIELDS = ("kind", "happened_on", "subject", "letter_number", "note", "event", "project")


def may_manage_partners(user, province_code: str) -> bool:
    """Province officers and the district officers of that province register and edit its partners.

    (``may_change`` alone would leave district officers out: a province-level record is above them.)
    """
    if not user.is_authenticated or not user.can_edit:
        return False
    scope = scope_of(user)
    if scope.level == NATION:
        return True
    return scope.level in (PROVINCE, DISTRICT) and scope.province_code == province_code


def require_manage_partners(user, province_code: str) -> None:
    """404 outside the user's province, 403 for those who may look but not change."""
    if not scope_of(user).contains(province_code):
        raise Http404
    if not may_manage_partners(user, province_code):
        raise PermissionDenied


def _clean_areas(province_code: str, area_codes) -> list[str]:
    codes = sorted({code for code in area_codes if code})
    if any(code[:2] != province_code for code in codes):
        raise ValidationError({"area_codes": _("พื้นที่ดำเนินงานต้องอยู่ในจังหวัดที่ขึ้นทะเบียน")})
    return codes


def _save_partner(partner: Partner, *, fields: dict, focus_categories, area_codes) -> Partner:
    for field_name in PARTNER_FIELDS:
        if field_name in fields:
            setattr(partner, field_name, fields[field_name])
    partner.name = partner.name.strip()
    partner.name_key = name_key(partner.name, abbreviations_for(partner.province_id))
    if not partner.name_key:
        raise ValidationError({"name": _("กรุณาระบุชื่อภาคี")})
    codes = _clean_areas(partner.province_id, area_codes)
    partner.full_clean(exclude=["name_key"])
    partner.save()
    if focus_categories is not None:
        partner.focus_categories.set(focus_categories)
    PartnerArea.objects.filter(partner=partner).exclude(area_code__in=codes).delete()
    existing = set(partner.areas.values_list("area_code", flat=True))
    PartnerArea.objects.bulk_create(
        [PartnerArea(partner=partner, area_code=code) for code in codes if code not in existing]
    )
    return partner


@transaction.atomic
def partner_create(*, user, province, focus_categories=(), area_codes=(), **fields) -> Partner:
    require_manage_partners(user, province.code)
    partner = Partner(province=province, created_by=user)
    return _save_partner(partner, fields=fields, focus_categories=focus_categories, area_codes=area_codes)


@transaction.atomic
def partner_update(
    *, user, partner: Partner, version: int, focus_categories=None, area_codes=(), **fields
) -> Partner:
    require_manage_partners(user, partner.province_id)
    locked = Partner.objects.select_for_update().get(pk=partner.pk)
    if locked.version != version:
        raise ConcurrentEditError
    locked.version += 1
    return _save_partner(locked, fields=fields, focus_categories=focus_categories, area_codes=area_codes)


def _check_coordination_links(partner: Partner, *, event, project) -> None:
    errors = {}
    if event is not None and (
        event.kind != EventKind.COORDINATION or event.province_id != partner.province_id
    ):
        errors["event"] = _("เลือกได้เฉพาะการประชุมประสานภาคีการพัฒนาในจังหวัดของภาคี")
    if project is not None and project.plan.tambon_id[:2] != partner.province_id:
        errors["project"] = _("โครงการต้องอยู่ในจังหวัดของภาคี")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def coordination_create(*, user, partner: Partner, **fields) -> CoordinationRecord:
    require_manage_partners(user, partner.province_id)
    _check_coordination_links(partner, event=fields.get("event"), project=fields.get("project"))
    record = CoordinationRecord(partner=partner, created_by=user)
    for field_name in COORDINATION_FIELDS:
        if field_name in fields:
            setattr(record, field_name, fields[field_name])
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def coordination_update(*, user, record: CoordinationRecord, **fields) -> CoordinationRecord:
    require_view(user, record)
    require_manage_partners(user, record.partner.province_id)
    _check_coordination_links(record.partner, event=fields.get("event"), project=fields.get("project"))
    for field_name in COORDINATION_FIELDS:
        if field_name in fields:
            setattr(record, field_name, fields[field_name])
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def coordination_delete(*, user, record: CoordinationRecord) -> None:
    require_view(user, record)
    require_manage_partners(user, record.partner.province_id)
    record.delete()


# ---------------------------------------------------------------- abbreviations


def _clean_abbreviation(row: PartnerAbbreviation, *, abbreviation: str, full_form: str) -> None:
    abbreviation, full_form = " ".join(abbreviation.split()), " ".join(full_form.split())
    errors = {}
    if not abbreviation:
        errors["abbreviation"] = _("กรุณาระบุคำย่อ")
    elif not any(char.isalnum() for char in abbreviation):
        errors["abbreviation"] = _("คำย่อต้องมีตัวอักษรอย่างน้อยหนึ่งตัว ไม่ใช่มีแต่จุดหรือเครื่องหมาย")
    if not full_form:
        errors["full_form"] = _("กรุณาระบุคำเต็ม")
    if not errors and len(abbreviation) >= len(full_form):
        errors["abbreviation"] = _("คำย่อ “%(abbreviation)s” ต้องสั้นกว่าคำเต็ม “%(full)s”") % {
            "abbreviation": abbreviation,
            "full": full_form,
        }
    if "abbreviation" not in errors:
        form = abbreviation_form(abbreviation)
        same = PartnerAbbreviation.objects.filter(province_id=row.province_id).exclude(pk=row.pk)
        if any(abbreviation_form(other) == form for other in same.values_list("abbreviation", flat=True)):
            errors["abbreviation"] = _("จังหวัดนี้มีคำย่อ “%(abbreviation)s” อยู่แล้ว แก้ไขรายการเดิมแทน") % {
                "abbreviation": abbreviation
            }
    if errors:
        raise ValidationError(errors)
    row.abbreviation, row.full_form = abbreviation, full_form
    row.full_clean()


def _refresh_name_keys(province_code: str) -> None:
    """The province's partners' stored keys, read again with its dictionary as it now is."""
    abbreviations = abbreviations_for(province_code)
    changed = []
    for partner in Partner.objects.filter(province_id=province_code).only("pk", "name", "name_key"):
        key = name_key(partner.name, abbreviations) or partner.name_key
        if key != partner.name_key:
            partner.name_key = key
            changed.append(partner)
    Partner.objects.bulk_update(changed, ["name_key"], batch_size=500)


@transaction.atomic
def abbreviation_create(*, user, province, abbreviation: str, full_form: str) -> PartnerAbbreviation:
    """A province's own abbreviation (province officers of that province and administrators)."""
    require_manage_province(user, province)
    row = PartnerAbbreviation(province=province)
    _clean_abbreviation(row, abbreviation=abbreviation, full_form=full_form)
    row.save()
    _refresh_name_keys(province.code)
    return row


def _require_manage_abbreviation(user, row: PartnerAbbreviation) -> None:
    """A province's own row: its officers and administrators. The national rows come with the migrations."""
    if row.province is None:
        raise PermissionDenied
    require_manage_province(user, row.province)


@transaction.atomic
def abbreviation_update(*, user, row: PartnerAbbreviation, abbreviation: str, full_form: str):
    _require_manage_abbreviation(user, row)
    locked = PartnerAbbreviation.objects.select_for_update().get(pk=row.pk)
    _clean_abbreviation(locked, abbreviation=abbreviation, full_form=full_form)
    locked.save()
    _refresh_name_keys(locked.province_id)
    return locked


@transaction.atomic
def abbreviation_delete(*, user, row: PartnerAbbreviation) -> None:
    _require_manage_abbreviation(user, row)
    province_code = row.province_id
    row.delete()
    _refresh_name_keys(province_code)
