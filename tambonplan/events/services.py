"""Every write to events: the event itself, photos, attendees, head counts and the public QR check-in."""

from collections.abc import Iterable, Mapping
from datetime import datetime

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tambonplan.accounts.scope import require_change
from tambonplan.areas.models import Village
from tambonplan.committees.models import Member
from tambonplan.core.concurrency import ConcurrentEditError
from tambonplan.core.uploads import MB, checked_upload
from tambonplan.events import selectors
from tambonplan.events.models import (
    CHECKIN_GRACE,
    NAME_MAX_LENGTH,
    TAMBON_KINDS,
    AttendanceCount,
    Attendee,
    AttendeeGroup,
    Event,
    EventKind,
    EventPhoto,
    normalise_name,
    normalise_phone,
    person_key,
)
from tambonplan.thai.dates import be_datetime

PHOTO_MAX_BYTES = 5 * MB
PHOTO_TYPES = ("jpg", "png")
EVENT_FIELDS = ("kind", "fiscal_year", "title", "starts_at", "ends_at", "venue", "agenda", "minutes")

# Public check-in limits (fixed windows in Django's cache). One venue's Wi-Fi or a mobile carrier's NAT
# may put many phones behind one address: raise CHECKIN_MAX_PER_IP if a large event meets the limit.
CHECKIN_MAX_PER_IP = 60
CHECKIN_IP_WINDOW_SECONDS = 10 * 60
CHECKIN_MAX_PER_EVENT = 600
CHECKIN_EVENT_WINDOW_SECONDS = 60 * 60


# ------------------------------------------------------------------ events


def _area_links(area) -> dict:
    """The event's area fields for a province, district, tambon or village."""
    code = area.area_code
    return {
        "area_code": code,
        "province_id": code[:2],
        "district_id": code[:4] if len(code) >= 4 else None,
        "tambon_id": code[:6] if len(code) >= 6 else None,
        "village": area if isinstance(area, Village) else None,
    }


def _check_facilitators(user, facilitators) -> list:
    facilitators = list(facilitators or [])
    allowed = set(
        selectors.facilitator_choices(user)
        .filter(pk__in=[u.pk for u in facilitators])
        .values_list("pk", flat=True)
    )
    if any(person.pk not in allowed for person in facilitators):
        raise ValidationError({"facilitators": _("เลือกวิทยากรได้เฉพาะเจ้าหน้าที่ในจังหวัดของท่าน")})
    return facilitators


def _check_event(event: Event) -> None:
    errors = {}
    if not event.title.strip():
        errors["title"] = _("กรุณาระบุชื่อกิจกรรม")
    if event.kind not in EventKind.values:
        errors["kind"] = _("ไม่รู้จักประเภทกิจกรรมนี้")
    elif event.kind in TAMBON_KINDS and not event.tambon_id:
        errors["tambon"] = _("%(kind)s ต้องระบุตำบล") % {"kind": EventKind(event.kind).label}
    if event.starts_at and event.ends_at and event.ends_at < event.starts_at:
        errors["ends_at"] = _("เวลาสิ้นสุดต้องไม่ก่อนเวลาเริ่ม")
    if event.checkin_closes_at and event.starts_at and event.checkin_closes_at < event.starts_at:
        errors["checkin_closes_at"] = _("เวลาปิดลงทะเบียนต้องไม่ก่อนเวลาเริ่มกิจกรรม")
    if errors:
        raise ValidationError(errors)
    event.full_clean(exclude=["checkin_token"])


@transaction.atomic
def event_create(
    *,
    user,
    kind: str,
    fiscal_year: int,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    area,
    venue: str = "",
    agenda: str = "",
    minutes: str = "",
    facilitators: Iterable = (),
    checkin_closes_at: datetime | None = None,
) -> Event:
    """A new event in an area the user may change (a tambon officer's tambons, a district officer's
    district and its tambons, a province officer's province)."""
    require_change(user, area)
    facilitators = _check_facilitators(user, facilitators)
    event = Event(
        kind=kind,
        fiscal_year=fiscal_year,
        title=title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        venue=venue.strip(),
        agenda=agenda.strip(),
        minutes=minutes.strip(),
        checkin_closes_at=checkin_closes_at or (ends_at + CHECKIN_GRACE if ends_at else None),
        created_by=user,
        **_area_links(area),
    )
    _check_event(event)
    event.save()
    event.facilitators.set(facilitators)
    return event


@transaction.atomic
def event_update(
    *,
    user,
    event: Event,
    version: int,
    area=None,
    facilitators: Iterable | None = None,
    checkin_closes_at: datetime | None = None,
    **fields,
) -> Event:
    """Change the event (optimistic locking on `version`); moving it needs the right to change both areas.
    The check-in closes CHECKIN_GRACE after the (new) end unless `checkin_closes_at` is given."""
    require_change(user, event)
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if locked.version != version:
        raise ConcurrentEditError
    if area is not None:
        require_change(user, area)
        for name, value in _area_links(area).items():
            setattr(locked, name, value)
    for name in EVENT_FIELDS:
        if name in fields:
            value = fields[name]
            setattr(locked, name, value.strip() if isinstance(value, str) else value)
    locked.checkin_closes_at = checkin_closes_at or locked.ends_at + CHECKIN_GRACE
    _check_event(locked)
    locked.version += 1
    locked.save()
    if facilitators is not None:
        locked.facilitators.set(_check_facilitators(user, facilitators))
    return locked


@transaction.atomic
def event_delete(*, user, event: Event) -> None:
    """Delete the event with its attendance and photos (the photo files go once the deletion commits)."""
    require_change(user, event)
    files = [photo.image for photo in event.photos.all()]
    event.delete()
    transaction.on_commit(lambda: [image.delete(save=False) for image in files])


# ------------------------------------------------------------------ photos


@transaction.atomic
def photo_add(*, user, event: Event, image, caption: str = "") -> EventPhoto:
    """A JPEG or PNG photo (checked by its content, at most 5 MB), stored under a random name."""
    require_change(user, event)
    checked = checked_upload(image, allowed=PHOTO_TYPES, max_bytes=PHOTO_MAX_BYTES)
    photo = EventPhoto(event=event, image=checked, caption=caption.strip(), uploaded_by=user)
    photo.full_clean()
    photo.save()
    return photo


@transaction.atomic
def photo_delete(*, user, photo: EventPhoto) -> None:
    require_change(user, photo)
    image = photo.image
    photo.delete()
    transaction.on_commit(lambda: image.delete(save=False))


# ------------------------------------------------------------------ attendance


def _clean_person(name: str, group: str, phone: str) -> tuple[str, str, str]:
    """The name and phone tidied, or ValidationError in Thai, field by field."""
    name = normalise_name(name)
    phone_digits = normalise_phone(phone)
    errors = {}
    if not name:
        errors["name"] = _("กรุณากรอกชื่อ-นามสกุล")
    elif len(name) > NAME_MAX_LENGTH:
        errors["name"] = _("ชื่อยาวเกิน %(limit)d ตัวอักษร") % {"limit": NAME_MAX_LENGTH}
    if group not in AttendeeGroup.values:
        errors["group"] = _("กรุณาเลือกกลุ่มผู้เข้าร่วม")
    if (phone or "").strip() and not 9 <= len(phone_digits) <= 15:
        errors["phone"] = _("หมายเลขโทรศัพท์ไม่ถูกต้อง (ตัวเลข 9–10 หลัก เช่น 0812345678)")
    if errors:
        raise ValidationError(errors)
    return name, group, phone_digits


@transaction.atomic
def attendee_add(
    *, user, event: Event, name: str = "", group: str = "", phone: str = "", member: Member | None = None
) -> Attendee:
    """Add a named participant, typed in or picked from the committees of the event's area (a member of a
    ศอช. counts as ศอช.). The same person (name and phone) is listed once."""
    require_change(user, event)
    if member is not None:
        allowed = {m.pk: m for m in selectors.member_choices(user, event)}
        if member.pk not in allowed:
            if event.attendees.filter(member=member).exists():
                raise ValidationError(_("%(name)s อยู่ในรายชื่อผู้เข้าร่วมแล้ว") % {"name": member.full_name})
            raise ValidationError(_("เลือกได้เฉพาะกรรมการที่ปฏิบัติหน้าที่ในพื้นที่ของกิจกรรม"))
        member = allowed[member.pk]
        name = name or member.full_name
        phone = phone or member.phone
        if not group:
            group = AttendeeGroup.SOCHO if member.order.committee.kind.is_socho else AttendeeGroup.LEADERS
    name, group, phone = _clean_person(name, group, phone)
    key = person_key(name, phone)
    if event.attendees.filter(checkin_key=key).exists():
        raise ValidationError(_("%(name)s อยู่ในรายชื่อผู้เข้าร่วมแล้ว") % {"name": name})
    return Attendee.objects.create(
        event=event, name=name, group=group, phone=phone, member=member, checkin_key=key
    )


@transaction.atomic
def attendee_remove(*, user, attendee: Attendee) -> None:
    require_change(user, attendee)
    attendee.delete()


@transaction.atomic
def attendance_counts_set(*, user, event: Event, counts: Mapping[str, int | None]) -> dict[str, int]:
    """Set the head count of every group at once (a missing or empty group is 0)."""
    require_change(user, event)
    unknown = set(counts) - set(AttendeeGroup.values)
    if unknown:
        raise ValidationError(_("ไม่รู้จักกลุ่มผู้เข้าร่วม: %(groups)s") % {"groups": ", ".join(sorted(unknown))})
    values = {group: counts.get(group) or 0 for group in AttendeeGroup.values}
    negative = [AttendeeGroup(group).label for group, value in values.items() if value < 0]
    if negative:
        raise ValidationError(
            _("จำนวนต้องไม่ติดลบ: %(groups)s") % {"groups": ", ".join(str(g) for g in negative)}
        )
    existing = {row.group: row for row in AttendanceCount.objects.select_for_update().filter(event=event)}
    for group, value in values.items():
        row = existing.get(group)
        if value == 0:
            if row is not None:
                row.delete()
        elif row is None:
            AttendanceCount.objects.create(event=event, group=group, count=value)
        elif row.count != value:
            row.count = value
            row.save()
    return values


# ------------------------------------------------------------------ public check-in


class CheckinRefused(Exception):
    """The check-in was not accepted: `message` in Thai, `status` the HTTP status of the page."""

    status = 403

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


class CheckinRateLimited(CheckinRefused):
    status = 429


def _over_limit(key: str, limit: int, window_seconds: int) -> bool:
    """Count one attempt in the key's fixed window; True once the window holds more than `limit`."""
    cache.add(key, 0, timeout=window_seconds)
    try:
        attempts = cache.incr(key)
    except ValueError:  # the window expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        attempts = 1
    return attempts > limit


def checkin_window_message(event: Event) -> str:
    return _("ลงทะเบียนได้ตั้งแต่ %(opens)s ถึง %(closes)s") % {
        "opens": be_datetime(event.checkin_opens_at),
        "closes": be_datetime(event.checkin_closes_at),
    }


def checkin_state(event: Event, now: datetime | None = None) -> str:
    """ "open", "not_open" (more than a day before the start) or "closed" (after checkin_closes_at)."""
    now = now or timezone.now()
    if now < event.checkin_opens_at:
        return "not_open"
    if now > event.checkin_closes_at:
        return "closed"
    return "open"


def checkin_register(*, token: str, name: str, group: str, phone: str, client_ip: str) -> Attendee:
    """Self-registration by QR code, without an account. The token is the permission.

    Refused (CheckinRefused) for an unknown token or outside the window; rate-limited (CheckinRateLimited)
    per client address and per event; ValidationError for a bad name, group or phone. A person already
    registered (same normalised name and phone) is not added again: the existing attendee comes back with
    `already_registered` True.
    """
    if _over_limit(f"events:checkin:ip:{client_ip}", CHECKIN_MAX_PER_IP, CHECKIN_IP_WINDOW_SECONDS):
        raise CheckinRateLimited(_("มีการลงทะเบียนจากเครื่องนี้ถี่เกินไป กรุณารอสักครู่แล้วลองใหม่"), code="rate_limited")
    event = selectors.event_by_token(token)
    if event is None:
        raise CheckinRefused(_("ลิงก์ลงทะเบียนไม่ถูกต้องหรือถูกยกเลิกแล้ว"), code="invalid_token")
    if _over_limit(f"events:checkin:event:{event.pk}", CHECKIN_MAX_PER_EVENT, CHECKIN_EVENT_WINDOW_SECONDS):
        raise CheckinRateLimited(_("มีผู้ลงทะเบียนพร้อมกันจำนวนมาก กรุณารอสักครู่แล้วลองใหม่"), code="rate_limited")
    state = checkin_state(event)
    if state != "open":
        raise CheckinRefused(checkin_window_message(event), code=state)
    name, group, phone = _clean_person(name, group, phone)
    key = person_key(name, phone)
    existing = Attendee.objects.filter(event=event, checkin_key=key).first()
    if existing is None:
        try:
            with transaction.atomic():
                existing = Attendee.objects.create(
                    event=event, name=name, group=group, phone=phone, via_checkin=True, checkin_key=key
                )
            existing.already_registered = False
            return existing
        except IntegrityError:  # the same person registered at the same moment from another phone
            existing = Attendee.objects.get(event=event, checkin_key=key)
    existing.already_registered = True
    return existing
