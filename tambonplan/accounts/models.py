"""Users, their roles and the area each is bound to."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tambonplan.accounts.scope import ScopedQuerySet
from tambonplan.areas.models import District, Province, Tambon
from tambonplan.core import crypto
from tambonplan.core.history import HistoryChannel


class Role(models.TextChoices):
    ADMIN = "admin", _("ผู้ดูแลระบบ")
    DEPARTMENT = "department", _("กรมการพัฒนาชุมชน (ส่วนกลาง)")
    PROVINCE = "province", _("เจ้าหน้าที่สำนักงานพัฒนาชุมชนจังหวัด")
    DISTRICT = "district", _("เจ้าหน้าที่สำนักงานพัฒนาชุมชนอำเภอ")
    TAMBON = "tambon", _("พัฒนากรประจำตำบล")
    VIEWER = "viewer", _("ผู้ดูข้อมูล (อ่านอย่างเดียว)")
    PARTNER = "partner", _("ภาคีการพัฒนา (ดูข้อมูลของตนเอง)")


EDITOR_ROLES = (Role.ADMIN, Role.PROVINCE, Role.DISTRICT, Role.TAMBON)
TOTP_ROLES = (Role.ADMIN, Role.DEPARTMENT, Role.PROVINCE)


class DigitStyle(models.TextChoices):
    ARABIC = "arabic", _("เลขอารบิก (0123)")
    THAI = "thai", _("เลขไทย (๐๑๒๓)")


class ScopedUserManager(UserManager.from_queryset(ScopedQuerySet)):
    """Django's user manager with ``.in_scope(user)``; a named class so migrations can serialise it."""


class User(AbstractUser):
    role = models.CharField(_("บทบาท"), max_length=20, choices=Role.choices, default=Role.VIEWER)
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("จังหวัด"),
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("อำเภอ"),
    )
    tambons = models.ManyToManyField(
        Tambon, blank=True, related_name="officers", verbose_name=_("ตำบลที่รับผิดชอบ")
    )
    partner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("ภาคีการพัฒนา"),
    )
    position = models.CharField(_("ตำแหน่ง"), max_length=150, blank=True)
    phone = models.CharField(_("โทรศัพท์"), max_length=30, blank=True)
    digit_style = models.CharField(
        _("รูปแบบตัวเลขบนหน้าจอ"), max_length=10, choices=DigitStyle.choices, default=DigitStyle.ARABIC
    )
    # The base32 secret of the user's authenticator app, encrypted (tambonplan.core.crypto); empty while
    # two-factor login is off. Read it with `totp_secret`.
    totp_secret_encrypted = models.CharField(
        _("รหัสลับการยืนยันตัวตนสองขั้นตอน (เข้ารหัส)"), max_length=255, blank=True, editable=False
    )
    # The last 30-second step whose code was accepted: a code is good once (replay), across restarts.
    totp_last_step = models.BigIntegerField(null=True, blank=True, editable=False)
    history = HistoricalRecords(
        bases=[HistoryChannel],
        excluded_fields=["last_login", "password", "totp_secret_encrypted", "totp_last_step"],
        m2m_fields=[tambons],
    )

    objects = ScopedUserManager()
    scope_paths = {"province": "province_id", "district": "district_id"}
    scope_sees_above = False  # officers see the users of their area, not those of the areas above

    class Meta:
        ordering = ["username"]
        verbose_name = _("ผู้ใช้")
        verbose_name_plural = _("ผู้ใช้")

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def area_code(self) -> str:
        """The code of the area the user is bound to; empty for national users."""
        return self.district_id or self.province_id or ""

    @property
    def can_edit(self) -> bool:
        return self.is_active and (self.is_superuser or self.role in EDITOR_ROLES)

    @property
    def can_use_totp(self) -> bool:
        """Province officers, Department users and administrators may turn on two-factor login."""
        return self.is_superuser or self.role in TOTP_ROLES

    @property
    def totp_enabled(self) -> bool:
        return bool(self.totp_secret_encrypted)

    @property
    def totp_secret(self) -> str:
        """The authenticator secret in clear; raises crypto.DecryptionError when the keys cannot read it."""
        return crypto.decrypt(self.totp_secret_encrypted) if self.totp_secret_encrypted else ""

    @property
    def is_area_manager(self) -> bool:
        """Province and district officers (and administrators) manage the users and villages of their area."""
        return self.is_active and (
            self.is_superuser or self.role in (Role.ADMIN, Role.PROVINCE, Role.DISTRICT)
        )

    def clean(self):
        super().clean()
        if self.district_id:
            self.province_id = self.district_id[:2]
        if self.role == Role.PROVINCE and not self.province_id:
            raise ValidationError({"province": _("เจ้าหน้าที่จังหวัดต้องระบุจังหวัด")})
        if self.role in (Role.DISTRICT, Role.TAMBON) and not self.district_id:
            raise ValidationError({"district": _("เจ้าหน้าที่อำเภอและพัฒนากรต้องระบุอำเภอ")})
        if self.role in (Role.ADMIN, Role.DEPARTMENT) and (self.province_id or self.district_id):
            raise ValidationError({"province": _("บทบาทระดับประเทศไม่ผูกกับจังหวัดหรืออำเภอ")})
        if self.role == Role.PARTNER and not self.partner_id:
            raise ValidationError({"partner": _("ผู้ใช้ของภาคีการพัฒนาต้องระบุภาคี")})
        if self.role != Role.PARTNER and self.partner_id:
            raise ValidationError({"partner": _("ระบุภาคีได้เฉพาะผู้ใช้บทบาทภาคีการพัฒนา")})


class BackupCode(models.Model):
    """A one-time code for two-factor login without the phone; only its SHA-256 digest is stored (the code
    is shown once, when made). Used codes are kept with `used_at` so the count of those left is honest."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="backup_codes")
    digest = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "digest"], name="backup_code_once_per_user")]

    def __str__(self):
        return f"{self.user} {'used' if self.used_at else 'unused'}"
