"""Writes to events: who may create and change them, attendance, counts, photos and the public check-in."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from tambonplan.areas.models import District, Province, Tambon
from tambonplan.core.concurrency import ConcurrentEditError
from tambonplan.events import services
from tambonplan.events.models import (
    CHECKIN_GRACE,
    AttendanceCount,
    Attendee,
    AttendeeGroup,
    Event,
    EventKind,
    EventPhoto,
    person_key,
)
from tests.committees import factories as cf
from tests.events import factories as f


def create(user, area, **overrides):
    starts = timezone.now() + timedelta(days=3)
    fields = {
        "kind": EventKind.WORKSHOP,
        "fiscal_year": 2569,
        "title": "ประชุมเชิงปฏิบัติการจัดทำแผนพัฒนาตำบลหัวเรือ",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=6),
        "area": area,
        "venue": "ศาลาประชาคมตำบล",
    }
    fields.update(overrides)
    return services.event_create(user=user, **fields)


# ------------------------------------------------------------------ who may create


def test_district_officer_creates_events_for_its_district_and_its_tambons(personas):
    hua_ruea = Tambon.objects.get(code=f.HUA_RUEA)
    workshop = create(personas.district_officer, hua_ruea, facilitators=[personas.tambon_officer])
    training = create(
        personas.district_officer,
        District.objects.get(code=f.MUEANG),
        kind=EventKind.ORIENTATION,
        title="อบรมสร้างความเข้าใจกระบวนการจัดทำแผนพัฒนาตำบล",
    )

    assert (workshop.area_code, workshop.province_id, workshop.district_id, workshop.tambon_id) == (
        f.HUA_RUEA,
        f.UBON,
        f.MUEANG,
        f.HUA_RUEA,
    )
    assert list(workshop.facilitators.all()) == [personas.tambon_officer]
    assert workshop.created_by == personas.district_officer
    assert workshop.checkin_closes_at == workshop.ends_at + CHECKIN_GRACE
    assert len(workshop.checkin_token) >= 20
    assert (training.area_code, training.tambon_id) == (f.MUEANG, None)


def test_tambon_officer_creates_only_for_its_tambons(personas):
    officer = personas.tambon_officer
    assert create(officer, Tambon.objects.get(code=f.NONG_KHON)).tambon_id == f.NONG_KHON
    with pytest.raises(PermissionDenied):  # sees its district, does not hold its events
        create(officer, District.objects.get(code=f.MUEANG), kind=EventKind.ORIENTATION)
    with pytest.raises(Http404):  # another tambon of the district is not its own
        create(officer, Tambon.objects.get(code=f.NAI_MUEANG))


def test_others_may_not_create(personas):
    hua_ruea = Tambon.objects.get(code=f.HUA_RUEA)
    with pytest.raises(PermissionDenied):
        create(personas.viewer, hua_ruea)
    with pytest.raises(Http404):
        create(personas.other_district_officer, hua_ruea)
    with pytest.raises(Http404):
        create(personas.outsider, hua_ruea)
    with pytest.raises(PermissionDenied):  # the province's own events belong to its officers
        create(personas.district_officer, Province.objects.get(code=f.UBON), kind=EventKind.ORIENTATION)
    assert not Event.objects.exists()


def test_event_rules(personas):
    mueang = District.objects.get(code=f.MUEANG)
    hua_ruea = Tambon.objects.get(code=f.HUA_RUEA)
    starts = timezone.now()
    with pytest.raises(ValidationError) as error:
        create(personas.district_officer, mueang, kind=EventKind.WORKSHOP)
    assert "ต้องระบุตำบล" in str(error.value)
    with pytest.raises(ValidationError) as error:
        create(personas.district_officer, hua_ruea, starts_at=starts, ends_at=starts - timedelta(minutes=1))
    assert "เวลาสิ้นสุดต้องไม่ก่อนเวลาเริ่ม" in str(error.value)
    with pytest.raises(ValidationError):
        create(personas.district_officer, hua_ruea, title="   ")
    with pytest.raises(ValidationError) as error:
        create(personas.district_officer, hua_ruea, facilitators=[personas.outsider])
    assert "วิทยากร" in str(error.value)
    assert not Event.objects.exists()


def test_update_moves_the_checkin_close_and_refuses_a_stale_version(personas):
    event = create(personas.district_officer, Tambon.objects.get(code=f.HUA_RUEA))
    later = event.ends_at + timedelta(hours=1)

    updated = services.event_update(
        user=personas.district_officer, event=event, version=event.version, ends_at=later, minutes="สรุปผล"
    )

    assert (updated.version, updated.ends_at, updated.minutes) == (2, later, "สรุปผล")
    assert updated.checkin_closes_at == later + CHECKIN_GRACE
    with pytest.raises(ConcurrentEditError):
        services.event_update(user=personas.district_officer, event=event, version=1, title="ชื่อใหม่")
    with pytest.raises(PermissionDenied):
        services.event_update(user=personas.viewer, event=event, version=2, title="ชื่อใหม่")


def test_update_cannot_move_an_event_out_of_the_users_area(personas):
    event = create(personas.tambon_officer, Tambon.objects.get(code=f.HUA_RUEA))
    with pytest.raises(Http404):
        services.event_update(
            user=personas.tambon_officer, event=event, version=1, area=Tambon.objects.get(code=f.NAI_MUEANG)
        )
    event.refresh_from_db()
    assert event.tambon_id == f.HUA_RUEA


# ------------------------------------------------------------------ attendance


def test_attendee_add_by_name_and_once_per_person(personas):
    event = f.event()
    officer = personas.tambon_officer

    attendee = services.attendee_add(
        user=officer,
        event=event,
        name="  นาย สมชาย   ใจดี ",
        group=AttendeeGroup.LEADERS,
        phone="๐๘๑-๒๓๔-๕๖๗๘",
    )

    assert (attendee.name, attendee.phone, attendee.via_checkin) == ("นาย สมชาย ใจดี", "0812345678", False)
    with pytest.raises(ValidationError) as error:
        services.attendee_add(
            user=officer, event=event, name="นาย สมชาย ใจดี", group=AttendeeGroup.OTHERS, phone="0812345678"
        )
    assert "อยู่ในรายชื่อผู้เข้าร่วมแล้ว" in str(error.value)
    with pytest.raises(ValidationError) as error:
        services.attendee_add(user=officer, event=event, name="", group=AttendeeGroup.LEADERS)
    assert "กรุณากรอกชื่อ" in str(error.value)
    with pytest.raises(PermissionDenied):
        services.attendee_add(user=personas.viewer, event=event, name="นางสาวมาลี", group=AttendeeGroup.OTHERS)
    assert event.attendees.count() == 1


def test_attendee_picked_from_the_committees_of_the_tambon(personas):
    socho = cf.order("socho_t", f.HUA_RUEA).members.order_by("sort_order")
    kbt = cf.order("kbt", f.HUA_RUEA).members.order_by("sort_order")
    other_tambon = cf.order("socho_t", f.NAI_MUEANG).members.first()
    event = f.event(f.HUA_RUEA)
    officer = personas.district_officer

    from_socho = services.attendee_add(user=officer, event=event, member=socho[0])
    from_kbt = services.attendee_add(user=officer, event=event, member=kbt[1])
    as_partner = services.attendee_add(
        user=officer, event=event, member=kbt[2], group=AttendeeGroup.OFFICIALS
    )

    assert (from_socho.name, from_socho.group, from_socho.member) == (socho[0].full_name, "socho", socho[0])
    assert from_socho.phone == socho[0].phone
    assert (from_kbt.group, as_partner.group) == (AttendeeGroup.LEADERS, AttendeeGroup.OFFICIALS)
    with pytest.raises(ValidationError) as error:
        services.attendee_add(user=officer, event=event, member=socho[0])
    assert "อยู่ในรายชื่อผู้เข้าร่วมแล้ว" in str(error.value)
    with pytest.raises(ValidationError) as error:
        services.attendee_add(user=officer, event=event, member=other_tambon)
    assert "เลือกได้เฉพาะกรรมการ" in str(error.value)
    assert event.attendees.count() == 3


def test_attendee_remove(personas):
    event = f.event()
    attendee = f.attendee(event, "นายบุญมี ศรีสุข")
    with pytest.raises(PermissionDenied):
        services.attendee_remove(user=personas.viewer, attendee=attendee)
    services.attendee_remove(user=personas.tambon_officer, attendee=attendee)
    assert not event.attendees.exists()


def test_attendance_counts_set_every_group_at_once(personas):
    event = f.event()
    officer = personas.district_officer

    services.attendance_counts_set(user=officer, event=event, counts={"leaders": 12, "socho": 5, "others": 0})
    assert dict(event.counts.values_list("group", "count")) == {"leaders": 12, "socho": 5}

    services.attendance_counts_set(user=officer, event=event, counts={"leaders": 10, "partners": 3})
    assert dict(event.counts.values_list("group", "count")) == {"leaders": 10, "partners": 3}

    with pytest.raises(ValidationError) as error:
        services.attendance_counts_set(user=officer, event=event, counts={"leaders": -1})
    assert "ติดลบ" in str(error.value)
    with pytest.raises(ValidationError):
        services.attendance_counts_set(user=officer, event=event, counts={"aliens": 1})
    with pytest.raises(PermissionDenied):
        services.attendance_counts_set(user=personas.viewer, event=event, counts={"leaders": 1})
    assert dict(event.counts.values_list("group", "count")) == {"leaders": 10, "partners": 3}


# ------------------------------------------------------------------ photos


def test_photo_type_is_checked_by_content(personas, media):
    event = f.event()
    officer = personas.tambon_officer

    with pytest.raises(ValidationError) as error:
        services.photo_add(user=officer, event=event, image=f.text_as_jpg())
    assert "ไม่ใช่ชนิดที่รับได้" in str(error.value)
    with pytest.raises(ValidationError):  # a PDF is evidence elsewhere, not a photo
        services.photo_add(
            user=officer,
            event=event,
            image=SimpleUploadedFile("a.png", b"%PDF-1.4 not a photo"),
        )
    photo = services.photo_add(
        user=officer, event=event, image=f.image_upload("png", "../../รูป.png"), caption="บรรยากาศ"
    )

    assert EventPhoto.objects.count() == 1
    assert photo.image.name.startswith(f"events/{f.HUA_RUEA}/{event.pk}/") and photo.image.name.endswith(
        ".png"
    )
    assert ".." not in photo.image.name and "รูป" not in photo.image.name
    assert Path(photo.image.path).is_file()


def test_photo_size_is_limited(personas, media, monkeypatch):
    monkeypatch.setattr(services, "PHOTO_MAX_BYTES", 100)
    with pytest.raises(ValidationError) as error:
        services.photo_add(user=personas.tambon_officer, event=f.event(), image=f.image_upload("jpg"))
    assert "เกินกำหนด" in str(error.value)


def test_deleting_photos_and_events_removes_the_files(personas, media, django_capture_on_commit_callbacks):
    event = f.event()
    officer = personas.district_officer
    first = services.photo_add(user=officer, event=event, image=f.image_upload("png"))
    second = services.photo_add(user=officer, event=event, image=f.image_upload("jpg"))
    first_path, second_path = Path(first.image.path), Path(second.image.path)
    with pytest.raises(PermissionDenied):
        services.photo_delete(user=personas.viewer, photo=first)

    with django_capture_on_commit_callbacks(execute=True):
        services.photo_delete(user=officer, photo=first)
    assert not first_path.exists() and second_path.exists()

    with django_capture_on_commit_callbacks(execute=True):
        services.event_delete(user=officer, event=event)
    assert not second_path.exists()
    assert not Event.objects.exists() and not EventPhoto.objects.exists()


# ------------------------------------------------------------------ public check-in


def register(event, name="นางสมศรี มีสุข", group=AttendeeGroup.SOCHO, phone="0812345678", ip="10.0.0.1"):
    return services.checkin_register(
        token=event.checkin_token, name=name, group=group, phone=phone, client_ip=ip
    )


def test_checkin_registers_during_the_event(db):
    event = f.event(starts_in=timedelta(minutes=-30))
    attendee = register(event)
    assert (attendee.event, attendee.name, attendee.group, attendee.via_checkin) == (
        event,
        "นางสมศรี มีสุข",
        "socho",
        True,
    )
    assert attendee.already_registered is False
    assert attendee.checkin_key == person_key("นางสมศรี มีสุข", "0812345678")


def test_checkin_opens_a_day_before_and_closes_two_hours_after_by_default(db):
    tomorrow = f.event(starts_in=timedelta(hours=20))
    assert register(tomorrow).pk

    next_week = f.event(starts_in=timedelta(days=7))
    with pytest.raises(services.CheckinRefused) as refused:
        register(next_week)
    assert refused.value.code == "not_open"
    assert refused.value.message.startswith("ลงทะเบียนได้ตั้งแต่ ") and " ถึง " in refused.value.message

    just_ended = f.event(starts_in=timedelta(hours=-4), hours=3)  # ended an hour ago: still open
    assert register(just_ended).pk

    long_ago = f.event(starts_in=timedelta(days=-2), hours=3)
    with pytest.raises(services.CheckinRefused) as refused:
        register(long_ago)
    assert refused.value.code == "closed"
    assert "ลงทะเบียนได้ตั้งแต่" in refused.value.message
    assert not Attendee.objects.filter(event__in=[next_week, long_ago]).exists()


def test_checkin_with_an_unknown_token_is_refused(db):
    with pytest.raises(services.CheckinRefused) as refused:
        services.checkin_register(token="nope", name="นายก", group="others", phone="", client_ip="10.0.0.1")
    assert refused.value.code == "invalid_token"


def test_the_same_person_is_counted_once(db):
    event = f.event()
    first = register(event, name="นาย สมชาย ใจดี", phone="081-234-5678")
    again = register(event, name="  นาย  สมชาย ใจดี ", phone="๐๘๑ ๒๓๔ ๕๖๗๘", group=AttendeeGroup.OTHERS)
    international = register(event, name="นาย สมชาย ใจดี", phone="+66 81 234 5678")

    assert again.pk == first.pk == international.pk
    assert again.already_registered is True
    assert again.group == AttendeeGroup.SOCHO  # the first registration stands
    assert event.attendees.count() == 1
    assert register(event, name="นาย สมชาย ใจดี", phone="0899999999").pk != first.pk  # a namesake


def test_latin_names_are_matched_without_case(db):
    event = f.event()
    first = register(event, name="John SMITH", phone="")
    assert register(event, name="john smith", phone="").pk == first.pk


def test_checkin_refuses_bad_names_and_phones(db):
    event = f.event()
    for name, phone, message in (
        ("", "", "กรุณากรอกชื่อ-นามสกุล"),
        ("   ", "", "กรุณากรอกชื่อ-นามสกุล"),
        ("ก" * 151, "", "ชื่อยาวเกิน 150 ตัวอักษร"),
        ("นายสมชาย", "12", "หมายเลขโทรศัพท์ไม่ถูกต้อง"),
    ):
        with pytest.raises(ValidationError) as error:
            register(event, name=name, phone=phone)
        assert message in str(error.value)
    with pytest.raises(ValidationError) as error:
        register(event, group="martians")
    assert "กรุณาเลือกกลุ่ม" in str(error.value)
    assert not event.attendees.exists()


def test_checkin_is_rate_limited_per_address(db):
    event = f.event()
    for index in range(services.CHECKIN_MAX_PER_IP):
        register(event, name=f"ผู้เข้าร่วม {index}", ip="10.0.0.7")

    with pytest.raises(services.CheckinRateLimited) as refused:
        register(event, name="คนที่เกินกำหนด", ip="10.0.0.7")

    assert refused.value.status == 429
    assert event.attendees.count() == services.CHECKIN_MAX_PER_IP
    assert register(event, name="คนที่เกินกำหนด", ip="10.0.0.8").pk  # another phone is not held back


def test_checkin_is_rate_limited_per_event(db, monkeypatch):
    monkeypatch.setattr(services, "CHECKIN_MAX_PER_EVENT", 3)
    event, other = f.event(), f.event(f.NONG_KHON)
    for index in range(3):
        register(event, name=f"ผู้เข้าร่วม {index}", ip=f"10.0.1.{index}")
    with pytest.raises(services.CheckinRateLimited):
        register(event, name="คนที่สี่", ip="10.0.1.9")
    assert register(other, name="คนที่สี่", ip="10.0.1.9").event == other
    assert event.attendees.count() == 3


def test_counts_rows_are_unique_per_group(db):
    event = f.event()
    f.counts(event, leaders=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        AttendanceCount.objects.create(event=event, group="leaders", count=1)
