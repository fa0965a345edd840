"""Every write to the partner registry and the coordination log, and who may make it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from tambonplan.accounts.scope import DISTRICT, NATION, PROVINCE, require_view, scope_of
from tambonplan.core.concurrency import ConcurrentEditError
from tambonplan.events.models import EventKind
from tambonplan.partners.models import CoordinationRecord, Partner, PartnerArea
from tambonplan.partners.names import name_key

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
    partner.name_key = name_key(partner.name)
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
