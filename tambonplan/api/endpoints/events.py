"""Events of the plan process with their attendance; attendees and head counts are writable.

Totals come from the selectors the event pages use (``attendance_totals`` for one event,
``with_participants`` for lists), so the API and the pages never disagree. Attendees' phone numbers are
answered only to those who see them on the pages (``may_see_contacts``); for everyone else they are null.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from tambonplan.accounts.scope import may_change
from tambonplan.api.contacts import contact
from tambonplan.api.filters import NO_NUL, AreaYearFilter
from tambonplan.api.pagination import Pages
from tambonplan.committees.selectors import member_for
from tambonplan.events import selectors, services
from tambonplan.events.models import MAX_HEAD_COUNT, AttendeeGroup, EventKind

router = Router(tags=["กิจกรรม"])


# ---------------------------------------------------------------- events


class EventOut(Schema):
    id: int
    kind: EventKind
    kind_label: str = Field(alias="get_kind_display")
    fiscal_year: int
    title: str
    starts_at: datetime
    ends_at: datetime
    venue: str
    area_code: str
    area_name: str
    province_code: str = Field(alias="province_id")
    district_code: str | None = Field(alias="district_id")
    tambon_code: str | None = Field(alias="tambon_id")
    village_code: str | None
    participants: int = Field(description="ผู้เข้าร่วมทั้งหมด: ผู้ลงชื่อ + จำนวนที่นับตามกลุ่ม")
    socho: int = Field(description="ผู้เข้าร่วมที่เป็น ศอช.")

    @staticmethod
    def resolve_village_code(obj) -> str | None:
        return obj.village.code if obj.village_id else None

    @staticmethod
    def resolve_participants(obj) -> int:
        return obj.named + obj.counted

    @staticmethod
    def resolve_socho(obj) -> int:
        return obj.socho_named + obj.socho_counted


class GroupTotalOut(Schema):
    group: AttendeeGroup
    group_label: str = Field(alias="label")
    named: int = Field(description="ผู้ลงชื่อ")
    counted: int = Field(description="จำนวนที่นับ (ไม่ได้ลงชื่อ)")
    total: int


class AttendanceOut(Schema):
    named: int
    counted: int
    total: int
    socho: int
    groups: list[GroupTotalOut]


class EventDetailOut(EventOut):
    agenda: str
    minutes: str
    facilitators: list[str] = Field(description="ชื่อวิทยากร/ผู้ดำเนินการ")
    attendance: AttendanceOut = Field(description="ยอดผู้เข้าร่วม ตัวเลขเดียวกับหน้ากิจกรรม")

    @staticmethod
    def resolve_participants(obj) -> int:
        return obj.attendance.total

    @staticmethod
    def resolve_socho(obj) -> int:
        return obj.attendance.socho

    @staticmethod
    def resolve_facilitators(obj) -> list[str]:
        return [
            person.get_full_name() or person.username
            for person in obj.facilitators.order_by("first_name", "last_name", "pk")
        ]


class EventFilter(AreaYearFilter):
    kind: EventKind | None = None


def _event_out(user, event_id: int):
    """The event with its attendance totals (``attendance_totals``: the event page's figures)."""
    event = selectors.event_for(user, event_id)
    event.attendance = selectors.attendance_totals(event)
    return event


@router.get("/events", response=list[EventOut], url_name="events", summary="กิจกรรม")
@paginate(Pages)
def events(request, filters: Query[EventFilter]):
    return selectors.events_list(
        request.user, area=filters.area, fiscal_year=filters.fiscal_year, kind=filters.kind
    )


@router.get(
    "/events/{event_id}", response=EventDetailOut, url_name="event", summary="กิจกรรมหนึ่งรายการ พร้อมยอดผู้เข้าร่วม"
)
def event(request, event_id: int):
    return _event_out(request.user, event_id)


# ---------------------------------------------------------------- attendees


class AttendeeOut(Schema):
    id: int
    event_id: int
    name: str
    group: AttendeeGroup
    group_label: str = Field(alias="get_group_display")
    phone: str | None = Field(description="เฉพาะผู้มีสิทธิ์เห็นข้อมูลติดต่อ (เจ้าหน้าที่ผู้แก้ไขข้อมูลในพื้นที่) อื่น ๆ เป็น null")
    member_id: int | None = Field(description="กรรมการที่ผู้เข้าร่วมคนนี้เป็น (ถ้ามี)")
    is_socho: bool
    via_checkin: bool = Field(description="ลงทะเบียนเองด้วยคิวอาร์โค้ด")
    created_at: datetime

    @staticmethod
    def resolve_phone(obj, context) -> str | None:
        return contact(obj.phone, context)


class AttendeeIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(
        "", max_length=1000, pattern=NO_NUL, description="ชื่อ-นามสกุล (ไม่ระบุได้เมื่อระบุ member_id: ใช้ชื่อกรรมการ)"
    )
    group: AttendeeGroup | None = Field(
        None, description="กลุ่มผู้เข้าร่วม (ไม่ระบุได้เมื่อระบุ member_id: กรรมการ ศอช. เป็น socho อื่น ๆ เป็น leaders)"
    )
    phone: str = Field("", max_length=100, pattern=NO_NUL, description="โทรศัพท์ (ไม่บังคับ)")
    member_id: int | None = Field(None, ge=1, description="กรรมการที่ปฏิบัติหน้าที่ในพื้นที่ของกิจกรรม (แทนการพิมพ์ชื่อ)")


class CountsIn(Schema):
    """Head counts by group, for participants whose names are not recorded. A group left out counts 0."""

    model_config = ConfigDict(extra="forbid")

    leaders: int = Field(0, ge=0, le=MAX_HEAD_COUNT, description=str(AttendeeGroup.LEADERS.label))
    socho: int = Field(0, ge=0, le=MAX_HEAD_COUNT, description=str(AttendeeGroup.SOCHO.label))
    networks: int = Field(0, ge=0, le=MAX_HEAD_COUNT, description=str(AttendeeGroup.NETWORKS.label))
    officials: int = Field(0, ge=0, le=MAX_HEAD_COUNT, description=str(AttendeeGroup.OFFICIALS.label))
    partners: int = Field(0, ge=0, le=MAX_HEAD_COUNT, description=str(AttendeeGroup.PARTNERS.label))
    others: int = Field(0, ge=0, le=MAX_HEAD_COUNT, description=str(AttendeeGroup.OTHERS.label))


@router.get(
    "/events/{event_id}/attendees",
    response=list[AttendeeOut],
    url_name="event_attendees",
    summary="รายชื่อผู้เข้าร่วมกิจกรรม",
)
@paginate(Pages)
def event_attendees(request, event_id: int):
    return selectors.attendees_of(selectors.event_for(request.user, event_id))


def _member(user, event, member_id: int | None):
    """The committee member named in the body; one the user may not see is refused like one not allowed."""
    if member_id is None:
        return None
    if not may_change(user, event):
        raise PermissionDenied
    try:
        return member_for(user, member_id)
    except Http404:
        raise ValidationError({"member_id": _("เลือกได้เฉพาะกรรมการที่ปฏิบัติหน้าที่ในพื้นที่ของกิจกรรม")}) from None


@router.post(
    "/events/{event_id}/attendees",
    response={201: AttendeeOut},
    url_name="event_attendees",
    summary="เพิ่มผู้เข้าร่วมกิจกรรม (พิมพ์ชื่อ หรือเลือกจากกรรมการ)",
)
def event_attendee_add(request, event_id: int, body: AttendeeIn):
    event = selectors.event_for(request.user, event_id)
    attendee = services.attendee_add(
        user=request.user,
        event=event,
        name=body.name,
        group=body.group or "",
        phone=body.phone,
        member=_member(request.user, event, body.member_id),
    )
    return Status(201, attendee)


@router.delete(
    "/events/{event_id}/attendees/{attendee_id}",
    response={204: None},
    url_name="event_attendee",
    summary="ลบผู้เข้าร่วมออกจากรายชื่อ",
)
def event_attendee_remove(request, event_id: int, attendee_id: int):
    event = selectors.event_for(request.user, event_id)
    attendee = selectors.attendee_for(request.user, attendee_id)
    if attendee.event_id != event.pk:
        raise Http404
    services.attendee_remove(user=request.user, attendee=attendee)
    return Status(204, None)


@router.put(
    "/events/{event_id}/counts",
    response=AttendanceOut,
    url_name="event_counts",
    summary="บันทึกจำนวนผู้เข้าร่วมตามกลุ่ม (แทนที่ทุกกลุ่ม)",
    description="จำนวนผู้เข้าร่วมที่ไม่ได้ลงชื่อ แยกตามกลุ่ม: ส่งทุกกลุ่มที่มี กลุ่มที่ไม่ส่งนับเป็น 0 ตอบยอดผู้เข้าร่วมของกิจกรรมหลังบันทึก",
)
def event_counts(request, event_id: int, body: CountsIn):
    event = selectors.event_for(request.user, event_id)
    services.attendance_counts_set(user=request.user, event=event, counts=body.model_dump())
    return selectors.attendance_totals(event)
