"""Notifications: what a user is told in the site (``Notification``), what goes out by LINE or e-mail
(``Delivery``, at most once per event, recipient and channel), the LINE links of users and of area groups,
and the users' and provinces' choices."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tambonplan.areas.models import Province
from tambonplan.notifications.kinds import Channel, Kind


class Notification(models.Model):
    """One event told to one user in the site: the bell counts the unread ones."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("เรื่อง"), max_length=30, choices=Kind.choices)
    event_key = models.CharField(max_length=200)
    title = models.CharField(_("หัวข้อ"), max_length=300)
    body = models.TextField(_("รายละเอียด"), blank=True)
    path = models.CharField(max_length=500)  # the item's page on this site
    area_code = models.CharField(max_length=8, blank=True)
    created_at = models.DateTimeField(_("เมื่อ"), default=timezone.now)
    read_at = models.DateTimeField(_("อ่านเมื่อ"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("การแจ้งเตือนในระบบ")
        verbose_name_plural = _("การแจ้งเตือนในระบบ")
        constraints = [
            models.UniqueConstraint(fields=["event_key", "user"], name="notification_once_per_user")
        ]
        indexes = [
            models.Index(fields=["user", "read_at"], name="notification_unread"),
            models.Index(fields=["user", "-created_at"], name="notification_newest"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class LineAccount(models.Model):
    """A user's LINE account, linked by a one-time code sent to the Official Account."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="line_account"
    )
    line_user_id = models.CharField(max_length=64, unique=True)
    linked_at = models.DateTimeField(default=timezone.now)
    is_demo = models.BooleanField(default=False)  # a made-up id of the demo data: LINE knows no such user

    class Meta:
        verbose_name = _("บัญชี LINE ของผู้ใช้")
        verbose_name_plural = _("บัญชี LINE ของผู้ใช้")

    def __str__(self):
        return f"{self.user} ↔ {self.line_user_id}"


class LineGroup(models.Model):
    """The LINE group of a district's (or a province's) office: the area's messages go there too."""

    area_code = models.CharField(_("รหัสพื้นที่"), max_length=4, unique=True)
    group_id = models.CharField(max_length=64, unique=True)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    linked_at = models.DateTimeField(default=timezone.now)
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("กลุ่ม LINE ของพื้นที่")
        verbose_name_plural = _("กลุ่ม LINE ของพื้นที่")

    def __str__(self):
        return f"{self.area_code} ↔ {self.group_id}"


class LinkPurpose(models.TextChoices):
    USER = "user", _("บัญชี LINE ของผู้ใช้")
    GROUP = "group", _("กลุ่ม LINE ของพื้นที่")


class LinkCode(models.Model):
    """A one-time code that links a LINE user (or group) once typed to the Official Account; only its digest
    is kept."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    purpose = models.CharField(max_length=5, choices=LinkPurpose.choices)
    area_code = models.CharField(max_length=4, blank=True)  # a group's area
    digest = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("รหัสเชื่อมต่อ LINE")
        verbose_name_plural = _("รหัสเชื่อมต่อ LINE")

    def __str__(self):
        return f"{self.user} {self.purpose} {self.expires_at:%Y-%m-%d %H:%M}"


class WebhookEvent(models.Model):
    """A LINE webhook event already handled: a redelivered one (same webhookEventId) changes nothing."""

    event_id = models.CharField(max_length=100, unique=True)
    received_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self):
        return self.event_id


class Preference(models.Model):
    """A user's choice for one kind on one channel; without a row, the role's default holds."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    enabled = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "channel"], name="preference_once"),
            models.CheckConstraint(condition=~Q(channel=Channel.IN_APP), name="preference_not_in_app"),
        ]

    def __str__(self):
        return f"{self.user} {self.kind} {self.channel} {self.enabled}"


class ProvincePolicy(models.Model):
    """A province's rule for its users' notifications."""

    province = models.OneToOneField(
        Province, on_delete=models.CASCADE, primary_key=True, related_name="notification_policy"
    )
    deadline_reminders_mandatory = models.BooleanField(_("บังคับแจ้งเตือนกำหนดส่งรายงานผล"), default=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("นโยบายการแจ้งเตือนของจังหวัด")
        verbose_name_plural = _("นโยบายการแจ้งเตือนของจังหวัด")

    def __str__(self):
        return str(self.province)


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("รอส่ง")
    RETRYING = "retrying", _("ส่งไม่สำเร็จ รอส่งใหม่")
    SENT = "sent", _("ส่งแล้ว")
    FAILED = "failed", _("ส่งไม่สำเร็จ เลิกส่ง")
    SKIPPED = "skipped", _("ไม่ส่ง (ไม่มีปลายทาง)")


OPEN_STATUSES = (DeliveryStatus.PENDING, DeliveryStatus.RETRYING)


class Digest(models.Model):
    """A day's digest sent to one recipient on one channel: at most one per day."""

    channel = models.CharField(max_length=10, choices=Channel.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+")
    group = models.ForeignKey(LineGroup, on_delete=models.CASCADE, null=True, related_name="+")
    day = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "user", "day"],
                condition=Q(user__isnull=False),
                name="digest_once_per_user",
            ),
            models.UniqueConstraint(
                fields=["channel", "group", "day"],
                condition=Q(group__isnull=False),
                name="digest_once_per_group",
            ),
        ]

    def __str__(self):
        return f"{self.channel} {self.user_id or self.group_id} {self.day}"


class Delivery(models.Model):
    """One event sent to one recipient (a user, or an area's LINE group) on one channel: made once (the
    unique key), sent by a task after commit, retried with backoff on failure."""

    event_key = models.CharField(max_length=200)
    kind = models.CharField(_("เรื่อง"), max_length=30, choices=Kind.choices)
    channel = models.CharField(_("ช่องทาง"), max_length=10, choices=Channel.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    group = models.ForeignKey(LineGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    recipient = models.CharField(_("ผู้รับ"), max_length=200)  # as it was when made (a group may be unlinked)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    url = models.URLField(max_length=600)
    is_digest = models.BooleanField(default=False)  # a reminder: goes out in the recipient's daily digest
    digest = models.ForeignKey(
        Digest, on_delete=models.SET_NULL, null=True, blank=True, related_name="deliveries"
    )
    status = models.CharField(
        _("สถานะ"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("จำนวนครั้งที่ส่ง"), default=0)
    next_attempt_at = models.DateTimeField(_("ส่งครั้งต่อไป"), null=True, blank=True)
    last_error = models.TextField(_("ข้อผิดพลาดล่าสุด"), blank=True)
    sent_at = models.DateTimeField(_("ส่งเมื่อ"), null=True, blank=True)
    created_at = models.DateTimeField(_("สร้างเมื่อ"), default=timezone.now)
    retry_key = models.UUIDField(default=uuid.uuid4, editable=False)  # LINE's X-Line-Retry-Key

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("การส่งแจ้งเตือน")
        verbose_name_plural = _("การส่งแจ้งเตือน")
        constraints = [
            models.UniqueConstraint(
                fields=["event_key", "channel", "user"],
                condition=Q(user__isnull=False),
                name="delivery_once_per_user",
            ),
            models.UniqueConstraint(
                fields=["event_key", "channel", "group"],
                condition=Q(group__isnull=False),
                name="delivery_once_per_group",
            ),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="delivery_due")]

    def __str__(self):
        return f"{self.event_key} → {self.recipient} ({self.channel})"
