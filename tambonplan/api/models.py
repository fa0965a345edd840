"""Per-user API tokens. Only a SHA-256 digest of the secret is stored; the secret is shown once, when made."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def digest_of(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("ชื่อโทเค็น"), max_length=100)
    prefix = models.CharField(_("ขึ้นต้นด้วย"), max_length=12)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    can_write = models.BooleanField(_("บันทึกข้อมูลได้"), default=False)
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    expires_on = models.DateField(_("หมดอายุ"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("ใช้ล่าสุด"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("เพิกถอนเมื่อ"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("โทเค็น API")
        verbose_name_plural = _("โทเค็น API")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
