"""Every write to events: the event itself, photos, attendees, head counts and the public QR check-in."""

from collections.abc import Iterable, Mapping
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tambonplan.accounts.scope import require_change
from tambonplan.areas.models import Village
from tambonplan.committees.models import Member
from tambonplan.core import counters
from tambonplan.core.concurrency import ConcurrentEditError
from tambonplan.core.uploads import MB, checked_upload
from tambonplan.events import selectors
from tambonplan.events.models import (
    CHECKIN_CODE_ABOVE,
    CHECKIN_GRACE,
    NAME_MAX_LENGTH,
    TAMBON_KINDS,
    AttendanceCount,
    Attendee,
    AttendeeGroup,
    Event,
    EventKind,
    EventPhoto,
    checkin_day_token,
    name_key,
    new_checkin_code,
    normalise_name,
    normalise_phone,
    person_key,
)
from tambonplan.thai.dates import BANGKOK, bangkok_today, be_date_long, be_datetime
from tambonplan.thai.digits import parse_int

PHOTO_MAX_BYTES = 5 * MB
PHOTO_TYPES = ("jpg", "png")
EVENT_FIELDS = (
    "kind",
    "fiscal_year",
    "title",
    "starts_at",
    "ends_at",
    "venue",
    "expected_attendance",
    "agenda",
    "minutes",
)

# Public check-in limits (core.counters: fixed windows shared by every process). They count new attendees
# only, so refused and repeated posts cost a genuine participant nothing, and each address is counted per
# event, so one address cannot hold back other events. One venue's Wi-Fi or a mobile carrier's NAT may
# put many phones behind one address: raise CHECKIN_MAX_PER_IP if a large event meets the limit.
CHECKIN_MAX_PER_IP = 60
CHECKIN_IP_WINDOW_SECONDS = 10 * 60
# Per event the limit is this or twice the expected attendance, whichever is larger.
CHECKIN_MAX_PER_EVENT = 600
CHECKIN_EVENT_WINDOW_SECONDS = 60 * 60
# Wrong check-in codes per address and event: 10 guesses in 10 minutes leave a 4-digit code unguessed.
CHECKIN_MAX_WRONG_CODES = 10
CHECKIN_WRONG_CODE_WINDOW_SECONDS = 10 * 60


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


def _is_big(expected_attendance: int | None) -> bool:
    return (expected_attendance or 0) > CHECKIN_CODE_ABOVE


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
    expected_attendance: int | None = None,
    agenda: str = "",
    minutes: str = "",
    facilitators: Iterable = (),
    checkin_closes_at: datetime | None = None,
) -> Event:
    """A new event in an area the user may change (a tambon officer's tambons, a district officer's
    district and its tambons, a province officer's province). An event expecting more than
    CHECKIN_CODE_ABOVE people asks for a check-in code from the start."""
    require_change(user, area)
    facilitators = _check_facilitators(user, facilitators)
    event = Event(
        kind=kind,
        fiscal_year=fiscal_year,
        title=title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        venue=venue.strip(),
        expected_attendance=expected_attendance,
        checkin_code=new_checkin_code() if _is_big(expected_attendance) else "",
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
    The check-in closes CHECKIN_GRACE after the (new) end unless `checkin_closes_at` is given. An event
    whose expected attendance grows past CHECKIN_CODE_ABOVE gets a check-in code; other edits leave the
    code as the organiser set it (on or off)."""
    require_change(user, event)
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if locked.version != version:
        raise ConcurrentEditError
    if area is not None:
        require_change(user, area)
        for name, value in _area_links(area).items():
            setattr(locked, name, value)
    was_big = _is_big(locked.expected_attendance)
    for name in EVENT_FIELDS:
        if name in fields:
            value = fields[name]
            setattr(locked, name, value.strip() if isinstance(value, str) else value)
    locked.checkin_closes_at = checkin_closes_at or locked.ends_at + CHECKIN_GRACE
    if not was_big and _is_big(locked.expected_attendance) and not locked.checkin_code:
        locked.checkin_code = new_checkin_code()
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
    ศอช. counts as ศอช.). A name is listed once per event, whatever the phone typed with it: the same
    person entered once with a phone and once without is one attendee."""
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
    if event.attendees.filter(Q(checkin_key=key) | Q(name_key=name_key(name))).exists():
        raise ValidationError(_("%(name)s อยู่ในรายชื่อผู้เข้าร่วมแล้ว") % {"name": name})
    return Attendee.objects.create(
        event=event, name=name, group=group, phone=phone, member=member, checkin_key=key
    )


@transaction.atomic
def attendee_remove(*, user, attendee: Attendee) -> None:
    require_change(user, attendee)
    attendee.delete()


@transaction.atomic
def attendees_remove(*, user, event: Event, attendee_ids: Iterable[int]) -> int:
    """Remove many attendees of the event at once (a flood of fake self-registrations); ids of other
    events are ignored. Each removal enters the audit trail. When self-registered attendees go, the
    event's check-in quota starts afresh, so the fakes no longer hold back genuine participants.
    Returns how many were removed."""
    require_change(user, event)
    attendees = list(event.attendees.select_for_update().filter(pk__in=list(attendee_ids)))
    for attendee in attendees:
        attendee.delete()
    if any(attendee.via_checkin for attendee in attendees):
        transaction.on_commit(lambda: counters.clear(_event_quota_key(event)))
    return len(attendees)


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


def checkin_link_token(event: Event, day: date | None = None) -> str:
    """The token of the event's check-in link for `day` (default: today in Bangkok): that day's QR code."""
    return checkin_day_token(event.checkin_token, day or bangkok_today())


def checkin_link_day(event: Event, day: date | None = None) -> date:
    """The day whose link the organiser's page shows: `day` when check-in is open that day, else today
    during the check-in days, else the event's first day (a poster printed ahead) or its last."""
    days = event.checkin_days
    if day in days:
        return day
    today = bangkok_today()
    start = timezone.localtime(event.starts_at, BANGKOK).date()
    if today < start:
        return start
    return today if today in days else days[-1]


@transaction.atomic
def checkin_code_new(*, user, event: Event) -> str:
    """Ask for a check-in code (a new one: codes seen before stop working). Not in the audit trail nor the
    event's version: the code is a secret of the organisers, and the trail is shown to read-only viewers."""
    require_change(user, event)
    event.checkin_code = new_checkin_code()
    Event.objects.filter(pk=event.pk).update(checkin_code=event.checkin_code)
    return event.checkin_code


@transaction.atomic
def checkin_code_off(*, user, event: Event) -> None:
    """Check-in without a code (as checkin_code_new, outside the audit trail)."""
    require_change(user, event)
    event.checkin_code = ""
    Event.objects.filter(pk=event.pk).update(checkin_code="")


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


def checkin_link_refusal(link: selectors.CheckinLink) -> CheckinRefused | None:
    """Why the link cannot be used now: check-in not open (or over), or a link of another day. None when
    it can be used."""
    state = checkin_state(link.event)
    if state != "open":
        return CheckinRefused(checkin_window_message(link.event), code=state)
    today = bangkok_today()
    if link.day is None:
        return CheckinRefused(_("ลิงก์ลงทะเบียนนี้หมดอายุแล้ว กรุณาสแกนคิวอาร์โค้ดที่สถานที่จัดกิจกรรม"), code="expired_link")
    if link.day < today:
        return CheckinRefused(
            _("ลิงก์ลงทะเบียนนี้หมดอายุแล้ว (ใช้ได้เฉพาะวันที่ %(day)s) กรุณาสแกนคิวอาร์โค้ดที่สถานที่จัดกิจกรรม")
            % {"day": be_date_long(link.day)},
            code="expired_link",
        )
    if link.day > today:
        return CheckinRefused(
            _("ลิงก์นี้ใช้ลงทะเบียนได้เฉพาะวันที่ %(day)s กรุณาสแกนคิวอาร์โค้ดของวันนี้ที่สถานที่จัดกิจกรรม")
            % {"day": be_date_long(link.day)},
            code="early_link",
        )
    return None


def _event_quota_key(event: Event) -> str:
    return f"events:checkin:new:{event.pk}"


def _check_code(event: Event, code: str, client_ip: str) -> None:
    """The event's check-in code, typed in Thai or Arabic digits. Wrong codes are counted per address and
    event; past CHECKIN_MAX_WRONG_CODES even the right one is refused until the window ends, so the code
    cannot be found by trying. An empty code is a forgotten field, not a guess, and is not counted."""
    if not event.checkin_code:
        return
    wrong_key = f"events:checkin:wrong-code:{event.pk}:{client_ip}"
    if counters.count(wrong_key) >= CHECKIN_MAX_WRONG_CODES:
        raise CheckinRateLimited(
            _("กรอกรหัสลงทะเบียนผิดหลายครั้งเกินไป กรุณารอ 10 นาทีแล้วลองใหม่ หรือสอบถามเจ้าหน้าที่"), code="rate_limited"
        )
    typed = "".join((code or "").split())
    if not typed:
        raise ValidationError({"code": _("กรุณากรอกรหัสลงทะเบียนที่แสดงบนจอหรือป้ายในสถานที่จัดกิจกรรม")})
    if parse_int(typed) != int(event.checkin_code):
        counters.hit(wrong_key, window_seconds=CHECKIN_WRONG_CODE_WINDOW_SECONDS)
        raise ValidationError({"code": _("รหัสลงทะเบียนไม่ถูกต้อง ดูรหัสได้ที่จอหรือป้ายในสถานที่จัดกิจกรรม")})


def checkin_event_limit(event: Event) -> int:
    return max(CHECKIN_MAX_PER_EVENT, 2 * (event.expected_attendance or 0))


def _check_quota(event: Event, address_key: str) -> None:
    if counters.count(address_key) >= CHECKIN_MAX_PER_IP:
        raise CheckinRateLimited(_("มีการลงทะเบียนจากเครื่องนี้ถี่เกินไป กรุณารอสักครู่แล้วลองใหม่"), code="rate_limited")
    if counters.count(_event_quota_key(event)) >= checkin_event_limit(event):
        raise CheckinRateLimited(_("มีผู้ลงทะเบียนพร้อมกันจำนวนมาก กรุณารอสักครู่แล้วลองใหม่"), code="rate_limited")


def checkin_register(
    *, token: str, name: str, group: str, phone: str, client_ip: str, code: str = ""
) -> Attendee:
    """Self-registration by QR code, without an account. The day's link is the permission, with the
    event's check-in code when it has one.

    Refused (CheckinRefused) for an unknown link, a link of another day or outside the window;
    ValidationError for a bad name, group, phone or code, and for a name already registered with another
    phone or none (a second person of the same name asks the organisers). A person already registered
    (same normalised name and phone) is not added again: the existing attendee comes back with
    `already_registered` True. Rate-limited (CheckinRateLimited) on new attendees per address and event
    and per event, and on wrong codes per address and event.
    """
    link = selectors.checkin_link(token)
    if link is None:
        raise CheckinRefused(_("ลิงก์ลงทะเบียนไม่ถูกต้องหรือถูกยกเลิกแล้ว"), code="invalid_token")
    refusal = checkin_link_refusal(link)
    if refusal is not None:
        raise refusal
    event = link.event
    name, group, phone = _clean_person(name, group, phone)
    _check_code(event, code, client_ip)
    key = person_key(name, phone)
    address_key = f"events:checkin:new:{event.pk}:{client_ip}"
    try:
        with transaction.atomic():
            # One check-in of the event at a time: two phones typing the same name cannot both get in.
            Event.objects.select_for_update().get(pk=event.pk)
            existing = Attendee.objects.filter(event=event, checkin_key=key).first()
            if existing is not None:
                existing.already_registered = True
                return existing
            if Attendee.objects.filter(event=event, name_key=name_key(name)).exists():
                raise ValidationError(
                    {
                        "name": _("ชื่อ %(name)s ลงทะเบียนแล้ว หากท่านเป็นอีกคนที่ชื่อเดียวกัน กรุณาแจ้งเจ้าหน้าที่ที่จุดลงทะเบียน")
                        % {"name": name}
                    }
                )
            _check_quota(event, address_key)
            attendee = Attendee.objects.create(
                event=event, name=name, group=group, phone=phone, via_checkin=True, checkin_key=key
            )
            counters.hit(address_key, window_seconds=CHECKIN_IP_WINDOW_SECONDS)
            counters.hit(_event_quota_key(event), window_seconds=CHECKIN_EVENT_WINDOW_SECONDS)
    except IntegrityError:  # the same person registered at the same moment (SQLite takes no row lock)
        existing = Attendee.objects.get(event=event, checkin_key=key)
        existing.already_registered = True
        return existing
    attendee.already_registered = False
    return attendee
