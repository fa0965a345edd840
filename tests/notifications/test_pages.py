"""In the site: the bell on every page counts the unread notifications, the list shows one's own (newest first,
each linking to its item), and marking one or all as read takes a POST; no one sees another's."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tambonplan.notifications.models import Notification
from tambonplan.notifications.templatetags.notification_tags import notification_bell

pytestmark = pytest.mark.django_db


def notify(user, title: str, *, minutes_ago: int = 0, read: bool = False) -> Notification:
    at = timezone.now() - timedelta(minutes=minutes_ago)
    return Notification.objects.create(
        user=user,
        kind="report_due",
        event_key=f"test:{title}",
        title=title,
        body="รายละเอียด",
        path="/reports/",
        created_at=at,
        read_at=at if read else None,
    )


def bell_count(page: str) -> int:
    if "data-unread=" not in page:
        return 0
    return int(page.split('data-unread="', 1)[1].split('"', 1)[0])


def test_the_bell_counts_the_unread_notifications_on_every_page(personas):
    officer = personas.district_officer
    notify(officer, "ครบกำหนดส่งรายงานผลวันนี้")
    notify(officer, "หนังสือสั่งการใหม่")
    notify(officer, "อ่านแล้ว", read=True)
    notify(personas.other_district_officer, "ของอำเภออื่น")
    browser = personas.client_for(officer)

    for url in (reverse("home"), reverse("areas:provinces"), reverse("notifications:list")):
        assert bell_count(browser.get(url).content.decode()) == 2
    assert (
        bell_count(browser.get(reverse("home")).content.decode())
        == Notification.objects.filter(user=officer, read_at__isnull=True).count()
    )
    other = personas.client_for(personas.other_district_officer)
    assert bell_count(other.get(reverse("home")).content.decode()) == 1


def test_the_bell_costs_one_query(personas, rf):
    request = rf.get("/")
    request.user = personas.district_officer
    with CaptureQueriesContext(connection) as queries:
        notification_bell({"request": request})
    assert len(queries) == 1


def test_the_list_shows_ones_own_newest_first_with_links_to_the_items(personas):
    officer = personas.district_officer
    notify(officer, "เรื่องเก่า", minutes_ago=60)
    notify(officer, "เรื่องใหม่")
    notify(personas.other_district_officer, "เรื่องของวาริน")

    page = personas.client_for(officer).get(reverse("notifications:list")).content.decode()

    assert page.index("เรื่องใหม่") < page.index("เรื่องเก่า")
    assert "เรื่องของวาริน" not in page
    assert 'href="/reports/"' in page


def test_the_list_is_paginated(personas):
    for number in range(35):
        notify(personas.district_officer, f"เรื่องที่ {number}", minutes_ago=number)
    browser = personas.client_for(personas.district_officer)
    first = browser.get(reverse("notifications:list")).content.decode()
    second = browser.get(reverse("notifications:list") + "?page=2").content.decode()
    assert "เรื่องที่ 0<" in first and "เรื่องที่ 34<" not in first
    assert "เรื่องที่ 34<" in second


def test_marking_one_and_all_as_read(personas):
    officer = personas.district_officer
    first = notify(officer, "หนึ่ง")
    notify(officer, "สอง")
    notify(officer, "สาม")
    browser = personas.client_for(officer)

    assert browser.get(reverse("notifications:read", args=[first.pk])).status_code == 405
    browser.post(reverse("notifications:read", args=[first.pk]))
    first.refresh_from_db()
    assert first.is_read
    assert bell_count(browser.get(reverse("home")).content.decode()) == 2

    response = browser.post(reverse("notifications:read_all"), follow=True)
    assert "ทำเครื่องหมายว่าอ่านแล้ว 2 รายการ" in response.content.decode()
    assert bell_count(response.content.decode()) == 0
    assert not Notification.objects.filter(user=officer, read_at__isnull=True).exists()


def test_no_one_reads_or_marks_anothers_notification(personas):
    mueang = notify(personas.district_officer, "ของเมือง")
    other = personas.client_for(personas.other_district_officer)
    assert other.post(reverse("notifications:read", args=[mueang.pk])).status_code == 404
    other.post(reverse("notifications:read_all"))
    mueang.refresh_from_db()
    assert not mueang.is_read


def test_marking_as_read_needs_the_csrf_token(personas):
    mueang = notify(personas.district_officer, "ของเมือง")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(personas.district_officer)
    assert browser.post(reverse("notifications:read", args=[mueang.pk])).status_code == 403
    assert browser.post(reverse("notifications:read_all")).status_code == 403
    mueang.refresh_from_db()
    assert not mueang.is_read
