"""The LINE Official Account's webhook: what users and groups say to the bot.

LINE signs every request with the channel secret (X-Line-Signature: HMAC-SHA256 of the raw body, base64);
``parse_webhook`` checks it with the official SDK before anything is read, so an unsigned or wrongly signed
request changes nothing. Each event is handled once: its ``webhookEventId`` is recorded in the same
transaction as its effect, so a redelivered event is skipped.

- A user sends a one-time code (from "เชื่อมต่อ LINE" on their settings page) in a chat with the bot: their
  LINE user id is linked to their account. A code typed in a group the bot has joined, made by a district or
  province officer for their area's group, links the group to the area.
- Unfollowing (blocking) the bot unlinks the user; the bot leaving a group unlinks the group.
- Following the bot or being invited to a group answers with how to link.
Wrong codes are counted per LINE user or group: past ``MAX_WRONG_CODES`` in an hour, codes are not read.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from linebot.v3 import WebhookParser
from linebot.v3.exceptions import InvalidSignatureError
from linebot.v3.webhooks import (
    FollowEvent,
    GroupSource,
    JoinEvent,
    LeaveEvent,
    MessageEvent,
    TextMessageContent,
    UnfollowEvent,
    UserSource,
)

from tambonplan.core import counters
from tambonplan.notifications.channels import SendError, line_reply
from tambonplan.notifications.models import LineAccount, LineGroup, LinkCode, LinkPurpose, WebhookEvent
from tambonplan.notifications.selectors import area_label
from tambonplan.notifications.services import LINK_CODE_DIGITS, code_digest
from tambonplan.thai.digits import to_arabic_digits

logger = logging.getLogger(__name__)

MAX_WRONG_CODES = 10
WRONG_CODE_WINDOW_SECONDS = 3600


class BadSignature(Exception):
    """The request is not signed with the channel secret."""


def parse_webhook(body: bytes, signature: str) -> list:
    """The events of a signed webhook request. Raises BadSignature for a missing or wrong signature (or no
    channel secret configured), ValueError for a signed body that is not LINE's JSON."""
    secret = settings.LINE_CHANNEL_SECRET
    if not secret or not signature:
        raise BadSignature
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadSignature from error
    try:
        return WebhookParser(secret).parse(text, signature)
    except InvalidSignatureError as error:
        raise BadSignature from error
    except (KeyError, TypeError, AttributeError) as error:
        raise ValueError(str(error)) from error


@dataclass
class Reply:
    token: str
    text: str


def handle_events(events: list) -> int:
    """Handle each event once; answer in the chat after the change is committed. Returns how many events
    were new."""
    handled = 0
    for event in events:
        event_id = getattr(event, "webhook_event_id", None)
        if not event_id or getattr(event, "mode", "active") == "standby":
            continue
        with transaction.atomic():
            try:
                with transaction.atomic():
                    WebhookEvent.objects.create(event_id=event_id)
            except IntegrityError:
                continue  # redelivered: handled already
            with translation.override(settings.LANGUAGE_CODE):
                reply = _handle(event)
        handled += 1
        if reply is not None:
            try:
                line_reply(reply.token, reply.text)
            except SendError as error:
                logger.warning("LINE reply failed: %s", error)
    return handled


def _handle(event) -> Reply | None:
    source = event.source
    if isinstance(event, UnfollowEvent) and isinstance(source, UserSource):
        LineAccount.objects.filter(line_user_id=source.user_id).delete()
        return None
    if isinstance(event, LeaveEvent) and isinstance(source, GroupSource):
        LineGroup.objects.filter(group_id=source.group_id).delete()
        return None
    token = getattr(event, "reply_token", None) or ""
    if isinstance(event, FollowEvent):
        return Reply(token, _welcome_text())
    if isinstance(event, JoinEvent) and isinstance(source, GroupSource):
        return Reply(token, _join_text())
    if isinstance(event, MessageEvent) and isinstance(event.message, TextMessageContent):
        code = _code_in(event.message.text)
        if isinstance(source, UserSource):
            if code is None:
                return Reply(token, _welcome_text())
            return Reply(token, _link_user(source.user_id, code))
        if isinstance(source, GroupSource) and code is not None:
            return Reply(token, _link_group(source.group_id, code))
    return None


def _join_text() -> str:
    return _(
        "สวัสดีครับ เจ้าหน้าที่สำนักงานพัฒนาชุมชนอำเภอหรือจังหวัด ขอรหัสเชื่อมต่อกลุ่มในหน้าตั้งค่าของ TambonPlan "
        "แล้วพิมพ์รหัสนั้นในกลุ่มนี้ กลุ่มจะได้รับการแจ้งเตือนของพื้นที่"
    )


def _welcome_text() -> str:
    return _(
        "ยินดีต้อนรับสู่การแจ้งเตือนของ TambonPlan: เปิดหน้าตั้งค่าของท่านใน TambonPlan กด “เชื่อมต่อ LINE” "
        "แล้วส่งรหัส 6 หลักที่ได้มาที่นี่ภายใน 10 นาที"
    )


def _code_in(text: str) -> str | None:
    """The message is a code when, without spaces and dashes, it is exactly the code's digits (Thai digits
    read too): a number said in passing in a group is not one."""
    compact = to_arabic_digits(text or "").replace(" ", "").replace("-", "")
    return compact if len(compact) == LINK_CODE_DIGITS and compact.isdigit() else None


def _take_code(source_id: str, code: str, purpose: str) -> LinkCode | None:
    """The live code of this purpose, marked used; None (and a wrong try counted) when there is none, or too
    many wrong codes came from this LINE user or group within the hour."""
    key = f"notifications:line-code:{source_id}"
    if counters.count(key) >= MAX_WRONG_CODES:
        return None
    now = timezone.now()
    found = (
        LinkCode.objects.select_for_update(of=("self",))
        .select_related("user")
        .filter(digest=code_digest(code), purpose=purpose, used_at__isnull=True, expires_at__gt=now)
        .first()
    )
    if found is None or not found.user.is_active:
        counters.hit(key, window_seconds=WRONG_CODE_WINDOW_SECONDS)
        return None
    found.used_at = now
    found.save(update_fields=["used_at"])
    return found


def _wrong_code_text() -> str:
    return _("รหัสไม่ถูกต้องหรือหมดอายุแล้ว ขอรหัสใหม่ได้ที่หน้าตั้งค่าของ TambonPlan (รหัสใช้ได้ครั้งเดียว ภายใน 10 นาที)")


def _link_user(line_user_id: str, code: str) -> str:
    found = _take_code(line_user_id, code, LinkPurpose.USER)
    if found is None:
        return _wrong_code_text()
    LineAccount.objects.filter(line_user_id=line_user_id).exclude(user=found.user).delete()
    LineAccount.objects.update_or_create(
        user=found.user,
        defaults={"line_user_id": line_user_id, "linked_at": timezone.now(), "is_demo": False},
    )
    return _("เชื่อมต่อกับบัญชี TambonPlan ของ %(name)s แล้ว การแจ้งเตือนจะส่งมาที่นี่ ยกเลิกได้ที่หน้าตั้งค่าหรือบล็อกบัญชีนี้") % {
        "name": str(found.user)
    }


def _link_group(group_id: str, code: str) -> str:
    found = _take_code(group_id, code, LinkPurpose.GROUP)
    if found is None:
        return _wrong_code_text()
    LineGroup.objects.filter(group_id=group_id).exclude(area_code=found.area_code).delete()
    LineGroup.objects.update_or_create(
        area_code=found.area_code,
        defaults={
            "group_id": group_id,
            "linked_by": found.user,
            "linked_at": timezone.now(),
            "is_demo": False,
        },
    )
    return _("กลุ่มนี้จะได้รับการแจ้งเตือนของ%(area)s จาก TambonPlan แล้ว") % {"area": area_label(found.area_code)}
