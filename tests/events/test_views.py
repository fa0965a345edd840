"""The event pages: list, form, event page, attendance, photos, QR page, who sees and changes what, and
the public check-in page."""

import ipaddress
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tambonplan.events import services
from tambonplan.events.models import Attendee, AttendeeGroup, Event, EventKind, EventPhoto
from tambonplan.thai.dates import bangkok_today, current_fiscal_year
from tests.committees import factories as cf
from tests.events import factories as f


@pytest.fixture
def mueang_event(db):
    event = f.event(f.HUA_RUEA, title="ประชุมเชิงปฏิบัติการ ตำบลหัวเรือ")
    f.attendee(event, "นายหนึ่ง ทดสอบ")
    return event


def checkin_path(event, day=None) -> str:
    return f"/checkin/{services.checkin_link_token(event, day)}/"


# ------------------------------------------------------------------ pages


def test_event_list_for_the_fiscal_year_with_filters(personas):
    f.event(f.HUA_RUEA, title="เวทีหัวเรือ")
    f.event(f.MUEANG, kind=EventKind.ORIENTATION, title="อบรมอำเภอ")
    f.event(f.WARIN_TAMBON, title="เวทีวาริน")
    client = personas.client_for(personas.district_officer)

    page = client.get("/events/")
    filtered = client.get("/events/", {"kind": EventKind.ORIENTATION})
    by_tambon = client.get("/events/", {"district": f.MUEANG, "tambon": f.HUA_RUEA})

    assert page.status_code == 200
    text = page.content.decode()
    assert "เวทีหัวเรือ" in text and "อบรมอำเภอ" in text and "เวทีวาริน" not in text
    assert [e.title for e in filtered.context["events"]] == ["อบรมอำเภอ"]
    assert [e.title for e in by_tambon.context["events"]] == ["เวทีหัวเรือ"]
    assert 'href="/events/new/"' in text
    assert 'href="/events/new/"' not in personas.client_for(personas.viewer).get("/events/").content.decode()


def test_district_officer_creates_an_event_through_the_form(personas):
    client = personas.client_for(personas.district_officer)
    assert client.get("/events/new/").status_code == 200

    response = client.post(
        "/events/new/",
        {
            "kind": EventKind.WORKSHOP,
            "title": "ประชุมเชิงปฏิบัติการจัดทำแผนพัฒนาตำบลหนองขอน",
            "fiscal_year": str(current_fiscal_year()),
            "start_date": "๑๔/๐๒/๒๕๖๙",
            "start_time": "09:00",
            "end_time": "16.30",
            "venue": "ศาลาประชาคม",
            "province": "34",
            "district": f.MUEANG,
            "tambon": f.NONG_KHON,
            "facilitators": [personas.district_officer.pk, personas.tambon_officer.pk],
            "agenda": "๑. ชี้แจงวัตถุประสงค์",
        },
    )

    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/events/{event.pk}/"
    local_start = timezone.localtime(event.starts_at)
    assert (local_start.year, local_start.month, local_start.day, local_start.hour) == (2026, 2, 14, 9)
    assert timezone.localtime(event.ends_at).strftime("%H:%M") == "16:30"
    assert (event.area_code, event.tambon_id) == (f.NONG_KHON, f.NONG_KHON)
    assert set(event.facilitators.all()) == {personas.district_officer, personas.tambon_officer}


def test_the_form_shows_thai_errors(personas):
    client = personas.client_for(personas.tambon_officer)
    response = client.post(
        "/events/new/",
        {
            "kind": EventKind.ORIENTATION,
            "title": "อบรม",
            "fiscal_year": str(current_fiscal_year()),
            "start_date": "14/02/2569",
            "start_time": "13:00",
            "end_time": "09:00",
            "province": "34",
            "district": f.MUEANG,
        },
    )
    assert response.status_code == 200
    assert "เวลาสิ้นสุดต้องไม่ก่อนเวลาเริ่ม" in response.content.decode()

    response = client.post(
        "/events/new/",
        {
            "kind": EventKind.ORIENTATION,
            "title": "อบรม",
            "fiscal_year": str(current_fiscal_year()),
            "start_date": "14/02/2569",
            "start_time": "09:00",
            "end_time": "12:00",
            "province": "34",
            "district": f.MUEANG,
        },
    )
    assert "ท่านไม่มีสิทธิ์จัดกิจกรรมในพื้นที่นี้" in response.content.decode()
    assert not Event.objects.exists()


def test_the_event_page(personas, mueang_event):
    mueang_event.facilitators.set([personas.tambon_officer])
    f.counts(mueang_event, leaders=7, socho=2)
    response = personas.client_for(personas.district_officer).get(f"/events/{mueang_event.pk}/")

    assert response.status_code == 200
    text = response.content.decode()
    assert "ประชุมเชิงปฏิบัติการ ตำบลหัวเรือ" in text
    assert '<svg viewBox="' in text and 'class="qr-code"' in text
    assert f"http://testserver{checkin_path(mueang_event)}" in text
    assert "คิวอาร์โค้ดของวันนี้" in text and "ใช้รหัสลงทะเบียน" in text  # no code asked yet
    assert "นายหนึ่ง ทดสอบ" in text and "huaruea_tambon" in text
    assert re.search(r'data-figure="total">10<', text) and re.search(r'data-figure="socho">2<', text)
    assert "<script>" not in text


def test_the_printable_qr_page(personas, mueang_event):
    response = personas.client_for(personas.tambon_officer).get(f"/events/{mueang_event.pk}/qr/")
    assert response.status_code == 200
    text = response.content.decode()
    assert 'class="qr-code"' in text and mueang_event.title in text and "data-print" in text
    assert checkin_path(mueang_event) in text and "ใช้ได้เฉพาะวันที่" in text
    assert 'http-equiv="refresh"' in text  # today's page turns to tomorrow's code after midnight
    assert "รหัสลงทะเบียน" not in text  # a small event asks for no code


def test_the_qr_page_of_another_day_for_a_poster_printed_ahead(personas):
    event = f.event(starts_in=timedelta(days=3), hours=30)  # over two days, from three days on
    client = personas.client_for(personas.district_officer)
    first_day = timezone.localtime(event.starts_at).date()

    default = client.get(f"/events/{event.pk}/qr/")
    second = client.get(f"/events/{event.pk}/qr/", {"day": (first_day + timedelta(days=1)).isoformat()})
    odd = [
        client.get(f"/events/{event.pk}/qr/", {"day": day}) for day in ("x", "2569-99-99", "\x00", "1" * 300)
    ]

    assert default.context["checkin_day"] == first_day  # not yet open: the first day, to print
    assert checkin_path(event, first_day) in default.content.decode()
    assert "refresh" not in default.content.decode()
    assert second.context["checkin_day"] == first_day + timedelta(days=1)
    assert checkin_path(event, first_day + timedelta(days=1)) in second.content.decode()
    assert [r.status_code for r in odd] == [200] * 4
    assert all(r.context["checkin_day"] == first_day for r in odd)


def test_edit_through_the_form(personas, mueang_event):
    client = personas.client_for(personas.tambon_officer)
    form = client.get(f"/events/{mueang_event.pk}/edit/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        start_date=data["start_date"].strftime("%d/%m/") + str(data["start_date"].year + 543),
        start_time=data["start_time"].strftime("%H:%M"),
        end_time=data["end_time"].strftime("%H:%M"),
        minutes="ที่ประชุมเห็นชอบร่างแผน",
    )
    # An event that runs past midnight (the factory starts it an hour ago) keeps its end date.
    if data.get("end_date"):
        data["end_date"] = data["end_date"].strftime("%d/%m/") + str(data["end_date"].year + 543)
    response = client.post(f"/events/{mueang_event.pk}/edit/", data)
    assert response.status_code == 302
    mueang_event.refresh_from_db()
    assert (mueang_event.minutes, mueang_event.version) == ("ที่ประชุมเห็นชอบร่างแผน", 2)

    stale = client.post(f"/events/{mueang_event.pk}/edit/", data)  # version 1 again
    assert "ถูกแก้ไขโดยผู้อื่น" in stale.content.decode()


def test_attendance_through_the_page(personas, mueang_event):
    socho = cf.order("socho_t", f.HUA_RUEA).members.order_by("sort_order")
    client = personas.client_for(personas.tambon_officer)
    url = f"/events/{mueang_event.pk}/"

    added = client.post(url + "attendees/add/", {"name": "นางสาวมาลี ดีงาม", "group": "partners", "phone": ""})
    picked = client.post(url + "attendees/pick/", {"member": socho[0].pk, "group": ""})
    duplicate = client.post(url + "attendees/add/", {"name": "นางสาวมาลี  ดีงาม", "group": "others"})
    counted = client.post(url + "counts/", {"leaders": "๑๒", "socho": "3", "networks": "", "partners": "0"})
    bad_count = client.post(url + "counts/", {"leaders": "-4"})

    assert added.status_code == picked.status_code == counted.status_code == 302
    assert "อยู่ในรายชื่อผู้เข้าร่วมแล้ว" in duplicate.content.decode()
    assert bad_count.status_code == 200
    names = list(mueang_event.attendees.values_list("name", "group"))
    assert names == [
        ("นายหนึ่ง ทดสอบ", "leaders"),
        ("นางสาวมาลี ดีงาม", "partners"),
        (socho[0].full_name, "socho"),
    ]
    assert dict(mueang_event.counts.values_list("group", "count")) == {"leaders": 12, "socho": 3}

    page = client.get(url)
    assert page.context["page"].totals.total == 3 + 15 and page.context["page"].totals.socho == 1 + 3
    removed = client.post(f"/events/attendees/{page.context['page'].attendees[1].pk}/remove/")
    assert removed.status_code == 302 and mueang_event.attendees.count() == 2


def test_photos_upload_checked_and_served_through_the_scope(personas, mueang_event, media):
    client = personas.client_for(personas.tambon_officer)
    refused = client.post(
        f"/events/{mueang_event.pk}/photos/add/", {"image": f.text_as_jpg(), "caption": "x"}
    )
    assert refused.status_code == 200 and "ไม่ใช่ชนิดที่รับได้" in refused.content.decode()
    assert not EventPhoto.objects.exists()

    added = client.post(
        f"/events/{mueang_event.pk}/photos/add/", {"image": f.image_upload("png"), "caption": "ภาพ"}
    )
    assert added.status_code == 302
    photo = EventPhoto.objects.get()

    shown = client.get(f"/events/photos/{photo.pk}/")
    assert shown.status_code == 200
    assert shown["Content-Type"] == "image/png"
    assert shown["X-Content-Type-Options"] == "nosniff"
    assert shown["Content-Disposition"].startswith("inline")
    assert b"".join(shown.streaming_content).startswith(b"\x89PNG")
    downloaded = client.get(f"/events/photos/{photo.pk}/?download=1")
    assert downloaded["Content-Disposition"].startswith("attachment")
    assert (
        personas.client_for(personas.other_district_officer).get(f"/events/photos/{photo.pk}/").status_code
        == 404
    )
    assert Client().get(f"/events/photos/{photo.pk}/").status_code == 302  # to the login page
    assert f"/events/photos/{photo.pk}/" in client.get(f"/events/{mueang_event.pk}/").content.decode()

    deleted = client.post(f"/events/photos/{photo.pk}/delete/")
    assert deleted.status_code == 302 and not EventPhoto.objects.exists()


# ------------------------------------------------------------------ scope


def event_urls(event, attendee, photo) -> list[tuple[str, str]]:
    base = f"/events/{event.pk}/"
    return [
        ("get", base),
        ("get", base + "edit/"),
        ("get", base + "qr/"),
        ("get", f"/events/photos/{photo.pk}/"),
        ("post", base + "edit/"),
        ("post", base + "delete/"),
        ("post", base + "attendees/add/"),
        ("post", base + "attendees/pick/"),
        ("post", base + "counts/"),
        ("post", base + "photos/add/"),
        ("post", base + "checkin-code/"),
        ("post", base + "attendees/remove/"),
        ("post", f"/events/attendees/{attendee.pk}/remove/"),
        ("post", f"/events/photos/{photo.pk}/delete/"),
    ]


@pytest.fixture
def photo(mueang_event, media):
    return EventPhoto.objects.create(event=mueang_event, image=f.image_upload())


@pytest.mark.parametrize("persona", ["other_district_officer", "outsider"])
def test_other_areas_get_404_on_every_url(personas, mueang_event, photo, persona):
    client = personas.client_for(getattr(personas, persona))
    attendee = mueang_event.attendees.get()
    for method, url in event_urls(mueang_event, attendee, photo):
        data = {"name": "x", "group": "others", "leaders": "1", "action": "new", "attendee": attendee.pk}
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, (method, url, response.status_code)
    assert mueang_event.attendees.count() == 1 and Event.objects.filter(pk=mueang_event.pk).exists()
    assert mueang_event.title not in client.get("/events/").content.decode()


def test_viewer_sees_but_gets_403_on_every_change(personas, mueang_event, photo):
    client = personas.client_for(personas.viewer)
    attendee = mueang_event.attendees.get()
    page = client.get(f"/events/{mueang_event.pk}/")
    assert page.status_code == 200
    assert "attendees/add/" not in page.content.decode() and "แก้ไขกิจกรรม" not in page.content.decode()
    assert 'type="checkbox"' not in page.content.decode() and "ลบรายชื่อที่เลือก" not in page.content.decode()
    for method, url in event_urls(mueang_event, attendee, photo):
        if method == "get" and not url.endswith(("edit/", "qr/")):
            continue
        data = {"name": "x", "group": "others", "leaders": "1", "action": "new", "attendee": attendee.pk}
        response = getattr(client, method)(url, data)
        assert response.status_code == 403, (method, url, response.status_code)
    assert client.get("/events/new/").status_code == 403
    assert mueang_event.attendees.count() == 1 and EventPhoto.objects.count() == 1


def test_a_viewer_does_not_see_the_checkin_link_nor_the_code(personas):
    """Whoever reads the link can register: a read-only viewer of the province sees the event and whether
    check-in is open, not the link, the QR code or the code; the QR page refuses them."""
    event = f.event(f.HUA_RUEA, checkin_code="4821")
    viewer = personas.client_for(personas.viewer)

    page = viewer.get(f"/events/{event.pk}/")
    qr_page = viewer.get(f"/events/{event.pk}/qr/")

    text = page.content.decode()
    assert page.status_code == 200 and event.title in text and "เปิดลงทะเบียนอยู่" in text
    assert "/checkin/" not in text and event.checkin_token not in text and 'class="qr-code"' not in text
    assert "4821" not in text and "ลงทะเบียนแสดงเฉพาะผู้จัดกิจกรรม" in text
    assert qr_page.status_code == 403 and event.checkin_token not in qr_page.content.decode()
    organiser = personas.client_for(personas.tambon_officer).get(f"/events/{event.pk}/").content.decode()
    assert checkin_path(event) in organiser and "data-code>4821<" in organiser


def test_a_tambon_officer_sees_the_districts_training_but_may_not_change_it(personas):
    training = f.event(f.MUEANG, kind=EventKind.ORIENTATION)
    client = personas.client_for(personas.tambon_officer)
    assert client.get(f"/events/{training.pk}/").status_code == 200
    assert client.post(f"/events/{training.pk}/counts/", {"leaders": "3"}).status_code == 403


def test_login_is_required_for_the_office_pages(mueang_event):
    client = Client()
    for url in ("/events/", f"/events/{mueang_event.pk}/", f"/events/{mueang_event.pk}/qr/", "/events/new/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


# ------------------------------------------------------------------ public check-in


def test_the_checkin_page_works_without_login(mueang_event):
    client = Client(enforce_csrf_checks=True)
    page = client.get(checkin_path(mueang_event))
    assert page.status_code == 200
    text = page.content.decode()
    assert mueang_event.title in text and 'name="name"' in text and 'name="group"' in text
    assert "ศอช." in text and "ออกจากระบบ" not in text
    token = client.cookies["csrftoken"].value

    done = client.post(
        checkin_path(mueang_event),
        {"name": "นางสมศรี มีสุข", "group": "socho", "phone": "081 234 5678", "csrfmiddlewaretoken": token},
    )

    assert done.status_code == 200
    assert "ลงทะเบียนเรียบร้อย ขอบคุณที่เข้าร่วม" in done.content.decode()
    assert mueang_event.title in done.content.decode()
    attendee = mueang_event.attendees.get(via_checkin=True)
    assert (attendee.name, attendee.group, attendee.phone) == ("นางสมศรี มีสุข", "socho", "0812345678")


def test_checkin_keeps_csrf(mueang_event):
    client = Client(enforce_csrf_checks=True)
    response = client.post(checkin_path(mueang_event), {"name": "นายก", "group": "others"})
    assert response.status_code == 403
    assert not mueang_event.attendees.filter(via_checkin=True).exists()


def test_a_second_scan_says_already_registered(mueang_event):
    client = Client()
    client.post(
        checkin_path(mueang_event), {"name": "นาย สมชาย ใจดี", "group": "leaders", "phone": "0812345678"}
    )
    again = client.post(
        checkin_path(mueang_event), {"name": " นาย  สมชาย ใจดี ", "group": "leaders", "phone": "๐๘๑๒๓๔๕๖๗๘"}
    )
    assert again.status_code == 200
    assert "ลงทะเบียนไว้แล้ว" in again.content.decode()
    assert mueang_event.attendees.filter(via_checkin=True).count() == 1


@pytest.mark.parametrize(
    ("starts_in", "hours", "shown"),
    [(timedelta(days=3), 3, "ยังไม่เปิดลงทะเบียน"), (timedelta(days=-3), 3, "ปิดลงทะเบียนแล้ว")],
)
def test_checkin_outside_the_window(db, starts_in, hours, shown):
    event = f.event(starts_in=starts_in, hours=hours)
    client = Client()
    page = client.get(checkin_path(event))
    assert page.status_code == 200
    assert shown in page.content.decode() and "ลงทะเบียนได้ตั้งแต่" in page.content.decode()
    assert 'name="name"' not in page.content.decode()

    posted = client.post(checkin_path(event), {"name": "นายมาสาย", "group": "others"})
    assert posted.status_code == 403
    assert "ลงทะเบียนได้ตั้งแต่" in posted.content.decode()
    assert not event.attendees.exists()


def test_checkin_errors_in_thai(mueang_event):
    client = Client()
    empty = client.post(checkin_path(mueang_event), {"name": "  ", "group": ""})
    too_long = client.post(checkin_path(mueang_event), {"name": "ก" * 151, "group": "others"})
    assert empty.status_code == too_long.status_code == 400
    assert "กรุณากรอกชื่อ-นามสกุล" in empty.content.decode() and "กรุณาเลือกกลุ่มผู้เข้าร่วม" in empty.content.decode()
    assert "ชื่อยาวเกิน 150 ตัวอักษร" in too_long.content.decode()
    assert client.get("/checkin/not-a-token/").status_code == 404
    assert not mueang_event.attendees.filter(via_checkin=True).exists()


def test_checkin_rate_limit_answers_429_and_writes_nothing(mueang_event):
    client = Client(REMOTE_ADDR="203.0.113.9")
    for index in range(services.CHECKIN_MAX_PER_IP):
        response = client.post(checkin_path(mueang_event), {"name": f"ผู้เข้าร่วม {index}", "group": "others"})
        assert response.status_code == 200
    before = Attendee.objects.count()

    limited = client.post(checkin_path(mueang_event), {"name": "คนที่เกินกำหนด", "group": "others"})

    assert limited.status_code == 429
    assert "กรุณารอสักครู่" in limited.content.decode()
    assert Attendee.objects.count() == before
    other_phone = Client(REMOTE_ADDR="203.0.113.10")
    assert (
        other_phone.post(checkin_path(mueang_event), {"name": "คนที่เกินกำหนด", "group": "others"}).status_code
        == 200
    )


def test_the_address_behind_a_trusted_proxy_is_the_forwarded_one(mueang_event, settings):
    settings.TRUSTED_PROXIES = [ipaddress.ip_network("127.0.0.1/32")]
    for index in range(services.CHECKIN_MAX_PER_IP + 2):
        response = Client().post(
            checkin_path(mueang_event),
            {"name": f"ผู้เข้าร่วม {index}", "group": AttendeeGroup.OTHERS},
            HTTP_X_FORWARDED_FOR=f"spoofed, 198.51.100.{index}",
        )
        assert response.status_code == 200


def test_junk_posts_do_not_close_checkin_for_the_people_in_the_room(mueang_event):
    """Issue 14 as a participant sees it: 600 posts that add nobody (repeats and refused names) used to
    close check-in for an hour; the next genuine participant still gets in."""
    junk = Client(REMOTE_ADDR="203.0.113.66")
    junk.post(checkin_path(mueang_event), {"name": "นายซ้ำ ซ้ำซาก", "group": "others", "phone": "0811111111"})
    statuses = set()
    for index in range(services.CHECKIN_MAX_PER_EVENT):
        phone = "0811111111" if index % 2 else f"08{index:08d}"  # a repeat, or the name with another phone
        response = junk.post(
            checkin_path(mueang_event), {"name": "นายซ้ำ ซ้ำซาก", "group": "others", "phone": phone}
        )
        statuses.add(response.status_code)

    genuine = Client(REMOTE_ADDR="198.51.100.20").post(
        checkin_path(mueang_event), {"name": "นางสมศรี มีสุข", "group": "socho", "phone": "0812345678"}
    )

    assert statuses == {200, 400}
    assert genuine.status_code == 200 and "ลงทะเบียนเรียบร้อย ขอบคุณที่เข้าร่วม" in genuine.content.decode()
    assert mueang_event.attendees.filter(via_checkin=True).count() == 2


def test_a_name_already_registered_is_refused_in_thai(mueang_event):
    client = Client()
    client.post(
        checkin_path(mueang_event), {"name": "นาย สมชาย ใจดี", "group": "leaders", "phone": "0812345678"}
    )
    namesake = client.post(
        checkin_path(mueang_event), {"name": "นาย สมชาย ใจดี", "group": "leaders", "phone": ""}
    )
    assert namesake.status_code == 400
    assert "ชื่อ นาย สมชาย ใจดี ลงทะเบียนแล้ว" in namesake.content.decode()
    assert 'name="name"' in namesake.content.decode()  # the form is there to correct
    assert mueang_event.attendees.filter(via_checkin=True).count() == 1


def test_yesterdays_link_says_it_has_expired(mueang_event):
    yesterday = bangkok_today() - timedelta(days=1)
    client = Client()
    for path in (checkin_path(mueang_event, yesterday), f"/checkin/{mueang_event.checkin_token}/"):
        page = client.get(path)
        posted = client.post(path, {"name": "นายมาจาก เมื่อวาน", "group": "others"})
        assert page.status_code == 200 and posted.status_code == 403, path
        for response in (page, posted):
            text = response.content.decode()
            assert "ลิงก์ลงทะเบียนนี้หมดอายุแล้ว" in text and "กรุณาสแกนคิวอาร์โค้ดที่สถานที่จัดกิจกรรม" in text
            assert 'name="name"' not in text
    assert client.get(f"/checkin/{mueang_event.checkin_token}.x.y/").status_code == 404
    assert mueang_event.attendees.filter(via_checkin=True).count() == 0


def test_a_big_event_asks_for_the_code_shown_on_the_organisers_screen(personas):
    client = personas.client_for(personas.district_officer)
    response = client.post(
        "/events/new/",
        {
            "kind": EventKind.WORKSHOP,
            "title": "ประชุมเชิงปฏิบัติการจัดทำแผนพัฒนาตำบลหัวเรือ",
            "fiscal_year": str(current_fiscal_year()),
            "start_date": timezone.localdate().strftime("%d/%m/") + str(timezone.localdate().year + 543),
            "start_time": "00:00",
            "end_time": "23:59",
            "province": "34",
            "district": f.MUEANG,
            "tambon": f.HUA_RUEA,
            "expected_attendance": "๑๒๐",
        },
    )
    event = Event.objects.get()
    code = event.checkin_code
    assert response.status_code == 302 and event.expected_attendance == 120 and len(code) == 4

    qr_page = client.get(f"/events/{event.pk}/qr/").content.decode()
    assert f"data-code>{code}<" in qr_page and "กรอกรหัสนี้ในแบบลงทะเบียน" in qr_page

    phone = Client(REMOTE_ADDR="198.51.100.30")
    form = phone.get(checkin_path(event)).content.decode()
    person = {"name": "นางสมศรี มีสุข", "group": "socho", "phone": ""}
    missing = phone.post(checkin_path(event), person)
    wrong = phone.post(checkin_path(event), {**person, "code": "๐๐๐๐"})
    right = phone.post(checkin_path(event), {**person, "code": "".join("๐๑๒๓๔๕๖๗๘๙"[int(d)] for d in code)})

    assert 'name="code"' in form and code not in form
    assert missing.status_code == wrong.status_code == 400
    assert "กรุณากรอกรหัสลงทะเบียน" in missing.content.decode()
    assert "รหัสลงทะเบียนไม่ถูกต้อง" in wrong.content.decode()
    assert right.status_code == 200 and "ลงทะเบียนเรียบร้อย" in right.content.decode()


def test_wrong_codes_lock_the_phone_out_of_that_event(db):
    event = f.event(checkin_code="4821")
    phone = Client(REMOTE_ADDR="198.51.100.40")
    person = {"name": "นายเดา สุ่ม", "group": "others"}
    for guess in range(services.CHECKIN_MAX_WRONG_CODES):
        assert phone.post(checkin_path(event), {**person, "code": str(2000 + guess)}).status_code == 400
    locked = phone.post(checkin_path(event), {**person, "code": "4821"})
    assert locked.status_code == 429 and "ผิดหลายครั้งเกินไป" in locked.content.decode()
    assert not event.attendees.exists()


def test_the_organiser_turns_the_code_on_renews_it_and_turns_it_off(personas, mueang_event):
    client = personas.client_for(personas.tambon_officer)
    url = f"/events/{mueang_event.pk}/checkin-code/"

    on = client.post(url, {"action": "new"}, follow=True)
    mueang_event.refresh_from_db()
    first = mueang_event.checkin_code
    renewed = client.post(url, {"action": "new"}, follow=True)
    mueang_event.refresh_from_db()
    second = mueang_event.checkin_code
    off = client.post(url, {"action": "off"}, follow=True)
    mueang_event.refresh_from_db()

    assert len(first) == len(second) == 4
    assert f"data-code>{first}<" in on.content.decode() and "ตั้งรหัสลงทะเบียนใหม่แล้ว" in on.content.decode()
    assert f"data-code>{second}<" in renewed.content.decode()
    assert mueang_event.checkin_code == "" and "ยกเลิกรหัสลงทะเบียนแล้ว" in off.content.decode()
    assert client.post(url, {"action": "explode"}).status_code == 400
    assert client.post(url).status_code == 400
    assert personas.client_for(personas.viewer).post(url, {"action": "new"}).status_code == 403
    mueang_event.refresh_from_db()
    assert mueang_event.checkin_code == ""


def test_odd_input_on_the_checkin_page_never_fails(db):
    event = f.event(checkin_code="4821")
    client = Client()
    odd_values = ["", " ", "\x00", "๑" * 25, "٤٨٢١", "４８２１", "9" * 400, "<script>", "'; DROP TABLE", "🙂"]
    for value in odd_values:
        for field in ("name", "group", "phone", "code"):
            data = {"name": "นายทดสอบ ระบบ", "group": "others", "phone": "", "code": "4821", field: value}
            response = client.post(checkin_path(event), data)
            assert response.status_code < 500, (field, value, response.status_code)
    for token in ("x" * 500, "a.b.c", "..", "%00"):
        assert client.get(f"/checkin/{token}/").status_code == 404


# ------------------------------------------------------------------ removing many attendees


@pytest.fixture
def flooded(mueang_event):
    """The Hua Ruea workshop with its officer-added attendee and five self-registered fakes."""
    for index in range(5):
        services.checkin_register(
            token=services.checkin_link_token(mueang_event),
            name=f"ปลอม {index}",
            group="others",
            phone="",
            client_ip="203.0.113.5",
        )
    return mueang_event


def test_the_organiser_ticks_the_self_registered_and_removes_them_in_one_go(personas, flooded):
    client = personas.client_for(personas.tambon_officer)
    url = f"/events/{flooded.pk}/"

    preview = client.get(url, {"select": "checkin", "first": "๓", "last": "5"})
    ticked = re.findall(r'value="(\d+)" id="attendee-\d+" checked', preview.content.decode())
    removed = client.post(url + "attendees/remove/", {"attendee": ticked}, follow=True)

    names = [a.name for a in preview.context["page"].attendees]
    assert names[0] == "นายหนึ่ง ทดสอบ" and len(names) == 6
    assert sorted(int(pk) for pk in ticked) == sorted(a.pk for a in preview.context["page"].attendees[2:5])
    assert "ลบรายชื่อผู้เข้าร่วม 3 คนแล้ว" in removed.content.decode()
    trail = Attendee.history.filter(history_type="-")
    assert trail.count() == 3 and {record.history_user for record in trail} == {personas.tambon_officer}
    assert list(flooded.attendees.values_list("name", flat=True)) == ["นายหนึ่ง ทดสอบ", "ปลอม 0", "ปลอม 4"]
    everyone = client.get(url, {"select": "checkin"})
    assert len(everyone.context["selected"]) == 2  # the self-registered only, never the officer's entry


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("province_officer", 302),
        ("district_officer", 302),
        ("tambon_officer", 302),
        ("viewer", 403),
        ("other_district_officer", 404),
        ("outsider", 404),
    ],
)
def test_who_may_remove_many_attendees(personas, flooded, persona, status):
    ids = list(flooded.attendees.filter(via_checkin=True).values_list("pk", flat=True))
    response = personas.client_for(getattr(personas, persona)).post(
        f"/events/{flooded.pk}/attendees/remove/", {"attendee": ids}
    )
    assert response.status_code == status
    assert flooded.attendees.count() == (1 if status == 302 else 6)


def test_removing_nothing_or_odd_ids_says_so(personas, flooded):
    client = personas.client_for(personas.district_officer)
    url = f"/events/{flooded.pk}/attendees/remove/"
    nothing = client.post(url, follow=True)
    odd = client.post(url, {"attendee": ["abc", "", "-1", "9" * 40, "๙๙๙๙๙", "\x00"]}, follow=True)
    assert nothing.status_code == odd.status_code == 200
    assert "ยังไม่ได้เลือกรายชื่อที่จะลบ" in nothing.content.decode()
    assert "ยังไม่ได้เลือกรายชื่อที่จะลบ" in odd.content.decode()
    assert flooded.attendees.count() == 6
