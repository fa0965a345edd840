"""Helpers of the notification tests: the LINE ids of the personas, the stub's pushes, and webhook requests
signed as LINE signs them."""

import base64
import hashlib
import hmac
import json
import uuid

SECRET = "test-channel-secret"
SITE = "https://tambonplan.example"
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MUEANG_LINE = "U" + "1" * 32
WARIN_LINE = "U" + "2" * 32
TAMBON_LINE = "U" + "3" * 32
MUEANG_GROUP = "C" + "1" * 32
WARIN_GROUP = "C" + "2" * 32


def pushes(stub, to: str | None = None) -> list[dict]:
    return [
        r
        for r in stub.requests
        if r["what"] == "push" and r["status"] == 200 and (to is None or r["to"] == to)
    ]


def signature_of(body: bytes, secret: str = SECRET) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def webhook(client, events: list[dict], *, signature: str | None = None, sign: bool = True):
    body = json.dumps({"destination": "Ubot", "events": events}).encode()
    headers = {}
    if sign:
        headers["HTTP_X_LINE_SIGNATURE"] = signature if signature is not None else signature_of(body)
    return client.post("/line/webhook/", body, content_type="application/json", **headers)


def _event(kind: str, source: dict, event_id: str | None = None, **fields) -> dict:
    return {
        "type": kind,
        "mode": "active",
        "timestamp": 1767225600000,
        "source": source,
        "webhookEventId": event_id or uuid.uuid4().hex.upper(),
        "deliveryContext": {"isRedelivery": False},
        **fields,
    }


def user_source(user_id: str) -> dict:
    return {"type": "user", "userId": user_id}


def group_source(group_id: str, user_id: str = "U" + "9" * 32) -> dict:
    return {"type": "group", "groupId": group_id, "userId": user_id}


def text_event(text: str, source: dict, event_id: str | None = None) -> dict:
    message = {"type": "text", "id": "1", "text": text, "quoteToken": "q"}
    return _event("message", source, event_id, replyToken="reply-" + uuid.uuid4().hex, message=message)


def follow_event(user_id: str) -> dict:
    return _event("follow", user_source(user_id), replyToken="reply-follow", follow={"isUnblocked": False})


def unfollow_event(user_id: str) -> dict:
    return _event("unfollow", user_source(user_id))


def join_event(group_id: str) -> dict:
    return _event("join", {"type": "group", "groupId": group_id}, replyToken="reply-join")


def leave_event(group_id: str) -> dict:
    return _event("leave", {"type": "group", "groupId": group_id})
