"""The error pages a user meets are Thai, in the site's layout, offer a way back, and are logged once."""

import logging

import pytest
from django.test import Client, override_settings


@pytest.mark.django_db
def test_unknown_page_is_thai_with_the_menu_and_a_way_back(personas):
    client = personas.client_for(personas.district_officer)
    response = client.get("/planning/no-such-page/", HTTP_REFERER="http://testserver/planning/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "ไม่พบหน้าที่ต้องการ" in html
    assert 'href="http://testserver/planning/"' in html  # ย้อนกลับ to where the user came from
    assert "กลับหน้าหลัก" in html
    assert "หนังสือสั่งการ" in html  # the site's menu, not Django's bare page
    assert "Not Found" not in html


@pytest.mark.django_db
def test_back_link_never_leads_off_the_site(personas):
    client = personas.client_for(personas.district_officer)
    response = client.get("/no-such-page/", HTTP_REFERER="https://evil.example/phish")
    assert "evil.example" not in response.content.decode()


@pytest.mark.django_db
def test_refused_change_is_thai(personas, caplog):
    client = personas.client_for(personas.viewer)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get("/accounts/users/new/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "ท่านไม่มีสิทธิ์ทำรายการนี้" in html
    assert "403 Forbidden" not in html
    refusals = [r for r in caplog.records if r.name == "django.request"]
    assert len(refusals) == 1
    assert refusals[0].exc_info is None  # one line, no traceback of the PermissionDenied
    assert "Traceback" not in caplog.text


@pytest.mark.django_db
def test_csrf_failure_is_thai_and_says_nothing_was_saved(personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.district_officer)
    response = client.post("/fiscal-year/", {"fiscal_year": "2570"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "ส่งแบบฟอร์มไม่สำเร็จ" in html
    assert "ข้อมูลยังไม่ถูกบันทึก" in html


@override_settings(DEBUG=False)
def test_server_error_page_is_thai_and_needs_no_database():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "ระบบขัดข้อง" in html
    assert "กลับหน้าหลัก" in html
