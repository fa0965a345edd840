"""Events and their attendance through the API: the same totals as the event page, attendees added and
removed and head counts set with a write token, phones only for who sees contacts, outsiders get 404."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tambonplan.accounts.models import Role
from tambonplan.events import selectors
from tambonplan.events.models import AttendanceCount, Attendee, AttendeeGroup, EventKind
from tests.api.conftest import error_of
from tests.committees import factories as cf
from tests.events import factories as ef

pytestmark = pytest.mark.django_db


@pytest.fixture
def events():
    """Hua Ruea's workshop (two named attendees, five leaders counted); Mueang's training; Ubon's partner
    meeting; Nong Khon's forum of last year; Warin Chamrap's workshop."""
    workshop = ef.event(ef.HUA_RUEA, title="เวทีหัวเรือ")
    ef.attendee(workshop, "นางสมศรี มีสุข", phone="0812345678")
    ef.attendee(workshop, "นายบุญมี ศรีสุข", AttendeeGroup.SOCHO, phone="0898765432")
    ef.counts(workshop, leaders=5)
    training = ef.event(
        ef.MUEANG, kind=EventKind.ORIENTATION, title="อบรมอำเภอเมือง", starts_in=timedelta(days=3)
    )
    meeting = ef.event(
        ef.UBON, kind=EventKind.COORDINATION, title="ประชุมภาคีจังหวัด", starts_in=timedelta(days=-9)
    )
    last_year = ef.event(
        ef.NONG_KHON, kind=EventKind.VILLAGE_FORUM, title="เวทีปีก่อน", fiscal_year=cf.fiscal_year() - 1
    )
    warin = ef.event(ef.WARIN_TAMBON, title="เวทีวาริน")
    ef.attendee(warin, "นายวาริน ชำราบ", phone="0811111111")
    return {
        "workshop": workshop,
        "training": training,
        "meeting": meeting,
        "last_year": last_year,
        "warin": warin,
    }


def _titles(body) -> set[str]:
    return {row["title"] for row in body["results"]}


def _page_total(user, event) -> int:
    """What the event page shows as its total (the page's own selector)."""
    return selectors.event_detail(user, event.pk).totals.total


def test_district_officer_lists_its_districts_events_and_not_warins(api, personas, events):
    body = api(personas.district_officer).get("events").json()
    assert _titles(body) == {"เวทีหัวเรือ", "อบรมอำเภอเมือง", "ประชุมภาคีจังหวัด", "เวทีปีก่อน"}
    warin = api(personas.other_district_officer).get("events").json()
    assert _titles(warin) == {"เวทีวาริน", "ประชุมภาคีจังหวัด"}
    # A tambon officer also sees its district's and province's events, as on the event pages.
    tambon = api(personas.tambon_officer).get("events").json()
    assert _titles(tambon) == _titles(body)


def test_event_shows_the_totals_of_the_event_page(api, personas, events):
    workshop = events["workshop"]
    response = api(personas.district_officer).get(f"events/{workshop.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["kind"] == "workshop" and body["kind_label"] == "ประชุมเชิงปฏิบัติการจัดทำแผนพัฒนาตำบล"
    assert body["tambon_code"] == ef.HUA_RUEA and body["district_code"] == ef.MUEANG
    assert body["area_name"] == "ตำบลหัวเรือ อำเภอเมืองอุบลราชธานี"
    attendance = body["attendance"]
    assert attendance["named"] == 2 and attendance["counted"] == 5 and attendance["socho"] == 1
    assert (
        attendance["total"] == body["participants"] == 7 == _page_total(personas.district_officer, workshop)
    )
    leaders = next(row for row in attendance["groups"] if row["group"] == "leaders")
    assert leaders == {"group": "leaders", "group_label": "ผู้นำชุมชน", "named": 1, "counted": 5, "total": 6}
    listed = api(personas.district_officer).get("events", {"area": ef.HUA_RUEA}).json()["results"]
    assert [(row["id"], row["participants"], row["socho"]) for row in listed] == [(workshop.pk, 7, 1)]


def test_attendees_show_phones_only_to_who_sees_contacts(api, personas, events):
    path = f"events/{events['workshop'].pk}/attendees"
    officer = api(personas.district_officer).get(path).json()
    assert [row["name"] for row in officer["results"]] == ["นางสมศรี มีสุข", "นายบุญมี ศรีสุข"]
    assert [row["phone"] for row in officer["results"]] == ["0812345678", "0898765432"]
    assert officer["results"][1]["is_socho"] is True and officer["results"][1]["group_label"] == "ศอช."
    viewer = api(personas.viewer).get(path).json()
    assert [row["name"] for row in viewer["results"]] == ["นางสมศรี มีสุข", "นายบุญมี ศรีสุข"]
    assert [row["phone"] for row in viewer["results"]] == [None, None]
    assert "0812345678" not in str(viewer)


def test_outsiders_get_404_on_mueangs_event(api, personas, events):
    workshop = events["workshop"]
    attendee = workshop.attendees.first()
    for user in (personas.outsider, personas.other_district_officer):
        client = api(user, write=True)
        responses = [
            client.get(f"events/{workshop.pk}"),
            client.get(f"events/{workshop.pk}/attendees"),
            client.post(f"events/{workshop.pk}/attendees", {"name": "นายแอบ เพิ่ม", "group": "others"}),
            client.delete(f"events/{workshop.pk}/attendees/{attendee.pk}"),
            client.put(f"events/{workshop.pk}/counts", {"leaders": 1}),
        ]
        for response in responses:
            assert response.status_code == 404, (user, response.request["PATH_INFO"], response.content)
            assert error_of(response)["code"] == "not_found"
    assert workshop.attendees.count() == 2
    assert dict(workshop.counts.values_list("group", "count")) == {"leaders": 5}


def test_tambon_officer_adds_an_attendee_and_the_total_goes_up_by_one(api, personas, events):
    workshop = events["workshop"]
    client = api(personas.tambon_officer, write=True)
    before = client.get(f"events/{workshop.pk}").json()["attendance"]["total"]
    response = client.post(
        f"events/{workshop.pk}/attendees",
        {"name": "  นายสมปอง   ใจงาม ", "group": "networks", "phone": "081-234-5679"},
    )
    assert response.status_code == 201
    created = response.json()
    assert created["name"] == "นายสมปอง ใจงาม" and created["group"] == "networks"
    assert created["phone"] == "0812345679" and created["event_id"] == workshop.pk
    assert Attendee.objects.filter(pk=created["id"], event=workshop).exists()
    after = client.get(f"events/{workshop.pk}").json()["attendance"]
    assert after["total"] == before + 1 == _page_total(personas.tambon_officer, workshop)
    assert next(row for row in after["groups"] if row["group"] == "networks")["named"] == 1


def test_adding_a_committee_member_by_id(api, personas, events):
    workshop = events["workshop"]
    order = cf.order("socho_t", ef.HUA_RUEA, size=9)
    chair = order.members.get(sort_order=1)
    client = api(personas.tambon_officer, write=True)
    response = client.post(f"events/{workshop.pk}/attendees", {"member_id": chair.pk})
    assert response.status_code == 201
    body = response.json()
    assert body["member_id"] == chair.pk and body["name"] == chair.full_name
    assert body["group"] == "socho" and body["is_socho"] is True
    again = client.post(f"events/{workshop.pk}/attendees", {"member_id": chair.pk})
    assert again.status_code == 400 and error_of(again)["code"] == "invalid"
    assert "อยู่ในรายชื่อผู้เข้าร่วมแล้ว" in error_of(again)["message"]
    warin_member = cf.order("kbt", ef.WARIN_TAMBON).members.first()
    elsewhere = client.post(f"events/{workshop.pk}/attendees", {"member_id": warin_member.pk})
    assert elsewhere.status_code == 400
    assert error_of(elsewhere)["details"] == [
        {"where": "member_id", "message": "เลือกได้เฉพาะกรรมการที่ปฏิบัติหน้าที่ในพื้นที่ของกิจกรรม"}
    ]
    assert workshop.attendees.count() == 3


def test_read_only_token_gets_403_in_the_one_format(api, personas, events):
    workshop = events["workshop"]
    client = api(personas.district_officer)
    attendee = workshop.attendees.first()
    for response in (
        client.post(f"events/{workshop.pk}/attendees", {"name": "นายสมปอง ใจงาม", "group": "others"}),
        client.delete(f"events/{workshop.pk}/attendees/{attendee.pk}"),
        client.put(f"events/{workshop.pk}/counts", {"leaders": 9}),
    ):
        assert response.status_code == 403
        error = error_of(response)
        assert error["code"] == "forbidden"
        assert error["message"] == "โทเค็นนี้ใช้อ่านข้อมูลได้อย่างเดียว"
    assert workshop.attendees.count() == 2
    assert dict(workshop.counts.values_list("group", "count")) == {"leaders": 5}


def test_viewers_write_token_gets_403(api, personas, events):
    """A write token made while the user was a province officer; the user is now a read-only viewer."""
    viewer = personas.viewer
    viewer.role = Role.PROVINCE
    viewer.save()
    client = api(viewer, write=True)
    viewer.role = Role.VIEWER
    viewer.save()
    workshop = events["workshop"]
    for response in (
        client.post(f"events/{workshop.pk}/attendees", {"name": "นายสมปอง ใจงาม", "group": "others"}),
        client.post(f"events/{workshop.pk}/attendees", {"member_id": 999999}),
        client.delete(f"events/{workshop.pk}/attendees/{workshop.attendees.first().pk}"),
        client.put(f"events/{workshop.pk}/counts", {"leaders": 9}),
    ):
        assert response.status_code == 403
        error = error_of(response)
        assert error["code"] == "forbidden" and error["message"] == "ท่านไม่มีสิทธิ์ทำรายการนี้"
    assert workshop.attendees.count() == 2
    assert dict(workshop.counts.values_list("group", "count")) == {"leaders": 5}


def test_bad_attendee_bodies_are_refused_and_nothing_is_written(api, personas, events):
    workshop = events["workshop"]
    client = api(personas.tambon_officer, write=True)
    path = f"events/{workshop.pk}/attendees"

    missing_name = client.post(path, {"group": "others"})
    assert missing_name.status_code == 400
    error = error_of(missing_name)
    assert error["code"] == "invalid"
    assert error["details"] == [{"where": "name", "message": "กรุณากรอกชื่อ-นามสกุล"}]

    unknown_group = client.post(path, {"name": "นายสมปอง ใจงาม", "group": "villagers"})
    assert unknown_group.status_code == 422
    error = error_of(unknown_group)
    assert error["code"] == "invalid_request"
    assert [detail["where"] for detail in error["details"]] == ["body.group"]
    assert "ต้องเป็นค่าใดค่าหนึ่ง" in error["details"][0]["message"]

    bad_phone = client.post(path, {"name": "นายสมปอง ใจงาม", "group": "others", "phone": "12"})
    assert bad_phone.status_code == 400 and error_of(bad_phone)["details"][0]["where"] == "phone"

    typo = client.post(path, {"nmae": "นายสมปอง ใจงาม", "group": "others"})
    assert typo.status_code == 422
    assert {detail["where"] for detail in error_of(typo)["details"]} == {"body.nmae"}

    nul = client.post(path, {"name": "นายสมปอง\x00 ใจงาม", "group": "others"})
    assert nul.status_code == 422
    assert [detail["where"] for detail in error_of(nul)["details"]] == ["body.name"]

    duplicate = client.post(path, {"name": "นางสมศรี มีสุข", "group": "others", "phone": "0812345678"})
    assert duplicate.status_code == 400
    assert error_of(duplicate)["message"] == "นางสมศรี มีสุข อยู่ในรายชื่อผู้เข้าร่วมแล้ว"
    assert workshop.attendees.count() == 2


def test_removing_an_attendee(api, personas, events):
    workshop = events["workshop"]
    attendee = workshop.attendees.get(name="นางสมศรี มีสุข")
    client = api(personas.district_officer, write=True)
    warins = events["warin"].attendees.first()
    # Another event's attendee through this event's address is not found (even in the caller's scope).
    other = ef.attendee(events["training"], "นายอื่น ๆ")
    assert client.delete(f"events/{workshop.pk}/attendees/{other.pk}").status_code == 404
    assert client.delete(f"events/{workshop.pk}/attendees/{warins.pk}").status_code == 404
    response = client.delete(f"events/{workshop.pk}/attendees/{attendee.pk}")
    assert response.status_code == 204 and response.content == b""
    assert not Attendee.objects.filter(pk=attendee.pk).exists()
    assert Attendee.objects.filter(pk__in=[other.pk, warins.pk]).count() == 2
    assert client.get(f"events/{workshop.pk}").json()["attendance"]["total"] == 6
    assert client.delete(f"events/{workshop.pk}/attendees/{attendee.pk}").status_code == 404


def test_setting_head_counts(api, personas, events):
    workshop = events["workshop"]
    client = api(personas.tambon_officer, write=True)
    response = client.put(f"events/{workshop.pk}/counts", {"officials": 4, "socho": 2})
    assert response.status_code == 200
    body = response.json()
    assert body["counted"] == 6 and body["named"] == 2 and body["socho"] == 3
    assert body["total"] == 8 == _page_total(personas.tambon_officer, workshop)
    # Every group is replaced: the five leaders counted before are gone.
    assert dict(workshop.counts.values_list("group", "count")) == {"officials": 4, "socho": 2}
    assert client.get(f"events/{workshop.pk}").json()["participants"] == 8


def test_bad_counts_are_refused_and_nothing_is_written(api, personas, events):
    workshop = events["workshop"]
    client = api(personas.tambon_officer, write=True)
    negative = client.put(f"events/{workshop.pk}/counts", {"leaders": -1, "socho": 3})
    assert negative.status_code == 422
    error = error_of(negative)
    assert error["code"] == "invalid_request"
    assert error["details"] == [{"where": "body.leaders", "message": "ต้องไม่น้อยกว่า 0"}]
    unknown = client.put(f"events/{workshop.pk}/counts", {"villagers": 3})
    assert unknown.status_code == 422
    assert error_of(unknown)["details"] == [{"where": "body.villagers", "message": "ไม่รู้จักฟิลด์นี้"}]
    not_a_number = client.put(f"events/{workshop.pk}/counts", {"leaders": "many"})
    assert not_a_number.status_code == 422
    assert error_of(not_a_number)["details"][0]["message"] == "ต้องเป็นจำนวนเต็ม"
    assert list(AttendanceCount.objects.filter(event=workshop).values_list("group", "count")) == [
        ("leaders", 5)
    ]


def test_event_filters_fiscal_year_kind_and_area(api, personas, events):
    client = api(personas.province_officer)
    this_year = client.get("events", {"fiscal_year": cf.fiscal_year()}).json()
    assert "เวทีปีก่อน" not in _titles(this_year) and "เวทีวาริน" in _titles(this_year)
    last_year = client.get("events", {"fiscal_year": cf.fiscal_year() - 1}).json()
    assert _titles(last_year) == {"เวทีปีก่อน"}
    workshops = client.get("events", {"kind": "workshop"}).json()
    assert _titles(workshops) == {"เวทีหัวเรือ", "เวทีวาริน"}
    warin = client.get("events", {"area": ef.WARIN}).json()
    assert _titles(warin) == {"เวทีวาริน"}
    mueang = client.get("events", {"area": ef.MUEANG, "kind": "orientation"}).json()
    assert _titles(mueang) == {"อบรมอำเภอเมือง"}
    bad = client.get("events", {"fiscal_year": 70, "kind": "party"})
    assert bad.status_code == 422
    assert {detail["where"] for detail in error_of(bad)["details"]} == {"query.fiscal_year", "query.kind"}


def test_events_and_attendees_are_paged(api, personas, events):
    workshop = events["workshop"]
    for n in range(3):
        ef.attendee(workshop, f"ผู้เข้าร่วม {n}")
    client = api(personas.district_officer)
    first = client.get(f"events/{workshop.pk}/attendees", {"page_size": 2}).json()
    third = client.get(f"events/{workshop.pk}/attendees", {"page_size": 2, "page": 3}).json()
    assert first["count"] == 5 and first["pages"] == 3
    assert [row["name"] for row in first["results"]] == ["นางสมศรี มีสุข", "นายบุญมี ศรีสุข"]
    assert [row["name"] for row in third["results"]] == ["ผู้เข้าร่วม 2"]
    listed = client.get("events", {"page_size": 3}).json()
    assert listed["count"] == 4 and len(listed["results"]) == 3
    # Newest first, as on the event list page.
    starts = [row["starts_at"] for row in listed["results"]]
    assert starts == sorted(starts, reverse=True)


def test_list_queries_do_not_grow_with_rows(api, personas, events):
    workshop = events["workshop"]
    client = api(personas.province_officer)
    client.get("events")  # the token's last-used write happens once

    def queries(path: str) -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(path, {"page_size": 500}).status_code == 200
        return len(context)

    paths = ("events", f"events/{workshop.pk}/attendees")
    few = {path: queries(path) for path in paths}
    socho = cf.order("socho_t", ef.HUA_RUEA, size=9)
    for n, member in enumerate(socho.members.all()):
        ef.attendee(workshop, member.full_name, member=member, phone=f"08900000{n:02d}")
        ef.event(ef.NONG_KHON, title=f"เวที {n}")
    assert client.get("events").json()["count"] == 14
    assert {path: queries(path) for path in paths} == few
