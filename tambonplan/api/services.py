"""Writes of the API app: making and revoking a user's own API tokens."""

import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tambonplan.accounts.models import Role
from tambonplan.api.models import ApiToken, digest_of

SECRET_PREFIX = "tp_"
MAX_ACTIVE_TOKENS = 10
# last_used_at is written at most this often per token, not on every request.
LAST_USED_RESOLUTION = timedelta(minutes=5)


def may_use_api(user) -> bool:
    """Office staff of every role; a partner's own users have the partner portal only."""
    return bool(user.is_authenticated and user.is_active and user.role != Role.PARTNER)


@transaction.atomic
def token_create(*, user, name: str, can_write: bool = False, expires_on=None) -> tuple[ApiToken, str]:
    """A new token for `user`; returns it with its secret, which is never stored and never shown again.

    A token acts as its user: the same area scope and role. A write token needs a user who may edit."""
    if not may_use_api(user):
        raise PermissionDenied
    name = (name or "").strip()
    errors = []
    if not name:
        errors.append(_("กรุณาตั้งชื่อโทเค็น เช่น ชื่อระบบหรือสคริปต์ที่จะใช้"))
    if can_write and not user.can_edit:
        errors.append(_("บัญชีของท่านอ่านข้อมูลได้อย่างเดียว จึงสร้างโทเค็นที่บันทึกข้อมูลได้ไม่ได้"))
    if expires_on is not None and expires_on <= timezone.localdate():
        errors.append(_("วันหมดอายุต้องเป็นวันหลังจากวันนี้"))
    active = ApiToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True)
    if active.count() >= MAX_ACTIVE_TOKENS:
        errors.append(
            _("มีโทเค็นที่ใช้งานได้ครบ %(count)s รายการแล้ว กรุณาเพิกถอนรายการที่ไม่ใช้ก่อน") % {"count": MAX_ACTIVE_TOKENS}
        )
    if errors:
        raise ValidationError(errors)
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        prefix=secret[:10],
        digest=digest_of(secret),
        can_write=can_write,
        expires_on=expires_on,
    )
    return token, secret


@transaction.atomic
def token_revoke(*, user, token: ApiToken) -> ApiToken:
    """Revoke one of the user's own tokens; from now on it is refused. Revoking twice changes nothing."""
    if token.user_id != user.pk:
        raise PermissionDenied
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_mark_used(token: ApiToken, now=None) -> None:
    now = now or timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
