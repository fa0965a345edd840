"""Every write to circulars: the circular, its instructions and enclosures, acknowledgements, downloads."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tambonplan.areas.models import District, Province
from tambonplan.directives.access import (
    district_code_of,
    may_acknowledge,
    may_change_circular,
    require_change_circular,
    require_view_circular,
)
from tambonplan.directives.checks import checked_enclosure
from tambonplan.directives.models import Acknowledgement, Circular, DownloadLog, Enclosure, Instruction
from tambonplan.notifications import events as notification_events

CIRCULAR_FIELDS = (
    "office_name",
    "office_address",
    "number",
    "issued_on",
    "urgency",
    "secrecy",
    "subject",
    "addressees",
    "reference",
    "fiscal_year",
    "body",
    "closing",
    "signer_name",
    "signer_position",
    "contact",
    "contact_phone",
    "contact_fax",
    "contact_email",
    "copy_to",
    "report_due",
)
INSTRUCTION_FIELDS = ("number", "text", "due_on", "report_section", "topic")


def _set_districts(circular: Circular, districts) -> None:
    """The addressed districts: those given (of the circular's province only), or all of the province."""
    province_districts = District.objects.filter(province_id=circular.province_id, is_active=True)
    if districts:
        codes = [d.code for d in districts]
        chosen = list(province_districts.filter(code__in=codes))
        if len(chosen) != len(set(codes)):
            raise ValidationError(_("อำเภอที่เลือกต้องอยู่ในจังหวัดที่ออกหนังสือ"))
    else:
        chosen = list(province_districts)
    circular.districts.set(chosen)


@transaction.atomic
def circular_create(*, user, province: Province, districts=None, **fields) -> Circular:
    if not may_change_circular(user, province.code):
        raise PermissionDenied
    circular = Circular(province=province, created_by=user)
    for name in CIRCULAR_FIELDS:
        if name in fields and fields[name] is not None:
            setattr(circular, name, fields[name])
    circular.full_clean(exclude=["districts"])
    circular.save()
    _set_districts(circular, districts)
    return circular


@transaction.atomic
def circular_update(*, user, circular: Circular, districts=None, **fields) -> Circular:
    require_change_circular(user, circular)
    locked = Circular.objects.select_for_update().get(pk=circular.pk)
    for name in CIRCULAR_FIELDS:
        if name in fields and fields[name] is not None:
            setattr(locked, name, fields[name])
    locked.full_clean(exclude=["districts"])
    locked.save()
    _set_districts(locked, districts)
    return locked


@transaction.atomic
def instruction_save(
    *, user, circular: Circular, instruction: Instruction | None = None, **fields
) -> Instruction:
    require_change_circular(user, circular)
    if instruction is None:
        instruction = Instruction(circular=circular)
    elif instruction.circular_id != circular.pk:
        raise PermissionDenied
    for name in INSTRUCTION_FIELDS:
        if name in fields:
            setattr(instruction, name, fields[name] if fields[name] is not None else "")
    if instruction.due_on == "":
        instruction.due_on = None
    if circular.instructions.filter(number=instruction.number).exclude(pk=instruction.pk).exists():
        raise ValidationError(_("มีข้อ %(number)s แล้ว") % {"number": instruction.number})
    instruction.save()
    return instruction


@transaction.atomic
def instruction_delete(*, user, instruction: Instruction) -> None:
    require_change_circular(user, instruction.circular)
    instruction.delete()


@transaction.atomic
def enclosure_add(
    *, user, circular: Circular, number: int, title: str, file, quantity: str = ""
) -> Enclosure:
    require_change_circular(user, circular)
    if circular.enclosures.filter(number=number).exists():
        raise ValidationError(_("มีสิ่งที่ส่งมาด้วยลำดับที่ %(number)s แล้ว") % {"number": number})
    original = getattr(file, "name", "")
    checked = checked_enclosure(file)
    enclosure = Enclosure(
        circular=circular, number=number, title=title, quantity=quantity, original_name=original
    )
    enclosure.file.save(checked.name, checked, save=False)
    enclosure.save()
    return enclosure


@transaction.atomic
def enclosure_delete(*, user, enclosure: Enclosure) -> None:
    require_change_circular(user, enclosure.circular)
    enclosure.file.delete(save=False)
    enclosure.delete()


@transaction.atomic
def circular_issue(*, user, circular: Circular, now=None) -> Circular:
    """Issue a draft circular: from now on its districts see it, may acknowledge it and report to it, and its
    public links open. Its districts' officers are told (``notifications``: in the site, and by LINE and
    e-mail once the change is committed). A circular needs its instructions before it goes out; issuing twice
    changes nothing."""
    require_change_circular(user, circular)
    locked = Circular.objects.select_for_update().get(pk=circular.pk)
    if locked.is_issued:
        return locked
    if not locked.instructions.exists():
        raise ValidationError(_("ยังออกหนังสือไม่ได้: หนังสือยังไม่มีข้อสั่งการ เพิ่มข้อสั่งการอย่างน้อยหนึ่งข้อก่อน"))
    locked.issued_at = now or timezone.now()
    locked.issued_by = user
    locked.save(update_fields=["issued_at", "issued_by"])
    notification_events.circular_issued(locked)
    return locked


def acknowledge(*, user, circular: Circular, now=None) -> Acknowledgement:
    """Record that the user's district has received the circular; the first acknowledgement stands."""
    require_view_circular(user, circular)
    if not may_acknowledge(user, circular):
        raise PermissionDenied
    district_code = district_code_of(user)
    existing = Acknowledgement.objects.filter(circular=circular, district_id=district_code).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Acknowledgement.objects.create(
                circular=circular, district_id=district_code, user=user, at=now or timezone.now()
            )
    except IntegrityError:  # another officer of the district acknowledged at the same moment
        return Acknowledgement.objects.get(circular=circular, district_id=district_code)


@transaction.atomic
def download_record(*, user, enclosure: Enclosure) -> DownloadLog:
    require_view_circular(user, enclosure.circular)
    return DownloadLog.objects.create(enclosure=enclosure, district_id=district_code_of(user), user=user)
