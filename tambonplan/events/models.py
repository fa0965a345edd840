"""Events of the tambon-plan process (training, workshops, ก.บ.ต. meetings, partner meetings, village forums),
their photos and attendance: named attendees (typed in, picked from a committee, or self-registered by QR
code) and head counts by group when names are not recorded."""

import hashlib
import secrets
import unicodedata
from datetime import date, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from simple_history.models import HistoricalRecords

from tambonplan.accounts.scope import ScopedQuerySet
from tambonplan.areas.models import District, Province, Tambon, Village
from tambonplan.committees.models import Member
from tambonplan.core.history import HistoryChannel
from tambonplan.thai.dates import BANGKOK, be_date_short, be_datetime, time_of_day
from tambonplan.thai.digits import localize_digits, to_arabic_digits

# Check-in stays open this long after the event ends unless the event says otherwise.
CHECKIN_GRACE = timedelta(hours=2)
# Check-in opens this long before the event starts.
CHECKIN_OPENS_BEFORE = timedelta(days=1)
NAME_MAX_LENGTH = 150
PHONE_MAX_LENGTH = 20
# An event expecting more people than this gets a check-in code when it is created: a big crowd makes a
# shared link more likely, and a few extra seconds per person matter less than a flood of fake names.
CHECKIN_CODE_ABOVE = 50
CHECKIN_CODE_DIGITS = 4


class EventKind(models.TextChoices):
    ORIENTATION = "orientation", _("อบรม/สร้างความเข้าใจ")
    WORKSHOP = "workshop", _("ประชุมเชิงปฏิบัติการจัดทำแผนพัฒนาตำบล")
    KBT_MEETING = "kbt_meeting", _("ประชุม ก.บ.ต.")
    COORDINATION = "coordination", _("ประชุมประสานภาคีการพัฒนา")
    VILLAGE_FORUM = "village_forum", _("เวทีประชาคมหมู่บ้าน")


# Kinds held for one tambon (or one of its villages): the area must name the tambon.
TAMBON_KINDS = (EventKind.WORKSHOP, EventKind.KBT_MEETING, EventKind.VILLAGE_FORUM)


class AttendeeGroup(models.TextChoices):
    LEADERS = "leaders", _("ผู้นำชุมชน")
    SOCHO = "socho", _("ศอช.")
    NETWORKS = "networks", _("ผู้นำกลุ่มองค์กรและเครือข่าย")
    OFFICIALS = "officials", _("เจ้าหน้าที่/ข้าราชการ")
    PARTNERS = "partners", _("ภาคีการพัฒนา")
    OTHERS = "others", _("อื่น ๆ")


def new_checkin_token() -> str:
    return secrets.token_urlsafe(16)


def new_checkin_code() -> str:
    """Four digits without a leading zero (1000–9999): read aloud and typed in Thai or Arabic digits."""
    low = 10 ** (CHECKIN_CODE_DIGITS - 1)
    return str(low + secrets.randbelow(9 * low))


def _day_signer() -> signing.Signer:
    return signing.Signer(salt="tambonplan.events.checkin-day", sep=".")


def checkin_day_token(event_token: str, day: date) -> str:
    """The check-in link's token for one day, "<event token>.<YYYYMMDD>.<signature>": the signature
    (SECRET_KEY) makes the day unforgeable, so a link shared or printed for one day stops working the next."""
    return _day_signer().sign(f"{event_token}.{day:%Y%m%d}")


def read_checkin_day_token(token: str) -> tuple[str, date | None] | None:
    """(event token, day) from a day token; (event token, None) from a bare event token (a link made before
    links had a day); None when the signature or the day is wrong."""
    if "." not in token:
        return token, None
    try:
        event_token, day = _day_signer().unsign(token).split(".")
        return event_token, date(int(day[:4]), int(day[4:6]), int(day[6:]))
    except (signing.BadSignature, ValueError):
        return None


def normalise_name(name: str) -> str:
    """The name as typed, tidied for display and storage: Thai digits as Arabic, whitespace collapsed."""
    return " ".join(to_arabic_digits(unicodedata.normalize("NFC", name or "")).split())


# The largest head count of one group at one event: a typing slip, not a crowd, beyond it (and within the
# database's integer column).
MAX_HEAD_COUNT = 100_000


def normalise_phone(phone: str) -> str:
    """Only the digits of a phone number, Thai digits as Arabic; "+66 81 ..." becomes "081..."."""
    digits = "".join(ch for ch in to_arabic_digits(phone or "") if ch in "0123456789")
    if digits.startswith("66") and len(digits) in (10, 11):
        digits = "0" + digits[2:]
    return digits


def _folded_name(name: str) -> str:
    """NFKC folds the two spellings of SARA AM; case-folding and collapsed whitespace absorb typing noise."""
    return unicodedata.normalize("NFKC", normalise_name(name)).casefold()


def person_key(name: str, phone: str) -> str:
    """A hash of the normalised name and phone: the same person typed twice gives the same key."""
    return hashlib.sha256(f"{_folded_name(name)}\x1f{normalise_phone(phone)}".encode()).hexdigest()


def name_key(name: str) -> str:
    """A hash of the normalised name alone: the same name typed with another phone, or none, gives the same
    key (the public check-in refuses a second person of the same name)."""
    return hashlib.sha256(_folded_name(name).encode()).hexdigest()


class Event(models.Model):
    kind = models.CharField(_("ประเภทกิจกรรม"), max_length=20, choices=EventKind.choices)
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"), db_index=True)
    title = models.CharField(_("ชื่อกิจกรรม"), max_length=300)
    starts_at = models.DateTimeField(_("เริ่ม"))
    ends_at = models.DateTimeField(_("สิ้นสุด"))
    venue = models.CharField(_("สถานที่"), max_length=300, blank=True)
    area_code = models.CharField(_("รหัสพื้นที่"), max_length=8, db_index=True)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="+", verbose_name=_("จังหวัด")
    )
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("อำเภอ")
    )
    tambon = models.ForeignKey(
        Tambon, on_delete=models.PROTECT, null=True, blank=True, related_name="events", verbose_name=_("ตำบล")
    )
    village = models.ForeignKey(
        Village, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("หมู่บ้าน")
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="facilitated_events",
        verbose_name=_("วิทยากร/ผู้ดำเนินการ"),
    )
    agenda = models.TextField(_("ระเบียบวาระ/กำหนดการ"), blank=True)
    minutes = models.TextField(_("บันทึกการประชุม/ผลการดำเนินงาน"), blank=True)
    expected_attendance = models.PositiveIntegerField(_("จำนวนผู้เข้าร่วมที่คาดไว้ (คน)"), null=True, blank=True)
    checkin_token = models.CharField(max_length=32, unique=True, default=new_checkin_token, editable=False)
    # Empty: no code asked. Kept out of the audit trail, which read-only viewers see.
    checkin_code = models.CharField(
        _("รหัสลงทะเบียน"), max_length=CHECKIN_CODE_DIGITS, blank=True, editable=False
    )
    checkin_closes_at = models.DateTimeField(_("ปิดลงทะเบียนด้วยคิวอาร์โค้ด"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(
        bases=[HistoryChannel], excluded_fields=["version", "checkin_token", "checkin_code"]
    )

    objects = ScopedQuerySet.as_manager()
    scope_paths = {"province": "province_id", "district": "district_id", "tambon": "tambon_id"}

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("กิจกรรม")
        verbose_name_plural = _("กิจกรรม")
        indexes = [models.Index(fields=["fiscal_year", "kind", "tambon"], name="event_fy_kind_tambon")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.checkin_closes_at is None and self.ends_at is not None:
            self.checkin_closes_at = self.ends_at + CHECKIN_GRACE
        super().save(*args, **kwargs)

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("เวลาสิ้นสุดต้องไม่ก่อนเวลาเริ่ม")})

    @property
    def area(self):
        return self.village or self.tambon or self.district or self.province

    @property
    def area_name(self) -> str:
        """'หมู่ที่ 1 บ้านหัวเรือ ตำบลหัวเรือ อำเภอเมืองอุบลราชธานี', 'อำเภอเมืองอุบลราชธานี', 'จังหวัดอุบลราชธานี'."""
        parts = []
        if self.village_id:
            parts.append(str(self.village))
        if self.tambon_id:
            parts.append(_("ตำบล%(name)s") % {"name": self.tambon.display_name})
        if self.district_id:
            parts.append(_("อำเภอ%(name)s") % {"name": self.district.display_name})
        else:
            parts.append(_("จังหวัด%(name)s") % {"name": self.province.display_name})
        separator = pgettext("between an area's name and the name of the area it lies in", " ")
        return separator.join(str(part) for part in parts)

    @property
    def when_label(self) -> str:
        """ "14 ก.พ. 66 09:00–16:30 น." or, over several days, "14 ก.พ. 66 09:00 น. – 15 ก.พ. 66 12:00 น."
        ("14 Feb 2023 09:00–16:30" in English)."""
        starts = timezone.localtime(self.starts_at, BANGKOK)
        ends = timezone.localtime(self.ends_at, BANGKOK)
        if starts.date() == ends.date():
            return localize_digits(
                f"{be_date_short(starts, thai_digits=False)} {starts:%H:%M}–"
            ) + time_of_day(ends)
        return f"{be_datetime(starts)} – {be_datetime(ends)}"

    @property
    def checkin_opens_at(self):
        return self.starts_at - CHECKIN_OPENS_BEFORE

    @property
    def checkin_days(self) -> list[date]:
        """The Bangkok dates on which check-in is open, each with its own link."""
        first = timezone.localtime(self.checkin_opens_at, BANGKOK).date()
        last = timezone.localtime(self.checkin_closes_at, BANGKOK).date()
        return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def photo_path(instance, filename: str) -> str:
    return f"events/{instance.event.area_code}/{instance.event_id}/{filename}"


class EventPhoto(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("รูปภาพ"), upload_to=photo_path)
    caption = models.CharField(_("คำอธิบายภาพ"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(bases=[HistoryChannel])

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("ภาพกิจกรรม")
        verbose_name_plural = _("ภาพกิจกรรม")

    def __str__(self):
        return self.caption or self.image.name

    @property
    def area_code(self) -> str:
        return self.event.area_code

    @property
    def content_type(self) -> str:
        return "image/png" if self.image.name.lower().endswith(".png") else "image/jpeg"


class Attendee(models.Model):
    """A named participant: typed in by an officer, picked from a committee, or registered by QR code."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendees")
    name = models.CharField(_("ชื่อ-นามสกุล"), max_length=NAME_MAX_LENGTH)
    group = models.CharField(_("กลุ่มผู้เข้าร่วม"), max_length=12, choices=AttendeeGroup.choices)
    phone = models.CharField(_("โทรศัพท์"), max_length=PHONE_MAX_LENGTH, blank=True)
    member = models.ForeignKey(
        Member,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attendances",
        verbose_name=_("กรรมการ"),
    )
    via_checkin = models.BooleanField(_("ลงทะเบียนด้วยคิวอาร์โค้ด"), default=False)
    # NULL, not "", for attendees without a key (from the admin): NULLs never collide in the unique pair.
    checkin_key = models.CharField(max_length=64, null=True, blank=True, editable=False)  # noqa: DJ001
    # name_key(name), set on every save: the public check-in looks a name up by it.
    name_key = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(bases=[HistoryChannel])

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("ผู้เข้าร่วม")
        verbose_name_plural = _("ผู้เข้าร่วม")
        indexes = [models.Index(fields=["event", "name_key"], name="attendee_event_name")]
        constraints = [
            models.UniqueConstraint(fields=["event", "checkin_key"], name="attendee_one_per_person"),
            models.UniqueConstraint(
                fields=["event", "member"],
                condition=models.Q(member__isnull=False),
                name="attendee_member_once",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.name)
        super().save(*args, **kwargs)

    @property
    def area_code(self) -> str:
        return self.event.area_code

    @property
    def is_socho(self) -> bool:
        """In the ศอช. group, or a member of a ศอช. committee (load member__order__committee__kind)."""
        if self.group == AttendeeGroup.SOCHO:
            return True
        return self.member_id is not None and self.member.order.committee.kind.is_socho


class AttendanceCount(models.Model):
    """How many people of a group attended, when their names are not recorded."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="counts")
    group = models.CharField(_("กลุ่มผู้เข้าร่วม"), max_length=12, choices=AttendeeGroup.choices)
    count = models.PositiveIntegerField(_("จำนวน (คน)"), default=0)
    history = HistoricalRecords(bases=[HistoryChannel])

    class Meta:
        ordering = ["event", "group"]
        verbose_name = _("จำนวนผู้เข้าร่วมตามกลุ่ม")
        verbose_name_plural = _("จำนวนผู้เข้าร่วมตามกลุ่ม")
        constraints = [
            models.UniqueConstraint(fields=["event", "group"], name="attendance_count_one_per_group"),
            models.CheckConstraint(condition=models.Q(count__gte=0), name="attendance_count_not_negative"),
        ]

    def __str__(self):
        return f"{self.get_group_display()}: {self.count}"

    @property
    def area_code(self) -> str:
        return self.event.area_code
