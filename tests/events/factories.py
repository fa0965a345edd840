"""Small builders for event tests: events before, during and after now, attendees, counts and images."""

import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from tambonplan.areas.models import Village
from tambonplan.events.models import AttendanceCount, Attendee, AttendeeGroup, Event, EventKind, person_key
from tambonplan.thai.dates import current_fiscal_year

HUA_RUEA = "340104"
NONG_KHON = "340105"
NAI_MUEANG = "340101"
MUEANG = "3401"
WARIN_TAMBON = "341501"
WARIN = "3415"
UBON = "34"


def links(area_code: str) -> dict:
    return {
        "area_code": area_code,
        "province_id": area_code[:2],
        "district_id": area_code[:4] if len(area_code) >= 4 else None,
        "tambon_id": area_code[:6] if len(area_code) >= 6 else None,
        "village": Village.objects.get(code=area_code) if len(area_code) == 8 else None,
    }


def event(
    area_code: str = HUA_RUEA,
    *,
    kind: str = EventKind.WORKSHOP,
    starts_in: timedelta = timedelta(hours=-1),
    hours: int = 3,
    fiscal_year: int | None = None,
    title: str = "ประชุมเชิงปฏิบัติการจัดทำแผนพัฒนาตำบล",
    **extra,
) -> Event:
    """An event starting `starts_in` from now (negative: in the past) and lasting `hours`."""
    starts = timezone.now() + starts_in
    return Event.objects.create(
        kind=kind,
        fiscal_year=fiscal_year or current_fiscal_year(),
        title=title,
        starts_at=starts,
        ends_at=starts + timedelta(hours=hours),
        venue="ศาลาประชาคม",
        **links(area_code),
        **extra,
    )


def attendee(
    event: Event, name: str, group: str = AttendeeGroup.LEADERS, *, phone: str = "", member=None
) -> Attendee:
    return Attendee.objects.create(
        event=event, name=name, group=group, phone=phone, member=member, checkin_key=person_key(name, phone)
    )


def counts(event: Event, **by_group: int) -> None:
    for group, count in by_group.items():
        AttendanceCount.objects.create(event=event, group=group, count=count)


def image_upload(kind: str = "png", name: str | None = None) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), (200, 30, 30)).save(buffer, format="PNG" if kind == "png" else "JPEG")
    content_type = "image/png" if kind == "png" else "image/jpeg"
    return SimpleUploadedFile(name or f"photo.{kind}", buffer.getvalue(), content_type=content_type)


def text_as_jpg() -> SimpleUploadedFile:
    return SimpleUploadedFile("photo.jpg", "นี่ไม่ใช่รูปภาพ".encode(), content_type="image/jpeg")
