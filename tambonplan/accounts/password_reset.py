"""The rules of password reset links: how a link is built, how long it lives, how often one may be asked for.

A link carries Django's token (django.contrib.auth.tokens.default_token_generator): it is good for
PASSWORD_RESET_TIMEOUT seconds, and only once, because the token is computed from the password hash and the
last login, so setting the password (or logging in) ends it. Nothing about a link is stored.

Requests are counted in tambonplan.core.counters (like the login lockout), per hour: an e-mail address (or,
for links made by a manager, the user) gets PASSWORD_RESET_MAX_REQUESTS, a client address (or a manager)
PASSWORD_RESET_MAX_REQUESTS_PER_IP. Addresses that belong to no one are counted exactly like real ones, so the
answer tells nothing about which addresses exist.
"""

import hashlib
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from tambonplan.core import counters
from tambonplan.core.site_url import absolute_url

WINDOW_SECONDS = 3600


def confirm_link(uid: str, token: str) -> str:
    """The absolute link (on SITE_URL) of the page where a new password is set."""
    return absolute_url(reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token}))


def reset_link(user) -> str:
    """A new link that lets `user` set a new password."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return confirm_link(uid, default_token_generator.make_token(user))


def timeout_minutes() -> int:
    return settings.PASSWORD_RESET_TIMEOUT // 60


def link_expires_at() -> datetime:
    """When a link made now stops working."""
    return timezone.now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)


def limited_message() -> str:
    return _("ขอตั้งรหัสผ่านใหม่บ่อยเกินไป กรุณารอประมาณ 1 ชั่วโมงแล้วลองใหม่ หรือติดต่อเจ้าหน้าที่ผู้ดูแลผู้ใช้ในพื้นที่")


def _digest(text: str) -> str:
    return hashlib.sha256(text.strip().lower().encode("utf-8")).hexdigest()[:32]


def _allowed(limits: list[tuple[str, int]]) -> bool:
    """True, and one more request counted on every key, unless a key has used up its limit this hour."""
    if any(counters.count(key) >= limit for key, limit in limits):
        return False
    for key, _limit in limits:
        counters.hit(key, window_seconds=WINDOW_SECONDS)
    return True


def email_request_allowed(email: str, ip: str) -> bool:
    """Counts one self-service request for `email` from the client address `ip`, unless over the limit."""
    return _allowed(
        [
            (f"password-reset:email:{_digest(email)}", settings.PASSWORD_RESET_MAX_REQUESTS),
            (f"password-reset:ip:{ip}", settings.PASSWORD_RESET_MAX_REQUESTS_PER_IP),
        ]
    )


def manager_link_allowed(actor, user) -> bool:
    """Counts one link made by the manager `actor` for `user`, unless over the limit."""
    return _allowed(
        [
            (f"password-reset:user:{user.pk}", settings.PASSWORD_RESET_MAX_REQUESTS),
            (f"password-reset:manager:{actor.pk}", settings.PASSWORD_RESET_MAX_REQUESTS_PER_IP),
        ]
    )
