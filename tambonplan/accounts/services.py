"""Every write to user accounts.

Province officers manage their province's users, district officers their district's.
"""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tambonplan.accounts import password_reset, totp
from tambonplan.accounts.models import BackupCode, Role, User
from tambonplan.accounts.scope import NATION, PROVINCE, scope_of
from tambonplan.core import crypto

logger = logging.getLogger("tambonplan.accounts.password_reset")

# The reason shown in the user's history when the password was set through a reset link (stored as written).
PASSWORD_RESET_REASON = "ตั้งรหัสผ่านใหม่ด้วยลิงก์ตั้งรหัสผ่าน"


def assignable_roles(actor: User) -> list[str]:
    """The roles this user may give to the users it manages."""
    if not actor.is_area_manager:
        return []
    level = scope_of(actor).level
    if level == NATION:
        return list(Role.values)
    if level == PROVINCE:
        return [Role.PROVINCE, Role.DISTRICT, Role.TAMBON, Role.VIEWER, Role.PARTNER]
    return [Role.DISTRICT, Role.TAMBON, Role.VIEWER]


def _require_manages(actor: User, user: User) -> None:
    """The same rule as the user list: a manager changes only users bound inside its own area."""
    if not actor.is_area_manager or not User.objects.in_scope(actor).filter(pk=user.pk).exists():
        raise PermissionDenied


def _check_assignment(*, actor: User, role: str, province, district, tambons, partner=None) -> None:
    if role not in assignable_roles(actor):
        raise PermissionDenied(_("ท่านไม่มีสิทธิ์กำหนดบทบาทนี้"))
    scope = scope_of(actor)
    errors = {}
    if role == Role.PARTNER:
        # A partner's user is bound to its partner only, which must be registered in the manager's province.
        if partner is None:
            errors["partner"] = _("ผู้ใช้ของภาคีการพัฒนาต้องระบุภาคี")
        elif not scope.contains(partner.province_id):
            errors["partner"] = _("ภาคีต้องขึ้นทะเบียนในจังหวัดของท่าน")
        if errors:
            raise ValidationError(errors)
        return
    if scope.level == PROVINCE:
        area = district or province
        if area is None or area.code[:2] != scope.province_code:
            errors["province"] = _("ผู้ใช้ต้องอยู่ในจังหวัดของท่าน")
    elif scope.level != NATION and (district is None or district.code != scope.district_code):
        errors["district"] = _("ผู้ใช้ต้องอยู่ในอำเภอของท่าน")
    if role == Role.TAMBON:
        if not tambons:
            errors["tambons"] = _("พัฒนากรต้องมีตำบลที่รับผิดชอบอย่างน้อย 1 ตำบล")
        elif district is not None and any(t.district_id != district.code for t in tambons):
            errors["tambons"] = _("ตำบลที่รับผิดชอบต้องอยู่ในอำเภอที่เลือก")
    if errors:
        raise ValidationError(errors)


def _apply(user: User, *, role, province, district, tambons, fields: dict, partner=None) -> User:
    for name, value in fields.items():
        setattr(user, name, value)
    user.role = role
    if role == Role.PARTNER:
        user.partner = partner
        user.district = None
        user.province = partner.province
    else:
        user.partner = None
        user.district = district
        user.province = district.province if district is not None else province
    user.full_clean(exclude=["password"] if not user.password else None)
    user.save()
    user.tambons.set(tambons if role == Role.TAMBON else [])
    return user


@transaction.atomic
def user_create(
    *,
    actor: User,
    username: str,
    password: str,
    role: str,
    province=None,
    district=None,
    tambons=(),
    partner=None,
    **fields,
) -> User:
    _check_assignment(
        actor=actor, role=role, province=province, district=district, tambons=tambons, partner=partner
    )
    user = User(username=username)
    user.set_password(password)
    return _apply(
        user, role=role, province=province, district=district, tambons=tambons, fields=fields, partner=partner
    )


@transaction.atomic
def user_update(
    *, actor: User, user: User, role: str, province=None, district=None, tambons=(), partner=None, **fields
) -> User:
    _require_manages(actor, user)
    if user.pk == actor.pk and role != actor.role:
        raise ValidationError({"role": _("ไม่สามารถเปลี่ยนบทบาทของตนเองได้")})
    _check_assignment(
        actor=actor, role=role, province=province, district=district, tambons=tambons, partner=partner
    )
    return _apply(
        user, role=role, province=province, district=district, tambons=tambons, fields=fields, partner=partner
    )


@transaction.atomic
def user_set_preferences(*, user: User, digit_style: str) -> User:
    user.digit_style = digit_style
    user.full_clean(exclude=["password"])
    user.save(update_fields=["digit_style"])
    return user


def user_password_reset_link(*, actor: User, user: User) -> str:
    """A one-time link (password_reset.reset_link) for a user the manager manages, to hand over when the user
    has no e-mail. Refused for the manager's own account, a suspended user, and over the hourly limit."""
    _require_manages(actor, user)
    if user.is_superuser and not actor.is_superuser:
        raise PermissionDenied
    if user.pk == actor.pk:
        raise ValidationError(_("บัญชีของท่านเองให้เปลี่ยนรหัสผ่านที่เมนูความปลอดภัยของบัญชี"))
    if not user.is_active:
        raise ValidationError(_("บัญชีนี้ถูกระงับอยู่ เปิดใช้งานก่อนจึงจะสร้างลิงก์ตั้งรหัสผ่านใหม่ได้"))
    if not password_reset.manager_link_allowed(actor, user):
        logger.warning(
            "password reset link refused: %r asked for user %r too often", actor.username, user.username
        )
        raise ValidationError(password_reset.limited_message())
    logger.info("password reset link made by %r for user %r", actor.username, user.username)
    return password_reset.reset_link(user)


@transaction.atomic
def user_password_reset(*, user: User, password: str) -> User:
    """Sets the password chosen through a reset link; the link then stops working (its token is made from the
    password hash). Every other session of the user ends: Django checks each session against the password
    hash. Two-factor login stays as it was. The user's history records the change with its reason."""
    user.set_password(password)
    user._change_reason = PASSWORD_RESET_REASON
    user.save(update_fields=["password"])
    return user


def user_enable_totp(*, user: User, secret: str) -> User:
    """Turns on two-factor login with the secret the user's authenticator app has confirmed."""
    if not user.can_use_totp:
        raise PermissionDenied
    user.totp_secret_encrypted = crypto.encrypt(secret)
    user.save(update_fields=["totp_secret_encrypted"])
    return user


@transaction.atomic
def user_disable_totp(*, user: User) -> User:
    user.totp_secret_encrypted = ""
    user.save(update_fields=["totp_secret_encrypted"])
    user.backup_codes.all().delete()
    return user


@transaction.atomic
def user_backup_codes_new(*, user: User) -> list[str]:
    """A new set of one-time backup codes for a user with two-factor login on; the old set stops working.
    The codes are returned to be shown once: only their digests are kept."""
    if not user.totp_enabled:
        raise PermissionDenied
    codes = [totp.new_backup_code() for _ in range(totp.BACKUP_COUNT)]
    user.backup_codes.all().delete()
    BackupCode.objects.bulk_create(BackupCode(user=user, digest=totp.backup_digest(code)) for code in codes)
    return codes


def user_backup_code_use(*, user: User, code: str) -> bool:
    """True when `code` is one of the user's unused backup codes, which is then used up (one conditional
    UPDATE: the same code cannot log in twice, even at the same moment)."""
    if totp.clean_backup_code(code) is None:
        return False
    unused = BackupCode.objects.filter(user=user, digest=totp.backup_digest(code), used_at__isnull=True)
    return unused.update(used_at=timezone.now()) == 1


def users_reencrypt_totp_secrets() -> int:
    """Encrypt every stored two-factor secret again with the first of FIELD_ENCRYPTION_KEYS (rotation);
    the number of users changed. All or nothing: a secret no key can read stops it before any write."""
    users = list(User.objects.exclude(totp_secret_encrypted="").only("pk", "totp_secret_encrypted"))
    for user in users:
        user.totp_secret_encrypted = crypto.reencrypt(user.totp_secret_encrypted)
    with transaction.atomic():
        User.objects.bulk_update(users, ["totp_secret_encrypted"], batch_size=500)
    return len(users)
