"""Linking LINE: a one-time code from the settings page, sent to the Official Account, links the sender through
LINE's signed webhook; anything unsigned or wrongly signed is refused and changes nothing; a redelivered event
is handled once; blocking the bot unlinks; a district officer links the district's group the same way."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tambonplan.notifications import services
from tambonplan.notifications.models import LineAccount, LineGroup, LinkCode, LinkPurpose, WebhookEvent
from tests.notifications.helpers import (
    MUEANG_GROUP,
    MUEANG_LINE,
    follow_event,
    group_source,
    join_event,
    leave_event,
    signature_of,
    text_event,
    unfollow_event,
    user_source,
    webhook,
)

pytestmark = pytest.mark.django_db


def code_from_settings_page(client, action: str = "notifications:line_link") -> str:
    """Press the button on the settings page and read the code it shows."""
    response = client.post(reverse(action), follow=True)
    page = response.content.decode()
    marker = "data-line-group-code>" if "group" in action else "data-line-code>"
    return page.split(marker, 1)[1].split("<", 1)[0].strip()


def replies(stub) -> list[str]:
    return [r["texts"][0] for r in stub.requests if r["what"] == "reply"]


def test_a_code_from_the_settings_page_sent_to_the_bot_links_the_users_line(personas, stub):
    browser = personas.client_for(personas.district_officer)
    page = browser.get(reverse("accounts:preferences")).content.decode()
    assert "เชื่อมต่อ LINE" in page
    code = code_from_settings_page(browser)
    assert len(code) == 6 and code.isdigit()

    response = webhook(Client(), [text_event(code, user_source(MUEANG_LINE))])

    assert response.status_code == 200
    account = LineAccount.objects.get(user=personas.district_officer)
    assert account.line_user_id == MUEANG_LINE
    assert "เชื่อมต่อกับบัญชี TambonPlan" in replies(stub)[0]
    assert "เชื่อมต่อแล้วตั้งแต่" in browser.get(reverse("accounts:preferences")).content.decode()
    # The code was good once.
    webhook(Client(), [text_event(code, user_source("U" + "8" * 32))])
    assert not LineAccount.objects.filter(line_user_id="U" + "8" * 32).exists()
    assert "ไม่ถูกต้องหรือหมดอายุ" in replies(stub)[-1]


def test_thai_digits_and_spaces_in_the_code_are_read(personas):
    code, _expires = services.line_code_new(user=personas.district_officer, purpose=LinkPurpose.USER)
    thai = code.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    webhook(Client(), [text_event(f"{thai[:3]} {thai[3:]}", user_source(MUEANG_LINE))])
    assert LineAccount.objects.filter(user=personas.district_officer).exists()


def test_an_expired_code_links_nothing(personas):
    earlier = timezone.now() - timedelta(minutes=11)
    code, _expires = services.line_code_new(
        user=personas.district_officer, purpose=LinkPurpose.USER, now=earlier
    )
    webhook(Client(), [text_event(code, user_source(MUEANG_LINE))])
    assert not LineAccount.objects.exists()


@pytest.mark.parametrize("signature", [None, "", "bm90IHRoZSBzaWduYXR1cmU=", "wrong"])
def test_an_unsigned_or_wrongly_signed_request_is_refused_and_changes_nothing(personas, stub, signature):
    code, _expires = services.line_code_new(user=personas.district_officer, purpose=LinkPurpose.USER)
    LineAccount.objects.create(user=personas.other_district_officer, line_user_id="U" + "5" * 32)
    events = [text_event(code, user_source(MUEANG_LINE)), unfollow_event("U" + "5" * 32)]

    response = webhook(Client(), events, signature=signature, sign=signature is not None)

    assert response.status_code == (400 if not signature else 403)
    assert not LineAccount.objects.filter(user=personas.district_officer).exists()
    assert LineAccount.objects.filter(user=personas.other_district_officer).exists()
    assert not WebhookEvent.objects.exists()
    assert LinkCode.objects.get().used_at is None
    assert stub.requests == []


def test_a_request_signed_with_another_secret_is_refused(personas):
    code, _expires = services.line_code_new(user=personas.district_officer, purpose=LinkPurpose.USER)
    body_events = [text_event(code, user_source(MUEANG_LINE))]
    body = json.dumps({"destination": "Ubot", "events": body_events}).encode()
    response = Client().post(
        "/line/webhook/",
        body,
        content_type="application/json",
        HTTP_X_LINE_SIGNATURE=signature_of(body, secret="another-secret"),
    )
    assert response.status_code == 403
    assert not LineAccount.objects.exists()


def test_without_a_channel_secret_every_request_is_refused(personas, settings):
    settings.LINE_CHANNEL_SECRET = ""
    assert webhook(Client(), [follow_event(MUEANG_LINE)]).status_code == 403
    assert not WebhookEvent.objects.exists()


def test_a_redelivered_event_is_handled_once(personas, stub):
    code, _expires = services.line_code_new(user=personas.district_officer, purpose=LinkPurpose.USER)
    event = text_event(code, user_source(MUEANG_LINE), event_id="01HREDELIVERED")
    webhook(Client(), [event])
    redelivered = dict(event, deliveryContext={"isRedelivery": True})

    assert webhook(Client(), [redelivered]).status_code == 200

    assert LineAccount.objects.count() == 1
    assert len(replies(stub)) == 1  # no "wrong code" answer to the redelivery
    assert WebhookEvent.objects.filter(event_id="01HREDELIVERED").count() == 1


def test_blocking_the_bot_unlinks_the_user(linked):
    webhook(Client(), [unfollow_event(MUEANG_LINE)])
    assert not LineAccount.objects.filter(user=linked.district_officer).exists()
    assert LineAccount.objects.filter(user=linked.other_district_officer).exists()


def test_unlinking_from_the_settings_page(linked):
    browser = linked.client_for(linked.district_officer)
    response = browser.post(reverse("notifications:line_unlink"), follow=True)
    assert "ยกเลิกการเชื่อมต่อ LINE แล้ว" in response.content.decode()
    assert not LineAccount.objects.filter(user=linked.district_officer).exists()


def test_following_the_bot_answers_how_to_link(personas, stub):
    webhook(Client(), [follow_event(MUEANG_LINE)])
    assert "เชื่อมต่อ LINE" in replies(stub)[0]
    assert not LineAccount.objects.exists()


def test_a_district_officer_links_the_districts_group_by_a_code_typed_in_the_group(personas, stub):
    browser = personas.client_for(personas.district_officer)
    webhook(Client(), [join_event(MUEANG_GROUP)])
    assert "รหัสเชื่อมต่อกลุ่ม" in replies(stub)[0]
    code = code_from_settings_page(browser, "notifications:line_group_link")

    # A number said in passing is not a code; the code alone is.
    webhook(Client(), [text_event(f"ประชุม {code} น.", group_source(MUEANG_GROUP))])
    assert not LineGroup.objects.exists()
    webhook(Client(), [text_event(code, group_source(MUEANG_GROUP))])

    group = LineGroup.objects.get()
    assert (group.area_code, group.group_id, group.linked_by) == (
        "3401",
        MUEANG_GROUP,
        personas.district_officer,
    )
    assert "อำเภอเมืองอุบลราชธานี" in replies(stub)[-1]
    assert "กลุ่ม LINE ของอำเภอเมืองอุบลราชธานี" in browser.get(reverse("accounts:preferences")).content.decode()
    # A user's code typed in a group links no one.
    user_code, _expires = services.line_code_new(user=personas.tambon_officer, purpose=LinkPurpose.USER)
    webhook(Client(), [text_event(user_code, group_source(MUEANG_GROUP))])
    assert not LineAccount.objects.exists()
    # The bot removed from the group: unlinked.
    webhook(Client(), [leave_event(MUEANG_GROUP)])
    assert not LineGroup.objects.exists()


def test_only_district_and_province_officers_link_an_areas_group(personas):
    tambon = personas.client_for(personas.tambon_officer)
    assert tambon.post(reverse("notifications:line_group_link")).status_code == 403
    assert "กลุ่ม LINE ของ" not in tambon.get(reverse("accounts:preferences")).content.decode()
    province = personas.client_for(personas.province_officer)
    code = code_from_settings_page(province, "notifications:line_group_link")
    webhook(Client(), [text_event(code, group_source(MUEANG_GROUP))])
    assert LineGroup.objects.get().area_code == "34"


def test_guessing_codes_stops_after_ten_wrong_ones(personas):
    code, _expires = services.line_code_new(user=personas.district_officer, purpose=LinkPurpose.USER)
    wrong = [f"{n:06d}" for n in range(12) if f"{n:06d}" != code][:10]
    webhook(Client(), [text_event(guess, user_source(MUEANG_LINE)) for guess in wrong])
    webhook(Client(), [text_event(code, user_source(MUEANG_LINE))])
    assert not LineAccount.objects.exists()


def test_without_a_line_official_account_the_settings_page_says_so(personas, settings):
    settings.LINE_CHANNEL_ACCESS_TOKEN = ""
    browser = personas.client_for(personas.district_officer)
    page = browser.get(reverse("accounts:preferences")).content.decode()
    assert "ยังไม่ได้ตั้งค่า LINE Official Account" in page
    response = browser.post(reverse("notifications:line_link"), follow=True)
    assert "ยังไม่ได้ตั้งค่า LINE Official Account" in response.content.decode()
    assert not LinkCode.objects.exists()
