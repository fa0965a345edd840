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
from tambonplan.thai.dates import bangkok_today
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


def test_the_same_name_with_and_without_a_phone_is_one_attendee(personas):
    event = f.event()
    officer = personas.tambon_officer
    services.attendee_add(
        user=officer, event=event, name="นางบุญมี ศรีสุข", group=AttendeeGroup.LEADERS, phone="0812345678"
    )
    for phone in ("", "0899999999"):
        with pytest.raises(ValidationError) as error:
            services.attendee_add(
                user=officer, event=event, name="นางบุญมี  ศรีสุข", group=AttendeeGroup.LEADERS, phone=phone
            )
        assert "นางบุญมี ศรีสุข อยู่ในรายชื่อผู้เข้าร่วมแล้ว" in str(error.value)
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


def register(
    event,
    name="นางสมศรี มีสุข",
    group=AttendeeGroup.SOCHO,
    phone="0812345678",
    ip="10.0.0.1",
    code="",
    day=None,
):
    return services.checkin_register(
        token=services.checkin_link_token(event, day),
        name=name,
        group=group,
        phone=phone,
        client_ip=ip,
        code=code,
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


def test_checkin_with_an_unknown_or_forged_link_is_refused(db):
    event = f.event()
    real = services.checkin_link_token(event)
    forged = real[:-3] + ("AAA" if not real.endswith("AAA") else "BBB")
    for token in ("nope", forged, f"{event.checkin_token}.20991231.x", "." * 200):
        with pytest.raises(services.CheckinRefused) as refused:
            services.checkin_register(
                token=token, name="นายก", group="others", phone="", client_ip="10.0.0.1"
            )
        assert refused.value.code == "invalid_token", token
    assert not event.attendees.exists()


def test_yesterdays_link_is_refused_and_today_s_works(db):
    """The QR code's link holds the Bangkok date it was made for: yesterday's printed or shared link (and a
    bare event token, the links made before) no longer registers anyone; tomorrow's not yet."""
    event = f.event(starts_in=timedelta(hours=-1), hours=3)
    today = bangkok_today()

    with pytest.raises(services.CheckinRefused) as expired:
        register(event, day=today - timedelta(days=1))
    with pytest.raises(services.CheckinRefused) as early:
        register(event, day=today + timedelta(days=1))
    with pytest.raises(services.CheckinRefused) as bare:
        services.checkin_register(
            token=event.checkin_token, name="นายก ข", group="others", phone="", client_ip="10.0.0.1"
        )

    assert expired.value.code == bare.value.code == "expired_link"
    assert "หมดอายุแล้ว" in expired.value.message and "สแกนคิวอาร์โค้ดที่สถานที่จัดกิจกรรม" in expired.value.message
    assert early.value.code == "early_link"
    assert not event.attendees.exists()
    assert register(event, day=today).pk


def test_the_same_person_is_counted_once(db):
    event = f.event()
    first = register(event, name="นาย สมชาย ใจดี", phone="081-234-5678")
    again = register(event, name="  นาย  สมชาย ใจดี ", phone="๐๘๑ ๒๓๔ ๕๖๗๘", group=AttendeeGroup.OTHERS)
    international = register(event, name="นาย สมชาย ใจดี", phone="+66 81 234 5678")

    assert again.pk == first.pk == international.pk
    assert again.already_registered is True
    assert again.group == AttendeeGroup.SOCHO  # the first registration stands
    assert event.attendees.count() == 1


def test_a_name_already_registered_is_refused_with_another_phone_or_none(db):
    event = f.event()
    first = register(event, name="นาย สมชาย ใจดี", phone="0812345678")

    for phone in ("0899999999", ""):
        with pytest.raises(ValidationError) as error:
            register(event, name="นาย  สมชาย ใจดี", phone=phone)
        assert "ชื่อ นาย สมชาย ใจดี ลงทะเบียนแล้ว" in str(error.value), phone
        assert "name" in error.value.error_dict
    assert list(event.attendees.all()) == [first]
    assert register(f.event(f.NONG_KHON), name="นาย สมชาย ใจดี", phone="").pk  # another event


def test_latin_names_are_matched_without_case(db):
    event = f.event()
    first = register(event, name="John SMITH", phone="")
    assert register(event, name="john smith", phone="").pk == first.pk
    with pytest.raises(ValidationError):
        register(event, name="JOHN smith", phone="0812345678")


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


# ------------------------------------------------------------------ check-in limits


def test_six_hundred_refused_or_repeated_posts_do_not_block_a_genuine_checkin(db):
    """Issue 14: every post used to count toward the event's hourly limit, so 600 junk posts from anywhere
    shut check-in for an hour. Only new attendees count now."""
    event = f.event()
    register(event, name="นายซ้ำ ซ้ำซาก", phone="0811111111", ip="203.0.113.1")
    junk = 0
    for index in range(services.CHECKIN_MAX_PER_EVENT):
        ip = f"203.0.113.{index % 250 + 1}"
        try:
            if index % 3 == 0:  # the same person again: "already registered"
                register(event, name="นายซ้ำ ซ้ำซาก", phone="0811111111", ip=ip)
            elif index % 3 == 1:  # a refused post: bad phone
                register(event, name=f"ขยะ {index}", phone="12", ip=ip)
            else:  # a refused post: the registered name with another phone
                register(event, name="นายซ้ำ ซ้ำซาก", phone=f"08{index:08d}", ip=ip)
        except ValidationError:
            pass
        junk += 1

    genuine = register(event, name="นางสมศรี มีสุข", phone="0812345678", ip="198.51.100.7")

    assert junk == services.CHECKIN_MAX_PER_EVENT
    assert genuine.already_registered is False
    assert event.attendees.count() == 2


def test_the_per_address_limit_counts_new_attendees_per_event(db):
    event, other = f.event(), f.event(f.NONG_KHON)
    for index in range(services.CHECKIN_MAX_PER_IP):
        register(event, name=f"ผู้เข้าร่วม {index}", ip="10.0.0.7")
    repeat = register(event, name="ผู้เข้าร่วม 0", ip="10.0.0.7")  # a repeat is answered, not limited

    with pytest.raises(services.CheckinRateLimited) as refused:
        register(event, name="คนที่เกินกำหนด", ip="10.0.0.7")

    assert repeat.already_registered is True
    assert refused.value.status == 429
    assert event.attendees.count() == services.CHECKIN_MAX_PER_IP
    assert register(event, name="คนที่เกินกำหนด", ip="10.0.0.8").pk  # another phone is not held back
    assert register(other, name="คนที่เกินกำหนด", ip="10.0.0.7").event == other  # nor another event


def test_checkin_is_rate_limited_per_event_on_new_attendees(db, monkeypatch):
    monkeypatch.setattr(services, "CHECKIN_MAX_PER_EVENT", 3)
    event, other = f.event(), f.event(f.NONG_KHON)
    for index in range(3):
        register(event, name=f"ผู้เข้าร่วม {index}", ip=f"10.0.1.{index}")
    with pytest.raises(services.CheckinRateLimited):
        register(event, name="คนที่สี่", ip="10.0.1.9")
    assert register(event, name="ผู้เข้าร่วม 1", ip="10.0.1.9").already_registered is True
    assert register(other, name="คนที่สี่", ip="10.0.1.9").event == other
    assert event.attendees.count() == 3


def test_a_big_event_may_take_twice_its_expected_attendance_per_hour(db, monkeypatch):
    monkeypatch.setattr(services, "CHECKIN_MAX_PER_EVENT", 3)
    event = f.event(expected_attendance=4)
    for index in range(8):
        register(event, name=f"ผู้เข้าร่วม {index}", ip=f"10.0.2.{index}")
    with pytest.raises(services.CheckinRateLimited):
        register(event, name="คนที่เก้า", ip="10.0.2.99")


# ------------------------------------------------------------------ check-in code


def test_an_event_expecting_more_than_fifty_people_gets_a_code(personas):
    hua_ruea = Tambon.objects.get(code=f.HUA_RUEA)
    big = create(personas.district_officer, hua_ruea, expected_attendance=51)
    small = create(personas.district_officer, hua_ruea, expected_attendance=50)
    unknown = create(personas.district_officer, hua_ruea)

    assert len(big.checkin_code) == 4 and big.checkin_code.isdigit() and big.checkin_code[0] != "0"
    assert small.checkin_code == unknown.checkin_code == ""

    grown = services.event_update(
        user=personas.district_officer, event=small, version=1, expected_attendance=200
    )
    assert len(grown.checkin_code) == 4
    services.checkin_code_off(user=personas.district_officer, event=grown)
    renamed = services.event_update(user=personas.district_officer, event=grown, version=2, title="ชื่อใหม่")
    assert renamed.checkin_code == ""  # the organiser's choice stands


def test_the_code_is_turned_on_renewed_and_off_by_organisers_only(personas):
    event = f.event()
    with pytest.raises(PermissionDenied):
        services.checkin_code_new(user=personas.viewer, event=event)
    with pytest.raises(Http404):
        services.checkin_code_new(user=personas.other_district_officer, event=event)

    first = services.checkin_code_new(user=personas.tambon_officer, event=event)
    second = services.checkin_code_new(user=personas.tambon_officer, event=event)
    event.refresh_from_db()
    assert event.checkin_code == second and len(first) == len(second) == 4
    assert event.version == 1
    # The code never enters the audit trail, which read-only viewers read.
    assert "checkin_code" not in {field.name for field in Event.history.model._meta.fields}

    with pytest.raises(PermissionDenied):
        services.checkin_code_off(user=personas.viewer, event=event)
    services.checkin_code_off(user=personas.tambon_officer, event=event)
    event.refresh_from_db()
    assert event.checkin_code == ""


def test_a_big_event_asks_for_its_code_in_thai_or_arabic_digits(db):
    event = f.event(checkin_code="4821")
    with pytest.raises(ValidationError) as missing:
        register(event, code="")
    with pytest.raises(ValidationError) as wrong:
        register(event, code="1234")

    assert "กรุณากรอกรหัสลงทะเบียน" in str(missing.value) and "code" in missing.value.error_dict
    assert "รหัสลงทะเบียนไม่ถูกต้อง" in str(wrong.value)
    assert not event.attendees.exists()
    assert register(event, name="นายหนึ่ง", code="๔๘๒๑").pk
    assert register(event, name="นายสอง", code=" 48 21 ").pk


@pytest.mark.parametrize(
    "typed", ["abcd", "٤٨٢١", "４８２１", "4²21", "48.21", "-4821", "9" * 40, "\x00", "4821\n1"]
)
def test_odd_codes_are_wrong_codes_never_errors(db, typed):
    event = f.event(checkin_code="4821")
    with pytest.raises(ValidationError) as error:
        register(event, code=typed)
    assert "รหัสลงทะเบียนไม่ถูกต้อง" in str(error.value)


def test_wrong_codes_are_limited_per_address_and_event(db):
    """Ten wrong codes from one address lock that address out of that event for ten minutes, even with
    the right code: 10 guesses out of 9,000 codes. Other phones and other events are not held back, and
    wrong codes do not use the event's quota."""
    event = f.event(checkin_code="4821")
    other = f.event(f.NONG_KHON, checkin_code="1357")
    for guess in range(services.CHECKIN_MAX_WRONG_CODES):
        with pytest.raises(ValidationError):
            register(event, name="นายเดา สุ่ม", code=str(1000 + guess), ip="10.0.3.1")

    with pytest.raises(services.CheckinRateLimited) as locked:
        register(event, name="นายเดา สุ่ม", code="4821", ip="10.0.3.1")

    assert locked.value.status == 429 and "ผิดหลายครั้งเกินไป" in locked.value.message
    assert not event.attendees.exists()
    assert register(event, name="นางสมศรี มีสุข", code="4821", ip="10.0.3.2").pk
    assert register(other, name="นายเดา สุ่ม", code="1357", ip="10.0.3.1").pk


def test_a_forgotten_code_is_not_counted_as_a_guess(db):
    event = f.event(checkin_code="4821")
    for _ in range(services.CHECKIN_MAX_WRONG_CODES + 5):
        with pytest.raises(ValidationError):
            register(event, code="", ip="10.0.4.1")
    assert register(event, code="4821", ip="10.0.4.1").pk


# ------------------------------------------------------------------ removing many attendees


@pytest.mark.parametrize("persona", ["province_officer", "district_officer", "tambon_officer"])
def test_organisers_remove_many_attendees_at_once(personas, persona):
    event, other = f.event(), f.event(f.NONG_KHON)
    keep = f.attendee(event, "นางสมศรี มีสุข")
    fakes = [register(event, name=f"ปลอม {index}", ip="10.0.5.1") for index in range(5)]
    elsewhere = f.attendee(other, "นายอื่น ที่อื่น")
    user = getattr(personas, persona)

    removed = services.attendees_remove(
        user=user, event=event, attendee_ids=[a.pk for a in fakes] + [elsewhere.pk, 999_999]
    )

    assert removed == 5
    assert list(event.attendees.all()) == [keep]
    assert other.attendees.get() == elsewhere  # another event's attendee is never touched
    deleted = Attendee.history.filter(history_type="-", id__in=[a.pk for a in fakes])
    assert deleted.count() == 5  # each removal is in the audit trail


@pytest.mark.parametrize(
    ("persona", "error"),
    [("viewer", PermissionDenied), ("other_district_officer", Http404), ("outsider", Http404)],
)
def test_others_may_not_remove_attendees(personas, persona, error):
    event = f.event()
    attendee = f.attendee(event, "นางสมศรี มีสุข")
    with pytest.raises(error):
        services.attendees_remove(user=getattr(personas, persona), event=event, attendee_ids=[attendee.pk])
    assert event.attendees.get() == attendee


def test_removing_fake_self_registrations_reopens_the_events_quota(
    personas, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "CHECKIN_MAX_PER_EVENT", 3)
    event = f.event()
    fakes = [register(event, name=f"ปลอม {index}", ip=f"10.0.6.{index}") for index in range(3)]
    with pytest.raises(services.CheckinRateLimited):
        register(event, name="นางสมศรี มีสุข", ip="10.0.6.50")

    with django_capture_on_commit_callbacks(execute=True):
        services.attendees_remove(
            user=personas.tambon_officer, event=event, attendee_ids=[a.pk for a in fakes]
        )

    assert register(event, name="นางสมศรี มีสุข", ip="10.0.6.50").already_registered is False


def test_counts_rows_are_unique_per_group(db):
    event = f.event()
    f.counts(event, leaders=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        AttendanceCount.objects.create(event=event, group="leaders", count=1)
